/// A JSON string literal as Python's `json.dumps` writes it: quotes, backslashes and control
/// characters escaped (RFC 8259), the short forms where JSON has them, everything else as is.
/// One escaper for every JSON jumpy writes by hand (safetensors headers, notebooks), so files
/// that Python tools rewrite come back byte for byte.
public func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        case _ where scalar.value < 0x20:
            let hex = String(scalar.value, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
