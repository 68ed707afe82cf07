/// An immutable, compiled word list: the dictionary a ``Tokenizer`` matches
/// against.
///
/// A lexicon is built once by a ``LexiconBuilder`` and then shared freely
/// between threads: it never changes. To add words, start a new builder from
/// it and build again.
///
/// ```swift
/// var builder = LexiconBuilder()
/// builder.add("公安部", tag: "agency", payload: "agency:mps")
/// try builder.addDictionary(at: URL(fileURLWithPath: "user.dict"))
/// let lexicon = builder.build()
/// lexicon.contains("公安部")   // true
/// ```
public struct Lexicon: Sendable {
    /// One dictionary line: a surface form with its optional tag, frequency
    /// and payload.
    ///
    /// A word may carry several entries (the abbreviation 乌 stands for three
    /// countries), and tags are open strings so that every layer can add its
    /// own.
    public struct Entry: Sendable, Hashable, Codable {
        /// The surface form, as it appears in text.
        public var word: String
        /// A type tag such as `n`, `ns`, `country` or `title`; `nil` when none.
        public var tag: String?
        /// A corpus frequency, when the dictionary gives one.
        public var frequency: Int?
        /// An opaque value for later layers, such as a canonical entity id.
        public var payload: String?

        /// Creates an entry.
        public init(word: String, tag: String? = nil, frequency: Int? = nil, payload: String? = nil) {
            self.word = word
            self.tag = tag
            self.frequency = frequency
            self.payload = payload
        }
    }

    let alphabet: Alphabet
    let forward: DoubleArrayTrie
    /// The same words reversed, for backward maximum matching.
    let backward: DoubleArrayTrie
    /// The distinct words, indexed by the values the tries store.
    let words: [String]
    /// Word `w` has the entries `entries[entryStarts[w] ..< entryStarts[w + 1]]`.
    let entryStarts: [Int32]
    let entries: [Entry]

    init(alphabet: Alphabet, forward: DoubleArrayTrie, backward: DoubleArrayTrie,
         words: [String], entryStarts: [Int32], entries: [Entry]) {
        self.alphabet = alphabet
        self.forward = forward
        self.backward = backward
        self.words = words
        self.entryStarts = entryStarts
        self.entries = entries
    }

    /// A lexicon with no words: every character becomes its own token.
    public static let empty = Lexicon(
        alphabet: .empty, forward: .empty, backward: .empty, words: [], entryStarts: [0], entries: [])

    /// The number of distinct words.
    public var count: Int { words.count }

    /// The length in Unicode scalars of the longest word.
    public var maximumWordLength: Int { forward.maxKeyLength }

    /// Every entry, grouped by word in the lexicon's internal order.
    public var allEntries: [Entry] { entries }

    /// Whether `word` is in the lexicon, as an exact match.
    public func contains(_ word: String) -> Bool { wordIndex(of: word) != nil }

    /// The entries of `word`, empty when the lexicon lacks it.
    public func entries(for word: String) -> ArraySlice<Entry> {
        guard let index = wordIndex(of: word) else { return [] }
        return entries(ofWord: index)
    }

    func entries(ofWord index: Int32) -> ArraySlice<Entry> {
        entries[entryRange(ofWord: index)]
    }

    /// Where the entries of word `index` are in ``allEntries`` (empty for -1).
    func entryRange(ofWord index: Int32) -> Range<Int> {
        guard index >= 0 else { return 0 ..< 0 }
        return Int(entryStarts[Int(index)]) ..< Int(entryStarts[Int(index) + 1])
    }

    func wordIndex(of word: String) -> Int32? {
        // A lazy map would allocate its closure, with a copy of the whole
        // lexicon, at every call: the codes come from a plain iterator.
        forward.value(of: Alphabet.Codes(alphabet: alphabet, scalars: word.unicodeScalars.makeIterator()))
    }
}
