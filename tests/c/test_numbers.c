/*
 * test_numbers.c — int, bool, float and format().
 *
 * The vector tests replay tables generated from CPython 3.11 by
 * tests/tools/gen-number-vectors (number_vectors.h): each entry names its
 * operands, an operation and the repr of CPython's result (or the
 * "Type: message" line of its exception), and the test performs the same
 * operation through heaplab's C API.  The other tests check invariants
 * that are not about values: small-int identity, layout and sizes, the
 * float free list, refcounts around operations.
 */
#include <math.h>
#include <stdlib.h>

#include "harness.h"
#include "number_vectors.h"
#include "../../src/objects/abstract.h"
#include "../../src/objects/dictobject.h"
#include "../../src/objects/floatobject.h"
#include "../../src/objects/formatspec.h"
#include "../../src/objects/longobject.h"
#include "../../src/objects/strobject.h"
#include "../../src/objects/tupleobject.h"
#include "../../src/runtime/errors.h"
#include "../../src/runtime/gc.h"
#include "../../src/runtime/obmalloc.h"

/* ---- helpers --------------------------------------------------------------- */

static HLObject *operand(const char *enc)
{
    const char *v = enc + 2;
    switch (enc[0]) {
    case 'i':
        return hl_long_from_string(v, (hl_ssize_t)strlen(v), 0);
    case 'f': {
        uint64_t bits = strtoull(v, NULL, 16);
        double d;
        memcpy(&d, &bits, sizeof d);
        return hl_float_from_double(d);
    }
    case 'b':
        return hl_newref(strcmp(v, "True") == 0 ? HL_True : HL_False);
    default:
        return hl_str_from_utf8(v, (hl_ssize_t)strlen(v));
    }
}

static HLObject *nv_operand(int i) { return operand(nv_operands[i]); }

/* repr(r) as a malloc'd C string, or "!Type: message" if r is NULL (the
 * exception is cleared); steals r. */
static char *outcome(HLObject *r)
{
    HLObject *text;
    const char *prefix = "";
    if (r == NULL) {
        HLObject *exc = hl_err_fetch();
        if (exc == NULL)
            return strdup("<NULL without exception>");
        text = hl_exception_format_line(exc);
        hl_decref(exc);
        prefix = "!";
    }
    else {
        text = hl_object_repr(r);
        hl_decref(r);
        if (text == NULL)
            return outcome(NULL);
    }
    if (text == NULL) {
        hl_err_clear();
        return strdup("<repr failed>");
    }
    hl_ssize_t n;
    const char *s = hl_str_as_utf8(text, &n);
    char *out = malloc(strlen(prefix) + (size_t)n + 1);
    strcpy(out, prefix);
    memcpy(out + strlen(prefix), s, (size_t)n + 1);
    hl_decref(text);
    return out;
}

static int nfailures_shown;

static void check_outcome(const char *file, int line, const char *what, HLObject *r, const char *expect)
{
    char *got = outcome(r);
    if (strcmp(got, expect) != 0) {
        if (nfailures_shown++ < 40)
            hl_test_fail(file, line, "%s: got \"%.300s\", expected \"%.300s\"", what, got, expect);
        else
            hl_test_fail(file, line, "%s", what);
    }
    free(got);
}
#define CHECK_OUTCOME(what, r, expect) check_outcome(__FILE__, __LINE__, what, r, expect)

/* Calls a built-in method found in the type's (or a base's) tp_methods. */
static HLObject *call_method(HLObject *self, const char *name, HLObject *const *args, hl_ssize_t nargs)
{
    for (HLTypeObject *tp = HL_TYPE(self); tp != NULL; tp = tp->tp_base)
        for (HLMethodDef *m = tp->tp_methods; m && m->ml_name; m++)
            if (strcmp(m->ml_name, name) == 0)
                return m->ml_meth(self, args, nargs, NULL);
    hl_err_format(hl_exc_AttributeError, "no method %s", name);
    return NULL;
}

static HLObject *call_classmethod(HLTypeObject *tp, const char *name, HLObject *arg)
{
    for (HLMethodDef *m = tp->tp_methods; m && m->ml_name; m++)
        if (strcmp(m->ml_name, name) == 0)
            return m->ml_meth((HLObject *)tp, &arg, 1, NULL);
    return NULL;
}

static HLObject *get_attr(HLObject *self, const char *name)
{
    for (HLTypeObject *tp = HL_TYPE(self); tp != NULL; tp = tp->tp_base)
        for (HLGetSetDef *g = tp->tp_getset; g && g->name; g++)
            if (strcmp(g->name, name) == 0)
                return g->get(self, g->closure);
    hl_err_format(hl_exc_AttributeError, "no attribute %s", name);
    return NULL;
}

static HLObject *binop(HLObject *a, const char *op, HLObject *b)
{
    static const char *const cmp[] = {"<", "<=", "==", "!=", ">", ">="};
    for (int i = 0; i < 6; i++)
        if (strcmp(op, cmp[i]) == 0)
            return hl_object_richcompare(a, b, i);
    if (!strcmp(op, "+")) return hl_number_add(a, b);
    if (!strcmp(op, "-")) return hl_number_subtract(a, b);
    if (!strcmp(op, "*")) return hl_number_multiply(a, b);
    if (!strcmp(op, "/")) return hl_number_true_divide(a, b);
    if (!strcmp(op, "//")) return hl_number_floor_divide(a, b);
    if (!strcmp(op, "%")) return hl_number_remainder(a, b);
    if (!strcmp(op, "divmod")) return hl_number_divmod(a, b);
    if (!strcmp(op, "**")) return hl_number_power(a, b, HL_None);
    if (!strcmp(op, "<<")) return hl_number_lshift(a, b);
    if (!strcmp(op, ">>")) return hl_number_rshift(a, b);
    if (!strcmp(op, "&")) return hl_number_and(a, b);
    if (!strcmp(op, "|")) return hl_number_or(a, b);
    if (!strcmp(op, "^")) return hl_number_xor(a, b);
    if (!strcmp(op, "round")) return call_method(a, "__round__", &b, 1);
    hl_err_format(hl_exc_SystemError, "unknown operator %s", op);
    return NULL;
}

static HLObject *unop(HLObject *x, const char *op)
{
    if (!strcmp(op, "-")) return hl_number_negative(x);
    if (!strcmp(op, "+")) return hl_number_positive(x);
    if (!strcmp(op, "~")) return hl_number_invert(x);
    if (!strcmp(op, "abs")) return hl_number_absolute(x);
    if (!strcmp(op, "bool")) {
        int t = hl_object_is_true(x);
        return t < 0 ? NULL : hl_bool_from_long(t);
    }
    if (!strcmp(op, "float")) return hl_float_from_object(x);
    if (!strcmp(op, "int")) return hl_long_from_object(x);
    if (!strcmp(op, "str")) return hl_object_str(x);
    if (!strcmp(op, "repr")) return hl_object_repr(x);
    if (!strcmp(op, "hash")) {
        hl_hash_t h = hl_object_hash(x);
        return h == -1 ? NULL : hl_long_from_ssize(h);
    }
    if (!strcmp(op, "hex") && hl_float_check(x)) return call_method(x, "hex", NULL, 0);
    if (!strcmp(op, "hex")) return hl_long_format(x, 16);
    if (!strcmp(op, "oct")) return hl_long_format(x, 8);
    if (!strcmp(op, "bin")) return hl_long_format(x, 2);
    if (!strcmp(op, "round")) return call_method(x, "__round__", NULL, 0);
    if (!strcmp(op, "trunc")) return call_method(x, "__trunc__", NULL, 0);
    if (!strcmp(op, "floor")) return call_method(x, "__floor__", NULL, 0);
    if (!strcmp(op, "ceil")) return call_method(x, "__ceil__", NULL, 0);
    if (!strcmp(op, "real") || !strcmp(op, "imag")) return get_attr(x, op);
    if (!strcmp(op, "sizeof")) return hl_long_from_ssize(hl_long_sizeof(x));
    return call_method(x, op, NULL, 0); /* bit_length, as_integer_ratio, ... */
}

static HLObject *format_value(HLObject *v, HLObject *spec)
{
    if (hl_long_check(v))
        return hl_long_format_spec(v, spec);
    if (hl_float_check(v))
        return hl_float_format_spec(v, spec);
    return hl_str_format_spec(v, spec);
}

/* ---- vector tests ---------------------------------------------------------- */

TEST(num_int_parse_vectors)
{
    char what[160];
    for (size_t i = 0; i < sizeof nv_int_parse / sizeof nv_int_parse[0]; i++) {
        const struct nv_int_parse *t = &nv_int_parse[i];
        HLObject *s = hl_str_from_utf8(t->text, (hl_ssize_t)strlen(t->text));
        REQUIRE(s != NULL);
        HLObject *base = hl_long_from_long(t->base);
        HLObject *args = hl_tuple_pack(2, s, base);
        REQUIRE(args != NULL);
        snprintf(what, sizeof what, "int(%.60s, %d)", t->text, t->base);
        CHECK_OUTCOME(what, hl_long_type.tp_new(&hl_long_type, args, NULL), t->expect);
        hl_decref(args);
        hl_decref(base);
        hl_decref(s);
    }
}

TEST(num_binop_vectors)
{
    char what[200];
    for (size_t i = 0; i < sizeof nv_binops / sizeof nv_binops[0]; i++) {
        const struct nv_binop *t = &nv_binops[i];
        HLObject *a = nv_operand(t->a), *b = nv_operand(t->b);
        REQUIRE(a != NULL && b != NULL);
        hl_ssize_t rca = HL_REFCNT(a), rcb = HL_REFCNT(b);
        snprintf(what, sizeof what, "#%zu %.50s %s %.50s", i, nv_operands[t->a], t->op, nv_operands[t->b]);
        CHECK_OUTCOME(what, binop(a, t->op, b), t->expect);
        /* once the result is gone, the operands are as before */
        if (HL_REFCNT(a) != rca || HL_REFCNT(b) != rcb)
            hl_test_fail(__FILE__, __LINE__, "%s: operand refcounts %d, %d -> %d, %d", what, (int)rca,
                         (int)rcb, (int)HL_REFCNT(a), (int)HL_REFCNT(b));
        hl_decref(a);
        hl_decref(b);
    }
}

TEST(num_ternary_vectors)
{
    char what[200];
    for (size_t i = 0; i < sizeof nv_ternary / sizeof nv_ternary[0]; i++) {
        const struct nv_ternary *t = &nv_ternary[i];
        HLObject *a = nv_operand(t->a), *b = nv_operand(t->b), *m = nv_operand(t->m);
        REQUIRE(a && b && m);
        snprintf(what, sizeof what, "pow(%.40s, %.40s, %.40s)", nv_operands[t->a], nv_operands[t->b],
                 nv_operands[t->m]);
        CHECK_OUTCOME(what, hl_number_power(a, b, m), t->expect);
        hl_decref(a);
        hl_decref(b);
        hl_decref(m);
    }
}

TEST(num_unop_vectors)
{
    char what[200];
    for (size_t i = 0; i < sizeof nv_unops / sizeof nv_unops[0]; i++) {
        const struct nv_unop *t = &nv_unops[i];
        HLObject *x = nv_operand(t->x);
        REQUIRE(x != NULL);
        snprintf(what, sizeof what, "#%zu %s(%.60s)", i, t->op, nv_operands[t->x]);
        CHECK_OUTCOME(what, unop(x, t->op), t->expect);
        hl_decref(x);
    }
}

TEST(num_float_parse_vectors)
{
    char what[200];
    for (size_t i = 0; i < sizeof nv_float_parse / sizeof nv_float_parse[0]; i++) {
        const struct nv_text *t = &nv_float_parse[i];
        HLObject *s = hl_str_from_utf8(t->text, (hl_ssize_t)strlen(t->text));
        REQUIRE(s != NULL);
        snprintf(what, sizeof what, "float(%.60s)", t->text);
        CHECK_OUTCOME(what, hl_float_from_string(s), t->expect);
        hl_decref(s);
    }
}

TEST(num_fromhex_vectors)
{
    char what[200];
    for (size_t i = 0; i < sizeof nv_fromhex / sizeof nv_fromhex[0]; i++) {
        const struct nv_text *t = &nv_fromhex[i];
        HLObject *s = hl_str_from_utf8(t->text, (hl_ssize_t)strlen(t->text));
        REQUIRE(s != NULL);
        snprintf(what, sizeof what, "float.fromhex(%.60s)", t->text);
        CHECK_OUTCOME(what, call_classmethod(&hl_float_type, "fromhex", s), t->expect);
        hl_decref(s);
    }
}

TEST(num_format_vectors)
{
    char what[200];
    for (size_t i = 0; i < sizeof nv_formats / sizeof nv_formats[0]; i++) {
        const struct nv_format *t = &nv_formats[i];
        HLObject *v = nv_operand(t->value);
        HLObject *spec = hl_str_from_utf8(t->spec, (hl_ssize_t)strlen(t->spec));
        REQUIRE(v && spec);
        snprintf(what, sizeof what, "#%zu format(%.50s, '%s')", i, nv_operands[t->value], t->spec);
        CHECK_OUTCOME(what, format_value(v, spec), t->expect);
        hl_decref(v);
        hl_decref(spec);
    }
}

/* ---- invariants -------------------------------------------------------------- */

TEST(num_small_int_identity)
{
    for (int v = -5; v <= 256; v++) {
        HLObject *o = hl_long_from_long(v);
        CHECK(o == hl_long_get_small(v));
        CHECK(HL_REFCNT(o) == HL_STATIC_REFCNT + 1);
        hl_decref(o);
        CHECK(HL_REFCNT(o) == HL_STATIC_REFCNT);
    }
    HLObject *big = hl_long_from_long(257), *neg = hl_long_from_long(-6);
    CHECK(HL_REFCNT(big) == 1 && HL_REFCNT(neg) == 1);
    hl_decref(big);
    hl_decref(neg);
    /* every result in range is the static object, however it is computed */
    HLObject *a = hl_long_from_string("100000000000000000005", 21, 10);
    HLObject *b = hl_long_from_string("100000000000000000000", 21, 10);
    HLObject *d = hl_number_subtract(a, b);
    CHECK(d == hl_long_get_small(5));
    HLObject *q = hl_number_floor_divide(a, b);
    CHECK(q == hl_long_get_small(1));
    HLObject *s = hl_long_from_string(" 0x0f ", 6, 0);
    CHECK(s == hl_long_get_small(15));
    HLObject *f = hl_float_from_double(200.0), *fi = hl_long_from_object(f);
    CHECK(fi == hl_long_get_small(200));
    hl_decref(a);
    hl_decref(b);
    hl_decref(d);
    hl_decref(q);
    hl_decref(s);
    hl_decref(f);
    hl_decref(fi);
}

TEST(num_layout)
{
    CHECK_EQ(hl_long_type.tp_basicsize, 12);
    CHECK_EQ(hl_long_type.tp_itemsize, 4);
    CHECK_EQ(offsetof(HLLongObject, ob_digit), 12);
    CHECK_EQ(sizeof(HLFloatObject), 16);
    CHECK_EQ(offsetof(HLFloatObject, ob_fval), 8);
    HLObject *zero = hl_long_get_small(0), *one = hl_long_get_small(1);
    CHECK_EQ(HL_SIZE(zero), 0);
    CHECK_EQ(HL_SIZE(hl_long_get_small(-5)), -1);
    CHECK_EQ(hl_long_sizeof(zero), 16);
    CHECK_EQ(hl_long_sizeof(one), 16);
    CHECK_EQ(hl_long_sizeof(HL_False), 16);
    CHECK_EQ(hl_long_sizeof(HL_True), 16);
    HLObject *b30 = hl_long_from_long(1L << 30);
    CHECK_EQ(HL_SIZE(b30), 2);
    CHECK_EQ(hl_long_sizeof(b30), 20);
    HLObject *m = hl_long_from_long(-(1L << 30));
    CHECK_EQ(HL_SIZE(m), -2);
    CHECK_EQ(((HLLongObject *)m)->ob_digit[1], 1);
    hl_decref(b30);
    hl_decref(m);
    CHECK_EQ(HL_SIZE(HL_False), 0);
    CHECK_EQ(HL_SIZE(HL_True), 1);
    CHECK_EQ(((HLLongObject *)HL_True)->ob_digit[0], 1);
    CHECK(HL_TYPE(HL_True) == &hl_bool_type);
}

TEST(num_true_false_counted)
{
    hl_ssize_t rc = HL_REFCNT(HL_True);
    CHECK(rc >= 1 && rc < 1000000);
    HLObject *one = hl_long_get_small(1);
    HLObject *t = hl_object_richcompare(one, one, HL_EQ);
    CHECK(t == HL_True);
    CHECK_EQ(HL_REFCNT(HL_True), rc + 1);
    hl_decref(t);
    /* bool & bool is a bool, bool & int an int */
    HLObject *r = hl_number_and(HL_True, HL_False);
    CHECK(r == HL_False);
    hl_decref(r);
    r = hl_number_or(HL_True, one);
    CHECK(r == one);
    hl_decref(r);
    r = hl_number_add(HL_True, HL_True);
    CHECK(r == hl_long_get_small(2));
    hl_decref(r);
    HLObject *s = hl_object_repr(HL_False);
    CHECK(hl_str_eq_cstr(s, "False"));
    hl_decref(s);
}

TEST(num_float_freelist)
{
    CHECK_EQ(hl_float_free_list_count(), 0);
    HLObject *a = hl_float_from_double(1.5);
    void *addr = a;
    hl_decref(a);
    CHECK_EQ(hl_float_free_list_count(), 1);
    HLObject *b = hl_float_from_double(2.5);
    CHECK(b == addr); /* id(1.5) == id(2.5), as in CPython */
    CHECK_EQ(hl_float_free_list_count(), 0);
    CHECK_EQ(HL_REFCNT(b), 1);
    CHECK(HL_TYPE(b) == &hl_float_type);
    hl_decref(b);
    HLObject *many[150];
    for (int i = 0; i < 150; i++)
        many[i] = hl_float_from_double(i);
    for (int i = 0; i < 150; i++)
        hl_decref(many[i]);
    CHECK_EQ(hl_float_free_list_count(), HL_FLOAT_MAXFREELIST);
    /* the last one put on the list is reused first */
    HLObject *c = hl_float_from_double(3.0);
    CHECK(c == many[99]); /* the 100th freed went on the list last */
    hl_decref(c);
    hl_gc_collect(2); /* a full collection empties the free lists */
    CHECK_EQ(hl_float_free_list_count(), 0);
}

TEST(num_refcounts_unchanged)
{
    HLObject *a = hl_long_from_string("123456789012345678901234567890", 30, 10);
    HLObject *b = hl_long_from_string("-987654321987654321", 19, 10);
    HLObject *f = hl_float_from_double(0.25);
    REQUIRE(a && b && f);
    HLObject *ops[] = {hl_number_add(a, b), hl_number_multiply(a, f), hl_number_true_divide(b, a),
                       hl_number_divmod(a, b), hl_number_power(b, hl_long_get_small(3), HL_None),
                       hl_object_richcompare(f, a, HL_LT), hl_number_and(a, b), hl_object_repr(a)};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        CHECK(ops[i] != NULL);
        hl_xdecref(ops[i]);
    }
    CHECK_EQ(HL_REFCNT(a), 1);
    CHECK_EQ(HL_REFCNT(b), 1);
    CHECK_EQ(HL_REFCNT(f), 1);
    /* +x, int(x), abs(x) of an exact positive int are x itself */
    HLObject *p = hl_number_positive(a);
    CHECK(p == a);
    HLObject *i = hl_long_from_object(a);
    CHECK(i == a);
    HLObject *n = hl_number_absolute(a);
    CHECK(n == a);
    CHECK_EQ(HL_REFCNT(a), 4);
    hl_decref(p);
    hl_decref(i);
    hl_decref(n);
    /* float(x) of an exact float is x */
    HLObject *ff = hl_float_from_object(f);
    CHECK(ff == f);
    hl_decref(ff);
    hl_decref(a);
    hl_decref(b);
    hl_decref(f);
}

TEST(num_max_str_digits)
{
    HLObject *big = hl_long_from_string("0x1", 3, 0);
    HLObject *sh = hl_long_from_long(20000);
    HLObject *x = hl_number_lshift(big, sh); /* 6021 decimal digits */
    REQUIRE(x != NULL);
    HLObject *s = hl_object_repr(x);
    CHECK(s == NULL);
    hl_err_clear();
    hl_long_max_str_digits = 0; /* sys.set_int_max_str_digits(0) */
    s = hl_object_repr(x);
    CHECK(s != NULL && HL_STR_LEN(s) == 6021);
    HLObject *back = s ? hl_long_from_unicode(s, 10) : NULL;
    CHECK(back != NULL && hl_long_compare(back, x) == 0);
    hl_xdecref(back);
    hl_xdecref(s);
    hl_long_max_str_digits = HL_LONG_DEFAULT_MAX_STR_DIGITS;
    hl_decref(x);
    hl_decref(sh);
    hl_decref(big);
}

TEST(num_float_literal)
{
    int ok;
    CHECK(hl_parse_float_literal("1_000.5e3", 9, &ok) == 1000500.0 && ok);
    /* (double): i386 without SSE evaluates constants in long double */
    CHECK(hl_parse_float_literal("0.1", 3, &ok) == (double)0.1 && ok);
    CHECK(hl_parse_float_literal("1e400", 5, &ok) == HUGE_VAL && ok);
    hl_parse_float_literal("1__0", 4, &ok);
    CHECK(!ok);
    hl_parse_float_literal("1e", 2, &ok);
    CHECK(!ok);
    char buf[32];
    hl_float_repr_buf(1e16, buf, sizeof buf);
    CHECK_STR(buf, "1e+16");
    hl_float_repr_buf(-0.0, buf, sizeof buf);
    CHECK_STR(buf, "-0.0");
}

TEST(num_hash_consistency)
{
    HLObject *i = hl_long_from_string("1152921504606846976", 19, 10); /* 2**60 */
    HLObject *f = hl_float_from_double(1152921504606846976.0);
    CHECK_EQ(hl_object_hash(i), hl_object_hash(f));
    HLObject *m1 = hl_long_from_long(-1), *mf = hl_float_from_double(-1.0);
    CHECK_EQ(hl_object_hash(m1), -2);
    CHECK_EQ(hl_object_hash(mf), -2);
    HLObject *nan = hl_float_from_double(NAN);
    CHECK_EQ(hl_object_hash(nan), hl_hash_pointer(nan));
    hl_decref(i);
    hl_decref(f);
    hl_decref(m1);
    hl_decref(mf);
    hl_decref(nan);
}

TEST(num_format_identity)
{
    /* a format that changes nothing returns the str itself; one-character
     * results are the Latin-1 singletons */
    HLObject *s = hl_str_from_cstr("spam"), *spec = hl_str_from_cstr("<3");
    HLObject *r = hl_str_format_spec(s, spec);
    CHECK(r == s);
    hl_decref(r);
    hl_decref(spec);
    spec = hl_str_from_cstr("d");
    HLObject *five = hl_long_get_small(5);
    r = hl_long_format_spec(five, spec);
    CHECK(r == hl_str_latin1_char('5'));
    hl_decref(r);
    /* but str(5) is a fresh string, as in CPython */
    r = hl_object_str(five);
    CHECK(r != hl_str_latin1_char('5'));
    hl_decref(r);
    hl_decref(spec);
    hl_decref(s);
}

TEST(num_dtoa_modes)
{
    char buf[HL_DTOA_BUFSIZE];
    int decpt;
    CHECK_EQ(hl_dtoa(0.1, 0, 0, buf, &decpt), 1);
    CHECK_STR(buf, "1");
    CHECK_EQ(decpt, 0);
    hl_dtoa(1234.5, 3, -1, buf, &decpt); /* round(1234.5, -1) */
    CHECK_STR(buf, "123");
    CHECK_EQ(decpt, 4);
    hl_dtoa(25.0, 3, -1, buf, &decpt); /* a tie goes to even: 20 */
    CHECK_STR(buf, "2");
    CHECK_EQ(decpt, 2);
    hl_dtoa(2.675, 2, 3, buf, &decpt); /* 2.67499999... */
    CHECK_STR(buf, "267");
}

/* tp_new with an args tuple and a kwargs dict, as type_call makes them. */
static HLObject *construct(HLTypeObject *tp, HLObject *args, const char *kwname, HLObject *kwvalue)
{
    HLObject *kw = NULL;
    if (kwname != NULL) {
        kw = hl_dict_new();
        hl_dict_set_item_str(kw, kwname, kwvalue);
    }
    HLObject *r = tp->tp_new(tp, args, kw);
    hl_xdecref(kw);
    hl_decref(args);
    return r;
}

TEST(num_constructors)
{
    HLObject *f39 = hl_float_from_double(3.9), *s12 = hl_str_from_cstr("12"), *sff = hl_str_from_cstr("ff");
    HLObject *b16 = hl_long_from_long(16), *big = hl_long_from_string("12345678901234567890", 20, 10);
    CHECK_OUTCOME("int()", construct(&hl_long_type, hl_tuple_new(0), NULL, NULL), "0");
    CHECK_OUTCOME("int(3.9)", construct(&hl_long_type, hl_tuple_pack(1, f39), NULL, NULL), "3");
    CHECK_OUTCOME("int('12')", construct(&hl_long_type, hl_tuple_pack(1, s12), NULL, NULL), "12");
    CHECK_OUTCOME("int('ff', 16)", construct(&hl_long_type, hl_tuple_pack(2, sff, b16), NULL, NULL), "255");
    CHECK_OUTCOME("int('ff', base=16)", construct(&hl_long_type, hl_tuple_pack(1, sff), "base", b16), "255");
    CHECK_OUTCOME("int(base=16)", construct(&hl_long_type, hl_tuple_new(0), "base", b16),
                  "!TypeError: int() missing string argument");
    CHECK_OUTCOME("int(x=1)", construct(&hl_long_type, hl_tuple_new(0), "x", b16),
                  "!TypeError: 'x' is an invalid keyword argument for int()");
    CHECK_OUTCOME("int(1, 2, 3)", construct(&hl_long_type, hl_tuple_pack(3, b16, b16, b16), NULL, NULL),
                  "!TypeError: int() takes at most 2 arguments (3 given)");
    CHECK_OUTCOME("int(16, 10)", construct(&hl_long_type, hl_tuple_pack(2, b16, b16), NULL, NULL),
                  "!TypeError: int() can't convert non-string with explicit base");
    CHECK_OUTCOME("int(None)", construct(&hl_long_type, hl_tuple_pack(1, HL_None), NULL, NULL),
                  "!TypeError: int() argument must be a string, a bytes-like object or a real number, "
                  "not 'NoneType'");
    HLObject *r = construct(&hl_long_type, hl_tuple_pack(1, HL_True), NULL, NULL);
    CHECK(r == hl_long_get_small(1)); /* int(True) is the int 1, not True */
    hl_xdecref(r);
    r = construct(&hl_long_type, hl_tuple_pack(1, big), NULL, NULL);
    CHECK(r == big); /* int(x) of an exact int is x */
    hl_xdecref(r);
    /* float() and bool() through their vectorcalls */
    HLObject *argv[2] = {s12, f39};
    CHECK_OUTCOME("float('12')", hl_float_type.tp_vectorcall((HLObject *)&hl_float_type, argv, 1, NULL), "12.0");
    CHECK_OUTCOME("float(big)", hl_float_type.tp_vectorcall((HLObject *)&hl_float_type, &big, 1, NULL),
                  "1.2345678901234567e+19");
    CHECK_OUTCOME("float()", hl_float_type.tp_vectorcall((HLObject *)&hl_float_type, argv, 0, NULL), "0.0");
    CHECK_OUTCOME("float(1, 2)", hl_float_type.tp_vectorcall((HLObject *)&hl_float_type, argv, 2, NULL),
                  "!TypeError: float expected at most 1 argument, got 2");
    CHECK_OUTCOME("float(None)", hl_float_type.tp_vectorcall((HLObject *)&hl_float_type, (HLObject *[]){HL_None}, 1, NULL),
                  "!TypeError: float() argument must be a string or a real number, not 'NoneType'");
    CHECK(hl_float_type.tp_vectorcall((HLObject *)&hl_float_type, &f39, 1, NULL) == f39);
    hl_decref(f39);
    CHECK_OUTCOME("bool('12')", hl_bool_type.tp_vectorcall((HLObject *)&hl_bool_type, argv, 1, NULL), "True");
    CHECK_OUTCOME("bool()", hl_bool_type.tp_vectorcall((HLObject *)&hl_bool_type, argv, 0, NULL), "False");
    CHECK_OUTCOME("bool(x=1)", construct(&hl_bool_type, hl_tuple_new(0), "x", b16),
                  "!TypeError: bool() takes no keyword arguments");
    hl_decref(f39);
    hl_decref(s12);
    hl_decref(sff);
    hl_decref(b16);
    hl_decref(big);
}
