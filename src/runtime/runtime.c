/*
 * runtime.c — start-up of the runtime.
 *
 * The order is forced by what each step allocates:
 *   1. the region (sysmem.c), which every allocation comes from;
 *   2. the collector's generations (gc.c), before the first GC object;
 *   3. the static objects and free lists of the core types;
 *   4. the interned-string dict (needs dicts), MemoryError's free list;
 *   5. readying every static type (needs dicts, strings and tuples).
 * Static memory (small ints, one-character strings, (), the types) is
 * registered as readable, so that ctypes may read the refcount of any
 * object, static or not.
 */
#include "runtime.h"
#include "../objects/genobject.h"
#include "../objects/frameobject.h"
#include "../objects/codeobject.h"
#include "../objects/funcobject.h"

#include "audit.h"
#include "errors.h"
#include "state.h"
#include "gc.h"
#include "sysmem.h"
#include "weakref.h"
#include "../objects/descrobject.h"
#include "../objects/moduleobject.h"
#include "../objects/sliceobject.h"
#include "../objects/traceback.h"
#include "../objects/typeobject.h"

static int initialized;

int hl_runtime_initialized(void) { return initialized; }

extern HLTypeObject hl_tupleiter_type, hl_listiter_type, hl_listrevier_type, hl_dictiterkey_type,
    hl_dictitervalue_type, hl_dictiteritem_type, hl_dictkeys_type, hl_dictvalues_type,
    hl_dictitems_type, hl_seqiter_type, hl_str_iter_type, hl_str_ascii_iter_type;
HLTypeObject *const *hl_exception_types(size_t *n);

static HLTypeObject *const core_types[] = {
    &hl_object_type, &hl_type_type, &hl_none_type, &hl_notimpl_type, &hl_ellipsis_type,
    &hl_long_type, &hl_bool_type, &hl_float_type, &hl_str_type, &hl_tuple_type, &hl_list_type,
    &hl_dict_type, &hl_tupleiter_type, &hl_listiter_type, &hl_listrevier_type,
    &hl_dictiterkey_type, &hl_dictitervalue_type, &hl_dictiteritem_type, &hl_dictkeys_type,
    &hl_dictvalues_type, &hl_dictitems_type, &hl_seqiter_type, &hl_slice_type,
    &hl_method_descr_type, &hl_classmethod_descr_type, &hl_member_descr_type,
    &hl_getset_descr_type, &hl_cfunction_type, &hl_module_type, &hl_weakref_type,
    &hl_weakproxy_type, &hl_weakcallableproxy_type, &hl_traceback_type, &hl_str_iter_type,
    &hl_str_ascii_iter_type, &hl_wrapper_descr_type, &hl_method_wrapper_type,
    &hl_mappingproxy_type, &hl_super_type, &hl_property_type, &hl_function_type, &hl_method_type,
    &hl_cell_type, &hl_classmethod_type, &hl_staticmethod_type, &hl_code_type, &hl_frame_type,
    &hl_gen_type,
};

int hl_types_init(void)
{
    hl_typeobject_init();
    for (size_t i = 0; i < sizeof core_types / sizeof core_types[0]; i++)
        if (hl_type_ready(core_types[i]) < 0)
            return -1;
    size_t n;
    HLTypeObject *const *exc = hl_exception_types(&n);
    for (size_t i = 0; i < n; i++)
        if (hl_type_ready(exc[i]) < 0)
            return -1;
    return 0;
}

#if !defined(__EMSCRIPTEN__)
/* The linker's bounds of the initialized and zeroed data segments. */
extern char __data_start[], _end[];
#else
/* wasm-ld's bounds of the static data (initialized and zeroed). */
extern char __global_base[], __data_end[];
#endif

int hl_runtime_init(const hl_config *cfg)
{
    if (initialized)
        return 0;
    size_t limit = cfg && cfg->heap_limit ? cfg->heap_limit : HL_DEFAULT_HEAP_LIMIT;
    if (hl_region_init(limit) < 0)
        return -1;
    hl_c_stack_init();
#if !defined(__EMSCRIPTEN__)
    hl_mem_register_static(__data_start, (size_t)(_end - __data_start));
#else
    hl_mem_register_static(__global_base, (size_t)(__data_end - __global_base));
#endif
    hl_register_root(&hl_ts.curexc, "current exception");
    hl_ts.exc_state.exc_value = NULL;
    hl_ts.exc_state.previous_item = NULL;
    hl_ts.exc_info = &hl_ts.exc_state;
    hl_register_root(&hl_ts.exc_state.exc_value, "handled exception");
    if (hl_gc_init() < 0 || hl_long_init() < 0 || hl_float_init() < 0 || hl_tuple_init() < 0 ||
        hl_list_init() < 0 || hl_dict_init() < 0 || hl_str_init() < 0 ||
        hl_exceptions_init() < 0 || hl_types_init() < 0)
        return -1;
    initialized = 1;
    return 0;
}

void hl_runtime_fini(void)
{
    /* The process (or the wasm instance) ends with the runtime: nothing to
     * give back that the operating system would not reclaim. */
    initialized = 0;
}
