/*
 * object.c — birth and death of objects, and the generic operations every
 * type shares.
 *
 * Birth.  hl_object_new / hl_object_new_var take a block from pymalloc for
 * a plain object; hl_gc_new / hl_gc_new_var take a block with room for the
 * pre-header (GC head, and the managed-dict words of class instances) and
 * tell the collector (hl_gc_link: the gen-0 count rises and an automatic
 * collection may run right there, before the new object is tracked).  The
 * block is marked as holding an object of that shape, so the heap view can
 * find every live object later.  Instances of heap types own a reference
 * to their type, as in CPython 3.11.
 *
 * Death.  hl_decref calls hl_dealloc when a count reaches zero, which calls
 * the type's tp_dealloc at once.  Deallocating a container decrefs its
 * items, which may deallocate them in turn: a chain of a million nested
 * lists would recurse a million C frames deep.  The trashcan bounds this:
 * container deallocators bracket their body with HL_TRASHCAN_BEGIN/END,
 * which count the nesting; past HL_TRASH_UNWIND_LEVEL the object is parked
 * on trash_delete_later (chained through its GC head) instead of being
 * destroyed, and the outermost deallocator destroys the parked objects when
 * it unwinds.  The order of destruction is therefore CPython's too.
 *
 * Generic operations.  repr, str, hash, rich comparison (with CPython's
 * reflected-operand rules and TypeError messages), truth, attribute access
 * and iteration dispatch on the type's slots.  Recursion from C into these
 * (a list whose repr contains itself, deep comparisons) is counted against
 * the recursion limit like Python calls.
 */
#include "object.h"

#if !defined(__EMSCRIPTEN__)
#include <sys/resource.h>
#endif

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "errors.h"
#include "events.h"
#include "gc.h"
#include "obmalloc.h"
#include "state.h"
#include "strbuf.h"
#include "sysmem.h"
#include "../objects/dictobject.h"
#include "../objects/listobject.h"
#include "../objects/longobject.h"
#include "../objects/strobject.h"

hl_threadstate hl_ts = {.recursion_limit = 1000};

/* ---- fatal errors and output ------------------------------------------- */

#ifdef HL_DEBUG
void hl_refcnt_underflow(HLObject *op)
{
    hl_fatal("refcount of %p (%s) would drop below zero", (void *)op,
             op->ob_type ? op->ob_type->tp_name : "?");
}
#endif

/* Output goes to file descriptors 1 and 2 unless a host (the wasm bridge)
 * installs its own writer. */
static void (*output_hook)(int fd, const char *s, size_t n);

void hl_set_output_hook(void (*hook)(int fd, const char *s, size_t n)) { output_hook = hook; }

static void write_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

static void write_fd(int fd, const char *s, size_t n)
{
    if (output_hook)
        output_hook(fd, s, n);
    else
        write_all(fd, s, n);
}

/* Straight to file descriptor 2, past any output hook: the process ends. */
void hl_fatal(const char *fmt, ...)
{
    static const char prefix[] = "heaplab: fatal error: ";
    char buf[512];
    memcpy(buf, prefix, sizeof prefix - 1);
    va_list ap;
    va_start(ap, fmt);
    hl_vsnprintf(buf + sizeof prefix - 1, sizeof buf - sizeof prefix, fmt, ap);
    va_end(ap);
    size_t n = strlen(buf);
    buf[n++] = '\n';
    write_all(2, buf, n);
    abort();
}

void hl_write_stdout(const char *s, size_t n) { write_fd(1, s, n); }
void hl_write_stderr(const char *s, size_t n) { write_fd(2, s, n); }

void hl_printf_stderr(const char *fmt, ...)
{
    hl_strbuf b = HL_STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    hl_sb_vprintf(&b, fmt, ap);
    va_end(ap);
    hl_write_stderr(hl_sb_cstr(&b), b.len);
    hl_sb_free(&b);
}

int hl_enter_recursive_call(const char *where)
{
    if (++hl_ts.recursion_depth > hl_ts.recursion_limit + hl_ts.recursion_headroom || hl_c_stack_low()) {
        hl_ts.recursion_depth--;
        if (hl_ts.recursion_headroom) {
            /* Making the RecursionError itself recursed too deep: fail
             * without a new exception (the caller reports failure). */
            if (!hl_err_occurred())
                hl_err_nomemory();
            return -1;
        }
        /* A little room to build the exception (_Py_CheckRecursiveCall). */
        hl_ts.recursion_headroom = 50;
        hl_err_format(hl_exc_RecursionError, "maximum recursion depth exceeded%s", where);
        hl_ts.recursion_headroom = 0;
        return -1;
    }
#if defined(__EMSCRIPTEN__)
    hl_ts.c_depth++; /* see hl_c_stack_low */
#endif
    return 0;
}

void hl_c_stack_init(void)
{
    char here;
    size_t size = 8u << 20;
#if defined(__EMSCRIPTEN__)
    extern uintptr_t emscripten_stack_get_end(void);
    hl_ts.c_stack_end = (char *)emscripten_stack_get_end();
    (void)size;
    (void)here;
    return;
#else
    struct rlimit rl;
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < size)
        size = (size_t)rl.rlim_cur;
    /* What lies above this frame (the process's arguments and environment,
     * main's callers) is generously covered by the margin. */
    hl_ts.c_stack_end = &here - size;
#endif
}

/* ---- birth -------------------------------------------------------------- */

void hl_new_reference(HLObject *op)
{
    op->ob_refcnt = 1;
    hl_event_emit(HL_EV_ALLOC, op, (uintptr_t)op->ob_type, 0);
}

HLObject *hl_init_object(HLObject *op, HLTypeObject *tp)
{
    op->ob_type = tp;
    if (HL_TYPE_HAS_FLAG(tp, HL_TPFLAGS_HEAPTYPE))
        hl_incref(tp);
    hl_new_reference(op);
    return op;
}

HLObject *hl_object_new(HLTypeObject *tp)
{
    HLObject *op = hl_mem_malloc((size_t)tp->tp_basicsize);
    if (op == NULL)
        return hl_err_nomemory();
    hl_mem_set_kind(op, HL_BLOCK_OBJECT);
    return hl_init_object(op, tp);
}

HLVarObject *hl_object_new_var(HLTypeObject *tp, hl_ssize_t nitems)
{
    HLVarObject *op = hl_mem_malloc(hl_var_size(tp, nitems));
    if (op == NULL)
        return (HLVarObject *)hl_err_nomemory();
    hl_mem_set_kind(op, HL_BLOCK_OBJECT);
    op->ob_size = nitems;
    hl_init_object((HLObject *)op, tp);
    return op;
}

/* CPython's gc_alloc: a block with the pre-header, linked to the collector
 * (which may collect right here, before the object is initialized: it is
 * not tracked, so the collection cannot see it). */
static HLObject *gc_alloc(HLTypeObject *tp, size_t basicsize)
{
    size_t presize = hl_type_preheader_size(tp);
    if (basicsize > (size_t)HL_SSIZE_T_MAX - presize)
        return hl_err_nomemory();
    char *mem = hl_mem_malloc(presize + basicsize);
    if (mem == NULL)
        return hl_err_nomemory();
    ((HLObject **)mem)[0] = NULL;
    ((HLObject **)mem)[1] = NULL;
    hl_mem_set_kind(mem, presize > sizeof(HLGCHead) ? HL_BLOCK_GC_MANAGED : HL_BLOCK_GC);
    HLObject *op = (HLObject *)(mem + presize);
    op->ob_type = NULL; /* not an object yet, for anyone looking */
    op->ob_refcnt = 1;
    hl_gc_link(op);
    return op;
}

HLObject *hl_gc_new(HLTypeObject *tp)
{
    HLObject *op = gc_alloc(tp, (size_t)tp->tp_basicsize);
    return op ? hl_init_object(op, tp) : NULL;
}

HLVarObject *hl_gc_new_var(HLTypeObject *tp, hl_ssize_t nitems)
{
    HLVarObject *op = (HLVarObject *)gc_alloc(tp, hl_var_size(tp, nitems));
    if (op == NULL)
        return NULL;
    op->ob_size = nitems;
    hl_init_object((HLObject *)op, tp);
    return op;
}

/* PyType_GenericAlloc: zeroed memory, and GC objects come back tracked. */
HLObject *hl_type_generic_alloc(HLTypeObject *tp, hl_ssize_t nitems)
{
    size_t size = hl_var_size(tp, nitems + 1); /* CPython allocates one spare item */
    HLObject *op;
    if (hl_type_is_gc(tp)) {
        op = gc_alloc(tp, size);
        if (op == NULL)
            return NULL;
        memset(op, 0, size);
    } else {
        op = hl_mem_malloc(size);
        if (op == NULL)
            return hl_err_nomemory();
        hl_mem_set_kind(op, HL_BLOCK_OBJECT);
        memset(op, 0, size);
    }
    if (tp->tp_itemsize == 0)
        hl_init_object(op, tp);
    else {
        ((HLVarObject *)op)->ob_size = nitems;
        hl_init_object(op, tp);
    }
    if (hl_type_is_gc(tp))
        hl_gc_track(op);
    return op;
}

void hl_object_free(void *op) { hl_mem_free(op); }

void hl_gc_del(void *op)
{
    HLObject *o = op;
    size_t presize = hl_type_preheader_size(o->ob_type);
    hl_gc_unlink(o);
    hl_mem_free((char *)o - presize);
}

/* ---- death --------------------------------------------------------------- */

void hl_dealloc(HLObject *op)
{
    hl_event_emit(HL_EV_FREE, op, (uintptr_t)op->ob_type, 0);
    op->ob_type->tp_dealloc(op);
}

static void trash_deposit_object(HLObject *op)
{
    HLGCHead *g = HL_AS_GC(op);
    g->_gc_prev = (g->_gc_prev & ~HL_GC_PREV_MASK) | (uintptr_t)hl_ts.trash_delete_later;
    hl_ts.trash_delete_later = op;
}

/* Destroys the parked objects; runs with nesting 1 so that their own
 * deallocators park rather than recurse into this loop again. */
static void trash_destroy_chain(void)
{
    ++hl_ts.trash_delete_nesting;
    while (hl_ts.trash_delete_later) {
        HLObject *op = hl_ts.trash_delete_later;
        hl_ts.trash_delete_later = (HLObject *)(HL_AS_GC(op)->_gc_prev & HL_GC_PREV_MASK);
        op->ob_type->tp_dealloc(op);
    }
    --hl_ts.trash_delete_nesting;
}

int hl_trash_begin(HLObject *op)
{
    if (hl_ts.trash_delete_nesting >= HL_TRASH_UNWIND_LEVEL) {
        trash_deposit_object(op);
        return 1;
    }
    ++hl_ts.trash_delete_nesting;
    return 0;
}

void hl_trash_end(void)
{
    --hl_ts.trash_delete_nesting;
    if (hl_ts.trash_delete_later && hl_ts.trash_delete_nesting <= 0)
        trash_destroy_chain();
}

/* ---- None, NotImplemented, Ellipsis ------------------------------------ */

static HLObject *none_repr(HLObject *o) { return hl_str_from_cstr("None"); }
static HLObject *notimpl_repr(HLObject *o) { return hl_str_from_cstr("NotImplemented"); }
static HLObject *ellipsis_repr(HLObject *o) { return hl_str_from_cstr("Ellipsis"); }
static int none_bool(HLObject *o) { return 0; }
static void none_dealloc(HLObject *o)
{
    /* The singletons are never freed; reaching zero means a refcount bug
     * in heaplab, exactly as in CPython. */
    hl_fatal("deallocating %s", o->ob_type->tp_name);
}

static hl_hash_t none_hash(HLObject *o) { return (hl_hash_t)(0xFCA86420u >> 4); }

static HLNumberMethods none_as_number = {.nb_bool = none_bool};

/* type(None)() is None (none_new, notimplemented_new, ellipsis_new). */
static HLObject *singleton_new(HLTypeObject *type, HLObject *args, HLObject *kwargs)
{
    if (HL_SIZE(args) || (kwargs && hl_dict_size(kwargs))) {
        hl_err_format(hl_exc_TypeError, "%s takes no arguments", type->tp_name);
        return NULL;
    }
    return hl_newref(type == &hl_none_type ? HL_None
                     : type == &hl_notimpl_type ? HL_NotImplemented : HL_Ellipsis);
}

HLTypeObject hl_none_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "NoneType",
    .tp_basicsize = sizeof(HLObject),
    .tp_dealloc = none_dealloc,
    .tp_repr = none_repr,
    .tp_as_number = &none_as_number,
    .tp_hash = none_hash,
    .tp_new = singleton_new,
};
HLTypeObject hl_notimpl_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "NotImplementedType",
    .tp_basicsize = sizeof(HLObject),
    .tp_dealloc = none_dealloc,
    .tp_repr = notimpl_repr,
    .tp_new = singleton_new,
};
HLTypeObject hl_ellipsis_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "ellipsis",
    .tp_basicsize = sizeof(HLObject),
    .tp_dealloc = none_dealloc,
    .tp_repr = ellipsis_repr,
    .tp_new = singleton_new,
};
HLObject hl_none_struct = {1, &hl_none_type};
HLObject hl_notimpl_struct = {1, &hl_notimpl_type};
HLObject hl_ellipsis_struct = {1, &hl_ellipsis_type};

/* ---- generic operations ------------------------------------------------ */

HLObject *hl_object_repr(HLObject *v)
{
    if (v == NULL)
        return hl_str_from_cstr("<NULL>");
    HLTypeObject *tp = HL_TYPE(v);
    if (tp->tp_repr == NULL)
        return hl_str_from_format("<%s object at %p>", tp->tp_name, (void *)v);
    if (hl_enter_recursive_call(" while getting the repr of an object"))
        return NULL;
    HLObject *res = tp->tp_repr(v);
    hl_leave_recursive_call();
    if (res == NULL)
        return NULL;
    if (!hl_str_check(res)) {
        hl_err_format(hl_exc_TypeError, "__repr__ returned non-string (type %s)",
                      HL_TYPE(res)->tp_name);
        hl_decref(res);
        return NULL;
    }
    return res;
}

HLObject *hl_object_str(HLObject *v)
{
    if (v == NULL)
        return hl_str_from_cstr("<NULL>");
    if (hl_str_check_exact(v))
        return hl_newref(v);
    HLTypeObject *tp = HL_TYPE(v);
    if (tp->tp_str == NULL)
        return hl_object_repr(v);
    if (hl_enter_recursive_call(" while getting the str of an object"))
        return NULL;
    HLObject *res = tp->tp_str(v);
    hl_leave_recursive_call();
    if (res == NULL)
        return NULL;
    if (!hl_str_check(res)) {
        hl_err_format(hl_exc_TypeError, "__str__ returned non-string (type %s)",
                      HL_TYPE(res)->tp_name);
        hl_decref(res);
        return NULL;
    }
    return res;
}

hl_hash_t hl_hash_not_implemented(HLObject *v)
{
    hl_err_format(hl_exc_TypeError, "unhashable type: '%s'", HL_TYPE(v)->tp_name);
    return -1;
}

hl_hash_t hl_object_hash(HLObject *v)
{
    HLTypeObject *tp = HL_TYPE(v);
    /* Hashing a tuple hashes its items: nesting deep enough would overflow
     * the C stack (CPython crashes there; heaplab raises). */
    if (hl_c_stack_low()) {
        hl_err_set_string(hl_exc_RecursionError, "maximum recursion depth exceeded while hashing an object");
        return -1;
    }
#if defined(__EMSCRIPTEN__)
    if (tp->tp_hash != NULL) {
        hl_ts.c_depth++; /* see hl_c_stack_low */
        hl_hash_t h = tp->tp_hash(v);
        hl_ts.c_depth--;
        return h;
    }
#else
    if (tp->tp_hash != NULL)
        return tp->tp_hash(v);
#endif
    return hl_hash_not_implemented(v);
}

/* The pointer hash of object.__hash__: the address rotated by 4 bits. */
hl_hash_t hl_hash_pointer(const void *p)
{
    uintptr_t y = (uintptr_t)p;
    y = (y >> 4) | (y << (8 * sizeof(y) - 4));
    hl_hash_t x = (hl_hash_t)y;
    return x == -1 ? -2 : x;
}

hl_hash_t hl_hash_pointer_slot(HLObject *o) { return hl_hash_pointer(o); }

static const char *const opstrings[] = {"<", "<=", "==", "!=", ">", ">="};
static const int swapped_op[] = {HL_GT, HL_GE, HL_EQ, HL_NE, HL_LT, HL_LE};

/* CPython's do_richcompare: a subclass that overrides the reflected
 * method goes first; then the left operand, then the right; == and !=
 * fall back to identity. */
static HLObject *do_richcompare(HLObject *v, HLObject *w, int op)
{
    hl_richcmpfunc f;
    HLObject *res;
    int checked_reverse_op = 0;
    if (HL_TYPE(v) != HL_TYPE(w) && hl_type_is_subtype(HL_TYPE(w), HL_TYPE(v)) &&
        (f = HL_TYPE(w)->tp_richcompare) != NULL) {
        checked_reverse_op = 1;
        res = f(w, v, swapped_op[op]);
        if (res != HL_NotImplemented)
            return res;
        hl_decref(res);
    }
    if ((f = HL_TYPE(v)->tp_richcompare) != NULL) {
        res = f(v, w, op);
        if (res != HL_NotImplemented)
            return res;
        hl_decref(res);
    }
    if (!checked_reverse_op && (f = HL_TYPE(w)->tp_richcompare) != NULL) {
        res = f(w, v, swapped_op[op]);
        if (res != HL_NotImplemented)
            return res;
        hl_decref(res);
    }
    switch (op) {
    case HL_EQ:
        return hl_bool_from_long(v == w);
    case HL_NE:
        return hl_bool_from_long(v != w);
    default:
        hl_err_format(hl_exc_TypeError,
                      "'%s' not supported between instances of '%s' and '%s'", opstrings[op],
                      HL_TYPE(v)->tp_name, HL_TYPE(w)->tp_name);
        return NULL;
    }
}

HLObject *hl_object_richcompare(HLObject *v, HLObject *w, int op)
{
    if (hl_enter_recursive_call(" in comparison"))
        return NULL;
    HLObject *res = do_richcompare(v, w, op);
    hl_leave_recursive_call();
    return res;
}

int hl_object_richcompare_bool(HLObject *v, HLObject *w, int op)
{
    /* Identity implies equality, as in CPython (for containers' sake). */
    if (v == w) {
        if (op == HL_EQ)
            return 1;
        if (op == HL_NE)
            return 0;
    }
    HLObject *res = hl_object_richcompare(v, w, op);
    if (res == NULL)
        return -1;
    int ok = res == HL_True ? 1 : res == HL_False ? 0 : hl_object_is_true(res);
    hl_decref(res);
    return ok;
}

int hl_object_is_true(HLObject *v)
{
    if (v == HL_True)
        return 1;
    if (v == HL_False || v == HL_None)
        return 0;
    HLTypeObject *tp = HL_TYPE(v);
    hl_ssize_t res;
    if (tp->tp_as_number && tp->tp_as_number->nb_bool)
        res = tp->tp_as_number->nb_bool(v);
    else if (tp->tp_as_mapping && tp->tp_as_mapping->mp_length)
        res = tp->tp_as_mapping->mp_length(v);
    else if (tp->tp_as_sequence && tp->tp_as_sequence->sq_length)
        res = tp->tp_as_sequence->sq_length(v);
    else
        return 1;
    return res > 0 ? 1 : (int)res;
}

HLObject *hl_object_getattr(HLObject *v, HLObject *name)
{
    if (!hl_str_check(name)) {
        hl_err_format(hl_exc_TypeError, "attribute name must be string, not '%s'",
                      HL_TYPE(name)->tp_name);
        return NULL;
    }
    HLTypeObject *tp = HL_TYPE(v);
    if (tp->tp_getattro != NULL)
        return tp->tp_getattro(v, name);
    hl_err_format(hl_exc_AttributeError, "'%s' object has no attribute '%U'", tp->tp_name, name);
    return NULL;
}

HLObject *hl_object_getattr_str(HLObject *v, const char *name)
{
    HLObject *s = hl_str_intern_from_cstr(name);
    if (s == NULL)
        return NULL;
    HLObject *res = hl_object_getattr(v, s);
    hl_decref(s);
    return res;
}

int hl_object_setattr(HLObject *v, HLObject *name, HLObject *value)
{
    if (!hl_str_check(name)) {
        hl_err_format(hl_exc_TypeError, "attribute name must be string, not '%s'",
                      HL_TYPE(name)->tp_name);
        return -1;
    }
    HLTypeObject *tp = HL_TYPE(v);
    if (tp->tp_setattro != NULL) {
        hl_incref(name);
        hl_str_intern_inplace(&name);
        int err = tp->tp_setattro(v, name, value);
        hl_decref(name);
        return err;
    }
    if (tp->tp_getattro == NULL)
        hl_err_format(hl_exc_AttributeError, "'%s' object has no attributes (%s .%U)",
                      tp->tp_name, value == NULL ? "del" : "assign to", name);
    else
        hl_err_format(hl_exc_AttributeError, "'%s' object has only read-only attributes (%s .%U)",
                      tp->tp_name, value == NULL ? "del" : "assign to", name);
    return -1;
}

HLObject *hl_object_get_iter(HLObject *o)
{
    HLTypeObject *tp = HL_TYPE(o);
    if (tp->tp_iter != NULL) {
        HLObject *res = tp->tp_iter(o);
        if (res != NULL && (HL_TYPE(res)->tp_iternext == NULL)) {
            hl_err_format(hl_exc_TypeError, "iter() returned non-iterator of type '%s'",
                          HL_TYPE(res)->tp_name);
            hl_decref(res);
            return NULL;
        }
        return res;
    }
    if (tp->tp_as_sequence && tp->tp_as_sequence->sq_item)
        return hl_seq_iter_new(o);
    hl_err_format(hl_exc_TypeError, "'%s' object is not iterable", tp->tp_name);
    return NULL;
}

HLObject *hl_iter_next(HLObject *it)
{
    HLObject *res = HL_TYPE(it)->tp_iternext(it);
    if (res == NULL && hl_err_occurred() && hl_err_exception_matches(hl_exc_StopIteration))
        hl_err_clear();
    return res;
}

hl_ssize_t hl_object_size(HLObject *o)
{
    HLTypeObject *tp = HL_TYPE(o);
    if (tp->tp_as_sequence && tp->tp_as_sequence->sq_length)
        return tp->tp_as_sequence->sq_length(o);
    if (tp->tp_as_mapping && tp->tp_as_mapping->mp_length)
        return tp->tp_as_mapping->mp_length(o);
    hl_err_format(hl_exc_TypeError, "object of type '%s' has no len()", tp->tp_name);
    return -1;
}

/* ---- Py_ReprEnter / Py_ReprLeave ----------------------------------------
 * The objects whose repr is being computed are kept in a list stored in the
 * thread-state dict, both created on first use — so the first repr of a
 * container in a session allocates two GC objects, as in CPython. */

static HLObject *tstate_dict;
static HLObject *repr_key;

static HLObject *repr_list(int create)
{
    if (tstate_dict == NULL) {
        if (!create)
            return NULL;
        tstate_dict = hl_dict_new();
        if (tstate_dict == NULL)
            return NULL;
        hl_register_root(&tstate_dict, "thread state dict");
    }
    if (repr_key == NULL && (repr_key = hl_str_intern_from_cstr("Py_Repr")) == NULL)
        return NULL;
    HLObject *list = hl_dict_get_item(tstate_dict, repr_key);
    if (list == NULL && create && !hl_err_occurred()) {
        list = hl_list_new(0);
        if (list == NULL)
            return NULL;
        int r = hl_dict_set_item(tstate_dict, repr_key, list);
        hl_decref(list);
        if (r < 0)
            return NULL;
    }
    return list;
}

int hl_repr_enter(HLObject *obj)
{
    HLObject *list = repr_list(1);
    if (list == NULL)
        return hl_err_occurred() ? -1 : 0;
    for (hl_ssize_t i = HL_SIZE(list); --i >= 0;)
        if (HL_LIST_GET(list, i) == obj)
            return 1;
    return hl_list_append(list, obj) < 0 ? -1 : 0;
}

void hl_repr_leave(HLObject *obj)
{
    HLObject *saved = hl_err_fetch();
    HLObject *list = repr_list(0);
    if (list != NULL) {
        /* obj is normally the last entry: search backwards. */
        for (hl_ssize_t i = HL_SIZE(list); --i >= 0;)
            if (HL_LIST_GET(list, i) == obj) {
                hl_list_set_slice(list, i, i + 1, NULL);
                break;
            }
    }
    hl_err_restore(saved);
}

/* The thread-state dict is a root of the heap (the audit counts it). */
HLObject *hl_tstate_dict(void) { return tstate_dict; }

void hl_object_fini(void)
{
    HL_CLEAR(tstate_dict);
    HL_CLEAR(repr_key);
}

/* ---- finalizers (PEP 442) ------------------------------------------------ */

void hl_object_call_finalizer(HLObject *self)
{
    HLTypeObject *tp = HL_TYPE(self);
    if (tp->tp_finalize == NULL)
        return;
    /* tp_finalize runs at most once per object. */
    if (hl_type_is_gc(tp) && (HL_AS_GC(self)->_gc_prev & HL_GC_PREV_MASK_FINALIZED))
        return;
    hl_event_emit(HL_EV_FINALIZE, self, (uintptr_t)tp, 0);
    tp->tp_finalize(self);
    if (hl_type_is_gc(tp))
        HL_AS_GC(self)->_gc_prev |= HL_GC_PREV_MASK_FINALIZED;
}

int hl_object_call_finalizer_from_dealloc(HLObject *self)
{
    if (self->ob_refcnt != 0)
        hl_fatal("finalizer called on a live object");
    /* Resurrect temporarily while the finalizer runs. */
    self->ob_refcnt = 1;
    hl_object_call_finalizer(self);
    if (--self->ob_refcnt == 0)
        return 0; /* the normal path */
    /* The finalizer resurrected it: the deallocation never happened. */
    return -1;
}
