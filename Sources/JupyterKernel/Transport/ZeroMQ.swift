#if canImport(Glibc)
import Glibc
#endif
import CZeroMQ
import Dispatch

/// A ZeroMQ context and its sockets (Debian's libzmq). A socket belongs to one thread at a
/// time; the kernel gives each its own, and guards the one it shares (iopub) with a lock.
public final class ZeroMQContext: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    public init() {
        guard let handle = zmq_ctx_new() else { fatalError("zmq_ctx_new failed") }
        self.handle = handle
    }

    /// Blocks until every socket is closed and their last messages (within their linger) sent.
    public func terminate() {
        while zmq_ctx_term(handle) != 0 && jumpy_zmq_errno() == EINTR {}
    }

    /// Makes sockets blocked in this context return (ETERM), so their threads can close them.
    public func shutdown() { zmq_ctx_shutdown(handle) }
}

public struct ZeroMQError: Error, CustomStringConvertible {
    public let operation: String
    public let code: Int32
    public var description: String { "\(operation): \(String(cString: zmq_strerror(code)))" }
    init(_ operation: String) {
        self.operation = operation
        code = jumpy_zmq_errno()
    }
}

public final class ZeroMQSocket: @unchecked Sendable {
    /// The kernel binds router, publisher and reply sockets; a client (`jumpy-bench kernel`)
    /// connects dealer, subscriber and request ones.
    public enum Kind { case router, publisher, reply, dealer, subscriber, request
        var raw: Int32 {
            switch self {
            case .router: ZMQ_ROUTER
            case .publisher: ZMQ_PUB
            case .reply: ZMQ_REP
            case .dealer: ZMQ_DEALER
            case .subscriber: ZMQ_SUB
            case .request: ZMQ_REQ
            }
        }
    }

    let handle: UnsafeMutableRawPointer
    private var closed = false

    public init(_ context: ZeroMQContext, _ kind: Kind) throws {
        guard let handle = zmq_socket(context.handle, kind.raw) else { throw ZeroMQError("zmq_socket") }
        self.handle = handle
        // Up to a second to deliver what is queued when the kernel shuts down.
        _ = jumpy_zmq_set_int(handle, ZMQ_LINGER, 1000)
    }

    /// Binds to `tcp://IP:PORT` (or `ipc://PATH`).
    public func bind(_ endpoint: String) throws {
        guard zmq_bind(handle, endpoint) == 0 else { throw ZeroMQError("bind \(endpoint)") }
    }

    public func connect(_ endpoint: String) throws {
        guard zmq_connect(handle, endpoint) == 0 else { throw ZeroMQError("connect \(endpoint)") }
    }

    /// A subscriber takes every topic.
    public func subscribeToAll() throws {
        guard zmq_setsockopt(handle, ZMQ_SUBSCRIBE, nil, 0) == 0 else { throw ZeroMQError("subscribe") }
    }

    /// Sends the frames as one multipart message.
    public func send(_ frames: [[UInt8]]) throws {
        for (i, frame) in frames.enumerated() {
            let flags = i + 1 < frames.count ? ZMQ_SNDMORE : 0
            let sent = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
            if sent < 0 {
                if jumpy_zmq_errno() == EINTR { return try send(Array(frames[i...])) }
                throw ZeroMQError("send")
            }
        }
    }

    /// Blocks for the next multipart message.
    public func receive() throws -> [[UInt8]] {
        var frames = [[UInt8]]()
        while true {
            var data: UnsafeMutableRawPointer?
            var size = 0
            var more: Int32 = 0
            if jumpy_zmq_recv_frame(handle, &data, &size, &more) != 0 {
                // A signal (Ctrl-C for an idle kernel) interrupts the wait, not the message.
                if jumpy_zmq_errno() == EINTR { continue }
                throw ZeroMQError("receive")
            }
            frames.append(Array(UnsafeRawBufferPointer(start: data, count: size)))
            free(data)
            if more == 0 { return frames }
        }
    }

    /// Echoes every message back (the heartbeat): zmq_proxy with the socket on both sides.
    /// Returns when the context shuts down.
    public func echoForever() {
        _ = zmq_proxy(handle, handle, nil)
    }

    public func close() {
        guard !closed else { return }
        closed = true
        zmq_close(handle)
    }

    /// Which of `sockets` have a message, waiting at most `milliseconds`; a signal (Ctrl-C,
    /// a child's exit) does not end the wait early.
    public static func poll(_ sockets: [ZeroMQSocket], milliseconds: Int) -> [Bool] {
        var items = sockets.map { zmq_pollitem_t(socket: $0.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0) }
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(milliseconds) * 1_000_000
        while true {
            let left = Int((Int64(deadline) - Int64(DispatchTime.now().uptimeNanoseconds)) / 1_000_000)
            let count = zmq_poll(&items, Int32(items.count), max(0, left))
            if count > 0 { return items.map { $0.revents & Int16(ZMQ_POLLIN) != 0 } }
            if count == 0 || jumpy_zmq_errno() != EINTR || left <= 0 { return sockets.map { _ in false } }
        }
    }
}
