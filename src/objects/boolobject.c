/*
 * boolobject.c — bool, the subclass of int with exactly two instances.
 *
 * True and False are static HLLongObjects laid out like any int (False has
 * ob_size 0 and one zero digit, True ob_size 1 and digit 1: 16 bytes each,
 * sys.getsizeof 16, as 3.11's _Py_FalseStruct/_Py_TrueStruct).  Unlike the
 * small ints they start with refcount 1 and are counted normally, so
 * sys.getrefcount(True) moves as in CPython 3.11; they must never die
 * (bool_dealloc is fatal).
 *
 * Everything but repr and the three bitwise operators is int's: True + 1
 * is 2, but True & False is False when both operands are bools.  bool
 * cannot be subclassed (no BASETYPE flag).  bool(x) is hl_object_is_true.
 */
#include "longobject.h"

#include "../runtime/errors.h"
#include "abstract.h"
#include "dictobject.h"
#include "strobject.h"
#include "tupleobject.h"

HLLongObject hl_false_struct = {{{1, &hl_bool_type}, 0}, {0}};
HLLongObject hl_true_struct = {{{1, &hl_bool_type}, 1}, {1}};

static HLObject *bool_repr(HLObject *self)
{
    /* CPython returns its static identifier strings 'True'/'False'. */
    return hl_str_from_cstr(self == HL_True ? "True" : "False");
}

static HLObject *bool_new(HLTypeObject *type, HLObject *args, HLObject *kwds)
{
    if (kwds != NULL && hl_dict_size(kwds) != 0) {
        hl_err_set_string(hl_exc_TypeError, "bool() takes no keyword arguments");
        return NULL;
    }
    if (hl_arg_check_positional("bool", HL_SIZE(args), 0, 1) < 0)
        return NULL;
    if (HL_SIZE(args) == 0)
        return hl_bool_from_long(0);
    int ok = hl_object_is_true(HL_TUPLE_GET(args, 0));
    return ok < 0 ? NULL : hl_bool_from_long(ok);
}

static HLObject *bool_vectorcall(HLObject *type, HLObject *const *args, size_t nargsf, HLObject *kwnames)
{
    hl_ssize_t nargs = HL_NARGS(nargsf);
    if (hl_arg_no_kwnames("bool", kwnames) < 0 || hl_arg_check_positional("bool", nargs, 0, 1) < 0)
        return NULL;
    if (nargs == 0)
        return hl_bool_from_long(0);
    int ok = hl_object_is_true(args[0]);
    return ok < 0 ? NULL : hl_bool_from_long(ok);
}

static HLObject *bool_and(HLObject *a, HLObject *b)
{
    if (!hl_bool_check(a) || !hl_bool_check(b))
        return hl_long_as_number.nb_and(a, b);
    return hl_bool_from_long((a == HL_True) & (b == HL_True));
}

static HLObject *bool_or(HLObject *a, HLObject *b)
{
    if (!hl_bool_check(a) || !hl_bool_check(b))
        return hl_long_as_number.nb_or(a, b);
    return hl_bool_from_long((a == HL_True) | (b == HL_True));
}

static HLObject *bool_xor(HLObject *a, HLObject *b)
{
    if (!hl_bool_check(a) || !hl_bool_check(b))
        return hl_long_as_number.nb_xor(a, b);
    return hl_bool_from_long((a == HL_True) ^ (b == HL_True));
}

static void bool_dealloc(HLObject *self)
{
    hl_fatal("deallocating %s", self == HL_True ? "True" : "False");
}

static hl_hash_t bool_hash(HLObject *v) { return hl_long_hash(v); }

/* The other number slots are int's; they are filled in here rather than
 * left to inheritance so that bool works the same before and after
 * hl_type_ready. */
static HLNumberMethods bool_as_number = {
    .nb_and = bool_and,
    .nb_xor = bool_xor,
    .nb_or = bool_or,
};

void hl_bool_init_slots(void)
{
    HLNumberMethods *d = &bool_as_number, *s = &hl_long_as_number;
#define COPY(slot)                                                             \
    if (d->slot == NULL)                                                       \
        d->slot = s->slot
    COPY(nb_add); COPY(nb_subtract); COPY(nb_multiply); COPY(nb_remainder);
    COPY(nb_divmod); COPY(nb_power); COPY(nb_negative); COPY(nb_positive);
    COPY(nb_absolute); COPY(nb_bool); COPY(nb_invert); COPY(nb_lshift);
    COPY(nb_rshift); COPY(nb_int); COPY(nb_float); COPY(nb_floor_divide);
    COPY(nb_true_divide); COPY(nb_index);
#undef COPY
}

HLTypeObject hl_bool_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "bool",
    .tp_basicsize = offsetof(HLLongObject, ob_digit),
    .tp_itemsize = sizeof(hl_digit),
    .tp_dealloc = bool_dealloc,
    .tp_repr = bool_repr,
    .tp_as_number = &bool_as_number,
    .tp_hash = bool_hash,
    .tp_richcompare = hl_long_richcompare,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_LONG_SUBCLASS,
    .tp_doc = "bool(x) -> bool",
    .tp_base = &hl_long_type,
    .tp_new = bool_new,
    .tp_free = hl_object_free,
    .tp_vectorcall = bool_vectorcall,
};
