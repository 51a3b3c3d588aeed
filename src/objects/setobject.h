/*
 * setobject.h — set and frozenset, CPython 3.11's open-addressing hash
 * table (setobject.c).
 *
 * A set object holds its first 8 entries in a small table inside the
 * object itself (so sys.getsizeof(set()) == 108 on 32-bit: 100 bytes plus
 * the GC head); larger tables are separate blocks.  An entry is a (key,
 * hash) pair; a deleted entry holds the dummy key with hash -1.
 */
#ifndef HL_SETOBJECT_H
#define HL_SETOBJECT_H

#include "../runtime/object.h"

#define HL_SET_MINSIZE 8

typedef struct {
    HLObject *key; /* NULL: never used; hl_set_dummy: deleted */
    hl_hash_t hash;
} hl_setentry;

typedef struct HLSetObject {
    HLObject ob_base;
    hl_ssize_t fill;   /* active + dummy entries */
    hl_ssize_t used;   /* active entries */
    hl_ssize_t mask;   /* table size - 1 (a power of two minus one) */
    hl_setentry *table; /* smalltable, or a block of its own */
    hl_hash_t hash;    /* frozenset only: -1 until computed */
    hl_ssize_t finger; /* where set.pop() looks next */
    hl_setentry smalltable[HL_SET_MINSIZE];
    HLObject *weakreflist;
} HLSetObject;

extern HLTypeObject hl_set_type, hl_frozenset_type, hl_setiter_type;

#define hl_set_check(o) hl_object_type_check((HLObject *)(o), &hl_set_type)
#define hl_frozenset_check(o) hl_object_type_check((HLObject *)(o), &hl_frozenset_type)
#define hl_set_check_exact(o) HL_IS_TYPE(o, &hl_set_type)
#define hl_frozenset_check_exact(o) HL_IS_TYPE(o, &hl_frozenset_type)
#define hl_anyset_check_exact(o) (hl_set_check_exact(o) || hl_frozenset_check_exact(o))
#define hl_anyset_check(o) (hl_anyset_check_exact(o) || hl_set_check(o) || hl_frozenset_check(o))
#define HL_SET_SIZE(o) (((HLSetObject *)(o))->used)

/* PySet_New / PyFrozenSet_New: iterable may be NULL. */
HLObject *hl_set_new(HLObject *iterable);
HLObject *hl_frozenset_new(HLObject *iterable);
/* The following return 0 (or a truth value), -1 with an exception. */
int hl_set_add(HLObject *set, HLObject *key);
int hl_set_update(HLObject *set, HLObject *iterable); /* _PySet_Update */
int hl_set_contains(HLObject *anyset, HLObject *key);
int hl_set_discard(HLObject *set, HLObject *key);     /* 1 found, 0 not */
int hl_set_clear(HLObject *set);
HLObject *hl_set_pop(HLObject *set);
hl_ssize_t hl_set_size(HLObject *anyset);
/* Iteration over the table: *pos starts at 0; key borrowed. */
int hl_set_next_entry(HLObject *set, hl_ssize_t *pos, HLObject **key, hl_hash_t *hash);
/* set.__sizeof__ (without the GC head). */
hl_ssize_t hl_set_sizeof(HLObject *set);

/* The set operations of dict_keys and dict_items views (CPython's
 * dictviews_sub / _PyDictView_Intersect / dictviews_or / dictviews_xor
 * and isdisjoint), for the views' number slots and methods. */
HLObject *hl_dictviews_sub(HLObject *self, HLObject *other);
HLObject *hl_dictviews_and(HLObject *self, HLObject *other);
HLObject *hl_dictviews_or(HLObject *self, HLObject *other);
HLObject *hl_dictviews_xor(HLObject *self, HLObject *other);
HLObject *hl_dictviews_isdisjoint(HLObject *self, HLObject *other);

#endif /* HL_SETOBJECT_H */
