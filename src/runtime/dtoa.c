/*
 * dtoa.c — exact conversions between doubles and decimal digit strings.
 *
 * CPython converts with David Gay's dtoa.c: repr() is the shortest string
 * that reads back as the same double, format() and round() round the
 * exact decimal value, float() reads any decimal text correctly rounded.
 * All three come down to two exact operations, which this file does with
 * a small bignum (an array of 32-bit limbs, least significant first):
 *
 * 1. hl_dtoa_exact: every decimal digit of a double.  A finite double is
 *    m * 2**e with an integer m < 2**53.  For e >= 0 that is the integer
 *    m << e; for e < 0 it is m * 5**-e / 10**-e, so the digits are those
 *    of the integer m * 5**-e with the point moved -e places.  The digits
 *    come out of the integer by repeated division by 10**9.  At most 767
 *    of them are significant (2**-1074 * (2**53 - 1)).
 *
 * 2. hl_strtod_digits: the double nearest to D * 10**k for a digit string
 *    D.  Small cases take the fast path every correct strtod has: at most
 *    15 digits and |k| <= 22 make D and 10**|k| exact doubles, and one
 *    IEEE multiplication or division rounds correctly.  Otherwise the
 *    value is the fraction A / B of two integers (D * 10**k over 1, or D
 *    over 10**-k), scaled by a power of two so that the integer quotient
 *    q = floor(A / B) has 56 or 57 bits; the remainder says whether
 *    anything is left below q.  Then q is cut to the 53 bits of a double
 *    (fewer for a subnormal), rounding half to even with the remainder as
 *    the sticky bit, and ldexp places it exactly.
 *    Past 800 significant digits a decimal string cannot change the result
 *    except by being nonzero: every midpoint between two doubles has at
 *    most 767 significant digits, so the digits beyond 800 collapse into
 *    one nonzero digit, and the bignums stay under 4096 bits.
 *
 * The formatting side (which digits to keep, where the point goes,
 * exponent notation) is formatspec.c's; this file only knows digits.
 */
#include "dtoa.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* ---- a bignum just big enough --------------------------------------------- */

/* 4096 bits: D * 2**s for strtod's worst case is under 3800 bits (801
 * digits over 10**1124, scaled to a 57-bit quotient), 5**1074 * 2**53 for
 * the exact digits is 2547. */
#define LIMBS 128
#define STRTOD_DIGITS 800

typedef struct {
    int n; /* limbs in use; the top one is nonzero (n == 0 for zero) */
    uint32_t d[LIMBS];
} bignum;

static void big_set(bignum *a, uint64_t v)
{
    a->n = 0;
    while (v) {
        a->d[a->n++] = (uint32_t)v;
        v >>= 32;
    }
}

/* a = a * m + add */
static void big_muladd(bignum *a, uint32_t m, uint32_t add)
{
    uint64_t carry = add;
    for (int i = 0; i < a->n; i++) {
        carry += (uint64_t)a->d[i] * m;
        a->d[i] = (uint32_t)carry;
        carry >>= 32;
    }
    if (carry)
        a->d[a->n++] = (uint32_t)carry;
}

/* a *= 10**k, or 5**k: powers of 5 up to 5**13 fit a limb. */
static void big_mulpow(bignum *a, int base, int k)
{
    uint32_t chunk = base == 5 ? 1220703125u : 1000000000u; /* 5**13, 10**9 */
    int step = base == 5 ? 13 : 9;
    for (; k >= step; k -= step)
        big_muladd(a, chunk, 0);
    uint32_t rest = 1;
    while (k-- > 0)
        rest *= (uint32_t)base;
    if (rest > 1)
        big_muladd(a, rest, 0);
}

static int big_bits(const bignum *a)
{
    if (a->n == 0)
        return 0;
    uint32_t top = a->d[a->n - 1];
    int b = 0;
    while (top) {
        b++;
        top >>= 1;
    }
    return (a->n - 1) * 32 + b;
}

static void big_shl(bignum *a, int s)
{
    if (a->n == 0 || s == 0)
        return;
    int limbs = s / 32, bits = s % 32;
    if (bits) {
        uint32_t carry = 0;
        for (int i = 0; i < a->n; i++) {
            uint32_t x = a->d[i];
            a->d[i] = (x << bits) | carry;
            carry = x >> (32 - bits);
        }
        if (carry)
            a->d[a->n++] = carry;
    }
    if (limbs) {
        memmove(a->d + limbs, a->d, (size_t)a->n * sizeof a->d[0]);
        memset(a->d, 0, (size_t)limbs * sizeof a->d[0]);
        a->n += limbs;
    }
}

/* a >>= 1 */
static void big_shr1(bignum *a)
{
    for (int i = 0; i < a->n; i++)
        a->d[i] = (a->d[i] >> 1) | (i + 1 < a->n ? a->d[i + 1] << 31 : 0);
    if (a->n > 0 && a->d[a->n - 1] == 0)
        a->n--;
}

static int big_cmp(const bignum *a, const bignum *b)
{
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    for (int i = a->n - 1; i >= 0; i--)
        if (a->d[i] != b->d[i])
            return a->d[i] < b->d[i] ? -1 : 1;
    return 0;
}

/* a -= b, for a >= b */
static void big_sub(bignum *a, const bignum *b)
{
    int64_t borrow = 0;
    for (int i = 0; i < a->n; i++) {
        int64_t t = (int64_t)a->d[i] - (i < b->n ? b->d[i] : 0) - borrow;
        borrow = t < 0;
        a->d[i] = (uint32_t)t;
    }
    while (a->n > 0 && a->d[a->n - 1] == 0)
        a->n--;
}

/* a /= m, returning the remainder. */
static uint32_t big_divsmall(bignum *a, uint32_t m)
{
    uint64_t rem = 0;
    for (int i = a->n - 1; i >= 0; i--) {
        rem = (rem << 32) | a->d[i];
        a->d[i] = (uint32_t)(rem / m);
        rem %= m;
    }
    while (a->n > 0 && a->d[a->n - 1] == 0)
        a->n--;
    return (uint32_t)rem;
}

/* ---- double -> digits ------------------------------------------------------- */

int hl_dtoa_exact(double v, char *buf, int *decpt)
{
    int e;
    (void)frexp(fabs(v), &e); /* |v| < 2**e, a multiple of 2**(e-53) */
    e -= 53;
    if (e < -1074) /* subnormal: a multiple of 2**-1074 */
        e = -1074;
    uint64_t m = (uint64_t)ldexp(fabs(v), -e); /* exact, under 2**53 */
    bignum a;
    big_set(&a, m);
    int point_shift = 0; /* the value is a / 10**point_shift */
    if (e >= 0)
        big_shl(&a, e);
    else {
        big_mulpow(&a, 5, -e);
        point_shift = -e;
    }
    /* Nine digits at a time, least significant first. */
    uint32_t chunks[HL_DTOA_MAX_DIGITS / 9 + 2];
    int nchunks = 0;
    while (a.n > 0)
        chunks[nchunks++] = big_divsmall(&a, 1000000000u);
    int n = 0;
    for (int i = nchunks - 1; i >= 0; i--) {
        char tmp[9];
        uint32_t c = chunks[i];
        for (int k = 8; k >= 0; k--, c /= 10)
            tmp[k] = (char)('0' + c % 10);
        int start = 0;
        if (i == nchunks - 1)
            while (start < 8 && tmp[start] == '0')
                start++;
        memcpy(buf + n, tmp + start, (size_t)(9 - start));
        n += 9 - start;
    }
    *decpt = n - point_shift;
    while (n > 1 && buf[n - 1] == '0')
        n--;
    buf[n] = '\0';
    return n;
}

/* ---- digits -> double ---------------------------------------------------------- */

/* 10**k for 0 <= k <= 22, each exact in a double. */
static double pow10_exact(int k)
{
    double p = 1.0;
    while (k-- > 0)
        p *= 10.0;
    return p;
}

double hl_strtod_digits(const char *digits, int n, long decpt, int *overflow)
{
    if (overflow)
        *overflow = 0;
    while (n > 0 && *digits == '0') { /* leading zeros: the point moves */
        digits++;
        n--;
        decpt--;
    }
    while (n > 0 && digits[n - 1] == '0')
        n--;
    if (n == 0)
        return 0.0;
    /* 10**(decpt-1) <= 0.D * 10**decpt < 10**decpt: past the largest
     * double (1.8e308) from decpt 310 on, under half of the smallest
     * (2**-1074 = 4.9e-324) below decpt -323. */
    if (decpt >= 310) {
        if (overflow)
            *overflow = 1;
        return HUGE_VAL;
    }
    if (decpt < -323)
        return 0.0;
    int sticky_digit = 0;
    if (n > STRTOD_DIGITS) {
        for (int i = STRTOD_DIGITS; i < n && !sticky_digit; i++)
            sticky_digit = digits[i] != '0';
        n = STRTOD_DIGITS;
    }
    int k = (int)decpt - n - sticky_digit; /* value = D * 10**k */
    if (n <= 15 && k >= -22 && k <= 22 && !sticky_digit) {
        double d = 0.0;
        for (int i = 0; i < n; i++)
            d = d * 10.0 + (digits[i] - '0');
        return k >= 0 ? d * pow10_exact(k) : d / pow10_exact(-k);
    }

    bignum a, b;
    big_set(&a, 0);
    for (int i = 0; i < n;) {
        uint32_t chunk = 0, scale = 1;
        for (int j = 0; j < 9 && i < n; j++, i++) {
            chunk = chunk * 10 + (uint32_t)(digits[i] - '0');
            scale *= 10;
        }
        big_muladd(&a, scale, chunk);
    }
    if (sticky_digit)
        big_muladd(&a, 10, 1);
    big_set(&b, 1);
    if (k >= 0)
        big_mulpow(&a, 10, k);
    else
        big_mulpow(&b, 10, -k);

    /* A / B lies in [2**(e2-1), 2**(e2+1)); scaled by 2**-sh, the
     * quotient has 56 or 57 bits. */
    int e2 = big_bits(&a) - big_bits(&b), sh = e2 - 56;
    if (sh >= 0)
        big_shl(&b, sh);
    else
        big_shl(&a, -sh);
    uint64_t q = 0;
    big_shl(&b, 57);
    for (int bit = 57; bit >= 0; bit--) {
        if (big_cmp(&a, &b) >= 0) {
            big_sub(&a, &b);
            q |= (uint64_t)1 << bit;
        }
        big_shr1(&b);
    }
    int sticky = a.n != 0;

    /* The value is (q + sticky fraction) * 2**sh; its leading bit is
     * 2**top.  A double keeps bits down to 2**ulp. */
    int qbits = 0;
    for (uint64_t t = q; t; t >>= 1)
        qbits++;
    int top = qbits - 1 + sh;
    if (top > 1023) {
        if (overflow)
            *overflow = 1;
        return HUGE_VAL;
    }
    int ulp = top - 52 < -1074 ? -1074 : top - 52, drop = ulp - sh;
    if (drop > 60) /* under a quarter of 2**-1074: zero */
        return 0.0;
    uint64_t kept = q >> drop, rest = q & (((uint64_t)1 << drop) - 1), half = (uint64_t)1 << (drop - 1);
    if (rest > half || (rest == half && (sticky || (kept & 1))))
        kept++;
    double r = ldexp((double)kept, ulp);
    if (isinf(r) && overflow)
        *overflow = 1;
    return r;
}
