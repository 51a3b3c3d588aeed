/*
 * typeobject.c — `object` and `type`: attribute lookup and the attributes
 * of classes (readying and the MRO are in typeready.c).
 *
 * Lookup.  hl_type_lookup (CPython's _PyType_Lookup / find_name_in_mro)
 * searches the dicts of the classes in tp_mro in order.  Generic attribute
 * access on instances (_PyObject_GenericGetAttrWithDict) lets a data
 * descriptor found on the type win, then the instance's own attributes (the
 * inline values of 3.11's managed dict, or a dict at tp_dictoffset —
 * negative for variable-size objects, counted from their end), then a
 * non-data descriptor or plain class attribute.  Attribute access on a
 * class (type_getattro) looks for a data descriptor on the metatype first,
 * then in the class and its bases (binding with obj = NULL, so functions
 * come back unbound and classmethods bound to the class), then at the
 * metatype's non-data descriptors.  Setting an attribute on a class
 * (type_setattro) stores into tp_dict and, for a dunder name, re-points the
 * C slot that the dunder feeds (update_slot, typeslots.c); static types
 * are immutable.
 *
 * `object` provides the default slots every class starts from (repr
 * "<__main__.World object at 0x...>", identity ==, pointer hash, the
 * excess-argument rules of __new__/__init__), __class__ (assignable
 * between compatible classes), __init_subclass__ and __sizeof__.  `type`
 * is the metaclass: calling it makes an instance (type_call: tp_new, then
 * tp_init) or, with three arguments, a class (type_new, typenew.c); its
 * getsets are __name__, __qualname__, __module__ (from the class dict),
 * __dict__ (a mappingproxy), __doc__, __bases__, __annotations__; its
 * size is CPython's PyHeapTypeObject (452 bytes on wasm32) plus 20 bytes
 * per __slots__ member, which live right after the type object.
 *
 * Heap types are GC objects (type_is_gc): type_traverse visits the dict,
 * the MRO, the bases and the base; type_clear empties the dict and drops
 * the MRO, which breaks the class <-> MRO and class <-> method cycles;
 * type_dealloc leaves the bases' tp_subclasses and clears weakrefs first.
 */
#include "typeobject.h"

#include <stddef.h>
#include <string.h>

#include "../runtime/audit.h"
#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "../runtime/heapview.h"
#include "../runtime/obmalloc.h"
#include "../runtime/state.h"
#include "../runtime/sysmem.h"
#include "../runtime/weakref.h"
#include "abstract.h"
#include "descrobject.h"
#include "dictimpl.h"
#include "dictobject.h"
#include "listobject.h"
#include "longobject.h"
#include "strobject.h"
#include "tupleobject.h"

#if UINTPTR_MAX == 0xFFFFFFFFu
_Static_assert(sizeof(HLHeapTypeObject) <= HL_HEAPTYPE_BASICSIZE,
               "a heap type must fit in CPython's PyHeapTypeObject");
_Static_assert(sizeof(HLMemberDef) == HL_MEMBERDEF_SIZE, "PyMemberDef is 20 bytes");
#endif

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

/* find_name_in_mro: borrowed, NULL without an error when absent.  The MRO
 * is held while searching: a dict lookup may run __eq__ code. */
HLObject *hl_type_lookup(HLTypeObject *type, HLObject *name)
{
    HLObject *mro = type->tp_mro;
    if (mro == NULL)
        return NULL;
    hl_incref(mro);
    HLObject *res = NULL;
    for (hl_ssize_t i = 0; i < HL_SIZE(mro); i++) {
        HLTypeObject *base = (HLTypeObject *)HL_TUPLE_GET(mro, i);
        if (base->tp_dict == NULL)
            continue;
        res = hl_dict_get_item(base->tp_dict, name);
        if (res != NULL)
            break;
        if (hl_err_occurred()) {
            hl_err_clear();
            break;
        }
    }
    hl_decref(mro);
    return res;
}

/* ---- generic attribute access ------------------------------------------- */

HLObject **hl_object_dict_ptr(HLObject *obj)
{
    HLTypeObject *tp = HL_TYPE(obj);
    if (HL_TYPE_HAS_FLAG(tp, HL_TPFLAGS_MANAGED_DICT))
        return HL_OBJECT_MANAGED_DICT_PTR(obj);
    hl_ssize_t offset = tp->tp_dictoffset;
    if (offset == 0)
        return NULL;
    if (offset < 0) {
        /* At the end of a variable-size object (a subclass of int, tuple). */
        hl_ssize_t n = HL_SIZE(obj);
        offset += (hl_ssize_t)hl_var_size(tp, n < 0 ? -n : n);
    }
    return (HLObject **)((char *)obj + offset);
}

static HLObject *no_attribute(HLTypeObject *tp, HLObject *name)
{
    return hl_err_format(hl_exc_AttributeError, "'%s' object has no attribute '%U'", tp->tp_name,
                         name);
}

/* _PyObject_GenericGetAttrWithDict.  With suppress, a missing attribute
 * returns NULL without an exception: hasattr() and getattr() with a
 * default then allocate nothing, as in CPython. */
static HLObject *generic_getattr(HLObject *obj, HLObject *name, int suppress)
{
    HLTypeObject *tp = HL_TYPE(obj);
    if (!hl_str_check(name)) {
        hl_err_format(hl_exc_TypeError, "attribute name must be string, not '%s'",
                      HL_TYPE(name)->tp_name);
        return NULL;
    }
    if (tp->tp_dict == NULL && hl_type_ready(tp) < 0)
        return NULL;
    hl_incref(tp);
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
    HLObject *dict = NULL;
    if (HL_TYPE_HAS_FLAG(tp, HL_TPFLAGS_MANAGED_DICT) && *HL_OBJECT_VALUES_PTR(obj)) {
        res = hl_object_instance_getattr(obj, name);
        if (res != NULL) {
            hl_incref(res);
            goto done;
        }
    } else {
        HLObject **dictptr = hl_object_dict_ptr(obj);
        if (dictptr != NULL)
            dict = *dictptr;
    }
    if (dict != NULL) {
        hl_incref(dict);
        res = hl_dict_get_item(dict, name);
        hl_xincref(res);
        hl_decref(dict);
        if (res != NULL || hl_err_occurred())
            goto done;
    }
    if (f != NULL) {
        res = f(descr, obj, (HLObject *)tp);
        if (res == NULL && suppress && hl_err_exception_matches(hl_exc_AttributeError))
            hl_err_clear();
        goto done;
    }
    if (descr != NULL) {
        res = descr;
        descr = NULL;
        goto done;
    }
    if (!suppress)
        no_attribute(tp, name);
done:
    hl_xdecref(descr);
    hl_decref(tp);
    return res;
}

HLObject *hl_object_generic_getattr(HLObject *obj, HLObject *name) { return generic_getattr(obj, name, 0); }

int hl_object_lookup_attr(HLObject *v, HLObject *name, HLObject **result)
{
    HLTypeObject *tp = HL_TYPE(v);
    if (!hl_str_check(name)) {
        hl_err_format(hl_exc_TypeError, "attribute name must be string, not '%.200s'", HL_TYPE(name)->tp_name);
        *result = NULL;
        return -1;
    }
    if (tp->tp_getattro == hl_object_generic_getattr) {
        *result = generic_getattr(v, name, 1);
        if (*result != NULL)
            return 1;
        return hl_err_occurred() ? -1 : 0;
    }
    *result = hl_object_getattr(v, name);
    if (*result != NULL)
        return 1;
    if (!hl_err_exception_matches(hl_exc_AttributeError))
        return -1;
    hl_err_clear();
    return 0;
}

/* _PyObjectDict_SetItem: a dict is made on first store. */
static int object_dict_set_item(HLObject **dictptr, HLObject *name, HLObject *value)
{
    HLObject *dict = *dictptr;
    if (dict == NULL) {
        if (value == NULL) {
            hl_err_set_key_error(name);
            return -1;
        }
        if ((*dictptr = dict = hl_dict_new()) == NULL)
            return -1;
    }
    hl_incref(dict);
    int r = value == NULL ? hl_dict_del_item(dict, name) : hl_dict_set_item(dict, name, value);
    hl_decref(dict);
    return r;
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
    int res = -1;
    hl_incref(name);
    hl_incref(tp);
    HLObject *descr = hl_type_lookup(tp, name);
    hl_xincref(descr);
    if (descr != NULL && HL_TYPE(descr)->tp_descr_set != NULL) {
        res = HL_TYPE(descr)->tp_descr_set(descr, obj, value);
        goto done;
    }
    if (HL_TYPE_HAS_FLAG(tp, HL_TPFLAGS_MANAGED_DICT)) {
        res = hl_object_instance_setattr(obj, name, value);
    } else {
        HLObject **dictptr = hl_object_dict_ptr(obj);
        if (dictptr == NULL) {
            if (descr == NULL)
                no_attribute(tp, name);
            else
                hl_err_format(hl_exc_AttributeError, "'%s' object attribute '%U' is read-only",
                              tp->tp_name, name);
            goto done;
        }
        res = object_dict_set_item(dictptr, name, value);
    }
    if (res < 0 && hl_err_exception_matches(hl_exc_KeyError)) {
        hl_err_clear();
        if (hl_type_is_subtype(tp, &hl_type_type))
            hl_err_format(hl_exc_AttributeError, "type object '%s' has no attribute '%U'",
                          ((HLTypeObject *)obj)->tp_name, name);
        else
            no_attribute(tp, name);
    }
done:
    hl_xdecref(descr);
    hl_decref(tp);
    hl_decref(name);
    return res;
}

/* ---- names of types ------------------------------------------------------- */

HLObject *hl_type_name(HLTypeObject *type)
{
    if (HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_HEAPTYPE))
        return hl_newref(((HLHeapTypeObject *)type)->ht_name);
    const char *dot = strrchr(type->tp_name, '.');
    return hl_str_from_cstr(dot ? dot + 1 : type->tp_name);
}

HLObject *hl_type_qualname(HLTypeObject *type)
{
    if (HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_HEAPTYPE))
        return hl_newref(((HLHeapTypeObject *)type)->ht_qualname);
    return hl_type_name(type);
}

HLObject *hl_type_module(HLTypeObject *type)
{
    if (HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_HEAPTYPE)) {
        HLObject *mod = hl_dict_get_item_str(type->tp_dict, "__module__");
        if (mod == NULL) {
            if (!hl_err_occurred())
                hl_err_set_string(hl_exc_AttributeError, "__module__");
            return NULL;
        }
        return hl_newref(mod);
    }
    const char *dot = strrchr(type->tp_name, '.');
    if (dot) {
        HLObject *mod = hl_str_from_utf8(type->tp_name, (hl_ssize_t)(dot - type->tp_name));
        if (mod != NULL)
            hl_str_intern_inplace(&mod);
        return mod;
    }
    return hl_str_intern_from_cstr("builtins");
}

/* "<%U.%U ...>" unless the module is builtins (object_repr, type_repr). */
static HLObject *repr_with_module(HLTypeObject *type, const char *with_mod,
                                  const char *without_mod, void *ptr)
{
    HLObject *mod = hl_type_module(type);
    if (mod == NULL)
        hl_err_clear();
    else if (!hl_str_check(mod))
        HL_CLEAR(mod);
    HLObject *name = hl_type_qualname(type);
    if (name == NULL) {
        hl_xdecref(mod);
        return NULL;
    }
    HLObject *rtn;
    if (mod != NULL && !hl_str_eq_cstr(mod, "builtins"))
        rtn = hl_str_from_format(with_mod, mod, name, ptr);
    else
        rtn = hl_str_from_format(without_mod, type->tp_name, ptr);
    hl_xdecref(mod);
    hl_decref(name);
    return rtn;
}

/* ---- object ------------------------------------------------------------- */

HLObject *hl_object_self_iter(HLObject *o) { return hl_newref(o); }

/* PyType_GenericNew. */
HLObject *hl_type_generic_new(HLTypeObject *type, HLObject *args, HLObject *kwds)
{
    return type->tp_alloc(type, 0);
}

static HLObject *object_repr(HLObject *self)
{
    return repr_with_module(HL_TYPE(self), "<%U.%U object at %p>", "<%s object at %p>", self);
}

static HLObject *object_str(HLObject *self)
{
    hl_reprfunc f = HL_TYPE(self)->tp_repr;
    if (f == NULL)
        f = object_repr;
    return f(self);
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

static int object_init(HLObject *self, HLObject *args, HLObject *kwds);

static HLObject *object_new(HLTypeObject *type, HLObject *args, HLObject *kwds)
{
    if (excess_args(args, kwds)) {
        if (type->tp_new != object_new) {
            hl_err_set_string(hl_exc_TypeError, "object.__new__() takes exactly one argument (the type to instantiate)");
            return NULL;
        }
        if (type->tp_init == object_init) {
            hl_err_format(hl_exc_TypeError, "%s() takes no arguments", type->tp_name);
            return NULL;
        }
    }
    HLObject *obj = type->tp_alloc(type, 0);
    if (obj == NULL)
        return NULL;
    /* _PyObject_InitializeDict: inline values for a managed dict, or a
     * dict made now for a type with a plain dict slot. */
    if (type->tp_dictoffset == 0)
        return obj;
    if (HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_MANAGED_DICT)) {
        if (hl_object_init_inline_values(obj, type) < 0) {
            hl_decref(obj);
            return NULL;
        }
        return obj;
    }
    HLObject **dictptr = hl_object_dict_ptr(obj);
    if (dictptr != NULL && (*dictptr = hl_dict_new()) == NULL) {
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
            hl_err_format(hl_exc_TypeError, "%s() takes exactly one argument (the instance to initialize)",
                          type->tp_name);
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
    if (isize > 0)
        res = HL_SIZE(self) * isize;
    return hl_long_from_ssize(res + HL_TYPE(self)->tp_basicsize);
}

/* object.__init_subclass__(): the default hook does nothing. */
static HLObject *object_init_subclass(HLObject *cls, HLObject *const *args, hl_ssize_t nargs,
                                      HLObject *kw)
{
    return hl_none_new();
}

static HLObject *object_subclasshook(HLObject *cls, HLObject *const *args, hl_ssize_t nargs,
                                     HLObject *kw)
{
    return hl_newref(HL_NotImplemented);
}

static HLMethodDef object_methods[] = {
    {"__subclasshook__", object_subclasshook, HL_METH_CLASS | HL_METH_VARARGS, NULL},
    {"__init_subclass__", object_init_subclass, HL_METH_CLASS | HL_METH_NOARGS, NULL},
    {"__format__", object_format, HL_METH_O, NULL},
    {"__sizeof__", object_sizeof, HL_METH_NOARGS, NULL},
    {NULL}};

static HLObject *object_get_class(HLObject *self, void *c) { return hl_newref(HL_TYPE(self)); }

/* obj.__class__ = cls: only between heap types of the same layout; a
 * managed dict is materialised first, since the new class has other
 * shared keys. */
static int object_set_class(HLObject *self, HLObject *value, void *c)
{
    if (value == NULL) {
        hl_err_set_string(hl_exc_TypeError, "can't delete __class__ attribute");
        return -1;
    }
    if (!hl_type_check(value)) {
        hl_err_format(hl_exc_TypeError, "__class__ must be set to a class, not '%s' object",
                      HL_TYPE(value)->tp_name);
        return -1;
    }
    HLTypeObject *newto = (HLTypeObject *)value, *oldto = HL_TYPE(self);
    if (!(HL_TYPE_HAS_FLAG(newto, HL_TPFLAGS_HEAPTYPE) && HL_TYPE_HAS_FLAG(oldto, HL_TPFLAGS_HEAPTYPE)) ||
        HL_TYPE_HAS_FLAG(newto, HL_TPFLAGS_IMMUTABLETYPE) ||
        HL_TYPE_HAS_FLAG(oldto, HL_TPFLAGS_IMMUTABLETYPE)) {
        hl_err_set_string(hl_exc_TypeError, "__class__ assignment only supported for mutable types or ModuleType subclasses");
        return -1;
    }
    if (!hl_compatible_for_assignment(oldto, newto, "__class__"))
        return -1;
    if (HL_TYPE_HAS_FLAG(oldto, HL_TPFLAGS_MANAGED_DICT) && *HL_OBJECT_VALUES_PTR(self)) {
        HLObject *dict = hl_object_get_instance_dict(self);
        if (dict == NULL)
            return -1;
        hl_decref(dict);
    }
    hl_incref(newto);
    self->ob_type = newto;
    hl_decref(oldto);
    return 0;
}

static HLGetSetDef object_getsets[] = {{"__class__", object_get_class, object_set_class, NULL},
                                       {NULL}};

HLTypeObject hl_object_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "object",
    .tp_basicsize = sizeof(HLObject),
    .tp_dealloc = object_dealloc,
    .tp_repr = object_repr,
    .tp_hash = object_hash,
    .tp_str = object_str,
    .tp_getattro = hl_object_generic_getattr,
    .tp_setattro = hl_object_generic_setattr,
    .tp_flags = HL_TPFLAGS_BASETYPE,
    .tp_richcompare = object_richcompare,
    .tp_methods = object_methods,
    .tp_getset = object_getsets,
    .tp_init = object_init,
    .tp_alloc = hl_type_generic_alloc,
    .tp_new = object_new,
    .tp_free = hl_object_free,
};

/* ---- isinstance and issubclass -------------------------------------------- */

/* object.__class__ when it differs from type(object) (proxies). */
static int class_attr_is_subtype(HLObject *inst, HLTypeObject *cls)
{
    HLObject *icls = hl_object_getattr_str(inst, "__class__");
    if (icls == NULL) {
        if (!hl_err_exception_matches(hl_exc_AttributeError))
            return -1;
        hl_err_clear();
        return 0;
    }
    int r = icls != (HLObject *)HL_TYPE(inst) && hl_type_check(icls) &&
            hl_type_is_subtype((HLTypeObject *)icls, cls);
    hl_decref(icls);
    return r;
}

int hl_object_real_is_instance(HLObject *inst, HLObject *cls)
{
    if (!hl_type_check(cls)) {
        hl_err_set_string(hl_exc_TypeError,
                          "isinstance() arg 2 must be a type, a tuple of types, or a union");
        return -1;
    }
    if (hl_object_type_check(inst, (HLTypeObject *)cls))
        return 1;
    return class_attr_is_subtype(inst, (HLTypeObject *)cls);
}

int hl_object_real_is_subclass(HLObject *derived, HLObject *cls)
{
    if (!hl_type_check(derived)) {
        hl_err_set_string(hl_exc_TypeError, "issubclass() arg 1 must be a class");
        return -1;
    }
    if (!hl_type_check(cls)) {
        hl_err_set_string(hl_exc_TypeError,
                          "issubclass() arg 2 must be a class, a tuple of classes, or a union");
        return -1;
    }
    return hl_type_is_subtype((HLTypeObject *)derived, (HLTypeObject *)cls);
}

/* ---- type: attributes ------------------------------------------------------- */

#define TYPE(o) ((HLTypeObject *)(o))
#define HEAP(o) ((HLHeapTypeObject *)(o))

/* check_set_special_type_attr */
static int check_set_special(HLTypeObject *type, HLObject *value, const char *name)
{
    if (HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_IMMUTABLETYPE)) {
        hl_err_format(hl_exc_TypeError, "cannot set '%s' attribute of immutable type '%s'", name,
                      type->tp_name);
        return 0;
    }
    if (value == NULL) {
        hl_err_format(hl_exc_TypeError, "cannot delete '%s' attribute of immutable type '%s'",
                      name, type->tp_name);
        return 0;
    }
    return 1;
}

static HLObject *type_get_name(HLObject *t, void *c) { return hl_type_name(TYPE(t)); }

static int type_set_name(HLObject *t, HLObject *value, void *c)
{
    HLTypeObject *type = TYPE(t);
    if (!check_set_special(type, value, "__name__"))
        return -1;
    if (!hl_str_check(value)) {
        hl_err_format(hl_exc_TypeError, "can only assign string to %s.__name__, not '%s'",
                      type->tp_name, HL_TYPE(value)->tp_name);
        return -1;
    }
    hl_ssize_t len;
    const char *tp_name = hl_str_as_utf8(value, &len);
    if (tp_name == NULL)
        return -1;
    if (strlen(tp_name) != (size_t)len) {
        hl_err_set_string(hl_exc_ValueError, "type name must not contain null characters");
        return -1;
    }
    type->tp_name = tp_name;
    HL_SETREF(HEAP(type)->ht_name, hl_newref(value));
    return 0;
}

static HLObject *type_get_qualname(HLObject *t, void *c) { return hl_type_qualname(TYPE(t)); }

static int type_set_qualname(HLObject *t, HLObject *value, void *c)
{
    HLTypeObject *type = TYPE(t);
    if (!check_set_special(type, value, "__qualname__"))
        return -1;
    if (!hl_str_check(value)) {
        hl_err_format(hl_exc_TypeError, "can only assign string to %s.__qualname__, not '%s'",
                      type->tp_name, HL_TYPE(value)->tp_name);
        return -1;
    }
    HL_SETREF(HEAP(type)->ht_qualname, hl_newref(value));
    return 0;
}

static HLObject *type_get_bases(HLObject *t, void *c) { return hl_newref(TYPE(t)->tp_bases); }

static HLObject *type_get_module(HLObject *t, void *c) { return hl_type_module(TYPE(t)); }

static int type_set_module(HLObject *t, HLObject *value, void *c)
{
    if (!check_set_special(TYPE(t), value, "__module__"))
        return -1;
    return hl_dict_set_item_str(TYPE(t)->tp_dict, "__module__", value);
}

static HLObject *type_get_dict(HLObject *t, void *c)
{
    if (TYPE(t)->tp_dict == NULL)
        return hl_none_new();
    return hl_mappingproxy_new(TYPE(t)->tp_dict);
}

static HLObject *type_get_doc(HLObject *t, void *c)
{
    HLTypeObject *type = TYPE(t);
    if (!HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_HEAPTYPE) && type->tp_doc != NULL)
        return hl_str_from_cstr(type->tp_doc);
    HLObject *result = hl_dict_get_item_str(type->tp_dict, "__doc__");
    if (result == NULL)
        return hl_err_occurred() ? NULL : hl_none_new();
    if (HL_TYPE(result)->tp_descr_get)
        return HL_TYPE(result)->tp_descr_get(result, NULL, t);
    return hl_newref(result);
}

static int type_set_doc(HLObject *t, HLObject *value, void *c)
{
    if (!check_set_special(TYPE(t), value, "__doc__"))
        return -1;
    return hl_dict_set_item_str(TYPE(t)->tp_dict, "__doc__", value);
}

static HLObject *type_get_annotations(HLObject *t, void *c)
{
    HLTypeObject *type = TYPE(t);
    if (!HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_HEAPTYPE))
        return hl_err_format(hl_exc_AttributeError,
                             "type object '%s' has no attribute '__annotations__'", type->tp_name);
    HLObject *ann = hl_dict_get_item_str(type->tp_dict, "__annotations__");
    if (ann != NULL) {
        if (HL_TYPE(ann)->tp_descr_get)
            return HL_TYPE(ann)->tp_descr_get(ann, NULL, t);
        return hl_newref(ann);
    }
    if (hl_err_occurred() || (ann = hl_dict_new()) == NULL)
        return NULL;
    if (hl_dict_set_item_str(type->tp_dict, "__annotations__", ann) < 0)
        HL_CLEAR(ann);
    return ann;
}

static int type_set_annotations(HLObject *t, HLObject *value, void *c)
{
    HLTypeObject *type = TYPE(t);
    if (HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_IMMUTABLETYPE)) {
        hl_err_format(hl_exc_TypeError, "cannot set '__annotations__' attribute of immutable type '%s'",
                      type->tp_name);
        return -1;
    }
    if (value != NULL)
        return hl_dict_set_item_str(type->tp_dict, "__annotations__", value);
    int r = hl_dict_del_item_str(type->tp_dict, "__annotations__");
    if (r < 0 && hl_err_exception_matches(hl_exc_KeyError)) {
        hl_err_clear();
        hl_err_set_string(hl_exc_AttributeError, "__annotations__");
    }
    return r;
}

static HLGetSetDef type_getsets[] = {
    {"__name__", type_get_name, type_set_name, NULL},
    {"__qualname__", type_get_qualname, type_set_qualname, NULL},
    {"__bases__", type_get_bases, NULL, NULL},
    {"__module__", type_get_module, type_set_module, NULL},
    {"__dict__", type_get_dict, NULL, NULL},
    {"__doc__", type_get_doc, type_set_doc, NULL},
    {"__annotations__", type_get_annotations, type_set_annotations, NULL},
    {NULL}};

static HLMemberDef type_members[] = {
    {"__basicsize__", HL_T_SSIZE, offsetof(HLTypeObject, tp_basicsize), HL_READONLY, NULL},
    {"__itemsize__", HL_T_SSIZE, offsetof(HLTypeObject, tp_itemsize), HL_READONLY, NULL},
    {"__flags__", HL_T_ULONG, offsetof(HLTypeObject, tp_flags), HL_READONLY, NULL},
    {"__weakrefoffset__", HL_T_SSIZE, offsetof(HLTypeObject, tp_weaklistoffset), HL_READONLY, NULL},
    {"__base__", HL_T_OBJECT, offsetof(HLTypeObject, tp_base), HL_READONLY, NULL},
    {"__dictoffset__", HL_T_SSIZE, offsetof(HLTypeObject, tp_dictoffset), HL_READONLY, NULL},
    {"__mro__", HL_T_OBJECT, offsetof(HLTypeObject, tp_mro), HL_READONLY, NULL},
    {NULL}};

/* type.mro(): the C3 linearisation as a list. */
static HLObject *type_mro(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    HLObject *seq = hl_type_mro_implementation(TYPE(self));
    if (seq != NULL && !hl_list_check(seq))
        HL_SETREF(seq, hl_sequence_list(seq));
    return seq;
}

static HLObject *type_subclasses(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    return hl_type_get_subclasses(TYPE(self));
}

/* type.__prepare__(name, bases, **kwds): the namespace of a class body. */
static HLObject *type_prepare(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    return hl_dict_new();
}

static HLObject *type_instancecheck(HLObject *self, HLObject *const *args, hl_ssize_t nargs,
                                    HLObject *kw)
{
    int r = hl_object_real_is_instance(args[0], self);
    return r < 0 ? NULL : hl_bool_from_long(r);
}

static HLObject *type_subclasscheck(HLObject *self, HLObject *const *args, hl_ssize_t nargs,
                                    HLObject *kw)
{
    int r = hl_object_real_is_subclass(args[0], self);
    return r < 0 ? NULL : hl_bool_from_long(r);
}

/* type.__sizeof__(): CPython's sizes (the heap type's shared keys
 * included), whatever heaplab's own struct needs. */
static HLObject *type_sizeof(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    HLTypeObject *type = TYPE(self);
    size_t size = HL_STATICTYPE_SIZE;
    if (HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_HEAPTYPE)) {
        size = HL_HEAPTYPE_BASICSIZE;
        if (HEAP(type)->ht_cached_keys)
            size += (size_t)hl_dict_keys_size_of(HEAP(type)->ht_cached_keys);
    }
    return hl_long_from_size(size);
}

static HLMethodDef type_methods[] = {
    {"mro", type_mro, HL_METH_NOARGS, NULL},
    {"__subclasses__", type_subclasses, HL_METH_NOARGS, NULL},
    {"__prepare__", type_prepare, HL_METH_FASTCALL | HL_METH_KEYWORDS | HL_METH_CLASS, NULL},
    {"__instancecheck__", type_instancecheck, HL_METH_O, NULL},
    {"__subclasscheck__", type_subclasscheck, HL_METH_O, NULL},
    {"__sizeof__", type_sizeof, HL_METH_NOARGS, NULL},
    {NULL}};

/* ---- type: slots ------------------------------------------------------------ */

static HLObject *type_repr(HLObject *self)
{
    return repr_with_module(TYPE(self), "<class '%U.%U'>", "<class '%s'>", NULL);
}

/* Attribute lookup on a class (type_getattro, described at the top). */
static HLObject *type_getattro(HLObject *self, HLObject *name)
{
    HLTypeObject *type = TYPE(self), *metatype = HL_TYPE(self);
    if (!hl_str_check(name)) {
        hl_err_format(hl_exc_TypeError, "attribute name must be string, not '%s'",
                      HL_TYPE(name)->tp_name);
        return NULL;
    }
    if (!(type->tp_flags & HL_TPFLAGS_READY) && hl_type_ready(type) < 0)
        return NULL;
    hl_descrgetfunc meta_get = NULL;
    HLObject *meta_attribute = hl_type_lookup(metatype, name);
    if (meta_attribute != NULL) {
        hl_incref(meta_attribute);
        meta_get = HL_TYPE(meta_attribute)->tp_descr_get;
        if (meta_get != NULL && HL_TYPE(meta_attribute)->tp_descr_set != NULL) {
            HLObject *res = meta_get(meta_attribute, self, (HLObject *)metatype);
            hl_decref(meta_attribute);
            return res;
        }
    }
    HLObject *attribute = hl_type_lookup(type, name);
    if (attribute != NULL) {
        hl_incref(attribute);
        hl_xdecref(meta_attribute);
        hl_descrgetfunc local_get = HL_TYPE(attribute)->tp_descr_get;
        if (local_get != NULL) {
            /* NULL obj: found on the class itself (or a base). */
            HLObject *res = local_get(attribute, NULL, self);
            hl_decref(attribute);
            return res;
        }
        return attribute;
    }
    if (meta_get != NULL) {
        HLObject *res = meta_get(meta_attribute, self, (HLObject *)metatype);
        hl_decref(meta_attribute);
        return res;
    }
    if (meta_attribute != NULL)
        return meta_attribute;
    return hl_err_format(hl_exc_AttributeError, "type object '%s' has no attribute '%U'",
                         type->tp_name, name);
}

int hl_is_dunder_name(HLObject *name)
{
    hl_ssize_t n = HL_STR_LEN(name);
    if (n <= 4 || HL_STR_KIND(name) != 1)
        return 0;
    const char *s = HL_STR_DATA(name);
    return s[0] == '_' && s[1] == '_' && s[n - 1] == '_' && s[n - 2] == '_';
}

static int type_setattro(HLObject *self, HLObject *name, HLObject *value)
{
    HLTypeObject *type = TYPE(self);
    if (HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_IMMUTABLETYPE)) {
        hl_err_format(hl_exc_TypeError, "cannot set %R attribute of immutable type '%s'", name,
                      type->tp_name);
        return -1;
    }
    if (hl_str_check(name)) {
        /* update_slot compares slot names by identity: intern. */
        name = hl_str_check_exact(name) ? hl_newref(name) : hl_str_from_object(name);
        if (name == NULL)
            return -1;
        hl_str_intern_inplace(&name);
    } else {
        hl_incref(name); /* hl_object_generic_setattr raises */
    }
    int res = hl_object_generic_setattr(self, name, value);
    if (res == 0 && hl_is_dunder_name(name))
        res = hl_type_update_slot(type, name);
    hl_decref(name);
    return res;
}

/* Calling a type: type(x) gives x's type; otherwise tp_new then tp_init
 * (skipped if tp_new returned an object of another type). */
static HLObject *type_call(HLObject *self, HLObject *args, HLObject *kwds)
{
    HLTypeObject *type = TYPE(self);
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

/* type(x) without an argument tuple; everything else through type_call. */
static HLObject *type_vectorcall(HLObject *metatype, HLObject *const *args, size_t nargsf,
                                 HLObject *kwnames)
{
    hl_ssize_t nargs = HL_NARGS(nargsf);
    if (nargs == 1 && metatype == (HLObject *)&hl_type_type) {
        if (hl_arg_no_kwnames("type", kwnames) < 0)
            return NULL;
        return hl_newref(HL_TYPE(args[0]));
    }
    HLObject *argtuple = hl_tuple_from_array(args, nargs), *kwdict = NULL, *res = NULL;
    if (argtuple == NULL)
        return NULL;
    if (kwnames != NULL && HL_SIZE(kwnames)) {
        if ((kwdict = hl_dict_new()) == NULL)
            goto done;
        for (hl_ssize_t i = 0; i < HL_SIZE(kwnames); i++)
            if (hl_dict_set_item(kwdict, HL_TUPLE_GET(kwnames, i), args[nargs + i]) < 0)
                goto done;
    }
    if (hl_enter_recursive_call(" while calling a Python object") == 0) {
        res = type_call(metatype, argtuple, kwdict);
        hl_leave_recursive_call();
    }
done:
    hl_decref(argtuple);
    hl_xdecref(kwdict);
    return res;
}

static int type_init(HLObject *cls, HLObject *args, HLObject *kwds)
{
    if (kwds != NULL && HL_SIZE(args) == 1 && hl_dict_size(kwds) != 0) {
        hl_err_set_string(hl_exc_TypeError, "type.__init__() takes no keyword arguments");
        return -1;
    }
    if (HL_SIZE(args) != 1 && HL_SIZE(args) != 3) {
        hl_err_set_string(hl_exc_TypeError, "type.__init__() takes 1 or 3 arguments");
        return -1;
    }
    return 0;
}

static int type_is_gc(HLObject *type) { return HL_TYPE_HAS_FLAG(TYPE(type), HL_TPFLAGS_HEAPTYPE); }

static int type_traverse(HLObject *self, hl_visitproc visit, void *arg)
{
    HLTypeObject *type = TYPE(self);
    if (!HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_HEAPTYPE))
        return 0;
    HL_VISIT(type->tp_dict);
    HL_VISIT(type->tp_mro);
    HL_VISIT(type->tp_bases);
    HL_VISIT(type->tp_base);
    HL_VISIT(HEAP(type)->ht_module);
    return 0;
}

/* The MRO (whose first item is the class itself) is the hard cycle to
 * break; the dict is emptied so that methods holding the class go.  The
 * shared keys stay until type_dealloc: instances in the same garbage may
 * still read their values through them. */
static int type_clear(HLObject *self)
{
    HLTypeObject *type = TYPE(self);
    if (type->tp_dict)
        hl_dict_clear(type->tp_dict);
    HL_CLEAR(HEAP(type)->ht_module);
    HL_CLEAR(type->tp_mro);
    return 0;
}

static void remove_all_subclasses(HLTypeObject *type, HLObject *bases)
{
    if (bases == NULL)
        return;
    for (hl_ssize_t i = 0; i < HL_SIZE(bases); i++)
        if (hl_type_check(HL_TUPLE_GET(bases, i)))
            hl_type_remove_subclass(TYPE(HL_TUPLE_GET(bases, i)), type);
}

static void type_dealloc(HLObject *self)
{
    HLTypeObject *type = TYPE(self);
    HLHeapTypeObject *et = HEAP(self);
    hl_gc_untrack(self);
    HLObject *saved = hl_err_fetch();
    remove_all_subclasses(type, type->tp_bases);
    hl_err_restore(saved);
    hl_object_clear_weakrefs(self);
    hl_xdecref(type->tp_base);
    hl_xdecref(type->tp_dict);
    hl_xdecref(type->tp_bases);
    hl_xdecref(type->tp_mro);
    HL_CLEAR(type->tp_subclasses);
    if (type->tp_doc)
        hl_mem_free((char *)type->tp_doc);
    hl_xdecref(et->ht_name);
    hl_xdecref(et->ht_qualname);
    hl_xdecref(et->ht_slots);
    if (et->ht_cached_keys)
        hl_dict_keys_decref(et->ht_cached_keys);
    hl_xdecref(et->ht_module);
    HL_TYPE(self)->tp_free(self);
}

HLTypeObject hl_type_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "type",
    .tp_basicsize = HL_HEAPTYPE_BASICSIZE,
    .tp_itemsize = HL_MEMBERDEF_SIZE,
    .tp_dealloc = type_dealloc,
    .tp_vectorcall_offset = offsetof(HLTypeObject, tp_vectorcall),
    .tp_repr = type_repr,
    .tp_call = type_call,
    .tp_getattro = type_getattro,
    .tp_setattro = type_setattro,
    .tp_flags = HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_BASETYPE | HL_TPFLAGS_TYPE_SUBCLASS,
    .tp_traverse = type_traverse,
    .tp_clear = type_clear,
    .tp_weaklistoffset = offsetof(HLTypeObject, tp_weaklist),
    .tp_methods = type_methods,
    .tp_members = type_members,
    .tp_getset = type_getsets,
    .tp_base = &hl_object_type,
    .tp_dictoffset = offsetof(HLTypeObject, tp_dict),
    .tp_init = type_init,
    .tp_alloc = hl_type_generic_alloc,
    .tp_new = hl_type_new,
    .tp_free = hl_gc_del,
    .tp_is_gc = type_is_gc,
    .tp_vectorcall = type_vectorcall,
};
