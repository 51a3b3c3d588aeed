/*
 * atexitmodule.c — atexit: functions called at the end of a run, last
 * registered first (CPython's Modules/atexitmodule.c).  weakref.finalize
 * registers its exit hook here the first time it is used.
 *
 * The callbacks are kept in a list of (func, args, kwargs) tuples, a heap
 * root; an exception in one is reported as "Exception ignored in atexit
 * callback" and the others still run.
 */
#include "modules.h"

#include "../objects/abstract.h"
#include "../objects/dictobject.h"
#include "../objects/listobject.h"
#include "../objects/longobject.h"
#include "../objects/moduleobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/audit.h"
#include "../runtime/errors.h"
#include "getargs.h"

#define FUNC(name) \
    static HLObject *name(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames)

static HLObject *callbacks; /* list of (func, args, kwargs or None) */

static int ensure_list(void)
{
    if (callbacks == NULL) {
        static int registered;
        if (!registered) {
            hl_register_root(&callbacks, "atexit callbacks");
            registered = 1;
        }
        callbacks = hl_list_new(0);
    }
    return callbacks ? 0 : -1;
}

FUNC(atexit_register)
{
    if (nargs < 1) {
        hl_err_set_string(hl_exc_TypeError, "register() takes at least 1 argument (0 given)");
        return NULL;
    }
    HLObject *func = args[0];
    if (HL_TYPE(func)->tp_call == NULL) {
        hl_err_set_string(hl_exc_TypeError, "the first argument must be callable");
        return NULL;
    }
    HLObject *rest = NULL, *kwargs = NULL;
    if (ensure_list() < 0 || hl_pack_varargs(args + 1, nargs - 1, kwnames, &rest, &kwargs) < 0)
        return NULL;
    HLObject *entry = hl_tuple_pack(3, func, rest, kwargs ? kwargs : HL_None);
    hl_decref(rest);
    hl_xdecref(kwargs);
    if (entry == NULL || hl_list_append(callbacks, entry) < 0) {
        hl_xdecref(entry);
        return NULL;
    }
    hl_decref(entry);
    return hl_newref(func);
}

FUNC(atexit_unregister)
{
    if (callbacks == NULL)
        return hl_none_new();
    for (hl_ssize_t i = HL_SIZE(callbacks); --i >= 0;) {
        HLObject *f = HL_TUPLE_GET(HL_LIST_GET(callbacks, i), 0);
        int eq = hl_object_richcompare_bool(f, args[0], HL_EQ);
        if (eq < 0)
            return NULL;
        if (eq && hl_list_set_slice(callbacks, i, i + 1, NULL) < 0)
            return NULL;
    }
    return hl_none_new();
}

void hl_atexit_run_callbacks(void)
{
    if (callbacks == NULL)
        return;
    /* Take the list: callbacks registered while these run are not called. */
    HLObject *list = callbacks;
    callbacks = NULL;
    for (hl_ssize_t i = HL_SIZE(list); --i >= 0;) {
        HLObject *entry = HL_LIST_GET(list, i);
        HLObject *kw = HL_TUPLE_GET(entry, 2);
        HLObject *res = hl_call(HL_TUPLE_GET(entry, 0), HL_TUPLE_GET(entry, 1), kw == HL_None ? NULL : kw);
        if (res == NULL)
            hl_err_write_unraisable_msg("in atexit callback", HL_TUPLE_GET(entry, 0));
        hl_xdecref(res);
    }
    hl_decref(list);
}

FUNC(atexit_run_exitfuncs)
{
    hl_atexit_run_callbacks();
    return hl_none_new();
}

FUNC(atexit_clear)
{
    HL_CLEAR(callbacks);
    return hl_none_new();
}

FUNC(atexit_ncallbacks) { return hl_long_from_ssize(callbacks ? HL_SIZE(callbacks) : 0); }

static HLMethodDef atexit_methods[] = {
    {"register", (hl_cfunction)atexit_register, HL_METH_VARARGS | HL_METH_KEYWORDS, NULL},
    {"unregister", (hl_cfunction)atexit_unregister, HL_METH_O, NULL},
    {"_run_exitfuncs", (hl_cfunction)atexit_run_exitfuncs, HL_METH_NOARGS, NULL},
    {"_clear", (hl_cfunction)atexit_clear, HL_METH_NOARGS, NULL},
    {"_ncallbacks", (hl_cfunction)atexit_ncallbacks, HL_METH_NOARGS, NULL},
    {NULL}};

HLObject *hl_module_init_atexit(void)
{
    HLObject *m = hl_module_new("atexit");
    if (m == NULL || hl_module_add_functions(m, atexit_methods) < 0) {
        hl_xdecref(m);
        return NULL;
    }
    return m;
}
