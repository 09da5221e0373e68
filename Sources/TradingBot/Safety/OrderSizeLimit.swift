/// The largest size, in contracts, that an order, a modification or a partial close may have:
/// `--max-order-size` on the command, else `maxOrderSize` in the config file, else
/// ``defaultMaximum``.
///
/// The limit guards against a mistyped size (`--size 10` for `--size 1`), on every account,
/// practice included, so that a habit formed on practice is safe on a funded account. Closing a
/// whole position (`close` without `--size`, `flatten`) only reduces risk and is never limited.
///
/// ```swift
/// let limit = OrderSizeLimit(flag: nil, file: 5, configFile: "/home/me/.config/trading-bot/config.json")
/// try limit.check(6, what: "Size")   // throws: Size 6 exceeds maxOrderSize 5 set in …
/// ```
struct OrderSizeLimit: Sendable, Equatable {
    /// The default: 2 contracts. Small enough that a size typed with one digit too many (10, 11,
    /// 20) is refused; large enough for the most common multi-contract pattern (two contracts, one
    /// taken off at a first target). Whoever means more sets `maxOrderSize` once in the config
    /// file, or passes `--max-order-size` for one command.
    static let defaultMaximum = 2

    /// The largest value accepted for the limit itself: the gateway's sizes are 32-bit integers.
    static let largestAccepted = Int(Int32.max)

    /// Where the limit came from.
    enum Source: Sendable, Equatable {
        case defaultValue
        /// The config file, at this path.
        case file(String)
        /// `--max-order-size`.
        case flag
    }

    let maximum: Int
    let source: Source
    /// The config file to suggest when the default applies.
    let configPathHint: String

    /// The limit in force: the flag's, else the file's, else the default.
    init(flag: Int?, file: Int?, configFile: String?, configPathHint: String = "~/.config/trading-bot/config.json") {
        self.configPathHint = configFile ?? configPathHint
        if let flag {
            (maximum, source) = (flag, .flag)
        } else if let file {
            (maximum, source) = (file, .file(configFile ?? configPathHint))
        } else {
            (maximum, source) = (Self.defaultMaximum, .defaultValue)
        }
    }

    /// Refuses `size` when it exceeds the limit, with a usage error (exit 64) naming the limit,
    /// where it was set and how to change it.
    ///
    /// - Parameter what: how the size was given: "Size", "--size".
    func check(_ size: Int, what: String = "Size") throws(CLIError) {
        guard size > maximum else { return }
        switch source {
        case .defaultValue:
            throw .usage(
                "\(what) \(size) exceeds maxOrderSize \(maximum) (the default); lower it, pass --max-order-size \(size) "
                    + "for this command, or set \"maxOrderSize\" in \(configPathHint)."
            )
        case .file(let path):
            throw .usage(
                "\(what) \(size) exceeds maxOrderSize \(maximum) set in \(path); lower it, pass --max-order-size \(size) "
                    + "for this command, or raise maxOrderSize."
            )
        case .flag:
            throw .usage("\(what) \(size) exceeds --max-order-size \(maximum); lower it or raise --max-order-size.")
        }
    }

    /// The problem with a value given for the limit (by the flag or the file), or nil.
    static func problem(with value: Int, setting: String) -> String? {
        if value < 1 { return "\(setting) must be 1 or more (it is \(value))." }
        if value > largestAccepted { return "\(setting) must be at most \(largestAccepted) (it is \(value))." }
        return nil
    }
}
