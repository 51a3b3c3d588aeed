/*
 * object.h — the object model every part of heaplab shares.
 *
 * An object is a block of memory whose first word is its reference count
 * (ob_refcnt) and whose second word points to its type (ob_type), exactly as
 * in CPython 3.11 on a 32-bit platform.  id(x) is the object's address, so a
 * program that reads the first word at id(x) (ctypes) reads the refcount.
 *
 *   plain object:        [ob_refcnt][ob_type][fields ...]
 *   variable-size:       [ob_refcnt][ob_type][ob_size][fields, items ...]
 *   GC-tracked object:   [gc_next][gc_prev] [ob_refcnt][ob_type] ...
 *                        ^ HLGCHead, two words before the object
 *   instance with a managed dict (3.11 "pre-header"):
 *                        [values][dict] [gc_next][gc_prev] [ob_refcnt] ...
 *
 * Reference counting: hl_incref/hl_decref are static inlines; when a count
 * drops to zero the object is destroyed at once through its type's
 * tp_dealloc (hl_dealloc).  Container deallocators use the trashcan
 * (HL_TRASHCAN_BEGIN/END, object.c) so that freeing a long chain does not
 * recurse deeper than HL_TRASH_UNWIND_LEVEL frames of C stack.
 *
 * Types are HLTypeObject structs with CPython's slots.  Built-in types are
 * static structs; classes created by a program are heap types
 * (HLHeapTypeObject, typeobject.c) that instances keep alive.  Slots a type
 * does not define are inherited from its base when the type is readied
 * (hl_type_ready).
 *
 * Ownership conventions (as in CPython): a function returning HLObject*
 * returns a new reference unless its comment says "borrowed"; NULL means an
 * exception is set (errors.h).  Functions that "steal" a reference say so.
 */
#ifndef HL_OBJECT_H
#define HL_OBJECT_H

#include "hlconfig.h"

typedef struct HLObject {
    hl_ssize_t ob_refcnt;
    struct HLTypeObject *ob_type;
} HLObject;

typedef struct HLVarObject {
    HLObject ob_base;
    hl_ssize_t ob_size;
} HLVarObject;

typedef struct HLTypeObject HLTypeObject;

#define HL_TYPE(o) (((HLObject *)(o))->ob_type)
#define HL_REFCNT(o) (((HLObject *)(o))->ob_refcnt)
#define HL_SIZE(o) (((HLVarObject *)(o))->ob_size)
#define HL_OBJ(o) ((HLObject *)(o))

#define HL_OBJECT_HEAD_INIT(type) {HL_STATIC_REFCNT_NORMAL, (type)}
#define HL_STATIC_REFCNT_NORMAL 1

/* ---------------------------------------------------------------------------
 * Slot signatures.
 */
typedef void (*hl_destructor)(HLObject *);
typedef HLObject *(*hl_reprfunc)(HLObject *);
typedef hl_hash_t (*hl_hashfunc)(HLObject *);
typedef HLObject *(*hl_richcmpfunc)(HLObject *, HLObject *, int);
typedef HLObject *(*hl_getattrofunc)(HLObject *, HLObject *);
typedef int (*hl_setattrofunc)(HLObject *, HLObject *, HLObject *);
typedef int (*hl_visitproc)(HLObject *, void *);
typedef int (*hl_traverseproc)(HLObject *, hl_visitproc, void *);
typedef int (*hl_inquiry)(HLObject *);
typedef HLObject *(*hl_unaryfunc)(HLObject *);
typedef HLObject *(*hl_binaryfunc)(HLObject *, HLObject *);
typedef HLObject *(*hl_ternaryfunc)(HLObject *, HLObject *, HLObject *);
typedef HLObject *(*hl_getiterfunc)(HLObject *);
typedef HLObject *(*hl_iternextfunc)(HLObject *);
typedef HLObject *(*hl_descrgetfunc)(HLObject *, HLObject *, HLObject *);
typedef int (*hl_descrsetfunc)(HLObject *, HLObject *, HLObject *);
typedef int (*hl_initproc)(HLObject *, HLObject *, HLObject *);
typedef HLObject *(*hl_newfunc)(HLTypeObject *, HLObject *, HLObject *);
typedef HLObject *(*hl_allocfunc)(HLTypeObject *, hl_ssize_t);
typedef void (*hl_freefunc)(void *);
typedef hl_ssize_t (*hl_lenfunc)(HLObject *);
typedef HLObject *(*hl_ssizeargfunc)(HLObject *, hl_ssize_t);
typedef int (*hl_ssizeobjargproc)(HLObject *, hl_ssize_t, HLObject *);
typedef int (*hl_objobjproc)(HLObject *, HLObject *);
typedef int (*hl_objobjargproc)(HLObject *, HLObject *, HLObject *);
/* Vectorcall: positional arguments in args[0..nargs), keyword argument
 * values after them, their names in the tuple kwnames (or NULL).  The
 * callee borrows the arguments, so sys.getrefcount(x) sees the caller's
 * stack reference — as in CPython. */
typedef HLObject *(*hl_vectorcallfunc)(HLObject *callable, HLObject *const *args,
                                       size_t nargsf, HLObject *kwnames);
#define HL_VECTORCALL_ARGUMENTS_OFFSET ((size_t)1 << (8 * sizeof(size_t) - 1))
#define HL_NARGS(nargsf) ((hl_ssize_t)((nargsf) & ~HL_VECTORCALL_ARGUMENTS_OFFSET))

typedef struct HLNumberMethods {
    hl_binaryfunc nb_add, nb_subtract, nb_multiply, nb_remainder, nb_divmod;
    hl_ternaryfunc nb_power;
    hl_unaryfunc nb_negative, nb_positive, nb_absolute;
    hl_inquiry nb_bool;
    hl_unaryfunc nb_invert;
    hl_binaryfunc nb_lshift, nb_rshift, nb_and, nb_xor, nb_or;
    hl_unaryfunc nb_int, nb_float;
    hl_binaryfunc nb_inplace_add, nb_inplace_subtract, nb_inplace_multiply,
        nb_inplace_remainder;
    hl_ternaryfunc nb_inplace_power;
    hl_binaryfunc nb_inplace_lshift, nb_inplace_rshift, nb_inplace_and,
        nb_inplace_xor, nb_inplace_or;
    hl_binaryfunc nb_floor_divide, nb_true_divide, nb_inplace_floor_divide,
        nb_inplace_true_divide;
    hl_unaryfunc nb_index;
} HLNumberMethods;

typedef struct HLSequenceMethods {
    hl_lenfunc sq_length;
    hl_binaryfunc sq_concat;
    hl_ssizeargfunc sq_repeat;
    hl_ssizeargfunc sq_item;
    hl_ssizeobjargproc sq_ass_item;
    hl_objobjproc sq_contains;
    hl_binaryfunc sq_inplace_concat;
    hl_ssizeargfunc sq_inplace_repeat;
} HLSequenceMethods;

typedef struct HLMappingMethods {
    hl_lenfunc mp_length;
    hl_binaryfunc mp_subscript;
    hl_objobjargproc mp_ass_subscript;
} HLMappingMethods;

/* Built-in methods, members and computed attributes of a type. */
typedef HLObject *(*hl_cfunction)(HLObject *self, HLObject *const *args,
                                  hl_ssize_t nargs, HLObject *kwnames);
typedef struct HLMethodDef {
    const char *ml_name;
    hl_cfunction ml_meth;
    int ml_flags; /* HL_METH_* below */
    const char *ml_doc;
} HLMethodDef;
/* The calling convention of the CPython function (one C signature serves
 * all here; the interpreter counts recursion by it, tests/c/test_modules.c
 * checks it against CPython's): */
#define HL_METH_VARARGS 0x0001   /* CPython's takes an args tuple */
#define HL_METH_FASTCALL 0x0080  /* CPython's takes an argument vector */
#define HL_METH_KEYWORDS 0x0002  /* accepts keyword arguments */
#define HL_METH_NOARGS 0x0004    /* no arguments (checked by the caller) */
#define HL_METH_O 0x0008         /* exactly one argument */
#define HL_METH_CLASS 0x0010     /* classmethod: self is the type */
#define HL_METH_STATIC 0x0020    /* staticmethod: self is NULL */

typedef struct HLMemberDef {
    const char *name;
    int type;  /* HL_T_* */
    hl_ssize_t offset;
    int flags; /* HL_READONLY */
    const char *doc; /* CPython's PyMemberDef has it: a class's __slots__
                        members live in its type object, 20 bytes each */
} HLMemberDef;
#define HL_T_OBJECT 6    /* HLObject*, None when NULL */
#define HL_T_OBJECT_EX 16 /* HLObject*, AttributeError when NULL */
#define HL_T_SSIZE 19
#define HL_T_INT 1
#define HL_T_ULONG 12 /* unsigned long (type.__flags__) */
#define HL_READONLY 1

typedef HLObject *(*hl_getter)(HLObject *, void *);
typedef int (*hl_setter)(HLObject *, HLObject *, void *);
typedef struct HLGetSetDef {
    const char *name;
    hl_getter get;
    hl_setter set;
    void *closure;
} HLGetSetDef;

/* ---------------------------------------------------------------------------
 * The type object.
 */
struct HLTypeObject {
    HLVarObject ob_base;
    const char *tp_name;
    hl_ssize_t tp_basicsize, tp_itemsize;
    hl_destructor tp_dealloc;
    hl_ssize_t tp_vectorcall_offset;
    hl_reprfunc tp_repr;
    HLNumberMethods *tp_as_number;
    HLSequenceMethods *tp_as_sequence;
    HLMappingMethods *tp_as_mapping;
    hl_hashfunc tp_hash;
    hl_ternaryfunc tp_call;
    hl_reprfunc tp_str;
    hl_getattrofunc tp_getattro;
    hl_setattrofunc tp_setattro;
    unsigned long tp_flags;
    const char *tp_doc;
    hl_traverseproc tp_traverse;
    hl_inquiry tp_clear;
    hl_richcmpfunc tp_richcompare;
    hl_ssize_t tp_weaklistoffset;
    hl_getiterfunc tp_iter;
    hl_iternextfunc tp_iternext;
    HLMethodDef *tp_methods;
    HLMemberDef *tp_members;
    HLGetSetDef *tp_getset;
    HLTypeObject *tp_base;
    HLObject *tp_dict;
    hl_descrgetfunc tp_descr_get;
    hl_descrsetfunc tp_descr_set;
    hl_ssize_t tp_dictoffset;
    hl_initproc tp_init;
    hl_allocfunc tp_alloc;
    hl_newfunc tp_new;
    hl_freefunc tp_free;
    hl_inquiry tp_is_gc;
    HLObject *tp_bases;
    HLObject *tp_mro;
    HLObject *tp_subclasses;
    hl_destructor tp_del;      /* legacy (pre-PEP 442) finalizer */
    hl_destructor tp_finalize; /* PEP 442 finalizer */
    hl_vectorcallfunc tp_vectorcall;
    HLObject *tp_weaklist; /* weak references to the type (tp_subclasses) */
};

/* tp_flags.  Bit positions are CPython 3.11's.
 *
 *   bit  name              meaning
 *   ---  ----------------  ------------------------------------------------
 *    4   MANAGED_DICT      instances keep dict/values in the pre-header
 *    8   IMMUTABLETYPE     attributes of the type cannot be set
 *    9   HEAPTYPE          allocated at run time (a class statement)
 *   10   BASETYPE          may be subclassed
 *   11   HAVE_VECTORCALL   instances are called through tp_vectorcall_offset
 *   12   READY             hl_type_ready has run
 *   13   READYING          hl_type_ready is running
 *   14   HAVE_GC           instances carry an HLGCHead
 *   17   METHOD_DESCRIPTOR binds like a function (obj.m() needs no bound object)
 *   24.. *_SUBCLASS        fast isinstance checks for core types
 */
#define HL_TPFLAGS_MANAGED_DICT (1UL << 4)
#define HL_TPFLAGS_IMMUTABLETYPE (1UL << 8)
#define HL_TPFLAGS_HEAPTYPE (1UL << 9)
#define HL_TPFLAGS_BASETYPE (1UL << 10)
#define HL_TPFLAGS_HAVE_VECTORCALL (1UL << 11)
#define HL_TPFLAGS_READY (1UL << 12)
#define HL_TPFLAGS_READYING (1UL << 13)
#define HL_TPFLAGS_HAVE_GC (1UL << 14)
#define HL_TPFLAGS_METHOD_DESCRIPTOR (1UL << 17)
#define HL_TPFLAGS_LONG_SUBCLASS (1UL << 24)
#define HL_TPFLAGS_LIST_SUBCLASS (1UL << 25)
#define HL_TPFLAGS_TUPLE_SUBCLASS (1UL << 26)
#define HL_TPFLAGS_BYTES_SUBCLASS (1UL << 27)
#define HL_TPFLAGS_UNICODE_SUBCLASS (1UL << 28)
#define HL_TPFLAGS_DICT_SUBCLASS (1UL << 29)
#define HL_TPFLAGS_BASE_EXC_SUBCLASS (1UL << 30)
#define HL_TPFLAGS_TYPE_SUBCLASS (1UL << 31)

#define HL_TYPE_HAS_FLAG(t, f) (((t)->tp_flags & (f)) != 0)
#define HL_HAS_FLAG(o, f) HL_TYPE_HAS_FLAG(HL_TYPE(o), f)

/* Heap types: a class statement's type plus the storage of its slots. */
typedef struct HLHeapTypeObject {
    HLTypeObject ht_type;
    HLNumberMethods as_number;
    HLMappingMethods as_mapping;
    HLSequenceMethods as_sequence;
    HLObject *ht_name, *ht_slots, *ht_qualname;
    struct HLDictKeysObject *ht_cached_keys;
    HLObject *ht_module;
} HLHeapTypeObject;

/* ---------------------------------------------------------------------------
 * Reference counting.
 */
void hl_dealloc(HLObject *op);
#ifdef HL_DEBUG
HL_NORETURN void hl_refcnt_underflow(HLObject *op);
#endif

static inline void hl_incref(void *op) { ((HLObject *)op)->ob_refcnt++; }

static inline void hl_decref(void *op)
{
    HLObject *o = (HLObject *)op;
#ifdef HL_DEBUG
    if (o->ob_refcnt <= 0)
        hl_refcnt_underflow(o);
#endif
    if (--o->ob_refcnt == 0)
        hl_dealloc(o);
}

static inline void hl_xincref(void *op)
{
    if (op != NULL)
        hl_incref(op);
}

static inline void hl_xdecref(void *op)
{
    if (op != NULL)
        hl_decref(op);
}

static inline HLObject *hl_newref(void *op)
{
    hl_incref(op);
    return (HLObject *)op;
}

static inline HLObject *hl_xnewref(void *op)
{
    hl_xincref(op);
    return (HLObject *)op;
}

/* Replace *slot by a new value (stolen), then drop the old one: the slot is
 * never left pointing at a dying object while its destructor runs. */
#define HL_SETREF(slot, value)                                                 \
    do {                                                                       \
        HLObject *_hl_old = (HLObject *)(slot);                                \
        (slot) = (value);                                                      \
        hl_decref(_hl_old);                                                    \
    } while (0)
#define HL_XSETREF(slot, value)                                                \
    do {                                                                       \
        HLObject *_hl_old = (HLObject *)(slot);                                \
        (slot) = (value);                                                      \
        hl_xdecref(_hl_old);                                                   \
    } while (0)
#define HL_CLEAR(slot)                                                         \
    do {                                                                       \
        HLObject *_hl_tmp = (HLObject *)(slot);                                \
        if (_hl_tmp != NULL) {                                                 \
            (slot) = NULL;                                                     \
            hl_decref(_hl_tmp);                                                \
        }                                                                      \
    } while (0)
#define HL_VISIT(op)                                                           \
    do {                                                                       \
        if (op) {                                                              \
            int _hl_vret = visit((HLObject *)(op), arg);                       \
            if (_hl_vret)                                                      \
                return _hl_vret;                                               \
        }                                                                      \
    } while (0)

/* ---------------------------------------------------------------------------
 * The GC head: two words before every GC object (CPython's PyGC_Head).
 *
 *   word       bits    meaning
 *   --------   ------  ---------------------------------------------------
 *   _gc_next   31..1   next object in the generation list; 0 = untracked
 *              0       NEXT_MASK_UNREACHABLE (only during a collection)
 *   _gc_prev   31..2   previous object, or gc_refs during a collection
 *              1       PREV_MASK_COLLECTING: in the generation collected
 *              0       PREV_MASK_FINALIZED: tp_finalize has run (PEP 442)
 */
typedef struct HLGCHead {
    uintptr_t _gc_next;
    uintptr_t _gc_prev;
} HLGCHead;

#define HL_AS_GC(o) ((HLGCHead *)(o) - 1)
#define HL_FROM_GC(g) ((HLObject *)((HLGCHead *)(g) + 1))

#define HL_GC_PREV_MASK_FINALIZED ((uintptr_t)1)
#define HL_GC_PREV_MASK_COLLECTING ((uintptr_t)2)
#define HL_GC_PREV_SHIFT 2
#define HL_GC_PREV_MASK (((uintptr_t)-1) << HL_GC_PREV_SHIFT)
#define HL_GC_NEXT_MASK_UNREACHABLE ((uintptr_t)1)

static inline int hl_gc_is_tracked(HLObject *op) { return HL_AS_GC(op)->_gc_next != 0; }

static inline int hl_type_is_gc(HLTypeObject *tp)
{
    return HL_TYPE_HAS_FLAG(tp, HL_TPFLAGS_HAVE_GC);
}

/* Whether op carries a GC head (heap types are GC, static types are not). */
static inline int hl_object_is_gc(HLObject *op)
{
    HLTypeObject *tp = HL_TYPE(op);
    return hl_type_is_gc(tp) && (tp->tp_is_gc == NULL || tp->tp_is_gc(op));
}

/* Bytes that precede the object in its memory block. */
static inline size_t hl_type_preheader_size(HLTypeObject *tp)
{
    return (hl_type_is_gc(tp) ? sizeof(HLGCHead) : 0) +
           (HL_TYPE_HAS_FLAG(tp, HL_TPFLAGS_MANAGED_DICT) ? 2 * sizeof(void *) : 0);
}

/* ---------------------------------------------------------------------------
 * The trashcan: deallocators of containers wrap their body in
 * HL_TRASHCAN_BEGIN(op, dealloc) ... HL_TRASHCAN_END.  Past
 * HL_TRASH_UNWIND_LEVEL nested deallocations the object is parked on a list
 * (chained through its GC head) and destroyed when the nesting unwinds.
 */
#define HL_TRASH_UNWIND_LEVEL 50
int hl_trash_begin(HLObject *op);
void hl_trash_end(void);
#define HL_TRASHCAN_BEGIN(op, dealloc)                                         \
    do {                                                                       \
        /* Only the type's own deallocator uses the trashcan: called as a     \
         * subclass's base dealloc it runs normally (_PyTrash_cond), or the   \
         * object could be parked twice. */                                  \
        int _hl_trash = HL_TYPE(op)->tp_dealloc == (hl_destructor)(dealloc);  \
        if (_hl_trash && hl_trash_begin((HLObject *)(op)))                     \
            break;
#define HL_TRASHCAN_END                                                        \
    if (_hl_trash)                                                             \
        hl_trash_end();                                                        \
    }                                                                          \
    while (0)

/* ---------------------------------------------------------------------------
 * Comparison operators (tp_richcompare's third argument).
 */
#define HL_LT 0
#define HL_LE 1
#define HL_EQ 2
#define HL_NE 3
#define HL_GT 4
#define HL_GE 5

/* ---------------------------------------------------------------------------
 * Core singletons and types defined in src/objects.
 */
extern HLTypeObject hl_type_type, hl_object_type, hl_none_type, hl_notimpl_type,
    hl_ellipsis_type, hl_bool_type, hl_long_type, hl_float_type, hl_str_type,
    hl_tuple_type, hl_list_type, hl_dict_type;
extern HLObject hl_none_struct, hl_notimpl_struct, hl_ellipsis_struct;
#define HL_None (&hl_none_struct)
#define HL_NotImplemented (&hl_notimpl_struct)
#define HL_Ellipsis (&hl_ellipsis_struct)

static inline HLObject *hl_none_new(void) { return hl_newref(HL_None); }

#define HL_IS_TYPE(o, t) (HL_TYPE(o) == (t))
#define hl_type_check(o) HL_HAS_FLAG(o, HL_TPFLAGS_TYPE_SUBCLASS)

/* ---------------------------------------------------------------------------
 * Allocation of objects (object.c).  GC objects come back linked to the
 * collector's count but untracked: the caller fills them in, then calls
 * hl_gc_track.  The gen-0 count rises on each allocation here, and an
 * automatic collection may run inside it (gc.c).
 */
HLObject *hl_object_new(HLTypeObject *tp);
HLVarObject *hl_object_new_var(HLTypeObject *tp, hl_ssize_t nitems);
HLObject *hl_gc_new(HLTypeObject *tp);
HLVarObject *hl_gc_new_var(HLTypeObject *tp, hl_ssize_t nitems);
HLObject *hl_type_generic_alloc(HLTypeObject *tp, hl_ssize_t nitems);
void hl_object_free(void *op); /* free a non-GC object's memory */
void hl_gc_del(void *op);      /* free a GC object's memory */
HLObject *hl_init_object(HLObject *op, HLTypeObject *tp);
void hl_new_reference(HLObject *op); /* refcount 1, record the birth */

/* Size of the memory block of an object of type tp with nitems items. */
static inline size_t hl_var_size(HLTypeObject *tp, hl_ssize_t nitems)
{
    size_t s = (size_t)tp->tp_basicsize + (size_t)nitems * (size_t)tp->tp_itemsize;
    return (s + sizeof(void *) - 1) & ~(sizeof(void *) - 1);
}

/* ---------------------------------------------------------------------------
 * Generic object operations (object.c, abstract.c).
 */
HLObject *hl_object_repr(HLObject *o);
HLObject *hl_object_str(HLObject *o);
hl_hash_t hl_object_hash(HLObject *o);
hl_hash_t hl_hash_not_implemented(HLObject *o);
hl_hash_t hl_hash_pointer(const void *p); /* object.__hash__ */
hl_hash_t hl_hash_pointer_slot(HLObject *o); /* the same, as a tp_hash */
HLObject *hl_object_richcompare(HLObject *a, HLObject *b, int op);
int hl_object_richcompare_bool(HLObject *a, HLObject *b, int op);
int hl_object_is_true(HLObject *o);
HLObject *hl_object_getattr(HLObject *o, HLObject *name);
HLObject *hl_object_getattr_str(HLObject *o, const char *name);
int hl_object_setattr(HLObject *o, HLObject *name, HLObject *value);
HLObject *hl_object_generic_getattr(HLObject *o, HLObject *name);
/* _PyObject_LookupAttr: 1 with *result, 0 if missing (no exception made
 * for generic attribute lookup), -1 on another error. */
int hl_object_lookup_attr(HLObject *v, HLObject *name, HLObject **result);
int hl_object_generic_setattr(HLObject *o, HLObject *name, HLObject *value);
HLObject *hl_object_get_iter(HLObject *o);
HLObject *hl_iter_next(HLObject *it); /* NULL without error at the end */
HLObject *hl_seq_iter_new(HLObject *seq); /* iterator over seq[0], seq[1], ... */
hl_ssize_t hl_object_size(HLObject *o);
int hl_object_is_instance(HLObject *o, HLObject *cls); /* isinstance(); -1 on error */
int hl_object_is_subclass(HLObject *derived, HLObject *cls); /* issubclass() */
int hl_type_is_subtype(HLTypeObject *a, HLTypeObject *b);
static inline int hl_object_type_check(HLObject *o, HLTypeObject *t)
{
    return HL_TYPE(o) == t || hl_type_is_subtype(HL_TYPE(o), t);
}
HLObject *hl_type_lookup(HLTypeObject *tp, HLObject *name); /* borrowed */
int hl_type_ready(HLTypeObject *tp);
void hl_object_clear_weakrefs(HLObject *op);
/* PEP 442: runs tp_finalize once; from a deallocator, -1 means the object
 * was resurrected and must not be freed. */
void hl_object_call_finalizer(HLObject *op);
int hl_object_call_finalizer_from_dealloc(HLObject *op);
HLObject *hl_object_self_iter(HLObject *o);
HLObject *hl_type_generic_new(HLTypeObject *type, HLObject *args, HLObject *kwds);
/* Py_ReprEnter/Py_ReprLeave: 1 if o's repr is already being made. */
int hl_repr_enter(HLObject *o);
void hl_repr_leave(HLObject *o);

/* Calls (abstract.c). */
HLObject *hl_vectorcall(HLObject *callable, HLObject *const *args, size_t nargsf,
                        HLObject *kwnames);
HLObject *hl_call(HLObject *callable, HLObject *args, HLObject *kwargs);
/* tp_call of the types called through vectorcall (PyVectorcall_Call). */
HLObject *hl_vectorcall_call(HLObject *callable, HLObject *args, HLObject *kwargs);
HLObject *hl_call_noargs(HLObject *callable);
HLObject *hl_call_one(HLObject *callable, HLObject *arg);
HLObject *hl_call_method_noargs(HLObject *obj, const char *name);

/* Writes text to the program's stdout/stderr (the CLI's file descriptors, or
 * the bridge's capture buffers). */
void hl_write_stdout(const char *s, size_t n);
void hl_write_stderr(const char *s, size_t n);
void hl_printf_stderr(const char *fmt, ...) HL_PRINTF(1, 2);
void hl_set_output_hook(void (*hook)(int fd, const char *s, size_t n));

#endif /* HL_OBJECT_H */
