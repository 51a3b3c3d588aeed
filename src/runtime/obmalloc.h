/*
 * obmalloc.h — pymalloc, CPython 3.11's small-object allocator.
 *
 * The geometry is one fenced section: change a number here and the #error
 * checks below keep the rest consistent.  The default is CPython 3.11's
 * 64-bit geometry (so readouts look like a laptop's), with 32-bit pointers.
 */
#ifndef HL_OBMALLOC_H
#define HL_OBMALLOC_H

#include "hlconfig.h"

/* ==== tunable geometry ================================================== */
#define ALIGNMENT 16             /* block sizes are multiples of this */
#define ALIGNMENT_SHIFT 4        /* log2(ALIGNMENT) */
#define SMALL_REQUEST_THRESHOLD 512 /* larger requests go to the system */
#define POOL_BITS 14             /* 16 KiB pools */
#define ARENA_BITS 20            /* 1 MiB arenas */
/* ======================================================================== */

#define POOL_SIZE (1 << POOL_BITS)
#define POOL_SIZE_MASK (POOL_SIZE - 1)
#define ARENA_SIZE (1 << ARENA_BITS)
#define ARENA_SIZE_MASK (ARENA_SIZE - 1)
#define NB_SMALL_SIZE_CLASSES (SMALL_REQUEST_THRESHOLD / ALIGNMENT)
#define MAX_POOLS_IN_ARENA (ARENA_SIZE / POOL_SIZE)
#define INDEX2SIZE(i) (((unsigned)(i) + 1) << ALIGNMENT_SHIFT)

#if (1 << ALIGNMENT_SHIFT) != ALIGNMENT
#error "ALIGNMENT_SHIFT must be log2(ALIGNMENT)"
#endif
#if ALIGNMENT != 8 && ALIGNMENT != 16
#error "ALIGNMENT must be 8 or 16 (a block must hold the free-list link, 16 keeps doubles aligned)"
#endif
#if SMALL_REQUEST_THRESHOLD % ALIGNMENT != 0 || SMALL_REQUEST_THRESHOLD > 512
#error "SMALL_REQUEST_THRESHOLD must be a multiple of ALIGNMENT and at most 512"
#endif
#if NB_SMALL_SIZE_CLASSES > 64
#error "at most 64 size classes (szidx is stored in the pool header)"
#endif
#if POOL_BITS < 12 || POOL_BITS > 16
#error "POOL_BITS must be between 12 (4 KiB) and 16 (64 KiB)"
#endif
#if ARENA_BITS <= POOL_BITS || ARENA_BITS > 24
#error "an arena holds several pools and is at most 16 MiB"
#endif
#if (POOL_SIZE / ALIGNMENT) > 4096
#error "the per-pool block-kind table holds at most 4096 blocks"
#endif

/* The allocator used for objects and for their buffers (PyObject_Malloc and
 * PyMem_Malloc are both pymalloc in 3.11). */
void *hl_mem_malloc(size_t n);
void *hl_mem_calloc(size_t n);
void *hl_mem_realloc(void *p, size_t n);
void hl_mem_free(void *p);

/* Marks the block that starts at p as holding an object (kind from
 * sysmem.h); freeing the block clears the mark. */
void hl_mem_set_kind(void *p, unsigned kind);

/* Whether p was handed out by pymalloc (not the system allocator). */
int hl_obmalloc_owns(const void *p);

/* Read-only view of the allocator for heapview.c. */
typedef struct hl_pool_info {
    uintptr_t address;
    unsigned szidx;     /* size class */
    unsigned ref_count; /* blocks in use (0 = empty, on the free list) */
    unsigned nblocks;   /* blocks the pool can hold */
} hl_pool_info;
typedef struct hl_arena_info {
    uintptr_t address;
    unsigned index;
    unsigned nfreepools, ntotalpools;
    unsigned npools_carved; /* pools handed out so far (used or empty) */
    uintptr_t first_pool;
} hl_arena_info;

unsigned hl_obmalloc_max_arenas(void);
int hl_obmalloc_arena(unsigned i, hl_arena_info *out); /* 0 if slot unused */
void hl_obmalloc_pool(uintptr_t pool_address, hl_pool_info *out);
unsigned hl_obmalloc_block_kind(uintptr_t pool_address, unsigned blockidx);
uintptr_t hl_obmalloc_block_address(uintptr_t pool_address, unsigned blockidx);
unsigned hl_obmalloc_nblocks(unsigned szidx);

typedef struct hl_obmalloc_counters {
    size_t arenas_allocated_total, arenas_current, arenas_highwater;
} hl_obmalloc_counters;
void hl_obmalloc_counters_get(hl_obmalloc_counters *c);

struct hl_strbuf;
/* The allocator part of sys._debugmallocstats(), in CPython 3.11's layout. */
void hl_obmalloc_debug_stats(struct hl_strbuf *out);
/* One line of the free-list part ("%d %ss * %zd bytes each" = total). */
void hl_debug_allocator_stats(struct hl_strbuf *out, const char *block_name,
                              int num_blocks, size_t sizeof_block);

#endif /* HL_OBMALLOC_H */
