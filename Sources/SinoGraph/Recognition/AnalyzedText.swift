import SinoTokenizer

/// A token of the analysed text, with what the lexicon says of it.
struct Word: Sendable {
    /// Scalar range in the analysed text.
    var range: Range<Int>
    var kind: TokenKind
    /// Indices of the word's entries in ``AnalyzedText/entries``.
    var entries: Range<Int32>
    /// The tags of `entries` as bits, so rules test them without comparing strings.
    var tags: TagSet

    func has(_ tag: TagSet) -> Bool { tags.contains(tag) }

    var isSpace: Bool { kind == .whitespace }
    var isPunctuation: Bool { kind == .punctuation }
}

/// The clean offsets of an analysed text's scalars, by analysed offset,
/// with one more for the end: `cleanIndex[i]` is the clean offset of
/// analysed scalar `i`. Most texts quote nothing and drop no scalar: their
/// analysed and clean offsets agree, and no table is made for them.
struct CleanIndex: Sendable {
    /// The clean offsets, `count + 1` of them; empty when they are the
    /// analysed offsets themselves.
    private let table: [Int]
    /// The number of analysed scalars.
    private let count: Int

    /// Clean offsets from `table`, or the identity when `table` is empty,
    /// for `count` analysed scalars.
    init(table: [Int], count: Int) {
        precondition(table.isEmpty || table.count == count + 1, "an offset per analysed scalar and the end")
        self.table = table
        self.count = count
    }

    /// The clean offset of analysed offset `position` (at most the count).
    subscript(position: Int) -> Int {
        if table.isEmpty {
            // Checked as the table's subscript would be.
            precondition(position >= 0 && position <= count, "analysed offset out of range")
            return position
        }
        return table[position]
    }
}

/// The clean text with quotation marks taken out, so that `打击“三股势力”`
/// reads as `打击三股势力`, cut into words, with sentences.
final class AnalyzedText: Sendable {
    let clean: CleanText
    /// The analysed scalars: the clean text without quotation marks.
    let scalars: [Unicode.Scalar]
    /// The analysed scalars' values folded to simplified characters and
    /// half-width forms, one for one: what the rules compare words with.
    let folded: [UInt32]
    /// `cleanIndex[i]` is the clean offset of analysed scalar `i`; one more
    /// entry for the end.
    let cleanIndex: CleanIndex
    let words: [Word]
    /// The word that covers each analysed scalar.
    let wordAt: [Int]
    let sentences: [Sentence]
    /// For each sentence, its words as a range of `words`.
    let sentenceWords: [Range<Int>]
    /// The lexicon's entries, which words point into by index.
    let entries: [Lexicon.Entry]
    /// The tag bits of each of `entries`, by index: payloads are found by
    /// bit rather than by comparing tag strings (and copying entries).
    private let entryTags: [TagSet]
    /// For each sentence, the UTF-8 range in the original text holding its
    /// text verbatim, or an empty range (see `sentenceText(_:)`).
    private let sentenceBytes: [Range<Int>]

    /// Quotation marks, and invisible characters that only split words:
    /// soft hyphen, zero-width space and joiners, word joiner, BOM. The
    /// sentence splitter looks for each of them (`SentenceSplitter.isLooked`).
    static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        // Han text and most punctuation lie between the marks: one test.
        if scalar.value &- 0x3020 < 0xFEFF - 0x3020 { return false }
        switch scalar.value {
        case 0x22, 0xAD, 0x2018, 0x2019, 0x201C, 0x201D, 0x200B ... 0x200D, 0x2060, 0x300C ... 0x300F, 0x301D, 0x301E,
             0xFEFF, 0xFF02:
            return true
        default:
            return false
        }
    }

    init(clean: CleanText, tokenizer: borrowing Tokenizer, entryTags: [TagSet]) {
        let cleanCount = clean.scalars.count
        // Most documents quote nothing: their analysed scalars are the clean
        // ones, shared rather than copied. Before the first dropped scalar,
        // analysed and clean offsets agree. The splitter finds it, in its
        // pass over the clean text.
        var firstDropped = cleanCount
        let sentences = SentenceSplitter.split(clean, firstDropped: &firstDropped)
        assert(firstDropped == clean.scalars.firstIndex(where: Self.isDropped) ?? cleanCount)
        var cleanIndex: [Int] = []
        let scalars: [Unicode.Scalar]
        if firstDropped == cleanCount {
            // Analysed offsets are clean offsets: no table to allocate and fill.
            scalars = clean.scalars
        } else {
            // The two arrays are filled in one pass through pointers, each in
            // one allocation sized for the clean text (the dropped marks
            // leave a little capacity unused).
            scalars = [Unicode.Scalar](unsafeUninitializedCapacity: cleanCount) { kept, keptCount in
                cleanIndex = [Int](unsafeUninitializedCapacity: cleanCount + 1) { cleanIndex, indexCount in
                    clean.scalars.withUnsafeBufferPointer { source in
                        kept.baseAddress!.initialize(from: source.baseAddress!, count: firstDropped)
                        for index in 0 ..< firstDropped { cleanIndex[index] = index }
                        var count = firstDropped
                        for index in firstDropped + 1 ..< cleanCount {
                            let scalar = source[index]
                            if Self.isDropped(scalar) { continue }
                            kept[count] = scalar
                            cleanIndex[count] = index
                            count += 1
                        }
                        cleanIndex[count] = cleanCount
                        indexCount = count + 1
                        keptCount = count
                    }
                }
            }
        }
        self.scalars = scalars
        self.cleanIndex = CleanIndex(table: cleanIndex, count: scalars.count)

        // Forward tokens partition the text, each at least one scalar long:
        // there are at most as many words as scalars, and every position of
        // `wordAt` is written. Both are filled through pointers, from the
        // tokens where the tokenizer wrote them.
        let count = scalars.count
        var folded: [UInt32] = []
        var wordAt: [Int] = []
        var words: [Word] = []
        tokenizer.withScalarTokens(inScalars: scalars, mode: .forward, folded: &folded) { tokens in
            precondition(tokens.count <= count && (tokens.last?.end).map(Int.init) ?? 0 == count,
                         "forward tokens partition the text")
            words = [Word](unsafeUninitializedCapacity: tokens.count) { words, wordCount in
                wordAt = [Int](unsafeUninitializedCapacity: count + 1) { wordAt, wordAtCount in
                    entryTags.withUnsafeBufferPointer { entryTags in
                        var position = 0
                        for index in tokens.indices {
                            let token = tokens[index]
                            let end = Int(token.end)
                            precondition(Int(token.start) == position && end > position, "forward tokens partition the text")
                            // Most tokens are a scalar or two long and have
                            // at most one entry: the first of each is done
                            // before the loops, which the compiler makes
                            // vector loops, costly to enter for so few.
                            wordAt[position] = index
                            position &+= 1
                            while position < end {
                                wordAt[position] = index
                                position &+= 1
                            }
                            var tags = TagSet()
                            var entry = Int(token.entryStart)
                            let entryEnd = Int(token.entryEnd)
                            if entry < entryEnd {
                                if entry < entryTags.count { tags = entryTags[entry] }
                                entry &+= 1
                                while entry < entryEnd {
                                    if entry < entryTags.count { tags.formUnion(entryTags[entry]) }
                                    entry &+= 1
                                }
                            }
                            // The bounds are ordered: checked above for the
                            // range, by the tokenizer for the entries.
                            words[index] = Word(
                                range: Range(uncheckedBounds: (Int(token.start), end)), kind: token.kind,
                                entries: Range(uncheckedBounds: (token.entryStart, token.entryEnd)), tags: tags)
                        }
                    }
                    wordAt[count] = tokens.count
                    wordAtCount = count + 1
                }
                wordCount = tokens.count
            }
        }
        self.words = words
        self.wordAt = wordAt
        self.folded = folded
        entries = tokenizer.lexicon.allEntries

        self.entryTags = entryTags

        self.sentences = sentences
        // Sentences come in order: one walk through `cleanIndex` (the table,
        // when scalars were dropped) finds the analysed offsets of their bounds.
        let dropped = cleanCount - count
        var kept = 0
        var sentenceWords: [Range<Int>] = []
        sentenceWords.reserveCapacity(sentences.count)
        for sentence in sentences {
            var lower = sentence.range.lowerBound, upper = sentence.range.upperBound
            if dropped > 0 {
                lower = Self.analysedOffset(of: lower, cleanIndex: cleanIndex, dropped: dropped, from: &kept)
                upper = Self.analysedOffset(of: upper, cleanIndex: cleanIndex, dropped: dropped, from: &kept)
            }
            sentenceWords.append(lower < upper ? wordAt[lower] ..< (wordAt[upper - 1] + 1) : wordAt[lower] ..< wordAt[lower])
        }
        self.sentenceWords = sentenceWords
        sentenceBytes = clean.verbatimByteRanges(of: sentences.lazy.map(\.range), count: sentences.count)
        // Moved in last: stored while still read above, the clean text
        // would be copied (a retain for each of its arrays and strings).
        self.clean = consume clean
    }

    /// The analysed offset of clean offset `cleanOffset`, the number of
    /// kept scalars before it: the first `k` from `kept` on (where the last
    /// search ended) with `cleanIndex[k]` at or after it; the end entry,
    /// the clean count, bounds the search. As `cleanIndex[k]` lies between
    /// `k` and `k + dropped`, the search starts at `cleanOffset - dropped`
    /// at the earliest.
    private static func analysedOffset(of cleanOffset: Int, cleanIndex: [Int], dropped: Int, from kept: inout Int) -> Int {
        kept = max(kept, cleanOffset - dropped)
        while cleanIndex[kept] < cleanOffset { kept += 1 }
        return kept
    }

    /// The payload of `word`'s first entry with `tag` (one bit); the bits
    /// are tested first, so most words answer without reading entries.
    func payload(_ word: Word, _ tag: TagSet) -> String? {
        guard word.tags.contains(tag) else { return nil }
        // An entry's bits are those of its one tag (`TagSet.named`): it has
        // the tag `tag` names exactly when its bits are `tag`.
        for index in word.entries where entryTags[Int(index)] == tag { return entries[Int(index)].payload }
        return nil
    }

    /// The payloads of all of `word`'s entries with `tag`.
    func payloads(_ word: Word, _ tag: TagSet) -> [String] {
        guard word.tags.contains(tag) else { return [] }
        return word.entries.compactMap { entryTags[Int($0)] == tag ? entries[Int($0)].payload : nil }
    }

    /// Whether `word`'s folded text is `other`, scalar for scalar. The rules
    /// ask this of most words, with literals.
    func reads(_ word: Word, _ other: String) -> Bool {
        // A scalar takes one to four UTF-8 bytes: most words are rejected
        // by their length alone.
        let count = word.range.count
        let byteCount = other.utf8.count
        guard count <= byteCount, count * 4 >= byteCount else { return false }
        return match(other, at: word.range.lowerBound, before: word.range.upperBound) == word.range.upperBound
    }

    /// Whether `word`'s folded text is one of `others`.
    func reads(_ word: Word, anyOf others: [String]) -> Bool {
        others.contains { reads(word, $0) }
    }

    /// Whether `other` occurs in `word`'s folded text (`视频` in `视频会晤`),
    /// without making the word a string.
    func word(_ word: Word, contains other: String) -> Bool {
        guard word.range.count * 4 >= other.utf8.count else { return false }
        return word.range.contains { match(other, at: $0, before: word.range.upperBound) != nil }
    }

    /// Where `other` ends when the folded text from `position` (and before
    /// `limit`) starts with it; nil when it does not. Decodes `other`'s
    /// UTF-8 in place rather than walking its scalar view.
    private func match(_ other: String, at position: Int, before limit: Int) -> Int? {
        other.withBytes { bytes in
            var position = position
            var index = 0
            while index < bytes.count {
                let value = decodeUTF8(bytes, at: &index)
                guard position < limit, folded[position] == value else { return nil }
                position += 1
            }
            return position
        }
    }

    /// `word`'s folded text (simplified characters, half-width forms).
    func folded(_ word: Word) -> String { folded(word.range) }

    /// The folded text of an analysed range.
    func folded(_ range: Range<Int>) -> String {
        // The folded text of a lexicon word is the word its entries hold:
        // the matcher found it by comparing the two scalar for scalar. That
        // string is shared rather than made (and validated) again; checked,
        // as a combining mark may cling to a word.
        if range.lowerBound < range.upperBound, range.upperBound <= wordAt.count - 1 {
            let word = words[wordAt[range.lowerBound]]
            if word.range == range, word.kind == .word, let first = word.entries.first {
                let surface = entries[Int(first)].word
                if reads(word, surface) { return surface }
            }
        }
        return String(utf32: folded[range])
    }

    /// The analysed text of a scalar range.
    func string(_ range: Range<Int>) -> String {
        String(scalars: scalars[range])
    }

    /// The original-text range of an analysed range.
    func originalRange(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else {
            let at = clean.originalRange(cleanIndex[range.lowerBound] ..< cleanIndex[range.lowerBound]).lowerBound
            return at ..< at
        }
        return clean.originalRange(cleanIndex[range.lowerBound] ..< (cleanIndex[range.upperBound - 1] + 1))
    }

    /// The sentence that holds analysed offset `position`.
    func sentence(containing position: Int) -> Int? {
        let word = wordAt[min(position, wordAt.count - 1)]
        // The graph builder asks this some 40 times a document: the search
        // reads the ranges through a pointer, its indices in bounds.
        return sentenceWords.withUnsafeBufferPointer { sentenceWords in
            var low = 0, high = sentenceWords.count
            while low < high {
                // Both are small and non-negative: no overflow to check.
                let mid = (low &+ high) &>> 1
                if sentenceWords[mid].upperBound <= word { low = mid &+ 1 } else { high = mid }
            }
            return low < sentenceWords.count && sentenceWords[low].contains(word) ? low : nil
        }
    }

    /// The clean text of sentence `index`, for evidence. Most sentences are
    /// copied verbatim from the original text: sliced from it, their bytes
    /// are copied as they are, where encoding the scalars makes a string
    /// that is validated again.
    func sentenceText(_ index: Int) -> String {
        let bytes = sentenceBytes[index]
        return bytes.isEmpty ? clean.string(sentences[index].range) : clean.originalText(bytes: bytes)
    }

    /// The UTF-8 range of `clean.original` that holds sentence `index`
    /// verbatim, or nil when the sentence is not a copy of the original
    /// (evidence then holds ``sentenceText(_:)``).
    func verbatimSentenceBytes(_ index: Int) -> Range<Int>? {
        let bytes = sentenceBytes[index]
        return bytes.isEmpty ? nil : bytes
    }
}
