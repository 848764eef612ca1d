import Foundation
import Testing
import TestSupport
import Workbench

@Suite struct CompletionTests {
    func interpreter() throws -> Interpreter {
        let interpreter = Interpreter(console: BufferConsole())
        try interpreter.execute(line: "data = dataset lines n=4 seed=0; dots = dataset lines n=4 seed=1")
        return interpreter
    }

    @Test func commandsOptionsWordsVariablesAndFields() throws {
        let i = try interpreter()
        // A statement's first word is a command or a variable (whose name alone shows it).
        #expect(i.completions(for: "da").start == 0 && i.completions(for: "da").candidates == ["data", "dataset"])
        #expect(i.completions(for: "do").candidates == ["dots"])
        #expect(i.completions(for: "x = d").candidates == ["dataset", "del"])
        #expect(i.completions(for: "x = s").candidates == ["save", "say", "set", "shot", "show"])
        #expect(i.completions(for: "dataset billiards2d s").candidates == ["seed=", "split=", "start="])
        #expect(i.completions(for: "dataset bil").candidates == ["billiards1d", "billiards2d"])
        #expect(i.completions(for: "dataset lines n=3 ").candidates.contains("balls="))
        #expect(!i.completions(for: "dataset lines n=3 ").candidates.contains("n="))
        #expect(i.completions(for: "set progress=o").candidates == ["off", "on"])
        #expect(i.completions(for: "show d").candidates == ["data", "dots"])
        #expect(i.completions(for: "show data.t").start == 5)
        #expect(i.completions(for: "show data.t").candidates == ["data.test", "data.train"])
        #expect(i.completions(for: "show data.test.f").candidates == ["data.test.features", "data.test.frames"])
        #expect(i.completions(for: "help da").candidates == ["dataset"])
        #expect(i.completions(for: "save se").candidates == ["session"])
        #expect(i.completions(for: "say \"x\"; sh").candidates == ["shot", "show"])
    }

    @Test func pathsInsideQuotes() throws {
        let directory = TemporaryDirectory()
        _ = directory.write([], to: "alpha.npy")
        _ = directory.write([], to: "alps.safetensors")
        try FileManager.default.createDirectory(atPath: directory.path("al_dir"), withIntermediateDirectories: true)
        let i = try interpreter()
        let line = "load \"\(directory.root)/al"
        let completion = i.completions(for: line)
        #expect(completion.start == 6)
        #expect(completion.candidates == ["al_dir/", "alpha.npy", "alps.safetensors"].map { directory.root + "/" + $0 })
    }
}
