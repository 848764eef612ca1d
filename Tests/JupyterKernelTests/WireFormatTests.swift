import Foundation
import Testing
@testable import JupyterKernel

/// The wire protocol without a socket: signatures, frames, and refusal of forged messages.
@Suite struct WireFormatTests {
    /// RFC 4231, test case 2: an independent answer for libcrypto's HMAC-SHA256 through the shim.
    @Test func signaturesAreHMACSHA256InHex() {
        let signer = Signer(key: Array("Jefe".utf8))
        let signature = signer.sign([Array("what do ya want ".utf8), Array("for nothing?".utf8)])
        #expect(String(decoding: signature, as: UTF8.self) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    func request(_ code: String) -> Message {
        Message(identities: [Array("client-1".utf8)],
                header: ["msg_id": "1", "session": "s", "username": "u", "date": "2024-01-01T00:00:00Z",
                         "msg_type": "execute_request", "version": "5.3"],
                content: ["code": .string(code), "silent": false])
    }

    @Test func framesRoundTrip() throws {
        let wire = WireFormat(signer: Signer(key: Array("key".utf8)))
        let frames = wire.encode(request("show 1"))
        #expect(frames[0] == Array("client-1".utf8) && frames[1] == WireFormat.delimiter)
        let decoded = try wire.decode(frames)
        #expect(decoded == request("show 1"))
        #expect(decoded.type == "execute_request" && decoded.content["code"]?.string == "show 1")
    }

    @Test func forgedUnsignedAndAlteredMessagesAreRefused() {
        let wire = WireFormat(signer: Signer(key: Array("key".utf8)))
        let forged = WireFormat(signer: Signer(key: Array("another key".utf8))).encode(request("x = 1"))
        #expect(throws: WireFormat.Failure.badSignature) { try wire.decode(forged) }
        let unsigned = WireFormat(signer: Signer(key: [])).encode(request("x = 1"))
        #expect(throws: WireFormat.Failure.badSignature) { try wire.decode(unsigned) }
        // A signed message whose content was changed on the way.
        var altered = wire.encode(request("x = 1"))
        let changed: JSON = ["code": "del x", "silent": false]
        altered[altered.count - 1] = changed.encoded
        #expect(throws: WireFormat.Failure.badSignature) { try wire.decode(altered) }
        #expect(throws: WireFormat.Failure.noDelimiter) { try wire.decode([Array("x".utf8)]) }
        #expect(throws: WireFormat.Failure.missingParts(2)) { try wire.decode([WireFormat.delimiter, [], []]) }
    }

    @Test func countsEncodeAsIntegersAndTextRoundTrips() {
        let value: JSON = ["execution_count": 3, "ratio": 0.5, "name": "ünïcode \"q\"", "list": [true, nil]]
        #expect(value.text == #"{"execution_count":3,"list":[true,null],"name":"ünïcode \"q\"","ratio":0.5}"#)
        #expect(JSON.parse(value.encoded) == value)
    }

    @Test func theConnectionFileIsReadAndCheckedByName() throws {
        let json: JSON = ["shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5,
                          "ip": "127.0.0.1", "key": "k", "transport": "tcp", "signature_scheme": "hmac-sha256"]
        let info = try ConnectionInfo(json, source: "c.json")
        #expect(info.endpoint(info.shellPort) == "tcp://127.0.0.1:1" && info.key == "k")
        var wrong = json.object!
        wrong["signature_scheme"] = "hmac-md5"
        #expect(throws: ConnectionInfo.Failure.self) { try ConnectionInfo(.object(wrong), source: "c.json") }
        wrong = json.object!
        wrong["hb_port"] = nil
        do { _ = try ConnectionInfo(.object(wrong), source: "c.json"); Issue.record("accepted") } catch {
            #expect("\(error)" == "c.json: 'hb_port' must be a port number")
        }
    }
}
