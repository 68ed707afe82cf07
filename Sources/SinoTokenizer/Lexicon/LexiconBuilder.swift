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
            throw LexiconError(source: source, line: ByteDiagnostics.line(ofByte: nul, in: bytes), reason: .binary)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = ByteDiagnostics.firstInvalidUTF8Offset(bytes) ?? 0
            throw LexiconError(source: source, line: ByteDiagnostics.line(ofByte: offset, in: bytes),
                               reason: .invalidUTF8(offset: offset))
        }
        try addDictionary(text, source: source)
    }

    /// Adds every entry of dictionary text; see ``addDictionary(at:)``.
    public mutating func addDictionary(_ text: String, source: String) throws {
        var text = text
        text.makeContiguousUTF8()
        let parsed = try text.utf8.withContiguousStorageIfAvailable { bytes in
            try Self.parseDictionary(bytes, source: source)
        } ?? Array(text.utf8).withUnsafeBufferPointer { try Self.parseDictionary($0, source: source) }
        pending.append(contentsOf: parsed)
    }

    /// Splits lines and fields on bytes: dictionaries are large, and
    /// splitting `Character`s would pay for grapheme breaking on every byte.
    private static func parseDictionary(_ bytes: UnsafeBufferPointer<UInt8>, source: String) throws -> [Lexicon.Entry] {
        var parsed: [Lexicon.Entry] = []
        var lineStart = 0
        var lineNumber = 0
        var fields: [Range<Int>] = []
        while lineStart < bytes.count {
            lineNumber += 1
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var i = lineStart
            if lineNumber == 1, lineEnd - i >= 3, bytes[i] == 0xEF, bytes[i + 1] == 0xBB, bytes[i + 2] == 0xBF { i += 3 }
            fields.removeAll(keepingCapacity: true)
            while i < lineEnd {
                while i < lineEnd, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D { i += 1 }
                let fieldStart = i
                while i < lineEnd, bytes[i] != 0x20, bytes[i] != 0x09, bytes[i] != 0x0D { i += 1 }
                if i > fieldStart { fields.append(fieldStart ..< i) }
            }
            lineStart = lineEnd + 1
            guard let first = fields.first, bytes[first.lowerBound] != UInt8(ascii: "#") else { continue }
            func string(_ range: Range<Int>) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            }
            let word = string(first)
            let length = word.unicodeScalars.count
            if length > maximumWordLength {
                throw LexiconError(source: source, line: lineNumber, reason: .wordTooLong(length))
            }
            if word.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
                throw LexiconError(source: source, line: lineNumber, reason: .invalidWord(String(word.prefix(20))))
            }
            var next = 1
            var frequency: Int?
            if next < fields.count {
                let head = bytes[fields[next].lowerBound]
                if (0x30...0x39).contains(head) || head == UInt8(ascii: "-") || head == UInt8(ascii: "+") {
                    let field = string(fields[next])
                    guard field.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = Int(field) else {
                        throw LexiconError(source: source, line: lineNumber, reason: .badFrequency(field))
                    }
                    frequency = value
                    next += 1
                }
            }
            guard fields.count - next <= 2 else {
                throw LexiconError(source: source, line: lineNumber, reason: .tooManyFields(fields.count))
            }
            let tag = next < fields.count ? string(fields[next]) : nil
            let payload = next + 1 < fields.count ? string(fields[next + 1]) : nil
            parsed.append(Lexicon.Entry(word: word, tag: tag, frequency: frequency, payload: payload))
        }
        return parsed
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
        var wordOfEntry = [Int32](repeating: -1, count: pending.count)
        for (word, entry) in representatives.enumerated() { wordOfEntry[Int(entry)] = Int32(word) }

        // The two tries are independent: build them on two threads.
        let tries = TrieSlots()
        let (keyOffsets, keys, wordOf) = (offsets, representatives, wordOfEntry)
        DispatchQueue.concurrentPerform(iterations: 2) { which in
            if which == 0 {
                tries.forward = DoubleArrayTrie(codes: codes, offsets: keyOffsets, order: keys, values: values)
            } else {
                // The same keys reversed, for backward matching.
                var reversed = codes
                for k in 0..<keyOffsets.count - 1 {
                    reversed[Int(keyOffsets[k]) ..< Int(keyOffsets[k + 1])].reverse()
                }
                let backwardOrder = Self.sortedKeys(codes: reversed, offsets: keyOffsets, among: keys)
                tries.backward = DoubleArrayTrie(
                    codes: reversed, offsets: keyOffsets, order: backwardOrder,
                    values: backwardOrder.map { wordOf[Int($0)] })
            }
        }
        let forward = tries.forward, backward = tries.backward
        return Lexicon(alphabet: alphabet, forward: forward, backward: backward,
                       words: words, entryStarts: entryStarts, entries: entries)
    }

    private static func equalKeys(_ codes: [UInt32], _ offsets: [Int32], _ a: Int32, _ b: Int32) -> Bool {
        let sa = Int(offsets[Int(a)]), ea = Int(offsets[Int(a) + 1])
        let sb = Int(offsets[Int(b)]), eb = Int(offsets[Int(b) + 1])
        guard ea - sa == eb - sb else { return false }
        return codes.withUnsafeBufferPointer { codes in
            for k in 0 ..< (ea - sa) where codes[sa + k] != codes[sb + k] { return false }
            return true
        }
    }

    private static func sortedKeys(codes: [UInt32], offsets: [Int32], count: Int) -> [Int32] {
        sortedKeys(codes: codes, offsets: offsets, among: Array(0..<Int32(count)))
    }

    /// `keys` sorted by their codes, lexicographically; stable, so equal
    /// keys keep their given order.
    ///
    /// Most keys are short, so a key's first three codes packed into 63 bits
    /// decide nearly every comparison: an LSD radix sort on that prefix,
    /// then a comparison sort within each run of equal prefixes.
    private static func sortedKeys(codes: [UInt32], offsets: [Int32], among keys: [Int32]) -> [Int32] {
        codes.withUnsafeBufferPointer { codes in
            offsets.withUnsafeBufferPointer { offsets in
                var prefixes = keys.map { key -> UInt64 in
                    var packed: UInt64 = 0
                    let start = Int(offsets[Int(key)]), end = Int(offsets[Int(key) + 1])
                    for i in 0..<3 {
                        packed <<= 21
                        if start + i < end { packed |= UInt64(min(codes[start + i], 0x1F_FFFF)) }
                    }
                    return packed
                }
                var order = keys
                var swapPrefixes = prefixes
                var swapOrder = order
                var counts = [Int](repeating: 0, count: 257)
                var shift: UInt64 = 0
                while shift < 64 {
                    for i in counts.indices { counts[i] = 0 }
                    for prefix in prefixes { counts[Int((prefix >> shift) & 0xFF) + 1] += 1 }
                    if counts[1...].contains(prefixes.count) {  // every key in one bucket
                        shift += 8
                        continue
                    }
                    for i in 1..<257 { counts[i] += counts[i - 1] }
                    for (prefix, key) in zip(prefixes, order) {
                        let bucket = Int((prefix >> shift) & 0xFF)
                        swapPrefixes[counts[bucket]] = prefix
                        swapOrder[counts[bucket]] = key
                        counts[bucket] += 1
                    }
                    swap(&prefixes, &swapPrefixes)
                    swap(&order, &swapOrder)
                    shift += 8
                }
                // Keys with equal prefixes are longer than three codes, or equal.
                var runStart = 0
                while runStart < order.count {
                    var runEnd = runStart + 1
                    while runEnd < order.count, prefixes[runEnd] == prefixes[runStart] { runEnd += 1 }
                    if runEnd - runStart > 1 {
                        order[runStart ..< runEnd].sort { a, b in
                            let sa = Int(offsets[Int(a)]), ea = Int(offsets[Int(a) + 1])
                            let sb = Int(offsets[Int(b)]), eb = Int(offsets[Int(b) + 1])
                            var i = sa, j = sb
                            while i < ea && j < eb {
                                if codes[i] != codes[j] { return codes[i] < codes[j] }
                                i += 1
                                j += 1
                            }
                            if (ea - sa) != (eb - sb) { return (ea - sa) < (eb - sb) }
                            return a < b
                        }
                    }
                    runStart = runEnd
                }
                return order
            }
        }
    }
}

/// The two tries, each written by one of the two build threads before the
/// join, then read: no access overlaps.
private final class TrieSlots: @unchecked Sendable {
    var forward = DoubleArrayTrie.empty
    var backward = DoubleArrayTrie.empty
}
