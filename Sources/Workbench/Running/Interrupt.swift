#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Ctrl-C during a long command: the SIGINT handler only sets a flag, which long commands
/// poll between steps (`call.isInterrupted`) to stop at a safe point. The REPL clears it
/// before each statement.
///
///     for step in 0..<steps {
///         if Interrupt.isRequested { call.print("interrupted at step \(step)"); break }
///         …
///     }
///
/// At the prompt Ctrl-C never reaches this handler: the line editor turns it into "discard
/// the line" (see `LineEditor`).
public enum Interrupt {
    private static let flag = Atomic<Bool>(false)

    /// Installs the SIGINT handler (idempotent).
    public static func install() {
        // An atomic store is async-signal-safe; nothing else happens in the handler.
        signal(SIGINT) { _ in Interrupt.flag.store(true, ordering: .relaxed) }
        // Past a file-size limit (`ulimit -f`) a write should fail with EFBIG, which the
        // atomic writers report and clean up after, not kill the session.
        signal(SIGXFSZ, SIG_IGN)
        // Ctrl-\ while a statement runs (SIGQUIT) leaves at once: a short line and status
        // 131 (128 + SIGQUIT, as a shell reports it), not the runtime's crash backtrace or a
        // core file. At a prompt Ctrl-\ is a key, read by the line editor.
        signal(SIGQUIT) { _ in
            let message: StaticString = "\njumpy: quit (Ctrl-\\)\n"
            _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
            _exit(131)
        }
        // A blocked signal mask is inherited across exec (a test runner, or a tmux server
        // started by one, may pass one on); clear it so Ctrl-C reaches the handler and a
        // hang-up or kill still ends the process.
        var none = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, nil)
    }

    public static var isRequested: Bool { flag.load(ordering: .relaxed) }

    /// Sets the flag as Ctrl-C would (tests, and callers that cancel).
    public static func request() { flag.store(true, ordering: .relaxed) }

    public static func clear() { flag.store(false, ordering: .relaxed) }
}
