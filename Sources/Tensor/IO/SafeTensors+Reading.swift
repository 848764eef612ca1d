import Foundation

extension SafeTensors {
    /// Parses safetensors bytes. `path` only labels errors.
    ///
    /// Checks, in order: the length prefix, the header size cap, that the header fits, the
    /// JSON, each entry's keys, dtype and shape, that each tensor's bytes match its shape,
    /// that every tensor lies within the data, and that the tensors tile the data exactly
    /// (no overlap, no gap, no trailing bytes), as the reference implementation requires.
    public static func decode(_ bytes: [UInt8], path: String = "<memory>") throws -> SafeTensorsFile {
        func fail(_ kind: TensorFileError.Kind, _ detail: String) -> TensorFileError {
            TensorFileError(path: path, kind: kind, detail: detail)
        }

        guard bytes.count >= 8 else {
            throw fail(.truncated, "the file has \(bytes.count) bytes, fewer than the 8-byte header length")
        }
        let length = bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard length <= UInt64(maxHeaderSize) else {
            throw fail(.badHeader, "header length \(length) exceeds the limit of \(maxHeaderSize) bytes")
        }
        let headerSize = Int(length)
        guard headerSize <= bytes.count - 8 else {
            throw fail(.truncated, "header says \(headerSize) bytes but the file has \(bytes.count - 8) after the length prefix")
        }

        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(bytes[8..<8 + headerSize]))
        } catch {
            throw fail(.badHeader, "header is not valid JSON")
        }
        guard let header = json as? [String: Any] else {
            throw fail(.badHeader, "header is not a JSON object")
        }

        var metadata = [String: String]()
        if let raw = header["__metadata__"] {
            guard let object = raw as? [String: Any] else {
                throw fail(.badHeader, "__metadata__ is not a JSON object")
            }
            for (key, value) in object {
                guard let string = value as? String else {
                    throw fail(.badHeader, "__metadata__ value for '\(key)' is not a string")
                }
                metadata[key] = string
            }
        }

        let dataStart = 8 + headerSize
        let dataSize = bytes.count - dataStart
        var entries = [Entry]()
        for (name, raw) in header where name != "__metadata__" {
            let entry = try Entry(name: name, json: raw, fail: fail)
            guard entry.end <= dataSize else {
                throw fail(.truncated, "tensor '\(name)' has data_offsets [\(entry.begin), \(entry.end)] but the data section has \(dataSize) bytes")
            }
            entries.append(entry)
        }

        // The tensors must tile the data section: sorted by position, each starts where the
        // previous one ended, and the last one ends at the end of the file.
        entries.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var position = 0
        for entry in entries {
            guard entry.begin == position else {
                let problem = entry.begin < position ? "overlaps the previous tensor" : "leaves a gap before it"
                throw fail(.badOffsets, "tensor '\(entry.name)' has data_offsets [\(entry.begin), \(entry.end)], which \(problem) (expected to start at \(position))")
            }
            position = entry.end
        }
        guard position == dataSize else {
            throw fail(.badOffsets, "\(dataSize - position) bytes after the last tensor's data are not described by the header")
        }

        var tensors = [String: Tensor]()
        var dtypes = [String: String]()
        bytes.withUnsafeBytes { raw in
            for entry in entries {
                let scalars = entry.type.decode(raw, offset: dataStart + entry.begin, count: entry.shape.elementCount)
                tensors[entry.name] = Tensor(shape: entry.shape, scalars: scalars)
                dtypes[entry.name] = entry.dtype
            }
        }
        return SafeTensorsFile(names: entries.map(\.name), tensors: tensors, metadata: metadata, dtypes: dtypes)
    }

    /// One validated header entry.
    private struct Entry {
        let name: String
        let dtype: String
        let type: ScalarType
        let shape: [Int]
        let begin: Int
        let end: Int

        static let types: [String: ScalarType] = [
            "F32": .float32, "F64": .float64, "F16": .float16, "BF16": .bfloat16,
        ]

        init(name: String, json: Any, fail: (TensorFileError.Kind, String) -> TensorFileError) throws {
            guard let object = json as? [String: Any] else {
                throw fail(.badHeader, "entry for tensor '\(name)' is not a JSON object")
            }
            guard let dtype = object["dtype"] as? String else {
                throw fail(.badHeader, "tensor '\(name)' has no string \"dtype\"")
            }
            guard let type = Self.types[dtype] else {
                throw fail(.unsupportedType, "tensor '\(name)' has dtype \(dtype); supported are F32, F64, F16, BF16")
            }
            guard let shape = integers(object["shape"]), shape.allSatisfy({ $0 >= 0 }) else {
                throw fail(.badHeader, "tensor '\(name)' has no \"shape\" list of non-negative integers")
            }
            guard let offsets = integers(object["data_offsets"]), offsets.count == 2,
                  offsets[0] >= 0, offsets[0] <= offsets[1] else {
                throw fail(.badOffsets, "tensor '\(name)' needs \"data_offsets\" [begin, end] with 0 ≤ begin ≤ end")
            }

            // Multiply with overflow checks: a corrupt shape must not trap.
            var byteCount: Int? = type.size
            for extent in shape {
                guard let count = byteCount else { break }
                let (product, overflow) = count.multipliedReportingOverflow(by: extent)
                byteCount = overflow ? nil : product
            }
            let span = offsets[1] - offsets[0]
            guard byteCount == span else {
                let needed = byteCount.map { "\($0) bytes" } ?? "too many bytes"
                throw fail(.shapeMismatch, "tensor '\(name)' has shape \(shape) of \(dtype) (\(needed)) but data_offsets span \(span) bytes")
            }
            self.name = name
            self.dtype = dtype
            self.type = type
            self.shape = shape
            self.begin = offsets[0]
            self.end = offsets[1]
        }
    }
}

/// A JSON array of integers, or nil. Booleans and fractional numbers are not integers,
/// though Foundation would bridge them to `Int`.
private func integers(_ json: Any?) -> [Int]? {
    guard let array = json as? [Any] else { return nil }
    var result = [Int]()
    for element in array {
        guard let number = element as? NSNumber else { return nil }
        let kind = String(cString: number.objCType)
        guard kind != "c", kind != "d", kind != "f", let value = element as? Int else { return nil }
        result.append(value)
    }
    return result
}
