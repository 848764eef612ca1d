import ArgumentParser
import CBLAS
import CKernels
import Tensor

/// `jumpy-bench gemm`: jumpy's products (one fixed order of sums, `jumpy_gemm`) beside
/// OpenBLAS sgemm, at the shapes training uses.
struct GemmBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemm", abstract: "GFLOP/s of jumpy's products and OpenBLAS sgemm at the sizes training uses.")

    @OptionGroup var measurement: MeasurementOptions
    @Option(help: "Seconds to spend per case.") var seconds = 2.0
    @Option(help: "Cases as m:n:k:tA:tB (t: 1 transposed), comma separated; default: training's shapes.")
    var cases: String?

    func run() {
        openblas_set_num_threads(Int32(measurement.threads))
        // (m, n, k, Aᵀ, Bᵀ): a frame's gates (x Wᵀ), a residual layer's block, a block's weight
        // gradient (dYᵀ X), a block's input gradient (dY W), and a large square product.
        let defaults = [(256, 384, 128, false, true), (256, 128, 128, false, true), (128, 128, 256, true, false),
                        (256, 128, 128, false, false), (1024, 1024, 1024, false, false)]
        let chosen = cases.map { list in
            list.split(separator: ",").compactMap { item -> (Int, Int, Int, Bool, Bool)? in
                let f = item.split(separator: ":").compactMap { Int($0) }
                return f.count == 5 ? (f[0], f[1], f[2], f[3] == 1, f[4] == 1) : nil
            }
        } ?? defaults
        for (m, n, k, tA, tB) in chosen {
            let shape = "\(m)×\(k)\(tA ? "ᵀ" : "")·\(k)×\(n)\(tB ? "ᵀ" : "")"
            let parameters: [(String, Figure.CaseValue)] = [("m", .int(m)), ("k", .int(k)), ("n", .int(n)),
                                                            ("transposeA", .int(tA ? 1 : 0)), ("transposeB", .int(tB ? 1 : 0))]
            let ours = productGFLOPs(m: m, n: n, k: k, transposeA: tA, transposeB: tB, seconds: seconds, openBLAS: false)
            let theirs = productGFLOPs(m: m, n: n, k: k, transposeA: tA, transposeB: tB, seconds: seconds, openBLAS: true)
            report(Figure(bench: "gemm", parameters: parameters + [("library", .string("jumpy"))], value: ours,
                          unit: "GFLOP/s", label: "jumpy \(shape)"), json: measurement.json)
            report(Figure(bench: "gemm", parameters: parameters + [("library", .string("openblas"))], value: theirs,
                          unit: "GFLOP/s", label: "OpenBLAS \(shape) (\(BLASKernel.coreName))"), json: measurement.json)
            report(Figure(bench: "gemm", parameters: parameters + [("library", .string("ratio"))], value: ours / theirs,
                          unit: "ratio", label: "  jumpy / OpenBLAS"), json: measurement.json)
        }
    }
}

/// Median GFLOP/s of C = op(A)·op(B) (β = 0) through jumpy's product or OpenBLAS's.
func productGFLOPs(m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, seconds: Double, openBLAS: Bool) -> Double {
    var rng = SeededGenerator(seed: 0)
    let a = Tensor.randomNormal([m * k], using: &rng).scalars
    let b = Tensor.randomNormal([k * n], using: &rng).scalars
    var c = [Float](repeating: 0, count: m * n)
    let perCall = medianSeconds(minimum: seconds) {
        if openBLAS {
            sgemm(a, b, into: &c, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
        } else {
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        jumpy_gemm(KernelPath.current.rawValue, transposeA ? 1 : 0, transposeB ? 1 : 0, m, n, k, 1, pa.baseAddress, transposeA ? m : k,
                                   pb.baseAddress, transposeB ? k : n, 0, pc.baseAddress, n)
                    }
                }
            }
        }
    }
    return 2 * Double(m) * Double(k) * Double(n) / perCall / 1e9
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
