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

/* The builtins module and its dict (borrowed; created at start-up). */
HLObject *hl_builtins_module(void);
HLObject *hl_builtins_dict(void);

#endif /* HL_MODULES_H */
