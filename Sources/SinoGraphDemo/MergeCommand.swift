import Foundation
import SinoGraph

/// `sinograph merge`: JSON graph fragments in, one graph out.
enum MergeCommand {
    static let usage = """
        usage: sinograph merge [--format json|jsonl|dot|graphml|table] FILE... | -

        Folds JSON graphs, the output of `sinograph extract --format json`, into one
        graph: entities, events and relations with equal ids merge, so the result is
        the graph one `extract` run over all the documents would give. A FILE holds
        one graph, or several graphs one per line (compact JSON, as per-partition
        runs and `jq -c` write them); `-` reads standard input the same way.

        options:
          --format F       json    one JSON graph, which merge reads back (default)
                           jsonl   JSON Lines records of the merged graph
                           dot     one GraphViz graph
                           graphml one GraphML graph
                           table   entities and a timeline of events, for people
          -h, --help       show this help

        A file, or a line of a file of graphs, that is not a JSON graph is reported
        on standard error and skipped; the exit status is then 1.

        """

    enum Format: String, CaseIterable {
        case json, jsonl, dot, graphml, table

        var graphFormat: MergedFormat {
            switch self {
            case .json: .json
            case .jsonl: .jsonl
            case .dot: .dot
            case .graphml: .graphml
            case .table: .table
            }
        }
    }

    static func run(_ arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, flags: [], options: ["--format"])
        let format = try parsed.choice("--format", Dictionary(uniqueKeysWithValues: Format.allCases.map { ($0.rawValue, $0) }),
                                       default: .json)
        guard !parsed.operands.isEmpty else { throw UsageError(message: "no FILE given (use - for standard input)") }
        if parsed.operands.filter({ $0 == "-" }).count > 1 {
            throw UsageError(message: "- given more than once: standard input can be read only once")
        }

        var fold = GraphFold()
        var failed = false
        for operand in parsed.operands {
            let source = operand == "-" ? "stdin" : operand
            let data: Data
            switch readFragment(operand) {
            case .success(let bytes):
                data = bytes
            case .failure(let message):
                failed = true
                Console.error(message.text)
                continue
            }
            let fragment = FragmentReader.graphs(in: data, source: source)
            for message in fragment.failures {
                failed = true
                Console.error(message)
            }
            fold.add(fragment.graphs)
        }

        let merged = fold.result()
        var writer = BufferedWriter()
        do {
            try writeMerged(merged, as: format.graphFormat, to: &writer)
        } catch {
            Console.error("cannot write the output: \(error)")
            return 1
        }
        writer.flush()
        return failed ? 1 : 0
    }

    /// A message for standard error, as an error so it fits in a `Result`.
    struct Message: Error {
        var text: String
    }

    /// The bytes of a file, or of standard input for `-`.
    static func readFragment(_ operand: String) -> Result<Data, Message> {
        if operand == "-" { return .success(FileHandle.standardInput.readDataToEndOfFile()) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: operand, isDirectory: &isDirectory) else {
            return .failure(Message(text: "\(operand): no such file or directory"))
        }
        if isDirectory.boolValue {
            return .failure(Message(text: "\(operand): is a directory; give the fragment files (e.g. \(operand)/*.json)"))
        }
        do {
            return .success(try Data(contentsOf: URL(fileURLWithPath: operand)))
        } catch {
            return .failure(Message(text: "\(operand): cannot read: \(error.localizedDescription)"))
        }
    }
}

/// Reads the graphs of one fragment: the whole input as one graph, or
/// else one graph per line.
enum FragmentReader {
    /// The graphs in `data` and a message for each part that is not one.
    ///
    /// The input is line mode only when at least one line decodes on its own;
    /// otherwise a broken pretty-printed graph would be blamed line by line,
    /// and the message names the whole input instead.
    static func graphs(in data: Data, source: String) -> (graphs: [Graph], failures: [String]) {
        let firstError: Error
        do {
            return ([try Graph.decode(json: data)], [])
        } catch {
            firstError = error
        }

        var graphs: [Graph] = []
        var failures: [String] = []
        var lines = 0
        var firstLine: Data?
        forEachLine(of: data) { line, number in
            lines += 1
            if firstLine == nil { firstLine = line }
            do {
                graphs.append(try Graph.decode(json: line))
            } catch {
                failures.append("\(source):\(number): \(reason(error, in: line))")
            }
        }
        if lines == 0 { return ([], ["\(source): empty, no graph"]) }
        if graphs.isEmpty {
            if let firstLine, isJSONLinesRecord(firstLine) {
                return ([], ["\(source): JSON Lines records (extract --format jsonl), not a graph; "
                    + "merge reads the output of extract --format json"])
            }
            return ([], ["\(source): \(reason(firstError, in: data))"])
        }
        return (graphs, failures)
    }

    /// Calls `body` with each line that is not blank, without its `\n` or
    /// `\r\n`, and its 1-based number.
    private static func forEachLine(of data: Data, _ body: (Data, Int) -> Void) {
        let bytes = [UInt8](data)
        var start = 0
        var number = 0
        while start < bytes.count {
            number += 1
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let next = end + 1
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            let line = bytes[start ..< end]
            if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { body(Data(line), number) }
            start = next
        }
    }

    /// Whether `line` is a record of `extract --format jsonl`, which has a
    /// `record` field and is not a graph.
    private static func isJSONLinesRecord(_ line: Data) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else { return false }
        return object["record"] is String
    }

    /// Why `data` is not a graph, in one line.
    static func reason(_ error: Error, in data: Data) -> String {
        guard let error = error as? DecodingError else { return "not a JSON graph: \(error)" }
        switch error {
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return "not valid JSON" + (syntaxError(in: data).map { " (\($0))" } ?? "")
            }
            return "not a graph: \(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            let place = context.codingPath.isEmpty ? "" : " in \(path(context.codingPath))"
            return "not a graph: no \"\(key.stringValue)\"\(place)"
        case .typeMismatch(let type, let context):
            return "not a graph: \(path(context.codingPath)) is not \(description(of: type))"
        case .valueNotFound(let type, let context):
            return "not a graph: \(path(context.codingPath)) is null, expected \(description(of: type))"
        @unknown default:
            return "not a graph: \(error)"
        }
    }

    /// Where the JSON breaks (`Unexpected end of file during JSON parse.`):
    /// JSONDecoder does not say on every platform, JSONSerialization does.
    private static func syntaxError(in data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            return (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        }
    }

    /// `entities[3].evidence[0].start`
    private static func path(_ codingPath: [CodingKey]) -> String {
        guard !codingPath.isEmpty else { return "the top level" }
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }

    private static func description(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "a whole number"
        case is [Any].Type: "an array"
        case is [String: Any].Type: "an object"
        default: "\(type)"
        }
    }
}
