/*
 * codeobject.h — code objects: compiled bytecode plus the tables the VM
 * and tracebacks need (codeobject.c).  As in CPython 3.11, code objects are
 * not GC objects; they own their constants, names and variable names.
 */
#ifndef HL_CODEOBJECT_H
#define HL_CODEOBJECT_H

#include "../runtime/object.h"

/* co_flags (CPython's values) */
#define CO_OPTIMIZED 0x0001
#define CO_NEWLOCALS 0x0002
#define CO_VARARGS 0x0004
#define CO_VARKEYWORDS 0x0008
#define CO_NESTED 0x0010
#define CO_GENERATOR 0x0020
#define CO_NOFREE 0x0040

/* Kinds of the localsplus slots (co_localspluskinds). */
#define CO_FAST_LOCAL 0x20
#define CO_FAST_CELL 0x40
#define CO_FAST_FREE 0x80

/* An exception table entry: instructions [start, end) jump to target with
 * the value stack cut to depth; lasti says whether the offset of the
 * raising instruction is pushed too. */
typedef struct hl_exc_entry {
    int start, end, target, depth, lasti;
} hl_exc_entry;

/* Source range of an instruction (co_positions); col offsets in UTF-8
 * bytes, -1 when unknown. */
typedef struct hl_position {
    int lineno, end_lineno, col, end_col;
} hl_position;

typedef struct HLCodeObject {
    HLObject ob_base;
    HLObject *co_consts;           /* tuple */
    HLObject *co_names;            /* tuple of str: globals, attributes */
    HLObject *co_localsplusnames;  /* tuple of str: locals, cells, frees */
    uint8_t *co_localspluskinds;
    HLObject *co_filename, *co_name, *co_qualname;
    uint32_t *co_code;
    hl_position *co_positions;
    hl_exc_entry *co_exceptiontable;
    int co_codelen, co_nexc;
    int co_flags;
    int co_argcount, co_posonlyargcount, co_kwonlyargcount;
    int co_stacksize, co_firstlineno;
    int co_nlocalsplus, co_nlocals, co_ncellvars, co_nfreevars;
    int co_framesize; /* co_nlocalsplus + co_stacksize */
    /* CPython 3.11 "quickens" a code object once it has been entered or
     * looped 8 times; from then on some instructions take specialized
     * paths that allocate less (no iterator to unpack a tuple).  The VM
     * counts the same events up to 0. */
    int co_warmup;
    HLObject *co_weakreflist;
} HLCodeObject;

extern HLTypeObject hl_code_type;
#define hl_code_check(o) HL_IS_TYPE(o, &hl_code_type)

/* Takes ownership of the raw arrays (allocated with hl_mem_malloc) and
 * new references to the objects; interns names and name-like string
 * constants as CPython's code constructor does. */
typedef struct hl_code_spec {
    HLObject *filename, *name, *qualname;
    int flags, argcount, posonlyargcount, kwonlyargcount, stacksize, firstlineno;
    HLObject *consts, *names, *localsplusnames;
    uint8_t *localspluskinds;
    uint32_t *code;
    hl_position *positions;
    int codelen;
    hl_exc_entry *exceptiontable;
    int nexc;
} hl_code_spec;
HLObject *hl_code_new(hl_code_spec *spec);

/* Line of the instruction at index i (-1 if none). */
int hl_code_line(HLCodeObject *co, int i);
/* The varnames/cellvars/freevars tuples (new references). */
HLObject *hl_code_varnames(HLCodeObject *co, int kind);

#endif /* HL_CODEOBJECT_H */
