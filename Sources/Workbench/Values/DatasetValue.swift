import Physics
import Tensor

/// A dataset as the workbench holds it: train and test trajectories plus what describes
/// them. Made by `dataset` (from the Physics worlds) or by `load` (from a safetensors file
/// written by `save`).
///
///     data.train      trajectories [45, 1800, 4]
///     data.test[0]    trajectories [45, 1, 4]
///     data.n, data.seed, data.frames, data.features, data.world
public struct DatasetValue: WorkbenchObject, SavableObject {
    public static let typeName = "dataset"
    /// The world's name (`billiards2d`).
    public let world: String
    /// The generation options as `key=value` text (`n=2000 seed=0 split=0.9 …`), which
    /// `dataset WORLD …` turns back into this dataset.
    public let options: String
    /// `[T, B_train, F]`
    public let train: Tensor
    /// `[T, B_test, F]`
    public let test: Tensor
    /// One name per feature column.
    public let featureNames: [String]
    /// Further descriptive `key: value` lines for `show` (world constants).
    public let notes: [(String, String)]
    /// The generated dataset, when made by `dataset` (pixel coordinates, auxiliary columns);
    /// nil when loaded from a file.
    public let generated: Dataset?
    /// Trailing columns models read but are not scored on (the shot task's action).
    public let auxiliaryWidth: Int

    public init(world: String, options: String, train: Tensor, test: Tensor,
                featureNames: [String], notes: [(String, String)] = [], generated: Dataset? = nil,
                auxiliaryWidth: Int = 0) {
        self.auxiliaryWidth = auxiliaryWidth
        self.world = world
        self.options = options
        self.train = train
        self.test = test
        self.featureNames = featureNames
        self.notes = notes
        self.generated = generated
    }

    /// The workbench's view of a Physics dataset.
    public init(_ dataset: Dataset) {
        let optionKeys: Set<String> = ["world", "n", "seed", "split", "radius", "balls", "start", "physics"]
        self.init(world: dataset.name, options: dataset.options.description,
                  train: dataset.train, test: dataset.test, featureNames: dataset.featureNames,
                  notes: dataset.parameters.filter { !optionKeys.contains($0.key) }.map { ($0.key, $0.value) },
                  generated: dataset, auxiliaryWidth: dataset.auxiliaryWidth)
    }

    public var frames: Int { train.shape[0] }
    public var features: Int { train.shape[2] }
    public var n: Int { train.shape[1] + test.shape[1] }

    /// The `seed=` option, if the options name one.
    public var seed: Int? {
        options.split(separator: " ").first { $0.hasPrefix("seed=") }.flatMap { Int($0.dropFirst(5)) }
    }

    public var summary: String {
        "dataset \(world): train \(train.shape), test \(test.shape)"
    }

    public var details: String {
        var lines = ["dataset \(world) \(options)",
                     "  train  \(TensorSummary.describe(train))",
                     "  test   \(TensorSummary.describe(test))",
                     "  features \(featureNames.count <= 12 ? featureNames.joined(separator: " ") : "\(featureNames.prefix(6).joined(separator: " ")) … (\(featureNames.count))")"]
        lines += notes.map { "  \($0.0): \($0.1)" }
        return lines.joined(separator: "\n")
    }

    public var fieldNames: [String] {
        ["train", "test", "n", "seed", "frames", "features", "world"]
            + (generated?.trainCoordinates != nil ? ["train_coords", "test_coords"] : [])
    }

    public func field(_ name: String) -> Value? {
        switch name {
        case "train": return .object(Trajectories(train, origin: "train", scene: Scene(self)))
        case "test": return .object(Trajectories(test, origin: "test", scene: Scene(self)))
        case "n": return .number(Double(n))
        case "seed": return seed.map { .number(Double($0)) }
        case "frames": return .number(Double(frames))
        case "features": return .number(Double(features))
        case "world": return .string(world)
        // Pixel worlds keep the balls' coordinates alongside the frames, for evaluation.
        case "train_coords": return generated?.trainCoordinates.map { .object(Trajectories($0, origin: "train_coords")) }
        case "test_coords": return generated?.testCoordinates.map { .object(Trajectories($0, origin: "test_coords")) }
        default: return nil
        }
    }
}
