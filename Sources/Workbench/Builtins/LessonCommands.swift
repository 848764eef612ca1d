extension Command {
    static let say = Command(
        "say", summary: "Print narration (for lessons)",
        parameters: [.positional("text", .string, help: "what to print")],
        example: #"say "Two balls in a box: watch the collisions""#
    ) { call in
        call.print(call.string("text"))
        return .done
    }

    static let pause = Command(
        "pause", summary: "Wait for Enter (interactive replay only; batch runs go on)",
        parameters: [.positional("message", .string, default: "press Enter to continue", help: "what to show while waiting")],
        example: "pause"
    ) { call in
        call.pause(call.string("message"))
        return .done
    }
}
