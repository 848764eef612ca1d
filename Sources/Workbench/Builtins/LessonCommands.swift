extension Command {
    static let say = Command(
        "say", summary: "Print narration (for lessons)",
        parameters: [.argument(.text)],
        example: #"say "Two balls in a box: watch the collisions""#
    ) { call in
        call.print(call[.text])
        return .done
    }

    static let pause = Command(
        "pause", summary: "Wait for Enter (interactive replay only; batch runs go on)",
        parameters: [.argument(.message)],
        example: "pause"
    ) { call in
        call.pause(call[.message])
        return .done
    }
}

// The positional arguments of say and pause.
extension CommandArgument where Value == String {
    fileprivate static var text: Self { .text("text", help: "what to print") }
    fileprivate static var message: Self { .text("message", default: "press Enter to continue", help: "what to show while waiting") }
}
