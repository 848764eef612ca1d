import Foundation
import Plotting
import Tensor

/// Writing a picture to a file: the format from the path's extension, the bytes, and an
/// atomic write, so a failed or stopped write leaves nothing behind. Errors name the command's
/// argument (`argument:`), so the caret lands under the path. Which picture to write is
/// `Views`' business.
enum PictureFile {
    enum Format: String {
        case png, svg, gif

        /// The format a path's extension names (any case), if it names one.
        init?(path: String) {
            self.init(rawValue: (path as NSString).pathExtension.lowercased())
        }

        /// What a front end is told the bytes are.
        var mimeType: String {
            switch self {
            case .png: return "image/png"
            case .svg: return "image/svg+xml"
            case .gif: return "image/gif"
            }
        }
    }

    /// The format a path's extension names, or an error under `argument`. Commands call it
    /// before drawing, so a bad extension costs nothing.
    static func format(of path: String, allowed: [Format], argument: String) throws -> Format {
        let ext = (path as NSString).pathExtension.lowercased()
        guard let format = Format(rawValue: ext), allowed.contains(format) else {
            let names = allowed.map { "." + $0.rawValue }
            throw CommandError("pictures are written as \(names.dropLast().joined(separator: ", "))\(names.count > 1 ? " or " : "")\(names.last!) files, not \(ext.isEmpty ? "a path without an extension" : "." + ext)",
                               argument: argument)
        }
        return format
    }

    /// Writes the figure atomically in the format the extension names.
    static func write(_ figure: Figure, to path: String, argument: String) throws {
        let bytes: [UInt8]
        switch try format(of: path, allowed: [.png, .svg, .gif], argument: argument) {
        case .png: bytes = figure.png()
        case .svg: bytes = Array(figure.svg().utf8)
        case .gif: bytes = try encodeGIF(Animation(frames: [figure]), argument: argument)
        }
        try write(bytes, to: path, argument: argument)
    }

    /// `keepGoing` hears how many frames are drawn and answers whether to go on (Ctrl-C): a
    /// GIF of hundreds of large frames takes a while to draw. Stopped, it throws and writes
    /// nothing.
    static func write(_ animation: Animation, to path: String, argument: String,
                      keepGoing: (_ framesDrawn: Int) -> Bool = { _ in true }) throws {
        _ = try format(of: path, allowed: [.gif], argument: argument)
        try write(try gif(animation, argument: argument, keepGoing: keepGoing), to: path, argument: argument)
    }

    private static func write(_ bytes: [UInt8], to path: String, argument: String) throws {
        do {
            try AtomicFile.write(bytes, to: path)
        } catch {
            throw CommandError("cannot write \(path): \(error)", argument: argument)
        }
    }
}
