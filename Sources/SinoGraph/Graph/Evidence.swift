/// Where a fact comes from: a document, a range of its original text, and
/// the sentence that states the fact.
///
/// Offsets count Unicode scalars of the document's text as given (before
/// front matter, HTML or Markdown were removed), so
/// `Array(text.unicodeScalars)[start..<end]` is the mention.
///
/// Evidence the extractor makes shares the document's text rather than
/// holding a copy of each sentence: a graph keeps the text it was read from
/// alive, and ``sentence`` copies the sentence out when read.
public struct Evidence: Sendable, Hashable, Codable, Comparable {
    /// The document's identifier.
    public var document: String
    /// Offset of the first scalar, in the original text.
    public var start: Int
    /// Offset one past the last scalar, in the original text.
    public var end: Int
    /// A text that holds the sentence, and the sentence's UTF-8 range in it
    /// (on scalar boundaries): the document's own text for a sentence it
    /// holds verbatim, else the sentence alone.
    private(set) var sentenceSource: String
    private(set) var sentenceBytes: Range<Int>

    /// Creates evidence.
    public init(document: String, start: Int, end: Int, sentence: String) {
        self.init(document: document, start: start, end: end, sentenceSource: sentence,
                  sentenceBytes: 0 ..< sentence.utf8.count)
    }

    /// Evidence whose sentence is `bytes` of `source`, shared, not copied.
    init(document: String, start: Int, end: Int, sentenceSource: String, sentenceBytes: Range<Int>) {
        self.document = document
        self.start = start
        self.end = end
        self.sentenceSource = sentenceSource
        self.sentenceBytes = sentenceBytes
    }

    /// The clean text of the sentence that holds the mention.
    public var sentence: String {
        get {
            if sentenceBytes.lowerBound == 0 && sentenceBytes.upperBound == sentenceSource.utf8.count {
                return sentenceSource
            }
            // A slice of a string is copied without validating its bytes again.
            let utf8 = sentenceSource.utf8
            let lower = utf8.index(utf8.startIndex, offsetBy: sentenceBytes.lowerBound)
            let upper = utf8.index(lower, offsetBy: sentenceBytes.count)
            return String(sentenceSource[lower ..< upper])
        }
        set {
            sentenceSource = newValue
            sentenceBytes = 0 ..< newValue.utf8.count
        }
    }

    /// Calls `body` with the sentence's UTF-8, in place.
    func withSentenceBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        sentenceSource.withBytes { body(UnsafeBufferPointer(rebasing: $0[sentenceBytes])) }
    }

    /// Hashes the document and offsets only: evidence that differs in its
    /// sentence alone is rare, and sentences are long.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(document)
        hasher.combine(start)
        hasher.combine(end)
    }

    /// Equal document, offsets and sentence text, wherever the sentence is held.
    public static func == (a: Evidence, b: Evidence) -> Bool {
        guard a.document == b.document, a.start == b.start, a.end == b.end else { return false }
        let sameBytes = a.withSentenceBytes { x in
            b.withSentenceBytes { y in x.elementsEqual(y) }
        }
        // Different bytes can still be the same text to `String` (canonically
        // equivalent forms), as the sentences compared before they were shared.
        return sameBytes || a.sentence == b.sentence
    }

    public static func < (a: Evidence, b: Evidence) -> Bool {
        (a.document, a.start, a.end) != (b.document, b.start, b.end)
            ? (a.document, a.start, a.end) < (b.document, b.start, b.end)
            : a.sentence < b.sentence
    }

    private enum CodingKeys: String, CodingKey {
        case document, start, end, sentence
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(document: try container.decode(String.self, forKey: .document),
                  start: try container.decode(Int.self, forKey: .start),
                  end: try container.decode(Int.self, forKey: .end),
                  sentence: try container.decode(String.self, forKey: .sentence))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(document, forKey: .document)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(sentence, forKey: .sentence)
    }
}

extension Evidence: CustomReflectable {
    /// Shows the document, the offsets and the sentence, as evidence holding
    /// its own sentence shows them (not the whole text the sentence is in).
    public var customMirror: Mirror {
        Mirror(self, children: ["document": document, "start": start, "end": end, "sentence": sentence],
               displayStyle: .struct)
    }
}
