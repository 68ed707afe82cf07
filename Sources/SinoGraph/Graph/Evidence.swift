/// Where a fact comes from: a document, a range of its original text, and
/// the sentence that states the fact.
///
/// Offsets count Unicode scalars of the document's text as given (before
/// front matter, HTML or Markdown were removed), so
/// `Array(text.unicodeScalars)[start..<end]` is the mention.
public struct Evidence: Sendable, Hashable, Codable, Comparable {
    /// The document's identifier.
    public var document: String
    /// Offset of the first scalar, in the original text.
    public var start: Int
    /// Offset one past the last scalar, in the original text.
    public var end: Int
    /// The clean text of the sentence that holds the mention.
    public var sentence: String

    /// Creates evidence.
    public init(document: String, start: Int, end: Int, sentence: String) {
        self.document = document
        self.start = start
        self.end = end
        self.sentence = sentence
    }

    /// Hashes the document and offsets only: evidence that differs in its
    /// sentence alone is rare, and sentences are long.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(document)
        hasher.combine(start)
        hasher.combine(end)
    }

    public static func < (a: Evidence, b: Evidence) -> Bool {
        (a.document, a.start, a.end, a.sentence) < (b.document, b.start, b.end, b.sentence)
    }
}
