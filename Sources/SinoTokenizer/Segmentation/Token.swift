/// What a token is, and so which rule produced it.
public enum TokenKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A lexicon word (possibly a single character the lexicon lists).
    case word
    /// A run of digits with separators, decimals or a percent sign: `3,000`, `1.3`, `75%`.
    case number
    /// A run of letters of an alphabetic script, with internal hyphens or
    /// apostrophes: `Díaz-Canel`, `TP-Link`.
    case latin
    /// A transliterated name joined by a middle dot or hyphen: `迪亚斯·卡内尔`.
    case transliteration
    /// One punctuation mark or symbol.
    case punctuation
    /// A run of whitespace.
    case whitespace
    /// An emoji or other pictograph, with its modifiers and joiners.
    case symbol
    /// One character that no lexicon word covers.
    case unknown
}

/// One token: a slice of the original input with what the tokenizer knows
/// of it.
///
/// Ranges always point into the text as given, also when the tokenizer
/// matched a normalized form (`會見` matches the lexicon's `会见`).
public struct Token: Sendable, Hashable {
    /// The token's text, a slice of the original input.
    public let text: Substring
    /// The token's range in the original input.
    public var range: Range<String.Index> { text.startIndex ..< text.endIndex }
    /// The range in Unicode scalars from the start of the input.
    public let scalarRange: Range<Int>
    /// The range in UTF-8 bytes from the start of the input.
    public let utf8Range: Range<Int>
    /// The rule that produced the token.
    public let kind: TokenKind
    /// The lexicon entries of a ``TokenKind/word`` token; empty otherwise.
    public let entries: ArraySlice<Lexicon.Entry>

    /// The distinct tags of the token's lexicon entries, in entry order.
    public var tags: [String] {
        var seen: [String] = []
        for case let tag? in entries.lazy.map(\.tag) where !seen.contains(tag) { seen.append(tag) }
        return seen
    }
}

/// The compact form of a token inside a ``Tokenization``.
struct RawToken: Sendable, Hashable {
    var start: Int32
    var end: Int32
    var utf8Start: Int32
    var utf8End: Int32
    /// The token's lexicon entries, `entryStart ..< entryEnd` in
    /// ``Lexicon/allEntries``; empty unless a word.
    var entryStart: Int32
    var entryEnd: Int32
    var kind: TokenKind
}

/// A token as the extraction layer reads it: its scalar range, its kind and
/// its lexicon entries as indices into ``Lexicon/allEntries`` (empty unless
/// a word). The segmenter cuts these; ``RawToken`` adds UTF-8 offsets.
package struct ScalarToken: Sendable {
    package var start: Int32
    package var end: Int32
    package var entryStart: Int32
    package var entryEnd: Int32
    package var kind: TokenKind
}

/// The tokens of one text, in order.
///
/// A tokenization is a random-access collection of ``Token`` values; it keeps
/// the text and a compact array, and makes each token when it is read.
///
/// ```swift
/// let tokens = tokenizer.tokenize("王小洪会见科洛科利采夫")
/// print(tokens.map(\.text).joined(separator: " "))
/// ```
public struct Tokenization: Sendable, RandomAccessCollection {
    /// The text that was tokenized.
    public let text: String
    /// The segmentation mode that produced the tokens.
    public let mode: SegmentationMode
    let raw: [RawToken]
    let lexicon: Lexicon

    init(text: String, mode: SegmentationMode, raw: [RawToken], lexicon: Lexicon) {
        self.text = text
        self.mode = mode
        self.raw = raw
        self.lexicon = lexicon
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { raw.count }

    public subscript(position: Int) -> Token {
        let token = raw[position]
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: Int(token.utf8Start))
        let upper = utf8.index(utf8.startIndex, offsetBy: Int(token.utf8End))
        return Token(
            text: text[lower ..< upper],
            scalarRange: Int(token.start) ..< Int(token.end),
            utf8Range: Int(token.utf8Start) ..< Int(token.utf8End),
            kind: token.kind,
            entries: lexicon.entries[Int(token.entryStart) ..< Int(token.entryEnd)])
    }

    /// Calls `body` with each token's UTF-8 byte range and kind, in order,
    /// without making ``Token`` values: the fast path for writing tokens
    /// out (`text.utf8[range]` is the token).
    public func forEachUTF8Range(_ body: (_ range: Range<Int>, _ kind: TokenKind) throws -> Void) rethrows {
        for token in raw { try body(Int(token.utf8Start) ..< Int(token.utf8End), token.kind) }
    }

    /// The tokens' texts, for quick display and tests.
    public var words: [String] { map { String($0.text) } }
}
