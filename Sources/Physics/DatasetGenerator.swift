import Tensor

/// Fills a dataset's tensors, trajectory by trajectory, each from its own generator
/// (`TrajectorySeeds`). Works on validated options only (`Dataset.generate` checks first).
///
/// Every world simulates one trajectory into a small Double scratch buffer (allocated once per
/// dataset) and converts it to Float32 in place in the final arrays.
struct DatasetGenerator {
    static let imageSide = 28

    let kind: DatasetKind
    let options: DatasetOptions
    /// Told every 256 trajectories how many are done, and asked then whether to stop.
    var work = LongWork.unwatched

    /// The dataset, or nil when `work` was cancelled.
    func run() -> Dataset? {
        switch kind {
        case .lines: return curve(frames: LinesWorld.frames, parameters: [("x", "linspace(0, 2.1, 21)"), ("y", "uniform [0, 1)")]) { rng, out in
            LinesWorld.trajectory(using: &rng, into: out)
        }
        case .circles: return curve(frames: CirclesWorld.frames, parameters: [
            ("radius", "uniform [1, 2]"), ("arc", "1.45·6.28"), ("arc step", "0.3")]) { rng, out in
            CirclesWorld.trajectory(using: &rng, into: out)
        }
        case .billiards1d, .billiards2d, .pixels1d, .pixels2d: return billiards()
        case .shots: return shots()
        }
    }

    var n: Int { options.n }

    func common(_ extra: [(String, String)]) -> [DatasetParameter] {
        var list = [DatasetParameter("world", kind.rawValue), DatasetParameter("n", String(n)),
                    DatasetParameter("seed", String(options.seed)),
                    DatasetParameter("split", DatasetOptions.text(options.split))]
        if let radius = options.radius { list.append(DatasetParameter("radius", DatasetOptions.text(radius))) }
        if let balls = options.balls { list.append(DatasetParameter("balls", String(balls))) }
        if let start = options.start { list.append(DatasetParameter("start", start.rawValue)) }
        if let physics = options.physics { list.append(DatasetParameter("physics", physics.rawValue)) }
        return list + extra.map { DatasetParameter($0.0, $0.1) }
    }

    /// Lines and circles: `[frames, 2]` per trajectory.
    func curve(frames: Int, parameters: [(String, String)],
               _ draw: (inout SeededGenerator, UnsafeMutablePointer<Double>) -> Void) -> Dataset? {
        var buffer = SplitBuffer(frames: frames, width: 2, count: n, trainCount: options.trainCount)
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: frames * 2)
        defer { scratch.deallocate() }
        for index in 0..<n {
            if index % 256 == 0 && work.shouldStop(afterReporting: index, of: n) { return nil }
            var rng = TrajectorySeeds.generator(seed: options.seed, index: index)
            draw(&rng, scratch)
            buffer.write(index, from: scratch, sourceWidth: 2, columns: [0, 1])
        }
        let (train, test) = buffer.tensors()
        return Dataset(kind: kind, options: options, parameters: common([("frames", String(frames))] + parameters),
                       train: train, test: test, featureNames: ["x", "y"], auxiliaryWidth: 0)
    }

    /// Billiards and their pixel renderings.
    func billiards() -> Dataset? {
        let balls = options.balls!, radius = options.radius!
        let world = BilliardsWorld(balls: balls, radius: radius, oneDimensional: kind.isOneDimensional,
                                   physics: options.physics!)
        let frames = world.frames
        let positionColumns = (0..<balls).flatMap { [4 * $0, 4 * $0 + 1] }
        let coordinateNames = (1...balls).flatMap { ["x\($0)", "y\($0)"] }
        var coordinates = SplitBuffer(frames: frames, width: 2 * balls, count: n, trainCount: options.trainCount)
        let side = Self.imageSide
        var pixels = kind.isPixels
            ? SplitBuffer(frames: frames, width: side * side, count: n, trainCount: options.trainCount) : nil
        let renderer = DiscRenderer(side: side, radius: radius)

        let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: world.trajectoryCount)
        defer { scratch.deallocate() }
        for index in 0..<n {
            if index % 256 == 0 && work.shouldStop(afterReporting: index, of: n) { return nil }
            var rng = TrajectorySeeds.generator(seed: options.seed, index: index)
            world.record(from: world.start(using: &rng), into: scratch)
            let states = UnsafePointer(scratch.baseAddress!)
            coordinates.write(index, from: states, sourceWidth: 4 * balls, columns: positionColumns)
            pixels?.withTrajectory(index) { base, stride in
                for t in 0..<frames {
                    let frame = states + t * 4 * balls
                    for b in 0..<balls {
                        renderer.draw(x: frame[4 * b], y: frame[4 * b + 1], into: base + t * stride)
                    }
                }
            }
        }
        let constants: [(String, String)] = [
            ("frames", String(frames)), ("steps per frame", String(world.stepsPerFrame)),
            ("dt", DatasetOptions.text(world.stepDuration)), ("speed", "1"),
        ]
        let (train, test) = coordinates.tensors()
        guard let pixels else {
            return Dataset(kind: kind, options: options, parameters: common(constants),
                           train: train, test: test, featureNames: coordinateNames, auxiliaryWidth: 0)
        }
        let (trainPixels, testPixels) = pixels.tensors()
        return Dataset(kind: kind, options: options,
                       parameters: common(constants + [("image", "\(side)x\(side)")]),
                       train: trainPixels, test: testPixels,
                       featureNames: (0..<(side * side)).map { "p\($0)" }, auxiliaryWidth: 0,
                       trainCoordinates: train, testCoordinates: test, imageSide: side)
    }

    /// The shot task: each trajectory is a random start and a random action at frame 3, stored
    /// as the reference's models see it (`ShotRows`: positions, then the action columns).
    func shots() -> Dataset? {
        let task = ShotTask(start: options.start!, physics: options.physics!)
        let frames = task.frames, width = ShotRows.width
        var buffer = SplitBuffer(frames: frames, width: width, count: n, trainCount: options.trainCount)
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: frames * width)
        defer { scratch.deallocate() }
        let states = UnsafeMutablePointer<Double>.allocate(capacity: frames * 8)
        defer { states.deallocate() }
        for index in 0..<n {
            if index % 256 == 0 && work.shouldStop(afterReporting: index, of: n) { return nil }
            var rng = TrajectorySeeds.generator(seed: options.seed, index: index)
            let start = task.start(using: &rng)
            let action = task.randomAction(using: &rng)
            _ = task.play(from: start, action: action, into: states)
            ShotRows.write(states: states, frames: frames, action: action, into: scratch)
            buffer.write(index, from: scratch, sourceWidth: width, columns: Array(0..<width))
        }
        let (train, test) = buffer.tensors()
        return Dataset(kind: kind, options: options,
                       parameters: common([
                           ("frames", String(frames)), ("steps per frame", String(task.stepsPerFrame)),
                           ("dt", DatasetOptions.text(task.stepDuration)), ("radius", "0.1"),
                           ("action frame", String(task.actionFrame)),
                           ("action limit", DatasetOptions.text(task.actionLimit)),
                           ("target", "x > 0.8 and y < 0.2 (object ball)"),
                       ]),
                       train: train, test: test, featureNames: ShotRows.names,
                       auxiliaryWidth: ShotRows.auxiliaryWidth)
    }
}
