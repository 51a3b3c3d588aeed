/*
 * enumobject.h — the iterator types of the builtins: enumerate and
 * reversed (enumobject.c); zip, map, filter and the callable iterator of
 * iter(f, sentinel) (bltinobjects.c).  All are GC objects, as in CPython.
 */
#ifndef HL_ENUMOBJECT_H
#define HL_ENUMOBJECT_H

#include "../runtime/object.h"

extern HLTypeObject hl_enum_type, hl_reversed_type, hl_zip_type, hl_map_type, hl_filter_type,
    hl_calliter_type;

/* iter(callable, sentinel) (PyCallIter_New). */
HLObject *hl_calliter_new(HLObject *callable, HLObject *sentinel);

/* PyObject_LengthHint: len(o), else o.__length_hint__(), else dflt;
 * -1 with an exception on error. */
hl_ssize_t hl_object_length_hint(HLObject *o, hl_ssize_t dflt);

/* Calls a type the way CPython's type_call does for types without a
 * vectorcall: positional arguments packed in a tuple, keywords in a dict,
 * tp_new(type, args, kwargs), then tp_init if the result is an instance.
 * Used by the types whose CPython counterparts have no vectorcall (zip),
 * so that a call allocates what CPython's allocates. */
HLObject *hl_type_call_via_new(HLTypeObject *type, HLObject *const *args, size_t nargsf,
                               HLObject *kwnames);

#endif /* HL_ENUMOBJECT_H */
