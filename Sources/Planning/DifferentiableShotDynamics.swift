import Physics

/// A model of the table whose forecasts can be differentiated with respect to the actions:
/// what the gradient planner needs. The simulator is not one (its collisions and wall
/// bounces are events, not smooth functions of the shot).
public protocol DifferentiableShotDynamics: ShotDynamics {
    /// Whether `differentiableForecast` may be called (an ensemble: when all its members can).
    var isDifferentiable: Bool { get }
    /// The forecast of `actions` (as `forecast` would give it, to rounding) and the way back
    /// from its positions to the actions.
    func differentiableForecast(_ episode: ShotEpisode, actions: [SIMD2<Double>]) -> DifferentiableForecast
}

/// A forecast and its pullback.
public struct DifferentiableForecast {
    public let forecast: ShotForecast
    /// Given `upstream`, the gradient of a loss with respect to `forecast.positions`
    /// (`[K, frames, 2]`), the loss's gradient with respect to each candidate's action.
    /// Runs a backward pass: call it once.
    public let pullback: ([Double]) -> [SIMD2<Double>]

    public init(forecast: ShotForecast, pullback: @escaping ([Double]) -> [SIMD2<Double>]) {
        self.forecast = forecast; self.pullback = pullback
    }
}

extension ShotDynamics {
    /// These dynamics as differentiable ones, when they are.
    public var differentiable: (any DifferentiableShotDynamics)? {
        guard let d = self as? any DifferentiableShotDynamics, d.isDifferentiable else { return nil }
        return d
    }
}

extension ShotForecast {
    /// The first `n` candidates.
    public func prefix(_ n: Int) -> ShotForecast {
        n == candidates ? self
            : ShotForecast(frames: frames, positions: Array(positions.prefix(n * frames.count * 2)),
                           tickTimes: Array(tickTimes.prefix(n)))
    }
}
