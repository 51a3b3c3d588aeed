/*
 * tupleobject.h — tuple.  () is statically allocated (refcount 999999999);
 * freed tuples of sizes 1..20 are kept on per-size free lists of up to 2000
 * (CPython 3.11's PyTuple_MAXSAVESIZE / PyTuple_MAXFREELIST).
 */
#ifndef HL_TUPLEOBJECT_H
#define HL_TUPLEOBJECT_H

#include "../runtime/object.h"

typedef struct HLTupleObject {
    HLVarObject ob_base;
    HLObject *ob_item[1];
} HLTupleObject;

#define HL_TUPLE_MAXSAVESIZE 20
#define HL_TUPLE_MAXFREELIST 2000

#define hl_tuple_check(o) HL_HAS_FLAG(o, HL_TPFLAGS_TUPLE_SUBCLASS)
#define hl_tuple_check_exact(o) HL_IS_TYPE(o, &hl_tuple_type)
#define HL_TUPLE_ITEMS(o) (((HLTupleObject *)(o))->ob_item)
#define HL_TUPLE_GET(o, i) (((HLTupleObject *)(o))->ob_item[i])
#define HL_TUPLE_SET(o, i, v) (((HLTupleObject *)(o))->ob_item[i] = (v))

struct hl_strbuf;

HLObject *hl_tuple_new(hl_ssize_t size); /* items NULL, tracked */
HLObject *hl_tuple_pack(hl_ssize_t n, ...);             /* new references */
HLObject *hl_tuple_from_array(HLObject *const *items, hl_ssize_t n);
HLObject *hl_tuple_from_array_steal(HLObject *const *items, hl_ssize_t n);
HLObject *hl_tuple_get_item_borrowed(HLObject *t, hl_ssize_t i);
HLObject *hl_tuple_get_slice(HLObject *t, hl_ssize_t lo, hl_ssize_t hi);
HLObject *hl_sequence_tuple(HLObject *iterable);        /* tuple(iterable) */
void hl_tuple_maybe_untrack(HLObject *t);
int hl_tuple_free_list_count(int size);
void hl_tuple_debug_stats(struct hl_strbuf *out);

#endif /* HL_TUPLEOBJECT_H */
