/// The exit codes of `trading-bot`, one per kind of failure so that a script can react to the
/// cause without parsing messages. The numbers follow BSD `sysexits.h`, as ArgumentParser does for
/// usage errors (64).
///
/// | code | meaning |
/// |-----:|---------|
/// | 0 | success |
/// | 1 | cancelled at the confirmation prompt, or some actions of `flatten` failed |
/// | 64 | usage: invalid flags or combinations, order over `maxOrderSize`, confirmation impossible without `--yes` |
/// | 65 | the gateway refused the request: rejected order, unknown contract, account, order or position |
/// | 69 | the gateway could not be reached, or a write's answer was lost and reading back showed it was not executed (safe to retry) |
/// | 70 | an internal error of this program |
/// | 74 | a write whose answer was lost and whose outcome reading back could not find either; reconcile before acting again |
/// | 75 | rate limited (HTTP 429); try again later |
/// | 76 | the gateway answered something unreadable or an unexpected HTTP status |
/// | 77 | authentication: wrong credentials, or the token was refused even after a fresh login |
/// | 78 | configuration: missing credentials, unreadable config file, invalid URL |
/// | 130 | interrupted (Ctrl-C) |
enum ExitReason: Int32, Sendable, CaseIterable {
    case success = 0
    case failure = 1
    case usage = 64
    case rejected = 65
    case unavailable = 69
    case software = 70
    case outcomeUnknown = 74
    case rateLimited = 75
    case protocolError = 76
    case authentication = 77
    case configuration = 78
    case interrupted = 130
}
