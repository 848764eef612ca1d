import ArgumentParser

/// `jumpy-bench NAME [--json]`: figures for people, or one JSON object a line for scripts.
/// Benchmarks are never part of `swift test`.
@main
struct JumpyBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jumpy-bench",
        abstract: "Measures jumpy's speed against its references.",
        subcommands: [SimBench.self])
}
