/*
 * ipython_tb.c — the error text a notebook shows: IPython 8.5's ultratb
 * (VerboseTB in "Context" mode, ListTB for syntax errors) over the frames
 * as the stack_data library cuts them, without the colours.
 *
 * VerboseTB prints a rule of 75 dashes, then each exception of the chain,
 * the oldest first, separated by "The above exception was the direct
 * cause..." or "During handling of the above exception..." (IPython follows
 * __cause__ when it is true, else __context__ unless suppressed).  Each
 * exception is its header — "Name" and, right-aligned to column 75,
 * "Traceback (most recent call last)" — one block per frame, and
 * "Name: str(value)".  The raised exception gets two pieces of context
 * before and after its frames' lines, the chained ones one.
 *
 * A frame's block is "Cell In [N], line L" (or "File name:L") with
 * ", in qualname(arg, ...)" for a function, then numbered lines, the
 * current one marked "---->".  Which lines is stack_data's business:
 *
 *   - the source is cut into *pieces*: a simple statement is one piece
 *     (all its lines), a compound statement's header lines are one piece
 *     and its bodies are cut in turn; comment lines between statements
 *     form pieces of their own; blank lines at the ends of a piece are
 *     dropped (so blank lines between statements are never shown);
 *   - a frame shows the pieces of its *scope* (the function or class
 *     whose code it runs, or the whole cell): the piece with the current
 *     line, and `before`/`after` pieces around it; a context piece longer
 *     than six lines shows its first three and last two around "(...)";
 *   - the lines are dedented by the indentation they all share, and the
 *     first line of a function's scope has lost its own indentation
 *     already (IPython highlights the scope's text from its first token),
 *     which is then removed again where it first occurs (as IPython's
 *     str.replace of the indentation does);
 *   - runs of frames whose (code, line) occurs more than three times in a
 *     row are collapsed to "[... skipping similar frames: f at line L
 *     (N times)]", except for the first two and the last of each.
 *
 * The qualified name is the code's __qualname__, except for comprehensions
 * and generator expressions, which stack_data names by co_name; the
 * arguments are the code's argument names, or "***failed resolving
 * arguments***" when one of them was deleted.
 *
 * ListTB (SyntaxError): "  Cell In [N], line L" (or "  File name:L"), the
 * offending line stripped, a caret under the offset (counting from the
 * line's first non-blank character, copying tabs), "Name: msg".  A
 * SyntaxError raised while the cell runs (compile(), eval()) also gets a
 * plain "Traceback (most recent call last):" with one "  Cell In ..." line
 * per frame.
 *
 * IPython's own frames (run_code's exec, the display formatter) do not
 * exist here, so they are not shown.
 */
#include "ipython.h"

#include <string.h>

#include "../objects/codeobject.h"
#include "../objects/dictobject.h"
#include "../objects/exceptions.h"
#include "../objects/frameobject.h"
#include "../objects/longobject.h"
#include "../objects/strobject.h"
#include "../objects/traceback.h"
#include "../objects/tupleobject.h"
#include "../objects/unicodectype.h"
#include "../runtime/errors.h"
#include "../runtime/strbuf.h"
#include "../runtime/sysmem.h"
#include "parser.h"
#include "sources.h"
#include "tokenizer.h"

#define RULE_WIDTH 75
#define NUMBERS_WIDTH 7      /* INDENT_SIZE - 1 */
#define MAX_LINES_PER_PIECE 6

/* ---- a cell's source: its lines, its tree, its pieces ---------------------------- */

typedef struct {
    int start, end; /* lines [start, end) */
} piece;

typedef struct {
    const char *text;
    int nlines;
    const char **line; /* line i (1-based) starts at line[i - 1] */
    size_t *len;       /* without its newline */
    hl_arena *arena;
    mod_ty tree;       /* NULL if it does not parse */
    piece *pieces;
    int npieces, cap;
} source;

static int add_piece(source *s, int start, int end)
{
    if (s->npieces == s->cap) {
        int cap = s->cap ? s->cap * 2 : 32;
        piece *p = hl_raw_realloc(s->pieces, (size_t)cap * sizeof *p);
        if (p == NULL)
            return -1;
        s->pieces = p;
        s->cap = cap;
    }
    s->pieces[s->npieces++] = (piece){start, end};
    return 0;
}

static int stmt_first_line(stmt_ty st)
{
    asdl_expr_seq *decorators = NULL;
    if (st->kind == FunctionDef_kind || st->kind == AsyncFunctionDef_kind)
        decorators = st->v.FunctionDef.decorator_list;
    else if (st->kind == ClassDef_kind)
        decorators = st->v.ClassDef.decorator_list;
    if (asdl_seq_LEN(decorators) > 0)
        return ((expr_ty)asdl_seq_GET(decorators, 0))->lineno;
    return st->lineno;
}

/* The statement lists of a node, in the order of its fields (at most four:
 * Try's body, handlers, orelse, finalbody).  kind 0 is the module. */
typedef struct {
    asdl_seq *lists[4];
    int is_handlers[4];
    int n;
} child_lists;

static void children_of(stmt_ty st, child_lists *c)
{
    c->n = 0;
#define ADD(L, H) (c->lists[c->n] = (asdl_seq *)(L), c->is_handlers[c->n++] = (H))
    switch (st->kind) {
    case FunctionDef_kind:
    case AsyncFunctionDef_kind:
        ADD(st->v.FunctionDef.body, 0);
        break;
    case ClassDef_kind:
        ADD(st->v.ClassDef.body, 0);
        break;
    case For_kind:
    case AsyncFor_kind:
        ADD(st->v.For.body, 0);
        ADD(st->v.For.orelse, 0);
        break;
    case While_kind:
        ADD(st->v.While.body, 0);
        ADD(st->v.While.orelse, 0);
        break;
    case If_kind:
        ADD(st->v.If.body, 0);
        ADD(st->v.If.orelse, 0);
        break;
    case With_kind:
    case AsyncWith_kind:
        ADD(st->v.With.body, 0);
        break;
    case Try_kind:
    case TryStar_kind:
        ADD(st->v.Try.body, 0);
        ADD(st->v.Try.handlers, 1);
        ADD(st->v.Try.orelse, 0);
        ADD(st->v.Try.finalbody, 0);
        break;
    default:
        break;
    }
#undef ADD
}

/* Source._raw_split_into_pieces over the statement lists `c`, for a node
 * spanning [start, end). */
static int split_lists(source *s, child_lists *c, int start, int end, int depth);

static int split_node(source *s, void *node, int is_handler, int start, int end, int depth)
{
    child_lists c;
    if (is_handler) {
        c.n = 1;
        c.lists[0] = ((excepthandler_ty)node)->v.ExceptHandler.body;
        c.is_handlers[0] = 0;
    } else {
        children_of((stmt_ty)node, &c);
    }
    return split_lists(s, &c, start, end, depth);
}

static int split_lists(source *s, child_lists *c, int start, int end, int depth)
{
    if (depth > 200)
        return -1;
    for (int f = 0; f < c->n; f++) {
        asdl_seq *list = c->lists[f];
        int prev_start = -1, prev_end = -1;
        for (hl_ssize_t i = 0; i < asdl_seq_LEN(list); i++) {
            void *node = asdl_seq_GET(list, i);
            int rs, re;
            if (c->is_handlers[f]) {
                excepthandler_ty h = node;
                rs = h->lineno;
                re = h->end_lineno + 1;
            } else {
                stmt_ty st = node;
                rs = stmt_first_line(st);
                re = st->end_lineno + 1;
            }
            /* group_by_key_func(body, line_range): statements sharing a
             * line range (a; b) are one group, cut as its first. */
            if (rs == prev_start && re == prev_end)
                continue;
            prev_start = rs;
            prev_end = re;
            int first = s->npieces;
            if (split_node(s, node, c->is_handlers[f], rs, re, depth + 1) < 0)
                return -1;
            /* Interleave the gaps as the generator does. */
            int n = s->npieces - first;
            piece *inner = hl_raw_malloc((size_t)(n ? n : 1) * sizeof *inner);
            if (inner == NULL)
                return -1;
            memcpy(inner, s->pieces + first, (size_t)n * sizeof *inner);
            s->npieces = first;
            for (int k = 0; k < n; k++) {
                if (start < inner[k].start && add_piece(s, start, inner[k].start) < 0)
                    break;
                if (inner[k].start < inner[k].end && add_piece(s, inner[k].start, inner[k].end) < 0)
                    break;
                start = inner[k].end;
            }
            hl_raw_free(inner);
        }
    }
    return add_piece(s, start, end);
}

static int is_blank(source *s, int lineno)
{
    if (lineno < 1 || lineno > s->nlines)
        return 0;
    const char *p = s->line[lineno - 1];
    for (size_t i = 0; i < s->len[lineno - 1]; i++)
        if (!(p[i] == ' ' || p[i] == '\t' || p[i] == '\f' || p[i] == '\v' || p[i] == '\r'))
            return 0;
    return 1;
}

/* Source.pieces (_clean_pieces): empty pieces dropped, blank lines taken
 * off both ends. */
static void clean_pieces(source *s)
{
    int n = 0;
    for (int i = 0; i < s->npieces; i++) {
        int start = s->pieces[i].start, end = s->pieces[i].end;
        if (end <= start)
            continue;
        while (is_blank(s, start))
            start++;
        while (is_blank(s, end - 1))
            end--;
        if (start < end)
            s->pieces[n++] = (piece){start, end};
    }
    s->npieces = n;
}

static void source_free(source *s)
{
    hl_raw_free(s->line);
    hl_raw_free(s->len);
    hl_raw_free(s->pieces);
    if (s->arena)
        hl_arena_free(s->arena);
    memset(s, 0, sizeof *s);
}

/* Splits text into lines (str.splitlines on a cell's \n-separated text),
 * parses it and cuts it into pieces; 0, or -1 if out of memory. */
static int source_load(source *s, const char *text, size_t len)
{
    memset(s, 0, sizeof *s);
    s->text = text;
    int n = 0;
    for (size_t i = 0; i < len; i++)
        n += text[i] == '\n';
    if (len > 0 && text[len - 1] != '\n')
        n++;
    s->line = hl_raw_malloc((size_t)(n ? n : 1) * sizeof *s->line);
    s->len = hl_raw_malloc((size_t)(n ? n : 1) * sizeof *s->len);
    if (s->line == NULL || s->len == NULL)
        return -1;
    const char *p = text, *end = text + len;
    for (int i = 0; i < n; i++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (l > 0 && p[l - 1] == '\r')
            l--;
        s->line[i] = p;
        s->len[i] = l;
        p = nl ? nl + 1 : end;
    }
    s->nlines = n;
    s->arena = hl_arena_new();
    if (s->arena == NULL)
        return -1;
    hl_syntax_error err;
    hl_syntax_error_init(&err);
    s->tree = hl_parse(text, len, HL_MODE_EXEC, 0, "<cell>", s->arena, &err);
    hl_syntax_error_clear(&err);
    if (s->tree == NULL || s->tree->kind != Module_kind) {
        /* Not Python: one piece per line, and no scopes. */
        s->tree = NULL;
        for (int i = 1; i <= n; i++)
            if (add_piece(s, i, i + 1) < 0)
                return -1;
        return 0;
    }
    child_lists c = {{s->tree->v.Module.body}, {0}, 1};
    if (split_lists(s, &c, 1, n + 1, 0) < 0)
        return -1;
    clean_pieces(s);
    return 0;
}

/* ---- the scope of a frame --------------------------------------------------------- */

typedef struct {
    int found;      /* a statement holds the line */
    int is_module;  /* the scope is the whole cell */
    int start, end; /* else its lines [start, end) */
} scope;

/* The innermost statement whose lines hold lineno, and the function or
 * class around it (FrameInfo.scope: the statement's own def does not
 * count, so a frame running a def or class statement is in the scope
 * outside it). */
static void find_scope(asdl_seq *body, int is_handlers, int lineno, scope *enclosing, scope *out)
{
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(body); i++) {
        void *node = asdl_seq_GET(body, i);
        int start, end;
        child_lists c;
        if (is_handlers) {
            excepthandler_ty h = node;
            start = h->lineno;
            end = h->end_lineno + 1;
            c.n = 1;
            c.lists[0] = h->v.ExceptHandler.body;
            c.is_handlers[0] = 0;
        } else {
            stmt_ty st = node;
            start = stmt_first_line(st);
            end = st->end_lineno + 1;
            children_of(st, &c);
        }
        if (lineno < start || lineno >= end)
            continue;
        if (!is_handlers) {
            /* The statement holds the line: its scope is `enclosing`
             * unless a statement inside it holds the line too. */
            *out = *enclosing;
            out->found = 1;
        }
        scope inner = *enclosing;
        stmt_ty st = node;
        if (!is_handlers && (st->kind == FunctionDef_kind || st->kind == AsyncFunctionDef_kind ||
                             st->kind == ClassDef_kind)) {
            inner.is_module = 0;
            inner.start = start;
            inner.end = end;
        }
        for (int f = 0; f < c.n; f++)
            find_scope(c.lists[f], c.is_handlers[f], lineno, &inner, out);
        return;
    }
}

/* ---- one frame -------------------------------------------------------------------- */

static int is_comprehension_name(HLObject *name)
{
    return hl_str_eq_cstr(name, "<listcomp>") || hl_str_eq_cstr(name, "<setcomp>") ||
           hl_str_eq_cstr(name, "<dictcomp>") || hl_str_eq_cstr(name, "<genexpr>");
}

/* executing's code_qualname */
static void write_qualname(hl_strbuf *out, HLCodeObject *co)
{
    hl_str_write_utf8(out, is_comprehension_name(co->co_name) ? co->co_name : co->co_qualname);
}

/* "Cell In [N], line L" / "File name:L" (_format_filename). */
static void write_link(hl_strbuf *out, HLObject *filename, int lineno)
{
    int count = hl_ipython_cell_lookup(filename, NULL, NULL);
    if (count > 0) {
        hl_sb_printf(out, "Cell In [%d]", count);
        if (lineno >= 0)
            hl_sb_printf(out, ", line %d", lineno);
    } else {
        hl_sb_puts(out, "File ");
        hl_str_write_utf8(out, filename);
        if (lineno >= 0)
            hl_sb_printf(out, ":%d", lineno);
    }
}

/* "(a, b, *args, **kw)" from the frame's arguments (inspect.formatargvalues
 * with values left out); 0 if one of them is no longer a local. */
static int write_arguments(hl_strbuf *out, hl_frame *f)
{
    HLCodeObject *co = f->f_code;
    HLObject *locals = hl_frame_locals(f);
    if (locals == NULL) {
        hl_err_clear();
        return 0;
    }
    int nargs = co->co_argcount + co->co_kwonlyargcount;
    int nall = nargs + !!(co->co_flags & CO_VARARGS) + !!(co->co_flags & CO_VARKEYWORDS);
    int ok = 1;
    for (int i = 0; i < nall && ok; i++)
        ok = hl_dict_check(locals) && hl_dict_get_item(locals, HL_TUPLE_GET(co->co_localsplusnames, i)) != NULL;
    if (ok) {
        hl_sb_putc(out, '(');
        for (int i = 0; i < nall; i++) {
            if (i)
                hl_sb_puts(out, ", ");
            if (i == nargs && (co->co_flags & CO_VARARGS))
                hl_sb_putc(out, '*');
            else if (i >= nargs)
                hl_sb_puts(out, "**");
            hl_str_write_utf8(out, HL_TUPLE_GET(co->co_localsplusnames, i));
        }
        hl_sb_putc(out, ')');
    }
    hl_decref(locals);
    return ok;
}

/* textwrap.dedent's margin over the lines shown: how many characters the
 * first one loses. */
static size_t leading_indent(source *s, const int *lines, int n)
{
    const char *margin = NULL;
    size_t mlen = 0;
    for (int k = 0; k < n; k++) {
        const char *p = s->line[lines[k] - 1];
        size_t l = s->len[lines[k] - 1], w = 0;
        while (w < l && (p[w] == ' ' || p[w] == '\t'))
            w++;
        if (w == l)
            continue; /* blank: no say in the margin */
        if (margin == NULL) {
            margin = p;
            mlen = w;
        } else {
            size_t i = 0;
            while (i < mlen && i < w && margin[i] == p[i])
                i++;
            mlen = i;
        }
    }
    const char *first = s->line[lines[0] - 1];
    size_t flen = s->len[lines[0] - 1], w = 0;
    while (w < flen && (first[w] == ' ' || first[w] == '\t'))
        w++;
    return w == flen ? flen : mlen; /* a blank first line dedents to '' */
}

/* Appends one line of a frame: number (or arrow) and text. */
static void write_line(hl_strbuf *out, source *s, int lineno, int current, size_t indent, int cut)
{
    char num[16];
    int digits = hl_snprintf(num, sizeof num, "%d", lineno);
    if (current) {
        int pad = NUMBERS_WIDTH - digits;
        if (pad >= 2) {
            for (int i = 0; i < pad - 2; i++)
                hl_sb_putc(out, '-');
            hl_sb_puts(out, "> ");
        } else if (pad == 1) {
            hl_sb_putc(out, '>');
        }
        hl_sb_puts(out, num);
    } else {
        hl_sb_printf(out, "%*d", NUMBERS_WIDTH, lineno);
    }
    hl_sb_putc(out, ' ');
    const char *raw = s->line[lineno - 1];
    size_t rlen = s->len[lineno - 1];
    const char *p = raw + cut;
    size_t l = rlen - (size_t)cut;
    /* result.replace(text[:leading_indent], "", 1) */
    size_t plen = indent < rlen ? indent : rlen;
    const char *hit = NULL;
    if (plen > 0)
        for (size_t i = 0; i + plen <= l; i++)
            if (memcmp(p + i, raw, plen) == 0) {
                hit = p + i;
                break;
            }
    if (hit) {
        hl_sb_append(out, p, (size_t)(hit - p));
        hl_sb_append(out, hit + plen, l - (size_t)(hit - p) - plen);
    } else {
        hl_sb_append(out, p, l);
    }
    hl_sb_putc(out, '\n');
}

/* The lines of a frame in a cell (FrameInfo.lines, rendered). */
static void write_frame_lines(hl_strbuf *out, source *s, int lineno, int before, int after)
{
    scope sc = {0, 1, 1, s->nlines + 1}, found = {0};
    if (s->tree != NULL)
        find_scope(s->tree->v.Module.body, 0, lineno, &sc, &found);
    if (!found.found)
        found = (scope){0, 1, 1, s->nlines + 1};
    /* scope_pieces, executing_piece, included_pieces */
    int first = -1, last = -1, pos = -1;
    for (int i = 0; i < s->npieces; i++) {
        piece p = s->pieces[i];
        if (!found.is_module && !(found.start <= p.start && p.end <= found.end))
            continue;
        if (first < 0)
            first = i;
        last = i;
        if (p.start <= lineno && lineno < p.end)
            pos = i;
    }
    if (pos < 0)
        return;
    /* Scope pieces are contiguous in the source's list. */
    int from = pos - before < first ? first : pos - before;
    int to = pos + after > last ? last : pos + after;
    int total = 0;
    for (int i = from; i <= to; i++)
        total += s->pieces[i].end - s->pieces[i].start;
    int *lines = hl_raw_malloc((size_t)(total ? total : 1) * sizeof *lines); /* 0 = LINE_GAP */
    if (lines == NULL)
        return;
    int n = 0;
    for (int i = from; i <= to; i++) {
        piece p = s->pieces[i];
        int len = p.end - p.start;
        if (i != pos && len > MAX_LINES_PER_PIECE) {
            int right = (MAX_LINES_PER_PIECE - 1) / 2, left = MAX_LINES_PER_PIECE - 1 - right;
            for (int k = 0; k < left; k++)
                lines[n++] = p.start + k;
            lines[n++] = 0;
            for (int k = right; k > 0; k--)
                lines[n++] = p.end - k;
        } else {
            for (int k = p.start; k < p.end; k++)
                lines[n++] = k;
        }
    }
    int *real = hl_raw_malloc((size_t)(n ? n : 1) * sizeof *real), nreal = 0;
    if (real == NULL) {
        hl_raw_free(lines);
        return;
    }
    for (int k = 0; k < n; k++)
        if (lines[k])
            real[nreal++] = lines[k];
    size_t indent = nreal ? leading_indent(s, real, nreal) : 0;
    /* The first line of a function's or class's scope, highlighted from
     * its first token, has lost its indentation. */
    int cut_line = -1, cut = 0;
    if (!found.is_module) {
        cut_line = found.start;
        const char *p = s->line[cut_line - 1];
        while ((size_t)cut < s->len[cut_line - 1] && (p[cut] == ' ' || p[cut] == '\t' || p[cut] == '\f'))
            cut++;
    }
    for (int k = 0; k < n; k++) {
        if (lines[k] == 0)
            hl_sb_puts(out, "   (...)\n");
        else
            write_line(out, s, lines[k], lines[k] == lineno, indent, lines[k] == cut_line ? cut : 0);
    }
    hl_raw_free(real);
    hl_raw_free(lines);
}

/* format_record for one frame. */
static void format_frame(hl_strbuf *out, HLTracebackObject *tb, int before, int after)
{
    hl_frame *f = ((HLFrameObject *)tb->tb_frame)->f_frame;
    HLCodeObject *co = f->f_code;
    write_link(out, co->co_filename, tb->tb_lineno);
    if (!hl_str_eq_cstr(co->co_name, "<module>")) {
        hl_sb_puts(out, ", in ");
        write_qualname(out, co);
        if (!write_arguments(out, f))
            hl_sb_puts(out, "(***failed resolving arguments***)");
    }
    hl_sb_putc(out, '\n');
    const char *text;
    size_t len;
    if (hl_ipython_cell_lookup(co->co_filename, &text, &len) > 0) {
        source s;
        if (source_load(&s, text, len) == 0)
            write_frame_lines(out, &s, tb->tb_lineno, before, after);
        source_free(&s);
    }
}

/* ---- the frames of a traceback ---------------------------------------------------- */

typedef struct {
    HLTracebackObject *tb;
    void *code;
    int lineno;
    int highlighted;
} entry;

/* __tracebackhide__ in the frame's locals (true). */
static int frame_hidden(HLTracebackObject *tb)
{
    HLObject *locals = hl_frame_locals(((HLFrameObject *)tb->tb_frame)->f_frame);
    if (locals == NULL) {
        hl_err_clear();
        return 0;
    }
    HLObject *v = hl_dict_check(locals) ? hl_dict_get_item_str(locals, "__tracebackhide__") : NULL;
    int hidden = v != NULL && hl_object_is_true(v) > 0;
    hl_err_clear();
    hl_decref(locals);
    return hidden;
}

/* stack_data's highlight_unique + collapse_repeated, then format_record for
 * each record; the blocks are appended each followed by the "\n" that
 * joins them. */
static void format_frames(hl_strbuf *out, HLObject *tbo, int before, int after)
{
    int n = 0;
    for (HLTracebackObject *tb = (HLTracebackObject *)tbo; tb; tb = tb->tb_next)
        n += tb->tb_frame != NULL && hl_frame_check(tb->tb_frame);
    if (n == 0)
        return;
    entry *e = hl_raw_malloc((size_t)n * sizeof *e);
    int *count = hl_raw_malloc((size_t)n * sizeof *count);
    if (e == NULL || count == NULL) {
        hl_raw_free(e);
        hl_raw_free(count);
        return;
    }
    int k = 0;
    for (HLTracebackObject *tb = (HLTracebackObject *)tbo; tb; tb = tb->tb_next)
        if (tb->tb_frame != NULL && hl_frame_check(tb->tb_frame))
            e[k++] = (entry){tb, ((HLFrameObject *)tb->tb_frame)->f_frame->f_code, tb->tb_lineno, 1};
    for (int i = 0; i < n; i++) {
        count[i] = 0;
        for (int j = 0; j < n; j++)
            count[i] += e[j].code == e[i].code && e[j].lineno == e[i].lineno;
    }
    /* In each run of "common" entries (key seen more than 3 times), only
     * the first two and the last occurrence of each key stay. */
    for (int i = 0; i < n;) {
        int j = i;
        while (j < n && (count[j] > 3) == (count[i] > 3))
            j++;
        if (count[i] > 3) {
            for (int a = i; a < j; a++)
                e[a].highlighted = 0;
            for (int a = i; a < j; a++) {
                int seen_before = 0;
                for (int b = i; b < a; b++)
                    seen_before |= e[b].code == e[a].code && e[b].lineno == e[a].lineno;
                if (seen_before)
                    continue;
                int occ = 0, lastocc = a;
                for (int b = a; b < j; b++)
                    if (e[b].code == e[a].code && e[b].lineno == e[a].lineno) {
                        if (occ++ < 2)
                            e[b].highlighted = 1;
                        lastocc = b;
                    }
                e[lastocc].highlighted = 1;
            }
        }
        i = j;
    }
    /* Records: a frame, or a run of hidden-by-repetition frames. */
    int nrec = 0;
    for (int i = 0; i < n; i++)
        if (e[i].highlighted || i == 0 || e[i - 1].highlighted)
            nrec++;
    int rec = 0, skipped = 0;
    for (int i = 0; i < n;) {
        int last_record = rec == nrec - 1;
        if (e[i].highlighted) {
            if (!last_record && frame_hidden(e[i].tb)) {
                skipped++;
                i++;
                rec++;
                continue;
            }
            if (skipped) {
                hl_sb_printf(out, "    [... skipping hidden %d frame]\n\n", skipped);
                skipped = 0;
            }
            format_frame(out, e[i].tb, before, after);
            hl_sb_putc(out, '\n');
            i++;
            rec++;
            continue;
        }
        int j = i;
        while (j < n && !e[j].highlighted)
            j++;
        if (skipped) {
            hl_sb_printf(out, "    [... skipping hidden %d frame]\n\n", skipped);
            skipped = 0;
        }
        /* RepeatedFrames.description: by count (descending), then name. */
        hl_sb_puts(out, "    [... skipping similar frames: ");
        int printed = 0;
        for (;;) {
            int best = -1, bestcount = 0;
            for (int a = i; a < j; a++) {
                int dup = 0, c = 0;
                for (int b = i; b < a; b++)
                    dup |= e[b].code == e[a].code && e[b].lineno == e[a].lineno;
                if (dup || e[a].code == NULL)
                    continue;
                for (int b = i; b < j; b++)
                    c += e[b].code == e[a].code && e[b].lineno == e[a].lineno;
                HLCodeObject *ca = e[a].code;
                if (best < 0 || c > bestcount ||
                    (c == bestcount &&
                     hl_str_compare(ca->co_name, ((HLCodeObject *)e[best].code)->co_name) < 0)) {
                    best = a;
                    bestcount = c;
                }
            }
            if (best < 0)
                break;
            if (printed++)
                hl_sb_puts(out, ", ");
            write_qualname(out, e[best].code);
            hl_sb_printf(out, " at line %d (%d times)", e[best].lineno, bestcount);
            void *code = e[best].code;
            int line = e[best].lineno;
            for (int b = i; b < j; b++)
                if (e[b].code == code && e[b].lineno == line)
                    e[b].code = NULL; /* counted */
        }
        hl_sb_puts(out, "]\n\n");
        i = j;
        rec++;
    }
    if (skipped)
        hl_sb_printf(out, "    [... skipping hidden %d frame]\n\n", skipped);
    hl_raw_free(e);
    hl_raw_free(count);
}

/* ---- VerboseTB -------------------------------------------------------------------- */

static HLObject *chained(HLObject *exc, int *is_cause)
{
    HLBaseExceptionObject *e = HL_EXC(exc);
    if (e->cause != NULL && e->cause != HL_None) {
        int t = hl_object_is_true(e->cause);
        if (t < 0)
            hl_err_clear();
        if (t > 0) {
            *is_cause = 1;
            return e->cause;
        }
    }
    *is_cause = 0;
    if (e->suppress_context)
        return NULL;
    return e->context != NULL && e->context != HL_None ? e->context : NULL;
}

/* format_exception_as_a_whole: header, frames, "Name: value". */
static void format_one(hl_strbuf *out, HLObject *exc, int context)
{
    HLObject *name = hl_exception_type_name(exc);
    hl_ssize_t n = 0;
    const char *s = name ? hl_str_as_utf8(name, &n) : "?";
    hl_sb_puts(out, s ? s : "?");
    for (hl_ssize_t i = (hl_ssize_t)strlen("Traceback (most recent call last)") + n; i < RULE_WIDTH; i++)
        hl_sb_putc(out, ' ');
    hl_sb_puts(out, "Traceback (most recent call last)\n");
    int c = context - 1, after = c / 2, before = c - after;
    HLObject *tb = hl_exception_get_traceback(exc);
    if (tb != NULL && tb != HL_None)
        format_frames(out, tb, before, after);
    hl_sb_puts(out, s ? s : "?");
    hl_sb_puts(out, ": ");
    HLObject *str = hl_object_str(exc);
    if (str != NULL)
        hl_str_write_utf8(out, str);
    else
        hl_err_clear();
    hl_xdecref(str);
    hl_xdecref(name);
}

static const char direct_cause[] =
    "\nThe above exception was the direct cause of the following exception:\n";
static const char during_handling[] =
    "\nDuring handling of the above exception, another exception occurred:\n";

void hl_ipython_verbose_tb(HLObject *exc, hl_strbuf *out)
{
    /* The chain as VerboseTB.structured_traceback walks it: the first link
     * unchecked, later ones until an exception comes back. */
    HLObject *chain[64];
    const char *links[64];
    int n = 0, is_cause;
    chain[n++] = exc;
    HLObject *next = chained(exc, &is_cause);
    while (next != NULL && n < 64) {
        links[n - 1] = is_cause ? direct_cause : during_handling;
        chain[n++] = next;
        HLObject *cur = next;
        next = chained(cur, &is_cause);
        for (int i = 1; next && i < n; i++)
            if (chain[i] == next)
                next = NULL;
    }
    for (int i = 0; i < 75; i++)
        hl_sb_putc(out, '-');
    hl_sb_putc(out, '\n');
    for (int i = n - 1; i >= 0; i--) {
        format_one(out, chain[i], i == 0 ? 5 : 3);
        if (i > 0) {
            hl_sb_putc(out, '\n');
            hl_sb_puts(out, links[i - 1]);
            hl_sb_putc(out, '\n');
        }
    }
}

/* ---- ListTB (syntax errors) ------------------------------------------------------- */

static HLObject *getattr_or_null(HLObject *o, const char *name)
{
    HLObject *v = hl_object_getattr_str(o, name);
    if (v == NULL)
        hl_err_clear();
    return v;
}

/* _format_exception_only for a SyntaxError (whose missing filename IPython
 * sets to "<string>"). */
static void syntax_error_only(hl_strbuf *out, HLObject *exc)
{
    HLObject *filename = getattr_or_null(exc, "filename");
    if (filename == NULL || hl_object_is_true(filename) <= 0) {
        hl_err_clear();
        HL_XSETREF(filename, hl_str_from_cstr("<string>"));
        HLObject *attr = hl_str_intern_from_cstr("filename");
        if (filename && attr && hl_object_setattr(exc, attr, filename) < 0)
            hl_err_clear();
        hl_xdecref(attr);
    }
    HLObject *lineno = getattr_or_null(exc, "lineno");
    HLObject *textline = NULL;
    hl_sb_puts(out, "  ");
    if (lineno != NULL && hl_object_is_true(lineno) > 0 && hl_long_check(lineno)) {
        long l = hl_long_as_long(lineno);
        write_link(out, filename, (int)l);
        /* linecache.getline: a cell's line, with its newline */
        if (filename && hl_str_check(filename) && hl_ipython_cell_lookup(filename, NULL, NULL) > 0 &&
            (textline = hl_source_line_object(filename, (int)l)) == NULL)
            hl_err_clear();
    } else {
        hl_err_clear();
        write_link(out, filename, -1);
    }
    hl_sb_putc(out, '\n');
    if (textline == NULL) {
        textline = getattr_or_null(exc, "text");
        if (textline != NULL && !hl_str_check(textline))
            HL_CLEAR(textline);
    }
    if (textline != NULL) {
        hl_ssize_t n = HL_STR_LEN(textline), i = 0;
        while (i < n && hl_unicode_isspace(hl_str_read_char(textline, i)))
            i++;
        hl_ssize_t e = n;
        while (e > i && hl_unicode_isspace(hl_str_read_char(textline, e - 1)))
            e--;
        HLObject *stripped = hl_str_substring(textline, i, e);
        hl_sb_puts(out, "    ");
        if (stripped)
            hl_str_write_utf8(out, stripped);
        hl_xdecref(stripped);
        hl_sb_putc(out, '\n');
        HLObject *offset = getattr_or_null(exc, "offset");
        if (offset != NULL && offset != HL_None && hl_long_check(offset)) {
            long off = hl_long_as_long(offset);
            hl_sb_puts(out, "    ");
            /* textline[i:offset - 1], whitespace copied, the rest blanked */
            hl_ssize_t stop = off - 1;
            if (stop < 0)
                stop += n;
            if (stop > n)
                stop = n;
            for (hl_ssize_t k = i; k < stop; k++) {
                uint32_t ch = hl_str_read_char(textline, k);
                if (hl_unicode_isspace(ch)) {
                    char buf[8];
                    hl_utf8_encode(ch, buf);
                    hl_sb_puts(out, buf);
                } else {
                    hl_sb_putc(out, ' ');
                }
            }
            hl_sb_puts(out, "^\n");
        }
        hl_xdecref(offset);
    }
    HLObject *name = hl_exception_type_name(exc);
    if (name)
        hl_str_write_utf8(out, name);
    HLObject *msg = getattr_or_null(exc, "msg");
    HLObject *smsg = msg ? hl_object_str(msg) : hl_object_str(exc);
    if (smsg == NULL)
        hl_err_clear();
    if (smsg != NULL && HL_STR_LEN(smsg) > 0) {
        hl_sb_puts(out, ": ");
        hl_str_write_utf8(out, smsg);
    }
    hl_sb_putc(out, '\n');
    hl_xdecref(smsg);
    hl_xdecref(msg);
    hl_xdecref(name);
    hl_xdecref(textline);
    hl_xdecref(lineno);
    hl_xdecref(filename);
}

void hl_ipython_syntax_tb(HLObject *exc, int with_traceback, hl_strbuf *out)
{
    HLObject *tb = with_traceback ? hl_exception_get_traceback(exc) : NULL;
    if (tb != NULL && tb != HL_None) {
        hl_sb_puts(out, "Traceback (most recent call last):\n");
        for (HLTracebackObject *t = (HLTracebackObject *)tb; t; t = t->tb_next) {
            if (t->tb_frame == NULL || !hl_frame_check(t->tb_frame))
                continue;
            HLCodeObject *co = ((HLFrameObject *)t->tb_frame)->f_frame->f_code;
            hl_sb_puts(out, "\n  ");
            write_link(out, co->co_filename, t->tb_lineno);
            if (!hl_str_eq_cstr(co->co_name, "<module>")) {
                hl_sb_puts(out, " in ");
                hl_str_write_utf8(out, co->co_name);
            }
            hl_sb_putc(out, '\n');
            /* FrameSummary.line: a cell's line, stripped */
            hl_strbuf line = HL_STRBUF_INIT;
            if (hl_ipython_cell_lookup(co->co_filename, NULL, NULL) > 0 &&
                hl_source_line(co->co_filename, t->tb_lineno, &line)) {
                const char *p = hl_sb_cstr(&line), *e = p + line.len;
                while (p < e && (*p == ' ' || *p == '\t' || *p == '\f'))
                    p++;
                while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
                    e--;
                if (e > p) {
                    hl_sb_puts(out, "    ");
                    hl_sb_append(out, p, (size_t)(e - p));
                    hl_sb_putc(out, '\n');
                }
            }
            hl_sb_free(&line);
        }
        hl_sb_putc(out, '\n');
    }
    syntax_error_only(out, exc);
}
