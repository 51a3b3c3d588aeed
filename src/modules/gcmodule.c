/*
 * gcmodule.c — the gc module: the collector of src/runtime/gc.c seen from
 * Python, with CPython 3.11's signatures, defaults, messages and result
 * types (Modules/gcmodule.c).
 *
 *   enable() / disable() / isenabled()   automatic collection on or off
 *   collect(generation=2) -> int         collected + uncollectable
 *   get_count() -> (c0, c1, c2)          gen 0 allocations minus
 *                                        deallocations; collections of the
 *                                        younger generation for 1 and 2
 *   get_threshold() / set_threshold(t0[, t1[, t2]])
 *   get_stats() -> [{'collections', 'collected', 'uncollectable'} x 3]
 *   get_debug() / set_debug(flags), DEBUG_* constants
 *   get_objects(generation=None), get_referrers(*objs),
 *   get_referents(*objs), is_tracked(obj), is_finalized(obj)
 *   freeze() / unfreeze() / get_freeze_count()
 *   garbage, callbacks                   the collector's own two lists
 *
 * gc.garbage and gc.callbacks are the very list objects the collector
 * uses (hl_gcstate), so appending a callback from Python is seen by the
 * next collection.  get_referrers/get_referents and set_threshold are
 * METH_VARARGS in 3.11: their arguments arrive as a tuple made for the
 * call, and get_referrers skips that tuple when it scans the heap.
 */
#include "modules.h"

#include "../objects/abstract.h"
#include "../objects/dictobject.h"
#include "../objects/listobject.h"
#include "../objects/longobject.h"
#include "../objects/moduleobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "getargs.h"

#define FUNC(name) \
    static HLObject *name(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames)

/* A 3-tuple of new references (stolen); the values are read before the
 * tuple is allocated, as Py_BuildValue's arguments are. */
static HLObject *triple(HLObject *a, HLObject *b, HLObject *c)
{
    HLObject *items[3] = {a, b, c};
    if (a == NULL || b == NULL || c == NULL) {
        for (int i = 0; i < 3; i++)
            hl_xdecref(items[i]);
        return NULL;
    }
    return hl_tuple_from_array_steal(items, 3);
}

FUNC(gc_enable)
{
    hl_gcstate.enabled = 1;
    return hl_none_new();
}

FUNC(gc_disable)
{
    hl_gcstate.enabled = 0;
    return hl_none_new();
}

FUNC(gc_isenabled) { return hl_bool_from_long(hl_gcstate.enabled); }

static const char *const collect_names[] = {"generation", NULL};
static const hl_argspec collect_spec = {"collect", collect_names, 0, 0, 1};

FUNC(gc_collect)
{
    HLObject *a[1];
    int generation = NUM_GENERATIONS - 1;
    if (hl_unpack_keywords(&collect_spec, args, nargs, kwnames, a) < 0)
        return NULL;
    if (a[0] != NULL && hl_as_c_int(a[0], &generation) < 0)
        return NULL;
    hl_ssize_t n = hl_gc_collect(generation);
    if (n < 0)
        return NULL;
    return hl_long_from_ssize(n);
}

FUNC(gc_get_debug) { return hl_long_from_long(hl_gcstate.debug); }

FUNC(gc_set_debug)
{
    int flags;
    if (hl_as_c_int(args[0], &flags) < 0)
        return NULL;
    hl_gcstate.debug = flags;
    return hl_none_new();
}

FUNC(gc_get_count)
{
    return triple(hl_long_from_long(hl_gcstate.generations[0].count),
                  hl_long_from_long(hl_gcstate.generations[1].count),
                  hl_long_from_long(hl_gcstate.generations[2].count));
}

FUNC(gc_get_threshold)
{
    return triple(hl_long_from_long(hl_gcstate.generations[0].threshold),
                  hl_long_from_long(hl_gcstate.generations[1].threshold),
                  hl_long_from_long(hl_gcstate.generations[2].threshold));
}

/* set_threshold(threshold0[, threshold1[, threshold2]]): "i|ii", each
 * threshold stored as soon as it is converted (as PyArg_ParseTuple
 * writes straight into the collector's state). */
FUNC(gc_set_threshold)
{
    HLObject *targs = hl_tuple_from_array(args, nargs);
    if (targs == NULL)
        return NULL;
    HLObject *result = NULL;
    if (nargs < 1) {
        hl_err_format(hl_exc_TypeError, "set_threshold() takes at least 1 argument (%zd given)",
                      (ssize_t)nargs);
    } else if (nargs > 3) {
        hl_err_format(hl_exc_TypeError, "set_threshold() takes at most 3 arguments (%zd given)",
                      (ssize_t)nargs);
    } else {
        hl_ssize_t i = 0;
        for (; i < nargs; i++)
            if (hl_as_c_int(HL_TUPLE_GET(targs, i), &hl_gcstate.generations[i].threshold) < 0)
                break;
        if (i == nargs)
            result = hl_none_new();
    }
    hl_decref(targs);
    return result;
}

FUNC(gc_get_stats)
{
    /* Copied first: building the result may trigger a collection. */
    struct gc_generation_stats stats[NUM_GENERATIONS];
    for (int i = 0; i < NUM_GENERATIONS; i++)
        stats[i] = hl_gcstate.generation_stats[i];
    HLObject *result = hl_list_new(0);
    if (result == NULL)
        return NULL;
    for (int i = 0; i < NUM_GENERATIONS; i++) {
        HLObject *dict = hl_dict_new();
        if (dict == NULL ||
            hl_dict_set_item_str_steal(dict, "collections", hl_long_from_ssize(stats[i].collections)) < 0 ||
            hl_dict_set_item_str_steal(dict, "collected", hl_long_from_ssize(stats[i].collected)) < 0 ||
            hl_dict_set_item_str_steal(dict, "uncollectable", hl_long_from_ssize(stats[i].uncollectable)) < 0 ||
            hl_list_append(result, dict) < 0) {
            hl_xdecref(dict);
            hl_decref(result);
            return NULL;
        }
        hl_decref(dict);
    }
    return result;
}

static const char *const get_objects_names[] = {"generation", NULL};
static const hl_argspec get_objects_spec = {"get_objects", get_objects_names, 0, 0, 1};

FUNC(gc_get_objects)
{
    HLObject *a[1];
    if (hl_unpack_keywords(&get_objects_spec, args, nargs, kwnames, a) < 0)
        return NULL;
    int generation = -1;
    if (a[0] != NULL && a[0] != HL_None) {
        if (!hl_index_check(a[0])) {
            hl_err_format(hl_exc_TypeError, "argument should be integer or None, not '%.200s'",
                          HL_TYPE(a[0])->tp_name);
            return NULL;
        }
        hl_ssize_t g = hl_number_as_ssize(a[0], hl_exc_OverflowError);
        if (g == -1 && hl_err_occurred())
            return NULL;
        /* Out-of-range values keep their message (gc.c checks them). */
        generation = g >= NUM_GENERATIONS ? NUM_GENERATIONS : g < -1 ? -2 : (int)g;
    }
    return hl_gc_get_objects(generation);
}

FUNC(gc_get_referrers)
{
    HLObject *objs = hl_tuple_from_array(args, nargs);
    if (objs == NULL)
        return NULL;
    HLObject *result = hl_gc_get_referrers(objs);
    hl_decref(objs);
    return result;
}

FUNC(gc_get_referents)
{
    HLObject *objs = hl_tuple_from_array(args, nargs);
    if (objs == NULL)
        return NULL;
    HLObject *result = hl_gc_get_referents(objs);
    hl_decref(objs);
    return result;
}

FUNC(gc_is_tracked) { return hl_bool_from_long(hl_gc_object_is_tracked(args[0])); }
FUNC(gc_is_finalized) { return hl_bool_from_long(hl_gc_object_is_finalized(args[0])); }

FUNC(gc_freeze)
{
    hl_gc_freeze();
    return hl_none_new();
}

FUNC(gc_unfreeze)
{
    hl_gc_unfreeze();
    return hl_none_new();
}

FUNC(gc_get_freeze_count) { return hl_long_from_ssize(hl_gc_freeze_count()); }

static HLMethodDef gc_methods[] = {
    {"enable", gc_enable, HL_METH_NOARGS, NULL},
    {"disable", gc_disable, HL_METH_NOARGS, NULL},
    {"isenabled", gc_isenabled, HL_METH_NOARGS, NULL},
    {"set_debug", gc_set_debug, HL_METH_O, NULL},
    {"get_debug", gc_get_debug, HL_METH_NOARGS, NULL},
    {"get_count", gc_get_count, HL_METH_NOARGS, NULL},
    {"set_threshold", gc_set_threshold, HL_METH_VARARGS, NULL},
    {"get_threshold", gc_get_threshold, HL_METH_NOARGS, NULL},
    {"collect", gc_collect, HL_METH_FASTCALL | HL_METH_KEYWORDS, NULL},
    {"get_objects", gc_get_objects, HL_METH_FASTCALL | HL_METH_KEYWORDS, NULL},
    {"get_stats", gc_get_stats, HL_METH_NOARGS, NULL},
    {"is_tracked", gc_is_tracked, HL_METH_O, NULL},
    {"is_finalized", gc_is_finalized, HL_METH_O, NULL},
    {"get_referrers", gc_get_referrers, HL_METH_VARARGS, NULL},
    {"get_referents", gc_get_referents, HL_METH_VARARGS, NULL},
    {"freeze", gc_freeze, HL_METH_NOARGS, NULL},
    {"unfreeze", gc_unfreeze, HL_METH_NOARGS, NULL},
    {"get_freeze_count", gc_get_freeze_count, HL_METH_NOARGS, NULL},
    {NULL}};

HLObject *hl_module_init_gc(void)
{
    HLObject *m = hl_module_new("gc");
    if (m == NULL)
        return NULL;
    if (hl_module_add_functions(m, gc_methods) < 0 ||
        hl_module_add_object(m, "garbage", hl_xnewref(hl_gcstate.garbage)) < 0 ||
        hl_module_add_object(m, "callbacks", hl_xnewref(hl_gcstate.callbacks)) < 0 ||
        hl_module_add_object(m, "DEBUG_STATS", hl_long_from_long(HL_GC_DEBUG_STATS)) < 0 ||
        hl_module_add_object(m, "DEBUG_COLLECTABLE", hl_long_from_long(HL_GC_DEBUG_COLLECTABLE)) < 0 ||
        hl_module_add_object(m, "DEBUG_UNCOLLECTABLE", hl_long_from_long(HL_GC_DEBUG_UNCOLLECTABLE)) < 0 ||
        hl_module_add_object(m, "DEBUG_SAVEALL", hl_long_from_long(HL_GC_DEBUG_SAVEALL)) < 0 ||
        hl_module_add_object(m, "DEBUG_LEAK", hl_long_from_long(HL_GC_DEBUG_LEAK)) < 0) {
        hl_decref(m);
        return NULL;
    }
    return m;
}
