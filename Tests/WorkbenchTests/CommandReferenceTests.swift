import Foundation
import Testing
@testable import Workbench

/// docs/commands.md is generated from the command table; it must say what `help` says.
@Suite struct CommandReferenceTests {
    static let committed = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/commands.md")

    @Test func theCommittedReferenceIsUpToDate() throws {
        let text = try String(contentsOf: Self.committed, encoding: .utf8)
        #expect(text == CommandReference.markdown(.standard),
                "docs/commands.md is out of date: run `make commands-doc` and commit it")
    }

    @Test func everyCommandHasARowAndASection() {
        let text = CommandReference.markdown(.standard)
        for command in CommandTable.standard.commands {
            #expect(text.contains("| [`\(command.name)`](#\(CommandReference.anchor(command.name))) | "), "\(command.name)")
            #expect(text.contains("\n## \(command.name)\n"), "\(command.name)")
            #expect(text.contains(Help.detail(command)), "\(command.name)")
        }
        // A new command shows up in the reference without editing it.
        var table = CommandTable.standard
        table.add(Command("greet", summary: "Say hello | politely", example: "greet") { _ in .done })
        #expect(CommandReference.markdown(table).contains("| [`greet`](#greet) | Say hello \\| politely |"))
        #expect(CommandReference.anchor("save session") == "save-session")
    }
}
