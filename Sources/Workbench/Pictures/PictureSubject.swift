import Learning
import Physics
import Tensor

extension Views {
    /// What a value offers a picture: trajectories, and a rollout of them when there is one.
    struct Subject {
        let truth: Tensor
        let rollout: Rollout?
        let scene: Scene?
        var frames: Int { truth.shape[0] }
        var count: Int { truth.shape[1] }
        var features: Int { truth.shape[2] }

        init(_ value: Value, argument: String) throws {
            switch value {
            case .object(let d as DatasetValue): (truth, rollout, scene) = (d.test, nil, Scene(d))
            case .object(let t as Trajectories): (truth, rollout, scene) = (t.tensor, nil, t.scene)
            case .object(let r as RolloutValue): (truth, rollout, scene) = (r.truth, r.rollout, r.scene)
            case let other:
                throw CommandError("\(article(other.typeName)) \(other.typeName) has no trajectories to draw", argument: argument)
            }
        }

        func value(_ f: Int, _ b: Int, _ j: Int) -> Double { Double(truth.scalars[(f * count + b) * features + j]) }

        var imageSide: Int? { Views.imageSide(features) }

        var defaultView: Kind {
            switch scene?.world {
            case "billiards2d", "shots": return .table
            case "pixels1d", "pixels2d": return .frames
            case "lines", "circles", "billiards1d": return .time
            default: return imageSide != nil ? .frames : .time
            }
        }

        var isShots: Bool { scene?.world == "shots" && features == ShotRows.width }

        /// (x, y) columns of each ball; the shot task's last two columns are the action.
        var ballColumns: [(Int, Int)] {
            (0..<((features - (isShots ? ShotRows.auxiliaryWidth : 0)) / 2)).map { (2 * $0, 2 * $0 + 1) }
        }
    }

    /// The side of a square image with `features` pixels, if it is one (784 → 28).
    static func imageSide(_ features: Int) -> Int? {
        let side = Int(Double(features).squareRoot().rounded())
        return side * side == features && side >= 8 ? side : nil
    }
}
