import Foundation

/// `jumpy sweep`, `jumpy merge`, `jumpy point` and `jumpy kernel` are separate commands picked by the first
/// argument, so `jumpy FILE` keeps meaning "replay FILE" (a file called `sweep` needs `./sweep`).
enum Subcommands {
    /// Runs the subcommand the arguments name and returns true, or returns false.
    static func run(_ arguments: [String]) -> Bool {
        let rest = Array(arguments.dropFirst(2))
        switch arguments.dropFirst().first {
        case "sweep": SweepCommand.main(rest)
        case "merge": MergeCommand.main(rest)
        case "point": PointCommand.main(rest)
        case "kernel": KernelCommand.main(rest)
        default: return false
        }
        return true
    }

    /// This executable's absolute path, which parallel and Slurm run for each point.
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? absolute(CommandLine.arguments[0])
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
            .standardizedFileURL.path
    }

    /// A program on PATH, or nil.
    static func which(_ program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(program)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A line to standard output, unbuffered: parallel's children write to the same stream.
    static func say(_ text: String, terminator: String = "\n") {
        FileHandle.standardOutput.write(Data((text + terminator).utf8))
    }

    static func fail(_ command: String, _ message: String) -> Never {
        FileHandle.standardError.write(Data("jumpy \(command): \(message)\n".utf8))
        exit(1)
    }
}
