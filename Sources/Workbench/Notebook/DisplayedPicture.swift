import Foundation

/// A picture handed to a front end that shows pictures itself (the Jupyter kernel sends it
/// as `display_data`), with the text a reader without images sees instead.
///
///     interpreter.pictureDisplay = { picture in send(picture.mimeType, picture.bytes) }
///     try interpreter.execute(line: "plot r")     // a PNG, no terminal text
public struct DisplayedPicture: Sendable, Equatable {
    public var bytes: [UInt8]
    /// `image/png`, `image/gif` or `image/svg+xml`.
    public var mimeType: String
    /// "plot: 640×480 PNG", "animate r.gif: 256×256 GIF".
    public var caption: String

    public init(bytes: [UInt8], mimeType: String, caption: String) {
        self.bytes = bytes
        self.mimeType = mimeType
        self.caption = caption
    }

    /// The picture in a file a command wrote, its type from the extension; nil when the file
    /// cannot be read or is no picture.
    public init?(file path: String, command: String) {
        guard let format = PictureFile.Format(path: path), let data = FileManager.default.contents(atPath: path) else { return nil }
        self.init(bytes: Array(data), mimeType: format.mimeType, label: "\(command) \((path as NSString).lastPathComponent)")
    }

    /// A picture drawn for the front end alone (`plot` or `play` without a file).
    public init(bytes: [UInt8], mimeType: String, label: String) {
        let size = Self.size(bytes, mimeType: mimeType).map { "\($0.width)×\($0.height) " } ?? ""
        let format = mimeType.split(separator: "/").last.map { $0.split(separator: "+")[0].uppercased() } ?? mimeType
        self.init(bytes: bytes, mimeType: mimeType, caption: "\(label): \(size)\(format)")
    }

    /// Width and height from a PNG's IHDR or a GIF's screen descriptor.
    static func size(_ bytes: [UInt8], mimeType: String) -> (width: Int, height: Int)? {
        switch mimeType {
        case "image/png" where bytes.count >= 24:
            let be = { (i: Int) in bytes[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
            return (be(16), be(20))
        case "image/gif" where bytes.count >= 10:
            return (Int(bytes[6]) | Int(bytes[7]) << 8, Int(bytes[8]) | Int(bytes[9]) << 8)
        default:
            return nil
        }
    }
}

extension Invocation {
    /// Whether pictures go to a front end (`Interpreter.pictureDisplay`) rather than the terminal.
    public var displaysPictures: Bool { interpreter.pictureDisplay != nil }

    /// Hands a picture file this statement wrote to the front end, if there is one.
    public func display(file path: String) {
        guard let show = interpreter.pictureDisplay, let picture = DisplayedPicture(file: path, command: command.name) else { return }
        show(picture)
    }

    /// Hands a picture drawn for the front end alone to it.
    public func display(_ bytes: [UInt8], mimeType: String) {
        interpreter.pictureDisplay?(DisplayedPicture(bytes: bytes, mimeType: mimeType, label: command.name))
    }
}
