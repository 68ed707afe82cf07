/// Literal words the event rules test words against (`与`, `同`, `和`),
/// decoded once to scalar values in one flat array. A word is then tested
/// by its length and its folded scalars, without decoding each literal's
/// UTF-8 again at every test (`AnalyzedText.reads(_:anyOf:)` does).
struct WordList: Sendable {
    /// The literals' scalar values, one after another.
    private let scalars: [UInt32]
    /// Where each literal ends in `scalars`.
    private let ends: [Int]
    /// Bit `n` is set when a literal is `n` scalars long (up to 63): most
    /// words are rejected by their length alone.
    private let lengths: UInt64
    /// Bit `v & 63` is set when a literal starts with scalar value `v`,
    /// and bit `v >> 6 & 63` of `firstsHigh`: most words of a listed length
    /// (two characters, mostly) and most places in a text are then rejected
    /// by their first scalar, without a loop over the literals.
    private let firsts: UInt64
    private let firstsHigh: UInt64
    /// The length of the shortest literal.
    private let shortest: Int

    init(_ literals: [String]) {
        var scalars: [UInt32] = []
        var ends: [Int] = []
        var lengths: UInt64 = 0
        var firsts: UInt64 = 0, firstsHigh: UInt64 = 0
        var shortest = Int.max
        for literal in literals {
            let values = literal.unicodeScalars.map(\.value)
            precondition(!values.isEmpty && values.count < 64, "a listed word is 1 to 63 scalars long")
            scalars += values
            ends.append(scalars.count)
            lengths |= 1 << values.count
            firsts |= 1 << (values[0] & 63)
            firstsHigh |= 1 << (values[0] >> 6 & 63)
            shortest = min(shortest, values.count)
        }
        self.scalars = scalars
        self.ends = ends
        self.lengths = lengths
        self.firsts = firsts
        self.firstsHigh = firstsHigh
        self.shortest = shortest
    }

    /// Whether a literal may start with scalar value `value` (whether its
    /// bits are set in `firsts` and `firstsHigh`).
    @inline(__always)
    private func mayStart(with value: UInt32) -> Bool {
        firsts & 1 << (value & 63) != 0 && firstsHigh & 1 << (value >> 6 & 63) != 0
    }

    /// Whether `word`'s folded text is one of the literals.
    @inline(__always)
    func matches(_ word: Word, in text: AnalyzedText) -> Bool {
        let count = word.range.count
        guard count < 64, lengths & (1 << count) != 0,
              mayStart(with: text.folded[word.range.lowerBound]) else { return false }
        return matches(count: count, at: word.range.lowerBound, in: text)
    }

    /// Whether the `count` folded scalars from `start` are one of the literals.
    private func matches(count: Int, at start: Int, in text: AnalyzedText) -> Bool {
        text.folded.withUnsafeBufferPointer { matches(count: count, at: start, in: $0) }
    }

    /// Whether the `count` folded scalars from `start` are one of the literals.
    private func matches(count: Int, at start: Int, in folded: UnsafeBufferPointer<UInt32>) -> Bool {
        scalars.withUnsafeBufferPointer { scalars in
            ends.withUnsafeBufferPointer { ends in
                var from = 0
                for end in ends {
                    if end - from == count && Self.equal(scalars[from ..< end], folded, at: start) { return true }
                    from = end
                }
                return false
            }
        }
    }

    /// Whether one of the literals occurs in the folded text of the
    /// analysed `range` (what `includes` finds in `text.folded(range)`,
    /// without making that string). Place by place: only where a literal
    /// may start are the literals compared.
    func occurs(inFolded range: Range<Int>, of text: AnalyzedText) -> Bool {
        guard range.count >= shortest else { return false }
        return scalars.withUnsafeBufferPointer { scalars in
            ends.withUnsafeBufferPointer { ends in
                text.folded.withUnsafeBufferPointer { folded in
                    occurs(in: range, folded, scalars, ends)
                }
            }
        }
    }

    /// The first of `words` in whose folded text one of the literals occurs
    /// (`视频` in `视频会晤`): what `occurs(inFolded:of:)` finds word by word.
    /// Words partition the text, so the span of `words` is read once,
    /// position by position (the first occurrence that lies inside one
    /// word is in the first such word), rather than each word on its own.
    func firstWord(in words: Range<Int>, containingOneIn text: AnalyzedText) -> Int? {
        guard !words.isEmpty else { return nil }
        return scalars.withUnsafeBufferPointer { scalars in
            ends.withUnsafeBufferPointer { ends in
                text.words.withUnsafeBufferPointer { all in
                    text.folded.withUnsafeBufferPointer { folded in
                        text.wordAt.withUnsafeBufferPointer { wordAt in
                            let span = all[words.lowerBound].range.lowerBound ..< all[words.upperBound - 1].range.upperBound
                            guard span.count >= shortest else { return nil }
                            let places = span.lowerBound ... span.upperBound - shortest
                            // One literal (most lists): its first scalar
                            // found by one comparison a place.
                            if ends.count == 1 {
                                let first = scalars[0], length = ends[0]
                                for start in places where folded[start] == first {
                                    let w = wordAt[start]
                                    if length <= all[w].range.upperBound - start,
                                       Self.equal(scalars[0 ..< length], folded, at: start) { return w }
                                }
                                return nil
                            }
                            for start in places where mayStart(with: folded[start]) {
                                let w = wordAt[start]
                                let room = all[w].range.upperBound - start
                                var from = 0
                                let value = folded[start]
                                for end in ends {
                                    // (Its first scalar first: most literals
                                    // differ there.)
                                    if scalars[from] == value {
                                        let literal = scalars[from ..< end]
                                        if literal.count <= room, Self.equal(literal, folded, at: start) { return w }
                                    }
                                    from = end
                                }
                            }
                            return nil
                        }
                    }
                }
            }
        }
    }

    /// The first of `words` whose folded text is one of the literals (the
    /// first for which `matches(_:in:)` holds), found by a pass over the
    /// scalars of their span: only at a word's first scalar, and one that
    /// a literal may start with, is the word read.
    func firstWord(in words: Range<Int>, readingOneIn text: AnalyzedText) -> Int? {
        guard !words.isEmpty else { return nil }
        return text.words.withUnsafeBufferPointer { all in
            text.folded.withUnsafeBufferPointer { folded in
                text.wordAt.withUnsafeBufferPointer { wordAt in
                    let span = all[words.lowerBound].range.lowerBound ..< all[words.upperBound - 1].range.upperBound
                    for position in span where mayStart(with: folded[position]) {
                        let w = wordAt[position]
                        let count = all[w].range.count
                        guard all[w].range.lowerBound == position, count < 64, lengths & (1 << count) != 0 else { continue }
                        if matches(count: count, at: position, in: folded) { return w }
                    }
                    return nil
                }
            }
        }
    }

    /// Whether the analysed (unfolded) scalars of `range` end with one of
    /// the literals: what `String.ends(with:)` answers of the string of
    /// `range`, without making it.
    func endsAny(_ range: Range<Int>, of text: AnalyzedText) -> Bool {
        scalars.withUnsafeBufferPointer { scalars in
            ends.withUnsafeBufferPointer { ends in
                text.scalars.withUnsafeBufferPointer { analysed in
                    var from = 0
                    for end in ends {
                        let count = end - from
                        if count <= range.count,
                           zip(scalars[from ..< end], analysed[range.upperBound - count ..< range.upperBound]).allSatisfy({ $0 == $1.value }) {
                            return true
                        }
                        from = end
                    }
                    return false
                }
            }
        }
    }

    /// Whether one of the literals occurs in `folded[range]` (at least
    /// `shortest` long).
    @inline(__always)
    private func occurs(
        in range: Range<Int>, _ folded: UnsafeBufferPointer<UInt32>,
        _ scalars: UnsafeBufferPointer<UInt32>, _ ends: UnsafeBufferPointer<Int>
    ) -> Bool {
        for start in range.lowerBound ... range.upperBound - shortest where mayStart(with: folded[start]) {
            var from = 0
            let value = folded[start]
            for end in ends {
                // (Its first scalar first: most literals differ there.)
                if scalars[from] == value {
                    let literal = scalars[from ..< end]
                    if literal.count <= range.upperBound - start, Self.equal(literal, folded, at: start) { return true }
                }
                from = end
            }
        }
        return false
    }

    /// Whether `literal` is the folded scalars from `start`.
    @inline(__always)
    private static func equal(_ literal: Slice<UnsafeBufferPointer<UInt32>>, _ folded: UnsafeBufferPointer<UInt32>, at start: Int) -> Bool {
        var i = 0
        while i < literal.count, literal[literal.startIndex + i] == folded[start + i] { i += 1 }
        return i == literal.count
    }
}

extension AnalyzedText {
    /// Whether `word`'s folded text is the one scalar `scalar`: what
    /// `reads(word, "在")` answers for a one-character literal, without
    /// decoding the literal.
    @inline(__always)
    func reads(_ word: Word, scalar: Unicode.Scalar) -> Bool {
        word.range.count == 1 && folded[word.range.lowerBound] == scalar.value
    }

    /// Whether `word`'s folded text is one of `list`.
    @inline(__always)
    func reads(_ word: Word, anyOf list: WordList) -> Bool {
        list.matches(word, in: self)
    }

    /// The first word of `range` whose folded text is the one scalar
    /// `scalar` (`reads(word, scalar:)`), through the buffers.
    func firstWord(in range: Range<Int>, reading scalar: Unicode.Scalar) -> Int? {
        firstWord(in: range) { $0 == scalar.value }
    }

    /// The first word of `range` whose folded text is one scalar for which
    /// `isMatch` holds, through the buffers.
    func firstWord(in range: Range<Int>, whereScalar isMatch: (UInt32) -> Bool) -> Int? {
        words.withUnsafeBufferPointer { words in
            folded.withUnsafeBufferPointer { folded in
                range.first { words[$0].range.count == 1 && isMatch(folded[words[$0].range.lowerBound]) }
            }
        }
    }
}
