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
    /// Whether output is a terminal (so `play` may move the cursor).
    var isTerminal: Bool { get }
    /// The width pictures must fit in.
    var columns: Int { get }
}

extension Console {
    public var supportsColor: Bool { false }
    public var isTerminal: Bool { false }
    /// `COLUMNS` when set, else 80.
    public var columns: Int { Self.environmentColumns }

    static var environmentColumns: Int {
        getenv("COLUMNS").flatMap { Int(String(cString: $0)) }.map { max(20, $0) } ?? 80
    }
}

public final class StandardConsole: Console {
    public init() {}

    public func write(_ text: String) { FileDescriptor.write(1, text) }
    public func error(_ text: String) { FileDescriptor.write(2, text) }
    public var supportsColor: Bool {
        isatty(1) != 0 && (getenv("TERM").map { String(cString: $0) != "dumb" } ?? false) && getenv("NO_COLOR") == nil
    }
    public var isTerminal: Bool { isatty(1) != 0 }
    /// The terminal's width, else `COLUMNS`, else 80.
    public var columns: Int {
        var size = winsize()
        if isatty(1) != 0 && ioctl(1, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 { return max(20, Int(size.ws_col)) }
        return Self.environmentColumns
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
    /// Pictures with colours (a test of the coloured terminal output).
    public var supportsColor = false
    public var columns = 80

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
