import Foundation

/// The built `jumpy` executable, for tests that run it as a user would: beside the test
/// bundle, else in the package's `.build/release` or `.build/debug`.
public enum JumpyExecutable {
    public static func path() -> String? {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [bundleDirectory.appendingPathComponent("jumpy").path]
            + ["release", "debug"].map { packageRoot.appendingPathComponent(".build/\($0)/jumpy").path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The package's root directory (this file is Tests/TestSupport/JumpyExecutable.swift).
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}
