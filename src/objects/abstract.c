/*
 * abstract.c — the protocols: calling, numbers, sequences and mappings.
 *
 * Calls.  An object is called through its vectorcall function when it has
 * one (functions, methods, built-in functions, some types); otherwise, as
 * CPython's _PyObject_MakeTpCall does, the positional arguments are packed
 * into a tuple and the keywords into a dict for tp_call — which is why
 * calling a class allocates an argument tuple (from the tuple free list)
 * and calling a function does not.
 *
 * Binary operators follow binary_op1: the left operand's slot, unless the
 * right operand's type is a subclass that overrides it; then the right
 * operand's; slots receive (v, w) in source order and answer
 * NotImplemented when they cannot.  + and * fall back to sequence
 * concatenation and repetition.  In-place operators try the nb_inplace_*
 * slot first.
 */
#include "abstract.h"

#include <stddef.h>
#include <string.h>

#include "../runtime/errors.h"
#include "../runtime/obmalloc.h"
#include "../runtime/state.h"
#include "../runtime/strbuf.h"
#include "../runtime/sysmem.h"
#include "descrobject.h"
#include "dictobject.h"
#include "floatobject.h"
#include "longobject.h"
#include "strobject.h"
#include "tupleobject.h"

/* ---- calls ------------------------------------------------------------------ */

static hl_vectorcallfunc vectorcall_func(HLObject *callable)
{
    HLTypeObject *tp = HL_TYPE(callable);
    if (HL_TYPE_HAS_FLAG(tp, HL_TPFLAGS_HAVE_VECTORCALL) && tp->tp_vectorcall_offset > 0)
        return *(hl_vectorcallfunc *)((char *)callable + tp->tp_vectorcall_offset);
    if (hl_type_check(callable))
        return ((HLTypeObject *)callable)->tp_vectorcall;
    return NULL;
}

/* A dict from keyword names and values (_PyStack_AsDict). */
static HLObject *stack_as_dict(HLObject *const *values, HLObject *kwnames)
{
    HLObject *kwdict = hl_dict_new();
    if (kwdict == NULL)
        return NULL;
    for (hl_ssize_t i = 0; i < HL_SIZE(kwnames); i++)
        if (hl_dict_set_item(kwdict, HL_TUPLE_GET(kwnames, i), values[i]) < 0) {
            hl_decref(kwdict);
            return NULL;
        }
    return kwdict;
}

HL_NOINLINE static HLObject *make_tp_call(HLObject *callable, HLObject *const *args,
                                          hl_ssize_t nargs, HLObject *keywords)
{
    hl_ternaryfunc call = HL_TYPE(callable)->tp_call;
    if (call == NULL) {
        hl_err_format(hl_exc_TypeError, "'%s' object is not callable", HL_TYPE(callable)->tp_name);
        return NULL;
    }
    HLObject *argstuple = hl_tuple_from_array(args, nargs);
    if (argstuple == NULL)
        return NULL;
    HLObject *kwdict = NULL;
    if (keywords != NULL && hl_dict_check(keywords)) {
        kwdict = keywords;
    } else if (keywords != NULL && HL_SIZE(keywords)) {
        kwdict = stack_as_dict(args + nargs, keywords);
        if (kwdict == NULL) {
            hl_decref(argstuple);
            return NULL;
        }
    }
    HLObject *result = NULL;
    if (hl_enter_recursive_call(" while calling a Python object") == 0) {
        result = call(callable, argstuple, kwdict);
        hl_leave_recursive_call();
    }
    hl_decref(argstuple);
    if (kwdict != keywords)
        hl_xdecref(kwdict);
    return result;
}

HLObject *hl_vectorcall(HLObject *callable, HLObject *const *args, size_t nargsf, HLObject *kwnames)
{
    hl_vectorcallfunc func = vectorcall_func(callable);
    if (func != NULL)
        return func(callable, args, nargsf, kwnames);
    return make_tp_call(callable, args, HL_NARGS(nargsf), kwnames);
}

HLObject *hl_call(HLObject *callable, HLObject *args, HLObject *kwargs)
{
    if (vectorcall_func(callable) != NULL)
        return hl_vectorcall_call(callable, args, kwargs);
    hl_ternaryfunc call = HL_TYPE(callable)->tp_call;
    if (call == NULL) {
        hl_err_format(hl_exc_TypeError, "'%s' object is not callable", HL_TYPE(callable)->tp_name);
        return NULL;
    }
    if (hl_enter_recursive_call(" while calling a Python object"))
        return NULL;
    HLObject *res = call(callable, args, kwargs);
    hl_leave_recursive_call();
    return res;
}

/* PyVectorcall_Call: the tp_call of types that are called by vectorcall
 * (functions, methods, builtins).  The arguments are flattened to a
 * vector (_PyStack_UnpackDict): it holds new references, one slot before
 * it is free for the callee (PY_VECTORCALL_ARGUMENTS_OFFSET). */
HLObject *hl_vectorcall_call(HLObject *callable, HLObject *args, HLObject *kwargs)
{
    /* The offset, not the flag: a subclass inherits the slot's offset
     * without HAVE_VECTORCALL, and still calls through it here. */
    hl_ssize_t offset = HL_TYPE(callable)->tp_vectorcall_offset;
    hl_vectorcallfunc func = offset > 0 ? *(hl_vectorcallfunc *)((char *)callable + offset) : NULL;
    if (func == NULL) {
        hl_err_format(hl_exc_TypeError, "'%s' object does not support vectorcall", HL_TYPE(callable)->tp_name);
        return NULL;
    }
    hl_ssize_t nargs = HL_SIZE(args), nkw = kwargs ? hl_dict_size(kwargs) : 0;
    if (nkw == 0)
        return func(callable, HL_TUPLE_ITEMS(args), (size_t)nargs, NULL);
    HLObject **stack = hl_mem_malloc(sizeof(HLObject *) * (size_t)(1 + nargs + nkw));
    if (stack == NULL)
        return hl_err_nomemory();
    HLObject *kwnames = hl_tuple_new(nkw);
    if (kwnames == NULL) {
        hl_mem_free(stack);
        return NULL;
    }
    stack++;
    for (hl_ssize_t i = 0; i < nargs; i++)
        stack[i] = hl_newref(HL_TUPLE_GET(args, i));
    hl_ssize_t pos = 0, j = 0;
    HLObject *k, *v;
    while (hl_dict_next(kwargs, &pos, &k, &v)) {
        HL_TUPLE_SET(kwnames, j, hl_newref(k));
        stack[nargs + j] = hl_newref(v);
        j++;
    }
    HLObject *res = func(callable, stack, (size_t)nargs | HL_VECTORCALL_ARGUMENTS_OFFSET, kwnames);
    for (hl_ssize_t i = 0; i < nargs + nkw; i++)
        hl_decref(stack[i]);
    hl_decref(kwnames);
    hl_mem_free(stack - 1);
    return res;
}

HLObject *hl_call_noargs(HLObject *callable) { return hl_vectorcall(callable, NULL, 0, NULL); }

HLObject *hl_call_one(HLObject *callable, HLObject *arg)
{
    HLObject *args[1] = {arg};
    return hl_vectorcall(callable, args, 1, NULL);
}

/* _PyObject_GetMethod: a method found on the type is returned unbound with
 * *is_unbound = 1, so the caller passes obj as the first argument and no
 * bound-method object is made. */
HLObject *hl_object_get_method(HLObject *obj, HLObject *name, int *is_unbound)
{
    HLTypeObject *tp = HL_TYPE(obj);
    *is_unbound = 0;
    if (tp->tp_getattro != hl_object_generic_getattr || !hl_str_check(name))
        return hl_object_getattr(obj, name);
    if (tp->tp_dict == NULL && hl_type_ready(tp) < 0)
        return NULL;
    HLObject *descr = hl_type_lookup(tp, name);
    hl_descrgetfunc f = NULL;
    int meth_found = 0;
    if (descr != NULL) {
        hl_incref(descr);
        if (HL_TYPE_HAS_FLAG(HL_TYPE(descr), HL_TPFLAGS_METHOD_DESCRIPTOR)) {
            meth_found = 1;
        } else {
            f = HL_TYPE(descr)->tp_descr_get;
            if (f != NULL && HL_TYPE(descr)->tp_descr_set != NULL) {
                HLObject *res = f(descr, obj, (HLObject *)tp);
                hl_decref(descr);
                return res;
            }
        }
    }
    /* The instance's own attribute shadows a method. */
    HLObject *attr = NULL;
    if (HL_TYPE_HAS_FLAG(tp, HL_TPFLAGS_MANAGED_DICT)) {
        attr = hl_object_instance_getattr(obj, name);
    } else if (tp->tp_dictoffset > 0) {
        HLObject *dict = *(HLObject **)((char *)obj + tp->tp_dictoffset);
        if (dict)
            attr = hl_dict_get_item(dict, name);
    }
    if (attr != NULL) {
        hl_xdecref(descr);
        return hl_newref(attr);
    }
    if (hl_err_occurred()) {
        hl_xdecref(descr);
        return NULL;
    }
    if (meth_found) {
        *is_unbound = 1;
        return descr;
    }
    if (f != NULL) {
        HLObject *res = f(descr, obj, (HLObject *)tp);
        hl_decref(descr);
        return res;
    }
    if (descr != NULL)
        return descr;
    hl_err_format(hl_exc_AttributeError, "'%s' object has no attribute '%U'", tp->tp_name, name);
    return NULL;
}

HLObject *hl_call_method(HLObject *obj, const char *name, HLObject *const *args, hl_ssize_t nargs)
{
    HLObject *n = hl_str_intern_from_cstr(name);
    if (n == NULL)
        return NULL;
    int unbound;
    HLObject *meth = hl_object_get_method(obj, n, &unbound);
    hl_decref(n);
    if (meth == NULL)
        return NULL;
    HLObject *res;
    if (unbound) {
        HLObject *stack[8];
        HLObject **st = nargs + 1 <= 8 ? stack : hl_raw_malloc(sizeof(HLObject *) * ((size_t)nargs + 1));
        if (st == NULL) {
            hl_decref(meth);
            return hl_err_nomemory();
        }
        st[0] = obj;
        for (hl_ssize_t i = 0; i < nargs; i++)
            st[i + 1] = args[i];
        res = hl_vectorcall(meth, st, (size_t)nargs + 1, NULL);
        if (st != stack)
            hl_raw_free(st);
    } else {
        res = hl_vectorcall(meth, args, (size_t)nargs, NULL);
    }
    hl_decref(meth);
    return res;
}

HLObject *hl_call_method_noargs(HLObject *obj, const char *name) { return hl_call_method(obj, name, NULL, 0); }

/* _PyObject_LookupSpecial: a dunder looked up on the type only, bound. */
HLObject *hl_lookup_special(HLObject *self, const char *name)
{
    HLObject *n = hl_str_intern_from_cstr(name);
    if (n == NULL)
        return NULL;
    HLObject *res = hl_type_lookup(HL_TYPE(self), n);
    hl_decref(n);
    if (res == NULL)
        return NULL;
    hl_descrgetfunc f = HL_TYPE(res)->tp_descr_get;
    if (f == NULL)
        return hl_newref(res);
    return f(res, self, (HLObject *)HL_TYPE(self));
}

/* ---- argument checks ------------------------------------------------------- */

int hl_arg_check_positional(const char *name, hl_ssize_t nargs, hl_ssize_t min, hl_ssize_t max)
{
    if (nargs < min) {
        hl_err_format(hl_exc_TypeError, "%s expected %s%zd argument%s, got %zd", name,
                      min == max ? "" : "at least ", (ssize_t)min, min == 1 ? "" : "s", (ssize_t)nargs);
        return -1;
    }
    if (nargs > max) {
        hl_err_format(hl_exc_TypeError, "%s expected %s%zd argument%s, got %zd", name,
                      min == max ? "" : "at most ", (ssize_t)max, max == 1 ? "" : "s", (ssize_t)nargs);
        return -1;
    }
    return 0;
}

int hl_arg_no_kwnames(const char *name, HLObject *kwnames)
{
    if (kwnames != NULL && HL_SIZE(kwnames) != 0) {
        hl_err_format(hl_exc_TypeError, "%s() takes no keyword arguments", name);
        return -1;
    }
    return 0;
}

/* ---- numbers ------------------------------------------------------------------ */

static const char *const binop_names[] = {"+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>",
                                          "-", "/", "^"};

static hl_binaryfunc nb_slot(HLNumberMethods *nb, int op)
{
    if (nb == NULL)
        return NULL;
    switch (op) {
    case HL_NB_ADD: return nb->nb_add;
    case HL_NB_AND: return nb->nb_and;
    case HL_NB_FLOOR_DIVIDE: return nb->nb_floor_divide;
    case HL_NB_LSHIFT: return nb->nb_lshift;
    case HL_NB_MULTIPLY: return nb->nb_multiply;
    case HL_NB_REMAINDER: return nb->nb_remainder;
    case HL_NB_OR: return nb->nb_or;
    case HL_NB_RSHIFT: return nb->nb_rshift;
    case HL_NB_SUBTRACT: return nb->nb_subtract;
    case HL_NB_TRUE_DIVIDE: return nb->nb_true_divide;
    case HL_NB_XOR: return nb->nb_xor;
    default: return NULL;
    }
}

static hl_binaryfunc nb_inplace_slot(HLNumberMethods *nb, int op)
{
    if (nb == NULL)
        return NULL;
    switch (op) {
    case HL_NB_ADD: return nb->nb_inplace_add;
    case HL_NB_AND: return nb->nb_inplace_and;
    case HL_NB_FLOOR_DIVIDE: return nb->nb_inplace_floor_divide;
    case HL_NB_LSHIFT: return nb->nb_inplace_lshift;
    case HL_NB_MULTIPLY: return nb->nb_inplace_multiply;
    case HL_NB_REMAINDER: return nb->nb_inplace_remainder;
    case HL_NB_OR: return nb->nb_inplace_or;
    case HL_NB_RSHIFT: return nb->nb_inplace_rshift;
    case HL_NB_SUBTRACT: return nb->nb_inplace_subtract;
    case HL_NB_TRUE_DIVIDE: return nb->nb_inplace_true_divide;
    case HL_NB_XOR: return nb->nb_inplace_xor;
    default: return NULL;
    }
}

/* NotImplemented (new reference) when neither operand can do it. */
static HLObject *binary_op1(HLObject *v, HLObject *w, int op)
{
    hl_binaryfunc slotv = nb_slot(HL_TYPE(v)->tp_as_number, op);
    hl_binaryfunc slotw = NULL;
    if (!HL_IS_TYPE(w, HL_TYPE(v))) {
        slotw = nb_slot(HL_TYPE(w)->tp_as_number, op);
        if (slotw == slotv)
            slotw = NULL;
    }
    if (slotv) {
        if (slotw && hl_type_is_subtype(HL_TYPE(w), HL_TYPE(v))) {
            HLObject *x = slotw(v, w);
            if (x != HL_NotImplemented)
                return x;
            hl_decref(x);
            slotw = NULL;
        }
        HLObject *x = slotv(v, w);
        if (x != HL_NotImplemented)
            return x;
        hl_decref(x);
    }
    if (slotw) {
        HLObject *x = slotw(v, w);
        if (x != HL_NotImplemented)
            return x;
        hl_decref(x);
    }
    return hl_newref(HL_NotImplemented);
}

static HLObject *binop_type_error(HLObject *v, HLObject *w, const char *op_name)
{
    hl_err_format(hl_exc_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'", op_name,
                  HL_TYPE(v)->tp_name, HL_TYPE(w)->tp_name);
    return NULL;
}

static HLObject *sequence_repeat(hl_ssizeargfunc repeatfunc, HLObject *seq, HLObject *n)
{
    if (!hl_index_check(n)) {
        hl_err_format(hl_exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                      HL_TYPE(n)->tp_name);
        return NULL;
    }
    hl_ssize_t count = hl_number_as_ssize(n, hl_exc_OverflowError);
    if (count == -1 && hl_err_occurred())
        return NULL;
    return repeatfunc(seq, count);
}

static HLObject *ternary_power(HLObject *v, HLObject *w, HLObject *z)
{
    hl_ternaryfunc slotv = HL_TYPE(v)->tp_as_number ? HL_TYPE(v)->tp_as_number->nb_power : NULL;
    hl_ternaryfunc slotw = NULL;
    if (!HL_IS_TYPE(w, HL_TYPE(v)) && HL_TYPE(w)->tp_as_number) {
        slotw = HL_TYPE(w)->tp_as_number->nb_power;
        if (slotw == slotv)
            slotw = NULL;
    }
    if (slotv) {
        if (slotw && hl_type_is_subtype(HL_TYPE(w), HL_TYPE(v))) {
            HLObject *x = slotw(v, w, z);
            if (x != HL_NotImplemented)
                return x;
            hl_decref(x);
            slotw = NULL;
        }
        HLObject *x = slotv(v, w, z);
        if (x != HL_NotImplemented)
            return x;
        hl_decref(x);
    }
    if (slotw) {
        HLObject *x = slotw(v, w, z);
        if (x != HL_NotImplemented)
            return x;
        hl_decref(x);
    }
    /* The third operand gets its turn too (3-argument pow). */
    HLNumberMethods *mz = HL_TYPE(z)->tp_as_number;
    if (mz != NULL) {
        hl_ternaryfunc slotz = mz->nb_power;
        if (slotz == slotv || slotz == slotw)
            slotz = NULL;
        if (slotz) {
            HLObject *x = slotz(v, w, z);
            if (x != HL_NotImplemented)
                return x;
            hl_decref(x);
        }
    }
    if (z == HL_None)
        hl_err_format(hl_exc_TypeError, "unsupported operand type(s) for ** or pow(): '%s' and '%s'",
                      HL_TYPE(v)->tp_name, HL_TYPE(w)->tp_name);
    else
        hl_err_format(hl_exc_TypeError,
                      "unsupported operand type(s) for ** or pow(): '%s', '%s', '%s'",
                      HL_TYPE(v)->tp_name, HL_TYPE(w)->tp_name, HL_TYPE(z)->tp_name);
    return NULL;
}

HLObject *hl_number_binary(HLObject *v, HLObject *w, int op)
{
    if (op == HL_NB_POWER)
        return ternary_power(v, w, HL_None);
    HLObject *result = binary_op1(v, w, op);
    if (result != HL_NotImplemented)
        return result;
    hl_decref(result);
    if (op == HL_NB_ADD) {
        HLSequenceMethods *m = HL_TYPE(v)->tp_as_sequence;
        if (m && m->sq_concat)
            return m->sq_concat(v, w);
    } else if (op == HL_NB_MULTIPLY) {
        HLSequenceMethods *mv = HL_TYPE(v)->tp_as_sequence, *mw = HL_TYPE(w)->tp_as_sequence;
        if (mv && mv->sq_repeat)
            return sequence_repeat(mv->sq_repeat, v, w);
        if (mw && mw->sq_repeat)
            return sequence_repeat(mw->sq_repeat, w, v);
    }
    return binop_type_error(v, w, binop_names[op]);
}

HLObject *hl_number_inplace(HLObject *v, HLObject *w, int op)
{
    HLNumberMethods *mv = HL_TYPE(v)->tp_as_number;
    if (op == HL_NB_POWER) {
        if (mv && mv->nb_inplace_power) {
            HLObject *x = mv->nb_inplace_power(v, w, HL_None);
            if (x != HL_NotImplemented)
                return x;
            hl_decref(x);
        }
        return ternary_power(v, w, HL_None);
    }
    hl_binaryfunc islot = nb_inplace_slot(mv, op);
    if (islot) {
        HLObject *x = islot(v, w);
        if (x != HL_NotImplemented)
            return x;
        hl_decref(x);
    }
    HLObject *result = binary_op1(v, w, op);
    if (result != HL_NotImplemented)
        return result;
    hl_decref(result);
    HLSequenceMethods *m = HL_TYPE(v)->tp_as_sequence;
    if (op == HL_NB_ADD && m) {
        if (m->sq_inplace_concat)
            return m->sq_inplace_concat(v, w);
        if (m->sq_concat)
            return m->sq_concat(v, w);
    } else if (op == HL_NB_MULTIPLY) {
        HLSequenceMethods *mw = HL_TYPE(w)->tp_as_sequence;
        if (m && (m->sq_inplace_repeat || m->sq_repeat))
            return sequence_repeat(m->sq_inplace_repeat ? m->sq_inplace_repeat : m->sq_repeat, v, w);
        if (mw && mw->sq_repeat)
            return sequence_repeat(mw->sq_repeat, w, v);
    }
    static const char *const inames[] = {"+=", "&=", "//=", "<<=", "@=", "*=", "%=", "|=", "**=",
                                         ">>=", "-=", "/=", "^="};
    return binop_type_error(v, w, inames[op]);
}

HLObject *hl_number_add(HLObject *a, HLObject *b) { return hl_number_binary(a, b, HL_NB_ADD); }
HLObject *hl_number_subtract(HLObject *a, HLObject *b) { return hl_number_binary(a, b, HL_NB_SUBTRACT); }
HLObject *hl_number_multiply(HLObject *a, HLObject *b) { return hl_number_binary(a, b, HL_NB_MULTIPLY); }
HLObject *hl_number_true_divide(HLObject *a, HLObject *b) { return hl_number_binary(a, b, HL_NB_TRUE_DIVIDE); }
HLObject *hl_number_floor_divide(HLObject *a, HLObject *b) { return hl_number_binary(a, b, HL_NB_FLOOR_DIVIDE); }
HLObject *hl_number_remainder(HLObject *a, HLObject *b) { return hl_number_binary(a, b, HL_NB_REMAINDER); }
HLObject *hl_number_lshift(HLObject *a, HLObject *b) { return hl_number_binary(a, b, HL_NB_LSHIFT); }
HLObject *hl_number_rshift(HLObject *a, HLObject *b) { return hl_number_binary(a, b, HL_NB_RSHIFT); }
HLObject *hl_number_and(HLObject *a, HLObject *b) { return hl_number_binary(a, b, HL_NB_AND); }
HLObject *hl_number_or(HLObject *a, HLObject *b) { return hl_number_binary(a, b, HL_NB_OR); }
HLObject *hl_number_xor(HLObject *a, HLObject *b) { return hl_number_binary(a, b, HL_NB_XOR); }
HLObject *hl_number_power(HLObject *a, HLObject *b, HLObject *c) { return ternary_power(a, b, c ? c : HL_None); }

HLObject *hl_number_divmod(HLObject *v, HLObject *w)
{
    hl_binaryfunc slotv = HL_TYPE(v)->tp_as_number ? HL_TYPE(v)->tp_as_number->nb_divmod : NULL;
    hl_binaryfunc slotw = NULL;
    if (!HL_IS_TYPE(w, HL_TYPE(v)) && HL_TYPE(w)->tp_as_number) {
        slotw = HL_TYPE(w)->tp_as_number->nb_divmod;
        if (slotw == slotv)
            slotw = NULL;
    }
    if (slotv) {
        if (slotw && hl_type_is_subtype(HL_TYPE(w), HL_TYPE(v))) {
            HLObject *x = slotw(v, w);
            if (x != HL_NotImplemented)
                return x;
            hl_decref(x);
            slotw = NULL;
        }
        HLObject *x = slotv(v, w);
        if (x != HL_NotImplemented)
            return x;
        hl_decref(x);
    }
    if (slotw) {
        HLObject *x = slotw(v, w);
        if (x != HL_NotImplemented)
            return x;
        hl_decref(x);
    }
    return binop_type_error(v, w, "divmod()");
}

#define UNARY(fname, slot, opname)                                             \
    HLObject *fname(HLObject *o)                                               \
    {                                                                          \
        HLNumberMethods *m = HL_TYPE(o)->tp_as_number;                         \
        if (m && m->slot)                                                      \
            return m->slot(o);                                                 \
        hl_err_format(hl_exc_TypeError, "bad operand type for " opname ": '%s'", \
                      HL_TYPE(o)->tp_name);                                    \
        return NULL;                                                           \
    }
UNARY(hl_number_negative, nb_negative, "unary -")
UNARY(hl_number_positive, nb_positive, "unary +")
UNARY(hl_number_invert, nb_invert, "unary ~")
UNARY(hl_number_absolute, nb_absolute, "abs()")

int hl_index_check(HLObject *o)
{
    return HL_TYPE(o)->tp_as_number != NULL && HL_TYPE(o)->tp_as_number->nb_index != NULL;
}

HLObject *hl_number_index(HLObject *item)
{
    if (hl_long_check(item))
        return hl_newref(item);
    if (!hl_index_check(item)) {
        hl_err_format(hl_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                      HL_TYPE(item)->tp_name);
        return NULL;
    }
    HLObject *result = HL_TYPE(item)->tp_as_number->nb_index(item);
    if (result == NULL || hl_long_check_exact(result))
        return result;
    if (!hl_long_check(result)) {
        hl_err_format(hl_exc_TypeError, "__index__ returned non-int (type %s)", HL_TYPE(result)->tp_name);
        hl_decref(result);
        return NULL;
    }
    return result;
}

hl_ssize_t hl_number_as_ssize(HLObject *item, HLObject *err)
{
    HLObject *value = hl_number_index(item);
    if (value == NULL)
        return -1;
    hl_ssize_t result = hl_long_as_ssize(value);
    if (result == -1 && hl_err_occurred() && hl_err_exception_matches(hl_exc_OverflowError)) {
        hl_err_clear();
        if (err == NULL) {
            /* Clamp to the sign of the value. */
            result = hl_long_sign(value) < 0 ? HL_SSIZE_T_MIN : HL_SSIZE_T_MAX;
        } else {
            hl_err_format(err, "cannot fit '%s' into an index-sized integer", HL_TYPE(item)->tp_name);
        }
    }
    hl_decref(value);
    return result;
}

HLObject *hl_number_long(HLObject *o) { return hl_long_from_object(o); }
HLObject *hl_number_float(HLObject *o) { return hl_float_from_object(o); }

/* ---- sequences and mappings ---------------------------------------------------- */

hl_ssize_t hl_object_length(HLObject *o) { return hl_object_size(o); }

HLObject *hl_sequence_get_item(HLObject *s, hl_ssize_t i)
{
    HLSequenceMethods *m = HL_TYPE(s)->tp_as_sequence;
    if (m && m->sq_item) {
        if (i < 0 && m->sq_length) {
            hl_ssize_t l = m->sq_length(s);
            if (l < 0)
                return NULL;
            i += l;
        }
        return m->sq_item(s, i);
    }
    if (HL_TYPE(s)->tp_as_mapping && HL_TYPE(s)->tp_as_mapping->mp_subscript) {
        hl_err_format(hl_exc_TypeError, "%s is not a sequence", HL_TYPE(s)->tp_name);
        return NULL;
    }
    hl_err_format(hl_exc_TypeError, "'%s' object does not support indexing", HL_TYPE(s)->tp_name);
    return NULL;
}

HLObject *hl_object_get_item(HLObject *o, HLObject *key)
{
    HLMappingMethods *m = HL_TYPE(o)->tp_as_mapping;
    if (m && m->mp_subscript)
        return m->mp_subscript(o, key);
    HLSequenceMethods *ms = HL_TYPE(o)->tp_as_sequence;
    if (ms && ms->sq_item) {
        if (hl_index_check(key)) {
            hl_ssize_t i = hl_number_as_ssize(key, hl_exc_IndexError);
            if (i == -1 && hl_err_occurred())
                return NULL;
            return hl_sequence_get_item(o, i);
        }
        hl_err_format(hl_exc_TypeError, "sequence index must be integer, not '%s'", HL_TYPE(key)->tp_name);
        return NULL;
    }
    if (hl_type_check(o)) {
        HLObject *meth = hl_object_getattr_str(o, "__class_getitem__");
        if (meth != NULL) {
            HLObject *res = hl_call_one(meth, key);
            hl_decref(meth);
            return res;
        }
        hl_err_clear();
        hl_err_format(hl_exc_TypeError, "type '%s' is not subscriptable", ((HLTypeObject *)o)->tp_name);
        return NULL;
    }
    hl_err_format(hl_exc_TypeError, "'%s' object is not subscriptable", HL_TYPE(o)->tp_name);
    return NULL;
}

int hl_object_set_item(HLObject *o, HLObject *key, HLObject *value)
{
    HLMappingMethods *m = HL_TYPE(o)->tp_as_mapping;
    if (m && m->mp_ass_subscript)
        return m->mp_ass_subscript(o, key, value);
    HLSequenceMethods *ms = HL_TYPE(o)->tp_as_sequence;
    if (ms && ms->sq_ass_item) {
        if (hl_index_check(key)) {
            hl_ssize_t i = hl_number_as_ssize(key, hl_exc_IndexError);
            if (i == -1 && hl_err_occurred())
                return -1;
            if (i < 0 && ms->sq_length) {
                hl_ssize_t l = ms->sq_length(o);
                if (l < 0)
                    return -1;
                i += l;
            }
            return ms->sq_ass_item(o, i, value);
        }
        hl_err_format(hl_exc_TypeError, "sequence index must be integer, not '%s'", HL_TYPE(key)->tp_name);
        return -1;
    }
    hl_err_format(hl_exc_TypeError, "'%s' object does not support item assignment", HL_TYPE(o)->tp_name);
    return -1;
}

int hl_object_del_item(HLObject *o, HLObject *key)
{
    HLMappingMethods *m = HL_TYPE(o)->tp_as_mapping;
    if (m && m->mp_ass_subscript)
        return m->mp_ass_subscript(o, key, NULL);
    HLSequenceMethods *ms = HL_TYPE(o)->tp_as_sequence;
    if (ms && ms->sq_ass_item) {
        if (hl_index_check(key)) {
            hl_ssize_t i = hl_number_as_ssize(key, hl_exc_IndexError);
            if (i == -1 && hl_err_occurred())
                return -1;
            if (i < 0 && ms->sq_length) {
                hl_ssize_t l = ms->sq_length(o);
                if (l < 0)
                    return -1;
                i += l;
            }
            return ms->sq_ass_item(o, i, NULL);
        }
        hl_err_format(hl_exc_TypeError, "sequence index must be integer, not '%s'", HL_TYPE(key)->tp_name);
        return -1;
    }
    hl_err_format(hl_exc_TypeError, "'%s' object doesn't support item deletion", HL_TYPE(o)->tp_name);
    return -1;
}

int hl_sequence_contains(HLObject *seq, HLObject *ob)
{
    HLSequenceMethods *sqm = HL_TYPE(seq)->tp_as_sequence;
    if (sqm != NULL && sqm->sq_contains != NULL)
        return sqm->sq_contains(seq, ob);
    /* Search by iterating. */
    HLObject *it = hl_object_get_iter(seq);
    if (it == NULL) {
        if (hl_err_exception_matches(hl_exc_TypeError)) {
            hl_err_clear();
            hl_err_format(hl_exc_TypeError, "argument of type '%s' is not iterable", HL_TYPE(seq)->tp_name);
        }
        return -1;
    }
    int found = 0;
    HLObject *item;
    while ((item = hl_iter_next(it)) != NULL) {
        int cmp = hl_object_richcompare_bool(item, ob, HL_EQ);
        hl_decref(item);
        if (cmp != 0) {
            found = cmp;
            break;
        }
    }
    hl_decref(it);
    if (found == 0 && hl_err_occurred())
        return -1;
    return found;
}

/* ---- formatting ------------------------------------------------------------ */

HLObject *hl_object_format(HLObject *obj, HLObject *format_spec)
{
    if (format_spec == NULL || HL_STR_LEN(format_spec) == 0) {
        if (hl_str_check_exact(obj))
            return hl_newref(obj);
        if (hl_long_check_exact(obj))
            return hl_object_str(obj);
    }
    HLObject *empty = NULL;
    if (format_spec == NULL)
        format_spec = empty = hl_str_empty();
    HLObject *meth = hl_lookup_special(obj, "__format__");
    HLObject *result = NULL;
    if (meth == NULL) {
        if (!hl_err_occurred())
            hl_err_format(hl_exc_TypeError, "Type %s doesn't define __format__", HL_TYPE(obj)->tp_name);
    } else {
        result = hl_call_one(meth, format_spec);
        hl_decref(meth);
        if (result && !hl_str_check(result)) {
            hl_err_format(hl_exc_TypeError, "__format__ must return a str, not %s", HL_TYPE(result)->tp_name);
            hl_decref(result);
            result = NULL;
        }
    }
    hl_xdecref(empty);
    return result;
}

/* ascii(o): repr(o) with every non-ASCII character escaped. */
HLObject *hl_object_ascii(HLObject *v)
{
    HLObject *repr = hl_object_repr(v);
    if (repr == NULL || HL_STR_IS_ASCII(repr))
        return repr;
    hl_ssize_t n = HL_STR_LEN(repr);
    unsigned kind = HL_STR_KIND(repr);
    const void *data = HL_STR_DATA(repr);
    hl_strbuf b = HL_STRBUF_INIT;
    for (hl_ssize_t i = 0; i < n; i++) {
        uint32_t ch = hl_str_read(kind, data, i);
        if (ch < 0x80)
            hl_sb_putc(&b, (char)ch);
        else if (ch < 0x100)
            hl_sb_printf(&b, "\\x%02x", ch);
        else if (ch < 0x10000)
            hl_sb_printf(&b, "\\u%04x", ch);
        else
            hl_sb_printf(&b, "\\U%08x", ch);
    }
    hl_decref(repr);
    HLObject *res = b.failed ? hl_err_nomemory() : hl_str_from_utf8(hl_sb_cstr(&b), (hl_ssize_t)b.len);
    hl_sb_free(&b);
    return res;
}
