/*
 * dictimpl.h — dict internals shared by dictobject.c (the table) and
 * dictviews.c (methods, views, iterators).  Names follow CPython 3.11's
 * Objects/dict-common.h.
 */
#ifndef HL_DICTIMPL_H
#define HL_DICTIMPL_H

#include "dictobject.h"

typedef struct {
    hl_hash_t me_hash;
    HLObject *me_key;
    HLObject *me_value; /* NULL for a deleted entry */
} HLDictKeyEntry;

typedef struct {
    HLObject *me_key;   /* an exact str */
    HLObject *me_value; /* NULL for a deleted entry (or in a split table) */
} HLDictUnicodeEntry;

enum { DICT_KEYS_GENERAL = 0, DICT_KEYS_UNICODE = 1, DICT_KEYS_SPLIT = 2 };

struct HLDictKeysObject {
    hl_ssize_t dk_refcnt;
    uint8_t dk_log2_size;        /* size of the index table is 2**this */
    uint8_t dk_log2_index_bytes; /* bytes of the index table is 2**this */
    uint8_t dk_kind;
    uint32_t dk_version;
    hl_ssize_t dk_usable;        /* entries that can still be added */
    hl_ssize_t dk_nentries;      /* entries used, deleted ones included */
    char dk_indices[];           /* then the entries */
};

struct HLDictValues {
    HLObject *values[1];
};

#define DKIX_EMPTY (-1)
#define DKIX_DUMMY (-2) /* a deleted entry's slot */
#define DKIX_ERROR (-3)
#define PERTURB_SHIFT 5
#define HL_DICT_LOG_MINSIZE 3
#define HL_DICT_MINSIZE 8
#define SHARED_KEYS_MAX_SIZE 30
#define NEXT_LOG2_SHARED_KEYS_MAX_SIZE 6

#define DK_LOG_SIZE(dk) ((dk)->dk_log2_size)
#define DK_SIZE(dk) ((hl_ssize_t)1 << DK_LOG_SIZE(dk))
#define DK_MASK(dk) ((size_t)DK_SIZE(dk) - 1)
#define DK_IS_UNICODE(dk) ((dk)->dk_kind != DICT_KEYS_GENERAL)
#define DK_ENTRIES(dk) ((HLDictKeyEntry *)(&((int8_t *)((dk)->dk_indices))[(size_t)1 << (dk)->dk_log2_index_bytes]))
#define DK_UNICODE_ENTRIES(dk) ((HLDictUnicodeEntry *)(&((int8_t *)((dk)->dk_indices))[(size_t)1 << (dk)->dk_log2_index_bytes]))
#define USABLE_FRACTION(n) (((n) << 1) / 3)
#define GROWTH_RATE(d) ((d)->ma_used * 3)

hl_ssize_t hl_dict_lookup(HLDictObject *mp, HLObject *key, hl_hash_t hash, HLObject **value_addr);
int hl_dict_set_item_hash(HLObject *op, HLObject *key, hl_hash_t hash, HLObject *value);
int hl_dict_next_entry(HLObject *op, hl_ssize_t *ppos, HLObject **pkey, HLObject **pvalue,
                       hl_hash_t *phash);
HLDictValues *hl_dict_new_values(hl_ssize_t size);
void hl_dict_free_values(HLDictValues *values);
size_t hl_dict_keys_nbytes(HLDictKeysObject *keys);
HLObject *hl_dict_new_with_shared_keys(HLDictKeysObject *keys);
HLObject *hl_dict_popitem(HLObject *op);

/* dictviews.c */
extern HLMethodDef hl_dict_methods[];
HLObject *hl_dict_iter_keys(HLObject *dict);

#endif /* HL_DICTIMPL_H */
