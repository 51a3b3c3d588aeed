/*
 * typeobject.h — classes: creating them (type_new, typenew.c), their
 * attributes (typeobject.c), readying and the MRO (typeready.c), the
 * slots that call dunder
 * methods and the wrappers that expose C slots as methods (typeslots.c),
 * super (superobject.c), property (propertyobject.c), and the descriptor
 * and proxy types they use (descrobject.c).
 *
 * What the interpreter needs:
 *
 *   class statement   __build_class__ computes the metaclass with
 *                     hl_type_calculate_metaclass(meta, bases), asks it for
 *                     a namespace (meta.__prepare__), runs the body in it,
 *                     then calls the metaclass: hl_vectorcall(meta,
 *                     {name, bases, ns}, 3, kwnames) — for `type` that is
 *                     type_call -> type_new (this file's hl_type_new).
 *   super()           the VM sets hl_super_zero_arg_hook to a function that
 *                     finds __class__ and the first argument of the running
 *                     frame.
 *   __module__        type_new takes the module name from the namespace or,
 *                     failing that, from the running frame's globals
 *                     (hl_eval_get_globals), as CPython's type_new_set_module.
 */
#ifndef HL_TYPEOBJECT_H
#define HL_TYPEOBJECT_H

#include "../runtime/object.h"

extern HLTypeObject hl_super_type, hl_property_type, hl_mappingproxy_type,
    hl_wrapper_descr_type, hl_method_wrapper_type;

/* Zero-argument super(): on success sets *type (the __class__ cell's
 * class) and *obj (the frame's first argument), both borrowed, and returns
 * 0.  On failure returns -1, with an exception set (e.g. "super(): __class__
 * cell not found") or without one, which raises RuntimeError("super(): no
 * arguments").  NULL (no VM): RuntimeError("super(): no arguments"). */
extern int (*hl_super_zero_arg_hook)(HLTypeObject **type, HLObject **obj);

/* _PyType_CalculateMetaclass: the most derived metaclass among metatype
 * and the types of bases (borrowed), or NULL with TypeError "metaclass
 * conflict: ...". */
HLTypeObject *hl_type_calculate_metaclass(HLTypeObject *metatype, HLObject *bases);

/* type.__new__(metatype, name, bases, ns, **kwds) — args is the 3-tuple. */
HLObject *hl_type_new(HLTypeObject *metatype, HLObject *args, HLObject *kwds);

/* The read-only mappingproxy over a mapping (C.__dict__). */
HLObject *hl_mappingproxy_new(HLObject *mapping);

/* A method descriptor for ml bound to instances of type (PyDescr_NewMethod). */
HLObject *hl_descr_new_method(HLTypeObject *type, HLMethodDef *ml);
/* A classmethod_descriptor (PyDescr_NewClassMethod). */
HLObject *hl_descr_new_classmethod(HLTypeObject *type, HLMethodDef *ml);
/* A member descriptor (PyDescr_NewMember). */
HLObject *hl_descr_new_member(HLTypeObject *type, HLMemberDef *m);

/* type.__name__, __qualname__ and __module__ as CPython's getters compute
 * them (new references; __module__ NULL + AttributeError if missing). */
HLObject *hl_type_name(HLTypeObject *type);
HLObject *hl_type_qualname(HLTypeObject *type);
HLObject *hl_type_module(HLTypeObject *type);
/* type.__subclasses__(): a list of the live direct subclasses. */
HLObject *hl_type_get_subclasses(HLTypeObject *type);
/* isinstance/issubclass without __instancecheck__/__subclasscheck__
 * (_PyObject_RealIsInstance / _PyObject_RealIsSubclass: type.__instancecheck__
 * and type.__subclasscheck__); isinstance() itself is bltinmodule.c's
 * hl_object_is_instance. */
int hl_object_real_is_instance(HLObject *inst, HLObject *cls);
int hl_object_real_is_subclass(HLObject *derived, HLObject *cls);

/* ---- shared between the class files (not for other callers) ------------ */

/* A slot wrapper's description: CPython's slotdef / wrapperbase.  `offset`
 * locates the C slot inside HLHeapTypeObject (typeslots.c's slotptr maps it
 * onto tp_as_number & co. for static types); `function` is the dispatcher a
 * class gets when it defines the dunder in Python; `wrapper` calls the C
 * slot `wrapped` with a tuple of arguments. */
typedef HLObject *(*hl_wrapperfunc)(HLObject *self, HLObject *args, void *wrapped);
typedef HLObject *(*hl_wrapperfunc_kwds)(HLObject *self, HLObject *args, void *wrapped,
                                         HLObject *kwds);
#define HL_WRAPPER_KEYWORDS 1
typedef struct hl_slotdef {
    const char *name;
    int offset;
    void *function;
    hl_wrapperfunc wrapper;
    const char *doc;
    int flags;
    HLObject *name_strobj; /* interned name, made on first use */
} hl_slotdef;

/* A slot wrapper (wrapper_descriptor): `int.__add__`, `object.__init__`. */
typedef struct {
    HLObject ob_base;
    HLTypeObject *d_type;
    HLObject *d_name;
    HLObject *d_qualname;
    hl_slotdef *d_base;
    void *d_wrapped; /* the C slot function */
} HLWrapperDescrObject;
HLObject *hl_descr_new_wrapper(HLTypeObject *type, hl_slotdef *base, void *wrapped);

/* Heap types: CPython 3.11's sizes on wasm32, so that a class allocates
 * the block it allocates there (sizeof(PyHeapTypeObject), PyMemberDef). */
#define HL_HEAPTYPE_BASICSIZE 452
#define HL_STATICTYPE_SIZE 204 /* sizeof(PyTypeObject): type.__sizeof__ of static types */
#define HL_MEMBERDEF_SIZE 20
/* The __slots__ members live right after the heap type object. */
#define HL_HEAPTYPE_MEMBERS(type)                                              \
    ((HLMemberDef *)((char *)(type) + HL_TYPE(type)->tp_basicsize))

/* typeslots.c */
int hl_type_add_operators(HLTypeObject *type);           /* wrappers for C slots */
void hl_type_fixup_slot_dispatchers(HLTypeObject *type); /* after type_new readies */
int hl_type_update_slot(HLTypeObject *type, HLObject *name); /* C.__dunder__ = ... */
HLObject *hl_slot_lookup_maybe_method(HLObject *self, HLObject *name, int *unbound);
HLObject *hl_slot_call_unbound(int unbound, HLObject *func, HLObject *const *args,
                               hl_ssize_t nargs);
extern HLMethodDef hl_tp_new_methoddef[]; /* __new__ of types with tp_new */
void hl_slot_tp_finalize(HLObject *self);
HLObject *hl_slot_tp_new(HLTypeObject *type, HLObject *args, HLObject *kwds);
int hl_slot_tp_setattro(HLObject *self, HLObject *name, HLObject *value);

/* typenew.c */
void hl_subtype_dealloc(HLObject *self);
int hl_subtype_traverse(HLObject *self, hl_visitproc visit, void *arg);
int hl_subtype_clear(HLObject *self);
HLTypeObject *hl_best_base(HLObject *bases);
int hl_compatible_for_assignment(HLTypeObject *oldto, HLTypeObject *newto, const char *attr);
/* _PyObject_GetDictPtr without materialising: the address of the dict
 * pointer of obj (managed, positive or negative tp_dictoffset), or NULL. */
HLObject **hl_object_dict_ptr(HLObject *obj);

/* typeobject.c */
int hl_type_mro_internal(HLTypeObject *type);
int hl_type_add_subclass(HLTypeObject *base, HLTypeObject *type);
void hl_type_remove_subclass(HLTypeObject *base, HLTypeObject *type);
HLObject *hl_type_mro_implementation(HLTypeObject *type); /* tuple or list */
void hl_typeobject_init(void); /* registers the audit's view of heap types */
int hl_is_dunder_name(HLObject *name);

/* superobject.c: super(type, obj) from C. */
HLObject *hl_super_new(HLTypeObject *type, HLObject *obj);

#endif /* HL_TYPEOBJECT_H */
