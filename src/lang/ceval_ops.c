/*
 * ceval_ops.c — the parts of instructions that do not fit in the loop:
 * unpacking (`a, *b, c = it`), `raise` with its checks and chaining, the
 * validity check of `except` clauses, and the error messages of names,
 * cells and call arguments, worded exactly as CPython 3.11 words them.
 */
#include "../objects/abstract.h"
#include "../objects/dictobject.h"
#include "../objects/exceptions.h"
#include "../objects/listobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/errors.h"
#include "../runtime/state.h"
#include "ceval_internal.h"

int hl_sequence_check_compat(HLObject *o);

/* ---- unpacking ------------------------------------------------------------------ */

int hl_unpack_iterable(HLObject *v, int argcnt, int argcntafter, HLObject **sp)
{
    int i = 0, j = 0;
    hl_ssize_t ll;
    HLObject *it = hl_object_get_iter(v), *w, *l = NULL;
    if (it == NULL) {
        if (hl_err_exception_matches(hl_exc_TypeError) && HL_TYPE(v)->tp_iter == NULL &&
            !hl_sequence_check_compat(v)) {
            hl_err_clear();
            hl_err_format(hl_exc_TypeError, "cannot unpack non-iterable %.200s object", HL_TYPE(v)->tp_name);
        }
        return 0;
    }
    for (; i < argcnt; i++) {
        w = hl_iter_next(it);
        if (w == NULL) {
            /* Iterator done, via error or exhaustion. */
            if (!hl_err_occurred()) {
                if (argcntafter == -1)
                    hl_err_format(hl_exc_ValueError, "not enough values to unpack (expected %d, got %d)", argcnt, i);
                else
                    hl_err_format(hl_exc_ValueError, "not enough values to unpack (expected at least %d, got %d)",
                                  argcnt + argcntafter, i);
            }
            goto error;
        }
        *--sp = w;
    }
    if (argcntafter == -1) {
        /* We better have exhausted the iterator now. */
        w = hl_iter_next(it);
        if (w == NULL) {
            if (hl_err_occurred())
                goto error;
            hl_decref(it);
            return 1;
        }
        hl_decref(w);
        hl_err_format(hl_exc_ValueError, "too many values to unpack (expected %d)", argcnt);
        goto error;
    }
    l = hl_sequence_list(it);
    if (l == NULL)
        goto error;
    *--sp = l;
    i++;
    ll = HL_SIZE(l);
    if (ll < argcntafter) {
        hl_err_format(hl_exc_ValueError, "not enough values to unpack (expected at least %d, got %zd)",
                      argcnt + argcntafter, argcnt + ll);
        goto error;
    }
    /* Pop the "after-variable" args off the list. */
    for (j = argcntafter; j > 0; j--, i++)
        *--sp = HL_LIST_GET(l, ll - j);
    /* Resize the list. */
    ((HLVarObject *)l)->ob_size = ll - argcntafter;
    hl_decref(it);
    return 1;

error:
    for (; i > 0; i--, sp++)
        hl_decref(*sp);
    hl_xdecref(it);
    return 0;
}

/* ---- names ----------------------------------------------------------------------- */

int hl_mapping_lookup(HLObject *ns, HLObject *name, HLObject **value)
{
    if (hl_dict_check_exact(ns)) {
        *value = hl_xnewref(hl_dict_get_item(ns, name));
        return *value == NULL && hl_err_occurred() ? -1 : 0;
    }
    *value = hl_object_get_item(ns, name);
    if (*value == NULL) {
        if (!hl_err_exception_matches(hl_exc_KeyError))
            return -1;
        hl_err_clear();
    }
    return 0;
}

HLObject *hl_load_global(hl_frame *f, HLObject *name)
{
    HLObject *v = hl_dict_get_item(f->f_globals, name);
    if (v == NULL) {
        if (hl_err_occurred())
            return NULL;
        v = hl_dict_get_item(f->f_builtins, name);
        if (v == NULL) {
            if (!hl_err_occurred())
                hl_format_exc_check_arg(hl_exc_NameError, "name '%s' is not defined", name);
            return NULL;
        }
    }
    return hl_newref(v);
}

/* ---- raise ----------------------------------------------------------------------- */

int hl_do_raise(HLObject *exc, HLObject *cause)
{
    HLObject *type = NULL, *value = NULL;
    if (exc == NULL) {
        /* Reraise the exception being handled. */
        HLObject *handled = hl_err_handled();
        if (handled == NULL || handled == HL_None) {
            hl_err_set_string(hl_exc_RuntimeError, "No active exception to reraise");
            return 0;
        }
        hl_err_restore(hl_newref(handled));
        return 1;
    }
    /* We support the following forms of raise:
       raise <class>  raise <class instance>  raise <...> from <cause> */
    if (hl_exception_class_check(exc)) {
        type = exc;
        value = hl_call_noargs(exc);
        if (value == NULL)
            goto raise_error;
        if (!hl_exception_check(value)) {
            hl_err_format(hl_exc_TypeError,
                          "calling %R should have returned an instance of BaseException, not %R", type,
                          (HLObject *)HL_TYPE(value));
            goto raise_error;
        }
    } else if (hl_exception_check(exc)) {
        value = exc; /* the stack's reference */
        type = hl_newref(HL_TYPE(exc));
    } else {
        hl_decref(exc);
        hl_err_set_string(hl_exc_TypeError, "exceptions must derive from BaseException");
        hl_xdecref(cause);
        return 0;
    }
    if (cause) {
        HLObject *fixed_cause;
        if (hl_exception_class_check(cause)) {
            fixed_cause = hl_call_noargs(cause);
            if (fixed_cause == NULL)
                goto raise_error;
            hl_decref(cause);
        } else if (hl_exception_check(cause)) {
            fixed_cause = cause;
        } else if (cause == HL_None) {
            hl_decref(cause);
            fixed_cause = NULL;
        } else {
            hl_err_set_string(hl_exc_TypeError, "exception causes must derive from BaseException");
            goto raise_error;
        }
        hl_exception_set_cause(value, fixed_cause);
    }
    /* Sets value as the current exception (chaining __context__). */
    hl_err_set_object(type, value);
    hl_decref(value);
    hl_decref(type);
    return 0;

raise_error:
    hl_xdecref(value);
    hl_xdecref(type);
    hl_xdecref(cause);
    return 0;
}

/* ---- except clauses ----------------------------------------------------------------- */

#define CANNOT_CATCH_MSG "catching classes that do not inherit from BaseException is not allowed"

int hl_check_except_type_valid(HLObject *right)
{
    if (hl_tuple_check(right)) {
        for (hl_ssize_t i = 0; i < HL_SIZE(right); i++) {
            if (!hl_exception_class_check(HL_TUPLE_GET(right, i))) {
                hl_err_set_string(hl_exc_TypeError, CANNOT_CATCH_MSG);
                return -1;
            }
        }
    } else if (!hl_exception_class_check(right)) {
        hl_err_set_string(hl_exc_TypeError, CANNOT_CATCH_MSG);
        return -1;
    }
    return 0;
}

/* ---- messages ---------------------------------------------------------------------- */

void hl_format_exc_check_arg(HLObject *exc, const char *format_str, HLObject *name)
{
    if (name == NULL)
        return;
    const char *s = hl_str_as_utf8(name, NULL);
    if (s == NULL)
        return;
    hl_err_format(exc, format_str, s);
    if (exc == hl_exc_NameError) {
        /* The name, for the "Did you mean" suggestion of the traceback. */
        HLObject *value = hl_err_occurred();
        if (value && hl_err_given_exception_matches(value, hl_exc_NameError)) {
            HLNameErrorObject *ne = (HLNameErrorObject *)value;
            if (ne->name == NULL)
                ne->name = hl_newref(name);
        }
    }
}

void hl_format_exc_unbound(HLCodeObject *co, int oparg)
{
    if (hl_err_occurred())
        return;
    HLObject *name = HL_TUPLE_GET(co->co_localsplusnames, oparg);
    if (oparg < co->co_nlocalsplus - co->co_nfreevars) {
        hl_format_exc_check_arg(hl_exc_UnboundLocalError,
                                "cannot access local variable '%s' where it is not associated with a value", name);
    } else {
        hl_format_exc_check_arg(hl_exc_NameError,
                                "cannot access free variable '%s' where it is not associated with a value in "
                                "enclosing scope",
                                name);
    }
}

/* _PyObject_FunctionStr: "mod.qualname()", or "qualname()" for builtins. */
HLObject *hl_function_display_name(HLObject *x)
{
    HLObject *qualname = hl_object_getattr_str(x, "__qualname__");
    if (qualname == NULL) {
        if (!hl_err_exception_matches(hl_exc_AttributeError))
            return NULL;
        hl_err_clear();
        return hl_object_str(x);
    }
    HLObject *result = NULL;
    HLObject *module = hl_object_getattr_str(x, "__module__");
    if (module == NULL) {
        if (!hl_err_exception_matches(hl_exc_AttributeError))
            goto done;
        hl_err_clear();
    }
    if (module != NULL && module != HL_None) {
        int ne = !hl_str_check(module) || !hl_str_eq_cstr(module, "builtins");
        if (ne) {
            result = hl_str_from_format("%S.%S()", module, qualname);
            goto done;
        }
    }
    result = hl_str_from_format("%S()", qualname);
done:
    hl_decref(qualname);
    hl_xdecref(module);
    return result;
}

void hl_format_kwargs_error(HLObject *func, HLObject *kwargs)
{
    if (hl_err_exception_matches(hl_exc_AttributeError)) {
        hl_err_clear();
        HLObject *funcstr = hl_function_display_name(func);
        if (funcstr != NULL) {
            hl_err_format(hl_exc_TypeError, "%U argument after ** must be a mapping, not %.200s", funcstr,
                          HL_TYPE(kwargs)->tp_name);
            hl_decref(funcstr);
        }
    } else if (hl_err_exception_matches(hl_exc_KeyError)) {
        HLObject *val = hl_err_fetch();
        HLObject *args = hl_exception_get_args(val);
        if (args && hl_tuple_check(args) && HL_SIZE(args) == 1) {
            HLObject *funcstr = hl_function_display_name(func);
            if (funcstr != NULL) {
                hl_err_format(hl_exc_TypeError, "%U got multiple values for keyword argument '%S'", funcstr,
                              HL_TUPLE_GET(args, 0));
                hl_decref(funcstr);
            }
            hl_decref(val);
        } else {
            hl_err_restore(val);
        }
    }
}

/* PySequence_Check: what "not iterable" messages test besides tp_iter. */
int hl_sequence_check_compat(HLObject *o)
{
    if (hl_dict_check(o))
        return 0;
    return HL_TYPE(o)->tp_as_sequence && HL_TYPE(o)->tp_as_sequence->sq_item != NULL;
}
