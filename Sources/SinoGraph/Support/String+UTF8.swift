import Foundation

/// Comparisons on UTF-8 bytes. The rules and the graph compare Chinese
/// strings all the time; `String`'s own `==`, `<` and hashing normalize
/// non-ASCII text first, and Foundation's `contains` goes through
/// `NSString`. For NFC text (the resources, and every key the rules make)
/// byte order is scalar order, so these agree with `String`'s results.
extension String {
    /// Whether `other` occurs in this string (byte search; UTF-8 is
    /// self-synchronizing, so a byte match is a scalar match).
    func includes(_ other: String) -> Bool {
        withBytes { h in
            other.withBytes { n in
                guard n.count <= h.count else { return false }
                guard let first = n.first else { return true }
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    if h[i] == first, memcmp(h.baseAddress! + i, n.baseAddress!, n.count) == 0 { return true }
                    i += 1
                }
                return false
            }
        }
    }

    /// Whether this string begins with `prefix`, byte for byte.
    func begins(with prefix: String) -> Bool {
        utf8.count >= prefix.utf8.count && utf8.starts(with: prefix.utf8)
    }

    /// Whether this string ends with `suffix`, byte for byte.
    func ends(with suffix: String) -> Bool {
        let count = utf8.count, suffixCount = suffix.utf8.count
        guard count >= suffixCount else { return false }
        return utf8[utf8.index(utf8.startIndex, offsetBy: count - suffixCount)...].elementsEqual(suffix.utf8)
    }

    /// Byte order: `<` for NFC text, without normalizing.
    func precedes(_ other: String) -> Bool {
        withBytes { x in
            other.withBytes { y in
                let common = min(x.count, y.count)
                if common > 0 {
                    let order = memcmp(x.baseAddress!, y.baseAddress!, common)
                    if order != 0 { return order < 0 }
                }
                return x.count < y.count
            }
        }
    }

    /// The first 16 UTF-8 bytes as two big-endian integers, zero-padded:
    /// when two strings' heads differ, their order is the strings' byte
    /// order; when they are equal, compare the strings.
    var byteHead: ByteHead { withBytes { ByteHead($0, at: 0) } }

    /// Whether the two strings are the same bytes.
    func hasSameBytes(as other: String) -> Bool {
        withBytes { x in
            other.withBytes { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) }
        }
    }

    /// Calls `body` with the UTF-8 bytes, in place when the string is
    /// native (no copy, no retain), else from a copy.
    @inline(__always)
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }

    /// Copies the UTF-8 bytes to `out`; returns the position after them.
    @inline(__always)
    func copyBytes(to out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        withBytes { bytes in
            guard let base = bytes.baseAddress else { return out }
            out.update(from: base, count: bytes.count)
            return out + bytes.count
        }
    }

    /// The string without spaces and tabs at either end (what
    /// `trimmingCharacters(in: .whitespaces)` removes).
    func trimmingBlanks() -> String {
        trimming { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
    }

    /// The string without the scalars that match `isTrimmed` at either end.
    func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
              let last = scalars.lastIndex(where: { !isTrimmed($0) }) else { return "" }
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first ... last])
    }
}

/// The head of a string's bytes, for sorting (see `String.byteHead`).
struct ByteHead: Comparable {
    let high: UInt64
    let low: UInt64

    static func < (a: ByteHead, b: ByteHead) -> Bool { a.high != b.high ? a.high < b.high : a.low < b.low }

    /// The 16 bytes from `offset` (zero-padded; all zeros past the end).
    init(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) {
        let available = bytes.count - offset
        guard available > 0 else {
            high = 0
            low = 0
            return
        }
        let start = UnsafeRawPointer(bytes.baseAddress! + offset)
        // Big-endian: the first byte is the most significant, so the
        // integers compare as the bytes do.
        high = loadLittleEndianWord(start, count: min(available, 8)).byteSwapped
        low = available > 8 ? loadLittleEndianWord(start + 8, count: min(available - 8, 8)).byteSwapped : 0
    }
}

/// The `count` bytes at `start` (up to 8) as a little-endian integer, zero
/// above them: byte `i` is bits `8 * i` on. Overlapping loads within the
/// bytes, never past them; no call to `memcpy`, which a variable-length
/// copy into a zeroed word compiles to (the interner and the graph's sort
/// read the heads of most keys they see).
@inline(__always)
func loadLittleEndianWord(_ start: UnsafeRawPointer, count: Int) -> UInt64 {
    switch count {
    case 8...:
        return UInt64(littleEndian: start.loadUnaligned(as: UInt64.self))
    case 4...:
        let first = UInt64(UInt32(littleEndian: start.loadUnaligned(as: UInt32.self)))
        let last = UInt64(UInt32(littleEndian: start.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
        return first | last << (8 * (count - 4))
    case 2...:
        let first = UInt64(UInt16(littleEndian: start.loadUnaligned(as: UInt16.self)))
        let last = UInt64(UInt16(littleEndian: start.loadUnaligned(fromByteOffset: count - 2, as: UInt16.self)))
        return first | last << (8 * (count - 2))
    case 1:
        return UInt64(start.load(as: UInt8.self))
    default:
        return 0
    }
}

/// The indices of `keys` in byte order of the keys, after `groups` (when
/// given, one small integer per key that sorts first); equal keys keep
/// their order. Keys are sorted as integers, 16 bytes at a time (a radix
/// sort whose digits are `ByteHead`s, taken further only where heads tie),
/// which is several times cheaper than sorting indices with a comparator
/// that reads the strings.
func byteOrder(of keys: [String], groups: [UInt8]? = nil) -> [Int] {
    struct SortKey: Comparable {
        var group: UInt8
        var head: ByteHead
        /// The key's bytes from the head's offset on, capped at 17: a key
        /// that ends inside the head sorts before one it is a prefix of
        /// (the head pads with zeros); 17 means it goes on past the head.
        var rest: UInt8
        var index: Int

        static func < (a: SortKey, b: SortKey) -> Bool {
            if a.group != b.group { return a.group < b.group }
            if a.head != b.head { return a.head < b.head }
            if a.rest != b.rest { return a.rest < b.rest }
            return a.index < b.index
        }
    }
    return keys.withUnsafeBufferPointer { keys in
        func sortKey(_ index: Int, at offset: Int, group: UInt8) -> SortKey {
            keys[index].withBytes { bytes in
                SortKey(group: group, head: ByteHead(bytes, at: offset),
                        rest: UInt8(min(max(bytes.count - offset, 0), 17)), index: index)
            }
        }
        var sortKeys = keys.indices.map { sortKey($0, at: 0, group: groups?[$0] ?? 0) }
        sortKeys.sortSmall(sortKeys.indices)
        // Keys that tie on a head and both go on (ids share prefixes such as
        // `holdsTitle:official:`) are ordered by their next 16 bytes, and so
        // on: integers all the way, no string comparison.
        var runs: [(range: Range<Int>, offset: Int)] = []
        func findRuns(in range: Range<Int>, offset: Int) {
            var start = range.lowerBound
            while start < range.upperBound {
                var end = start + 1
                let first = sortKeys[start]
                while end < range.upperBound, first.rest == 17, sortKeys[end].rest == 17,
                      sortKeys[end].group == first.group, sortKeys[end].head == first.head {
                    end += 1
                }
                if end - start > 1 { runs.append((start ..< end, offset)) }
                start = end
            }
        }
        findRuns(in: sortKeys.indices, offset: 0)
        while let (range, offset) = runs.popLast() {
            let next = offset + 16
            for i in range { sortKeys[i] = sortKey(sortKeys[i].index, at: next, group: 0) }
            sortKeys.sortSmall(range)
            findRuns(in: range, offset: next)
        }
        return sortKeys.map(\.index)
    }
}

extension Array where Element: Comparable {
    /// Sorts `range` in place: by insertion when it is short (a document's
    /// graph sorts a few dozen elements at a time, where the standard
    /// library's merge sort spends more on its setup than on comparing).
    mutating func sortSmall(_ range: Range<Int>) {
        guard range.count <= 24 else { return self[range].sort() }
        withUnsafeMutableBufferPointer { UnsafeMutableBufferPointer(rebasing: $0[range]).insertionSort(by: <) }
    }
}

extension UnsafeMutableBufferPointer {
    /// A stable sort by insertion, for the few dozen elements of one
    /// document's graph (quadratic: not for long lists).
    func insertionSort(by areInIncreasingOrder: (Element, Element) -> Bool) {
        guard count > 1 else { return }
        for i in indices.dropFirst() {
            let element = self[i]
            var j = i
            while j > startIndex, areInIncreasingOrder(element, self[j - 1]) {
                self[j] = self[j - 1]
                j -= 1
            }
            self[j] = element
        }
    }
}

/// A string key hashed and compared as UTF-8 bytes, for dictionaries the
/// rules fill per document with Chinese names.
struct ByteKey: Hashable, Sendable {
    let string: String

    init(_ string: String) { self.string = string }

    static func == (a: ByteKey, b: ByteKey) -> Bool { a.string.hasSameBytes(as: b.string) }

    func hash(into hasher: inout Hasher) {
        string.withBytes { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

extension String {
    /// A string of `scalars`, encoded straight to UTF-8 (appending to a
    /// `UnicodeScalarView` goes through generic, per-scalar paths).
    init(scalars: ArraySlice<Unicode.Scalar>) {
        self = scalars.withUnsafeBufferPointer { scalars in
            scalars.withMemoryRebound(to: UInt32.self) { String(encoding: $0) }
        }
    }

    /// A string of scalar values (valid scalars: the analysed text's
    /// folded values), encoded straight to UTF-8.
    init(utf32 values: ArraySlice<UInt32>) {
        self = values.withUnsafeBufferPointer { String(encoding: $0) }
    }

    /// The UTF-8 of valid scalar values written straight into the new
    /// string's storage: one allocation, no intermediate buffer. The length
    /// count has no branches and the byte conversions are unchecked: for
    /// sentences, the longest strings made, the checked `UInt8(_:)` and index
    /// arithmetic cost more than the encoding itself.
    private init(encoding values: UnsafeBufferPointer<UInt32>) {
        var capacity = 0
        for value in values {
            capacity &+= 1 &+ (value >= 0x80 ? 1 : 0) &+ (value >= 0x800 ? 1 : 0) &+ (value >= 0x10000 ? 1 : 0)
        }
        self.init(unsafeUninitializedCapacity: capacity) { buffer in
            guard var out = buffer.baseAddress else { return 0 }
            for value in values {
                if value < 0x80 {
                    out[0] = UInt8(truncatingIfNeeded: value)
                    out += 1
                } else if value < 0x800 {
                    out[0] = UInt8(truncatingIfNeeded: 0xC0 | value >> 6)
                    out[1] = UInt8(truncatingIfNeeded: 0x80 | value & 0x3F)
                    out += 2
                } else if value < 0x10000 {
                    out[0] = UInt8(truncatingIfNeeded: 0xE0 | value >> 12)
                    out[1] = UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F)
                    out[2] = UInt8(truncatingIfNeeded: 0x80 | value & 0x3F)
                    out += 3
                } else {
                    out[0] = UInt8(truncatingIfNeeded: 0xF0 | value >> 18)
                    out[1] = UInt8(truncatingIfNeeded: 0x80 | value >> 12 & 0x3F)
                    out[2] = UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F)
                    out[3] = UInt8(truncatingIfNeeded: 0x80 | value & 0x3F)
                    out += 4
                }
            }
            return out - buffer.baseAddress!
        }
    }
}

extension String {
    /// The string's scalars, decoded straight from its UTF-8 (`Array(unicodeScalars)`
    /// counts them first and then copies them one by one through generic code).
    var scalarArray: [Unicode.Scalar] {
        withBytes { bytes in
            let count = bytes.count
            return [Unicode.Scalar](unsafeUninitializedCapacity: count) { scalars, initialized in
                // A Swift string is valid UTF-8, so every decoded value is a
                // scalar: written as its `UInt32`, which is its layout.
                scalars.withMemoryRebound(to: UInt32.self) { values in
                    var i = 0, n = 0
                    while i < count {
                        values[n] = decodeUTF8(bytes, at: &i)
                        n &+= 1
                    }
                    initialized = n
                }
            }
        }
    }
}

/// The scalar value of the valid UTF-8 sequence at `index`, which moves
/// past it. Callers decode `String` bytes, which are valid by construction.
/// Three-byte sequences (Chinese text) are tested first, and the index
/// arithmetic is unchecked: it stays below the byte count.
///
/// As the bytes are valid, their marker bits are known: a lead byte
/// `1110xxxx` and continuation bytes `10xxxxxx`. Rather than masking each
/// byte, the shifted bytes are summed and the markers' sum subtracted once
/// (for three bytes, `0xE0 << 12 + 0x80 << 6 + 0x80`), which takes fewer
/// instructions per scalar; the arithmetic wraps, but the result does not.
@inline(__always)
func decodeUTF8(_ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int) -> UInt32 {
    let i = index
    let lead = UInt32(bytes[i])
    if lead &- 0xE0 < 0x10 {
        index = i &+ 3
        return (lead << 12 &+ UInt32(bytes[i &+ 1]) << 6 &+ UInt32(bytes[i &+ 2])) &- 0xE2080
    } else if lead < 0x80 {
        index = i &+ 1
        return lead
    } else if lead < 0xE0 {
        index = i &+ 2
        return (lead << 6 &+ UInt32(bytes[i &+ 1])) &- 0x3080
    } else {
        index = i &+ 4
        return (lead << 18 &+ UInt32(bytes[i &+ 1]) << 12 &+ UInt32(bytes[i &+ 2]) << 6 &+ UInt32(bytes[i &+ 3]))
            &- 0x3C82080
    }
}

/// Writes UTF-8 into a new string's storage (see
/// `String.init(capacity:assembling:)`).
struct StringAssembler {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    fileprivate init(buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

    /// Appends the bytes of `string`; traps if they do not fit.
    mutating func append(_ string: String) {
        string.withBytes { bytes in
            guard let source = bytes.baseAddress else { return }
            precondition(count + bytes.count <= buffer.count, "assembled string exceeds its capacity")
            (buffer.baseAddress! + count).update(from: source, count: bytes.count)
            count += bytes.count
        }
    }
}

extension String {
    /// A string assembled by `body` in one allocation of `capacity` bytes.
    /// Graph ids are made for every element of every document: for more
    /// than two parts, `append` costs more than the validation this pays.
    init(capacity: Int, assembling body: (inout StringAssembler) -> Void) {
        self.init(unsafeUninitializedCapacity: capacity) { buffer in
            var assembler = StringAssembler(buffer: buffer)
            body(&assembler)
            return assembler.count
        }
    }

    /// `self` followed by `suffix`, in one allocation. Through `+`, which
    /// copies valid strings without validating them again: for two parts
    /// that costs less than writing the bytes into
    /// `String(unsafeUninitializedCapacity:)`, which validates them all.
    func joined(with suffix: String) -> String {
        self + suffix
    }
}
