/// How the tokenizer cuts text into tokens.
public enum SegmentationMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Forward maximum matching: from the left, always the longest word.
    case forward
    /// Backward maximum matching: from the right, always the longest word.
    case backward
    /// Both directions, keeping the better cut: fewer tokens, then fewer
    /// single-character tokens, then the backward one.
    case bidirectional
    /// Every lexicon word at every position, overlapping (for search
    /// indexing); characters no word covers come as single tokens.
    case full
}

/// Character folding applied for lexicon lookup only; token ranges still
/// point into the original text.
public struct Normalization: OptionSet, Sendable, Hashable {
    /// The option bits.
    public let rawValue: UInt8
    /// Creates a set from its bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Look traditional characters up as simplified ones: `會見` matches `会见`.
    public static let traditionalToSimplified = Normalization(rawValue: 1 << 0)
    /// Look full-width ASCII up as half-width: `ＡＢＣ１２` matches `ABC12`.
    public static let fullwidthToHalfwidth = Normalization(rawValue: 1 << 1)
}

extension Tokenizer {
    /// The rules the tokenizer applies besides dictionary matching.
    public struct Options: Sendable, Hashable {
        /// Keep numbers, Latin words, whitespace runs and emoji sequences
        /// whole and apart from Han text, and every punctuation mark alone.
        /// Off, the tokenizer is a pure dictionary matcher: a character no
        /// word covers is a one-character token.
        public var atomicRuns: Bool
        /// Keep a transliterated name joined by `·`, `•`, `‧`, `・` or `-`
        /// between Han characters (`迪亚斯·卡内尔`) as one token. Needs
        /// ``atomicRuns``.
        public var joinsTransliterations: Bool
        /// Folding applied before lookup.
        public var normalization: Normalization

        /// Creates options.
        public init(atomicRuns: Bool = true, joinsTransliterations: Bool = false, normalization: Normalization = []) {
            self.atomicRuns = atomicRuns
            self.joinsTransliterations = joinsTransliterations
            self.normalization = normalization
        }

        /// Atomic runs on, transliterations and normalization off.
        public static let standard = Options()
        /// Pure dictionary matching, as the SIGHAN bakeoff baseline.
        public static let dictionaryOnly = Options(atomicRuns: false)
        /// What entity extraction wants: every rule and all folding on.
        public static let extraction = Options(
            atomicRuns: true, joinsTransliterations: true,
            normalization: [.traditionalToSimplified, .fullwidthToHalfwidth])
    }
}
