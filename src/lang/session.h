/*
 * session.h — running source for a host that wants its outputs back and
 * control between slices: the command line, the WebAssembly bridge, the
 * tests (session.c, with cell mode's IPython parts in ipython.c).
 *
 *     hl_session_start_script(src, len, "/path/x.py", argc, argv)   // python3 x.py
 *     hl_session_start_cell(src, len)                   // one notebook cell
 *     while (status == HL_SESSION_SUSPENDED) { ...host work...; status = hl_session_resume(); }
 *     hl_session_output(HL_OUT_STDOUT, &len) ...
 *
 * A script runs as `python3 FILE` does, shutdown included (the runtime is
 * then finished: one script per runtime).  Cells run one after another in
 * one namespace, as an IPython kernel runs them.  With a slice set
 * (hl_session_set_slice), a run returns HL_SESSION_SUSPENDED every so many
 * instructions; hl_session_interrupt() makes the next resume raise
 * KeyboardInterrupt in the running code.
 */
#ifndef HL_SESSION_H
#define HL_SESSION_H

#include "../runtime/object.h"

enum { HL_SESSION_DONE = 0, HL_SESSION_SUSPENDED = 1, HL_SESSION_FAILED = -1 };

/* What a run produced (since its start, across slices). */
enum {
    HL_OUT_STDOUT = 0,
    HL_OUT_STDERR = 1,
    HL_OUT_DISPLAY = 2,       /* the displayed value of a cell (execute_result) */
    HL_OUT_ERROR_TYPE = 3,    /* "NameError" — empty when the run succeeded */
    HL_OUT_ERROR_MESSAGE = 4, /* "name 'x' is not defined" */
    HL_OUT_TRACEBACK = 5,     /* the text the notebook shows for the error */
    HL_OUT_COUNT
};

/* Starts the runtime (heap limit in bytes, 0 for the default) and the
 * interpreter.  With capture, the program's stdout and stderr are kept for
 * hl_session_output; without, they go to file descriptors 1 and 2 as they
 * are written (the command line). */
int hl_session_init(size_t heap_limit, int capture);

/* A script: the text of a file (filename: the absolute path, or "<stdin>"
 * for `python3 -`), or with a NULL filename a command string (`python3 -c`:
 * code named "<string>", no __main__.__file__).  sys.argv becomes argv's
 * argc items. */
int hl_session_start_script(const char *src, size_t len, const char *filename, int argc,
                            const char *const *argv);
int hl_session_start_cell(const char *src, size_t len);
int hl_session_resume(void);
void hl_session_interrupt(void);
/* Instructions per slice (0: run to the end). */
void hl_session_set_slice(unsigned long instructions);

const char *hl_session_output(int which, size_t *len);
int hl_session_exit_status(void);     /* script: as python3's */
int hl_session_execution_count(void); /* cell: N of In [N] (0 if not counted) */
int hl_session_is_running(void);

#endif /* HL_SESSION_H */
