import Tensor

/// Teacher-forced gradients of a batch computed in chunks, spread over the threads.
///
/// The batch is split into contiguous chunks (`Threads.chunks`: a function of the batch
/// size alone); each runs forward and backward on its own replica of the model (sharing the
/// model's weights, with its own tape and gradients), and the replicas' gradients are added
/// to the model's in chunk order. The chunks' losses are sums divided by counts over the
/// whole batch (`TeacherForcingSums`), and the exploration coins are drawn for the whole
/// batch first. A thread takes several chunks when there are fewer threads than chunks, so
/// the gradient has the same bits at every thread count.
struct DataParallel {
    /// Copies of the model for the shards after the first (the model itself runs shard 0).
    private var replicas: [SequenceModel] = []

    /// The losses of `sequence`, with their gradients accumulated on `model`'s parameters
    /// (when the losses are finite; not yet checked for NaN gradients).
    mutating func gradients(of model: SequenceModel, on sequence: Tensor, objective: TrainingObjective = .teacher,
                            options: TeacherForcingOptions, rng: inout SeededGenerator) -> TeacherForcingLoss {
        let coins = model.explorationCoins(for: sequence, options: options, rng: &rng)
        let shards = Threads.chunks(of: sequence.shape[1])
        if shards.count == 1 {
            let loss = TeacherForcingSums.combine([model.lossSums(sequence, objective: objective, options: options, coins: coins)],
                                                  dtLossCoefficient: options.dtLossCoefficient).whole
            if loss.dx.item.isFinite && loss.dt.item.isFinite { loss.total.backward() }
            return loss
        }
        let workers = [model] + synchronizedReplicas(of: model, count: shards.count - 1)
        let sums = Threads.map(shards.count) { k in
            workers[k].lossSums(sequence.batch(shards[k]), objective: objective, options: options, coins: coins?.shard(shards[k]))
        }
        let (shares, whole) = TeacherForcingSums.combine(sums, dtLossCoefficient: options.dtLossCoefficient)
        guard whole.dx.item.isFinite && whole.dt.item.isFinite else { return whole }
        Threads.forEach(shards.count) { k in shares[k].total.backward() }
        for replica in workers.dropFirst() {
            for (mine, theirs) in zip(model.parameters, replica.parameters) {
                if let g = theirs.grad { mine.accumulateGrad(g) }
                theirs.zeroGrad()
            }
        }
        return whole
    }

    /// `count` replicas holding the model's current weights (sharing their storage).
    private mutating func synchronizedReplicas(of model: SequenceModel, count: Int) -> [SequenceModel] {
        if replicas.first.map({ $0.configuration != model.configuration }) ?? false { replicas = [] }
        while replicas.count < count { replicas.append(model.copy()) }
        for replica in replicas.prefix(count) {
            for (mine, theirs) in zip(model.parameters, replica.parameters) { theirs.update(mine.value.scalars) }
        }
        return Array(replicas.prefix(count))
    }
}
