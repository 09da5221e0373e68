import Logging

/// Sets up logging once per process: with `--verbose`, every log line goes to stderr; without it,
/// nothing is logged, so that stderr carries only the one line of an error. Log lines are redacted
/// like errors (see ``RedactingLogHandler``).
enum LogBootstrap {
    static func configure(verbose: Bool) {
        LoggingSystem.bootstrap { label in
            guard verbose else { return SwiftLogNoOpLogHandler() }
            var handler = RedactingLogHandler(label: label)
            handler.logLevel = .debug
            return handler
        }
    }
}
