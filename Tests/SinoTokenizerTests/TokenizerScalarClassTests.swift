import Testing
@testable import SinoTokenizer

/// `ScalarClass.of` tests its cases most common first; the order must not
/// change any answer.
@Suite struct TokenizerScalarClassTests {
    /// The classes as the cases read in Unicode order, each range once.
    private func reference(_ value: UInt32) -> ScalarClass? {
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x3007, 0xF900...0xFAFF, 0x20000...0x3134F: return .han
        case 0x30...0x39, 0xFF10...0xFF19: return .digit
        case 0x41...0x5A, 0x61...0x7A: return .letter
        case 0x20, 0x09...0x0D: return .whitespace
        case 0x21...0x7E: return .punctuation
        case 0x200D, 0xFE00...0xFE0F, 0x1F3FB...0x1F3FF, 0xE0020...0xE007F, 0xE0100...0xE01EF: return .extender
        case 0x3001...0x3003, 0x3008...0x3011, 0x3014...0x301F, 0xFF01...0xFF0F, 0xFF1A...0xFF20,
             0xFF3B...0xFF40, 0xFF5B...0xFF65, 0x2010...0x2027, 0x2030...0x205E, 0xB7:
            return .punctuation
        case 0x3000: return .whitespace
        default: return nil  // decided by the scalar's properties
        }
    }

    @Test func classesDoNotDependOnTheOrderOfTheCases() {
        var mismatches = 0
        for value in UInt32(0) ... 0x3_2000 {
            if let expected = reference(value), ScalarClass.of(value) != expected { mismatches += 1 }
        }
        for value in [0xE0020, 0xE007F, 0xE0100, 0xE01EF] as [UInt32] where ScalarClass.of(value) != .extender {
            mismatches += 1
        }
        #expect(mismatches == 0)
        // The quick test never rejects a mark.
        let wronglyRejected = (UInt32(0) ... 0x3_2000).filter { ScalarClass.isNeverExtender($0) && ScalarClass.of($0) == .extender }
        #expect(wronglyRejected.isEmpty)
        #expect(ScalarClass.of(0x300) == .extender)
        #expect(!ScalarClass.isNeverExtender(0x300))
        #expect(!ScalarClass.isNeverExtender(0x302A))
        #expect(ScalarClass.of(0x3002) == .punctuation)
    }
}
