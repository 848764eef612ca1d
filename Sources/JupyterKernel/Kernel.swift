import Foundation
import Workbench

/// `jumpy kernel --connection-file FILE`: a Jupyter kernel (messaging protocol 5.3) whose
/// cells run through the workbench's interpreter, the same input path as the REPL.
///
/// Threads: the shell and stdin channels are read here, on the thread that runs cells; the
/// control channel has its own (an interrupt or shutdown must get through while a cell
/// runs) and so has the heartbeat. iopub is shared, behind a lock (`Publisher`).
///
///     let kernel = try Kernel(connection: ConnectionInfo(file: path))
///     exit(kernel.run())
public final class Kernel {
    let connection: ConnectionInfo
    let wire: WireFormat
    let context = ZeroMQContext()
    let shell: ZeroMQSocket, stdin: ZeroMQSocket, control: ZeroMQSocket, iopub: ZeroMQSocket, heartbeat: ZeroMQSocket
    let publisher: Publisher
    let stopping = Flag()
    let interpreter: Interpreter
    let console = KernelConsole()
    /// The cells run so far (`history_request`, and `history` in a cell).
    var inputs: [String] = []
    var executionCount = 0

    public init(connection: ConnectionInfo) throws {
        self.connection = connection
        wire = WireFormat(signer: Signer(key: Array(connection.key.utf8)))
        shell = try ZeroMQSocket(context, .router)
        stdin = try ZeroMQSocket(context, .router)
        control = try ZeroMQSocket(context, .router)
        iopub = try ZeroMQSocket(context, .publisher)
        heartbeat = try ZeroMQSocket(context, .reply)
        try shell.bind(connection.endpoint(connection.shellPort))
        try stdin.bind(connection.endpoint(connection.stdinPort))
        try control.bind(connection.endpoint(connection.controlPort))
        try iopub.bind(connection.endpoint(connection.iopubPort))
        try heartbeat.bind(connection.endpoint(connection.heartbeatPort))
        publisher = Publisher(socket: iopub, wire: wire, session: UUID().uuidString.lowercased())
        interpreter = Interpreter(console: console)
        // The kernel's stderr is Jupyter's log (or the terminal that started Jupyter), not the
        // notebook: no progress line there unless a cell asks (`set progress=on`).
        interpreter.settings.progress = .off
        interpreter.historyProvider = { [unowned self] in
            inputs.flatMap { $0.split(separator: "\n").map(String.init) }
        }
    }

    /// Serves until a shutdown request; the exit status.
    public func run() -> Int32 {
        Interrupt.install()
        if !wire.signer.isSigning { Self.log("the connection file has no key: messages are not signed") }
        let finished = DispatchSemaphore(value: 0)
        Heartbeat.start(heartbeat, done: finished)
        ControlChannel(socket: control, wire: wire, publisher: publisher, stopping: stopping, log: Self.log).start(done: finished)
        publisher.status("starting", parent: nil)
        while !stopping.isSet {
            let ready = ZeroMQSocket.poll([shell, stdin], milliseconds: 100)
            if ready[1] { _ = try? stdin.receive() }   // no input is ever requested
            guard ready[0], let frames = try? shell.receive() else { continue }
            let request: Message
            do {
                request = try wire.decode(frames)
            } catch {
                Self.log("refused a message on the shell channel: \(error)")
                continue
            }
            publisher.status("busy", parent: request)
            handle(request)
            publisher.status("idle", parent: request)
        }
        for socket in [shell, stdin, iopub] { socket.close() }
        context.shutdown()   // the heartbeat's proxy returns
        for _ in 0..<2 { _ = finished.wait(timeout: .now() + 5) }
        context.terminate()
        return 0
    }

    func handle(_ request: Message) {
        switch request.type {
        case "execute_request": execute(request)
        case "kernel_info_request": reply(to: request, "kernel_info_reply", KernelInfo.content)
        case "complete_request": reply(to: request, "complete_reply", complete(request.content))
        case "inspect_request": reply(to: request, "inspect_reply", inspect(request.content))
        case "is_complete_request": reply(to: request, "is_complete_reply", isComplete(request.content))
        case "history_request": reply(to: request, "history_reply", history(request.content))
        case "comm_info_request": reply(to: request, "comm_info_reply", ["status": "ok", "comms": [:]])
        case "shutdown_request":
            // Older front ends send it on shell.
            reply(to: request, "shutdown_reply", ["status": "ok", "restart": .bool(request.content["restart"]?.bool ?? false)])
            stopping.set()
        default:
            Self.log("no handler for \(request.type) on the shell channel")
        }
    }

    func reply(to request: Message, _ type: String, _ content: JSON) {
        publisher.reply(to: request, on: shell, type, content)
    }

    /// The kernel's log: standard error, which Jupyter shows in its own log.
    static let log: @Sendable (String) -> Void = { text in
        FileHandle.standardError.write(Data("jumpy kernel: \(text)\n".utf8))
    }
}
