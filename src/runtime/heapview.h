/*
 * heapview.h — read-only readouts of the heap in plain structs, for the
 * bridge, the page and the tests (heapview.c).  Nothing here allocates on
 * the Python heap or changes anything a program can observe.
 */
#ifndef HL_HEAPVIEW_H
#define HL_HEAPVIEW_H

#include "object.h"

/* Layout version of the structs below; the bridge checks it at load. */
#define HL_HEAPVIEW_VERSION 1

typedef struct hl_hv_sizeclass {
    uint32_t size;          /* block size in bytes */
    uint32_t num_pools;     /* pools serving this class (used or full) */
    uint32_t blocks_in_use;
    uint32_t avail_blocks;  /* free blocks in those pools */
} hl_hv_sizeclass;

typedef struct hl_hv_arena {
    uint32_t address;
    uint32_t index;
    uint32_t ntotalpools;
    uint32_t nfreepools;    /* empty + never carved */
    uint32_t first_pool;    /* address of pool 0 */
    uint32_t npools_carved;
} hl_hv_arena;

enum { HL_POOL_EMPTY = 0, HL_POOL_USED = 1, HL_POOL_FULL = 2, HL_POOL_UNCARVED = 3 };

typedef struct hl_hv_pool {
    uint32_t address;
    uint16_t arena;         /* index into the arena readout */
    uint8_t szidx;          /* size class (meaningless if not used/full) */
    uint8_t state;          /* HL_POOL_* */
    uint16_t ref_count;     /* blocks in use */
    uint16_t nblocks;       /* blocks the pool can hold */
} hl_hv_pool;

typedef struct hl_hv_generation {
    int32_t count, threshold;
    int32_t members;        /* objects on the generation's list */
    int32_t collections, collected, uncollectable;
} hl_hv_generation;

/* generation field of hl_hv_object */
enum { HL_GEN_NOT_GC = -2, HL_GEN_UNTRACKED = -1, HL_GEN_PERMANENT = 3 };
/* flags of hl_hv_object */
enum { HL_HVF_FINALIZED = 1, HL_HVF_LARGE = 2 /* outside pymalloc */ };

typedef struct hl_hv_object {
    uint32_t address;   /* id(obj) */
    uint32_t type;      /* address of its type object */
    int32_t refcnt;
    uint32_t size;      /* sys.getsizeof(obj) for built-in types */
    int8_t generation;  /* 0..2, HL_GEN_PERMANENT, HL_GEN_UNTRACKED, HL_GEN_NOT_GC */
    uint8_t flags;
    uint16_t weakrefs;  /* number of weak references to it */
} hl_hv_object;

void hl_heapview_sizeclasses(hl_hv_sizeclass out[/* NB_SMALL_SIZE_CLASSES */]);
unsigned hl_heapview_nsizeclasses(void);
/* The next three return how many records exist (writing at most max). */
uint32_t hl_heapview_arenas(hl_hv_arena *out, uint32_t max);
uint32_t hl_heapview_pools(hl_hv_pool *out, uint32_t max);
void hl_heapview_generations(hl_hv_generation out[4]); /* 3 generations + permanent */
uint32_t hl_heapview_objects(hl_hv_object *out, uint32_t max);

/* Calls fn for every live heap object (refcount > 0), in address order
 * within pymalloc, then the large ones. */
typedef void (*hl_object_visit)(HLObject *op, int large, void *arg);
void hl_heap_foreach(hl_object_visit fn, void *arg);

/* sys.getsizeof for built-in types, computed without calling Python. */
size_t hl_sizeof_builtin(HLObject *op);

/* "Would collect": the addresses a full collection would find unreachable
 * now; returns their number (writing at most max), or -1 on a refcount
 * inconsistency. */
int32_t hl_heapview_would_collect(uint32_t *out, uint32_t max);

#endif /* HL_HEAPVIEW_H */
