import Foundation

/// The heartbeat channel: a thread that echoes every ping back (ZeroMQ's proxy with the
/// reply socket on both sides), so the front end knows the process is alive even while a
/// statement runs. It ends when the context shuts down.
enum Heartbeat {
    static func start(_ socket: ZeroMQSocket, done: DispatchSemaphore) {
        let thread = Thread {
            socket.echoForever()
            socket.close()
            done.signal()
        }
        thread.name = "jumpy-heartbeat"
        thread.start()
    }
}
