import Gateway

/// The sentence a write's result line ends with when its answer was lost and its outcome was
/// found by reading back, so that a person sees how it is known:
/// " The response was lost (the connection was reset); confirmed by reading back: order 7100000001
/// carries the tag tb-mfx3k2a1-4k9z0q2b (status open)."
enum ConfirmationNote {
    /// The sentence for `confirmation`, with a leading space; empty when the gateway answered.
    static func sentence(_ confirmation: WriteConfirmation) -> String {
        switch confirmation {
        case .answered: ""
        case .readBack(let failure, let finding): " The response was lost (\(failure)); confirmed by reading back: \(finding)."
        }
    }
}
