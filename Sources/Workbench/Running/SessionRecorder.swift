import Foundation
import Tensor

/// The statements of a session that succeeded, in canonical form, each with the summary of
/// its result; `save session NAME` writes them as a script that replays to the same numbers.
///
///     # jumpy session "demo", workbench 0.1.0
///     # saved 2025-06-01 14:03:12 UTC
///     data = dataset billiards2d n=2000 seed=0 split=0.9
///     # -> dataset billiards2d: train [45, 1800, 4], test [45, 200, 4]
///     show data
///
/// `jumpy --check FILE` compares each `# ->` line with the replayed result.
public struct SessionRecorder: Sendable {
    public struct Entry: Sendable, Equatable {
        public var statement: String
        public var summary: String?
    }

    public private(set) var entries: [Entry] = []

    public init() {}

    mutating func record(_ statement: String, summary: String?) {
        entries.append(Entry(statement: statement, summary: summary))
    }

    /// The prefix `--check` looks for.
    public static let summaryPrefix = "# -> "

    /// The script text, header included.
    public func script(name: String, date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        var lines = ["# jumpy session \"\(name)\", workbench \(WorkbenchInfo.version)",
                     "# saved \(formatter.string(from: date))",
                     "# replay: jumpy sessions/\(name).jumpy   check: jumpy --check sessions/\(name).jumpy"]
        for entry in entries {
            lines.append(entry.statement)
            if let summary = entry.summary {
                // A summary spanning lines would break the one-comment-per-result rule.
                lines.append(Self.summaryPrefix + summary.replacingOccurrences(of: "\n", with: " "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the script to `sessions/NAME.jumpy` under `directory`, atomically; returns the path.
    public func save(name: String, in directory: String = ".") throws -> String {
        let path = directory + "/sessions/" + name + ".jumpy"
        try AtomicFile.write(Data(script(name: name).utf8), to: path)
        return path
    }
}

/// The workbench's version, written into session headers.
public enum WorkbenchInfo {
    public static let version = "0.1.0"
}
