/// `Position/closeContract` error codes.
public enum ClosePositionErrorCode: Int, Sendable, CaseIterable {
    case success = 0, accountNotFound, positionNotFound, contractNotFound, contractNotActive, orderRejected
    case orderPending, unknownError, accountRejected
}

/// `Position/partialCloseContract` error codes (shifted after 4 by InvalidCloseSize).
public enum PartialClosePositionErrorCode: Int, Sendable, CaseIterable {
    case success = 0, accountNotFound, positionNotFound, contractNotFound, contractNotActive, invalidCloseSize
    case orderRejected, orderPending, unknownError, accountRejected
}
