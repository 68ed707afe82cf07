import Foundation
@testable import SinoGraph

/// The package's root directory: the tests read the bundled fixtures and
/// resources from it.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The bundled fixture documents, read, in path order.
func fixtureDocuments() throws -> [Document] {
    try FileManager.default.contentsOfDirectory(at: packageRoot.appendingPathComponent("Fixtures/documents"),
                                                includingPropertiesForKeys: nil)
        .sorted { $0.path < $1.path }.map { try Document(contentsOf: $0) }
}

extension Extractor {
    /// `text` read and analysed as extraction does it, for tests of the
    /// stages after reading.
    func analyzed(_ text: String, id: String = "t") throws -> AnalyzedText {
        AnalyzedText(clean: try DocumentReader.read(Document(id: id, text: text)), tokenizer: tokenizer,
                     entryTags: knowledge.entryTags)
    }

    /// The recognition of `text`, with the analysed text it was made from.
    func recognized(_ text: String) throws -> (Recognition, AnalyzedText) {
        let analyzed = try analyzed(text, id: "s")
        return (EntityRecognizer(knowledge: knowledge, text: analyzed).recognize(), analyzed)
    }
}

extension AnalyzedText {
    /// The analysed offsets where `form` is written.
    func offsets(of form: String) -> [Int] {
        let needle = Array(form.unicodeScalars)
        guard needle.count <= scalars.count else { return [] }
        return (0 ... scalars.count - needle.count).filter { Array(scalars[$0 ..< $0 + needle.count]) == needle }
    }
}
