/*
 * test_sets.c — set, frozenset, range and the builtins' iterators
 * (enumerate, reversed, zip, map, filter, iter(f, sentinel)), through the
 * builtins module and the types' methods, against the facts
 * tests/tools/record-module-facts recorded from CPython 3.11 (native for
 * messages, wasm32 for sizes, hashes and iteration orders).
 */
#include "modtest.h"
#include "../../src/objects/enumobject.h"
#include "../../src/objects/floatobject.h"
#include "../../src/objects/sliceobject.h"
#include "../../src/objects/rangeobject.h"
#include "../../src/objects/setobject.h"
#include "../../src/runtime/gc.h"

static HLObject *set_of(HLObject *iterable) { return own(hl_set_new(iterable)); }
static HLObject *frozenset_of(HLObject *iterable) { return own(hl_frozenset_new(iterable)); }
static HLObject *bool_of(int v) { return v < 0 ? NULL : hl_bool_from_long(v); }
static HLObject *is(HLObject *a, HLObject *b) { return hl_bool_from_long(a == b); }
static HLObject *cmp(HLObject *a, HLObject *b, int op) { return hl_object_richcompare(a, b, op); }
static HLObject *range1(long n) { return own(call(bi("range"), 1, I(n))); }
static HLObject *big(const char *digits) { return own(hl_long_from_string(digits, (hl_ssize_t)strlen(digits), 10)); }

/* ---- sets: messages ---------------------------------------------------------- */

TEST(set_error_messages)
{
    HLObject *one = set_of(L(1, I(1)));
    CHECK_ERR(meth(one, "remove", 1, I(2)), MF_SET_REMOVE_MISSING);
    CHECK_ERR(meth(set_of(NULL), "pop", 0), MF_SET_POP_EMPTY);
    CHECK_ERR(call(bi("set"), 1, L(1, L(0))), MF_SET_UNHASHABLE);
    CHECK_ERR(call(bi("set"), 1, I(1)), MF_SET_NOT_ITERABLE);
    CHECK_ERR(call(bi("set"), 2, L(0), L(0)), MF_SET_TOO_MANY);
    CHECK_ERR(callkw(bi("set"), "x", 1, I(1)), MF_SET_KWARGS);
    CHECK_ERR(callkw(bi("frozenset"), "x", 1, I(1)), MF_FROZENSET_KWARGS);
    CHECK_ERR(call(bi("frozenset"), 2, L(0), L(0)), MF_FROZENSET_TOO_MANY);
    /* {1}.update([2], x=1) calls the method descriptor (LOAD_METHOD): its
     * message is qualified, a bound method's would not be. */
    HLObject *update = own(hl_object_getattr_str((HLObject *)&hl_set_type, "update"));
    CHECK_ERR(callkw(update, "x", 3, one, L(1, I(2)), I(1)), MF_SET_UPDATE_KWARGS);
    CHECK_ERR(cmp(one, I(1), HL_LT), MF_SET_LT_INT);
    CHECK_ERR(hl_number_or(one, L(1, I(1))), MF_SET_OR_LIST);
    CHECK_ERR(meth(one, "remove", 1, L(0)), MF_SET_REMOVE_UNHASHABLE);
    /* The iterator notices a change of size. */
    HLObject *s = set_of(L(2, I(1), I(2)));
    HLObject *it = own(call(bi("iter"), 1, s));
    hl_xdecref(call(bi("next"), 1, it));
    hl_xdecref(meth(s, "add", 1, I(3)));
    CHECK_ERR(call(bi("next"), 1, it), MF_SET_CHANGED_SIZE);
    release_all();
}

/* ---- sets: semantics ------------------------------------------------------------ */

TEST(set_membership_and_identity)
{
    HLObject *fs12 = frozenset_of(L(2, I(1), I(2)));
    HLObject *s12 = set_of(L(2, I(1), I(2)));
    HLObject *holder = set_of(L(1, fs12));
    CHECK_REPR(R(2, bool_of(hl_sequence_contains(holder, fs12)), bool_of(hl_sequence_contains(holder, s12))),
               MF_SET_CONTAINS_SET_KEY);
    HLObject *d = set_of(L(2, fs12, I(3)));
    hl_xdecref(meth(d, "discard", 1, s12));
    CHECK_REPR(d, MF_SET_DISCARD_SET_KEY);
    CHECK_REPR(R(2, hl_object_repr(set_of(NULL)), hl_object_repr(frozenset_of(NULL))), MF_SET_EMPTY_REPR);
    CHECK_REPR(frozenset_of(L(1, frozenset_of(L(1, I(1))))), MF_FROZENSET_REPR);
    HLObject *f = frozenset_of(L(1, I(1)));
    HLObject *fs = bi("frozenset");
    CHECK_REPR(R(4, is(own(call(fs, 1, f)), f), is(own(call(fs, 0)), own(call(fs, 0))),
                 is(own(meth(f, "copy", 0)), f), is(own(call(fs, 1, set_of(f))), f)),
               MF_FROZENSET_IDENTITY);
    HLObject *a = set_of(L(2, I(1), I(2))), *b = set_of(L(3, I(1), I(2), I(3)));
    CHECK_REPR(R(8, cmp(a, b, HL_LT), cmp(a, b, HL_LE), cmp(b, a, HL_GT), cmp(a, b, HL_EQ),
                 cmp(a, b, HL_NE), cmp(a, a, HL_GE), cmp(a, a, HL_LT), cmp(a, frozenset_of(a), HL_EQ)),
               MF_SET_COMPARISONS);
    CHECK_REPR(R(4, meth(s12, "issubset", 1, L(3, I(1), I(2), I(3))),
                 meth(set_of(L(2, I(1), I(4))), "issubset", 1, range1(3)),
                 meth(s12, "issuperset", 1, L(1, I(1))),
                 meth(set_of(L(1, I(1))), "isdisjoint", 1, L(2, I(2), I(3)))),
               MF_SET_ISSUBSET_ITERABLE);
    HLObject *gc = gcmod(), *tracked = attr(gc, "is_tracked");
    CHECK_REPR(R(3, call(tracked, 1, set_of(NULL)), call(tracked, 1, frozenset_of(NULL)),
                 call(tracked, 1, own(call(bi("iter"), 1, set_of(NULL))))),
               MF_SET_TRACKED);
    HLObject *it = own(call(bi("iter"), 1, set_of(L(3, I(1), I(2), I(3)))));
    hl_xdecref(call(bi("next"), 1, it));
    CHECK_REPR(meth(it, "__length_hint__", 0), MF_SET_ITER_LENGTH_HINT);
    release_all();
}

TEST(set_dict_views)
{
    HLObject *d = own(hl_dict_new());
    for (int i = 1; i <= 3; i++)
        hl_dict_set_item(d, I(i), I(0));
    HLObject *keys = own(meth(d, "keys", 0));
    HLObject *sorted = bi("sorted");
    CHECK_REPR(own(call(sorted, 1, own(hl_dictviews_and(keys, set_of(L(3, I(2), I(3), I(4))))))),
               MF_DICTKEYS_AND);
    HLObject *d2 = own(hl_dict_new());
    hl_dict_set_item(d2, I(1), I(0));
    hl_dict_set_item(d2, I(2), I(0));
    HLObject *keys2 = own(meth(d2, "keys", 0));
    CHECK_REPR(own(call(sorted, 1, own(hl_dictviews_or(keys2, L(1, I(5)))))), MF_DICTKEYS_OR);
    CHECK_REPR(own(call(sorted, 1, own(hl_dictviews_sub(keys, set_of(L(1, I(2))))))), MF_DICTKEYS_SUB);
    CHECK_REPR(own(call(sorted, 1, own(hl_dictviews_xor(keys2, set_of(L(2, I(2), I(3))))))),
               MF_DICTKEYS_XOR);
    HLObject *d3 = own(hl_dict_new());
    hl_dict_set_item(d3, I(1), I(0));
    HLObject *keys3 = own(meth(d3, "keys", 0));
    CHECK_REPR(R(2, hl_dictviews_isdisjoint(keys3, L(1, I(2))), hl_dictviews_isdisjoint(keys3, set_of(L(1, I(1))))),
               MF_DICTKEYS_ISDISJOINT);
    release_all();
}

/* ---- sets: layout, order and sizes (wasm32 facts) ------------------------------------ */

TEST(set_iteration_order)
{
    static const long v[] = {5, 3, 17, 9, 1, 33, 100, 8, 64, 2, 1000, -1, -7, 257, 1L << 20};
    CHECK_REPR(set_of(ints(v, 15)), MF_W_SET_ORDER_INTS);
    HLObject *s = set_of(NULL);
    for (long i = 0; i < 40; i++) {
        hl_set_add(s, I(i * 64));
        hl_set_add(s, I(-i * 32));
    }
    CHECK_REPR(s, MF_W_SET_ORDER_COLLISIONS);
    HLObject *t = set_of(range1(20));
    for (long i = 0; i < 20; i += 3)
        hl_xdecref(meth(t, "discard", 1, I(i)));
    hl_xdecref(meth(t, "add", 1, I(100)));
    hl_xdecref(meth(t, "add", 1, I(3)));
    hl_xdecref(meth(t, "add", 1, I(-1)));
    CHECK_REPR(t, MF_W_SET_ORDER_AFTER_DISCARD);
    static const long p[] = {10, 20, 3, 40, 64, 7};
    HLObject *ps = set_of(ints(p, 6)), *popped = own(hl_list_new(0));
    for (int i = 0; i < 6; i++)
        hl_list_append(popped, own(meth(ps, "pop", 0)));
    CHECK_REPR(popped, MF_W_SET_POP_ORDER);
    release_all();
}

TEST(set_sizes)
{
    HLObject *sys = sysmod();
    HLObject *s = set_of(NULL), *sizes = own(hl_list_new(0));
    for (long i = 0; i < 60; i++) {
        hl_xdecref(meth(s, "add", 1, I(i * 7)));
        hl_list_append(sizes, I(sizeof_of(sys, s)));
    }
    CHECK_REPR(sizes, MF_W_SET_SIZES_GROWING);
    static const long ks[] = {0, 1, 4, 5, 8, 10, 19, 20, 50, 100, 1000};
    HLObject *from_range = own(hl_list_new(0));
    for (int i = 0; i < 11; i++)
        hl_list_append(from_range, I(sizeof_of(sys, set_of(range1(ks[i])))));
    CHECK_REPR(from_range, MF_W_SET_SIZE_FROM_RANGE);
    static const long kd[] = {0, 3, 4, 5, 10, 100};
    HLObject *from_dict = own(hl_list_new(0)), *from_set = own(hl_list_new(0));
    for (int i = 0; i < 6; i++) {
        HLObject *d = own(hl_dict_new());
        for (long k = 0; k < kd[i]; k++)
            hl_dict_set_item(d, I(k), HL_None);
        hl_list_append(from_dict, I(sizeof_of(sys, set_of(d))));
        hl_list_append(from_set, I(sizeof_of(sys, set_of(set_of(range1(kd[i]))))));
    }
    CHECK_REPR(from_dict, MF_W_SET_SIZE_FROM_DICT);
    CHECK_REPR(from_set, MF_W_SET_SIZE_FROM_SET);
    HLObject *ten = set_of(range1(10));
    CHECK_REPR(R(5, hl_long_from_long(sizeof_of(sys, own(meth(ten, "copy", 0)))),
                 hl_long_from_long(sizeof_of(sys, own(hl_number_or(ten, set_of(L(1, I(100))))))),
                 hl_long_from_long(sizeof_of(sys, own(hl_number_and(ten, set_of(L(2, I(1), I(2))))))),
                 hl_long_from_long(sizeof_of(sys, own(hl_number_subtract(ten, set_of(L(1, I(1))))))),
                 hl_long_from_long(sizeof_of(sys, own(hl_number_xor(ten, set_of(L(2, I(1), I(50)))))))),
               MF_W_SET_SIZE_COPY_UNION);
    HLObject *du = set_of(range1(32));
    hl_xdecref(meth(du, "difference_update", 1, range1(20)));
    CHECK_REPR(R(2, hl_long_from_long(sizeof_of(sys, du)), hl_object_repr(du)), MF_W_SET_DIFFERENCE_UPDATE);
    HLObject *c = set_of(range1(100));
    hl_xdecref(meth(c, "clear", 0));
    CHECK_STR(repr_of(I(sizeof_of(sys, c))), MF_W_SET_CLEAR_SIZE);
    CHECK_REPR(R(2, hl_long_from_long(sizeof_of(sys, own(call(bi("iter"), 1, set_of(NULL))))),
                 hl_long_from_long(sizeof_of(sys, frozenset_of(NULL)))),
               MF_W_SET_ITER_SIZE);
    release_all();
}

TEST(set_operations_results)
{
    static const long av[] = {1, 2, 3, 40}, bv[] = {3, 4, 40, 72};
    HLObject *a = set_of(ints(av, 4)), *b = set_of(ints(bv, 4));
    CHECK_REPR(R(7, hl_object_repr(own(hl_number_or(a, b))), hl_object_repr(own(hl_number_and(a, b))),
                 hl_object_repr(own(hl_number_subtract(a, b))), hl_object_repr(own(hl_number_xor(a, b))),
                 hl_object_repr(own(meth(a, "union", 2, L(2, I(9), I(8)), T(1, I(100))))),
                 hl_object_repr(own(meth(a, "intersection", 1, range1(3)))),
                 hl_object_repr(own(meth(a, "symmetric_difference", 1, L(2, I(1), I(9)))))),
               MF_W_SET_OPS);
    HLObject *x = set_of(L(3, I(1), I(2), I(3)));
    HLObject *r1 = own(hl_number_inplace(x, set_of(L(2, I(9), I(33))), HL_NB_OR));
    CHECK(r1 == x);
    HLObject *y = set_of(x);
    own(hl_number_inplace(y, set_of(L(3, I(1), I(33), I(7))), HL_NB_AND));
    HLObject *z = set_of(x);
    own(hl_number_inplace(z, set_of(L(1, I(2))), HL_NB_SUBTRACT));
    HLObject *w = set_of(x);
    own(hl_number_inplace(w, set_of(L(2, I(2), I(65))), HL_NB_XOR));
    CHECK_REPR(R(4, hl_object_repr(x), hl_object_repr(y), hl_object_repr(z), hl_object_repr(w)),
               MF_W_SET_INPLACE);
    HLObject *h[5];
    HLObject *fsets[5] = {frozenset_of(NULL), frozenset_of(L(3, I(1), I(2), I(3))),
                          frozenset_of(range1(100)), frozenset_of(L(1, I(-1))),
                          frozenset_of(L(1, frozenset_of(L(1, I(1)))))};
    for (int i = 0; i < 5; i++)
        h[i] = hl_long_from_ssize(hl_object_hash(fsets[i]));
    CHECK_REPR(R(5, h[0], h[1], h[2], h[3], h[4]), MF_W_FROZENSET_HASHES);
    HLObject *diff = own(hl_number_subtract(frozenset_of(range1(10)), frozenset_of(L(1, I(3)))));
    CHECK_STR(repr_of(own(hl_long_from_ssize(hl_object_hash(diff)))), MF_W_FROZENSET_HASH_AFTER_OPS);
    release_all();
}

/* Refcounts: a set holds one reference per key; removal, clear and
 * deallocation give them back. */
TEST(set_refcounts)
{
    HLObject *key = own(hl_str_from_cstr("a key that is not interned"));
    hl_ssize_t before = HL_REFCNT(key);
    HLObject *s = hl_set_new(NULL);
    CHECK_EQ(hl_set_add(s, key), 0);
    CHECK_EQ(hl_set_add(s, key), 0);
    CHECK_EQ(HL_REFCNT(key), before + 1);
    HLObject *c = hl_set_new(s);
    CHECK_EQ(HL_REFCNT(key), before + 2);
    CHECK_EQ(hl_set_discard(c, key), 1);
    CHECK_EQ(hl_set_discard(c, key), 0);
    CHECK_EQ(HL_REFCNT(key), before + 1);
    hl_decref(c);
    hl_decref(s);
    CHECK_EQ(HL_REFCNT(key), before);
    /* A big set with dummies, cleared. */
    HLObject *b = hl_set_new(NULL);
    for (long i = 0; i < 1000; i++)
        hl_set_add(b, I(i * 3));
    for (long i = 0; i < 1000; i += 2)
        hl_set_discard(b, I(i * 3));
    CHECK_EQ(hl_set_size(b), 500);
    CHECK_EQ(hl_set_clear(b), 0);
    CHECK_EQ(hl_set_size(b), 0);
    hl_decref(b);
    release_all();
}

/* ---- range ---------------------------------------------------------------------------- */

TEST(range_values)
{
    HLObject *range = bi("range");
    HLObject *r10 = range1(10), *r = own(call(range, 3, I(1), I(10), I(2)));
    HLObject *neg = own(call(range, 3, I(0), I(-10), I(-3)));
    HLObject *s_rev = own(hl_slice_new(HL_None, HL_None, I(-1)));
    HLObject *s_from1 = own(hl_slice_new(I(1), HL_None, HL_None));
    HLObject *b40 = big("1099511627776"), *b39 = big("549755813888");
    HLObject *s_big = own(hl_slice_new(b39, I(-5), I(7)));
    CHECK_REPR(R(6, hl_object_repr(r10), hl_object_repr(r), hl_object_repr(neg),
                 hl_object_repr(own(hl_object_get_item(range1(5), s_rev))),
                 hl_object_repr(own(hl_object_get_item(own(call(range, 3, I(0), I(10), I(3))), s_from1))),
                 hl_object_repr(own(hl_object_get_item(own(call(range, 1, b40)), s_big)))),
               MF_RANGE_REPRS);
    HLObject *list = bi("list");
    HLObject *s_last3 = own(hl_slice_new(I(-3), HL_None, HL_None));
    HLObject *s_odd = own(hl_slice_new(I(1), HL_None, I(2)));
    CHECK_REPR(R(4, call(list, 1, neg), call(list, 1, own(call(bi("reversed"), 1, own(call(range, 3, I(1), I(10), I(4)))))),
                 call(list, 1, own(hl_object_get_item(r10, s_last3))),
                 call(list, 1, own(hl_object_get_item(own(call(range, 3, I(5), I(0), I(-1))), s_odd)))),
               MF_RANGE_LISTS);
    HLObject *rb = own(call(range, 1, b40));
    CHECK_ERR(call(bi("len"), 1, rb), MF_W_RANGE_LEN_BIG);
    CHECK_REPR(R(3, hl_object_get_item(rb, I(-1)), hl_object_get_item(own(call(range, 2, I(-5), I(5))), I(-1)),
                 hl_object_getattr_str(rb, "stop")),
               MF_RANGE_BIG_ITEMS);
    HLObject *f3 = own(hl_float_from_double(3.0));
    CHECK_REPR(R(6, bool_of(hl_sequence_contains(own(call(range, 3, I(0), I(10), I(5))), I(5))),
                 bool_of(hl_sequence_contains(own(call(range, 2, I(0), I(10))), I(10))),
                 bool_of(hl_sequence_contains(range1(3), S("a"))), bool_of(hl_sequence_contains(range1(5), f3)),
                 bool_of(hl_sequence_contains(own(call(range, 3, I(0), I(-10), I(-2))), I(-4))),
                 bool_of(hl_sequence_contains(range1(2), HL_True))),
               MF_RANGE_CONTAINS);
    CHECK_REPR(R(4, meth(r10, "count", 1, I(3)), meth(own(call(range, 3, I(0), I(20), I(5))), "index", 1, I(15)),
                 meth(r10, "count", 1, f3), meth(r10, "index", 1, f3)),
               MF_RANGE_COUNT_INDEX);
    HLObject *r0 = range1(0), *r55 = own(call(range, 2, I(5), I(5)));
    HLObject *r12 = own(call(range, 2, I(1), I(2))), *r125 = own(call(range, 3, I(1), I(2), I(5)));
    CHECK_REPR(R(6, cmp(r0, r55, HL_EQ), cmp(r12, r125, HL_EQ),
                 cmp(own(call(range, 2, I(1), I(5))), own(call(range, 3, I(1), I(5), I(1))), HL_EQ),
                 cmp(range1(3), range1(4), HL_NE), hl_bool_from_long(hl_object_hash(r0) == hl_object_hash(r55)),
                 hl_bool_from_long(hl_object_hash(r12) == hl_object_hash(own(call(range, 3, I(1), I(3), I(5)))))),
               MF_RANGE_EQUALITY);
    HLObject *ra = own(call(range, 3, I(2), I(20), I(3)));
    CHECK_REPR(R(6, hl_object_getattr_str(ra, "start"), hl_object_getattr_str(ra, "stop"),
                 hl_object_getattr_str(ra, "step"), call(bi("len"), 1, ra), bool_of(hl_object_is_true(r0)),
                 bool_of(hl_object_is_true(ra))),
               MF_RANGE_ATTRS);
    HLObject *it = own(call(bi("iter"), 1, r10));
    hl_xdecref(call(bi("next"), 1, it));
    HLObject *b100 = big("1267650600228229401496703205376");
    CHECK_REPR(R(2, meth(it, "__length_hint__", 0),
                 meth(own(call(bi("reversed"), 1, own(call(range, 1, b100)))), "__length_hint__", 0)),
               MF_RANGE_ITER_LENGTH_HINT);
    HLObject *b64 = big("18446744073709551616"), *b64p3 = big("18446744073709551619");
    HLObject *b64p9 = big("18446744073709551625");
    CHECK_REPR(R(2, call(list, 1, own(call(range, 2, b64, b64p3))),
                 call(list, 1, own(call(bi("reversed"), 1, own(call(range, 3, b64, b64p9, I(4))))))),
               MF_RANGE_BIG_ITER);
    release_all();
}

TEST(range_errors)
{
    HLObject *range = bi("range"), *r10 = range1(10);
    CHECK_ERR(meth(r10, "index", 1, I(11)), MF_RANGE_INDEX_MISSING);
    CHECK_ERR(meth(r10, "index", 1, S("a")), MF_RANGE_INDEX_NONINT_MISSING);
    CHECK_ERR(hl_object_get_item(r10, I(10)), MF_RANGE_INDEX_ERROR);
    CHECK_ERR(hl_object_get_item(r10, S("a")), MF_RANGE_BAD_INDEX);
    CHECK_ERR(call(range, 0), MF_RANGE_NO_ARGS);
    CHECK_ERR(call(range, 4, I(1), I(2), I(3), I(4)), MF_RANGE_FOUR_ARGS);
    CHECK_ERR(call(range, 3, I(1), I(2), I(0)), MF_RANGE_ZERO_STEP);
    CHECK_ERR(call(range, 1, own(hl_float_from_double(1.0))), MF_RANGE_FLOAT);
    CHECK_ERR(callkw(range, "x", 1, I(1)), MF_RANGE_KWARGS);
    CHECK_ERR(hl_object_get_item(r10, own(hl_slice_new(HL_None, HL_None, I(0)))), MF_RANGE_SLICE_ZERO_STEP);
    release_all();
}

TEST(range_layout)
{
    HLObject *sys = sysmod(), *range = bi("range"), *iter = bi("iter"), *rev = bi("reversed");
    HLObject *b31 = big("2147483648"), *b31m1 = big("2147483647"), *m31 = big("-2147483648");
    HLObject *b40 = big("1099511627776");
    HLObject *its[6] = {own(call(iter, 1, range1(10))), own(call(iter, 1, own(call(range, 1, b31)))),
                        own(call(iter, 1, own(call(range, 1, b31m1)))), own(call(rev, 1, own(call(range, 1, b31m1)))),
                        own(call(rev, 1, own(call(range, 2, m31, I(0))))),
                        own(call(iter, 1, own(call(range, 2, m31, b31m1))))};
    HLObject *names[6];
    for (int i = 0; i < 6; i++)
        names[i] = hl_str_from_cstr(its[i] ? HL_TYPE(its[i])->tp_name : err_line());
    CHECK_REPR(R(9, names[0], names[1], names[2], names[3], names[4], names[5],
                 hl_long_from_long(sizeof_of(sys, range1(10))),
                 hl_long_from_long(sizeof_of(sys, own(call(iter, 1, range1(3))))),
                 hl_long_from_long(sizeof_of(sys, own(call(iter, 1, own(call(range, 1, b40))))))),
               MF_W_RANGE_ITER_TYPES);
    /* range(x) keeps x itself; not a GC object. */
    HLObject *r = own(call(range, 1, b40));
    CHECK(((HLRangeObject *)r)->stop == b40);
    CHECK(!hl_object_is_gc(r));
    release_all();
}

/* ---- enumerate, reversed, zip, map, filter, iter(f, sentinel) ------------------------------- */

static hl_ssize_t tenseq_length(HLObject *self) { return 3; }
static HLObject *tenseq_item(HLObject *self, hl_ssize_t i)
{
    if (i < 0 || i >= 3) {
        hl_err_set_string(hl_exc_IndexError, "out of range");
        return NULL;
    }
    return hl_long_from_ssize(i * 10);
}
static HLSequenceMethods tenseq_as_sequence = {.sq_length = tenseq_length, .sq_item = tenseq_item};
/* A sequence with __len__ and __getitem__ but no __reversed__ (the class S
 * of the recorded scenario). */
static HLTypeObject TenSeqType = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "S",
    .tp_basicsize = sizeof(HLObject),
    .tp_as_sequence = &tenseq_as_sequence,
};

static long counter;
static HLObject *count_up(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    return hl_long_from_long(++counter);
}
static HLMethodDef counter_def = {"count_up", count_up, HL_METH_NOARGS, NULL};

TEST(iterators_values)
{
    HLObject *list = bi("list"), *enumerate = bi("enumerate");
    CHECK_REPR(R(3, call(list, 1, own(call(enumerate, 2, S("abc"), I(5)))),
                 call(list, 1, own(callkw(enumerate, "start,iterable", 2, I(3), S("ab")))),
                 call(list, 1, own(callkw(enumerate, "iterable", 1, S("x"))))),
               MF_ENUMERATE_START);
    HLObject *b = big("2147483646");
    CHECK_REPR(own(call(list, 1, own(call(enumerate, 2, S("abc"), b)))), MF_W_ENUMERATE_BIG_START);
    REQUIRE(hl_type_ready(&TenSeqType) == 0);
    HLObject *seq = own(hl_object_new(&TenSeqType));
    HLObject *it = own(call(bi("reversed"), 1, seq));
    HLObject *h1 = meth(it, "__length_hint__", 0), *lst = call(list, 1, it);
    CHECK_REPR(R(3, h1, lst, meth(it, "__length_hint__", 0)), MF_REVERSED_SEQUENCE);
    HLObject *zip = bi("zip");
    CHECK_REPR(R(3, call(list, 1, own(call(zip, 2, S("ab"), range1(5)))), call(list, 1, own(call(zip, 0))),
                 call(list, 1, own(callkw(zip, "strict", 3, L(2, I(1), I(2)), S("xy"), HL_True)))),
               MF_ZIP_LISTS);
    HLObject *map = bi("map"), *filter = bi("filter");
    CHECK_REPR(R(4, call(list, 1, own(call(map, 3, bi("pow"), L(2, I(2), I(3)), L(2, I(5), I(2))))),
                 call(list, 1, own(call(filter, 2, HL_None, L(4, I(0), I(1), S(""), S("a"))))),
                 call(list, 1, own(call(filter, 2, (HLObject *)&hl_bool_type, L(2, I(0), I(2))))),
                 call(list, 1, own(call(map, 2, bi("abs"), L(2, I(-1), I(-2)))))),
               MF_MAP_FILTER);
    /* iter(f, 3) with f returning 1, 2, 3, 4 in turn (the recorded
     * scenario's iter([1, 2, 3, 4]).__next__). */
    counter = 0;
    CHECK_REPR(own(call(list, 1, own(call(bi("iter"), 2, cfunc(&counter_def), I(3))))), MF_ITER_SENTINEL);
    release_all();
}

TEST(iterators_reuse_result_tuples)
{
    HLObject *e = own(call(bi("enumerate"), 1, S("abc")));
    HLObject *a = hl_iter_next(e);
    HLObject *ida = a;
    hl_decref(a);
    HLObject *b2 = own(hl_iter_next(e));
    CHECK_STR(repr_of(own(hl_bool_from_long(b2 == ida))), MF_ENUMERATE_PAIR_REUSED);
    HLObject *e2 = own(call(bi("enumerate"), 1, S("abc")));
    HLObject *x = own(hl_iter_next(e2)), *y = own(hl_iter_next(e2));
    CHECK_REPR(R(3, hl_bool_from_long(x == y), hl_newref(x), hl_newref(y)), MF_ENUMERATE_PAIR_KEPT);
    HLObject *z = own(call(bi("zip"), 2, S("ab"), S("cd")));
    HLObject *za = hl_iter_next(z);
    HLObject *idz = za;
    hl_decref(za);
    CHECK_STR(repr_of(own(hl_bool_from_long(own(hl_iter_next(z)) == idz))), MF_ZIP_TUPLE_REUSED);
    release_all();
}

TEST(iterators_errors)
{
    HLObject *enumerate = bi("enumerate"), *zip = bi("zip"), *list = bi("list");
    CHECK_ERR(call(enumerate, 0), MF_ENUMERATE_NO_ARGS);
    CHECK_ERR(call(enumerate, 3, L(0), I(1), I(2)), MF_ENUMERATE_THREE_ARGS);
    CHECK_ERR(callkw(enumerate, "foo", 2, L(0), I(1)), MF_ENUMERATE_BAD_KW);
    CHECK_ERR(call(enumerate, 2, S("ab"), S("x")), MF_ENUMERATE_BAD_START);
    CHECK_ERR(call(bi("reversed"), 0), MF_REVERSED_NO_ARGS);
    CHECK_ERR(call(bi("reversed"), 1, I(1)), MF_REVERSED_NOT_REVERSIBLE);
    CHECK_ERR(callkw(bi("reversed"), "x", 2, L(0), I(1)), MF_REVERSED_KWARGS);
    CHECK_ERR(call(list, 1, own(callkw(zip, "strict", 3, L(2, I(1), I(2)), L(1, I(1)), HL_True))), MF_ZIP_SHORTER);
    CHECK_ERR(call(list, 1, own(callkw(zip, "strict", 4, L(1, I(1)), L(3, I(1), I(2), I(3)), L(1, I(1)), HL_True))),
              MF_ZIP_LONGER);
    CHECK_ERR(call(list, 1, own(callkw(zip, "strict", 4, L(2, I(1), I(2)), L(2, I(1), I(2)), L(1, I(1)), HL_True))),
              MF_ZIP_SHORTER3);
    CHECK_ERR(callkw(zip, "strict,x", 2, I(1), I(2)), MF_ZIP_TWO_KW);
    CHECK_ERR(callkw(zip, "x", 2, L(0), I(2)), MF_ZIP_BAD_KW);
    CHECK_ERR(call(zip, 1, I(1)), MF_ZIP_NOT_ITERABLE);
    CHECK_ERR(call(bi("map"), 1, bi("abs")), MF_MAP_ONE_ARG);
    CHECK_ERR(callkw(bi("map"), "x", 3, bi("abs"), L(0), I(1)), MF_MAP_KWARGS);
    CHECK_ERR(call(bi("filter"), 1, HL_None), MF_FILTER_ONE_ARG);
    CHECK_ERR(callkw(bi("filter"), "x", 3, HL_None, L(0), I(1)), MF_FILTER_KWARGS);
    CHECK_ERR(call(bi("iter"), 2, I(1), I(2)), MF_ITER_NOT_CALLABLE);
    CHECK_ERR(call(bi("iter"), 0), MF_ITER_NO_ARGS);
    CHECK_ERR(call(bi("iter"), 3, L(0), I(1), I(2)), MF_ITER_THREE_ARGS);
    CHECK_ERR(call(bi("next"), 1, I(1)), MF_NEXT_NOT_ITERATOR);
    CHECK_REPR(own(call(bi("next"), 2, own(call(bi("iter"), 1, L(0))), I(5))), MF_NEXT_DEFAULT);
    CHECK_ERR(call(bi("next"), 1, own(call(bi("iter"), 1, L(0)))), MF_NEXT_EXHAUSTED);
    CHECK_ERR(call(bi("next"), 3, own(call(bi("iter"), 1, S(""))), I(1), I(2)), MF_NEXT_THREE_ARGS);
    release_all();
}

TEST(iterators_sizes_and_tracking)
{
    HLObject *sys = sysmod();
    REQUIRE(hl_type_ready(&TenSeqType) == 0);
    HLObject *seq = own(hl_object_new(&TenSeqType));
    HLObject *its[6] = {own(call(bi("enumerate"), 1, L(0))), own(call(bi("zip"), 0)),
                        own(call(bi("map"), 2, bi("abs"), L(0))), own(call(bi("filter"), 2, HL_None, L(0))),
                        own(call(bi("reversed"), 1, seq)), own(hl_calliter_new(bi("len"), I(1)))};
    CHECK_REPR(R(6, hl_long_from_long(sizeof_of(sys, its[0])), hl_long_from_long(sizeof_of(sys, its[1])),
                 hl_long_from_long(sizeof_of(sys, its[2])), hl_long_from_long(sizeof_of(sys, its[3])),
                 hl_long_from_long(sizeof_of(sys, its[4])), hl_long_from_long(sizeof_of(sys, its[5]))),
               MF_W_ITER_SIZES);
    for (int i = 0; i < 6; i++)
        CHECK(its[i] && hl_gc_object_is_tracked(its[i]));
    release_all();
}
