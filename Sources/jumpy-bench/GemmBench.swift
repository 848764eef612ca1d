import ArgumentParser
import CBLAS
import Tensor

/// `jumpy-bench gemm`: what OpenBLAS sgemm reaches here, the ceiling for everything else.
struct GemmBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemm", abstract: "GFLOP/s of OpenBLAS sgemm for the sizes training uses.")

    @OptionGroup var measurement: MeasurementOptions
    @Option(help: "Seconds to spend per case.") var seconds = 2.0

    func run() {
        Threads.setBLAS(measurement.threads)
        for (m, k, n) in [(256, 128, 384), (1024, 1024, 1024)] {
            let gflops = sgemmGFLOPs(m: m, k: k, n: n, seconds: seconds)
            report(Figure(bench: "gemm",
                          parameters: [("m", .int(m)), ("k", .int(k)), ("n", .int(n)), ("threads", .int(measurement.threads))],
                          value: gflops, unit: "GFLOP/s", label: "sgemm \(m)×\(k)·\(k)×\(n), \(measurement.threads) thread(s)"),
                   json: measurement.json)
        }
    }
}

/// Median GFLOP/s of C = A·B for row-major Float matrices, straight through cblas_sgemm.
func sgemmGFLOPs(m: Int, k: Int, n: Int, seconds: Double) -> Double {
    var rng = SeededGenerator(seed: 0)
    let a = Tensor.randomNormal([m, k], using: &rng).scalars
    let b = Tensor.randomNormal([k, n], using: &rng).scalars
    var c = [Float](repeating: 0, count: m * n)
    let perCall = medianSeconds(minimum: seconds) { sgemm(a, b, into: &c, m: m, n: n, k: k) }
    return 2 * Double(m) * Double(k) * Double(n) / perCall / 1e9
}

/// C = op(A) · op(B) straight through `cblas_sgemm` (row-major, no tape, no allocation).
func sgemm(_ a: [Float], _ b: [Float], into c: inout [Float], m: Int, n: Int, k: Int,
           transposeA: Bool = false, transposeB: Bool = false) {
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in
                cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                            Int32(m), Int32(n), Int32(k), 1, pa.baseAddress, Int32(transposeA ? m : k),
                            pb.baseAddress, Int32(transposeB ? k : n), 0, pc.baseAddress, Int32(n))
            }
        }
    }
}
