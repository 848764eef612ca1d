import Physics

/// Several models of the table as one: every member forecasts every candidate, and the
/// ensemble's path is the members' mean path, frame by frame. Members err in different
/// directions after a collision, so their mean is a steadier forecast than any one of them;
/// the ensemble costs the sum of its members' ticks.
public struct EnsembleDynamics: ShotDynamics {
    public let members: [any ShotDynamics]
    public var name: String { members.map(\.name).joined(separator: "+") }

    public init(_ members: [any ShotDynamics]) {
        precondition(!members.isEmpty, "an ensemble needs a member")
        self.members = members
    }

    public func forecast(_ episode: ShotEpisode, actions: [SIMD2<Double>]) -> ShotForecast {
        mean(members.map { $0.forecast(episode, actions: actions) }, candidates: actions.count)
    }

    /// The members' mean path; each candidate's ticks are every member's, in time order.
    private func mean(_ forecasts: [ShotForecast], candidates: Int) -> ShotForecast {
        var positions = [Double](repeating: 0, count: forecasts[0].positions.count)
        for forecast in forecasts {
            for i in positions.indices { positions[i] += forecast.positions[i] }
        }
        let scale = 1 / Double(forecasts.count)
        for i in positions.indices { positions[i] *= scale }
        let tickTimes = (0..<candidates).map { k in forecasts.flatMap { $0.tickTimes[k] }.sorted() }
        return ShotForecast(frames: forecasts[0].frames, positions: positions, tickTimes: tickTimes)
    }
}

extension EnsembleDynamics: DifferentiableShotDynamics {
    public var isDifferentiable: Bool { members.allSatisfy { $0.differentiable != nil } }

    /// The mean path's gradient reaches each member scaled by 1/members; the actions'
    /// gradients are the members' summed.
    public func differentiableForecast(_ episode: ShotEpisode, actions: [SIMD2<Double>]) -> DifferentiableForecast {
        let parts = members.map { member -> DifferentiableForecast in
            guard let d = member.differentiable else { preconditionFailure("\(member.name) is not differentiable") }
            return d.differentiableForecast(episode, actions: actions)
        }
        let scale = 1 / Double(parts.count)
        return DifferentiableForecast(forecast: mean(parts.map(\.forecast), candidates: actions.count)) { upstream in
            let share = upstream.map { $0 * scale }
            var total = [SIMD2<Double>](repeating: .zero, count: actions.count)
            for part in parts {
                for (k, g) in part.pullback(share).enumerated() { total[k] += g }
            }
            return total
        }
    }
}
