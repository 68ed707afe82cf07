/// Word-segmentation scores as the SIGHAN bakeoff scorer computes them.
///
/// A word is correct when its character span, counted over the whole file
/// with whitespace and line breaks left out, equals a gold word's span.
/// Counting over the whole file rather than line by line keeps the MSR test
/// set's 16 lines whose breaks differ from the gold file's from costing
/// every system points (the bakeoff's `diff`-based scorer realigns them too).
public struct SegmentationScore: Sendable, Equatable {
    /// Words in the gold segmentation.
    public var goldWords = 0
    /// Words the segmenter produced.
    public var testWords = 0
    /// Produced words whose span equals a gold word's span.
    public var correctWords = 0
    /// Gold words outside the training vocabulary.
    public var goldOOV = 0
    /// Out-of-vocabulary gold words segmented correctly.
    public var correctOOV = 0
    /// Gold words in the training vocabulary.
    public var goldIV = 0
    /// In-vocabulary gold words segmented correctly.
    public var correctIV = 0

    /// An empty score.
    public init() {}

    /// Correct words over produced words.
    public var precision: Double { testWords == 0 ? 0 : Double(correctWords) / Double(testWords) }
    /// Correct words over gold words.
    public var recall: Double { goldWords == 0 ? 0 : Double(correctWords) / Double(goldWords) }
    /// The harmonic mean of precision and recall.
    public var f: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    /// Recall on out-of-vocabulary gold words.
    public var oovRecall: Double { goldOOV == 0 ? 0 : Double(correctOOV) / Double(goldOOV) }
    /// Recall on in-vocabulary gold words.
    public var ivRecall: Double { goldIV == 0 ? 0 : Double(correctIV) / Double(goldIV) }
    /// The share of gold words that are out of vocabulary.
    public var oovRate: Double { goldWords == 0 ? 0 : Double(goldOOV) / Double(goldWords) }

    /// Why two segmentations cannot be compared.
    public enum Mismatch: Error, CustomStringConvertible {
        /// The two files do not hold the same characters once whitespace is
        /// removed; `offset` is the first character where they differ.
        case differentText(offset: Int)
        public var description: String {
            switch self {
            case .differentText(let offset):
                return "test and gold texts differ at non-space character \(offset)"
            }
        }
    }

    /// Scores `test` against `gold`, each a list of lines of words.
    ///
    /// - Parameter vocabulary: the training word list; gold words outside it
    ///   count as out-of-vocabulary.
    public static func score(test: [[Substring]], gold: [[Substring]], vocabulary: Set<Substring>) throws -> SegmentationScore {
        var score = SegmentationScore()
        let testSpans = spans(test)
        let goldSpans = spans(gold)
        if testSpans.characters != goldSpans.characters {
            let offset = zip(testSpans.characters, goldSpans.characters).enumerated()
                .first { $0.element.0 != $0.element.1 }?.offset
                ?? min(testSpans.characters.count, goldSpans.characters.count)
            throw Mismatch.differentText(offset: offset)
        }
        score.testWords = testSpans.ranges.count
        score.goldWords = goldSpans.ranges.count
        var t = 0
        for (index, range) in goldSpans.ranges.enumerated() {
            while t < testSpans.ranges.count, testSpans.ranges[t].lowerBound < range.lowerBound { t += 1 }
            let correct = t < testSpans.ranges.count && testSpans.ranges[t] == range
            if correct { score.correctWords += 1 }
            if vocabulary.contains(goldSpans.words[index]) {
                score.goldIV += 1
                if correct { score.correctIV += 1 }
            } else {
                score.goldOOV += 1
                if correct { score.correctOOV += 1 }
            }
        }
        return score
    }

    private static func spans(_ lines: [[Substring]]) -> (characters: [Character], ranges: [Range<Int>], words: [Substring]) {
        var characters: [Character] = []
        var ranges: [Range<Int>] = []
        var words: [Substring] = []
        for line in lines {
            for word in line {
                let kept = word.filter { !$0.isWhitespace }
                guard !kept.isEmpty else { continue }
                let start = characters.count
                characters.append(contentsOf: kept)
                ranges.append(start ..< characters.count)
                words.append(word)
            }
        }
        return (characters, ranges, words)
    }

    /// Splits a segmented line into its words (separated by any whitespace).
    public static func words(of line: Substring) -> [Substring] {
        line.split(whereSeparator: { $0.isWhitespace })
    }
}
