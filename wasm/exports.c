/*
 * exports.c — the C side of the WebAssembly build: the few entry points the
 * JavaScript bridge (heaplab.js) calls, and the layout table it decodes
 * their results with.  Compiled only into the .wasm.
 *
 * Layout table.  Every struct the bridge reads from linear memory, every
 * field's offset, width and signedness, and every tag (output kinds, pool
 * states, generation codes, event kinds) is listed in LAYOUT below with
 * offsetof/sizeof, so the numbers come from the C compiler, not from a copy
 * kept by hand.  The bridge reads the table at load, builds its decoders
 * from it, and refuses to load if a name it needs is missing or the heap
 * view's layout version is not the one it understands.  Big tables (objects,
 * pools, events) are handed over as columns — each field of every record in
 * one array, in the table's field order, each column starting on a 4-byte
 * boundary — so that the bridge copies each into a typed array at once.
 *
 * Memory.  The Python heap is the region allocator's (src/runtime/sysmem.c):
 * it starts at the first sbrk and is committed upward as the heap grows, so
 * the same cells give the same addresses on every fresh instance.  What the
 * bridge passes in and what readouts pass out must not come from that
 * region's allocator or from pymalloc, or looking at the heap would move
 * the objects being looked at:
 *   - source text goes into a static buffer (a larger one into a region
 *     block freed as soon as the parser has its copy);
 *   - readouts write into scratch memory just above the region's top, past
 *     room for the temporary block the heap view or the collector's dry run
 *     takes from the region meanwhile.  Nothing else runs before the bridge
 *     has copied the result, so the region's next growth may reuse it.
 *     Linear memory grows to reach it when needed.
 *
 * Readouts never run Python code and never allocate Python objects: the
 * repr shown for object(id) is built here for the built-in types from their
 * fields (a user __repr__ could change the heap or re-enter a suspended
 * run), and referents/referrers come from tp_traverse, not from
 * gc.get_referrers (which allocates lists and may trigger a collection).
 */
#include <emscripten.h>
#include <emscripten/stack.h>
#include <stddef.h>
#include <string.h>

#include "../src/lang/ceval.h"
#include "../src/lang/pythonrun.h"
#include "../src/lang/session.h"
#include "../src/objects/dictobject.h"
#include "../src/objects/floatobject.h"
#include "../src/objects/funcobject.h"
#include "../src/objects/listobject.h"
#include "../src/objects/longobject.h"
#include "../src/objects/moduleobject.h"
#include "../src/objects/setobject.h"
#include "../src/objects/strobject.h"
#include "../src/objects/tupleobject.h"
#include "../src/objects/unicodectype.h"
#include "../src/runtime/audit.h"
#include "../src/runtime/errors.h"
#include "../src/runtime/events.h"
#include "../src/runtime/gc.h"
#include "../src/runtime/heapview.h"
#include "../src/runtime/obmalloc.h"
#include "../src/runtime/state.h"
#include "../src/runtime/strbuf.h"
#include "../src/runtime/sysmem.h"

#define EXPORT EMSCRIPTEN_KEEPALIVE

/* ---- result records (decoded by the bridge through the layout table) ---- */

typedef struct hl_wasm_heap {
    uint32_t sizeclasses, nsizeclasses; /* records */
    uint32_t generations, ngenerations; /* records */
    uint32_t arenas, narenas;           /* records */
    uint32_t pools, npools;             /* columns */
    uint32_t objects, nobjects;         /* columns */
    uint32_t types, ntypes;             /* the objects' distinct types */
    uint32_t free_floats, free_lists, free_dicts; /* objects parked on free lists */
    uint32_t region_base, region_limit, region_top;
    uint32_t raw_bytes_in_use, raw_blocks_in_use;
} hl_wasm_heap;

typedef struct hl_wasm_object {
    uint32_t address, type, size;
    int32_t refcnt;
    int32_t generation; /* as in hl_hv_object */
    uint32_t flags;     /* HL_HVF_* */
    uint32_t repr, repr_len;
    uint32_t referents, nreferents;   /* uint32 addresses */
    uint32_t referrers, nreferrers;
} hl_wasm_object;

typedef struct hl_wasm_list {
    uint32_t items, count; /* uint32 values, or columns of events */
    uint32_t lost;         /* events: overwritten unread */
} hl_wasm_list;

/* ---- the layout table ---------------------------------------------------- */

/* Names and values are two tables built from one list: the names as one
 * run of NUL-terminated ASCII strings (the bridge decodes them at every
 * start, at once), the values as 32-bit words, in the same order.
 * A field's value: offset | width << 16 | signed << 24. */
#define LAYOUT(FIELD, SIZE, CONST)                                                         \
    CONST(HL_HEAPVIEW_VERSION)                                                              \
    SIZE(hl_hv_sizeclass) FIELD(hl_hv_sizeclass, size) FIELD(hl_hv_sizeclass, num_pools)    \
    FIELD(hl_hv_sizeclass, blocks_in_use) FIELD(hl_hv_sizeclass, avail_blocks)              \
    SIZE(hl_hv_arena) FIELD(hl_hv_arena, address) FIELD(hl_hv_arena, index)                 \
    FIELD(hl_hv_arena, ntotalpools) FIELD(hl_hv_arena, nfreepools)                          \
    FIELD(hl_hv_arena, first_pool) FIELD(hl_hv_arena, npools_carved)                        \
    SIZE(hl_hv_pool) FIELD(hl_hv_pool, address) FIELD(hl_hv_pool, arena)                    \
    FIELD(hl_hv_pool, szidx) FIELD(hl_hv_pool, state) FIELD(hl_hv_pool, ref_count)          \
    FIELD(hl_hv_pool, nblocks)                                                              \
    SIZE(hl_hv_generation) FIELD(hl_hv_generation, count)                                   \
    FIELD(hl_hv_generation, threshold) FIELD(hl_hv_generation, members)                     \
    FIELD(hl_hv_generation, collections) FIELD(hl_hv_generation, collected)                 \
    FIELD(hl_hv_generation, uncollectable)                                                  \
    SIZE(hl_hv_object) FIELD(hl_hv_object, address) FIELD(hl_hv_object, type)               \
    FIELD(hl_hv_object, refcnt) FIELD(hl_hv_object, size) FIELD(hl_hv_object, generation)   \
    FIELD(hl_hv_object, flags) FIELD(hl_hv_object, weakrefs)                                \
    SIZE(hl_event) FIELD(hl_event, kind) FIELD(hl_event, seq) FIELD(hl_event, addr)         \
    FIELD(hl_event, a) FIELD(hl_event, b)                                                   \
    SIZE(hl_wasm_heap) FIELD(hl_wasm_heap, sizeclasses) FIELD(hl_wasm_heap, nsizeclasses)   \
    FIELD(hl_wasm_heap, generations) FIELD(hl_wasm_heap, ngenerations)                      \
    FIELD(hl_wasm_heap, arenas) FIELD(hl_wasm_heap, narenas) FIELD(hl_wasm_heap, pools)     \
    FIELD(hl_wasm_heap, npools) FIELD(hl_wasm_heap, objects) FIELD(hl_wasm_heap, nobjects)  \
    FIELD(hl_wasm_heap, types) FIELD(hl_wasm_heap, ntypes) FIELD(hl_wasm_heap, free_floats) \
    FIELD(hl_wasm_heap, free_lists) FIELD(hl_wasm_heap, free_dicts)                         \
    FIELD(hl_wasm_heap, region_base) FIELD(hl_wasm_heap, region_limit)                      \
    FIELD(hl_wasm_heap, region_top) FIELD(hl_wasm_heap, raw_bytes_in_use)                   \
    FIELD(hl_wasm_heap, raw_blocks_in_use)                                                  \
    SIZE(hl_wasm_object) FIELD(hl_wasm_object, address) FIELD(hl_wasm_object, type)         \
    FIELD(hl_wasm_object, size) FIELD(hl_wasm_object, refcnt)                               \
    FIELD(hl_wasm_object, generation) FIELD(hl_wasm_object, flags)                          \
    FIELD(hl_wasm_object, repr) FIELD(hl_wasm_object, repr_len)                             \
    FIELD(hl_wasm_object, referents) FIELD(hl_wasm_object, nreferents)                      \
    FIELD(hl_wasm_object, referrers) FIELD(hl_wasm_object, nreferrers)                      \
    SIZE(hl_wasm_list) FIELD(hl_wasm_list, items) FIELD(hl_wasm_list, count)                \
    FIELD(hl_wasm_list, lost)                                                               \
    CONST(HL_SESSION_DONE) CONST(HL_SESSION_SUSPENDED) CONST(HL_SESSION_FAILED)             \
    CONST(HL_OUT_STDOUT) CONST(HL_OUT_STDERR) CONST(HL_OUT_DISPLAY)                         \
    CONST(HL_OUT_ERROR_TYPE) CONST(HL_OUT_ERROR_MESSAGE) CONST(HL_OUT_TRACEBACK)            \
    CONST(HL_POOL_EMPTY) CONST(HL_POOL_USED) CONST(HL_POOL_FULL) CONST(HL_POOL_UNCARVED)    \
    CONST(HL_GEN_NOT_GC) CONST(HL_GEN_UNTRACKED) CONST(HL_GEN_PERMANENT)                    \
    CONST(HL_HVF_FINALIZED) CONST(HL_HVF_LARGE)                                             \
    CONST(HL_EV_ALLOC) CONST(HL_EV_FREE) CONST(HL_EV_GC_START) CONST(HL_EV_GC_DONE)         \
    CONST(HL_EV_FINALIZE) CONST(HL_EV_WEAKREF_CALLBACK) CONST(HL_EVENTS_CAPACITY)           \
    CONST(POOL_SIZE) CONST(ARENA_SIZE) CONST(ALIGNMENT) CONST(SMALL_REQUEST_THRESHOLD)      \
    CONST(NUM_GENERATIONS)

#define FIELD_NAME(T, f) #T "." #f "\0"
#define SIZE_NAME(T) "sizeof." #T "\0"
#define CONST_NAME(c) #c "\0"
#define FIELD_VALUE(T, f)                                                                  \
    (uint32_t)offsetof(T, f) | (uint32_t)sizeof(((T *)0)->f) << 16 |                      \
        (uint32_t)((__typeof__(((T *)0)->f))-1 < 0) << 24,
#define SIZE_VALUE(T) (uint32_t)sizeof(T),
#define CONST_VALUE(c) (uint32_t)(c),

static const char layout_names[] = LAYOUT(FIELD_NAME, SIZE_NAME, CONST_NAME);
static const uint32_t layout_values[] = {LAYOUT(FIELD_VALUE, SIZE_VALUE, CONST_VALUE)};
#define LAYOUT_COUNT (sizeof layout_values / sizeof layout_values[0])

/* {names, their length in bytes, values, count} */
static const uint32_t layout[4] = {(uint32_t)layout_names, sizeof layout_names - 1, (uint32_t)layout_values,
                                   LAYOUT_COUNT};
EXPORT const uint32_t *hl_wasm_layout(void) { return layout; }

/* Rewrites n records of struct `name` as columns at out (see the top);
 * returns the bytes written.  The fields come from the layout table, so
 * the order is the one the bridge reads. */
static uint32_t to_columns(const char *name, const void *records, uint32_t n, uint32_t stride, char *out)
{
    size_t len = strlen(name);
    char *col = out;
    const char *e = layout_names;
    for (size_t k = 0; k < LAYOUT_COUNT; k++, e += strlen(e) + 1) {
        if (strncmp(e, name, len) != 0 || e[len] != '.')
            continue;
        uint32_t off = layout_values[k] & 0xffff, size = layout_values[k] >> 16 & 0xff;
        const char *rec = (const char *)records + off;
        for (uint32_t i = 0; i < n; i++, rec += stride)
            switch (size) {
            case 1: col[i] = *rec; break;
            case 2: memcpy(col + 2 * i, rec, 2); break;
            default: memcpy(col + 4 * i, rec, 4); break;
            }
        col += (n * size + 3u) & ~3u;
    }
    return (uint32_t)(col - out);
}

/* ---- memory: growth belongs to the region --------------------------------- */

/* Grows linear memory to hold [0, upto): at least a quarter more each time,
 * since growing a memory costs more the larger it is. */
static int memory_reach(uint64_t upto)
{
    uint64_t have = (uint64_t)__builtin_wasm_memory_size(0) * 65536u;
    if (upto <= have)
        return 0;
    size_t need = (size_t)((upto - have + 65535u) / 65536u), more = (size_t)(have / 65536u / 4u);
    if (more > need && __builtin_wasm_memory_grow(0, more) != (size_t)-1)
        return 0;
    return __builtin_wasm_memory_grow(0, need) == (size_t)-1 ? -1 : 0;
}

/* The build links no C library malloc (-sMALLOC=none): a malloc calling
 * sbrk between two of the region's commits would break the region's
 * contiguity and the run-to-run addresses.  The region grows through this
 * sbrk alone; malloc is never called in this build (only the native CLI's
 * file reading in pythonrun.c uses it) and fails if it is. */
void *sbrk(intptr_t increment)
{
    extern char __heap_base[];
    static uintptr_t brk;
    if (brk == 0)
        brk = (uintptr_t)__heap_base;
    uintptr_t old = brk, want = old + (uintptr_t)increment;
    if ((increment > 0 && want < old) || memory_reach(want) < 0)
        return (void *)-1;
    brk = want;
    return (void *)old;
}

void *malloc(size_t n) { return NULL; }
void *calloc(size_t n, size_t m) { return NULL; }
void *realloc(void *p, size_t n) { return NULL; }
void free(void *p) {}

/* Scratch for a readout's result: n bytes above the region's top, past
 * `reserve` bytes that the region may hand out while the readout runs. */
static void *scratch(size_t reserve, size_t n)
{
    uintptr_t start = (hl_region_top() + reserve + 64u + 15u) & ~(uintptr_t)15u;
    return memory_reach((uint64_t)start + n) < 0 ? NULL : (void *)start;
}

/* What the heap view's generation index (under three words per tracked
 * object) and the collector's dry run (two) borrow from the region. */
static size_t tracked_reserve(void)
{
    size_t n = 0;
    for (int g = 0; g <= NUM_GENERATIONS; g++)
        n += (size_t)hl_gc_generation_size(g);
    return n * 3 * sizeof(void *) + 256;
}

/* ---- running -------------------------------------------------------------- */

/* c_stack: bytes of the C stack in linear memory that deep C recursion may
 * use before it raises RecursionError (0: all of it).  In WebAssembly most
 * of a C frame lives on the engine's own stack, which the runtime cannot
 * see and whose overflow is a trap; the bridge sizes this budget from the
 * engine's stack so that the linear stack runs out first (see heaplab.js). */
EXPORT int hl_wasm_init(uint32_t heap_limit, int capture, int events, uint32_t c_stack)
{
    if (hl_session_init(heap_limit, capture) < 0)
        return -1;
    uintptr_t base = emscripten_stack_get_base(), end = emscripten_stack_get_end();
    if (c_stack && c_stack + HL_C_STACK_MARGIN < base - end)
        hl_ts.c_stack_end = (char *)(base - c_stack - HL_C_STACK_MARGIN);
    hl_events_enabled = events; /* from here on: start-up is not the program's */
    return 0;
}

/* Where the bridge writes the source (and the file name after it). */
static char source_buf[1 << 20];
static char *source_big;

EXPORT char *hl_wasm_source(uint32_t n)
{
    if (n <= sizeof source_buf)
        return source_buf;
    hl_raw_free(source_big);
    return source_big = hl_raw_malloc(n);
}

/* mode 0: a script file (filename: its name, "<stdin>" for a program read
 * from stdin), 1: a cell, 2: a command string (python3 -c).  The source is
 * in hl_wasm_source's buffer, followed by the file name and, for a script,
 * argc arguments for sys.argv, each NUL-terminated.  Python code never sees
 * the buffer: the parser and the traceback line cache keep copies. */
EXPORT int hl_wasm_start(int mode, uint32_t len, const char *filename, uint32_t argc)
{
    const char *src = source_big ? source_big : source_buf;
    const char **argv = mode == 1 ? NULL : hl_raw_malloc((argc ? argc : 1) * sizeof(char *));
    int r = HL_SESSION_FAILED;
    if (mode == 1) {
        r = hl_session_start_cell(src, len);
    } else if (argv != NULL) {
        const char *arg = filename + strlen(filename) + 1;
        for (uint32_t i = 0; i < argc; arg += strlen(arg) + 1)
            argv[i++] = arg;
        r = hl_session_start_script(src, len, mode == 0 ? filename : NULL, (int)argc, argv);
    }
    hl_raw_free(argv);
    hl_raw_free(source_big);
    source_big = NULL;
    if (r == HL_SESSION_FAILED)
        hl_err_clear(); /* misuse (a run in progress, a finished script): the bridge prevents it */
    return r;
}

EXPORT void hl_wasm_set_limits(uint32_t slice, double fuel)
{
    hl_session_set_slice(slice);
    hl_eval_set_fuel(fuel > 0 ? (uint64_t)fuel : 0);
}

static uint32_t out_len;
EXPORT const char *hl_wasm_output(int which)
{
    size_t n;
    const char *s = hl_session_output(which, &n);
    out_len = (uint32_t)n;
    return s;
}
EXPORT uint32_t hl_wasm_output_len(void) { return out_len; }

/* The heap audit (as `heaplab --audit`): "" if consistent, else the report
 * (its length in hl_wasm_output_len). */
EXPORT const char *hl_wasm_audit(void)
{
    static hl_strbuf report = HL_STRBUF_INIT;
    hl_sb_free(&report);
    report = (hl_strbuf)HL_STRBUF_INIT;
    int r = hl_audit(&report);
    out_len = r == 0 ? 0 : (uint32_t)report.len;
    return r == 0 ? "" : hl_sb_cstr(&report);
}

/* ---- heap readouts ----------------------------------------------------------- */

static hl_wasm_heap heapinfo;

/* The distinct type addresses of n object records, into out (room for n):
 * an open-addressing set, since a heap has few types and many objects. */
static uint32_t distinct_types(const hl_hv_object *objs, uint32_t n, uint32_t *out)
{
    static uint32_t set[8192];
    uint32_t count = 0;
    memset(set, 0, sizeof set);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t t = objs[i].type, h = (t >> 3) * 2654435761u;
        for (uint32_t k = 0;; k++) {
            uint32_t *slot = &set[(h + k) & 8191u];
            if (*slot == t)
                break;
            if (*slot == 0 || k == 64) { /* a full neighbourhood: count it again rather than loop */
                if (*slot == 0)
                    *slot = t;
                out[count++] = t;
                break;
            }
        }
    }
    return count;
}

EXPORT const hl_wasm_heap *hl_wasm_heap_read(void)
{
    hl_wasm_heap *h = &heapinfo;
    memset(h, 0, sizeof *h);
    uint32_t narenas = hl_heapview_arenas(NULL, 0), npools = hl_heapview_pools(NULL, 0);
    size_t reserve = tracked_reserve();
    /* Records first, then the pools' and objects' columns after them. */
    uint32_t off_gen = NB_SMALL_SIZE_CLASSES * sizeof(hl_hv_sizeclass);
    uint32_t off_arena = off_gen + 4 * sizeof(hl_hv_generation);
    uint32_t off_pool = off_arena + narenas * sizeof(hl_hv_arena);
    uint32_t off_obj = (off_pool + npools * sizeof(hl_hv_pool) + 15u) & ~15u;
    static uint32_t last_count; /* room for as many as last time, and some */
    uint32_t cap = last_count + last_count / 8 + 4096;
    for (;;) {
        uint32_t off_cols = off_obj + cap * sizeof(hl_hv_object);
        uint32_t total = off_cols + npools * sizeof(hl_hv_pool) + cap * (sizeof(hl_hv_object) + 4) + 64;
        char *base = scratch(reserve, total);
        if (base == NULL)
            return NULL;
        uint32_t n = hl_heapview_objects((hl_hv_object *)(base + off_obj), cap);
        if (n > cap) {
            cap = n + n / 8;
            continue;
        }
        last_count = n;
        hl_heapview_sizeclasses((hl_hv_sizeclass *)base);
        hl_heapview_generations((hl_hv_generation *)(base + off_gen));
        hl_heapview_arenas((hl_hv_arena *)(base + off_arena), narenas);
        hl_heapview_pools((hl_hv_pool *)(base + off_pool), npools);
        h->sizeclasses = (uint32_t)(uintptr_t)base;
        h->nsizeclasses = NB_SMALL_SIZE_CLASSES;
        h->generations = (uint32_t)(uintptr_t)(base + off_gen);
        h->ngenerations = 4;
        h->arenas = (uint32_t)(uintptr_t)(base + off_arena);
        h->narenas = narenas;
        char *cols = base + off_cols;
        h->pools = (uint32_t)(uintptr_t)cols;
        h->npools = npools;
        cols += to_columns("hl_hv_pool", base + off_pool, npools, sizeof(hl_hv_pool), cols);
        h->objects = (uint32_t)(uintptr_t)cols;
        h->nobjects = n;
        cols += to_columns("hl_hv_object", base + off_obj, n, sizeof(hl_hv_object), cols);
        h->types = (uint32_t)(uintptr_t)cols;
        h->ntypes = distinct_types((const hl_hv_object *)(base + off_obj), n, (uint32_t *)cols);
        break;
    }
    h->free_floats = (uint32_t)hl_float_free_list_count();
    h->free_lists = (uint32_t)hl_list_free_list_count();
    h->free_dicts = (uint32_t)hl_dict_free_list_count();
    hl_raw_stats st;
    hl_raw_get_stats(&st);
    h->region_base = (uint32_t)hl_region_base();
    h->region_limit = (uint32_t)hl_region_limit();
    h->region_top = (uint32_t)hl_region_top();
    h->raw_bytes_in_use = (uint32_t)st.bytes_in_use;
    h->raw_blocks_in_use = (uint32_t)st.blocks_in_use;
    return h;
}

/* tp_name of a type (the bridge names the type column with it). */
EXPORT const char *hl_wasm_type_name(HLTypeObject *tp) { return tp && tp->tp_name ? tp->tp_name : "?"; }

static hl_wasm_list listinfo;

/* What a full collection would free now. */
EXPORT const hl_wasm_list *hl_wasm_would_collect(void)
{
    size_t reserve = tracked_reserve();
    uint32_t cap = 1024;
    for (;;) {
        uint32_t *out = scratch(reserve, cap * 4u);
        if (out == NULL)
            return NULL;
        int32_t n = hl_heapview_would_collect(out, cap);
        if (n < 0)
            return NULL;
        if ((uint32_t)n <= cap) {
            listinfo = (hl_wasm_list){(uint32_t)(uintptr_t)out, (uint32_t)n, 0};
            return &listinfo;
        }
        cap = (uint32_t)n;
    }
}

/* Events recorded since the last call, oldest first (columns).  Records
 * and columns go to scratch memory, not to static buffers the size of the
 * ring that would sit below the heap for good. */
EXPORT const hl_wasm_list *hl_wasm_events(void)
{
    const size_t bytes = HL_EVENTS_CAPACITY * sizeof(hl_event);
    hl_event *records = scratch(0, 2 * bytes);
    if (records == NULL)
        return NULL;
    char *cols = (char *)records + bytes;
    uint32_t lost = 0;
    uint32_t n = hl_events_drain(records, HL_EVENTS_CAPACITY, &lost);
    to_columns("hl_event", records, n, sizeof(hl_event), cols);
    listinfo = (hl_wasm_list){(uint32_t)(uintptr_t)cols, n, lost};
    return &listinfo;
}

/* ---- one object: is it live, its repr, its references ---------------------- */

/* Whether addr is an object a reader may look at: a live heap object, or
 * the type of one, or an object one of them refers to (statics such as
 * small ints and None are not in the heap walk but are referred to). */
struct find_arg {
    uintptr_t addr;
    int found;
};

static int visit_find(HLObject *op, void *arg)
{
    struct find_arg *fa = arg;
    if ((uintptr_t)op == fa->addr)
        fa->found = 1;
    return 0;
}

static void find_live(HLObject *op, int large, void *arg)
{
    struct find_arg *fa = arg;
    if (fa->found)
        return;
    if ((uintptr_t)op == fa->addr || (uintptr_t)HL_TYPE(op) == fa->addr)
        fa->found = 1;
    else if (HL_TYPE(op)->tp_traverse != NULL && hl_object_is_gc(op))
        HL_TYPE(op)->tp_traverse(op, visit_find, fa);
}

/* Collects addresses into scratch; the list being filled is always the
 * last thing there, so it grows in place. */
struct collect_arg {
    uint32_t *out;
    uint32_t n, cap;
    uintptr_t target;
    int failed, hit;
};

static void collect_push(struct collect_arg *ca, uintptr_t v)
{
    if (ca->failed)
        return;
    if (ca->n == ca->cap) {
        uint32_t cap = ca->cap ? ca->cap * 2 : 256;
        if (memory_reach((uint64_t)(uintptr_t)(ca->out + cap)) < 0) {
            ca->failed = 1;
            return;
        }
        ca->cap = cap;
    }
    ca->out[ca->n++] = (uint32_t)v;
}

static int visit_collect(HLObject *op, void *arg)
{
    if (op != NULL)
        collect_push(arg, (uintptr_t)op);
    return 0;
}

static int visit_refers(HLObject *op, void *arg)
{
    struct collect_arg *ca = arg;
    ca->hit |= (uintptr_t)op == ca->target;
    return 0;
}

static void find_referrers(HLObject *op, int large, void *arg)
{
    struct collect_arg *ca = arg;
    if (!hl_object_is_gc(op) || HL_TYPE(op)->tp_traverse == NULL)
        return;
    ca->hit = 0;
    HL_TYPE(op)->tp_traverse(op, visit_refers, ca);
    if (ca->hit)
        collect_push(ca, (uintptr_t)op);
}

/* The repr, built without running Python code or allocating objects. */
#define REPR_MAX 2000
static char repr_buf[REPR_MAX + 8];
static size_t repr_len;

static void put(const char *s, size_t n)
{
    if (repr_len + n > REPR_MAX) {
        n = repr_len < REPR_MAX ? REPR_MAX - repr_len : 0;
        memcpy(repr_buf + repr_len, s, n);
        repr_len += n;
        if (repr_len == REPR_MAX) {
            memcpy(repr_buf + REPR_MAX, "\xe2\x80\xa6", 3); /* … */
            repr_len = REPR_MAX + 3;
        }
        return;
    }
    memcpy(repr_buf + repr_len, s, n);
    repr_len += n;
}
static void puts_(const char *s) { put(s, strlen(s)); }

static void put_utf8(uint32_t ch)
{
    char b[4];
    size_t n;
    if (ch < 0x80) {
        b[0] = (char)ch;
        n = 1;
    } else if (ch < 0x800) {
        b[0] = (char)(0xC0 | ch >> 6), b[1] = (char)(0x80 | (ch & 63));
        n = 2;
    } else if (ch < 0x10000) {
        b[0] = (char)(0xE0 | ch >> 12), b[1] = (char)(0x80 | (ch >> 6 & 63)), b[2] = (char)(0x80 | (ch & 63));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | ch >> 18), b[1] = (char)(0x80 | (ch >> 12 & 63));
        b[2] = (char)(0x80 | (ch >> 6 & 63)), b[3] = (char)(0x80 | (ch & 63));
        n = 4;
    }
    put(b, n);
}

static void put_chars(HLObject *s)
{
    for (hl_ssize_t i = 0, n = HL_STR_LEN(s); i < n && repr_len < REPR_MAX; i++)
        put_utf8(hl_str_read_char(s, i));
}

/* str.__repr__ (unicode_repr): the quote, the escapes, printable characters as they are. */
static void repr_str(HLObject *s)
{
    hl_ssize_t n = HL_STR_LEN(s);
    int sq = 0, dq = 0;
    for (hl_ssize_t i = 0; i < n; i++) {
        uint32_t c = hl_str_read_char(s, i);
        sq |= c == '\'';
        dq |= c == '"';
    }
    char quote = sq && !dq ? '"' : '\'';
    char buf[12];
    put(&quote, 1);
    for (hl_ssize_t i = 0; i < n && repr_len < REPR_MAX; i++) {
        uint32_t c = hl_str_read_char(s, i);
        if (c == (uint32_t)quote || c == '\\') {
            buf[0] = '\\', buf[1] = (char)c;
            put(buf, 2);
        } else if (c == '\t' || c == '\n' || c == '\r') {
            put(c == '\t' ? "\\t" : c == '\n' ? "\\n" : "\\r", 2);
        } else if (c < ' ' || c == 0x7f) {
            put(buf, (size_t)hl_snprintf(buf, sizeof buf, "\\x%02x", c));
        } else if (c < 0x7f || hl_unicode_isprintable(c)) {
            put_utf8(c);
        } else {
            put(buf, (size_t)hl_snprintf(buf, sizeof buf, c <= 0xff ? "\\x%02x" : c <= 0xffff ? "\\u%04x" : "\\U%08x", c));
        }
    }
    put(&quote, 1);
}

/* int.__repr__: exact up to 9 * 30-bit digits, by long division on a copy. */
static void repr_int(HLObject *v)
{
    HLLongObject *l = (HLLongObject *)v;
    hl_ssize_t size = HL_SIZE(v), n = size < 0 ? -size : size;
    if (n > 64) {
        char b[48];
        put(b, (size_t)hl_snprintf(b, sizeof b, "<int of %u bits>", (unsigned)hl_long_num_bits(v)));
        return;
    }
    uint32_t d[64];
    for (hl_ssize_t i = 0; i < n; i++)
        d[i] = l->ob_digit[i];
    char out[64 * 10], *p = out + sizeof out;
    do {
        /* Divide by 10^9, most significant digit first. */
        uint64_t rem = 0;
        for (hl_ssize_t i = n - 1; i >= 0; i--) {
            uint64_t cur = rem << HL_LONG_SHIFT | d[i];
            d[i] = (uint32_t)(cur / 1000000000u);
            rem = cur % 1000000000u;
        }
        while (n > 0 && d[n - 1] == 0)
            n--;
        for (int k = 0; k < 9 && (n > 0 || rem); k++, rem /= 10)
            *--p = (char)('0' + rem % 10);
    } while (n > 0);
    if (p == out + sizeof out)
        *--p = '0';
    if (size < 0)
        *--p = '-';
    put(p, (size_t)(out + sizeof out - p));
}

/* __module__ of a heap type, from its dict, without a lookup that hashes. */
static HLObject *type_module(HLTypeObject *tp)
{
    hl_ssize_t pos = 0;
    HLObject *k, *v;
    while (tp->tp_dict && hl_dict_next(tp->tp_dict, &pos, &k, &v))
        if (hl_str_check(k) && hl_str_eq_cstr(k, "__module__"))
            return hl_str_check(v) ? v : NULL;
    return NULL;
}

static void put_type_name(HLTypeObject *tp)
{
    if (HL_TYPE_HAS_FLAG(tp, HL_TPFLAGS_HEAPTYPE)) {
        HLObject *mod = type_module(tp), *qual = ((HLHeapTypeObject *)tp)->ht_qualname;
        if (mod && !hl_str_eq_cstr(mod, "builtins")) {
            put_chars(mod);
            put(".", 1);
        }
        if (qual && hl_str_check(qual))
            put_chars(qual);
        else
            puts_(tp->tp_name);
    } else {
        puts_(tp->tp_name);
    }
}

static void repr_object(HLObject *o, int depth);

/* The containers being printed, outermost first (a cycle prints as [...]). */
#define REPR_DEPTH 6
static HLObject *repr_stack[REPR_DEPTH + 1];

static void repr_items(HLObject *const *items, hl_ssize_t n, int depth)
{
    for (hl_ssize_t i = 0; i < n && repr_len < REPR_MAX; i++) {
        if (i)
            put(", ", 2);
        repr_object(items[i], depth + 1);
    }
}

static void repr_object(HLObject *o, int depth)
{
    char b[64];
    HLTypeObject *tp = HL_TYPE(o);
    int container = tp == &hl_list_type || tp == &hl_tuple_type || tp == &hl_dict_type ||
                    tp == &hl_set_type || tp == &hl_frozenset_type;
    for (int i = 0; container && i < depth; i++)
        if (repr_stack[i] == o || depth >= REPR_DEPTH) {
            puts_(tp == &hl_list_type ? "[...]" : tp == &hl_tuple_type ? "(...)" : "{...}");
            return;
        }
    if (o == HL_None) {
        puts_("None");
    } else if (tp == &hl_bool_type) {
        puts_(o == HL_True ? "True" : "False");
    } else if (tp == &hl_long_type) {
        repr_int(o);
    } else if (tp == &hl_float_type) {
        hl_float_repr_buf(hl_float_as_double(o), b, sizeof b);
        puts_(b);
    } else if (tp == &hl_str_type) {
        repr_str(o);
    } else if (container) {
        repr_stack[depth] = o;
        if (tp == &hl_list_type) {
            put("[", 1);
            repr_items(((HLListObject *)o)->ob_item, HL_SIZE(o), depth);
            put("]", 1);
        } else if (tp == &hl_tuple_type) {
            put("(", 1);
            repr_items(((HLTupleObject *)o)->ob_item, HL_SIZE(o), depth);
            put(HL_SIZE(o) == 1 ? ",)" : ")", HL_SIZE(o) == 1 ? 2 : 1);
        } else if (tp == &hl_dict_type) {
            hl_ssize_t pos = 0;
            HLObject *k, *v;
            put("{", 1);
            for (int i = 0; hl_dict_next(o, &pos, &k, &v) && repr_len < REPR_MAX; i++) {
                if (i)
                    put(", ", 2);
                repr_object(k, depth + 1);
                put(": ", 2);
                repr_object(v, depth + 1);
            }
            put("}", 1);
        } else {
            hl_ssize_t pos = 0;
            HLObject *k;
            hl_hash_t h;
            int frozen = tp == &hl_frozenset_type;
            if (HL_SET_SIZE(o) == 0) {
                puts_(frozen ? "frozenset()" : "set()");
            } else {
                puts_(frozen ? "frozenset({" : "{");
                for (int i = 0; hl_set_next_entry(o, &pos, &k, &h) && repr_len < REPR_MAX; i++) {
                    if (i)
                        put(", ", 2);
                    repr_object(k, depth + 1);
                }
                puts_(frozen ? "})" : "}");
            }
        }
    } else if (hl_type_check(o)) {
        put("<class '", 8);
        put_type_name((HLTypeObject *)o);
        put("'>", 2);
    } else if (tp == &hl_function_type && hl_str_check(((HLFunctionObject *)o)->func_qualname)) {
        puts_("<function ");
        put_chars(((HLFunctionObject *)o)->func_qualname);
        put(b, (size_t)hl_snprintf(b, sizeof b, " at 0x%lx>", (unsigned long)(uintptr_t)o));
    } else {
        put("<", 1);
        put_type_name(tp);
        put(b, (size_t)hl_snprintf(b, sizeof b, " object at 0x%lx>", (unsigned long)(uintptr_t)o));
    }
}

/* The names of __main__ (the cells' namespace, or the running script's
 * globals) as text, one "id name" line per str key, in the dict's order
 * (its length in hl_wasm_output_len): the page finds the user's named
 * objects by it.  Keys are read character by character, so no UTF-8 cache
 * is filled; a name holding a newline is left out. */
EXPORT const char *hl_wasm_names(void)
{
    HLObject *main = hl_main_module_peek();
    out_len = 0;
    if (main == NULL)
        return "";
    HLObject *d = hl_module_get_dict(main), *k, *v;
    size_t cap = 4096;
    for (;;) {
        char *out = scratch(0, cap);
        if (out == NULL)
            return NULL;
        size_t n = 0;
        hl_ssize_t pos = 0;
        while (hl_dict_next(d, &pos, &k, &v)) {
            if (!hl_str_check(k))
                continue;
            hl_ssize_t len = HL_STR_LEN(k), i;
            for (i = 0; i < len && hl_str_read_char(k, i) != '\n'; i++)
                ;
            if (i < len)
                continue;
            char id[16];
            repr_len = 0; /* the line is built in repr_buf, then copied if it fits */
            put(id, (size_t)hl_snprintf(id, sizeof id, "%lu ", (unsigned long)(uintptr_t)v));
            put_chars(k);
            put("\n", 1);
            if (n + repr_len <= cap)
                memcpy(out + n, repr_buf, repr_len);
            n += repr_len;
        }
        if (n <= cap) {
            out_len = (uint32_t)n;
            return out;
        }
        cap = n;
    }
}

static hl_wasm_object objinfo;

/* Everything the page shows about one object; NULL if addr is not one. */
EXPORT const hl_wasm_object *hl_wasm_object_read(uint32_t addr)
{
    struct find_arg fa = {addr, 0};
    if (addr == (uint32_t)(uintptr_t)HL_None || addr == (uint32_t)(uintptr_t)HL_True ||
        addr == (uint32_t)(uintptr_t)HL_False)
        fa.found = 1;
    if (!fa.found)
        hl_heap_foreach(find_live, &fa);
    if (!fa.found)
        return NULL;
    HLObject *op = (HLObject *)(uintptr_t)addr;
    hl_wasm_object *o = &objinfo;
    memset(o, 0, sizeof *o);
    o->address = addr;
    o->type = (uint32_t)(uintptr_t)HL_TYPE(op);
    o->refcnt = (int32_t)op->ob_refcnt;
    o->size = (uint32_t)hl_sizeof_builtin(op);
    o->generation = HL_GEN_NOT_GC;
    if (hl_object_is_gc(op)) {
        o->generation = HL_GEN_UNTRACKED;
        if (hl_gc_is_tracked(op)) {
            for (int g = 0; g <= NUM_GENERATIONS; g++) {
                HLGCHead *head = g < NUM_GENERATIONS ? &hl_gcstate.generations[g].head
                                                     : &hl_gcstate.permanent_generation.head;
                for (HLGCHead *gc = (HLGCHead *)head->_gc_next; gc != head; gc = (HLGCHead *)gc->_gc_next)
                    if (HL_FROM_GC(gc) == op)
                        o->generation = g;
            }
        }
        if (HL_AS_GC(op)->_gc_prev & HL_GC_PREV_MASK_FINALIZED)
            o->flags |= HL_HVF_FINALIZED;
    }
    repr_len = 0;
    repr_object(op, 0);
    o->repr = (uint32_t)(uintptr_t)repr_buf;
    o->repr_len = (uint32_t)repr_len;
    /* Referents (tp_traverse, as gc.get_referents), then referrers (every
     * GC object whose traversal reaches it, as gc.get_referrers). */
    struct collect_arg ca = {scratch(0, 0), 0, 0, addr, 0, 0};
    if (ca.out == NULL)
        return NULL;
    if (hl_object_is_gc(op) && HL_TYPE(op)->tp_traverse != NULL)
        HL_TYPE(op)->tp_traverse(op, visit_collect, &ca);
    o->referents = (uint32_t)(uintptr_t)ca.out;
    o->nreferents = ca.n;
    struct collect_arg cr = {ca.out + ca.n, 0, 0, addr, 0, 0};
    hl_heap_foreach(find_referrers, &cr);
    o->referrers = (uint32_t)(uintptr_t)cr.out;
    o->nreferrers = cr.n;
    return ca.failed || cr.failed ? NULL : o;
}
