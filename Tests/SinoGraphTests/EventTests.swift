import Foundation
import Testing
@testable import SinoGraph

@Suite struct ProbeTests {
    @Test func probeDump() throws {
        let extractor = try Extractor()
        let dir = URL(fileURLWithPath: "/tmp/probe/in")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        for name in files.sorted() where name.hasSuffix(".txt") {
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            let result = try extractor.extract(Document(id: "t", text: text))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var out = String(decoding: try encoder.encode(result.facts), as: UTF8.self)
            out += "\n=== GRAPH\n"
            for e in result.graph.entities {
                let scalars = Array(text.unicodeScalars)
                let ev = e.evidence.map { ev -> String in
                    let s = ev.start >= 0 && ev.end <= scalars.count && ev.start <= ev.end
                        ? String(String.UnicodeScalarView(scalars[ev.start..<ev.end])) : "OUT"
                    return "\(ev.start)-\(ev.end)'\(s)'"
                }
                out += "E \(e.id) name=\(e.name) latin=\(e.latin ?? "-") c=\(e.country ?? "-") al=\(e.aliases) t=\(e.titles) ev=\(ev)\n"
            }
            for ev in result.graph.events {
                out += "V \(ev.kind) \(ev.status) date=\(ev.date?.description ?? "-") end=\(ev.endDate?.description ?? "-") place=\(ev.place ?? "-") mode=\(ev.mode?.rawValue ?? "-") title=\(ev.title ?? "-") areas=\(ev.areas) parts=\(ev.participants.map { "\($0.entity)/\($0.role)" })\n"
            }
            for r in result.graph.relations {
                out += "R \(r.id) areas=\(r.areas)\n"
            }
            try out.write(toFile: "/tmp/probe/out/" + name, atomically: true, encoding: .utf8)
        }
    }
}
