/// Turns expressions into values: looks variables up, reads fields, indexes and slices.
///
///     data.test[0:8]   →  .object(Trajectories [45, 8, 4])
///     [1, 2:4]         →  .list([1, 2:4])
///
/// Undefined variables and unknown fields are refused with the nearest known name.
struct Evaluator {
    let bindings: [String: Binding]

    func evaluate(_ e: Expression) throws(WorkbenchError) -> Value {
        switch e.kind {
        case .number(let x): return .number(x)
        case .string(let s): return .string(s)
        case .name(let name):
            guard let binding = bindings[name] else {
                throw WorkbenchError("undefined variable '\(name)'", at: e.span,
                                     suggestion: Suggestion.nearest(to: name, in: bindings.keys.sorted()))
            }
            return binding.value
        case .list(let items):
            var values = [Value]()
            for item in items { values.append(try evaluate(item)) }
            return .list(values)
        case let .range(start, stop, step):
            let a = try number(start), b = try number(stop)
            let s = try step.map { (e) throws(WorkbenchError) in try number(e) } ?? 1
            guard s != 0 else { throw WorkbenchError("a range's step cannot be 0", at: step!.span) }
            return .range(NumberRange(start: a, stop: b, step: s))
        case let .field(base, name):
            let value = try evaluate(base)
            let names: [String]
            if case .object(let object) = value {
                if let field = object.field(name) { return field }
                names = object.fieldNames
            } else {
                names = []
            }
            let note = names.isEmpty ? "\(article(value.typeName)) \(value.typeName) has no fields"
                : "fields: " + names.joined(separator: ", ")
            throw WorkbenchError("\(Printer.expression(base)) has no field '\(name)'", at: e.span,
                                 suggestion: Suggestion.nearest(to: name, in: names), notes: [note])
        case let .index(base, index):
            return try subscripted(try evaluate(base), base: base, index: index, span: e.span)
        }
    }

    private func number(_ e: Expression) throws(WorkbenchError) -> Double {
        guard case .number(let x) = try evaluate(e) else {
            throw WorkbenchError("expected a number in the range", at: e.span)
        }
        return x
    }

    private func subscripted(_ value: Value, base: Expression, index: Expression, span: SourceSpan) throws(WorkbenchError) -> Value {
        let count: Int
        let name: String
        switch value {
        case .list(let items): (count, name) = (items.count, "element")
        case .object(let object as any IndexableObject): (count, name) = (object.elementCount, object.elementName)
        default:
            throw WorkbenchError("\(article(value.typeName)) \(value.typeName) cannot be indexed", at: span)
        }
        let range: Range<Int>
        let single: Bool
        switch try evaluate(index) {
        case .number(let x):
            guard x == x.rounded() else { throw WorkbenchError("an index must be a whole number", at: index.span) }
            guard x >= 0, x < Double(count) else {
                throw WorkbenchError("index \(Printer.number(x)) is out of range: \(Printer.expression(base)) has \(plural(count, name)) (0...\(count - 1))", at: index.span)
            }
            range = Int(x)..<(Int(x) + 1)
            single = true
        case .range(let r):
            guard r.step == 1, r.start == r.start.rounded(), r.stop == r.stop.rounded() else {
                throw WorkbenchError("a slice is i:j with whole numbers and no step", at: index.span)
            }
            guard r.start >= 0, r.start < r.stop, r.stop <= Double(count) else {
                throw WorkbenchError("slice \(r) is out of range: \(Printer.expression(base)) has \(plural(count, name))", at: index.span)
            }
            range = Int(r.start)..<Int(r.stop)
            single = false
        default:
            throw WorkbenchError("an index is a number or a range i:j", at: index.span)
        }
        switch value {
        case .list(let items): return single ? items[range.lowerBound] : .list(Array(items[range]))
        case .object(let object as any IndexableObject):
            return single ? object.element(range.lowerBound) : object.elements(range)
        default: preconditionFailure("checked above")
        }
    }
}

/// `1 trajectory`, `3 trajectories`, `2 elements`.
func plural(_ count: Int, _ noun: String) -> String {
    if count == 1 { return "1 \(noun)" }
    return "\(count) " + (noun.hasSuffix("y") ? noun.dropLast() + "ies" : noun + "s")
}
