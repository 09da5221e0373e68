/// Why an ``AccountMonitor`` could not give what was asked. A struct over a code, so that a new
/// code does not break callers' switches.
///
/// ```swift
/// do { _ = try await monitor.synchronized(timeout: .seconds(10)) }
/// catch let error as AccountMonitorError where error.code == .notInSync { print(error) }
/// ```
public struct AccountMonitorError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let description: String
        private init(_ description: String) { self.description = description }

        /// The state was not in sync within the time allowed; the message says the status.
        public static let notInSync = Code("notInSync")
        /// The monitor was stopped.
        public static let stopped = Code("stopped")
        /// `Account/search` does not list the account.
        public static let accountNotFound = Code("accountNotFound")
    }

    public let code: Code
    /// What went wrong and what to do.
    public let description: String

    init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }
}
