/// A dictionary-based longest-match tokenizer for Chinese.
///
/// A tokenizer is immutable and `Sendable`: share one between threads. Each
/// call works on its own scratch buffers.
///
/// ```swift
/// var builder = LexiconBuilder()
/// for word in ["公安部", "部长", "会见", "内务部"] { builder.add(word) }
/// let tokenizer = Tokenizer(lexicon: builder.build())
/// tokenizer.tokenize("公安部部长会见内务部长").words
/// // ["公安部", "部长", "会见", "内务部", "长"]
/// ```
public struct Tokenizer: Sendable {
    /// The words the tokenizer matches.
    public let lexicon: Lexicon
    /// The rules applied besides dictionary matching.
    public let options: Options
    /// For each scalar of the Basic Multilingual Plane, what the segmenter
    /// reads of it: its folded value (``TokenizerOptions/normalization``)
    /// in the low 32 bits, that value's alphabet code in the high 32. Text
    /// is folded and coded by one load per scalar, where the folding table
    /// and then the alphabet's took two, and their range tests.
    private let foldedCodes: [UInt64]

    /// Creates a tokenizer over `lexicon`. It makes a table of 65,536
    /// entries (512 KB) for its normalization: make one tokenizer and share it.
    public init(lexicon: Lexicon, options: Options = .standard) {
        self.lexicon = lexicon
        self.options = options
        let folding = Normalizer.Folding(options.normalization)
        let alphabet = lexicon.alphabet
        foldedCodes = [UInt64](unsafeUninitializedCapacity: 0x1_0000) { table, initialized in
            for scalar in 0 ..< 0x1_0000 {
                let value = folding(UInt32(scalar))
                table[scalar] = UInt64(value) | UInt64(alphabet.code(value)) << 32
            }
            initialized = 0x1_0000
        }
    }

    /// Cuts `text` into tokens.
    ///
    /// Except in ``SegmentationMode/full`` mode the tokens partition the
    /// text: their ranges are adjacent, in order, and cover it all.
    public func tokenize(_ text: String, mode: SegmentationMode = .bidirectional) -> Tokenization {
        var text = text
        text.makeContiguousUTF8()
        let raw = text.utf8.withContiguousStorageIfAvailable { bytes in
            segment(utf8: bytes, mode: mode)
        } ?? []
        return Tokenization(text: text, mode: mode, raw: raw, lexicon: lexicon)
    }

    /// Segments text given as scalars, for the extraction layer, which holds
    /// the scalars already and reads tokens by offset: each token's scalar
    /// range, kind and lexicon entries (as indices into
    /// ``Lexicon/allEntries``), in one array. `folded` receives the scalar
    /// values as the lexicon compares them (after
    /// ``TokenizerOptions/normalization``), one per scalar.
    package func scalarTokens(
        inScalars scalars: [Unicode.Scalar], mode: SegmentationMode, folded: inout [UInt32]
    ) -> [ScalarToken] {
        var tokens: [ScalarToken] = []
        withScalarTokens(inScalars: scalars, mode: mode, folded: &folded) { tokens = Array($0) }
        return tokens
    }

    /// Segments text given as scalars as ``scalarTokens(inScalars:mode:folded:)``
    /// does, and calls `body` with the tokens where they were written, valid
    /// during the call only. The extraction layer reads each token once, to
    /// make its words: an array of them would be allocated and freed per text.
    /// Neither generic nor throwing: called across modules, it would not be
    /// specialized, and pay for the generic result at each call.
    package func withScalarTokens(
        inScalars scalars: [Unicode.Scalar], mode: SegmentationMode, folded: inout [UInt32],
        _ body: (UnsafeBufferPointer<ScalarToken>) -> Void
    ) {
        let count = scalars.count
        // The folded values are the caller's; their alphabet codes serve the
        // segmentation only, and so do the tokens. All three are written in
        // one allocation, the codes and then the tokens past the array's
        // count (which leaves them out): two arrays fewer to allocate and
        // free per call. Each token holds at least one scalar, except in
        // full mode, whose tokens go to a growing buffer of their own.
        precondition(MemoryLayout<ScalarToken>.alignment <= MemoryLayout<UInt32>.alignment, "tokens fit UInt32 storage")
        let tokenCapacity = mode == .full ? 0 : count + 1
        let tokenUnits = (tokenCapacity * MemoryLayout<ScalarToken>.stride + MemoryLayout<UInt32>.stride - 1)
            / MemoryLayout<UInt32>.stride
        folded = [UInt32](unsafeUninitializedCapacity: 2 * count + tokenUnits) { storage, initialized in
            let values = UnsafeMutableBufferPointer(rebasing: storage[..<count])
            let codes = UnsafeMutableBufferPointer(rebasing: storage[count ..< 2 * count])
            // A scalar is its 32-bit value: read the array as values, uncopied.
            scalars.withUnsafeBufferPointer { scalars in
                scalars.withMemoryRebound(to: UInt32.self) { fold($0, into: values, codes: codes) }
            }
            initialized = count
            let folded = UnsafeBufferPointer(values), foldedCodes = UnsafeBufferPointer(codes)
            if tokenCapacity == 0 {
                var output = TokenBuffer(capacity: count + 1)
                defer { output.deallocate() }
                segmentDecoded(folded: folded, codes: foldedCodes, mode: mode, into: &output)
                body(output.tokens)
            } else {
                let tail = UnsafeMutableRawPointer(storage.baseAddress.unsafelyUnwrapped + 2 * count)
                tail.withMemoryRebound(to: ScalarToken.self, capacity: tokenCapacity) { tokens in
                    var output = TokenBuffer(over: UnsafeMutableBufferPointer(start: tokens, count: tokenCapacity))
                    segmentDecoded(folded: folded, codes: foldedCodes, mode: mode, into: &output)
                    body(output.tokens)
                }
            }
        }
    }

    /// Segments UTF-8 text (valid, as every Swift string is) into raw tokens.
    func segment(utf8 bytes: UnsafeBufferPointer<UInt8>, mode: SegmentationMode) -> [RawToken] {
        var utf8Starts: [Int32] = []
        let scalars = decode(bytes, utf8Starts: &utf8Starts)
        let count = scalars.count
        // The folded values and their codes, in the two halves of one buffer.
        let buffer = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: 2 * count)
        defer { buffer.deallocate() }
        let values = UnsafeMutableBufferPointer(rebasing: buffer[..<count])
        let codes = UnsafeMutableBufferPointer(rebasing: buffer[count ..< 2 * count])
        scalars.withUnsafeBufferPointer { fold($0, into: values, codes: codes) }
        var output = TokenBuffer(capacity: count + 1)
        defer { output.deallocate() }
        segmentDecoded(folded: UnsafeBufferPointer(values), codes: UnsafeBufferPointer(codes), mode: mode, into: &output)
        // Segmentation works in scalars; the UTF-8 offsets follow from them.
        let tokens = output.tokens
        return utf8Starts.withUnsafeBufferPointer { utf8Starts in
            [RawToken](unsafeUninitializedCapacity: tokens.count) { raw, initialized in
                for index in tokens.indices {
                    let token = tokens[index]
                    raw[index] = RawToken(
                        start: token.start, end: token.end,
                        utf8Start: utf8Starts[Int(token.start)], utf8End: utf8Starts[Int(token.end)],
                        entryStart: token.entryStart, entryEnd: token.entryEnd, kind: token.kind)
                }
                initialized = tokens.count
            }
        }
    }

    /// Segments folded values and their alphabet codes (as long), appending
    /// the tokens to `output`.
    private func segmentDecoded(
        folded: UnsafeBufferPointer<UInt32>, codes: UnsafeBufferPointer<UInt32>, mode: SegmentationMode,
        into output: inout TokenBuffer
    ) {
        // A local reference keeps the entry starts alive while the segmenter
        // reads them through a pointer.
        let entryStarts = lexicon.entryStarts
        // Tokens hold offsets as `Int32`; checked here once, not per token.
        precondition(folded.count < Int(Int32.max) && codes.count == folded.count, "text too long to segment")
        entryStarts.withUnsafeBufferPointer { entryStarts in
            var segmenter = Segmenter(
                SegmentedText(folded: folded, codes: codes, entryStarts: entryStarts, lexicon: lexicon),
                output: output)
            defer {
                output = segmenter.output
                segmenter.deallocateSpanBuffers()
            }
            if options.atomicRuns {
                segmenter.segmentWithRules(mode: mode, findsNames: options.joinsTransliterations)
            } else {
                segmenter.matchSpan(0, folded.count, mode: mode)
            }
        }
    }

    /// The scalar values of `bytes`, and in `utf8Starts` the offset of each
    /// scalar's first byte, with one more entry for the end.
    private func decode(_ bytes: UnsafeBufferPointer<UInt8>, utf8Starts: inout [Int32]) -> [UInt32] {
        var scalars: [UInt32] = []
        scalars.reserveCapacity(bytes.count)
        utf8Starts.reserveCapacity(bytes.count + 1)
        var i = 0
        let count = bytes.count
        while i < count {
            let lead = UInt32(bytes[i])
            utf8Starts.append(Int32(i))
            if lead < 0x80 {
                scalars.append(lead)
                i += 1
            } else if lead < 0xE0 {
                scalars.append((lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F))
                i += 2
            } else if lead < 0xF0 {
                scalars.append((lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F))
                i += 3
            } else {
                scalars.append((lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12
                    | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F))
                i += 4
            }
        }
        utf8Starts.append(Int32(count))
        return scalars
    }

    /// Folds `scalars` for lookup into `folded` and maps them to alphabet
    /// codes in `codes` (both as long), in one pass: through ``foldedCodes``
    /// for the Basic Multilingual Plane, by the folding and the alphabet
    /// themselves above it.
    private func fold(
        _ scalars: UnsafeBufferPointer<UInt32>, into folded: UnsafeMutableBufferPointer<UInt32>,
        codes: UnsafeMutableBufferPointer<UInt32>
    ) {
        precondition(folded.count == scalars.count && codes.count == scalars.count)
        let folding = Normalizer.Folding(options.normalization)
        let alphabet = lexicon.alphabet
        foldedCodes.withUnsafeBufferPointer { table in
            precondition(table.count == 0x1_0000, "an entry per scalar of the plane")
            for index in scalars.indices {
                let scalar = scalars[index]
                if scalar < 0x1_0000 {
                    let entry = table[Int(scalar)]
                    folded[index] = UInt32(truncatingIfNeeded: entry)
                    codes[index] = UInt32(truncatingIfNeeded: entry &>> 32)
                } else {
                    let value = folding(scalar)
                    folded[index] = value
                    codes[index] = alphabet.code(value)
                }
            }
        }
    }
}

/// Tokens written through a pointer. A token is appended every few
/// scalars: an array would check its uniqueness and capacity at each
/// append, through the segmenter that holds it. The storage is either the
/// caller's, with room for every token, or the buffer's own, which grows
/// and which its owner frees with ``deallocate()``.
private struct TokenBuffer {
    private var start: UnsafeMutablePointer<ScalarToken>?
    private var capacity: Int
    /// Whether `start` is the buffer's own (it may grow); else the caller's.
    private let isOwned: Bool
    private(set) var count = 0

    /// An empty buffer of its own, allocated at the first append when
    /// `capacity` is 0.
    init(capacity: Int) {
        self.capacity = capacity
        start = capacity > 0 ? .allocate(capacity: capacity) : nil
        isOwned = true
    }

    /// An empty buffer over the caller's storage, which must hold every
    /// token appended.
    init(over storage: UnsafeMutableBufferPointer<ScalarToken>) {
        start = storage.baseAddress
        capacity = storage.count
        isOwned = false
    }

    /// The tokens so far, valid until the next append.
    var tokens: UnsafeBufferPointer<ScalarToken> { UnsafeBufferPointer(start: start, count: count) }

    var last: ScalarToken? { count > 0 ? start.unsafelyUnwrapped[count - 1] : nil }

    /// Sets the end of the last token (there must be one).
    mutating func setLastEnd(_ end: Int32) {
        precondition(count > 0, "no token to extend")
        start.unsafelyUnwrapped[count - 1].end = end
    }

    @inline(__always)
    mutating func append(_ token: ScalarToken) {
        if count == capacity { grow() }
        (start.unsafelyUnwrapped + count).initialize(to: token)
        // Below the capacity, just checked: no overflow.
        count &+= 1
    }

    mutating func append(contentsOf other: TokenBuffer) {
        for token in other.tokens { append(token) }
    }

    /// Reverses the tokens from `first` on.
    mutating func reverse(from first: Int) {
        guard count > first else { return }
        var tail = UnsafeMutableBufferPointer(start: start.unsafelyUnwrapped + first, count: count - first)
        tail.reverse()
    }

    mutating func removeAll() { count = 0 }

    /// Doubles the storage (full mode may cut more tokens than scalars).
    @inline(never)
    private mutating func grow() {
        precondition(isOwned, "more tokens than the caller made room for")
        let larger = UnsafeMutablePointer<ScalarToken>.allocate(capacity: max(2 * capacity, 16))
        if let start {
            larger.moveInitialize(from: start, count: count)
            start.deallocate()
        }
        start = larger
        capacity = max(2 * capacity, 16)
    }

    /// Frees the buffer's own storage; it is not used again.
    func deallocate() {
        if isOwned { start?.deallocate() }
    }
}

/// One segmentation at work: the text, and the tokens so far. Its buffers
/// are freed by ``deallocate()``.
private struct Segmenter {
    let text: SegmentedText
    /// The tokens, in order.
    var output: TokenBuffer
    /// The two cuts of a span in bidirectional mode, reused span to span
    /// (allocated at their first use).
    var forwardBuffer = TokenBuffer(capacity: 0)
    var backwardBuffer = TokenBuffer(capacity: 0)

    init(_ text: SegmentedText, output: TokenBuffer) {
        self.text = text
        self.output = output
    }

    /// Frees the bidirectional buffers; `output` is the caller's.
    func deallocateSpanBuffers() {
        forwardBuffer.deallocate()
        backwardBuffer.deallocate()
    }

    /// Segments the text with the atomic-run rules; with `findsNames`,
    /// transliterated names are tokens of their own.
    mutating func segmentWithRules(mode: SegmentationMode, findsNames: Bool) {
        let s = text.folded
        let n = s.count
        var spanStart = 0
        var i = 0
        // Transliterated names, found at their separators as the loop
        // reaches them. A name starts before its separator, but only with
        // characters of the Han run that leads to it, in the span not yet
        // matched: that span is matched up to the name, and the name emitted.
        var names = TransliterationFinder()
        while i < n {
            if findsNames, i >= names.searchStart, isNameSeparator(s[i]), let name = names.name(at: i, in: text) {
                assert(name.lowerBound >= spanStart, "a name starts in the span not yet matched")
                matchSpan(spanStart, name.lowerBound, mode: mode)
                SegmentedText.emit(name.lowerBound, name.upperBound, .transliteration, into: &output)
                i = name.upperBound
                spanStart = i
                continue
            }
            // Common Han characters (U+4E00...U+9FFF) followed by another,
            // by the end or by a scalar that is surely no combining mark
            // (most often punctuation) go to the matcher without more ado:
            // a run of them is skipped four at a time (`endOfRun`).
            if s[i] &- 0x4E00 < 0x5200 {
                let end = endOfRun(in: UnsafeRawPointer(s.baseAddress.unsafelyUnwrapped), from: i + 1, to: n,
                                   lower: 0x4E00, width: 0x5200)
                // Han characters pass `isNeverExtender` too.
                if end == n || ScalarClass.isNeverExtender(s[end]) {
                    i = end
                    continue
                }
                // The last of the run is followed by something else, a
                // combining mark perhaps: it is classified below.
                i = end - 1
            }
            let value = s[i]
            let scalarClass = ScalarClass.of(value)
            var end = i + 1
            let kind: TokenKind
            switch scalarClass {
            case .han, .other:
                // Matched by the lexicon, unless a combining mark clings to it.
                end = text.extenders(after: i + 1)
                if end == i + 1 {
                    i += 1
                    continue
                }
                kind = .unknown
            case .digit:
                end = text.numberEnd(from: i)
                kind = .number
            case .letter:
                end = text.wordEnd(from: i)
                kind = .latin
            case .whitespace:
                while end < n, ScalarClass.of(s[end]) == .whitespace { end += 1 }
                kind = .whitespace
            case .punctuation:
                // Most punctuation is followed by what is surely no mark:
                // tested here, without a call.
                if end < n, !ScalarClass.isNeverExtender(s[end]) { end = text.extenders(after: end) }
                kind = .punctuation
            case .symbol:
                end = text.symbolEnd(from: i)
                kind = .symbol
            case .extender:
                // A mark with nothing to cling to: it clings to the last token.
                if spanStart == i, let last = output.last, Int(last.end) == i, last.kind != .whitespace {
                    matchSpan(spanStart, i, mode: mode)
                    output.setLastEnd(Int32(i + 1))
                    i += 1
                    spanStart = i
                    continue
                }
                end = text.extenders(after: end)
                kind = .unknown
            }
            matchSpan(spanStart, i, mode: mode)
            SegmentedText.emit(i, end, kind, into: &output)
            i = end
            spanStart = end
        }
        matchSpan(spanStart, n, mode: mode)
    }

    mutating func matchSpan(_ a: Int, _ b: Int, mode: SegmentationMode) {
        guard a < b else { return }
        switch mode {
        case .forward:
            text.matchForward(a, b, into: &output)
        case .backward:
            text.matchBackward(a, b, into: &output)
        case .bidirectional:
            forwardBuffer.removeAll()
            backwardBuffer.removeAll()
            text.matchForward(a, b, into: &forwardBuffer)
            text.matchBackward(a, b, into: &backwardBuffer)
            output.append(contentsOf: Tokenizer.prefersForward(forwardBuffer.tokens, over: backwardBuffer.tokens)
                ? forwardBuffer : backwardBuffer)
        case .full:
            text.matchAll(a, b, into: &output)
        }
    }
}

/// The text a segmentation reads, as pointers into the caller's buffers
/// (valid while the segmentation runs), with the lexicon's tries: read
/// through pointers, without the array checks and reference counting of
/// arrays. Small, as it is passed to every helper.
private struct SegmentedText {
    /// The folded scalar values, which the rules classify.
    let folded: UnsafeBufferPointer<UInt32>
    /// Their alphabet codes, which the tries walk.
    let codes: UnsafeBufferPointer<UInt32>
    /// The lexicon's `entryStarts`: word `w` has entries
    /// `entryStarts[w] ..< entryStarts[w + 1]`.
    let entryStarts: UnsafeBufferPointer<Int32>
    /// The lexicon's words, and the same reversed.
    let forward: DoubleArrayTrie
    let backward: DoubleArrayTrie

    init(
        folded: UnsafeBufferPointer<UInt32>, codes: UnsafeBufferPointer<UInt32>,
        entryStarts: UnsafeBufferPointer<Int32>, lexicon: Lexicon
    ) {
        self.folded = folded
        self.codes = codes
        self.entryStarts = entryStarts
        forward = lexicon.forward
        backward = lexicon.backward
    }

    // MARK: Atomic runs

    @inline(__always)
    func extenders(after start: Int) -> Int {
        var end = start
        while end < folded.count {
            let value = folded[end]
            // The usual neighbours are no marks: Han characters, ASCII and
            // all below U+0300, Chinese punctuation (U+3000...U+3029) and
            // the full-width forms (`ScalarClass.isNeverExtender`).
            if ScalarClass.isNeverExtender(value) || ScalarClass.of(value) != .extender { break }
            end += 1
        }
        return end
    }

    /// `3,000`, `1.3`, `75%`, `１２．５％`: digits, separators between digits,
    /// and a closing percent or per-mille sign.
    func numberEnd(from start: Int) -> Int {
        let s = folded
        let n = s.count
        var end = start
        while end < n {
            if ScalarClass.of(s[end]) == .digit {
                end += 1
            } else if Self.isNumberSeparator(s[end]), end + 1 < n, ScalarClass.of(s[end + 1]) == .digit {
                end += 2
            } else {
                break
            }
        }
        if end < n, s[end] == 0x25 || s[end] == 0xFF05 || s[end] == 0x2030 { end += 1 }
        return end
    }

    /// `,` `.` `:` `．`: what joins digits into one number.
    private static func isNumberSeparator(_ value: UInt32) -> Bool {
        value == 0x2C || value == 0x2E || value == 0x3A || value == 0xFF0E
    }

    /// `Díaz-Canel`, `TP-Link`, `G20`, `O'Brien`: letters and digits, with
    /// hyphens, apostrophes and ampersands between letters.
    func wordEnd(from start: Int) -> Int {
        let s = folded
        let n = s.count
        var end = start
        while end < n {
            let scalarClass = ScalarClass.of(s[end])
            if scalarClass == .letter || scalarClass == .digit || scalarClass == .extender {
                end += 1
            } else if Self.isWordJoiner(s[end]), end + 1 < n, ScalarClass.of(s[end + 1]) == .letter {
                end += 2
            } else {
                break
            }
        }
        return end
    }

    /// Hyphens, apostrophes and the ampersand: what joins letters into one word.
    private static func isWordJoiner(_ value: UInt32) -> Bool {
        switch value {
        case 0x2D, 0x27, 0x2019, 0x26, 0x2010, 0x2011: true
        default: false
        }
    }

    /// An emoji with its modifiers, joined to the next by zero-width joiners;
    /// a pair of regional indicators (a flag).
    func symbolEnd(from start: Int) -> Int {
        let s = folded
        let n = s.count
        let isRegional = { (v: UInt32) in (0x1F1E6...0x1F1FF).contains(v) }
        var end = start + 1
        if isRegional(s[start]), end < n, isRegional(s[end]) { end += 1 }
        while end < n {
            let scalarClass = ScalarClass.of(s[end])
            if s[end] == 0x200D, end + 1 < n, ScalarClass.of(s[end + 1]) == .symbol {
                end += 2
            } else if scalarClass == .extender {
                end += 1
            } else {
                break
            }
        }
        return end
    }

    // MARK: Dictionary matching

    /// Appends a token that is no lexicon word. Offsets fit in `Int32`
    /// (checked once per text by `segmentDecoded`).
    @inline(__always)
    static func emit(_ start: Int, _ end: Int, _ kind: TokenKind, into output: inout TokenBuffer) {
        output.append(ScalarToken(
            start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end),
            entryStart: 0, entryEnd: 0, kind: kind))
    }

    /// Appends lexicon word `word` (an index the tries store), with the
    /// range of its entries.
    @inline(__always)
    func emitWord(_ start: Int, _ end: Int, _ word: Int32, into output: inout TokenBuffer) {
        let word = Int(word)
        output.append(ScalarToken(
            start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end),
            entryStart: entryStarts[word], entryEnd: entryStarts[word + 1], kind: .word))
    }

    /// The kind of a one-character token no lexicon word covers.
    private static func singleKind(_ value: UInt32) -> TokenKind {
        switch ScalarClass.of(value) {
        case .han, .other, .extender: return .unknown
        case .digit: return .number
        case .letter: return .latin
        case .whitespace: return .whitespace
        case .punctuation: return .punctuation
        case .symbol: return .symbol
        }
    }

    func matchForward(_ a: Int, _ b: Int, into output: inout TokenBuffer) {
        let trie = forward
        var i = a
        while i < b {
            let match = trie.longestPrefix(of: codes, from: i, limit: b)
            if match.length > 0 {
                emitWord(i, i + match.length, match.value, into: &output)
                i += match.length
            } else {
                Self.emit(i, i + 1, Self.singleKind(folded[i]), into: &output)
                i += 1
            }
        }
    }

    func matchBackward(_ a: Int, _ b: Int, into output: inout TokenBuffer) {
        let trie = backward
        let first = output.count
        var j = b
        while j > a {
            let match = trie.longestSuffix(of: codes, endingAt: j, floor: a)
            if match.length > 0 {
                emitWord(j - match.length, j, match.value, into: &output)
                j -= match.length
            } else {
                Self.emit(j - 1, j, Self.singleKind(folded[j - 1]), into: &output)
                j -= 1
            }
        }
        output.reverse(from: first)
    }

    func matchAll(_ a: Int, _ b: Int, into output: inout TokenBuffer) {
        let trie = forward
        var covered = a
        for i in a..<b {
            var found = false
            trie.forEachPrefix(of: codes, from: i, limit: b) { length, value in
                emitWord(i, i + length, value, into: &output)
                covered = max(covered, i + length)
                found = true
            }
            if !found && i >= covered {
                Self.emit(i, i + 1, Self.singleKind(folded[i]), into: &output)
                covered = i + 1
            }
        }
    }
}

/// Finds `迪亚斯·卡内尔`: transliteration characters on both sides of a
/// name separator, cut where a lexicon word straddles an end. The segmenter
/// asks at each separator it reaches, in text order (it reaches every one
/// that could join a name: only Han characters, which it skips in runs, and
/// atomic runs without Han characters on both sides of a separator, lie
/// between them); no pass over the text looks for them first.
private struct TransliterationFinder {
    /// Separators before this offset join no name: the text's first scalar,
    /// then those up to just past the last name found.
    private(set) var searchStart = 1
    /// The end of the last name found: the next may not reach before it.
    private var lastEnd = 0

    /// The transliteration characters (``transliterationBits``), read once:
    /// each read of the global checks that it is initialized.
    private let bits = transliterationBits

    /// The name joined at offset `i` of `text` (the same text at every
    /// call), at or past ``searchStart`` and past the offsets of earlier
    /// calls, when it holds a separator between name characters; else nil.
    mutating func name(at i: Int, in text: SegmentedText) -> Range<Int>? {
        let s = text.folded
        let codes = text.codes
        let n = s.count
        let maxPart = 8
        let trie = text.forward
        let backward = text.backward
        return bits.withUnsafeBufferPointer { bits in
            func isNameCharacter(_ index: Int) -> Bool {
                isTransliterationCharacter(s[index], bits: bits)
            }
            guard i >= searchStart, i + 1 < n, isNameSeparator(s[i]), isNameCharacter(i - 1), isNameCharacter(i + 1)
            else { return nil }
            var lower = i - 1
            while lower > max(lastEnd, i - maxPart), isNameCharacter(lower - 1) { lower -= 1 }
            var upper = i + 1
            while true {
                let partStart = upper
                while upper < n, upper - partStart < maxPart, isNameCharacter(upper) { upper += 1 }
                guard upper + 1 < n, isNameSeparator(s[upper]), isNameCharacter(upper + 1) else { break }
                upper += 1
            }
            // A lexicon word that straddles either end belongs to the text
            // around the name: 总理|巴雅尔·甘呼雅格, 纳瓦兹|呼吁. At the
            // start, the name begins after the furthest end, up to the
            // separator, of a word that starts before it. Such a word is
            // the longest ending there (nothing longer ends there), so the
            // backward trie finds it from each end, furthest first, in a
            // few walks (the first part is short); searching forward from
            // every start a word could have took a walk per start.
            var end = i
            while end > lower {
                if backward.longestSuffix(of: codes, endingAt: end, floor: 0).length > end - lower {
                    lower = end
                    break
                }
                end -= 1
            }
            let lastPart = (lower ..< upper).last { isNameSeparator(s[$0]) }.map { $0 + 1 } ?? i + 1
            for k in lastPart + 1 ..< max(lastPart + 1, upper) {
                let match = trie.longestPrefix(of: codes, from: k, limit: n)
                if match.length >= 2, k + match.length > upper {
                    upper = k
                    break
                }
            }
            guard lower < i, upper > i + 1 else { return nil }
            lastEnd = upper
            searchStart = upper + 1
            return lower ..< upper
        }
    }
}

extension Tokenizer {
    /// The bidirectional rule: fewer tokens; then fewer one-character
    /// tokens; then backward.
    static func prefersForward(_ forward: UnsafeBufferPointer<ScalarToken>, over backward: UnsafeBufferPointer<ScalarToken>) -> Bool {
        if forward.count != backward.count { return forward.count < backward.count }
        var forwardSingles = 0, backwardSingles = 0
        for token in forward where token.end - token.start == 1 { forwardSingles += 1 }
        for token in backward where token.end - token.start == 1 { backwardSingles += 1 }
        return forwardSingles < backwardSingles
    }
}
