extension NumPy {
    /// Element types the reader converts, by their little-endian `descr`.
    static let types: [String: ScalarType] = [
        "<f4": .float32, "<f8": .float64, "<f2": .float16, "<i4": .int32, "<i8": .int64,
    ]

    /// Parses `.npy` bytes. `path` only labels errors.
    public static func decode(_ bytes: [UInt8], path: String = "<memory>") throws -> Tensor {
        func fail(_ kind: TensorFileError.Kind, _ detail: String) -> TensorFileError {
            TensorFileError(path: path, kind: kind, detail: detail)
        }

        guard bytes.count >= magic.count + 2, Array(bytes[0..<magic.count]) == magic else {
            if bytes.count < magic.count + 2, bytes.elementsEqual(magic.prefix(bytes.count)) {
                throw fail(.truncated, "the file has \(bytes.count) bytes, fewer than the .npy magic and version")
            }
            throw fail(.badHeader, "not a .npy file: it does not start with \\x93NUMPY")
        }
        let major = bytes[6], minor = bytes[7]
        let lengthBytes: Int
        switch major {
        case 1: lengthBytes = 2
        case 2, 3: lengthBytes = 4
        default: throw fail(.badHeader, "unsupported .npy version \(major).\(minor); supported are 1.0, 2.0, 3.0")
        }
        let headerStart = 8 + lengthBytes
        guard bytes.count >= headerStart else {
            throw fail(.truncated, "the file has \(bytes.count) bytes, fewer than the \(headerStart)-byte preamble")
        }
        let headerLength = bytes[8..<headerStart].reversed().reduce(0) { $0 << 8 | Int($1) }
        guard headerLength <= bytes.count - headerStart else {
            throw fail(.truncated, "header says \(headerLength) bytes but the file has \(bytes.count - headerStart) after the preamble")
        }

        // Versions 1 and 2 use latin-1; our keys and values are ASCII, where it equals UTF-8.
        let text = String(decoding: bytes[headerStart..<headerStart + headerLength], as: UTF8.self)
        let literal: PythonLiteral
        do {
            literal = try PythonLiteral.parse(text)
        } catch {
            throw fail(.badHeader, "header is not a Python literal (\(error.message))")
        }
        guard case .dict(let header) = literal else {
            throw fail(.badHeader, "header is not a Python dict")
        }

        guard case .string(let descr)? = header["descr"] else {
            throw fail(header["descr"] == nil ? .badHeader : .unsupportedType,
                       header["descr"] == nil ? "header has no 'descr'" : "structured dtypes are not supported")
        }
        guard let type = types[descr] else {
            let why = descr.hasPrefix(">") ? "big-endian data is not supported" : "only <f4, <f8, <f2, <i4, <i8 are read"
            throw fail(.unsupportedType, "descr '\(descr)': \(why)")
        }
        guard case .bool(let fortranOrder)? = header["fortran_order"] else {
            throw fail(.badHeader, "header has no boolean 'fortran_order'")
        }
        guard !fortranOrder else {
            throw fail(.unsupportedLayout, "fortran_order is True; only C (row-major) order is read")
        }
        guard case .tuple(let items)? = header["shape"] else {
            throw fail(.badHeader, "header has no 'shape' tuple")
        }
        var shape = [Int]()
        for item in items {
            guard case .int(let extent) = item, extent >= 0 else {
                throw fail(.badHeader, "'shape' must hold non-negative integers")
            }
            shape.append(extent)
        }

        // Multiply with overflow checks: a corrupt shape must not trap.
        var needed: Int? = type.size
        for extent in shape {
            guard let count = needed else { break }
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            needed = overflow ? nil : product
        }
        let dataStart = headerStart + headerLength
        let available = bytes.count - dataStart
        let shapeText = "shape \(shape) of '\(descr)' needs " + (needed.map { "\($0) bytes" } ?? "too many bytes")
        guard let needed, needed <= available else {
            throw fail(.truncated, "\(shapeText) but the file has \(available) after the header")
        }
        guard needed == available else {
            throw fail(.shapeMismatch, "\(shapeText) but the file has \(available) after the header")
        }
        let scalars = bytes.withUnsafeBytes { type.decode($0, offset: dataStart, count: shape.elementCount) }
        return Tensor(shape: shape, scalars: scalars)
    }
}
