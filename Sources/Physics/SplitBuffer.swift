import Foundation
import Tensor

/// The storage a dataset is generated into: one `[T, B, F]` Float32 array for the train part
/// and one for the test part, written trajectory by trajectory.
///
/// Trajectories `0 ..< trainCount` go to train, the rest to test (the split runs along the
/// batch, as the reference's `xs[:, :split_ix]`). Each trajectory is written straight into
/// its final place, so the big pixel arrays are never copied.
struct SplitBuffer {
    let frames: Int
    let width: Int
    let trainCount: Int
    let testCount: Int
    private var train: [Float]
    private var test: [Float]

    init(frames: Int, width: Int, count: Int, trainCount: Int) {
        self.frames = frames
        self.width = width
        self.trainCount = trainCount
        self.testCount = count - trainCount
        train = Self.zeros(frames * trainCount * width)
        test = Self.zeros(frames * testCount * width)
    }

    /// A zeroed array. Large ones ask the kernel for transparent huge pages first (where the
    /// system allows it only on request): a 10 000-trajectory pixel dataset is 1.4 GB, and
    /// faulting it in 4 KiB pages costs several times the rendering itself.
    static func zeros(_ count: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            #if os(Linux)
            let bytes = count * MemoryLayout<Float>.stride
            if bytes >= 1 << 24, let base = buffer.baseAddress {
                let huge = 1 << 21
                let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
                let end = (Int(bitPattern: base) + bytes) & ~(huge - 1)
                if end > start {
                    _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, 14 /* MADV_HUGEPAGE */)
                }
            }
            #endif
            buffer.initialize(repeating: 0)
            initialized = count
        }
    }

    /// Calls `body(base, frameStride)` for trajectory `index`: frame `t` of it is the `width`
    /// floats at `base + t · frameStride`.
    mutating func withTrajectory(_ index: Int, _ body: (UnsafeMutablePointer<Float>, Int) -> Void) {
        let inTrain = index < trainCount
        let slot = inTrain ? index : index - trainCount
        let batch = inTrain ? trainCount : testCount
        let (frameStride, offset) = (batch * width, slot * width)
        if inTrain {
            train.withUnsafeMutableBufferPointer { body($0.baseAddress! + offset, frameStride) }
        } else {
            test.withUnsafeMutableBufferPointer { body($0.baseAddress! + offset, frameStride) }
        }
    }

    /// Copies chosen columns of a `[frames, sourceWidth]` Double trajectory into trajectory
    /// `index`: feature `k` of frame `t` is `source[t · sourceWidth + columns[k]]`.
    mutating func write(_ index: Int, from source: UnsafePointer<Double>, sourceWidth: Int, columns: [Int]) {
        precondition(columns.count == width, "need \(width) columns")
        let frames = self.frames
        columns.withUnsafeBufferPointer { pick in
            withTrajectory(index) { base, stride in
                for t in 0..<frames {
                    let row = source + t * sourceWidth, out = base + t * stride
                    for k in 0..<pick.count { out[k] = Float(row[pick[k]]) }
                }
            }
        }
    }

    /// The two parts: train `[T, trainCount, F]`, test `[T, testCount, F]`.
    consuming func tensors() -> (train: Tensor, test: Tensor) {
        (Tensor(shape: [frames, trainCount, width], scalars: train),
         Tensor(shape: [frames, testCount, width], scalars: test))
    }
}
