/*
 * enumobject.c — enumerate and reversed, as CPython 3.11's
 * Objects/enumobject.c makes them.
 *
 * enumerate (28 bytes + GC head) holds the underlying iterator, a C
 * counter, and a result tuple made at creation, (None, None).  Each step
 * reuses that tuple in place when nobody else holds it (its refcount is
 * 1: the previous pair was dropped), so `for i, x in enumerate(seq)`
 * allocates one tuple for the whole loop — plus one int per index past
 * 256.  A kept pair forces a fresh tuple.  When the counter reaches
 * PY_SSIZE_T_MAX (or start does not fit) the index continues as an int
 * object (en_longindex).  A recycled tuple that a collection untracked
 * (all its items atomic) is tracked again, as in CPython (bpo-42536).
 *
 * reversed(seq) first asks seq for __reversed__ (list, range, dict... have
 * one, and their own iterator comes back); otherwise seq must be a
 * sequence (sq_item, not a dict) and the reversed object (16 bytes + GC
 * head) walks seq[len-1] down to seq[0], dropping seq when done.
 */
#include "enumobject.h"

#include <stddef.h>

#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "abstract.h"
#include "dictobject.h"
#include "longobject.h"
#include "strobject.h"
#include "tupleobject.h"

static inline int ensure_ready(HLTypeObject *tp)
{
    return (tp->tp_flags & HL_TPFLAGS_READY) ? 0 : hl_type_ready(tp);
}

/* ---- enumerate ------------------------------------------------------------- */

typedef struct {
    HLObject ob_base;
    hl_ssize_t en_index;   /* the next index while it fits */
    HLObject *en_sit;      /* the underlying iterator */
    HLObject *en_result;   /* the reusable (index, item) tuple */
    HLObject *en_longindex; /* the next index once past PY_SSIZE_T_MAX */
    HLObject *one;         /* borrowed: the int 1 */
} enumobject;

static HLObject *enum_new_impl(HLTypeObject *type, HLObject *iterable, HLObject *start)
{
    if (ensure_ready(type) < 0)
        return NULL;
    enumobject *en = (enumobject *)type->tp_alloc(type, 0);
    if (en == NULL)
        return NULL;
    if (start != NULL) {
        start = hl_number_index(start);
        if (start == NULL) {
            hl_decref(en);
            return NULL;
        }
        en->en_index = hl_long_as_ssize(start);
        if (en->en_index == -1 && hl_err_occurred()) {
            hl_err_clear();
            en->en_index = HL_SSIZE_T_MAX;
            en->en_longindex = start;
        } else {
            en->en_longindex = NULL;
            hl_decref(start);
        }
    } else {
        en->en_index = 0;
        en->en_longindex = NULL;
    }
    en->en_sit = hl_object_get_iter(iterable);
    if (en->en_sit == NULL) {
        hl_decref(en);
        return NULL;
    }
    en->en_result = hl_tuple_pack(2, HL_None, HL_None);
    if (en->en_result == NULL) {
        hl_decref(en);
        return NULL;
    }
    en->one = hl_long_get_small(1);
    return (HLObject *)en;
}

static int check_keyword(HLObject *kwnames, hl_ssize_t index, const char *name)
{
    HLObject *kw = HL_TUPLE_GET(kwnames, index);
    if (!hl_str_eq_cstr(kw, name)) {
        hl_err_format(hl_exc_TypeError, "'%U' is an invalid keyword argument for enumerate()", kw);
        return 0;
    }
    return 1;
}

/* enumerate(iterable, start=0), keywords parsed by hand as in CPython. */
static HLObject *enum_vectorcall(HLObject *type, HLObject *const *args, size_t nargsf,
                                 HLObject *kwnames)
{
    HLTypeObject *tp = (HLTypeObject *)type;
    hl_ssize_t nargs = HL_NARGS(nargsf);
    hl_ssize_t nkwargs = kwnames ? HL_SIZE(kwnames) : 0;
    if (nargs + nkwargs == 2) {
        if (nkwargs == 1) {
            if (!check_keyword(kwnames, 0, "start"))
                return NULL;
        } else if (nkwargs == 2) {
            if (hl_str_eq_cstr(HL_TUPLE_GET(kwnames, 0), "start")) {
                if (!check_keyword(kwnames, 1, "iterable"))
                    return NULL;
                return enum_new_impl(tp, args[1], args[0]);
            }
            if (!check_keyword(kwnames, 0, "iterable") || !check_keyword(kwnames, 1, "start"))
                return NULL;
        }
        return enum_new_impl(tp, args[0], args[1]);
    }
    if (nargs + nkwargs == 1) {
        if (nkwargs == 1 && !check_keyword(kwnames, 0, "iterable"))
            return NULL;
        return enum_new_impl(tp, args[0], NULL);
    }
    if (nargs == 0) {
        hl_err_set_string(hl_exc_TypeError, "enumerate() missing required argument 'iterable'");
        return NULL;
    }
    hl_err_format(hl_exc_TypeError, "enumerate() takes at most 2 arguments (%zd given)",
                  (ssize_t)(nargs + nkwargs));
    return NULL;
}

/* tp_new for subclasses (called with an argument tuple and dict). */
static HLObject *enum_new(HLTypeObject *type, HLObject *args, HLObject *kwds)
{
    hl_ssize_t nargs = HL_SIZE(args), nkw = kwds ? hl_dict_size(kwds) : 0;
    HLObject *iterable = nargs > 0 ? HL_TUPLE_GET(args, 0) : NULL;
    HLObject *start = nargs > 1 ? HL_TUPLE_GET(args, 1) : NULL;
    if (nargs + nkw > 2) {
        hl_err_format(hl_exc_TypeError, "enumerate() takes at most 2 arguments (%zd given)",
                      (ssize_t)(nargs + nkw));
        return NULL;
    }
    hl_ssize_t pos = 0;
    HLObject *k, *v;
    while (kwds && hl_dict_next(kwds, &pos, &k, &v)) {
        if (hl_str_eq_cstr(k, "iterable") && iterable == NULL)
            iterable = v;
        else if (hl_str_eq_cstr(k, "start") && start == NULL)
            start = v;
        else {
            hl_err_format(hl_exc_TypeError, "'%U' is an invalid keyword argument for enumerate()", k);
            return NULL;
        }
    }
    if (iterable == NULL) {
        hl_err_set_string(hl_exc_TypeError, "enumerate() missing required argument 'iterable'");
        return NULL;
    }
    return enum_new_impl(type, iterable, start);
}

static void enum_dealloc(HLObject *op)
{
    enumobject *en = (enumobject *)op;
    hl_gc_untrack(op);
    hl_xdecref(en->en_sit);
    hl_xdecref(en->en_result);
    hl_xdecref(en->en_longindex);
    HL_TYPE(op)->tp_free(op);
}

static int enum_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    enumobject *en = (enumobject *)op;
    HL_VISIT(en->en_sit);
    HL_VISIT(en->en_result);
    HL_VISIT(en->en_longindex);
    return 0;
}

/* Puts (index, item) into the reusable tuple if nobody else holds it,
 * else into a new one; steals both. */
static HLObject *enum_pair(enumobject *en, HLObject *next_index, HLObject *next_item)
{
    HLObject *result = en->en_result;
    if (HL_REFCNT(result) == 1) {
        hl_incref(result);
        HLObject *old_index = HL_TUPLE_GET(result, 0), *old_item = HL_TUPLE_GET(result, 1);
        HL_TUPLE_SET(result, 0, next_index);
        HL_TUPLE_SET(result, 1, next_item);
        hl_decref(old_index);
        hl_decref(old_item);
        if (!hl_gc_is_tracked(result))
            hl_gc_track(result);
        return result;
    }
    result = hl_tuple_new(2);
    if (result == NULL) {
        hl_decref(next_index);
        hl_decref(next_item);
        return NULL;
    }
    HL_TUPLE_SET(result, 0, next_index);
    HL_TUPLE_SET(result, 1, next_item);
    return result;
}

static HLObject *enum_next(HLObject *op)
{
    enumobject *en = (enumobject *)op;
    HLObject *it = en->en_sit;
    HLObject *next_item = HL_TYPE(it)->tp_iternext(it);
    if (next_item == NULL)
        return NULL;
    HLObject *next_index;
    if (en->en_index == HL_SSIZE_T_MAX) {
        /* Counting on in int objects. */
        if (en->en_longindex == NULL) {
            en->en_longindex = hl_long_from_ssize(HL_SSIZE_T_MAX);
            if (en->en_longindex == NULL) {
                hl_decref(next_item);
                return NULL;
            }
        }
        next_index = en->en_longindex;
        HLObject *stepped_up = hl_number_add(next_index, en->one);
        if (stepped_up == NULL) {
            hl_decref(next_item);
            return NULL;
        }
        en->en_longindex = stepped_up;
    } else {
        next_index = hl_long_from_ssize(en->en_index);
        if (next_index == NULL) {
            hl_decref(next_item);
            return NULL;
        }
        en->en_index++;
    }
    return enum_pair(en, next_index, next_item);
}

HLTypeObject hl_enum_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "enumerate",
    .tp_basicsize = sizeof(enumobject),
    .tp_dealloc = enum_dealloc,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_BASETYPE,
    .tp_traverse = enum_traverse,
    .tp_iter = hl_object_self_iter,
    .tp_iternext = enum_next,
    .tp_alloc = hl_type_generic_alloc,
    .tp_new = enum_new,
    .tp_free = hl_gc_del,
    .tp_vectorcall = enum_vectorcall,
};

/* ---- reversed ------------------------------------------------------------------ */

typedef struct {
    HLObject ob_base;
    hl_ssize_t index;
    HLObject *seq; /* NULL when exhausted */
} reversedobject;

/* PySequence_Check: has sq_item and is not a dict. */
static int sequence_check(HLObject *s)
{
    if (hl_dict_check(s))
        return 0;
    return HL_TYPE(s)->tp_as_sequence && HL_TYPE(s)->tp_as_sequence->sq_item != NULL;
}

static HLObject *reversed_new_impl(HLTypeObject *type, HLObject *seq)
{
    HLObject *reversed_meth = hl_lookup_special(seq, "__reversed__");
    if (reversed_meth == HL_None) {
        hl_decref(reversed_meth);
        hl_err_format(hl_exc_TypeError, "'%.200s' object is not reversible", HL_TYPE(seq)->tp_name);
        return NULL;
    }
    if (reversed_meth != NULL) {
        HLObject *res = hl_call_noargs(reversed_meth);
        hl_decref(reversed_meth);
        return res;
    }
    if (hl_err_occurred())
        return NULL;
    if (!sequence_check(seq)) {
        hl_err_format(hl_exc_TypeError, "'%.200s' object is not reversible", HL_TYPE(seq)->tp_name);
        return NULL;
    }
    hl_ssize_t n = hl_object_size(seq);
    if (n == -1)
        return NULL;
    if (ensure_ready(type) < 0)
        return NULL;
    reversedobject *ro = (reversedobject *)type->tp_alloc(type, 0);
    if (ro == NULL)
        return NULL;
    ro->index = n - 1;
    ro->seq = hl_newref(seq);
    return (HLObject *)ro;
}

static HLObject *reversed_new(HLTypeObject *type, HLObject *args, HLObject *kwds)
{
    if ((type == &hl_reversed_type || type->tp_init == hl_reversed_type.tp_init) && kwds &&
        hl_dict_size(kwds) != 0) {
        hl_err_set_string(hl_exc_TypeError, "reversed() takes no keyword arguments");
        return NULL;
    }
    if (hl_arg_check_positional("reversed", HL_SIZE(args), 1, 1) < 0)
        return NULL;
    return reversed_new_impl(type, HL_TUPLE_GET(args, 0));
}

static HLObject *reversed_vectorcall(HLObject *type, HLObject *const *args, size_t nargsf,
                                     HLObject *kwnames)
{
    hl_ssize_t nargs = HL_NARGS(nargsf);
    if (hl_arg_no_kwnames("reversed", kwnames) < 0 ||
        hl_arg_check_positional("reversed", nargs, 1, 1) < 0)
        return NULL;
    return reversed_new_impl((HLTypeObject *)type, args[0]);
}

static void reversed_dealloc(HLObject *op)
{
    hl_gc_untrack(op);
    hl_xdecref(((reversedobject *)op)->seq);
    HL_TYPE(op)->tp_free(op);
}

static int reversed_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    HL_VISIT(((reversedobject *)op)->seq);
    return 0;
}

static HLObject *reversed_next(HLObject *op)
{
    reversedobject *ro = (reversedobject *)op;
    hl_ssize_t index = ro->index;
    if (index >= 0) {
        HLObject *item = hl_sequence_get_item(ro->seq, index);
        if (item != NULL) {
            ro->index--;
            return item;
        }
        if (hl_err_exception_matches(hl_exc_IndexError) ||
            hl_err_exception_matches(hl_exc_StopIteration))
            hl_err_clear();
    }
    ro->index = -1;
    HL_CLEAR(ro->seq);
    return NULL;
}

static HLObject *reversed_len(HLObject *op, HLObject *const *a, hl_ssize_t n, HLObject *k)
{
    reversedobject *ro = (reversedobject *)op;
    if (ro->seq == NULL)
        return hl_long_from_long(0);
    hl_ssize_t seqsize = hl_object_size(ro->seq);
    if (seqsize == -1)
        return NULL;
    hl_ssize_t position = ro->index + 1;
    return hl_long_from_ssize(seqsize < position ? 0 : position);
}

static HLMethodDef reversed_methods[] = {
    {"__length_hint__", reversed_len, HL_METH_NOARGS, NULL}, {NULL}};

HLTypeObject hl_reversed_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "reversed",
    .tp_basicsize = sizeof(reversedobject),
    .tp_dealloc = reversed_dealloc,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_BASETYPE,
    .tp_traverse = reversed_traverse,
    .tp_iter = hl_object_self_iter,
    .tp_iternext = reversed_next,
    .tp_methods = reversed_methods,
    .tp_alloc = hl_type_generic_alloc,
    .tp_new = reversed_new,
    .tp_free = hl_gc_del,
    .tp_vectorcall = reversed_vectorcall,
};
