/*
 * audit.c — the heap audit: every reference accounted for.
 *
 * For each object tracked by the collector, the audit counts the references
 * to it that can be found: from every live object that can hold references
 * (anything with tp_traverse, tracked or not, plus the static types' dicts
 * and MRO tuples) and from the registered roots.  The count must equal the
 * object's refcount.  More references than found means a leak (or a holder
 * that hides its references); fewer means an object can be freed while
 * still in use.  Tests run it after every case, so a refcounting mistake
 * anywhere in the runtime fails the suite at the first case that shows it.
 *
 * It uses the same idea as the collector's subtract_refs, but over the
 * whole heap and without touching any GC head.
 */
#include "audit.h"

#include <stdlib.h>

#include "gc.h"
#include "heapview.h"
#include "strbuf.h"
#include "sysmem.h"

#define MAX_ROOTS 64
static struct {
    HLObject **slot;
    hl_root_visitor fn;
    const char *name;
} roots[MAX_ROOTS];
static int nroots;

#define MAX_STATIC_TYPES 512
static HLTypeObject *static_types[MAX_STATIC_TYPES];
static int nstatic_types;

void hl_register_root(HLObject **slot, const char *name)
{
    if (nroots == MAX_ROOTS)
        hl_fatal("too many heap roots");
    roots[nroots].slot = slot;
    roots[nroots].fn = NULL;
    roots[nroots++].name = name;
}

void hl_register_root_visitor(hl_root_visitor fn, const char *name)
{
    if (nroots == MAX_ROOTS)
        hl_fatal("too many heap roots");
    roots[nroots].slot = NULL;
    roots[nroots].fn = fn;
    roots[nroots++].name = name;
}

void hl_visit_roots(hl_visitproc visit, void *arg)
{
    for (int i = 0; i < nroots; i++) {
        if (roots[i].slot) {
            if (*roots[i].slot)
                visit(*roots[i].slot, arg);
        } else {
            roots[i].fn(visit, arg);
        }
    }
}

void hl_register_static_type(HLTypeObject *tp)
{
    if (nstatic_types < MAX_STATIC_TYPES)
        static_types[nstatic_types++] = tp;
}

typedef struct {
    uintptr_t addr;
    hl_ssize_t from_objects, from_roots;
} tally;

static int cmp_tally(const void *a, const void *b)
{
    uintptr_t x = ((const tally *)a)->addr, y = ((const tally *)b)->addr;
    return x < y ? -1 : x > y;
}

static struct {
    tally *t;
    size_t n;
    int roots_phase;
} A;

static tally *find(uintptr_t addr)
{
    size_t lo = 0, hi = A.n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (A.t[mid].addr < addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < A.n && A.t[lo].addr == addr ? &A.t[lo] : NULL;
}

static int count_ref(HLObject *op, void *arg)
{
    tally *t = find((uintptr_t)op);
    if (t) {
        if (A.roots_phase)
            t->from_roots++;
        else
            t->from_objects++;
    }
    return 0;
}

static void traverse_object(HLObject *op, int large, void *arg)
{
    hl_traverseproc tr = HL_TYPE(op)->tp_traverse;
    if (tr)
        tr(op, count_ref, NULL);
}

int hl_audit(hl_strbuf *report)
{
    size_t n = 0;
    for (int g = 0; g <= NUM_GENERATIONS; g++)
        n += (size_t)hl_gc_generation_size(g);
    A.t = n ? hl_raw_malloc(n * sizeof(tally)) : NULL;
    if (n && A.t == NULL) {
        hl_sb_puts(report, "audit: no memory for the audit\n");
        return -1;
    }
    size_t k = 0;
    for (int g = 0; g <= NUM_GENERATIONS; g++) {
        HLGCHead *head = g < NUM_GENERATIONS ? &hl_gcstate.generations[g].head
                                             : &hl_gcstate.permanent_generation.head;
        for (HLGCHead *gc = (HLGCHead *)head->_gc_next; gc != head; gc = (HLGCHead *)gc->_gc_next) {
            A.t[k].addr = (uintptr_t)HL_FROM_GC(gc);
            A.t[k].from_objects = A.t[k].from_roots = 0;
            k++;
        }
    }
    A.n = k;
    qsort(A.t, A.n, sizeof(tally), cmp_tally);
    A.roots_phase = 0;
    hl_heap_foreach(traverse_object, NULL);
    for (int i = 0; i < nstatic_types; i++) {
        HLTypeObject *tp = static_types[i];
        count_ref(tp->tp_dict, NULL);
        if (tp->tp_mro)
            count_ref(tp->tp_mro, NULL);
        if (tp->tp_bases)
            count_ref(tp->tp_bases, NULL);
        if (tp->tp_subclasses)
            count_ref(tp->tp_subclasses, NULL);
    }
    A.roots_phase = 1;
    hl_visit_roots(count_ref, NULL);
    int result = 0;
    for (size_t i = 0; i < A.n; i++) {
        HLObject *op = (HLObject *)A.t[i].addr;
        hl_ssize_t found = A.t[i].from_objects + A.t[i].from_roots;
        if (op->ob_refcnt != found) {
            hl_sb_printf(report,
                         "audit: %s object at %p has refcount %ld but %ld references were found "
                         "(%ld from objects, %ld from roots)\n",
                         HL_TYPE(op)->tp_name, (void *)op, (long)op->ob_refcnt, (long)found,
                         (long)A.t[i].from_objects, (long)A.t[i].from_roots);
            result = -1;
            break;
        }
    }
    hl_raw_free(A.t);
    A.t = NULL;
    return result;
}
