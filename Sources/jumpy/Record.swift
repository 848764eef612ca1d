import Foundation
import Tensor
import Workbench

/// `jumpy --record FILE`: replays a lesson and writes its results under its statements.
enum Record {
    static func run(_ file: String) -> Int32 {
        guard let text = Batch.read(file) else {
            FileHandle.standardError.write(Data("jumpy: --record \(file): cannot read the file\n".utf8))
            return 1
        }
        let interpreter = Interpreter()
        let (result, recorded) = interpreter.recordResults(text, source: file)
        guard let recorded else {
            interpreter.report(result, source: file)
            FileHandle.standardError.write(Data("jumpy: \(file) left as it was\n".utf8))
            return result.exitCode
        }
        do {
            try AtomicFile.write(Data(recorded.utf8), to: file)
        } catch {
            FileHandle.standardError.write(Data("jumpy: cannot write \(file): \(error)\n".utf8))
            return 1
        }
        let count = recorded.split(separator: "\n").filter { $0.hasPrefix(SessionRecorder.summaryPrefix) }.count
        FileHandle.standardError.write(Data("recorded \(count) results in \(file) (threads \(Threads.count))\n".utf8))
        return 0
    }
}
