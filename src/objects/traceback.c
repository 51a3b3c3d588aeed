/*
 * traceback.c — traceback objects and their printing.
 *
 * Each time an exception leaves a Python frame, the interpreter puts a new
 * traceback entry in front of the exception's __traceback__: the entry
 * holds the frame (which holds its locals) and the line being executed.
 * That is why a stored exception keeps every local variable of every frame
 * it passed through alive, and why `except E as e` deletes e at the end.
 *
 * Printing follows CPython 3.11's traceback.c for a script: one
 * `  File "name", line N, in func` line per entry, oldest first, then the
 * stripped source line indented by four spaces when it is available.
 * Frames and source text belong to the language layer, which describes
 * them through two hooks.
 */
#include "traceback.h"

#include <stddef.h>

#include "../runtime/gc.h"
#include "../runtime/strbuf.h"
#include "strobject.h"

void (*hl_frame_info_hook)(HLObject *frame, hl_frame_info *out);
int (*hl_source_line_hook)(HLObject *filename, int lineno, struct hl_strbuf *out);

HLObject *hl_traceback_new(HLObject *tb_next, HLObject *frame, int lasti, int lineno)
{
    HLTracebackObject *tb = (HLTracebackObject *)hl_gc_new(&hl_traceback_type);
    if (tb == NULL)
        return NULL;
    tb->tb_next = (HLTracebackObject *)hl_xnewref(tb_next);
    tb->tb_frame = hl_xnewref(frame);
    tb->tb_lasti = lasti;
    tb->tb_lineno = lineno;
    hl_gc_track(tb);
    return (HLObject *)tb;
}

static void tb_dealloc(HLObject *op)
{
    HLTracebackObject *tb = (HLTracebackObject *)op;
    hl_gc_untrack(op);
    HL_TRASHCAN_BEGIN(op, tb_dealloc)
    hl_xdecref(tb->tb_next);
    hl_xdecref(tb->tb_frame);
    hl_gc_del(op);
    HL_TRASHCAN_END;
}

static int tb_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    HLTracebackObject *tb = (HLTracebackObject *)op;
    HL_VISIT(tb->tb_next);
    HL_VISIT(tb->tb_frame);
    return 0;
}

static int tb_clear(HLObject *op)
{
    HLTracebackObject *tb = (HLTracebackObject *)op;
    HL_CLEAR(tb->tb_next);
    HL_CLEAR(tb->tb_frame);
    return 0;
}

static HLMemberDef tb_members[] = {
    {"tb_next", HL_T_OBJECT, offsetof(HLTracebackObject, tb_next), HL_READONLY},
    {"tb_frame", HL_T_OBJECT, offsetof(HLTracebackObject, tb_frame), HL_READONLY},
    {"tb_lasti", HL_T_INT, offsetof(HLTracebackObject, tb_lasti), HL_READONLY},
    {"tb_lineno", HL_T_INT, offsetof(HLTracebackObject, tb_lineno), HL_READONLY},
    {NULL}};

HLTypeObject hl_traceback_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "traceback",
    .tp_basicsize = sizeof(HLTracebackObject),
    .tp_dealloc = tb_dealloc,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = tb_traverse,
    .tp_clear = tb_clear,
    .tp_members = tb_members,
};

void hl_traceback_format(HLObject *tbobj, hl_strbuf *out)
{
    hl_sb_puts(out, "Traceback (most recent call last):\n");
    for (HLTracebackObject *tb = (HLTracebackObject *)tbobj; tb != NULL; tb = tb->tb_next) {
        hl_frame_info info = {NULL, NULL};
        if (hl_frame_info_hook && tb->tb_frame)
            hl_frame_info_hook(tb->tb_frame, &info);
        hl_sb_puts(out, "  File \"");
        if (info.filename)
            hl_str_write_utf8(out, info.filename);
        else
            hl_sb_puts(out, "???");
        hl_sb_printf(out, "\", line %d, in ", tb->tb_lineno);
        if (info.name)
            hl_str_write_utf8(out, info.name);
        else
            hl_sb_puts(out, "???");
        hl_sb_putc(out, '\n');
        if (info.filename && hl_source_line_hook) {
            hl_strbuf line = HL_STRBUF_INIT;
            if (hl_source_line_hook(info.filename, tb->tb_lineno, &line) && line.len) {
                hl_sb_puts(out, "    ");
                hl_sb_append(out, line.s, line.len);
                hl_sb_putc(out, '\n');
            }
            hl_sb_free(&line);
        }
    }
}
