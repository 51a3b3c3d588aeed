/*
 * weakref.c — weak references, proxies, and what happens to them when
 * their referent dies.
 *
 * An object whose type supports weak references (tp_weaklistoffset) has a
 * pointer to a doubly linked list of the weakrefs that point at it.  The
 * list keeps CPython's order: the "basic" reference (weakref.ref(ob) without
 * callback, shared by every such call) first, then the basic proxy, then the
 * references with callbacks, newest first.  A weakref does not count as a
 * reference: its wr_object is a borrowed pointer, replaced by None when the
 * referent dies.
 *
 * Death by refcount.  The referent's deallocator calls
 * hl_object_clear_weakrefs before freeing anything: the basic reference and
 * proxy are cleared, then every remaining weakref is cleared and its
 * callback, if the weakref itself is still alive, is called with the
 * weakref — in list order, so the newest callback runs first.  The
 * referent's __del__ has already run by then (tp_finalize comes first in
 * the deallocator).
 *
 * Death in a collection.  The collector clears weakrefs to unreachable
 * objects itself (gc.c handle_weakrefs) before running any finalizer, and
 * only calls back through weakrefs that are not garbage themselves;
 * hl_weakref_clear_ref is its tool: clear, keep the callback.
 *
 * Proxies forward almost every operation to the referent and raise
 * ReferenceError once it is gone.
 */
#include "weakref.h"

#include <stddef.h>

#include "errors.h"
#include "events.h"
#include "gc.h"
#include "state.h"
#include "../objects/abstract.h"
#include "../objects/dictobject.h"
#include "../objects/listobject.h"
#include "../objects/longobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"

static inline int supports_weakrefs(HLTypeObject *tp) { return tp->tp_weaklistoffset > 0; }

hl_ssize_t hl_weakref_count(HLObject *ob)
{
    if (!supports_weakrefs(HL_TYPE(ob)))
        return 0;
    hl_ssize_t count = 0;
    for (HLWeakReference *head = *hl_weakref_listptr(ob); head != NULL; head = head->wr_next)
        ++count;
    return count;
}

HLObject *hl_weakref_list(HLObject *ob)
{
    hl_ssize_t count = hl_weakref_count(ob);
    HLObject *result = hl_list_new(count);
    if (result == NULL || count == 0)
        return result;
    HLWeakReference *current = *hl_weakref_listptr(ob);
    for (hl_ssize_t i = 0; i < count; ++i) {
        HL_LIST_SET(result, i, hl_newref(current));
        current = current->wr_next;
    }
    return result;
}

/* PyWeakref_GET_OBJECT: the referent, or None once it is dead -- also
 * while its refcount is already 0 but the trashcan has postponed its
 * deallocation (and so the clearing of its weak references): code run
 * meanwhile must not see, and resurrect, a dying object (gh-60806). */
static inline HLObject *ref_object(HLObject *ref)
{
    HLObject *obj = ((HLWeakReference *)ref)->wr_object;
    return HL_REFCNT(obj) > 0 ? obj : HL_None;
}

HLObject *hl_weakref_get_object(HLObject *ref) { return ref_object(ref); }

/* Unlinks self from its referent's list and drops the callback. */
static void clear_weakref(HLWeakReference *self)
{
    HLObject *callback = self->wr_callback;
    if (self->wr_object != HL_None) {
        HLWeakReference **list = hl_weakref_listptr(self->wr_object);
        if (*list == self)
            *list = self->wr_next;
        self->wr_object = HL_None;
        if (self->wr_prev != NULL)
            self->wr_prev->wr_next = self->wr_next;
        if (self->wr_next != NULL)
            self->wr_next->wr_prev = self->wr_prev;
        self->wr_prev = NULL;
        self->wr_next = NULL;
    }
    if (callback != NULL) {
        self->wr_callback = NULL;
        hl_decref(callback);
    }
}

void hl_weakref_clear_ref(HLWeakReference *self)
{
    HLObject *callback = self->wr_callback;
    self->wr_callback = NULL;
    clear_weakref(self);
    self->wr_callback = callback;
}

/* The basic (callback-less, exact type) reference and proxy, if any. */
static void get_basic_refs(HLWeakReference *head, HLWeakReference **refp, HLWeakReference **proxyp)
{
    *refp = NULL;
    *proxyp = NULL;
    if (head != NULL && head->wr_callback == NULL) {
        if (HL_IS_TYPE(head, &hl_weakref_type)) {
            *refp = head;
            head = head->wr_next;
        }
        if (head != NULL && head->wr_callback == NULL && hl_weakref_check_proxy(head))
            *proxyp = head;
    }
}

static void insert_after(HLWeakReference *newref, HLWeakReference *prev)
{
    newref->wr_prev = prev;
    newref->wr_next = prev->wr_next;
    if (prev->wr_next != NULL)
        prev->wr_next->wr_prev = newref;
    prev->wr_next = newref;
}

static void insert_head(HLWeakReference *newref, HLWeakReference **list)
{
    HLWeakReference *next = *list;
    newref->wr_prev = NULL;
    newref->wr_next = next;
    if (next != NULL)
        next->wr_prev = newref;
    *list = newref;
}

static HLObject *weakref_vectorcall(HLObject *self, HLObject *const *args, size_t nargsf,
                                    HLObject *kwnames);

static void init_weakref(HLWeakReference *self, HLObject *ob, HLObject *callback)
{
    self->hash = -1;
    self->wr_object = ob;
    self->wr_prev = NULL;
    self->wr_next = NULL;
    self->wr_callback = hl_xnewref(callback);
    self->vectorcall = weakref_vectorcall;
}

static HLObject *new_weakref(HLTypeObject *type, HLObject *ob, HLObject *callback)
{
    if (!supports_weakrefs(HL_TYPE(ob))) {
        hl_err_format(hl_exc_TypeError, "cannot create weak reference to '%s' object",
                      HL_TYPE(ob)->tp_name);
        return NULL;
    }
    if (callback == HL_None)
        callback = NULL;
    HLWeakReference **list = hl_weakref_listptr(ob);
    HLWeakReference *ref, *proxy;
    get_basic_refs(*list, &ref, &proxy);
    if (callback == NULL && type == &hl_weakref_type && ref != NULL)
        return hl_newref(ref); /* the basic reference is shared */
    if (callback == NULL && type == &hl_weakproxy_type && proxy != NULL)
        return hl_newref(proxy);
    /* The allocation may collect, which may change the list: look again. */
    HLWeakReference *self = (HLWeakReference *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    init_weakref(self, ob, callback);
    if (callback == NULL && type == &hl_weakref_type) {
        insert_head(self, list);
    } else {
        get_basic_refs(*list, &ref, &proxy);
        if (callback == NULL && hl_weakref_check_proxy(self)) {
            /* A basic proxy goes right after the basic reference. */
            if (ref != NULL)
                insert_after(self, ref);
            else
                insert_head(self, list);
        } else {
            HLWeakReference *prev = proxy == NULL ? ref : proxy;
            if (prev == NULL)
                insert_head(self, list);
            else
                insert_after(self, prev);
        }
    }
    return (HLObject *)self;
}

HLObject *hl_weakref_new_ref(HLObject *ob, HLObject *callback)
{
    return new_weakref(&hl_weakref_type, ob, callback);
}

HLObject *hl_weakref_new_proxy(HLObject *ob, HLObject *callback)
{
    HLTypeObject *type = HL_TYPE(ob)->tp_call != NULL ||
                                 HL_TYPE_HAS_FLAG(HL_TYPE(ob), HL_TPFLAGS_HAVE_VECTORCALL)
                             ? &hl_weakcallableproxy_type
                             : &hl_weakproxy_type;
    return new_weakref(type, ob, callback);
}

static void handle_callback(HLWeakReference *ref, HLObject *callback)
{
    hl_event_emit(HL_EV_WEAKREF_CALLBACK, ref, (uintptr_t)callback, 0);
    HLObject *res = hl_call_one(callback, (HLObject *)ref);
    if (res == NULL)
        hl_err_write_unraisable(callback);
    else
        hl_decref(res);
}

void hl_object_clear_weakrefs(HLObject *object)
{
    if (object == NULL || !supports_weakrefs(HL_TYPE(object)) || HL_REFCNT(object) != 0)
        hl_fatal("hl_object_clear_weakrefs: bad call");
    HLWeakReference **list = hl_weakref_listptr(object);
    /* The callback-less basic reference and proxy go first, silently. */
    if (*list != NULL && (*list)->wr_callback == NULL) {
        clear_weakref(*list);
        if (*list != NULL && (*list)->wr_callback == NULL)
            clear_weakref(*list);
    }
    if (*list == NULL)
        return;
    /* Callbacks must not see the exception that may be in flight. */
    HLObject *saved = hl_err_fetch();
    HLWeakReference *current = *list;
    hl_ssize_t count = 0;
    for (HLWeakReference *w = current; w != NULL; w = w->wr_next)
        count++;
    if (count == 1) {
        HLObject *callback = current->wr_callback;
        current->wr_callback = NULL;
        clear_weakref(current);
        if (callback != NULL) {
            if (HL_REFCNT(current) > 0)
                handle_callback(current, callback);
            hl_decref(callback);
        }
    } else {
        /* Detach everything first, then call back: a callback must find
         * every weakref to this object already dead. */
        HLObject *tuple = hl_tuple_new(count * 2);
        if (tuple == NULL) {
            hl_err_clear();
            hl_err_restore(saved);
            return;
        }
        for (hl_ssize_t i = 0; i < count; ++i) {
            HLWeakReference *next = current->wr_next;
            if (HL_REFCNT(current) > 0) {
                HL_TUPLE_SET(tuple, i * 2, hl_newref(current));
                HL_TUPLE_SET(tuple, i * 2 + 1, current->wr_callback);
            } else {
                hl_xdecref(current->wr_callback);
            }
            current->wr_callback = NULL;
            clear_weakref(current);
            current = next;
        }
        for (hl_ssize_t i = 0; i < count; ++i) {
            HLObject *callback = HL_TUPLE_GET(tuple, i * 2 + 1);
            if (callback != NULL)
                handle_callback((HLWeakReference *)HL_TUPLE_GET(tuple, i * 2), callback);
        }
        hl_decref(tuple);
    }
    hl_err_restore(saved);
}

/* ---- the weakref.ref type ---------------------------------------------------- */

static void weakref_dealloc(HLObject *self)
{
    hl_gc_untrack(self);
    clear_weakref((HLWeakReference *)self);
    HL_TYPE(self)->tp_free(self);
}

static int gc_traverse(HLObject *self, hl_visitproc visit, void *arg)
{
    HL_VISIT(((HLWeakReference *)self)->wr_callback);
    return 0;
}

static int gc_clear(HLObject *self)
{
    clear_weakref((HLWeakReference *)self);
    return 0;
}

static HLObject *weakref_vectorcall(HLObject *self, HLObject *const *args, size_t nargsf,
                                    HLObject *kwnames)
{
    if (HL_NARGS(nargsf) != 0 || (kwnames && HL_SIZE(kwnames))) {
        hl_err_format(hl_exc_TypeError, "weakref() takes exactly 0 arguments (%zd given)",
                      (ssize_t)HL_NARGS(nargsf));
        return NULL;
    }
    return hl_newref(ref_object(self));
}

static hl_hash_t weakref_hash(HLObject *op)
{
    HLWeakReference *self = (HLWeakReference *)op;
    if (self->hash != -1)
        return self->hash;
    HLObject *obj = ref_object(op);
    if (obj == HL_None) {
        hl_err_set_string(hl_exc_TypeError, "weak object has gone away");
        return -1;
    }
    hl_incref(obj);
    self->hash = hl_object_hash(obj);
    hl_decref(obj);
    return self->hash;
}

static HLObject *weakref_repr(HLObject *op)
{
    HLWeakReference *self = (HLWeakReference *)op;
    HLObject *obj = ref_object(op);
    if (obj == HL_None)
        return hl_str_from_format("<weakref at %p; dead>", (void *)self);
    hl_incref(obj);
    HLObject *name = hl_object_getattr_str(obj, "__name__");
    if (name == NULL) {
        if (!hl_err_exception_matches(hl_exc_AttributeError)) {
            hl_decref(obj);
            return NULL;
        }
        hl_err_clear();
    }
    HLObject *repr;
    if (name == NULL || !hl_str_check(name))
        repr = hl_str_from_format("<weakref at %p; to '%s' at %p>", (void *)self,
                                  HL_TYPE(obj)->tp_name, (void *)obj);
    else
        repr = hl_str_from_format("<weakref at %p; to '%s' at %p (%U)>", (void *)self,
                                  HL_TYPE(obj)->tp_name, (void *)obj, name);
    hl_decref(obj);
    hl_xdecref(name);
    return repr;
}

static HLObject *weakref_richcompare(HLObject *self, HLObject *other, int op)
{
    if ((op != HL_EQ && op != HL_NE) || !hl_weakref_check_ref(self) || !hl_weakref_check_ref(other))
        return hl_newref(HL_NotImplemented);
    HLObject *a = ref_object(self), *b = ref_object(other);
    if (a == HL_None || b == HL_None) {
        int res = self == other;
        return hl_bool_from_long(op == HL_NE ? !res : res);
    }
    hl_incref(a);
    hl_incref(b);
    HLObject *res = hl_object_richcompare(a, b, op);
    hl_decref(a);
    hl_decref(b);
    return res;
}

/* weakref.ref(ob, callback=None) */
static HLObject *weakref___new__(HLTypeObject *type, HLObject *args, HLObject *kwargs)
{
    hl_ssize_t n = HL_SIZE(args);
    if (n < 1 || n > 2) {
        hl_err_format(hl_exc_TypeError, "__new__ expected %s 2 arguments, got %zd",
                      n < 1 ? "at least 1" : "at most", (ssize_t)n);
        return NULL;
    }
    return new_weakref(type, HL_TUPLE_GET(args, 0), n > 1 ? HL_TUPLE_GET(args, 1) : NULL);
}

static int weakref___init__(HLObject *self, HLObject *args, HLObject *kwargs) { return 0; }

static HLMemberDef weakref_members[] = {
    {"__callback__", HL_T_OBJECT, offsetof(HLWeakReference, wr_callback), HL_READONLY}, {NULL}};

HLTypeObject hl_weakref_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "weakref.ReferenceType",
    .tp_call = hl_vectorcall_call,
    .tp_basicsize = sizeof(HLWeakReference),
    .tp_dealloc = weakref_dealloc,
    .tp_vectorcall_offset = offsetof(HLWeakReference, vectorcall),
    .tp_repr = weakref_repr,
    .tp_hash = weakref_hash,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_BASETYPE | HL_TPFLAGS_HAVE_VECTORCALL,
    .tp_traverse = gc_traverse,
    .tp_clear = gc_clear,
    .tp_richcompare = weakref_richcompare,
    .tp_members = weakref_members,
    .tp_init = weakref___init__,
    .tp_alloc = hl_type_generic_alloc,
    .tp_new = weakref___new__,
    .tp_free = hl_gc_del,
};

/* ---- proxies -------------------------------------------------------------- */

/* The live referent of a proxy (borrowed), or NULL with ReferenceError. */
static HLObject *proxy_target(HLObject *proxy)
{
    HLObject *obj = ref_object(proxy);
    if (obj == HL_None) {
        hl_err_set_string(hl_exc_ReferenceError, "weakly-referenced object no longer exists");
        return NULL;
    }
    return obj;
}

#define UNWRAP(o)                                                              \
    if (hl_weakref_check_proxy(o)) {                                           \
        o = proxy_target(o);                                                   \
        if (o == NULL)                                                         \
            return NULL;                                                       \
    }

static HLObject *proxy_getattr(HLObject *proxy, HLObject *name)
{
    UNWRAP(proxy);
    hl_incref(proxy);
    HLObject *res = hl_object_getattr(proxy, name);
    hl_decref(proxy);
    return res;
}

static int proxy_setattr(HLObject *proxy, HLObject *name, HLObject *value)
{
    HLObject *obj = proxy_target(proxy);
    if (obj == NULL)
        return -1;
    hl_incref(obj);
    int r = hl_object_setattr(obj, name, value);
    hl_decref(obj);
    return r;
}

static HLObject *proxy_str(HLObject *proxy)
{
    UNWRAP(proxy);
    hl_incref(proxy);
    HLObject *res = hl_object_str(proxy);
    hl_decref(proxy);
    return res;
}

static HLObject *proxy_repr(HLObject *op)
{
    HLWeakReference *self = (HLWeakReference *)op;
    return hl_str_from_format("<weakproxy at %p to %s at %p>", (void *)self,
                              HL_TYPE(self->wr_object)->tp_name, (void *)self->wr_object);
}

static HLObject *proxy_richcompare(HLObject *a, HLObject *b, int op)
{
    UNWRAP(a);
    UNWRAP(b);
    return hl_object_richcompare(a, b, op);
}

static HLObject *proxy_call(HLObject *proxy, HLObject *args, HLObject *kw)
{
    UNWRAP(proxy);
    return hl_call(proxy, args, kw);
}

static HLObject *proxy_iter(HLObject *proxy)
{
    UNWRAP(proxy);
    return hl_object_get_iter(proxy);
}

static HLObject *proxy_iternext(HLObject *proxy)
{
    UNWRAP(proxy);
    if (HL_TYPE(proxy)->tp_iternext == NULL) {
        hl_err_format(hl_exc_TypeError, "Weakref proxy referenced a non-iterator '%s' object",
                      HL_TYPE(proxy)->tp_name);
        return NULL;
    }
    return HL_TYPE(proxy)->tp_iternext(proxy);
}

static int proxy_bool(HLObject *proxy)
{
    HLObject *o = proxy_target(proxy);
    return o == NULL ? -1 : hl_object_is_true(o);
}

static hl_ssize_t proxy_length(HLObject *proxy)
{
    HLObject *o = proxy_target(proxy);
    return o == NULL ? -1 : hl_object_length(o);
}

static int proxy_contains(HLObject *proxy, HLObject *value)
{
    HLObject *o = proxy_target(proxy);
    return o == NULL ? -1 : hl_sequence_contains(o, value);
}

static HLObject *proxy_getitem(HLObject *proxy, HLObject *key)
{
    UNWRAP(proxy);
    return hl_object_get_item(proxy, key);
}

static int proxy_setitem(HLObject *proxy, HLObject *key, HLObject *value)
{
    HLObject *o = proxy_target(proxy);
    if (o == NULL)
        return -1;
    return value == NULL ? hl_object_del_item(o, key) : hl_object_set_item(o, key, value);
}

#define PROXY_BINOP(name, opcode)                                              \
    static HLObject *proxy_##name(HLObject *a, HLObject *b)                    \
    {                                                                          \
        UNWRAP(a);                                                             \
        UNWRAP(b);                                                             \
        return hl_number_binary(a, b, opcode);                                 \
    }
PROXY_BINOP(add, HL_NB_ADD)
PROXY_BINOP(sub, HL_NB_SUBTRACT)
PROXY_BINOP(mul, HL_NB_MULTIPLY)
PROXY_BINOP(mod, HL_NB_REMAINDER)
PROXY_BINOP(floordiv, HL_NB_FLOOR_DIVIDE)
PROXY_BINOP(truediv, HL_NB_TRUE_DIVIDE)
PROXY_BINOP(lshift, HL_NB_LSHIFT)
PROXY_BINOP(rshift, HL_NB_RSHIFT)
PROXY_BINOP(and, HL_NB_AND)
PROXY_BINOP(or, HL_NB_OR)
PROXY_BINOP(xor, HL_NB_XOR)

static HLObject *proxy_neg(HLObject *a)
{
    UNWRAP(a);
    return hl_number_negative(a);
}

static HLNumberMethods proxy_as_number = {
    .nb_add = proxy_add,
    .nb_subtract = proxy_sub,
    .nb_multiply = proxy_mul,
    .nb_remainder = proxy_mod,
    .nb_negative = proxy_neg,
    .nb_bool = proxy_bool,
    .nb_lshift = proxy_lshift,
    .nb_rshift = proxy_rshift,
    .nb_and = proxy_and,
    .nb_xor = proxy_xor,
    .nb_or = proxy_or,
    .nb_floor_divide = proxy_floordiv,
    .nb_true_divide = proxy_truediv,
};
static HLSequenceMethods proxy_as_sequence = {.sq_contains = proxy_contains};
static HLMappingMethods proxy_as_mapping = {
    .mp_length = proxy_length,
    .mp_subscript = proxy_getitem,
    .mp_ass_subscript = proxy_setitem,
};

HLTypeObject hl_weakproxy_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "weakref.ProxyType",
    .tp_basicsize = sizeof(HLWeakReference),
    .tp_dealloc = weakref_dealloc,
    .tp_repr = proxy_repr,
    .tp_as_number = &proxy_as_number,
    .tp_as_sequence = &proxy_as_sequence,
    .tp_as_mapping = &proxy_as_mapping,
    .tp_hash = hl_hash_not_implemented,
    .tp_str = proxy_str,
    .tp_getattro = proxy_getattr,
    .tp_setattro = proxy_setattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = gc_traverse,
    .tp_clear = gc_clear,
    .tp_richcompare = proxy_richcompare,
    .tp_iter = proxy_iter,
    .tp_iternext = proxy_iternext,
    .tp_alloc = hl_type_generic_alloc,
    .tp_free = hl_gc_del,
};

HLTypeObject hl_weakcallableproxy_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "weakref.CallableProxyType",
    .tp_basicsize = sizeof(HLWeakReference),
    .tp_dealloc = weakref_dealloc,
    .tp_repr = proxy_repr,
    .tp_as_number = &proxy_as_number,
    .tp_as_sequence = &proxy_as_sequence,
    .tp_as_mapping = &proxy_as_mapping,
    .tp_hash = hl_hash_not_implemented,
    .tp_call = proxy_call,
    .tp_str = proxy_str,
    .tp_getattro = proxy_getattr,
    .tp_setattro = proxy_setattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = gc_traverse,
    .tp_clear = gc_clear,
    .tp_richcompare = proxy_richcompare,
    .tp_iter = proxy_iter,
    .tp_iternext = proxy_iternext,
    .tp_alloc = hl_type_generic_alloc,
    .tp_free = hl_gc_del,
};
