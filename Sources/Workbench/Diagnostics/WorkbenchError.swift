/// A problem with a statement, pointing at the part of the line that caused it.
///
///     throw WorkbenchError("unknown option 'hiden'", at: label.span, suggestion: "hidden")
///     // rendered by `Diagnostic`:
///     // input:1:27: error: unknown option 'hiden' for 'model'; did you mean 'hidden'?
///     //   net = model rnn data hiden=64
///     //                        ^~~~~
///
/// Command handlers throw `CommandError` instead (naming an argument, not a span); the
/// interpreter turns it into a `WorkbenchError` at that argument.
public struct WorkbenchError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var span: SourceSpan
    /// The nearest known name, offered as "did you mean …?".
    public var suggestion: String?
    /// Extra lines under the caret (e.g. the accepted values, or a nested file's error).
    public var notes: [String]

    public init(_ message: String, at span: SourceSpan, suggestion: String? = nil, notes: [String] = []) {
        self.message = message
        self.span = span
        self.suggestion = suggestion
        self.notes = notes
    }

    /// The message with its suggestion: `unknown command 'datset'; did you mean 'dataset'?`
    public var description: String {
        message + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
    }
}

/// An error a command handler raises about one of its arguments (by parameter name), or about
/// the statement as a whole (`argument == nil`, the caret goes under the command).
///
///     throw CommandError("file not found", argument: "path")
public struct CommandError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var argument: String?
    public var suggestion: String?

    public init(_ message: String, argument: String? = nil, suggestion: String? = nil) {
        self.message = message
        self.argument = argument
        self.suggestion = suggestion
    }

    public var description: String { message }
}
