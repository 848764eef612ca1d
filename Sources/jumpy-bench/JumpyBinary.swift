import ArgumentParser
import Foundation

/// The `jumpy` executable that a benchmark starts: `--binary`, else the one built beside
/// `jumpy-bench`.
enum JumpyBinary {
    static func path(_ given: String?) throws -> String {
        let path = given ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("jumpy").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw ValidationError("no jumpy binary at \(path); build it (swift build -c release) or pass --binary")
        }
        return path
    }
}
