import CBLAS
import ArgumentParser
import Learning
import Tensor

/// `jumpy-bench mlp`: the cost of the tape. A 4-layer, 128-wide residual MLP on a batch of
/// 256, forward and backward through the tape, against the same matrix products run bare.
struct MLPBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlp", abstract: "Forward + backward of a residual MLP, and its overhead over its matmuls.")

    @OptionGroup var measurement: MeasurementOptions
    @Option(help: "Seconds to spend per measurement.") var seconds = 2.0
    @Option(help: "Rows: 256 is one frame of a batch; 11264 is a whole 44-frame batch, as the encoder sees it.") var batch = 256
    @Option(help: "Layer width.") var width = 128

    func run() {
        openblas_set_num_threads(Int32(measurement.threads))
        var rng = SeededGenerator(seed: 0)
        let mlp = ResidualMLP("mlp", inputs: width, hidden: width, outputs: width, using: &rng)
        let x = Tensor.randomNormal([batch, width], using: &rng)
        let target = Tensor.randomNormal([batch, width], using: &rng)

        let tape = medianSeconds(minimum: seconds) {
            for p in mlp.parameters { p.zeroGrad() }
            (mlp(x) - target).square().mean().backward()
        }

        // The same products bare: 4 forward, 4 weight gradients, 3 input gradients (the
        // input itself needs none).
        let w = Tensor.randomNormal([width, width], using: &rng).scalars
        let xs = x.scalars
        var out = [Float](repeating: 0, count: batch * width)
        var dw = [Float](repeating: 0, count: width * width)
        let bare = medianSeconds(minimum: seconds) {
            for _ in 0..<4 { sgemm(xs, w, into: &out, m: batch, n: width, k: width, transposeB: true) }
            for _ in 0..<4 { sgemm(xs, xs, into: &dw, m: width, n: width, k: batch, transposeA: true) }
            for _ in 0..<3 { sgemm(xs, w, into: &out, m: batch, n: width, k: width) }
        }

        let parameters: [(String, Figure.CaseValue)] = [
            ("layers", .int(4)), ("width", .int(width)), ("batch", .int(batch)), ("threads", .int(measurement.threads))]
        report(Figure(bench: "mlp", parameters: parameters, value: tape * 1e3, unit: "ms",
                      label: "residual MLP fwd+bwd through the tape"), json: measurement.json)
        report(Figure(bench: "mlp", parameters: parameters + [("part", .string("matmuls"))], value: bare * 1e3,
                      unit: "ms", label: "  its 11 matmuls alone"), json: measurement.json)
        report(Figure(bench: "mlp", parameters: parameters, value: tape / bare, unit: "ratio",
                      label: "  tape / matmuls (target ≤ 1.25)"), json: measurement.json)
    }
}
