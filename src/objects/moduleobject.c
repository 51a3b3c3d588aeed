/*
 * moduleobject.c — module objects.
 *
 * A module is a GC object holding its name and its dict of globals; the
 * dict is what functions defined in the module keep alive (__globals__),
 * so a module and its functions form a cycle, as in CPython.  Attribute
 * access reads the dict; a miss says "module 'x' has no attribute 'y'".
 */
#include "moduleobject.h"

#include <stddef.h>

#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "descrobject.h"
#include "dictobject.h"
#include "strobject.h"

HLObject *hl_module_new(const char *name)
{
    HLModuleObject *m = (HLModuleObject *)hl_gc_new(&hl_module_type);
    if (m == NULL)
        return NULL;
    m->md_weaklist = NULL;
    m->md_name = hl_str_from_cstr(name);
    m->md_dict = hl_dict_new();
    hl_gc_track(m);
    if (m->md_name == NULL || m->md_dict == NULL ||
        hl_dict_set_item_str(m->md_dict, "__name__", m->md_name) < 0 ||
        hl_dict_set_item_str(m->md_dict, "__doc__", HL_None) < 0 ||
        hl_dict_set_item_str(m->md_dict, "__package__", HL_None) < 0 ||
        hl_dict_set_item_str(m->md_dict, "__loader__", HL_None) < 0 ||
        hl_dict_set_item_str(m->md_dict, "__spec__", HL_None) < 0) {
        hl_decref(m);
        return NULL;
    }
    return (HLObject *)m;
}

HLObject *hl_module_get_dict(HLObject *m) { return ((HLModuleObject *)m)->md_dict; }

int hl_module_add_functions(HLObject *m, HLMethodDef *functions)
{
    for (HLMethodDef *f = functions; f->ml_name; f++) {
        HLObject *fn = hl_cfunction_new(f, m, ((HLModuleObject *)m)->md_name);
        if (fn == NULL || hl_dict_set_item_str_steal(((HLModuleObject *)m)->md_dict, f->ml_name, fn) < 0)
            return -1;
    }
    return 0;
}

int hl_module_add_object(HLObject *m, const char *name, HLObject *value)
{
    return hl_dict_set_item_str_steal(((HLModuleObject *)m)->md_dict, name, value);
}

static void module_dealloc(HLObject *op)
{
    HLModuleObject *m = (HLModuleObject *)op;
    hl_gc_untrack(op);
    if (m->md_weaklist != NULL)
        hl_object_clear_weakrefs(op);
    hl_xdecref(m->md_dict);
    hl_xdecref(m->md_name);
    hl_gc_del(op);
}

static int module_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    HL_VISIT(((HLModuleObject *)op)->md_dict);
    return 0;
}

static int module_clear(HLObject *op)
{
    HL_CLEAR(((HLModuleObject *)op)->md_dict);
    return 0;
}

static HLObject *module_repr(HLObject *op)
{
    HLModuleObject *m = (HLModuleObject *)op;
    HLObject *file = m->md_dict ? hl_dict_get_item_str(m->md_dict, "__file__") : NULL;
    if (file != NULL && hl_str_check(file))
        return hl_str_from_format("<module %R from %R>", m->md_name, file);
    hl_err_clear();
    return hl_str_from_format("<module %R (built-in)>", m->md_name);
}

static HLObject *module_getattro(HLObject *op, HLObject *name)
{
    HLObject *res = hl_object_generic_getattr(op, name);
    if (res != NULL || !hl_err_exception_matches(hl_exc_AttributeError))
        return res;
    hl_err_clear();
    hl_err_format(hl_exc_AttributeError, "module '%U' has no attribute '%U'",
                  ((HLModuleObject *)op)->md_name, name);
    return NULL;
}

HLTypeObject hl_module_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "module",
    .tp_basicsize = sizeof(HLModuleObject),
    .tp_dealloc = module_dealloc,
    .tp_repr = module_repr,
    .tp_getattro = module_getattro,
    .tp_setattro = hl_object_generic_setattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC | HL_TPFLAGS_BASETYPE,
    .tp_traverse = module_traverse,
    .tp_clear = module_clear,
    .tp_weaklistoffset = offsetof(HLModuleObject, md_weaklist),
    .tp_dictoffset = offsetof(HLModuleObject, md_dict),
};
