/*
 * session.c — scripts and notebook cells, run in slices for a host.
 *
 * Script mode is `python3 FILE`: the whole file is parsed into one arena
 * that lives until the module code has finished (so the parser's reference
 * to each literal shows in refcounts), the module runs in __main__, an
 * uncaught exception is printed as CPython prints it and sets the exit
 * status, and the interpreter shuts down (atexit, module teardown, the
 * __del__ methods that come with it).
 *
 * Cell mode is an IPython kernel's run_cell (the shell's part — input
 * transformations, history, display hook, error display — is ipython.c):
 * the cell is parsed once and its tree — holding the literals' objects —
 * lives while the cell runs; each top-level statement is compiled on its
 * own and run as its own code object (constants folded by the compiler
 * belong to that code object alone, so
 * `a = 10**6` then `b = 10**6` in one cell are two objects); a final
 * expression statement is compiled in 'single' mode so that its value goes
 * to the display hook (ipython.c).  An error stops the cell and is shown in
 * IPython's layout; the namespace and the heap carry over to the next cell.
 *
 * Both run as state machines over the evaluation loop's slices
 * (hl_eval_code_sliced / hl_eval_resume): start returns SUSPENDED when the
 * slice ends and resume continues, statement after statement, until DONE.
 */
#include "session.h"

#include <string.h>

#include "../modules/modules.h"
#include "../objects/dictobject.h"
#include "../objects/exceptions.h"
#include "../objects/moduleobject.h"
#include "../objects/strobject.h"
#include "../runtime/audit.h"
#include "../runtime/errors.h"
#include "../runtime/runtime.h"
#include "../runtime/state.h"
#include "../runtime/strbuf.h"
#include "ceval.h"
#include "compiler.h"
#include "ipython.h"
#include "parser.h"
#include "pythonrun.h"

enum { MODE_NONE, MODE_SCRIPT, MODE_CELL };

static struct {
    int initialized, capture, mode, running, finished;
    hl_strbuf out[HL_OUT_COUNT];
    int exit_status, exec_count;
    hl_arena *arena;   /* the script's or the cell's parse tree */
    mod_ty cell;       /* the parsed cell */
    hl_ipython_cell ipy; /* IPython's view of the running cell */
    hl_ssize_t next_stmt;
    /* Heap roots: the running code, the arena's objects, names. */
    HLObject *code, *arena_list, *filename, *cell_ns;
} S;

/* ---- outputs ------------------------------------------------------------------- */

static void capture_output(int fd, const char *s, size_t n)
{
    hl_sb_append(&S.out[fd == 2 ? HL_OUT_STDERR : HL_OUT_STDOUT], s, n);
}

hl_strbuf *hl_session_out(int which) { return &S.out[which]; }

const char *hl_session_output(int which, size_t *len)
{
    if (which < 0 || which >= HL_OUT_COUNT) {
        *len = 0;
        return "";
    }
    *len = S.out[which].len;
    return hl_sb_cstr(&S.out[which]);
}

int hl_session_exit_status(void) { return S.exit_status; }
int hl_session_execution_count(void) { return S.exec_count; }
int hl_session_is_running(void) { return S.running; }
void hl_session_interrupt(void) { hl_ts.interrupt_requested = 1; }
void hl_session_set_slice(unsigned long instructions) { hl_eval_set_slice(instructions); }

static void clear_outputs(void)
{
    for (int i = 0; i < HL_OUT_COUNT; i++) {
        hl_sb_free(&S.out[i]);
        S.out[i] = (hl_strbuf)HL_STRBUF_INIT;
    }
}

/* Records the current exception as the cell's error (type, message and the
 * text the notebook shows, as IPython shows it), clearing it.  phase: see
 * hl_ipython_show_error. */
static void record_error(int phase)
{
    HLObject *exc = hl_err_fetch();
    if (exc == NULL)
        return;
    hl_ipython_show_error(exc, phase);
    hl_decref(exc);
}

/* ---- set-up -------------------------------------------------------------------- */

int hl_session_init(size_t heap_limit, int capture)
{
    if (S.initialized)
        return 0;
    hl_config cfg = {0};
    cfg.heap_limit = heap_limit;
    if (hl_runtime_init(&cfg) < 0 || hl_eval_init() < 0)
        return -1;
    hl_register_root(&S.code, "the session's running code");
    hl_register_root(&S.arena_list, "the session's parse arena");
    hl_register_root(&S.filename, "the session's file name");
    S.initialized = 1;
    S.capture = capture;
    if (capture)
        hl_set_output_hook(capture_output);
    return 0;
}

/* Frees the arena of the finished run. */
static void drop_arena(void)
{
    if (S.arena != NULL) {
        S.arena_list = NULL;
        hl_arena_free(S.arena);
        S.arena = NULL;
    }
    S.cell = NULL;
}

static int begin_run(int mode)
{
    if (S.running) {
        hl_err_set_string(hl_exc_RuntimeError, "heaplab: a run is still in progress");
        return -1;
    }
    if (S.finished) {
        hl_err_set_string(hl_exc_RuntimeError, "heaplab: this runtime ran a script and has shut down");
        return -1;
    }
    if (S.mode != MODE_NONE && S.mode != mode) {
        hl_err_set_string(hl_exc_RuntimeError, "heaplab: scripts and cells cannot share a runtime");
        return -1;
    }
    if (S.capture)
        clear_outputs();
    S.mode = mode;
    S.running = 1;
    S.arena = hl_arena_new();
    if (S.arena == NULL) {
        S.running = 0;
        return -1;
    }
    S.arena_list = hl_arena_objects(S.arena);
    return 0;
}

/* ---- scripts ------------------------------------------------------------------ */

static int finish_script(HLObject *res)
{
    HL_CLEAR(S.code);
    drop_arena();
    S.exit_status = res == NULL ? hl_handle_uncaught() : 0;
    hl_xdecref(res);
    HL_CLEAR(S.filename);
    hl_finalize_interpreter();
    S.running = 0;
    S.finished = 1;
    return HL_SESSION_DONE;
}

int hl_session_start_script(const char *src, size_t len, const char *filename, int argc,
                            const char *const *argv)
{
    if (begin_run(MODE_SCRIPT) < 0)
        return HL_SESSION_FAILED;
    if (hl_sys_set_argv(argc, argv) < 0)
        return finish_script(NULL);
    S.filename = filename ? hl_str_from_fs(filename) : hl_str_from_cstr("<string>");
    /* A SourceFileLoader for a file, not for "<stdin>": CPython's
     * pyrun_simple_file compares the name the same way. */
    HLObject *main = S.filename ? hl_main_module(filename != NULL && strcmp(filename, "<stdin>") != 0) : NULL;
    if (main == NULL)
        return finish_script(NULL);
    HLObject *d = hl_module_get_dict(main);
    if (filename != NULL &&
        (hl_dict_set_item_str(d, "__file__", S.filename) < 0 || hl_dict_set_item_str(d, "__cached__", HL_None) < 0))
        return finish_script(NULL);
    S.code = hl_compile_in_arena(src, len, S.filename, HL_RUN_EXEC, HL_PARSE_FILE, S.arena);
    if (S.code == NULL)
        return finish_script(NULL);
    HLObject *res = hl_eval_code_sliced(S.code, d, d);
    if (res == hl_eval_suspended)
        return HL_SESSION_SUSPENDED;
    return finish_script(res);
}

/* ---- cells ------------------------------------------------------------------------ */

static int finish_cell(void)
{
    HL_CLEAR(S.code);
    drop_arena();
    HL_CLEAR(S.filename);
    hl_ipython_end_cell(&S.ipy);
    S.running = 0;
    return HL_SESSION_DONE;
}

static HLObject *cell_namespace(void)
{
    if (S.cell_ns != NULL)
        return S.cell_ns;
    HLObject *main = hl_main_module(1);
    if (main == NULL)
        return NULL;
    HLObject *ns = hl_module_get_dict(main);
    hl_dict_clear(ns);
    if (hl_ipython_init(ns) < 0)
        return NULL;
    S.cell_ns = ns; /* borrowed: sys.modules['__main__'] keeps it */
    return ns;
}

/* Compiles statement i of the cell alone: the last one in 'single' mode if
 * it is an expression (its value is displayed), the others as a module. */
static HLObject *compile_statement(hl_ssize_t i)
{
    asdl_stmt_seq *body = S.cell->v.Module.body;
    stmt_ty st = asdl_seq_GET(body, i);
    asdl_stmt_seq *one = (asdl_stmt_seq *)hl_asdl_seq_new(1, S.arena);
    if (one == NULL)
        return NULL;
    asdl_seq_SET(one, 0, st);
    int single = i == asdl_seq_LEN(body) - 1 && st->kind == Expr_kind;
    mod_ty mod = single ? hl_ast_Interactive(one, S.arena) : hl_ast_Module(one, NULL, S.arena);
    if (mod == NULL)
        return NULL;
    /* Constants folded now belong to this code object only: IPython's
     * compile() folds them in an arena of its own, freed at once. */
    hl_arena *fold = hl_arena_new();
    if (fold == NULL)
        return NULL;
    HLObject *co = hl_compile(mod, S.filename, single ? HL_COMPILE_SINGLE : HL_COMPILE_EXEC, fold);
    hl_arena_free(fold);
    return co;
}

/* Runs statements from S.next_stmt until one suspends, fails, or the cell
 * ends. */
static int run_statements(HLObject *res)
{
    for (;;) {
        if (res != NULL) {
            if (res == hl_eval_suspended)
                return HL_SESSION_SUSPENDED;
            hl_decref(res);
            HL_CLEAR(S.code);
        } else if (S.code != NULL || hl_err_occurred()) {
            HL_CLEAR(S.code);
            record_error(HL_IPY_RUN);
            return finish_cell();
        }
        if (S.next_stmt >= asdl_seq_LEN(S.cell->v.Module.body))
            return finish_cell();
        S.code = compile_statement(S.next_stmt++);
        if (S.code == NULL) {
            record_error(HL_IPY_COMPILE);
            return finish_cell();
        }
        res = hl_eval_code_sliced(S.code, S.cell_ns, S.cell_ns);
    }
}

int hl_session_start_cell(const char *src, size_t len)
{
    /* A cell of nothing but white space is not run, nor counted. */
    size_t k = 0;
    while (k < len && (src[k] == ' ' || src[k] == '\t' || src[k] == '\n' || src[k] == '\r' || src[k] == '\f'))
        k++;
    if (k == len) {
        if (S.capture)
            clear_outputs();
        return HL_SESSION_DONE;
    }
    if (begin_run(MODE_CELL) < 0)
        return HL_SESSION_FAILED;
    memset(&S.ipy, 0, sizeof S.ipy);
    if (cell_namespace() == NULL) {
        record_error(HL_IPY_RUN);
        return finish_cell();
    }
    /* The kernel counts the cells it runs; the shell's count (In [N] in
     * tracebacks, _N, Out[N]) can run ahead of it (ipython.c). */
    S.exec_count++;
    int r = hl_ipython_begin_cell(src, len, &S.ipy);
    S.filename = S.ipy.filename; /* ours now */
    S.ipy.filename = NULL;
    if (r != 0) {
        if (r < 0)
            record_error(HL_IPY_RUN);
        return finish_cell();
    }
    /* The cell as IPython transformed it is what is parsed and run. */
    hl_syntax_error err;
    hl_syntax_error_init(&err);
    S.cell = hl_parse(S.ipy.code, S.ipy.len, HL_MODE_EXEC, HL_PARSE_ALLOW_INCOMPLETE, hl_str_as_utf8(S.filename, NULL), S.arena, &err);
    if (S.cell == NULL) {
        hl_raise_syntax_error(&err, S.filename);
        hl_syntax_error_clear(&err);
        record_error(HL_IPY_PARSE);
        return finish_cell();
    }
    hl_syntax_error_clear(&err);
    S.next_stmt = 0;
    return run_statements(NULL);
}

/* ---- resuming --------------------------------------------------------------------- */

int hl_session_resume(void)
{
    if (!S.running || !hl_eval_is_suspended()) {
        hl_err_set_string(hl_exc_RuntimeError, "heaplab: nothing to resume");
        return HL_SESSION_FAILED;
    }
    HLObject *res = hl_eval_resume();
    if (S.mode == MODE_SCRIPT)
        return res == hl_eval_suspended ? HL_SESSION_SUSPENDED : finish_script(res);
    return run_statements(res);
}
