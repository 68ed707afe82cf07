/// Dense integer ids for strings, by their UTF-8 bytes, in first-seen
/// order: the per-document tables of names, codes and keys. Lookups hash
/// the bytes eight at a time (a `Dictionary` of strings runs SipHash and,
/// for `String` keys, normalizes non-ASCII text), and the ids index plain
/// arrays afterwards.
///
/// A document's tables hold a handful of strings each, so an interner
/// allocates nothing until its first string (and then room for eight: most
/// tables hold a few, growing from empty reallocates at one, two and four,
/// and from four the tables of 952 generated documents still grew 13,241
/// times), and compares keys (length and head) in a linear scan
/// until it holds more than `linearLimit`; only then does it build an
/// open-addressing table.
struct Interner {
    /// A string, its length and its first 16 bytes (zero-padded, as two
    /// little-endian integers), and once there is a table its hash. Most keys (Chinese names of up to five characters, codes, area
    /// keys) fit in 16 bytes: for them, length and head decide equality, and
    /// a lookup never touches the stored string (reading it would retain
    /// and release it). A struct, not a tuple: an array of tuples is
    /// destroyed through the runtime's generic tuple witness, element by
    /// element.
    private struct Entry {
        let string: String
        let key: Key
    }

    /// What a lookup compares: length and head, and in the table the hash.
    /// The linear scan never reads the hash, so until the table is built
    /// keys are made without one (`hash` 0): for a document's few keys the
    /// hash cost more than the scan.
    private struct Key {
        let head: (UInt64, UInt64)
        let count: Int
        let hash: UInt32

        @inline(__always)
        init(_ bytes: UnsafeBufferPointer<UInt8>, hashed: Bool) {
            var head: (UInt64, UInt64) = (0, 0)
            let count = bytes.count
            if let base = bytes.baseAddress {
                let start = UnsafeRawPointer(base)
                head.0 = loadLittleEndianWord(start, count: min(count, 8))
                if count > 8 { head.1 = loadLittleEndianWord(start + 8, count: min(count - 8, 8)) }
            }
            self.head = head
            self.count = count
            hash = hashed ? Interner.hash(bytes, head: head) : 0
        }

        /// Whether the lengths and heads are equal (hashes aside).
        @inline(__always)
        func matches(_ other: Key) -> Bool { count == other.count && head == other.head }

        /// Whether length and head alone decide equality with a matching key.
        var isWhole: Bool { count <= 16 }
    }

    /// The strings and their keys, by id: one array, one allocation.
    private var entries: [Entry] = []
    /// Open addressing, linear probing: id + 1, or 0 for an empty slot.
    /// Empty while the interner is scanned linearly.
    private var slots: [Int32] = []

    /// Up to this many strings, a lookup scans the keys in order.
    private static let linearLimit = 12

    init() {}

    var count: Int { entries.count }

    subscript(id: Int) -> String { entries[id].string }

    /// The strings, by id.
    var strings: [String] { entries.map(\.string) }

    /// The id of `string`, added if new.
    mutating func intern(_ string: String) -> Int {
        // Hashed once there is a table, or when this string may start one.
        let hashed = !slots.isEmpty || entries.count >= Self.linearLimit
        let key = string.withBytes { Key($0, hashed: hashed) }
        if let id = find(string, key) { return id }
        if entries.isEmpty { entries.reserveCapacity(8) }
        entries.append(Entry(string: string, key: key))
        let id = entries.count - 1
        if slots.isEmpty {
            if entries.count > Self.linearLimit { rebuild(slotCount: 64) }
        } else if entries.count * 2 > slots.count {
            rebuild(slotCount: slots.count * 2)
        } else {
            place(id, key.hash)
        }
        return id
    }

    /// The id of `string`, if it was added.
    func id(of string: String) -> Int? {
        let hashed = !slots.isEmpty
        return find(string, string.withBytes { Key($0, hashed: hashed) })
    }

    /// The id of `string`, whose key `key` is hashed when there is a table.
    /// An entry holds the string when length and head match and, for a
    /// string longer than the head, its bytes do.
    @inline(__always)
    private func find(_ string: String, _ key: Key) -> Int? {
        entries.withUnsafeBufferPointer { entries in
            if slots.isEmpty {
                for id in entries.indices where entries[id].key.matches(key)
                    && (key.isWhole || entries[id].string.hasSameBytes(as: string)) { return id }
                return nil
            }
            return slots.withUnsafeBufferPointer { slots in
                let mask = slots.count - 1
                var slot = Int(key.hash) & mask
                while slots[slot] != 0 {
                    let id = Int(slots[slot]) - 1
                    if entries[id].key.hash == key.hash, entries[id].key.matches(key),
                       key.isWhole || entries[id].string.hasSameBytes(as: string) { return id }
                    slot = (slot + 1) & mask
                }
                return nil
            }
        }
    }

    private mutating func place(_ id: Int, _ hash: UInt32) {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(id + 1)
    }

    private mutating func rebuild(slotCount: Int) {
        // Leaving the linear scan: its keys have no hash yet.
        if slots.isEmpty {
            entries = entries.map { entry in Entry(string: entry.string, key: entry.string.withBytes { Key($0, hashed: true) }) }
        }
        slots = [Int32](repeating: 0, count: slotCount)
        for id in entries.indices { place(id, entries[id].key.hash) }
    }

    /// The hash a lookup of `string` compares (for tests: strings whose
    /// hashes collide must still be told apart).
    static func hash(of string: String) -> UInt32 { string.withBytes { Key($0, hashed: true) }.hash }

    /// A hash of the bytes, eight at a time, from the head already loaded
    /// and the words after it; folded to 32 bits with its low bits mixed
    /// (the tables index by them).
    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, head: (UInt64, UInt64)) -> UInt32 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var value = (UInt64(bytes.count) &+ head.0) &* multiplier
        value = (value ^ (value >> 29) ^ head.1) &* multiplier
        var offset = 16
        while offset < bytes.count {
            let word = loadLittleEndianWord(UnsafeRawPointer(bytes.baseAddress! + offset), count: min(bytes.count - offset, 8))
            value = (value ^ (value >> 29) ^ word) &* multiplier
            offset += 8
        }
        value ^= value >> 32
        return UInt32(truncatingIfNeeded: value ^ (value >> 15))
    }
}

/// 64-bit FNV-1a over UTF-8 bytes: a few instructions a byte, for the
/// per-document tables whose keys are short names (SipHash, which
/// `Hasher` runs, costs more than the lookup it serves).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func combine(_ string: String) {
        string.withBytes { for byte in $0 { combine(byte: byte) } }
    }

    mutating func combine(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
    }
}
