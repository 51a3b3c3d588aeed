/*
 * typenew.c — creating a class (CPython 3.11's type_new) and the life of
 * its instances (subtype_dealloc, subtype_traverse, subtype_clear).
 *
 * type_new(metatype, (name, bases, ns), kwds) runs these steps:
 *
 *   1. type_new_get_bases: no bases means (object,); otherwise the winning
 *      metaclass is computed (_PyType_CalculateMetaclass — the most derived
 *      of metatype and the bases' types, or "metaclass conflict"); if it is
 *      another metaclass with its own tp_new, that one makes the class.
 *      best_base picks the base whose instance layout the others are
 *      compatible with (solid_base, "multiple bases have instance lay-out
 *      conflict").
 *   2. type_new_init: the class dict is a copy of ns; __slots__ is read
 *      (type_new_slots): without it, the class adds a __dict__ and a
 *      __weakref__ slot when its base has none; with it, each name becomes
 *      a member (mangled, sorted), '__dict__' and '__weakref__' in it ask
 *      for those two.  The type object is allocated with room for the
 *      members after it, as a GC object, with subtype_* as its dealloc,
 *      traverse and clear.
 *   3. type_new_set_attrs: tp_name from the name; __module__ from the
 *      running frame's globals (__name__) if ns lacks it; __qualname__ moved out of
 *      the dict into ht_qualname; __doc__ copied to tp_doc; a plain
 *      function as __new__ becomes a staticmethod, as __init_subclass__ or
 *      __class_getitem__ a classmethod; the layout (type_new_descriptors):
 *      members at their offsets, then the weakref slot, and the dict — for
 *      a base without items, 3.11's managed dict: MANAGED_DICT, no slot in
 *      the object, the values and dict pointers in the pre-header; the
 *      __dict__/__weakref__ getsets; __classcell__ filled with the class.
 *   4. type_ready (typeobject.c), then fixup_slot_dispatchers
 *      (typeslots.c): every dunder defined along the MRO gets its C slot.
 *   5. A managed-dict class gets its shared keys (ht_cached_keys), which
 *      its instances' inline values are indexed by.
 *   6. __set_name__ is called on every value of the dict that has it (on a
 *      copy of the dict), then super(cls, cls).__init_subclass__(**kwds).
 *
 * Instances.  subtype_dealloc, in 3.11's order: untrack; call tp_finalize
 * (__del__) through the PEP 442 path and stop if the object was
 * resurrected; clear the weakrefs (callbacks run); clear the __slots__
 * members; free the managed dict or the inline values (or the dict at
 * tp_dictoffset); then the nearest base's dealloc frees the memory, and
 * the class loses the reference its instance held.  It runs inside the
 * trashcan, so freeing a long chain of instances does not recurse deeply.
 * subtype_traverse visits the members, the values or dict, and the class
 * (an instance holds its class).
 */
#include "typeobject.h"

#include <stddef.h>
#include <string.h>

#include "../lang/ceval.h"
#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "../runtime/obmalloc.h"
#include "../runtime/state.h"
#include "../runtime/weakref.h"
#include "abstract.h"
#include "descrobject.h"
#include "dictimpl.h"
#include "dictobject.h"
#include "funcobject.h"
#include "listobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "unicodectype.h"
#include "exceptions.h"

static int is_function(HLObject *o) { return hl_function_check(o); }

#define HEAP(o) ((HLHeapTypeObject *)(o))

/* ---- metaclass and base --------------------------------------------------- */

HLTypeObject *hl_type_calculate_metaclass(HLTypeObject *metatype, HLObject *bases)
{
    HLTypeObject *winner = metatype;
    for (hl_ssize_t i = 0; i < HL_SIZE(bases); i++) {
        HLTypeObject *tmptype = HL_TYPE(HL_TUPLE_GET(bases, i));
        if (hl_type_is_subtype(winner, tmptype))
            continue;
        if (hl_type_is_subtype(tmptype, winner)) {
            winner = tmptype;
            continue;
        }
        hl_err_set_string(hl_exc_TypeError,
                          "metaclass conflict: the metaclass of a derived class must be a "
                          "(non-strict) subclass of the metaclasses of all its bases");
        return NULL;
    }
    return winner;
}

/* extra_ivars: type adds fields to base's layout (a class's own __dict__
 * and __weakref__ slots at the end do not count). */
static int extra_ivars(HLTypeObject *type, HLTypeObject *base)
{
    size_t t_size = (size_t)type->tp_basicsize, b_size = (size_t)base->tp_basicsize;
    if (type->tp_itemsize || base->tp_itemsize)
        return t_size != b_size || type->tp_itemsize != base->tp_itemsize;
    int heap = HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_HEAPTYPE);
    if (heap && type->tp_weaklistoffset && base->tp_weaklistoffset == 0 &&
        (size_t)type->tp_weaklistoffset + sizeof(HLObject *) == t_size)
        t_size -= sizeof(HLObject *);
    if (heap && type->tp_dictoffset > 0 && base->tp_dictoffset == 0 &&
        (size_t)type->tp_dictoffset + sizeof(HLObject *) == t_size)
        t_size -= sizeof(HLObject *);
    return t_size != b_size;
}

static HLTypeObject *solid_base(HLTypeObject *type)
{
    HLTypeObject *base = type->tp_base ? solid_base(type->tp_base) : &hl_object_type;
    return extra_ivars(type, base) ? type : base;
}

HLTypeObject *hl_best_base(HLObject *bases)
{
    HLTypeObject *base = NULL, *winner = NULL;
    for (hl_ssize_t i = 0; i < HL_SIZE(bases); i++) {
        HLObject *base_proto = HL_TUPLE_GET(bases, i);
        if (!hl_type_check(base_proto)) {
            hl_err_set_string(hl_exc_TypeError, "bases must be types");
            return NULL;
        }
        HLTypeObject *base_i = (HLTypeObject *)base_proto;
        if (!(base_i->tp_flags & HL_TPFLAGS_READY) && hl_type_ready(base_i) < 0)
            return NULL;
        if (!HL_TYPE_HAS_FLAG(base_i, HL_TPFLAGS_BASETYPE)) {
            hl_err_format(hl_exc_TypeError, "type '%s' is not an acceptable base type",
                          base_i->tp_name);
            return NULL;
        }
        HLTypeObject *candidate = solid_base(base_i);
        if (winner == NULL) {
            winner = candidate;
            base = base_i;
        } else if (hl_type_is_subtype(winner, candidate)) {
            ;
        } else if (hl_type_is_subtype(candidate, winner)) {
            winner = candidate;
            base = base_i;
        } else {
            hl_err_set_string(hl_exc_TypeError, "multiple bases have instance lay-out conflict");
            return NULL;
        }
    }
    return base;
}

/* ---- the context of one type_new call ---------------------------------------- */

typedef struct {
    HLTypeObject *metatype;
    HLObject *args, *kwds, *orig_dict, *name;
    HLObject *bases; /* strong */
    HLTypeObject *base;
    HLObject *slots; /* strong: the __slots__ tuple, then the members' names */
    hl_ssize_t nslot;
    int add_dict, add_weak, may_add_dict, may_add_weak;
} type_new_ctx;

/* 0: ctx filled; 1: another metaclass made the class (*type); -1: error. */
static int type_new_get_bases(type_new_ctx *ctx, HLObject **type)
{
    hl_ssize_t nbases = HL_SIZE(ctx->bases);
    if (nbases == 0) {
        ctx->base = &hl_object_type;
        ctx->bases = hl_tuple_pack(1, ctx->base);
        return ctx->bases == NULL ? -1 : 0;
    }
    for (hl_ssize_t i = 0; i < nbases; i++) {
        HLObject *base = HL_TUPLE_GET(ctx->bases, i);
        if (hl_type_check(base))
            continue;
        HLObject *mro_entries = hl_object_getattr_str(base, "__mro_entries__");
        if (mro_entries != NULL) {
            hl_decref(mro_entries);
            hl_err_set_string(hl_exc_TypeError,
                              "type() doesn't support MRO entry resolution; use types.new_class()");
            return -1;
        }
        if (!hl_err_exception_matches(hl_exc_AttributeError))
            return -1;
        hl_err_clear();
    }
    HLTypeObject *winner = hl_type_calculate_metaclass(ctx->metatype, ctx->bases);
    if (winner == NULL)
        return -1;
    if (winner != ctx->metatype) {
        if (winner->tp_new != hl_type_new) {
            /* Pass it to the winner. */
            *type = winner->tp_new(winner, ctx->args, ctx->kwds);
            return *type == NULL ? -1 : 1;
        }
        ctx->metatype = winner;
    }
    if ((ctx->base = hl_best_base(ctx->bases)) == NULL)
        return -1;
    hl_incref(ctx->bases);
    return 0;
}

/* _Py_Mangle: __x in class _C becomes _C__x (leading underscores of the
 * class name dropped); dunders and dotted names are left alone. */
static HLObject *mangle(HLObject *classname, HLObject *name)
{
    hl_ssize_t n = HL_STR_LEN(name);
    if (n < 2 || hl_str_read_char(name, 0) != '_' || hl_str_read_char(name, 1) != '_' ||
        (hl_str_read_char(name, n - 1) == '_' && hl_str_read_char(name, n - 2) == '_'))
        return hl_newref(name);
    for (hl_ssize_t i = 0; i < n; i++)
        if (hl_str_read_char(name, i) == '.')
            return hl_newref(name);
    hl_ssize_t start = 0, cn = HL_STR_LEN(classname);
    while (start < cn && hl_str_read_char(classname, start) == '_')
        start++;
    if (start == cn)
        return hl_newref(name);
    HLObject *stripped = hl_str_substring(classname, start, cn);
    if (stripped == NULL)
        return NULL;
    HLObject *res = hl_str_from_format("_%U%U", stripped, name);
    hl_decref(stripped);
    return res;
}

/* str.isidentifier() */
static int is_identifier(HLObject *s)
{
    hl_ssize_t n = HL_STR_LEN(s);
    if (n == 0)
        return 0;
    uint32_t ch = hl_str_read_char(s, 0);
    if (!hl_unicode_isxidstart(ch) && ch != '_')
        return 0;
    for (hl_ssize_t i = 1; i < n; i++)
        if (!hl_unicode_isxidcontinue(hl_str_read_char(s, i)))
            return 0;
    return 1;
}

static int type_new_visit_slots(type_new_ctx *ctx)
{
    for (hl_ssize_t i = 0; i < ctx->nslot; i++) {
        HLObject *name = HL_TUPLE_GET(ctx->slots, i);
        if (!hl_str_check(name)) {
            hl_err_format(hl_exc_TypeError, "__slots__ items must be strings, not '%s'",
                          HL_TYPE(name)->tp_name);
            return -1;
        }
        if (!is_identifier(name)) {
            hl_err_set_string(hl_exc_TypeError, "__slots__ must be identifiers");
            return -1;
        }
        if (hl_str_eq_cstr(name, "__dict__")) {
            if (!ctx->may_add_dict || ctx->add_dict != 0) {
                hl_err_set_string(hl_exc_TypeError, "__dict__ slot disallowed: we already got one");
                return -1;
            }
            ctx->add_dict++;
        }
        if (hl_str_eq_cstr(name, "__weakref__")) {
            if (!ctx->may_add_weak || ctx->add_weak != 0) {
                hl_err_set_string(hl_exc_TypeError, "__weakref__ slot disallowed: either we already "
                                                    "got one, or __itemsize__ != 0");
                return -1;
            }
            ctx->add_weak++;
        }
    }
    return 0;
}

/* The members' names: mangled, without __dict__/__weakref__, sorted. */
static HLObject *type_new_copy_slots(type_new_ctx *ctx, HLObject *dict)
{
    HLObject *new_slots = hl_list_new(0);
    if (new_slots == NULL)
        return NULL;
    for (hl_ssize_t i = 0; i < ctx->nslot; i++) {
        HLObject *slot = HL_TUPLE_GET(ctx->slots, i);
        if ((ctx->add_dict && hl_str_eq_cstr(slot, "__dict__")) ||
            (ctx->add_weak && hl_str_eq_cstr(slot, "__weakref__")))
            continue;
        slot = mangle(ctx->name, slot);
        if (slot == NULL || hl_list_append(new_slots, slot) < 0) {
            hl_xdecref(slot);
            goto error;
        }
        int r = hl_dict_contains(dict, slot);
        if (r > 0 && !hl_str_eq_cstr(slot, "__qualname__") && !hl_str_eq_cstr(slot, "__classcell__")) {
            hl_err_format(hl_exc_ValueError, "%R in __slots__ conflicts with class variable", slot);
            r = -1;
        }
        hl_decref(slot);
        if (r < 0)
            goto error;
    }
    if (hl_list_sort(new_slots) < 0)
        goto error;
    HLObject *tuple = hl_list_as_tuple(new_slots);
    hl_decref(new_slots);
    return tuple;
error:
    hl_decref(new_slots);
    return NULL;
}

/* Secondary bases may provide the dict or weakref slot. */
static void type_new_slots_bases(type_new_ctx *ctx)
{
    hl_ssize_t nbases = HL_SIZE(ctx->bases);
    if (nbases <= 1 || !((ctx->may_add_dict && ctx->add_dict == 0) ||
                         (ctx->may_add_weak && ctx->add_weak == 0)))
        return;
    for (hl_ssize_t i = 0; i < nbases; i++) {
        HLTypeObject *base = (HLTypeObject *)HL_TUPLE_GET(ctx->bases, i);
        if (base == ctx->base)
            continue;
        if (ctx->may_add_dict && ctx->add_dict == 0 && base->tp_dictoffset != 0)
            ctx->add_dict++;
        if (ctx->may_add_weak && ctx->add_weak == 0 && base->tp_weaklistoffset != 0)
            ctx->add_weak++;
        if ((ctx->may_add_dict && ctx->add_dict == 0) || (ctx->may_add_weak && ctx->add_weak == 0))
            continue;
        break;
    }
}

static int type_new_slots(type_new_ctx *ctx, HLObject *dict)
{
    ctx->add_dict = ctx->add_weak = 0;
    ctx->may_add_dict = ctx->base->tp_dictoffset == 0;
    ctx->may_add_weak = ctx->base->tp_weaklistoffset == 0 && ctx->base->tp_itemsize == 0;
    if (ctx->slots == NULL) {
        ctx->add_dict = ctx->may_add_dict;
        ctx->add_weak = ctx->may_add_weak;
        return 0;
    }
    if (ctx->nslot > 0 && ctx->base->tp_itemsize != 0) {
        hl_err_format(hl_exc_TypeError, "nonempty __slots__ not supported for subtype of '%s'",
                      ctx->base->tp_name);
        return -1;
    }
    if (type_new_visit_slots(ctx) < 0)
        return -1;
    HLObject *new_slots = type_new_copy_slots(ctx, dict);
    if (new_slots == NULL)
        return -1;
    HL_SETREF(ctx->slots, new_slots);
    ctx->nslot = HL_SIZE(new_slots);
    type_new_slots_bases(ctx);
    return 0;
}

static int type_new_get_slots(type_new_ctx *ctx, HLObject *dict)
{
    HLObject *slots = hl_dict_get_item_str(dict, "__slots__");
    if (slots == NULL) {
        ctx->slots = NULL;
        ctx->nslot = 0;
        return hl_err_occurred() ? -1 : 0;
    }
    ctx->slots = hl_str_check(slots) ? hl_tuple_pack(1, slots) : hl_sequence_tuple(slots);
    if (ctx->slots == NULL)
        return -1;
    ctx->nslot = HL_SIZE(ctx->slots);
    return 0;
}

static HLTypeObject *type_new_alloc(type_new_ctx *ctx)
{
    HLTypeObject *metatype = ctx->metatype;
    HLTypeObject *type = (HLTypeObject *)metatype->tp_alloc(metatype, ctx->nslot);
    if (type == NULL)
        return NULL;
    HLHeapTypeObject *et = HEAP(type);
    /* All classes are GC: an instance stored on its class is a cycle. */
    type->tp_flags = HL_TPFLAGS_HEAPTYPE | HL_TPFLAGS_BASETYPE | HL_TPFLAGS_HAVE_GC;
    type->tp_as_number = &et->as_number;
    type->tp_as_sequence = &et->as_sequence;
    type->tp_as_mapping = &et->as_mapping;
    type->tp_bases = hl_newref(ctx->bases);
    type->tp_base = (HLTypeObject *)hl_newref(ctx->base);
    type->tp_dealloc = hl_subtype_dealloc;
    type->tp_alloc = hl_type_generic_alloc;
    type->tp_free = hl_gc_del;
    type->tp_traverse = hl_subtype_traverse;
    type->tp_clear = hl_subtype_clear;
    et->ht_name = hl_newref(ctx->name);
    et->ht_module = NULL;
    return type;
}

static HLTypeObject *type_new_init(type_new_ctx *ctx)
{
    HLObject *dict = hl_dict_copy(ctx->orig_dict);
    if (dict == NULL)
        goto error;
    if (type_new_get_slots(ctx, dict) < 0 || type_new_slots(ctx, dict) < 0)
        goto error;
    HLTypeObject *type = type_new_alloc(ctx);
    if (type == NULL)
        goto error;
    type->tp_dict = dict;
    HEAP(type)->ht_slots = ctx->slots;
    ctx->slots = NULL;
    return type;
error:
    HL_CLEAR(ctx->slots);
    hl_xdecref(dict);
    return NULL;
}

/* ---- type_new_set_attrs ---------------------------------------------------- */

static int type_new_set_name(type_new_ctx *ctx, HLTypeObject *type)
{
    hl_ssize_t len;
    type->tp_name = hl_str_as_utf8(ctx->name, &len);
    if (type->tp_name == NULL)
        return -1;
    if (strlen(type->tp_name) != (size_t)len) {
        hl_err_set_string(hl_exc_ValueError, "type name must not contain null characters");
        return -1;
    }
    return 0;
}

/* __module__ from the namespace, else the running frame's __name__. */
static int type_new_set_module(HLTypeObject *type)
{
    int r = hl_dict_get_item_str(type->tp_dict, "__module__") != NULL;
    if (r || hl_err_occurred())
        return r ? 0 : -1;
    HLObject *globals = hl_eval_get_globals();
    if (globals == NULL)
        return 0;
    HLObject *module = hl_dict_get_item_str(globals, "__name__");
    if (module == NULL)
        return hl_err_occurred() ? -1 : 0;
    return hl_dict_set_item_str(type->tp_dict, "__module__", module);
}

static int type_new_set_ht_name(HLTypeObject *type)
{
    HLHeapTypeObject *et = HEAP(type);
    HLObject *qualname = hl_dict_get_item_str(type->tp_dict, "__qualname__");
    if (qualname == NULL) {
        if (hl_err_occurred())
            return -1;
        et->ht_qualname = hl_newref(et->ht_name);
        return 0;
    }
    if (!hl_str_check(qualname)) {
        hl_err_format(hl_exc_TypeError, "type __qualname__ must be a str, not %s",
                      HL_TYPE(qualname)->tp_name);
        return -1;
    }
    et->ht_qualname = hl_newref(qualname);
    return hl_dict_del_item_str(type->tp_dict, "__qualname__");
}

/* tp_doc: a copy of a str __doc__, in pymalloc memory as in CPython. */
static int type_new_set_doc(HLTypeObject *type)
{
    HLObject *doc = hl_dict_get_item_str(type->tp_dict, "__doc__");
    if (doc == NULL)
        return hl_err_occurred() ? -1 : 0;
    if (!hl_str_check(doc))
        return 0;
    hl_ssize_t len;
    const char *s = hl_str_as_utf8(doc, &len);
    if (s == NULL)
        return -1;
    char *tp_doc = hl_mem_malloc((size_t)len + 1);
    if (tp_doc == NULL) {
        hl_err_nomemory();
        return -1;
    }
    memcpy(tp_doc, s, (size_t)len + 1);
    type->tp_doc = tp_doc;
    return 0;
}

/* A plain function as __new__ is a staticmethod; as __init_subclass__ or
 * __class_getitem__, a classmethod. */
static int type_new_wrap_function(HLTypeObject *type, const char *name, HLTypeObject *wrapper)
{
    HLObject *func = hl_dict_get_item_str(type->tp_dict, name);
    if (func == NULL)
        return hl_err_occurred() ? -1 : 0;
    if (!is_function(func))
        return 0;
    HLObject *wrapped = hl_call_one((HLObject *)wrapper, func);
    if (wrapped == NULL)
        return -1;
    return hl_dict_set_item_str_steal(type->tp_dict, name, wrapped);
}

static HLObject *subtype_dict(HLObject *obj, void *c);
static int subtype_setdict(HLObject *obj, HLObject *value, void *c);
static HLObject *subtype_getweakref(HLObject *obj, void *c);

static HLGetSetDef subtype_getsets_full[] = {
    {"__dict__", subtype_dict, subtype_setdict, NULL},
    {"__weakref__", subtype_getweakref, NULL, NULL},
    {NULL}};
static HLGetSetDef subtype_getsets_dict_only[] = {{"__dict__", subtype_dict, subtype_setdict, NULL},
                                                  {NULL}};
static HLGetSetDef subtype_getsets_weakref_only[] = {{"__weakref__", subtype_getweakref, NULL, NULL},
                                                     {NULL}};

/* The instance layout: members, the weakref slot, the dict. */
static void type_new_descriptors(type_new_ctx *ctx, HLTypeObject *type)
{
    HLHeapTypeObject *et = HEAP(type);
    hl_ssize_t slotoffset = ctx->base->tp_basicsize;
    if (et->ht_slots != NULL) {
        HLMemberDef *mp = HL_HEAPTYPE_MEMBERS(type);
        for (hl_ssize_t i = 0; i < HL_SIZE(et->ht_slots); i++, mp++) {
            mp->name = hl_str_as_utf8(HL_TUPLE_GET(et->ht_slots, i), NULL);
            mp->type = HL_T_OBJECT_EX;
            mp->offset = slotoffset;
            slotoffset += sizeof(HLObject *);
        }
    }
    if (ctx->add_dict && ctx->base->tp_itemsize) {
        type->tp_dictoffset = -(hl_ssize_t)sizeof(HLObject *); /* after the items */
        slotoffset += sizeof(HLObject *);
    }
    if (ctx->add_weak) {
        type->tp_weaklistoffset = slotoffset;
        slotoffset += sizeof(HLObject *);
    }
    if (ctx->add_dict && ctx->base->tp_itemsize == 0) {
        /* 3.11's managed dict: the pointers live in the pre-header. */
        type->tp_flags |= HL_TPFLAGS_MANAGED_DICT;
        type->tp_dictoffset = -slotoffset - (hl_ssize_t)sizeof(HLObject *) * 3;
    }
    type->tp_basicsize = slotoffset;
    type->tp_itemsize = ctx->base->tp_itemsize;
    type->tp_members = HL_HEAPTYPE_MEMBERS(type);
}

static void type_new_set_slots(type_new_ctx *ctx, HLTypeObject *type)
{
    if (type->tp_weaklistoffset && type->tp_dictoffset)
        type->tp_getset = subtype_getsets_full;
    else if (type->tp_weaklistoffset)
        type->tp_getset = subtype_getsets_weakref_only;
    else if (type->tp_dictoffset)
        type->tp_getset = subtype_getsets_dict_only;
    else
        type->tp_getset = NULL;
    if (type->tp_dictoffset != 0 || ctx->nslot > 0) {
        if (ctx->base->tp_getattro == NULL)
            type->tp_getattro = hl_object_generic_getattr;
        if (ctx->base->tp_setattro == NULL)
            type->tp_setattro = hl_object_generic_setattr;
    }
}

/* The class body's __class__ cell (zero-argument super) gets the class. */
static int type_new_set_classcell(HLTypeObject *type)
{
    HLObject *cell = hl_dict_get_item_str(type->tp_dict, "__classcell__");
    if (cell == NULL)
        return hl_err_occurred() ? -1 : 0;
    if (!hl_cell_check(cell)) {
        hl_err_format(hl_exc_TypeError, "__classcell__ must be a nonlocal cell, not %R",
                      (HLObject *)HL_TYPE(cell));
        return -1;
    }
    HL_XSETREF(((HLCellObject *)cell)->ob_ref, hl_newref(type));
    return hl_dict_del_item_str(type->tp_dict, "__classcell__");
}

static int type_new_set_attrs(type_new_ctx *ctx, HLTypeObject *type)
{
    if (type_new_set_name(ctx, type) < 0 || type_new_set_module(type) < 0 ||
        type_new_set_ht_name(type) < 0 || type_new_set_doc(type) < 0)
        return -1;
    if (type_new_wrap_function(type, "__new__", &hl_staticmethod_type) < 0 ||
        type_new_wrap_function(type, "__init_subclass__", &hl_classmethod_type) < 0 ||
        type_new_wrap_function(type, "__class_getitem__", &hl_classmethod_type) < 0)
        return -1;
    type_new_descriptors(ctx, type);
    type_new_set_slots(ctx, type);
    return type_new_set_classcell(type);
}

/* ---- the last steps: __set_name__, __init_subclass__ --------------------------- */

static int type_new_set_names(HLTypeObject *type)
{
    HLObject *names_to_set = hl_dict_copy(type->tp_dict);
    if (names_to_set == NULL)
        return -1;
    hl_ssize_t pos = 0;
    HLObject *key, *value;
    while (hl_dict_next(names_to_set, &pos, &key, &value)) {
        HLObject *set_name = hl_lookup_special(value, "__set_name__");
        if (set_name == NULL) {
            if (hl_err_occurred())
                goto error;
            continue;
        }
        HLObject *args[2] = {(HLObject *)type, key};
        HLObject *res = hl_vectorcall(set_name, args, 2, NULL);
        hl_decref(set_name);
        if (res == NULL) {
            /* _PyErr_FormatFromCause: the new error's cause is the old one. */
            HLObject *cause = hl_err_fetch();
            hl_err_format(hl_exc_RuntimeError, "Error calling __set_name__ on '%s' instance %R in '%s'",
                          HL_TYPE(value)->tp_name, key, type->tp_name);
            HLObject *exc = hl_err_occurred();
            if (exc != NULL && cause != NULL) {
                hl_exception_set_context(exc, hl_newref(cause));
                hl_exception_set_cause(exc, cause);
            } else {
                hl_xdecref(cause);
            }
            goto error;
        }
        hl_decref(res);
    }
    hl_decref(names_to_set);
    return 0;
error:
    hl_decref(names_to_set);
    return -1;
}

static int type_new_init_subclass(HLTypeObject *type, HLObject *kwds)
{
    HLObject *super = hl_super_new(type, (HLObject *)type);
    if (super == NULL)
        return -1;
    HLObject *func = hl_object_getattr_str(super, "__init_subclass__");
    hl_decref(super);
    if (func == NULL)
        return -1;
    HLObject *empty = hl_tuple_new(0);
    HLObject *result = empty ? hl_call(func, empty, kwds) : NULL;
    hl_xdecref(empty);
    hl_decref(func);
    if (result == NULL)
        return -1;
    hl_decref(result);
    return 0;
}

static HLObject *type_new_impl(type_new_ctx *ctx)
{
    HLTypeObject *type = type_new_init(ctx);
    if (type == NULL)
        return NULL;
    if (type_new_set_attrs(ctx, type) < 0 || hl_type_ready(type) < 0)
        goto error;
    hl_type_fixup_slot_dispatchers(type);
    if (HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_MANAGED_DICT)) {
        HEAP(type)->ht_cached_keys = hl_dict_new_keys_for_class();
        if (HEAP(type)->ht_cached_keys == NULL) {
            hl_err_nomemory();
            goto error;
        }
    }
    if (type_new_set_names(type) < 0 || type_new_init_subclass(type, ctx->kwds) < 0)
        goto error;
    return (HLObject *)type;
error:
    hl_decref(type);
    return NULL;
}

/* type.__new__(metatype, name, bases, dict, **kwds) */
HLObject *hl_type_new(HLTypeObject *metatype, HLObject *args, HLObject *kwds)
{
    static const char *const what[] = {"str", "tuple", "dict"};
    hl_ssize_t n = HL_SIZE(args);
    if (n != 3) {
        hl_err_format(hl_exc_TypeError, "type.__new__() takes exactly 3 arguments (%zd given)",
                      (ssize_t)n);
        return NULL;
    }
    for (int i = 0; i < 3; i++) {
        HLObject *a = HL_TUPLE_GET(args, i);
        int ok = i == 0 ? hl_str_check(a) : i == 1 ? hl_tuple_check(a) : hl_dict_check(a);
        if (!ok) {
            hl_err_format(hl_exc_TypeError, "type.__new__() argument %d must be %s, not %s", i + 1,
                          what[i], HL_TYPE(a)->tp_name);
            return NULL;
        }
    }
    type_new_ctx ctx = {
        .metatype = metatype,
        .args = args,
        .kwds = kwds,
        .name = HL_TUPLE_GET(args, 0),
        .bases = HL_TUPLE_GET(args, 1),
        .orig_dict = HL_TUPLE_GET(args, 2),
    };
    HLObject *type = NULL;
    int res = type_new_get_bases(&ctx, &type);
    if (res < 0)
        return NULL;
    if (res == 1)
        return type;
    type = type_new_impl(&ctx);
    hl_decref(ctx.bases);
    return type;
}

/* ---- instances: __dict__ and __weakref__ ----------------------------------------- */

static HLObject *subtype_dict(HLObject *obj, void *c)
{
    HLTypeObject *tp = HL_TYPE(obj);
    if (HL_TYPE_HAS_FLAG(tp, HL_TPFLAGS_MANAGED_DICT))
        return hl_object_get_instance_dict(obj);
    HLObject **dictptr = hl_object_dict_ptr(obj);
    if (dictptr == NULL) {
        hl_err_set_string(hl_exc_AttributeError, "This object has no __dict__");
        return NULL;
    }
    if (*dictptr == NULL && (*dictptr = hl_dict_new()) == NULL)
        return NULL;
    return hl_newref(*dictptr);
}

static int subtype_setdict(HLObject *obj, HLObject *value, void *c)
{
    if (value != NULL && !hl_dict_check(value)) {
        hl_err_format(hl_exc_TypeError, "__dict__ must be set to a dictionary, not a '%s'",
                      HL_TYPE(value)->tp_name);
        return -1;
    }
    if (HL_TYPE_HAS_FLAG(HL_TYPE(obj), HL_TPFLAGS_MANAGED_DICT) && *HL_OBJECT_VALUES_PTR(obj)) {
        /* The inline values become a dict first, then are replaced. */
        HLObject *dict = hl_object_get_instance_dict(obj);
        if (dict == NULL)
            return -1;
        hl_decref(dict);
    }
    HLObject **dictptr = hl_object_dict_ptr(obj);
    if (dictptr == NULL) {
        hl_err_set_string(hl_exc_AttributeError, "This object has no __dict__");
        return -1;
    }
    hl_xincref(value);
    HL_XSETREF(*dictptr, value);
    return 0;
}

static HLObject *subtype_getweakref(HLObject *obj, void *c)
{
    HLTypeObject *tp = HL_TYPE(obj);
    if (tp->tp_weaklistoffset == 0) {
        hl_err_set_string(hl_exc_AttributeError, "This object has no __weakref__");
        return NULL;
    }
    HLObject *result = *(HLObject **)((char *)obj + tp->tp_weaklistoffset);
    return hl_newref(result ? result : HL_None);
}

/* ---- instances: dealloc, traverse, clear ------------------------------------------ */

static void clear_slots(HLTypeObject *type, HLObject *self)
{
    HLMemberDef *mp = HL_HEAPTYPE_MEMBERS(type);
    for (hl_ssize_t i = 0; i < HL_SIZE(type); i++, mp++)
        if (mp->type == HL_T_OBJECT_EX && !(mp->flags & HL_READONLY))
            HL_CLEAR(*(HLObject **)((char *)self + mp->offset));
}

static int traverse_slots(HLTypeObject *type, HLObject *self, hl_visitproc visit, void *arg)
{
    HLMemberDef *mp = HL_HEAPTYPE_MEMBERS(type);
    for (hl_ssize_t i = 0; i < HL_SIZE(type); i++, mp++)
        if (mp->type == HL_T_OBJECT_EX)
            HL_VISIT(*(HLObject **)((char *)self + mp->offset));
    return 0;
}

int hl_subtype_traverse(HLObject *self, hl_visitproc visit, void *arg)
{
    HLTypeObject *type = HL_TYPE(self), *base = type;
    hl_traverseproc basetraverse;
    while ((basetraverse = base->tp_traverse) == hl_subtype_traverse) {
        if (HL_SIZE(base)) {
            int err = traverse_slots(base, self, visit, arg);
            if (err)
                return err;
        }
        base = base->tp_base;
    }
    if (HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_MANAGED_DICT)) {
        int err = hl_object_instance_traverse(self, visit, arg);
        if (err)
            return err;
    } else if (type->tp_dictoffset != base->tp_dictoffset) {
        HLObject **dictptr = hl_object_dict_ptr(self);
        if (dictptr && *dictptr)
            HL_VISIT(*dictptr);
    }
    /* The instance holds its class; a heap base's traverse visits it. */
    if (!basetraverse || !HL_TYPE_HAS_FLAG(base, HL_TPFLAGS_HEAPTYPE))
        HL_VISIT(type);
    return basetraverse ? basetraverse(self, visit, arg) : 0;
}

int hl_subtype_clear(HLObject *self)
{
    HLTypeObject *type = HL_TYPE(self), *base = type;
    hl_inquiry baseclear;
    while ((baseclear = base->tp_clear) == hl_subtype_clear) {
        if (HL_SIZE(base))
            clear_slots(base, self);
        base = base->tp_base;
    }
    /* Clearing the dict breaks cycles like `self.__dict__ is self`'s. */
    if (HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_MANAGED_DICT)) {
        hl_object_instance_clear(self);
    } else if (type->tp_dictoffset != base->tp_dictoffset) {
        HLObject **dictptr = hl_object_dict_ptr(self);
        if (dictptr && *dictptr)
            HL_CLEAR(*dictptr);
    }
    return baseclear ? baseclear(self) : 0;
}

void hl_subtype_dealloc(HLObject *self)
{
    HLTypeObject *type = HL_TYPE(self), *base;
    hl_destructor basedealloc;
    /* Classes are always GC in 3.11; the instance stays untracked while it
     * is taken apart (weakref callbacks may collect). */
    hl_gc_untrack(self);
    HL_TRASHCAN_BEGIN(self, hl_subtype_dealloc)
    base = type;
    while (base->tp_dealloc == hl_subtype_dealloc)
        base = base->tp_base;
    int has_finalizer = type->tp_finalize || type->tp_del;
    if (type->tp_finalize) {
        hl_gc_track(self);
        if (hl_object_call_finalizer_from_dealloc(self) < 0)
            goto endlabel; /* resurrected */
        hl_gc_untrack(self);
    }
    if (type->tp_weaklistoffset && !base->tp_weaklistoffset)
        hl_object_clear_weakrefs(self);
    if (type->tp_del) {
        hl_gc_track(self);
        type->tp_del(self);
        if (HL_REFCNT(self) > 0)
            goto endlabel; /* resurrected */
        hl_gc_untrack(self);
    }
    if (has_finalizer && type->tp_weaklistoffset && !base->tp_weaklistoffset) {
        /* Weakrefs made by the finalizer die without callbacks. */
        HLWeakReference **list = hl_weakref_listptr(self);
        while (*list)
            hl_weakref_clear_ref(*list);
    }
    base = type;
    while ((basedealloc = base->tp_dealloc) == hl_subtype_dealloc) {
        if (HL_SIZE(base))
            clear_slots(base, self);
        base = base->tp_base;
    }
    if (HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_MANAGED_DICT)) {
        hl_object_instance_free(self);
    } else if (type->tp_dictoffset && !base->tp_dictoffset) {
        HLObject **dictptr = hl_object_dict_ptr(self);
        if (dictptr != NULL)
            HL_CLEAR(*dictptr);
    }
    type = HL_TYPE(self); /* tp_del may have changed it */
    if (hl_type_is_gc(base))
        hl_gc_track(self); /* the base's dealloc untracks */
    /* The base's dealloc may free the class: decide before calling it. */
    int type_needs_decref = HL_TYPE_HAS_FLAG(type, HL_TPFLAGS_HEAPTYPE) &&
                            !HL_TYPE_HAS_FLAG(base, HL_TPFLAGS_HEAPTYPE);
    basedealloc(self);
    if (type_needs_decref)
        hl_decref(type);
endlabel:
    HL_TRASHCAN_END;
}

/* ---- __class__ assignment ---------------------------------------------------------- */

/* Both classes add the same members (same names, same layout). */
static int same_slots_added(HLTypeObject *a, HLTypeObject *b)
{
    HLTypeObject *base = a->tp_base;
    hl_ssize_t size = base->tp_basicsize;
    if (a->tp_dictoffset == size && b->tp_dictoffset == size)
        size += sizeof(HLObject *);
    if (a->tp_weaklistoffset == size && b->tp_weaklistoffset == size)
        size += sizeof(HLObject *);
    HLObject *slots_a = HEAP(a)->ht_slots, *slots_b = HEAP(b)->ht_slots;
    if (slots_a && slots_b) {
        if (hl_object_richcompare_bool(slots_a, slots_b, HL_EQ) != 1)
            return 0;
        size += sizeof(HLObject *) * HL_SIZE(slots_a);
    }
    return size == a->tp_basicsize && size == b->tp_basicsize;
}

int hl_compatible_for_assignment(HLTypeObject *oldto, HLTypeObject *newto, const char *attr)
{
    if (newto->tp_free != oldto->tp_free) {
        hl_err_format(hl_exc_TypeError, "%s assignment: '%s' deallocator differs from '%s'", attr,
                      newto->tp_name, oldto->tp_name);
        return 0;
    }
    HLTypeObject *newbase = newto, *oldbase = oldto;
    while (solid_base(newbase) != newbase && newbase->tp_base)
        newbase = newbase->tp_base;
    while (solid_base(oldbase) != oldbase && oldbase->tp_base)
        oldbase = oldbase->tp_base;
    /* Step past each one's own additions when they are the same. */
    if (newbase != oldbase && HL_TYPE_HAS_FLAG(newbase, HL_TPFLAGS_HEAPTYPE) &&
        HL_TYPE_HAS_FLAG(oldbase, HL_TPFLAGS_HEAPTYPE) && newbase->tp_base == oldbase->tp_base &&
        same_slots_added(newbase, oldbase)) {
        newbase = newbase->tp_base;
        oldbase = oldbase->tp_base;
    }
    if (newbase != oldbase &&
        (newbase->tp_base != oldbase->tp_base || !same_slots_added(newbase, oldbase))) {
        hl_err_format(hl_exc_TypeError, "%s assignment: '%s' object layout differs from '%s'", attr,
                      newto->tp_name, oldto->tp_name);
        return 0;
    }
    if ((oldto->tp_flags & HL_TPFLAGS_MANAGED_DICT) != (newto->tp_flags & HL_TPFLAGS_MANAGED_DICT)) {
        hl_err_format(hl_exc_TypeError, "%s assignment: '%s' object layout differs from '%s'", attr,
                      newto->tp_name, oldto->tp_name);
        return 0;
    }
    return 1;
}
