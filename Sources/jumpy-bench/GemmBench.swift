import ArgumentParser
import CBLAS
import Tensor

/// `jumpy-bench gemm`: what OpenBLAS sgemm reaches here, the ceiling for everything else.
struct GemmBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemm", abstract: "GFLOP/s of OpenBLAS sgemm for the sizes training uses.")

    @Flag(help: "One JSON object a line.") var json = false
    @Option(help: "OpenBLAS threads.") var threads = 1
    @Option(help: "Seconds to spend per case.") var seconds = 2.0

    func run() {
        Threads.set(threads)
        for (m, k, n) in [(256, 128, 384), (1024, 1024, 1024)] {
            let gflops = sgemmGFLOPs(m: m, k: k, n: n, seconds: seconds)
            report(Figure(bench: "gemm",
                          parameters: [("m", .int(m)), ("k", .int(k)), ("n", .int(n)), ("threads", .int(threads))],
                          value: gflops, unit: "GFLOP/s", label: "sgemm \(m)×\(k)·\(k)×\(n), \(threads) thread(s)"),
                   json: json)
        }
    }
}

/// Median GFLOP/s of C = A·B for row-major Float matrices, straight through cblas_sgemm.
func sgemmGFLOPs(m: Int, k: Int, n: Int, seconds: Double) -> Double {
    var rng = SeededGenerator(seed: 0)
    let a = Tensor.randomNormal([m, k], using: &rng).scalars
    let b = Tensor.randomNormal([k, n], using: &rng).scalars
    var c = [Float](repeating: 0, count: m * n)
    let perCall = medianSeconds(minimum: seconds) {
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
                                1, pa.baseAddress, Int32(k), pb.baseAddress, Int32(n), 0, pc.baseAddress, Int32(n))
                }
            }
        }
    }
    return 2 * Double(m) * Double(k) * Double(n) / perCall / 1e9
}
