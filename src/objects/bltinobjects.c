/*
 * bltinobjects.c — the iterator objects made by builtins: zip, map,
 * filter, and the callable iterator of iter(f, sentinel); as CPython 3.11
 * makes them (Python/bltinmodule.c, Objects/iterobject.c).
 *
 * All four are small GC objects holding the iterators they pull from.
 *
 *   zip      (16 bytes + GC head): a tuple of iterators and a result tuple
 *            of the same size made at creation (filled with None).  Like
 *            enumerate, each step refills the result tuple in place when
 *            nobody else holds it, so a zip loop allocates one tuple.  With
 *            strict=True, running out early on some but not all iterators
 *            raises ValueError naming the argument.  zip has no vectorcall
 *            in 3.11: calling it packs the arguments into a tuple (and the
 *            keywords into a dict) for tp_new, as type_call does.
 *   map      (8 bytes + GC head): a tuple of iterators and the function;
 *            each step calls the function with one item from each.
 *   filter   (8 bytes + GC head): the function (None or bool: truth test
 *            only) and one iterator.
 *   callable_iterator (8 bytes + GC head): calls the callable until the
 *            result equals the sentinel, then drops both.
 */
#include "enumobject.h"

#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "../runtime/obmalloc.h"
#include "../runtime/state.h"
#include "abstract.h"
#include "dictobject.h"
#include "longobject.h"
#include "strobject.h"
#include "tupleobject.h"

static inline int ensure_ready(HLTypeObject *tp)
{
    return (tp->tp_flags & HL_TPFLAGS_READY) ? 0 : hl_type_ready(tp);
}

/* ---- helpers shared with the builtins module ------------------------------- */

hl_ssize_t hl_object_length_hint(HLObject *o, hl_ssize_t dflt)
{
    HLTypeObject *tp = HL_TYPE(o);
    if ((tp->tp_as_sequence && tp->tp_as_sequence->sq_length) ||
        (tp->tp_as_mapping && tp->tp_as_mapping->mp_length)) {
        hl_ssize_t n = hl_object_size(o);
        if (n >= 0)
            return n;
        if (!hl_err_exception_matches(hl_exc_TypeError))
            return -1;
        hl_err_clear();
    }
    HLObject *hint = hl_lookup_special(o, "__length_hint__");
    if (hint == NULL)
        return hl_err_occurred() ? -1 : dflt;
    HLObject *result = hl_call_noargs(hint);
    hl_decref(hint);
    if (result == NULL) {
        if (hl_err_exception_matches(hl_exc_TypeError)) {
            hl_err_clear();
            return dflt;
        }
        return -1;
    }
    if (result == HL_NotImplemented) {
        hl_decref(result);
        return dflt;
    }
    if (!hl_long_check(result)) {
        hl_err_format(hl_exc_TypeError, "__length_hint__ must be an integer, not %.100s",
                      HL_TYPE(result)->tp_name);
        hl_decref(result);
        return -1;
    }
    hl_ssize_t res = hl_long_as_ssize(result);
    hl_decref(result);
    if (res < 0 && hl_err_occurred())
        return -1;
    if (res < 0) {
        hl_err_set_string(hl_exc_ValueError, "__length_hint__() should return >= 0");
        return -1;
    }
    return res;
}

HLObject *hl_type_call_via_new(HLTypeObject *type, HLObject *const *args, size_t nargsf,
                               HLObject *kwnames)
{
    hl_ssize_t nargs = HL_NARGS(nargsf);
    if (ensure_ready(type) < 0)
        return NULL;
    HLObject *argtuple = hl_tuple_from_array(args, nargs);
    if (argtuple == NULL)
        return NULL;
    HLObject *kwargs = NULL;
    if (kwnames != NULL && HL_SIZE(kwnames) != 0) {
        kwargs = hl_dict_new();
        for (hl_ssize_t i = 0; kwargs && i < HL_SIZE(kwnames); i++)
            if (hl_dict_set_item(kwargs, HL_TUPLE_GET(kwnames, i), args[nargs + i]) < 0)
                HL_CLEAR(kwargs);
        if (kwargs == NULL) {
            hl_decref(argtuple);
            return NULL;
        }
    }
    HLObject *obj = NULL;
    if (hl_enter_recursive_call(" while calling a Python object") == 0) {
        obj = type->tp_new(type, argtuple, kwargs);
        if (obj != NULL && hl_object_type_check(obj, type) && HL_TYPE(obj)->tp_init != NULL &&
            HL_TYPE(obj)->tp_init(obj, argtuple, kwargs) < 0)
            HL_CLEAR(obj);
        hl_leave_recursive_call();
    }
    hl_decref(argtuple);
    hl_xdecref(kwargs);
    return obj;
}

/* ---- zip ------------------------------------------------------------------------ */

typedef struct {
    HLObject ob_base;
    hl_ssize_t tuplesize;
    HLObject *ittuple; /* tuple of iterators */
    HLObject *result;  /* the reusable result tuple */
    int strict;
} zipobject;

static HLObject *zip_new(HLTypeObject *type, HLObject *args, HLObject *kwds)
{
    int strict = 0;
    if (kwds != NULL && hl_dict_size(kwds) != 0) {
        hl_ssize_t pos = 0;
        HLObject *k, *v;
        if (hl_dict_size(kwds) > 1) {
            hl_err_format(hl_exc_TypeError, "zip() takes at most 1 keyword argument (%zd given)",
                          (ssize_t)hl_dict_size(kwds));
            return NULL;
        }
        hl_dict_next(kwds, &pos, &k, &v);
        if (!hl_str_eq_cstr(k, "strict")) {
            hl_err_format(hl_exc_TypeError, "'%U' is an invalid keyword argument for zip()", k);
            return NULL;
        }
        strict = hl_object_is_true(v);
        if (strict < 0)
            return NULL;
    }
    hl_ssize_t tuplesize = HL_SIZE(args);
    HLObject *ittuple = hl_tuple_new(tuplesize);
    if (ittuple == NULL)
        return NULL;
    for (hl_ssize_t i = 0; i < tuplesize; i++) {
        HLObject *it = hl_object_get_iter(HL_TUPLE_GET(args, i));
        if (it == NULL) {
            hl_decref(ittuple);
            return NULL;
        }
        HL_TUPLE_SET(ittuple, i, it);
    }
    HLObject *result = hl_tuple_new(tuplesize);
    if (result == NULL) {
        hl_decref(ittuple);
        return NULL;
    }
    for (hl_ssize_t i = 0; i < tuplesize; i++)
        HL_TUPLE_SET(result, i, hl_newref(HL_None));
    zipobject *lz = (zipobject *)type->tp_alloc(type, 0);
    if (lz == NULL) {
        hl_decref(ittuple);
        hl_decref(result);
        return NULL;
    }
    lz->ittuple = ittuple;
    lz->tuplesize = tuplesize;
    lz->result = result;
    lz->strict = strict;
    return (HLObject *)lz;
}

static HLObject *zip_vectorcall(HLObject *type, HLObject *const *args, size_t nargsf,
                                HLObject *kwnames)
{
    return hl_type_call_via_new((HLTypeObject *)type, args, nargsf, kwnames);
}

static void zip_dealloc(HLObject *op)
{
    zipobject *lz = (zipobject *)op;
    hl_gc_untrack(op);
    hl_xdecref(lz->ittuple);
    hl_xdecref(lz->result);
    HL_TYPE(op)->tp_free(op);
}

static int zip_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    zipobject *lz = (zipobject *)op;
    HL_VISIT(lz->ittuple);
    HL_VISIT(lz->result);
    return 0;
}

/* strict=True and argument i ran out: ValueError unless all did. */
static HLObject *zip_check_strict(zipobject *lz, hl_ssize_t i)
{
    if (hl_err_occurred()) {
        if (!hl_err_exception_matches(hl_exc_StopIteration))
            return NULL;
        hl_err_clear();
    }
    if (i) {
        /* "argument 2 is shorter than argument 1",
         * "argument 3 is shorter than arguments 1-2" */
        return hl_err_format(hl_exc_ValueError, "zip() argument %zd is shorter than argument%s%zd",
                             (ssize_t)(i + 1), i == 1 ? " " : "s 1-", (ssize_t)i);
    }
    for (i = 1; i < lz->tuplesize; i++) {
        HLObject *it = HL_TUPLE_GET(lz->ittuple, i);
        HLObject *item = HL_TYPE(it)->tp_iternext(it);
        if (item) {
            hl_decref(item);
            return hl_err_format(hl_exc_ValueError, "zip() argument %zd is longer than argument%s%zd",
                                 (ssize_t)(i + 1), i == 1 ? " " : "s 1-", (ssize_t)i);
        }
        if (hl_err_occurred()) {
            if (!hl_err_exception_matches(hl_exc_StopIteration))
                return NULL;
            hl_err_clear();
        }
    }
    return NULL;
}

static HLObject *zip_next(HLObject *op)
{
    zipobject *lz = (zipobject *)op;
    hl_ssize_t tuplesize = lz->tuplesize;
    HLObject *result = lz->result;
    if (tuplesize == 0)
        return NULL;
    if (HL_REFCNT(result) == 1) {
        hl_incref(result);
        for (hl_ssize_t i = 0; i < tuplesize; i++) {
            HLObject *it = HL_TUPLE_GET(lz->ittuple, i);
            HLObject *item = HL_TYPE(it)->tp_iternext(it);
            if (item == NULL) {
                hl_decref(result);
                return lz->strict ? zip_check_strict(lz, i) : NULL;
            }
            HLObject *olditem = HL_TUPLE_GET(result, i);
            HL_TUPLE_SET(result, i, item);
            hl_decref(olditem);
        }
        /* A collection may have untracked the idle tuple. */
        if (!hl_gc_is_tracked(result))
            hl_gc_track(result);
    } else {
        result = hl_tuple_new(tuplesize);
        if (result == NULL)
            return NULL;
        for (hl_ssize_t i = 0; i < tuplesize; i++) {
            HLObject *it = HL_TUPLE_GET(lz->ittuple, i);
            HLObject *item = HL_TYPE(it)->tp_iternext(it);
            if (item == NULL) {
                hl_decref(result);
                return lz->strict ? zip_check_strict(lz, i) : NULL;
            }
            HL_TUPLE_SET(result, i, item);
        }
    }
    return result;
}

HLTypeObject hl_zip_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "zip",
    .tp_basicsize = sizeof(zipobject),
    .tp_dealloc = zip_dealloc,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_BASETYPE,
    .tp_traverse = zip_traverse,
    .tp_iter = hl_object_self_iter,
    .tp_iternext = zip_next,
    .tp_alloc = hl_type_generic_alloc,
    .tp_new = zip_new,
    .tp_free = hl_gc_del,
    .tp_vectorcall = zip_vectorcall,
};

/* ---- map ------------------------------------------------------------------------- */

typedef struct {
    HLObject ob_base;
    HLObject *iters; /* tuple of iterators */
    HLObject *func;
} mapobject;

static HLObject *map_make(HLTypeObject *type, HLObject *func, HLObject *const *its, hl_ssize_t n)
{
    HLObject *iters = hl_tuple_new(n);
    if (iters == NULL)
        return NULL;
    for (hl_ssize_t i = 0; i < n; i++) {
        HLObject *it = hl_object_get_iter(its[i]);
        if (it == NULL) {
            hl_decref(iters);
            return NULL;
        }
        HL_TUPLE_SET(iters, i, it);
    }
    if (ensure_ready(type) < 0) {
        hl_decref(iters);
        return NULL;
    }
    mapobject *lz = (mapobject *)type->tp_alloc(type, 0);
    if (lz == NULL) {
        hl_decref(iters);
        return NULL;
    }
    lz->iters = iters;
    lz->func = hl_newref(func);
    return (HLObject *)lz;
}

static HLObject *map_new(HLTypeObject *type, HLObject *args, HLObject *kwds)
{
    if ((type == &hl_map_type || type->tp_init == hl_map_type.tp_init) && kwds &&
        hl_dict_size(kwds) != 0) {
        hl_err_set_string(hl_exc_TypeError, "map() takes no keyword arguments");
        return NULL;
    }
    if (HL_SIZE(args) < 2) {
        hl_err_set_string(hl_exc_TypeError, "map() must have at least two arguments.");
        return NULL;
    }
    return map_make(type, HL_TUPLE_GET(args, 0), HL_TUPLE_ITEMS(args) + 1, HL_SIZE(args) - 1);
}

static HLObject *map_vectorcall(HLObject *type, HLObject *const *args, size_t nargsf,
                                HLObject *kwnames)
{
    HLTypeObject *tp = (HLTypeObject *)type;
    if (tp == &hl_map_type && hl_arg_no_kwnames("map", kwnames) < 0)
        return NULL;
    hl_ssize_t nargs = HL_NARGS(nargsf);
    if (nargs < 2) {
        hl_err_set_string(hl_exc_TypeError, "map() must have at least two arguments.");
        return NULL;
    }
    return map_make(tp, args[0], args + 1, nargs - 1);
}

static void map_dealloc(HLObject *op)
{
    mapobject *lz = (mapobject *)op;
    hl_gc_untrack(op);
    hl_xdecref(lz->iters);
    hl_xdecref(lz->func);
    HL_TYPE(op)->tp_free(op);
}

static int map_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    mapobject *lz = (mapobject *)op;
    HL_VISIT(lz->iters);
    HL_VISIT(lz->func);
    return 0;
}

#define SMALL_STACK 5 /* _PY_FASTCALL_SMALL_STACK */

static HLObject *map_next(HLObject *op)
{
    mapobject *lz = (mapobject *)op;
    HLObject *small_stack[SMALL_STACK], **stack = small_stack, *result = NULL;
    hl_ssize_t niters = HL_SIZE(lz->iters), nargs = 0;
    if (niters > SMALL_STACK) {
        /* PyMem_Malloc in CPython: a pymalloc block. */
        stack = hl_mem_malloc((size_t)niters * sizeof(HLObject *));
        if (stack == NULL)
            return hl_err_nomemory();
    }
    for (hl_ssize_t i = 0; i < niters; i++) {
        HLObject *it = HL_TUPLE_GET(lz->iters, i);
        HLObject *val = HL_TYPE(it)->tp_iternext(it);
        if (val == NULL)
            goto exit;
        stack[i] = val;
        nargs++;
    }
    result = hl_vectorcall(lz->func, stack, (size_t)nargs, NULL);
exit:
    for (hl_ssize_t i = 0; i < nargs; i++)
        hl_decref(stack[i]);
    if (stack != small_stack)
        hl_mem_free(stack);
    return result;
}

HLTypeObject hl_map_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "map",
    .tp_basicsize = sizeof(mapobject),
    .tp_dealloc = map_dealloc,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_BASETYPE,
    .tp_traverse = map_traverse,
    .tp_iter = hl_object_self_iter,
    .tp_iternext = map_next,
    .tp_alloc = hl_type_generic_alloc,
    .tp_new = map_new,
    .tp_free = hl_gc_del,
    .tp_vectorcall = map_vectorcall,
};

/* ---- filter ------------------------------------------------------------------------ */

typedef struct {
    HLObject ob_base;
    HLObject *func;
    HLObject *it;
} filterobject;

static HLObject *filter_make(HLTypeObject *type, HLObject *func, HLObject *seq)
{
    HLObject *it = hl_object_get_iter(seq);
    if (it == NULL)
        return NULL;
    if (ensure_ready(type) < 0) {
        hl_decref(it);
        return NULL;
    }
    filterobject *lz = (filterobject *)type->tp_alloc(type, 0);
    if (lz == NULL) {
        hl_decref(it);
        return NULL;
    }
    lz->func = hl_newref(func);
    lz->it = it;
    return (HLObject *)lz;
}

static HLObject *filter_new(HLTypeObject *type, HLObject *args, HLObject *kwds)
{
    if ((type == &hl_filter_type || type->tp_init == hl_filter_type.tp_init) && kwds &&
        hl_dict_size(kwds) != 0) {
        hl_err_set_string(hl_exc_TypeError, "filter() takes no keyword arguments");
        return NULL;
    }
    if (hl_arg_check_positional("filter", HL_SIZE(args), 2, 2) < 0)
        return NULL;
    return filter_make(type, HL_TUPLE_GET(args, 0), HL_TUPLE_GET(args, 1));
}

static HLObject *filter_vectorcall(HLObject *type, HLObject *const *args, size_t nargsf,
                                   HLObject *kwnames)
{
    HLTypeObject *tp = (HLTypeObject *)type;
    if (tp == &hl_filter_type && hl_arg_no_kwnames("filter", kwnames) < 0)
        return NULL;
    if (hl_arg_check_positional("filter", HL_NARGS(nargsf), 2, 2) < 0)
        return NULL;
    return filter_make(tp, args[0], args[1]);
}

static void filter_dealloc(HLObject *op)
{
    filterobject *lz = (filterobject *)op;
    hl_gc_untrack(op);
    HL_TRASHCAN_BEGIN(op, filter_dealloc)
    hl_xdecref(lz->func);
    hl_xdecref(lz->it);
    HL_TYPE(op)->tp_free(op);
    HL_TRASHCAN_END;
}

static int filter_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    filterobject *lz = (filterobject *)op;
    HL_VISIT(lz->it);
    HL_VISIT(lz->func);
    return 0;
}

static HLObject *filter_next(HLObject *op)
{
    filterobject *lz = (filterobject *)op;
    HLObject *it = lz->it;
    int checktrue = lz->func == HL_None || lz->func == (HLObject *)&hl_bool_type;
    hl_iternextfunc iternext = HL_TYPE(it)->tp_iternext;
    for (;;) {
        HLObject *item = iternext(it);
        if (item == NULL)
            return NULL;
        int ok;
        if (checktrue) {
            ok = hl_object_is_true(item);
        } else {
            HLObject *good = hl_call_one(lz->func, item);
            if (good == NULL) {
                hl_decref(item);
                return NULL;
            }
            ok = hl_object_is_true(good);
            hl_decref(good);
        }
        if (ok > 0)
            return item;
        hl_decref(item);
        if (ok < 0)
            return NULL;
    }
}

HLTypeObject hl_filter_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "filter",
    .tp_basicsize = sizeof(filterobject),
    .tp_dealloc = filter_dealloc,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_BASETYPE,
    .tp_traverse = filter_traverse,
    .tp_iter = hl_object_self_iter,
    .tp_iternext = filter_next,
    .tp_alloc = hl_type_generic_alloc,
    .tp_new = filter_new,
    .tp_free = hl_gc_del,
    .tp_vectorcall = filter_vectorcall,
};

/* ---- callable_iterator ---------------------------------------------------------------- */

typedef struct {
    HLObject ob_base;
    HLObject *it_callable; /* NULL when exhausted */
    HLObject *it_sentinel; /* NULL when exhausted */
} calliterobject;

HLObject *hl_calliter_new(HLObject *callable, HLObject *sentinel)
{
    if (ensure_ready(&hl_calliter_type) < 0)
        return NULL;
    calliterobject *it = (calliterobject *)hl_gc_new(&hl_calliter_type);
    if (it == NULL)
        return NULL;
    it->it_callable = hl_newref(callable);
    it->it_sentinel = hl_newref(sentinel);
    hl_gc_track(it);
    return (HLObject *)it;
}

static void calliter_dealloc(HLObject *op)
{
    calliterobject *it = (calliterobject *)op;
    hl_gc_untrack(op);
    hl_xdecref(it->it_callable);
    hl_xdecref(it->it_sentinel);
    hl_gc_del(op);
}

static int calliter_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    calliterobject *it = (calliterobject *)op;
    HL_VISIT(it->it_callable);
    HL_VISIT(it->it_sentinel);
    return 0;
}

static HLObject *calliter_iternext(HLObject *op)
{
    calliterobject *it = (calliterobject *)op;
    if (it->it_callable == NULL)
        return NULL;
    HLObject *result = hl_call_noargs(it->it_callable);
    if (result != NULL) {
        int ok = hl_object_richcompare_bool(it->it_sentinel, result, HL_EQ);
        if (ok == 0)
            return result;
        if (ok > 0) {
            HL_CLEAR(it->it_callable);
            HL_CLEAR(it->it_sentinel);
        }
    } else if (hl_err_exception_matches(hl_exc_StopIteration)) {
        hl_err_clear();
        HL_CLEAR(it->it_callable);
        HL_CLEAR(it->it_sentinel);
    }
    hl_xdecref(result);
    return NULL;
}

HLTypeObject hl_calliter_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "callable_iterator",
    .tp_basicsize = sizeof(calliterobject),
    .tp_dealloc = calliter_dealloc,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = calliter_traverse,
    .tp_iter = hl_object_self_iter,
    .tp_iternext = calliter_iternext,
};
