#if canImport(Glibc)
import Glibc
#endif

/// Where the interpreter's output goes: results to `write`, diagnostics to `error`.
///
/// `StandardConsole` is stdout and stderr; `BufferConsole` collects both, in order, for
/// transcript tests.
public protocol Console: AnyObject {
    func write(_ text: String)
    func error(_ text: String)
    /// Whether pictures may use ANSI colours (a terminal); transcripts never do.
    var supportsColor: Bool { get }
}

extension Console {
    public var supportsColor: Bool { false }
}

public final class StandardConsole: Console {
    public init() {}

    public func write(_ text: String) { FileDescriptor.write(1, text) }
    public func error(_ text: String) { FileDescriptor.write(2, text) }
    public var supportsColor: Bool {
        isatty(1) != 0 && (getenv("TERM").map { String(cString: $0) != "dumb" } ?? false) && getenv("NO_COLOR") == nil
    }
}

/// Everything written, interleaved as it happened.
///
///     let console = BufferConsole()
///     let interpreter = Interpreter(console: console)
///     _ = interpreter.runScript("say \"hi\"", source: "t")
///     console.text   // "hi\n"
public final class BufferConsole: Console {
    public private(set) var text = ""
    /// Only what went to `write` (standard output).
    public private(set) var output = ""

    public init() {}

    public func write(_ text: String) {
        self.text += text
        output += text
    }
    public func error(_ text: String) { self.text += text }
}

/// Unbuffered writes to a file descriptor: output and diagnostics interleave in the order
/// they happen, with no C `FILE` buffers (whose globals Swift 6 treats as unsafe).
enum FileDescriptor {
    static func write(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            done += n
        }
    }
}
