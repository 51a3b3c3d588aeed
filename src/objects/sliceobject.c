/*
 * sliceobject.c — slice objects and index arithmetic.
 *
 * As in CPython 3.11, slice objects are GC objects and one freed slice is
 * cached for reuse (interp->slice_cache).  Slice bounds are clamped to the
 * sequence; huge integers are clamped to the hl_ssize_t range rather than
 * overflowing (_PyEval_SliceIndex).
 */
#include "sliceobject.h"

#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "abstract.h"
#include "longobject.h"
#include "strobject.h"
#include "tupleobject.h"

static HLSliceObject *slice_cache;

HLObject *hl_slice_new(HLObject *start, HLObject *stop, HLObject *step)
{
    HLSliceObject *obj;
    if (slice_cache != NULL) {
        obj = slice_cache;
        slice_cache = NULL;
        hl_new_reference((HLObject *)obj);
    } else {
        obj = (HLSliceObject *)hl_gc_new(&hl_slice_type);
        if (obj == NULL)
            return NULL;
    }
    obj->start = hl_newref(start ? start : HL_None);
    obj->stop = hl_newref(stop ? stop : HL_None);
    obj->step = hl_newref(step ? step : HL_None);
    hl_gc_track(obj);
    return (HLObject *)obj;
}

/* _PyEval_SliceIndex: 1 on success, 0 with an exception set. */
int hl_slice_index_arg(HLObject *v, hl_ssize_t *pi)
{
    if (v == HL_None)
        return 1;
    if (!hl_index_check(v)) {
        hl_err_set_string(hl_exc_TypeError,
                          "slice indices must be integers or None or have an __index__ method");
        return 0;
    }
    hl_ssize_t x = hl_number_as_ssize(v, NULL);
    if (x == -1 && hl_err_occurred())
        return 0;
    *pi = x;
    return 1;
}

int hl_slice_unpack(HLObject *_r, hl_ssize_t *start, hl_ssize_t *stop, hl_ssize_t *step)
{
    HLSliceObject *r = (HLSliceObject *)_r;
    if (r->step == HL_None) {
        *step = 1;
    } else {
        if (!hl_slice_index_arg(r->step, step))
            return -1;
        if (*step == 0) {
            hl_err_set_string(hl_exc_ValueError, "slice step cannot be zero");
            return -1;
        }
        /* -step must not overflow. */
        if (*step < -HL_SSIZE_T_MAX)
            *step = -HL_SSIZE_T_MAX;
    }
    if (r->start == HL_None)
        *start = *step < 0 ? HL_SSIZE_T_MAX : 0;
    else if (!hl_slice_index_arg(r->start, start))
        return -1;
    if (r->stop == HL_None)
        *stop = *step < 0 ? HL_SSIZE_T_MIN : HL_SSIZE_T_MAX;
    else if (!hl_slice_index_arg(r->stop, stop))
        return -1;
    return 0;
}

hl_ssize_t hl_slice_adjust_indices(hl_ssize_t length, hl_ssize_t *start, hl_ssize_t *stop,
                                   hl_ssize_t step)
{
    if (*start < 0) {
        *start += length;
        if (*start < 0)
            *start = (step < 0) ? -1 : 0;
    } else if (*start >= length) {
        *start = (step < 0) ? length - 1 : length;
    }
    if (*stop < 0) {
        *stop += length;
        if (*stop < 0)
            *stop = (step < 0) ? -1 : 0;
    } else if (*stop >= length) {
        *stop = (step < 0) ? length - 1 : length;
    }
    if (step < 0) {
        if (*stop < *start)
            return (*start - *stop - 1) / (-step) + 1;
    } else {
        if (*start < *stop)
            return (*stop - *start - 1) / step + 1;
    }
    return 0;
}

static void slice_dealloc(HLObject *op)
{
    HLSliceObject *r = (HLSliceObject *)op;
    hl_gc_untrack(op);
    hl_decref(r->step);
    hl_decref(r->start);
    hl_decref(r->stop);
    if (slice_cache == NULL)
        slice_cache = r;
    else
        hl_gc_del(op);
}

static int slice_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    HLSliceObject *r = (HLSliceObject *)op;
    HL_VISIT(r->start);
    HL_VISIT(r->stop);
    HL_VISIT(r->step);
    return 0;
}

static HLObject *slice_repr(HLObject *op)
{
    HLSliceObject *r = (HLSliceObject *)op;
    return hl_str_from_format("slice(%R, %R, %R)", r->start, r->stop, r->step);
}

static HLObject *slice_richcompare(HLObject *v, HLObject *w, int op)
{
    if (!hl_slice_check(v) || !hl_slice_check(w))
        return hl_newref(HL_NotImplemented);
    if (v == w) {
        int res = op == HL_EQ || op == HL_LE || op == HL_GE;
        return hl_bool_from_long(res);
    }
    HLSliceObject *a = (HLSliceObject *)v, *b = (HLSliceObject *)w;
    HLObject *t1 = hl_tuple_pack(3, a->start, a->stop, a->step);
    HLObject *t2 = t1 ? hl_tuple_pack(3, b->start, b->stop, b->step) : NULL;
    HLObject *res = t2 ? hl_object_richcompare(t1, t2, op) : NULL;
    hl_xdecref(t1);
    hl_xdecref(t2);
    return res;
}

static HLObject *slice_new(HLTypeObject *type, HLObject *args, HLObject *kw)
{
    hl_ssize_t n = HL_SIZE(args);
    if (n < 1 || n > 3) {
        hl_err_format(hl_exc_TypeError, n < 1 ? "slice expected at least 1 argument, got %zd"
                                              : "slice expected at most 3 arguments, got %zd",
                      (ssize_t)n);
        return NULL;
    }
    if (n == 1)
        return hl_slice_new(NULL, HL_TUPLE_GET(args, 0), NULL);
    return hl_slice_new(HL_TUPLE_GET(args, 0), HL_TUPLE_GET(args, 1), n > 2 ? HL_TUPLE_GET(args, 2) : NULL);
}

static HLMemberDef slice_members[] = {
    {"start", HL_T_OBJECT, offsetof(HLSliceObject, start), HL_READONLY},
    {"stop", HL_T_OBJECT, offsetof(HLSliceObject, stop), HL_READONLY},
    {"step", HL_T_OBJECT, offsetof(HLSliceObject, step), HL_READONLY},
    {NULL}};

HLTypeObject hl_slice_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "slice",
    .tp_basicsize = sizeof(HLSliceObject),
    .tp_dealloc = slice_dealloc,
    .tp_repr = slice_repr,
    .tp_hash = hl_hash_not_implemented,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = slice_traverse,
    .tp_richcompare = slice_richcompare,
    .tp_members = slice_members,
    .tp_new = slice_new,
};
