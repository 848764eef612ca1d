import Foundation

/// The iopub channel: everything a front end shows (status, streams, pictures, errors) is
/// published here. The shell loop and the control thread both publish, so sends take a lock.
final class Publisher: @unchecked Sendable {
    private let socket: ZeroMQSocket
    private let wire: WireFormat
    let session: String
    private let lock = NSLock()

    init(socket: ZeroMQSocket, wire: WireFormat, session: String) {
        self.socket = socket
        self.wire = wire
        self.session = session
    }

    func publish(_ type: String, _ content: JSON, parent: Message?) {
        // The topic frame, as ipykernel names it; subscribers take every topic.
        let topic = Array("kernel.\(session).\(type)".utf8)
        let message = Message(type: type, content: content, session: session, parent: parent, identities: [topic])
        lock.withLock { try? socket.send(wire.encode(message)) }
    }

    /// `busy` when a request starts, `idle` when it is done, `starting` once.
    func status(_ state: String, parent: Message?) {
        publish("status", ["execution_state": .string(state)], parent: parent)
    }

    /// Sends the reply to `request` back through the socket it came on.
    func reply(to request: Message, on socket: ZeroMQSocket, _ type: String, _ content: JSON) {
        let message = Message(type: type, content: content, session: session, parent: request)
        try? socket.send(wire.encode(message))
    }
}

/// A flag one thread sets and others read (the kernel's "shutting down").
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
