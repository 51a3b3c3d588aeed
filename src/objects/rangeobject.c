/*
 * rangeobject.c — range, range_iterator and longrange_iterator, as
 * CPython 3.11 builds them.
 *
 * A range is a small plain object (not tracked by the collector: it can
 * only refer to ints) holding four int objects: start, stop, step and the
 * length, computed once at creation.  The arguments pass through
 * operator.index(), which returns an exact int itself, so range(x) holds
 * the very int object x (range(10**6).stop is the constant 10**6).  The
 * length is computed in C longs when start, stop and step all fit
 * (compute_range_length_long), otherwise with int arithmetic:
 * (hi - lo - 1) // step + 1 for a non-empty range.
 *
 * Indexing r[i] computes start + i*step with int objects, after checking
 * i against the length (negative i counts from the end).  Slicing makes a
 * new range from the slice's indices, computed as ints
 * (_PySlice_GetLongIndices).  `x in r` for an int x is arithmetic
 * (range_contains_long: bounds, then (x - start) % step == 0); for
 * anything else it iterates and compares, like count() and index().
 *
 * Iteration.  When start, stop, step and the length fit in a C long (32
 * bits here, as on wasm32), iter() makes a range_iterator holding four C
 * longs (index, start, step, len — 24 bytes), whose __next__ creates one
 * int per step.  Otherwise it makes a longrange_iterator holding int
 * objects and doing int arithmetic.  reversed(r) makes the same kinds of
 * iterator for range(start + (n-1)*step, start - step, -step).  Neither
 * iterator is a GC object.
 *
 * Two ranges are equal when they produce the same sequence (equal
 * lengths, and equal start and step where they matter); the hash is that
 * of (length, start, step) with the unneeded parts replaced by None.
 */
#include "rangeobject.h"

#include <limits.h>
#include <stddef.h>

#include "../runtime/errors.h"
#include "abstract.h"
#include "longobject.h"
#include "sliceobject.h"
#include "strobject.h"
#include "tupleobject.h"

#define ZERO hl_long_get_small(0) /* borrowed */
#define ONE hl_long_get_small(1)

static inline int ensure_ready(HLTypeObject *tp)
{
    return (tp->tp_flags & HL_TPFLAGS_READY) ? 0 : hl_type_ready(tp);
}

/* ---- length ---------------------------------------------------------------- */

/* Number of items of range(lo, hi, step) in C: for step > 0 the last item
 * is lo + (n-1)*step <= hi - 1, so n = (hi - lo - 1) / step + 1, computed
 * in unsigned long where the worst case still fits. */
static unsigned long get_len_of_range(long lo, long hi, long step)
{
    if (step > 0 && lo < hi)
        return 1UL + ((unsigned long)hi - 1UL - (unsigned long)lo) / (unsigned long)step;
    if (step < 0 && lo > hi)
        return 1UL + ((unsigned long)lo - 1UL - (unsigned long)hi) / (0UL - (unsigned long)step);
    return 0UL;
}

/* The length in C when everything fits a long: >= 0, -1 on an error, -2
 * when the int arithmetic is needed. */
static long compute_range_length_long(HLObject *start, HLObject *stop, HLObject *step)
{
    int overflow = 0;
    long lstart = hl_long_as_long_and_overflow(start, &overflow);
    if (overflow)
        return -2;
    if (lstart == -1 && hl_err_occurred())
        return -1;
    long lstop = hl_long_as_long_and_overflow(stop, &overflow);
    if (overflow)
        return -2;
    if (lstop == -1 && hl_err_occurred())
        return -1;
    long lstep = hl_long_as_long_and_overflow(step, &overflow);
    if (overflow)
        return -2;
    if (lstep == -1 && hl_err_occurred())
        return -1;
    unsigned long ulen = get_len_of_range(lstart, lstop, lstep);
    return ulen > (unsigned long)LONG_MAX ? -2 : (long)ulen;
}

static HLObject *compute_range_length(HLObject *start, HLObject *stop, HLObject *step)
{
    long len = compute_range_length_long(start, stop, step);
    if (len >= 0)
        return hl_long_from_long(len);
    if (len == -1)
        return NULL;
    int cmp = hl_object_richcompare_bool(step, ZERO, HL_GT);
    if (cmp < 0)
        return NULL;
    HLObject *lo, *hi;
    if (cmp == 1) {
        lo = start;
        hi = stop;
        hl_incref(step);
    } else {
        lo = stop;
        hi = start;
        step = hl_number_negative(step);
        if (step == NULL)
            return NULL;
    }
    cmp = hl_object_richcompare_bool(lo, hi, HL_GE);
    if (cmp != 0) {
        hl_decref(step);
        return cmp < 0 ? NULL : hl_newref(ZERO);
    }
    HLObject *tmp1 = NULL, *diff = NULL, *tmp2 = NULL, *result = NULL;
    if ((tmp1 = hl_number_subtract(hi, lo)) != NULL &&
        (diff = hl_number_subtract(tmp1, ONE)) != NULL &&
        (tmp2 = hl_number_floor_divide(diff, step)) != NULL)
        result = hl_number_add(tmp2, ONE);
    hl_xdecref(tmp2);
    hl_xdecref(diff);
    hl_xdecref(tmp1);
    hl_decref(step);
    return result;
}

/* ---- construction ---------------------------------------------------------------- */

/* Steals start, stop and step on success. */
static HLObject *make_range_object(HLTypeObject *type, HLObject *start, HLObject *stop,
                                   HLObject *step)
{
    HLObject *length = compute_range_length(start, stop, step);
    if (length == NULL)
        return NULL;
    HLRangeObject *obj = (HLRangeObject *)hl_object_new(type);
    if (obj == NULL) {
        hl_decref(length);
        return NULL;
    }
    obj->start = start;
    obj->stop = stop;
    obj->step = step;
    obj->length = length;
    return (HLObject *)obj;
}

static HLObject *range_from_array(HLTypeObject *type, HLObject *const *args, hl_ssize_t nargs)
{
    HLObject *start = NULL, *stop = NULL, *step = NULL;
    if (ensure_ready(type) < 0)
        return NULL;
    switch (nargs) {
    case 3:
    case 2:
        if ((start = hl_number_index(args[0])) == NULL)
            return NULL;
        if ((stop = hl_number_index(args[1])) == NULL) {
            hl_decref(start);
            return NULL;
        }
        if (nargs == 3) {
            step = hl_number_index(args[2]);
            if (step != NULL && hl_long_sign(step) == 0) {
                hl_err_set_string(hl_exc_ValueError, "range() arg 3 must not be zero");
                HL_CLEAR(step);
            }
        } else {
            step = hl_long_from_long(1);
        }
        if (step == NULL) {
            hl_decref(start);
            hl_decref(stop);
            return NULL;
        }
        break;
    case 1:
        if ((stop = hl_number_index(args[0])) == NULL)
            return NULL;
        start = hl_newref(ZERO);
        step = hl_newref(ONE);
        break;
    case 0:
        hl_err_set_string(hl_exc_TypeError, "range expected at least 1 argument, got 0");
        return NULL;
    default:
        hl_err_format(hl_exc_TypeError, "range expected at most 3 arguments, got %zd", (ssize_t)nargs);
        return NULL;
    }
    HLObject *obj = make_range_object(type, start, stop, step);
    if (obj == NULL) {
        hl_decref(start);
        hl_decref(stop);
        hl_decref(step);
    }
    return obj;
}

static HLObject *range_new(HLTypeObject *type, HLObject *args, HLObject *kw)
{
    if (kw && HL_SIZE(kw) != 0) {
        hl_err_set_string(hl_exc_TypeError, "range() takes no keyword arguments");
        return NULL;
    }
    return range_from_array(type, HL_TUPLE_ITEMS(args), HL_SIZE(args));
}

static HLObject *range_vectorcall(HLObject *type, HLObject *const *args, size_t nargsf,
                                  HLObject *kwnames)
{
    if (hl_arg_no_kwnames("range", kwnames) < 0)
        return NULL;
    return range_from_array((HLTypeObject *)type, args, HL_NARGS(nargsf));
}

HLObject *hl_range_new(HLObject *start, HLObject *stop, HLObject *step)
{
    HLObject *args[3] = {start, stop, step};
    return range_from_array(&hl_range_type, args, step ? 3 : 2);
}

static void range_dealloc(HLObject *op)
{
    HLRangeObject *r = (HLRangeObject *)op;
    hl_decref(r->start);
    hl_decref(r->stop);
    hl_decref(r->step);
    hl_decref(r->length);
    hl_object_free(op);
}

/* ---- items and slices ------------------------------------------------------------- */

/* start + i * step */
static HLObject *compute_item(HLRangeObject *r, HLObject *i)
{
    if (r->step == ONE)
        return hl_number_add(r->start, i);
    HLObject *incr = hl_number_multiply(i, r->step);
    if (incr == NULL)
        return NULL;
    HLObject *result = hl_number_add(r->start, incr);
    hl_decref(incr);
    return result;
}

static HLObject *compute_range_item(HLRangeObject *r, HLObject *arg)
{
    HLObject *i;
    int cmp = hl_object_richcompare_bool(arg, ZERO, HL_LT);
    if (cmp == -1)
        return NULL;
    if (cmp == 1) {
        if ((i = hl_number_add(r->length, arg)) == NULL)
            return NULL;
    } else {
        i = hl_newref(arg);
    }
    cmp = hl_object_richcompare_bool(i, ZERO, HL_LT);
    if (cmp == 0)
        cmp = hl_object_richcompare_bool(i, r->length, HL_GE);
    if (cmp != 0) {
        hl_decref(i);
        if (cmp == 1)
            hl_err_set_string(hl_exc_IndexError, "range object index out of range");
        return NULL;
    }
    HLObject *result = compute_item(r, i);
    hl_decref(i);
    return result;
}

static HLObject *range_item(HLObject *op, hl_ssize_t i)
{
    HLObject *arg = hl_long_from_ssize(i);
    if (arg == NULL)
        return NULL;
    HLObject *res = compute_range_item((HLRangeObject *)op, arg);
    hl_decref(arg);
    return res;
}

static HLObject *evaluate_slice_index(HLObject *v)
{
    if (hl_index_check(v))
        return hl_number_index(v);
    hl_err_set_string(hl_exc_TypeError,
                      "slice indices must be integers or None or have an __index__ method");
    return NULL;
}

/* One bound of a slice clipped to [lower, upper] (as int objects). */
static HLObject *slice_bound(HLObject *v, HLObject *dflt, HLObject *length, HLObject *lower,
                             HLObject *upper)
{
    if (v == HL_None)
        return hl_newref(dflt);
    HLObject *x = evaluate_slice_index(v);
    if (x == NULL)
        return NULL;
    if (hl_long_sign(x) < 0) {
        HL_SETREF(x, hl_number_add(x, length));
        if (x == NULL)
            return NULL;
        int cmp = hl_object_richcompare_bool(x, lower, HL_LT);
        if (cmp < 0) {
            hl_decref(x);
            return NULL;
        }
        if (cmp)
            HL_SETREF(x, hl_newref(lower));
    } else {
        int cmp = hl_object_richcompare_bool(x, upper, HL_GT);
        if (cmp < 0) {
            hl_decref(x);
            return NULL;
        }
        if (cmp)
            HL_SETREF(x, hl_newref(upper));
    }
    return x;
}

/* _PySlice_GetLongIndices: the slice's start, stop, step as ints clipped
 * to a sequence of the given length. */
static int slice_get_long_indices(HLSliceObject *self, HLObject *length, HLObject **start_ptr,
                                  HLObject **stop_ptr, HLObject **step_ptr)
{
    HLObject *start = NULL, *stop = NULL, *step = NULL, *lower = NULL, *upper = NULL;
    int step_is_negative;
    if (self->step == HL_None) {
        step = hl_newref(ONE);
        step_is_negative = 0;
    } else {
        if ((step = evaluate_slice_index(self->step)) == NULL)
            goto error;
        int sign = hl_long_sign(step);
        if (sign == 0) {
            hl_err_set_string(hl_exc_ValueError, "slice step cannot be zero");
            goto error;
        }
        step_is_negative = sign < 0;
    }
    if (step_is_negative) {
        if ((lower = hl_long_from_long(-1)) == NULL || (upper = hl_number_add(length, lower)) == NULL)
            goto error;
    } else {
        lower = hl_newref(ZERO);
        upper = hl_newref(length);
    }
    if ((start = slice_bound(self->start, step_is_negative ? upper : lower, length, lower, upper)) == NULL)
        goto error;
    if ((stop = slice_bound(self->stop, step_is_negative ? lower : upper, length, lower, upper)) == NULL)
        goto error;
    hl_decref(lower);
    hl_decref(upper);
    *start_ptr = start;
    *stop_ptr = stop;
    *step_ptr = step;
    return 0;
error:
    hl_xdecref(start);
    hl_xdecref(stop);
    hl_xdecref(step);
    hl_xdecref(lower);
    hl_xdecref(upper);
    return -1;
}

static HLObject *compute_slice(HLRangeObject *r, HLObject *slice)
{
    HLObject *start, *stop, *step, *substart = NULL, *substop = NULL, *substep;
    if (slice_get_long_indices((HLSliceObject *)slice, r->length, &start, &stop, &step) < 0)
        return NULL;
    substep = hl_number_multiply(r->step, step);
    if (substep != NULL && (substart = compute_item(r, start)) != NULL)
        substop = compute_item(r, stop);
    hl_decref(start);
    hl_decref(stop);
    hl_decref(step);
    if (substop != NULL) {
        HLObject *result = make_range_object(HL_TYPE(r), substart, substop, substep);
        if (result != NULL)
            return result;
    }
    hl_xdecref(substart);
    hl_xdecref(substop);
    hl_xdecref(substep);
    return NULL;
}

static HLObject *range_subscript(HLObject *op, HLObject *item)
{
    if (hl_index_check(item)) {
        HLObject *i = hl_number_index(item);
        if (i == NULL)
            return NULL;
        HLObject *result = compute_range_item((HLRangeObject *)op, i);
        hl_decref(i);
        return result;
    }
    if (hl_slice_check(item))
        return compute_slice((HLRangeObject *)op, item);
    hl_err_format(hl_exc_TypeError, "range indices must be integers or slices, not %.200s",
                  HL_TYPE(item)->tp_name);
    return NULL;
}

static hl_ssize_t range_length(HLObject *op) { return hl_long_as_ssize(((HLRangeObject *)op)->length); }

static int range_bool(HLObject *op) { return hl_object_is_true(((HLRangeObject *)op)->length); }

/* ---- membership and searching ------------------------------------------------------ */

static int range_contains_long(HLRangeObject *r, HLObject *ob)
{
    int cmp1, cmp2, cmp3, result = -1;
    HLObject *tmp1 = NULL, *tmp2 = NULL;
    cmp1 = hl_object_richcompare_bool(r->step, ZERO, HL_GT);
    if (cmp1 == -1)
        return -1;
    if (cmp1 == 1) { /* start <= ob < stop */
        cmp2 = hl_object_richcompare_bool(r->start, ob, HL_LE);
        cmp3 = cmp2 == -1 ? -1 : hl_object_richcompare_bool(ob, r->stop, HL_LT);
    } else { /* stop < ob <= start */
        cmp2 = hl_object_richcompare_bool(ob, r->start, HL_LE);
        cmp3 = cmp2 == -1 ? -1 : hl_object_richcompare_bool(r->stop, ob, HL_LT);
    }
    if (cmp2 == -1 || cmp3 == -1)
        return -1;
    if (cmp2 == 0 || cmp3 == 0)
        return 0;
    /* (ob - start) % step == 0 */
    if ((tmp1 = hl_number_subtract(ob, r->start)) != NULL &&
        (tmp2 = hl_number_remainder(tmp1, r->step)) != NULL)
        result = hl_object_richcompare_bool(tmp2, ZERO, HL_EQ);
    hl_xdecref(tmp1);
    hl_xdecref(tmp2);
    return result;
}

enum { ITERSEARCH_COUNT, ITERSEARCH_INDEX, ITERSEARCH_CONTAINS };

/* _PySequence_IterSearch: count, first index, or membership by iterating
 * and comparing; -1 with an exception on error. */
static hl_ssize_t iter_search(HLObject *seq, HLObject *obj, int operation)
{
    HLObject *it = hl_object_get_iter(seq);
    if (it == NULL)
        return -1;
    hl_ssize_t n = 0;
    int wrapped = 0;
    HLObject *item;
    for (;;) {
        item = hl_iter_next(it);
        if (item == NULL) {
            if (hl_err_occurred())
                goto fail;
            break;
        }
        int cmp = hl_object_richcompare_bool(item, obj, HL_EQ);
        hl_decref(item);
        if (cmp < 0)
            goto fail;
        if (cmp > 0) {
            if (operation == ITERSEARCH_COUNT) {
                if (n == HL_SSIZE_T_MAX) {
                    hl_err_set_string(hl_exc_OverflowError, "count exceeds C integer size");
                    goto fail;
                }
                ++n;
            } else if (operation == ITERSEARCH_INDEX) {
                if (wrapped) {
                    hl_err_set_string(hl_exc_OverflowError, "index exceeds C integer size");
                    goto fail;
                }
                goto done;
            } else {
                n = 1;
                goto done;
            }
        }
        if (operation == ITERSEARCH_INDEX) {
            if (n == HL_SSIZE_T_MAX)
                wrapped = 1;
            ++n;
        }
    }
    if (operation == ITERSEARCH_INDEX) {
        hl_err_set_string(hl_exc_ValueError, "sequence.index(x): x not in sequence");
        goto fail;
    }
done:
    hl_decref(it);
    return n;
fail:
    hl_decref(it);
    return -1;
}

static int range_contains(HLObject *op, HLObject *ob)
{
    if (hl_long_check_exact(ob) || hl_bool_check(ob))
        return range_contains_long((HLRangeObject *)op, ob);
    return (int)iter_search(op, ob, ITERSEARCH_CONTAINS);
}

/* ---- comparison, hash, repr ------------------------------------------------------------- */

/* Equal as sequences: same length; if non-empty, same start; if longer
 * than one, same step. */
static int range_equals(HLRangeObject *r0, HLRangeObject *r1)
{
    if (r0 == r1)
        return 1;
    int cmp = hl_object_richcompare_bool(r0->length, r1->length, HL_EQ);
    if (cmp != 1)
        return cmp;
    cmp = hl_object_is_true(r0->length);
    if (cmp != 1)
        return cmp < 0 ? -1 : 1;
    cmp = hl_object_richcompare_bool(r0->start, r1->start, HL_EQ);
    if (cmp != 1)
        return cmp;
    cmp = hl_object_richcompare_bool(r0->length, ONE, HL_EQ);
    if (cmp != 0)
        return cmp;
    return hl_object_richcompare_bool(r0->step, r1->step, HL_EQ);
}

static HLObject *range_richcompare(HLObject *self, HLObject *other, int op)
{
    if (!hl_range_check(other) || (op != HL_EQ && op != HL_NE))
        return hl_newref(HL_NotImplemented);
    int result = range_equals((HLRangeObject *)self, (HLRangeObject *)other);
    if (result == -1)
        return NULL;
    return hl_bool_from_long(op == HL_NE ? !result : result);
}

/* hash((len, start, step)) with start/step None where they do not matter. */
static hl_hash_t range_hash(HLObject *op)
{
    HLRangeObject *r = (HLRangeObject *)op;
    hl_hash_t result = -1;
    HLObject *t = hl_tuple_new(3);
    if (t == NULL)
        return -1;
    HL_TUPLE_SET(t, 0, hl_newref(r->length));
    int empty = !hl_object_is_true(r->length);
    if (hl_err_occurred())
        goto end;
    if (empty) {
        HL_TUPLE_SET(t, 1, hl_newref(HL_None));
        HL_TUPLE_SET(t, 2, hl_newref(HL_None));
    } else {
        HL_TUPLE_SET(t, 1, hl_newref(r->start));
        int one = hl_object_richcompare_bool(r->length, ONE, HL_EQ);
        if (one < 0)
            goto end;
        HL_TUPLE_SET(t, 2, hl_newref(one ? HL_None : r->step));
    }
    result = hl_object_hash(t);
end:
    hl_decref(t);
    return result;
}

static HLObject *range_repr(HLObject *op)
{
    HLRangeObject *r = (HLRangeObject *)op;
    hl_ssize_t istep = hl_number_as_ssize(r->step, NULL);
    if (istep == -1 && hl_err_occurred())
        return NULL;
    if (istep == 1)
        return hl_str_from_format("range(%R, %R)", r->start, r->stop);
    return hl_str_from_format("range(%R, %R, %R)", r->start, r->stop, r->step);
}

/* ---- methods --------------------------------------------------------------------- */

static HLObject *range_count(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    HLObject *ob = args[0];
    if (hl_long_check_exact(ob) || hl_bool_check(ob)) {
        int result = range_contains_long((HLRangeObject *)self, ob);
        return result < 0 ? NULL : hl_long_from_long(result);
    }
    hl_ssize_t count = iter_search(self, ob, ITERSEARCH_COUNT);
    return count < 0 ? NULL : hl_long_from_ssize(count);
}

static HLObject *range_index(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    HLRangeObject *r = (HLRangeObject *)self;
    HLObject *ob = args[0];
    if (!hl_long_check_exact(ob) && !hl_bool_check(ob)) {
        hl_ssize_t index = iter_search(self, ob, ITERSEARCH_INDEX);
        return index < 0 ? NULL : hl_long_from_ssize(index);
    }
    int contains = range_contains_long(r, ob);
    if (contains < 0)
        return NULL;
    if (!contains) {
        hl_err_format(hl_exc_ValueError, "%R is not in range", ob);
        return NULL;
    }
    HLObject *idx = hl_number_subtract(ob, r->start);
    if (idx == NULL || r->step == ONE)
        return idx;
    HLObject *sidx = hl_number_floor_divide(idx, r->step);
    hl_decref(idx);
    return sidx;
}

static HLObject *range_reverse(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw);
static HLObject *range_iter(HLObject *seq);

static HLMethodDef range_methods[] = {
    {"__reversed__", range_reverse, HL_METH_NOARGS, NULL},
    {"count", range_count, HL_METH_O, NULL},
    {"index", range_index, HL_METH_O, NULL},
    {NULL}};

static HLMemberDef range_members[] = {
    {"start", HL_T_OBJECT, offsetof(HLRangeObject, start), HL_READONLY},
    {"stop", HL_T_OBJECT, offsetof(HLRangeObject, stop), HL_READONLY},
    {"step", HL_T_OBJECT, offsetof(HLRangeObject, step), HL_READONLY},
    {NULL}};

static HLNumberMethods range_as_number = {.nb_bool = range_bool};
static HLSequenceMethods range_as_sequence = {
    .sq_length = range_length,
    .sq_item = range_item,
    .sq_contains = range_contains,
};
static HLMappingMethods range_as_mapping = {.mp_length = range_length, .mp_subscript = range_subscript};

HLTypeObject hl_range_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "range",
    .tp_basicsize = sizeof(HLRangeObject),
    .tp_dealloc = range_dealloc,
    .tp_repr = range_repr,
    .tp_as_number = &range_as_number,
    .tp_as_sequence = &range_as_sequence,
    .tp_as_mapping = &range_as_mapping,
    .tp_hash = range_hash,
    .tp_getattro = hl_object_generic_getattr,
    .tp_richcompare = range_richcompare,
    .tp_iter = range_iter,
    .tp_methods = range_methods,
    .tp_members = range_members,
    .tp_new = range_new,
    .tp_free = hl_object_free,
    .tp_vectorcall = range_vectorcall,
};

/* ---- range_iterator: C longs ------------------------------------------------------- */

typedef struct {
    HLObject ob_base;
    long index, start, step, len;
} rangeiterobject;

static void rangeiter_dealloc(HLObject *op) { hl_object_free(op); }

static HLObject *rangeiter_next(HLObject *op)
{
    rangeiterobject *r = (rangeiterobject *)op;
    if (r->index < r->len)
        /* Unsigned arithmetic: no signed overflow on the way. */
        return hl_long_from_long((long)((unsigned long)r->start +
                                        (unsigned long)(r->index++) * (unsigned long)r->step));
    return NULL;
}

static HLObject *rangeiter_len(HLObject *op, HLObject *const *a, hl_ssize_t n, HLObject *k)
{
    rangeiterobject *r = (rangeiterobject *)op;
    return hl_long_from_long(r->len - r->index);
}

static HLMethodDef rangeiter_methods[] = {
    {"__length_hint__", rangeiter_len, HL_METH_NOARGS, NULL}, {NULL}};

HLTypeObject hl_rangeiter_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "range_iterator",
    .tp_basicsize = sizeof(rangeiterobject),
    .tp_dealloc = rangeiter_dealloc,
    .tp_getattro = hl_object_generic_getattr,
    .tp_iter = hl_object_self_iter,
    .tp_iternext = rangeiter_next,
    .tp_methods = rangeiter_methods,
};

static HLObject *fast_range_iter(long start, long stop, long step)
{
    if (ensure_ready(&hl_rangeiter_type) < 0)
        return NULL;
    rangeiterobject *it = (rangeiterobject *)hl_object_new(&hl_rangeiter_type);
    if (it == NULL)
        return NULL;
    it->start = start;
    it->step = step;
    unsigned long ulen = get_len_of_range(start, stop, step);
    if (ulen > (unsigned long)LONG_MAX) {
        hl_decref(it);
        hl_err_set_string(hl_exc_OverflowError, "range too large to represent as a range_iterator");
        return NULL;
    }
    it->len = (long)ulen;
    it->index = 0;
    return (HLObject *)it;
}

/* ---- longrange_iterator: int objects ------------------------------------------------ */

typedef struct {
    HLObject ob_base;
    HLObject *index, *start, *step, *len;
} longrangeiterobject;

static void longrangeiter_dealloc(HLObject *op)
{
    longrangeiterobject *r = (longrangeiterobject *)op;
    hl_xdecref(r->index);
    hl_xdecref(r->start);
    hl_xdecref(r->step);
    hl_xdecref(r->len);
    hl_object_free(op);
}

static HLObject *longrangeiter_next(HLObject *op)
{
    longrangeiterobject *r = (longrangeiterobject *)op;
    if (hl_object_richcompare_bool(r->index, r->len, HL_LT) != 1)
        return NULL;
    HLObject *new_index = hl_number_add(r->index, ONE);
    if (new_index == NULL)
        return NULL;
    HLObject *product = hl_number_multiply(r->index, r->step);
    if (product == NULL) {
        hl_decref(new_index);
        return NULL;
    }
    HLObject *result = hl_number_add(r->start, product);
    hl_decref(product);
    if (result != NULL)
        HL_SETREF(r->index, new_index);
    else
        hl_decref(new_index);
    return result;
}

static HLObject *longrangeiter_len(HLObject *op, HLObject *const *a, hl_ssize_t n, HLObject *k)
{
    longrangeiterobject *r = (longrangeiterobject *)op;
    return hl_number_subtract(r->len, r->index);
}

static HLMethodDef longrangeiter_methods[] = {
    {"__length_hint__", longrangeiter_len, HL_METH_NOARGS, NULL}, {NULL}};

HLTypeObject hl_longrangeiter_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "longrange_iterator",
    .tp_basicsize = sizeof(longrangeiterobject),
    .tp_dealloc = longrangeiter_dealloc,
    .tp_getattro = hl_object_generic_getattr,
    .tp_iter = hl_object_self_iter,
    .tp_iternext = longrangeiter_next,
    .tp_methods = longrangeiter_methods,
};

static longrangeiterobject *new_longrangeiter(void)
{
    if (ensure_ready(&hl_longrangeiter_type) < 0)
        return NULL;
    longrangeiterobject *it = (longrangeiterobject *)hl_object_new(&hl_longrangeiter_type);
    if (it != NULL)
        it->index = it->start = it->step = it->len = NULL;
    return it;
}

/* Reads an int as a C long; 0 (error cleared) if it does not fit. */
static int as_long(HLObject *v, long *out)
{
    *out = hl_long_as_long(v);
    if (*out == -1 && hl_err_occurred()) {
        hl_err_clear();
        return 0;
    }
    return 1;
}

static HLObject *range_iter(HLObject *seq)
{
    HLRangeObject *r = (HLRangeObject *)seq;
    long lstart, lstop, lstep;
    if (as_long(r->start, &lstart) && as_long(r->stop, &lstop) && as_long(r->step, &lstep)) {
        unsigned long ulen = get_len_of_range(lstart, lstop, lstep);
        int fits = ulen <= (unsigned long)LONG_MAX;
        /* start + len*step must not overflow either. */
        if (fits && ulen) {
            if (lstep > 0)
                fits = lstop <= LONG_MAX - (lstep - 1);
            else
                fits = lstop >= LONG_MIN + (-1 - lstep);
        }
        if (fits)
            return fast_range_iter(lstart, lstop, lstep);
    }
    longrangeiterobject *it = new_longrangeiter();
    if (it == NULL)
        return NULL;
    it->start = hl_newref(r->start);
    it->step = hl_newref(r->step);
    it->len = hl_newref(r->length);
    it->index = hl_newref(ZERO);
    return (HLObject *)it;
}

/* reversed(range(start, stop, step)) iterates range(start + (n-1)*step,
 * start - step, -step); in C longs when start, stop, step, -step,
 * start - step and the length all fit. */
static HLObject *range_reverse(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    HLRangeObject *range = (HLRangeObject *)self;
    long lstart, lstop, lstep;
    if (as_long(range->start, &lstart) && as_long(range->stop, &lstop) &&
        as_long(range->step, &lstep) && lstep != LONG_MIN) {
        int fits;
        if (lstep > 0)
            fits = !((unsigned long)lstart - (unsigned long)LONG_MIN < (unsigned long)lstep);
        else
            fits = !((unsigned long)LONG_MAX - (unsigned long)lstart < 0UL - (unsigned long)lstep);
        if (fits) {
            unsigned long ulen = get_len_of_range(lstart, lstop, lstep);
            if (ulen <= (unsigned long)LONG_MAX) {
                long new_stop = lstart - lstep;
                long new_start = (long)((unsigned long)new_stop + ulen * (unsigned long)lstep);
                return fast_range_iter(new_start, new_stop, -lstep);
            }
        }
    }
    longrangeiterobject *it = new_longrangeiter();
    if (it == NULL)
        return NULL;
    it->len = hl_newref(range->length);
    HLObject *diff = hl_number_subtract(it->len, ONE);
    HLObject *product = diff ? hl_number_multiply(diff, range->step) : NULL;
    hl_xdecref(diff);
    if (product != NULL) {
        it->start = hl_number_add(range->start, product);
        hl_decref(product);
    }
    if (it->start != NULL)
        it->step = hl_number_negative(range->step);
    if (it->step == NULL) {
        hl_decref(it);
        return NULL;
    }
    it->index = hl_newref(ZERO);
    return (HLObject *)it;
}
