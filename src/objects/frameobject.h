/*
 * frameobject.h — frame objects (frameobject.c): the Python-visible face of
 * an interpreter frame (hl_frame, ceval.h), made only when something asks
 * for one — a traceback entry, sys._getframe, a generator's gi_frame.
 */
#ifndef HL_FRAMEOBJECT_H
#define HL_FRAMEOBJECT_H

#include "../lang/ceval.h"

typedef struct HLFrameObject {
    HLVarObject ob_base;
    struct HLFrameObject *f_back; /* strong; set when the frame object takes over its frame */
    hl_frame *f_frame;            /* the frame: on the data stack, in a generator, or in _f_frame_data */
    HLObject *f_trace;
    int f_lineno;
    char f_trace_lines, f_trace_opcodes, f_fast_as_locals;
    /* Room for a whole hl_frame, used once the frame object owns it
     * (take_ownership), as CPython 3.11 sizes its frame objects. */
    HLObject *_f_frame_data[1];
} HLFrameObject;

extern HLTypeObject hl_frame_type;
#define hl_frame_check(o) HL_IS_TYPE(o, &hl_frame_type)

/* A new, untracked frame object for f (_PyFrame_MakeAndSetFrameObject). */
HLObject *hl_frame_new_object(hl_frame *f);
/* Moves f's data into its frame object, which outlives the call
 * (take_ownership). */
void hl_frame_take_ownership(HLFrameObject *fo, hl_frame *f);

#endif /* HL_FRAMEOBJECT_H */
