import Foundation
import Hummingbird

extension GatewayAPI {
    /// `Auth/loginKey`, `Auth/loginApp`, `Auth/validate`, `Auth/logout`.
    func registerAuth(on router: Router<Context>) {
        router.post("/api/Auth/loginKey", use: anonymous(LoginKeyRequest.self) { body in
            switch core.credentials.loginKey(userName: body.userName, apiKey: body.apiKey) {
            case .failure(let failure):
                core.logger.info("loginKey refused", metadata: ["user": .string(body.userName), "errorCode": .stringConvertible(failure.code.rawValue)])
                return WireResponse.failure(failure, payloadKey: "token", payload: String?.none)
            case .success(let user):
                let issued = await core.tokens.issue(for: user.userName)
                core.logger.info("loginKey", metadata: ["user": .string(user.userName), "token": .string(TokenRedaction.token(issued.token))])
                return WireResponse.ok("token", issued.token)
            }
        })
        router.post("/api/Auth/loginApp", use: anonymous(LoginAppRequest.self) { body in
            let result = core.credentials.loginApp(
                userName: body.userName, password: body.password, deviceId: body.deviceId, appId: body.appId,
                verifyKey: body.verifyKey
            )
            switch result {
            case .failure(let failure):
                return WireResponse.failure(failure, payloadKey: "token", payload: String?.none)
            case .success(let user):
                let issued = await core.tokens.issue(for: user.userName)
                core.logger.info("loginApp", metadata: ["user": .string(user.userName), "token": .string(TokenRedaction.token(issued.token))])
                return WireResponse.ok("token", issued.token)
            }
        })
        router.post("/api/Auth/validate") { request, _ in
            switch await authenticate(request, bucket: .general, allowGrace: true) {
            case .failure(let failure): return failure.response
            case .success(let session):
                if core.faults.consumeValidateFailure() {
                    let failure = GatewayFailure(ValidateErrorCode.sessionNotFound, "Session not found.")
                    return WireResponse.failure(failure, payloadKey: "newToken", payload: String?.none)
                }
                switch await core.tokens.validate(session.token) {
                case .failure(let rejection):
                    return WireResponse.unauthorized(rejection)
                case .success(let issued):
                    core.logger.debug("validate", metadata: ["user": .string(session.userName), "token": .string(TokenRedaction.token(issued.token))])
                    return WireResponse.ok("newToken", issued.token)
                }
            }
        }
        router.post("/api/Auth/logout") { request, _ in
            switch await authenticate(request, bucket: .general) {
            case .failure(let failure): return failure.response
            case .success(let session):
                await core.tokens.revoke(session.token)
                return WireResponse.ok()
            }
        }
    }
}
