/*
 * typeready.c — readying a type (CPython 3.11's type_ready), the method
 * resolution order, and the registry of subclasses.
 *
 * MRO.  mro_internal sets tp_mro from mro_invoke: type's own C3
 * linearisation (mro_implementation: a single base is the fast path, the
 * class then its base's MRO; more bases merge the bases' MROs and the
 * bases tuple with pmerge, failing with "Cannot create a consistent method
 * resolution\norder (MRO) for bases A, B" or "duplicate base class A"), or
 * the mro() of a custom metaclass, checked against the layout.
 *
 * Readying runs for every static type at start-up (or on first use) and
 * for each class made by type_new, in 3.11's order:
 *   1. the dict; the bases (object by default); the MRO;
 *   2. tp_new: a static type deriving from object without one cannot be
 *      instantiated; others inherit their base's; a type with its own gets
 *      a `__new__` built-in method in its dict (tp_new_wrapper);
 *   3. the dict is filled with slot wrappers for the C slots the type
 *      itself defines (add_operators, typeslots.c), then its methods,
 *      members and getsets (descrobject.c), then __doc__;
 *   4. inherit_special takes the layout fields from the dominant base
 *      (basicsize, itemsize, weaklistoffset, dictoffset, the GC and
 *      managed-dict flags), and inherit_slots runs for each class of the
 *      MRO: a slot is taken only from the class that defines it
 *      (SLOTDEFINED: not the same as its own base's), and tp_hash goes
 *      with tp_richcompare unless the class dict has __eq__ or __hash__;
 *   5. a type still without tp_hash says so in its dict: __hash__ = None;
 *   6. the type is added to each base's tp_subclasses, a dict
 *      {id(subclass): weakref(subclass)}, which __subclasses__() reads and
 *      update_slot follows.
 *
 * The heap audit counts references found by traversal.  tp_subclasses and
 * ht_slots are references type_traverse does not report (as in CPython:
 * they cannot be part of a cycle, and reporting them would change what a
 * collection counts), so they are given to the audit as roots.
 */
#include "typeobject.h"

#include <stddef.h>
#include <string.h>

#include "../runtime/audit.h"
#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "../runtime/heapview.h"
#include "../runtime/sysmem.h"
#include "../runtime/weakref.h"
#include "descrobject.h"
#include "dictobject.h"
#include "listobject.h"
#include "longobject.h"
#include "strobject.h"
#include "tupleobject.h"

#define TYPE(o) ((HLTypeObject *)(o))
#define HEAP(o) ((HLHeapTypeObject *)(o))

/* ---- the method resolution order --------------------------------------------- */

/* __name__ for messages, or the repr. */
static HLObject *class_name(HLObject *cls)
{
    HLObject *name = hl_object_getattr_str(cls, "__name__");
    if (name == NULL && hl_err_exception_matches(hl_exc_AttributeError)) {
        hl_err_clear();
        name = hl_object_repr(cls);
    }
    return name;
}

static int check_duplicates(HLObject *bases)
{
    hl_ssize_t n = HL_SIZE(bases);
    for (hl_ssize_t i = 0; i < n; i++)
        for (hl_ssize_t j = i + 1; j < n; j++)
            if (HL_TUPLE_GET(bases, i) == HL_TUPLE_GET(bases, j)) {
                HLObject *name = class_name(HL_TUPLE_GET(bases, i));
                if (name != NULL) {
                    if (hl_str_check(name))
                        hl_err_format(hl_exc_TypeError, "duplicate base class %U", name);
                    else
                        hl_err_set_string(hl_exc_TypeError, "duplicate base class");
                    hl_decref(name);
                }
                return -1;
            }
    return 0;
}

/* The classes that were candidates for the next place, in first-seen
 * order (a dict, as CPython collects them). */
static void set_mro_error(HLObject **to_merge, hl_ssize_t n, hl_ssize_t *remain)
{
    HLObject *set = hl_dict_new();
    if (set == NULL)
        return;
    for (hl_ssize_t i = 0; i < n; i++)
        if (remain[i] < HL_SIZE(to_merge[i]) &&
            hl_dict_set_item(set, HL_TUPLE_GET(to_merge[i], remain[i]), HL_None) < 0) {
            hl_decref(set);
            return;
        }
    HLObject *msg = hl_str_from_cstr("Cannot create a consistent method resolution\norder (MRO) for bases");
    hl_ssize_t pos = 0, left = hl_dict_size(set);
    HLObject *k, *v;
    while (msg != NULL && hl_dict_next(set, &pos, &k, &v)) {
        HLObject *name = class_name(k);
        if (name == NULL) {
            HL_CLEAR(msg);
            break;
        }
        HLObject *part = hl_str_check(name) ? hl_str_from_format(" %U%s", name, --left ? "," : "")
                                            : hl_str_from_format(" ?%s", --left ? "," : "");
        hl_decref(name);
        if (part == NULL)
            HL_CLEAR(msg);
        else
            hl_str_append(&msg, part), hl_decref(part);
    }
    if (msg != NULL) {
        hl_err_set_object(hl_exc_TypeError, msg);
        hl_decref(msg);
    }
    hl_decref(set);
}

static int tail_contains(HLObject *tuple, hl_ssize_t whence, HLObject *o)
{
    for (hl_ssize_t j = whence + 1; j < HL_SIZE(tuple); j++)
        if (HL_TUPLE_GET(tuple, j) == o)
            return 1;
    return 0;
}

/* C3 merge: repeatedly take the first head that is in no other list's
 * tail, appending it to acc and removing it from every list's head. */
static int pmerge(HLObject *acc, HLObject **to_merge, hl_ssize_t n)
{
    hl_ssize_t stack_remain[8];
    hl_ssize_t *remain = n <= 8 ? stack_remain : hl_raw_calloc(sizeof(hl_ssize_t) * (size_t)n);
    if (remain == NULL) {
        hl_err_nomemory();
        return -1;
    }
    for (hl_ssize_t i = 0; i < n; i++)
        remain[i] = 0;
    int res = 0;
again:;
    hl_ssize_t empty = 0;
    for (hl_ssize_t i = 0; i < n; i++) {
        HLObject *cur = to_merge[i];
        if (remain[i] >= HL_SIZE(cur)) {
            empty++;
            continue;
        }
        HLObject *candidate = HL_TUPLE_GET(cur, remain[i]);
        int in_tail = 0;
        for (hl_ssize_t j = 0; j < n && !in_tail; j++)
            in_tail = tail_contains(to_merge[j], remain[j], candidate);
        if (in_tail)
            continue;
        if ((res = hl_list_append(acc, candidate)) < 0)
            goto out;
        for (hl_ssize_t j = 0; j < n; j++)
            if (remain[j] < HL_SIZE(to_merge[j]) && HL_TUPLE_GET(to_merge[j], remain[j]) == candidate)
                remain[j]++;
        goto again;
    }
    if (empty != n) {
        set_mro_error(to_merge, n, remain);
        res = -1;
    }
out:
    if (remain != stack_remain)
        hl_raw_free(remain);
    return res;
}

HLObject *hl_type_mro_implementation(HLTypeObject *type)
{
    if (!(type->tp_flags & HL_TPFLAGS_READY) && hl_type_ready(type) < 0)
        return NULL;
    HLObject *bases = type->tp_bases;
    hl_ssize_t n = HL_SIZE(bases);
    for (hl_ssize_t i = 0; i < n; i++) {
        HLTypeObject *base = TYPE(HL_TUPLE_GET(bases, i));
        if (base->tp_mro == NULL) {
            hl_err_format(hl_exc_TypeError, "Cannot extend an incomplete type '%s'", base->tp_name);
            return NULL;
        }
    }
    if (n == 1) {
        /* Fast path: the class, then its base's MRO. */
        HLObject *base_mro = TYPE(HL_TUPLE_GET(bases, 0))->tp_mro;
        hl_ssize_t k = HL_SIZE(base_mro);
        HLObject *result = hl_tuple_new(k + 1);
        if (result == NULL)
            return NULL;
        HL_TUPLE_SET(result, 0, hl_newref(type));
        for (hl_ssize_t i = 0; i < k; i++)
            HL_TUPLE_SET(result, i + 1, hl_newref(HL_TUPLE_GET(base_mro, i)));
        return result;
    }
    if (check_duplicates(bases) < 0)
        return NULL;
    /* Merge each base's MRO, and the bases in their declared order. */
    HLObject *stack[9];
    HLObject **to_merge = n + 1 <= 9 ? stack : hl_raw_malloc(sizeof(HLObject *) * (size_t)(n + 1));
    if (to_merge == NULL)
        return hl_err_nomemory();
    for (hl_ssize_t i = 0; i < n; i++)
        to_merge[i] = TYPE(HL_TUPLE_GET(bases, i))->tp_mro;
    to_merge[n] = bases;
    HLObject *result = hl_list_new(1);
    if (result != NULL) {
        HL_LIST_SET(result, 0, hl_newref(type));
        if (pmerge(result, to_merge, n + 1) < 0)
            HL_CLEAR(result);
    }
    if (to_merge != stack)
        hl_raw_free(to_merge);
    return result;
}

/* mro() of a custom metaclass must give classes the type's layout allows. */
static int mro_check(HLTypeObject *type, HLObject *mro)
{
    HLTypeObject *solid = hl_best_base(type->tp_bases);
    if (solid == NULL)
        return -1;
    for (hl_ssize_t i = 0; i < HL_SIZE(mro); i++) {
        HLObject *obj = HL_TUPLE_GET(mro, i);
        if (!hl_type_check(obj)) {
            hl_err_format(hl_exc_TypeError, "mro() returned a non-class ('%s')", HL_TYPE(obj)->tp_name);
            return -1;
        }
        if (!hl_type_is_subtype(solid, TYPE(obj)) && !hl_type_is_subtype(TYPE(obj), solid) &&
            obj != (HLObject *)type) {
            hl_err_format(hl_exc_TypeError, "mro() returned base with unsuitable layout ('%s')",
                          TYPE(obj)->tp_name);
            return -1;
        }
    }
    return 0;
}

static HLObject *mro_invoke(HLTypeObject *type)
{
    int custom = !HL_IS_TYPE(type, &hl_type_type);
    HLObject *mro_result;
    if (custom) {
        HLObject *args[1] = {(HLObject *)type};
        HLObject *name = hl_str_intern_from_cstr("mro");
        if (name == NULL)
            return NULL;
        int unbound;
        HLObject *meth = hl_slot_lookup_maybe_method((HLObject *)type, name, &unbound);
        hl_decref(name);
        if (meth == NULL) {
            if (!hl_err_occurred())
                hl_err_set_string(hl_exc_AttributeError, "mro");
            return NULL;
        }
        mro_result = hl_slot_call_unbound(unbound, meth, args, 1);
        hl_decref(meth);
    } else {
        mro_result = hl_type_mro_implementation(type);
    }
    if (mro_result == NULL)
        return NULL;
    HLObject *new_mro = hl_sequence_tuple(mro_result);
    hl_decref(mro_result);
    if (new_mro == NULL)
        return NULL;
    if (HL_SIZE(new_mro) == 0) {
        hl_decref(new_mro);
        hl_err_set_string(hl_exc_TypeError, "type MRO must not be empty");
        return NULL;
    }
    if (custom && mro_check(type, new_mro) < 0) {
        hl_decref(new_mro);
        return NULL;
    }
    return new_mro;
}

int hl_type_mro_internal(HLTypeObject *type)
{
    HLObject *new_mro = mro_invoke(type);
    if (new_mro == NULL)
        return -1;
    HL_XSETREF(type->tp_mro, new_mro);
    return 0;
}

/* ---- tp_subclasses: {id(subclass): weakref(subclass)} ------------------------- */

int hl_type_add_subclass(HLTypeObject *base, HLTypeObject *type)
{
    HLObject *key = hl_long_from_size((size_t)(uintptr_t)type);
    if (key == NULL)
        return -1;
    HLObject *ref = hl_weakref_new_ref((HLObject *)type, NULL);
    if (ref == NULL) {
        hl_decref(key);
        return -1;
    }
    /* Read tp_subclasses only now: the allocations above may collect. */
    if (base->tp_subclasses == NULL && (base->tp_subclasses = hl_dict_new()) == NULL) {
        hl_decref(key);
        hl_decref(ref);
        return -1;
    }
    int r = hl_dict_set_item(base->tp_subclasses, key, ref);
    hl_decref(ref);
    hl_decref(key);
    return r;
}

void hl_type_remove_subclass(HLTypeObject *base, HLTypeObject *type)
{
    HLObject *subclasses = base->tp_subclasses;
    if (subclasses == NULL)
        return;
    HLObject *key = hl_long_from_size((size_t)(uintptr_t)type);
    if (key == NULL || hl_dict_del_item(subclasses, key) < 0)
        hl_err_clear(); /* readying failed before the base knew the class */
    hl_xdecref(key);
    if (hl_dict_size(subclasses) == 0)
        HL_CLEAR(base->tp_subclasses); /* give the memory back */
}

HLObject *hl_type_get_subclasses(HLTypeObject *type)
{
    HLObject *list = hl_list_new(0);
    if (list == NULL || type->tp_subclasses == NULL)
        return list;
    hl_ssize_t pos = 0;
    HLObject *key, *ref;
    while (hl_dict_next(type->tp_subclasses, &pos, &key, &ref)) {
        HLObject *obj = hl_weakref_get_object(ref);
        if (obj != HL_None && hl_list_append(list, obj) < 0) {
            hl_decref(list);
            return NULL;
        }
    }
    return list;
}

/* ---- readying: inheritance ------------------------------------------------------ */

/* The slot is the base's own, not one it inherited from its base. */
#define SLOTDEFINED(field) (base->field != 0 && (basebase == NULL || base->field != basebase->field))
#define COPYSLOT(field)                                                        \
    if (!type->field && SLOTDEFINED(field))                                    \
    type->field = base->field
#define COPYVAL(field)                                                         \
    if (type->field == 0)                                                      \
    type->field = base->field

static void copy_slot_array(void **t, void *const *b, void *const *bb, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (t[i] == NULL && b[i] != NULL && (bb == NULL || b[i] != bb[i]))
            t[i] = b[i];
}

static int overrides_hash(HLTypeObject *type)
{
    int r = hl_dict_get_item_str(type->tp_dict, "__eq__") != NULL;
    if (!r && !hl_err_occurred())
        r = hl_dict_get_item_str(type->tp_dict, "__hash__") != NULL;
    return hl_err_occurred() ? -1 : r;
}

static int inherit_slots(HLTypeObject *type, HLTypeObject *base)
{
    HLTypeObject *basebase = base->tp_base;
    if (type->tp_as_number != NULL && base->tp_as_number != NULL)
        copy_slot_array((void **)type->tp_as_number, (void *const *)base->tp_as_number,
                        basebase && basebase->tp_as_number ? (void *const *)basebase->tp_as_number : NULL,
                        sizeof(HLNumberMethods) / sizeof(void *));
    if (type->tp_as_sequence != NULL && base->tp_as_sequence != NULL)
        copy_slot_array((void **)type->tp_as_sequence, (void *const *)base->tp_as_sequence,
                        basebase && basebase->tp_as_sequence ? (void *const *)basebase->tp_as_sequence : NULL,
                        sizeof(HLSequenceMethods) / sizeof(void *));
    if (type->tp_as_mapping != NULL && base->tp_as_mapping != NULL)
        copy_slot_array((void **)type->tp_as_mapping, (void *const *)base->tp_as_mapping,
                        basebase && basebase->tp_as_mapping ? (void *const *)basebase->tp_as_mapping : NULL,
                        sizeof(HLMappingMethods) / sizeof(void *));
    COPYSLOT(tp_dealloc);
    if (type->tp_getattro == NULL)
        type->tp_getattro = base->tp_getattro;
    if (type->tp_setattro == NULL)
        type->tp_setattro = base->tp_setattro;
    COPYSLOT(tp_repr);
    COPYSLOT(tp_vectorcall_offset);
    if (!type->tp_call && HL_TYPE_HAS_FLAG(base, HL_TPFLAGS_HAVE_VECTORCALL) &&
        HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_IMMUTABLETYPE))
        type->tp_flags |= HL_TPFLAGS_HAVE_VECTORCALL;
    COPYSLOT(tp_call);
    COPYSLOT(tp_str);
    /* tp_hash goes with tp_richcompare, unless the class overrides either. */
    if (type->tp_richcompare == NULL && type->tp_hash == NULL) {
        int r = overrides_hash(type);
        if (r < 0)
            return -1;
        if (!r) {
            type->tp_richcompare = base->tp_richcompare;
            type->tp_hash = base->tp_hash;
        }
    }
    COPYSLOT(tp_iter);
    COPYSLOT(tp_iternext);
    COPYSLOT(tp_descr_get);
    if (base->tp_descr_get && type->tp_descr_get == base->tp_descr_get &&
        HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_IMMUTABLETYPE) &&
        HL_TYPE_HAS_FLAG(base, HL_TPFLAGS_METHOD_DESCRIPTOR))
        type->tp_flags |= HL_TPFLAGS_METHOD_DESCRIPTOR;
    COPYSLOT(tp_descr_set);
    COPYSLOT(tp_dictoffset);
    COPYSLOT(tp_init);
    COPYSLOT(tp_alloc);
    COPYSLOT(tp_is_gc);
    COPYSLOT(tp_finalize);
    if ((type->tp_flags & HL_TPFLAGS_HAVE_GC) == (base->tp_flags & HL_TPFLAGS_HAVE_GC)) {
        COPYSLOT(tp_free);
    } else if ((type->tp_flags & HL_TPFLAGS_HAVE_GC) && type->tp_free == NULL &&
               base->tp_free == hl_object_free) {
        type->tp_free = hl_gc_del; /* a subclass that adds GC */
    }
    return 0;
}

static void inherit_special(HLTypeObject *type, HLTypeObject *base)
{
    /* A GC base makes the subtype GC too. */
    if (!(type->tp_flags & HL_TPFLAGS_HAVE_GC) && (base->tp_flags & HL_TPFLAGS_HAVE_GC) &&
        !type->tp_traverse && !type->tp_clear) {
        type->tp_flags |= HL_TPFLAGS_HAVE_GC;
        type->tp_traverse = base->tp_traverse;
        type->tp_clear = base->tp_clear;
    }
    type->tp_flags |= base->tp_flags & HL_TPFLAGS_MANAGED_DICT;
    if (type->tp_basicsize == 0)
        type->tp_basicsize = base->tp_basicsize;
    COPYVAL(tp_itemsize);
    COPYVAL(tp_weaklistoffset);
    COPYVAL(tp_dictoffset);
    /* The fast subclass flags. */
    type->tp_flags |= base->tp_flags & (HL_TPFLAGS_LONG_SUBCLASS | HL_TPFLAGS_LIST_SUBCLASS |
                                        HL_TPFLAGS_TUPLE_SUBCLASS | HL_TPFLAGS_BYTES_SUBCLASS |
                                        HL_TPFLAGS_UNICODE_SUBCLASS | HL_TPFLAGS_DICT_SUBCLASS |
                                        HL_TPFLAGS_BASE_EXC_SUBCLASS | HL_TPFLAGS_TYPE_SUBCLASS);
}

/* ---- readying: the steps of type_ready ------------------------------------------ */

static int type_ready_set_bases(HLTypeObject *type)
{
    HLTypeObject *base = type->tp_base;
    if (base == NULL && type != &hl_object_type) {
        base = type->tp_base = &hl_object_type;
        if (HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_HEAPTYPE))
            hl_incref(base);
    }
    if (base != NULL && !(base->tp_flags & HL_TPFLAGS_READY) && hl_type_ready(base) < 0)
        return -1;
    if (HL_TYPE(type) == NULL && base != NULL)
        type->ob_base.ob_base.ob_type = HL_TYPE(base);
    if (type->tp_bases == NULL) {
        type->tp_bases = base ? hl_tuple_pack(1, base) : hl_tuple_new(0);
        if (type->tp_bases == NULL)
            return -1;
    }
    return 0;
}

static int add_tp_new_wrapper(HLTypeObject *type)
{
    HLObject *name = hl_str_intern_from_cstr("__new__");
    if (name == NULL)
        return -1;
    int r = hl_dict_contains(type->tp_dict, name);
    if (r == 0) {
        HLObject *func = hl_cfunction_new(hl_tp_new_methoddef, (HLObject *)type, NULL);
        r = func == NULL ? -1 : hl_dict_set_item(type->tp_dict, name, func);
        hl_xdecref(func);
    }
    hl_decref(name);
    return r < 0 ? -1 : 0;
}

/* A static type deriving from object without tp_new cannot be
 * instantiated (object.__new__ would not make its invariants); others
 * inherit tp_new, and a type with its own gets a `__new__` method. */
static int type_ready_set_new(HLTypeObject *type)
{
    HLTypeObject *base = type->tp_base;
    if (type->tp_new == NULL && base == &hl_object_type &&
        !HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_HEAPTYPE))
        return 0;
    if (type->tp_new != NULL)
        return add_tp_new_wrapper(type);
    type->tp_new = base->tp_new;
    return 0;
}

static int type_ready_fill_dict(HLTypeObject *type)
{
    if (hl_type_add_operators(type) < 0 || hl_type_add_descriptors(type) < 0)
        return -1;
    int r = hl_dict_get_item_str(type->tp_dict, "__doc__") != NULL;
    if (r || hl_err_occurred())
        return r ? 0 : -1;
    HLObject *doc = type->tp_doc ? hl_str_from_cstr(type->tp_doc) : hl_none_new();
    if (doc == NULL)
        return -1;
    return hl_dict_set_item_str_steal(type->tp_dict, "__doc__", doc);
}

static int type_ready_inherit(HLTypeObject *type)
{
    HLTypeObject *base = type->tp_base;
    if (base != NULL)
        inherit_special(type, base);
    HLObject *mro = type->tp_mro;
    for (hl_ssize_t i = 1; i < HL_SIZE(mro); i++) {
        HLObject *b = HL_TUPLE_GET(mro, i);
        if (hl_type_check(b) && inherit_slots(type, TYPE(b)) < 0)
            return -1;
    }
    if (base != NULL) {
        if (!type->tp_as_number)
            type->tp_as_number = base->tp_as_number;
        if (!type->tp_as_sequence)
            type->tp_as_sequence = base->tp_as_sequence;
        if (!type->tp_as_mapping)
            type->tp_as_mapping = base->tp_as_mapping;
    }
    if (type->tp_free == NULL)
        type->tp_free = hl_type_is_gc(type) ? hl_gc_del : hl_object_free;
    return 0;
}

/* A type without tp_hash after inheriting says so: __hash__ = None. */
static int type_ready_set_hash(HLTypeObject *type)
{
    if (type->tp_hash != NULL)
        return 0;
    int r = hl_dict_get_item_str(type->tp_dict, "__hash__") != NULL;
    if (hl_err_occurred())
        return -1;
    if (r)
        return 0;
    if (hl_dict_set_item_str(type->tp_dict, "__hash__", HL_None) < 0)
        return -1;
    type->tp_hash = hl_hash_not_implemented;
    return 0;
}

static int type_ready_add_subclasses(HLTypeObject *type)
{
    HLObject *bases = type->tp_bases;
    for (hl_ssize_t i = 0; i < HL_SIZE(bases); i++) {
        HLObject *b = HL_TUPLE_GET(bases, i);
        if (hl_type_check(b) && hl_type_add_subclass(TYPE(b), type) < 0)
            return -1;
    }
    return 0;
}

int hl_type_ready(HLTypeObject *type)
{
    if (type->tp_flags & (HL_TPFLAGS_READY | HL_TPFLAGS_READYING))
        return 0;
    type->tp_flags |= HL_TPFLAGS_READYING;
    if (!HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_HEAPTYPE))
        type->tp_flags |= HL_TPFLAGS_IMMUTABLETYPE;
    if (type->tp_dict == NULL && (type->tp_dict = hl_dict_new()) == NULL)
        goto error;
    if (type_ready_set_bases(type) < 0 || hl_type_mro_internal(type) < 0)
        goto error;
    if (type_ready_set_new(type) < 0)
        goto error;
    if (type_ready_fill_dict(type) < 0 || type_ready_inherit(type) < 0 ||
        type_ready_set_hash(type) < 0 || type_ready_add_subclasses(type) < 0)
        goto error;
    if (!HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_HEAPTYPE))
        hl_register_static_type(type);
    type->tp_flags = (type->tp_flags & ~HL_TPFLAGS_READYING) | HL_TPFLAGS_READY;
    return 0;
error:
    type->tp_flags &= ~HL_TPFLAGS_READYING;
    return -1;
}

/* ---- the heap audit's view of classes ------------------------------------------- */

/* tp_subclasses and ht_slots are references type_traverse does not report
 * (as in CPython: they cannot be part of a cycle); the audit counts them
 * as roots so that every reference is still accounted for. */
typedef struct {
    hl_visitproc visit;
    void *arg;
} root_walk;

static void visit_heap_type(HLObject *op, int large, void *arg)
{
    root_walk *w = arg;
    if (!hl_type_check(op) || !HL_TYPE_HAS_FLAG(TYPE(op), HL_TPFLAGS_HEAPTYPE))
        return;
    if (TYPE(op)->tp_subclasses)
        w->visit(TYPE(op)->tp_subclasses, w->arg);
    if (HEAP(op)->ht_slots)
        w->visit(HEAP(op)->ht_slots, w->arg);
}

static void heap_type_roots(hl_visitproc visit, void *arg)
{
    root_walk w = {visit, arg};
    hl_heap_foreach(visit_heap_type, &w);
}

void hl_typeobject_init(void)
{
    static int registered;
    if (!registered) {
        hl_register_root_visitor(heap_type_roots, "classes' subclass dicts and __slots__");
        registered = 1;
    }
}
