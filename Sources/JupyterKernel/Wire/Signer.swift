import CCrypto

/// The messages' signatures: HMAC-SHA256 (OpenSSL's libcrypto) over the header, parent
/// header, metadata and content frames, as lower-case hex, under the connection file's key.
///
///     let signer = Signer(key: Array("secret".utf8))
///     let signature = signer.sign([header, parent, metadata, content])   // 64 hex digits
///     signer.verifies(signature, [header, parent, metadata, content])    // true
///
/// An empty key means no signing (the protocol's rule); `jumpy kernel` warns about it.
public struct Signer: Sendable {
    public let key: [UInt8]

    public init(key: [UInt8]) { self.key = key }

    public var isSigning: Bool { !key.isEmpty }

    public func sign(_ parts: [[UInt8]]) -> [UInt8] {
        guard isSigning else { return [] }
        let data = parts.flatMap { $0 }
        var digest = [UInt8](repeating: 0, count: 32)
        let ok = key.withUnsafeBytes { k in
            data.withUnsafeBufferPointer { d in
                jumpy_hmac_sha256(k.baseAddress, Int32(key.count), d.baseAddress, d.count, &digest)
            }
        }
        precondition(ok == 1, "HMAC-SHA256 failed in libcrypto")
        return Array(digest.map { Self.hex($0) }.joined().utf8)
    }

    /// Whether `signature` (hex text, as received) is this key's signature of `parts`: a
    /// missing or wrong one is refused; the comparison takes the same time wherever it differs.
    public func verifies(_ signature: [UInt8], _ parts: [[UInt8]]) -> Bool {
        guard isSigning else { return true }
        let expected = sign(parts)
        guard signature.count == expected.count else { return false }
        return jumpy_equal_constant_time(signature, expected, expected.count) == 1
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xf)]])
    }
}
