/*
 * sysmem.h — the "system allocator" under pymalloc: one contiguous region of
 * memory that holds the whole Python heap.  See sysmem.c.
 */
#ifndef HL_SYSMEM_H
#define HL_SYSMEM_H

#include "hlconfig.h"

/* What a raw block holds, for the heap enumeration (heapview.c).  The same
 * two-bit codes mark pymalloc blocks (obmalloc.c). */
enum {
    HL_BLOCK_DATA = 0,      /* a buffer: list items, dict keys, str data */
    HL_BLOCK_OBJECT = 1,    /* an object at the start of the block */
    HL_BLOCK_GC = 2,        /* a GC head, then the object */
    HL_BLOCK_GC_MANAGED = 3 /* managed-dict pre-header, GC head, object */
};

int hl_region_init(size_t limit);  /* 0 on success */
void hl_region_fini(void);
size_t hl_region_limit(void);
uintptr_t hl_region_base(void);
uintptr_t hl_region_top(void);  /* end of the part handed out so far */

void *hl_raw_malloc(size_t n);  /* 16-byte aligned; NULL past the limit */
void *hl_raw_calloc(size_t n);
void *hl_raw_realloc(void *p, size_t n);
void hl_raw_free(void *p);
size_t hl_raw_usable_size(const void *p);
int hl_raw_owns(const void *p); /* p is the start of a live raw block */

void hl_raw_set_kind(void *p, unsigned kind);
unsigned hl_raw_get_kind(const void *p);

/* Calls fn for each live raw block in address order. */
typedef void (*hl_raw_visit)(void *block, size_t size, unsigned kind, void *arg);
void hl_raw_foreach(hl_raw_visit fn, void *arg);

typedef struct hl_raw_stats {
    size_t bytes_in_use;   /* payload bytes of live blocks */
    size_t blocks_in_use;
    size_t bytes_free;     /* in free chunks below the top */
    size_t bytes_reserved; /* from the region base to the top */
    size_t peak_reserved;
} hl_raw_stats;
void hl_raw_get_stats(hl_raw_stats *st);

/* Whether [addr, addr+n) may be read: inside the handed-out part of the
 * region or inside a registered static range (static objects). */
int hl_mem_readable(uintptr_t addr, size_t n);
void hl_mem_register_static(const void *start, size_t n);

#endif /* HL_SYSMEM_H */
