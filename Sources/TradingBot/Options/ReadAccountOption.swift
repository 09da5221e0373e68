import ArgumentParser

/// `--account` for commands that only read (`orders`, `positions`, `fills`, `order show`): by id
/// or exact name, and when absent the default account (`PROJECTX_ACCOUNT`,
/// `PROJECT_X_ACCOUNT_NAME`, the config file's `account`). Commands that place or change orders
/// take ``AccountOption`` instead, which never falls back to a default.
struct ReadAccountOption: ParsableArguments, Sendable {
    @Option(
        name: .customLong("account"),
        help: ArgumentHelp("The account, by id or exact name (default: PROJECTX_ACCOUNT or \"account\" in the config file).", valueName: "id-or-name")
    )
    var account: String?
}
