/*
 * strformat.c — building strings: the writer (CPython's _PyUnicodeWriter),
 * hl_str_from_format (PyUnicode_FromFormat, for error messages and reprs),
 * printf-style `format % args` (PyUnicode_Format) and str.format /
 * format_map (the MarkupIterator of stringlib/unicode_format.h).
 *
 * The writer reproduces _PyUnicodeWriter's buffers exactly: its buffer is a
 * str from pymalloc of at least min_length characters (a quarter more when
 * overallocate is on), replaced by a wider str when a wider character
 * arrives, and shrunk at the end by a realloc — which pymalloc does in
 * place when the block stays three quarters full, so a formatted string
 * can end up in a larger size class than its length asks for, exactly
 * where CPython's does.  The formatters set min_length and overallocate as
 * CPython's do and turn overallocate off just before their last piece:
 * that drives the "readonly" shortcut, by which a whole string written
 * last into an empty writer comes back as itself — '%s' % s is s,
 * '{}'.format(s) is s, and 'abc'.format() and 'abc' % () are the format
 * string itself (even a str subclass instance).  hl_strwriter_finish
 * returns the '' and Latin-1 singletons for short results.
 *
 * printf-style formatting: PyUnicode_Format's state machine.  Each
 * conversion takes the next argument (args itself when it is not a tuple;
 * a mapping when args has __getitem__ and is neither a tuple nor a str),
 * parses %[(key)][flags][width|*][.prec|.*][hlL]type, converts the argument
 * to a str and pads it (unicode_format_arg_output: sign, 0x/0o prefixes and
 * zero padding go before the digits).  Floats go through
 * hl_double_to_string, CPython's PyOS_double_to_string.
 *
 * str.format: the format string is scanned for literal text and fields
 * {name[.attr][[index]]!conv:spec}; a spec may itself contain fields (one
 * level of nesting: recursion depth 2).  Field names that are decimal
 * numbers (any Unicode decimal digits) index the positional arguments,
 * empty ones count up automatically, and mixing the two is an error.
 * Exact str, int and float values are formatted by their formatters
 * directly, anything else through format(value, spec).
 */
#include "strobject.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../runtime/errors.h"
#include "../runtime/obmalloc.h"
#include "../runtime/strbuf.h"
#include "../runtime/sysmem.h"
#include "abstract.h"
#include "dictobject.h"
#include "floatobject.h"
#include "formatspec.h"
#include "longobject.h"
#include "tupleobject.h"
#include "unicodectype.h"

#define MAX_UNICODE 0x10FFFFu

/* ---------------------------------------------------------------------------
 * The writer (see strobject.h).
 */
#define OVERALLOCATE_FACTOR 4

void hl_strwriter_init(hl_strwriter *w)
{
    memset(w, 0, sizeof *w);
    w->min_char = 127; /* ASCII is the bare minimum */
}

/* _PyUnicodeWriter_Update */
static void writer_update(hl_strwriter *w)
{
    w->maxchar = HL_STR_MAX_CHAR_VALUE(w->buffer);
    w->data = HL_STR_DATA(w->buffer);
    if (!w->readonly) {
        w->kind = HL_STR_KIND(w->buffer);
        w->size = HL_STR_LEN(w->buffer);
    } else {
        w->kind = 0; /* copy-on-write: the next write makes a buffer */
        w->size = 0;
    }
}

/* _PyUnicodeWriter_PrepareInternal */
static int prepare_internal(hl_strwriter *w, hl_ssize_t length, uint32_t maxchar)
{
    if (length > HL_SSIZE_T_MAX - w->pos) {
        hl_err_nomemory();
        return -1;
    }
    hl_ssize_t newlen = w->pos + length;
    if (maxchar < w->min_char)
        maxchar = w->min_char;
    if (w->buffer == NULL) {
        if (w->overallocate && newlen <= HL_SSIZE_T_MAX - newlen / OVERALLOCATE_FACTOR)
            newlen += newlen / OVERALLOCATE_FACTOR;
        if (newlen < w->min_length)
            newlen = w->min_length;
        w->buffer = hl_str_new(newlen, maxchar);
        if (w->buffer == NULL)
            return -1;
    } else if (newlen > w->size) {
        if (w->overallocate && newlen <= HL_SSIZE_T_MAX - newlen / OVERALLOCATE_FACTOR)
            newlen += newlen / OVERALLOCATE_FACTOR;
        if (newlen < w->min_length)
            newlen = w->min_length;
        HLObject *nb;
        if (maxchar > w->maxchar || w->readonly) { /* resize and widen */
            if (w->maxchar > maxchar)
                maxchar = w->maxchar;
            nb = hl_str_new(newlen, maxchar);
            if (nb == NULL)
                return -1;
            hl_str_copy_chars(nb, 0, w->buffer, 0, w->pos);
            hl_decref(w->buffer);
            w->readonly = 0;
        } else {
            nb = hl_str_resize(w->buffer, newlen);
            if (nb == NULL)
                return -1;
        }
        w->buffer = nb;
    } else if (maxchar > w->maxchar) { /* widen only */
        HLObject *nb = hl_str_new(w->size, maxchar);
        if (nb == NULL)
            return -1;
        hl_str_copy_chars(nb, 0, w->buffer, 0, w->pos);
        HL_SETREF(w->buffer, nb);
    }
    writer_update(w);
    return 0;
}

/* _PyUnicodeWriter_Prepare */
int hl_strwriter_prepare(hl_strwriter *w, hl_ssize_t n, uint32_t maxchar)
{
    if (maxchar <= w->maxchar && n <= w->size - w->pos)
        return 0;
    if (n == 0)
        return 0;
    return prepare_internal(w, n, maxchar);
}

static inline void writer_store(hl_strwriter *w, hl_ssize_t i, uint32_t ch)
{
    switch (w->kind) {
    case 1: ((uint8_t *)w->data)[i] = (uint8_t)ch; break;
    case 2: ((uint16_t *)w->data)[i] = (uint16_t)ch; break;
    default: ((uint32_t *)w->data)[i] = ch; break;
    }
}

int hl_strwriter_put(hl_strwriter *w, uint32_t ch)
{
    if (hl_strwriter_prepare(w, 1, ch) < 0)
        return -1;
    writer_store(w, w->pos++, ch);
    return 0;
}

/* n copies of ch (Prepare, then _PyUnicode_Fill). */
int hl_strwriter_fill(hl_strwriter *w, uint32_t ch, hl_ssize_t n)
{
    if (n <= 0)
        return 0;
    if (hl_strwriter_prepare(w, n, ch) < 0)
        return -1;
    for (hl_ssize_t i = 0; i < n; i++)
        writer_store(w, w->pos++, ch);
    return 0;
}

/* Copies str[start:end] (CPython's Prepare + _PyUnicode_FastCopyCharacters). */
static int writer_copy(hl_strwriter *w, HLObject *s, hl_ssize_t start, hl_ssize_t end)
{
    hl_ssize_t n = end - start;
    if (n <= 0)
        return 0;
    uint32_t maxchar = HL_STR_MAX_CHAR_VALUE(s) > w->maxchar ? hl_str_find_max_char(s, start, end)
                                                            : w->maxchar;
    if (hl_strwriter_prepare(w, n, maxchar) < 0)
        return -1;
    hl_str_copy_chars(w->buffer, w->pos, s, start, n);
    w->pos += n;
    return 0;
}

/* _PyUnicodeWriter_WriteStr: like CPython, the readonly shortcut does not
 * look at the exact type; callers pass what CPython's callers pass. */
int hl_strwriter_write_str(hl_strwriter *w, HLObject *s)
{
    hl_ssize_t n = HL_STR_LEN(s);
    if (n == 0)
        return 0;
    uint32_t maxchar = HL_STR_MAX_CHAR_VALUE(s);
    if (maxchar > w->maxchar || n > w->size - w->pos) {
        if (w->buffer == NULL && !w->overallocate) {
            w->readonly = 1;
            w->buffer = hl_newref(s);
            writer_update(w);
            w->pos += n;
            return 0;
        }
        if (prepare_internal(w, n, maxchar) < 0)
            return -1;
    }
    hl_str_copy_chars(w->buffer, w->pos, s, 0, n);
    w->pos += n;
    return 0;
}

/* _PyUnicodeWriter_WriteSubstring: the whole string is WriteStr. */
int hl_strwriter_write_substr(hl_strwriter *w, HLObject *s, hl_ssize_t start, hl_ssize_t end)
{
    if (end == 0)
        return 0;
    if (start == 0 && end == HL_STR_LEN(s))
        return hl_strwriter_write_str(w, s);
    return writer_copy(w, s, start, end);
}

/* _PyUnicodeWriter_WriteASCIIString: into an empty writer with
 * overallocate off, the text becomes a str of its own, kept readonly. */
int hl_strwriter_write_ascii(hl_strwriter *w, const char *s, hl_ssize_t n)
{
    if (n <= 0)
        return 0;
    if (w->buffer == NULL && !w->overallocate) {
        HLObject *str = hl_str_from_ascii(s, n);
        if (str == NULL)
            return -1;
        w->readonly = 1;
        w->buffer = str;
        writer_update(w);
        w->pos += n;
        return 0;
    }
    if (hl_strwriter_prepare(w, n, 127) < 0)
        return -1;
    for (hl_ssize_t i = 0; i < n; i++)
        writer_store(w, w->pos++, (uint8_t)s[i]);
    return 0;
}

void hl_strwriter_dealloc(hl_strwriter *w)
{
    HL_CLEAR(w->buffer);
}

/* _PyUnicodeWriter_Finish: shrink to fit (in place when pymalloc allows),
 * then the singletons for short results. */
HLObject *hl_strwriter_finish(hl_strwriter *w)
{
    if (w->pos == 0) {
        HL_CLEAR(w->buffer);
        return hl_str_empty();
    }
    HLObject *s = w->buffer;
    w->buffer = NULL;
    if (w->readonly)
        return s;
    if (HL_STR_LEN(s) != w->pos) {
        HLObject *s2 = hl_str_resize(s, w->pos);
        if (s2 == NULL) {
            hl_decref(s);
            return NULL;
        }
        s = s2;
    }
    return hl_str_result(s);
}

/* PyUnicode_DecodeUTF8 with errors="replace" (for %s of C strings). */
static HLObject *decode_utf8_replace(const char *str, hl_ssize_t n)
{
    HLObject *r = hl_str_from_utf8(str, n);
    if (r != NULL || !hl_err_exception_matches(hl_exc_UnicodeDecodeError))
        return r;
    hl_err_clear();
    hl_strwriter w;
    hl_strwriter_init(&w);
    w.min_length = n;
    const unsigned char *s = (const unsigned char *)str, *end = s + n, *bad_end;
    const char *reason;
    while (s < end) {
        uint32_t ch;
        int k = hl_utf8_decode_one(s, end, &ch, &bad_end, &reason);
        if (k == 0) {
            ch = 0xFFFD;
            k = (int)(bad_end - s);
        }
        if (hl_strwriter_put(&w, ch) < 0) {
            hl_strwriter_dealloc(&w);
            return NULL;
        }
        s += k;
    }
    return hl_strwriter_finish(&w);
}

/* ---------------------------------------------------------------------------
 * hl_str_from_format: printf-like construction for error messages and
 * reprs (PyUnicode_FromFormat of 3.11).  %[0][width|*][.prec|.*][l|ll|z|t]
 * followed by d i u x X c s p U S R A T V %.  Width pads with spaces on
 * the left (with zeros for numbers under '0'); for objects and C strings
 * precision truncates.  Anything else after a '%' ends the formatting: the
 * rest is copied as it is.
 */

/* unicode_fromformat_write_str */
static int fromformat_write_str(hl_strwriter *w, HLObject *s, hl_ssize_t width, hl_ssize_t prec)
{
    hl_ssize_t n = HL_STR_LEN(s);
    if ((prec == -1 || prec >= n) && width <= n)
        return hl_strwriter_write_str(w, s);
    if (prec != -1 && prec < n)
        n = prec;
    hl_ssize_t arglen = n > width ? n : width;
    uint32_t maxchar = HL_STR_MAX_CHAR_VALUE(s) > w->maxchar ? hl_str_find_max_char(s, 0, n) : w->maxchar;
    if (hl_strwriter_prepare(w, arglen, maxchar) < 0)
        return -1;
    if (width > n)
        for (hl_ssize_t i = 0; i < width - n; i++)
            writer_store(w, w->pos++, ' ');
    hl_str_copy_chars(w->buffer, w->pos, s, 0, n);
    w->pos += n;
    return 0;
}

/* Literal text of the format: ASCII as such, anything else decoded. */
static int fromformat_write_text(hl_strwriter *w, const char *p, hl_ssize_t n)
{
    for (hl_ssize_t i = 0; i < n; i++)
        if ((unsigned char)p[i] >= 0x80) {
            HLObject *t = decode_utf8_replace(p, n);
            if (t == NULL)
                return -1;
            int r = hl_strwriter_write_str(w, t);
            hl_decref(t);
            return r;
        }
    return hl_strwriter_write_ascii(w, p, n);
}

static HLObject *str_vformat(const char *fmt, va_list *ap)
{
    hl_strwriter w;
    hl_strwriter_init(&w);
    w.min_length = (hl_ssize_t)strlen(fmt) + 100;
    w.overallocate = 1;
    const char *p = fmt;
    while (*p) {
        if (*p != '%') {
            const char *q = p;
            while (*q && *q != '%')
                q++;
            if (*q == '\0')
                w.overallocate = 0;
            if (fromformat_write_text(&w, p, q - p) < 0)
                goto fail;
            p = q;
            continue;
        }
        const char *spec = p++;
        int zero = 0; /* 3.11 has no '-' flag (3.12 added it) */
        while (*p == '0') {
            zero = 1;
            p++;
        }
        hl_ssize_t width = -1, prec = -1;
        if (*p == '*') {
            width = va_arg(*ap, int);
            p++;
        } else if (*p >= '0' && *p <= '9') {
            width = 0;
            while (*p >= '0' && *p <= '9')
                width = width * 10 + (*p++ - '0');
        }
        if (*p == '.') {
            p++;
            prec = 0;
            if (*p == '*') {
                prec = va_arg(*ap, int);
                p++;
            } else
                while (*p >= '0' && *p <= '9')
                    prec = prec * 10 + (*p++ - '0');
        }
        int lng = 0, size_t_mod = 0;
        if (*p == 'l') {
            lng = 1;
            p++;
            if (*p == 'l') {
                lng = 2;
                p++;
            }
        } else if (*p == 'z' || *p == 't') {
            size_t_mod = 1;
            p++;
        }
        char conv = *p ? *p++ : '\0';
        HLObject *obj = NULL;
        char buf[64];
        switch (conv) {
        case 'd': case 'i': case 'u': case 'x': case 'X': {
            int is_signed = conv == 'd' || conv == 'i';
            long long sv = 0;
            unsigned long long uv = 0;
            if (lng == 2) {
                if (is_signed)
                    sv = va_arg(*ap, long long);
                else
                    uv = va_arg(*ap, unsigned long long);
            } else if (lng == 1) {
                if (is_signed)
                    sv = va_arg(*ap, long);
                else
                    uv = va_arg(*ap, unsigned long);
            } else if (size_t_mod) {
                if (is_signed)
                    sv = va_arg(*ap, hl_ssize_t);
                else
                    uv = va_arg(*ap, size_t);
            } else {
                if (is_signed)
                    sv = va_arg(*ap, int);
                else
                    uv = va_arg(*ap, unsigned int);
            }
            int len = is_signed ? hl_snprintf(buf, sizeof buf, "%lld", sv)
                                : hl_snprintf(buf, sizeof buf, conv == 'u' ? "%llu" : conv == 'x' ? "%llx" : "%llX", uv);
            /* width and precision as 3.11 applies them: the padding goes
             * before the whole number, sign included */
            hl_ssize_t pr = prec < len ? len : prec;
            hl_ssize_t arglen = width > pr ? width : pr;
            if (hl_strwriter_prepare(&w, arglen, 127) < 0)
                goto fail;
            for (hl_ssize_t i = pr; i < width; i++)
                writer_store(&w, w.pos++, zero ? '0' : ' ');
            for (hl_ssize_t i = len; i < pr; i++)
                writer_store(&w, w.pos++, '0');
            if (hl_strwriter_write_ascii(&w, buf, len) < 0)
                goto fail;
            continue;
        }
        case 'p': {
            /* CPython prints %p with the C library's %p and forces a 0x
             * prefix; WebAssembly's libc prints 0x and lowercase hex. */
            int len = hl_snprintf(buf, sizeof buf, "0x%lx", (unsigned long)(uintptr_t)va_arg(*ap, void *));
            if (hl_strwriter_write_ascii(&w, buf, len) < 0)
                goto fail;
            continue;
        }
        case 'c': {
            int ch = va_arg(*ap, int);
            if (ch < 0 || (uint32_t)ch > MAX_UNICODE) {
                hl_err_set_string(hl_exc_OverflowError, "character argument not in range(0x110000)");
                goto fail;
            }
            if (hl_strwriter_put(&w, (uint32_t)ch) < 0)
                goto fail;
            continue;
        }
        case 's': {
            const char *cs = va_arg(*ap, const char *);
            hl_ssize_t n = 0;
            if (prec < 0)
                n = (hl_ssize_t)strlen(cs);
            else
                while (n < prec && cs[n])
                    n++;
            obj = decode_utf8_replace(cs, n);
            prec = -1;
            break;
        }
        case 'U':
            obj = hl_newref(va_arg(*ap, HLObject *));
            break;
        case 'V': {
            HLObject *o = va_arg(*ap, HLObject *);
            const char *cs = va_arg(*ap, const char *);
            obj = o ? hl_newref(o) : decode_utf8_replace(cs, (hl_ssize_t)strlen(cs));
            break;
        }
        case 'S':
            obj = hl_object_str(va_arg(*ap, HLObject *));
            break;
        case 'R':
            obj = hl_object_repr(va_arg(*ap, HLObject *));
            break;
        case 'A':
            obj = hl_object_ascii(va_arg(*ap, HLObject *));
            break;
        case 'T':
            obj = hl_str_from_cstr(HL_TYPE(va_arg(*ap, HLObject *))->tp_name);
            break;
        case '%':
            if (hl_strwriter_put(&w, '%') < 0)
                goto fail;
            continue;
        default:
            /* Not a conversion: copy the rest of the format as it is. */
            w.overallocate = 0;
            if (fromformat_write_text(&w, spec, (hl_ssize_t)strlen(spec)) < 0)
                goto fail;
            return hl_strwriter_finish(&w);
        }
        if (obj == NULL)
            goto fail;
        int r = fromformat_write_str(&w, obj, width, prec);
        hl_decref(obj);
        if (r < 0)
            goto fail;
    }
    return hl_strwriter_finish(&w);
fail:
    hl_strwriter_dealloc(&w);
    return NULL;
}

HLObject *hl_str_from_format_v(const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    HLObject *r = str_vformat(fmt, &cp);
    va_end(cp);
    return r;
}

HLObject *hl_str_from_format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    HLObject *r = str_vformat(fmt, &ap);
    va_end(ap);
    return r;
}

/* ---------------------------------------------------------------------------
 * printf-style formatting: format % args.
 */
#define F_LJUST (1 << 0)
#define F_SIGN (1 << 1)
#define F_BLANK (1 << 2)
#define F_ALT (1 << 3)
#define F_ZERO (1 << 4)

typedef struct {
    HLObject *args;
    int args_owned;
    hl_ssize_t arglen, argidx;
    HLObject *dict;
    HLObject *fmtstr;
    unsigned fmtkind;
    const void *fmtdata;
    hl_ssize_t fmtcnt, fmtpos;
    hl_strwriter writer;
} formatter;

typedef struct {
    uint32_t ch;
    int flags;
    hl_ssize_t width;
    int prec;
    int sign;
} format_arg;

#define FORMAT_READ(ctx) hl_str_read((ctx)->fmtkind, (ctx)->fmtdata, (ctx)->fmtpos)

static HLObject *getnextarg(formatter *ctx)
{
    hl_ssize_t i = ctx->argidx;
    if (i < ctx->arglen) {
        ctx->argidx++;
        return ctx->arglen < 0 ? ctx->args : HL_TUPLE_GET(ctx->args, i);
    }
    hl_err_set_string(hl_exc_TypeError, "not enough arguments for format string");
    return NULL;
}

static int is_mapping(HLObject *o)
{
    return HL_TYPE(o)->tp_as_mapping && HL_TYPE(o)->tp_as_mapping->mp_subscript;
}

/* PyNumber_Check */
static int is_number(HLObject *o)
{
    HLNumberMethods *nb = HL_TYPE(o)->tp_as_number;
    return nb && (nb->nb_index || nb->nb_int || nb->nb_float);
}

/* The width or precision given by '*'. */
static int star_arg(formatter *ctx, hl_ssize_t *out, int is_prec)
{
    HLObject *v = getnextarg(ctx);
    if (v == NULL)
        return -1;
    if (!hl_long_check(v)) {
        hl_err_set_string(hl_exc_TypeError, "* wants int");
        return -1;
    }
    int overflow = 0;
    long x = hl_long_as_long_and_overflow(v, &overflow);
    if (overflow) {
        hl_err_set_string(hl_exc_OverflowError, is_prec ? "Python int too large to convert to C int"
                                                        : "Python int too large to convert to C ssize_t");
        return -1;
    }
    *out = x;
    return 0;
}

/* unicode_format_arg_parse: the key, flags, width and precision. */
static int format_arg_parse(formatter *ctx, format_arg *arg)
{
    if (arg->ch == '(') {
        if (ctx->dict == NULL) {
            hl_err_set_string(hl_exc_TypeError, "format requires a mapping");
            return -1;
        }
        ++ctx->fmtpos;
        --ctx->fmtcnt;
        hl_ssize_t keystart = ctx->fmtpos;
        int pcount = 1;
        while (pcount > 0 && --ctx->fmtcnt >= 0) { /* balanced parentheses */
            arg->ch = FORMAT_READ(ctx);
            if (arg->ch == ')')
                --pcount;
            else if (arg->ch == '(')
                ++pcount;
            ctx->fmtpos++;
        }
        hl_ssize_t keylen = ctx->fmtpos - keystart - 1;
        if (ctx->fmtcnt < 0 || pcount > 0) {
            hl_err_set_string(hl_exc_ValueError, "incomplete format key");
            return -1;
        }
        HLObject *key = hl_str_substring(ctx->fmtstr, keystart, keystart + keylen);
        if (key == NULL)
            return -1;
        if (ctx->args_owned) {
            ctx->args_owned = 0;
            hl_decref(ctx->args);
        }
        ctx->args = hl_object_get_item(ctx->dict, key);
        hl_decref(key);
        if (ctx->args == NULL)
            return -1;
        ctx->args_owned = 1;
        ctx->arglen = -1;
        ctx->argidx = -2;
    }
    while (--ctx->fmtcnt >= 0) {
        arg->ch = FORMAT_READ(ctx);
        ctx->fmtpos++;
        switch (arg->ch) {
        case '-': arg->flags |= F_LJUST; continue;
        case '+': arg->flags |= F_SIGN; continue;
        case ' ': arg->flags |= F_BLANK; continue;
        case '#': arg->flags |= F_ALT; continue;
        case '0': arg->flags |= F_ZERO; continue;
        }
        break;
    }
    if (arg->ch == '*') {
        if (star_arg(ctx, &arg->width, 0) < 0)
            return -1;
        if (arg->width < 0) {
            arg->flags |= F_LJUST;
            arg->width = -arg->width;
        }
        if (--ctx->fmtcnt >= 0) {
            arg->ch = FORMAT_READ(ctx);
            ctx->fmtpos++;
        }
    } else if (arg->ch >= '0' && arg->ch <= '9') {
        arg->width = arg->ch - '0';
        while (--ctx->fmtcnt >= 0) {
            arg->ch = FORMAT_READ(ctx);
            ctx->fmtpos++;
            if (arg->ch < '0' || arg->ch > '9')
                break;
            if (arg->width > (HL_SSIZE_T_MAX - ((int)arg->ch - '0')) / 10) {
                hl_err_set_string(hl_exc_ValueError, "width too big");
                return -1;
            }
            arg->width = arg->width * 10 + (arg->ch - '0');
        }
    }
    if (arg->ch == '.') {
        arg->prec = 0;
        if (--ctx->fmtcnt >= 0) {
            arg->ch = FORMAT_READ(ctx);
            ctx->fmtpos++;
        }
        if (arg->ch == '*') {
            hl_ssize_t p;
            if (star_arg(ctx, &p, 1) < 0)
                return -1;
            arg->prec = p < 0 ? 0 : (int)p;
            if (--ctx->fmtcnt >= 0) {
                arg->ch = FORMAT_READ(ctx);
                ctx->fmtpos++;
            }
        } else if (arg->ch >= '0' && arg->ch <= '9') {
            arg->prec = (int)(arg->ch - '0');
            while (--ctx->fmtcnt >= 0) {
                arg->ch = FORMAT_READ(ctx);
                ctx->fmtpos++;
                if (arg->ch < '0' || arg->ch > '9')
                    break;
                if (arg->prec > (2147483647 - ((int)arg->ch - '0')) / 10) {
                    hl_err_set_string(hl_exc_ValueError, "precision too big");
                    return -1;
                }
                arg->prec = arg->prec * 10 + (int)(arg->ch - '0');
            }
        }
    }
    if (ctx->fmtcnt >= 0 && (arg->ch == 'h' || arg->ch == 'l' || arg->ch == 'L')) {
        if (--ctx->fmtcnt >= 0) {
            arg->ch = FORMAT_READ(ctx);
            ctx->fmtpos++;
        }
    }
    if (ctx->fmtcnt < 0) {
        hl_err_set_string(hl_exc_ValueError, "incomplete format");
        return -1;
    }
    return 0;
}

/* _PyUnicode_FormatLong: "-"? ("0x" | "0X" | "0o")? digits, with at least
 * prec digits.  Like CPython, a decimal result without zero fill is the
 * string int's formatting produced; any other is a new one (so a single
 * hex digit is the Latin-1 singleton). */
static HLObject *format_long(HLObject *val, int alt, int prec, int type)
{
    int base = type == 'o' ? 8 : (type == 'x' || type == 'X') ? 16 : 10;
    HLObject *s = hl_long_format(val, base);
    if (s == NULL)
        return NULL;
    const char *buf = (const char *)HL_STR_DATA(s);
    hl_ssize_t len = HL_STR_LEN(s);
    int sign = buf[0] == '-';
    int prefix = base != 10 ? 2 : 0;
    hl_ssize_t ndigits = len - sign - prefix;
    hl_ssize_t keep_prefix = alt ? prefix : 0;
    hl_ssize_t zeros = prec > ndigits ? prec - ndigits : 0;
    if (zeros == 0 && keep_prefix == prefix && type != 'X')
        return s;
    hl_ssize_t outlen = sign + keep_prefix + zeros + ndigits;
    char small[128];
    char *out = outlen < (hl_ssize_t)sizeof small ? small : hl_raw_malloc((size_t)outlen);
    if (out == NULL) {
        hl_decref(s);
        return hl_err_nomemory();
    }
    hl_ssize_t o = 0;
    if (sign)
        out[o++] = '-';
    if (keep_prefix) {
        out[o++] = '0';
        out[o++] = buf[sign + 1];
    }
    for (hl_ssize_t i = 0; i < zeros; i++)
        out[o++] = '0';
    memcpy(out + o, buf + sign + prefix, (size_t)ndigits);
    if (type == 'X')
        for (hl_ssize_t i = 0; i < outlen; i++)
            if (out[i] >= 'a' && out[i] <= 'x')
                out[i] = (char)(out[i] - 'a' + 'A');
    HLObject *r = hl_str_from_ascii(out, outlen);
    if (out != small)
        hl_raw_free(out);
    hl_decref(s);
    return r;
}

/* mainformatlong: ints, and numbers made into ints for d/i/u (int()) or
 * o/x/X (__index__). */
static HLObject *mainformatlong(HLObject *v, format_arg *arg)
{
    int type = (int)arg->ch;
    HLObject *iobj;
    if (!is_number(v))
        goto wrongtype;
    if (!hl_long_check(v)) {
        /* PyNumber_Long for d/i/u: nb_int first (a float truncates). */
        HLNumberMethods *nb = HL_TYPE(v)->tp_as_number;
        if (type == 'o' || type == 'x' || type == 'X')
            iobj = hl_number_index(v);
        else if (nb->nb_int)
            iobj = nb->nb_int(v);
        else
            iobj = hl_number_long(v);
        if (iobj == NULL) {
            if (hl_err_exception_matches(hl_exc_TypeError))
                goto wrongtype;
            return NULL;
        }
    } else {
        iobj = hl_newref(v);
    }
    HLObject *r = format_long(iobj, arg->flags & F_ALT, arg->prec, type);
    hl_decref(iobj);
    return r;
wrongtype:
    if (type == 'o' || type == 'x' || type == 'X')
        return hl_err_format(hl_exc_TypeError, "%%%c format: an integer is required, not %s", type,
                             HL_TYPE(v)->tp_name);
    return hl_err_format(hl_exc_TypeError, "%%%c format: a real number is required, not %s", type,
                         HL_TYPE(v)->tp_name);
}

/* formatfloat: PyOS_double_to_string (formatspec.c) with the type as the
 * code, precision 6 by default; '#' keeps the point and trailing zeros. */
static HLObject *formatfloat(HLObject *v, format_arg *arg)
{
    double x = hl_float_as_double(v);
    if (x == -1.0 && hl_err_occurred())
        return NULL;
    int prec = arg->prec < 0 ? 6 : arg->prec;
    char *p = hl_double_to_string(x, (char)arg->ch, prec, arg->flags & F_ALT ? HL_DTSF_ALT : 0, NULL);
    if (p == NULL)
        return NULL;
    HLObject *r = hl_str_from_ascii(p, (hl_ssize_t)strlen(p));
    hl_mem_free(p);
    return r;
}

static int formatchar(HLObject *v, uint32_t *out)
{
    if (hl_str_check(v)) {
        if (HL_STR_LEN(v) == 1) {
            *out = hl_str_read_char(v, 0);
            return 0;
        }
        goto bad;
    }
    if (!hl_long_check(v) && !hl_index_check(v))
        goto bad;
    HLObject *iv = hl_number_index(v);
    if (iv == NULL) {
        if (hl_err_exception_matches(hl_exc_TypeError)) {
            hl_err_clear();
            goto bad;
        }
        return -1;
    }
    int overflow = 0;
    long x = hl_long_as_long_and_overflow(iv, &overflow);
    hl_decref(iv);
    if (overflow || x < 0 || x > (long)MAX_UNICODE) {
        hl_err_set_string(hl_exc_OverflowError, "%c arg not in range(0x110000)");
        return -1;
    }
    *out = (uint32_t)x;
    return 0;
bad:
    hl_err_set_string(hl_exc_TypeError, "%c requires int or char");
    return -1;
}

/* Writes a freshly formatted number into the writer's buffer, as
 * _PyLong_FormatWriter does (never handing back an object). */
static int write_piece(formatter *ctx, HLObject *piece)
{
    if (piece == NULL)
        return -1;
    int r = writer_copy(&ctx->writer, piece, 0, HL_STR_LEN(piece));
    hl_decref(piece);
    return r < 0 ? -1 : 1;
}

/* formatfloat into the writer: _PyUnicodeWriter_WriteASCIIString. */
static int write_float(formatter *ctx, HLObject *v, format_arg *arg)
{
    HLObject *piece = formatfloat(v, arg);
    if (piece == NULL)
        return -1;
    int r = hl_strwriter_write_ascii(&ctx->writer, HL_STR_DATA(piece), HL_STR_LEN(piece));
    hl_decref(piece);
    return r < 0 ? -1 : 1;
}

/* unicode_format_arg_format: the argument as a string in *p_str (0), or
 * written into the writer already (1). */
static int format_arg_format(formatter *ctx, format_arg *arg, HLObject **p_str)
{
    if (ctx->fmtcnt == 0)
        ctx->writer.overallocate = 0;
    HLObject *v = getnextarg(ctx);
    if (v == NULL)
        return -1;
    int plain = arg->width == -1 && arg->prec == -1;
    switch (arg->ch) {
    case 's':
    case 'r':
    case 'a':
        if (hl_long_check_exact(v) && plain)
            return write_piece(ctx, hl_long_format(v, 10));
        if (hl_str_check_exact(v) && arg->ch == 's')
            *p_str = hl_newref(v);
        else if (arg->ch == 's')
            *p_str = hl_object_str(v);
        else if (arg->ch == 'r')
            *p_str = hl_object_repr(v);
        else
            *p_str = hl_object_ascii(v);
        break;
    case 'i': case 'd': case 'u': case 'o': case 'x': case 'X':
        if (hl_long_check_exact(v) && plain && !(arg->flags & (F_SIGN | F_BLANK)) && arg->ch != 'X')
            return write_piece(ctx, format_long(v, arg->flags & F_ALT, -1, (int)arg->ch));
        *p_str = mainformatlong(v, arg);
        arg->sign = 1;
        break;
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
        if (plain && !(arg->flags & (F_SIGN | F_BLANK)))
            return write_float(ctx, v, arg);
        *p_str = formatfloat(v, arg);
        arg->sign = 1;
        break;
    case 'c': {
        uint32_t ch;
        if (formatchar(v, &ch) < 0)
            return -1;
        if (plain)
            return hl_strwriter_put(&ctx->writer, ch) < 0 ? -1 : 1;
        *p_str = hl_str_from_char(ch);
        break;
    }
    default:
        hl_err_format(hl_exc_ValueError, "unsupported format character '%c' (0x%x) at index %zd",
                      (31 <= arg->ch && arg->ch <= 126) ? (int)arg->ch : '?', (unsigned)arg->ch,
                      ctx->fmtpos - 1);
        return -1;
    }
    return *p_str == NULL ? -1 : 0;
}

/* unicode_format_arg_output: padding, sign and alternate-form prefix. */
static int format_arg_output(formatter *ctx, format_arg *arg, HLObject *str)
{
    hl_strwriter *w = &ctx->writer;
    uint32_t fill = arg->sign && (arg->flags & F_ZERO) ? '0' : ' ';
    hl_ssize_t len = HL_STR_LEN(str);
    if ((arg->width == -1 || arg->width <= len) && (arg->prec == -1 || arg->prec >= len) &&
        !(arg->flags & (F_SIGN | F_BLANK)))
        return hl_strwriter_write_str(w, str);
    if ((arg->ch == 's' || arg->ch == 'r' || arg->ch == 'a') && arg->prec >= 0 && len > arg->prec)
        len = arg->prec;
    hl_ssize_t pindex = 0;
    uint32_t signchar = 0;
    if (arg->sign) {
        uint32_t ch = hl_str_read_char(str, 0);
        if (ch == '-' || ch == '+') {
            signchar = ch;
            len--;
            pindex++;
        } else if (arg->flags & F_SIGN) {
            signchar = '+';
        } else if (arg->flags & F_BLANK) {
            signchar = ' ';
        } else {
            arg->sign = 0;
        }
    }
    if (arg->width < len)
        arg->width = len;
    /* the room, at the width the characters need */
    uint32_t maxchar = w->maxchar;
    if (!(arg->flags & F_LJUST)) {
        if (arg->sign ? arg->width - 1 > len : arg->width > len)
            maxchar = fill > maxchar ? fill : maxchar;
    }
    if (HL_STR_MAX_CHAR_VALUE(str) > maxchar) {
        uint32_t m = hl_str_find_max_char(str, 0, pindex + len);
        maxchar = m > maxchar ? m : maxchar;
    }
    hl_ssize_t buflen = arg->width;
    if (arg->sign && len == arg->width)
        buflen++;
    if (hl_strwriter_prepare(w, buflen, maxchar) < 0)
        return -1;
    int alt_prefix = (arg->flags & F_ALT) && (arg->ch == 'x' || arg->ch == 'X' || arg->ch == 'o');
    if (arg->sign) {
        if (fill != ' ')
            writer_store(w, w->pos++, signchar);
        if (arg->width > len)
            arg->width--;
    }
    if (alt_prefix) {
        if (fill != ' ') {
            writer_store(w, w->pos++, '0');
            writer_store(w, w->pos++, arg->ch);
            pindex += 2;
        }
        arg->width -= 2;
        if (arg->width < 0)
            arg->width = 0;
        len -= 2;
    }
    if (arg->width > len && !(arg->flags & F_LJUST)) {
        for (hl_ssize_t i = 0; i < arg->width - len; i++)
            writer_store(w, w->pos++, fill);
        arg->width = len;
    }
    if (fill == ' ') {
        if (arg->sign)
            writer_store(w, w->pos++, signchar);
        if (alt_prefix) {
            writer_store(w, w->pos++, '0');
            writer_store(w, w->pos++, arg->ch);
            pindex += 2;
        }
    }
    if (len > 0) {
        hl_str_copy_chars(w->buffer, w->pos, str, pindex, len);
        w->pos += len;
    }
    for (hl_ssize_t i = len; i < arg->width; i++)
        writer_store(w, w->pos++, ' ');
    return 0;
}

static int format_one(formatter *ctx)
{
    format_arg arg;
    arg.ch = FORMAT_READ(ctx);
    if (arg.ch == '%') {
        ctx->fmtpos++;
        ctx->fmtcnt--;
        return hl_strwriter_put(&ctx->writer, '%');
    }
    arg.flags = 0;
    arg.width = -1;
    arg.prec = -1;
    arg.sign = 0;
    HLObject *str = NULL;
    if (format_arg_parse(ctx, &arg) < 0)
        return -1;
    int r = format_arg_format(ctx, &arg, &str);
    if (r < 0)
        return -1;
    if (r == 0) {
        r = format_arg_output(ctx, &arg, str);
        hl_decref(str);
        if (r < 0)
            return -1;
    }
    if (ctx->dict && ctx->argidx < ctx->arglen) {
        hl_err_set_string(hl_exc_TypeError, "not all arguments converted during string formatting");
        return -1;
    }
    return 0;
}

/* PyUnicode_Format */
HLObject *hl_str_mod(HLObject *format, HLObject *args)
{
    formatter ctx;
    if (!hl_str_check(format))
        return hl_err_format(hl_exc_TypeError, "must be str, not %s", HL_TYPE(format)->tp_name);
    ctx.fmtstr = format;
    ctx.fmtdata = HL_STR_DATA(format);
    ctx.fmtkind = HL_STR_KIND(format);
    ctx.fmtcnt = HL_STR_LEN(format);
    ctx.fmtpos = 0;
    hl_strwriter_init(&ctx.writer);
    ctx.writer.min_length = ctx.fmtcnt + 100;
    ctx.writer.overallocate = 1;
    if (hl_tuple_check(args)) {
        ctx.arglen = HL_SIZE(args);
        ctx.argidx = 0;
    } else {
        ctx.arglen = -1;
        ctx.argidx = -2;
    }
    ctx.args_owned = 0;
    ctx.dict = is_mapping(args) && !hl_tuple_check(args) && !hl_str_check(args) ? args : NULL;
    ctx.args = args;
    while (--ctx.fmtcnt >= 0) {
        if (FORMAT_READ(&ctx) != '%') {
            hl_ssize_t nonfmtpos = ctx.fmtpos++;
            while (ctx.fmtcnt >= 0 && FORMAT_READ(&ctx) != '%') {
                ctx.fmtpos++;
                ctx.fmtcnt--;
            }
            if (ctx.fmtcnt < 0) {
                ctx.fmtpos--;
                ctx.writer.overallocate = 0;
            }
            if (hl_strwriter_write_substr(&ctx.writer, format, nonfmtpos, ctx.fmtpos) < 0)
                goto fail;
        } else {
            ctx.fmtpos++;
            if (format_one(&ctx) < 0)
                goto fail;
        }
    }
    if (ctx.argidx < ctx.arglen && !ctx.dict) {
        hl_err_set_string(hl_exc_TypeError, "not all arguments converted during string formatting");
        goto fail;
    }
    if (ctx.args_owned)
        hl_decref(ctx.args);
    return hl_strwriter_finish(&ctx.writer);
fail:
    hl_strwriter_dealloc(&ctx.writer);
    if (ctx.args_owned)
        hl_decref(ctx.args);
    return NULL;
}

/* ---------------------------------------------------------------------------
 * str.format and format_map.
 */
typedef struct {
    HLObject *str; /* NULL: an empty, absent part */
    hl_ssize_t start, end;
} substring;

enum { ANS_INIT, ANS_AUTO, ANS_MANUAL };
typedef struct {
    int state;
    hl_ssize_t field_number;
} autonumber;

#define SUB_READ(s, i) hl_str_read_char((s)->str, (i))

static HLObject *substring_new_object(substring *s)
{
    if (s->str == NULL)
        return hl_newref(HL_None);
    return hl_str_substring(s->str, s->start, s->end);
}

/* A decimal field index, -1 if the part is not all digits, -1 with an
 * exception on overflow. */
static hl_ssize_t get_integer(substring *s)
{
    hl_ssize_t acc = 0;
    if (s->start >= s->end)
        return -1;
    for (hl_ssize_t i = s->start; i < s->end; i++) {
        int d = hl_unicode_to_decimal(SUB_READ(s, i));
        if (d < 0)
            return -1;
        if (acc > (HL_SSIZE_T_MAX - d) / 10) {
            hl_err_set_string(hl_exc_ValueError, "Too many decimal digits in format string");
            return -1;
        }
        acc = acc * 10 + d;
    }
    return acc;
}

static int autonumber_state_error(int state, int field_name_is_empty)
{
    if (state == ANS_MANUAL) {
        if (field_name_is_empty) {
            hl_err_set_string(hl_exc_ValueError, "cannot switch from manual field "
                                                 "specification to automatic field numbering");
            return 1;
        }
    } else if (!field_name_is_empty) {
        hl_err_set_string(hl_exc_ValueError, "cannot switch from automatic field "
                                             "numbering to manual field specification");
        return 1;
    }
    return 0;
}

/* The ".attr" and "[key]" parts after the first name (FieldNameIterator):
 * 1 at the end, 2 for a part, 0 on error. */
static int field_name_next(substring *rest, int *is_attribute, hl_ssize_t *idx, substring *name)
{
    if (rest->start >= rest->end)
        return 1;
    name->str = rest->str;
    switch (SUB_READ(rest, rest->start++)) {
    case '.':
        *is_attribute = 1;
        name->start = rest->start;
        while (rest->start < rest->end) {
            uint32_t c = SUB_READ(rest, rest->start);
            if (c == '[' || c == '.')
                break;
            rest->start++;
        }
        name->end = rest->start;
        *idx = -1;
        break;
    case '[': {
        int bracket_seen = 0;
        *is_attribute = 0;
        name->start = rest->start;
        while (rest->start < rest->end)
            if (SUB_READ(rest, rest->start++) == ']') {
                bracket_seen = 1;
                break;
            }
        if (!bracket_seen) {
            hl_err_set_string(hl_exc_ValueError, "Missing ']' in format string");
            return 0;
        }
        name->end = rest->start - 1;
        *idx = get_integer(name);
        if (*idx == -1 && hl_err_occurred())
            return 0;
        break;
    }
    default:
        hl_err_set_string(hl_exc_ValueError, "Only '.' or '[' may follow ']' in format field specifier");
        return 0;
    }
    if (name->start == name->end) {
        hl_err_set_string(hl_exc_ValueError, "Empty attribute in format string");
        return 0;
    }
    return 2;
}

/* PySequence_Check */
static int is_sequence(HLObject *o)
{
    if (hl_dict_check(o))
        return 0;
    return HL_TYPE(o)->tp_as_sequence && HL_TYPE(o)->tp_as_sequence->sq_item;
}

/* get_field_object: the value a field name designates. */
static HLObject *get_field_object(substring *input, HLObject *args, HLObject *kwargs,
                                  autonumber *an)
{
    hl_ssize_t i = input->start;
    while (i < input->end) {
        uint32_t c = SUB_READ(input, i);
        if (c == '[' || c == '.')
            break;
        i++;
    }
    substring first = {input->str, input->start, i};
    substring rest = {input->str, i, input->end};
    hl_ssize_t index = get_integer(&first);
    if (index == -1 && hl_err_occurred())
        return NULL;
    int field_name_is_empty = first.start >= first.end;
    int using_numeric_index = field_name_is_empty || index != -1;
    if (an) {
        if (an->state == ANS_INIT && using_numeric_index)
            an->state = field_name_is_empty ? ANS_AUTO : ANS_MANUAL;
        if (using_numeric_index && autonumber_state_error(an->state, field_name_is_empty))
            return NULL;
        if (field_name_is_empty)
            index = an->field_number++;
    }
    HLObject *obj;
    if (index == -1) {
        HLObject *key = substring_new_object(&first);
        if (key == NULL)
            return NULL;
        if (kwargs == NULL) {
            hl_err_set_key_error(key);
            hl_decref(key);
            return NULL;
        }
        obj = hl_object_get_item(kwargs, key);
        hl_decref(key);
        if (obj == NULL)
            return NULL;
    } else {
        if (args == NULL) {
            hl_err_set_string(hl_exc_ValueError, "Format string contains positional fields");
            return NULL;
        }
        if (index >= HL_SIZE(args))
            return hl_err_format(hl_exc_IndexError,
                                 "Replacement index %zd out of range for positional args tuple", index);
        obj = hl_newref(HL_TUPLE_GET(args, index));
    }
    int ok, is_attribute;
    substring name;
    while ((ok = field_name_next(&rest, &is_attribute, &index, &name)) == 2) {
        HLObject *tmp, *key;
        if (is_attribute || index == -1) {
            key = substring_new_object(&name);
            if (key == NULL)
                goto error;
            tmp = is_attribute ? hl_object_getattr(obj, key) : hl_object_get_item(obj, key);
            hl_decref(key);
        } else if (is_sequence(obj)) {
            tmp = hl_sequence_get_item(obj, index);
        } else {
            key = hl_long_from_ssize(index);
            if (key == NULL)
                goto error;
            tmp = hl_object_get_item(obj, key);
            hl_decref(key);
        }
        if (tmp == NULL)
            goto error;
        HL_SETREF(obj, tmp);
    }
    if (ok == 1)
        return obj;
error:
    hl_decref(obj);
    return NULL;
}

/* parse_field: splits "name!c:spec}" (the opening brace already read). */
static int parse_field(substring *str, substring *field_name, substring *format_spec,
                       int *needs_expanding, uint32_t *conversion)
{
    uint32_t c = 0;
    *conversion = 0;
    format_spec->str = NULL;
    format_spec->start = format_spec->end = 0;
    field_name->str = str->str;
    field_name->start = str->start;
    while (str->start < str->end) {
        c = SUB_READ(str, str->start++);
        if (c == '{') {
            hl_err_set_string(hl_exc_ValueError, "unexpected '{' in field name");
            return 0;
        }
        if (c == '[') {
            while (str->start < str->end && SUB_READ(str, str->start) != ']')
                str->start++;
            continue;
        }
        if (c == '}' || c == ':' || c == '!')
            break;
    }
    field_name->end = str->start - 1;
    if (c == '!' || c == ':') {
        if (c == '!') {
            if (str->start >= str->end) {
                hl_err_set_string(hl_exc_ValueError, "end of string while looking for conversion specifier");
                return 0;
            }
            *conversion = SUB_READ(str, str->start++);
            if (str->start < str->end) {
                c = SUB_READ(str, str->start++);
                if (c == '}')
                    return 1;
                if (c != ':') {
                    hl_err_set_string(hl_exc_ValueError, "expected ':' after conversion specifier");
                    return 0;
                }
            }
        }
        format_spec->str = str->str;
        format_spec->start = str->start;
        int count = 1;
        while (str->start < str->end) {
            c = SUB_READ(str, str->start++);
            if (c == '{') {
                *needs_expanding = 1;
                count++;
            } else if (c == '}' && --count == 0) {
                format_spec->end = str->start - 1;
                return 1;
            }
        }
        hl_err_set_string(hl_exc_ValueError, "unmatched '{' in format spec");
        return 0;
    }
    if (c != '}') {
        hl_err_set_string(hl_exc_ValueError, "expected '}' before end of string");
        return 0;
    }
    return 1;
}

/* MarkupIterator_next: 1 at the end, 2 for literal text and maybe a field,
 * 0 on error. */
static int markup_next(substring *it, substring *literal, int *field_present,
                       substring *field_name, substring *format_spec, uint32_t *conversion,
                       int *needs_expanding)
{
    uint32_t c = 0;
    int markup_follows = 0;
    *field_present = 0;
    *needs_expanding = 0;
    *conversion = 0;
    literal->str = NULL;
    field_name->str = format_spec->str = NULL;
    field_name->start = field_name->end = format_spec->start = format_spec->end = 0;
    if (it->start >= it->end)
        return 1;
    hl_ssize_t start = it->start;
    while (it->start < it->end) {
        c = SUB_READ(it, it->start++);
        if (c == '{' || c == '}') {
            markup_follows = 1;
            break;
        }
    }
    int at_end = it->start >= it->end;
    hl_ssize_t len = it->start - start;
    if (c == '}' && (at_end || c != SUB_READ(it, it->start))) {
        hl_err_set_string(hl_exc_ValueError, "Single '}' encountered in format string");
        return 0;
    }
    if (at_end && c == '{') {
        hl_err_set_string(hl_exc_ValueError, "Single '{' encountered in format string");
        return 0;
    }
    if (!at_end) {
        if (c == SUB_READ(it, it->start)) { /* doubled brace: literal */
            it->start++;
            markup_follows = 0;
        } else {
            len--;
        }
    }
    literal->str = it->str;
    literal->start = start;
    literal->end = start + len;
    if (!markup_follows)
        return 2;
    *field_present = 1;
    return parse_field(it, field_name, format_spec, needs_expanding, conversion) ? 2 : 0;
}

static HLObject *do_conversion(HLObject *obj, uint32_t conversion)
{
    switch (conversion) {
    case 'r': return hl_object_repr(obj);
    case 's': return hl_object_str(obj);
    case 'a': return hl_object_ascii(obj);
    default:
        if (conversion > 32 && conversion < 127)
            return hl_err_format(hl_exc_ValueError, "Unknown conversion specifier %c", (int)conversion);
        return hl_err_format(hl_exc_ValueError, "Unknown conversion specifier \\x%x", (unsigned)conversion);
    }
}

/* render_field: exact str, int and float go to their formatters directly;
 * what they produce is copied (CPython writes it into the buffer), except
 * a str handed back unchanged. */
static int render_field(HLObject *obj, substring *spec, hl_strwriter *w)
{
    int exact_str = hl_str_check_exact(obj);
    if (exact_str && spec->start >= spec->end)
        return hl_strwriter_write_str(w, obj);
    HLObject *spec_obj = spec->str ? hl_str_substring(spec->str, spec->start, spec->end) : hl_str_empty();
    if (spec_obj == NULL)
        return -1;
    HLObject *res;
    int copy = 1;
    if (exact_str)
        res = hl_str_format_spec(obj, spec_obj);
    else if (hl_long_check_exact(obj))
        res = hl_long_format_spec(obj, spec_obj);
    else if (hl_float_check_exact(obj))
        res = hl_float_format_spec(obj, spec_obj);
    else {
        res = hl_object_format(obj, spec_obj);
        copy = 0;
    }
    hl_decref(spec_obj);
    if (res == NULL)
        return -1;
    int r = copy && res != obj ? writer_copy(w, res, 0, HL_STR_LEN(res)) : hl_strwriter_write_str(w, res);
    hl_decref(res);
    return r;
}

static HLObject *build_string(substring *input, HLObject *args, HLObject *kwargs, int depth,
                              autonumber *an);

static int output_markup(substring *field_name, substring *format_spec, int needs_expanding,
                         uint32_t conversion, hl_strwriter *w, HLObject *args, HLObject *kwargs,
                         int depth, autonumber *an)
{
    HLObject *tmp = NULL;
    HLObject *obj = get_field_object(field_name, args, kwargs, an);
    int ok = -1;
    if (obj == NULL)
        return -1;
    if (conversion != 0) {
        tmp = do_conversion(obj, conversion);
        if (tmp == NULL)
            goto done;
        HL_SETREF(obj, tmp);
        tmp = NULL;
    }
    substring expanded, *actual = format_spec;
    if (needs_expanding) {
        tmp = build_string(format_spec, args, kwargs, depth - 1, an);
        if (tmp == NULL)
            goto done;
        expanded.str = tmp;
        expanded.start = 0;
        expanded.end = HL_STR_LEN(tmp);
        actual = &expanded;
    }
    ok = render_field(obj, actual, w);
done:
    hl_decref(obj);
    hl_xdecref(tmp);
    return ok;
}

static HLObject *build_string(substring *input, HLObject *args, HLObject *kwargs, int depth,
                              autonumber *an)
{
    if (depth <= 0) {
        hl_err_set_string(hl_exc_ValueError, "Max string recursion exceeded");
        return NULL;
    }
    hl_strwriter w;
    hl_strwriter_init(&w);
    w.overallocate = 1;
    w.min_length = HL_STR_LEN(input->str) + 100;
    substring it = *input, literal, field_name, format_spec;
    int field_present, needs_expanding, result;
    uint32_t conversion;
    while ((result = markup_next(&it, &literal, &field_present, &field_name, &format_spec,
                                 &conversion, &needs_expanding)) == 2) {
        if (literal.end != literal.start) {
            if (!field_present && it.start == it.end)
                w.overallocate = 0;
            if (hl_strwriter_write_substr(&w, literal.str, literal.start, literal.end) < 0)
                goto fail;
        }
        if (field_present) {
            if (it.start == it.end)
                w.overallocate = 0;
            if (output_markup(&field_name, &format_spec, needs_expanding, conversion, &w, args,
                              kwargs, depth, an) < 0)
                goto fail;
        }
    }
    if (result == 0)
        goto fail;
    return hl_strwriter_finish(&w);
fail:
    hl_strwriter_dealloc(&w);
    return NULL;
}

HLObject *hl_str_format_method(HLObject *format, HLObject *args, HLObject *kwargs)
{
    autonumber an = {ANS_INIT, 0};
    substring input = {format, 0, HL_STR_LEN(format)};
    return build_string(&input, args, kwargs, 2, &an);
}

/* str.format(*args, **kwargs): the call arrives as a vector; CPython's
 * METH_VARARGS|METH_KEYWORDS call builds the tuple and the dict first. */
HLObject *hl_str_method_format(HLObject *self, HLObject *const *args, hl_ssize_t nargs,
                               HLObject *kwnames)
{
    HLObject *tuple = hl_tuple_from_array(args, nargs);
    if (tuple == NULL)
        return NULL;
    HLObject *kwargs = NULL;
    if (kwnames != NULL && HL_SIZE(kwnames) > 0) {
        kwargs = hl_dict_new();
        if (kwargs == NULL)
            goto fail;
        for (hl_ssize_t i = 0; i < HL_SIZE(kwnames); i++)
            if (hl_dict_set_item(kwargs, HL_TUPLE_GET(kwnames, i), args[nargs + i]) < 0)
                goto fail;
    }
    HLObject *r = hl_str_format_method(self, tuple, kwargs);
    hl_decref(tuple);
    hl_xdecref(kwargs);
    return r;
fail:
    hl_decref(tuple);
    hl_xdecref(kwargs);
    return NULL;
}

HLObject *hl_str_method_format_map(HLObject *self, HLObject *const *args, hl_ssize_t nargs,
                                   HLObject *kwnames)
{
    autonumber an = {ANS_INIT, 0};
    substring input = {self, 0, HL_STR_LEN(self)};
    return build_string(&input, NULL, args[0], 2, &an);
}

/* str.__format__(spec): an empty spec gives str(self) itself. */
HLObject *hl_str_method_dunder_format(HLObject *self, HLObject *const *args, hl_ssize_t nargs,
                                      HLObject *kwnames)
{
    HLObject *spec = args[0];
    if (!hl_str_check(spec))
        return hl_err_format(hl_exc_TypeError, "__format__() argument must be str, not %s",
                             spec == HL_None ? "None" : HL_TYPE(spec)->tp_name);
    if (HL_STR_LEN(spec) == 0)
        return hl_str_check_exact(self) ? hl_newref(self) : hl_object_str(self);
    return hl_str_format_spec(self, spec);
}
