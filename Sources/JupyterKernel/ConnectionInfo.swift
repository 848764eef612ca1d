import Foundation

/// The connection file a Jupyter front end writes for the kernel it starts: where to bind
/// the five channels and the key that signs every message.
///
///     {"transport": "tcp", "ip": "127.0.0.1", "shell_port": 53794, "iopub_port": 53795,
///      "stdin_port": 53796, "control_port": 53797, "hb_port": 53798,
///      "key": "a0436f6c-…", "signature_scheme": "hmac-sha256"}
public struct ConnectionInfo: Sendable, Equatable {
    public var transport: String
    public var ip: String
    public var shellPort: Int, iopubPort: Int, stdinPort: Int, controlPort: Int, heartbeatPort: Int
    public var key: String
    public var signatureScheme: String

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public init(file path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "cannot read the connection file \(path)")
        }
        guard let json = JSON.parse(Array(data)), json.object != nil else {
            throw Failure(description: "\(path) is not a JSON object")
        }
        try self.init(json, source: path)
    }

    public init(_ json: JSON, source: String) throws {
        func port(_ name: String) throws -> Int {
            guard let p = json[name]?.int, (0...65535).contains(p) else {
                throw Failure(description: "\(source): '\(name)' must be a port number")
            }
            return p
        }
        transport = json["transport"]?.string ?? "tcp"
        ip = json["ip"]?.string ?? "127.0.0.1"
        shellPort = try port("shell_port")
        iopubPort = try port("iopub_port")
        stdinPort = try port("stdin_port")
        controlPort = try port("control_port")
        heartbeatPort = try port("hb_port")
        key = json["key"]?.string ?? ""
        signatureScheme = json["signature_scheme"]?.string ?? "hmac-sha256"
        guard ["tcp", "ipc"].contains(transport) else {
            throw Failure(description: "\(source): transport '\(transport)' is neither tcp nor ipc")
        }
        guard signatureScheme == "hmac-sha256" else {
            throw Failure(description: "\(source): signature scheme '\(signatureScheme)' is not supported (hmac-sha256 is)")
        }
    }

    /// `tcp://127.0.0.1:53794`, or `ipc://IP-PORT` (the ipc transport's file names).
    public func endpoint(_ port: Int) -> String {
        transport == "ipc" ? "ipc://\(ip)-\(port)" : "tcp://\(ip):\(port)"
    }
}
