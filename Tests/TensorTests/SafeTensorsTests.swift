import Foundation
import Testing
import Tensor
import TestSupport

/// A safetensors file from a header string (padded here only if asked) and data bytes.
private func safetensors(_ header: String, _ data: [UInt8] = [], declaredLength: UInt64? = nil) -> [UInt8] {
    let json = Array(header.utf8)
    return littleEndianBytes(declaredLength ?? UInt64(json.count)) + json + data
}

/// Six float32s 0…5 as little-endian bytes (24 bytes).
private let sixFloats: [UInt8] = (0..<6).flatMap { littleEndianBytes(Float($0).bitPattern) }

@Suite struct SafeTensorsTests {
    // MARK: - Round trips

    @Test func roundTripKeepsShapesValuesOrderAndMetadata() throws {
        let dir = TemporaryDirectory()
        let file = dir.path("models/net.safetensors")
        let tensors: [(String, Tensor)] = [
            ("w", Tensor(shape: [2, 3], scalars: [1, -2, 3.5, .infinity, -0.0, .nan])),
            ("scalar", Tensor(42)),
            ("empty", Tensor(shape: [0, 3], scalars: [])),
            ("b", Tensor([0.1, 0.2, 0.3, 0.4])),
            ("a \"quoted\"\nname/ü", Tensor(shape: [1, 1, 2], scalars: [.leastNonzeroMagnitude, .greatestFiniteMagnitude])),
        ]
        let metadata = ["step": "100", "note": "tab\tand \"quotes\" and \\ and ü", "empty": ""]
        try SafeTensors.write(tensors, metadata: metadata, to: file)

        let read = try SafeTensors.read(file)
        #expect(read.names == tensors.map(\.0))
        #expect(read.metadata == metadata)
        for (name, tensor) in tensors {
            let back = try #require(read.tensors[name])
            #expect(sameBits(back, tensor), "\(name): \(back) vs \(tensor)")
            #expect(read.dtypes[name] == "F32")
        }
        #expect(dir.listing("models") == ["net.safetensors"])
    }

    @Test func manyTensorsFromADictionaryAreSortedByName() throws {
        let dir = TemporaryDirectory()
        var tensors = [String: Tensor]()
        for i in 0..<300 {
            tensors["t\(i)"] = Tensor(shape: [i % 4, 3], scalars: (0..<(i % 4 * 3)).map { Float(i * 100 + $0) })
        }
        try SafeTensors.write(tensors, to: dir.path("many.safetensors"))
        let read = try SafeTensors.read(dir.path("many.safetensors"))
        #expect(read.names == tensors.keys.sorted())
        #expect(read.metadata.isEmpty)
        for (name, tensor) in tensors { #expect(read.tensors[name].map { sameBits($0, tensor) } == true) }
    }

    @Test func outputIsDeterministicAndAligned() throws {
        let tensors: [(String, Tensor)] = [("x", Tensor(shape: [2, 3], scalars: (0..<6).map(Float.init)))]
        let bytes = try SafeTensors.encode(tensors, metadata: ["b": "2", "a": "1"])
        #expect(try SafeTensors.encode(tensors, metadata: ["a": "1", "b": "2"]) == bytes)
        let header = #"{"__metadata__":{"a":"1","b":"2"},"x":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}}"#
        let padded = header + String(repeating: " ", count: (8 - header.utf8.count % 8) % 8)
        #expect(bytes == safetensors(padded, sixFloats))
        #expect((bytes.count - 24) % 8 == 0)
    }

    @Test func readsAFileWrittenByPythonJSON() throws {
        // Header from Python's json.dumps (spaces after separators); not padded to 8.
        let header = #"{"__metadata__": {"note": "from python"}, "x": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}}"#
        let file = try SafeTensors.decode(safetensors(header, sixFloats))
        #expect(file.tensors["x"]?.shape == [2, 3])
        #expect(file.tensors["x"]?.scalars == [0, 1, 2, 3, 4, 5])
        #expect(file.metadata == ["note": "from python"])
    }

    @Test func convertsF64F16AndBF16ToFloat() throws {
        let doubles: [Double] = [1.5, -2.25, 0.1, 1e300]
        let f64 = doubles.flatMap { littleEndianBytes($0.bitPattern) }
        let f16: [UInt16] = [0x3C00, 0xC000, 0x0001, 0x7C00, 0x3555]  // 1, -2, 2⁻²⁴, ∞, ≈1/3
        let bf16: [UInt16] = [0x3F80, 0x4049]  // 1, 3.140625
        let header = #"{"d":{"dtype":"F64","shape":[2,2],"data_offsets":[0,32]},"#
            + #""h":{"dtype":"F16","shape":[5],"data_offsets":[32,42]},"#
            + #""b":{"dtype":"BF16","shape":[2],"data_offsets":[42,46]}}"#
        let file = try SafeTensors.decode(safetensors(header, f64 + f16.flatMap(littleEndianBytes) + bf16.flatMap(littleEndianBytes)))
        #expect(file.names == ["d", "h", "b"])
        #expect(file.dtypes == ["d": "F64", "h": "F16", "b": "BF16"])
        #expect(file.tensors["d"]?.shape == [2, 2])
        #expect(file.tensors["d"]?.scalars == [1.5, -2.25, Float(0.1), .infinity])
        #expect(file.tensors["h"]?.scalars == [1, -2, 0x1p-24, .infinity, 0.333251953125])
        #expect(file.tensors["b"]?.scalars == [1, 3.140625])
    }

    @Test func readsTheProjectPyTorchFixture() throws {
        // The checked-in golden fixture (float64, written by Python's safetensors).
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../LearningTests/Resources/pytorch-reference.safetensors").path
        let file = try SafeTensors.read(path)
        #expect(file.names.count == 106)
        #expect(Set(file.dtypes.values) == ["F64"])
        #expect(file.metadata["hidden_dim"] == "16")
        let seq = try #require(file.tensors["input.seq"])
        #expect(seq.shape == [16, 6, 4])
        // First values, from numpy: 0.88289467 0.73932685 0.46918349 0.72442334.
        let expected: [Float] = [0.88289467, 0.73932685, 0.46918349, 0.72442334]
        for (a, b) in zip(seq.scalars.prefix(4), expected) { #expect(abs(a - b) < 1e-6) }
    }

    // MARK: - Refusals

    @Test func refusesAFileShorterThanTheLengthPrefix() {
        let dir = TemporaryDirectory()
        let file = dir.write([1, 0, 0], to: "short.safetensors")
        expectFileError(.truncated, path: file, "3 bytes, fewer than the 8-byte header length") {
            _ = try SafeTensors.read(file)
        }
    }

    @Test func refusesAHeaderLongerThanTheFile() {
        let dir = TemporaryDirectory()
        let file = dir.write(safetensors(String(repeating: " ", count: 192), declaredLength: 812), to: "net.safetensors")
        expectFileError(.truncated, path: file, "header says 812 bytes but the file has 192") {
            _ = try SafeTensors.read(file)
        }
    }

    @Test func refusesAHugeHeaderLength() {
        let dir = TemporaryDirectory()
        let file = dir.write(safetensors("{}", declaredLength: 1 << 40), to: "huge.safetensors")
        expectFileError(.badHeader, path: file, "header length 1099511627776 exceeds the limit") {
            _ = try SafeTensors.read(file)
        }
    }

    @Test(arguments: [
        (#"{"x": {"dtype": "F32", "#, "not valid JSON"),
        (#"[1, 2, 3]"#, "header is not a JSON object"),
        (#"{"x": [1, 2]}"#, "entry for tensor 'x' is not a JSON object"),
        (#"{"__metadata__": {"k": 1}}"#, "__metadata__ value for 'k' is not a string"),
        (#"{"__metadata__": "k"}"#, "__metadata__ is not a JSON object"),
        (#"{"x": {"shape": [2, 3], "data_offsets": [0, 24]}}"#, "tensor 'x' has no string \"dtype\""),
        (#"{"x": {"dtype": "F32", "shape": [2.5], "data_offsets": [0, 24]}}"#, "tensor 'x' has no \"shape\" list"),
        (#"{"x": {"dtype": "F32", "shape": [true], "data_offsets": [0, 24]}}"#, "tensor 'x' has no \"shape\" list"),
        (#"{"x": {"dtype": "F32", "shape": [-6], "data_offsets": [0, 24]}}"#, "tensor 'x' has no \"shape\" list"),
    ])
    func refusesMalformedHeaders(header: String, problem: String) {
        let dir = TemporaryDirectory()
        let file = dir.write(safetensors(header, sixFloats), to: "bad.safetensors")
        expectFileError(.badHeader, path: file, problem) { _ = try SafeTensors.read(file) }
    }

    @Test func refusesUnknownDtypes() {
        let dir = TemporaryDirectory()
        let file = dir.write(safetensors(#"{"x":{"dtype":"I64","shape":[3],"data_offsets":[0,24]}}"#, sixFloats), to: "ints.safetensors")
        expectFileError(.unsupportedType, path: file, "tensor 'x' has dtype I64") { _ = try SafeTensors.read(file) }
    }

    @Test func refusesDataShorterThanTheOffsets() {
        let dir = TemporaryDirectory()
        let header = #"{"x":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}}"#
        let file = dir.write(safetensors(header, Array(sixFloats.prefix(20))), to: "cut.safetensors")
        expectFileError(.truncated, path: file, "tensor 'x' has data_offsets [0, 24] but the data section has 20 bytes") {
            _ = try SafeTensors.read(file)
        }
    }

    @Test(arguments: [
        (#"{"x":{"dtype":"F32","shape":[0],"data_offsets":[24,0]}}"#, "tensor 'x' needs \"data_offsets\" [begin, end]"),
        (#"{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,12]},"y":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}}"#,
         "tensor 'y' has data_offsets [8, 24], which overlaps the previous tensor"),
        (#"{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"y":{"dtype":"F32","shape":[3],"data_offsets":[12,24]}}"#,
         "tensor 'y' has data_offsets [12, 24], which leaves a gap"),
        (#"{"x":{"dtype":"F32","shape":[5],"data_offsets":[0,20]}}"#, "4 bytes after the last tensor's data are not described"),
    ])
    func refusesOffsetsThatDoNotTileTheData(header: String, problem: String) {
        let dir = TemporaryDirectory()
        let file = dir.write(safetensors(header, sixFloats), to: "offsets.safetensors")
        expectFileError(.badOffsets, path: file, problem) { _ = try SafeTensors.read(file) }
    }

    @Test func refusesAShapeThatDisagreesWithTheByteCount() {
        let dir = TemporaryDirectory()
        let header = #"{"x":{"dtype":"F32","shape":[2,2],"data_offsets":[0,24]}}"#
        let file = dir.write(safetensors(header, sixFloats), to: "shape.safetensors")
        expectFileError(.shapeMismatch, path: file, "tensor 'x' has shape [2, 2] of F32 (16 bytes) but data_offsets span 24 bytes") {
            _ = try SafeTensors.read(file)
        }
        let huge = #"{"x":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,24]}}"#
        let overflow = dir.write(safetensors(huge, sixFloats), to: "overflow.safetensors")
        expectFileError(.shapeMismatch, path: overflow, "too many bytes") { _ = try SafeTensors.read(overflow) }
    }

    @Test func refusesAMissingFile() {
        let path = TemporaryDirectory().path("absent.safetensors")
        expectFileError(.io, path: path, "No such file") { _ = try SafeTensors.read(path) }
    }

    @Test func refusesToWriteDuplicateOrReservedNames() throws {
        let dir = TemporaryDirectory()
        let file = dir.path("dup.safetensors")
        expectFileError(.invalidArgument, path: file, "duplicate tensor name 'x'") {
            try SafeTensors.write([("x", Tensor(1)), ("x", Tensor(2))], to: file)
        }
        expectFileError(.invalidArgument, path: file, "'__metadata__' is reserved") {
            try SafeTensors.write([("__metadata__", Tensor(1))], to: file)
        }
        #expect(dir.listing().isEmpty)
    }
}
