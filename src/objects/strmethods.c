/*
 * strmethods.c — the methods of str: splitting, stripping, replacing,
 * joining, padding, case mapping, the isX() predicates, translate and the
 * method table, with CPython 3.11's results, error messages — and object
 * identities, which `is` and sys.getrefcount make visible:
 *
 *   - when nothing changes, most methods return the string itself
 *     (unicode_result_unchanged): s.strip() is s, s.replace('x', 'y') is s,
 *     s.center(1) is s; ''.join([s]) is s;
 *   - split() and friends put the string itself in the list when it has no
 *     separator at all, and preallocate the list for 12 items (MAX_PREALLOC)
 *     then shrink its size, so sys.getsizeof('a b'.split()) is 76 on 32-bit;
 *   - substrings go through the narrow-copy helpers, so one-character
 *     Latin-1 pieces are the singletons, while results built in a fresh
 *     buffer (upper(), replace(), a general slice) are new objects even of
 *     length one — exactly where CPython calls PyUnicode_New directly.
 *
 * Searching (fastsearch) and the methods that only search (find, index,
 * count, startswith, endswith, partition) live in strsearch.c.
 *
 * Case mapping follows case_operation: characters are mapped with the full
 * (one-to-many) mappings of unicodectype.c into a scratch array of 3 code
 * points per character, from pymalloc as CPython's PyMem_Malloc, then copied
 * into a string of the exact length and kind.  Capital sigma lowers to final
 * sigma at the end of a cased word (handle_capital_sigma).
 */
#include "strobject.h"

#include <string.h>

#include "../runtime/errors.h"
#include "../runtime/obmalloc.h"
#include "abstract.h"
#include "dictobject.h"
#include "listobject.h"
#include "longobject.h"
#include "tupleobject.h"
#include "unicodectype.h"

#define MAX_UNICODE 0x10FFFFu
#define MAX_PREALLOC 12 /* split()'s initial list size (stringlib/split.h) */

/* ---------------------------------------------------------------------------
 * Argument helpers with CPython's messages.
 */
static int no_kwnames(const char *name, HLObject *kwnames)
{
    if (kwnames != NULL && HL_SIZE(kwnames) > 0) {
        hl_err_format(hl_exc_TypeError, "str.%s() takes no keyword arguments", name);
        return -1;
    }
    return 0;
}

/* Argument Clinic's _PyArg_CheckPositional. */
static int check_positional(const char *name, hl_ssize_t nargs, HLObject *kwnames, hl_ssize_t min,
                            hl_ssize_t max)
{
    if (no_kwnames(name, kwnames) < 0)
        return -1;
    if (nargs < min) {
        hl_err_format(hl_exc_TypeError, "%s expected %s%zd argument%s, got %zd", name,
                      min == max ? "" : "at least ", min, min == 1 ? "" : "s", nargs);
        return -1;
    }
    if (nargs > max) {
        hl_err_format(hl_exc_TypeError, "%s expected %s%zd argument%s, got %zd", name,
                      min == max ? "" : "at most ", max, max == 1 ? "" : "s", nargs);
        return -1;
    }
    return 0;
}

/* Argument Clinic's _PyArg_UnpackKeywords for methods whose parameters may
 * all be given by name: fills out[0..nparams) (NULL = not given). */
static int unpack_keywords(const char *name, HLObject *const *args, hl_ssize_t nargs,
                           HLObject *kwnames, const char *const *params, int nparams,
                           HLObject **out)
{
    hl_ssize_t nkw = kwnames ? HL_SIZE(kwnames) : 0;
    if (nargs + nkw > nparams) {
        hl_err_format(hl_exc_TypeError, "%s() takes at most %d %sargument%s (%zd given)", name,
                      nparams, nargs == 0 ? "keyword " : "", nparams == 1 ? "" : "s", nargs + nkw);
        return -1;
    }
    for (int i = 0; i < nparams; i++)
        out[i] = i < nargs ? args[i] : NULL;
    hl_ssize_t used = 0;
    for (int i = (int)nargs; i < nparams; i++)
        for (hl_ssize_t k = 0; k < nkw; k++)
            if (hl_str_eq_cstr(HL_TUPLE_GET(kwnames, k), params[i])) {
                out[i] = args[nargs + k];
                used++;
            }
    if (used == nkw)
        return 0;
    for (hl_ssize_t k = 0; k < nkw; k++) {
        HLObject *kw = HL_TUPLE_GET(kwnames, k);
        for (int i = 0; i < nargs; i++)
            if (hl_str_eq_cstr(kw, params[i])) {
                hl_err_format(hl_exc_TypeError,
                              "argument for %s() given by name ('%s') and position (%d)", name,
                              params[i], i + 1);
                return -1;
            }
        int known = 0;
        for (int i = 0; i < nparams; i++)
            known |= hl_str_eq_cstr(kw, params[i]);
        if (!known) {
            hl_err_format(hl_exc_TypeError, "'%U' is an invalid keyword argument for %s()", kw, name);
            return -1;
        }
    }
    return 0;
}

/* A Py_ssize_t argument (Argument Clinic: __index__, then
 * PyLong_AsSsize_t). */
static int arg_ssize(HLObject *o, hl_ssize_t *out)
{
    HLObject *idx = hl_number_index(o);
    if (idx == NULL)
        return -1;
    hl_ssize_t v = hl_long_as_ssize(idx);
    hl_decref(idx);
    if (v == -1 && hl_err_occurred())
        return -1;
    *out = v;
    return 0;
}

/* The type name in Argument Clinic's "must be str, not X" messages. */
static const char *clinic_name(HLObject *o)
{
    return o == HL_None ? "None" : HL_TYPE(o)->tp_name;
}

/* An int argument (_PyLong_AsInt). */
static int arg_int(HLObject *o, int *out)
{
    HLObject *idx = hl_number_index(o);
    if (idx == NULL)
        return -1;
    int overflow = 0;
    long v = hl_long_as_long_and_overflow(idx, &overflow);
    hl_decref(idx);
    if (overflow || v > 2147483647L || v < -2147483647L - 1) {
        hl_err_set_string(hl_exc_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    if (v == -1 && hl_err_occurred())
        return -1;
    *out = (int)v;
    return 0;
}

/* ---------------------------------------------------------------------------
 * split, rsplit, splitlines.
 */
static int is_space(uint32_t ch)
{
    if (ch < 128)
        return (ch >= 9 && ch <= 13) || (ch >= 28 && ch <= 32);
    return hl_unicode_isspace(ch);
}

/* The list being built: preallocated slots first, then appends. */
typedef struct {
    HLObject *list;
    hl_ssize_t count;
} splitlist;

static int splitlist_init(splitlist *sl, hl_ssize_t maxcount)
{
    sl->count = 0;
    sl->list = hl_list_new(maxcount >= MAX_PREALLOC ? MAX_PREALLOC : maxcount + 1);
    return sl->list ? 0 : -1;
}

/* Adds item (stolen). */
static int splitlist_add_obj(splitlist *sl, HLObject *item)
{
    if (item == NULL)
        return -1;
    if (sl->count < MAX_PREALLOC) {
        HL_LIST_SET(sl->list, sl->count, item);
    } else {
        int r = hl_list_append(sl->list, item);
        hl_decref(item);
        if (r < 0)
            return -1;
    }
    sl->count++;
    return 0;
}

static int splitlist_add(splitlist *sl, HLObject *s, hl_ssize_t i, hl_ssize_t j)
{
    unsigned kind = HL_STR_KIND(s);
    return splitlist_add_obj(sl, hl_str_new_narrow(kind, (const char *)HL_STR_DATA(s) + i * kind, j - i));
}

/* FIX_PREALLOC_SIZE, optionally reversing for the rsplit family. */
static HLObject *splitlist_finish(splitlist *sl, int reverse)
{
    HL_SIZE(sl->list) = sl->count;
    if (reverse) {
        HLObject **items = HL_LIST_ITEMS(sl->list);
        for (hl_ssize_t i = 0, j = sl->count - 1; i < j; i++, j--) {
            HLObject *t = items[i];
            items[i] = items[j];
            items[j] = t;
        }
    }
    return sl->list;
}

static HLObject *splitlist_fail(splitlist *sl)
{
    if (sl->list) {
        HL_SIZE(sl->list) = sl->count;
        hl_decref(sl->list);
    }
    return NULL;
}

#define RD(i) hl_str_read(kind, d, (i))

static HLObject *split_whitespace(HLObject *s, hl_ssize_t maxcount)
{
    unsigned kind = HL_STR_KIND(s);
    const void *d = HL_STR_DATA(s);
    hl_ssize_t n = HL_STR_LEN(s), i = 0, j;
    splitlist sl;
    if (splitlist_init(&sl, maxcount) < 0)
        return NULL;
    while (maxcount-- > 0) {
        while (i < n && is_space(RD(i)))
            i++;
        if (i == n)
            break;
        j = i++;
        while (i < n && !is_space(RD(i)))
            i++;
        if (j == 0 && i == n && hl_str_check_exact(s)) {
            /* No whitespace at all: the string itself is the only item. */
            if (splitlist_add_obj(&sl, hl_newref(s)) < 0)
                return splitlist_fail(&sl);
            break;
        }
        if (splitlist_add(&sl, s, j, i) < 0)
            return splitlist_fail(&sl);
    }
    if (i < n) { /* maxcount reached: the rest, less leading whitespace */
        while (i < n && is_space(RD(i)))
            i++;
        if (i != n && splitlist_add(&sl, s, i, n) < 0)
            return splitlist_fail(&sl);
    }
    return splitlist_finish(&sl, 0);
}

static HLObject *rsplit_whitespace(HLObject *s, hl_ssize_t maxcount)
{
    unsigned kind = HL_STR_KIND(s);
    const void *d = HL_STR_DATA(s);
    hl_ssize_t n = HL_STR_LEN(s), i = n - 1, j;
    splitlist sl;
    if (splitlist_init(&sl, maxcount) < 0)
        return NULL;
    while (maxcount-- > 0) {
        while (i >= 0 && is_space(RD(i)))
            i--;
        if (i < 0)
            break;
        j = i--;
        while (i >= 0 && !is_space(RD(i)))
            i--;
        if (j == n - 1 && i < 0 && hl_str_check_exact(s)) {
            if (splitlist_add_obj(&sl, hl_newref(s)) < 0)
                return splitlist_fail(&sl);
            break;
        }
        if (splitlist_add(&sl, s, i + 1, j + 1) < 0)
            return splitlist_fail(&sl);
    }
    if (i >= 0) {
        while (i >= 0 && is_space(RD(i)))
            i--;
        if (i >= 0 && splitlist_add(&sl, s, 0, i + 1) < 0)
            return splitlist_fail(&sl);
    }
    return splitlist_finish(&sl, 1);
}

static HLObject *split_sep(HLObject *s, HLObject *sep, hl_ssize_t maxcount, int reverse)
{
    hl_ssize_t n = HL_STR_LEN(s), m = HL_STR_LEN(sep);
    if (HL_STR_KIND(s) < HL_STR_KIND(sep) || n < m) {
        HLObject *out = hl_list_new(1);
        if (out != NULL)
            HL_LIST_SET(out, 0, hl_newref(s));
        return out;
    }
    if (m == 0) {
        hl_err_set_string(hl_exc_ValueError, "empty separator");
        return NULL;
    }
    splitlist sl;
    if (splitlist_init(&sl, maxcount) < 0)
        return NULL;
    if (!reverse) {
        hl_ssize_t i = 0;
        while (maxcount-- > 0) {
            hl_ssize_t pos = hl_str_search_in(s, sep, i, n, HL_FAST_SEARCH, -1);
            if (pos == -2)
                return splitlist_fail(&sl);
            if (pos < 0)
                break;
            if (splitlist_add(&sl, s, i, pos) < 0)
                return splitlist_fail(&sl);
            i = pos + m;
        }
        if (sl.count == 0 && hl_str_check_exact(s)) {
            if (splitlist_add_obj(&sl, hl_newref(s)) < 0)
                return splitlist_fail(&sl);
        } else if (splitlist_add(&sl, s, i, n) < 0) {
            return splitlist_fail(&sl);
        }
        return splitlist_finish(&sl, 0);
    }
    hl_ssize_t j = n;
    while (maxcount-- > 0) {
        hl_ssize_t pos = hl_str_search_in(s, sep, 0, j, HL_FAST_RSEARCH, -1);
        if (pos == -2)
            return splitlist_fail(&sl);
        if (pos < 0)
            break;
        if (splitlist_add(&sl, s, pos + m, j) < 0)
            return splitlist_fail(&sl);
        j = pos;
    }
    if (sl.count == 0 && hl_str_check_exact(s)) {
        if (splitlist_add_obj(&sl, hl_newref(s)) < 0)
            return splitlist_fail(&sl);
    } else if (splitlist_add(&sl, s, 0, j) < 0) {
        return splitlist_fail(&sl);
    }
    return splitlist_finish(&sl, 1);
}

HLObject *hl_str_split(HLObject *s, HLObject *sep, hl_ssize_t maxsplit)
{
    if (maxsplit < 0)
        maxsplit = HL_SSIZE_T_MAX;
    if (sep == NULL)
        return split_whitespace(s, maxsplit);
    return split_sep(s, sep, maxsplit, 0);
}

static HLObject *split_common(const char *name, HLObject *self, HLObject *const *args,
                              hl_ssize_t nargs, HLObject *kwnames, int reverse)
{
    static const char *const params[] = {"sep", "maxsplit"};
    HLObject *a[2];
    if (unpack_keywords(name, args, nargs, kwnames, params, 2, a) < 0)
        return NULL;
    HLObject *sep = a[0] == HL_None ? NULL : a[0];
    hl_ssize_t maxsplit = -1;
    if (sep != NULL && !hl_str_check(sep))
        return hl_err_format(hl_exc_TypeError, "must be str or None, not %s", HL_TYPE(sep)->tp_name);
    if (a[1] != NULL && arg_ssize(a[1], &maxsplit) < 0)
        return NULL;
    if (maxsplit < 0)
        maxsplit = HL_SSIZE_T_MAX;
    if (sep == NULL)
        return reverse ? rsplit_whitespace(self, maxsplit) : split_whitespace(self, maxsplit);
    return split_sep(self, sep, maxsplit, reverse);
}

static HLObject *str_split(HLObject *self, HLObject *const *args, hl_ssize_t n, HLObject *kw)
{
    return split_common("split", self, args, n, kw, 0);
}
static HLObject *str_rsplit(HLObject *self, HLObject *const *args, hl_ssize_t n, HLObject *kw)
{
    return split_common("rsplit", self, args, n, kw, 1);
}

static int is_linebreak(uint32_t ch)
{
    if (ch < 128)
        return (ch >= 10 && ch <= 13) || (ch >= 28 && ch <= 30);
    return hl_unicode_islinebreak(ch);
}

static HLObject *str_splitlines(HLObject *self, HLObject *const *args, hl_ssize_t nargs,
                                HLObject *kwnames)
{
    static const char *const params[] = {"keepends"};
    HLObject *a[1];
    int keepends = 0;
    if (unpack_keywords("splitlines", args, nargs, kwnames, params, 1, a) < 0)
        return NULL;
    if (a[0] != NULL && arg_int(a[0], &keepends) < 0)
        return NULL;
    unsigned kind = HL_STR_KIND(self);
    const void *d = HL_STR_DATA(self);
    hl_ssize_t n = HL_STR_LEN(self), i = 0, j = 0;
    HLObject *list = hl_list_new(0);
    if (list == NULL)
        return NULL;
    while (i < n) {
        while (i < n && !is_linebreak(RD(i)))
            i++;
        hl_ssize_t eol = i;
        if (i < n) {
            if (RD(i) == '\r' && i + 1 < n && RD(i + 1) == '\n')
                i += 2;
            else
                i++;
            if (keepends)
                eol = i;
        }
        if (j == 0 && eol == n && hl_str_check_exact(self)) {
            if (hl_list_append(list, self) < 0)
                goto fail;
            break;
        }
        HLObject *line = hl_str_new_narrow(kind, (const char *)d + j * kind, eol - j);
        if (line == NULL)
            goto fail;
        int r = hl_list_append(list, line);
        hl_decref(line);
        if (r < 0)
            goto fail;
        j = i;
    }
    return list;
fail:
    hl_decref(list);
    return NULL;
}

/* ---------------------------------------------------------------------------
 * strip, lstrip, rstrip.
 */
#define LEFTSTRIP 0
#define RIGHTSTRIP 1
#define BOTHSTRIP 2

static int in_chars(HLObject *chars, uint32_t ch)
{
    unsigned k = HL_STR_KIND(chars);
    const void *d = HL_STR_DATA(chars);
    for (hl_ssize_t i = 0; i < HL_STR_LEN(chars); i++)
        if (hl_str_read(k, d, i) == ch)
            return 1;
    return 0;
}

static HLObject *do_strip(const char *name, HLObject *self, HLObject *const *args,
                          hl_ssize_t nargs, HLObject *kwnames, int type)
{
    if (check_positional(name, nargs, kwnames, 0, 1) < 0)
        return NULL;
    HLObject *chars = nargs > 0 && args[0] != HL_None ? args[0] : NULL;
    if (chars != NULL && !hl_str_check(chars))
        return hl_err_format(hl_exc_TypeError, "%s arg must be None or str", name);
    unsigned kind = HL_STR_KIND(self);
    const void *d = HL_STR_DATA(self);
    hl_ssize_t n = HL_STR_LEN(self), i = 0, j = n;
#define STRIPPABLE(ch) (chars ? in_chars(chars, (ch)) : is_space(ch))
    if (type != RIGHTSTRIP)
        while (i < n && STRIPPABLE(RD(i)))
            i++;
    if (type != LEFTSTRIP) {
        j--;
        while (j >= i && STRIPPABLE(RD(j)))
            j--;
        j++;
    }
#undef STRIPPABLE
    return hl_str_substring(self, i, j);
}

static HLObject *str_strip(HLObject *self, HLObject *const *args, hl_ssize_t n, HLObject *kw)
{
    return do_strip("strip", self, args, n, kw, BOTHSTRIP);
}
static HLObject *str_lstrip(HLObject *self, HLObject *const *args, hl_ssize_t n, HLObject *kw)
{
    return do_strip("lstrip", self, args, n, kw, LEFTSTRIP);
}
static HLObject *str_rstrip(HLObject *self, HLObject *const *args, hl_ssize_t n, HLObject *kw)
{
    return do_strip("rstrip", self, args, n, kw, RIGHTSTRIP);
}

/* ---------------------------------------------------------------------------
 * replace (CPython's replace()).
 */

/* unicode_adjust_maxchar: replacing may remove the widest characters. */
static HLObject *adjust_maxchar(HLObject *u)
{
    if (HL_STR_IS_ASCII(u))
        return u;
    unsigned kind = HL_STR_KIND(u);
    uint32_t m = hl_str_find_max_char(u, 0, HL_STR_LEN(u));
    if ((kind == 1 && m >= 128) || (kind == 2 && m >= 256) || (kind == 4 && m >= 0x10000))
        return u;
    HLObject *copy = hl_str_new(HL_STR_LEN(u), m);
    if (copy != NULL)
        hl_str_copy_chars(copy, 0, u, 0, HL_STR_LEN(u));
    hl_decref(u);
    return copy;
}

static void write_char(HLObject *u, hl_ssize_t i, uint32_t ch)
{
    void *d = HL_STR_DATA(u);
    switch (HL_STR_KIND(u)) {
    case 1: ((uint8_t *)d)[i] = (uint8_t)ch; break;
    case 2: ((uint16_t *)d)[i] = (uint16_t)ch; break;
    default: ((uint32_t *)d)[i] = ch; break;
    }
}

static HLObject *replace(HLObject *self, HLObject *str1, HLObject *str2, hl_ssize_t maxcount)
{
    hl_ssize_t slen = HL_STR_LEN(self), len1 = HL_STR_LEN(str1), len2 = HL_STR_LEN(str2);
    if (maxcount < 0)
        maxcount = HL_SSIZE_T_MAX;
    else if (maxcount == 0 || slen < len1)
        return hl_str_from_object(self);
    if (str1 == str2 || HL_STR_KIND(str1) > HL_STR_KIND(self))
        return hl_str_from_object(self);
    uint32_t maxchar = HL_STR_MAX_CHAR_VALUE(self), maxchar2 = HL_STR_MAX_CHAR_VALUE(str2);
    int mayshrink = maxchar2 < maxchar;
    if (maxchar2 > maxchar)
        maxchar = maxchar2;
    HLObject *u;
    if (len1 == len2) {
        if (len1 == 0)
            return hl_str_from_object(self);
        hl_ssize_t i = hl_str_find(self, str1, 0, slen, 1);
        if (i == -2)
            return NULL;
        if (i < 0)
            return hl_str_from_object(self);
        u = hl_str_new(slen, maxchar);
        if (u == NULL)
            return NULL;
        hl_str_copy_chars(u, 0, self, 0, slen);
        while (1) {
            hl_str_copy_chars(u, i, str2, 0, len2);
            i += len1;
            if (--maxcount <= 0)
                break;
            i = hl_str_find(self, str1, i, slen, 1);
            if (i == -2) {
                hl_decref(u);
                return NULL;
            }
            if (i < 0)
                break;
        }
    } else {
        hl_ssize_t n = hl_str_count(self, str1, 0, slen, maxcount);
        if (n < 0)
            return NULL;
        if (n == 0)
            return hl_str_from_object(self);
        if (len2 > len1 && n > (HL_SSIZE_T_MAX - slen) / (len2 - len1)) {
            hl_err_set_string(hl_exc_OverflowError, "replace string is too long");
            return NULL;
        }
        hl_ssize_t new_size = slen + n * (len2 - len1);
        if (new_size == 0)
            return hl_str_empty();
        u = hl_str_new(new_size, maxchar);
        if (u == NULL)
            return NULL;
        hl_ssize_t i = 0, o = 0;
        if (len1 > 0) {
            while (n-- > 0) {
                hl_ssize_t j = hl_str_find(self, str1, i, slen, 1);
                if (j == -2) {
                    hl_decref(u);
                    return NULL;
                }
                if (j < 0)
                    break;
                hl_str_copy_chars(u, o, self, i, j - i);
                o += j - i;
                hl_str_copy_chars(u, o, str2, 0, len2);
                o += len2;
                i = j + len1;
            }
            hl_str_copy_chars(u, o, self, i, slen - i);
        } else {
            /* Empty pattern: str2 before each of the first n characters. */
            while (n > 0) {
                hl_str_copy_chars(u, o, str2, 0, len2);
                o += len2;
                if (--n <= 0)
                    break;
                write_char(u, o++, hl_str_read_char(self, i++));
            }
            hl_str_copy_chars(u, o, self, i, slen - i);
        }
    }
    return mayshrink ? adjust_maxchar(u) : u;
}

static HLObject *str_replace(HLObject *self, HLObject *const *args, hl_ssize_t nargs,
                             HLObject *kwnames)
{
    if (check_positional("replace", nargs, kwnames, 2, 3) < 0)
        return NULL;
    for (int i = 0; i < 2; i++)
        if (!hl_str_check(args[i]))
            return hl_err_format(hl_exc_TypeError, "replace() argument %d must be str, not %s",
                                 i + 1, clinic_name(args[i]));
    hl_ssize_t count = -1;
    if (nargs > 2 && arg_ssize(args[2], &count) < 0)
        return NULL;
    return replace(self, args[0], args[1], count);
}

/* ---------------------------------------------------------------------------
 * join.
 */
HLObject *hl_str_join_array(HLObject *sep, HLObject *const *items, hl_ssize_t n)
{
    if (n == 0)
        return hl_str_empty();
    if (n == 1 && hl_str_check_exact(items[0]))
        return hl_newref(items[0]);
    HLObject *own_sep = NULL;
    hl_ssize_t seplen = 0;
    uint32_t maxchar = 0;
    if (n > 1) {
        if (sep == NULL) {
            sep = own_sep = hl_str_from_char(' ');
        } else if (!hl_str_check(sep)) {
            return hl_err_format(hl_exc_TypeError, "separator: expected str instance, %s found",
                                 HL_TYPE(sep)->tp_name);
        }
        seplen = HL_STR_LEN(sep);
        maxchar = HL_STR_MAX_CHAR_VALUE(sep);
    }
    hl_ssize_t sz = 0;
    for (hl_ssize_t i = 0; i < n; i++) {
        HLObject *item = items[i];
        if (!hl_str_check(item)) {
            hl_xdecref(own_sep);
            return hl_err_format(hl_exc_TypeError, "sequence item %zd: expected str instance, %s found",
                                 i, HL_TYPE(item)->tp_name);
        }
        hl_ssize_t add = HL_STR_LEN(item) + (i ? seplen : 0);
        uint32_t m = HL_STR_MAX_CHAR_VALUE(item);
        if (m > maxchar)
            maxchar = m;
        if (add > HL_SSIZE_T_MAX - sz) {
            hl_xdecref(own_sep);
            hl_err_set_string(hl_exc_OverflowError, "join() result is too long for a Python string");
            return NULL;
        }
        sz += add;
    }
    HLObject *res = hl_str_new(sz, maxchar);
    if (res != NULL) {
        hl_ssize_t o = 0;
        for (hl_ssize_t i = 0; i < n; i++) {
            if (i && seplen) {
                hl_str_copy_chars(res, o, sep, 0, seplen);
                o += seplen;
            }
            hl_str_copy_chars(res, o, items[i], 0, HL_STR_LEN(items[i]));
            o += HL_STR_LEN(items[i]);
        }
    }
    hl_xdecref(own_sep);
    return res;
}

/* PyUnicode_Join: lists and tuples are used in place; anything else is
 * first made into a list (PySequence_Fast), as CPython does. */
HLObject *hl_str_join(HLObject *sep, HLObject *iterable)
{
    HLObject *seq;
    if (hl_list_check_exact(iterable) || hl_tuple_check_exact(iterable)) {
        seq = hl_newref(iterable);
    } else {
        HLObject *it = hl_object_get_iter(iterable);
        if (it == NULL) {
            if (hl_err_exception_matches(hl_exc_TypeError))
                hl_err_set_string(hl_exc_TypeError, "can only join an iterable");
            return NULL;
        }
        seq = hl_sequence_list(it);
        hl_decref(it);
        if (seq == NULL)
            return NULL;
    }
    HLObject *const *items = hl_list_check_exact(seq) ? HL_LIST_ITEMS(seq) : HL_TUPLE_ITEMS(seq);
    HLObject *r = hl_str_join_array(sep, items, HL_SIZE(seq));
    hl_decref(seq);
    return r;
}

static HLObject *str_join(HLObject *self, HLObject *const *args, hl_ssize_t n, HLObject *kw)
{
    return hl_str_join(self, args[0]);
}

/* ---------------------------------------------------------------------------
 * Padding: center, ljust, rjust, zfill, expandtabs.
 */
static HLObject *pad(HLObject *self, hl_ssize_t left, hl_ssize_t right, uint32_t fill)
{
    if (left < 0)
        left = 0;
    if (right < 0)
        right = 0;
    if (left == 0 && right == 0)
        return hl_str_from_object(self);
    hl_ssize_t n = HL_STR_LEN(self);
    if (left > HL_SSIZE_T_MAX - n || right > HL_SSIZE_T_MAX - (left + n)) {
        hl_err_set_string(hl_exc_OverflowError, "padded string is too long");
        return NULL;
    }
    uint32_t maxchar = HL_STR_MAX_CHAR_VALUE(self);
    HLObject *u = hl_str_new(left + n + right, fill > maxchar ? fill : maxchar);
    if (u == NULL)
        return NULL;
    for (hl_ssize_t i = 0; i < left; i++)
        write_char(u, i, fill);
    hl_str_copy_chars(u, left, self, 0, n);
    for (hl_ssize_t i = 0; i < right; i++)
        write_char(u, left + n + i, fill);
    return u;
}

/* width [, fillchar] */
static int parse_pad_args(const char *name, HLObject *const *args, hl_ssize_t nargs,
                          HLObject *kwnames, hl_ssize_t *width, uint32_t *fill)
{
    if (check_positional(name, nargs, kwnames, 1, 2) < 0 || arg_ssize(args[0], width) < 0)
        return -1;
    *fill = ' ';
    if (nargs > 1) {
        HLObject *f = args[1];
        if (!hl_str_check(f)) {
            hl_err_format(hl_exc_TypeError, "The fill character must be a unicode character, not %s",
                          HL_TYPE(f)->tp_name);
            return -1;
        }
        if (HL_STR_LEN(f) != 1) {
            hl_err_set_string(hl_exc_TypeError, "The fill character must be exactly one character long");
            return -1;
        }
        *fill = hl_str_read_char(f, 0);
    }
    return 0;
}

static HLObject *str_center(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    hl_ssize_t width;
    uint32_t fill;
    if (parse_pad_args("center", args, nargs, kw, &width, &fill) < 0)
        return NULL;
    hl_ssize_t n = HL_STR_LEN(self);
    if (n >= width)
        return hl_str_from_object(self);
    hl_ssize_t marg = width - n, left = marg / 2 + (marg & width & 1);
    return pad(self, left, marg - left, fill);
}

static HLObject *str_ljust(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    hl_ssize_t width;
    uint32_t fill;
    if (parse_pad_args("ljust", args, nargs, kw, &width, &fill) < 0)
        return NULL;
    if (HL_STR_LEN(self) >= width)
        return hl_str_from_object(self);
    return pad(self, 0, width - HL_STR_LEN(self), fill);
}

static HLObject *str_rjust(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    hl_ssize_t width;
    uint32_t fill;
    if (parse_pad_args("rjust", args, nargs, kw, &width, &fill) < 0)
        return NULL;
    if (HL_STR_LEN(self) >= width)
        return hl_str_from_object(self);
    return pad(self, width - HL_STR_LEN(self), 0, fill);
}

static HLObject *str_zfill(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    hl_ssize_t width;
    if (arg_ssize(args[0], &width) < 0)
        return NULL;
    if (HL_STR_LEN(self) >= width)
        return hl_str_from_object(self);
    hl_ssize_t fill = width - HL_STR_LEN(self);
    HLObject *u = pad(self, fill, 0, '0');
    if (u == NULL)
        return NULL;
    uint32_t ch = hl_str_read_char(u, fill);
    if (ch == '+' || ch == '-') { /* the sign goes before the zeros */
        write_char(u, 0, ch);
        write_char(u, fill, '0');
    }
    return u;
}

static HLObject *str_expandtabs(HLObject *self, HLObject *const *args, hl_ssize_t nargs,
                                HLObject *kwnames)
{
    static const char *const params[] = {"tabsize"};
    HLObject *a[1];
    int tabsize = 8;
    if (unpack_keywords("expandtabs", args, nargs, kwnames, params, 1, a) < 0)
        return NULL;
    if (a[0] != NULL && arg_int(a[0], &tabsize) < 0)
        return NULL;
    unsigned kind = HL_STR_KIND(self);
    const void *d = HL_STR_DATA(self);
    hl_ssize_t n = HL_STR_LEN(self), j = 0, line_pos = 0;
    int found = 0;
    for (hl_ssize_t i = 0; i < n; i++) {
        uint32_t ch = RD(i);
        if (ch == '\t') {
            found = 1;
            if (tabsize > 0) {
                hl_ssize_t incr = tabsize - (line_pos % tabsize);
                if (j > HL_SSIZE_T_MAX - incr)
                    goto overflow;
                line_pos += incr;
                j += incr;
            }
        } else {
            if (j > HL_SSIZE_T_MAX - 1)
                goto overflow;
            line_pos++;
            j++;
            if (ch == '\n' || ch == '\r')
                line_pos = 0;
        }
    }
    if (!found)
        return hl_str_from_object(self);
    HLObject *u = hl_str_new(j, HL_STR_MAX_CHAR_VALUE(self));
    if (u == NULL)
        return NULL;
    hl_ssize_t o = 0;
    line_pos = 0;
    for (hl_ssize_t i = 0; i < n; i++) {
        uint32_t ch = RD(i);
        if (ch == '\t') {
            if (tabsize > 0) {
                hl_ssize_t incr = tabsize - (line_pos % tabsize);
                line_pos += incr;
                while (incr-- > 0)
                    write_char(u, o++, ' ');
            }
        } else {
            line_pos++;
            write_char(u, o++, ch);
            if (ch == '\n' || ch == '\r')
                line_pos = 0;
        }
    }
    return hl_str_result(u);
overflow:
    hl_err_set_string(hl_exc_OverflowError, "new string is too long");
    return NULL;
}

/* ---------------------------------------------------------------------------
 * Case mapping (case_operation).
 */
static uint32_t handle_capital_sigma(unsigned kind, const void *d, hl_ssize_t n, hl_ssize_t i)
{
    hl_ssize_t j;
    uint32_t c = 0;
    for (j = i - 1; j >= 0; j--) {
        c = RD(j);
        if (!hl_unicode_iscaseignorable(c))
            break;
    }
    int final_sigma = j >= 0 && hl_unicode_iscased(c);
    if (final_sigma && i + 1 < n) {
        for (j = i + 1; j < n; j++) {
            c = RD(j);
            if (!hl_unicode_iscaseignorable(c))
                break;
        }
        final_sigma = j == n || !hl_unicode_iscased(c);
    }
    return final_sigma ? 0x3C2 : 0x3C3;
}

static int lower_ucs4(unsigned kind, const void *d, hl_ssize_t n, hl_ssize_t i, uint32_t c,
                      uint32_t *mapped)
{
    if (c == 0x3A3) {
        mapped[0] = handle_capital_sigma(kind, d, n, i);
        return 1;
    }
    return hl_unicode_to_lower_full(c, mapped);
}

enum { CASE_LOWER, CASE_UPPER, CASE_FOLD, CASE_TITLE, CASE_CAPITALIZE, CASE_SWAP };

static HLObject *case_operation(HLObject *self, int op)
{
    unsigned kind = HL_STR_KIND(self);
    const void *d = HL_STR_DATA(self);
    hl_ssize_t n = HL_STR_LEN(self), k = 0;
    if ((size_t)n > HL_SSIZE_T_MAX / (3 * sizeof(uint32_t))) {
        hl_err_set_string(hl_exc_OverflowError, "string is too long");
        return NULL;
    }
    uint32_t *tmp = NULL, maxchar = 0;
    if (n > 0 && (tmp = hl_mem_malloc(sizeof(uint32_t) * 3 * (size_t)n)) == NULL)
        return hl_err_nomemory();
    int previous_is_cased = 0;
    for (hl_ssize_t i = 0; i < n; i++) {
        uint32_t c = RD(i), mapped[3];
        int nres;
        switch (op) {
        case CASE_LOWER:
            nres = lower_ucs4(kind, d, n, i, c, mapped);
            break;
        case CASE_UPPER:
            nres = hl_unicode_to_upper_full(c, mapped);
            break;
        case CASE_FOLD:
            nres = hl_unicode_to_folded_full(c, mapped);
            break;
        case CASE_TITLE:
            nres = previous_is_cased ? lower_ucs4(kind, d, n, i, c, mapped)
                                     : hl_unicode_to_title_full(c, mapped);
            previous_is_cased = hl_unicode_iscased(c);
            break;
        case CASE_CAPITALIZE:
            nres = i == 0 ? hl_unicode_to_title_full(c, mapped) : lower_ucs4(kind, d, n, i, c, mapped);
            break;
        default:
            if (hl_unicode_isupper(c))
                nres = lower_ucs4(kind, d, n, i, c, mapped);
            else if (hl_unicode_islower(c))
                nres = hl_unicode_to_upper_full(c, mapped);
            else {
                nres = 1;
                mapped[0] = c;
            }
            break;
        }
        for (int j = 0; j < nres; j++) {
            if (mapped[j] > maxchar)
                maxchar = mapped[j];
            tmp[k++] = mapped[j];
        }
    }
    HLObject *res = hl_str_new(k, maxchar);
    if (res != NULL)
        hl_str_store_narrow(res, 4, tmp, k);
    hl_mem_free(tmp);
    return res;
}

/* ascii_upper_or_lower: a new string even of length one, as in CPython. */
static HLObject *ascii_upper_or_lower(HLObject *self, int lower)
{
    hl_ssize_t n = HL_STR_LEN(self);
    HLObject *res = hl_str_new(n, 127);
    if (res == NULL)
        return NULL;
    const uint8_t *s = HL_STR_DATA(self);
    uint8_t *o = HL_STR_DATA(res);
    for (hl_ssize_t i = 0; i < n; i++) {
        uint8_t c = s[i];
        if (lower && c >= 'A' && c <= 'Z')
            c += 32;
        else if (!lower && c >= 'a' && c <= 'z')
            c -= 32;
        o[i] = c;
    }
    return res;
}

static HLObject *str_lower(HLObject *self, HLObject *const *a, hl_ssize_t n, HLObject *kw)
{
    return HL_STR_IS_ASCII(self) ? ascii_upper_or_lower(self, 1) : case_operation(self, CASE_LOWER);
}
static HLObject *str_upper(HLObject *self, HLObject *const *a, hl_ssize_t n, HLObject *kw)
{
    return HL_STR_IS_ASCII(self) ? ascii_upper_or_lower(self, 0) : case_operation(self, CASE_UPPER);
}
static HLObject *str_casefold(HLObject *self, HLObject *const *a, hl_ssize_t n, HLObject *kw)
{
    return HL_STR_IS_ASCII(self) ? ascii_upper_or_lower(self, 1) : case_operation(self, CASE_FOLD);
}
static HLObject *str_title(HLObject *self, HLObject *const *a, hl_ssize_t n, HLObject *kw)
{
    return case_operation(self, CASE_TITLE);
}
static HLObject *str_capitalize(HLObject *self, HLObject *const *a, hl_ssize_t n, HLObject *kw)
{
    if (HL_STR_LEN(self) == 0)
        return hl_str_from_object(self);
    return case_operation(self, CASE_CAPITALIZE);
}
static HLObject *str_swapcase(HLObject *self, HLObject *const *a, hl_ssize_t n, HLObject *kw)
{
    return case_operation(self, CASE_SWAP);
}

/* ---------------------------------------------------------------------------
 * Predicates.
 */
static HLObject *str_isascii(HLObject *self, HLObject *const *a, hl_ssize_t n, HLObject *kw)
{
    return hl_bool_from_long(HL_STR_IS_ASCII(self));
}

/* Every character has one of the flags, and the string is not empty. */
static HLObject *all_chars(HLObject *self, unsigned flags)
{
    unsigned kind = HL_STR_KIND(self);
    const void *d = HL_STR_DATA(self);
    hl_ssize_t n = HL_STR_LEN(self);
    if (n == 0)
        return hl_bool_from_long(0);
    for (hl_ssize_t i = 0; i < n; i++)
        if (!(hl_unicode_flags(RD(i)) & flags))
            return hl_bool_from_long(0);
    return hl_bool_from_long(1);
}

static HLObject *str_isspace(HLObject *self, HLObject *const *a, hl_ssize_t n, HLObject *kw)
{
    return all_chars(self, HL_UC_SPACE);
}
static HLObject *str_isalpha(HLObject *self, HLObject *const *a, hl_ssize_t n, HLObject *kw)
{
    return all_chars(self, HL_UC_ALPHA);
}
static HLObject *str_isalnum(HLObject *self, HLObject *const *a, hl_ssize_t n, HLObject *kw)
{
    return all_chars(self, HL_UC_ALPHA | HL_UC_DECIMAL | HL_UC_DIGIT | HL_UC_NUMERIC);
}
static HLObject *str_isdecimal(HLObject *self, HLObject *const *a, hl_ssize_t n, HLObject *kw)
{
    return all_chars(self, HL_UC_DECIMAL);
}
static HLObject *str_isdigit(HLObject *self, HLObject *const *a, hl_ssize_t n, HLObject *kw)
{
    return all_chars(self, HL_UC_DIGIT);
}
static HLObject *str_isnumeric(HLObject *self, HLObject *const *a, hl_ssize_t n, HLObject *kw)
{
    return all_chars(self, HL_UC_NUMERIC);
}

static HLObject *str_isprintable(HLObject *self, HLObject *const *a, hl_ssize_t nargs, HLObject *kw)
{
    unsigned kind = HL_STR_KIND(self);
    const void *d = HL_STR_DATA(self);
    for (hl_ssize_t i = 0; i < HL_STR_LEN(self); i++)
        if (!hl_unicode_isprintable(RD(i)))
            return hl_bool_from_long(0);
    return hl_bool_from_long(1);
}

/* islower / isupper: no character of the other case or titlecase, and at
 * least one of this case. */
static HLObject *is_one_case(HLObject *self, unsigned want, unsigned other)
{
    unsigned kind = HL_STR_KIND(self);
    const void *d = HL_STR_DATA(self);
    int cased = 0;
    for (hl_ssize_t i = 0; i < HL_STR_LEN(self); i++) {
        unsigned f = hl_unicode_flags(RD(i));
        if (f & (other | HL_UC_TITLE))
            return hl_bool_from_long(0);
        if (f & want)
            cased = 1;
    }
    return hl_bool_from_long(cased);
}

static HLObject *str_islower(HLObject *self, HLObject *const *a, hl_ssize_t n, HLObject *kw)
{
    if (HL_STR_LEN(self) == 1)
        return hl_bool_from_long(hl_unicode_islower(hl_str_read_char(self, 0)));
    return is_one_case(self, HL_UC_LOWER, HL_UC_UPPER);
}

static HLObject *str_isupper(HLObject *self, HLObject *const *a, hl_ssize_t n, HLObject *kw)
{
    if (HL_STR_LEN(self) == 1)
        return hl_bool_from_long(hl_unicode_isupper(hl_str_read_char(self, 0)));
    return is_one_case(self, HL_UC_UPPER, HL_UC_LOWER);
}

static HLObject *str_istitle(HLObject *self, HLObject *const *a, hl_ssize_t nargs, HLObject *kw)
{
    unsigned kind = HL_STR_KIND(self);
    const void *d = HL_STR_DATA(self);
    hl_ssize_t n = HL_STR_LEN(self);
    if (n == 1) {
        uint32_t ch = RD(0);
        return hl_bool_from_long(hl_unicode_istitle(ch) || hl_unicode_isupper(ch));
    }
    int cased = 0, previous_is_cased = 0;
    for (hl_ssize_t i = 0; i < n; i++) {
        uint32_t ch = RD(i);
        if (hl_unicode_isupper(ch) || hl_unicode_istitle(ch)) {
            if (previous_is_cased)
                return hl_bool_from_long(0);
            previous_is_cased = cased = 1;
        } else if (hl_unicode_islower(ch)) {
            if (!previous_is_cased)
                return hl_bool_from_long(0);
            previous_is_cased = cased = 1;
        } else {
            previous_is_cased = 0;
        }
    }
    return hl_bool_from_long(cased);
}

static HLObject *str_isidentifier(HLObject *self, HLObject *const *a, hl_ssize_t nargs, HLObject *kw)
{
    unsigned kind = HL_STR_KIND(self);
    const void *d = HL_STR_DATA(self);
    hl_ssize_t n = HL_STR_LEN(self);
    if (n == 0)
        return hl_bool_from_long(0);
    uint32_t ch = RD(0);
    if (!hl_unicode_isxidstart(ch) && ch != '_')
        return hl_bool_from_long(0);
    for (hl_ssize_t i = 1; i < n; i++)
        if (!hl_unicode_isxidcontinue(RD(i)))
            return hl_bool_from_long(0);
    return hl_bool_from_long(1);
}

/* ---------------------------------------------------------------------------
 * removeprefix, removesuffix, translate, maketrans, __sizeof__.
 */
static HLObject *str_removeprefix(HLObject *self, HLObject *const *args, hl_ssize_t n, HLObject *kw)
{
    HLObject *p = args[0];
    if (!hl_str_check(p))
        return hl_err_format(hl_exc_TypeError, "removeprefix() argument must be str, not %s",
                             clinic_name(p));
    if (hl_str_tailmatch(self, p, 0, HL_SSIZE_T_MAX, -1))
        return hl_str_substring(self, HL_STR_LEN(p), HL_STR_LEN(self));
    return hl_str_from_object(self);
}

static HLObject *str_removesuffix(HLObject *self, HLObject *const *args, hl_ssize_t n, HLObject *kw)
{
    HLObject *p = args[0];
    if (!hl_str_check(p))
        return hl_err_format(hl_exc_TypeError, "removesuffix() argument must be str, not %s",
                             clinic_name(p));
    if (hl_str_tailmatch(self, p, 0, HL_SSIZE_T_MAX, 1))
        return hl_str_substring(self, 0, HL_STR_LEN(self) - HL_STR_LEN(p));
    return hl_str_from_object(self);
}

/* charmaptranslate with errors="ignore": LookupError keeps the character,
 * None deletes it, an int or a str replaces it. */
static HLObject *str_translate(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    HLObject *table = args[0];
    unsigned kind = HL_STR_KIND(self);
    const void *d = HL_STR_DATA(self);
    hl_ssize_t n = HL_STR_LEN(self);
    if (n == 0)
        return hl_str_from_object(self);
    /* One character per character to begin with (the buffer exists from
     * the start, so a mapped string is never handed back itself). */
    hl_strwriter w;
    hl_strwriter_init(&w);
    if (hl_strwriter_prepare(&w, n, 127) < 0)
        return NULL;
    for (hl_ssize_t i = 0; i < n; i++) {
        uint32_t ch = RD(i);
        HLObject *key = hl_long_from_long((long)ch);
        if (key == NULL)
            goto fail;
        HLObject *v = hl_object_get_item(table, key);
        hl_decref(key);
        int r = 0;
        if (v == NULL) {
            if (!hl_err_exception_matches(hl_exc_LookupError))
                goto fail;
            hl_err_clear();
            r = hl_strwriter_put(&w, ch);
        } else if (v == HL_None) {
            ;
        } else if (hl_long_check(v)) {
            int overflow = 0;
            long x = hl_long_as_long_and_overflow(v, &overflow);
            if (overflow || x < 0 || x > (long)MAX_UNICODE) {
                hl_decref(v);
                hl_err_set_string(hl_exc_ValueError, "character mapping must be in range(0x110000)");
                goto fail;
            }
            r = hl_strwriter_put(&w, (uint32_t)x);
        } else if (hl_str_check(v)) {
            r = hl_strwriter_write_str(&w, v);
        } else {
            hl_decref(v);
            hl_err_set_string(hl_exc_TypeError, "character mapping must return integer, None or str");
            goto fail;
        }
        hl_xdecref(v);
        if (r < 0)
            goto fail;
    }
    return hl_strwriter_finish(&w);
fail:
    hl_strwriter_dealloc(&w);
    return NULL;
}

static HLObject *str_maketrans(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    if (check_positional("maketrans", nargs, kw, 1, 3) < 0)
        return NULL;
    for (int i = 1; i < nargs; i++)
        if (!hl_str_check(args[i]))
            return hl_err_format(hl_exc_TypeError, "maketrans() argument %d must be str, not %s",
                                 i + 1, clinic_name(args[i]));
    HLObject *x = args[0];
    HLObject *d = hl_dict_new();
    if (d == NULL)
        return NULL;
    if (nargs > 1) {
        HLObject *y = args[1];
        if (!hl_str_check(x)) {
            hl_err_set_string(hl_exc_TypeError,
                              "first maketrans argument must be a string if there is a second argument");
            goto fail;
        }
        if (HL_STR_LEN(x) != HL_STR_LEN(y)) {
            hl_err_set_string(hl_exc_ValueError, "the first two maketrans arguments must have equal length");
            goto fail;
        }
        for (hl_ssize_t i = 0; i < HL_STR_LEN(x); i++) {
            HLObject *k = hl_long_from_long((long)hl_str_read_char(x, i));
            HLObject *v = k ? hl_long_from_long((long)hl_str_read_char(y, i)) : NULL;
            int r = v ? hl_dict_set_item(d, k, v) : -1;
            hl_xdecref(k);
            hl_xdecref(v);
            if (r < 0)
                goto fail;
        }
        if (nargs > 2) {
            HLObject *z = args[2];
            for (hl_ssize_t i = 0; i < HL_STR_LEN(z); i++) {
                HLObject *k = hl_long_from_long((long)hl_str_read_char(z, i));
                int r = k ? hl_dict_set_item(d, k, HL_None) : -1;
                hl_xdecref(k);
                if (r < 0)
                    goto fail;
            }
        }
        return d;
    }
    if (!hl_dict_check_exact(x)) {
        hl_err_set_string(hl_exc_TypeError, "if you give only one argument to maketrans it must be a dict");
        goto fail;
    }
    hl_ssize_t pos = 0;
    HLObject *k, *v;
    while (hl_dict_next(x, &pos, &k, &v)) {
        int r;
        if (hl_str_check(k)) {
            if (HL_STR_LEN(k) != 1) {
                hl_err_set_string(hl_exc_ValueError, "string keys in translate table must be of length 1");
                goto fail;
            }
            HLObject *nk = hl_long_from_long((long)hl_str_read_char(k, 0));
            r = nk ? hl_dict_set_item(d, nk, v) : -1;
            hl_xdecref(nk);
        } else if (hl_long_check(k)) {
            r = hl_dict_set_item(d, k, v);
        } else {
            hl_err_set_string(hl_exc_TypeError, "keys in translate table must be strings or integers");
            goto fail;
        }
        if (r < 0)
            goto fail;
    }
    return d;
fail:
    hl_decref(d);
    return NULL;
}

static HLObject *str_sizeof_method(HLObject *self, HLObject *const *a, hl_ssize_t n, HLObject *kw)
{
    return hl_long_from_ssize(hl_str_sizeof(self));
}

static HLObject *str_getnewargs(HLObject *self, HLObject *const *a, hl_ssize_t n, HLObject *kw)
{
    HLObject *copy = hl_str_new(HL_STR_LEN(self), HL_STR_MAX_CHAR_VALUE(self));
    if (copy == NULL)
        return NULL;
    hl_str_copy_chars(copy, 0, self, 0, HL_STR_LEN(self));
    return hl_tuple_from_array_steal(&copy, 1);
}

/* ---------------------------------------------------------------------------
 * The method table, in CPython 3.11's order (it is str.__dict__'s order).
 */
#define FC HL_METH_FASTCALL
#define FCK (HL_METH_FASTCALL | HL_METH_KEYWORDS)
#define VA HL_METH_VARARGS
#define VAK (HL_METH_VARARGS | HL_METH_KEYWORDS)

HLMethodDef hl_str_methods[] = {
    {"replace", str_replace, FC, "Return a copy with all occurrences of substring old replaced by new."},
    {"split", str_split, FCK, "Return a list of the substrings in the string, using sep as the separator string."},
    {"rsplit", str_rsplit, FCK, "Return a list of the substrings in the string, using sep as the separator string."},
    {"join", str_join, HL_METH_O, "Concatenate any number of strings."},
    {"capitalize", str_capitalize, HL_METH_NOARGS, "Return a capitalized version of the string."},
    {"casefold", str_casefold, HL_METH_NOARGS, "Return a version of the string suitable for caseless comparisons."},
    {"title", str_title, HL_METH_NOARGS, "Return a version of the string where each word is titlecased."},
    {"center", str_center, FC, "Return a centered string of length width."},
    {"count", hl_str_m_count, VA, "S.count(sub[, start[, end]]) -> int"},
    {"expandtabs", str_expandtabs, FCK, "Return a copy where all tab characters are expanded using spaces."},
    {"find", hl_str_m_find, VA, "S.find(sub[, start[, end]]) -> int"},
    {"partition", hl_str_m_partition, HL_METH_O, "Partition the string into three parts using the given separator."},
    {"index", hl_str_m_index, VA, "S.index(sub[, start[, end]]) -> int"},
    {"ljust", str_ljust, FC, "Return a left-justified string of length width."},
    {"lower", str_lower, HL_METH_NOARGS, "Return a copy of the string converted to lowercase."},
    {"lstrip", str_lstrip, FC, "Return a copy of the string with leading whitespace removed."},
    {"rfind", hl_str_m_rfind, VA, "S.rfind(sub[, start[, end]]) -> int"},
    {"rindex", hl_str_m_rindex, VA, "S.rindex(sub[, start[, end]]) -> int"},
    {"rjust", str_rjust, FC, "Return a right-justified string of length width."},
    {"rstrip", str_rstrip, FC, "Return a copy of the string with trailing whitespace removed."},
    {"rpartition", hl_str_m_rpartition, HL_METH_O, "Partition the string into three parts using the given separator."},
    {"splitlines", str_splitlines, FCK, "Return a list of the lines in the string, breaking at line boundaries."},
    {"strip", str_strip, FC, "Return a copy of the string with leading and trailing whitespace removed."},
    {"swapcase", str_swapcase, HL_METH_NOARGS, "Convert uppercase characters to lowercase and lowercase characters to uppercase."},
    {"translate", str_translate, HL_METH_O, "Replace each character in the string using the given translation table."},
    {"upper", str_upper, HL_METH_NOARGS, "Return a copy of the string converted to uppercase."},
    {"startswith", hl_str_m_startswith, VA, "S.startswith(prefix[, start[, end]]) -> bool"},
    {"endswith", hl_str_m_endswith, VA, "S.endswith(suffix[, start[, end]]) -> bool"},
    {"removeprefix", str_removeprefix, HL_METH_O, "Return a str with the given prefix string removed if present."},
    {"removesuffix", str_removesuffix, HL_METH_O, "Return a str with the given suffix string removed if present."},
    {"isascii", str_isascii, HL_METH_NOARGS, "Return True if all characters in the string are ASCII, False otherwise."},
    {"islower", str_islower, HL_METH_NOARGS, "Return True if the string is a lowercase string, False otherwise."},
    {"isupper", str_isupper, HL_METH_NOARGS, "Return True if the string is an uppercase string, False otherwise."},
    {"istitle", str_istitle, HL_METH_NOARGS, "Return True if the string is a title-cased string, False otherwise."},
    {"isspace", str_isspace, HL_METH_NOARGS, "Return True if the string is a whitespace string, False otherwise."},
    {"isdecimal", str_isdecimal, HL_METH_NOARGS, "Return True if the string is a decimal string, False otherwise."},
    {"isdigit", str_isdigit, HL_METH_NOARGS, "Return True if the string is a digit string, False otherwise."},
    {"isnumeric", str_isnumeric, HL_METH_NOARGS, "Return True if the string is a numeric string, False otherwise."},
    {"isalpha", str_isalpha, HL_METH_NOARGS, "Return True if the string is an alphabetic string, False otherwise."},
    {"isalnum", str_isalnum, HL_METH_NOARGS, "Return True if the string is an alpha-numeric string, False otherwise."},
    {"isidentifier", str_isidentifier, HL_METH_NOARGS, "Return True if the string is a valid Python identifier, False otherwise."},
    {"isprintable", str_isprintable, HL_METH_NOARGS, "Return True if the string is printable, False otherwise."},
    {"zfill", str_zfill, HL_METH_O, "Pad a numeric string with zeros on the left, to fill a field of the given width."},
    {"format", hl_str_method_format, VAK, "S.format(*args, **kwargs) -> str"},
    {"format_map", hl_str_method_format_map, HL_METH_O, "S.format_map(mapping) -> str"},
    {"__format__", hl_str_method_dunder_format, HL_METH_O, "Return a formatted version of the string as described by format_spec."},
    {"maketrans", str_maketrans, FC | HL_METH_STATIC, "Return a translation table usable for str.translate()."},
    {"__sizeof__", str_sizeof_method, HL_METH_NOARGS, "Return the size of the string in memory, in bytes."},
    {"__getnewargs__", str_getnewargs, HL_METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
