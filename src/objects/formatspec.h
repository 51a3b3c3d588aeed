/*
 * formatspec.h — the format-spec mini-language and the conversion of
 * doubles to text (formatspec.c).
 *
 * format(value, spec) for int, float and str parses spec into an
 * hl_format_spec (CPython's InternalFormatSpec) and lays the value out as
 *
 *   [lpadding][sign][prefix][spadding][grouped digits][decimal][remainder][rpadding]
 *
 * exactly as Python/formatter_unicode.c does.  hl_double_to_string is
 * CPython's PyOS_double_to_string: the digits of a double for the format
 * codes 'e', 'f', 'g' and 'r' (repr), from which float repr, str(), format()
 * and %-formatting are all built.
 */
#ifndef HL_FORMATSPEC_H
#define HL_FORMATSPEC_H

#include "../runtime/dtoa.h"
#include "../runtime/object.h"

/* thousands_separators (CPython's LocaleType). */
enum {
    HL_LT_NO_LOCALE = 0,
    HL_LT_DEFAULT_LOCALE = ',',
    HL_LT_UNDERSCORE_LOCALE = '_',
    HL_LT_UNDER_FOUR_LOCALE, /* '_' every four digits: b, o, x, X */
    HL_LT_CURRENT_LOCALE     /* 'n': the C locale, so no grouping */
};

typedef struct hl_format_spec {
    uint32_t fill_char;
    uint32_t align;      /* '<', '>', '=', '^' */
    int alternate;       /* '#' */
    int no_neg_0;        /* 'z' (3.11) */
    uint32_t sign;       /* '+', '-', ' ' or 0 */
    hl_ssize_t width;     /* -1: not given */
    int thousands_separators;
    hl_ssize_t precision; /* -1: not given */
    uint32_t type;       /* presentation type, default_type if not given */
} hl_format_spec;

/* Parses spec[start:end] for an object obj; 0 with ValueError on a bad
 * spec (the message names obj's type). */
int hl_format_spec_parse(HLObject *obj, HLObject *spec, hl_ssize_t start, hl_ssize_t end,
                         hl_format_spec *format, char default_type, char default_align);

/* Flags of hl_double_to_string (CPython's Py_DTSF_*). */
#define HL_DTSF_SIGN 0x01      /* always add the sign */
#define HL_DTSF_ADD_DOT_0 0x02 /* "1.0", not "1", for integral values */
#define HL_DTSF_ALT 0x04       /* '#': keep the point and trailing zeros */
#define HL_DTSF_NO_NEG_0 0x08  /* 'z': -0.0 rounds to 0.0 */

/* Type of the value converted (PyOS_double_to_string's *type). */
#define HL_DTST_FINITE 0
#define HL_DTST_INFINITE 1
#define HL_DTST_NAN 2

/* v as text: code is 'e', 'E', 'f', 'F', 'g', 'G' (precision digits) or
 * 'r' (shortest repr; precision must be 0).  Returns a NUL-terminated
 * buffer from hl_mem_malloc (free it with hl_mem_free), or NULL with
 * MemoryError.  type (may be NULL) receives HL_DTST_*. */
char *hl_double_to_string(double v, char code, int precision, int flags, int *type);
/* The same into buf, touching no allocator (for readers of the heap);
 * -1 if it does not fit in size bytes. */
int hl_double_to_buf(double v, char code, int precision, int flags, char *buf, size_t size);

/* The decimal digits of |v| as David Gay's dtoa gives them: mode 0 is
 * the shortest string that reads back as v, mode 2 rounds to ndigits
 * significant digits, mode 3 to ndigits digits after the point (ndigits
 * may be negative).  Rounding is correct, ties to even.  The result has
 * no leading or trailing zeros ("0" for zero) and means
 * 0.DIGITS * 10**decpt.  buf must hold HL_DTOA_BUFSIZE bytes (every
 * digit of a double, one more for a rounding carry, and the NUL).  Returns
 * the number of digits; v must be finite. */
#define HL_DTOA_BUFSIZE (HL_DTOA_MAX_DIGITS + 2)
int hl_dtoa(double v, int mode, int ndigits, char *buf, int *decpt);

#endif /* HL_FORMATSPEC_H */
