/*
 * main.c — the native command line.
 *
 *   heaplab FILE.py          runs a script as `python3 FILE.py` does: same
 *                            output, same traceback format, same exit status
 *   heaplab --audit FILE.py  the same, then checks the heap (every tracked
 *                            object's refcount against the references found)
 *                            and fails with status 3 if it is inconsistent
 *   heaplab --demo           builds a reference cycle, shows the collector
 *                            find it, prints the allocator's statistics
 */
#include <stdio.h>
#include <string.h>

#include "../lang/pythonrun.h"
#include "../objects/listobject.h"
#include "../runtime/audit.h"
#include "../runtime/gc.h"
#include "../runtime/obmalloc.h"
#include "../runtime/runtime.h"
#include "../runtime/strbuf.h"

static int demo(void)
{
    printf("heaplab: CPython 3.11's memory management, in a 32-bit C runtime\n\n");
    hl_gc_collect(2);
    HLObject *l = hl_list_new(0);
    hl_list_append(l, l);
    printf("a list that contains itself: id %p, refcount %ld\n", (void *)l, (long)HL_REFCNT(l));
    hl_decref(l);
    printf("after dropping our reference: refcount %ld (its own item holds it)\n", (long)HL_REFCNT(l));
    printf("gc would collect %ld object(s); gc.collect() -> %ld\n\n", (long)hl_gc_would_collect(NULL, NULL),
           (long)hl_gc_collect(2));
    hl_strbuf b = HL_STRBUF_INIT;
    hl_obmalloc_debug_stats(&b);
    fputs(hl_sb_cstr(&b), stdout);
    hl_sb_free(&b);
    return 0;
}

int main(int argc, char **argv)
{
    if (hl_runtime_init(NULL) < 0) {
        fprintf(stderr, "heaplab: cannot start the runtime\n");
        return 1;
    }
    if (argc == 2 && strcmp(argv[1], "--demo") == 0)
        return demo();
    int audit = argc == 3 && strcmp(argv[1], "--audit") == 0;
    if (argc == 2 + audit && argv[1 + audit][0] != '-') {
        int status = hl_run_main_file(argv[1 + audit]);
        if (audit) {
            hl_strbuf report = HL_STRBUF_INIT;
            if (hl_audit(&report) != 0) {
                fprintf(stderr, "heaplab: heap audit failed:\n%s", hl_sb_cstr(&report));
                status = 3;
            }
            hl_sb_free(&report);
        }
        fflush(stdout);
        return status;
    }
    fprintf(stderr, "usage: heaplab [--audit] FILE.py | heaplab --demo\n");
    return 2;
}
