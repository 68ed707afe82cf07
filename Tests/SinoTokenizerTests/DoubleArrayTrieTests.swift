import Testing
import SinoEvaluation
@testable import SinoTokenizer

/// The double array against a naive matcher over a `Set`, on seeded random
/// dictionaries and texts.
@Suite struct DoubleArrayTrieTests {
    /// Random words over a small alphabet, so that prefixes collide often.
    static func randomLexicon(seed: UInt64, words: Int, alphabet: [Character]) -> (Set<String>, Lexicon) {
        var generator = SplitMix64(seed: seed)
        var set = Set<String>()
        while set.count < words {
            let length = Int.random(in: 1...6, using: &generator)
            set.insert(String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        var builder = LexiconBuilder()
        for word in set.sorted() { builder.add(word) }
        return (set, builder.build())
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func longestMatchesAgreeWithNaiveMatcher(seed: UInt64) {
        let alphabet = Array("公安部长会见内务中俄古巴国家主席😀é")
        let (words, lexicon) = Self.randomLexicon(seed: seed, words: 400, alphabet: alphabet)
        var generator = SplitMix64(seed: seed &* 7919)
        let text = (0..<300).map { _ in String(alphabet.randomElement(using: &generator)!) }.joined()
        let scalars = text.unicodeScalars.map { String($0) }
        let codes = text.unicodeScalars.map { lexicon.alphabet.code($0.value) }
        codes.withUnsafeBufferPointer { codes in
            for start in 0..<scalars.count {
                var naiveAll: [Int] = []
                for end in start + 1 ... scalars.count where words.contains(scalars[start..<end].joined()) {
                    naiveAll.append(end - start)
                }
                var found: [Int] = []
                lexicon.forward.forEachPrefix(of: codes, from: start, limit: scalars.count) { length, value in
                    found.append(length)
                    #expect(lexicon.words[Int(value)] == scalars[start ..< start + length].joined())
                }
                #expect(found == naiveAll)
                #expect(lexicon.forward.longestPrefix(of: codes, from: start, limit: scalars.count).length == (naiveAll.last ?? 0))

                let end = start + 1
                var longest = 0
                for begin in 0..<end where words.contains(scalars[begin..<end].joined()) { longest = max(longest, end - begin) }
                let suffix = lexicon.backward.longestSuffix(of: codes, endingAt: end, floor: 0)
                #expect(suffix.length == longest)
                if suffix.length > 0 {
                    #expect(lexicon.words[Int(suffix.value)] == scalars[end - suffix.length ..< end].joined())
                }
            }
        }
        for word in words { #expect(lexicon.contains(word)) }
        #expect(lexicon.count == words.count)
        #expect(!lexicon.contains("不在词典"))
    }

    @Test func largeAlphabetBuildsAndFindsEveryWord() {
        var generator = SplitMix64(seed: 42)
        var words = Set<String>()
        while words.count < 5000 {
            let length = Int.random(in: 1...4, using: &generator)
            let scalars = (0..<length).map { _ in Character(Unicode.Scalar(UInt32.random(in: 0x4E00...0x5200, using: &generator))!) }
            words.insert(String(scalars))
        }
        var builder = LexiconBuilder()
        for word in words { builder.add(word) }
        let lexicon = builder.build()
        #expect(lexicon.count == words.count)
        #expect(words.allSatisfy { lexicon.contains($0) })
    }
}
