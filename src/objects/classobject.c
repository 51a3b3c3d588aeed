/*
 * classobject.c — bound methods.
 *
 * `obj.method` (as a value, not a call) makes a bound method: a GC object
 * holding the function and the instance.  Keeping it keeps the instance
 * alive — `m = obj.method` is one more reference to obj, and a bound
 * method stored on its own instance is a cycle.  Calls of the form
 * obj.method(...) do not make one: the interpreter's LOAD_METHOD passes
 * obj directly.
 */
#include <stddef.h>

#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "../runtime/sysmem.h"
#include "abstract.h"
#include "funcobject.h"
#include "longobject.h"
#include "strobject.h"

static HLObject *method_vectorcall(HLObject *method, HLObject *const *args, size_t nargsf,
                                   HLObject *kwnames)
{
    HLMethodObject *m = (HLMethodObject *)method;
    hl_ssize_t nargs = HL_NARGS(nargsf);
    hl_ssize_t total = nargs + (kwnames ? HL_SIZE(kwnames) : 0);
    HLObject *small[8];
    HLObject **newargs = total + 1 <= 8 ? small : hl_raw_malloc(sizeof(HLObject *) * (size_t)(total + 1));
    if (newargs == NULL)
        return hl_err_nomemory();
    newargs[0] = m->im_self;
    for (hl_ssize_t i = 0; i < total; i++)
        newargs[i + 1] = args[i];
    HLObject *res = hl_vectorcall(m->im_func, newargs, (size_t)nargs + 1, kwnames);
    if (newargs != small)
        hl_raw_free(newargs);
    return res;
}

HLObject *hl_method_new(HLObject *func, HLObject *self)
{
    if (self == NULL) {
        hl_err_set_string(hl_exc_SystemError, "bad argument to hl_method_new");
        return NULL;
    }
    HLMethodObject *im = (HLMethodObject *)hl_gc_new(&hl_method_type);
    if (im == NULL)
        return NULL;
    im->im_weakreflist = NULL;
    im->im_func = hl_newref(func);
    im->im_self = hl_newref(self);
    im->vectorcall = method_vectorcall;
    hl_gc_track(im);
    return (HLObject *)im;
}

static void method_dealloc(HLObject *op)
{
    HLMethodObject *im = (HLMethodObject *)op;
    hl_gc_untrack(op);
    HL_TRASHCAN_BEGIN(op, method_dealloc)
    if (im->im_weakreflist != NULL)
        hl_object_clear_weakrefs(op);
    hl_decref(im->im_func);
    hl_xdecref(im->im_self);
    hl_gc_del(op);
    HL_TRASHCAN_END;
}

static int method_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    HLMethodObject *im = (HLMethodObject *)op;
    HL_VISIT(im->im_func);
    HL_VISIT(im->im_self);
    return 0;
}

static HLObject *method_repr(HLObject *op)
{
    HLMethodObject *a = (HLMethodObject *)op;
    HLObject *funcname = hl_object_getattr_str(a->im_func, "__qualname__");
    if (funcname == NULL) {
        hl_err_clear();
        funcname = hl_object_getattr_str(a->im_func, "__name__");
        if (funcname == NULL) {
            hl_err_clear();
            funcname = hl_str_from_cstr("?");
            if (funcname == NULL)
                return NULL;
        }
    }
    HLObject *res = hl_str_from_format("<bound method %U of %R>", funcname, a->im_self);
    hl_decref(funcname);
    return res;
}

static HLObject *method_richcompare(HLObject *self, HLObject *other, int op)
{
    if ((op != HL_EQ && op != HL_NE) || !hl_method_check(self) || !hl_method_check(other))
        return hl_newref(HL_NotImplemented);
    HLMethodObject *a = (HLMethodObject *)self, *b = (HLMethodObject *)other;
    int eq = hl_object_richcompare_bool(a->im_func, b->im_func, HL_EQ);
    if (eq == 1)
        eq = a->im_self == b->im_self;
    else if (eq < 0)
        return NULL;
    return hl_bool_from_long(op == HL_EQ ? eq : !eq);
}

static hl_hash_t method_hash(HLObject *op)
{
    HLMethodObject *a = (HLMethodObject *)op;
    hl_hash_t x = hl_hash_pointer(a->im_self);
    hl_hash_t y = hl_object_hash(a->im_func);
    if (y == -1)
        return -1;
    x = x ^ y;
    return x == -1 ? -2 : x;
}

static HLObject *method_getattro(HLObject *obj, HLObject *name)
{
    /* The method's own descriptors first, then the function's attributes. */
    HLObject *descr = hl_type_lookup(HL_TYPE(obj), name);
    if (descr != NULL) {
        hl_descrgetfunc f = HL_TYPE(descr)->tp_descr_get;
        if (f != NULL)
            return f(descr, obj, (HLObject *)HL_TYPE(obj));
        return hl_newref(descr);
    }
    return hl_object_getattr(((HLMethodObject *)obj)->im_func, name);
}

static HLMemberDef method_members[] = {
    {"__func__", HL_T_OBJECT, offsetof(HLMethodObject, im_func), HL_READONLY},
    {"__self__", HL_T_OBJECT, offsetof(HLMethodObject, im_self), HL_READONLY},
    {NULL}};

HLTypeObject hl_method_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "method",
    .tp_call = hl_vectorcall_call,
    .tp_basicsize = sizeof(HLMethodObject),
    .tp_dealloc = method_dealloc,
    .tp_vectorcall_offset = offsetof(HLMethodObject, vectorcall),
    .tp_repr = method_repr,
    .tp_hash = method_hash,
    .tp_getattro = method_getattro,
    .tp_setattro = hl_object_generic_setattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_HAVE_VECTORCALL,
    .tp_traverse = method_traverse,
    .tp_richcompare = method_richcompare,
    .tp_weaklistoffset = offsetof(HLMethodObject, im_weakreflist),
    .tp_members = method_members,
};
