import Foundation

/// `docs/commands.md`: the command reference, generated from the command table so that it
/// cannot drift from what `help` says (a test compares the committed file with this text).
///
///     print(CommandReference.markdown(.standard))
///
/// Regenerate with `make commands-doc` (`jumpy --commands-markdown`).
public enum CommandReference {
    public static func markdown(_ table: CommandTable) -> String {
        var lines = [
            "# Commands",
            "",
            "<!-- generated from CommandTable.standard by `make commands-doc`; a test fails when it is out of date -->",
            "",
            "Every command of the workbench's language, as `help` and `help COMMAND` show them.",
            "The language itself is described in [workbench.md](workbench.md).",
            "",
            "| command | what it does |",
            "|---|---|",
        ]
        for command in table.commands {
            lines.append("| [`\(command.name)`](#\(anchor(command.name))) | \(cell(command.summary)) |")
        }
        for command in table.commands {
            lines += ["", "## \(command.name)", "", command.summary, "", "```text", Help.detail(command), "```"]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// GitHub's heading anchor: lower case, spaces to hyphens.
    static func anchor(_ heading: String) -> String {
        heading.lowercased().replacingOccurrences(of: " ", with: "-")
    }

    /// Text safe inside a table cell.
    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
