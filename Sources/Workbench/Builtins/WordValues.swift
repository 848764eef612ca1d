import Learning
import Physics
import Planning

// Enums whose cases are the words of an option or a positional argument: declared with
// `CommandOption.word` or `CommandArgument.word`, read back as the case.
extension CellKind: WordValue {}
extension DatasetKind: WordValue {}
extension ModelKind: WordValue {}
extension PlannerKind: WordValue {}
extension ShotStart: WordValue {}
extension BallPhysics: WordValue {}
extension TrainingObjective: WordValue {}
extension Views.Kind: WordValue {}
extension Settings.ProgressMode: WordValue {}
