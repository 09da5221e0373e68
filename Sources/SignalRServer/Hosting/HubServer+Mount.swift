import Hummingbird
import NIOCore

extension HubServer {
    /// Serves this hub at `path`: `POST {path}/negotiate` on the caller's `router`, and WebSocket
    /// upgrades at `{path}` through `upgrades` (give the same `upgrades` to
    /// `HTTPServerBuilder.http1WithHubs(_:configuration:)`).
    ///
    /// ```swift
    /// userHub.mount(at: "/hubs/user", on: router, upgrades: upgrades)
    /// ```
    public func mount<Routes: RouterMethods>(at path: String, on router: Routes, upgrades: HubUpgradeRouter) {
        let path = HubUpgradeRouter.normalize(path)
        upgrades.add(self, at: path)
        router.post(RouterPath(path == "/" ? "/negotiate" : path + "/negotiate")) { request, _ -> Response in
            switch await self.negotiate(HubAuthenticationRequest(negotiate: request)) {
            case .json(let body):
                return Response(
                    status: .ok,
                    headers: [.contentType: "application/json"],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
                )
            case .status(let status):
                return Response(status: status, headers: status == .unauthorized ? [.wwwAuthenticate: "Bearer"] : [:])
            }
        }
    }
}
