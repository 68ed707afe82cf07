import Foundation
import SinoGraph

/// `facts PATH...`: the facts of each file, one JSON line each (for
/// inspecting the extractor beside the gold files).
enum FactsDump {
    static func run(_ paths: [String]) throws {
        let extractor = try Extractor()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for path in paths {
            let document = try Document(contentsOf: URL(fileURLWithPath: path))
            let result = try extractor.extract(document)
            print(String(decoding: try encoder.encode(result.facts), as: UTF8.self))
        }
    }
}
