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

    /// Creates a tokenizer over `lexicon`.
    public init(lexicon: Lexicon, options: Options = .standard) {
        self.lexicon = lexicon
        self.options = options
    }

    /// Cuts `text` into tokens.
    ///
    /// Except in ``SegmentationMode/full`` mode the tokens partition the
    /// text: their ranges are adjacent, in order, and cover it all.
    public func tokenize(_ text: String, mode: SegmentationMode = .bidirectional) -> Tokenization {
        var text = text
        text.makeContiguousUTF8()
        var scratch = Scratch()
        let raw = text.utf8.withContiguousStorageIfAvailable { bytes in
            segment(utf8: bytes, mode: mode, scratch: &scratch)
        } ?? []
        return Tokenization(text: text, mode: mode, raw: raw, lexicon: lexicon)
    }

    /// Segments text given as scalars and calls `body` with each token's
    /// scalar range, kind and lexicon entries (as indices into
    /// ``Lexicon/allEntries``: a slice would be retained and released for
    /// every token), in order: for the extraction layer, which holds the
    /// scalars already and reads tokens by offset.
    /// `folded` receives the scalar values as the lexicon compares them
    /// (after ``TokenizerOptions/normalization``), one per scalar.
    package func forEachToken(
        inScalars scalars: [Unicode.Scalar], mode: SegmentationMode, folded: inout [UInt32],
        _ body: (_ range: Range<Int>, _ kind: TokenKind, _ entries: Range<Int>) -> Void
    ) {
        var scratch = Scratch()
        scratch.scalars = scalars.map(\.value)
        // UTF-8 offsets are part of every raw token; compute them as decoding would.
        scratch.utf8Starts.reserveCapacity(scalars.count + 1)
        var offset: Int32 = 0
        for scalar in scalars {
            scratch.utf8Starts.append(offset)
            offset += Int32(UTF8.width(scalar))
        }
        scratch.utf8Starts.append(offset)
        fold(&scratch)
        for token in segmentDecoded(mode: mode, scratch: &scratch) {
            body(Int(token.start) ..< Int(token.end), token.kind, lexicon.entryRange(ofWord: token.word))
        }
        folded = scratch.folded
    }

    /// Per-call buffers, reused across the spans of one call.
    struct Scratch {
        var scalars: [UInt32] = []
        var folded: [UInt32] = []
        var codes: [UInt32] = []
        var utf8Starts: [Int32] = []
        var forward: [RawToken] = []
        var backward: [RawToken] = []
        var output: [RawToken] = []
        var names: [Range<Int>] = []
    }

    /// Segments UTF-8 text (valid, as every Swift string is) into raw tokens.
    func segment(utf8 bytes: UnsafeBufferPointer<UInt8>, mode: SegmentationMode, scratch: inout Scratch) -> [RawToken] {
        decode(bytes, into: &scratch)
        fold(&scratch)
        return segmentDecoded(mode: mode, scratch: &scratch)
    }

    /// Segments what `scratch` holds: scalars, their UTF-8 offsets, folded
    /// values and alphabet codes.
    private func segmentDecoded(mode: SegmentationMode, scratch: inout Scratch) -> [RawToken] {
        let n = scratch.scalars.count
        scratch.output.removeAll(keepingCapacity: true)
        scratch.output.reserveCapacity(n / 2 + 4)
        if options.atomicRuns {
            if options.joinsTransliterations { findTransliterations(&scratch) } else { scratch.names.removeAll() }
            segmentWithRules(mode: mode, scratch: &scratch)
        } else {
            matchSpan(0, n, mode: mode, scratch: &scratch)
        }
        return scratch.output
    }

    private func decode(_ bytes: UnsafeBufferPointer<UInt8>, into scratch: inout Scratch) {
        scratch.scalars.removeAll(keepingCapacity: true)
        scratch.utf8Starts.removeAll(keepingCapacity: true)
        scratch.scalars.reserveCapacity(bytes.count)
        scratch.utf8Starts.reserveCapacity(bytes.count + 1)
        var i = 0
        let count = bytes.count
        while i < count {
            let lead = UInt32(bytes[i])
            scratch.utf8Starts.append(Int32(i))
            if lead < 0x80 {
                scratch.scalars.append(lead)
                i += 1
            } else if lead < 0xE0 {
                scratch.scalars.append((lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F))
                i += 2
            } else if lead < 0xF0 {
                scratch.scalars.append((lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F))
                i += 3
            } else {
                scratch.scalars.append((lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12
                    | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F))
                i += 4
            }
        }
        scratch.utf8Starts.append(Int32(count))
    }

    /// Folds the decoded scalars for lookup and maps them to alphabet codes.
    private func fold(_ scratch: inout Scratch) {
        let normalization = options.normalization
        let count = scratch.scalars.count
        if normalization.isEmpty {
            scratch.folded = scratch.scalars
        } else {
            let fold = Normalizer.Folding(normalization)
            scratch.folded = scratch.scalars.withUnsafeBufferPointer { scalars in
                [UInt32](unsafeUninitializedCapacity: count) { folded, initialized in
                    for index in 0 ..< count { folded[index] = fold(scalars[index]) }
                    initialized = count
                }
            }
        }
        scratch.codes = scratch.folded.withUnsafeBufferPointer { folded in
            [UInt32](unsafeUninitializedCapacity: count) { codes, initialized in
                lexicon.alphabet.encode(folded, into: codes)
                initialized = count
            }
        }
    }

    // MARK: Atomic runs

    private func segmentWithRules(mode: SegmentationMode, scratch: inout Scratch) {
        let n = scratch.folded.count
        var spanStart = 0
        var i = 0
        var nameIndex = 0
        while i < n {
            if nameIndex < scratch.names.count, scratch.names[nameIndex].lowerBound == i {
                let name = scratch.names[nameIndex]
                nameIndex += 1
                matchSpan(spanStart, i, mode: mode, scratch: &scratch)
                emit(name.lowerBound, name.upperBound, .transliteration, -1, &scratch.output, scratch.utf8Starts)
                i = name.upperBound
                spanStart = i
                continue
            }
            let value = scratch.folded[i]
            // Common Han characters go to the matcher without more ado.
            if (0x4E00...0x9FFF).contains(value), i + 1 == n || (0x4E00...0x9FFF).contains(scratch.folded[i + 1]) {
                i += 1
                continue
            }
            let scalarClass = ScalarClass.of(value)
            var end = i + 1
            let kind: TokenKind
            switch scalarClass {
            case .han, .other:
                // Matched by the lexicon, unless a combining mark clings to it.
                end = extenders(after: i + 1, scratch)
                if end == i + 1 {
                    i += 1
                    continue
                }
                kind = .unknown
            case .digit:
                end = numberEnd(from: i, scratch)
                kind = .number
            case .letter:
                end = wordEnd(from: i, scratch)
                kind = .latin
            case .whitespace:
                while end < n, ScalarClass.of(scratch.folded[end]) == .whitespace { end += 1 }
                kind = .whitespace
            case .punctuation:
                end = extenders(after: end, scratch)
                kind = .punctuation
            case .symbol:
                end = symbolEnd(from: i, scratch)
                kind = .symbol
            case .extender:
                // A mark with nothing to cling to: it clings to the last token.
                if spanStart == i, let last = scratch.output.last, Int(last.end) == i, last.kind != .whitespace {
                    matchSpan(spanStart, i, mode: mode, scratch: &scratch)
                    scratch.output[scratch.output.count - 1].end = Int32(i + 1)
                    scratch.output[scratch.output.count - 1].utf8End = scratch.utf8Starts[i + 1]
                    i += 1
                    spanStart = i
                    continue
                }
                end = extenders(after: end, scratch)
                kind = .unknown
            }
            matchSpan(spanStart, i, mode: mode, scratch: &scratch)
            emit(i, end, kind, -1, &scratch.output, scratch.utf8Starts)
            i = end
            spanStart = end
        }
        matchSpan(spanStart, n, mode: mode, scratch: &scratch)
    }

    private func extenders(after start: Int, _ scratch: Scratch) -> Int {
        var end = start
        while end < scratch.folded.count, ScalarClass.of(scratch.folded[end]) == .extender { end += 1 }
        return end
    }

    /// `3,000`, `1.3`, `75%`, `１２．５％`: digits, separators between digits,
    /// and a closing percent or per-mille sign.
    private func numberEnd(from start: Int, _ scratch: Scratch) -> Int {
        let s = scratch.folded
        let n = s.count
        var end = start
        while end < n {
            if ScalarClass.of(s[end]) == .digit {
                end += 1
            } else if [0x2C, 0x2E, 0x3A, 0xFF0E].contains(s[end]), end + 1 < n, ScalarClass.of(s[end + 1]) == .digit {
                end += 2
            } else {
                break
            }
        }
        if end < n, [0x25, 0xFF05, 0x2030].contains(s[end]) { end += 1 }
        return end
    }

    /// `Díaz-Canel`, `TP-Link`, `G20`, `O'Brien`: letters and digits, with
    /// hyphens, apostrophes and ampersands between letters.
    private func wordEnd(from start: Int, _ scratch: Scratch) -> Int {
        let s = scratch.folded
        let n = s.count
        var end = start
        while end < n {
            let scalarClass = ScalarClass.of(s[end])
            if scalarClass == .letter || scalarClass == .digit || scalarClass == .extender {
                end += 1
            } else if [0x2D, 0x27, 0x2019, 0x26, 0x2010, 0x2011].contains(s[end]), end + 1 < n,
                      ScalarClass.of(s[end + 1]) == .letter {
                end += 2
            } else {
                break
            }
        }
        return end
    }

    /// An emoji with its modifiers, joined to the next by zero-width joiners;
    /// a pair of regional indicators (a flag).
    private func symbolEnd(from start: Int, _ scratch: Scratch) -> Int {
        let s = scratch.folded
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

    /// Finds `迪亚斯·卡内尔`: transliteration characters on both sides of a
    /// name separator, cut where a lexicon word straddles an end.
    private func findTransliterations(_ scratch: inout Scratch) {
        scratch.names.removeAll(keepingCapacity: true)
        let s = scratch.folded
        let n = s.count
        let maxPart = 8
        func isNameCharacter(_ index: Int) -> Bool {
            guard let scalar = Unicode.Scalar(s[index]) else { return false }
            return transliterationCharacters.contains(scalar)
        }
        var i = 1
        var lastEnd = 0
        while i + 1 < n {
            guard isNameSeparator(s[i]), isNameCharacter(i - 1), isNameCharacter(i + 1) else {
                i += 1
                continue
            }
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
            // around the name: 总理|巴雅尔·甘呼雅格, 纳瓦兹|呼吁.
            scratch.codes.withUnsafeBufferPointer { codes in
                for k in max(0, lower - lexicon.maximumWordLength) ..< lower {
                    let match = lexicon.forward.longestPrefix(of: codes, from: k, limit: i)
                    if k + match.length > lower, match.length >= 2 { lower = k + match.length }
                }
                let lastPart = (lower ..< upper).last { isNameSeparator(s[$0]) }.map { $0 + 1 } ?? i + 1
                for k in lastPart + 1 ..< max(lastPart + 1, upper) {
                    let match = lexicon.forward.longestPrefix(of: codes, from: k, limit: n)
                    if match.length >= 2, k + match.length > upper {
                        upper = k
                        break
                    }
                }
            }
            guard lower < i, upper > i + 1 else {
                i += 1
                continue
            }
            scratch.names.append(lower ..< upper)
            lastEnd = upper
            i = upper + 1
        }
    }

    // MARK: Dictionary matching

    @inline(__always)
    private func emit(_ start: Int, _ end: Int, _ kind: TokenKind, _ word: Int32,
                      _ output: inout [RawToken], _ utf8Starts: [Int32]) {
        output.append(RawToken(
            start: Int32(start), end: Int32(end),
            utf8Start: utf8Starts[start], utf8End: utf8Starts[end],
            word: word, kind: kind))
    }

    /// The kind of a one-character token no lexicon word covers.
    private func singleKind(_ value: UInt32) -> TokenKind {
        switch ScalarClass.of(value) {
        case .han, .other, .extender: return .unknown
        case .digit: return .number
        case .letter: return .latin
        case .whitespace: return .whitespace
        case .punctuation: return .punctuation
        case .symbol: return .symbol
        }
    }

    private func matchSpan(_ a: Int, _ b: Int, mode: SegmentationMode, scratch: inout Scratch) {
        guard a < b else { return }
        switch mode {
        case .forward:
            var output = scratch.output
            scratch.output = []
            matchForward(a, b, into: &output, scratch)
            scratch.output = output
        case .backward:
            var output = scratch.output
            scratch.output = []
            matchBackward(a, b, into: &output, scratch)
            scratch.output = output
        case .bidirectional:
            // Moved out of `scratch` so that they are uniquely referenced
            // and keep their capacity.
            var forward = scratch.forward, backward = scratch.backward
            scratch.forward = []
            scratch.backward = []
            forward.removeAll(keepingCapacity: true)
            backward.removeAll(keepingCapacity: true)
            matchForward(a, b, into: &forward, scratch)
            matchBackward(a, b, into: &backward, scratch)
            scratch.output.append(contentsOf: Self.prefersForward(forward, over: backward) ? forward : backward)
            scratch.forward = forward
            scratch.backward = backward
        case .full:
            var output = scratch.output
            scratch.output = []
            matchAll(a, b, into: &output, scratch)
            scratch.output = output
        }
    }

    /// The bidirectional rule: fewer tokens; then fewer one-character
    /// tokens; then backward.
    static func prefersForward(_ forward: [RawToken], over backward: [RawToken]) -> Bool {
        if forward.count != backward.count { return forward.count < backward.count }
        var forwardSingles = 0, backwardSingles = 0
        for token in forward where token.end - token.start == 1 { forwardSingles += 1 }
        for token in backward where token.end - token.start == 1 { backwardSingles += 1 }
        return forwardSingles < backwardSingles
    }

    private func matchForward(_ a: Int, _ b: Int, into output: inout [RawToken], _ scratch: Scratch) {
        let trie = lexicon.forward
        scratch.codes.withUnsafeBufferPointer { codes in
            var i = a
            while i < b {
                let match = trie.longestPrefix(of: codes, from: i, limit: b)
                if match.length > 0 {
                    emit(i, i + match.length, .word, match.value, &output, scratch.utf8Starts)
                    i += match.length
                } else {
                    emit(i, i + 1, singleKind(scratch.folded[i]), -1, &output, scratch.utf8Starts)
                    i += 1
                }
            }
        }
    }

    private func matchBackward(_ a: Int, _ b: Int, into output: inout [RawToken], _ scratch: Scratch) {
        let trie = lexicon.backward
        let first = output.count
        scratch.codes.withUnsafeBufferPointer { codes in
            var j = b
            while j > a {
                let match = trie.longestSuffix(of: codes, endingAt: j, floor: a)
                if match.length > 0 {
                    emit(j - match.length, j, .word, match.value, &output, scratch.utf8Starts)
                    j -= match.length
                } else {
                    emit(j - 1, j, singleKind(scratch.folded[j - 1]), -1, &output, scratch.utf8Starts)
                    j -= 1
                }
            }
        }
        output[first...].reverse()
    }

    private func matchAll(_ a: Int, _ b: Int, into output: inout [RawToken], _ scratch: Scratch) {
        let trie = lexicon.forward
        scratch.codes.withUnsafeBufferPointer { codes in
            var covered = a
            for i in a..<b {
                var found = false
                trie.forEachPrefix(of: codes, from: i, limit: b) { length, value in
                    emit(i, i + length, .word, value, &output, scratch.utf8Starts)
                    covered = max(covered, i + length)
                    found = true
                }
                if !found && i >= covered {
                    emit(i, i + 1, singleKind(scratch.folded[i]), -1, &output, scratch.utf8Starts)
                    covered = i + 1
                }
            }
        }
    }
}
