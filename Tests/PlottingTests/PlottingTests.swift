import Foundation
import Testing
import Plotting

@Suite struct PlottingTests {
    @Test func brailleDiagonalLightsOneDotPerRowAcrossTheCanvas() {
        var canvas = BrailleCanvas(columns: 4, rows: 2, x: 0...1, y: 0...1)
        canvas.line(from: (0, 0), to: (1, 1))
        let lines = canvas.render().split(separator: "\n").map(String.init)
        #expect(lines.count == 2 && lines.allSatisfy { $0.count == 4 })
        // Bottom-left and top-right cells are lit; top-left and bottom-right are blank.
        #expect(lines[1].first != "\u{2800}" && lines[0].last != "\u{2800}")
        #expect(lines[0].first == "\u{2800}" && lines[1].last == "\u{2800}")
        // The first dot of the diagonal is the bottom-left dot of the cell (bit 0x40).
        var single = BrailleCanvas(columns: 1, rows: 1, x: 0...1, y: 0...1)
        single.point(0, 0)
        #expect(single.render() == "\u{2840}")
        single.point(5, 5)   // outside: dropped
        #expect(single.render() == "\u{2840}")
    }

    @Test func constantSeriesStillDraws() {
        var canvas = BrailleCanvas(columns: 3, rows: 1, x: 0...2, y: 0.5...0.5)
        canvas.polyline([(0, 0.5), (2, 0.5)])
        #expect(!canvas.render().allSatisfy { $0 == "\u{2800}" })
    }

    @Test func colouredCellsCarryTheirLayersColour() {
        var canvas = BrailleCanvas(columns: 2, rows: 1, x: 0...1, y: 0...1)
        canvas.point(0, 0.5, layer: 1)
        let text = canvas.render(colors: [33, 160])
        #expect(text.contains("\u{1B}[38;5;160m"))
        #expect(!text.contains("38;5;33m"))
    }

    @Test func shadedImageMapsIntensityToShades() {
        let pixels: [Float] = [0, 1, 0, 1, 0.5, 0.5]          // 2 wide, 3 high
        let plain = ShadedImage.render(pixels, width: 2, height: 3, colors: false)
        #expect(plain.split(separator: "\n").map(String.init) == [" @", "::"])   // the last row pairs with black
        let colored = ShadedImage.render(pixels, width: 2, height: 3, colors: true)
        #expect(colored.contains("▀") && colored.contains("48;5;231"))
    }
}

extension PlottingTests {
    @Test func pngHasSignatureHeaderAndDecodableData() throws {
        let bytes = PNGImage.encode([0, 0.5, 1, 0.25, 0.75, 1], width: 3, height: 2)
        #expect(Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR")
        #expect(Array(bytes[16..<24]) == [0, 0, 0, 3, 0, 0, 0, 2])       // width 3, height 2
        #expect(bytes[24] == 8 && bytes[25] == 0)                        // 8-bit grayscale
        #expect(String(decoding: bytes[(bytes.count - 8)..<(bytes.count - 4)], as: UTF8.self) == "IEND")
        // The IHDR CRC of this header, as any PNG decoder computes it.
        #expect(Array(bytes[29..<33]) == [0xB8, 0x1F, 0x39, 0xC6])   // Python: zlib.crc32(b"IHDR" + header)
    }

    @Test func stripPlacesFramesSideBySide() {
        let (pixels, width, height) = PNGImage.strip([[1, 1, 1, 1], [0, 0, 0, 0]], side: 2)
        #expect(width == 5 && height == 2)
        #expect(pixels == [1, 1, 0.25, 0, 0, 1, 1, 0.25, 0, 0])
    }
}
