/*
 * ipython.c — what an IPython 8.5 kernel (ipykernel 6.17, the shell
 * Jupyter runs on CPython 3.11) does around each notebook cell, as far as a
 * notebook can see it: session.c parses and runs the cell; this file is
 * the shell around it.  The steps follow InteractiveShell.run_cell:
 *
 * 1. An ExecutionResult (holding an ExecutionInfo with the raw cell) is
 *    made; while the cell runs the display hook's exec_result is it, and
 *    at the end it becomes the shell's last_execution_result — so the
 *    value a cell displays and the exception it raises stay referenced
 *    until the *next* cell ends.
 * 2. The input transformations: leading blank lines dropped, the first
 *    line's indentation removed from every line that has it, ">>> " and
 *    "In [1]: " prompts stripped; the cell is tokenized, and a dedent to
 *    no enclosing level fails here, as Python's tokenize module fails for
 *    IPython, as an IndentationError of file "<tokenize>" — the shell's
 *    execution count then moves on by two (IPython adds one twice on
 *    that path), so from then on the numbers of tracebacks ("Cell In
 *    [N]"), _N and Out[N] run one ahead of the kernel's, which labels the
 *    cells (session.c counts those).
 * 3. The history: the transformed cell, without its trailing newlines,
 *    goes to In (== _ih), the raw one to the history's raw list; _i, _ii,
 *    _iii move on by one cell (so _i is the *previous* cell) and _iN is
 *    this cell's raw source.  Cells that are only `exit` or `quit` are
 *    not recorded.
 * 4. The file name: ipykernel names a cell's code
 *    /tmp/ipykernel_PID/HASH.py, HASH being MurmurHash2 (x86, seed
 *    0xc70f6907) of the raw cell; tracebacks turn the name back into
 *    "Cell In [N]" through the last number given to it.  A SyntaxError's
 *    message shows the name (str(e) adds "(HASH.py, line L)").
 * 5. session.c compiles each top-level statement on its own; an
 *    expression statement at the end goes to sys.displayhook — here
 *    displayhook() below: None and a cell whose last token is ';' show
 *    nothing; otherwise the text/plain (ipython_pretty.c) is the cell's
 *    result, and DisplayHook.update_user_ns keeps the value in the hook
 *    (_, __, ___), the namespace and the shell's hidden namespace (_, __,
 *    ___ when the user has not rebound them, _N), Out[N], and the
 *    ExecutionResult.  A repr that raises is shown as an error output (the
 *    value is kept all the same); one that raises NotImplementedError shows
 *    nothing.
 * 6. Errors: ename (the type's __name__), evalue (str), and the traceback
 *    text (ipython_tb.c); sys.last_type, last_value, last_traceback are set.
 *    SystemExit shows only "An exception has occurred, use %tb to see the
 *    full traceback." and "SystemExit: code".
 *
 * The namespace starts as a kernel's: __name__ ... __builtins__, _ih, _oh,
 * _dh, In, Out, get_ipython, exit, quit, _, __, ___, _i, _ii, _iii; the
 * shell objects (get_ipython(), its displayhook, user_ns_hidden,
 * history_manager, last_execution_result) are instances of the classes in
 * frozen/ipykernel_shell.py with IPython's names, so gc.get_referrers finds
 * the kernel's references where Jupyter shows them.  The recursion limit is
 * the kernel's, 3000.
 *
 * Not reproduced: magics and shell escapes (%, !, ?), display
 * formatters other than text/plain, _repr_pretty_ methods, the UserWarning
 * a kernel prints the first time SystemExit is raised (its second line is
 * IPython's source), and the kernel's own objects and garbage (counts over
 * the whole interpreter differ, see DESIGN.md).
 */
#include "ipython.h"

#include <string.h>
#include <unistd.h>

#include "../modules/modules.h"
#include "../objects/abstract.h"
#include "../objects/dictobject.h"
#include "../objects/descrobject.h"
#include "../objects/exceptions.h"
#include "../objects/listobject.h"
#include "../objects/longobject.h"
#include "../objects/moduleobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/audit.h"
#include "../runtime/errors.h"
#include "../runtime/state.h"
#include "../runtime/strbuf.h"
#include "../runtime/sysmem.h"
#include "pythonrun.h"
#include "session.h"
#include "sources.h"
#include "tokenizer.h"

extern const char hl_frozen_ipykernel_shell[];

/* The pid in ipykernel's temporary directory: a fixed one, so that a
 * notebook prints the same file names on every run. */
#define KERNEL_PID 1
#define RECURSION_LIMIT 3000
#define CACHE_SIZE 1000 /* DisplayHook.cache_size */

/* The shell.  The objects are roots: the user may rebind any attribute
 * of get_ipython(), the kernel keeps working with its own. */
static struct {
    HLObject *shell, *displayhook, *history, *hidden, *ns;
    HLObject *info_class, *result_class;
    HLObject *result; /* the running cell's ExecutionResult */
    int failed_early; /* the cell could not run (error_before_exec) */
    HLObject *in_list, *raw_list;
    int execution_count;
    /* compile._filename_map: each cell's file name and number (its
     * transformed source, linecache's part, is in sources.c) */
    struct cell_entry {
        char *filename;
        int count;
    } *cells;
    int ncells, cap;
} IP;

/* ---- small helpers --------------------------------------------------------------- */

static int setattr_str(HLObject *o, const char *name, HLObject *v)
{
    HLObject *n = hl_str_intern_from_cstr(name);
    int r = n ? hl_object_setattr(o, n, v) : -1;
    hl_xdecref(n);
    return r;
}

/* KeyError('_oh'): the shell looks its output history up by that name. */
static void no_output_history(void)
{
    HLObject *key = hl_str_from_cstr("_oh");
    if (key != NULL)
        hl_err_set_key_error(key);
    hl_xdecref(key);
}

static int setattr_steal(HLObject *o, const char *name, HLObject *v)
{
    int r = v ? setattr_str(o, name, v) : -1;
    hl_xdecref(v);
    return r;
}

/* shell.push(vdict, interactive=False): into the namespace and the hidden
 * namespace. */
static int push(const char *const *names, HLObject *const *values, int n)
{
    for (int i = 0; i < n; i++)
        if (hl_dict_set_item_str(IP.ns, names[i], values[i]) < 0)
            return -1;
    for (int i = 0; i < n; i++)
        if (hl_dict_set_item_str(IP.hidden, names[i], values[i]) < 0)
            return -1;
    return 0;
}

static HLObject *sys_dict(void)
{
    HLObject *sys = hl_dict_get_item_str(hl_sys_modules(), "sys");
    return sys ? hl_module_get_dict(sys) : NULL;
}

/* ---- the namespace ------------------------------------------------------------------ */

static HLObject *displayhook(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames);
static HLMethodDef displayhook_def = {"displayhook", (hl_cfunction)displayhook, HL_METH_O, NULL};

static HLObject *new_instance(HLObject *classes, const char *name)
{
    HLObject *cls = hl_dict_get_item_str(classes, name);
    return cls ? hl_call_noargs(cls) : NULL;
}

int hl_ipython_init(HLObject *ns)
{
    static int registered;
    if (!registered) {
        HLObject **roots[] = {&IP.shell, &IP.displayhook, &IP.history, &IP.hidden, &IP.info_class,
                              &IP.result_class, &IP.result, &IP.in_list, &IP.raw_list};
        for (size_t i = 0; i < sizeof roots / sizeof *roots; i++)
            hl_register_root(roots[i], "the IPython shell");
        registered = 1;
    }
    IP.ns = ns;
    IP.execution_count = 1;
    /* The classes, run in a namespace of their own. */
    HLObject *classes = hl_dict_new();
    HLObject *file = hl_str_from_cstr("<frozen ipykernel_shell>");
    HLObject *modname = hl_str_from_cstr("IPython.core.interactiveshell");
    HLObject *res = NULL;
    if (classes && file && modname && hl_dict_set_item_str(classes, "__name__", modname) == 0 &&
        hl_dict_set_item_str(classes, "__builtins__", hl_builtins_module()) == 0)
        res = hl_run_string(hl_frozen_ipykernel_shell, strlen(hl_frozen_ipykernel_shell), file, HL_RUN_EXEC,
                            classes, classes);
    hl_xdecref(file);
    hl_xdecref(modname);
    hl_xdecref(res);
    if (res == NULL) {
        hl_xdecref(classes);
        return -1;
    }
    IP.info_class = hl_xnewref(hl_dict_get_item_str(classes, "ExecutionInfo"));
    IP.result_class = hl_xnewref(hl_dict_get_item_str(classes, "ExecutionResult"));
    IP.shell = new_instance(classes, "ZMQInteractiveShell");
    IP.displayhook = new_instance(classes, "ZMQShellDisplayHook");
    IP.history = new_instance(classes, "HistoryManager");
    HLObject *exiter = new_instance(classes, "ZMQExitAutocall");
    hl_decref(classes);
    IP.hidden = hl_dict_new();
    IP.in_list = hl_list_new(0);
    IP.raw_list = hl_list_new(0);
    HLObject *out = hl_dict_new(), *dh = hl_list_new(0), *empty = hl_str_empty();
    char cwd[1024];
    HLObject *cwds = hl_str_from_cstr(getcwd(cwd, sizeof cwd) ? cwd : "/");
    HLObject *get_ipython = IP.shell ? hl_object_getattr_str(IP.shell, "get_ipython") : NULL;
    HLObject *doc = hl_str_from_cstr("Automatically created module for IPython interactive environment");
    HLObject *main_name = hl_str_intern_from_cstr("__main__");
    HLObject *cache = hl_long_from_long(CACHE_SIZE), *count = hl_long_from_long(IP.execution_count);
    HLObject *interactivity = hl_str_from_cstr("last_expr");
    int ok = IP.info_class && IP.result_class && IP.shell && IP.displayhook && IP.history && exiter &&
             IP.hidden && IP.in_list && IP.raw_list && out && dh && empty && cwds && get_ipython && doc &&
             cache && count && interactivity && hl_list_append(IP.in_list, empty) == 0 &&
             hl_list_append(IP.raw_list, empty) == 0 && hl_list_append(dh, cwds) == 0;
    /* The history manager, the display hook, the shell. */
    ok = ok && setattr_str(IP.history, "input_hist_parsed", IP.in_list) == 0 &&
         setattr_str(IP.history, "input_hist_raw", IP.raw_list) == 0 &&
         setattr_str(IP.history, "output_hist", out) == 0 && setattr_str(IP.history, "dir_hist", dh) == 0;
    static const char *const inputs[] = {"_i00", "_i", "_ii", "_iii"};
    for (int i = 0; ok && i < 4; i++)
        ok = setattr_str(IP.history, inputs[i], empty) == 0;
    static const char *const unders[] = {"_", "__", "___"};
    for (int i = 0; ok && i < 3; i++)
        ok = setattr_str(IP.displayhook, unders[i], empty) == 0;
    ok = ok && setattr_str(IP.displayhook, "shell", IP.shell) == 0 &&
         setattr_str(IP.displayhook, "exec_result", HL_None) == 0 &&
         setattr_str(IP.displayhook, "cache_size", cache) == 0 &&
         setattr_str(IP.displayhook, "do_full_cache", HL_True) == 0 &&
         setattr_str(IP.shell, "user_ns", ns) == 0 && setattr_str(IP.shell, "user_ns_hidden", IP.hidden) == 0 &&
         setattr_str(IP.shell, "displayhook", IP.displayhook) == 0 &&
         setattr_str(IP.shell, "history_manager", IP.history) == 0 &&
         setattr_str(IP.shell, "execution_count", count) == 0 &&
         setattr_str(IP.shell, "last_execution_result", HL_None) == 0 &&
         setattr_str(IP.shell, "last_execution_succeeded", HL_True) == 0 &&
         setattr_str(IP.shell, "ast_node_interactivity", interactivity) == 0 &&
         setattr_str(IP.shell, "exiter", exiter) == 0;
    /* The user namespace, in a kernel's order. */
    ok = ok && main_name && hl_dict_set_item_str(ns, "__name__", main_name) == 0 &&
         hl_dict_set_item_str(ns, "__doc__", doc) == 0 && hl_dict_set_item_str(ns, "__package__", HL_None) == 0 &&
         hl_dict_set_item_str(ns, "__loader__", HL_None) == 0 && hl_dict_set_item_str(ns, "__spec__", HL_None) == 0 &&
         hl_dict_set_item_str(ns, "__builtin__", hl_builtins_module()) == 0 &&
         hl_dict_set_item_str(ns, "__builtins__", hl_builtins_module()) == 0;
    if (ok) {
        const char *names[] = {"_ih", "_oh", "_dh", "In", "Out", "get_ipython", "exit", "quit"};
        HLObject *values[] = {IP.in_list, out, dh, IP.in_list, out, get_ipython, exiter, exiter};
        ok = push(names, values, 8) == 0;
    }
    for (int i = 0; ok && i < 3; i++)
        ok = hl_dict_set_item_str(ns, unders[i], empty) == 0;
    if (ok) {
        const char *names[] = {"_i", "_ii", "_iii"};
        HLObject *values[] = {empty, empty, empty};
        ok = push(names, values, 3) == 0;
    }
    HLObject *hook = ok ? hl_cfunction_new(&displayhook_def, NULL, NULL) : NULL;
    HLObject *sd = sys_dict();
    ok = hook && sd && hl_dict_set_item_str(sd, "displayhook", hook) == 0;
    hl_xdecref(hook);
    if (ok)
        hl_ts.recursion_limit = RECURSION_LIMIT;
    hl_xdecref(exiter);
    hl_xdecref(out);
    hl_xdecref(dh);
    hl_xdecref(empty);
    hl_xdecref(cwds);
    hl_xdecref(get_ipython);
    hl_xdecref(doc);
    hl_xdecref(main_name);
    hl_xdecref(cache);
    hl_xdecref(count);
    hl_xdecref(interactivity);
    return ok ? 0 : -1;
}

static int set_execution_count(int n)
{
    IP.execution_count = n;
    return setattr_steal(IP.shell, "execution_count", hl_long_from_long(n));
}

/* ---- cells' file names and sources ------------------------------------------------- */

/* ipykernel's murmur2_x86 over the cell's UTF-8 bytes. */
static uint32_t murmur2_x86(const unsigned char *data, size_t length, uint32_t seed)
{
    const uint32_t m = 0x5bd1e995;
    uint32_t h = seed ^ (uint32_t)length;
    size_t rounded_end = length & ~(size_t)3;
    for (size_t i = 0; i < rounded_end; i += 4) {
        uint32_t k = data[i] | (uint32_t)data[i + 1] << 8 | (uint32_t)data[i + 2] << 16 |
                     (uint32_t)data[i + 3] << 24;
        k *= m;
        k ^= k >> 24;
        k *= m;
        h *= m;
        h ^= k;
    }
    uint32_t k = 0;
    switch (length & 3) {
    case 3:
        k = (uint32_t)data[rounded_end + 2] << 16;
        /* fall through */
    case 2:
        k |= (uint32_t)data[rounded_end + 1] << 8;
        /* fall through */
    case 1:
        k |= data[rounded_end];
        h ^= k;
        h *= m;
    }
    h ^= h >> 13;
    h *= m;
    h ^= h >> 15;
    return h;
}

static struct cell_entry *find_cell(const char *name)
{
    for (int i = 0; i < IP.ncells; i++)
        if (strcmp(IP.cells[i].filename, name) == 0)
            return &IP.cells[i];
    return NULL;
}

/* compile.cache: the source for tracebacks, and the name's number. */
static int cache_cell(HLObject *filename, const char *text, size_t len, int count)
{
    const char *name = hl_str_as_utf8(filename, NULL);
    if (name == NULL || hl_source_register(filename, text, len) < 0)
        return -1;
    struct cell_entry *e = find_cell(name);
    if (e == NULL) {
        if (IP.ncells == IP.cap) {
            int cap = IP.cap ? IP.cap * 2 : 16;
            struct cell_entry *c = hl_raw_realloc(IP.cells, (size_t)cap * sizeof *c);
            if (c == NULL)
                return -1;
            IP.cells = c;
            IP.cap = cap;
        }
        e = &IP.cells[IP.ncells];
        memset(e, 0, sizeof *e);
        e->filename = hl_raw_malloc(strlen(name) + 1);
        if (e->filename == NULL)
            return -1;
        strcpy(e->filename, name);
        IP.ncells++;
    }
    e->count = count;
    return 0;
}

int hl_ipython_cell_lookup(HLObject *filename, const char **text, size_t *len)
{
    const char *name = filename && hl_str_check(filename) ? hl_str_as_utf8(filename, NULL) : NULL;
    if (name == NULL) {
        hl_err_clear();
        return 0;
    }
    struct cell_entry *e = find_cell(name);
    if (e == NULL)
        return 0;
    if (text && !hl_source_text(filename, text, len))
        return 0;
    return e->count;
}

/* ---- input transformations --------------------------------------------------------- */

typedef struct {
    const char *s;
    size_t n; /* with the newline */
} line;

/* Strips prompt `kind` (0: ">>> " / "... ", 1: "In [N]: " / "...: ") from
 * the start of a line; the number of bytes to drop, or 0. */
static size_t prompt_len(line l, int kind, int initial)
{
    const char *s = l.s;
    size_t n = l.n, content = n && s[n - 1] == '\n' ? n - 1 : n;
    if (kind == 0) {
        /* ^(>>>|\.\.\.)( |$), the first line only ^>>>( |$) */
        if (content >= 3 && (memcmp(s, ">>>", 3) == 0 || (!initial && memcmp(s, "...", 3) == 0))) {
            if (content == 3)
                return 3;
            if (s[3] == ' ')
                return 4;
        }
        return 0;
    }
    /* ^(In \[\d+\]: |\s*\.{3,}: ?) */
    if (content >= 4 && memcmp(s, "In [", 4) == 0) {
        size_t i = 4;
        while (i < content && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i > 4 && i + 2 < content + 1 && i + 2 <= content && s[i] == ']' && s[i + 1] == ':' &&
            i + 2 < content && s[i + 2] == ' ')
            return i + 3;
    }
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f' || s[i] == '\v'))
        i++;
    size_t dots = 0;
    while (i + dots < n && s[i + dots] == '.')
        dots++;
    if (dots >= 3 && i + dots < n && s[i + dots] == ':')
        return i + dots + 1 + (i + dots + 1 < n && s[i + dots + 1] == ' ');
    return 0;
}

/* TransformerManager.transform_cell, for what heaplab runs: the cleanup
 * transforms.  Returns raw memory (NUL-terminated), *outlen its length. */
static char *transform_cell(const char *raw, size_t len, size_t *outlen)
{
    size_t nl = 0;
    for (size_t i = 0; i < len; i++)
        nl += raw[i] == '\n';
    size_t cap = nl + 2;
    line *lines = hl_raw_malloc(cap * sizeof *lines);
    char *out = hl_raw_malloc(len + 2);
    if (lines == NULL || out == NULL) {
        hl_raw_free(lines);
        hl_raw_free(out);
        return NULL;
    }
    /* "Ensure the cell has a trailing newline" */
    memcpy(out, raw, len);
    size_t n = len;
    if (n == 0 || out[n - 1] != '\n')
        out[n++] = '\n';
    size_t nlines = 0;
    for (size_t i = 0; i < n;) {
        const char *e = memchr(out + i, '\n', n - i);
        size_t l = (size_t)(e - (out + i)) + 1;
        lines[nlines++] = (line){out + i, l};
        i += l;
    }
    /* leading_empty_lines */
    size_t first = 0;
    for (; first < nlines; first++) {
        int blank = 1;
        for (size_t k = 0; k < lines[first].n; k++) {
            char c = lines[first].s[k];
            if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'))
                blank = 0;
        }
        if (!blank)
            break;
    }
    if (first == nlines)
        first = 0; /* all blank: left as it is */
    line *ls = lines + first;
    size_t count = nlines - first;
    /* leading_indent */
    size_t ind = 0;
    if (count > 0)
        while (ind < ls[0].n && (ls[0].s[ind] == ' ' || ls[0].s[ind] == '\t'))
            ind++;
    size_t *cut = hl_raw_calloc((count ? count : 1) * sizeof *cut);
    if (cut == NULL) {
        hl_raw_free(lines);
        hl_raw_free(out);
        return NULL;
    }
    if (ind > 0)
        for (size_t k = 0; k < count; k++)
            if (ls[k].n >= ind && memcmp(ls[k].s, ls[0].s, ind) == 0)
                cut[k] = ind;
    /* classic_prompt, then ipython_prompt, each on the lines as the
     * previous step left them */
    for (int kind = 0; kind < 2; kind++) {
        if (count == 0)
            break;
        line l0 = {ls[0].s + cut[0], ls[0].n - cut[0]};
        line l1 = count > 1 ? (line){ls[1].s + cut[1], ls[1].n - cut[1]} : (line){"", 0};
        if (prompt_len(l0, kind, 1) || (count > 1 && prompt_len(l1, kind, 0))) {
            for (size_t k = 0; k < count; k++) {
                line lk = {ls[k].s + cut[k], ls[k].n - cut[k]};
                cut[k] += prompt_len(lk, kind, 0);
            }
        }
    }
    char *result = hl_raw_malloc(n + 1);
    size_t m = 0;
    if (result != NULL) {
        for (size_t k = 0; k < count; k++) {
            memcpy(result + m, ls[k].s + cut[k], ls[k].n - cut[k]);
            m += ls[k].n - cut[k];
        }
        result[m] = 0;
    }
    *outlen = m;
    hl_raw_free(cut);
    hl_raw_free(lines);
    hl_raw_free(out);
    return result;
}

/* make_tokens_by_line: Python's tokenize raises IndentationError for a
 * dedent to no enclosing level.  The exception (new reference) or NULL. */
static HLObject *tokenize_error(const char *code, size_t len)
{
    hl_syntax_error err;
    hl_syntax_error_init(&err);
    hl_tok_state tok;
    if (hl_tok_init(&tok, code, len, 1, 0, &err) < 0) {
        hl_syntax_error_clear(&err);
        return NULL;
    }
    HLObject *exc = NULL;
    for (;;) {
        const char *a, *b;
        int t = hl_tok_get(&tok, &a, &b);
        if (t == ENDMARKER)
            break;
        if (t == ERRORTOKEN) {
            if (tok.done == E_DEDENT) {
                /* ("<tokenize>", lnum, pos, line): pos is the column of the
                 * line's first non-blank character */
                const char *p = code, *end = code + len;
                for (int i = 1; i < tok.lineno && p; i++) {
                    p = memchr(p, '\n', (size_t)(end - p));
                    p = p ? p + 1 : NULL;
                }
                if (p != NULL) {
                    const char *e = memchr(p, '\n', (size_t)(end - p));
                    size_t l = e ? (size_t)(e - p) + 1 : (size_t)(end - p);
                    size_t pos = 0;
                    while (pos < l && (p[pos] == ' ' || p[pos] == '\t' || p[pos] == '\f'))
                        pos++;
                    HLObject *text = hl_str_from_utf8(p, (hl_ssize_t)l);
                    HLObject *msg = hl_str_from_cstr("unindent does not match any outer indentation level");
                    HLObject *fn = hl_str_from_cstr("<tokenize>");
                    HLObject *ln = hl_long_from_long(tok.lineno);
                    HLObject *off = hl_long_from_long((long)hl_utf8_count_chars(p, pos));
                    HLObject *info = text && fn && ln && off ? hl_tuple_pack(4, fn, ln, off, text) : NULL;
                    HLObject *args = info && msg ? hl_tuple_pack(2, msg, info) : NULL;
                    exc = args ? hl_exception_new(hl_exc_IndentationError, args) : NULL;
                    hl_xdecref(text);
                    hl_xdecref(msg);
                    hl_xdecref(fn);
                    hl_xdecref(ln);
                    hl_xdecref(off);
                    hl_xdecref(info);
                    hl_xdecref(args);
                    hl_err_clear();
                }
            }
            break;
        }
    }
    hl_tok_fini(&tok);
    hl_syntax_error_clear(&err);
    return exc;
}

/* HistoryManager._exit_re: (exit|quit)(\s*\(.*\))?$ on the stripped cell. */
static int is_exit_command(HLObject *raw)
{
    HLObject *s = hl_call_method_noargs(raw, "strip");
    if (s == NULL) {
        hl_err_clear();
        return 0;
    }
    hl_ssize_t n;
    const char *p = hl_str_as_utf8(s, &n);
    int match = 0;
    if (p != NULL && n >= 4) {
        size_t k = strncmp(p, "exit", 4) == 0 || strncmp(p, "quit", 4) == 0 ? 4 : 0;
        if (k) {
            size_t rest = (size_t)n - k;
            const char *r = p + k;
            if (rest == 0) {
                match = 1;
            } else {
                size_t i = 0;
                while (i < rest && (r[i] == ' ' || r[i] == '\t' || r[i] == '\n' || r[i] == '\r' ||
                                    r[i] == '\f' || r[i] == '\v'))
                    i++;
                /* \(.*\)$ : '.' stops at newlines */
                if (i < rest && r[i] == '(' && r[rest - 1] == ')' && !memchr(r + i, '\n', rest - i))
                    match = 1;
            }
        }
    }
    hl_decref(s);
    return match;
}

/* rstrip('\n') of a str; a new reference (the same object if unchanged). */
static HLObject *rstrip_newlines(HLObject *s)
{
    hl_ssize_t n = HL_STR_LEN(s);
    while (n > 0 && hl_str_read_char(s, n - 1) == '\n')
        n--;
    return n == HL_STR_LEN(s) ? hl_newref(s) : hl_str_substring(s, 0, n);
}

/* HistoryManager.store_inputs */
static int store_inputs(int line_num, HLObject *source, HLObject *source_raw)
{
    HLObject *src = rstrip_newlines(source), *raw = src ? rstrip_newlines(source_raw) : NULL;
    int r = -1;
    if (raw == NULL)
        goto done;
    if (is_exit_command(raw)) {
        r = 0;
        goto done;
    }
    if (hl_list_append(IP.in_list, src) < 0 || hl_list_append(IP.raw_list, raw) < 0)
        goto done;
    /* _iii <- _ii <- _i <- _i00 <- this cell */
    HLObject *i00 = hl_object_getattr_str(IP.history, "_i00");
    HLObject *i1 = hl_object_getattr_str(IP.history, "_i");
    HLObject *i2 = hl_object_getattr_str(IP.history, "_ii");
    if (i00 && i1 && i2 && setattr_str(IP.history, "_iii", i2) == 0 && setattr_str(IP.history, "_ii", i1) == 0 &&
        setattr_str(IP.history, "_i", i00) == 0 && setattr_str(IP.history, "_i00", raw) == 0) {
        char name[32];
        hl_snprintf(name, sizeof name, "_i%d", line_num);
        const char *names[] = {"_i", "_ii", "_iii", name};
        HLObject *values[] = {i00, i1, i2, raw};
        r = push(names, values, 4);
    }
    hl_xdecref(i00);
    hl_xdecref(i1);
    hl_xdecref(i2);
done:
    hl_xdecref(src);
    hl_xdecref(raw);
    return r;
}

/* ---- a cell ---------------------------------------------------------------------------- */

int hl_ipython_begin_cell(const char *raw, size_t len, hl_ipython_cell *cell)
{
    memset(cell, 0, sizeof *cell);
    HLObject *n = hl_object_getattr_str(IP.shell, "execution_count");
    if (n != NULL && hl_long_check(n))
        IP.execution_count = (int)hl_long_as_long(n);
    hl_xdecref(n);
    hl_err_clear();
    HLObject *raw_cell = hl_str_from_utf8(raw, (hl_ssize_t)len);
    if (raw_cell == NULL)
        return -1;
    /* ExecutionResult(ExecutionInfo(raw_cell, store_history=True,
     * silent=False, shell_futures=True, cell_id=None)) */
    HLObject *args[5] = {raw_cell, HL_True, HL_False, HL_True, HL_None};
    HLObject *info = hl_vectorcall(IP.info_class, args, 5, NULL);
    HL_XSETREF(IP.result, info ? hl_call_one(IP.result_class, info) : NULL);
    hl_xdecref(info);
    if (IP.result == NULL || setattr_steal(IP.result, "execution_count", hl_long_from_long(IP.execution_count)) < 0) {
        hl_decref(raw_cell);
        return -1;
    }
    cell->code = transform_cell(raw, len, &cell->len);
    if (cell->code == NULL) {
        hl_decref(raw_cell);
        hl_err_nomemory();
        return -1;
    }
    HLObject *tokerr = tokenize_error(cell->code, cell->len);
    HLObject *code = tokerr ? hl_newref(raw_cell) : hl_str_from_utf8(cell->code, (hl_ssize_t)cell->len);
    int r = code ? store_inputs(IP.execution_count, code, raw_cell) : -1;
    hl_xdecref(code);
    if (r == 0)
        r = setattr_str(IP.displayhook, "exec_result", IP.result);
    if (r < 0) {
        hl_xdecref(tokerr);
        hl_decref(raw_cell);
        return -1;
    }
    if (tokerr != NULL) {
        hl_ipython_show_error(tokerr, HL_IPY_PARSE);
        hl_decref(tokerr);
        hl_decref(raw_cell);
        /* showtraceback, then the count moves on twice (once here, once
         * in error_before_exec, at the end of the cell) */
        set_execution_count(IP.execution_count + 1);
        return 1;
    }
    hl_ssize_t rawlen;
    const char *utf8 = hl_str_as_utf8(raw_cell, &rawlen);
    char name[64];
    hl_snprintf(name, sizeof name, "/tmp/ipykernel_%d/%lu.py", KERNEL_PID,
             (unsigned long)murmur2_x86((const unsigned char *)utf8, (size_t)rawlen, 0xc70f6907u));
    hl_decref(raw_cell);
    cell->filename = hl_str_from_cstr(name);
    if (cell->filename == NULL || cache_cell(cell->filename, cell->code, cell->len, IP.execution_count) < 0)
        return -1;
    return 0;
}

void hl_ipython_end_cell(hl_ipython_cell *cell)
{
    if (IP.shell == NULL)
        return;
    HLObject *exc = hl_err_fetch();
    if (IP.result != NULL) {
        HLObject *during = hl_object_getattr_str(IP.result, "error_in_exec");
        hl_err_clear();
        int ok;
        if (IP.failed_early) {
            /* error_before_exec: the hook keeps its exec_result */
            ok = setattr_str(IP.shell, "last_execution_succeeded", HL_False) == 0 &&
                 setattr_str(IP.shell, "last_execution_result", IP.result) == 0;
        } else {
            /* run_ast_nodes' answer: a statement that did not compile
             * failed the cell too */
            HLObject *before = hl_object_getattr_str(IP.result, "error_before_exec");
            hl_err_clear();
            int succeeded = during == HL_None && before == HL_None;
            hl_xdecref(before);
            ok = setattr_str(IP.shell, "last_execution_succeeded", succeeded ? HL_True : HL_False) == 0 &&
                 setattr_str(IP.shell, "last_execution_result", IP.result) == 0 &&
                 setattr_str(IP.displayhook, "exec_result", HL_None) == 0;
        }
        if (!ok)
            hl_err_clear();
        hl_xdecref(during);
        IP.failed_early = 0;
        HL_CLEAR(IP.result);
    }
    if (set_execution_count(IP.execution_count + 1) < 0)
        hl_err_clear();
    hl_err_restore(exc);
    HL_CLEAR(cell->filename);
    hl_raw_free(cell->code);
    cell->code = NULL;
}

/* ---- errors ------------------------------------------------------------------------------ */

/* _get_exc_info: sys.last_type, last_value, last_traceback. */
static void set_sys_last(HLObject *exc)
{
    HLObject *sd = sys_dict();
    HLObject *tb = hl_exception_get_traceback(exc);
    if (sd == NULL || hl_dict_set_item_str(sd, "last_type", (HLObject *)HL_TYPE(exc)) < 0 ||
        hl_dict_set_item_str(sd, "last_value", exc) < 0 ||
        hl_dict_set_item_str(sd, "last_traceback", tb ? tb : HL_None) < 0)
        hl_err_clear();
}

/* The error output (ename, evalue, traceback) of showtraceback. */
static void show(HLObject *exc, int phase)
{
    set_sys_last(exc);
    hl_strbuf *ename = hl_session_out(HL_OUT_ERROR_TYPE), *evalue = hl_session_out(HL_OUT_ERROR_MESSAGE),
              *tb = hl_session_out(HL_OUT_TRACEBACK);
    /* A cell shows one error: a later one replaces it. */
    ename->len = evalue->len = tb->len = 0;
    HLObject *name = hl_exception_type_name(exc);
    if (name)
        hl_str_write_utf8(ename, name);
    if (hl_err_given_exception_matches(exc, hl_exc_SyntaxError)) {
        hl_ipython_syntax_tb(exc, phase == HL_IPY_RUN, tb);
    } else if (phase == HL_IPY_RUN && hl_err_given_exception_matches(exc, hl_exc_SystemExit)) {
        /* exception_only: the message, then "Name: str" */
        hl_sb_puts(tb, "An exception has occurred, use %tb to see the full traceback.\n\n");
        if (name)
            hl_str_write_utf8(tb, name);
        HLObject *msg = hl_object_str(exc);
        if (msg && HL_STR_LEN(msg) > 0) {
            hl_sb_puts(tb, ": ");
            hl_str_write_utf8(tb, msg);
        }
        hl_xdecref(msg);
        hl_sb_putc(tb, '\n');
    } else {
        hl_ipython_verbose_tb(exc, tb);
    }
    hl_err_clear();
    /* evalue last: formatting a SyntaxError may have given it a file name */
    HLObject *s = hl_object_str(exc);
    if (s)
        hl_str_write_utf8(evalue, s);
    hl_xdecref(name);
    hl_xdecref(s);
    hl_err_clear();
}

void hl_ipython_show_error(HLObject *exc, int phase)
{
    HLObject *saved = hl_err_fetch();
    show(exc, phase);
    if (IP.result != NULL &&
        setattr_str(IP.result, phase == HL_IPY_RUN ? "error_in_exec" : "error_before_exec", exc) < 0)
        hl_err_clear();
    if (phase == HL_IPY_PARSE)
        IP.failed_early = 1;
    hl_err_restore(saved);
}

/* ---- the display hook -------------------------------------------------------------------- */

/* DisplayHook.quiet: the last token of the cell (In[-1]) is ';'. */
static int quiet(void)
{
    hl_ssize_t n = HL_SIZE(IP.in_list);
    HLObject *cell = n > 0 ? HL_LIST_GET(IP.in_list, n - 1) : NULL;
    if (cell == NULL || !hl_str_check(cell))
        return 0;
    hl_ssize_t len;
    const char *s = hl_str_as_utf8(cell, &len);
    if (s == NULL) {
        hl_err_clear();
        return 0;
    }
    hl_syntax_error err;
    hl_syntax_error_init(&err);
    hl_tok_state tok;
    int last = -1;
    if (hl_tok_init(&tok, s, (size_t)len, 1, 0, &err) == 0) {
        for (;;) {
            const char *a, *b;
            int t = hl_tok_get(&tok, &a, &b);
            if (t == ENDMARKER || t == ERRORTOKEN)
                break;
            if (t != NEWLINE)
                last = t;
        }
        hl_tok_fini(&tok);
    }
    hl_syntax_error_clear(&err);
    return last == SEMI;
}

/* DisplayHook.update_user_ns */
static int update_user_ns(HLObject *result)
{
    HLObject *oh = hl_dict_get_item_str(IP.ns, "_oh");
    if (oh == NULL) {
        no_output_history();
        return -1;
    }
    if (result == oh)
        return 0;
    static const char *const unders[] = {"_", "__", "___"};
    int update_unders = 1;
    HLObject *mine[3];
    for (int i = 0; i < 3; i++) {
        mine[i] = hl_object_getattr_str(IP.displayhook, unders[i]);
        if (mine[i] == NULL) {
            for (int k = 0; k < i; k++)
                hl_decref(mine[k]);
            return -1;
        }
    }
    for (int i = 0; i < 3; i++) {
        HLObject *v = hl_dict_get_item_str(IP.ns, unders[i]);
        if (v != NULL && v != mine[i])
            update_unders = 0;
    }
    int r = setattr_str(IP.displayhook, "___", mine[1]) == 0 && setattr_str(IP.displayhook, "__", mine[0]) == 0 &&
                    setattr_str(IP.displayhook, "_", result) == 0
                ? 0
                : -1;
    if (r == 0 && update_unders && hl_dict_get_item_str(hl_builtins_dict(), "_") == NULL) {
        HLObject *values[] = {result, mine[0], mine[1]};
        r = push(unders, values, 3);
    }
    for (int i = 0; i < 3; i++)
        hl_decref(mine[i]);
    if (r < 0)
        return -1;
    char name[32];
    hl_snprintf(name, sizeof name, "_%d", IP.execution_count);
    const char *names[] = {name};
    if (push(names, &result, 1) < 0)
        return -1;
    HLObject *key = hl_long_from_long(IP.execution_count);
    oh = hl_dict_get_item_str(IP.ns, "_oh");
    if (oh == NULL) {
        hl_xdecref(key);
        no_output_history();
        return -1;
    }
    hl_incref(oh);
    r = key ? hl_object_set_item(oh, key, result) : -1;
    hl_xdecref(key);
    hl_decref(oh);
    return r;
}

static HLObject *displayhook(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames)
{
    HLObject *value = args[0];
    if (value == HL_None || IP.shell == NULL || quiet())
        return hl_none_new();
    /* compute_format_data: text/plain, or an error shown in its place
     * (catch_format_error; NotImplementedError shows nothing) */
    hl_strbuf text = HL_STRBUF_INIT;
    int have_text = hl_ipython_pretty(value, &text) == 0;
    if (!have_text) {
        if (!hl_err_exception_matches(hl_exc_Exception)) {
            hl_sb_free(&text);
            return NULL; /* KeyboardInterrupt and the like end the cell */
        }
        HLObject *exc = hl_err_fetch();
        if (!hl_err_given_exception_matches(exc, hl_exc_NotImplementedError))
            show(exc, HL_IPY_RUN);
        hl_decref(exc);
    }
    if (update_user_ns(value) < 0) {
        hl_sb_free(&text);
        return NULL;
    }
    /* fill_exec_result */
    HLObject *er = hl_object_getattr_str(IP.displayhook, "exec_result");
    int r = er == NULL ? -1 : er == HL_None ? 0 : setattr_str(er, "result", value);
    hl_xdecref(er);
    if (r == 0 && have_text)
        hl_sb_append(hl_session_out(HL_OUT_DISPLAY), text.s ? text.s : "", text.len);
    hl_sb_free(&text);
    return r < 0 ? NULL : hl_none_new();
}
