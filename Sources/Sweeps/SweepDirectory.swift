import Foundation
import Tensor

/// The files of a sweep under one directory:
///
///     DIR/manifest.json                 the grid and its points
///     DIR/sweep.jumpy                   a copy of the sweep file
///     DIR/points/000-kind=rnn-seed=0/   one directory a point:
///         point.jumpy                   its session script (ordinary; replays on its own)
///         result.json                   written last, when the run succeeded
///         recorded.jumpy                the session as run, with `# ->` results (--check)
///         m.safetensors                 a checkpoint for each model bound at the end
///         m.optimizer.safetensors       and its training state
///         log.txt, failure.txt          what the run printed; why it failed
///
/// Every file is written whole (temporary file, then rename), so an interrupted sweep
/// leaves no half-written result behind and a rerun resumes.
public struct SweepDirectory: Sendable {
    public let path: String
    public let manifest: SweepManifest

    public enum Status: Sendable, Equatable {
        case pending
        case done
        /// The first line of the run's diagnostic.
        case failed(String)
    }

    public static let resultName = "result.json"
    public static let failureName = "failure.txt"
    public static let scriptName = "point.jumpy"

    /// Opens an existing sweep directory.
    public init(opening path: String) throws {
        self.path = path
        manifest = try SweepManifest.read(directory: path)
    }

    /// Writes the scripts and the manifest of `template` under `path`. An existing directory
    /// must be empty or hold this same sweep (then finished points are kept: resume).
    public init(writing template: SweepTemplate, templateText: String, to path: String) throws {
        self.path = path
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw SweepError("--out \(path) is a file, not a directory") }
        } else {
            do { try files.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw SweepError("cannot create --out \(path) (does its parent exist, and may you write there?)")
            }
        }
        manifest = SweepManifest(template: template.source, axes: template.axes, points: template.points)
        let scripts = manifest.points.map(template.script(for:))
        if files.fileExists(atPath: path + "/" + SweepManifest.fileName) {
            let existing = try SweepManifest.read(directory: path)
            let same = existing.axes == manifest.axes && existing.points == manifest.points
                && zip(existing.points, scripts).allSatisfy { point, script in
                    files.contents(atPath: path + "/" + point.directory + "/" + Self.scriptName) == Data(script.utf8)
                }
            guard same else {
                throw SweepError("--out \(path) holds another sweep (its grid or scripts differ); choose another directory or remove it")
            }
        } else if let entries = try? files.contentsOfDirectory(atPath: path), !entries.isEmpty {
            throw SweepError("--out \(path) is not empty and holds no sweep; choose a new or empty directory")
        }
        do {
            for (point, script) in zip(manifest.points, scripts) {
                let file = path + "/" + point.directory + "/" + Self.scriptName
                try files.createDirectory(atPath: path + "/" + point.directory, withIntermediateDirectories: true)
                if files.contents(atPath: file) != Data(script.utf8) { try AtomicFile.write(Data(script.utf8), to: file) }
            }
            try AtomicFile.write(Data(templateText.utf8), to: path + "/sweep.jumpy")
            // The manifest last: a directory with one is complete.
            try AtomicFile.write(SweepManifest.encoder().encode(manifest), to: path + "/" + SweepManifest.fileName)
        } catch {
            throw SweepError("cannot write the sweep into \(path): \(error)")
        }
    }

    public func directory(of point: SweepPoint) -> String { path + "/" + point.directory }

    public func status(of point: SweepPoint) -> Status {
        let files = FileManager.default
        let dir = directory(of: point)
        if files.fileExists(atPath: dir + "/" + Self.resultName) { return .done }
        if let data = files.contents(atPath: dir + "/" + Self.failureName) {
            return .failed(String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "failed")
        }
        return .pending
    }

    /// The points still to run (pending or failed before), in order.
    public var unfinished: [SweepPoint] { manifest.points.filter { status(of: $0) != .done } }

    /// `4 points: 3 done, 1 failed` and a line for each failure.
    public func report() -> (text: String, failed: Int) {
        let statuses = manifest.points.map { ($0, status(of: $0)) }
        let done = statuses.filter { $0.1 == .done }.count
        var failures = [String]()
        for (point, status) in statuses {
            if case .failed(let why) = status { failures.append("  failed: point \(point.index) (\(point.label)): \(why)") }
        }
        let pending = statuses.count - done - failures.count
        var head = "\(statuses.count) points: \(done) done"
        if !failures.isEmpty { head += ", \(failures.count) failed" }
        if pending > 0 { head += ", \(pending) not run" }
        return (([head] + failures).joined(separator: "\n"), failures.count)
    }
}
