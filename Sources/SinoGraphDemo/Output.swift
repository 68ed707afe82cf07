import Foundation
import SinoGraph
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes collected in memory and written to a file descriptor in large
/// blocks: the tokenizer prints one short line per input line, and a
/// system call per line would cost more than the tokenizing.
struct BufferedWriter {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let capacity: Int

    init(descriptor: Int32 = 1, capacity: Int = 64 * 1024) {
        self.descriptor = descriptor
        self.capacity = capacity
        buffer.reserveCapacity(capacity + 4096)
    }

    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { flush() }
    }

    mutating func write(_ bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { flush() }
    }

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { flush() }
    }

    mutating func write(byte: UInt8) {
        buffer.append(byte)
        if buffer.count >= capacity { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        writeAll(descriptor, buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Writes every byte, retrying after interrupts and partial writes. A
/// closed pipe ends the process through SIGPIPE, as `head` expects.
func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) {
    bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
            let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}

/// Standard output as text, unbuffered beyond the caller's own strings.
func printOut(_ text: String) {
    writeAll(1, Array(text.utf8))
}

/// Standard error, where diagnostics and progress go.
enum Console {
    /// Whether standard error is a terminal (progress is shown only then).
    static var errorIsTerminal: Bool { isatty(2) != 0 }

    /// Prints `sinograph: message` on standard error.
    static func error(_ message: String) {
        writeAll(2, Array("sinograph: \(message)\n".utf8))
    }

    /// Prints `text` on standard error as it is.
    static func write(_ text: String) {
        writeAll(2, Array(text.utf8))
    }
}

// MARK: Terminal columns

/// The number of terminal columns `text` takes: East Asian wide and
/// full-width characters take two, combining marks and format characters
/// none, everything else one.
func displayWidth(_ text: some StringProtocol) -> Int {
    var width = 0
    for scalar in text.unicodeScalars { width += columns(of: scalar) }
    return width
}

private func columns(of scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x300 { return value < 0x20 || value == 0x7F ? 0 : 1 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if value == 0x200B { return 0 }
    // The wide (W) and full-width (F) ranges of Unicode's EastAsianWidth.txt,
    // condensed: Hangul jamo, CJK punctuation to Yi, Hangul syllables,
    // compatibility ideographs, vertical and small forms, full-width forms,
    // emoji and pictographs, and the supplementary ideograph planes.
    switch value {
    case 0x1100 ... 0x115F, 0x231A ... 0x231B, 0x2329 ... 0x232A, 0x23E9 ... 0x23EC, 0x23F0, 0x23F3,
         0x25FD ... 0x25FE, 0x2614 ... 0x2615, 0x2648 ... 0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA ... 0x26AB,
         0x26BD ... 0x26BE, 0x26C4 ... 0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2 ... 0x26F3, 0x26F5, 0x26FA,
         0x26FD, 0x2705, 0x270A ... 0x270B, 0x2728, 0x274C, 0x274E, 0x2753 ... 0x2755, 0x2757,
         0x2795 ... 0x2797, 0x27B0, 0x27BF, 0x2B1B ... 0x2B1C, 0x2B50, 0x2B55,
         0x2E80 ... 0x303E, 0x3041 ... 0x33FF, 0x3400 ... 0x4DBF, 0x4E00 ... 0x9FFF, 0xA000 ... 0xA4CF,
         0xA960 ... 0xA97F, 0xAC00 ... 0xD7A3, 0xF900 ... 0xFAFF, 0xFE10 ... 0xFE19, 0xFE30 ... 0xFE6F,
         0xFF00 ... 0xFF60, 0xFFE0 ... 0xFFE6,
         0x16FE0 ... 0x16FE4, 0x17000 ... 0x18CFF, 0x1B000 ... 0x1B2FF, 0x1F004, 0x1F0CF, 0x1F18E,
         0x1F191 ... 0x1F19A, 0x1F200 ... 0x1F251, 0x1F300 ... 0x1F64F, 0x1F680 ... 0x1F6FF,
         0x1F7E0 ... 0x1F7EB, 0x1F90C ... 0x1F9FF, 0x1FA70 ... 0x1FAFF, 0x20000 ... 0x3FFFD:
        return 2
    default:
        return 1
    }
}

/// `text` followed by spaces up to `width` terminal columns.
func padded(_ text: String, to width: Int) -> String {
    let missing = width - displayWidth(text)
    return missing > 0 ? text + String(repeating: " ", count: missing) : text
}

/// `text` preceded by spaces up to `width` terminal columns.
func leftPadded(_ text: String, to width: Int) -> String {
    let missing = width - displayWidth(text)
    return missing > 0 ? String(repeating: " ", count: missing) + text : text
}

/// Rows laid out in columns separated by two spaces; the last column is
/// not padded, so lines carry no trailing blanks. Columns listed in
/// `rightAligned` (numbers) are aligned to the right.
func layOut(_ rows: [[String]], indent: String = "", rightAligned: Set<Int> = []) -> String {
    let columnCount = rows.map(\.count).max() ?? 0
    var widths = Array(repeating: 0, count: columnCount)
    for row in rows {
        for (index, cell) in row.enumerated() { widths[index] = max(widths[index], displayWidth(cell)) }
    }
    var output = ""
    for row in rows {
        var cells: [String] = []
        for (index, cell) in row.enumerated() {
            if rightAligned.contains(index) {
                cells.append(leftPadded(cell, to: widths[index]))
            } else if index == row.count - 1 {
                cells.append(cell)
            } else {
                cells.append(padded(cell, to: widths[index]))
            }
        }
        var line = indent + cells.joined(separator: "  ")
        while line.last == " " { line.removeLast() }
        output += line + "\n"
    }
    return output
}

/// `value` with three decimals.
func decimal(_ value: Double) -> String { String(format: "%.3f", value) }

/// Graphs folded as they arrive. Merged graphs of 1, 2, 4, ... inputs are
/// kept like the digits of a binary counter, so each element is merged
/// O(log n) times, and only the merged graphs stay in memory, not every
/// fragment.
struct GraphFold {
    private var levels: [Graph?] = []

    mutating func add(_ graphs: [Graph]) {
        guard !graphs.isEmpty else { return }
        var carry = Graph.merging(graphs)
        var level = 0
        while level < levels.count, let existing = levels[level] {
            carry = existing.merged(with: carry)
            levels[level] = nil
            level += 1
        }
        if level == levels.count { levels.append(carry) } else { levels[level] = carry }
    }

    func result() -> Graph {
        Graph.merging(levels.compactMap { $0 })
    }
}

/// The formats a single merged graph is written in.
enum MergedFormat {
    case table, json, jsonl, dot, graphml
}

/// Writes one merged graph, for `extract` (json, dot, graphml, `--merge`)
/// and for `merge`.
func writeMerged(_ graph: Graph, as format: MergedFormat, to writer: inout BufferedWriter) throws {
    switch format {
    case .table:
        let count = graph.documents.count
        writer.write(GraphTable.render(graph, heading: "\(count) document\(count == 1 ? "" : "s"), merged"))
    case .json:
        writer.write(try graph.jsonData())
        writer.write(byte: 0x0A)
    case .jsonl:
        writer.write(graph.jsonLinesData())
    case .dot:
        writer.write(graph.dot())
    case .graphml:
        writer.write(graph.graphML())
    }
}
