import CGif
import Foundation

/// Animated GIF encoding through giflib (Debian's `libgif-dev`). giflib does the LZW
/// compression and the file structure; jumpy maps colours onto one global palette.
///
/// The palette keeps every `Palette.named` colour exact (so a ball's colour in a file is the
/// colour the figure asked for), then their tints towards white (anti-aliased edges and
/// faint discs on the white background), a 5×5×5 colour cube and grays (text). The palette is
/// fixed, so the same frames give the same bytes on every machine.
/// A 15-bit colour lookup table makes the mapping one load per pixel.
public enum GIFImage {
    public struct EncodingError: Error, CustomStringConvertible {
        public let code: Int32
        public var description: String {
            code == -2 ? "the animation's frames differ in size" : "giflib failed to encode (error \(code))"
        }
    }

    /// GIF bytes of equally sized RGB frames (`width × height` RGB triples each).
    public static func encode(frames: [[UInt8]], width: Int, height: Int, delay: Int, loops: Int = 0) throws -> [UInt8] {
        precondition(!frames.isEmpty && frames.allSatisfy { $0.count == 3 * width * height }, "frames must be \(width)×\(height) RGB")
        let table = ColorTable.shared
        var indices = [UInt8](repeating: 0, count: frames.count * width * height)
        indices.withUnsafeMutableBufferPointer { out in
            for (f, frame) in frames.enumerated() {
                let base = f * width * height
                frame.withUnsafeBufferPointer { rgb in
                    for i in 0..<(width * height) {
                        let key = Int(rgb[3 * i] >> 3) << 10 | Int(rgb[3 * i + 1] >> 3) << 5 | Int(rgb[3 * i + 2] >> 3)
                        out[base + i] = table.lookup[key]
                    }
                }
            }
        }
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = jumpy_gif_encode(table.palette, 256, Int32(width), Int32(height), indices, Int32(frames.count),
                                      Int32(delay), Int32(loops), &output, &length)
        guard status == 0, let output else { throw EncodingError(code: status) }
        defer { free(output) }
        return Array(UnsafeBufferPointer(start: output, count: length))
    }

    /// 256 RGB triples and the map from 15-bit colours to them.
    struct ColorTable: Sendable {
        let palette: [UInt8]
        let lookup: [UInt8]

        static let shared = ColorTable()

        init() {
            var colors = Palette.named
            for c in Palette.named where c != .white {
                for t in [0.2, 0.4, 0.6, 0.8] {
                    let tint = c.mixed(with: .white, t)
                    if !colors.contains(tint) { colors.append(tint) }
                }
            }
            let levels: [UInt8] = [0, 64, 128, 192, 255]
            for r in levels { for g in levels { for b in levels where !colors.contains(RGB(r, g, b)) { colors.append(RGB(r, g, b)) } } }
            var gray = 0
            while colors.count < 256 && gray < 256 {
                let c = RGB(UInt8(gray), UInt8(gray), UInt8(gray))
                if !colors.contains(c) { colors.append(c) }
                gray += 9
            }
            precondition(colors.count <= 256, "\(colors.count) colours do not fit a GIF palette")
            while colors.count < 256 { colors.append(.white) }
            colors = Array(colors.prefix(256))
            palette = colors.flatMap { [$0.r, $0.g, $0.b] }
            var lookup = [UInt8](repeating: 0, count: 1 << 15)
            for key in 0..<(1 << 15) {
                // The bucket's centre, matched to the nearest palette colour.
                let (r, g, b) = ((key >> 10) * 8 + 4, ((key >> 5) & 31) * 8 + 4, (key & 31) * 8 + 4)
                var best = 0, bestDistance = Int.max
                for (i, c) in colors.enumerated() {
                    let d = (r - Int(c.r)) * (r - Int(c.r)) + (g - Int(c.g)) * (g - Int(c.g)) + (b - Int(c.b)) * (b - Int(c.b))
                    if d < bestDistance { best = i; bestDistance = d }
                }
                lookup[key] = UInt8(best)
            }
            // The named colours' own buckets map to them exactly.
            for (i, c) in Palette.named.enumerated() {
                lookup[Int(c.r >> 3) << 10 | Int(c.g >> 3) << 5 | Int(c.b >> 3)] = UInt8(i)
            }
            self.lookup = lookup
        }
    }
}

extension Animation {
    /// The animation as a looping GIF: every frame rasterised at its figure's size.
    public func gif() throws -> [UInt8] {
        let images = frames.map { $0.raster() }
        guard let first = images.first else { throw GIFImage.EncodingError(code: -1) }
        guard images.allSatisfy({ $0.width == first.width && $0.height == first.height }) else { throw GIFImage.EncodingError(code: -2) }
        return try GIFImage.encode(frames: images.map(\.bytes), width: first.width, height: first.height, delay: delay, loops: loops)
    }
}
