import Tensor

/// What an expression evaluates to and what a name is bound to.
///
///     .number(2000)                 n=2000
///     .string("runs/a.npy")         "runs/a.npy"
///     .list([.number(1), …])        [1, 2]
///     .range(NumberRange(…))        0:45:0.25
///     .tensor(t)                    a plain tensor (e.g. loaded from .npy)
///     .object(dataset)              datasets, trajectories, and later models and rollouts
public enum Value: Sendable {
    case number(Double)
    case string(String)
    case list([Value])
    case range(NumberRange)
    case tensor(Tensor)
    case object(any WorkbenchObject)

    /// The type name used in messages, `vars` and parameter declarations.
    public var typeName: String {
        switch self {
        case .number: return "number"
        case .string: return "string"
        case .list: return "list"
        case .range: return "range"
        case .tensor: return "tensor"
        case .object(let object): return type(of: object).typeName
        }
    }

    /// One line for `vars` and for the `# ->` comments of a session.
    public var summary: String {
        switch self {
        case .number(let value): return Printer.number(value)
        case .string(let text): return Printer.string(text)
        case .list(let items): return "[" + items.map(\.summary).joined(separator: ", ") + "]"
        case .range(let range): return range.description
        case .tensor(let tensor): return "tensor \(tensor.shape)"
        case .object(let object): return object.summary
        }
    }

    /// The text `show` prints.
    public var details: String {
        switch self {
        case .tensor(let tensor): return TensorSummary.describe(tensor)
        case .object(let object): return object.details
        default: return summary
        }
    }

    /// The tensor behind the value, if it has one (`export` writes it).
    public var tensor: Tensor? {
        switch self {
        case .tensor(let tensor): return tensor
        case .object(let object): return (object as? any TensorBacked)?.tensor
        default: return nil
        }
    }
}

/// A tensor's shape and statistics, as `show` prints them.
enum TensorSummary {
    static func describe(_ t: Tensor) -> String {
        guard !t.scalars.isEmpty else { return "tensor \(t.shape) (empty)" }
        var sum = 0.0, squares = 0.0
        var low = Float.infinity, high = -Float.infinity
        for x in t.scalars {
            sum += Double(x)
            squares += Double(x) * Double(x)
            low = min(low, x)
            high = max(high, x)
        }
        let mean = sum / Double(t.count)
        let std = (max(0, squares / Double(t.count) - mean * mean)).squareRoot()
        return "tensor \(t.shape): mean \(format(mean)), std \(format(std)), min \(format(Double(low))), max \(format(Double(high)))"
    }

    /// Five significant digits: enough to compare runs, short enough to read.
    static func format(_ x: Double) -> String { NumberFormat.significant(x) }
}
