/*
 * strobject.c — the str type: layout, creation, singletons, interning,
 * hashing, comparison, concatenation, repr, UTF-8, the iterators and the
 * type object.  The methods live in strmethods.c (substring search in
 * strsearch.c), the writer and all formatting in strformat.c, the Unicode
 * character database in unicodectype.c (generated).
 *
 * Layout (PEP 393, CPython 3.11 on 32-bit).  Every string is "compact": its
 * characters follow the header in the same pymalloc block, in 1, 2 or 4
 * bytes per character according to the widest one, NUL-terminated:
 *
 *   ASCII        24-byte HLASCIIObject          + len + 1 bytes
 *   Latin-1      36-byte HLCompactUnicodeObject + len + 1
 *   UCS-2        36                             + 2 * (len + 1)
 *   UCS-4        36                             + 4 * (len + 1)
 *
 * The block is requested at exactly that size (PyUnicode_New), so the size
 * class pymalloc picks is CPython's.  Strings are canonical: the kind is
 * always the narrowest that fits, which lets searches reject a wider needle
 * at once.  Instances of str subclasses are the exception, as in CPython
 * (unicode_subtype_new): a 40-byte HLUnicodeObject made by the subtype's
 * tp_alloc, whose characters sit in a block of their own.
 *
 * Singletons (CPython's _Py_SINGLETON(strings)): '' and the 256 strings of
 * one Latin-1 character are static objects with refcount 999999999; every
 * path that can produce a short result funnels through hl_str_result
 * (unicode_result), hl_str_latin1_char (get_latin1_char) or the substring
 * and narrow-copy helpers, which return them — and only those paths:
 * CPython returns fresh one-character strings from ''.upper() & co, and
 * heaplab mirrors that, because `is` and sys.getrefcount show it.
 *
 * Interning (3.11): the interned dict maps s -> s.  Its two references are
 * not counted — after insertion the refcount is lowered by 2 and the state
 * says "interned mortal"; when the string dies, str_dealloc sets the
 * refcount to 3 and deletes the entry, which takes it back to 1, then 0.
 * The dict is created on first use (the dict type comes up after str).
 *
 * Hash: SipHash-1-3 with an all-zero key over the string's data in its kind
 * (CPython with PYTHONHASHSEED=0), truncated to 32 bits; -1 becomes -2 and
 * '' hashes to 0.  The result is cached in the object.
 *
 * UTF-8: ASCII strings are their own UTF-8.  Others get a cache, filled by
 * hl_str_as_utf8 exactly where CPython's PyUnicode_AsUTF8 would fill it (it
 * shows in sys.getsizeof); output goes through hl_str_write_utf8, which
 * never fills it, as CPython's encoders do not.
 */
#include "strobject.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../runtime/errors.h"
#include "../runtime/events.h"
#include "../runtime/gc.h"
#include "../runtime/obmalloc.h"
#include "../runtime/runtime.h"
#include "../runtime/strbuf.h"
#include "../runtime/sysmem.h"
#include "abstract.h"
#include "dictobject.h"
#include "longobject.h"
#include "sliceobject.h"
#include "tupleobject.h"
#include "unicodectype.h"

#define MAX_UNICODE 0x10FFFFu

/* ---------------------------------------------------------------------------
 * Singletons.  One static block, registered once as readable memory.
 */
typedef struct {
    HLASCIIObject ob;
    uint8_t data[4];
} static_ascii;
typedef struct {
    HLCompactUnicodeObject ob;
    uint8_t data[4];
} static_latin1;

static struct {
    static_ascii empty;
    static_ascii ascii[128];
    static_latin1 latin1[128];
} singletons;

#define EMPTY ((HLObject *)&singletons.empty)
static inline HLObject *LATIN1(uint32_t ch)
{
    return ch < 128 ? (HLObject *)&singletons.ascii[ch] : (HLObject *)&singletons.latin1[ch - 128];
}

static HLObject *interned; /* dict, created on first use */

static int is_singleton(HLObject *op)
{
    return (char *)op >= (char *)&singletons && (char *)op < (char *)(&singletons + 1);
}

static void init_static_ascii(HLASCIIObject *o, hl_ssize_t len, uint8_t ch)
{
    memset(o, 0, sizeof(static_ascii));
    o->ob_base.ob_refcnt = HL_STATIC_REFCNT;
    o->ob_base.ob_type = &hl_str_type;
    o->length = len;
    o->hash = -1;
    o->state = HL_STATE_MAKE(HL_SSTATE_NOT_INTERNED, 1, 1);
    ((uint8_t *)(o + 1))[0] = len ? ch : 0;
}

int hl_str_init(void)
{
    static int registered;
    init_static_ascii(&singletons.empty.ob, 0, 0);
    for (unsigned c = 0; c < 128; c++)
        init_static_ascii(&singletons.ascii[c].ob, 1, (uint8_t)c);
    for (unsigned c = 128; c < 256; c++) {
        static_latin1 *l = &singletons.latin1[c - 128];
        memset(l, 0, sizeof *l);
        l->ob._base.ob_base.ob_refcnt = HL_STATIC_REFCNT;
        l->ob._base.ob_base.ob_type = &hl_str_type;
        l->ob._base.length = 1;
        l->ob._base.hash = -1;
        l->ob._base.state = HL_STATE_MAKE(HL_SSTATE_NOT_INTERNED, 1, 0);
        l->data[0] = (uint8_t)c;
    }
    if (!registered) {
        hl_mem_register_static(&singletons, sizeof singletons);
        registered = 1;
    }
    interned = NULL; /* a previous runtime's dict went away with its heap */
    return 0;
}

void hl_str_fini(void)
{
    if (interned != NULL) {
        hl_ssize_t pos = 0;
        HLObject *k, *v;
        while (hl_dict_next(interned, &pos, &k, &v)) {
            HLASCIIObject *a = (HLASCIIObject *)k;
            a->ob_base.ob_refcnt += HL_STATE_INTERNED(a->state) == HL_SSTATE_INTERNED_MORTAL ? 2 : 1;
            a->state &= ~3u;
        }
        HLObject *d = interned;
        interned = NULL;
        hl_dict_clear(d);
        hl_decref(d);
    }
    for (unsigned c = 128; c < 256; c++) {
        HLCompactUnicodeObject *l = &singletons.latin1[c - 128].ob;
        if (l->utf8 != NULL) {
            hl_mem_free(l->utf8);
            l->utf8 = NULL;
            l->utf8_length = 0;
        }
    }
}

hl_ssize_t hl_str_interned_count(void) { return interned ? hl_dict_size(interned) : 0; }
HLObject *hl_str_interned_dict(void) { return interned; }

HLObject *hl_str_empty(void) { return hl_newref(EMPTY); }
HLObject *hl_str_latin1_char(uint32_t ch) { return LATIN1(ch); }

/* ---------------------------------------------------------------------------
 * Allocation (PyUnicode_New) and deallocation.
 */
static size_t struct_size_for(uint32_t maxchar)
{
    return maxchar < 128 ? sizeof(HLASCIIObject) : sizeof(HLCompactUnicodeObject);
}

static unsigned kind_for(uint32_t maxchar)
{
    return maxchar < 256 ? 1 : maxchar < 0x10000 ? 2 : 4;
}

HLObject *hl_str_new(hl_ssize_t size, uint32_t maxchar)
{
    if (size == 0)
        return hl_str_empty();
    if (size < 0) {
        hl_err_set_string(hl_exc_SystemError, "Negative size passed to PyUnicode_New");
        return NULL;
    }
    if (maxchar > MAX_UNICODE) {
        hl_err_set_string(hl_exc_SystemError, "invalid maximum character passed to PyUnicode_New");
        return NULL;
    }
    unsigned kind = kind_for(maxchar);
    size_t head = struct_size_for(maxchar);
    if ((size_t)size > (HL_SSIZE_T_MAX - head) / kind - 1)
        return hl_err_nomemory();
    size_t nbytes = head + ((size_t)size + 1) * kind;
    HLObject *op = hl_mem_malloc(nbytes);
    if (op == NULL)
        return hl_err_nomemory();
    hl_mem_set_kind(op, HL_BLOCK_OBJECT);
    hl_init_object(op, &hl_str_type);
    HLASCIIObject *a = (HLASCIIObject *)op;
    a->length = size;
    a->hash = -1;
    a->state = HL_STATE_MAKE(HL_SSTATE_NOT_INTERNED, kind, maxchar < 128);
    a->wstr = NULL;
    if (maxchar >= 128) {
        HLCompactUnicodeObject *c = (HLCompactUnicodeObject *)op;
        c->utf8_length = 0;
        c->utf8 = NULL;
        c->wstr_length = 0;
    }
    void *data = HL_STR_DATA(op);
    if (kind == 1)
        ((uint8_t *)data)[size] = 0;
    else if (kind == 2)
        ((uint16_t *)data)[size] = 0;
    else
        ((uint32_t *)data)[size] = 0;
    return op;
}

static int has_utf8_memory(HLObject *op)
{
    if (HL_STR_IS_ASCII(op) && HL_STR_IS_COMPACT(op))
        return 0;
    char *u = ((HLCompactUnicodeObject *)op)->utf8;
    return u != NULL && (void *)u != HL_STR_DATA(op);
}

static void str_dealloc(HLObject *op)
{
    HLASCIIObject *a = (HLASCIIObject *)op;
    if (is_singleton(op))
        hl_fatal("deallocating a str singleton");
    switch (HL_STATE_INTERNED(a->state)) {
    case HL_SSTATE_NOT_INTERNED:
        break;
    case HL_SSTATE_INTERNED_MORTAL:
        /* The dict's key and value references, plus one to work with. */
        op->ob_refcnt = 3;
        if (hl_dict_del_item(interned, op) != 0)
            hl_err_write_unraisable_msg("deletion of interned string failed", NULL);
        op->ob_refcnt = 0;
        break;
    default:
        hl_fatal("immortal interned string died");
    }
    if (has_utf8_memory(op))
        hl_mem_free(((HLCompactUnicodeObject *)op)->utf8);
    if (!HL_STR_IS_COMPACT(op) && ((HLUnicodeObject *)op)->data != NULL)
        hl_mem_free(((HLUnicodeObject *)op)->data);
    HL_TYPE(op)->tp_free(op);
}

/* Whether op may be changed in place: nobody else can see it
 * (CPython's unicode_modifiable). */
static int str_modifiable(HLObject *op)
{
    return op->ob_refcnt == 1 && ((HLASCIIObject *)op)->hash == -1 &&
           HL_STATE_INTERNED(((HLASCIIObject *)op)->state) == 0 && hl_str_check_exact(op);
}

/* resize_compact: the block is reallocated, so the object may move (its
 * id changes, as in CPython). */
static HLObject *resize_compact(HLObject *op, hl_ssize_t length)
{
    unsigned kind = HL_STR_KIND(op);
    size_t head = HL_STR_IS_ASCII(op) ? sizeof(HLASCIIObject) : sizeof(HLCompactUnicodeObject);
    if ((size_t)length > (HL_SSIZE_T_MAX - head) / kind - 1) {
        hl_err_nomemory();
        return NULL;
    }
    if (has_utf8_memory(op)) {
        HLCompactUnicodeObject *c = (HLCompactUnicodeObject *)op;
        hl_mem_free(c->utf8);
        c->utf8 = NULL;
        c->utf8_length = 0;
    }
    HLObject *n = hl_mem_realloc(op, head + ((size_t)length + 1) * kind);
    if (n == NULL) {
        hl_err_nomemory();
        return NULL;
    }
    if (n != op) {
        hl_mem_set_kind(n, HL_BLOCK_OBJECT);
        hl_event_emit(HL_EV_FREE, op, (uintptr_t)&hl_str_type, 0);
        hl_event_emit(HL_EV_ALLOC, n, (uintptr_t)&hl_str_type, 0);
    }
    ((HLASCIIObject *)n)->length = length;
    void *data = HL_STR_DATA(n);
    if (kind == 1)
        ((uint8_t *)data)[length] = 0;
    else if (kind == 2)
        ((uint16_t *)data)[length] = 0;
    else
        ((uint32_t *)data)[length] = 0;
    return n;
}

HLObject *hl_str_resize(HLObject *s, hl_ssize_t length) { return resize_compact(s, length); }

/* ---------------------------------------------------------------------------
 * Construction.
 */

/* unicode_result: the singletons stand in for short results. */
HLObject *hl_str_result(HLObject *s)
{
    hl_ssize_t len = HL_STR_LEN(s);
    if (len == 0) {
        if (s != EMPTY) {
            hl_decref(s);
            s = hl_str_empty();
        }
        return s;
    }
    if (len == 1 && HL_STR_KIND(s) == 1) {
        HLObject *c = LATIN1(((uint8_t *)HL_STR_DATA(s))[0]);
        if (s != c) {
            hl_incref(c);
            hl_decref(s);
        }
        return c;
    }
    return s;
}

/* unicode_char / get_latin1_char */
HLObject *hl_str_from_char(uint32_t ch)
{
    if (ch < 256)
        return hl_newref(LATIN1(ch));
    if (ch > MAX_UNICODE) {
        hl_err_set_string(hl_exc_ValueError, "chr() arg not in range(0x110000)");
        return NULL;
    }
    HLObject *s = hl_str_new(1, ch);
    if (s == NULL)
        return NULL;
    if (HL_STR_KIND(s) == 2)
        ((uint16_t *)HL_STR_DATA(s))[0] = (uint16_t)ch;
    else
        ((uint32_t *)HL_STR_DATA(s))[0] = ch;
    return s;
}

/* _PyUnicode_FromASCII */
HLObject *hl_str_from_ascii(const char *s, hl_ssize_t n)
{
    if (n == 1)
        return hl_newref(LATIN1((uint8_t)s[0]));
    HLObject *r = hl_str_new(n, 127);
    if (r != NULL && n > 0)
        memcpy(HL_STR_DATA(r), s, (size_t)n);
    return r;
}

static uint32_t max_char_of(unsigned kind, const void *data, hl_ssize_t n)
{
    uint32_t m = 0;
    if (kind == 1) {
        const uint8_t *p = data;
        for (hl_ssize_t i = 0; i < n; i++)
            if (p[i] > m)
                m = p[i];
    } else if (kind == 2) {
        const uint16_t *p = data;
        for (hl_ssize_t i = 0; i < n; i++)
            if (p[i] > m)
                m = p[i];
    } else {
        const uint32_t *p = data;
        for (hl_ssize_t i = 0; i < n; i++)
            if (p[i] > m)
                m = p[i];
    }
    return m;
}

uint32_t hl_str_find_max_char(HLObject *s, hl_ssize_t start, hl_ssize_t end)
{
    if (HL_STR_IS_ASCII(s))
        return 0x7F;
    unsigned kind = HL_STR_KIND(s);
    return max_char_of(kind, (const char *)HL_STR_DATA(s) + start * kind, end - start);
}

/* Copies n characters of from (starting at from_start) into to, which must
 * be wide enough (_PyUnicode_FastCopyCharacters). */
void hl_str_copy_chars(HLObject *to, hl_ssize_t to_start, HLObject *from, hl_ssize_t from_start,
                       hl_ssize_t n)
{
    unsigned tk = HL_STR_KIND(to), fk = HL_STR_KIND(from);
    char *td = (char *)HL_STR_DATA(to) + to_start * tk;
    const char *fd = (const char *)HL_STR_DATA(from) + from_start * fk;
    if (n <= 0)
        return;
    if (tk == fk) {
        memcpy(td, fd, (size_t)n * tk);
        return;
    }
    for (hl_ssize_t i = 0; i < n; i++) {
        uint32_t ch = hl_str_read(fk, fd, i);
        if (tk == 1)
            ((uint8_t *)td)[i] = (uint8_t)ch;
        else if (tk == 2)
            ((uint16_t *)td)[i] = (uint16_t)ch;
        else
            ((uint32_t *)td)[i] = ch;
    }
}

void hl_str_store_narrow(HLObject *s, unsigned kind, const void *data, hl_ssize_t n)
{
    unsigned k = HL_STR_KIND(s);
    void *d = HL_STR_DATA(s);
    if (k == kind) {
        memcpy(d, data, (size_t)n * kind);
        return;
    }
    for (hl_ssize_t i = 0; i < n; i++) {
        uint32_t ch = hl_str_read(kind, data, i);
        if (k == 1)
            ((uint8_t *)d)[i] = (uint8_t)ch;
        else if (k == 2)
            ((uint16_t *)d)[i] = (uint16_t)ch;
        else
            ((uint32_t *)d)[i] = ch;
    }
}

/* _PyUnicode_FromUCS1/2/4: a new string in the narrowest kind. */
HLObject *hl_str_new_narrow(unsigned kind, const void *data, hl_ssize_t n)
{
    if (n == 0)
        return hl_str_empty();
    if (n == 1)
        return hl_str_from_char(hl_str_read(kind, data, 0));
    uint32_t maxchar = max_char_of(kind, data, n);
    HLObject *s = hl_str_new(n, maxchar);
    if (s != NULL)
        hl_str_store_narrow(s, kind, data, n);
    return s;
}

HLObject *hl_str_from_kind_data(unsigned kind, const void *data, hl_ssize_t n)
{
    if (kind != 1 && kind != 2 && kind != 4) {
        hl_err_set_string(hl_exc_SystemError, "invalid kind");
        return NULL;
    }
    if (kind == 4) {
        const uint32_t *p = data;
        for (hl_ssize_t i = 0; i < n; i++)
            if (p[i] > MAX_UNICODE)
                return hl_err_format(hl_exc_ValueError,
                                     "character U+%x is not in range [U+0000; U+10ffff]",
                                     (unsigned)p[i]);
    }
    return hl_str_new_narrow(kind, data, n);
}

HLObject *hl_str_from_ucs4(const uint32_t *chars, hl_ssize_t n)
{
    return hl_str_from_kind_data(4, chars, n);
}

/* PyUnicode_Substring */
HLObject *hl_str_substring(HLObject *s, hl_ssize_t start, hl_ssize_t end)
{
    hl_ssize_t len = HL_STR_LEN(s);
    if (end > len)
        end = len;
    if (start == 0 && end == len)
        return hl_str_from_object(s);
    if (start < 0 || end < 0) {
        hl_err_set_string(hl_exc_IndexError, "string index out of range");
        return NULL;
    }
    if (start >= len || end < start)
        return hl_str_empty();
    unsigned kind = HL_STR_KIND(s);
    const char *d = (const char *)HL_STR_DATA(s) + start * kind;
    if (HL_STR_IS_ASCII(s))
        return end - start == 0 ? hl_str_empty() : hl_str_from_ascii(d, end - start);
    return hl_str_new_narrow(kind, d, end - start);
}

/* _PyUnicode_Copy: an exact str with the same characters. */
static HLObject *str_copy(HLObject *s)
{
    hl_ssize_t n = HL_STR_LEN(s);
    HLObject *r = hl_str_new(n, HL_STR_MAX_CHAR_VALUE(s));
    if (r != NULL)
        hl_str_copy_chars(r, 0, s, 0, n);
    return r;
}

/* unicode_result_unchanged / PyUnicode_FromObject */
HLObject *hl_str_from_object(HLObject *s)
{
    if (hl_str_check_exact(s))
        return hl_newref(s);
    if (hl_str_check(s))
        return str_copy(s);
    return hl_err_format(hl_exc_TypeError, "Can't convert '%s' object to str implicitly",
                         HL_TYPE(s)->tp_name);
}

/* UTF-8 decoding (strict).  Returns the length of the valid sequence that
 * starts at p[0] (1-4), or 0 with *bad_end set to the end of the invalid
 * prefix (exclusive) and *reason to CPython's wording. */
int hl_utf8_decode_one(const unsigned char *p, const unsigned char *end, uint32_t *out,
                       const unsigned char **bad_end, const char **reason)
{
    unsigned c = p[0];
    int need;
    uint32_t ch;
    unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c < 0x80) {
        *out = c;
        return 1;
    }
    if (c < 0xC2 || c > 0xF4) {
        *bad_end = p + 1;
        *reason = "invalid start byte";
        return 0;
    }
    if (c < 0xE0) {
        need = 1;
        ch = c & 0x1F;
    } else if (c < 0xF0) {
        need = 2;
        ch = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else {
        need = 3;
        ch = c & 0x07;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    }
    for (int i = 1; i <= need; i++) {
        if (p + i >= end) {
            *bad_end = end;
            *reason = "unexpected end of data";
            return 0;
        }
        unsigned b = p[i];
        unsigned l = i == 1 ? lo : 0x80, h = i == 1 ? hi : 0xBF;
        if (b < l || b > h) {
            *bad_end = p + i;
            *reason = "invalid continuation byte";
            return 0;
        }
        ch = (ch << 6) | (b & 0x3F);
    }
    *out = ch;
    return need + 1;
}

static void utf8_decode_error(const unsigned char *base, const unsigned char *start,
                              const unsigned char *end, const char *reason)
{
    hl_ssize_t s = start - base, e = end - base;
    if (e - s == 1)
        hl_err_format(hl_exc_UnicodeDecodeError,
                      "'utf-8' codec can't decode byte 0x%02x in position %zd: %s",
                      (unsigned)*start, s, reason);
    else
        hl_err_format(hl_exc_UnicodeDecodeError,
                      "'utf-8' codec can't decode bytes in position %zd-%zd: %s", s, e - 1, reason);
}

/* unicode_decode_utf8, with the same buffers: first an ASCII string of one
 * character per byte; the first character too wide for the buffer's kind
 * makes a wider buffer of the same length; at the end the buffer shrinks
 * to the characters decoded (a realloc, which pymalloc may do in place,
 * so the string ends up in the size class CPython's ends up in). */
HLObject *hl_str_from_utf8(const char *str, hl_ssize_t n)
{
    const unsigned char *s = (const unsigned char *)str, *end = s + n;
    if (n == 0)
        return hl_str_empty();
    if (n == 1 && s[0] < 0x80)
        return hl_newref(LATIN1(s[0]));
    HLObject *u = hl_str_new(n, 127);
    if (u == NULL)
        return NULL;
    hl_ssize_t pos = 0;
    while (pos < n && s[pos] < 0x80) {
        ((uint8_t *)HL_STR_DATA(u))[pos] = s[pos];
        pos++;
    }
    if (pos == n)
        return u;
    const unsigned char *p = s + pos, *bad_end;
    const char *reason;
    uint32_t limit = 0x7F; /* widest character the buffer's kind holds */
    while (p < end) {
        uint32_t ch;
        int k = hl_utf8_decode_one(p, end, &ch, &bad_end, &reason);
        if (k == 0) {
            utf8_decode_error(s, p, bad_end, reason);
            hl_decref(u);
            return NULL;
        }
        if (ch > limit) {
            HLObject *w = hl_str_new(n, ch);
            if (w == NULL) {
                hl_decref(u);
                return NULL;
            }
            hl_str_copy_chars(w, 0, u, 0, pos);
            hl_decref(u);
            u = w;
            limit = HL_STR_MAX_CHAR_VALUE(u);
        }
        void *d = HL_STR_DATA(u);
        switch (HL_STR_KIND(u)) {
        case 1: ((uint8_t *)d)[pos] = (uint8_t)ch; break;
        case 2: ((uint16_t *)d)[pos] = (uint16_t)ch; break;
        default: ((uint32_t *)d)[pos] = ch; break;
        }
        pos++;
        p += k;
    }
    if (pos != n) {
        HLObject *r = resize_compact(u, pos);
        if (r == NULL) {
            hl_decref(u);
            return NULL;
        }
        u = r;
    }
    return hl_str_result(u);
}

HLObject *hl_str_from_cstr(const char *s) { return hl_str_from_utf8(s, (hl_ssize_t)strlen(s)); }

/* os.fsdecode on a UTF-8 system (PyUnicode_DecodeFSDefault): each byte
 * that does not belong to a valid sequence becomes the lone surrogate
 * U+DC00 + byte ("surrogateescape"), so that any argument a program is
 * given has a str, as sys.argv needs. */
HLObject *hl_str_from_fs(const char *str)
{
    size_t n = strlen(str);
    uint32_t *chars = hl_raw_malloc((n ? n : 1) * sizeof(uint32_t));
    if (chars == NULL)
        return hl_err_nomemory();
    const unsigned char *p = (const unsigned char *)str, *end = p + n, *bad_end;
    const char *reason;
    hl_ssize_t len = 0;
    while (p < end) {
        int k = hl_utf8_decode_one(p, end, &chars[len], &bad_end, &reason);
        if (k > 0) {
            p += k;
            len++;
            continue;
        }
        do
            chars[len++] = 0xDC00 + *p++;
        while (p < bad_end);
    }
    HLObject *u = hl_str_from_ucs4(chars, len);
    hl_raw_free(chars);
    return u;
}

/* ---------------------------------------------------------------------------
 * UTF-8 encoding.
 */

/* Bytes of the UTF-8 encoding, or -1 with UnicodeEncodeError at the first
 * run of surrogates. */
static hl_ssize_t utf8_size(HLObject *s)
{
    unsigned kind = HL_STR_KIND(s);
    const void *d = HL_STR_DATA(s);
    hl_ssize_t n = HL_STR_LEN(s), size = 0;
    for (hl_ssize_t i = 0; i < n; i++) {
        uint32_t ch = hl_str_read(kind, d, i);
        if (ch < 0x80)
            size += 1;
        else if (ch < 0x800)
            size += 2;
        else if (ch < 0x10000) {
            if (ch >= 0xD800 && ch <= 0xDFFF) {
                hl_ssize_t j = i + 1;
                while (j < n && hl_str_read(kind, d, j) >= 0xD800 && hl_str_read(kind, d, j) <= 0xDFFF)
                    j++;
                if (j - i == 1)
                    hl_err_format(hl_exc_UnicodeEncodeError,
                                  "'utf-8' codec can't encode character '\\u%04x' in position %zd: "
                                  "surrogates not allowed", (unsigned)ch, i);
                else
                    hl_err_format(hl_exc_UnicodeEncodeError,
                                  "'utf-8' codec can't encode characters in position %zd-%zd: "
                                  "surrogates not allowed", i, j - 1);
                return -1;
            }
            size += 3;
        } else
            size += 4;
    }
    return size;
}

static char *utf8_encode_into(char *out, uint32_t ch)
{
    if (ch < 0x80) {
        *out++ = (char)ch;
    } else if (ch < 0x800) {
        *out++ = (char)(0xC0 | (ch >> 6));
        *out++ = (char)(0x80 | (ch & 0x3F));
    } else if (ch < 0x10000) {
        *out++ = (char)(0xE0 | (ch >> 12));
        *out++ = (char)(0x80 | ((ch >> 6) & 0x3F));
        *out++ = (char)(0x80 | (ch & 0x3F));
    } else {
        *out++ = (char)(0xF0 | (ch >> 18));
        *out++ = (char)(0x80 | ((ch >> 12) & 0x3F));
        *out++ = (char)(0x80 | ((ch >> 6) & 0x3F));
        *out++ = (char)(0x80 | (ch & 0x3F));
    }
    return out;
}

const char *hl_str_as_utf8(HLObject *s, hl_ssize_t *len)
{
    if (HL_STR_IS_ASCII(s)) {
        if (len)
            *len = HL_STR_LEN(s);
        return HL_STR_DATA(s);
    }
    HLCompactUnicodeObject *c = (HLCompactUnicodeObject *)s;
    if (c->utf8 == NULL) {
        hl_ssize_t size = utf8_size(s);
        if (size < 0)
            return NULL;
        char *buf = hl_mem_malloc((size_t)size + 1);
        if (buf == NULL) {
            hl_err_nomemory();
            return NULL;
        }
        unsigned kind = HL_STR_KIND(s);
        const void *d = HL_STR_DATA(s);
        char *o = buf;
        for (hl_ssize_t i = 0; i < HL_STR_LEN(s); i++)
            o = utf8_encode_into(o, hl_str_read(kind, d, i));
        *o = 0;
        c->utf8 = buf;
        c->utf8_length = size;
    }
    if (len)
        *len = c->utf8_length;
    return c->utf8;
}

void hl_str_write_utf8(hl_strbuf *out, HLObject *s)
{
    if (HL_STR_IS_ASCII(s)) {
        hl_sb_append(out, HL_STR_DATA(s), (size_t)HL_STR_LEN(s));
        return;
    }
    HLCompactUnicodeObject *c = (HLCompactUnicodeObject *)s;
    if (c->utf8 != NULL) {
        hl_sb_append(out, c->utf8, (size_t)c->utf8_length);
        return;
    }
    unsigned kind = HL_STR_KIND(s);
    const void *d = HL_STR_DATA(s);
    char tmp[256];
    size_t k = 0;
    for (hl_ssize_t i = 0; i < HL_STR_LEN(s); i++) {
        uint32_t ch = hl_str_read(kind, d, i);
        if (ch >= 0xD800 && ch <= 0xDFFF)
            ch = 0xFFFD; /* output only: never fail half-way through a line */
        k = (size_t)(utf8_encode_into(tmp + k, ch) - tmp);
        if (k > sizeof tmp - 4) {
            hl_sb_append(out, tmp, k);
            k = 0;
        }
    }
    hl_sb_append(out, tmp, k);
}

int hl_str_write_utf8_strict(hl_strbuf *out, HLObject *s)
{
    if (!HL_STR_IS_ASCII(s) && ((HLCompactUnicodeObject *)s)->utf8 == NULL && utf8_size(s) < 0)
        return -1;
    hl_str_write_utf8(out, s);
    return 0;
}

/* ---------------------------------------------------------------------------
 * Hash: SipHash-1-3, key (0, 0).
 */
#define ROTL64(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define SIP_HALF_ROUND(a, b, c, d, s, t)                                       \
    a += b;                                                                    \
    c += d;                                                                    \
    b = ROTL64(b, s) ^ a;                                                      \
    d = ROTL64(d, t) ^ c;                                                      \
    a = ROTL64(a, 32);
#define SIP_ROUND(v0, v1, v2, v3)                                              \
    SIP_HALF_ROUND(v0, v1, v2, v3, 13, 16);                                    \
    SIP_HALF_ROUND(v2, v1, v0, v3, 17, 21);

static uint64_t siphash13(uint64_t k0, uint64_t k1, const uint8_t *in, size_t n)
{
    uint64_t v0 = k0 ^ 0x736f6d6570736575ULL, v1 = k1 ^ 0x646f72616e646f6dULL;
    uint64_t v2 = k0 ^ 0x6c7967656e657261ULL, v3 = k1 ^ 0x7465646279746573ULL;
    uint64_t b = (uint64_t)n << 56;
    while (n >= 8) {
        uint64_t m = 0;
        for (int i = 7; i >= 0; i--)
            m = (m << 8) | in[i]; /* little-endian word, any alignment */
        v3 ^= m;
        SIP_ROUND(v0, v1, v2, v3);
        v0 ^= m;
        in += 8;
        n -= 8;
    }
    uint64_t t = 0;
    for (size_t i = 0; i < n; i++)
        t |= (uint64_t)in[i] << (8 * i);
    b |= t;
    v3 ^= b;
    SIP_ROUND(v0, v1, v2, v3);
    v0 ^= b;
    v2 ^= 0xff;
    SIP_ROUND(v0, v1, v2, v3);
    SIP_ROUND(v0, v1, v2, v3);
    SIP_ROUND(v0, v1, v2, v3);
    return (v0 ^ v1) ^ (v2 ^ v3);
}

hl_hash_t hl_str_hash(HLObject *s)
{
    HLASCIIObject *a = (HLASCIIObject *)s;
    if (a->hash != -1)
        return a->hash;
    hl_hash_t x;
    hl_ssize_t n = a->length;
    if (n == 0) {
        x = 0;
    } else {
        x = (hl_hash_t)(uint32_t)siphash13(0, 0, HL_STR_DATA(s), (size_t)n * HL_STR_KIND(s));
        if (x == -1)
            x = -2;
    }
    a->hash = x;
    return x;
}

/* ---------------------------------------------------------------------------
 * Comparison.
 */
int hl_str_eq(HLObject *a, HLObject *b)
{
    if (a == b)
        return 1;
    hl_ssize_t n = HL_STR_LEN(a);
    if (n != HL_STR_LEN(b) || HL_STR_KIND(a) != HL_STR_KIND(b))
        return 0;
    return memcmp(HL_STR_DATA(a), HL_STR_DATA(b), (size_t)n * HL_STR_KIND(a)) == 0;
}

int hl_str_eq_cstr(HLObject *a, const char *s)
{
    size_t n = strlen(s);
    if (HL_STR_IS_ASCII(a))
        return (size_t)HL_STR_LEN(a) == n && memcmp(HL_STR_DATA(a), s, n) == 0;
    const unsigned char *p = (const unsigned char *)s, *end = p + n, *bad;
    const char *reason;
    unsigned kind = HL_STR_KIND(a);
    const void *d = HL_STR_DATA(a);
    hl_ssize_t i = 0, len = HL_STR_LEN(a);
    while (p < end) {
        uint32_t ch;
        int k = hl_utf8_decode_one(p, end, &ch, &bad, &reason);
        if (k == 0 || i >= len || hl_str_read(kind, d, i) != ch)
            return 0;
        p += k;
        i++;
    }
    return i == len;
}

int hl_str_compare(HLObject *a, HLObject *b)
{
    if (a == b)
        return 0;
    hl_ssize_t la = HL_STR_LEN(a), lb = HL_STR_LEN(b), n = la < lb ? la : lb;
    unsigned ka = HL_STR_KIND(a), kb = HL_STR_KIND(b);
    const void *da = HL_STR_DATA(a), *db = HL_STR_DATA(b);
    if (ka == 1 && kb == 1) {
        int c = memcmp(da, db, (size_t)n);
        if (c != 0)
            return c < 0 ? -1 : 1;
    } else {
        for (hl_ssize_t i = 0; i < n; i++) {
            uint32_t x = hl_str_read(ka, da, i), y = hl_str_read(kb, db, i);
            if (x != y)
                return x < y ? -1 : 1;
        }
    }
    return la < lb ? -1 : la > lb ? 1 : 0;
}

static HLObject *str_richcompare(HLObject *a, HLObject *b, int op)
{
    if (!hl_str_check(a) || !hl_str_check(b))
        return hl_newref(HL_NotImplemented);
    int r;
    if (a == b) {
        r = op == HL_EQ || op == HL_LE || op == HL_GE;
    } else if (op == HL_EQ || op == HL_NE) {
        r = hl_str_eq(a, b) == (op == HL_EQ);
    } else {
        int c = hl_str_compare(a, b);
        switch (op) {
        case HL_LT: r = c < 0; break;
        case HL_LE: r = c <= 0; break;
        case HL_GT: r = c > 0; break;
        default: r = c >= 0; break;
        }
    }
    return hl_bool_from_long(r);
}

/* ---------------------------------------------------------------------------
 * Concatenation and repetition.
 */
HLObject *hl_str_concat(HLObject *left, HLObject *right)
{
    if (!hl_str_check(left))
        return hl_err_format(hl_exc_TypeError, "must be str, not %s", HL_TYPE(left)->tp_name);
    if (!hl_str_check(right))
        return hl_err_format(hl_exc_TypeError, "can only concatenate str (not \"%s\") to str",
                             HL_TYPE(right)->tp_name);
    if (left == EMPTY)
        return hl_str_from_object(right);
    if (right == EMPTY)
        return hl_str_from_object(left);
    hl_ssize_t ll = HL_STR_LEN(left), rl = HL_STR_LEN(right);
    if (ll > HL_SSIZE_T_MAX - rl) {
        hl_err_set_string(hl_exc_OverflowError, "strings are too large to concat");
        return NULL;
    }
    uint32_t ml = HL_STR_MAX_CHAR_VALUE(left), mr = HL_STR_MAX_CHAR_VALUE(right);
    HLObject *r = hl_str_new(ll + rl, ml > mr ? ml : mr);
    if (r == NULL)
        return NULL;
    hl_str_copy_chars(r, 0, left, 0, ll);
    hl_str_copy_chars(r, ll, right, 0, rl);
    return r;
}

/* PyUnicode_Append */
void hl_str_append(HLObject **pleft, HLObject *right)
{
    HLObject *left = *pleft;
    if (left == NULL || right == NULL || !hl_str_check(left) || !hl_str_check(right)) {
        if (!hl_err_occurred())
            hl_err_set_string(hl_exc_SystemError, "bad argument to internal function");
        HL_CLEAR(*pleft);
        return;
    }
    if (left == EMPTY) {
        hl_decref(left);
        *pleft = hl_newref(right);
        return;
    }
    if (right == EMPTY)
        return;
    hl_ssize_t ll = HL_STR_LEN(left), rl = HL_STR_LEN(right);
    if (ll > HL_SSIZE_T_MAX - rl) {
        hl_err_set_string(hl_exc_OverflowError, "strings are too large to concat");
        HL_CLEAR(*pleft);
        return;
    }
    /* In place only when the kind stays: ASCII -> Latin-1 would change the
     * header size and move every character anyway. */
    if (str_modifiable(left) && hl_str_check_exact(right) && HL_STR_KIND(right) <= HL_STR_KIND(left) &&
        !(HL_STR_IS_ASCII(left) && !HL_STR_IS_ASCII(right))) {
        HLObject *n = resize_compact(left, ll + rl);
        if (n == NULL) {
            HL_CLEAR(*pleft);
            return;
        }
        *pleft = n;
        hl_str_copy_chars(n, ll, right, 0, rl);
        return;
    }
    uint32_t ml = HL_STR_MAX_CHAR_VALUE(left), mr = HL_STR_MAX_CHAR_VALUE(right);
    HLObject *r = hl_str_new(ll + rl, ml > mr ? ml : mr);
    if (r == NULL) {
        HL_CLEAR(*pleft);
        return;
    }
    hl_str_copy_chars(r, 0, left, 0, ll);
    hl_str_copy_chars(r, ll, right, 0, rl);
    hl_decref(left);
    *pleft = r;
}

HLObject *hl_str_repeat(HLObject *s, hl_ssize_t n)
{
    if (n < 1)
        return hl_str_empty();
    if (n == 1)
        return hl_str_from_object(s);
    hl_ssize_t len = HL_STR_LEN(s);
    if (len > HL_SSIZE_T_MAX / n) {
        hl_err_set_string(hl_exc_OverflowError, "repeated string is too long");
        return NULL;
    }
    HLObject *r = hl_str_new(len * n, HL_STR_MAX_CHAR_VALUE(s));
    if (r == NULL || len == 0)
        return r;
    unsigned kind = HL_STR_KIND(s);
    size_t unit = (size_t)len * kind, total = unit * (size_t)n;
    char *d = HL_STR_DATA(r);
    memcpy(d, HL_STR_DATA(s), unit);
    for (size_t done = unit; done < total;) { /* doubling copies */
        size_t c = done <= total - done ? done : total - done;
        memcpy(d + done, d, c);
        done += c;
    }
    return r;
}

/* ---------------------------------------------------------------------------
 * Interning.
 */
void hl_str_intern_inplace(HLObject **p)
{
    HLObject *s = *p;
    if (s == NULL || !hl_str_check_exact(s))
        return;
    if (HL_STATE_INTERNED(((HLASCIIObject *)s)->state))
        return;
    if (interned == NULL) {
        interned = hl_dict_new();
        if (interned == NULL) {
            hl_err_clear();
            return;
        }
    }
    HLObject *t = hl_dict_set_default(interned, s, s);
    if (t == NULL) {
        hl_err_clear();
        return;
    }
    if (t != s) {
        hl_incref(t);
        HL_SETREF(*p, t);
        return;
    }
    /* The dict's key and value references are not counted. */
    s->ob_refcnt -= 2;
    ((HLASCIIObject *)s)->state |= HL_SSTATE_INTERNED_MORTAL;
}

HLObject *hl_str_intern_from_cstr(const char *cs)
{
    HLObject *s = hl_str_from_cstr(cs);
    if (s != NULL)
        hl_str_intern_inplace(&s);
    return s;
}

int hl_str_all_name_chars(HLObject *s)
{
    if (!HL_STR_IS_ASCII(s))
        return 0;
    const uint8_t *p = HL_STR_DATA(s);
    for (hl_ssize_t i = 0; i < HL_STR_LEN(s); i++) {
        uint8_t c = p[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return 0;
    }
    return 1;
}

/* ---------------------------------------------------------------------------
 * repr (unicode_repr): a first pass sizes the result and picks the quote,
 * a second writes it into a string allocated at its exact size.
 */
static const char hexdigits[] = "0123456789abcdef";

HLObject *hl_str_repr(HLObject *s)
{
    hl_ssize_t n = HL_STR_LEN(s), osize = 0, squote = 0, dquote = 0;
    unsigned kind = HL_STR_KIND(s);
    const void *d = HL_STR_DATA(s);
    uint32_t max = 127;
    for (hl_ssize_t i = 0; i < n; i++) {
        uint32_t ch = hl_str_read(kind, d, i);
        hl_ssize_t incr = 1;
        switch (ch) {
        case '\'': squote++; break;
        case '"': dquote++; break;
        case '\\': case '\t': case '\r': case '\n': incr = 2; break;
        default:
            if (ch < ' ' || ch == 0x7F)
                incr = 4;
            else if (ch < 0x7F)
                ;
            else if (hl_unicode_isprintable(ch))
                max = ch > max ? ch : max;
            else if (ch < 0x100)
                incr = 4;
            else if (ch < 0x10000)
                incr = 6;
            else
                incr = 10;
        }
        if (osize > HL_SSIZE_T_MAX - incr) {
            hl_err_set_string(hl_exc_OverflowError, "string is too long to generate repr");
            return NULL;
        }
        osize += incr;
    }
    uint32_t quote = '\'';
    if (squote) {
        if (dquote)
            osize += squote; /* both quotes present: escape the single ones */
        else
            quote = '"';
    }
    osize += 2;
    HLObject *r = hl_str_new(osize, max);
    if (r == NULL)
        return NULL;
    unsigned ok = HL_STR_KIND(r);
    void *od = HL_STR_DATA(r);
    hl_ssize_t o = 0;
#define PUT(c)                                                                 \
    do {                                                                       \
        uint32_t _c = (c);                                                     \
        if (ok == 1)                                                           \
            ((uint8_t *)od)[o++] = (uint8_t)_c;                                \
        else if (ok == 2)                                                      \
            ((uint16_t *)od)[o++] = (uint16_t)_c;                              \
        else                                                                   \
            ((uint32_t *)od)[o++] = _c;                                        \
    } while (0)
    PUT(quote);
    for (hl_ssize_t i = 0; i < n; i++) {
        uint32_t ch = hl_str_read(kind, d, i);
        if (ch == quote || ch == '\\') {
            PUT('\\');
            PUT(ch);
        } else if (ch == '\t') {
            PUT('\\');
            PUT('t');
        } else if (ch == '\n') {
            PUT('\\');
            PUT('n');
        } else if (ch == '\r') {
            PUT('\\');
            PUT('r');
        } else if (ch < ' ' || ch == 0x7F) {
            PUT('\\');
            PUT('x');
            PUT(hexdigits[(ch >> 4) & 0xF]);
            PUT(hexdigits[ch & 0xF]);
        } else if (ch < 0x7F || hl_unicode_isprintable(ch)) {
            PUT(ch);
        } else {
            int digits = ch < 0x100 ? 2 : ch < 0x10000 ? 4 : 8;
            PUT('\\');
            PUT(digits == 2 ? 'x' : digits == 4 ? 'u' : 'U');
            for (int k = digits - 1; k >= 0; k--)
                PUT(hexdigits[(ch >> (4 * k)) & 0xF]);
        }
    }
    PUT(quote);
#undef PUT
    return r;
}

/* ---------------------------------------------------------------------------
 * Sequence and mapping slots.
 */
static hl_ssize_t str_length(HLObject *s) { return HL_STR_LEN(s); }

/* unicode_getitem */
HLObject *hl_str_get_item(HLObject *s, hl_ssize_t i)
{
    if (i < 0 || i >= HL_STR_LEN(s)) {
        hl_err_set_string(hl_exc_IndexError, "string index out of range");
        return NULL;
    }
    return hl_str_from_char(hl_str_read_char(s, i));
}

static HLObject *str_subscript(HLObject *s, HLObject *item)
{
    if (hl_index_check(item)) {
        hl_ssize_t i = hl_number_as_ssize(item, hl_exc_IndexError);
        if (i == -1 && hl_err_occurred())
            return NULL;
        if (i < 0)
            i += HL_STR_LEN(s);
        return hl_str_get_item(s, i);
    }
    if (!hl_slice_check(item))
        return hl_err_format(hl_exc_TypeError, "string indices must be integers, not '%s'",
                             HL_TYPE(item)->tp_name);
    hl_ssize_t start, stop, step;
    if (hl_slice_unpack(item, &start, &stop, &step) < 0)
        return NULL;
    hl_ssize_t len = HL_STR_LEN(s);
    hl_ssize_t n = hl_slice_adjust_indices(len, &start, &stop, step);
    if (n <= 0)
        return hl_str_empty();
    if (start == 0 && step == 1 && n == len)
        return hl_str_from_object(s);
    if (step == 1)
        return hl_str_substring(s, start, start + n);
    /* A general step makes a fresh string even of one character, as in
     * CPython ('abc'[::5] is not the singleton 'a'). */
    unsigned kind = HL_STR_KIND(s);
    const void *d = HL_STR_DATA(s);
    uint32_t maxchar = 0x7F;
    if (!HL_STR_IS_ASCII(s)) {
        uint32_t limit = kind == 1 ? 0x100 : kind == 2 ? 0x10000 : MAX_UNICODE + 1;
        maxchar = 0;
        hl_ssize_t cur = start;
        for (hl_ssize_t i = 0; i < n; i++, cur += step) {
            uint32_t ch = hl_str_read(kind, d, cur);
            if (ch > maxchar) {
                maxchar = ch;
                if (maxchar >= limit)
                    break;
            }
        }
    }
    HLObject *r = hl_str_new(n, maxchar);
    if (r == NULL)
        return NULL;
    unsigned rk = HL_STR_KIND(r);
    void *rd = HL_STR_DATA(r);
    hl_ssize_t cur = start;
    for (hl_ssize_t i = 0; i < n; i++, cur += step) {
        uint32_t ch = hl_str_read(kind, d, cur);
        if (rk == 1)
            ((uint8_t *)rd)[i] = (uint8_t)ch;
        else if (rk == 2)
            ((uint16_t *)rd)[i] = (uint16_t)ch;
        else
            ((uint32_t *)rd)[i] = ch;
    }
    return r;
}

static HLObject *str_sq_item(HLObject *s, hl_ssize_t i) { return hl_str_get_item(s, i); }

static HLObject *str_sq_repeat(HLObject *s, hl_ssize_t n) { return hl_str_repeat(s, n); }

static int str_sq_contains(HLObject *s, HLObject *sub) { return hl_str_contains(s, sub); }

static HLObject *str_mod(HLObject *v, HLObject *w)
{
    if (!hl_str_check(v))
        return hl_newref(HL_NotImplemented);
    return hl_str_mod(v, w);
}

static hl_hash_t str_hash_slot(HLObject *s) { return hl_str_hash(s); }

/* tp_str: an exact str is its own str(); a subclass instance is copied. */
static HLObject *str_str(HLObject *s) { return hl_str_from_object(s); }

hl_ssize_t hl_str_sizeof(HLObject *s)
{
    hl_ssize_t n = HL_STR_LEN(s), size;
    if (HL_STR_IS_COMPACT(s) && HL_STR_IS_ASCII(s))
        size = (hl_ssize_t)sizeof(HLASCIIObject) + n + 1;
    else if (HL_STR_IS_COMPACT(s))
        size = (hl_ssize_t)sizeof(HLCompactUnicodeObject) + (n + 1) * (hl_ssize_t)HL_STR_KIND(s);
    else {
        size = (hl_ssize_t)sizeof(HLUnicodeObject);
        if (((HLUnicodeObject *)s)->data != NULL)
            size += (n + 1) * (hl_ssize_t)HL_STR_KIND(s);
    }
    if (has_utf8_memory(s))
        size += ((HLCompactUnicodeObject *)s)->utf8_length + 1;
    return size;
}

/* ---------------------------------------------------------------------------
 * Iterators: str_ascii_iterator for compact ASCII strings, str_iterator
 * otherwise (3.11).  GC objects, tracked at creation like CPython's.
 */
typedef struct {
    HLObject ob_base;
    hl_ssize_t it_index;
    HLObject *it_seq; /* NULL when exhausted */
} striterobject;

static HLObject *str_iter(HLObject *s)
{
    HLTypeObject *tp = HL_STR_IS_ASCII(s) && HL_STR_IS_COMPACT(s) ? &hl_str_ascii_iter_type
                                                                  : &hl_str_iter_type;
    striterobject *it = (striterobject *)hl_gc_new(tp);
    if (it == NULL)
        return NULL;
    it->it_index = 0;
    it->it_seq = hl_newref(s);
    hl_gc_track(it);
    return (HLObject *)it;
}

static void striter_dealloc(HLObject *op)
{
    striterobject *it = (striterobject *)op;
    hl_gc_untrack(op);
    hl_xdecref(it->it_seq);
    hl_gc_del(op);
}

static int striter_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    HL_VISIT(((striterobject *)op)->it_seq);
    return 0;
}

static HLObject *striter_next(HLObject *op)
{
    striterobject *it = (striterobject *)op;
    HLObject *seq = it->it_seq;
    if (seq == NULL)
        return NULL;
    if (it->it_index < HL_STR_LEN(seq))
        return hl_str_from_char(hl_str_read_char(seq, it->it_index++));
    it->it_seq = NULL;
    hl_decref(seq);
    return NULL;
}

static HLObject *striter_ascii_next(HLObject *op)
{
    striterobject *it = (striterobject *)op;
    HLObject *seq = it->it_seq;
    if (seq == NULL)
        return NULL;
    if (it->it_index < HL_STR_LEN(seq)) {
        uint8_t ch = ((uint8_t *)HL_STR_DATA(seq))[it->it_index++];
        return hl_newref(LATIN1(ch));
    }
    it->it_seq = NULL;
    hl_decref(seq);
    return NULL;
}

static HLObject *striter_self(HLObject *op) { return hl_newref(op); }

static HLObject *striter_length_hint(HLObject *op, HLObject *const *args, hl_ssize_t nargs,
                                     HLObject *kwnames)
{
    striterobject *it = (striterobject *)op;
    hl_ssize_t n = it->it_seq ? HL_STR_LEN(it->it_seq) - it->it_index : 0;
    return hl_long_from_ssize(n);
}

static HLMethodDef striter_methods[] = {
    {"__length_hint__", striter_length_hint, HL_METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {NULL, NULL, 0, NULL},
};

HLTypeObject hl_str_iter_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "str_iterator",
    .tp_basicsize = sizeof(striterobject),
    .tp_dealloc = striter_dealloc,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = striter_traverse,
    .tp_iter = striter_self,
    .tp_iternext = striter_next,
    .tp_methods = striter_methods,
};

HLTypeObject hl_str_ascii_iter_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "str_ascii_iterator",
    .tp_basicsize = sizeof(striterobject),
    .tp_dealloc = striter_dealloc,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = striter_traverse,
    .tp_iter = striter_self,
    .tp_iternext = striter_ascii_next,
    .tp_methods = striter_methods,
};

/* ---------------------------------------------------------------------------
 * str(object='', encoding='utf-8', errors='strict')
 */
static HLObject *str_new_impl(HLObject *x, HLObject *encoding, HLObject *errors)
{
    if (encoding != NULL && !hl_str_check(encoding))
        return hl_err_format(hl_exc_TypeError, "str() argument 'encoding' must be str, not %s",
                             encoding == HL_None ? "None" : HL_TYPE(encoding)->tp_name);
    if (errors != NULL && !hl_str_check(errors))
        return hl_err_format(hl_exc_TypeError, "str() argument 'errors' must be str, not %s",
                             errors == HL_None ? "None" : HL_TYPE(errors)->tp_name);
    if (x == NULL)
        return hl_str_empty();
    if (encoding == NULL && errors == NULL)
        return hl_object_str(x);
    /* heaplab has no bytes-like objects: nothing can be decoded. */
    if (hl_str_check(x))
        return hl_err_format(hl_exc_TypeError, "decoding str is not supported");
    return hl_err_format(hl_exc_TypeError, "decoding to str: need a bytes-like object, %s found",
                         HL_TYPE(x)->tp_name);
}

/* unicode_subtype_new: the characters go to a separate block. */
static HLObject *str_subtype_new(HLTypeObject *type, HLObject *unicode)
{
    hl_ssize_t n = HL_STR_LEN(unicode);
    unsigned kind = HL_STR_KIND(unicode);
    HLObject *self = type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    HLUnicodeObject *u = (HLUnicodeObject *)self;
    HLASCIIObject *a = (HLASCIIObject *)self;
    int ascii = HL_STR_IS_ASCII(unicode);
    a->length = n;
    a->hash = ((HLASCIIObject *)unicode)->hash;
    a->state = HL_STATE_MAKE(HL_SSTATE_NOT_INTERNED, kind, ascii) & ~(1u << 5);
    a->wstr = NULL;
    u->_base.utf8 = NULL;
    u->_base.utf8_length = 0;
    u->_base.wstr_length = 0;
    u->data = NULL;
    void *data = hl_mem_malloc(((size_t)n + 1) * kind);
    if (data == NULL) {
        hl_decref(self);
        return hl_err_nomemory();
    }
    memcpy(data, HL_STR_DATA(unicode), ((size_t)n + 1) * kind);
    u->data = data;
    if (ascii) { /* ASCII data is its own UTF-8 */
        u->_base.utf8 = data;
        u->_base.utf8_length = n;
    }
    return self;
}

static HLObject *str_new(HLTypeObject *type, HLObject *args, HLObject *kwargs)
{
    static const char *const kwlist[] = {"object", "encoding", "errors"};
    HLObject *vals[3] = {NULL, NULL, NULL};
    hl_ssize_t nargs = HL_SIZE(args);
    hl_ssize_t nkw = kwargs ? hl_dict_size(kwargs) : 0;
    if (nargs + nkw > 3) {
        return hl_err_format(hl_exc_TypeError, "str() takes at most 3 arguments (%zd given)",
                             nargs + nkw);
    }
    for (hl_ssize_t i = 0; i < nargs; i++)
        vals[i] = HL_TUPLE_GET(args, i);
    if (kwargs != NULL) {
        hl_ssize_t pos = 0;
        HLObject *k, *v;
        while (hl_dict_next(kwargs, &pos, &k, &v)) {
            int found = -1;
            for (int j = 0; j < 3; j++)
                if (hl_str_check(k) && hl_str_eq_cstr(k, kwlist[j]))
                    found = j;
            if (found < 0) {
                if (!hl_str_check(k))
                    return hl_err_format(hl_exc_TypeError, "keywords must be strings");
                return hl_err_format(hl_exc_TypeError, "'%U' is an invalid keyword argument for str()", k);
            }
            if (found < nargs)
                return hl_err_format(hl_exc_TypeError,
                                     "argument for str() given by name ('%s') and position (%d)",
                                     kwlist[found], found + 1);
            vals[found] = v;
        }
    }
    HLObject *unicode = str_new_impl(vals[0], vals[1], vals[2]);
    if (unicode == NULL || type == &hl_str_type)
        return unicode;
    HLObject *self = str_subtype_new(type, unicode);
    hl_decref(unicode);
    return self;
}

/* ---------------------------------------------------------------------------
 * The type object.
 */
static HLNumberMethods str_as_number = {
    .nb_remainder = str_mod,
};

static HLSequenceMethods str_as_sequence = {
    .sq_length = str_length,
    .sq_concat = hl_str_concat,
    .sq_repeat = str_sq_repeat,
    .sq_item = str_sq_item,
    .sq_contains = str_sq_contains,
};

static HLMappingMethods str_as_mapping = {
    .mp_length = str_length,
    .mp_subscript = str_subscript,
};

HLTypeObject hl_str_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "str",
    .tp_basicsize = sizeof(HLUnicodeObject), /* 40, as CPython's str.__basicsize__ */
    .tp_itemsize = 0,
    .tp_dealloc = str_dealloc,
    .tp_repr = hl_str_repr,
    .tp_as_number = &str_as_number,
    .tp_as_sequence = &str_as_sequence,
    .tp_as_mapping = &str_as_mapping,
    .tp_hash = str_hash_slot,
    .tp_str = str_str,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_BASETYPE | HL_TPFLAGS_UNICODE_SUBCLASS,
    .tp_doc = "str(object='') -> str\n"
              "str(bytes_or_buffer[, encoding[, errors]]) -> str\n\n"
              "Create a new string object from the given object. If encoding or\n"
              "errors is specified, then the object must expose a data buffer\n"
              "that will be decoded using the given encoding and error handler.\n"
              "Otherwise, returns the result of object.__str__() (if defined)\n"
              "or repr(object).\n"
              "encoding defaults to sys.getdefaultencoding().\n"
              "errors defaults to 'strict'.",
    .tp_richcompare = str_richcompare,
    .tp_iter = str_iter,
    .tp_methods = hl_str_methods,
    .tp_new = str_new,
    .tp_free = hl_object_free,
};
