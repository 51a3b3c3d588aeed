/*
 * strbuf.c — growable text buffer (see strbuf.h).  Capacity doubles, so
 * appending n bytes one at a time costs O(n).
 */
#include "strbuf.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "sysmem.h"

static int reserve(hl_strbuf *b, size_t extra)
{
    if (b->failed)
        return 0;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    char *s = hl_raw_realloc(b->s, cap);
    if (s == NULL) {
        b->failed = 1;
        return 0;
    }
    b->s = s;
    b->cap = cap;
    return 1;
}

void hl_sb_append(hl_strbuf *b, const char *s, size_t n)
{
    if (!reserve(b, n))
        return;
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void hl_sb_puts(hl_strbuf *b, const char *s) { hl_sb_append(b, s, strlen(s)); }
void hl_sb_putc(hl_strbuf *b, char c) { hl_sb_append(b, &c, 1); }

/* ---- printf ------------------------------------------------------------ */

/* The runtime's own vsnprintf: C99's integer, character, string and
 * pointer conversions with every flag, width and precision, and no
 * floating point.  Every message of the runtime goes through it, in every
 * build, so the wasm module carries no C library printf (musl's printf
 * core, its argument table and its stdio plumbing).  tests/c/test_str.c
 * compares it with the C library's on the native build. */

typedef struct {
    char *s;
    size_t n, len; /* len counts every byte, written or not (C99's return value) */
} fmt_out;

static void emit(fmt_out *o, const char *p, size_t k)
{
    if (o->len < o->n) {
        size_t room = o->n - o->len;
        memcpy(o->s + o->len, p, k < room ? k : room);
    }
    o->len += k;
}

static void emit_fill(fmt_out *o, char c, long k)
{
    char run[16];
    memset(run, c, sizeof run);
    for (; k > 0; k -= (long)sizeof run)
        emit(o, run, k < (long)sizeof run ? (size_t)k : sizeof run);
}

/* An argument of the given length modifier: -2 hh, -1 h, 0 none, 1 l,
 * 2 ll and j, 3 z and t. */
static unsigned long long unsigned_arg(va_list *ap, int size)
{
    switch (size) {
    case -2: return (unsigned char)va_arg(*ap, unsigned);
    case -1: return (unsigned short)va_arg(*ap, unsigned);
    case 1: return va_arg(*ap, unsigned long);
    case 2: return va_arg(*ap, unsigned long long);
    case 3: return va_arg(*ap, size_t);
    default: return va_arg(*ap, unsigned);
    }
}

static long long signed_arg(va_list *ap, int size)
{
    switch (size) {
    case -2: return (signed char)va_arg(*ap, int);
    case -1: return (short)va_arg(*ap, int);
    case 1: return va_arg(*ap, long);
    case 2: return va_arg(*ap, long long);
    case 3: return va_arg(*ap, hl_ssize_t);
    default: return va_arg(*ap, int);
    }
}

int hl_vsnprintf(char *s, size_t n, const char *fmt, va_list ap)
{
    fmt_out o = {s, n ? n - 1 : 0, 0};
    va_list args;
    va_copy(args, ap);
    for (const char *p = fmt; *p;) {
        if (*p != '%') {
            const char *q = strchr(p, '%');
            size_t k = q ? (size_t)(q - p) : strlen(p);
            emit(&o, p, k);
            p += k;
            continue;
        }
        p++;
        int left = 0, plus = 0, space = 0, alt = 0, zero = 0;
        for (;; p++) {
            if (*p == '-') left = 1;
            else if (*p == '+') plus = 1;
            else if (*p == ' ') space = 1;
            else if (*p == '#') alt = 1;
            else if (*p == '0') zero = 1;
            else break;
        }
        long width = 0, prec = -1;
        if (*p == '*') {
            width = va_arg(args, int);
            if (width < 0) {
                left = 1;
                width = -width;
            }
            p++;
        } else
            while (*p >= '0' && *p <= '9')
                width = width * 10 + (*p++ - '0');
        if (*p == '.') {
            p++;
            prec = 0;
            if (*p == '*') {
                int v = va_arg(args, int);
                prec = v < 0 ? -1 : v;
                p++;
            } else
                while (*p >= '0' && *p <= '9')
                    prec = prec * 10 + (*p++ - '0');
        }
        int size = 0;
        for (;; p++) {
            if (*p == 'h') size = size == -1 ? -2 : -1;
            else if (*p == 'l') size = size == 1 ? 2 : 1;
            else if (*p == 'j') size = 2;
            else if (*p == 'z' || *p == 't') size = 3;
            else break;
        }
        char conv = *p ? *p++ : '\0';
        char digits[24], *end = digits + sizeof digits, *d = end;
        const char *prefix = "", *body;
        size_t len;
        unsigned long long v;
        switch (conv) {
        case '%':
            emit(&o, "%", 1);
            continue;
        case 'c':
            digits[0] = (char)va_arg(args, int);
            body = digits;
            len = 1;
            prec = -1;
            break;
        case 's':
            body = va_arg(args, const char *);
            if (body == NULL)
                body = "(null)";
            if (prec < 0)
                len = strlen(body);
            else
                for (len = 0; len < (size_t)prec && body[len]; len++)
                    ;
            prec = -1;
            break;
        case 'd':
        case 'i': {
            long long sv = signed_arg(&args, size);
            v = sv < 0 ? 0ull - (unsigned long long)sv : (unsigned long long)sv;
            prefix = sv < 0 ? "-" : plus ? "+" : space ? " " : "";
            goto decimal;
        }
        case 'u':
            v = unsigned_arg(&args, size);
        decimal:
            for (; v; v /= 10)
                *--d = (char)('0' + v % 10);
            goto number;
        case 'o':
            v = unsigned_arg(&args, size);
            for (; v; v >>= 3)
                *--d = (char)('0' + (v & 7));
            if (alt && (d == end || prec <= end - d)) /* the first digit is a 0 */
                prec = end - d + 1;
            goto number;
        case 'p':
            v = (uintptr_t)va_arg(args, void *);
            if (v == 0) { /* a null pointer, as glibc prints it */
                body = "(nil)";
                len = 5;
                prec = -1;
                break;
            }
            alt = 1;
            conv = 'x';
            goto hex;
        case 'x':
        case 'X':
            v = unsigned_arg(&args, size);
        hex:
            if (alt && v)
                prefix = conv == 'x' ? "0x" : "0X";
            for (; v; v >>= 4)
                *--d = "0123456789abcdef0123456789ABCDEF"[(v & 15) + (conv == 'X' ? 16 : 0)];
        number:
            if (prec < 0 && d == end)
                *--d = '0'; /* 0 has one digit unless the precision is 0 */
            body = d;
            len = (size_t)(end - d);
            break;
        default:
            if (conv && strchr("eEfFgGaA", conv))
                hl_fatal("a message format asks for a double: \"%s\"", fmt);
            hl_fatal("a message format has a conversion the runtime does not format: \"%s\"", fmt);
        }
        /* [spaces] prefix [zeros] body [spaces] */
        size_t plen = strlen(prefix);
        long zeros = prec > (long)len ? prec - (long)len : 0;
        long total = (long)(plen + len) + zeros;
        if (zero && !left && prec < 0 && strchr("diouxXp", conv) && width > total) {
            zeros += width - total;
            total = width;
        }
        if (!left)
            emit_fill(&o, ' ', width - total);
        emit(&o, prefix, plen);
        emit_fill(&o, '0', zeros);
        emit(&o, body, len);
        if (left)
            emit_fill(&o, ' ', width - total);
    }
    va_end(args);
    if (n)
        s[o.len < n - 1 ? o.len : n - 1] = '\0';
    return o.len > INT_MAX ? -1 : (int)o.len;
}

int hl_snprintf(char *s, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = hl_vsnprintf(s, n, fmt, ap);
    va_end(ap);
    return r;
}

void hl_sb_vprintf(hl_strbuf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    char small[256];
    int n = hl_vsnprintf(small, sizeof small, fmt, ap);
    if (n < 0) {
        b->failed = 1;
    } else if ((size_t)n < sizeof small) {
        hl_sb_append(b, small, (size_t)n);
    } else if (reserve(b, (size_t)n)) {
        hl_vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
}

void hl_sb_printf(hl_strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    hl_sb_vprintf(b, fmt, ap);
    va_end(ap);
}

const char *hl_sb_cstr(hl_strbuf *b) { return b->s ? b->s : ""; }

void hl_sb_free(hl_strbuf *b)
{
    hl_raw_free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}
