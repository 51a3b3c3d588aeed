/*
 * moduleobject.h — module objects: a name and a dict of globals.
 */
#ifndef HL_MODULEOBJECT_H
#define HL_MODULEOBJECT_H

#include "../runtime/object.h"

typedef struct HLModuleObject {
    HLObject ob_base;
    HLObject *md_dict;
    HLObject *md_name;
    HLObject *md_weaklist;
} HLModuleObject;

extern HLTypeObject hl_module_type;
#define hl_module_check(o) hl_object_type_check((HLObject *)(o), &hl_module_type)

HLObject *hl_module_new(const char *name);
HLObject *hl_module_get_dict(HLObject *m); /* borrowed */
/* Adds the functions of a table as builtin functions bound to the module. */
int hl_module_add_functions(HLObject *m, HLMethodDef *functions);
int hl_module_add_object(HLObject *m, const char *name, HLObject *value); /* steals value */

#endif /* HL_MODULEOBJECT_H */
