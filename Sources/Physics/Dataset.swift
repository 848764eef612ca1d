import Tensor

/// One named generation setting of a dataset, for describing it (`key=value`).
public struct DatasetParameter: Sendable, Equatable {
    public let key: String
    public let value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}

/// A generated dataset: train and test tensors `[T, B, F]` (Float32), plus everything needed
/// to describe and regenerate it (world, options with their seed).
///
///     let data = try Dataset.generate(.billiards2d, options: DatasetOptions(n: 2000, seed: 0))
///     data.train.shape          // [45, 1800, 4]
///     data.description          // "billiards2d n=2000 seed=0 split=0.9 radius=0.1 balls=2: …"
///     let shots = try Dataset.generate(.shots, options: DatasetOptions(n: 100, start: .rest))
///     let again = try Dataset.generate(data.kind, options: data.options)   // bit-identical
///
/// Trajectory `i` (train first, then test) draws only from
/// `TrajectorySeeds.generator(seed:index:)`, so it does not depend on `n`, and the pixel worlds
/// show exactly the trajectories of the billiards worlds with the same options.
public struct Dataset: Sendable {
    public let kind: DatasetKind
    /// The validated options, defaults filled in: `generate(kind, options:)` rebuilds this.
    public let options: DatasetOptions
    /// Options and world constants, in a fixed order, for `show`-style descriptions.
    public let parameters: [DatasetParameter]
    /// `[T, ⌊n · split⌋, F]`
    public let train: Tensor
    /// `[T, n − ⌊n · split⌋, F]`
    public let test: Tensor
    /// One name a feature column (`x1`, `y1`, …; `p0`… for pixels, row-major).
    public let featureNames: [String]
    /// Trailing feature columns that models read but are not scored on (the shot task's two
    /// action columns); 0 elsewhere.
    public let auxiliaryWidth: Int
    /// Pixel worlds only: ball positions `[T, B, 2 · balls]` (`x1, y1, x2, y2, …`) beside the
    /// frames, for evaluation.
    public let trainCoordinates: Tensor?
    public let testCoordinates: Tensor?
    /// Pixel worlds only: frames are `imageSide × imageSide` (see `DiscRenderer` for the
    /// mapping from the unit box).
    public let imageSide: Int?

    public var name: String { kind.rawValue }
    public var seed: UInt64 { options.seed }
    public var frames: Int { train.shape[0] }
    public var features: Int { train.shape[2] }

    /// `billiards2d n=10000 seed=0 split=0.9 radius=0.1 balls=2: train [45, 9000, 4], test [45, 1000, 4]`
    public var description: String {
        "\(name) \(options): train \(train.shape), test \(test.shape)"
    }

    /// The dataset of world `kind` with `options`, validated first. `work` is told every 256
    /// trajectories how many are done and asked then whether to stop; when it is cancelled,
    /// generation stops with `PhysicsError.interrupted`.
    public static func generate(_ kind: DatasetKind, options: DatasetOptions = DatasetOptions(),
                                work: LongWork = .unwatched) throws(PhysicsError) -> Dataset {
        let checked = try options.validated(for: kind)
        guard let dataset = DatasetGenerator(kind: kind, options: checked, work: work).run() else {
            throw PhysicsError.interrupted
        }
        return dataset
    }

    init(kind: DatasetKind, options: DatasetOptions, parameters: [DatasetParameter],
         train: Tensor, test: Tensor, featureNames: [String], auxiliaryWidth: Int,
         trainCoordinates: Tensor? = nil, testCoordinates: Tensor? = nil, imageSide: Int? = nil) {
        self.kind = kind
        self.options = options
        self.parameters = parameters
        self.train = train
        self.test = test
        self.featureNames = featureNames
        self.auxiliaryWidth = auxiliaryWidth
        self.trainCoordinates = trainCoordinates
        self.testCoordinates = testCoordinates
        self.imageSide = imageSide
    }

    /// Features a frame has in world `kind` with `balls` balls.
    public static func featureCount(_ kind: DatasetKind, balls: Int = 2) -> Int {
        switch kind {
        case .lines, .circles: return 2
        case .billiards1d, .billiards2d: return 2 * balls
        case .pixels1d, .pixels2d: return DatasetGenerator.imageSide * DatasetGenerator.imageSide
        case .shots: return ShotRows.width
        }
    }

    /// Scalars one trajectory stores, counting the coordinates kept beside pixel frames.
    static func scalarsPerTrajectory(_ kind: DatasetKind, balls: Int) -> Int {
        kind.frames * (featureCount(kind, balls: balls) + (kind.isPixels ? 2 * balls : 0))
    }
}
