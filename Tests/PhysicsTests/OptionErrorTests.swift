import Testing
@testable import Physics
import Tensor

/// Every kind of bad option a world refuses, with the exact message a user will read. (Names
/// and words are the workbench's to check: `DatasetCommandTests` there.)
@Suite struct OptionErrorTests {
    func message(_ kind: DatasetKind, _ options: DatasetOptions = DatasetOptions()) -> String? {
        do {
            _ = try Dataset.generate(kind, options: options)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func anOptionOutsideTheBallWorldsIsUnknown() {
        #expect(message(.lines, DatasetOptions(radius: 0.1)) == "lines has no option 'radius' (options: n, seed, split)")
        #expect(message(.circles, DatasetOptions(balls: 3)) == "circles has no option 'balls' (options: n, seed, split)")
        // In name order, whichever is checked first: balls before physics before radius before start.
        #expect(message(.lines, DatasetOptions(radius: 0.1, balls: 3)) == "lines has no option 'balls' (options: n, seed, split)")
        #expect(message(.lines, DatasetOptions(radius: 0.1, physics: .exact))
            == "lines has no option 'physics': it has no balls (physics applies to billiards1d, billiards2d, pixels1d, pixels2d, shots)")
        // Names before values: the split is not reached.
        #expect(message(.lines, DatasetOptions(split: 1, start: .rest)) == "lines has no option 'start': it has no balls (start applies to shots)")
    }

    @Test func trajectoryCountOutOfRange() {
        let range = "n must be an integer in 1...1000000"
        #expect(message(.lines, DatasetOptions(n: 0)) == "n = 0 is out of range: \(range)")
        #expect(message(.lines, DatasetOptions(n: -5)) == "n = -5 is out of range: \(range)")
        #expect(message(.lines, DatasetOptions(n: 2_000_000)) == "n = 2000000 is out of range: \(range)")
        #expect(throws: PhysicsError.self) { try Dataset.generate(.circles, options: DatasetOptions(n: 0)) }
    }

    @Test func trajectoryCountTooLargeForMemory() {
        // pixels2d: 45 · (784 + 4) scalars a trajectory; 2³⁰ / 35 460 = 30 280.
        #expect(message(.pixels2d, DatasetOptions(n: 40000)) == "n = 40000 is too large for pixels2d: 1418400000 scalars "
            + "exceed the cap of 1073741824 (4 GiB of Float32); n must be in 1...30280")
    }

    @Test func splitOutOfRangeOrLeavingAPartEmpty() {
        #expect(message(.circles, DatasetOptions(split: 1)) == "split = 1 is out of range: split must be in (0, 1), exclusive")
        #expect(message(.circles, DatasetOptions(split: 0)) == "split = 0 is out of range: split must be in (0, 1), exclusive")
        #expect(message(.circles, DatasetOptions(split: -0.5)) == "split = -0.5 is out of range: split must be in (0, 1), exclusive")
        #expect(message(.circles, DatasetOptions(n: 1)) == "split = 0.9 with n = 1 gives 0 train and 1 test trajectories: "
            + "each part needs at least one; raise n or move split toward 0.5")
        #expect(message(.circles, DatasetOptions(n: 20, split: 0.99)) == nil)   // 19 train, 1 test
        #expect(message(.circles, DatasetOptions(n: 10, split: 0.05)) == "split = 0.05 with n = 10 gives 0 train and 10 test trajectories: "
            + "each part needs at least one; raise n or move split toward 0.5")
    }

    @Test func radiusThatCannotFitTheBalls() {
        #expect(message(.billiards2d, DatasetOptions(radius: 0.3)) == "radius = 0.3 leaves no room for 2 balls in the 2-D unit box: "
            + "radius must be in (0, 0.247] for 2 balls")
        #expect(message(.billiards1d, DatasetOptions(radius: 0.15, balls: 4)) == "radius = 0.15 leaves no room for 4 balls in the 1-D unit box: "
            + "radius must be in (0, 0.1] for 4 balls")
        #expect(message(.pixels2d, DatasetOptions(radius: 0)) == "radius = 0 leaves no room for 2 balls in the 2-D unit box: "
            + "radius must be in (0, 0.247] for 2 balls")
        #expect(message(.billiards2d, DatasetOptions(n: 20, radius: 0.175, balls: 4)) == nil)
    }

    @Test func ballCountAndSeedOutOfRange() {
        #expect(message(.billiards2d, DatasetOptions(balls: 5)) == "balls = 5 is out of range: balls must be an integer in 2...4")
        #expect(message(.billiards2d, DatasetOptions(balls: 1)) == "balls = 1 is out of range: balls must be an integer in 2...4")
        #expect(message(.lines, DatasetOptions(seed: DatasetOptions.maximumSeed + 1))
            == "seed = 9007199254740993 is out of range: seed must be an integer in 0...9007199254740992")
        #expect(message(.lines, DatasetOptions(n: 20, seed: DatasetOptions.maximumSeed)) == nil)
    }

    @Test func startAndPhysicsTakeTheirCases() {
        #expect(message(.shots, DatasetOptions(n: 20, start: .rest, physics: .exact)) == nil)
        #expect(message(.billiards2d, DatasetOptions(n: 20, physics: .reference)) == nil)
    }

    @Test func startAndPhysicsAreRefusedWhereTheyDoNotApply() throws {
        #expect(message(.lines, DatasetOptions(physics: .exact))
            == "lines has no option 'physics': it has no balls (physics applies to billiards1d, billiards2d, pixels1d, pixels2d, shots)")
        #expect(message(.billiards2d, DatasetOptions(start: .rest))
            == "billiards2d has no option 'start': its balls always start at unit speed (start applies to shots)")
        #expect(message(.circles, DatasetOptions(start: .rest)) == "circles has no option 'start': it has no balls (start applies to shots)")
        #expect(throws: PhysicsError.inapplicableOption(name: "start", world: "pixels2d", reason: "its balls always start at unit speed",
                                                        worlds: ["shots"])) {
            try Dataset.generate(.pixels2d, options: DatasetOptions(n: 10, start: .rest))
        }
        #expect(throws: PhysicsError.self) { try Dataset.generate(.lines, options: DatasetOptions(n: 10, physics: .reference)) }
    }

    /// Generation tells its `LongWork` every 256 trajectories and stops with `interrupted` when
    /// cancelled; watched or not, the data is the same.
    @Test func generationReportsEvery256TrajectoriesAndCanBeCancelled() throws {
        var reports: [Int] = []
        let watched = try Dataset.generate(.lines, options: DatasetOptions(n: 600, seed: 2),
                                           work: LongWork(report: { done, total in reports.append(done); #expect(total == 600) }))
        #expect(reports == [0, 256, 512])
        #expect(watched.train.scalars == (try Dataset.generate(.lines, options: DatasetOptions(n: 600, seed: 2))).train.scalars)
        var asked = 0
        #expect(throws: PhysicsError.interrupted) {
            try Dataset.generate(.lines, options: DatasetOptions(n: 600), work: LongWork(isCancelled: { asked += 1; return asked == 2 }))
        }
        #expect(asked == 2)
    }

    @Test func goodOptionsAreDescribedWithTheirDefaults() throws {
        let data = try Dataset.generate(.billiards2d, options: DatasetOptions(n: 20, seed: 3))
        #expect(data.options.description == "n=20 seed=3 split=0.9 radius=0.1 balls=2")
        #expect(data.parameters.prefix(6).map { "\($0.key)=\($0.value)" }
            == ["world=billiards2d", "n=20", "seed=3", "split=0.9", "radius=0.1", "balls=2"])
    }
}
