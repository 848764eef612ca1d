import Plotting

/// An animation's GIF bytes, drawn frame by frame so a long one reports progress and stops
/// on Ctrl-C before anything is written.
extension PictureFile {
    /// The animation as GIF bytes; stopped by `keepGoing`, it throws.
    static func gif(_ animation: Animation, argument: String,
                    keepGoing: (_ framesDrawn: Int) -> Bool = { _ in true }) throws -> [UInt8] {
        var images: [RGBImage] = []
        for frame in animation.frames {
            if !keepGoing(images.count) {
                throw CommandError("interrupted: drew \(images.count) of \(animation.frames.count) frames, so nothing was written",
                                   argument: argument)
            }
            images.append(frame.raster())
        }
        guard let first = images.first, images.allSatisfy({ $0.width == first.width && $0.height == first.height }) else {
            // No frames, or frames of different sizes: Plotting's encoder names the problem.
            return try encodeGIF(animation, argument: argument)
        }
        do {
            return try GIFImage.encode(frames: images.map(\.bytes), width: first.width, height: first.height,
                                       delay: animation.delay, loops: animation.loops)
        } catch {
            throw CommandError("\(error)", argument: argument)
        }
    }

    /// Plotting's own encoder (one frame, or frames it refuses with a reason).
    static func encodeGIF(_ animation: Animation, argument: String) throws -> [UInt8] {
        do { return try animation.gif() } catch { throw CommandError("\(error)", argument: argument) }
    }
}
