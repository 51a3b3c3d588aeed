/*
 * ctypesmodule.c — a small ctypes: the integer types c_byte ... c_ulonglong
 * (with CPython's wasm32 aliases: c_int is c_long, c_size_t is c_ulong),
 * from_address(), sizeof() and addressof().  It exists for one lesson:
 * `ctypes.c_long.from_address(id(x)).value` reads x's reference count,
 * because id(x) is the address of x and its first word is ob_refcnt.
 *
 * Layout.  An instance is CPython's CDataObject followed by the __weakref__
 * slot its Python-level class (class c_long(_SimpleCData)) adds, 60 bytes
 * on 32-bit, and like an instance of that class it is a GC object with a
 * managed-dict pre-header (so sys.getsizeof(c_long(1)) == 76):
 *
 *   [refcnt][type][b_ptr][b_needsfree][b_base][b_size][b_length][b_index]
 *   [b_objects][b_weakreflist][b_value: 16 bytes][weakreflist]
 *
 * c_long(5) keeps its 4 bytes in b_value and points b_ptr there
 * (b_needsfree = 1); c_long.from_address(a) points b_ptr at a
 * (b_needsfree = 0).  .value reads or writes b_size bytes at b_ptr: ints
 * are stored modulo 2**bits (PyLong_AsUnsignedLongMask) and read back as
 * signed or unsigned.
 *
 * Safety.  In CPython a bad address crashes the process; here
 * from_address() first asks the region allocator whether the bytes are
 * inside the heap or a registered static range (hl_mem_readable) and
 * raises ValueError otherwise, and every access checks again (a freed
 * block stays readable: its first word is the pool's free-list link).
 *
 * The types are static here (CPython makes them with a metaclass), so
 * each instance holds a reference to its type as instances of a Python
 * class do, and gc.get_referents(c_long(1)) is [c_long] as in CPython.
 * Calling a type goes through tp_new and tp_init with an argument tuple,
 * as type_call does for these classes (they have no vectorcall).
 */
#include "modules.h"

#include <stddef.h>
#include <string.h>

#include "../objects/abstract.h"
#include "../objects/dictobject.h"
#include "../objects/enumobject.h"
#include "../objects/longobject.h"
#include "../objects/moduleobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "../runtime/sysmem.h"

typedef struct {
    HLObject ob_base;
    char *b_ptr;           /* the value's memory */
    int b_needsfree;       /* 1: b_ptr is our own buffer */
    HLObject *b_base;      /* unused by simple types */
    hl_ssize_t b_size;     /* bytes of the value */
    hl_ssize_t b_length;
    hl_ssize_t b_index;
    HLObject *b_objects;   /* objects to keep alive (none for ints) */
    HLObject *b_weakreflist; /* CDataObject's own slot, unused */
    union {
        char c[16];
        int32_t i; /* 4-byte aligned, as i386 aligns 8-byte members: wasm32
                      would align an int64_t or double member to 8 */
    } b_value;
    HLObject *weakreflist; /* the class's __weakref__ slot */
} CDataObject;

_Static_assert(sizeof(CDataObject) == 60, "CDataObject must be 60 bytes (32-bit CPython 3.11)");

/* The C type behind each Python type. */
typedef struct {
    HLTypeObject *type;
    int size;
    int is_signed;
} simple_spec;

extern HLTypeObject hl_simplecdata_type;
static HLTypeObject c_byte_type, c_ubyte_type, c_short_type, c_ushort_type, c_long_type,
    c_ulong_type, c_longlong_type, c_ulonglong_type;

static const simple_spec specs[] = {
    {&c_byte_type, 1, 1},  {&c_ubyte_type, 1, 0},     {&c_short_type, 2, 1},
    {&c_ushort_type, 2, 0}, {&c_long_type, 4, 1},     {&c_ulong_type, 4, 0},
    {&c_longlong_type, 8, 1}, {&c_ulonglong_type, 8, 0},
};

static const simple_spec *spec_of(HLTypeObject *tp)
{
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
        if (specs[i].type == tp)
            return &specs[i];
    return NULL;
}

static int cdata_check(HLObject *o) { return spec_of(HL_TYPE(o)) != NULL; }

static int check_readable(CDataObject *self)
{
    if (hl_mem_readable((uintptr_t)self->b_ptr, (size_t)self->b_size))
        return 0;
    hl_err_format(hl_exc_ValueError,
                  "address 0x%x is outside heaplab's memory: ctypes can only access the heap",
                  (unsigned)(uintptr_t)self->b_ptr);
    return -1;
}

/* ---- allocation -------------------------------------------------------------------- */

/* An instance holds a reference to its type, as an instance of a class. */
static HLObject *cdata_alloc(HLTypeObject *type, hl_ssize_t nitems)
{
    HLObject *op = hl_type_generic_alloc(type, nitems);
    if (op != NULL)
        hl_incref(type);
    return op;
}

/* PyCData_AtAddress / GenericPyCData_new: buf NULL means our own buffer. */
static HLObject *cdata_make(HLTypeObject *type, char *buf)
{
    const simple_spec *spec = spec_of(type);
    if (spec == NULL) {
        hl_err_set_string(hl_exc_TypeError, "abstract class");
        return NULL;
    }
    if (!(type->tp_flags & HL_TPFLAGS_READY) && hl_type_ready(type) < 0)
        return NULL;
    CDataObject *obj = (CDataObject *)type->tp_alloc(type, 0);
    if (obj == NULL)
        return NULL;
    obj->b_base = NULL;
    obj->b_index = 0;
    obj->b_objects = NULL;
    obj->b_length = 0;
    obj->b_size = spec->size;
    if (buf == NULL) {
        obj->b_ptr = obj->b_value.c;
        obj->b_needsfree = 1;
    } else {
        obj->b_ptr = buf;
        obj->b_needsfree = 0;
    }
    return (HLObject *)obj;
}

static void cdata_dealloc(HLObject *op)
{
    CDataObject *self = (CDataObject *)op;
    HLTypeObject *type = HL_TYPE(op);
    hl_gc_untrack(op);
    if (self->weakreflist != NULL)
        hl_object_clear_weakrefs(op);
    hl_object_instance_free(op);
    HL_CLEAR(self->b_objects);
    HL_CLEAR(self->b_base);
    type->tp_free(op);
    hl_decref(type);
}

static int cdata_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    CDataObject *self = (CDataObject *)op;
    HL_VISIT(self->b_objects);
    HL_VISIT(self->b_base);
    int r = hl_object_instance_traverse(op, visit, arg);
    if (r)
        return r;
    HL_VISIT(HL_TYPE(op));
    return 0;
}

static int cdata_clear(HLObject *op)
{
    CDataObject *self = (CDataObject *)op;
    HL_CLEAR(self->b_objects);
    HL_CLEAR(self->b_base);
    hl_object_instance_clear(op);
    return 0;
}

static hl_hash_t cdata_nohash(HLObject *op)
{
    hl_err_set_string(hl_exc_TypeError, "unhashable type");
    return -1;
}

/* ---- the value ------------------------------------------------------------------- */

static HLObject *simple_get_value(HLObject *op, void *closure)
{
    CDataObject *self = (CDataObject *)op;
    const simple_spec *spec = spec_of(HL_TYPE(op));
    if (check_readable(self) < 0)
        return NULL;
    uint64_t u = 0;
    memcpy(&u, self->b_ptr, (size_t)spec->size); /* little-endian, as wasm32 */
    if (spec->is_signed) {
        int shift = 64 - 8 * spec->size;
        int64_t s = (int64_t)(u << shift) >> shift;
        return hl_long_from_long_long((long long)s);
    }
    return hl_long_from_unsigned_long_long((unsigned long long)u);
}

/* v's low 64 bits, two's complement (PyLong_AsUnsignedLongLongMask). */
static int as_mask64(HLObject *v, uint64_t *out)
{
    HLObject *i = hl_number_index(v);
    if (i == NULL)
        return -1;
    HLObject *mask = hl_long_from_unsigned_long_long(~0ULL);
    HLObject *low = mask ? hl_number_and(i, mask) : NULL; /* non-negative */
    hl_xdecref(mask);
    hl_decref(i);
    if (low == NULL)
        return -1;
    uint64_t x = 0;
    hl_ssize_t n = HL_SIZE(low);
    for (hl_ssize_t k = n - 1; k >= 0; k--)
        x = (x << HL_LONG_SHIFT) | ((HLLongObject *)low)->ob_digit[k];
    hl_decref(low);
    *out = x;
    return 0;
}

static int simple_set_value(HLObject *op, HLObject *value, void *closure)
{
    CDataObject *self = (CDataObject *)op;
    if (value == NULL) {
        hl_err_set_string(hl_exc_TypeError, "can't delete attribute");
        return -1;
    }
    uint64_t x;
    if (as_mask64(value, &x) < 0 || check_readable(self) < 0)
        return -1;
    memcpy(self->b_ptr, &x, (size_t)self->b_size);
    return 0;
}

static HLObject *simple_repr(HLObject *op)
{
    HLObject *val = simple_get_value(op, NULL);
    if (val == NULL)
        return NULL;
    /* The class's name without its module, as Py_TYPE(self)->tp_name of
     * the Python-level class reads. */
    const char *dot = strrchr(HL_TYPE(op)->tp_name, '.');
    HLObject *result = hl_str_from_format("%s(%R)", dot ? dot + 1 : HL_TYPE(op)->tp_name, val);
    hl_decref(val);
    return result;
}

static int simple_bool(HLObject *op)
{
    CDataObject *self = (CDataObject *)op;
    if (check_readable(self) < 0)
        return -1;
    for (hl_ssize_t i = 0; i < self->b_size; i++)
        if (self->b_ptr[i])
            return 1;
    return 0;
}

static HLObject *cdata_new(HLTypeObject *type, HLObject *args, HLObject *kwds)
{
    return cdata_make(type, NULL);
}

static int simple_init(HLObject *self, HLObject *args, HLObject *kwds)
{
    if (hl_arg_check_positional("__init__", HL_SIZE(args), 0, 1) < 0)
        return -1;
    if (HL_SIZE(args) == 1)
        return simple_set_value(self, HL_TUPLE_GET(args, 0), NULL);
    return 0;
}

static HLObject *simple_vectorcall(HLObject *type, HLObject *const *args, size_t nargsf,
                                   HLObject *kwnames)
{
    return hl_type_call_via_new((HLTypeObject *)type, args, nargsf, kwnames);
}

/* T.from_address(address) (a classmethod; self is the type). */
static HLObject *cdata_from_address(HLObject *self, HLObject *const *args, hl_ssize_t nargs,
                                    HLObject *kwnames)
{
    HLObject *value = args[0];
    if (!hl_long_check(value)) {
        hl_err_set_string(hl_exc_TypeError, "integer expected");
        return NULL;
    }
    /* PyLong_AsVoidPtr on 32 bits. */
    uintptr_t addr;
    if (hl_long_sign(value) < 0) {
        long x = hl_long_as_long(value);
        if (x == -1 && hl_err_occurred())
            return NULL;
        addr = (uintptr_t)x;
    } else {
        size_t x = hl_long_as_size(value);
        if (x == (size_t)-1 && hl_err_occurred()) {
            hl_err_clear();
            hl_err_set_string(hl_exc_OverflowError, "Python int too large to convert to C unsigned long");
            return NULL;
        }
        addr = (uintptr_t)x;
    }
    const simple_spec *spec = spec_of((HLTypeObject *)self);
    if (spec == NULL) {
        hl_err_set_string(hl_exc_TypeError, "abstract class");
        return NULL;
    }
    if (!hl_mem_readable(addr, (size_t)spec->size)) {
        hl_err_format(hl_exc_ValueError,
                      "address 0x%x is outside heaplab's memory: ctypes can only read the heap",
                      (unsigned)addr);
        return NULL;
    }
    return cdata_make((HLTypeObject *)self, (char *)addr);
}

static HLMethodDef simple_methods[] = {
    {"from_address", cdata_from_address, HL_METH_O | HL_METH_CLASS, NULL}, {NULL}};

static HLGetSetDef simple_getset[] = {{"value", simple_get_value, simple_set_value, NULL}, {NULL}};

static HLMemberDef cdata_members[] = {
    {"_b_base_", HL_T_OBJECT, offsetof(CDataObject, b_base), HL_READONLY},
    {"_b_needsfree_", HL_T_INT, offsetof(CDataObject, b_needsfree), HL_READONLY},
    {"_objects", HL_T_OBJECT, offsetof(CDataObject, b_objects), HL_READONLY},
    {NULL}};

static HLNumberMethods simple_as_number = {.nb_bool = simple_bool};

HLTypeObject hl_simplecdata_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "_ctypes._SimpleCData",
    .tp_basicsize = offsetof(CDataObject, weakreflist),
    .tp_dealloc = cdata_dealloc,
    .tp_repr = simple_repr,
    .tp_as_number = &simple_as_number,
    .tp_hash = cdata_nohash,
    .tp_getattro = hl_object_generic_getattr,
    .tp_setattro = hl_object_generic_setattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = cdata_traverse,
    .tp_clear = cdata_clear,
    .tp_methods = simple_methods,
    .tp_members = cdata_members,
    .tp_getset = simple_getset,
    .tp_init = simple_init,
    .tp_alloc = cdata_alloc,
    .tp_new = cdata_new,
    .tp_free = hl_gc_del,
};

#define SIMPLE_TYPE(cname, pyname)                                             \
    static HLTypeObject cname = {                                              \
        .ob_base = {{1, &hl_type_type}, 0},                                    \
        .tp_name = "ctypes." pyname,                                           \
        .tp_basicsize = sizeof(CDataObject),                                   \
        .tp_dealloc = cdata_dealloc,                                           \
        .tp_repr = simple_repr,                                                \
        .tp_hash = cdata_nohash,                                               \
        .tp_getattro = hl_object_generic_getattr,                              \
        .tp_setattro = hl_object_generic_setattr,                              \
        .tp_flags = HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_MANAGED_DICT,              \
        .tp_traverse = cdata_traverse,                                         \
        .tp_clear = cdata_clear,                                               \
        .tp_weaklistoffset = offsetof(CDataObject, weakreflist),               \
        .tp_base = &hl_simplecdata_type,                                       \
        .tp_init = simple_init,                                                \
        .tp_alloc = cdata_alloc,                                               \
        .tp_new = cdata_new,                                                   \
        .tp_free = hl_gc_del,                                                  \
        .tp_vectorcall = simple_vectorcall,                                    \
    }

SIMPLE_TYPE(c_byte_type, "c_byte");
SIMPLE_TYPE(c_ubyte_type, "c_ubyte");
SIMPLE_TYPE(c_short_type, "c_short");
SIMPLE_TYPE(c_ushort_type, "c_ushort");
SIMPLE_TYPE(c_long_type, "c_long");
SIMPLE_TYPE(c_ulong_type, "c_ulong");
SIMPLE_TYPE(c_longlong_type, "c_longlong");
SIMPLE_TYPE(c_ulonglong_type, "c_ulonglong");

/* ---- module functions ---------------------------------------------------------------- */

static HLObject *ctypes_sizeof(HLObject *self, HLObject *const *args, hl_ssize_t nargs,
                               HLObject *kwnames)
{
    HLObject *obj = args[0];
    const simple_spec *spec = hl_type_check(obj) ? spec_of((HLTypeObject *)obj) : NULL;
    if (spec != NULL)
        return hl_long_from_long(spec->size);
    if (cdata_check(obj))
        return hl_long_from_ssize(((CDataObject *)obj)->b_size);
    hl_err_set_string(hl_exc_TypeError, "this type has no size");
    return NULL;
}

static HLObject *ctypes_addressof(HLObject *self, HLObject *const *args, hl_ssize_t nargs,
                                  HLObject *kwnames)
{
    if (!cdata_check(args[0])) {
        hl_err_set_string(hl_exc_TypeError, "invalid type");
        return NULL;
    }
    return hl_long_from_size((size_t)(uintptr_t)((CDataObject *)args[0])->b_ptr);
}

static HLMethodDef ctypes_functions[] = {
    {"sizeof", ctypes_sizeof, HL_METH_O, NULL},
    {"addressof", ctypes_addressof, HL_METH_O, NULL},
    {NULL}};

/* Names and the types they denote on wasm32 (int and long are both 32
 * bits there, so c_int is c_long). */
static const struct {
    const char *name;
    HLTypeObject *type;
} exported[] = {
    {"_SimpleCData", &hl_simplecdata_type},
    {"c_byte", &c_byte_type},         {"c_ubyte", &c_ubyte_type},
    {"c_short", &c_short_type},       {"c_ushort", &c_ushort_type},
    {"c_long", &c_long_type},         {"c_ulong", &c_ulong_type},
    {"c_longlong", &c_longlong_type}, {"c_ulonglong", &c_ulonglong_type},
    {"c_int", &c_long_type},          {"c_uint", &c_ulong_type},
    {"c_ssize_t", &c_long_type},      {"c_size_t", &c_ulong_type},
    {"c_int8", &c_byte_type},         {"c_uint8", &c_ubyte_type},
    {"c_int16", &c_short_type},       {"c_uint16", &c_ushort_type},
    {"c_int32", &c_long_type},        {"c_uint32", &c_ulong_type},
    {"c_int64", &c_longlong_type},    {"c_uint64", &c_ulonglong_type},
};

HLObject *hl_module_init_ctypes(void)
{
    for (size_t i = 0; i < sizeof exported / sizeof exported[0]; i++)
        if (hl_type_ready(exported[i].type) < 0)
            return NULL;
    HLObject *m = hl_module_new("ctypes");
    if (m == NULL)
        return NULL;
    if (hl_module_add_functions(m, ctypes_functions) < 0)
        goto error;
    for (size_t i = 0; i < sizeof exported / sizeof exported[0]; i++)
        if (hl_module_add_object(m, exported[i].name, hl_newref(exported[i].type)) < 0)
            goto error;
    return m;
error:
    hl_decref(m);
    return NULL;
}
