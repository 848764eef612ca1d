import Foundation
import Synchronization
import Testing
@testable import Workbench
import Tensor
import TestSupport

/// `plan`, its values, `compare` of evaluations and `export` of their rows.
@Suite struct PlanCommandTests {
    func interpreter() throws -> (Interpreter, BufferConsole) {
        let console = BufferConsole()
        let interpreter = Interpreter(console: console)
        try interpreter.execute(line: "d = dataset shots n=200 seed=0")
        try interpreter.execute(line: "m = model jumpy d hidden=16 seed=1")
        return (interpreter, console)
    }

    @Test func planShowEvaluateExportAndCompare() throws {
        let directory = TemporaryDirectory()
        let (interpreter, console) = try interpreter()
        try interpreter.execute(line: "p = plan sim seed=12 budget=50")
        try interpreter.execute(line: "show p")
        #expect(console.output.contains("p: plan with sim, episode 12, 50 candidates: action ("))
        #expect(console.output.contains("plan of episode 12 with sim (random shooting, 50 candidates)"))
        #expect(console.output.contains("  simulated   "))
        #expect(console.text.contains("  wall time   "))                  // a timing: standard error
        #expect(!console.output.contains("wall time"))

        try interpreter.execute(line: "q = plan m seed=12 budget=20 planner=cem rounds=2 elites=3")
        #expect(console.output.contains("q: plan with jumpy, episode 12, 20 candidates"))

        try interpreter.execute(line: "es = plan sim episodes=6 budget=30 seed=100")
        try interpreter.execute(line: "em = plan m episodes=6 budget=30 seed=100")
        try interpreter.execute(line: "show es")
        #expect(console.output.contains("es: plans with sim: 6 episodes from seed 100, 30 candidates: success "))
        #expect(console.output.contains("success against budget (best of the first N candidates):"))
        #expect(console.output.contains("       30  "))
        try interpreter.execute(line: "compare es em")
        #expect(console.output.contains("plans  dynamics  episodes  budget  success  random  ticks/candidate"))
        #expect(console.output.contains("\nem     jumpy            6      30"))
        #expect(console.text.contains("  wall time per plan: es "))

        // Episode 3 of an evaluation is the episode of seed 103, planned alone.
        try interpreter.execute(line: "one = plan sim seed=103 budget=30")
        #expect(interpreter.bindings["one"]?.value.summary.hasPrefix("plan with sim, episode 103, 30 candidates") == true)
        let shown = console.output.count
        try interpreter.execute(line: "show es[3]")
        let element = String(console.output.dropFirst(shown))
        try interpreter.execute(line: "show one")
        #expect(element == String(console.output.dropFirst(shown + element.count)))

        // The exported rows, read without jumpy's reader: a NumPy v1 header, then float32s.
        let path = directory.path("plans.npy")
        try interpreter.execute(line: #"export es "\#(path)""#)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.prefix(6) == Data([0x93] + Array("NUMPY".utf8)))
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        let header = String(decoding: bytes[10..<(10 + headerLength)], as: UTF8.self)
        #expect(header.contains("'descr': '<f4'") && header.contains("'shape': (6, 12)"))
        let floats = bytes[(10 + headerLength)...].withUnsafeBytes { raw in
            (0..<72).map { Float(bitPattern: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self).littleEndian) }
        }
        guard case .object(let es as PlansValue)? = interpreter.bindings["es"]?.value else { Issue.record("es lost"); return }
        for (i, plan) in es.evaluation.plans.enumerated() {
            #expect(floats[i * 12 + 8] == Float(plan.action.x) && floats[i * 12 + 9] == Float(plan.action.y))
            #expect(floats[i * 12 + 10] == (plan.success ? 1 : 0))
            #expect(floats[i * 12 + 11] == Float(plan.outcome.targetFrame ?? -1))
        }
    }

    /// planner=gradient plans with a model (show names its starts and rate) and is refused,
    /// with a caret under the planner and nothing bound, with the simulator.
    @Test func theGradientPlannerNeedsAModel() throws {
        let (interpreter, console) = try interpreter()
        try interpreter.execute(line: "g = plan m seed=12 budget=12 planner=gradient starts=3 rate=0.1")
        #expect(console.output.contains("g: plan with jumpy, episode 12, 12 candidates"))
        try interpreter.execute(line: "show g")
        #expect(console.output.contains("plan of episode 12 with jumpy (gradient descent, 3 starts, rate 0.1, 12 candidates)"))
        #expect(throws: (any Error).self) { try interpreter.execute(line: "ge = plan m r episodes=2 seed=12 budget=6 planner=gradient") }
        #expect(interpreter.bindings["ge"] == nil)      // r is not bound yet
        try interpreter.execute(line: "r = model rnn d hidden=16 seed=2")
        try interpreter.execute(line: "ge = plan m r episodes=2 seed=12 budget=6 planner=gradient starts=3")
        #expect(console.output.contains("ge: plans with jumpy+rnn: 2 episodes from seed 12, 6 candidates"))

        #expect(diagnostic("e = plan sim episodes=2 budget=5 planner=gradient") == """
            t:1:34: error: the gradient planner differentiates the forecast through the model; the simulator (its collisions and wall bounces are events, not smooth in the shot) is not differentiable: plan with a trained model, or use planner=random or planner=cem
              e = plan sim episodes=2 budget=5 planner=gradient
                                               ^~~~~~~~~~~~~~~~
            """)
        let before = interpreter.bindings.keys.sorted()
        #expect(throws: (any Error).self) { try interpreter.execute(line: "g = plan sim seed=1 budget=5 planner=gradient") }
        #expect(interpreter.bindings.keys.sorted() == before)
        guard case .object(let g as PlanValue)? = interpreter.bindings["g"]?.value else { Issue.record("g lost"); return }
        #expect(g.plan.planner.kind == .gradient && g.plan.dynamics == "jumpy")
    }

    @Test func severalModelsPlanAsAnEnsembleAndReplay() throws {
        let (interpreter, console) = try interpreter()
        try interpreter.execute(line: "r = model rnn d hidden=16 seed=2")
        try interpreter.execute(line: "e = plan m r episodes=3 budget=6 seed=100")
        #expect(console.output.contains("e: plans with jumpy+rnn: 3 episodes from seed 100, 6 candidates"))
        #expect(interpreter.recorder.entries.last?.statement.hasPrefix("e = plan m r ") == true)
        guard case .object(let e as PlansValue)? = interpreter.bindings["e"]?.value else { Issue.record("e not bound"); return }
        // Every candidate costs both members' ticks: the rnn's 40 frames and the jumpy model's own.
        try interpreter.execute(line: "j = plan m episodes=3 budget=6 seed=100")
        guard case .object(let j as PlansValue)? = interpreter.bindings["j"]?.value else { Issue.record("j not bound"); return }
        #expect(abs(e.evaluation.meanTicks - (j.evaluation.meanTicks + 40)) < 1e-9)
        // By name, the argument is one model.
        try interpreter.execute(line: "one = plan dynamics=m seed=100 budget=6")
        #expect(interpreter.bindings["one"]?.value.summary.hasPrefix("plan with jumpy, episode 100, 6 candidates") == true)
        // The same statement again plans the same shots.
        try interpreter.execute(line: "again = plan m r episodes=3 budget=6 seed=100")
        guard case .object(let again as PlansValue)? = interpreter.bindings["again"]?.value else { Issue.record("again not bound"); return }
        #expect(again.evaluation.plans.map(\.action) == e.evaluation.plans.map(\.action))
    }

    @Test func theSameSessionPrintsTheSameNumbers() throws {
        func run() throws -> String {
            let (interpreter, console) = try interpreter()
            for line in ["train m d steps=2 batch=32 seed=0", "e = plan m episodes=4 budget=12 seed=7", "show e",
                         "p = plan m seed=9 budget=12", "show p"] {
                try interpreter.execute(line: line)
            }
            return console.output
        }
        #expect(try run() == (try run()))
    }

    @Test func aSessionWithPlansReplaysAndChecks() throws {
        let first = transcript("""
            set seed=5
            d = dataset shots n=100
            m = model jumpy d hidden=8
            train m d steps=2 batch=16
            p = plan m budget=12
            e = plan sim episodes=3 budget=8
            compare e e
            """)
        #expect(first.result == .completed)
        let saved = first.interpreter.recorder.script(name: "plans")
        #expect(saved.contains("p = plan m seed=") && saved.contains("# -> plan with jumpy, episode "))
        #expect(transcript(saved, options: ReplayOptions(check: true)).result == .completed)
        // A different recorded verdict is caught.
        let tampered = saved.replacingOccurrences(of: "episodes from seed", with: "episodes from  seed")
        #expect(tampered != saved)
        #expect(transcript(tampered, options: ReplayOptions(check: true)).result.exitCode == 2)
    }

    @Test func interruptedEvaluationRecordsTheEpisodesDone() throws {
        let (interpreter, console) = try interpreter()
        // Ctrl-C arrives after the third episode (the evaluation asks before each).
        let questions = Atomic<Int>(0)
        interpreter.isInterruptRequested = { questions.add(1, ordering: .relaxed).newValue > 3 }
        try interpreter.execute(line: "e = plan sim episodes=50 budget=5 seed=1")
        #expect(console.output.contains("interrupted after 3 of 50 episodes"))
        #expect(interpreter.recorder.entries.last?.statement == "e = plan sim seed=1 budget=5 episodes=3")
        guard case .object(let e as PlansValue)? = interpreter.bindings["e"]?.value else { Issue.record("e not bound"); return }
        #expect(e.evaluation.episodes == 3)
    }

    @Test(arguments: [
        ("x = plan other seed=1", 10, 5, "trained on lines"),
        ("x = plan m budget=0", 19, 1, "out of range"),
        ("x = plan sim seed=-1", 19, 2, "out of range"),
        ("x = plan sim episodes=20000", 23, 5, "out of range"),
        ("x = plan d", 10, 1, "'dynamics' must be sim or a model, got a dataset"),
        ("x = plan sm", 10, 2, "undefined variable 'sm'"),
        ("compare em d", 9, 4, "either models and data, or plan evaluations"),
        ("x = plan m other seed=1", 12, 5, "trained on lines"),
        ("x = plan m sim", 12, 3, "an ensemble is of models"),
        ("x = plan m d", 12, 1, "'dynamics' must be sim or a model, got a dataset"),
        ("x = plan dynamics=other", 19, 5, "trained on lines"),
        ("x = plan m dynamics=sim", 12, 8, "'dynamics' is given twice"),
    ])
    func badInputIsRefusedWithACaret(_ line: String, _ column: Int, _ width: Int, _ message: String) throws {
        let (interpreter, _) = try interpreter()
        try interpreter.execute(line: "lines = dataset lines n=20 seed=0; other = model jumpy lines hidden=8 seed=1")
        try interpreter.execute(line: "em = plan sim episodes=2 budget=3 seed=0")
        let before = interpreter.order.map { interpreter.bindings[$0]!.value.summary }
        do {
            try interpreter.execute(line: line)
            Issue.record("\(line) should fail")
        } catch {
            let text = Diagnostic(error: error, source: "t", line: 1, text: line).description
            #expect(text.contains(message), "\(text)")
            let caret = String(repeating: " ", count: 2 + column - 1) + "^" + String(repeating: "~", count: width - 1)
            #expect(text.contains("\n" + caret + "\n") || text.hasSuffix("\n" + caret), "\(text)")
        }
        #expect(interpreter.bindings["x"] == nil)
        #expect(interpreter.order.map { interpreter.bindings[$0]!.value.summary } == before)
    }
}
