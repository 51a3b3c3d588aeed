/*
 * test_gc.c — the collector, weak references and finalizers, through the
 * runtime's C API.
 *
 * Python instances without a materialised __dict__ are single GC objects;
 * the Node types here stand in for them (Node: plain; FNode: with a
 * tp_finalize like __del__; LNode: with a legacy tp_del).  The expected
 * numbers come from running the same scenario on CPython 3.11
 * (cpython_facts.h, written by tests/tools/record-c-facts).
 */
#include <string.h>

#include "cpython_facts.h"
#include "harness.h"
#include "../../src/objects/dictobject.h"
#include "../../src/objects/listobject.h"
#include "../../src/objects/longobject.h"
#include "../../src/objects/strobject.h"
#include "../../src/objects/tupleobject.h"
#include "../../src/objects/descrobject.h"
#include "../../src/runtime/errors.h"
#include "../../src/runtime/gc.h"
#include "../../src/runtime/heapview.h"
#include "../../src/runtime/state.h"
#include "../../src/runtime/weakref.h"

/* ---- test types ------------------------------------------------------------ */

typedef struct {
    HLObject ob_base;
    HLObject *a, *b;
    HLObject *weakreflist;
} Node;

static int node_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    Node *n = (Node *)op;
    HL_VISIT(n->a);
    HL_VISIT(n->b);
    return 0;
}

static int node_clear(HLObject *op)
{
    Node *n = (Node *)op;
    HL_CLEAR(n->a);
    HL_CLEAR(n->b);
    return 0;
}

static void node_dealloc(HLObject *op)
{
    hl_gc_untrack(op);
    if (HL_TYPE(op)->tp_finalize && hl_object_call_finalizer_from_dealloc(op) < 0) {
        hl_gc_track(op); /* resurrected */
        return;
    }
    if (((Node *)op)->weakreflist)
        hl_object_clear_weakrefs(op);
    node_clear(op);
    hl_gc_del(op);
}

static HLTypeObject NodeType = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "Node",
    .tp_basicsize = sizeof(Node),
    .tp_dealloc = node_dealloc,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = node_traverse,
    .tp_clear = node_clear,
    .tp_weaklistoffset = offsetof(Node, weakreflist),
};

static int finalized_count;
static HLObject *resurrect_into; /* FNode's finalizer stores self here if set */
static int resurrect_enabled;

static void fnode_finalize(HLObject *op)
{
    finalized_count++;
    if (resurrect_enabled)
        HL_XSETREF(resurrect_into, hl_newref(op));
}

static HLTypeObject FNodeType = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "FNode",
    .tp_basicsize = sizeof(Node),
    .tp_dealloc = node_dealloc,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = node_traverse,
    .tp_clear = node_clear,
    .tp_weaklistoffset = offsetof(Node, weakreflist),
    .tp_finalize = fnode_finalize,
};

static void lnode_del(HLObject *op) {}

static HLTypeObject LNodeType = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "LNode",
    .tp_basicsize = sizeof(Node),
    .tp_dealloc = node_dealloc,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = node_traverse,
    .tp_clear = node_clear,
    .tp_del = lnode_del,
};

static HLObject *node_new(HLTypeObject *tp)
{
    if (!(tp->tp_flags & HL_TPFLAGS_READY))
        hl_type_ready(tp);
    Node *n = (Node *)hl_gc_new(tp);
    if (n == NULL)
        return NULL;
    n->a = n->b = n->weakreflist = NULL;
    hl_gc_track(n);
    return (HLObject *)n;
}

/* Links a -> b through slot a (a new reference). */
static void link(HLObject *from, HLObject *to) { HL_XSETREF(((Node *)from)->a, hl_newref(to)); }

static void start_clean(void)
{
    hl_gc_collect(2);
    finalized_count = 0;
}

/* ---- cycles ------------------------------------------------------------------- */

TEST(gc_self_list)
{
    start_clean();
    HLObject *l = hl_list_new(0);
    hl_list_append(l, l);
    hl_decref(l);
    CHECK_EQ(hl_gc_collect(2), CPY_SELF_LIST_COLLECTED);
}

TEST(gc_two_dicts)
{
    start_clean();
    HLObject *a = hl_dict_new(), *b = hl_dict_new();
    hl_dict_set_item_str(a, "b", b);
    hl_dict_set_item_str(b, "a", a);
    hl_decref(a);
    hl_decref(b);
    CHECK_EQ(hl_gc_collect(2), CPY_TWO_DICTS_COLLECTED);
}

TEST(gc_ring_of_five_lists)
{
    start_clean();
    HLObject *first = hl_list_new(0), *prev = hl_newref(first);
    for (int i = 0; i < 4; i++) {
        HLObject *cur = hl_list_new(0);
        hl_list_append(cur, prev);
        hl_decref(prev);
        prev = cur;
    }
    hl_list_append(first, prev);
    hl_decref(prev);
    hl_decref(first);
    CHECK_EQ(hl_gc_collect(2), CPY_RING_OF_5_LISTS_COLLECTED);
}

TEST(gc_cycle_with_tail)
{
    start_clean();
    HLObject *a = hl_list_new(0), *b = hl_list_new(0);
    hl_list_append(b, a);
    hl_list_append(a, b);
    HLObject *inner = hl_list_new(0), *outer = hl_list_new(0);
    hl_list_append(outer, inner);
    hl_list_append(a, outer);
    hl_decref(inner);
    hl_decref(outer);
    hl_decref(a);
    hl_decref(b);
    CHECK_EQ(hl_gc_collect(2), CPY_CYCLE_WITH_TAIL_COLLECTED);
}

TEST(gc_reachable_cycle_survives)
{
    start_clean();
    HLObject *a = hl_list_new(0), *b = hl_list_new(0);
    hl_list_append(b, a);
    hl_list_append(a, b);
    hl_decref(b);
    CHECK_EQ(hl_gc_collect(2), CPY_REACHABLE_CYCLE_COLLECTED);
    CHECK_EQ(HL_SIZE(a), 1);
    HL_LIST_SET(a, 0, NULL);
    ((HLVarObject *)a)->ob_size = 0;
    hl_decref(b); /* the reference a held */
    hl_decref(a);
}

TEST(gc_tuple_list_cycle)
{
    start_clean();
    HLObject *l = hl_list_new(0);
    HLObject *t = hl_tuple_pack(1, l);
    hl_list_append(l, t);
    hl_decref(l);
    hl_decref(t);
    CHECK_EQ(hl_gc_collect(2), CPY_TUPLE_LIST_CYCLE_COLLECTED);
}

TEST(gc_cycles_only_freed_by_collection)
{
    start_clean();
    HLObject *l = hl_list_new(0);
    hl_list_append(l, l);
    hl_decref(l);
    /* Still alive: its own item holds it. */
    CHECK_EQ(HL_REFCNT(l), 1);
    CHECK_EQ(hl_gc_generation_size(0) > 0, 1);
    CHECK_EQ(hl_gc_collect(2), 1);
}

/* ---- finalizers ------------------------------------------------------------ */

TEST(gc_finalizer_pair)
{
    start_clean();
    HLObject *a = node_new(&FNodeType), *b = node_new(&FNodeType);
    link(a, b);
    link(b, a);
    hl_decref(a);
    hl_decref(b);
    CHECK_EQ(hl_gc_collect(2), CPY_FINALIZER_PAIR_COLLECTED);
    CHECK_EQ(finalized_count, CPY_FINALIZER_PAIR_CALLS);
}

TEST(gc_finalizer_once_and_resurrection)
{
    start_clean();
    HLObject *r = node_new(&FNodeType);
    link(r, r);
    hl_decref(r);
    resurrect_enabled = 1;
    CHECK_EQ(hl_gc_collect(2), CPY_RESURRECT_FIRST_COLLECT);
    REQUIRE(resurrect_into == r);
    CHECK_EQ(hl_gc_object_is_finalized(r), 1);
    resurrect_enabled = 0;
    HL_CLEAR(resurrect_into);
    CHECK_EQ(hl_gc_collect(2), CPY_RESURRECT_SECOND_COLLECT);
    CHECK_EQ(finalized_count, CPY_RESURRECT_DEL_CALLS);
}

TEST(gc_finalizer_on_refcount_death)
{
    start_clean();
    HLObject *n = node_new(&FNodeType);
    hl_decref(n);
    CHECK_EQ(finalized_count, 1);
    /* Resurrection from a refcount death keeps the object. */
    HLObject *m = node_new(&FNodeType);
    resurrect_enabled = 1;
    hl_decref(m);
    resurrect_enabled = 0;
    CHECK(resurrect_into == m);
    CHECK_EQ(HL_REFCNT(m), 1);
    CHECK_EQ(finalized_count, 2);
    HL_CLEAR(resurrect_into); /* dies for good: no second __del__ */
    CHECK_EQ(finalized_count, 2);
}

TEST(gc_debug_saveall)
{
    start_clean();
    hl_gcstate.debug = HL_GC_DEBUG_SAVEALL;
    HLObject *l = hl_list_new(0);
    hl_list_append(l, l);
    hl_decref(l);
    CHECK_EQ(hl_gc_collect(2), CPY_SAVEALL_COLLECTED);
    CHECK_EQ(HL_SIZE(hl_gcstate.garbage), CPY_SAVEALL_GARBAGE_LEN);
    CHECK(HL_LIST_GET(hl_gcstate.garbage, 0) == l);
    hl_gcstate.debug = 0;
    hl_list_set_slice(hl_gcstate.garbage, 0, HL_SIZE(hl_gcstate.garbage), NULL);
    CHECK_EQ(hl_gc_collect(2), 1);
}

TEST(gc_legacy_finalizer_uncollectable)
{
    start_clean();
    HLObject *a = node_new(&LNodeType);
    link(a, a);
    hl_decref(a);
    CHECK_EQ(hl_gc_collect(2), CPY_LEGACY_SELF_CYCLE_COLLECTED);
    CHECK_EQ(HL_SIZE(hl_gcstate.garbage), CPY_LEGACY_SELF_CYCLE_GARBAGE_LEN);
    CHECK_EQ(hl_gcstate.generation_stats[2].uncollectable, 1);
    /* Break the cycle by hand, as a program would. */
    node_clear(a);
    hl_list_set_slice(hl_gcstate.garbage, 0, HL_SIZE(hl_gcstate.garbage), NULL);
}

/* ---- weak references ----------------------------------------------------------- */

static int cb_log[8], cb_n;

static HLObject *cb1(HLObject *self, HLObject *const *a, hl_ssize_t n, HLObject *k) { cb_log[cb_n++] = 1; return hl_none_new(); }
static HLObject *cb2(HLObject *self, HLObject *const *a, hl_ssize_t n, HLObject *k) { cb_log[cb_n++] = 2; return hl_none_new(); }
static HLObject *cb3(HLObject *self, HLObject *const *a, hl_ssize_t n, HLObject *k) { cb_log[cb_n++] = 3; return hl_none_new(); }
static HLMethodDef cbdefs[] = {
    {"cb1", cb1, HL_METH_O, NULL}, {"cb2", cb2, HL_METH_O, NULL}, {"cb3", cb3, HL_METH_O, NULL}};

TEST(weakref_callback_order_newest_first)
{
    start_clean();
    cb_n = 0;
    HLObject *o = node_new(&NodeType);
    HLObject *refs[3];
    for (int i = 0; i < 3; i++) {
        HLObject *cb = hl_cfunction_new(&cbdefs[i], NULL, NULL);
        refs[i] = hl_weakref_new_ref(o, cb);
        hl_decref(cb);
    }
    hl_decref(o);
    CHECK_EQ(cb_n, 3);
    CHECK_EQ(cb_log[0] * 100 + cb_log[1] * 10 + cb_log[2], CPY_WEAKREF_CALLBACK_ORDER);
    for (int i = 0; i < 3; i++) {
        CHECK_EQ(hl_weakref_get_object(refs[i]) == HL_None, CPY_WEAKREF_DEAD_IS_NONE);
        hl_decref(refs[i]);
    }
}

TEST(weakref_basic_ref_shared)
{
    HLObject *o = node_new(&NodeType);
    HLObject *r1 = hl_weakref_new_ref(o, NULL), *r2 = hl_weakref_new_ref(o, NULL);
    CHECK(r1 == r2);
    CHECK_EQ(hl_weakref_count(o), 1);
    HLObject *p = hl_weakref_new_proxy(o, NULL);
    CHECK_EQ(hl_weakref_count(o), 2);
    hl_decref(o);
    CHECK(hl_weakref_get_object(r1) == HL_None);
    hl_decref(r1);
    hl_decref(r2);
    hl_decref(p);
}

TEST(weakref_callbacks_in_collection)
{
    start_clean();
    cb_n = 0;
    /* a <-> b, and a weakref to b held only by a: garbage, no callback. */
    HLObject *a = node_new(&NodeType), *b = node_new(&NodeType);
    link(a, b);
    link(b, a);
    HLObject *cb = hl_cfunction_new(&cbdefs[0], NULL, NULL);
    HLObject *wr = hl_weakref_new_ref(b, cb);
    ((Node *)a)->b = wr;
    hl_decref(cb);
    hl_decref(a);
    hl_decref(b);
    hl_gc_collect(2);
    CHECK_EQ(cb_n, CPY_WEAKREF_GARBAGE_CALLBACK_CALLS);

    /* The same with the weakref held from outside: its callback runs. */
    start_clean();
    cb_n = 0;
    a = node_new(&NodeType);
    b = node_new(&NodeType);
    link(a, b);
    link(b, a);
    cb = hl_cfunction_new(&cbdefs[0], NULL, NULL);
    wr = hl_weakref_new_ref(b, cb);
    hl_decref(cb);
    hl_decref(a);
    hl_decref(b);
    CHECK_EQ(hl_gc_collect(2), CPY_WEAKREF_EXTERNAL_COLLECTED);
    CHECK_EQ(cb_n, CPY_WEAKREF_EXTERNAL_CALLBACK_CALLS);
    CHECK(hl_weakref_get_object(wr) == HL_None);
    hl_decref(wr);
}

/* ---- tracking rules -------------------------------------------------------- */

TEST(gc_tuple_and_dict_untracking)
{
    start_clean();
    HLObject *one = hl_long_from_long(1), *two = hl_long_from_long(2);
    HLObject *t = hl_tuple_pack(2, one, two);
    CHECK_EQ(hl_gc_object_is_tracked(t), CPY_TRACKED_NEW_TUPLE);
    hl_gc_collect(2);
    CHECK_EQ(hl_gc_object_is_tracked(t), CPY_TRACKED_TUPLE_AFTER_COLLECT);
    HLObject *l = hl_list_new(0);
    HLObject *tl = hl_tuple_pack(2, one, l);
    hl_gc_collect(2);
    CHECK_EQ(hl_gc_object_is_tracked(tl), CPY_TRACKED_TUPLE_WITH_LIST_AFTER_COLLECT);

    HLObject *d = hl_dict_new();
    CHECK_EQ(hl_gc_object_is_tracked(d), CPY_TRACKED_EMPTY_DICT);
    hl_dict_set_item_str(d, "a", one);
    CHECK_EQ(hl_gc_object_is_tracked(d), CPY_TRACKED_ATOMIC_DICT);
    hl_dict_set_item_str(d, "a", l);
    CHECK_EQ(hl_gc_object_is_tracked(d), CPY_TRACKED_DICT_WITH_LIST);
    hl_dict_set_item_str(d, "a", one);
    hl_gc_collect(0);
    CHECK_EQ(hl_gc_object_is_tracked(d), CPY_TRACKED_DICT_ATOMIC_AGAIN_AFTER_YOUNG_COLLECT);
    hl_gc_collect(2);
    CHECK_EQ(hl_gc_object_is_tracked(d), CPY_TRACKED_DICT_ATOMIC_AGAIN_AFTER_COLLECT);
    hl_decref(d);
    hl_decref(tl);
    hl_decref(l);
    hl_decref(t);
    hl_decref(one);
    hl_decref(two);
}

/* ---- generations --------------------------------------------------------- */

TEST(gc_threshold_triggers_inside_allocation)
{
    start_clean();
    /* As the CPython scenario: one list, then 701 more; the collection runs
     * inside the allocation that takes the count past 700.  (Start-up may
     * have collected already: count the collections from here.) */
    hl_ssize_t collections = hl_gcstate.generation_stats[0].collections;
    HLObject *keep = hl_list_new(0);
    for (int i = 0; i < 701; i++) {
        HLObject *l = hl_list_new(0);
        hl_list_append(keep, l);
        hl_decref(l);
    }
    CHECK_EQ(hl_gcstate.generations[0].count * 1000 + hl_gcstate.generations[1].count,
             CPY_COUNT_AFTER_701_ALLOCATIONS);
    CHECK_EQ(hl_gcstate.generation_stats[0].collections - collections, 1);
    hl_decref(keep);
}

TEST(gc_generation_promotion)
{
    start_clean();
    HLObject *l = hl_list_new(0);
    CHECK_EQ(hl_gc_generation_size(0), 1);
    hl_gc_collect(0);
    CHECK_EQ(hl_gc_generation_size(0), 0);
    CHECK_EQ(hl_gc_generation_size(1), 1);
    CHECK_EQ(hl_gcstate.generations[1].count, 1);
    hl_gc_collect(1);
    CHECK_EQ(hl_gc_generation_size(1), 0);
    CHECK_EQ(hl_gcstate.generations[2].count, 1);
    CHECK_EQ(hl_gcstate.long_lived_pending, 1);
    hl_gc_collect(2);
    CHECK_EQ(hl_gcstate.long_lived_pending, 0);
    CHECK(hl_gcstate.long_lived_total >= 1);
    hl_decref(l);
}

TEST(gc_automatic_collections_at_thresholds)
{
    hl_gcstate.generations[0].threshold = 10;
    hl_gcstate.generations[1].threshold = 2;
    hl_gcstate.generations[2].threshold = 2;
    start_clean();
    hl_ssize_t c0 = hl_gcstate.generation_stats[0].collections;
    hl_ssize_t c1 = hl_gcstate.generation_stats[1].collections;
    hl_ssize_t c2 = hl_gcstate.generation_stats[2].collections;
    /* 55 garbage self-cycles, one GC allocation each (like instances of a
     * class without __init__): found by automatic collections only. */
    for (int i = 0; i < 55; i++) {
        HLObject *n = node_new(&NodeType);
        link(n, n);
        hl_decref(n);
    }
    CHECK_EQ(hl_gcstate.generation_stats[0].collections - c0 + hl_gcstate.generation_stats[1].collections -
                 c1 + hl_gcstate.generation_stats[2].collections - c2,
             CPY_AUTO_COLLECTIONS_55_CYCLES);
    CHECK_EQ(hl_gcstate.generation_stats[1].collections - c1, CPY_AUTO_GEN1_COLLECTIONS_55_CYCLES);
    hl_gcstate.generations[0].threshold = 700;
    hl_gcstate.generations[1].threshold = 10;
    hl_gcstate.generations[2].threshold = 10;
    hl_gc_collect(2);
}

TEST(gc_full_collection_waits_for_long_lived_pending)
{
    start_clean();
    /* Many long-lived objects in generation 2. */
    HLObject *keep = hl_list_new(0);
    for (int i = 0; i < 400; i++) {
        HLObject *l = hl_list_new(0);
        hl_list_append(keep, l);
        hl_decref(l);
    }
    hl_gc_collect(2);
    hl_ssize_t full = hl_gcstate.generation_stats[2].collections;
    /* Generation 2's count passes its threshold, but few objects were
     * promoted since: no full collection. */
    hl_gcstate.generations[2].count = 11;
    hl_gcstate.generations[1].count = 0;
    hl_gcstate.generations[0].threshold = 5;
    for (int i = 0; i < 10; i++)
        hl_decref(hl_list_new(0)); /* allocations cross the threshold */
    CHECK_EQ(hl_gcstate.generation_stats[2].collections, full);
    hl_gcstate.generations[0].threshold = 700;
    hl_decref(keep);
}

TEST(gc_freeze_and_unfreeze)
{
    start_clean();
    HLObject *l = hl_list_new(0);
    hl_ssize_t before = hl_gc_generation_size(0) + hl_gc_generation_size(1) + hl_gc_generation_size(2);
    hl_gc_freeze();
    CHECK_EQ(hl_gc_freeze_count(), before);
    CHECK_EQ(hl_gc_generation_size(0), 0);
    hl_gc_unfreeze();
    CHECK_EQ(hl_gc_freeze_count(), 0);
    CHECK_EQ(hl_gc_generation_size(2), before);
    hl_decref(l);
}

static int cbk_starts, cbk_stops;
static hl_ssize_t cbk_collected;

static HLObject *gc_cb(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    if (hl_str_eq_cstr(args[0], "start"))
        cbk_starts++;
    else {
        cbk_stops++;
        cbk_collected = hl_long_as_ssize(hl_dict_get_item_str(args[1], "collected"));
    }
    return hl_none_new();
}
static HLMethodDef gc_cb_def = {"cb", gc_cb, HL_METH_FASTCALL, NULL};

TEST(gc_callbacks_start_stop)
{
    start_clean();
    HLObject *cb = hl_cfunction_new(&gc_cb_def, NULL, NULL);
    hl_list_append(hl_gcstate.callbacks, cb);
    hl_decref(cb);
    HLObject *l = hl_list_new(0);
    hl_list_append(l, l);
    hl_decref(l);
    CHECK_EQ(hl_gc_collect(2), 1);
    CHECK_EQ(cbk_starts, 1);
    CHECK_EQ(cbk_stops, 1);
    CHECK_EQ(cbk_collected, 1);
    hl_list_set_slice(hl_gcstate.callbacks, 0, 1, NULL);
}

TEST(gc_referrers_and_referents)
{
    start_clean();
    HLObject *x = hl_list_new(0), *holder = hl_list_new(0);
    hl_list_append(holder, x);
    HLObject *args = hl_tuple_pack(1, x);
    HLObject *refs = hl_gc_get_referrers(args);
    REQUIRE(refs != NULL);
    CHECK_EQ(HL_SIZE(refs), 1);
    CHECK(HL_LIST_GET(refs, 0) == holder);
    hl_decref(refs);
    hl_decref(args);
    args = hl_tuple_pack(1, holder);
    HLObject *ents = hl_gc_get_referents(args);
    CHECK_EQ(HL_SIZE(ents), 1);
    CHECK(HL_LIST_GET(ents, 0) == x);
    hl_decref(ents);
    hl_decref(args);
    hl_decref(holder);
    hl_decref(x);
}

/* ---- the "would collect" preview ------------------------------------------- */

static uintptr_t found_addr[16];
static int nfound;
static void found(HLObject *op, void *arg)
{
    if (nfound < 16)
        found_addr[nfound] = (uintptr_t)op;
    nfound++;
}

TEST(gc_would_collect_changes_nothing)
{
    start_clean();
    HLObject *a = hl_list_new(0), *b = hl_list_new(0);
    hl_list_append(a, b);
    hl_list_append(b, a);
    hl_decref(a);
    hl_decref(b);
    HLObject *live = hl_list_new(0);
    int count0 = hl_gcstate.generations[0].count;
    hl_ssize_t size0 = hl_gc_generation_size(0);
    nfound = 0;
    CHECK_EQ(hl_gc_would_collect(found, NULL), 2);
    CHECK_EQ(nfound, 2);
    CHECK((found_addr[0] == (uintptr_t)a && found_addr[1] == (uintptr_t)b) ||
          (found_addr[0] == (uintptr_t)b && found_addr[1] == (uintptr_t)a));
    CHECK_EQ(hl_gcstate.generations[0].count, count0);
    CHECK_EQ(hl_gc_generation_size(0), size0);
    /* Still there until a real collection. */
    CHECK_EQ(hl_gc_would_collect(NULL, NULL), 2);
    CHECK_EQ(hl_gc_collect(2), 2);
    CHECK_EQ(hl_gc_would_collect(NULL, NULL), 0);
    hl_decref(live);
}

/* ---- deallocation ----------------------------------------------------------- */

/* Torture builds scan the whole heap at every GC allocation: a shorter
 * chain (still 60 times the trashcan's unwind level) keeps them quick. */
#ifdef HL_TORTURE
#define CHAIN_LENGTH 3000
#else
#define CHAIN_LENGTH 1000000
#endif

TEST(dealloc_million_long_chain)
{
    start_clean();
    hl_hv_generation gens[4];
    hl_heapview_generations(gens);
    hl_ssize_t before = gens[0].members + gens[1].members + gens[2].members; /* start-up's */
    HLObject *head = hl_list_new(0);
    for (int i = 0; i < CHAIN_LENGTH; i++) {
        HLObject *outer = hl_list_new(0);
        REQUIRE(outer != NULL);
        hl_list_append(outer, head);
        hl_decref(head);
        head = outer;
    }
    hl_heapview_generations(gens);
    CHECK(gens[0].members + gens[1].members + gens[2].members >= before + CHAIN_LENGTH + 1);
    hl_decref(head); /* must not overflow the C stack */
    hl_heapview_generations(gens);
    CHECK(gens[0].members + gens[1].members + gens[2].members < before + 1000);
}

TEST(dealloc_chain_of_tuples_trashcan_order)
{
    /* The trashcan keeps nesting at 50 and destroys the rest afterwards. */
    HLObject *t = hl_tuple_new(0);
    for (int i = 0; i < 10000; i++) {
        HLObject *n = hl_tuple_pack(1, t);
        hl_decref(t);
        t = n;
    }
    hl_decref(t);
    CHECK_EQ(hl_ts.trash_delete_nesting, 0);
    CHECK(hl_ts.trash_delete_later == NULL);
}
