import Testing
@testable import Workbench
import Learning
import Tensor
import TestSupport

/// `eval`, `rollout` and `compare` run many trajectories in parts of 500 so Ctrl-C can stop
/// them: the parts must add up to the whole, and a stop must leave nothing behind.
@Suite struct InterruptibleModelTests {
    /// 1 260 training trajectories of 21 frames: parts of 500, 500 and 260.
    func setUp(console: BufferConsole = BufferConsole()) throws -> (Interpreter, SequenceModel, Tensor) {
        let interpreter = Interpreter(console: console)
        try interpreter.execute(line: "data = dataset lines n=1400 seed=0")
        try interpreter.execute(line: "net = model jumpy data hidden=8 seed=1")
        try interpreter.execute(line: "train net data steps=20 batch=64 seed=2")
        guard case .object(let net as ModelValue)? = interpreter.bindings["net"]?.value,
              case .object(let data as DatasetValue)? = interpreter.bindings["data"]?.value else {
            throw CommandError("setup failed")
        }
        return (interpreter, net.model, data.train)
    }

    static func close(_ a: Double, _ b: Double) -> Bool { a == b || abs(a - b) <= 1e-5 * max(1, abs(a)) }

    @Test func aRolloutInPartsIsTheWholeRollout() throws {
        let (_, model, data) = try setUp()
        #expect(data.shape[1] == 1260)
        let whole = model.rollout(data, options: RolloutOptions(burnIn: 4))
        let parts = Invocation.parts(of: data.shape[1]).map { model.rollout(data.batch($0), options: RolloutOptions(burnIn: 4)) }
        #expect(parts.map(\.batch) == [500, 500, 260])
        // A trajectory rolls out the same bits in any batch, so the join is the whole rollout
        // exactly, joined on one thread or two.
        for threads in [1, 2] {
            let joined = Threads.with(threads) { Rollout(joining: parts) }
            #expect(joined.tickCounts == whole.tickCounts)
            #expect(joined.times.shape == whole.times.shape && joined.states.shape == whole.states.shape)
            #expect(joined.times.scalars == whole.times.scalars && joined.tickDts == whole.tickDts)
            #expect(joined.observations.scalars == whole.observations.scalars)
            #expect(joined.states.scalars == whole.states.scalars)
            #expect(joined.autoregressiveMSE(against: data) == whole.autoregressiveMSE(against: data))
        }
    }

    @Test func anEvaluationInPartsIsTheWholeEvaluation() throws {
        let (interpreter, model, data) = try setUp()
        let whole = model.evaluate(on: data, burnIn: 4)
        let call = Invocation(command: .eval, interpreter: interpreter, arguments: [:])
        let argument = CommandArgument<Value>.value("data", of: [], help: "eval's data")
        let parts = try call.evaluate(model, on: data, burnIn: 4, argument: argument)
        for figure in [\Evaluation.teacherForcedMSE, \.autoregressiveMSE, \.ticksPerTrajectory, \.ticksAfterBurnIn] {
            #expect(Self.close(parts[keyPath: figure], whole[keyPath: figure]), "\(parts[keyPath: figure]) vs \(whole[keyPath: figure])")
        }
        // The mean Δt is a Float sum over every trajectory, in the same order.
        #expect(parts.meanDt == whole.meanDt)
        #expect(parts.dtHistogram == whole.dtHistogram)
        // Up to one part, the very same numbers.
        let small = data.batch(0..<300)
        let one = try call.evaluate(model, on: small, burnIn: 4, argument: argument)
        #expect(one.autoregressiveMSE == model.evaluate(on: small, burnIn: 4).autoregressiveMSE)
    }

    /// Ctrl-C after the first part: an error that says how far it got, and no binding.
    @Test(arguments: [("eval net data split=train", "the evaluation stopped after 500 of 1260 trajectories"),
                      ("r = rollout net data.train", "the rollout stopped after 500 of 1260 trajectories")])
    func ctrlCBetweenPartsBindsNothing(_ line: String, _ message: String) throws {
        let (interpreter, _, _) = try setUp()
        let polls = Counter()
        interpreter.isInterruptRequested = { polls.next() > 1 }
        let names = interpreter.order
        let recorded = interpreter.recorder.entries.count
        do {
            try interpreter.execute(line: line)
            Issue.record("\(line) should stop")
        } catch {
            #expect(error.message == "interrupted: \(message), so it gives nothing")
        }
        #expect(interpreter.order == names)
        #expect(interpreter.recorder.entries.count == recorded)
    }

    /// `compare` keeps the models it finished and says so.
    @Test func ctrlCDuringCompareKeepsTheModelsDone() throws {
        let console = BufferConsole()
        let (interpreter, _, _) = try setUp(console: console)
        let polls = Counter()
        // Polls: before model 1, before each of its three parts, before model 2.
        interpreter.isInterruptRequested = { polls.next() > 4 }
        try interpreter.execute(line: "compare net net data.train")
        #expect(console.output.contains("interrupted after 1 of 2 models"))
        #expect(console.output.contains("lowest auto mse: net"))
    }
}

/// Counts calls from a `@Sendable` closure.
private final class Counter: @unchecked Sendable {
    private var count = 0
    func next() -> Int {
        count += 1
        return count
    }
}
