import Testing
import Tensor

@Suite struct RandomTests {
    @Test func sameSeedSameStream() {
        var a = SeededGenerator(seed: 42)
        var b = SeededGenerator(seed: 42)
        for _ in 0..<100 { #expect(a.next() == b.next()) }
    }
}
