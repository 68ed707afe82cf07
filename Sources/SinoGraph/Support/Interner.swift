/// Dense integer ids for strings, by their UTF-8 bytes, in first-seen
/// order: the per-document tables of names, codes and keys. Lookups hash
/// a few bytes with FNV-1a (a `Dictionary` of strings runs SipHash and, for
/// `String` keys, normalizes non-ASCII text), and the ids index plain
/// arrays afterwards.
///
/// A document's tables hold a handful of strings each, so an interner
/// allocates nothing until its first string (and then room for eight: most
/// tables hold a few, growing from empty reallocates at one, two and four,
/// and from four the tables of 952 generated documents still grew 13,241
/// times), and compares hashes
/// in a linear scan until it holds more than `linearLimit`; only then does
/// it build an open-addressing table.
struct Interner {
    /// A string and its hash. A struct, not a tuple: an array of tuples is
    /// destroyed through the runtime's generic tuple witness, element by
    /// element.
    private struct Entry {
        let string: String
        let hash: UInt32
    }

    /// The strings and their hashes, by id: one array, one allocation.
    private var entries: [Entry] = []
    /// Open addressing, linear probing: id + 1, or 0 for an empty slot.
    /// Empty while the interner is scanned linearly.
    private var slots: [Int32] = []

    /// Up to this many strings, a lookup scans the hashes in order.
    private static let linearLimit = 12

    init() {}

    var count: Int { entries.count }

    subscript(id: Int) -> String { entries[id].string }

    /// The strings, by id.
    var strings: [String] { entries.map(\.string) }

    /// The id of `string`, added if new.
    mutating func intern(_ string: String) -> Int {
        let hash = Self.hash(string)
        if let id = find(string, hash) { return id }
        if entries.isEmpty { entries.reserveCapacity(8) }
        entries.append(Entry(string: string, hash: hash))
        let id = entries.count - 1
        if slots.isEmpty {
            if entries.count > Self.linearLimit { rebuild(slotCount: 64) }
        } else if entries.count * 2 > slots.count {
            rebuild(slotCount: slots.count * 2)
        } else {
            place(id, hash)
        }
        return id
    }

    /// The id of `string`, if it was added.
    func id(of string: String) -> Int? { find(string, Self.hash(string)) }

    private func find(_ string: String, _ hash: UInt32) -> Int? {
        entries.withUnsafeBufferPointer { entries in
            if slots.isEmpty {
                for id in entries.indices where entries[id].hash == hash && entries[id].string.hasSameBytes(as: string) {
                    return id
                }
                return nil
            }
            return slots.withUnsafeBufferPointer { slots in
                let mask = slots.count - 1
                var slot = Int(hash) & mask
                while slots[slot] != 0 {
                    let id = Int(slots[slot]) - 1
                    if entries[id].hash == hash, entries[id].string.hasSameBytes(as: string) { return id }
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
        slots = [Int32](repeating: 0, count: slotCount)
        for id in entries.indices { place(id, entries[id].hash) }
    }

    /// FNV-1a over the UTF-8 bytes, folded to 32 bits.
    static func hash(_ string: String) -> UInt32 {
        var hasher = FNV1a()
        hasher.combine(string)
        return UInt32(truncatingIfNeeded: hasher.value ^ (hasher.value >> 32))
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
