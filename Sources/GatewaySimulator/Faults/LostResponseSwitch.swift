/// An armed lost-response fault: the next `remaining` writes of its kind lose their answer.
public struct LostResponseSwitch: Sendable, Equatable, Encodable {
    /// How the answer is lost.
    public var mode: LostResponseMode
    /// How many writes are still affected.
    public var remaining: Int
    /// How long ``LostResponseMode/hang`` holds the connection before closing it.
    public var hangSeconds: Double

    public init(mode: LostResponseMode, remaining: Int, hangSeconds: Double = LostResponseSwitch.defaultHangSeconds) {
        self.mode = mode
        self.remaining = remaining
        self.hangSeconds = hangSeconds
    }

    /// Two minutes: longer than any sensible client request timeout in a test, short enough that
    /// a forgotten hang ends by itself.
    public static let defaultHangSeconds: Double = 120
}
