#if canImport(Glibc)
import Glibc
#endif
import Tensor

/// What `set` changes: threads, the next default seed, and whether long commands draw a
/// progress line.
///
///     set threads=2 seed=10 progress=on
public struct Settings: Sendable {
    public enum ProgressMode: String, Sendable, CaseIterable {
        /// A progress line when stderr is a terminal.
        case auto
        case on
        case off
    }

    /// The seed the next statement that leaves its seed out receives; each such statement
    /// takes one and advances it, and the recorder writes the seed out.
    public var nextSeed: Int = 0
    public var progress: ProgressMode = .auto

    public init() {}

    /// OpenBLAS threads (read from OpenBLAS, so it is right even if set elsewhere).
    public var threads: Int { Threads.count }

    public var showsProgress: Bool {
        switch progress {
        case .on: return true
        case .off: return false
        case .auto: return isatty(2) != 0
        }
    }
}
