import ArgumentParser
import Foundation
import JupyterKernel
#if canImport(Glibc)
import Glibc
#endif

/// `jumpy-bench kernel`: the Jupyter kernel as a client sees it. Start: from spawning
/// `jumpy kernel --connection-file F` to the first `kernel_info_reply` (target < 300 ms);
/// round trip: an `execute_request` for `show 1` until its `execute_reply` and the idle
/// status that ends it (target < 20 ms). Signed messages over localhost TCP, as Jupyter sends.
struct KernelBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel", abstract: "Jupyter kernel: start to first reply (target < 300 ms), `show 1` round trip (target < 20 ms).")

    @Flag(help: "One JSON object a line.") var json = false
    @Option(help: "The jumpy binary (default: beside jumpy-bench).") var binary: String?
    @Option(help: "Kernel starts to time.") var starts = 5
    @Option(help: "Round trips to time on each kernel.") var trips = 50

    func run() throws {
        let path = try JumpyBinary.path(binary)
        var startTimes: [Double] = [], tripTimes: [Double] = []
        for _ in 0..<starts {
            let session = try KernelSession(binary: path)
            defer { session.stop() }
            startTimes.append(session.startSeconds)
            for _ in 0..<trips { tripTimes.append(try session.execute("show 1")) }
        }
        for (name, times, target) in [("start", startTimes, 300.0), ("show 1", tripTimes, 20.0)] {
            let sorted = times.sorted()
            report(Figure(bench: "kernel", parameters: [("part", .string(name)), ("statistic", .string("median")), ("runs", .int(times.count))],
                          value: sorted[sorted.count / 2] * 1e3, unit: "ms",
                          label: name == "start" ? "spawn to first kernel_info_reply, median (target < \(Int(target)))"
                                                 : "execute_request `show 1` to idle, median (target < \(Int(target)))"), json: json)
            report(Figure(bench: "kernel", parameters: [("part", .string(name)), ("statistic", .string("max")), ("runs", .int(times.count))],
                          value: sorted.last! * 1e3, unit: "ms", label: "  slowest"), json: json)
        }
    }
}

/// A kernel process and a client's sockets to it.
final class KernelSession {
    let context = ZeroMQContext()
    let shell: ZeroMQSocket, iopub: ZeroMQSocket, control: ZeroMQSocket
    let wire = WireFormat(signer: Signer(key: Array(UUID().uuidString.utf8)))
    let session = UUID().uuidString.lowercased()
    let pid: pid_t
    let directory: String
    private(set) var startSeconds = 0.0

    init(binary: String) throws {
        directory = NSTemporaryDirectory() + "jumpy-bench-kernel-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let ports = try (0..<5).map { _ in try Self.freePort() }
        let connection: JSON = ["transport": "tcp", "ip": "127.0.0.1", "shell_port": JSON(ports[0]), "iopub_port": JSON(ports[1]),
                                "stdin_port": JSON(ports[2]), "control_port": JSON(ports[3]), "hb_port": JSON(ports[4]),
                                "key": .string(String(decoding: wire.signer.key, as: UTF8.self)), "signature_scheme": "hmac-sha256"]
        let file = directory + "/connection.json"
        try Data(connection.encoded).write(to: URL(fileURLWithPath: file))
        shell = try ZeroMQSocket(context, .dealer)
        iopub = try ZeroMQSocket(context, .subscriber)
        control = try ZeroMQSocket(context, .dealer)
        try iopub.subscribeToAll()
        try shell.connect("tcp://127.0.0.1:\(ports[0])")
        try iopub.connect("tcp://127.0.0.1:\(ports[1])")
        try control.connect("tcp://127.0.0.1:\(ports[3])")

        let start = DispatchTime.now().uptimeNanoseconds
        var child: pid_t = 0
        let words: [String] = [binary, "kernel", "--connection-file", file]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&child, binary, nil, nil, argv, environ) == 0 else { throw ValidationError("cannot start \(binary)") }
        pid = child
        // Ask until it answers (a request sent before it binds waits in our queue).
        let request = try send("kernel_info_request", [:], on: shell)
        _ = try reply(to: request, on: shell, timeout: 60)
        startSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        // The subscription reaches the kernel a moment after it binds (ZeroMQ reconnects every
        // 100 ms): ask again until iopub carries our request's status, as jupyter_client does.
        for _ in 0..<100 {
            let probe = try send("kernel_info_request", [:], on: shell)
            _ = try reply(to: probe, on: shell, timeout: 60)
            if ZeroMQSocket.poll([iopub], milliseconds: 200)[0] {
                while ZeroMQSocket.poll([iopub], milliseconds: 50)[0] { _ = try iopub.receive() }
                return
            }
        }
        throw ValidationError("the kernel's iopub never answered")
    }

    /// Seconds from sending `code` to its reply and its idle status.
    func execute(_ code: String) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        let request = try send("execute_request", ["code": .string(code), "silent": false, "store_history": true,
                                                   "user_expressions": [:], "allow_stdin": false], on: shell)
        let answer = try reply(to: request, on: shell, timeout: 60)
        guard answer.content["status"]?.string == "ok" else { throw ValidationError("\(code) failed: \(answer.content.text)") }
        while true {
            guard ZeroMQSocket.poll([iopub], milliseconds: 60_000)[0] else { throw ValidationError("no idle status for \(code)") }
            let message = try wire.decode(try iopub.receive())
            if message.parentHeader["msg_id"]?.string == request.id, message.type == "status",
               message.content["execution_state"]?.string == "idle" { break }
        }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    func send(_ type: String, _ content: JSON, on socket: ZeroMQSocket) throws -> Message {
        let message = Message(type: type, content: content, session: session, parent: nil)
        try socket.send(wire.encode(message))
        return message
    }

    func reply(to request: Message, on socket: ZeroMQSocket, timeout: Int) throws -> Message {
        while true {
            guard ZeroMQSocket.poll([socket], milliseconds: timeout * 1000)[0] else { throw ValidationError("no reply to \(request.type)") }
            let message = try wire.decode(try socket.receive())
            if message.parentHeader["msg_id"]?.string == request.id { return message }
        }
    }

    func stop() {
        if let request = try? send("shutdown_request", ["restart": false], on: control) {
            _ = try? reply(to: request, on: control, timeout: 10)
        }
        var status: Int32 = 0
        for _ in 0..<100 where waitpid(pid, &status, WNOHANG) == 0 { usleep(50_000) }
        if kill(pid, 0) == 0 { kill(pid, SIGKILL); waitpid(pid, &status, 0) }
        for socket in [shell, iopub, control] { socket.close() }
        context.terminate()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A TCP port free now on localhost (the kernel binds it a moment later).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw ValidationError("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
