import Foundation

/// Collects words and compiles them into an immutable ``Lexicon``.
///
/// Words come from dictionary files in the jieba format, from text in that
/// format, or one by one. Adding the same word twice keeps both entries
/// unless they are identical.
///
/// ```swift
/// var builder = LexiconBuilder()
/// try builder.addDictionary("会见 120 v\n公安部 30 nt\n", source: "inline")
/// builder.add("王小洪", tag: "nr")
/// let lexicon = builder.build()
/// ```
public struct LexiconBuilder: Sendable {
    /// The longest word accepted, in Unicode scalars. Longer dictionary words
    /// are errors: no real word is this long, and the bound keeps every
    /// match walk short.
    public static let maximumWordLength = 64

    private var pending: [Lexicon.Entry] = []

    /// Creates an empty builder.
    public init() {}

    /// Creates a builder holding every entry of `lexicon`, to extend it.
    public init(_ lexicon: Lexicon) {
        pending = lexicon.allEntries
    }

    /// The number of entries added so far (a word may have several).
    public var entryCount: Int { pending.count }

    /// Adds one entry. Empty words and words longer than
    /// ``maximumWordLength`` are ignored; use the dictionary forms to have
    /// them reported.
    public mutating func add(_ word: String, tag: String? = nil, frequency: Int? = nil, payload: String? = nil) {
        add(Lexicon.Entry(word: word, tag: tag, frequency: frequency, payload: payload))
    }

    /// Adds one entry; see ``add(_:tag:frequency:payload:)``.
    public mutating func add(_ entry: Lexicon.Entry) {
        let length = entry.word.unicodeScalars.count
        guard length > 0, length <= Self.maximumWordLength else { return }
        pending.append(entry)
    }

    /// Adds every entry of a dictionary file in the jieba format.
    ///
    /// Each line is `word [frequency] [tag] [payload]`, fields separated by
    /// spaces or tabs; blank lines and lines starting with `#` are skipped.
    /// A frequency is a field of digits; without one, the second field is
    /// the tag.
    ///
    /// - Throws: ``LexiconError`` naming the file and line of the first bad
    ///   line; nothing from the file is added then.
    public mutating func addDictionary(at url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw LexiconError(source: url.path, line: nil, reason: .unreadable(error.localizedDescription))
        }
        try addDictionary(data: data, source: url.path)
    }

    /// Adds every entry of dictionary bytes, which must be UTF-8; see
    /// ``addDictionary(at:)`` for the format.
    public mutating func addDictionary(data: Data, source: String) throws {
        let bytes = [UInt8](data)
        if let nul = bytes.firstIndex(of: 0) {
            throw LexiconError(source: source, line: lineNumber(of: nul, in: bytes), reason: .binary)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(bytes) ?? 0
            throw LexiconError(source: source, line: lineNumber(of: offset, in: bytes), reason: .invalidUTF8(offset: offset))
        }
        try addDictionary(text, source: source)
    }

    /// Adds every entry of dictionary text; see ``addDictionary(at:)``.
    public mutating func addDictionary(_ text: String, source: String) throws {
        var parsed: [Lexicon.Entry] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if let entry = try Self.parse(line, source: source, line: lineNumber) { parsed.append(entry) }
        }
        pending.append(contentsOf: parsed)
    }

    static func parse(_ line: Substring, source: String, line number: Int) throws -> Lexicon.Entry? {
        var fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
        if number == 1, let first = fields.first, first.hasPrefix("\u{FEFF}") {
            fields[0] = first.dropFirst()
            if fields[0].isEmpty { fields.removeFirst() }
        }
        guard let word = fields.first, !word.hasPrefix("#") else { return nil }
        let length = word.unicodeScalars.count
        if length > maximumWordLength {
            throw LexiconError(source: source, line: number, reason: .wordTooLong(length))
        }
        if word.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw LexiconError(source: source, line: number, reason: .invalidWord(String(word.prefix(20))))
        }
        var rest = fields.dropFirst()
        var frequency: Int?
        if let field = rest.first, let head = field.first, (head.isASCII && head.isNumber) || head == "-" || head == "+" {
            guard field.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(field) else {
                throw LexiconError(source: source, line: number, reason: .badFrequency(String(field)))
            }
            frequency = value
            rest = rest.dropFirst()
        }
        guard rest.count <= 2 else {
            throw LexiconError(source: source, line: number, reason: .tooManyFields(fields.count))
        }
        let tag = rest.first.map(String.init)
        let payload = rest.dropFirst().first.map(String.init)
        return Lexicon.Entry(word: String(word), tag: tag, frequency: frequency, payload: payload)
    }

    /// Compiles the entries into a lexicon.
    public func build() -> Lexicon {
        // Every word's scalars, back to back.
        var scalars: [UInt32] = []
        scalars.reserveCapacity(pending.count * 3)
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(pending.count + 1)
        for entry in pending {
            for scalar in entry.word.unicodeScalars { scalars.append(scalar.value) }
            offsets.append(Int32(scalars.count))
        }
        let alphabet = Alphabet(scalars: scalars)
        let codes = scalars.map { alphabet.code($0) }

        // Entries in key order; equal words are adjacent, in insertion order.
        let order = Self.sortedKeys(codes: codes, offsets: offsets, count: pending.count)
        var words: [String] = []
        var entryStarts: [Int32] = []
        var entries: [Lexicon.Entry] = []
        var representatives: [Int32] = []  // one entry index per distinct word
        words.reserveCapacity(pending.count)
        entries.reserveCapacity(pending.count)
        var previous: Int32 = -1
        for index in order {
            let entry = pending[Int(index)]
            if previous < 0 || !Self.equalKeys(codes, offsets, previous, index) {
                words.append(entry.word)
                entryStarts.append(Int32(entries.count))
                representatives.append(index)
                previous = index
            } else if entries[Int(entryStarts.last!)...].contains(entry) {
                continue
            }
            entries.append(entry)
        }
        entryStarts.append(Int32(entries.count))
        let values = (0..<Int32(words.count)).map { $0 }
        let forward = DoubleArrayTrie(codes: codes, offsets: offsets, order: representatives, values: values)

        // The same keys reversed, for backward matching.
        var reversed = codes
        for k in 0..<pending.count {
            reversed[Int(offsets[k]) ..< Int(offsets[k + 1])].reverse()
        }
        let backwardOrder = Self.sortedKeys(codes: reversed, offsets: offsets, among: representatives)
        var wordOfEntry = [Int32](repeating: -1, count: pending.count)
        for (word, entry) in representatives.enumerated() { wordOfEntry[Int(entry)] = Int32(word) }
        let backward = DoubleArrayTrie(
            codes: reversed, offsets: offsets, order: backwardOrder,
            values: backwardOrder.map { wordOfEntry[Int($0)] })
        return Lexicon(alphabet: alphabet, forward: forward, backward: backward,
                       words: words, entryStarts: entryStarts, entries: entries)
    }

    private static func equalKeys(_ codes: [UInt32], _ offsets: [Int32], _ a: Int32, _ b: Int32) -> Bool {
        let ra = Int(offsets[Int(a)]) ..< Int(offsets[Int(a) + 1])
        let rb = Int(offsets[Int(b)]) ..< Int(offsets[Int(b) + 1])
        return codes[ra].elementsEqual(codes[rb])
    }

    private static func sortedKeys(codes: [UInt32], offsets: [Int32], count: Int) -> [Int32] {
        sortedKeys(codes: codes, offsets: offsets, among: Array(0..<Int32(count)))
    }

    /// `keys` sorted by their codes, lexicographically; stable, so equal
    /// keys keep their insertion order.
    private static func sortedKeys(codes: [UInt32], offsets: [Int32], among keys: [Int32]) -> [Int32] {
        codes.withUnsafeBufferPointer { codes in
            offsets.withUnsafeBufferPointer { offsets in
                // Most keys are short: compare a packed prefix first.
                func prefix(_ k: Int32) -> UInt64 {
                    var packed: UInt64 = 0
                    let start = Int(offsets[Int(k)]), end = Int(offsets[Int(k) + 1])
                    for i in 0..<3 {
                        packed <<= 21
                        if start + i < end { packed |= UInt64(min(codes[start + i], 0x1F_FFFF)) }
                    }
                    return packed
                }
                var decorated = keys.map { (prefix: prefix($0), key: $0) }
                decorated.sort { a, b in
                    if a.prefix != b.prefix { return a.prefix < b.prefix }
                    let sa = Int(offsets[Int(a.key)]), ea = Int(offsets[Int(a.key) + 1])
                    let sb = Int(offsets[Int(b.key)]), eb = Int(offsets[Int(b.key) + 1])
                    var i = sa + 3, j = sb + 3
                    while i < ea && j < eb {
                        if codes[i] != codes[j] { return codes[i] < codes[j] }
                        i += 1
                        j += 1
                    }
                    if (ea - i) != (eb - j) { return (ea - i) < (eb - j) }
                    return a.key < b.key
                }
                return decorated.map(\.key)
            }
        }
    }
}

private func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
    1 + bytes[..<min(offset, bytes.count)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
}

private func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    var offset = 0
    while true {
        switch decoder.decode(&iterator) {
        case .scalarValue(let scalar): offset += UTF8.width(scalar)
        case .emptyInput: return nil
        case .error: return offset
        }
    }
}
