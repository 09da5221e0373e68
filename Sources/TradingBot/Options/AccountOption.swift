import ArgumentParser

/// `--account`: the account a command reads or acts on, by id or exact name. Always explicit:
/// the program never picks a default account.
struct AccountOption: ParsableArguments, Sendable {
    @Option(name: .customLong("account"), help: ArgumentHelp("The account, by id or exact name (see `trading-bot accounts`).", valueName: "id-or-name"))
    var account: String
}
