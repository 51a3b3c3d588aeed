/*
 * longobject.h — int (and bool, whose two instances are ints).
 *
 * Layout of CPython 3.11 on 32-bit: the sign of ob_size is the sign of the
 * number, |ob_size| the number of 30-bit digits (least significant first);
 * zero has ob_size 0 but still one digit of storage.  Ints -5..256 are
 * statically allocated with refcount 999999999 and always reused.
 */
#ifndef HL_LONGOBJECT_H
#define HL_LONGOBJECT_H

#include "../runtime/object.h"

typedef uint32_t hl_digit;
typedef int32_t hl_sdigit;
typedef uint64_t hl_twodigits;
typedef int64_t hl_stwodigits;
#define HL_LONG_SHIFT 30
#define HL_LONG_BASE ((hl_digit)1 << HL_LONG_SHIFT)
#define HL_LONG_MASK ((hl_digit)(HL_LONG_BASE - 1))

typedef struct HLLongObject {
    HLVarObject ob_base;
    hl_digit ob_digit[1];
} HLLongObject;

#define HL_NSMALLNEGINTS 5
#define HL_NSMALLPOSINTS 257

#define hl_long_check(o) HL_HAS_FLAG(o, HL_TPFLAGS_LONG_SUBCLASS)
#define hl_long_check_exact(o) HL_IS_TYPE(o, &hl_long_type)
#define hl_bool_check(o) HL_IS_TYPE(o, &hl_bool_type)

extern HLLongObject hl_true_struct, hl_false_struct;
#define HL_True ((HLObject *)&hl_true_struct)
#define HL_False ((HLObject *)&hl_false_struct)
static inline HLObject *hl_bool_from_long(long v) { return hl_newref(v ? HL_True : HL_False); }

HLLongObject *hl_long_new(hl_ssize_t ndigits); /* uninitialized digits */
HLObject *hl_long_normalize(HLLongObject *v);  /* strips leading zeros, uses small ints */
HLObject *hl_long_from_long(long v);
HLObject *hl_long_from_ssize(hl_ssize_t v);
HLObject *hl_long_from_size(size_t v);
HLObject *hl_long_from_long_long(long long v);
HLObject *hl_long_from_unsigned_long_long(unsigned long long v);
HLObject *hl_long_from_double(double v); /* OverflowError for inf, ValueError for nan */
/* Parses an int literal or int() argument: optional sign and whitespace,
 * base 0 means "use the prefix" (0x, 0o, 0b), underscores between digits.
 * ValueError "invalid literal for int() with base %d: %R" on bad input. */
HLObject *hl_long_from_string(const char *s, hl_ssize_t len, int base);
HLObject *hl_long_from_unicode(HLObject *str, int base);

long hl_long_as_long(HLObject *v);             /* -1 + OverflowError if too big */
long hl_long_as_long_and_overflow(HLObject *v, int *overflow);
long long hl_long_as_long_long(HLObject *v);
hl_ssize_t hl_long_as_ssize(HLObject *v);
size_t hl_long_as_size(HLObject *v);
double hl_long_as_double(HLObject *v);         /* -1.0 + OverflowError */
int hl_long_sign(HLObject *v);                 /* -1, 0, 1 */
size_t hl_long_num_bits(HLObject *v);
/* str(v) for base 10, "0x..." / "0o..." / "0b..." for 16/8/2. */
HLObject *hl_long_format(HLObject *v, int base);
HLObject *hl_long_get_small(int v); /* borrowed, -5 <= v <= 256 */
hl_hash_t hl_long_hash(HLObject *v);

/* For __format__ (formatspec.c). */
HLObject *hl_long_format_spec(HLObject *v, HLObject *spec);

/* sys.getsizeof / int.__sizeof__: 12 + 4 * max(|ob_size|, 1), as 3.11. */
hl_ssize_t hl_long_sizeof(HLObject *v);

/* The int/str conversion limit of CPython 3.11 (sys.set_int_max_str_digits):
 * decimal (non power-of-two base) conversions of more digits than this
 * raise ValueError; 0 means no limit. */
#define HL_LONG_MAX_STR_DIGITS_THRESHOLD 640
#define HL_LONG_DEFAULT_MAX_STR_DIGITS 4300
extern int hl_long_max_str_digits;

/* int(o) with CPython's PyNumber_Long rules: exact ints themselves,
 * __int__, __index__, __trunc__, then str. */
HLObject *hl_long_from_object(HLObject *o);
/* v in base 2, 8, 10 or 16; alternate adds the 0b/0o/0x prefix. */
HLObject *hl_long_to_base(HLObject *v, int base, int alternate);

/* ---- shared by the int implementation (longobject.c, longarith.c) and
 * float: CPython's internal helpers under their own names. ---- */
extern HLNumberMethods hl_long_as_number;
HLObject *hl_long_copy(HLObject *v);                /* _PyLong_Copy */
HLObject *hl_long_from_stwodigits(hl_stwodigits x); /* _PyLong_FromSTwoDigits */
HLLongObject *hl_long_strip(HLLongObject *v);      /* long_normalize, in place */
int hl_long_compare(HLObject *a, HLObject *b);      /* sign of a - b */
HLObject *hl_long_richcompare(HLObject *a, HLObject *b, int op);
void hl_bool_init_slots(void); /* bool's number slots from int's (boolobject.c) */
/* _PyLong_Frexp: |v| ~ x * 2**e with 0.5 <= |x| < 1, correctly rounded;
 * -1.0 with OverflowError if e does not fit. */
double hl_long_frexp(HLObject *v, hl_ssize_t *e);
/* Arithmetic on ints (both operands must be ints). */
HLObject *hl_long_add(HLObject *a, HLObject *b);
HLObject *hl_long_sub(HLObject *a, HLObject *b);
HLObject *hl_long_mul(HLObject *a, HLObject *b);
HLObject *hl_long_neg(HLObject *a);
HLObject *hl_long_lshift(HLObject *a, HLObject *b);
HLObject *hl_long_or(HLObject *a, HLObject *b);
HLObject *hl_long_pow(HLObject *a, HLObject *b, HLObject *c);
HLObject *hl_long_divmod_near(HLObject *a, HLObject *b); /* (q, r), q rounded half-even */
int hl_long_divrem(HLObject *a, HLObject *b, HLObject **pdiv, HLObject **prem); /* truncating */

#endif /* HL_LONGOBJECT_H */
