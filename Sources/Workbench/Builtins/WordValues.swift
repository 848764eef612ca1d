import Learning
import Planning

// Enums whose cases are the words of an option: declared with `CommandOption.word`, read
// back as the case.
extension CellKind: WordValue {}
extension PlannerKind: WordValue {}
extension Pictures.View: WordValue {}
extension Settings.ProgressMode: WordValue {}
