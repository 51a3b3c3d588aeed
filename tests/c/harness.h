/*
 * harness.h — the C test harness.  TEST(name) { ... } registers a test;
 * CHECK(cond) records a failure and goes on; REQUIRE(cond) stops the test.
 * main.c runs every test in a fresh runtime, audits the heap afterwards,
 * and ends with "N passed, M failed".
 */
#ifndef HL_TEST_HARNESS_H
#define HL_TEST_HARNESS_H

#include <setjmp.h>
#include <stdio.h>
#include <string.h>

typedef void (*hl_test_fn)(void);
void hl_test_register(const char *name, hl_test_fn fn, const char *file);
void hl_test_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
extern jmp_buf hl_test_abort;

#define TEST(name)                                                             \
    static void name(void);                                                    \
    __attribute__((constructor)) static void hl_reg_##name(void)               \
    {                                                                          \
        hl_test_register(#name, name, __FILE__);                               \
    }                                                                          \
    static void name(void)

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond))                                                           \
            hl_test_fail(__FILE__, __LINE__, "CHECK(%s)", #cond);              \
    } while (0)

#define REQUIRE(cond)                                                          \
    do {                                                                       \
        if (!(cond)) {                                                         \
            hl_test_fail(__FILE__, __LINE__, "REQUIRE(%s)", #cond);            \
            longjmp(hl_test_abort, 1);                                         \
        }                                                                      \
    } while (0)

#define CHECK_EQ(a, b)                                                         \
    do {                                                                       \
        long long _a = (long long)(a), _b = (long long)(b);                    \
        if (_a != _b)                                                          \
            hl_test_fail(__FILE__, __LINE__, "CHECK_EQ(%s, %s): %lld != %lld", \
                         #a, #b, _a, _b);                                      \
    } while (0)

#define CHECK_STR(a, b)                                                        \
    do {                                                                       \
        const char *_a = (a), *_b = (b);                                       \
        if (!_a || !_b || strcmp(_a, _b) != 0)                                 \
            hl_test_fail(__FILE__, __LINE__, "CHECK_STR(%s, %s): \"%s\" != \"%s\"", \
                         #a, #b, _a ? _a : "(null)", _b ? _b : "(null)");       \
    } while (0)

#endif /* HL_TEST_HARNESS_H */
