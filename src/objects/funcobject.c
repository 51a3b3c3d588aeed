/*
 * funcobject.c — Python functions, classmethod and staticmethod.
 *
 * A function is what `def` and `lambda` make at run time: a GC object
 * holding its code object, its module's globals dict (and builtins), its
 * default values, its closure (a tuple of cells) and its own __dict__.
 * The function and the globals dict that names it reference each other —
 * one of the cycles every module has.
 *
 * Calling a function from C (a callback, a key function) goes through its
 * vectorcall, which pushes a frame and runs the interpreter on it
 * (hl_eval_vector); calls from Python code are handled inside the
 * interpreter loop without C recursion.  As a descriptor, a function binds
 * to an instance as a bound method (classobject.c).
 */
#include "funcobject.h"

#include <stddef.h>

#include "../lang/ceval.h"
#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "codeobject.h"
#include "dictobject.h"
#include "moduleobject.h"
#include "strobject.h"
#include "tupleobject.h"

HLObject *hl_builtins_from_globals(HLObject *globals)
{
    HLObject *builtins = hl_dict_get_item_str(globals, "__builtins__");
    if (builtins) {
        if (hl_module_check(builtins))
            builtins = hl_module_get_dict(builtins);
        return builtins;
    }
    if (hl_err_occurred())
        return NULL;
    return hl_eval_get_builtins();
}

static HLObject *function_vectorcall(HLObject *func, HLObject *const *stack, size_t nargsf,
                                     HLObject *kwnames)
{
    return hl_eval_vector((HLFunctionObject *)func, NULL, stack, (size_t)HL_NARGS(nargsf), kwnames);
}

HLObject *hl_function_new(HLObject *code, HLObject *globals, HLObject *qualname)
{
    HLCodeObject *co = (HLCodeObject *)code;
    HLObject *consts = co->co_consts;
    HLObject *doc = HL_SIZE(consts) >= 1 && hl_str_check(HL_TUPLE_GET(consts, 0)) ? HL_TUPLE_GET(consts, 0)
                                                                                   : HL_None;
    HLObject *module = hl_dict_get_item_str(globals, "__name__");
    if (module == NULL && hl_err_occurred())
        return NULL;
    HLObject *builtins = hl_builtins_from_globals(globals);
    if (builtins == NULL)
        return NULL;
    HLFunctionObject *op = (HLFunctionObject *)hl_gc_new(&hl_function_type);
    if (op == NULL)
        return NULL;
    op->func_globals = hl_newref(globals);
    op->func_builtins = hl_newref(builtins);
    op->func_name = hl_newref(co->co_name);
    op->func_qualname = hl_newref(qualname ? qualname : co->co_qualname);
    op->func_code = hl_newref(code);
    op->func_defaults = NULL;
    op->func_kwdefaults = NULL;
    op->func_closure = NULL;
    op->func_doc = hl_newref(doc);
    op->func_dict = NULL;
    op->func_weakreflist = NULL;
    op->func_module = hl_xnewref(module);
    op->func_annotations = NULL;
    op->vectorcall = function_vectorcall;
    op->func_version = 0;
    hl_gc_track(op);
    return (HLObject *)op;
}

static int func_clear(HLObject *self)
{
    HLFunctionObject *op = (HLFunctionObject *)self;
    op->func_version = 0;
    HL_CLEAR(op->func_globals);
    HL_CLEAR(op->func_builtins);
    HL_CLEAR(op->func_module);
    HL_CLEAR(op->func_defaults);
    HL_CLEAR(op->func_kwdefaults);
    HL_CLEAR(op->func_doc);
    HL_CLEAR(op->func_dict);
    HL_CLEAR(op->func_closure);
    HL_CLEAR(op->func_annotations);
    /* code, name and qualname stay: they are assumed non-NULL. */
    return 0;
}

static void func_dealloc(HLObject *self)
{
    HLFunctionObject *op = (HLFunctionObject *)self;
    hl_gc_untrack(self);
    if (op->func_weakreflist != NULL)
        hl_object_clear_weakrefs(self);
    func_clear(self);
    hl_decref(op->func_code);
    hl_decref(op->func_name);
    hl_decref(op->func_qualname);
    hl_gc_del(self);
}

static int func_traverse(HLObject *self, hl_visitproc visit, void *arg)
{
    HLFunctionObject *f = (HLFunctionObject *)self;
    HL_VISIT(f->func_code);
    HL_VISIT(f->func_globals);
    HL_VISIT(f->func_builtins);
    HL_VISIT(f->func_module);
    HL_VISIT(f->func_defaults);
    HL_VISIT(f->func_kwdefaults);
    HL_VISIT(f->func_doc);
    HL_VISIT(f->func_name);
    HL_VISIT(f->func_dict);
    HL_VISIT(f->func_closure);
    HL_VISIT(f->func_annotations);
    HL_VISIT(f->func_qualname);
    return 0;
}

static HLObject *func_repr(HLObject *self)
{
    return hl_str_from_format("<function %U at %p>", ((HLFunctionObject *)self)->func_qualname, (void *)self);
}

static HLObject *func_descr_get(HLObject *func, HLObject *obj, HLObject *type)
{
    if (obj == NULL || obj == HL_None)
        return hl_newref(func);
    return hl_method_new(func, obj);
}

/* ---- attributes ---------------------------------------------------------- */

#define FUNC(o) ((HLFunctionObject *)(o))

static HLObject *get_code(HLObject *o, void *c) { return hl_newref(FUNC(o)->func_code); }
static HLObject *get_defaults(HLObject *o, void *c) { return hl_newref(FUNC(o)->func_defaults ? FUNC(o)->func_defaults : HL_None); }
static HLObject *get_kwdefaults(HLObject *o, void *c) { return hl_newref(FUNC(o)->func_kwdefaults ? FUNC(o)->func_kwdefaults : HL_None); }
static HLObject *get_name(HLObject *o, void *c) { return hl_newref(FUNC(o)->func_name); }
static HLObject *get_qualname(HLObject *o, void *c) { return hl_newref(FUNC(o)->func_qualname); }

static int set_defaults(HLObject *o, HLObject *value, void *c)
{
    if (value == HL_None)
        value = NULL;
    if (value != NULL && !hl_tuple_check(value)) {
        hl_err_set_string(hl_exc_TypeError, "__defaults__ must be set to a tuple object");
        return -1;
    }
    hl_xincref(value);
    HL_XSETREF(FUNC(o)->func_defaults, value);
    return 0;
}

static int set_name(HLObject *o, HLObject *value, void *c)
{
    if (value == NULL || !hl_str_check(value)) {
        hl_err_set_string(hl_exc_TypeError, "__name__ must be set to a string object");
        return -1;
    }
    hl_incref(value);
    HL_SETREF(FUNC(o)->func_name, value);
    return 0;
}

static int set_qualname(HLObject *o, HLObject *value, void *c)
{
    if (value == NULL || !hl_str_check(value)) {
        hl_err_set_string(hl_exc_TypeError, "__qualname__ must be set to a string object");
        return -1;
    }
    hl_incref(value);
    HL_SETREF(FUNC(o)->func_qualname, value);
    return 0;
}

static HLObject *get_dict(HLObject *o, void *c)
{
    if (FUNC(o)->func_dict == NULL && (FUNC(o)->func_dict = hl_dict_new()) == NULL)
        return NULL;
    return hl_newref(FUNC(o)->func_dict);
}

/* MAKE_FUNCTION leaves the annotations as the flat tuple (name, value,
 * ...) the compiler built; the dict is made on first access, as 3.11's
 * func_get_annotations does. */
static HLObject *get_annotations(HLObject *o, void *c)
{
    HLFunctionObject *f = FUNC(o);
    if (f->func_annotations == NULL && (f->func_annotations = hl_dict_new()) == NULL)
        return NULL;
    if (hl_tuple_check_exact(f->func_annotations)) {
        HLObject *ann = f->func_annotations, *d = hl_dict_new();
        if (d == NULL)
            return NULL;
        for (hl_ssize_t i = 0; i + 1 < HL_SIZE(ann); i += 2)
            if (hl_dict_set_item(d, HL_TUPLE_GET(ann, i), HL_TUPLE_GET(ann, i + 1)) < 0) {
                hl_decref(d);
                return NULL;
            }
        f->func_annotations = d;
        hl_decref(ann);
    }
    return hl_newref(f->func_annotations);
}

static HLGetSetDef func_getset[] = {
    {"__code__", get_code, NULL, NULL},
    {"__defaults__", get_defaults, set_defaults, NULL},
    {"__kwdefaults__", get_kwdefaults, NULL, NULL},
    {"__name__", get_name, set_name, NULL},
    {"__qualname__", get_qualname, set_qualname, NULL},
    {"__dict__", get_dict, NULL, NULL},
    {"__annotations__", get_annotations, NULL, NULL},
    {NULL}};

static HLMemberDef func_members[] = {
    {"__closure__", HL_T_OBJECT, offsetof(HLFunctionObject, func_closure), HL_READONLY},
    {"__doc__", HL_T_OBJECT, offsetof(HLFunctionObject, func_doc), 0},
    {"__globals__", HL_T_OBJECT, offsetof(HLFunctionObject, func_globals), HL_READONLY},
    {"__module__", HL_T_OBJECT, offsetof(HLFunctionObject, func_module), 0},
    {"__builtins__", HL_T_OBJECT, offsetof(HLFunctionObject, func_builtins), HL_READONLY},
    {NULL}};

HLTypeObject hl_function_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "function",
    .tp_call = hl_vectorcall_call,
    .tp_basicsize = sizeof(HLFunctionObject),
    .tp_dealloc = func_dealloc,
    .tp_vectorcall_offset = offsetof(HLFunctionObject, vectorcall),
    .tp_repr = func_repr,
    .tp_getattro = hl_object_generic_getattr,
    .tp_setattro = hl_object_generic_setattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_HAVE_VECTORCALL | HL_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_traverse = func_traverse,
    .tp_clear = func_clear,
    .tp_weaklistoffset = offsetof(HLFunctionObject, func_weakreflist),
    .tp_members = func_members,
    .tp_getset = func_getset,
    .tp_descr_get = func_descr_get,
    .tp_dictoffset = offsetof(HLFunctionObject, func_dict),
};

/* ---- classmethod and staticmethod ------------------------------------------- */

typedef struct {
    HLObject ob_base;
    HLObject *cm_callable;
    HLObject *cm_dict;
} classmethod;

static void cm_dealloc(HLObject *self)
{
    classmethod *cm = (classmethod *)self;
    hl_gc_untrack(self);
    hl_xdecref(cm->cm_callable);
    hl_xdecref(cm->cm_dict);
    HL_TYPE(self)->tp_free(self);
}

static int cm_traverse(HLObject *self, hl_visitproc visit, void *arg)
{
    HL_VISIT(((classmethod *)self)->cm_callable);
    HL_VISIT(((classmethod *)self)->cm_dict);
    return 0;
}

static int cm_clear(HLObject *self)
{
    HL_CLEAR(((classmethod *)self)->cm_callable);
    HL_CLEAR(((classmethod *)self)->cm_dict);
    return 0;
}

static int cm_init(HLObject *self, HLObject *args, HLObject *kwds)
{
    if (HL_SIZE(args) != 1 || (kwds && hl_dict_size(kwds))) {
        hl_err_format(hl_exc_TypeError, "%s expected 1 argument, got %zd", HL_TYPE(self)->tp_name,
                      (ssize_t)HL_SIZE(args));
        return -1;
    }
    hl_incref(HL_TUPLE_GET(args, 0));
    HL_XSETREF(((classmethod *)self)->cm_callable, HL_TUPLE_GET(args, 0));
    return 0;
}

static HLObject *cm_descr_get(HLObject *self, HLObject *obj, HLObject *type)
{
    classmethod *cm = (classmethod *)self;
    if (type == NULL)
        type = (HLObject *)HL_TYPE(obj);
    return hl_method_new(cm->cm_callable, type);
}

static HLObject *sm_descr_get(HLObject *self, HLObject *obj, HLObject *type)
{
    return hl_newref(((classmethod *)self)->cm_callable);
}

static HLObject *sm_call(HLObject *self, HLObject *args, HLObject *kwds)
{
    return hl_call(((classmethod *)self)->cm_callable, args, kwds);
}

static HLMemberDef cm_members[] = {
    {"__func__", HL_T_OBJECT, offsetof(classmethod, cm_callable), HL_READONLY},
    {"__wrapped__", HL_T_OBJECT, offsetof(classmethod, cm_callable), HL_READONLY},
    {NULL}};

HLTypeObject hl_classmethod_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "classmethod",
    .tp_basicsize = sizeof(classmethod),
    .tp_dealloc = cm_dealloc,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_BASETYPE,
    .tp_traverse = cm_traverse,
    .tp_clear = cm_clear,
    .tp_members = cm_members,
    .tp_descr_get = cm_descr_get,
    .tp_dictoffset = offsetof(classmethod, cm_dict),
    .tp_init = cm_init,
    .tp_alloc = hl_type_generic_alloc,
    .tp_new = hl_type_generic_new,
    .tp_free = hl_gc_del,
};

HLTypeObject hl_staticmethod_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "staticmethod",
    .tp_basicsize = sizeof(classmethod),
    .tp_dealloc = cm_dealloc,
    .tp_call = sm_call,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_BASETYPE,
    .tp_traverse = cm_traverse,
    .tp_clear = cm_clear,
    .tp_members = cm_members,
    .tp_descr_get = sm_descr_get,
    .tp_dictoffset = offsetof(classmethod, cm_dict),
    .tp_init = cm_init,
    .tp_alloc = hl_type_generic_alloc,
    .tp_new = hl_type_generic_new,
    .tp_free = hl_gc_del,
};
