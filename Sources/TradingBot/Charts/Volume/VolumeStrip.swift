/// A strip of volume bars under a chart: each bar's volume as a column of block characters
/// (▁▂▃▄▅▆▇█, eight steps per row) scaled to the largest volume shown. A bar with any volume
/// shows at least the lowest block; a bar with none shows nothing.
struct VolumeStrip: Sendable {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    var volumes: [Int64]
    var rows: Int

    /// The largest volume, the strip's full height.
    var maximum: Int64 { volumes.max() ?? 0 }

    /// The height of each bar in eighths of a row, from 0 to 8 × `rows`.
    var levels: [Int] {
        let maximum = maximum
        let full = 8 * max(1, rows)
        guard maximum > 0 else { return volumes.map { _ in 0 } }
        return volumes.map { volume in
            guard volume > 0 else { return 0 }
            // A count, not a price: the ratio in Double is exact enough for eighths of a row.
            let level = Int((Double(volume) / Double(maximum) * Double(full)).rounded(.up))
            return min(max(level, 1), full)
        }
    }

    /// The glyph of a bar of `level` eighths on `row` (0 is the top row of the strip).
    func glyph(level: Int, row: Int) -> Character {
        let fromBottom = max(1, rows) - 1 - row
        let here = min(max(level - 8 * fromBottom, 0), 8)
        return here == 0 ? " " : Self.blocks[here - 1]
    }
}
