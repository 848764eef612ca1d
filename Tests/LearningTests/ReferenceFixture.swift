import Foundation
import Learning
import Tensor

/// `pytorch-reference.safetensors`: golden numbers from the PyTorch reference (see
/// `pytorch-reference.md` beside it) for a tiny model, D = 4, H = R = 16, τ = 0.2.
struct ReferenceFixture {
    let tensors: [String: Tensor]
    let metadata: [String: String]

    static let shared: ReferenceFixture = {
        let url = Bundle.module.url(forResource: "Resources/pytorch-reference", withExtension: "safetensors")!
        let file = try! SafeTensors.read(url.path)
        return ReferenceFixture(tensors: file.tensors, metadata: file.metadata)
    }()

    subscript(_ name: String) -> Tensor {
        guard let t = tensors[name] else { fatalError("fixture has no tensor \(name)") }
        return t
    }

    /// A metadata number; the fixture writes some as `np.float64(0.0789…)`.
    func number(_ key: String) -> Double {
        var text = metadata[key]!
        if let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")") {
            text = String(text[text.index(after: open)..<close])
        }
        return Double(text)!
    }

    /// A model of `kind` with the reference's weights.
    func model(_ kind: ModelKind) -> SequenceModel {
        let model = SequenceModel(ModelConfiguration(kind: kind, observationWidth: 4, hidden: 16, rnn: 16,
                                                     timeConstant: Float(number("time_constant"))), seed: 0)
        var weights: [String: Tensor] = [:]
        for (name, t) in tensors where name.hasPrefix("param.") { weights[String(name.dropFirst(6))] = t }
        try! model.loadStateDict(weights, source: "fixture")
        return model
    }
}
