/// The cooperation-area keys an event discusses, each once, kept in
/// order. An array rather than a `Set`: an event names one to five, where
/// a set pays a metadata lookup and a table for itself and a hash for
/// every key.
struct AreaKeys: Sendable, Equatable, Sequence, ExpressibleByArrayLiteral {
    /// Sorted by `<` and unique by `==`, as a set's sorted elements are.
    private(set) var keys: [String] = []

    init() {}

    init(minimumCapacity: Int) {
        keys.reserveCapacity(minimumCapacity)
    }

    init(arrayLiteral elements: String...) {
        for element in elements { insert(element) }
    }

    var isEmpty: Bool { keys.isEmpty }
    var count: Int { keys.count }
    var first: String? { keys.first }

    /// Adds `key` in its place, unless it is there already.
    mutating func insert(_ key: String) {
        var low = 0, high = keys.count
        while low < high {
            let mid = (low + high) / 2
            if keys[mid] < key { low = mid + 1 } else { high = mid }
        }
        if low < keys.count && keys[low] == key { return }
        keys.insert(key, at: low)
    }

    mutating func formUnion(_ other: AreaKeys) {
        for key in other.keys { insert(key) }
    }

    /// The keys, in order.
    func sorted() -> [String] { keys }

    func makeIterator() -> IndexingIterator<[String]> { keys.makeIterator() }
}
