import Tensor

/// The recurrent cells a sequence model can tick with.
public enum CellKind: String, CaseIterable, Sendable, Codable {
    case gru, lstm, vanilla
}

/// One recurrent update `state' = cell(x, state)` with PyTorch's parameter names and layouts.
///
/// The input projection `x W_ihᵀ + b_ih` is split out (`inputGates`) so that a training pass
/// can compute it for every frame in one large product; `step` then adds the recurrent part.
///
/// The state is `[B, stateWidth]`. For GRU and vanilla cells it is the hidden vector `h`
/// (width R). For the LSTM it is `[h | c]` (width 2R): `h` is what the decoder reads and what
/// the jumpy arithmetic moves (its halves are latent position and velocity); the cell memory
/// `c` is held constant between ticks, since it is memory, not a trajectory.
public struct RecurrentCell {
    public let kind: CellKind
    public let inputWidth: Int
    /// R: the width of the hidden vector `h`.
    public let hiddenWidth: Int
    public let weightIH: Parameter, weightHH: Parameter, biasIH: Parameter, biasHH: Parameter

    /// Gate blocks per kind: GRU (r, z, n), LSTM (i, f, g, o), vanilla (one).
    static func gateCount(_ kind: CellKind) -> Int {
        switch kind {
        case .gru: return 3
        case .lstm: return 4
        case .vanilla: return 1
        }
    }

    /// PyTorch's initialisation: every tensor from U(−1/√R, 1/√R).
    public init(_ kind: CellKind, name: String = "rnn", inputWidth: Int, hiddenWidth: Int,
                using rng: inout SeededGenerator) {
        self.kind = kind
        self.inputWidth = inputWidth
        self.hiddenWidth = hiddenWidth
        let rows = Self.gateCount(kind) * hiddenWidth
        let bound = 1 / Float(hiddenWidth).squareRoot()
        func draw(_ shape: [Int]) -> Tensor { .randomUniform(shape, low: -bound, high: bound, using: &rng) }
        weightIH = Parameter("\(name).weight_ih", draw([rows, inputWidth]))
        weightHH = Parameter("\(name).weight_hh", draw([rows, hiddenWidth]))
        biasIH = Parameter("\(name).bias_ih", draw([rows]))
        biasHH = Parameter("\(name).bias_hh", draw([rows]))
    }

    public var parameters: [Parameter] { [weightIH, weightHH, biasIH, biasHH] }

    /// The width of the state this cell carries: R, or 2R for the LSTM's `[h | c]`.
    public var stateWidth: Int { kind == .lstm ? 2 * hiddenWidth : hiddenWidth }

    /// `x W_ihᵀ + b_ih` for any leading shape: `[…, I]` → `[…, G·R]`.
    public func inputGates(_ x: Tensor) -> Tensor {
        let lead = Array(x.shape.dropLast())
        let flat = x.rank == 2 ? x : x.reshaped([-1, inputWidth])
        let gates = Tensor.affine(flat, weight: weightIH.value, bias: biasIH.value)
        return x.rank == 2 ? gates : gates.reshaped(lead + [gates.shape[1]])
    }

    /// One tick from precomputed input gates `[B, G·R]` and the state `[B, stateWidth]`.
    public func step(inputGates gi: Tensor, state: Tensor) -> Tensor {
        let r = hiddenWidth
        switch kind {
        case .gru:
            let gh = Tensor.affine(state, weight: weightHH.value, bias: biasHH.value)
            return .gruGates(inputGates: gi, hiddenGates: gh, hidden: state)
        case .vanilla:
            return (gi + Tensor.affine(state, weight: weightHH.value, bias: biasHH.value)).tanh()
        case .lstm:
            let h = state.slice(lastAxis: 0..<r), c = state.slice(lastAxis: r..<(2 * r))
            let gates = gi + Tensor.affine(h, weight: weightHH.value, bias: biasHH.value)
            let input = gates.slice(lastAxis: 0..<r).sigmoid()
            let forget = gates.slice(lastAxis: r..<(2 * r)).sigmoid()
            let cell = gates.slice(lastAxis: (2 * r)..<(3 * r)).tanh()
            let output = gates.slice(lastAxis: (3 * r)..<(4 * r)).sigmoid()
            let c2 = forget * c + input * cell
            return Tensor.concatenate([output * c2.tanh(), c2])
        }
    }

    /// One tick from the raw input `[B, I]`.
    public func callAsFunction(_ x: Tensor, _ state: Tensor) -> Tensor {
        step(inputGates: inputGates(x), state: state)
    }
}
