import Foundation
import SinoGraph
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One input of `extract` or `evaluate` before it is read.
enum InputSource: Sendable {
    /// A file, by the path the user gave or found under a directory.
    case file(String)
    /// All of standard input, as one document.
    case standardInput
    /// Standard input as JSON Lines, one document a line.
    case standardInputLines
    /// A path that could not be used, with the message.
    case failure(String)
}

/// An input read into memory, or why it could not be.
enum LoadedInput: Sendable {
    case document(Document, source: String, bytes: Int)
    case failure(String)
}

/// The file extensions taken from directories.
let documentExtensions: Set<String> = ["txt", "md", "markdown", "html", "htm"]

/// Expands the command line's paths: a directory becomes its document files
/// (recursively, sorted by path), `-` standard input.
func inputSources(_ paths: [String], jsonLines: Bool) -> [InputSource] {
    var sources: [InputSource] = []
    for path in paths {
        if path == "-" {
            sources.append(jsonLines ? .standardInputLines : .standardInput)
            continue
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            sources.append(.failure("\(path): no such file or directory"))
            continue
        }
        if isDirectory.boolValue {
            sources += documentFiles(under: path).map(InputSource.file)
        } else {
            sources.append(.file(path))
        }
    }
    return sources
}

/// The document files under `directory`, as paths starting with it, sorted.
func documentFiles(under directory: String) -> [String] {
    let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
    var files: [String] = []
    while let relative = enumerator.nextObject() as? String {
        let ext = (relative as NSString).pathExtension.lowercased()
        guard documentExtensions.contains(ext) else { continue }
        let path = base + "/" + relative
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            files.append(path)
        }
    }
    // Compare the UTF-8 bytes so the order does not depend on the locale.
    return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
}

/// Reads a file into a document; the error names the path.
func loadFile(_ path: String) -> LoadedInput {
    do {
        let document = try Document(contentsOf: URL(fileURLWithPath: path))
        return .document(document, source: path, bytes: document.text.utf8.count)
    } catch {
        return .failure("\(error)")
    }
}

/// Reads all of standard input as one document with id `stdin`.
func loadStandardInput() -> LoadedInput {
    let data = FileHandle.standardInput.readDataToEndOfFile()
    do {
        return .document(try Document(id: "stdin", data: data, source: "stdin"), source: "stdin", bytes: data.count)
    } catch {
        return .failure("\(error)")
    }
}

/// One line of `--jsonl-input`.
private struct JSONLinesDocument: Decodable {
    var id: String
    var text: String
}

/// Reads one JSON Lines document; errors name `stdin:LINE`.
func loadJSONLine(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) -> LoadedInput? {
    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
    let source = "stdin:\(line)"
    let data = Data(buffer: bytes)
    let record: JSONLinesDocument
    do {
        record = try JSONDecoder().decode(JSONLinesDocument.self, from: data)
    } catch {
        return .failure("\(source): not a JSON object with string fields \"id\" and \"text\"")
    }
    do {
        let document = try Document(id: record.id, data: Data(record.text.utf8), source: source)
        return .document(document, source: source, bytes: data.count)
    } catch {
        return .failure("\(error)")
    }
}

/// Reads files at once, in input order.
func loadFiles(_ paths: [String]) -> [LoadedInput] {
    parallelMap(paths, workers: paths.count, loadFile)
}

/// `N/TOTAL files, R MB/s` on standard error while a long run goes on,
/// when standard error is a terminal.
final class Progress {
    private let total: Int?
    private let enabled: Bool
    private let start = Date()
    private var shown = false
    private(set) var files = 0
    private(set) var bytes = 0

    /// - Parameter total: the number of documents, when known in advance.
    init(total: Int?) {
        self.total = total
        enabled = Console.errorIsTerminal
    }

    func advance(files: Int, bytes: Int) {
        self.files += files
        self.bytes += bytes
        guard enabled, files > 0, (total ?? self.files) > 20 else { return }
        let seconds = max(Date().timeIntervalSince(start), 0.001)
        let rate = String(format: "%.1f", Double(self.bytes) / 1_000_000 / seconds)
        let count = total.map { "\(self.files)/\($0)" } ?? "\(self.files)"
        Console.write("\r\(count) files, \(rate) MB/s\u{1B}[K")
        shown = true
    }

    /// Clears the progress line so a message starts on a clean line.
    func clear() {
        guard shown else { return }
        Console.write("\r\u{1B}[K")
        shown = false
    }

    /// Leaves the last count on its own line.
    func finish() {
        guard shown else { return }
        Console.write("\n")
        shown = false
    }
}
