// PlanningTable: the planning measurement of issue 24 — success against planning budget for
// several dynamics and planners on the same seeded episodes, as a Markdown table, a TSV and a
// figure drawn like the 2021 paper's ("planning steps" against "success (%)").
//
// - `TableSettings`: the episodes, the budgets reported, the task and the planners' settings.
// - `TableCell`: one dynamics with one planner over the episodes, kept in a TSV file a line
//   an episode, so a stopped run resumes where it stopped (`TableRun`).
// - `TableReport`: the cells summarised: the table, the curves' TSV, the figure.
