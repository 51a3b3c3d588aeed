/*
 * strbuf.h — a growable byte buffer for building text (reprs, tracebacks,
 * allocator statistics).  Memory comes from the region allocator, not from
 * pymalloc, so building a message never disturbs the pools it describes.
 * A failed allocation sets `failed` and later appends are ignored; the
 * caller checks once at the end.
 */
#ifndef HL_STRBUF_H
#define HL_STRBUF_H

#include <stdarg.h>
#include "hlconfig.h"

typedef struct hl_strbuf {
    char *s;
    size_t len, cap;
    int failed;
} hl_strbuf;

#define HL_STRBUF_INIT {NULL, 0, 0, 0}

void hl_sb_append(hl_strbuf *b, const char *s, size_t n);
void hl_sb_puts(hl_strbuf *b, const char *s);
void hl_sb_putc(hl_strbuf *b, char c);
void hl_sb_printf(hl_strbuf *b, const char *fmt, ...) HL_PRINTF(2, 3);
void hl_sb_vprintf(hl_strbuf *b, const char *fmt, va_list ap);
const char *hl_sb_cstr(hl_strbuf *b); /* NUL-terminated view ("" if empty) */
void hl_sb_free(hl_strbuf *b);

#endif /* HL_STRBUF_H */
