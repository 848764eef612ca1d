import CBLAS
import Foundation
import Tensor

/// Which OpenBLAS kernel the benchmarks compare with, and a way out of its slow fallback.
///
/// jumpy itself does not use OpenBLAS (its products sum in one fixed order on every CPU,
/// which no BLAS promises); the benchmarks measure its kernels against OpenBLAS's sgemm at
/// its best, so they make sure it runs its fastest kernel.
///
/// Debian's OpenBLAS (0.3.21, DYNAMIC_ARCH) picks its kernel from the CPU model at load time.
/// On CPUs newer than it knows it falls back to the generic Prescott (SSE3) kernel, which runs
/// sgemm at a fifth of the speed. `OPENBLAS_CORETYPE` overrides the choice, but it is read
/// when the library loads, before any Swift code runs, so the executables re-execute
/// themselves once with it set:
///
/// - SkylakeX when the CPU reports the AVX-512 subsets that kernel uses (F, CD, BW, DQ, VL),
/// - else Haswell when it reports AVX2 and FMA,
/// - never when the user has set `OPENBLAS_CORETYPE` (their choice stands).
///
/// Older OpenBLAS builds have computed wrong results with some kernels on some CPUs, so the
/// restarted process checks the override against a textbook product before trusting it, and
/// falls back to the generic kernel (with a warning on stderr) if they disagree.
enum BLASKernel {
    /// Marks a process that jumpy restarted with its own override.
    static let overrideMarker = "JUMPY_BLAS_OVERRIDE"

    /// OpenBLAS's name for the kernel in use, e.g. "Haswell" or "Prescott".
    static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// The core type to restart with, or nil when the current kernel is fine, the user chose
    /// one, or the CPU lacks the instructions.
    static func preferredOverride(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard environment["OPENBLAS_CORETYPE"] == nil,
              ["prescott", "core2", "katmai", "coppermine", "northwood", "banias", "unknown"]
                .contains(coreName.lowercased()),
              let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flagsLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
        else { return nil }
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        if flags.isSuperset(of: ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]) { return "SkylakeX" }
        if flags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        return nil
    }

    /// Call first thing in `main`. Restarts the program with the preferred kernel when there
    /// is one; in a restarted program, verifies it (and restarts with the generic kernel if it
    /// computes wrong products). Returns normally when nothing needs doing or a restart fails.
    static func restartWithFasterKernelIfNeeded() {
        let environment = ProcessInfo.processInfo.environment
        if environment[overrideMarker] != nil {
            guard !productsAgreeWithTextbook() else { return }
            FileHandle.standardError.write(Data("jumpy: OpenBLAS kernel \(coreName) computes wrong products here; using the generic kernel\n".utf8))
            restart(coreType: "Prescott", marked: false)
            return
        }
        if let core = preferredOverride(environment: environment) { restart(coreType: core, marked: true) }
    }

    private static func restart(coreType: String, marked: Bool) {
        setenv("OPENBLAS_CORETYPE", coreType, 1)
        if marked { setenv(overrideMarker, "1", 1) } else { unsetenv(overrideMarker) }
        var argv: [UnsafeMutablePointer<CChar>?] = CommandLine.arguments.map { strdup($0) }
        argv.append(nil)
        execv("/proc/self/exe", &argv)
        // Only reached if execv failed: carry on with the kernel we have.
        unsetenv("OPENBLAS_CORETYPE")
        unsetenv(overrideMarker)
    }

    /// A few products in every transpose combination, at sizes that cross the kernels'
    /// blocking, against the textbook triple loop in Double.
    static func productsAgreeWithTextbook() -> Bool {
        var rng = SeededGenerator(seed: 1)
        for (m, k, n) in [(37, 53, 29), (64, 128, 96), (5, 300, 3)] {
            for (tA, tB) in [(false, false), (true, false), (false, true), (true, true)] {
                let a = Tensor.randomNormal(tA ? [k, m] : [m, k], using: &rng)
                let b = Tensor.randomNormal(tB ? [n, k] : [k, n], using: &rng)
                var c = [Float](repeating: 0, count: m * n)
                sgemm(a.scalars, b.scalars, into: &c, m: m, n: n, k: k, transposeA: tA, transposeB: tB)
                for i in 0..<m {
                    for j in 0..<n {
                        var total = 0.0
                        for p in 0..<k {
                            let x = a.scalars[tA ? p * m + i : i * k + p], y = b.scalars[tB ? j * k + p : p * n + j]
                            total += Double(x) * Double(y)
                        }
                        if Swift.abs(Double(c[i * n + j]) - total) > 1e-3 * (1 + Swift.abs(total)) { return false }
                    }
                }
            }
        }
        return true
    }
}
