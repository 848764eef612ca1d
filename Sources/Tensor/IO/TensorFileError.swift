/// A problem reading or writing a tensor file, with the file's path and what went wrong.
///
/// Its description is one line meant for people, `PATH: KIND: DETAIL`:
///
///     do { _ = try SafeTensors.read("models/net.safetensors") }
///     catch let error as TensorFileError { print(error) }
///     // models/net.safetensors: truncated: header says 812 bytes but the file has 200 after the length prefix
///
/// `kind` lets code branch on the class of problem without parsing the message.
public struct TensorFileError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: String, Sendable, Equatable {
        /// The file could not be opened, read, written or renamed (the OS error is in `detail`).
        case io = "cannot access"
        /// The file ends before the header or the data it announces.
        case truncated = "truncated"
        /// The header is not what the format prescribes (bad JSON, missing keys, wrong magic).
        case badHeader = "bad header"
        /// safetensors `data_offsets` that are reversed, overlap, leave gaps or trailing bytes.
        case badOffsets = "bad offsets"
        /// The shape does not agree with the number of data bytes.
        case shapeMismatch = "shape mismatch"
        /// A dtype (or memory layout) this reader does not convert to `Float`.
        case unsupportedType = "unsupported dtype"
        /// A memory layout this reader does not handle (Fortran order).
        case unsupportedLayout = "unsupported layout"
        /// The caller asked for something the format cannot store (e.g. duplicate names).
        case invalidArgument = "invalid argument"
    }

    /// The file as the caller named it.
    public let path: String
    public let kind: Kind
    /// What exactly is wrong, in a few words with the numbers involved.
    public let detail: String

    public init(path: String, kind: Kind, detail: String) {
        self.path = path
        self.kind = kind
        self.detail = detail
    }

    public var description: String { "\(path): \(kind.rawValue): \(detail)" }
}
