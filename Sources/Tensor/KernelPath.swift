import CKernels
import Foundation

/// The instruction set jumpy's kernels run on: AVX-512, AVX2 with FMA, or portable code.
///
/// Every product in jumpy sums each output in one fixed order of fused multiply-adds (see
/// `CKernels.h`), so every path gives the same bits: the path changes speed, never a digit.
/// The best path the CPU has is the default; `JUMPY_KERNEL=portable|avx2|avx512` (or
/// `with`, for one task) forces a lower one, which is how the tests prove the claim on one
/// machine. Asking for a path the CPU lacks gives the best it has.
public enum KernelPath: Int32, CaseIterable, Sendable, CustomStringConvertible {
    case portable = 0, avx2 = 1, avx512 = 2

    /// The best path this CPU runs.
    public static var best: KernelPath { KernelPath(rawValue: jumpy_best_kernel_level()) ?? .portable }

    /// Every path this CPU runs, portable first.
    public static var available: [KernelPath] { allCases.filter { $0.rawValue <= best.rawValue } }

    /// The path products take here: the innermost `with`, else the process's (from
    /// `JUMPY_KERNEL`, else the best).
    public static var current: KernelPath { scoped ?? processWide }

    /// Runs `body` with products on `path` (capped at the best this CPU has), for this task
    /// and the workers it starts through `Threads`.
    public static func with<Result>(_ path: KernelPath, _ body: () throws -> Result) rethrows -> Result {
        try $scoped.withValue(min(path, best), operation: body)
    }

    /// `JUMPY_KERNEL`'s spelling of each path.
    public var description: String {
        switch self {
        case .portable: "portable"
        case .avx2: "avx2"
        case .avx512: "avx512"
        }
    }

    public init?(name: String) {
        guard let path = Self.allCases.first(where: { $0.description == name.lowercased() }) else { return nil }
        self = path
    }

    /// The value of `JUMPY_KERNEL` when it names no path: nil when it is unset or valid.
    public static var invalidEnvironmentValue: String? {
        guard let name = ProcessInfo.processInfo.environment["JUMPY_KERNEL"], KernelPath(name: name) == nil else { return nil }
        return name
    }

    @TaskLocal static var scoped: KernelPath?

    private static let processWide: KernelPath = {
        let requested = ProcessInfo.processInfo.environment["JUMPY_KERNEL"].flatMap(KernelPath.init(name:))
        return min(requested ?? best, best)
    }()
}

extension KernelPath: Comparable {
    public static func < (a: KernelPath, b: KernelPath) -> Bool { a.rawValue < b.rawValue }
}
