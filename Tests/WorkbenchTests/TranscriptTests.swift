import Testing
import Workbench

@Suite struct TranscriptTests {
    @Test func datasetShowVarsAndSeeds() {
        let (text, result, _) = transcript("""
            # a comment line
            set seed=7
            a = dataset lines n=20   # seed drawn: 7
            b = dataset circles n=10 split=0.5
            say "two datasets"; vars
            show a.test[0:2]
            show a.n
            show [1, 2:4, "x"]
            show a.nope
            """)
        #expect(result.exitCode == 1)
        #expect(text == """
            a: dataset lines: train [21, 18, 2], test [21, 2, 2]
            b: dataset circles: train [30, 5, 2], test [30, 5, 2]
            two datasets
            a  dataset  dataset lines: train [21, 18, 2], test [21, 2, 2]
               from: a = dataset lines n=20 seed=7
            b  dataset  dataset circles: train [30, 5, 2], test [30, 5, 2]
               from: b = dataset circles n=10 seed=8 split=0.5
            2 trajectories of 21 frames, 2 features
            tensor [21, 2, 2]: mean 0.64657, std 0.61701, min 0, max 2.1
            20
            [1, 2:4, "x"]
            t.jumpy:9:6: error: a has no field 'nope'
              show a.nope
                   ^~~~~~
              fields: train, test, n, seed, frames, features, world

            """)
    }

    @Test func stopsAtFirstErrorWithFileLineAndColumn() {
        let (text, result, interpreter) = transcript("""
            say "one"
            say two
            say "three"
            """)
        #expect(result.exitCode == 1)
        #expect(text == """
            one
            t.jumpy:2:5: error: 'text' must be a string; put text in quotes: "two"
              say two
                  ^~~

            """)
        #expect(interpreter.recorder.entries.map(\.statement) == [#"say "one""#])
    }

    @Test func helpListsEveryCommandAndExplainsOne() {
        let (text, _, _) = transcript("help")
        for command in CommandTable.standard.commands {
            #expect(text.contains("  " + command.name + " "), "help lacks \(command.name)")
        }
        let (detail, _, _) = transcript("help dataset")
        // The transcript's console is 80 columns wide: help wraps there, continuation lines
        // hanging under the text they continue.
        #expect(detail.hasPrefix("usage: dataset world [n=INT] [seed=INT] [split=NUMBER] [radius=NUMBER]\n"
                                 + "       [balls=INT] [start=moving|rest|mixed] [physics=exact|reference]\n"))
        #expect(detail.contains("  n=        trajectories, train and test together (an integer in 1...1000000;\n"
                                + "            default 10000)\n"))
        #expect(detail.contains("  seed=     the generator's seed (an integer in 0...9007199254740992; default\n"
                                + "            the session's next seed)\n"))
        #expect(detail.hasSuffix("example:\n  data = dataset billiards2d n=2000 seed=0\n"))
    }

    @Test func quitStopsTheScript() {
        let (text, result, _) = transcript("say \"a\"\nquit\nsay \"b\"")
        #expect(result == .quit)
        #expect(text == "a\n")
    }

    @Test func pauseIsANoOpInBatchAndWaitsWhenInteractive() {
        let (text, result, interpreter) = transcript("pause\nsay \"after\"")
        #expect(result == .completed && text == "after\n")
        var asked = [String]()
        interpreter.pauseHandler = { asked.append($0); return .goOn }
        _ = try? interpreter.execute(line: #"pause "look at the plot""#)
        #expect(asked == ["look at the plot"])
    }

    @Test func setChangesSettings() {
        let (text, _, interpreter) = transcript("set seed=42 progress=off\nset")
        #expect(text == "threads=1 seed=42 progress=off\n")
        #expect(interpreter.settings.nextSeed == 42 && interpreter.settings.progress == .off)
    }

    @Test func delAndHistory() {
        let (text, _, interpreter) = transcript("a = dataset lines n=4 seed=1\nb = dataset lines n=4 seed=2\ndel a b\nvars\nhistory 2")
        #expect(interpreter.bindings.isEmpty)
        #expect(text.hasSuffix("no variables yet\n    2  b = dataset lines n=4 seed=2\n    3  del a b\n"))
    }
}
