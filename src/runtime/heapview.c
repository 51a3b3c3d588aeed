/*
 * heapview.c — what the page shows, read straight from the allocator and
 * the collector without disturbing either.
 *
 * Size classes and pools come from walking the arenas exactly as
 * sys._debugmallocstats does.  Objects are found by walking every pool's
 * blocks and every large block and keeping those the object allocator
 * marked (the two-bit kind of obmalloc.c / sysmem.c), skipping blocks whose
 * refcount is 0: those are objects parked on a free list, dead to Python.
 * An object's generation is found by looking its address up in a table
 * built from the generation lists.
 *
 * Scratch memory comes from the region allocator, never from pymalloc, so
 * that reading the heap does not change the pools being read.  (It does
 * count against the heap limit while the readout runs.)
 */
#include "heapview.h"

#include <stdlib.h>
#include <string.h>

#include "gc.h"
#include "obmalloc.h"
#include "sysmem.h"
#include "weakref.h"
#include "../objects/dictobject.h"
#include "../objects/listobject.h"
#include "../objects/longobject.h"
#include "../objects/strobject.h"

unsigned hl_heapview_nsizeclasses(void) { return NB_SMALL_SIZE_CLASSES; }

/* Visits each carved pool of each arena. */
typedef void (*pool_visit)(const hl_arena_info *a, uint32_t arena_slot, uintptr_t pool, void *arg);

static uint32_t foreach_pool(pool_visit fn, void *arg)
{
    uint32_t n = 0, slot = 0;
    for (unsigned i = 0; i < hl_obmalloc_max_arenas(); i++) {
        hl_arena_info a;
        if (!hl_obmalloc_arena(i, &a))
            continue;
        for (unsigned p = 0; p < a.ntotalpools; p++) {
            if (fn)
                fn(&a, slot, a.first_pool + (uintptr_t)p * POOL_SIZE, arg);
            n++;
        }
        slot++;
    }
    return n;
}

static void count_class(const hl_arena_info *a, uint32_t slot, uintptr_t pool, void *arg)
{
    hl_hv_sizeclass *out = arg;
    if ((pool - a->first_pool) / POOL_SIZE >= a->npools_carved)
        return;
    hl_pool_info pi;
    hl_obmalloc_pool(pool, &pi);
    if (pi.ref_count == 0)
        return;
    out[pi.szidx].num_pools++;
    out[pi.szidx].blocks_in_use += pi.ref_count;
    out[pi.szidx].avail_blocks += pi.nblocks - pi.ref_count;
}

void hl_heapview_sizeclasses(hl_hv_sizeclass *out)
{
    for (unsigned i = 0; i < NB_SMALL_SIZE_CLASSES; i++) {
        out[i].size = INDEX2SIZE(i);
        out[i].num_pools = out[i].blocks_in_use = out[i].avail_blocks = 0;
    }
    foreach_pool(count_class, out);
}

uint32_t hl_heapview_arenas(hl_hv_arena *out, uint32_t max)
{
    uint32_t n = 0;
    for (unsigned i = 0; i < hl_obmalloc_max_arenas(); i++) {
        hl_arena_info a;
        if (!hl_obmalloc_arena(i, &a))
            continue;
        if (n < max) {
            out[n].address = (uint32_t)a.address;
            out[n].index = a.index;
            out[n].ntotalpools = a.ntotalpools;
            out[n].nfreepools = a.nfreepools;
            out[n].first_pool = (uint32_t)a.first_pool;
            out[n].npools_carved = a.npools_carved;
        }
        n++;
    }
    return n;
}

struct pool_arg {
    hl_hv_pool *out;
    uint32_t max, n;
};

static void record_pool(const hl_arena_info *a, uint32_t slot, uintptr_t pool, void *arg)
{
    struct pool_arg *pa = arg;
    if (pa->n < pa->max) {
        hl_hv_pool *p = &pa->out[pa->n];
        p->address = (uint32_t)pool;
        p->arena = (uint16_t)slot;
        if ((pool - a->first_pool) / POOL_SIZE >= a->npools_carved) {
            p->state = HL_POOL_UNCARVED;
            p->szidx = 0;
            p->ref_count = 0;
            p->nblocks = 0;
        } else {
            hl_pool_info pi;
            hl_obmalloc_pool(pool, &pi);
            p->szidx = (uint8_t)(pi.szidx < NB_SMALL_SIZE_CLASSES ? pi.szidx : 0);
            p->ref_count = (uint16_t)pi.ref_count;
            p->nblocks = (uint16_t)pi.nblocks;
            p->state = pi.ref_count == 0 ? HL_POOL_EMPTY
                       : pi.ref_count == pi.nblocks ? HL_POOL_FULL
                                                    : HL_POOL_USED;
        }
    }
    pa->n++;
}

uint32_t hl_heapview_pools(hl_hv_pool *out, uint32_t max)
{
    struct pool_arg pa = {out, max, 0};
    foreach_pool(record_pool, &pa);
    return pa.n;
}

void hl_heapview_generations(hl_hv_generation out[4])
{
    for (int i = 0; i < 4; i++) {
        struct gc_generation *g = i < NUM_GENERATIONS ? &hl_gcstate.generations[i]
                                                      : &hl_gcstate.permanent_generation;
        out[i].count = g->count;
        out[i].threshold = g->threshold;
        out[i].members = (int32_t)hl_gc_generation_size(i);
        if (i < NUM_GENERATIONS) {
            out[i].collections = (int32_t)hl_gcstate.generation_stats[i].collections;
            out[i].collected = (int32_t)hl_gcstate.generation_stats[i].collected;
            out[i].uncollectable = (int32_t)hl_gcstate.generation_stats[i].uncollectable;
        } else {
            out[i].collections = out[i].collected = out[i].uncollectable = 0;
        }
    }
}

/* ---- objects ------------------------------------------------------------- */

static HLObject *object_in_block(uintptr_t block, unsigned kind)
{
    switch (kind) {
    case HL_BLOCK_OBJECT: return (HLObject *)block;
    case HL_BLOCK_GC: return (HLObject *)(block + sizeof(HLGCHead));
    case HL_BLOCK_GC_MANAGED: return (HLObject *)(block + sizeof(HLGCHead) + 2 * sizeof(void *));
    default: return NULL;
    }
}

struct foreach_arg {
    hl_object_visit fn;
    void *arg;
};

static void visit_pool_objects(const hl_arena_info *a, uint32_t slot, uintptr_t pool, void *arg)
{
    struct foreach_arg *fa = arg;
    if ((pool - a->first_pool) / POOL_SIZE >= a->npools_carved)
        return;
    hl_pool_info pi;
    hl_obmalloc_pool(pool, &pi);
    if (pi.ref_count == 0)
        return;
    for (unsigned b = 0; b < pi.nblocks; b++) {
        unsigned kind = hl_obmalloc_block_kind(pool, b);
        if (kind == HL_BLOCK_DATA)
            continue;
        uintptr_t block = hl_obmalloc_block_address(pool, b);
        HLObject *op = object_in_block(block, kind);
        if (op->ob_refcnt > 0 && op->ob_type != NULL)
            fa->fn(op, 0, fa->arg);
    }
}

static void visit_raw_object(void *block, size_t size, unsigned kind, void *arg)
{
    struct foreach_arg *fa = arg;
    if (kind == HL_BLOCK_DATA)
        return;
    HLObject *op = object_in_block((uintptr_t)block, kind);
    if (op->ob_refcnt > 0 && op->ob_type != NULL)
        fa->fn(op, 1, fa->arg);
}

void hl_heap_foreach(hl_object_visit fn, void *arg)
{
    struct foreach_arg fa = {fn, arg};
    foreach_pool(visit_pool_objects, &fa);
    hl_raw_foreach(visit_raw_object, &fa);
}

size_t hl_sizeof_builtin(HLObject *op)
{
    HLTypeObject *tp = HL_TYPE(op);
    size_t pre = hl_type_preheader_size(tp);
    if (hl_list_check(op))
        return pre + (size_t)tp->tp_basicsize + (size_t)((HLListObject *)op)->allocated * sizeof(void *);
    if (hl_dict_check(op))
        return pre + (size_t)hl_dict_sizeof(op);
    if (hl_str_check(op))
        return pre + (size_t)hl_str_sizeof(op);
    if (hl_long_check(op))
        return pre + (size_t)hl_long_sizeof(op);
    size_t s = (size_t)tp->tp_basicsize;
    if (tp->tp_itemsize) {
        hl_ssize_t n = HL_SIZE(op);
        s += (size_t)(n < 0 ? -n : n) * (size_t)tp->tp_itemsize;
    }
    return pre + s;
}

/* The generation of every tracked object, by address: an open-addressing
 * table (linear probing, at most two thirds full) of addresses with the
 * generation (0-2, 3 = permanent) in their two low bits, which are zero in
 * any object's address.  Built by walking the generation lists once, so a
 * readout of n objects costs O(n), not a sort. */
typedef struct {
    uintptr_t *slots;
    uintptr_t mask;
} gen_index;

static inline uintptr_t gen_hash(uintptr_t addr) { return (uintptr_t)((uint32_t)(addr >> 2) * 2654435761u); }

static int build_gen_index(gen_index *ix)
{
    size_t n = 0;
    for (int g = 0; g <= NUM_GENERATIONS; g++)
        n += (size_t)hl_gc_generation_size(g);
    ix->slots = NULL;
    ix->mask = 0;
    if (n == 0)
        return 0;
    size_t cap = 16;
    while (cap < n + n / 2)
        cap <<= 1;
    ix->slots = hl_raw_calloc(cap * sizeof(uintptr_t));
    if (ix->slots == NULL)
        return -1;
    ix->mask = cap - 1;
    for (int g = 0; g <= NUM_GENERATIONS; g++) {
        HLGCHead *head = g < NUM_GENERATIONS ? &hl_gcstate.generations[g].head
                                             : &hl_gcstate.permanent_generation.head;
        for (HLGCHead *gc = (HLGCHead *)head->_gc_next; gc != head && n > 0; gc = (HLGCHead *)gc->_gc_next, n--) {
            uintptr_t addr = (uintptr_t)HL_FROM_GC(gc), i = gen_hash(addr) & ix->mask;
            while (ix->slots[i])
                i = (i + 1) & ix->mask;
            ix->slots[i] = addr | (uintptr_t)g;
        }
    }
    return 0;
}

static int find_gen(const gen_index *ix, uintptr_t addr)
{
    if (ix->slots == NULL)
        return -1;
    for (uintptr_t i = gen_hash(addr) & ix->mask; ix->slots[i]; i = (i + 1) & ix->mask)
        if ((ix->slots[i] & ~(uintptr_t)3) == addr)
            return (int)(ix->slots[i] & 3);
    return -1;
}

struct objects_arg {
    hl_hv_object *out;
    uint32_t max, n;
    gen_index idx;
};

static void record_object(HLObject *op, int large, void *arg)
{
    struct objects_arg *oa = arg;
    if (oa->n < oa->max) {
        hl_hv_object *o = &oa->out[oa->n];
        HLTypeObject *tp = HL_TYPE(op);
        o->address = (uint32_t)(uintptr_t)op;
        o->type = (uint32_t)(uintptr_t)tp;
        o->refcnt = (int32_t)op->ob_refcnt;
        o->size = (uint32_t)hl_sizeof_builtin(op);
        o->flags = large ? HL_HVF_LARGE : 0;
        if (!hl_object_is_gc(op)) {
            o->generation = HL_GEN_NOT_GC;
        } else {
            o->generation = (int8_t)(hl_gc_is_tracked(op) ? find_gen(&oa->idx, (uintptr_t)op)
                                                          : HL_GEN_UNTRACKED);
            if (HL_AS_GC(op)->_gc_prev & HL_GC_PREV_MASK_FINALIZED)
                o->flags |= HL_HVF_FINALIZED;
        }
        hl_ssize_t w = tp->tp_weaklistoffset > 0 ? hl_weakref_count(op) : 0;
        o->weakrefs = (uint16_t)(w > 65535 ? 65535 : w);
    }
    oa->n++;
}

uint32_t hl_heapview_objects(hl_hv_object *out, uint32_t max)
{
    struct objects_arg oa = {out, max, 0, {NULL, 0}};
    build_gen_index(&oa.idx); /* without memory for it, generations read -1 */
    hl_heap_foreach(record_object, &oa);
    hl_raw_free(oa.idx.slots);
    return oa.n;
}

struct collect_arg {
    uint32_t *out;
    uint32_t max, n;
};

static void record_unreachable(HLObject *op, void *arg)
{
    struct collect_arg *ca = arg;
    if (ca->n < ca->max)
        ca->out[ca->n] = (uint32_t)(uintptr_t)op;
    ca->n++;
}

int32_t hl_heapview_would_collect(uint32_t *out, uint32_t max)
{
    struct collect_arg ca = {out, max, 0};
    hl_ssize_t r = hl_gc_would_collect(record_unreachable, &ca);
    return r < 0 ? -1 : (int32_t)ca.n;
}
