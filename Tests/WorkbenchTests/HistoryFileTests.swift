import Testing
import TestSupport
@testable import LineEditor

@Suite struct HistoryFileTests {
    @Test func entriesStayUniqueAndSaveWhole() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("history")
        var history = HistoryFile(path: path, limit: 3)
        history.add("a")
        history.add("b")
        let moved = history.add("a")
        #expect(moved)                  // moved to the end
        history.add("   ")              // blank lines are not kept
        history.add("c")
        history.add("d")                // the oldest falls off
        #expect(history.entries == ["a", "c", "d"])
        try history.save()
        #expect(directory.listing() == ["history"])   // no temporary left behind
        #expect(HistoryFile(path: path).entries == ["a", "c", "d"])
    }

    @Test func environmentChoosesThePath() {
        #expect(HistoryFile.defaultPath(environment: ["HOME": "/home/x"]) == "/home/x/.jumpy_history")
        #expect(HistoryFile.defaultPath(environment: ["HOME": "/home/x", "JUMPY_HISTORY": "/tmp/h"]) == "/tmp/h")
    }

    @Test func completionHelpers() {
        #expect(LineEditor.commonPrefix(["dataset", "data", "dat"]) == "dat")
        #expect(LineEditor.columns(["a", "bb"]) == "a   bb")
    }
}
