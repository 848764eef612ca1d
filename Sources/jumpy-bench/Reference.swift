import Foundation

/// Runs one of the reference scripts in `shared/bench/` and returns what it printed, or nil
/// with a note when the script or its interpreter is missing (the figure then stands alone).
struct ReferenceScript {
    let python: String
    let script: String

    /// `../shared/bench/NAME` from the project root, or `shared/bench/NAME` above it.
    static func locate(_ name: String, python: String?) -> ReferenceScript? {
        let candidates = ["../shared/bench/\(name)", "../../shared/bench/\(name)", "shared/bench/\(name)"]
        guard let script = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else { return nil }
        return ReferenceScript(python: python ?? "python3", script: script)
    }

    func run(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_NUM_THREADS"] = "1"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: output, as: UTF8.self)
    }
}

/// The first number after `label` in `text` ("train steps/s        : 1.76" → 1.76).
func number(after label: String, in text: String) -> Double? {
    guard let range = text.range(of: label) else { return nil }
    let rest = text[range.upperBound...].drop { !"0123456789.-".contains($0) }
    return Double(rest.prefix { "0123456789.eE+-".contains($0) })
}
