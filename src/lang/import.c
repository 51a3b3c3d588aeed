/*
 * import.c — the import statement for heaplab's modules.
 *
 * CPython's import system finds modules on sys.path through importlib;
 * heaplab has a fixed set of modules compiled into the runtime:
 *
 *   built-in   builtins, sys, gc, _weakref, ctypes, atexit — C code whose
 *              init function makes the module object;
 *   frozen     weakref — Python source embedded at build time, executed in
 *              a fresh module's namespace the first time it is imported,
 *              as CPython executes its weakref.py.
 *
 * The first import of a name makes the module and stores it in
 * sys.modules; later imports find it there, so `import gc` twice gives
 * the same object and a module lives as long as sys.modules holds it.
 * `import a.b` and relative imports are refused with CPython's errors
 * (there are no packages).  The IMPORT_NAME instruction goes through
 * builtins.__import__ only if a program replaced it, as in CPython.
 */
#include <string.h>

#include "../modules/modules.h"
#include "../objects/abstract.h"
#include "../objects/dictobject.h"
#include "../objects/exceptions.h"
#include "../objects/listobject.h"
#include "../objects/longobject.h"
#include "../objects/moduleobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/errors.h"
#include "ceval_internal.h"
#include "pythonrun.h"

HLObject *hl_module_init_atexit(void);
extern const char hl_frozen_weakref[];

typedef struct {
    const char *name;
    HLObject *(*init)(void); /* built-in */
    const char *source;      /* frozen */
} module_entry;

static const module_entry modules[] = {
    {"builtins", hl_module_init_builtins, NULL},
    {"sys", hl_module_init_sys, NULL},
    {"gc", hl_module_init_gc, NULL},
    {"_weakref", hl_module_init__weakref, NULL},
    {"ctypes", hl_module_init_ctypes, NULL},
    {"atexit", hl_module_init_atexit, NULL},
    {"weakref", NULL, hl_frozen_weakref},
    {NULL, NULL, NULL},
};

static const module_entry *find_module(HLObject *name)
{
    for (const module_entry *m = modules; m->name; m++)
        if (hl_str_eq_cstr(name, m->name))
            return m;
    return NULL;
}

/* Runs a frozen module's source in a new module registered in
 * sys.modules first (so that circular imports see it). */
static HLObject *exec_frozen(HLObject *name, const char *source)
{
    HLObject *mod = hl_module_new(hl_str_as_utf8(name, NULL));
    if (mod == NULL)
        return NULL;
    HLObject *dict = hl_module_get_dict(mod);
    HLObject *file = hl_str_from_format("<frozen %U>", name);
    if (file == NULL || hl_dict_set_item_str(dict, "__builtins__", hl_builtins_module()) < 0 ||
        hl_dict_set_item(hl_sys_modules(), name, mod) < 0) {
        hl_xdecref(file);
        hl_decref(mod);
        return NULL;
    }
    HLObject *res = hl_run_string(source, strlen(source), file, HL_RUN_EXEC, dict, dict);
    hl_decref(file);
    if (res == NULL) {
        /* A failed import leaves no half-made module behind. */
        HLObject *exc = hl_err_fetch();
        if (hl_dict_del_item(hl_sys_modules(), name) < 0)
            hl_err_clear();
        hl_err_restore(exc);
        hl_decref(mod);
        return NULL;
    }
    hl_decref(res);
    return mod;
}

static HLObject *import_one(HLObject *name)
{
    HLObject *mod = hl_dict_get_item(hl_sys_modules(), name);
    if (mod != NULL) {
        if (mod == HL_None) {
            hl_err_format(hl_exc_ModuleNotFoundError, "import of %U halted; None in sys.modules", name);
            return NULL;
        }
        return hl_newref(mod);
    }
    if (hl_err_occurred())
        return NULL;
    const module_entry *m = find_module(name);
    if (m == NULL) {
        hl_err_format(hl_exc_ModuleNotFoundError, "No module named %R", name);
        HLObject *exc = hl_err_occurred();
        if (exc && hl_err_given_exception_matches(exc, hl_exc_ImportError)) {
            HLImportErrorObject *ie = (HLImportErrorObject *)exc;
            if (ie->name == NULL)
                ie->name = hl_newref(name);
        }
        return NULL;
    }
    if (m->source)
        return exec_frozen(name, m->source);
    mod = m->init();
    if (mod == NULL)
        return NULL;
    if (hl_dict_set_item(hl_sys_modules(), name, mod) < 0) {
        hl_decref(mod);
        return NULL;
    }
    return mod;
}

HLObject *hl_import_module(const char *name)
{
    HLObject *n = hl_str_from_cstr(name);
    if (n == NULL)
        return NULL;
    HLObject *m = import_one(n);
    hl_decref(n);
    return m;
}

HLObject *hl_import_module_level(HLObject *name, HLObject *globals, HLObject *fromlist, int level)
{
    if (!hl_str_check(name)) {
        hl_err_set_string(hl_exc_TypeError, "module name must be a string");
        return NULL;
    }
    if (level < 0) {
        hl_err_set_string(hl_exc_ValueError, "level must be >= 0");
        return NULL;
    }
    if (level > 0) {
        /* __main__ is not in a package. */
        hl_err_set_string(hl_exc_ImportError, "attempted relative import with no known parent package");
        return NULL;
    }
    if (HL_STR_LEN(name) == 0) {
        hl_err_set_string(hl_exc_ValueError, "Empty module name");
        return NULL;
    }
    for (hl_ssize_t i = 0; i < HL_STR_LEN(name); i++) {
        if (hl_str_read_char(name, i) == '.') {
            /* a.b: the top-level module first, then the submodule. */
            HLObject *top = hl_str_substring(name, 0, i);
            if (top == NULL)
                return NULL;
            HLObject *m = import_one(top);
            hl_decref(top);
            if (m == NULL)
                return NULL;
            hl_decref(m);
            hl_err_format(hl_exc_ModuleNotFoundError, "No module named %R", name);
            return NULL;
        }
    }
    (void)globals;
    (void)fromlist;
    return import_one(name);
}

HLObject *hl_import_name(hl_frame *f, HLObject *name, HLObject *fromlist, HLObject *level)
{
    HLObject *import_func = hl_dict_get_item_str(f->f_builtins, "__import__");
    if (import_func == NULL) {
        if (!hl_err_occurred())
            hl_err_set_string(hl_exc_ImportError, "__import__ not found");
        return NULL;
    }
    int ilevel = (int)hl_long_as_long(level);
    if (ilevel == -1 && hl_err_occurred())
        return NULL;
    if (import_func == hl_builtin_import_function())
        return hl_import_module_level(name, f->f_globals, fromlist, ilevel);
    HLObject *locals = f->f_locals ? f->f_locals : HL_None;
    HLObject *stack[5] = {name, f->f_globals, locals, fromlist, level};
    return hl_vectorcall(import_func, stack, 5, NULL);
}

HLObject *hl_import_from(HLObject *v, HLObject *name)
{
    HLObject *x = hl_object_getattr(v, name);
    if (x != NULL || !hl_err_exception_matches(hl_exc_AttributeError))
        return x;
    hl_err_clear();
    HLObject *pkgname = hl_object_getattr_str(v, "__name__");
    if (pkgname == NULL || !hl_str_check(pkgname)) {
        hl_xdecref(pkgname);
        hl_err_clear();
        hl_err_format(hl_exc_ImportError, "cannot import name %R from %s", name, "<unknown module name>");
        return NULL;
    }
    HLObject *pkgpath = hl_object_getattr_str(v, "__file__");
    if (pkgpath == NULL) {
        hl_err_clear();
        hl_err_format(hl_exc_ImportError, "cannot import name %R from %R (unknown location)", name, pkgname);
    } else {
        hl_err_format(hl_exc_ImportError, "cannot import name %R from %R (%S)", name, pkgname, pkgpath);
        hl_decref(pkgpath);
    }
    HLObject *exc = hl_err_occurred();
    if (exc && hl_err_given_exception_matches(exc, hl_exc_ImportError)) {
        HLImportErrorObject *ie = (HLImportErrorObject *)exc;
        if (ie->name == NULL)
            ie->name = hl_newref(pkgname);
    }
    hl_decref(pkgname);
    return NULL;
}

/* from m import *: __all__, or every name not starting with '_'. */
int hl_import_all_from(HLObject *locals, HLObject *v)
{
    HLObject *all = hl_object_getattr_str(v, "__all__");
    int skip_leading_underscores = 0;
    if (all == NULL) {
        if (!hl_err_exception_matches(hl_exc_AttributeError))
            return -1;
        hl_err_clear();
        HLObject *dict = hl_object_getattr_str(v, "__dict__");
        if (dict == NULL) {
            if (!hl_err_exception_matches(hl_exc_AttributeError))
                return -1;
            hl_err_clear();
            hl_err_set_string(hl_exc_ImportError, "from-import-* object has no __dict__ and no __all__");
            return -1;
        }
        all = hl_dict_check(dict) ? hl_dict_keys(dict) : NULL;
        hl_decref(dict);
        if (all == NULL)
            return -1;
        skip_leading_underscores = 1;
    }
    int err = 0;
    for (hl_ssize_t pos = 0; !err; pos++) {
        HLObject *name = hl_sequence_get_item(all, pos);
        if (name == NULL) {
            if (hl_err_exception_matches(hl_exc_IndexError))
                hl_err_clear();
            else
                err = -1;
            break;
        }
        if (!hl_str_check(name)) {
            hl_err_format(hl_exc_TypeError, "Item in %s must be str, not %.100s",
                          skip_leading_underscores ? "module.__dict__.keys()" : "module.__all__",
                          HL_TYPE(name)->tp_name);
            hl_decref(name);
            err = -1;
            break;
        }
        if (skip_leading_underscores && HL_STR_LEN(name) && hl_str_read_char(name, 0) == '_') {
            hl_decref(name);
            continue;
        }
        HLObject *value = hl_object_getattr(v, name);
        if (value == NULL)
            err = -1;
        else
            err = hl_dict_check_exact(locals) ? hl_dict_set_item(locals, name, value)
                                              : hl_object_set_item(locals, name, value);
        hl_decref(name);
        hl_xdecref(value);
    }
    hl_decref(all);
    return err;
}

/* A sys attribute (borrowed; NULL without error if missing). */
HLObject *hl_sys_get_object(const char *name)
{
    HLObject *sys = hl_dict_get_item_str(hl_sys_modules(), "sys");
    if (sys == NULL || !hl_module_check(sys))
        return NULL;
    return hl_dict_get_item_str(hl_module_get_dict(sys), name);
}
