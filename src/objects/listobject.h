/*
 * listobject.h — list.  Items live in a separate buffer (pymalloc for
 * small lists) over-allocated by CPython 3.11's formula; up to 80 freed
 * list objects are reused (PyList_MAXFREELIST).
 */
#ifndef HL_LISTOBJECT_H
#define HL_LISTOBJECT_H

#include "../runtime/object.h"

typedef struct HLListObject {
    HLVarObject ob_base;
    HLObject **ob_item;
    hl_ssize_t allocated;
} HLListObject;

#define HL_LIST_MAXFREELIST 80

#define hl_list_check(o) HL_HAS_FLAG(o, HL_TPFLAGS_LIST_SUBCLASS)
#define hl_list_check_exact(o) HL_IS_TYPE(o, &hl_list_type)
#define HL_LIST_ITEMS(o) (((HLListObject *)(o))->ob_item)
#define HL_LIST_GET(o, i) (((HLListObject *)(o))->ob_item[i])
#define HL_LIST_SET(o, i, v) (((HLListObject *)(o))->ob_item[i] = (v))

HLObject *hl_list_new(hl_ssize_t size); /* items NULL (caller fills), tracked */
int hl_list_append(HLObject *list, HLObject *item);
int hl_list_insert(HLObject *list, hl_ssize_t where, HLObject *item);
HLObject *hl_list_get_item_borrowed(HLObject *list, hl_ssize_t i);
int hl_list_set_item(HLObject *list, hl_ssize_t i, HLObject *item); /* steals item */
HLObject *hl_list_extend(HLObject *list, HLObject *iterable);     /* None or NULL */
HLObject *hl_list_as_tuple(HLObject *list);
HLObject *hl_sequence_list(HLObject *iterable);                    /* list(iterable) */
int hl_list_sort(HLObject *list);
int hl_list_sort_impl(HLObject *list, HLObject *keyfunc, int reverse);
/* list[lo:hi] = v (v NULL deletes). */
int hl_list_set_slice(HLObject *list, hl_ssize_t lo, hl_ssize_t hi, HLObject *v);
int hl_list_reverse(HLObject *list);
HLObject *hl_list_get_slice(HLObject *list, hl_ssize_t lo, hl_ssize_t hi);
int hl_list_free_list_count(void);
struct hl_strbuf;
void hl_list_debug_stats(struct hl_strbuf *out);

#endif /* HL_LISTOBJECT_H */
