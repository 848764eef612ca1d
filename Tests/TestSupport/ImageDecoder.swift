import Foundation

/// An image decoder that is not jumpy's: Debian's python3-pil, run by the system python
/// (`/usr/bin/python3`; a pyenv python on PATH does not see Debian's packages). `make test`
/// installs it; tests that need it are disabled, with this message, where it is missing.
public enum ImageDecoder {
    public static let python = "/usr/bin/python3"
    public static let missing = "needs \(python) with PIL (Debian python3-pil; make setup installs it)"

    public static let isAvailable: Bool = run("import PIL.Image; print('ok')") == "ok\n"

    /// Runs `script` with `sys.argv[1:] = arguments`; its standard output, or nil if it failed.
    public static func run(_ script: String, _ arguments: [String] = []) -> String? {
        guard FileManager.default.isExecutableFile(atPath: python) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }

    public struct Info: Equatable, Sendable {
        public var format: String, mode: String
        public var width: Int, height: Int
        public var frames: Int
        /// The GIF loop count (0: forever), nil when the file has none.
        public var loop: Int?
        /// The first frame's duration in milliseconds (GIF), nil otherwise.
        public var duration: Int?
    }

    /// What PIL makes of the file, or nil if it cannot open it.
    public static func info(_ path: String) -> Info? {
        let script = """
            import sys, PIL.Image
            im = PIL.Image.open(sys.argv[1]); im.load()
            print(im.format, im.mode, im.size[0], im.size[1], getattr(im, 'n_frames', 1), im.info.get('loop', 'none'), im.info.get('duration', 'none'))
            """
        guard let fields = run(script, [path])?.split(separator: " ").map(String.init), fields.count == 7 else { return nil }
        return Info(format: fields[0], mode: fields[1], width: Int(fields[2]) ?? -1, height: Int(fields[3]) ?? -1,
                    frames: Int(fields[4]) ?? -1, loop: Int(fields[5]), duration: Int(fields[6].trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// The RGB colour at each (frame, x, y), frames composed as a viewer shows them.
    public static func colors(_ path: String, at points: [(frame: Int, x: Int, y: Int)]) -> [[Int]]? {
        let script = """
            import sys, PIL.Image
            im = PIL.Image.open(sys.argv[1])
            frames = {}
            for item in sys.argv[2:]:
                f, x, y = map(int, item.split(','))
                if f not in frames:
                    im.seek(f); frames[f] = im.convert('RGB')
                print(*frames[f].getpixel((x, y)))
            """
        guard let text = run(script, [path] + points.map { "\($0.frame),\($0.x),\($0.y)" }) else { return nil }
        return text.split(separator: "\n").map { $0.split(separator: " ").compactMap { Int($0) } }
    }
}
