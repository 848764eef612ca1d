import Foundation
import Testing
import Tensor

/// The one JSON string escaper: what a JSON parser reads back is the string, and the bytes
/// are Python's `json.dumps(s, ensure_ascii=False)`.
@Suite struct JSONStringTests {
    @Test func everyControlCharacterAndQuoteRoundTrips() throws {
        let text = String((0..<0x20).map { Character(Unicode.Scalar($0)!) }) + "\"\\/é✓𝄞 end"
        let parsed = try JSONSerialization.jsonObject(with: Data(jsonString(text).utf8), options: [.fragmentsAllowed])
        #expect(parsed as? String == text)
    }

    @Test func theShortFormsAsPythonWritesThem() {
        #expect(jsonString("a\"b\\c\nd\re\tf\u{08}g\u{0C}h\u{01}i\u{1F}") == #""a\"b\\c\nd\re\tf\bg\fh\u0001i\u001f""#)
        #expect(jsonString("x/é") == "\"x/é\"")
    }
}
