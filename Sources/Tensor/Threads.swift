import CKernels
import Dispatch
import Foundation

/// How many workers share a batch.
///
/// Training, evaluation and batched rollouts split their batch into `count` contiguous shards
/// (sizes differing by at most one, in order) and run one shard per worker; the results are
/// combined in shard order. Where a result sums over the batch (gradients, losses), the
/// shards are `chunks`, a function of the batch alone, and a worker takes several when
/// there are fewer workers than chunks: the thread count changes the speed, never a digit.
public enum Threads {
    /// The worker count: the innermost `with` around the caller, else the last `set` (1
    /// until one says otherwise).
    public static var count: Int {
        configureOnce()
        return scoped ?? lock.withLock { workers }
    }

    /// Runs `body` with `count` workers, for this task only (tests run side by side, so
    /// they must not change the process's count under each other).
    public static func with<Result>(_ count: Int, _ body: () throws -> Result) rethrows -> Result {
        precondition(count >= 1, "thread count must be at least 1, got \(count)")
        return try $scoped.withValue(count, operation: body)
    }

    @TaskLocal private static var scoped: Int?

    /// Sets the worker count (at least 1).
    public static func set(_ count: Int) {
        precondition(count >= 1, "thread count must be at least 1, got \(count)")
        configureOnce()
        lock.withLock { workers = count }
    }

    /// The machine's cores: the workbench's default thread count.
    public static var cores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// The contiguous shards of `0..<total` for `parts` workers: never more shards than
    /// elements, sizes differing by at most one, the larger first.
    public static func shards(of total: Int, parts: Int = count) -> [Range<Int>] {
        let n = max(1, min(parts, total))
        let (base, extra) = total.quotientAndRemainder(dividingBy: n)
        var ranges: [Range<Int>] = [], start = 0
        for k in 0..<n {
            let size = base + (k < extra ? 1 : 0)
            ranges.append(start..<(start + size))
            start += size
        }
        return ranges
    }

    /// The chunks of a batch of `total` whose sums must not depend on the thread count:
    /// chunks of at least `minimumChunk` (all of a smaller batch in one), at most `maximumChunks`
    /// of them, sizes differing by at most one. At batch 256: eight chunks of 32; at 64, two.
    public static func chunks(of total: Int) -> [Range<Int>] {
        shards(of: total, parts: min(maximumChunks, max(1, total / minimumChunk)))
    }

    /// Chunks are at least this many sequences (small products lose speed) and at most this
    /// many (each keeps its own gradients, and a thread's chunks run one after another: more
    /// chunks cost 5–10% on one thread at batch 256); changing either changes recorded results.
    static let minimumChunk = 32, maximumChunks = 8

    /// `body(k)` for k in 0..<n, on up to `workers` threads at once (the caller's among them),
    /// each taking a contiguous run of k in order; returns when all are done. With one worker it
    /// simply calls `body` in order. The caller promises what the compiler cannot check here:
    /// the calls share nothing they write (each k its own shard, its own model replica, its own
    /// result slot). The workers run on the caller's `KernelPath`.
    public static func forEach(_ n: Int, workers: Int = count, _ body: (Int) -> Void) {
        let groups = shards(of: n, parts: workers)
        if groups.count <= 1 { for k in 0..<n { body(k) }; return }
        let path = KernelPath.scoped
        withoutActuallyEscaping(body) { body in
            let shared = SharedClosure(body: body)
            DispatchQueue.concurrentPerform(iterations: groups.count) { g in
                KernelPath.$scoped.withValue(path) { for k in groups[g] { shared.body(k) } }
            }
        }
    }

    /// The results of `body(k)` for k in 0..<n, computed as `forEach` does, in order of k.
    public static func map<Result>(_ n: Int, workers: Int = count, _ body: (Int) -> Result) -> [Result] {
        if n == 1 { return [body(0)] }
        let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: n)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        forEach(n, workers: workers) { k in results[k] = body(k) }   // each k writes its own slot
        return results.map { $0! }
    }

    /// Done before the first product, once (Swift runs a global's initializer exactly once,
    /// thread-safely).
    static func configureOnce() { _ = defaultApplied }

    private static let defaultApplied: Bool = {
        jumpy_keep_freed_buffers_in_process()  // see memory.c
        return true
    }()

    /// A closure handed to worker threads under `forEach`'s promise.
    private struct SharedClosure: @unchecked Sendable { let body: (Int) -> Void }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var workers = 1
}
