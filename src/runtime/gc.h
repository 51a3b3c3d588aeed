/*
 * gc.h — the generational cyclic garbage collector (see gc.c).
 */
#ifndef HL_GC_H
#define HL_GC_H

#include "object.h"

#define NUM_GENERATIONS 3

/* gc.set_debug() flags, CPython's values. */
#define HL_GC_DEBUG_STATS (1 << 0)
#define HL_GC_DEBUG_COLLECTABLE (1 << 1)
#define HL_GC_DEBUG_UNCOLLECTABLE (1 << 2)
#define HL_GC_DEBUG_SAVEALL (1 << 5)
#define HL_GC_DEBUG_LEAK (HL_GC_DEBUG_COLLECTABLE | HL_GC_DEBUG_UNCOLLECTABLE | HL_GC_DEBUG_SAVEALL)

struct gc_generation {
    HLGCHead head;
    int threshold; /* collection threshold */
    int count;     /* gen 0: allocations minus deallocations;
                      older: collections of the next younger generation */
};

struct gc_generation_stats {
    hl_ssize_t collections; /* total number of collections */
    hl_ssize_t collected;   /* total objects collected */
    hl_ssize_t uncollectable;
};

typedef struct gc_runtime_state {
    int enabled;
    int debug;
    struct gc_generation generations[NUM_GENERATIONS];
    struct gc_generation permanent_generation; /* gc.freeze() */
    struct gc_generation_stats generation_stats[NUM_GENERATIONS];
    int collecting;        /* true while a collection runs */
    HLObject *garbage;     /* gc.garbage (a list) */
    HLObject *callbacks;   /* gc.callbacks (a list) */
    hl_ssize_t long_lived_total;   /* objects surviving the last full collection */
    hl_ssize_t long_lived_pending; /* objects promoted to gen 2 since then */
} gc_runtime_state;

extern gc_runtime_state hl_gcstate;

int hl_gc_init(void);   /* creates gc.garbage and gc.callbacks */
void hl_gc_fini(void);

/* Tracking (CPython's PyObject_GC_Track/UnTrack).  Tracking appends the
 * object to generation 0; untracking an untracked object does nothing. */
void hl_gc_track(void *op);
void hl_gc_untrack(void *op);

/* Called by the allocator for each new GC object (count up, maybe collect). */
void hl_gc_link(HLObject *op);
/* Called when a GC object's memory is freed (count down). */
void hl_gc_unlink(HLObject *op);

/* gc.collect(generation): runs callbacks, returns collected+uncollectable;
 * -1 with ValueError for a bad generation; 0 if a collection is running. */
hl_ssize_t hl_gc_collect(int generation);
/* A collection without callbacks and with errors cleared (shutdown). */
hl_ssize_t hl_gc_collect_nofail(void);

HLObject *hl_gc_get_objects(int generation); /* -1: all generations */
HLObject *hl_gc_get_referrers(HLObject *objs /* tuple */);
HLObject *hl_gc_get_referents(HLObject *objs /* tuple */);
int hl_gc_object_is_tracked(HLObject *op);
int hl_gc_object_is_finalized(HLObject *op);
void hl_gc_freeze(void);
void hl_gc_unfreeze(void);
hl_ssize_t hl_gc_freeze_count(void);
hl_ssize_t hl_gc_generation_size(int generation); /* 3 = permanent */

/* Free lists are cleared by every full collection (clear_freelists). */
void hl_gc_register_freelist(void (*clear)(void));

/* The collector's analysis over the whole heap, changing nothing:
 * calls fn for each object a full collection would find unreachable now
 * (before finalizers could resurrect any).  Returns their number, or -1 if
 * a reference count is lower than the references found (a refcount bug). */
typedef void (*hl_gc_found)(HLObject *op, void *arg);
hl_ssize_t hl_gc_would_collect(hl_gc_found fn, void *arg);

#endif /* HL_GC_H */
