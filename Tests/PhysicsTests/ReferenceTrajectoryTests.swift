import Foundation
import Testing
@testable import Physics

/// `physics=reference` against trajectories that greydanus/billiards' own `simulate.py` produced
/// (Resources/reference-trajectories.json; the README beside it has the command): the same
/// positions to 1e-7 over 45 frames, through wall bounces and ball-ball contacts.
@Suite struct ReferenceTrajectoryTests {
    /// One case of the file: a start, for shots an action, and the reference's positions
    /// (`[frames][x, y per ball]`).
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let kind: String
        let state: [[Double]]
        let action: [Double]?
        let steps_per_frame: Int
        let one_dimensional: Bool?
        let positions: [[Double]]

        var testDescription: String { name }
        var balls: Int { state.count }
        var start: BallSystem { BallSystem(radius: 0.1, state: state.flatMap { $0 }) }
    }

    struct File: Decodable {
        let radius: Double
        let dt: Double
        let cases: [Case]
    }

    static let file: File = {
        let url = Bundle.module.url(forResource: "Resources/reference-trajectories", withExtension: "json")!
        return try! JSONDecoder().decode(File.self, from: Data(contentsOf: url))
    }()

    static let tolerance = 1e-7

    @Test func theFileHoldsShotsAndWorldsOfTwoToFourBalls() {
        let cases = Self.file.cases
        #expect(Self.file.radius == 0.1 && Self.file.dt == 0.01)
        #expect(cases.filter { $0.kind == "shot" }.count == 4)
        #expect(Set(cases.filter { $0.kind == "billiards" }.map(\.balls)) == [2, 3, 4])
        #expect(cases.allSatisfy { c in c.positions.count == 45 && c.positions.allSatisfy { $0.count == 2 * c.balls } })
    }

    @Test(arguments: file.cases.filter { $0.kind == "shot" })
    func shotsFollowTheOriginalCode(_ reference: Case) throws {
        let task = ShotTask(start: .rest, physics: .reference)
        let action = SIMD2(reference.action![0], reference.action![1])
        let outcome = task.play(from: reference.start, action: action)
        for frame in 0..<task.frames {
            for ball in 0..<2 {
                let p = outcome.position(ball: ball, frame: frame)
                let expected = SIMD2(reference.positions[frame][2 * ball], reference.positions[frame][2 * ball + 1])
                #expect(maxAbs(p - expected) < Self.tolerance, "\(reference.name): ball \(ball), frame \(frame)")
            }
        }
        // The same frames step by step, counting the contacts: the case must exercise both.
        var s = reference.start.state
        var walls = 0, pairs = 0
        for frame in 1..<task.frames {
            if frame - 1 == task.actionFrame {
                let applied = task.clip(action)
                s[6] = min(max(s[6] + applied.x, -task.cueSpeedLimit), task.cueSpeedLimit)
                s[7] = min(max(s[7] + applied.y, -task.cueSpeedLimit), task.cueSpeedLimit)
            }
            for _ in 0..<task.stepsPerFrame {
                let contacts = s.withUnsafeMutableBufferPointer {
                    ReferenceDynamics.step($0.baseAddress!, balls: 2, radius: 0.1, dt: task.stepDuration)
                }
                walls += contacts.walls
                pairs += contacts.pairs
            }
            #expect(Array(s.prefix(2)) == Array(outcome.states[(8 * frame)..<(8 * frame + 2)]))
        }
        #expect(walls > 0 && pairs > 0, "\(reference.name): \(walls) wall and \(pairs) ball contacts")
    }

    @Test(arguments: file.cases.filter { $0.kind == "billiards" })
    func billiardsWorldsFollowTheOriginalCode(_ reference: Case) {
        let world = BilliardsWorld(balls: reference.balls, radius: 0.1,
                                   oneDimensional: reference.one_dimensional ?? false, physics: .reference)
        #expect(world.stepsPerFrame == reference.steps_per_frame)
        var states = [Double](repeating: 0, count: world.trajectoryCount)
        states.withUnsafeMutableBufferPointer { world.record(from: reference.start, into: $0) }
        let width = 4 * reference.balls
        for frame in 0..<world.frames {
            for ball in 0..<reference.balls {
                let x = states[frame * width + 4 * ball], y = states[frame * width + 4 * ball + 1]
                #expect(abs(x - reference.positions[frame][2 * ball]) < Self.tolerance, "\(reference.name): frame \(frame)")
                #expect(abs(y - reference.positions[frame][2 * ball + 1]) < Self.tolerance, "\(reference.name): frame \(frame)")
                // A 1-D world stays exactly on its line, in the reference and here.
                if world.oneDimensional { #expect(x == 0.5 && reference.positions[frame][2 * ball] == 0.5) }
            }
        }
        var s = reference.start.state
        var walls = 0, pairs = 0
        for _ in 0..<((world.frames - 1) * world.stepsPerFrame) {
            let contacts = s.withUnsafeMutableBufferPointer {
                ReferenceDynamics.step($0.baseAddress!, balls: reference.balls, radius: 0.1, dt: world.stepDuration)
            }
            walls += contacts.walls
            pairs += contacts.pairs
        }
        #expect(walls > 0 && pairs > 0, "\(reference.name): \(walls) wall and \(pairs) ball contacts")
    }
}
