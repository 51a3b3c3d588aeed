/*
 * funcobject.h — Python functions, cells, bound methods, classmethod and
 * staticmethod (funcobject.c, cellobject.c, classobject.c).
 */
#ifndef HL_FUNCOBJECT_H
#define HL_FUNCOBJECT_H

#include "../runtime/object.h"

typedef struct HLFunctionObject {
    HLObject ob_base;
    HLObject *func_globals;
    HLObject *func_builtins;
    HLObject *func_name;
    HLObject *func_qualname;
    HLObject *func_code;
    HLObject *func_defaults;   /* tuple or NULL */
    HLObject *func_kwdefaults; /* dict or NULL */
    HLObject *func_closure;    /* tuple of cells or NULL */
    HLObject *func_doc;
    HLObject *func_dict;
    HLObject *func_weakreflist;
    HLObject *func_module;
    HLObject *func_annotations;
    hl_vectorcallfunc vectorcall;
    uint32_t func_version;
} HLFunctionObject;

typedef struct HLCellObject {
    HLObject ob_base;
    HLObject *ob_ref; /* NULL when empty */
} HLCellObject;

typedef struct HLMethodObject {
    HLObject ob_base;
    HLObject *im_func;
    HLObject *im_self;
    HLObject *im_weakreflist;
    hl_vectorcallfunc vectorcall;
} HLMethodObject;

extern HLTypeObject hl_function_type, hl_cell_type, hl_method_type, hl_classmethod_type,
    hl_staticmethod_type, hl_property_type;

#define hl_function_check(o) HL_IS_TYPE(o, &hl_function_type)
#define hl_cell_check(o) HL_IS_TYPE(o, &hl_cell_type)
#define hl_method_check(o) HL_IS_TYPE(o, &hl_method_type)

HLObject *hl_function_new(HLObject *code, HLObject *globals, HLObject *qualname);
HLObject *hl_cell_new(HLObject *value); /* value may be NULL */
HLObject *hl_method_new(HLObject *func, HLObject *self);
/* The builtins dict a function with these globals sees. */
HLObject *hl_builtins_from_globals(HLObject *globals); /* borrowed */

#endif /* HL_FUNCOBJECT_H */
