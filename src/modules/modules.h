/*
 * modules.h — the built-in modules.  Each init function creates its module
 * object (a new reference) the first time it is imported; the import
 * machinery (src/lang) keeps them in sys.modules.
 */
#ifndef HL_MODULES_H
#define HL_MODULES_H

#include "../runtime/object.h"

HLObject *hl_module_init_builtins(void);
HLObject *hl_module_init_sys(void);
HLObject *hl_module_init_gc(void);
HLObject *hl_module_init_ctypes(void);
HLObject *hl_module_init__weakref(void);

/* The builtins module and its dict (borrowed; created at start-up, or on
 * first use, and kept for the life of the runtime). */
HLObject *hl_builtins_module(void);
HLObject *hl_builtins_dict(void);

/* Readies the types of sets, ranges and the builtins' iterators (called by
 * hl_module_init_builtins; idempotent). */
int hl_builtin_types_ready(void);

/* Set by the interpreter: the locals of the running frame as a new
 * reference (locals() semantics), for vars() and dir() without arguments.
 * While it is NULL those raise SystemError. */
extern HLObject *(*hl_builtins_locals_hook)(void);

/* sys.modules (borrowed): a dict made on first use and kept for the life
 * of the runtime; the import machinery fills it. */
HLObject *hl_sys_modules(void);

/* Sets sys.argv from a command line (after the interpreter is set up). */
int hl_sys_set_argv(int argc, const char *const *argv);

/* CPython's interp->builtins_copy: a copy of the builtins dict as it was
 * when start-up finished, which shutdown puts back before the last
 * collections.  hl_builtins_snapshot() takes it (call it once the
 * interpreter has added its own builtins); hl_builtins_startup_copy()
 * returns it (borrowed; NULL until taken). */
int hl_builtins_snapshot(void);
HLObject *hl_builtins_startup_copy(void);

/* Drop the kept builtins module, its startup copy and sys.modules
 * (runtime shutdown or reset); the next use makes them again. */
void hl_builtins_fini(void);
void hl_sys_modules_fini(void);

#endif /* HL_MODULES_H */
