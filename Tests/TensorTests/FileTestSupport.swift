import Testing
import Tensor

/// Runs `body`, expects a `TensorFileError` of `kind` whose message names `path` and contains
/// every fragment, and returns it.
@discardableResult
func expectFileError(_ kind: TensorFileError.Kind, path: String, _ fragments: String...,
                     sourceLocation: SourceLocation = #_sourceLocation,
                     _ body: () throws -> Void) -> TensorFileError? {
    do {
        try body()
        Issue.record("expected \(kind) error, nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as TensorFileError {
        #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
        #expect(error.description.hasPrefix(path + ": "), "\(error)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(error.description.contains(fragment), "\(error)", sourceLocation: sourceLocation)
        }
        return error
    } catch {
        Issue.record("expected TensorFileError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Bytes from a hex string such as "934e55"; whitespace is ignored.
func hexBytes(_ hex: String) -> [UInt8] {
    let digits = Array(hex.filter { !$0.isWhitespace })
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
}

/// Little-endian bytes of a fixed-width value.
func littleEndianBytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    withUnsafeBytes(of: value.littleEndian) { Array($0) }
}

/// Element-wise equality that treats NaNs with equal bits as equal.
func sameBits(_ a: Tensor, _ b: Tensor) -> Bool {
    a.shape == b.shape && a.scalars.map(\.bitPattern) == b.scalars.map(\.bitPattern)
}
