import Tensor

/// Datasets on disk: a safetensors file with tensors `train` and `test` and metadata
/// `jumpy.type = dataset`, `world`, `options`, `features` (space-separated names), `notes` (tab-separated pairs, one a line).
///
///     save data "data/b2d.safetensors"
///     again = load "data/b2d.safetensors"
extension DatasetValue {
    static let fileType = "dataset"

    public func save(to path: String) throws { try save(to: path, beforeRename: {}) }

    public func save(to path: String, beforeRename: () throws -> Void) throws {
        var metadata = ["jumpy.type": Self.fileType, "world": world, "options": options,
                        "features": featureNames.joined(separator: " "),
                        "auxiliary_width": String(auxiliaryWidth)]
        // One entry keeps the notes in their order (metadata keys are sorted on disk).
        if !notes.isEmpty { metadata["notes"] = notes.map { $0.0 + "\t" + $0.1 }.joined(separator: "\n") }
        try SafeTensors.write([("train", train), ("test", test)], metadata: metadata, to: path, beforeRename: beforeRename)
    }

    /// Reads the dataset `save` wrote; refuses files that are not datasets or whose tensors
    /// disagree with each other.
    public static let loader = FileLoader(typeName: typeName) { file in
        file.metadata["jumpy.type"] == fileType
    } load: { file, path in
        guard let train = file.tensors["train"], let test = file.tensors["test"] else {
            throw CommandError("\(path): a dataset file needs tensors 'train' and 'test'")
        }
        guard train.rank == 3, test.rank == 3, train.shape[0] == test.shape[0], train.shape[2] == test.shape[2] else {
            throw CommandError("\(path): train \(train.shape) and test \(test.shape) are not [time, batch, features] of one dataset")
        }
        let features = (file.metadata["features"] ?? "").split(separator: " ").map(String.init)
        let notes = (file.metadata["notes"] ?? "").split(separator: "\n").map { line in
            let parts = line.split(separator: "\t", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
        return .object(DatasetValue(world: file.metadata["world"] ?? "unknown",
                                    options: file.metadata["options"] ?? "",
                                    train: train, test: test,
                                    featureNames: features.count == train.shape[2] ? features : (0..<train.shape[2]).map { "f\($0)" },
                                    notes: notes,
                                    auxiliaryWidth: Int(file.metadata["auxiliary_width"] ?? "0") ?? 0))
    }
}
