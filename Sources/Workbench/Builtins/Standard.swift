/// The commands every interpreter starts with, in the order `help` lists them. The model,
/// training and rollout commands join with `CommandTable.add` (see docs/workbench.md).
extension CommandTable {
    public static let standard = CommandTable([
        .dataset,
        .model, .train, .eval,
        .rollout, .interpolate, .compare, .plot, .animate, .play, .shot, .plan,
        .show, .vars, .del,
        .save, .load, .export,
        .set,
        .say, .pause,
        .runFile, .saveSession, .history,
        .help, .quit,
    ])
}
