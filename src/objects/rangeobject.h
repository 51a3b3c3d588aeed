/*
 * rangeobject.h — range and its two iterators (rangeobject.c).
 */
#ifndef HL_RANGEOBJECT_H
#define HL_RANGEOBJECT_H

#include "../runtime/object.h"

/* 24 bytes on 32-bit, not a GC object (as in CPython 3.11). */
typedef struct HLRangeObject {
    HLObject ob_base;
    HLObject *start, *stop, *step; /* ints */
    HLObject *length;              /* int: len(range), computed once */
} HLRangeObject;

extern HLTypeObject hl_range_type, hl_rangeiter_type, hl_longrangeiter_type;
#define hl_range_check(o) HL_IS_TYPE(o, &hl_range_type)

/* range(start, stop, step) from ints or __index__ objects. */
HLObject *hl_range_new(HLObject *start, HLObject *stop, HLObject *step);

#endif /* HL_RANGEOBJECT_H */
