import ArgumentParser

/// `--count N`: how many data events a stream prints before it ends by itself. Without it, the
/// stream runs until Ctrl-C.
struct StreamOptions: ParsableArguments, Sendable {
    @Option(help: ArgumentHelp("Stop after this many data events (default: run until Ctrl-C).", valueName: "n"))
    var count: Int?

    func validate() throws {
        if let count, count < 1 { throw ValidationError("--count must be 1 or more (it is \(count)); leave it out to stream until Ctrl-C.") }
    }
}
