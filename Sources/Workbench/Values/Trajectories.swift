import Tensor

/// A batch of trajectories, `[time, batch, features]`: a dataset's `train` or `test` part, or
/// some of its trajectories (`data.test[0]`, `data.test[0:8]`). Indexing selects along the
/// batch axis and keeps all three axes.
///
///     data.test          trajectories [45, 200, 4]
///     data.test[3]       trajectories [45, 1, 4]
///     data.test[0:8]     trajectories [45, 8, 4]
public struct Trajectories: IndexableObject, TensorBacked {
    public static let typeName = "trajectories"
    /// `[T, B, F]`
    public let tensor: Tensor
    /// Where they came from, for messages: `data.test`.
    public let origin: String
    /// The world they came from, for pictures (nil when unknown).
    public let scene: Scene?

    public init(_ tensor: Tensor, origin: String = "", scene: Scene? = nil) {
        precondition(tensor.rank == 3, "trajectories are [time, batch, features], got \(tensor.shape)")
        self.tensor = tensor
        self.origin = origin
        self.scene = scene
    }

    public var frames: Int { tensor.shape[0] }
    public var count: Int { tensor.shape[1] }
    public var features: Int { tensor.shape[2] }

    public var summary: String { "trajectories \(tensor.shape)" }
    public var details: String {
        var text = "\(count) trajector\(count == 1 ? "y" : "ies") of \(frames) frames, \(features) features\n" + TensorSummary.describe(tensor)
        // A handful of numbers (an interpolation at a few times) reads better as a table.
        if frames <= 8 && tensor.count <= 96 {
            for b in 0..<count {
                text += "\n  trajectory \(b):"
                for t in 0..<frames {
                    let row = (0..<features).map { NumberFormat.significant(Double(tensor.scalars[(t * count + b) * features + $0]), digits: 4) }
                    text += "\n    [\(t)] " + row.joined(separator: "  ")
                }
            }
        }
        return text
    }

    public var fieldNames: [String] { ["frames", "count", "features"] }
    public func field(_ name: String) -> Value? {
        switch name {
        case "frames": return .number(Double(frames))
        case "count": return .number(Double(count))
        case "features": return .number(Double(features))
        default: return nil
        }
    }

    public var elementCount: Int { count }
    public var elementName: String { "trajectory" }

    /// `[T, j − i, F]`, copied out of the batch axis.
    public func elements(_ range: Range<Int>) -> Value {
        let suffix = range.count == 1 ? "[\(range.lowerBound)]" : "[\(range.lowerBound):\(range.upperBound)]"
        return .object(Trajectories(tensor.batch(range), origin: origin + suffix, scene: scene))
    }
}
