import Foundation
import Testing
import Tensor
@testable import Physics

/// The pixel renderer: mass, centroid, range and the documented mapping.
@Suite struct RendererTests {
    /// Pixel mass and intensity centroid (in unit-box coordinates) of a frame.
    func moments(_ frame: [Float], side: Int = 28) -> (mass: Double, centroid: SIMD2<Double>) {
        var mass = 0.0, sum = SIMD2<Double>.zero
        for i in 0..<side {
            for j in 0..<side {
                let v = Double(frame[i * side + j])
                mass += v
                sum += v * SIMD2(Double(j) + 0.5, Double(i) + 0.5)
            }
        }
        return (mass, sum / mass / Double(side))
    }

    @Test(arguments: [0.05, 0.1, 0.15, 0.2])
    func massIsTheAreaAndCentroidIsTheCentre(_ radius: Double) {
        let renderer = DiscRenderer(radius: radius)
        var rng = SeededGenerator(seed: 21)
        let area = Double.pi * (radius * 28) * (radius * 28)
        var worstMass = 0.0, worstCentroid = 0.0
        for _ in 0..<500 {
            let c = SIMD2(rng.uniform(radius, 1 - radius), rng.uniform(radius, 1 - radius))
            let frame = renderer.render([c])
            #expect(frame.allSatisfy { $0 >= 0 && $0 <= 1 })
            let (mass, centroid) = moments(frame)
            worstMass = max(worstMass, abs(mass / area - 1))
            worstCentroid = max(worstCentroid, maxAbs((centroid - c) * 28))
        }
        #expect(worstMass < 1e-5, "pixel mass off by \(worstMass) of the area")
        #expect(worstCentroid < 0.5, "centroid \(worstCentroid) px from the centre")
        #expect(worstCentroid < 0.05, "centroid \(worstCentroid) px: coverage is not exact")
    }

    @Test func twoBallsAddTheirMasses() {
        let renderer = DiscRenderer()
        let a = renderer.render([[0.3, 0.3]]), b = renderer.render([[0.7, 0.6]])
        let both = renderer.render([[0.3, 0.3], [0.7, 0.6]])
        for k in 0..<both.count { #expect(abs(both[k] - (a[k] + b[k])) < 1e-6) }
    }

    @Test func mappingPutsSmallYInTheTopRows() {
        let renderer = DiscRenderer()
        // A ball at (0.5, 0.5) covers the four central pixels wholly.
        let centre = renderer.render([[0.5, 0.5]])
        for (i, j) in [(13, 13), (13, 14), (14, 13), (14, 14)] { #expect(abs(centre[i * 28 + j] - 1) < 1e-6) }
        // A ball at (0.85, 0.15) (the shot target corner) lies in the top-right: rows < 9, columns > 18.
        let corner = renderer.render([[0.85, 0.15]])
        for i in 0..<28 {
            for j in 0..<28 where corner[i * 28 + j] > 0 { #expect(i < 9 && j > 18) }
        }
        // Partial coverage at the rim: anti-aliased, not binary.
        #expect(centre.contains { $0 > 0.05 && $0 < 0.95 })
    }
}
