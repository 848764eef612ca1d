import Testing
@testable import Workbench
import Physics
import Planning
import TestSupport

/// `start=` and `physics=`: how shot-task episodes start and which law moves the balls, in
/// `dataset`, `plan` and `shot`; their defaults, what `show` says, and the bad input refused.
@Suite struct StartAndPhysicsTests {
    // MARK: Bad input: a caret, the choices or the reason, and nothing bound

    @Test func anUnknownStartOrPhysicsIsRefusedWithTheChoices() {
        #expect(diagnostic("d = dataset shots n=20 start=bogus") == """
            t:1:30: error: unknown start 'bogus'
              d = dataset shots n=20 start=bogus
                                           ^~~~~
              start: moving, rest, mixed
            """)
        #expect(diagnostic("e = plan sim episodes=2 budget=5 physics=bogus") == """
            t:1:42: error: unknown physics 'bogus'
              e = plan sim episodes=2 budget=5 physics=bogus
                                                       ^~~~~
              physics: exact, reference
            """)
        #expect(diagnostic("p = plan sim start=rset budget=5") == """
            t:1:20: error: unknown start 'rset'; did you mean 'rest'?
              p = plan sim start=rset budget=5
                                 ^~~~
              start: moving, rest, mixed
            """)
        #expect(diagnostic("s = shot [0.5, 0.5] physics=exakt") == """
            t:1:29: error: unknown physics 'exakt'; did you mean 'exact'?
              s = shot [0.5, 0.5] physics=exakt
                                          ^~~~~
              physics: exact, reference
            """)
    }

    @Test func physicsWithoutBallsAndStartOutsideShotsAreRefused() {
        #expect(diagnostic("d = dataset lines n=20 physics=exact") == """
            t:1:24: error: lines has no option 'physics': it has no balls (physics applies to billiards1d, billiards2d, pixels1d, pixels2d, shots)
              d = dataset lines n=20 physics=exact
                                     ^~~~~~~~~~~~~
            """)
        #expect(diagnostic("d = dataset circles n=20 physics=reference") == """
            t:1:26: error: circles has no option 'physics': it has no balls (physics applies to billiards1d, billiards2d, pixels1d, pixels2d, shots)
              d = dataset circles n=20 physics=reference
                                       ^~~~~~~~~~~~~~~~~
            """)
        #expect(diagnostic("d = dataset billiards2d n=20 start=rest") == """
            t:1:30: error: billiards2d has no option 'start': its balls always start at unit speed (start applies to shots)
              d = dataset billiards2d n=20 start=rest
                                           ^~~~~~~~~~
            """)
        #expect(diagnostic("d = dataset lines n=20 start=mixed") == """
            t:1:24: error: lines has no option 'start': it has no balls (start applies to shots)
              d = dataset lines n=20 start=mixed
                                     ^~~~~~~~~~~
            """)
    }

    @Test(arguments: [
        "d = dataset shots n=20 start=bogus", "d = dataset shots n=20 physics=bogus", "d = dataset lines n=20 physics=exact",
        "d = dataset billiards1d n=20 start=rest", "d = dataset pixels2d n=20 start=moving",
        "p = plan sim budget=5 start=bogus", "p = plan sim budget=5 physics=bogus", "s = shot [0.1, 0.2] start=bogus",
    ])
    func aRefusedStatementBindsNothing(_ line: String) throws {
        let interpreter = Interpreter(console: BufferConsole())
        try interpreter.execute(line: "keep = dataset lines n=10 seed=0")
        #expect(throws: WorkbenchError.self) { try interpreter.execute(line: line) }
        #expect(interpreter.order == ["keep"])
        #expect(interpreter.recorder.entries.count == 1)
    }

    // MARK: Defaults and what show says

    @Test func theShotsDatasetIsMixedAndReferenceUnlessTold() throws {
        let interpreter = Interpreter(console: BufferConsole())
        try interpreter.execute(line: "d = dataset shots n=40 seed=3")
        try interpreter.execute(line: "r = dataset shots n=40 seed=3 start=rest physics=exact")
        try interpreter.execute(line: "b = dataset billiards2d n=20 seed=3 physics=reference")
        try interpreter.execute(line: "c = dataset billiards2d n=20 seed=3")
        func options(_ name: String) -> String? {
            guard case .object(let data as DatasetValue)? = interpreter.bindings[name]?.value else { return nil }
            return data.options
        }
        #expect(options("d") == "n=40 seed=3 split=0.9 start=mixed physics=reference")
        #expect(options("r") == "n=40 seed=3 split=0.9 start=rest physics=exact")
        #expect(options("b") == "n=20 seed=3 split=0.9 radius=0.1 balls=2 physics=reference")
        #expect(options("c") == "n=20 seed=3 split=0.9 radius=0.1 balls=2")
        // `show` names them on its first line, and keeps them out of the notes below.
        guard case .object(let d as DatasetValue)? = interpreter.bindings["d"]?.value else { Issue.record("d not bound"); return }
        #expect(d.details.hasPrefix("dataset shots n=40 seed=3 split=0.9 start=mixed physics=reference\n"))
        #expect(!d.details.contains("  start:") && !d.details.contains("  physics:"))
    }

    @Test func aPlanIsAtRestWithTheReferenceLawUnlessTold() throws {
        let interpreter = Interpreter(console: BufferConsole())
        try interpreter.execute(line: "p = plan sim seed=12 budget=20")
        try interpreter.execute(line: "e = plan sim episodes=3 budget=10 seed=100")
        try interpreter.execute(line: "m = plan sim episodes=3 budget=10 seed=100 start=moving physics=exact")
        guard case .object(let p as PlanValue)? = interpreter.bindings["p"]?.value,
              case .object(let e as PlansValue)? = interpreter.bindings["e"]?.value,
              case .object(let m as PlansValue)? = interpreter.bindings["m"]?.value else { Issue.record("not bound"); return }
        #expect(p.plan.task == ShotTask(start: .rest, physics: .reference))
        #expect(e.evaluation.task == ShotTask(start: .rest, physics: .reference))
        #expect(m.evaluation.task == ShotTask(start: .moving, physics: .exact))
        #expect(p.details.contains("\n  start       rest (both balls at rest until the shot)\n"))
        #expect(p.details.contains("\n  physics     reference (greydanus/billiards' simulate_balls: fixed steps of 0.01)\n"))
        #expect(e.details.contains("\n  start          rest (both balls at rest until the shot)\n"))
        #expect(m.details.contains("\n  start          moving (velocity components 0.75·N(0, 1) clipped to ±1.2)\n"))
        #expect(m.details.contains("\n  physics        exact (event-driven: every contact at its exact time)\n"))
        // An element of an evaluation is the episode planned alone, task included.
        try interpreter.execute(line: "one = plan sim seed=101 budget=10")
        guard case .object(let one as PlanValue)? = interpreter.bindings["one"]?.value else { Issue.record("one not bound"); return }
        #expect(e.element(1).details == one.details)
        // The same episodes on another task are not the same episodes.
        do {
            try interpreter.execute(line: "compare e m")
            Issue.record("compare of two tasks should fail")
        } catch {
            #expect(error.message == "m planned start=moving physics=exact, e start=rest physics=reference: compare needs the same episodes")
        }
    }

    @Test func shotReplaysAPlansEpisode() throws {
        let interpreter = Interpreter(console: BufferConsole())
        try interpreter.execute(line: "p = plan sim seed=7 budget=30 start=mixed")
        guard case .object(let p as PlanValue)? = interpreter.bindings["p"]?.value else { Issue.record("p not bound"); return }
        let action = "[\(p.plan.action.x), \(p.plan.action.y)]"
        let outcome = try interpreter.execute(line: "s = shot \(action) seed=7 start=mixed").last!
        let verdict = p.plan.outcome.targetFrame.map { "reaches the target at frame \($0)" } ?? "misses the target"
        #expect(outcome.summary?.hasSuffix(verdict) == true, "\(outcome.summary ?? "")")
        guard case .object(let s as Trajectories)? = interpreter.bindings["s"]?.value else { Issue.record("s not bound"); return }
        let rows = p.plan.outcome.rows.map(Float.init)
        #expect(s.tensor.scalars == rows)
    }

    @Test func helpDescribesTheOptions() {
        let dataset = Help.detail(Command.dataset), plan = Help.detail(Command.plan)
        #expect(dataset.contains("[start=moving|rest|mixed] [physics=exact|reference]"))
        #expect(dataset.contains("  start=    how the balls start, in shots only; mixed if not given (one of moving, rest, mixed)"))
        #expect(plan.contains("  start=     how the balls start: rest, both still until the shot (the blog's task); moving; or mixed"))
        #expect(plan.contains("default \"rest\")") && plan.contains("default \"reference\")"))
    }
}
