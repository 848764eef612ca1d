import CBLAS
import Dispatch
import Foundation

/// How many workers share a batch.
///
/// Training, evaluation and batched rollouts split their batch into `count` contiguous shards
/// (sizes differing by at most one, in order) and run one shard per worker; the results are
/// combined in shard order. The split depends only on the batch and `count`, so the same
/// script with the same thread count prints the same numbers; a different count changes the
/// last bits of sums, as any parallel reduction does.
///
/// OpenBLAS itself stays on one thread: the shards already keep every core busy, and its
/// threads would only compete with them. `setBLAS` exists for measuring sgemm alone.
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

    /// Sets the OpenBLAS thread count directly (benchmarks of sgemm alone).
    public static func setBLAS(_ count: Int) {
        precondition(count >= 1, "thread count must be at least 1, got \(count)")
        configureOnce()
        openblas_set_num_threads(Int32(count))
    }

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

    /// `body(k)` for k in 0..<n, on up to n threads at once (the caller's among them); returns
    /// when all are done. With n == 1 it simply calls `body(0)`. The caller promises what the
    /// compiler cannot check here: the calls share nothing they write (each k its own shard,
    /// its own model replica, its own result slot).
    public static func forEach(_ n: Int, _ body: (Int) -> Void) {
        if n <= 1 { if n == 1 { body(0) }; return }
        withoutActuallyEscaping(body) { body in
            let shared = SharedClosure(body: body)
            DispatchQueue.concurrentPerform(iterations: n) { shared.body($0) }
        }
    }

    /// The results of `body(k)` for k in 0..<n, computed as `forEach` does, in order of k.
    public static func map<Result>(_ n: Int, _ body: (Int) -> Result) -> [Result] {
        if n == 1 { return [body(0)] }
        let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: n)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        forEach(n) { k in results[k] = body(k) }   // each k writes its own slot
        return results.map { $0! }
    }

    /// OpenBLAS starts with one thread per core; jumpy's default is one. Done before the
    /// first product, once (Swift runs a global's initializer exactly once, thread-safely).
    static func configureOnce() { _ = defaultApplied }

    private static let defaultApplied: Bool = {
        openblas_set_num_threads(1)
        jumpy_keep_freed_buffers_in_process()  // see shim.h
        return true
    }()

    /// A closure handed to worker threads under `forEach`'s promise.
    private struct SharedClosure: @unchecked Sendable { let body: (Int) -> Void }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var workers = 1
}
