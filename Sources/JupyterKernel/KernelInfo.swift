import Workbench

/// The `kernel_info_reply` content: who the kernel is and the language it speaks.
enum KernelInfo {
    static var content: JSON {
        [
            "status": "ok",
            "protocol_version": .string(Message.protocolVersion),
            "implementation": "jumpy",
            "implementation_version": .string(WorkbenchInfo.version),
            "language_info": [
                "name": "jumpy",
                "version": .string(WorkbenchInfo.version),
                "mimetype": "text/x-jumpy",
                "file_extension": ".jumpy",
                // Comments start with '#', as in a shell script: the closest highlighter.
                "pygments_lexer": "bash",
                "codemirror_mode": "shell",
            ],
            "banner": .string("jumpy \(WorkbenchInfo.version), a workbench for Jumpy RNNs. Type 'help' for the commands."),
            "help_links": [],
        ]
    }
}
