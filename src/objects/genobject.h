/*
 * genobject.h — generator objects (genobject.c).
 */
#ifndef HL_GENOBJECT_H
#define HL_GENOBJECT_H

#include "../lang/ceval.h"
#include "../runtime/state.h"

/* gi_frame_state: CPython 3.11's values. */
enum { FRAME_CREATED = -2, FRAME_SUSPENDED = -1, FRAME_EXECUTING = 0, FRAME_COMPLETED = 1, FRAME_CLEARED = 4 };

typedef struct HLGenObject {
    HLObject ob_base;
    HLObject *gi_code;
    HLObject *gi_weakreflist;
    HLObject *gi_name;
    HLObject *gi_qualname;
    hl_err_stackitem gi_exc_state;
    HLObject *gi_origin_or_finalizer;
    char gi_hooks_inited, gi_closed, gi_running_async;
    int8_t gi_frame_state;
    /* The generator's frame lives here, sized for its code. */
    HLObject *gi_iframe[1];
} HLGenObject;

extern HLTypeObject hl_gen_type;
#define hl_gen_check(o) HL_IS_TYPE(o, &hl_gen_type)

/* RETURN_GENERATOR: a generator taking over the references of frame. */
HLObject *hl_gen_new_for_frame(HLFunctionObject *func, hl_frame *frame);
/* YIELD_VALUE: the generator owning frame is suspended. */
void hl_gen_set_suspended(hl_frame *frame);
/* gen.send(arg) without the StopIteration: 1 yielded (*result), 0
 * returned (*result), -1 error. */
int hl_gen_send(HLObject *gen, HLObject *arg, HLObject **result);
/* For `yield from` over a non-generator: takes a StopIteration's value
 * (clearing it): 0 with *value, or -1 if another error is set. */
int hl_fetch_stop_iteration_value(HLObject **value);

#endif /* HL_GENOBJECT_H */
