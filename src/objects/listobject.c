/*
 * listobject.c — list, its iterators, and sorting.
 *
 * A list object (20 bytes + GC head) points to a separate array of item
 * pointers with room for `allocated` items.  Growth follows CPython 3.11's
 * list_resize: new_allocated = (newsize + newsize/8 + 6) rounded down to a
 * multiple of 4, unless the request jumps past that (then newsize rounded
 * up to 4), so appends give capacities 0, 4, 8, 16, 24, 32, 40, 52, 64, ...
 * and sys.getsizeof([]) grows 28, 44, 60, 92, 124, ... on 32-bit.  Extending
 * an empty list by a sized iterable allocates exactly (rounded to even):
 * list_preallocate_exact.  The array comes from pymalloc while it is small.
 *
 * Free list: up to 80 freed exact lists are kept (a stack) and reused by
 * hl_list_new, which is what `[]` and list displays use; list(x) allocates
 * through the type instead, exactly as CPython's list_vectorcall does.
 * Reuse is why id([]) == id([]) is True.  A full collection empties it.
 *
 * Deallocation decrefs the items from last to first, then frees the array.
 * Sorting is a stable merge sort on precomputed keys; while it runs the
 * list looks empty, so a key function or __lt__ that mutates the list is
 * detected ("list modified during sort"), as in CPython.
 */
#include "listobject.h"

#include <string.h>

#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "../runtime/obmalloc.h"
#include "../runtime/strbuf.h"
#include "abstract.h"
#include "dictobject.h"
#include "enumobject.h"
#include "longobject.h"
#include "sliceobject.h"
#include "strobject.h"
#include "tupleobject.h"

static HLListObject *free_list[HL_LIST_MAXFREELIST];
static int numfree;

static void clear_freelist(void)
{
    while (numfree) {
        HLListObject *op = free_list[--numfree];
        hl_gc_del(op);
    }
}

int hl_list_free_list_count(void) { return numfree; }

void hl_list_debug_stats(hl_strbuf *out)
{
    hl_debug_allocator_stats(out, "free PyListObject", numfree, sizeof(HLListObject));
}

/* ---- storage ----------------------------------------------------------- */

static int list_resize(HLListObject *self, hl_ssize_t newsize)
{
    hl_ssize_t allocated = self->allocated;
    /* Keep the array if it is big enough and not more than twice too big. */
    if (allocated >= newsize && newsize >= (allocated >> 1)) {
        self->ob_base.ob_size = newsize;
        return 0;
    }
    size_t new_allocated = ((size_t)newsize + ((size_t)newsize >> 3) + 6) & ~(size_t)3;
    /* Do not overallocate if the new size is closer to that than to the
     * old size. */
    if (newsize - HL_SIZE(self) > (hl_ssize_t)(new_allocated - (size_t)newsize))
        new_allocated = ((size_t)newsize + 3) & ~(size_t)3;
    if (newsize == 0)
        new_allocated = 0;
    HLObject **items = NULL;
    if (new_allocated <= (size_t)HL_SSIZE_T_MAX / sizeof(HLObject *))
        items = hl_mem_realloc(self->ob_item, new_allocated * sizeof(HLObject *));
    if (items == NULL) {
        hl_err_nomemory();
        return -1;
    }
    self->ob_item = items;
    self->ob_base.ob_size = newsize;
    self->allocated = (hl_ssize_t)new_allocated;
    return 0;
}

static int list_preallocate_exact(HLListObject *self, hl_ssize_t size)
{
    /* pymalloc's granularity makes an odd count free to round up. */
    size = (size + 1) & ~(hl_ssize_t)1;
    HLObject **items = NULL;
    if ((size_t)size <= (size_t)HL_SSIZE_T_MAX / sizeof(HLObject *))
        items = hl_mem_malloc((size_t)size * sizeof(HLObject *));
    if (items == NULL) {
        hl_err_nomemory();
        return -1;
    }
    self->ob_item = items;
    self->allocated = size;
    return 0;
}

HLObject *hl_list_new(hl_ssize_t size)
{
    HLListObject *op;
    if (numfree) {
        op = free_list[--numfree];
        hl_new_reference((HLObject *)op);
    } else {
        op = (HLListObject *)hl_gc_new(&hl_list_type);
        if (op == NULL)
            return NULL;
    }
    if (size <= 0) {
        op->ob_item = NULL;
    } else {
        op->ob_item = hl_mem_calloc((size_t)size * sizeof(HLObject *));
        if (op->ob_item == NULL) {
            op->ob_base.ob_size = 0;
            op->allocated = 0;
            hl_gc_track(op);
            hl_decref(op);
            return hl_err_nomemory();
        }
    }
    op->ob_base.ob_size = size;
    op->allocated = size;
    hl_gc_track(op);
    return (HLObject *)op;
}

static int app1_take(HLListObject *self, HLObject *v)
{
    hl_ssize_t n = HL_SIZE(self);
    if (self->allocated > n) {
        self->ob_item[n] = v;
        self->ob_base.ob_size = n + 1;
        return 0;
    }
    if (list_resize(self, n + 1) < 0) {
        hl_decref(v);
        return -1;
    }
    self->ob_item[n] = v;
    return 0;
}

int hl_list_append(HLObject *op, HLObject *newitem)
{
    return app1_take((HLListObject *)op, hl_newref(newitem));
}

static int ins1(HLListObject *self, hl_ssize_t where, HLObject *v)
{
    hl_ssize_t n = HL_SIZE(self);
    if (list_resize(self, n + 1) < 0)
        return -1;
    if (where < 0) {
        where += n;
        if (where < 0)
            where = 0;
    }
    if (where > n)
        where = n;
    HLObject **items = self->ob_item;
    for (hl_ssize_t i = n; --i >= where;)
        items[i + 1] = items[i];
    items[where] = hl_newref(v);
    return 0;
}

int hl_list_insert(HLObject *op, hl_ssize_t where, HLObject *newitem)
{
    return ins1((HLListObject *)op, where, newitem);
}

HLObject *hl_list_get_item_borrowed(HLObject *op, hl_ssize_t i)
{
    if (i < 0 || i >= HL_SIZE(op)) {
        hl_err_set_string(hl_exc_IndexError, "list index out of range");
        return NULL;
    }
    return HL_LIST_GET(op, i);
}

int hl_list_set_item(HLObject *op, hl_ssize_t i, HLObject *newitem)
{
    if (i < 0 || i >= HL_SIZE(op)) {
        hl_xdecref(newitem);
        hl_err_set_string(hl_exc_IndexError, "list assignment index out of range");
        return -1;
    }
    HL_XSETREF(HL_LIST_ITEMS(op)[i], newitem);
    return 0;
}

HLObject *hl_list_as_tuple(HLObject *v) { return hl_tuple_from_array(HL_LIST_ITEMS(v), HL_SIZE(v)); }

static HLObject *list_extend_impl(HLListObject *self, HLObject *iterable)
{
    if (hl_list_check_exact(iterable) || hl_tuple_check_exact(iterable) ||
        (HLObject *)self == iterable) {
        hl_ssize_t n = HL_SIZE(iterable);
        if (n == 0)
            return hl_none_new();
        hl_incref(iterable); /* a.extend(a) must see the old items */
        hl_ssize_t m = HL_SIZE(self);
        if (self->ob_item == NULL) {
            if (list_preallocate_exact(self, n) < 0) {
                hl_decref(iterable);
                return NULL;
            }
            self->ob_base.ob_size = n;
        } else if (list_resize(self, m + n) < 0) {
            hl_decref(iterable);
            return NULL;
        }
        HLObject **src = hl_list_check(iterable) ? HL_LIST_ITEMS(iterable) : HL_TUPLE_ITEMS(iterable);
        HLObject **dest = self->ob_item + m;
        for (hl_ssize_t i = 0; i < n; i++)
            dest[i] = hl_newref(src[i]);
        hl_decref(iterable);
        return hl_none_new();
    }
    HLObject *it = hl_object_get_iter(iterable);
    if (it == NULL)
        return NULL;
    hl_iternextfunc iternext = HL_TYPE(it)->tp_iternext;
    hl_ssize_t n = hl_object_length_hint(iterable, 8);
    if (n < 0)
        goto error;
    hl_ssize_t m = HL_SIZE(self);
    if (m > HL_SSIZE_T_MAX - n) {
        /* n lied; grow as we go */
    } else if (self->ob_item == NULL) {
        if (n && list_preallocate_exact(self, n) < 0)
            goto error;
    } else {
        if (list_resize(self, m + n) < 0)
            goto error;
        self->ob_base.ob_size = m;
    }
    for (;;) {
        HLObject *item = iternext(it);
        if (item == NULL) {
            if (hl_err_occurred()) {
                if (hl_err_exception_matches(hl_exc_StopIteration))
                    hl_err_clear();
                else
                    goto error;
            }
            break;
        }
        if (HL_SIZE(self) < self->allocated) {
            self->ob_item[HL_SIZE(self)] = item;
            self->ob_base.ob_size++;
        } else if (app1_take(self, item) < 0) {
            goto error;
        }
    }
    /* Cut back if the guess was too large. */
    if (HL_SIZE(self) < self->allocated && list_resize(self, HL_SIZE(self)) < 0)
        goto error;
    hl_decref(it);
    return hl_none_new();
error:
    hl_decref(it);
    return NULL;
}

HLObject *hl_list_extend(HLObject *list, HLObject *iterable)
{
    return list_extend_impl((HLListObject *)list, iterable);
}

static int list_clear_impl(HLObject *op)
{
    HLListObject *a = (HLListObject *)op;
    HLObject **item = a->ob_item;
    if (item != NULL) {
        /* Empty the list first: the decrefs may run code that uses it. */
        hl_ssize_t i = HL_SIZE(a);
        a->ob_base.ob_size = 0;
        a->ob_item = NULL;
        a->allocated = 0;
        while (--i >= 0)
            hl_xdecref(item[i]);
        hl_mem_free(item);
    }
    return 0;
}

static int list_init_impl(HLListObject *self, HLObject *iterable)
{
    if (self->ob_item != NULL)
        list_clear_impl((HLObject *)self);
    if (iterable != NULL) {
        HLObject *rv = list_extend_impl(self, iterable);
        if (rv == NULL)
            return -1;
        hl_decref(rv);
    }
    return 0;
}

HLObject *hl_sequence_list(HLObject *v)
{
    HLObject *result = hl_list_new(0);
    if (result == NULL)
        return NULL;
    HLObject *rv = list_extend_impl((HLListObject *)result, v);
    if (rv == NULL) {
        hl_decref(result);
        return NULL;
    }
    hl_decref(rv);
    return result;
}

HLObject *hl_list_get_slice(HLObject *a, hl_ssize_t ilow, hl_ssize_t ihigh)
{
    hl_ssize_t n = HL_SIZE(a);
    if (ilow < 0)
        ilow = 0;
    else if (ilow > n)
        ilow = n;
    if (ihigh < ilow)
        ihigh = ilow;
    else if (ihigh > n)
        ihigh = n;
    hl_ssize_t len = ihigh - ilow;
    if (len <= 0)
        return hl_list_new(0);
    HLObject *np = hl_list_new(0);
    if (np == NULL)
        return NULL;
    if (list_preallocate_exact((HLListObject *)np, len) < 0) {
        hl_decref(np);
        return NULL;
    }
    for (hl_ssize_t i = 0; i < len; i++)
        HL_LIST_ITEMS(np)[i] = hl_newref(HL_LIST_GET(a, ilow + i));
    ((HLVarObject *)np)->ob_size = len;
    return np;
}

/* ---- slots --------------------------------------------------------------- */

static void list_dealloc(HLObject *op)
{
    HLListObject *l = (HLListObject *)op;
    hl_gc_untrack(op);
    HL_TRASHCAN_BEGIN(op, list_dealloc)
    if (l->ob_item != NULL) {
        hl_ssize_t i = HL_SIZE(l);
        while (--i >= 0)
            hl_xdecref(l->ob_item[i]);
        hl_mem_free(l->ob_item);
    }
    if (numfree < HL_LIST_MAXFREELIST && hl_list_check_exact(op))
        free_list[numfree++] = l;
    else
        HL_TYPE(op)->tp_free(op);
    HL_TRASHCAN_END;
}

static int list_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    for (hl_ssize_t i = HL_SIZE(op); --i >= 0;)
        HL_VISIT(HL_LIST_GET(op, i));
    return 0;
}

static HLObject *list_repr(HLObject *v)
{
    if (HL_SIZE(v) == 0)
        return hl_str_from_cstr("[]");
    int rc = hl_repr_enter(v);
    if (rc != 0)
        return rc > 0 ? hl_str_from_cstr("[...]") : NULL;
    /* Written straight into one buffer, as CPython's _PyUnicodeWriter
     * does: no list of pieces is allocated.  The list may change while its
     * items' reprs run, so the size is re-read. */
    hl_strbuf b = HL_STRBUF_INIT;
    hl_sb_putc(&b, '[');
    HLObject *res = NULL;
    for (hl_ssize_t i = 0; i < HL_SIZE(v); i++) {
        if (i > 0)
            hl_sb_puts(&b, ", ");
        HLObject *item = hl_newref(HL_LIST_GET(v, i));
        HLObject *s = hl_object_repr(item);
        hl_decref(item);
        if (s == NULL)
            goto done;
        hl_str_write_utf8(&b, s);
        hl_decref(s);
    }
    hl_sb_putc(&b, ']');
    res = b.failed ? hl_err_nomemory() : hl_str_from_utf8(hl_sb_cstr(&b), (hl_ssize_t)b.len);
done:
    hl_sb_free(&b);
    hl_repr_leave(v);
    return res;
}

static hl_ssize_t list_length(HLObject *a) { return HL_SIZE(a); }

static int list_contains(HLObject *a, HLObject *el)
{
    int cmp = 0;
    for (hl_ssize_t i = 0; cmp == 0 && i < HL_SIZE(a); ++i) {
        HLObject *item = hl_newref(HL_LIST_GET(a, i));
        cmp = hl_object_richcompare_bool(item, el, HL_EQ);
        hl_decref(item);
    }
    return cmp;
}

static HLObject *list_item(HLObject *a, hl_ssize_t i)
{
    if (i < 0 || i >= HL_SIZE(a)) {
        hl_err_set_string(hl_exc_IndexError, "list index out of range");
        return NULL;
    }
    return hl_newref(HL_LIST_GET(a, i));
}

static HLObject *list_concat(HLObject *a, HLObject *bb)
{
    if (!hl_list_check(bb)) {
        hl_err_format(hl_exc_TypeError, "can only concatenate list (not \"%s\") to list",
                      HL_TYPE(bb)->tp_name);
        return NULL;
    }
    hl_ssize_t size = HL_SIZE(a) + HL_SIZE(bb);
    if (size == 0)
        return hl_list_new(0);
    HLObject *np = hl_list_new(0);
    if (np == NULL)
        return NULL;
    if (list_preallocate_exact((HLListObject *)np, size) < 0) {
        hl_decref(np);
        return NULL;
    }
    HLObject **dest = HL_LIST_ITEMS(np);
    for (hl_ssize_t i = 0; i < HL_SIZE(a); i++)
        dest[i] = hl_newref(HL_LIST_GET(a, i));
    for (hl_ssize_t i = 0; i < HL_SIZE(bb); i++)
        dest[HL_SIZE(a) + i] = hl_newref(HL_LIST_GET(bb, i));
    ((HLVarObject *)np)->ob_size = size;
    return np;
}

static HLObject *list_repeat(HLObject *a, hl_ssize_t n)
{
    hl_ssize_t input_size = HL_SIZE(a);
    if (input_size == 0 || n <= 0)
        return hl_list_new(0);
    if (input_size > HL_SSIZE_T_MAX / n)
        return hl_err_nomemory();
    hl_ssize_t size = input_size * n;
    HLObject *np = hl_list_new(0);
    if (np == NULL)
        return NULL;
    if (list_preallocate_exact((HLListObject *)np, size) < 0) {
        hl_decref(np);
        return NULL;
    }
    for (hl_ssize_t j = 0; j < size; j++)
        HL_LIST_ITEMS(np)[j] = hl_newref(HL_LIST_GET(a, j % input_size));
    ((HLVarObject *)np)->ob_size = size;
    return np;
}

static HLObject *list_inplace_concat(HLObject *self, HLObject *other)
{
    HLObject *r = list_extend_impl((HLListObject *)self, other);
    if (r == NULL)
        return NULL;
    hl_decref(r);
    return hl_newref(self);
}

static HLObject *list_inplace_repeat(HLObject *self, hl_ssize_t n)
{
    hl_ssize_t size = HL_SIZE(self);
    if (size == 0 || n == 1)
        return hl_newref(self);
    if (n < 1) {
        list_clear_impl(self);
        return hl_newref(self);
    }
    if (size > HL_SSIZE_T_MAX / n)
        return hl_err_nomemory();
    if (list_resize((HLListObject *)self, size * n) < 0)
        return NULL;
    HLObject **items = HL_LIST_ITEMS(self);
    for (hl_ssize_t j = size; j < size * n; j++)
        items[j] = hl_newref(items[j % size]);
    return hl_newref(self);
}

/* a[ilow:ihigh] = v (v may be NULL for deletion). */
static int list_ass_slice(HLListObject *a, hl_ssize_t ilow, hl_ssize_t ihigh, HLObject *v)
{
    HLObject *v_as_seq = NULL;
    HLObject **vitem = NULL;
    hl_ssize_t n; /* # of elements in replacement list */
    if (v == NULL) {
        n = 0;
    } else {
        if ((HLObject *)a == v || !(hl_list_check(v) || hl_tuple_check(v))) {
            /* Copy first: the source may be this list, or any iterable. */
            v_as_seq = hl_sequence_list(v);
            if (v_as_seq == NULL) {
                if (hl_err_exception_matches(hl_exc_TypeError)) {
                    hl_err_clear();
                    hl_err_set_string(hl_exc_TypeError, "can only assign an iterable");
                }
                return -1;
            }
            v = v_as_seq;
        }
        n = HL_SIZE(v);
        vitem = hl_list_check(v) ? HL_LIST_ITEMS(v) : HL_TUPLE_ITEMS(v);
    }
    hl_ssize_t size = HL_SIZE(a);
    if (ilow < 0)
        ilow = 0;
    else if (ilow > size)
        ilow = size;
    if (ihigh < ilow)
        ihigh = ilow;
    else if (ihigh > size)
        ihigh = size;
    hl_ssize_t norig = ihigh - ilow, d = n - norig;
    if (size + d == 0) {
        hl_xdecref(v_as_seq);
        return list_clear_impl((HLObject *)a);
    }
    /* Keep the old items alive until the list is consistent again. */
    HLObject **recycle = NULL;
    if (norig > 0) {
        recycle = hl_mem_malloc((size_t)norig * sizeof(HLObject *));
        if (recycle == NULL) {
            hl_xdecref(v_as_seq);
            hl_err_nomemory();
            return -1;
        }
        memcpy(recycle, a->ob_item + ilow, (size_t)norig * sizeof(HLObject *));
    }
    if (d < 0) {
        memmove(&a->ob_item[ihigh + d], &a->ob_item[ihigh],
                (size_t)(size - ihigh) * sizeof(HLObject *));
        list_resize(a, size + d); /* shrinking cannot fail */
    } else if (d > 0) {
        if (list_resize(a, size + d) < 0) {
            hl_mem_free(recycle);
            hl_xdecref(v_as_seq);
            return -1;
        }
        memmove(&a->ob_item[ihigh + d], &a->ob_item[ihigh],
                (size_t)(size - ihigh) * sizeof(HLObject *));
    }
    for (hl_ssize_t k = 0; k < n; k++)
        a->ob_item[ilow + k] = hl_newref(vitem[k]);
    for (hl_ssize_t k = norig - 1; k >= 0; --k)
        hl_xdecref(recycle[k]);
    hl_mem_free(recycle);
    hl_xdecref(v_as_seq);
    return 0;
}

int hl_list_set_slice(HLObject *list, hl_ssize_t lo, hl_ssize_t hi, HLObject *v)
{
    return list_ass_slice((HLListObject *)list, lo, hi, v);
}

static int list_ass_item(HLObject *op, hl_ssize_t i, HLObject *v)
{
    if (i < 0 || i >= HL_SIZE(op)) {
        hl_err_set_string(hl_exc_IndexError, "list assignment index out of range");
        return -1;
    }
    if (v == NULL)
        return list_ass_slice((HLListObject *)op, i, i + 1, v);
    hl_incref(v);
    HL_SETREF(HL_LIST_ITEMS(op)[i], v);
    return 0;
}

static HLObject *list_subscript(HLObject *self, HLObject *item)
{
    if (hl_index_check(item)) {
        hl_ssize_t i = hl_number_as_ssize(item, hl_exc_IndexError);
        if (i == -1 && hl_err_occurred())
            return NULL;
        if (i < 0)
            i += HL_SIZE(self);
        return list_item(self, i);
    }
    if (hl_slice_check(item)) {
        hl_ssize_t start, stop, step;
        if (hl_slice_unpack(item, &start, &stop, &step) < 0)
            return NULL;
        hl_ssize_t len = hl_slice_adjust_indices(HL_SIZE(self), &start, &stop, step);
        if (len <= 0)
            return hl_list_new(0);
        if (step == 1)
            return hl_list_get_slice(self, start, stop);
        HLObject *res = hl_list_new(0);
        if (res == NULL)
            return NULL;
        if (list_preallocate_exact((HLListObject *)res, len) < 0) {
            hl_decref(res);
            return NULL;
        }
        for (hl_ssize_t cur = start, i = 0; i < len; cur += step, i++)
            HL_LIST_ITEMS(res)[i] = hl_newref(HL_LIST_GET(self, cur));
        ((HLVarObject *)res)->ob_size = len;
        return res;
    }
    hl_err_format(hl_exc_TypeError, "list indices must be integers or slices, not %s",
                  HL_TYPE(item)->tp_name);
    return NULL;
}

static int list_ass_subscript(HLObject *self, HLObject *item, HLObject *value)
{
    if (hl_index_check(item)) {
        hl_ssize_t i = hl_number_as_ssize(item, hl_exc_IndexError);
        if (i == -1 && hl_err_occurred())
            return -1;
        if (i < 0)
            i += HL_SIZE(self);
        return list_ass_item(self, i, value);
    }
    if (!hl_slice_check(item)) {
        hl_err_format(hl_exc_TypeError, "list indices must be integers or slices, not %s",
                      HL_TYPE(item)->tp_name);
        return -1;
    }
    hl_ssize_t start, stop, step;
    if (hl_slice_unpack(item, &start, &stop, &step) < 0)
        return -1;
    hl_ssize_t slicelength = hl_slice_adjust_indices(HL_SIZE(self), &start, &stop, step);
    if (step == 1)
        return list_ass_slice((HLListObject *)self, start, stop, value);
    /* Make sure s[5:2] = [..] inserts at the right place. */
    if ((step < 0 && start < stop) || (step > 0 && start > stop))
        stop = start;
    HLListObject *l = (HLListObject *)self;
    if (value == NULL) {
        if (slicelength <= 0)
            return 0;
        if (step < 0) {
            stop = start + 1;
            start = stop + step * (slicelength - 1) - 1;
            step = -step;
        }
        HLObject **garbage = hl_mem_malloc((size_t)slicelength * sizeof(HLObject *));
        if (garbage == NULL) {
            hl_err_nomemory();
            return -1;
        }
        hl_ssize_t cur, i, lim;
        for (cur = start, i = 0; cur < stop; cur += step, i++) {
            lim = step - 1;
            garbage[i] = l->ob_item[cur];
            if (cur + step >= HL_SIZE(l))
                lim = HL_SIZE(l) - cur - 1;
            memmove(l->ob_item + cur - i, l->ob_item + cur + 1, (size_t)lim * sizeof(HLObject *));
        }
        cur = start + slicelength * step;
        if (cur < HL_SIZE(l))
            memmove(l->ob_item + cur - slicelength, l->ob_item + cur,
                    (size_t)(HL_SIZE(l) - cur) * sizeof(HLObject *));
        l->ob_base.ob_size -= slicelength;
        int res = list_resize(l, HL_SIZE(l));
        for (i = 0; i < slicelength; i++)
            hl_decref(garbage[i]);
        hl_mem_free(garbage);
        return res;
    }
    HLObject *seq = (self == value) ? hl_list_get_slice(value, 0, HL_SIZE(value))
                                    : hl_sequence_list(value);
    if (seq == NULL) {
        if (hl_err_exception_matches(hl_exc_TypeError)) {
            hl_err_clear();
            hl_err_set_string(hl_exc_TypeError, "must assign iterable to extended slice");
        }
        return -1;
    }
    if (HL_SIZE(seq) != slicelength) {
        hl_err_format(hl_exc_ValueError,
                      "attempt to assign sequence of size %zd to extended slice of size %zd",
                      (ssize_t)HL_SIZE(seq), (ssize_t)slicelength);
        hl_decref(seq);
        return -1;
    }
    if (!slicelength) {
        hl_decref(seq);
        return 0;
    }
    HLObject **garbage = hl_mem_malloc((size_t)slicelength * sizeof(HLObject *));
    if (garbage == NULL) {
        hl_decref(seq);
        hl_err_nomemory();
        return -1;
    }
    for (hl_ssize_t cur = start, i = 0; i < slicelength; cur += step, i++) {
        garbage[i] = l->ob_item[cur];
        l->ob_item[cur] = hl_newref(HL_LIST_GET(seq, i));
    }
    for (hl_ssize_t i = 0; i < slicelength; i++)
        hl_decref(garbage[i]);
    hl_mem_free(garbage);
    hl_decref(seq);
    return 0;
}

static HLObject *list_richcompare(HLObject *v, HLObject *w, int op)
{
    if (!hl_list_check(v) || !hl_list_check(w))
        return hl_newref(HL_NotImplemented);
    if (HL_SIZE(v) != HL_SIZE(w) && (op == HL_EQ || op == HL_NE))
        return hl_bool_from_long(op != HL_EQ);
    hl_ssize_t i;
    for (i = 0; i < HL_SIZE(v) && i < HL_SIZE(w); i++) {
        HLObject *vitem = HL_LIST_GET(v, i), *witem = HL_LIST_GET(w, i);
        if (vitem == witem)
            continue;
        hl_incref(vitem);
        hl_incref(witem);
        int k = hl_object_richcompare_bool(vitem, witem, HL_EQ);
        hl_decref(vitem);
        hl_decref(witem);
        if (k < 0)
            return NULL;
        if (!k)
            break;
    }
    if (i >= HL_SIZE(v) || i >= HL_SIZE(w)) {
        hl_ssize_t vs = HL_SIZE(v), ws = HL_SIZE(w);
        int cmp;
        switch (op) {
        case HL_LT: cmp = vs < ws; break;
        case HL_LE: cmp = vs <= ws; break;
        case HL_EQ: cmp = vs == ws; break;
        case HL_NE: cmp = vs != ws; break;
        case HL_GT: cmp = vs > ws; break;
        default: cmp = vs >= ws; break;
        }
        return hl_bool_from_long(cmp);
    }
    if (op == HL_EQ)
        return hl_newref(HL_False);
    if (op == HL_NE)
        return hl_newref(HL_True);
    HLObject *vitem = hl_newref(HL_LIST_GET(v, i)), *witem = hl_newref(HL_LIST_GET(w, i));
    HLObject *res = hl_object_richcompare(vitem, witem, op);
    hl_decref(vitem);
    hl_decref(witem);
    return res;
}

static int list___init__(HLObject *self, HLObject *args, HLObject *kwds)
{
    if (kwds && HL_SIZE(kwds) != 0 && hl_list_check_exact(self)) {
        hl_err_set_string(hl_exc_TypeError, "list() takes no keyword arguments");
        return -1;
    }
    if (HL_SIZE(args) > 1) {
        hl_err_format(hl_exc_TypeError, "list expected at most 1 argument, got %zd",
                      (ssize_t)HL_SIZE(args));
        return -1;
    }
    return list_init_impl((HLListObject *)self, HL_SIZE(args) ? HL_TUPLE_GET(args, 0) : NULL);
}

static HLObject *list_vectorcall(HLObject *type, HLObject *const *args, size_t nargsf,
                                 HLObject *kwnames)
{
    hl_ssize_t nargs = HL_NARGS(nargsf);
    if (hl_arg_no_kwnames("list", kwnames) < 0)
        return NULL;
    if (nargs > 1) {
        hl_err_format(hl_exc_TypeError, "list expected at most 1 argument, got %zd", (ssize_t)nargs);
        return NULL;
    }
    HLObject *list = hl_type_generic_alloc((HLTypeObject *)type, 0);
    if (list == NULL)
        return NULL;
    if (nargs && list_init_impl((HLListObject *)list, args[0]) < 0) {
        hl_decref(list);
        return NULL;
    }
    return list;
}

/* ---- methods ---------------------------------------------------------- */

#define METHOD(name) \
    static HLObject *name(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames)

METHOD(list_append)
{
    if (hl_list_append(self, args[0]) < 0)
        return NULL;
    return hl_none_new();
}

METHOD(list_extend) { return list_extend_impl((HLListObject *)self, args[0]); }

METHOD(list_insert)
{
    if (hl_arg_check_positional("insert", nargs, 2, 2) < 0)
        return NULL;
    hl_ssize_t where = hl_number_as_ssize(args[0], hl_exc_OverflowError);
    if (where == -1 && hl_err_occurred())
        return NULL;
    if (ins1((HLListObject *)self, where, args[1]) < 0)
        return NULL;
    return hl_none_new();
}

METHOD(list_pop)
{
    if (hl_arg_check_positional("pop", nargs, 0, 1) < 0)
        return NULL;
    hl_ssize_t index = -1;
    if (nargs == 1) {
        index = hl_number_as_ssize(args[0], hl_exc_OverflowError);
        if (index == -1 && hl_err_occurred())
            return NULL;
    }
    hl_ssize_t n = HL_SIZE(self);
    if (n == 0) {
        hl_err_set_string(hl_exc_IndexError, "pop from empty list");
        return NULL;
    }
    if (index < 0)
        index += n;
    if (index < 0 || index >= n) {
        hl_err_set_string(hl_exc_IndexError, "pop index out of range");
        return NULL;
    }
    HLListObject *l = (HLListObject *)self;
    HLObject *v = l->ob_item[index];
    if (index == n - 1) {
        if (list_resize(l, n - 1) < 0)
            return NULL;
        return v;
    }
    hl_incref(v);
    if (list_ass_slice(l, index, index + 1, NULL) < 0) {
        hl_decref(v);
        return NULL;
    }
    return v;
}

METHOD(list_remove)
{
    for (hl_ssize_t i = 0; i < HL_SIZE(self); i++) {
        HLObject *obj = hl_newref(HL_LIST_GET(self, i));
        int cmp = hl_object_richcompare_bool(obj, args[0], HL_EQ);
        hl_decref(obj);
        if (cmp > 0) {
            if (list_ass_slice((HLListObject *)self, i, i + 1, NULL) == 0)
                return hl_none_new();
            return NULL;
        }
        if (cmp < 0)
            return NULL;
    }
    hl_err_set_string(hl_exc_ValueError, "list.remove(x): x not in list");
    return NULL;
}

METHOD(list_index)
{
    if (hl_arg_check_positional("index", nargs, 1, 3) < 0)
        return NULL;
    hl_ssize_t start = 0, stop = HL_SSIZE_T_MAX;
    if (nargs > 1 && !hl_slice_index_arg(args[1], &start))
        return NULL;
    if (nargs > 2 && !hl_slice_index_arg(args[2], &stop))
        return NULL;
    if (start < 0 && (start += HL_SIZE(self)) < 0)
        start = 0;
    if (stop < 0 && (stop += HL_SIZE(self)) < 0)
        stop = 0;
    for (hl_ssize_t i = start; i < stop && i < HL_SIZE(self); i++) {
        HLObject *obj = hl_newref(HL_LIST_GET(self, i));
        int cmp = hl_object_richcompare_bool(obj, args[0], HL_EQ);
        hl_decref(obj);
        if (cmp > 0)
            return hl_long_from_ssize(i);
        if (cmp < 0)
            return NULL;
    }
    hl_err_format(hl_exc_ValueError, "%R is not in list", args[0]);
    return NULL;
}

METHOD(list_count)
{
    hl_ssize_t count = 0;
    for (hl_ssize_t i = 0; i < HL_SIZE(self); i++) {
        HLObject *obj = HL_LIST_GET(self, i);
        if (obj == args[0]) {
            count++;
            continue;
        }
        hl_incref(obj);
        int cmp = hl_object_richcompare_bool(obj, args[0], HL_EQ);
        hl_decref(obj);
        if (cmp > 0)
            count++;
        else if (cmp < 0)
            return NULL;
    }
    return hl_long_from_ssize(count);
}

METHOD(list_clear)
{
    list_clear_impl(self);
    return hl_none_new();
}

METHOD(list_copy) { return hl_list_get_slice(self, 0, HL_SIZE(self)); }

int hl_list_reverse(HLObject *self)
{
    HLObject **lo = HL_LIST_ITEMS(self), **hi = lo + HL_SIZE(self) - 1;
    while (HL_SIZE(self) > 1 && lo < hi) {
        HLObject *t = *lo;
        *lo++ = *hi;
        *hi-- = t;
    }
    return 0;
}

METHOD(list_reverse)
{
    hl_list_reverse(self);
    return hl_none_new();
}

/* Stable merge sort of keys[] carrying values[] along; -1 on a comparison
 * error.  Binary insertion sort below 16 elements. */
static int merge_sort(HLObject **keys, HLObject **vals, hl_ssize_t n, HLObject **tk, HLObject **tv)
{
    if (n < 16) {
        for (hl_ssize_t i = 1; i < n; i++) {
            HLObject *pivot = keys[i], *pv = vals[i];
            hl_ssize_t lo = 0, hi = i;
            while (lo < hi) {
                hl_ssize_t mid = (lo + hi) / 2;
                int lt = hl_object_richcompare_bool(pivot, keys[mid], HL_LT);
                if (lt < 0)
                    return -1;
                if (lt)
                    hi = mid;
                else
                    lo = mid + 1;
            }
            memmove(keys + lo + 1, keys + lo, (size_t)(i - lo) * sizeof(HLObject *));
            if (vals != keys)
                memmove(vals + lo + 1, vals + lo, (size_t)(i - lo) * sizeof(HLObject *));
            keys[lo] = pivot;
            vals[lo] = pv;
        }
        return 0;
    }
    hl_ssize_t half = n / 2;
    if (merge_sort(keys, vals, half, tk, tv) < 0 ||
        merge_sort(keys + half, vals + half, n - half, tk, tv) < 0)
        return -1;
    memcpy(tk, keys, (size_t)half * sizeof(HLObject *));
    memcpy(tv, vals, (size_t)half * sizeof(HLObject *));
    hl_ssize_t i = 0, j = half, k = 0;
    while (i < half && j < n) {
        int lt = hl_object_richcompare_bool(keys[j], tk[i], HL_LT);
        if (lt < 0) {
            /* Put the copied left run back so no item is lost. */
            memmove(keys + k, tk + i, (size_t)(half - i) * sizeof(HLObject *));
            memmove(vals + k, tv + i, (size_t)(half - i) * sizeof(HLObject *));
            memmove(keys + k + half - i, keys + j, 0);
            return -1;
        }
        if (lt) {
            keys[k] = keys[j];
            vals[k++] = vals[j++];
        } else {
            keys[k] = tk[i];
            vals[k++] = tv[i++];
        }
    }
    while (i < half) {
        keys[k] = tk[i];
        vals[k++] = tv[i++];
    }
    return 0;
}

int hl_list_sort_impl(HLObject *self, HLObject *keyfunc, int reverse)
{
    HLListObject *l = (HLListObject *)self;
    /* The list looks empty while sorting: mutation is detected. */
    hl_ssize_t saved_size = HL_SIZE(l), saved_alloc = l->allocated;
    HLObject **saved = l->ob_item;
    l->ob_base.ob_size = 0;
    l->ob_item = NULL;
    l->allocated = -1;
    int result = -1;
    hl_ssize_t n = saved_size;
    HLObject **keys = NULL, **tmp = NULL;
    hl_ssize_t nkeys = 0;
    if (keyfunc != NULL && keyfunc != HL_None && n > 0) {
        keys = hl_mem_malloc((size_t)n * sizeof(HLObject *));
        if (keys == NULL) {
            hl_err_nomemory();
            goto restore;
        }
        for (; nkeys < n; nkeys++) {
            keys[nkeys] = hl_call_one(keyfunc, saved[nkeys]);
            if (keys[nkeys] == NULL)
                goto restore;
        }
    }
    if (reverse && n > 1) {
        /* Reverse, sort stably, reverse: equal items keep their order. */
        for (hl_ssize_t i = 0, j = n - 1; i < j; i++, j--) {
            HLObject *t = saved[i];
            saved[i] = saved[j];
            saved[j] = t;
            if (keys) {
                t = keys[i];
                keys[i] = keys[j];
                keys[j] = t;
            }
        }
    }
    if (n > 1) {
        tmp = hl_mem_malloc((size_t)n * sizeof(HLObject *));
        HLObject **tmpv = tmp ? hl_mem_malloc((size_t)n * sizeof(HLObject *)) : NULL;
        if (tmpv == NULL) {
            hl_mem_free(tmp);
            tmp = NULL;
            hl_err_nomemory();
            goto restore;
        }
        int r = keys ? merge_sort(keys, saved, n, tmp, tmpv) : merge_sort(saved, saved, n, tmp, tmpv);
        hl_mem_free(tmpv);
        if (r < 0)
            goto restore;
    }
    if (reverse && n > 1)
        for (hl_ssize_t i = 0, j = n - 1; i < j; i++, j--) {
            HLObject *t = saved[i];
            saved[i] = saved[j];
            saved[j] = t;
        }
    result = 0;
restore:
    if (keys) {
        for (hl_ssize_t i = 0; i < nkeys; i++)
            hl_decref(keys[i]);
        hl_mem_free(keys);
    }
    hl_mem_free(tmp);
    {
        HLObject **final_items = l->ob_item;
        hl_ssize_t final_size = HL_SIZE(l);
        l->ob_base.ob_size = saved_size;
        l->ob_item = saved;
        l->allocated = saved_alloc;
        if (final_items != NULL || final_size != 0) {
            /* The key or a comparison added items: they are dropped. */
            for (hl_ssize_t i = final_size; --i >= 0;)
                hl_xdecref(final_items[i]);
            hl_mem_free(final_items);
            if (result == 0) {
                hl_err_set_string(hl_exc_ValueError, "list modified during sort");
                result = -1;
            }
        }
    }
    return result;
}

int hl_list_sort(HLObject *self) { return hl_list_sort_impl(self, NULL, 0); }

static HLObject *list_sort(HLObject *self, HLObject *const *args, hl_ssize_t nargs,
                           HLObject *kwnames)
{
    if (nargs > 0) {
        hl_err_set_string(hl_exc_TypeError, "sort() takes no positional arguments");
        return NULL;
    }
    HLObject *key = NULL;
    int reverse = 0;
    for (hl_ssize_t i = 0; kwnames && i < HL_SIZE(kwnames); i++) {
        HLObject *name = HL_TUPLE_GET(kwnames, i);
        if (hl_str_eq_cstr(name, "key"))
            key = args[nargs + i];
        else if (hl_str_eq_cstr(name, "reverse")) {
            reverse = hl_object_is_true(args[nargs + i]);
            if (reverse < 0)
                return NULL;
        } else {
            hl_err_format(hl_exc_TypeError, "'%U' is an invalid keyword argument for sort()", name);
            return NULL;
        }
    }
    if (hl_list_sort_impl(self, key, reverse) < 0)
        return NULL;
    return hl_none_new();
}

METHOD(list_sizeof)
{
    return hl_long_from_ssize(HL_TYPE(self)->tp_basicsize +
                              ((HLListObject *)self)->allocated * (hl_ssize_t)sizeof(void *));
}

static HLObject *list_reversed(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw);

static HLMethodDef list_methods[] = {
    {"append", list_append, HL_METH_O, NULL},
    {"extend", list_extend, HL_METH_O, NULL},
    {"insert", list_insert, HL_METH_FASTCALL, NULL},
    {"pop", list_pop, HL_METH_FASTCALL, NULL},
    {"remove", list_remove, HL_METH_O, NULL},
    {"index", list_index, HL_METH_FASTCALL, NULL},
    {"count", list_count, HL_METH_O, NULL},
    {"clear", list_clear, HL_METH_NOARGS, NULL},
    {"copy", list_copy, HL_METH_NOARGS, NULL},
    {"reverse", list_reverse, HL_METH_NOARGS, NULL},
    {"sort", list_sort, HL_METH_FASTCALL | HL_METH_KEYWORDS, NULL},
    {"__sizeof__", list_sizeof, HL_METH_NOARGS, NULL},
    {"__reversed__", list_reversed, HL_METH_NOARGS, NULL},
    {NULL}};

static HLSequenceMethods list_as_sequence = {
    .sq_length = list_length,
    .sq_concat = list_concat,
    .sq_repeat = list_repeat,
    .sq_item = list_item,
    .sq_ass_item = list_ass_item,
    .sq_contains = list_contains,
    .sq_inplace_concat = list_inplace_concat,
    .sq_inplace_repeat = list_inplace_repeat,
};
static HLMappingMethods list_as_mapping = {
    .mp_length = list_length,
    .mp_subscript = list_subscript,
    .mp_ass_subscript = list_ass_subscript,
};

static HLObject *list_iter(HLObject *seq);

HLTypeObject hl_list_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "list",
    .tp_basicsize = sizeof(HLListObject),
    .tp_dealloc = list_dealloc,
    .tp_repr = list_repr,
    .tp_as_sequence = &list_as_sequence,
    .tp_as_mapping = &list_as_mapping,
    .tp_hash = hl_hash_not_implemented,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_BASETYPE | HL_TPFLAGS_LIST_SUBCLASS,
    .tp_traverse = list_traverse,
    .tp_clear = list_clear_impl,
    .tp_richcompare = list_richcompare,
    .tp_iter = list_iter,
    .tp_methods = list_methods,
    .tp_init = list___init__,
    .tp_alloc = hl_type_generic_alloc,
    .tp_new = hl_type_generic_new,
    .tp_free = hl_gc_del,
    .tp_vectorcall = list_vectorcall,
};

/* ---- iterators ------------------------------------------------------------ */

typedef struct {
    HLObject ob_base;
    hl_ssize_t it_index;
    HLObject *it_seq; /* NULL when exhausted */
} listiterobject;

static void listiter_dealloc(HLObject *op)
{
    hl_gc_untrack(op);
    hl_xdecref(((listiterobject *)op)->it_seq);
    hl_gc_del(op);
}

static int listiter_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    HL_VISIT(((listiterobject *)op)->it_seq);
    return 0;
}

static HLObject *listiter_next(HLObject *op)
{
    listiterobject *it = (listiterobject *)op;
    HLObject *seq = it->it_seq;
    if (seq == NULL)
        return NULL;
    if (it->it_index < HL_SIZE(seq))
        return hl_newref(HL_LIST_GET(seq, it->it_index++));
    it->it_seq = NULL;
    hl_decref(seq);
    return NULL;
}

static HLObject *listiter_len(HLObject *op, HLObject *const *a, hl_ssize_t n, HLObject *k)
{
    listiterobject *it = (listiterobject *)op;
    hl_ssize_t len = it->it_seq ? HL_SIZE(it->it_seq) - it->it_index : 0;
    return hl_long_from_ssize(len < 0 ? 0 : len);
}

static HLMethodDef listiter_methods[] = {
    {"__length_hint__", listiter_len, HL_METH_NOARGS, NULL}, {NULL}};

HLTypeObject hl_listiter_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "list_iterator",
    .tp_basicsize = sizeof(listiterobject),
    .tp_dealloc = listiter_dealloc,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = listiter_traverse,
    .tp_iter = hl_object_self_iter,
    .tp_iternext = listiter_next,
    .tp_methods = listiter_methods,
};

static HLObject *list_iter(HLObject *seq)
{
    listiterobject *it = (listiterobject *)hl_gc_new(&hl_listiter_type);
    if (it == NULL)
        return NULL;
    it->it_index = 0;
    it->it_seq = hl_newref(seq);
    hl_gc_track(it);
    return (HLObject *)it;
}

static HLObject *listrevier_next(HLObject *op)
{
    listiterobject *it = (listiterobject *)op;
    HLObject *seq = it->it_seq;
    if (seq == NULL)
        return NULL;
    hl_ssize_t index = it->it_index;
    if (index >= 0 && index < HL_SIZE(seq)) {
        it->it_index--;
        return hl_newref(HL_LIST_GET(seq, index));
    }
    it->it_index = -1;
    it->it_seq = NULL;
    hl_decref(seq);
    return NULL;
}

HLTypeObject hl_listrevier_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "list_reverseiterator",
    .tp_basicsize = sizeof(listiterobject),
    .tp_dealloc = listiter_dealloc,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = listiter_traverse,
    .tp_iter = hl_object_self_iter,
    .tp_iternext = listrevier_next,
};

static HLObject *list_reversed(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    listiterobject *it = (listiterobject *)hl_gc_new(&hl_listrevier_type);
    if (it == NULL)
        return NULL;
    it->it_index = HL_SIZE(self) - 1;
    it->it_seq = hl_newref(self);
    hl_gc_track(it);
    return (HLObject *)it;
}

int hl_list_init(void)
{
    hl_gc_register_freelist(clear_freelist);
    return 0;
}
