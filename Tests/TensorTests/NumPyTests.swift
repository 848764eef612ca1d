import Foundation
import Testing
import Tensor
import TestSupport

/// `np.save` of `np.arange(6, dtype='<f4').reshape(2, 3)` (NumPy 2.4): 128-byte header, 24 data bytes.
private let numpyArange = hexBytes("""
    934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a20
    46616c73652c20277368617065273a2028322c2033292c207d20202020202020202020202020202020202020
    2020202020202020202020202020202020202020202020202020202020202020202020202020200a00000000
    0000803f0000004000004040000080400000a040
    """)

/// `np.save` of `np.array([1.5, -2.25])` (float64).
private let numpyFloat64 = hexBytes("""
    934e554d5059010076007b276465736372273a20273c6638272c2027666f727472616e5f6f72646572273a20
    46616c73652c20277368617065273a2028322c292c207d202020202020202020202020202020202020202020
    2020202020202020202020202020202020202020202020202020202020202020202020202020200a00000000
    0000f83f00000000000002c0
    """)

/// `np.save` of `np.arange(3)` (int64).
private let numpyInt64 = hexBytes("""
    934e554d5059010076007b276465736372273a20273c6938272c2027666f727472616e5f6f72646572273a20
    46616c73652c20277368617065273a2028332c292c207d202020202020202020202020202020202020202020
    2020202020202020202020202020202020202020202020202020202020202020202020202020200a00000000
    0000000001000000000000000200000000000000
    """)

/// `np.save` of `np.float32(7)` (a scalar, shape `()`).
private let numpyScalar = hexBytes("""
    934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a20
    46616c73652c20277368617065273a2028292c207d2020202020202020202020202020202020202020202020
    2020202020202020202020202020202020202020202020202020202020202020202020202020200a0000e040
    """)

/// A `.npy` file of version `major`.0 with the given header text (padded to 64) and data.
private func npy(_ header: String, _ data: [UInt8] = [], major: UInt8 = 1) -> [UInt8] {
    let lengthBytes = major == 1 ? 2 : 4
    var text = Array(header.utf8)
    text += [UInt8](repeating: 0x20, count: 63 - (8 + lengthBytes + text.count) % 64) + [0x0A]
    let length = littleEndianBytes(UInt32(text.count)).prefix(lengthBytes)
    return [0x93] + Array("NUMPY".utf8) + [major, 0] + length + text + data
}

private let sixFloats: [UInt8] = (0..<6).flatMap { littleEndianBytes(Float($0).bitPattern) }

@Suite struct NumPyTests {
    // MARK: - Agreement with NumPy

    @Test func readsWhatNumPyWrites() throws {
        let x = try NumPy.decode(numpyArange)
        #expect(x.shape == [2, 3])
        #expect(x.scalars == [0, 1, 2, 3, 4, 5])
        #expect(try NumPy.decode(numpyFloat64).scalars == [1.5, -2.25])
        #expect(try NumPy.decode(numpyInt64).scalars == [0, 1, 2])
        let scalar = try NumPy.decode(numpyScalar)
        #expect(scalar.shape == [] && scalar.scalars == [7])
    }

    @Test func writesWhatNumPyWrites() {
        #expect(NumPy.encode(Tensor(shape: [2, 3], scalars: (0..<6).map(Float.init))) == numpyArange)
        #expect(NumPy.encode(Tensor(7)) == numpyScalar)
    }

    @Test func readsVersions2And3() throws {
        for major: UInt8 in [2, 3] {
            let x = try NumPy.decode(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }", sixFloats, major: major))
            #expect(x.shape == [3, 2] && x.scalars == [0, 1, 2, 3, 4, 5])
        }
    }

    @Test func acceptsAnyKeyOrderQuotesAndSpacing() throws {
        let x = try NumPy.decode(npy(#"{"shape":(6L,),"fortran_order":False,"descr":"<f4"}"#, sixFloats))
        #expect(x.shape == [6])
    }

    // MARK: - Round trips

    @Test(arguments: [[], [0], [5], [2, 0, 4], [2, 3, 4], [1, 1, 1, 1, 3]] as [[Int]])
    func roundTrip(shape: [Int]) throws {
        let dir = TemporaryDirectory()
        let values = (0..<shape.elementCount).map { Float($0) * 0.37 - 1 }
        let tensor = Tensor(shape: shape, scalars: values)
        try NumPy.write(tensor, to: dir.path("sub/x.npy"))
        let bytes = try #require(dir.contents("sub/x.npy"))
        #expect((bytes.count - values.count * 4) % 64 == 0)  // data starts 64-aligned
        #expect(bytes[bytes.count - values.count * 4 - 1] == 0x0A)
        #expect(sameBits(try NumPy.read(dir.path("sub/x.npy")), tensor))
        #expect(dir.listing("sub") == ["x.npy"])
    }

    @Test func aHeaderOver64KiBUsesVersion2() throws {
        // 25 000 axes of extent 1 give a 75 000-character shape tuple.
        let tensor = Tensor(shape: [Int](repeating: 1, count: 25_000) + [2], scalars: [3, 4])
        let bytes = NumPy.encode(tensor)
        #expect(bytes[6] == 2 && bytes[7] == 0)
        #expect((bytes.count - 8) % 64 == 0)
        #expect(sameBits(try NumPy.decode(bytes), tensor))
    }

    // MARK: - Refusals

    @Test func refusesTruncatedPreambles() {
        let dir = TemporaryDirectory()
        let short = dir.write(Array(numpyArange.prefix(5)), to: "short.npy")
        expectFileError(.truncated, path: short, "5 bytes, fewer than the .npy magic") { _ = try NumPy.read(short) }
        let noLength = dir.write(Array(numpyArange.prefix(9)), to: "nolength.npy")
        expectFileError(.truncated, path: noLength, "fewer than the 10-byte preamble") { _ = try NumPy.read(noLength) }
        let cut = dir.write(Array(numpyArange.prefix(100)), to: "cut.npy")
        expectFileError(.truncated, path: cut, "header says 118 bytes but the file has 90") { _ = try NumPy.read(cut) }
    }

    @Test func refusesOtherFilesAndVersions() {
        let dir = TemporaryDirectory()
        let text = dir.write(Array("hello, world\n".utf8), to: "text.npy")
        expectFileError(.badHeader, path: text, "does not start with \\x93NUMPY") { _ = try NumPy.read(text) }
        var future = numpyArange
        future[6] = 4
        let v4 = dir.write(future, to: "v4.npy")
        expectFileError(.badHeader, path: v4, "unsupported .npy version 4.0") { _ = try NumPy.read(v4) }
    }

    @Test(arguments: [
        ("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3}", "not a Python literal"),
        ("['descr', '<f4']", "not a Python dict"),
        ("{'descr': '<f4', 'fortran_order': False, }", "no 'shape' tuple"),
        ("{'fortran_order': False, 'shape': (6,), }", "no 'descr'"),
        ("{'descr': '<f4', 'shape': (6,), }", "no boolean 'fortran_order'"),
        ("{'descr': '<f4', 'fortran_order': False, 'shape': (-6,), }", "non-negative integers"),
        ("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), } junk", "unexpected text"),
    ])
    func refusesMalformedHeaders(header: String, problem: String) {
        let dir = TemporaryDirectory()
        let file = dir.write(npy(header, sixFloats), to: "bad.npy")
        expectFileError(.badHeader, path: file, problem) { _ = try NumPy.read(file) }
    }

    @Test(arguments: [
        ("'>f4'", "descr '>f4': big-endian data is not supported"),
        ("'<c8'", "descr '<c8': only <f4, <f8, <f2, <i4, <i8 are read"),
        ("'|u1'", "descr '|u1'"),
        ("[('a', '<f4')]", "structured dtypes are not supported"),
    ])
    func refusesUnsupportedDtypes(descr: String, problem: String) {
        let dir = TemporaryDirectory()
        let file = dir.write(npy("{'descr': \(descr), 'fortran_order': False, 'shape': (6,), }", sixFloats), to: "dtype.npy")
        expectFileError(.unsupportedType, path: file, problem) { _ = try NumPy.read(file) }
    }

    @Test func refusesFortranOrder() {
        let dir = TemporaryDirectory()
        let file = dir.write(npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", sixFloats), to: "f.npy")
        expectFileError(.unsupportedLayout, path: file, "fortran_order is True") { _ = try NumPy.read(file) }
    }

    @Test func refusesDataThatDisagreesWithTheShape() {
        let dir = TemporaryDirectory()
        let short = dir.write(Array(numpyArange.dropLast(4)), to: "short.npy")
        expectFileError(.truncated, path: short, "shape [2, 3] of '<f4' needs 24 bytes but the file has 20 after the header") {
            _ = try NumPy.read(short)
        }
        let long = dir.write(numpyArange + [0, 0, 0, 0], to: "long.npy")
        expectFileError(.shapeMismatch, path: long, "needs 24 bytes but the file has 28 after the header") {
            _ = try NumPy.read(long)
        }
    }

    @Test func refusesAMissingFile() {
        let path = TemporaryDirectory().path("absent.npy")
        expectFileError(.io, path: path, "No such file") { _ = try NumPy.read(path) }
    }
}
