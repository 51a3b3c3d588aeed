/*
 * traceback.h — traceback objects: the chain of (frame, line) entries an
 * exception records as it leaves each Python frame, and their printing in
 * CPython 3.11's format (traceback.c).  The whole exception display —
 * chains, the "Type: message" line, SyntaxError's caret — is
 * hl_print_exception in src/lang/errdisplay.h.
 */
#ifndef HL_TRACEBACK_H
#define HL_TRACEBACK_H

#include "../runtime/object.h"

struct hl_strbuf;

typedef struct HLTracebackObject {
    HLObject ob_base;
    struct HLTracebackObject *tb_next;
    HLObject *tb_frame; /* the frame object, kept alive by the traceback */
    int tb_lasti;       /* the instruction (CPython: its byte offset) */
    int tb_lineno;
} HLTracebackObject;

extern HLTypeObject hl_traceback_type;

/* A new entry for `frame` in front of tb_next (steals nothing). */
HLObject *hl_traceback_new(HLObject *tb_next, HLObject *frame, int lasti, int lineno);

/* PyTraceBack_Print: "Traceback (most recent call last):" and the entries,
 * oldest first, each with its source line and, when they say something,
 * the 3.11 carets under the failing expression; runs of more than three
 * identical entries end in "[Previous line repeated N more times]".
 * hl_traceback_format prints at most the last 1000 entries (CPython's
 * default); hl_traceback_print takes sys.tracebacklimit's value (limit <= 0
 * prints nothing at all, not even the header). */
void hl_traceback_format(HLObject *tb, struct hl_strbuf *out);
void hl_traceback_print(HLObject *tb, long limit, struct hl_strbuf *out);
#define HL_TRACEBACK_LIMIT 1000

/* How a frame describes itself to the printer.  The VM sets the hook,
 * which gets the entry's tb_frame and tb_lasti; it fills in what it knows
 * and leaves the rest as initialised (NULL, -1).
 *   filename, name   the code object's co_filename and co_name (borrowed
 *                    str).  Consecutive entries are "the same line" when
 *                    these are the same objects (identity, as in CPython)
 *                    and tb_lineno is equal.
 *   lineno .. end_col_offset
 *                    the co_positions() entry of the instruction at
 *                    `lasti`: lines 1-based, columns 0-based UTF-8 byte
 *                    offsets, -1 where CPython has None.
 *   varnames, globals, builtins
 *                    for NameError's "Did you mean" (borrowed): the code's
 *                    co_varnames (tuple of str), the frame's globals and
 *                    builtins dicts; NULL skips that source of names. */
typedef struct hl_frame_info {
    HLObject *filename;
    HLObject *name;
    int lineno, end_lineno, col_offset, end_col_offset;
    HLObject *varnames, *globals, *builtins;
} hl_frame_info;
#define HL_FRAME_INFO_INIT {NULL, NULL, -1, -1, -1, -1, NULL, NULL, NULL}
extern void (*hl_frame_info_hook)(HLObject *frame, int lasti, hl_frame_info *out);

/* Source lines for the printer: appends line `lineno` (1-based) of the
 * file, UTF-8, without its line ending, and returns 1; 0 if unknown.  The
 * VM points it at hl_source_line (src/lang/sources.h).  As in CPython,
 * files named "<...>" never show source lines. */
extern int (*hl_source_line_hook)(HLObject *filename, int lineno, struct hl_strbuf *out);

/* Appends s as sys.stderr writes it: UTF-8, with lone surrogates as
 * \udcxx (the "backslashreplace" error handler). */
void hl_str_write_stderr(struct hl_strbuf *out, HLObject *s);

#endif /* HL_TRACEBACK_H */
