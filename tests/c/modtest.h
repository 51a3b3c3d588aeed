/*
 * modtest.h — helpers for the tests of the built-in types and modules
 * (test_sets.c, test_modules.c): building argument objects, calling
 * functions the way the interpreter will (hl_vectorcall with borrowed
 * arguments and a kwnames tuple), and comparing reprs and exception lines
 * with the strings tests/tools/record-module-facts recorded from CPython.
 *
 * Objects a test makes are "owned" by a per-test table and released by
 * release_all() at the end of the test, before the heap audit runs.
 */
#ifndef HL_MODTEST_H
#define HL_MODTEST_H

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "module_facts.h"
#include "../../src/modules/modules.h"
#include "../../src/objects/abstract.h"
#include "../../src/objects/descrobject.h"
#include "../../src/objects/dictobject.h"
#include "../../src/objects/listobject.h"
#include "../../src/objects/longobject.h"
#include "../../src/objects/moduleobject.h"
#include "../../src/objects/strobject.h"
#include "../../src/objects/tupleobject.h"
#include "../../src/runtime/errors.h"
#include "../../src/runtime/strbuf.h"

#define MT_MAX_OWNED 8192
static HLObject *mt_owned[MT_MAX_OWNED];
static int mt_nowned;

/* Takes a new reference and keeps it until release_all(); returns it. */
static HL_UNUSED HLObject *own(HLObject *o)
{
    if (o != NULL && mt_nowned < MT_MAX_OWNED)
        mt_owned[mt_nowned++] = o;
    return o;
}

static HL_UNUSED void release_all(void)
{
    while (mt_nowned > 0)
        hl_xdecref(mt_owned[--mt_nowned]);
}

static HL_UNUSED HLObject *I(long v) { return own(hl_long_from_long(v)); }
static HL_UNUSED HLObject *S(const char *s) { return own(hl_str_from_cstr(s)); }

/* A list or tuple of n borrowed objects. */
static HL_UNUSED HLObject *L(int n, ...)
{
    HLObject *l = own(hl_list_new(0));
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        hl_list_append(l, va_arg(ap, HLObject *));
    va_end(ap);
    return l;
}

static HL_UNUSED HLObject *T(int n, ...)
{
    HLObject *items[16];
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n && i < 16; i++)
        items[i] = va_arg(ap, HLObject *);
    va_end(ap);
    return own(hl_tuple_from_array(items, n));
}

/* A list of ints from a C array. */
static HL_UNUSED HLObject *ints(const long *v, int n)
{
    HLObject *l = own(hl_list_new(0));
    for (int i = 0; i < n; i++) {
        HLObject *x = hl_long_from_long(v[i]);
        hl_list_append(l, x);
        hl_decref(x);
    }
    return l;
}

/* The text of the pending exception as a traceback's last line shows it
 * ("TypeError: ..."), cleared; "(no exception)" if none. */
static char mt_errbuf[4096];
static HL_UNUSED const char *err_line(void)
{
    HLObject *exc = hl_err_fetch();
    if (exc == NULL)
        return "(no exception)";
    HLObject *line = hl_exception_format_line(exc);
    hl_decref(exc);
    if (line == NULL) {
        hl_err_clear();
        return "(formatting failed)";
    }
    snprintf(mt_errbuf, sizeof mt_errbuf, "%s", hl_str_as_utf8(line, NULL));
    hl_decref(line);
    return mt_errbuf;
}

/* repr(o) in a rotating set of buffers; the exception line if it fails
 * or if o is NULL (a call that raised). */
static char mt_reprbuf[4][16384];
static int mt_reprnext;
static HL_UNUSED const char *repr_of(HLObject *o)
{
    char *buf = mt_reprbuf[mt_reprnext++ & 3];
    if (o == NULL) {
        snprintf(buf, sizeof mt_reprbuf[0], "%s", err_line());
        return buf;
    }
    HLObject *r = hl_object_repr(o);
    if (r == NULL) {
        snprintf(buf, sizeof mt_reprbuf[0], "repr failed: %s", err_line());
        return buf;
    }
    snprintf(buf, sizeof mt_reprbuf[0], "%s", hl_str_as_utf8(r, NULL));
    hl_decref(r);
    return buf;
}

/* str(o) likewise (for facts recorded as plain strings). */
static HL_UNUSED const char *str_of(HLObject *o)
{
    char *buf = mt_reprbuf[mt_reprnext++ & 3];
    if (o == NULL) {
        snprintf(buf, sizeof mt_reprbuf[0], "%s", err_line());
        return buf;
    }
    HLObject *r = hl_object_str(o);
    snprintf(buf, sizeof mt_reprbuf[0], "%s", r ? hl_str_as_utf8(r, NULL) : err_line());
    hl_xdecref(r);
    return buf;
}

/* A tuple of n results (new references, stolen; owned).  A NULL result
 * becomes the string of its exception, so a failure shows in the repr. */
static HL_UNUSED HLObject *R(int n, ...)
{
    HLObject *items[24];
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n && i < 24; i++) {
        items[i] = va_arg(ap, HLObject *);
        if (items[i] == NULL)
            items[i] = hl_str_from_cstr(err_line());
    }
    va_end(ap);
    return own(hl_tuple_from_array_steal(items, n));
}

#define CHECK_REPR(o, expected) CHECK_STR(repr_of(o), expected)
/* The call raised, with this exception line. */
#define CHECK_ERR(expr, expected)                                              \
    do {                                                                       \
        HLObject *_r = (expr);                                                 \
        if (_r != NULL) {                                                      \
            hl_test_fail(__FILE__, __LINE__, "expected %s, got %s", expected,  \
                         repr_of(_r));                                         \
            hl_decref(_r);                                                     \
        } else {                                                               \
            CHECK_STR(err_line(), expected);                                   \
        }                                                                      \
    } while (0)

/* Functions of a module (borrowed from its dict). */
static HL_UNUSED HLObject *attr(HLObject *module, const char *name)
{
    HLObject *f = hl_dict_get_item_str(hl_module_get_dict(module), name);
    if (f == NULL)
        hl_test_fail(__FILE__, __LINE__, "module has no attribute %s", name);
    return f;
}

static HL_UNUSED HLObject *bi(const char *name) { return attr(hl_builtins_module(), name); }

/* f(args...) with n positional arguments (borrowed); new reference. */
static HL_UNUSED HLObject *call(HLObject *f, int n, ...)
{
    HLObject *args[16];
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n && i < 16; i++)
        args[i] = va_arg(ap, HLObject *);
    va_end(ap);
    return hl_vectorcall(f, args, (size_t)n, NULL);
}

/* f(positional..., name=value...): n arguments in all, the last ones
 * named by the comma-separated list kws ("key,reverse"). */
static HL_UNUSED HLObject *callkw(HLObject *f, const char *kws, int n, ...)
{
    HLObject *args[16];
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n && i < 16; i++)
        args[i] = va_arg(ap, HLObject *);
    va_end(ap);
    HLObject *names[16];
    int nkw = 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", kws);
    for (char *p = strtok(buf, ","); p; p = strtok(NULL, ","))
        names[nkw++] = hl_str_from_cstr(p);
    HLObject *kwnames = hl_tuple_from_array_steal(names, nkw);
    HLObject *r = hl_vectorcall(f, args, (size_t)(n - nkw), kwnames);
    hl_decref(kwnames);
    return r;
}

/* obj.name(args...) */
static HL_UNUSED HLObject *meth(HLObject *obj, const char *name, int n, ...)
{
    HLObject *args[16];
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n && i < 16; i++)
        args[i] = va_arg(ap, HLObject *);
    va_end(ap);
    return hl_call_method(obj, name, args, n);
}

/* Modules made for the test (owned). */
static HL_UNUSED HLObject *sysmod(void) { return own(hl_module_init_sys()); }
static HL_UNUSED HLObject *gcmod(void) { return own(hl_module_init_gc()); }

/* sys.getsizeof(o) as a C number (-1 on error). */
static HL_UNUSED long sizeof_of(HLObject *sys, HLObject *o)
{
    HLObject *r = call(attr(sys, "getsizeof"), 1, o);
    if (r == NULL) {
        hl_test_fail(__FILE__, __LINE__, "getsizeof: %s", err_line());
        return -1;
    }
    long v = hl_long_as_long(r);
    hl_decref(r);
    return v;
}

/* A one-argument C function usable as a key or callback. */
static HL_UNUSED HLObject *cfunc(HLMethodDef *def) { return own(hl_cfunction_new(def, NULL, NULL)); }

#endif /* HL_MODTEST_H */
