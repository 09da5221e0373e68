import ArgumentParser

/// `--yes`: skip the confirmation that commands ask before acting on an account that is not a
/// practice account (see ``ConfirmationPolicy``). Without a terminal to ask on, such commands
/// refuse unless it is given.
struct ConfirmationOption: ParsableArguments, Sendable {
    @Flag(name: [.customLong("yes"), .customShort("y")], help: "Send without asking for confirmation, whatever the account.")
    var yes = false
}
