import Foundation

/// A fresh directory under the system temporary directory, removed when the value is
/// released; for tests that write files.
///
///     let dir = TemporaryDirectory()
///     try SafeTensors.write(["w": w], to: dir.path("net.safetensors"))
///     #expect(dir.listing() == ["net.safetensors"])
public final class TemporaryDirectory: @unchecked Sendable {
    /// The directory's absolute path.
    public let root: String

    public init() {
        root = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("jumpy-test-" + UUID().uuidString).path
        try! FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// The path of `name` inside the directory (not created).
    public func path(_ name: String) -> String { root + "/" + name }

    /// The sorted names in the directory (or a subdirectory), hidden files included.
    public func listing(_ subdirectory: String = "") -> [String] {
        let dir = subdirectory.isEmpty ? root : path(subdirectory)
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }

    /// Writes raw bytes, for building corrupt files.
    public func write(_ bytes: [UInt8], to name: String) -> String {
        let file = path(name)
        precondition(FileManager.default.createFile(atPath: file, contents: Data(bytes)), "cannot create \(file)")
        return file
    }

    /// The bytes of a file in the directory.
    public func contents(_ name: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path(name)).map { [UInt8]($0) }
    }
}
