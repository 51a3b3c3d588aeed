/*
 * setobject.c — set, frozenset and the set iterator, as CPython 3.11's
 * Objects/setobject.c lays them out and grows them.
 *
 * Data layout.  A set is one GC object of 100 bytes on 32-bit:
 *
 *   [refcnt][type][fill][used][mask][table][hash][finger]
 *   [smalltable: 8 entries of (key, hash)][weakreflist]
 *
 * `table` points at `smalltable` until the set outgrows 8 slots; larger
 * tables are separate blocks of (mask + 1) entries from pymalloc (or the
 * system allocator past 512 bytes).  `used` counts live keys, `fill` live
 * keys plus dummies: a deleted slot keeps the dummy key with hash -1 so
 * that probe chains running through it stay intact.  A never-used slot
 * has key NULL and hash 0.
 *
 * Probing (set_lookkey, set_add_entry).  A key with hash h starts at slot
 * i = h & mask and first scans up to LINEAR_PROBES (9) neighbouring slots
 * — cheap, cache-friendly — as long as they fit below the end of the
 * table; then it jumps: perturb >>= PERTURB_SHIFT (5), i = (i*5 + 1 +
 * perturb) & mask, and scans again.  Because every slot's hash is cached,
 * a comparison (which may run Python code) only happens when the cached
 * hashes are equal; if that comparison changed the table, the search
 * restarts.  Adding remembers the last dummy met on the way and reuses it
 * when the key is absent.
 *
 * Growth.  When adding into a never-used slot makes fill*5 >= mask*3 (the
 * table is 60% full, dummies included), the table is rebuilt at the
 * smallest power of two above used*4 (used*2 past 50,000 keys), which also
 * drops the dummies (set_table_resize).  Updating from another set or a
 * dict resizes once up front for the combined size.  Iteration walks the
 * slots in table order, so the order of elements follows from the hashes
 * and the history of the table — identical to CPython's for the same
 * insertions (for ints, whose hash is the value, it is very visible).
 *
 * frozenset's hash combines the cached hashes of all slots with CPython's
 * shuffle so that it does not depend on the order; it is cached in
 * `hash`.  Sets are GC-tracked from creation (PyType_GenericAlloc), and
 * so is the set iterator, which raises RuntimeError if the set changes
 * size while it runs.  3.11 has no empty-frozenset singleton: frozenset()
 * makes a new object each time, but frozenset(f) of an exact frozenset is
 * f itself.
 *
 * Methods that are METH_VARARGS in CPython (update, union, intersection,
 * difference and their _update forms) receive their arguments as a tuple
 * made for the call, as CPython's method call does, so the allocations a
 * program sees are the same.
 */
#include "setobject.h"

#include <string.h>

#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "../runtime/obmalloc.h"
#include "abstract.h"
#include "dictimpl.h"
#include "dictobject.h"
#include "listobject.h"
#include "longobject.h"
#include "strobject.h"
#include "tupleobject.h"

#define LINEAR_PROBES 9
#define SET_PERTURB_SHIFT 5

/* The dummy key of deleted slots: a static object nobody counts. */
static HLTypeObject set_dummy_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "<dummy key> type",
    .tp_basicsize = sizeof(HLObject),
};
static HLObject set_dummy_struct = {HL_STATIC_REFCNT, &set_dummy_type};
#define dummy (&set_dummy_struct)

#define DISCARD_NOTFOUND 0
#define DISCARD_FOUND 1

static int set_table_resize(HLSetObject *so, hl_ssize_t minused);

/* The hash of a key: exact strs carry theirs already. */
static inline hl_hash_t key_hash(HLObject *key)
{
    if (hl_str_check_exact(key)) {
        hl_hash_t h = ((HLASCIIObject *)key)->hash;
        if (h != -1)
            return h;
    }
    return hl_object_hash(key);
}

/* ---- probing ------------------------------------------------------------- */

/* The slot holding key, or the never-used slot where the search ended;
 * NULL if a comparison raised. */
static hl_setentry *set_lookkey(HLSetObject *so, HLObject *key, hl_hash_t hash)
{
    size_t perturb = (size_t)(hl_uhash_t)hash;
    size_t mask = (size_t)so->mask;
    size_t i = (size_t)(hl_uhash_t)hash & mask;
    for (;;) {
        hl_setentry *entry = &so->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL)
                return entry;
            if (entry->hash == hash) {
                HLObject *startkey = entry->key;
                if (startkey == key)
                    return entry;
                if (hl_str_check_exact(startkey) && hl_str_check_exact(key) &&
                    hl_str_eq(startkey, key))
                    return entry;
                hl_setentry *table = so->table;
                hl_incref(startkey);
                int cmp = hl_object_richcompare_bool(startkey, key, HL_EQ);
                hl_decref(startkey);
                if (cmp < 0)
                    return NULL;
                /* The comparison may have rebuilt the table: start over. */
                if (table != so->table || entry->key != startkey)
                    return set_lookkey(so, key, hash);
                if (cmp > 0)
                    return entry;
                mask = (size_t)so->mask;
            }
            entry++;
        } while (probes--);
        perturb >>= SET_PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

/* Adds key (borrowed) with its hash; 0, or -1 on a comparison error. */
static int set_add_entry(HLSetObject *so, HLObject *key, hl_hash_t hash)
{
    /* Own the key first: a comparison could otherwise free it. */
    hl_incref(key);
restart:;
    size_t mask = (size_t)so->mask;
    size_t i = (size_t)(hl_uhash_t)hash & mask;
    size_t perturb = (size_t)(hl_uhash_t)hash;
    hl_setentry *freeslot = NULL, *entry;
    for (;;) {
        entry = &so->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL)
                goto found_unused_or_dummy;
            if (entry->hash == hash) {
                HLObject *startkey = entry->key;
                if (startkey == key)
                    goto found_active;
                if (hl_str_check_exact(startkey) && hl_str_check_exact(key) &&
                    hl_str_eq(startkey, key))
                    goto found_active;
                hl_setentry *table = so->table;
                hl_incref(startkey);
                int cmp = hl_object_richcompare_bool(startkey, key, HL_EQ);
                hl_decref(startkey);
                if (cmp > 0)
                    goto found_active;
                if (cmp < 0) {
                    hl_decref(key);
                    return -1;
                }
                if (table != so->table || entry->key != startkey)
                    goto restart;
                mask = (size_t)so->mask;
            } else if (entry->hash == -1) {
                freeslot = entry; /* a dummy: reusable if key is absent */
            }
            entry++;
        } while (probes--);
        perturb >>= SET_PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_unused_or_dummy:
    if (freeslot != NULL) {
        so->used++;
        freeslot->key = key;
        freeslot->hash = hash;
        return 0;
    }
    so->fill++;
    so->used++;
    entry->key = key;
    entry->hash = hash;
    if ((size_t)so->fill * 5 < mask * 3)
        return 0;
    return set_table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
found_active:
    hl_decref(key);
    return 0;
}

/* Puts a key known to be absent into a table without dummies; no
 * refcounts or counters change (set_insert_clean). */
static void set_insert_clean(hl_setentry *table, size_t mask, HLObject *key, hl_hash_t hash)
{
    size_t perturb = (size_t)(hl_uhash_t)hash;
    size_t i = (size_t)(hl_uhash_t)hash & mask;
    hl_setentry *entry;
    for (;;) {
        entry = &table[i];
        if (entry->key == NULL)
            goto found_null;
        if (i + LINEAR_PROBES <= mask) {
            for (size_t j = 0; j < LINEAR_PROBES; j++) {
                entry++;
                if (entry->key == NULL)
                    goto found_null;
            }
        }
        perturb >>= SET_PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_null:
    entry->key = key;
    entry->hash = hash;
}

/* Rebuilds the table at the smallest power of two (at least 8) above
 * minused, dropping dummies.  A table of 8 goes back into the object. */
static int set_table_resize(HLSetObject *so, hl_ssize_t minused)
{
    hl_ssize_t oldmask = so->mask;
    hl_setentry small_copy[HL_SET_MINSIZE];
    size_t newsize = HL_SET_MINSIZE;
    while (newsize <= (size_t)minused)
        newsize <<= 1;
    hl_setentry *oldtable = so->table, *newtable;
    int is_oldtable_malloced = oldtable != so->smalltable;
    if (newsize == HL_SET_MINSIZE) {
        newtable = so->smalltable;
        if (newtable == oldtable) {
            if (so->fill == so->used)
                return 0; /* nothing to purge */
            /* Rebuild in place to purge dummies: work from a copy. */
            memcpy(small_copy, oldtable, sizeof small_copy);
            oldtable = small_copy;
        }
    } else {
        newtable = NULL;
        if (newsize <= (size_t)HL_SSIZE_T_MAX / sizeof(hl_setentry))
            newtable = hl_mem_malloc(sizeof(hl_setentry) * newsize);
        if (newtable == NULL) {
            hl_err_nomemory();
            return -1;
        }
    }
    memset(newtable, 0, sizeof(hl_setentry) * newsize);
    so->mask = (hl_ssize_t)newsize - 1;
    so->table = newtable;
    size_t newmask = (size_t)so->mask;
    if (so->fill == so->used) {
        for (hl_setentry *e = oldtable; e <= oldtable + oldmask; e++)
            if (e->key != NULL)
                set_insert_clean(newtable, newmask, e->key, e->hash);
    } else {
        so->fill = so->used;
        for (hl_setentry *e = oldtable; e <= oldtable + oldmask; e++)
            if (e->key != NULL && e->key != dummy)
                set_insert_clean(newtable, newmask, e->key, e->hash);
    }
    if (is_oldtable_malloced)
        hl_mem_free(oldtable);
    return 0;
}

static int set_contains_entry(HLSetObject *so, HLObject *key, hl_hash_t hash)
{
    hl_setentry *entry = set_lookkey(so, key, hash);
    return entry == NULL ? -1 : entry->key != NULL;
}

static int set_discard_entry(HLSetObject *so, HLObject *key, hl_hash_t hash)
{
    hl_setentry *entry = set_lookkey(so, key, hash);
    if (entry == NULL)
        return -1;
    if (entry->key == NULL)
        return DISCARD_NOTFOUND;
    HLObject *old_key = entry->key;
    entry->key = dummy;
    entry->hash = -1;
    so->used--;
    hl_decref(old_key);
    return DISCARD_FOUND;
}

static int set_add_key(HLSetObject *so, HLObject *key)
{
    hl_hash_t hash = key_hash(key);
    return hash == -1 ? -1 : set_add_entry(so, key, hash);
}

static int set_contains_key(HLSetObject *so, HLObject *key)
{
    hl_hash_t hash = key_hash(key);
    return hash == -1 ? -1 : set_contains_entry(so, key, hash);
}

static int set_discard_key(HLSetObject *so, HLObject *key)
{
    hl_hash_t hash = key_hash(key);
    return hash == -1 ? -1 : set_discard_entry(so, key, hash);
}

static void set_empty_to_minsize(HLSetObject *so)
{
    memset(so->smalltable, 0, sizeof so->smalltable);
    so->fill = 0;
    so->used = 0;
    so->mask = HL_SET_MINSIZE - 1;
    so->table = so->smalltable;
    so->hash = -1;
}

/* Empties the set.  The set is made empty before any key is released,
 * because releasing one can run code that looks at the set. */
static int set_clear_internal(HLObject *op)
{
    HLSetObject *so = (HLSetObject *)op;
    hl_setentry *table = so->table;
    hl_ssize_t fill = so->fill, used = so->used;
    int table_is_malloced = table != so->smalltable;
    hl_setentry small_copy[HL_SET_MINSIZE];
    if (table_is_malloced) {
        set_empty_to_minsize(so);
    } else if (fill > 0) {
        memcpy(small_copy, table, sizeof small_copy);
        table = small_copy;
        set_empty_to_minsize(so);
    }
    for (hl_setentry *e = table; used > 0; e++)
        if (e->key && e->key != dummy) {
            used--;
            hl_decref(e->key);
        }
    if (table_is_malloced)
        hl_mem_free(table);
    return 0;
}

/* The next live slot at or after *pos (set_next). */
static int set_next(HLSetObject *so, hl_ssize_t *pos, hl_setentry **entry_ptr)
{
    hl_ssize_t i = *pos, mask = so->mask;
    hl_setentry *entry = &so->table[i];
    while (i <= mask && (entry->key == NULL || entry->key == dummy)) {
        i++;
        entry++;
    }
    *pos = i + 1;
    if (i > mask)
        return 0;
    *entry_ptr = entry;
    return 1;
}

/* ---- bulk updates ------------------------------------------------------------ */

static int set_merge(HLSetObject *so, HLObject *otherset)
{
    HLSetObject *other = (HLSetObject *)otherset;
    if (other == so || other->used == 0)
        return 0;
    /* One resize for the combined size, expecting few common keys. */
    if ((so->fill + other->used) * 5 >= so->mask * 3 &&
        set_table_resize(so, (so->used + other->used) * 2) != 0)
        return -1;
    hl_setentry *so_entry = so->table, *other_entry = other->table;
    /* Empty, same size, no dummies: copy slot by slot. */
    if (so->fill == 0 && so->mask == other->mask && other->fill == other->used) {
        for (hl_ssize_t i = 0; i <= other->mask; i++, so_entry++, other_entry++) {
            HLObject *key = other_entry->key;
            if (key != NULL) {
                so_entry->key = hl_newref(key);
                so_entry->hash = other_entry->hash;
            }
        }
        so->fill = other->fill;
        so->used = other->used;
        return 0;
    }
    /* Empty: no duplicates are possible, insert without comparing. */
    if (so->fill == 0) {
        hl_setentry *newtable = so->table;
        size_t newmask = (size_t)so->mask;
        so->fill = other->used;
        so->used = other->used;
        for (hl_ssize_t i = other->mask + 1; i > 0; i--, other_entry++) {
            HLObject *key = other_entry->key;
            if (key != NULL && key != dummy)
                set_insert_clean(newtable, newmask, hl_newref(key), other_entry->hash);
        }
        return 0;
    }
    for (hl_ssize_t i = 0; i <= other->mask; i++) {
        other_entry = &other->table[i];
        HLObject *key = other_entry->key;
        if (key != NULL && key != dummy && set_add_entry(so, key, other_entry->hash))
            return -1;
    }
    return 0;
}

static int set_update_internal(HLSetObject *so, HLObject *other)
{
    if (hl_anyset_check(other))
        return set_merge(so, other);
    if (hl_dict_check_exact(other)) {
        hl_ssize_t dictsize = hl_dict_size(other);
        if ((so->fill + dictsize) * 5 >= so->mask * 3 &&
            set_table_resize(so, (so->used + dictsize) * 2) != 0)
            return -1;
        hl_ssize_t pos = 0;
        HLObject *key, *value;
        hl_hash_t hash;
        while (hl_dict_next_entry(other, &pos, &key, &value, &hash))
            if (set_add_entry(so, key, hash))
                return -1;
        return 0;
    }
    HLObject *it = hl_object_get_iter(other);
    if (it == NULL)
        return -1;
    HLObject *key;
    while ((key = hl_iter_next(it)) != NULL) {
        if (set_add_key(so, key)) {
            hl_decref(it);
            hl_decref(key);
            return -1;
        }
        hl_decref(key);
    }
    hl_decref(it);
    return hl_err_occurred() ? -1 : 0;
}

/* ---- construction -------------------------------------------------------------- */

static HLObject *make_new_set(HLTypeObject *type, HLObject *iterable)
{
    if (!(type->tp_flags & HL_TPFLAGS_READY) && hl_type_ready(type) < 0)
        return NULL;
    HLSetObject *so = (HLSetObject *)type->tp_alloc(type, 0);
    if (so == NULL)
        return NULL;
    so->fill = 0;
    so->used = 0;
    so->mask = HL_SET_MINSIZE - 1;
    so->table = so->smalltable;
    so->hash = -1;
    so->finger = 0;
    so->weakreflist = NULL;
    if (iterable != NULL && set_update_internal(so, iterable)) {
        hl_decref(so);
        return NULL;
    }
    return (HLObject *)so;
}

/* A result of a set operation is a plain set or frozenset. */
static HLObject *make_new_set_basetype(HLTypeObject *type, HLObject *iterable)
{
    if (type != &hl_set_type && type != &hl_frozenset_type)
        type = hl_type_is_subtype(type, &hl_set_type) ? &hl_set_type : &hl_frozenset_type;
    return make_new_set(type, iterable);
}

static HLObject *make_new_frozenset(HLTypeObject *type, HLObject *iterable)
{
    if (type != &hl_frozenset_type)
        return make_new_set(type, iterable);
    if (iterable != NULL && hl_frozenset_check_exact(iterable))
        return hl_newref(iterable); /* frozenset(f) is f */
    return make_new_set(type, iterable);
}

static HLObject *frozenset_new(HLTypeObject *type, HLObject *args, HLObject *kwds)
{
    if ((type == &hl_frozenset_type || type->tp_init == hl_frozenset_type.tp_init) && kwds &&
        hl_dict_size(kwds) != 0) {
        hl_err_set_string(hl_exc_TypeError, "frozenset() takes no keyword arguments");
        return NULL;
    }
    if (HL_SIZE(args) > 1) {
        hl_err_format(hl_exc_TypeError, "%s expected at most 1 argument, got %zd", type->tp_name,
                      (ssize_t)HL_SIZE(args));
        return NULL;
    }
    return make_new_frozenset(type, HL_SIZE(args) ? HL_TUPLE_GET(args, 0) : NULL);
}

static HLObject *frozenset_vectorcall(HLObject *type, HLObject *const *args, size_t nargsf,
                                      HLObject *kwnames)
{
    hl_ssize_t nargs = HL_NARGS(nargsf);
    if (hl_arg_no_kwnames("frozenset", kwnames) < 0 ||
        hl_arg_check_positional("frozenset", nargs, 0, 1) < 0)
        return NULL;
    return make_new_frozenset((HLTypeObject *)type, nargs ? args[0] : NULL);
}

static HLObject *set_new(HLTypeObject *type, HLObject *args, HLObject *kwds)
{
    return make_new_set(type, NULL);
}

static int set_init(HLObject *op, HLObject *args, HLObject *kwds)
{
    HLSetObject *self = (HLSetObject *)op;
    if (kwds && hl_dict_size(kwds) != 0) {
        hl_err_set_string(hl_exc_TypeError, "set() takes no keyword arguments");
        return -1;
    }
    if (HL_SIZE(args) > 1) {
        hl_err_format(hl_exc_TypeError, "%s expected at most 1 argument, got %zd",
                      HL_TYPE(op)->tp_name, (ssize_t)HL_SIZE(args));
        return -1;
    }
    if (self->fill)
        set_clear_internal(op);
    self->hash = -1;
    if (HL_SIZE(args) == 0)
        return 0;
    return set_update_internal(self, HL_TUPLE_GET(args, 0));
}

static HLObject *set_vectorcall(HLObject *type, HLObject *const *args, size_t nargsf,
                                HLObject *kwnames)
{
    hl_ssize_t nargs = HL_NARGS(nargsf);
    if (hl_arg_no_kwnames("set", kwnames) < 0 || hl_arg_check_positional("set", nargs, 0, 1) < 0)
        return NULL;
    return make_new_set((HLTypeObject *)type, nargs ? args[0] : NULL);
}

/* Swaps the contents of two sets (used by the in-place operators that
 * compute a new set first). */
static void set_swap_bodies(HLSetObject *a, HLSetObject *b)
{
    hl_ssize_t t;
    t = a->fill, a->fill = b->fill, b->fill = t;
    t = a->used, a->used = b->used, b->used = t;
    t = a->mask, a->mask = b->mask, b->mask = t;
    hl_setentry *u = a->table == a->smalltable ? b->smalltable : a->table;
    a->table = b->table == b->smalltable ? a->smalltable : b->table;
    b->table = u;
    if (a->table == a->smalltable || b->table == b->smalltable) {
        hl_setentry tab[HL_SET_MINSIZE];
        memcpy(tab, a->smalltable, sizeof tab);
        memcpy(a->smalltable, b->smalltable, sizeof tab);
        memcpy(b->smalltable, tab, sizeof tab);
    }
    if (hl_frozenset_check(a) && hl_frozenset_check(b)) {
        hl_hash_t h = a->hash;
        a->hash = b->hash;
        b->hash = h;
    } else {
        a->hash = -1;
        b->hash = -1;
    }
}

/* ---- slots ------------------------------------------------------------------- */

static void set_dealloc(HLObject *op)
{
    HLSetObject *so = (HLSetObject *)op;
    hl_ssize_t used = so->used;
    hl_gc_untrack(op);
    HL_TRASHCAN_BEGIN(op, set_dealloc)
    if (so->weakreflist != NULL)
        hl_object_clear_weakrefs(op);
    for (hl_setentry *e = so->table; used > 0; e++)
        if (e->key && e->key != dummy) {
            used--;
            hl_decref(e->key);
        }
    if (so->table != so->smalltable)
        hl_mem_free(so->table);
    HL_TYPE(op)->tp_free(op);
    HL_TRASHCAN_END;
}

static int set_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    hl_ssize_t pos = 0;
    hl_setentry *entry;
    while (set_next((HLSetObject *)op, &pos, &entry))
        HL_VISIT(entry->key);
    return 0;
}

static HLObject *set_repr(HLObject *op)
{
    HLSetObject *so = (HLSetObject *)op;
    /* Entered before the empty check, as in CPython (the first repr of a
     * session creates the thread state's repr list even for set()). */
    int status = hl_repr_enter(op);
    if (status != 0)
        return status < 0 ? NULL : hl_str_from_format("%s(...)", HL_TYPE(op)->tp_name);
    if (!so->used) {
        hl_repr_leave(op);
        return hl_str_from_format("%s()", HL_TYPE(op)->tp_name);
    }
    HLObject *result = NULL;
    HLObject *keys = hl_sequence_list(op);
    if (keys == NULL)
        goto done;
    /* repr(keys)[1:-1] */
    HLObject *listrepr = hl_object_repr(keys);
    hl_decref(keys);
    if (listrepr == NULL)
        goto done;
    HLObject *tmp = hl_str_substring(listrepr, 1, HL_STR_LEN(listrepr) - 1);
    hl_decref(listrepr);
    if (tmp == NULL)
        goto done;
    if (!hl_set_check_exact(op))
        result = hl_str_from_format("%s({%U})", HL_TYPE(op)->tp_name, tmp);
    else
        result = hl_str_from_format("{%U}", tmp);
    hl_decref(tmp);
done:
    hl_repr_leave(op);
    return result;
}

static hl_ssize_t set_len(HLObject *so) { return ((HLSetObject *)so)->used; }

/* A set as a key is looked up as the equal frozenset. */
static int set_contains(HLObject *op, HLObject *key)
{
    int rv = set_contains_key((HLSetObject *)op, key);
    if (rv < 0) {
        if (!hl_set_check(key) || !hl_err_exception_matches(hl_exc_TypeError))
            return -1;
        hl_err_clear();
        HLObject *tmpkey = make_new_set(&hl_frozenset_type, key);
        if (tmpkey == NULL)
            return -1;
        rv = set_contains_key((HLSetObject *)op, tmpkey);
        hl_decref(tmpkey);
    }
    return rv;
}

static hl_uhash_t shuffle_bits(hl_uhash_t h)
{
    return ((h ^ (hl_uhash_t)89869747UL) ^ (h << 16)) * (hl_uhash_t)3644798167UL;
}

/* Every slot's cached hash is mixed in (xor is order-independent), then
 * the contribution of the never-used and dummy slots is taken out again,
 * so the result depends only on the live keys. */
static hl_hash_t frozenset_hash(HLObject *self)
{
    HLSetObject *so = (HLSetObject *)self;
    if (so->hash != -1)
        return so->hash;
    hl_uhash_t hash = 0;
    for (hl_setentry *e = so->table; e <= &so->table[so->mask]; e++)
        hash ^= shuffle_bits((hl_uhash_t)e->hash);
    if ((so->mask + 1 - so->fill) & 1)
        hash ^= shuffle_bits(0);
    if ((so->fill - so->used) & 1)
        hash ^= shuffle_bits((hl_uhash_t)-1);
    hash ^= ((hl_uhash_t)so->used + 1) * (hl_uhash_t)1927868237UL;
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * 69069U + (hl_uhash_t)907133923UL;
    if (hash == (hl_uhash_t)-1)
        hash = (hl_uhash_t)590923713UL;
    so->hash = (hl_hash_t)hash;
    return so->hash;
}

/* ---- the operations ------------------------------------------------------------ */

#define METHOD(name) \
    static HLObject *name(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames)
#define SO ((HLSetObject *)self)

static HLObject *set_copy_impl(HLObject *so) { return make_new_set_basetype(HL_TYPE(so), so); }

METHOD(set_copy) { return set_copy_impl(self); }

METHOD(frozenset_copy)
{
    if (hl_frozenset_check_exact(self))
        return hl_newref(self);
    return set_copy_impl(self);
}

METHOD(set_clear)
{
    set_clear_internal(self);
    return hl_none_new();
}

METHOD(set_add)
{
    if (set_add_key(SO, args[0]))
        return NULL;
    return hl_none_new();
}

METHOD(set_direct_contains)
{
    int r = set_contains(self, args[0]);
    return r < 0 ? NULL : hl_bool_from_long(r);
}

/* discard/remove: -1 error, else DISCARD_FOUND / DISCARD_NOTFOUND, trying
 * a set key as a frozenset. */
static int set_discard_any(HLObject *self, HLObject *key)
{
    int rv = set_discard_key(SO, key);
    if (rv < 0) {
        if (!hl_set_check(key) || !hl_err_exception_matches(hl_exc_TypeError))
            return -1;
        hl_err_clear();
        HLObject *tmpkey = make_new_set(&hl_frozenset_type, key);
        if (tmpkey == NULL)
            return -1;
        rv = set_discard_key(SO, tmpkey);
        hl_decref(tmpkey);
    }
    return rv;
}

METHOD(set_remove)
{
    int rv = set_discard_any(self, args[0]);
    if (rv < 0)
        return NULL;
    if (rv == DISCARD_NOTFOUND) {
        hl_err_set_key_error(args[0]);
        return NULL;
    }
    return hl_none_new();
}

METHOD(set_discard)
{
    return set_discard_any(self, args[0]) < 0 ? NULL : hl_none_new();
}

METHOD(set_pop)
{
    /* Start where the last pop stopped (the finger), within bounds. */
    hl_setentry *entry = SO->table + (SO->finger & SO->mask);
    hl_setentry *limit = SO->table + SO->mask;
    if (SO->used == 0) {
        hl_err_set_string(hl_exc_KeyError, "pop from an empty set");
        return NULL;
    }
    while (entry->key == NULL || entry->key == dummy) {
        entry++;
        if (entry > limit)
            entry = SO->table;
    }
    HLObject *key = entry->key;
    entry->key = dummy;
    entry->hash = -1;
    SO->used--;
    SO->finger = entry - SO->table + 1;
    return key;
}

METHOD(set_sizeof) { return hl_long_from_ssize(hl_set_sizeof(self)); }

/* METH_VARARGS methods: CPython hands them a tuple made for the call. */
typedef HLObject *(*varargs_impl)(HLObject *self, HLObject *argtuple);

static HLObject *call_varargs(varargs_impl impl, HLObject *self, HLObject *const *args,
                              hl_ssize_t nargs)
{
    HLObject *t = hl_tuple_from_array(args, nargs);
    if (t == NULL)
        return NULL;
    HLObject *r = impl(self, t);
    hl_decref(t);
    return r;
}

static HLObject *set_update_impl(HLObject *self, HLObject *targs)
{
    for (hl_ssize_t i = 0; i < HL_SIZE(targs); i++)
        if (set_update_internal(SO, HL_TUPLE_GET(targs, i)))
            return NULL;
    return hl_none_new();
}
METHOD(set_update) { return call_varargs(set_update_impl, self, args, nargs); }

static HLObject *set_union_impl(HLObject *self, HLObject *targs)
{
    HLObject *result = set_copy_impl(self);
    if (result == NULL)
        return NULL;
    for (hl_ssize_t i = 0; i < HL_SIZE(targs); i++) {
        HLObject *other = HL_TUPLE_GET(targs, i);
        if (self == other)
            continue;
        if (set_update_internal((HLSetObject *)result, other)) {
            hl_decref(result);
            return NULL;
        }
    }
    return result;
}
METHOD(set_union) { return call_varargs(set_union_impl, self, args, nargs); }

static HLObject *set_or(HLObject *self, HLObject *other)
{
    if (!hl_anyset_check(self) || !hl_anyset_check(other))
        return hl_newref(HL_NotImplemented);
    HLObject *result = set_copy_impl(self);
    if (result == NULL || self == other)
        return result;
    if (set_update_internal((HLSetObject *)result, other)) {
        hl_decref(result);
        return NULL;
    }
    return result;
}

static HLObject *set_ior(HLObject *self, HLObject *other)
{
    if (!hl_anyset_check(other))
        return hl_newref(HL_NotImplemented);
    if (set_update_internal(SO, other))
        return NULL;
    return hl_newref(self);
}

static HLObject *set_intersection(HLObject *self, HLObject *other)
{
    HLSetObject *so = SO;
    if (self == other)
        return set_copy_impl(self);
    HLObject *result = make_new_set_basetype(HL_TYPE(self), NULL);
    if (result == NULL)
        return NULL;
    if (hl_anyset_check(other)) {
        /* Walk the smaller set, look up in the larger. */
        if (HL_SET_SIZE(other) > so->used) {
            HLObject *tmp = (HLObject *)so;
            so = (HLSetObject *)other;
            other = tmp;
        }
        hl_ssize_t pos = 0;
        hl_setentry *entry;
        while (set_next((HLSetObject *)other, &pos, &entry)) {
            HLObject *key = hl_newref(entry->key);
            hl_hash_t hash = entry->hash;
            int rv = set_contains_entry(so, key, hash);
            if (rv > 0)
                rv = set_add_entry((HLSetObject *)result, key, hash) ? -1 : 1;
            hl_decref(key);
            if (rv < 0) {
                hl_decref(result);
                return NULL;
            }
        }
        return result;
    }
    HLObject *it = hl_object_get_iter(other);
    if (it == NULL) {
        hl_decref(result);
        return NULL;
    }
    HLObject *key;
    while ((key = hl_iter_next(it)) != NULL) {
        hl_hash_t hash = hl_object_hash(key);
        int rv = hash == -1 ? -1 : set_contains_entry(so, key, hash);
        if (rv > 0) {
            if (set_add_entry((HLSetObject *)result, key, hash))
                rv = -1;
            else if (HL_SET_SIZE(result) >= so->used)
                rv = 2; /* the result cannot grow any more */
        }
        hl_decref(key);
        if (rv < 0) {
            hl_decref(it);
            hl_decref(result);
            return NULL;
        }
        if (rv == 2)
            break;
    }
    hl_decref(it);
    if (hl_err_occurred()) {
        hl_decref(result);
        return NULL;
    }
    return result;
}

static HLObject *set_intersection_multi_impl(HLObject *self, HLObject *targs)
{
    if (HL_SIZE(targs) == 0)
        return set_copy_impl(self);
    HLObject *result = hl_newref(self);
    for (hl_ssize_t i = 0; i < HL_SIZE(targs); i++) {
        HLObject *newresult = set_intersection(result, HL_TUPLE_GET(targs, i));
        if (newresult == NULL) {
            hl_decref(result);
            return NULL;
        }
        HL_SETREF(result, newresult);
    }
    return result;
}
METHOD(set_intersection_multi) { return call_varargs(set_intersection_multi_impl, self, args, nargs); }

static HLObject *set_intersection_update_multi_impl(HLObject *self, HLObject *targs)
{
    HLObject *tmp = set_intersection_multi_impl(self, targs);
    if (tmp == NULL)
        return NULL;
    set_swap_bodies(SO, (HLSetObject *)tmp);
    hl_decref(tmp);
    return hl_none_new();
}
METHOD(set_intersection_update_multi)
{
    return call_varargs(set_intersection_update_multi_impl, self, args, nargs);
}

static HLObject *set_and(HLObject *self, HLObject *other)
{
    if (!hl_anyset_check(self) || !hl_anyset_check(other))
        return hl_newref(HL_NotImplemented);
    return set_intersection(self, other);
}

static HLObject *set_iand(HLObject *self, HLObject *other)
{
    if (!hl_anyset_check(other))
        return hl_newref(HL_NotImplemented);
    HLObject *tmp = set_intersection(self, other);
    if (tmp == NULL)
        return NULL;
    set_swap_bodies(SO, (HLSetObject *)tmp);
    hl_decref(tmp);
    return hl_newref(self);
}

METHOD(set_isdisjoint)
{
    HLObject *other = args[0];
    HLSetObject *so = SO;
    if (self == other)
        return hl_bool_from_long(so->used == 0);
    if (hl_anyset_check_exact(other)) {
        if (HL_SET_SIZE(other) > so->used) {
            HLObject *tmp = (HLObject *)so;
            so = (HLSetObject *)other;
            other = tmp;
        }
        hl_ssize_t pos = 0;
        hl_setentry *entry;
        while (set_next((HLSetObject *)other, &pos, &entry)) {
            HLObject *key = hl_newref(entry->key);
            int rv = set_contains_entry(so, key, entry->hash);
            hl_decref(key);
            if (rv < 0)
                return NULL;
            if (rv)
                return hl_newref(HL_False);
        }
        return hl_newref(HL_True);
    }
    HLObject *it = hl_object_get_iter(other);
    if (it == NULL)
        return NULL;
    HLObject *key;
    while ((key = hl_iter_next(it)) != NULL) {
        int rv = set_contains_key(so, key);
        hl_decref(key);
        if (rv != 0) {
            hl_decref(it);
            return rv < 0 ? NULL : hl_newref(HL_False);
        }
    }
    hl_decref(it);
    return hl_err_occurred() ? NULL : hl_newref(HL_True);
}

static int set_difference_update_internal(HLSetObject *so, HLObject *other)
{
    if ((HLObject *)so == other)
        return set_clear_internal((HLObject *)so);
    if (hl_anyset_check(other)) {
        /* Much larger other: only the common part matters. */
        if ((HL_SET_SIZE(other) >> 3) > so->used) {
            other = set_intersection((HLObject *)so, other);
            if (other == NULL)
                return -1;
        } else {
            hl_incref(other);
        }
        hl_ssize_t pos = 0;
        hl_setentry *entry;
        while (set_next((HLSetObject *)other, &pos, &entry)) {
            HLObject *key = hl_newref(entry->key);
            int rv = set_discard_entry(so, key, entry->hash);
            hl_decref(key);
            if (rv < 0) {
                hl_decref(other);
                return -1;
            }
        }
        hl_decref(other);
    } else {
        HLObject *it = hl_object_get_iter(other);
        if (it == NULL)
            return -1;
        HLObject *key;
        while ((key = hl_iter_next(it)) != NULL) {
            int rv = set_discard_key(so, key);
            hl_decref(key);
            if (rv < 0) {
                hl_decref(it);
                return -1;
            }
        }
        hl_decref(it);
        if (hl_err_occurred())
            return -1;
    }
    /* More than a quarter dummies: rebuild without them. */
    if ((size_t)(so->fill - so->used) <= (size_t)so->mask / 4)
        return 0;
    return set_table_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
}

static HLObject *set_difference_update_impl(HLObject *self, HLObject *targs)
{
    for (hl_ssize_t i = 0; i < HL_SIZE(targs); i++)
        if (set_difference_update_internal(SO, HL_TUPLE_GET(targs, i)))
            return NULL;
    return hl_none_new();
}
METHOD(set_difference_update) { return call_varargs(set_difference_update_impl, self, args, nargs); }

static HLObject *set_copy_and_difference(HLObject *self, HLObject *other)
{
    HLObject *result = set_copy_impl(self);
    if (result == NULL)
        return NULL;
    if (set_difference_update_internal((HLSetObject *)result, other) == 0)
        return result;
    hl_decref(result);
    return NULL;
}

static HLObject *set_difference(HLObject *self, HLObject *other)
{
    hl_ssize_t other_size;
    if (hl_anyset_check(other))
        other_size = HL_SET_SIZE(other);
    else if (hl_dict_check_exact(other))
        other_size = hl_dict_size(other);
    else
        return set_copy_and_difference(self, other);
    /* A much larger self: copy it and remove other's keys instead. */
    if ((SO->used >> 2) > other_size)
        return set_copy_and_difference(self, other);
    HLObject *result = make_new_set_basetype(HL_TYPE(self), NULL);
    if (result == NULL)
        return NULL;
    int is_dict = hl_dict_check_exact(other);
    hl_ssize_t pos = 0;
    hl_setentry *entry;
    while (set_next(SO, &pos, &entry)) {
        HLObject *key = hl_newref(entry->key);
        hl_hash_t hash = entry->hash;
        int rv;
        if (is_dict) {
            HLObject *value;
            hl_ssize_t ix = hl_dict_lookup((HLDictObject *)other, key, hash, &value);
            rv = ix == DKIX_ERROR ? -1 : (ix != DKIX_EMPTY && value != NULL);
        } else {
            rv = set_contains_entry((HLSetObject *)other, key, hash);
        }
        if (rv == 0 && set_add_entry((HLSetObject *)result, key, hash))
            rv = -1;
        hl_decref(key);
        if (rv < 0) {
            hl_decref(result);
            return NULL;
        }
    }
    return result;
}

static HLObject *set_difference_multi_impl(HLObject *self, HLObject *targs)
{
    if (HL_SIZE(targs) == 0)
        return set_copy_impl(self);
    HLObject *result = set_difference(self, HL_TUPLE_GET(targs, 0));
    if (result == NULL)
        return NULL;
    for (hl_ssize_t i = 1; i < HL_SIZE(targs); i++)
        if (set_difference_update_internal((HLSetObject *)result, HL_TUPLE_GET(targs, i))) {
            hl_decref(result);
            return NULL;
        }
    return result;
}
METHOD(set_difference_multi) { return call_varargs(set_difference_multi_impl, self, args, nargs); }

static HLObject *set_sub(HLObject *self, HLObject *other)
{
    if (!hl_anyset_check(self) || !hl_anyset_check(other))
        return hl_newref(HL_NotImplemented);
    return set_difference(self, other);
}

static HLObject *set_isub(HLObject *self, HLObject *other)
{
    if (!hl_anyset_check(other))
        return hl_newref(HL_NotImplemented);
    if (set_difference_update_internal(SO, other))
        return NULL;
    return hl_newref(self);
}

/* Toggles key (borrowed) in so: removed if present, added otherwise. */
static int toggle_entry(HLSetObject *so, HLObject *key, hl_hash_t hash)
{
    hl_incref(key);
    int rv = set_discard_entry(so, key, hash);
    if (rv == DISCARD_NOTFOUND && set_add_entry(so, key, hash))
        rv = -1;
    hl_decref(key);
    return rv < 0 ? -1 : 0;
}

static HLObject *set_symmetric_difference_update_impl(HLObject *self, HLObject *other)
{
    if (self == other) {
        set_clear_internal(self);
        return hl_none_new();
    }
    hl_ssize_t pos = 0;
    if (hl_dict_check_exact(other)) {
        HLObject *key, *value;
        hl_hash_t hash;
        while (hl_dict_next_entry(other, &pos, &key, &value, &hash))
            if (toggle_entry(SO, key, hash) < 0)
                return NULL;
        return hl_none_new();
    }
    HLObject *otherset;
    if (hl_anyset_check(other)) {
        otherset = hl_newref(other);
    } else {
        otherset = make_new_set_basetype(HL_TYPE(self), other);
        if (otherset == NULL)
            return NULL;
    }
    hl_setentry *entry;
    while (set_next((HLSetObject *)otherset, &pos, &entry))
        if (toggle_entry(SO, entry->key, entry->hash) < 0) {
            hl_decref(otherset);
            return NULL;
        }
    hl_decref(otherset);
    return hl_none_new();
}
METHOD(set_symmetric_difference_update) { return set_symmetric_difference_update_impl(self, args[0]); }

static HLObject *set_symmetric_difference_impl(HLObject *self, HLObject *other)
{
    HLObject *otherset = make_new_set_basetype(HL_TYPE(self), other);
    if (otherset == NULL)
        return NULL;
    HLObject *rv = set_symmetric_difference_update_impl(otherset, self);
    if (rv == NULL) {
        hl_decref(otherset);
        return NULL;
    }
    hl_decref(rv);
    return otherset;
}
METHOD(set_symmetric_difference) { return set_symmetric_difference_impl(self, args[0]); }

static HLObject *set_xor(HLObject *self, HLObject *other)
{
    if (!hl_anyset_check(self) || !hl_anyset_check(other))
        return hl_newref(HL_NotImplemented);
    return set_symmetric_difference_impl(self, other);
}

static HLObject *set_ixor(HLObject *self, HLObject *other)
{
    if (!hl_anyset_check(other))
        return hl_newref(HL_NotImplemented);
    HLObject *r = set_symmetric_difference_update_impl(self, other);
    if (r == NULL)
        return NULL;
    hl_decref(r);
    return hl_newref(self);
}

static HLObject *set_issubset_impl(HLObject *self, HLObject *other)
{
    if (!hl_anyset_check(other)) {
        HLObject *tmp = set_intersection(self, other);
        if (tmp == NULL)
            return NULL;
        int result = HL_SET_SIZE(tmp) == SO->used;
        hl_decref(tmp);
        return hl_bool_from_long(result);
    }
    if (SO->used > HL_SET_SIZE(other))
        return hl_newref(HL_False);
    hl_ssize_t pos = 0;
    hl_setentry *entry;
    while (set_next(SO, &pos, &entry)) {
        HLObject *key = hl_newref(entry->key);
        int rv = set_contains_entry((HLSetObject *)other, key, entry->hash);
        hl_decref(key);
        if (rv < 0)
            return NULL;
        if (!rv)
            return hl_newref(HL_False);
    }
    return hl_newref(HL_True);
}
METHOD(set_issubset) { return set_issubset_impl(self, args[0]); }

static HLObject *set_issuperset_impl(HLObject *self, HLObject *other)
{
    if (hl_anyset_check(other))
        return set_issubset_impl(other, self);
    HLObject *it = hl_object_get_iter(other);
    if (it == NULL)
        return NULL;
    HLObject *key;
    while ((key = hl_iter_next(it)) != NULL) {
        int rv = set_contains_key(SO, key);
        hl_decref(key);
        if (rv <= 0) {
            hl_decref(it);
            return rv < 0 ? NULL : hl_newref(HL_False);
        }
    }
    hl_decref(it);
    return hl_err_occurred() ? NULL : hl_newref(HL_True);
}
METHOD(set_issuperset) { return set_issuperset_impl(self, args[0]); }

static HLObject *set_richcompare(HLObject *v, HLObject *w, int op)
{
    if (!hl_anyset_check(w))
        return hl_newref(HL_NotImplemented);
    HLSetObject *a = (HLSetObject *)v, *b = (HLSetObject *)w;
    switch (op) {
    case HL_EQ:
        if (a->used != b->used)
            return hl_newref(HL_False);
        if (a->hash != -1 && b->hash != -1 && a->hash != b->hash)
            return hl_newref(HL_False);
        return set_issubset_impl(v, w);
    case HL_NE: {
        HLObject *r1 = set_richcompare(v, w, HL_EQ);
        if (r1 == NULL)
            return NULL;
        int r2 = hl_object_is_true(r1);
        hl_decref(r1);
        return r2 < 0 ? NULL : hl_bool_from_long(!r2);
    }
    case HL_LE:
        return set_issubset_impl(v, w);
    case HL_GE:
        return set_issuperset_impl(v, w);
    case HL_LT:
        if (a->used >= b->used)
            return hl_newref(HL_False);
        return set_issubset_impl(v, w);
    case HL_GT:
        if (a->used <= b->used)
            return hl_newref(HL_False);
        return set_issuperset_impl(v, w);
    }
    return hl_newref(HL_NotImplemented);
}

/* ---- the iterator --------------------------------------------------------------- */

typedef struct {
    HLObject ob_base;
    HLSetObject *si_set; /* NULL when exhausted */
    hl_ssize_t si_used;
    hl_ssize_t si_pos;
    hl_ssize_t len;
} setiterobject;

static void setiter_dealloc(HLObject *op)
{
    hl_gc_untrack(op);
    hl_xdecref(((setiterobject *)op)->si_set);
    hl_gc_del(op);
}

static int setiter_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    HL_VISIT(((setiterobject *)op)->si_set);
    return 0;
}

static HLObject *setiter_len(HLObject *op, HLObject *const *a, hl_ssize_t n, HLObject *k)
{
    setiterobject *si = (setiterobject *)op;
    hl_ssize_t len = 0;
    if (si->si_set != NULL && si->si_used == si->si_set->used)
        len = si->len;
    return hl_long_from_ssize(len);
}

static HLObject *setiter_iternext(HLObject *op)
{
    setiterobject *si = (setiterobject *)op;
    HLSetObject *so = si->si_set;
    if (so == NULL)
        return NULL;
    if (si->si_used != so->used) {
        hl_err_set_string(hl_exc_RuntimeError, "Set changed size during iteration");
        si->si_used = -1; /* stays broken */
        return NULL;
    }
    hl_ssize_t i = si->si_pos, mask = so->mask;
    hl_setentry *entry = so->table;
    while (i <= mask && (entry[i].key == NULL || entry[i].key == dummy))
        i++;
    si->si_pos = i + 1;
    if (i > mask) {
        si->si_set = NULL;
        hl_decref(so);
        return NULL;
    }
    si->len--;
    return hl_newref(entry[i].key);
}

static HLMethodDef setiter_methods[] = {
    {"__length_hint__", setiter_len, HL_METH_NOARGS, NULL}, {NULL}};

HLTypeObject hl_setiter_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "set_iterator",
    .tp_basicsize = sizeof(setiterobject),
    .tp_dealloc = setiter_dealloc,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = setiter_traverse,
    .tp_iter = hl_object_self_iter,
    .tp_iternext = setiter_iternext,
    .tp_methods = setiter_methods,
};

static HLObject *set_iter(HLObject *op)
{
    if (!(hl_setiter_type.tp_flags & HL_TPFLAGS_READY) && hl_type_ready(&hl_setiter_type) < 0)
        return NULL;
    setiterobject *si = (setiterobject *)hl_gc_new(&hl_setiter_type);
    if (si == NULL)
        return NULL;
    si->si_set = (HLSetObject *)hl_newref(op);
    si->si_used = ((HLSetObject *)op)->used;
    si->si_pos = 0;
    si->len = ((HLSetObject *)op)->used;
    hl_gc_track(si);
    return (HLObject *)si;
}

/* ---- the types ---------------------------------------------------------------- */

static HLMethodDef set_methods[] = {
    {"add", set_add, HL_METH_O, NULL},
    {"clear", set_clear, HL_METH_NOARGS, NULL},
    {"__contains__", set_direct_contains, HL_METH_O, NULL},
    {"copy", set_copy, HL_METH_NOARGS, NULL},
    {"discard", set_discard, HL_METH_O, NULL},
    {"difference", set_difference_multi, HL_METH_VARARGS, NULL},
    {"difference_update", set_difference_update, HL_METH_VARARGS, NULL},
    {"intersection", set_intersection_multi, HL_METH_VARARGS, NULL},
    {"intersection_update", set_intersection_update_multi, HL_METH_VARARGS, NULL},
    {"isdisjoint", set_isdisjoint, HL_METH_O, NULL},
    {"issubset", set_issubset, HL_METH_O, NULL},
    {"issuperset", set_issuperset, HL_METH_O, NULL},
    {"pop", set_pop, HL_METH_NOARGS, NULL},
    {"remove", set_remove, HL_METH_O, NULL},
    {"__sizeof__", set_sizeof, HL_METH_NOARGS, NULL},
    {"symmetric_difference", set_symmetric_difference, HL_METH_O, NULL},
    {"symmetric_difference_update", set_symmetric_difference_update, HL_METH_O, NULL},
    {"union", set_union, HL_METH_VARARGS, NULL},
    {"update", set_update, HL_METH_VARARGS, NULL},
    {NULL}};

static HLMethodDef frozenset_methods[] = {
    {"__contains__", set_direct_contains, HL_METH_O, NULL},
    {"copy", frozenset_copy, HL_METH_NOARGS, NULL},
    {"difference", set_difference_multi, HL_METH_VARARGS, NULL},
    {"intersection", set_intersection_multi, HL_METH_VARARGS, NULL},
    {"isdisjoint", set_isdisjoint, HL_METH_O, NULL},
    {"issubset", set_issubset, HL_METH_O, NULL},
    {"issuperset", set_issuperset, HL_METH_O, NULL},
    {"__sizeof__", set_sizeof, HL_METH_NOARGS, NULL},
    {"symmetric_difference", set_symmetric_difference, HL_METH_O, NULL},
    {"union", set_union, HL_METH_VARARGS, NULL},
    {NULL}};

static HLNumberMethods set_as_number = {
    .nb_subtract = set_sub,
    .nb_and = set_and,
    .nb_xor = set_xor,
    .nb_or = set_or,
    .nb_inplace_subtract = set_isub,
    .nb_inplace_and = set_iand,
    .nb_inplace_xor = set_ixor,
    .nb_inplace_or = set_ior,
};

static HLNumberMethods frozenset_as_number = {
    .nb_subtract = set_sub,
    .nb_and = set_and,
    .nb_xor = set_xor,
    .nb_or = set_or,
};

static HLSequenceMethods set_as_sequence = {.sq_length = set_len, .sq_contains = set_contains};

HLTypeObject hl_set_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "set",
    .tp_basicsize = sizeof(HLSetObject),
    .tp_dealloc = set_dealloc,
    .tp_repr = set_repr,
    .tp_as_number = &set_as_number,
    .tp_as_sequence = &set_as_sequence,
    .tp_hash = hl_hash_not_implemented,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_BASETYPE,
    .tp_traverse = set_traverse,
    .tp_clear = set_clear_internal,
    .tp_richcompare = set_richcompare,
    .tp_weaklistoffset = offsetof(HLSetObject, weakreflist),
    .tp_iter = set_iter,
    .tp_methods = set_methods,
    .tp_init = set_init,
    .tp_alloc = hl_type_generic_alloc,
    .tp_new = set_new,
    .tp_free = hl_gc_del,
    .tp_vectorcall = set_vectorcall,
};

HLTypeObject hl_frozenset_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "frozenset",
    .tp_basicsize = sizeof(HLSetObject),
    .tp_dealloc = set_dealloc,
    .tp_repr = set_repr,
    .tp_as_number = &frozenset_as_number,
    .tp_as_sequence = &set_as_sequence,
    .tp_hash = frozenset_hash,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_BASETYPE,
    .tp_traverse = set_traverse,
    .tp_clear = set_clear_internal,
    .tp_richcompare = set_richcompare,
    .tp_weaklistoffset = offsetof(HLSetObject, weakreflist),
    .tp_iter = set_iter,
    .tp_methods = frozenset_methods,
    .tp_alloc = hl_type_generic_alloc,
    .tp_new = frozenset_new,
    .tp_free = hl_gc_del,
    .tp_vectorcall = frozenset_vectorcall,
};

/* ---- C API -------------------------------------------------------------------- */

static int bad_internal_call(void)
{
    hl_err_set_string(hl_exc_SystemError, "bad argument to internal function");
    return -1;
}

HLObject *hl_set_new(HLObject *iterable) { return make_new_set(&hl_set_type, iterable); }
HLObject *hl_frozenset_new(HLObject *iterable) { return make_new_set(&hl_frozenset_type, iterable); }

int hl_set_add(HLObject *set, HLObject *key)
{
    /* Freshly made frozensets may be filled too (PySet_Add allows it). */
    if (!hl_set_check(set) && (!hl_frozenset_check_exact(set) || HL_REFCNT(set) != 1))
        return bad_internal_call();
    return set_add_key((HLSetObject *)set, key);
}

int hl_set_update(HLObject *set, HLObject *iterable)
{
    if (!hl_set_check(set))
        return bad_internal_call();
    return set_update_internal((HLSetObject *)set, iterable);
}

int hl_set_contains(HLObject *anyset, HLObject *key)
{
    if (!hl_anyset_check(anyset))
        return bad_internal_call();
    return set_contains_key((HLSetObject *)anyset, key);
}

int hl_set_discard(HLObject *set, HLObject *key)
{
    if (!hl_set_check(set))
        return bad_internal_call();
    return set_discard_key((HLSetObject *)set, key);
}

int hl_set_clear(HLObject *set)
{
    if (!hl_set_check(set))
        return bad_internal_call();
    return set_clear_internal(set);
}

HLObject *hl_set_pop(HLObject *set)
{
    if (!hl_set_check(set)) {
        bad_internal_call();
        return NULL;
    }
    return set_pop(set, NULL, 0, NULL);
}

hl_ssize_t hl_set_size(HLObject *anyset)
{
    if (!hl_anyset_check(anyset))
        return bad_internal_call();
    return HL_SET_SIZE(anyset);
}

int hl_set_next_entry(HLObject *set, hl_ssize_t *pos, HLObject **key, hl_hash_t *hash)
{
    hl_setentry *entry;
    if (!set_next((HLSetObject *)set, pos, &entry))
        return 0;
    *key = entry->key;
    *hash = entry->hash;
    return 1;
}

hl_ssize_t hl_set_sizeof(HLObject *set)
{
    HLSetObject *so = (HLSetObject *)set;
    hl_ssize_t res = HL_TYPE(set)->tp_basicsize;
    if (so->table != so->smalltable)
        res += (so->mask + 1) * (hl_ssize_t)sizeof(hl_setentry);
    return res;
}
