/*
 * floatobject.h — float.  A free list of up to 100 freed floats is reused
 * before pymalloc (CPython 3.11's PyFloat_MAXFREELIST); a full collection
 * empties it.
 */
#ifndef HL_FLOATOBJECT_H
#define HL_FLOATOBJECT_H

#include "../runtime/object.h"

typedef struct HLFloatObject {
    HLObject ob_base;
    _Alignas(8) double ob_fval; /* wasm32 aligns doubles to 8; so do we */
} HLFloatObject;

#define HL_FLOAT_MAXFREELIST 100

#define hl_float_check(o) hl_object_type_check((HLObject *)(o), &hl_float_type)
#define hl_float_check_exact(o) HL_IS_TYPE(o, &hl_float_type)
#define HL_FLOAT_AS_DOUBLE(o) (((HLFloatObject *)(o))->ob_fval)

HLObject *hl_float_from_double(double v);
/* float(o): floats, ints (OverflowError if too large), objects with
 * __float__ or __index__; -1.0 with an exception set on failure. */
double hl_float_as_double(HLObject *o);
/* Parses a float() argument or literal ("1.5", " -inf ", "1_000.5e3").
 * ValueError "could not convert string to float: %R" on bad input. */
HLObject *hl_float_from_string(HLObject *str);
double hl_parse_float_literal(const char *s, hl_ssize_t len, int *ok);
/* repr(float) exactly as CPython: shortest round-tripping digits, "1.0",
 * "1e+16", "inf", "nan".  Writes into buf (at least 32 bytes). */
void hl_float_repr_buf(double v, char *buf, size_t size);
hl_hash_t hl_float_hash_double(double v);
int hl_float_free_list_count(void);

HLObject *hl_float_format_spec(HLObject *v, HLObject *spec);

/* float(o) with CPython's PyNumber_Float rules: exact floats themselves,
 * __float__, __index__, then str. */
HLObject *hl_float_from_object(HLObject *o);
/* hash(x) for a float object: nan hashes by the object's address (3.10+). */
hl_hash_t hl_float_hash(HLObject *v);
/* str/repr of a float (CPython's float_repr). */
HLObject *hl_float_repr(HLObject *v);

#endif /* HL_FLOATOBJECT_H */
