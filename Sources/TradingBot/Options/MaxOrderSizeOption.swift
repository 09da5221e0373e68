import ArgumentParser

/// `--max-order-size N`: the largest size this one command accepts, instead of `maxOrderSize`
/// from the config file or the default (see ``OrderSizeLimit``).
struct MaxOrderSizeOption: ParsableArguments, Sendable {
    @Option(
        name: .customLong("max-order-size"),
        help: ArgumentHelp("The largest size accepted by this command (default: maxOrderSize from the config file, else \(OrderSizeLimit.defaultMaximum)).", valueName: "contracts")
    )
    var maxOrderSize: Int?

    func validate() throws {
        if let maxOrderSize, let problem = OrderSizeLimit.problem(with: maxOrderSize, setting: "--max-order-size") {
            throw ValidationError(problem)
        }
    }
}
