/// Dense integer ids for strings, by their UTF-8 bytes, in first-seen
/// order: the per-document tables of names, codes and keys. Lookups hash
/// a few bytes with FNV-1a (a `Dictionary` of strings runs SipHash and, for
/// `String` keys, normalizes non-ASCII text), and the ids index plain
/// arrays afterwards.
struct Interner {
    /// The strings, by id.
    private(set) var strings: [String] = []
    private var hashes: [UInt32] = []
    /// Open addressing, linear probing: id + 1, or 0 for an empty slot.
    private var slots: [Int32]

    init() {
        slots = [Int32](repeating: 0, count: 16)
        strings.reserveCapacity(8)
        hashes.reserveCapacity(8)
    }

    var count: Int { strings.count }

    subscript(id: Int) -> String { strings[id] }

    /// The id of `string`, added if new.
    mutating func intern(_ string: String) -> Int {
        let hash = Self.hash(string)
        if let id = find(string, hash) { return id }
        if (strings.count + 1) * 2 > slots.count { grow() }
        strings.append(string)
        hashes.append(hash)
        place(strings.count - 1, hash)
        return strings.count - 1
    }

    /// The id of `string`, if it was added.
    func id(of string: String) -> Int? { find(string, Self.hash(string)) }

    private func find(_ string: String, _ hash: UInt32) -> Int? {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot] != 0 {
            let id = Int(slots[slot]) - 1
            if hashes[id] == hash, strings[id].hasSameBytes(as: string) { return id }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private mutating func place(_ id: Int, _ hash: UInt32) {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(id + 1)
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        for id in strings.indices { place(id, hashes[id]) }
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
