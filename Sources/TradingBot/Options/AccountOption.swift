import ArgumentParser

/// `--account`: the account a command acts on (places, changes, cancels or closes), by id or
/// exact name. Always explicit: a command that writes never falls back to the default account
/// that read commands use (``ReadAccountOption``).
struct AccountOption: ParsableArguments, Sendable {
    @Option(name: .customLong("account"), help: ArgumentHelp("The account, by id or exact name (see `trading-bot accounts`).", valueName: "id-or-name"))
    var account: String
}
