/*
 * traceback.h — traceback objects: the chain of (frame, line) entries an
 * exception records as it leaves each Python frame (traceback.c).
 */
#ifndef HL_TRACEBACK_H
#define HL_TRACEBACK_H

#include "../runtime/object.h"

struct hl_strbuf;

typedef struct HLTracebackObject {
    HLObject ob_base;
    struct HLTracebackObject *tb_next;
    HLObject *tb_frame; /* the frame object, kept alive by the traceback */
    int tb_lasti;
    int tb_lineno;
} HLTracebackObject;

extern HLTypeObject hl_traceback_type;

/* "Traceback (most recent call last):" and one entry per frame, oldest
 * first, with the source line, in CPython's format. */
void hl_traceback_format(HLObject *tb, struct hl_strbuf *out);
/* A new entry for `frame` in front of tb_next (steals nothing). */
HLObject *hl_traceback_new(HLObject *tb_next, HLObject *frame, int lasti, int lineno);
/* How a frame describes itself to the traceback printer (set by the VM). */
typedef struct hl_frame_info {
    HLObject *filename; /* borrowed str */
    HLObject *name;     /* borrowed str */
} hl_frame_info;
extern void (*hl_frame_info_hook)(HLObject *frame, hl_frame_info *out);
/* Source lines for the printer (set by whoever loaded the code). */
extern int (*hl_source_line_hook)(HLObject *filename, int lineno, struct hl_strbuf *out);

#endif /* HL_TRACEBACK_H */
