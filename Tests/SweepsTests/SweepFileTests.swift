import Foundation
import Testing
@testable import Sweeps
@testable import Workbench

/// Sweep files: the grid, the points' scripts, and an error with a caret for each kind of
/// bad input.
@Suite struct SweepFileTests {
    static let issueExample = """
        sweep kind=[rnn, jumpy] seed=0:2
        d = dataset lines n=100 seed={seed}
        m = model {kind} d hidden=8 seed={seed}
        train m d steps=5 batch=16
        eval m d
        """

    @Test func issueExampleMakesFourPointsFirstAxisSlowest() throws {
        let template = try SweepTemplate(text: Self.issueExample, source: "grid.jumpy")
        #expect(template.axes == [SweepAxis(name: "kind", values: ["rnn", "jumpy"]), SweepAxis(name: "seed", values: ["0", "1"])])
        #expect(template.points.map(\.label) == ["kind=rnn seed=0", "kind=rnn seed=1", "kind=jumpy seed=0", "kind=jumpy seed=1"])
        #expect(template.points.map(\.directory) == ["points/000-kind=rnn-seed=0", "points/001-kind=rnn-seed=1",
                                                     "points/002-kind=jumpy-seed=0", "points/003-kind=jumpy-seed=1"])
        #expect(template.script(for: template.points[2]) == """
            # jumpy sweep point 2: kind=jumpy seed=0
            # from grid.jumpy; run alone: jumpy point.jumpy
            d = dataset lines n=100 seed=0
            m = model jumpy d hidden=8 seed=0
            train m d steps=5 batch=16
            eval m d

            """)
    }

    @Test func valuesAreListsRangesAndSingleValues() throws {
        let template = try SweepTemplate(text: """
            # comments and blank lines may come first

            sweep lr=[1e-3, 0.01] t=0:1:0.25 name=["a b"] h=8
            train m d lr={lr} epsilon={t} hidden={h}
            save m "{name}.safetensors"
            """, source: "s")
        #expect(template.axes.map(\.values) == [["0.001", "0.01"], ["0", "0.25", "0.5", "0.75"], ["a b"], ["8"]])
        #expect(template.points.count == 8)
        #expect(template.points[0].directory == "points/000-lr=0.001-t=0-name=a_b-h=8")
        #expect(template.script(for: template.points[1]).hasSuffix("train m d lr=0.001 epsilon=0.25 hidden=8\nsave m \"a b.safetensors\"\n"))
    }

    func diagnostic(_ text: String) -> String {
        do {
            _ = try SweepTemplate(text: text, source: "bad.jumpy")
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func malformedSweepLine() {
        #expect(diagnostic("sweep kind=[rnn, jumpy seed=0:2\nm = model {kind} d") == """
            bad.jumpy:1:24: error: expected ']' to close '[', found 'seed'
              sweep kind=[rnn, jumpy seed=0:2
                                     ^~~~
            """)
        #expect(diagnostic("sweep rnn\nmodel {kind}") == """
            bad.jumpy:1:7: error: expected an axis as name=values, e.g. seed=0:3
              sweep rnn
                    ^~~
            """)
        #expect(diagnostic("sweep s=0:2 s=[4]\nx s={s}").hasPrefix("bad.jumpy:1:13: error: axis 's' is named twice"))
        #expect(diagnostic("sweep k=[a, a]\nx {k}").hasPrefix("bad.jumpy:1:9: error: axis 'k' lists 'a' twice"))
        #expect(diagnostic("sweep k=[a.b]\nx {k}").hasPrefix("bad.jumpy:1:10: error: a sweep value is a number, a word or a string"))
        #expect(diagnostic("g = sweep s=0:2\nx {s}").hasPrefix("bad.jumpy:1:1: error: 'sweep' gives no value to bind"))
        #expect(diagnostic("sweep s=0:2; say \"x\"\nx {s}").hasPrefix("bad.jumpy:1:14: error: the sweep statement stands alone on its line"))
    }

    @Test func aFileThatDoesNotStartWithSweep() {
        #expect(diagnostic("# a session, not a sweep\nd = dataset lines\n") == """
            bad.jumpy:2:5: error: a sweep file starts with a 'sweep' statement naming the grid, found 'dataset'
              d = dataset lines
                  ^~~~~~~
              e.g. sweep kind=[rnn, jumpy] seed=0:3
            """)
        #expect(diagnostic("").hasPrefix("bad.jumpy:1:1: error: the file holds no statements"))
    }

    @Test func unknownPlaceholderSuggestsTheAxis() {
        #expect(diagnostic("sweep kind=[rnn, jumpy] seed=0:2\nd = dataset lines seed={sed}\nm = model {kind} d") == """
            bad.jumpy:2:24: error: unknown placeholder '{sed}': the sweep's axes are kind, seed; did you mean 'seed'?
              d = dataset lines seed={sed}
                                     ^~~~~
            """)
        #expect(diagnostic("sweep s=0:2\nx {s\n").hasPrefix("bad.jumpy:2:3: error: expected '}' to close the placeholder"))
        #expect(diagnostic("sweep s=0:2\nx {s} {}\n").hasPrefix("bad.jumpy:2:7: error: empty placeholder '{}'"))
    }

    @Test func emptyGrids() {
        #expect(diagnostic("sweep kind=[rnn] seed=0:0\nm = model {kind} d seed={seed}") == """
            bad.jumpy:1:23: error: the range 0:0 is empty (the stop is excluded): the grid has no points
              sweep kind=[rnn] seed=0:0
                                    ^~~
            """)
        #expect(diagnostic("sweep kind=[]\nm = model {kind} d").hasPrefix("bad.jumpy:1:12: error: axis 'kind' is an empty list: the grid has no points"))
        #expect(diagnostic("sweep\nm = model rnn d").hasPrefix("bad.jumpy:1:1: error: 'sweep' names no axes"))
    }

    @Test func anUnusedAxisWouldRepeatPoints() {
        #expect(diagnostic("sweep kind=[rnn] x=[1, 2]\nm = model {kind} d") == """
            bad.jumpy:1:18: error: axis 'x' appears in no line as {x}: its points would be identical
              sweep kind=[rnn] x=[1, 2]
                               ^
            """)
    }

    @Test func aValueThatBreaksALineIsCaughtBeforeAnythingRuns() {
        #expect(diagnostic("sweep n=[10, \"1 2 [\"]\nd = dataset lines n={n}") == """
            bad.jumpy (point 1: n=1 2 [):2:26: error: expected a value, found the end of the line
              d = dataset lines n=1 2 [
                                       ^
            """)
    }
}
