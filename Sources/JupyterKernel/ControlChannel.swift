import Foundation
import Workbench

/// The control channel on its own thread, so that it answers while a cell runs:
/// `interrupt_request` stops the running statement as Ctrl-C does in the REPL (the flag
/// long commands poll), `shutdown_request` replies and asks the shell loop to end.
final class ControlChannel: @unchecked Sendable {
    let socket: ZeroMQSocket
    let wire: WireFormat
    let publisher: Publisher
    let stopping: Flag
    let log: @Sendable (String) -> Void

    init(socket: ZeroMQSocket, wire: WireFormat, publisher: Publisher, stopping: Flag, log: @escaping @Sendable (String) -> Void) {
        self.socket = socket
        self.wire = wire
        self.publisher = publisher
        self.stopping = stopping
        self.log = log
    }

    func start(done: DispatchSemaphore) {
        let thread = Thread { [self] in
            while !stopping.isSet {
                guard ZeroMQSocket.poll([socket], milliseconds: 100)[0], let frames = try? socket.receive() else { continue }
                let request: Message
                do {
                    request = try wire.decode(frames)
                } catch {
                    log("refused a message on the control channel: \(error)")
                    continue
                }
                handle(request)
            }
            socket.close()
            done.signal()
        }
        thread.name = "jumpy-control"
        thread.start()
    }

    func handle(_ request: Message) {
        publisher.status("busy", parent: request)
        defer { publisher.status("idle", parent: request) }
        switch request.type {
        case "interrupt_request":
            Interrupt.request()
            publisher.reply(to: request, on: socket, "interrupt_reply", ["status": "ok"])
        case "shutdown_request":
            let restart = request.content["restart"]?.bool ?? false
            publisher.reply(to: request, on: socket, "shutdown_reply", ["status": "ok", "restart": .bool(restart)])
            // A statement still running stops at its next safe point, then the loop ends.
            stopping.set()
            Interrupt.request()
        case "kernel_info_request":
            publisher.reply(to: request, on: socket, "kernel_info_reply", KernelInfo.content)
        default:
            log("no handler for \(request.type) on the control channel")
        }
    }
}
