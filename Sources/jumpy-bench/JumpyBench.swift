import ArgumentParser
import CBLAS
import Tensor

/// `jumpy-bench NAME [--json]`: figures for people, or one JSON object a line for scripts.
/// Benchmarks are never part of `swift test`.
@main
struct JumpyBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jumpy-bench",
        abstract: "Measures jumpy's speed against its references.",
        discussion: "Each figure prints as it is measured. OpenBLAS, the reference for products, runs on one thread unless --threads says otherwise.",
        subcommands: [GemmBench.self, MLPBench.self, SimBench.self, TrainBench.self, RolloutBench.self, StartupBench.self, PaperBench.self, PlanBench.self, PlanTableBench.self, FiguresBench.self, FuzzBench.self, CorruptBench.self, KernelBench.self])

    static func main() {
        BLASKernel.restartWithFasterKernelIfNeeded()
        // OpenBLAS (the reference for products) starts a thread per core, which spins after
        // each product and would steal from jumpy's workers; gemm and mlp set their own count.
        openblas_set_num_threads(1)
        main(nil)
    }
}
