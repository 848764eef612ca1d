// Planning: the billiards shot task solved by searching over shots with a model of the table.
//
// - `ShotDynamics` predicts the object ball's path after the shot for K candidate actions at
//   once; `SimulatorDynamics` (the task's physics from the true state) and `ModelDynamics` (a
//   trained rnn, jumpy or odernn model, rolled out from frames 0–3) implement it.
// - `ShotScore` turns a predicted path into a score: how deep into the target it goes.
// - `ShotPlanner` searches: random shooting or the cross-entropy method, for a budget of
//   candidates; `ShotPlan` is one episode planned and judged by the task's simulator.
// - `PlanEvaluation` plans many seeded episodes and reports success against budget.
