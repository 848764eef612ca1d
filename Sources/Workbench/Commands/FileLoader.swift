import Tensor

/// How `load "PATH"` turns a safetensors file into a value: the first loader whose `matches`
/// accepts the file's metadata reads it. Datasets come with one (`DatasetValue.loader`);
/// checkpoints add theirs to `Interpreter.loaders`.
///
///     let checkpoints = FileLoader(typeName: "model") { file in
///         file.metadata["format"] == SequenceModel.checkpointFormat
///     } load: { _, path in
///         .object(ModelValue(try SequenceModel.load(from: path)))
///     }
public struct FileLoader: Sendable {
    public let typeName: String
    public let matches: @Sendable (SafeTensorsFile) -> Bool
    public let load: @Sendable (SafeTensorsFile, String) throws -> Value

    public init(typeName: String, matches: @escaping @Sendable (SafeTensorsFile) -> Bool,
                load: @escaping @Sendable (SafeTensorsFile, String) throws -> Value) {
        self.typeName = typeName
        self.matches = matches
        self.load = load
    }
}
