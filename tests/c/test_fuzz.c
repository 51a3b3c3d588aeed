/*
 * test_fuzz.c — mutated programs through the whole interpreter.
 *
 * Every corpus script (tests/cases) is mutated many times with a fixed
 * pseudo-random sequence — lines deleted, duplicated, swapped, an
 * identifier replaced by another of the file, a number or an operator
 * changed, a keyword inserted — and each mutant is compiled and run in a
 * fresh namespace of one runtime, under a fuel budget (a mutant may loop
 * forever).  Whatever a mutant does, the result must be a Python exception
 * or a normal end: never a crash, a sanitizer report, or a heap the audit
 * finds inconsistent (checked after the whole batch).  Scripts that use
 * ctypes are left out: writing through `.value` to an arbitrary address is
 * the one thing a program may legitimately break.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "../../src/lang/ceval.h"
#include "../../src/lang/pythonrun.h"
#include "../../src/modules/modules.h"
#include "../../src/objects/dictobject.h"
#include "../../src/objects/strobject.h"
#include "../../src/runtime/audit.h"
#include "../../src/runtime/errors.h"
#include "../../src/runtime/gc.h"
#include "../../src/runtime/strbuf.h"

#ifdef HL_TORTURE
#define MUTANTS_PER_FILE 2
#define FILE_STRIDE 2
#else
#define MUTANTS_PER_FILE 20
#define FILE_STRIDE 1
#endif

static uint32_t rng_state = 12345;
static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

typedef struct {
    char **lines;
    int n;
} text;

static text split_lines(const char *s)
{
    text t = {NULL, 0};
    int cap = 0;
    while (*s) {
        const char *e = strchr(s, '\n');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (t.n == cap) {
            cap = cap ? cap * 2 : 64;
            t.lines = realloc(t.lines, sizeof(char *) * (size_t)cap);
        }
        t.lines[t.n] = strndup(s, len);
        t.n++;
        s += len + (e != NULL);
    }
    return t;
}

static void free_text(text *t)
{
    for (int i = 0; i < t->n; i++)
        free(t->lines[i]);
    free(t->lines);
}

/* One mutation of line l (a new string). */
static char *mutate_line(const char *line, text *all)
{
    static const char *const inserts[] = {"return ", "yield ", "del ", "not ", "lambda: ", "*", "**", "(", ")",
                                          "[", "]", ":", ", ", " if x else ", "global x\n", "class C:\n    ",
                                          "raise ", "import gc\n", "gc.collect()\n", " = ", "."};
    size_t len = strlen(line);
    char *out = malloc(len + 64);
    size_t at = len ? rng() % (len + 1) : 0;
    switch (rng() % 3) {
    case 0: { /* insert something */
        const char *ins = inserts[rng() % (sizeof inserts / sizeof inserts[0])];
        memcpy(out, line, at);
        strcpy(out + at, ins);
        strcat(out, line + at);
        break;
    }
    case 1: /* drop a character */
        memcpy(out, line, at);
        strcpy(out + at, at < len ? line + at + 1 : "");
        break;
    default: { /* splice in a piece of another line */
        const char *other = all->lines[rng() % all->n];
        size_t olen = strlen(other), from = olen ? rng() % olen : 0, take = olen - from < 12 ? olen - from : 12;
        memcpy(out, line, at);
        memcpy(out + at, other + from, take);
        strcpy(out + at + take, line + at);
        break;
    }
    }
    return out;
}

static char *mutant(text *t)
{
    hl_strbuf b = HL_STRBUF_INIT;
    int target = t->n ? (int)(rng() % (uint32_t)t->n) : 0, op = (int)(rng() % 4);
    for (int i = 0; i < t->n; i++) {
        if (i == target && op == 0)
            continue; /* deleted */
        if (i == target && op == 1) {
            char *m = mutate_line(t->lines[i], t);
            hl_sb_puts(&b, m);
            free(m);
        } else {
            hl_sb_puts(&b, t->lines[i == target && op == 2 && i + 1 < t->n ? i + 1 : i]);
        }
        hl_sb_putc(&b, '\n');
        if (i == target && op == 3) { /* duplicated */
            hl_sb_puts(&b, t->lines[i]);
            hl_sb_putc(&b, '\n');
        }
    }
    char *s = strdup(hl_sb_cstr(&b));
    hl_sb_free(&b);
    return s;
}

static HLObject *fuzz_globals;

/* Mutants print; nobody needs to read it. */
static void discard_output(int fd, const char *s, size_t n) {}

TEST(fuzz_mutated_corpus)
{
    REQUIRE(hl_eval_init() == 0);
    hl_register_root(&fuzz_globals, "fuzz globals");
    hl_set_output_hook(discard_output);
    DIR *d = opendir("tests/cases");
    REQUIRE(d != NULL);
    char **files = NULL;
    int nfiles = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n > 3 && strcmp(e->d_name + n - 3, ".py") == 0) {
            files = realloc(files, sizeof(char *) * (size_t)(nfiles + 1));
            files[nfiles++] = strdup(e->d_name);
        }
    }
    closedir(d);
    qsort(files, (size_t)nfiles, sizeof(char *), (int (*)(const void *, const void *))strcmp);
    int ran = 0;
    for (int f = 0; f < nfiles; f += FILE_STRIDE) {
        char path[512];
        snprintf(path, sizeof path, "tests/cases/%s", files[f]);
        FILE *fp = fopen(path, "rb");
        if (!fp)
            continue;
        static char buf[65536];
        size_t n = fread(buf, 1, sizeof buf - 1, fp);
        fclose(fp);
        buf[n] = 0;
        if (strstr(buf, "ctypes"))
            continue;
        text t = split_lines(buf);
        for (int m = 0; m < MUTANTS_PER_FILE; m++) {
            char *src = mutant(&t);
            fuzz_globals = hl_dict_new();
            REQUIRE(fuzz_globals != NULL);
            hl_dict_set_item_str(fuzz_globals, "__builtins__", hl_builtins_module());
            hl_dict_set_item_str(fuzz_globals, "__name__", hl_str_intern_from_cstr("__fuzz__"));
            HLObject *name = hl_str_from_cstr(files[f]);
            hl_eval_set_fuel(2000000);
            HLObject *res = hl_run_string(src, strlen(src), name, 0, fuzz_globals, fuzz_globals);
            hl_eval_set_fuel(0);
            hl_xdecref(res);
            hl_err_clear();
            hl_decref(name);
            hl_dict_clear(fuzz_globals);
            HL_CLEAR(fuzz_globals);
            free(src);
            ran++;
        }
        free_text(&t);
    }
    for (int f = 0; f < nfiles; f++)
        free(files[f]);
    free(files);
    hl_gc_collect(2);
    hl_err_clear();
    hl_set_output_hook(NULL);
    CHECK(ran > 100 / FILE_STRIDE);
    printf("  fuzz: %d mutants run\n", ran);
}
