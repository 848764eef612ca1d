import Workbench

/// The interpreter's console in a kernel: what a statement prints becomes `stream`
/// messages (results on stdout, timings and notes on stderr) for the cell being run.
final class KernelConsole: Console {
    /// Where text goes: (stream name, text); nil for a silent request.
    var send: ((String, String) -> Void)?

    func write(_ text: String) { send?("stdout", text) }
    func error(_ text: String) { send?("stderr", text) }
    /// Notebook output areas wrap long lines; tables are laid out for this width.
    var columns: Int { 100 }
}
