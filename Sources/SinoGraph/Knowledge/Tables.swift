import Foundation

/// The rows of the resource files, parsed. See `Docs/Resources.md` for
/// the formats.
struct CountryInfo: Sendable, Hashable {
    var code: String
    var name: String
    var formal: String?
    var latin: String
    var abbreviations: [String]
    var aliases: [String]
    var kind: String
    var parent: String?
}

struct PlaceInfo: Sendable, Hashable {
    var name: String
    var country: String
    var kind: String
    var latin: String?
    var aliases: [String]
}

struct AgencyInfo: Sendable, Hashable {
    enum Scope: Sendable, Hashable {
        /// The name fixes the country (`古共中央`).
        case country(String)
        /// Many states have one; `fallback` is the country meant when none is named.
        case generic(fallback: String?)
        /// An international body.
        case international
    }

    var name: String
    var kind: String
    var scope: Scope
    var latin: String?
    var aliases: [String]
}

struct TitleInfo: Sendable, Hashable {
    var title: String
    var kind: String
    var country: String?
    var latin: String?
}

struct AreaInfo: Sendable, Hashable {
    var key: String
    var latin: String
    var forms: [String]
}

struct OfficialInfo: Sendable, Hashable {
    var name: String
    var country: String?
    var latin: String?
    var aliases: [String]
    var titles: [String]
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
