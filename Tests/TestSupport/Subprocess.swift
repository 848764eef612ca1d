import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion with posix_spawn and waitpid, feeding stdin and collecting
/// stdout and stderr through files (Foundation's `Process` can hang in `waitUntilExit` when
/// tests run concurrently).
public enum Subprocess {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// With `mergingStderr`, stderr goes to the same file as stdout (as on a terminal, in the
    /// order written) and `stderr` is empty.
    public static func run(_ executable: String, _ arguments: [String], stdin: String = "",
                    directory: String? = nil, environment: [String: String] = [:],
                    mergingStderr: Bool = false) -> Result {
        let scratch = NSTemporaryDirectory() + "jumpy-sub-" + UUID().uuidString
        let (inPath, outPath, errPath) = (scratch + ".in", scratch + ".out", scratch + ".err")
        _ = FileManager.default.createFile(atPath: inPath, contents: Data(stdin.utf8))
        defer { for p in [inPath, outPath, errPath] { unlink(p) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if mergingStderr {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        // `env -C DIR` changes directory before exec (glibc's addchdir_np is not exported here);
        // `env NAME=VALUE` adds to the environment the child inherits.
        let settings = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let command = directory == nil && settings.isEmpty ? [executable]
            : ["env"] + (directory.map { ["-C", $0] } ?? []) + settings + [executable]
        let argv = (command + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        // The child starts with no signal blocked and every handler at its default: a test may
        // run on a thread that blocks signals, and a child would inherit that mask (a tmux
        // server that ignores SIGTERM, a jumpy that never sees Ctrl-C).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, command[0], &actions, &attributes, argv, environ)
        guard spawned == 0 else { return Result(status: -1, stdout: "", stderr: "spawn failed: \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        func read(_ path: String) -> String {
            String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        }
        return Result(status: code, stdout: read(outPath), stderr: read(errPath))
    }
}
