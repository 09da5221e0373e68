import Hummingbird

extension GatewayAPI {
    /// `SimContract/search`, `SimContract/searchById`, `SimContract/available`.
    func registerContracts(on router: Router<Context>) {
        router.post("/api/Contract/search", use: authenticated(ContractSearchRequest.self) { _, body in
            WireResponse.ok("contracts", core.catalog.search(text: body.searchText, live: body.live).map(ContractWire.init))
        })
        router.post("/api/Contract/searchById", use: authenticated(ContractByIdRequest.self) { _, body in
            guard let contract = core.catalog.contract(id: body.contractId) else {
                let failure = GatewayFailure(ContractByIdErrorCode.contractNotFound, "Contract not found.")
                return WireResponse.failure(failure, payloadKey: "contract", payload: ContractWire?.none)
            }
            return WireResponse.ok("contract", ContractWire(contract))
        })
        router.post("/api/Contract/available", use: authenticated(ContractAvailableRequest.self) { _, body in
            WireResponse.ok("contracts", core.catalog.available(live: body.live).map(ContractWire.init))
        })
    }
}
