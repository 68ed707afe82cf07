import Foundation
import SinoTokenizer

/// One input text with its identifier.
///
/// Every offset the extractor reports counts Unicode scalars of ``text``,
/// so a mention can always be found again in the input it came from:
///
/// ```swift
/// let document = try Document(contentsOf: URL(fileURLWithPath: "news/visit.md"))
/// print(document.id)  // "visit"
/// ```
public struct Document: Sendable, Hashable {
    /// The name that identifies the document in output and in errors.
    public var id: String
    /// The document's full text, front matter and markup included.
    public var text: String

    /// Creates a document from text already in memory; nothing is validated.
    public init(id: String, text: String) {
        self.id = id
        self.text = text
    }

    /// Reads a file; the identifier is the file name without its extension.
    ///
    /// - Throws: ``DocumentError`` naming the path when the file cannot be read,
    ///   is empty or only whitespace, holds a NUL byte, is not UTF-8 (with the
    ///   byte offset and line of the first bad byte) or is too large.
    public init(contentsOf url: URL) throws {
        let source = url.relativePath
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw DocumentError(source: source, line: nil, reason: .unreadable(error.localizedDescription))
        }
        // Check the size before reading, so a huge file is refused without loading it.
        if size > Document.maximumByteCount {
            throw DocumentError(source: source, line: nil, reason: .tooLarge(bytes: size))
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DocumentError(source: source, line: nil, reason: .unreadable(error.localizedDescription))
        }
        try self.init(id: url.deletingPathExtension().lastPathComponent, data: data, source: source)
    }

    /// Creates a document from bytes read elsewhere (standard input, a JSON line),
    /// with the same validation as ``init(contentsOf:)``; a UTF-8 byte order mark
    /// is dropped.
    ///
    /// - Parameter source: The name errors give for these bytes.
    /// - Throws: ``DocumentError`` naming `source`.
    public init(id: String, data: Data, source: String) throws {
        if data.count > Document.maximumByteCount {
            throw DocumentError(source: source, line: nil, reason: .tooLarge(bytes: data.count))
        }
        let bytes = [UInt8](data)
        if bytes.isEmpty { throw DocumentError(source: source, line: nil, reason: .empty) }
        if let nul = bytes.firstIndex(of: 0) {
            throw DocumentError(source: source, line: ByteDiagnostics.line(ofByte: nul, in: bytes), reason: .binary(offset: nul))
        }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard let text = String(validating: bytes[start...], as: UTF8.self) else {
            let offset = start + (ByteDiagnostics.firstInvalidUTF8Offset(bytes[start...]) ?? 0)
            throw DocumentError(
                source: source, line: ByteDiagnostics.line(ofByte: offset, in: bytes), reason: .invalidUTF8(offset: offset))
        }
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            throw DocumentError(source: source, line: nil, reason: .empty)
        }
        self.init(id: id, text: text)
    }

    /// The largest input, in bytes, the validating initializers accept. The
    /// clean text and its offset map take about fourteen bytes per scalar.
    static let maximumByteCount = 128 << 20
}
