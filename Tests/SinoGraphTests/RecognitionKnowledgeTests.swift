import Testing
@testable import SinoGraph

/// The knowledge's tables answer as the collections they replace.
@Suite struct RecognitionKnowledgeTests {
    /// `countries[code]` finds what a `[String: CountryInfo]` of the same
    /// rows finds, for the codes, near misses, and keys that are `==` to a
    /// code without its bytes (the Kelvin sign `\u{212A}` is `K`).
    @Test func countryLookupsAnswerAsADictionary() throws {
        let knowledge = try KnowledgeBase.builtIn()
        let countries = knowledge.countries
        let dictionary = Dictionary(uniqueKeysWithValues: countries.values.map { ($0.code, $0) })
        #expect(dictionary.count == countries.count)
        var probes = ["", "K", "\u{212A}R", "CN-XJ", "CN\0", "cn", "CNX", "ABCDEFGH", "中国", "C\u{0301}N"]
        for code in dictionary.keys {
            probes += [code, code.lowercased(), code + "\0", code + "X", String(code.dropLast()),
                       code.replacingOccurrences(of: "K", with: "\u{212A}")]
        }
        for probe in probes {
            #expect(countries[probe] === dictionary[probe], "\(probe.unicodeScalars.map(\.value))")
        }
        // The Kelvin sign spells a code that `==` matches: found, as the dictionary finds it.
        let withK = try #require(dictionary.keys.first { $0.contains("K") })
        #expect(countries[withK.replacingOccurrences(of: "K", with: "\u{212A}")]?.code == withK)
    }

    /// Copies of a knowledge base share its tables, and `adding` leaves the
    /// original as it was.
    @Test func addingLeavesTheOriginal() throws {
        let knowledge = try KnowledgeBase.builtIn()
        let added = try knowledge.adding(.countries, text: "ZZ\t测试国\t-\tTestland\t-\t-\tcountry\n")
        #expect(knowledge.countries["ZZ"] == nil)
        #expect(added.countries["ZZ"]?.name == "测试国")
        #expect(added.countries.count == knowledge.countries.count + 1)
        #expect(added.lexicon.entries(for: "测试国").contains { $0.payload == "ZZ" })
        #expect(!knowledge.lexicon.entries(for: "测试国").contains { $0.payload == "ZZ" })
    }
}
