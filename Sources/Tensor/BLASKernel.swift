import CBLAS
import Foundation

/// Which OpenBLAS kernel runs, and a way out of the slow fallback.
///
/// Debian's OpenBLAS (0.3.21, DYNAMIC_ARCH) picks its kernel from the CPU model at load time.
/// On CPUs newer than it knows it falls back to the generic Prescott (SSE3) kernel, which runs
/// sgemm at a third of the speed. `OPENBLAS_CORETYPE` overrides the choice, but it is read
/// when the library loads, before any Swift code runs, so the executables re-execute
/// themselves once with it set. The override is Haswell (AVX2 + FMA), chosen only when the CPU
/// reports both flags; jumpy never overrides a value the user set, and never picks a newer
/// kernel whose correctness this old build does not guarantee on unknown CPUs.
public enum BLASKernel {
    /// OpenBLAS's name for the kernel in use, e.g. "Haswell" or "Prescott".
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// The core type to restart with, or nil when the current kernel is fine, the user chose
    /// one, or the CPU lacks the instructions.
    public static func preferredOverride(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard environment["OPENBLAS_CORETYPE"] == nil,
              ["prescott", "core2", "katmai", "coppermine", "northwood", "banias", "unknown"]
                .contains(coreName.lowercased()),
              let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flagsLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
        else { return nil }
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        return flags.isSuperset(of: ["avx2", "fma"]) ? "Haswell" : nil
    }

    /// Re-executes the running program with the preferred kernel when there is one; returns
    /// (doing nothing) otherwise or if the restart fails.
    public static func restartWithFasterKernelIfNeeded() {
        guard let core = preferredOverride() else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        let arguments = CommandLine.arguments
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        execv("/proc/self/exe", &argv)
        // Only reached if execv failed: carry on with the slow kernel.
        unsetenv("OPENBLAS_CORETYPE")
    }
}
