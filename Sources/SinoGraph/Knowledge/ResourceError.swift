/// Why a resource file could not be loaded, naming the file and line:
/// `my-titles.tsv:7: expected 4 tab-separated fields, found 2`.
public struct ResourceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file path or resource name.
    public var source: String
    /// The 1-based line, when the error belongs to one.
    public var line: Int?
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(source: String, line: Int?, message: String) {
        self.source = source
        self.line = line
        self.message = message
    }

    public var description: String {
        (line.map { "\(source):\($0)" } ?? source) + ": " + message
    }
}
