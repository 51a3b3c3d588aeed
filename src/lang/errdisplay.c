/*
 * errdisplay.c — how an uncaught exception is printed, as CPython 3.11
 * prints it for a script (Python/pythonrun.c's PyErr_Display, with
 * Python/suggestions.c and the anchors of Python/traceback.c).
 *
 * print_exception_recursive: an exception is printed after the exception
 * it was chained to.  CPython recurses; the recursion is a straight line
 * (each exception leads to at most one other), so here it is a walk that
 * collects the chain, then prints it from the far end:
 *
 *   - every exception met goes into `seen` (by identity), which is what
 *     stops cycles;
 *   - __cause__, if set, is the link ("The above exception was the direct
 *     cause of the following exception:") unless already seen — then the
 *     chain stops there, and __context__ is not looked at;
 *   - otherwise, unless __suppress_context__, __context__ is the link
 *     ("During handling of the above exception, another exception
 *     occurred:");
 *   - CPython's recursion guard fails for chains longer than 998
 *     exceptions (measured on 3.11.7); then it prints nothing but a dump of
 *     the exception and "lost sys.stderr", and so do we.
 *
 * print_exception, for one exception:
 *   1. its traceback (traceback.c), cut to sys.tracebacklimit;
 *   2. print_exception_file_and_line: for an object with an attribute
 *      print_file_and_line (every SyntaxError) whose msg, filename, lineno,
 *      offset and text can be read (parse_syntax_error), the
 *      `  File "f", line N` line, the offending text and a caret line
 *      (print_error_text); the exception is then replaced by its msg for
 *      the rest of the steps;
 *   3. print_exception_message: the type's __module__ and a dot unless it
 *      is builtins or __main__, its __qualname__, then ": " and str(value)
 *      unless that is empty (": <exception str() failed>" if str raises);
 *   4. print_exception_suggestions: for an exact NameError or
 *      AttributeError, ". Did you mean: 'x'?" when a name close enough
 *      exists (offer_suggestions: the frame's local variable names, then
 *      its globals, then builtins; or dir(obj));
 *   5. a newline, then print_exception_notes: each note's str() and a
 *      newline ("<note str() failed>" if str raises); a __notes__ that is
 *      not a sequence is printed as its repr, without newline.
 *
 * The caret rules of print_error_text for SyntaxError: offsets count
 * characters but the text is walked as UTF-8 bytes, the text is stripped
 * of leading blanks, the caret count is end_offset - offset (at least 1;
 * end_offset is ignored for subclasses of SyntaxError, clipped to the
 * text's length + 1, and taken as the line's end when the error spans
 * lines), and an offset left of the stripped text prints no caret line.
 *
 * Output goes to a strbuf as sys.stderr would write it (UTF-8,
 * backslashreplace).  Printing never fails: errors met on the way are
 * cleared, as CPython clears them.
 */
#include "errdisplay.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "../modules/modules.h"
#include "../objects/abstract.h"
#include "../objects/dictobject.h"
#include "../objects/exceptions.h"
#include "../objects/listobject.h"
#include "../objects/longobject.h"
#include "../objects/moduleobject.h"
#include "../objects/strobject.h"
#include "../objects/traceback.h"
#include "../objects/tupleobject.h"
#include "../objects/typeobject.h"
#include "../runtime/errors.h"
#include "../runtime/strbuf.h"
#include "../runtime/sysmem.h"
#include "parser.h"
#include "tokenizer.h"

#define CHAIN_DEPTH_LIMIT 998

static const char cause_message[] =
    "\nThe above exception was the direct cause of the following exception:\n\n";
static const char context_message[] =
    "\nDuring handling of the above exception, another exception occurred:\n\n";

/* ---- small helpers -------------------------------------------------------- */

/* PyFile_WriteObject(o, stderr, Py_PRINT_RAW): str(o), written. */
static int write_str_of(hl_strbuf *out, HLObject *o)
{
    HLObject *s = hl_object_str(o);
    if (s == NULL)
        return -1;
    hl_str_write_stderr(out, s);
    hl_decref(s);
    return 0;
}

/* getattr that treats any failure as "no such attribute", as
 * _PyObject_LookupAttr followed by PyErr_Clear does. */
static HLObject *lookup_attr(HLObject *o, const char *name)
{
    HLObject *v = hl_object_getattr_str(o, name);
    if (v == NULL)
        hl_err_clear();
    return v;
}

/* PyLong_AsSsize_t on an attribute value: 0 on success, -1 (error set)
 * for a non-int or an overflow. */
static int as_ssize(HLObject *v, hl_ssize_t *out)
{
    if (!hl_long_check(v)) {
        hl_err_set_string(hl_exc_TypeError, "an integer is required");
        return -1;
    }
    hl_ssize_t x = hl_long_as_ssize(v);
    if (x == -1 && hl_err_occurred())
        return -1;
    *out = x;
    return 0;
}

/* sys.tracebacklimit, as _PyTraceBack_Print_Indented reads it. */
static long traceback_limit(void)
{
    HLObject *modules = hl_sys_modules();
    HLObject *sys = modules ? hl_dict_get_item_str(modules, "sys") : NULL;
    HLObject *dict = sys && hl_module_check(sys) ? hl_module_get_dict(sys) : NULL;
    HLObject *limitv = dict ? hl_dict_get_item_str(dict, "tracebacklimit") : NULL;
    if (hl_err_occurred())
        hl_err_clear();
    if (limitv == NULL || !hl_long_check(limitv))
        return HL_TRACEBACK_LIMIT;
    int overflow;
    long limit = hl_long_as_long_and_overflow(limitv, &overflow);
    if (overflow > 0)
        return LONG_MAX;
    return limit; /* <= 0: no traceback at all */
}

/* ---- _PyPegen_byte_offset_to_character_offset ------------------------------ */

/* The number of characters the first col_offset bytes decode to with
 * "replace" (a cut multi-byte sequence counts as one).  CPython clips the
 * offset to strlen + 1, so an offset past the end also decodes the
 * terminating NUL: one character more. */
hl_ssize_t hl_byte_offset_to_character_offset(const char *s, size_t n, hl_ssize_t col_offset)
{
    if (col_offset < 0)
        return -1;
    size_t len = strnlen(s, n);
    size_t col = (size_t)col_offset > len + 1 ? len + 1 : (size_t)col_offset;
    int nul = col > len;
    if (nul)
        col = len;
    return hl_utf8_count_chars(s, col) + nul;
}

/* ---- extract_anchors_from_line ------------------------------------------- */

#define IS_WHITESPACE(c) ((c) == ' ' || (c) == '\t' || (c) == '\f')

/* UTF-8 bytes of characters [start, end) of s[0:n] (clipped as
 * PyUnicode_Substring clips). */
static void utf8_char_span(const char *s, size_t n, hl_ssize_t start, hl_ssize_t end, size_t *bstart,
                           size_t *bend)
{
    hl_ssize_t ci = 0;
    size_t i = 0;
    *bstart = *bend = n;
    if (end < start)
        end = start;
    for (; i <= n; i++) {
        if (i == n || ((unsigned char)s[i] & 0xC0) != 0x80) {
            if (ci == start)
                *bstart = i;
            if (ci == end) {
                *bend = i;
                return;
            }
            ci++;
        }
    }
}

static int extract_anchors_from_expr(const char *segment, expr_ty expr, hl_ssize_t *left_anchor,
                                     hl_ssize_t *right_anchor, char *primary, char *secondary)
{
    switch (expr->kind) {
    case BinOp_kind: {
        expr_ty left = expr->v.BinOp.left, right = expr->v.BinOp.right;
        /* The operator is the first non-blank byte after the left operand
         * that is not a closing parenthesis of it; two characters if the
         * next is not blank either. */
        for (int i = left->end_col_offset; i < right->col_offset; i++) {
            if (IS_WHITESPACE(segment[i]))
                continue;
            *left_anchor = i;
            *right_anchor = i + 1;
            if (i + 1 < right->col_offset && !IS_WHITESPACE(segment[i + 1]))
                ++*right_anchor;
            if (i + 1 < right->col_offset && segment[i] == ')')
                continue; /* the left operand's closing parenthesis */
            *primary = '~';
            *secondary = '^';
            break;
        }
        return 1;
    }
    case Subscript_kind: {
        /* From the '[' after the value to the ']' after the slice (the
         * search starts one byte past the slice's end, as CPython's does). */
        hl_ssize_t str_len = (hl_ssize_t)strlen(segment);
        *left_anchor = expr->v.Subscript.value->end_col_offset;
        *right_anchor = expr->v.Subscript.slice->end_col_offset + 1;
        while (*left_anchor < str_len && segment[*left_anchor] != '[')
            ++*left_anchor;
        while (*right_anchor < str_len && segment[*right_anchor] != ']')
            ++*right_anchor;
        if (*right_anchor < str_len)
            ++*right_anchor;
        *primary = '~';
        *secondary = '^';
        return 1;
    }
    default:
        return 0;
    }
}

int hl_extract_anchors_from_line(const char *line, size_t nbytes, hl_ssize_t start_offset,
                                 hl_ssize_t end_offset, hl_ssize_t *left_anchor,
                                 hl_ssize_t *right_anchor, char *primary, char *secondary)
{
    /* The expression's text alone, parsed as a module of its own (CPython
     * also runs its AST optimizer, which cannot turn a failing BinOp or
     * Subscript into anything else). */
    size_t b0, b1;
    utf8_char_span(line, nbytes, start_offset, end_offset, &b0, &b1);
    size_t seglen = b1 - b0;
    char *segment = hl_raw_malloc(seglen + 1);
    if (segment == NULL)
        return -1;
    memcpy(segment, line + b0, seglen);
    segment[seglen] = '\0';
    HLObject *saved = hl_err_fetch();
    int res = 0;
    hl_arena *arena = hl_arena_new();
    if (arena == NULL) {
        res = -1;
    } else {
        hl_syntax_error err;
        hl_syntax_error_init(&err);
        mod_ty mod = hl_parse(segment, seglen, HL_MODE_EXEC, 0, "<segment>", arena, &err);
        if (mod == NULL) {
            res = -1;
        } else if (mod->kind == Module_kind && asdl_seq_LEN(mod->v.Module.body) == 1) {
            stmt_ty st = asdl_seq_GET(mod->v.Module.body, 0);
            if (st->kind == Expr_kind)
                res = extract_anchors_from_expr(segment, st->v.Expr.value, left_anchor,
                                                right_anchor, primary, secondary);
        }
        hl_syntax_error_clear(&err);
        hl_arena_free(arena);
    }
    if (res > 0) {
        /* AST offsets are bytes of the segment: to characters of the line. */
        *left_anchor = hl_byte_offset_to_character_offset(segment, seglen, *left_anchor) + start_offset;
        *right_anchor = hl_byte_offset_to_character_offset(segment, seglen, *right_anchor) + start_offset;
    }
    hl_raw_free(segment);
    if (hl_err_occurred())
        hl_err_clear();
    hl_err_restore(saved);
    return res;
}

/* ---- suggestions (Python/suggestions.c) ----------------------------------- */

#define MAX_CANDIDATE_ITEMS 750
#define MAX_STRING_SIZE 40
#define MOVE_COST 2
#define CASE_COST 1
#define LEAST_FIVE_BITS(n) ((n) & 31)

static int substitution_cost(char a, char b)
{
    if (LEAST_FIVE_BITS(a) != LEAST_FIVE_BITS(b))
        return MOVE_COST; /* not the same letter, not a case flip */
    if (a == b)
        return 0;
    if ('A' <= a && a <= 'Z')
        a += 'a' - 'A';
    if ('A' <= b && b <= 'Z')
        b += 'a' - 'A';
    return a == b ? CASE_COST : MOVE_COST;
}

/* Levenshtein distance with CPython's costs, giving up (max_cost + 1)
 * as soon as it must exceed max_cost. */
static size_t levenshtein_distance(const char *a, size_t a_size, const char *b, size_t b_size,
                                   size_t max_cost)
{
    size_t buffer[MAX_STRING_SIZE];
    if (a == b)
        return 0;
    while (a_size && b_size && a[0] == b[0]) {
        a++, a_size--;
        b++, b_size--;
    }
    while (a_size && b_size && a[a_size - 1] == b[b_size - 1]) {
        a_size--;
        b_size--;
    }
    if (a_size == 0 || b_size == 0)
        return (a_size + b_size) * MOVE_COST;
    if (a_size > MAX_STRING_SIZE || b_size > MAX_STRING_SIZE)
        return max_cost + 1;
    if (b_size < a_size) { /* the shorter one in the buffer */
        const char *t = a;
        a = b;
        b = t;
        size_t ts = a_size;
        a_size = b_size;
        b_size = ts;
    }
    if ((b_size - a_size) * MOVE_COST > max_cost)
        return max_cost + 1;
    for (size_t i = 0; i < a_size; i++)
        buffer[i] = (i + 1) * MOVE_COST;
    size_t result = 0;
    for (size_t b_index = 0; b_index < b_size; b_index++) {
        char code = b[b_index];
        size_t distance = result = b_index * MOVE_COST;
        size_t minimum = SIZE_MAX;
        for (size_t index = 0; index < a_size; index++) {
            size_t substitute = distance + (size_t)substitution_cost(code, a[index]);
            distance = buffer[index];
            size_t insert_delete = (result < distance ? result : distance) + MOVE_COST;
            result = insert_delete < substitute ? insert_delete : substitute;
            buffer[index] = result;
            if (result < minimum)
                minimum = result;
        }
        if (minimum > max_cost)
            return max_cost + 1;
    }
    return result;
}

/* PyUnicode_CompareWithASCIIString(name, s) == 0: the characters of name
 * against the bytes of s (so a non-ASCII name never equals its UTF-8). */
static int equals_ascii(HLObject *name, const char *s)
{
    hl_ssize_t n = HL_STR_LEN(name);
    for (hl_ssize_t i = 0; i < n; i++) {
        if (s[i] == '\0' || hl_str_read_char(name, i) != (unsigned char)s[i])
            return 0;
    }
    return s[n] == '\0';
}

/* calculate_suggestions over the list dir: the closest name, or NULL
 * (with an error set if something failed). */
static HLObject *calculate_suggestions(HLObject *dir, HLObject *name)
{
    hl_ssize_t dir_size = HL_SIZE(dir);
    if (dir_size >= MAX_CANDIDATE_ITEMS)
        return NULL;
    hl_ssize_t suggestion_distance = HL_SSIZE_T_MAX;
    HLObject *suggestion = NULL;
    hl_ssize_t name_size;
    const char *name_str = hl_str_as_utf8(name, &name_size);
    if (name_str == NULL)
        return NULL;
    for (hl_ssize_t i = 0; i < dir_size; i++) {
        HLObject *item = HL_LIST_GET(dir, i);
        if (!hl_str_check(item)) {
            hl_err_set_string(hl_exc_TypeError, "bad argument type for built-in operation");
            return NULL;
        }
        hl_ssize_t item_size;
        const char *item_str = hl_str_as_utf8(item, &item_size);
        if (item_str == NULL)
            return NULL;
        if (equals_ascii(name, item_str))
            continue;
        /* No more than 1/3 of the characters should need changing, and no
         * worse than the best so far. */
        hl_ssize_t max_distance = (name_size + item_size + 3) * MOVE_COST / 6;
        if (max_distance > suggestion_distance - 1)
            max_distance = suggestion_distance - 1;
        hl_ssize_t current_distance = (hl_ssize_t)levenshtein_distance(
            name_str, (size_t)name_size, item_str, (size_t)item_size, (size_t)max_distance);
        if (current_distance > max_distance)
            continue;
        if (!suggestion || current_distance < suggestion_distance) {
            suggestion = item;
            suggestion_distance = current_distance;
        }
    }
    return hl_xnewref(suggestion);
}

/* list(names), then the suggestion. */
static HLObject *suggest_from(HLObject *names, HLObject *name)
{
    if (names == NULL)
        return NULL;
    HLObject *dir = hl_sequence_list(names);
    if (dir == NULL)
        return NULL;
    HLObject *s = calculate_suggestions(dir, name);
    hl_decref(dir);
    return s;
}

static HLObject *offer_suggestions_for_attribute_error(HLAttributeErrorObject *exc)
{
    if (exc->name == NULL || exc->obj == NULL || !hl_str_check_exact(exc->name))
        return NULL;
    /* PyObject_Dir(obj): the builtins' dir. */
    HLObject *builtins = hl_builtins_dict();
    HLObject *dirfunc = builtins ? hl_dict_get_item_str(builtins, "dir") : NULL;
    if (dirfunc == NULL)
        return NULL;
    HLObject *dir = hl_call_one(dirfunc, exc->obj);
    if (dir == NULL)
        return NULL;
    HLObject *s = hl_list_check(dir) ? calculate_suggestions(dir, exc->name) : NULL;
    hl_decref(dir);
    return s;
}

static HLObject *offer_suggestions_for_name_error(HLNameErrorObject *exc)
{
    HLTracebackObject *tb = (HLTracebackObject *)exc->traceback;
    if (exc->name == NULL || tb == NULL || !hl_str_check_exact(exc->name))
        return NULL;
    while (tb->tb_next != NULL)
        tb = tb->tb_next;
    hl_frame_info info = HL_FRAME_INFO_INIT;
    if (hl_frame_info_hook && tb->tb_frame)
        hl_frame_info_hook(tb->tb_frame, tb->tb_lasti, &info);
    HLObject *sources[3] = {info.varnames, info.globals, info.builtins};
    for (int i = 0; i < 3; i++) {
        HLObject *s = suggest_from(sources[i], exc->name);
        if (s != NULL || hl_err_occurred())
            return s;
    }
    return NULL;
}

/* _Py_Offer_Suggestions: only for these exact types. */
static HLObject *offer_suggestions(HLObject *exc)
{
    if (HL_IS_TYPE(exc, (HLTypeObject *)hl_exc_AttributeError))
        return offer_suggestions_for_attribute_error((HLAttributeErrorObject *)exc);
    if (HL_IS_TYPE(exc, (HLTypeObject *)hl_exc_NameError))
        return offer_suggestions_for_name_error((HLNameErrorObject *)exc);
    return NULL;
}

/* ---- SyntaxError: parse_syntax_error, print_error_text -------------------- */

typedef struct {
    HLObject *message, *filename, *text; /* text NULL for None */
    hl_ssize_t lineno, offset, end_lineno, end_offset;
} syntax_info;

/* Reads the attributes; 1 on success, 0 (error set) if one cannot be read
 * or an int is not an int. */
static int parse_syntax_error(HLObject *err, syntax_info *si)
{
    HLObject *v;
    si->message = si->filename = si->text = NULL;
    si->message = hl_object_getattr_str(err, "msg");
    if (si->message == NULL)
        goto fail;
    v = hl_object_getattr_str(err, "filename");
    if (v == NULL)
        goto fail;
    if (v == HL_None) {
        hl_decref(v);
        v = hl_str_from_cstr("<string>");
        if (v == NULL)
            goto fail;
    }
    si->filename = v;
    v = hl_object_getattr_str(err, "lineno");
    if (v == NULL)
        goto fail;
    int r = as_ssize(v, &si->lineno);
    hl_decref(v);
    if (r < 0)
        goto fail;
    v = hl_object_getattr_str(err, "offset");
    if (v == NULL)
        goto fail;
    if (v == HL_None) {
        si->offset = -1;
    } else if (as_ssize(v, &si->offset) < 0) {
        hl_decref(v);
        goto fail;
    }
    hl_decref(v);
    /* Only SyntaxError itself has its end read; subclasses get -1. */
    si->end_lineno = si->lineno;
    si->end_offset = -1;
    if (HL_IS_TYPE(err, (HLTypeObject *)hl_exc_SyntaxError)) {
        v = hl_object_getattr_str(err, "end_lineno");
        if (v == NULL) {
            hl_err_clear();
        } else {
            r = v == HL_None ? 0 : as_ssize(v, &si->end_lineno);
            hl_decref(v);
            if (r < 0)
                goto fail;
        }
        v = hl_object_getattr_str(err, "end_offset");
        if (v == NULL) {
            hl_err_clear();
        } else {
            r = v == HL_None ? 0 : as_ssize(v, &si->end_offset);
            hl_decref(v);
            if (r < 0)
                goto fail;
        }
    }
    v = hl_object_getattr_str(err, "text");
    if (v == NULL)
        goto fail;
    if (v == HL_None)
        hl_decref(v);
    else
        si->text = v;
    return 1;
fail:
    HL_CLEAR(si->message);
    HL_CLEAR(si->filename);
    return 0;
}

static void print_error_text(hl_strbuf *out, hl_ssize_t offset, hl_ssize_t end_offset,
                             const char *text)
{
    hl_ssize_t caret_repetitions =
        end_offset > 0 && end_offset > offset ? end_offset - offset : 1;
    offset--; /* 1-based to 0-based */
    /* Strip leading whitespace, moving the (character) offset along the
     * (byte) text as CPython does. */
    while (*text == ' ' || *text == '\t' || *text == '\f') {
        text++;
        offset--;
    }
    hl_ssize_t len = (hl_ssize_t)strlen(text);
    if (len > 0 && text[len - 1] == '\n')
        len--;
    if (offset > len)
        offset = len;
    /* Skip past newlines embedded in text. */
    for (;;) {
        const char *nl = strchr(text, '\n');
        if (nl == NULL)
            break;
        hl_ssize_t inl = nl - text;
        if (inl >= offset)
            break;
        inl += 1;
        text += inl;
        len -= inl;
        offset -= inl;
    }
    hl_sb_puts(out, "    ");
    hl_sb_puts(out, text);
    if (text[len] != '\n')
        hl_sb_putc(out, '\n');
    if (offset < 0) /* the caret would point left of the text */
        return;
    hl_sb_puts(out, "    ");
    while (--offset >= 0)
        hl_sb_putc(out, ' ');
    for (hl_ssize_t i = 0; i < caret_repetitions; i++)
        hl_sb_putc(out, '^');
    hl_sb_putc(out, '\n');
}

/* print_exception_file_and_line: may replace *value_p by the message. */
static void print_exception_file_and_line(hl_strbuf *out, HLObject **value_p)
{
    HLObject *tmp = lookup_attr(*value_p, "print_file_and_line");
    if (tmp == NULL)
        return;
    hl_decref(tmp);
    syntax_info si;
    if (!parse_syntax_error(*value_p, &si)) {
        hl_err_clear();
        return;
    }
    HL_SETREF(*value_p, si.message);
    hl_sb_puts(out, "  File \"");
    if (write_str_of(out, si.filename) < 0)
        hl_err_clear();
    hl_sb_printf(out, "\", line %ld\n", (long)si.lineno);
    hl_decref(si.filename);
    if (si.text == NULL)
        return;
    const char *error_line = NULL;
    hl_ssize_t line_size = 0;
    if (hl_str_check(si.text))
        error_line = hl_str_as_utf8(si.text, &line_size);
    if (error_line == NULL) {
        /* CPython gives up on the whole display here; we only skip the
         * text. */
        hl_err_clear();
        hl_decref(si.text);
        return;
    }
    /* A multi-line error is shown on its first line, to its end; the
     * carets never go further than the text's length + 1. */
    if (si.end_lineno > si.lineno)
        si.end_offset = line_size;
    if (si.end_offset > line_size + 1)
        si.end_offset = line_size + 1;
    print_error_text(out, si.offset, si.end_offset, error_line);
    hl_decref(si.text);
}

/* ---- print_exception ------------------------------------------------------- */

static void print_exception_message(hl_strbuf *out, HLTypeObject *type, HLObject *value)
{
    HLObject *modulename = hl_type_module(type);
    if (modulename == NULL || !hl_str_check(modulename)) {
        hl_xdecref(modulename);
        hl_err_clear();
        hl_sb_puts(out, "<unknown>.");
    } else {
        if (!hl_str_eq_cstr(modulename, "builtins") && !hl_str_eq_cstr(modulename, "__main__")) {
            hl_str_write_stderr(out, modulename);
            hl_sb_putc(out, '.');
        }
        hl_decref(modulename);
    }
    HLObject *qualname = hl_type_qualname(type);
    if (qualname == NULL || !hl_str_check(qualname)) {
        hl_xdecref(qualname);
        hl_err_clear();
        hl_sb_puts(out, "<unknown>");
    } else {
        hl_str_write_stderr(out, qualname);
        hl_decref(qualname);
    }
    if (value == HL_None)
        return;
    HLObject *s = hl_object_str(value);
    if (s == NULL) {
        hl_err_clear();
        hl_sb_puts(out, ": <exception str() failed>");
        return;
    }
    if (HL_STR_LEN(s) != 0)
        hl_sb_puts(out, ": ");
    hl_str_write_stderr(out, s);
    hl_decref(s);
}

static void print_exception_suggestions(hl_strbuf *out, HLObject *value)
{
    HLObject *suggestion = offer_suggestions(value);
    if (suggestion != NULL) {
        hl_sb_puts(out, ". Did you mean: '");
        if (write_str_of(out, suggestion) < 0)
            hl_err_clear();
        hl_sb_puts(out, "'?");
        hl_decref(suggestion);
    } else if (hl_err_occurred()) {
        hl_err_clear();
    }
}

/* PySequence_Check */
static int is_sequence(HLObject *o)
{
    if (hl_dict_check(o))
        return 0;
    HLSequenceMethods *sq = HL_TYPE(o)->tp_as_sequence;
    return sq != NULL && sq->sq_item != NULL;
}

/* __notes__, read before the message is made (a note added by __str__
 * is not shown) and of the exception itself (a SyntaxError's notes show
 * although the exception is replaced by its msg); new reference or NULL. */
static HLObject *get_notes(HLObject *value)
{
    HLObject *notes = lookup_attr(value, "__notes__");
    return notes != NULL ? notes : hl_xnewref(HL_EXC(value)->notes);
}

/* print_exception_notes: steals notes. */
static void print_exception_notes(hl_strbuf *out, HLObject *notes)
{
    if (notes == NULL)
        return;
    if (!is_sequence(notes)) {
        HLObject *r = hl_object_repr(notes);
        if (r == NULL) {
            hl_err_clear();
            hl_sb_puts(out, "<__notes__ repr() failed>");
        } else {
            hl_str_write_stderr(out, r); /* no newline: as in 3.11 */
            hl_decref(r);
        }
        hl_decref(notes);
        return;
    }
    hl_ssize_t num_notes = hl_object_length(notes);
    for (hl_ssize_t i = 0; i < num_notes; i++) {
        HLObject *note = hl_sequence_get_item(notes, i);
        if (note == NULL) /* CPython abandons the display here */
            break;
        if (write_str_of(out, note) < 0) {
            hl_err_clear();
            hl_sb_puts(out, "<note str() failed>");
        }
        hl_decref(note);
        hl_sb_putc(out, '\n');
    }
    hl_decref(notes);
    if (hl_err_occurred())
        hl_err_clear();
}

static void print_exception(hl_strbuf *out, HLObject *value, long limit)
{
    if (!hl_exception_check(value)) {
        hl_sb_printf(out, "TypeError: print_exception(): Exception expected for value, %s found\n",
                     HL_TYPE(value)->tp_name);
        return;
    }
    hl_incref(value);
    HLObject *tb = HL_EXC(value)->traceback;
    if (tb != NULL && tb != HL_None)
        hl_traceback_print(tb, limit, out);
    HLTypeObject *type = HL_TYPE(value); /* value may become the message */
    hl_incref(type);
    HLObject *notes = get_notes(value);
    print_exception_file_and_line(out, &value);
    print_exception_message(out, type, value);
    print_exception_suggestions(out, value);
    hl_sb_putc(out, '\n');
    print_exception_notes(out, notes);
    hl_decref(type);
    hl_decref(value);
}

/* _PyObject_Dump, as CPython writes it when the display fails. */
static void dump_object(hl_strbuf *out, HLObject *op)
{
    hl_sb_printf(out, "object address  : %p\n", (void *)op);
    hl_sb_printf(out, "object refcount : %ld\n", (long)HL_REFCNT(op));
    hl_sb_printf(out, "object type     : %p\n", (void *)HL_TYPE(op));
    hl_sb_printf(out, "object type name: %s\n", HL_TYPE(op)->tp_name);
    hl_sb_puts(out, "object repr     : ");
    HLObject *r = hl_object_repr(op);
    if (r != NULL) {
        hl_str_write_stderr(out, r);
        hl_decref(r);
    } else {
        hl_err_clear();
    }
    hl_sb_putc(out, '\n');
}

static int in_chain(HLObject **chain, size_t n, HLObject *o)
{
    for (size_t i = 0; i < n; i++)
        if (chain[i] == o)
            return 1;
    return 0;
}

void hl_print_exception(HLObject *value, hl_strbuf *out)
{
    if (value == NULL)
        return;
    HLObject *saved = hl_err_fetch();
    long limit = traceback_limit();
    /* Walk the chain as print_exception_recursive would recurse: chain[i+1]
     * is printed before chain[i], followed by links[i]. */
    size_t n = 0, cap = 16;
    HLObject **chain = hl_raw_malloc(cap * sizeof *chain);
    const char **links = hl_raw_malloc(cap * sizeof *links);
    if (chain == NULL || links == NULL) {
        /* No memory for `seen`: CPython prints the exception alone. */
        print_exception(out, value, limit);
        goto done;
    }
    for (HLObject *cur = value; cur != NULL;) {
        if (n == cap) {
            cap *= 2;
            HLObject **c2 = hl_raw_realloc(chain, cap * sizeof *chain);
            if (c2 != NULL)
                chain = c2;
            const char **l2 = hl_raw_realloc(links, cap * sizeof *links);
            if (l2 != NULL)
                links = l2;
            if (c2 == NULL || l2 == NULL)
                break;
        }
        chain[n++] = cur;
        if (!hl_exception_check(cur))
            break;
        HLBaseExceptionObject *e = HL_EXC(cur);
        HLObject *next = NULL;
        if (e->cause != NULL && e->cause != HL_None) {
            if (!in_chain(chain, n, e->cause)) {
                next = e->cause;
                links[n - 1] = cause_message;
            }
        } else if (!e->suppress_context && e->context != NULL && e->context != HL_None &&
                   !in_chain(chain, n, e->context)) {
            next = e->context;
            links[n - 1] = context_message;
        }
        cur = next;
    }
    if (n > CHAIN_DEPTH_LIMIT) {
        /* CPython's recursion limit stops print_exception_recursive before
         * anything is printed. */
        dump_object(out, value);
        hl_sb_puts(out, "lost sys.stderr\n");
    } else {
        for (size_t i = n; i-- > 0;) {
            print_exception(out, chain[i], limit);
            if (i > 0)
                hl_sb_puts(out, links[i - 1]);
        }
    }
done:
    hl_raw_free(chain);
    hl_raw_free(links);
    if (hl_err_occurred())
        hl_err_clear();
    hl_err_restore(saved);
}

/* ---- the parser's record as an exception ---------------------------------- */

/* UTF-8 with U+FFFD for invalid sequences (CPython decodes error lines
 * with "replace"). */
static HLObject *decode_replace(const char *s)
{
    size_t n = strlen(s);
    HLObject *r = hl_str_from_utf8(s, (hl_ssize_t)n);
    if (r != NULL || !hl_err_exception_matches(hl_exc_UnicodeDecodeError))
        return r;
    hl_err_clear();
    uint32_t *chars = hl_raw_malloc((n + 1) * sizeof *chars);
    if (chars == NULL)
        return hl_err_nomemory();
    size_t k = 0;
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        uint32_t ch;
        const unsigned char *bad_end;
        const char *reason;
        int len = hl_utf8_decode_one(p, end, &ch, &bad_end, &reason);
        if (len == 0) {
            chars[k++] = 0xFFFD;
            p = bad_end > p ? bad_end : p + 1;
        } else {
            chars[k++] = ch;
            p += len;
        }
    }
    r = hl_str_from_ucs4(chars, (hl_ssize_t)k);
    hl_raw_free(chars);
    return r;
}

HLObject *hl_syntax_error_to_exception(const hl_syntax_error *err, HLObject *filename)
{
    HLObject *type = hl_exc_SyntaxError;
    if (err->type == NULL || strcmp(err->type, "SyntaxError") == 0)
        type = hl_exc_SyntaxError;
    else if (strcmp(err->type, "IndentationError") == 0)
        type = hl_exc_IndentationError;
    else if (strcmp(err->type, "TabError") == 0)
        type = hl_exc_TabError;
    else if (strcmp(err->type, "MemoryError") == 0)
        type = hl_exc_MemoryError;
    if (type == hl_exc_MemoryError) {
        HLObject *empty = hl_tuple_new(0);
        HLObject *exc = empty ? hl_exception_new(type, empty) : NULL;
        hl_xdecref(empty);
        return exc;
    }
    HLObject *msg = decode_replace(err->msg ? err->msg : "");
    if (msg == NULL)
        return NULL;
    HLObject *args;
    if (!err->has_location) {
        args = hl_tuple_pack(1, msg);
    } else {
        HLObject *text = err->text ? decode_replace(err->text) : hl_newref(HL_None);
        HLObject *lineno = hl_long_from_long(err->lineno);
        HLObject *offset = hl_long_from_long(err->offset);
        HLObject *end_lineno = hl_long_from_long(err->end_lineno);
        HLObject *end_offset = hl_long_from_long(err->end_offset);
        HLObject *info = NULL;
        if (text && lineno && offset && end_lineno && end_offset)
            info = hl_tuple_pack(6, filename ? filename : HL_None, lineno, offset, text,
                                 end_lineno, end_offset);
        hl_xdecref(text);
        hl_xdecref(lineno);
        hl_xdecref(offset);
        hl_xdecref(end_lineno);
        hl_xdecref(end_offset);
        args = info ? hl_tuple_pack(2, msg, info) : NULL;
        hl_xdecref(info);
    }
    hl_decref(msg);
    if (args == NULL)
        return NULL;
    HLObject *exc = hl_exception_new(type, args);
    hl_decref(args);
    return exc;
}

/* ---- SystemExit ----------------------------------------------------------- */

int hl_exception_is_system_exit(HLObject *exc)
{
    return exc != NULL && hl_err_given_exception_matches(exc, hl_exc_SystemExit);
}

int hl_handle_system_exit(HLObject *exc, hl_strbuf *out)
{
    HLObject *saved = hl_err_fetch();
    int exitcode = 0;
    HLObject *value = hl_xnewref(exc);
    if (value == NULL || value == HL_None)
        goto done;
    if (hl_exception_check(value)) {
        /* The status is in `code`; if it cannot be read, the exception
         * itself is printed. */
        HLObject *code = hl_object_getattr_str(value, "code");
        if (code != NULL) {
            HL_SETREF(value, code);
            if (value == HL_None)
                goto done;
        } else {
            hl_err_clear();
        }
    }
    if (hl_long_check(value)) {
        exitcode = (int)hl_long_as_long(value);
    } else {
        if (write_str_of(out, value) < 0)
            hl_err_clear();
        hl_sb_putc(out, '\n');
        exitcode = 1;
    }
done:
    hl_xdecref(value);
    if (hl_err_occurred())
        hl_err_clear();
    hl_err_restore(saved);
    return exitcode;
}
