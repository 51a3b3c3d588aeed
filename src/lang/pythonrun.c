/*
 * pythonrun.c — running source text, as CPython's Python/pythonrun.c does.
 *
 * Script mode (`python3 FILE.py`, hl_run_main_file) is what the numbers in
 * a script depend on, so it follows CPython step by step:
 *
 *   1. __main__ is a module in sys.modules whose dict holds, in this
 *      order, __name__, __doc__, __package__, __loader__, __spec__,
 *      __annotations__, __builtins__, then __file__ and __cached__.
 *   2. The file is read and parsed in one arena that stays alive until the
 *      module's code has finished — the parser's reference to every
 *      constant and name is visible in sys.getrefcount for the whole run.
 *   3. The code object runs with the module dict as globals and locals.
 *   4. An uncaught exception goes to sys.excepthook (traceback to stderr),
 *      exit status 1; SystemExit sets the status instead; a
 *      KeyboardInterrupt exits with 130.
 *   5. Shutdown: atexit callbacks (weakref.finalize's among them), then
 *      the modules are emptied, running the __del__ methods of what they
 *      held (shutdown.c).
 *
 * exec(), eval() and compile() share the parse and compile steps; their
 * arena lives while the code runs (exec, eval) or only while it compiles
 * (compile).
 */
#include "pythonrun.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../modules/modules.h"
#include "../objects/abstract.h"
#include "../objects/dictobject.h"
#include "../objects/exceptions.h"
#include "../objects/longobject.h"
#include "../objects/moduleobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/audit.h"
#include "../runtime/errors.h"
#include "../runtime/strbuf.h"
#include "ceval.h"
#include "compiler.h"
#include "errdisplay.h"
#include "session.h"
#include "sources.h"

/* ---- syntax errors ------------------------------------------------------------ */

void hl_raise_syntax_error(const hl_syntax_error *err, HLObject *filename)
{
    HLObject *exc = hl_syntax_error_to_exception(err, filename);
    if (exc != NULL)
        hl_err_restore(exc);
}

/* ---- compiling ------------------------------------------------------------------ */

HLObject *hl_compile_in_arena(const char *src, size_t len, HLObject *filename, int mode, int parse_flags,
                              hl_arena *arena)
{
    hl_syntax_error err;
    hl_syntax_error_init(&err);
    const char *fname = hl_str_as_utf8(filename, NULL);
    /* Tracebacks and SyntaxError.text read lines back from here. */
    if (hl_source_register(filename, src, len) < 0) {
        hl_syntax_error_clear(&err);
        return NULL;
    }
    mod_ty mod = hl_parse(src, len, mode, parse_flags, fname ? fname : "<unknown>", arena, &err);
    if (mod == NULL) {
        hl_raise_syntax_error(&err, filename);
        hl_syntax_error_clear(&err);
        return NULL;
    }
    hl_syntax_error_clear(&err);
    return hl_compile(mod, filename, mode, arena);
}

HLObject *hl_compile_string(const char *src, size_t len, HLObject *filename, int mode)
{
    hl_arena *arena = hl_arena_new();
    if (arena == NULL)
        return NULL;
    HLObject *co = hl_compile_in_arena(src, len, filename, mode, 0, arena);
    hl_arena_free(arena);
    return co;
}

HLObject *hl_run_string(const char *src, size_t len, HLObject *filename, int mode, HLObject *globals,
                        HLObject *locals)
{
    hl_arena *arena = hl_arena_new();
    if (arena == NULL)
        return NULL;
    HLObject *co = hl_compile_in_arena(src, len, filename, mode, 0, arena);
    HLObject *res = NULL;
    if (co != NULL) {
        res = hl_eval_code(co, globals, locals);
        hl_decref(co);
    }
    hl_arena_free(arena);
    return res;
}

/* ---- __main__ ------------------------------------------------------------------- */

static HLObject *main_module;

HLObject *hl_main_module_peek(void) { return main_module; }

HLObject *hl_main_module(int source_file)
{
    if (main_module != NULL)
        return main_module;
    HLObject *m = hl_module_new("__main__");
    if (m == NULL)
        return NULL;
    HLObject *d = hl_module_get_dict(m);
    HLObject *ann = hl_dict_new();
    HLObject *loader = source_file ? hl_source_loader_new() : hl_xnewref(hl_builtin_importer());
    int ok = ann && loader && hl_dict_set_item_str(d, "__loader__", loader) == 0 &&
         hl_dict_set_item_str(d, "__annotations__", ann) == 0 &&
         hl_dict_set_item_str(d, "__builtins__", hl_builtins_module()) == 0 &&
         hl_dict_set_item_str(hl_sys_modules(), "__main__", m) == 0;
    hl_xdecref(ann);
    hl_xdecref(loader);
    if (!ok) {
        hl_decref(m);
        return NULL;
    }
    main_module = m; /* sys.modules keeps it; this is a borrowed shortcut */
    hl_decref(m);
    return main_module;
}

/* ---- uncaught exceptions ----------------------------------------------------------- */

void hl_display_exception(HLObject *exc)
{
    hl_strbuf out = HL_STRBUF_INIT;
    hl_print_exception(exc, &out);
    hl_write_stderr(out.s, out.len);
    hl_sb_free(&out);
}

/* PyErr_Print: SystemExit gives the status; anything else goes to
 * sys.excepthook.  Returns the process exit status. */
int hl_handle_uncaught(void)
{
    HLObject *exc = hl_err_fetch();
    if (hl_exception_is_system_exit(exc)) {
        hl_strbuf out = HL_STRBUF_INIT;
        int status = hl_handle_system_exit(exc, &out);
        hl_write_stderr(out.s, out.len);
        hl_sb_free(&out);
        hl_decref(exc);
        return status & 0xFF;
    }
    int interrupted = hl_err_given_exception_matches(exc, hl_exc_KeyboardInterrupt);
    HLObject *hook = hl_sys_get_object("excepthook");
    if (hook != NULL && hook != hl_default_excepthook()) {
        HLObject *tb = hl_exception_get_traceback(exc);
        HLObject *args[3] = {(HLObject *)HL_TYPE(exc), exc, tb ? tb : HL_None};
        HLObject *r = hl_vectorcall(hook, args, 3, NULL);
        if (r == NULL) {
            HLObject *exc2 = hl_err_fetch();
            hl_write_stderr("Error in sys.excepthook:\n", 25);
            hl_display_exception(exc2);
            hl_write_stderr("\nOriginal exception was:\n", 25);
            hl_display_exception(exc);
            hl_decref(exc2);
        }
        hl_xdecref(r);
    } else {
        hl_display_exception(exc);
    }
    hl_decref(exc);
    return interrupted ? 130 : 1;
}

/* ---- scripts ---------------------------------------------------------------------- */

static char *read_stream(FILE *f, size_t *len)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap)
            break;
        char *nb = realloc(buf, cap * 2);
        if (nb == NULL) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    if (buf)
        buf[n] = '\0'; /* n < cap: the loop stops on a short read */
    *len = n;
    return buf;
}

char *hl_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *buf = read_stream(f, len);
    fclose(f);
    return buf;
}

/* _Py_abspath: the current directory joined to a relative path, without
 * normalising it (python3 ./x.py gives /cwd/./x.py). */
static char *abspath(const char *path)
{
    if (path[0] == '/')
        return strdup(path);
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof cwd) == NULL)
        return strdup(path);
    size_t n = strlen(cwd) + strlen(path) + 2;
    char *p = malloc(n);
    if (p)
        hl_snprintf(p, n, "%s/%s", cwd, path);
    return p;
}

/* Runs the program to its end (shutdown included) with the command line's
 * sys.argv; filename NULL for a command string. */
static int run_main(const char *src, size_t len, const char *filename, int argc, const char *const *argv)
{
    hl_session_set_slice(0);
    int r = hl_session_start_script(src, len, filename, argc, argv);
    while (r == HL_SESSION_SUSPENDED)
        r = hl_session_resume();
    return r == HL_SESSION_FAILED ? 1 : hl_session_exit_status();
}

static int init_interpreter(void)
{
    if (hl_session_init(0, 0) < 0) {
        hl_printf_stderr("heaplab: cannot initialise the interpreter\n");
        return -1;
    }
    return 0;
}

int hl_run_main_file(const char *path, int argc, const char *const *argv)
{
    if (init_interpreter() < 0)
        return 1;
    size_t len;
    if (path == NULL) {
        char *src = read_stream(stdin, &len);
        if (src == NULL) {
            hl_printf_stderr("heaplab: cannot read the program from stdin\n");
            return 1;
        }
        int status = run_main(src, len, "<stdin>", argc, argv);
        free(src);
        return status;
    }
    char *full = abspath(path);
    char *src = full ? hl_read_file(full, &len) : NULL;
    if (src == NULL) {
        hl_printf_stderr("heaplab: can't open file '%s': [Errno %d] %s\n", full ? full : path, errno,
                         strerror(errno));
        free(full);
        return 2;
    }
    int status = run_main(src, len, full, argc, argv);
    free(src);
    free(full);
    return status;
}

int hl_run_main_command(const char *command, int argc, const char *const *argv)
{
    if (init_interpreter() < 0)
        return 1;
    return run_main(command, strlen(command), NULL, argc, argv);
}
