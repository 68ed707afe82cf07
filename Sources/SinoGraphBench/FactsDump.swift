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

import SinoTokenizer

/// `words TEXT`: the extraction tokenizer's words with their tags.
enum WordsDump {
    static func run(_ arguments: [String]) throws {
        let tokenizer = Tokenizer(lexicon: try KnowledgeBase.builtIn().lexicon, options: .extraction)
        for text in arguments {
            print(tokenizer.tokenize(text, mode: .forward).map { token in
                token.tags.isEmpty ? String(token.text) : "\(token.text)/\(token.tags.joined(separator: ","))"
            }.joined(separator: " "))
        }
    }
}

/// `events PATH...`: each event with the sentence that states it.
enum EventsDump {
    static func run(_ paths: [String]) throws {
        let extractor = try Extractor()
        for path in paths {
            let result = try extractor.extract(try Document(contentsOf: URL(fileURLWithPath: path)))
            for event in result.graph.events {
                print(event.id, event.status.rawValue, event.areas, "|", event.evidence.first?.sentence ?? "")
            }
        }
    }
}
