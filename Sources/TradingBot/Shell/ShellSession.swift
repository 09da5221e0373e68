import ArgumentParser
import Foundation

/// The loop of `trading-bot shell`: reads a line, runs it as one of the program's own commands on
/// the session's one context, and repeats until `exit`, `quit`, the end of input, or a second
/// Ctrl-C at the prompt (or SIGTERM).
///
/// Ctrl-C while a command runs cancels it: a stream stops cleanly and the prompt comes back; the
/// hubs stay connected for the next command. Every command's failure is one error line, as on
/// the command line, and the session goes on. The shell's exit status is the last command's.
struct ShellSession: Sendable {
    /// The shared context (its interruption is cancellation, see ``Interruption/cancellationOnly``).
    let context: CommandContext
    let reader: ShellReader
    /// Whether a person types at a terminal (prompt, banner, hints).
    let interactive: Bool
    static let prompt = "trading-bot> "

    /// What happened in the loop, in arrival order.
    private enum Event: Sendable {
        case input(ShellInput)
        case signal(Int32)
        case finished(LineOutcome)
    }

    /// What running one line led to.
    enum LineOutcome: Sendable, Equatable {
        case status(Int32)
        case leave
    }

    /// Runs until the person leaves; returns the exit status.
    func run() async -> Int32 {
        let (events, sink) = AsyncStream<Event>.makeStream()
        let relay = SignalRelay { sink.yield(.signal($0)) }
        defer {
            relay.cancel()
            reader.restoreTerminal()
        }
        if interactive {
            context.output.note(
                "trading-bot shell: \(context.configuration.userName ?? "?") at \(context.configuration.apiURL.absoluteString). "
                    + "Type help for the commands, exit to leave; Tab completes, ↑/↓ recall."
            )
        }
        let commands = ShellCommands(output: context.output)
        var iterator = events.makeAsyncIterator()
        var status: Int32 = 0
        var interruptedAtPrompt = false
        var reading = false
        while true {
            if !reading {
                reading = true
                reader.request(prompt: Self.prompt) { sink.yield(.input($0)) }
            }
            guard let event = await iterator.next() else { return status }
            switch event {
            case .signal(SIGTERM), .input(.end):
                return status
            case .signal, .input(.interrupt):
                if case .input = event { reading = false }
                if interruptedAtPrompt { return status }
                interruptedAtPrompt = true
                context.output.note("(Press Ctrl-C again, or type exit, to leave.)")
            case .input(.line(let line)):
                reading = false
                interruptedAtPrompt = false
                let words: [String]
                do {
                    words = try ShellWords.split(line)
                } catch {
                    context.output.note("error: \(error.description)")
                    status = ExitReason.usage.rawValue
                    continue
                }
                guard !words.isEmpty else { continue }
                let context = self.context
                let task = Task { await commands.run(words, in: context) }
                Task {
                    let outcome = await task.value
                    sink.yield(.finished(outcome))
                }
                var leaveAfter = false
                waiting: while let next = await iterator.next() {
                    switch next {
                    case .signal(let number):
                        task.cancel()
                        if number == SIGTERM { leaveAfter = true }
                    case .finished(let outcome):
                        if task.isCancelled && interactive { context.output.raw("\n") }
                        switch outcome {
                        case .leave: return status
                        case .status(let code): status = code
                        }
                        break waiting
                    case .input:
                        continue
                    }
                }
                // Nobody reads the output any more (`trading-bot shell | head`): leave.
                if leaveAfter || StandardStream.output.isClosed { return status }
            case .finished:
                continue
            }
        }
    }
}
