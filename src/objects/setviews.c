/*
 * setviews.c — the set operations of dict views: d.keys() & s,
 * d.items() | s, d.keys() - s, d.keys() ^ s and isdisjoint, as CPython
 * 3.11's dictobject.c does them, on top of the set API (setobject.c).
 *
 * Most of them convert the view to a new set and then apply the set
 * method (a keys view of an exact dict converts through set()'s fast
 * path for dicts).  & iterates over the smaller operand and tests
 * membership in the other view, or delegates to set.intersection when
 * the other operand is a set at least as large.  Each is a number slot,
 * so either operand may be the view.
 */
#include "setobject.h"

#include "../runtime/errors.h"
#include "abstract.h"
#include "dictobject.h"
#include "longobject.h"

typedef struct {
    HLObject ob_base;
    HLObject *dv_dict;
} dictviewobject;
extern HLTypeObject hl_dictkeys_type, hl_dictitems_type;
#define is_dictkeys(o) HL_IS_TYPE(o, &hl_dictkeys_type)
#define is_dictviewset(o) (is_dictkeys(o) || HL_IS_TYPE(o, &hl_dictitems_type))

/* set(view); a keys view of an exact dict uses set()'s fast path for
 * dicts (dictviews_to_set). */
static HLObject *dictviews_to_set(HLObject *self)
{
    HLObject *left = self;
    if (is_dictkeys(self) && hl_dict_check_exact(((dictviewobject *)self)->dv_dict))
        left = ((dictviewobject *)self)->dv_dict;
    return hl_set_new(left);
}

static HLObject *call_on_result(HLObject *result, const char *method, HLObject *other)
{
    if (result == NULL)
        return NULL;
    HLObject *tmp = hl_call_method(result, method, &other, 1);
    if (tmp == NULL) {
        hl_decref(result);
        return NULL;
    }
    hl_decref(tmp);
    return result;
}

HLObject *hl_dictviews_sub(HLObject *self, HLObject *other)
{
    return call_on_result(dictviews_to_set(self), "difference_update", other);
}

HLObject *hl_dictviews_or(HLObject *self, HLObject *other)
{
    HLObject *result = dictviews_to_set(self);
    if (result != NULL && hl_set_update(result, other) < 0) {
        hl_decref(result);
        return NULL;
    }
    return result;
}

HLObject *hl_dictviews_xor(HLObject *self, HLObject *other)
{
    return call_on_result(dictviews_to_set(self), "symmetric_difference_update", other);
}

HLObject *hl_dictviews_and(HLObject *self, HLObject *other)
{
    /* The view may be the right operand. */
    if (!is_dictviewset(self)) {
        HLObject *tmp = other;
        other = self;
        self = tmp;
    }
    hl_ssize_t len_self = hl_object_size(self);
    if (len_self < 0)
        return NULL;
    if (hl_set_check_exact(other) && len_self <= HL_SET_SIZE(other))
        return hl_call_method(other, "intersection", &self, 1);
    if (is_dictviewset(other)) {
        hl_ssize_t len_other = hl_object_size(other);
        if (len_other < 0)
            return NULL;
        if (len_other > len_self) {
            HLObject *tmp = other;
            other = self;
            self = tmp;
        }
    }
    HLObject *result = hl_set_new(NULL);
    if (result == NULL)
        return NULL;
    HLObject *it = hl_object_get_iter(other);
    if (it == NULL) {
        hl_decref(result);
        return NULL;
    }
    hl_objobjproc contains = HL_TYPE(self)->tp_as_sequence->sq_contains;
    HLObject *key;
    while ((key = hl_iter_next(it)) != NULL) {
        int rv = contains(self, key);
        if (rv > 0 && hl_set_add(result, key))
            rv = -1;
        hl_decref(key);
        if (rv < 0) {
            hl_decref(it);
            hl_decref(result);
            return NULL;
        }
    }
    hl_decref(it);
    if (hl_err_occurred()) {
        hl_decref(result);
        return NULL;
    }
    return result;
}

HLObject *hl_dictviews_isdisjoint(HLObject *self, HLObject *other)
{
    if (self == other)
        return hl_bool_from_long(hl_object_size(self) == 0);
    /* Iterate over the shorter object (only if other is a set, because
     * PySequence_Contains may be expensive otherwise). */
    if (hl_anyset_check(other) || is_dictviewset(other)) {
        hl_ssize_t len_self = hl_object_size(self), len_other = hl_object_size(other);
        if (len_other < 0)
            return NULL;
        if (len_other > len_self) {
            HLObject *tmp = other;
            other = self;
            self = tmp;
        }
    }
    HLObject *it = hl_object_get_iter(other);
    if (it == NULL)
        return NULL;
    HLObject *item;
    while ((item = hl_iter_next(it)) != NULL) {
        int contains = hl_sequence_contains(self, item);
        hl_decref(item);
        if (contains != 0) {
            hl_decref(it);
            return contains < 0 ? NULL : hl_newref(HL_False);
        }
    }
    hl_decref(it);
    return hl_err_occurred() ? NULL : hl_newref(HL_True);
}
