import CBLAS

/// The number of threads OpenBLAS may use.
///
/// jumpy runs OpenBLAS on one thread unless told otherwise: results are then bit-for-bit
/// reproducible, and on two cores one thread is usually as fast for our matrix sizes.
/// A replayed session prints the same numbers when run with the same thread count.
public enum Threads {
    /// Sets the OpenBLAS thread count (at least 1).
    public static func set(_ count: Int) {
        precondition(count >= 1, "thread count must be at least 1, got \(count)")
        configureOnce()
        openblas_set_num_threads(Int32(count))
    }

    /// The OpenBLAS thread count in force.
    public static var count: Int {
        configureOnce()
        return Int(openblas_get_num_threads())
    }

    /// OpenBLAS starts with one thread per core; jumpy's default is one. Done before the
    /// first product, once (Swift runs a global's initializer exactly once, thread-safely).
    static func configureOnce() { _ = defaultApplied }

    private static let defaultApplied: Bool = {
        openblas_set_num_threads(1)
        jumpy_keep_freed_buffers_in_process()  // see shim.h
        return true
    }()

}
