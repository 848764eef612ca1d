/// NumPy's `.npy` format: one array with a small Python-literal header.
///
/// Layout: the magic `\x93NUMPY`, a version (major, minor), a little-endian header length
/// (2 bytes in version 1.0, 4 bytes in 2.0 and 3.0), then a header such as
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }` padded with spaces and a
/// final newline so that the data starts at a multiple of 64 bytes, then the raw data.
///
///     try NumPy.write(Tensor(rows: [[1, 2, 3], [4, 5, 6]]), to: "x.npy")
///     let x = try NumPy.read("x.npy")   // shape [2, 3]
///     // Python: np.load("x.npy") -> array([[1., 2., 3.], [4., 5., 6.]], dtype=float32)
///
/// Writing stores `'<f4'`, C order, byte for byte what `np.save` writes for the same array
/// (version 1.0 unless the header needs more than 65535 bytes). Reading accepts versions
/// 1.0–3.0 and little-endian `<f4`, `<f8`, `<f2`, `<i4`, `<i8`, converted to `Float`; it
/// refuses big-endian data, other dtypes and Fortran order with a `TensorFileError`.
public enum NumPy {
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// Writes `tensor` as a float32 `.npy` file, atomically; `beforeRename` may still abandon
    /// the write once it is complete (see `AtomicFile`).
    public static func write(_ tensor: Tensor, to path: String, beforeRename: () throws -> Void = {}) throws {
        try AtomicFile.write(encode(tensor), to: path, beforeRename: beforeRename)
    }

    /// Reads a `.npy` file, converting its elements to `Float`.
    public static func read(_ path: String) throws -> Tensor {
        try decode(FileBytes.readAll(path), path: path)
    }

    /// The bytes `write` stores.
    public static func encode(_ tensor: Tensor) -> [UInt8] {
        let shape = tensor.shape.count == 1
            ? "(\(tensor.shape[0]),)"
            : "(" + tensor.shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shape), }"
        // NumPy leaves room for the first axis to grow to 21 digits, so that appending
        // can rewrite the header in place; copying it keeps our files identical to np.save's.
        if let first = tensor.shape.first {
            header += String(repeating: " ", count: max(0, 21 - String(first).count))
        }

        // Pad with spaces so that preamble + header + "\n" is a multiple of 64, as NumPy does
        // (a full 64 when already aligned). Version 2.0 only when the length needs 4 bytes.
        func headerLength(lengthBytes: Int) -> Int {
            let unpadded = header.utf8.count + 1
            return unpadded + 64 - (magic.count + 2 + lengthBytes + unpadded) % 64
        }
        let lengthBytes = headerLength(lengthBytes: 2) <= Int(UInt16.max) ? 2 : 4
        let length = headerLength(lengthBytes: lengthBytes)
        let padding = length - header.utf8.count - 1

        var bytes = magic
        bytes += lengthBytes == 2 ? [1, 0] : [2, 0]
        withUnsafeBytes(of: UInt32(length).littleEndian) { bytes.append(contentsOf: $0.prefix(lengthBytes)) }
        bytes += Array(header.utf8)
        bytes += repeatElement(UInt8(ascii: " "), count: padding)
        bytes.append(UInt8(ascii: "\n"))
        appendLittleEndian(tensor.scalars, to: &bytes)
        return bytes
    }
}
