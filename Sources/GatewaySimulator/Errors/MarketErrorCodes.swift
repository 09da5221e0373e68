/// `SimContract/searchById` error codes (search and available only ever return 0).
public enum ContractByIdErrorCode: Int, Sendable, CaseIterable {
    case success = 0, contractNotFound
}

/// `History/retrieveBars` error codes.
public enum RetrieveBarsErrorCode: Int, Sendable, CaseIterable {
    case success = 0, contractNotFound, unitInvalid, unitNumberInvalid, limitInvalid
}
