import Logging

/// The tool logs to stderr only (stdout carries JSON), and only with `--verbose`.
enum ToolLogging {
    static func logger(verbose: Bool) -> Logger {
        var logger = Logger(label: "signalr") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = verbose ? .debug : .critical
        return logger
    }
}
