/*
 * typeslots.c — the bridge between dunder methods and C slots (CPython
 * 3.11's slotdefs machinery in typeobject.c).
 *
 * Every C slot of a type (tp_repr, nb_add, sq_length, ...) has one or more
 * entries in `slotdefs`, each naming the dunder that corresponds to it, the
 * dispatcher a class gets when it defines that dunder (slot_tp_repr calls
 * the class's __repr__), and the wrapper that exposes a C implementation
 * of the slot as a method (`int.__add__` is a slot wrapper around long's
 * nb_add, called through wrap_binaryfunc_l).  Entries for the same slot
 * are adjacent: __add__ and __radd__ both feed nb_add; the six rich
 * comparisons feed tp_richcompare.
 *
 * Three algorithms use the table:
 *
 *   add_operators (type_ready): for every slot the type itself defines (a
 *     static type's C functions; a class has none yet), put a wrapper
 *     descriptor in the type's dict unless the name is already there.  A
 *     tp_hash of hl_hash_not_implemented shows as __hash__ = None.
 *
 *   update_one_slot: for one group of entries, look each name up along the
 *     MRO.  If every name found is a wrapper around the same C function for
 *     this very slot (a class inheriting object.__repr__), the slot gets
 *     that C function directly ("specific") and no Python-level call is
 *     involved; if anything else is found (a Python function, a property,
 *     None for __hash__, the `__new__` of a static base), the slot gets the
 *     generic dispatcher.  Nothing found leaves the slot empty.
 *     fixup_slot_dispatchers runs it for every group when type_new creates
 *     a class; update_slot runs it for the groups of one name when a
 *     dunder is assigned on a class, and again for each subclass that does
 *     not define the name itself.
 *
 *   The dispatchers (slot_*) look the dunder up on the type, never on the
 *     instance (lookup_maybe_method).  A function or method descriptor
 *     found there is called with self prepended — no bound-method object
 *     is made, which shows in refcounts and allocation counts; anything
 *     else is bound through its __get__ first.  Binary operators follow
 *     SLOT1BINFULL: the reflected method of a right operand whose type is
 *     a subclass overriding it goes first.
 *
 * The wrapper functions (wrap_*) check and convert the argument tuple a
 * slot wrapper is called with, with CPython's messages ("expected 1
 * argument, got 0").  tp_new has no wrapper descriptor: a type with tp_new
 * gets `__new__`, a built-in method bound to the type (tp_new_wrapper),
 * that refuses to create instances of a subtype with another C-level
 * tp_new ("object.__new__(int) is not safe, use int.__new__()").
 */
#include "typeobject.h"

#include <stddef.h>
#include <string.h>

#include "../runtime/errors.h"
#include "../runtime/state.h"
#include "../runtime/sysmem.h"
#include "../runtime/weakref.h"
#include "abstract.h"
#include "descrobject.h"
#include "dictobject.h"
#include "longobject.h"
#include "strobject.h"
#include "tupleobject.h"

/* ---- interned dunder names ------------------------------------------------- */

/* The dispatchers' names are the slotdefs' interned names (CPython's
 * static _Py_ID strings): looked up once per call site, borrowed from the
 * table, so a dispatch never allocates a name. */
static HLObject *slot_name_object(const char *s);

static HLObject *intern_cached(HLObject **slot, const char *s)
{
    if (*slot == NULL)
        *slot = slot_name_object(s);
    return *slot;
}
/* (a GNU statement expression: one cache per call site) */
#define ID(name)                                                               \
    ({                                                                         \
        static HLObject *id_##name;                                            \
        intern_cached(&id_##name, #name);                                      \
    })

/* ---- calling dunders --------------------------------------------------------- */

HLObject *hl_slot_lookup_maybe_method(HLObject *self, HLObject *name, int *unbound)
{
    if (name == NULL)
        return NULL;
    HLObject *res = hl_type_lookup(HL_TYPE(self), name);
    if (res == NULL)
        return NULL;
    if (HL_TYPE_HAS_FLAG(HL_TYPE(res), HL_TPFLAGS_METHOD_DESCRIPTOR)) {
        *unbound = 1; /* a function: call it with self, no bound method */
        return hl_newref(res);
    }
    *unbound = 0;
    hl_descrgetfunc f = HL_TYPE(res)->tp_descr_get;
    if (f == NULL)
        return hl_newref(res);
    return f(res, self, (HLObject *)HL_TYPE(self));
}

static HLObject *lookup_method(HLObject *self, HLObject *name, int *unbound)
{
    HLObject *res = hl_slot_lookup_maybe_method(self, name, unbound);
    if (res == NULL && !hl_err_occurred())
        hl_err_set_object(hl_exc_AttributeError, name);
    return res;
}

/* vectorcall_unbound: args[0] is self; a bound callable skips it.  Inline
 * in the dispatchers below, which recursion through dunders passes. */
static HL_INLINE HLObject *call_unbound(int unbound, HLObject *func, HLObject *const *args, hl_ssize_t nargs)
{
    if (unbound)
        return hl_vectorcall(func, args, (size_t)nargs, NULL);
    return hl_vectorcall(func, args + 1, (size_t)(nargs - 1) | HL_VECTORCALL_ARGUMENTS_OFFSET, NULL);
}

HLObject *hl_slot_call_unbound(int unbound, HLObject *func, HLObject *const *args, hl_ssize_t nargs)
{
    return call_unbound(unbound, func, args, nargs);
}

/* vectorcall_method: self.name(*args[1:]), AttributeError if missing. */
static HLObject *call_method(HLObject *name, HLObject *const *args, hl_ssize_t nargs)
{
    int unbound;
    HLObject *func = lookup_method(args[0], name, &unbound);
    if (func == NULL)
        return NULL;
    HLObject *res = call_unbound(unbound, func, args, nargs);
    hl_decref(func);
    return res;
}

/* vectorcall_maybe: NotImplemented if the method is missing. */
static HLObject *call_maybe(HLObject *name, HLObject *const *args, hl_ssize_t nargs)
{
    int unbound;
    HLObject *func = hl_slot_lookup_maybe_method(args[0], name, &unbound);
    if (func == NULL)
        return hl_err_occurred() ? NULL : hl_newref(HL_NotImplemented);
    HLObject *res = call_unbound(unbound, func, args, nargs);
    hl_decref(func);
    return res;
}

static HLObject *call_unbound_noarg(int unbound, HLObject *func, HLObject *self)
{
    HLObject *args[1] = {self};
    return call_unbound(unbound, func, args, 1);
}

static int has_vectorcall(HLObject *callable)
{
    HLTypeObject *tp = HL_TYPE(callable);
    if (HL_TYPE_HAS_FLAG(tp, HL_TPFLAGS_HAVE_VECTORCALL) && tp->tp_vectorcall_offset > 0)
        return *(hl_vectorcallfunc *)((char *)callable + tp->tp_vectorcall_offset) != NULL;
    return hl_type_check(callable) && ((HLTypeObject *)callable)->tp_vectorcall != NULL;
}

/* _PyObject_Call_Prepend: callable(obj, *args, **kwargs). */
static HLObject *call_prepend(HLObject *callable, HLObject *obj, HLObject *args, HLObject *kwargs)
{
    hl_ssize_t nargs = HL_SIZE(args), nkw = kwargs ? hl_dict_size(kwargs) : 0;
    if (nkw && !has_vectorcall(callable)) {
        HLObject *all = hl_tuple_new(nargs + 1);
        if (all == NULL)
            return NULL;
        HL_TUPLE_SET(all, 0, hl_newref(obj));
        for (hl_ssize_t i = 0; i < nargs; i++)
            HL_TUPLE_SET(all, i + 1, hl_newref(HL_TUPLE_GET(args, i)));
        HLObject *res = hl_call(callable, all, kwargs);
        hl_decref(all);
        return res;
    }
    HLObject *small[8];
    size_t n = (size_t)(nargs + 1 + nkw);
    HLObject **stack = n <= 8 ? small : hl_raw_malloc(sizeof(HLObject *) * n);
    if (stack == NULL)
        return hl_err_nomemory();
    stack[0] = obj;
    for (hl_ssize_t i = 0; i < nargs; i++)
        stack[i + 1] = HL_TUPLE_GET(args, i);
    HLObject *kwnames = NULL, *res = NULL;
    if (nkw) {
        if ((kwnames = hl_tuple_new(nkw)) == NULL)
            goto done;
        hl_ssize_t pos = 0, j = 0;
        HLObject *k, *v;
        while (hl_dict_next(kwargs, &pos, &k, &v)) {
            HL_TUPLE_SET(kwnames, j, hl_newref(k));
            stack[nargs + 1 + j++] = v;
        }
    }
    res = hl_vectorcall(callable, stack, (size_t)(nargs + 1), kwnames);
done:
    hl_xdecref(kwnames);
    if (stack != small)
        hl_raw_free(stack);
    return res;
}

/* ---- the dispatchers: C slots calling dunders ---------------------------------- */

#define SLOT0(FUNCNAME, DUNDER)                                                \
    static HLObject *FUNCNAME(HLObject *self)                                  \
    {                                                                          \
        HLObject *stack[1] = {self};                                           \
        return call_method(ID(DUNDER), stack, 1);                              \
    }

#define SLOT1(FUNCNAME, DUNDER)                                                \
    static HLObject *FUNCNAME(HLObject *self, HLObject *arg)                   \
    {                                                                          \
        HLObject *stack[2] = {self, arg};                                      \
        return call_method(ID(DUNDER), stack, 2);                              \
    }

/* A method of the right operand's type, when that type is a subclass of
 * the left's, is used first only if it overrides the left's. */
static int method_is_overloaded(HLObject *left, HLObject *right, HLObject *name)
{
    HLObject *b = hl_object_getattr((HLObject *)HL_TYPE(right), name);
    if (b == NULL) {
        if (!hl_err_exception_matches(hl_exc_AttributeError))
            return -1;
        hl_err_clear();
        return 0;
    }
    HLObject *a = hl_object_getattr((HLObject *)HL_TYPE(left), name);
    if (a == NULL) {
        hl_decref(b);
        if (!hl_err_exception_matches(hl_exc_AttributeError))
            return -1;
        hl_err_clear();
        return 1;
    }
    int ok = hl_object_richcompare_bool(a, b, HL_NE);
    hl_decref(a);
    hl_decref(b);
    return ok;
}

/* SLOT1BINFULL: self OP other through __op__ and other's __rop__. */
static HLObject *binary_dispatch(HLObject *self, HLObject *other, hl_binaryfunc testfunc,
                                 size_t slot_index, HLObject *dunder, HLObject *rdunder)
{
    HLNumberMethods *snb = HL_TYPE(self)->tp_as_number, *onb = HL_TYPE(other)->tp_as_number;
    int do_other = !HL_IS_TYPE(self, HL_TYPE(other)) && onb != NULL &&
                   ((hl_binaryfunc *)onb)[slot_index] == testfunc;
    HLObject *stack[2];
    if (snb != NULL && ((hl_binaryfunc *)snb)[slot_index] == testfunc) {
        HLObject *r;
        if (do_other && hl_type_is_subtype(HL_TYPE(other), HL_TYPE(self))) {
            int ok = method_is_overloaded(self, other, rdunder);
            if (ok < 0)
                return NULL;
            if (ok) {
                stack[0] = other;
                stack[1] = self;
                r = call_maybe(rdunder, stack, 2);
                if (r != HL_NotImplemented)
                    return r;
                hl_decref(r);
                do_other = 0;
            }
        }
        stack[0] = self;
        stack[1] = other;
        r = call_maybe(dunder, stack, 2);
        if (r != HL_NotImplemented || HL_IS_TYPE(other, HL_TYPE(self)))
            return r;
        hl_decref(r);
    }
    if (do_other) {
        stack[0] = other;
        stack[1] = self;
        return call_maybe(rdunder, stack, 2);
    }
    return hl_newref(HL_NotImplemented);
}

#define NB_INDEX(field) (offsetof(HLNumberMethods, field) / sizeof(void *))
#define SLOT1BIN(FUNCNAME, SLOTNAME, DUNDER, RDUNDER)                          \
    static HLObject *FUNCNAME(HLObject *self, HLObject *other)                 \
    {                                                                          \
        return binary_dispatch(self, other, FUNCNAME, NB_INDEX(SLOTNAME), ID(DUNDER), ID(RDUNDER)); \
    }

SLOT1BIN(slot_nb_add, nb_add, __add__, __radd__)
SLOT1BIN(slot_nb_subtract, nb_subtract, __sub__, __rsub__)
SLOT1BIN(slot_nb_multiply, nb_multiply, __mul__, __rmul__)
SLOT1BIN(slot_nb_remainder, nb_remainder, __mod__, __rmod__)
SLOT1BIN(slot_nb_divmod, nb_divmod, __divmod__, __rdivmod__)
SLOT1BIN(slot_nb_lshift, nb_lshift, __lshift__, __rlshift__)
SLOT1BIN(slot_nb_rshift, nb_rshift, __rshift__, __rrshift__)
SLOT1BIN(slot_nb_and, nb_and, __and__, __rand__)
SLOT1BIN(slot_nb_xor, nb_xor, __xor__, __rxor__)
SLOT1BIN(slot_nb_or, nb_or, __or__, __ror__)
SLOT1BIN(slot_nb_floor_divide, nb_floor_divide, __floordiv__, __rfloordiv__)
SLOT1BIN(slot_nb_true_divide, nb_true_divide, __truediv__, __rtruediv__)

static HLObject *slot_nb_power(HLObject *self, HLObject *other, HLObject *modulus);

/* The binary form of ** compares against slot_nb_power itself. */
static HLObject *slot_nb_power_binary(HLObject *self, HLObject *other)
{
    HLNumberMethods *snb = HL_TYPE(self)->tp_as_number, *onb = HL_TYPE(other)->tp_as_number;
    int do_other = !HL_IS_TYPE(self, HL_TYPE(other)) && onb != NULL && onb->nb_power == slot_nb_power;
    HLObject *stack[2], *r;
    if (snb != NULL && snb->nb_power == slot_nb_power) {
        if (do_other && hl_type_is_subtype(HL_TYPE(other), HL_TYPE(self))) {
            int ok = method_is_overloaded(self, other, ID(__rpow__));
            if (ok < 0)
                return NULL;
            if (ok) {
                stack[0] = other;
                stack[1] = self;
                r = call_maybe(ID(__rpow__), stack, 2);
                if (r != HL_NotImplemented)
                    return r;
                hl_decref(r);
                do_other = 0;
            }
        }
        stack[0] = self;
        stack[1] = other;
        r = call_maybe(ID(__pow__), stack, 2);
        if (r != HL_NotImplemented || HL_IS_TYPE(other, HL_TYPE(self)))
            return r;
        hl_decref(r);
    }
    if (do_other) {
        stack[0] = other;
        stack[1] = self;
        return call_maybe(ID(__rpow__), stack, 2);
    }
    return hl_newref(HL_NotImplemented);
}

static HLObject *slot_nb_power(HLObject *self, HLObject *other, HLObject *modulus)
{
    if (modulus == HL_None)
        return slot_nb_power_binary(self, other);
    /* Three-argument pow has no reflected form. */
    if (HL_TYPE(self)->tp_as_number != NULL && HL_TYPE(self)->tp_as_number->nb_power == slot_nb_power) {
        HLObject *stack[3] = {self, other, modulus};
        return call_method(ID(__pow__), stack, 3);
    }
    return hl_newref(HL_NotImplemented);
}

SLOT0(slot_nb_negative, __neg__)
SLOT0(slot_nb_positive, __pos__)
SLOT0(slot_nb_absolute, __abs__)
SLOT0(slot_nb_invert, __invert__)
SLOT0(slot_nb_int, __int__)
SLOT0(slot_nb_float, __float__)
SLOT0(slot_nb_index, __index__)
SLOT1(slot_nb_inplace_add, __iadd__)
SLOT1(slot_nb_inplace_subtract, __isub__)
SLOT1(slot_nb_inplace_multiply, __imul__)
SLOT1(slot_nb_inplace_remainder, __imod__)
SLOT1(slot_nb_inplace_lshift, __ilshift__)
SLOT1(slot_nb_inplace_rshift, __irshift__)
SLOT1(slot_nb_inplace_and, __iand__)
SLOT1(slot_nb_inplace_xor, __ixor__)
SLOT1(slot_nb_inplace_or, __ior__)
SLOT1(slot_nb_inplace_floor_divide, __ifloordiv__)
SLOT1(slot_nb_inplace_true_divide, __itruediv__)

static HLObject *slot_nb_inplace_power(HLObject *self, HLObject *arg1, HLObject *arg2)
{
    HLObject *stack[2] = {self, arg1};
    return call_method(ID(__ipow__), stack, 2);
}

/* __bool__, or __len__, or true. */
static int slot_nb_bool(HLObject *self)
{
    int unbound, using_len = 0;
    HLObject *func = hl_slot_lookup_maybe_method(self, ID(__bool__), &unbound);
    if (func == NULL) {
        if (hl_err_occurred())
            return -1;
        func = hl_slot_lookup_maybe_method(self, ID(__len__), &unbound);
        if (func == NULL)
            return hl_err_occurred() ? -1 : 1;
        using_len = 1;
    }
    HLObject *value = call_unbound_noarg(unbound, func, self);
    hl_decref(func);
    if (value == NULL)
        return -1;
    int result;
    if (using_len || HL_IS_TYPE(value, &hl_bool_type)) {
        result = hl_object_is_true(value);
    } else {
        hl_err_format(hl_exc_TypeError, "__bool__ should return bool, returned %s",
                      HL_TYPE(value)->tp_name);
        result = -1;
    }
    hl_decref(value);
    return result;
}

static hl_ssize_t slot_sq_length(HLObject *self)
{
    HLObject *stack[1] = {self};
    HLObject *res = call_method(ID(__len__), stack, 1);
    if (res == NULL)
        return -1;
    HL_SETREF(res, hl_number_index(res));
    if (res == NULL)
        return -1;
    if (hl_long_sign(res) < 0) {
        hl_decref(res);
        hl_err_set_string(hl_exc_ValueError, "__len__() should return >= 0");
        return -1;
    }
    hl_ssize_t len = hl_number_as_ssize(res, hl_exc_OverflowError);
    hl_decref(res);
    return len;
}
#define slot_mp_length slot_sq_length

static HLObject *slot_sq_item(HLObject *self, hl_ssize_t i)
{
    HLObject *ival = hl_long_from_ssize(i);
    if (ival == NULL)
        return NULL;
    HLObject *stack[2] = {self, ival};
    HLObject *res = call_method(ID(__getitem__), stack, 2);
    hl_decref(ival);
    return res;
}

static int slot_sq_ass_item(HLObject *self, hl_ssize_t index, HLObject *value)
{
    HLObject *ival = hl_long_from_ssize(index);
    if (ival == NULL)
        return -1;
    HLObject *stack[3] = {self, ival, value};
    HLObject *res = value == NULL ? call_method(ID(__delitem__), stack, 2)
                                  : call_method(ID(__setitem__), stack, 3);
    hl_decref(ival);
    if (res == NULL)
        return -1;
    hl_decref(res);
    return 0;
}

static int slot_sq_contains(HLObject *self, HLObject *value)
{
    int unbound, result = -1;
    HLObject *func = hl_slot_lookup_maybe_method(self, ID(__contains__), &unbound);
    if (func == HL_None) {
        hl_decref(func);
        hl_err_format(hl_exc_TypeError, "'%s' object is not a container", HL_TYPE(self)->tp_name);
        return -1;
    }
    if (func != NULL) {
        HLObject *args[2] = {self, value};
        HLObject *res = call_unbound(unbound, func, args, 2);
        hl_decref(func);
        if (res != NULL) {
            result = hl_object_is_true(res);
            hl_decref(res);
        }
        return result;
    }
    if (hl_err_occurred())
        return -1;
    /* _PySequence_IterSearch(PY_ITERSEARCH_CONTAINS) */
    HLObject *it = hl_object_get_iter(self);
    if (it == NULL)
        return -1;
    result = 0;
    HLObject *item;
    while (result == 0 && (item = hl_iter_next(it)) != NULL) {
        result = hl_object_richcompare_bool(item, value, HL_EQ);
        hl_decref(item);
    }
    hl_decref(it);
    return result < 0 || hl_err_occurred() ? -1 : result;
}

SLOT1(slot_mp_subscript, __getitem__)

static int slot_mp_ass_subscript(HLObject *self, HLObject *key, HLObject *value)
{
    HLObject *stack[3] = {self, key, value};
    HLObject *res = value == NULL ? call_method(ID(__delitem__), stack, 2)
                                  : call_method(ID(__setitem__), stack, 3);
    if (res == NULL)
        return -1;
    hl_decref(res);
    return 0;
}

static HLObject *slot_tp_repr(HLObject *self)
{
    int unbound;
    HLObject *func = hl_slot_lookup_maybe_method(self, ID(__repr__), &unbound);
    if (func != NULL) {
        HLObject *res = call_unbound_noarg(unbound, func, self);
        hl_decref(func);
        return res;
    }
    hl_err_clear();
    return hl_str_from_format("<%s object at %p>", HL_TYPE(self)->tp_name, (void *)self);
}

SLOT0(slot_tp_str, __str__)

static hl_hash_t slot_tp_hash(HLObject *self)
{
    int unbound;
    HLObject *func = hl_slot_lookup_maybe_method(self, ID(__hash__), &unbound);
    if (func == HL_None)
        HL_CLEAR(func);
    if (func == NULL)
        return hl_hash_not_implemented(self);
    HLObject *res = call_unbound_noarg(unbound, func, self);
    hl_decref(func);
    if (res == NULL)
        return -1;
    if (!HL_HAS_FLAG(res, HL_TPFLAGS_LONG_SUBCLASS)) {
        hl_decref(res);
        hl_err_set_string(hl_exc_TypeError, "__hash__ method should return an integer");
        return -1;
    }
    /* Values within hl_hash_t are kept, so that x.__hash__() returning
     * hash(y) makes hash(x) == hash(y); others are hashed like an int. */
    hl_hash_t h = hl_long_as_ssize(res);
    if (h == -1 && hl_err_occurred()) {
        hl_err_clear();
        h = hl_long_hash(res);
    }
    if (h == -1)
        h = -2;
    hl_decref(res);
    return h;
}

static HLObject *slot_tp_call(HLObject *self, HLObject *args, HLObject *kwds)
{
    int unbound;
    HLObject *meth = lookup_method(self, ID(__call__), &unbound);
    if (meth == NULL)
        return NULL;
    HLObject *res = unbound ? call_prepend(meth, self, args, kwds) : hl_call(meth, args, kwds);
    hl_decref(meth);
    return res;
}

static HLObject *slot_tp_getattro(HLObject *self, HLObject *name)
{
    HLObject *stack[2] = {self, name};
    return call_method(ID(__getattribute__), stack, 2);
}

/* __getattr__ found on the type: bind it and call it with the name. */
static HLObject *call_attribute(HLObject *self, HLObject *attr, HLObject *name)
{
    HLObject *descr = NULL;
    hl_descrgetfunc f = HL_TYPE(attr)->tp_descr_get;
    if (f != NULL) {
        descr = f(attr, self, (HLObject *)HL_TYPE(self));
        if (descr == NULL)
            return NULL;
        attr = descr;
    }
    HLObject *res = hl_call_one(attr, name);
    hl_xdecref(descr);
    return res;
}

static int is_generic_getattr_wrapper(HLObject *descr)
{
    return HL_IS_TYPE(descr, &hl_wrapper_descr_type) &&
           ((HLWrapperDescrObject *)descr)->d_wrapped == (void *)hl_object_generic_getattr;
}

/* slot_tp_getattr_hook: __getattribute__ (usually object's), and
 * __getattr__ when that raises AttributeError. */
static HLObject *slot_tp_getattr_hook(HLObject *self, HLObject *name)
{
    HLTypeObject *tp = HL_TYPE(self);
    HLObject *getattr = hl_type_lookup(tp, ID(__getattr__));
    if (getattr == NULL) {
        /* No __getattr__ (any more): the simpler dispatcher from now on. */
        tp->tp_getattro = slot_tp_getattro;
        return slot_tp_getattro(self, name);
    }
    hl_incref(getattr);
    HLObject *getattribute = hl_type_lookup(tp, ID(__getattribute__)), *res;
    if (getattribute == NULL || is_generic_getattr_wrapper(getattribute)) {
        res = hl_object_generic_getattr(self, name);
    } else {
        hl_incref(getattribute);
        res = call_attribute(self, getattribute, name);
        hl_decref(getattribute);
    }
    if (res == NULL && hl_err_exception_matches(hl_exc_AttributeError)) {
        hl_err_clear();
        res = call_attribute(self, getattr, name);
    }
    hl_decref(getattr);
    return res;
}

int hl_slot_tp_setattro(HLObject *self, HLObject *name, HLObject *value)
{
    HLObject *stack[3] = {self, name, value};
    HLObject *res = value == NULL ? call_method(ID(__delattr__), stack, 2)
                                  : call_method(ID(__setattr__), stack, 3);
    if (res == NULL)
        return -1;
    hl_decref(res);
    return 0;
}

static HLObject *slot_tp_richcompare(HLObject *self, HLObject *other, int op)
{
    static const char *const names[] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};
    static HLObject *ids[6];
    int unbound;
    HLObject *func = hl_slot_lookup_maybe_method(self, intern_cached(&ids[op], names[op]), &unbound);
    if (func == NULL) {
        hl_err_clear();
        return hl_newref(HL_NotImplemented);
    }
    HLObject *stack[2] = {self, other};
    HLObject *res = call_unbound(unbound, func, stack, 2);
    hl_decref(func);
    return res;
}

static HLObject *slot_tp_iter(HLObject *self)
{
    int unbound;
    HLObject *func = hl_slot_lookup_maybe_method(self, ID(__iter__), &unbound);
    if (func == HL_None) {
        hl_decref(func);
        return hl_err_format(hl_exc_TypeError, "'%s' object is not iterable", HL_TYPE(self)->tp_name);
    }
    if (func != NULL) {
        HLObject *res = call_unbound_noarg(unbound, func, self);
        hl_decref(func);
        return res;
    }
    hl_err_clear();
    func = hl_slot_lookup_maybe_method(self, ID(__getitem__), &unbound);
    if (func == NULL)
        return hl_err_format(hl_exc_TypeError, "'%s' object is not iterable", HL_TYPE(self)->tp_name);
    hl_decref(func);
    return hl_seq_iter_new(self);
}

SLOT0(slot_tp_iternext, __next__)

static HLObject *slot_tp_descr_get(HLObject *self, HLObject *obj, HLObject *type)
{
    HLTypeObject *tp = HL_TYPE(self);
    HLObject *get = hl_type_lookup(tp, ID(__get__));
    if (get == NULL) {
        if (tp->tp_descr_get == slot_tp_descr_get)
            tp->tp_descr_get = NULL; /* avoid further slowdowns */
        return hl_newref(self);
    }
    HLObject *args[3] = {self, obj ? obj : HL_None, type ? type : HL_None};
    hl_incref(get);
    HLObject *res = hl_vectorcall(get, args, 3, NULL);
    hl_decref(get);
    return res;
}

static int slot_tp_descr_set(HLObject *self, HLObject *target, HLObject *value)
{
    HLObject *stack[3] = {self, target, value};
    HLObject *res = value == NULL ? call_method(ID(__delete__), stack, 2)
                                  : call_method(ID(__set__), stack, 3);
    if (res == NULL)
        return -1;
    hl_decref(res);
    return 0;
}

static int slot_tp_init(HLObject *self, HLObject *args, HLObject *kwds)
{
    int unbound;
    HLObject *meth = lookup_method(self, ID(__init__), &unbound);
    if (meth == NULL)
        return -1;
    HLObject *res = unbound ? call_prepend(meth, self, args, kwds) : hl_call(meth, args, kwds);
    hl_decref(meth);
    if (res == NULL)
        return -1;
    if (res != HL_None) {
        hl_err_format(hl_exc_TypeError, "__init__() should return None, not '%s'",
                      HL_TYPE(res)->tp_name);
        hl_decref(res);
        return -1;
    }
    hl_decref(res);
    return 0;
}

/* __new__ is a static method: looked up on the class, called with it. */
HLObject *hl_slot_tp_new(HLTypeObject *type, HLObject *args, HLObject *kwds)
{
    HLObject *func = hl_object_getattr((HLObject *)type, ID(__new__));
    if (func == NULL)
        return NULL;
    HLObject *result = call_prepend(func, (HLObject *)type, args, kwds);
    hl_decref(func);
    return result;
}

/* __del__, run through the PEP 442 machinery; an exception it raises is
 * reported as unraisable, and one that was being raised is kept. */
void hl_slot_tp_finalize(HLObject *self)
{
    HLObject *saved = hl_err_fetch();
    int unbound;
    HLObject *del = hl_slot_lookup_maybe_method(self, ID(__del__), &unbound);
    if (del != NULL) {
        HLObject *res = call_unbound_noarg(unbound, del, self);
        if (res == NULL)
            hl_err_write_unraisable(del);
        else
            hl_decref(res);
        hl_decref(del);
    } else if (hl_err_occurred()) {
        hl_err_write_unraisable(self);
    }
    hl_err_restore(saved);
}

/* ---- the wrappers: C slots called as methods ------------------------------------- */

static int check_num_args(HLObject *args, int n)
{
    if (n == HL_SIZE(args))
        return 1;
    hl_err_format(hl_exc_TypeError, "expected %d argument%s, got %zd", n, n == 1 ? "" : "s",
                  (ssize_t)HL_SIZE(args));
    return 0;
}

/* PyArg_UnpackTuple(args, "", min, max, ...) */
static int unpack_args(HLObject *args, hl_ssize_t min, hl_ssize_t max, HLObject **out)
{
    hl_ssize_t n = HL_SIZE(args);
    if (n < min || n > max) {
        hl_ssize_t bound = n < min ? min : max;
        hl_err_format(hl_exc_TypeError, " expected %s%zd argument%s, got %zd",
                      min == max ? "" : n < min ? "at least " : "at most ", (ssize_t)bound,
                      bound == 1 ? "" : "s", (ssize_t)n);
        return 0;
    }
    for (hl_ssize_t i = 0; i < n; i++)
        out[i] = HL_TUPLE_GET(args, i);
    return 1;
}

static HLObject *wrap_unaryfunc(HLObject *self, HLObject *args, void *wrapped)
{
    if (!check_num_args(args, 0))
        return NULL;
    return ((hl_unaryfunc)wrapped)(self);
}

static HLObject *wrap_binaryfunc(HLObject *self, HLObject *args, void *wrapped)
{
    if (!check_num_args(args, 1))
        return NULL;
    return ((hl_binaryfunc)wrapped)(self, HL_TUPLE_GET(args, 0));
}
#define wrap_binaryfunc_l wrap_binaryfunc

static HLObject *wrap_binaryfunc_r(HLObject *self, HLObject *args, void *wrapped)
{
    if (!check_num_args(args, 1))
        return NULL;
    return ((hl_binaryfunc)wrapped)(HL_TUPLE_GET(args, 0), self);
}

static HLObject *wrap_ternaryfunc(HLObject *self, HLObject *args, void *wrapped)
{
    HLObject *a[2] = {NULL, HL_None};
    if (!unpack_args(args, 1, 2, a))
        return NULL;
    return ((hl_ternaryfunc)wrapped)(self, a[0], a[1]);
}

static HLObject *wrap_ternaryfunc_r(HLObject *self, HLObject *args, void *wrapped)
{
    HLObject *a[2] = {NULL, HL_None};
    if (!unpack_args(args, 1, 2, a))
        return NULL;
    return ((hl_ternaryfunc)wrapped)(a[0], self, a[1]);
}

static HLObject *wrap_inquirypred(HLObject *self, HLObject *args, void *wrapped)
{
    if (!check_num_args(args, 0))
        return NULL;
    int res = ((hl_inquiry)wrapped)(self);
    return res == -1 && hl_err_occurred() ? NULL : hl_bool_from_long(res);
}

static HLObject *wrap_lenfunc(HLObject *self, HLObject *args, void *wrapped)
{
    if (!check_num_args(args, 0))
        return NULL;
    hl_ssize_t res = ((hl_lenfunc)wrapped)(self);
    return res == -1 && hl_err_occurred() ? NULL : hl_long_from_ssize(res);
}

static HLObject *wrap_indexargfunc(HLObject *self, HLObject *args, void *wrapped)
{
    if (!check_num_args(args, 1))
        return NULL;
    hl_ssize_t i = hl_number_as_ssize(HL_TUPLE_GET(args, 0), hl_exc_OverflowError);
    if (i == -1 && hl_err_occurred())
        return NULL;
    return ((hl_ssizeargfunc)wrapped)(self, i);
}

/* A negative index counts from the end, as sq_item expects. */
static hl_ssize_t getindex(HLObject *self, HLObject *arg)
{
    hl_ssize_t i = hl_number_as_ssize(arg, hl_exc_OverflowError);
    if (i == -1 && hl_err_occurred())
        return -1;
    if (i < 0) {
        HLSequenceMethods *sq = HL_TYPE(self)->tp_as_sequence;
        if (sq && sq->sq_length) {
            hl_ssize_t n = sq->sq_length(self);
            if (n < 0)
                return -1;
            i += n;
        }
    }
    return i;
}

static HLObject *wrap_sq_item(HLObject *self, HLObject *args, void *wrapped)
{
    if (!check_num_args(args, 1))
        return NULL;
    hl_ssize_t i = getindex(self, HL_TUPLE_GET(args, 0));
    if (i == -1 && hl_err_occurred())
        return NULL;
    return ((hl_ssizeargfunc)wrapped)(self, i);
}

static HLObject *wrap_sq_setitem(HLObject *self, HLObject *args, void *wrapped)
{
    HLObject *a[2];
    if (!unpack_args(args, 2, 2, a))
        return NULL;
    hl_ssize_t i = getindex(self, a[0]);
    if (i == -1 && hl_err_occurred())
        return NULL;
    if (((hl_ssizeobjargproc)wrapped)(self, i, a[1]) < 0)
        return NULL;
    return hl_none_new();
}

static HLObject *wrap_sq_delitem(HLObject *self, HLObject *args, void *wrapped)
{
    if (!check_num_args(args, 1))
        return NULL;
    hl_ssize_t i = getindex(self, HL_TUPLE_GET(args, 0));
    if (i == -1 && hl_err_occurred())
        return NULL;
    if (((hl_ssizeobjargproc)wrapped)(self, i, NULL) < 0)
        return NULL;
    return hl_none_new();
}

static HLObject *wrap_objobjproc(HLObject *self, HLObject *args, void *wrapped)
{
    if (!check_num_args(args, 1))
        return NULL;
    int res = ((hl_objobjproc)wrapped)(self, HL_TUPLE_GET(args, 0));
    return res == -1 && hl_err_occurred() ? NULL : hl_bool_from_long(res);
}

static HLObject *wrap_objobjargproc(HLObject *self, HLObject *args, void *wrapped)
{
    HLObject *a[2];
    if (!unpack_args(args, 2, 2, a))
        return NULL;
    if (((hl_objobjargproc)wrapped)(self, a[0], a[1]) < 0)
        return NULL;
    return hl_none_new();
}

static HLObject *wrap_delitem(HLObject *self, HLObject *args, void *wrapped)
{
    if (!check_num_args(args, 1))
        return NULL;
    if (((hl_objobjargproc)wrapped)(self, HL_TUPLE_GET(args, 0), NULL) < 0)
        return NULL;
    return hl_none_new();
}

/* hackcheck: object.__setattr__(instance_of_a_C_type_that_overrides_it,
 * ...) would skip that type's own tp_setattro; refuse ("Carlo Verre"). */
static int hackcheck(HLObject *self, hl_setattrofunc func, const char *what)
{
    HLTypeObject *type = HL_TYPE(self);
    HLObject *mro = type->tp_mro;
    if (mro == NULL)
        return 1;
    HLTypeObject *defining = type;
    for (hl_ssize_t i = HL_SIZE(mro) - 1; i >= 0; i--) {
        HLTypeObject *base = (HLTypeObject *)HL_TUPLE_GET(mro, i);
        if (base->tp_setattro != hl_slot_tp_setattro && base->tp_setattro == type->tp_setattro) {
            defining = base;
            break;
        }
    }
    for (HLTypeObject *base = defining; base; base = base->tp_base) {
        if (base->tp_setattro == func)
            break;
        if (base->tp_setattro != hl_slot_tp_setattro) {
            hl_err_format(hl_exc_TypeError, "can't apply this %s to %s object", what, type->tp_name);
            return 0;
        }
    }
    return 1;
}

static HLObject *wrap_setattr(HLObject *self, HLObject *args, void *wrapped)
{
    HLObject *a[2];
    if (!unpack_args(args, 2, 2, a) || !hackcheck(self, (hl_setattrofunc)wrapped, "__setattr__"))
        return NULL;
    if (((hl_setattrofunc)wrapped)(self, a[0], a[1]) < 0)
        return NULL;
    return hl_none_new();
}

static HLObject *wrap_delattr(HLObject *self, HLObject *args, void *wrapped)
{
    if (!check_num_args(args, 1) || !hackcheck(self, (hl_setattrofunc)wrapped, "__delattr__"))
        return NULL;
    if (((hl_setattrofunc)wrapped)(self, HL_TUPLE_GET(args, 0), NULL) < 0)
        return NULL;
    return hl_none_new();
}

static HLObject *wrap_hashfunc(HLObject *self, HLObject *args, void *wrapped)
{
    if (!check_num_args(args, 0))
        return NULL;
    hl_hash_t res = ((hl_hashfunc)wrapped)(self);
    return res == -1 && hl_err_occurred() ? NULL : hl_long_from_ssize(res);
}

static HLObject *wrap_call(HLObject *self, HLObject *args, void *wrapped, HLObject *kwds)
{
    return ((hl_ternaryfunc)wrapped)(self, args, kwds);
}

static HLObject *wrap_del(HLObject *self, HLObject *args, void *wrapped)
{
    if (!check_num_args(args, 0))
        return NULL;
    ((hl_destructor)wrapped)(self);
    return hl_none_new();
}

static HLObject *wrap_richcmpfunc(HLObject *self, HLObject *args, void *wrapped, int op)
{
    if (!check_num_args(args, 1))
        return NULL;
    return ((hl_richcmpfunc)wrapped)(self, HL_TUPLE_GET(args, 0), op);
}

#define RICHCMP_WRAPPER(NAME, OP)                                              \
    static HLObject *richcmp_##NAME(HLObject *self, HLObject *args, void *wrapped) \
    {                                                                          \
        return wrap_richcmpfunc(self, args, wrapped, OP);                      \
    }
RICHCMP_WRAPPER(lt, HL_LT)
RICHCMP_WRAPPER(le, HL_LE)
RICHCMP_WRAPPER(eq, HL_EQ)
RICHCMP_WRAPPER(ne, HL_NE)
RICHCMP_WRAPPER(gt, HL_GT)
RICHCMP_WRAPPER(ge, HL_GE)

static HLObject *wrap_next(HLObject *self, HLObject *args, void *wrapped)
{
    if (!check_num_args(args, 0))
        return NULL;
    HLObject *res = ((hl_unaryfunc)wrapped)(self);
    if (res == NULL && !hl_err_occurred())
        hl_err_set_none(hl_exc_StopIteration);
    return res;
}

static HLObject *wrap_descr_get(HLObject *self, HLObject *args, void *wrapped)
{
    HLObject *a[2] = {NULL, NULL};
    if (!unpack_args(args, 1, 2, a))
        return NULL;
    HLObject *obj = a[0] == HL_None ? NULL : a[0], *type = a[1] == HL_None ? NULL : a[1];
    if (type == NULL && obj == NULL) {
        hl_err_set_string(hl_exc_TypeError, "__get__(None, None) is invalid");
        return NULL;
    }
    return ((hl_descrgetfunc)wrapped)(self, obj, type);
}

static HLObject *wrap_descr_set(HLObject *self, HLObject *args, void *wrapped)
{
    HLObject *a[2];
    if (!unpack_args(args, 2, 2, a))
        return NULL;
    if (((hl_descrsetfunc)wrapped)(self, a[0], a[1]) < 0)
        return NULL;
    return hl_none_new();
}

static HLObject *wrap_descr_delete(HLObject *self, HLObject *args, void *wrapped)
{
    if (!check_num_args(args, 1))
        return NULL;
    if (((hl_descrsetfunc)wrapped)(self, HL_TUPLE_GET(args, 0), NULL) < 0)
        return NULL;
    return hl_none_new();
}

static HLObject *wrap_init(HLObject *self, HLObject *args, void *wrapped, HLObject *kwds)
{
    if (((hl_initproc)wrapped)(self, args, kwds) < 0)
        return NULL;
    return hl_none_new();
}

/* ---- tp_new_wrapper: `__new__` of a type with a C tp_new ------------------------- */

static HLObject *tp_new_wrapper(HLObject *self, HLObject *const *argv, hl_ssize_t nargs,
                                HLObject *kwnames)
{
    if (self == NULL || !hl_type_check(self)) {
        hl_err_set_string(hl_exc_SystemError, "__new__() called with non-type 'self'");
        return NULL;
    }
    HLTypeObject *type = (HLTypeObject *)self;
    /* As a METH_VARARGS function: the arguments as a tuple, keywords as a dict. */
    HLObject *args = hl_tuple_from_array(argv, nargs), *kwds = NULL, *res = NULL;
    if (args == NULL)
        return NULL;
    if (kwnames != NULL && HL_SIZE(kwnames)) {
        if ((kwds = hl_dict_new()) == NULL)
            goto done;
        for (hl_ssize_t i = 0; i < HL_SIZE(kwnames); i++)
            if (hl_dict_set_item(kwds, HL_TUPLE_GET(kwnames, i), argv[nargs + i]) < 0)
                goto done;
    }
    if (nargs < 1) {
        hl_err_format(hl_exc_TypeError, "%s.__new__(): not enough arguments", type->tp_name);
        goto done;
    }
    HLObject *arg0 = argv[0];
    if (!hl_type_check(arg0)) {
        hl_err_format(hl_exc_TypeError, "%s.__new__(X): X is not a type object (%s)",
                      type->tp_name, HL_TYPE(arg0)->tp_name);
        goto done;
    }
    HLTypeObject *subtype = (HLTypeObject *)arg0;
    if (!hl_type_is_subtype(subtype, type)) {
        hl_err_format(hl_exc_TypeError, "%s.__new__(%s): %s is not a subtype of %s", type->tp_name,
                      subtype->tp_name, subtype->tp_name, type->tp_name);
        goto done;
    }
    /* The most derived base that is not a class must use this tp_new:
     * object.__new__(dict) would skip dict's own initialisation. */
    HLTypeObject *staticbase = subtype;
    while (staticbase && staticbase->tp_new == hl_slot_tp_new)
        staticbase = staticbase->tp_base;
    if (staticbase && staticbase->tp_new != type->tp_new) {
        hl_err_format(hl_exc_TypeError, "%s.__new__(%s) is not safe, use %s.__new__()",
                      type->tp_name, subtype->tp_name, staticbase->tp_name);
        goto done;
    }
    HLObject *rest = hl_tuple_get_slice(args, 1, nargs);
    if (rest != NULL) {
        res = type->tp_new(subtype, rest, kwds);
        hl_decref(rest);
    }
done:
    hl_decref(args);
    hl_xdecref(kwds);
    return res;
}

HLMethodDef hl_tp_new_methoddef[] = {
    {"__new__", tp_new_wrapper, HL_METH_VARARGS | HL_METH_KEYWORDS,
     "Create and return a new object.  See help(type) for accurate signature."},
    {NULL}};

/* ---- the table ---------------------------------------------------------------------- */

#define OFF(field) ((int)offsetof(HLHeapTypeObject, field))
#define ETSLOT(NAME, FIELD, FUNCTION, WRAPPER, FLAGS)                          \
    {NAME, OFF(FIELD), (void *)(FUNCTION), (hl_wrapperfunc)(void (*)(void))(WRAPPER), NULL, FLAGS, NULL}
#define TPSLOT(NAME, SLOT, FUNCTION, WRAPPER) ETSLOT(NAME, ht_type.SLOT, FUNCTION, WRAPPER, 0)
#define FLSLOT(NAME, SLOT, FUNCTION, WRAPPER) ETSLOT(NAME, ht_type.SLOT, FUNCTION, WRAPPER, HL_WRAPPER_KEYWORDS)
#define NBSLOT(NAME, SLOT, FUNCTION, WRAPPER) ETSLOT(NAME, as_number.SLOT, FUNCTION, WRAPPER, 0)
#define MPSLOT(NAME, SLOT, FUNCTION, WRAPPER) ETSLOT(NAME, as_mapping.SLOT, FUNCTION, WRAPPER, 0)
#define SQSLOT(NAME, SLOT, FUNCTION, WRAPPER) ETSLOT(NAME, as_sequence.SLOT, FUNCTION, WRAPPER, 0)
#define BINSLOT(NAME, SLOT, FUNCTION) NBSLOT(NAME, SLOT, FUNCTION, wrap_binaryfunc_l)
#define RBINSLOT(NAME, SLOT, FUNCTION) NBSLOT(NAME, SLOT, FUNCTION, wrap_binaryfunc_r)
#define IBSLOT(NAME, SLOT, FUNCTION) NBSLOT(NAME, SLOT, FUNCTION, wrap_binaryfunc)

/* CPython 3.11's order (it is the order of the wrappers in a static type's
 * dict); entries sharing a slot are adjacent. */
static hl_slotdef slotdefs[] = {
    TPSLOT("__repr__", tp_repr, slot_tp_repr, wrap_unaryfunc),
    TPSLOT("__hash__", tp_hash, slot_tp_hash, wrap_hashfunc),
    FLSLOT("__call__", tp_call, slot_tp_call, wrap_call),
    TPSLOT("__str__", tp_str, slot_tp_str, wrap_unaryfunc),
    TPSLOT("__getattribute__", tp_getattro, slot_tp_getattr_hook, wrap_binaryfunc),
    TPSLOT("__getattr__", tp_getattro, slot_tp_getattr_hook, NULL),
    TPSLOT("__setattr__", tp_setattro, hl_slot_tp_setattro, wrap_setattr),
    TPSLOT("__delattr__", tp_setattro, hl_slot_tp_setattro, wrap_delattr),
    TPSLOT("__lt__", tp_richcompare, slot_tp_richcompare, richcmp_lt),
    TPSLOT("__le__", tp_richcompare, slot_tp_richcompare, richcmp_le),
    TPSLOT("__eq__", tp_richcompare, slot_tp_richcompare, richcmp_eq),
    TPSLOT("__ne__", tp_richcompare, slot_tp_richcompare, richcmp_ne),
    TPSLOT("__gt__", tp_richcompare, slot_tp_richcompare, richcmp_gt),
    TPSLOT("__ge__", tp_richcompare, slot_tp_richcompare, richcmp_ge),
    TPSLOT("__iter__", tp_iter, slot_tp_iter, wrap_unaryfunc),
    TPSLOT("__next__", tp_iternext, slot_tp_iternext, wrap_next),
    TPSLOT("__get__", tp_descr_get, slot_tp_descr_get, wrap_descr_get),
    TPSLOT("__set__", tp_descr_set, slot_tp_descr_set, wrap_descr_set),
    TPSLOT("__delete__", tp_descr_set, slot_tp_descr_set, wrap_descr_delete),
    FLSLOT("__init__", tp_init, slot_tp_init, wrap_init),
    TPSLOT("__new__", tp_new, hl_slot_tp_new, NULL),
    TPSLOT("__del__", tp_finalize, hl_slot_tp_finalize, wrap_del),

    BINSLOT("__add__", nb_add, slot_nb_add),
    RBINSLOT("__radd__", nb_add, slot_nb_add),
    BINSLOT("__sub__", nb_subtract, slot_nb_subtract),
    RBINSLOT("__rsub__", nb_subtract, slot_nb_subtract),
    BINSLOT("__mul__", nb_multiply, slot_nb_multiply),
    RBINSLOT("__rmul__", nb_multiply, slot_nb_multiply),
    BINSLOT("__mod__", nb_remainder, slot_nb_remainder),
    RBINSLOT("__rmod__", nb_remainder, slot_nb_remainder),
    BINSLOT("__divmod__", nb_divmod, slot_nb_divmod),
    RBINSLOT("__rdivmod__", nb_divmod, slot_nb_divmod),
    NBSLOT("__pow__", nb_power, slot_nb_power, wrap_ternaryfunc),
    NBSLOT("__rpow__", nb_power, slot_nb_power, wrap_ternaryfunc_r),
    NBSLOT("__neg__", nb_negative, slot_nb_negative, wrap_unaryfunc),
    NBSLOT("__pos__", nb_positive, slot_nb_positive, wrap_unaryfunc),
    NBSLOT("__abs__", nb_absolute, slot_nb_absolute, wrap_unaryfunc),
    NBSLOT("__bool__", nb_bool, slot_nb_bool, wrap_inquirypred),
    NBSLOT("__invert__", nb_invert, slot_nb_invert, wrap_unaryfunc),
    BINSLOT("__lshift__", nb_lshift, slot_nb_lshift),
    RBINSLOT("__rlshift__", nb_lshift, slot_nb_lshift),
    BINSLOT("__rshift__", nb_rshift, slot_nb_rshift),
    RBINSLOT("__rrshift__", nb_rshift, slot_nb_rshift),
    BINSLOT("__and__", nb_and, slot_nb_and),
    RBINSLOT("__rand__", nb_and, slot_nb_and),
    BINSLOT("__xor__", nb_xor, slot_nb_xor),
    RBINSLOT("__rxor__", nb_xor, slot_nb_xor),
    BINSLOT("__or__", nb_or, slot_nb_or),
    RBINSLOT("__ror__", nb_or, slot_nb_or),
    NBSLOT("__int__", nb_int, slot_nb_int, wrap_unaryfunc),
    NBSLOT("__float__", nb_float, slot_nb_float, wrap_unaryfunc),
    IBSLOT("__iadd__", nb_inplace_add, slot_nb_inplace_add),
    IBSLOT("__isub__", nb_inplace_subtract, slot_nb_inplace_subtract),
    IBSLOT("__imul__", nb_inplace_multiply, slot_nb_inplace_multiply),
    IBSLOT("__imod__", nb_inplace_remainder, slot_nb_inplace_remainder),
    NBSLOT("__ipow__", nb_inplace_power, slot_nb_inplace_power, wrap_ternaryfunc),
    IBSLOT("__ilshift__", nb_inplace_lshift, slot_nb_inplace_lshift),
    IBSLOT("__irshift__", nb_inplace_rshift, slot_nb_inplace_rshift),
    IBSLOT("__iand__", nb_inplace_and, slot_nb_inplace_and),
    IBSLOT("__ixor__", nb_inplace_xor, slot_nb_inplace_xor),
    IBSLOT("__ior__", nb_inplace_or, slot_nb_inplace_or),
    BINSLOT("__floordiv__", nb_floor_divide, slot_nb_floor_divide),
    RBINSLOT("__rfloordiv__", nb_floor_divide, slot_nb_floor_divide),
    BINSLOT("__truediv__", nb_true_divide, slot_nb_true_divide),
    RBINSLOT("__rtruediv__", nb_true_divide, slot_nb_true_divide),
    IBSLOT("__ifloordiv__", nb_inplace_floor_divide, slot_nb_inplace_floor_divide),
    IBSLOT("__itruediv__", nb_inplace_true_divide, slot_nb_inplace_true_divide),
    NBSLOT("__index__", nb_index, slot_nb_index, wrap_unaryfunc),

    MPSLOT("__len__", mp_length, slot_mp_length, wrap_lenfunc),
    MPSLOT("__getitem__", mp_subscript, slot_mp_subscript, wrap_binaryfunc),
    MPSLOT("__setitem__", mp_ass_subscript, slot_mp_ass_subscript, wrap_objobjargproc),
    MPSLOT("__delitem__", mp_ass_subscript, slot_mp_ass_subscript, wrap_delitem),

    SQSLOT("__len__", sq_length, slot_sq_length, wrap_lenfunc),
    /* A class defining __add__/__mul__ gets nb_add/nb_multiply only; the
     * number protocol falls back to them (CPython's comment: defining the
     * sq_* slots too has surprising effects). */
    SQSLOT("__add__", sq_concat, NULL, wrap_binaryfunc),
    SQSLOT("__mul__", sq_repeat, NULL, wrap_indexargfunc),
    SQSLOT("__rmul__", sq_repeat, NULL, wrap_indexargfunc),
    SQSLOT("__getitem__", sq_item, slot_sq_item, wrap_sq_item),
    SQSLOT("__setitem__", sq_ass_item, slot_sq_ass_item, wrap_sq_setitem),
    SQSLOT("__delitem__", sq_ass_item, slot_sq_ass_item, wrap_sq_delitem),
    SQSLOT("__contains__", sq_contains, slot_sq_contains, wrap_objobjproc),
    SQSLOT("__iadd__", sq_inplace_concat, NULL, wrap_binaryfunc),
    SQSLOT("__imul__", sq_inplace_repeat, NULL, wrap_indexargfunc),
    {NULL}};

static int slotdefs_init(void)
{
    if (slotdefs[0].name_strobj != NULL)
        return 0;
    for (hl_slotdef *p = slotdefs; p->name; p++)
        if ((p->name_strobj = hl_str_intern_from_cstr(p->name)) == NULL)
            return -1;
    return 0;
}

static HLObject *slot_name_object(const char *s)
{
    if (slotdefs_init() < 0)
        return NULL;
    for (hl_slotdef *p = slotdefs; p->name; p++)
        if (strcmp(p->name, s) == 0)
            return p->name_strobj;
    return NULL;
}

/* The address of the slot at `offset` in type, or NULL when the type has
 * no such sub-structure (a static type without tp_as_number). */
static void **slotptr(HLTypeObject *type, int offset)
{
    char *ptr;
    if (offset >= OFF(as_sequence)) {
        ptr = (char *)type->tp_as_sequence;
        offset -= OFF(as_sequence);
    } else if (offset >= OFF(as_mapping)) {
        ptr = (char *)type->tp_as_mapping;
        offset -= OFF(as_mapping);
    } else if (offset >= OFF(as_number)) {
        ptr = (char *)type->tp_as_number;
        offset -= OFF(as_number);
    } else {
        ptr = (char *)type;
    }
    return ptr == NULL ? NULL : (void **)(ptr + offset);
}

int hl_type_add_operators(HLTypeObject *type)
{
    if (slotdefs_init() < 0)
        return -1;
    for (hl_slotdef *p = slotdefs; p->name; p++) {
        if (p->wrapper == NULL)
            continue;
        void **ptr = slotptr(type, p->offset);
        if (ptr == NULL || *ptr == NULL)
            continue;
        int r = hl_dict_contains(type->tp_dict, p->name_strobj);
        if (r < 0)
            return -1;
        if (r > 0)
            continue;
        HLObject *value = *ptr == (void *)hl_hash_not_implemented
                              ? hl_none_new()
                              : hl_descr_new_wrapper(type, p, *ptr);
        if (value == NULL || hl_dict_set_item(type->tp_dict, p->name_strobj, value) < 0) {
            hl_xdecref(value);
            return -1;
        }
        hl_decref(value);
    }
    return 0;
}

/* The slot of type named `name`, if exactly one of its slots is filled. */
static void **resolve_slotdups(HLTypeObject *type, HLObject *name)
{
    void **res = NULL;
    for (hl_slotdef *p = slotdefs; p->name; p++) {
        if (p->name_strobj != name)
            continue;
        void **ptr = slotptr(type, p->offset);
        if (ptr == NULL || *ptr == NULL)
            continue;
        if (res != NULL)
            return NULL;
        res = ptr;
    }
    return res;
}

/* update_one_slot: the group of entries starting at p; returns the next group. */
static hl_slotdef *update_one_slot(HLTypeObject *type, hl_slotdef *p)
{
    int offset = p->offset;
    void **ptr = slotptr(type, offset);
    if (ptr == NULL) {
        do
            ++p;
        while (p->offset == offset);
        return p;
    }
    void *generic = NULL, *specific = NULL;
    int use_generic = 0;
    do {
        HLObject *descr = hl_type_lookup(type, p->name_strobj);
        if (descr == NULL)
            continue;
        if (HL_IS_TYPE(descr, &hl_wrapper_descr_type) &&
            ((HLWrapperDescrObject *)descr)->d_base->name_strobj == p->name_strobj) {
            void **tptr = resolve_slotdups(type, p->name_strobj);
            if (tptr == NULL || tptr == ptr)
                generic = p->function;
            HLWrapperDescrObject *d = (HLWrapperDescrObject *)descr;
            if ((specific == NULL || specific == d->d_wrapped) && d->d_base->wrapper == p->wrapper &&
                hl_type_is_subtype(type, d->d_type))
                specific = d->d_wrapped;
            else
                use_generic = 1; /* conflicting or mismatched wrappers */
        } else if (HL_IS_TYPE(descr, &hl_cfunction_type) &&
                   ((HLCFunctionObject *)descr)->m_ml->ml_meth == hl_tp_new_methoddef[0].ml_meth &&
                   ptr == (void **)&type->tp_new) {
            /* A static base's __new__: keep the tp_new inherited from it. */
            specific = (void *)type->tp_new;
        } else if (descr == HL_None && ptr == (void **)&type->tp_hash) {
            /* __hash__ = None: unhashable, and not inherited. */
            specific = (void *)hl_hash_not_implemented;
        } else {
            use_generic = 1;
            generic = p->function;
            if (p->function == (void *)slot_tp_call)
                type->tp_flags &= ~HL_TPFLAGS_HAVE_VECTORCALL;
        }
    } while ((++p)->offset == offset);
    *ptr = specific && !use_generic ? specific : generic;
    return p;
}

void hl_type_fixup_slot_dispatchers(HLTypeObject *type)
{
    if (slotdefs_init() < 0) {
        hl_err_clear();
        return;
    }
    for (hl_slotdef *p = slotdefs; p->name;)
        p = update_one_slot(type, p);
}

#define MAX_EQUIV 10

static int update_slots_callback(HLTypeObject *type, hl_slotdef **pp)
{
    for (; *pp; pp++)
        update_one_slot(type, *pp);
    return 0;
}

/* update_subclasses: type, then each subclass that does not define the
 * name itself (it would shadow the change). */
static int update_subclasses(HLTypeObject *type, HLObject *name, hl_slotdef **pp)
{
    if (update_slots_callback(type, pp) < 0)
        return -1;
    HLObject *subclasses = type->tp_subclasses;
    if (subclasses == NULL)
        return 0;
    hl_ssize_t pos = 0;
    HLObject *key, *ref;
    while (hl_dict_next(subclasses, &pos, &key, &ref)) {
        HLObject *obj = hl_weakref_get_object(ref);
        if (obj == HL_None)
            continue;
        HLTypeObject *subclass = (HLTypeObject *)obj;
        if (subclass->tp_dict != NULL) {
            int r = hl_dict_contains(subclass->tp_dict, name);
            if (r < 0)
                return -1;
            if (r > 0)
                continue;
        }
        if (update_subclasses(subclass, name, pp) < 0)
            return -1;
    }
    return 0;
}

int hl_type_update_slot(HLTypeObject *type, HLObject *name)
{
    if (slotdefs_init() < 0)
        return -1;
    hl_slotdef *ptrs[MAX_EQUIV], **pp = ptrs;
    for (hl_slotdef *p = slotdefs; p->name; p++)
        if (p->name_strobj == name && pp < ptrs + MAX_EQUIV - 1)
            *pp++ = p;
    *pp = NULL;
    /* Each from the start of its group: a group is updated as a whole. */
    for (pp = ptrs; *pp; pp++) {
        hl_slotdef *p = *pp;
        while (p > slotdefs && (p - 1)->offset == p->offset)
            --p;
        *pp = p;
    }
    if (ptrs[0] == NULL)
        return 0; /* not a name that feeds a slot */
    return update_subclasses(type, name, ptrs);
}
