import Foundation

/// One side of an ``OrderBook``: levels kept sorted best-first in a flat array.
///
/// Books are 10-20 levels deep per side, so a contiguous array with binary search beats a tree
/// or a dictionary: lookups are a handful of comparisons, inserts and removals move a few
/// cache lines, and reading the top of book or the first N levels needs no sorting or copying.
/// Best-first order means bids are descending and asks ascending, and "levels better than P"
/// is always a prefix, so trims are one `removeFirst(k)`.
struct BookSide: Sendable, Hashable {
    /// True for bids (higher is better), false for asks (lower is better).
    let isBid: Bool
    /// Best first; every size > 0; prices strictly ordered (no duplicates).
    private(set) var levels: [BookLevel] = []

    init(isBid: Bool) {
        self.isBid = isBid
    }

    @inline(__always)
    private func isBetter(_ a: Decimal, than b: Decimal) -> Bool {
        isBid ? a > b : a < b
    }

    /// The number of levels strictly better than `price`, i.e. where a level at `price` sits.
    func index(of price: Decimal) -> Int {
        var low = 0
        var high = levels.count
        while low < high {
            let middle = (low + high) / 2
            if isBetter(levels[middle].price, than: price) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }

    /// Sets the level at `price` to `size`; a size of 0 removes the level.
    mutating func set(price: Decimal, size: Int) {
        let index = index(of: price)
        let exists = index < levels.count && levels[index].price == price
        switch (exists, size > 0) {
        case (true, true): levels[index].size = size
        case (true, false): levels.remove(at: index)
        case (false, true): levels.insert(BookLevel(price: price, size: size), at: index)
        case (false, false): break
        }
    }

    /// Removes every level strictly better than `price`.
    mutating func removeLevels(betterThan price: Decimal) {
        let count = index(of: price)
        if count > 0 { levels.removeFirst(count) }
    }

    /// Removes every level at `price` or better.
    mutating func removeLevels(atOrBetterThan price: Decimal) {
        var count = index(of: price)
        if count < levels.count && levels[count].price == price { count += 1 }
        if count > 0 { levels.removeFirst(count) }
    }

    /// Empties the side but keeps the storage: a snapshot of about the same depth follows.
    mutating func removeAll() {
        levels.removeAll(keepingCapacity: true)
    }

    /// The first `limit` levels, best first; no copy when the whole side is asked for.
    func prefix(_ limit: Int) -> [BookLevel] {
        limit >= levels.count ? levels : Array(levels.prefix(max(0, limit)))
    }
}
