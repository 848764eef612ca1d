import Foundation

/// One Jupyter message (messaging protocol 5.3): the four JSON parts, the ZeroMQ routing
/// identities it came with (a reply goes back through them) and any binary buffers.
public struct Message: Sendable, Equatable {
    public var identities: [[UInt8]]
    public var header: JSON
    public var parentHeader: JSON
    public var metadata: JSON
    public var content: JSON
    public var buffers: [[UInt8]]

    public static let protocolVersion = "5.3"

    public init(identities: [[UInt8]] = [], header: JSON, parentHeader: JSON = [:], metadata: JSON = [:],
                content: JSON = [:], buffers: [[UInt8]] = []) {
        self.identities = identities
        self.header = header
        self.parentHeader = parentHeader
        self.metadata = metadata
        self.content = content
        self.buffers = buffers
    }

    /// `execute_request`, `status`, …
    public var type: String { header["msg_type"]?.string ?? "" }
    public var id: String { header["msg_id"]?.string ?? "" }
    public var session: String { header["session"]?.string ?? "" }

    /// A new message of `type` from the kernel's `session`, answering `parent` (nil: none).
    public init(type: String, content: JSON, session: String, parent: Message?, identities: [[UInt8]]? = nil) {
        let header: JSON = [
            "msg_id": .string(UUID().uuidString.lowercased()),
            "session": .string(session),
            "username": .string(parent?.header["username"]?.string ?? "jumpy"),
            "date": .string(Self.now()),
            "msg_type": .string(type),
            "version": .string(Self.protocolVersion),
        ]
        self.init(identities: identities ?? parent?.identities ?? [], header: header,
                  parentHeader: parent?.header ?? [:], metadata: [:], content: content)
    }

    /// ISO 8601 with microseconds and a zone, as the protocol asks.
    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
