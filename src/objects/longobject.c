/*
 * longobject.c — the int type: representation, small ints, conversions to
 * and from C numbers and text, hashing, comparison, int() and the methods.
 * The arithmetic is in longarith.c.
 *
 * Layout (CPython 3.11, 32-bit):
 *
 *   offset 0  ob_refcnt
 *          4  ob_type
 *          8  ob_size    sign = sign of the number, |ob_size| = digits used
 *         12  ob_digit[] 30-bit digits in uint32 words, least significant first
 *
 * Zero has ob_size 0 but is still allocated with one digit, so every int
 * is a block of 12 + 4 * max(|ob_size|, 1) bytes from pymalloc: a one-digit
 * int is a 16-byte block, sys.getsizeof(1) == 16.  A result is normalized
 * (long_normalize: leading zero digits dropped from ob_size) but keeps the
 * block it was allocated with, as in CPython.
 *
 * Small ints.  The ints -5..256 are one static array, registered as static
 * memory so that ctypes can read it, with refcount 999999999 (3.11's
 * _PyObject_IMMORTAL_INIT) that is then counted normally.  Every operation
 * whose result falls in that range returns the static object
 * (maybe_small_long), so `x + 1 is 6` behaves as in CPython.
 *
 * Text.  int -> str in base 10 follows long_to_decimal_string: the value is
 * first converted to base 10**9 in a scratch int (allocated and freed like
 * CPython's, so the allocator sees the same sequence of blocks), then
 * written out.  Bases 2, 8 and 16 are read off the bits directly.  str -> int
 * (PyLong_FromString) takes optional whitespace and sign, a 0x/0o/0b prefix
 * for base 0 or a matching base, single underscores between digits, and
 * Unicode decimal digits and spaces (transformed to ASCII first).  Decimal
 * conversions of more than sys.get_int_max_str_digits() digits (4300 by
 * default) raise CPython 3.11's ValueError in both directions.
 *
 * Hash (32-bit CPython): the value modulo the Mersenne prime 2**31 - 1,
 * with the sign of the value, -1 mapped to -2; floats with integral values
 * hash the same (floatobject.c).
 */
#include "longobject.h"

#include <limits.h>
#include <math.h>
#include <string.h>

#include "../runtime/errors.h"
#include "../runtime/runtime.h"
#include "../runtime/sysmem.h"
#include "abstract.h"
#include "dictobject.h"
#include "floatobject.h"
#include "formatspec.h"
#include "strobject.h"
#include "tupleobject.h"
#include "unicodectype.h"

#define SHIFT HL_LONG_SHIFT
#define BASE HL_LONG_BASE
#define MASK HL_LONG_MASK
#define DIGITS(x) (((HLLongObject *)(x))->ob_digit)
#define ABS_SIZE(x) (HL_SIZE(x) < 0 ? -HL_SIZE(x) : HL_SIZE(x))
#define IS_MEDIUM_VALUE(x) ((size_t)(HL_SIZE(x) + 1) < 3)
#define IS_SMALL_INT(v) (-HL_NSMALLNEGINTS <= (v) && (v) < HL_NSMALLPOSINTS)
#define MAX_LONG_DIGITS ((HL_SSIZE_T_MAX - (hl_ssize_t)offsetof(HLLongObject, ob_digit)) / (hl_ssize_t)sizeof(hl_digit))

/* CPython's 32-bit numeric hash: modulus 2**31 - 1. */
#define HASH_BITS 31
#define HASH_MODULUS (((hl_uhash_t)1 << HASH_BITS) - 1)

#define DECIMAL_SHIFT 9 /* the scratch digits of int -> str hold 10**9 */
#define DECIMAL_BASE ((hl_digit)1000000000)

#define MAX_STR_DIGITS_ERROR_FMT_TO_INT                                        \
    "Exceeds the limit (%d digits) for integer string conversion: value has %zd digits; " \
    "use sys.set_int_max_str_digits() to increase the limit"
#define MAX_STR_DIGITS_ERROR_FMT_TO_STR                                        \
    "Exceeds the limit (%d digits) for integer string conversion; "           \
    "use sys.set_int_max_str_digits() to increase the limit"

int hl_long_max_str_digits = HL_LONG_DEFAULT_MAX_STR_DIGITS;

static inline hl_stwodigits medium_value(HLObject *x)
{
    return (hl_stwodigits)HL_SIZE(x) * (hl_stwodigits)DIGITS(x)[0];
}

static inline int bit_length_digit(hl_digit x) { return x ? 32 - __builtin_clz(x) : 0; }

/* ---- small ints and allocation -------------------------------------------- */

static HLLongObject small_ints[HL_NSMALLNEGINTS + HL_NSMALLPOSINTS];

HLObject *hl_long_get_small(int v) { return (HLObject *)&small_ints[v + HL_NSMALLNEGINTS]; }

static inline HLObject *get_small_int(int v) { return hl_newref(&small_ints[v + HL_NSMALLNEGINTS]); }

int hl_long_init(void)
{
    static int registered;
    for (int i = 0; i < HL_NSMALLNEGINTS + HL_NSMALLPOSINTS; i++) {
        int v = i - HL_NSMALLNEGINTS;
        HLLongObject *o = &small_ints[i];
        o->ob_base.ob_base.ob_refcnt = HL_STATIC_REFCNT;
        o->ob_base.ob_base.ob_type = &hl_long_type;
        o->ob_base.ob_size = v < 0 ? -1 : v > 0;
        o->ob_digit[0] = (hl_digit)(v < 0 ? -v : v);
    }
    /* True and False are counted normally from 1 (a fresh runtime). */
    HL_REFCNT(HL_True) = 1;
    HL_REFCNT(HL_False) = 1;
    if (!registered) {
        hl_mem_register_static(small_ints, sizeof small_ints);
        hl_mem_register_static(&hl_false_struct, sizeof hl_false_struct);
        hl_mem_register_static(&hl_true_struct, sizeof hl_true_struct);
        registered = 1;
    }
    hl_long_max_str_digits = HL_LONG_DEFAULT_MAX_STR_DIGITS;
    hl_bool_init_slots();
    return 0;
}

HLLongObject *hl_long_new(hl_ssize_t size)
{
    if (size > MAX_LONG_DIGITS) {
        hl_err_set_string(hl_exc_OverflowError, "too many digits in integer");
        return NULL;
    }
    /* Fast paths assume one digit is always present, even for zero. */
    HLVarObject *v = hl_object_new_var(&hl_long_type, size ? size : 1);
    if (v == NULL)
        return NULL;
    v->ob_size = size;
    return (HLLongObject *)v;
}

HLLongObject *hl_long_strip(HLLongObject *v)
{
    hl_ssize_t j = ABS_SIZE(v), i = j;
    while (i > 0 && v->ob_digit[i - 1] == 0)
        --i;
    if (i != j)
        HL_SIZE(v) = HL_SIZE(v) < 0 ? -i : i;
    return v;
}

HLObject *hl_long_normalize(HLLongObject *v)
{
    if (v == NULL)
        return NULL;
    hl_long_strip(v);
    if (IS_MEDIUM_VALUE(v)) {
        hl_stwodigits ival = medium_value((HLObject *)v);
        if (IS_SMALL_INT(ival)) {
            hl_decref(v);
            return get_small_int((int)ival);
        }
    }
    return (HLObject *)v;
}

static HLObject *from_magnitude(int negative, unsigned long long abs)
{
    if (abs <= (negative ? HL_NSMALLNEGINTS : HL_NSMALLPOSINTS - 1))
        return get_small_int(negative ? -(int)abs : (int)abs);
    hl_ssize_t ndigits = 0;
    for (unsigned long long t = abs; t; t >>= SHIFT)
        ndigits++;
    HLLongObject *v = hl_long_new(ndigits);
    if (v == NULL)
        return NULL;
    for (hl_ssize_t i = 0; i < ndigits; i++, abs >>= SHIFT)
        v->ob_digit[i] = (hl_digit)(abs & MASK);
    if (negative)
        HL_SIZE(v) = -ndigits;
    return (HLObject *)v;
}

HLObject *hl_long_from_stwodigits(hl_stwodigits x)
{
    return x < 0 ? from_magnitude(1, 0ULL - (unsigned long long)x)
                 : from_magnitude(0, (unsigned long long)x);
}
HLObject *hl_long_from_long(long v) { return hl_long_from_stwodigits(v); }
HLObject *hl_long_from_ssize(hl_ssize_t v) { return hl_long_from_stwodigits(v); }
HLObject *hl_long_from_size(size_t v) { return from_magnitude(0, v); }
HLObject *hl_long_from_long_long(long long v) { return hl_long_from_stwodigits(v); }
HLObject *hl_long_from_unsigned_long_long(unsigned long long v) { return from_magnitude(0, v); }

HLObject *hl_long_copy(HLObject *src)
{
    hl_ssize_t i = ABS_SIZE(src);
    if (i < 2) {
        hl_stwodigits ival = medium_value(src);
        if (IS_SMALL_INT(ival))
            return get_small_int((int)ival);
    }
    HLLongObject *result = hl_long_new(i);
    if (result != NULL) {
        HL_SIZE(result) = HL_SIZE(src);
        while (--i >= 0)
            result->ob_digit[i] = DIGITS(src)[i];
    }
    return (HLObject *)result;
}

hl_ssize_t hl_long_sizeof(HLObject *v)
{
    hl_ssize_t n = ABS_SIZE(v);
    return (hl_ssize_t)offsetof(HLLongObject, ob_digit) + (n ? n : 1) * (hl_ssize_t)sizeof(hl_digit);
}

/* ---- conversion to C numbers ---------------------------------------------- */

long hl_long_as_long_and_overflow(HLObject *vv, int *overflow)
{
    HLObject *v;
    long res = -1;
    *overflow = 0;
    if (hl_long_check(vv))
        v = hl_newref(vv);
    else if ((v = hl_number_index(vv)) == NULL)
        return -1;
    hl_ssize_t i = HL_SIZE(v);
    switch (i) {
    case -1:
        res = -(long)DIGITS(v)[0];
        break;
    case 0:
        res = 0;
        break;
    case 1:
        res = (long)DIGITS(v)[0];
        break;
    default: {
        int sign = 1;
        unsigned long x = 0, prev;
        if (i < 0) {
            sign = -1;
            i = -i;
        }
        while (--i >= 0) {
            prev = x;
            x = (x << SHIFT) | DIGITS(v)[i];
            if ((x >> SHIFT) != prev) {
                *overflow = sign;
                goto exit;
            }
        }
        if (x <= (unsigned long)LONG_MAX)
            res = (long)x * sign;
        else if (sign < 0 && x == 0 - (unsigned long)LONG_MIN)
            res = LONG_MIN;
        else
            *overflow = sign;
    }
    }
exit:
    hl_decref(v);
    return res;
}

long hl_long_as_long(HLObject *v)
{
    int overflow;
    long r = hl_long_as_long_and_overflow(v, &overflow);
    if (overflow) {
        hl_err_set_string(hl_exc_OverflowError, "Python int too large to convert to C long");
        return -1;
    }
    return r;
}

hl_ssize_t hl_long_as_ssize(HLObject *v)
{
    if (!hl_long_check(v)) {
        hl_err_set_string(hl_exc_TypeError, "an integer is required");
        return -1;
    }
    int overflow;
    long r = hl_long_as_long_and_overflow(v, &overflow);
    if (overflow) {
        hl_err_set_string(hl_exc_OverflowError, "Python int too large to convert to C ssize_t");
        return -1;
    }
    return (hl_ssize_t)r;
}

/* |v| as an unsigned long long; -1 if it does not fit. */
static int magnitude_ull(HLObject *v, unsigned long long *out)
{
    unsigned long long x = 0;
    for (hl_ssize_t i = ABS_SIZE(v); --i >= 0;) {
        if (x >> (64 - SHIFT))
            return -1;
        x = (x << SHIFT) | DIGITS(v)[i];
    }
    *out = x;
    return 0;
}

size_t hl_long_as_size(HLObject *v)
{
    unsigned long long x;
    if (!hl_long_check(v)) {
        hl_err_set_string(hl_exc_TypeError, "an integer is required");
        return (size_t)-1;
    }
    if (HL_SIZE(v) < 0) {
        hl_err_set_string(hl_exc_OverflowError, "can't convert negative value to size_t");
        return (size_t)-1;
    }
    if (magnitude_ull(v, &x) < 0 || x > SIZE_MAX) {
        hl_err_set_string(hl_exc_OverflowError, "Python int too large to convert to C size_t");
        return (size_t)-1;
    }
    return (size_t)x;
}

long long hl_long_as_long_long(HLObject *vv)
{
    unsigned long long x;
    HLObject *v;
    if (hl_long_check(vv))
        v = hl_newref(vv);
    else if ((v = hl_number_index(vv)) == NULL)
        return -1;
    long long res = -1;
    if (magnitude_ull(v, &x) < 0 || (HL_SIZE(v) >= 0 ? x > (unsigned long long)LLONG_MAX
                                                       : x > 0ULL - (unsigned long long)LLONG_MIN))
        hl_err_set_string(hl_exc_OverflowError, "int too big to convert");
    else
        res = HL_SIZE(v) < 0 ? (long long)(0ULL - x) : (long long)x;
    hl_decref(v);
    return res;
}

HLObject *hl_long_from_double(double dval)
{
    const double int_max = (unsigned long)LONG_MAX + 1;
    if (-int_max < dval && dval < int_max)
        return hl_long_from_long((long)dval);
    if (isinf(dval)) {
        hl_err_set_string(hl_exc_OverflowError, "cannot convert float infinity to integer");
        return NULL;
    }
    if (isnan(dval)) {
        hl_err_set_string(hl_exc_ValueError, "cannot convert float NaN to integer");
        return NULL;
    }
    int neg = 0, expo;
    if (dval < 0.0) {
        neg = 1;
        dval = -dval;
    }
    double frac = frexp(dval, &expo); /* dval = frac * 2**expo, 0.5 <= frac < 1 */
    int ndig = (expo - 1) / SHIFT + 1;
    HLLongObject *v = hl_long_new(ndig);
    if (v == NULL)
        return NULL;
    frac = ldexp(frac, (expo - 1) % SHIFT + 1);
    for (int i = ndig; --i >= 0;) {
        hl_digit bits = (hl_digit)frac;
        v->ob_digit[i] = bits;
        frac = frac - (double)bits;
        frac = ldexp(frac, SHIFT);
    }
    if (neg)
        HL_SIZE(v) = -HL_SIZE(v);
    return (HLObject *)v;
}

int hl_long_sign(HLObject *v) { return HL_SIZE(v) == 0 ? 0 : HL_SIZE(v) < 0 ? -1 : 1; }

size_t hl_long_num_bits(HLObject *v)
{
    hl_ssize_t ndigits = ABS_SIZE(v);
    if (ndigits == 0)
        return 0;
    int msd_bits = bit_length_digit(DIGITS(v)[ndigits - 1]);
    if ((size_t)(ndigits - 1) > (SIZE_MAX - (size_t)msd_bits) / SHIFT) {
        hl_err_set_string(hl_exc_OverflowError, "int has too many bits to express in a platform size_t");
        return (size_t)-1;
    }
    return (size_t)(ndigits - 1) * SHIFT + (size_t)msd_bits;
}

/* ---- str -> int ------------------------------------------------------------- */

static inline int digit_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 37;
}

static inline int is_ascii_space(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* The character at p, or 0 past the end (CPython reads a NUL there). */
#define AT(p) ((p) < end ? (unsigned char)*(p) : 0)

/* A power-of-two base: the bits of each character go straight into the
 * digits, reading the string from the right.  Returns -1 for misplaced
 * underscores; *res is NULL (exception set) if allocation failed. */
static int long_from_binary_base(const char **str, const char *end, int base, HLObject **res)
{
    const char *p = *str, *start = p;
    char prev = 0;
    hl_ssize_t digits = 0, n;
    int bits_per_char = 0;
    for (n = base; n > 1; n >>= 1)
        ++bits_per_char;
    while (digit_value(AT(p)) < base || AT(p) == '_') {
        if (*p == '_') {
            if (prev == '_') {
                *str = p - 1;
                return -1;
            }
        }
        else
            ++digits;
        prev = *p;
        ++p;
    }
    if (prev == '_') {
        *str = p - 1;
        return -1;
    }
    *str = p;
    if (digits > (HL_SSIZE_T_MAX - (SHIFT - 1)) / bits_per_char) {
        hl_err_set_string(hl_exc_ValueError, "int string too large to convert");
        *res = NULL;
        return 0;
    }
    n = (digits * bits_per_char + SHIFT - 1) / SHIFT;
    HLLongObject *z = hl_long_new(n);
    if (z == NULL) {
        *res = NULL;
        return 0;
    }
    hl_twodigits accum = 0;
    int bits_in_accum = 0;
    hl_digit *pdigit = z->ob_digit;
    while (--p >= start) {
        if (*p == '_')
            continue;
        accum |= (hl_twodigits)digit_value((unsigned char)*p) << bits_in_accum;
        bits_in_accum += bits_per_char;
        if (bits_in_accum >= SHIFT) {
            *pdigit++ = (hl_digit)(accum & MASK);
            accum >>= SHIFT;
            bits_in_accum -= SHIFT;
        }
    }
    if (bits_in_accum)
        *pdigit++ = (hl_digit)accum;
    while (pdigit - z->ob_digit < n)
        *pdigit++ = 0;
    *res = (HLObject *)hl_long_strip(z);
    return 0;
}

/* Per base: how many characters fit in one digit (convwidth) and base
 * raised to that (convmultmax); log(base) / log(BASE) sizes the result. */
static double log_base_BASE[37];
static int convwidth_base[37];
static hl_twodigits convmultmax_base[37];

/* PyLong_FromString on s[0:end]: NULL with *invalid set for a malformed
 * literal (no exception), NULL with an exception for other failures. */
static HLObject *long_from_ascii(const char *str, const char *end, int base, int *invalid)
{
    int sign = 1, error_if_nonzero = 0;
    HLObject *z = NULL;
    *invalid = 0;
    while (str < end && is_ascii_space((unsigned char)*str))
        str++;
    if (AT(str) == '+')
        ++str;
    else if (AT(str) == '-') {
        ++str;
        sign = -1;
    }
    int c1 = AT(str + 1);
    if (base == 0) {
        if (AT(str) != '0')
            base = 10;
        else if (c1 == 'x' || c1 == 'X')
            base = 16;
        else if (c1 == 'o' || c1 == 'O')
            base = 8;
        else if (c1 == 'b' || c1 == 'B')
            base = 2;
        else {
            /* A C-style octal literal is invalid, unless it is zero. */
            error_if_nonzero = 1;
            base = 10;
        }
    }
    if (AT(str) == '0' && ((base == 16 && (c1 == 'x' || c1 == 'X')) ||
                           (base == 8 && (c1 == 'o' || c1 == 'O')) ||
                           (base == 2 && (c1 == 'b' || c1 == 'B')))) {
        str += 2;
        if (AT(str) == '_') /* one underscore allowed after the prefix */
            ++str;
    }
    if (AT(str) == '_')
        goto invalid;
    const char *start = str;
    if ((base & (base - 1)) == 0) {
        if (long_from_binary_base(&str, end, base, &z) < 0)
            goto invalid;
        if (z == NULL)
            return NULL;
    }
    else {
        const char *scan = str;
        char prev = 0;
        hl_ssize_t digits = 0;
        while (digit_value(AT(scan)) < base || AT(scan) == '_') {
            if (*scan == '_') {
                if (prev == '_')
                    goto invalid;
            }
            else
                ++digits;
            prev = *scan;
            ++scan;
        }
        if (prev == '_')
            goto invalid;
        if (digits > HL_LONG_MAX_STR_DIGITS_THRESHOLD && hl_long_max_str_digits > 0 &&
            digits > hl_long_max_str_digits) {
            hl_err_format(hl_exc_ValueError, MAX_STR_DIGITS_ERROR_FMT_TO_INT,
                          hl_long_max_str_digits, (ssize_t)digits);
            return NULL;
        }
        if (log_base_BASE[base] == 0.0) {
            hl_twodigits convmax = (hl_twodigits)base;
            int i = 1;
            log_base_BASE[base] = log((double)base) / log((double)BASE);
            for (;;) {
                hl_twodigits next = convmax * (hl_twodigits)base;
                if (next > BASE)
                    break;
                convmax = next;
                ++i;
            }
            convmultmax_base[base] = convmax;
            convwidth_base[base] = i;
        }
        /* An int big enough for any number of this length in this base. */
        double fsize_z = (double)digits * log_base_BASE[base] + 1.0;
        if (fsize_z > (double)MAX_LONG_DIGITS) {
            hl_err_set_string(hl_exc_OverflowError, "too many digits in integer");
            return NULL;
        }
        hl_ssize_t size_z = (hl_ssize_t)fsize_z;
        HLLongObject *zl = hl_long_new(size_z);
        if (zl == NULL)
            return NULL;
        HL_SIZE(zl) = 0;
        int convwidth = convwidth_base[base];
        hl_twodigits convmultmax = convmultmax_base[base];
        /* convwidth characters at a time become one multiply-add. */
        while (str < scan) {
            if (*str == '_') {
                str++;
                continue;
            }
            hl_twodigits c = (hl_digit)digit_value((unsigned char)*str++);
            int i;
            for (i = 1; i < convwidth && str != scan; ++str) {
                if (*str == '_')
                    continue;
                i++;
                c = c * (hl_twodigits)base + (hl_twodigits)digit_value((unsigned char)*str);
            }
            hl_twodigits convmult = convmultmax;
            if (i != convwidth) {
                convmult = (hl_twodigits)base;
                for (; i > 1; --i)
                    convmult *= (hl_twodigits)base;
            }
            hl_digit *pz = zl->ob_digit, *pzstop = pz + HL_SIZE(zl);
            for (; pz < pzstop; ++pz) {
                c += (hl_twodigits)*pz * convmult;
                *pz = (hl_digit)(c & MASK);
                c >>= SHIFT;
            }
            if (c) {
                if (HL_SIZE(zl) < size_z) {
                    *pz = (hl_digit)c;
                    HL_SIZE(zl) = HL_SIZE(zl) + 1;
                }
                else {
                    /* The size estimate was short (extremely rare). */
                    HLLongObject *tmp = hl_long_new(size_z + 1);
                    if (tmp == NULL) {
                        hl_decref(zl);
                        return NULL;
                    }
                    memcpy(tmp->ob_digit, zl->ob_digit, sizeof(hl_digit) * (size_t)size_z);
                    hl_decref(zl);
                    zl = tmp;
                    zl->ob_digit[size_z] = (hl_digit)c;
                    ++size_z;
                }
            }
        }
        z = (HLObject *)zl;
    }
    if (error_if_nonzero && HL_SIZE(z) != 0)
        goto invalid;
    if (str == start)
        goto invalid;
    if (sign < 0)
        HL_SIZE(z) = -HL_SIZE(z);
    while (str < end && is_ascii_space((unsigned char)*str))
        str++;
    if (str != end)
        goto invalid;
    return hl_long_normalize((HLLongObject *)z);
invalid:
    hl_xdecref(z);
    *invalid = 1;
    return NULL;
}
#undef AT

static int check_base(int base)
{
    if ((base != 0 && base < 2) || base > 36) {
        hl_err_set_string(hl_exc_ValueError, "int() arg 2 must be >= 2 and <= 36");
        return -1;
    }
    return 0;
}

/* ValueError "invalid literal for int() with base B: %.200R". */
static HLObject *invalid_literal(int base, HLObject *strobj)
{
    HLObject *r = hl_object_repr(strobj);
    if (r == NULL)
        return NULL;
    if (HL_STR_LEN(r) > 200) {
        HLObject *t = hl_str_substring(r, 0, 200);
        hl_decref(r);
        if ((r = t) == NULL)
            return NULL;
    }
    hl_err_format(hl_exc_ValueError, "invalid literal for int() with base %d: %U", base, r);
    hl_decref(r);
    return NULL;
}

HLObject *hl_long_from_string(const char *s, hl_ssize_t len, int base)
{
    int invalid;
    if (check_base(base) < 0)
        return NULL;
    HLObject *res = long_from_ascii(s, s + len, base, &invalid);
    if (res == NULL && invalid) {
        HLObject *strobj = hl_str_from_utf8(s, len < 200 ? len : 200);
        if (strobj == NULL)
            return NULL;
        invalid_literal(base, strobj);
        hl_decref(strobj);
    }
    return res;
}

HLObject *hl_long_from_unicode(HLObject *u, int base)
{
    int invalid;
    if (check_base(base) < 0)
        return NULL;
    hl_ssize_t len = HL_STR_LEN(u);
    HLObject *asciidig = NULL;
    const char *buf;
    if (HL_STR_IS_ASCII(u))
        buf = (const char *)HL_STR_DATA(u);
    else {
        /* _PyUnicode_TransformDecimalAndSpaceToASCII: a temporary ASCII
         * copy with Unicode spaces and digits replaced; anything else
         * non-ASCII ends it with '?', which no parse accepts. */
        asciidig = hl_str_new(len, 127);
        if (asciidig == NULL)
            return NULL;
        char *out = (char *)HL_STR_DATA(asciidig);
        hl_ssize_t i;
        for (i = 0; i < len; ++i) {
            uint32_t ch = hl_str_read_char(u, i);
            int d;
            if (ch < 127)
                out[i] = (char)ch;
            else if (hl_unicode_isspace(ch))
                out[i] = ' ';
            else if ((d = hl_unicode_to_decimal(ch)) >= 0)
                out[i] = (char)('0' + d);
            else {
                out[i++] = '?';
                break;
            }
        }
        len = i;
        buf = out;
    }
    HLObject *res = long_from_ascii(buf, buf + len, base, &invalid);
    hl_xdecref(asciidig);
    if (res == NULL && invalid)
        return invalid_literal(base, u);
    return res;
}

/* ---- int -> str ---------------------------------------------------------------- */

static HLObject *long_to_decimal_string(HLObject *a)
{
    hl_ssize_t size_a = ABS_SIZE(a), size, strlen, i, j;
    int negative = HL_SIZE(a) < 0;
    /* A cheap bound first: 10/3 > log2(10). */
    if (size_a >= 10 * HL_LONG_MAX_STR_DIGITS_THRESHOLD / (3 * SHIFT) + 2) {
        int max_str_digits = hl_long_max_str_digits;
        if (max_str_digits > 0 && max_str_digits / (3 * SHIFT) <= (size_a - 11) / 10) {
            hl_err_format(hl_exc_ValueError, MAX_STR_DIGITS_ERROR_FMT_TO_STR, max_str_digits);
            return NULL;
        }
    }
    /* Digits needed in base 10**9: at most size_a + size_a / d + 1, where
     * d = (3.3 * 9) / (30 - 3.3 * 9) rounded down. */
    int d = (33 * DECIMAL_SHIFT) / (10 * SHIFT - 33 * DECIMAL_SHIFT);
    size = 1 + size_a + size_a / d;
    HLLongObject *scratch = hl_long_new(size);
    if (scratch == NULL)
        return NULL;
    /* Knuth 4.4 method 1b: feed base-2**30 digits, most significant first,
     * into a base-10**9 accumulator. */
    const hl_digit *pin = DIGITS(a);
    hl_digit *pout = scratch->ob_digit;
    size = 0;
    for (i = size_a; --i >= 0;) {
        hl_digit hi = pin[i];
        for (j = 0; j < size; j++) {
            hl_twodigits z = (hl_twodigits)pout[j] << SHIFT | hi;
            hi = (hl_digit)(z / DECIMAL_BASE);
            pout[j] = (hl_digit)(z - (hl_twodigits)hi * DECIMAL_BASE);
        }
        while (hi) {
            pout[size++] = hi % DECIMAL_BASE;
            hi /= DECIMAL_BASE;
        }
    }
    if (size == 0)
        pout[size++] = 0;
    strlen = negative + 1 + (size - 1) * DECIMAL_SHIFT;
    hl_digit tenpow = 10, rem = pout[size - 1];
    while (rem >= tenpow) {
        tenpow *= 10;
        strlen++;
    }
    if (strlen > HL_LONG_MAX_STR_DIGITS_THRESHOLD) {
        int max_str_digits = hl_long_max_str_digits;
        if (max_str_digits > 0 && strlen - negative > max_str_digits) {
            hl_decref(scratch);
            hl_err_format(hl_exc_ValueError, MAX_STR_DIGITS_ERROR_FMT_TO_STR, max_str_digits);
            return NULL;
        }
    }
    HLObject *str = hl_str_new(strlen, '9');
    if (str == NULL) {
        hl_decref(scratch);
        return NULL;
    }
    char *p = (char *)HL_STR_DATA(str) + strlen;
    for (i = 0; i < size - 1; i++) {
        rem = pout[i];
        for (j = 0; j < DECIMAL_SHIFT; j++) {
            *--p = (char)('0' + rem % 10);
            rem /= 10;
        }
    }
    rem = pout[i];
    do {
        *--p = (char)('0' + rem % 10);
        rem /= 10;
    } while (rem != 0);
    if (negative)
        *--p = '-';
    hl_decref(scratch);
    return str;
}

static HLObject *long_format_binary(HLObject *a, int base, int alternate)
{
    hl_ssize_t size_a = ABS_SIZE(a), sz, i;
    int negative = HL_SIZE(a) < 0, bits = base == 2 ? 1 : base == 8 ? 3 : 4;
    if (size_a == 0)
        sz = 1;
    else {
        hl_ssize_t size_a_in_bits = (size_a - 1) * SHIFT + bit_length_digit(DIGITS(a)[size_a - 1]);
        if (size_a - 1 > (HL_SSIZE_T_MAX - 3) / SHIFT) {
            hl_err_set_string(hl_exc_OverflowError, "int too large to format");
            return NULL;
        }
        sz = negative + (size_a_in_bits + (bits - 1)) / bits;
    }
    if (alternate)
        sz += 2;
    HLObject *str = hl_str_new(sz, 'x');
    if (str == NULL)
        return NULL;
    char *p = (char *)HL_STR_DATA(str) + sz;
    if (size_a == 0)
        *--p = '0';
    else {
        hl_twodigits accum = 0;
        int accumbits = 0;
        for (i = 0; i < size_a; ++i) {
            accum |= (hl_twodigits)DIGITS(a)[i] << accumbits;
            accumbits += SHIFT;
            do {
                char cdigit = (char)(accum & (hl_twodigits)(base - 1));
                cdigit = (char)(cdigit + (cdigit < 10 ? '0' : 'a' - 10));
                *--p = cdigit;
                accumbits -= bits;
                accum >>= bits;
            } while (i < size_a - 1 ? accumbits >= bits : accum > 0);
        }
    }
    if (alternate) {
        *--p = base == 16 ? 'x' : base == 8 ? 'o' : 'b';
        *--p = '0';
    }
    if (negative)
        *--p = '-';
    return str;
}

HLObject *hl_long_to_base(HLObject *v, int base, int alternate)
{
    if (!hl_long_check(v)) {
        hl_err_set_string(hl_exc_SystemError, "bad argument to internal function");
        return NULL;
    }
    if (base == 10)
        return long_to_decimal_string(v);
    return long_format_binary(v, base, alternate);
}

HLObject *hl_long_format(HLObject *v, int base) { return hl_long_to_base(v, base, 1); }

static HLObject *long_repr(HLObject *v) { return long_to_decimal_string(v); }

/* ---- hash and comparison ------------------------------------------------------ */

hl_hash_t hl_long_hash(HLObject *v)
{
    hl_ssize_t i = HL_SIZE(v);
    switch (i) {
    case -1:
        return DIGITS(v)[0] == 1 ? -2 : -(hl_sdigit)DIGITS(v)[0];
    case 0:
        return 0;
    case 1:
        return (hl_hash_t)DIGITS(v)[0];
    }
    int sign = 1;
    hl_uhash_t x = 0;
    if (i < 0) {
        sign = -1;
        i = -i;
    }
    /* Horner's rule modulo 2**31 - 1, where multiplying by 2**30 is a
     * rotation of the 31-bit value. */
    while (--i >= 0) {
        x = ((x << SHIFT) & HASH_MODULUS) | (x >> (HASH_BITS - SHIFT));
        x += DIGITS(v)[i];
        if (x >= HASH_MODULUS)
            x -= HASH_MODULUS;
    }
    x = x * (hl_uhash_t)sign;
    if (x == (hl_uhash_t)-1)
        x = (hl_uhash_t)-2;
    return (hl_hash_t)x;
}

int hl_long_compare(HLObject *a, HLObject *b)
{
    hl_ssize_t sign = HL_SIZE(a) - HL_SIZE(b);
    if (sign == 0) {
        hl_ssize_t i = ABS_SIZE(a);
        hl_sdigit diff = 0;
        while (--i >= 0) {
            diff = (hl_sdigit)DIGITS(a)[i] - (hl_sdigit)DIGITS(b)[i];
            if (diff)
                break;
        }
        sign = HL_SIZE(a) < 0 ? -diff : diff;
    }
    return sign < 0 ? -1 : sign > 0;
}

HLObject *hl_long_richcompare(HLObject *self, HLObject *other, int op)
{
    if (!hl_long_check(self) || !hl_long_check(other))
        return hl_newref(HL_NotImplemented);
    int c = self == other ? 0 : hl_long_compare(self, other);
    int r;
    switch (op) {
    case HL_LT: r = c < 0; break;
    case HL_LE: r = c <= 0; break;
    case HL_EQ: r = c == 0; break;
    case HL_NE: r = c != 0; break;
    case HL_GT: r = c > 0; break;
    default: r = c >= 0; break;
    }
    return hl_bool_from_long(r);
}

/* ---- int() ------------------------------------------------------------------- */

/* type(o).name bound to o, or NULL without error if the type has none. */
static HLObject *lookup_special(HLObject *o, const char *name)
{
    HLObject *key = hl_str_from_cstr(name);
    if (key == NULL)
        return NULL;
    HLObject *f = hl_type_lookup(HL_TYPE(o), key);
    hl_decref(key);
    if (f == NULL)
        return NULL;
    if (HL_TYPE(f)->tp_descr_get)
        return HL_TYPE(f)->tp_descr_get(f, o, (HLObject *)HL_TYPE(o));
    return hl_newref(f);
}

HLObject *hl_long_from_object(HLObject *o)
{
    if (hl_long_check_exact(o))
        return hl_newref(o);
    HLNumberMethods *m = HL_TYPE(o)->tp_as_number;
    if (m && m->nb_int) {
        HLObject *result = m->nb_int(o);
        if (result == NULL || hl_long_check_exact(result))
            return result;
        if (!hl_long_check(result)) {
            hl_err_format(hl_exc_TypeError, "__int__ returned non-int (type %s)", HL_TYPE(result)->tp_name);
            hl_decref(result);
            return NULL;
        }
        HL_SETREF(result, hl_long_copy(result));
        return result;
    }
    if (m && m->nb_index)
        return hl_number_index(o);
    HLObject *trunc_func = lookup_special(o, "__trunc__");
    if (trunc_func != NULL) {
        HLObject *result = hl_call_noargs(trunc_func);
        hl_decref(trunc_func);
        if (result == NULL || hl_long_check_exact(result))
            return result;
        if (hl_long_check(result)) {
            HL_SETREF(result, hl_long_copy(result));
            return result;
        }
        if (!hl_index_check(result)) {
            hl_err_format(hl_exc_TypeError, "__trunc__ returned non-Integral (type %s)",
                          HL_TYPE(result)->tp_name);
            hl_decref(result);
            return NULL;
        }
        HL_SETREF(result, hl_number_index(result));
        return result;
    }
    if (hl_err_occurred())
        return NULL;
    if (hl_str_check(o))
        return hl_long_from_unicode(o, 10);
    hl_err_format(hl_exc_TypeError,
                  "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                  HL_TYPE(o)->tp_name);
    return NULL;
}

static HLObject *long_new_impl(HLObject *x, HLObject *obase)
{
    if (x == NULL) {
        if (obase != NULL) {
            hl_err_set_string(hl_exc_TypeError, "int() missing string argument");
            return NULL;
        }
        return get_small_int(0);
    }
    if (obase == NULL)
        return hl_long_from_object(x);
    hl_ssize_t base = hl_number_as_ssize(obase, NULL);
    if (base == -1 && hl_err_occurred())
        return NULL;
    if ((base != 0 && base < 2) || base > 36) {
        hl_err_set_string(hl_exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
        return NULL;
    }
    if (hl_str_check(x))
        return hl_long_from_unicode(x, (int)base);
    hl_err_set_string(hl_exc_TypeError, "int() can't convert non-string with explicit base");
    return NULL;
}

/* int(x=0, /, base=10) */
static HLObject *long_new(HLTypeObject *type, HLObject *args, HLObject *kwds)
{
    hl_ssize_t nargs = HL_SIZE(args);
    HLObject *x = NULL, *obase = NULL;
    if (nargs > 2) {
        hl_err_format(hl_exc_TypeError, "int() takes at most 2 arguments (%zd given)",
                      (ssize_t)(nargs + (kwds ? hl_dict_size(kwds) : 0)));
        return NULL;
    }
    if (nargs > 0)
        x = HL_TUPLE_GET(args, 0);
    if (nargs > 1)
        obase = HL_TUPLE_GET(args, 1);
    if (kwds != NULL && hl_dict_size(kwds) > 0) {
        hl_ssize_t pos = 0;
        HLObject *key, *value;
        while (hl_dict_next(kwds, &pos, &key, &value)) {
            if (!hl_str_check(key)) {
                hl_err_set_string(hl_exc_TypeError, "keywords must be strings");
                return NULL;
            }
            if (!hl_str_eq_cstr(key, "base")) {
                hl_err_format(hl_exc_TypeError, "'%U' is an invalid keyword argument for int()", key);
                return NULL;
            }
            if (obase != NULL) {
                hl_err_set_string(hl_exc_TypeError,
                                  "argument for int() given by name ('base') and position (2)");
                return NULL;
            }
            obase = value;
        }
    }
    HLObject *tmp = long_new_impl(x, obase);
    if (tmp == NULL || type == &hl_long_type)
        return tmp;
    /* A subclass: copy the digits into an instance of it (long_subtype_new),
     * with at least one digit. */
    hl_ssize_t n = ABS_SIZE(tmp);
    HLObject *newobj = type->tp_alloc(type, n ? n : 1);
    if (newobj == NULL) {
        hl_decref(tmp);
        return NULL;
    }
    HL_SIZE(newobj) = HL_SIZE(tmp);
    for (hl_ssize_t i = 0; i < (n ? n : 1); i++)
        DIGITS(newobj)[i] = DIGITS(tmp)[i];
    hl_decref(tmp);
    return newobj;
}

/* ---- methods and attributes ----------------------------------------------------- */

#define METHOD(name) \
    static HLObject *name(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames)

static inline HLObject *long_long(HLObject *v)
{
    return hl_long_check_exact(v) ? hl_newref(v) : hl_long_copy(v);
}

METHOD(int_conjugate) { return long_long(self); }

METHOD(int_bit_length)
{
    hl_ssize_t ndigits = ABS_SIZE(self);
    if (ndigits == 0)
        return get_small_int(0);
    long long bits = (long long)(ndigits - 1) * SHIFT + bit_length_digit(DIGITS(self)[ndigits - 1]);
    return hl_long_from_long_long(bits);
}

METHOD(int_bit_count)
{
    hl_ssize_t ndigits = ABS_SIZE(self);
    long long bit_count = 0;
    for (hl_ssize_t i = 0; i < ndigits; i++)
        bit_count += __builtin_popcount(DIGITS(self)[i]);
    return hl_long_from_long_long(bit_count);
}

METHOD(int_as_integer_ratio)
{
    HLObject *numerator = long_long(self);
    if (numerator == NULL)
        return NULL;
    HLObject *ratio = hl_tuple_pack(2, numerator, hl_long_get_small(1));
    hl_decref(numerator);
    return ratio;
}

METHOD(int_getnewargs)
{
    HLObject *copy = hl_long_copy(self);
    if (copy == NULL)
        return NULL;
    HLObject *t = hl_tuple_pack(1, copy);
    hl_decref(copy);
    return t;
}

METHOD(int_sizeof) { return hl_long_from_ssize(hl_long_sizeof(self)); }

METHOD(int_format)
{
    HLObject *spec = args[0];
    if (!hl_str_check(spec)) {
        hl_err_format(hl_exc_TypeError, "__format__() argument must be str, not %s", HL_TYPE(spec)->tp_name);
        return NULL;
    }
    return hl_long_format_spec(self, spec);
}

/* divmod with the quotient rounded to nearest, ties to even (for round()). */
HLObject *hl_long_divmod_near(HLObject *a, HLObject *b)
{
    HLObject *quo = NULL, *rem = NULL, *twice_rem, *temp, *one = hl_long_get_small(1);
    int quo_is_neg = (HL_SIZE(a) < 0) != (HL_SIZE(b) < 0);
    if (hl_long_divrem(a, b, &quo, &rem) < 0)
        return NULL;
    twice_rem = hl_long_lshift(rem, one);
    if (twice_rem == NULL)
        goto error;
    if (quo_is_neg) {
        temp = hl_long_neg(twice_rem);
        hl_decref(twice_rem);
        twice_rem = temp;
        if (twice_rem == NULL)
            goto error;
    }
    int cmp = hl_long_compare(twice_rem, b);
    hl_decref(twice_rem);
    int quo_is_odd = HL_SIZE(quo) != 0 && (DIGITS(quo)[0] & 1) != 0;
    if ((HL_SIZE(b) < 0 ? cmp < 0 : cmp > 0) || (cmp == 0 && quo_is_odd)) {
        temp = quo_is_neg ? hl_long_sub(quo, one) : hl_long_add(quo, one);
        HL_SETREF(quo, temp);
        if (quo == NULL)
            goto error;
        temp = quo_is_neg ? hl_long_add(rem, b) : hl_long_sub(rem, b);
        HL_SETREF(rem, temp);
        if (rem == NULL)
            goto error;
    }
    HLObject *result = hl_tuple_new(2);
    if (result == NULL)
        goto error;
    HL_TUPLE_SET(result, 0, quo);
    HL_TUPLE_SET(result, 1, rem);
    return result;
error:
    hl_xdecref(quo);
    hl_xdecref(rem);
    return NULL;
}

/* int.__round__(ndigits=None, /): rounds to a multiple of 10**-ndigits,
 * ties to even; self unchanged for ndigits >= 0. */
METHOD(int_round)
{
    if (hl_arg_no_kwnames("__round__", kwnames) < 0 ||
        hl_arg_check_positional("__round__", nargs, 0, 1) < 0)
        return NULL;
    if (nargs == 0)
        return long_long(self);
    HLObject *ndigits = hl_number_index(args[0]);
    if (ndigits == NULL)
        return NULL;
    if (HL_SIZE(ndigits) >= 0) {
        hl_decref(ndigits);
        return long_long(self);
    }
    HLObject *temp = hl_long_neg(ndigits);
    hl_decref(ndigits);
    if (temp == NULL)
        return NULL;
    HLObject *result = hl_long_pow(hl_long_get_small(10), temp, HL_None);
    hl_decref(temp);
    if (result == NULL)
        return NULL;
    temp = hl_long_divmod_near(self, result);
    hl_decref(result);
    if (temp == NULL)
        return NULL;
    result = hl_long_sub(self, HL_TUPLE_GET(temp, 1));
    hl_decref(temp);
    return result;
}

static HLMethodDef long_methods[] = {
    {"conjugate", int_conjugate, HL_METH_NOARGS, "Returns self, the complex conjugate of any int."},
    {"bit_length", int_bit_length, HL_METH_NOARGS, "Number of bits necessary to represent self in binary."},
    {"bit_count", int_bit_count, HL_METH_NOARGS, "Number of ones in the binary representation of the absolute value of self."},
    {"as_integer_ratio", int_as_integer_ratio, HL_METH_NOARGS, "Return integer ratio."},
    {"__trunc__", int_conjugate, HL_METH_NOARGS, "Truncating an Integral returns itself."},
    {"__floor__", int_conjugate, HL_METH_NOARGS, "Flooring an Integral returns itself."},
    {"__ceil__", int_conjugate, HL_METH_NOARGS, "Ceiling of an Integral returns itself."},
    {"__round__", int_round, HL_METH_FASTCALL, "Rounding an Integral returns itself.\n"
                                               "Rounding with an ndigits argument also returns an integer."},
    {"__getnewargs__", int_getnewargs, HL_METH_NOARGS, NULL},
    {"__format__", int_format, HL_METH_O, NULL},
    {"__sizeof__", int_sizeof, HL_METH_NOARGS, "Returns size in memory, in bytes."},
    {NULL, NULL, 0, NULL},
};

static HLObject *long_get_self(HLObject *self, void *c) { return long_long(self); }
static HLObject *long_get0(HLObject *self, void *c) { return get_small_int(0); }
static HLObject *long_get1(HLObject *self, void *c) { return get_small_int(1); }

static HLGetSetDef long_getset[] = {
    {"real", long_get_self, NULL, NULL},
    {"imag", long_get0, NULL, NULL},
    {"numerator", long_get_self, NULL, NULL},
    {"denominator", long_get1, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

/* int's own objects are plain pymalloc blocks; subclass instances go
 * through their type's tp_free. */
static void long_dealloc(HLObject *self) { HL_TYPE(self)->tp_free(self); }

static hl_hash_t long_hash_slot(HLObject *v) { return hl_long_hash(v); }

HLTypeObject hl_long_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "int",
    .tp_basicsize = offsetof(HLLongObject, ob_digit),
    .tp_itemsize = sizeof(hl_digit),
    .tp_dealloc = long_dealloc,
    .tp_repr = long_repr,
    .tp_as_number = &hl_long_as_number,
    .tp_hash = long_hash_slot,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_BASETYPE | HL_TPFLAGS_LONG_SUBCLASS,
    .tp_doc = "int([x]) -> integer\nint(x, base=10) -> integer",
    .tp_richcompare = hl_long_richcompare,
    .tp_methods = long_methods,
    .tp_getset = long_getset,
    .tp_alloc = hl_type_generic_alloc,
    .tp_new = long_new,
    .tp_free = hl_object_free,
};
