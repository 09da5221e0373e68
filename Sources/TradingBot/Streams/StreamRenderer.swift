/// What a streaming command prints. The ``StreamRunner`` connects, subscribes, counts, reports
/// gaps and status changes, and stops; the renderer turns each data event into output.
protocol StreamRenderer {
    associatedtype Event: Sendable

    /// Prints what `event` holds, at most `limit` data items (quotes, trades, snapshots,
    /// account events); returns how many it printed (0 for events it does not show).
    mutating func render(_ event: Event, limit: Int) throws -> Int

    /// Every subscription of the stream is applied: data flows from now on.
    mutating func ready()

    /// Data may have been missed for `contractIds` (every contract of the stream when empty).
    mutating func gap(contractIds: [String], reason: String) throws

    /// A gap or status line is about to be written: a live display steps aside.
    mutating func willReport()

    /// The gap or status line was written: a live display draws itself again.
    mutating func didReport() throws

    /// The terminal was resized: a live display lays itself out again at once.
    mutating func resize(to size: TerminalSize) throws

    /// The stream ended, by count, interruption or failure.
    mutating func finish()
}

extension StreamRenderer {
    mutating func ready() {}
    mutating func gap(contractIds: [String], reason: String) throws {}
    mutating func willReport() {}
    mutating func didReport() throws {}
    mutating func resize(to size: TerminalSize) throws {}
    mutating func finish() {}
}
