/*
 * sources.h — the source text of everything compiled, by file name, for
 * SyntaxError.text and for the lines tracebacks print (sources.c).
 */
#ifndef HL_SOURCES_H
#define HL_SOURCES_H

#include "../runtime/object.h"

struct hl_strbuf;

/* Keeps a copy of the text under that name (replacing an older one). */
int hl_source_register(HLObject *filename, const char *text, size_t len);
/* The text kept under that name (NUL-terminated): 1, or 0 if none. */
int hl_source_text(HLObject *filename, const char **text, size_t *len);
/* Line lineno (1-based) with its newline, as a str; NULL (no error) if
 * unknown. */
HLObject *hl_source_line_object(HLObject *filename, int lineno);
/* Appends line lineno without its newline; 0 if unknown. */
int hl_source_line(HLObject *filename, int lineno, struct hl_strbuf *out);
void hl_sources_clear(void);

#endif /* HL_SOURCES_H */
