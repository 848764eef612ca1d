import Testing
@testable import Workbench

/// `help` fits the terminal: lines break between words, continuation lines hang under the
/// text they continue, and no word is lost or split.
@Suite struct HelpWrappingTests {
    static func help(_ statement: String, columns: Int) -> String {
        let console = BufferConsole()
        console.columns = columns
        let interpreter = Interpreter(console: console)
        _ = interpreter.runScript(statement, source: "t")
        return console.output
    }

    static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" })
    }

    @Test(arguments: ["help train", "help", "help plan", "help dataset"])
    func everyLineFitsAndNoWordIsLost(statement: String) {
        let wide = Self.help(statement, columns: 1000)
        let narrow = Self.help(statement, columns: 50)
        #expect(Self.words(narrow) == Self.words(wide))
        #expect(narrow.split(separator: "\n").count > wide.split(separator: "\n").count)
        for line in narrow.split(separator: "\n") {
            // A line may pass the margin only when it is a single word after its indent.
            #expect(line.count <= 50 || Self.words(String(line)).count == 1, "\(line)")
        }
    }

    @Test func anArgumentsContinuationHangsUnderItsText() {
        let lines = Self.help("help train", columns: 60).split(separator: "\n").map(Array.init)
        var continued = 0
        for (line, next) in zip(lines, lines.dropFirst()) where line.starts(with: Array("  ")) && line[2] != " " {
            // An argument's line: its label `name=` padded to the text column.
            guard let equals = line.firstIndex(of: "="), line.indices.contains(equals + 1), line[equals + 1] == " ",
                  next.first == " ", next[2] == " " else { continue }
            let textColumn = line[(equals + 1)...].firstIndex { $0 != " " }!
            #expect(next.prefix { $0 == " " }.count == textColumn, "\(String(next))")
            continued += 1
        }
        #expect(continued >= 3)
    }

    @Test func wrappingKeepsShortLinesAndLongWords() {
        #expect("  short".wrapped(columns: 20, hangingIndent: 4) == "  short")
        #expect("aaa bbb ccc".wrapped(columns: 7, hangingIndent: 2) == "aaa bbb\n  ccc")
        #expect("x averyveryverylongword y".wrapped(columns: 8, hangingIndent: 2)
            == "x\n  averyveryverylongword\n  y")
    }
}
