import Foundation
import SinoTokenizer

/// The fields of a document's YAML front matter.
struct FrontMatter: Sendable, Hashable {
    var title: String?
    /// The raw date string, e.g. `2023-05-17T06:30:00.000Z` or `2023-05-17`.
    var date: String?
    var author: String?
    /// Where the article came from: the `from:`, `source:` or `url:` field.
    var source: String?
    /// The fields as read; ``fields`` makes the dictionary when asked (the
    /// extractor reads the date alone, and making and hashing a dictionary
    /// per document cost more than parsing its front matter).
    let list: FrontMatterParser.Fields

    /// Every top-level field by lowercased key; values unquoted, lists like
    /// `[ a ]` kept raw, list items under a key joined with ", ".
    var fields: [String: String] { list.dictionary }

    static func == (lhs: FrontMatter, rhs: FrontMatter) -> Bool {
        lhs.title == rhs.title && lhs.date == rhs.date && lhs.author == rhs.author && lhs.source == rhs.source
            && lhs.fields == rhs.fields
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(title)
        hasher.combine(date)
        hasher.combine(author)
        hasher.combine(source)
        hasher.combine(fields)
    }
}

/// The text the extractor reads, with a map back to the original input.
struct CleanText: Sendable {
    /// Clean text as Unicode scalars.
    let scalars: [Unicode.Scalar]
    /// The source of each clean scalar in `Document.text`, in one array
    /// (one allocation per document rather than one for the offsets and one
    /// for the lengths): entry `i` holds the Unicode-scalar offset of clean
    /// scalar `i`'s source in its low bits and, above ``lengthShift``, how
    /// many original scalars produced it (see ``originalLengths``); entry
    /// `scalars.count` holds the offset just past the source of the last
    /// clean scalar, with no length.
    private let sources: [Int]
    let frontMatter: FrontMatter?
    /// The original text, and its scalars (which the offsets count),
    /// when known; else empty. Clean text that is a verbatim copy of the
    /// original is sliced from it, which copies bytes without encoding or
    /// validating them again (see ``verbatimByteRanges(of:count:)``).
    let original: String
    let originalScalars: [Unicode.Scalar]

    /// Where a source's length starts in its entry of ``sources``: offsets
    /// are below 2^48 (documents are at most ``Document/maximumByteCount``).
    static let lengthShift = 48
    /// The offset bits of an entry of ``sources``.
    static let offsetMask = 1 << lengthShift - 1

    /// The entry of ``sources`` for a clean scalar whose source starts at
    /// `offset` and runs for `length` original scalars (clamped to 65,535).
    @inline(__always)
    static func source(offset: Int, length: Int) -> Int {
        offset | Int(UInt16(clamping: length)) << lengthShift
    }

    /// Creates clean text; without `originalLengths`, each clean scalar comes
    /// from one original scalar.
    init(
        scalars: [Unicode.Scalar], originalOffsets: [Int], frontMatter: FrontMatter?,
        originalLengths: [UInt16]? = nil, original: String = "", originalScalars: [Unicode.Scalar] = []
    ) {
        precondition(originalOffsets.count == scalars.count + 1, "one offset per scalar plus the end")
        precondition(originalLengths.map { $0.count == scalars.count } ?? true, "one length per scalar")
        let sources = originalOffsets.indices.map { index in
            index < scalars.count
                ? Self.source(offset: originalOffsets[index], length: Int(originalLengths?[index] ?? 1))
                : originalOffsets[index]
        }
        self.init(scalars: scalars, sources: sources, frontMatter: frontMatter, original: original,
                  originalScalars: originalScalars)
    }

    /// Creates clean text from its sources as ``sources`` holds them (the
    /// reader writes them so).
    fileprivate init(
        scalars: [Unicode.Scalar], sources: [Int], frontMatter: FrontMatter?, original: String,
        originalScalars: [Unicode.Scalar]
    ) {
        precondition(sources.count == scalars.count + 1, "one source per scalar plus the end")
        self.scalars = scalars
        self.sources = sources
        self.frontMatter = frontMatter
        self.original = original
        self.originalScalars = originalScalars
    }

    /// `originalOffsets[i]` is the Unicode-scalar offset in `Document.text` of
    /// clean scalar `i`; `originalOffsets[scalars.count]` is the offset just
    /// past the source of the last clean scalar. Made when asked (the
    /// extractor reads ``originalRange(_:)``).
    var originalOffsets: [Int] { sources.map { $0 & Self.offsetMask } }

    /// How many original scalars produced each clean scalar: 1 for a plain
    /// character, 6 for `&nbsp;`, the whole tag for a line break from `<p>`.
    /// Made when asked.
    var originalLengths: [UInt16] { sources.dropLast().map { UInt16(truncatingIfNeeded: $0 >> Self.lengthShift) } }

    /// Clean text of plain input: each scalar maps to itself.
    init(plain text: String) {
        let scalars = Array(text.unicodeScalars)
        self.init(
            scalars: scalars, originalOffsets: Array(0...scalars.count), frontMatter: nil,
            original: text, originalScalars: scalars)
    }

    /// Maps a clean range to the original scalar range it came from: from the
    /// source of its first scalar to the end of the source of its last.
    func originalRange(_ clean: Range<Int>) -> Range<Int> {
        let start = sources[clean.lowerBound] & Self.offsetMask
        guard clean.upperBound > clean.lowerBound else { return start..<start }
        let last = sources[clean.upperBound - 1]
        return start..<((last & Self.offsetMask) + last >> Self.lengthShift)
    }

    /// The clean text of a range as a String.
    func string(_ clean: Range<Int>) -> String {
        String(scalars: scalars[clean])
    }

    /// The whole clean text as a String.
    var text: String { string(0..<scalars.count) }

    /// For each of `ranges` (`count` clean ranges, in increasing order),
    /// the UTF-8 range in ``original`` that holds the same text, when the
    /// clean text there is a verbatim copy of the original (no markup,
    /// entity, collapsed or converted space inside); an empty range when it
    /// is not, or when the original is unknown.
    func verbatimByteRanges(of ranges: some Sequence<Range<Int>>, count: Int) -> [Range<Int>] {
        var result: [Range<Int>] = []
        result.reserveCapacity(count)
        guard !originalScalars.isEmpty else {
            for _ in ranges { result.append(0 ..< 0) }
            return result
        }
        scalars.withUnsafeBufferPointer { clean in
            originalScalars.withUnsafeBufferPointer { original in
                // Scalars before `position` take `byteOffset` bytes of UTF-8.
                var position = 0, byteOffset = 0
                for range in ranges {
                    guard !range.isEmpty else {
                        result.append(0 ..< 0)
                        continue
                    }
                    let last = sources[range.upperBound - 1]
                    let start = sources[range.lowerBound] & Self.offsetMask
                    let end = (last & Self.offsetMask) + last >> Self.lengthShift
                    // Offsets strictly increase: as many original scalars as
                    // clean ones means each comes from one of its own, in
                    // order; equal scalars make equal bytes.
                    guard end - start == range.count, start >= position, end <= original.count,
                          memcmp(clean.baseAddress! + range.lowerBound, original.baseAddress! + start,
                                 range.count * MemoryLayout<Unicode.Scalar>.stride) == 0
                    else {
                        result.append(0 ..< 0)
                        continue
                    }
                    byteOffset += utf8Count(original, position ..< start)
                    let lower = byteOffset
                    byteOffset += utf8Count(original, start ..< end)
                    position = end
                    result.append(lower ..< byteOffset)
                }
            }
        }
        return result
    }

    /// The text of a UTF-8 range of ``original`` (on scalar boundaries), as
    /// ``verbatimByteRanges(of:count:)`` finds them: a copy of the bytes,
    /// which a slice of a string needs no validation for.
    func originalText(bytes: Range<Int>) -> String {
        let utf8 = original.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: bytes.lowerBound)
        let upper = utf8.index(lower, offsetBy: bytes.count)
        return String(original[lower ..< upper])
    }
}

/// The UTF-8 length of `scalars[range]`: a scalar takes one byte, and one
/// more past each of 0x7F, 0x7FF and 0xFFFF. Four scalars at a time in
/// vector registers, where a comparison's lane is -1 when it holds (so
/// subtracting it counts the byte); then the last few one at a time. The
/// ranges are sentences, some 40 scalars: the compiler's own vector loop,
/// eight wide, spent as much on its way in and out as on the scalars.
private func utf8Count(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>) -> Int {
    precondition(range.lowerBound >= 0 && range.upperBound <= scalars.count)
    guard let base = scalars.baseAddress, !range.isEmpty else { return 0 }
    // Scalar values are below 2^21: compared as signed values, which
    // vector instructions compare directly (unsigned ones need a bias).
    // Fewer than 2^29 scalars (a document is at most some megabytes): the
    // sums fit.
    let values = UnsafeRawPointer(base)
    let oneByte = SIMD4<Int32>(repeating: 0x7F), twoBytes = SIMD4<Int32>(repeating: 0x7FF)
    let threeBytes = SIMD4<Int32>(repeating: 0xFFFF)
    var extra = SIMD4<Int32>(repeating: 0)
    var index = range.lowerBound
    while index &+ 4 <= range.upperBound {
        let four = values.loadUnaligned(fromByteOffset: index &* 4, as: SIMD4<Int32>.self)
        extra &-= unsafeBitCast(four .> oneByte, to: SIMD4<Int32>.self)
        extra &-= unsafeBitCast(four .> twoBytes, to: SIMD4<Int32>.self)
        extra &-= unsafeBitCast(four .> threeBytes, to: SIMD4<Int32>.self)
        index &+= 4
    }
    var count = range.count &+ Int(extra.wrappedSum())
    while index < range.upperBound {
        let value = values.load(fromByteOffset: index &* 4, as: Int32.self)
        count &+= (value > 0x7F ? 1 : 0) &+ (value > 0x7FF ? 1 : 0) &+ (value > 0xFFFF ? 1 : 0)
        index &+= 1
    }
    return count
}

/// Turns a document into ``CleanText``: front matter parsed and removed,
/// HTML tags, entities and Markdown markers dropped, whitespace collapsed,
/// with every clean scalar mapped back to its source.
enum DocumentReader {
    /// Front matter, then HTML/Markdown cleaning.
    ///
    /// - Throws: ``DocumentError`` (source = `document.id`) for front matter
    ///   that never closes or holds a line that is not `key: value`, a list
    ///   item, blank or a comment.
    static func read(_ document: Document) throws -> CleanText {
        let input = document.text.scalarArray
        let start = input.first == "\u{FEFF}" ? 1 : 0
        let (frontMatter, bodyStart) = try FrontMatterParser.parse(input, from: start, source: document.id)
        // The cleaner writes straight into the three arrays' storage, sized
        // for the whole input (see `Cleaner.output`).
        let capacity = input.count
        var sources: [Int] = []
        let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: capacity) { output, outputCount in
            sources = [Int](unsafeUninitializedCapacity: capacity + 1) { sources, sourceCount in
                var cleaner = Cleaner(input: input, output: output, sources: sources)
                cleaner.run(from: bodyStart)
                let count = cleaner.count
                // The end: just past the source of the last clean scalar.
                if count > 0 {
                    let last = sources[count - 1]
                    sources[count] = (last & CleanText.offsetMask) + last >> CleanText.lengthShift
                } else {
                    sources[count] = bodyStart
                }
                outputCount = count
                sourceCount = count + 1
            }
        }
        return CleanText(
            scalars: scalars, sources: sources, frontMatter: frontMatter, original: document.text,
            originalScalars: input)
    }
}

// MARK: - Front matter

enum FrontMatterParser {
    /// Parses front matter opening at `start`; returns it (nil when the
    /// first line is not `---`) and the offset where the body begins.
    static func parse(
        _ input: [Unicode.Scalar], from start: Int, source: String
    ) throws -> (FrontMatter?, Int) {
        var line = Line(input: input, start: start)
        guard line.isDelimiter(allowDots: false) else { return (nil, start) }
        var lineNumber = 1
        // A document has a handful of fields: kept in a list until the end,
        // as reading the few named below from a dictionary would hash each.
        var fields = Fields()
        var lastKey: String?
        while line.next < input.count {
            line = Line(input: input, start: line.next)
            lineNumber += 1
            if line.isDelimiter(allowDots: true) {
                let matter = FrontMatter(
                    title: nonEmpty(fields["title"]), date: nonEmpty(fields["date"]),
                    author: nonEmpty(fields["author"]),
                    source: nonEmpty(fields["from"]) ?? nonEmpty(fields["source"]) ?? nonEmpty(fields["url"]),
                    list: fields)
                return (matter, line.next)
            }
            // Most lines are `key: value` from the line start: read from the
            // scalars, without making the line a string to trim and search.
            if let (key, value) = line.plainKeyValue() {
                fields[key] = value
                lastKey = key
                continue
            }
            let text = line.text
            let trimmed = text.trimmingSpaces()
            // The marks tested below are ASCII scalars, which nothing else
            // equals: a line that does not start with their byte is answered
            // without reading characters.
            let head = trimmed.utf8.first, textHead = text.utf8.first
            if trimmed.isEmpty || head == UInt8(ascii: "#") && trimmed.hasPrefix("#") { continue }
            let indented = (textHead == UInt8(ascii: " ") || textHead == UInt8(ascii: "\t"))
                && (text.first == " " || text.first == "\t")
            if head == UInt8(ascii: "-") && (trimmed == "-" || trimmed.hasPrefix("- ") || trimmed.hasPrefix("-\t")) {
                let item = unquote(String(trimmed.dropFirst()).trimmingSpaces())
                if let key = lastKey {
                    let existing = fields[key] ?? ""
                    fields[key] = existing.isEmpty ? item : existing + ", " + item
                }
                continue
            }
            if let (key, value) = keyValue(trimmed) {
                // An indented `key: value` belongs to a nested map; accepted, not stored.
                if !indented {
                    fields[key] = value
                    lastKey = key
                }
                continue
            }
            // An indented line without a key continues the previous value (plain or block scalar).
            if indented {
                if let key = lastKey {
                    let existing = fields[key] ?? ""
                    fields[key] = existing.isEmpty ? trimmed : existing + " " + trimmed
                }
                continue
            }
            throw DocumentError(
                source: source, line: lineNumber, reason: .malformedFrontMatter(String(trimmed.prefix(80))))
        }
        throw DocumentError(source: source, line: lineNumber, reason: .unterminatedFrontMatter)
    }

    /// The fields read so far, by key, in a list: `==` on keys, as a
    /// dictionary would compare them.
    struct Fields: Sendable {
        private var entries: [(key: String, value: String)] = []

        subscript(key: String) -> String? {
            get { entries.first { $0.key == key }?.value }
            set {
                let index = entries.firstIndex { $0.key == key }
                switch (index, newValue) {
                case let (index?, value?): entries[index].value = value
                case let (nil, value?): entries.append((key, value))
                case let (index?, nil): entries.remove(at: index)
                case (nil, nil): break
                }
            }
        }

        var dictionary: [String: String] {
            var dictionary = [String: String](minimumCapacity: entries.count)
            for entry in entries { dictionary[entry.key] = entry.value }
            return dictionary
        }
    }

    /// `key: value` with the key lowercased and the value unquoted; the
    /// separator is the first colon followed by a space, a tab or the line end.
    /// Read in the UTF-8 bytes: the colon, spaces and tabs are ASCII, which
    /// never occurs inside another scalar's bytes.
    static func keyValue(_ line: String) -> (String, String)? {
        line.withBytes { bytes in
            func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
            /// `lower..<upper` without blanks at either end, as a string.
            func trimmed(_ lower: Int, _ upper: Int) -> String {
                var lower = lower, upper = upper
                while lower < upper, isBlank(bytes[lower]) { lower += 1 }
                while upper > lower, isBlank(bytes[upper - 1]) { upper -= 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[lower ..< upper]), as: UTF8.self)
            }
            let count = bytes.count
            for index in 0 ..< count where bytes[index] == UInt8(ascii: ":") {
                let next = index + 1 < count ? bytes[index + 1] : 0x20
                guard isBlank(next) else { continue }
                let key = trimmed(0, index)
                guard !key.isEmpty else { return nil }
                let value = trimmed(index + 1, count)
                return (unquote(key).lowercased(), unquote(value))
            }
            return nil
        }
    }

    /// Strips matching `"…"` (with `\"` and `\\` escapes) or `'…'` (with `''`).
    static func unquote(_ value: String) -> String {
        // A value whose first scalar is no quote has no first character
        // equal to one: answered without counting characters.
        guard let head = value.utf8.first, head == UInt8(ascii: "\"") || head == UInt8(ascii: "'") else { return value }
        guard value.count >= 2, let first = value.first, first == value.last else { return value }
        let inner = value.dropFirst().dropLast()
        if first == "'" { return inner.replacingOccurrences(of: "''", with: "'") }
        guard first == "\"" else { return value }
        var result = ""
        var escaped = false
        for character in inner {
            if escaped {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                default: result.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    /// One line of the input: `start..<end` without its terminator; `next`
    /// is where the following line starts.
    struct Line {
        let input: [Unicode.Scalar]
        let start: Int
        let end: Int
        let next: Int

        init(input: [Unicode.Scalar], start: Int) {
            self.input = input
            self.start = start
            var index = start
            while index < input.count, input[index] != "\n", input[index] != "\r" { index += 1 }
            end = index
            if index < input.count, input[index] == "\r" { index += 1 }
            if index < input.count, input[index] == "\n" { index += 1 }
            next = index
        }

        var text: String { String(scalars: input[start..<end]) }

        /// What `keyValue(_:)` reads in the line's trimmed text, read from
        /// the scalars, for a line that starts with none of a blank, `#` and
        /// `-` (which the general path tells apart): nil for other lines,
        /// and where `keyValue(_:)` returns nil.
        func plainKeyValue() -> (String, String)? {
            guard start < end else { return nil }
            let first = input[start]
            guard first != " ", first != "\t", first != "#", first != "-" else { return nil }
            func isBlank(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" }
            /// `lower ..< upper` without blanks at either end.
            func trimmed(_ lower: Int, _ upper: Int) -> Range<Int> {
                var lower = lower, upper = upper
                while lower < upper, isBlank(input[lower]) { lower += 1 }
                while upper > lower, isBlank(input[upper - 1]) { upper -= 1 }
                return lower ..< upper
            }
            /// Whether `unquote` may change the text of `range`: only when
            /// it starts with a quote (else it returns the text as it is).
            func mayBeQuoted(_ range: Range<Int>) -> Bool {
                !range.isEmpty && (input[range.lowerBound] == "\"" || input[range.lowerBound] == "'")
            }
            // The separator is the first colon followed by a blank or the end
            // (trailing blanks, which trimming drops, are blanks too).
            for index in start ..< end where input[index] == ":" {
                guard index + 1 == end || isBlank(input[index + 1]) else { continue }
                let keyRange = trimmed(start, index)
                guard !keyRange.isEmpty else { return nil }
                // Most keys are unquoted lowercase ASCII (`date`, `title`):
                // unquoting and lowercasing would return them as they are.
                var key = String(scalars: input[keyRange])
                if mayBeQuoted(keyRange) || !input[keyRange].allSatisfy({ $0.value < 0x80 && !("A" ... "Z").contains($0) }) {
                    key = FrontMatterParser.unquote(key).lowercased()
                }
                let valueRange = trimmed(index + 1, end)
                let value = String(scalars: input[valueRange])
                return (key, mayBeQuoted(valueRange) ? FrontMatterParser.unquote(value) : value)
            }
            return nil
        }

        /// `---` (or `...` when closing) at the line start, trailing spaces allowed.
        func isDelimiter(allowDots: Bool) -> Bool {
            guard end - start >= 3 else { return false }
            let mark = input[start]
            guard mark == "-" || (allowDots && mark == ".") else { return false }
            guard input[start + 1] == mark, input[start + 2] == mark else { return false }
            return input[(start + 3)..<end].allSatisfy { $0 == " " || $0 == "\t" }
        }
    }
}

extension String {
    /// Without spaces and tabs at either end. They are ASCII, so the ends
    /// are found on the UTF-8 bytes, and most lines have none to trim.
    fileprivate func trimmingSpaces() -> String {
        let bytes = utf8
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        var lower = bytes.startIndex, upper = bytes.endIndex
        while lower < upper, isBlank(bytes[lower]) { lower = bytes.index(after: lower) }
        while upper > lower, isBlank(bytes[bytes.index(before: upper)]) { upper = bytes.index(before: upper) }
        // Nothing to trim: the string itself, not a copy.
        if lower == bytes.startIndex && upper == bytes.endIndex { return self }
        return String(self[lower ..< upper])
    }
}

// MARK: - Cleaning

/// Remembers where the next match of a search was found, so that searches
/// started from increasing positions scan each scalar once: a tag without
/// `>` must not be rescanned from every following `<`.
private struct SearchCache {
    /// The last search started here ...
    var from = Int.max
    /// ... and found its first match here (the input's end when there was none).
    var found = Int.max

    /// The first match at or after `start`; `scan(a, b)` returns the first
    /// match in `a..<b`, or `b`.
    mutating func next(from start: Int, end: Int, scan: (Int, Int) -> Int) -> Int {
        if from != Int.max && start < from {
            // A search starting before the last one: only the stretch up to it is new.
            let hit = scan(start, from)
            if hit < from { found = hit }
            from = start
            return found
        }
        if start >= from && start <= found { return found }
        from = start
        found = scan(start, end)
        return found
    }
}

/// One pass over the input scalars, writing clean scalars with their source
/// offsets. Every look-ahead is bounded or cached, so the pass is linear.
private struct Cleaner {
    let input: [Unicode.Scalar]
    /// The clean scalars, with the offset and length of each one's source:
    /// `count` of them written so far, into storage with room for as many
    /// as the input has. That is enough: every clean scalar comes from an
    /// input offset of its own (a collapsed space from the first space of
    /// its run, a line break from its tag or break, any other scalar from
    /// itself or its entity), and these offsets strictly increase.
    let output: UnsafeMutableBufferPointer<Unicode.Scalar>
    /// The source of each clean scalar, as ``CleanText`` packs them.
    let sources: UnsafeMutableBufferPointer<Int>
    var count = 0

    /// A space waiting for the next visible scalar: runs of spaces collapse,
    /// and spaces before a line break or at the start vanish.
    var pendingSpace: (offset: Int, length: Int)?
    /// The `]` ending the text of the link being read, and where its `(url)` ends.
    var linkClose = -1
    var linkEnd = -1
    /// The `*` closing the emphasis being read.
    var emphasisClose = -1

    var tagEnds = SearchCache()
    var brackets = SearchCache()
    var referenceBrackets = SearchCache()
    var parentheses = SearchCache()
    var newlines = SearchCache()
    var blankLines = SearchCache()
    var stars = SearchCache()
    /// Tags starting before this offset end at their first `>`: a quote-aware
    /// scan over this stretch already failed, and repeating it from every `<`
    /// would cost up to ``maximumTagLength`` per tag.
    var quotesIgnoredUntil = 0
    /// Set once a search for `-->` fails: no later comment closes either.
    var commentsUnterminated = false

    static let maximumTagLength = 1_000
    static let maximumLinkTextLength = 1_000
    static let maximumURLLength = 2_000

    init(
        input: [Unicode.Scalar], output: UnsafeMutableBufferPointer<Unicode.Scalar>,
        sources: UnsafeMutableBufferPointer<Int>
    ) {
        precondition(output.count >= input.count && sources.count > input.count)
        self.input = input
        self.output = output
        self.sources = sources
    }

    /// The last clean scalar written, if any.
    var lastOutput: Unicode.Scalar? { count > 0 ? output[count - 1] : nil }

    mutating func run(from start: Int) {
        let n = input.count
        var i = start
        var atLineStart = true
        while i < n {
            if atLineStart {
                atLineStart = false
                i = skipLinePrefix(at: i)
                continue
            }
            if linkClose >= 0 && i >= linkClose {
                if i == linkClose {
                    i = linkEnd
                    linkClose = -1
                    continue
                }
                linkClose = -1
            }
            if emphasisClose >= 0 && i >= emphasisClose {
                if i == emphasisClose {
                    i += 1
                    emphasisClose = -1
                    continue
                }
                emphasisClose = -1
            }
            let c = input[i]
            // CJK text, its punctuation and full-width forms: nothing in this
            // range is markup, space or control, so a run of it is copied in one go.
            if Self.isPlain(c.value) {
                var limit = n
                if linkClose >= 0 { limit = min(limit, linkClose) }
                if emphasisClose >= 0 { limit = min(limit, emphasisClose) }
                let end = plainRunEnd(from: i + 1, limit: limit)
                flushPendingSpace()
                appendRun(i ..< end)
                i = end
                continue
            }
            switch c {
            case "\n":
                lineBreak(at: i, length: 1)
                i += 1
                atLineStart = true
            case "\r":
                let length = i + 1 < n && input[i + 1] == "\n" ? 2 : 1
                lineBreak(at: i, length: length)
                i += length
                atLineStart = true
            case "<":
                i = tag(at: i)
            case "&":
                i = entity(at: i)
            case "!":
                if i + 1 < n, input[i + 1] == "[", let end = image(at: i) {
                    i = end
                } else {
                    emit(c, at: i, length: 1)
                    i += 1
                }
            case "[":
                i = link(at: i)
            case "*":
                i = star(at: i)
            case "_":
                if i + 1 < n && input[i + 1] == "_" {
                    i += 2
                } else {
                    emit(c, at: i, length: 1)
                    i += 1
                }
            case "`":
                i += 1
            case "h", "H":
                i = bareURL(at: i)
            default:
                emit(c, at: i, length: 1)
                i += 1
            }
        }
    }

    // MARK: Output

    mutating func emit(_ scalar: Unicode.Scalar, at offset: Int, length: Int) {
        switch scalar {
        case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}":
            lineBreak(at: offset, length: length)
        case " ", "\t", "\u{0B}", "\u{0C}":
            if pendingSpace == nil { pendingSpace = (offset, length) }
        default:
            let value = scalar.value
            if value < 0x20 || (value >= 0x7F && value < 0xA0) || value == 0xFEFF { return }
            if value == 0xA0 || value == 0x1680 || (value >= 0x2000 && value <= 0x200A) || value == 0x202F
                || value == 0x205F || value == 0x3000
            {
                if pendingSpace == nil { pendingSpace = (offset, length) }
                return
            }
            flushPendingSpace()
            append(scalar, at: offset, length: length)
        }
    }

    /// Where the run of plain scalars from `start` ends, before `limit`
    /// (at most the input's end): a tight loop through a pointer, as most
    /// of a Chinese text is such runs.
    func plainRunEnd(from start: Int, limit: Int) -> Int {
        input.withUnsafeBufferPointer { input in
            precondition(limit <= input.count)
            guard let base = input.baseAddress else { return start }
            // Han text and its punctuation (the first range of `isPlain`)
            // four scalars at a time; the digits and full-width forms that
            // interrupt it one by one.
            var end = start
            while end < limit {
                end = endOfRun(in: UnsafeRawPointer(base), from: end, to: limit, lower: 0x3001, width: 0xFEFF - 0x3001)
                guard end < limit, Self.isPlain(input[end].value) else { break }
                end &+= 1
            }
            return end
        }
    }

    /// Scalars above the ideographic space and below the BOM, the half-width
    /// and full-width forms (U+FF00...U+FFEF: `，（）：`) and the ASCII digits
    /// (`2024年9月11日`), which would otherwise break Chinese text into runs
    /// every few characters: ``emit(_:at:length:)`` appends them as they
    /// are, and no markup starts with them (an ordered list's number is
    /// read at the line start, before any run). Han characters pass the
    /// first test.
    @inline(__always)
    static func isPlain(_ value: UInt32) -> Bool {
        value &- 0x3001 < 0xFEFF - 0x3001 || value &- 0xFF00 < 0xF0 || value &- 0x30 < 10
    }

    /// The space waiting for a visible scalar, unless it would start a line.
    mutating func flushPendingSpace() {
        guard let space = pendingSpace else { return }
        pendingSpace = nil
        if let last = lastOutput, last != "\n" { append(" ", at: space.offset, length: space.length) }
    }

    mutating func lineBreak(at offset: Int, length: Int) {
        pendingSpace = nil
        if let last = lastOutput, last != "\n" { append("\n", at: offset, length: length) }
    }

    mutating func append(_ scalar: Unicode.Scalar, at offset: Int, length: Int) {
        // Checked: the storage is written through pointers (see `output`).
        precondition(count < output.count, "a clean scalar per input offset at most")
        output[count] = scalar
        sources[count] = CleanText.source(offset: offset, length: length)
        count += 1
    }

    /// Appends the input scalars of `run` as they are, each from itself.
    mutating func appendRun(_ run: Range<Int>) {
        precondition(run.lowerBound >= 0 && run.upperBound <= input.count && count + run.count <= output.count)
        let start = count, source = run.lowerBound, length = run.count
        input.withUnsafeBufferPointer { input in
            (output.baseAddress! + start).initialize(from: input.baseAddress! + source, count: length)
        }
        // Each from itself, one scalar long. Wrapping arithmetic: the bounds
        // are checked above, and the loop vectorizes.
        let first = CleanText.source(offset: source, length: 1)
        for k in 0 ..< length { sources[start &+ k] = first &+ k }
        count += length
    }

    // MARK: Markdown line prefixes

    /// Skips the Markdown markers at the start of a line (indentation,
    /// `> `, `# `, bullets, `1. `); a rule or setext underline line, and a
    /// reference definition `[id]: url`, are skipped up to the line break.
    mutating func skipLinePrefix(at start: Int) -> Int {
        let n = input.count
        var j = start
        while j < n, isBlank(input[j]) { j += 1 }
        if let end = ruleLineEnd(from: j) { return end }
        while j < n, input[j] == ">", j + 1 == n || isBlank(input[j + 1]) || isLineBreak(input[j + 1]) {
            j += 1
            while j < n, isBlank(input[j]) { j += 1 }
        }
        guard j < n else { return j }
        switch input[j] {
        case "#":
            var k = j
            while k < n, k - j < 6, input[k] == "#" { k += 1 }
            if k == n || isBlank(input[k]) || isLineBreak(input[k]) {
                j = k
                while j < n, isBlank(input[j]) { j += 1 }
            }
        case "-", "*", "+":
            if j + 1 < n, isBlank(input[j + 1]) {
                j += 2
                while j < n, isBlank(input[j]) { j += 1 }
            }
        case "0"..."9":
            var k = j
            while k < n, k - j < 9, ("0"..."9").contains(input[k]) { k += 1 }
            if k + 1 < n, input[k] == ".", isBlank(input[k + 1]) {
                j = k + 2
                while j < n, isBlank(input[j]) { j += 1 }
            }
        case "[":
            if let end = referenceDefinitionEnd(from: j) { return end }
        default:
            break
        }
        return j
    }

    /// The line break ending a line made only of `-`, `=`, `*`, `_` (three
    /// or more) and spaces.
    func ruleLineEnd(from start: Int) -> Int? {
        var marks = 0
        var k = start
        while k < input.count, !isLineBreak(input[k]) {
            switch input[k] {
            case "-", "=", "*", "_": marks += 1
            case " ", "\t": break
            default: return nil
            }
            k += 1
        }
        return marks >= 3 ? k : nil
    }

    /// The line break ending a reference definition `[id]: url`.
    func referenceDefinitionEnd(from start: Int) -> Int? {
        var k = start + 1
        while k < input.count, k - start <= Self.maximumLinkTextLength, input[k] != "]" {
            if isLineBreak(input[k]) { return nil }
            k += 1
        }
        guard k + 2 < input.count, k > start + 1, input[k] == "]", input[k + 1] == ":", isBlank(input[k + 2])
        else { return nil }
        k += 2
        while k < input.count, !isLineBreak(input[k]) { k += 1 }
        return k
    }

    // MARK: HTML

    /// Drops a tag, comment or raw-text element starting at `<`; returns where
    /// reading goes on. A `<` that starts none of them is text.
    mutating func tag(at i: Int) -> Int {
        let n = input.count
        guard i + 1 < n else { return text(at: i) }
        var k = i + 1
        if input[k] == "!" {
            if k + 2 < n, input[k + 1] == "-", input[k + 2] == "-" { return comment(at: i) }
            return genericTag(at: i, nameEnd: k + 1, isBlock: false)
        }
        let closing = input[k] == "/"
        if closing { k += 1 }
        guard k < n, isASCIILetter(input[k]) else { return text(at: i) }
        var name = ""
        let nameStart = k
        while k < n, isASCIILetter(input[k]) || ("0"..."9").contains(input[k]) || input[k] == "-" || input[k] == ":" {
            if k - nameStart < 16 { name.unicodeScalars.append(input[k]) }
            k += 1
        }
        name = name.lowercased()
        if !closing && Self.rawTextElements.contains(name) { return rawTextElement(name, at: i, nameEnd: k) }
        return genericTag(at: i, nameEnd: k, isBlock: Self.blockElements.contains(name))
    }

    mutating func text(at i: Int) -> Int {
        emit(input[i], at: i, length: 1)
        return i + 1
    }

    mutating func genericTag(at i: Int, nameEnd: Int, isBlock: Bool) -> Int {
        let input = self.input
        let n = input.count
        let limit = min(n, i + Self.maximumTagLength + 1)
        let firstEnd = tagEnds.next(from: nameEnd, end: n) { find(">", in: input, from: $0, to: $1) }
        // An unterminated tag is text; the cache makes the next `<` learn that in constant time.
        guard firstEnd < limit else { return text(at: i) }
        // Quotes hide `>` (`alt="a > b"`). When they hide every `>` up to the
        // limit (`title=It's>`), the tag ends at its first `>` after all, and tags
        // starting in the stretch just scanned skip the quote-aware scan.
        var end = firstEnd
        if i >= quotesIgnoredUntil {
            var k = nameEnd
            scan: while true {
                guard k < limit else {
                    quotesIgnoredUntil = limit
                    break scan
                }
                switch input[k] {
                case ">":
                    end = k
                    break scan
                case "\"", "'":
                    let quote = input[k]
                    k += 1
                    while k < limit, input[k] != quote { k += 1 }
                    k += 1
                default:
                    k += 1
                }
            }
        }
        if isBlock { lineBreak(at: i, length: end + 1 - i) }
        return end + 1
    }

    mutating func comment(at i: Int) -> Int {
        let n = input.count
        if !commentsUnterminated {
            var k = i + 4
            while k + 2 < n {
                if input[k] == "-" && input[k + 1] == "-" && input[k + 2] == ">" { return k + 3 }
                k += 1
            }
            commentsUnterminated = true
        }
        return text(at: i)
    }

    /// Drops `<script …>…</script>` and its kin whole; without a closing tag,
    /// everything to the end.
    mutating func rawTextElement(_ name: String, at i: Int, nameEnd: Int) -> Int {
        let n = input.count
        let closing = Array(name.unicodeScalars)
        var k = nameEnd
        while k + 1 < n {
            if input[k] == "<", input[k + 1] == "/", k + 2 + closing.count <= n {
                var matches = true
                for (offset, scalar) in closing.enumerated() where lowercased(input[k + 2 + offset]) != scalar {
                    matches = false
                    break
                }
                let after = k + 2 + closing.count
                if matches && (after == n || !isASCIILetter(input[after]) && !("0"..."9").contains(input[after])) {
                    var end = after
                    while end < n, end - after < Self.maximumTagLength, input[end] != ">" { end += 1 }
                    return end < n && input[end] == ">" ? end + 1 : after
                }
            }
            k += 1
        }
        return n
    }

    /// Decodes an entity at `&`; an unknown or unterminated one is text.
    mutating func entity(at i: Int) -> Int {
        let n = input.count
        var k = i + 1
        var decoded: Unicode.Scalar?
        if k < n && input[k] == "#" {
            k += 1
            let hex = k < n && (input[k] == "x" || input[k] == "X")
            if hex { k += 1 }
            let digitsStart = k
            var value: UInt32 = 0
            var overflow = false
            while k < n, k - digitsStart < 16, let digit = digitValue(input[k], hex: hex) {
                let (product, multiplyOverflow) = value.multipliedReportingOverflow(by: hex ? 16 : 10)
                let (sum, addOverflow) = product.addingReportingOverflow(digit)
                overflow = overflow || multiplyOverflow || addOverflow
                value = sum
                k += 1
            }
            guard k > digitsStart, k < n, input[k] == ";" else { return text(at: i) }
            decoded = overflow || value == 0 ? "\u{FFFD}" : Unicode.Scalar(value) ?? "\u{FFFD}"
        } else {
            var name = ""
            while k < n, k - i <= 8, isASCIILetter(input[k]) {
                name.unicodeScalars.append(input[k])
                k += 1
            }
            guard k < n, input[k] == ";", let scalar = Self.namedEntities[name] else { return text(at: i) }
            decoded = scalar
        }
        emit(decoded!, at: i, length: k + 1 - i)
        return k + 1
    }

    // MARK: Markdown inline

    /// `![alt](url)` is dropped whole; returns the offset after it.
    mutating func image(at i: Int) -> Int? {
        guard let (close, end) = linkTarget(openingBracket: i + 1), input[close + 1] == "(" else { return nil }
        return end
    }

    /// `[text](url)` and `[text][ref]` keep their text; `[![alt](src)](href)` is dropped.
    mutating func link(at i: Int) -> Int {
        let n = input.count
        if linkClose < 0 {
            if i + 2 < n, input[i + 1] == "!", input[i + 2] == "[", let imageEnd = image(at: i + 1),
                imageEnd + 1 < n, input[imageEnd] == "]", input[imageEnd + 1] == "(",
                let end = urlEnd(openingParenthesis: imageEnd + 1)
            {
                return end
            }
            if let (close, end) = linkTarget(openingBracket: i) {
                linkClose = close
                linkEnd = end
                return i + 1
            }
        }
        return text(at: i)
    }

    /// For a `[` opening link text: its `]` and the offset after the `(url)`
    /// or `[ref]` that follows. Link text stays on one line.
    mutating func linkTarget(openingBracket i: Int) -> (close: Int, end: Int)? {
        let input = self.input
        let n = input.count
        let close = brackets.next(from: i + 1, end: n) { find("]", in: input, from: $0, to: $1) }
        guard close + 1 < n, close - i <= Self.maximumLinkTextLength else { return nil }
        let lineEnd = newlines.next(from: i + 1, end: n) { findLineBreak(in: input, from: $0, to: $1) }
        guard lineEnd > close else { return nil }
        if input[close + 1] == "(" {
            guard let end = urlEnd(openingParenthesis: close + 1) else { return nil }
            return (close, end)
        }
        if input[close + 1] == "[" {
            let referenceClose = referenceBrackets.next(from: close + 2, end: n) {
                find("]", in: input, from: $0, to: $1)
            }
            // `[site][title](url)`: the second bracket is a link of its own.
            guard referenceClose < lineEnd, referenceClose - close <= Self.maximumLinkTextLength,
                referenceClose + 1 == n || input[referenceClose + 1] != "("
            else { return nil }
            return (close, referenceClose + 1)
        }
        return nil
    }

    /// The offset after the `)` closing a link's URL; the URL may run over a
    /// line break but not over a blank line.
    mutating func urlEnd(openingParenthesis open: Int) -> Int? {
        let input = self.input
        let n = input.count
        let close = parentheses.next(from: open + 1, end: n) { find(")", in: input, from: $0, to: $1) }
        guard close < n, close - open <= Self.maximumURLLength else { return nil }
        let blank = blankLines.next(from: open + 1, end: n) { findBlankLine(in: input, from: $0, to: $1) }
        return blank > close ? close + 1 : nil
    }

    /// `**` is dropped; a `*` opening a `*text*` pair on one line is dropped
    /// with its partner; any other `*` is text.
    mutating func star(at i: Int) -> Int {
        let input = self.input
        let n = input.count
        if i + 1 < n && input[i + 1] == "*" { return i + 2 }
        if emphasisClose < 0, i + 1 < n, !isBlank(input[i + 1]), !isLineBreak(input[i + 1]) {
            let close = stars.next(from: i + 1, end: n) { find("*", in: input, from: $0, to: $1) }
            let lineEnd = newlines.next(from: i + 1, end: n) { findLineBreak(in: input, from: $0, to: $1) }
            if close < lineEnd, close + 1 == n || input[close + 1] != "*", !isBlank(input[close - 1]) {
                emphasisClose = close
                return i + 1
            }
        }
        return text(at: i)
    }

    /// Drops a bare `http://` or `https://` URL up to whitespace, a non-ASCII
    /// scalar (CJK text follows URLs without a space) or a delimiter.
    mutating func bareURL(at i: Int) -> Int {
        let n = input.count
        let previous = i > 0 ? input[i - 1] : " "
        guard !isASCIILetter(previous) && !("0"..."9").contains(previous) else { return text(at: i) }
        var k = i
        for expected in "http".unicodeScalars {
            guard k < n, lowercased(input[k]) == expected else { return text(at: i) }
            k += 1
        }
        if k < n, lowercased(input[k]) == "s" { k += 1 }
        guard k + 2 < n, input[k] == ":", input[k + 1] == "/", input[k + 2] == "/" else { return text(at: i) }
        k += 3
        while k < n {
            let c = input[k]
            if c.value <= 0x20 || c.value >= 0x7F { break }
            if c == "<" || c == ">" || c == "\"" || c == ")" || c == "]" || c == "`" { break }
            k += 1
        }
        return k
    }

    // MARK: Tables

    static let blockElements: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
        "section", "figure", "figcaption", "article", "header", "footer", "blockquote", "table", "hr",
        "dl", "dt", "dd", "pre", "nav", "aside", "main", "caption",
    ]

    static let rawTextElements: Set<String> = ["script", "style", "noscript", "iframe"]

    static let namedEntities: [String: Unicode.Scalar] = [
        "nbsp": "\u{A0}", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'",
        "ldquo": "\u{201C}", "rdquo": "\u{201D}", "lsquo": "\u{2018}", "rsquo": "\u{2019}",
        "mdash": "\u{2014}", "ndash": "\u{2013}", "hellip": "\u{2026}", "middot": "\u{B7}",
    ]
}

// MARK: - Scalar helpers

private func find(_ target: Unicode.Scalar, in input: [Unicode.Scalar], from start: Int, to end: Int) -> Int {
    var index = start
    while index < end, input[index] != target { index += 1 }
    return index
}

private func findLineBreak(in input: [Unicode.Scalar], from start: Int, to end: Int) -> Int {
    var index = start
    while index < end, !isLineBreak(input[index]) { index += 1 }
    return index
}

/// The `\n` that begins a blank line (only spaces before the next `\n`).
private func findBlankLine(in input: [Unicode.Scalar], from start: Int, to end: Int) -> Int {
    var index = start
    while index < end {
        if input[index] == "\n" {
            var after = index + 1
            while after < input.count, isBlank(input[after]) || input[after] == "\r" { after += 1 }
            if after < input.count, input[after] == "\n" { return index }
            index = after
        } else {
            index += 1
        }
    }
    return end
}

private func isBlank(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" }

private func isLineBreak(_ scalar: Unicode.Scalar) -> Bool { scalar == "\n" || scalar == "\r" }

private func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
}

private func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar
}

private func digitValue(_ scalar: Unicode.Scalar, hex: Bool) -> UInt32? {
    switch scalar {
    case "0"..."9": return scalar.value - 0x30
    case "a"..."f" where hex: return scalar.value - 0x61 + 10
    case "A"..."F" where hex: return scalar.value - 0x41 + 10
    default: return nil
    }
}
