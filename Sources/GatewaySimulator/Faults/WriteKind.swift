/// The kinds of write a lost-response fault targets.
public enum WriteKind: String, Sendable, Codable, CaseIterable {
    /// `Order/place`.
    case place
    /// `Order/cancel`.
    case cancel
    /// `Order/modify`.
    case modify
    /// `Position/closeContract` and `Position/partialCloseContract`.
    case close
}
