import ArgumentParser

/// `--yes`: skip the confirmation that commands ask before acting on an account that is not
/// simulated. Without a terminal to ask on, such commands refuse unless it is given.
struct ConfirmationOption: ParsableArguments, Sendable {
    @Flag(name: [.customLong("yes"), .customShort("y")], help: "Act on an account that is not simulated without asking for confirmation.")
    var yes = false
}
