/*
 * test_eval.c — the evaluation loop's contract with its host: runs in
 * slices that return to the caller between instructions, a heap that stays
 * consistent (audited) while a run is suspended, the Stop button
 * (interrupt_requested) ending a run with KeyboardInterrupt and leaving
 * the heap usable, and the fuel budget.
 */
#include <string.h>

#include "harness.h"
#include "../../src/lang/ceval.h"
#include "../../src/lang/pythonrun.h"
#include "../../src/modules/modules.h"
#include "../../src/objects/dictobject.h"
#include "../../src/objects/longobject.h"
#include "../../src/objects/moduleobject.h"
#include "../../src/objects/strobject.h"
#include "../../src/runtime/audit.h"
#include "../../src/runtime/errors.h"
#include "../../src/runtime/state.h"
#include "../../src/runtime/strbuf.h"

/* The test's own reference to its globals, declared to the audit. */
static HLObject *test_globals;

/* A fresh namespace with builtins, and the code of src compiled in it. */
static HLObject *compile_in(const char *src, HLObject **globals)
{
    REQUIRE(hl_eval_init() == 0);
    hl_register_root(&test_globals, "test_eval's globals");
    test_globals = *globals = hl_dict_new();
    REQUIRE(*globals != NULL);
    REQUIRE(hl_dict_set_item_str(*globals, "__builtins__", hl_builtins_module()) == 0);
    HLObject *name = hl_str_from_cstr("<test>");
    HLObject *code = hl_compile_string(src, strlen(src), name, HL_RUN_EXEC);
    hl_decref(name);
    REQUIRE(code != NULL);
    return code;
}

static long global_int(HLObject *globals, const char *name)
{
    HLObject *v = hl_dict_get_item_str(globals, name);
    return v ? hl_long_as_long(v) : -1;
}

static void audit_ok(void)
{
    hl_strbuf report = HL_STRBUF_INIT;
    int r = hl_audit(&report);
    if (r != 0)
        hl_test_fail(__FILE__, __LINE__, "audit: %s", hl_sb_cstr(&report));
    hl_sb_free(&report);
}

TEST(eval_slices_return_to_the_host)
{
    HLObject *globals;
    HLObject *code = compile_in("def add(a, b):\n"
                                "    return a + b\n"
                                "total = 0\n"
                                "for i in range(20000):\n"
                                "    total = add(total, i)\n"
                                "done = 1\n",
                                &globals);
    hl_eval_set_slice(2000);
    int slices = 1;
    HLObject *res = hl_eval_code_sliced(code, globals, globals);
    while (res == hl_eval_suspended) {
        /* Between slices the run is half done, and the heap consistent. */
        CHECK(hl_eval_is_suspended());
        CHECK(global_int(globals, "done") == -1);
        audit_ok();
        slices++;
        res = hl_eval_resume();
    }
    hl_eval_set_slice(0);
    REQUIRE(res != NULL);
    hl_decref(res);
    CHECK(!hl_eval_is_suspended());
    CHECK(slices > 20);
    CHECK_EQ(global_int(globals, "total"), 199990000);
    CHECK_EQ(global_int(globals, "done"), 1);
    hl_decref(code);
    hl_dict_clear(globals);
    test_globals = NULL;
    hl_decref(globals);
}

TEST(eval_stop_raises_keyboard_interrupt)
{
    HLObject *globals;
    HLObject *code = compile_in("keep = [1, 2, 3]\n"
                                "n = 0\n"
                                "try:\n"
                                "    while True:\n"
                                "        n += 1\n"
                                "finally:\n"
                                "    stopped = n\n",
                                &globals);
    hl_eval_set_slice(5000);
    HLObject *res = hl_eval_code_sliced(code, globals, globals);
    REQUIRE(res == hl_eval_suspended);
    res = hl_eval_resume();
    REQUIRE(res == hl_eval_suspended);
    /* The page's Stop button, between two slices. */
    hl_ts.interrupt_requested = 1;
    res = hl_eval_resume();
    hl_eval_set_slice(0);
    CHECK(res == NULL);
    CHECK(hl_err_exception_matches(hl_exc_KeyboardInterrupt));
    hl_err_clear();
    /* The finally block ran, the globals survive, the heap is sound. */
    CHECK(global_int(globals, "stopped") > 1000);
    HLObject *keep = hl_dict_get_item_str(globals, "keep");
    CHECK(keep != NULL && HL_SIZE(keep) == 3);
    audit_ok();
    hl_decref(code);
    hl_dict_clear(globals);
    test_globals = NULL;
    hl_decref(globals);
}

TEST(eval_fuel_budget)
{
    HLObject *globals;
    HLObject *code = compile_in("n = 0\nwhile True:\n    n += 1\n", &globals);
    hl_eval_set_fuel(100000);
    HLObject *res = hl_eval_code(code, globals, globals);
    CHECK(res == NULL);
    CHECK(hl_err_exception_matches(hl_exc_KeyboardInterrupt));
    hl_err_clear();
    long n = global_int(globals, "n");
    /* About 5 instructions a turn; the check runs every 1024. */
    CHECK(n > 15000 && n < 25000);
    hl_decref(code);
    hl_dict_clear(globals);
    test_globals = NULL;
    hl_decref(globals);
}

TEST(eval_inner_loops_do_not_suspend)
{
    /* While a dunder method runs (C called Python), the run cannot return
     * to the host: the slice ends only once the outermost loop is back. */
    HLObject *globals;
    HLObject *code = compile_in("class Slow:\n"
                                "    def __init__(self):\n"
                                "        self.n = 0\n"
                                "        while self.n < 30000:\n"
                                "            self.n += 1\n"
                                "s = Slow()\n"
                                "after = s.n\n",
                                &globals);
    hl_eval_set_slice(1000);
    int slices = 0;
    HLObject *res = hl_eval_code_sliced(code, globals, globals);
    while (res == hl_eval_suspended) {
        slices++;
        /* Never suspended inside __init__: s exists whenever we stop. */
        CHECK(hl_dict_get_item_str(globals, "s") != NULL);
        res = hl_eval_resume();
    }
    hl_eval_set_slice(0);
    REQUIRE(res != NULL);
    hl_decref(res);
    CHECK_EQ(global_int(globals, "after"), 30000);
    hl_decref(code);
    hl_dict_clear(globals);
    test_globals = NULL;
    hl_decref(globals);
}
