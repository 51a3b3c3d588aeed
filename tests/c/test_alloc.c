/*
 * test_alloc.c — pymalloc and the region allocator: size classes, pool and
 * arena lifecycles, free lists, sys._debugmallocstats' layout, the heap
 * limit, and the heap view's agreement with the allocator.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "../../src/objects/dictobject.h"
#include "../../src/objects/listobject.h"
#include "../../src/objects/tupleobject.h"
#include "../../src/runtime/audit.h"
#include "../../src/runtime/errors.h"
#include "../../src/runtime/gc.h"
#include "../../src/runtime/heapview.h"
#include "../../src/runtime/obmalloc.h"
#include "../../src/runtime/strbuf.h"
#include "../../src/runtime/sysmem.h"

static hl_pool_info pool_of(void *p)
{
    hl_pool_info pi;
    hl_obmalloc_pool((uintptr_t)p & ~(uintptr_t)POOL_SIZE_MASK, &pi);
    return pi;
}

TEST(alloc_size_class_mapping)
{
    for (size_t n = 1; n <= SMALL_REQUEST_THRESHOLD; n++) {
        void *p = hl_mem_malloc(n);
        REQUIRE(p != NULL);
        REQUIRE(hl_obmalloc_owns(p));
        CHECK_EQ(pool_of(p).szidx, (n - 1) >> ALIGNMENT_SHIFT);
        CHECK_EQ((uintptr_t)p % ALIGNMENT, 0);
        hl_mem_free(p);
    }
    void *big = hl_mem_malloc(SMALL_REQUEST_THRESHOLD + 1);
    REQUIRE(big != NULL);
    CHECK(!hl_obmalloc_owns(big));
    hl_mem_free(big);
    void *zero = hl_mem_malloc(0); /* pymalloc refuses 0 bytes: the system serves it */
    CHECK(zero != NULL && !hl_obmalloc_owns(zero));
    hl_mem_free(zero);
}

TEST(alloc_pool_lifecycle)
{
    /* Size class 31 (512 bytes): few blocks per pool, quick to fill. */
    unsigned nb = hl_obmalloc_nblocks(31);
    void **blocks = calloc(nb + 1, sizeof(void *));
    for (unsigned i = 0; i < nb; i++)
        blocks[i] = hl_mem_malloc(512);
    uintptr_t pool = (uintptr_t)blocks[0] & ~(uintptr_t)POOL_SIZE_MASK;
    /* Blocks are carved in address order from a fresh pool. */
    for (unsigned i = 1; i < nb; i++)
        CHECK((uintptr_t)blocks[i] == (uintptr_t)blocks[i - 1] + 512);
    CHECK_EQ(pool_of(blocks[0]).ref_count, nb); /* full */
    /* The next block needs a new pool. */
    blocks[nb] = hl_mem_malloc(512);
    CHECK(((uintptr_t)blocks[nb] & ~(uintptr_t)POOL_SIZE_MASK) != pool);
    /* Freeing one block of the full pool makes it "used" again and the
     * next allocation of the class is served from it (front of usedpools). */
    hl_mem_free(blocks[3]);
    void *again = hl_mem_malloc(512);
    CHECK(again == blocks[3]);
    /* Freeing every block empties the pool. */
    for (unsigned i = 0; i < nb; i++)
        hl_mem_free(blocks[i]);
    CHECK_EQ(pool_of((void *)pool).ref_count, 0);
    /* A freed block's first word is the free-list link (or NULL). */
    hl_mem_free(blocks[nb]);
    free(blocks);
}

TEST(alloc_arena_lifecycle)
{
    hl_obmalloc_counters c0, c1, c2;
    hl_obmalloc_counters_get(&c0);
    /* Fill every pool of every arena with 512-byte blocks until a new
     * arena is allocated; at that moment no arena had a free pool left. */
    size_t cap = 1 << 20, n = 0;
    void **blocks = malloc(sizeof(void *) * cap);
    for (;;) {
        void *p = hl_mem_malloc(512);
        REQUIRE(p != NULL && n < cap);
        hl_obmalloc_counters_get(&c1);
        if (c1.arenas_current > c0.arenas_current) {
            /* The previous arenas are full: every pool carved and in use. */
            hl_hv_arena arenas[64];
            uint32_t na = hl_heapview_arenas(arenas, 64);
            uint32_t newest = 0;
            for (uint32_t i = 0; i < na; i++)
                if ((uintptr_t)p >= arenas[i].address && (uintptr_t)p < arenas[i].address + ARENA_SIZE)
                    newest = i;
            for (uint32_t i = 0; i < na; i++)
                if (i != newest)
                    CHECK_EQ(arenas[i].nfreepools, 0);
            blocks[n++] = p;
            break;
        }
        blocks[n++] = p;
    }
    /* Two more arenas' worth, then free everything: empty arenas go back
     * to the system except the last usable one (bpo-37257). */
    unsigned per_arena = hl_obmalloc_nblocks(31) * (ARENA_SIZE / POOL_SIZE);
    for (unsigned i = 0; i < 2 * per_arena; i++)
        blocks[n++] = hl_mem_malloc(512);
    hl_obmalloc_counters_get(&c1);
    CHECK(c1.arenas_current >= c0.arenas_current + 3);
    for (size_t i = 0; i < n; i++)
        hl_mem_free(blocks[i]);
    hl_obmalloc_counters_get(&c2);
    CHECK(c2.arenas_current < c1.arenas_current);
    CHECK(c2.arenas_current <= c0.arenas_current + 1);
    CHECK_EQ(c2.arenas_highwater, c1.arenas_current);
    free(blocks);
}

TEST(alloc_list_free_list_reuse)
{
    HLObject *a = hl_list_new(0);
    uintptr_t id = (uintptr_t)a;
    hl_decref(a);
    HLObject *b = hl_list_new(0);
    CHECK_EQ((uintptr_t)b, id); /* id([]) == id([]) */
    hl_decref(b);
    /* At most 80 lists are kept. */
    HLObject *many[100];
    for (int i = 0; i < 100; i++)
        many[i] = hl_list_new(0);
    for (int i = 0; i < 100; i++)
        hl_decref(many[i]);
    CHECK_EQ(hl_list_free_list_count(), HL_LIST_MAXFREELIST);
    /* A full collection empties the free lists. */
    hl_gc_collect(2);
    CHECK_EQ(hl_list_free_list_count(), 0);
}

TEST(alloc_tuple_free_lists)
{
    hl_gc_collect(2);
    for (int size = 1; size <= HL_TUPLE_MAXSAVESIZE; size++) {
        HLObject *t = hl_tuple_new(size);
        uintptr_t id = (uintptr_t)t;
        hl_decref(t);
        CHECK_EQ(hl_tuple_free_list_count(size), 1);
        HLObject *u = hl_tuple_new(size);
        if (size < HL_TUPLE_MAXSAVESIZE) {
            CHECK_EQ((uintptr_t)u, id);
            CHECK_EQ(hl_tuple_free_list_count(size), 0);
        } else {
            /* 3.11 saves 20-item tuples but never reuses them. */
            CHECK_EQ(hl_tuple_free_list_count(size), 1);
        }
        hl_decref(u);
    }
}

TEST(alloc_dict_free_list_reuse)
{
    HLObject *d = hl_dict_new();
    uintptr_t id = (uintptr_t)d;
    hl_decref(d);
    CHECK_EQ(hl_dict_free_list_count(), 1);
    d = hl_dict_new();
    CHECK_EQ((uintptr_t)d, id);
    hl_decref(d);
}

/* Replaces every run of digits (and thousands commas) with '#' and every
 * run of spaces with one space: the padding depends on the numbers. */
static void normalize_numbers(const char *in, hl_strbuf *out)
{
    for (const char *p = in; *p;) {
        if (*p >= '0' && *p <= '9') {
            while ((*p >= '0' && *p <= '9') || (*p == ',' && p[1] >= '0' && p[1] <= '9'))
                p++;
            hl_sb_putc(out, '#');
        } else if (*p == ' ') {
            while (*p == ' ')
                p++;
            hl_sb_putc(out, ' ');
        } else {
            hl_sb_putc(out, *p++);
        }
    }
}

/* The text up to "arena map counts", without the per-class rows. */
static void allocator_section_shape(const char *text, hl_strbuf *out)
{
    hl_strbuf norm = HL_STRBUF_INIT;
    normalize_numbers(text, &norm);
    const char *s = hl_sb_cstr(&norm);
    const char *end = strstr(s, "arena map counts");
    while (*s && (!end || s < end)) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s + 1) : strlen(s);
        /* a class row: "#  #  #  #  #" */
        int is_row = len > 0 && strspn(s, " #") == len - 1 && s[len - 1] == '\n' && memchr(s, '#', len);
        if (!is_row)
            hl_sb_append(out, s, len);
        s += len;
    }
    hl_sb_free(&norm);
}

TEST(alloc_debugmallocstats_layout)
{
    FILE *f = fopen(HL_TEST_FIXTURES "/debugmallocstats.txt", "r");
    REQUIRE(f != NULL);
    char cpy[65536];
    size_t n = fread(cpy, 1, sizeof cpy - 1, f);
    cpy[n] = 0;
    fclose(f);
    HLObject *keep = hl_list_new(0);
    hl_strbuf ours = HL_STRBUF_INIT, a = HL_STRBUF_INIT, b = HL_STRBUF_INIT;
    hl_obmalloc_debug_stats(&ours);
    allocator_section_shape(hl_sb_cstr(&ours), &a);
    allocator_section_shape(cpy, &b);
    CHECK_STR(hl_sb_cstr(&a), hl_sb_cstr(&b));
    /* The class rows themselves: "%5u %6u %11zu %15zu %13zu". */
    const char *row = strstr(hl_sb_cstr(&ours), "-----   ----   ---------   -------------  ------------\n");
    REQUIRE(row != NULL);
    row = strchr(row, '\n') + 1;
    unsigned cls, size;
    size_t pools, used, avail;
    CHECK_EQ(sscanf(row, "%5u %6u %11zu %15zu %13zu", &cls, &size, &pools, &used, &avail), 5);
    CHECK_EQ(size, (cls + 1) * ALIGNMENT);
    CHECK_EQ(strchr(row, '\n') - row, 5 + 1 + 6 + 1 + 11 + 1 + 15 + 1 + 13);
    /* Every "label = value" line is 35 + 1 + 21 columns wide (printone). */
    for (const char *line = hl_sb_cstr(&ours); *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        if (memchr(line, '=', len) && line[0] != 'S')
            CHECK_EQ(len, 57);
        line += len + (nl != NULL);
    }
    /* The arena accounting adds up, as CPython asserts. */
    const char *total = strstr(hl_sb_cstr(&ours), "Total");
    const char *arenas = strstr(hl_sb_cstr(&ours), "bytes/arena");
    REQUIRE(total && arenas);
    CHECK_STR(strndup(strchr(total, '='), 22), strndup(strchr(arenas, '='), 22));
    hl_sb_free(&ours);
    hl_sb_free(&a);
    hl_sb_free(&b);
    hl_decref(keep);
}

TEST(alloc_heap_limit_gives_memory_error)
{
    /* Allocate big lists until the heap is full: MemoryError, not a crash. */
    HLObject *keep = hl_list_new(0);
    int failed = 0;
    for (int i = 0; i < 100000 && !failed; i++) {
        HLObject *l = hl_list_new(1 << 18); /* 1 MiB of items */
        if (l == NULL) {
            failed = 1;
            HLObject *exc = hl_err_occurred();
            REQUIRE(exc != NULL);
            CHECK(HL_TYPE(exc) == (HLTypeObject *)hl_exc_MemoryError);
            hl_err_clear();
            break;
        }
        hl_list_append(keep, l);
        hl_decref(l);
    }
    CHECK(failed);
    hl_decref(keep);
    /* Everything is usable again. */
    HLObject *l = hl_list_new(1 << 18);
    CHECK(l != NULL);
    hl_decref(l);
}

static uint32_t count_type(HLTypeObject *tp)
{
    uint32_t total = hl_heapview_objects(NULL, 0);
    hl_hv_object *objs = malloc(sizeof(hl_hv_object) * (total + 16));
    uint32_t n = hl_heapview_objects(objs, total + 16), c = 0;
    for (uint32_t i = 0; i < n && i < total + 16; i++)
        if (objs[i].type == (uint32_t)(uintptr_t)tp)
            c++;
    free(objs);
    return c;
}

#ifdef HL_TORTURE
#define NLISTS 1000 /* each allocation scans the heap in torture builds */
#else
#define NLISTS 10000
#endif

TEST(heapview_objects_and_size_classes_agree)
{
    hl_gc_collect(2); /* empty the free lists */
    hl_hv_sizeclass before[NB_SMALL_SIZE_CLASSES], after[NB_SMALL_SIZE_CLASSES];
    uint32_t lists0 = count_type(&hl_list_type);
    hl_heapview_sizeclasses(before);
    HLObject *keep[NLISTS];
    for (int i = 0; i < NLISTS; i++)
        keep[i] = hl_list_new(0);
    hl_heapview_sizeclasses(after);
    /* A list is 20 bytes + 8 of GC head: 28 -> class 1 (32 bytes). */
    CHECK_EQ(after[1].blocks_in_use - before[1].blocks_in_use, NLISTS);
    CHECK_EQ(count_type(&hl_list_type), lists0 + NLISTS);
    /* Each shows as an untracked-or-young, 28-byte list. */
    hl_hv_object one;
    uint32_t total = hl_heapview_objects(NULL, 0);
    hl_hv_object *objs = malloc(sizeof(hl_hv_object) * total);
    hl_heapview_objects(objs, total);
    int seen = 0;
    for (uint32_t i = 0; i < total; i++)
        if (objs[i].address == (uint32_t)(uintptr_t)keep[5]) {
            one = objs[i];
            seen = 1;
        }
    free(objs);
    REQUIRE(seen);
    CHECK_EQ(one.size, 28);
    CHECK_EQ(one.refcnt, 1);
    CHECK(one.generation >= 0 && one.generation <= 2); /* young, or promoted by automatic collections */
    for (int i = 0; i < NLISTS; i++)
        hl_decref(keep[i]);
}

TEST(audit_detects_unexplained_reference)
{
    /* A list referenced only by a C local is "unexplained" too: the audit
     * needs every holder to be an object or a registered root. */
    HLObject *l = hl_list_new(0);
    hl_strbuf report = HL_STRBUF_INIT;
    CHECK_EQ(hl_audit(&report), -1);
    CHECK(strstr(hl_sb_cstr(&report), "list object") != NULL);
    CHECK(strstr(hl_sb_cstr(&report), "refcount 1 but 0 references") != NULL);
    hl_sb_free(&report);
    /* Held by a dict that is itself held by gc.garbage (a root): explained. */
    HLObject *d = hl_dict_new();
    hl_dict_set_item_str(d, "l", l);
    hl_list_append(hl_gcstate.garbage, d);
    hl_decref(d);
    hl_decref(l);
    hl_strbuf ok = HL_STRBUF_INIT;
    CHECK_EQ(hl_audit(&ok), 0);
    hl_sb_free(&ok);
    /* One reference too many on the list: reported. */
    hl_incref(l);
    hl_strbuf bad = HL_STRBUF_INIT;
    CHECK_EQ(hl_audit(&bad), -1);
    CHECK(strstr(hl_sb_cstr(&bad), "refcount 2 but 1 references") != NULL);
    hl_sb_free(&bad);
    hl_decref(l);
    hl_list_set_slice(hl_gcstate.garbage, 0, HL_SIZE(hl_gcstate.garbage), NULL);
}
