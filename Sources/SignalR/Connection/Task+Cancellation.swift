/// Cancellation as a typed SignalR error, for code that throws only `SignalRError`.
extension Task where Success == Never, Failure == Never {
    static func checkCancellation(orThrow error: SignalRError) throws(SignalRError) {
        if Task.isCancelled { throw error }
    }
}
