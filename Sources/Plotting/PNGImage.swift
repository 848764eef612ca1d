import CZlib

/// PNG encoding (8-bit grayscale or RGB). zlib does the deflate and the CRCs.
public enum PNGImage {
    /// The PNG file bytes of a row-major `height × width` grayscale image, values in [0, 1].
    public static func encode(_ pixels: [Float], width: Int, height: Int) -> [UInt8] {
        precondition(width > 0 && height > 0 && pixels.count == width * height, "\(pixels.count) pixels for \(width)×\(height)")
        let bytes = pixels.map { v in UInt8((min(max(v.isFinite ? v : 0, 0), 1) * 255).rounded()) }
        return encode(bytes, width: width, height: height, channels: 1)
    }

    /// The PNG file bytes of a row-major `height × width` image of RGB triples.
    public static func encodeRGB(_ bytes: [UInt8], width: Int, height: Int) -> [UInt8] {
        precondition(width > 0 && height > 0 && bytes.count == 3 * width * height, "\(bytes.count) bytes for \(width)×\(height) RGB")
        return encode(bytes, width: width, height: height, channels: 3)
    }

    private static func encode(_ bytes: [UInt8], width: Int, height: Int, channels: Int) -> [UInt8] {
        // Each scanline starts with filter type 0 (none).
        let stride = width * channels
        var raw = [UInt8]()
        raw.reserveCapacity((stride + 1) * height)
        for row in 0..<height {
            raw.append(0)
            raw += bytes[(row * stride)..<((row + 1) * stride)]
        }
        var compressedLength = jumpy_deflate_bound(UInt(raw.count))
        var compressed = [UInt8](repeating: 0, count: Int(compressedLength))
        let status = jumpy_deflate(&compressed, &compressedLength, raw, UInt(raw.count))
        precondition(status == 0, "zlib failed to compress (\(status))")
        compressed.removeLast(compressed.count - Int(compressedLength))

        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        // Colour type 0 is grayscale, 2 is RGB; 8 bits a channel.
        let colorType: UInt8 = channels == 3 ? 2 : 0
        chunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, colorType, 0, 0, 0], into: &png)
        chunk("IDAT", compressed, into: &png)
        chunk("IEND", [], into: &png)
        return png
    }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }

    private static func chunk(_ type: String, _ data: [UInt8], into png: inout [UInt8]) {
        let typed = Array(type.utf8) + data
        png += bigEndian(UInt32(data.count)) + typed
        png += bigEndian(jumpy_crc32(0, typed, UInt32(typed.count)))
    }

    /// Lays `frames` (each `side × side`) side by side in one strip, with a 1-pixel gray gap.
    public static func strip(_ frames: [[Float]], side: Int) -> (pixels: [Float], width: Int, height: Int) {
        let width = frames.count * (side + 1) - 1
        var pixels = [Float](repeating: 0.25, count: max(width, 1) * side)
        for (k, frame) in frames.enumerated() {
            for row in 0..<side {
                for column in 0..<side { pixels[row * width + k * (side + 1) + column] = frame[row * side + column] }
            }
        }
        return (pixels, max(width, 1), side)
    }
}
