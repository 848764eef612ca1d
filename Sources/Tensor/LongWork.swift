/// A long operation's line to whoever started it: the operation reports how far it has got
/// and asks whether to stop. Generating a dataset, training, evaluating, rolling out in parts,
/// planning and a plan evaluation all take one. An operation asks `isCancelled` only between
/// whole parts of its work (trajectories, steps, batches, episodes), so what it computes never
/// depends on where or how often it was asked; what it does when told to stop (keep the
/// steps done, drop the episode it was in, give nothing) its own documentation says.
///
///     var bar = ...
///     let work = LongWork(report: { done, _ in bar.update(done) }, isCancelled: { interrupted() })
///     let data = try Dataset.generate(.lines, options: options, work: work)
public struct LongWork {
    private let reporter: (_ done: Int, _ total: Int) -> Void
    private let cancelled: () -> Bool

    /// `report` receives the units done so far of `total`; `isCancelled` answers whether to
    /// stop (asked between parts).
    public init(report: @escaping (_ done: Int, _ total: Int) -> Void = { _, _ in },
                isCancelled: @escaping () -> Bool = { false }) {
        self.reporter = report
        self.cancelled = isCancelled
    }

    /// No one watching: reports go nowhere and the work is never cancelled.
    public static var unwatched: LongWork { LongWork() }

    public func report(done: Int, total: Int) { reporter(done, total) }

    public var isCancelled: Bool { cancelled() }

    /// Reports `done` of `total`, then answers whether to stop: the question every operation
    /// asks between its parts.
    public func shouldStop(afterReporting done: Int, of total: Int) -> Bool {
        report(done: done, total: total)
        return isCancelled
    }
}
