import Testing
import SinoEvaluation
@testable import SinoGraph

/// The graph sorts by permuting in place along cycles; a wrong cycle walk
/// would lose or duplicate elements.
@Suite struct PermutationTests {
    @Test func permutingInPlaceGivesWhatIndexingGives() {
        var random = SplitMix64(seed: 9)
        for count in [0, 1, 2, 3, 7, 64, 301] {
            let items = (0..<count).map { "item\($0)" }
            let order = Array(items.indices).shuffled(using: &random)
            var permuted = items
            permuted.permute(order)
            #expect(permuted == order.map { items[$0] })
        }
    }
}
