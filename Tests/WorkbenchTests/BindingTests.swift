import Testing
import Workbench

/// A failed statement changes no binding, no setting and no session record.
@Suite struct BindingTests {
    static let failing = [
        "data = dataset lines n=0",                  // out of range
        "data = dataset lines n=5 bogus=1",          // unknown option
        "data = dataset billiards2d radius=0.9",     // refused by Physics, after seeding
        "data = load \"missing.safetensors\"",       // handler error
        "data = dataset lines n=3 seed=1 split=0.1", // empty train part, refused by Physics
        "del data nothing",                          // one undefined name among several
    ]

    @Test(arguments: failing)
    func failedStatementChangesNothing(_ line: String) throws {
        let interpreter = Interpreter(console: BufferConsole())
        try interpreter.execute(line: "data = dataset lines n=8 seed=4")
        let before = interpreter.bindings["data"]!
        let seed = interpreter.settings.nextSeed
        let recorded = interpreter.recorder.entries.count
        #expect(throws: WorkbenchError.self) { try interpreter.execute(line: line) }
        let after = try #require(interpreter.bindings["data"])
        #expect(after.statement == before.statement)
        #expect(after.value.summary == before.value.summary)
        #expect(interpreter.settings.nextSeed == seed)
        #expect(interpreter.recorder.entries.count == recorded)
    }

    @Test func rebindingReplacesAndKeepsOrder() throws {
        let interpreter = Interpreter(console: BufferConsole())
        try interpreter.execute(line: "a = dataset lines n=4 seed=0; b = dataset lines n=4 seed=1; a = dataset lines n=6 seed=2")
        #expect(interpreter.order == ["a", "b"])
        #expect(interpreter.bindings["a"]?.statement == "a = dataset lines n=6 seed=2")
    }
}
