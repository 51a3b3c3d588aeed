/*
 * longarith.c — arithmetic on ints, with CPython 3.11's algorithms.
 *
 * An int is a sign and a magnitude: |ob_size| digits of 30 bits each,
 * least significant first, stored in uint32 words (hl_digit), the sign
 * being the sign of ob_size.  Two-digit intermediate values fit in 64 bits
 * (hl_twodigits), so schoolbook loops never overflow.
 *
 * The algorithms and their names are CPython's:
 *
 *   x_add, x_sub    add / subtract magnitudes; the sign is fixed up by the
 *                   callers (_PyLong_Add / _PyLong_Subtract here: long_add,
 *                   long_sub).
 *   x_mul, k_mul    schoolbook multiplication, and Karatsuba's (three
 *                   half-size products instead of four) once both operands
 *                   have more than 70 digits; k_lopsided_mul cuts a much
 *                   longer operand into slices of the shorter one's size.
 *   divrem1         division by one digit; x_divrem is Knuth's algorithm D
 *                   for longer divisors.  long_divrem truncates toward
 *                   zero; l_divmod and l_mod turn that into Python's floor
 *                   division, where the remainder takes the divisor's sign.
 *   long_true_divide  a / b correctly rounded: shift a so that the integer
 *                   quotient has DBL_MANT_DIG + 2 or + 3 bits, divide,
 *                   fold "inexact" into a sticky bit, round half to even by
 *                   hand and scale with ldexp.
 *   hl_long_frexp   int -> double with the same rounding (_PyLong_Frexp).
 *   long_pow        left-to-right binary exponentiation, with a modulus
 *                   (3-argument pow) and modular inverses for negative
 *                   exponents (long_invmod, 3.8+).
 *   long_bitwise    &, |, ^ on two's-complement images of the operands.
 *   long_lshift1, long_rshift1   shifts; >> of a negative number rounds
 *                   toward minus infinity.
 *
 * Values of at most one digit (CPython's "medium" values, |v| < 2**30) take
 * fast paths through C arithmetic, as in 3.11 — which matters beyond speed:
 * every result is allocated with exactly the digits CPython allocates for
 * it, so it lands in the same pymalloc size class, and every result in
 * -5..256 is the static small int (maybe_small_long), as it is in CPython.
 */
#include "longobject.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <string.h>

#include "../runtime/errors.h"
#include "floatobject.h"
#include "tupleobject.h"

#define SHIFT HL_LONG_SHIFT
#define BASE HL_LONG_BASE
#define MASK HL_LONG_MASK

#define DIGITS(x) (((HLLongObject *)(x))->ob_digit)
#define ABS_SIZE(x) (HL_SIZE(x) < 0 ? -HL_SIZE(x) : HL_SIZE(x))
/* |v| < 2**30: one digit or zero (CPython's IS_MEDIUM_VALUE). */
#define IS_MEDIUM_VALUE(x) ((size_t)(HL_SIZE(x) + 1) < 3)
#define MAX_LONG_DIGITS ((HL_SSIZE_T_MAX - (hl_ssize_t)offsetof(HLLongObject, ob_digit)) / (hl_ssize_t)sizeof(hl_digit))

#define CHECK_BINOP(a, b)                                                      \
    do {                                                                       \
        if (!hl_long_check(a) || !hl_long_check(b))                            \
            return hl_newref(HL_NotImplemented);                               \
    } while (0)

static inline hl_stwodigits medium_value(HLObject *x)
{
    return (hl_stwodigits)HL_SIZE(x) * (hl_stwodigits)DIGITS(x)[0];
}

static inline HLObject *small(int v) { return hl_newref(hl_long_get_small(v)); }

/* int(v) for an int: v itself if exact, else a plain-int copy. */
static inline HLObject *long_long(HLObject *v)
{
    return hl_long_check_exact(v) ? hl_newref(v) : hl_long_copy(v);
}

static inline int bit_length_digit(hl_digit x) { return x ? 32 - __builtin_clz(x) : 0; }

/* _PyLong_Negate: -x, stealing x; a fresh result is negated in place. */
static HLObject *negate(HLObject *x)
{
    if (x == NULL)
        return NULL;
    if (HL_REFCNT(x) == 1 && hl_long_check_exact(x)) {
        HL_SIZE(x) = -HL_SIZE(x);
        return x;
    }
    HLObject *r = hl_long_neg(x);
    hl_decref(x);
    return r;
}

/* ---- digit vectors ------------------------------------------------------ */

/* z[0:m] = a[0:m] << d (0 <= d < SHIFT); returns the bits shifted out. */
static hl_digit v_lshift(hl_digit *z, const hl_digit *a, hl_ssize_t m, int d)
{
    hl_digit carry = 0;
    for (hl_ssize_t i = 0; i < m; i++) {
        hl_twodigits acc = (hl_twodigits)a[i] << d | carry;
        z[i] = (hl_digit)acc & MASK;
        carry = (hl_digit)(acc >> SHIFT);
    }
    return carry;
}

/* z[0:m] = a[0:m] >> d (0 <= d < SHIFT); returns the bits shifted out. */
static hl_digit v_rshift(hl_digit *z, const hl_digit *a, hl_ssize_t m, int d)
{
    hl_digit carry = 0, mask = ((hl_digit)1 << d) - 1U;
    for (hl_ssize_t i = m; i-- > 0;) {
        hl_twodigits acc = (hl_twodigits)carry << SHIFT | a[i];
        carry = (hl_digit)acc & mask;
        z[i] = (hl_digit)(acc >> d);
    }
    return carry;
}

/* z = two's complement of a, modulo BASE**m. */
static void v_complement(hl_digit *z, const hl_digit *a, hl_ssize_t m)
{
    hl_digit carry = 1;
    for (hl_ssize_t i = 0; i < m; ++i) {
        carry += a[i] ^ MASK;
        z[i] = carry & MASK;
        carry >>= SHIFT;
    }
}

/* pout = pin / n, returning the remainder (pout may be pin). */
static hl_digit inplace_divrem1(hl_digit *pout, const hl_digit *pin, hl_ssize_t size, hl_digit n)
{
    hl_digit rem = 0;
    while (--size >= 0) {
        hl_twodigits dividend = ((hl_twodigits)rem << SHIFT) | pin[size];
        hl_digit q = (hl_digit)(dividend / n);
        rem = (hl_digit)(dividend % n);
        pout[size] = q;
    }
    return rem;
}

static hl_digit inplace_rem1(const hl_digit *pin, hl_ssize_t size, hl_digit n)
{
    hl_twodigits rem = 0;
    while (--size >= 0)
        rem = ((rem << SHIFT) | pin[size]) % n;
    return (hl_digit)rem;
}

/* |a| / n for one digit n: a new (unnormalized-sign) int and the remainder. */
static HLLongObject *divrem1(HLObject *a, hl_digit n, hl_digit *prem)
{
    hl_ssize_t size = ABS_SIZE(a);
    HLLongObject *z = hl_long_new(size);
    if (z == NULL)
        return NULL;
    *prem = inplace_divrem1(z->ob_digit, DIGITS(a), size, n);
    return hl_long_strip(z);
}

/* ---- addition, subtraction, multiplication ------------------------------ */

/* |a| + |b|, positive. */
static HLLongObject *x_add(HLObject *a, HLObject *b)
{
    hl_ssize_t size_a = ABS_SIZE(a), size_b = ABS_SIZE(b), i;
    hl_digit carry = 0;
    if (size_a < size_b) {
        HLObject *t = a; a = b; b = t;
        hl_ssize_t s = size_a; size_a = size_b; size_b = s;
    }
    HLLongObject *z = hl_long_new(size_a + 1);
    if (z == NULL)
        return NULL;
    for (i = 0; i < size_b; ++i) {
        carry += DIGITS(a)[i] + DIGITS(b)[i];
        z->ob_digit[i] = carry & MASK;
        carry >>= SHIFT;
    }
    for (; i < size_a; ++i) {
        carry += DIGITS(a)[i];
        z->ob_digit[i] = carry & MASK;
        carry >>= SHIFT;
    }
    z->ob_digit[i] = carry;
    return hl_long_strip(z);
}

/* |a| - |b|, with the sign of the difference. */
static HLObject *x_sub(HLObject *a, HLObject *b)
{
    hl_ssize_t size_a = ABS_SIZE(a), size_b = ABS_SIZE(b), i;
    int sign = 1;
    hl_digit borrow = 0;
    if (size_a < size_b) {
        sign = -1;
        HLObject *t = a; a = b; b = t;
        hl_ssize_t s = size_a; size_a = size_b; size_b = s;
    }
    else if (size_a == size_b) {
        /* Only the digits below the highest difference matter. */
        i = size_a;
        while (--i >= 0 && DIGITS(a)[i] == DIGITS(b)[i])
            ;
        if (i < 0)
            return small(0);
        if (DIGITS(a)[i] < DIGITS(b)[i]) {
            sign = -1;
            HLObject *t = a; a = b; b = t;
        }
        size_a = size_b = i + 1;
    }
    HLLongObject *z = hl_long_new(size_a);
    if (z == NULL)
        return NULL;
    for (i = 0; i < size_b; ++i) {
        borrow = DIGITS(a)[i] - DIGITS(b)[i] - borrow;
        z->ob_digit[i] = borrow & MASK;
        borrow >>= SHIFT;
        borrow &= 1;
    }
    for (; i < size_a; ++i) {
        borrow = DIGITS(a)[i] - borrow;
        z->ob_digit[i] = borrow & MASK;
        borrow >>= SHIFT;
        borrow &= 1;
    }
    if (sign < 0)
        HL_SIZE(z) = -HL_SIZE(z);
    return hl_long_normalize(z);
}

HLObject *hl_long_add(HLObject *a, HLObject *b)
{
    if (IS_MEDIUM_VALUE(a) && IS_MEDIUM_VALUE(b))
        return hl_long_from_stwodigits(medium_value(a) + medium_value(b));
    if (HL_SIZE(a) < 0) {
        if (HL_SIZE(b) < 0) {
            HLLongObject *z = x_add(a, b);
            /* At least one operand had several digits, so z is no small int. */
            if (z != NULL)
                HL_SIZE(z) = -HL_SIZE(z);
            return (HLObject *)z;
        }
        return x_sub(b, a);
    }
    if (HL_SIZE(b) < 0)
        return x_sub(a, b);
    return (HLObject *)x_add(a, b);
}

HLObject *hl_long_sub(HLObject *a, HLObject *b)
{
    if (IS_MEDIUM_VALUE(a) && IS_MEDIUM_VALUE(b))
        return hl_long_from_stwodigits(medium_value(a) - medium_value(b));
    if (HL_SIZE(a) < 0) {
        if (HL_SIZE(b) < 0)
            return x_sub(b, a);
        HLLongObject *z = x_add(a, b);
        if (z != NULL)
            HL_SIZE(z) = -HL_SIZE(z);
        return (HLObject *)z;
    }
    if (HL_SIZE(b) < 0)
        return (HLObject *)x_add(a, b);
    return x_sub(a, b);
}

/* |a| * |b|, schoolbook. */
static HLLongObject *x_mul(HLObject *a, HLObject *b)
{
    hl_ssize_t size_a = ABS_SIZE(a), size_b = ABS_SIZE(b);
    HLLongObject *z = hl_long_new(size_a + size_b);
    if (z == NULL)
        return NULL;
    memset(z->ob_digit, 0, (size_t)(size_a + size_b) * sizeof(hl_digit));
    for (hl_ssize_t i = 0; i < size_a; ++i) {
        hl_twodigits carry = 0, f = DIGITS(a)[i];
        hl_digit *pz = z->ob_digit + i;
        const hl_digit *pb = DIGITS(b), *pbend = DIGITS(b) + size_b;
        while (pb < pbend) {
            carry += *pz + *pb++ * f;
            *pz++ = (hl_digit)(carry & MASK);
            carry >>= SHIFT;
        }
        if (carry)
            *pz += (hl_digit)(carry & MASK);
    }
    return hl_long_strip(z);
}

/* x[0:m] += y[0:n] (m >= n); returns the carry out of x. */
static hl_digit v_iadd(hl_digit *x, hl_ssize_t m, const hl_digit *y, hl_ssize_t n)
{
    hl_digit carry = 0;
    hl_ssize_t i;
    for (i = 0; i < n; ++i) {
        carry += x[i] + y[i];
        x[i] = carry & MASK;
        carry >>= SHIFT;
    }
    for (; carry && i < m; ++i) {
        carry += x[i];
        x[i] = carry & MASK;
        carry >>= SHIFT;
    }
    return carry;
}

/* x[0:m] -= y[0:n] (m >= n); returns the borrow out of x. */
static hl_digit v_isub(hl_digit *x, hl_ssize_t m, const hl_digit *y, hl_ssize_t n)
{
    hl_digit borrow = 0;
    hl_ssize_t i;
    for (i = 0; i < n; ++i) {
        borrow = x[i] - y[i] - borrow;
        x[i] = borrow & MASK;
        borrow >>= SHIFT;
        borrow &= 1;
    }
    for (; borrow && i < m; ++i) {
        borrow = x[i] - borrow;
        x[i] = borrow & MASK;
        borrow >>= SHIFT;
        borrow &= 1;
    }
    return borrow;
}

#define KARATSUBA_CUTOFF 70
#define KARATSUBA_SQUARE_CUTOFF (2 * KARATSUBA_CUTOFF)

/* |n| == (high << size digits) + low, both non-negative. */
static int kmul_split(HLObject *n, hl_ssize_t size, HLLongObject **high, HLLongObject **low)
{
    hl_ssize_t size_n = ABS_SIZE(n), size_lo = size_n < size ? size_n : size, size_hi = size_n - size_lo;
    HLLongObject *hi = hl_long_new(size_hi), *lo;
    if (hi == NULL)
        return -1;
    if ((lo = hl_long_new(size_lo)) == NULL) {
        hl_decref(hi);
        return -1;
    }
    memcpy(lo->ob_digit, DIGITS(n), (size_t)size_lo * sizeof(hl_digit));
    memcpy(hi->ob_digit, DIGITS(n) + size_lo, (size_t)size_hi * sizeof(hl_digit));
    *high = hl_long_strip(hi);
    *low = hl_long_strip(lo);
    return 0;
}

static HLLongObject *k_lopsided_mul(HLObject *a, HLObject *b);

/* |a| * |b| by Karatsuba: with X a power of BASE,
 * (ah*X + al)(bh*X + bl) = ah*bh*X*X + ((ah+al)(bh+bl) - ah*bh - al*bl)*X + al*bl,
 * three products of half the size.  The result is assembled in place
 * modulo BASE**(asize+bsize), so intermediate borrows can be ignored. */
static HLLongObject *k_mul(HLObject *a, HLObject *b)
{
    hl_ssize_t asize = ABS_SIZE(a), bsize = ABS_SIZE(b), shift, i;
    HLLongObject *ah = NULL, *al = NULL, *bh = NULL, *bl = NULL, *ret = NULL, *t1, *t2, *t3;
    if (asize > bsize) {
        HLObject *t = a; a = b; b = t;
        i = asize; asize = bsize; bsize = i;
    }
    i = a == b ? KARATSUBA_SQUARE_CUTOFF : KARATSUBA_CUTOFF;
    if (asize <= i) {
        if (asize == 0)
            return (HLLongObject *)small(0);
        return x_mul(a, b);
    }
    /* A much shorter a would make ah zero: multiply by slices of b. */
    if (2 * asize <= bsize)
        return k_lopsided_mul(a, b);
    shift = bsize >> 1;
    if (kmul_split(a, shift, &ah, &al) < 0)
        goto fail;
    if (a == b) {
        bh = (HLLongObject *)hl_newref(ah);
        bl = (HLLongObject *)hl_newref(al);
    }
    else if (kmul_split(b, shift, &bh, &bl) < 0)
        goto fail;
    ret = hl_long_new(asize + bsize);
    if (ret == NULL)
        goto fail;
    /* ah*bh into the high digits, al*bl into the low ones */
    if ((t1 = k_mul((HLObject *)ah, (HLObject *)bh)) == NULL)
        goto fail;
    memcpy(ret->ob_digit + 2 * shift, t1->ob_digit, (size_t)HL_SIZE(t1) * sizeof(hl_digit));
    i = HL_SIZE(ret) - 2 * shift - HL_SIZE(t1);
    if (i)
        memset(ret->ob_digit + 2 * shift + HL_SIZE(t1), 0, (size_t)i * sizeof(hl_digit));
    if ((t2 = k_mul((HLObject *)al, (HLObject *)bl)) == NULL) {
        hl_decref(t1);
        goto fail;
    }
    memcpy(ret->ob_digit, t2->ob_digit, (size_t)HL_SIZE(t2) * sizeof(hl_digit));
    i = 2 * shift - HL_SIZE(t2);
    if (i)
        memset(ret->ob_digit + HL_SIZE(t2), 0, (size_t)i * sizeof(hl_digit));
    /* minus both at X */
    i = HL_SIZE(ret) - shift;
    (void)v_isub(ret->ob_digit + shift, i, t2->ob_digit, HL_SIZE(t2));
    hl_decref(t2);
    (void)v_isub(ret->ob_digit + shift, i, t1->ob_digit, HL_SIZE(t1));
    hl_decref(t1);
    /* plus (ah+al)(bh+bl) at X */
    if ((t1 = x_add((HLObject *)ah, (HLObject *)al)) == NULL)
        goto fail;
    HL_CLEAR(ah);
    HL_CLEAR(al);
    if (a == b)
        t2 = (HLLongObject *)hl_newref(t1);
    else if ((t2 = x_add((HLObject *)bh, (HLObject *)bl)) == NULL) {
        hl_decref(t1);
        goto fail;
    }
    HL_CLEAR(bh);
    HL_CLEAR(bl);
    t3 = k_mul((HLObject *)t1, (HLObject *)t2);
    hl_decref(t1);
    hl_decref(t2);
    if (t3 == NULL)
        goto fail;
    (void)v_iadd(ret->ob_digit + shift, i, t3->ob_digit, HL_SIZE(t3));
    hl_decref(t3);
    return hl_long_strip(ret);
fail:
    hl_xdecref(ret);
    hl_xdecref(ah);
    hl_xdecref(al);
    hl_xdecref(bh);
    hl_xdecref(bl);
    return NULL;
}

/* b viewed as "big digits" of a's size: a sequence of balanced k_muls. */
static HLLongObject *k_lopsided_mul(HLObject *a, HLObject *b)
{
    hl_ssize_t asize = ABS_SIZE(a), bsize = ABS_SIZE(b), nbdone = 0;
    HLLongObject *ret = hl_long_new(asize + bsize), *bslice;
    if (ret == NULL)
        return NULL;
    memset(ret->ob_digit, 0, (size_t)HL_SIZE(ret) * sizeof(hl_digit));
    bslice = hl_long_new(asize);
    if (bslice == NULL) {
        hl_decref(ret);
        return NULL;
    }
    while (bsize > 0) {
        hl_ssize_t nbtouse = bsize < asize ? bsize : asize;
        memcpy(bslice->ob_digit, DIGITS(b) + nbdone, (size_t)nbtouse * sizeof(hl_digit));
        HL_SIZE(bslice) = nbtouse;
        HLLongObject *product = k_mul(a, (HLObject *)bslice);
        if (product == NULL) {
            hl_decref(ret);
            hl_decref(bslice);
            return NULL;
        }
        (void)v_iadd(ret->ob_digit + nbdone, HL_SIZE(ret) - nbdone, product->ob_digit, HL_SIZE(product));
        hl_decref(product);
        bsize -= nbtouse;
        nbdone += nbtouse;
    }
    hl_decref(bslice);
    return hl_long_strip(ret);
}

HLObject *hl_long_mul(HLObject *a, HLObject *b)
{
    if (IS_MEDIUM_VALUE(a) && IS_MEDIUM_VALUE(b))
        return hl_long_from_stwodigits(medium_value(a) * medium_value(b));
    HLObject *z = (HLObject *)k_mul(a, b);
    if (z != NULL && (HL_SIZE(a) ^ HL_SIZE(b)) < 0)
        z = negate(z);
    return z;
}

/* ---- division ------------------------------------------------------------ */

/* Knuth's algorithm D: |v1| divmod |w1| for |w1| of two digits or more,
 * |v1| >= |w1|.  Both results are non-negative; *prem gets the remainder. */
static HLLongObject *x_divrem(HLObject *v1, HLObject *w1, HLLongObject **prem)
{
    hl_ssize_t size_v = ABS_SIZE(v1), size_w = ABS_SIZE(w1), i, k;
    HLLongObject *v = hl_long_new(size_v + 1);
    if (v == NULL) {
        *prem = NULL;
        return NULL;
    }
    HLLongObject *w = hl_long_new(size_w);
    if (w == NULL) {
        hl_decref(v);
        *prem = NULL;
        return NULL;
    }
    /* Normalize: shift so that w's top digit has its high bit set. */
    int d = SHIFT - bit_length_digit(DIGITS(w1)[size_w - 1]);
    hl_digit carry = v_lshift(w->ob_digit, DIGITS(w1), size_w, d);
    carry = v_lshift(v->ob_digit, DIGITS(v1), size_v, d);
    if (carry != 0 || v->ob_digit[size_v - 1] >= w->ob_digit[size_w - 1]) {
        v->ob_digit[size_v] = carry;
        size_v++;
    }
    /* Now the quotient has at most k = size_v - size_w digits. */
    k = size_v - size_w;
    HLLongObject *a = hl_long_new(k);
    if (a == NULL) {
        hl_decref(w);
        hl_decref(v);
        *prem = NULL;
        return NULL;
    }
    hl_digit *v0 = v->ob_digit, *w0 = w->ob_digit, *vk, *ak;
    hl_digit wm1 = w0[size_w - 1], wm2 = w0[size_w - 2];
    for (vk = v0 + k, ak = a->ob_digit + k; vk-- > v0;) {
        /* Estimate the quotient digit from the top two digits; it may be
         * one too large (rarely), which the add-back below corrects. */
        hl_digit vtop = vk[size_w];
        hl_twodigits vv = ((hl_twodigits)vtop << SHIFT) | vk[size_w - 1];
        hl_digit q = (hl_digit)(vv / wm1);
        hl_digit r = (hl_digit)(vv % wm1);
        while ((hl_twodigits)wm2 * q > (((hl_twodigits)r << SHIFT) | vk[size_w - 2])) {
            --q;
            r += wm1;
            if (r >= BASE)
                break;
        }
        /* vk[0:size_w+1] -= q * w0[0:size_w] */
        hl_sdigit zhi = 0;
        for (i = 0; i < size_w; ++i) {
            hl_stwodigits z = (hl_sdigit)vk[i] + zhi - (hl_stwodigits)q * (hl_stwodigits)w0[i];
            vk[i] = (hl_digit)z & MASK;
            zhi = (hl_sdigit)(z >> SHIFT); /* arithmetic shift */
        }
        if ((hl_sdigit)vtop + zhi < 0) {
            carry = 0;
            for (i = 0; i < size_w; ++i) {
                carry += vk[i] + w0[i];
                vk[i] = carry & MASK;
                carry >>= SHIFT;
            }
            --q;
        }
        *--ak = q;
    }
    /* The remainder, unshifted, goes into w. */
    v_rshift(w0, v0, size_w, d);
    hl_decref(v);
    *prem = hl_long_strip(w);
    return hl_long_strip(a);
}

/* Truncating division: a = b*q + r, r with the sign of a. */
int hl_long_divrem(HLObject *a, HLObject *b, HLObject **pdiv, HLObject **prem)
{
    hl_ssize_t size_a = ABS_SIZE(a), size_b = ABS_SIZE(b);
    HLObject *z;
    if (size_b == 0) {
        hl_err_set_string(hl_exc_ZeroDivisionError, "integer division or modulo by zero");
        return -1;
    }
    if (size_a < size_b ||
        (size_a == size_b && DIGITS(a)[size_a - 1] < DIGITS(b)[size_b - 1])) {
        /* |a| < |b| */
        *prem = long_long(a);
        if (*prem == NULL)
            return -1;
        *pdiv = small(0);
        return 0;
    }
    if (size_b == 1) {
        hl_digit rem = 0;
        z = (HLObject *)divrem1(a, DIGITS(b)[0], &rem);
        if (z == NULL)
            return -1;
        *prem = hl_long_from_long((long)rem);
        if (*prem == NULL) {
            hl_decref(z);
            return -1;
        }
    }
    else {
        HLLongObject *r;
        z = (HLObject *)x_divrem(a, b, &r);
        if (z == NULL)
            return -1;
        *prem = (HLObject *)r;
    }
    if ((HL_SIZE(a) < 0) != (HL_SIZE(b) < 0)) {
        z = negate(z);
        if (z == NULL) {
            HL_CLEAR(*prem);
            return -1;
        }
    }
    if (HL_SIZE(a) < 0 && HL_SIZE(*prem) != 0) {
        *prem = negate(*prem);
        if (*prem == NULL) {
            hl_decref(z);
            return -1;
        }
    }
    *pdiv = hl_long_normalize((HLLongObject *)z);
    return 0;
}

/* The remainder only (long_rem). */
static int long_rem(HLObject *a, HLObject *b, HLObject **prem)
{
    hl_ssize_t size_a = ABS_SIZE(a), size_b = ABS_SIZE(b);
    if (size_b == 0) {
        hl_err_set_string(hl_exc_ZeroDivisionError, "integer modulo by zero");
        return -1;
    }
    if (size_a < size_b ||
        (size_a == size_b && DIGITS(a)[size_a - 1] < DIGITS(b)[size_b - 1])) {
        *prem = long_long(a);
        return *prem == NULL ? -1 : 0;
    }
    if (size_b == 1) {
        *prem = hl_long_from_long((long)inplace_rem1(DIGITS(a), size_a, DIGITS(b)[0]));
        if (*prem == NULL)
            return -1;
    }
    else {
        HLLongObject *r;
        HLLongObject *q = x_divrem(a, b, &r);
        if (q == NULL)
            return -1;
        hl_decref(q);
        *prem = hl_long_normalize(r);
    }
    if (HL_SIZE(a) < 0 && HL_SIZE(*prem) != 0) {
        *prem = negate(*prem);
        if (*prem == NULL)
            return -1;
    }
    return 0;
}

/* Single-digit operands (fast_floor_div / fast_mod). */
static HLObject *fast_floor_div(HLObject *a, HLObject *b)
{
    hl_sdigit left = (hl_sdigit)DIGITS(a)[0], right = (hl_sdigit)DIGITS(b)[0], div;
    if (HL_SIZE(a) == HL_SIZE(b))
        div = left / right;
    else
        div = -1 - (left - 1) / right;
    return hl_long_from_long(div);
}

static HLObject *fast_mod(HLObject *a, HLObject *b)
{
    hl_sdigit left = (hl_sdigit)DIGITS(a)[0], right = (hl_sdigit)DIGITS(b)[0], mod;
    if (HL_SIZE(a) == HL_SIZE(b))
        mod = left % right;
    else
        mod = right - 1 - (left - 1) % right;
    return hl_long_from_long((long)mod * (long)HL_SIZE(b));
}

/* Floor division: the remainder takes the sign of w. */
static int l_divmod(HLObject *v, HLObject *w, HLObject **pdiv, HLObject **pmod)
{
    HLObject *div, *mod;
    if (ABS_SIZE(v) == 1 && ABS_SIZE(w) == 1) {
        div = NULL;
        if (pdiv != NULL && (div = fast_floor_div(v, w)) == NULL)
            return -1;
        if (pmod != NULL) {
            mod = fast_mod(v, w);
            if (mod == NULL) {
                hl_xdecref(div);
                return -1;
            }
            *pmod = mod;
        }
        if (pdiv != NULL)
            *pdiv = div;
        return 0;
    }
    if (hl_long_divrem(v, w, &div, &mod) < 0)
        return -1;
    if ((HL_SIZE(mod) < 0 && HL_SIZE(w) > 0) || (HL_SIZE(mod) > 0 && HL_SIZE(w) < 0)) {
        HLObject *temp = hl_long_add(mod, w);
        hl_decref(mod);
        mod = temp;
        if (mod == NULL) {
            hl_decref(div);
            return -1;
        }
        temp = hl_long_sub(div, hl_long_get_small(1));
        hl_decref(div);
        div = temp;
        if (div == NULL) {
            hl_decref(mod);
            return -1;
        }
    }
    if (pdiv != NULL)
        *pdiv = div;
    else
        hl_decref(div);
    if (pmod != NULL)
        *pmod = mod;
    else
        hl_decref(mod);
    return 0;
}

static int l_mod(HLObject *v, HLObject *w, HLObject **pmod)
{
    HLObject *mod;
    if (ABS_SIZE(v) == 1 && ABS_SIZE(w) == 1) {
        *pmod = fast_mod(v, w);
        return *pmod == NULL ? -1 : 0;
    }
    if (long_rem(v, w, &mod) < 0)
        return -1;
    if ((HL_SIZE(mod) < 0 && HL_SIZE(w) > 0) || (HL_SIZE(mod) > 0 && HL_SIZE(w) < 0)) {
        HLObject *temp = hl_long_add(mod, w);
        hl_decref(mod);
        mod = temp;
        if (mod == NULL)
            return -1;
    }
    *pmod = mod;
    return 0;
}

static HLObject *long_div(HLObject *a, HLObject *b)
{
    HLObject *div;
    CHECK_BINOP(a, b);
    if (ABS_SIZE(a) == 1 && ABS_SIZE(b) == 1)
        return fast_floor_div(a, b);
    if (l_divmod(a, b, &div, NULL) < 0)
        return NULL;
    return div;
}

static HLObject *long_mod(HLObject *a, HLObject *b)
{
    HLObject *mod;
    CHECK_BINOP(a, b);
    if (l_mod(a, b, &mod) < 0)
        return NULL;
    return mod;
}

static HLObject *long_divmod(HLObject *a, HLObject *b)
{
    HLObject *div, *mod;
    CHECK_BINOP(a, b);
    if (l_divmod(a, b, &div, &mod) < 0)
        return NULL;
    HLObject *z = hl_tuple_new(2);
    if (z == NULL) {
        hl_decref(div);
        hl_decref(mod);
        return NULL;
    }
    HL_TUPLE_SET(z, 0, div);
    HL_TUPLE_SET(z, 1, mod);
    return z;
}

/* ---- conversion to double and true division ----------------------------- */

#define EXP2_DBL_MANT_DIG 9007199254740992.0 /* 2.0 ** DBL_MANT_DIG */

double hl_long_frexp(HLObject *a, hl_ssize_t *e)
{
    /* Round half to even: x + half_even_correction[x & 7] is x rounded to
     * a multiple of 4, ties going to a multiple of 8. */
    static const int half_even_correction[8] = {0, -1, -2, 1, 0, -1, 2, 1};
    hl_digit x_digits[2 + (DBL_MANT_DIG + 1) / SHIFT] = {0};
    hl_ssize_t a_size = ABS_SIZE(a), a_bits, shift_digits, shift_bits, x_size;
    hl_digit rem;
    double dx;
    if (a_size == 0) {
        *e = 0;
        return 0.0;
    }
    a_bits = bit_length_digit(DIGITS(a)[a_size - 1]);
    if (a_size >= (HL_SSIZE_T_MAX - 1) / SHIFT + 1 &&
        (a_size > (HL_SSIZE_T_MAX - 1) / SHIFT + 1 || a_bits > (HL_SSIZE_T_MAX - 1) % SHIFT + 1))
        goto overflow;
    a_bits = (a_size - 1) * SHIFT + a_bits;
    /* Take the top DBL_MANT_DIG + 2 bits of a; the lowest one is sticky. */
    if (a_bits <= DBL_MANT_DIG + 2) {
        shift_digits = (DBL_MANT_DIG + 2 - a_bits) / SHIFT;
        shift_bits = (DBL_MANT_DIG + 2 - a_bits) % SHIFT;
        x_size = shift_digits;
        rem = v_lshift(x_digits + x_size, DIGITS(a), a_size, (int)shift_bits);
        x_size += a_size;
        x_digits[x_size++] = rem;
    }
    else {
        shift_digits = (a_bits - DBL_MANT_DIG - 2) / SHIFT;
        shift_bits = (a_bits - DBL_MANT_DIG - 2) % SHIFT;
        rem = v_rshift(x_digits, DIGITS(a) + shift_digits, a_size - shift_digits, (int)shift_bits);
        x_size = a_size - shift_digits;
        if (rem)
            x_digits[0] |= 1;
        else
            while (shift_digits > 0)
                if (DIGITS(a)[--shift_digits]) {
                    x_digits[0] |= 1;
                    break;
                }
    }
    x_digits[0] += (hl_digit)half_even_correction[x_digits[0] & 7];
    dx = x_digits[--x_size];
    while (x_size > 0)
        dx = dx * BASE + x_digits[--x_size];
    dx /= 4.0 * EXP2_DBL_MANT_DIG;
    if (dx == 1.0) {
        if (a_bits == HL_SSIZE_T_MAX)
            goto overflow;
        dx = 0.5;
        a_bits += 1;
    }
    *e = a_bits;
    return HL_SIZE(a) < 0 ? -dx : dx;
overflow:
    hl_err_set_string(hl_exc_OverflowError, "huge integer: number of bits overflows a Py_ssize_t");
    *e = 0;
    return -1.0;
}

double hl_long_as_double(HLObject *v)
{
    hl_ssize_t exponent;
    if (!hl_long_check(v)) {
        hl_err_set_string(hl_exc_TypeError, "an integer is required");
        return -1.0;
    }
    if (IS_MEDIUM_VALUE(v))
        return (double)medium_value(v);
    double x = hl_long_frexp(v, &exponent);
    if ((x == -1.0 && hl_err_occurred()) || exponent > DBL_MAX_EXP) {
        if (hl_err_occurred())
            hl_err_clear();
        hl_err_set_string(hl_exc_OverflowError, "int too large to convert to float");
        return -1.0;
    }
    return ldexp(x, (int)exponent);
}

#define MANT_DIG_DIGITS (DBL_MANT_DIG / SHIFT)
#define MANT_DIG_BITS (DBL_MANT_DIG % SHIFT)

static HLObject *long_true_divide(HLObject *v, HLObject *w)
{
    HLObject *a = v, *b = w;
    HLLongObject *x;
    hl_ssize_t a_size, b_size, shift, extra_bits, diff, x_size, x_bits;
    hl_digit mask, low;
    int inexact, negate_result;
    double dx, result;

    CHECK_BINOP(v, w);
    a_size = ABS_SIZE(a);
    b_size = ABS_SIZE(b);
    negate_result = (HL_SIZE(a) < 0) ^ (HL_SIZE(b) < 0);
    if (b_size == 0) {
        hl_err_set_string(hl_exc_ZeroDivisionError, "division by zero");
        return NULL;
    }
    if (a_size == 0)
        goto underflow_or_zero;

    /* Both exactly representable as doubles: one correctly rounded
     * division does it. */
    int a_is_small = a_size <= MANT_DIG_DIGITS ||
                     (a_size == MANT_DIG_DIGITS + 1 && DIGITS(a)[MANT_DIG_DIGITS] >> MANT_DIG_BITS == 0);
    int b_is_small = b_size <= MANT_DIG_DIGITS ||
                     (b_size == MANT_DIG_DIGITS + 1 && DIGITS(b)[MANT_DIG_DIGITS] >> MANT_DIG_BITS == 0);
    if (a_is_small && b_is_small) {
        double da, db;
        da = DIGITS(a)[--a_size];
        while (a_size > 0)
            da = da * BASE + DIGITS(a)[--a_size];
        db = DIGITS(b)[--b_size];
        while (b_size > 0)
            db = db * BASE + DIGITS(b)[--b_size];
        result = da / db;
        goto success;
    }

    /* Obvious overflow and underflow, from the bit lengths alone. */
    diff = a_size - b_size;
    if (diff > HL_SSIZE_T_MAX / SHIFT - 1)
        goto overflow;
    else if (diff < 1 - HL_SSIZE_T_MAX / SHIFT)
        goto underflow_or_zero;
    diff = diff * SHIFT + bit_length_digit(DIGITS(a)[a_size - 1]) -
           bit_length_digit(DIGITS(b)[b_size - 1]);
    if (diff > DBL_MAX_EXP)
        goto overflow;
    else if (diff < DBL_MIN_EXP - DBL_MANT_DIG - 1)
        goto underflow_or_zero;

    /* x = |a| * 2**-shift, so that x // |b| has DBL_MANT_DIG + 2 or 3 bits
     * (fewer for subnormal results). */
    shift = (diff > DBL_MIN_EXP ? diff : DBL_MIN_EXP) - DBL_MANT_DIG - 2;
    inexact = 0;
    if (shift <= 0) {
        hl_ssize_t i, shift_digits = -shift / SHIFT;
        if (a_size >= HL_SSIZE_T_MAX - 1 - shift_digits) {
            hl_err_set_string(hl_exc_OverflowError, "intermediate overflow during division");
            return NULL;
        }
        x = hl_long_new(a_size + shift_digits + 1);
        if (x == NULL)
            return NULL;
        for (i = 0; i < shift_digits; i++)
            x->ob_digit[i] = 0;
        hl_digit rem = v_lshift(x->ob_digit + shift_digits, DIGITS(a), a_size, (int)(-shift % SHIFT));
        x->ob_digit[a_size + shift_digits] = rem;
    }
    else {
        hl_ssize_t shift_digits = shift / SHIFT;
        x = hl_long_new(a_size - shift_digits);
        if (x == NULL)
            return NULL;
        hl_digit rem = v_rshift(x->ob_digit, DIGITS(a) + shift_digits, a_size - shift_digits,
                                (int)(shift % SHIFT));
        if (rem)
            inexact = 1;
        while (!inexact && shift_digits > 0)
            if (DIGITS(a)[--shift_digits])
                inexact = 1;
    }
    hl_long_strip(x);
    x_size = HL_SIZE(x);

    /* x //= b; a nonzero remainder makes the result inexact. */
    if (b_size == 1) {
        hl_digit rem = inplace_divrem1(x->ob_digit, x->ob_digit, x_size, DIGITS(b)[0]);
        hl_long_strip(x);
        if (rem)
            inexact = 1;
    }
    else {
        HLLongObject *rem;
        HLLongObject *div = x_divrem((HLObject *)x, b, &rem);
        hl_decref(x);
        x = div;
        if (x == NULL)
            return NULL;
        if (HL_SIZE(rem))
            inexact = 1;
        hl_decref(rem);
    }
    x_size = ABS_SIZE(x);
    x_bits = (x_size - 1) * SHIFT + bit_length_digit(x->ob_digit[x_size - 1]);

    /* Round away the extra bits, half to even, through the low digit. */
    extra_bits = (x_bits > DBL_MIN_EXP - shift ? x_bits : DBL_MIN_EXP - shift) - DBL_MANT_DIG;
    mask = (hl_digit)1 << (extra_bits - 1);
    low = x->ob_digit[0] | (hl_digit)inexact;
    if ((low & mask) && (low & (3U * mask - 1U)))
        low += mask;
    x->ob_digit[0] = low & ~(2U * mask - 1U);

    /* Convert x to a double: exact. */
    dx = x->ob_digit[--x_size];
    while (x_size > 0)
        dx = dx * BASE + x->ob_digit[--x_size];
    hl_decref(x);

    if (shift + x_bits >= DBL_MAX_EXP &&
        (shift + x_bits > DBL_MAX_EXP || dx == ldexp(1.0, (int)x_bits)))
        goto overflow;
    result = ldexp(dx, (int)shift);
success:
    return hl_float_from_double(negate_result ? -result : result);
underflow_or_zero:
    return hl_float_from_double(negate_result ? -0.0 : 0.0);
overflow:
    hl_err_set_string(hl_exc_OverflowError, "integer division result too large for a float");
    return NULL;
}

/* ---- power ---------------------------------------------------------------- */

/* The inverse of a modulo n (n > 0), by the extended Euclidean algorithm. */
static HLObject *long_invmod(HLObject *a, HLObject *n)
{
    HLObject *b = small(1), *c = small(0);
    hl_incref(a);
    hl_incref(n);
    while (HL_SIZE(n) != 0) {
        HLObject *q, *r, *s, *t;
        if (l_divmod(a, n, &q, &r) < 0)
            goto error;
        hl_decref(a);
        a = n;
        n = r;
        t = hl_long_mul(q, c);
        hl_decref(q);
        if (t == NULL)
            goto error;
        s = hl_long_sub(b, t);
        hl_decref(t);
        if (s == NULL)
            goto error;
        hl_decref(b);
        b = c;
        c = s;
    }
    hl_decref(c);
    hl_decref(n);
    if (hl_long_compare(a, hl_long_get_small(1)) != 0) {
        hl_decref(a);
        hl_decref(b);
        hl_err_set_string(hl_exc_ValueError, "base is not invertible for the given modulus");
        return NULL;
    }
    hl_decref(a);
    return b;
error:
    hl_decref(a);
    hl_decref(b);
    hl_decref(c);
    hl_decref(n);
    return NULL;
}

HLObject *hl_long_pow(HLObject *v, HLObject *w, HLObject *x)
{
    HLObject *a, *b, *c, *z = NULL, *temp = NULL;
    int negative_output = 0;

    CHECK_BINOP(v, w);
    if (hl_long_check(x))
        c = hl_newref(x);
    else if (x == HL_None)
        c = NULL;
    else
        return hl_newref(HL_NotImplemented);
    if (HL_SIZE(w) < 0 && c == NULL) {
        /* A negative exponent without modulus gives a float. */
        return hl_float_type.tp_as_number->nb_power(v, w, x);
    }
    a = hl_newref(v);
    b = hl_newref(w);

    if (c) {
        if (HL_SIZE(c) == 0) {
            hl_err_set_string(hl_exc_ValueError, "pow() 3rd argument cannot be 0");
            goto error;
        }
        if (HL_SIZE(c) < 0) {
            negative_output = 1;
            temp = hl_long_neg(c);
            if (temp == NULL)
                goto error;
            HL_SETREF(c, temp);
            temp = NULL;
        }
        if (HL_SIZE(c) == 1 && DIGITS(c)[0] == 1) {
            z = small(0);
            goto done;
        }
        if (HL_SIZE(b) < 0) {
            /* Negative exponent: use the inverse of the base. */
            temp = hl_long_neg(b);
            if (temp == NULL)
                goto error;
            HL_SETREF(b, temp);
            temp = long_invmod(a, c);
            if (temp == NULL)
                goto error;
            HL_SETREF(a, temp);
            temp = NULL;
        }
        /* Reduce a negative base, or one obviously larger than c. */
        if (HL_SIZE(a) < 0 || HL_SIZE(a) > HL_SIZE(c)) {
            if (l_mod(a, c, &temp) < 0)
                goto error;
            HL_SETREF(a, temp);
            temp = NULL;
        }
    }

    z = small(1);

#define REDUCE(X)                                                              \
    do {                                                                       \
        if (c != NULL) {                                                       \
            if (l_mod(X, c, &temp) < 0)                                        \
                goto error;                                                    \
            HL_XSETREF(X, temp);                                               \
            temp = NULL;                                                       \
        }                                                                      \
    } while (0)
#define MULT(X, Y, result)                                                     \
    do {                                                                       \
        temp = hl_long_mul(X, Y);                                              \
        if (temp == NULL)                                                      \
            goto error;                                                        \
        HL_XSETREF(result, temp);                                              \
        temp = NULL;                                                           \
        REDUCE(result);                                                        \
    } while (0)

    hl_ssize_t i = HL_SIZE(b);
    hl_digit bi = i ? DIGITS(b)[i - 1] : 0, bit;
    if (i <= 1 && bi <= 3) {
        if (bi >= 2) {
            MULT(a, a, z);
            if (bi == 3)
                MULT(z, a, z);
        }
        else if (bi == 1) {
            /* Multiplying by 1 makes an int of a subclass instance and
             * reduces a by the modulus. */
            MULT(a, z, z);
        }
    }
    else {
        /* Left-to-right binary exponentiation (CPython uses a 5-ary
         * sliding window past 60 exponent bits: same result). */
        HL_SETREF(z, hl_newref(a));
        for (bit = 2;; bit <<= 1) {
            if (bit > bi) {
                bit >>= 1;
                break;
            }
        }
        for (--i, bit >>= 1;;) {
            for (; bit != 0; bit >>= 1) {
                MULT(z, z, z);
                if (bi & bit)
                    MULT(z, a, z);
            }
            if (--i < 0)
                break;
            bi = DIGITS(b)[i];
            bit = (hl_digit)1 << (SHIFT - 1);
        }
    }
#undef MULT
#undef REDUCE

    if (negative_output && HL_SIZE(z) != 0) {
        temp = hl_long_sub(z, c);
        if (temp == NULL)
            goto error;
        HL_SETREF(z, temp);
        temp = NULL;
    }
    goto done;
error:
    HL_CLEAR(z);
done:
    hl_decref(a);
    hl_decref(b);
    hl_xdecref(c);
    hl_xdecref(temp);
    return z;
}

/* ---- unary operations ----------------------------------------------------- */

HLObject *hl_long_neg(HLObject *v)
{
    if (IS_MEDIUM_VALUE(v))
        return hl_long_from_stwodigits(-medium_value(v));
    HLObject *z = hl_long_copy(v);
    if (z != NULL)
        HL_SIZE(z) = -HL_SIZE(v);
    return z;
}

static HLObject *long_abs(HLObject *v)
{
    return HL_SIZE(v) < 0 ? hl_long_neg(v) : long_long(v);
}

static HLObject *long_invert(HLObject *v)
{
    /* ~x == -(x+1) */
    if (IS_MEDIUM_VALUE(v))
        return hl_long_from_stwodigits(~medium_value(v));
    return negate(hl_long_add(v, hl_long_get_small(1)));
}

static int long_bool(HLObject *v) { return HL_SIZE(v) != 0; }

static HLObject *long_float(HLObject *v)
{
    double result = hl_long_as_double(v);
    if (result == -1.0 && hl_err_occurred())
        return NULL;
    return hl_float_from_double(result);
}

/* ---- shifts ---------------------------------------------------------------- */

/* Splits a non-negative shift count into whole digits and bits; counts too
 * large for a Py_ssize_t are clipped so that >> gives 0 or -1 and << runs
 * into "too many digits". */
static int divmod_shift(HLObject *shiftby, hl_ssize_t *wordshift, hl_digit *remshift)
{
    int overflow = 0;
    long lshiftby = hl_long_as_long_and_overflow(shiftby, &overflow);
    if (!overflow) {
        *wordshift = lshiftby / SHIFT;
        *remshift = (hl_digit)(lshiftby % SHIFT);
        return 0;
    }
    hl_digit rem;
    HLLongObject *wordshift_obj = divrem1(shiftby, SHIFT, &rem);
    if (wordshift_obj == NULL)
        return -1;
    *remshift = rem;
    *wordshift = hl_long_as_long_and_overflow((HLObject *)wordshift_obj, &overflow);
    hl_decref(wordshift_obj);
    if (!overflow && *wordshift >= 0 && *wordshift < HL_SSIZE_T_MAX / (hl_ssize_t)sizeof(hl_digit))
        return 0;
    *wordshift = HL_SSIZE_T_MAX / (hl_ssize_t)sizeof(hl_digit);
    *remshift = 0;
    return 0;
}

static HLObject *long_rshift1(HLObject *a, hl_ssize_t wordshift, hl_digit remshift)
{
    if (IS_MEDIUM_VALUE(a)) {
        hl_stwodigits m = medium_value(a);
        hl_digit shift = wordshift == 0 ? remshift : SHIFT;
        hl_stwodigits x = m < 0 ? ~(~m >> shift) : m >> shift;
        return hl_long_from_stwodigits(x);
    }
    int a_negative = HL_SIZE(a) < 0;
    hl_ssize_t size_a = ABS_SIZE(a);
    if (a_negative) {
        /* Keep 0 < remshift <= SHIFT so that newsize below is right. */
        if (remshift == 0) {
            if (wordshift == 0)
                return long_long(a);
            remshift = SHIFT;
            --wordshift;
        }
    }
    hl_ssize_t newsize = size_a - wordshift;
    if (newsize <= 0)
        return hl_long_from_long(-a_negative);
    HLLongObject *z = hl_long_new(newsize);
    if (z == NULL)
        return NULL;
    hl_ssize_t hishift = SHIFT - remshift;
    hl_twodigits accum = DIGITS(a)[wordshift];
    if (a_negative) {
        /* (-a) >> s == -((a + 2**s - 1) >> s): add the low bits' carry. */
        HL_SIZE(z) = -newsize;
        hl_digit sticky = 0;
        for (hl_ssize_t j = 0; j < wordshift; j++)
            sticky |= DIGITS(a)[j];
        accum += (MASK >> hishift) + (hl_digit)(sticky != 0);
    }
    accum >>= remshift;
    for (hl_ssize_t i = 0, j = wordshift + 1; j < size_a; i++, j++) {
        accum += (hl_twodigits)DIGITS(a)[j] << hishift;
        z->ob_digit[i] = (hl_digit)(accum & MASK);
        accum >>= SHIFT;
    }
    z->ob_digit[newsize - 1] = (hl_digit)accum;
    return hl_long_normalize(z);
}

static HLObject *long_rshift(HLObject *a, HLObject *b)
{
    hl_ssize_t wordshift;
    hl_digit remshift;
    CHECK_BINOP(a, b);
    if (HL_SIZE(b) < 0) {
        hl_err_set_string(hl_exc_ValueError, "negative shift count");
        return NULL;
    }
    if (HL_SIZE(a) == 0)
        return small(0);
    if (divmod_shift(b, &wordshift, &remshift) < 0)
        return NULL;
    return long_rshift1(a, wordshift, remshift);
}

static HLObject *long_lshift1(HLObject *a, hl_ssize_t wordshift, hl_digit remshift)
{
    if (wordshift == 0 && IS_MEDIUM_VALUE(a)) {
        hl_stwodigits m = medium_value(a);
        hl_stwodigits x = m < 0 ? -(-m << remshift) : m << remshift;
        return hl_long_from_stwodigits(x);
    }
    hl_ssize_t oldsize = ABS_SIZE(a), newsize, i, j;
    if (wordshift > MAX_LONG_DIGITS - oldsize - 1) {
        hl_err_set_string(hl_exc_OverflowError, "too many digits in integer");
        return NULL;
    }
    newsize = oldsize + wordshift;
    if (remshift)
        ++newsize;
    HLLongObject *z = hl_long_new(newsize);
    if (z == NULL)
        return NULL;
    if (HL_SIZE(a) < 0)
        HL_SIZE(z) = -HL_SIZE(z);
    for (i = 0; i < wordshift; i++)
        z->ob_digit[i] = 0;
    hl_twodigits accum = 0;
    for (j = 0; j < oldsize; i++, j++) {
        accum |= (hl_twodigits)DIGITS(a)[j] << remshift;
        z->ob_digit[i] = (hl_digit)(accum & MASK);
        accum >>= SHIFT;
    }
    if (remshift)
        z->ob_digit[newsize - 1] = (hl_digit)accum;
    return hl_long_normalize(z);
}

HLObject *hl_long_lshift(HLObject *a, HLObject *b)
{
    hl_ssize_t wordshift;
    hl_digit remshift;
    CHECK_BINOP(a, b);
    if (HL_SIZE(b) < 0) {
        hl_err_set_string(hl_exc_ValueError, "negative shift count");
        return NULL;
    }
    if (HL_SIZE(a) == 0)
        return small(0);
    if (divmod_shift(b, &wordshift, &remshift) < 0)
        return NULL;
    return long_lshift1(a, wordshift, remshift);
}

/* ---- bitwise operations --------------------------------------------------- */

static HLObject *long_bitwise(HLObject *a, char op, HLObject *b)
{
    hl_ssize_t size_a, size_b, size_z, i;
    int nega, negb, negz;
    HLLongObject *z;

    /* Negative operands become their two's complement images. */
    size_a = ABS_SIZE(a);
    nega = HL_SIZE(a) < 0;
    if (nega) {
        z = hl_long_new(size_a);
        if (z == NULL)
            return NULL;
        v_complement(z->ob_digit, DIGITS(a), size_a);
        a = (HLObject *)z;
    }
    else
        hl_incref(a);
    size_b = ABS_SIZE(b);
    negb = HL_SIZE(b) < 0;
    if (negb) {
        z = hl_long_new(size_b);
        if (z == NULL) {
            hl_decref(a);
            return NULL;
        }
        v_complement(z->ob_digit, DIGITS(b), size_b);
        b = (HLObject *)z;
    }
    else
        hl_incref(b);
    if (size_a < size_b) {
        HLObject *t = a; a = b; b = t;
        size_z = size_a; size_a = size_b; size_b = size_z;
        negz = nega; nega = negb; negb = negz;
    }
    /* The result is never longer than the operand that decides its top. */
    switch (op) {
    case '^':
        negz = nega ^ negb;
        size_z = size_a;
        break;
    case '&':
        negz = nega & negb;
        size_z = negb ? size_a : size_b;
        break;
    default: /* '|' */
        negz = nega | negb;
        size_z = negb ? size_b : size_a;
        break;
    }
    /* One extra digit when negative, so the final complement cannot overflow. */
    z = hl_long_new(size_z + negz);
    if (z == NULL) {
        hl_decref(a);
        hl_decref(b);
        return NULL;
    }
    switch (op) {
    case '&':
        for (i = 0; i < size_b; ++i)
            z->ob_digit[i] = DIGITS(a)[i] & DIGITS(b)[i];
        break;
    case '|':
        for (i = 0; i < size_b; ++i)
            z->ob_digit[i] = DIGITS(a)[i] | DIGITS(b)[i];
        break;
    default:
        for (i = 0; i < size_b; ++i)
            z->ob_digit[i] = DIGITS(a)[i] ^ DIGITS(b)[i];
        break;
    }
    if (op == '^' && negb)
        for (; i < size_z; ++i)
            z->ob_digit[i] = DIGITS(a)[i] ^ MASK;
    else if (i < size_z)
        memcpy(&z->ob_digit[i], &DIGITS(a)[i], (size_t)(size_z - i) * sizeof(hl_digit));
    if (negz) {
        HL_SIZE(z) = -HL_SIZE(z);
        z->ob_digit[size_z] = MASK;
        v_complement(z->ob_digit, z->ob_digit, size_z + 1);
    }
    hl_decref(a);
    hl_decref(b);
    return hl_long_normalize(z);
}

static HLObject *long_and(HLObject *a, HLObject *b)
{
    CHECK_BINOP(a, b);
    if (IS_MEDIUM_VALUE(a) && IS_MEDIUM_VALUE(b))
        return hl_long_from_stwodigits(medium_value(a) & medium_value(b));
    return long_bitwise(a, '&', b);
}

static HLObject *long_xor(HLObject *a, HLObject *b)
{
    CHECK_BINOP(a, b);
    if (IS_MEDIUM_VALUE(a) && IS_MEDIUM_VALUE(b))
        return hl_long_from_stwodigits(medium_value(a) ^ medium_value(b));
    return long_bitwise(a, '^', b);
}

HLObject *hl_long_or(HLObject *a, HLObject *b)
{
    CHECK_BINOP(a, b);
    if (IS_MEDIUM_VALUE(a) && IS_MEDIUM_VALUE(b))
        return hl_long_from_stwodigits(medium_value(a) | medium_value(b));
    return long_bitwise(a, '|', b);
}

/* ---- the number slots ----------------------------------------------------- */

static HLObject *long_add_slot(HLObject *a, HLObject *b)
{
    CHECK_BINOP(a, b);
    return hl_long_add(a, b);
}

static HLObject *long_sub_slot(HLObject *a, HLObject *b)
{
    CHECK_BINOP(a, b);
    return hl_long_sub(a, b);
}

static HLObject *long_mul_slot(HLObject *a, HLObject *b)
{
    CHECK_BINOP(a, b);
    return hl_long_mul(a, b);
}

static HLObject *long_neg_slot(HLObject *v) { return hl_long_neg(v); }
static HLObject *long_long_slot(HLObject *v) { return long_long(v); }

HLNumberMethods hl_long_as_number = {
    .nb_add = long_add_slot,
    .nb_subtract = long_sub_slot,
    .nb_multiply = long_mul_slot,
    .nb_remainder = long_mod,
    .nb_divmod = long_divmod,
    .nb_power = hl_long_pow,
    .nb_negative = long_neg_slot,
    .nb_positive = long_long_slot,
    .nb_absolute = long_abs,
    .nb_bool = long_bool,
    .nb_invert = long_invert,
    .nb_lshift = hl_long_lshift,
    .nb_rshift = long_rshift,
    .nb_and = long_and,
    .nb_xor = long_xor,
    .nb_or = hl_long_or,
    .nb_int = long_long_slot,
    .nb_float = long_float,
    .nb_floor_divide = long_div,
    .nb_true_divide = long_true_divide,
    .nb_index = long_long_slot,
};
