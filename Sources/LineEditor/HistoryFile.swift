#if canImport(Glibc)
import Glibc
#endif

/// The history of typed lines, one a line in a plain text file (default `~/.jumpy_history`,
/// `JUMPY_HISTORY` overrides), with unique entries, oldest first.
///
///     var history = HistoryFile(path: HistoryFile.defaultPath())
///     history.add("show data")      // moves an earlier "show data" to the end
///     try history.save()            // whole file to a temporary, fsync, rename
///
/// The file is never truncated by a crash: it is written whole beside the old one and renamed
/// over it, which is atomic.
public struct HistoryFile: Sendable {
    public let path: String
    public let limit: Int
    public private(set) var entries: [String]

    /// Loads the file if it exists (an unreadable file gives an empty history).
    public init(path: String, limit: Int = 1000) {
        self.path = path
        self.limit = limit
        entries = []
        if let text = Self.read(path) {
            for line in text.split(separator: "\n") { _ = add(String(line)) }
        }
    }

    /// `$JUMPY_HISTORY`, else `$HOME/.jumpy_history`.
    public static func defaultPath(environment: [String: String]? = nil) -> String {
        let env = environment ?? Self.environment()
        if let path = env["JUMPY_HISTORY"], !path.isEmpty { return path }
        return (env["HOME"] ?? ".") + "/.jumpy_history"
    }

    /// Appends `line`; returns true when an equal earlier entry was removed (or the oldest
    /// dropped), i.e. when the order of older entries changed.
    @discardableResult
    public mutating func add(_ line: String) -> Bool {
        let trimmed = line.trimmingTrailingSpaces()
        guard !trimmed.isEmpty, !trimmed.contains("\n") else { return false }
        var changed = false
        if let i = entries.firstIndex(of: trimmed) {
            entries.remove(at: i)
            changed = true
        }
        entries.append(trimmed)
        if entries.count > limit {
            entries.removeFirst(entries.count - limit)
            changed = true
        }
        return changed
    }

    /// Writes the whole file to a temporary beside it and renames it into place.
    public func save() throws {
        let text = entries.map { $0 + "\n" }.joined()
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw HistoryError(path: path, operation: "create \(temporary)") }
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                close(fd)
                unlink(temporary)
                throw HistoryError(path: path, operation: "write")
            }
            done += n
        }
        guard fsync(fd) == 0, close(fd) == 0, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw HistoryError(path: path, operation: "write and rename")
        }
    }

    private static func read(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func environment() -> [String: String] {
        var result = [String: String]()
        for key in ["JUMPY_HISTORY", "HOME"] {
            if let value = getenv(key) { result[key] = String(cString: value) }
        }
        return result
    }
}

public struct HistoryError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let operation: String
    public let reason: String

    init(path: String, operation: String) {
        self.path = path
        self.operation = operation
        reason = String(cString: strerror(errno))
    }

    public var description: String { "cannot save history \(path): \(operation): \(reason)" }
}
