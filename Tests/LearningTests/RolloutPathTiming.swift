import Foundation
import Testing
@testable import Learning
@testable import Tensor

/// Not a test: how the fused tick's thresholds were chosen. Skipped unless `JUMPY_TIMING`
/// lists batch sizes, e.g.
///
///     JUMPY_TIMING=1,4,16,50,100,200,250 swift test -c release --filter RolloutPathTiming
///
/// It prints rollouts/s of an untrained hidden-128 model (one thread, best of five) through
/// the general tick, the fused tick with `jumpy_dense` only, and the fused tick with sgemm
/// from 16 and from 128 rows, two rounds each.
@Suite(.serialized) struct RolloutPathTiming {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["JUMPY_TIMING"] != nil))
    func fusedAgainstGeneral() {
        let batches = (ProcessInfo.processInfo.environment["JUMPY_TIMING"] ?? "").split(separator: ",").compactMap { Int($0) }
        var rng = SeededGenerator(seed: 1)
        let data = Tensor.randomNormal([45, batches.max() ?? 1, 4], using: &rng)
        let chosen = PackedLinear.sgemmRows
        defer { PackedLinear.sgemmRows = chosen }
        for kind in [ModelKind.rnn, .jumpy] {
            let m = SequenceModel(ModelConfiguration(kind: kind, observationWidth: 4, hidden: 128, rnn: 128), seed: 0)
            for batch in batches {
                let d = data.batch(0..<batch)
                func rate(sgemmRows: Int, fused: Bool) -> Double {
                    PackedLinear.sgemmRows = sgemmRows
                    var best = Double.infinity
                    for _ in 0..<5 {
                        let reps = max(1, 200 / batch)
                        let start = DispatchTime.now().uptimeNanoseconds
                        for _ in 0..<reps { _ = Threads.with(1) { m.rollout(d, options: .init(), fused: fused) } }
                        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(reps))
                    }
                    return Double(batch) / best
                }
                let rounds = (0..<2).map { _ in
                    String(format: "general %.0f  fused %.0f  fused+sgemm≥16 %.0f  fused+sgemm≥128 %.0f",
                           rate(sgemmRows: chosen, fused: false), rate(sgemmRows: .max, fused: true),
                           rate(sgemmRows: 16, fused: true), rate(sgemmRows: 128, fused: true))
                }
                print("\(kind) B=\(batch): " + rounds.joined(separator: " | "))
            }
        }
    }
}
