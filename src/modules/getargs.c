/*
 * getargs.c — argument parsing shared by the built-in modules.
 *
 * CPython's built-in functions receive their arguments in one of a few
 * conventions, and their error messages come from the matching parser in
 * Python/getargs.c.  The ones reproduced here:
 *
 *   - Argument Clinic functions with keywords (pow, round, sum,
 *     sys.getsizeof, gc.collect ...) go through _PyArg_UnpackKeywords:
 *     "pow() takes at most 3 arguments (4 given)", "pow() missing required
 *     argument 'exp' (pos 2)", "'x' is an invalid keyword argument for
 *     pow()", "argument for f() given by name ('a') and position (1)".
 *     hl_unpack_keywords does the same checks in the same order.
 *   - METH_VARARGS functions (min, max, dir, vars, gc.get_referrers ...)
 *     receive a tuple built for the call, and a dict for keywords; since
 *     heaplab calls everything through vectorcall, hl_pack_varargs builds
 *     them, so such a call allocates what it allocates in CPython.
 */
#include "getargs.h"

#include "../objects/abstract.h"
#include "../objects/dictobject.h"
#include "../objects/longobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/errors.h"

static int spec_count(const hl_argspec *spec)
{
    int n = 0;
    while (spec->names[n] != NULL)
        n++;
    return n;
}

/* The value passed for keyword `name`, or NULL. */
static HLObject *find_keyword(HLObject *kwnames, HLObject *const *kwstack, const char *name)
{
    for (hl_ssize_t i = 0; i < HL_SIZE(kwnames); i++)
        if (hl_str_eq_cstr(HL_TUPLE_GET(kwnames, i), name))
            return kwstack[i];
    return NULL;
}

int hl_unpack_keywords(const hl_argspec *spec, HLObject *const *args, hl_ssize_t nargs,
                       HLObject *kwnames, HLObject **out)
{
    int maxargs = spec_count(spec);
    hl_ssize_t nkwargs = kwnames ? HL_SIZE(kwnames) : 0;
    HLObject *const *kwstack = args + nargs;
    const char *fname = spec->fname;
    if (nargs + nkwargs > maxargs) {
        /* "keyword" when nargs == 0 avoids misleading messages (bpo-31229). */
        hl_err_format(hl_exc_TypeError, "%s() takes at most %d %sargument%s (%zd given)", fname,
                      maxargs, nargs == 0 ? "keyword " : "", maxargs == 1 ? "" : "s",
                      (ssize_t)(nargs + nkwargs));
        return -1;
    }
    if (nargs > spec->maxpos) {
        if (spec->maxpos == 0)
            hl_err_format(hl_exc_TypeError, "%s() takes no positional arguments", fname);
        else
            hl_err_format(hl_exc_TypeError, "%s() takes %s %d positional argument%s (%zd given)",
                          fname, spec->minpos < spec->maxpos ? "at most" : "exactly", spec->maxpos,
                          spec->maxpos == 1 ? "" : "s", (ssize_t)nargs);
        return -1;
    }
    int minposonly = spec->minpos < spec->posonly ? spec->minpos : spec->posonly;
    if (nargs < minposonly) {
        hl_err_format(hl_exc_TypeError, "%s() takes %s %d positional argument%s (%zd given)", fname,
                      minposonly < spec->maxpos ? "at least" : "exactly", minposonly,
                      minposonly == 1 ? "" : "s", (ssize_t)nargs);
        return -1;
    }
    for (hl_ssize_t i = 0; i < nargs; i++)
        out[i] = args[i];
    for (int i = (int)nargs; i < maxargs; i++) {
        HLObject *current = NULL;
        if (nkwargs && i >= spec->posonly)
            current = find_keyword(kwnames, kwstack, spec->names[i]);
        out[i] = current;
        if (current) {
            --nkwargs;
        } else if (i < spec->minpos) {
            hl_err_format(hl_exc_TypeError, "%s() missing required argument '%s' (pos %d)", fname,
                          spec->names[i], i + 1);
            return -1;
        }
    }
    if (nkwargs > 0) {
        /* Given by name and by position? */
        for (int i = spec->posonly; i < nargs; i++)
            if (find_keyword(kwnames, kwstack, spec->names[i])) {
                hl_err_format(hl_exc_TypeError,
                              "argument for %s() given by name ('%s') and position (%d)", fname,
                              spec->names[i], i + 1);
                return -1;
            }
        /* A name that is no keyword parameter. */
        for (hl_ssize_t k = 0; k < HL_SIZE(kwnames); k++) {
            HLObject *kw = HL_TUPLE_GET(kwnames, k);
            int match = 0;
            for (int i = spec->posonly; i < maxargs && !match; i++)
                match = hl_str_eq_cstr(kw, spec->names[i]);
            if (!match) {
                hl_err_format(hl_exc_TypeError, "'%U' is an invalid keyword argument for %s()", kw,
                              fname);
                return -1;
            }
        }
        hl_err_set_string(hl_exc_TypeError, "invalid keyword arguments");
        return -1;
    }
    return 0;
}

int hl_pack_varargs(HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames,
                    HLObject **argtuple, HLObject **kwargs)
{
    *kwargs = NULL;
    *argtuple = hl_tuple_from_array(args, nargs);
    if (*argtuple == NULL)
        return -1;
    if (kwnames == NULL || HL_SIZE(kwnames) == 0)
        return 0;
    HLObject *d = hl_dict_new();
    for (hl_ssize_t i = 0; d && i < HL_SIZE(kwnames); i++)
        if (hl_dict_set_item(d, HL_TUPLE_GET(kwnames, i), args[nargs + i]) < 0)
            HL_CLEAR(d);
    if (d == NULL) {
        HL_CLEAR(*argtuple);
        return -1;
    }
    *kwargs = d;
    return 0;
}

int hl_as_c_int(HLObject *v, int *out)
{
    HLObject *i = hl_number_index(v);
    if (i == NULL)
        return -1;
    int overflow = 0;
    long x = hl_long_as_long_and_overflow(i, &overflow);
    hl_decref(i);
    if (overflow || x > INT32_MAX || x < INT32_MIN) {
        hl_err_set_string(hl_exc_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    if (x == -1 && hl_err_occurred())
        return -1;
    *out = (int)x;
    return 0;
}
