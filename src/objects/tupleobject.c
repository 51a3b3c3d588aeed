/*
 * tupleobject.c — tuple and its iterator.
 *
 * A tuple is one block: the header, the size, then the item pointers
 * (12 + 4n bytes on 32-bit, plus the GC head).  () is a static singleton.
 *
 * Free lists, as in CPython 3.11: a freed exact tuple of size n (1 <= n <=
 * 20) is pushed on free_list[n-1] (at most 2000 per size), chained through
 * its first item slot, and a new tuple of size n < 20 is popped from there
 * before pymalloc is asked.  (3.11 pushes 20-item tuples but never pops
 * them — `size < PyTuple_MAXSAVESIZE` in maybe_freelist_pop — and so do
 * we, so sys._debugmallocstats shows the same counts.)  A tuple taken from
 * a free list does not count as a GC allocation and one put back does not
 * count as a deallocation: gen-0's count only moves for real allocations.
 * Every full collection empties the free lists.
 *
 * A tuple is tracked by the collector when created; a collection untracks
 * tuples whose items can never be part of a cycle (hl_tuple_maybe_untrack).
 * Deallocation decrefs the items from last to first.
 */
#include "tupleobject.h"

#include <stdarg.h>

#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "../runtime/state.h"
#include "../runtime/strbuf.h"
#include "../runtime/sysmem.h"
#include "../runtime/obmalloc.h"
#include "abstract.h"
#include "listobject.h"
#include "longobject.h"
#include "sliceobject.h"
#include "strobject.h"

static HLTupleObject *free_list[HL_TUPLE_MAXSAVESIZE];
static int numfree[HL_TUPLE_MAXSAVESIZE];

/* The empty tuple: statically allocated with CPython 3.11's static refcount,
 * preceded by a GC head (it is a GC type's instance, never tracked). */
static struct {
    HLGCHead gc;
    HLTupleObject t;
} tuple_empty = {{0, 0}, {{{HL_STATIC_REFCNT, &hl_tuple_type}, 0}, {NULL}}};
#define EMPTY ((HLObject *)&tuple_empty.t)

static HLTupleObject *maybe_freelist_pop(hl_ssize_t size)
{
    if (size == 0)
        return NULL;
    if (size < HL_TUPLE_MAXSAVESIZE) {
        hl_ssize_t index = size - 1;
        HLTupleObject *op = free_list[index];
        if (op != NULL) {
            free_list[index] = (HLTupleObject *)op->ob_item[0];
            numfree[index]--;
            hl_new_reference((HLObject *)op);
            return op;
        }
    }
    return NULL;
}

static int maybe_freelist_push(HLTupleObject *op)
{
    if (HL_SIZE(op) == 0)
        return 0;
    hl_ssize_t index = HL_SIZE(op) - 1;
    if (index < HL_TUPLE_MAXSAVESIZE && numfree[index] < HL_TUPLE_MAXFREELIST &&
        HL_IS_TYPE(op, &hl_tuple_type)) {
        op->ob_item[0] = (HLObject *)free_list[index];
        free_list[index] = op;
        numfree[index]++;
        return 1;
    }
    return 0;
}

static void clear_freelist(void)
{
    for (int i = 0; i < HL_TUPLE_MAXSAVESIZE; i++) {
        HLTupleObject *p = free_list[i];
        free_list[i] = NULL;
        numfree[i] = 0;
        while (p) {
            HLTupleObject *q = p;
            p = (HLTupleObject *)p->ob_item[0];
            hl_gc_del(q);
        }
    }
}

int hl_tuple_free_list_count(int size)
{
    return size >= 1 && size <= HL_TUPLE_MAXSAVESIZE ? numfree[size - 1] : 0;
}

void hl_tuple_debug_stats(hl_strbuf *out)
{
    for (int i = 0; i < HL_TUPLE_MAXSAVESIZE; i++) {
        int len = i + 1;
        char buf[128];
        hl_snprintf(buf, sizeof buf, "free %d-sized PyTupleObject", len);
        hl_debug_allocator_stats(out, buf, numfree[i], hl_var_size(&hl_tuple_type, len));
    }
}

/* An untracked, uninitialized tuple (items not set). */
static HLTupleObject *tuple_alloc(hl_ssize_t size)
{
    HLTupleObject *op = maybe_freelist_pop(size);
    if (op == NULL) {
        if ((size_t)size > ((size_t)HL_SSIZE_T_MAX - sizeof(HLTupleObject)) / sizeof(HLObject *))
            return (HLTupleObject *)hl_err_nomemory();
        op = (HLTupleObject *)hl_gc_new_var(&hl_tuple_type, size);
    }
    return op;
}

HLObject *hl_tuple_new(hl_ssize_t size)
{
    if (size == 0)
        return hl_newref(EMPTY);
    HLTupleObject *op = tuple_alloc(size);
    if (op == NULL)
        return NULL;
    for (hl_ssize_t i = 0; i < size; i++)
        op->ob_item[i] = NULL;
    hl_gc_track(op);
    return (HLObject *)op;
}

HLObject *hl_tuple_pack(hl_ssize_t n, ...)
{
    if (n == 0)
        return hl_newref(EMPTY);
    va_list ap;
    va_start(ap, n);
    HLTupleObject *op = tuple_alloc(n);
    if (op == NULL) {
        va_end(ap);
        return NULL;
    }
    for (hl_ssize_t i = 0; i < n; i++)
        op->ob_item[i] = hl_newref(va_arg(ap, HLObject *));
    va_end(ap);
    hl_gc_track(op);
    return (HLObject *)op;
}

HLObject *hl_tuple_from_array(HLObject *const *src, hl_ssize_t n)
{
    if (n == 0)
        return hl_newref(EMPTY);
    HLTupleObject *op = tuple_alloc(n);
    if (op == NULL)
        return NULL;
    for (hl_ssize_t i = 0; i < n; i++)
        op->ob_item[i] = hl_newref(src[i]);
    hl_gc_track(op);
    return (HLObject *)op;
}

HLObject *hl_tuple_from_array_steal(HLObject *const *src, hl_ssize_t n)
{
    if (n == 0)
        return hl_newref(EMPTY);
    HLTupleObject *op = tuple_alloc(n);
    if (op == NULL) {
        for (hl_ssize_t i = 0; i < n; i++)
            hl_decref(src[i]);
        return NULL;
    }
    for (hl_ssize_t i = 0; i < n; i++)
        op->ob_item[i] = src[i];
    hl_gc_track(op);
    return (HLObject *)op;
}

HLObject *hl_tuple_get_item_borrowed(HLObject *t, hl_ssize_t i) { return HL_TUPLE_GET(t, i); }

HLObject *hl_tuple_get_slice(HLObject *t, hl_ssize_t lo, hl_ssize_t hi)
{
    hl_ssize_t n = HL_SIZE(t);
    if (lo < 0)
        lo = 0;
    if (hi > n)
        hi = n;
    if (hi < lo)
        hi = lo;
    if (lo == 0 && hi == n && hl_tuple_check_exact(t))
        return hl_newref(t);
    return hl_tuple_from_array(HL_TUPLE_ITEMS(t) + lo, hi - lo);
}

HLObject *hl_sequence_tuple(HLObject *v)
{
    if (hl_tuple_check_exact(v))
        return hl_newref(v);
    if (hl_list_check_exact(v))
        return hl_list_as_tuple(v);
    HLObject *list = hl_sequence_list(v);
    if (list == NULL)
        return NULL;
    HLObject *res = hl_list_as_tuple(list);
    hl_decref(list);
    return res;
}

/* _PyObject_GC_MAY_BE_TRACKED: could this object ever be in a cycle? */
static int may_be_tracked(HLObject *obj)
{
    if (!hl_object_is_gc(obj))
        return 0;
    if (hl_tuple_check_exact(obj))
        return hl_gc_is_tracked(obj);
    return 1;
}

void hl_tuple_maybe_untrack(HLObject *op)
{
    if (!hl_tuple_check_exact(op) || !hl_gc_is_tracked(op))
        return;
    for (hl_ssize_t i = 0; i < HL_SIZE(op); i++) {
        HLObject *elt = HL_TUPLE_GET(op, i);
        /* A tuple with NULL items is not built yet: keep it tracked. */
        if (!elt || may_be_tracked(elt))
            return;
    }
    hl_gc_untrack(op);
}

/* ---- slots --------------------------------------------------------------- */

static void tupledealloc(HLObject *op)
{
    if (HL_SIZE(op) == 0 && op == EMPTY) {
        hl_fatal("deallocating the empty tuple singleton");
    }
    hl_gc_untrack(op);
    HL_TRASHCAN_BEGIN(op, tupledealloc)
    hl_ssize_t i = HL_SIZE(op);
    while (--i >= 0)
        hl_xdecref(HL_TUPLE_GET(op, i));
    if (!maybe_freelist_push((HLTupleObject *)op))
        HL_TYPE(op)->tp_free(op);
    HL_TRASHCAN_END;
}

static int tupletraverse(HLObject *op, hl_visitproc visit, void *arg)
{
    for (hl_ssize_t i = HL_SIZE(op); --i >= 0;)
        HL_VISIT(HL_TUPLE_GET(op, i));
    return 0;
}

static HLObject *tuplerepr(HLObject *v)
{
    hl_ssize_t n = HL_SIZE(v);
    if (n == 0)
        return hl_str_from_cstr("()");
    int rc = hl_repr_enter(v);
    if (rc != 0)
        return rc > 0 ? hl_str_from_cstr("(...)") : NULL;
    hl_strbuf b = HL_STRBUF_INIT;
    HLObject *res = NULL;
    hl_sb_putc(&b, '(');
    for (hl_ssize_t i = 0; i < n; i++) {
        if (i > 0)
            hl_sb_puts(&b, ", ");
        HLObject *s = hl_object_repr(HL_TUPLE_GET(v, i));
        if (s == NULL)
            goto done;
        hl_str_write_utf8(&b, s);
        hl_decref(s);
    }
    hl_sb_puts(&b, n == 1 ? ",)" : ")");
    res = b.failed ? hl_err_nomemory() : hl_str_from_utf8(hl_sb_cstr(&b), (hl_ssize_t)b.len);
done:
    hl_sb_free(&b);
    hl_repr_leave(v);
    return res;
}

#define XXPRIME_1 ((hl_uhash_t)2654435761UL)
#define XXPRIME_2 ((hl_uhash_t)2246822519UL)
#define XXPRIME_5 ((hl_uhash_t)374761393UL)
#define XXROTATE(x) (((x) << 13) | ((x) >> 19))

/* CPython 3.11's tuplehash (xxHash-based), 32-bit constants. */
static hl_hash_t tuplehash(HLObject *v)
{
    hl_ssize_t len = HL_SIZE(v);
    hl_uhash_t acc = XXPRIME_5;
    for (hl_ssize_t i = 0; i < len; i++) {
        hl_uhash_t lane = (hl_uhash_t)hl_object_hash(HL_TUPLE_GET(v, i));
        if (lane == (hl_uhash_t)-1)
            return -1;
        acc += lane * XXPRIME_2;
        acc = XXROTATE(acc);
        acc *= XXPRIME_1;
    }
    acc += (hl_uhash_t)len ^ (XXPRIME_5 ^ 3527539UL);
    if (acc == (hl_uhash_t)-1)
        return 1546275796;
    return (hl_hash_t)acc;
}

static hl_ssize_t tuplelength(HLObject *a) { return HL_SIZE(a); }

static int tuplecontains(HLObject *a, HLObject *el)
{
    int cmp = 0;
    for (hl_ssize_t i = 0; cmp == 0 && i < HL_SIZE(a); ++i)
        cmp = hl_object_richcompare_bool(HL_TUPLE_GET(a, i), el, HL_EQ);
    return cmp;
}

static HLObject *tupleitem(HLObject *a, hl_ssize_t i)
{
    if (i < 0 || i >= HL_SIZE(a)) {
        hl_err_set_string(hl_exc_IndexError, "tuple index out of range");
        return NULL;
    }
    return hl_newref(HL_TUPLE_GET(a, i));
}

static HLObject *tupleconcat(HLObject *a, HLObject *bb)
{
    if (!hl_tuple_check(bb)) {
        hl_err_format(hl_exc_TypeError, "can only concatenate tuple (not \"%s\") to tuple",
                      HL_TYPE(bb)->tp_name);
        return NULL;
    }
    if (HL_SIZE(bb) == 0 && hl_tuple_check_exact(a))
        return hl_newref(a);
    if (HL_SIZE(a) == 0 && hl_tuple_check_exact(bb))
        return hl_newref(bb);
    hl_ssize_t size = HL_SIZE(a) + HL_SIZE(bb);
    if (size == 0)
        return hl_newref(EMPTY);
    HLTupleObject *np = tuple_alloc(size);
    if (np == NULL)
        return NULL;
    for (hl_ssize_t i = 0; i < HL_SIZE(a); i++)
        np->ob_item[i] = hl_newref(HL_TUPLE_GET(a, i));
    for (hl_ssize_t i = 0; i < HL_SIZE(bb); i++)
        np->ob_item[i + HL_SIZE(a)] = hl_newref(HL_TUPLE_GET(bb, i));
    hl_gc_track(np);
    return (HLObject *)np;
}

static HLObject *tuplerepeat(HLObject *a, hl_ssize_t n)
{
    hl_ssize_t input_size = HL_SIZE(a);
    if (input_size == 0 || n == 1) {
        if (hl_tuple_check_exact(a))
            return hl_newref(a);
    }
    if (input_size == 0 || n <= 0)
        return hl_newref(EMPTY);
    if (input_size > HL_SSIZE_T_MAX / n)
        return hl_err_nomemory();
    hl_ssize_t size = input_size * n;
    HLTupleObject *np = tuple_alloc(size);
    if (np == NULL)
        return NULL;
    for (hl_ssize_t j = 0; j < size; j++)
        np->ob_item[j] = hl_newref(HL_TUPLE_GET(a, j % input_size));
    hl_gc_track(np);
    return (HLObject *)np;
}

static HLObject *tuplesubscript(HLObject *self, HLObject *item)
{
    if (hl_index_check(item)) {
        hl_ssize_t i = hl_number_as_ssize(item, hl_exc_IndexError);
        if (i == -1 && hl_err_occurred())
            return NULL;
        if (i < 0)
            i += HL_SIZE(self);
        return tupleitem(self, i);
    }
    if (hl_slice_check(item)) {
        hl_ssize_t start, stop, step;
        if (hl_slice_unpack(item, &start, &stop, &step) < 0)
            return NULL;
        hl_ssize_t len = hl_slice_adjust_indices(HL_SIZE(self), &start, &stop, step);
        if (len <= 0)
            return hl_newref(EMPTY);
        if (start == 0 && step == 1 && len == HL_SIZE(self) && hl_tuple_check_exact(self))
            return hl_newref(self);
        HLTupleObject *res = tuple_alloc(len);
        if (res == NULL)
            return NULL;
        for (hl_ssize_t cur = start, i = 0; i < len; cur += step, i++)
            res->ob_item[i] = hl_newref(HL_TUPLE_GET(self, cur));
        hl_gc_track(res);
        return (HLObject *)res;
    }
    hl_err_format(hl_exc_TypeError, "tuple indices must be integers or slices, not %s",
                  HL_TYPE(item)->tp_name);
    return NULL;
}

static HLObject *tuplerichcompare(HLObject *v, HLObject *w, int op)
{
    if (!hl_tuple_check(v) || !hl_tuple_check(w))
        return hl_newref(HL_NotImplemented);
    hl_ssize_t vlen = HL_SIZE(v), wlen = HL_SIZE(w), i;
    /* Search for the first index where items are different. */
    for (i = 0; i < vlen && i < wlen; i++) {
        int k = hl_object_richcompare_bool(HL_TUPLE_GET(v, i), HL_TUPLE_GET(w, i), HL_EQ);
        if (k < 0)
            return NULL;
        if (!k)
            break;
    }
    if (i >= vlen || i >= wlen) {
        int cmp;
        switch (op) {
        case HL_LT: cmp = vlen < wlen; break;
        case HL_LE: cmp = vlen <= wlen; break;
        case HL_EQ: cmp = vlen == wlen; break;
        case HL_NE: cmp = vlen != wlen; break;
        case HL_GT: cmp = vlen > wlen; break;
        default: cmp = vlen >= wlen; break;
        }
        return hl_bool_from_long(cmp);
    }
    if (op == HL_EQ)
        return hl_newref(HL_False);
    if (op == HL_NE)
        return hl_newref(HL_True);
    return hl_object_richcompare(HL_TUPLE_GET(v, i), HL_TUPLE_GET(w, i), op);
}

static HLObject *tuple_new(HLTypeObject *type, HLObject *args, HLObject *kwds)
{
    if (kwds && HL_SIZE(kwds) != 0) {
        hl_err_set_string(hl_exc_TypeError, "tuple() takes no keyword arguments");
        return NULL;
    }
    if (HL_SIZE(args) > 1) {
        hl_err_format(hl_exc_TypeError, "tuple expected at most 1 argument, got %zd",
                      (ssize_t)HL_SIZE(args));
        return NULL;
    }
    HLObject *res = HL_SIZE(args) == 0 ? hl_newref(EMPTY) : hl_sequence_tuple(HL_TUPLE_GET(args, 0));
    if (res == NULL || type == &hl_tuple_type)
        return res;
    /* A subclass: copy into an instance of it. */
    hl_ssize_t n = HL_SIZE(res);
    HLObject *sub = type->tp_alloc(type, n);
    if (sub != NULL)
        for (hl_ssize_t i = 0; i < n; i++)
            HL_TUPLE_SET(sub, i, hl_newref(HL_TUPLE_GET(res, i)));
    hl_decref(res);
    return sub;
}

static HLObject *tuple_vectorcall(HLObject *type, HLObject *const *args, size_t nargsf,
                                  HLObject *kwnames)
{
    hl_ssize_t nargs = HL_NARGS(nargsf);
    if (hl_arg_no_kwnames("tuple", kwnames) < 0)
        return NULL;
    if (nargs > 1) {
        hl_err_format(hl_exc_TypeError, "tuple expected at most 1 argument, got %zd", (ssize_t)nargs);
        return NULL;
    }
    return nargs ? hl_sequence_tuple(args[0]) : hl_newref(EMPTY);
}

/* ---- methods -------------------------------------------------------------- */

static HLObject *tuple_index(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    if (hl_arg_check_positional("index", nargs, 1, 3) < 0)
        return NULL;
    hl_ssize_t start = 0, stop = HL_SSIZE_T_MAX, n = HL_SIZE(self);
    if (nargs > 1 && !hl_slice_index_arg(args[1], &start))
        return NULL;
    if (nargs > 2 && !hl_slice_index_arg(args[2], &stop))
        return NULL;
    if (start < 0 && (start += n) < 0)
        start = 0;
    if (stop < 0)
        stop += n;
    else if (stop > n)
        stop = n;
    for (hl_ssize_t i = start; i < stop; i++) {
        int cmp = hl_object_richcompare_bool(HL_TUPLE_GET(self, i), args[0], HL_EQ);
        if (cmp > 0)
            return hl_long_from_ssize(i);
        if (cmp < 0)
            return NULL;
    }
    hl_err_set_string(hl_exc_ValueError, "tuple.index(x): x not in tuple");
    return NULL;
}

static HLObject *tuple_count(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    hl_ssize_t count = 0;
    for (hl_ssize_t i = 0; i < HL_SIZE(self); i++) {
        int cmp = hl_object_richcompare_bool(HL_TUPLE_GET(self, i), args[0], HL_EQ);
        if (cmp > 0)
            count++;
        else if (cmp < 0)
            return NULL;
    }
    return hl_long_from_ssize(count);
}

static HLObject *tuple_sizeof(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    return hl_long_from_ssize(HL_TYPE(self)->tp_basicsize + HL_SIZE(self) * HL_TYPE(self)->tp_itemsize);
}

static HLMethodDef tuple_methods[] = {
    {"index", tuple_index, HL_METH_FASTCALL, NULL},
    {"count", tuple_count, HL_METH_O, NULL},
    {"__sizeof__", tuple_sizeof, HL_METH_NOARGS, NULL},
    {NULL}};

static HLSequenceMethods tuple_as_sequence = {
    .sq_length = tuplelength,
    .sq_concat = tupleconcat,
    .sq_repeat = tuplerepeat,
    .sq_item = tupleitem,
    .sq_contains = tuplecontains,
};
static HLMappingMethods tuple_as_mapping = {.mp_length = tuplelength, .mp_subscript = tuplesubscript};

static HLObject *tuple_iter(HLObject *seq);

HLTypeObject hl_tuple_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "tuple",
    .tp_basicsize = sizeof(HLTupleObject) - sizeof(HLObject *),
    .tp_itemsize = sizeof(HLObject *),
    .tp_dealloc = tupledealloc,
    .tp_repr = tuplerepr,
    .tp_as_sequence = &tuple_as_sequence,
    .tp_as_mapping = &tuple_as_mapping,
    .tp_hash = tuplehash,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_BASETYPE | HL_TPFLAGS_TUPLE_SUBCLASS,
    .tp_traverse = tupletraverse,
    .tp_richcompare = tuplerichcompare,
    .tp_iter = tuple_iter,
    .tp_methods = tuple_methods,
    .tp_new = tuple_new,
    .tp_alloc = hl_type_generic_alloc,
    .tp_free = hl_gc_del,
    .tp_vectorcall = tuple_vectorcall,
};

/* ---- the iterator ---------------------------------------------------------- */

typedef struct {
    HLObject ob_base;
    hl_ssize_t it_index;
    HLObject *it_seq; /* NULL when exhausted */
} tupleiterobject;

static void tupleiter_dealloc(HLObject *op)
{
    tupleiterobject *it = (tupleiterobject *)op;
    hl_gc_untrack(op);
    hl_xdecref(it->it_seq);
    hl_gc_del(op);
}

static int tupleiter_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    HL_VISIT(((tupleiterobject *)op)->it_seq);
    return 0;
}

static HLObject *tupleiter_next(HLObject *op)
{
    tupleiterobject *it = (tupleiterobject *)op;
    HLObject *seq = it->it_seq;
    if (seq == NULL)
        return NULL;
    if (it->it_index < HL_SIZE(seq))
        return hl_newref(HL_TUPLE_GET(seq, it->it_index++));
    it->it_seq = NULL;
    hl_decref(seq);
    return NULL;
}

static HLObject *tupleiter_len(HLObject *op, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    tupleiterobject *it = (tupleiterobject *)op;
    return hl_long_from_ssize(it->it_seq ? HL_SIZE(it->it_seq) - it->it_index : 0);
}

static HLMethodDef tupleiter_methods[] = {
    {"__length_hint__", tupleiter_len, HL_METH_NOARGS, NULL}, {NULL}};

HLTypeObject hl_tupleiter_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "tuple_iterator",
    .tp_basicsize = sizeof(tupleiterobject),
    .tp_dealloc = tupleiter_dealloc,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = tupleiter_traverse,
    .tp_iter = hl_object_self_iter,
    .tp_iternext = tupleiter_next,
    .tp_methods = tupleiter_methods,
};

static HLObject *tuple_iter(HLObject *seq)
{
    tupleiterobject *it = (tupleiterobject *)hl_gc_new(&hl_tupleiter_type);
    if (it == NULL)
        return NULL;
    it->it_index = 0;
    it->it_seq = hl_newref(seq);
    hl_gc_track(it);
    return (HLObject *)it;
}

int hl_tuple_init(void)
{
    hl_mem_register_static(&tuple_empty, sizeof tuple_empty);
    hl_gc_register_freelist(clear_freelist);
    return 0;
}
