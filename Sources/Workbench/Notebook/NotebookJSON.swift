import Foundation
import Tensor

/// JSON text laid out as `nbformat.write` lays it out (Python's `json.dumps(nb,
/// sort_keys=True, indent=1, ensure_ascii=False)`), so a rendered notebook and the same
/// notebook saved by Jupyter differ only where their contents do.
enum NotebookJSON {
    static func text(_ value: Any) -> String {
        var out = ""
        write(value, indent: 0, to: &out)
        return out + "\n"
    }

    private static func write(_ value: Any, indent: Int, to out: inout String) {
        let inner = String(repeating: " ", count: indent + 1), outer = String(repeating: " ", count: indent)
        switch value {
        case let object as [String: Any]:
            guard !object.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (i, key) in object.keys.sorted().enumerated() {
                out += inner + jsonString(key) + ": "
                write(object[key]!, indent: indent + 1, to: &out)
                out += i + 1 < object.count ? ",\n" : "\n"
            }
            out += outer + "}"
        case let array as [Any]:
            guard !array.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (i, item) in array.enumerated() {
                out += inner
                write(item, indent: indent + 1, to: &out)
                out += i + 1 < array.count ? ",\n" : "\n"
            }
            out += outer + "]"
        case let string as String: out += jsonString(string)
        case let bool as Bool: out += bool ? "true" : "false"
        case let int as Int: out += String(int)
        default: out += "null"
        }
    }
}
