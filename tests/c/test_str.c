/*
 * test_str.c — str: the CPython vectors and the memory invariants.
 *
 * str_vectors.h (written by tests/tools/gen-str-vectors from CPython 3.11)
 * lists thousands of operations with CPython's outcome: the repr of the
 * result or the exception, and which result strings were the operand
 * itself, an argument, a singleton or a new object.  The runner rebuilds
 * each operand from its serialized form, performs the operation through
 * heaplab's own entry points (the method table, the type's slots, the C
 * API), and compares; it also checks that every operation leaves the set
 * of live objects and region blocks exactly as it found it.
 *
 * The invariant tests check what the vectors cannot see: the 32-bit layout,
 * the static singletons, interning's refcount arithmetic, the in-place
 * append, the iterator's GC tracking and the UTF-8 cache.
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "../../src/objects/abstract.h"
#include "../../src/objects/dictobject.h"
#include "../../src/objects/floatobject.h"
#include "../../src/objects/listobject.h"
#include "../../src/objects/longobject.h"
#include "../../src/objects/sliceobject.h"
#include "../../src/objects/strobject.h"
#include "../../src/objects/tupleobject.h"
#include "../../src/objects/unicodectype.h"
#include "../../src/runtime/errors.h"
#include "../../src/runtime/gc.h"
#include "../../src/runtime/heapview.h"
#include "../../src/runtime/obmalloc.h"
#include "../../src/runtime/strbuf.h"
#include "../../src/runtime/sysmem.h"

/* ---- decoding the serialized values ------------------------------------------ */

typedef struct {
    const char *p, *end;
} cursor;

static long long read_num(cursor *c, char stop)
{
    long long v = 0;
    int neg = 0;
    if (*c->p == '-') {
        neg = 1;
        c->p++;
    }
    while (c->p < c->end && *c->p != stop)
        v = v * 10 + (*c->p++ - '0');
    c->p++; /* the stop character */
    return neg ? -v : v;
}

/* UTF-8 with surrogates allowed (the generator's surrogatepass). */
static HLObject *decode_loose(const unsigned char *s, size_t n)
{
    uint32_t *buf = malloc((n + 1) * sizeof(uint32_t));
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        if (c < 0x80) {
            buf[k++] = c;
            i++;
        } else if (c < 0xE0) {
            buf[k++] = ((c & 0x1F) << 6) | (s[i + 1] & 0x3F);
            i += 2;
        } else if (c < 0xF0) {
            buf[k++] = ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
            i += 3;
        } else {
            buf[k++] = ((c & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) |
                       (s[i + 3] & 0x3F);
            i += 4;
        }
    }
    HLObject *r = hl_str_from_ucs4(buf, (hl_ssize_t)k);
    free(buf);
    return r;
}

static HLObject *parse(cursor *c);

static HLObject *parse_items(cursor *c, HLObject *seq, long long n, int is_tuple)
{
    for (long long i = 0; i < n; i++) {
        HLObject *item = parse(c);
        if (is_tuple)
            HL_TUPLE_SET(seq, i, item);
        else
            HL_LIST_SET(seq, i, item);
    }
    return seq;
}

static HLObject *parse(cursor *c)
{
    char t = *c->p++;
    switch (t) {
    case 'N':
        return hl_none_new();
    case 'T':
        return hl_bool_from_long(1);
    case 'F':
        return hl_bool_from_long(0);
    case 'i': {
        const char *start = c->p;
        while (*c->p != ';')
            c->p++;
        HLObject *v = hl_long_from_string(start, c->p - start, 10);
        c->p++;
        return v;
    }
    case 'f': {
        uint64_t bits = 0;
        for (int i = 0; i < 8; i++) {
            unsigned byte;
            sscanf(c->p + 2 * i, "%2x", &byte);
            bits |= (uint64_t)byte << (8 * i);
        }
        c->p += 16;
        double d;
        memcpy(&d, &bits, sizeof d);
        return hl_float_from_double(d);
    }
    case 's': {
        long long n = read_num(c, ':');
        HLObject *s = decode_loose((const unsigned char *)c->p, (size_t)n);
        c->p += n;
        return s;
    }
    case 't': {
        long long n = read_num(c, ':');
        return parse_items(c, hl_tuple_new((hl_ssize_t)n), n, 1);
    }
    case 'l': {
        long long n = read_num(c, ':');
        return parse_items(c, hl_list_new((hl_ssize_t)n), n, 0);
    }
    case 'd': {
        long long n = read_num(c, ':');
        HLObject *d = hl_dict_new();
        for (long long i = 0; i < n; i++) {
            HLObject *k = parse(c), *v = parse(c);
            hl_dict_set_item(d, k, v);
            hl_decref(k);
            hl_decref(v);
        }
        return d;
    }
    case 'S': {
        HLObject *a = parse(c), *b = parse(c), *st = parse(c);
        HLObject *s = hl_slice_new(a, b, st);
        hl_decref(a);
        hl_decref(b);
        hl_decref(st);
        return s;
    }
    }
    hl_test_fail(__FILE__, __LINE__, "bad vector value '%c'", t);
    longjmp(hl_test_abort, 1);
}

static HLObject *vec_parse_value(const char *p, int len)
{
    cursor c = {p, p + len};
    return parse(&c);
}

typedef struct {
    const char *op;
    const char *self;
    int self_len;
    const char *args;
    int args_len;
    const char *kwargs;
    int kwargs_len;
    const char *expect;
    int expect_len;
    const char *ident;
} str_vector;

typedef struct {
    HLObject *(*fn)(void);
    const char *expect;
} fromformat_vector;

#include "str_vectors.h"
#include "unicode_digests.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- helpers --------------------------------------------------------------------- */

static HLObject *empty_str(void)
{
    HLObject *e = hl_str_empty();
    hl_decref(e);
    return e;
}

static int is_singleton(HLObject *s)
{
    if (HL_STR_LEN(s) == 0)
        return s == empty_str();
    return HL_STR_LEN(s) == 1 && hl_str_read_char(s, 0) < 256 &&
           s == hl_str_latin1_char(hl_str_read_char(s, 0));
}

static void ident_one(hl_strbuf *b, HLObject *x, HLObject *self, HLObject **argv, hl_ssize_t n)
{
    if (!hl_str_check(x)) {
        hl_sb_putc(b, '-');
        return;
    }
    if (x == self) {
        hl_sb_putc(b, 'S');
        return;
    }
    for (hl_ssize_t i = 0; i < n; i++)
        if (x == argv[i]) {
            hl_sb_printf(b, "A%d", (int)i);
            return;
        }
    hl_sb_putc(b, is_singleton(x) ? 's' : 'n');
}

static void identities(hl_strbuf *b, HLObject *r, HLObject *self, HLObject **argv, hl_ssize_t n)
{
    if (hl_list_check(r) || hl_tuple_check(r)) {
        HLObject **items = hl_list_check(r) ? HL_LIST_ITEMS(r) : HL_TUPLE_ITEMS(r);
        if (HL_SIZE(r) == 0)
            hl_sb_putc(b, '-');
        for (hl_ssize_t i = 0; i < HL_SIZE(r); i++)
            ident_one(b, items[i], self, argv, n);
        return;
    }
    ident_one(b, r, self, argv, n);
}

/* "!Type: message" for the current exception (cleared). */
static void describe_exception(hl_strbuf *b)
{
    HLObject *exc = hl_err_fetch();
    HLObject *msg = hl_object_str(exc);
    hl_sb_printf(b, "!%s: ", HL_TYPE(exc)->tp_name);
    if (msg) {
        hl_str_write_utf8(b, msg);
        hl_decref(msg);
    } else {
        hl_err_clear();
        hl_sb_puts(b, "<str() failed>");
    }
    hl_decref(exc);
}

static HLMethodDef *find_method(const char *name)
{
    for (HLMethodDef *m = hl_str_methods; m->ml_name; m++)
        if (strcmp(m->ml_name, name) == 0)
            return m;
    return NULL;
}

/* Calls a method with positional arguments and keywords (kwargs: a dict or
 * NULL), the way the interpreter's vectorcall does. */
static HLObject *call_method(const char *name, HLObject *self, HLObject *args, HLObject *kwargs)
{
    HLMethodDef *m = find_method(name);
    if (m == NULL) {
        hl_test_fail(__FILE__, __LINE__, "no method %s", name);
        return NULL;
    }
    hl_ssize_t nargs = HL_SIZE(args), nkw = kwargs ? hl_dict_size(kwargs) : 0;
    /* The checks the interpreter's call of a method descriptor makes. */
    if ((m->ml_flags & (HL_METH_NOARGS | HL_METH_O)) && nkw)
        return hl_err_format(hl_exc_TypeError, "str.%s() takes no keyword arguments", name);
    if ((m->ml_flags & HL_METH_NOARGS) && nargs)
        return hl_err_format(hl_exc_TypeError, "str.%s() takes no arguments (%zd given)", name, nargs);
    if ((m->ml_flags & HL_METH_O) && nargs != 1)
        return hl_err_format(hl_exc_TypeError, "str.%s() takes exactly one argument (%zd given)",
                             name, nargs);
    HLObject *argv[16];
    HLObject *kwnames = NULL;
    for (hl_ssize_t i = 0; i < nargs; i++)
        argv[i] = HL_TUPLE_GET(args, i);
    if (nkw) {
        kwnames = hl_tuple_new(nkw);
        hl_ssize_t pos = 0, i = 0;
        HLObject *k, *v;
        while (hl_dict_next(kwargs, &pos, &k, &v)) {
            HL_TUPLE_SET(kwnames, i, hl_newref(k));
            argv[nargs + i++] = v;
        }
    }
    HLObject *r = m->ml_meth(m->ml_flags & HL_METH_STATIC ? NULL : self, argv, nargs, kwnames);
    hl_xdecref(kwnames);
    return r;
}

static HLObject *list_of_iteration(HLObject *s)
{
    HLObject *it = hl_str_type.tp_iter(s);
    if (it == NULL)
        return NULL;
    HLObject *list = hl_list_new(0), *x;
    while ((x = HL_TYPE(it)->tp_iternext(it)) != NULL) {
        hl_list_append(list, x);
        hl_decref(x);
    }
    hl_decref(it);
    return list;
}

static const int cmp_ops[] = {HL_LT, HL_LE, HL_EQ, HL_NE, HL_GT, HL_GE};
static const char *const cmp_names[] = {"lt", "le", "eq", "ne", "gt", "ge"};

static HLObject *perform(const str_vector *v, HLObject *self, HLObject *args, HLObject *kwargs)
{
    const char *op = v->op;
    HLObject *a0 = HL_SIZE(args) > 0 ? HL_TUPLE_GET(args, 0) : NULL;
    if (strncmp(op, "m:", 2) == 0)
        return call_method(op + 2, self, args, kwargs);
    if (strcmp(op, "repr") == 0)
        return hl_str_type.tp_repr(self);
    if (strcmp(op, "hash") == 0)
        return hl_long_from_ssize(hl_str_type.tp_hash(self));
    if (strcmp(op, "sizeof") == 0)
        return hl_long_from_ssize(hl_str_sizeof(self));
    if (strcmp(op, "str") == 0)
        return hl_str_type.tp_str(self);
    if (strcmp(op, "len") == 0)
        return hl_long_from_ssize(hl_str_type.tp_as_sequence->sq_length(self));
    if (strcmp(op, "iter") == 0)
        return list_of_iteration(self);
    if (strcmp(op, "getitem") == 0)
        return hl_str_type.tp_as_mapping->mp_subscript(self, a0);
    if (strcmp(op, "concat") == 0)
        return hl_str_type.tp_as_sequence->sq_concat(self, a0);
    if (strcmp(op, "repeat") == 0)
        return hl_str_type.tp_as_sequence->sq_repeat(self, hl_long_as_ssize(a0));
    if (strcmp(op, "mod") == 0)
        return hl_str_type.tp_as_number->nb_remainder(self, a0);
    if (strcmp(op, "contains") == 0) {
        int r = hl_str_type.tp_as_sequence->sq_contains(self, a0);
        return r < 0 ? NULL : hl_bool_from_long(r);
    }
    if (strncmp(op, "cmp_", 4) == 0) {
        for (int i = 0; i < 6; i++)
            if (strcmp(op + 4, cmp_names[i]) == 0)
                return hl_str_type.tp_richcompare(self, a0, cmp_ops[i]);
    }
    if (strcmp(op, "ascii") == 0)
        return hl_object_ascii(self);
    if (strcmp(op, "new") == 0)
        return hl_str_type.tp_new(&hl_str_type, args, kwargs);
    hl_test_fail(__FILE__, __LINE__, "unknown vector op %s", op);
    return NULL;
}

/* What a test can leave behind: live objects (by count) and region blocks. */
typedef struct {
    size_t objects, raw_blocks;
} heap_census;

static void count_object(HLObject *op, int large, void *arg) { (*(size_t *)arg)++; }

static heap_census census(void)
{
    heap_census c = {0, 0};
    hl_heap_foreach(count_object, &c.objects);
    hl_raw_stats st;
    hl_raw_get_stats(&st);
    c.raw_blocks = st.blocks_in_use;
    return c;
}

static int run_vector(const str_vector *v, hl_strbuf *got, hl_strbuf *ids)
{
    if (strcmp(v->op, "decode") == 0) {
        /* args is "t1:b<n>:<bytes>": heaplab has no bytes objects. */
        cursor c = {v->args + 4, v->args + v->args_len};
        long long n = read_num(&c, ':');
        HLObject *r = hl_str_from_utf8(c.p, (hl_ssize_t)n);
        if (r == NULL) {
            describe_exception(got);
            hl_sb_putc(ids, '!');
            return 0;
        }
        HLObject *rep = hl_object_repr(r);
        hl_str_write_utf8(got, rep);
        identities(ids, r, empty_str(), NULL, 0); /* the vector's operand is '' */
        hl_decref(rep);
        hl_decref(r);
        return 0;
    }
    HLObject *self = vec_parse_value(v->self, v->self_len);
    HLObject *args = vec_parse_value(v->args, v->args_len);
    HLObject *kwargs = v->kwargs ? vec_parse_value(v->kwargs, v->kwargs_len) : NULL;
    HLObject *r = perform(v, self, args, kwargs);
    if (r == NULL) {
        describe_exception(got);
        hl_sb_putc(ids, '!');
    } else {
        HLObject *argv[16];
        hl_ssize_t n = 0;
        for (hl_ssize_t i = 0; i < HL_SIZE(args); i++)
            argv[n++] = HL_TUPLE_GET(args, i);
        if (kwargs) {
            hl_ssize_t pos = 0;
            HLObject *k, *val;
            while (hl_dict_next(kwargs, &pos, &k, &val))
                argv[n++] = val;
        }
        HLObject *rep = hl_object_repr(r);
        if (rep == NULL)
            describe_exception(got);
        else {
            hl_str_write_utf8(got, rep);
            hl_decref(rep);
        }
        identities(ids, r, self, argv, n);
        hl_decref(r);
    }
    hl_decref(self);
    hl_decref(args);
    hl_xdecref(kwargs);
    return 0;
}

/* ---- the vectors ----------------------------------------------------------------- */

TEST(str_cpython_vectors)
{
    int bad = 0, leaks = 0;
    /* Readied up front, so that readying them (their dict, bases and MRO)
     * is not mistaken for a leak of the first vector that iterates. */
    hl_type_ready(&hl_str_iter_type);
    hl_type_ready(&hl_str_ascii_iter_type);
    /* Likewise the first repr of a list sets up the recursion guard's
     * state (Py_ReprEnter's list), which then stays. */
    HLObject *warm = hl_list_new(1);
    HL_LIST_SET(warm, 0, hl_str_empty());
    hl_decref(hl_object_repr(warm));
    hl_decref(warm);
    for (size_t i = 0; i < NELEM(str_vectors); i++) {
        const str_vector *v = &str_vectors[i];
        hl_strbuf got = HL_STRBUF_INIT, ids = HL_STRBUF_INIT;
        heap_census before = census();
        run_vector(v, &got, &ids);
        int ok_value = got.len == (size_t)v->expect_len && memcmp(hl_sb_cstr(&got), v->expect, got.len) == 0;
        int ok_ids = strcmp(hl_sb_cstr(&ids), v->ident) == 0;
        if (!ok_value || !ok_ids) {
            if (bad++ < 60)
                hl_test_fail(__FILE__, __LINE__, "vector %zu %s self=%.*s args=%.*s%s%.*s:\n"
                             "      got    %s [%s]\n      CPython %.*s [%s]",
                             i, v->op, v->self_len, v->self, v->args_len, v->args,
                             v->kwargs ? " kwargs=" : "", v->kwargs_len, v->kwargs ? v->kwargs : "",
                             hl_sb_cstr(&got), hl_sb_cstr(&ids), v->expect_len, v->expect, v->ident);
        }
        hl_sb_free(&got);
        hl_sb_free(&ids);
        heap_census after = census();
        if (before.objects != after.objects || before.raw_blocks != after.raw_blocks) {
            if (leaks++ < 20)
                hl_test_fail(__FILE__, __LINE__,
                             "vector %zu %s self=%.*s args=%.*s: objects %zu -> %zu, raw blocks %zu -> %zu",
                             i, v->op, v->self_len, v->self, v->args_len, v->args, before.objects,
                             after.objects, before.raw_blocks, after.raw_blocks);
        }
        if (hl_err_occurred()) {
            hl_test_fail(__FILE__, __LINE__, "vector %zu left an exception set", i);
            hl_err_clear();
        }
    }
    if (bad)
        printf("  str vectors: %d of %zu differ from CPython\n", bad, NELEM(str_vectors));
    if (leaks)
        printf("  str vectors: %d leave the heap changed\n", leaks);
}

TEST(str_from_format_vectors)
{
    for (size_t i = 0; i < NELEM(fromformat_vectors); i++) {
        HLObject *r = fromformat_vectors[i].fn();
        REQUIRE(r != NULL);
        HLObject *rep = hl_object_repr(r);
        hl_strbuf b = HL_STRBUF_INIT;
        hl_str_write_utf8(&b, rep);
        if (strcmp(hl_sb_cstr(&b), fromformat_vectors[i].expect) != 0)
            hl_test_fail(__FILE__, __LINE__, "PyUnicode_FromFormat vector %zu: got %s, CPython %s", i,
                         hl_sb_cstr(&b), fromformat_vectors[i].expect);
        hl_sb_free(&b);
        hl_decref(rep);
        hl_decref(r);
    }
}

/* ---- the runtime's printf ---------------------------------------------------------- */

/* The formats below are meant to truncate, and to combine flags that C
 * defines but that compilers warn about. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-truncation"

/* hl_snprintf against the C library's snprintf (the native build's glibc):
 * the same text, the same return value, the same truncation, for every
 * flag, width, precision and length modifier on values at the edges. */
#define SAME_AS_LIBC(fmt, ...)                                                                   \
    do {                                                                                         \
        char _want[128], _got[128];                                                              \
        int _wn = snprintf(_want, sizeof _want, fmt, __VA_ARGS__);                               \
        int _gn = hl_snprintf(_got, sizeof _got, fmt, __VA_ARGS__);                              \
        if (_wn != _gn || strcmp(_want, _got) != 0)                                              \
            hl_test_fail(__FILE__, __LINE__, "%s: C library \"%s\" (%d), heaplab \"%s\" (%d)", fmt, \
                         _want, _wn, _got, _gn);                                                 \
        char _w5[5] = "????", _g5[5] = "????";                                                   \
        snprintf(_w5, sizeof _w5, fmt, __VA_ARGS__);                                             \
        hl_snprintf(_g5, sizeof _g5, fmt, __VA_ARGS__);                                          \
        if (memcmp(_w5, _g5, sizeof _w5) != 0)                                                   \
            hl_test_fail(__FILE__, __LINE__, "%s truncated to 5 bytes: \"%s\", heaplab \"%s\"", fmt, \
                         _w5, _g5);                                                              \
    } while (0)

#define EACH_INT(fmt)                                                                            \
    do {                                                                                         \
        static const int ints[] = {0, 1, -1, 7, 42, -42, 255, 4096, -99999, INT_MAX, INT_MIN};  \
        for (size_t _i = 0; _i < NELEM(ints); _i++)                                              \
            SAME_AS_LIBC(fmt, ints[_i]);                                                         \
    } while (0)

TEST(snprintf_is_the_c_librarys)
{
    EACH_INT("%d"); EACH_INT("%i"); EACH_INT("%5d"); EACH_INT("%-5d|"); EACH_INT("%05d");
    EACH_INT("%+d"); EACH_INT("% d"); EACH_INT("%+.02d"); EACH_INT("%.3d"); EACH_INT("%.0d");
    EACH_INT("%08.3d"); EACH_INT("%-+8d|"); EACH_INT("%+05d"); EACH_INT("% 05d");
    EACH_INT("%u"); EACH_INT("%x"); EACH_INT("%X"); EACH_INT("%#x"); EACH_INT("%#X");
    EACH_INT("%08x"); EACH_INT("%#08x"); EACH_INT("%02x"); EACH_INT("%.2x"); EACH_INT("%04X");
    EACH_INT("%o"); EACH_INT("%#o"); EACH_INT("%#.0o"); EACH_INT("%#5o"); EACH_INT("%6u");
    EACH_INT("%hd"); EACH_INT("%hhd"); EACH_INT("%hu"); EACH_INT("%hhx"); EACH_INT("%c|");
    for (int w = -6; w <= 6; w += 3) {
        SAME_AS_LIBC("%*d|", w, 42);
        SAME_AS_LIBC("%.*d|", w, 42);
        SAME_AS_LIBC("%*s|", w, "ab");
        SAME_AS_LIBC("%.*s|", w, "abcdef");
    }
    static const long longs[] = {0L, -1L, LONG_MAX, LONG_MIN, 123456789L};
    for (size_t i = 0; i < NELEM(longs); i++) {
        SAME_AS_LIBC("%ld", longs[i]); SAME_AS_LIBC("%lu", (unsigned long)longs[i]);
        SAME_AS_LIBC("%lx", (unsigned long)longs[i]); SAME_AS_LIBC("%-12ld|", longs[i]);
    }
    static const long long llongs[] = {0LL, -1LL, LLONG_MAX, LLONG_MIN, 1LL << 40};
    for (size_t i = 0; i < NELEM(llongs); i++) {
        SAME_AS_LIBC("%lld", llongs[i]); SAME_AS_LIBC("%llu", (unsigned long long)llongs[i]);
        SAME_AS_LIBC("%llx", (unsigned long long)llongs[i]); SAME_AS_LIBC("%llX", (unsigned long long)llongs[i]);
        SAME_AS_LIBC("%jd", (intmax_t)llongs[i]);
    }
    static const hl_ssize_t sizes[] = {0, -1, 7, HL_SSIZE_T_MAX, -HL_SSIZE_T_MAX - 1};
    for (size_t i = 0; i < NELEM(sizes); i++) {
        SAME_AS_LIBC("%zd", sizes[i]); SAME_AS_LIBC("%zu", (size_t)sizes[i]);
        SAME_AS_LIBC("%15zu|", (size_t)sizes[i]); SAME_AS_LIBC("%13zd|", sizes[i]);
        SAME_AS_LIBC("%td", (ptrdiff_t)sizes[i]);
    }
    static const char *strs[] = {"", "a", "heaplab", "\xc3\xa9t\xc3\xa9", "a longer string than the width"};
    for (size_t i = 0; i < NELEM(strs); i++) {
        SAME_AS_LIBC("%s|", strs[i]); SAME_AS_LIBC("%8s|", strs[i]); SAME_AS_LIBC("%-8s|", strs[i]);
        SAME_AS_LIBC("%.3s|", strs[i]); SAME_AS_LIBC("%.200s|", strs[i]); SAME_AS_LIBC("%48s|", strs[i]);
        SAME_AS_LIBC("%-6.2s|", strs[i]);
    }
    static int anchor;
    SAME_AS_LIBC("%p", (void *)&anchor); SAME_AS_LIBC("%p", (void *)NULL); SAME_AS_LIBC("%20p|", (void *)&anchor);
    SAME_AS_LIBC("%-20p|", (void *)&anchor);
    SAME_AS_LIBC("%5c|%-3c|", 'x', 'y');
    SAME_AS_LIBC("100%% of %s, %d%%", "it", 5);
    SAME_AS_LIBC("%s", "no conversions at all, and longer than five bytes");
    SAME_AS_LIBC("%5u %6u %11zu %15zu %13zu", 1u, 32u, (size_t)4096, (size_t)123456, (size_t)0);

    /* n = 0 writes nothing and still counts */
    char untouched[4] = "xyz";
    CHECK_EQ(hl_snprintf(untouched, 0, "%d apples", 12345), 12);
    CHECK_STR(untouched, "xyz");
}

#pragma GCC diagnostic pop

/* ---- invariants -------------------------------------------------------------------- */

/* CRC-32 (zlib's), one byte at a time. */
static uint32_t crc32_update(uint32_t crc, const uint8_t *p, size_t n)
{
    static uint32_t table[256];
    if (table[1] == 0)
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++)
                c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
    crc = ~crc;
    while (n--)
        crc = table[(crc ^ *p++) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

/* Every code point's flags, decimal value and four case mappings, against
 * CPython's answers (unicode_digests.h has their CRC per block; the
 * serialisation is gen-unicode-ctype's write_digests). */
TEST(str_unicode_database_every_code_point)
{
    int (*const maps[4])(uint32_t, uint32_t *) = {hl_unicode_to_lower_full, hl_unicode_to_title_full,
                                                  hl_unicode_to_upper_full, hl_unicode_to_folded_full};
    for (size_t b = 0; b < NELEM(unicode_digests); b++) {
        uint32_t crc = 0;
        for (uint32_t ch = (uint32_t)b * UNICODE_DIGEST_BLOCK; ch < (b + 1) * UNICODE_DIGEST_BLOCK; ch++) {
            uint8_t buf[3 + 4 * 13];
            size_t n = 0;
            unsigned flags = hl_unicode_flags(ch);
            buf[n++] = (uint8_t)flags;
            buf[n++] = (uint8_t)(flags >> 8);
            buf[n++] = (uint8_t)(int8_t)hl_unicode_to_decimal(ch);
            for (int m = 0; m < 4; m++) {
                uint32_t res[3];
                int k = maps[m](ch, res);
                buf[n++] = (uint8_t)k;
                for (int i = 0; i < k; i++)
                    for (int byte = 0; byte < 4; byte++)
                        buf[n++] = (uint8_t)(res[i] >> (8 * byte));
            }
            crc = crc32_update(crc, buf, n);
        }
        if (crc != unicode_digests[b])
            hl_test_fail(__FILE__, __LINE__, "U+%04zX..U+%04zX: properties or case mappings differ from CPython's",
                         b * UNICODE_DIGEST_BLOCK, (b + 1) * UNICODE_DIGEST_BLOCK - 1);
    }
}

TEST(str_layout_is_cpython_32bit)
{
    CHECK_EQ(sizeof(HLASCIIObject), 24);
    CHECK_EQ(sizeof(HLCompactUnicodeObject), 36);
    CHECK_EQ(sizeof(HLUnicodeObject), 40);
    CHECK_EQ(offsetof(HLASCIIObject, length), 8);
    CHECK_EQ(offsetof(HLASCIIObject, hash), 12);
    CHECK_EQ(offsetof(HLASCIIObject, state), 16);
    CHECK_EQ(offsetof(HLCompactUnicodeObject, utf8), 28);
    CHECK_EQ(hl_str_type.tp_basicsize, 40);
    CHECK_EQ(hl_str_type.tp_itemsize, 0);
    HLObject *a = hl_str_from_cstr("abc");
    CHECK_EQ((char *)HL_STR_DATA(a) - (char *)a, 24);
    CHECK_EQ(((HLASCIIObject *)a)->state, HL_STATE_MAKE(0, 1, 1));
    CHECK_EQ(((uint8_t *)HL_STR_DATA(a))[3], 0);
    HLObject *u = hl_str_from_cstr("\xe6\x97\xa5\xe6\x9c\xac"); /* two UCS-2 characters */
    CHECK_EQ((char *)HL_STR_DATA(u) - (char *)u, 36);
    CHECK_EQ(HL_STR_KIND(u), 2);
    CHECK_EQ(((uint16_t *)HL_STR_DATA(u))[2], 0);
    CHECK_EQ(hl_str_sizeof(a), 28);
    CHECK_EQ(hl_str_sizeof(u), 42);
    hl_decref(a);
    hl_decref(u);
}

TEST(str_singletons_are_static_and_shared)
{
    HLObject *e = hl_str_empty();
    CHECK(HL_REFCNT(e) >= HL_STATIC_REFCNT);
    CHECK(hl_mem_readable((uintptr_t)e, 25));
    CHECK_EQ(hl_str_sizeof(e), 25);
    HLObject *e2 = hl_str_from_utf8("", 0);
    CHECK(e2 == e);
    HLObject *e3 = hl_str_new(0, 0x10FFFF);
    CHECK(e3 == e);
    for (uint32_t c = 0; c < 256; c++) {
        HLObject *s = hl_str_from_char(c);
        CHECK(s == hl_str_latin1_char(c));
        CHECK(HL_REFCNT(s) > HL_STATIC_REFCNT / 2);
        CHECK_EQ(hl_str_sizeof(s), c < 128 ? 26 : 38);
        CHECK_EQ(HL_STR_IS_ASCII(s), c < 128);
        hl_decref(s);
    }
    HLObject *eacute = hl_str_from_cstr("\xc3\xa9");
    CHECK(eacute == hl_str_latin1_char(0xE9));
    HLObject *abc = hl_str_from_cstr("abc");
    HLObject *b = hl_str_substring(abc, 1, 2);
    CHECK(b == hl_str_latin1_char('b'));
    HLObject *w = hl_str_from_char(0x20AC); /* beyond Latin-1: a new object each time */
    HLObject *w2 = hl_str_from_char(0x20AC);
    CHECK(w != w2);
    CHECK_EQ(HL_REFCNT(w), 1);
    hl_decref(w);
    hl_decref(w2);
    hl_decref(b);
    hl_decref(abc);
    hl_decref(eacute);
    hl_decref(e3);
    hl_decref(e2);
    hl_decref(e);
}

TEST(str_interning_mortal_refcounts)
{
    hl_ssize_t n0 = hl_str_interned_count();
    HLObject *s = hl_str_from_cstr("interned_name");
    CHECK_EQ(HL_REFCNT(s), 1);
    hl_str_intern_inplace(&s);
    CHECK_EQ(HL_REFCNT(s), 1); /* the dict's two references do not count */
    CHECK_EQ(HL_STATE_INTERNED(((HLASCIIObject *)s)->state), HL_SSTATE_INTERNED_MORTAL);
    CHECK_EQ(hl_str_interned_count(), n0 + 1);
    HLObject *t = hl_str_from_cstr("interned_name");
    HLObject *t_orig = t;
    hl_incref(t_orig);
    hl_str_intern_inplace(&t);
    CHECK(t == s);
    CHECK_EQ(HL_REFCNT(s), 2);
    CHECK_EQ(HL_REFCNT(t_orig), 1); /* the duplicate was released once */
    CHECK_EQ(HL_STATE_INTERNED(((HLASCIIObject *)t_orig)->state), 0);
    hl_decref(t_orig);
    HLObject *u = hl_str_intern_from_cstr("interned_name");
    CHECK(u == s);
    hl_decref(u);
    hl_decref(t);
    CHECK_EQ(HL_REFCNT(s), 1);
    hl_decref(s); /* dies: removed from the interned dict */
    CHECK_EQ(hl_str_interned_count(), n0);
    /* A singleton can be interned too; its refcount stays what it was. */
    HLObject *q = hl_str_from_char('q');
    hl_ssize_t before = HL_REFCNT(q);
    hl_str_intern_inplace(&q);
    CHECK(q == hl_str_latin1_char('q'));
    CHECK_EQ(HL_REFCNT(q), before);
    CHECK_EQ(HL_STATE_INTERNED(((HLASCIIObject *)q)->state), HL_SSTATE_INTERNED_MORTAL);
    hl_decref(q);
}

TEST(str_append_in_place_when_unshared)
{
    HLObject *s = hl_str_from_cstr("abc");
    HLObject *d = hl_str_from_cstr("def");
    hl_str_append(&s, d);
    REQUIRE(s != NULL);
    CHECK(hl_str_eq_cstr(s, "abcdef"));
    CHECK_EQ(HL_REFCNT(s), 1);
    CHECK_EQ(hl_str_sizeof(s), 24 + 7);
    /* shared: a new string, the old one untouched */
    HLObject *keep = hl_newref(s);
    hl_str_append(&s, d);
    CHECK(s != keep);
    CHECK(hl_str_eq_cstr(keep, "abcdef"));
    CHECK(hl_str_eq_cstr(s, "abcdefdef"));
    hl_decref(keep);
    /* ASCII += Latin-1 changes the header: a new string */
    HLObject *e = hl_str_from_cstr("\xc3\xa9!");
    HLObject *before = s;
    hl_str_append(&s, e);
    CHECK(s != before || HL_STR_KIND(s) == 1);
    CHECK(!HL_STR_IS_ASCII(s));
    CHECK(hl_str_eq_cstr(s, "abcdefdef\xc3\xa9!"));
    /* '' + x is x */
    HLObject *empty = hl_str_empty();
    hl_str_append(&empty, d);
    CHECK(empty == d);
    hl_decref(empty);
    hl_decref(e);
    hl_decref(d);
    hl_decref(s);
}

TEST(str_iterator_is_tracked_gc_object)
{
    HLObject *s = hl_str_from_cstr("hi");
    HLObject *it = hl_str_type.tp_iter(s);
    REQUIRE(it != NULL);
    CHECK(HL_TYPE(it) == &hl_str_ascii_iter_type);
    CHECK_STR(HL_TYPE(it)->tp_name, "str_ascii_iterator");
    CHECK(hl_gc_is_tracked(it));
    CHECK_EQ(HL_REFCNT(s), 2);
    HLObject *h = HL_TYPE(it)->tp_iternext(it);
    CHECK(h == hl_str_latin1_char('h'));
    hl_decref(h);
    hl_decref(HL_TYPE(it)->tp_iternext(it));
    CHECK(HL_TYPE(it)->tp_iternext(it) == NULL);
    CHECK(!hl_err_occurred());
    CHECK_EQ(HL_REFCNT(s), 1); /* released when exhausted */
    hl_decref(it);
    HLObject *u = hl_str_from_cstr("\xc3\xa9\xe2\x82\xac");
    it = hl_str_type.tp_iter(u);
    CHECK(HL_TYPE(it) == &hl_str_iter_type);
    CHECK_STR(HL_TYPE(it)->tp_name, "str_iterator");
    CHECK(hl_gc_is_tracked(it));
    CHECK(hl_gc_would_collect(NULL, NULL) == 0);
    HLObject *c1 = HL_TYPE(it)->tp_iternext(it);
    HLObject *c2 = HL_TYPE(it)->tp_iternext(it);
    CHECK(c1 == hl_str_latin1_char(0xE9));
    CHECK(c2 != NULL && HL_STR_KIND(c2) == 2 && HL_REFCNT(c2) == 1);
    hl_decref(c1);
    hl_decref(c2);
    hl_decref(it);
    hl_decref(u);
    hl_decref(s);
}

TEST(str_utf8_cache_shows_in_sizeof)
{
    HLObject *a = hl_str_from_cstr("plain");
    hl_ssize_t n;
    const char *p = hl_str_as_utf8(a, &n);
    CHECK(p == HL_STR_DATA(a)); /* ASCII is its own UTF-8 */
    CHECK_EQ(n, 5);
    CHECK_EQ(hl_str_sizeof(a), 30);
    HLObject *u = hl_str_from_cstr("\xc3\xa9t\xc3\xa9");
    CHECK_EQ(hl_str_sizeof(u), 36 + 4);
    hl_strbuf b = HL_STRBUF_INIT;
    hl_str_write_utf8(&b, u);
    CHECK_STR(hl_sb_cstr(&b), "\xc3\xa9t\xc3\xa9");
    hl_sb_free(&b);
    CHECK_EQ(hl_str_sizeof(u), 40); /* output does not fill the cache */
    p = hl_str_as_utf8(u, &n);
    CHECK_STR(p, "\xc3\xa9t\xc3\xa9");
    CHECK_EQ(n, 5);
    CHECK_EQ(hl_str_sizeof(u), 40 + 6);
    CHECK(hl_str_as_utf8(u, NULL) == p); /* cached */
    uint32_t sur[2] = {'x', 0xD800};
    HLObject *s = hl_str_from_ucs4(sur, 2);
    hl_strbuf out = HL_STRBUF_INIT;
    CHECK_EQ(hl_str_write_utf8_strict(&out, s), -1);
    CHECK_EQ(out.len, 0);
    hl_err_clear();
    hl_str_write_utf8(&out, s);
    CHECK_STR(hl_sb_cstr(&out), "x\xef\xbf\xbd");
    hl_sb_free(&out);
    CHECK(hl_str_as_utf8(s, NULL) == NULL);
    CHECK(hl_err_given_exception_matches(hl_err_occurred(), hl_exc_UnicodeEncodeError));
    hl_err_clear();
    hl_decref(s);
    hl_decref(u);
    hl_decref(a);
}

TEST(str_comparisons_and_c_helpers)
{
    HLObject *a = hl_str_from_cstr("abc"), *b = hl_str_from_cstr("abd");
    HLObject *w = hl_str_from_cstr("ab\xf0\x9f\x98\x80");
    CHECK(hl_str_compare(a, b) < 0);
    CHECK(hl_str_compare(b, a) > 0);
    CHECK(hl_str_compare(a, a) == 0);
    CHECK(hl_str_compare(w, a) > 0);
    CHECK(hl_str_eq_cstr(w, "ab\xf0\x9f\x98\x80"));
    CHECK(!hl_str_eq_cstr(w, "ab"));
    CHECK(hl_str_eq_cstr(a, "abc"));
    CHECK(hl_str_all_name_chars(a));
    HLObject *sp = hl_str_from_cstr("a b");
    CHECK(!hl_str_all_name_chars(sp));
    CHECK(!hl_str_all_name_chars(w));
    CHECK(hl_str_all_name_chars(empty_str()));
    CHECK_EQ(hl_str_find(w, a, 0, HL_SSIZE_T_MAX, 1), -1);
    HLObject *ab = hl_str_from_cstr("ab");
    CHECK_EQ(hl_str_find(w, ab, 0, HL_SSIZE_T_MAX, 1), 0);
    CHECK_EQ(hl_str_contains(w, ab), 1);
    HLObject *parts[3] = {a, ab, w};
    HLObject *j = hl_str_join_array(sp, parts, 3);
    CHECK(hl_str_eq_cstr(j, "abca baba bab\xf0\x9f\x98\x80"));
    HLObject *rep = hl_str_repeat(ab, 3);
    CHECK(hl_str_eq_cstr(rep, "ababab"));
    HLObject *fmt = hl_str_from_format("%s-%d-%U-%T-%p", "x", 7, a, a, (void *)0x1234);
    CHECK(hl_str_eq_cstr(fmt, "x-7-abc-str-0x1234"));
    hl_decref(fmt);
    hl_decref(rep);
    hl_decref(j);
    hl_decref(ab);
    hl_decref(sp);
    hl_decref(w);
    hl_decref(b);
    hl_decref(a);
}

TEST(str_split_preallocates_like_cpython)
{
    HLObject *s = hl_str_from_cstr("a b");
    HLObject *l = hl_str_split(s, NULL, -1);
    REQUIRE(l != NULL);
    CHECK_EQ(HL_SIZE(l), 2);
    CHECK_EQ(((HLListObject *)l)->allocated, 12); /* sys.getsizeof == 76 */
    hl_decref(l);
    HLObject *one = hl_str_split(s, NULL, 0);
    CHECK_EQ(((HLListObject *)one)->allocated, 1);
    CHECK(HL_LIST_GET(one, 0) != s); /* maxsplit=0 copies */
    hl_decref(one);
    HLObject *word = hl_str_from_cstr("word");
    l = hl_str_split(word, NULL, -1);
    CHECK(HL_LIST_GET(l, 0) == word); /* no whitespace: the string itself */
    CHECK_EQ(HL_REFCNT(word), 2);
    hl_decref(l);
    hl_decref(word);
    hl_decref(s);
}

/* A str subclass the way a class statement makes one: instances are not
 * compact, their characters sit in a block of their own (CPython's
 * unicode_subtype_new).  A static type stands in for the heap type. */
static HLTypeObject substr_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "S",
    .tp_basicsize = sizeof(HLUnicodeObject),
    .tp_flags = HL_TPFLAGS_BASETYPE | HL_TPFLAGS_UNICODE_SUBCLASS,
    .tp_base = &hl_str_type,
};

static HLObject *new_substr(const char *utf8)
{
    HLObject *v = hl_str_from_cstr(utf8);
    HLObject *args = hl_tuple_pack(1, v);
    hl_decref(v);
    HLObject *r = hl_str_type.tp_new(&substr_type, args, NULL);
    hl_decref(args);
    return r;
}

TEST(str_subclass_instances_are_not_compact)
{
    REQUIRE(hl_type_ready(&substr_type) == 0);
    HLObject *s = new_substr("abc");
    REQUIRE(s != NULL);
    CHECK(HL_TYPE(s) == &substr_type);
    CHECK(!HL_STR_IS_COMPACT(s));
    CHECK(HL_STR_IS_ASCII(s));
    CHECK_EQ(hl_str_sizeof(s), 40 + 4); /* sys.getsizeof adds the pre-header */
    CHECK(hl_str_eq_cstr(s, "abc"));
    HLObject *abc = hl_str_from_cstr("abc");
    CHECK(hl_str_eq(s, abc));
    CHECK_EQ(hl_str_hash(s), hl_str_hash(abc));
    hl_ssize_t n;
    CHECK(hl_str_as_utf8(s, &n) == HL_STR_DATA(s)); /* shares the data */
    /* str(s) is an exact copy; s itself survives '%' with no conversion
     * and format() with no field, as in CPython. */
    HLObject *exact = hl_str_type.tp_str(s);
    CHECK(HL_TYPE(exact) == &hl_str_type && exact != s);
    HLObject *empty_args = hl_tuple_new(0);
    HLObject *same = hl_str_mod(s, empty_args);
    CHECK(same == s);
    hl_decref(same);
    same = hl_str_format_method(s, empty_args, NULL);
    CHECK(same == s);
    hl_decref(same);
    /* split copies a subclass instance rather than returning it */
    HLObject *l = hl_str_split(s, NULL, -1);
    CHECK(HL_LIST_GET(l, 0) != s && HL_TYPE(HL_LIST_GET(l, 0)) == &hl_str_type);
    hl_decref(l);
    HLObject *it = hl_str_type.tp_iter(s);
    CHECK(HL_TYPE(it) == &hl_str_iter_type); /* not compact ASCII */
    hl_decref(it);
    HLObject *u = new_substr("\xe6\x97\xa5");
    CHECK_EQ(HL_STR_KIND(u), 2);
    CHECK_EQ(hl_str_sizeof(u), 40 + 4);
    CHECK(hl_str_as_utf8(u, NULL) != NULL);
    CHECK_EQ(hl_str_sizeof(u), 40 + 4 + 4);
    hl_str_intern_inplace(&u); /* only exact strings are interned */
    CHECK_EQ(HL_STATE_INTERNED(((HLASCIIObject *)u)->state), 0);
    hl_decref(u);
    hl_decref(empty_args);
    hl_decref(exact);
    hl_decref(abc);
    hl_decref(s);
}

TEST(str_fini_restores_interned_refcounts)
{
    HLObject *s = hl_str_intern_from_cstr("kept_alive_name");
    CHECK_EQ(HL_REFCNT(s), 1);
    HLObject *d = hl_str_interned_dict();
    REQUIRE(d != NULL);
    hl_incref(d);
    hl_str_fini();
    CHECK(hl_str_interned_dict() == NULL);
    CHECK_EQ(hl_str_interned_count(), 0);
    CHECK_EQ(HL_REFCNT(s), 1); /* +2 restored, then the emptied dict let go */
    CHECK_EQ(HL_STATE_INTERNED(((HLASCIIObject *)s)->state), 0);
    CHECK_EQ(hl_dict_size(d), 0);
    hl_decref(d);
    hl_decref(s);
}

/* Size class of the pymalloc block holding p. */
static unsigned size_class_of(const void *p)
{
    hl_pool_info info;
    hl_obmalloc_pool((uintptr_t)p & ~(uintptr_t)POOL_SIZE_MASK, &info);
    return INDEX2SIZE(info.szidx);
}

TEST(str_utf8_decoding_uses_cpythons_buffers)
{
    /* 53 ASCII characters and 27 e-acute: 107 bytes, 80 characters.
     * CPython decodes into a 107-character buffer (36 + 108 = 144 bytes)
     * and shrinks it to 80 (117 bytes): pymalloc keeps a block that is
     * still three quarters used, so the string stays in the 144-byte
     * class where an exact allocation would take 128. */
    char buf[128];
    int k = 0;
    for (int i = 0; i < 53; i++)
        buf[k++] = 'a';
    for (int i = 0; i < 27; i++) {
        buf[k++] = (char)0xC3;
        buf[k++] = (char)0xA9;
    }
    HLObject *s = hl_str_from_utf8(buf, k);
    REQUIRE(s != NULL);
    CHECK_EQ(HL_STR_LEN(s), 80);
    CHECK_EQ(hl_str_sizeof(s), 117);
    CHECK_EQ(size_class_of(s), 144);
    HLObject *exact = hl_str_new(80, 0xE9);
    CHECK_EQ(size_class_of(exact), 128);
    hl_decref(exact);
    hl_decref(s);
    /* a single non-ASCII character is the singleton in the end */
    HLObject *e = hl_str_from_utf8("\xc3\xa9", 2);
    CHECK(e == hl_str_latin1_char(0xE9));
    hl_decref(e);
}

TEST(str_writer_buffers_follow_cpython)
{
    /* 'x%s' % s: the writer's first buffer holds fmtcnt + 100 = 103
     * characters (24 + 104 = 128 bytes); an 80-character argument fills
     * 81 of them, and the final shrink to 106 bytes keeps the block, which
     * is still more than three quarters used: the result sits in the
     * 128-byte class where an exact allocation would take 112. */
    char text[81];
    memset(text, 'y', 80);
    text[80] = 0;
    HLObject *arg = hl_str_from_cstr(text);
    HLObject *fmt = hl_str_from_cstr("x%s");
    HLObject *r = hl_str_mod(fmt, arg);
    REQUIRE(r != NULL);
    CHECK_EQ(HL_STR_LEN(r), 81);
    CHECK_EQ(hl_str_sizeof(r), 106);
    CHECK_EQ(size_class_of(r), 128);
    /* '%s' % s is s: no buffer at all */
    HLObject *pct = hl_str_from_cstr("%s");
    HLObject *same = hl_str_mod(pct, arg);
    CHECK(same == arg);
    hl_decref(same);
    /* a short result is copied out of the big buffer into its own class */
    HLObject *small = hl_str_from_cstr("ab");
    HLObject *r2 = hl_str_mod(fmt, small);
    CHECK(hl_str_eq_cstr(r2, "xab"));
    CHECK_EQ(size_class_of(r2), 32);
    hl_decref(r2);
    hl_decref(small);
    hl_decref(pct);
    hl_decref(r);
    hl_decref(fmt);
    hl_decref(arg);
}
