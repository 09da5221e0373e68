import Foundation
@testable import TradingBot

/// The heading of a live stream's time column in the default display zone, America/Chicago, as
/// it stands now (`TIME (CST)` in winter, `TIME (CDT)` in summer): what a command prints when
/// neither `--tz` nor the environment chooses another zone.
var exchangeTimeHeading: String {
    QuoteRenderer.timeHeading(TimeDisplay(zone: TimeZone(identifier: "America/Chicago") ?? .gmt))
}
