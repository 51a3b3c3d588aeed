/*
 * frameobject.c — frame objects, CPython 3.11's PyFrameObject.
 *
 * An interpreter frame (hl_frame) lives on the data stack while its call
 * runs.  A frame object is made for it only on demand: when an exception
 * passes through the frame (the traceback entry needs one), for
 * sys._getframe(), for a generator's gi_frame.  While the call runs, the
 * frame object just points at the frame and is not tracked by the
 * collector (its references are the running frame's, which are roots).
 *
 * When the call ends and someone still holds the frame object — typically a
 * traceback stored in an exception — the frame object takes the frame over
 * (take_ownership): the header and every local are copied into the frame
 * object's own storage, which CPython sizes for the code's whole frame (so
 * frame objects come in many size classes), f_back is set to the caller's
 * frame object (made now if needed), and the frame object is tracked.  From
 * then on it keeps the function's locals alive: the classic "a saved
 * exception keeps every local variable of the failed call" effect.
 */
#include "frameobject.h"

#include <stddef.h>
#include <string.h>

#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "dictobject.h"
#include "longobject.h"
#include "strobject.h"

HLObject *hl_frame_new_object(hl_frame *f)
{
    HLFrameObject *fo =
        (HLFrameObject *)hl_gc_new_var(&hl_frame_type, f->f_code->co_nlocalsplus + f->f_code->co_stacksize);
    if (fo == NULL)
        return NULL;
    fo->f_back = NULL;
    fo->f_trace = NULL;
    fo->f_trace_lines = 1;
    fo->f_trace_opcodes = 0;
    fo->f_fast_as_locals = 0;
    fo->f_lineno = 0;
    fo->f_frame = f;
    return (HLObject *)fo;
}

void hl_frame_take_ownership(HLFrameObject *fo, hl_frame *f)
{
    hl_frame *own = (hl_frame *)fo->_f_frame_data;
    size_t size = offsetof(hl_frame, localsplus) + sizeof(HLObject *) * (size_t)f->stacktop;
    memcpy(own, f, size);
    fo->f_frame = own;
    own->owner = FRAME_OWNED_BY_FRAME_OBJECT;
    own->frame_obj = NULL;
    if (f->previous != NULL) {
        /* Link to the caller through frame objects from now on. */
        HLObject *back = hl_frame_get_frame_object(f->previous);
        if (back == NULL)
            hl_err_clear(); /* out of memory: the link is lost, nothing else */
        else
            fo->f_back = (HLFrameObject *)hl_newref(back);
        own->previous = NULL;
    }
    if (!hl_gc_is_tracked((HLObject *)fo))
        hl_gc_track(fo);
}

static void frame_dealloc(HLObject *op)
{
    HLFrameObject *fo = (HLFrameObject *)op;
    if (hl_gc_is_tracked(op))
        hl_gc_untrack(op);
    HL_TRASHCAN_BEGIN(op, frame_dealloc)
    HLObject *co = NULL;
    if (fo->f_frame->owner == FRAME_OWNED_BY_FRAME_OBJECT) {
        hl_frame *f = fo->f_frame;
        /* The code object goes last: it names the frame in reprs. */
        co = (HLObject *)f->f_code;
        f->f_code = NULL;
        HL_CLEAR(f->f_func);
        HL_CLEAR(f->f_locals);
        for (int i = 0; i < f->stacktop; i++)
            HL_CLEAR(f->localsplus[i]);
    }
    HL_CLEAR(fo->f_back);
    HL_CLEAR(fo->f_trace);
    hl_gc_del(op);
    hl_xdecref(co);
    HL_TRASHCAN_END;
}

int hl_frame_traverse(hl_frame *f, hl_visitproc visit, void *arg);

static int frame_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    HLFrameObject *fo = (HLFrameObject *)op;
    HL_VISIT(fo->f_back);
    HL_VISIT(fo->f_trace);
    if (fo->f_frame->owner != FRAME_OWNED_BY_FRAME_OBJECT)
        return 0;
    return hl_frame_traverse(fo->f_frame, visit, arg);
}

static int frame_tp_clear(HLObject *op)
{
    HLFrameObject *fo = (HLFrameObject *)op;
    HL_CLEAR(fo->f_trace);
    if (fo->f_frame->owner == FRAME_OWNED_BY_FRAME_OBJECT) {
        hl_frame *f = fo->f_frame;
        for (int i = 0; i < f->stacktop; i++)
            HL_CLEAR(f->localsplus[i]);
        f->stacktop = 0;
    }
    return 0;
}

static int frame_lineno(HLFrameObject *fo)
{
    if (fo->f_lineno != 0)
        return fo->f_lineno;
    return hl_frame_line(fo->f_frame);
}

static HLObject *frame_repr(HLObject *op)
{
    HLFrameObject *fo = (HLFrameObject *)op;
    HLCodeObject *co = fo->f_frame->f_code;
    return hl_str_from_format("<frame at %p, file %R, line %d, code %U>", (void *)op, co->co_filename,
                              frame_lineno(fo), co->co_name);
}

static HLObject *get_lineno(HLObject *op, void *c) { return hl_long_from_long(frame_lineno((HLFrameObject *)op)); }
static HLObject *get_lasti(HLObject *op, void *c)
{
    int i = ((HLFrameObject *)op)->f_frame->prev_instr;
    return hl_long_from_long(i < 0 ? -1 : i * 2);
}
static HLObject *get_code(HLObject *op, void *c) { return hl_newref(((HLFrameObject *)op)->f_frame->f_code); }
static HLObject *get_globals(HLObject *op, void *c) { return hl_newref(((HLFrameObject *)op)->f_frame->f_globals); }
static HLObject *get_builtins(HLObject *op, void *c) { return hl_newref(((HLFrameObject *)op)->f_frame->f_builtins); }
static HLObject *get_locals(HLObject *op, void *c) { return hl_frame_locals(((HLFrameObject *)op)->f_frame); }

static HLObject *get_back(HLObject *op, void *c)
{
    HLFrameObject *fo = (HLFrameObject *)op;
    HLObject *back = (HLObject *)fo->f_back;
    if (back == NULL && fo->f_frame->previous != NULL)
        back = hl_frame_get_frame_object(fo->f_frame->previous);
    if (back == NULL) {
        if (hl_err_occurred())
            return NULL;
        back = HL_None;
    }
    return hl_newref(back);
}

static HLObject *get_trace(HLObject *op, void *c)
{
    HLFrameObject *fo = (HLFrameObject *)op;
    return hl_newref(fo->f_trace ? fo->f_trace : HL_None);
}

static HLGetSetDef frame_getset[] = {
    {"f_back", get_back, NULL, NULL},
    {"f_locals", get_locals, NULL, NULL},
    {"f_lineno", get_lineno, NULL, NULL},
    {"f_lasti", get_lasti, NULL, NULL},
    {"f_code", get_code, NULL, NULL},
    {"f_globals", get_globals, NULL, NULL},
    {"f_builtins", get_builtins, NULL, NULL},
    {"f_trace", get_trace, NULL, NULL},
    {NULL}};

/* frame.clear(): drops the locals of a finished frame. */
static HLObject *frame_clear_method(HLObject *op, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    HLFrameObject *fo = (HLFrameObject *)op;
    if (fo->f_frame->owner != FRAME_OWNED_BY_FRAME_OBJECT) {
        hl_err_set_string(hl_exc_RuntimeError, "cannot clear an executing frame");
        return NULL;
    }
    frame_tp_clear(op);
    return hl_none_new();
}

static HLMethodDef frame_methods[] = {
    {"clear", (hl_cfunction)frame_clear_method, HL_METH_FASTCALL, NULL},
    {NULL}};

HLTypeObject hl_frame_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "frame",
    .tp_basicsize = offsetof(HLFrameObject, _f_frame_data) + offsetof(hl_frame, localsplus),
    .tp_itemsize = sizeof(HLObject *),
    .tp_dealloc = frame_dealloc,
    .tp_repr = frame_repr,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = frame_traverse,
    .tp_clear = frame_tp_clear,
    .tp_methods = frame_methods,
    .tp_getset = frame_getset,
};
