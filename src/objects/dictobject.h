/*
 * dictobject.h — dict, CPython 3.11's compact ordered hash table.
 *
 * A dict points to a keys object: an index table (1, 2 or 4 bytes per
 * slot) followed by the entries in insertion order.  Tables whose keys are
 * all str store entries without the hash (DICT_KEYS_UNICODE, 8 bytes on
 * 32-bit), others store (hash, key, value) (DICT_KEYS_GENERAL, 12 bytes).
 * Instances of classes share one keys object per class (DICT_KEYS_SPLIT)
 * and keep their values in a separate array (ma_values).
 *
 * Up to 80 freed dicts and 80 minimal unicode keys objects are reused.
 */
#ifndef HL_DICTOBJECT_H
#define HL_DICTOBJECT_H

#include "../runtime/object.h"

typedef struct HLDictKeysObject HLDictKeysObject;
typedef struct HLDictValues HLDictValues;

typedef struct HLDictObject {
    HLObject ob_base;
    hl_ssize_t ma_used;
    _Alignas(8) uint64_t ma_version_tag;
    HLDictKeysObject *ma_keys;
    HLDictValues *ma_values; /* NULL for a combined table */
} HLDictObject;

#define HL_DICT_MAXFREELIST 80

/* The managed-dict pre-header of class instances (3.11): two words before
 * the GC head, the values array and the materialised dict. */
#define HL_OBJECT_VALUES_PTR(obj) ((HLDictValues **)(obj)-4)
#define HL_OBJECT_MANAGED_DICT_PTR(obj) ((HLObject **)(obj)-3)

#define hl_dict_check(o) HL_HAS_FLAG(o, HL_TPFLAGS_DICT_SUBCLASS)
#define hl_dict_check_exact(o) HL_IS_TYPE(o, &hl_dict_type)

HLObject *hl_dict_new(void);
/* Borrowed value or NULL; NULL with no exception set means "missing". */
HLObject *hl_dict_get_item(HLObject *d, HLObject *key);
HLObject *hl_dict_get_item_str(HLObject *d, const char *key);
int hl_dict_set_item(HLObject *d, HLObject *key, HLObject *value);
int hl_dict_set_item_str(HLObject *d, const char *key, HLObject *value);
int hl_dict_set_item_str_steal(HLObject *d, const char *key, HLObject *value);
int hl_dict_del_item(HLObject *d, HLObject *key); /* KeyError if missing */
int hl_dict_del_item_str(HLObject *d, const char *key);
int hl_dict_contains(HLObject *d, HLObject *key); /* -1 on error */
/* Iteration: *pos starts at 0; key/value borrowed. */
int hl_dict_next(HLObject *d, hl_ssize_t *pos, HLObject **key, HLObject **value);
hl_ssize_t hl_dict_size(HLObject *d);
HLObject *hl_dict_keys(HLObject *d);   /* list */
HLObject *hl_dict_values(HLObject *d); /* list */
HLObject *hl_dict_items(HLObject *d);  /* list of 2-tuples */
HLObject *hl_dict_copy(HLObject *d);
int hl_dict_update(HLObject *d, HLObject *other); /* mapping or iterable of pairs */
/* _PyDict_MergeEx(d, other, 2): KeyError for a key already in d. */
int hl_dict_merge_unique(HLObject *d, HLObject *other);
/* _PyDict_FromItems: a dict presized for length items (BUILD_MAP). */
HLObject *hl_dict_from_items(HLObject *const *keys, hl_ssize_t keys_offset, HLObject *const *values,
                             hl_ssize_t values_offset, hl_ssize_t length);
void hl_dict_clear(HLObject *d);
HLObject *hl_dict_pop(HLObject *d, HLObject *key, HLObject *deflt);
HLObject *hl_dict_set_default(HLObject *d, HLObject *key, HLObject *deflt); /* borrowed */
void hl_dict_maybe_untrack(HLObject *d);
int hl_dict_free_list_count(void);
struct hl_strbuf;
void hl_dict_debug_stats(struct hl_strbuf *out);

/* Instances with a managed dict (typeobject.c). */
HLDictKeysObject *hl_dict_new_keys_for_class(void);
void hl_dict_keys_decref(HLDictKeysObject *keys);
hl_ssize_t hl_dict_keys_size_of(HLDictKeysObject *keys);
int hl_object_init_inline_values(HLObject *obj, HLTypeObject *tp);
HLObject *hl_object_get_instance_dict(HLObject *obj); /* materialises __dict__ */
HLObject *hl_object_instance_getattr(HLObject *obj, HLObject *name); /* borrowed/NULL */
int hl_object_instance_setattr(HLObject *obj, HLObject *name, HLObject *value);
int hl_object_instance_traverse(HLObject *obj, hl_visitproc visit, void *arg);
void hl_object_instance_clear(HLObject *obj); /* tp_clear */
void hl_object_instance_free(HLObject *obj);  /* deallocation */
hl_ssize_t hl_dict_sizeof(HLObject *d);

#endif /* HL_DICTOBJECT_H */
