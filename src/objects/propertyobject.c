/*
 * propertyobject.c — property, as in CPython 3.11 (descrobject.c there).
 *
 * A property is a data descriptor holding up to three callables: reading
 * the attribute calls fget(obj), assigning calls fset(obj, value),
 * deleting calls fdel(obj).  Because it defines __set__, it wins over an
 * instance's own __dict__ entry of the same name.  Read on the class (obj
 * None) it returns itself.  A missing accessor raises AttributeError
 * naming the attribute and the class — "property 'x' of 'A' object has no
 * setter" — once the class statement has told the property its name
 * (__set_name__); before that, the older "can't set attribute".
 *
 * getter(), setter() and deleter() return a *new* property (of the same
 * class) with one accessor replaced, which is how the decorator chain
 * `@x.setter` rebinds the name.  Without an explicit doc, the property's
 * __doc__ is fget's (getter_doc), and a copy with a new getter takes the
 * new getter's doc.
 */
#include "typeobject.h"

#include <stddef.h>

#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "abstract.h"
#include "dictobject.h"
#include "longobject.h"
#include "strobject.h"
#include "tupleobject.h"

typedef struct {
    HLObject ob_base;
    HLObject *prop_get;
    HLObject *prop_set;
    HLObject *prop_del;
    HLObject *prop_doc;
    HLObject *prop_name;
    int getter_doc;
} propertyobject;

#define PROP(o) ((propertyobject *)(o))

static void property_dealloc(HLObject *self)
{
    propertyobject *gs = PROP(self);
    hl_gc_untrack(self);
    hl_xdecref(gs->prop_get);
    hl_xdecref(gs->prop_set);
    hl_xdecref(gs->prop_del);
    hl_xdecref(gs->prop_doc);
    hl_xdecref(gs->prop_name);
    HL_TYPE(self)->tp_free(self);
}

static int property_traverse(HLObject *self, hl_visitproc visit, void *arg)
{
    propertyobject *pp = PROP(self);
    HL_VISIT(pp->prop_get);
    HL_VISIT(pp->prop_set);
    HL_VISIT(pp->prop_del);
    HL_VISIT(pp->prop_doc);
    HL_VISIT(pp->prop_name);
    return 0;
}

static int property_clear(HLObject *self)
{
    HL_CLEAR(PROP(self)->prop_doc);
    return 0;
}

/* "property 'x' of 'A' object has no setter": the name is known once the
 * class statement called __set_name__; the class from obj. */
static void missing_accessor(propertyobject *gs, HLObject *obj, const char *what,
                             const char *old_message)
{
    HLObject *qualname = obj != NULL ? hl_type_qualname(HL_TYPE(obj)) : NULL;
    if (gs->prop_name != NULL && qualname != NULL)
        hl_err_format(hl_exc_AttributeError, "property %R of %R object has no %s", gs->prop_name,
                      qualname, what);
    else if (qualname != NULL)
        hl_err_format(hl_exc_AttributeError, "property of %R object has no %s", qualname, what);
    else
        hl_err_set_string(hl_exc_AttributeError, old_message);
    hl_xdecref(qualname);
}

static HLObject *property_descr_get(HLObject *self, HLObject *obj, HLObject *type)
{
    if (obj == NULL || obj == HL_None)
        return hl_newref(self);
    propertyobject *gs = PROP(self);
    if (gs->prop_get == NULL) {
        missing_accessor(gs, obj, "getter", "unreadable attribute");
        return NULL;
    }
    return hl_call_one(gs->prop_get, obj);
}

static int property_descr_set(HLObject *self, HLObject *obj, HLObject *value)
{
    propertyobject *gs = PROP(self);
    HLObject *func = value == NULL ? gs->prop_del : gs->prop_set, *res;
    if (func == NULL) {
        missing_accessor(gs, obj, value == NULL ? "deleter" : "setter",
                         value == NULL ? "can't delete attribute" : "can't set attribute");
        return -1;
    }
    if (value == NULL) {
        res = hl_call_one(func, obj);
    } else {
        HLObject *args[2] = {obj, value};
        res = hl_vectorcall(func, args, 2, NULL);
    }
    if (res == NULL)
        return -1;
    hl_decref(res);
    return 0;
}

static int property_init_impl(propertyobject *self, HLObject *fget, HLObject *fset, HLObject *fdel,
                              HLObject *doc)
{
    if (fget == HL_None)
        fget = NULL;
    if (fset == HL_None)
        fset = NULL;
    if (fdel == HL_None)
        fdel = NULL;
    HL_XSETREF(self->prop_get, hl_xnewref(fget));
    HL_XSETREF(self->prop_set, hl_xnewref(fset));
    HL_XSETREF(self->prop_del, hl_xnewref(fdel));
    HL_XSETREF(self->prop_doc, hl_xnewref(doc));
    HL_CLEAR(self->prop_name);
    self->getter_doc = 0;
    HLObject *prop_doc = NULL;
    if (doc != NULL && doc != HL_None) {
        prop_doc = hl_newref(doc);
    } else if (fget != NULL) {
        /* No doc given: the getter's, if it has one. */
        prop_doc = hl_object_getattr_str(fget, "__doc__");
        if (prop_doc == NULL) {
            if (!hl_err_exception_matches(hl_exc_AttributeError))
                return -1;
            hl_err_clear();
            return 0;
        }
        if (prop_doc == HL_None)
            HL_CLEAR(prop_doc);
        if (prop_doc != NULL)
            self->getter_doc = 1;
    }
    if (HL_IS_TYPE(self, &hl_property_type)) {
        HL_XSETREF(self->prop_doc, prop_doc);
        return 0;
    }
    /* A subclass keeps __doc__ in the instance dict, or the class's
     * __doc__ would shadow it. */
    if (prop_doc == NULL)
        prop_doc = hl_none_new();
    HLObject *name = hl_str_intern_from_cstr("__doc__");
    int err = name ? hl_object_setattr((HLObject *)self, name, prop_doc) : -1;
    hl_xdecref(name);
    hl_decref(prop_doc);
    if (err < 0) {
        if (!self->getter_doc && hl_err_exception_matches(hl_exc_AttributeError)) {
            hl_err_clear(); /* dropped silently through 3.11 */
            return 0;
        }
        return -1;
    }
    return 0;
}

/* property(fget=None, fset=None, fdel=None, doc=None) */
static int property_init(HLObject *self, HLObject *args, HLObject *kwds)
{
    static const char *const names[] = {"fget", "fset", "fdel", "doc"};
    HLObject *a[4] = {NULL, NULL, NULL, NULL};
    hl_ssize_t nargs = HL_SIZE(args);
    if (nargs > 4) {
        hl_err_format(hl_exc_TypeError, "property() takes at most 4 arguments (%zd given)",
                      (ssize_t)(nargs + (kwds ? hl_dict_size(kwds) : 0)));
        return -1;
    }
    for (hl_ssize_t i = 0; i < nargs; i++)
        a[i] = HL_TUPLE_GET(args, i);
    if (kwds != NULL) {
        hl_ssize_t pos = 0;
        HLObject *k, *v;
        while (hl_dict_next(kwds, &pos, &k, &v)) {
            int i = 0;
            while (i < 4 && !(hl_str_check(k) && hl_str_eq_cstr(k, names[i])))
                i++;
            if (i == 4) {
                hl_err_format(hl_exc_TypeError, "%R is an invalid keyword argument for property()", k);
                return -1;
            }
            if (i < nargs) {
                hl_err_format(hl_exc_TypeError, "argument for property() given by name ('%s') and position (%d)",
                              names[i], i + 1);
                return -1;
            }
            a[i] = v;
        }
    }
    return property_init_impl(PROP(self), a[0], a[1], a[2], a[3]);
}

/* property_copy: a new property of the same class with some accessors
 * replaced (NULL/None keeps the old one). */
static HLObject *property_copy(HLObject *old, HLObject *get, HLObject *set, HLObject *del)
{
    propertyobject *pold = PROP(old);
    if (get == NULL || get == HL_None)
        get = pold->prop_get ? pold->prop_get : HL_None;
    if (set == NULL || set == HL_None)
        set = pold->prop_set ? pold->prop_set : HL_None;
    if (del == NULL || del == HL_None)
        del = pold->prop_del ? pold->prop_del : HL_None;
    HLObject *doc;
    if (pold->getter_doc && get != HL_None)
        doc = HL_None; /* the new getter's doc */
    else
        doc = pold->prop_doc ? pold->prop_doc : HL_None;
    HLObject *args[4] = {get, set, del, doc};
    HLObject *type = (HLObject *)HL_TYPE(old);
    hl_incref(type);
    HLObject *new = hl_vectorcall(type, args, 4, NULL);
    hl_decref(type);
    if (new != NULL && hl_object_type_check(new, &hl_property_type)) {
        hl_xincref(pold->prop_name);
        HL_XSETREF(PROP(new)->prop_name, pold->prop_name);
    }
    return new;
}

static HLObject *property_getter(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    return property_copy(self, args[0], NULL, NULL);
}

static HLObject *property_setter(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    return property_copy(self, NULL, args[0], NULL);
}

static HLObject *property_deleter(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    return property_copy(self, NULL, NULL, args[0]);
}

static HLObject *property_set_name(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    if (nargs != 2) {
        hl_err_format(hl_exc_TypeError, "__set_name__() takes 2 positional arguments but %zd were given",
                      (ssize_t)nargs);
        return NULL;
    }
    hl_incref(args[1]);
    HL_XSETREF(PROP(self)->prop_name, args[1]);
    return hl_none_new();
}

/* __isabstractmethod__: true if any accessor says so. */
static HLObject *property_get_isabstract(HLObject *self, void *c)
{
    propertyobject *prop = PROP(self);
    HLObject *funcs[3] = {prop->prop_get, prop->prop_set, prop->prop_del};
    for (int i = 0; i < 3; i++) {
        if (funcs[i] == NULL)
            continue;
        HLObject *v = hl_object_getattr_str(funcs[i], "__isabstractmethod__");
        if (v == NULL) {
            if (!hl_err_exception_matches(hl_exc_AttributeError))
                return NULL;
            hl_err_clear();
            continue;
        }
        int r = hl_object_is_true(v);
        hl_decref(v);
        if (r != 0)
            return r < 0 ? NULL : hl_bool_from_long(1);
    }
    return hl_bool_from_long(0);
}

static HLMethodDef property_methods[] = {
    {"getter", property_getter, HL_METH_O, NULL},
    {"setter", property_setter, HL_METH_O, NULL},
    {"deleter", property_deleter, HL_METH_O, NULL},
    {"__set_name__", property_set_name, HL_METH_FASTCALL, NULL},
    {NULL}};

static HLMemberDef property_members[] = {
    {"fget", HL_T_OBJECT, offsetof(propertyobject, prop_get), HL_READONLY, NULL},
    {"fset", HL_T_OBJECT, offsetof(propertyobject, prop_set), HL_READONLY, NULL},
    {"fdel", HL_T_OBJECT, offsetof(propertyobject, prop_del), HL_READONLY, NULL},
    {"__doc__", HL_T_OBJECT, offsetof(propertyobject, prop_doc), 0, NULL},
    {NULL}};

static HLGetSetDef property_getsets[] = {
    {"__isabstractmethod__", property_get_isabstract, NULL, NULL}, {NULL}};

HLTypeObject hl_property_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "property",
    .tp_basicsize = sizeof(propertyobject),
    .tp_dealloc = property_dealloc,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_BASETYPE,
    .tp_traverse = property_traverse,
    .tp_clear = property_clear,
    .tp_methods = property_methods,
    .tp_members = property_members,
    .tp_getset = property_getsets,
    .tp_descr_get = property_descr_get,
    .tp_descr_set = property_descr_set,
    .tp_init = property_init,
    .tp_alloc = hl_type_generic_alloc,
    .tp_new = hl_type_generic_new,
    .tp_free = hl_gc_del,
};
