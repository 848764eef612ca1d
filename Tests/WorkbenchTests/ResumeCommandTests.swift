import Foundation
import Testing
import Tensor
import TestSupport
import Workbench

/// A model saved while it trains resumes in a new interpreter (a new session) exactly where
/// it stopped: the workbench side of resumable training.
@Suite struct ResumeCommandTests {
    @Test(arguments: [1, 2])
    func savedAndLoadedTrainingContinuesAsOneRun(threads: Int) {
        Threads.with(threads) {
            let directory = TemporaryDirectory()
            let path = directory.path("m.safetensors")
            let setup = "d = dataset billiards1d n=64 seed=0; m = model jumpy d hidden=8 seed=1"
            let train = "train m d steps=3 batch=16 seed=4 jump_prob=0.3"
            let whole = transcript("\(setup); \(train); \(train); eval m d")
            let first = transcript("\(setup); \(train); save m \"\(path)\"")
            let second = transcript("d = dataset billiards1d n=64 seed=0; m = load \"\(path)\"; \(train); eval m d")
            #expect(whole.result == .completed && first.result == .completed && second.result == .completed, "\(second.text)")
            let figures = { (text: String) in text.split(separator: "\n").filter { $0.contains("mse") }.last.map(String.init) }
            #expect(figures(whole.text) != nil)
            #expect(figures(second.text) == figures(whole.text), "\(whole.text)\n---\n\(second.text)")
        }
    }
}
