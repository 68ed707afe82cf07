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
    var byteHead: ByteHead {
        withBytes { bytes in
            var head: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &head) { raw in
                raw.copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes).prefix(16)))
            }
            return ByteHead(high: UInt64(bigEndian: head.0), low: UInt64(bigEndian: head.1))
        }
    }

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
}

/// The indices of `keys` in byte order of the keys, after `groups` (when
/// given, one small integer per key that sorts first); equal keys keep
/// their order. Sorting plain integers first, and comparing whole strings
/// only where their first 16 bytes tie, is several times cheaper than
/// sorting indices with a comparator that reads the strings.
func byteOrder(of keys: [String], groups: [UInt8]? = nil) -> [Int] {
    struct SortKey: Comparable {
        var group: UInt8
        var head: ByteHead
        var index: Int

        static func < (a: SortKey, b: SortKey) -> Bool {
            if a.group != b.group { return a.group < b.group }
            if a.head != b.head { return a.head < b.head }
            return a.index < b.index
        }
    }
    var sortKeys = keys.indices.map { SortKey(group: groups?[$0] ?? 0, head: keys[$0].byteHead, index: $0) }
    sortKeys.sort()
    // Runs whose heads tie: keys longer than 16 bytes may still differ.
    var start = 0
    while start < sortKeys.count {
        var end = start + 1
        while end < sortKeys.count, sortKeys[end].group == sortKeys[start].group, sortKeys[end].head == sortKeys[start].head {
            end += 1
        }
        if end - start > 1 {
            let first = keys[sortKeys[start].index]
            if !sortKeys[start + 1 ..< end].allSatisfy({ keys[$0.index].hasSameBytes(as: first) }) {
                sortKeys[start ..< end].sort { a, b in
                    let x = keys[a.index], y = keys[b.index]
                    return x.hasSameBytes(as: y) ? a.index < b.index : x.precedes(y)
                }
            }
        }
        start = end
    }
    return sortKeys.map(\.index)
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
        self = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: scalars.count * 4) { buffer in
            var count = 0
            for scalar in scalars { count = Self.encode(scalar.value, into: buffer, at: count) }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
        }
    }

    /// A string of scalar values (valid scalars: the analysed text's
    /// folded values), encoded straight to UTF-8.
    init(utf32 values: ArraySlice<UInt32>) {
        self = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: values.count * 4) { buffer in
            var count = 0
            for value in values { count = Self.encode(value, into: buffer, at: count) }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
        }
    }

    /// Writes the UTF-8 of scalar `value` at `count`; returns the new count.
    @inline(__always)
    private static func encode(_ value: UInt32, into buffer: UnsafeMutableBufferPointer<UInt8>, at count: Int) -> Int {
        switch value {
        case 0 ..< 0x80:
            buffer[count] = UInt8(value)
            return count + 1
        case 0x80 ..< 0x800:
            buffer[count] = UInt8(0xC0 | value >> 6)
            buffer[count + 1] = UInt8(0x80 | value & 0x3F)
            return count + 2
        case 0x800 ..< 0x10000:
            buffer[count] = UInt8(0xE0 | value >> 12)
            buffer[count + 1] = UInt8(0x80 | value >> 6 & 0x3F)
            buffer[count + 2] = UInt8(0x80 | value & 0x3F)
            return count + 3
        default:
            buffer[count] = UInt8(0xF0 | value >> 18)
            buffer[count + 1] = UInt8(0x80 | value >> 12 & 0x3F)
            buffer[count + 2] = UInt8(0x80 | value >> 6 & 0x3F)
            buffer[count + 3] = UInt8(0x80 | value & 0x3F)
            return count + 4
        }
    }
}

/// A dictionary keyed by names, hashed and compared as UTF-8 bytes: the
/// knowledge tables and the per-document official records, which the
/// rules read at every candidate.
struct NameTable<Value: Sendable>: Sendable {
    private var storage: [ByteKey: Value] = [:]

    init() {}

    subscript(name: String) -> Value? {
        get { storage[ByteKey(name)] }
        set { storage[ByteKey(name)] = newValue }
    }

    subscript(name: String, default value: @autoclosure () -> Value) -> Value {
        get { storage[ByteKey(name)] ?? value() }
        _modify { yield &storage[ByteKey(name), default: value()] }
    }

    /// Whether `name` has a value (without copying the value out).
    func contains(_ name: String) -> Bool { storage.index(forKey: ByteKey(name)) != nil }

    var count: Int { storage.count }
    var isEmpty: Bool { storage.isEmpty }
    var values: Dictionary<ByteKey, Value>.Values { storage.values }
    var keys: [String] { storage.keys.map(\.string) }
}

extension String {
    /// The string's scalars, decoded straight from its UTF-8 (`Array(unicodeScalars)`
    /// counts them first and then copies them one by one through generic code).
    var scalarArray: [Unicode.Scalar] {
        withBytes { bytes in
            var scalars: [Unicode.Scalar] = []
            scalars.reserveCapacity(bytes.count)
            var i = 0
            let count = bytes.count
            while i < count {
                let value = decodeUTF8(bytes, at: &i)
                // A Swift string is valid UTF-8, so every value is a scalar.
                scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            }
            return scalars
        }
    }
}

/// The scalar value of the valid UTF-8 sequence at `index`, which moves
/// past it. Callers decode `String` bytes, which are valid by construction.
@inline(__always)
func decodeUTF8(_ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int) -> UInt32 {
    let lead = UInt32(bytes[index])
    switch lead {
    case ..<0x80:
        index += 1
        return lead
    case ..<0xE0:
        defer { index += 2 }
        return (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
    case ..<0xF0:
        defer { index += 3 }
        return (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
    default:
        defer { index += 4 }
        return (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
            | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
    }
}
