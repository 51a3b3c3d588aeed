/*
 * codeobject.c — code objects.
 *
 * A code object is what the compiler makes of one block (module, class
 * body, function, lambda, comprehension): its bytecode, constants, names,
 * the layout of its fast locals ("localsplus": plain locals, then cells,
 * then free variables), a source position per instruction, and the
 * exception table.  Functions share their code object.
 *
 * It is not a GC object (CPython 3.11's code objects aren't), but it holds
 * references: co_consts keeps every constant of the block alive — the
 * extra reference a literal shows in sys.getrefcount.  Creation interns the
 * names, and the string constants made only of letters, digits and
 * underscores, exactly where CPython's code constructor does.
 */
#include "codeobject.h"

#include <stddef.h>

#include "../runtime/errors.h"
#include "../runtime/obmalloc.h"
#include "longobject.h"
#include "strobject.h"
#include "tupleobject.h"

static void intern_strings(HLObject *tuple)
{
    for (hl_ssize_t i = HL_SIZE(tuple); --i >= 0;) {
        HLObject *v = HL_TUPLE_GET(tuple, i);
        hl_str_intern_inplace(&v);
        HL_TUPLE_SET(tuple, i, v);
    }
}

static int all_name_chars(HLObject *o)
{
    if (!HL_STR_IS_ASCII(o))
        return 0;
    const unsigned char *s = HL_STR_DATA(o);
    for (hl_ssize_t i = 0; i < HL_STR_LEN(o); i++) {
        unsigned char c = s[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'))
            return 0;
    }
    return 1;
}

/* From the end, as CPython does: it decides which of two equal strings
 * becomes the interned one. */
static void intern_string_constants(HLObject *tuple)
{
    for (hl_ssize_t i = HL_SIZE(tuple); --i >= 0;) {
        HLObject *v = HL_TUPLE_GET(tuple, i);
        if (hl_str_check_exact(v)) {
            if (all_name_chars(v)) {
                hl_str_intern_inplace(&v);
                HL_TUPLE_SET(tuple, i, v);
            }
        } else if (hl_tuple_check_exact(v)) {
            intern_string_constants(v);
        }
    }
}

HLObject *hl_code_new(hl_code_spec *s)
{
    HLCodeObject *co = (HLCodeObject *)hl_object_new(&hl_code_type);
    if (co == NULL)
        return NULL;
    intern_strings(s->names);
    intern_string_constants(s->consts);
    intern_strings(s->localsplusnames);
    co->co_filename = s->filename;
    co->co_name = s->name;
    co->co_qualname = s->qualname;
    co->co_flags = s->flags;
    co->co_argcount = s->argcount;
    co->co_posonlyargcount = s->posonlyargcount;
    co->co_kwonlyargcount = s->kwonlyargcount;
    co->co_stacksize = s->stacksize;
    co->co_firstlineno = s->firstlineno;
    co->co_consts = s->consts;
    co->co_names = s->names;
    co->co_localsplusnames = s->localsplusnames;
    co->co_localspluskinds = s->localspluskinds;
    co->co_code = s->code;
    co->co_positions = s->positions;
    co->co_codelen = s->codelen;
    co->co_exceptiontable = s->exceptiontable;
    co->co_nexc = s->nexc;
    co->co_weakreflist = NULL;
    co->co_nlocalsplus = (int)HL_SIZE(s->localsplusnames);
    co->co_nlocals = co->co_ncellvars = co->co_nfreevars = 0;
    for (int i = 0; i < co->co_nlocalsplus; i++) {
        uint8_t k = co->co_localspluskinds[i];
        if (k & CO_FAST_LOCAL)
            co->co_nlocals++;
        if (k & CO_FAST_CELL)
            co->co_ncellvars++;
        if (k & CO_FAST_FREE)
            co->co_nfreevars++;
    }
    co->co_framesize = co->co_nlocalsplus + co->co_stacksize;
    co->co_warmup = -8; /* QUICKENING_INITIAL_WARMUP_VALUE */
    return (HLObject *)co;
}

int hl_code_line(HLCodeObject *co, int i)
{
    if (i < 0 || i >= co->co_codelen)
        return -1;
    return co->co_positions[i].lineno;
}

HLObject *hl_code_varnames(HLCodeObject *co, int kind)
{
    hl_ssize_t n = 0;
    for (int i = 0; i < co->co_nlocalsplus; i++)
        if (co->co_localspluskinds[i] & kind)
            n++;
    HLObject *t = hl_tuple_new(n);
    if (t == NULL)
        return NULL;
    n = 0;
    for (int i = 0; i < co->co_nlocalsplus; i++)
        if (co->co_localspluskinds[i] & kind)
            HL_TUPLE_SET(t, n++, hl_newref(HL_TUPLE_GET(co->co_localsplusnames, i)));
    return t;
}

static void code_dealloc(HLObject *op)
{
    HLCodeObject *co = (HLCodeObject *)op;
    if (co->co_weakreflist != NULL)
        hl_object_clear_weakrefs(op);
    hl_xdecref(co->co_consts);
    hl_xdecref(co->co_names);
    hl_xdecref(co->co_localsplusnames);
    hl_xdecref(co->co_filename);
    hl_xdecref(co->co_name);
    hl_xdecref(co->co_qualname);
    hl_mem_free(co->co_localspluskinds);
    hl_mem_free(co->co_code);
    hl_mem_free(co->co_positions);
    hl_mem_free(co->co_exceptiontable);
    hl_object_free(op);
}

/* Not a GC type, but the heap audit and the reference graph follow it. */
static int code_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    HLCodeObject *co = (HLCodeObject *)op;
    HL_VISIT(co->co_consts);
    HL_VISIT(co->co_names);
    HL_VISIT(co->co_localsplusnames);
    return 0;
}

static HLObject *code_repr(HLObject *op)
{
    HLCodeObject *co = (HLCodeObject *)op;
    return hl_str_from_format("<code object %U at %p, file \"%U\", line %d>", co->co_name, (void *)co,
                              co->co_filename, co->co_firstlineno);
}

static HLObject *get_varnames(HLObject *op, void *c) { return hl_code_varnames((HLCodeObject *)op, CO_FAST_LOCAL); }
static HLObject *get_cellvars(HLObject *op, void *c) { return hl_code_varnames((HLCodeObject *)op, CO_FAST_CELL); }
static HLObject *get_freevars(HLObject *op, void *c) { return hl_code_varnames((HLCodeObject *)op, CO_FAST_FREE); }
static HLObject *get_nlocals(HLObject *op, void *c) { return hl_long_from_long(((HLCodeObject *)op)->co_nlocals); }

static HLGetSetDef code_getset[] = {
    {"co_varnames", get_varnames, NULL, NULL},
    {"co_cellvars", get_cellvars, NULL, NULL},
    {"co_freevars", get_freevars, NULL, NULL},
    {"co_nlocals", get_nlocals, NULL, NULL},
    {NULL}};

static HLMemberDef code_members[] = {
    {"co_consts", HL_T_OBJECT, offsetof(HLCodeObject, co_consts), HL_READONLY},
    {"co_names", HL_T_OBJECT, offsetof(HLCodeObject, co_names), HL_READONLY},
    {"co_filename", HL_T_OBJECT, offsetof(HLCodeObject, co_filename), HL_READONLY},
    {"co_name", HL_T_OBJECT, offsetof(HLCodeObject, co_name), HL_READONLY},
    {"co_qualname", HL_T_OBJECT, offsetof(HLCodeObject, co_qualname), HL_READONLY},
    {"co_flags", HL_T_INT, offsetof(HLCodeObject, co_flags), HL_READONLY},
    {"co_argcount", HL_T_INT, offsetof(HLCodeObject, co_argcount), HL_READONLY},
    {"co_posonlyargcount", HL_T_INT, offsetof(HLCodeObject, co_posonlyargcount), HL_READONLY},
    {"co_kwonlyargcount", HL_T_INT, offsetof(HLCodeObject, co_kwonlyargcount), HL_READONLY},
    {"co_stacksize", HL_T_INT, offsetof(HLCodeObject, co_stacksize), HL_READONLY},
    {"co_firstlineno", HL_T_INT, offsetof(HLCodeObject, co_firstlineno), HL_READONLY},
    {NULL}};

HLTypeObject hl_code_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "code",
    .tp_basicsize = sizeof(HLCodeObject),
    .tp_dealloc = code_dealloc,
    .tp_repr = code_repr,
    .tp_hash = hl_hash_pointer_slot,
    .tp_getattro = hl_object_generic_getattr,
    .tp_traverse = code_traverse,
    .tp_weaklistoffset = offsetof(HLCodeObject, co_weakreflist),
    .tp_members = code_members,
    .tp_getset = code_getset,
};
