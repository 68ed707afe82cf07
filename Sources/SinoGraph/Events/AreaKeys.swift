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
        // A handful of keys, mostly met in order or met again: the place is
        // found from the end (the knowledge's own string, the usual case, is
        // equal by `==` from its bits, unread), and the key appended and
        // moved back to it (`insert(_:at:)` is a generic replacement of a
        // subrange). The keys are compared where they are, not copied out;
        // by `String`'s `==` and `<`, as a set and its sorting compare them
        // (canonically equivalent keys are one key).
        let place: Int? = keys.withUnsafeBufferPointer { keys in
            var index = keys.count
            while index > 0 {
                if keys[index - 1] == key { return nil }
                guard key < keys[index - 1] else { break }
                index -= 1
            }
            return index
        }
        guard let place else { return }
        keys.append(key)
        var index = keys.count - 1
        while index > place {
            keys.swapAt(index, index - 1)
            index -= 1
        }
    }

    mutating func formUnion(_ other: AreaKeys) {
        for key in other.keys { insert(key) }
    }

    /// The keys, in order.
    func sorted() -> [String] { keys }

    func makeIterator() -> IndexingIterator<[String]> { keys.makeIterator() }
}
