/*
 * weakref.h — weak references and proxies (weakref.c).
 */
#ifndef HL_WEAKREF_H
#define HL_WEAKREF_H

#include "object.h"

typedef struct HLWeakReference {
    HLObject ob_base;
    HLObject *wr_object;   /* the referent; None (not counted) when dead */
    HLObject *wr_callback; /* NULL if none */
    hl_hash_t hash;        /* -1 until computed */
    struct HLWeakReference *wr_prev, *wr_next; /* the referent's list */
    hl_vectorcallfunc vectorcall;
} HLWeakReference;

extern HLTypeObject hl_weakref_type, hl_weakproxy_type, hl_weakcallableproxy_type;

#define hl_weakref_check_ref(o) hl_object_type_check((HLObject *)(o), &hl_weakref_type)
#define hl_weakref_check_proxy(o) \
    (HL_IS_TYPE(o, &hl_weakproxy_type) || HL_IS_TYPE(o, &hl_weakcallableproxy_type))
#define hl_weakref_check(o) (hl_weakref_check_ref(o) || hl_weakref_check_proxy(o))

/* The head of ob's list of weak references (its type supports them). */
static inline HLWeakReference **hl_weakref_listptr(HLObject *ob)
{
    return (HLWeakReference **)((char *)ob + HL_TYPE(ob)->tp_weaklistoffset);
}

HLObject *hl_weakref_new_ref(HLObject *ob, HLObject *callback);   /* weakref.ref(ob, cb) */
HLObject *hl_weakref_new_proxy(HLObject *ob, HLObject *callback); /* weakref.proxy(ob, cb) */
HLObject *hl_weakref_get_object(HLObject *ref);                    /* borrowed; None if dead */
hl_ssize_t hl_weakref_count(HLObject *ob);                         /* getweakrefcount */
HLObject *hl_weakref_list(HLObject *ob);                           /* getweakrefs */
/* For the collector: clear without calling or dropping the callback. */
void hl_weakref_clear_ref(HLWeakReference *self);

#endif /* HL_WEAKREF_H */
