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
        let forecasts = members.map { $0.forecast(episode, actions: actions) }
        var positions = [Double](repeating: 0, count: forecasts[0].positions.count)
        for forecast in forecasts {
            for i in positions.indices { positions[i] += forecast.positions[i] }
        }
        let scale = 1 / Double(forecasts.count)
        for i in positions.indices { positions[i] *= scale }
        // Each candidate's ticks: every member's, in time order.
        let tickTimes = actions.indices.map { k in forecasts.flatMap { $0.tickTimes[k] }.sorted() }
        return ShotForecast(frames: forecasts[0].frames, positions: positions, tickTimes: tickTimes)
    }
}
