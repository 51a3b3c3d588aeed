/*
 * sliceobject.h — slice objects and the index arithmetic of seq[a:b:c].
 */
#ifndef HL_SLICEOBJECT_H
#define HL_SLICEOBJECT_H

#include "../runtime/object.h"

typedef struct HLSliceObject {
    HLObject ob_base;
    HLObject *start, *stop, *step; /* None when omitted */
} HLSliceObject;

extern HLTypeObject hl_slice_type;
#define hl_slice_check(o) HL_IS_TYPE(o, &hl_slice_type)

HLObject *hl_slice_new(HLObject *start, HLObject *stop, HLObject *step);
/* Converts start/stop/step to integers (None → defaults), clamping huge
 * values; -1 with an exception on a bad index or a zero step. */
int hl_slice_index_arg(HLObject *v, hl_ssize_t *pi); /* 1 ok, 0 error */
int hl_slice_unpack(HLObject *slice, hl_ssize_t *start, hl_ssize_t *stop, hl_ssize_t *step);
/* Clips to a sequence of the given length; returns the slice length. */
hl_ssize_t hl_slice_adjust_indices(hl_ssize_t length, hl_ssize_t *start, hl_ssize_t *stop,
                                   hl_ssize_t step);

#endif /* HL_SLICEOBJECT_H */
