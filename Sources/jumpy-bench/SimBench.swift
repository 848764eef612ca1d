import ArgumentParser
import Foundation
import Physics
import Tensor

/// `jumpy-bench sim`: the simulator's speed beside the NumPy reference, measured in one run.
///
/// Figures: billiards2d trajectories/s (45 frames, 2 balls, one thread), pixel frames/s
/// (rendering only), seconds to generate the default 10 000-trajectory billiards2d and
/// pixels2d datasets, and — when `reference_sim.py` can be found and run — its
/// trajectories/s and our ratio to it (target ≥ 100×).
struct SimBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Billiards simulation and rendering speed, against bench/reference_sim.py.")

    @Flag(help: "One JSON object a line instead of text.")
    var json = false

    @Option(help: "Path to reference_sim.py (default: ../shared/bench/reference_sim.py from the current directory, then /work/shared/bench/reference_sim.py).")
    var reference: String?

    @Option(help: "Seconds the reference script measures for.")
    var referenceSeconds: Double = 2

    func run() throws {
        let world = BilliardsWorld()
        let batch = 1000
        let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: world.trajectoryCount)
        defer { scratch.deallocate() }
        var index = 0
        var sink = 0.0
        let perBatch = medianSeconds(minimum: 2) {
            for _ in 0..<batch {
                var rng = TrajectorySeeds.generator(seed: 1, index: index)
                world.record(from: world.start(using: &rng), into: scratch)
                sink += scratch[world.trajectoryCount - 4]
                index += 1
            }
        }
        let trajectoriesPerSecond = Double(batch) / perBatch
        report(Figure(bench: "sim", parameters: [("case", .string("billiards2d")), ("balls", .int(2)),
                                                 ("frames", .int(45)), ("threads", .int(1))],
                      value: trajectoriesPerSecond, unit: "trajectories/s",
                      label: "billiards2d exact, 45 frames, 2 balls, 1 thread"), json: json)

        // Rendering only: the frames of one recorded trajectory, drawn over and over.
        let renderer = DiscRenderer()
        var frame = [Float](repeating: 0, count: 28 * 28)
        let framesPerCall = 45 * 20
        let perRender = medianSeconds(minimum: 1) {
            frame.withUnsafeMutableBufferPointer { out in
                for k in 0..<framesPerCall {
                    let t = k % 45
                    out.update(repeating: 0)
                    for b in 0..<2 {
                        renderer.draw(x: scratch[t * 8 + 4 * b], y: scratch[t * 8 + 4 * b + 1], into: out.baseAddress!)
                    }
                }
            }
        }
        report(Figure(bench: "sim", parameters: [("case", .string("render")), ("side", .int(28)), ("balls", .int(2))],
                      value: Double(framesPerCall) / perRender, unit: "frames/s",
                      label: "pixel frames 28×28, 2 balls (render only)"), json: json)

        for kind in [DatasetKind.billiards2d, .pixels2d] {
            var shape: [Int] = []
            let elapsed = try seconds { shape = try Dataset.generate(kind).train.shape }
            sink += Double(shape[1])
            report(Figure(bench: "sim", parameters: [("case", .string("dataset")), ("world", .string(kind.rawValue)),
                                                     ("n", .int(10_000))],
                          value: elapsed, unit: "s",
                          label: "generate \(kind.rawValue) n=10000 (default)"), json: json)
        }

        if let path = referencePath(), let rate = runReference(path) {
            report(Figure(bench: "sim", parameters: [("case", .string("reference")), ("script", .string(path))],
                          value: rate, unit: "trajectories/s",
                          label: "reference NumPy billiards2d (same run)"), json: json)
            report(Figure(bench: "sim", parameters: [("case", .string("ratio")), ("target", .double(100))],
                          value: trajectoriesPerSecond / rate, unit: "ratio",
                          label: "exact Swift / NumPy reference"), json: json)
        } else if !json {
            print("reference_sim.py not found or failed; pass --reference PATH")
        }
        if sink.isNaN { print(sink) }   // keeps the measured work alive
    }

    func referencePath() -> String? {
        let candidates = reference.map { [$0] }
            ?? ["../shared/bench/reference_sim.py", "/work/shared/bench/reference_sim.py"]
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Runs the script with the system `python3` and reads "N trajectories/s" from its output.
    func runReference(_ path: String) -> Double? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", path, "--seconds", String(referenceSeconds)]
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let text = String(data: data, encoding: .utf8) else { return nil }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard let at = words.firstIndex(where: { $0.hasPrefix("trajectories/s") }), at > 0 else { return nil }
        return Double(words[at - 1])
    }
}
