import ArgumentParser
import Foundation
import Learning
import Physics
import Plotting
import Tensor

/// `jumpy-bench figures`: the billiards animation `animate r "r.gif"` writes, timed in parts:
/// a 45-frame billiards2d rollout at 4 animation frames a data frame (177 frames), truth and
/// model side by side at 256×256 pixels a panel. Target: the GIF encodes in under 0.3 s.
struct FiguresBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figures", abstract: "Time to draw and encode a billiards2d animation (slow 4, 256×256 a panel).")

    @OptionGroup var measurement: MeasurementOptions
    @Option(help: "Animation frames per data frame (animate's slow=).") var slow = 4
    @Option(help: "Pixels a panel side.") var size = 256
    @Option(help: "A trained jumpy checkpoint (billiards2d); untrained hidden 128 when absent.") var model: String?
    @Option(help: "Where to write the GIF (not written when absent).") var output: String?

    func run() throws {
        Threads.set(measurement.threads)
        let data = try Dataset.generate(.billiards2d, options: DatasetOptions(n: 20, seed: 1)).test.batch(0..<1)   // [45, 1, 4]
        let net = try model.map { try SequenceModel.load(from: $0) }
            ?? SequenceModel(ModelConfiguration(kind: .jumpy, observationWidth: 4, hidden: 128, rnn: 128), seed: 0)
        let rollout = net.rollout(data)
        let frames = data.shape[0]
        let times = (0...((frames - 1) * slow)).map { Double($0) / Double(slow) }

        var table: TableView!
        let prepare = seconds {
            let truth = Track(frames: [0, 1].map { b in (0..<frames).map { f in Point(Double(data.scalars[f * 4 + 2 * b]), Double(data.scalars[f * 4 + 2 * b + 1])) } })
            let samples = rollout.interpolate(at: times.map(Float.init)).scalars        // [Q, 1, 4]
            let model = Track(times: times, balls: [0, 1].map { b in times.indices.map { q in Point(Double(samples[q * 4 + 2 * b]), Double(samples[q * 4 + 2 * b + 1])) } })
            table = TableView(truth: truth, model: model, ticks: rollout.ticks(of: 0).map { Double($0.time) })
        }
        var animation: Animation!
        var images: [RGBImage] = []
        let draw = seconds {
            animation = table.animation(slow: slow, size: size)
            images = animation.frames.map { $0.raster() }
        }
        var bytes: [UInt8] = []
        let encode = try seconds {
            bytes = try GIFImage.encode(frames: images.map(\.bytes), width: images[0].width, height: images[0].height, delay: animation.delay)
        }
        if let output { try AtomicFile.write(bytes, to: output) }

        let label = "\(animation.frames.count) frames of \(images[0].width)×\(images[0].height)"
        let parameters: [(String, Figure.CaseValue)] = [("slow", .int(slow)), ("size", .int(size)), ("frames", .int(animation.frames.count))]
        report(Figure(bench: "figures", parameters: parameters + [("part", .string("interpolate"))], value: prepare, unit: "s",
                      label: "rollout interpolated at \(times.count) times"), json: measurement.json)
        report(Figure(bench: "figures", parameters: parameters + [("part", .string("draw"))], value: draw, unit: "s",
                      label: "figures rasterised, \(label)"), json: measurement.json)
        report(Figure(bench: "figures", parameters: parameters + [("part", .string("encode"))], value: encode, unit: "s",
                      label: "GIF encoded (palette + giflib), target < 0.3 s"), json: measurement.json)
        report(Figure(bench: "figures", parameters: parameters + [("part", .string("bytes"))], value: Double(bytes.count), unit: "bytes",
                      label: "GIF size"), json: measurement.json)
    }
}
