/// The seven worlds a dataset can come from, by the names the workbench uses.
public enum DatasetKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case lines, circles, billiards1d, billiards2d, pixels1d, pixels2d, shots

    public var description: String { rawValue }

    /// Frames a trajectory has (time extent of the tensors).
    public var frames: Int {
        switch self {
        case .lines: return LinesWorld.frames
        case .circles: return CirclesWorld.frames
        case .billiards1d, .billiards2d, .pixels1d, .pixels2d, .shots: return 45
        }
    }

    /// Whether the world is made of balls (so `radius` and `balls` apply).
    public var hasBalls: Bool {
        switch self {
        case .billiards1d, .billiards2d, .pixels1d, .pixels2d: return true
        case .lines, .circles, .shots: return false
        }
    }

    public var isPixels: Bool { self == .pixels1d || self == .pixels2d }
    public var isOneDimensional: Bool { self == .billiards1d || self == .pixels1d }

    /// The law that moves this world's balls when `physics=` is not given; nil for the worlds
    /// without balls. The shot task keeps the reference's law, the blog's; the others the
    /// exact one they have always had.
    public var defaultPhysics: BallPhysics? {
        switch self {
        case .lines, .circles: return nil
        case .billiards1d, .billiards2d, .pixels1d, .pixels2d: return .exact
        case .shots: return .reference
        }
    }

    /// The options this world accepts, in the order they are described.
    public var optionNames: [String] {
        switch self {
        case .lines, .circles: return ["n", "seed", "split"]
        case .billiards1d, .billiards2d, .pixels1d, .pixels2d: return ["n", "seed", "split", "radius", "balls", "physics"]
        case .shots: return ["n", "seed", "split", "start", "physics"]
        }
    }

}
