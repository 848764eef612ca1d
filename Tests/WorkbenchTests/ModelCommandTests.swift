import Foundation
import Synchronization
import Testing
@testable import Workbench
import Learning
import Tensor
import TestSupport

/// The model, training and rollout commands through the interpreter.
@Suite struct ModelCommandTests {
    func interpreter() throws -> (Interpreter, BufferConsole) {
        let console = BufferConsole()
        let interpreter = Interpreter(console: console)
        try interpreter.execute(line: "data = dataset lines n=200 seed=0")
        return (interpreter, console)
    }

    @Test func modelTrainEvalRolloutTranscript() throws {
        let (interpreter, console) = try interpreter()
        try interpreter.execute(line: "net = model jumpy data hidden=16 seed=1")
        try interpreter.execute(line: "train net data steps=30 batch=32 lr=0.003")
        try interpreter.execute(line: "r = rollout net data.test[0:2] dt=5")
        try interpreter.execute(line: "x = interpolate r [0, 2.5, 20]")
        let expected = """
            data: dataset lines: train [21, 180, 2], test [21, 20, 2]
            net: jumpy gru model: D=2, H=16, R=16, 3363 parameters, 0 steps
            """
        #expect(console.output.hasPrefix(expected))
        #expect(console.text.contains("net: 30 steps, loss "))
        #expect(console.text.contains("r: rollout of 2 trajectories: 7 ticks (3 after burn-in), mean Δt 5"))
        #expect(console.text.contains("x: trajectories [3, 2, 2]"))
        // `train` rebinds the variable to the trained model and records the seed it drew.
        guard case .object(let net as ModelValue)? = interpreter.bindings["net"]?.value else { Issue.record("net is not a model"); return }
        #expect(net.model.stepsTrained == 30)
        #expect(interpreter.recorder.entries.map(\.statement).contains("train net data steps=30 batch=32 lr=0.003 seed=0"))
    }

    @Test func sameScriptSameNumbers() throws {
        func run() throws -> String {
            let (interpreter, console) = try interpreter()
            for line in ["set seed=4", "net = model jumpy data hidden=8", "train net data steps=20 batch=16",
                         "eval net data", "r = rollout net data.test[0:3]", "show r"] {
                try interpreter.execute(line: line)
            }
            return console.output          // timings go to stderr
        }
        let first = try run()
        #expect(first == (try run()))
        #expect(first.contains("tf mse") && first.contains("trajectory 2:"))
    }

    @Test func failedTrainingLeavesTheBindingUntouched() throws {
        let directory = TemporaryDirectory()
        let (interpreter, _) = try interpreter()
        try interpreter.execute(line: "net = model rnn data hidden=8 seed=1")
        // A dataset with a NaN in it: training diverges at its first step.
        var train = Tensor.zeros([21, 8, 2]).scalars
        train[5] = .nan
        try SafeTensors.write([("train", Tensor(shape: [21, 8, 2], scalars: train)), ("test", .zeros([21, 2, 2]))],
                              metadata: ["jumpy.type": "dataset", "world": "lines"], to: directory.path("bad.safetensors"))
        try interpreter.execute(line: #"bad = load "\#(directory.path("bad.safetensors"))""#)
        guard case .object(let before as ModelValue)? = interpreter.bindings["net"]?.value else { Issue.record("no model"); return }
        let weights = before.model.parameters.map(\.value.scalars)
        // Training diverges at its first step: nothing is learned, the weights stay.
        try interpreter.execute(line: "train net bad steps=5 batch=8")
        guard case .object(let after as ModelValue)? = interpreter.bindings["net"]?.value else { Issue.record("net lost"); return }
        #expect(after.model.stepsTrained == 0)
        #expect(after.model.parameters.map(\.value.scalars) == weights)
        #expect(interpreter.recorder.entries.last?.statement.hasPrefix("train net bad steps=0") == true)
        // A failed statement (here: a model that does not fit) changes no binding.
        try interpreter.execute(line: "wide = model rnn data hidden=8 seed=2")
        #expect(throws: WorkbenchError.self) { try interpreter.execute(line: "net = load \"/nonexistent.safetensors\"") }
        guard case .object(let still as ModelValue)? = interpreter.bindings["net"]?.value else { Issue.record("net lost"); return }
        #expect(still.model === after.model)
    }

    @Test func interruptedTrainingRecordsTheStepsDone() throws {
        let (interpreter, console) = try interpreter()
        try interpreter.execute(line: "net = model jumpy data hidden=8 seed=1")
        // Ctrl-C arrives after the seventh step (the trainer asks before each step).
        let questions = Atomic<Int>(0)
        interpreter.isInterruptRequested = { questions.add(1, ordering: .relaxed).newValue > 7 }
        try interpreter.execute(line: "train net data steps=50 batch=16 seed=0")
        guard case .object(let net as ModelValue)? = interpreter.bindings["net"]?.value else { Issue.record("net lost"); return }
        #expect(net.model.stepsTrained == 7)
        #expect(console.output.contains("interrupted at step 7"))
        #expect(interpreter.recorder.entries.last?.statement == "train net data steps=7 batch=16 seed=0")
    }

    @Test func checkpointsSaveAndLoadThroughTheLanguage() throws {
        let directory = TemporaryDirectory()
        let (interpreter, _) = try interpreter()
        try interpreter.execute(line: "net = model odernn data hidden=8 cell=lstm seed=3")
        try interpreter.execute(line: #"save net "\#(directory.path("m.safetensors"))""#)
        try interpreter.execute(line: #"back = load "\#(directory.path("m.safetensors"))""#)
        #expect(interpreter.bindings["back"]?.value.summary == interpreter.bindings["net"]?.value.summary)
        // A corrupt checkpoint is refused with the file's name.
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: directory.path("broken.safetensors")))
        #expect(throws: WorkbenchError.self) { try interpreter.execute(line: #"x = load "\#(directory.path("broken.safetensors"))""#) }
        #expect(interpreter.bindings["x"] == nil)
    }

    @Test(arguments: [
        ("model jumpy data rnn=7", "rnn must be even"),
        ("train data data", "not a model"),
        ("train net data steps=-1", "out of range"),
        ("train net data objective=rolout", "rollout"),
        ("rollout net data.test burnin=99", "burnin must be below 20"),
        ("x = interpolate r 0:100", "outside the rollout"),
        ("compare net", "needs a dataset"),
        ("plot r \"r.txt\"", "pictures are written as .png, .svg or .gif files, not .txt"),
        ("eval net r", "must be a dataset or a trajectories"),
        ("compare net data burnin=20", "burnin must be below 20"),
        ("x = interpolate r 0:1e10:0.01", "at most 100000"),
        ("x = interpolate r 0:1e300:1e-300", "at most 100000"),
        ("s = shot [1, 2, 3]", "a list of two numbers"),
    ])
    func badInputIsRefusedClearly(_ line: String, _ message: String) throws {
        let (interpreter, _) = try interpreter()
        try interpreter.execute(line: "net = model jumpy data hidden=8 seed=1")
        try interpreter.execute(line: "r = rollout net data.test[0]")
        let names = interpreter.order
        do {
            try interpreter.execute(line: line)
            Issue.record("\(line) should fail")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
        #expect(interpreter.order == names)
    }

    /// `objective=rollout` trains on the model's own rollout: the loss it reports is the
    /// rolled-out error, a different number from teacher forcing's on the same batch. A jumpy
    /// model trains on it too, with teacher forcing's pieces (the same mean Δt).
    @Test(arguments: ["rnn", "jumpy"])
    func trainingOnTheRolloutObjective(kind: String) throws {
        let (interpreter, console) = try interpreter()
        try interpreter.execute(line: "a = model \(kind) data hidden=8 seed=1; b = model \(kind) data hidden=8 seed=1")
        // The same seed, so the same coins (each statement would otherwise draw its own).
        try interpreter.execute(line: "train a data steps=3 batch=16 objective=rollout seed=5")
        try interpreter.execute(line: "train b data steps=3 batch=16 seed=5")
        guard case .object(let a as ModelValue)? = interpreter.bindings["a"]?.value,
              case .object(let b as ModelValue)? = interpreter.bindings["b"]?.value else { Issue.record("not bound"); return }
        #expect(a.model.stepsTrained == 3 && b.model.stepsTrained == 3)
        let la = a.model.history.last!.lossDx, lb = b.model.history.last!.lossDx
        #expect(la.isFinite && lb.isFinite && la != lb)
        if kind == "jumpy" {
            #expect(a.model.history.first!.meanDt == b.model.history.first!.meanDt && a.model.history.first!.meanDt > 1,
                    "\(a.model.history.map(\.meanDt)) \(b.model.history.map(\.meanDt))")
            #expect(console.text.contains("mean Δt"))
        }
        #expect(interpreter.recorder.entries.contains { $0.statement.contains("objective=rollout") })
        #expect(!console.text.contains("error"))
    }

    /// A short run of `objective=rollout` on billiards lowers a jumpy model's rolled-out error
    /// on the test split (the objective's own figure, teacher forcing's pieces, no coins).
    @Test func jumpyRolloutTrainingLowersTheRolledOutError() throws {
        let (interpreter, _) = try interpreter()
        try interpreter.execute(line: "d = dataset billiards1d n=120 seed=0; m = model jumpy d hidden=16 seed=1")
        try interpreter.execute(line: "train m d steps=20 batch=32 lr=0.003")
        func rolledOut() throws -> Double {
            guard case .object(let m as ModelValue)? = interpreter.bindings["m"]?.value,
                  case .object(let d as DatasetValue)? = interpreter.bindings["d"]?.value else { throw CancellationError() }
            return m.model.evaluateTeacherForced(d.test, objective: .rollout).changeMSE
        }
        let before = try rolledOut()
        try interpreter.execute(line: "train m d steps=40 batch=32 lr=0.003 objective=rollout")
        let after = try rolledOut()
        #expect(after.isFinite && after < 0.8 * before, "rolled-out MSE \(before) → \(after)")
    }

    /// `train`'s summary and the model's own give the same loss (the mean of the last 20
    /// steps), also after a second run shorter than 20 steps.
    @Test func trainAndModelSummariesAgreeOnTheLoss() throws {
        let (interpreter, _) = try interpreter()
        try interpreter.execute(line: "net = model rnn data hidden=8 seed=1")
        for steps in [30, 5] {
            let outcome = try interpreter.execute(line: "train net data steps=\(steps) batch=16").last!
            guard case .object(let value as ModelValue)? = interpreter.bindings["net"]?.value else { Issue.record("not bound"); return }
            let trained = value.model.history.filter { $0.split == .train }.suffix(20).map(\.lossDx)
            let mean = trained.reduce(0, +) / Double(trained.count)
            #expect(trained.count == 20 && trained.first != trained.last)
            #expect(outcome.summary == "net: \(value.model.stepsTrained) steps, loss \(NumberFormat.significant(mean))")
            #expect(value.summary.hasSuffix("\(value.model.stepsTrained) steps, loss \(NumberFormat.significant(mean))"))
        }
    }

    /// A field or an element alone shows its value like a name alone; a bad one is an error
    /// under its part, and neither changes a binding nor the record.
    @Test func fieldsAndElementsAloneShowTheirValue() throws {
        let (interpreter, console) = try interpreter()
        let recorded = interpreter.recorder.entries.count
        let outcome = try interpreter.execute(line: "data.test[0:3]").last!
        #expect(outcome.summary == "trajectories [21, 3, 2]")
        #expect(console.output.hasSuffix("data.test[0:3]: trajectories [21, 3, 2]\n"))
        try interpreter.execute(line: "data.test.frames")
        #expect(console.output.hasSuffix("data.test.frames: 21\n"))
        #expect(interpreter.recorder.entries.count == recorded && interpreter.order == ["data"])
        #expect(diagnostic("data.tset", after: "data = dataset lines n=20 seed=0").contains("t:1:1: error: data has no field 'tset'; did you mean 'test'?"))
        #expect(diagnostic("data.test[0] 3", after: "data = dataset lines n=20 seed=0") == """
            t:1:14: error: expected ';' or the end of the line, found '3'
              data.test[0] 3
                           ^
            """)
    }

    /// A variable's name alone shows its summary, changes nothing and is not recorded;
    /// with arguments it is an error that says how to see it.
    @Test func bareVariableNameShowsIt() throws {
        let (interpreter, console) = try interpreter()
        let recorded = interpreter.recorder.entries.count
        let outcome = try interpreter.execute(line: "data").last!
        let summary = try #require(interpreter.bindings["data"]).value.summary
        #expect(outcome.summary == summary)
        #expect(console.output.hasSuffix("data: \(summary)\n"))
        #expect(interpreter.recorder.entries.count == recorded)
        #expect(interpreter.order == ["data"])
        #expect(diagnostic("data 3", after: "data = dataset lines n=20 seed=0") == """
            t:1:1: error: unknown command 'data'; did you mean 'dataset'?
              data 3
              ^~~~
              'data' is a variable: its name alone shows it, 'show data' in detail
            """)
    }

    @Test func compareTableAndPlots() throws {
        let directory = TemporaryDirectory()
        let (interpreter, console) = try interpreter()
        try interpreter.execute(line: "a = model rnn data hidden=8 seed=1; b = model jumpy data hidden=8 seed=2")
        try interpreter.execute(line: "compare a b data")
        #expect(console.text.contains("model  kind   cell  params"))
        #expect(console.text.contains("\na      rnn    gru"))
        try interpreter.execute(line: "r = rollout b data.test[0:2]")
        try interpreter.execute(line: "plot r")
        // Each tick a dot, each piece's Δt in the row above the plot.
        #expect(console.text.contains("• tick") && console.text.contains("\nΔt "))
        try interpreter.execute(line: #"plot r "\#(directory.path("r.svg"))""#)
        let svg = try String(contentsOfFile: directory.path("r.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("truth"))
    }
}

extension ModelCommandTests {
    @Test func interruptedDatasetGenerationBindsNothing() throws {
        let console = BufferConsole()
        let interpreter = Interpreter(console: console)
        let asked = Atomic<Int>(0)
        interpreter.isInterruptRequested = { asked.add(1, ordering: .relaxed).newValue > 2 }
        #expect(throws: WorkbenchError.self) { try interpreter.execute(line: "data = dataset billiards2d n=5000 seed=0") }
        #expect(interpreter.bindings["data"] == nil)
        #expect(asked.load(ordering: .relaxed) == 3)      // stopped after 512 of 5000 trajectories
    }
}
