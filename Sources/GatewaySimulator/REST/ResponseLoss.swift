import Foundation
import Hummingbird
import Logging
import NIOCore

/// Carries out an armed lost-response fault on one write: executes it (unless the mode says not
/// to), then loses its answer the way the mode says.
struct ResponseLoss: Sendable {
    let fault: LostResponseSwitch
    let kind: WriteKind
    /// The connection the write came on.
    let connection: any Channel
    let logger: Logger

    /// The response Hummingbird is handed; for the modes that reset the connection it is never
    /// delivered, since the connection is gone by then.
    func perform(_ execute: @Sendable () async -> Response) async -> Response {
        if fault.mode.executes { _ = await execute() }
        logger.info("fault: \(kind.rawValue) \(fault.mode.executes ? "executed" : "not executed"), answer lost (\(fault.mode.rawValue))")
        switch fault.mode {
        case .reset, .resetUnexecuted:
            await reset()
            return Response(status: .internalServerError)
        case .hang:
            // Cancelled when the simulator stops; either way the connection then goes unanswered.
            try? await Task.sleep(for: .milliseconds(Int64(fault.hangSeconds * 1000)))
            await reset()
            return Response(status: .internalServerError)
        case .garble:
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"success":true,"errorCo"#))
            )
        case .status500:
            return Response(
                status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "Internal Server Error"))
            )
        }
    }

    /// Closes the connection with a TCP reset (SO_LINGER 0), so the client sees no answer at all.
    private func reset() async {
        if let provider = connection as? any SocketOptionProvider {
            try? await provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        }
        try? await connection.close().get()
    }
}
