/*
 * ipython.h — what an IPython 8.5 kernel (ipykernel 6) does around a
 * notebook cell, for session.c's cell mode: ipython.c (the shell: input
 * transformation, history, namespace, display hook, error display),
 * ipython_pretty.c (the text/plain of a displayed value), ipython_tb.c
 * (tracebacks in IPython's layout).
 *
 * session.c runs a cell as IPython's run_cell does:
 *
 *     hl_ipython_cell cell;
 *     switch (hl_ipython_begin_cell(raw, len, &cell)) { ... }
 *     ... parse cell.code, compile each statement with cell.filename, run;
 *         the last expression statement's value goes to sys.displayhook ...
 *     on an exception: hl_ipython_show_error(exc, HL_IPY_PARSE, _COMPILE or _RUN)
 *     hl_ipython_end_cell(&cell);
 */
#ifndef HL_IPYTHON_H
#define HL_IPYTHON_H

#include "../runtime/object.h"

struct hl_strbuf;

/* Makes the shell and fills a fresh user namespace (the __main__ dict) as
 * a kernel's InteractiveShell does; sets sys.displayhook. */
int hl_ipython_init(HLObject *ns);

typedef struct hl_ipython_cell {
    HLObject *filename;  /* the code's file name, as ipykernel names it (the
                            caller takes this reference) */
    char *code;          /* the source after IPython's input transformations */
    size_t len;
} hl_ipython_cell;

/* Starts cell `raw`: the ExecutionResult, the input transformations, the
 * history (In, _i, _iN...), the file name and the source for tracebacks.
 * 0: parse and run cell->code; 1: an error was shown already (the input
 * could not be transformed); -1: an error to report as the cell's. */
int hl_ipython_begin_cell(const char *raw, size_t len, hl_ipython_cell *cell);
/* Shows an exception as IPython does (the error output: ename, evalue,
 * traceback) and remembers it (sys.last_value, the ExecutionResult).
 * phase: the cell did not parse (HL_IPY_PARSE), a statement did not
 * compile (HL_IPY_COMPILE), or the exception came out of running code.
 * Takes no reference. */
enum { HL_IPY_PARSE = 1, HL_IPY_COMPILE = 2, HL_IPY_RUN = 3 };
void hl_ipython_show_error(HLObject *exc, int phase);
/* The end of run_cell: the ExecutionResult becomes the shell's last one,
 * the execution count moves on.  Frees cell's fields. */
void hl_ipython_end_cell(hl_ipython_cell *cell);

/* The number of the cell whose code has this file name (0 if none), and
 * the source IPython compiled for it (for tracebacks). */
int hl_ipython_cell_lookup(HLObject *filename, const char **text, size_t *len);

/* ipython_pretty.c: IPython's text/plain for value, UTF-8, appended to out;
 * -1 with an exception set if a repr failed. */
int hl_ipython_pretty(HLObject *value, struct hl_strbuf *out);
/* The signature IPython shows for a built-in function, "(obj, /)", or
 * NULL when inspect.signature has none. */
const char *hl_ipython_builtin_signature(HLObject *func);
/* ipython_signatures.c (generated): the signature recorded under a key. */
const char *hl_ipython_signature_of(const char *key);

/* ipython_tb.c: the traceback text (IPython's list of lines joined with
 * newlines): VerboseTB for an exception, ListTB for a SyntaxError (with
 * the frames of its traceback when it was raised by running code). */
void hl_ipython_verbose_tb(HLObject *exc, struct hl_strbuf *out);
void hl_ipython_syntax_tb(HLObject *exc, int with_traceback, struct hl_strbuf *out);

/* Provided by session.c: the running cell's output buffers (HL_OUT_*). */
struct hl_strbuf *hl_session_out(int which);

#endif /* HL_IPYTHON_H */
