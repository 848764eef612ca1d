import Foundation
import Fuzzing
import Testing
import TestSupport
import Workbench

/// Seeded hostile lines through the whole interpreter (the bench runs a million; see
/// docs/reliability.md): a line that fails must leave every binding, the seed and the
/// session record as they were.
@Suite struct FuzzTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    @Test func tenThousandHostileLinesChangeNothingWhenTheyFail() {
        let directory = TemporaryDirectory()
        let fuzzer = InterpreterFuzzer(seed: 14, directory: directory.root, corpus: InterpreterFuzzer.corpus(root: Self.root))
        let report = fuzzer.run(first: 0, count: 10_000)
        #expect(report.inputs == 10_000)
        #expect(report.changedBindings.isEmpty, "\(report.changedBindings.prefix(3))")
        // Every stage is reached: lines the parser refuses, statements that fail, statements that run.
        #expect(report.parseErrors > 500 && report.failed > 500 && report.succeeded > 500,
                "parse errors \(report.parseErrors), failed \(report.failed), succeeded \(report.succeeded)")
    }

    @Test func inputsDependOnlyOnSeedAndNumber() {
        let corpus = InterpreterFuzzer.corpus(root: Self.root)
        let a = InterpreterFuzzer(seed: 3, directory: "/nonexistent", corpus: corpus)
        let b = InterpreterFuzzer(seed: 3, directory: "/nonexistent", corpus: corpus)
        let c = InterpreterFuzzer(seed: 4, directory: "/nonexistent", corpus: corpus)
        #expect((0..<200).allSatisfy { a.input($0) == b.input($0) })
        #expect((0..<200).filter { a.input($0) != c.input($0) }.count > 150)
        #expect(a.input(7) == b.input(7))       // out of order too
    }

    /// Positional arguments are also written by name, after the command, with or without a
    /// binding in front: `plan dynamics=m r`, `e = plan m dynamics=r`.
    @Test func positionalArgumentsAreSometimesWrittenByName() {
        var generator = StatementGenerator(seed: 9, corpus: ["plan m r", "e = plan m r"], words: ["x"],
                                           positional: ["plan": ["dynamics"]])
        let lines = (0..<3000).map { _ in String(decoding: generator.next(), as: UTF8.self) }
        for form in ["plan dynamics=m r", "plan m dynamics=r", "e = plan dynamics=m r", "e = plan m dynamics=r"] {
            #expect(lines.contains(form), "\(form)")
        }
    }

    /// The harness itself: a statement over a limit fails, a path stays in the scratch
    /// directory, and a state change after a failure would be caught.
    @Test func limitsRefuseBigStatementsAndForeignPaths() {
        let directory = TemporaryDirectory()
        let interpreter = Interpreter(commands: FuzzLimits().table(.standard, directory: directory.root), console: BufferConsole())
        #expect(throws: WorkbenchError.self) { try interpreter.execute(line: "d = dataset lines n=65") }
        #expect(throws: WorkbenchError.self) { try interpreter.execute(line: "d = dataset lines n=8; save d \"../x.safetensors\"") }
        _ = try? interpreter.execute(line: "save d \"in/x.safetensors\"")
        #expect(directory.listing("in") == ["x.safetensors"])
        let state = InterpreterFuzzer.State(interpreter)
        _ = try? interpreter.execute(line: "e = dataset lines n=4")
        #expect(state.difference(InterpreterFuzzer.State(interpreter)) == "bindings changed: e")
    }
}

/// Expressions nest at most `Parser.maximumNesting` deep: parsing, evaluating and freeing an
/// expression recurse that deep, so without a bound a long enough line exhausts the stack.
@Suite struct NestingTests {
    @Test func deepNestingIsRefusedWithAPosition() {
        let open = String(repeating: "[", count: 20_000)
        let d = diagnostic("show " + open + String(repeating: "]", count: 20_000))
        // The 101st level is the bracket at column 106.
        let headline = String(d.prefix { $0 != "\n" })
        #expect(headline == "t:1:106: error: expressions nest at most 100 deep")
        let chain = diagnostic("show data" + String(repeating: ".train", count: 20_000), after: "data = dataset lines n=4 seed=0")
        #expect(chain.prefix { $0 != "\n" }.hasSuffix("error: expressions nest at most 100 deep"))
        let index = diagnostic("show t" + String(repeating: "[0]", count: 20_000), after: "t = [1]")
        #expect(index.prefix { $0 != "\n" }.hasSuffix("error: expressions nest at most 100 deep"))
    }

    @Test func ordinaryNestingStillWorks() {
        let (text, result, _) = transcript("show " + String(repeating: "[", count: 40) + "1" + String(repeating: "]", count: 40))
        #expect(result == .completed)
        #expect(text == String(repeating: "[", count: 40) + "1" + String(repeating: "]", count: 40) + "\n")
    }
}
