import Foundation
import Tensor

extension Command {
    static let save = Command(
        "save", summary: "Write a dataset (or checkpoint) to a safetensors file",
        parameters: [
            .argument(.value, help: "what to save"),
            .argument(.path, help: "where (.safetensors); written atomically"),
        ],
        example: #"save data "data/billiards.safetensors""#,
        discussion: """
            A model's file holds its weights alone (PyTorch's load_state_dict takes it as it is); a trained model's \
            training state (Adam, exploration coins) goes beside it as NAME.optimizer.safetensors, which load picks up. \
            save session NAME saves the session instead (see help save session).
            """
    ) { call in
        let value = call[.value]
        guard case .object(let object as any SavableObject) = value else {
            throw CommandError("\(article(value.typeName)) \(value.typeName) cannot be saved; export writes tensors as .npy",
                               argument: .value)
        }
        let path = call[.path]
        try object.save(to: call.writingPath(path), beforeRename: { try call.stopIfInterrupted(writing: path) })
        call.print("saved \(value.typeName) to \(path)")
        return .done
    }

    static let load = Command(
        "load", summary: "Read a dataset or checkpoint (.safetensors), or a tensor (.npy)",
        parameters: [.argument(.path, help: "the file to read")],
        returns: "value",
        example: #"again = load "data/billiards.safetensors""#
    ) { call in
        let path = call.readingPath(call[.path])
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandError("no such file: \(path)", argument: .path)
        }
        if path.hasSuffix(".npy") {
            let tensor = try NumPy.read(path)
            return .value(tensor.rank == 3 ? .object(Trajectories(tensor, origin: path)) : .tensor(tensor))
        }
        let file = try SafeTensors.read(path)
        guard let loader = call.interpreter.loaders.first(where: { $0.matches(file) }) else {
            let kinds = call.interpreter.loaders.map(\.typeName).joined(separator: ", ")
            throw CommandError("\(path) holds no \(kinds) this workbench can read (metadata: \(file.metadata.keys.sorted().joined(separator: ", ")))",
                               argument: .path)
        }
        do {
            return .value(try loader.load(file, path))
        } catch let error as CommandError {
            throw CommandError(error.message, argument: .path)
        }
    }

    static let export = Command(
        "export", summary: "Write a tensor (or trajectories) as a NumPy .npy file",
        parameters: [
            .argument(.value, help: "a tensor, or trajectories such as data.train"),
            .argument(.path, help: "where (.npy); written atomically"),
        ],
        example: #"export data.train "data/train.npy""#
    ) { call in
        let value = call[.value]
        guard let tensor = value.tensor else {
            throw CommandError("\(article(value.typeName)) \(value.typeName) has no tensor to export; try one of its fields",
                               argument: .value)
        }
        let path = call[.path]
        guard path.hasSuffix(".npy") else {
            throw CommandError("export writes NumPy files; the path must end in .npy", argument: .path)
        }
        try NumPy.write(tensor, to: call.writingPath(path), beforeRename: { try call.stopIfInterrupted(writing: path) })
        call.print("wrote \(path): float32 \(tensor.shape)")
        return .done
    }
}

extension Invocation {
    /// `save` and `export` ask once the whole file is written to its temporary, before it
    /// replaces `path`: Ctrl-C there removes the temporary, so the old file (or none) stays.
    fileprivate func stopIfInterrupted(writing path: String) throws {
        guard isInterrupted else { return }
        throw CommandError("interrupted: \(path) was not written (a file already there is unchanged)",
                           argument: CommandArgument<String>.path)
    }
}
