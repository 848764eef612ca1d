import Testing
@testable import Physics

/// Every kind of bad input, with the exact message a user will read.
@Suite struct OptionErrorTests {
    func message(_ name: String, _ options: [String: Double] = [:], words: [String: String] = [:]) -> String? {
        do {
            _ = try Dataset.generate(name: name, options: options, words: words)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func unknownWorldSuggestsTheNearest() {
        #expect(message("billiard2d") == "unknown world 'billiard2d'; did you mean 'billiards2d'? "
            + "(worlds: lines, circles, billiards1d, billiards2d, pixels1d, pixels2d, shots)")
        #expect(message("teapot") == "unknown world 'teapot' "
            + "(worlds: lines, circles, billiards1d, billiards2d, pixels1d, pixels2d, shots)")
    }

    @Test func unknownOptionSuggestsTheNearest() {
        #expect(message("billiards2d", ["radus": 0.1]) == "billiards2d has no option 'radus'; did you mean 'radius'? "
            + "(options: n, seed, split, radius, balls, physics)")
        #expect(message("lines", ["radius": 0.1]) == "lines has no option 'radius' (options: n, seed, split)")
    }

    @Test func trajectoryCountOutOfRange() {
        let range = "n must be an integer in 1...1000000"
        #expect(message("lines", ["n": 0]) == "n = 0 is out of range: \(range)")
        #expect(message("lines", ["n": -5]) == "n = -5 is out of range: \(range)")
        #expect(message("lines", ["n": 2.5]) == "n = 2.5 is out of range: \(range)")
        #expect(message("lines", ["n": 2e6]) == "n = 2000000 is out of range: \(range)")
        #expect(throws: PhysicsError.self) { try Dataset.generate(.circles, options: DatasetOptions(n: 0)) }
    }

    @Test func trajectoryCountTooLargeForMemory() {
        // pixels2d: 45 · (784 + 4) scalars a trajectory; 2³⁰ / 35 460 = 30 280.
        #expect(message("pixels2d", ["n": 40000]) == "n = 40000 is too large for pixels2d: 1418400000 scalars "
            + "exceed the cap of 1073741824 (4 GiB of Float32); n must be in 1...30280")
    }

    @Test func splitOutOfRangeOrLeavingAPartEmpty() {
        #expect(message("circles", ["split": 1]) == "split = 1 is out of range: split must be in (0, 1), exclusive")
        #expect(message("circles", ["split": 0]) == "split = 0 is out of range: split must be in (0, 1), exclusive")
        #expect(message("circles", ["split": -0.5]) == "split = -0.5 is out of range: split must be in (0, 1), exclusive")
        #expect(message("circles", ["n": 1]) == "split = 0.9 with n = 1 gives 0 train and 1 test trajectories: "
            + "each part needs at least one; raise n or move split toward 0.5")
        #expect(message("circles", ["n": 20, "split": 0.99]) == nil)   // 19 train, 1 test
        #expect(message("circles", ["n": 10, "split": 0.05]) == "split = 0.05 with n = 10 gives 0 train and 10 test trajectories: "
            + "each part needs at least one; raise n or move split toward 0.5")
    }

    @Test func radiusThatCannotFitTheBalls() {
        #expect(message("billiards2d", ["radius": 0.3]) == "radius = 0.3 leaves no room for 2 balls in the 2-D unit box: "
            + "radius must be in (0, 0.247] for 2 balls")
        #expect(message("billiards1d", ["radius": 0.15, "balls": 4]) == "radius = 0.15 leaves no room for 4 balls in the 1-D unit box: "
            + "radius must be in (0, 0.1] for 4 balls")
        #expect(message("pixels2d", ["radius": 0]) == "radius = 0 leaves no room for 2 balls in the 2-D unit box: "
            + "radius must be in (0, 0.247] for 2 balls")
        #expect(message("billiards2d", ["radius": 0.175, "balls": 4, "n": 20]) == nil)
    }

    @Test func ballCountAndSeedOutOfRange() {
        #expect(message("billiards2d", ["balls": 5]) == "balls = 5 is out of range: balls must be an integer in 2...4")
        #expect(message("billiards2d", ["balls": 1]) == "balls = 1 is out of range: balls must be an integer in 2...4")
        #expect(message("lines", ["seed": -1]) == "seed = -1 is out of range: seed must be an integer in 0...9007199254740992")
        #expect(message("lines", ["seed": 1.5]) == "seed = 1.5 is out of range: seed must be an integer in 0...9007199254740992")
    }

    @Test func startAndPhysicsTakeTheirWordsOnly() {
        #expect(message("shots", words: ["start": "bogus"]) == "unknown start 'bogus' (start: moving, rest, mixed)")
        #expect(message("shots", words: ["start": "rset"]) == "unknown start 'rset'; did you mean 'rest'? (start: moving, rest, mixed)")
        #expect(message("billiards2d", words: ["physics": "exakt"])
            == "unknown physics 'exakt'; did you mean 'exact'? (physics: exact, reference)")
        #expect(message("shots", ["start": 1]) == "start = 1 is out of range: start must be one of moving, rest, mixed")
        #expect(message("shots", words: ["n": "many"]) == "n = many is out of range: n must be a number")
        #expect(message("shots", ["n": 20], words: ["start": "rest", "physics": "exact"]) == nil)
    }

    @Test func startAndPhysicsAreRefusedWhereTheyDoNotApply() throws {
        #expect(message("lines", words: ["physics": "exact"])
            == "lines has no option 'physics': it has no balls (physics applies to billiards1d, billiards2d, pixels1d, pixels2d, shots)")
        #expect(message("billiards2d", words: ["start": "rest"])
            == "billiards2d has no option 'start': its balls always start at unit speed (start applies to shots)")
        #expect(message("circles", words: ["start": "rest"]) == "circles has no option 'start': it has no balls (start applies to shots)")
        // The same through typed options, which skip the word parsing.
        #expect(throws: PhysicsError.inapplicableOption(name: "start", world: "pixels2d", reason: "its balls always start at unit speed",
                                                        worlds: ["shots"])) {
            try Dataset.generate(.pixels2d, options: DatasetOptions(n: 10, start: .rest))
        }
        #expect(throws: PhysicsError.self) { try Dataset.generate(.lines, options: DatasetOptions(n: 10, physics: .reference)) }
        // Other unknown names keep their old message.
        #expect(message("shots", words: ["stat": "rest"]) == "shots has no option 'stat'; did you mean 'start'? "
            + "(options: n, seed, split, start, physics)")
    }

    @Test func goodOptionsAreDescribedWithTheirDefaults() throws {
        let data = try Dataset.generate(name: "Billiards2D", options: ["n": 20, "seed": 3])
        #expect(data.options.description == "n=20 seed=3 split=0.9 radius=0.1 balls=2")
        #expect(data.parameters.prefix(6).map { "\($0.key)=\($0.value)" }
            == ["world=billiards2d", "n=20", "seed=3", "split=0.9", "radius=0.1", "balls=2"])
    }
}
