import Testing
@testable import Workbench
import Learning
import Physics
import Planning

/// Each default is stated once, in the library type the command fills: the commands' option
/// defaults are those types' defaults (a literal written into a declaration would drift).
@Suite struct DefaultTests {
    func declared(_ command: String, _ option: String) -> Value? {
        guard case .value(let value)? = CommandTable.standard[command]?.parameter(option)?.defaultValue else { return nil }
        return value
    }

    func word(_ command: String, _ option: String) -> String? {
        guard case .string(let x)? = declared(command, option) else { return nil }
        return x
    }

    func number(_ command: String, _ option: String) -> Double? {
        guard case .number(let x)? = declared(command, option) else { return nil }
        return x
    }

    @Test func trainTakesTrainingOptions() {
        let o = TrainingOptions(), t = o.teacherForcing
        let pairs: [(String, Double)] = [
            ("steps", Double(o.steps)), ("batch", Double(o.batch)), ("decay_every", Double(o.decayEvery)),
            ("eval_every", Double(o.evaluateEvery)), ("burnin", Double(t.burnIn)),
        ]
        for (name, value) in pairs { #expect(number("train", name) == value, "\(name)") }
        let floats: [(String, Float)] = [
            ("lr", o.learningRate), ("weight_decay", o.weightDecay), ("gamma", o.decayGamma),
            ("epsilon", t.epsilon), ("jump_prob", t.jumpProbability), ("dt_loss", t.dtLossCoefficient),
        ]
        for (name, value) in floats {
            #expect(number("train", name).map(Float.init) == value, "\(name)")
            // Written as a person would: 0.001, not 0.0010000000474974513.
            #expect(number("train", name).map { "\($0)" } == "\(Double("\(value)")!)", "\(name)")
        }
        #expect(word("train", "objective") == o.objective.rawValue)
        guard case .absent? = CommandTable.standard["train"]?.parameter("clip")?.defaultValue else {
            Issue.record("clip should have no default"); return
        }
        #expect(o.clipNorm == nil)
    }

    @Test func modelRolloutAndPlanTakeTheirTypes() {
        let c = ModelConfiguration.defaults
        #expect(number("model", "hidden") == Double(c.hidden) && number("model", "tau") == 0.2 && Float(0.2) == c.timeConstant)
        #expect(word("model", "cell") == c.cell.rawValue)
        for command in ["eval", "rollout", "compare"] { #expect(number(command, "burnin") == Double(RolloutOptions().burnIn), "\(command)") }
        #expect(TeacherForcingOptions().burnIn == RolloutOptions().burnIn)
        let p = ShotPlanner()
        for (name, value) in [("budget", p.budget), ("rounds", p.rounds), ("elites", p.elites), ("starts", p.starts)] {
            #expect(number("plan", name) == Double(value), "\(name)")
        }
        #expect(number("plan", "rate") == p.rate && word("plan", "planner") == p.kind.rawValue)
        #expect(number("dataset", "split") == DatasetOptions().split && number("dataset", "n") == Double(DatasetOptions.defaultN))
    }
}
