import Foundation

/// The rows of the resource files, parsed. See `Docs/Resources.md` for
/// the formats.
///
/// Rows are immutable objects, shared by the tables: a lookup retains one
/// object, where a copied struct retained each of its strings and arrays
/// (and released them again), at every rule that reads a row.
final class CountryInfo: Sendable {
    let code: String
    let name: String
    let formal: String?
    let latin: String
    let abbreviations: [String]
    let aliases: [String]
    let kind: String
    let parent: String?

    init(code: String, name: String, formal: String?, latin: String, abbreviations: [String], aliases: [String],
         kind: String, parent: String?) {
        self.code = code
        self.name = name
        self.formal = formal
        self.latin = latin
        self.abbreviations = abbreviations
        self.aliases = aliases
        self.kind = kind
        self.parent = parent
    }
}

final class PlaceInfo: Sendable {
    let name: String
    let country: String
    let kind: String
    let latin: String?
    let aliases: [String]

    init(name: String, country: String, kind: String, latin: String?, aliases: [String]) {
        self.name = name
        self.country = country
        self.kind = kind
        self.latin = latin
        self.aliases = aliases
    }
}

final class AgencyInfo: Sendable {
    enum Scope: Sendable, Hashable {
        /// The name fixes the country (`古共中央`).
        case country(String)
        /// Many states have one; `fallback` is the country meant when none is named.
        case generic(fallback: String?)
        /// An international body.
        case international
    }

    let name: String
    let kind: String
    let scope: Scope
    let latin: String?
    let aliases: [String]

    init(name: String, kind: String, scope: Scope, latin: String?, aliases: [String]) {
        self.name = name
        self.kind = kind
        self.scope = scope
        self.latin = latin
        self.aliases = aliases
    }
}

final class TitleInfo: Sendable {
    let title: String
    let kind: String
    let country: String?
    let latin: String?

    init(title: String, kind: String, country: String?, latin: String?) {
        self.title = title
        self.kind = kind
        self.country = country
        self.latin = latin
    }
}

final class AreaInfo: Sendable {
    let key: String
    let latin: String
    let forms: [String]

    init(key: String, latin: String, forms: [String]) {
        self.key = key
        self.latin = latin
        self.forms = forms
    }
}

final class OfficialInfo: Sendable {
    let name: String
    let country: String?
    let latin: String?
    let aliases: [String]
    let titles: [String]

    init(name: String, country: String?, latin: String?, aliases: [String], titles: [String]) {
        self.name = name
        self.country = country
        self.latin = latin
        self.aliases = aliases
        self.titles = titles
    }
}

/// Reads one tab-separated resource: `#` comments, blank lines skipped,
/// `-` for an empty field, `|` between values.
struct TSVReader {
    let source: String
    let columns: Int
    /// Columns after `required` may be left out.
    let required: Int

    /// Splits on bytes: the resources load at every start, and splitting
    /// `Character`s would pay for grapheme breaking on every byte.
    func rows(_ text: String) throws -> [(line: Int, fields: [String])] {
        var text = text
        text.makeContiguousUTF8()
        return try text.utf8.withContiguousStorageIfAvailable { try rows(bytes: $0) } ?? rows(bytes: Array(text.utf8).withUnsafeBufferPointer { $0 })
    }

    private func rows(bytes: UnsafeBufferPointer<UInt8>) throws -> [(line: Int, fields: [String])] {
        var rows: [(Int, [String])] = []
        var number = 0
        var lineStart = 0
        let isBlank = { (b: UInt8) in b == 0x20 || b == 0x09 || b == 0x0D }
        while lineStart < bytes.count {
            number += 1
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            var end = lineEnd
            if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
            if (lineStart ..< end).allSatisfy({ isBlank(bytes[$0]) }) || bytes[lineStart] == UInt8(ascii: "#") { continue }
            var fields: [String] = []
            var fieldStart = lineStart
            for i in lineStart ... end where i == end || bytes[i] == 0x09 {
                var a = fieldStart, z = i
                while a < z, bytes[a] == 0x20 { a += 1 }
                while z > a, bytes[z - 1] == 0x20 { z -= 1 }
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[a ..< z]), as: UTF8.self))
                fieldStart = i + 1
            }
            guard fields.count >= required, fields.count <= columns else {
                throw ResourceError(source: source, line: number,
                                    message: "expected \(columns) tab-separated fields, found \(fields.count)")
            }
            while fields.count < columns { fields.append("-") }
            if let empty = fields.firstIndex(where: \.isEmpty) {
                throw ResourceError(source: source, line: number, message: "field \(empty + 1) is empty (write - for none)")
            }
            if fields[0] == "-" {
                throw ResourceError(source: source, line: number, message: "the first field cannot be -")
            }
            if fields[0].unicodeScalars.count > 64 {
                throw ResourceError(source: source, line: number, message: "a name of \(fields[0].count) characters; the limit is 64")
            }
            rows.append((number, fields))
        }
        return rows
    }
}

extension String {
    /// `nil` for the `-` placeholder.
    var orNil: String? { self == "-" ? nil : self }
    /// The `|`-separated values, none for `-`.
    var values: [String] {
        guard self != "-" else { return [] }
        return utf8.split(separator: UInt8(ascii: "|")).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// A knowledge table as the rules read it: a ``NameTable``, made once,
/// in an immutable object. Reading the table out of the knowledge base
/// retains this one object, where a copy of the table retained each of
/// its arrays.
final class SharedTable<Value: Sendable>: Sendable {
    private let table: NameTable<Value>

    init(_ table: NameTable<Value>) {
        self.table = table
    }

    subscript(name: String) -> Value? { table[name] }

    /// The value at `row`, the index of its name in the table (see
    /// ``row(of:)``).
    subscript(row row: Int) -> Value { table[row] }

    /// The row of `name`'s value, if it has one.
    func row(of name: String) -> Int? { table.index(of: name) }

    /// Whether `name` has a value.
    func contains(_ name: String) -> Bool { table.contains(name) }

    var count: Int { table.count }
    /// The values, in the order their names were first added.
    var values: [Value] { table.values }
    /// The names, in the order they were first added.
    var keys: [String] { table.keys }
}

/// The countries by ISO code, an immutable object as ``SharedTable`` is.
/// A code is a few ASCII bytes: the graph builder's lookups pack them into
/// one integer and find it in a small open-addressing table of such keys,
/// where a `Dictionary` ran SipHash and `String` comparison.
///
/// It answers as the `[String: CountryInfo]` it replaces: the codes are
/// ASCII (``KnowledgeBase/isCountryCode(_:)``), and ASCII text is `==`
/// exactly when its bytes are the same; only a key with other scalars
/// could be `==` to a code without its bytes (`\u{212A}R`, with the Kelvin
/// sign, is `KR`), and such a key is compared with `==` as the dictionary
/// did.
final class CountryTable: Sendable {
    private let table: NameTable<CountryInfo>
    /// Open addressing, linear probing, at least twice as many slots as
    /// codes: the ``key(_:)`` of a code (0 for an empty slot: only the
    /// empty string has key 0) and the code's index in `infos`.
    private let slots: [(key: UInt64, index: Int)]
    /// `64 - log2(slots.count)`: the shift that takes a hash to a slot.
    private let shift: UInt64
    /// The countries, in `table`'s order.
    private let infos: [CountryInfo]

    init(_ table: NameTable<CountryInfo>) {
        self.table = table
        infos = table.values
        var bits: UInt64 = 4
        while 1 << bits < 2 * table.count { bits += 1 }
        shift = 64 - bits
        var slots = [(key: UInt64, index: Int)](repeating: (0, 0), count: 1 << bits)
        // Every code has a key (two to six ASCII bytes): keyed codes are all
        // that a lookup by key needs to find.
        for (index, info) in table.values.enumerated() {
            guard let key = Self.key(info.code) else { continue }
            var slot = Self.slot(key, shift)
            while slots[slot].key != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = (key, index)
        }
        self.slots = slots
    }

    subscript(code: String) -> CountryInfo? {
        guard let key = Self.key(code) else {
            // Longer than a key holds, or not ASCII: by bytes, then by `==`.
            if let info = table[code] { return info }
            guard code.utf8.contains(where: { $0 >= 0x80 }) else { return nil }
            return table.values.first { $0.code == code }
        }
        var slot = Self.slot(key, shift)
        while slots[slot].key != 0 {
            if slots[slot].key == key { return infos[slots[slot].index] }
            slot = (slot + 1) & (slots.count - 1)
        }
        return nil
    }

    /// The first slot to try for `key`: Fibonacci hashing (the top bits
    /// of the key times 2^64 / φ).
    private static func slot(_ key: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> shift)
    }

    var count: Int { table.count }
    /// The countries, in the order their codes were first added.
    var values: [CountryInfo] { table.values }

    /// The bytes of an ASCII string of up to seven bytes, the first lowest,
    /// with the count in the top byte (so `KR` and `KR` + NUL differ); nil
    /// for other strings. Two such strings have the same key exactly when
    /// they have the same bytes.
    private static func key(_ code: String) -> UInt64? {
        code.utf8.withContiguousStorageIfAvailable { bytes -> UInt64? in
            guard bytes.count <= 7 else { return nil }
            var key = UInt64(bytes.count) << 56
            for index in bytes.indices {
                guard bytes[index] < 0x80 else { return nil }
                key |= UInt64(bytes[index]) << (8 * index)
            }
            return key
        } ?? nil
    }
}
