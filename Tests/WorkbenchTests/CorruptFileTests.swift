import Fuzzing
import Testing
import TestSupport

/// Each file jumpy reads, truncated at every length and with 1000 seeded byte flips: refused
/// with an error naming the file, or read; never a crash. `jumpy-bench corrupt` prints the
/// same counts (docs/reliability.md).
@Suite struct CorruptFileTests {
    @Test(arguments: CorruptFiles.Kind.allCases)
    func damagedFilesAreRefusedNamingThemOrRead(_ kind: CorruptFiles.Kind) {
        let directory = TemporaryDirectory()
        let counts = CorruptFiles(directory: directory.root).run(kind: kind, flips: 1000, seed: 14)
        #expect(counts.truncations == counts.size && counts.flips == 1000)
        #expect(counts.unnamedErrors == 0, "\(counts.examples)")
        switch kind {
        case .checkpoint, .dataset, .npy:
            // Binary files: a shorter file never reads as data. (A flip in the float payload
            // reads: every bit pattern is a float.)
            #expect(counts.truncationsReadDifferent == 0)
            #expect(counts.refused >= counts.truncations)
        case .session:
            // A script cut at a line break is a shorter script; most cuts break a statement.
            #expect(counts.refused > counts.truncations / 2)
        case .history:
            // History is text kept as typed: every variant reads (bad bytes become U+FFFD).
            #expect(counts.refused == 0 && counts.readSame + counts.readDifferent == counts.truncations + counts.flips)
        }
    }
}
