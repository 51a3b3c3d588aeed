/*
 * sysmodule.c — the sys module: reference counts and object sizes as
 * CPython 3.11 reports them, the recursion limit, interning, and the
 * descriptions of the interpreter (version, version_info, implementation,
 * hash_info, int_info, float_info, maxsize, byteorder, platform).
 *
 *   getrefcount(x)  is METH_O: the argument is borrowed from the caller's
 *                   value stack, so the count it reports includes that
 *                   stack reference — one more than the references a
 *                   program "sees", exactly as in CPython.
 *   getsizeof(x)    looks up x.__sizeof__ on the type, calls it and adds
 *                   the pre-header the allocation carries (the GC head,
 *                   and the managed-dict words of class instances):
 *                   _PySys_GetSizeOf.  In 3.11 it is METH_VARARGS |
 *                   METH_KEYWORDS, so a call makes an argument tuple.
 *   _debugmallocstats()  writes pymalloc's table, a blank line, then the
 *                   free lists of dict, float, list and tuple, to stderr,
 *                   in CPython's layout.
 *
 * sys.argv is an empty list until the command line sets it
 * (hl_sys_set_argv).  sys.modules is one dict made on first use and kept
 * in a heap root for the life of the runtime (hl_sys_modules); the import
 * machinery fills it.
 * version_info and its siblings are "struct sequences": tuples whose items
 * are also named attributes, with CPython's repr (a small tuple subtype
 * per record, defined below).  stdout/stderr objects and exc_info() are
 * not here: output goes through hl_write_stdout/hl_write_stderr and the
 * VM owns the handled exception.
 */
#include "modules.h"

#include <float.h>
#include <stddef.h>
#include <string.h>

#include "../objects/abstract.h"
#include "../objects/dictobject.h"
#include "../objects/floatobject.h"
#include "../objects/listobject.h"
#include "../objects/longobject.h"
#include "../objects/moduleobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/audit.h"
#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "../runtime/obmalloc.h"
#include "../runtime/state.h"
#include "../runtime/strbuf.h"
#include "getargs.h"

#define HL_VERSION "3.11.7"
#define HL_HEXVERSION 0x030B07F0

#define FUNC(name) \
    static HLObject *name(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames)

/* ---- struct sequences ------------------------------------------------------------ */

/* A record type: a tuple subtype whose items are also attributes.  The
 * members read ob_item[i] directly (HL_T_OBJECT at the item's offset). */
#define ITEM_OFFSET(i) ((hl_ssize_t)(offsetof(HLTupleObject, ob_item) + (i) * sizeof(HLObject *)))

static HLObject *structseq_repr(HLObject *op)
{
    HLTypeObject *tp = HL_TYPE(op);
    hl_strwriter w;
    hl_strwriter_init(&w);
    w.overallocate = 1;
    if (hl_strwriter_write_ascii(&w, tp->tp_name, (hl_ssize_t)strlen(tp->tp_name)) < 0 ||
        hl_strwriter_put(&w, '(') < 0)
        goto error;
    for (hl_ssize_t i = 0; i < HL_SIZE(op); i++) {
        const char *name = tp->tp_members[i].name;
        if ((i > 0 && hl_strwriter_write_ascii(&w, ", ", 2) < 0) ||
            hl_strwriter_write_ascii(&w, name, (hl_ssize_t)strlen(name)) < 0 ||
            hl_strwriter_put(&w, '=') < 0)
            goto error;
        HLObject *r = hl_object_repr(HL_TUPLE_GET(op, i));
        if (r == NULL)
            goto error;
        int err = hl_strwriter_write_str(&w, r);
        hl_decref(r);
        if (err < 0)
            goto error;
    }
    if (hl_strwriter_put(&w, ')') < 0)
        goto error;
    return hl_strwriter_finish(&w);
error:
    hl_strwriter_dealloc(&w);
    return NULL;
}

static int structseq_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    for (hl_ssize_t i = HL_SIZE(op); --i >= 0;)
        HL_VISIT(HL_TUPLE_GET(op, i));
    return 0;
}

#define STRUCTSEQ_TYPE(cname, pyname, members)                                 \
    static HLTypeObject cname = {                                              \
        .ob_base = {{1, &hl_type_type}, 0},                                    \
        .tp_name = pyname,                                                     \
        .tp_basicsize = sizeof(HLTupleObject) - sizeof(HLObject *),            \
        .tp_itemsize = sizeof(HLObject *),                                     \
        .tp_repr = structseq_repr,                                             \
        .tp_flags = HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_TUPLE_SUBCLASS,            \
        .tp_traverse = structseq_traverse,                                     \
        .tp_members = members,                                                 \
        .tp_base = &hl_tuple_type,                                             \
        .tp_free = hl_gc_del,                                                  \
    }

#define M(name, i) {name, HL_T_OBJECT, ITEM_OFFSET(i), HL_READONLY}

static HLMemberDef version_info_members[] = {
    M("major", 0), M("minor", 1), M("micro", 2), M("releaselevel", 3), M("serial", 4), {NULL}};
static HLMemberDef hash_info_members[] = {
    M("width", 0), M("modulus", 1), M("inf", 2), M("nan", 3), M("imag", 4),
    M("algorithm", 5), M("hash_bits", 6), M("seed_bits", 7), M("cutoff", 8), {NULL}};
static HLMemberDef int_info_members[] = {
    M("bits_per_digit", 0), M("sizeof_digit", 1), M("default_max_str_digits", 2),
    M("str_digits_check_threshold", 3), {NULL}};
static HLMemberDef float_info_members[] = {
    M("max", 0), M("max_exp", 1), M("max_10_exp", 2), M("min", 3), M("min_exp", 4),
    M("min_10_exp", 5), M("dig", 6), M("mant_dig", 7), M("epsilon", 8), M("radix", 9),
    M("rounds", 10), {NULL}};
static HLMemberDef implementation_members[] = {
    M("name", 0), M("cache_tag", 1), M("version", 2), M("hexversion", 3), {NULL}};

STRUCTSEQ_TYPE(version_info_type, "sys.version_info", version_info_members);
STRUCTSEQ_TYPE(hash_info_type, "sys.hash_info", hash_info_members);
STRUCTSEQ_TYPE(int_info_type, "sys.int_info", int_info_members);
STRUCTSEQ_TYPE(float_info_type, "sys.float_info", float_info_members);
STRUCTSEQ_TYPE(implementation_type, "sys.implementation", implementation_members);

/* A record of type tp from n values (stolen; NULL entries mean failure). */
static HLObject *structseq_new(HLTypeObject *tp, HLObject **values, hl_ssize_t n)
{
    HLObject *res = NULL;
    for (hl_ssize_t i = 0; i < n; i++)
        if (values[i] == NULL)
            goto done;
    if (hl_type_ready(tp) < 0)
        goto done;
    res = (HLObject *)hl_gc_new_var(tp, n);
    if (res == NULL)
        goto done;
    for (hl_ssize_t i = 0; i < n; i++) {
        HL_TUPLE_SET(res, i, values[i]);
        values[i] = NULL;
    }
    hl_gc_track(res);
done:
    for (hl_ssize_t i = 0; i < n; i++)
        hl_xdecref(values[i]);
    return res;
}

static HLObject *make_version_info(void)
{
    HLObject *v[5] = {hl_long_from_long(3), hl_long_from_long(11), hl_long_from_long(7),
                      hl_str_from_cstr("final"), hl_long_from_long(0)};
    return structseq_new(&version_info_type, v, 5);
}

static HLObject *make_hash_info(void)
{
    /* The numeric hash of 32-bit CPython; str hashing is SipHash-1-3. */
    HLObject *v[9] = {hl_long_from_long(32), hl_long_from_long(2147483647), hl_long_from_long(314159),
                      hl_long_from_long(0), hl_long_from_long(1000003), hl_str_from_cstr("siphash13"),
                      hl_long_from_long(64), hl_long_from_long(128), hl_long_from_long(0)};
    return structseq_new(&hash_info_type, v, 9);
}

static HLObject *make_int_info(void)
{
    HLObject *v[4] = {hl_long_from_long(HL_LONG_SHIFT), hl_long_from_long((long)sizeof(hl_digit)),
                      hl_long_from_long(HL_LONG_DEFAULT_MAX_STR_DIGITS),
                      hl_long_from_long(HL_LONG_MAX_STR_DIGITS_THRESHOLD)};
    return structseq_new(&int_info_type, v, 4);
}

static HLObject *make_float_info(void)
{
    HLObject *v[11] = {hl_float_from_double(DBL_MAX), hl_long_from_long(DBL_MAX_EXP),
                       hl_long_from_long(DBL_MAX_10_EXP), hl_float_from_double(DBL_MIN),
                       hl_long_from_long(DBL_MIN_EXP), hl_long_from_long(DBL_MIN_10_EXP),
                       hl_long_from_long(DBL_DIG), hl_long_from_long(DBL_MANT_DIG),
                       hl_float_from_double(DBL_EPSILON), hl_long_from_long(FLT_RADIX),
                       hl_long_from_long(1)};
    return structseq_new(&float_info_type, v, 11);
}

static HLObject *make_implementation(HLObject *version_info)
{
    HLObject *v[4] = {hl_str_from_cstr("heaplab"), hl_none_new(), hl_newref(version_info),
                      hl_long_from_long(HL_HEXVERSION)};
    return structseq_new(&implementation_type, v, 4);
}

/* ---- sys.modules ---------------------------------------------------------------- */

static HLObject *sys_modules;

HLObject *hl_sys_modules(void)
{
    if (sys_modules == NULL) {
        static int registered;
        if (!registered) {
            hl_register_root(&sys_modules, "sys.modules");
            registered = 1;
        }
        sys_modules = hl_dict_new();
    }
    return sys_modules;
}

void hl_sys_modules_fini(void) { HL_CLEAR(sys_modules); }

/* sys.argv as the command line gives it (argv[0] is the script as typed,
 * '-c', '-' or ''), each argument decoded as os.fsdecode would: a list of
 * exactly argc items, as CPython builds it at start-up. */
int hl_sys_set_argv(int argc, const char *const *argv)
{
    HLObject *sys = hl_dict_get_item_str(hl_sys_modules(), "sys");
    if (sys == NULL || !hl_module_check(sys)) {
        hl_err_set_string(hl_exc_RuntimeError, "sys.argv: the sys module is not loaded");
        return -1;
    }
    HLObject *list = hl_list_new(argc);
    if (list == NULL)
        return -1;
    for (int i = 0; i < argc; i++) {
        HLObject *arg = hl_str_from_fs(argv[i]);
        if (arg == NULL) {
            hl_decref(list);
            return -1;
        }
        HL_LIST_SET(list, i, arg);
    }
    return hl_dict_set_item_str_steal(hl_module_get_dict(sys), "argv", list);
}

/* ---- functions -------------------------------------------------------------------- */

FUNC(sys_getrefcount) { return hl_long_from_ssize(HL_REFCNT(args[0])); }

/* _PySys_GetSizeOf: (size_t)-1 with an exception on error. */
static size_t get_sizeof(HLObject *o)
{
    if (!(HL_TYPE(o)->tp_flags & HL_TPFLAGS_READY) && hl_type_ready(HL_TYPE(o)) < 0)
        return (size_t)-1;
    HLObject *method = hl_lookup_special(o, "__sizeof__"), *res = NULL;
    if (method == NULL) {
        if (!hl_err_occurred())
            hl_err_format(hl_exc_TypeError, "Type %.100s doesn't define __sizeof__",
                          HL_TYPE(o)->tp_name);
    } else {
        res = hl_call_noargs(method);
        hl_decref(method);
    }
    if (res == NULL)
        return (size_t)-1;
    hl_ssize_t size = hl_long_as_ssize(res);
    hl_decref(res);
    if (size == -1 && hl_err_occurred())
        return (size_t)-1;
    if (size < 0) {
        hl_err_set_string(hl_exc_ValueError, "__sizeof__() should return >= 0");
        return (size_t)-1;
    }
    return (size_t)size + hl_type_preheader_size(HL_TYPE(o));
}

static const char *const getsizeof_names[] = {"object", "default", NULL};
static const hl_argspec getsizeof_spec = {"getsizeof", getsizeof_names, 0, 1, 2};

FUNC(sys_getsizeof)
{
    HLObject *a[2], *targs, *kwargs;
    /* METH_VARARGS | METH_KEYWORDS: the call's tuple and dict, as CPython. */
    if (hl_pack_varargs(args, nargs, kwnames, &targs, &kwargs) < 0)
        return NULL;
    HLObject *result = NULL;
    if (hl_unpack_keywords(&getsizeof_spec, args, nargs, kwnames, a) == 0) {
        size_t size = get_sizeof(a[0]);
        if (size != (size_t)-1)
            result = hl_long_from_size(size);
        else if (a[1] != NULL && hl_err_exception_matches(hl_exc_TypeError)) {
            hl_err_clear();
            result = hl_newref(a[1]);
        }
    }
    hl_decref(targs);
    hl_xdecref(kwargs);
    return result;
}

FUNC(sys_debugmallocstats)
{
    hl_strbuf out = HL_STRBUF_INIT;
    hl_obmalloc_debug_stats(&out);
    hl_sb_putc(&out, '\n');
    /* _PyObject_DebugTypeStats: the free lists, in CPython's order. */
    hl_dict_debug_stats(&out);
    hl_debug_allocator_stats(&out, "free PyFloatObject", hl_float_free_list_count(),
                             sizeof(HLFloatObject));
    hl_list_debug_stats(&out);
    hl_tuple_debug_stats(&out);
    if (out.len)
        hl_write_stderr(out.s, out.len);
    int failed = out.failed;
    hl_sb_free(&out);
    return failed ? hl_err_nomemory() : hl_none_new();
}

FUNC(sys_getrecursionlimit) { return hl_long_from_long(hl_ts.recursion_limit); }

FUNC(sys_setrecursionlimit)
{
    int new_limit;
    if (hl_as_c_int(args[0], &new_limit) < 0)
        return NULL;
    if (new_limit < 1) {
        hl_err_set_string(hl_exc_ValueError, "recursion limit must be greater or equal than 1");
        return NULL;
    }
    /* A limit at or below the current depth would fail at once. */
    int depth = hl_ts.recursion_depth;
    if (depth >= new_limit) {
        hl_err_format(hl_exc_RecursionError,
                      "cannot set the recursion limit to %d at the recursion depth %d: the limit is too low",
                      new_limit, depth);
        return NULL;
    }
    hl_ts.recursion_limit = new_limit;
    return hl_none_new();
}

FUNC(sys_intern)
{
    HLObject *s = args[0];
    if (!hl_str_check(s)) {
        hl_err_format(hl_exc_TypeError, "intern() argument must be str, not %.50s", HL_TYPE(s)->tp_name);
        return NULL;
    }
    if (!hl_str_check_exact(s)) {
        hl_err_format(hl_exc_TypeError, "can't intern %.400s", HL_TYPE(s)->tp_name);
        return NULL;
    }
    hl_incref(s);
    hl_str_intern_inplace(&s);
    return s;
}

FUNC(sys_getdefaultencoding) { return hl_str_from_cstr("utf-8"); }

FUNC(sys_get_int_max_str_digits) { return hl_long_from_long(hl_long_max_str_digits); }

static const char *const maxdigits_names[] = {"maxdigits", NULL};
static const hl_argspec maxdigits_spec = {"set_int_max_str_digits", maxdigits_names, 0, 1, 1};

FUNC(sys_set_int_max_str_digits)
{
    HLObject *a[1];
    int maxdigits;
    if (hl_unpack_keywords(&maxdigits_spec, args, nargs, kwnames, a) < 0 ||
        hl_as_c_int(a[0], &maxdigits) < 0)
        return NULL;
    if (maxdigits != 0 && maxdigits < HL_LONG_MAX_STR_DIGITS_THRESHOLD) {
        hl_err_format(hl_exc_ValueError, "maxdigits must be 0 or larger than %d",
                      HL_LONG_MAX_STR_DIGITS_THRESHOLD);
        return NULL;
    }
    hl_long_max_str_digits = maxdigits;
    return hl_none_new();
}

/* sys.exit([status]): raises SystemExit(status). */
FUNC(sys_exit)
{
    if (hl_arg_check_positional("exit", nargs, 0, 1) < 0)
        return NULL;
    hl_err_set_object(hl_exc_SystemExit, nargs ? args[0] : NULL);
    return NULL;
}

static HLMethodDef sys_methods[] = {
    {"_debugmallocstats", sys_debugmallocstats, HL_METH_NOARGS, NULL},
    {"exit", sys_exit, HL_METH_FASTCALL, NULL},
    {"getdefaultencoding", sys_getdefaultencoding, HL_METH_NOARGS, NULL},
    {"getrefcount", sys_getrefcount, HL_METH_O, NULL},
    {"getrecursionlimit", sys_getrecursionlimit, HL_METH_NOARGS, NULL},
    {"getsizeof", sys_getsizeof, HL_METH_VARARGS | HL_METH_KEYWORDS, NULL},
    {"intern", sys_intern, HL_METH_O, NULL},
    {"setrecursionlimit", sys_setrecursionlimit, HL_METH_O, NULL},
    {"get_int_max_str_digits", sys_get_int_max_str_digits, HL_METH_NOARGS, NULL},
    {"set_int_max_str_digits", sys_set_int_max_str_digits, HL_METH_FASTCALL | HL_METH_KEYWORDS, NULL},
    {NULL}};

HLObject *hl_module_init_sys(void)
{
    HLObject *modules = hl_sys_modules();
    if (modules == NULL)
        return NULL;
    HLObject *m = hl_module_new("sys");
    if (m == NULL)
        return NULL;
    if (hl_module_add_functions(m, sys_methods) < 0)
        goto error;
    HLObject *version_info = make_version_info();
    if (version_info == NULL)
        goto error;
    HLObject *implementation = make_implementation(version_info);
    if (hl_module_add_object(m, "version_info", version_info) < 0) {
        hl_xdecref(implementation);
        goto error;
    }
    if (hl_module_add_object(m, "implementation", implementation) < 0 ||
        hl_module_add_object(m, "version", hl_str_from_cstr(HL_VERSION " (heaplab) [CPython 3.11's memory "
                                                                       "management, 32-bit]")) < 0 ||
        hl_module_add_object(m, "hexversion", hl_long_from_long(HL_HEXVERSION)) < 0 ||
        hl_module_add_object(m, "hash_info", make_hash_info()) < 0 ||
        hl_module_add_object(m, "int_info", make_int_info()) < 0 ||
        hl_module_add_object(m, "float_info", make_float_info()) < 0 ||
        hl_module_add_object(m, "maxsize", hl_long_from_ssize(HL_SSIZE_T_MAX)) < 0 ||
        hl_module_add_object(m, "byteorder", hl_str_from_cstr("little")) < 0 ||
        hl_module_add_object(m, "platform", hl_str_from_cstr("heaplab")) < 0 ||
        hl_module_add_object(m, "modules", hl_newref(modules)) < 0 ||
        hl_module_add_object(m, "argv", hl_list_new(0)) < 0)
        goto error;
    return m;
error:
    hl_decref(m);
    return NULL;
}
