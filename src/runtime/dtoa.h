/*
 * dtoa.h — exact conversions between doubles and decimal digit strings
 * (the work of CPython's Python/dtoa.c, done with a small bignum).
 *
 * Both directions speak the same form: a digit string DIGITS without
 * leading zeros and a decimal point position decpt, meaning
 * 0.DIGITS * 10**decpt.  Rounding of a digit string to fewer digits is the
 * caller's (formatspec.c): on the exact expansion it is plain decimal
 * rounding.
 */
#ifndef HL_DTOA_H
#define HL_DTOA_H

/* The most significant digits any double has (2**-1074 * (2**53 - 1)). */
#define HL_DTOA_MAX_DIGITS 767

/* All the digits of |v| exactly into buf (room for HL_DTOA_MAX_DIGITS + 1
 * bytes; NUL-terminated, no trailing zeros either); returns their number.
 * v must be finite and nonzero. */
int hl_dtoa_exact(double v, char *buf, int *decpt);

/* The double nearest to 0.DIGITS * 10**decpt (ties to even), for n >= 1
 * digits '0'-'9' of any length; HUGE_VAL past the largest double.  Sets
 * *overflow (if not NULL) to whether it overflowed. */
double hl_strtod_digits(const char *digits, int n, long decpt, int *overflow);

#endif /* HL_DTOA_H */
