/*
 * exceptions.c — the built-in exception types.
 *
 * Every exception instance is a GC object holding its args tuple, its
 * traceback, its __context__ and __cause__ (and a __dict__ on demand), so an
 * exception kept alive keeps its traceback, the traceback keeps the frames,
 * and the frames keep their locals — the reason `except E as e` unbinds e at
 * the end of the handler.  Some types add fields (StopIteration.value,
 * SystemExit.code, SyntaxError's location, NameError.name, ...).
 *
 * The hierarchy and the str()/repr() rules are CPython 3.11's:
 * str(e) is '' for no arguments, str(arg) for one, str(args) for more
 * (KeyError uses repr(arg) for one argument); repr(e) is Name(arg) or
 * Name(args...).
 *
 * MemoryError keeps up to 16 freed instances on a free list, filled at
 * start-up, so that raising MemoryError when the heap is full needs no
 * allocation.
 */
#include "exceptions.h"

#include <stddef.h>
#include <string.h>

#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "abstract.h"
#include "dictobject.h"
#include "listobject.h"
#include "traceback.h"
#include "longobject.h"
#include "strobject.h"
#include "tupleobject.h"

/* ---- common slots ------------------------------------------------------ */

static void exc_clear_base(HLBaseExceptionObject *self)
{
    HL_CLEAR(self->dict);
    HL_CLEAR(self->args);
    HL_CLEAR(self->notes);
    HL_CLEAR(self->traceback);
    HL_CLEAR(self->cause);
    HL_CLEAR(self->context);
}

static int exc_traverse_base(HLBaseExceptionObject *self, hl_visitproc visit, void *arg)
{
    HL_VISIT(self->dict);
    HL_VISIT(self->args);
    HL_VISIT(self->notes);
    HL_VISIT(self->traceback);
    HL_VISIT(self->cause);
    HL_VISIT(self->context);
    return 0;
}

/* The extra object fields of a subclass struct, by type. */
static hl_ssize_t extra_fields(HLTypeObject *tp, hl_ssize_t *offsets);

static int BaseException_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    int r = exc_traverse_base(HL_EXC(op), visit, arg);
    if (r)
        return r;
    hl_ssize_t offs[8];
    hl_ssize_t n = extra_fields(HL_TYPE(op), offs);
    for (hl_ssize_t i = 0; i < n; i++)
        HL_VISIT(*(HLObject **)((char *)op + offs[i]));
    return 0;
}

static int BaseException_clear(HLObject *op)
{
    exc_clear_base(HL_EXC(op));
    hl_ssize_t offs[8];
    hl_ssize_t n = extra_fields(HL_TYPE(op), offs);
    for (hl_ssize_t i = 0; i < n; i++)
        HL_CLEAR(*(HLObject **)((char *)op + offs[i]));
    return 0;
}

static void BaseException_dealloc(HLObject *op)
{
    hl_gc_untrack(op);
    HL_TRASHCAN_BEGIN(op, BaseException_dealloc)
    BaseException_clear(op);
    HL_TYPE(op)->tp_free(op);
    HL_TRASHCAN_END;
}

static HLObject *BaseException_new(HLTypeObject *type, HLObject *args, HLObject *kwds)
{
    HLBaseExceptionObject *self = (HLBaseExceptionObject *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    self->suppress_context = 0;
    self->args = args ? hl_newref(args) : hl_tuple_new(0);
    if (self->args == NULL) {
        hl_decref(self);
        return NULL;
    }
    return (HLObject *)self;
}

static int BaseException_init(HLObject *self, HLObject *args, HLObject *kwds)
{
    if (kwds != NULL && hl_dict_size(kwds) != 0) {
        hl_err_format(hl_exc_TypeError, "%s() takes no keyword arguments", HL_TYPE(self)->tp_name);
        return -1;
    }
    hl_incref(args);
    HL_XSETREF(HL_EXC(self)->args, args);
    return 0;
}

static HLObject *BaseException_str(HLObject *op)
{
    HLObject *args = HL_EXC(op)->args;
    switch (HL_SIZE(args)) {
    case 0:
        return hl_str_empty();
    case 1:
        return hl_object_str(HL_TUPLE_GET(args, 0));
    default:
        return hl_object_str(args);
    }
}

static HLObject *BaseException_repr(HLObject *op)
{
    HLObject *args = HL_EXC(op)->args;
    const char *name = HL_TYPE(op)->tp_name;
    const char *dot = strrchr(name, '.');
    if (dot)
        name = dot + 1;
    if (HL_SIZE(args) == 1)
        return hl_str_from_format("%s(%R)", name, HL_TUPLE_GET(args, 0));
    return hl_str_from_format("%s%R", name, args);
}

static HLObject *KeyError_str(HLObject *op)
{
    HLObject *args = HL_EXC(op)->args;
    if (HL_SIZE(args) == 1)
        return hl_object_repr(HL_TUPLE_GET(args, 0));
    return BaseException_str(op);
}

/* ---- subclasses with fields ------------------------------------------- */

static int StopIteration_init(HLObject *self, HLObject *args, HLObject *kwds)
{
    if (BaseException_init(self, args, kwds) < 0)
        return -1;
    HLStopIterationObject *s = (HLStopIterationObject *)self;
    HL_XSETREF(s->value, hl_newref(HL_SIZE(args) > 0 ? HL_TUPLE_GET(args, 0) : HL_None));
    return 0;
}

static int SystemExit_init(HLObject *self, HLObject *args, HLObject *kwds)
{
    if (BaseException_init(self, args, kwds) < 0)
        return -1;
    HLSystemExitObject *s = (HLSystemExitObject *)self;
    hl_ssize_t n = HL_SIZE(args);
    HL_XSETREF(s->code, hl_newref(n == 0 ? HL_None : n == 1 ? HL_TUPLE_GET(args, 0) : args));
    return 0;
}

static int kw_only(HLObject *self, HLObject *kwds, const char *const *names, HLObject **slots[],
                   int n)
{
    if (kwds == NULL)
        return 0;
    hl_ssize_t pos = 0;
    HLObject *k, *v;
    while (hl_dict_next(kwds, &pos, &k, &v)) {
        int i;
        for (i = 0; i < n; i++)
            if (hl_str_eq_cstr(k, names[i]))
                break;
        if (i == n) {
            hl_err_format(hl_exc_TypeError, "%s() got an unexpected keyword argument '%U'",
                          HL_TYPE(self)->tp_name, k);
            return -1;
        }
        hl_incref(v);
        HL_XSETREF(*slots[i], v);
    }
    return 0;
}

static int NameError_init(HLObject *self, HLObject *args, HLObject *kwds)
{
    if (BaseException_init(self, args, NULL) < 0)
        return -1;
    static const char *const names[] = {"name"};
    HLObject **slots[] = {&((HLNameErrorObject *)self)->name};
    return kw_only(self, kwds, names, slots, 1);
}

static int AttributeError_init(HLObject *self, HLObject *args, HLObject *kwds)
{
    if (BaseException_init(self, args, NULL) < 0)
        return -1;
    static const char *const names[] = {"name", "obj"};
    HLAttributeErrorObject *a = (HLAttributeErrorObject *)self;
    HLObject **slots[] = {&a->name, &a->obj};
    return kw_only(self, kwds, names, slots, 2);
}

static int ImportError_init(HLObject *self, HLObject *args, HLObject *kwds)
{
    if (BaseException_init(self, args, NULL) < 0)
        return -1;
    HLImportErrorObject *s = (HLImportErrorObject *)self;
    static const char *const names[] = {"name", "path"};
    HLObject **slots[] = {&s->name, &s->path};
    if (kw_only(self, kwds, names, slots, 2) < 0)
        return -1;
    if (HL_SIZE(args) == 1)
        HL_XSETREF(s->msg, hl_newref(HL_TUPLE_GET(args, 0)));
    return 0;
}

static HLObject *ImportError_str(HLObject *self)
{
    HLImportErrorObject *s = (HLImportErrorObject *)self;
    if (s->msg && hl_str_check_exact(s->msg))
        return hl_newref(s->msg);
    return BaseException_str(self);
}

static int SyntaxError_init(HLObject *self, HLObject *args, HLObject *kwds)
{
    if (BaseException_init(self, args, kwds) < 0)
        return -1;
    HLSyntaxErrorObject *s = (HLSyntaxErrorObject *)self;
    hl_ssize_t n = HL_SIZE(args);
    if (n >= 1)
        HL_XSETREF(s->msg, hl_newref(HL_TUPLE_GET(args, 0)));
    if (n == 2) {
        HLObject *info = HL_TUPLE_GET(args, 1);
        if (!hl_tuple_check(info) || HL_SIZE(info) < 4 || HL_SIZE(info) > 6) {
            hl_err_set_string(hl_exc_IndexError, "tuple index out of range");
            return -1;
        }
        HLObject **fields[] = {&s->filename, &s->lineno, &s->offset, &s->text, &s->end_lineno,
                               &s->end_offset};
        for (hl_ssize_t i = 0; i < HL_SIZE(info); i++)
            HL_XSETREF(*fields[i], hl_newref(HL_TUPLE_GET(info, i)));
    }
    return 0;
}

static HLObject *SyntaxError_str(HLObject *self)
{
    HLSyntaxErrorObject *s = (HLSyntaxErrorObject *)self;
    HLObject *msg = s->msg ? s->msg : HL_None;
    HLObject *filename = NULL;
    if (s->filename && hl_str_check(s->filename)) {
        /* my_basename: the part after the last '/' */
        hl_ssize_t n = HL_STR_LEN(s->filename), start = 0;
        for (hl_ssize_t i = 0; i < n; i++)
            if (hl_str_read_char(s->filename, i) == '/')
                start = i + 1;
        filename = hl_str_substring(s->filename, start, n);
        if (filename == NULL)
            return NULL;
    }
    int have_lineno = s->lineno && hl_long_check_exact(s->lineno);
    HLObject *res;
    if (!filename && !have_lineno)
        return hl_object_str(msg);
    if (filename && have_lineno)
        res = hl_str_from_format("%S (%U, line %ld)", msg, filename, hl_long_as_long(s->lineno));
    else if (filename)
        res = hl_str_from_format("%S (%U)", msg, filename);
    else
        res = hl_str_from_format("%S (line %ld)", msg, hl_long_as_long(s->lineno));
    hl_xdecref(filename);
    return res;
}

/* ---- MemoryError's free list ------------------------------------------ */

#define MEMERRORS_SAVE 16
static HLObject *memerrors_freelist[MEMERRORS_SAVE];
static int memerrors_numfree;

static HLObject *MemoryError_new(HLTypeObject *type, HLObject *args, HLObject *kwds)
{
    if (type != (HLTypeObject *)hl_exc_MemoryError || memerrors_numfree == 0 ||
        (args && HL_SIZE(args) != 0) || (kwds && hl_dict_size(kwds) != 0))
        return BaseException_new(type, args, kwds);
    HLBaseExceptionObject *self = (HLBaseExceptionObject *)memerrors_freelist[--memerrors_numfree];
    self->args = hl_tuple_new(0); /* () is static: cannot fail */
    hl_new_reference((HLObject *)self);
    hl_gc_track(self);
    return (HLObject *)self;
}

static void MemoryError_dealloc(HLObject *op)
{
    hl_gc_untrack(op);
    BaseException_clear(op);
    if (!HL_IS_TYPE(op, (HLTypeObject *)hl_exc_MemoryError) ||
        memerrors_numfree >= MEMERRORS_SAVE) {
        HL_TYPE(op)->tp_free(op);
        return;
    }
    memerrors_freelist[memerrors_numfree++] = op;
}

int hl_memory_error_free_list_count(void) { return memerrors_numfree; }

/* ---- the types --------------------------------------------------------- */

static HLMemberDef BaseException_members[] = {{NULL}};

/* ---- BaseException's attributes and methods ---------------------------- */

static HLObject *exc_get_args(HLObject *self, void *c) { return hl_newref(HL_EXC(self)->args); }

static int exc_set_args(HLObject *self, HLObject *val, void *c)
{
    if (val == NULL) {
        hl_err_set_string(hl_exc_TypeError, "args may not be deleted");
        return -1;
    }
    HLObject *seq = hl_sequence_tuple(val);
    if (seq == NULL)
        return -1;
    HL_XSETREF(HL_EXC(self)->args, seq);
    return 0;
}

static HLObject *exc_get_tb(HLObject *self, void *c)
{
    HLObject *tb = HL_EXC(self)->traceback;
    return hl_newref(tb ? tb : HL_None);
}

static int exc_set_tb(HLObject *self, HLObject *tb, void *c)
{
    if (tb == NULL) {
        hl_err_set_string(hl_exc_TypeError, "__traceback__ may not be deleted");
        return -1;
    }
    if (tb != HL_None && !HL_IS_TYPE(tb, &hl_traceback_type)) {
        hl_err_set_string(hl_exc_TypeError, "__traceback__ must be a traceback or None");
        return -1;
    }
    hl_exception_set_traceback(self, tb == HL_None ? NULL : tb);
    return 0;
}

static HLObject *exc_get_context(HLObject *self, void *c)
{
    HLObject *ctx = HL_EXC(self)->context;
    return hl_newref(ctx ? ctx : HL_None);
}

static int exc_set_context(HLObject *self, HLObject *arg, void *c)
{
    if (arg == NULL) {
        hl_err_set_string(hl_exc_TypeError, "__context__ may not be deleted");
        return -1;
    }
    if (arg == HL_None)
        arg = NULL;
    else if (!hl_exception_check(arg)) {
        hl_err_set_string(hl_exc_TypeError, "exception context must be None or derive from BaseException");
        return -1;
    }
    hl_exception_set_context(self, hl_xnewref(arg));
    return 0;
}

static HLObject *exc_get_cause(HLObject *self, void *c)
{
    HLObject *cause = HL_EXC(self)->cause;
    return hl_newref(cause ? cause : HL_None);
}

static int exc_set_cause(HLObject *self, HLObject *arg, void *c)
{
    if (arg == NULL) {
        hl_err_set_string(hl_exc_TypeError, "__cause__ may not be deleted");
        return -1;
    }
    if (arg == HL_None)
        arg = NULL;
    else if (!hl_exception_check(arg)) {
        hl_err_set_string(hl_exc_TypeError, "exception cause must be None or derive from BaseException");
        return -1;
    }
    hl_exception_set_cause(self, hl_xnewref(arg));
    return 0;
}

static HLObject *exc_get_suppress(HLObject *self, void *c)
{
    return hl_newref(HL_EXC(self)->suppress_context ? HL_True : HL_False);
}

/* A T_BOOL member in CPython: True or False only. */
static int exc_set_suppress(HLObject *self, HLObject *v, void *c)
{
    if (v == NULL) {
        hl_err_set_string(hl_exc_TypeError, "can't delete numeric/char attribute");
        return -1;
    }
    if (v != HL_True && v != HL_False) {
        hl_err_set_string(hl_exc_TypeError, "attribute value type must be bool");
        return -1;
    }
    HL_EXC(self)->suppress_context = v == HL_True;
    return 0;
}

/* __dict__: made on first use, like any instance dict at tp_dictoffset. */
static HLObject *exc_get_dict(HLObject *self, void *c)
{
    HLBaseExceptionObject *e = HL_EXC(self);
    if (e->dict == NULL && (e->dict = hl_dict_new()) == NULL)
        return NULL;
    return hl_newref(e->dict);
}

static int exc_set_dict(HLObject *self, HLObject *v, void *c)
{
    if (v == NULL) {
        hl_err_set_string(hl_exc_TypeError, "__dict__ may not be deleted");
        return -1;
    }
    if (!hl_dict_check(v)) {
        hl_err_set_string(hl_exc_TypeError, "__dict__ must be set to a dictionary");
        return -1;
    }
    HL_XSETREF(HL_EXC(self)->dict, hl_newref(v));
    return 0;
}

static HLGetSetDef BaseException_getset[] = {
    {"__suppress_context__", exc_get_suppress, exc_set_suppress, NULL},
    {"__dict__", exc_get_dict, exc_set_dict, NULL},
    {"args", exc_get_args, exc_set_args, NULL},
    {"__traceback__", exc_get_tb, exc_set_tb, NULL},
    {"__context__", exc_get_context, exc_set_context, NULL},
    {"__cause__", exc_get_cause, exc_set_cause, NULL},
    {NULL}};

static HLObject *exc_with_traceback(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    if (exc_set_tb(self, args[0], NULL) < 0)
        return NULL;
    return hl_newref(self);
}

/* add_note(note): appended to the __notes__ list in the instance dict. */
static HLObject *exc_add_note(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    HLObject *note = args[0];
    if (!hl_str_check(note)) {
        hl_err_format(hl_exc_TypeError, "note must be a str, not '%s'", HL_TYPE(note)->tp_name);
        return NULL;
    }
    HLObject *notes = hl_object_getattr_str(self, "__notes__");
    if (notes == NULL) {
        if (!hl_err_exception_matches(hl_exc_AttributeError))
            return NULL;
        hl_err_clear();
        notes = hl_list_new(0);
        if (notes == NULL)
            return NULL;
        HLObject *name = hl_str_intern_from_cstr("__notes__");
        int r = name ? hl_object_setattr(self, name, notes) : -1;
        hl_xdecref(name);
        if (r < 0) {
            hl_decref(notes);
            return NULL;
        }
    }
    if (!hl_list_check(notes)) {
        hl_decref(notes);
        hl_err_set_string(hl_exc_TypeError, "Cannot add note: __notes__ is not a list");
        return NULL;
    }
    int r = hl_list_append(notes, note);
    hl_decref(notes);
    if (r < 0)
        return NULL;
    return hl_none_new();
}

static HLMethodDef BaseException_methods[] = {
    {"with_traceback", (hl_cfunction)exc_with_traceback, HL_METH_O, NULL},
    {"add_note", (hl_cfunction)exc_add_note, HL_METH_O, NULL},
    {NULL}};

/* The types, declared as CPython declares them: a slot is set only where
 * CPython's type sets it, the others are inherited.  That decides which
 * slot wrappers each class's __dict__ shows (ValueError.__dict__ has
 * __new__ and __init__ only; SystemExit's __init__ and code). */
#define EXC_TYPE_FULL(NAME, BASE, STRUCT, NEW, INIT, STR, DEALLOC, MEMBERS)                \
    HLTypeObject hl_##NAME##_type = {                                                   \
        .ob_base = {{1, &hl_type_type}, 0},                                             \
        .tp_name = #NAME,                                                               \
        .tp_basicsize = sizeof(STRUCT),                                                 \
        .tp_dealloc = DEALLOC,                                                          \
        .tp_str = STR,                                                                  \
        .tp_flags = HL_TPFLAGS_BASETYPE | HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_BASE_EXC_SUBCLASS, \
        .tp_traverse = BaseException_traverse,                                          \
        .tp_clear = BaseException_clear,                                                \
        .tp_members = MEMBERS,                                                          \
        .tp_base = BASE,                                                                \
        .tp_dictoffset = offsetof(HLBaseExceptionObject, dict),                         \
        .tp_init = INIT,                                                                \
        .tp_alloc = hl_type_generic_alloc,                                              \
        .tp_new = NEW,                                                                  \
        .tp_free = hl_gc_del,                                                           \
    };                                                                                  \
    HLObject *hl_exc_##NAME = (HLObject *)&hl_##NAME##_type;

/* SimpleExtendsException: __new__ and __init__ of its own. */
#define SIMPLE(NAME, BASE)                                                              \
    EXC_TYPE_FULL(NAME, &hl_##BASE##_type, HLBaseExceptionObject, BaseException_new,    \
                  BaseException_init, NULL, BaseException_dealloc, NULL)
/* MiddlingExtendsException / ComplexExtendsException: __init__ (and maybe
 * __str__) of its own, __new__ inherited. */
#define MIDDLING(NAME, BASE, STRUCT, INIT, STR, MEMBERS)                                  \
    EXC_TYPE_FULL(NAME, &hl_##BASE##_type, STRUCT, NULL, INIT, STR, BaseException_dealloc, MEMBERS)

static HLMemberDef StopIteration_members[] = {
    {"value", HL_T_OBJECT, offsetof(HLStopIterationObject, value), 0}, {NULL}};
static HLMemberDef SystemExit_members[] = {
    {"code", HL_T_OBJECT, offsetof(HLSystemExitObject, code), 0}, {NULL}};
static HLMemberDef NameError_members[] = {
    {"name", HL_T_OBJECT, offsetof(HLNameErrorObject, name), 0}, {NULL}};
static HLMemberDef AttributeError_members[] = {
    {"name", HL_T_OBJECT, offsetof(HLAttributeErrorObject, name), 0},
    {"obj", HL_T_OBJECT, offsetof(HLAttributeErrorObject, obj), 0},
    {NULL}};
static HLMemberDef ImportError_members[] = {
    {"msg", HL_T_OBJECT, offsetof(HLImportErrorObject, msg), 0},
    {"name", HL_T_OBJECT, offsetof(HLImportErrorObject, name), 0},
    {"path", HL_T_OBJECT, offsetof(HLImportErrorObject, path), 0},
    {NULL}};
static HLMemberDef SyntaxError_members[] = {
    {"msg", HL_T_OBJECT, offsetof(HLSyntaxErrorObject, msg), 0},
    {"filename", HL_T_OBJECT, offsetof(HLSyntaxErrorObject, filename), 0},
    {"lineno", HL_T_OBJECT, offsetof(HLSyntaxErrorObject, lineno), 0},
    {"offset", HL_T_OBJECT, offsetof(HLSyntaxErrorObject, offset), 0},
    {"text", HL_T_OBJECT, offsetof(HLSyntaxErrorObject, text), 0},
    {"end_lineno", HL_T_OBJECT, offsetof(HLSyntaxErrorObject, end_lineno), 0},
    {"end_offset", HL_T_OBJECT, offsetof(HLSyntaxErrorObject, end_offset), 0},
    {"print_file_and_line", HL_T_OBJECT, offsetof(HLSyntaxErrorObject, print_file_and_line), 0},
    {NULL}};

HLTypeObject hl_BaseException_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "BaseException",
    .tp_basicsize = sizeof(HLBaseExceptionObject),
    .tp_dealloc = BaseException_dealloc,
    .tp_repr = BaseException_repr,
    .tp_str = BaseException_str,
    .tp_getattro = hl_object_generic_getattr,
    .tp_setattro = hl_object_generic_setattr,
    .tp_flags = HL_TPFLAGS_BASETYPE | HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_BASE_EXC_SUBCLASS,
    .tp_traverse = BaseException_traverse,
    .tp_clear = BaseException_clear,
    .tp_methods = BaseException_methods,
    .tp_members = BaseException_members,
    .tp_getset = BaseException_getset,
    .tp_base = &hl_object_type,
    .tp_dictoffset = offsetof(HLBaseExceptionObject, dict),
    .tp_init = BaseException_init,
    .tp_alloc = hl_type_generic_alloc,
    .tp_new = BaseException_new,
    .tp_free = hl_gc_del,
};
HLObject *hl_exc_BaseException = (HLObject *)&hl_BaseException_type;

SIMPLE(Exception, BaseException)
SIMPLE(GeneratorExit, BaseException)
SIMPLE(KeyboardInterrupt, BaseException)
MIDDLING(SystemExit, BaseException, HLSystemExitObject, SystemExit_init, NULL, SystemExit_members)
SIMPLE(ArithmeticError, Exception)
SIMPLE(FloatingPointError, ArithmeticError)
SIMPLE(OverflowError, ArithmeticError)
SIMPLE(ZeroDivisionError, ArithmeticError)
SIMPLE(AssertionError, Exception)
MIDDLING(AttributeError, Exception, HLAttributeErrorObject, AttributeError_init, BaseException_str,
         AttributeError_members)
SIMPLE(BufferError, Exception)
SIMPLE(EOFError, Exception)
MIDDLING(ImportError, Exception, HLImportErrorObject, ImportError_init, ImportError_str, ImportError_members)
MIDDLING(ModuleNotFoundError, ImportError, HLImportErrorObject, ImportError_init, NULL, NULL)
SIMPLE(LookupError, Exception)
SIMPLE(IndexError, LookupError)
MIDDLING(KeyError, LookupError, HLBaseExceptionObject, BaseException_init, KeyError_str, NULL)
EXC_TYPE_FULL(MemoryError, &hl_Exception_type, HLBaseExceptionObject, MemoryError_new, BaseException_init, NULL,
              MemoryError_dealloc, NULL)
MIDDLING(NameError, Exception, HLNameErrorObject, NameError_init, BaseException_str, NameError_members)
MIDDLING(UnboundLocalError, NameError, HLNameErrorObject, NameError_init, NULL, NULL)
SIMPLE(OSError, Exception)
SIMPLE(ReferenceError, Exception)
SIMPLE(RuntimeError, Exception)
SIMPLE(NotImplementedError, RuntimeError)
SIMPLE(RecursionError, RuntimeError)
SIMPLE(StopAsyncIteration, Exception)
MIDDLING(StopIteration, Exception, HLStopIterationObject, StopIteration_init, NULL, StopIteration_members)
MIDDLING(SyntaxError, Exception, HLSyntaxErrorObject, SyntaxError_init, SyntaxError_str, SyntaxError_members)
MIDDLING(IndentationError, SyntaxError, HLSyntaxErrorObject, SyntaxError_init, NULL, NULL)
MIDDLING(TabError, IndentationError, HLSyntaxErrorObject, SyntaxError_init, NULL, NULL)
SIMPLE(SystemError, Exception)
SIMPLE(TypeError, Exception)
SIMPLE(ValueError, Exception)
SIMPLE(UnicodeError, ValueError)
SIMPLE(UnicodeDecodeError, UnicodeError)
SIMPLE(UnicodeEncodeError, UnicodeError)
SIMPLE(Warning, Exception)
SIMPLE(UserWarning, Warning)
SIMPLE(DeprecationWarning, Warning)
SIMPLE(RuntimeWarning, Warning)

static HLTypeObject *const all_types[] = {
    &hl_BaseException_type, &hl_Exception_type, &hl_GeneratorExit_type,
    &hl_KeyboardInterrupt_type, &hl_SystemExit_type, &hl_ArithmeticError_type,
    &hl_FloatingPointError_type, &hl_OverflowError_type, &hl_ZeroDivisionError_type,
    &hl_AssertionError_type, &hl_AttributeError_type, &hl_BufferError_type, &hl_EOFError_type,
    &hl_ImportError_type, &hl_ModuleNotFoundError_type, &hl_LookupError_type,
    &hl_IndexError_type, &hl_KeyError_type, &hl_MemoryError_type, &hl_NameError_type,
    &hl_UnboundLocalError_type, &hl_OSError_type, &hl_ReferenceError_type,
    &hl_RuntimeError_type, &hl_NotImplementedError_type, &hl_RecursionError_type,
    &hl_StopAsyncIteration_type, &hl_StopIteration_type, &hl_SyntaxError_type,
    &hl_IndentationError_type, &hl_TabError_type, &hl_SystemError_type, &hl_TypeError_type,
    &hl_ValueError_type, &hl_UnicodeError_type, &hl_UnicodeDecodeError_type,
    &hl_UnicodeEncodeError_type, &hl_Warning_type, &hl_UserWarning_type,
    &hl_DeprecationWarning_type, &hl_RuntimeWarning_type,
};

HLTypeObject *const *hl_exception_types(size_t *n)
{
    *n = sizeof all_types / sizeof all_types[0];
    return all_types;
}

static hl_ssize_t extra_fields(HLTypeObject *tp, hl_ssize_t *offsets)
{
    /* Find the nearest built-in base with extra fields. */
    for (; tp != NULL; tp = tp->tp_base) {
        if (tp == &hl_StopIteration_type) {
            offsets[0] = offsetof(HLStopIterationObject, value);
            return 1;
        }
        if (tp == &hl_SystemExit_type) {
            offsets[0] = offsetof(HLSystemExitObject, code);
            return 1;
        }
        if (tp == &hl_NameError_type) {
            offsets[0] = offsetof(HLNameErrorObject, name);
            return 1;
        }
        if (tp == &hl_AttributeError_type) {
            offsets[0] = offsetof(HLAttributeErrorObject, obj);
            offsets[1] = offsetof(HLAttributeErrorObject, name);
            return 2;
        }
        if (tp == &hl_ImportError_type) {
            offsets[0] = offsetof(HLImportErrorObject, msg);
            offsets[1] = offsetof(HLImportErrorObject, name);
            offsets[2] = offsetof(HLImportErrorObject, path);
            return 3;
        }
        if (tp == &hl_SyntaxError_type) {
            for (int i = 0; i < 8; i++)
                offsets[i] = (hl_ssize_t)(offsetof(HLSyntaxErrorObject, msg) + (size_t)i * sizeof(HLObject *));
            return 8;
        }
        if (tp == &hl_BaseException_type)
            return 0;
    }
    return 0;
}

/* ---- helpers used by errors.c and the VM -------------------------------- */

HLObject *hl_exception_new(HLObject *type, HLObject *args)
{
    HLTypeObject *tp = (HLTypeObject *)type;
    HLObject *exc = tp->tp_new(tp, args, NULL);
    if (exc == NULL)
        return NULL;
    if (tp->tp_init(exc, args, NULL) < 0) {
        hl_decref(exc);
        return NULL;
    }
    return exc;
}

int hl_exception_check(HLObject *o) { return HL_HAS_FLAG(o, HL_TPFLAGS_BASE_EXC_SUBCLASS); }

int hl_exception_class_check(HLObject *o)
{
    return hl_type_check(o) && HL_TYPE_HAS_FLAG((HLTypeObject *)o, HL_TPFLAGS_BASE_EXC_SUBCLASS);
}

HLObject *hl_exception_get_traceback(HLObject *exc) { return HL_EXC(exc)->traceback; }

void hl_exception_set_traceback(HLObject *exc, HLObject *tb)
{
    if (tb == HL_None)
        tb = NULL;
    hl_xincref(tb);
    HL_XSETREF(HL_EXC(exc)->traceback, tb);
}

void hl_exception_set_context(HLObject *exc, HLObject *context)
{
    HL_XSETREF(HL_EXC(exc)->context, context);
}

void hl_exception_set_cause(HLObject *exc, HLObject *cause)
{
    HL_EXC(exc)->suppress_context = 1;
    HL_XSETREF(HL_EXC(exc)->cause, cause);
}

HLObject *hl_exception_get_args(HLObject *exc) { return HL_EXC(exc)->args; }

HLObject *hl_exception_type_name(HLObject *exc)
{
    HLTypeObject *tp = HL_TYPE(exc);
    if (HL_TYPE_HAS_FLAG(tp, HL_TPFLAGS_HEAPTYPE)) {
        HLHeapTypeObject *ht = (HLHeapTypeObject *)tp;
        HLObject *mod = tp->tp_dict ? hl_dict_get_item_str(tp->tp_dict, "__module__") : NULL;
        if (mod && hl_str_check(mod) && !hl_str_eq_cstr(mod, "builtins") &&
            !hl_str_eq_cstr(mod, "__main__"))
            return hl_str_from_format("%U.%U", mod, ht->ht_qualname);
        return hl_newref(ht->ht_qualname);
    }
    return hl_str_from_cstr(tp->tp_name);
}

HLObject *hl_exception_format_line(HLObject *exc)
{
    HLObject *name = hl_exception_type_name(exc);
    if (name == NULL)
        return NULL;
    HLObject *msg = hl_object_str(exc);
    if (msg == NULL) {
        hl_err_clear();
        HLObject *res = hl_str_from_format("%U: <exception str() failed>", name);
        hl_decref(name);
        return res;
    }
    HLObject *res = HL_STR_LEN(msg) == 0 ? hl_newref(name)
                                          : hl_str_from_format("%U: %U", name, msg);
    hl_decref(name);
    hl_decref(msg);
    return res;
}

int hl_exceptions_init(void)
{
    /* Fill MemoryError's free list, so that MemoryError can be raised
     * without allocating. */
    for (int i = 0; i < MEMERRORS_SAVE; i++) {
        HLObject *e = BaseException_new(&hl_MemoryError_type, NULL, NULL);
        if (e == NULL)
            return -1;
        hl_decref(e);
    }
    return 0;
}
