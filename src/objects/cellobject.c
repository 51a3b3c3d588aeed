/*
 * cellobject.c — cells: the boxes through which nested functions share a
 * variable.  A variable that an inner function uses lives in a cell made
 * when the outer function starts (MAKE_CELL); the inner function's closure
 * tuple holds the same cell, so both see every assignment.  Cells are GC
 * objects: a closure that references its own function is a cycle.
 */
#include <stddef.h>

#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "funcobject.h"
#include "longobject.h"
#include "strobject.h"

HLObject *hl_cell_new(HLObject *value)
{
    HLCellObject *op = (HLCellObject *)hl_gc_new(&hl_cell_type);
    if (op == NULL)
        return NULL;
    op->ob_ref = hl_xnewref(value);
    hl_gc_track(op);
    return (HLObject *)op;
}

static void cell_dealloc(HLObject *op)
{
    hl_gc_untrack(op);
    hl_xdecref(((HLCellObject *)op)->ob_ref);
    hl_gc_del(op);
}

static int cell_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    HL_VISIT(((HLCellObject *)op)->ob_ref);
    return 0;
}

static int cell_clear(HLObject *op)
{
    HL_CLEAR(((HLCellObject *)op)->ob_ref);
    return 0;
}

static HLObject *cell_repr(HLObject *op)
{
    HLObject *ref = ((HLCellObject *)op)->ob_ref;
    if (ref == NULL)
        return hl_str_from_format("<cell at %p: empty>", (void *)op);
    return hl_str_from_format("<cell at %p: %.80s object at %p>", (void *)op, HL_TYPE(ref)->tp_name,
                              (void *)ref);
}

static HLObject *cell_richcompare(HLObject *a, HLObject *b, int op)
{
    if (!hl_cell_check(a) || !hl_cell_check(b))
        return hl_newref(HL_NotImplemented);
    HLObject *x = ((HLCellObject *)a)->ob_ref, *y = ((HLCellObject *)b)->ob_ref;
    if (x != NULL && y != NULL)
        return hl_object_richcompare(x, y, op);
    /* Empty cells sort before full ones. */
    int c = (y == NULL) - (x == NULL);
    int r;
    switch (op) {
    case HL_EQ: r = c == 0; break;
    case HL_NE: r = c != 0; break;
    case HL_LT: r = c < 0; break;
    case HL_LE: r = c <= 0; break;
    case HL_GT: r = c > 0; break;
    default: r = c >= 0; break;
    }
    return hl_bool_from_long(r);
}

static HLObject *cell_get_contents(HLObject *op, void *c)
{
    HLObject *ref = ((HLCellObject *)op)->ob_ref;
    if (ref == NULL) {
        hl_err_set_string(hl_exc_ValueError, "Cell is empty");
        return NULL;
    }
    return hl_newref(ref);
}

static int cell_set_contents(HLObject *op, HLObject *value, void *c)
{
    hl_xincref(value);
    HL_XSETREF(((HLCellObject *)op)->ob_ref, value);
    return 0;
}

static HLGetSetDef cell_getset[] = {
    {"cell_contents", cell_get_contents, cell_set_contents, NULL}, {NULL}};

HLTypeObject hl_cell_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "cell",
    .tp_basicsize = sizeof(HLCellObject),
    .tp_dealloc = cell_dealloc,
    .tp_repr = cell_repr,
    .tp_hash = hl_hash_not_implemented,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = cell_traverse,
    .tp_clear = cell_clear,
    .tp_richcompare = cell_richcompare,
    .tp_getset = cell_getset,
};
