/// What pictures need to know about where trajectories came from: the world (which view
/// draws them) and the balls' radius. Carried by `data.test[0]` and by rollouts made from it;
/// trajectories loaded from an .npy file have none, and pictures guess from the width.
public struct Scene: Sendable, Equatable {
    public var world: String
    public var radius: Double

    public init(world: String, radius: Double = 0.1) {
        self.world = world; self.radius = radius
    }

    /// The dataset's world and its `radius=` option (0.1 when it has none).
    public init(_ dataset: DatasetValue) {
        let radius = dataset.options.split(separator: " ").first { $0.hasPrefix("radius=") }.flatMap { Double($0.dropFirst(7)) }
        self.init(world: dataset.world, radius: radius ?? 0.1)
    }
}
