/*
 * bltin_vm.c — the built-in functions and sys attributes that need the
 * interpreter: __build_class__ (the class statement), globals(), locals(),
 * __import__, exec(), eval(), compile(); sys.exc_info(), sys.exception(),
 * sys._getframe(), sys.displayhook and sys.excepthook.  hl_eval_init adds
 * them to the builtins and sys modules and connects the interpreter's
 * hooks (tracebacks, vars()/dir() without arguments, heap roots).
 *
 * __build_class__(func, name, *bases, metaclass=..., **kw) is CPython's:
 * the metaclass is the most derived of type(base) over the bases (or the
 * one given), its __prepare__ makes the namespace, the class body runs as
 * a function with that namespace as its locals, and the metaclass is
 * called with (name, bases, namespace).  A class body using super() or
 * __class__ returns the __class__ cell, which must end up holding the new
 * class.
 */
#include <string.h>

#include "../modules/getargs.h"
#include "../modules/modules.h"
#include "../objects/abstract.h"
#include "../objects/descrobject.h"
#include "../objects/dictobject.h"
#include "../objects/exceptions.h"
#include "../objects/frameobject.h"
#include "../objects/longobject.h"
#include "../objects/moduleobject.h"
#include "../objects/strobject.h"
#include "../objects/traceback.h"
#include "../objects/tupleobject.h"
#include "../objects/typeobject.h"
#include "../runtime/audit.h"
#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "../runtime/state.h"
#include "../runtime/strbuf.h"
#include "ceval_internal.h"
#include "pythonrun.h"
#include "sources.h"

#define FUNC(name) \
    static HLObject *name(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames)

HLTypeObject *hl_type_calculate_metaclass(HLTypeObject *metatype, HLObject *bases);

/* PyObject_VectorcallDict: positional arguments and a dict of keywords. */
static HLObject *hl_vectorcall_dict(HLObject *callable, HLObject *const *args, hl_ssize_t nargs, HLObject *kwdict)
{
    if (kwdict == NULL || hl_dict_size(kwdict) == 0)
        return hl_vectorcall(callable, args, (size_t)nargs, NULL);
    HLObject *t = hl_tuple_from_array(args, nargs);
    if (t == NULL)
        return NULL;
    HLObject *res = hl_call(callable, t, kwdict);
    hl_decref(t);
    return res;
}

/* ---- __build_class__ ------------------------------------------------------------ */

/* Bases that are not classes may supply __mro_entries__ (PEP 560). */
static HLObject *update_bases(HLObject *bases)
{
    for (hl_ssize_t i = 0; i < HL_SIZE(bases); i++) {
        HLObject *base = HL_TUPLE_GET(bases, i);
        if (hl_type_check(base))
            continue;
        HLObject *meth, *key = hl_str_intern_from_cstr("__mro_entries__");
        int r = key ? hl_object_lookup_attr(base, key, &meth) : -1;
        hl_xdecref(key);
        if (r < 0)
            return NULL;
        if (r == 0)
            continue;
        hl_decref(meth);
        hl_err_set_string(hl_exc_TypeError, "heaplab does not support __mro_entries__");
        return NULL;
    }
    return hl_newref(bases);
}

FUNC(builtin___build_class__)
{
    if (nargs < 2) {
        hl_err_set_string(hl_exc_TypeError, "__build_class__: not enough arguments");
        return NULL;
    }
    HLObject *func = args[0], *name = args[1];
    if (!hl_function_check(func)) {
        hl_err_set_string(hl_exc_TypeError, "__build_class__: func must be a function");
        return NULL;
    }
    if (!hl_str_check(name)) {
        hl_err_set_string(hl_exc_TypeError, "__build_class__: name is not a string");
        return NULL;
    }
    HLObject *cls = NULL, *cell = NULL, *ns = NULL, *meta = NULL, *mkw = NULL, *prep = NULL;
    int isclass = 0;
    HLObject *orig_bases = hl_tuple_from_array(args + 2, nargs - 2);
    if (orig_bases == NULL)
        return NULL;
    HLObject *bases = update_bases(orig_bases);
    if (bases == NULL) {
        hl_decref(orig_bases);
        return NULL;
    }
    if (kwnames != NULL) {
        mkw = hl_dict_new();
        if (mkw == NULL)
            goto error;
        for (hl_ssize_t i = 0; i < HL_SIZE(kwnames); i++)
            if (hl_dict_set_item(mkw, HL_TUPLE_GET(kwnames, i), args[nargs + i]) < 0)
                goto error;
        meta = hl_xnewref(hl_dict_get_item_str(mkw, "metaclass"));
        if (meta != NULL) {
            if (hl_dict_del_item_str(mkw, "metaclass") < 0)
                goto error;
            isclass = hl_type_check(meta);
        }
    }
    if (meta == NULL) {
        meta = HL_SIZE(bases) == 0 ? (HLObject *)&hl_type_type : (HLObject *)HL_TYPE(HL_TUPLE_GET(bases, 0));
        hl_incref(meta);
        isclass = 1;
    }
    if (isclass) {
        HLObject *winner = (HLObject *)hl_type_calculate_metaclass((HLTypeObject *)meta, bases);
        if (winner == NULL)
            goto error;
        if (winner != meta)
            HL_SETREF(meta, hl_newref(winner));
    }
    HLObject *prep_name = hl_str_intern_from_cstr("__prepare__");
    int has_prep = prep_name ? hl_object_lookup_attr(meta, prep_name, &prep) : -1;
    hl_xdecref(prep_name);
    if (has_prep < 0)
        goto error;
    if (has_prep == 0) {
        ns = hl_dict_new();
    } else {
        HLObject *pargs[2] = {name, bases};
        ns = hl_vectorcall_dict(prep, pargs, 2, mkw);
        hl_decref(prep);
    }
    if (ns == NULL)
        goto error;
    if (!hl_dict_check(ns) && HL_TYPE(ns)->tp_as_mapping == NULL) {
        hl_err_format(hl_exc_TypeError, "%.200s.__prepare__() must return a mapping, not %.200s",
                      isclass ? ((HLTypeObject *)meta)->tp_name : "<metaclass>", HL_TYPE(ns)->tp_name);
        goto error;
    }
    /* The class body: a function run with ns as its locals. */
    cell = hl_eval_vector((HLFunctionObject *)func, ns, NULL, 0, NULL);
    if (cell != NULL) {
        if (bases != orig_bases) {
            HLObject *key = hl_str_intern_from_cstr("__orig_bases__");
            int r = key ? hl_object_set_item(ns, key, orig_bases) : -1;
            hl_xdecref(key);
            if (r < 0)
                goto error;
        }
        HLObject *margs[3] = {name, bases, ns};
        cls = hl_vectorcall_dict(meta, margs, 3, mkw);
        if (cls != NULL && hl_type_check(cls) && hl_cell_check(cell)) {
            HLObject *cell_cls = ((HLCellObject *)cell)->ob_ref;
            if (cell_cls != cls) {
                if (cell_cls == NULL)
                    hl_err_format(hl_exc_RuntimeError,
                                  "__class__ not set defining %R as %R. Was __classcell__ propagated to type.__new__?",
                                  name, cls);
                else
                    hl_err_format(hl_exc_TypeError, "__class__ set to %R defining %R as %R", cell_cls, name, cls);
                HL_CLEAR(cls);
            }
        }
    }
error:
    hl_xdecref(cell);
    hl_xdecref(ns);
    hl_xdecref(meta);
    hl_xdecref(mkw);
    hl_decref(orig_bases);
    hl_decref(bases);
    return cls;
}

/* ---- namespaces ---------------------------------------------------------------- */

FUNC(builtin_globals)
{
    if (hl_arg_no_kwnames("globals", kwnames) < 0 || hl_arg_check_positional("globals", nargs, 0, 0) < 0)
        return NULL;
    HLObject *g = hl_eval_get_globals();
    return hl_newref(g ? g : HL_None);
}

FUNC(builtin_locals)
{
    if (hl_arg_no_kwnames("locals", kwnames) < 0 || hl_arg_check_positional("locals", nargs, 0, 0) < 0)
        return NULL;
    return hl_eval_get_locals();
}

static HLObject *import_function;

HLObject *hl_builtin_import_function(void) { return import_function; }

static const char *const import_names[] = {"name", "globals", "locals", "fromlist", "level", NULL};
static const hl_argspec import_spec = {"__import__", import_names, 0, 1, 5};

FUNC(builtin___import__)
{
    HLObject *a[5];
    if (hl_unpack_keywords(&import_spec, args, nargs, kwnames, a) < 0)
        return NULL;
    int level = 0;
    if (a[4] != NULL && hl_as_c_int(a[4], &level) < 0)
        return NULL;
    return hl_import_module_level(a[0], a[1], a[3], level);
}

/* ---- exec, eval, compile ---------------------------------------------------------- */

/* The source of exec/eval/compile as UTF-8 text. */
static const char *source_text(HLObject *cmd, const char *funcname, const char *what, hl_ssize_t *len)
{
    if (!hl_str_check(cmd)) {
        hl_err_format(hl_exc_TypeError, "%s() arg 1 must be a %s object", funcname, what);
        return NULL;
    }
    const char *s = hl_str_as_utf8(cmd, len);
    if (s != NULL && (hl_ssize_t)strlen(s) != *len) {
        hl_err_set_string(hl_exc_SyntaxError, "source code string cannot contain null bytes");
        return NULL;
    }
    return s;
}

/* globals/locals defaulting as exec() and eval() do. */
static int resolve_namespaces(const char *fname, HLObject **globals, HLObject **locals)
{
    if (*globals == HL_None || *globals == NULL) {
        *globals = hl_eval_get_globals();
        if (*locals == HL_None || *locals == NULL) {
            *locals = hl_eval_get_locals();
            if (*locals == NULL)
                return -1;
        } else {
            hl_incref(*locals);
        }
    } else {
        if (*locals == HL_None || *locals == NULL)
            *locals = *globals;
        hl_incref(*locals);
    }
    if (*globals == NULL) {
        hl_decref(*locals);
        hl_err_format(hl_exc_SystemError, "globals and locals cannot be NULL");
        return -1;
    }
    if (!hl_dict_check(*globals)) {
        hl_err_format(hl_exc_TypeError, "%s() globals must be a dict, not %.100s", fname, HL_TYPE(*globals)->tp_name);
        hl_decref(*locals);
        return -1;
    }
    if (hl_dict_get_item_str(*globals, "__builtins__") == NULL) {
        HLObject *b = hl_current_frame ? hl_current_frame->f_builtins : hl_builtins_dict();
        if (hl_err_occurred() || hl_dict_set_item_str(*globals, "__builtins__", b) < 0) {
            hl_decref(*locals);
            return -1;
        }
    }
    return 0;
}

static HLObject *exec_or_eval(const char *fname, int mode, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames)
{
    static const char *const names[] = {"source", "globals", "locals", NULL};
    hl_argspec spec = {fname, names, 3, 1, 3};
    HLObject *a[3];
    if (hl_unpack_keywords(&spec, args, nargs, kwnames, a) < 0)
        return NULL;
    HLObject *globals = a[1], *locals = a[2];
    if (locals != NULL && locals != HL_None && HL_TYPE(locals)->tp_as_mapping == NULL) {
        hl_err_format(hl_exc_TypeError, "locals must be a mapping");
        return NULL;
    }
    if (resolve_namespaces(fname, &globals, &locals) < 0)
        return NULL;
    HLObject *res;
    if (hl_code_check(a[0])) {
        res = hl_eval_code(a[0], globals, locals);
    } else {
        hl_ssize_t len;
        const char *s = source_text(a[0], fname, mode == HL_RUN_EVAL ? "string, bytes or code" : "string, bytes or code", &len);
        if (s == NULL) {
            hl_decref(locals);
            return NULL;
        }
        if (mode == HL_RUN_EVAL)
            while (len > 0 && (*s == ' ' || *s == '\t')) {
                s++;
                len--;
            }
        HLObject *filename = hl_str_from_cstr("<string>");
        res = filename ? hl_run_string(s, (size_t)len, filename, mode, globals, locals) : NULL;
        hl_xdecref(filename);
    }
    hl_decref(locals);
    if (res != NULL && mode == HL_RUN_EXEC)
        HL_SETREF(res, hl_newref(HL_None));
    return res;
}

FUNC(builtin_exec) { return exec_or_eval("exec", HL_RUN_EXEC, args, nargs, kwnames); }
FUNC(builtin_eval) { return exec_or_eval("eval", HL_RUN_EVAL, args, nargs, kwnames); }

FUNC(builtin_compile)
{
    static const char *const names[] = {"source", "filename", "mode", "flags", "dont_inherit", "optimize", NULL};
    static const hl_argspec spec = {"compile", names, 0, 3, 6};
    HLObject *a[6];
    if (hl_unpack_keywords(&spec, args, nargs, kwnames, a) < 0)
        return NULL;
    if (!hl_str_check(a[2])) {
        hl_err_format(hl_exc_TypeError, "compile() argument 'mode' must be str, not %.50s", HL_TYPE(a[2])->tp_name);
        return NULL;
    }
    int mode;
    if (hl_str_eq_cstr(a[2], "exec"))
        mode = HL_RUN_EXEC;
    else if (hl_str_eq_cstr(a[2], "eval"))
        mode = HL_RUN_EVAL;
    else if (hl_str_eq_cstr(a[2], "single"))
        mode = HL_RUN_SINGLE;
    else {
        hl_err_set_string(hl_exc_ValueError, "compile() mode must be 'exec', 'eval' or 'single'");
        return NULL;
    }
    int flags = 0;
    if (a[3] != NULL && hl_as_c_int(a[3], &flags) < 0)
        return NULL;
    if (flags != 0) {
        hl_err_set_string(hl_exc_ValueError, "heaplab's compile() supports no flags");
        return NULL;
    }
    if (!hl_str_check(a[1])) {
        hl_err_format(hl_exc_TypeError, "compile() argument 'filename' must be str, not %.50s", HL_TYPE(a[1])->tp_name);
        return NULL;
    }
    hl_ssize_t len;
    const char *s = source_text(a[0], "compile", "string, bytes or AST", &len);
    if (s == NULL)
        return NULL;
    return hl_compile_string(s, (size_t)len, a[1], mode);
}

static HLMethodDef vm_builtins[] = {
    {"__build_class__", (hl_cfunction)builtin___build_class__, HL_METH_FASTCALL | HL_METH_KEYWORDS, NULL},
    {"__import__", (hl_cfunction)builtin___import__, HL_METH_FASTCALL | HL_METH_KEYWORDS, NULL},
    {"compile", (hl_cfunction)builtin_compile, HL_METH_FASTCALL | HL_METH_KEYWORDS, NULL},
    {"eval", (hl_cfunction)builtin_eval, HL_METH_FASTCALL | HL_METH_KEYWORDS, NULL},
    {"exec", (hl_cfunction)builtin_exec, HL_METH_FASTCALL | HL_METH_KEYWORDS, NULL},
    {"globals", (hl_cfunction)builtin_globals, HL_METH_FASTCALL, NULL},
    {"locals", (hl_cfunction)builtin_locals, HL_METH_FASTCALL, NULL},
    {NULL}};

/* ---- sys --------------------------------------------------------------------------- */

FUNC(sys_exc_info)
{
    HLObject *exc = hl_err_handled();
    if (exc == NULL || exc == HL_None)
        return hl_tuple_pack(3, HL_None, HL_None, HL_None);
    HLObject *tb = hl_exception_get_traceback(exc);
    return hl_tuple_pack(3, (HLObject *)HL_TYPE(exc), exc, tb ? tb : HL_None);
}

FUNC(sys_exception)
{
    HLObject *exc = hl_err_handled();
    return hl_newref(exc ? exc : HL_None);
}

FUNC(sys__getframe)
{
    int depth = 0;
    if (hl_arg_check_positional("_getframe", nargs, 0, 1) < 0)
        return NULL;
    if (nargs == 1 && hl_as_c_int(args[0], &depth) < 0)
        return NULL;
    hl_frame *f = hl_current_frame;
    while (f && depth-- > 0)
        f = f->previous;
    if (f == NULL) {
        hl_err_set_string(hl_exc_ValueError, "call stack is not deep enough");
        return NULL;
    }
    return hl_xnewref(hl_frame_get_frame_object(f));
}

/* sys.displayhook: the repr of a non-None value on stdout, kept in
 * builtins._ */
FUNC(sys_displayhook)
{
    HLObject *o = args[0];
    if (o == HL_None)
        return hl_none_new();
    HLObject *builtins = hl_builtins_dict();
    if (builtins == NULL || hl_dict_set_item_str(builtins, "_", HL_None) < 0)
        return NULL;
    HLObject *r = hl_object_repr(o);
    if (r == NULL)
        return NULL;
    hl_ssize_t n;
    const char *s = hl_str_as_utf8(r, &n);
    if (s) {
        hl_write_stdout(s, (size_t)n);
        hl_write_stdout("\n", 1);
    }
    hl_decref(r);
    if (s == NULL || hl_dict_set_item_str(builtins, "_", o) < 0)
        return NULL;
    return hl_none_new();
}

FUNC(sys_excepthook)
{
    if (hl_arg_check_positional("excepthook", nargs, 3, 3) < 0)
        return NULL;
    if (!hl_exception_check(args[1])) {
        hl_err_format(hl_exc_TypeError, "TypeError: print_exception(): Exception expected for value, %s found",
                      HL_TYPE(args[1])->tp_name);
        return NULL;
    }
    hl_display_exception(args[1]);
    return hl_none_new();
}

static HLMethodDef vm_sys[] = {
    {"exc_info", (hl_cfunction)sys_exc_info, HL_METH_NOARGS, NULL},
    {"exception", (hl_cfunction)sys_exception, HL_METH_NOARGS, NULL},
    {"_getframe", (hl_cfunction)sys__getframe, HL_METH_FASTCALL, NULL},
    {"displayhook", (hl_cfunction)sys_displayhook, HL_METH_O, NULL},
    {"excepthook", (hl_cfunction)sys_excepthook, HL_METH_FASTCALL, NULL},
    {NULL}};

static HLObject *default_excepthook;

HLObject *hl_default_excepthook(void) { return default_excepthook; }

/* ---- __main__.__loader__ ------------------------------------------------------------ */

/* What `python3 FILE` puts in __main__.__loader__: only its repr and type
 * name matter here. */
static int loader_traverse(HLObject *op, hl_visitproc visit, void *arg) { return 0; }

static void loader_dealloc(HLObject *op)
{
    hl_gc_untrack(op);
    hl_gc_del(op);
}

static HLTypeObject source_loader_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "_frozen_importlib_external.SourceFileLoader",
    .tp_basicsize = sizeof(HLObject),
    .tp_dealloc = loader_dealloc,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = loader_traverse,
};

HLObject *hl_source_loader_new(void)
{
    HLObject *op = hl_gc_new(&source_loader_type);
    if (op != NULL)
        hl_gc_track(op);
    return op;
}

/* What `python3 -c` and `python3 -` put there instead: the class
 * BuiltinImporter itself (readied on first use, as only those need it). */
static HLTypeObject builtin_importer_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "_frozen_importlib.BuiltinImporter",
    .tp_basicsize = sizeof(HLObject),
    .tp_getattro = hl_object_generic_getattr,
};

HLObject *hl_builtin_importer(void)
{
    return hl_type_ready(&builtin_importer_type) < 0 ? NULL : (HLObject *)&builtin_importer_type;
}

/* ---- set-up -------------------------------------------------------------------------- */

static void frame_info(HLObject *frame, int lasti, hl_frame_info *out)
{
    if (!hl_frame_check(frame))
        return;
    hl_frame *f = ((HLFrameObject *)frame)->f_frame;
    HLCodeObject *co = f->f_code;
    out->filename = co->co_filename;
    out->name = co->co_name;
    /* For NameError's "Did you mean": the names the frame could see. */
    out->varnames = co->co_localsplusnames;
    out->globals = f->f_globals;
    out->builtins = f->f_builtins;
    if (lasti >= 0 && lasti < co->co_codelen) {
        hl_position *p = &co->co_positions[lasti];
        out->lineno = p->lineno;
        out->end_lineno = p->end_lineno;
        out->col_offset = p->col;
        out->end_col_offset = p->end_col;
    }
}

/* super() without arguments: the class from the __class__ cell and the
 * first argument of the running method (super_init_without_args). */
static int super_zero_arg(HLTypeObject **type, HLObject **obj)
{
    hl_frame *f = hl_current_frame;
    if (f == NULL) {
        hl_err_set_string(hl_exc_RuntimeError, "super(): no current frame");
        return -1;
    }
    HLCodeObject *co = f->f_code;
    if (co->co_argcount == 0) {
        hl_err_set_string(hl_exc_RuntimeError, "super(): no arguments");
        return -1;
    }
    HLObject *first = f->localsplus[0];
    /* The first argument may live in a cell (a closure uses it); before
     * MAKE_CELL runs it is still the plain value. */
    if (first != NULL && (co->co_localspluskinds[0] & CO_FAST_CELL) && hl_cell_check(first) && f->prev_instr >= 0)
        first = ((HLCellObject *)first)->ob_ref;
    if (first == NULL) {
        hl_err_set_string(hl_exc_RuntimeError, "super(): arg[0] deleted");
        return -1;
    }
    for (int i = co->co_nlocalsplus - co->co_nfreevars; i < co->co_nlocalsplus; i++) {
        if (!hl_str_eq_cstr(HL_TUPLE_GET(co->co_localsplusnames, i), "__class__"))
            continue;
        HLObject *cell = f->localsplus[i];
        HLObject *t = cell ? ((HLCellObject *)cell)->ob_ref : NULL;
        if (t == NULL) {
            hl_err_set_string(hl_exc_RuntimeError, "super(): empty __class__ cell");
            return -1;
        }
        if (!hl_type_check(t)) {
            hl_err_format(hl_exc_RuntimeError, "super(): __class__ is not a type (%s)", HL_TYPE(t)->tp_name);
            return -1;
        }
        *type = (HLTypeObject *)t;
        *obj = first;
        return 0;
    }
    hl_err_set_string(hl_exc_RuntimeError, "super(): __class__ cell not found");
    return -1;
}

static int eval_initialized;

int hl_eval_init(void)
{
    if (eval_initialized)
        return 0;
    hl_frame_info_hook = frame_info;
    hl_source_line_hook = hl_source_line;
    hl_builtins_locals_hook = hl_eval_get_locals;
    hl_super_zero_arg_hook = super_zero_arg;
    hl_register_root_visitor(hl_eval_visit_roots, "running frames");
    hl_register_root(&import_function, "builtins.__import__");
    hl_register_root(&default_excepthook, "sys.__excepthook__");
    if (hl_type_ready(&source_loader_type) < 0)
        return -1;
    HLObject *builtins = hl_builtins_module();
    if (builtins == NULL || hl_module_add_functions(builtins, vm_builtins) < 0 ||
        hl_module_add_object(builtins, "super", hl_newref(&hl_super_type)) < 0 ||
        hl_module_add_object(builtins, "property", hl_newref(&hl_property_type)) < 0 ||
        hl_module_add_object(builtins, "staticmethod", hl_newref(&hl_staticmethod_type)) < 0 ||
        hl_module_add_object(builtins, "classmethod", hl_newref(&hl_classmethod_type)) < 0)
        return -1;
    import_function = hl_xnewref(hl_dict_get_item_str(hl_module_get_dict(builtins), "__import__"));
    if (hl_dict_set_item_str(hl_sys_modules(), "builtins", builtins) < 0)
        return -1;
    HLObject *sys = hl_import_module("sys");
    if (sys == NULL)
        return -1;
    int err = hl_module_add_functions(sys, vm_sys);
    HLObject *sd = hl_module_get_dict(sys);
    if (!err) {
        default_excepthook = hl_xnewref(hl_dict_get_item_str(sd, "excepthook"));
        err = hl_dict_set_item_str(sd, "__excepthook__", default_excepthook) < 0 ||
              hl_dict_set_item_str(sd, "__displayhook__", hl_dict_get_item_str(sd, "displayhook")) < 0;
    }
    hl_decref(sys);
    if (err)
        return -1;
    if (hl_builtins_snapshot() < 0)
        return -1;
    eval_initialized = 1;
    return 0;
}
