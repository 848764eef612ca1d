import Foundation

/// `DIR/manifest.json`: what a sweep directory holds, so `jumpy point DIR N` (run by GNU
/// parallel or a Slurm array task) and `jumpy merge DIR` need nothing else.
public struct SweepManifest: Sendable, Equatable, Codable {
    /// Bumped when the layout changes.
    public var format = 1
    /// The sweep file, as given on the command line.
    public var template: String
    public var axes: [SweepAxis]
    public var points: [SweepPoint]

    public init(template: String, axes: [SweepAxis], points: [SweepPoint]) {
        self.template = template
        self.axes = axes
        self.points = points
    }

    public static let fileName = "manifest.json"

    /// Sorted keys and fixed indentation: the same sweep writes the same bytes.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    /// Reads `DIR/manifest.json`.
    public static func read(directory: String) throws -> SweepManifest {
        let path = directory + "/" + fileName
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SweepError("\(directory) is not a sweep directory: it has no \(fileName) (make one with: jumpy sweep FILE --out \(directory))")
        }
        do {
            return try decoder().decode(SweepManifest.self, from: data)
        } catch {
            throw SweepError("\(path) is not a sweep manifest: \(error)")
        }
    }
}

/// A problem with a sweep directory or its files (the sweep file's own errors are
/// `Diagnostic`s with a caret).
public struct SweepError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
