/// An RGB raster: what Cairo drew, as the PNG and GIF writers take it.
public struct RGBImage: Sendable {
    public let width: Int, height: Int
    /// Row-major RGB triples.
    public var bytes: [UInt8]

    public init(width: Int, height: Int, bytes: [UInt8]) {
        precondition(width > 0 && height > 0 && bytes.count == 3 * width * height, "\(bytes.count) bytes for \(width)×\(height) RGB")
        self.width = width; self.height = height; self.bytes = bytes
    }

    public subscript(x: Int, y: Int) -> RGB {
        let i = 3 * (y * width + x)
        return RGB(bytes[i], bytes[i + 1], bytes[i + 2])
    }
}
