import SinoEvaluation
import Testing
@testable import SinoGraph

/// The knowledge tables and official records are `NameTable`s: it must
/// behave as a dictionary keyed by the names' bytes.
@Suite struct NameTableTests {
    @Test func behavesAsADictionaryByBytes() {
        var table = NameTable<Int>()
        var reference: [String: Int] = [:]
        var random = SplitMix64(seed: 17)
        let names = (0 ..< 300).map { index -> String in
            let scalars = (0 ..< Int(random.next() % 4) + 1).map { _ in Unicode.Scalar(0x4E00 + UInt32(random.next() % 40))! }
            return String(String.UnicodeScalarView(scalars)) + (index % 7 == 0 ? "·" : "")
        }
        for (step, name) in names.enumerated() {
            switch random.next() % 5 {
            case 0: table[name] = step; reference[name] = step
            case 4:
                // By index, as the recogniser changes its records in place.
                let index = table.index(of: name) { step }
                if reference[name] != nil { table[index] += 1 }
                reference[name] = (reference[name].map { $0 + 1 }) ?? step
                #expect(table.index(of: name) == index)
            case 1: table[name, default: 0] += step; reference[name, default: 0] += step
            case 2: table[name] = nil; reference[name] = nil
            default: #expect(table[name] == reference[name])
            }
        }
        #expect(table.count == reference.count)
        for (name, value) in reference {
            #expect(table.contains(name))
            #expect(table[name] == value)
        }
        #expect(Set(table.keys) == Set(reference.keys))
        #expect(table.values.sorted() == reference.values.sorted())
        // Insertion order: the keys come in the order they were first added.
        var ordered = NameTable<Int>()
        for name in ["王小洪", "country", "科洛科利采夫", "王小"] { ordered[name] = 1 }
        #expect(ordered.keys == ["王小洪", "country", "科洛科利采夫", "王小"])
        #expect(!ordered.contains("王"))
    }
}
