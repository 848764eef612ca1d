#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Whole-file reads with `TensorFileError`s that name the path and the OS reason.
enum FileBytes {
    static func readAll(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw TensorFileError(path: path, kind: .io, detail: lastErrno("open")) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw TensorFileError(path: path, kind: .io, detail: lastErrno("stat"))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw TensorFileError(path: path, kind: .io, detail: "not a regular file")
        }
        // Read until EOF rather than trusting st_size, which may change under us.
        var bytes = [UInt8]()
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw TensorFileError(path: path, kind: .io, detail: lastErrno("read"))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }
}

/// "open: No such file or directory" from the current `errno`.
func lastErrno(_ call: String) -> String {
    "\(call): \(String(cString: strerror(errno)))"
}
