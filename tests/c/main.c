/*
 * main.c — runs the C tests.  Each test runs in a child process with a
 * fresh runtime, so no test sees another's heap; after the test body the
 * child checks that no exception is left set and audits the heap (every
 * tracked object's refcount equals the references found).  Ends with
 * "N passed, M failed"; the exit status is 1 if anything failed.
 *
 *   ctests [substring]   runs the tests whose name contains substring
 */
#include <stdarg.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "../../src/runtime/audit.h"
#include "../../src/runtime/errors.h"
#include "../../src/runtime/runtime.h"
#include "../../src/runtime/strbuf.h"

#define MAX_TESTS 1024
static struct {
    const char *name, *file;
    hl_test_fn fn;
} tests[MAX_TESTS];
static int ntests;
static int failures;
jmp_buf hl_test_abort;

void hl_test_register(const char *name, hl_test_fn fn, const char *file)
{
    if (ntests < MAX_TESTS) {
        tests[ntests].name = name;
        tests[ntests].file = file;
        tests[ntests++].fn = fn;
    }
}

void hl_test_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "  %s:%d: ", file, line);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    failures++;
}

static int run_child(int i)
{
    /* A smaller heap than the default keeps the heap-limit tests quick. */
    hl_config cfg = {.heap_limit = 128u << 20};
    if (hl_runtime_init(&cfg) < 0) {
        fprintf(stderr, "  runtime start-up failed\n");
        return 1;
    }
    if (setjmp(hl_test_abort) == 0)
        tests[i].fn();
    if (hl_err_occurred()) {
        fprintf(stderr, "  an exception was left set\n");
        failures++;
        hl_err_clear();
    }
    hl_strbuf report = HL_STRBUF_INIT;
    if (hl_audit(&report) < 0) {
        fprintf(stderr, "  %s", hl_sb_cstr(&report));
        failures++;
    }
    hl_sb_free(&report);
    fflush(stdout);
    fflush(stderr);
    return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
    const char *filter = argc > 1 ? argv[1] : NULL;
    int passed = 0, failed = 0;
    setvbuf(stdout, NULL, _IONBF, 0);
    for (int i = 0; i < ntests; i++) {
        if (filter && !strstr(tests[i].name, filter))
            continue;
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0)
            _exit(run_child(i));
        int status = 0;
        waitpid(pid, &status, 0);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
            passed++;
        } else {
            failed++;
            if (WIFSIGNALED(status))
                fprintf(stderr, "  killed by signal %d\n", WTERMSIG(status));
            printf("FAIL %s (%s)\n", tests[i].name, tests[i].file);
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
