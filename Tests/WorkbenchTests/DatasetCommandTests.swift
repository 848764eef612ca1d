import Testing
import Workbench

/// `dataset`'s names and words are checked by the workbench (a caret and the nearest name),
/// its values against the world by Physics, which receives `DatasetOptions` already typed.
/// These are the inputs Physics once parsed from strings, each with the message it gets now.
@Suite struct DatasetCommandTests {
    @Test func anUnknownWorldOrOptionIsRefusedWithTheNearestName() {
        #expect(diagnostic("dataset billiards2d radus=0.1") == """
            t:1:21: error: 'dataset' has no option 'radus'; did you mean 'radius'?
              dataset billiards2d radus=0.1
                                  ^~~~~
              options: world, n, seed, split, radius, balls, start, physics
            """)
        #expect(diagnostic("dataset shots stat=rest") == """
            t:1:15: error: 'dataset' has no option 'stat'; did you mean 'start'?
              dataset shots stat=rest
                            ^~~~
              options: world, n, seed, split, radius, balls, start, physics
            """)
        #expect(diagnostic("dataset teapot") == """
            t:1:9: error: unknown world 'teapot'
              dataset teapot
                      ^~~~~~
              world: lines, circles, billiards1d, billiards2d, pixels1d, pixels2d, shots
            """)
        // World names are exact, as every word of the language is.
        #expect(diagnostic("dataset Billiards2D n=20") == """
            t:1:9: error: unknown world 'Billiards2D'; did you mean 'billiards2d'?
              dataset Billiards2D n=20
                      ^~~~~~~~~~~
              world: lines, circles, billiards1d, billiards2d, pixels1d, pixels2d, shots
            """)
    }

    @Test func numbersAndWordsAreCheckedBeforePhysicsSeesThem() {
        #expect(diagnostic("dataset lines n=2.5") == """
            t:1:17: error: 'n' must be an integer in 1...1000000, got 2.5
              dataset lines n=2.5
                              ^~~
            """)
        #expect(diagnostic("dataset lines seed=-1") == """
            t:1:20: error: seed = -1 is out of range: 'seed' must be an integer in 0...9007199254740992
              dataset lines seed=-1
                                 ^~
            """)
        #expect(diagnostic("dataset lines seed=1.5") == """
            t:1:20: error: 'seed' must be an integer in 0...9007199254740992, got 1.5
              dataset lines seed=1.5
                                 ^~~
            """)
        #expect(diagnostic("dataset shots start=1") == """
            t:1:21: error: 'start' must be one of moving, rest, mixed, got a number
              dataset shots start=1
                                  ^
            """)
        #expect(diagnostic("dataset billiards2d physics=exakt") == """
            t:1:29: error: unknown physics 'exakt'; did you mean 'exact'?
              dataset billiards2d physics=exakt
                                          ^~~~~
              physics: exact, reference
            """)
    }

    @Test func optionsTheWorldDoesNotTakeAreRefusedInNameOrderBeforeValues() {
        #expect(diagnostic("dataset lines physics=exact radius=0.1") == """
            t:1:15: error: lines has no option 'physics': it has no balls (physics applies to billiards1d, billiards2d, pixels1d, pixels2d, shots)
              dataset lines physics=exact radius=0.1
                            ^~~~~~~~~~~~~
            """)
        #expect(diagnostic("dataset lines split=1 start=rest") == """
            t:1:23: error: lines has no option 'start': it has no balls (start applies to shots)
              dataset lines split=1 start=rest
                                    ^~~~~~~~~~
            """)
        #expect(diagnostic("dataset lines radius=0.1") == """
            t:1:15: error: lines has no option 'radius' (options: n, seed, split)
              dataset lines radius=0.1
                            ^~~~~~~~~~
            """)
    }
}
