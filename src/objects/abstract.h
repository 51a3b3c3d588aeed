/*
 * abstract.h — the object protocols the interpreter and the types use:
 * numbers, sequences, mappings, calls, formatting, argument checks
 * (abstract.c).  Each follows CPython's dispatch rules, so that for
 * example a + b tries a's nb_add, then b's reflected one, and ends in
 * CPython's TypeError message.
 */
#ifndef HL_ABSTRACT_H
#define HL_ABSTRACT_H

#include "../runtime/object.h"

HLObject *hl_number_add(HLObject *a, HLObject *b);
HLObject *hl_number_subtract(HLObject *a, HLObject *b);
HLObject *hl_number_multiply(HLObject *a, HLObject *b);
HLObject *hl_number_true_divide(HLObject *a, HLObject *b);
HLObject *hl_number_floor_divide(HLObject *a, HLObject *b);
HLObject *hl_number_remainder(HLObject *a, HLObject *b);
HLObject *hl_number_divmod(HLObject *a, HLObject *b);
HLObject *hl_number_power(HLObject *a, HLObject *b, HLObject *c);
HLObject *hl_number_lshift(HLObject *a, HLObject *b);
HLObject *hl_number_rshift(HLObject *a, HLObject *b);
HLObject *hl_number_and(HLObject *a, HLObject *b);
HLObject *hl_number_or(HLObject *a, HLObject *b);
HLObject *hl_number_xor(HLObject *a, HLObject *b);
HLObject *hl_number_negative(HLObject *a);
HLObject *hl_number_positive(HLObject *a);
HLObject *hl_number_absolute(HLObject *a);
HLObject *hl_number_invert(HLObject *a);
/* In-place forms: a += b etc. (nb_inplace_* first, then the plain op). */
HLObject *hl_number_inplace(HLObject *a, HLObject *b, int op);
HLObject *hl_number_binary(HLObject *a, HLObject *b, int op); /* op: HL_NB_* */
enum {
    HL_NB_ADD, HL_NB_AND, HL_NB_FLOOR_DIVIDE, HL_NB_LSHIFT, HL_NB_MATRIX_MULTIPLY,
    HL_NB_MULTIPLY, HL_NB_REMAINDER, HL_NB_OR, HL_NB_POWER, HL_NB_RSHIFT,
    HL_NB_SUBTRACT, HL_NB_TRUE_DIVIDE, HL_NB_XOR
};
HLObject *hl_number_index(HLObject *o);           /* operator.index(o) */
hl_ssize_t hl_number_as_ssize(HLObject *o, HLObject *overflow_exc); /* clamps if exc NULL */
HLObject *hl_number_long(HLObject *o);            /* int(o) */
HLObject *hl_number_float(HLObject *o);           /* float(o) */
int hl_index_check(HLObject *o);

HLObject *hl_object_get_item(HLObject *o, HLObject *key);
int hl_object_set_item(HLObject *o, HLObject *key, HLObject *value);
int hl_object_del_item(HLObject *o, HLObject *key);
HLObject *hl_sequence_get_item(HLObject *o, hl_ssize_t i);
int hl_sequence_contains(HLObject *seq, HLObject *item); /* -1 on error */
hl_ssize_t hl_object_length(HLObject *o);         /* len(o); -1 on error */

HLObject *hl_object_format(HLObject *obj, HLObject *spec); /* format(obj, spec) */
HLObject *hl_object_ascii(HLObject *o);

/* Argument checks with CPython's messages. */
int hl_arg_check_positional(const char *name, hl_ssize_t nargs, hl_ssize_t min, hl_ssize_t max);
int hl_arg_no_kwnames(const char *name, HLObject *kwnames);
HLObject *hl_object_get_method(HLObject *obj, HLObject *name, int *is_unbound);
/* A special method looked up on the type and bound (or NULL, no error). */
HLObject *hl_lookup_special(HLObject *self, const char *name);
/* Calls a method by name with positional arguments. */
HLObject *hl_call_method(HLObject *obj, const char *name, HLObject *const *args, hl_ssize_t nargs);

#endif /* HL_ABSTRACT_H */
