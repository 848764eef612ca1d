/// Messages as ZeroMQ frames, the protocol's wire format:
///
///     [identity…, "<IDS|MSG>", signature, header, parent_header, metadata, content, buffer…]
///
/// `decode` refuses a message whose signature is missing or wrong before it parses any JSON:
/// a forged message never reaches a handler.
public struct WireFormat: Sendable {
    public let signer: Signer

    public init(signer: Signer) { self.signer = signer }

    public static let delimiter = Array("<IDS|MSG>".utf8)

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case noDelimiter
        case missingParts(Int)
        case badSignature
        case notJSON(String)

        public var description: String {
            switch self {
            case .noDelimiter: "no <IDS|MSG> delimiter"
            case .missingParts(let n): "\(n) frames after the delimiter, expected at least 5"
            case .badSignature: "signature missing or wrong"
            case .notJSON(let part): "the \(part) is not a JSON object"
            }
        }
    }

    public func encode(_ message: Message) -> [[UInt8]] {
        let parts = [message.header.encoded, message.parentHeader.encoded, message.metadata.encoded, message.content.encoded]
        return message.identities + [Self.delimiter, signer.sign(parts)] + parts + message.buffers
    }

    public func decode(_ frames: [[UInt8]]) throws(Failure) -> Message {
        guard let split = frames.firstIndex(of: Self.delimiter) else { throw .noDelimiter }
        let rest = Array(frames[(split + 1)...])
        guard rest.count >= 5 else { throw .missingParts(rest.count) }
        let parts = Array(rest[1...4])
        guard signer.verifies(rest[0], parts) else { throw .badSignature }
        var json = [JSON]()
        for (part, name) in zip(parts, ["header", "parent header", "metadata", "content"]) {
            guard let value = JSON.parse(part), value.object != nil else { throw .notJSON(name) }
            json.append(value)
        }
        return Message(identities: Array(frames[..<split]), header: json[0], parentHeader: json[1],
                       metadata: json[2], content: json[3], buffers: Array(rest.dropFirst(5)))
    }
}
