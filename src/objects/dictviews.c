/*
 * dictviews.c — dict's methods, its views (keys(), values(), items()) and
 * iterators.
 *
 * Views and iterators are small GC objects holding a reference to their
 * dict, so an iterator alive somewhere keeps the dict alive.  An iterator
 * remembers the dict's size when it was created and raises RuntimeError if
 * it changes.  The items iterator keeps one result tuple and refills it in
 * place when nobody else holds it (its refcount is 1) — CPython's trick
 * that makes `for k, v in d.items()` allocate a single tuple.
 */
#include <string.h>

#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "../runtime/strbuf.h"
#include "abstract.h"
#include "dictimpl.h"
#include "listobject.h"
#include "longobject.h"
#include "strobject.h"
#include "tupleobject.h"

#define METHOD(name) \
    static HLObject *name(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames)

/* ---- iterators ------------------------------------------------------------- */

typedef struct {
    HLObject ob_base;
    HLObject *di_dict; /* NULL when exhausted */
    hl_ssize_t di_used;
    hl_ssize_t di_pos;
    HLObject *di_result; /* reusable (key, value) tuple of items iterators */
    hl_ssize_t len;
} dictiterobject;

extern HLTypeObject hl_dictiterkey_type, hl_dictitervalue_type, hl_dictiteritem_type;

static HLObject *dictiter_new(HLObject *dict, HLTypeObject *itertype)
{
    dictiterobject *di = (dictiterobject *)hl_gc_new(itertype);
    if (di == NULL)
        return NULL;
    di->di_dict = hl_newref(dict);
    di->di_used = ((HLDictObject *)dict)->ma_used;
    di->len = di->di_used;
    di->di_pos = 0;
    if (itertype == &hl_dictiteritem_type) {
        di->di_result = hl_tuple_pack(2, HL_None, HL_None);
        if (di->di_result == NULL) {
            di->di_dict = NULL;
            hl_decref(dict);
            hl_gc_track(di);
            hl_decref(di);
            return NULL;
        }
    } else {
        di->di_result = NULL;
    }
    hl_gc_track(di);
    return (HLObject *)di;
}

HLObject *hl_dict_iter_keys(HLObject *dict) { return dictiter_new(dict, &hl_dictiterkey_type); }

static void dictiter_dealloc(HLObject *op)
{
    dictiterobject *di = (dictiterobject *)op;
    hl_gc_untrack(op);
    hl_xdecref(di->di_dict);
    hl_xdecref(di->di_result);
    hl_gc_del(op);
}

static int dictiter_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    dictiterobject *di = (dictiterobject *)op;
    HL_VISIT(di->di_dict);
    HL_VISIT(di->di_result);
    return 0;
}

/* Advances to the next live entry: 1 with borrowed key/value, 0 at the
 * end (the iterator then lets go of its dict), -1 on a size change. */
static int dictiter_advance(dictiterobject *di, HLObject **key, HLObject **value)
{
    HLObject *d = di->di_dict;
    if (d == NULL)
        return 0;
    if (di->di_used != ((HLDictObject *)d)->ma_used) {
        hl_err_set_string(hl_exc_RuntimeError, "dictionary changed size during iteration");
        di->di_used = -1; /* make this state sticky */
        return -1;
    }
    hl_ssize_t pos = di->di_pos;
    if (hl_dict_next(d, &pos, key, value)) {
        di->di_pos = pos;
        di->len--;
        return 1;
    }
    if (((HLDictObject *)d)->ma_values == NULL && di->di_pos < ((HLDictObject *)d)->ma_keys->dk_nentries &&
        di->len > 0) {
        hl_err_set_string(hl_exc_RuntimeError, "dictionary keys changed during iteration");
        di->len = 0;
        return -1;
    }
    di->di_dict = NULL;
    hl_decref(d);
    return 0;
}

static HLObject *dictiter_iternextkey(HLObject *op)
{
    HLObject *key, *value;
    int r = dictiter_advance((dictiterobject *)op, &key, &value);
    return r == 1 ? hl_newref(key) : NULL;
}

static HLObject *dictiter_iternextvalue(HLObject *op)
{
    HLObject *key, *value;
    int r = dictiter_advance((dictiterobject *)op, &key, &value);
    return r == 1 ? hl_newref(value) : NULL;
}

static HLObject *dictiter_iternextitem(HLObject *op)
{
    dictiterobject *di = (dictiterobject *)op;
    HLObject *key, *value;
    if (dictiter_advance(di, &key, &value) != 1)
        return NULL;
    hl_incref(key);
    hl_incref(value);
    HLObject *result = di->di_result;
    if (HL_REFCNT(result) == 1) {
        HLObject *oldkey = HL_TUPLE_GET(result, 0), *oldvalue = HL_TUPLE_GET(result, 1);
        HL_TUPLE_SET(result, 0, key);
        HL_TUPLE_SET(result, 1, value);
        hl_incref(result);
        hl_decref(oldkey);
        hl_decref(oldvalue);
        /* A collection may have untracked the recycled tuple (bpo-42536). */
        if (!hl_gc_is_tracked(result))
            hl_gc_track(result);
        return result;
    }
    result = hl_tuple_new(2);
    if (result == NULL) {
        hl_decref(key);
        hl_decref(value);
        return NULL;
    }
    HL_TUPLE_SET(result, 0, key);
    HL_TUPLE_SET(result, 1, value);
    return result;
}

METHOD(dictiter_len)
{
    dictiterobject *di = (dictiterobject *)self;
    hl_ssize_t len = 0;
    if (di->di_dict != NULL && di->di_used == ((HLDictObject *)di->di_dict)->ma_used)
        len = di->len;
    return hl_long_from_ssize(len);
}

static HLMethodDef dictiter_methods[] = {
    {"__length_hint__", dictiter_len, HL_METH_NOARGS, NULL}, {NULL}};

#define DICTITER_TYPE(cname, pyname, next)                                     \
    HLTypeObject cname = {                                                     \
        .ob_base = {{1, &hl_type_type}, 0},                                    \
        .tp_name = pyname,                                                     \
        .tp_basicsize = sizeof(dictiterobject),                                \
        .tp_dealloc = dictiter_dealloc,                                        \
        .tp_getattro = hl_object_generic_getattr,                              \
        .tp_flags = HL_TPFLAGS_HAVE_GC,                                        \
        .tp_traverse = dictiter_traverse,                                      \
        .tp_iter = hl_object_self_iter,                                        \
        .tp_iternext = next,                                                   \
        .tp_methods = dictiter_methods,                                        \
    };
DICTITER_TYPE(hl_dictiterkey_type, "dict_keyiterator", dictiter_iternextkey)
DICTITER_TYPE(hl_dictitervalue_type, "dict_valueiterator", dictiter_iternextvalue)
DICTITER_TYPE(hl_dictiteritem_type, "dict_itemiterator", dictiter_iternextitem)

/* ---- views ------------------------------------------------------------------ */

typedef struct {
    HLObject ob_base;
    HLObject *dv_dict;
} dictviewobject;

extern HLTypeObject hl_dictkeys_type, hl_dictvalues_type, hl_dictitems_type;

static HLObject *dictview_new(HLObject *dict, HLTypeObject *type)
{
    dictviewobject *dv = (dictviewobject *)hl_gc_new(type);
    if (dv == NULL)
        return NULL;
    dv->dv_dict = hl_newref(dict);
    hl_gc_track(dv);
    return (HLObject *)dv;
}

static void dictview_dealloc(HLObject *op)
{
    hl_gc_untrack(op);
    hl_xdecref(((dictviewobject *)op)->dv_dict);
    hl_gc_del(op);
}

static int dictview_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    HL_VISIT(((dictviewobject *)op)->dv_dict);
    return 0;
}

static hl_ssize_t dictview_len(HLObject *op) { return hl_dict_size(((dictviewobject *)op)->dv_dict); }

static HLObject *dictview_repr(HLObject *op)
{
    int rc = hl_repr_enter(op);
    if (rc != 0)
        return rc > 0 ? hl_str_from_cstr("...") : NULL;
    HLObject *seq = hl_sequence_list(op);
    HLObject *res = seq ? hl_str_from_format("%s(%R)", HL_TYPE(op)->tp_name, seq) : NULL;
    hl_xdecref(seq);
    hl_repr_leave(op);
    return res;
}

static HLObject *dictkeys_iter(HLObject *op)
{
    return dictiter_new(((dictviewobject *)op)->dv_dict, &hl_dictiterkey_type);
}
static HLObject *dictvalues_iter(HLObject *op)
{
    return dictiter_new(((dictviewobject *)op)->dv_dict, &hl_dictitervalue_type);
}
static HLObject *dictitems_iter(HLObject *op)
{
    return dictiter_new(((dictviewobject *)op)->dv_dict, &hl_dictiteritem_type);
}

static int dictkeys_contains(HLObject *op, HLObject *obj)
{
    return hl_dict_contains(((dictviewobject *)op)->dv_dict, obj);
}

static int dictitems_contains(HLObject *op, HLObject *obj)
{
    if (!hl_tuple_check(obj) || HL_SIZE(obj) != 2)
        return 0;
    HLObject *found = hl_dict_get_item(((dictviewobject *)op)->dv_dict, HL_TUPLE_GET(obj, 0));
    if (found == NULL)
        return hl_err_occurred() ? -1 : 0;
    hl_incref(found);
    int r = hl_object_richcompare_bool(found, HL_TUPLE_GET(obj, 1), HL_EQ);
    hl_decref(found);
    return r;
}

static HLObject *dictview_richcompare(HLObject *self, HLObject *other, int op)
{
    if (HL_TYPE(self) == &hl_dictvalues_type || HL_TYPE(other) != HL_TYPE(self) ||
        (op != HL_EQ && op != HL_NE))
        return hl_newref(HL_NotImplemented);
    /* Equal sizes and every element of one in the other. */
    hl_ssize_t n = dictview_len(self);
    int eq = n == dictview_len(other);
    if (eq) {
        HLObject *it = hl_object_get_iter(self);
        if (it == NULL)
            return NULL;
        HLObject *item;
        hl_objobjproc contains = HL_TYPE(other)->tp_as_sequence->sq_contains;
        while (eq && (item = hl_iter_next(it)) != NULL) {
            int r = contains(other, item);
            hl_decref(item);
            if (r < 0) {
                hl_decref(it);
                return NULL;
            }
            eq = r;
        }
        hl_decref(it);
        if (hl_err_occurred())
            return NULL;
    }
    return hl_bool_from_long(op == HL_EQ ? eq : !eq);
}

static HLSequenceMethods dictkeys_as_sequence = {.sq_length = dictview_len, .sq_contains = dictkeys_contains};
static HLSequenceMethods dictvalues_as_sequence = {.sq_length = dictview_len};
static HLSequenceMethods dictitems_as_sequence = {.sq_length = dictview_len, .sq_contains = dictitems_contains};

#define DICTVIEW_TYPE(cname, pyname, seq, iter)                                \
    HLTypeObject cname = {                                                     \
        .ob_base = {{1, &hl_type_type}, 0},                                    \
        .tp_name = pyname,                                                     \
        .tp_basicsize = sizeof(dictviewobject),                                \
        .tp_dealloc = dictview_dealloc,                                        \
        .tp_repr = dictview_repr,                                              \
        .tp_as_sequence = seq,                                                 \
        .tp_hash = hl_hash_not_implemented,                                    \
        .tp_getattro = hl_object_generic_getattr,                              \
        .tp_flags = HL_TPFLAGS_HAVE_GC,                                        \
        .tp_traverse = dictview_traverse,                                      \
        .tp_richcompare = dictview_richcompare,                                \
        .tp_iter = iter,                                                       \
    };
DICTVIEW_TYPE(hl_dictkeys_type, "dict_keys", &dictkeys_as_sequence, dictkeys_iter)
DICTVIEW_TYPE(hl_dictvalues_type, "dict_values", &dictvalues_as_sequence, dictvalues_iter)
DICTVIEW_TYPE(hl_dictitems_type, "dict_items", &dictitems_as_sequence, dictitems_iter)

/* ---- dict methods ---------------------------------------------------------- */

METHOD(dict_keys_m) { return dictview_new(self, &hl_dictkeys_type); }
METHOD(dict_values_m) { return dictview_new(self, &hl_dictvalues_type); }
METHOD(dict_items_m) { return dictview_new(self, &hl_dictitems_type); }

METHOD(dict_get)
{
    if (hl_arg_check_positional("get", nargs, 1, 2) < 0)
        return NULL;
    HLObject *val = hl_dict_get_item(self, args[0]);
    if (val == NULL) {
        if (hl_err_occurred())
            return NULL;
        val = nargs > 1 ? args[1] : HL_None;
    }
    return hl_newref(val);
}

METHOD(dict_setdefault)
{
    if (hl_arg_check_positional("setdefault", nargs, 1, 2) < 0)
        return NULL;
    HLObject *val = hl_dict_set_default(self, args[0], nargs > 1 ? args[1] : HL_None);
    return hl_xnewref(val);
}

METHOD(dict_pop)
{
    if (hl_arg_check_positional("pop", nargs, 1, 2) < 0)
        return NULL;
    return hl_dict_pop(self, args[0], nargs > 1 ? args[1] : NULL);
}

METHOD(dict_popitem) { return hl_dict_popitem(self); }

METHOD(dict_update)
{
    if (hl_arg_check_positional("update", nargs, 0, 1) < 0)
        return NULL;
    if (nargs == 1 && hl_dict_update(self, args[0]) < 0)
        return NULL;
    for (hl_ssize_t i = 0; kwnames && i < HL_SIZE(kwnames); i++)
        if (hl_dict_set_item(self, HL_TUPLE_GET(kwnames, i), args[nargs + i]) < 0)
            return NULL;
    return hl_none_new();
}

METHOD(dict_clear_m)
{
    hl_dict_clear(self);
    return hl_none_new();
}

METHOD(dict_copy_m) { return hl_dict_copy(self); }

METHOD(dict_fromkeys)
{
    /* self is the class (a classmethod). */
    if (hl_arg_check_positional("fromkeys", nargs, 1, 2) < 0)
        return NULL;
    HLObject *value = nargs > 1 ? args[1] : HL_None;
    HLObject *d = hl_call_noargs(self);
    if (d == NULL)
        return NULL;
    HLObject *it = hl_object_get_iter(args[0]);
    if (it == NULL) {
        hl_decref(d);
        return NULL;
    }
    HLObject *key;
    while ((key = hl_iter_next(it)) != NULL) {
        int r = hl_dict_check_exact(d) ? hl_dict_set_item(d, key, value) : hl_object_set_item(d, key, value);
        hl_decref(key);
        if (r < 0) {
            hl_decref(it);
            hl_decref(d);
            return NULL;
        }
    }
    hl_decref(it);
    if (hl_err_occurred()) {
        hl_decref(d);
        return NULL;
    }
    return d;
}

METHOD(dict_sizeof_m) { return hl_long_from_ssize(hl_dict_sizeof(self)); }

METHOD(dict_contains_m)
{
    int r = hl_dict_contains(self, args[0]);
    return r < 0 ? NULL : hl_bool_from_long(r);
}

METHOD(dict_getitem_m) { return hl_object_get_item(self, args[0]); }

HLMethodDef hl_dict_methods[] = {
    {"keys", dict_keys_m, HL_METH_NOARGS, NULL},
    {"values", dict_values_m, HL_METH_NOARGS, NULL},
    {"items", dict_items_m, HL_METH_NOARGS, NULL},
    {"get", dict_get, HL_METH_FASTCALL, NULL},
    {"setdefault", dict_setdefault, HL_METH_FASTCALL, NULL},
    {"pop", dict_pop, HL_METH_FASTCALL, NULL},
    {"popitem", dict_popitem, HL_METH_NOARGS, NULL},
    {"update", dict_update, HL_METH_VARARGS | HL_METH_KEYWORDS, NULL},
    {"clear", dict_clear_m, HL_METH_NOARGS, NULL},
    {"copy", dict_copy_m, HL_METH_NOARGS, NULL},
    {"fromkeys", dict_fromkeys, HL_METH_FASTCALL | HL_METH_CLASS, NULL},
    {"__sizeof__", dict_sizeof_m, HL_METH_NOARGS, NULL},
    {"__contains__", dict_contains_m, HL_METH_O, NULL},
    {"__getitem__", dict_getitem_m, HL_METH_O, NULL},
    {NULL}};
