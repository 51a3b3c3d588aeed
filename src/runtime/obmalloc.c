/*
 * obmalloc.c — pymalloc: arenas, pools and blocks, as in CPython 3.11.
 *
 * Requests of at most SMALL_REQUEST_THRESHOLD bytes are rounded up to a
 * multiple of ALIGNMENT; each rounded size is a "size class" (szidx
 * 0..NB_SMALL_SIZE_CLASSES-1).  Blocks of one class are cut from pools of
 * POOL_SIZE bytes; pools are cut from arenas of ARENA_SIZE bytes obtained
 * from the system allocator (sysmem.c).  Larger requests go to the system
 * allocator directly.
 *
 *   arena (1 MiB, from the system; its first pool starts at the next
 *   POOL_SIZE boundary, so an unaligned arena loses one pool)
 *   +--------+--------+--------+-- ... --+--------+
 *   | pool   | pool   | pool   |         | (lost) |
 *   +--------+--------+--------+-- ... --+--------+
 *   pool (16 KiB): [pool_header][block][block][block]...
 *
 * A pool is in one of three states:
 *   used   some blocks allocated, some free: linked in usedpools[szidx]
 *   full   all blocks allocated: in no list
 *   empty  no block allocated: on its arena's freepools list, ready to
 *          serve any size class
 *
 * Blocks are carved lazily: a fresh pool's free list holds one block, and
 * `nextoffset` says where the next never-used block starts; only when the
 * free list runs dry is another block carved (pymalloc_pool_extend).  A
 * freed block is pushed on its pool's free list: its first word becomes the
 * link to the previous head (or NULL), which is all that reading freed
 * memory through ctypes can ever see.
 *
 * Arenas with free pools are kept in `usable_arenas`, sorted by increasing
 * number of free pools, so allocation fills the most-used arena first and
 * nearly-empty arenas get a chance to become empty; `nfp2lasta[n]` points
 * at the last arena with n free pools to keep that sort O(1).  A wholly
 * empty arena is returned to the system, unless it is the last usable one
 * (bpo-37257: keeps a loop that allocates and frees from thrashing).
 *
 * address_in_range() must tell pymalloc's blocks from system blocks in O(1).
 * As in CPython's radix-tree build without interior nodes (all addresses fit
 * in 32 bits), `arena_map_root` has one entry per ARENA_SIZE-aligned slot of
 * the address space, recording where an (unaligned) arena begins or ends in
 * that slot.
 *
 * heaplab addition, outside the pools: each arena object has a table with
 * two bits per block saying whether the block holds an object (and where its
 * header starts), filled by the object allocator.  It lets the heap view
 * enumerate every live object without changing any object's layout.
 */
#include "obmalloc.h"

#include <string.h>

#include "strbuf.h"
#include "sysmem.h"

typedef uint8_t block;

struct pool_header {
    union {
        block *_padding;
        unsigned count; /* number of allocated blocks */
    } ref;
    block *freeblock;            /* head of the pool's free list */
    struct pool_header *nextpool; /* next pool of this size class */
    struct pool_header *prevpool; /* previous pool "" */
    unsigned arenaindex;         /* index into arenas of base adr */
    unsigned szidx;              /* block size class index */
    unsigned nextoffset;         /* bytes to virgin block */
    unsigned maxnextoffset;      /* largest valid nextoffset */
};
typedef struct pool_header *poolp;

#define POOL_OVERHEAD ((sizeof(struct pool_header) + ALIGNMENT - 1) & ~(size_t)(ALIGNMENT - 1))
#define DUMMY_SIZE_IDX 0xffff
#define POOL_ADDR(p) ((poolp)((uintptr_t)(p) & ~(uintptr_t)POOL_SIZE_MASK))
#define NUMBLOCKS(i) ((unsigned)(POOL_SIZE - POOL_OVERHEAD) / INDEX2SIZE(i))

/* Two bits per block: the object kind of sysmem.h. */
#define KIND_BYTES_PER_POOL ((POOL_SIZE / ALIGNMENT) / 4)

struct arena_object {
    uintptr_t address;              /* 0 = slot not associated with an arena */
    block *pool_address;            /* next pool to carve */
    unsigned nfreepools;            /* empty + not yet carved pools */
    unsigned ntotalpools;
    struct pool_header *freepools;  /* singly linked via nextpool */
    struct arena_object *nextarena; /* usable_arenas / unused_arena_objects */
    struct arena_object *prevarena;
    uint8_t *kinds;                 /* heaplab: block kinds, per pool */
};

#define INITIAL_ARENA_OBJECTS 16

/* usedpools[i] is the head of the circular list of used pools of class i. */
static struct pool_header usedpools[NB_SMALL_SIZE_CLASSES];
static struct arena_object *arenas;
static unsigned maxarenas;
static struct arena_object *unused_arena_objects;
static struct arena_object *usable_arenas;
static struct arena_object *nfp2lasta[MAX_POOLS_IN_ARENA + 1];
static size_t narenas_currently_allocated;
static size_t ntimes_arena_allocated;
static size_t narenas_highwater;

/* ---- arena map ---------------------------------------------------------- */

typedef struct {
    int32_t tail_hi; /* offset where an arena starts in this slot (-1: at 0) */
    int32_t tail_lo; /* offset where an arena that began earlier ends */
} arena_coverage_t;

#define MAP_SLOTS (1u << (32 - ARENA_BITS))
static struct {
    arena_coverage_t arenas[MAP_SLOTS];
} arena_map_root;

static void arena_map_mark_used(uintptr_t arena_base, int is_used)
{
    unsigned i = (unsigned)(arena_base >> ARENA_BITS);
    int32_t tail = (int32_t)(arena_base & ARENA_SIZE_MASK);
    if (tail == 0) {
        arena_map_root.arenas[i].tail_hi = is_used ? -1 : 0;
    } else {
        arena_map_root.arenas[i].tail_hi = is_used ? tail : 0;
        arena_map_root.arenas[i + 1].tail_lo = is_used ? tail : 0;
    }
}

static int arena_map_is_used(uintptr_t p)
{
    arena_coverage_t *c = &arena_map_root.arenas[p >> ARENA_BITS];
    int32_t tail = (int32_t)(p & ARENA_SIZE_MASK);
    return (tail < c->tail_lo) || (tail >= c->tail_hi && c->tail_hi != 0);
}

/* Whether p lies in a pool of one of our arenas (pool is POOL_ADDR(p)). */
static inline int address_in_range(const void *p, poolp pool)
{
    (void)pool;
    return arena_map_is_used((uintptr_t)p);
}

int hl_obmalloc_owns(const void *p) { return p != NULL && address_in_range(p, POOL_ADDR(p)); }

/* ---- arenas ------------------------------------------------------------- */

static void init_usedpools(void)
{
    for (unsigned i = 0; i < NB_SMALL_SIZE_CLASSES; i++)
        usedpools[i].nextpool = usedpools[i].prevpool = &usedpools[i];
}

/* Allocate a new arena; NULL if the system allocator refuses. */
static struct arena_object *new_arena(void)
{
    if (unused_arena_objects == NULL) {
        unsigned numarenas = maxarenas ? maxarenas << 1 : INITIAL_ARENA_OBJECTS;
        if (numarenas <= maxarenas)
            return NULL; /* overflow */
        struct arena_object *a =
            hl_raw_realloc(arenas, (size_t)numarenas * sizeof(struct arena_object));
        if (a == NULL)
            return NULL;
        arenas = a;
        for (unsigned i = maxarenas; i < numarenas; i++) {
            arenas[i].address = 0;
            arenas[i].kinds = NULL;
            arenas[i].nextarena = i < numarenas - 1 ? &arenas[i + 1] : NULL;
        }
        /* The list of usable arenas now points into the old array (if
         * any); fix the links, since realloc may have moved it. */
        unused_arena_objects = &arenas[maxarenas];
        maxarenas = numarenas;
    }
    struct arena_object *arenaobj = unused_arena_objects;
    void *address = hl_raw_malloc(ARENA_SIZE);
    uint8_t *kinds = address ? hl_raw_calloc((size_t)MAX_POOLS_IN_ARENA * KIND_BYTES_PER_POOL) : NULL;
    if (kinds == NULL) {
        hl_raw_free(address);
        return NULL;
    }
    unused_arena_objects = arenaobj->nextarena;
    arena_map_mark_used((uintptr_t)address, 1);
    arenaobj->address = (uintptr_t)address;
    arenaobj->kinds = kinds;
    ++narenas_currently_allocated;
    ++ntimes_arena_allocated;
    if (narenas_currently_allocated > narenas_highwater)
        narenas_highwater = narenas_currently_allocated;
    arenaobj->freepools = NULL;
    arenaobj->pool_address = (block *)arenaobj->address;
    arenaobj->nfreepools = MAX_POOLS_IN_ARENA;
    unsigned excess = (unsigned)(arenaobj->address & POOL_SIZE_MASK);
    if (excess != 0) {
        --arenaobj->nfreepools;
        arenaobj->pool_address += POOL_SIZE - excess;
    }
    arenaobj->ntotalpools = arenaobj->nfreepools;
    return arenaobj;
}


/* ---- pools ------------------------------------------------------------- */

static inline unsigned block_index(poolp pool, const void *p)
{
    return (unsigned)(((uintptr_t)p - (uintptr_t)pool - POOL_OVERHEAD) >> ALIGNMENT_SHIFT);
}

static inline uint8_t *pool_kinds(poolp pool)
{
    struct arena_object *ao = &arenas[pool->arenaindex];
    unsigned poolno = (unsigned)(((uintptr_t)pool - (ao->address & ~(uintptr_t)POOL_SIZE_MASK)) >> POOL_BITS);
    /* An unaligned arena's first pool is at the next boundary: poolno >= 1
     * then, and the table has MAX_POOLS_IN_ARENA entries either way. */
    if (ao->address & POOL_SIZE_MASK)
        poolno -= 1;
    return ao->kinds + (size_t)poolno * KIND_BYTES_PER_POOL;
}

static inline void set_kind(poolp pool, const void *p, unsigned kind)
{
    /* Kinds are indexed by ALIGNMENT-sized unit, so they work for every
     * size class; blocks never share a unit. */
    unsigned u = block_index(pool, p);
    uint8_t *k = pool_kinds(pool) + u / 4;
    unsigned shift = (u % 4) * 2;
    *k = (uint8_t)((*k & ~(3u << shift)) | (kind << shift));
}

static inline unsigned get_kind(poolp pool, const void *p)
{
    unsigned u = block_index(pool, p);
    return (pool_kinds(pool)[u / 4] >> ((u % 4) * 2)) & 3u;
}

/* The pool's free list is empty: carve another block, or if the pool is
 * full, unlink it from usedpools. */
static void pymalloc_pool_extend(poolp pool, unsigned size)
{
    if (pool->nextoffset <= pool->maxnextoffset) {
        pool->freeblock = (block *)pool + pool->nextoffset;
        pool->nextoffset += INDEX2SIZE(size);
        *(block **)(pool->freeblock) = NULL;
        return;
    }
    poolp next = pool->nextpool;
    pool = pool->prevpool;
    next->prevpool = pool;
    pool->nextpool = next;
}

/* No used pool of this class: take an empty pool from the first usable
 * arena (allocating an arena if needed), and return its first block. */
static void *allocate_from_new_pool(unsigned size)
{
    if (usable_arenas == NULL) {
        usable_arenas = new_arena();
        if (usable_arenas == NULL)
            return NULL;
        usable_arenas->nextarena = usable_arenas->prevarena = NULL;
        nfp2lasta[usable_arenas->nfreepools] = usable_arenas;
    }
    /* This arena already had the smallest nfreepools, so taking a pool
     * keeps the order; the arena leaves the list when it has none left. */
    if (nfp2lasta[usable_arenas->nfreepools] == usable_arenas)
        nfp2lasta[usable_arenas->nfreepools] = NULL;
    if (usable_arenas->nfreepools > 1)
        nfp2lasta[usable_arenas->nfreepools - 1] = usable_arenas;

    poolp pool = usable_arenas->freepools;
    if (pool != NULL) {
        usable_arenas->freepools = pool->nextpool;
    } else {
        pool = (poolp)usable_arenas->pool_address;
        pool->arenaindex = (unsigned)(usable_arenas - arenas);
        pool->szidx = DUMMY_SIZE_IDX;
        usable_arenas->pool_address += POOL_SIZE;
    }
    if (--usable_arenas->nfreepools == 0) {
        usable_arenas = usable_arenas->nextarena;
        if (usable_arenas != NULL)
            usable_arenas->prevarena = NULL;
    }

    /* Frontlink to used pools. */
    poolp next = usedpools[size].nextpool; /* the head itself: list empty */
    pool->nextpool = next;
    pool->prevpool = next;
    next->nextpool = pool;
    next->prevpool = pool;
    pool->ref.count = 1;
    block *bp;
    if (pool->szidx == size) {
        /* The pool last served this class: its free list is ready. */
        bp = pool->freeblock;
        pool->freeblock = *(block **)bp;
        return bp;
    }
    /* Initialize the pool: the second block starts the free list, the
     * first is returned. */
    pool->szidx = size;
    unsigned bsize = INDEX2SIZE(size);
    bp = (block *)pool + POOL_OVERHEAD;
    pool->nextoffset = (unsigned)POOL_OVERHEAD + (bsize << 1);
    pool->maxnextoffset = POOL_SIZE - bsize;
    pool->freeblock = bp + bsize;
    *(block **)(pool->freeblock) = NULL;
    return bp;
}

static void *pymalloc_alloc(size_t nbytes)
{
    if (HL_UNLIKELY(nbytes == 0 || nbytes > SMALL_REQUEST_THRESHOLD))
        return NULL;
    unsigned size = (unsigned)(nbytes - 1) >> ALIGNMENT_SHIFT;
    poolp pool = usedpools[size].nextpool;
    block *bp;
    if (HL_LIKELY(pool != &usedpools[size])) {
        bp = pool->freeblock;
        pool->ref.count++;
        if (HL_UNLIKELY((pool->freeblock = *(block **)bp) == NULL))
            pymalloc_pool_extend(pool, size);
    } else {
        bp = allocate_from_new_pool(size);
    }
    return bp;
}

/* A full pool got a free block: link it at the front of usedpools. */
static void insert_to_usedpool(poolp pool)
{
    poolp head = &usedpools[pool->szidx];
    poolp next = head->nextpool;
    poolp prev = next->prevpool;
    pool->nextpool = next;
    pool->prevpool = prev;
    next->prevpool = pool;
    prev->nextpool = pool;
}

/* A pool became empty: move it to its arena's free pools, and keep
 * usable_arenas sorted (or give the arena back if it is wholly free). */
static void insert_to_freepool(poolp pool)
{
    poolp next = pool->nextpool;
    poolp prev = pool->prevpool;
    next->prevpool = prev;
    prev->nextpool = next;

    struct arena_object *ao = &arenas[pool->arenaindex];
    pool->nextpool = ao->freepools;
    ao->freepools = pool;
    unsigned nf = ao->nfreepools;
    struct arena_object *lastnf = nfp2lasta[nf];
    if (lastnf == ao) {
        struct arena_object *p = ao->prevarena;
        nfp2lasta[nf] = (p != NULL && p->nfreepools == nf) ? p : NULL;
    }
    ao->nfreepools = ++nf;

    /* Case 1: the arena is wholly free and not the last usable one. */
    if (nf == ao->ntotalpools && ao->nextarena != NULL) {
        if (ao->prevarena == NULL)
            usable_arenas = ao->nextarena;
        else
            ao->prevarena->nextarena = ao->nextarena;
        if (ao->nextarena != NULL)
            ao->nextarena->prevarena = ao->prevarena;
        ao->nextarena = unused_arena_objects;
        unused_arena_objects = ao;
        arena_map_mark_used(ao->address, 0);
        hl_raw_free((void *)ao->address);
        hl_raw_free(ao->kinds);
        ao->kinds = NULL;
        ao->address = 0;
        --narenas_currently_allocated;
        return;
    }
    /* Case 2: its first free pool: put the arena at the head. */
    if (nf == 1) {
        ao->nextarena = usable_arenas;
        ao->prevarena = NULL;
        if (usable_arenas)
            usable_arenas->prevarena = ao;
        usable_arenas = ao;
        if (nfp2lasta[1] == NULL)
            nfp2lasta[1] = ao;
        return;
    }
    if (nfp2lasta[nf] == NULL)
        nfp2lasta[nf] = ao;
    /* Case 4: it was the rightmost with nf-1 free pools: still sorted. */
    if (ao == lastnf)
        return;
    /* Case 3: slide it right, just after the last arena with nf-1. */
    if (ao->prevarena != NULL)
        ao->prevarena->nextarena = ao->nextarena;
    else
        usable_arenas = ao->nextarena;
    ao->nextarena->prevarena = ao->prevarena;
    ao->prevarena = lastnf;
    ao->nextarena = lastnf->nextarena;
    if (ao->nextarena != NULL)
        ao->nextarena->prevarena = ao;
    lastnf->nextarena = ao;
}

/* Returns 0 if p is not ours (a system block). */
static int pymalloc_free(void *p)
{
    poolp pool = POOL_ADDR(p);
    if (HL_UNLIKELY(!address_in_range(p, pool)))
        return 0;
    HL_ASSERT(pool->ref.count > 0);
    set_kind(pool, p, 0);
#ifdef HL_DEBUG
    /* Poison all but the first word (which becomes the free-list link and
     * is what a read of freed memory sees in every build). */
    if (INDEX2SIZE(pool->szidx) > sizeof(block *))
        memset((block *)p + sizeof(block *), 0xDB, INDEX2SIZE(pool->szidx) - sizeof(block *));
#endif
    block *lastfree = pool->freeblock;
    *(block **)p = lastfree;
    pool->freeblock = (block *)p;
    pool->ref.count--;
    if (HL_UNLIKELY(lastfree == NULL)) {
        insert_to_usedpool(pool);
        return 1;
    }
    if (HL_LIKELY(pool->ref.count != 0))
        return 1;
    insert_to_freepool(pool);
    return 1;
}

/* ---- public entry points ------------------------------------------------ */

void *hl_mem_malloc(size_t n)
{
    if (HL_UNLIKELY(usedpools[0].nextpool == NULL))
        init_usedpools();
    void *p = pymalloc_alloc(n);
    if (HL_LIKELY(p != NULL))
        return p;
    return hl_raw_malloc(n);
}

void *hl_mem_calloc(size_t n)
{
    void *p = hl_mem_malloc(n);
    if (p)
        memset(p, 0, n);
    return p;
}

void hl_mem_free(void *p)
{
    if (p == NULL)
        return;
    if (HL_LIKELY(pymalloc_free(p)))
        return;
    hl_raw_free(p);
}

void *hl_mem_realloc(void *p, size_t nbytes)
{
    if (p == NULL)
        return hl_mem_malloc(nbytes);
    poolp pool = POOL_ADDR(p);
    if (!address_in_range(p, pool))
        return hl_raw_realloc(p, nbytes); /* a system block stays one */
    size_t size = INDEX2SIZE(pool->szidx);
    if (nbytes <= size) {
        /* Shrinking: copy to a smaller class only if that saves at least a
         * quarter of the block. */
        if (4 * nbytes > 3 * size)
            return p;
        size = nbytes;
    }
    void *bp = hl_mem_malloc(nbytes);
    if (bp != NULL) {
        memcpy(bp, p, size);
        hl_mem_free(p);
    }
    return bp;
}

void hl_mem_set_kind(void *p, unsigned kind)
{
    poolp pool = POOL_ADDR(p);
    if (address_in_range(p, pool))
        set_kind(pool, p, kind);
    else
        hl_raw_set_kind(p, kind);
}

/* ---- read-only views ---------------------------------------------------- */

unsigned hl_obmalloc_max_arenas(void) { return maxarenas; }
unsigned hl_obmalloc_nblocks(unsigned szidx) { return NUMBLOCKS(szidx); }

int hl_obmalloc_arena(unsigned i, hl_arena_info *out)
{
    if (i >= maxarenas || arenas[i].address == 0)
        return 0;
    struct arena_object *ao = &arenas[i];
    uintptr_t first = ao->address;
    if (first & POOL_SIZE_MASK)
        first = (first & ~(uintptr_t)POOL_SIZE_MASK) + POOL_SIZE;
    out->address = ao->address;
    out->index = i;
    out->nfreepools = ao->nfreepools;
    out->ntotalpools = ao->ntotalpools;
    out->first_pool = first;
    out->npools_carved = (unsigned)(((uintptr_t)ao->pool_address - first) >> POOL_BITS);
    return 1;
}

void hl_obmalloc_pool(uintptr_t pool_address, hl_pool_info *out)
{
    poolp p = (poolp)pool_address;
    out->address = pool_address;
    out->szidx = p->szidx;
    out->ref_count = p->ref.count;
    out->nblocks = p->szidx < NB_SMALL_SIZE_CLASSES ? NUMBLOCKS(p->szidx) : 0;
}

uintptr_t hl_obmalloc_block_address(uintptr_t pool_address, unsigned blockidx)
{
    return pool_address + POOL_OVERHEAD + (uintptr_t)blockidx * INDEX2SIZE(((poolp)pool_address)->szidx);
}

unsigned hl_obmalloc_block_kind(uintptr_t pool_address, unsigned blockidx)
{
    poolp pool = (poolp)pool_address;
    uintptr_t p = pool_address + POOL_OVERHEAD + (uintptr_t)blockidx * INDEX2SIZE(pool->szidx);
    return get_kind(pool, (void *)p);
}

void hl_obmalloc_counters_get(hl_obmalloc_counters *c)
{
    c->arenas_allocated_total = ntimes_arena_allocated;
    c->arenas_current = narenas_currently_allocated;
    c->arenas_highwater = narenas_highwater;
}

/* ---- sys._debugmallocstats() ------------------------------------------- */

/* "msg" padded to 35 columns, '=', the value with thousands separators
 * right-aligned in 21 columns: CPython's printone(). */
static size_t printone(hl_strbuf *out, const char *msg, size_t value)
{
    char buf[23];
    size_t origvalue = value;
    hl_sb_puts(out, msg);
    for (size_t i = strlen(msg); i < 35; ++i)
        hl_sb_putc(out, ' ');
    hl_sb_putc(out, '=');
    int i = 22, k = 3;
    buf[i--] = '\0';
    buf[i--] = '\n';
    do {
        size_t nextvalue = value / 10;
        unsigned digit = (unsigned)(value - nextvalue * 10);
        value = nextvalue;
        buf[i--] = (char)(digit + '0');
        --k;
        if (k == 0 && value && i >= 0) {
            k = 3;
            buf[i--] = ',';
        }
    } while (value && i >= 0);
    while (i >= 0)
        buf[i--] = ' ';
    hl_sb_puts(out, buf);
    return origvalue;
}

void hl_debug_allocator_stats(hl_strbuf *out, const char *block_name, int num_blocks,
                              size_t sizeof_block)
{
    hl_strbuf b1 = HL_STRBUF_INIT, b2 = HL_STRBUF_INIT;
    hl_sb_printf(&b1, "%d %ss * %zu bytes each", num_blocks, block_name, sizeof_block);
    hl_sb_printf(&b2, "%48s ", hl_sb_cstr(&b1));
    printone(out, hl_sb_cstr(&b2), (size_t)num_blocks * sizeof_block);
    hl_sb_free(&b1);
    hl_sb_free(&b2);
}

void hl_obmalloc_debug_stats(hl_strbuf *out)
{
    size_t numpools[NB_SMALL_SIZE_CLASSES] = {0};
    size_t numblocks[NB_SMALL_SIZE_CLASSES] = {0};
    size_t numfreeblocks[NB_SMALL_SIZE_CLASSES] = {0};
    size_t allocated_bytes = 0, available_bytes = 0, pool_header_bytes = 0,
           quantization = 0, arena_alignment = 0, narenas = 0, total;
    unsigned numfreepools = 0;

    hl_sb_printf(out, "Small block threshold = %d, in %u size classes.\n",
                 SMALL_REQUEST_THRESHOLD, (unsigned)NB_SMALL_SIZE_CLASSES);
    for (unsigned i = 0; i < maxarenas; ++i) {
        uintptr_t base = arenas[i].address;
        if (base == 0)
            continue;
        narenas += 1;
        numfreepools += arenas[i].nfreepools;
        if (base & POOL_SIZE_MASK) {
            arena_alignment += POOL_SIZE;
            base &= ~(uintptr_t)POOL_SIZE_MASK;
            base += POOL_SIZE;
        }
        for (; base < (uintptr_t)arenas[i].pool_address; base += POOL_SIZE) {
            poolp p = (poolp)base;
            if (p->ref.count == 0)
                continue; /* empty, on the arena's free list */
            unsigned sz = p->szidx;
            ++numpools[sz];
            numblocks[sz] += p->ref.count;
            numfreeblocks[sz] += NUMBLOCKS(sz) - p->ref.count;
        }
    }
    hl_sb_putc(out, '\n');
    hl_sb_puts(out, "class   size   num pools   blocks in use  avail blocks\n"
                    "-----   ----   ---------   -------------  ------------\n");
    for (unsigned i = 0; i < NB_SMALL_SIZE_CLASSES; ++i) {
        size_t p = numpools[i], b = numblocks[i], f = numfreeblocks[i];
        unsigned size = INDEX2SIZE(i);
        if (p == 0)
            continue;
        hl_sb_printf(out, "%5u %6u %11zu %15zu %13zu\n", i, size, p, b, f);
        allocated_bytes += b * size;
        available_bytes += f * size;
        pool_header_bytes += p * POOL_OVERHEAD;
        quantization += p * ((POOL_SIZE - POOL_OVERHEAD) % size);
    }
    hl_sb_putc(out, '\n');
    printone(out, "# arenas allocated total", ntimes_arena_allocated);
    printone(out, "# arenas reclaimed", ntimes_arena_allocated - narenas);
    printone(out, "# arenas highwater mark", narenas_highwater);
    printone(out, "# arenas allocated current", narenas);
    char buf[128];
    hl_snprintf(buf, sizeof buf, "%zu arenas * %d bytes/arena", narenas, ARENA_SIZE);
    printone(out, buf, narenas * ARENA_SIZE);
    hl_sb_putc(out, '\n');
    total = printone(out, "# bytes in allocated blocks", allocated_bytes);
    total += printone(out, "# bytes in available blocks", available_bytes);
    hl_snprintf(buf, sizeof buf, "%u unused pools * %d bytes", numfreepools, POOL_SIZE);
    total += printone(out, buf, (size_t)numfreepools * POOL_SIZE);
    total += printone(out, "# bytes lost to pool headers", pool_header_bytes);
    total += printone(out, "# bytes lost to quantization", quantization);
    total += printone(out, "# bytes lost to arena alignment", arena_alignment);
    printone(out, "Total", total);
    hl_sb_puts(out, "\narena map counts\n");
    printone(out, "# bytes lost to arena map root", sizeof(arena_map_root));
}
