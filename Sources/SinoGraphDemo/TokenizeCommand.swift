import Foundation
import SinoGraph
import SinoTokenizer
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `sinograph tokenize`: one input line in, one line of space-separated
/// words out (the SIGHAN bakeoff format), streaming.
enum TokenizeCommand {
    static let usage = """
        usage: sinograph tokenize [--mode fmm|bmm|bimm|full] [--dict FILE]... [--no-builtin]
                                  [--no-rules] [--tags] [TEXT|-]...

        Cuts each input line into words and prints them separated by single spaces,
        one output line per input line; whitespace is dropped. TEXT is tokenized as
        given; `-` or no TEXT reads standard input line by line (invalid UTF-8 is
        replaced by U+FFFD).

        options:
          --mode MODE     fmm (forward), bmm (backward), bimm (both, the default) or
                          full (every dictionary word, overlapping)
          --dict FILE     add a jieba-format dictionary (`word [freq] [tag] [payload]`);
                          repeatable
          --no-builtin    use only the --dict files, not the built-in domain lexicon
          --no-rules      pure dictionary matching: no number, Latin or name rules,
                          no traditional/full-width folding
          --tags          one token a line: text, kind, tags (or -), start-end in
                          Unicode scalars within the line; a blank line between lines
          -h, --help      show this help

        """

    static func run(_ arguments: [String]) throws -> Int32 {
        let parsed = try Arguments(arguments, flags: ["--no-builtin", "--no-rules", "--tags"],
                                   options: ["--mode", "--dict"])
        let mode = try parsed.choice("--mode", ["fmm": SegmentationMode.forward, "bmm": .backward,
                                                "bimm": .bidirectional, "full": .full], default: .bidirectional)
        let lexicon: Lexicon
        do {
            let base = parsed.has("--no-builtin") ? Lexicon.empty : try KnowledgeBase.builtIn().lexicon
            if parsed.all("--dict").isEmpty {
                lexicon = base
            } else {
                var builder = LexiconBuilder(base)
                for path in parsed.all("--dict") {
                    try builder.addDictionary(at: URL(fileURLWithPath: path))
                }
                lexicon = builder.build()
            }
        } catch {
            Console.error("\(error)")
            return 1
        }
        let options: Tokenizer.Options = parsed.has("--no-rules") ? .dictionaryOnly : .extraction
        var printer = TokenPrinter(tokenizer: Tokenizer(lexicon: lexicon, options: options), mode: mode,
                                   tags: parsed.has("--tags"))
        let inputs = parsed.operands.isEmpty ? ["-"] : parsed.operands
        for input in inputs {
            if input == "-" && !parsed.has("--tags") {
                // Whole blocks of lines at a time, one per core, written in
                // input order: memory stays bounded by a few blocks.
                let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
                var batch: [[UInt8]] = []
                func flush() {
                    for output in TokenPrinter.render(blocks: batch, tokenizer: printer.tokenizer, mode: mode) {
                        printer.write(output)
                    }
                    batch.removeAll(keepingCapacity: true)
                }
                LineReader(descriptor: 0).forEachBlock { block in
                    batch.append(Array(block))
                    if batch.count == workers { flush() }
                }
                flush()
            } else if input == "-" {
                LineReader(descriptor: 0).forEachLine { printer.print(line: $0) }
            } else {
                for line in input.split(separator: "\n", omittingEmptySubsequences: false) {
                    var bytes = Array(line.utf8)
                    if bytes.last == 0x0D { bytes.removeLast() }
                    bytes.withUnsafeBufferPointer { printer.print(line: $0) }
                }
            }
        }
        printer.finish()
        return 0
    }
}

/// Tokenizes lines and writes the result through a buffer, copying each
/// token's bytes out of the line by its UTF-8 range rather than making a
/// string per token.
struct TokenPrinter {
    let tokenizer: Tokenizer
    let mode: SegmentationMode
    let tags: Bool
    private var writer = BufferedWriter()
    private var linesPrinted = 0

    init(tokenizer: Tokenizer, mode: SegmentationMode, tags: Bool) {
        self.tokenizer = tokenizer
        self.mode = mode
        self.tags = tags
    }

    mutating func print(line: UnsafeBufferPointer<UInt8>) {
        let tokens = tokenizer.tokenize(String(decoding: line, as: UTF8.self), mode: mode)
        // The tokenizer's own copy of the text: the same bytes as the line,
        // except where invalid UTF-8 was replaced.
        var text = tokens.text
        text.makeContiguousUTF8()
        text.utf8.withContiguousStorageIfAvailable { bytes in
            if tags {
                if linesPrinted > 0 { writer.write(byte: 0x0A) }
                for token in tokens where token.kind != .whitespace {
                    writer.write(UnsafeBufferPointer(rebasing: bytes[token.utf8Range]))
                    writer.write(byte: 0x09)
                    writer.write(token.kind.rawValue)
                    writer.write(byte: 0x09)
                    let tags = token.tags
                    writer.write(tags.isEmpty ? "-" : tags.joined(separator: ","))
                    writer.write(byte: 0x09)
                    writer.write("\(token.scalarRange.lowerBound)-\(token.scalarRange.upperBound)\n")
                }
            } else {
                var first = true
                tokens.forEachUTF8Range { range, kind in
                    guard kind != .whitespace else { return }
                    if !first { writer.write(byte: 0x20) }
                    first = false
                    writer.write(UnsafeBufferPointer(rebasing: bytes[range]))
                }
                writer.write(byte: 0x0A)
            }
        }
        linesPrinted += 1
    }

    mutating func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { writer.write($0) }
    }

    /// The output of several blocks of whole lines (each ending in `\n`,
    /// but perhaps the last), tokenized in parallel, in order: the same
    /// bytes as printing their lines one by one.
    static func render(blocks: [[UInt8]], tokenizer: Tokenizer, mode: SegmentationMode) -> [[UInt8]] {
        parallelMap(blocks, workers: blocks.count) { block in
            block.withUnsafeBufferPointer { render(block: $0, tokenizer: tokenizer, mode: mode) }
        }
    }

    static func render(block: UnsafeBufferPointer<UInt8>, tokenizer: Tokenizer, mode: SegmentationMode) -> [UInt8] {
        let tokens = tokenizer.tokenize(String(decoding: block, as: UTF8.self), mode: mode)
        var text = tokens.text
        text.makeContiguousUTF8()
        var out: [UInt8] = []
        out.reserveCapacity(block.count + block.count / 3)
        text.utf8.withContiguousStorageIfAvailable { bytes in
            var first = true
            var endsWithNewline = false
            tokens.forEachUTF8Range { range, kind in
                if kind == .whitespace {
                    for byte in bytes[range] where byte == 0x0A {
                        out.append(0x0A)
                        first = true
                    }
                    endsWithNewline = bytes[range.upperBound - 1] == 0x0A
                    return
                }
                if !first { out.append(0x20) }
                first = false
                endsWithNewline = false
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
            }
            if !endsWithNewline && !bytes.isEmpty { out.append(0x0A) }
        }
        return out
    }

    mutating func finish() { writer.flush() }
}

/// Reads a file descriptor in 64 KB blocks and hands out its lines without
/// the `\n` (and a `\r` before it), so input of any size streams through
/// in constant memory.
struct LineReader {
    let descriptor: Int32

    /// Hands out blocks of about 256 KB that end at a line break (a longer
    /// line comes whole), so callers can work on many lines at once.
    func forEachBlock(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let blockSize = 256 * 1024
        var buffer = [UInt8](repeating: 0, count: blockSize)
        var filled = 0
        while true {
            if filled == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 {
                if errno == EINTR { continue }
                Console.error("standard input: \(String(cString: strerror(errno)))")
                break
            }
            if count == 0 { break }
            filled += count
            guard let lastNewline = buffer[..<filled].lastIndex(of: 0x0A) else { continue }
            buffer.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[...lastNewline])) }
            let rest = filled - (lastNewline + 1)
            buffer.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: $0.baseAddress! + lastNewline + 1, count: rest) }
            filled = rest
        }
        if filled > 0 { buffer.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[..<filled])) } }
    }

    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let blockSize = 64 * 1024
        var pending: [UInt8] = []
        var block = [UInt8](repeating: 0, count: blockSize)
        func emit(_ line: UnsafeBufferPointer<UInt8>) {
            if let last = line.last, last == 0x0D {
                body(UnsafeBufferPointer(rebasing: line.dropLast()))
            } else {
                body(line)
            }
        }
        while true {
            let count = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, blockSize) }
            if count < 0 {
                if errno == EINTR { continue }
                Console.error("standard input: \(String(cString: strerror(errno)))")
                break
            }
            if count == 0 { break }
            block.withUnsafeBufferPointer { buffer in
                let chunk = UnsafeBufferPointer(rebasing: buffer[..<count])
                var start = 0
                while let newline = chunk[start...].firstIndex(of: 0x0A) {
                    if pending.isEmpty {
                        emit(UnsafeBufferPointer(rebasing: chunk[start ..< newline]))
                    } else {
                        pending.append(contentsOf: chunk[start ..< newline])
                        pending.withUnsafeBufferPointer { emit($0) }
                        pending.removeAll(keepingCapacity: true)
                    }
                    start = newline + 1
                }
                pending.append(contentsOf: chunk[start...])
            }
        }
        if !pending.isEmpty { pending.withUnsafeBufferPointer { emit($0) } }
    }
}
