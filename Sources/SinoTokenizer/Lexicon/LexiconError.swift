/// Why a dictionary could not be read, with the place that says so.
///
/// The description names the source and, where there is one, the line:
/// `user.dict:12: frequency "1x" is not a whole number`.
public struct LexiconError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// The file could not be opened or read.
        case unreadable(String)
        /// The bytes are not UTF-8; `offset` is the first bad byte.
        case invalidUTF8(offset: Int)
        /// The file holds NUL bytes, so it is not a text file.
        case binary
        /// A line had a frequency field that is not a non-negative integer.
        case badFrequency(String)
        /// A line had more fields than `word [frequency] [tag] [payload]`.
        case tooManyFields(Int)
        /// A word longer than ``LexiconBuilder/maximumWordLength`` scalars.
        case wordTooLong(Int)
        /// A word that is empty or holds whitespace or control characters.
        case invalidWord(String)
    }

    /// The file path or the name the text was given.
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

    public var description: String {
        let place = line.map { "\(source):\($0)" } ?? source
        switch reason {
        case .unreadable(let why): return "\(place): cannot read: \(why)"
        case .invalidUTF8(let offset): return "\(place): invalid UTF-8 at byte \(offset)"
        case .binary: return "\(place): binary content (NUL bytes), not a dictionary"
        case .badFrequency(let field): return "\(place): frequency \"\(field)\" is not a whole number"
        case .tooManyFields(let count): return "\(place): \(count) fields; expected word [frequency] [tag] [payload]"
        case .wordTooLong(let length):
            return "\(place): word of \(length) characters; the limit is \(LexiconBuilder.maximumWordLength)"
        case .invalidWord(let word): return "\(place): invalid word \"\(word)\""
        }
    }
}
