/*
 * descrobject.h — descriptors for the methods, members and computed
 * attributes of built-in types, and built-in function objects
 * (descrobject.c, methodobject.c).
 */
#ifndef HL_DESCROBJECT_H
#define HL_DESCROBJECT_H

#include "../runtime/object.h"

#define HL_DESCR_COMMON                                                        \
    HLObject ob_base;                                                          \
    HLTypeObject *d_type;                                                      \
    HLObject *d_name;                                                          \
    HLObject *d_qualname

typedef struct {
    HL_DESCR_COMMON;
} HLDescrObject;

typedef struct {
    HL_DESCR_COMMON;
    HLMethodDef *d_method;
    hl_vectorcallfunc vectorcall;
} HLMethodDescrObject;

typedef struct {
    HL_DESCR_COMMON;
    HLMemberDef *d_member;
} HLMemberDescrObject;

typedef struct {
    HL_DESCR_COMMON;
    HLGetSetDef *d_getset;
} HLGetSetDescrObject;

/* A built-in function, or a built-in method bound to m_self. */
typedef struct {
    HLObject ob_base;
    HLMethodDef *m_ml;
    HLObject *m_self;   /* the bound object, or the module */
    HLObject *m_module; /* __module__ */
    HLObject *m_weakreflist;
    hl_vectorcallfunc vectorcall;
} HLCFunctionObject;

extern HLTypeObject hl_method_descr_type, hl_classmethod_descr_type, hl_member_descr_type,
    hl_getset_descr_type, hl_cfunction_type;

/* Fills tp_dict with descriptors for tp_methods, tp_members, tp_getset. */
int hl_type_add_descriptors(HLTypeObject *type);
HLObject *hl_cfunction_new(HLMethodDef *ml, HLObject *self, HLObject *module);
/* Whether calling type(descr).__get__ would bind like a function (the VM's
 * LOAD_METHOD shortcut: no bound-method object is made). */
int hl_descr_is_method(HLObject *descr);
/* Calls a HLMethodDef with CPython's argument checks for its flags,
 * counting a level of recursion as CPython's generic call path does. */
HLObject *hl_cfunction_call_def(HLMethodDef *ml, HLObject *self, HLObject *const *args,
                                hl_ssize_t nargs, HLObject *kwnames);
/* The same without the recursion count: CPython 3.11's specialised calls
 * (the interpreter's CALL, once the code is quickened; see ceval.c). */
HLObject *hl_cfunction_call_uncounted(HLMethodDef *ml, HLObject *self, HLObject *const *args,
                                      hl_ssize_t nargs, HLObject *kwnames);

#endif /* HL_DESCROBJECT_H */
