import Foundation
import Plotting
import Tensor

/// `jumpy kernel install` and `remove`: the kernelspec directory Jupyter finds the kernel
/// by, `…/share/jupyter/kernels/jumpy/` with `kernel.json` and two logos.
///
///     {"argv": ["/path/to/jumpy", "kernel", "--connection-file", "{connection_file}"],
///      "display_name": "jumpy", "language": "jumpy", "interrupt_mode": "signal"}
///
/// Where, as `jupyter kernelspec install` puts it: `--user` in the user's data directory
/// (`$JUPYTER_DATA_DIR`, else `~/.local/share/jupyter`), `--prefix DIR` in
/// `DIR/share/jupyter` (a virtual environment's, or a test's `JUPYTER_PATH`), else
/// system-wide in `/usr/local/share/jupyter`.
public enum KernelSpec {
    public static let name = "jumpy"

    public enum Location: Equatable, Sendable {
        case system, user, prefix(String)

        /// The `kernels/jumpy` directory for this location.
        public var directory: String {
            let data: String
            switch self {
            case .system: data = "/usr/local/share/jupyter"
            case .prefix(let prefix): data = prefix + "/share/jupyter"
            case .user:
                let environment = ProcessInfo.processInfo.environment
                if let dir = environment["JUPYTER_DATA_DIR"], !dir.isEmpty { data = dir }
                else if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { data = xdg + "/jupyter" }
                else { data = NSHomeDirectory() + "/.local/share/jupyter" }
            }
            return data + "/kernels/" + KernelSpec.name
        }
    }

    /// kernel.json's text for the executable at `executable`.
    public static func kernelJSON(executable: String) -> String {
        let spec: JSON = [
            "argv": JSON([executable, "kernel", "--connection-file", "{connection_file}"]),
            "display_name": "jumpy",
            "language": "jumpy",
            // Ctrl-C's signal stops a statement as in the REPL; interrupt_request works too.
            "interrupt_mode": "signal",
            "metadata": ["debugger": false],
        ]
        return spec.text + "\n"
    }

    /// Writes the kernelspec (atomically, file by file) and returns its directory.
    public static func install(executable: String, at location: Location) throws -> String {
        let directory = location.directory
        try AtomicFile.write(Data(kernelJSON(executable: executable).utf8), to: directory + "/kernel.json")
        for side in [32, 64] {
            try AtomicFile.write(Logo.png(side: side), to: directory + "/logo-\(side)x\(side).png")
        }
        return directory
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Removes the kernelspec at `location`; refuses a directory that holds no jumpy kernelspec.
    public static func remove(at location: Location) throws -> String {
        let directory = location.directory
        let spec = directory + "/kernel.json"
        guard let data = FileManager.default.contents(atPath: spec) else {
            throw Failure(description: "no jumpy kernel is installed in \(directory)")
        }
        guard JSON.parse(Array(data))?["language"]?.string == "jumpy" else {
            throw Failure(description: "\(spec) is not jumpy's kernelspec; left alone")
        }
        try FileManager.default.removeItem(atPath: directory)
        return directory
    }

}
