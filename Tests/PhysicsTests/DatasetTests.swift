import Testing
import Tensor
@testable import Physics

/// Shapes, splits, reproducibility and the geometry of the simple worlds.
@Suite struct DatasetTests {
    @Test(arguments: DatasetKind.allCases)
    func shapesAndSplit(_ kind: DatasetKind) throws {
        let data = try Dataset.generate(kind, options: DatasetOptions(n: 20, seed: 1))
        let width = Dataset.featureCount(kind)
        #expect(data.train.shape == [kind.frames, 18, width])
        #expect(data.test.shape == [kind.frames, 2, width])
        #expect(data.featureNames.count == width)
        #expect(data.auxiliaryWidth == (kind == .shots ? 2 : 0))
        let finite = data.train.scalars.allSatisfy { $0.isFinite }
        #expect(finite)
        #expect((data.trainCoordinates != nil) == kind.isPixels)
        if kind.isPixels {
            #expect(data.trainCoordinates?.shape == [45, 18, 4])
            #expect(data.testCoordinates?.shape == [45, 2, 4])
            #expect(data.imageSide == 28)
        }
        #expect(data.description.hasPrefix("\(kind.rawValue) n=20 seed=1 split=0.9"))
    }

    @Test(arguments: DatasetKind.allCases)
    func sameSeedSameDatasetBitForBit(_ kind: DatasetKind) throws {
        let options = DatasetOptions(n: 30, seed: 42)
        let a = try Dataset.generate(kind, options: options)
        let b = try Dataset.generate(a.kind, options: a.options)
        #expect(a.train.scalars == b.train.scalars)
        #expect(a.test.scalars == b.test.scalars)
        let c = try Dataset.generate(kind, options: DatasetOptions(n: 30, seed: 43))
        #expect(a.train.scalars != c.train.scalars)
        #expect(a.test.scalars != c.test.scalars)
    }

    @Test func trajectoriesDependOnlyOnSeedAndIndex() throws {
        let small = try Dataset.generate(.billiards2d, options: DatasetOptions(n: 10, seed: 7))
        let large = try Dataset.generate(.billiards2d, options: DatasetOptions(n: 100, seed: 7))
        // Trajectories 0..<9 sit in both train parts: [45, B, 4], batch stride 4.
        for t in 0..<45 {
            for b in 0..<9 {
                for f in 0..<4 {
                    #expect(small.train.scalars[(t * 9 + b) * 4 + f] == large.train.scalars[(t * 90 + b) * 4 + f])
                }
            }
        }
    }

    @Test(arguments: BallPhysics.allCases)
    func pixelWorldsShowTheBilliardsTrajectories(physics: BallPhysics) throws {
        let options = DatasetOptions(n: 10, seed: 3, physics: physics)
        for (pixels, coordinates) in [(DatasetKind.pixels2d, DatasetKind.billiards2d), (.pixels1d, .billiards1d)] {
            let p = try Dataset.generate(pixels, options: options)
            let c = try Dataset.generate(coordinates, options: options)
            #expect(p.trainCoordinates?.scalars == c.train.scalars)
            #expect(p.testCoordinates?.scalars == c.test.scalars)
            #expect(p.train.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
        }
    }

    @Test func billiardsStartAtUnitSpeedInsideTheBox() throws {
        let data = try Dataset.generate(.billiards2d, options: DatasetOptions(n: 50, seed: 2))
        let s = data.train.scalars, batch = data.train.shape[1]
        for b in 0..<batch {
            // Frame 0 → frame 1 is 5 steps of 0.01: without contacts a ball moves 0.05.
            for t in 0..<45 {
                for f in 0..<4 { #expect(s[(t * batch + b) * 4 + f] >= 0.1 - 1e-6 && s[(t * batch + b) * 4 + f] <= 0.9 + 1e-6) }
            }
        }
        let d1 = try Dataset.generate(.billiards1d, options: DatasetOptions(n: 20, seed: 2))
        #expect(stride(from: 0, to: d1.train.scalars.count, by: 2).allSatisfy { d1.train.scalars[$0] == 0.5 })
    }

    @Test func linesHaveTheReferenceGeometry() throws {
        let data = try Dataset.generate(.lines, options: DatasetOptions(n: 40, seed: 9))
        let s = data.train.scalars, batch = data.train.shape[1]
        var heights: Set<Float> = []
        for b in 0..<batch {
            let y0 = s[b * 2 + 1]
            heights.insert(y0)
            #expect(y0 >= 0 && y0 < 1)
            for t in 0..<21 {
                #expect(s[(t * batch + b) * 2] == Float(LinesWorld.x(frame: t)))
                #expect(abs(Double(s[(t * batch + b) * 2]) - 0.105 * Double(t)) < 1e-6)  // constant speed
                #expect(s[(t * batch + b) * 2 + 1] == y0)                                // constant height
            }
        }
        #expect(s[(20 * batch) * 2] == 2.1)
        #expect(heights.count == batch)
    }

    @Test func circlesHaveConstantRadiusAndSpeed() throws {
        let data = try Dataset.generate(.circles, options: DatasetOptions(n: 100, seed: 4))
        let s = data.train.scalars, batch = data.train.shape[1]
        func point(_ t: Int, _ b: Int) -> SIMD2<Double> {
            SIMD2(Double(s[(t * batch + b) * 2]), Double(s[(t * batch + b) * 2 + 1]))
        }
        for b in 0..<batch {
            let radius = (point(0, b) * point(0, b)).sum().squareRoot()
            #expect(radius >= 1 && radius <= 2)
            let step = (point(1, b) - point(0, b))
            let chord = (step * step).sum().squareRoot()
            // Arc-length step ≈ 0.3: L / (⌊L / 0.3⌋ − 1) for L = r · 1.45 · 6.28 ≥ 9.1 lies in
            // (0.3, 0.3 · 31 / 29 ≈ 0.3207); the chord is a hair shorter than the arc.
            #expect(chord > 0.299 && chord < 0.3207)
            for t in 0..<30 {
                let r = (point(t, b) * point(t, b)).sum().squareRoot()
                #expect(abs(r - radius) < 1e-5)
                if t > 0 {
                    let d = point(t, b) - point(t - 1, b)
                    #expect(abs((d * d).sum().squareRoot() - chord) < 1e-5)
                }
            }
        }
    }

    @Test func shotsDatasetStoresPositionsAndTheActionAtFrameThreeOnly() throws {
        let data = try Dataset.generate(.shots, options: DatasetOptions(n: 50, seed: 5))
        #expect(data.features == 6)
        #expect(data.featureNames == ["object.x", "object.y", "cue.x", "cue.y", "action.x", "action.y"])
        let s = data.train.scalars, batch = data.train.shape[1]
        #expect(data.options.start == .mixed && data.options.physics == .reference)
        let task = ShotTask(start: .mixed, physics: .reference)
        for b in 0..<batch {
            // Replayed by hand: the trajectory's generator draws the start, then the action.
            var rng = TrajectorySeeds.generator(seed: 5, index: b)
            let start = task.start(using: &rng)
            let action = task.randomAction(using: &rng)
            let outcome = task.play(from: start, action: action)
            for t in 0..<45 {
                let row = Array(s[((t * batch + b) * 6)..<((t * batch + b) * 6 + 6)])
                let object = outcome.position(ball: ShotTask.objectBall, frame: t)
                let cue = outcome.position(ball: ShotTask.cueBall, frame: t)
                #expect(row[0] == Float(object.x) && row[1] == Float(object.y))
                #expect(row[2] == Float(cue.x) && row[3] == Float(cue.y))
                if t == 3 {
                    #expect(row[4] == Float(action.x) && row[5] == Float(action.y))
                    #expect(abs(row[4]) <= 1.2 && abs(row[5]) <= 1.2 && (row[4] != 0 || row[5] != 0))
                } else {
                    #expect(row[4] == 0 && row[5] == 0)
                }
            }
        }
    }
}
