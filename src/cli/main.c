/*
 * main.c — the native command line.
 *
 *   heaplab FILE.py [ARG...] runs a script as `python3 FILE.py` does: same
 *                            output, same traceback format, same exit status,
 *                            sys.argv ['FILE.py', ARG...]
 *   heaplab -c CMD [ARG...]  the program given as a string, as `python3 -c`
 *                            runs it (code named "<string>", no __file__)
 *   heaplab - [ARG...]       the program read from stdin ("<stdin>"); also
 *                            with no arguments when stdin is not a terminal
 *   heaplab --audit FILE.py  the same, then checks the heap (every tracked
 *                            object's refcount against the references found)
 *                            and fails with status 3 if it is inconsistent
 *   heaplab --cells FILE     runs FILE as notebook cells (split at lines
 *                            starting with "# %%"), as an IPython kernel
 *                            would, and prints each cell's outputs in the
 *                            layout of ../shared/tools/jupyter-oracle
 *   heaplab [--audit] --notebook NB.ipynb
 *                            runs the code cells of a notebook as a kernel
 *                            would and prints, as JSON, one entry per code
 *                            cell: {"execution_count": N, "outputs": [...]},
 *                            the outputs in nbformat's shape (stream,
 *                            execute_result, error — the traceback as one
 *                            string, the lines IPython sends joined)
 *   heaplab --demo           builds a reference cycle, shows the collector
 *                            find it, prints the allocator's statistics
 *
 * A notebook is read with a small JSON reader of its own (only "cells",
 * "cell_type" and "source" matter); empty code cells are not run, as
 * nbclient skips them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lang/pythonrun.h"
#include "../lang/session.h"
#include "../objects/listobject.h"
#include "../runtime/audit.h"
#include "../runtime/gc.h"
#include "../runtime/obmalloc.h"
#include "../runtime/runtime.h"
#include "../runtime/strbuf.h"

static int read_file(const char *path, hl_strbuf *all)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "heaplab: can't open file '%s'\n", path);
        return -1;
    }
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        hl_sb_append(all, chunk, n);
    fclose(f);
    return 0;
}

/* Runs one cell to its end. */
static void run_cell(const char *src, size_t len)
{
    int r = hl_session_start_cell(src, len);
    while (r == HL_SESSION_SUSPENDED)
        r = hl_session_resume();
}

static int audit_failed(void)
{
    hl_strbuf report = HL_STRBUF_INIT;
    int failed = hl_audit(&report) != 0;
    if (failed)
        fprintf(stderr, "heaplab: heap audit failed:\n%s", hl_sb_cstr(&report));
    hl_sb_free(&report);
    return failed;
}

/* --cells: one IPython-style run per "# %%" section. */
static int run_cells(const char *path)
{
    hl_strbuf all = HL_STRBUF_INIT;
    if (read_file(path, &all) < 0)
        return 2;
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
        run_cell(body, blen);
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

/* ---- --notebook: a little JSON -------------------------------------------------------- */

typedef struct jval {
    char kind;           /* 'o' object, 'a' array, 's' string, '-' anything else */
    char *str;           /* 's': UTF-8, NUL-terminated */
    size_t len;
    struct jval *items;  /* 'o', 'a' */
    char **keys;         /* 'o' */
    size_t n;
} jval;

typedef struct {
    const char *p, *end;
    int depth;
} jparser;

static void jskip(jparser *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
        j->p++;
}

static void put_utf8(hl_strbuf *b, unsigned long c)
{
    char u[4];
    if (c < 0x80) {
        hl_sb_putc(b, (char)c);
    } else if (c < 0x800) {
        u[0] = (char)(0xC0 | c >> 6), u[1] = (char)(0x80 | (c & 0x3F));
        hl_sb_append(b, u, 2);
    } else if (c < 0x10000) {
        u[0] = (char)(0xE0 | c >> 12), u[1] = (char)(0x80 | (c >> 6 & 0x3F)), u[2] = (char)(0x80 | (c & 0x3F));
        hl_sb_append(b, u, 3);
    } else {
        u[0] = (char)(0xF0 | c >> 18), u[1] = (char)(0x80 | (c >> 12 & 0x3F));
        u[2] = (char)(0x80 | (c >> 6 & 0x3F)), u[3] = (char)(0x80 | (c & 0x3F));
        hl_sb_append(b, u, 4);
    }
}

static int jhex4(jparser *j, unsigned long *v)
{
    if (j->end - j->p < 4)
        return -1;
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = *j->p++;
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return -1;
        *v = *v << 4 | (unsigned long)d;
    }
    return 0;
}

static int jstring(jparser *j, char **out, size_t *outlen)
{
    hl_strbuf b = HL_STRBUF_INIT;
    j->p++; /* the quote */
    while (j->p < j->end && *j->p != '"') {
        char c = *j->p++;
        if (c != '\\') {
            hl_sb_putc(&b, c);
            continue;
        }
        if (j->p >= j->end)
            break;
        c = *j->p++;
        unsigned long u;
        switch (c) {
        case 'n': hl_sb_putc(&b, '\n'); break;
        case 't': hl_sb_putc(&b, '\t'); break;
        case 'r': hl_sb_putc(&b, '\r'); break;
        case 'b': hl_sb_putc(&b, '\b'); break;
        case 'f': hl_sb_putc(&b, '\f'); break;
        case 'u':
            if (jhex4(j, &u) < 0) {
                hl_sb_free(&b);
                return -1;
            }
            if (u >= 0xD800 && u < 0xDC00 && j->end - j->p >= 6 && j->p[0] == '\\' && j->p[1] == 'u') {
                unsigned long lo;
                j->p += 2;
                if (jhex4(j, &lo) < 0) {
                    hl_sb_free(&b);
                    return -1;
                }
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            }
            put_utf8(&b, u);
            break;
        default: hl_sb_putc(&b, c); break;
        }
    }
    if (j->p >= j->end) {
        hl_sb_free(&b);
        return -1;
    }
    j->p++;
    *outlen = b.len;
    *out = malloc(b.len + 1);
    if (*out == NULL) {
        hl_sb_free(&b);
        return -1;
    }
    memcpy(*out, hl_sb_cstr(&b), b.len + 1);
    hl_sb_free(&b);
    return 0;
}

static int jparse(jparser *j, jval *v)
{
    memset(v, 0, sizeof *v);
    jskip(j);
    if (j->p >= j->end || ++j->depth > 100)
        return -1;
    int r = 0;
    if (*j->p == '"') {
        v->kind = 's';
        r = jstring(j, &v->str, &v->len);
    } else if (*j->p == '{' || *j->p == '[') {
        int obj = *j->p == '{';
        v->kind = obj ? 'o' : 'a';
        j->p++;
        size_t cap = 0;
        for (;;) {
            jskip(j);
            if (j->p < j->end && *j->p == (obj ? '}' : ']')) {
                j->p++;
                break;
            }
            if (v->n && (j->p >= j->end || *j->p++ != ',')) {
                r = -1;
                break;
            }
            if (v->n == cap) {
                cap = cap ? cap * 2 : 8;
                v->items = realloc(v->items, cap * sizeof *v->items);
                v->keys = realloc(v->keys, cap * sizeof *v->keys);
                if (v->items == NULL || v->keys == NULL)
                    return -1;
            }
            v->keys[v->n] = NULL;
            if (obj) {
                size_t kl;
                jskip(j);
                if (j->p >= j->end || *j->p != '"' || jstring(j, &v->keys[v->n], &kl) < 0) {
                    r = -1;
                    break;
                }
                jskip(j);
                if (j->p >= j->end || *j->p++ != ':') {
                    free(v->keys[v->n]);
                    r = -1;
                    break;
                }
            }
            if (jparse(j, &v->items[v->n]) < 0) {
                free(v->keys[v->n]);
                r = -1;
                break;
            }
            v->n++;
        }
    } else {
        v->kind = '-';
        while (j->p < j->end && !strchr(",]} \t\r\n", *j->p))
            j->p++;
    }
    j->depth--;
    return r;
}

static void jfree(jval *v)
{
    free(v->str);
    for (size_t i = 0; i < v->n; i++) {
        jfree(&v->items[i]);
        if (v->keys)
            free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
}

static jval *jget(jval *o, const char *key)
{
    if (o->kind != 'o')
        return NULL;
    for (size_t i = 0; i < o->n; i++)
        if (strcmp(o->keys[i], key) == 0)
            return &o->items[i];
    return NULL;
}

static void jwrite(const char *s, size_t n)
{
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c == '\n')
            fputs("\\n", stdout);
        else if (c == '\t')
            fputs("\\t", stdout);
        else if (c == '\r')
            fputs("\\r", stdout);
        else if (c < 0x20 || c == 0x7f)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static void write_outputs(void)
{
    int first = 1;
    size_t len;
    static const char *const streams[2] = {"stdout", "stderr"};
    for (int k = 0; k < 2; k++) {
        const char *s = hl_session_output(k == 0 ? HL_OUT_STDOUT : HL_OUT_STDERR, &len);
        if (len) {
            printf("%s\n   {\"output_type\": \"stream\", \"name\": \"%s\", \"text\": ", first ? "" : ",", streams[k]);
            jwrite(s, len);
            putchar('}');
            first = 0;
        }
    }
    const char *s = hl_session_output(HL_OUT_DISPLAY, &len);
    if (len) {
        printf("%s\n   {\"output_type\": \"execute_result\", \"execution_count\": %d, \"data\": {\"text/plain\": ",
               first ? "" : ",", hl_session_execution_count());
        jwrite(s, len);
        fputs("}}", stdout);
        first = 0;
    }
    s = hl_session_output(HL_OUT_ERROR_TYPE, &len);
    if (len) {
        printf("%s\n   {\"output_type\": \"error\", \"ename\": ", first ? "" : ",");
        jwrite(s, len);
        fputs(", \"evalue\": ", stdout);
        s = hl_session_output(HL_OUT_ERROR_MESSAGE, &len);
        jwrite(s, len);
        fputs(", \"traceback\": [", stdout);
        s = hl_session_output(HL_OUT_TRACEBACK, &len);
        jwrite(s, len);
        fputs("]}", stdout);
        first = 0;
    }
    if (!first)
        fputs("\n  ", stdout);
}

static int run_notebook(const char *path, int audit)
{
    hl_strbuf all = HL_STRBUF_INIT;
    if (read_file(path, &all) < 0)
        return 2;
    jparser j = {hl_sb_cstr(&all), hl_sb_cstr(&all) + all.len, 0};
    jval nb;
    jval *cells = NULL;
    if (jparse(&j, &nb) < 0 || (cells = jget(&nb, "cells")) == NULL || cells->kind != 'a') {
        fprintf(stderr, "heaplab: %s is not a notebook\n", path);
        if (!cells)
            jfree(&nb);
        hl_sb_free(&all);
        return 2;
    }
    if (hl_session_init(0, 1) < 0)
        return 1;
    fputs("[", stdout);
    int n = 0;
    for (size_t i = 0; i < cells->n; i++) {
        jval *cell = &cells->items[i], *type = jget(cell, "cell_type"), *source = jget(cell, "source");
        if (type == NULL || type->kind != 's' || strcmp(type->str, "code") != 0)
            continue;
        hl_strbuf src = HL_STRBUF_INIT;
        if (source && source->kind == 's')
            hl_sb_append(&src, source->str, source->len);
        for (size_t k = 0; source && source->kind == 'a' && k < source->n; k++)
            if (source->items[k].kind == 's')
                hl_sb_append(&src, source->items[k].str, source->items[k].len);
        int blank = 1;
        for (size_t k = 0; k < src.len; k++)
            if (!strchr(" \t\n\r\f\v", src.s[k]))
                blank = 0;
        printf("%s\n {\"execution_count\": ", n++ ? "," : "");
        if (blank) {
            fputs("null, \"outputs\": []}", stdout);
        } else {
            run_cell(hl_sb_cstr(&src), src.len);
            printf("%d, \"outputs\": [", hl_session_execution_count());
            write_outputs();
            fputs("]}", stdout);
        }
        hl_sb_free(&src);
        fflush(stdout);
    }
    fputs("\n]\n", stdout);
    jfree(&nb);
    hl_sb_free(&all);
    fflush(stdout);
    return audit && audit_failed() ? 3 : 0;
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

#define USAGE                                                                                      \
    "usage: heaplab [--audit] [-c CMD | FILE.py | -] [ARG...] | heaplab [--audit] --notebook NB.ipynb | " \
    "heaplab --cells FILE | heaplab --demo\n"

static int usage_error(const char *message, const char *arg)
{
    fprintf(stderr, message, arg);
    fputs(USAGE, stderr);
    return 2;
}

/* The program's part of the command line, read as python3 reads its own:
 * the first of -c CMD (or -cCMD), - or FILE ends the options, and what
 * follows is the program's (sys.argv[1:]); with none of them the program
 * is read from stdin, unless that is a terminal (python3 would start its
 * interactive prompt, which heaplab does not have). */
static int run_program(int argc, char **argv, int audit)
{
    int i = 1 + audit, status;
    const char *arg = i < argc ? argv[i] : NULL;
    if (arg != NULL && strncmp(arg, "-c", 2) == 0) {
        const char *command = arg[2] ? arg + 2 : i + 1 < argc ? argv[++i] : NULL;
        if (command == NULL)
            return usage_error("Argument expected for the %s option\n", "-c");
        argv[i] = "-c"; /* sys.argv[0], in the command's (or -cCMD's) place */
        status = hl_run_main_command(command, argc - i, (const char *const *)argv + i);
    } else if (arg != NULL && (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0)) {
        fputs(USAGE, stdout);
        return 0;
    } else if (arg != NULL && arg[0] == '-' && arg[1] != '\0') {
        return usage_error(arg[1] == '-' ? "unknown option %s\n" : "Unknown option: %s\n", arg);
    } else if (arg == NULL && isatty(0)) {
        return usage_error("heaplab has no interactive mode: give it a program (%s)\n", "FILE.py, -c CMD or -");
    } else {
        static const char *const empty[] = {""};
        int stdin_program = arg == NULL || strcmp(arg, "-") == 0;
        status = hl_run_main_file(stdin_program ? NULL : arg, arg ? argc - i : 1,
                                  arg ? (const char *const *)argv + i : empty);
    }
    if (audit && audit_failed())
        status = 3;
    fflush(stdout);
    return status;
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
    int audit = argc >= 2 && strcmp(argv[1], "--audit") == 0;
    if (argc == 3 + audit && strcmp(argv[1 + audit], "--notebook") == 0)
        return run_notebook(argv[2 + audit], audit);
    return run_program(argc, argv, audit);
}
