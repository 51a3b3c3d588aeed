/*
 * floatobject.c — the float type.
 *
 * Layout (CPython 3.11, 32-bit): [ob_refcnt][ob_type][ob_fval], the double
 * at offset 8, 16 bytes in all: one block of pymalloc's smallest class.
 *
 * Free list.  A dying exact float does not go back to pymalloc: its block
 * is pushed on a free list of at most 100 (PyFloat_MAXFREELIST), chained
 * through the ob_type word, and hl_float_from_double pops from it before
 * asking pymalloc — so `id(1.5) == id(2.5)` after the first is freed, as
 * in CPython.  A parked block is marked as plain data for the heap view;
 * every full collection empties the list (clear_freelist, registered with
 * the collector).
 *
 * Text.  repr and str give the shortest string that reads back as the same
 * double, with CPython's layout ("1.0", "0.1", "1e+16", "1.5e-07", "inf",
 * "nan", "-0.0"): hl_double_to_string (formatspec.c) does the work.
 * float(str) accepts surrounding whitespace, a sign, underscores between
 * digits, "inf"/"infinity"/"nan" in any case and Unicode digits, and
 * nothing else (no hex: that is float.fromhex).
 *
 * Arithmetic follows CPython's float_* functions: // and % give the
 * remainder the sign of the divisor (fmod, then an adjustment and a snap
 * of the quotient to an integer), pow sorts out infinities, nans, zeros
 * and negative bases itself before calling the C library, and overflow of
 * pow is OverflowError(34, 'Numerical result out of range').  Comparing a
 * float with an int is exact even for huge ints (float_richcompare's
 * bit-length argument), and hashing agrees with int for integral values:
 * the value modulo 2**31 - 1 (32-bit CPython), +-314159 for infinities,
 * the object's address for a nan (3.10+).
 */
#include "floatobject.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../runtime/dtoa.h"
#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "../runtime/obmalloc.h"
#include "../runtime/runtime.h"
#include "../runtime/strbuf.h"
#include "../runtime/sysmem.h"
#include "abstract.h"
#include "dictobject.h"
#include "formatspec.h"
#include "longobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "unicodectype.h"

#define HASH_BITS 31
#define HASH_MODULUS (((hl_uhash_t)1 << HASH_BITS) - 1)
#define HASH_INF 314159

/* ---- the free list ------------------------------------------------------------ */

static HLFloatObject *free_list;
static int numfree;

HLObject *hl_float_from_double(double fval)
{
    HLFloatObject *op = free_list;
    if (op != NULL) {
        free_list = (HLFloatObject *)HL_TYPE(op);
        numfree--;
        hl_mem_set_kind(op, HL_BLOCK_OBJECT);
        hl_init_object((HLObject *)op, &hl_float_type);
    }
    else {
        op = (HLFloatObject *)hl_object_new(&hl_float_type);
        if (op == NULL)
            return NULL;
    }
    op->ob_fval = fval;
    return (HLObject *)op;
}

static void float_dealloc(HLObject *op)
{
    if (hl_float_check_exact(op)) {
        if (numfree >= HL_FLOAT_MAXFREELIST) {
            hl_object_free(op);
            return;
        }
        numfree++;
        op->ob_type = (HLTypeObject *)free_list;
        free_list = (HLFloatObject *)op;
        hl_mem_set_kind(op, HL_BLOCK_DATA);
        return;
    }
    HL_TYPE(op)->tp_free(op);
}

static void clear_freelist(void)
{
    HLFloatObject *f = free_list;
    while (f != NULL) {
        HLFloatObject *next = (HLFloatObject *)HL_TYPE(f);
        hl_object_free(f);
        f = next;
    }
    free_list = NULL;
    numfree = 0;
}

int hl_float_free_list_count(void) { return numfree; }

int hl_float_init(void)
{
    static int registered;
    /* A fresh runtime starts with an empty list (the blocks of a previous
     * one went with its heap). */
    free_list = NULL;
    numfree = 0;
    if (!registered) {
        hl_gc_register_freelist(clear_freelist);
        registered = 1;
    }
    return 0;
}

/* ---- conversions ---------------------------------------------------------------- */

double hl_float_as_double(HLObject *op)
{
    if (hl_float_check(op))
        return HL_FLOAT_AS_DOUBLE(op);
    HLNumberMethods *nb = HL_TYPE(op)->tp_as_number;
    if (nb == NULL || nb->nb_float == NULL) {
        if (nb && nb->nb_index) {
            HLObject *res = hl_number_index(op);
            if (res == NULL)
                return -1.0;
            double val = hl_long_as_double(res);
            hl_decref(res);
            return val;
        }
        hl_err_format(hl_exc_TypeError, "must be real number, not %s", HL_TYPE(op)->tp_name);
        return -1.0;
    }
    HLObject *res = nb->nb_float(op);
    if (res == NULL)
        return -1.0;
    if (!hl_float_check(res)) {
        hl_err_format(hl_exc_TypeError, "%s.__float__ returned non-float (type %s)",
                      HL_TYPE(op)->tp_name, HL_TYPE(res)->tp_name);
        hl_decref(res);
        return -1.0;
    }
    double val = HL_FLOAT_AS_DOUBLE(res);
    hl_decref(res);
    return val;
}

HLObject *hl_float_from_object(HLObject *o)
{
    if (hl_float_check_exact(o))
        return hl_newref(o);
    HLNumberMethods *m = HL_TYPE(o)->tp_as_number;
    if (m && m->nb_float) {
        HLObject *res = m->nb_float(o);
        if (res == NULL || hl_float_check_exact(res))
            return res;
        if (!hl_float_check(res)) {
            hl_err_format(hl_exc_TypeError, "%s.__float__ returned non-float (type %s)",
                          HL_TYPE(o)->tp_name, HL_TYPE(res)->tp_name);
            hl_decref(res);
            return NULL;
        }
        double val = HL_FLOAT_AS_DOUBLE(res);
        hl_decref(res);
        return hl_float_from_double(val);
    }
    if (m && m->nb_index) {
        HLObject *res = hl_number_index(o);
        if (res == NULL)
            return NULL;
        double val = hl_long_as_double(res);
        hl_decref(res);
        if (val == -1.0 && hl_err_occurred())
            return NULL;
        return hl_float_from_double(val);
    }
    if (hl_float_check(o)) /* a subclass without __float__ */
        return hl_float_from_double(HL_FLOAT_AS_DOUBLE(o));
    return hl_float_from_string(o);
}

/* ---- parsing ----------------------------------------------------------------------- */

static inline int is_ascii_space(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static inline int is_digit(int c) { return c >= '0' && c <= '9'; }
static inline int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int match_ci(const char *s, const char *end, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(end - s) < n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)s[i]) != word[i])
            return 0;
    return 1;
}

/* _PyOS_ascii_strtod on s[0:end]: the value and where it stops (s if no
 * number starts there).  Decimal syntax only, plus inf/infinity/nan. */
static const char *parse_double(const char *s, const char *end, double *out)
{
    const char *p = s;
    int negate = 0;
    if (p < end && (*p == '+' || *p == '-'))
        negate = *p++ == '-';
    if (match_ci(p, end, "inf")) {
        p += 3;
        if (match_ci(p, end, "inity"))
            p += 5;
        *out = negate ? -HUGE_VAL : HUGE_VAL;
        return p;
    }
    if (match_ci(p, end, "nan")) {
        *out = negate ? -NAN : NAN;
        return p + 3;
    }
    const char *digits = p;
    int ndigits = 0;
    while (p < end && is_digit((unsigned char)*p))
        p++, ndigits++;
    if (p < end && *p == '.') {
        p++;
        while (p < end && is_digit((unsigned char)*p))
            p++, ndigits++;
    }
    if (ndigits == 0)
        return s;
    if (p < end && (*p == 'e' || *p == 'E')) {
        const char *q = p + 1;
        if (q < end && (*q == '+' || *q == '-'))
            q++;
        if (q < end && is_digit((unsigned char)*q)) {
            while (q < end && is_digit((unsigned char)*q))
                q++;
            p = q;
        }
    }
    /* The digits without the point, and where the point goes. */
    size_t n = (size_t)(p - digits);
    char small[256] = {0}, *copy = n < sizeof small ? small : hl_raw_malloc(n + 1);
    if (copy == NULL) {
        *out = 0.0;
        return s;
    }
    long decpt = -1, exp = 0;
    int k = 0;
    const char *q = digits;
    for (; q < p && *q != 'e' && *q != 'E'; q++) {
        if (*q == '.')
            decpt = k;
        else
            copy[k++] = *q;
    }
    if (decpt < 0)
        decpt = k;
    if (q < p) { /* the exponent, held where it cannot overflow */
        int eneg = *++q == '-';
        if (*q == '+' || *q == '-')
            q++;
        for (; q < p; q++)
            if (exp < 100000000)
                exp = exp * 10 + (*q - '0');
        decpt += eneg ? -exp : exp;
    }
    double x = hl_strtod_digits(copy, k, decpt, NULL);
    if (copy != small)
        hl_raw_free(copy);
    *out = negate ? -x : x;
    return p;
}

/* Copies s[0:len] without underscores into out; -1 unless every
 * underscore sits between two digits. */
static hl_ssize_t remove_underscores(const char *s, hl_ssize_t len, char *out)
{
    char prev = '\0';
    hl_ssize_t n = 0;
    for (hl_ssize_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '_') {
            if (!is_digit((unsigned char)prev))
                return -1;
        }
        else {
            out[n++] = c;
            if (prev == '_' && !is_digit((unsigned char)c))
                return -1;
        }
        prev = c;
    }
    if (prev == '_')
        return -1;
    return n;
}

double hl_parse_float_literal(const char *s, hl_ssize_t len, int *ok)
{
    double x = -1.0;
    char small[256], *buf = (size_t)len < sizeof small ? small : hl_raw_malloc((size_t)len + 1);
    *ok = 0;
    if (buf == NULL)
        return -1.0;
    hl_ssize_t n = remove_underscores(s, len, buf);
    if (n >= 0) {
        const char *end = parse_double(buf, buf + n, &x);
        *ok = end == buf + n && n > 0;
    }
    if (buf != small)
        hl_raw_free(buf);
    return *ok ? x : -1.0;
}

HLObject *hl_float_from_string(HLObject *v)
{
    if (!hl_str_check(v)) {
        hl_err_format(hl_exc_TypeError, "float() argument must be a string or a real number, not '%s'",
                      HL_TYPE(v)->tp_name);
        return NULL;
    }
    hl_ssize_t len = HL_STR_LEN(v);
    HLObject *s_buffer = NULL, *result = NULL;
    const char *s;
    if (HL_STR_IS_ASCII(v))
        s = (const char *)HL_STR_DATA(v);
    else {
        /* Unicode spaces and digits to ASCII (a temporary str, as in
         * CPython); any other non-ASCII character ends the text with '?'. */
        s_buffer = hl_str_new(len, 127);
        if (s_buffer == NULL)
            return NULL;
        char *out = (char *)HL_STR_DATA(s_buffer);
        hl_ssize_t i;
        for (i = 0; i < len; ++i) {
            uint32_t ch = hl_str_read_char(v, i);
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
        s = out;
    }
    char *dup = NULL;
    int ok = 0;
    double x = 0.0;
    if (memchr(s, '_', (size_t)len) != NULL) {
        dup = hl_mem_malloc((size_t)len + 1);
        if (dup == NULL) {
            hl_err_nomemory();
            goto done;
        }
        len = remove_underscores(s, len, dup);
        s = dup;
    }
    if (len >= 0) {
        const char *last = s + len, *p = s;
        while (p < last && is_ascii_space((unsigned char)*p))
            p++;
        while (p < last - 1 && is_ascii_space((unsigned char)last[-1]))
            last--;
        const char *end = parse_double(p, last, &x);
        ok = end == last && end != p;
    }
    if (ok)
        result = hl_float_from_double(x);
    else
        hl_err_format(hl_exc_ValueError, "could not convert string to float: %R", v);
done:
    if (dup != NULL)
        hl_mem_free(dup);
    hl_xdecref(s_buffer);
    return result;
}

/* ---- repr and hash ------------------------------------------------------------------ */

HLObject *hl_float_repr(HLObject *v)
{
    char *buf = hl_double_to_string(HL_FLOAT_AS_DOUBLE(v), 'r', 0, HL_DTSF_ADD_DOT_0, NULL);
    if (buf == NULL)
        return NULL;
    HLObject *result = hl_str_from_ascii(buf, (hl_ssize_t)strlen(buf));
    hl_mem_free(buf);
    return result;
}

/* Allocates nothing: the heap view formats floats while it reads memory. */
void hl_float_repr_buf(double v, char *buf, size_t size)
{
    char tmp[32]; /* the longest repr, "-2.2250738585072014e-308", has 24 */
    if (size == 0)
        return;
    if (hl_double_to_buf(v, 'r', 0, HL_DTSF_ADD_DOT_0, tmp, sizeof tmp) < 0)
        tmp[0] = '\0';
    size_t n = strlen(tmp) < size ? strlen(tmp) : size - 1;
    memcpy(buf, tmp, n);
    buf[n] = '\0';
}

hl_hash_t hl_float_hash_double(double v)
{
    int e, sign;
    double m;
    hl_uhash_t x, y;
    if (!isfinite(v)) {
        if (isinf(v))
            return v > 0 ? HASH_INF : -HASH_INF;
        return 0;
    }
    m = frexp(v, &e);
    sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    /* Take 28 bits of the mantissa at a time, reducing modulo 2**31 - 1,
     * where a shift by 28 is a rotation of the 31-bit value. */
    x = 0;
    while (m) {
        x = ((x << 28) & HASH_MODULUS) | x >> (HASH_BITS - 28);
        m *= 268435456.0; /* 2**28 */
        e -= 28;
        y = (hl_uhash_t)m;
        m -= y;
        x += y;
        if (x >= HASH_MODULUS)
            x -= HASH_MODULUS;
    }
    /* The exponent as a rotation, after reducing it modulo 31. */
    e = e >= 0 ? e % HASH_BITS : HASH_BITS - 1 - ((-1 - e) % HASH_BITS);
    x = ((x << e) & HASH_MODULUS) | x >> (HASH_BITS - e);
    x = x * (hl_uhash_t)sign;
    if (x == (hl_uhash_t)-1)
        x = (hl_uhash_t)-2;
    return (hl_hash_t)x;
}

hl_hash_t hl_float_hash(HLObject *v)
{
    double d = HL_FLOAT_AS_DOUBLE(v);
    if (isnan(d))
        return hl_hash_pointer(v);
    return hl_float_hash_double(d);
}

/* ---- comparison ------------------------------------------------------------------------ */

static const int swapped_op[] = {HL_GT, HL_GE, HL_EQ, HL_NE, HL_LT, HL_LE};

static int compare_op(int c, int op)
{
    switch (op) {
    case HL_LT: return c < 0;
    case HL_LE: return c <= 0;
    case HL_EQ: return c == 0;
    case HL_NE: return c != 0;
    case HL_GT: return c > 0;
    default: return c >= 0;
    }
}

static HLObject *float_richcompare(HLObject *v, HLObject *w, int op)
{
    double i, j;
    int r = 0;
    if (!hl_float_check(v))
        return hl_newref(HL_NotImplemented);
    i = HL_FLOAT_AS_DOUBLE(v);
    if (hl_float_check(w))
        j = HL_FLOAT_AS_DOUBLE(w);
    else if (!isfinite(i)) {
        /* inf and nan compare with any int as with 0 */
        if (!hl_long_check(w))
            return hl_newref(HL_NotImplemented);
        j = 0.0;
    }
    else if (hl_long_check(w)) {
        int vsign = i == 0.0 ? 0 : i < 0.0 ? -1 : 1;
        int wsign = hl_long_sign(w);
        if (vsign != wsign) {
            /* the signs alone decide */
            i = (double)vsign;
            j = (double)wsign;
            goto compare;
        }
        size_t nbits = hl_long_num_bits(w);
        if (nbits == (size_t)-1 && hl_err_occurred()) {
            /* bigger than any float */
            hl_err_clear();
            i = (double)vsign;
            j = wsign * 2.0;
            goto compare;
        }
        if (nbits <= 48) {
            j = hl_long_as_double(w); /* exact */
            goto compare;
        }
        if (vsign < 0) {
            i = -i;
            op = swapped_op[op];
        }
        int exponent;
        (void)frexp(i, &exponent);
        if (exponent < 0 || (size_t)exponent < nbits) {
            i = 1.0;
            j = 2.0;
            goto compare;
        }
        if ((size_t)exponent > nbits) {
            i = 2.0;
            j = 1.0;
            goto compare;
        }
        /* Same number of bits before the point: compare as ints, with the
         * lost fraction folded into one more bit. */
        HLObject *vv = NULL, *ww = NULL, *temp;
        HLObject *result = NULL;
        double intpart, fracpart = modf(i, &intpart);
        ww = wsign < 0 ? hl_long_neg(w) : hl_newref(w);
        if (ww == NULL)
            goto error;
        vv = hl_long_from_double(intpart);
        if (vv == NULL)
            goto error;
        if (fracpart != 0.0) {
            HLObject *one = hl_long_get_small(1);
            temp = hl_long_lshift(ww, one);
            if (temp == NULL)
                goto error;
            HL_SETREF(ww, temp);
            temp = hl_long_lshift(vv, one);
            if (temp == NULL)
                goto error;
            HL_SETREF(vv, temp);
            temp = hl_long_or(vv, one);
            if (temp == NULL)
                goto error;
            HL_SETREF(vv, temp);
        }
        result = hl_bool_from_long(compare_op(hl_long_compare(vv, ww), op));
    error:
        hl_xdecref(vv);
        hl_xdecref(ww);
        return result;
    }
    else
        return hl_newref(HL_NotImplemented);
compare:
    switch (op) {
    case HL_EQ: r = i == j; break;
    case HL_NE: r = i != j; break;
    case HL_LE: r = i <= j; break;
    case HL_GE: r = i >= j; break;
    case HL_LT: r = i < j; break;
    default: r = i > j; break;
    }
    return hl_bool_from_long(r);
}

/* ---- arithmetic ---------------------------------------------------------------------------- */

/* Either operand as a double: floats and ints, else NotImplemented. */
#define CONVERT_TO_DOUBLE(obj, dbl)                                            \
    do {                                                                       \
        if (hl_float_check(obj))                                               \
            dbl = HL_FLOAT_AS_DOUBLE(obj);                                     \
        else if (hl_long_check(obj)) {                                         \
            dbl = hl_long_as_double(obj);                                      \
            if (dbl == -1.0 && hl_err_occurred())                              \
                return NULL;                                                   \
        }                                                                      \
        else                                                                   \
            return hl_newref(HL_NotImplemented);                               \
    } while (0)

static HLObject *float_add(HLObject *v, HLObject *w)
{
    double a, b;
    CONVERT_TO_DOUBLE(v, a);
    CONVERT_TO_DOUBLE(w, b);
    return hl_float_from_double(a + b);
}

static HLObject *float_sub(HLObject *v, HLObject *w)
{
    double a, b;
    CONVERT_TO_DOUBLE(v, a);
    CONVERT_TO_DOUBLE(w, b);
    return hl_float_from_double(a - b);
}

static HLObject *float_mul(HLObject *v, HLObject *w)
{
    double a, b;
    CONVERT_TO_DOUBLE(v, a);
    CONVERT_TO_DOUBLE(w, b);
    return hl_float_from_double(a * b);
}

static HLObject *float_div(HLObject *v, HLObject *w)
{
    double a, b;
    CONVERT_TO_DOUBLE(v, a);
    CONVERT_TO_DOUBLE(w, b);
    if (b == 0.0) {
        hl_err_set_string(hl_exc_ZeroDivisionError, "float division by zero");
        return NULL;
    }
    return hl_float_from_double(a / b);
}

static HLObject *float_rem(HLObject *v, HLObject *w)
{
    double vx, wx, mod;
    CONVERT_TO_DOUBLE(v, vx);
    CONVERT_TO_DOUBLE(w, wx);
    if (wx == 0.0) {
        hl_err_set_string(hl_exc_ZeroDivisionError, "float modulo");
        return NULL;
    }
    mod = fmod(vx, wx);
    if (mod) {
        /* the remainder takes the sign of the divisor */
        if ((wx < 0) != (mod < 0))
            mod += wx;
    }
    else
        mod = copysign(0.0, wx);
    return hl_float_from_double(mod);
}

static void float_div_mod(double vx, double wx, double *floordiv, double *mod)
{
    double div;
    *mod = fmod(vx, wx);
    /* vx - mod is a multiple of wx up to rounding: div is nearly integral */
    div = (vx - *mod) / wx;
    if (*mod) {
        if ((wx < 0) != (*mod < 0)) {
            *mod += wx;
            div -= 1.0;
        }
    }
    else
        *mod = copysign(0.0, wx);
    if (div) {
        *floordiv = floor(div);
        if (div - *floordiv > 0.5)
            *floordiv += 1.0;
    }
    else
        *floordiv = copysign(0.0, vx / wx);
}

static HLObject *float_divmod(HLObject *v, HLObject *w)
{
    double vx, wx, mod, floordiv;
    CONVERT_TO_DOUBLE(v, vx);
    CONVERT_TO_DOUBLE(w, wx);
    if (wx == 0.0) {
        hl_err_set_string(hl_exc_ZeroDivisionError, "float divmod()");
        return NULL;
    }
    float_div_mod(vx, wx, &floordiv, &mod);
    HLObject *a = hl_float_from_double(floordiv);
    if (a == NULL)
        return NULL;
    HLObject *b = hl_float_from_double(mod);
    if (b == NULL) {
        hl_decref(a);
        return NULL;
    }
    HLObject *t = hl_tuple_pack(2, a, b);
    hl_decref(a);
    hl_decref(b);
    return t;
}

static HLObject *float_floor_div(HLObject *v, HLObject *w)
{
    double vx, wx, mod, floordiv;
    CONVERT_TO_DOUBLE(v, vx);
    CONVERT_TO_DOUBLE(w, wx);
    if (wx == 0.0) {
        hl_err_set_string(hl_exc_ZeroDivisionError, "float floor division by zero");
        return NULL;
    }
    float_div_mod(vx, wx, &floordiv, &mod);
    return hl_float_from_double(floordiv);
}

/* An odd integer stored in a double (its low mantissa bit is set). */
static int double_is_odd_integer(double x) { return fmod(fabs(x), 2.0) == 1.0; }

static HLObject *float_pow(HLObject *v, HLObject *w, HLObject *z)
{
    double iv, iw, ix;
    int negate_result = 0;
    if (z != HL_None) {
        hl_err_set_string(hl_exc_TypeError,
                          "pow() 3rd argument not allowed unless all arguments are integers");
        return NULL;
    }
    CONVERT_TO_DOUBLE(v, iv);
    CONVERT_TO_DOUBLE(w, iw);
    /* The special cases, decided here rather than by the C library. */
    if (iw == 0)
        return hl_float_from_double(1.0);
    if (isnan(iv))
        return hl_float_from_double(iv); /* nan**w = nan, unless w == 0 */
    if (isnan(iw))
        return hl_float_from_double(iv == 1.0 ? 1.0 : iw);
    if (isinf(iw)) {
        /* v**inf is 0 for |v| < 1, 1 for |v| == 1, inf for |v| > 1;
         * v**-inf the other way round */
        iv = fabs(iv);
        if (iv == 1.0)
            return hl_float_from_double(1.0);
        else if ((iw > 0.0) == (iv > 1.0))
            return hl_float_from_double(fabs(iw));
        else
            return hl_float_from_double(0.0);
    }
    if (isinf(iv)) {
        /* (+-inf)**w is inf for w > 0, 0 for w < 0, signed for odd w */
        int iw_is_odd = double_is_odd_integer(iw);
        if (iw > 0.0)
            return hl_float_from_double(iw_is_odd ? iv : fabs(iv));
        else
            return hl_float_from_double(iw_is_odd ? copysign(0.0, iv) : 0.0);
    }
    if (iv == 0.0) {
        int iw_is_odd = double_is_odd_integer(iw);
        if (iw < 0.0) {
            hl_err_set_string(hl_exc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
            return NULL;
        }
        return hl_float_from_double(iw_is_odd ? iv : 0.0);
    }
    if (iv < 0.0) {
        if (iw != floor(iw)) {
            /* CPython returns a complex here; heaplab has no complex type. */
            hl_err_set_string(hl_exc_ValueError, "negative number cannot be raised to a fractional power");
            return NULL;
        }
        iv = -iv;
        negate_result = double_is_odd_integer(iw);
    }
    if (iv == 1.0) /* 1**w is 1, even for huge w */
        return hl_float_from_double(negate_result ? -1.0 : 1.0);
    errno = 0;
    ix = pow(iv, iw);
    if (negate_result)
        ix = -ix;
    if (isinf(ix)) {
        HLObject *code = hl_long_from_long(34), *msg = hl_str_from_cstr("Numerical result out of range");
        HLObject *args = code && msg ? hl_tuple_pack(2, code, msg) : NULL;
        hl_xdecref(code);
        hl_xdecref(msg);
        if (args != NULL) {
            hl_err_set_object(hl_exc_OverflowError, args);
            hl_decref(args);
        }
        return NULL;
    }
    return hl_float_from_double(ix);
}

static HLObject *float_neg(HLObject *v) { return hl_float_from_double(-HL_FLOAT_AS_DOUBLE(v)); }
static HLObject *float_abs(HLObject *v) { return hl_float_from_double(fabs(HL_FLOAT_AS_DOUBLE(v))); }
static int float_bool(HLObject *v) { return HL_FLOAT_AS_DOUBLE(v) != 0.0; }

/* float(v): v itself if exact. */
static HLObject *float_float(HLObject *v)
{
    if (hl_float_check_exact(v))
        return hl_newref(v);
    return hl_float_from_double(HL_FLOAT_AS_DOUBLE(v));
}

static HLObject *float_trunc(HLObject *v) { return hl_long_from_double(HL_FLOAT_AS_DOUBLE(v)); }

static HLNumberMethods float_as_number = {
    .nb_add = float_add,
    .nb_subtract = float_sub,
    .nb_multiply = float_mul,
    .nb_remainder = float_rem,
    .nb_divmod = float_divmod,
    .nb_power = float_pow,
    .nb_negative = float_neg,
    .nb_positive = float_float,
    .nb_absolute = float_abs,
    .nb_bool = float_bool,
    .nb_int = float_trunc,
    .nb_float = float_float,
    .nb_floor_divide = float_floor_div,
    .nb_true_divide = float_div,
};

/* ---- methods -------------------------------------------------------------------------------- */

#define METHOD(name) \
    static HLObject *name(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames)

METHOD(float_conjugate) { return float_float(self); }
METHOD(float_trunc_m) { return float_trunc(self); }
METHOD(float_floor_m) { return hl_long_from_double(floor(HL_FLOAT_AS_DOUBLE(self))); }
METHOD(float_ceil_m) { return hl_long_from_double(ceil(HL_FLOAT_AS_DOUBLE(self))); }

/* Correctly rounded x to ndigits decimals: the rounded decimal digits,
 * read back (double_round). */
static HLObject *double_round(double x, int ndigits)
{
    char digits[HL_DTOA_BUFSIZE];
    int decpt, overflow;
    int n = hl_dtoa(x, 3, ndigits, digits, &decpt);
    double rounded = hl_strtod_digits(digits, n, decpt, &overflow);
    if (overflow) {
        hl_err_set_string(hl_exc_OverflowError, "rounded value too large to represent");
        return NULL;
    }
    rounded = copysign(rounded, x);
    return hl_float_from_double(rounded);
}

/* float.__round__(ndigits=None, /) */
METHOD(float_round)
{
    double x = HL_FLOAT_AS_DOUBLE(self);
    if (hl_arg_no_kwnames("__round__", kwnames) < 0 ||
        hl_arg_check_positional("__round__", nargs, 0, 1) < 0)
        return NULL;
    if (nargs == 0 || args[0] == HL_None) {
        /* to the nearest integer, ties to even */
        double rounded = round(x);
        if (fabs(x - rounded) == 0.5)
            rounded = 2.0 * round(x / 2.0);
        return hl_long_from_double(rounded);
    }
    hl_ssize_t ndigits = hl_number_as_ssize(args[0], NULL);
    if (ndigits == -1 && hl_err_occurred())
        return NULL;
    if (!isfinite(x))
        return hl_float_from_double(x);
    /* Past these, x rounds to itself or to a signed zero (0.30103 bounds
     * log10(2)). */
#define NDIGITS_MAX ((int)((DBL_MANT_DIG - DBL_MIN_EXP) * 0.30103))
#define NDIGITS_MIN (-(int)((DBL_MAX_EXP + 1) * 0.30103))
    if (ndigits > NDIGITS_MAX)
        return hl_float_from_double(x);
    if (ndigits < NDIGITS_MIN)
        return hl_float_from_double(0.0 * x);
    return double_round(x, (int)ndigits);
}

METHOD(float_as_integer_ratio)
{
    double self_double = HL_FLOAT_AS_DOUBLE(self), float_part;
    int exponent, i;
    HLObject *numerator = NULL, *denominator = NULL, *py_exponent = NULL, *result = NULL;
    if (isinf(self_double)) {
        hl_err_set_string(hl_exc_OverflowError, "cannot convert Infinity to integer ratio");
        return NULL;
    }
    if (isnan(self_double)) {
        hl_err_set_string(hl_exc_ValueError, "cannot convert NaN to integer ratio");
        return NULL;
    }
    float_part = frexp(self_double, &exponent);
    for (i = 0; i < 300 && float_part != floor(float_part); i++) {
        float_part *= 2.0;
        exponent--;
    }
    numerator = hl_long_from_double(float_part);
    if (numerator == NULL)
        goto error;
    denominator = hl_long_from_long(1);
    if (denominator == NULL)
        goto error;
    py_exponent = hl_long_from_long(exponent < 0 ? -exponent : exponent);
    if (py_exponent == NULL)
        goto error;
    if (exponent > 0) {
        HL_SETREF(numerator, hl_long_lshift(numerator, py_exponent));
        if (numerator == NULL)
            goto error;
    }
    else {
        HL_SETREF(denominator, hl_long_lshift(denominator, py_exponent));
        if (denominator == NULL)
            goto error;
    }
    result = hl_tuple_pack(2, numerator, denominator);
error:
    hl_xdecref(py_exponent);
    hl_xdecref(denominator);
    hl_xdecref(numerator);
    return result;
}

METHOD(float_is_integer)
{
    double x = HL_FLOAT_AS_DOUBLE(self);
    if (!isfinite(x))
        return hl_bool_from_long(0);
    return hl_bool_from_long(floor(x) == x);
}

/* float.hex(): 0x1.<13 hex digits>p<exp>, subnormals as 0x0.<...>p-1022. */
METHOD(float_hex)
{
    static const char hexdigits[] = "0123456789abcdef";
    enum { TOHEX_NBITS = DBL_MANT_DIG + 3 - (DBL_MANT_DIG + 2) % 4 };
    char s[(TOHEX_NBITS - 1) / 4 + 3], out[64];
    double x = HL_FLOAT_AS_DOUBLE(self), m;
    int e, shift, i, si;
    if (isnan(x) || isinf(x))
        return hl_float_repr(self);
    if (x == 0.0)
        return hl_str_from_cstr(copysign(1.0, x) == -1.0 ? "-0x0.0p+0" : "0x0.0p+0");
    m = frexp(fabs(x), &e);
    shift = 1 - (DBL_MIN_EXP - e > 0 ? DBL_MIN_EXP - e : 0);
    m = ldexp(m, shift);
    e -= shift;
    si = 0;
    s[si++] = hexdigits[(int)m];
    m -= (int)m;
    s[si++] = '.';
    for (i = 0; i < (TOHEX_NBITS - 1) / 4; i++) {
        m *= 16.0;
        s[si++] = hexdigits[(int)m];
        m -= (int)m;
    }
    s[si] = '\0';
    hl_snprintf(out, sizeof out, "%s0x%sp%c%d", x < 0.0 ? "-" : "", s, e < 0 ? '-' : '+', e < 0 ? -e : e);
    return hl_str_from_cstr(out);
}

static int hex_digit(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = lower(c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* float.fromhex(string): the value of a hexadecimal string, correctly
 * rounded.  The hex digits become an int m and the result is m * 2**e,
 * computed with int arithmetic: exact shifts and a correctly rounded
 * conversion or true division. */
static HLObject *float_fromhex_value(HLObject *string)
{
    hl_ssize_t len;
    const char *s = hl_str_as_utf8(string, &len), *end, *p;
    if (s == NULL)
        return NULL;
    end = s + len;
    while (s < end && is_ascii_space((unsigned char)*s))
        s++;
    while (end > s && is_ascii_space((unsigned char)end[-1]))
        end--;
    p = s;
    int negate = 0;
    if (p < end && (*p == '+' || *p == '-'))
        negate = *p++ == '-';
    double special;
    const char *after = parse_double(p, end, &special);
    if (after == end && after != p && (isinf(special) || isnan(special)))
        return hl_float_from_double(negate ? -special : special);
    if (end - p >= 2 && p[0] == '0' && lower((unsigned char)p[1]) == 'x')
        p += 2;
    /* mantissa digits */
    char digits_small[128], *digits = digits_small;
    hl_ssize_t ndigits = 0, fracdigits = 0, cap = sizeof digits_small;
    int seen_point = 0;
    HLObject *result = NULL, *m = NULL;
    for (; p < end; p++) {
        if (*p == '.' && !seen_point) {
            seen_point = 1;
            continue;
        }
        if (hex_digit((unsigned char)*p) < 0)
            break;
        if (ndigits + 1 >= cap) {
            char *bigger = hl_raw_malloc((size_t)cap * 2);
            if (bigger == NULL) {
                hl_err_nomemory();
                goto done;
            }
            memcpy(bigger, digits, (size_t)ndigits);
            if (digits != digits_small)
                hl_raw_free(digits);
            digits = bigger;
            cap *= 2;
        }
        digits[ndigits++] = *p;
        if (seen_point)
            fracdigits++;
    }
    if (ndigits == 0)
        goto parse_error;
    long long exp = 0;
    if (p < end && lower((unsigned char)*p) == 'p') {
        p++;
        int eneg = 0;
        if (p < end && (*p == '+' || *p == '-'))
            eneg = *p++ == '-';
        if (p >= end || !is_digit((unsigned char)*p))
            goto parse_error;
        for (; p < end && is_digit((unsigned char)*p); p++)
            if (exp < 100000000000LL)
                exp = exp * 10 + (*p - '0');
        if (eneg)
            exp = -exp;
    }
    if (p != end)
        goto parse_error;
    exp -= 4LL * fracdigits;
    m = hl_long_from_string(digits, ndigits, 16);
    if (m == NULL)
        goto done;
    if (HL_SIZE(m) == 0) {
        result = hl_float_from_double(negate ? -0.0 : 0.0);
        goto done;
    }
    long long bits = (long long)hl_long_num_bits(m);
    if (bits + exp > DBL_MAX_EXP + 1) {
        hl_err_set_string(hl_exc_OverflowError, "hexadecimal value too large to represent as a float");
        goto done;
    }
    if (bits + exp < DBL_MIN_EXP - DBL_MANT_DIG - 2) {
        result = hl_float_from_double(negate ? -0.0 : 0.0);
        goto done;
    }
    HLObject *shift = hl_long_from_long_long(exp < 0 ? -exp : exp);
    if (shift == NULL)
        goto done;
    HLObject *scaled;
    if (exp >= 0) {
        scaled = hl_long_lshift(m, shift);
        hl_decref(shift);
        if (scaled == NULL)
            goto done;
        double d = hl_long_as_double(scaled);
        hl_decref(scaled);
        if (d == -1.0 && hl_err_occurred()) {
            hl_err_clear();
            hl_err_set_string(hl_exc_OverflowError, "hexadecimal value too large to represent as a float");
            goto done;
        }
        result = hl_float_from_double(negate ? -d : d);
    }
    else {
        HLObject *den = hl_long_lshift(hl_long_get_small(1), shift);
        hl_decref(shift);
        if (den == NULL)
            goto done;
        result = hl_number_true_divide(m, den);
        hl_decref(den);
        if (result != NULL && negate)
            HL_SETREF(result, hl_float_from_double(-HL_FLOAT_AS_DOUBLE(result)));
    }
    goto done;
parse_error:
    hl_err_set_string(hl_exc_ValueError, "invalid hexadecimal floating-point string");
done:
    hl_xdecref(m);
    if (digits != digits_small)
        hl_raw_free(digits);
    return result;
}

METHOD(float_fromhex)
{
    HLObject *type = self, *string = args[0];
    if (!hl_str_check(string)) {
        hl_err_format(hl_exc_TypeError, "fromhex() argument must be str, not %s", HL_TYPE(string)->tp_name);
        return NULL;
    }
    HLObject *result = float_fromhex_value(string);
    if (result != NULL && type != (HLObject *)&hl_float_type)
        HL_SETREF(result, hl_call_one(type, result));
    return result;
}

METHOD(float_getnewargs)
{
    HLObject *f = hl_float_from_double(HL_FLOAT_AS_DOUBLE(self));
    if (f == NULL)
        return NULL;
    HLObject *t = hl_tuple_pack(1, f);
    hl_decref(f);
    return t;
}

METHOD(float_getformat)
{
    HLObject *typestr = args[0];
    if (!hl_str_check(typestr)) {
        hl_err_format(hl_exc_TypeError, "__getformat__() argument must be str, not %s",
                      HL_TYPE(typestr)->tp_name);
        return NULL;
    }
    if (!hl_str_eq_cstr(typestr, "double") && !hl_str_eq_cstr(typestr, "float")) {
        hl_err_set_string(hl_exc_ValueError, "__getformat__() argument 1 must be 'double' or 'float'");
        return NULL;
    }
    return hl_str_from_cstr("IEEE, little-endian");
}

METHOD(float_format)
{
    HLObject *spec = args[0];
    if (!hl_str_check(spec)) {
        hl_err_format(hl_exc_TypeError, "__format__() argument must be str, not %s", HL_TYPE(spec)->tp_name);
        return NULL;
    }
    return hl_float_format_spec(self, spec);
}

static HLMethodDef float_methods[] = {
    {"conjugate", float_conjugate, HL_METH_NOARGS, "Return self, the complex conjugate of any float."},
    {"__trunc__", float_trunc_m, HL_METH_NOARGS, "Return the Integral closest to x between 0 and x."},
    {"__floor__", float_floor_m, HL_METH_NOARGS, "Return the floor as an Integral."},
    {"__ceil__", float_ceil_m, HL_METH_NOARGS, "Return the ceiling as an Integral."},
    {"__round__", float_round, HL_METH_FASTCALL, "Return the Integral closest to x, rounding half toward even.\n\n"
                                                 "When an argument is passed, work like built-in round(x, ndigits)."},
    {"as_integer_ratio", float_as_integer_ratio, HL_METH_NOARGS, "Return integer ratio."},
    {"fromhex", float_fromhex, HL_METH_O | HL_METH_CLASS, "Create a floating-point number from a hexadecimal string."},
    {"hex", float_hex, HL_METH_NOARGS, "Return a hexadecimal representation of a floating-point number."},
    {"is_integer", float_is_integer, HL_METH_NOARGS, "Return True if the float is an integer."},
    {"__getnewargs__", float_getnewargs, HL_METH_NOARGS, NULL},
    {"__getformat__", float_getformat, HL_METH_O | HL_METH_CLASS, "You probably don't want to use this function."},
    {"__format__", float_format, HL_METH_O, "Formats the float according to format_spec."},
    {NULL, NULL, 0, NULL},
};

static HLObject *float_getreal(HLObject *self, void *c) { return float_float(self); }
static HLObject *float_getimag(HLObject *self, void *c) { return hl_float_from_double(0.0); }

static HLGetSetDef float_getset[] = {
    {"real", float_getreal, NULL, NULL},
    {"imag", float_getimag, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

/* ---- float() -------------------------------------------------------------------------------------- */

static HLObject *float_new_impl(HLTypeObject *type, HLObject *x)
{
    if (type != &hl_float_type) {
        /* a subclass: compute the value, then copy it into an instance */
        HLObject *tmp = float_new_impl(&hl_float_type, x ? x : hl_long_get_small(0));
        if (tmp == NULL)
            return NULL;
        HLObject *newobj = type->tp_alloc(type, 0);
        if (newobj != NULL)
            ((HLFloatObject *)newobj)->ob_fval = HL_FLOAT_AS_DOUBLE(tmp);
        hl_decref(tmp);
        return newobj;
    }
    if (x == NULL)
        return hl_float_from_double(0.0);
    if (hl_str_check_exact(x))
        return hl_float_from_string(x);
    return hl_float_from_object(x);
}

static HLObject *float_new(HLTypeObject *type, HLObject *args, HLObject *kwds)
{
    if ((type == &hl_float_type || type->tp_init == hl_float_type.tp_init) && kwds != NULL &&
        hl_dict_size(kwds) != 0) {
        hl_err_set_string(hl_exc_TypeError, "float() takes no keyword arguments");
        return NULL;
    }
    if (hl_arg_check_positional("float", HL_SIZE(args), 0, 1) < 0)
        return NULL;
    return float_new_impl(type, HL_SIZE(args) ? HL_TUPLE_GET(args, 0) : NULL);
}

static HLObject *float_vectorcall(HLObject *type, HLObject *const *args, size_t nargsf, HLObject *kwnames)
{
    hl_ssize_t nargs = HL_NARGS(nargsf);
    if (hl_arg_no_kwnames("float", kwnames) < 0 || hl_arg_check_positional("float", nargs, 0, 1) < 0)
        return NULL;
    return float_new_impl((HLTypeObject *)type, nargs >= 1 ? args[0] : NULL);
}

HLTypeObject hl_float_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "float",
    .tp_basicsize = sizeof(HLFloatObject),
    .tp_dealloc = float_dealloc,
    .tp_repr = hl_float_repr,
    .tp_as_number = &float_as_number,
    .tp_hash = hl_float_hash,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_BASETYPE,
    .tp_doc = "Convert a string or number to a floating point number, if possible.",
    .tp_richcompare = float_richcompare,
    .tp_methods = float_methods,
    .tp_getset = float_getset,
    .tp_alloc = hl_type_generic_alloc,
    .tp_new = float_new,
    .tp_free = hl_object_free,
    .tp_vectorcall = float_vectorcall,
};
