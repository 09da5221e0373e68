/// How a lost-response fault loses the answer to a write (see
/// ``FaultInjector/loseResponses(of:mode:count:hangSeconds:)``).
public enum LostResponseMode: String, Sendable, Codable, CaseIterable {
    /// Execute the write, then reset the TCP connection (RST) without answering.
    case reset
    /// Execute the write, then answer nothing until the client gives up (the connection is
    /// closed after the fault's hang time, or when the simulator stops).
    case hang
    /// Execute the write, then answer HTTP 200 with a body that is not JSON (cut short).
    case garble
    /// Execute the write, then answer HTTP 500.
    case status500
    /// Do NOT execute the write; reset the connection without answering (the "not executed"
    /// side of an ambiguous failure).
    case resetUnexecuted = "reset-unexecuted"

    /// Whether the write is executed before the answer is lost.
    public var executes: Bool { self != .resetUnexecuted }
}
