// libedit's native API (histedit.h). `el_set`, `el_get` and `history` are variadic, which
// Swift cannot call, and `stdin`/`stdout` are C globals Swift 6 treats as unsafe; these
// fixed-signature wrappers are the whole surface the LineEditor module uses.
#include <histedit.h>
#include <stdio.h>
#include <locale.h>
#include <signal.h>
#include <unistd.h>

typedef unsigned char (*jumpy_el_command)(EditLine *, int);
typedef char *(*jumpy_el_prompt)(EditLine *);

static inline EditLine *jumpy_el_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}
static inline void jumpy_el_set_prompt(EditLine *el, jumpy_el_prompt prompt) {
    el_set(el, EL_PROMPT, prompt);
}
static inline void jumpy_el_set_editor(EditLine *el, const char *mode) {
    el_set(el, EL_EDITOR, mode);
}
static inline void jumpy_el_set_signal(EditLine *el, int on) {
    el_set(el, EL_SIGNAL, on);
}
// The parameter must not be called `history`: it would shadow libedit's `history` function,
// which EL_HIST takes as its first argument.
static inline void jumpy_el_set_history(EditLine *el, History *h) {
    el_set(el, EL_HIST, history, h);
}
static inline void jumpy_el_add_function(EditLine *el, const char *name, const char *help,
                                         jumpy_el_command function) {
    el_set(el, EL_ADDFN, name, help, function);
}
static inline void jumpy_el_bind(EditLine *el, const char *key, const char *function) {
    el_set(el, EL_BIND, key, function, NULL);
}
static inline void jumpy_el_set_client_data(EditLine *el, void *data) {
    el_set(el, EL_CLIENTDATA, data);
}
static inline void *jumpy_el_get_client_data(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}
static inline History *jumpy_history_init(void) {
    History *h = history_init();
    HistEvent ev;
    history(h, &ev, H_SETSIZE, 1000);
    history(h, &ev, H_SETUNIQUE, 1);
    return h;
}
static inline void jumpy_history_enter(History *h, const char *line) {
    HistEvent ev;
    history(h, &ev, H_ENTER, line);
}
static inline int jumpy_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}
static inline int jumpy_history_save(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_SAVE, path);
}
static inline int jumpy_stdin_fd(void) { return fileno(stdin); }
static inline void jumpy_set_locale(void) { setlocale(LC_ALL, ""); }

// Ctrl-C at the prompt: with ISIG off in edit mode, ^C reaches the editor as a key (bound to
// a function that discards the line) instead of raising SIGINT, which is left to long commands.
static inline void jumpy_el_edit_mode_without_signals(EditLine *el) {
    el_set(el, EL_SETTY, "-d", "-isig", NULL);
}
static inline void jumpy_history_clear(History *h) {
    HistEvent ev;
    history(h, &ev, H_CLEAR);
}
static inline int jumpy_isatty(int fd) { return isatty(fd); }
