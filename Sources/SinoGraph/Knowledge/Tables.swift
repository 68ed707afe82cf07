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

    func rows(_ text: String) throws -> [(line: Int, fields: [String])] {
        var rows: [(Int, [String])] = []
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.hasPrefix("#") { continue }
            var fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
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
    var values: [String] { self == "-" ? [] : split(separator: "|").map(String.init) }
}
