/*
 * bltinmodule.c — the builtins module: the built-in functions, the
 * built-in types and constants, and the exception classes.
 *
 * The module is made once, when the runtime starts (or on first use), and
 * kept for the life of the runtime in a root the heap audit knows: every
 * function's globals resolve names through its dict (hl_builtins_dict).
 * Once the interpreter has added its own names, hl_builtins_snapshot()
 * keeps a copy of the dict (CPython's interp->builtins_copy), which
 * shutdown puts back before its last collections.
 *
 * Each function follows CPython 3.11's Python/bltinmodule.c: the same
 * protocol calls in the same order, the same objects allocated, the same
 * messages.  The calling convention matters for the heap: functions that
 * are METH_VARARGS in 3.11 (min, max, dir, vars) get their positional
 * arguments packed into a tuple made for the call, as CPython's call does
 * (getargs.c), while the METH_O / METH_FASTCALL ones borrow the caller's
 * stack.  Notable details:
 *
 *   sum()     adds ints in a C long and floats in a C double as long as
 *             the items allow (plain summation, as 3.11 — no compensation),
 *             making a result object only at the end or when it must
 *             switch to the general path;
 *   sorted()  builds list(iterable), then calls its bound sort method
 *             with the keyword arguments (a bound-method object is made,
 *             as in CPython);
 *   print()   converts each argument with str() and writes the UTF-8 text
 *             to the program's stdout (hl_write_stdout), or calls
 *             file.write() for another file;
 *   dir(x)    with a __dir__ of x's class (a class statement's) calls it;
 *             otherwise it lists the instance dict (materialising it, as
 *             reading __dict__ does in 3.11) and the dicts of the class
 *             and its bases — or, for a module, its dict — sorted.
 *
 * globals(), locals(), vars() and dir() without arguments, super,
 * __build_class__, __import__, exec, eval, compile, input, open and the
 * method decorators belong to the interpreter (src/lang), which adds them
 * to this dict; vars() and dir() without arguments use the locals hook it
 * installs.
 */
#include "modules.h"

#include <limits.h>
#include <stdint.h>

#include "../objects/abstract.h"
#include "../objects/descrobject.h"
#include "../objects/dictobject.h"
#include "../objects/enumobject.h"
#include "../objects/floatobject.h"
#include "../objects/listobject.h"
#include "../objects/longobject.h"
#include "../objects/moduleobject.h"
#include "../objects/rangeobject.h"
#include "../objects/setobject.h"
#include "../objects/sliceobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/audit.h"
#include "../runtime/errors.h"
#include "../runtime/state.h"
#include "../runtime/strbuf.h"
#include "getargs.h"

HLObject *(*hl_builtins_locals_hook)(void);

#define FUNC(name) \
    static HLObject *name(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames)

/* _PyObject_LookupAttr: 1 and *result set if found, 0 if AttributeError
 * (cleared), -1 on another error. */
static int lookup_attr(HLObject *obj, HLObject *name, HLObject **result)
{
    return hl_object_lookup_attr(obj, name, result);
}

/* PyCallable_Check: tp_call, a vectorcall slot, or a type. */
static int callable_check(HLObject *o)
{
    HLTypeObject *tp = HL_TYPE(o);
    return tp->tp_call != NULL ||
           (HL_TYPE_HAS_FLAG(tp, HL_TPFLAGS_HAVE_VECTORCALL) && tp->tp_vectorcall_offset > 0) ||
           hl_type_check(o);
}

/* ---- one-argument functions ------------------------------------------------ */

FUNC(builtin_abs) { return hl_number_absolute(args[0]); }
FUNC(builtin_ascii) { return hl_object_ascii(args[0]); }
FUNC(builtin_repr) { return hl_object_repr(args[0]); }
FUNC(builtin_callable) { return hl_bool_from_long(callable_check(args[0])); }

/* PyNumber_ToBase */
static HLObject *to_base(HLObject *n, int base)
{
    HLObject *index = hl_number_index(n);
    if (index == NULL)
        return NULL;
    HLObject *res = hl_long_format(index, base);
    hl_decref(index);
    return res;
}
FUNC(builtin_bin) { return to_base(args[0], 2); }
FUNC(builtin_oct) { return to_base(args[0], 8); }
FUNC(builtin_hex) { return to_base(args[0], 16); }

/* id(x): the address, as an unsigned number (PyLong_FromVoidPtr). */
FUNC(builtin_id) { return hl_long_from_size((size_t)(uintptr_t)args[0]); }

FUNC(builtin_hash)
{
    hl_hash_t x = hl_object_hash(args[0]);
    return x == -1 ? NULL : hl_long_from_ssize(x);
}

FUNC(builtin_len)
{
    hl_ssize_t res = hl_object_size(args[0]);
    return res < 0 ? NULL : hl_long_from_ssize(res);
}

FUNC(builtin_chr)
{
    int i;
    if (hl_as_c_int(args[0], &i) < 0)
        return NULL;
    if (i < 0 || i > 0x10FFFF) {
        hl_err_set_string(hl_exc_ValueError, "chr() arg not in range(0x110000)");
        return NULL;
    }
    return hl_str_from_char((uint32_t)i);
}

FUNC(builtin_ord)
{
    HLObject *c = args[0];
    if (!hl_str_check(c)) {
        hl_err_format(hl_exc_TypeError, "ord() expected string of length 1, but %.200s found",
                      HL_TYPE(c)->tp_name);
        return NULL;
    }
    if (HL_STR_LEN(c) != 1) {
        hl_err_format(hl_exc_TypeError, "ord() expected a character, but string of length %zd found",
                      (ssize_t)HL_STR_LEN(c));
        return NULL;
    }
    return hl_long_from_long((long)hl_str_read_char(c, 0));
}

/* all() / any(): the first item whose truth is `stop` decides. */
static HLObject *all_any(HLObject *iterable, int stop)
{
    HLObject *it = hl_object_get_iter(iterable);
    if (it == NULL)
        return NULL;
    hl_iternextfunc iternext = HL_TYPE(it)->tp_iternext;
    for (;;) {
        HLObject *item = iternext(it);
        if (item == NULL)
            break;
        int cmp = hl_object_is_true(item);
        hl_decref(item);
        if (cmp < 0) {
            hl_decref(it);
            return NULL;
        }
        if (cmp == stop) {
            hl_decref(it);
            return hl_bool_from_long(stop);
        }
    }
    hl_decref(it);
    if (hl_err_occurred()) {
        if (!hl_err_exception_matches(hl_exc_StopIteration))
            return NULL;
        hl_err_clear();
    }
    return hl_bool_from_long(!stop);
}
FUNC(builtin_all) { return all_any(args[0], 0); }
FUNC(builtin_any) { return all_any(args[0], 1); }

/* ---- attributes --------------------------------------------------------------- */

FUNC(builtin_getattr)
{
    if (hl_arg_check_positional("getattr", nargs, 2, 3) < 0)
        return NULL;
    if (nargs > 2) {
        HLObject *result;
        int r = lookup_attr(args[0], args[1], &result);
        if (r == 0)
            return hl_newref(args[2]);
        return r < 0 ? NULL : result;
    }
    return hl_object_getattr(args[0], args[1]);
}

FUNC(builtin_hasattr)
{
    if (hl_arg_check_positional("hasattr", nargs, 2, 2) < 0)
        return NULL;
    HLObject *v;
    int r = lookup_attr(args[0], args[1], &v);
    if (r < 0)
        return NULL;
    hl_xdecref(v);
    return hl_bool_from_long(r);
}

FUNC(builtin_setattr)
{
    if (hl_arg_check_positional("setattr", nargs, 3, 3) < 0)
        return NULL;
    return hl_object_setattr(args[0], args[1], args[2]) < 0 ? NULL : hl_none_new();
}

FUNC(builtin_delattr)
{
    if (hl_arg_check_positional("delattr", nargs, 2, 2) < 0)
        return NULL;
    return hl_object_setattr(args[0], args[1], NULL) < 0 ? NULL : hl_none_new();
}

/* The instance dict as obj.__dict__ gives it: an instance's (made now
 * if it has none yet), a module's; NULL without error if there is none. */
static HLObject *instance_dict(HLObject *obj)
{
    HLTypeObject *tp = HL_TYPE(obj);
    if (HL_TYPE_HAS_FLAG(tp, HL_TPFLAGS_MANAGED_DICT))
        return hl_object_get_instance_dict(obj);
    if (tp->tp_dictoffset > 0) {
        HLObject **dictptr = (HLObject **)((char *)obj + tp->tp_dictoffset);
        if (*dictptr == NULL && !hl_type_check(obj) && (*dictptr = hl_dict_new()) == NULL)
            return NULL;
        return hl_xnewref(*dictptr);
    }
    return NULL;
}

static HLObject *locals_or_error(const char *fname)
{
    if (hl_builtins_locals_hook == NULL) {
        hl_err_format(hl_exc_SystemError, "%s() without arguments needs a running frame", fname);
        return NULL;
    }
    return hl_builtins_locals_hook();
}

static HLObject *vars_impl(HLObject *self, HLObject *targs)
{
    if (hl_arg_check_positional("vars", HL_SIZE(targs), 0, 1) < 0)
        return NULL;
    if (HL_SIZE(targs) == 0)
        return locals_or_error("vars");
    HLObject *v = HL_TUPLE_GET(targs, 0), *d;
    HLObject *name = hl_str_intern_from_cstr("__dict__");
    if (name == NULL)
        return NULL;
    int r = lookup_attr(v, name, &d);
    hl_decref(name);
    if (r < 0)
        return NULL;
    if (r == 0) {
        /* No __dict__ attribute in heaplab's type: read the storage. */
        d = hl_type_check(v) ? NULL : instance_dict(v);
        if (d == NULL && !hl_err_occurred())
            hl_err_set_string(hl_exc_TypeError, "vars() argument must have __dict__ attribute");
    }
    return d;
}

/* Adds the keys of the dicts of aclass and of its bases to dict
 * (merge_class_dict). */
static int merge_class_dict(HLObject *dict, HLTypeObject *aclass)
{
    HLObject *mro = aclass->tp_mro;
    if (aclass->tp_dict == NULL && hl_type_ready(aclass) < 0)
        return -1;
    if (mro == NULL)
        return aclass->tp_dict ? hl_dict_update(dict, aclass->tp_dict) : 0;
    for (hl_ssize_t i = 0; i < HL_SIZE(mro); i++) {
        HLTypeObject *base = (HLTypeObject *)HL_TUPLE_GET(mro, i);
        if (base->tp_dict && hl_dict_update(dict, base->tp_dict) < 0)
            return -1;
    }
    return 0;
}

/* PyObject_Dir(obj) */
static HLObject *dir_object(HLObject *obj)
{
    HLObject *result = NULL;
    HLObject *dirfunc = hl_lookup_special(obj, "__dir__");
    if (dirfunc != NULL) {
        result = hl_call_noargs(dirfunc);
        hl_decref(dirfunc);
    } else if (hl_err_occurred()) {
        return NULL;
    } else if (hl_module_check(obj)) {
        HLObject *d = hl_module_get_dict(obj);
        if (d == NULL || !hl_dict_check(d)) {
            hl_err_set_string(hl_exc_TypeError, "<module>.__dict__ is not a dictionary");
            return NULL;
        }
        result = hl_dict_keys(d);
    } else {
        /* object.__dir__ / type.__dir__: own dict, then the classes'. */
        HLObject *dict = NULL;
        if (!hl_type_check(obj)) {
            HLObject *own = instance_dict(obj);
            if (own == NULL && hl_err_occurred())
                return NULL;
            dict = own && hl_dict_check(own) ? hl_dict_copy(own) : hl_dict_new();
            hl_xdecref(own);
        } else {
            dict = hl_dict_new();
        }
        if (dict == NULL)
            return NULL;
        HLTypeObject *cls = hl_type_check(obj) ? (HLTypeObject *)obj : HL_TYPE(obj);
        if (merge_class_dict(dict, cls) == 0)
            result = hl_dict_keys(dict);
        hl_decref(dict);
    }
    if (result == NULL)
        return NULL;
    HLObject *sorted = hl_sequence_list(result);
    hl_decref(result);
    if (sorted != NULL && hl_list_sort(sorted) < 0)
        HL_CLEAR(sorted);
    return sorted;
}

static HLObject *dir_impl(HLObject *self, HLObject *targs)
{
    if (hl_arg_check_positional("dir", HL_SIZE(targs), 0, 1) < 0)
        return NULL;
    if (HL_SIZE(targs) == 1)
        return dir_object(HL_TUPLE_GET(targs, 0));
    HLObject *locals = locals_or_error("dir");
    if (locals == NULL)
        return NULL;
    HLObject *names = hl_dict_check(locals) ? hl_dict_keys(locals) : hl_sequence_list(locals);
    hl_decref(locals);
    if (names != NULL && hl_list_sort(names) < 0)
        HL_CLEAR(names);
    return names;
}

/* METH_VARARGS: the positional arguments arrive as a tuple made for the
 * call (keywords were refused by the caller). */
static HLObject *call_varargs(HLObject *(*impl)(HLObject *, HLObject *), HLObject *self,
                              HLObject *const *args, hl_ssize_t nargs)
{
    HLObject *targs = hl_tuple_from_array(args, nargs);
    if (targs == NULL)
        return NULL;
    HLObject *res = impl(self, targs);
    hl_decref(targs);
    return res;
}
FUNC(builtin_vars) { return call_varargs(vars_impl, self, args, nargs); }
FUNC(builtin_dir) { return call_varargs(dir_impl, self, args, nargs); }

/* ---- isinstance / issubclass ------------------------------------------------- */

static int object_isinstance(HLObject *inst, HLObject *cls)
{
    if (hl_type_check(cls))
        return hl_object_type_check(inst, (HLTypeObject *)cls);
    hl_err_set_string(hl_exc_TypeError,
                      "isinstance() arg 2 must be a type, a tuple of types, or a union");
    return -1;
}

/* object_recursive_isinstance */
int hl_object_is_instance(HLObject *inst, HLObject *cls)
{
    if (HL_IS_TYPE(inst, (HLTypeObject *)cls))
        return 1;
    if (HL_IS_TYPE(cls, &hl_type_type))
        return object_isinstance(inst, cls);
    if (hl_tuple_check(cls)) {
        if (hl_enter_recursive_call(" in __instancecheck__"))
            return -1;
        int r = 0;
        for (hl_ssize_t i = 0; i < HL_SIZE(cls) && r == 0; i++)
            r = hl_object_is_instance(inst, HL_TUPLE_GET(cls, i));
        hl_leave_recursive_call();
        return r;
    }
    HLObject *checker = hl_lookup_special(cls, "__instancecheck__");
    if (checker != NULL) {
        if (hl_enter_recursive_call(" in __instancecheck__")) {
            hl_decref(checker);
            return -1;
        }
        HLObject *res = hl_call_one(checker, inst);
        hl_leave_recursive_call();
        hl_decref(checker);
        if (res == NULL)
            return -1;
        int ok = hl_object_is_true(res);
        hl_decref(res);
        return ok;
    }
    if (hl_err_occurred())
        return -1;
    return object_isinstance(inst, cls);
}

static int issubclass_plain(HLObject *derived, HLObject *cls)
{
    if (hl_type_check(cls) && hl_type_check(derived))
        return hl_type_is_subtype((HLTypeObject *)derived, (HLTypeObject *)cls);
    if (!hl_type_check(derived)) {
        hl_err_set_string(hl_exc_TypeError, "issubclass() arg 1 must be a class");
        return -1;
    }
    hl_err_set_string(hl_exc_TypeError,
                      "issubclass() arg 2 must be a class, a tuple of classes, or a union");
    return -1;
}

/* object_issubclass */
int hl_object_is_subclass(HLObject *derived, HLObject *cls)
{
    if (HL_IS_TYPE(cls, &hl_type_type)) {
        if (derived == cls)
            return 1;
        return issubclass_plain(derived, cls);
    }
    if (hl_tuple_check(cls)) {
        if (hl_enter_recursive_call(" in __subclasscheck__"))
            return -1;
        int r = 0;
        for (hl_ssize_t i = 0; i < HL_SIZE(cls) && r == 0; i++)
            r = hl_object_is_subclass(derived, HL_TUPLE_GET(cls, i));
        hl_leave_recursive_call();
        return r;
    }
    HLObject *checker = hl_lookup_special(cls, "__subclasscheck__");
    if (checker != NULL) {
        HLObject *res = hl_call_one(checker, derived);
        hl_decref(checker);
        if (res == NULL)
            return -1;
        int ok = hl_object_is_true(res);
        hl_decref(res);
        return ok;
    }
    if (hl_err_occurred())
        return -1;
    return issubclass_plain(derived, cls);
}

FUNC(builtin_isinstance)
{
    if (hl_arg_check_positional("isinstance", nargs, 2, 2) < 0)
        return NULL;
    int r = hl_object_is_instance(args[0], args[1]);
    return r < 0 ? NULL : hl_bool_from_long(r);
}

FUNC(builtin_issubclass)
{
    if (hl_arg_check_positional("issubclass", nargs, 2, 2) < 0)
        return NULL;
    int r = hl_object_is_subclass(args[0], args[1]);
    return r < 0 ? NULL : hl_bool_from_long(r);
}

/* ---- numbers ---------------------------------------------------------------------- */

FUNC(builtin_divmod)
{
    if (hl_arg_check_positional("divmod", nargs, 2, 2) < 0)
        return NULL;
    return hl_number_divmod(args[0], args[1]);
}

static const char *const pow_names[] = {"base", "exp", "mod", NULL};
static const hl_argspec pow_spec = {"pow", pow_names, 0, 2, 3};

FUNC(builtin_pow)
{
    HLObject *a[3];
    if (hl_unpack_keywords(&pow_spec, args, nargs, kwnames, a) < 0)
        return NULL;
    return hl_number_power(a[0], a[1], a[2] ? a[2] : HL_None);
}

static const char *const round_names[] = {"number", "ndigits", NULL};
static const hl_argspec round_spec = {"round", round_names, 0, 1, 2};

FUNC(builtin_round)
{
    HLObject *a[2];
    if (hl_unpack_keywords(&round_spec, args, nargs, kwnames, a) < 0)
        return NULL;
    HLObject *number = a[0], *ndigits = a[1] ? a[1] : HL_None;
    if (!(HL_TYPE(number)->tp_flags & HL_TPFLAGS_READY) && hl_type_ready(HL_TYPE(number)) < 0)
        return NULL;
    HLObject *round = hl_lookup_special(number, "__round__");
    if (round == NULL) {
        if (!hl_err_occurred())
            hl_err_format(hl_exc_TypeError, "type %.100s doesn't define __round__ method",
                          HL_TYPE(number)->tp_name);
        return NULL;
    }
    HLObject *result = ndigits == HL_None ? hl_call_noargs(round) : hl_call_one(round, ndigits);
    hl_decref(round);
    return result;
}

static const char *const sum_names[] = {"iterable", "start", NULL};
static const hl_argspec sum_spec = {"sum", sum_names, 1, 1, 2};

/* Continues a sum in the general way: result + item (both stolen). */
static HLObject *add_steal(HLObject *result, HLObject *item)
{
    HLObject *temp = result && item ? hl_number_add(result, item) : NULL;
    hl_xdecref(result);
    hl_xdecref(item);
    return temp;
}

FUNC(builtin_sum)
{
    HLObject *a[2];
    if (hl_unpack_keywords(&sum_spec, args, nargs, kwnames, a) < 0)
        return NULL;
    HLObject *iter = hl_object_get_iter(a[0]);
    if (iter == NULL)
        return NULL;
    HLObject *result = a[1], *item;
    if (result == NULL) {
        result = hl_long_from_long(0);
    } else {
        if (hl_str_check(result)) {
            hl_err_set_string(hl_exc_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
            hl_decref(iter);
            return NULL;
        }
        hl_incref(result);
    }
    /* Ints in a C long while they fit (3.11's fast path). */
    if (hl_long_check_exact(result)) {
        int overflow;
        long i_result = hl_long_as_long_and_overflow(result, &overflow);
        if (overflow == 0)
            HL_CLEAR(result);
        while (result == NULL) {
            item = hl_iter_next(iter);
            if (item == NULL) {
                hl_decref(iter);
                return hl_err_occurred() ? NULL : hl_long_from_long(i_result);
            }
            if (hl_long_check_exact(item) || hl_bool_check(item)) {
                long b;
                overflow = 0;
                b = hl_long_as_long_and_overflow(item, &overflow);
                if (overflow == 0 &&
                    (i_result >= 0 ? (b <= LONG_MAX - i_result) : (b >= LONG_MIN - i_result))) {
                    i_result += b;
                    hl_decref(item);
                    continue;
                }
            }
            result = add_steal(hl_long_from_long(i_result), item);
            if (result == NULL) {
                hl_decref(iter);
                return NULL;
            }
        }
    }
    /* Floats in a C double. */
    if (hl_float_check_exact(result)) {
        double f_result = HL_FLOAT_AS_DOUBLE(result);
        HL_CLEAR(result);
        while (result == NULL) {
            item = hl_iter_next(iter);
            if (item == NULL) {
                hl_decref(iter);
                return hl_err_occurred() ? NULL : hl_float_from_double(f_result);
            }
            if (hl_float_check_exact(item)) {
                f_result += HL_FLOAT_AS_DOUBLE(item);
                hl_decref(item);
                continue;
            }
            if (hl_long_check(item)) {
                int overflow;
                long value = hl_long_as_long_and_overflow(item, &overflow);
                if (!overflow) {
                    f_result += (double)value;
                    hl_decref(item);
                    continue;
                }
            }
            result = add_steal(hl_float_from_double(f_result), item);
            if (result == NULL) {
                hl_decref(iter);
                return NULL;
            }
        }
    }
    for (;;) {
        item = hl_iter_next(iter);
        if (item == NULL) {
            if (hl_err_occurred())
                HL_CLEAR(result);
            break;
        }
        result = add_steal(result, item);
        if (result == NULL)
            break;
    }
    hl_decref(iter);
    return result;
}

/* ---- min / max ------------------------------------------------------------------- */

static HLObject *min_max(HLObject *targs, HLObject *kwds, int op)
{
    const char *name = op == HL_LT ? "min" : "max";
    int positional = HL_SIZE(targs) > 1;
    HLObject *v, *keyfunc = NULL, *defaultval = NULL;
    if (positional) {
        v = targs;
    } else if (HL_SIZE(targs) == 1) {
        v = HL_TUPLE_GET(targs, 0);
    } else {
        hl_err_format(hl_exc_TypeError, "%s expected at least 1 argument, got 0", name);
        return NULL;
    }
    hl_ssize_t pos = 0;
    HLObject *k, *val;
    while (kwds && hl_dict_next(kwds, &pos, &k, &val)) {
        if (hl_str_eq_cstr(k, "key"))
            keyfunc = val;
        else if (hl_str_eq_cstr(k, "default"))
            defaultval = val;
        else {
            hl_err_format(hl_exc_TypeError, "'%U' is an invalid keyword argument for %s()", k, name);
            return NULL;
        }
    }
    if (positional && defaultval != NULL) {
        hl_err_format(hl_exc_TypeError,
                      "Cannot specify a default for %s() with multiple positional arguments", name);
        return NULL;
    }
    HLObject *it = hl_object_get_iter(v);
    if (it == NULL)
        return NULL;
    if (keyfunc == HL_None)
        keyfunc = NULL;
    HLObject *maxitem = NULL, *maxval = NULL, *item;
    while ((item = hl_iter_next(it)) != NULL) {
        if (keyfunc != NULL) {
            val = hl_call_one(keyfunc, item);
            if (val == NULL) {
                hl_decref(item);
                goto fail;
            }
        } else {
            val = hl_newref(item);
        }
        if (maxval == NULL) {
            maxitem = item;
            maxval = val;
            continue;
        }
        int cmp = hl_object_richcompare_bool(val, maxval, op);
        if (cmp < 0) {
            hl_decref(val);
            hl_decref(item);
            goto fail;
        }
        if (cmp > 0) {
            hl_decref(maxval);
            hl_decref(maxitem);
            maxval = val;
            maxitem = item;
        } else {
            hl_decref(item);
            hl_decref(val);
        }
    }
    if (hl_err_occurred())
        goto fail;
    if (maxval == NULL) {
        if (defaultval != NULL)
            maxitem = hl_newref(defaultval);
        else
            hl_err_format(hl_exc_ValueError, "%s() arg is an empty sequence", name);
    } else {
        hl_decref(maxval);
    }
    hl_decref(it);
    return maxitem;
fail:
    hl_xdecref(maxval);
    hl_xdecref(maxitem);
    hl_decref(it);
    return NULL;
}

static HLObject *min_max_call(HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames, int op)
{
    HLObject *targs, *kwds;
    if (hl_pack_varargs(args, nargs, kwnames, &targs, &kwds) < 0)
        return NULL;
    HLObject *res = min_max(targs, kwds, op);
    hl_decref(targs);
    hl_xdecref(kwds);
    return res;
}
FUNC(builtin_min) { return min_max_call(args, nargs, kwnames, HL_LT); }
FUNC(builtin_max) { return min_max_call(args, nargs, kwnames, HL_GT); }

/* ---- iteration -------------------------------------------------------------------- */

FUNC(builtin_iter)
{
    if (hl_arg_check_positional("iter", nargs, 1, 2) < 0)
        return NULL;
    if (nargs == 1)
        return hl_object_get_iter(args[0]);
    if (!callable_check(args[0])) {
        hl_err_set_string(hl_exc_TypeError, "iter(v, w): v must be callable");
        return NULL;
    }
    return hl_calliter_new(args[0], args[1]);
}

FUNC(builtin_next)
{
    if (hl_arg_check_positional("next", nargs, 1, 2) < 0)
        return NULL;
    HLObject *it = args[0];
    if (HL_TYPE(it)->tp_iternext == NULL) {
        hl_err_format(hl_exc_TypeError, "'%.200s' object is not an iterator", HL_TYPE(it)->tp_name);
        return NULL;
    }
    HLObject *res = HL_TYPE(it)->tp_iternext(it);
    if (res != NULL)
        return res;
    if (nargs > 1) {
        if (hl_err_occurred()) {
            if (!hl_err_exception_matches(hl_exc_StopIteration))
                return NULL;
            hl_err_clear();
        }
        return hl_newref(args[1]);
    }
    if (!hl_err_occurred())
        hl_err_set_none(hl_exc_StopIteration);
    return NULL;
}

/* sorted(iterable, /, *, key=None, reverse=False): list(iterable), then
 * its sort method with the keywords (list.sort checks them). */
FUNC(builtin_sorted)
{
    if (hl_arg_check_positional("sorted", nargs, 1, 1) < 0)
        return NULL;
    HLObject *newlist = hl_sequence_list(args[0]);
    if (newlist == NULL)
        return NULL;
    HLObject *callable = hl_object_getattr_str(newlist, "sort");
    if (callable == NULL) {
        hl_decref(newlist);
        return NULL;
    }
    HLObject *v = hl_vectorcall(callable, args + 1, (size_t)(nargs - 1), kwnames);
    hl_decref(callable);
    if (v == NULL) {
        hl_decref(newlist);
        return NULL;
    }
    hl_decref(v);
    return newlist;
}

/* ---- formatting and output ----------------------------------------------------------- */

FUNC(builtin_format)
{
    if (hl_arg_check_positional("format", nargs, 1, 2) < 0)
        return NULL;
    HLObject *spec = NULL;
    if (nargs > 1) {
        spec = args[1];
        if (!hl_str_check(spec)) {
            hl_err_format(hl_exc_TypeError, "format() argument 2 must be str, not %.50s",
                          HL_TYPE(spec)->tp_name);
            return NULL;
        }
    }
    return hl_object_format(args[0], spec);
}

static const char *const print_names[] = {"sep", "end", "file", "flush", NULL};
static const hl_argspec print_spec = {"print", print_names, 0, 0, 0};

/* PyFile_WriteObject(v, file, Py_PRINT_RAW): file.write(str(v)). */
static int file_write(HLObject *file, HLObject *v)
{
    HLObject *writer = hl_object_getattr_str(file, "write");
    if (writer == NULL)
        return -1;
    HLObject *value = hl_object_str(v);
    HLObject *result = value ? hl_call_one(writer, value) : NULL;
    hl_xdecref(value);
    hl_decref(writer);
    hl_xdecref(result);
    return result ? 0 : -1;
}

static int file_write_cstr(HLObject *file, const char *s)
{
    HLObject *v = hl_str_from_cstr(s);
    if (v == NULL)
        return -1;
    int r = file_write(file, v);
    hl_decref(v);
    return r;
}

/* Appends str(v) as UTF-8 to the output text. */
static int stdout_write(hl_strbuf *out, HLObject *v)
{
    HLObject *s = hl_object_str(v);
    if (s == NULL)
        return -1;
    int r = hl_str_write_utf8_strict(out, s);
    hl_decref(s);
    return r;
}

FUNC(builtin_print)
{
    HLObject *kw[4] = {NULL, NULL, NULL, NULL};
    if (kwnames != NULL && hl_unpack_keywords(&print_spec, args + nargs, 0, kwnames, kw) < 0)
        return NULL;
    HLObject *sep = kw[0], *end = kw[1], *file = kw[2];
    int flush = 0;
    if (kw[3] != NULL && (flush = hl_object_is_true(kw[3])) < 0)
        return NULL;
    if (file == HL_None)
        file = NULL;
    if (sep == HL_None) {
        sep = NULL;
    } else if (sep && !hl_str_check(sep)) {
        hl_err_format(hl_exc_TypeError, "sep must be None or a string, not %.200s", HL_TYPE(sep)->tp_name);
        return NULL;
    }
    if (end == HL_None) {
        end = NULL;
    } else if (end && !hl_str_check(end)) {
        hl_err_format(hl_exc_TypeError, "end must be None or a string, not %.200s", HL_TYPE(end)->tp_name);
        return NULL;
    }
    if (file != NULL) {
        for (hl_ssize_t i = 0; i < nargs; i++) {
            if (i > 0 && (sep ? file_write(file, sep) : file_write_cstr(file, " ")) < 0)
                return NULL;
            if (file_write(file, args[i]) < 0)
                return NULL;
        }
        if ((end ? file_write(file, end) : file_write_cstr(file, "\n")) < 0)
            return NULL;
        if (flush) {
            HLObject *tmp = hl_call_method_noargs(file, "flush");
            if (tmp == NULL)
                return NULL;
            hl_decref(tmp);
        }
        return hl_none_new();
    }
    /* sys.stdout: the text goes out in one write, including what was
     * converted before an error (CPython's stream would have buffered it). */
    hl_strbuf out = HL_STRBUF_INIT;
    int err = 0;
    for (hl_ssize_t i = 0; i < nargs && !err; i++) {
        if (i > 0) {
            if (sep == NULL)
                hl_sb_putc(&out, ' ');
            else
                err = stdout_write(&out, sep);
        }
        if (!err)
            err = stdout_write(&out, args[i]);
    }
    if (!err) {
        if (end == NULL)
            hl_sb_putc(&out, '\n');
        else
            err = stdout_write(&out, end);
    }
    if (out.failed && !err) {
        hl_err_nomemory();
        err = -1;
    }
    if (out.len)
        hl_write_stdout(out.s, out.len);
    hl_sb_free(&out);
    return err ? NULL : hl_none_new();
}

/* ---- the module ---------------------------------------------------------------------- */

static HLMethodDef builtin_methods[] = {
    {"abs", builtin_abs, HL_METH_O, NULL},
    {"all", builtin_all, HL_METH_O, NULL},
    {"any", builtin_any, HL_METH_O, NULL},
    {"ascii", builtin_ascii, HL_METH_O, NULL},
    {"bin", builtin_bin, HL_METH_O, NULL},
    {"callable", builtin_callable, HL_METH_O, NULL},
    {"chr", builtin_chr, HL_METH_O, NULL},
    {"delattr", builtin_delattr, HL_METH_FASTCALL, NULL},
    {"dir", builtin_dir, HL_METH_VARARGS, NULL},
    {"divmod", builtin_divmod, HL_METH_FASTCALL, NULL},
    {"format", builtin_format, HL_METH_FASTCALL, NULL},
    {"getattr", builtin_getattr, HL_METH_FASTCALL, NULL},
    {"hasattr", builtin_hasattr, HL_METH_FASTCALL, NULL},
    {"hash", builtin_hash, HL_METH_O, NULL},
    {"hex", builtin_hex, HL_METH_O, NULL},
    {"id", builtin_id, HL_METH_O, NULL},
    {"isinstance", builtin_isinstance, HL_METH_FASTCALL, NULL},
    {"issubclass", builtin_issubclass, HL_METH_FASTCALL, NULL},
    {"iter", builtin_iter, HL_METH_FASTCALL, NULL},
    {"len", builtin_len, HL_METH_O, NULL},
    {"max", builtin_max, HL_METH_VARARGS | HL_METH_KEYWORDS, NULL},
    {"min", builtin_min, HL_METH_VARARGS | HL_METH_KEYWORDS, NULL},
    {"next", builtin_next, HL_METH_FASTCALL, NULL},
    {"oct", builtin_oct, HL_METH_O, NULL},
    {"ord", builtin_ord, HL_METH_O, NULL},
    {"pow", builtin_pow, HL_METH_FASTCALL | HL_METH_KEYWORDS, NULL},
    {"print", builtin_print, HL_METH_FASTCALL | HL_METH_KEYWORDS, NULL},
    {"repr", builtin_repr, HL_METH_O, NULL},
    {"round", builtin_round, HL_METH_FASTCALL | HL_METH_KEYWORDS, NULL},
    {"setattr", builtin_setattr, HL_METH_FASTCALL, NULL},
    {"sorted", builtin_sorted, HL_METH_FASTCALL | HL_METH_KEYWORDS, NULL},
    {"sum", builtin_sum, HL_METH_FASTCALL | HL_METH_KEYWORDS, NULL},
    {"vars", builtin_vars, HL_METH_VARARGS, NULL},
    {NULL}};

/* The types this file's objects belong to, readied before first use. */
static HLTypeObject *const own_types[] = {
    &hl_set_type, &hl_frozenset_type, &hl_setiter_type, &hl_range_type, &hl_rangeiter_type,
    &hl_longrangeiter_type, &hl_enum_type, &hl_reversed_type, &hl_zip_type, &hl_map_type,
    &hl_filter_type, &hl_calliter_type,
};

int hl_builtin_types_ready(void)
{
    for (size_t i = 0; i < sizeof own_types / sizeof own_types[0]; i++)
        if (hl_type_ready(own_types[i]) < 0)
            return -1;
    return 0;
}

static const struct {
    const char *name;
    HLObject *value;
} builtin_objects[] = {
    {"None", HL_None},
    {"Ellipsis", HL_Ellipsis},
    {"NotImplemented", HL_NotImplemented},
    {"False", HL_False},
    {"True", HL_True},
    {"bool", (HLObject *)&hl_bool_type},
    {"dict", (HLObject *)&hl_dict_type},
    {"enumerate", (HLObject *)&hl_enum_type},
    {"filter", (HLObject *)&hl_filter_type},
    {"float", (HLObject *)&hl_float_type},
    {"frozenset", (HLObject *)&hl_frozenset_type},
    {"int", (HLObject *)&hl_long_type},
    {"list", (HLObject *)&hl_list_type},
    {"map", (HLObject *)&hl_map_type},
    {"object", (HLObject *)&hl_object_type},
    {"range", (HLObject *)&hl_range_type},
    {"reversed", (HLObject *)&hl_reversed_type},
    {"set", (HLObject *)&hl_set_type},
    {"slice", (HLObject *)&hl_slice_type},
    {"str", (HLObject *)&hl_str_type},
    {"tuple", (HLObject *)&hl_tuple_type},
    {"type", (HLObject *)&hl_type_type},
    {"zip", (HLObject *)&hl_zip_type},
    {"__debug__", HL_True},
};

HLTypeObject *const *hl_exception_types(size_t *n);

static HLObject *builtins_module;

static HLObject *make_builtins(void)
{
    if (hl_builtin_types_ready() < 0)
        return NULL;
    HLObject *m = hl_module_new("builtins");
    if (m == NULL)
        return NULL;
    if (hl_module_add_functions(m, builtin_methods) < 0)
        goto error;
    for (size_t i = 0; i < sizeof builtin_objects / sizeof builtin_objects[0]; i++)
        if (hl_module_add_object(m, builtin_objects[i].name, hl_newref(builtin_objects[i].value)) < 0)
            goto error;
    size_t n;
    HLTypeObject *const *exc = hl_exception_types(&n);
    for (size_t i = 0; i < n; i++)
        if (hl_module_add_object(m, exc[i]->tp_name, hl_newref(exc[i])) < 0)
            goto error;
    /* CPython's aliases of OSError. */
    if (hl_module_add_object(m, "EnvironmentError", hl_newref(hl_exc_OSError)) < 0 ||
        hl_module_add_object(m, "IOError", hl_newref(hl_exc_OSError)) < 0)
        goto error;
    return m;
error:
    hl_decref(m);
    return NULL;
}

HLObject *hl_module_init_builtins(void)
{
    if (builtins_module == NULL) {
        static int registered;
        if (!registered) {
            hl_register_root(&builtins_module, "builtins module");
            registered = 1;
        }
        builtins_module = make_builtins();
        if (builtins_module == NULL)
            return NULL;
    }
    return hl_newref(builtins_module);
}

HLObject *hl_builtins_module(void)
{
    if (builtins_module == NULL) {
        HLObject *m = hl_module_init_builtins();
        if (m == NULL)
            return NULL;
        hl_decref(m);
    }
    return builtins_module;
}

HLObject *hl_builtins_dict(void)
{
    HLObject *m = hl_builtins_module();
    return m ? hl_module_get_dict(m) : NULL;
}

static HLObject *builtins_copy;

int hl_builtins_snapshot(void)
{
    HLObject *d = hl_builtins_dict();
    if (d == NULL)
        return -1;
    static int registered;
    if (!registered) {
        hl_register_root(&builtins_copy, "builtins startup copy");
        registered = 1;
    }
    HLObject *copy = hl_dict_copy(d);
    if (copy == NULL)
        return -1;
    HL_XSETREF(builtins_copy, copy);
    return 0;
}

HLObject *hl_builtins_startup_copy(void) { return builtins_copy; }

void hl_builtins_fini(void)
{
    HL_CLEAR(builtins_copy);
    HL_CLEAR(builtins_module);
}
