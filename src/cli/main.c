/*
 * main.c — the native command line.
 *
 *   heaplab FILE.py          runs a script as `python3 FILE.py` does: same
 *                            output, same traceback format, same exit status
 *   heaplab --audit FILE.py  the same, then checks the heap (every tracked
 *                            object's refcount against the references found)
 *                            and fails with status 3 if it is inconsistent
 *   heaplab --cells FILE     runs FILE as notebook cells (split at lines
 *                            starting with "# %%"), as an IPython kernel
 *                            would, and prints each cell's outputs in the
 *                            layout of ../shared/tools/jupyter-oracle
 *   heaplab --demo           builds a reference cycle, shows the collector
 *                            find it, prints the allocator's statistics
 */
#include <stdio.h>
#include <string.h>

#include "../lang/pythonrun.h"
#include "../lang/session.h"
#include "../objects/listobject.h"
#include "../runtime/audit.h"
#include "../runtime/gc.h"
#include "../runtime/obmalloc.h"
#include "../runtime/runtime.h"
#include "../runtime/strbuf.h"

/* --cells: one IPython-style run per "# %%" section. */
static int run_cells(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "heaplab: can't open file '%s'\n", path);
        return 2;
    }
    hl_strbuf all = HL_STRBUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        hl_sb_append(&all, chunk, n);
    fclose(f);
    if (hl_session_init(0, 1) < 0)
        return 1;
    const char *text = hl_sb_cstr(&all), *end = text + all.len;
    while (text < end) {
        /* A cell runs to the next line that starts with "# %%". */
        const char *stop = text;
        while (stop < end && !((stop == text || stop[-1] == '\n') && strncmp(stop, "# %%", 4) == 0 && stop != text))
            stop++;
        const char *body = text;
        if (strncmp(body, "# %%", 4) == 0) {
            while (body < stop && *body != '\n')
                body++;
            if (body < stop)
                body++;
        }
        size_t blen = (size_t)(stop - body);
        while (blen > 0 && (body[blen - 1] == '\n'))
            blen--;
        int r = hl_session_start_cell(body, blen);
        while (r == HL_SESSION_SUSPENDED)
            r = hl_session_resume();
        const char *nl = memchr(body, '\n', blen);
        printf("--- In [%d]: %.*s\n", hl_session_execution_count(), (int)(nl ? nl - body : (long)blen), body);
        size_t len;
        const char *s = hl_session_output(HL_OUT_STDOUT, &len);
        fwrite(s, 1, len, stdout);
        s = hl_session_output(HL_OUT_STDERR, &len);
        fwrite(s, 1, len, stdout);
        s = hl_session_output(HL_OUT_DISPLAY, &len);
        if (len)
            printf("%.*s\n", (int)len, s);
        s = hl_session_output(HL_OUT_ERROR_TYPE, &len);
        if (len) {
            size_t mlen;
            const char *m = hl_session_output(HL_OUT_ERROR_MESSAGE, &mlen);
            printf("%.*s: %.*s\n", (int)len, s, (int)mlen, m);
        }
        text = stop;
    }
    hl_sb_free(&all);
    fflush(stdout);
    return 0;
}

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
    if (argc == 3 && strcmp(argv[1], "--cells") == 0)
        return run_cells(argv[2]);
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
    fprintf(stderr, "usage: heaplab [--audit] FILE.py | heaplab --cells FILE | heaplab --demo\n");
    return 2;
}
