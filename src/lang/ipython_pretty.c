/*
 * ipython_pretty.c — the text a notebook shows for a cell's value: what
 * IPython 8.5's PlainTextFormatter makes with IPython.lib.pretty's
 * RepresentationPrinter (79 columns, at most 1000 items per container).
 *
 * The printer is Wadler's "prettier printer" as IPython implements it, and
 * its output depends on that implementation's every detail, so this file
 * follows its structure step by step (names are IPython's):
 *
 *   - the output is built from text and *breakables* (a space that may
 *     become a newline plus the indentation current when it was made),
 *     both grouped: pretty(obj) opens a group, a container opens one more
 *     for its items, with the indentation of its opening bracket;
 *   - text written while nothing is pending goes straight out; otherwise
 *     it joins a *buffer* of pending text and breakables, and whenever the
 *     pending width would pass the line's end, the *group queue* gives the
 *     outermost group that still has pending breakables (groups by depth,
 *     the most recent first), which is marked want_break and whose
 *     breakables are written out as newlines (_break_outer_groups);
 *   - a group whose breakables have all been written is dropped from the
 *     queue; a breakable made in a want_break group is a newline at once.
 *
 * Two quirks of that implementation change what is printed, and are kept:
 * GroupQueue.deq looks for the group in the reversed stack but deletes the
 * item at the same index of the stack in its original order (so a group
 * can be broken again later and another one silently leaves the queue),
 * and flush() adds the old output width twice (harmless: a newline follows).
 *
 * How an object is printed (RepresentationPrinter.pretty): None, True,
 * False, Ellipsis and NotImplemented by repr; else the first class of its
 * MRO that has a printer — int, float, str, range, slice and bound methods
 * by repr; list, tuple, dict, mappingproxy item by item; set and frozenset
 * sorted when their items allow it; classes as module.qualname; functions
 * as <function module.qualname(signature)>; exceptions as a call
 * Name(arg, ...); super objects as <super: class, self> — or that defines
 * __repr__ in its own __dict__ (repr, split into lines joined by hard
 * breaks).  An object with none of these is <module.Class at 0xADDRESS>.
 * A container met again inside itself prints as [...], (...), {...}.
 * _repr_pretty_ methods are not called (heaplab has no printer object to
 * give them); such objects print by repr.
 *
 * The printer allocates nothing on the Python heap except what the reprs
 * it calls make (and a list for sorting a set), so displaying a value does
 * not move the collector's counts more than the reprs themselves do.
 */
#include "ipython.h"

#include <string.h>

#include "../modules/modules.h"
#include "../objects/abstract.h"
#include "../objects/codeobject.h"
#include "../objects/descrobject.h"
#include "../objects/dictobject.h"
#include "../objects/exceptions.h"
#include "../objects/funcobject.h"
#include "../objects/listobject.h"
#include "../objects/moduleobject.h"
#include "../objects/longobject.h"
#include "../objects/rangeobject.h"
#include "../objects/setobject.h"
#include "../objects/sliceobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../objects/typeobject.h"
#include "../runtime/errors.h"
#include "../runtime/state.h"
#include "../runtime/strbuf.h"
#include "../runtime/sysmem.h"

#define MAX_WIDTH 79
#define MAX_SEQ_LENGTH 1000

/* ---- pointer vectors (the Python lists and deques of the printer) -------------- */

typedef struct {
    void **v;
    size_t head, n, cap; /* items v[head .. head+n) */
} pvec;

static int pv_push(pvec *p, void *x)
{
    if (p->head + p->n == p->cap) {
        if (p->head > 0) { /* reuse the room popleft() made */
            memmove(p->v, p->v + p->head, p->n * sizeof *p->v);
            p->head = 0;
        } else {
            size_t cap = p->cap ? p->cap * 2 : 8;
            void **v = hl_raw_realloc(p->v, cap * sizeof *v);
            if (v == NULL)
                return -1;
            p->v = v;
            p->cap = cap;
        }
    }
    p->v[p->head + p->n++] = x;
    return 0;
}
static void *pv_at(pvec *p, size_t i) { return p->v[p->head + i]; }
static void *pv_back(pvec *p) { return p->v[p->head + p->n - 1]; }
static void *pv_popleft(pvec *p)
{
    p->n--;
    return p->v[p->head++];
}
static void *pv_pop(pvec *p) { return p->v[p->head + --p->n]; }
static void pv_del(pvec *p, size_t i)
{
    memmove(p->v + p->head + i, p->v + p->head + i + 1, (p->n - i - 1) * sizeof *p->v);
    p->n--;
}
static void pv_free(pvec *p)
{
    hl_raw_free(p->v);
    *p = (pvec){0};
}

/* ---- the printer's parts --------------------------------------------------------- */

typedef struct group {
    int depth, want_break;
    pvec breakables; /* a deque, oldest first */
} group;

/* One item of the buffer: a Breakable, or a Text (a run of text pieces). */
typedef struct item {
    int is_text;
    hl_ssize_t width;
    hl_strbuf text;            /* Text */
    const char *sep;           /* Breakable: its separator */
    hl_ssize_t indentation;    /*   the indentation when it was made */
    group *grp;                /*   its group */
} item;

typedef struct {
    hl_strbuf *out;
    hl_ssize_t output_width, buffer_width, indentation;
    pvec buffer;      /* of item */
    pvec group_stack; /* of group */
    pvec *queue;      /* GroupQueue: queue[depth] is a stack of groups */
    size_t queue_len;
    pvec stack;       /* ids of the objects being printed, for cycles */
    pvec groups, items; /* everything made, freed at the end */
    int failed;       /* out of memory */
} printer;

static void *owned_alloc(printer *p, pvec *owner, size_t size)
{
    void *x = hl_raw_malloc(size);
    if (x == NULL || pv_push(owner, x) < 0) {
        hl_raw_free(x);
        p->failed = 1;
        return NULL;
    }
    memset(x, 0, size);
    return x;
}

/* Python's len() of UTF-8 text: its code points. */
static hl_ssize_t width_of(const char *s, size_t n)
{
    hl_ssize_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

static void write_newline(printer *p, hl_ssize_t indentation)
{
    hl_sb_putc(p->out, '\n');
    for (hl_ssize_t i = 0; i < indentation; i++)
        hl_sb_putc(p->out, ' ');
}

/* GroupQueue */

static void queue_enq(printer *p, group *g)
{
    while ((size_t)g->depth >= p->queue_len) {
        pvec *q = hl_raw_realloc(p->queue, (p->queue_len + 1) * sizeof *q);
        if (q == NULL) {
            p->failed = 1;
            return;
        }
        p->queue = q;
        p->queue[p->queue_len++] = (pvec){0};
    }
    if (pv_push(&p->queue[g->depth], g) < 0)
        p->failed = 1;
}

static group *queue_deq(printer *p)
{
    for (size_t d = 0; d < p->queue_len; d++) {
        pvec *stack = &p->queue[d];
        for (size_t idx = 0; idx < stack->n; idx++) {
            group *g = pv_at(stack, stack->n - 1 - idx);
            if (g->breakables.n) {
                pv_del(stack, idx); /* IPython's index into the reversed list */
                g->want_break = 1;
                return g;
            }
        }
        for (size_t i = 0; i < stack->n; i++)
            ((group *)pv_at(stack, i))->want_break = 1;
        stack->n = 0;
        stack->head = 0;
    }
    return NULL;
}

static void queue_remove(printer *p, group *g)
{
    if ((size_t)g->depth >= p->queue_len)
        return;
    pvec *stack = &p->queue[g->depth];
    for (size_t i = 0; i < stack->n; i++)
        if (pv_at(stack, i) == g) {
            pv_del(stack, i);
            return;
        }
}

/* Printable.output: writes an item, returns the new output width. */
static hl_ssize_t item_output(printer *p, item *x, hl_ssize_t output_width)
{
    if (x->is_text) {
        hl_sb_append(p->out, x->text.s, x->text.len);
        return output_width + x->width;
    }
    group *g = x->grp;
    pv_popleft(&g->breakables);
    if (g->want_break) {
        write_newline(p, x->indentation);
        return x->indentation;
    }
    if (g->breakables.n == 0)
        queue_remove(p, g);
    hl_sb_puts(p->out, x->sep);
    return output_width + x->width;
}

static void break_one_group(printer *p, group *g)
{
    while (g->breakables.n && p->buffer.n) {
        item *x = pv_popleft(&p->buffer);
        p->output_width = item_output(p, x, p->output_width);
        p->buffer_width -= x->width;
    }
    while (p->buffer.n && ((item *)pv_at(&p->buffer, 0))->is_text) {
        item *x = pv_popleft(&p->buffer);
        p->output_width = item_output(p, x, p->output_width);
        p->buffer_width -= x->width;
    }
}

static void break_outer_groups(printer *p)
{
    while (MAX_WIDTH < p->output_width + p->buffer_width) {
        group *g = queue_deq(p);
        if (g == NULL)
            return;
        break_one_group(p, g);
    }
}

static void flush(printer *p)
{
    while (p->buffer.n) {
        item *x = pv_popleft(&p->buffer);
        p->output_width += item_output(p, x, p->output_width);
    }
    p->buffer_width = 0;
}

/* text(obj): s[0:n] is UTF-8. */
static void text_n(printer *p, const char *s, size_t n)
{
    hl_ssize_t width = width_of(s, n);
    if (p->buffer.n) {
        item *t = pv_back(&p->buffer);
        if (!t->is_text) {
            t = owned_alloc(p, &p->items, sizeof *t);
            if (t == NULL || pv_push(&p->buffer, t) < 0) {
                p->failed = 1;
                return;
            }
            t->is_text = 1;
        }
        hl_sb_append(&t->text, s, n);
        t->width += width;
        p->buffer_width += width;
        break_outer_groups(p);
    } else {
        hl_sb_append(p->out, s, n);
        p->output_width += width;
    }
}
static void text(printer *p, const char *s) { text_n(p, s, strlen(s)); }
static void text_str(printer *p, HLObject *s)
{
    hl_strbuf b = HL_STRBUF_INIT;
    hl_str_write_utf8(&b, s);
    text_n(p, b.s ? b.s : "", b.len);
    hl_sb_free(&b);
}

static void breakable(printer *p)
{
    group *g = pv_back(&p->group_stack);
    if (g->want_break) {
        flush(p);
        write_newline(p, p->indentation);
        p->output_width = p->indentation;
        p->buffer_width = 0;
        return;
    }
    item *b = owned_alloc(p, &p->items, sizeof *b);
    if (b == NULL)
        return;
    b->sep = " ";
    b->width = 1;
    b->indentation = p->indentation;
    b->grp = g;
    if (pv_push(&g->breakables, b) < 0 || pv_push(&p->buffer, b) < 0) {
        p->failed = 1;
        return;
    }
    p->buffer_width += 1;
    break_outer_groups(p);
}

static void break_(printer *p)
{
    group *g = queue_deq(p);
    if (g != NULL)
        break_one_group(p, g);
    flush(p);
    write_newline(p, p->indentation);
    p->output_width = p->indentation;
    p->buffer_width = 0;
}

static void begin_group(printer *p, hl_ssize_t indent, const char *open)
{
    if (open[0])
        text(p, open);
    group *g = owned_alloc(p, &p->groups, sizeof *g);
    if (g == NULL)
        return;
    g->depth = ((group *)pv_back(&p->group_stack))->depth + 1;
    if (pv_push(&p->group_stack, g) < 0) {
        p->failed = 1;
        return;
    }
    queue_enq(p, g);
    p->indentation += indent;
}

static void end_group(printer *p, hl_ssize_t dedent, const char *close)
{
    p->indentation -= dedent;
    group *g = pv_pop(&p->group_stack);
    if (g->breakables.n == 0)
        queue_remove(p, g);
    if (close[0])
        text(p, close);
}

/* ---- printers for objects ------------------------------------------------------ */

static int pretty(printer *p, HLObject *obj);

/* _repr_pprint: repr(obj), its lines joined by hard breaks. */
static int repr_pprint(printer *p, HLObject *obj)
{
    HLObject *r = hl_object_repr(obj);
    if (r == NULL)
        return -1;
    hl_strbuf b = HL_STRBUF_INIT;
    hl_str_write_utf8(&b, r);
    hl_decref(r);
    begin_group(p, 0, "");
    /* str.splitlines: \n \r \r\n \v \f \x1c \x1d \x1e \x85 \u2028 \u2029 */
    const char *s = b.s ? b.s : "";
    size_t n = b.len, start = 0, i = 0;
    int idx = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t brk = 0;
        if (c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d || c == 0x1e)
            brk = (c == '\r' && i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
        else if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0x85)
            brk = 2;
        else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                 ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9))
            brk = 3;
        if (brk) {
            if (idx++)
                break_(p);
            text_n(p, s + start, i - start);
            i += brk;
            start = i;
        } else {
            i++;
        }
    }
    if (start < n) {
        if (idx++)
            break_(p);
        text_n(p, s + start, n - start);
    }
    end_group(p, 0, "");
    hl_sb_free(&b);
    return 0;
}

/* _safe_getattr: the attribute, or NULL (no exception) if getting it fails. */
static HLObject *safe_getattr(HLObject *o, const char *name)
{
    HLObject *v = hl_object_getattr_str(o, name);
    if (v == NULL)
        hl_err_clear();
    return v;
}

/* p._enumerate over an iterable: the next item, NULL at the end (or on an
 * error, set); after max_seq_length items, prints ", ..." and ends. */
static HLObject *enumerate_next(printer *p, HLObject *it, hl_ssize_t idx)
{
    HLObject *x = hl_iter_next(it);
    if (x != NULL && idx >= MAX_SEQ_LENGTH) {
        hl_decref(x);
        text(p, ",");
        breakable(p);
        text(p, "...");
        return NULL;
    }
    return x;
}

/* The items of an iterable, separated by ", " breakables. */
static int print_items(printer *p, HLObject *iterable)
{
    HLObject *it = hl_object_get_iter(iterable);
    if (it == NULL)
        return -1;
    HLObject *x;
    for (hl_ssize_t idx = 0; (x = enumerate_next(p, it, idx)) != NULL; idx++) {
        if (idx) {
            text(p, ",");
            breakable(p);
        }
        int r = pretty(p, x);
        hl_decref(x);
        if (r < 0) {
            hl_decref(it);
            return -1;
        }
    }
    hl_decref(it);
    return hl_err_occurred() ? -1 : 0;
}

/* _seq_pprinter_factory */
static int seq_pprint(printer *p, HLObject *obj, int cycle, const char *start, const char *end)
{
    if (cycle) {
        text(p, start);
        text(p, "...");
        text(p, end);
        return 0;
    }
    hl_ssize_t step = (hl_ssize_t)strlen(start);
    begin_group(p, step, start);
    if (print_items(p, obj) < 0)
        return -1;
    if (hl_tuple_check(obj)) {
        hl_ssize_t n = hl_object_length(obj);
        if (n < 0)
            return -1;
        if (n == 1)
            text(p, ",");
    }
    end_group(p, step, end);
    return 0;
}

/* _sorted_for_pprint: sorted(items), else sorted(items, key=str), else as
 * they come. */
static HLObject *sorted_for_pprint(HLObject *items)
{
    HLObject *list = hl_sequence_list(items);
    if (list == NULL)
        return NULL;
    HLObject *copy = hl_list_get_slice(list, 0, HL_SIZE(list));
    if (copy == NULL) {
        hl_decref(list);
        return NULL;
    }
    if (hl_list_sort_impl(copy, NULL, 0) == 0) {
        hl_decref(list);
        return copy;
    }
    if (!hl_err_exception_matches(hl_exc_Exception)) {
        hl_decref(list);
        hl_decref(copy);
        return NULL;
    }
    hl_err_clear();
    hl_decref(copy);
    copy = hl_list_get_slice(list, 0, HL_SIZE(list));
    if (copy == NULL) {
        hl_decref(list);
        return NULL;
    }
    HLObject *key = hl_dict_get_item_str(hl_builtins_dict(), "str");
    if (key != NULL && hl_list_sort_impl(copy, key, 0) == 0) {
        hl_decref(list);
        return copy;
    }
    hl_decref(copy);
    if (key != NULL && !hl_err_exception_matches(hl_exc_Exception)) {
        hl_decref(list);
        return NULL;
    }
    hl_err_clear();
    return list;
}

/* _set_pprinter_factory */
static int set_pprint(printer *p, HLObject *obj, int cycle, const char *start, const char *end)
{
    if (cycle) {
        text(p, start);
        text(p, "...");
        text(p, end);
        return 0;
    }
    hl_ssize_t n = hl_object_length(obj);
    if (n < 0)
        return -1;
    if (n == 0) {
        text(p, HL_TYPE(obj)->tp_name);
        text(p, "()");
        return 0;
    }
    hl_ssize_t step = (hl_ssize_t)strlen(start);
    begin_group(p, step, start);
    HLObject *items = n >= MAX_SEQ_LENGTH ? hl_newref(obj) : sorted_for_pprint(obj);
    if (items == NULL)
        return -1;
    int r = print_items(p, items);
    hl_decref(items);
    if (r < 0)
        return -1;
    end_group(p, step, end);
    return 0;
}

/* _dict_pprinter_factory: keys from obj.keys(), values by obj[key]. */
static int dict_pprint(printer *p, HLObject *obj, int cycle, const char *start, const char *end)
{
    if (cycle) {
        text(p, "{...}");
        return 0;
    }
    hl_ssize_t step = (hl_ssize_t)strlen(start);
    begin_group(p, step, start);
    HLObject *keys = hl_call_method_noargs(obj, "keys");
    HLObject *it = keys ? hl_object_get_iter(keys) : NULL;
    hl_xdecref(keys);
    if (it == NULL)
        return -1;
    HLObject *key;
    for (hl_ssize_t idx = 0; (key = enumerate_next(p, it, idx)) != NULL; idx++) {
        if (idx) {
            text(p, ",");
            breakable(p);
        }
        int r = pretty(p, key);
        HLObject *value = NULL;
        if (r == 0) {
            text(p, ": ");
            value = hl_object_get_item(obj, key);
            r = value ? pretty(p, value) : -1;
        }
        hl_xdecref(value);
        hl_decref(key);
        if (r < 0) {
            hl_decref(it);
            return -1;
        }
    }
    hl_decref(it);
    if (hl_err_occurred())
        return -1;
    end_group(p, step, end);
    return 0;
}

/* _type_pprint: module.qualname, or the metaclass's __repr__. */
static int type_pprint(printer *p, HLObject *obj, int cycle)
{
    /* The first class of type(obj)'s MRO that defines __repr__ must be
     * type itself. */
    HLObject *mro = HL_TYPE(obj)->tp_mro;
    for (hl_ssize_t i = 0; mro && i < HL_SIZE(mro); i++) {
        HLTypeObject *m = (HLTypeObject *)HL_TUPLE_GET(mro, i);
        if (m->tp_dict && hl_dict_get_item_str(m->tp_dict, "__repr__")) {
            if (m != &hl_type_type)
                return repr_pprint(p, obj);
            break;
        }
    }
    HLObject *mod = safe_getattr(obj, "__module__");
    HLObject *name = safe_getattr(obj, "__qualname__");
    if (name == NULL || !hl_str_check(name)) {
        hl_xdecref(name);
        name = hl_object_getattr_str(obj, "__name__");
        if (name == NULL) {
            hl_xdecref(mod);
            return -1;
        }
        if (!hl_str_check(name))
            HL_SETREF(name, hl_str_from_cstr("<unknown type>"));
    }
    int plain = mod == NULL || mod == HL_None ||
                (hl_str_check(mod) && (hl_str_eq_cstr(mod, "__builtin__") || hl_str_eq_cstr(mod, "builtins") ||
                                       hl_str_eq_cstr(mod, "exceptions")));
    if (!plain) {
        /* mod + '.' + name: a TypeError for a module that is not a str */
        if (!hl_str_check(mod)) {
            hl_err_format(hl_exc_TypeError, "unsupported operand type(s) for +: '%s' and 'str'",
                          HL_TYPE(mod)->tp_name);
            hl_decref(mod);
            hl_xdecref(name);
            return -1;
        }
        text_str(p, mod);
        text(p, ".");
    }
    if (name)
        text_str(p, name);
    hl_xdecref(mod);
    hl_xdecref(name);
    return 0;
}

/* ---- signatures (str(inspect.signature(f))) ---------------------------------------- */

/* inspect.formatannotation */
static int format_annotation(hl_strbuf *b, HLObject *annotation)
{
    if (hl_type_check(annotation)) {
        HLObject *mod = hl_object_getattr_str(annotation, "__module__");
        HLObject *qual = mod ? hl_object_getattr_str(annotation, "__qualname__") : NULL;
        if (qual == NULL) {
            hl_xdecref(mod);
            return -1;
        }
        if (!(mod == HL_None || (hl_str_check(mod) && hl_str_eq_cstr(mod, "builtins")))) {
            if (hl_str_check(mod))
                hl_str_write_utf8(b, mod);
            hl_sb_putc(b, '.');
        }
        hl_str_write_utf8(b, qual);
        hl_decref(mod);
        hl_decref(qual);
        return 0;
    }
    HLObject *r = hl_object_repr(annotation);
    if (r == NULL)
        return -1;
    hl_str_write_utf8(b, r);
    hl_decref(r);
    return 0;
}

/* Parameter.__str__: name, ': annotation', '=default' (' = default' after an
 * annotation), with the * or ** of var-positional and var-keyword ones. */
static int format_parameter(hl_strbuf *b, const char *stars, HLObject *name, HLObject *annotations,
                            HLObject *deflt)
{
    hl_sb_puts(b, stars);
    hl_str_write_utf8(b, name);
    HLObject *ann = annotations ? hl_dict_get_item(annotations, name) : NULL;
    if (ann != NULL) {
        hl_sb_puts(b, ": ");
        if (format_annotation(b, ann) < 0)
            return -1;
    }
    if (deflt != NULL) {
        hl_sb_puts(b, ann ? " = " : "=");
        HLObject *r = hl_object_repr(deflt);
        if (r == NULL)
            return -1;
        hl_str_write_utf8(b, r);
        hl_decref(r);
    }
    return 0;
}

/* Signature.__str__ of a Python function: "(a, b=2, /, *args, c, **kw) -> r";
 * bound (a method), without its first positional parameter. */
static int function_signature(hl_strbuf *b, HLFunctionObject *f, int bound)
{
    HLCodeObject *co = (HLCodeObject *)f->func_code;
    HLObject *names = co->co_localsplusnames;
    int npos = co->co_argcount, nkw = co->co_kwonlyargcount, nposonly = co->co_posonlyargcount;
    HLObject *defaults = f->func_defaults;
    hl_ssize_t ndef = defaults ? HL_SIZE(defaults) : 0;
    HLObject *annotations = hl_object_getattr_str((HLObject *)f, "__annotations__");
    if (annotations == NULL)
        return -1;
    if (!hl_dict_check(annotations))
        HL_SETREF(annotations, hl_dict_new());
    int first = 1, r = 0;
#define SEP() (first ? (void)(first = 0) : hl_sb_puts(b, ", "))
    hl_sb_putc(b, '(');
    for (int i = bound && npos > 0; i < npos && r == 0; i++) {
        if (i == nposonly && nposonly > (bound && npos > 0)) {
            SEP();
            hl_sb_putc(b, '/');
        }
        SEP();
        HLObject *d = i >= npos - ndef ? HL_TUPLE_GET(defaults, i - (npos - ndef)) : NULL;
        r = format_parameter(b, "", HL_TUPLE_GET(names, i), annotations, d);
    }
    if (r == 0 && nposonly > (bound && npos > 0) && nposonly == npos) {
        SEP();
        hl_sb_putc(b, '/');
    }
    int k = npos + nkw;
    if (r == 0 && (co->co_flags & CO_VARARGS)) {
        SEP();
        r = format_parameter(b, "*", HL_TUPLE_GET(names, k), annotations, NULL);
    } else if (r == 0 && nkw > 0) {
        SEP();
        hl_sb_putc(b, '*');
    }
    for (int i = npos; i < npos + nkw && r == 0; i++) {
        SEP();
        HLObject *name = HL_TUPLE_GET(names, i);
        HLObject *d = f->func_kwdefaults ? hl_dict_get_item(f->func_kwdefaults, name) : NULL;
        r = format_parameter(b, "", name, annotations, d);
    }
    if (r == 0 && (co->co_flags & CO_VARKEYWORDS)) {
        SEP();
        r = format_parameter(b, "**", HL_TUPLE_GET(names, k + !!(co->co_flags & CO_VARARGS)), annotations, NULL);
    }
#undef SEP
    hl_sb_putc(b, ')');
    HLObject *ret = r == 0 ? hl_dict_get_item_str(annotations, "return") : NULL;
    if (ret != NULL) {
        hl_sb_puts(b, " -> ");
        r = format_annotation(b, ret);
    }
    hl_decref(annotations);
    return r;
}

/* The recorded signature of a built-in (ipython_signatures.c), by
 * "name" (builtins), "module.name" or "type.name" (bound methods). */
const char *hl_ipython_builtin_signature(HLObject *func)
{
    HLCFunctionObject *f = (HLCFunctionObject *)func;
    HLObject *self = f->m_self;
    hl_strbuf key = HL_STRBUF_INIT;
    if (self == NULL || hl_module_check(self)) {
        HLObject *name = self ? ((HLModuleObject *)self)->md_name : NULL;
        if (name != NULL && hl_str_check(name) && !hl_str_eq_cstr(name, "builtins")) {
            hl_str_write_utf8(&key, name);
            hl_sb_putc(&key, '.');
        }
    } else {
        hl_sb_puts(&key, hl_type_check(self) ? ((HLTypeObject *)self)->tp_name : HL_TYPE(self)->tp_name);
        hl_sb_putc(&key, '.');
    }
    hl_sb_puts(&key, f->m_ml->ml_name);
    const char *sig = hl_ipython_signature_of(hl_sb_cstr(&key));
    hl_sb_free(&key);
    return sig;
}

/* _function_pprint: <function module.qualname(signature)>; the module is
 * left out for builtins, the signature when there is none.  obj is
 * whatever claims a function's class: for anything but functions and
 * built-ins the names come from its attributes, as in IPython. */
static int function_pprint(printer *p, HLObject *obj)
{
    HLObject *name = safe_getattr(obj, "__qualname__");
    if (name == NULL && (name = hl_object_getattr_str(obj, "__name__")) == NULL)
        return -1;
    HLObject *mod;
    if (HL_IS_TYPE(obj, &hl_cfunction_type)) {
        /* A built-in: its module's name, None for a method of a type. */
        HLObject *m = ((HLCFunctionObject *)obj)->m_module;
        mod = hl_newref(m ? m : HL_None);
    } else if ((mod = hl_object_getattr_str(obj, "__module__")) == NULL) {
        hl_decref(name);
        return -1;
    }
    hl_strbuf b = HL_STRBUF_INIT;
    hl_sb_puts(&b, "<function ");
    if (hl_object_is_true(mod) > 0 && hl_str_check(mod) && !hl_str_eq_cstr(mod, "__builtin__") &&
        !hl_str_eq_cstr(mod, "builtins") && !hl_str_eq_cstr(mod, "exceptions")) {
        hl_str_write_utf8(&b, mod);
        hl_sb_putc(&b, '.');
    }
    hl_err_clear();
    hl_str_write_utf8(&b, name);
    int r = 0;
    if (hl_function_check(obj)) {
        r = function_signature(&b, (HLFunctionObject *)obj, 0);
    } else if (hl_method_check(obj) && hl_function_check(((HLMethodObject *)obj)->im_func)) {
        HLFunctionObject *f = (HLFunctionObject *)((HLMethodObject *)obj)->im_func;
        HLCodeObject *co = (HLCodeObject *)f->func_code;
        /* inspect refuses a method that takes no positional argument */
        if (co->co_argcount > 0 || (co->co_flags & CO_VARARGS))
            r = function_signature(&b, f, 1);
    } else if (HL_IS_TYPE(obj, &hl_cfunction_type)) {
        const char *sig = hl_ipython_builtin_signature(obj);
        if (sig)
            hl_sb_puts(&b, sig);
    }
    hl_sb_putc(&b, '>');
    if (r == 0)
        text_n(p, b.s, b.len);
    hl_sb_free(&b);
    hl_decref(mod);
    hl_decref(name);
    return r;
}

/* _exception_pprint: pretty(CallExpression(name, *obj.args)). */
static int exception_pprint(printer *p, HLObject *obj)
{
    HLTypeObject *cls = HL_TYPE(obj);
    HLObject *name = safe_getattr((HLObject *)cls, "__qualname__");
    if (name == NULL && (name = hl_object_getattr_str((HLObject *)cls, "__name__")) == NULL)
        return -1;
    HLObject *mod = hl_object_getattr_str((HLObject *)cls, "__module__");
    if (mod == NULL) {
        hl_decref(name);
        return -1;
    }
    hl_strbuf prefix = HL_STRBUF_INIT;
    if (!(hl_str_check(mod) && (hl_str_eq_cstr(mod, "exceptions") || hl_str_eq_cstr(mod, "builtins")))) {
        HLObject *s = hl_object_str(mod);
        if (s == NULL) {
            hl_decref(name);
            hl_decref(mod);
            return -1;
        }
        hl_str_write_utf8(&prefix, s);
        hl_decref(s);
        hl_sb_putc(&prefix, '.');
    }
    HLObject *ns = hl_object_str(name);
    hl_decref(name);
    hl_decref(mod);
    if (ns == NULL) {
        hl_sb_free(&prefix);
        return -1;
    }
    hl_str_write_utf8(&prefix, ns);
    hl_decref(ns);
    hl_sb_putc(&prefix, '(');
    HLObject *args = hl_object_getattr_str(obj, "args");
    if (args == NULL) {
        if (!hl_err_exception_matches(hl_exc_AttributeError)) {
            hl_sb_free(&prefix);
            return -1;
        }
        hl_err_clear();
        args = hl_tuple_new(0);
    }
    /* The CallExpression is an object of its own: pretty() opens a group
     * for it, then its _repr_pretty_ opens the call's. */
    begin_group(p, 0, "");
    hl_ssize_t step = width_of(prefix.s, prefix.len);
    begin_group(p, step, hl_sb_cstr(&prefix));
    int r = args ? print_items(p, args) : -1;
    hl_xdecref(args);
    if (r == 0) {
        end_group(p, step, ")");
        end_group(p, 0, "");
    }
    hl_sb_free(&prefix);
    return r;
}

/* _super_pprint: <super: thisclass, self> */
static int super_pprint(printer *p, HLObject *obj)
{
    begin_group(p, 8, "<super: ");
    HLObject *cls = hl_object_getattr_str(obj, "__thisclass__");
    int r = cls ? pretty(p, cls) : -1;
    hl_xdecref(cls);
    if (r < 0)
        return -1;
    text(p, ",");
    breakable(p);
    HLObject *self = hl_object_getattr_str(obj, "__self__");
    r = self ? pretty(p, self) : -1;
    hl_xdecref(self);
    if (r < 0)
        return -1;
    end_group(p, 8, ">");
    return 0;
}

/* _default_pprint: <module.Class at 0xADDRESS>, or the class's repr. */
static int default_pprint(printer *p, HLObject *obj, int cycle)
{
    HLObject *klass = safe_getattr(obj, "__class__");
    if (klass == NULL || hl_object_is_true(klass) <= 0) {
        hl_err_clear();
        HL_XSETREF(klass, hl_newref(HL_TYPE(obj)));
    }
    HLObject *klass_repr = safe_getattr(klass, "__repr__");
    HLObject *object_repr = hl_dict_get_item_str(hl_object_type.tp_dict, "__repr__");
    hl_xdecref(klass_repr);
    if (klass_repr != object_repr) {
        hl_decref(klass);
        return repr_pprint(p, obj);
    }
    begin_group(p, 1, "<");
    int r = pretty(p, klass);
    hl_decref(klass);
    if (r < 0)
        return -1;
    char at[40];
    hl_snprintf(at, sizeof at, " at 0x%lx", (unsigned long)(uintptr_t)obj);
    text(p, at);
    if (cycle)
        text(p, " ...");
    end_group(p, 1, ">");
    return 0;
}

/* The printer _type_pprinters registers for cls, if any (by identity, as
 * the dict lookup does). */
static int type_printer(printer *p, HLObject *cls, HLObject *obj, int cycle, int *found)
{
    HLTypeObject *t = (HLTypeObject *)cls;
    *found = 1;
    if (t == &hl_long_type || t == &hl_float_type || t == &hl_str_type || t == &hl_method_type ||
        t == &hl_slice_type || t == &hl_range_type)
        return repr_pprint(p, obj);
    if (t == &hl_tuple_type)
        return seq_pprint(p, obj, cycle, "(", ")");
    if (t == &hl_list_type)
        return seq_pprint(p, obj, cycle, "[", "]");
    if (t == &hl_dict_type)
        return dict_pprint(p, obj, cycle, "{", "}");
    if (t == &hl_mappingproxy_type)
        return dict_pprint(p, obj, cycle, "mappingproxy({", "})");
    if (t == &hl_set_type)
        return set_pprint(p, obj, cycle, "{", "}");
    if (t == &hl_frozenset_type)
        return set_pprint(p, obj, cycle, "frozenset({", "})");
    if (t == &hl_super_type)
        return super_pprint(p, obj);
    if (t == &hl_type_type)
        return type_pprint(p, obj, cycle);
    if (t == &hl_function_type || t == &hl_cfunction_type)
        return function_pprint(p, obj);
    if (t == &hl_BaseException_type)
        return exception_pprint(p, obj);
    *found = 0;
    return 0;
}

static int dispatch(printer *p, HLObject *obj, int cycle)
{
    if (obj == HL_None || obj == HL_True || obj == HL_False || obj == HL_Ellipsis || obj == HL_NotImplemented)
        return repr_pprint(p, obj);
    HLObject *klass = safe_getattr(obj, "__class__");
    if (klass == NULL || hl_object_is_true(klass) <= 0) {
        hl_err_clear();
        HL_XSETREF(klass, hl_newref(HL_TYPE(obj)));
    }
    HLObject *mro = hl_type_check(klass) ? hl_xnewref(((HLTypeObject *)klass)->tp_mro)
                                         : hl_object_getattr_str(klass, "__mro__");
    hl_decref(klass);
    if (mro == NULL)
        return -1;
    HLObject *seq = hl_sequence_list(mro);
    hl_decref(mro);
    if (seq == NULL)
        return -1;
    int r = 0, done = 0;
    for (hl_ssize_t i = 0; i < HL_SIZE(seq) && !done; i++) {
        HLObject *cls = HL_LIST_GET(seq, i);
        if (hl_type_check(cls)) {
            r = type_printer(p, cls, obj, cycle, &done);
            if (done)
                break;
        }
        HLObject *dict = hl_object_getattr_str(cls, "__dict__");
        if (dict == NULL) {
            r = -1;
            break;
        }
        HLObject *key = hl_str_intern_from_cstr("__repr__");
        HLObject *rep = key ? hl_object_get_item(dict, key) : NULL;
        hl_xdecref(key);
        hl_decref(dict);
        if (rep == NULL) {
            if (!hl_err_exception_matches(hl_exc_KeyError)) {
                r = -1;
                break;
            }
            hl_err_clear();
        } else {
            int callable = HL_TYPE(rep)->tp_call != NULL;
            hl_decref(rep);
            if (cls != (HLObject *)&hl_object_type && callable) {
                r = repr_pprint(p, obj);
                done = 1;
            }
        }
    }
    hl_decref(seq);
    if (!done && r == 0)
        r = default_pprint(p, obj, cycle);
    return r;
}

/* RepresentationPrinter.pretty */
static int pretty(printer *p, HLObject *obj)
{
    if (hl_enter_recursive_call(" while getting the repr of an object"))
        return -1;
    int cycle = 0;
    for (size_t i = 0; i < p->stack.n; i++)
        cycle |= pv_at(&p->stack, i) == obj;
    if (pv_push(&p->stack, obj) < 0)
        p->failed = 1;
    begin_group(p, 0, "");
    int r = p->failed ? -1 : dispatch(p, obj, cycle);
    if (r == 0) {
        end_group(p, 0, "");
        pv_pop(&p->stack);
    }
    hl_leave_recursive_call();
    return r;
}

int hl_ipython_pretty(HLObject *value, hl_strbuf *out)
{
    printer p = {0};
    p.out = out;
    group *root = owned_alloc(&p, &p.groups, sizeof *root);
    if (root != NULL && pv_push(&p.group_stack, root) == 0)
        queue_enq(&p, root);
    int r = p.failed ? -1 : pretty(&p, value);
    if (r == 0)
        flush(&p);
    if (p.failed || out->failed) {
        if (r == 0 || !hl_err_occurred())
            hl_err_nomemory();
        r = -1;
    }
    for (size_t i = 0; i < p.groups.n; i++) {
        group *g = pv_at(&p.groups, i);
        pv_free(&g->breakables);
        hl_raw_free(g);
    }
    for (size_t i = 0; i < p.items.n; i++) {
        item *x = pv_at(&p.items, i);
        hl_sb_free(&x->text);
        hl_raw_free(x);
    }
    for (size_t d = 0; d < p.queue_len; d++)
        pv_free(&p.queue[d]);
    hl_raw_free(p.queue);
    pv_free(&p.buffer);
    pv_free(&p.group_stack);
    pv_free(&p.stack);
    pv_free(&p.groups);
    pv_free(&p.items);
    return r;
}
