/*
 * formatspec.c — format() for int, float and str, and doubles as text.
 *
 * Two parts, both following CPython 3.11 step by step.
 *
 * 1. Doubles to text (Python/pystrtod.c + dtoa.c).  hl_dtoa produces the
 *    digits David Gay's _Py_dg_dtoa would, from the exact decimal
 *    expansion of the double (runtime/dtoa.c): modes 2 and 3 (n
 *    significant digits, n digits after the point, n may be negative)
 *    round it, ties to even; mode 0 (repr) is the shortest digit string
 *    that reads back as the same double, found by rounding to 1, 2, ... 17
 *    significant digits until the correctly rounded reading gives the
 *    value back (for a power of two, whose rounding interval is lopsided,
 *    the next decimal up is tried too, so the shortest string wins even
 *    when it is not the nearest).  hl_double_to_string is
 *    format_float_short: it pads those digits with zeros, places the point,
 *    chooses exponent notation ('r' switches at 1e16 and 1e-4, 'g' by the
 *    precision) and writes "inf"/"nan" — the one place that decides what
 *    repr(0.1), str(1e16) and format(x, '.3g') look like.
 *
 * 2. The format-spec mini-language (Python/formatter_unicode.c):
 *
 *      [[fill]align][sign][z][#][0][width][,|_][.precision][type]
 *
 *    hl_format_spec_parse reads it; a number is then laid out as
 *
 *      [lpadding][sign][prefix][spadding][grouped digits][decimal][remainder][rpadding]
 *
 *    where calc_number_widths computes every field and
 *    insert_thousands_grouping writes the digits right to left, grouping
 *    them by 3 (or 4 for '_' with b/o/x/X) and, for '0' padding with '='
 *    alignment, padding with zeros that are grouped too (format(1234,
 *    '010,') == '00,001,234').  The 'n' type uses the C locale: no
 *    grouping.  Results are built in a str of exactly the final size and
 *    kind, and a one-character result becomes the Latin-1 singleton, as
 *    CPython's _PyUnicodeWriter_Finish does.
 */
#include "formatspec.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../runtime/dtoa.h"
#include "../runtime/errors.h"
#include "../runtime/obmalloc.h"
#include "../runtime/strbuf.h"
#include "floatobject.h"
#include "longobject.h"
#include "strobject.h"
#include "unicodectype.h"

/* ==========================================================================
 * Part 1: doubles to text.
 */

/* Drops leading and trailing zeros from buf[0:n] (decpt follows the
 * leading ones); zero becomes "0" with decpt 1. */
static int strip_digits(char *buf, int n, int *decpt)
{
    int lead = 0;
    while (lead < n && buf[lead] == '0')
        lead++;
    if (lead == n) {
        buf[0] = '0';
        buf[1] = '\0';
        *decpt = 1;
        return 1;
    }
    if (lead) {
        memmove(buf, buf + lead, (size_t)(n - lead));
        n -= lead;
        *decpt -= lead;
    }
    while (n > 1 && buf[n - 1] == '0')
        n--;
    buf[n] = '\0';
    return n;
}

/* Rounds the digit string buf[0:n] (value 0.buf * 10**decpt) to keep
 * digits, half to even on the exact digits that follow. */
static int round_digits(char *buf, int n, int keep, int *decpt)
{
    if (keep >= n)
        return strip_digits(buf, n, decpt);
    if (keep < 0) {
        buf[0] = '0';
        buf[1] = '\0';
        *decpt = 1;
        return 1;
    }
    int up;
    if (buf[keep] > '5')
        up = 1;
    else if (buf[keep] < '5')
        up = 0;
    else {
        up = 0;
        for (int i = keep + 1; i < n; i++)
            if (buf[i] != '0') {
                up = 1;
                break;
            }
        if (!up) /* a tie: round to even (nothing kept counts as even) */
            up = keep > 0 && ((buf[keep - 1] - '0') & 1);
    }
    n = keep;
    if (up) {
        int i = n - 1;
        while (i >= 0 && buf[i] == '9')
            buf[i--] = '0';
        if (i >= 0)
            buf[i]++;
        else {
            /* all nines (or nothing kept): becomes 1 followed by zeros */
            memmove(buf + 1, buf, (size_t)n);
            buf[0] = '1';
            n++;
            (*decpt)++;
        }
    }
    if (n == 0) {
        buf[0] = '0';
        buf[1] = '\0';
        *decpt = 1;
        return 1;
    }
    return strip_digits(buf, n, decpt);
}

int hl_dtoa(double v, int mode, int ndigits, char *buf, int *decpt)
{
    v = fabs(v);
    if (v == 0.0) {
        buf[0] = '0';
        buf[1] = '\0';
        *decpt = 1;
        return 1;
    }
    int n = hl_dtoa_exact(v, buf, decpt);
    if (mode == 2)
        return round_digits(buf, n, ndigits < 1 ? 1 : ndigits, decpt);
    if (mode == 3) {
        long keep = (long)*decpt + ndigits; /* digits before the cut */
        return round_digits(buf, n, keep > n ? n : keep < -1 ? -1 : (int)keep, decpt);
    }
    /* Mode 0: the exact digits rounded to 1, 2, ... 17 places until they
     * read back as v (17 always do). */
    char exact[HL_DTOA_MAX_DIGITS + 1];
    int exact_decpt = *decpt, m_exp;
    memcpy(exact, buf, (size_t)n + 1);
    int pow2 = frexp(v, &m_exp) == 0.5;
    for (int p = 1;; p++) {
        memcpy(buf, exact, (size_t)n + 1);
        *decpt = exact_decpt;
        int k = round_digits(buf, n, p, decpt);
        double back = hl_strtod_digits(buf, k, *decpt, NULL);
        if (back == v || p == 17)
            return k;
        if (pow2 && back < v) {
            /* The rounding interval of a power of two is twice as wide
             * above it: the next p-digit decimal up may still read back
             * as v while the nearest one does not. */
            memset(buf + k, '0', (size_t)(p - k));
            int i = p - 1;
            while (i >= 0 && buf[i] == '9')
                buf[i--] = '0';
            if (i < 0)
                continue; /* would need p + 1 digits */
            buf[i]++;
            if (hl_strtod_digits(buf, p, *decpt, NULL) == v)
                return strip_digits(buf, p, decpt);
        }
    }
}

static const char *const lc_float_strings[] = {"inf", "nan", "e"};
static const char *const uc_float_strings[] = {"INF", "NAN", "E"};

/* format_float_short.  Conceptually the digits sit in an infinite string
 * of zeros and the output is the slice vdigits[vdigits_start:vdigits_end]
 * of it, with the point after position decpt. */
static char *format_float_short(double d, char format_code, int mode, int precision,
                                int always_add_sign, int add_dot_0_if_integer,
                                int use_alt_formatting, int no_negative_zero,
                                const char *const *float_strings, int *type,
                                char *outbuf, size_t outsize)
{
    char *buf = NULL, *p;
    char digits[HL_DTOA_BUFSIZE];
    int sign = signbit(d) != 0;
    size_t bufsize;

    if (!isfinite(d)) {
        if (isnan(d))
            sign = 0; /* the sign of a nan is never shown */
        bufsize = 5;
        buf = outbuf ? (outsize >= bufsize ? outbuf : NULL) : hl_mem_malloc(bufsize);
        if (buf == NULL) {
            if (outbuf == NULL)
                hl_err_nomemory();
            return NULL;
        }
        p = buf;
        if (sign)
            *p++ = '-';
        else if (always_add_sign)
            *p++ = '+';
        memcpy(p, float_strings[isnan(d) ? 1 : 0], 3);
        p[3] = '\0';
        if (type)
            *type = isnan(d) ? HL_DTST_NAN : HL_DTST_INFINITE;
        return buf;
    }
    if (type)
        *type = HL_DTST_FINITE;

    int decpt_i;
    hl_ssize_t digits_len = hl_dtoa(d, mode, precision, digits, &decpt_i);
    hl_ssize_t decpt = decpt_i, vdigits_start, vdigits_end = digits_len;
    int use_exp = 0, exp = 0;
    if (no_negative_zero && sign && digits_len == 1 && digits[0] == '0')
        sign = 0;
    switch (format_code) {
    case 'e':
        use_exp = 1;
        vdigits_end = precision;
        break;
    case 'f':
        vdigits_end = decpt + precision;
        break;
    case 'g':
        if (decpt <= -4 || decpt > (add_dot_0_if_integer ? precision - 1 : precision))
            use_exp = 1;
        if (use_alt_formatting)
            vdigits_end = precision;
        break;
    default: /* 'r': exponent from 1e16 on, and below 1e-4 */
        if (decpt <= -4 || decpt > 16)
            use_exp = 1;
        break;
    }
    if (use_exp) {
        exp = (int)decpt - 1;
        decpt = 1;
    }
    /* vdigits_start < decpt <= vdigits_end (strictly < with ".0") */
    vdigits_start = decpt <= 0 ? decpt - 1 : 0;
    if (!use_exp && add_dot_0_if_integer)
        vdigits_end = vdigits_end > decpt ? vdigits_end : decpt + 1;
    else
        vdigits_end = vdigits_end > decpt ? vdigits_end : decpt;
    if (vdigits_end < digits_len)
        vdigits_end = digits_len;

    bufsize = 3 + (size_t)(vdigits_end - vdigits_start) + (use_exp ? 5 : 0);
    /* CPython's size (the block's size class shows in the heap view); a
     * '%' appended by format() replaces the NUL */
    buf = outbuf ? (outsize >= bufsize ? outbuf : NULL) : hl_mem_malloc(bufsize);
    if (buf == NULL) {
        if (outbuf == NULL)
            hl_err_nomemory();
        return NULL;
    }
    p = buf;
    if (sign)
        *p++ = '-';
    else if (always_add_sign)
        *p++ = '+';
    /* zeros on the left of the digits */
    if (decpt <= 0) {
        memset(p, '0', (size_t)(decpt - vdigits_start));
        p += decpt - vdigits_start;
        *p++ = '.';
        memset(p, '0', (size_t)(0 - decpt));
        p += 0 - decpt;
    }
    else {
        memset(p, '0', (size_t)(0 - vdigits_start));
        p += 0 - vdigits_start;
    }
    /* the digits, with the point if it falls among them */
    if (0 < decpt && decpt <= digits_len) {
        memcpy(p, digits, (size_t)decpt);
        p += decpt;
        *p++ = '.';
        memcpy(p, digits + decpt, (size_t)(digits_len - decpt));
        p += digits_len - decpt;
    }
    else {
        memcpy(p, digits, (size_t)digits_len);
        p += digits_len;
    }
    /* zeros on the right */
    if (digits_len < decpt) {
        memset(p, '0', (size_t)(decpt - digits_len));
        p += decpt - digits_len;
        *p++ = '.';
        memset(p, '0', (size_t)(vdigits_end - decpt));
        p += vdigits_end - decpt;
    }
    else {
        memset(p, '0', (size_t)(vdigits_end - digits_len));
        p += vdigits_end - digits_len;
    }
    if (p[-1] == '.' && !use_alt_formatting)
        p--;
    if (use_exp) {
        *p++ = float_strings[2][0];
        p += hl_snprintf(p, 8, "%+.02d", exp); /* the sign and at least two digits */
    }
    *p = '\0';
    return buf;
}

static char *double_to_string(double val, char format_code, int precision, int flags, int *type,
                              char *outbuf, size_t outsize)
{
    const char *const *float_strings = lc_float_strings;
    int mode;
    switch (format_code) {
    case 'E':
        float_strings = uc_float_strings;
        format_code = 'e';
        /* fall through */
    case 'e':
        mode = 2;
        precision++;
        break;
    case 'F':
        float_strings = uc_float_strings;
        format_code = 'f';
        /* fall through */
    case 'f':
        mode = 3;
        break;
    case 'G':
        float_strings = uc_float_strings;
        format_code = 'g';
        /* fall through */
    case 'g':
        mode = 2;
        if (precision == 0) /* 'g' with precision 0 means 1 */
            precision = 1;
        break;
    case 'r':
        mode = 0;
        if (precision != 0) {
            hl_err_set_string(hl_exc_SystemError, "bad argument to internal function");
            return NULL;
        }
        break;
    default:
        hl_err_set_string(hl_exc_SystemError, "bad argument to internal function");
        return NULL;
    }
    return format_float_short(val, format_code, mode, precision, flags & HL_DTSF_SIGN,
                              flags & HL_DTSF_ADD_DOT_0, flags & HL_DTSF_ALT,
                              flags & HL_DTSF_NO_NEG_0, float_strings, type, outbuf, outsize);
}

char *hl_double_to_string(double val, char format_code, int precision, int flags, int *type)
{
    return double_to_string(val, format_code, precision, flags, type, NULL, 0);
}

int hl_double_to_buf(double val, char format_code, int precision, int flags, char *buf, size_t size)
{
    if (double_to_string(val, format_code, precision, flags, NULL, buf, size) != NULL)
        return 0;
    hl_err_clear(); /* only a bad format code sets an error */
    return -1;
}

/* ==========================================================================
 * Part 2: the format-spec mini-language.
 */

static int is_alignment_token(uint32_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; }
static int is_sign_element(uint32_t c) { return c == ' ' || c == '+' || c == '-'; }

/* Reads decimal digits (any Unicode decimal) at *ppos; returns how many,
 * or -1 with ValueError if the number overflows a Py_ssize_t. */
static int get_integer(HLObject *str, hl_ssize_t *ppos, hl_ssize_t end, hl_ssize_t *result)
{
    hl_ssize_t accumulator = 0, pos = *ppos;
    int numdigits = 0;
    for (; pos < end; pos++, numdigits++) {
        int digitval = hl_unicode_to_decimal(hl_str_read_char(str, pos));
        if (digitval < 0)
            break;
        if (accumulator > (HL_SSIZE_T_MAX - digitval) / 10) {
            hl_err_set_string(hl_exc_ValueError, "Too many decimal digits in format string");
            *ppos = pos;
            return -1;
        }
        accumulator = accumulator * 10 + digitval;
    }
    *ppos = pos;
    *result = accumulator;
    return numdigits;
}

static void invalid_thousands_separator_type(int specifier, uint32_t presentation_type)
{
    char msg[64];
    if (presentation_type > 32 && presentation_type < 128)
        hl_snprintf(msg, sizeof msg, "Cannot specify '%c' with '%c'.", specifier, (char)presentation_type);
    else
        hl_snprintf(msg, sizeof msg, "Cannot specify '%c' with '\\x%x'.", specifier, (unsigned)presentation_type);
    hl_err_set_string(hl_exc_ValueError, msg);
}

static void invalid_comma_and_underscore(void)
{
    hl_err_set_string(hl_exc_ValueError, "Cannot specify both ',' and '_'.");
}

int hl_format_spec_parse(HLObject *obj, HLObject *spec, hl_ssize_t start, hl_ssize_t end,
                         hl_format_spec *format, char default_type, char default_align)
{
    hl_ssize_t pos = start, consumed;
    int align_specified = 0, fill_char_specified = 0;
#define READ_spec(i) hl_str_read_char(spec, i)

    format->fill_char = ' ';
    format->align = (uint32_t)default_align;
    format->alternate = 0;
    format->no_neg_0 = 0;
    format->sign = '\0';
    format->width = -1;
    format->thousands_separators = HL_LT_NO_LOCALE;
    format->precision = -1;
    format->type = (uint32_t)default_type;

    /* A fill character, if the second character aligns. */
    if (end - pos >= 2 && is_alignment_token(READ_spec(pos + 1))) {
        format->align = READ_spec(pos + 1);
        format->fill_char = READ_spec(pos);
        fill_char_specified = 1;
        align_specified = 1;
        pos += 2;
    }
    else if (end - pos >= 1 && is_alignment_token(READ_spec(pos))) {
        format->align = READ_spec(pos);
        align_specified = 1;
        ++pos;
    }
    if (end - pos >= 1 && is_sign_element(READ_spec(pos))) {
        format->sign = READ_spec(pos);
        ++pos;
    }
    if (end - pos >= 1 && READ_spec(pos) == 'z') {
        format->no_neg_0 = 1;
        ++pos;
    }
    if (end - pos >= 1 && READ_spec(pos) == '#') {
        format->alternate = 1;
        ++pos;
    }
    /* '0' before the width: zero fill, and '=' alignment for numbers. */
    if (!fill_char_specified && end - pos >= 1 && READ_spec(pos) == '0') {
        format->fill_char = '0';
        if (!align_specified && default_align == '>')
            format->align = '=';
        ++pos;
    }
    consumed = get_integer(spec, &pos, end, &format->width);
    if (consumed == -1)
        return 0;
    if (consumed == 0)
        format->width = -1;
    if (end - pos && READ_spec(pos) == ',') {
        format->thousands_separators = HL_LT_DEFAULT_LOCALE;
        ++pos;
    }
    if (end - pos && READ_spec(pos) == '_') {
        if (format->thousands_separators != HL_LT_NO_LOCALE) {
            invalid_comma_and_underscore();
            return 0;
        }
        format->thousands_separators = HL_LT_UNDERSCORE_LOCALE;
        ++pos;
    }
    if (end - pos && READ_spec(pos) == ',') {
        if (format->thousands_separators == HL_LT_UNDERSCORE_LOCALE) {
            invalid_comma_and_underscore();
            return 0;
        }
    }
    if (end - pos && READ_spec(pos) == '.') {
        ++pos;
        consumed = get_integer(spec, &pos, end, &format->precision);
        if (consumed == -1)
            return 0;
        if (consumed == 0) {
            hl_err_set_string(hl_exc_ValueError, "Format specifier missing precision");
            return 0;
        }
    }
    if (end - pos > 1) {
        HLObject *actual = hl_str_substring(spec, start, end);
        if (actual != NULL) {
            hl_err_format(hl_exc_ValueError, "Invalid format specifier '%U' for object of type '%s'",
                          actual, HL_TYPE(obj)->tp_name);
            hl_decref(actual);
        }
        return 0;
    }
    if (end - pos == 1) {
        format->type = READ_spec(pos);
        ++pos;
    }
    if (format->thousands_separators) {
        switch (format->type) {
        case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case '\0':
            break;
        case 'b': case 'o': case 'x': case 'X':
            /* '_' groups bin/oct/hex digits by four (PEP 515) */
            if (format->thousands_separators == HL_LT_UNDERSCORE_LOCALE) {
                format->thousands_separators = HL_LT_UNDER_FOUR_LOCALE;
                break;
            }
            /* fall through */
        default:
            invalid_thousands_separator_type(format->thousands_separators, format->type);
            return 0;
        }
    }
#undef READ_spec
    return 1;
}

static void unknown_presentation_type(uint32_t presentation_type, const char *type_name)
{
    char code[16];
    if (presentation_type > 32 && presentation_type < 128)
        hl_snprintf(code, sizeof code, "%c", (char)presentation_type);
    else
        hl_snprintf(code, sizeof code, "\\x%x", (unsigned)presentation_type);
    hl_err_format(hl_exc_ValueError, "Unknown format code '%s' for object of type '%s'", code, type_name);
}

/* ---- the output string ------------------------------------------------------ */

typedef struct {
    HLObject *str;
    unsigned kind;
    void *data;
    hl_ssize_t pos;
} writer;

static int writer_init(writer *w, hl_ssize_t n, uint32_t maxchar)
{
    w->str = hl_str_new(n, maxchar);
    if (w->str == NULL)
        return -1;
    w->kind = HL_STR_KIND(w->str);
    w->data = HL_STR_DATA(w->str);
    w->pos = 0;
    return 0;
}

static inline void wput(writer *w, hl_ssize_t i, uint32_t ch)
{
    if (w->kind == 1)
        ((uint8_t *)w->data)[i] = (uint8_t)ch;
    else if (w->kind == 2)
        ((uint16_t *)w->data)[i] = (uint16_t)ch;
    else
        ((uint32_t *)w->data)[i] = ch;
}

static void wfill(writer *w, hl_ssize_t n, uint32_t ch)
{
    for (hl_ssize_t i = 0; i < n; i++)
        wput(w, w->pos++, ch);
}

/* ---- number layout ------------------------------------------------------------ */

typedef struct {
    const char *decimal_point;
    char thousands_sep; /* 0: none */
    const char *grouping;
} locale_info;

static void get_locale_info(int type, locale_info *li)
{
    li->decimal_point = ".";
    switch (type) {
    case HL_LT_DEFAULT_LOCALE:
    case HL_LT_UNDERSCORE_LOCALE:
    case HL_LT_UNDER_FOUR_LOCALE:
        li->thousands_sep = type == HL_LT_DEFAULT_LOCALE ? ',' : '_';
        li->grouping = type == HL_LT_UNDER_FOUR_LOCALE ? "\4" : "\3";
        break;
    default: /* no locale, and the C locale of 'n' */
        li->thousands_sep = 0;
        li->grouping = "";
        break;
    }
}

typedef struct {
    hl_ssize_t n_lpadding, n_prefix, n_spadding, n_rpadding;
    uint32_t sign;
    hl_ssize_t n_sign;
    hl_ssize_t n_grouped_digits, n_decimal, n_remainder;
    hl_ssize_t n_digits, n_min_width;
} number_field_widths;

/* _PyUnicode_InsertThousandsGrouping: with w == NULL only counts.  The
 * digits digits[d_pos:d_pos+n_digits] are written right to left ending at
 * w->pos + n_buffer, zero-padded up to min_width. */
static hl_ssize_t insert_thousands_grouping(writer *w, hl_ssize_t n_buffer, const char *digits,
                                            hl_ssize_t d_pos, hl_ssize_t n_digits,
                                            hl_ssize_t min_width, const char *grouping,
                                            char thousands_sep)
{
    hl_ssize_t count = 0, buffer_pos = 0, digits_pos = d_pos + n_digits;
    hl_ssize_t remaining = n_digits, l, n_zeros, n_chars;
    hl_ssize_t sep_len = thousands_sep ? 1 : 0;
    int use_separator = 0, loop_broken = 0;
    const char *g = grouping;
    hl_ssize_t previous = 0;
    if (w != NULL)
        buffer_pos = w->pos + n_buffer;

#define FILL()                                                                 \
    do {                                                                       \
        count += (use_separator ? sep_len : 0) + n_zeros + n_chars;            \
        if (w != NULL) {                                                       \
            if (use_separator && sep_len)                                      \
                wput(w, --buffer_pos, (uint32_t)thousands_sep);                \
            for (hl_ssize_t k = 0; k < n_chars; k++)                           \
                wput(w, --buffer_pos, (unsigned char)digits[--digits_pos]);    \
            for (hl_ssize_t k = 0; k < n_zeros; k++)                           \
                wput(w, --buffer_pos, '0');                                    \
        }                                                                      \
    } while (0)

    for (;;) {
        /* GroupGenerator_next: a 0 byte repeats the previous group */
        if (*g == 0)
            l = previous;
        else if ((unsigned char)*g == CHAR_MAX)
            l = 0;
        else
            l = previous = *g++;
        if (l <= 0)
            break;
        hl_ssize_t cap = remaining > min_width ? remaining : min_width;
        if (cap < 1)
            cap = 1;
        l = l < cap ? l : cap;
        n_zeros = l - remaining > 0 ? l - remaining : 0;
        n_chars = remaining < l ? remaining : l;
        if (n_chars < 0)
            n_chars = 0;
        FILL();
        use_separator = 1;
        remaining -= n_chars;
        min_width -= l;
        if (remaining <= 0 && min_width <= 0) {
            loop_broken = 1;
            break;
        }
        min_width -= sep_len;
    }
    if (!loop_broken) {
        l = remaining > min_width ? remaining : min_width;
        if (l < 1)
            l = 1;
        n_zeros = l - remaining > 0 ? l - remaining : 0;
        n_chars = remaining < l ? remaining : l;
        if (n_chars < 0)
            n_chars = 0;
        FILL();
    }
#undef FILL
    return count;
}

static hl_ssize_t calc_number_widths(number_field_widths *spec, hl_ssize_t n_prefix, uint32_t sign_char,
                                     hl_ssize_t n_start, hl_ssize_t n_end, hl_ssize_t n_remainder,
                                     int has_decimal, const locale_info *locale,
                                     const hl_format_spec *format, uint32_t *maxchar)
{
    hl_ssize_t n_non_digit_non_padding, n_padding;
    spec->n_digits = n_end - n_start - n_remainder - (has_decimal ? 1 : 0);
    spec->n_lpadding = 0;
    spec->n_prefix = n_prefix;
    spec->n_decimal = has_decimal ? (hl_ssize_t)strlen(locale->decimal_point) : 0;
    spec->n_remainder = n_remainder;
    spec->n_spadding = 0;
    spec->n_rpadding = 0;
    spec->sign = '\0';
    spec->n_sign = 0;
    switch (format->sign) {
    case '+':
        spec->n_sign = 1;
        spec->sign = sign_char == '-' ? '-' : '+';
        break;
    case ' ':
        spec->n_sign = 1;
        spec->sign = sign_char == '-' ? '-' : ' ';
        break;
    default:
        if (sign_char == '-') {
            spec->n_sign = 1;
            spec->sign = '-';
        }
    }
    n_non_digit_non_padding = spec->n_sign + spec->n_prefix + spec->n_decimal + spec->n_remainder;
    if (format->fill_char == '0' && format->align == '=')
        spec->n_min_width = format->width - n_non_digit_non_padding;
    else
        spec->n_min_width = 0;
    if (spec->n_digits == 0)
        spec->n_grouped_digits = 0; /* only 'c' (and inf/nan) have no digits */
    else
        spec->n_grouped_digits = insert_thousands_grouping(NULL, 0, NULL, 0, spec->n_digits,
                                                           spec->n_min_width, locale->grouping,
                                                           locale->thousands_sep);
    n_padding = format->width - (n_non_digit_non_padding + spec->n_grouped_digits);
    if (n_padding > 0) {
        switch (format->align) {
        case '<':
            spec->n_rpadding = n_padding;
            break;
        case '^':
            spec->n_lpadding = n_padding / 2;
            spec->n_rpadding = n_padding - spec->n_lpadding;
            break;
        case '=':
            spec->n_spadding = n_padding;
            break;
        default:
            spec->n_lpadding = n_padding;
            break;
        }
    }
    if (spec->n_lpadding || spec->n_spadding || spec->n_rpadding)
        *maxchar = *maxchar > format->fill_char ? *maxchar : format->fill_char;
    return spec->n_lpadding + spec->n_sign + spec->n_prefix + spec->n_spadding +
           spec->n_grouped_digits + spec->n_decimal + spec->n_remainder + spec->n_rpadding;
}

static inline uint32_t upper_ascii(uint32_t c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }

/* Writes the fields computed by calc_number_widths.  digits[d_start...]
 * holds the digits, then the decimal point and the remainder (or, for
 * 'c', remainder_char). */
static void fill_number(writer *w, const number_field_widths *spec, const char *digits,
                        hl_ssize_t d_start, const char *prefix, uint32_t fill_char,
                        const locale_info *locale, int toupper, uint32_t remainder_char)
{
    hl_ssize_t d_pos = d_start;
    wfill(w, spec->n_lpadding, fill_char);
    if (spec->n_sign == 1)
        wput(w, w->pos++, spec->sign);
    for (hl_ssize_t i = 0; i < spec->n_prefix; i++) {
        uint32_t c = (unsigned char)prefix[i];
        wput(w, w->pos++, toupper ? upper_ascii(c) : c);
    }
    wfill(w, spec->n_spadding, fill_char);
    if (spec->n_digits != 0) {
        hl_ssize_t start = w->pos;
        insert_thousands_grouping(w, spec->n_grouped_digits, digits, d_pos, spec->n_digits,
                                  spec->n_min_width, locale->grouping, locale->thousands_sep);
        d_pos += spec->n_digits;
        if (toupper)
            for (hl_ssize_t i = start; i < start + spec->n_grouped_digits; i++) {
                uint32_t c = w->kind == 1 ? ((uint8_t *)w->data)[i]
                             : w->kind == 2 ? ((uint16_t *)w->data)[i]
                                            : ((uint32_t *)w->data)[i];
                wput(w, i, upper_ascii(c));
            }
        w->pos += spec->n_grouped_digits;
    }
    if (spec->n_decimal) {
        for (const char *s = locale->decimal_point; *s; s++)
            wput(w, w->pos++, (unsigned char)*s);
        d_pos += 1;
    }
    if (spec->n_remainder) {
        if (remainder_char)
            wput(w, w->pos++, remainder_char);
        else
            for (hl_ssize_t i = 0; i < spec->n_remainder; i++)
                wput(w, w->pos++, (unsigned char)digits[d_pos + i]);
        d_pos += spec->n_remainder;
    }
    wfill(w, spec->n_rpadding, fill_char);
}

/* ---- int ----------------------------------------------------------------------- */

static HLObject *format_float_internal(HLObject *value, const hl_format_spec *format);

static HLObject *format_long_internal(HLObject *value, const hl_format_spec *format)
{
    uint32_t maxchar = 127, sign_char = '\0', remainder_char = 0;
    hl_ssize_t n_digits, n_remainder = 0, n_prefix = 0, n_total, inumeric_chars, prefix = 0;
    HLObject *tmp = NULL;
    const char *digits;
    number_field_widths spec;
    locale_info locale;

    if (format->precision != -1) {
        hl_err_set_string(hl_exc_ValueError, "Precision not allowed in integer format specifier");
        return NULL;
    }
    if (format->no_neg_0) {
        hl_err_set_string(hl_exc_ValueError,
                          "Negative zero coercion (z) not allowed in integer format specifier");
        return NULL;
    }
    if (format->type == 'c') {
        if (format->sign != '\0') {
            hl_err_set_string(hl_exc_ValueError, "Sign not allowed with integer format specifier 'c'");
            return NULL;
        }
        if (format->alternate) {
            hl_err_set_string(hl_exc_ValueError,
                              "Alternate form (#) not allowed with integer format specifier 'c'");
            return NULL;
        }
        long x = hl_long_as_long(value);
        if (x == -1 && hl_err_occurred())
            return NULL;
        if (x < 0 || x > 0x10ffff) {
            hl_err_set_string(hl_exc_OverflowError, "%c arg not in range(0x110000)");
            return NULL;
        }
        /* The character counts as "remainder": copied, never grouped. */
        remainder_char = (uint32_t)x;
        tmp = hl_str_from_char(remainder_char);
        if (tmp == NULL)
            return NULL;
        digits = "";
        inumeric_chars = 0;
        n_digits = 1;
        maxchar = maxchar > remainder_char ? maxchar : remainder_char;
        n_remainder = 1;
    }
    else {
        int base, leading_chars_to_skip = 0;
        switch (format->type) {
        case 'b':
            base = 2;
            leading_chars_to_skip = 2;
            break;
        case 'o':
            base = 8;
            leading_chars_to_skip = 2;
            break;
        case 'x':
        case 'X':
            base = 16;
            leading_chars_to_skip = 2;
            break;
        default:
            base = 10;
            break;
        }
        if (format->sign != '+' && format->sign != ' ' && format->width == -1 &&
            format->type != 'X' && format->type != 'n' && !format->thousands_separators &&
            hl_long_check_exact(value)) {
            /* fast path */
            HLObject *r = hl_long_to_base(value, base, format->alternate);
            return r ? hl_str_result(r) : NULL;
        }
        if (format->alternate)
            n_prefix = leading_chars_to_skip;
        tmp = hl_long_to_base(value, base, 1);
        if (tmp == NULL)
            return NULL;
        digits = (const char *)HL_STR_DATA(tmp);
        inumeric_chars = 0;
        n_digits = HL_STR_LEN(tmp);
        prefix = inumeric_chars;
        if (digits[inumeric_chars] == '-') {
            sign_char = '-';
            ++prefix;
            ++leading_chars_to_skip;
        }
        n_digits -= leading_chars_to_skip;
        inumeric_chars += leading_chars_to_skip;
    }
    get_locale_info(format->type == 'n' ? HL_LT_CURRENT_LOCALE : format->thousands_separators, &locale);
    n_total = calc_number_widths(&spec, n_prefix, sign_char, inumeric_chars, inumeric_chars + n_digits,
                                 n_remainder, 0, &locale, format, &maxchar);
    writer w;
    if (writer_init(&w, n_total, maxchar) < 0) {
        hl_decref(tmp);
        return NULL;
    }
    fill_number(&w, &spec, digits, inumeric_chars, digits + prefix, format->fill_char, &locale,
                format->type == 'X', remainder_char);
    hl_decref(tmp);
    return hl_str_result(w.str);
}

HLObject *hl_long_format_spec(HLObject *obj, HLObject *format_spec)
{
    hl_format_spec format;
    hl_ssize_t end = HL_STR_LEN(format_spec);
    if (end == 0) {
        if (hl_long_check_exact(obj)) {
            HLObject *r = hl_long_to_base(obj, 10, 0);
            return r ? hl_str_result(r) : NULL;
        }
        return hl_object_str(obj);
    }
    if (!hl_format_spec_parse(obj, format_spec, 0, end, &format, 'd', '>'))
        return NULL;
    switch (format.type) {
    case 'b': case 'c': case 'd': case 'o': case 'x': case 'X': case 'n':
        return format_long_internal(obj, &format);
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': {
        HLObject *tmp = hl_float_from_object(obj);
        if (tmp == NULL)
            return NULL;
        HLObject *result = format_float_internal(tmp, &format);
        hl_decref(tmp);
        return result;
    }
    default:
        unknown_presentation_type(format.type, HL_TYPE(obj)->tp_name);
        return NULL;
    }
}

/* ---- float ------------------------------------------------------------------------ */

static HLObject *format_float_internal(HLObject *value, const hl_format_spec *format)
{
    char *buf = NULL;
    hl_ssize_t n_digits, n_remainder, n_total, index;
    int has_decimal, add_pct = 0, float_type, flags = 0;
    int precision, default_precision = 6;
    uint32_t type = format->type, sign_char = '\0', maxchar = 127;
    double val;
    HLObject *unicode_tmp = NULL, *result = NULL;
    number_field_widths spec;
    locale_info locale;

    if (format->precision > INT_MAX) {
        hl_err_set_string(hl_exc_ValueError, "precision too big");
        return NULL;
    }
    precision = (int)format->precision;
    if (format->alternate)
        flags |= HL_DTSF_ALT;
    if (format->no_neg_0)
        flags |= HL_DTSF_NO_NEG_0;
    if (type == '\0') {
        /* No type: like repr() without a precision, else like 'g' with at
         * least one digit after the point. */
        flags |= HL_DTSF_ADD_DOT_0;
        type = 'r';
        default_precision = 0;
    }
    if (type == 'n')
        type = 'g'; /* 'n' is 'g' in the C locale */
    val = hl_float_as_double(value);
    if (val == -1.0 && hl_err_occurred())
        return NULL;
    if (type == '%') {
        type = 'f';
        val *= 100;
        add_pct = 1;
    }
    if (precision < 0)
        precision = default_precision;
    else if (type == 'r')
        type = 'g';
    buf = hl_double_to_string(val, (char)type, precision, flags, &float_type);
    if (buf == NULL)
        return NULL;
    n_digits = (hl_ssize_t)strlen(buf);
    if (add_pct) {
        /* over the NUL: the text is used by length from here on */
        buf[n_digits] = '%';
        n_digits += 1;
    }
    if (format->sign != '+' && format->sign != ' ' && format->width == -1 &&
        format->type != 'n' && !format->thousands_separators) {
        /* fast path */
        result = hl_str_from_ascii(buf, n_digits);
        hl_mem_free(buf);
        return result ? hl_str_result(result) : NULL;
    }
    unicode_tmp = hl_str_from_ascii(buf, n_digits);
    if (unicode_tmp == NULL)
        goto done;
    index = 0;
    if (buf[index] == '-') {
        sign_char = '-';
        ++index;
        --n_digits;
    }
    /* parse_number: the digits, then maybe a point, then the rest */
    {
        hl_ssize_t pos = index, end = index + n_digits;
        while (pos < end && buf[pos] >= '0' && buf[pos] <= '9')
            ++pos;
        hl_ssize_t remainder = pos;
        has_decimal = pos < end && buf[remainder] == '.';
        if (has_decimal)
            remainder++;
        n_remainder = end - remainder;
    }
    get_locale_info(format->type == 'n' ? HL_LT_CURRENT_LOCALE : format->thousands_separators, &locale);
    n_total = calc_number_widths(&spec, 0, sign_char, index, index + n_digits, n_remainder, has_decimal,
                                 &locale, format, &maxchar);
    writer w;
    if (writer_init(&w, n_total, maxchar) < 0)
        goto done;
    fill_number(&w, &spec, buf, index, NULL, format->fill_char, &locale, 0, 0);
    result = w.str;
done:
    hl_mem_free(buf);
    hl_xdecref(unicode_tmp);
    return result ? hl_str_result(result) : NULL;
}

HLObject *hl_float_format_spec(HLObject *obj, HLObject *format_spec)
{
    hl_format_spec format;
    hl_ssize_t end = HL_STR_LEN(format_spec);
    if (end == 0)
        return hl_object_str(obj);
    if (!hl_format_spec_parse(obj, format_spec, 0, end, &format, '\0', '>'))
        return NULL;
    switch (format.type) {
    case '\0': case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%':
        return format_float_internal(obj, &format);
    default:
        unknown_presentation_type(format.type, HL_TYPE(obj)->tp_name);
        return NULL;
    }
}

/* ---- str ----------------------------------------------------------------------------- */

static HLObject *format_string_internal(HLObject *value, const hl_format_spec *format)
{
    hl_ssize_t lpad, rpad, total, len = HL_STR_LEN(value);
    if (format->sign != '\0') {
        if (format->sign == ' ')
            hl_err_set_string(hl_exc_ValueError, "Space not allowed in string format specifier");
        else
            hl_err_set_string(hl_exc_ValueError, "Sign not allowed in string format specifier");
        return NULL;
    }
    if (format->no_neg_0) {
        hl_err_set_string(hl_exc_ValueError,
                          "Negative zero coercion (z) not allowed in string format specifier");
        return NULL;
    }
    if (format->alternate) {
        hl_err_set_string(hl_exc_ValueError, "Alternate form (#) not allowed in string format specifier");
        return NULL;
    }
    if (format->align == '=') {
        hl_err_set_string(hl_exc_ValueError, "'=' alignment not allowed in string format specifier");
        return NULL;
    }
    if ((format->width == -1 || format->width <= len) &&
        (format->precision == -1 || format->precision >= len))
        return hl_newref(value); /* fast path: the string itself */
    if (format->precision >= 0 && len >= format->precision)
        len = format->precision;
    /* calc_padding */
    total = format->width >= 0 && format->width > len ? format->width : len;
    if (format->align == '>')
        lpad = total - len;
    else if (format->align == '^')
        lpad = (total - len) / 2;
    else
        lpad = 0;
    rpad = total - len - lpad;
    uint32_t maxchar = 127;
    if (lpad != 0 || rpad != 0)
        maxchar = maxchar > format->fill_char ? maxchar : format->fill_char;
    for (hl_ssize_t i = 0; i < len; i++) {
        uint32_t c = hl_str_read_char(value, i);
        if (c > maxchar)
            maxchar = c;
    }
    writer w;
    if (writer_init(&w, total, maxchar) < 0)
        return NULL;
    wfill(&w, lpad, format->fill_char);
    for (hl_ssize_t i = 0; i < len; i++)
        wput(&w, w.pos++, hl_str_read_char(value, i));
    wfill(&w, rpad, format->fill_char);
    return hl_str_result(w.str);
}

HLObject *hl_str_format_spec(HLObject *obj, HLObject *format_spec)
{
    hl_format_spec format;
    hl_ssize_t end = HL_STR_LEN(format_spec);
    if (end == 0)
        return hl_str_check_exact(obj) ? hl_newref(obj) : hl_object_str(obj);
    if (!hl_format_spec_parse(obj, format_spec, 0, end, &format, 's', '<'))
        return NULL;
    if (format.type != 's') {
        unknown_presentation_type(format.type, HL_TYPE(obj)->tp_name);
        return NULL;
    }
    return format_string_internal(obj, &format);
}
