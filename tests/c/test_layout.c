/*
 * test_layout.c — object sizes are CPython 3.11's on a 32-bit platform.
 * The expected sys.getsizeof values were recorded from CPython 3.11 built
 * for wasm32 (cpython_facts.h); each object is built the way Python code
 * would build it ([1, 2, 3] extends an empty list by a constant tuple).
 */
#include "cpython_facts.h"
#include "harness.h"
#include "../../src/objects/dictobject.h"
#include "../../src/objects/floatobject.h"
#include "../../src/objects/listobject.h"
#include "../../src/objects/longobject.h"
#include "../../src/objects/strobject.h"
#include "../../src/objects/tupleobject.h"
#include "../../src/objects/abstract.h"
#include "../../src/runtime/heapview.h"

static void check_size(HLObject *o, long expected, const char *what)
{
    REQUIRE(o != NULL);
    long got = (long)hl_sizeof_builtin(o);
    if (got != expected)
        hl_test_fail(__FILE__, __LINE__, "sizeof %s: %ld, CPython (wasm32) %ld", what, got, expected);
    hl_decref(o);
}

static HLObject *int_pow2(int bits)
{
    HLObject *one = hl_long_from_long(1), *n = hl_long_from_long(bits);
    HLObject *r = hl_number_lshift(one, n);
    hl_decref(one);
    hl_decref(n);
    return r;
}

TEST(layout_sizes_match_32bit_cpython)
{
    check_size(hl_list_new(0), CPY_WASM32_SIZEOF_EMPTY_LIST, "[]");
    HLObject *l = hl_list_new(0);
    HLObject *one = hl_long_from_long(1), *two = hl_long_from_long(2), *three = hl_long_from_long(3);
    HLObject *t3 = hl_tuple_pack(3, one, two, three);
    hl_decref(hl_list_extend(l, t3));
    check_size(l, CPY_WASM32_SIZEOF_LIST_OF_3, "[1, 2, 3]");
    check_size(hl_dict_new(), CPY_WASM32_SIZEOF_EMPTY_DICT, "{}");
    HLObject *d = hl_dict_new();
    hl_dict_set_item(d, one, two);
    check_size(d, CPY_WASM32_SIZEOF_DICT_1_INT, "{1: 2}");
    d = hl_dict_new();
    hl_dict_set_item_str(d, "a", two);
    check_size(d, CPY_WASM32_SIZEOF_DICT_1_STR, "{'a': 2}");
    check_size(hl_tuple_new(0), CPY_WASM32_SIZEOF_EMPTY_TUPLE, "()");
    check_size(hl_tuple_pack(1, one), CPY_WASM32_SIZEOF_TUPLE_1, "(1,)");
    check_size(hl_tuple_pack(2, one, two), CPY_WASM32_SIZEOF_TUPLE_2, "(1, 2)");
    check_size(hl_long_from_long(0), CPY_WASM32_SIZEOF_INT_0, "0");
    check_size(hl_long_from_long(1), CPY_WASM32_SIZEOF_INT_1, "1");
    check_size(int_pow2(30), CPY_WASM32_SIZEOF_INT_2_30, "2**30");
    check_size(int_pow2(60), CPY_WASM32_SIZEOF_INT_2_60, "2**60");
    check_size(hl_float_from_double(1.5), CPY_WASM32_SIZEOF_FLOAT, "1.5");
    check_size(hl_str_from_cstr(""), CPY_WASM32_SIZEOF_STR_EMPTY, "''");
    check_size(hl_str_from_cstr("a"), CPY_WASM32_SIZEOF_STR_A, "'a'");
    check_size(hl_str_from_cstr("ab"), CPY_WASM32_SIZEOF_STR_AB, "'ab'");
    check_size(hl_str_from_cstr("\xc3\xa9"), CPY_WASM32_SIZEOF_STR_LATIN1, "'\\xe9'");
    check_size(hl_str_from_cstr("\xe1\x88\xb4"), CPY_WASM32_SIZEOF_STR_UCS2, "'\\u1234'");
    check_size(hl_str_from_cstr("\xf0\x9f\x98\x80"), CPY_WASM32_SIZEOF_STR_UCS4, "'\\U0001f600'");
    check_size(hl_newref(HL_True), CPY_WASM32_SIZEOF_TRUE, "True");
    check_size(hl_newref(HL_None), CPY_WASM32_SIZEOF_NONE, "None");
    hl_decref(t3);
    hl_decref(one);
    hl_decref(two);
    hl_decref(three);
}
