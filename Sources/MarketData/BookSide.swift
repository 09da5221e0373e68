import Foundation

/// One side of an ``OrderBook``: levels kept sorted best-first in a flat array.
///
/// Books are 10-20 levels deep per side, so a contiguous array with binary search beats a tree
/// or a dictionary: lookups are a handful of comparisons, inserts and removals move a few
/// cache lines, and reading the top of book or the first N levels needs no sorting or copying.
/// Best-first order means bids are descending and asks ascending, and "levels better than P"
/// is always a prefix, so trims are one `removeFirst(k)`.
///
/// Each level's ``PriceKey`` is kept beside it, so the searches compare integers; a price
/// without a key (more than nine decimals) compares as a `Decimal`, and the order is the same.
struct BookSide: Sendable, Hashable {
    /// True for bids (higher is better), false for asks (lower is better).
    let isBid: Bool
    /// Best first; every size > 0; prices strictly ordered (no duplicates).
    private(set) var levels: [BookLevel] = []
    /// `keys[i]` is the key of `levels[i].price`.
    private var keys: [PriceKey?] = []

    init(isBid: Bool) {
        self.isBid = isBid
    }

    /// A price being looked up, with its key computed once.
    struct Probe {
        let price: Decimal
        let key: PriceKey?

        init(_ price: Decimal) {
            self.price = price
            key = PriceKey(price)
        }
    }

    /// Whether the level at `index` is strictly better than `probe`.
    @inline(__always)
    private func isBetter(_ index: Int, than probe: Probe) -> Bool {
        if let key = keys[index], let other = probe.key {
            return isBid ? key > other : key < other
        }
        let price = levels[index].price
        return isBid ? price > probe.price : price < probe.price
    }

    /// Whether the level at `index` is at exactly `probe`'s price.
    @inline(__always)
    private func isAt(_ index: Int, _ probe: Probe) -> Bool {
        guard index < levels.count else { return false }
        if let key = keys[index], let other = probe.key { return key == other }
        return levels[index].price == probe.price
    }

    /// The number of levels strictly better than `probe`, i.e. where a level at its price sits.
    func index(of probe: Probe) -> Int {
        var low = 0
        var high = levels.count
        while low < high {
            let middle = (low + high) / 2
            if isBetter(middle, than: probe) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }

    /// Sets the level at `probe`'s price to `size`; a size of 0 removes the level.
    mutating func set(_ probe: Probe, size: Int) {
        let index = index(of: probe)
        switch (isAt(index, probe), size > 0) {
        case (true, true):
            levels[index].size = size
        case (true, false):
            levels.remove(at: index)
            keys.remove(at: index)
        case (false, true):
            levels.insert(BookLevel(price: probe.price, size: size), at: index)
            keys.insert(probe.key, at: index)
        case (false, false):
            break
        }
    }

    /// Removes every level strictly better than `probe`.
    mutating func removeLevels(betterThan probe: Probe) {
        removeFirst(index(of: probe))
    }

    /// Removes every level at `probe`'s price or better.
    mutating func removeLevels(atOrBetterThan probe: Probe) {
        let index = index(of: probe)
        removeFirst(isAt(index, probe) ? index + 1 : index)
    }

    private mutating func removeFirst(_ count: Int) {
        guard count > 0 else { return }
        levels.removeFirst(count)
        keys.removeFirst(count)
    }

    /// Empties the side but keeps the storage: a snapshot of about the same depth follows.
    mutating func removeAll() {
        levels.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
    }

    /// The first `limit` levels, best first; no copy when the whole side is asked for.
    func prefix(_ limit: Int) -> [BookLevel] {
        limit >= levels.count ? levels : Array(levels.prefix(max(0, limit)))
    }

    static func == (lhs: BookSide, rhs: BookSide) -> Bool {
        lhs.isBid == rhs.isBid && lhs.levels == rhs.levels
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(isBid)
        hasher.combine(levels)
    }
}
