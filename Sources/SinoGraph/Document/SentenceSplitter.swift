import SinoTokenizer

/// One sentence of a clean text.
struct Sentence: Sendable, Hashable {
    /// Clean scalar offsets, trimmed of surrounding whitespace.
    let range: Range<Int>
    /// 0-based index of the paragraph: the line among the clean text's non-empty lines.
    let paragraph: Int
    /// 0-based index of the sentence in the document.
    let index: Int
}

/// Splits clean text into sentences at 。！？；!?｡ and at line breaks.
///
/// A terminator inside “…”, ‘…’, 「…」 or 『…』 does not split, so a quoted
/// remark stays in the sentence that reports it; quote depth resets at each
/// line break so an unbalanced quote cannot swallow the document. Closing
/// quotes and brackets right after a terminator stay with its sentence.
enum SentenceSplitter {
    static func split(_ text: CleanText) -> [Sentence] {
        var firstDropped = 0
        return split(text, firstDropped: &firstDropped)
    }

    /// Splits `text`, and finds in the same pass the offset of its first
    /// scalar that ``AnalyzedText/isDropped(_:)`` (the scalar count when
    /// there is none): the analysis needs both, and a second pass over the
    /// text only for that cost as much as the test.
    static func split(_ text: CleanText, firstDropped: inout Int) -> [Sentence] {
        // Through a pointer: the loop below visits every scalar.
        text.scalars.withUnsafeBufferPointer { split($0, firstDropped: &firstDropped) }
    }

    private static func split(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, firstDropped: inout Int) -> [Sentence] {
        let n = scalars.count
        guard n > 0, let base = scalars.baseAddress else {
            firstDropped = n
            return []
        }
        let values = UnsafeRawPointer(base)
        // Every scalar the analysis drops is looked for (`isLooked(for:)`):
        // each is seen below, in the switch or after a terminator.
        firstDropped = n
        var sentences: [Sentence] = []
        // News sentences run to some 40 scalars: room for all of them in
        // one allocation, rather than growing the array four or five times.
        sentences.reserveCapacity(n / 16 + 4)
        var paragraph = 0
        var lineHasSentence = false
        var start = 0
        // Depths of “”, ‘’, 「」 and 『』, kept apart so an apostrophe (’) cannot close a “.
        var doubleQuotes = 0, singleQuotes = 0, corner = 0, whiteCorner = 0

        func close(_ end: Int) {
            var lower = start
            var upper = end
            while lower < upper, isWhitespace(scalars[lower]) { lower += 1 }
            while upper > lower, isWhitespace(scalars[upper - 1]) { upper -= 1 }
            if lower < upper {
                sentences.append(Sentence(range: lower..<upper, paragraph: paragraph, index: sentences.count))
                lineHasSentence = true
            }
            start = end
        }

        var i = 0
        while i < n {
            let c = scalars[i]
            // Most scalars are CJK ideographs, and most others are no line
            // break, quote or terminator either: none of these is looked for.
            // Runs of ideographs are skipped four at a time (`endOfRun`).
            if c.value &- 0x4E00 < 0x5200 || !isLooked(for: c.value) {
                i += 1
                while i < n {
                    i = endOfRun(in: values, from: i, to: n, lower: 0x4E00, width: 0x5200)
                    guard i < n, !isLooked(for: scalars[i].value) else { break }
                    i += 1
                }
                continue
            }
            if firstDropped == n, AnalyzedText.isDropped(c) { firstDropped = i }
            switch c {
            case "\n", "\r", "\u{2028}", "\u{2029}":
                close(i)
                start = i + 1
                if lineHasSentence { paragraph += 1 }
                lineHasSentence = false
                doubleQuotes = 0; singleQuotes = 0; corner = 0; whiteCorner = 0
            case "\u{201C}": doubleQuotes += 1
            case "\u{201D}": doubleQuotes = max(0, doubleQuotes - 1)
            case "\u{2018}": singleQuotes += 1
            case "\u{2019}": singleQuotes = max(0, singleQuotes - 1)
            case "\u{300C}": corner += 1
            case "\u{300D}": corner = max(0, corner - 1)
            case "\u{300E}": whiteCorner += 1
            case "\u{300F}": whiteCorner = max(0, whiteCorner - 1)
            default:
                if isTerminator(c) && doubleQuotes == 0 && singleQuotes == 0 && corner == 0 && whiteCorner == 0 {
                    var end = i + 1
                    while end < n, isTerminator(scalars[end]) || isClosing(scalars[end]) {
                        if firstDropped == n, AnalyzedText.isDropped(scalars[end]) { firstDropped = end }
                        end += 1
                    }
                    close(end)
                    i = end
                    continue
                }
            }
            i += 1
        }
        close(n)
        return sentences
    }

    /// Whether the loop of `split` looks for `value`: a line break, a quote
    /// or a terminator (see the cases there, and ``isTerminator(_:)``), or
    /// a scalar the analysis drops (``AnalyzedText/isDropped(_:)``).
    /// Distinct values: the switch compiles to a search, not a chain.
    @inline(__always)
    private static func isLooked(for value: UInt32) -> Bool {
        switch value {
        case 0x0A, 0x0D, 0x2028, 0x2029,  // line breaks
             0x201C, 0x201D, 0x2018, 0x2019, 0x300C, 0x300D, 0x300E, 0x300F,  // quotes
             0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x21, 0x3F, 0xFF61,  // 。！？；!?｡
             0x22, 0xAD, 0x200B, 0x200C, 0x200D, 0x2060, 0x301D, 0x301E, 0xFEFF, 0xFF02:  // dropped
            true
        default:
            false
        }
    }

    /// `properties.isWhitespace`, answered without the property tables for
    /// ASCII and for CJK (the ideographic space U+3000 aside).
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20: true
        case 0..<0x80, 0x3001...0xFEFE: false
        default: scalar.properties.isWhitespace
        }
    }

    static func isTerminator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "。", "！", "？", "；", "!", "?", "｡": return true
        default: return false
        }
    }

    /// Closing quotes and brackets that belong to the sentence before them.
    static func isClosing(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\u{201D}", "\u{2019}", "」", "』", "）", ")", "]", "】", "》", "〉", "\"", "'": return true
        default: return false
        }
    }
}
