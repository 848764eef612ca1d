import Foundation
import Testing
@testable import Workbench
import TestSupport

/// Ctrl-C in a single-episode `plan` and in `save`/`export`, set programmatically as in
/// `InterruptibleModelTests`: a plan stops between its batches of candidates and binds
/// nothing; a write stops just before its rename, leaving the old file (or none) and no
/// temporary.
@Suite struct InterruptibleStatementTests {
    /// Before the first batch of 500 candidates, before the second, …: Ctrl-C after the first.
    @Test func ctrlCStopsAPlanBetweenBatchesAndBindsNothing() throws {
        let interpreter = Interpreter(console: BufferConsole())
        try interpreter.execute(line: "x = shot [0.5, -0.3] seed=3")
        let polls = Counter()
        interpreter.isInterruptRequested = { polls.next() > 1 }
        let names = interpreter.order
        let recorded = interpreter.recorder.entries.count
        let line = "p = plan sim budget=1200 seed=4"
        do {
            try interpreter.execute(line: line)
            Issue.record("\(line) should stop")
        } catch {
            #expect(error.message == "interrupted: the plan stopped after 500 of 1200 candidates, so it gives nothing")
            // The caret is under the dynamics.
            #expect(error.underlined(in: line) == "sim")
        }
        #expect(polls.count == 2)
        #expect(interpreter.order == names && interpreter.bindings["p"] == nil)
        #expect(interpreter.recorder.entries.count == recorded)

        // Not interrupted: asked before each of the three batches (and once after the
        // statement, as after any), and the plan is bound.
        let quiet = Counter()
        interpreter.isInterruptRequested = { quiet.next() < 0 }
        try interpreter.execute(line: line)
        #expect(quiet.count == 4)
        #expect(interpreter.bindings["p"]?.value.typeName == "plan")
    }

    /// `save` and `export` over an existing file: Ctrl-C leaves its bytes and no temporary.
    @Test(arguments: [(#"save data "F.safetensors""#, "F.safetensors"), (#"export data.train "F.npy""#, "F.npy")])
    func ctrlCBeforeTheRenameKeepsTheOldFile(_ template: String, _ name: String) throws {
        let directory = TemporaryDirectory()
        let interpreter = Interpreter(console: BufferConsole())
        try interpreter.execute(line: "data = dataset lines n=40 seed=0")
        let path = directory.path(name)
        let line = template.replacingOccurrences(of: name, with: path)
        let old = Array("the previous file".utf8)
        try Data(old).write(to: URL(fileURLWithPath: path))

        // When asked, the whole new file is in the temporary beside the target, which is untouched.
        let sizes = Sizes()
        interpreter.isInterruptRequested = {
            sizes.record(directory.listing().filter { $0 != name }.map { directory.contents($0)?.count ?? -1 },
                         target: directory.contents(name))
            return true
        }
        do {
            try interpreter.execute(line: line)
            Issue.record("\(line) should stop")
        } catch {
            #expect(error.message == "interrupted: \(path) was not written (a file already there is unchanged)")
            #expect(error.underlined(in: line) == "\"\(path)\"")
        }
        #expect(sizes.asked == 1)
        #expect(sizes.temporaries.count == 1 && sizes.temporaries[0] > 1000, "\(sizes.temporaries)")
        #expect(sizes.target == old)
        #expect(directory.contents(name) == old)
        #expect(directory.listing() == [name])

        // Without Ctrl-C the same statement replaces it with the temporary's bytes.
        interpreter.isInterruptRequested = { false }
        try interpreter.execute(line: line)
        #expect(directory.contents(name)?.count == sizes.temporaries.first)
        #expect(directory.listing() == [name])
    }

    /// A new file: Ctrl-C leaves none, and the session records nothing.
    @Test func ctrlCDuringANewSaveLeavesNoFile() throws {
        let directory = TemporaryDirectory()
        let interpreter = Interpreter(console: BufferConsole())
        try interpreter.execute(line: "data = dataset lines n=40 seed=0")
        try interpreter.execute(line: "net = model jumpy data hidden=8 seed=1")
        let recorded = interpreter.recorder.entries.count
        interpreter.isInterruptRequested = { true }
        #expect(throws: WorkbenchError.self) { try interpreter.execute(line: #"save net "\#(directory.path("net.safetensors"))""#) }
        #expect(throws: WorkbenchError.self) { try interpreter.execute(line: #"save data "\#(directory.path("d/data.safetensors"))""#) }
        #expect(directory.listing().allSatisfy { $0 == "d" } && directory.listing("d").isEmpty, "\(directory.listing())")
        #expect(interpreter.recorder.entries.count == recorded)
    }
}

/// Counts calls from a `@Sendable` closure.
private final class Counter: @unchecked Sendable {
    private(set) var count = 0
    func next() -> Int {
        count += 1
        return count
    }
}

/// What the directory held each time the interrupt flag was asked.
private final class Sizes: @unchecked Sendable {
    var asked = 0
    var temporaries: [Int] = []
    var target: [UInt8]?
    func record(_ temporaries: [Int], target: [UInt8]?) {
        asked += 1
        self.temporaries = temporaries
        self.target = target
    }
}
