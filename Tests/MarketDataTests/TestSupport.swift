import Foundation

/// Decodes `json` the way the Gateway module will: UTF-8 bytes through `JSONDecoder`.
func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
    try JSONDecoder().decode(type, from: Data(json.utf8))
}

/// Encodes with sorted keys so assertions on the text are stable.
func encodeJSON(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// A small, fast, seedable generator (SplitMix64) so property tests are reproducible:
/// a failure message names the seed, and rerunning with it replays the same stream.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A UTC date from components, for readable expectations.
func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Double = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
    let whole = Int(second.rounded(.down))
    let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: whole)
    let base = calendar.date(from: components) ?? Date(timeIntervalSince1970: .nan)
    return base.addingTimeInterval(second - Double(whole))
}
