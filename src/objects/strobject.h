/*
 * strobject.h — str, with CPython 3.11's compact representation (PEP 393).
 *
 * A string stores its characters in the smallest unit that fits its widest
 * character: 1 byte (ASCII or Latin-1), 2 bytes (UCS-2) or 4 bytes (UCS-4),
 * right after the header, NUL-terminated.
 *
 *   ASCII:      [HLASCIIObject 24 bytes][chars][NUL]
 *   otherwise:  [HLCompactUnicodeObject 36 bytes][chars][NUL]
 *   instance of a str subclass (not compact, as in CPython):
 *               [HLUnicodeObject 40 bytes + the subclass's own fields]
 *               with the characters in a separate block (`data`)
 *
 * so sys.getsizeof('') == 25 and sys.getsizeof('\u1234') == 40 on 32-bit.
 * '' and the 256 one-character Latin-1 strings are statically allocated
 * (refcount 999999999).  Interned strings live in a dict whose two
 * references do not count (3.11's "mortal" interning).
 *
 * Strings are always in their narrowest form: a string of kind 2 contains
 * at least one character above U+00FF, so it can never occur inside a
 * string of kind 1 (searches rely on it).
 */
#ifndef HL_STROBJECT_H
#define HL_STROBJECT_H

#include <stdarg.h>

#include <stdarg.h>

#include "../runtime/object.h"

/* state word, bit by bit (explicit masks: the layout must not depend on
 * the compiler's bit-field order):
 *   bits 0-1  interned: 0 not, 1 mortal, 2 immortal
 *   bits 2-4  kind: 1, 2 or 4 bytes per character
 *   bit  5    compact: characters follow the header (0 only for
 *             instances of str subclasses)
 *   bit  6    ascii
 *   bit  7    ready (always 1 here)
 */
#define HL_SSTATE_NOT_INTERNED 0
#define HL_SSTATE_INTERNED_MORTAL 1
#define HL_SSTATE_INTERNED_IMMORTAL 2
#define HL_STATE_INTERNED(st) ((st) & 3u)
#define HL_STATE_KIND(st) (((st) >> 2) & 7u)
#define HL_STATE_COMPACT(st) (((st) >> 5) & 1u)
#define HL_STATE_ASCII(st) (((st) >> 6) & 1u)
#define HL_STATE_MAKE(interned, kind, ascii) \
    ((unsigned)(interned) | ((unsigned)(kind) << 2) | (1u << 5) | ((unsigned)(ascii) << 6) | (1u << 7))

typedef struct HLASCIIObject {
    HLObject ob_base;
    hl_ssize_t length; /* number of code points */
    hl_hash_t hash;    /* -1 until computed */
    uint32_t state;
    void *wstr;        /* unused (always NULL); kept for the 3.11 layout */
} HLASCIIObject;

typedef struct HLCompactUnicodeObject {
    HLASCIIObject _base;
    hl_ssize_t utf8_length;
    char *utf8;        /* UTF-8 cache, filled by hl_str_as_utf8 */
    hl_ssize_t wstr_length;
} HLCompactUnicodeObject;

/* Instances of str subclasses (CPython's PyUnicodeObject). */
typedef struct HLUnicodeObject {
    HLCompactUnicodeObject _base;
    void *data; /* the characters, in a block of their own */
} HLUnicodeObject;

#define HL_STR_KIND_1BYTE 1
#define HL_STR_KIND_2BYTE 2
#define HL_STR_KIND_4BYTE 4

#define hl_str_check(o) HL_HAS_FLAG(o, HL_TPFLAGS_UNICODE_SUBCLASS)
#define hl_str_check_exact(o) HL_IS_TYPE(o, &hl_str_type)

static inline hl_ssize_t HL_STR_LEN(HLObject *o) { return ((HLASCIIObject *)o)->length; }
static inline unsigned HL_STR_KIND(HLObject *o) { return HL_STATE_KIND(((HLASCIIObject *)o)->state); }
static inline int HL_STR_IS_ASCII(HLObject *o) { return HL_STATE_ASCII(((HLASCIIObject *)o)->state); }
static inline int HL_STR_IS_COMPACT(HLObject *o) { return HL_STATE_COMPACT(((HLASCIIObject *)o)->state); }
static inline void *HL_STR_DATA(HLObject *o)
{
    if (HL_UNLIKELY(!HL_STR_IS_COMPACT(o)))
        return ((HLUnicodeObject *)o)->data;
    return HL_STR_IS_ASCII(o) ? (void *)((HLASCIIObject *)o + 1)
                              : (void *)((HLCompactUnicodeObject *)o + 1);
}
/* The largest character the string's representation could hold
 * (CPython's PyUnicode_MAX_CHAR_VALUE). */
static inline uint32_t HL_STR_MAX_CHAR_VALUE(HLObject *o)
{
    if (HL_STR_IS_ASCII(o))
        return 0x7F;
    unsigned k = HL_STR_KIND(o);
    return k == 1 ? 0xFF : k == 2 ? 0xFFFF : 0x10FFFF;
}
static inline uint32_t hl_str_read(unsigned kind, const void *data, hl_ssize_t i)
{
    return kind == 1 ? ((const uint8_t *)data)[i]
           : kind == 2 ? ((const uint16_t *)data)[i]
                       : ((const uint32_t *)data)[i];
}
static inline uint32_t hl_str_read_char(HLObject *o, hl_ssize_t i)
{
    return hl_str_read(HL_STR_KIND(o), HL_STR_DATA(o), i);
}

/* Construction. */
HLObject *hl_str_new(hl_ssize_t size, uint32_t maxchar); /* uninitialized */
HLObject *hl_str_from_utf8(const char *s, hl_ssize_t n); /* UnicodeDecodeError on bad input */
HLObject *hl_str_from_cstr(const char *s);
HLObject *hl_str_from_fs(const char *s); /* UTF-8, bad bytes as lone surrogates (fsdecode) */
HLObject *hl_str_from_kind_data(unsigned kind, const void *data, hl_ssize_t n);
HLObject *hl_str_from_ucs4(const uint32_t *chars, hl_ssize_t n);
HLObject *hl_str_from_char(uint32_t ch);
HLObject *hl_str_from_format(const char *fmt, ...);
HLObject *hl_str_from_format_v(const char *fmt, va_list ap); /* see hl_err_format */
HLObject *hl_str_empty(void);                      /* new reference to '' */
HLObject *hl_str_substring(HLObject *s, hl_ssize_t start, hl_ssize_t end);

/* A new str with the characters of any str (subclass instances become
 * exact str; an exact str is returned itself). */
HLObject *hl_str_from_object(HLObject *s);

/* Interning: *p is replaced by the interned equal string. */
void hl_str_intern_inplace(HLObject **p);
HLObject *hl_str_intern_from_cstr(const char *s);
/* Whether every character is a letter, digit or underscore (the rule
 * CPython's compiler uses to intern string constants). */
int hl_str_all_name_chars(HLObject *s);

/* Access. */
/* UTF-8 of s, cached in the string like PyUnicode_AsUTF8AndSize (the cache
 * shows in sys.getsizeof of a non-ASCII string, as in CPython: use it where
 * CPython would, and hl_str_write_utf8 for output).  len may be NULL.
 * NULL + UnicodeEncodeError for lone surrogates. */
const char *hl_str_as_utf8(HLObject *s, hl_ssize_t *len);
hl_hash_t hl_str_hash(HLObject *s);
int hl_str_eq(HLObject *a, HLObject *b);
int hl_str_eq_cstr(HLObject *a, const char *s);
int hl_str_compare(HLObject *a, HLObject *b); /* <0, 0, >0 */
HLObject *hl_str_concat(HLObject *a, HLObject *b);
/* *pleft += right, in place when *pleft is not shared (CPython's
 * PyUnicode_Append, used by the VM for `s += t`): on error *pleft is
 * cleared (decref'd and set to NULL). */
void hl_str_append(HLObject **pleft, HLObject *right);
HLObject *hl_str_join(HLObject *sep, HLObject *iterable);
HLObject *hl_str_join_array(HLObject *sep, HLObject *const *items, hl_ssize_t n);
HLObject *hl_str_repr(HLObject *s);
int hl_str_contains(HLObject *s, HLObject *sub); /* -1 on error */
HLObject *hl_str_format_spec(HLObject *v, HLObject *spec); /* str.__format__ (formatspec.c) */
HLObject *hl_str_mod(HLObject *format, HLObject *args);    /* format % args (strformat.c) */
/* str.format(*args, **kwargs) with args a tuple, kwargs a dict or NULL. */
HLObject *hl_str_format_method(HLObject *format, HLObject *args, HLObject *kwargs);
HLObject *hl_str_repeat(HLObject *s, hl_ssize_t n);
HLObject *hl_str_get_item(HLObject *s, hl_ssize_t i); /* s[i], i >= 0 after adjusting */
HLObject *hl_str_split(HLObject *s, HLObject *sep /* NULL = whitespace */, hl_ssize_t maxsplit);
/* Index of the first occurrence of sub in s[start:end] (direction 1) or of
 * the last (-1); -1 if none, -2 on error. */
hl_ssize_t hl_str_find(HLObject *s, HLObject *sub, hl_ssize_t start, hl_ssize_t end, int direction);
/* Appends the UTF-8 encoding to a text buffer (for output), never filling
 * the cache; lone surrogates become U+FFFD. */
struct hl_strbuf;
void hl_str_write_utf8(struct hl_strbuf *out, HLObject *s);
/* The same, strict like print() to a UTF-8 stream: -1 with
 * UnicodeEncodeError (and nothing appended) for lone surrogates. */
int hl_str_write_utf8_strict(struct hl_strbuf *out, HLObject *s);

/* Counts for the heap view and tests. */
hl_ssize_t hl_str_interned_count(void);
HLObject *hl_str_interned_dict(void); /* borrowed */
/* str.__sizeof__ of CPython 3.11 (without the GC head sys.getsizeof adds
 * for instances of subclasses). */
hl_ssize_t hl_str_sizeof(HLObject *s);
/* Restores the refcounts of interned strings (+2 each), empties and drops
 * the interned dict, frees the singletons' UTF-8 caches: call at shutdown
 * before the heap is torn down (CPython's _PyUnicode_ClearInterned). */
void hl_str_fini(void);

extern HLTypeObject hl_str_iter_type, hl_str_ascii_iter_type;

/* ---------------------------------------------------------------------------
 * hl_strwriter: builds a string of unknown length, exactly as CPython's
 * _PyUnicodeWriter does — same buffers, same sizes, same moments — so that
 * formatting leaves pymalloc in CPython's state: the buffer is a str of
 * min_length characters or more (a quarter more when overallocate is on),
 * widened into a new str when a wider character arrives, and shrunk at
 * the end with a realloc that pymalloc may do in place (the result can
 * stay in a larger size class, as in CPython).  "readonly": a whole str
 * written first, with overallocate off, is kept by reference and becomes
 * the result itself ('%s' % s is s).  Writes return 0, or -1 with an
 * exception set.
 */
typedef struct hl_strwriter {
    HLObject *buffer;     /* the str being filled, or the readonly str */
    void *data;
    unsigned kind;        /* 0 while there is no writable buffer */
    uint32_t maxchar;     /* widest character the buffer's kind holds */
    hl_ssize_t size, pos; /* buffer length, characters written */
    hl_ssize_t min_length;
    uint32_t min_char;
    int overallocate;     /* more writes are expected */
    int readonly;
} hl_strwriter;

void hl_strwriter_init(hl_strwriter *w);
int hl_strwriter_prepare(hl_strwriter *w, hl_ssize_t n, uint32_t maxchar);
int hl_strwriter_put(hl_strwriter *w, uint32_t ch);                  /* WriteCharInline */
int hl_strwriter_fill(hl_strwriter *w, uint32_t ch, hl_ssize_t n);   /* n copies of ch */
int hl_strwriter_write_str(hl_strwriter *w, HLObject *s);            /* WriteStr */
int hl_strwriter_write_substr(hl_strwriter *w, HLObject *s, hl_ssize_t start, hl_ssize_t end);
int hl_strwriter_write_ascii(hl_strwriter *w, const char *s, hl_ssize_t n); /* WriteASCIIString */
HLObject *hl_strwriter_finish(hl_strwriter *w); /* the string; the writer is reset */
void hl_strwriter_dealloc(hl_strwriter *w);

/* Internal helpers shared by strobject.c, strmethods.c and strformat.c. */
HLObject *hl_str_resize(HLObject *s, hl_ssize_t length); /* resize_compact: may move s */
HLObject *hl_str_result(HLObject *s); /* '' / Latin-1 singleton for short results (steals s) */
HLObject *hl_str_new_narrow(unsigned kind, const void *data, hl_ssize_t n); /* from a slice of any kind */
HLObject *hl_str_from_ascii(const char *s, hl_ssize_t n);
HLObject *hl_str_latin1_char(uint32_t ch); /* borrowed singleton, ch < 256 */
uint32_t hl_str_find_max_char(HLObject *s, hl_ssize_t start, hl_ssize_t end);
/* Stores n characters of the given kind into s (which is wide enough). */
void hl_str_store_narrow(HLObject *s, unsigned kind, const void *data, hl_ssize_t n);
/* Decodes the UTF-8 sequence at p: its length (1-4), or 0 with *bad_end
 * (end of the invalid prefix) and *reason in CPython's words. */
int hl_utf8_decode_one(const unsigned char *p, const unsigned char *end, uint32_t *out,
                       const unsigned char **bad_end, const char **reason);
void hl_str_copy_chars(HLObject *to, hl_ssize_t to_start, HLObject *from, hl_ssize_t from_start, hl_ssize_t n);
hl_ssize_t hl_str_count(HLObject *s, HLObject *sub, hl_ssize_t start, hl_ssize_t end, hl_ssize_t maxcount);
/* fastsearch over raw data of one kind (both sides of the same kind). */
#define HL_FAST_SEARCH 1
#define HL_FAST_RSEARCH 2
#define HL_FAST_COUNT 0
hl_ssize_t hl_fastsearch(unsigned kind, const void *s, hl_ssize_t n, const void *p,
                         hl_ssize_t m, hl_ssize_t maxcount, int mode);
/* ADJUST_INDICES: negative indices count from the end, then clip. */
void hl_str_adjust_indices(hl_ssize_t *start, hl_ssize_t *end, hl_ssize_t len);
/* fastsearch of sub in s[start:end] (adjusted): the absolute index (or the
 * count), -1 if not found, -2 on error. */
hl_ssize_t hl_str_search_in(HLObject *s, HLObject *sub, hl_ssize_t start, hl_ssize_t end, int mode,
                            hl_ssize_t maxcount);
extern HLMethodDef hl_str_methods[];
/* tailmatch: whether sub occurs at the start (direction < 0) or the end of
 * s[start:end]. */
int hl_str_tailmatch(HLObject *s, HLObject *sub, hl_ssize_t start, hl_ssize_t end, int direction);
/* Methods defined in strsearch.c, listed in strmethods.c's table. */
HLObject *hl_str_m_find(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames);
HLObject *hl_str_m_rfind(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames);
HLObject *hl_str_m_index(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames);
HLObject *hl_str_m_rindex(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames);
HLObject *hl_str_m_count(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames);
HLObject *hl_str_m_startswith(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames);
HLObject *hl_str_m_endswith(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames);
HLObject *hl_str_m_partition(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames);
HLObject *hl_str_m_rpartition(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames);
HLObject *hl_str_method_format(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames);
HLObject *hl_str_method_format_map(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames);
HLObject *hl_str_method_dunder_format(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames);

#endif /* HL_STROBJECT_H */
