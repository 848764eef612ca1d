/// The safetensors format: named tensors plus string metadata in one file.
///
/// Layout: an 8-byte little-endian header length `N`, `N` bytes of JSON header (padded with
/// spaces to a multiple of 8), then the raw little-endian data of every tensor, back to back:
///
///     {"__metadata__":{"step":"100"},"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}}
///
///     try SafeTensors.write([("w", w), ("b", b)], metadata: ["step": "100"], to: "net.safetensors")
///     let file = try SafeTensors.read("net.safetensors")
///     file.names               // ["w", "b"], in file order
///     file.tensors["w"]!.shape // [2, 3]
///     file.metadata["step"]    // "100"
///
/// Writing always stores F32 and is deterministic: the data and header follow the order given
/// (or sorted names, for a dictionary), metadata keys are sorted, no whitespace is emitted
/// except the padding. Reading converts F32, F64, F16 and BF16 to `Float` (F64 loses precision)
/// and refuses anything malformed with a `TensorFileError` naming the file and the problem.
public enum SafeTensors {
    /// Largest header accepted, as in the reference implementation; a bigger one is a
    /// corrupt length, not a real file.
    public static let maxHeaderSize = 100_000_000

    /// Writes `tensors` in the given order (header and data), atomically; `beforeRename` may
    /// still abandon the write once it is complete (see `AtomicFile`).
    public static func write(_ tensors: [(String, Tensor)], metadata: [String: String] = [:],
                             to path: String, beforeRename: () throws -> Void = {}) throws {
        let bytes = try encode(tensors, metadata: metadata, path: path)
        try AtomicFile.write(bytes, to: path, beforeRename: beforeRename)
    }

    /// Writes `tensors` sorted by name, atomically.
    public static func write(_ tensors: [String: Tensor], metadata: [String: String] = [:],
                             to path: String, beforeRename: () throws -> Void = {}) throws {
        try write(tensors.sorted { $0.key < $1.key }, metadata: metadata, to: path, beforeRename: beforeRename)
    }

    /// Reads a safetensors file, converting every tensor to `Float`.
    public static func read(_ path: String) throws -> SafeTensorsFile {
        try decode(FileBytes.readAll(path), path: path)
    }

    /// The bytes `write` would store. `path` only labels errors.
    public static func encode(_ tensors: [(String, Tensor)], metadata: [String: String] = [:],
                              path: String = "<memory>") throws -> [UInt8] {
        var seen = Set<String>()
        for (name, _) in tensors {
            guard name != "__metadata__" else {
                throw TensorFileError(path: path, kind: .invalidArgument,
                                      detail: "'__metadata__' is reserved and cannot name a tensor")
            }
            guard seen.insert(name).inserted else {
                throw TensorFileError(path: path, kind: .invalidArgument,
                                      detail: "duplicate tensor name '\(name)'")
            }
        }

        // Built by hand rather than with JSONSerialization so that key order is ours.
        var entries = [String]()
        if !metadata.isEmpty {
            let pairs = metadata.sorted { $0.key < $1.key }
                .map { jsonString($0.key) + ":" + jsonString($0.value) }
            entries.append(jsonString("__metadata__") + ":{" + pairs.joined(separator: ",") + "}")
        }
        var offset = 0
        for (name, tensor) in tensors {
            let end = offset + tensor.count * 4
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append(jsonString(name)
                + ":{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        // Padding keeps the data section 8-byte aligned for readers that map the file.
        header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - header.count % 8) % 8))

        var bytes = [UInt8]()
        bytes.reserveCapacity(8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: header)
        for (_, tensor) in tensors { appendLittleEndian(tensor.scalars, to: &bytes) }
        return bytes
    }
}

/// The contents of a safetensors file.
public struct SafeTensorsFile: Sendable {
    /// Tensor names in file order (by position of their data; ties broken by name).
    public var names: [String]
    /// Every tensor, converted to `Float`.
    public var tensors: [String: Tensor]
    /// The `__metadata__` strings (empty when the file has none).
    public var metadata: [String: String]
    /// The dtype each tensor had in the file (`"F32"`, `"F64"`, …), before conversion.
    public var dtypes: [String: String]

    public init(names: [String], tensors: [String: Tensor], metadata: [String: String],
                dtypes: [String: String]) {
        self.names = names
        self.tensors = tensors
        self.metadata = metadata
        self.dtypes = dtypes
    }

    /// The tensors as ordered pairs, ready to write back.
    public var ordered: [(String, Tensor)] { names.map { ($0, tensors[$0]!) } }
}

