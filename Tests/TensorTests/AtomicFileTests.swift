import Foundation
import Testing
import Tensor
import TestSupport

@Suite struct AtomicFileTests {
    struct Boom: Error {}

    @Test func writesAndCreatesMissingParents() throws {
        let dir = TemporaryDirectory()
        try AtomicFile.write(Data("hello".utf8), to: dir.path("a/b/c.txt"))
        #expect(dir.contents("a/b/c.txt") == Array("hello".utf8))
        #expect(dir.listing("a/b") == ["c.txt"])  // no temporary left behind
    }

    @Test func replacesAnExistingFileAndKeepsItsMode() throws {
        let dir = TemporaryDirectory()
        let file = dir.path("f")
        try AtomicFile.write(Array("old".utf8), to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file)
        try AtomicFile.write(Array("new contents".utf8), to: file)
        #expect(dir.contents("f") == Array("new contents".utf8))
        #expect(dir.listing() == ["f"])
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o640)
    }

    @Test func aThrowingWriterLeavesTheOldFileAndNoTemporary() throws {
        let dir = TemporaryDirectory()
        let file = dir.path("target")
        try AtomicFile.write(Array("old".utf8), to: file)
        #expect(throws: Boom.self) {
            try AtomicFile.write(to: file) { out in
                try out.write(Array("half of the new da".utf8))
                throw Boom()
            }
        }
        #expect(dir.contents("target") == Array("old".utf8))
        #expect(dir.listing() == ["target"])
    }

    /// `beforeRename` sees the whole new file in the temporary and the old one in place; a
    /// throw there (Ctrl-C) keeps the old file and removes the temporary.
    @Test func aThrowBeforeTheRenameLeavesTheOldFileAndNoTemporary() throws {
        let dir = TemporaryDirectory()
        let file = dir.path("target")
        try AtomicFile.write(Array("old".utf8), to: file)
        var seen: [[UInt8]?] = []
        #expect(throws: Boom.self) {
            try AtomicFile.write(Array("the whole new file".utf8), to: file) {
                seen = dir.listing().map { dir.contents($0) }
                throw Boom()
            }
        }
        #expect(seen.count == 2 && seen.contains(Array("the whole new file".utf8)) && seen.contains(Array("old".utf8)))
        #expect(dir.contents("target") == Array("old".utf8))
        #expect(dir.listing() == ["target"])

        var asked = 0
        try AtomicFile.write(Array("new".utf8), to: file) { asked += 1 }
        #expect(asked == 1 && dir.contents("target") == Array("new".utf8))
    }

    @Test func aFailedRenameRemovesTheTemporary() throws {
        // Renaming a file over a non-empty directory fails after the data is written.
        let dir = TemporaryDirectory()
        try AtomicFile.write(Array("keep".utf8), to: dir.path("target/inside"))
        expectFileError(.io, path: dir.path("target"), "rename") {
            try AtomicFile.write(Array("new".utf8), to: dir.path("target"))
        }
        #expect(dir.listing() == ["target"])
        #expect(dir.contents("target/inside") == Array("keep".utf8))
    }

    @Test func aParentThatIsAFileIsRefused() throws {
        let dir = TemporaryDirectory()
        try AtomicFile.write(Array("x".utf8), to: dir.path("plain"))
        expectFileError(.io, path: dir.path("plain/child"), "cannot create directory") {
            try AtomicFile.write(Array("y".utf8), to: dir.path("plain/child"))
        }
        #expect(dir.contents("plain") == Array("x".utf8))
    }

    @Test func sinkCountsBytesAndStreamsLargeWrites() throws {
        let dir = TemporaryDirectory()
        let chunk = [UInt8](repeating: 7, count: 3 << 20)
        var written = 0
        try AtomicFile.write(to: dir.path("big")) { out in
            try out.write(chunk)
            try out.write(Data([1, 2, 3]))
            written = out.count
        }
        #expect(written == chunk.count + 3)
        #expect(dir.contents("big")?.count == chunk.count + 3)
        #expect(dir.contents("big")?.suffix(3) == [1, 2, 3])
    }
}
