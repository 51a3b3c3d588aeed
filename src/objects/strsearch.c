/*
 * strsearch.c — substring search for str (CPython's stringlib fastsearch)
 * and the methods built on it: find, rfind, index, rindex, count, `in`,
 * startswith, endswith, partition and rpartition.
 *
 * A needle of m >= 2 characters is searched with the Boyer-Moore-Horspool
 * variant CPython uses (Fredrik Lundh's "fastsearch"): compare the last
 * character of the window first; on a mismatch, a 32-bit bloom mask of the
 * needle's characters tells whether the character just past the window can
 * occur in the needle at all — if not, the window jumps past it, otherwise
 * it shifts by the distance from the needle's last character to its
 * previous occurrence in the needle.  The reverse search mirrors this from
 * the first character.  Counting skips over each match (non-overlapping).
 *
 * Needle and haystack are compared in the haystack's kind: a needle of a
 * wider kind cannot occur (strings are canonical), a narrower one is
 * widened into a scratch copy from pymalloc, as CPython's unicode_askind.
 * Indices follow ADJUST_INDICES: negative ones count from the end, then
 * everything is clipped to the string.
 */
#include "strobject.h"

#include <string.h>

#include "../runtime/errors.h"
#include "../runtime/obmalloc.h"
#include "abstract.h"
#include "longobject.h"
#include "tupleobject.h"

void hl_str_adjust_indices(hl_ssize_t *start, hl_ssize_t *end, hl_ssize_t len)
{
    if (*end > len)
        *end = len;
    else if (*end < 0) {
        *end += len;
        if (*end < 0)
            *end = 0;
    }
    if (*start < 0) {
        *start += len;
        if (*start < 0)
            *start = 0;
    }
}

/* ---------------------------------------------------------------------------
 * fastsearch.
 */
#define BLOOM_BIT(ch) ((uint32_t)1 << ((ch) & 31))

#define DEFINE_FASTSEARCH(NAME, T)                                                           \
    static hl_ssize_t NAME(const T *s, hl_ssize_t n, const T *p, hl_ssize_t m,               \
                           hl_ssize_t maxcount, int mode)                                    \
    {                                                                                        \
        hl_ssize_t count = 0;                                                                \
        if (m > n || m <= 0)                                                                 \
            return mode == HL_FAST_COUNT ? 0 : -1;                                           \
        if (m == 1) {                                                                        \
            T c = p[0];                                                                      \
            if (mode == HL_FAST_SEARCH) {                                                    \
                for (hl_ssize_t i = 0; i < n; i++)                                           \
                    if (s[i] == c)                                                           \
                        return i;                                                            \
                return -1;                                                                   \
            }                                                                                \
            if (mode == HL_FAST_RSEARCH) {                                                   \
                for (hl_ssize_t i = n - 1; i >= 0; i--)                                      \
                    if (s[i] == c)                                                           \
                        return i;                                                            \
                return -1;                                                                   \
            }                                                                                \
            for (hl_ssize_t i = 0; i < n; i++)                                               \
                if (s[i] == c && ++count == maxcount)                                        \
                    break;                                                                   \
            return count;                                                                    \
        }                                                                                    \
        hl_ssize_t w = n - m, mlast = m - 1, skip = mlast;                                   \
        uint32_t mask = 0;                                                                   \
        if (mode != HL_FAST_RSEARCH) {                                                       \
            for (hl_ssize_t i = 0; i < mlast; i++) {                                         \
                mask |= BLOOM_BIT(p[i]);                                                     \
                if (p[i] == p[mlast])                                                        \
                    skip = mlast - i - 1;                                                    \
            }                                                                                \
            mask |= BLOOM_BIT(p[mlast]);                                                     \
            for (hl_ssize_t i = 0; i <= w; i++) {                                            \
                if (s[i + mlast] == p[mlast]) {                                              \
                    hl_ssize_t j = 0;                                                        \
                    while (j < mlast && s[i + j] == p[j])                                    \
                        j++;                                                                 \
                    if (j == mlast) {                                                        \
                        if (mode == HL_FAST_SEARCH)                                          \
                            return i;                                                        \
                        if (++count == maxcount)                                             \
                            return count;                                                    \
                        i += mlast;                                                          \
                        continue;                                                            \
                    }                                                                        \
                    if (i + m < n && !(mask & BLOOM_BIT(s[i + m])))                          \
                        i += m;                                                              \
                    else                                                                     \
                        i += skip;                                                           \
                } else if (i + m < n && !(mask & BLOOM_BIT(s[i + m]))) {                     \
                    i += m;                                                                  \
                }                                                                            \
            }                                                                                \
            return mode == HL_FAST_COUNT ? count : -1;                                       \
        }                                                                                    \
        mask = BLOOM_BIT(p[0]);                                                              \
        for (hl_ssize_t i = mlast; i > 0; i--) {                                             \
            mask |= BLOOM_BIT(p[i]);                                                         \
            if (p[i] == p[0])                                                                \
                skip = i - 1;                                                                \
        }                                                                                    \
        for (hl_ssize_t i = w; i >= 0; i--) {                                                \
            if (s[i] == p[0]) {                                                              \
                hl_ssize_t j = mlast;                                                        \
                while (j > 0 && s[i + j] == p[j])                                            \
                    j--;                                                                     \
                if (j == 0)                                                                  \
                    return i;                                                                \
                if (i > 0 && !(mask & BLOOM_BIT(s[i - 1])))                                  \
                    i -= m;                                                                  \
                else                                                                         \
                    i -= skip;                                                               \
            } else if (i > 0 && !(mask & BLOOM_BIT(s[i - 1]))) {                             \
                i -= m;                                                                      \
            }                                                                                \
        }                                                                                    \
        return -1;                                                                           \
    }

DEFINE_FASTSEARCH(fastsearch_ucs1, uint8_t)
DEFINE_FASTSEARCH(fastsearch_ucs2, uint16_t)
DEFINE_FASTSEARCH(fastsearch_ucs4, uint32_t)

hl_ssize_t hl_fastsearch(unsigned kind, const void *s, hl_ssize_t n, const void *p, hl_ssize_t m,
                         hl_ssize_t maxcount, int mode)
{
    if (kind == 1)
        return fastsearch_ucs1(s, n, p, m, maxcount, mode);
    if (kind == 2)
        return fastsearch_ucs2(s, n, p, m, maxcount, mode);
    return fastsearch_ucs4(s, n, p, m, maxcount, mode);
}

/* The needle's characters in the haystack's kind: its own data when the
 * kinds agree, else a widened copy in *tmp (pymalloc, as CPython's
 * unicode_askind); NULL + MemoryError on failure. */
static const void *needle_as_kind(HLObject *sub, unsigned kind, void **tmp)
{
    unsigned sk = HL_STR_KIND(sub);
    *tmp = NULL;
    if (sk == kind)
        return HL_STR_DATA(sub);
    hl_ssize_t m = HL_STR_LEN(sub);
    void *buf = hl_mem_malloc((size_t)(m ? m : 1) * kind);
    if (buf == NULL) {
        hl_err_nomemory();
        return NULL;
    }
    for (hl_ssize_t i = 0; i < m; i++) {
        uint32_t ch = hl_str_read(sk, HL_STR_DATA(sub), i);
        if (kind == 2)
            ((uint16_t *)buf)[i] = (uint16_t)ch;
        else
            ((uint32_t *)buf)[i] = ch;
    }
    *tmp = buf;
    return buf;
}

/* Searches sub in s[start:end] (already adjusted); returns the absolute
 * index, -1, or -2 on error. */
hl_ssize_t hl_str_search_in(HLObject *s, HLObject *sub, hl_ssize_t start, hl_ssize_t end, int mode,
                            hl_ssize_t maxcount)
{
    unsigned kind = HL_STR_KIND(s);
    void *tmp;
    const void *p = needle_as_kind(sub, kind, &tmp);
    if (p == NULL)
        return -2;
    hl_ssize_t r = hl_fastsearch(kind, (const char *)HL_STR_DATA(s) + start * kind, end - start, p,
                                 HL_STR_LEN(sub), maxcount, mode);
    hl_mem_free(tmp);
    if (mode != HL_FAST_COUNT && r >= 0)
        r += start;
    return r;
}

/* any_find_slice */
hl_ssize_t hl_str_find(HLObject *s, HLObject *sub, hl_ssize_t start, hl_ssize_t end, int direction)
{
    if (HL_STR_KIND(s) < HL_STR_KIND(sub))
        return -1;
    hl_ssize_t len = HL_STR_LEN(s), m = HL_STR_LEN(sub);
    hl_str_adjust_indices(&start, &end, len);
    if (end - start < m)
        return -1;
    if (m == 0)
        return direction > 0 ? start : end;
    return hl_str_search_in(s, sub, start, end, direction > 0 ? HL_FAST_SEARCH : HL_FAST_RSEARCH, -1);
}

hl_ssize_t hl_str_count(HLObject *s, HLObject *sub, hl_ssize_t start, hl_ssize_t end,
                        hl_ssize_t maxcount)
{
    if (HL_STR_KIND(s) < HL_STR_KIND(sub))
        return 0;
    hl_ssize_t len = HL_STR_LEN(s), m = HL_STR_LEN(sub);
    hl_str_adjust_indices(&start, &end, len);
    if (end - start < m)
        return 0;
    if (m == 0)
        return end - start < maxcount ? end - start + 1 : maxcount;
    return hl_str_search_in(s, sub, start, end, HL_FAST_COUNT, maxcount);
}

int hl_str_contains(HLObject *s, HLObject *sub)
{
    if (!hl_str_check(sub)) {
        hl_err_format(hl_exc_TypeError, "'in <string>' requires string as left operand, not %s",
                      HL_TYPE(sub)->tp_name);
        return -1;
    }
    hl_ssize_t r = hl_str_find(s, sub, 0, HL_SSIZE_T_MAX, 1);
    return r == -2 ? -1 : r >= 0;
}

/* ---------------------------------------------------------------------------
 * The methods.  find & co. parse their arguments like PyArg_ParseTuple
 * ("O|OO:find"); start and end are slice indices.
 */
static int no_kwnames(const char *name, HLObject *kwnames)
{
    if (kwnames != NULL && HL_SIZE(kwnames) > 0) {
        hl_err_format(hl_exc_TypeError, "str.%s() takes no keyword arguments", name);
        return -1;
    }
    return 0;
}

/* PyArg_ParseTuple's count check (find, count, startswith, ...). */
static int check_getargs(const char *name, hl_ssize_t nargs, HLObject *kwnames, hl_ssize_t min,
                         hl_ssize_t max)
{
    if (no_kwnames(name, kwnames) < 0)
        return -1;
    if (nargs < min || nargs > max) {
        hl_ssize_t k = nargs < min ? min : max;
        hl_err_format(hl_exc_TypeError, "%s() takes %s %zd argument%s (%zd given)", name,
                      min == max ? "exactly" : nargs < min ? "at least" : "at most", k,
                      k == 1 ? "" : "s", nargs);
        return -1;
    }
    return 0;
}

/* A slice index (_PyEval_SliceIndex): None keeps the default, huge values
 * are clamped. */
static int arg_slice_index(HLObject *o, hl_ssize_t *out)
{
    if (o == NULL || o == HL_None)
        return 0;
    if (!hl_index_check(o)) {
        hl_err_set_string(hl_exc_TypeError,
                          "slice indices must be integers or None or have an __index__ method");
        return -1;
    }
    hl_ssize_t v = hl_number_as_ssize(o, NULL);
    if (v == -1 && hl_err_occurred())
        return -1;
    *out = v;
    return 0;
}

/* sub [, start [, end]] for find/count/index & co. */
static int parse_find_args(const char *name, HLObject *const *args, hl_ssize_t nargs,
                           HLObject *kwnames, HLObject **sub, hl_ssize_t *start, hl_ssize_t *end)
{
    if (check_getargs(name, nargs, kwnames, 1, 3) < 0)
        return -1;
    *start = 0;
    *end = HL_SSIZE_T_MAX;
    if (nargs > 1 && arg_slice_index(args[1], start) < 0)
        return -1;
    if (nargs > 2 && arg_slice_index(args[2], end) < 0)
        return -1;
    *sub = args[0];
    return 0;
}

static int require_str(HLObject *o)
{
    if (!hl_str_check(o)) {
        hl_err_format(hl_exc_TypeError, "must be str, not %s", HL_TYPE(o)->tp_name);
        return -1;
    }
    return 0;
}

static HLObject *find_common(const char *name, HLObject *self, HLObject *const *args,
                             hl_ssize_t nargs, HLObject *kwnames, int direction, int raise)
{
    HLObject *sub;
    hl_ssize_t start, end;
    if (parse_find_args(name, args, nargs, kwnames, &sub, &start, &end) < 0 || require_str(sub) < 0)
        return NULL;
    hl_ssize_t r = hl_str_find(self, sub, start, end, direction);
    if (r == -2)
        return NULL;
    if (r == -1 && raise) {
        hl_err_set_string(hl_exc_ValueError, "substring not found");
        return NULL;
    }
    return hl_long_from_ssize(r);
}

HLObject *hl_str_m_find(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    return find_common("find", self, args, nargs, kw, 1, 0);
}
HLObject *hl_str_m_rfind(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    return find_common("rfind", self, args, nargs, kw, -1, 0);
}
HLObject *hl_str_m_index(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    return find_common("index", self, args, nargs, kw, 1, 1);
}
HLObject *hl_str_m_rindex(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    return find_common("rindex", self, args, nargs, kw, -1, 1);
}

HLObject *hl_str_m_count(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    HLObject *sub;
    hl_ssize_t start, end;
    if (parse_find_args("count", args, nargs, kw, &sub, &start, &end) < 0 || require_str(sub) < 0)
        return NULL;
    hl_ssize_t r = hl_str_count(self, sub, start, end, HL_SSIZE_T_MAX);
    return r < 0 ? NULL : hl_long_from_ssize(r);
}

/* tailmatch: whether sub occurs at the start (direction < 0) or the end of
 * s[start:end]. */
int hl_str_tailmatch(HLObject *s, HLObject *sub, hl_ssize_t start, hl_ssize_t end, int direction)
{
    hl_ssize_t m = HL_STR_LEN(sub);
    hl_str_adjust_indices(&start, &end, HL_STR_LEN(s));
    end -= m;
    if (end < start)
        return 0;
    if (m == 0)
        return 1;
    hl_ssize_t off = direction < 0 ? start : end;
    unsigned ks = HL_STR_KIND(s), kp = HL_STR_KIND(sub);
    const void *ds = HL_STR_DATA(s), *dp = HL_STR_DATA(sub);
    if (ks == kp)
        return memcmp((const char *)ds + off * ks, dp, (size_t)m * ks) == 0;
    for (hl_ssize_t i = 0; i < m; i++)
        if (hl_str_read(ks, ds, off + i) != hl_str_read(kp, dp, i))
            return 0;
    return 1;
}

static HLObject *startsendswith(const char *name, HLObject *self, HLObject *const *args,
                                hl_ssize_t nargs, HLObject *kwnames, int direction)
{
    HLObject *sub;
    hl_ssize_t start, end;
    if (parse_find_args(name, args, nargs, kwnames, &sub, &start, &end) < 0)
        return NULL;
    if (hl_tuple_check(sub)) {
        for (hl_ssize_t i = 0; i < HL_SIZE(sub); i++) {
            HLObject *item = HL_TUPLE_GET(sub, i);
            if (!hl_str_check(item))
                return hl_err_format(hl_exc_TypeError, "tuple for %s must only contain str, not %s",
                                     name, HL_TYPE(item)->tp_name);
            if (hl_str_tailmatch(self, item, start, end, direction))
                return hl_bool_from_long(1);
        }
        return hl_bool_from_long(0);
    }
    if (!hl_str_check(sub))
        return hl_err_format(hl_exc_TypeError, "%s first arg must be str or a tuple of str, not %s",
                             name, HL_TYPE(sub)->tp_name);
    return hl_bool_from_long(hl_str_tailmatch(self, sub, start, end, direction));
}

HLObject *hl_str_m_startswith(HLObject *self, HLObject *const *args, hl_ssize_t n, HLObject *kw)
{
    return startsendswith("startswith", self, args, n, kw, -1);
}
HLObject *hl_str_m_endswith(HLObject *self, HLObject *const *args, hl_ssize_t n, HLObject *kw)
{
    return startsendswith("endswith", self, args, n, kw, 1);
}

/* ---------------------------------------------------------------------------
 * partition, rpartition.
 */
static HLObject *partition_common(HLObject *self, HLObject *sep, int reverse)
{
    if (!hl_str_check(sep))
        return hl_err_format(hl_exc_TypeError, "must be str, not %s", HL_TYPE(sep)->tp_name);
    hl_ssize_t n = HL_STR_LEN(self), m = HL_STR_LEN(sep);
    if (HL_STR_KIND(self) < HL_STR_KIND(sep) || n < m) {
        HLObject *e = hl_str_empty();
        HLObject *t = reverse ? hl_tuple_pack(3, e, e, self) : hl_tuple_pack(3, self, e, e);
        hl_decref(e);
        return t;
    }
    if (m == 0) {
        hl_err_set_string(hl_exc_ValueError, "empty separator");
        return NULL;
    }
    hl_ssize_t pos = hl_str_search_in(self, sep, 0, n, reverse ? HL_FAST_RSEARCH : HL_FAST_SEARCH, -1);
    if (pos == -2)
        return NULL;
    HLObject *out = hl_tuple_new(3);
    if (out == NULL)
        return NULL;
    if (pos < 0) {
        HL_TUPLE_SET(out, reverse ? 2 : 0, hl_newref(self));
        HL_TUPLE_SET(out, 1, hl_str_empty());
        HL_TUPLE_SET(out, reverse ? 0 : 2, hl_str_empty());
        return out;
    }
    /* The tuple first, then the pieces: CPython's allocation order. */
    unsigned kind = HL_STR_KIND(self);
    const char *d = HL_STR_DATA(self);
    HLObject *a = hl_str_new_narrow(kind, d, pos);
    HLObject *c = a ? hl_str_new_narrow(kind, d + (pos + m) * kind, n - pos - m) : NULL;
    HL_TUPLE_SET(out, 0, a ? a : hl_str_empty());
    HL_TUPLE_SET(out, 1, hl_newref(sep));
    HL_TUPLE_SET(out, 2, c ? c : hl_str_empty());
    if (c == NULL) {
        hl_decref(out);
        return NULL;
    }
    return out;
}

HLObject *hl_str_m_partition(HLObject *self, HLObject *const *args, hl_ssize_t n, HLObject *kw)
{
    return partition_common(self, args[0], 0);
}
HLObject *hl_str_m_rpartition(HLObject *self, HLObject *const *args, hl_ssize_t n, HLObject *kw)
{
    return partition_common(self, args[0], 1);
}

