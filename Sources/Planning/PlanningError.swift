/// Why a planner cannot run: the message names what is wrong.
public struct PlanningError: Error, CustomStringConvertible, Sendable, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
