import Foundation
import Testing
import TestSupport
@testable import Sweeps
@testable import Workbench

/// A sweep directory: written whole, refused when it holds something else, resumed when it
/// holds the same sweep; points run in-process and merged.
@Suite struct SweepDirectoryTests {
    func template(_ text: String = SweepFileTests.issueExample) throws -> SweepTemplate {
        try SweepTemplate(text: text, source: "grid.jumpy")
    }

    @Test func writesAScriptPerPointAndAManifest() throws {
        let directory = TemporaryDirectory()
        let sweep = try SweepDirectory(writing: try template(), templateText: SweepFileTests.issueExample, to: directory.path("out"))
        #expect(directory.listing("out") == ["manifest.json", "points", "sweep.jumpy"])
        #expect(directory.listing("out/points/001-kind=rnn-seed=1") == ["point.jumpy"])
        let manifest = try SweepManifest.read(directory: directory.path("out"))
        #expect(manifest == sweep.manifest)
        #expect(manifest.points.count == 4)
        #expect(sweep.report().text == "4 points: 0 done, 4 not run")
        // The same sweep again is a resume, not an error.
        _ = try SweepDirectory(writing: try template(), templateText: SweepFileTests.issueExample, to: directory.path("out"))
    }

    @Test func refusesAFileAnotherSweepAndAFullDirectory() throws {
        let directory = TemporaryDirectory()
        _ = directory.write([1], to: "file")
        #expect(throws: SweepError.self) { try SweepDirectory(writing: try template(), templateText: "", to: directory.path("file")) }
        _ = try SweepDirectory(writing: try template(), templateText: "", to: directory.path("out"))
        let other = SweepFileTests.issueExample.replacingOccurrences(of: "steps=5", with: "steps=6")
        do {
            _ = try SweepDirectory(writing: try template(other), templateText: other, to: directory.path("out"))
            Issue.record("a different sweep was written over the first")
        } catch {
            #expect("\(error)".contains("holds another sweep"))
        }
        try FileManager.default.createDirectory(atPath: directory.path("full"), withIntermediateDirectories: false)
        _ = directory.write([1], to: "full/notes.txt")
        do {
            _ = try SweepDirectory(writing: try template(), templateText: "", to: directory.path("full"))
            Issue.record("a sweep was written into a directory holding other files")
        } catch {
            #expect("\(error)".contains("is not empty and holds no sweep"))
        }
        #expect(throws: SweepError.self) { try SweepDirectory(opening: directory.path("full")) }
    }

    /// Runs every point in this process (the binary's tests run them through GNU parallel).
    @Test func pointsRunResumeAndMergeIntoMeanAndSpread() throws {
        let directory = TemporaryDirectory()
        let sweep = try SweepDirectory(writing: try template(), templateText: "", to: directory.path("out"))
        for point in sweep.manifest.points {
            guard case .done = try PointRunner.run(point, in: sweep) else { Issue.record("point \(point.index) did not finish"); continue }
        }
        #expect(try PointRunner.run(sweep.manifest.points[0], in: sweep) == .skipped)
        #expect(sweep.report().text == "4 points: 4 done")
        #expect(directory.listing("out/points/002-kind=jumpy-seed=0") == ["log.txt", "m.optimizer.safetensors", "m.safetensors", "point.jumpy", "recorded.jumpy", "result.json"])

        let results = try sweep.manifest.points.map {
            try PointResult.read(sweep.directory(of: $0) + "/result.json")
        }
        let first = results[0]
        #expect(first.statements.map(\.command) == ["dataset", "model", "train", "eval"])
        #expect(first.statements[2].statement.hasPrefix("train m d steps=5 batch=16 seed="))
        let evalRow = try #require(first.statements[3].figures.first)
        #expect(evalRow.label == "m")
        #expect(evalRow.figures.map(\.name) == ["tf mse", "auto mse", "ticks", "after burn-in", "mean Δt"])
        #expect(first.statements[3].output == first.statements[3].summary! + "\n")
        #expect(first.mergedFigures.map { $0.figures.map(\.name) } == [["steps", "loss", "tf mse", "auto mse", "ticks", "after burn-in", "mean Δt"]])

        let merge = try SweepMerge(sweep)
        #expect(merge.rows.map { $0.key.map(\.value) } == [["rnn"], ["jumpy"]])
        #expect(merge.rows.map(\.points) == [2, 2])
        func figure(_ r: PointResult, _ name: String) -> Double { r.mergedFigures[0].figures.first { $0.name == name }!.value }
        let (mean, spread) = SweepMerge.statistics([figure(results[2], "auto mse"), figure(results[3], "auto mse")])
        #expect(merge.rows[1].samples["auto mse"] == [figure(results[2], "auto mse"), figure(results[3], "auto mse")])
        let lines = merge.markdown.split(separator: "\n")
        #expect(lines[0] == "| kind | n | steps | loss | tf mse | auto mse | ticks | after burn-in | mean Δt |")
        #expect(lines[2].hasPrefix("| rnn | 2 | 5 ± 0 | "))
        #expect(lines[3].contains(" | \(NumberFormat.significant(mean, digits: 4)) ± \(NumberFormat.significant(spread, digits: 2)) | "))
        #expect(merge.rows[0].samples["ticks"] == [20, 20])   // lines: 21 frames, the RNN ticks every one
        let csv = merge.csv.split(separator: "\n")
        #expect(csv[0] == "kind,model,n,steps mean,steps sd,loss mean,loss sd,tf mse mean,tf mse sd,auto mse mean,auto mse sd,ticks mean,ticks sd,after burn-in mean,after burn-in sd,mean Δt mean,mean Δt sd")
        #expect(csv.count == 3)
        // Merging twice gives the same bytes: nothing depends on the order files are read.
        #expect(try SweepMerge(sweep).markdown == merge.markdown)
        let timed = try SweepMerge(sweep, timings: true)
        #expect(timed.columns.suffix(2) == ["train s", "rollouts/s"])
    }

    @Test func aFailedPointIsReportedAndLeftOutOfTheMerge() throws {
        let text = """
            sweep r=[8, 7]
            d = dataset lines n=40 seed=0
            m = model rnn d hidden=8 rnn={r} seed=1
            eval m d
            """
        let directory = TemporaryDirectory()
        let sweep = try SweepDirectory(writing: try template(text), templateText: text, to: directory.path("out"))
        guard case .done = try PointRunner.run(sweep.manifest.points[0], in: sweep) else {
            Issue.record("point 0 did not finish")
            return
        }
        let failed = try PointRunner.run(sweep.manifest.points[1], in: sweep)
        let why = "points/001-r=7/point.jumpy:4:26: error: rnn must be even and in 2...4096, got 7"
        #expect(failed == .failed(why))
        #expect(String(decoding: directory.contents("out/points/001-r=7/failure.txt")!, as: UTF8.self) == """
            \(why)
              m = model rnn d hidden=8 rnn=7 seed=1
                                       ^~~~~

            """)
        #expect(sweep.report().text == "2 points: 1 done, 1 failed\n  failed: point 1 (r=7): \(why)")
        #expect(sweep.report().failed == 1)
        let merge = try SweepMerge(sweep)
        #expect(merge.rows.count == 1)
        #expect(merge.markdown.hasSuffix("\n- no result: point 1 (r=7): \(why)\n"))
        // Only done points are skipped: a rerun tries the failed one again.
        #expect(sweep.unfinished.map(\.index) == [1])
    }

    @Test func parallelCommandLinePassesItsOptionsThrough() {
        let argv = Engines.parallel(jumpy: "/opt/my jumpy/jumpy", directory: "/runs/it's", indices: [1, 3],
                                    options: .init(jobs: "50%", joblog: "/runs/log", sshLoginFile: "hosts", progress: true))
        #expect(argv == ["parallel", "--joblog", "/runs/log", "--halt", "never", "--keep-order", "--jobs", "50%",
                         "--sshloginfile", "hosts", "--progress",
                         "'/opt/my jumpy/jumpy' point '/runs/it'\\''s' {}", ":::", "1", "3"])
    }

    @Test func meanAndSampleStandardDeviation() {
        let (mean, spread) = SweepMerge.statistics([1, 2, 3, 4])
        #expect(mean == 2.5)
        #expect(abs(spread - 1.2909944487358056) < 1e-12)
        #expect(SweepMerge.statistics([7]).mean == 7)
        #expect(SweepMerge.statistics([7]).spread == 0)
        #expect(SweepMerge.csvField("a,b") == "\"a,b\"")
        #expect(SweepMerge.csvField("say \"x\"") == "\"say \"\"x\"\"\"")
        #expect(SweepMerge.csvField("auto mse") == "auto mse")
        #expect(SweepMerge.csvField("x\"y,") == "\"x\"\"y,\"")
    }
}
