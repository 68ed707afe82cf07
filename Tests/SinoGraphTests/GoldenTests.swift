import Foundation
import Testing
@testable import SinoGraph

/// Golden dumps: the graph of one fixture and the demo's table over all
/// fixtures, compared with files in `Tests/SinoGraphTests/Golden/`. A
/// change in output then shows as a diff. After an intended change, run
/// `SINOGRAPH_UPDATE_GOLDEN=1 swift test --filter GoldenTests` and review
/// the diff of the golden files before committing them.
@Suite struct GoldenTests {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let root = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
    static let updating = ProcessInfo.processInfo.environment["SINOGRAPH_UPDATE_GOLDEN"] == "1"

    static func compare(_ actual: Data, golden name: String) throws {
        let url = testsFolder.appendingPathComponent("Golden/\(name)")
        if updating {
            try actual.write(to: url)
            return
        }
        let expected = try Data(contentsOf: url)
        if actual != expected {
            let actualLines = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }
            Issue.record("""
                \(name) differs from the golden file at line \((first?.offset ?? min(actualLines.count, expectedLines.count)) + 1):
                  golden: \(first.map { String($0.element.1) } ?? "(end)")
                  now:    \(first.map { String($0.element.0) } ?? "(end)")
                Regenerate with SINOGRAPH_UPDATE_GOLDEN=1 if the change is intended.
                """)
        }
    }

    @Test func graphOfAFixtureMatchesItsGoldenDump() throws {
        let document = try Document(contentsOf: Self.root.appendingPathComponent("Fixtures/documents/f02.md"))
        let graph = try Extractor().extract(document).graph
        try Self.compare(try graph.jsonData() + Data("\n".utf8), golden: "f02.graph.json")
    }

    @Test func demoTableOverTheFixturesMatchesItsGoldenDump() throws {
        let executable = Self.root.appendingPathComponent(".build/debug/sinograph")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            Issue.record("no .build/debug/sinograph: `swift test` builds it; run `swift build` first")
            return
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["extract", "Fixtures/documents"]
        process.currentDirectoryURL = Self.root
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        #expect(process.terminationStatus == 0)
        try Self.compare(try Data(contentsOf: output), golden: "fixtures.table.txt")
    }
}
