/*
 * gc.c — CPython 3.11's generational cyclic garbage collector.
 *
 * Reference counting frees everything except cycles.  The collector finds
 * groups of container objects that are referenced only from inside the group
 * and frees them.  Only "tracked" containers take part: each carries an
 * HLGCHead and sits on the list of one of three generations.
 *
 * Bookkeeping.  Generation 0's count rises with every GC object allocated
 * and falls with every one freed; when it passes its threshold (700) inside
 * an allocation, a collection runs right there.  Collecting generation n
 * resets the counts of generations 0..n and adds one to n+1's count, so
 * generation 1 is collected after ten generation-0 collections and
 * generation 2 after ten generation-1 collections — but a full collection
 * also waits until the objects promoted into generation 2 since the last
 * full collection (long_lived_pending) exceed a quarter of those that
 * survived it (long_lived_total), which keeps programs that build large
 * structures from rescanning them over and over.
 *
 * A collection of generation n (gc_collect_main) merges generations 0..n
 * into one list `young` and then:
 *
 *   1. deduce_unreachable: update_refs copies each object's refcount into
 *      its gc head (gc_refs); subtract_refs walks every object's references
 *      (tp_traverse) and decrements the gc_refs of the referents inside
 *      `young`.  What remains is the number of references from outside.
 *      move_unreachable then moves every object not reachable from one with
 *      gc_refs > 0 to `unreachable`.
 *   2. untrack_tuples: tuples that hold only untracked objects leave the
 *      collector for good (and dicts, in full collections: untrack_dicts).
 *   3. The survivors move to the next generation (`old`).
 *   4. move_legacy_finalizers: objects with a legacy finalizer (tp_del),
 *      and everything reachable from them, are uncollectable and set aside.
 *   5. handle_weakrefs: weak references to unreachable objects are cleared;
 *      callbacks run only for weakrefs that are themselves reachable.
 *   6. finalize_garbage: tp_finalize (__del__) runs once per object (the
 *      FINALIZED bit, PEP 442).
 *   7. handle_resurrected_objects: a finalizer may have made objects
 *      reachable again; step 1 runs once more on `unreachable` and what is
 *      still unreachable is really garbage.
 *   8. delete_garbage: tp_clear breaks the references of each remaining
 *      object and refcounting frees the lot (with DEBUG_SAVEALL they go to
 *      gc.garbage instead).
 *   9. handle_legacy_finalizers: the set-aside objects go to gc.garbage.
 *
 * The result is the number of objects found unreachable in step 7, plus
 * the weakrefs that died after their callback, plus the uncollectable ones.
 *
 * During a collection gc_refs lives in _gc_prev (so the list is singly
 * linked while it is computed) and move_unreachable marks unreachable
 * objects with a bit in _gc_next; object.h has the table of these bits.
 */
#include "gc.h"

#include <string.h>

#include "audit.h"
#include "errors.h"
#include "events.h"
#include "obmalloc.h"
#include "strbuf.h"
#include "sysmem.h"
#include "weakref.h"
#include "../objects/dictobject.h"
#include "../objects/listobject.h"
#include "../objects/longobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"

gc_runtime_state hl_gcstate;
#define GEN_HEAD(n) (&hl_gcstate.generations[n].head)

static void (*freelist_clearers[8])(void);
static int nfreelist_clearers;

/* ---- gc head accessors -------------------------------------------------- */

static inline HLGCHead *GC_NEXT(HLGCHead *g) { return (HLGCHead *)g->_gc_next; }
static inline HLGCHead *GC_PREV(HLGCHead *g) { return (HLGCHead *)(g->_gc_prev & HL_GC_PREV_MASK); }
static inline void SET_PREV(HLGCHead *g, HLGCHead *p)
{
    g->_gc_prev = (g->_gc_prev & ~HL_GC_PREV_MASK) | (uintptr_t)p;
}
static inline int gc_is_collecting(HLGCHead *g) { return (g->_gc_prev & HL_GC_PREV_MASK_COLLECTING) != 0; }
static inline void gc_clear_collecting(HLGCHead *g) { g->_gc_prev &= ~HL_GC_PREV_MASK_COLLECTING; }
static inline hl_ssize_t gc_get_refs(HLGCHead *g) { return (hl_ssize_t)(g->_gc_prev >> HL_GC_PREV_SHIFT); }
static inline void gc_set_refs(HLGCHead *g, hl_ssize_t refs)
{
    g->_gc_prev = (g->_gc_prev & ~HL_GC_PREV_MASK) | ((uintptr_t)refs << HL_GC_PREV_SHIFT);
}
static inline void gc_reset_refs(HLGCHead *g, hl_ssize_t refs)
{
    g->_gc_prev = (g->_gc_prev & HL_GC_PREV_MASK_FINALIZED) | HL_GC_PREV_MASK_COLLECTING |
                  ((uintptr_t)refs << HL_GC_PREV_SHIFT);
}
static inline void gc_decref(HLGCHead *g) { g->_gc_prev -= (uintptr_t)1 << HL_GC_PREV_SHIFT; }
static inline int gc_is_finalized(HLGCHead *g) { return (g->_gc_prev & HL_GC_PREV_MASK_FINALIZED) != 0; }
static inline void gc_set_finalized(HLGCHead *g) { g->_gc_prev |= HL_GC_PREV_MASK_FINALIZED; }

/* ---- list functions ----------------------------------------------------- */

static void gc_list_init(HLGCHead *list)
{
    list->_gc_prev = (uintptr_t)list;
    list->_gc_next = (uintptr_t)list;
}

static int gc_list_is_empty(HLGCHead *list) { return list->_gc_next == (uintptr_t)list; }

static void gc_list_append(HLGCHead *node, HLGCHead *list)
{
    HLGCHead *last = (HLGCHead *)list->_gc_prev;
    SET_PREV(node, last);
    last->_gc_next = (uintptr_t)node;
    node->_gc_next = (uintptr_t)list;
    list->_gc_prev = (uintptr_t)node;
}

static void gc_list_remove(HLGCHead *node)
{
    HLGCHead *prev = GC_PREV(node);
    HLGCHead *next = GC_NEXT(node);
    prev->_gc_next = (uintptr_t)next;
    SET_PREV(next, prev);
    node->_gc_next = 0; /* untracked */
}

/* Moves node from whatever list it is in to the end of list. */
static void gc_list_move(HLGCHead *node, HLGCHead *list)
{
    HLGCHead *from_prev = GC_PREV(node);
    HLGCHead *from_next = GC_NEXT(node);
    from_prev->_gc_next = (uintptr_t)from_next;
    SET_PREV(from_next, from_prev);
    HLGCHead *to_prev = (HLGCHead *)list->_gc_prev;
    SET_PREV(node, to_prev);
    to_prev->_gc_next = (uintptr_t)node;
    node->_gc_next = (uintptr_t)list;
    list->_gc_prev = (uintptr_t)node;
}

/* Appends list `from` to list `to`; `from` becomes empty. */
static void gc_list_merge(HLGCHead *from, HLGCHead *to)
{
    if (!gc_list_is_empty(from)) {
        HLGCHead *to_tail = (HLGCHead *)to->_gc_prev;
        HLGCHead *from_head = GC_NEXT(from);
        HLGCHead *from_tail = (HLGCHead *)from->_gc_prev;
        to_tail->_gc_next = (uintptr_t)from_head;
        SET_PREV(from_head, to_tail);
        from_tail->_gc_next = (uintptr_t)to;
        to->_gc_prev = (uintptr_t)from_tail;
    }
    gc_list_init(from);
}

static hl_ssize_t gc_list_size(HLGCHead *list)
{
    hl_ssize_t n = 0;
    for (HLGCHead *g = GC_NEXT(list); g != list; g = GC_NEXT(g))
        n++;
    return n;
}

static void gc_list_clear_collecting(HLGCHead *list)
{
    for (HLGCHead *g = GC_NEXT(list); g != list; g = GC_NEXT(g))
        gc_clear_collecting(g);
}

#ifdef HL_DEBUG
/* Checks the list's links and the two collection flags on every node. */
static void validate_list(HLGCHead *head, uintptr_t collecting, uintptr_t unreachable)
{
    HLGCHead *prev = head;
    HLGCHead *gc = (HLGCHead *)(head->_gc_next & ~HL_GC_NEXT_MASK_UNREACHABLE);
    while (gc != head) {
        HLGCHead *trueprev = GC_PREV(gc);
        HLGCHead *truenext = (HLGCHead *)(gc->_gc_next & ~HL_GC_NEXT_MASK_UNREACHABLE);
        if (truenext == NULL || prev != trueprev ||
            (gc->_gc_prev & HL_GC_PREV_MASK_COLLECTING) != collecting ||
            (gc->_gc_next & HL_GC_NEXT_MASK_UNREACHABLE) != unreachable)
            hl_fatal("gc: corrupt generation list at %p", (void *)HL_FROM_GC(gc));
        prev = gc;
        gc = truenext;
    }
    if (prev != (HLGCHead *)head->_gc_prev)
        hl_fatal("gc: corrupt list tail");
}
#define VALIDATE(h, c, u) validate_list((h), (c), (u))
#else
#define VALIDATE(h, c, u) ((void)0)
#endif
#define COLLECTING HL_GC_PREV_MASK_COLLECTING
#define UNREACHABLE HL_GC_NEXT_MASK_UNREACHABLE

/* ---- state -------------------------------------------------------------- */

int hl_gc_init(void)
{
    memset(&hl_gcstate, 0, sizeof hl_gcstate);
    hl_gcstate.enabled = 1;
    static const int thresholds[NUM_GENERATIONS] = {700, 10, 10};
    for (int i = 0; i < NUM_GENERATIONS; i++) {
        gc_list_init(GEN_HEAD(i));
        hl_gcstate.generations[i].threshold = thresholds[i];
    }
    gc_list_init(&hl_gcstate.permanent_generation.head);
    hl_gcstate.garbage = hl_list_new(0);
    hl_gcstate.callbacks = hl_list_new(0);
    hl_register_root(&hl_gcstate.garbage, "gc.garbage");
    hl_register_root(&hl_gcstate.callbacks, "gc.callbacks");
    return hl_gcstate.garbage && hl_gcstate.callbacks ? 0 : -1;
}

void hl_gc_fini(void)
{
    HL_CLEAR(hl_gcstate.garbage);
    HL_CLEAR(hl_gcstate.callbacks);
}

void hl_gc_register_freelist(void (*clear)(void))
{
    if (nfreelist_clearers == (int)(sizeof freelist_clearers / sizeof freelist_clearers[0]))
        hl_fatal("too many free lists");
    freelist_clearers[nfreelist_clearers++] = clear;
}

static void clear_freelists(void)
{
    for (int i = 0; i < nfreelist_clearers; i++)
        freelist_clearers[i]();
}

/* ---- tracking ----------------------------------------------------------- */

void hl_gc_track(void *op)
{
    HLGCHead *gc = HL_AS_GC(op);
    if (gc->_gc_next != 0)
        hl_fatal("hl_gc_track: object %p already tracked", op);
    HL_ASSERT((gc->_gc_prev & HL_GC_PREV_MASK_COLLECTING) == 0);
    HLGCHead *gen0 = GEN_HEAD(0);
    HLGCHead *last = (HLGCHead *)gen0->_gc_prev;
    last->_gc_next = (uintptr_t)gc;
    SET_PREV(gc, last);
    gc->_gc_next = (uintptr_t)gen0;
    gen0->_gc_prev = (uintptr_t)gc;
}

void hl_gc_untrack(void *op)
{
    HLGCHead *gc = HL_AS_GC(op);
    if (gc->_gc_next == 0)
        return;
    HLGCHead *prev = GC_PREV(gc);
    HLGCHead *next = GC_NEXT(gc);
    prev->_gc_next = (uintptr_t)next;
    SET_PREV(next, prev);
    gc->_gc_next = 0;
    gc->_gc_prev &= HL_GC_PREV_MASK_FINALIZED;
}

int hl_gc_object_is_tracked(HLObject *op) { return hl_object_is_gc(op) && hl_gc_is_tracked(op); }

int hl_gc_object_is_finalized(HLObject *op)
{
    return hl_object_is_gc(op) && gc_is_finalized(HL_AS_GC(op));
}

/* ---- step 1: deduce_unreachable ----------------------------------------- */

/* gc_refs = ob_refcnt for every object in the list, and mark them as being
 * collected. */
static void update_refs(HLGCHead *containers)
{
    for (HLGCHead *gc = GC_NEXT(containers); gc != containers; gc = GC_NEXT(gc)) {
        gc_reset_refs(gc, HL_REFCNT(HL_FROM_GC(gc)));
        if (gc_get_refs(gc) == 0)
            hl_fatal("gc: tracked object %p of type %s has refcount 0", (void *)HL_FROM_GC(gc),
                     HL_TYPE(HL_FROM_GC(gc))->tp_name);
    }
}

static int visit_decref(HLObject *op, void *parent)
{
    if (hl_object_is_gc(op)) {
        HLGCHead *gc = HL_AS_GC(op);
        /* Only objects of the generation being collected are counted. */
        if (gc_is_collecting(gc)) {
            if (gc_get_refs(gc) == 0)
                hl_fatal("gc: refcount of %p (%s) is smaller than the references to it "
                         "(found from %p, %s)",
                         (void *)op, HL_TYPE(op)->tp_name, parent, HL_TYPE(parent)->tp_name);
            gc_decref(gc);
        }
    }
    return 0;
}

/* Subtract the references from inside the list: what is left in gc_refs
 * comes from outside. */
static void subtract_refs(HLGCHead *containers)
{
    for (HLGCHead *gc = GC_NEXT(containers); gc != containers; gc = GC_NEXT(gc)) {
        HLObject *op = HL_FROM_GC(gc);
        HL_TYPE(op)->tp_traverse(op, visit_decref, op);
    }
}

/* A traversal callback for move_unreachable: op is reachable. */
static int visit_reachable(HLObject *op, void *arg)
{
    HLGCHead *reachable = arg;
    if (!hl_object_is_gc(op))
        return 0;
    HLGCHead *gc = HL_AS_GC(op);
    /* Objects of other generations, and those move_unreachable has already
     * traversed, are not "collecting". */
    if (!gc_is_collecting(gc))
        return 0;
    if (gc->_gc_next & UNREACHABLE) {
        /* It had gc_refs 0 when move_unreachable got to it, but it is
         * reachable after all: move it back to young, where the scan will
         * reach it again.  Unlink by hand: the unreachable list's next
         * pointers carry the flag. */
        HLGCHead *prev = GC_PREV(gc);
        HLGCHead *next = (HLGCHead *)(gc->_gc_next & ~UNREACHABLE);
        prev->_gc_next = gc->_gc_next; /* keeps the flag */
        SET_PREV(next, prev);
        gc_list_append(gc, reachable);
        gc_set_refs(gc, 1);
    } else if (gc_get_refs(gc) == 0) {
        /* Still ahead in young: tell move_unreachable it is reachable. */
        gc_set_refs(gc, 1);
    }
    /* else gc_refs > 0: the scan will get to it anyway. */
    return 0;
}

/* Moves what is not reachable from outside young to unreachable.  Objects
 * to the left of the scan in young are reachable; objects moved away carry
 * UNREACHABLE in _gc_next until move_legacy_finalizers clears it. */
static void move_unreachable(HLGCHead *young, HLGCHead *unreachable)
{
    HLGCHead *prev = young;
    HLGCHead *gc = GC_NEXT(young);
    while (gc != young) {
        if (gc_get_refs(gc)) {
            HLObject *op = HL_FROM_GC(gc);
            /* Traversal may append to young, so read gc's next after it. */
            HL_TYPE(op)->tp_traverse(op, visit_reachable, young);
            SET_PREV(gc, prev);
            gc_clear_collecting(gc);
            prev = gc;
        } else {
            /* Maybe unreachable: move it (young is singly linked here). */
            prev->_gc_next = gc->_gc_next;
            HLGCHead *last = GC_PREV(unreachable);
            last->_gc_next = UNREACHABLE | (uintptr_t)gc;
            SET_PREV(gc, last);
            gc->_gc_next = UNREACHABLE | (uintptr_t)unreachable;
            unreachable->_gc_prev = (uintptr_t)gc;
        }
        gc = (HLGCHead *)prev->_gc_next;
    }
    young->_gc_prev = (uintptr_t)prev;
    unreachable->_gc_next &= ~UNREACHABLE;
}

static void deduce_unreachable(HLGCHead *base, HLGCHead *unreachable)
{
    VALIDATE(base, 0, 0);
    update_refs(base);
    subtract_refs(base);
    gc_list_init(unreachable);
    move_unreachable(base, unreachable);
    VALIDATE(base, 0, 0);
}

static void clear_unreachable_mask(HLGCHead *unreachable)
{
    HLGCHead *next;
    for (HLGCHead *gc = GC_NEXT(unreachable); gc != unreachable; gc = next) {
        gc->_gc_next &= ~UNREACHABLE;
        next = (HLGCHead *)gc->_gc_next;
    }
}

/* ---- step 2: untracking ------------------------------------------------- */

static void untrack_tuples(HLGCHead *head)
{
    HLGCHead *next;
    for (HLGCHead *gc = GC_NEXT(head); gc != head; gc = next) {
        HLObject *op = HL_FROM_GC(gc);
        next = GC_NEXT(gc);
        if (HL_IS_TYPE(op, &hl_tuple_type))
            hl_tuple_maybe_untrack(op);
    }
}

static void untrack_dicts(HLGCHead *head)
{
    HLGCHead *next;
    for (HLGCHead *gc = GC_NEXT(head); gc != head; gc = next) {
        HLObject *op = HL_FROM_GC(gc);
        next = GC_NEXT(gc);
        if (HL_IS_TYPE(op, &hl_dict_type))
            hl_dict_maybe_untrack(op);
    }
}

/* ---- step 4: legacy finalizers ------------------------------------------ */

static int has_legacy_finalizer(HLObject *op) { return HL_TYPE(op)->tp_del != NULL; }

/* Moves objects with tp_del from unreachable to finalizers; clears the
 * UNREACHABLE flags, so unreachable is a normal list afterwards. */
static void move_legacy_finalizers(HLGCHead *unreachable, HLGCHead *finalizers)
{
    HLGCHead *next;
    for (HLGCHead *gc = GC_NEXT(unreachable); gc != unreachable; gc = next) {
        HLObject *op = HL_FROM_GC(gc);
        gc->_gc_next &= ~UNREACHABLE;
        next = (HLGCHead *)gc->_gc_next;
        if (has_legacy_finalizer(op)) {
            gc_clear_collecting(gc);
            gc_list_move(gc, finalizers);
        }
    }
}

static int visit_move(HLObject *op, void *tolist)
{
    if (hl_object_is_gc(op)) {
        HLGCHead *gc = HL_AS_GC(op);
        if (gc_is_collecting(gc)) {
            gc_list_move(gc, tolist);
            gc_clear_collecting(gc);
        }
    }
    return 0;
}

/* Everything reachable from an object with a legacy finalizer is
 * uncollectable too. */
static void move_legacy_finalizer_reachable(HLGCHead *finalizers)
{
    for (HLGCHead *gc = GC_NEXT(finalizers); gc != finalizers; gc = GC_NEXT(gc)) {
        HLObject *op = HL_FROM_GC(gc);
        HL_TYPE(op)->tp_traverse(op, visit_move, finalizers);
    }
}

/* ---- step 5: weak references -------------------------------------------- */

/* Clears weakrefs to unreachable objects; then calls the callbacks of
 * those weakrefs that are themselves reachable.  Returns how many of those
 * weakrefs died right after their callback. */
static hl_ssize_t handle_weakrefs(HLGCHead *unreachable, HLGCHead *old)
{
    HLGCHead wrcb_to_call, *next;
    hl_ssize_t num_freed = 0;
    gc_list_init(&wrcb_to_call);

    for (HLGCHead *gc = GC_NEXT(unreachable); gc != unreachable; gc = next) {
        HLObject *op = HL_FROM_GC(gc);
        next = GC_NEXT(gc);
        /* A weakref inside the unreachable set is cleared first: its
         * callback must not run while tp_clear is breaking the cycle. */
        if (hl_weakref_check(op))
            hl_weakref_clear_ref((HLWeakReference *)op);
        if (HL_TYPE(op)->tp_weaklistoffset == 0)
            continue;
        HLWeakReference **wrlist = hl_weakref_listptr(op);
        for (HLWeakReference *wr = *wrlist; wr != NULL; wr = *wrlist) {
            hl_weakref_clear_ref(wr); /* also unlinks it from *wrlist */
            if (wr->wr_callback == NULL)
                continue;
            /* If the weakref is trash too, its callback must not run. */
            if (gc_is_collecting(HL_AS_GC(wr)))
                continue;
            hl_incref(wr); /* keep it alive until its callback ran */
            gc_list_move(HL_AS_GC(wr), &wrcb_to_call);
        }
    }

    while (!gc_list_is_empty(&wrcb_to_call)) {
        HLGCHead *gc = GC_NEXT(&wrcb_to_call);
        HLWeakReference *wr = (HLWeakReference *)HL_FROM_GC(gc);
        HLObject *callback = wr->wr_callback;
        hl_event_emit(HL_EV_WEAKREF_CALLBACK, wr, (uintptr_t)callback, 0);
        HLObject *res = hl_call_one(callback, (HLObject *)wr);
        if (res == NULL)
            hl_err_write_unraisable(callback);
        else
            hl_decref(res);
        hl_decref(wr);
        if (GC_NEXT(&wrcb_to_call) == gc)
            gc_list_move(gc, old); /* still alive */
        else
            ++num_freed;
    }
    return num_freed;
}

/* ---- step 6: finalizers ------------------------------------------------- */

/* Calls tp_finalize once per object.  A finalizer may free or resurrect
 * anything, so each object is moved to `seen` before its call and the
 * input list is only ever read from its head. */
static void finalize_garbage(HLGCHead *collectable)
{
    HLGCHead seen;
    gc_list_init(&seen);
    while (!gc_list_is_empty(collectable)) {
        HLGCHead *gc = GC_NEXT(collectable);
        HLObject *op = HL_FROM_GC(gc);
        gc_list_move(gc, &seen);
        hl_destructor finalize = HL_TYPE(op)->tp_finalize;
        if (!gc_is_finalized(gc) && finalize != NULL) {
            gc_set_finalized(gc);
            hl_incref(op);
            hl_event_emit(HL_EV_FINALIZE, op, (uintptr_t)HL_TYPE(op), 0);
            finalize(op);
            hl_decref(op);
        }
    }
    gc_list_merge(&seen, collectable);
}

/* ---- step 7: resurrection ---------------------------------------------- */

static void handle_resurrected_objects(HLGCHead *unreachable, HLGCHead *still_unreachable,
                                       HLGCHead *old_generation)
{
    gc_list_clear_collecting(unreachable);
    HLGCHead *resurrected = unreachable;
    deduce_unreachable(resurrected, still_unreachable);
    clear_unreachable_mask(still_unreachable);
    gc_list_merge(resurrected, old_generation);
}

/* ---- step 8: delete_garbage ------------------------------------------- */

static void delete_garbage(HLGCHead *collectable, HLGCHead *old)
{
    while (!gc_list_is_empty(collectable)) {
        HLGCHead *gc = GC_NEXT(collectable);
        HLObject *op = HL_FROM_GC(gc);
        if (hl_gcstate.debug & HL_GC_DEBUG_SAVEALL) {
            if (hl_list_append(hl_gcstate.garbage, op) < 0)
                hl_err_clear();
        } else {
            hl_inquiry clear = HL_TYPE(op)->tp_clear;
            if (clear != NULL) {
                hl_incref(op);
                (void)clear(op);
                if (hl_err_occurred())
                    hl_err_write_unraisable_msg("in tp_clear of", (HLObject *)HL_TYPE(op));
                hl_decref(op);
            }
        }
        if (GC_NEXT(collectable) == gc) {
            /* Still alive: it may die later. */
            gc_clear_collecting(gc);
            gc_list_move(gc, old);
        }
    }
}

/* ---- step 9 -------------------------------------------------------------- */

static void handle_legacy_finalizers(HLGCHead *finalizers, HLGCHead *old)
{
    for (HLGCHead *gc = GC_NEXT(finalizers); gc != finalizers; gc = GC_NEXT(gc)) {
        HLObject *op = HL_FROM_GC(gc);
        if ((hl_gcstate.debug & HL_GC_DEBUG_SAVEALL) || has_legacy_finalizer(op)) {
            if (hl_list_append(hl_gcstate.garbage, op) < 0) {
                hl_err_clear();
                break;
            }
        }
    }
    gc_list_merge(finalizers, old);
}

/* ---- the driver --------------------------------------------------------- */

static void debug_cycle(const char *msg, HLObject *op)
{
    hl_printf_stderr("gc: %s <%s %p>\n", msg, HL_TYPE(op)->tp_name, (void *)op);
}

static void show_stats_each_generations(void)
{
    char buf[100];
    size_t pos = 0;
    for (int i = 0; i < NUM_GENERATIONS && pos < sizeof buf; i++)
        pos += (size_t)hl_snprintf(buf + pos, sizeof buf - pos, " %zd",
                                (ssize_t)gc_list_size(GEN_HEAD(i)));
    hl_printf_stderr("gc: objects in each generation:%s\n"
                     "gc: objects in permanent generation: %zd\n",
                     buf, (ssize_t)gc_list_size(&hl_gcstate.permanent_generation.head));
}

/* This is the main function.  Read this to understand how the collection
 * process works. */
static hl_ssize_t gc_collect_main(int generation, hl_ssize_t *n_collected,
                                  hl_ssize_t *n_uncollectable, int nofail)
{
    hl_ssize_t m = 0; /* objects collected */
    hl_ssize_t n = 0; /* unreachable objects that could not be collected */
    HLGCHead *young, *old, unreachable, finalizers, final_unreachable;

    if (hl_gcstate.debug & HL_GC_DEBUG_STATS) {
        hl_printf_stderr("gc: collecting generation %d...\n", generation);
        show_stats_each_generations();
    }
    hl_event_emit(HL_EV_GC_START, NULL, (uintptr_t)generation, 0);

    /* update collection and allocation counters */
    if (generation + 1 < NUM_GENERATIONS)
        hl_gcstate.generations[generation + 1].count += 1;
    for (int i = 0; i <= generation; i++)
        hl_gcstate.generations[i].count = 0;

    /* merge younger generations with the one being collected */
    for (int i = 0; i < generation; i++)
        gc_list_merge(GEN_HEAD(i), GEN_HEAD(generation));
    young = GEN_HEAD(generation);
    old = generation < NUM_GENERATIONS - 1 ? GEN_HEAD(generation + 1) : young;
    VALIDATE(old, 0, 0);

    deduce_unreachable(young, &unreachable);

    untrack_tuples(young);
    /* Move reachable objects to the next generation. */
    if (young != old) {
        if (generation == NUM_GENERATIONS - 2)
            hl_gcstate.long_lived_pending += gc_list_size(young);
        gc_list_merge(young, old);
    } else {
        /* Dicts are untracked only in full collections (bpo-14775). */
        untrack_dicts(young);
        hl_gcstate.long_lived_pending = 0;
        hl_gcstate.long_lived_total = gc_list_size(young);
    }

    /* Objects reachable from legacy finalizers cannot be deleted safely. */
    gc_list_init(&finalizers);
    move_legacy_finalizers(&unreachable, &finalizers);
    move_legacy_finalizer_reachable(&finalizers);
    VALIDATE(&finalizers, 0, 0);
    VALIDATE(&unreachable, COLLECTING, 0);

    if (hl_gcstate.debug & HL_GC_DEBUG_COLLECTABLE)
        for (HLGCHead *gc = GC_NEXT(&unreachable); gc != &unreachable; gc = GC_NEXT(gc))
            debug_cycle("collectable", HL_FROM_GC(gc));

    m += handle_weakrefs(&unreachable, old);
    VALIDATE(old, 0, 0);
    VALIDATE(&unreachable, COLLECTING, 0);

    finalize_garbage(&unreachable);

    handle_resurrected_objects(&unreachable, &final_unreachable, old);

    m += gc_list_size(&final_unreachable);
    delete_garbage(&final_unreachable, old);

    for (HLGCHead *gc = GC_NEXT(&finalizers); gc != &finalizers; gc = GC_NEXT(gc)) {
        n++;
        if (hl_gcstate.debug & HL_GC_DEBUG_UNCOLLECTABLE)
            debug_cycle("uncollectable", HL_FROM_GC(gc));
    }
    if (hl_gcstate.debug & HL_GC_DEBUG_STATS) /* no clock: runs stay reproducible */
        hl_printf_stderr("gc: done, %zd unreachable, %zd uncollectable, 0.0000s elapsed\n",
                         (ssize_t)(n + m), (ssize_t)n);

    handle_legacy_finalizers(&finalizers, old);
    VALIDATE(old, 0, 0);

    /* Free lists are cleared only by full collections. */
    if (generation == NUM_GENERATIONS - 1)
        clear_freelists();

    if (hl_err_occurred()) {
        if (nofail)
            hl_err_clear();
        else
            hl_err_write_unraisable_msg("in garbage collection", NULL);
    }
    if (n_collected)
        *n_collected = m;
    if (n_uncollectable)
        *n_uncollectable = n;
    struct gc_generation_stats *stats = &hl_gcstate.generation_stats[generation];
    stats->collections++;
    stats->collected += m;
    stats->uncollectable += n;
    hl_event_emit(HL_EV_GC_DONE, NULL, (uintptr_t)generation, (uintptr_t)(n + m));
    return n + m;
}

/* Calls each of gc.callbacks with (phase, info). */
static void invoke_gc_callback(const char *phase, int generation, hl_ssize_t collected,
                               hl_ssize_t uncollectable)
{
    HLObject *cbs = hl_gcstate.callbacks;
    if (cbs == NULL)
        return;
    HLObject *info = NULL;
    if (HL_SIZE(cbs) != 0) {
        info = hl_dict_new();
        if (info == NULL || hl_dict_set_item_str_steal(info, "generation", hl_long_from_ssize(generation)) < 0 ||
            hl_dict_set_item_str_steal(info, "collected", hl_long_from_ssize(collected)) < 0 ||
            hl_dict_set_item_str_steal(info, "uncollectable", hl_long_from_ssize(uncollectable)) < 0) {
            hl_xdecref(info);
            hl_err_write_unraisable(NULL);
            return;
        }
    }
    for (hl_ssize_t i = 0; i < HL_SIZE(cbs); i++) {
        HLObject *cb = hl_list_get_item_borrowed(cbs, i);
        hl_incref(cb);
        HLObject *ph = hl_str_from_cstr(phase);
        HLObject *args[2] = {ph, info};
        HLObject *r = ph ? hl_vectorcall(cb, args, 2, NULL) : NULL;
        hl_xdecref(ph);
        if (r == NULL)
            hl_err_write_unraisable(cb);
        else
            hl_decref(r);
        hl_decref(cb);
    }
    hl_xdecref(info);
}

static hl_ssize_t gc_collect_with_callback(int generation)
{
    hl_ssize_t collected, uncollectable;
    invoke_gc_callback("start", generation, 0, 0);
    hl_ssize_t result = gc_collect_main(generation, &collected, &uncollectable, 0);
    invoke_gc_callback("stop", generation, collected, uncollectable);
    return result;
}

/* Collects the oldest generation whose count passed its threshold. */
static hl_ssize_t gc_collect_generations(void)
{
    for (int i = NUM_GENERATIONS - 1; i >= 0; i--) {
        if (hl_gcstate.generations[i].count > hl_gcstate.generations[i].threshold) {
            /* Full collections wait until enough objects were promoted since
             * the last one (bpo-4074). */
            if (i == NUM_GENERATIONS - 1 &&
                hl_gcstate.long_lived_pending < hl_gcstate.long_lived_total / 4)
                continue;
            return gc_collect_with_callback(i);
        }
    }
    return 0;
}

#ifdef HL_TORTURE
static int torture_running;
#endif

void hl_gc_link(HLObject *op)
{
    HLGCHead *g = HL_AS_GC(op);
    g->_gc_next = 0;
    g->_gc_prev = 0;
    hl_gcstate.generations[0].count++;
#ifdef HL_TORTURE
    /* Torture mode: the collector's full analysis over the whole heap on
     * every GC allocation.  It changes nothing, so programs print what they
     * print in normal builds, but any object whose references or refcount
     * are inconsistent at this moment aborts the run. */
    if (!hl_gcstate.collecting && !torture_running) {
        torture_running = 1;
        if (hl_gc_would_collect(NULL, NULL) < 0)
            hl_fatal("torture: inconsistent heap");
        torture_running = 0;
    }
#endif
    if (hl_gcstate.generations[0].count > hl_gcstate.generations[0].threshold &&
        hl_gcstate.enabled && hl_gcstate.generations[0].threshold && !hl_gcstate.collecting &&
        !hl_err_occurred()) {
        hl_gcstate.collecting = 1;
        gc_collect_generations();
        hl_gcstate.collecting = 0;
    }
}

void hl_gc_unlink(HLObject *op)
{
    if (hl_gc_is_tracked(op))
        gc_list_remove(HL_AS_GC(op));
    if (hl_gcstate.generations[0].count > 0)
        hl_gcstate.generations[0].count--;
}

hl_ssize_t hl_gc_collect(int generation)
{
    if (generation < 0 || generation >= NUM_GENERATIONS) {
        hl_err_set_string(hl_exc_ValueError, "invalid generation");
        return -1;
    }
    if (hl_gcstate.collecting)
        return 0; /* already collecting, don't do anything */
    hl_gcstate.collecting = 1;
    hl_ssize_t n = gc_collect_with_callback(generation);
    hl_gcstate.collecting = 0;
    return n;
}

hl_ssize_t hl_gc_collect_nofail(void)
{
    if (hl_gcstate.collecting)
        return 0;
    hl_gcstate.collecting = 1;
    hl_ssize_t n = gc_collect_main(NUM_GENERATIONS - 1, NULL, NULL, 1);
    hl_gcstate.collecting = 0;
    return n;
}

/* ---- introspection (the gc module) ------------------------------------ */

static int append_objects(HLObject *py_list, HLGCHead *gc_list)
{
    for (HLGCHead *gc = GC_NEXT(gc_list); gc != gc_list; gc = GC_NEXT(gc)) {
        HLObject *op = HL_FROM_GC(gc);
        if (op != py_list && hl_list_append(py_list, op) < 0)
            return -1;
    }
    return 0;
}

HLObject *hl_gc_get_objects(int generation)
{
    if (generation >= NUM_GENERATIONS) {
        hl_err_format(hl_exc_ValueError,
                      "generation parameter must be less than the number of available "
                      "generations (%i)",
                      NUM_GENERATIONS);
        return NULL;
    }
    if (generation < -1) {
        hl_err_set_string(hl_exc_ValueError, "generation parameter cannot be negative");
        return NULL;
    }
    HLObject *result = hl_list_new(0);
    if (result == NULL)
        return NULL;
    for (int i = 0; i < NUM_GENERATIONS; i++) {
        if (generation != -1 && i != generation)
            continue;
        if (append_objects(result, GEN_HEAD(i)) < 0) {
            hl_decref(result);
            return NULL;
        }
    }
    return result;
}

struct referrers_arg {
    HLObject *objs;
    int found;
};

static int referrers_visit(HLObject *obj, void *arg)
{
    struct referrers_arg *a = arg;
    for (hl_ssize_t i = 0; i < HL_SIZE(a->objs); i++)
        if (hl_tuple_get_item_borrowed(a->objs, i) == obj) {
            a->found = 1;
            return 1;
        }
    return 0;
}

HLObject *hl_gc_get_referrers(HLObject *objs)
{
    HLObject *result = hl_list_new(0);
    if (result == NULL)
        return NULL;
    for (int i = 0; i < NUM_GENERATIONS; i++) {
        HLGCHead *list = GEN_HEAD(i);
        for (HLGCHead *gc = GC_NEXT(list); gc != list; gc = GC_NEXT(gc)) {
            HLObject *obj = HL_FROM_GC(gc);
            if (obj == objs || obj == result)
                continue;
            struct referrers_arg a = {objs, 0};
            HL_TYPE(obj)->tp_traverse(obj, referrers_visit, &a);
            if (a.found && hl_list_append(result, obj) < 0) {
                hl_decref(result);
                return NULL;
            }
        }
    }
    return result;
}

static int referents_visit(HLObject *obj, void *list)
{
    return hl_list_append(list, obj) < 0;
}

HLObject *hl_gc_get_referents(HLObject *objs)
{
    HLObject *result = hl_list_new(0);
    if (result == NULL)
        return NULL;
    for (hl_ssize_t i = 0; i < HL_SIZE(objs); i++) {
        HLObject *obj = hl_tuple_get_item_borrowed(objs, i);
        if (!hl_object_is_gc(obj))
            continue;
        hl_traverseproc traverse = HL_TYPE(obj)->tp_traverse;
        if (traverse && traverse(obj, referents_visit, result)) {
            hl_decref(result);
            return NULL;
        }
    }
    return result;
}

void hl_gc_freeze(void)
{
    for (int i = 0; i < NUM_GENERATIONS; i++) {
        gc_list_merge(GEN_HEAD(i), &hl_gcstate.permanent_generation.head);
        hl_gcstate.generations[0].count = 0;
    }
}

void hl_gc_unfreeze(void)
{
    gc_list_merge(&hl_gcstate.permanent_generation.head, GEN_HEAD(NUM_GENERATIONS - 1));
}

hl_ssize_t hl_gc_freeze_count(void) { return gc_list_size(&hl_gcstate.permanent_generation.head); }

hl_ssize_t hl_gc_generation_size(int generation)
{
    if (generation == NUM_GENERATIONS)
        return gc_list_size(&hl_gcstate.permanent_generation.head);
    return gc_list_size(GEN_HEAD(generation));
}

/* ---- the dry run: what a full collection would find ------------------- */

/* While the dry run is on, every tracked object of generations 0-2 has
 * COLLECTING set and gc_refs in _gc_prev; the "visited" mark is the
 * UNREACHABLE bit of _gc_next.  Nothing is moved, and the prev pointers
 * are rebuilt from the next pointers at the end. */
static struct {
    HLObject **stack;
    hl_ssize_t len, cap;
    int bad;
} dry;

static int dry_visit_decref(HLObject *op, void *parent)
{
    (void)parent;
    if (hl_object_is_gc(op)) {
        HLGCHead *gc = HL_AS_GC(op);
        if (gc_is_collecting(gc)) {
            if (gc_get_refs(gc) == 0)
                dry.bad = 1;
            else
                gc_decref(gc);
        }
    }
    return 0;
}

static void dry_push(HLGCHead *gc)
{
    gc->_gc_next |= UNREACHABLE; /* "visited" */
    if (dry.len < dry.cap)
        dry.stack[dry.len++] = HL_FROM_GC(gc);
    else
        dry.bad = 1; /* cannot happen: cap = number of tracked objects */
}

static int dry_visit_reachable(HLObject *op, void *arg)
{
    (void)arg;
    if (hl_object_is_gc(op)) {
        HLGCHead *gc = HL_AS_GC(op);
        if (gc_is_collecting(gc) && !(gc->_gc_next & UNREACHABLE))
            dry_push(gc);
    }
    return 0;
}

hl_ssize_t hl_gc_would_collect(hl_gc_found fn, void *arg)
{
    hl_ssize_t total = 0, found = 0;
    for (int i = 0; i < NUM_GENERATIONS; i++)
        total += gc_list_size(GEN_HEAD(i));
    dry.cap = total;
    dry.len = 0;
    dry.bad = 0;
    dry.stack = total ? hl_raw_malloc((size_t)total * sizeof(HLObject *)) : NULL;
    if (total && dry.stack == NULL)
        return 0; /* no memory for the analysis: report nothing */

    for (int i = 0; i < NUM_GENERATIONS; i++)
        update_refs(GEN_HEAD(i));
    for (int i = 0; i < NUM_GENERATIONS; i++) {
        HLGCHead *list = GEN_HEAD(i);
        for (HLGCHead *gc = GC_NEXT(list); gc != list;
             gc = (HLGCHead *)(gc->_gc_next & ~UNREACHABLE)) {
            HLObject *op = HL_FROM_GC(gc);
            HL_TYPE(op)->tp_traverse(op, dry_visit_decref, op);
        }
    }
    for (int i = 0; i < NUM_GENERATIONS; i++) {
        HLGCHead *list = GEN_HEAD(i);
        for (HLGCHead *gc = GC_NEXT(list); gc != list;
             gc = (HLGCHead *)(gc->_gc_next & ~UNREACHABLE))
            if (gc_get_refs(gc) > 0 && !(gc->_gc_next & UNREACHABLE))
                dry_push(gc);
    }
    while (dry.len > 0) {
        HLObject *op = dry.stack[--dry.len];
        HL_TYPE(op)->tp_traverse(op, dry_visit_reachable, NULL);
    }
    /* Report, then restore every head exactly. */
    for (int i = 0; i < NUM_GENERATIONS; i++) {
        HLGCHead *list = GEN_HEAD(i);
        HLGCHead *prev = list;
        HLGCHead *gc = GC_NEXT(list);
        while (gc != list) {
            int visited = (gc->_gc_next & UNREACHABLE) != 0;
            gc->_gc_next &= ~UNREACHABLE;
            gc->_gc_prev = (gc->_gc_prev & HL_GC_PREV_MASK_FINALIZED) | (uintptr_t)prev;
            if (!visited) {
                found++;
                if (fn)
                    fn(HL_FROM_GC(gc), arg);
            }
            prev = gc;
            gc = GC_NEXT(gc);
        }
    }
    hl_raw_free(dry.stack);
    dry.stack = NULL;
    return dry.bad ? -1 : found;
}
