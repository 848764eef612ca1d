#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Whole-file writes that either replace the target completely or leave it untouched.
///
/// The bytes go to a uniquely named temporary file in the target's directory (so the final
/// `rename(2)` stays on one file system and is atomic), are flushed with `fsync`, and only then
/// renamed over the target. A reader sees the old file or the new one, never a half-written
/// one; on any failure the temporary file is removed and the old file stays as it was.
/// Missing parent directories are created.
///
///     try AtomicFile.write(Data("hello\n".utf8), to: "sessions/today.txt")
///
///     // Streaming: bytes are produced while writing; a throw abandons the write.
///     try AtomicFile.write(to: "checkpoints/step100.bin") { out in
///         try out.write(header)
///         try out.write(body)
///     }
///
/// `beforeRename` runs once the temporary holds every byte (flushed), just before the rename:
/// the last moment to abandon a write (Ctrl-C). If it throws, the temporary is removed and the
/// old file stays, as for any other failure.
///
/// Trade-off: every write costs two `fsync`s (file and directory), which is right for
/// checkpoints and sessions but not for many tiny writes per second.
public enum AtomicFile {
    /// Replaces the file at `path` with `data`.
    public static func write(_ data: Data, to path: String, beforeRename: () throws -> Void = {}) throws {
        try write(to: path, beforeRename: beforeRename) { try $0.write(data) }
    }

    /// Replaces the file at `path` with `bytes`.
    public static func write(_ bytes: [UInt8], to path: String, beforeRename: () throws -> Void = {}) throws {
        try write(to: path, beforeRename: beforeRename) { try $0.write(bytes) }
    }

    /// Replaces the file at `path` with whatever `body` writes to the sink. If `body` or
    /// `beforeRename` throws, its error is rethrown and the old file is left intact.
    public static func write(to path: String, beforeRename: () throws -> Void = {}, _ body: (inout Sink) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw TensorFileError(path: path, kind: .io,
                                  detail: "cannot create directory \(directory)")
        }

        // A leading dot keeps the temporary out of casual listings; the UUID makes it unique
        // across threads and processes.
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-" + UUID().uuidString
        // 0666 minus the umask, as for any new file; O_EXCL refuses to reuse a name.
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else {
            throw TensorFileError(path: path, kind: .io, detail: lastErrno("create temporary file"))
        }
        var sink = Sink(fd: fd, path: path)
        do {
            try body(&sink)
            try keepMode(of: path, on: fd)
            guard fsync(fd) == 0 else {
                throw TensorFileError(path: path, kind: .io, detail: lastErrno("fsync"))
            }
            guard close(fd) == 0 else {
                sink.closed = true
                throw TensorFileError(path: path, kind: .io, detail: lastErrno("close"))
            }
            sink.closed = true
            try beforeRename()
            guard rename(temporary, path) == 0 else {
                throw TensorFileError(path: path, kind: .io, detail: lastErrno("rename"))
            }
        } catch {
            if !sink.closed { close(fd) }
            unlink(temporary)
            throw error
        }
        syncDirectory(directory)
    }

    /// Where `write(to:_:)`'s body sends its bytes.
    public struct Sink {
        let fd: Int32
        let path: String
        var closed = false

        /// The number of bytes written so far.
        public private(set) var count = 0

        public mutating func write(_ data: Data) throws {
            try data.withUnsafeBytes { try write($0) }
        }

        public mutating func write(_ bytes: [UInt8]) throws {
            try bytes.withUnsafeBytes { try write($0) }
        }

        public mutating func write(_ buffer: UnsafeRawBufferPointer) throws {
            var done = 0
            // write(2) may write less than asked, or be interrupted by a signal.
            while done < buffer.count {
                let n = systemWrite(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw TensorFileError(path: path, kind: .io, detail: lastErrno("write"))
                }
                done += n
            }
            count += done
        }
    }

    /// A replaced file keeps its permissions instead of taking the defaults of a new file.
    private static func keepMode(of path: String, on fd: Int32) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { return }  // no old file: keep the defaults
        guard fchmod(fd, info.st_mode & 0o7777) == 0 else {
            throw TensorFileError(path: path, kind: .io, detail: lastErrno("fchmod"))
        }
    }

    /// Makes the rename itself durable. Best effort: some file systems refuse to open or
    /// sync a directory, and the data is already safe in the renamed file.
    private static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}

/// `write(2)`, under a name that `Sink.write` does not shadow.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
