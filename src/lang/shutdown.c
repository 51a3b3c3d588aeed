/*
 * shutdown.c — the end of a script run: CPython 3.11's Py_FinalizeEx, in
 * the parts a program can observe (its __del__ methods and weakref
 * callbacks print in this order).
 *
 *   1. atexit callbacks, last registered first — weakref.finalize's hook
 *      is one of them, and runs the pending finalizers newest first; then,
 *      if the collector is enabled, a full collection while every module is
 *      still alive (which also decides the order of the __del__ calls
 *      below: survivors are re-linked in the order they were reached).
 *   2. finalize_modules:
 *      a. special names dropped: builtins._, sys.last_type/value/traceback;
 *      b. every entry of sys.modules, in insertion order, replaced by None
 *         (a weak reference to each module is kept): a module nobody else
 *         holds dies here, and with it its dict unless a function or class
 *         defined in it still references it (the usual case — then the
 *         dict waits for the collector);
 *      c. sys.modules emptied, the builtins restored to their start-up
 *         contents;
 *      d. a full collection (the cycles through module dicts go here);
 *      e. the modules still alive, newest first, wiped: names starting with
 *         one underscore set to None first, then every other name but
 *         __builtins__ (_PyModule_ClearDict);
 *      f. the sys and builtins dicts cleared.
 *   3. A last collection.  Objects still alive after that are left for the
 *      process exit, without running their __del__, as CPython leaves them.
 */
#include <string.h>

#include "../modules/modules.h"
#include "../objects/abstract.h"
#include "../objects/dictobject.h"
#include "../objects/listobject.h"
#include "../objects/moduleobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "../runtime/weakref.h"
#include "ceval.h"
#include "pythonrun.h"

void hl_atexit_run_callbacks(void);

static int finalizing;

int hl_is_finalizing(void) { return finalizing; }

/* _PyModule_ClearDict */
static void module_clear_dict(HLObject *d)
{
    hl_ssize_t pos = 0;
    HLObject *key, *value;
    /* First the names starting with a single underscore... */
    while (hl_dict_next(d, &pos, &key, &value)) {
        if (value != HL_None && hl_str_check(key) && HL_STR_LEN(key) >= 1 && hl_str_read_char(key, 0) == '_' &&
            (HL_STR_LEN(key) < 2 || hl_str_read_char(key, 1) != '_')) {
            if (hl_dict_set_item(d, key, HL_None) != 0)
                hl_err_write_unraisable(NULL);
        }
    }
    /* ...then everything but __builtins__. */
    pos = 0;
    while (hl_dict_next(d, &pos, &key, &value)) {
        if (value != HL_None && hl_str_check(key) && !hl_str_eq_cstr(key, "__builtins__")) {
            if (hl_dict_set_item(d, key, HL_None) != 0)
                hl_err_write_unraisable(NULL);
        }
    }
}

static void delete_special(void)
{
    HLObject *builtins = hl_builtins_dict();
    if (builtins && hl_dict_get_item_str(builtins, "_")) {
        if (hl_dict_set_item_str(builtins, "_", HL_None) < 0)
            hl_err_write_unraisable(NULL);
    }
    static const char *const sys_deletes[] = {"path", "argv", "ps1", "ps2", "last_type", "last_value",
                                              "last_traceback", "path_hooks", "path_importer_cache",
                                              "meta_path", "__interactivehook__", NULL};
    HLObject *sys = hl_dict_get_item_str(hl_sys_modules(), "sys");
    if (sys && hl_module_check(sys)) {
        HLObject *sd = hl_module_get_dict(sys);
        for (int i = 0; sys_deletes[i]; i++)
            if (hl_dict_get_item_str(sd, sys_deletes[i]) && hl_dict_set_item_str(sd, sys_deletes[i], HL_None) < 0)
                hl_err_write_unraisable(NULL);
    }
}

void hl_finalize_interpreter(void)
{
    hl_atexit_run_callbacks();
    /* _PyGC_CollectIfEnabled: a full collection (with gc.callbacks) while
     * every module is still alive.  Garbage cycles die here; what survives
     * is re-linked in the collector's lists in the order it was reached,
     * which is the order __del__ methods will run in below. */
    if (hl_gcstate.enabled) {
        hl_gc_collect(NUM_GENERATIONS - 1);
        if (hl_err_occurred())
            hl_err_write_unraisable(NULL);
    }
    finalizing = 1;
    delete_special();

    /* Every module out of sys.modules, remembering weak references. */
    HLObject *modules = hl_sys_modules();
    HLObject *weaklist = hl_list_new(0);
    HLObject *items = hl_dict_items(modules);
    if (items == NULL || weaklist == NULL) {
        hl_err_write_unraisable(NULL);
    } else {
        for (hl_ssize_t i = 0; i < HL_SIZE(items); i++) {
            HLObject *name = HL_TUPLE_GET(HL_LIST_GET(items, i), 0);
            HLObject *mod = HL_TUPLE_GET(HL_LIST_GET(items, i), 1);
            if (!hl_module_check(mod))
                continue;
            HLObject *wr = hl_weakref_new_ref(mod, NULL);
            if (wr != NULL) {
                HLObject *pair = hl_tuple_pack(2, name, wr);
                if (pair == NULL || hl_list_append(weaklist, pair) < 0)
                    hl_err_write_unraisable(NULL);
                hl_xdecref(pair);
                hl_decref(wr);
            } else {
                hl_err_clear();
            }
            if (hl_dict_set_item(modules, name, HL_None) < 0)
                hl_err_write_unraisable(NULL);
        }
    }
    /* The items list held the modules too: drop it before they can die. */
    hl_xdecref(items);
    hl_dict_clear(modules);

    HLObject *startup = hl_builtins_startup_copy();
    HLObject *builtins = hl_builtins_dict();
    if (startup && builtins) {
        hl_dict_clear(builtins);
        if (hl_dict_update(builtins, startup) < 0)
            hl_err_write_unraisable(NULL);
    }

    hl_gc_collect_nofail();

    if (weaklist != NULL) {
        for (hl_ssize_t i = HL_SIZE(weaklist); --i >= 0;) {
            HLObject *wr = HL_TUPLE_GET(HL_LIST_GET(weaklist, i), 1);
            HLObject *mod = hl_weakref_get_object(wr);
            if (mod == NULL || mod == HL_None || !hl_module_check(mod))
                continue;
            hl_incref(mod);
            HLObject *d = hl_module_get_dict(mod);
            if (d != NULL)
                module_clear_dict(d);
            hl_decref(mod);
        }
        hl_decref(weaklist);
    }
    HLObject *sys = NULL; /* cleared with the modules dict above */
    (void)sys;
    hl_gc_collect_nofail();
    if (hl_err_occurred())
        hl_err_clear();
}
