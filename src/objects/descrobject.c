/*
 * descrobject.c — descriptors of built-in types, and built-in functions.
 *
 * When a built-in type is readied, each entry of its tp_methods becomes a
 * method_descriptor in tp_dict (a classmethod_descriptor for HL_METH_CLASS),
 * each tp_members entry a member_descriptor reading a field at an offset,
 * each tp_getset entry a getset_descriptor calling C accessors.  Every
 * descriptor holds a reference to its type.
 *
 * Calling a method through its descriptor passes the instance as the first
 * argument; binding one (`f = [].append`) makes a builtin_function_or_method
 * object holding the instance — a real GC object, as in CPython, while the
 * interpreter's method-call path avoids creating it.
 *
 * Argument checks and messages are CPython 3.11's: "list.clear() takes no
 * arguments (1 given)", "... takes exactly one argument (2 given)",
 * "... takes no keyword arguments".
 */
#include "descrobject.h"

#include <stddef.h>
#include <string.h>

#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "../runtime/state.h"
#include "moduleobject.h"
#include "dictobject.h"
#include "longobject.h"
#include "strobject.h"
#include "tupleobject.h"

/* "type.name()" or "name()" for messages. */
static HLObject *function_str(HLMethodDef *ml, HLObject *self)
{
    if (self != NULL && !HL_IS_TYPE(self, &hl_type_type) && hl_type_check(self) == 0 &&
        strcmp(HL_TYPE(self)->tp_name, "module") != 0)
        return hl_str_from_format("%s.%s()", HL_TYPE(self)->tp_name, ml->ml_name);
    if (self != NULL && hl_type_check(self))
        return hl_str_from_format("%s.%s()", ((HLTypeObject *)self)->tp_name, ml->ml_name);
    return hl_str_from_format("%s()", ml->ml_name);
}

HLObject *hl_cfunction_call_def(HLMethodDef *ml, HLObject *self, HLObject *const *args,
                                hl_ssize_t nargs, HLObject *kwnames)
{
    int flags = ml->ml_flags & ~(HL_METH_CLASS | HL_METH_STATIC);
    if (!(flags & HL_METH_KEYWORDS) && kwnames != NULL && HL_SIZE(kwnames) != 0) {
        HLObject *fs = function_str(ml, self);
        if (fs) {
            hl_err_format(hl_exc_TypeError, "%U takes no keyword arguments", fs);
            hl_decref(fs);
        }
        return NULL;
    }
    if ((flags & HL_METH_NOARGS) && nargs != 0) {
        HLObject *fs = function_str(ml, self);
        if (fs) {
            hl_err_format(hl_exc_TypeError, "%U takes no arguments (%zd given)", fs, (ssize_t)nargs);
            hl_decref(fs);
        }
        return NULL;
    }
    if ((flags & HL_METH_O) && nargs != 1) {
        HLObject *fs = function_str(ml, self);
        if (fs) {
            hl_err_format(hl_exc_TypeError, "%U takes exactly one argument (%zd given)", fs,
                          (ssize_t)nargs);
            hl_decref(fs);
        }
        return NULL;
    }
    if (hl_enter_recursive_call(" while calling a Python object"))
        return NULL;
    HLObject *res = ml->ml_meth(self, args, nargs, (flags & HL_METH_KEYWORDS) ? kwnames : NULL);
    hl_leave_recursive_call();
    return res;
}

/* ---- common descriptor machinery ----------------------------------------- */

static HLObject *descr_new(HLTypeObject *descrtype, HLTypeObject *type, const char *name)
{
    HLDescrObject *descr = (HLDescrObject *)hl_gc_new(descrtype);
    if (descr == NULL)
        return NULL;
    descr->d_type = (HLTypeObject *)hl_newref(type);
    descr->d_name = hl_str_intern_from_cstr(name);
    descr->d_qualname = NULL;
    if (descr->d_name == NULL) {
        hl_gc_track(descr);
        hl_decref(descr);
        return NULL;
    }
    hl_gc_track(descr);
    return (HLObject *)descr;
}

static void descr_dealloc(HLObject *op)
{
    HLDescrObject *d = (HLDescrObject *)op;
    hl_gc_untrack(op);
    hl_xdecref(d->d_type);
    hl_xdecref(d->d_name);
    hl_xdecref(d->d_qualname);
    hl_gc_del(op);
}

static int descr_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    HL_VISIT(((HLDescrObject *)op)->d_type);
    return 0;
}

/* obj must be an instance of the descriptor's type. */
static int descr_check(HLDescrObject *descr, HLObject *obj)
{
    if (!hl_object_type_check(obj, descr->d_type)) {
        hl_err_format(hl_exc_TypeError, "descriptor '%U' for '%s' objects doesn't apply to a '%s' object",
                      descr->d_name, descr->d_type->tp_name, HL_TYPE(obj)->tp_name);
        return -1;
    }
    return 0;
}

static HLObject *descr_repr_fmt(HLObject *op, const char *fmt)
{
    HLDescrObject *d = (HLDescrObject *)op;
    return hl_str_from_format(fmt, d->d_name, d->d_type->tp_name);
}

/* ---- method_descriptor -------------------------------------------------- */

static HLObject *method_vectorcall(HLObject *func, HLObject *const *args, size_t nargsf,
                                   HLObject *kwnames)
{
    HLMethodDescrObject *descr = (HLMethodDescrObject *)func;
    hl_ssize_t nargs = HL_NARGS(nargsf);
    if (nargs < 1) {
        hl_err_format(hl_exc_TypeError, "unbound method %s.%s() needs an argument",
                      descr->d_type->tp_name, descr->d_method->ml_name);
        return NULL;
    }
    if (descr_check((HLDescrObject *)descr, args[0]) < 0)
        return NULL;
    return hl_cfunction_call_def(descr->d_method, args[0], args + 1, nargs - 1, kwnames);
}

static HLObject *method_get(HLObject *op, HLObject *obj, HLObject *type)
{
    HLMethodDescrObject *descr = (HLMethodDescrObject *)op;
    if (obj == NULL)
        return hl_newref(op);
    if (descr_check((HLDescrObject *)descr, obj) < 0)
        return NULL;
    return hl_cfunction_new(descr->d_method, obj, NULL);
}

static HLObject *method_repr(HLObject *op) { return descr_repr_fmt(op, "<method '%U' of '%s' objects>"); }

HLTypeObject hl_method_descr_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "method_descriptor",
    .tp_basicsize = sizeof(HLMethodDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_vectorcall_offset = offsetof(HLMethodDescrObject, vectorcall),
    .tp_repr = method_repr,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_HAVE_VECTORCALL | HL_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_traverse = descr_traverse,
    .tp_descr_get = method_get,
};

/* ---- classmethod_descriptor ---------------------------------------------- */

static HLObject *classmethod_get(HLObject *op, HLObject *obj, HLObject *type)
{
    HLMethodDescrObject *descr = (HLMethodDescrObject *)op;
    if (type == NULL)
        type = (HLObject *)HL_TYPE(obj);
    return hl_cfunction_new(descr->d_method, type, NULL);
}

static HLObject *classmethod_repr(HLObject *op)
{
    return descr_repr_fmt(op, "<method '%U' of '%s' objects>");
}

HLTypeObject hl_classmethod_descr_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "classmethod_descriptor",
    .tp_basicsize = sizeof(HLMethodDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_repr = classmethod_repr,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = descr_traverse,
    .tp_descr_get = classmethod_get,
};

/* ---- member_descriptor ----------------------------------------------------- */

static HLObject *member_get(HLObject *op, HLObject *obj, HLObject *type)
{
    HLMemberDescrObject *descr = (HLMemberDescrObject *)op;
    if (obj == NULL)
        return hl_newref(op);
    if (descr_check((HLDescrObject *)descr, obj) < 0)
        return NULL;
    HLMemberDef *m = descr->d_member;
    char *addr = (char *)obj + m->offset;
    switch (m->type) {
    case HL_T_OBJECT: {
        HLObject *v = *(HLObject **)addr;
        return hl_newref(v ? v : HL_None);
    }
    case HL_T_OBJECT_EX: {
        HLObject *v = *(HLObject **)addr;
        if (v == NULL) {
            hl_err_format(hl_exc_AttributeError, "'%s' object has no attribute '%s'",
                          HL_TYPE(obj)->tp_name, m->name);
            return NULL;
        }
        return hl_newref(v);
    }
    case HL_T_SSIZE:
        return hl_long_from_ssize(*(hl_ssize_t *)addr);
    case HL_T_INT:
        if (strcmp(m->name, "__suppress_context__") == 0)
            return hl_bool_from_long(*(char *)addr);
        return hl_long_from_long(*(int *)addr);
    default:
        hl_err_set_string(hl_exc_SystemError, "bad member type");
        return NULL;
    }
}

static int member_set(HLObject *op, HLObject *obj, HLObject *value)
{
    HLMemberDescrObject *descr = (HLMemberDescrObject *)op;
    if (descr_check((HLDescrObject *)descr, obj) < 0)
        return -1;
    HLMemberDef *m = descr->d_member;
    if (m->flags & HL_READONLY) {
        hl_err_set_string(hl_exc_AttributeError, "readonly attribute");
        return -1;
    }
    char *addr = (char *)obj + m->offset;
    switch (m->type) {
    case HL_T_OBJECT:
    case HL_T_OBJECT_EX: {
        if (value == NULL && m->type == HL_T_OBJECT_EX && *(HLObject **)addr == NULL) {
            hl_err_set_string(hl_exc_AttributeError, m->name);
            return -1;
        }
        hl_xincref(value);
        HL_XSETREF(*(HLObject **)addr, value);
        return 0;
    }
    case HL_T_INT:
        if (value == NULL) {
            hl_err_set_string(hl_exc_TypeError, "can't delete numeric/char attribute");
            return -1;
        }
        if (strcmp(m->name, "__suppress_context__") == 0) {
            int t = hl_object_is_true(value);
            if (t < 0)
                return -1;
            *(char *)addr = (char)t;
            return 0;
        }
        *(int *)addr = (int)hl_long_as_long(value);
        return hl_err_occurred() ? -1 : 0;
    default:
        hl_err_set_string(hl_exc_SystemError, "bad member type");
        return -1;
    }
}

static HLObject *member_repr(HLObject *op) { return descr_repr_fmt(op, "<member '%U' of '%s' objects>"); }

HLTypeObject hl_member_descr_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "member_descriptor",
    .tp_basicsize = sizeof(HLMemberDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_repr = member_repr,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = descr_traverse,
    .tp_descr_get = member_get,
    .tp_descr_set = member_set,
};

/* ---- getset_descriptor ------------------------------------------------------ */

static HLObject *getset_get(HLObject *op, HLObject *obj, HLObject *type)
{
    HLGetSetDescrObject *descr = (HLGetSetDescrObject *)op;
    if (obj == NULL)
        return hl_newref(op);
    if (descr_check((HLDescrObject *)descr, obj) < 0)
        return NULL;
    if (descr->d_getset->get != NULL)
        return descr->d_getset->get(obj, descr->d_getset->closure);
    hl_err_format(hl_exc_AttributeError, "attribute '%U' of '%s' objects is not readable",
                  descr->d_name, descr->d_type->tp_name);
    return NULL;
}

static int getset_set(HLObject *op, HLObject *obj, HLObject *value)
{
    HLGetSetDescrObject *descr = (HLGetSetDescrObject *)op;
    if (descr_check((HLDescrObject *)descr, obj) < 0)
        return -1;
    if (descr->d_getset->set != NULL)
        return descr->d_getset->set(obj, value, descr->d_getset->closure);
    hl_err_format(hl_exc_AttributeError, "attribute '%U' of '%s' objects is not writable",
                  descr->d_name, descr->d_type->tp_name);
    return -1;
}

static HLObject *getset_repr(HLObject *op) { return descr_repr_fmt(op, "<attribute '%U' of '%s' objects>"); }

HLTypeObject hl_getset_descr_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "getset_descriptor",
    .tp_basicsize = sizeof(HLGetSetDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_repr = getset_repr,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = descr_traverse,
    .tp_descr_get = getset_get,
    .tp_descr_set = getset_set,
};

int hl_descr_is_method(HLObject *descr) { return HL_IS_TYPE(descr, &hl_method_descr_type); }

/* ---- filling tp_dict ------------------------------------------------------- */

static int add_descr(HLTypeObject *type, const char *name, HLObject *descr)
{
    if (descr == NULL)
        return -1;
    /* An entry already there (a slot wrapper, a subclass override) wins. */
    HLObject *existing = hl_dict_get_item_str(type->tp_dict, name);
    int r = 0;
    if (existing == NULL && !hl_err_occurred())
        r = hl_dict_set_item(type->tp_dict, ((HLDescrObject *)descr)->d_name, descr);
    hl_decref(descr);
    return hl_err_occurred() ? -1 : r;
}

int hl_type_add_descriptors(HLTypeObject *type)
{
    for (HLMethodDef *m = type->tp_methods; m && m->ml_name; m++) {
        HLTypeObject *dt = (m->ml_flags & HL_METH_CLASS) ? &hl_classmethod_descr_type : &hl_method_descr_type;
        HLObject *d = descr_new(dt, type, m->ml_name);
        if (d != NULL) {
            ((HLMethodDescrObject *)d)->d_method = m;
            ((HLMethodDescrObject *)d)->vectorcall = method_vectorcall;
        }
        if (add_descr(type, m->ml_name, d) < 0)
            return -1;
    }
    for (HLMemberDef *m = type->tp_members; m && m->name; m++) {
        HLObject *d = descr_new(&hl_member_descr_type, type, m->name);
        if (d != NULL)
            ((HLMemberDescrObject *)d)->d_member = m;
        if (add_descr(type, m->name, d) < 0)
            return -1;
    }
    for (HLGetSetDef *g = type->tp_getset; g && g->name; g++) {
        HLObject *d = descr_new(&hl_getset_descr_type, type, g->name);
        if (d != NULL)
            ((HLGetSetDescrObject *)d)->d_getset = g;
        if (add_descr(type, g->name, d) < 0)
            return -1;
    }
    return 0;
}

/* ---- builtin_function_or_method ------------------------------------------ */

static HLObject *cfunction_vectorcall(HLObject *func, HLObject *const *args, size_t nargsf,
                                      HLObject *kwnames)
{
    HLCFunctionObject *f = (HLCFunctionObject *)func;
    return hl_cfunction_call_def(f->m_ml, f->m_self, args, HL_NARGS(nargsf), kwnames);
}

HLObject *hl_cfunction_new(HLMethodDef *ml, HLObject *self, HLObject *module)
{
    HLCFunctionObject *op = (HLCFunctionObject *)hl_gc_new(&hl_cfunction_type);
    if (op == NULL)
        return NULL;
    op->m_weakreflist = NULL;
    op->m_ml = ml;
    op->m_self = hl_xnewref(self);
    op->m_module = hl_xnewref(module);
    op->vectorcall = cfunction_vectorcall;
    hl_gc_track(op);
    return (HLObject *)op;
}

static void cfunction_dealloc(HLObject *op)
{
    HLCFunctionObject *m = (HLCFunctionObject *)op;
    hl_gc_untrack(op);
    HL_TRASHCAN_BEGIN(op, cfunction_dealloc)
    if (m->m_weakreflist != NULL)
        hl_object_clear_weakrefs(op);
    hl_xdecref(m->m_self);
    hl_xdecref(m->m_module);
    hl_gc_del(op);
    HL_TRASHCAN_END;
}

static int cfunction_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    HLCFunctionObject *m = (HLCFunctionObject *)op;
    HL_VISIT(m->m_self);
    HL_VISIT(m->m_module);
    return 0;
}

static HLObject *cfunction_repr(HLObject *op)
{
    HLCFunctionObject *m = (HLCFunctionObject *)op;
    if (m->m_self == NULL || HL_IS_TYPE(m->m_self, &hl_module_type))
        return hl_str_from_format("<built-in function %s>", m->m_ml->ml_name);
    return hl_str_from_format("<built-in method %s of %s object at %p>", m->m_ml->ml_name,
                              HL_TYPE(m->m_self)->tp_name, (void *)m->m_self);
}

static HLObject *cfunction_get_name(HLObject *op, void *c)
{
    return hl_str_from_cstr(((HLCFunctionObject *)op)->m_ml->ml_name);
}

static HLObject *cfunction_get_self(HLObject *op, void *c)
{
    HLObject *s = ((HLCFunctionObject *)op)->m_self;
    return hl_newref(s ? s : HL_None);
}

static HLGetSetDef cfunction_getset[] = {
    {"__name__", cfunction_get_name, NULL, NULL},
    {"__qualname__", cfunction_get_name, NULL, NULL},
    {"__self__", cfunction_get_self, NULL, NULL},
    {NULL}};

static HLObject *cfunction_richcompare(HLObject *a, HLObject *b, int op)
{
    if ((op != HL_EQ && op != HL_NE) || !HL_IS_TYPE(b, &hl_cfunction_type))
        return hl_newref(HL_NotImplemented);
    HLCFunctionObject *x = (HLCFunctionObject *)a, *y = (HLCFunctionObject *)b;
    int eq = x->m_self == y->m_self && x->m_ml->ml_meth == y->m_ml->ml_meth;
    return hl_bool_from_long(op == HL_EQ ? eq : !eq);
}

static hl_hash_t cfunction_hash(HLObject *op)
{
    HLCFunctionObject *m = (HLCFunctionObject *)op;
    hl_hash_t x = hl_hash_pointer(m->m_self), y = hl_hash_pointer((void *)m->m_ml->ml_meth);
    x ^= y;
    return x == -1 ? -2 : x;
}

HLTypeObject hl_cfunction_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "builtin_function_or_method",
    .tp_basicsize = sizeof(HLCFunctionObject),
    .tp_dealloc = cfunction_dealloc,
    .tp_vectorcall_offset = offsetof(HLCFunctionObject, vectorcall),
    .tp_repr = cfunction_repr,
    .tp_hash = cfunction_hash,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_HAVE_VECTORCALL,
    .tp_traverse = cfunction_traverse,
    .tp_richcompare = cfunction_richcompare,
    .tp_weaklistoffset = offsetof(HLCFunctionObject, m_weakreflist),
    .tp_getset = cfunction_getset,
};
