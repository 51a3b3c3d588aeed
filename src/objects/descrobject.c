/*
 * descrobject.c — descriptors of built-in types, built-in functions, slot
 * wrappers, and the mappingproxy of a class's __dict__.
 *
 * When a built-in type is readied, each entry of its tp_methods becomes a
 * method_descriptor in tp_dict (a classmethod_descriptor for HL_METH_CLASS),
 * each tp_members entry a member_descriptor reading a field at an offset
 * (a class's __slots__ are members too), each tp_getset entry a
 * getset_descriptor calling C accessors.  Every descriptor holds a
 * reference to its type.
 *
 * Calling a method through its descriptor passes the instance as the first
 * argument; binding one (`f = [].append`) makes a builtin_function_or_method
 * object holding the instance — a real GC object, as in CPython, while the
 * interpreter's method-call path avoids creating it.
 *
 * A C slot appears as a wrapper_descriptor (`object.__init__`, `int.__add__`:
 * "<slot wrapper '__add__' of 'int' objects>"), called with an argument
 * tuple and converting it for the slot (typeslots.c's wrap_* functions);
 * bound to an instance it is a method-wrapper ("<method-wrapper '__init__'
 * of World object at 0x...>").  `C.__dict__` is a mappingproxy: a
 * read-only view that forwards lookups, iteration and len to the dict.
 *
 * Argument checks and messages are CPython 3.11's: "list.clear() takes no
 * arguments (1 given)", "... takes exactly one argument (2 given)",
 * "... takes no keyword arguments", "sys.getrefcount() takes exactly one
 * argument (0 given)".
 */
#include "descrobject.h"

#include <stddef.h>
#include <string.h>

#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "../runtime/state.h"
#include "abstract.h"
#include "moduleobject.h"
#include "dictobject.h"
#include "typeobject.h"
#include "longobject.h"
#include "strobject.h"
#include "tupleobject.h"

/* _PyObject_FunctionStr for messages: "type.name()" for methods,
 * "module.name()" for functions of a module other than builtins, else
 * "name()". */
static HLObject *function_str(HLMethodDef *ml, HLObject *self)
{
    if (self != NULL && HL_IS_TYPE(self, &hl_module_type)) {
        HLObject *mod = hl_dict_get_item_str(hl_module_get_dict(self), "__name__");
        if (mod != NULL && hl_str_check(mod) && !hl_str_eq_cstr(mod, "builtins"))
            return hl_str_from_format("%U.%s()", mod, ml->ml_name);
        hl_err_clear();
        return hl_str_from_format("%s()", ml->ml_name);
    }
    if (self != NULL && hl_type_check(self))
        return hl_str_from_format("%s.%s()", ((HLTypeObject *)self)->tp_name, ml->ml_name);
    if (self != NULL)
        return hl_str_from_format("%s.%s()", HL_TYPE(self)->tp_name, ml->ml_name);
    return hl_str_from_format("%s()", ml->ml_name);
}

/* The argument checks CPython makes for a C function's flags (its own code
 * checks the rest): 0, or -1 with TypeError. */
static int check_args(HLMethodDef *ml, HLObject *self, hl_ssize_t nargs, HLObject *kwnames)
{
    int flags = ml->ml_flags & ~(HL_METH_CLASS | HL_METH_STATIC);
    if (!(flags & HL_METH_KEYWORDS) && kwnames != NULL && HL_SIZE(kwnames) != 0) {
        HLObject *fs = function_str(ml, self);
        if (fs) {
            hl_err_format(hl_exc_TypeError, "%U takes no keyword arguments", fs);
            hl_decref(fs);
        }
        return -1;
    }
    if ((flags & HL_METH_NOARGS) && nargs != 0) {
        HLObject *fs = function_str(ml, self);
        if (fs) {
            hl_err_format(hl_exc_TypeError, "%U takes no arguments (%zd given)", fs, (ssize_t)nargs);
            hl_decref(fs);
        }
        return -1;
    }
    if ((flags & HL_METH_O) && nargs != 1) {
        HLObject *fs = function_str(ml, self);
        if (fs) {
            hl_err_format(hl_exc_TypeError, "%U takes exactly one argument (%zd given)", fs,
                          (ssize_t)nargs);
            hl_decref(fs);
        }
        return -1;
    }
    return 0;
}

HLObject *hl_cfunction_call_def(HLMethodDef *ml, HLObject *self, HLObject *const *args,
                                hl_ssize_t nargs, HLObject *kwnames)
{
    if (check_args(ml, self, nargs, kwnames) < 0)
        return NULL;
    if (hl_enter_recursive_call(" while calling a Python object"))
        return NULL;
    HLObject *res = ml->ml_meth(self, args, nargs, (ml->ml_flags & HL_METH_KEYWORDS) ? kwnames : NULL);
    hl_leave_recursive_call();
    return res;
}

HLObject *hl_cfunction_call_uncounted(HLMethodDef *ml, HLObject *self, HLObject *const *args,
                                      hl_ssize_t nargs, HLObject *kwnames)
{
    if (check_args(ml, self, nargs, kwnames) < 0)
        return NULL;
    return ml->ml_meth(self, args, nargs, (ml->ml_flags & HL_METH_KEYWORDS) ? kwnames : NULL);
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
    .tp_call = hl_vectorcall_call,
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
    case HL_T_ULONG:
        return hl_long_from_size(*(unsigned long *)addr);
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

int hl_descr_is_method(HLObject *descr)
{
    return HL_TYPE_HAS_FLAG(HL_TYPE(descr), HL_TPFLAGS_METHOD_DESCRIPTOR);
}

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

static HLObject *new_method_descr(HLTypeObject *dt, HLTypeObject *type, HLMethodDef *m)
{
    HLObject *d = descr_new(dt, type, m->ml_name);
    if (d != NULL) {
        ((HLMethodDescrObject *)d)->d_method = m;
        ((HLMethodDescrObject *)d)->vectorcall = method_vectorcall;
    }
    return d;
}

HLObject *hl_descr_new_method(HLTypeObject *type, HLMethodDef *ml)
{
    return new_method_descr(&hl_method_descr_type, type, ml);
}

HLObject *hl_descr_new_classmethod(HLTypeObject *type, HLMethodDef *ml)
{
    return new_method_descr(&hl_classmethod_descr_type, type, ml);
}

HLObject *hl_descr_new_member(HLTypeObject *type, HLMemberDef *m)
{
    HLObject *d = descr_new(&hl_member_descr_type, type, m->name);
    if (d != NULL)
        ((HLMemberDescrObject *)d)->d_member = m;
    return d;
}

int hl_type_add_descriptors(HLTypeObject *type)
{
    for (HLMethodDef *m = type->tp_methods; m && m->ml_name; m++) {
        HLTypeObject *dt = (m->ml_flags & HL_METH_CLASS) ? &hl_classmethod_descr_type : &hl_method_descr_type;
        if (add_descr(type, m->ml_name, new_method_descr(dt, type, m)) < 0)
            return -1;
    }
    for (HLMemberDef *m = type->tp_members; m && m->name; m++) {
        if (add_descr(type, m->name, hl_descr_new_member(type, m)) < 0)
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
    if ((f->m_ml->ml_flags & (HL_METH_VARARGS | HL_METH_KEYWORDS)) == HL_METH_VARARGS && kwnames != NULL &&
        HL_SIZE(kwnames) != 0) {
        /* cfunction_call's message names the function alone ("get_referents()");
         * a method descriptor's is qualified ("set.union()"), as for the
         * other conventions (check_args). */
        hl_err_format(hl_exc_TypeError, "%s() takes no keyword arguments", f->m_ml->ml_name);
        return NULL;
    }
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

/* meth_get__qualname__: "list.append" for a method bound to an instance
 * or a type, the plain name for a module's function. */
static HLObject *cfunction_get_qualname(HLObject *op, void *c)
{
    HLCFunctionObject *m = (HLCFunctionObject *)op;
    if (m->m_self == NULL || HL_IS_TYPE(m->m_self, &hl_module_type))
        return hl_str_from_cstr(m->m_ml->ml_name);
    HLObject *type = hl_type_check(m->m_self) ? m->m_self : (HLObject *)HL_TYPE(m->m_self);
    HLObject *tq = hl_object_getattr_str(type, "__qualname__");
    if (tq == NULL)
        return NULL;
    HLObject *res = hl_str_from_format("%S.%s", tq, m->m_ml->ml_name);
    hl_decref(tq);
    return res;
}

static HLObject *cfunction_get_self(HLObject *op, void *c)
{
    HLObject *s = ((HLCFunctionObject *)op)->m_self;
    return hl_newref(s ? s : HL_None);
}

static HLGetSetDef cfunction_getset[] = {
    {"__name__", cfunction_get_name, NULL, NULL},
    {"__qualname__", cfunction_get_qualname, NULL, NULL},
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
    .tp_call = hl_vectorcall_call,
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

/* ---- wrapper_descriptor: a C slot as a method --------------------------------
 *
 * add_operators (typeslots.c) puts one in a type's dict for each C slot the
 * type defines: `object.__init__` is <slot wrapper '__init__' of 'object'
 * objects>.  It is called with an argument tuple (it has no vectorcall, as
 * in 3.11): the first item is self, checked against the type, the rest go
 * to the slotdef's wrapper function, which converts them for the C slot.
 * Binding one to an instance makes a method-wrapper.
 */

HLObject *hl_descr_new_wrapper(HLTypeObject *type, hl_slotdef *base, void *wrapped)
{
    HLWrapperDescrObject *d = (HLWrapperDescrObject *)hl_gc_new(&hl_wrapper_descr_type);
    if (d == NULL)
        return NULL;
    d->d_type = (HLTypeObject *)hl_newref(type);
    d->d_name = hl_newref(base->name_strobj);
    d->d_qualname = NULL;
    d->d_base = base;
    d->d_wrapped = wrapped;
    hl_gc_track(d);
    return (HLObject *)d;
}

/* wrapperdescr_raw_call */
static HLObject *wrapper_raw_call(HLWrapperDescrObject *descr, HLObject *self, HLObject *args,
                                  HLObject *kwds)
{
    if (descr->d_base->flags & HL_WRAPPER_KEYWORDS)
        return ((hl_wrapperfunc_kwds)(void (*)(void))descr->d_base->wrapper)(self, args,
                                                                              descr->d_wrapped, kwds);
    if (kwds != NULL && (!hl_dict_check(kwds) || hl_dict_size(kwds) != 0)) {
        hl_err_format(hl_exc_TypeError, "wrapper %s() takes no keyword arguments",
                      descr->d_base->name);
        return NULL;
    }
    return descr->d_base->wrapper(self, args, descr->d_wrapped);
}

static HLObject *wrapperdescr_call(HLObject *op, HLObject *args, HLObject *kwds)
{
    HLWrapperDescrObject *descr = (HLWrapperDescrObject *)op;
    hl_ssize_t argc = HL_SIZE(args);
    if (argc < 1) {
        hl_err_format(hl_exc_TypeError, "descriptor '%U' of '%s' object needs an argument",
                      descr->d_name, descr->d_type->tp_name);
        return NULL;
    }
    HLObject *self = HL_TUPLE_GET(args, 0);
    if (!hl_type_is_subtype(HL_TYPE(self), descr->d_type)) {
        hl_err_format(hl_exc_TypeError, "descriptor '%U' requires a '%s' object but received a '%s'",
                      descr->d_name, descr->d_type->tp_name, HL_TYPE(self)->tp_name);
        return NULL;
    }
    HLObject *rest = hl_tuple_get_slice(args, 1, argc);
    if (rest == NULL)
        return NULL;
    HLObject *res = wrapper_raw_call(descr, self, rest, kwds);
    hl_decref(rest);
    return res;
}

static HLObject *method_wrapper_new(HLObject *descr, HLObject *self);

static HLObject *wrapperdescr_get(HLObject *op, HLObject *obj, HLObject *type)
{
    if (obj == NULL)
        return hl_newref(op);
    if (descr_check((HLDescrObject *)op, obj) < 0)
        return NULL;
    return method_wrapper_new(op, obj);
}

static HLObject *wrapperdescr_repr(HLObject *op)
{
    return descr_repr_fmt(op, "<slot wrapper '%U' of '%s' objects>");
}

static HLObject *descr_get_objclass(HLObject *op, void *c)
{
    return hl_newref(((HLDescrObject *)op)->d_type);
}

static HLObject *descr_get_name(HLObject *op, void *c) { return hl_newref(((HLDescrObject *)op)->d_name); }

static HLObject *descr_get_qualname(HLObject *op, void *c)
{
    HLDescrObject *d = (HLDescrObject *)op;
    if (d->d_qualname == NULL) {
        HLObject *tq = hl_type_qualname(d->d_type);
        if (tq == NULL)
            return NULL;
        d->d_qualname = hl_str_from_format("%U.%U", tq, d->d_name);
        hl_decref(tq);
        if (d->d_qualname == NULL)
            return NULL;
    }
    return hl_newref(d->d_qualname);
}

static HLGetSetDef wrapperdescr_getset[] = {
    {"__objclass__", descr_get_objclass, NULL, NULL},
    {"__name__", descr_get_name, NULL, NULL},
    {"__qualname__", descr_get_qualname, NULL, NULL},
    {NULL}};

HLTypeObject hl_wrapper_descr_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "wrapper_descriptor",
    .tp_basicsize = sizeof(HLWrapperDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_repr = wrapperdescr_repr,
    .tp_call = wrapperdescr_call,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_traverse = descr_traverse,
    .tp_getset = wrapperdescr_getset,
    .tp_descr_get = wrapperdescr_get,
};

/* ---- method-wrapper: a slot wrapper bound to an instance ---------------------- */

typedef struct {
    HLObject ob_base;
    HLWrapperDescrObject *descr;
    HLObject *self;
} wrapperobject;

static HLObject *method_wrapper_new(HLObject *descr, HLObject *self)
{
    wrapperobject *wp = (wrapperobject *)hl_gc_new(&hl_method_wrapper_type);
    if (wp == NULL)
        return NULL;
    wp->descr = (HLWrapperDescrObject *)hl_newref(descr);
    wp->self = hl_newref(self);
    hl_gc_track(wp);
    return (HLObject *)wp;
}

static void wrapper_dealloc(HLObject *op)
{
    wrapperobject *wp = (wrapperobject *)op;
    hl_gc_untrack(op);
    HL_TRASHCAN_BEGIN(op, wrapper_dealloc)
    hl_xdecref(wp->descr);
    hl_xdecref(wp->self);
    hl_gc_del(op);
    HL_TRASHCAN_END;
}

static int wrapper_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    HL_VISIT(((wrapperobject *)op)->descr);
    HL_VISIT(((wrapperobject *)op)->self);
    return 0;
}

static HLObject *wrapper_richcompare(HLObject *a, HLObject *b, int op)
{
    if ((op != HL_EQ && op != HL_NE) || !HL_IS_TYPE(a, &hl_method_wrapper_type) ||
        !HL_IS_TYPE(b, &hl_method_wrapper_type))
        return hl_newref(HL_NotImplemented);
    wrapperobject *x = (wrapperobject *)a, *y = (wrapperobject *)b;
    int eq = x->descr == y->descr && x->self == y->self;
    return hl_bool_from_long(op == HL_EQ ? eq : !eq);
}

static hl_hash_t wrapper_hash(HLObject *op)
{
    wrapperobject *wp = (wrapperobject *)op;
    hl_hash_t x = hl_hash_pointer(wp->self), y = hl_hash_pointer(wp->descr);
    x ^= y;
    return x == -1 ? -2 : x;
}

static HLObject *wrapper_repr(HLObject *op)
{
    wrapperobject *wp = (wrapperobject *)op;
    return hl_str_from_format("<method-wrapper '%s' of %s object at %p>", wp->descr->d_base->name,
                              HL_TYPE(wp->self)->tp_name, (void *)wp->self);
}

static HLObject *wrapper_call(HLObject *op, HLObject *args, HLObject *kwds)
{
    wrapperobject *wp = (wrapperobject *)op;
    return wrapper_raw_call(wp->descr, wp->self, args, kwds);
}

static HLObject *wrapper_objclass(HLObject *op, void *c)
{
    return hl_newref(((wrapperobject *)op)->descr->d_type);
}

static HLObject *wrapper_name(HLObject *op, void *c)
{
    return hl_newref(((wrapperobject *)op)->descr->d_name);
}

static HLObject *wrapper_qualname(HLObject *op, void *c)
{
    return descr_get_qualname((HLObject *)((wrapperobject *)op)->descr, NULL);
}

static HLGetSetDef wrapper_getsets[] = {
    {"__objclass__", wrapper_objclass, NULL, NULL},
    {"__name__", wrapper_name, NULL, NULL},
    {"__qualname__", wrapper_qualname, NULL, NULL},
    {NULL}};

static HLMemberDef wrapper_members[] = {
    {"__self__", HL_T_OBJECT, offsetof(wrapperobject, self), HL_READONLY, NULL}, {NULL}};

HLTypeObject hl_method_wrapper_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "method-wrapper",
    .tp_basicsize = sizeof(wrapperobject),
    .tp_dealloc = wrapper_dealloc,
    .tp_repr = wrapper_repr,
    .tp_hash = wrapper_hash,
    .tp_call = wrapper_call,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = wrapper_traverse,
    .tp_richcompare = wrapper_richcompare,
    .tp_members = wrapper_members,
    .tp_getset = wrapper_getsets,
};

/* ---- mappingproxy: the read-only view C.__dict__ -------------------------------- */

typedef struct {
    HLObject ob_base;
    HLObject *mapping;
} mappingproxyobject;

#define PROXY_MAPPING(op) (((mappingproxyobject *)(op))->mapping)

HLObject *hl_mappingproxy_new(HLObject *mapping)
{
    mappingproxyobject *pp = (mappingproxyobject *)hl_gc_new(&hl_mappingproxy_type);
    if (pp == NULL)
        return NULL;
    pp->mapping = hl_newref(mapping);
    hl_gc_track(pp);
    return (HLObject *)pp;
}

/* mappingproxy(mapping): any mapping but a list or tuple. */
static HLObject *mappingproxy_new_impl(HLTypeObject *type, HLObject *args, HLObject *kwds)
{
    HLObject *mapping = HL_SIZE(args) == 1 ? HL_TUPLE_GET(args, 0) : NULL;
    if (kwds != NULL && hl_dict_size(kwds) == 1 && HL_SIZE(args) == 0)
        mapping = hl_dict_get_item_str(kwds, "mapping");
    if (mapping == NULL || HL_SIZE(args) + (kwds ? hl_dict_size(kwds) : 0) != 1) {
        hl_err_format(hl_exc_TypeError, "mappingproxy() takes exactly one argument (%zd given)",
                      (ssize_t)(HL_SIZE(args) + (kwds ? hl_dict_size(kwds) : 0)));
        return NULL;
    }
    HLTypeObject *mt = HL_TYPE(mapping);
    if (mt->tp_as_mapping == NULL || mt->tp_as_mapping->mp_subscript == NULL ||
        HL_HAS_FLAG(mapping, HL_TPFLAGS_LIST_SUBCLASS) || HL_HAS_FLAG(mapping, HL_TPFLAGS_TUPLE_SUBCLASS)) {
        hl_err_format(hl_exc_TypeError, "mappingproxy() argument must be a mapping, not %s", mt->tp_name);
        return NULL;
    }
    return hl_mappingproxy_new(mapping);
}

static void mappingproxy_dealloc(HLObject *op)
{
    hl_gc_untrack(op);
    hl_decref(PROXY_MAPPING(op));
    hl_gc_del(op);
}

static int mappingproxy_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    HL_VISIT(PROXY_MAPPING(op));
    return 0;
}

static hl_ssize_t mappingproxy_len(HLObject *op) { return hl_object_length(PROXY_MAPPING(op)); }

static HLObject *mappingproxy_getitem(HLObject *op, HLObject *key)
{
    return hl_object_get_item(PROXY_MAPPING(op), key);
}

static int mappingproxy_contains(HLObject *op, HLObject *key)
{
    if (hl_dict_check_exact(PROXY_MAPPING(op)))
        return hl_dict_contains(PROXY_MAPPING(op), key);
    return hl_sequence_contains(PROXY_MAPPING(op), key);
}

static HLObject *mappingproxy_iter(HLObject *op) { return hl_object_get_iter(PROXY_MAPPING(op)); }

static HLObject *mappingproxy_repr(HLObject *op)
{
    return hl_str_from_format("mappingproxy(%R)", PROXY_MAPPING(op));
}

static HLObject *mappingproxy_str(HLObject *op) { return hl_object_str(PROXY_MAPPING(op)); }

static HLObject *mappingproxy_richcompare(HLObject *v, HLObject *w, int op)
{
    return hl_object_richcompare(PROXY_MAPPING(v), w, op);
}

/* keys(), values(), items(), copy(), get(): forwarded to the mapping. */
#define PROXY_METHOD(NAME, PYNAME)                                                        \
    static HLObject *mappingproxy_##NAME(HLObject *self, HLObject *const *args,           \
                                         hl_ssize_t nargs, HLObject *kw)                  \
    {                                                                                     \
        return hl_call_method(PROXY_MAPPING(self), PYNAME, args, nargs);                 \
    }
PROXY_METHOD(keys, "keys")
PROXY_METHOD(values, "values")
PROXY_METHOD(items, "items")
PROXY_METHOD(copy, "copy")

static HLObject *mappingproxy_get(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    if (hl_arg_check_positional("get", nargs, 1, 2) < 0)
        return NULL;
    return hl_call_method(PROXY_MAPPING(self), "get", args, nargs);
}

static HLMethodDef mappingproxy_methods[] = {
    {"get", mappingproxy_get, HL_METH_FASTCALL, NULL},
    {"keys", mappingproxy_keys, HL_METH_NOARGS, NULL},
    {"values", mappingproxy_values, HL_METH_NOARGS, NULL},
    {"items", mappingproxy_items, HL_METH_NOARGS, NULL},
    {"copy", mappingproxy_copy, HL_METH_NOARGS, NULL},
    {NULL}};

static HLMappingMethods mappingproxy_as_mapping = {
    .mp_length = mappingproxy_len,
    .mp_subscript = mappingproxy_getitem,
};
static HLSequenceMethods mappingproxy_as_sequence = {.sq_contains = mappingproxy_contains};

HLTypeObject hl_mappingproxy_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "mappingproxy",
    .tp_basicsize = sizeof(mappingproxyobject),
    .tp_dealloc = mappingproxy_dealloc,
    .tp_repr = mappingproxy_repr,
    .tp_as_sequence = &mappingproxy_as_sequence,
    .tp_as_mapping = &mappingproxy_as_mapping,
    .tp_str = mappingproxy_str,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = mappingproxy_traverse,
    .tp_richcompare = mappingproxy_richcompare,
    .tp_iter = mappingproxy_iter,
    .tp_methods = mappingproxy_methods,
    .tp_new = mappingproxy_new_impl,
};
