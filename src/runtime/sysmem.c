/*
 * sysmem.c — the region allocator: heaplab's stand-in for the C library's
 * malloc under pymalloc.
 *
 * CPython gets arenas from mmap and large blocks from malloc.  heaplab gets
 * both from one contiguous region that it owns, for three reasons: the heap
 * limit is a single number (past it, allocation fails and Python sees
 * MemoryError instead of the process dying); an address can be checked for
 * being inside the heap before ctypes reads it; and in WebAssembly the same
 * calls give the same addresses run after run.
 *
 * The region is reserved once (mmap natively, sbrk in wasm) and handed out
 * from its low end.  Everything below `top` is a sequence of chunks:
 *
 *     chunk:  [prev_size][head][kind][spare] [payload ...........]
 *              4 bytes    4     4     4      16-byte aligned
 *
 *     head = chunk size (a multiple of 16, header included)
 *            | CHUNK_INUSE | CHUNK_PREV_INUSE
 *
 * prev_size is valid only when the previous chunk is free; that is how a
 * freed chunk finds and merges with its left neighbour (boundary tags).  A
 * free chunk keeps the links of its bin in its payload.  Bins are exact for
 * small chunks (one per 16 bytes up to 1 KiB) and one per power of two
 * above; a bitmap tells which bins are non-empty.  Allocation takes the
 * first fitting chunk of the smallest bin that can hold the request,
 * splitting off the rest; if no bin can, it carves from `top`.  Freeing
 * merges with free neighbours; a free chunk that reaches `top` is given
 * back to the untouched part of the region.
 *
 * Every block records a two-bit kind (sysmem.h) so that the heap view can
 * tell objects from buffers without looking inside them.
 *
 * The reserve.  Past the limit lies a reserve (a sixteenth of the limit,
 * 2 to 16 MiB).  The first allocation that would cross the limit fails —
 * Python sees MemoryError — and opens the reserve, so that what follows can
 * still run: the exception's traceback, the handler, the next notebook cell
 * with its `del x`.  Without it a program that filled the heap could do
 * nothing more, not even free what it holds; CPython, whose limit is the
 * operating system's, keeps that slack in practice.  The reserve closes
 * once the blocks in use are back below the limit by a reserve's size.
 * If the reserve runs out as well, allocations fail for good.
 */
#include "sysmem.h"

#include <string.h>

#ifdef __EMSCRIPTEN__
#include <unistd.h>
#else
#include <sys/mman.h>
#endif

#define CHUNK_HDR 16u
#define CHUNK_MIN 32u
#define CHUNK_INUSE 1u
#define CHUNK_PREV_INUSE 2u
#define CHUNK_FLAGS 15u

typedef struct chunk {
    uint32_t prev_size;
    uint32_t head;
    uint32_t kind;
    uint32_t spare;
    /* payload; when free: */
    struct chunk *next, *prev;
} chunk;

#define NSMALLBINS 64u /* chunk sizes 32 .. 1024+16 step 16 (index size/16) */
#define NBINS (NSMALLBINS + 32u)

/* The reserve past the limit (see the top of this file). */
#define RESERVE_MIN (2u << 20)
#define RESERVE_MAX (16u << 20)

static struct {
    uintptr_t base, end;  /* reserved region [base, end): the limit, then the reserve */
    uintptr_t top;        /* start of the untouched part */
    uintptr_t committed;  /* wasm: memory obtained from sbrk so far */
    int top_prev_inuse;   /* is the chunk just below top in use? */
    chunk *bins[NBINS];
    uint32_t binmap[(NBINS + 31) / 32];
    size_t bytes_in_use, blocks_in_use, bytes_free, peak;
    size_t limit;         /* top may pass base + limit only when ... */
    size_t reserve;       /* ... the reserve past it is open: */
    int reserve_open;
} R;

static struct {
    uintptr_t start, end;
} statics[16];
static int nstatics;

static inline size_t chunk_size(const chunk *c) { return c->head & ~CHUNK_FLAGS; }
static inline chunk *chunk_of(const void *p) { return (chunk *)((uintptr_t)p - CHUNK_HDR); }
static inline void *payload(chunk *c) { return (char *)c + CHUNK_HDR; }
static inline chunk *next_chunk(chunk *c) { return (chunk *)((uintptr_t)c + chunk_size(c)); }

static unsigned bin_index(size_t size)
{
    if (size < NSMALLBINS * 16u)
        return (unsigned)(size / 16u);
    unsigned lg = 31u - (unsigned)__builtin_clz((unsigned)size); /* >= 10 */
    unsigned i = NSMALLBINS + (lg - 10u);
    return i < NBINS ? i : NBINS - 1;
}

static void bin_insert(chunk *c)
{
    unsigned i = bin_index(chunk_size(c));
    c->next = R.bins[i];
    c->prev = NULL;
    if (c->next)
        c->next->prev = c;
    R.bins[i] = c;
    R.binmap[i / 32] |= 1u << (i % 32);
    R.bytes_free += chunk_size(c);
}

static void bin_remove(chunk *c)
{
    unsigned i = bin_index(chunk_size(c));
    if (c->prev)
        c->prev->next = c->next;
    else
        R.bins[i] = c->next;
    if (c->next)
        c->next->prev = c->prev;
    if (R.bins[i] == NULL)
        R.binmap[i / 32] &= ~(1u << (i % 32));
    R.bytes_free -= chunk_size(c);
}

/* Marks the chunk after c (or top) as having a free/used left neighbour. */
static void set_next_prev_inuse(chunk *c, int inuse)
{
    uintptr_t n = (uintptr_t)c + chunk_size(c);
    if (n == R.top) {
        R.top_prev_inuse = inuse;
        return;
    }
    chunk *nc = (chunk *)n;
    if (inuse)
        nc->head |= CHUNK_PREV_INUSE;
    else {
        nc->head &= ~CHUNK_PREV_INUSE;
        nc->prev_size = (uint32_t)chunk_size(c);
    }
}

/* Makes [base, upto) usable memory. */
static int commit(uintptr_t upto)
{
    if (upto > R.end)
        return -1;
#ifdef __EMSCRIPTEN__
    if (upto > R.committed) {
        size_t grow = (upto - R.committed + 65535u) & ~(size_t)65535u;
        if (R.committed + grow > R.end)
            grow = R.end - R.committed;
        if (sbrk((intptr_t)grow) == (void *)-1)
            return -1;
        R.committed += grow;
    }
#endif
    return 0;
}

int hl_region_init(size_t limit)
{
    if (R.base)
        return 0;
    limit = (limit + 65535u) & ~(size_t)65535u;
    size_t reserve = limit / 16u;
    reserve = reserve < RESERVE_MIN ? RESERVE_MIN : reserve > RESERVE_MAX ? RESERVE_MAX : reserve;
    reserve = (reserve + 65535u) & ~(size_t)65535u;
#ifdef __EMSCRIPTEN__
    uintptr_t b = (uintptr_t)sbrk(0);
    uintptr_t aligned = (b + 15u) & ~(uintptr_t)15u;
    if (aligned != b && sbrk((intptr_t)(aligned - b)) == (void *)-1)
        return -1;
    R.base = aligned;
    R.committed = aligned;
#else
    /* Ask for a fixed-looking address first so that native runs print
     * similar ids from run to run; take any address if it is not free. */
    void *want = (void *)(uintptr_t)0x20000000u;
    void *p = mmap(want, limit + reserve, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return -1;
    R.base = (uintptr_t)p;
#endif
    R.end = R.base + limit + reserve;
    R.top = R.base;
    R.top_prev_inuse = 1;
    R.limit = limit;
    R.reserve = reserve;
    return 0;
}

void hl_region_fini(void)
{
#ifndef __EMSCRIPTEN__
    if (R.base)
        munmap((void *)R.base, R.end - R.base);
#endif
    memset(&R, 0, sizeof R);
}

size_t hl_region_limit(void) { return R.limit; }
uintptr_t hl_region_base(void) { return R.base; }
uintptr_t hl_region_top(void) { return R.top; }

static chunk *take_from_bins(size_t need)
{
    unsigned i = bin_index(need);
    /* In the exact bins every chunk of bin i fits; in the log bins the
     * first bin may hold smaller chunks, so scan it, then take any chunk of
     * a higher non-empty bin. */
    if (i >= NSMALLBINS) {
        for (chunk *c = R.bins[i]; c; c = c->next)
            if (chunk_size(c) >= need)
                return c;
        i++;
    }
    for (unsigned w = i / 32; w < (NBINS + 31) / 32; w++) {
        uint32_t bits = R.binmap[w];
        if (w == i / 32)
            bits &= ~0u << (i % 32);
        if (bits)
            return R.bins[w * 32 + (unsigned)__builtin_ctz(bits)];
    }
    return NULL;
}

static void *use_chunk(chunk *c, size_t need)
{
    size_t size = chunk_size(c);
    if (size - need >= CHUNK_MIN) {
        chunk *rest = (chunk *)((uintptr_t)c + need);
        rest->head = (uint32_t)(size - need) | CHUNK_PREV_INUSE;
        rest->kind = 0;
        c->head = (uint32_t)need | (c->head & CHUNK_PREV_INUSE) | CHUNK_INUSE;
        set_next_prev_inuse(rest, 0);
        bin_insert(rest);
    } else {
        c->head |= CHUNK_INUSE;
        set_next_prev_inuse(c, 1);
    }
    c->kind = HL_BLOCK_DATA;
    R.bytes_in_use += chunk_size(c) - CHUNK_HDR;
    R.blocks_in_use++;
    return payload(c);
}

void *hl_raw_malloc(size_t n)
{
    if (n > R.limit)
        return NULL;
    size_t need = (n + CHUNK_HDR + 15u) & ~(size_t)15u;
    if (need < CHUNK_MIN)
        need = CHUNK_MIN;
    chunk *c = take_from_bins(need);
    if (c) {
        bin_remove(c);
        return use_chunk(c, need);
    }
    /* Sizes, not end addresses: top + need may wrap past 4 GiB. */
    uintptr_t end = R.reserve_open ? R.end : R.end - R.reserve;
    if (need > end - R.top || commit(R.top + need) < 0) {
        R.reserve_open = 1; /* for what runs after this failure */
        return NULL;
    }
    c = (chunk *)R.top;
    c->head = (uint32_t)need | CHUNK_INUSE | (R.top_prev_inuse ? CHUNK_PREV_INUSE : 0);
    c->kind = HL_BLOCK_DATA;
    R.top += need;
    R.top_prev_inuse = 1;
    if (R.top - R.base > R.peak)
        R.peak = R.top - R.base;
    R.bytes_in_use += need - CHUNK_HDR;
    R.blocks_in_use++;
    return payload(c);
}

void *hl_raw_calloc(size_t n)
{
    void *p = hl_raw_malloc(n);
    if (p)
        memset(p, 0, n);
    return p;
}

void hl_raw_free(void *p)
{
    if (p == NULL)
        return;
    chunk *c = chunk_of(p);
    if (!(c->head & CHUNK_INUSE))
        hl_fatal("hl_raw_free: double free of %p", p);
    size_t size = chunk_size(c);
    R.bytes_in_use -= size - CHUNK_HDR;
    R.blocks_in_use--;
    if (R.reserve_open && R.bytes_in_use + R.reserve <= R.limit)
        R.reserve_open = 0;
    c->head &= ~CHUNK_INUSE;
    c->kind = 0;
    /* Merge with the right neighbour. */
    uintptr_t n = (uintptr_t)c + size;
    if (n != R.top) {
        chunk *nc = (chunk *)n;
        if (!(nc->head & CHUNK_INUSE)) {
            bin_remove(nc);
            size += chunk_size(nc);
        }
    }
    /* Merge with the left neighbour. */
    if (!(c->head & CHUNK_PREV_INUSE)) {
        chunk *pc = (chunk *)((uintptr_t)c - c->prev_size);
        bin_remove(pc);
        size += chunk_size(pc);
        c = pc;
    }
    c->head = (uint32_t)size | (c->head & CHUNK_PREV_INUSE);
    if ((uintptr_t)c + size == R.top) {
        R.top = (uintptr_t)c;
        R.top_prev_inuse = (c->head & CHUNK_PREV_INUSE) != 0;
        return;
    }
    set_next_prev_inuse(c, 0);
    bin_insert(c);
}

size_t hl_raw_usable_size(const void *p) { return chunk_size(chunk_of(p)) - CHUNK_HDR; }

void *hl_raw_realloc(void *p, size_t n)
{
    if (p == NULL)
        return hl_raw_malloc(n);
    chunk *c = chunk_of(p);
    size_t have = chunk_size(c);
    size_t need = (n + CHUNK_HDR + 15u) & ~(size_t)15u;
    if (need < CHUNK_MIN)
        need = CHUNK_MIN;
    if (need <= have)
        return p; /* shrinking keeps the block: cheap and never fails */
    /* The last chunk before top grows in place. */
    if ((uintptr_t)c + have == R.top) {
        size_t extra = need - have;
        if (extra <= R.end - R.top && commit(R.top + extra) == 0) {
            c->head = (uint32_t)need | (c->head & CHUNK_FLAGS);
            R.top += extra;
            if (R.top - R.base > R.peak)
                R.peak = R.top - R.base;
            R.bytes_in_use += extra;
            return p;
        }
    }
    void *q = hl_raw_malloc(n);
    if (q == NULL)
        return NULL;
    memcpy(q, p, have - CHUNK_HDR);
    chunk_of(q)->kind = c->kind;
    hl_raw_free(p);
    return q;
}

int hl_raw_owns(const void *p)
{
    uintptr_t a = (uintptr_t)p;
    if (a < R.base + CHUNK_HDR || a >= R.top || (a & 15u))
        return 0;
    /* Walk is too slow to do here; trust the header's in-use bit after the
     * cheap range check.  Callers only pass pointers they got from us. */
    return (chunk_of(p)->head & CHUNK_INUSE) != 0;
}

void hl_raw_set_kind(void *p, unsigned kind) { chunk_of(p)->kind = kind; }
unsigned hl_raw_get_kind(const void *p) { return chunk_of(p)->kind; }

void hl_raw_foreach(hl_raw_visit fn, void *arg)
{
    uintptr_t a = R.base;
    while (a < R.top) {
        chunk *c = (chunk *)a;
        size_t s = chunk_size(c);
        if (c->head & CHUNK_INUSE)
            fn(payload(c), s - CHUNK_HDR, c->kind, arg);
        a += s;
    }
}

void hl_raw_get_stats(hl_raw_stats *st)
{
    st->bytes_in_use = R.bytes_in_use;
    st->blocks_in_use = R.blocks_in_use;
    st->bytes_free = R.bytes_free;
    st->bytes_reserved = R.top - R.base;
    st->peak_reserved = R.peak;
}

void hl_mem_register_static(const void *start, size_t n)
{
    if (nstatics == (int)(sizeof statics / sizeof statics[0]))
        hl_fatal("too many static memory ranges");
    statics[nstatics].start = (uintptr_t)start;
    statics[nstatics].end = (uintptr_t)start + n;
    nstatics++;
}

int hl_mem_readable(uintptr_t addr, size_t n)
{
    if (addr + n < addr)
        return 0;
    if (addr >= R.base && addr + n <= R.top)
        return 1;
    for (int i = 0; i < nstatics; i++)
        if (addr >= statics[i].start && addr + n <= statics[i].end)
            return 1;
    return 0;
}
