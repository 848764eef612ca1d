import Plotting
import Tensor

/// Rows of pixel frames, truth above model (pixels1d, pixels2d), still or animated.
extension Views {
    static func frames(_ t: Tensor, _ b: Int) -> [[Float]] {
        let (batch, width) = (t.shape[1], t.shape[2])
        return (0..<t.shape[0]).map { f in Array(t.scalars[((f * batch + b) * width)..<((f * batch + b + 1) * width)]) }
    }

    static func frameRows(_ s: Subject, _ b: Int, side: Int) -> FrameRowsView {
        FrameRowsView(side: side, truth: frames(s.truth, b), model: s.rollout.map { frames($0.frameGrid(), b) },
                      tickFrames: Set(ticks(s.rollout, b).map { Int($0.time.rounded(.down)) }))
    }

    /// Truth and model frames side by side, scaled up to about `size` pixels, between data
    /// frames from the model's interpolation.
    static func frameAnimation(_ subject: Subject, _ b: Int, side: Int, slow: Int, fps: Int, size: Int) -> Animation {
        let times = sampleTimes(subject.frames, slow: slow)
        let truth = frames(subject.truth, b)
        let model = subject.rollout.map { modelSamples($0, b, at: times).map { $0.map(Float.init) } }
        let tickTimes = ticks(subject.rollout, b).map(\.time)
        let scale = max(1, size / side)
        return Animation(frames: times.enumerated().map { k, t in
            // A tick shows for the whole data frame it starts.
            FrameRowsView.animationFrame(truth: truth[Int(t)], model: model?[k], side: side, t: t, end: Double(subject.frames - 1),
                                         ticking: tickTimes.contains { $0 <= t + 1e-9 && t < $0 + 1 - 1e-9 }, scale: scale)
        }, delay: Animation.delay(fps: fps))
    }
}
