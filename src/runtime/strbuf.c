/*
 * strbuf.c — growable text buffer (see strbuf.h).  Capacity doubles, so
 * appending n bytes one at a time costs O(n).
 */
#include "strbuf.h"

#include <stdio.h>
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

#ifdef __EMSCRIPTEN__
int vsniprintf(char *restrict s, size_t n, const char *restrict fmt, va_list ap);
#endif

int hl_vsnprintf(char *s, size_t n, const char *fmt, va_list ap)
{
    for (const char *p = strchr(fmt, '%'); p != NULL; p = strchr(p + 1, '%')) {
        p++;
        while (*p && strchr("-+ #0123456789.*hlLjzt", *p))
            p++;
        if (*p && strchr("eEfFgGaA", *p))
            hl_fatal("a message format asks for a double: \"%s\"", fmt);
    }
#ifdef __EMSCRIPTEN__
    return vsniprintf(s, n, fmt, ap);
#else
    return vsnprintf(s, n, fmt, ap);
#endif
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
