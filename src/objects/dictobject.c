/*
 * dictobject.c — dict's hash table, as in CPython 3.11.
 *
 * Layout.  A dict (HLDictObject, 32 bytes + GC head) points to a keys
 * object allocated as one block:
 *
 *   [header 20 bytes][indices: 2**log2_size slots of 1/2/4 bytes][entries]
 *
 * The index slots hold positions into the entries array (or DKIX_EMPTY /
 * DKIX_DUMMY); entries are appended in insertion order, which is why dicts
 * iterate in insertion order and why deleting leaves a hole until the next
 * resize.  There are three kinds of keys objects:
 *
 *   DICT_KEYS_UNICODE  all keys are exact str: entries are (key, value),
 *                      8 bytes; the hash is read from the str
 *   DICT_KEYS_GENERAL  entries are (hash, key, value), 12 bytes
 *   DICT_KEYS_SPLIT    a class's shared keys: entries hold keys only, each
 *                      instance keeps its values in an HLDictValues array
 *                      with a small prefix recording insertion order
 *
 * A table holds at most 2/3 of its slots (USABLE_FRACTION); when it is full
 * it is rebuilt with room for used*3 (GROWTH_RATE), rounded to a power of
 * two, at least 8.  Probing is CPython's: i = hash & mask, then
 * i = (5*i + perturb + 1) & mask with perturb >>= 5.
 *
 * Memory behaviour that heaplab must show exactly:
 *   - {} shares a static empty keys object (getsizeof({}) == 40);
 *   - up to 80 freed dicts and 80 freed minimal unicode keys objects are
 *     reused; a full collection empties both lists;
 *   - a dict is created untracked and becomes tracked the first time a key
 *     or value that may be a container is stored (MAINTAIN_TRACKING); full
 *     collections untrack dicts holding only atomic objects;
 *   - deallocation decrefs keys and values in insertion order.
 *
 * Instances of classes (3.11's managed dicts) start with a values array and
 * no dict at all; `obj.__dict__`, or an attribute that does not fit the
 * shared keys, materialises a dict around the values (instance functions at
 * the end of this file).
 */
#include "dictobject.h"

#include <string.h>

#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "../runtime/obmalloc.h"
#include "../runtime/strbuf.h"
#include "../runtime/sysmem.h"
#include "abstract.h"
#include "dictimpl.h"
#include "listobject.h"
#include "longobject.h"
#include "strobject.h"
#include "tupleobject.h"

static HLDictObject *free_list[HL_DICT_MAXFREELIST];
static int numfree;
static HLDictKeysObject *keys_free_list[HL_DICT_MAXFREELIST];
static int keys_numfree;

/* The keys of every empty dict.  Its refcount only ever grows. */
static struct {
    HLDictKeysObject k;
    int8_t indices[8];
} empty_keys_struct = {{1, 3, 3, DICT_KEYS_UNICODE, 1, 0, 0},
                       {DKIX_EMPTY, DKIX_EMPTY, DKIX_EMPTY, DKIX_EMPTY, DKIX_EMPTY, DKIX_EMPTY,
                        DKIX_EMPTY, DKIX_EMPTY}};
#define Py_EMPTY_KEYS (&empty_keys_struct.k)

static uint64_t dict_version;
#define DICT_NEXT_VERSION() (++dict_version)

/* ---- keys objects -------------------------------------------------------- */

static inline void dictkeys_incref(HLDictKeysObject *dk) { dk->dk_refcnt++; }

static void free_keys_object(HLDictKeysObject *keys);

void hl_dict_keys_decref(HLDictKeysObject *dk)
{
    if (dk == Py_EMPTY_KEYS) {
        dk->dk_refcnt--;
        return;
    }
    if (--dk->dk_refcnt == 0)
        free_keys_object(dk);
}
#define dictkeys_decref hl_dict_keys_decref

static inline hl_ssize_t dictkeys_get_index(const HLDictKeysObject *keys, hl_ssize_t i)
{
    int log2size = DK_LOG_SIZE(keys);
    if (log2size < 8)
        return ((const int8_t *)keys->dk_indices)[i];
    if (log2size < 16)
        return ((const int16_t *)keys->dk_indices)[i];
    return ((const int32_t *)keys->dk_indices)[i];
}

static inline void dictkeys_set_index(HLDictKeysObject *keys, hl_ssize_t i, hl_ssize_t ix)
{
    int log2size = DK_LOG_SIZE(keys);
    if (log2size < 8)
        ((int8_t *)keys->dk_indices)[i] = (int8_t)ix;
    else if (log2size < 16)
        ((int16_t *)keys->dk_indices)[i] = (int16_t)ix;
    else
        ((int32_t *)keys->dk_indices)[i] = (int32_t)ix;
}

static HLDictKeysObject *new_keys_object(uint8_t log2_size, int unicode)
{
    uint8_t log2_bytes;
    if (log2_size < 8)
        log2_bytes = log2_size;
    else if (log2_size < 16)
        log2_bytes = (uint8_t)(log2_size + 1);
    else
        log2_bytes = (uint8_t)(log2_size + 2);
    size_t entry_size = unicode ? sizeof(HLDictUnicodeEntry) : sizeof(HLDictKeyEntry);
    hl_ssize_t usable = USABLE_FRACTION((hl_ssize_t)1 << log2_size);
    HLDictKeysObject *dk;
    if (log2_size == HL_DICT_LOG_MINSIZE && unicode && keys_numfree > 0) {
        dk = keys_free_list[--keys_numfree];
    } else {
        if (log2_size >= 30)
            return (HLDictKeysObject *)hl_err_nomemory();
        dk = hl_mem_malloc(sizeof(HLDictKeysObject) + ((size_t)1 << log2_bytes) +
                           entry_size * (size_t)usable);
        if (dk == NULL)
            return (HLDictKeysObject *)hl_err_nomemory();
    }
    dk->dk_refcnt = 1;
    dk->dk_log2_size = log2_size;
    dk->dk_log2_index_bytes = log2_bytes;
    dk->dk_kind = unicode ? DICT_KEYS_UNICODE : DICT_KEYS_GENERAL;
    dk->dk_nentries = 0;
    dk->dk_usable = usable;
    dk->dk_version = 0;
    memset(&dk->dk_indices[0], 0xff, (size_t)1 << log2_bytes);
    memset(&dk->dk_indices[(size_t)1 << log2_bytes], 0, entry_size * (size_t)usable);
    return dk;
}

static void free_keys_object(HLDictKeysObject *keys)
{
    hl_ssize_t n = keys->dk_nentries;
    if (DK_IS_UNICODE(keys)) {
        HLDictUnicodeEntry *entries = DK_UNICODE_ENTRIES(keys);
        for (hl_ssize_t i = 0; i < n; i++) {
            hl_xdecref(entries[i].me_key);
            hl_xdecref(entries[i].me_value);
        }
    } else {
        HLDictKeyEntry *entries = DK_ENTRIES(keys);
        for (hl_ssize_t i = 0; i < n; i++) {
            hl_xdecref(entries[i].me_key);
            hl_xdecref(entries[i].me_value);
        }
    }
    if (DK_LOG_SIZE(keys) == HL_DICT_LOG_MINSIZE && keys_numfree < HL_DICT_MAXFREELIST &&
        keys->dk_kind == DICT_KEYS_UNICODE) {
        keys_free_list[keys_numfree++] = keys;
        return;
    }
    hl_mem_free(keys);
}

size_t hl_dict_keys_nbytes(HLDictKeysObject *keys)
{
    size_t es = keys->dk_kind == DICT_KEYS_GENERAL ? sizeof(HLDictKeyEntry) : sizeof(HLDictUnicodeEntry);
    return sizeof(HLDictKeysObject) + ((size_t)1 << keys->dk_log2_index_bytes) +
           (size_t)USABLE_FRACTION(DK_SIZE(keys)) * es;
}

/* ---- values arrays (split tables) ---------------------------------------- */

HLDictValues *hl_dict_new_values(hl_ssize_t size)
{
    /* A prefix of (size+2) bytes rounded to a word: insertion order, the
     * number of values, and the prefix size, just before values[0]. */
    size_t prefix_size = ((size_t)size + 2 + sizeof(HLObject *) - 1) & ~(sizeof(HLObject *) - 1);
    size_t n = prefix_size + (size_t)size * sizeof(HLObject *);
    uint8_t *mem = hl_mem_malloc(n);
    if (mem == NULL)
        return NULL;
    mem[prefix_size - 1] = (uint8_t)prefix_size;
    return (HLDictValues *)(mem + prefix_size);
}

void hl_dict_free_values(HLDictValues *values)
{
    int prefix_size = ((uint8_t *)values)[-1];
    hl_mem_free(((char *)values) - prefix_size);
}

static inline void values_add_to_order(HLDictValues *values, hl_ssize_t ix)
{
    int size = ((uint8_t *)values)[-2];
    ((uint8_t *)values)[-3 - size] = (uint8_t)ix;
    ((uint8_t *)values)[-2] = (uint8_t)(size + 1);
}

static void delete_index_from_values(HLDictValues *values, hl_ssize_t ix)
{
    uint8_t *size_ptr = ((uint8_t *)values) - 2;
    int size = *size_ptr;
    int i;
    for (i = 1; size_ptr[-i] != ix; i++)
        ;
    for (; i < size; i++)
        size_ptr[-i] = size_ptr[-i - 1];
    *size_ptr = (uint8_t)(size - 1);
}

static inline hl_ssize_t shared_keys_usable_size(HLDictKeysObject *keys)
{
    return keys->dk_nentries + keys->dk_usable;
}

/* ---- free lists ---------------------------------------------------------- */

static void clear_freelist(void)
{
    while (numfree)
        hl_gc_del(free_list[--numfree]);
    while (keys_numfree)
        hl_mem_free(keys_free_list[--keys_numfree]);
}

int hl_dict_free_list_count(void) { return numfree; }

void hl_dict_debug_stats(hl_strbuf *out)
{
    hl_debug_allocator_stats(out, "free PyDictObject", numfree, sizeof(HLDictObject));
}

/* ---- creation -------------------------------------------------------------- */

/* Steals the keys reference (and the values on success). */
static HLObject *new_dict(HLDictKeysObject *keys, HLDictValues *values, hl_ssize_t used,
                          int free_values_on_failure)
{
    HLDictObject *mp;
    if (numfree) {
        mp = free_list[--numfree];
        hl_new_reference((HLObject *)mp);
    } else {
        mp = (HLDictObject *)hl_gc_new(&hl_dict_type);
        if (mp == NULL) {
            dictkeys_decref(keys);
            if (free_values_on_failure)
                hl_dict_free_values(values);
            return NULL;
        }
    }
    mp->ma_keys = keys;
    mp->ma_values = values;
    mp->ma_used = used;
    mp->ma_version_tag = DICT_NEXT_VERSION();
    return (HLObject *)mp;
}

HLObject *hl_dict_new(void)
{
    dictkeys_incref(Py_EMPTY_KEYS);
    return new_dict(Py_EMPTY_KEYS, NULL, 0, 0);
}

static uint8_t calculate_log2_keysize(hl_ssize_t minsize);

/* dict_new_presized: room for minused items without resizing, within
 * reason (a display of many items starts big, as in CPython). */
static HLObject *dict_new_presized(hl_ssize_t minused, int unicode)
{
    const uint8_t log2_max_presize = 17;
    const hl_ssize_t max_presize = (hl_ssize_t)1 << log2_max_presize;
    if (minused <= USABLE_FRACTION(HL_DICT_MINSIZE))
        return hl_dict_new();
    uint8_t log2_newsize = minused > USABLE_FRACTION(max_presize)
                               ? log2_max_presize
                               : calculate_log2_keysize((minused * 3 + 1) / 2);
    HLDictKeysObject *keys = new_keys_object(log2_newsize, unicode);
    if (keys == NULL)
        return NULL;
    return new_dict(keys, NULL, 0, 0);
}

HLObject *hl_dict_from_items(HLObject *const *keys, hl_ssize_t keys_offset, HLObject *const *values,
                             hl_ssize_t values_offset, hl_ssize_t length)
{
    int unicode = 1;
    for (hl_ssize_t i = 0; i < length; i++)
        if (!hl_str_check_exact(keys[i * keys_offset])) {
            unicode = 0;
            break;
        }
    HLObject *dict = dict_new_presized(length, unicode);
    if (dict == NULL)
        return NULL;
    for (hl_ssize_t i = 0; i < length; i++)
        if (hl_dict_set_item(dict, keys[i * keys_offset], values[i * values_offset]) < 0) {
            hl_decref(dict);
            return NULL;
        }
    return dict;
}

/* A dict around a class's shared keys (keys reference stolen). */
HLObject *hl_dict_new_with_shared_keys(HLDictKeysObject *keys)
{
    hl_ssize_t size = shared_keys_usable_size(keys);
    HLDictValues *values = hl_dict_new_values(size);
    if (values == NULL) {
        dictkeys_decref(keys);
        return hl_err_nomemory();
    }
    ((uint8_t *)values)[-2] = 0;
    for (hl_ssize_t i = 0; i < size; i++)
        values->values[i] = NULL;
    return new_dict(keys, values, 0, 1);
}

/* ---- lookup ---------------------------------------------------------------- */

static inline hl_hash_t unicode_get_hash(HLObject *o) { return ((HLASCIIObject *)o)->hash; }

/* Returns the entry index of key, DKIX_EMPTY if absent, DKIX_ERROR on error;
 * *value_addr receives the (borrowed) value or NULL.  Comparisons may run
 * Python code that mutates the dict: then the lookup starts over. */
hl_ssize_t hl_dict_lookup(HLDictObject *mp, HLObject *key, hl_hash_t hash, HLObject **value_addr)
{
start:;
    HLDictKeysObject *dk = mp->ma_keys;
    size_t mask = DK_MASK(dk);
    size_t perturb = (size_t)(hl_uhash_t)hash;
    size_t i = (size_t)(hl_uhash_t)hash & mask;
    hl_ssize_t ix;
    if (DK_IS_UNICODE(dk)) {
        HLDictUnicodeEntry *ep0 = DK_UNICODE_ENTRIES(dk);
        if (hl_str_check_exact(key)) {
            for (;;) {
                ix = dictkeys_get_index(dk, (hl_ssize_t)i);
                if (ix >= 0) {
                    HLObject *k = ep0[ix].me_key;
                    if (k == key || (unicode_get_hash(k) == hash && hl_str_eq(k, key)))
                        goto found;
                } else if (ix == DKIX_EMPTY) {
                    *value_addr = NULL;
                    return DKIX_EMPTY;
                }
                perturb >>= PERTURB_SHIFT;
                i = (i * 5 + perturb + 1) & mask;
            }
        }
        /* A non-str key in a str-keyed table: compare generally. */
        for (;;) {
            ix = dictkeys_get_index(dk, (hl_ssize_t)i);
            if (ix >= 0) {
                HLObject *startkey = ep0[ix].me_key;
                if (startkey == key)
                    goto found;
                if (unicode_get_hash(startkey) == hash) {
                    hl_incref(startkey);
                    int cmp = hl_object_richcompare_bool(startkey, key, HL_EQ);
                    hl_decref(startkey);
                    if (cmp < 0) {
                        *value_addr = NULL;
                        return DKIX_ERROR;
                    }
                    if (dk != mp->ma_keys || ep0[ix].me_key != startkey)
                        goto start;
                    if (cmp > 0)
                        goto found;
                }
            } else if (ix == DKIX_EMPTY) {
                *value_addr = NULL;
                return DKIX_EMPTY;
            }
            perturb >>= PERTURB_SHIFT;
            i = (i * 5 + perturb + 1) & mask;
        }
    }
    HLDictKeyEntry *ep0 = DK_ENTRIES(dk);
    for (;;) {
        ix = dictkeys_get_index(dk, (hl_ssize_t)i);
        if (ix >= 0) {
            HLDictKeyEntry *ep = &ep0[ix];
            if (ep->me_key == key)
                goto found;
            if (ep->me_hash == hash) {
                HLObject *startkey = ep->me_key;
                hl_incref(startkey);
                int cmp = hl_object_richcompare_bool(startkey, key, HL_EQ);
                hl_decref(startkey);
                if (cmp < 0) {
                    *value_addr = NULL;
                    return DKIX_ERROR;
                }
                if (dk != mp->ma_keys || ep->me_key != startkey)
                    goto start;
                if (cmp > 0)
                    goto found;
            }
        } else if (ix == DKIX_EMPTY) {
            *value_addr = NULL;
            return DKIX_EMPTY;
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
found:
    if (mp->ma_values)
        *value_addr = mp->ma_values->values[ix];
    else if (DK_IS_UNICODE(dk))
        *value_addr = DK_UNICODE_ENTRIES(dk)[ix].me_value;
    else
        *value_addr = DK_ENTRIES(dk)[ix].me_value;
    return ix;
}

/* Lookup of an exact str in a str-keyed (or split) keys object. */
static hl_ssize_t unicodekeys_lookup_unicode(HLDictKeysObject *dk, HLObject *key, hl_hash_t hash)
{
    HLDictUnicodeEntry *ep0 = DK_UNICODE_ENTRIES(dk);
    size_t mask = DK_MASK(dk), perturb = (size_t)(hl_uhash_t)hash, i = (size_t)(hl_uhash_t)hash & mask;
    for (;;) {
        hl_ssize_t ix = dictkeys_get_index(dk, (hl_ssize_t)i);
        if (ix >= 0) {
            HLObject *k = ep0[ix].me_key;
            if (k == key || (unicode_get_hash(k) == hash && hl_str_eq(k, key)))
                return ix;
        } else if (ix == DKIX_EMPTY) {
            return DKIX_EMPTY;
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

/* Where a key with this hash would go (the first empty slot of its
 * probe sequence). */
static hl_ssize_t find_empty_slot(HLDictKeysObject *keys, hl_hash_t hash)
{
    size_t mask = DK_MASK(keys), i = (size_t)(hl_uhash_t)hash & mask;
    hl_ssize_t ix = dictkeys_get_index(keys, (hl_ssize_t)i);
    for (size_t perturb = (size_t)(hl_uhash_t)hash; ix >= 0;) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
        ix = dictkeys_get_index(keys, (hl_ssize_t)i);
    }
    return (hl_ssize_t)i;
}

static int may_be_tracked(HLObject *obj)
{
    if (!hl_object_is_gc(obj))
        return 0;
    if (hl_tuple_check_exact(obj))
        return hl_gc_is_tracked(obj);
    return 1;
}

#define MAINTAIN_TRACKING(mp, key, value)                                      \
    do {                                                                       \
        if (!hl_gc_is_tracked((HLObject *)(mp))) {                             \
            if (may_be_tracked(key) || may_be_tracked(value))                  \
                hl_gc_track(mp);                                               \
        }                                                                      \
    } while (0)

/* ---- resizing ---------------------------------------------------------------- */

static void build_indices_generic(HLDictKeysObject *keys, HLDictKeyEntry *ep, hl_ssize_t n)
{
    size_t mask = DK_MASK(keys);
    for (hl_ssize_t ix = 0; ix != n; ix++, ep++) {
        size_t hash = (size_t)(hl_uhash_t)ep->me_hash, i = hash & mask;
        for (size_t perturb = hash; dictkeys_get_index(keys, (hl_ssize_t)i) != DKIX_EMPTY;) {
            perturb >>= PERTURB_SHIFT;
            i = mask & (i * 5 + perturb + 1);
        }
        dictkeys_set_index(keys, (hl_ssize_t)i, ix);
    }
}

static void build_indices_unicode(HLDictKeysObject *keys, HLDictUnicodeEntry *ep, hl_ssize_t n)
{
    size_t mask = DK_MASK(keys);
    for (hl_ssize_t ix = 0; ix != n; ix++, ep++) {
        size_t hash = (size_t)(hl_uhash_t)unicode_get_hash(ep->me_key), i = hash & mask;
        for (size_t perturb = hash; dictkeys_get_index(keys, (hl_ssize_t)i) != DKIX_EMPTY;) {
            perturb >>= PERTURB_SHIFT;
            i = mask & (i * 5 + perturb + 1);
        }
        dictkeys_set_index(keys, (hl_ssize_t)i, ix);
    }
}

static uint8_t calculate_log2_keysize(hl_ssize_t minsize)
{
    uint8_t log2 = HL_DICT_LOG_MINSIZE;
    while (((hl_ssize_t)1 << log2) < minsize)
        log2++;
    return log2;
}

/* Rebuilds the table with 2**log2_newsize slots, as a combined table;
 * unicode says whether it may stay str-keyed. */
static int dictresize(HLDictObject *mp, uint8_t log2_newsize, int unicode)
{
    HLDictKeysObject *oldkeys = mp->ma_keys;
    HLDictValues *oldvalues = mp->ma_values;
    if (!DK_IS_UNICODE(oldkeys))
        unicode = 0;
    mp->ma_keys = new_keys_object(log2_newsize, unicode);
    if (mp->ma_keys == NULL) {
        mp->ma_keys = oldkeys;
        return -1;
    }
    hl_ssize_t numentries = mp->ma_used;
    if (oldvalues != NULL) {
        /* Split table -> combined, in the instance's insertion order. */
        HLDictUnicodeEntry *oldentries = DK_UNICODE_ENTRIES(oldkeys);
        if (mp->ma_keys->dk_kind == DICT_KEYS_GENERAL) {
            HLDictKeyEntry *newentries = DK_ENTRIES(mp->ma_keys);
            for (hl_ssize_t i = 0; i < numentries; i++) {
                int index = ((uint8_t *)oldvalues)[-3 - i];
                HLDictUnicodeEntry *ep = &oldentries[index];
                newentries[i].me_key = hl_newref(ep->me_key);
                newentries[i].me_hash = unicode_get_hash(ep->me_key);
                newentries[i].me_value = oldvalues->values[index];
            }
            build_indices_generic(mp->ma_keys, newentries, numentries);
        } else {
            HLDictUnicodeEntry *newentries = DK_UNICODE_ENTRIES(mp->ma_keys);
            for (hl_ssize_t i = 0; i < numentries; i++) {
                int index = ((uint8_t *)oldvalues)[-3 - i];
                HLDictUnicodeEntry *ep = &oldentries[index];
                newentries[i].me_key = hl_newref(ep->me_key);
                newentries[i].me_value = oldvalues->values[index];
            }
            build_indices_unicode(mp->ma_keys, newentries, numentries);
        }
        dictkeys_decref(oldkeys);
        mp->ma_values = NULL;
        hl_dict_free_values(oldvalues);
    } else {
        if (oldkeys->dk_kind == DICT_KEYS_GENERAL) {
            HLDictKeyEntry *oldentries = DK_ENTRIES(oldkeys), *newentries = DK_ENTRIES(mp->ma_keys);
            if (oldkeys->dk_nentries == numentries) {
                memcpy(newentries, oldentries, (size_t)numentries * sizeof(HLDictKeyEntry));
            } else {
                HLDictKeyEntry *ep = oldentries;
                for (hl_ssize_t i = 0; i < numentries; i++) {
                    while (ep->me_value == NULL)
                        ep++;
                    newentries[i] = *ep++;
                }
            }
            build_indices_generic(mp->ma_keys, newentries, numentries);
        } else {
            HLDictUnicodeEntry *oldentries = DK_UNICODE_ENTRIES(oldkeys);
            if (unicode) {
                HLDictUnicodeEntry *newentries = DK_UNICODE_ENTRIES(mp->ma_keys);
                if (oldkeys->dk_nentries == numentries && mp->ma_keys->dk_kind == DICT_KEYS_UNICODE) {
                    memcpy(newentries, oldentries, (size_t)numentries * sizeof(HLDictUnicodeEntry));
                } else {
                    HLDictUnicodeEntry *ep = oldentries;
                    for (hl_ssize_t i = 0; i < numentries; i++) {
                        while (ep->me_value == NULL)
                            ep++;
                        newentries[i] = *ep++;
                    }
                }
                build_indices_unicode(mp->ma_keys, newentries, numentries);
            } else {
                HLDictKeyEntry *newentries = DK_ENTRIES(mp->ma_keys);
                HLDictUnicodeEntry *ep = oldentries;
                for (hl_ssize_t i = 0; i < numentries; i++) {
                    while (ep->me_value == NULL)
                        ep++;
                    newentries[i].me_key = ep->me_key;
                    newentries[i].me_hash = unicode_get_hash(ep->me_key);
                    newentries[i].me_value = ep->me_value;
                    ep++;
                }
                build_indices_generic(mp->ma_keys, newentries, numentries);
            }
        }
        /* The entries moved: free the old block without touching them. */
        if (oldkeys != Py_EMPTY_KEYS) {
            if (oldkeys->dk_refcnt != 1)
                hl_fatal("dictresize: shared combined keys");
            if (DK_LOG_SIZE(oldkeys) == HL_DICT_LOG_MINSIZE && DK_IS_UNICODE(oldkeys) &&
                oldkeys->dk_kind == DICT_KEYS_UNICODE && keys_numfree < HL_DICT_MAXFREELIST)
                keys_free_list[keys_numfree++] = oldkeys;
            else
                hl_mem_free(oldkeys);
        } else {
            oldkeys->dk_refcnt--;
        }
    }
    mp->ma_keys->dk_usable -= numentries;
    mp->ma_keys->dk_nentries = numentries;
    return 0;
}

static int insertion_resize(HLDictObject *mp, int unicode)
{
    return dictresize(mp, calculate_log2_keysize(GROWTH_RATE(mp)), unicode);
}

/* The first insertion into an empty dict: a fresh minimal table. */
static int insert_to_emptydict(HLDictObject *mp, HLObject *key, hl_hash_t hash, HLObject *value)
{
    int unicode = hl_str_check_exact(key);
    HLDictKeysObject *newkeys = new_keys_object(HL_DICT_LOG_MINSIZE, unicode);
    if (newkeys == NULL)
        return -1;
    dictkeys_decref(Py_EMPTY_KEYS);
    mp->ma_keys = newkeys;
    mp->ma_values = NULL;
    hl_incref(key);
    hl_incref(value);
    MAINTAIN_TRACKING(mp, key, value);
    size_t hashpos = (size_t)(hl_uhash_t)hash & (HL_DICT_MINSIZE - 1);
    dictkeys_set_index(mp->ma_keys, (hl_ssize_t)hashpos, 0);
    if (unicode) {
        HLDictUnicodeEntry *ep = DK_UNICODE_ENTRIES(mp->ma_keys);
        ep->me_key = key;
        ep->me_value = value;
    } else {
        HLDictKeyEntry *ep = DK_ENTRIES(mp->ma_keys);
        ep->me_key = key;
        ep->me_hash = hash;
        ep->me_value = value;
    }
    mp->ma_used++;
    mp->ma_version_tag = DICT_NEXT_VERSION();
    mp->ma_keys->dk_usable--;
    mp->ma_keys->dk_nentries++;
    return 0;
}

/* Stores key: value (both new references taken here). */
static int insertdict(HLDictObject *mp, HLObject *key, hl_hash_t hash, HLObject *value)
{
    HLObject *old_value;
    hl_incref(key);
    hl_incref(value);
    if (DK_IS_UNICODE(mp->ma_keys) && !hl_str_check_exact(key)) {
        if (insertion_resize(mp, 0) < 0)
            goto fail;
    }
    hl_ssize_t ix = hl_dict_lookup(mp, key, hash, &old_value);
    if (ix == DKIX_ERROR)
        goto fail;
    MAINTAIN_TRACKING(mp, key, value);
    if (ix == DKIX_EMPTY) {
        mp->ma_keys->dk_version = 0;
        if (mp->ma_keys->dk_usable <= 0) {
            if (insertion_resize(mp, 1) < 0)
                goto fail;
        }
        if (!hl_str_check_exact(key) && DK_IS_UNICODE(mp->ma_keys))
            mp->ma_keys->dk_kind = DICT_KEYS_GENERAL;
        hl_ssize_t hashpos = find_empty_slot(mp->ma_keys, hash);
        dictkeys_set_index(mp->ma_keys, hashpos, mp->ma_keys->dk_nentries);
        if (DK_IS_UNICODE(mp->ma_keys)) {
            HLDictUnicodeEntry *ep = &DK_UNICODE_ENTRIES(mp->ma_keys)[mp->ma_keys->dk_nentries];
            ep->me_key = key;
            if (mp->ma_values) {
                hl_ssize_t index = mp->ma_keys->dk_nentries;
                values_add_to_order(mp->ma_values, index);
                mp->ma_values->values[index] = value;
            } else {
                ep->me_value = value;
            }
        } else {
            HLDictKeyEntry *ep = &DK_ENTRIES(mp->ma_keys)[mp->ma_keys->dk_nentries];
            ep->me_key = key;
            ep->me_hash = hash;
            ep->me_value = value;
        }
        mp->ma_used++;
        mp->ma_version_tag = DICT_NEXT_VERSION();
        mp->ma_keys->dk_usable--;
        mp->ma_keys->dk_nentries++;
        return 0;
    }
    if (old_value != value) {
        if (mp->ma_values) {
            mp->ma_values->values[ix] = value;
            if (old_value == NULL) {
                values_add_to_order(mp->ma_values, ix);
                mp->ma_used++;
            }
        } else if (DK_IS_UNICODE(mp->ma_keys)) {
            DK_UNICODE_ENTRIES(mp->ma_keys)[ix].me_value = value;
        } else {
            DK_ENTRIES(mp->ma_keys)[ix].me_value = value;
        }
        mp->ma_version_tag = DICT_NEXT_VERSION();
    }
    hl_xdecref(old_value); /* may run code */
    hl_decref(key);
    return 0;
fail:
    hl_decref(value);
    hl_decref(key);
    return -1;
}

/* ---- the public API ------------------------------------------------------ */

static inline hl_hash_t key_hash(HLObject *key)
{
    if (hl_str_check_exact(key)) {
        hl_hash_t h = unicode_get_hash(key);
        if (h != -1)
            return h;
    }
    return hl_object_hash(key);
}

HLObject *hl_dict_get_item(HLObject *op, HLObject *key)
{
    hl_hash_t hash = key_hash(key);
    if (hash == -1)
        return NULL;
    HLObject *value;
    if (hl_dict_lookup((HLDictObject *)op, key, hash, &value) < 0)
        return NULL;
    return value;
}

HLObject *hl_dict_get_item_str(HLObject *op, const char *key)
{
    HLObject *k = hl_str_from_cstr(key);
    if (k == NULL)
        return NULL;
    HLObject *v = hl_dict_get_item(op, k);
    hl_decref(k);
    return v;
}

int hl_dict_set_item_hash(HLObject *op, HLObject *key, hl_hash_t hash, HLObject *value)
{
    HLDictObject *mp = (HLDictObject *)op;
    if (mp->ma_keys == Py_EMPTY_KEYS)
        return insert_to_emptydict(mp, key, hash, value);
    return insertdict(mp, key, hash, value);
}

int hl_dict_set_item(HLObject *op, HLObject *key, HLObject *value)
{
    hl_hash_t hash = key_hash(key);
    if (hash == -1)
        return -1;
    return hl_dict_set_item_hash(op, key, hash, value);
}

int hl_dict_set_item_str(HLObject *op, const char *key, HLObject *value)
{
    HLObject *k = hl_str_intern_from_cstr(key);
    if (k == NULL)
        return -1;
    int r = hl_dict_set_item(op, k, value);
    hl_decref(k);
    return r;
}

int hl_dict_set_item_str_steal(HLObject *op, const char *key, HLObject *value)
{
    if (value == NULL)
        return -1;
    int r = hl_dict_set_item_str(op, key, value);
    hl_decref(value);
    return r;
}

/* Removes entry ix (whose value is old_value) and its index slot. */
static int delitem_common(HLDictObject *mp, hl_hash_t hash, hl_ssize_t ix, HLObject *old_value)
{
    HLObject *old_key;
    hl_ssize_t hashpos = 0;
    /* Find the index slot that points at ix. */
    {
        HLDictKeysObject *k = mp->ma_keys;
        size_t mask = DK_MASK(k), i = (size_t)(hl_uhash_t)hash & mask, perturb = (size_t)(hl_uhash_t)hash;
        for (;;) {
            hl_ssize_t v = dictkeys_get_index(k, (hl_ssize_t)i);
            if (v == ix)
                break;
            perturb >>= PERTURB_SHIFT;
            i = mask & (i * 5 + perturb + 1);
        }
        hashpos = (hl_ssize_t)i;
    }
    mp->ma_used--;
    mp->ma_version_tag = DICT_NEXT_VERSION();
    if (mp->ma_values) {
        mp->ma_values->values[ix] = NULL;
        delete_index_from_values(mp->ma_values, ix);
    } else {
        mp->ma_keys->dk_version = 0;
        dictkeys_set_index(mp->ma_keys, hashpos, DKIX_DUMMY);
        if (DK_IS_UNICODE(mp->ma_keys)) {
            HLDictUnicodeEntry *ep = &DK_UNICODE_ENTRIES(mp->ma_keys)[ix];
            old_key = ep->me_key;
            ep->me_key = NULL;
            ep->me_value = NULL;
        } else {
            HLDictKeyEntry *ep = &DK_ENTRIES(mp->ma_keys)[ix];
            old_key = ep->me_key;
            ep->me_key = NULL;
            ep->me_value = NULL;
            ep->me_hash = 0;
        }
        hl_decref(old_key);
    }
    hl_decref(old_value);
    return 0;
}

int hl_dict_del_item(HLObject *op, HLObject *key)
{
    hl_hash_t hash = key_hash(key);
    if (hash == -1)
        return -1;
    HLObject *old_value;
    HLDictObject *mp = (HLDictObject *)op;
    hl_ssize_t ix = hl_dict_lookup(mp, key, hash, &old_value);
    if (ix == DKIX_ERROR)
        return -1;
    if (ix == DKIX_EMPTY || old_value == NULL) {
        hl_err_set_key_error(key);
        return -1;
    }
    return delitem_common(mp, hash, ix, old_value);
}

int hl_dict_del_item_str(HLObject *op, const char *key)
{
    HLObject *k = hl_str_from_cstr(key);
    if (k == NULL)
        return -1;
    int r = hl_dict_del_item(op, k);
    hl_decref(k);
    return r;
}

int hl_dict_contains(HLObject *op, HLObject *key)
{
    hl_hash_t hash = key_hash(key);
    if (hash == -1)
        return -1;
    HLObject *value;
    hl_ssize_t ix = hl_dict_lookup((HLDictObject *)op, key, hash, &value);
    if (ix == DKIX_ERROR)
        return -1;
    return ix != DKIX_EMPTY && value != NULL;
}

int hl_dict_next_entry(HLObject *op, hl_ssize_t *ppos, HLObject **pkey, HLObject **pvalue,
                       hl_hash_t *phash)
{
    HLDictObject *mp = (HLDictObject *)op;
    hl_ssize_t i = *ppos;
    HLObject *key, *value;
    hl_hash_t hash;
    if (mp->ma_values) {
        if (i < 0 || i >= mp->ma_used)
            return 0;
        int index = ((uint8_t *)mp->ma_values)[-3 - i];
        key = DK_UNICODE_ENTRIES(mp->ma_keys)[index].me_key;
        value = mp->ma_values->values[index];
        hash = unicode_get_hash(key);
    } else {
        hl_ssize_t n = mp->ma_keys->dk_nentries;
        if (i < 0 || i >= n)
            return 0;
        if (DK_IS_UNICODE(mp->ma_keys)) {
            HLDictUnicodeEntry *ep = &DK_UNICODE_ENTRIES(mp->ma_keys)[i];
            while (i < n && ep->me_value == NULL) {
                ep++;
                i++;
            }
            if (i >= n)
                return 0;
            key = ep->me_key;
            value = ep->me_value;
            hash = unicode_get_hash(key);
        } else {
            HLDictKeyEntry *ep = &DK_ENTRIES(mp->ma_keys)[i];
            while (i < n && ep->me_value == NULL) {
                ep++;
                i++;
            }
            if (i >= n)
                return 0;
            key = ep->me_key;
            value = ep->me_value;
            hash = ep->me_hash;
        }
    }
    *ppos = i + 1;
    if (pkey)
        *pkey = key;
    if (pvalue)
        *pvalue = value;
    if (phash)
        *phash = hash;
    return 1;
}

int hl_dict_next(HLObject *op, hl_ssize_t *ppos, HLObject **pkey, HLObject **pvalue)
{
    return hl_dict_next_entry(op, ppos, pkey, pvalue, NULL);
}

hl_ssize_t hl_dict_size(HLObject *op) { return ((HLDictObject *)op)->ma_used; }

static HLObject *dict_to_list(HLObject *op, int what /* 0 keys, 1 values, 2 items */)
{
    hl_ssize_t n = hl_dict_size(op);
    HLObject *v = hl_list_new(n);
    if (v == NULL)
        return NULL;
    if (n != hl_dict_size(op)) {
        /* Allocation ran a collection that ran code that changed the dict. */
        hl_decref(v);
        return dict_to_list(op, what);
    }
    hl_ssize_t pos = 0, j = 0;
    HLObject *key, *value;
    while (hl_dict_next(op, &pos, &key, &value)) {
        HLObject *item;
        if (what == 0)
            item = hl_newref(key);
        else if (what == 1)
            item = hl_newref(value);
        else {
            item = hl_tuple_pack(2, key, value);
            if (item == NULL) {
                hl_decref(v);
                return NULL;
            }
        }
        HL_LIST_SET(v, j++, item);
    }
    return v;
}

HLObject *hl_dict_keys(HLObject *op) { return dict_to_list(op, 0); }
HLObject *hl_dict_values(HLObject *op) { return dict_to_list(op, 1); }
HLObject *hl_dict_items(HLObject *op) { return dict_to_list(op, 2); }

void hl_dict_clear(HLObject *op)
{
    HLDictObject *mp = (HLDictObject *)op;
    HLDictKeysObject *oldkeys = mp->ma_keys;
    HLDictValues *oldvalues = mp->ma_values;
    if (oldkeys == Py_EMPTY_KEYS)
        return;
    /* Empty the dict before releasing anything: decrefs may run code. */
    dictkeys_incref(Py_EMPTY_KEYS);
    mp->ma_keys = Py_EMPTY_KEYS;
    mp->ma_values = NULL;
    mp->ma_used = 0;
    mp->ma_version_tag = DICT_NEXT_VERSION();
    if (oldvalues != NULL) {
        hl_ssize_t n = oldkeys->dk_nentries;
        for (hl_ssize_t i = 0; i < n; i++)
            HL_CLEAR(oldvalues->values[i]);
        hl_dict_free_values(oldvalues);
        dictkeys_decref(oldkeys);
    } else {
        dictkeys_decref(oldkeys);
    }
}

HLObject *hl_dict_copy(HLObject *o)
{
    HLObject *copy = hl_dict_new();
    if (copy == NULL)
        return NULL;
    if (hl_dict_update(copy, o) < 0) {
        hl_decref(copy);
        return NULL;
    }
    return copy;
}

/* dict_merge's loop for a dict source: b's entries into a, in b's order;
 * with unique, a key already in a is a KeyError (f(**m)). */
static int merge_dict_entries(HLObject *a, HLObject *b, int unique)
{
    hl_ssize_t pos = 0, orig = hl_dict_size(b);
    HLObject *key, *value;
    hl_hash_t hash;
    while (hl_dict_next_entry(b, &pos, &key, &value, &hash)) {
        if (unique) {
            int has = hl_dict_contains(a, key);
            if (has != 0) {
                if (has > 0)
                    hl_err_set_key_error(key);
                return -1;
            }
        }
        hl_incref(key);
        hl_incref(value);
        int r = hl_dict_set_item_hash(a, key, hash, value);
        hl_decref(key);
        hl_decref(value);
        if (r < 0)
            return -1;
        if (orig != hl_dict_size(b)) {
            hl_err_set_string(hl_exc_RuntimeError, "dict changed size during iteration");
            return -1;
        }
    }
    return 0;
}

/* dict_merge's loop for another mapping: b.keys(), then b[key] for each;
 * with unique, a key already in a is a KeyError (f(**m)). */
static int merge_mapping_keys(HLObject *a, HLObject *b, int unique)
{
    HLObject *keys = hl_call_method(b, "keys", NULL, 0);
    if (keys == NULL)
        return -1;
    HLObject *it = hl_object_get_iter(keys);
    hl_decref(keys);
    if (it == NULL)
        return -1;
    HLObject *key;
    while ((key = hl_iter_next(it)) != NULL) {
        int has = unique ? hl_dict_contains(a, key) : 0;
        HLObject *value = NULL;
        int r = -1;
        if (has == 1)
            hl_err_set_key_error(key);
        else if (has == 0 && (value = hl_object_get_item(b, key)) != NULL)
            r = hl_dict_set_item(a, key, value);
        hl_xdecref(value);
        hl_decref(key);
        if (r < 0) {
            hl_decref(it);
            return -1;
        }
    }
    hl_decref(it);
    return hl_err_occurred() ? -1 : 0;
}

/* _PyDict_MergeEx(a, b, 2): f(**m) -- a key already in a is a KeyError. */
int hl_dict_merge_unique(HLObject *a, HLObject *b)
{
    if (hl_dict_check(b))
        return merge_dict_entries(a, b, 1); /* walked in place: no list of keys */
    return merge_mapping_keys(a, b, 1);
}

int hl_dict_update(HLObject *a, HLObject *b)
{
    if (hl_dict_check(b)) {
        if (a == b || hl_dict_size(b) == 0)
            return 0;
        return merge_dict_entries(a, b, 0);
    }
    /* A mapping with keys(), or an iterable of pairs. */
    HLObject *keys_name = hl_str_intern_from_cstr("keys");
    if (keys_name == NULL)
        return -1;
    HLObject *has_keys = hl_type_lookup(HL_TYPE(b), keys_name);
    hl_decref(keys_name);
    if (has_keys)
        return merge_mapping_keys(a, b, 0);
    HLObject *it = hl_object_get_iter(b);
    if (it == NULL)
        return -1;
    HLObject *item;
    for (hl_ssize_t i = 0; (item = hl_iter_next(it)) != NULL; i++) {
        HLObject *fast = hl_sequence_tuple(item);
        if (fast == NULL) {
            if (hl_err_exception_matches(hl_exc_TypeError)) {
                hl_err_clear();
                hl_err_format(hl_exc_TypeError,
                              "cannot convert dictionary update sequence element #%zd to a sequence",
                              (ssize_t)i);
            }
            hl_decref(item);
            hl_decref(it);
            return -1;
        }
        hl_decref(item);
        if (HL_SIZE(fast) != 2) {
            hl_err_format(hl_exc_ValueError,
                          "dictionary update sequence element #%zd has length %zd; 2 is required",
                          (ssize_t)i, (ssize_t)HL_SIZE(fast));
            hl_decref(fast);
            hl_decref(it);
            return -1;
        }
        int r = hl_dict_set_item(a, HL_TUPLE_GET(fast, 0), HL_TUPLE_GET(fast, 1));
        hl_decref(fast);
        if (r < 0) {
            hl_decref(it);
            return -1;
        }
    }
    hl_decref(it);
    return hl_err_occurred() ? -1 : 0;
}

HLObject *hl_dict_pop(HLObject *op, HLObject *key, HLObject *deflt)
{
    HLDictObject *mp = (HLDictObject *)op;
    if (mp->ma_used == 0) {
        if (deflt)
            return hl_newref(deflt);
        hl_err_set_key_error(key);
        return NULL;
    }
    hl_hash_t hash = key_hash(key);
    if (hash == -1)
        return NULL;
    HLObject *old_value;
    hl_ssize_t ix = hl_dict_lookup(mp, key, hash, &old_value);
    if (ix == DKIX_ERROR)
        return NULL;
    if (ix == DKIX_EMPTY || old_value == NULL) {
        if (deflt)
            return hl_newref(deflt);
        hl_err_set_key_error(key);
        return NULL;
    }
    hl_incref(old_value);
    delitem_common(mp, hash, ix, old_value);
    return old_value;
}

/* dict.popitem(): the last item; a split table is made combined first. */
HLObject *hl_dict_popitem(HLObject *op)
{
    HLDictObject *self = (HLDictObject *)op;
    /* Allocate the result first: the dict must not change after the pop. */
    HLObject *res = hl_tuple_new(2);
    if (res == NULL)
        return NULL;
    if (self->ma_used == 0) {
        hl_decref(res);
        hl_err_set_string(hl_exc_KeyError, "popitem(): dictionary is empty");
        return NULL;
    }
    if (self->ma_keys->dk_kind == DICT_KEYS_SPLIT) {
        if (dictresize(self, DK_LOG_SIZE(self->ma_keys), 1) < 0) {
            hl_decref(res);
            return NULL;
        }
    }
    self->ma_keys->dk_version = 0;
    HLObject *key, *value;
    hl_hash_t hash;
    hl_ssize_t i;
    if (DK_IS_UNICODE(self->ma_keys)) {
        HLDictUnicodeEntry *ep0 = DK_UNICODE_ENTRIES(self->ma_keys);
        i = self->ma_keys->dk_nentries - 1;
        while (i >= 0 && ep0[i].me_value == NULL)
            i--;
        key = ep0[i].me_key;
        hash = unicode_get_hash(key);
        value = ep0[i].me_value;
        ep0[i].me_key = NULL;
        ep0[i].me_value = NULL;
    } else {
        HLDictKeyEntry *ep0 = DK_ENTRIES(self->ma_keys);
        i = self->ma_keys->dk_nentries - 1;
        while (i >= 0 && ep0[i].me_value == NULL)
            i--;
        key = ep0[i].me_key;
        hash = ep0[i].me_hash;
        value = ep0[i].me_value;
        ep0[i].me_key = NULL;
        ep0[i].me_hash = -1;
        ep0[i].me_value = NULL;
    }
    /* Point the index slot of the popped entry at DKIX_DUMMY. */
    size_t mask = DK_MASK(self->ma_keys), j = (size_t)(hl_uhash_t)hash & mask, perturb = (size_t)(hl_uhash_t)hash;
    while (dictkeys_get_index(self->ma_keys, (hl_ssize_t)j) != i) {
        perturb >>= PERTURB_SHIFT;
        j = mask & (j * 5 + perturb + 1);
    }
    dictkeys_set_index(self->ma_keys, (hl_ssize_t)j, DKIX_DUMMY);
    HL_TUPLE_SET(res, 0, key);
    HL_TUPLE_SET(res, 1, value);
    /* We can't dk_usable++ since there is DKIX_DUMMY in indices */
    self->ma_keys->dk_nentries = i;
    self->ma_used--;
    self->ma_version_tag = DICT_NEXT_VERSION();
    return res;
}

HLObject *hl_dict_set_default(HLObject *op, HLObject *key, HLObject *deflt)
{
    HLObject *value = hl_dict_get_item(op, key);
    if (value != NULL)
        return value;
    if (hl_err_occurred())
        return NULL;
    if (hl_dict_set_item(op, key, deflt) < 0)
        return NULL;
    return deflt;
}

void hl_dict_maybe_untrack(HLObject *op)
{
    HLDictObject *mp = (HLDictObject *)op;
    if (!hl_dict_check_exact(op) || !hl_gc_is_tracked(op))
        return;
    hl_ssize_t numentries = mp->ma_keys->dk_nentries;
    if (mp->ma_values) {
        for (hl_ssize_t i = 0; i < numentries; i++) {
            HLObject *value = mp->ma_values->values[i];
            if (value != NULL && may_be_tracked(value))
                return;
        }
    } else if (DK_IS_UNICODE(mp->ma_keys)) {
        HLDictUnicodeEntry *ep0 = DK_UNICODE_ENTRIES(mp->ma_keys);
        for (hl_ssize_t i = 0; i < numentries; i++) {
            HLObject *value = ep0[i].me_value;
            if (value != NULL && may_be_tracked(value))
                return;
        }
    } else {
        HLDictKeyEntry *ep0 = DK_ENTRIES(mp->ma_keys);
        for (hl_ssize_t i = 0; i < numentries; i++) {
            HLObject *value = ep0[i].me_value;
            if (value == NULL)
                continue;
            if (may_be_tracked(value) || may_be_tracked(ep0[i].me_key))
                return;
        }
    }
    hl_gc_untrack(op);
}

hl_ssize_t hl_dict_sizeof(HLObject *op)
{
    HLDictObject *mp = (HLDictObject *)op;
    hl_ssize_t res = HL_TYPE(op)->tp_basicsize;
    if (mp->ma_values)
        res += shared_keys_usable_size(mp->ma_keys) * (hl_ssize_t)sizeof(HLObject *);
    /* A split table's keys are accounted to the class. */
    if (mp->ma_keys->dk_refcnt == 1)
        res += (hl_ssize_t)hl_dict_keys_nbytes(mp->ma_keys);
    return res;
}

hl_ssize_t hl_dict_keys_size_of(HLDictKeysObject *keys) { return (hl_ssize_t)hl_dict_keys_nbytes(keys); }

/* ---- slots ------------------------------------------------------------------ */

static void dict_dealloc(HLObject *op)
{
    HLDictObject *mp = (HLDictObject *)op;
    HLDictValues *values = mp->ma_values;
    HLDictKeysObject *keys = mp->ma_keys;
    hl_gc_untrack(op);
    HL_TRASHCAN_BEGIN(op, dict_dealloc)
    if (values != NULL) {
        for (hl_ssize_t i = 0, n = keys->dk_nentries; i < n; i++)
            hl_xdecref(values->values[i]);
        hl_dict_free_values(values);
        dictkeys_decref(keys);
    } else if (keys != NULL) {
        dictkeys_decref(keys);
    }
    if (numfree < HL_DICT_MAXFREELIST && HL_IS_TYPE(op, &hl_dict_type))
        free_list[numfree++] = mp;
    else
        HL_TYPE(op)->tp_free(op);
    HL_TRASHCAN_END;
}

static int dict_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    HLDictObject *mp = (HLDictObject *)op;
    HLDictKeysObject *keys = mp->ma_keys;
    hl_ssize_t n = keys->dk_nentries;
    if (DK_IS_UNICODE(keys)) {
        if (mp->ma_values != NULL) {
            for (hl_ssize_t i = 0; i < n; i++)
                HL_VISIT(mp->ma_values->values[i]);
        } else {
            HLDictUnicodeEntry *entries = DK_UNICODE_ENTRIES(keys);
            for (hl_ssize_t i = 0; i < n; i++)
                HL_VISIT(entries[i].me_value);
        }
    } else {
        HLDictKeyEntry *entries = DK_ENTRIES(keys);
        for (hl_ssize_t i = 0; i < n; i++) {
            if (entries[i].me_value != NULL) {
                HL_VISIT(entries[i].me_value);
                HL_VISIT(entries[i].me_key);
            }
        }
    }
    return 0;
}

static int dict_tp_clear(HLObject *op)
{
    hl_dict_clear(op);
    return 0;
}

static hl_ssize_t dict_length(HLObject *op) { return ((HLDictObject *)op)->ma_used; }

static HLObject *dict_subscript(HLObject *op, HLObject *key)
{
    hl_hash_t hash = key_hash(key);
    if (hash == -1)
        return NULL;
    HLObject *value;
    hl_ssize_t ix = hl_dict_lookup((HLDictObject *)op, key, hash, &value);
    if (ix == DKIX_ERROR)
        return NULL;
    if (ix == DKIX_EMPTY || value == NULL) {
        if (!hl_dict_check_exact(op)) {
            /* dict subclasses with __missing__ */
            HLObject *name = hl_str_intern_from_cstr("__missing__");
            HLObject *missing = name ? hl_type_lookup(HL_TYPE(op), name) : NULL;
            hl_xdecref(name);
            if (missing != NULL) {
                HLObject *args[1] = {key};
                return hl_call_method(op, "__missing__", args, 1);
            }
            if (hl_err_occurred())
                return NULL;
        }
        hl_err_set_key_error(key);
        return NULL;
    }
    return hl_newref(value);
}

static int dict_ass_sub(HLObject *op, HLObject *key, HLObject *value)
{
    if (value == NULL)
        return hl_dict_del_item(op, key);
    return hl_dict_set_item(op, key, value);
}

static int dict_contains(HLObject *op, HLObject *key) { return hl_dict_contains(op, key); }

static HLObject *dict_repr(HLObject *op)
{
    HLDictObject *mp = (HLDictObject *)op;
    if (mp->ma_used == 0)
        return hl_str_from_cstr("{}");
    int rc = hl_repr_enter(op);
    if (rc != 0)
        return rc > 0 ? hl_str_from_cstr("{...}") : NULL;
    hl_strbuf b = HL_STRBUF_INIT;
    hl_sb_putc(&b, '{');
    hl_ssize_t pos = 0;
    HLObject *key, *value;
    int first = 1, ok = 1;
    while (hl_dict_next(op, &pos, &key, &value)) {
        hl_incref(key);
        hl_incref(value);
        HLObject *ks = hl_object_repr(key);
        HLObject *vs = ks ? hl_object_repr(value) : NULL;
        hl_decref(key);
        hl_decref(value);
        if (vs == NULL) {
            hl_xdecref(ks);
            ok = 0;
            break;
        }
        if (!first)
            hl_sb_puts(&b, ", ");
        first = 0;
        hl_str_write_utf8(&b, ks);
        hl_sb_puts(&b, ": ");
        hl_str_write_utf8(&b, vs);
        hl_decref(ks);
        hl_decref(vs);
    }
    hl_sb_putc(&b, '}');
    hl_repr_leave(op);
    HLObject *res = NULL;
    if (ok)
        res = b.failed ? hl_err_nomemory() : hl_str_from_utf8(hl_sb_cstr(&b), (hl_ssize_t)b.len);
    hl_sb_free(&b);
    return res;
}

static HLObject *dict_richcompare(HLObject *v, HLObject *w, int op)
{
    if (!hl_dict_check(v) || !hl_dict_check(w) || (op != HL_EQ && op != HL_NE))
        return hl_newref(HL_NotImplemented);
    int equal = 1;
    if (hl_dict_size(v) != hl_dict_size(w)) {
        equal = 0;
    } else {
        hl_ssize_t pos = 0;
        HLObject *key, *aval;
        hl_hash_t hash;
        while (hl_dict_next_entry(v, &pos, &key, &aval, &hash)) {
            hl_incref(key);
            hl_incref(aval);
            HLObject *bval;
            hl_ssize_t ix = hl_dict_lookup((HLDictObject *)w, key, hash, &bval);
            int cmp;
            if (ix == DKIX_ERROR) {
                cmp = -1;
            } else if (bval == NULL) {
                cmp = 0;
            } else {
                hl_incref(bval);
                cmp = hl_object_richcompare_bool(aval, bval, HL_EQ);
                hl_decref(bval);
            }
            hl_decref(key);
            hl_decref(aval);
            if (cmp < 0)
                return NULL;
            if (cmp == 0) {
                equal = 0;
                break;
            }
        }
    }
    return hl_bool_from_long(op == HL_EQ ? equal : !equal);
}

static int dict_init(HLObject *self, HLObject *args, HLObject *kwds)
{
    if (HL_SIZE(args) > 1) {
        hl_err_format(hl_exc_TypeError, "dict expected at most 1 argument, got %zd",
                      (ssize_t)HL_SIZE(args));
        return -1;
    }
    if (HL_SIZE(args) == 1 && hl_dict_update(self, HL_TUPLE_GET(args, 0)) < 0)
        return -1;
    if (kwds && hl_dict_update(self, kwds) < 0)
        return -1;
    return 0;
}

static HLObject *dict_new(HLTypeObject *type, HLObject *args, HLObject *kwds)
{
    HLObject *self = type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    HLDictObject *d = (HLDictObject *)self;
    dictkeys_incref(Py_EMPTY_KEYS);
    d->ma_keys = Py_EMPTY_KEYS;
    d->ma_values = NULL;
    d->ma_used = 0;
    d->ma_version_tag = DICT_NEXT_VERSION();
    /* Exact dicts start untracked (the allocator tracked it). */
    if (type == &hl_dict_type)
        hl_gc_untrack(self);
    return self;
}

static HLObject *dict_vectorcall(HLObject *type, HLObject *const *args, size_t nargsf,
                                 HLObject *kwnames)
{
    hl_ssize_t nargs = HL_NARGS(nargsf);
    if (nargs > 1) {
        hl_err_format(hl_exc_TypeError, "dict expected at most 1 argument, got %zd", (ssize_t)nargs);
        return NULL;
    }
    HLObject *self = dict_new((HLTypeObject *)type, NULL, NULL);
    if (self == NULL)
        return NULL;
    if (nargs == 1 && hl_dict_update(self, args[0]) < 0)
        goto fail;
    if (kwnames != NULL)
        for (hl_ssize_t i = 0; i < HL_SIZE(kwnames); i++)
            if (hl_dict_set_item(self, HL_TUPLE_GET(kwnames, i), args[nargs + i]) < 0)
                goto fail;
    return self;
fail:
    hl_decref(self);
    return NULL;
}

static HLMappingMethods dict_as_mapping = {
    .mp_length = dict_length,
    .mp_subscript = dict_subscript,
    .mp_ass_subscript = dict_ass_sub,
};
static HLSequenceMethods dict_as_sequence = {.sq_contains = dict_contains};

HLTypeObject hl_dict_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "dict",
    .tp_basicsize = sizeof(HLDictObject),
    .tp_dealloc = dict_dealloc,
    .tp_repr = dict_repr,
    .tp_as_sequence = &dict_as_sequence,
    .tp_as_mapping = &dict_as_mapping,
    .tp_hash = hl_hash_not_implemented,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_BASETYPE | HL_TPFLAGS_DICT_SUBCLASS,
    .tp_traverse = dict_traverse,
    .tp_clear = dict_tp_clear,
    .tp_richcompare = dict_richcompare,
    .tp_iter = hl_dict_iter_keys,
    .tp_methods = hl_dict_methods,
    .tp_init = dict_init,
    .tp_alloc = hl_type_generic_alloc,
    .tp_new = dict_new,
    .tp_free = hl_gc_del,
    .tp_vectorcall = dict_vectorcall,
};

/* ---- managed dicts of class instances (3.11) ------------------------------- */

/* A class's shared keys: room for 30 attribute names (SHARED_KEYS_MAX_SIZE),
 * one slot of which is given up each time an instance is created, until
 * one is left. */
HLDictKeysObject *hl_dict_new_keys_for_class(void)
{
    HLDictKeysObject *keys = new_keys_object(NEXT_LOG2_SHARED_KEYS_MAX_SIZE, 1);
    if (keys == NULL) {
        hl_err_clear();
        return NULL;
    }
    keys->dk_usable = SHARED_KEYS_MAX_SIZE;
    keys->dk_kind = DICT_KEYS_SPLIT;
    return keys;
}

int hl_object_init_inline_values(HLObject *obj, HLTypeObject *tp)
{
    HLDictKeysObject *keys = ((HLHeapTypeObject *)tp)->ht_cached_keys;
    if (keys->dk_usable > 1)
        keys->dk_usable--;
    hl_ssize_t size = shared_keys_usable_size(keys);
    HLDictValues *values = hl_dict_new_values(size);
    if (values == NULL) {
        hl_err_nomemory();
        return -1;
    }
    ((uint8_t *)values)[-2] = 0;
    for (hl_ssize_t i = 0; i < size; i++)
        values->values[i] = NULL;
    *HL_OBJECT_VALUES_PTR(obj) = values;
    return 0;
}

/* make_dict_from_instance_attributes: a dict that takes over the values. */
static HLObject *make_dict_from_instance_attributes(HLDictKeysObject *keys, HLDictValues *values)
{
    dictkeys_incref(keys);
    hl_ssize_t used = 0, track = 0;
    for (hl_ssize_t i = 0; i < shared_keys_usable_size(keys); i++) {
        HLObject *val = values->values[i];
        if (val != NULL) {
            used += 1;
            track += may_be_tracked(val);
        }
    }
    HLObject *res = new_dict(keys, values, used, 0);
    if (track && res)
        hl_gc_track(res);
    return res;
}

HLObject *hl_object_get_instance_dict(HLObject *obj)
{
    HLTypeObject *tp = HL_TYPE(obj);
    HLDictValues **values_ptr = HL_OBJECT_VALUES_PTR(obj);
    HLObject **dictptr = HL_OBJECT_MANAGED_DICT_PTR(obj);
    HLObject *dict;
    if (*values_ptr) {
        dict = make_dict_from_instance_attributes(((HLHeapTypeObject *)tp)->ht_cached_keys, *values_ptr);
        if (dict == NULL)
            return NULL;
        *values_ptr = NULL;
        *dictptr = dict;
    } else if (*dictptr == NULL) {
        *dictptr = dict = hl_dict_new();
        if (dict == NULL)
            return NULL;
    } else {
        dict = *dictptr;
    }
    return hl_newref(dict);
}

/* Borrowed attribute value from the instance's storage, or NULL. */
HLObject *hl_object_instance_getattr(HLObject *obj, HLObject *name)
{
    HLDictValues *values = *HL_OBJECT_VALUES_PTR(obj);
    if (values != NULL) {
        if (!hl_str_check_exact(name))
            return NULL;
        HLDictKeysObject *keys = ((HLHeapTypeObject *)HL_TYPE(obj))->ht_cached_keys;
        hl_hash_t hash = key_hash(name);
        if (hash == -1) {
            hl_err_clear();
            return NULL;
        }
        hl_ssize_t ix = unicodekeys_lookup_unicode(keys, name, hash);
        return ix >= 0 ? values->values[ix] : NULL;
    }
    HLObject *dict = *HL_OBJECT_MANAGED_DICT_PTR(obj);
    return dict ? hl_dict_get_item(dict, name) : NULL;
}

/* Inserts name into the shared keys if there is room; its index or -1. */
static hl_ssize_t insert_into_dictkeys(HLDictKeysObject *keys, HLObject *name)
{
    hl_hash_t hash = key_hash(name);
    if (hash == -1) {
        hl_err_clear();
        return DKIX_EMPTY;
    }
    hl_ssize_t ix = unicodekeys_lookup_unicode(keys, name, hash);
    if (ix == DKIX_EMPTY) {
        if (keys->dk_usable <= 0)
            return DKIX_EMPTY;
        hl_incref(name);
        keys->dk_version = 0;
        hl_ssize_t hashpos = find_empty_slot(keys, hash);
        ix = keys->dk_nentries;
        HLDictUnicodeEntry *ep = &DK_UNICODE_ENTRIES(keys)[ix];
        dictkeys_set_index(keys, hashpos, ix);
        ep->me_key = name;
        keys->dk_usable--;
        keys->dk_nentries++;
    }
    return ix;
}

/* obj.name = value (value NULL: del obj.name); 0, or -1 with an error
 * (AttributeError for deleting a missing attribute). */
int hl_object_instance_setattr(HLObject *obj, HLObject *name, HLObject *value)
{
    HLDictValues *values = *HL_OBJECT_VALUES_PTR(obj);
    HLObject **dictptr = HL_OBJECT_MANAGED_DICT_PTR(obj);
    if (values != NULL) {
        HLDictKeysObject *keys = ((HLHeapTypeObject *)HL_TYPE(obj))->ht_cached_keys;
        hl_ssize_t ix = DKIX_EMPTY;
        if (hl_str_check_exact(name))
            ix = insert_into_dictkeys(keys, name);
        if (ix == DKIX_EMPTY) {
            HLObject *dict = make_dict_from_instance_attributes(keys, values);
            if (dict == NULL)
                return -1;
            *HL_OBJECT_VALUES_PTR(obj) = NULL;
            *dictptr = dict;
            if (value == NULL)
                return hl_dict_del_item(dict, name);
            return hl_dict_set_item(dict, name, value);
        }
        HLObject *old_value = values->values[ix];
        hl_xincref(value);
        values->values[ix] = value;
        if (old_value == NULL) {
            if (value == NULL) {
                hl_err_format(hl_exc_AttributeError, "'%s' object has no attribute '%U'",
                              HL_TYPE(obj)->tp_name, name);
                return -1;
            }
            values_add_to_order(values, ix);
        } else {
            if (value == NULL)
                delete_index_from_values(values, ix);
            hl_decref(old_value);
        }
        return 0;
    }
    HLObject *dict = *dictptr;
    if (dict == NULL) {
        if (value == NULL) {
            hl_err_format(hl_exc_AttributeError, "'%s' object has no attribute '%U'",
                          HL_TYPE(obj)->tp_name, name);
            return -1;
        }
        dict = *dictptr = hl_dict_new();
        if (dict == NULL)
            return -1;
    }
    hl_incref(dict);
    int r;
    if (value == NULL) {
        r = hl_dict_del_item(dict, name);
        if (r < 0 && hl_err_exception_matches(hl_exc_KeyError)) {
            hl_err_clear();
            hl_err_format(hl_exc_AttributeError, "'%s' object has no attribute '%U'",
                          HL_TYPE(obj)->tp_name, name);
        }
    } else {
        r = hl_dict_set_item(dict, name, value);
    }
    hl_decref(dict);
    return r;
}

int hl_object_instance_traverse(HLObject *obj, hl_visitproc visit, void *arg)
{
    HLDictValues *values = *HL_OBJECT_VALUES_PTR(obj);
    if (values != NULL) {
        HLDictKeysObject *keys = ((HLHeapTypeObject *)HL_TYPE(obj))->ht_cached_keys;
        for (hl_ssize_t i = 0; i < keys->dk_nentries; i++)
            HL_VISIT(values->values[i]);
        return 0;
    }
    HL_VISIT(*HL_OBJECT_MANAGED_DICT_PTR(obj));
    return 0;
}

/* tp_clear of an instance: drop the attribute values (the values array
 * stays, empty) or the materialised dict. */
void hl_object_instance_clear(HLObject *obj)
{
    HLDictValues *values = *HL_OBJECT_VALUES_PTR(obj);
    if (values != NULL) {
        HLDictKeysObject *keys = ((HLHeapTypeObject *)HL_TYPE(obj))->ht_cached_keys;
        for (hl_ssize_t i = 0; i < keys->dk_nentries; i++)
            HL_CLEAR(values->values[i]);
        return;
    }
    HL_CLEAR(*HL_OBJECT_MANAGED_DICT_PTR(obj));
}

/* Deallocation of an instance: its dict, or its values and their array. */
void hl_object_instance_free(HLObject *obj)
{
    HLObject **dictptr = HL_OBJECT_MANAGED_DICT_PTR(obj);
    if (*dictptr != NULL) {
        HL_CLEAR(*dictptr);
        return;
    }
    HLDictValues **values_ptr = HL_OBJECT_VALUES_PTR(obj);
    HLDictValues *values = *values_ptr;
    if (values == NULL)
        return;
    HLDictKeysObject *keys = ((HLHeapTypeObject *)HL_TYPE(obj))->ht_cached_keys;
    *values_ptr = NULL;
    for (hl_ssize_t i = 0; i < keys->dk_nentries; i++)
        hl_xdecref(values->values[i]);
    hl_dict_free_values(values);
}

int hl_dict_init(void)
{
    hl_mem_register_static(&empty_keys_struct, sizeof empty_keys_struct);
    hl_gc_register_freelist(clear_freelist);
    return 0;
}
