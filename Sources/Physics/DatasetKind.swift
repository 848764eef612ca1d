/// The seven worlds a dataset can come from, by the names the workbench uses.
public enum DatasetKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case lines, circles, billiards1d, billiards2d, pixels1d, pixels2d, shots

    public var description: String { rawValue }

    /// The world called `name`, or an error suggesting the nearest known name.
    public init(validating name: String) throws(PhysicsError) {
        if let kind = DatasetKind(rawValue: name.lowercased()) {
            self = kind
            return
        }
        let names = DatasetKind.allCases.map(\.rawValue)
        throw .unknownWorld(name: name, suggestion: nearest(to: name.lowercased(), in: names),
                            known: names)
    }

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

    /// Options that take a word, not a number.
    static let wordOptions: Set<String> = ["start", "physics"]
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo
/// (at most a third of the word's length, and at least 1, edits).
func nearest(to word: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(word, $0)) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(1, (word.count + 2) / 3) ? best.0 : nil
}

/// Levenshtein distance over characters.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        for j in stride(from: 1, through: b.count, by: 1) {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
