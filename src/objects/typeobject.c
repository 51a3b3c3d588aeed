/*
 * typeobject.c — `type` and `object`, readying types, attribute lookup.
 *
 * Readying (hl_type_ready) completes a type at start-up or when a class
 * statement creates it: its base defaults to object, missing slots are
 * inherited from the base (CPython's inherit_special / inherit_slots), the
 * method resolution order tp_mro is the tuple (type, base, base's base, ...,
 * object) — single inheritance makes C3 linearisation trivial — and tp_dict
 * receives the type's methods, members and getsets as descriptors
 * (descrobject.c) plus wrappers for its slots (slotdefs.c).
 *
 * Attribute lookup follows CPython's generic algorithm
 * (_PyObject_GenericGetAttrWithDict): a data descriptor found on the type
 * wins; then the instance's own attributes (its values array, its dict);
 * then a non-data descriptor or plain class attribute.
 */
#include <stddef.h>
#include <string.h>

#include "../runtime/audit.h"
#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "../runtime/state.h"
#include "abstract.h"
#include "descrobject.h"
#include "dictobject.h"
#include "longobject.h"
#include "strobject.h"
#include "tupleobject.h"

/* ---- subtype relations, lookup ------------------------------------------ */

int hl_type_is_subtype(HLTypeObject *a, HLTypeObject *b)
{
    HLObject *mro = a->tp_mro;
    if (mro != NULL) {
        for (hl_ssize_t i = 0; i < HL_SIZE(mro); i++)
            if (HL_TUPLE_GET(mro, i) == (HLObject *)b)
                return 1;
        return 0;
    }
    /* Not readied yet: follow the bases. */
    for (; a != NULL; a = a->tp_base)
        if (a == b)
            return 1;
    return b == &hl_object_type;
}

HLObject *hl_type_lookup(HLTypeObject *type, HLObject *name)
{
    HLObject *mro = type->tp_mro;
    if (mro == NULL)
        return NULL;
    hl_hash_t hash = hl_object_hash(name);
    (void)hash;
    for (hl_ssize_t i = 0; i < HL_SIZE(mro); i++) {
        HLTypeObject *base = (HLTypeObject *)HL_TUPLE_GET(mro, i);
        if (base->tp_dict == NULL)
            continue;
        HLObject *res = hl_dict_get_item(base->tp_dict, name);
        if (res != NULL)
            return res;
        if (hl_err_occurred())
            hl_err_clear();
    }
    return NULL;
}

/* ---- generic attribute access ------------------------------------------- */

static HLObject **instance_dict_ptr(HLObject *obj)
{
    HLTypeObject *tp = HL_TYPE(obj);
    if (HL_TYPE_HAS_FLAG(tp, HL_TPFLAGS_MANAGED_DICT))
        return HL_OBJECT_MANAGED_DICT_PTR(obj);
    if (tp->tp_dictoffset > 0)
        return (HLObject **)((char *)obj + tp->tp_dictoffset);
    return NULL;
}

HLObject *hl_object_generic_getattr(HLObject *obj, HLObject *name)
{
    HLTypeObject *tp = HL_TYPE(obj);
    if (!hl_str_check(name)) {
        hl_err_format(hl_exc_TypeError, "attribute name must be string, not '%s'",
                      HL_TYPE(name)->tp_name);
        return NULL;
    }
    if (tp->tp_dict == NULL && hl_type_ready(tp) < 0)
        return NULL;
    HLObject *descr = hl_type_lookup(tp, name), *res = NULL;
    hl_descrgetfunc f = NULL;
    hl_xincref(descr);
    if (descr != NULL) {
        f = HL_TYPE(descr)->tp_descr_get;
        if (f != NULL && HL_TYPE(descr)->tp_descr_set != NULL) {
            res = f(descr, obj, (HLObject *)tp);
            goto done;
        }
    }
    if (HL_TYPE_HAS_FLAG(tp, HL_TPFLAGS_MANAGED_DICT) && *HL_OBJECT_VALUES_PTR(obj)) {
        res = hl_object_instance_getattr(obj, name);
        if (res != NULL) {
            hl_incref(res);
            goto done;
        }
    } else {
        HLObject **dictptr = instance_dict_ptr(obj);
        if (dictptr && *dictptr) {
            HLObject *dict = hl_newref(*dictptr);
            res = hl_dict_get_item(dict, name);
            hl_xincref(res);
            hl_decref(dict);
            if (res != NULL || hl_err_occurred())
                goto done;
        }
    }
    if (f != NULL) {
        res = f(descr, obj, (HLObject *)tp);
        goto done;
    }
    if (descr != NULL) {
        res = descr;
        descr = NULL;
        goto done;
    }
    hl_err_format(hl_exc_AttributeError, "'%s' object has no attribute '%U'", tp->tp_name, name);
done:
    hl_xdecref(descr);
    return res;
}

int hl_object_generic_setattr(HLObject *obj, HLObject *name, HLObject *value)
{
    HLTypeObject *tp = HL_TYPE(obj);
    if (!hl_str_check(name)) {
        hl_err_format(hl_exc_TypeError, "attribute name must be string, not '%s'",
                      HL_TYPE(name)->tp_name);
        return -1;
    }
    if (tp->tp_dict == NULL && hl_type_ready(tp) < 0)
        return -1;
    HLObject *descr = hl_type_lookup(tp, name);
    if (descr != NULL) {
        hl_descrsetfunc f = HL_TYPE(descr)->tp_descr_set;
        if (f != NULL) {
            hl_incref(descr);
            int r = f(descr, obj, value);
            hl_decref(descr);
            return r;
        }
    }
    if (HL_TYPE_HAS_FLAG(tp, HL_TPFLAGS_MANAGED_DICT))
        return hl_object_instance_setattr(obj, name, value);
    HLObject **dictptr = instance_dict_ptr(obj);
    if (dictptr == NULL) {
        if (descr == NULL)
            hl_err_format(hl_exc_AttributeError, "'%s' object has no attribute '%U'", tp->tp_name,
                          name);
        else
            hl_err_format(hl_exc_AttributeError, "'%s' object attribute '%U' is read-only",
                          tp->tp_name, name);
        return -1;
    }
    if (*dictptr == NULL) {
        if (value == NULL) {
            hl_err_format(hl_exc_AttributeError, "'%s' object has no attribute '%U'", tp->tp_name,
                          name);
            return -1;
        }
        *dictptr = hl_dict_new();
        if (*dictptr == NULL)
            return -1;
    }
    HLObject *dict = hl_newref(*dictptr);
    int r;
    if (value == NULL) {
        r = hl_dict_del_item(dict, name);
        if (r < 0 && hl_err_exception_matches(hl_exc_KeyError)) {
            hl_err_clear();
            hl_err_format(hl_exc_AttributeError, "'%s' object has no attribute '%U'", tp->tp_name,
                          name);
        }
    } else {
        r = hl_dict_set_item(dict, name, value);
    }
    hl_decref(dict);
    return r;
}

/* ---- object ------------------------------------------------------------- */

HLObject *hl_object_self_iter(HLObject *o) { return hl_newref(o); }

HLObject *hl_type_generic_new(HLTypeObject *type, HLObject *args, HLObject *kwds)
{
    return type->tp_alloc(type, 0);
}

/* The name of the module a type belongs to (a new reference). */
HLObject *hl_type_module(HLTypeObject *type)
{
    if (HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_HEAPTYPE)) {
        HLObject *mod = type->tp_dict ? hl_dict_get_item_str(type->tp_dict, "__module__") : NULL;
        if (mod != NULL)
            return hl_newref(mod);
        if (hl_err_occurred())
            return NULL;
        return hl_str_from_cstr("builtins");
    }
    const char *dot = strrchr(type->tp_name, '.');
    if (dot)
        return hl_str_from_utf8(type->tp_name, (hl_ssize_t)(dot - type->tp_name));
    return hl_str_from_cstr("builtins");
}

HLObject *hl_type_qualname(HLTypeObject *type)
{
    if (HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_HEAPTYPE))
        return hl_newref(((HLHeapTypeObject *)type)->ht_qualname);
    const char *dot = strrchr(type->tp_name, '.');
    return hl_str_from_cstr(dot ? dot + 1 : type->tp_name);
}

static HLObject *object_repr(HLObject *self)
{
    HLTypeObject *type = HL_TYPE(self);
    HLObject *mod = hl_type_module(type);
    if (mod == NULL)
        hl_err_clear();
    HLObject *name = hl_type_qualname(type);
    if (name == NULL) {
        hl_xdecref(mod);
        return NULL;
    }
    HLObject *rtn;
    if (mod != NULL && hl_str_check(mod) && !hl_str_eq_cstr(mod, "builtins"))
        rtn = hl_str_from_format("<%U.%U object at %p>", mod, name, (void *)self);
    else
        rtn = hl_str_from_format("<%s object at %p>", type->tp_name, (void *)self);
    hl_xdecref(mod);
    hl_decref(name);
    return rtn;
}

static HLObject *object_richcompare(HLObject *self, HLObject *other, int op)
{
    switch (op) {
    case HL_EQ:
        /* Identity; NotImplemented otherwise, so the other side may try. */
        return hl_newref(self == other ? HL_True : HL_NotImplemented);
    case HL_NE: {
        /* By default, != is the negation of ==. */
        hl_richcmpfunc eq = HL_TYPE(self)->tp_richcompare;
        if (eq == NULL)
            return hl_newref(HL_NotImplemented);
        HLObject *res = eq(self, other, HL_EQ);
        if (res != NULL && res != HL_NotImplemented) {
            int ok = hl_object_is_true(res);
            hl_decref(res);
            return ok < 0 ? NULL : hl_bool_from_long(!ok);
        }
        return res;
    }
    default:
        return hl_newref(HL_NotImplemented);
    }
}

static void object_dealloc(HLObject *self) { HL_TYPE(self)->tp_free(self); }

static int excess_args(HLObject *args, HLObject *kwds)
{
    return (args && HL_SIZE(args)) || (kwds && hl_dict_check(kwds) && hl_dict_size(kwds));
}

static HLObject *object_new(HLTypeObject *type, HLObject *args, HLObject *kwds)
{
    if (excess_args(args, kwds)) {
        if (type->tp_new != object_new) {
            hl_err_set_string(hl_exc_TypeError, "object.__new__() takes exactly one argument (the type to instantiate)");
            return NULL;
        }
        if (type->tp_init == hl_object_type.tp_init) {
            hl_err_format(hl_exc_TypeError, "%s() takes no arguments", type->tp_name);
            return NULL;
        }
    }
    HLObject *obj = type->tp_alloc(type, 0);
    if (obj == NULL)
        return NULL;
    if (HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_MANAGED_DICT) && hl_object_init_inline_values(obj, type) < 0) {
        hl_decref(obj);
        return NULL;
    }
    return obj;
}

static int object_init(HLObject *self, HLObject *args, HLObject *kwds)
{
    HLTypeObject *type = HL_TYPE(self);
    if (excess_args(args, kwds)) {
        if (type->tp_init != object_init) {
            hl_err_set_string(hl_exc_TypeError, "object.__init__() takes exactly one argument (the instance to initialize)");
            return -1;
        }
        if (type->tp_new == object_new) {
            hl_err_format(hl_exc_TypeError, "%s() takes no arguments", type->tp_name);
            return -1;
        }
    }
    return 0;
}

static hl_hash_t object_hash(HLObject *self) { return hl_hash_pointer(self); }

/* object.__format__(spec): str(self) for an empty spec, TypeError otherwise. */
static HLObject *object_format(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    if (!hl_str_check(args[0])) {
        hl_err_format(hl_exc_TypeError, "__format__() argument must be str, not %s",
                      HL_TYPE(args[0])->tp_name);
        return NULL;
    }
    if (HL_STR_LEN(args[0]) > 0) {
        hl_err_format(hl_exc_TypeError, "unsupported format string passed to %s.__format__",
                      HL_TYPE(self)->tp_name);
        return NULL;
    }
    return hl_object_str(self);
}

/* object.__sizeof__(): the basic size plus the items. */
static HLObject *object_sizeof(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    hl_ssize_t res = 0, isize = HL_TYPE(self)->tp_itemsize;
    if (isize > 0) {
        hl_ssize_t n = HL_SIZE(self);
        res = (n < 0 ? -n : n) * isize;
    }
    return hl_long_from_ssize(res + HL_TYPE(self)->tp_basicsize);
}

static HLMethodDef object_methods[] = {
    {"__format__", object_format, HL_METH_O, NULL},
    {"__sizeof__", object_sizeof, HL_METH_NOARGS, NULL},
    {NULL}};

HLTypeObject hl_object_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "object",
    .tp_basicsize = sizeof(HLObject),
    .tp_dealloc = object_dealloc,
    .tp_repr = object_repr,
    .tp_hash = object_hash,
    .tp_getattro = hl_object_generic_getattr,
    .tp_setattro = hl_object_generic_setattr,
    .tp_flags = HL_TPFLAGS_BASETYPE,
    .tp_richcompare = object_richcompare,
    .tp_methods = object_methods,
    .tp_init = object_init,
    .tp_alloc = hl_type_generic_alloc,
    .tp_new = object_new,
    .tp_free = hl_object_free,
};

/* ---- type ----------------------------------------------------------------- */

static HLObject *type_repr(HLObject *self)
{
    HLTypeObject *type = (HLTypeObject *)self;
    HLObject *mod = hl_type_module(type);
    if (mod == NULL)
        hl_err_clear();
    HLObject *name = hl_type_qualname(type);
    if (name == NULL) {
        hl_xdecref(mod);
        return NULL;
    }
    HLObject *rtn;
    if (mod != NULL && hl_str_check(mod) && !hl_str_eq_cstr(mod, "builtins"))
        rtn = hl_str_from_format("<class '%U.%U'>", mod, name);
    else
        rtn = hl_str_from_format("<class '%s'>", type->tp_name);
    hl_xdecref(mod);
    hl_decref(name);
    return rtn;
}

/* Calling a type: type(x) gives x's type; otherwise tp_new then tp_init
 * (skipped if tp_new returned an object of another type). */
static HLObject *type_call(HLObject *self, HLObject *args, HLObject *kwds)
{
    HLTypeObject *type = (HLTypeObject *)self;
    if (type == &hl_type_type) {
        hl_ssize_t nargs = HL_SIZE(args);
        if (nargs == 1 && (kwds == NULL || hl_dict_size(kwds) == 0))
            return hl_newref(HL_TYPE(HL_TUPLE_GET(args, 0)));
        if (nargs != 3) {
            hl_err_set_string(hl_exc_TypeError, "type() takes 1 or 3 arguments");
            return NULL;
        }
    }
    if (type->tp_new == NULL) {
        hl_err_format(hl_exc_TypeError, "cannot create '%s' instances", type->tp_name);
        return NULL;
    }
    HLObject *obj = type->tp_new(type, args, kwds);
    if (obj == NULL || !hl_object_type_check(obj, type))
        return obj;
    type = HL_TYPE(obj);
    if (type->tp_init != NULL && type->tp_init(obj, args, kwds) < 0) {
        hl_decref(obj);
        return NULL;
    }
    return obj;
}

static int type_is_gc(HLObject *type) { return HL_TYPE_HAS_FLAG((HLTypeObject *)type, HL_TPFLAGS_HEAPTYPE); }

HLTypeObject hl_type_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "type",
    .tp_basicsize = sizeof(HLHeapTypeObject),
    .tp_itemsize = sizeof(HLMemberDef),
    .tp_repr = type_repr,
    .tp_hash = object_hash,
    .tp_call = type_call,
    .tp_getattro = hl_object_generic_getattr,
    .tp_setattro = hl_object_generic_setattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_BASETYPE | HL_TPFLAGS_TYPE_SUBCLASS,
    .tp_richcompare = object_richcompare,
    .tp_weaklistoffset = 0,
    .tp_base = &hl_object_type,
    .tp_is_gc = type_is_gc,
};

/* ---- readying ---------------------------------------------------------- */

#define COPYSLOT(slot)                                                         \
    if (!type->slot && base->slot)                                             \
    type->slot = base->slot

static void inherit_slots(HLTypeObject *type, HLTypeObject *base)
{
    if (type->tp_as_number && base->tp_as_number) {
        HLNumberMethods *t = type->tp_as_number, *b = base->tp_as_number;
        /* Copy every binary/unary slot the type left empty. */
        void **tp = (void **)t, **bp = (void **)b;
        for (size_t i = 0; i < sizeof(HLNumberMethods) / sizeof(void *); i++)
            if (!tp[i])
                tp[i] = bp[i];
    }
    if (type->tp_as_sequence && base->tp_as_sequence) {
        void **tp = (void **)type->tp_as_sequence, **bp = (void **)base->tp_as_sequence;
        for (size_t i = 0; i < sizeof(HLSequenceMethods) / sizeof(void *); i++)
            if (!tp[i])
                tp[i] = bp[i];
    }
    if (type->tp_as_mapping && base->tp_as_mapping) {
        void **tp = (void **)type->tp_as_mapping, **bp = (void **)base->tp_as_mapping;
        for (size_t i = 0; i < sizeof(HLMappingMethods) / sizeof(void *); i++)
            if (!tp[i])
                tp[i] = bp[i];
    }
    if (!type->tp_as_number)
        type->tp_as_number = base->tp_as_number;
    if (!type->tp_as_sequence)
        type->tp_as_sequence = base->tp_as_sequence;
    if (!type->tp_as_mapping)
        type->tp_as_mapping = base->tp_as_mapping;
    COPYSLOT(tp_dealloc);
    if (type->tp_getattro == NULL)
        type->tp_getattro = base->tp_getattro;
    if (type->tp_setattro == NULL)
        type->tp_setattro = base->tp_setattro;
    COPYSLOT(tp_repr);
    COPYSLOT(tp_call);
    COPYSLOT(tp_str);
    /* tp_hash goes with tp_richcompare: inherit both or neither. */
    if (type->tp_richcompare == NULL && type->tp_hash == NULL) {
        type->tp_richcompare = base->tp_richcompare;
        type->tp_hash = base->tp_hash;
    }
    COPYSLOT(tp_iter);
    COPYSLOT(tp_iternext);
    COPYSLOT(tp_descr_get);
    COPYSLOT(tp_descr_set);
    COPYSLOT(tp_dictoffset);
    COPYSLOT(tp_init);
    COPYSLOT(tp_alloc);
    COPYSLOT(tp_is_gc);
    COPYSLOT(tp_finalize);
    if ((type->tp_flags & HL_TPFLAGS_HAVE_GC) == (base->tp_flags & HL_TPFLAGS_HAVE_GC)) {
        COPYSLOT(tp_free);
    } else if (!type->tp_free) {
        type->tp_free = hl_type_is_gc(type) ? hl_gc_del : hl_object_free;
    }
}

static void inherit_special(HLTypeObject *type, HLTypeObject *base)
{
    /* A GC base makes the subtype GC too. */
    if (!(type->tp_flags & HL_TPFLAGS_HAVE_GC) && (base->tp_flags & HL_TPFLAGS_HAVE_GC) &&
        (!type->tp_traverse && !type->tp_clear)) {
        type->tp_flags |= HL_TPFLAGS_HAVE_GC;
        if (type->tp_traverse == NULL)
            type->tp_traverse = base->tp_traverse;
        if (type->tp_clear == NULL)
            type->tp_clear = base->tp_clear;
    }
    if (type->tp_basicsize == 0)
        type->tp_basicsize = base->tp_basicsize;
    COPYSLOT(tp_itemsize);
    COPYSLOT(tp_weaklistoffset);
    COPYSLOT(tp_dictoffset);
    /* The fast subclass flags. */
    type->tp_flags |= base->tp_flags & (HL_TPFLAGS_LONG_SUBCLASS | HL_TPFLAGS_LIST_SUBCLASS |
                                        HL_TPFLAGS_TUPLE_SUBCLASS | HL_TPFLAGS_BYTES_SUBCLASS |
                                        HL_TPFLAGS_UNICODE_SUBCLASS | HL_TPFLAGS_DICT_SUBCLASS |
                                        HL_TPFLAGS_BASE_EXC_SUBCLASS | HL_TPFLAGS_TYPE_SUBCLASS);
    if (type->tp_new == NULL && base->tp_new != NULL &&
        !(type->tp_flags & HL_TPFLAGS_HEAPTYPE) && type->tp_base == base)
        type->tp_new = base->tp_new;
}

int hl_type_ready(HLTypeObject *type)
{
    if (type->tp_flags & (HL_TPFLAGS_READY | HL_TPFLAGS_READYING))
        return 0;
    type->tp_flags |= HL_TPFLAGS_READYING;
    HLTypeObject *base = type->tp_base;
    if (base == NULL && type != &hl_object_type)
        base = type->tp_base = &hl_object_type;
    if (base != NULL && !(base->tp_flags & HL_TPFLAGS_READY) && hl_type_ready(base) < 0)
        goto error;
    if (HL_TYPE(type) == NULL && base != NULL)
        type->ob_base.ob_base.ob_type = HL_TYPE(base);
    if (type->tp_bases == NULL) {
        type->tp_bases = base ? hl_tuple_pack(1, base) : hl_tuple_new(0);
        if (type->tp_bases == NULL)
            goto error;
    }
    /* MRO: the type, then its base's MRO. */
    if (type->tp_mro == NULL) {
        hl_ssize_t n = base ? HL_SIZE(base->tp_mro) + 1 : 1;
        HLObject *mro = hl_tuple_new(n);
        if (mro == NULL)
            goto error;
        HL_TUPLE_SET(mro, 0, hl_newref(type));
        for (hl_ssize_t i = 1; i < n; i++)
            HL_TUPLE_SET(mro, i, hl_newref(HL_TUPLE_GET(base->tp_mro, i - 1)));
        type->tp_mro = mro;
    }
    if (base != NULL) {
        inherit_special(type, base);
        for (hl_ssize_t i = 1; i < HL_SIZE(type->tp_mro); i++)
            inherit_slots(type, (HLTypeObject *)HL_TUPLE_GET(type->tp_mro, i));
    }
    if (type->tp_free == NULL)
        type->tp_free = hl_type_is_gc(type) ? hl_gc_del : hl_object_free;
    if (type->tp_dict == NULL) {
        type->tp_dict = hl_dict_new();
        if (type->tp_dict == NULL)
            goto error;
    }
    if (hl_type_add_descriptors(type) < 0)
        goto error;
    if (!HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_HEAPTYPE))
        hl_register_static_type(type);
    type->tp_flags = (type->tp_flags & ~HL_TPFLAGS_READYING) | HL_TPFLAGS_READY;
    return 0;
error:
    type->tp_flags &= ~HL_TPFLAGS_READYING;
    return -1;
}
