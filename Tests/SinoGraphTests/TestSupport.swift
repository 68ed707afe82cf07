@testable import SinoGraph

extension Extractor {
    /// `text` read and analysed as extraction does it, for tests of the
    /// stages after reading.
    func analyzed(_ text: String, id: String = "t") throws -> AnalyzedText {
        AnalyzedText(clean: try DocumentReader.read(Document(id: id, text: text)), tokenizer: tokenizer,
                     entryTags: knowledge.entryTags)
    }
}
