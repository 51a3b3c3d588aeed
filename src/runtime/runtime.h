/*
 * runtime.h — start-up and shutdown of the whole runtime (runtime.c).
 *
 * Start-up order matters: the region and pymalloc come first, then the
 * static objects (small ints, one-character strings, singletons), then the
 * types, then the collector's own lists.  Each object file that owns static
 * state has an init function listed here and called by hl_runtime_init.
 */
#ifndef HL_RUNTIME_H
#define HL_RUNTIME_H

#include "object.h"

typedef struct hl_config {
    size_t heap_limit;  /* bytes; 0 = HL_DEFAULT_HEAP_LIMIT */
} hl_config;

int hl_runtime_init(const hl_config *cfg); /* 0 on success */
void hl_runtime_fini(void);
int hl_runtime_initialized(void);

/* Per-file init hooks (in start-up order). */
int hl_long_init(void);      /* small ints, bool */
int hl_float_init(void);
int hl_str_init(void);       /* '', Latin-1 singletons, interned dict */
int hl_tuple_init(void);
int hl_list_init(void);
int hl_dict_init(void);
int hl_exceptions_init(void);
int hl_types_init(void);     /* readies every static type */

#endif /* HL_RUNTIME_H */
