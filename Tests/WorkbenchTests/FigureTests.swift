import Testing
@testable import Workbench

/// The figures `train`, `eval` and `compare` report beside their summaries (what a sweep's
/// `result.json` keeps): the same numbers the summaries print, labelled by model.
@Suite struct FigureTests {
    @Test func trainEvalAndCompareReportFiguresByModel() throws {
        let interpreter = Interpreter(console: BufferConsole())
        try interpreter.execute(line: "d = dataset lines n=40 seed=0; a = model rnn d hidden=8 seed=1; b = model jumpy d hidden=8 seed=2")
        let train = try interpreter.execute(line: "train a d steps=3 batch=8 seed=3")[0]
        #expect(train.figures.map(\.label) == ["a"])
        #expect(train.figures[0].figures.map(\.name) == ["steps", "loss"])
        #expect(train.figures[0].figures[0].value == 3)
        #expect(train.figures[0].timings.map(\.name) == ["train s"])

        let eval = try interpreter.execute(line: "eval b d")[0]
        let row = try #require(eval.figures.first)
        #expect(row.label == "b")
        let summary = try #require(eval.summary)
        for figure in row.figures where figure.name == "tf mse" || figure.name == "auto mse" {
            #expect(summary.contains("\(figure.name) \(NumberFormat.significant(figure.value))"))
        }

        let compare = try interpreter.execute(line: "compare a b d")[0]
        #expect(compare.figures.map(\.label) == ["a", "b"])
        #expect(compare.figures[1].figures == row.figures)   // same model, same data: eval's numbers
        #expect(try interpreter.execute(line: "show d")[0].figures.isEmpty)
    }
}
