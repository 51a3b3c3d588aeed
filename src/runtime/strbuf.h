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
/* printf formats, without floating point: doubles are formatted by the
 * runtime itself (formatspec.c), so the wasm build leaves out the C
 * library's float printing and the long-double arithmetic under it. */
void hl_sb_printf(hl_strbuf *b, const char *fmt, ...) HL_PRINTF(2, 3);
void hl_sb_vprintf(hl_strbuf *b, const char *fmt, va_list ap);
const char *hl_sb_cstr(hl_strbuf *b); /* NUL-terminated view ("" if empty) */
void hl_sb_free(hl_strbuf *b);

/* snprintf and vsnprintf for the runtime's messages, with the same
 * restriction, in every build (strbuf.c formats them itself: the wasm
 * build links no C library printf).  A format asking for a double, or for
 * a conversion C99 does not define, stops the runtime with a fatal error,
 * so a test on the native build finds it. */
int hl_snprintf(char *s, size_t n, const char *fmt, ...) HL_PRINTF(3, 4);
int hl_vsnprintf(char *s, size_t n, const char *fmt, va_list ap);

#endif /* HL_STRBUF_H */
