/*
 * test_parser.c — the parser against CPython 3.11, sample by sample.
 *
 * tests/parser holds Python sources; tests/tools/record-parser recorded
 * for each what CPython's ast.parse gives: NAME.ast (the tree as
 * ast.dump(tree, include_attributes=True), plus the warnings) or NAME.err
 * (the SyntaxError's type, msg, lineno, offset, end_lineno, end_offset and
 * text).  parser_samples parses every sample with hl_parse, writes the same
 * text, and compares; a difference is printed with both texts.  The mode is
 * in the name: NAME.eval.py, NAME.single.py, NAME.file.py (a script file,
 * as the CLI reads it), else exec.
 *
 * unsupported_*.py samples are constructs CPython accepts (their record is
 * a tree) and heaplab refuses: the test checks for the SyntaxError
 * "heaplab does not support ...".
 *
 * parser_fuzz feeds mangled versions of the samples (truncated, bytes
 * flipped, pieces dropped or repeated, brackets piled up) and checks that
 * each parse ends cleanly — a tree, or an error record with a type — and
 * that freeing the arena gives back every object the parse made.
 *
 * parser_arena_refs checks how many references to an identifier the arena
 * holds after parsing each statement of tests/parser/arena_refs.txt —
 * CPython's parser registers one per time a rule turns the NAME into an
 * identifier, and the counts there were measured on CPython 3.11 with
 * sys.getrefcount by record-parser.
 *
 * parser_refcounts checks what the arena holds: one reference per literal
 * occurrence, interned identifiers, and nothing left after hl_arena_free.
 *
 * The samples directory is tests/parser relative to the working directory
 * (make runs the tests from the repository root), or $HEAPLAB_PARSER_SAMPLES.
 */
#include <dirent.h>
#include <stdlib.h>

#include "harness.h"
#include "../../src/lang/parser.h"
#include "../../src/objects/listobject.h"
#include "../../src/objects/longobject.h"
#include "../../src/objects/strobject.h"
#include "../../src/runtime/errors.h"
#include "../../src/runtime/heapview.h"
#include "../../src/lang/pythonrun.h"
#include "../../src/runtime/strbuf.h"

static const char *samples_dir(void)
{
    const char *d = getenv("HEAPLAB_PARSER_SAMPLES");
    return d ? d : "tests/parser";
}

/* repr() of UTF-8 text (invalid bytes shown as U+FFFD, as CPython's error
 * text is decoded with "replace"). */
static void put_repr(hl_strbuf *out, const char *s)
{
    if (s == NULL) {
        hl_sb_puts(out, "None");
        return;
    }
    /* Decode with U+FFFD for invalid sequences. */
    size_t n = strlen(s), k = 0;
    uint32_t *chars = malloc((n + 1) * sizeof(uint32_t));
    const unsigned char *q = (const unsigned char *)s, *end = q + n;
    while (q < end) {
        uint32_t ch;
        const unsigned char *bad_end;
        const char *reason;
        int len = hl_utf8_decode_one(q, end, &ch, &bad_end, &reason);
        if (len == 0) {
            chars[k++] = 0xFFFD;
            q = bad_end > q ? bad_end : q + 1;
        } else {
            chars[k++] = ch;
            q += len;
        }
    }
    HLObject *str = hl_str_from_ucs4(chars, (hl_ssize_t)k);
    free(chars);
    HLObject *r = str ? hl_object_repr(str) : NULL;
    if (r)
        hl_str_write_utf8(out, r);
    else
        hl_sb_puts(out, "<repr failed>");
    hl_xdecref(r);
    hl_xdecref(str);
    hl_err_clear();
}

static void put_int_or_none(hl_strbuf *out, int has, int v)
{
    if (has)
        hl_sb_printf(out, "%d", v);
    else
        hl_sb_puts(out, "None");
}

/* The record format of tests/tools/record-parser. */
static void format_outcome(hl_strbuf *out, mod_ty mod, hl_syntax_error *err)
{
    if (mod != NULL) {
        if (hl_ast_dump(out, mod) < 0) {
            hl_sb_puts(out, "<dump failed>");
            hl_err_clear();
        }
    } else {
        hl_sb_printf(out, "type: %s\nmsg: ", err->type ? err->type : "(none)");
        put_repr(out, err->msg ? err->msg : "");
        if (err->type && strcmp(err->type, "MemoryError") != 0) {
            hl_sb_puts(out, "\nlineno: ");
            put_int_or_none(out, err->has_location, err->lineno);
            hl_sb_puts(out, "\noffset: ");
            put_int_or_none(out, err->has_location, err->offset);
            hl_sb_puts(out, "\nend_lineno: ");
            put_int_or_none(out, err->has_location, err->end_lineno);
            hl_sb_puts(out, "\nend_offset: ");
            put_int_or_none(out, err->has_location, err->end_offset);
            hl_sb_puts(out, "\ntext: ");
            put_repr(out, err->has_location ? err->text : NULL);
        }
    }
    hl_sb_putc(out, '\n');
    for (hl_parse_warning *w = err->warnings; w != NULL; w = w->next)
        hl_sb_printf(out, "warning: %s: %s (line %d)\n", w->category, w->msg, w->lineno);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int sample_mode(const char *name, int *flags)
{
    *flags = 0;
    if (ends_with(name, ".eval.py"))
        return HL_MODE_EVAL;
    if (ends_with(name, ".single.py"))
        return HL_MODE_SINGLE;
    if (ends_with(name, ".file.py"))
        *flags = HL_PARSE_FILE;
    return HL_MODE_EXEC;
}

/* Parses one sample and compares with its record; 1 if they match. */
static int check_sample(const char *dir, const char *name, int verbose)
{
    char path[1024], expected_path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t len, elen;
    char *src = hl_read_file(path, &len);
    if (src == NULL)
        return 0;
    size_t stem = strlen(name) - 3;
    snprintf(expected_path, sizeof expected_path, "%s/%.*s.ast", dir, (int)stem, name);
    char *expected = hl_read_file(expected_path, &elen);
    if (expected == NULL) {
        snprintf(expected_path, sizeof expected_path, "%s/%.*s.err", dir, (int)stem, name);
        expected = hl_read_file(expected_path, &elen);
    }
    if (expected == NULL) {
        printf("  %s: no recorded outcome (run tests/tools/record-parser)\n", name);
        free(src);
        return 0;
    }
    int flags, mode = sample_mode(name, &flags);
    hl_arena *arena = hl_arena_new();
    hl_syntax_error err;
    hl_syntax_error_init(&err);
    mod_ty mod = hl_parse(src, len, mode, flags, name, arena, &err);
    hl_strbuf out = HL_STRBUF_INIT;
    format_outcome(&out, mod, &err);
    const char *got = hl_sb_cstr(&out);
    int ok;
    if (strncmp(name, "unsupported_", 12) == 0) {
        /* CPython builds a tree (recorded); heaplab must refuse with its own
         * message. */
        ok = mod == NULL && err.type != NULL && strcmp(err.type, "SyntaxError") == 0 &&
             err.msg != NULL && strncmp(err.msg, "heaplab does not support ", 25) == 0 &&
             strncmp(expected, "Module(", 7) == 0;
    } else {
        ok = strcmp(got, expected) == 0;
    }
    if (!ok && verbose) {
        /* Show where they part, with some context. */
        size_t i = 0;
        while (got[i] && got[i] == expected[i])
            i++;
        size_t from = i > 150 ? i - 150 : 0;
        printf("  MISMATCH %s at byte %zu\n  expected: ...%.300s\n  got:      ...%.300s\n", name,
               i, expected + from, got + from);
    }
    hl_sb_free(&out);
    hl_syntax_error_clear(&err);
    hl_arena_free(arena);
    free(expected);
    free(src);
    return ok;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sample names, sorted. */
static char **list_samples(const char *dir, int *count)
{
    DIR *d = opendir(dir);
    *count = 0;
    if (d == NULL)
        return NULL;
    int cap = 64;
    char **names = malloc(cap * sizeof(char *));
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!ends_with(e->d_name, ".py"))
            continue;
        if (*count == cap)
            names = realloc(names, (cap *= 2) * sizeof(char *));
        names[(*count)++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, *count, sizeof(char *), compare_names);
    return names;
}

static void free_names(char **names, int count)
{
    for (int i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

TEST(parser_samples)
{
    const char *dir = samples_dir();
    const char *only = getenv("HEAPLAB_PARSER_SAMPLE");
    int count;
    char **names = list_samples(dir, &count);
    REQUIRE(names != NULL && count > 0);
    int matched = 0, total = 0;
    for (int i = 0; i < count; i++) {
        if (only && strstr(names[i], only) == NULL)
            continue;
        total++;
        if (check_sample(dir, names[i], 1))
            matched++;
    }
    printf("  parser samples: %d of %d match CPython 3.11\n", matched, total);
    CHECK_EQ(matched, total);
    free_names(names, count);
}

/* ---------------------------------------------------------------------------
 * Fuzzing.
 */
static void count_object(HLObject *op, int large, void *arg) { (*(long *)arg)++; }

static long live_objects(void)
{
    long n = 0;
    hl_heap_foreach(count_object, &n);
    return n;
}

static uint32_t rng_state = 12345;
static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

/* Parses buf in every mode; the outcome must be a tree or a typed error,
 * with no exception left set. */
static int parse_cleanly(const char *buf, size_t len)
{
    int ok = 1;
    for (int mode = 0; mode < 3; mode++) {
        for (int file = 0; file < 2; file++) {
            hl_arena *arena = hl_arena_new();
            hl_syntax_error err;
            hl_syntax_error_init(&err);
            mod_ty mod = hl_parse(buf, len, mode, file ? HL_PARSE_FILE : 0, "fuzz", arena, &err);
            if (mod == NULL && err.type == NULL)
                ok = 0;
            if (mod != NULL && err.type != NULL)
                ok = 0;
            if (hl_err_occurred()) {
                ok = 0;
                hl_err_clear();
            }
            if (mod != NULL) {
                hl_strbuf out = HL_STRBUF_INIT;
                /* A tree deeper than the dumper goes is refused with
                 * RecursionError, as CPython's ast module refuses it. */
                if (hl_ast_dump(&out, mod) < 0) {
                    if (!hl_err_exception_matches(hl_exc_RecursionError))
                        ok = 0;
                    hl_err_clear();
                }
                hl_sb_free(&out);
            }
            hl_syntax_error_clear(&err);
            hl_arena_free(arena);
        }
    }
    return ok;
}

static const char *const fragments[] = {
    "(", ")", "[", "]", "{", "}", ":", ",", "\n", "    ", "\t", "\\\n", "'", "\"", "'''",
    "f'{", "}'", "=", ":=", "**", "*", "lambda", "if", "else", "for", "in", "def", "class",
    "@", "#", "\0", "\xff", "\xc3", "é", "€", "1_", "0x", "1e", "1j", "b'", "u'", "rf'",
    "{x!r:>{w}}", "async", "await", "match", "case", "yield", "not", "is", "->", ";", ".",
    "...", "\r", "\f", "\x0b", "try:", "except", "with", "import", "from", "global",
};

static size_t mutate(const char *src, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    int kind = (int)(rnd() % 5);
    if (len == 0)
        kind = 3;
    switch (kind) {
    case 0: { /* truncate */
        size_t cut = rnd() % (len + 1);
        memcpy(out, src, cut);
        return cut;
    }
    case 1: { /* flip bytes */
        memcpy(out, src, len);
        for (int i = 0; i < 3; i++)
            out[rnd() % len] = (char)(rnd() & 0xFF);
        return len;
    }
    case 2: { /* drop a range */
        size_t a = rnd() % len, b = a + rnd() % (len - a + 1);
        memcpy(out, src, a);
        memcpy(out + a, src + b, len - b);
        return len - (b - a);
    }
    case 3: { /* insert fragments */
        size_t at = len ? rnd() % (len + 1) : 0;
        memcpy(out, src, at);
        n = at;
        int k = 1 + (int)(rnd() % 4);
        for (int i = 0; i < k; i++) {
            const char *f = fragments[rnd() % (sizeof fragments / sizeof fragments[0])];
            size_t fl = f[0] ? strlen(f) : 1;
            if (n + fl + len - at >= cap)
                break;
            memcpy(out + n, f, fl);
            n += fl;
        }
        memcpy(out + n, src + at, len - at);
        return n + len - at;
    }
    default: { /* repeat a range */
        size_t a = rnd() % len, b = a + rnd() % (len - a + 1);
        if (len + (b - a) >= cap)
            b = a;
        memcpy(out, src, b);
        memcpy(out + b, src + a, len - a);
        return len + (b - a);
    }
    }
}

TEST(parser_fuzz)
{
    const char *dir = samples_dir();
    int count;
    char **names = list_samples(dir, &count);
    REQUIRE(names != NULL && count > 0);
    long before = live_objects();
    int failures = 0, runs = 0;
    size_t cap = 1 << 16;
    char *buf = malloc(cap);
    for (int i = 0; i < count; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t len;
        char *src = hl_read_file(path, &len);
        if (src == NULL || len * 2 + 64 > cap) {
            free(src);
            continue;
        }
        for (int k = 0; k < 12; k++) {
            size_t n = mutate(src, len, buf, cap);
            runs++;
            if (!parse_cleanly(buf, n)) {
                if (failures++ < 5)
                    printf("  fuzz: unclean parse of a mutation of %s\n", names[i]);
            }
        }
        free(src);
    }
    /* Deep nesting of every kind. */
    static const char *const openers[] = {"(", "[", "{", "-", "not ", "lambda:", "f(", "x[",
                                          "a if b else ", "2**", "await ", "*", "yield "};
    for (size_t o = 0; o < sizeof openers / sizeof openers[0]; o++) {
        for (int depth = 50; depth <= 12800; depth *= 4) {
            size_t ol = strlen(openers[o]), n = 0;
            if (depth * ol + 16 > cap)
                break;
            for (int d = 0; d < depth; d++, n += ol)
                memcpy(buf + n, openers[o], ol);
            memcpy(buf + n, "x\n", 2);
            n += 2;
            runs++;
            if (!parse_cleanly(buf, n) && failures++ < 5)
                printf("  fuzz: unclean parse of %d x %s\n", depth, openers[o]);
        }
    }
    /* Left recursion builds deep trees from flat text. */
    static const char *const links[] = {".b", "[0]", "(1)", "+1", " if 1 else 1"};
    for (size_t l = 0; l < sizeof links / sizeof links[0]; l++) {
        size_t ll = strlen(links[l]), n = 0;
        memcpy(buf, "x = a", 5);
        n = 5;
        for (int d = 0; d < 20000 && n + ll + 2 < cap; d++, n += ll)
            memcpy(buf + n, links[l], ll);
        buf[n++] = '\n';
        runs++;
        if (!parse_cleanly(buf, n) && failures++ < 5)
            printf("  fuzz: unclean parse of a chain of %s\n", links[l]);
    }
    free(buf);
    free_names(names, count);
    long after = live_objects();
    printf("  parser fuzz: %d inputs, %d unclean; live objects %ld -> %ld\n", runs, failures,
           before, after);
    CHECK_EQ(failures, 0);
    CHECK(after <= before);
}

/* ---------------------------------------------------------------------------
 * What the arena holds.
 */
static hl_ssize_t count_in_arena(hl_arena *arena, HLObject *o)
{
    HLObject *list = hl_arena_objects(arena);
    hl_ssize_t n = 0;
    for (hl_ssize_t i = 0; i < HL_SIZE(list); i++)
        if (((HLListObject *)list)->ob_item[i] == o)
            n++;
    return n;
}

TEST(parser_refcounts)
{
    const char *src = "x = 300\ny = 300\nz = 'spam eggs'\n";
    hl_arena *arena = hl_arena_new();
    hl_syntax_error err;
    hl_syntax_error_init(&err);
    mod_ty mod = hl_parse(src, strlen(src), HL_MODE_EXEC, 0, "<test>", arena, &err);
    REQUIRE(mod != NULL);
    asdl_seq *body = mod->v.Module.body;
    REQUIRE(asdl_seq_LEN(body) == 3);
    stmt_ty s0 = asdl_seq_GET(body, 0), s1 = asdl_seq_GET(body, 1), s2 = asdl_seq_GET(body, 2);
    HLObject *c0 = s0->v.Assign.value->v.Constant.value;
    HLObject *c1 = s1->v.Assign.value->v.Constant.value;
    HLObject *c2 = s2->v.Assign.value->v.Constant.value;
    /* One int object per occurrence of the literal, held by the arena. */
    CHECK(c0 != c1);
    CHECK(hl_long_check_exact(c0));
    CHECK_EQ(count_in_arena(arena, c0), 1);
    CHECK_EQ(HL_REFCNT(c0), 1);
    CHECK_EQ(HL_REFCNT(c2), 1);
    /* Identifiers are interned. */
    identifier x = ((expr_ty)asdl_seq_GET(s0->v.Assign.targets, 0))->v.Name.id;
    CHECK(HL_STATE_INTERNED(((HLASCIIObject *)x)->state) != 0);
    CHECK(count_in_arena(arena, x) >= 1);
    hl_incref(c0);
    hl_syntax_error_clear(&err);
    hl_arena_free(arena);
    /* Only our own reference is left. */
    CHECK_EQ(HL_REFCNT(c0), 1);
    hl_decref(c0);
}

/* The program record-parser measured, around one statement. */
static int arena_refs_for(const char *stmt, int *count)
{
    char src[1024];
    snprintf(src, sizeof src,
             "zzq = 1\nif 0:\n    %s\nimport sys\nprint(sys.getrefcount('zzq'))\n",
             stmt);
    hl_arena *arena = hl_arena_new();
    hl_syntax_error err;
    hl_syntax_error_init(&err);
    mod_ty mod = hl_parse(src, strlen(src), HL_MODE_EXEC, 0, "<probe>", arena, &err);
    int n = 0;
    if (mod != NULL) {
        HLObject *list = hl_arena_objects(arena);
        for (hl_ssize_t i = 0; i < HL_SIZE(list); i++) {
            HLObject *o = ((HLListObject *)list)->ob_item[i];
            if (hl_str_check_exact(o) && hl_str_eq_cstr(o, "zzq"))
                n++;
        }
    }
    hl_syntax_error_clear(&err);
    hl_arena_free(arena);
    *count = n;
    return mod != NULL;
}

TEST(parser_arena_refs)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/arena_refs.txt", samples_dir());
    size_t len;
    char *text = hl_read_file(path, &len);
    REQUIRE(text != NULL);
    int base;
    REQUIRE(arena_refs_for("pass", &base));
    int checked = 0, matched = 0;
    for (char *line = strtok(text, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        char *tab = strchr(line, '\t');
        if (tab == NULL)
            continue;
        int expected = atoi(line), got;
        checked++;
        if (arena_refs_for(tab + 1, &got) && got - base == expected)
            matched++;
        else
            printf("  arena refs of `%s`: CPython %d, heaplab %d\n", tab + 1, expected, got - base);
    }
    printf("  arena identifier references: %d of %d statements match CPython 3.11\n", matched,
           checked);
    CHECK(checked > 0);
    CHECK_EQ(matched, checked);
    free(text);
}
