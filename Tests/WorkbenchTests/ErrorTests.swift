import Testing
import Workbench

/// Each kind of bad input gives one error, with the caret under the culprit and, where a
/// known name is near, a suggestion.
@Suite struct ErrorTests {
    @Test func unknownCommand() {
        #expect(diagnostic("data = datset lines") == """
            t:1:8: error: unknown command 'datset'; did you mean 'dataset'?
              data = datset lines
                     ^~~~~~
              type 'help' for the list of commands
            """)
    }

    @Test func unknownOption() {
        #expect(diagnostic("dataset lines sed=3") == """
            t:1:15: error: 'dataset' has no option 'sed'; did you mean 'seed'?
              dataset lines sed=3
                            ^~~
              options: world, n, seed, split, radius, balls, start, physics
            """)
    }

    @Test func unknownWordValue() {
        #expect(diagnostic("dataset biliards2d") == """
            t:1:9: error: unknown world 'biliards2d'; did you mean 'billiards2d'?
              dataset biliards2d
                      ^~~~~~~~~~
              world: lines, circles, billiards1d, billiards2d, pixels1d, pixels2d, shots
            """)
    }

    @Test func wrongType() {
        #expect(diagnostic(#"dataset lines n="many""#) == """
            t:1:17: error: 'n' must be an integer in 1...1000000, got a string
              dataset lines n="many"
                              ^~~~~~
            """)
        #expect(diagnostic("export d \"x.npy\"", after: "d = dataset lines n=4 seed=0") == """
            t:1:8: error: a dataset has no tensor to export; try one of its fields
              export d "x.npy"
                     ^
            """)
    }

    @Test func outOfRange() {
        #expect(diagnostic("dataset lines n=0") == """
            t:1:17: error: n = 0 is out of range: 'n' must be an integer in 1...1000000
              dataset lines n=0
                              ^
            """)
        // A range only the world knows is checked by Physics and placed at its argument.
        #expect(diagnostic("dataset billiards2d n=10 radius=0.3") == """
            t:1:26: error: radius = 0.3 leaves no room for 2 balls in the 2-D unit box: radius must be in (0, 0.247] for 2 balls
              dataset billiards2d n=10 radius=0.3
                                       ^~~~~~~~~~
            """)
        #expect(diagnostic("show d.test[7]", after: "d = dataset lines n=4 seed=0") == """
            t:1:13: error: index 7 is out of range: d.test has 1 trajectory (0...0)
              show d.test[7]
                          ^
            """)
    }

    @Test func undefinedVariable() {
        #expect(diagnostic("show dta.train", after: "data = dataset lines n=4 seed=0") == """
            t:1:6: error: undefined variable 'dta'; did you mean 'data'?
              show dta.train
                   ^~~
            """)
    }

    @Test func badSyntax() {
        #expect(diagnostic("show [1, 2") == """
            t:1:11: error: expected ']' to close '[', found the end of the line
              show [1, 2
                        ^
            """)
        #expect(diagnostic("say \"open") == """
            t:1:5: error: unterminated string; add a closing '"'
              say "open
                  ^~~~~
            """)
        #expect(diagnostic("x = = 3") == """
            t:1:5: error: expected a command after '=', found '='
              x = = 3
                  ^
            """)
    }

    @Test func missingFileAndMissingArgument() {
        #expect(diagnostic(#"x = load "nowhere.safetensors""#) == """
            t:1:10: error: no such file: nowhere.safetensors
              x = load "nowhere.safetensors"
                       ^~~~~~~~~~~~~~~~~~~~~
            """)
        #expect(diagnostic("dataset") == """
            t:1:8: error: 'dataset' needs 'world' (one of lines, circles, billiards1d, billiards2d, pixels1d, pixels2d, shots)
              dataset
                     ^
              usage: dataset world [n=INT] [seed=INT] [split=NUMBER] [radius=NUMBER] [balls=INT] [start=moving|rest|mixed] [physics=exact|reference]
            """)
    }

    @Test func bindingACommandThatGivesNothing() {
        #expect(diagnostic(#"x = say "hi""#) == """
            t:1:1: error: 'say' gives no value to bind to 'x'
              x = say "hi"
              ^
            """)
    }

    @Test func subcommandTypo() {
        #expect(diagnostic("save sesion demo") == """
            t:1:6: error: 'save' has no subcommand 'sesion' and no variable is called so; did you mean 'session'?
              save sesion demo
                   ^~~~~~
            """)
    }
}

extension ErrorTests {
    @Test func transposedLettersSuggestTheIntendedName() {
        #expect(Suggestion.editDistance("shwo", "show") == 1)
        #expect(Suggestion.editDistance("shwo", "shot") == 2)
        #expect(Suggestion.nearest(to: "shwo", in: ["shot", "show"]) == "show")
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
    }
}
