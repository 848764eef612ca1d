// Physics: the synthetic worlds of the Jumpy RNN experiments, generated exactly, fast and
// reproducibly from a seed.
//
// - `Dataset.generate(_:options:)` builds any of the seven datasets (`DatasetKind`):
//   `[T, B, F]` Float32 train/test tensors with the options and seed that rebuild them.
// - `BallSystem` is the exact, event-driven billiards simulator every ball world uses
//   (`ExactDynamics` is its kernel); `BilliardsWorld` records trajectories of it.
//   `BallPhysics` chooses that law or the reference's fixed steps (`ReferenceDynamics`).
// - `DiscRenderer` draws the pixel worlds; `ShotTask` / `ShotEnvironment` are the planning task
//   (`ShotStart`: how its balls start).
//
// Randomness flows only through `SeededGenerator` (module Tensor); each trajectory has its own
// generator (`TrajectorySeeds`).
