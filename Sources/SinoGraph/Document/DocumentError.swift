/// Why a document could not be read, with the place that says so.
///
/// The description names the source and, where there is one, the line:
/// `news/a.md:3: front matter opened on line 1 never closes`.
public struct DocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// The file could not be opened or read; the payload is the system's reason.
        case unreadable(String)
        /// The input has no bytes, or only whitespace.
        case empty
        /// The input holds a NUL byte at `offset`, so it is not text.
        case binary(offset: Int)
        /// The bytes are not UTF-8; `offset` is the first bad byte.
        case invalidUTF8(offset: Int)
        /// The first line is `---` and no later line closes the front matter.
        case unterminatedFrontMatter
        /// A front matter line that is not `key: value`, a list item, blank or a comment.
        case malformedFrontMatter(String)
        /// The input is larger than the reader accepts.
        case tooLarge(bytes: Int)
    }

    /// The file path or the document's identifier.
    public var source: String
    /// The 1-based line number, when the error belongs to a line.
    public var line: Int?
    /// What went wrong.
    public var reason: Reason

    /// Creates an error.
    public init(source: String, line: Int?, reason: Reason) {
        self.source = source
        self.line = line
        self.reason = reason
    }

    /// The source, the line when known, and what went wrong, on one line.
    public var description: String {
        let place = line.map { "\(source):\($0)" } ?? source
        switch reason {
        case .unreadable(let why): return "\(place): cannot read: \(why)"
        case .empty: return "\(place): empty document"
        case .binary(let offset): return "\(place): binary content (NUL byte at offset \(offset)), not text"
        case .invalidUTF8(let offset): return "\(place): invalid UTF-8 at byte \(offset)"
        case .unterminatedFrontMatter: return "\(place): front matter opened on line 1 never closes"
        case .malformedFrontMatter(let text):
            return "\(place): front matter line is not `key: value`: \"\(text)\""
        case .tooLarge(let bytes):
            return "\(place): \(bytes) bytes; the limit is \(Document.maximumByteCount)"
        }
    }
}
