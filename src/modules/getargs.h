/*
 * getargs.h — argument parsing for the built-in modules, with CPython
 * 3.11's messages (getargs.c).
 */
#ifndef HL_GETARGS_H
#define HL_GETARGS_H

#include "../runtime/object.h"

/* A function's parameters as Argument Clinic describes them: names[0..n)
 * with the first `posonly` positional-only, parameters [0, maxpos)
 * accepted by position, the rest keyword-only; the first `minpos` are
 * required.  (_PyArg_UnpackKeywords.) */
typedef struct hl_argspec {
    const char *fname;       /* for messages: "pow" gives "pow() ..." */
    const char *const *names; /* NULL-terminated */
    int posonly;
    int minpos;
    int maxpos;
} hl_argspec;

/* Fills out[i] with the argument for parameter i (borrowed) or NULL when
 * it was not given, from a vectorcall's args/nargs/kwnames.  0, or -1 with
 * CPython's TypeError. */
int hl_unpack_keywords(const hl_argspec *spec, HLObject *const *args, hl_ssize_t nargs,
                       HLObject *kwnames, HLObject **out);

/* What CPython's METH_VARARGS[|METH_KEYWORDS] calling convention makes for
 * a call: a tuple of the positional arguments (the empty tuple when there
 * are none) and, if keywords were passed, a dict of them.  Both are new
 * references (*kwargs NULL when none); -1 on error. */
int hl_pack_varargs(HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames,
                    HLObject **argtuple, HLObject **kwargs);

/* _PyLong_AsInt with CPython's messages ('x' object cannot be interpreted
 * as an integer / Python int too large to convert to C int); -1 with an
 * exception set on error. */
int hl_as_c_int(HLObject *v, int *out);

#endif /* HL_GETARGS_H */
