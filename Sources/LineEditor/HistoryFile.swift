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
/// over it, which is atomic. Two jumpy processes may share the file: `save` re-reads it under
/// a lock and adds this process's new lines to what the other wrote, so neither loses lines.
public struct HistoryFile: Sendable {
    public let path: String
    public let limit: Int
    public private(set) var entries: [String]
    /// Lines added since the last save, oldest first: what this process owes the file.
    private var unsaved: [String] = []

    /// Loads the file if it exists (an unreadable file gives an empty history).
    public init(path: String, limit: Int = 1000) {
        self.path = path
        self.limit = limit
        entries = []
        entries = Self.entries(in: path, limit: limit)
    }

    private static func entries(in path: String, limit: Int) -> [String] {
        var history = HistoryFile(path: path, limit: limit, entries: [])
        if let text = read(path) {
            for line in text.split(separator: "\n") { history.add(String(line)) }
        }
        return history.entries
    }

    private init(path: String, limit: Int, entries: [String]) {
        self.path = path
        self.limit = limit
        self.entries = entries
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
        unsaved.append(trimmed)
        if entries.count > limit {
            entries.removeFirst(entries.count - limit)
            changed = true
        }
        return changed
    }

    /// Merges this process's new lines into the file as it is now (another process may have
    /// saved since), then writes the whole file to a temporary beside it and renames it into
    /// place. A lock on the directory (the file itself is replaced, so it cannot hold one)
    /// keeps two processes' merges from crossing.
    public mutating func save() throws {
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let lock = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if lock >= 0 { flock(lock, LOCK_EX) }
        defer { if lock >= 0 { close(lock) } }     // closing releases the lock
        var merged = HistoryFile(path: path, limit: limit, entries: Self.entries(in: path, limit: limit))
        for line in unsaved { merged.add(line) }
        try merged.writeWhole()
        entries = merged.entries
        unsaved = []
    }

    private func writeWhole() throws {
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
