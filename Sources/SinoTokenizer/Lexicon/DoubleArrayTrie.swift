// The one place in SinoTokenizer with a clever memory layout. Everything
// here is internal; `Tests/SinoTokenizerTests/DoubleArrayTrieTests.swift`
// checks it against a naive dictionary-of-prefixes matcher.

/// A static double-array trie over dense character codes.
///
/// State `s` moves on code `c` (1-based) to `t = base[s] + c` when
/// `check[t] == s`. `value[t] >= 0` marks a state that ends a word, and holds
/// that word's index in the owning lexicon. State 0 is the root.
///
/// The units run past every base by the largest code the keys hold, so a
/// walk over codes of the lexicon's alphabet (none larger) stays inside
/// them without a bounds test at each step; and code 0 ("no word has this
/// scalar") needs no test either: `base[s] + 0` is never a child of `s`.
struct DoubleArrayTrie: Sendable {
    struct Unit: Sendable {
        var base: Int32
        var check: Int32
        var value: Int32
    }

    private(set) var units: [Unit]

    /// The longest key length, in codes; bounds every walk.
    private(set) var maxKeyLength: Int

    /// The largest code the keys hold: the units hold every state's base
    /// plus this code, so walks read them without bounds tests.
    private(set) var codeLimit: Int

    /// No keys: walks stop before reading a code (`maxKeyLength` is 0).
    static let empty = DoubleArrayTrie(units: [Unit(base: 0, check: -1, value: -1)], maxKeyLength: 0, codeLimit: 0)

    private init(units: [Unit], maxKeyLength: Int, codeLimit: Int) {
        self.units = units
        self.maxKeyLength = maxKeyLength
        self.codeLimit = codeLimit
    }

    var stateCount: Int { units.count }

    /// Builds a trie from keys sorted in ascending code order, without
    /// duplicates. `keys[i]` gets value `values[i]`.
    ///
    /// - Parameters:
    ///   - codes: all keys' codes, back to back.
    ///   - offsets: key `k` is `codes[offsets[k] ..< offsets[k + 1]]`.
    ///   - order: the keys in ascending lexicographic order.
    ///   - values: the value stored for the key `order[i]`.
    init(codes: [UInt32], offsets: [Int32], order: [Int32], values: [Int32]) {
        var builder = Builder()
        builder.build(codes: codes, offsets: offsets, order: order, values: values)
        self.units = builder.units
        self.maxKeyLength = builder.maxKeyLength
        self.codeLimit = builder.codeLimit
    }

    /// Calls `body(length, value)` for every key that is a prefix of
    /// `codes[start...]`, shortest first, reading at most `limit` codes.
    /// Here and in the other walks, `codes` are codes of the alphabet the
    /// keys were written in, at most ``codeLimit`` (see the type's notes).
    @inline(__always)
    func forEachPrefix(
        of codes: UnsafeBufferPointer<UInt32>, from start: Int, limit: Int,
        _ body: (_ length: Int, _ value: Int32) -> Void
    ) {
        units.withUnsafeBufferPointer { units in
            var state = 0
            var i = start
            let end = min(limit, start + maxKeyLength)
            while i < end {
                let code = codes[i]
                assert(code <= codeLimit, "a code of the lexicon's alphabet")
                let next = Int(units[state].base) &+ Int(code)
                if units[next].check != Int32(truncatingIfNeeded: state) { return }
                state = next
                i += 1
                let value = units[state].value
                if value >= 0 { body(i - start, value) }
            }
        }
    }

    /// The longest key that is a prefix of `codes[start..<limit]`:
    /// its length and value, or length 0.
    ///
    /// Unlike the other walks, this one, the segmenter's, is not bounded by
    /// ``maxKeyLength``: every state lies on the path of a key, so a walk
    /// dies after that many codes anyway (a state with no child is the
    /// check of no unit), and the bound cost more than it saved.
    @inline(__always)
    func longestPrefix(
        of codes: UnsafeBufferPointer<UInt32>, from start: Int, limit: Int
    ) -> (length: Int, value: Int32) {
        units.withUnsafeBufferPointer { units in
            var state = 0
            var i = start
            var best = (length: 0, value: Int32(-1))
            let end = limit
            while i < end {
                let code = codes[i]
                assert(code <= codeLimit, "a code of the lexicon's alphabet")
                let next = Int(units[state].base) &+ Int(code)
                if units[next].check != Int32(truncatingIfNeeded: state) { break }
                state = next
                i += 1
                let value = units[state].value
                if value >= 0 { best = (i - start, value) }
            }
            return best
        }
    }

    /// The longest key that, read backwards, is a suffix of
    /// `codes[floor..<end]`: used with a trie built over reversed keys.
    @inline(__always)
    func longestSuffix(
        of codes: UnsafeBufferPointer<UInt32>, endingAt end: Int, floor: Int
    ) -> (length: Int, value: Int32) {
        units.withUnsafeBufferPointer { units in
            var state = 0
            var i = end
            var best = (length: 0, value: Int32(-1))
            let stop = max(floor, end - maxKeyLength)
            while i > stop {
                let code = codes[i - 1]
                assert(code <= codeLimit, "a code of the lexicon's alphabet")
                let next = Int(units[state].base) &+ Int(code)
                if units[next].check != Int32(truncatingIfNeeded: state) { break }
                state = next
                i -= 1
                let value = units[state].value
                if value >= 0 { best = (end - i, value) }
            }
            return best
        }
    }

    /// The value of exactly `key`, if it is in the trie.
    func value(of key: some Sequence<UInt32>) -> Int32? {
        var state = 0
        for code in key {
            if code == 0 { return nil }
            let next = Int(units[state].base) &+ Int(code)
            if next >= units.count || units[next].check != Int32(truncatingIfNeeded: state) { return nil }
            state = next
        }
        let value = units[state].value
        return value >= 0 ? value : nil
    }
}

extension DoubleArrayTrie {
    /// Construction state: the units plus a doubly linked list of the free
    /// cells, so that placing a node visits free cells only.
    private struct Builder {
        var units: [Unit] = []
        var nextFree: [Int32] = []
        var prevFree: [Int32] = []
        /// First free cell, or -1 when none is free (cells are then added).
        var firstFree: Int32 = -1
        var maxKeyLength = 0
        /// The largest code of any key.
        var codeLimit = 0

        private mutating func grow(to capacity: Int) {
            let old = units.count
            guard capacity > old else { return }
            units.append(contentsOf: repeatElement(Unit(base: 0, check: -1, value: -1), count: capacity - old))
            nextFree.append(contentsOf: repeatElement(-1, count: capacity - old))
            prevFree.append(contentsOf: repeatElement(-1, count: capacity - old))
            // Append the new cells to the end of the free list, in order.
            var last: Int32 = -1
            if firstFree >= 0 { last = prevFree[Int(firstFree)] }
            for cell in old..<capacity {
                let c = Int32(cell)
                if last < 0 {
                    firstFree = c
                } else {
                    nextFree[Int(last)] = c
                }
                prevFree[cell] = last
                last = c
            }
            // Circular: the first free cell's `prev` is the last free cell.
            prevFree[Int(firstFree)] = last
            nextFree[Int(last)] = -1
        }

        private mutating func take(_ cell: Int) {
            let next = nextFree[cell]
            let prev = prevFree[cell]
            if Int32(cell) == firstFree {
                firstFree = next
                if next >= 0 { prevFree[Int(next)] = prev }
            } else {
                nextFree[Int(prev)] = next
                if next >= 0 {
                    prevFree[Int(next)] = prev
                } else if firstFree >= 0 {
                    prevFree[Int(firstFree)] = prev
                }
            }
            nextFree[cell] = -1
            prevFree[cell] = -1
        }

        /// One past the highest occupied cell: a base that puts every child
        /// beyond it always fits.
        var frontier = 1

        /// Finds a base at which every child code lands on a free cell.
        ///
        /// Scans a bounded number of free cells from the first one, then
        /// falls back to the frontier: an unbounded first-fit scan makes
        /// building quadratic once the front of the array is full of holes
        /// that nodes with many children never fit.
        private mutating func place(_ children: ArraySlice<UInt32>) -> Int {
            let first = Int(children.first!)
            let largest = Int(children.last!)
            var cell = Int(firstFree)
            var budget = 512
            while cell >= 0, budget > 0 {
                budget -= 1
                let base = cell - first
                if base >= 1 {
                    if base + largest >= units.count { break }
                    var fits = true
                    for code in children where units[base + Int(code)].check >= 0 {
                        fits = false
                        break
                    }
                    if fits { return base }
                }
                cell = Int(nextFree[cell])
            }
            let base = max(1, frontier - first)
            if base + largest >= units.count { grow(to: max(units.count * 2, base + largest + 1)) }
            return base
        }

        mutating func build(codes: [UInt32], offsets: [Int32], order: [Int32], values: [Int32]) {
            grow(to: 1024)
            take(0)
            units[0].check = -2  // the root is never free and never a child
            guard !order.isEmpty else { return }

            struct Pending { var state: Int; var lo: Int; var hi: Int; var depth: Int }
            var stack = [Pending(state: 0, lo: 0, hi: order.count, depth: 0)]
            var childCodes: [UInt32] = []
            var childStarts: [Int] = []

            func keyLength(_ i: Int) -> Int {
                let k = Int(order[i])
                return Int(offsets[k + 1] - offsets[k])
            }
            func code(_ i: Int, _ depth: Int) -> UInt32 {
                codes[Int(offsets[Int(order[i])]) + depth]
            }

            while let node = stack.popLast() {
                var lo = node.lo
                // Sorted order puts the key that ends here first.
                if keyLength(lo) == node.depth {
                    units[node.state].value = values[lo]
                    maxKeyLength = max(maxKeyLength, node.depth)
                    lo += 1
                }
                guard lo < node.hi else { continue }
                childCodes.removeAll(keepingCapacity: true)
                childStarts.removeAll(keepingCapacity: true)
                for i in lo..<node.hi {
                    let c = code(i, node.depth)
                    if childCodes.last != c {
                        childCodes.append(c)
                        childStarts.append(i)
                    }
                }
                childStarts.append(node.hi)
                let base = place(childCodes[...])
                units[node.state].base = Int32(base)
                for code in childCodes {
                    let cell = base + Int(code)
                    take(cell)
                    units[cell].check = Int32(node.state)
                }
                frontier = max(frontier, base + Int(childCodes.last!) + 1)
                for (index, code) in childCodes.enumerated().reversed() {
                    stack.append(Pending(
                        state: base + Int(code), lo: childStarts[index],
                        hi: childStarts[index + 1], depth: node.depth + 1))
                }
            }
            // Trim the unused tail so the layout is compact, but keep every
            // base plus the largest code inside (see the type's notes): free
            // units, whose check matches no state, end the walks there.
            codeLimit = Int(codes.max() ?? 0)
            var last = units.count - 1
            while last > 0 && units[last].check == -1 { last -= 1 }
            var largestBase = 0
            for unit in units[...last] { largestBase = max(largestBase, Int(unit.base)) }
            let needed = largestBase + codeLimit + 1
            if needed > last + 1 { grow(to: needed) }
            units = Array(units[..<max(last + 1, needed)])
        }
    }
}
