import Foundation
import Testing
import SinoGraph

/// What a run of `sinograph` printed and how it exited.
private struct Run {
    var status: Int32
    var output: String
    var error: String
}

/// The built `sinograph` executable. `swift test` builds every product
/// first, so it is next to the test bundle or under `.build/debug`.
private func sinographExecutable() -> URL? {
    var candidates = [packageRoot.appendingPathComponent(".build/debug/sinograph")]
    // The products directory: the bundle itself on Linux, its parent for a macOS `.xctest` bundle.
    let bundle = Bundle.main.bundleURL
    candidates += [bundle.appendingPathComponent("sinograph"),
                   bundle.deletingLastPathComponent().appendingPathComponent("sinograph")]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}

/// Runs `sinograph` with `arguments`, standard input from `input`; output
/// goes through files so a large output cannot block the child.
private func sinograph(_ arguments: [String], input: String? = nil) throws -> Run? {
    guard let executable = sinographExecutable() else {
        Issue.record("the sinograph executable was not found under .build/debug or next to the test bundle; build it with `swift build`")
        return nil
    }
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let outURL = directory.appendingPathComponent("stdout"), errURL = directory.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let outHandle = try FileHandle(forWritingTo: outURL), errHandle = try FileHandle(forWritingTo: errURL)
    process.standardOutput = outHandle
    process.standardError = errHandle
    if let input {
        let inURL = directory.appendingPathComponent("stdin")
        try Data(input.utf8).write(to: inURL)
        process.standardInput = try FileHandle(forReadingFrom: inURL)
    } else {
        process.standardInput = FileHandle.nullDevice
    }
    try process.run()
    process.waitUntilExit()
    try outHandle.close()
    try errHandle.close()
    return Run(status: process.terminationStatus,
               output: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
               error: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}

private func temporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("DemoTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}

/// A dictionary where forward and backward matching disagree on 研究生命起源.
private let ambiguousDictionary = "研究 120 v\n研究生 30 n\n生命 80 n\n命 10\n起源 40 n\n"

@Test func tokenizeWithOnlyAUserDictionaryPicksTheBidirectionalCut() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let dictionary = directory.appendingPathComponent("user.dict")
    try Data(ambiguousDictionary.utf8).write(to: dictionary)

    guard let both = try sinograph(["tokenize", "--no-builtin", "--dict", dictionary.path, "研究生命起源"]) else { return }
    #expect(both.status == 0)
    #expect(both.output == "研究 生命 起源\n")

    guard let forward = try sinograph(["tokenize", "--no-builtin", "--dict", dictionary.path, "--mode", "fmm", "研究生命起源"])
    else { return }
    #expect(forward.output == "研究生 命 起源\n")
}

@Test func tokenizeStreamsStandardInputOneLineForOneLine() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let dictionary = directory.appendingPathComponent("user.dict")
    try Data(ambiguousDictionary.utf8).write(to: dictionary)

    // A CRLF line, an empty line, and a last line without a line break.
    guard let run = try sinograph(["tokenize", "--no-builtin", "--dict", dictionary.path, "-"],
                                  input: "研究生命\r\n\n起源 研究")
    else { return }
    #expect(run.status == 0)
    #expect(run.output == "研究 生命\n\n起源 研究\n")

    guard let tagged = try sinograph(["tokenize", "--no-builtin", "--dict", dictionary.path, "--tags", "-"],
                                     input: "生命起源\n命")
    else { return }
    #expect(tagged.output == "生命\tword\tn\t0-2\n起源\tword\tn\t2-4\n\n命\tword\t-\t0-1\n")
}

@Test func tokenizeNamesTheFileAndLineOfABadDictionary() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let dictionary = directory.appendingPathComponent("broken.dict")
    try Data("研究 120 v\n生命 八十 n 多余 字段\n".utf8).write(to: dictionary)

    guard let run = try sinograph(["tokenize", "--no-builtin", "--dict", dictionary.path, "研究生命"]) else { return }
    #expect(run.status == 1)
    #expect(run.error.contains("broken.dict:2"))
    #expect(run.output.isEmpty)
}

@Test func extractReportsABadFileAndStillPrintsTheGoodOne() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try Data("2023年4月2日，公安部部长赵立新在上海会见法国内政部长马丁。".utf8)
        .write(to: directory.appendingPathComponent("good.txt"))
    try Data([0xE5, 0x8C, 0x97, 0x0A, 0xC3, 0x28, 0xFF]).write(to: directory.appendingPathComponent("broken.md"))

    guard let run = try sinograph(["extract", "--format", "facts", directory.path]) else { return }
    #expect(run.status == 1)
    let lines = run.output.split(separator: "\n")
    #expect(lines.count == 1)
    if let line = lines.first {
        let facts = try JSONDecoder().decode(Facts.self, from: Data(line.utf8))
        #expect(facts.doc == "good")
        // The gold files' key order, not JSONEncoder's.
        #expect(line.hasPrefix(#"{"doc":"good","documentDate":"#))
    }
    #expect(run.error.contains("broken.md"))
    #expect(run.error.contains("invalid UTF-8"))
}

@Test func extractReadsJSONLinesAndNamesTheBadLine() throws {
    let input = #"""
        {"id": "一", "text": "外交部长赵立新在巴黎会见马丁。"}
        {"id": "二"}
        {"id": "三", "text": "赵立新表示，双方将加强合作。"}
        """#
    guard let run = try sinograph(["extract", "--format", "facts", "--jsonl-input", "-"], input: input) else { return }
    #expect(run.status == 1)
    let ids = try run.output.split(separator: "\n").map { try JSONDecoder().decode(Facts.self, from: Data($0.utf8)).doc }
    #expect(ids == ["一", "三"])
    #expect(run.error.contains("stdin:2"))
}

@Test func usageErrorsExitWithStatusTwo() throws {
    guard let unknown = try sinograph(["extract", "--no-such-option", "x.txt"]) else { return }
    #expect(unknown.status == 2)
    #expect(unknown.error.contains("--no-such-option"))
    #expect(unknown.error.contains("usage: sinograph extract"))

    guard let missing = try sinograph(["tokenize", "--dict"]) else { return }
    #expect(missing.status == 2)

    guard let help = try sinograph(["evaluate", "--help"]) else { return }
    #expect(help.status == 0)
    #expect(help.output.hasPrefix("usage: sinograph evaluate"))
}

@Test func mergeOfFragmentsEqualsOneExtractionOverAllDocuments() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let first = directory.appendingPathComponent("a.txt"), second = directory.appendingPathComponent("b.txt")
    try Data("2024年3月1日，公安部部长王小洪在北京会见老挝公安部部长维莱·蓬萨万。".utf8).write(to: first)
    try Data("2024年3月2日，王小洪在北京会见俄罗斯内务部长科洛科利采夫，双方同意加强禁毒合作。".utf8).write(to: second)

    guard let whole = try sinograph(["extract", "--format", "json", first.path, second.path]),
          let a = try sinograph(["extract", "--format", "json", first.path]),
          let b = try sinograph(["extract", "--format", "json", second.path]) else { return }
    let fragmentA = directory.appendingPathComponent("a.json"), fragmentB = directory.appendingPathComponent("b.json")
    try Data(a.output.utf8).write(to: fragmentA)
    try Data(b.output.utf8).write(to: fragmentB)
    // The merge is order-independent: both orders give the single run's bytes.
    guard let merged = try sinograph(["merge", fragmentA.path, fragmentB.path]),
          let reversed = try sinograph(["merge", fragmentB.path, fragmentA.path]) else { return }
    #expect(merged.status == 0)
    #expect(merged.output == whole.output)
    #expect(reversed.output == whole.output)

    let broken = directory.appendingPathComponent("broken.json")
    try Data("{\"entities\": 3}".utf8).write(to: broken)
    guard let failing = try sinograph(["merge", fragmentA.path, broken.path]) else { return }
    #expect(failing.status == 1)
    #expect(failing.error.contains("broken.json"))
    #expect(failing.output == a.output)
}

@Test func extractStreamsTheSameJSONLinesInInputOrderWhateverTheThreadCount() throws {
    // More files than one chunk, with a bad one among them: workers take
    // documents as they free up, and the lines must still come in path order.
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let sentences = [
        "2023年4月2日，公安部部长赵立新在上海会见法国内政部长马丁。",
        "3月5日，国务委员王小洪在北京会见了俄罗斯内务部长科洛科利采夫，双方签署了《合作备忘录》。",
        "老挝公安部部长坎通·西萨万于6月11日访华。",
    ]
    for index in 0..<300 {
        let name = String(format: "d%03d.txt", index)
        let data = index == 150 ? Data([0xC3, 0x28]) : Data(String(repeating: sentences[index % 3], count: 1 + index % 4).utf8)
        try data.write(to: directory.appendingPathComponent(name))
    }
    guard let one = try sinograph(["extract", "--format", "jsonl", "--threads", "1", directory.path]),
          let three = try sinograph(["extract", "--format", "jsonl", "--threads", "3", directory.path]) else { return }
    #expect(one.status == 1 && three.status == 1)
    #expect(one.output == three.output)
    let documents = one.output.split(separator: "\n").filter { $0.contains(#""record":"document""#) }
    let expected = (0..<300).filter { $0 != 150 }.map { String(format: #"{"id":"d%03d","record":"document"}"#, $0) }
    #expect(documents.map(String.init) == expected)
    #expect(three.error.contains("d150.txt"))
}
