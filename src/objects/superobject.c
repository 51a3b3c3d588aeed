/*
 * superobject.c — super, as in CPython 3.11.
 *
 * super(type, obj) remembers type, obj and obj's class (obj_type: type(obj)
 * for an instance, obj itself for a class — supercheck).  Looking an
 * attribute up on it searches obj_type's MRO starting *after* `type`, and
 * binds what it finds with its __get__ to obj (or, for super(type, cls),
 * passes no instance, so a classmethod binds to cls and a function comes
 * back plain).  Anything not found that way — and __class__ — is looked up
 * on the super object itself.  super(type) is unbound: its lookups find
 * nothing, and binding it with __get__ makes a bound one.
 *
 * super() with no arguments needs the running frame's __class__ cell and
 * first argument; the interpreter provides them through
 * hl_super_zero_arg_hook, and without it the call fails with CPython's
 * RuntimeError("super(): no arguments").
 *
 * super is called through vectorcall (no argument tuple), and each super
 * object is a 20-byte GC object holding three references.
 */
#include "typeobject.h"

#include <stddef.h>

#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "abstract.h"
#include "dictobject.h"
#include "strobject.h"
#include "tupleobject.h"

int (*hl_super_zero_arg_hook)(HLTypeObject **type, HLObject **obj);

typedef struct {
    HLObject ob_base;
    HLTypeObject *type;
    HLObject *obj;
    HLTypeObject *obj_type;
} superobject;

#define SU(o) ((superobject *)(o))

static void super_dealloc(HLObject *self)
{
    superobject *su = SU(self);
    hl_gc_untrack(self);
    hl_xdecref(su->obj);
    hl_xdecref(su->type);
    hl_xdecref(su->obj_type);
    HL_TYPE(self)->tp_free(self);
}

static int super_traverse(HLObject *self, hl_visitproc visit, void *arg)
{
    superobject *su = SU(self);
    HL_VISIT(su->obj);
    HL_VISIT(su->type);
    HL_VISIT(su->obj_type);
    return 0;
}

static HLObject *super_repr(HLObject *self)
{
    superobject *su = SU(self);
    if (su->obj_type)
        return hl_str_from_format("<super: <class '%s'>, <%s object>>",
                                  su->type ? su->type->tp_name : "NULL", su->obj_type->tp_name);
    return hl_str_from_format("<super: <class '%s'>, NULL>", su->type ? su->type->tp_name : "NULL");
}

static HLObject *super_getattro(HLObject *self, HLObject *name)
{
    superobject *su = SU(self);
    HLTypeObject *starttype = su->obj_type;
    /* __class__ is the super object's own class, not obj's. */
    if (starttype == NULL || (hl_str_check(name) && hl_str_eq_cstr(name, "__class__")))
        return hl_object_generic_getattr(self, name);
    HLObject *mro = starttype->tp_mro;
    if (mro == NULL)
        return hl_object_generic_getattr(self, name);
    hl_ssize_t n = HL_SIZE(mro), i;
    for (i = 0; i + 1 < n; i++)
        if ((HLObject *)su->type == HL_TUPLE_GET(mro, i))
            break;
    i++; /* skip su->type itself */
    if (i >= n)
        return hl_object_generic_getattr(self, name);
    /* Held: a dict lookup can run code that replaces starttype's MRO. */
    hl_incref(mro);
    for (; i < n; i++) {
        HLObject *dict = ((HLTypeObject *)HL_TUPLE_GET(mro, i))->tp_dict;
        HLObject *res = hl_dict_get_item(dict, name);
        if (res != NULL) {
            hl_incref(res);
            hl_descrgetfunc f = HL_TYPE(res)->tp_descr_get;
            if (f != NULL) {
                /* Only instance-mode super passes obj (SF #743627). */
                HLObject *res2 = f(res, su->obj == (HLObject *)starttype ? NULL : su->obj,
                                   (HLObject *)starttype);
                hl_decref(res);
                res = res2;
            }
            hl_decref(mro);
            return res;
        }
        if (hl_err_occurred()) {
            hl_decref(mro);
            return NULL;
        }
    }
    hl_decref(mro);
    return hl_object_generic_getattr(self, name);
}

/* supercheck: obj's class as super sees it (new reference). */
static HLTypeObject *supercheck(HLTypeObject *type, HLObject *obj)
{
    if (hl_type_check(obj) && hl_type_is_subtype((HLTypeObject *)obj, type))
        return (HLTypeObject *)hl_newref(obj); /* super(type, cls): class methods */
    if (hl_type_is_subtype(HL_TYPE(obj), type))
        return (HLTypeObject *)hl_newref(HL_TYPE(obj));
    /* A proxy whose __class__ is a subclass of type. */
    HLObject *class_attr = hl_object_getattr_str(obj, "__class__");
    if (class_attr == NULL) {
        if (!hl_err_exception_matches(hl_exc_AttributeError))
            return NULL;
        hl_err_clear();
    } else {
        if (hl_type_check(class_attr) && class_attr != (HLObject *)HL_TYPE(obj) &&
            hl_type_is_subtype((HLTypeObject *)class_attr, type))
            return (HLTypeObject *)class_attr;
        hl_decref(class_attr);
    }
    hl_err_set_string(hl_exc_TypeError, "super(type, obj): obj must be an instance or subtype of type");
    return NULL;
}

static int super_init_impl(HLObject *self, HLTypeObject *type, HLObject *obj)
{
    superobject *su = SU(self);
    HLTypeObject *obj_type = NULL;
    if (type == NULL) {
        /* super(): __class__ and the first argument of the running frame. */
        if (hl_super_zero_arg_hook == NULL || hl_super_zero_arg_hook(&type, &obj) < 0) {
            if (!hl_err_occurred())
                hl_err_set_string(hl_exc_RuntimeError, "super(): no arguments");
            return -1;
        }
    }
    if (obj == HL_None)
        obj = NULL;
    if (obj != NULL) {
        obj_type = supercheck(type, obj);
        if (obj_type == NULL)
            return -1;
        hl_incref(obj);
    }
    hl_incref(type);
    HLObject *old_type = (HLObject *)su->type, *old_obj = su->obj, *old_obj_type = (HLObject *)su->obj_type;
    su->type = type;
    su->obj = obj;
    su->obj_type = obj_type;
    hl_xdecref(old_type);
    hl_xdecref(old_obj);
    hl_xdecref(old_obj_type);
    return 0;
}

static int super_init(HLObject *self, HLObject *args, HLObject *kwds)
{
    if (kwds != NULL && hl_dict_size(kwds) != 0) {
        hl_err_set_string(hl_exc_TypeError, "super() takes no keyword arguments");
        return -1;
    }
    hl_ssize_t nargs = HL_SIZE(args);
    if (hl_arg_check_positional("super", nargs, 0, 2) < 0)
        return -1;
    HLTypeObject *type = NULL;
    if (nargs >= 1) {
        HLObject *arg0 = HL_TUPLE_GET(args, 0);
        if (!hl_type_check(arg0)) {
            hl_err_format(hl_exc_TypeError, "super() argument 1 must be a type, not %s",
                          HL_TYPE(arg0)->tp_name);
            return -1;
        }
        type = (HLTypeObject *)arg0;
    }
    return super_init_impl(self, type, nargs == 2 ? HL_TUPLE_GET(args, 1) : NULL);
}

static HLObject *super_vectorcall(HLObject *self, HLObject *const *args, size_t nargsf,
                                  HLObject *kwnames)
{
    if (hl_arg_no_kwnames("super", kwnames) < 0)
        return NULL;
    hl_ssize_t nargs = HL_NARGS(nargsf);
    if (hl_arg_check_positional("super()", nargs, 0, 2) < 0)
        return NULL;
    HLTypeObject *self_type = (HLTypeObject *)self, *type = NULL;
    HLObject *su = self_type->tp_alloc(self_type, 0);
    if (su == NULL)
        return NULL;
    if (nargs != 0) {
        if (!hl_type_check(args[0])) {
            hl_err_format(hl_exc_TypeError, "super() argument 1 must be a type, not %s",
                          HL_TYPE(args[0])->tp_name);
            goto fail;
        }
        type = (HLTypeObject *)args[0];
    }
    if (super_init_impl(su, type, nargs == 2 ? args[1] : NULL) < 0)
        goto fail;
    return su;
fail:
    hl_decref(su);
    return NULL;
}

HLObject *hl_super_new(HLTypeObject *type, HLObject *obj)
{
    HLObject *args[2] = {(HLObject *)type, obj};
    return super_vectorcall((HLObject *)&hl_super_type, args, 2, NULL);
}

/* Binding an unbound super(type) to an object. */
static HLObject *super_descr_get(HLObject *self, HLObject *obj, HLObject *type)
{
    superobject *su = SU(self);
    if (obj == NULL || obj == HL_None || su->obj != NULL)
        return hl_newref(self);
    if (!HL_IS_TYPE(self, &hl_super_type)) {
        /* A subclass of super: call it. */
        HLObject *args[2] = {(HLObject *)su->type, obj};
        return hl_vectorcall((HLObject *)HL_TYPE(self), args, 2, NULL);
    }
    HLTypeObject *obj_type = supercheck(su->type, obj);
    if (obj_type == NULL)
        return NULL;
    superobject *newobj = (superobject *)hl_super_type.tp_alloc(&hl_super_type, 0);
    if (newobj == NULL) {
        hl_decref(obj_type);
        return NULL;
    }
    newobj->type = (HLTypeObject *)hl_newref(su->type);
    newobj->obj = hl_newref(obj);
    newobj->obj_type = obj_type;
    return (HLObject *)newobj;
}

static HLMemberDef super_members[] = {
    {"__thisclass__", HL_T_OBJECT, offsetof(superobject, type), HL_READONLY, NULL},
    {"__self__", HL_T_OBJECT, offsetof(superobject, obj), HL_READONLY, NULL},
    {"__self_class__", HL_T_OBJECT, offsetof(superobject, obj_type), HL_READONLY, NULL},
    {NULL}};

HLTypeObject hl_super_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "super",
    .tp_basicsize = sizeof(superobject),
    .tp_dealloc = super_dealloc,
    .tp_repr = super_repr,
    .tp_getattro = super_getattro,
    .tp_flags = HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_BASETYPE,
    .tp_traverse = super_traverse,
    .tp_members = super_members,
    .tp_descr_get = super_descr_get,
    .tp_init = super_init,
    .tp_alloc = hl_type_generic_alloc,
    .tp_new = hl_type_generic_new,
    .tp_free = hl_gc_del,
    .tp_vectorcall = super_vectorcall,
};
