/*
 * iterobject.c — the sequence iterator: iter(x) for objects that have
 * __getitem__ but no __iter__, walking x[0], x[1], ... until IndexError or
 * StopIteration.  A GC object holding its sequence, as in CPython.
 */
#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "abstract.h"
#include "longobject.h"

typedef struct {
    HLObject ob_base;
    hl_ssize_t it_index;
    HLObject *it_seq; /* NULL when exhausted */
} seqiterobject;

static void iter_dealloc(HLObject *op)
{
    hl_gc_untrack(op);
    hl_xdecref(((seqiterobject *)op)->it_seq);
    hl_gc_del(op);
}

static int iter_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    HL_VISIT(((seqiterobject *)op)->it_seq);
    return 0;
}

static HLObject *iter_iternext(HLObject *op)
{
    seqiterobject *it = (seqiterobject *)op;
    HLObject *seq = it->it_seq;
    if (seq == NULL)
        return NULL;
    if (it->it_index == HL_SSIZE_T_MAX) {
        hl_err_set_string(hl_exc_OverflowError, "iter index too large");
        return NULL;
    }
    HLObject *result = hl_sequence_get_item(seq, it->it_index);
    if (result != NULL) {
        it->it_index++;
        return result;
    }
    if (hl_err_exception_matches(hl_exc_IndexError) || hl_err_exception_matches(hl_exc_StopIteration)) {
        hl_err_clear();
        it->it_seq = NULL;
        hl_decref(seq);
    }
    return NULL;
}

HLTypeObject hl_seqiter_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "iterator",
    .tp_basicsize = sizeof(seqiterobject),
    .tp_dealloc = iter_dealloc,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = iter_traverse,
    .tp_iter = hl_object_self_iter,
    .tp_iternext = iter_iternext,
};

HLObject *hl_seq_iter_new(HLObject *seq)
{
    seqiterobject *it = (seqiterobject *)hl_gc_new(&hl_seqiter_type);
    if (it == NULL)
        return NULL;
    it->it_index = 0;
    it->it_seq = hl_newref(seq);
    hl_gc_track(it);
    return (HLObject *)it;
}
