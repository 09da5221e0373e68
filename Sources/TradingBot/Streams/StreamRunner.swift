import Foundation
import Gateway

/// Runs one streaming command from connection to clean-up.
///
/// It connects the hub through the context's ``RealtimeHubs`` (or reuses the shell's
/// connection), opens the event and status streams before subscribing, and then feeds events to
/// the renderer until one of these ends the stream:
///
/// - `--count` data items were printed;
/// - the person interrupts: Ctrl-C or SIGTERM on its own, cancellation of the command's task in
///   the shell (both end cleanly, without an error);
/// - the hub fails for good: the first connection or a subscription is refused, or the hub
///   stops with an error (a ``HubFailure`` or the login's ``GatewayError`` is thrown).
///
/// Gaps and status changes go to a ``StreamReporter``; a gap is also passed to the renderer (an
/// order book turns invalid). A gap is reported once until data flows again: a reconnect that is
/// refused before it succeeds does not lose anything more. At the end the stream's subscriptions are removed, within a few
/// seconds at most, so that a shell's hub carries nothing it no longer needs.
///
/// For a person at a terminal it also shows a ``StatusLine`` until the first data (see
/// ``showingStatus(_:)``), and passes terminal resizes (SIGWINCH) to the renderer, so that a live
/// display is laid out again at once.
///
/// ```swift
/// var renderer = QuoteRenderer(output: context.output, contracts: contracts)
/// try await StreamRunner(context: context, limit: 10).run(source, renderer: &renderer)
/// ```
struct StreamRunner: Sendable {
    let output: Output
    let interruption: Interruption
    /// The number of data items after which the stream ends; nil for no limit.
    let limit: Int?
    /// The line on stderr that says what happens until the first data comes; nil for none.
    var statusLine: StatusLine?

    init(output: Output, interruption: Interruption, limit: Int?) {
        self.output = output
        self.interruption = interruption
        self.limit = limit
    }

    init(context: CommandContext, limit: Int?) {
        self.init(output: context.output, interruption: context.interruption, limit: limit)
    }

    /// A copy that shows a status line on stderr (see ``StatusLine``) until the first data, when
    /// a person is watching: stdout and stderr are terminals and the output is not JSON.
    func showingStatus(_ waiting: WaitingStatus) -> StreamRunner {
        guard output.isTerminal, !output.json, isatty(STDERR_FILENO) == 1 else { return self }
        var runner = self
        runner.statusLine = StatusLine(waiting: waiting, columns: TerminalSize.of(STDERR_FILENO)?.columns, write: Output.standardError)
        return runner
    }

    /// What the runner's loop consumes, from every producer, in arrival order.
    private enum Input<Event: Sendable>: Sendable {
        case event(Event)
        case status(HubStatus)
        case ready
        case resized(TerminalSize)
        case quiet
        case failed(any Error)
        case interrupted
    }

    /// Streams until the count, an interruption or a failure; see the type's discussion.
    ///
    /// - Parameter names: contract names by id, for the gap lines people read.
    /// - Returns: the number of data items printed.
    @discardableResult
    func run<Source: StreamSource, Renderer: StreamRenderer>(
        _ source: Source, names: [String: String] = [:], renderer: inout Renderer
    ) async throws -> Int where Renderer.Event == Source.Event {
        let (inputs, sink) = AsyncStream<Input<Source.Event>>.makeStream(bufferingPolicy: .bufferingNewest(16_384))
        let tasks = TaskBag()
        let opened = SharedValue<OpenStream<Source.Event>?>(nil)
        let interruption = self.interruption
        tasks.add(Task {
            await interruption.wait()
            sink.yield(.interrupted)
        })
        if output.isTerminal && !output.json {
            tasks.add(Task { for await size in TerminalSize.changes() { sink.yield(.resized(size)) } })
        }
        let setup = Task {
            do {
                let stream = try await source.open()
                opened.set(stream)
                tasks.add(Task { for await event in stream.events { sink.yield(.event(event)) } })
                tasks.add(Task { for await status in stream.statuses { sink.yield(.status(status)) } })
                try await stream.subscribe()
                sink.yield(.ready)
            } catch {
                sink.yield(.failed(error))
            }
        }

        var reporter = StreamReporter(output: output, hub: source.hubName, names: names)
        var statusLine = self.statusLine
        statusLine?.show(.connecting)
        var printed = 0
        var dataSinceGap = true
        var failure: (any Error)?
        do {
            loop: for await input in inputs {
                switch input {
                case .interrupted:
                    break loop
                case .failed(let error):
                    failure = error
                    break loop
                case .ready:
                    statusLine?.clear()
                    renderer.ready()
                    if let quietAfter = statusLine?.quietAfter {
                        statusLine?.show(.subscribed)
                        tasks.add(Task {
                            try? await Task.sleep(for: quietAfter)
                            sink.yield(.quiet)
                        })
                    }
                case .quiet:
                    statusLine?.show(.quiet)
                case .resized(let size):
                    try renderer.resize(to: size)
                case .status(let status):
                    if reporter.shouldReport(status) {
                        statusLine?.clear()
                        renderer.willReport()
                        try reporter.status(status)
                        try renderer.didReport()
                    }
                    if let stop = await verdict(on: status, hub: source.hubName, url: source.hubURL, opened: opened) {
                        failure = stop
                        break loop
                    }
                    if case .stopped = status { break loop }
                case .event(let event):
                    switch Source.kind(of: event) {
                    case .live:
                        continue
                    case .gap(let contractIds, let reason):
                        // A second loss before any data came back (the reconnect was refused,
                        // say) is the same gap: the status lines say why it lasts.
                        guard dataSinceGap else { continue }
                        dataSinceGap = false
                        statusLine?.clear()
                        renderer.willReport()
                        try reporter.gap(contractIds: contractIds, reason: reason)
                        try renderer.gap(contractIds: contractIds, reason: reason)
                        try renderer.didReport()
                    case .data:
                        // The first data shown takes the status line's place, for good.
                        statusLine?.clear()
                        let remaining = limit.map { $0 - printed } ?? .max
                        let shown = try renderer.render(event, limit: remaining)
                        printed += shown
                        if shown > 0 { statusLine = nil } else { statusLine?.restore() }
                        dataSinceGap = true
                        if let limit, printed >= limit { break loop }
                    }
                }
            }
        } catch {
            // Writing failed (a closed pipe, say): end the stream and report that.
            failure = error
        }

        statusLine?.clear()
        renderer.finish()
        tasks.cancelAll()
        setup.cancel()
        // Clean up outside any cancellation, and never for long: the setup may still be
        // subscribing, and a hub that hangs must not hold the program.
        await Deadline.run(within: .seconds(3)) { await setup.value }
        if let stream = opened.value {
            await Deadline.run(within: .seconds(3)) { await stream.unsubscribe() }
        }
        sink.finish()
        if let failure { throw failure }
        return printed
    }

    /// The failure that ends the stream after `status`, if any: the hub stopped with an error,
    /// or a reconnect dropped a subscription the server refused.
    private func verdict<Event>(on status: HubStatus, hub: String, url: URL, opened: SharedValue<OpenStream<Event>?>) async -> HubFailure? {
        switch status {
        case .stopped(let error?):
            return HubFailure(hub: hub, url: url, reason: .stopped(error.description))
        case .degraded(let reason):
            guard let stream = opened.value else { return nil }
            return await stream.isSubscribed() ? nil : HubFailure(hub: hub, url: url, reason: .subscriptionLost(reason.description))
        default:
            return nil
        }
    }
}
