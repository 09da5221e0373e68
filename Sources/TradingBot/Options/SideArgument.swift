import ArgumentParser
import Gateway

/// `--side buy|sell`.
enum SideArgument: String, ExpressibleByArgument, CaseIterable, Sendable {
    case buy, sell

    /// The gateway's side: 0 bid (buy), 1 ask (sell).
    var side: OrderSide { self == .buy ? .buy : .sell }
}
