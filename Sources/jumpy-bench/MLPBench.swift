import ArgumentParser
import CBLAS
import Learning
import Tensor

/// `jumpy-bench mlp`: the cost of the tape. A 4-layer, 128-wide residual MLP on a batch of
/// 256, forward and backward through the tape, against the same matrix products run bare.
struct MLPBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlp", abstract: "Forward + backward of a residual MLP, and its overhead over its matmuls.")

    @Flag(help: "One JSON object a line.") var json = false
    @Option(help: "OpenBLAS threads.") var threads = 1
    @Option(help: "Seconds to spend per measurement.") var seconds = 2.0

    func run() {
        Threads.set(threads)
        let (batch, width) = (256, 128)
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
            for _ in 0..<4 { rawGemm(xs, w, &out, m: batch, n: width, k: width, tA: false, tB: true) }
            for _ in 0..<4 { rawGemm(xs, xs, &dw, m: width, n: width, k: batch, tA: true, tB: false) }
            for _ in 0..<3 { rawGemm(xs, w, &out, m: batch, n: width, k: width, tA: false, tB: false) }
        }

        let parameters: [(String, Figure.CaseValue)] = [
            ("layers", .int(4)), ("width", .int(width)), ("batch", .int(batch)), ("threads", .int(threads))]
        report(Figure(bench: "mlp", parameters: parameters, value: tape * 1e3, unit: "ms",
                      label: "residual MLP fwd+bwd through the tape"), json: json)
        report(Figure(bench: "mlp", parameters: parameters + [("part", .string("matmuls"))], value: bare * 1e3,
                      unit: "ms", label: "  its 11 matmuls alone"), json: json)
        report(Figure(bench: "mlp", parameters: parameters, value: tape / bare, unit: "ratio",
                      label: "  tape / matmuls (target ≤ 1.25)"), json: json)
    }
}

private func rawGemm(_ a: [Float], _ b: [Float], _ c: inout [Float], m: Int, n: Int, k: Int, tA: Bool, tB: Bool) {
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in
                cblas_sgemm(CblasRowMajor, tA ? CblasTrans : CblasNoTrans, tB ? CblasTrans : CblasNoTrans,
                            Int32(m), Int32(n), Int32(k), 1, pa.baseAddress, Int32(tA ? m : k),
                            pb.baseAddress, Int32(tB ? k : n), 0, pc.baseAddress, Int32(n))
            }
        }
    }
}
