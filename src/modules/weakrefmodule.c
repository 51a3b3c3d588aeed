/*
 * weakrefmodule.c — _weakref, the C half of the weakref module (CPython's
 * Modules/_weakref.c): the reference and proxy types, proxy(),
 * getweakrefcount(), getweakrefs() and _remove_dead_weakref().  The
 * weak references themselves live in src/runtime/weakref.c; the Python
 * half (weakref.finalize, WeakValueDictionary ...) builds on this module.
 *
 * All of them borrow their arguments from the caller (METH_O and
 * METH_FASTCALL in 3.11).
 */
#include "modules.h"

#include "../objects/abstract.h"
#include "../objects/dictobject.h"
#include "../objects/longobject.h"
#include "../objects/moduleobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/errors.h"
#include "../runtime/weakref.h"

#define FUNC(name) \
    static HLObject *name(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames)

FUNC(weakref_getweakrefcount) { return hl_long_from_ssize(hl_weakref_count(args[0])); }

FUNC(weakref_getweakrefs) { return hl_weakref_list(args[0]); }

FUNC(weakref_proxy)
{
    if (hl_arg_check_positional("proxy", nargs, 1, 2) < 0)
        return NULL;
    HLObject *callback = nargs > 1 ? args[1] : NULL;
    return hl_weakref_new_proxy(args[0], callback == HL_None ? NULL : callback);
}

/* _remove_dead_weakref(dct, key): del dct[key] if its value is a dead
 * weak reference (a key already gone is fine). */
FUNC(weakref_remove_dead_weakref)
{
    if (hl_arg_check_positional("_remove_dead_weakref", nargs, 2, 2) < 0)
        return NULL;
    HLObject *dct = args[0], *key = args[1];
    if (!hl_dict_check(dct)) {
        hl_err_format(hl_exc_TypeError, "_remove_dead_weakref() argument 1 must be dict, not %.50s",
                      HL_TYPE(dct)->tp_name);
        return NULL;
    }
    HLObject *value = hl_dict_get_item(dct, key);
    if (value == NULL)
        return hl_err_occurred() ? NULL : hl_none_new();
    if (!hl_weakref_check(value)) {
        hl_err_set_string(hl_exc_TypeError, "not a weakref");
        return NULL;
    }
    if (hl_weakref_get_object(value) == HL_None && hl_dict_del_item(dct, key) < 0) {
        if (!hl_err_exception_matches(hl_exc_KeyError))
            return NULL;
        hl_err_clear();
    }
    return hl_none_new();
}

static HLMethodDef weakref_functions[] = {
    {"getweakrefcount", weakref_getweakrefcount, HL_METH_O, NULL},
    {"getweakrefs", weakref_getweakrefs, HL_METH_O, NULL},
    {"proxy", weakref_proxy, HL_METH_FASTCALL, NULL},
    {"_remove_dead_weakref", weakref_remove_dead_weakref, HL_METH_FASTCALL, NULL},
    {NULL}};

HLObject *hl_module_init__weakref(void)
{
    HLObject *m = hl_module_new("_weakref");
    if (m == NULL)
        return NULL;
    if (hl_module_add_functions(m, weakref_functions) < 0 ||
        hl_module_add_object(m, "ref", hl_newref(&hl_weakref_type)) < 0 ||
        hl_module_add_object(m, "ReferenceType", hl_newref(&hl_weakref_type)) < 0 ||
        hl_module_add_object(m, "ProxyType", hl_newref(&hl_weakproxy_type)) < 0 ||
        hl_module_add_object(m, "CallableProxyType", hl_newref(&hl_weakcallableproxy_type)) < 0) {
        hl_decref(m);
        return NULL;
    }
    return m;
}
