/// Which limit a request counts against.
public enum RateLimitBucket: String, Sendable {
    case bars
    case general
}
