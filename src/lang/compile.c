/*
 * compile.c — from AST to code objects: scopes, names, constants and
 * statements.  (Expressions are in compile_expr.c, the assembler in
 * assemble.c.)
 *
 * This follows CPython 3.11's compile.c closely, because what the compiler
 * emits is observable: which constants a code object keeps (and so the
 * refcounts of literals), which temporary objects a statement allocates,
 * and which line and columns a traceback shows.
 *
 * Pipeline.  hl_compile folds constants in the AST (ast_opt.c), builds the
 * symbol table (symtable.c), then compiles the module: each function,
 * lambda, comprehension and class body is a "compiler unit" with its own
 * basic blocks, constants and names.  Leaving a unit assembles it into a
 * code object (assemble.c), which the enclosing unit loads as a constant
 * for MAKE_FUNCTION.
 *
 * Constants.  Every constant goes through the compiler's const cache (a
 * dict shared by all units of one compilation, keyed as CPython's
 * _PyCode_ConstantKey): equal constants of one compilation become one
 * object — the first one met — and so do equal co_consts, co_names and
 * co_localsplusnames tuples.  A literal therefore has one reference from
 * its AST node (the parse arena), plus one from co_consts of each code
 * object that uses it.
 *
 * Control flow that crosses try/finally, with or except blocks (break,
 * continue, return) runs the cleanup those blocks need, recorded on a
 * stack of frame blocks (compiler_unwind_fblock).
 */
#include "compile.h"

#include <string.h>

#include "../objects/dictobject.h"
#include "../objects/floatobject.h"
#include "../objects/listobject.h"
#include "../objects/longobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/errors.h"
#include "../runtime/sysmem.h"
#include "compiler.h"

#define MAX_NESTING 200

/* ---- errors ---------------------------------------------------------------- */

int hl_compiler_error(compiler *c, const char *msg)
{
    hl_location loc = c->u ? c->u->u_loc : NO_LOCATION;
    hl_syntax_error_at(c->c_filename, msg, loc.lineno, loc.col_offset < 0 ? 0 : loc.col_offset,
                       loc.end_lineno, loc.end_col_offset < 0 ? 0 : loc.end_col_offset);
    return 0;
}

/* ---- blocks and instructions ----------------------------------------------- */

basicblock *hl_compiler_new_block(compiler *c)
{
    basicblock *b = hl_raw_calloc(sizeof(basicblock));
    if (b == NULL) {
        hl_err_nomemory();
        return NULL;
    }
    b->b_list = c->u->u_blocks;
    c->u->u_blocks = b;
    b->b_startdepth = -1;
    return b;
}

void hl_compiler_use_next_block(compiler *c, basicblock *block)
{
    c->u->u_curblock->b_next = block;
    c->u->u_curblock = block;
}

/* Starts a new block after the current one (after a jump or return). */
static int next_block(compiler *c)
{
    basicblock *b = hl_compiler_new_block(c);
    if (b == NULL)
        return 0;
    hl_compiler_use_next_block(c, b);
    return 1;
}
#define NEXT_BLOCK(c) RETURN_IF_FALSE(next_block(c))

static instr *next_instr(compiler *c)
{
    basicblock *b = c->u->u_curblock;
    if (b->b_iused == b->b_ialloc) {
        int n = b->b_ialloc ? b->b_ialloc * 2 : 16;
        instr *p = hl_raw_realloc(b->b_instr, sizeof(instr) * (size_t)n);
        if (p == NULL) {
            hl_err_nomemory();
            return NULL;
        }
        b->b_instr = p;
        b->b_ialloc = n;
    }
    instr *i = &b->b_instr[b->b_iused++];
    memset(i, 0, sizeof *i);
    i->i_loc = c->u->u_loc;
    return i;
}

int hl_compiler_addop_i(compiler *c, int opcode, int oparg)
{
    if (oparg < 0 || (unsigned)oparg > HL_MAX_OPARG) {
        hl_err_set_string(hl_exc_SystemError, "compiler: argument out of range");
        return 0;
    }
    instr *i = next_instr(c);
    if (i == NULL)
        return 0;
    i->i_opcode = opcode;
    i->i_oparg = oparg;
    return 1;
}

int hl_compiler_addop(compiler *c, int opcode) { return hl_compiler_addop_i(c, opcode, 0); }

int hl_compiler_addop_j(compiler *c, int opcode, basicblock *target)
{
    instr *i = next_instr(c);
    if (i == NULL)
        return 0;
    i->i_opcode = opcode;
    i->i_target = target;
    return 1;
}

/* ---- constants ----------------------------------------------------------------- */

/* _PyCode_ConstantKey: equal keys <=> constants that may be merged (1 and
 * 1.0 and True stay apart; tuples compare item by item). */
static HLObject *const_key(HLObject *op)
{
    if (op == HL_None || op == HL_Ellipsis || hl_long_check_exact(op) || hl_str_check_exact(op) ||
        hl_code_check(op))
        return hl_newref(op);
    if (hl_bool_check(op))
        return hl_tuple_pack(2, (HLObject *)HL_TYPE(op), op);
    if (hl_float_check_exact(op)) {
        double d = HL_FLOAT_AS_DOUBLE(op);
        if (d == 0.0 && __builtin_signbit(d))
            return hl_tuple_pack(3, (HLObject *)HL_TYPE(op), op, HL_None);
        return hl_tuple_pack(2, (HLObject *)HL_TYPE(op), op);
    }
    if (hl_tuple_check_exact(op)) {
        hl_ssize_t len = HL_SIZE(op);
        HLObject *tuple = hl_tuple_new(len);
        if (tuple == NULL)
            return NULL;
        for (hl_ssize_t i = 0; i < len; i++) {
            HLObject *k = const_key(HL_TUPLE_GET(op, i));
            if (k == NULL) {
                hl_decref(tuple);
                return NULL;
            }
            HL_TUPLE_SET(tuple, i, k);
        }
        HLObject *key = hl_tuple_pack(2, tuple, op);
        hl_decref(tuple);
        return key;
    }
    /* Anything else is only equal to itself. */
    HLObject *obj_id = hl_long_from_ssize((hl_ssize_t)(uintptr_t)op);
    if (obj_id == NULL)
        return NULL;
    HLObject *key = hl_tuple_pack(2, obj_id, op);
    hl_decref(obj_id);
    return key;
}

/* merge_consts_recursive: the canonical key for o (a new reference); the
 * items of a newly registered tuple are merged too. */
static HLObject *merge_consts_recursive(HLObject *const_cache, HLObject *o)
{
    if (o == HL_None || o == HL_Ellipsis)
        return hl_newref(o);
    HLObject *key = const_key(o);
    if (key == NULL)
        return NULL;
    HLObject *t = hl_dict_set_default(const_cache, key, key);
    if (t == NULL) {
        hl_decref(key);
        return NULL;
    }
    if (t != key) {
        hl_incref(t);
        hl_decref(key);
        return t;
    }
    if (hl_tuple_check_exact(o)) {
        for (hl_ssize_t i = 0; i < HL_SIZE(o); i++) {
            HLObject *item = HL_TUPLE_GET(o, i);
            HLObject *u = merge_consts_recursive(const_cache, item);
            if (u == NULL) {
                hl_decref(key);
                return NULL;
            }
            HLObject *v = hl_tuple_check_exact(u) ? HL_TUPLE_GET(u, 1) : u;
            if (v != item) {
                HL_TUPLE_SET(o, i, hl_newref(v));
                hl_decref(item);
            }
            hl_decref(u);
        }
    }
    return key;
}

/* The object a key stands for: every tuple key has it in position 1. */
static HLObject *key_object(HLObject *key)
{
    return hl_tuple_check_exact(key) ? HL_TUPLE_GET(key, 1) : key;
}

HLObject *hl_compiler_merge_const(compiler *c, HLObject *o)
{
    HLObject *key = const_key(o);
    if (key == NULL) {
        hl_decref(o);
        return NULL;
    }
    HLObject *t = hl_dict_set_default(c->c_const_cache, key, key);
    hl_decref(key);
    if (t == NULL) {
        hl_decref(o);
        return NULL;
    }
    if (t == key)
        return o; /* o is new: it is the canonical one now */
    HLObject *canon = hl_newref(key_object(t));
    hl_decref(o);
    return canon;
}

int hl_compiler_add_o(HLObject *dict, HLObject *o)
{
    HLObject *v = hl_dict_get_item(dict, o);
    if (v != NULL)
        return (int)hl_long_as_long(v);
    if (hl_err_occurred())
        return -1;
    hl_ssize_t arg = hl_dict_size(dict);
    v = hl_long_from_ssize(arg);
    if (v == NULL || hl_dict_set_item(dict, o, v) < 0) {
        hl_xdecref(v);
        return -1;
    }
    hl_decref(v);
    return (int)arg;
}

int hl_compiler_add_const(compiler *c, HLObject *o)
{
    HLObject *key = merge_consts_recursive(c->c_const_cache, o);
    if (key == NULL)
        return -1;
    int arg = hl_compiler_add_o(c->u->u_consts, key);
    hl_decref(key);
    return arg;
}

int hl_compiler_addop_load_const(compiler *c, HLObject *o)
{
    int arg = hl_compiler_add_const(c, o);
    if (arg < 0)
        return 0;
    return hl_compiler_addop_i(c, OP_LOAD_CONST, arg);
}

int hl_compiler_addop_name(compiler *c, int opcode, HLObject *name, HLObject *dict)
{
    HLObject *mangled = hl_mangle(c->u->u_private, name);
    if (mangled == NULL)
        return 0;
    int arg = hl_compiler_add_o(dict, mangled);
    hl_decref(mangled);
    if (arg < 0)
        return 0;
    return hl_compiler_addop_i(c, opcode, arg);
}

/* ---- scopes --------------------------------------------------------------------- */

/* {name: index} for the names of a given scope (or flag), sorted, numbered
 * from offset (dictbytype). */
static HLObject *dictbytype(HLObject *src, int scope_type, int flag, hl_ssize_t offset)
{
    HLObject *dest = hl_dict_new(), *keys = dest ? hl_dict_keys(src) : NULL;
    if (keys == NULL || hl_list_sort(keys) < 0) {
        hl_xdecref(dest);
        hl_xdecref(keys);
        return NULL;
    }
    hl_ssize_t i = offset;
    for (hl_ssize_t k = 0; k < HL_SIZE(keys); k++) {
        HLObject *name = HL_LIST_GET(keys, k);
        long vi = hl_long_as_long(hl_dict_get_item(src, name));
        long scope = (vi >> SCOPE_OFFSET) & 0xF;
        if (scope == scope_type || (vi & flag)) {
            HLObject *item = hl_long_from_ssize(i++);
            if (item == NULL || hl_dict_set_item(dest, name, item) < 0) {
                hl_xdecref(item);
                hl_decref(keys);
                hl_decref(dest);
                return NULL;
            }
            hl_decref(item);
        }
    }
    hl_decref(keys);
    return dest;
}

static HLObject *list2dict(HLObject *list)
{
    HLObject *dict = hl_dict_new();
    for (hl_ssize_t i = 0; dict && i < HL_SIZE(list); i++) {
        HLObject *v = hl_long_from_ssize(i);
        if (v == NULL || hl_dict_set_item(dict, HL_LIST_GET(list, i), v) < 0) {
            hl_xdecref(v);
            hl_decref(dict);
            return NULL;
        }
        hl_decref(v);
    }
    return dict;
}

static void unit_free(compiler_unit *u)
{
    basicblock *b = u->u_blocks;
    while (b) {
        basicblock *next = b->b_list;
        hl_raw_free(b->b_instr);
        hl_raw_free(b->b_exceptstack);
        hl_raw_free(b);
        b = next;
    }
    hl_xdecref(u->u_name);
    hl_xdecref(u->u_qualname);
    hl_xdecref(u->u_consts);
    hl_xdecref(u->u_names);
    hl_xdecref(u->u_varnames);
    hl_xdecref(u->u_cellvars);
    hl_xdecref(u->u_freevars);
    hl_xdecref(u->u_private);
    hl_raw_free(u);
}

static int set_qualname(compiler *c)
{
    compiler_unit *u = c->u, *parent = u->u_parent;
    HLObject *base = NULL;
    if (parent && parent->u_parent) {
        int force_global = 0;
        if (u->u_scope_type == COMPILER_SCOPE_FUNCTION || u->u_scope_type == COMPILER_SCOPE_CLASS) {
            HLObject *mangled = hl_mangle(parent->u_private, u->u_name);
            if (mangled == NULL)
                return 0;
            int scope = hl_ste_get_scope(parent->u_ste, mangled);
            hl_decref(mangled);
            if (scope == GLOBAL_EXPLICIT)
                force_global = 1;
        }
        if (!force_global) {
            if (parent->u_scope_type == COMPILER_SCOPE_FUNCTION || parent->u_scope_type == COMPILER_SCOPE_LAMBDA)
                base = hl_str_from_format("%U.<locals>", parent->u_qualname);
            else
                base = hl_newref(parent->u_qualname);
            if (base == NULL)
                return 0;
        }
    }
    if (base != NULL) {
        u->u_qualname = hl_str_from_format("%U.%U", base, u->u_name);
        hl_decref(base);
        if (u->u_qualname == NULL)
            return 0;
    } else {
        u->u_qualname = hl_newref(u->u_name);
    }
    return 1;
}

int hl_compiler_enter_scope(compiler *c, HLObject *name, int scope_type, void *key, int lineno)
{
    compiler_unit *u = hl_raw_calloc(sizeof(compiler_unit));
    if (u == NULL) {
        hl_err_nomemory();
        return 0;
    }
    u->u_scope_type = scope_type;
    u->u_name = hl_newref(name);
    u->u_ste = hl_symtable_lookup(c->c_st, key);
    if (u->u_ste == NULL) {
        hl_err_set_string(hl_exc_SystemError, "compiler: no symbol table for block");
        unit_free(u);
        return 0;
    }
    u->u_varnames = list2dict(u->u_ste->ste_varnames);
    u->u_cellvars = dictbytype(u->u_ste->ste_symbols, CELL, 0, 0);
    if (u->u_varnames == NULL || u->u_cellvars == NULL) {
        unit_free(u);
        return 0;
    }
    if (u->u_ste->ste_needs_class_closure) {
        /* The implicit __class__ cell of a class whose methods use super(). */
        HLObject *cls = hl_str_intern_from_cstr("__class__");
        HLObject *zero = hl_long_from_long(0);
        int r = cls && zero ? hl_dict_set_item(u->u_cellvars, cls, zero) : -1;
        hl_xdecref(cls);
        hl_xdecref(zero);
        if (r < 0) {
            unit_free(u);
            return 0;
        }
    }
    u->u_freevars = dictbytype(u->u_ste->ste_symbols, FREE, DEF_FREE_CLASS, hl_dict_size(u->u_cellvars));
    u->u_consts = hl_dict_new();
    u->u_names = hl_dict_new();
    if (u->u_freevars == NULL || u->u_consts == NULL || u->u_names == NULL) {
        unit_free(u);
        return 0;
    }
    u->u_firstlineno = lineno;
    u->u_loc = (hl_location){lineno, lineno, -1, -1};
    u->u_parent = c->u;
    if (c->u)
        u->u_private = hl_xnewref(c->u->u_private);
    c->u = u;
    c->c_nestlevel++;
    basicblock *block = hl_compiler_new_block(c);
    if (block == NULL)
        return 0;
    u->u_curblock = block;
    if (scope_type == COMPILER_SCOPE_MODULE) {
        u->u_loc.lineno = -1;
        u->u_qualname = hl_newref(name);
    } else if (!set_qualname(c)) {
        return 0;
    }
    return 1;
}

void hl_compiler_exit_scope(compiler *c)
{
    compiler_unit *u = c->u;
    c->c_nestlevel--;
    c->u = u->u_parent;
    unit_free(u);
}

/* ---- names ------------------------------------------------------------------------ */

static int forbidden_name(compiler *c, HLObject *name, expr_context_ty ctx)
{
    if (ctx == Store && hl_str_eq_cstr(name, "__debug__")) {
        hl_compiler_error(c, "cannot assign to __debug__");
        return 1;
    }
    if (ctx == Del && hl_str_eq_cstr(name, "__debug__")) {
        hl_compiler_error(c, "cannot delete __debug__");
        return 1;
    }
    return 0;
}

int hl_compiler_nameop(compiler *c, HLObject *name, expr_context_ty ctx)
{
    enum { OP_FAST, OP_GLOBAL, OP_DEREF, OP_NAME } optype = OP_NAME;
    HLObject *dict = c->u->u_names;
    if (forbidden_name(c, name, ctx))
        return 0;
    HLObject *mangled = hl_mangle(c->u->u_private, name);
    if (mangled == NULL)
        return 0;
    int scope = hl_ste_get_scope(c->u->u_ste, mangled);
    switch (scope) {
    case FREE:
        dict = c->u->u_freevars;
        optype = OP_DEREF;
        break;
    case CELL:
        dict = c->u->u_cellvars;
        optype = OP_DEREF;
        break;
    case LOCAL:
        if (c->u->u_ste->ste_type == FunctionBlock)
            optype = OP_FAST;
        break;
    case GLOBAL_IMPLICIT:
        if (c->u->u_ste->ste_type == FunctionBlock)
            optype = OP_GLOBAL;
        break;
    case GLOBAL_EXPLICIT:
        optype = OP_GLOBAL;
        break;
    default:
        break;
    }
    int op = 0;
    switch (optype) {
    case OP_DEREF:
        op = ctx == Load ? (c->u->u_ste->ste_type == ClassBlock ? OP_LOAD_CLASSDEREF : OP_LOAD_DEREF)
             : ctx == Store ? OP_STORE_DEREF
                            : OP_DELETE_DEREF;
        break;
    case OP_FAST: {
        op = ctx == Load ? OP_LOAD_FAST : ctx == Store ? OP_STORE_FAST : OP_DELETE_FAST;
        int arg = hl_compiler_add_o(c->u->u_varnames, mangled);
        hl_decref(mangled);
        return arg >= 0 && hl_compiler_addop_i(c, op, arg);
    }
    case OP_GLOBAL:
        op = ctx == Load ? OP_LOAD_GLOBAL : ctx == Store ? OP_STORE_GLOBAL : OP_DELETE_GLOBAL;
        break;
    case OP_NAME:
        op = ctx == Load ? OP_LOAD_NAME : ctx == Store ? OP_STORE_NAME : OP_DELETE_NAME;
        break;
    }
    int arg = hl_compiler_add_o(dict, mangled);
    hl_decref(mangled);
    if (arg < 0)
        return 0;
    return hl_compiler_addop_i(c, op, arg);
}

/* ---- frame blocks ----------------------------------------------------------------- */

int hl_compiler_push_fblock(compiler *c, enum fblocktype t, basicblock *b, basicblock *exit, void *datum)
{
    if (c->u->u_nfblocks >= CO_MAXBLOCKS)
        return hl_compiler_error(c, "too many statically nested blocks");
    struct fblockinfo *f = &c->u->u_fblock[c->u->u_nfblocks++];
    f->fb_type = t;
    f->fb_block = b;
    f->fb_exit = exit;
    f->fb_datum = datum;
    return 1;
}

void hl_compiler_pop_fblock(compiler *c, enum fblocktype t, basicblock *b)
{
    (void)t;
    (void)b;
    c->u->u_nfblocks--;
}

static int call_exit_with_nones(compiler *c)
{
    ADDOP_LOAD_CONST(c, HL_None);
    ADDOP_LOAD_CONST(c, HL_None);
    ADDOP_LOAD_CONST(c, HL_None);
    ADDOP_I(c, OP_CALL, 2);
    return 1;
}

/* Emits what leaving a frame block early needs (preserve_tos: keep the
 * value on top, a return value). */
static int unwind_fblock(compiler *c, struct fblockinfo *info, int preserve_tos)
{
    switch (info->fb_type) {
    case WHILE_LOOP:
    case EXCEPTION_HANDLER:
        return 1;
    case FOR_LOOP:
        /* Pop the iterator. */
        if (preserve_tos)
            ADDOP_I(c, OP_SWAP, 2);
        ADDOP(c, OP_POP_TOP);
        return 1;
    case TRY_EXCEPT:
        ADDOP(c, OP_POP_BLOCK);
        return 1;
    case FINALLY_TRY:
        ADDOP(c, OP_POP_BLOCK);
        if (preserve_tos && !hl_compiler_push_fblock(c, POP_VALUE, NULL, NULL, NULL))
            return 0;
        /* The finally body runs here. */
        VISIT_SEQ(c, stmt, (asdl_stmt_seq *)info->fb_datum);
        if (preserve_tos)
            hl_compiler_pop_fblock(c, POP_VALUE, NULL);
        UNSET_LOC(c);
        return 1;
    case FINALLY_END:
        if (preserve_tos)
            ADDOP_I(c, OP_SWAP, 2);
        ADDOP(c, OP_POP_TOP); /* exc_value */
        if (preserve_tos)
            ADDOP_I(c, OP_SWAP, 2);
        ADDOP(c, OP_POP_BLOCK);
        ADDOP(c, OP_POP_EXCEPT);
        return 1;
    case WITH:
        SET_LOC(c, (stmt_ty)info->fb_datum);
        ADDOP(c, OP_POP_BLOCK);
        if (preserve_tos)
            ADDOP_I(c, OP_SWAP, 2);
        if (!call_exit_with_nones(c))
            return 0;
        ADDOP(c, OP_POP_TOP);
        UNSET_LOC(c);
        return 1;
    case HANDLER_CLEANUP:
        if (info->fb_datum)
            ADDOP(c, OP_POP_BLOCK);
        if (preserve_tos)
            ADDOP_I(c, OP_SWAP, 2);
        ADDOP(c, OP_POP_BLOCK);
        ADDOP(c, OP_POP_EXCEPT);
        if (info->fb_datum) {
            ADDOP_LOAD_CONST(c, HL_None);
            if (!hl_compiler_nameop(c, info->fb_datum, Store) || !hl_compiler_nameop(c, info->fb_datum, Del))
                return 0;
        }
        return 1;
    case POP_VALUE:
        if (preserve_tos)
            ADDOP_I(c, OP_SWAP, 2);
        ADDOP(c, OP_POP_TOP);
        return 1;
    }
    return 0;
}

/* Unwinds every frame block up to the innermost loop (if loop != NULL). */
static int unwind_fblock_stack(compiler *c, int preserve_tos, struct fblockinfo **loop)
{
    if (c->u->u_nfblocks == 0)
        return 1;
    struct fblockinfo *top = &c->u->u_fblock[c->u->u_nfblocks - 1];
    if (loop != NULL && (top->fb_type == WHILE_LOOP || top->fb_type == FOR_LOOP)) {
        *loop = top;
        return 1;
    }
    struct fblockinfo copy = *top;
    c->u->u_nfblocks--;
    if (!unwind_fblock(c, &copy, preserve_tos) || !unwind_fblock_stack(c, preserve_tos, loop))
        return 0;
    c->u->u_fblock[c->u->u_nfblocks] = copy;
    c->u->u_nfblocks++;
    return 1;
}

/* ---- closures ----------------------------------------------------------------------- */

static int lookup_arg(HLObject *dict, HLObject *name)
{
    HLObject *v = hl_dict_get_item(dict, name);
    return v ? (int)hl_long_as_long(v) : -1;
}

int hl_compiler_make_closure(compiler *c, HLObject *co_obj, int flags, HLObject *qualname)
{
    HLCodeObject *co = (HLCodeObject *)co_obj;
    (void)qualname;
    if (co->co_nfreevars) {
        for (int i = co->co_nlocalsplus - co->co_nfreevars; i < co->co_nlocalsplus; i++) {
            HLObject *name = HL_TUPLE_GET(co->co_localsplusnames, i);
            int reftype;
            if (c->u->u_scope_type == COMPILER_SCOPE_CLASS && hl_str_eq_cstr(name, "__class__"))
                reftype = CELL;
            else
                reftype = hl_ste_get_scope(c->u->u_ste, name);
            int arg = reftype == CELL ? lookup_arg(c->u->u_cellvars, name) : lookup_arg(c->u->u_freevars, name);
            if (arg == -1) {
                hl_err_format(hl_exc_SystemError, "compiler: lookup of free variable %U failed", name);
                return 0;
            }
            ADDOP_I(c, OP_LOAD_CLOSURE, arg);
        }
        flags |= MAKE_FUNCTION_CLOSURE;
        ADDOP_I(c, OP_BUILD_TUPLE, co->co_nfreevars);
    }
    ADDOP_LOAD_CONST(c, co_obj);
    ADDOP_I(c, OP_MAKE_FUNCTION, flags);
    return 1;
}

/* ---- statements ---------------------------------------------------------------------- */

static HLObject *get_docstring(asdl_stmt_seq *body)
{
    if (!asdl_seq_LEN(body))
        return NULL;
    stmt_ty st = asdl_seq_GET(body, 0);
    if (st->kind != Expr_kind)
        return NULL;
    expr_ty e = st->v.Expr.value;
    if (e->kind == Constant_kind && hl_str_check(e->v.Constant.value))
        return e->v.Constant.value;
    return NULL;
}

static int find_ann(asdl_stmt_seq *stmts)
{
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(stmts); i++) {
        stmt_ty st = asdl_seq_GET(stmts, i);
        switch (st->kind) {
        case AnnAssign_kind:
            return 1;
        case For_kind:
            if (find_ann(st->v.For.body) || find_ann(st->v.For.orelse))
                return 1;
            break;
        case While_kind:
            if (find_ann(st->v.While.body) || find_ann(st->v.While.orelse))
                return 1;
            break;
        case If_kind:
            if (find_ann(st->v.If.body) || find_ann(st->v.If.orelse))
                return 1;
            break;
        case With_kind:
            if (find_ann(st->v.With.body))
                return 1;
            break;
        case Try_kind:
            for (hl_ssize_t j = 0; j < asdl_seq_LEN(st->v.Try.handlers); j++) {
                excepthandler_ty h = asdl_seq_GET(st->v.Try.handlers, j);
                if (find_ann(h->v.ExceptHandler.body))
                    return 1;
            }
            if (find_ann(st->v.Try.body) || find_ann(st->v.Try.finalbody) || find_ann(st->v.Try.orelse))
                return 1;
            break;
        default:
            break;
        }
    }
    return 0;
}

static int compiler_body(compiler *c, asdl_stmt_seq *stmts)
{
    hl_ssize_t i = 0;
    if (c->u->u_scope_type == COMPILER_SCOPE_MODULE && asdl_seq_LEN(stmts)) {
        stmt_ty st = asdl_seq_GET(stmts, 0);
        SET_LOC(c, st);
    }
    if (find_ann(stmts))
        ADDOP(c, OP_SETUP_ANNOTATIONS);
    if (!asdl_seq_LEN(stmts))
        return 1;
    HLObject *docstring = get_docstring(stmts);
    if (docstring) {
        i = 1;
        stmt_ty st = asdl_seq_GET(stmts, 0);
        VISIT(c, expr, st->v.Expr.value);
        UNSET_LOC(c);
        HLObject *doc = hl_str_intern_from_cstr("__doc__");
        int ok = doc && hl_compiler_nameop(c, doc, Store);
        hl_xdecref(doc);
        if (!ok)
            return 0;
    }
    for (; i < asdl_seq_LEN(stmts); i++)
        VISIT(c, stmt, (stmt_ty)asdl_seq_GET(stmts, i));
    return 1;
}

static int compiler_decorators(compiler *c, asdl_expr_seq *decos)
{
    VISIT_SEQ(c, expr, decos);
    return 1;
}

static int compiler_function(compiler *c, stmt_ty s)
{
    arguments_ty args = s->v.FunctionDef.args;
    asdl_expr_seq *decos = s->v.FunctionDef.decorator_list;
    if (!compiler_decorators(c, decos))
        return 0;
    int firstlineno = s->lineno;
    if (asdl_seq_LEN(decos))
        firstlineno = ((expr_ty)asdl_seq_GET(decos, 0))->lineno;
    if (!hl_compiler_function_body(c, s, s->v.FunctionDef.name, args, s->v.FunctionDef.body, NULL,
                                   firstlineno))
        return 0;
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(decos); i++)
        ADDOP_I(c, OP_CALL, 0);
    return hl_compiler_nameop(c, s->v.FunctionDef.name, Store);
}

static int compiler_class(compiler *c, stmt_ty s)
{
    asdl_expr_seq *decos = s->v.ClassDef.decorator_list;
    if (!compiler_decorators(c, decos))
        return 0;
    int firstlineno = s->lineno;
    if (asdl_seq_LEN(decos))
        firstlineno = ((expr_ty)asdl_seq_GET(decos, 0))->lineno;
    /* 1. the class body as a code object */
    if (!hl_compiler_enter_scope(c, s->v.ClassDef.name, COMPILER_SCOPE_CLASS, s, firstlineno))
        return 0;
    HLObject *co = NULL;
    {
        HL_XSETREF(c->u->u_private, hl_newref(s->v.ClassDef.name));
        HLObject *name = hl_str_intern_from_cstr("__name__"), *module = hl_str_intern_from_cstr("__module__");
        HLObject *qualname = hl_str_intern_from_cstr("__qualname__");
        int ok = name && module && qualname && hl_compiler_nameop(c, name, Load) &&
                 hl_compiler_nameop(c, module, Store) && hl_compiler_addop_load_const(c, c->u->u_qualname) &&
                 hl_compiler_nameop(c, qualname, Store) && compiler_body(c, s->v.ClassDef.body);
        hl_xdecref(name);
        hl_xdecref(module);
        hl_xdecref(qualname);
        if (!ok) {
            hl_compiler_exit_scope(c);
            return 0;
        }
        UNSET_LOC(c);
        if (c->u->u_ste->ste_needs_class_closure) {
            /* Return __classcell__ (and store it in the namespace). */
            HLObject *cls = hl_str_intern_from_cstr("__class__");
            HLObject *cell = hl_str_intern_from_cstr("__classcell__");
            int i = cls ? lookup_arg(c->u->u_cellvars, cls) : -1;
            ok = cell && i >= 0 && hl_compiler_addop_i(c, OP_LOAD_CLOSURE, i) &&
                 hl_compiler_addop_i(c, OP_COPY, 1) && hl_compiler_nameop(c, cell, Store);
            hl_xdecref(cls);
            hl_xdecref(cell);
            if (!ok) {
                hl_compiler_exit_scope(c);
                return 0;
            }
        } else if (!hl_compiler_addop_load_const(c, HL_None)) {
            hl_compiler_exit_scope(c);
            return 0;
        }
        if (!hl_compiler_addop(c, OP_RETURN_VALUE)) {
            hl_compiler_exit_scope(c);
            return 0;
        }
        co = hl_compiler_assemble(c, 1);
    }
    hl_compiler_exit_scope(c);
    if (co == NULL)
        return 0;
    /* 2. __build_class__(func, name, *bases, **keywords) */
    int ok = hl_compiler_addop(c, OP_PUSH_NULL) && hl_compiler_addop(c, OP_LOAD_BUILD_CLASS) &&
             hl_compiler_make_closure(c, co, 0, NULL);
    hl_decref(co);
    if (!ok)
        return 0;
    ADDOP_LOAD_CONST(c, s->v.ClassDef.name);
    if (!hl_compiler_call_helper(c, 2, s->v.ClassDef.bases, s->v.ClassDef.keywords))
        return 0;
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(decos); i++)
        ADDOP_I(c, OP_CALL, 0);
    return hl_compiler_nameop(c, s->v.ClassDef.name, Store);
}

static int compiler_return(compiler *c, stmt_ty s)
{
    expr_ty value = s->v.Return.value;
    int preserve_tos = value != NULL && value->kind != Constant_kind;
    if (c->u->u_ste->ste_type != FunctionBlock)
        return hl_compiler_error(c, "'return' outside function");
    if (preserve_tos) {
        VISIT(c, expr, value);
    } else if (value != NULL) {
        SET_LOC(c, value);
        ADDOP(c, OP_NOP);
    }
    if (value == NULL || value->lineno != s->lineno) {
        SET_LOC(c, s);
        ADDOP(c, OP_NOP);
    }
    if (!unwind_fblock_stack(c, preserve_tos, NULL))
        return 0;
    if (value == NULL) {
        ADDOP_LOAD_CONST(c, HL_None);
    } else if (!preserve_tos) {
        ADDOP_LOAD_CONST(c, value->v.Constant.value);
    }
    ADDOP(c, OP_RETURN_VALUE);
    NEXT_BLOCK(c);
    return 1;
}

static int compiler_break(compiler *c)
{
    struct fblockinfo *loop = NULL;
    ADDOP(c, OP_NOP);
    if (!unwind_fblock_stack(c, 0, &loop))
        return 0;
    if (loop == NULL)
        return hl_compiler_error(c, "'break' outside loop");
    if (!unwind_fblock(c, loop, 0))
        return 0;
    ADDOP_JUMP(c, OP_JUMP, loop->fb_exit);
    NEXT_BLOCK(c);
    return 1;
}

static int compiler_continue(compiler *c)
{
    struct fblockinfo *loop = NULL;
    ADDOP(c, OP_NOP);
    if (!unwind_fblock_stack(c, 0, &loop))
        return 0;
    if (loop == NULL)
        return hl_compiler_error(c, "'continue' not properly in loop");
    ADDOP_JUMP(c, OP_JUMP, loop->fb_block);
    NEXT_BLOCK(c);
    return 1;
}

static int compiler_if(compiler *c, stmt_ty s)
{
    basicblock *end = hl_compiler_new_block(c), *next;
    if (end == NULL)
        return 0;
    if (asdl_seq_LEN(s->v.If.orelse)) {
        next = hl_compiler_new_block(c);
        if (next == NULL)
            return 0;
    } else {
        next = end;
    }
    if (!hl_compiler_jump_if(c, s->v.If.test, next, 0))
        return 0;
    VISIT_SEQ(c, stmt, s->v.If.body);
    if (asdl_seq_LEN(s->v.If.orelse)) {
        UNSET_LOC(c);
        ADDOP_JUMP(c, OP_JUMP, end);
        hl_compiler_use_next_block(c, next);
        VISIT_SEQ(c, stmt, s->v.If.orelse);
    }
    hl_compiler_use_next_block(c, end);
    return 1;
}

static int compiler_for(compiler *c, stmt_ty s)
{
    basicblock *start = hl_compiler_new_block(c), *body = hl_compiler_new_block(c);
    basicblock *cleanup = hl_compiler_new_block(c), *end = hl_compiler_new_block(c);
    if (!start || !body || !cleanup || !end)
        return 0;
    if (!hl_compiler_push_fblock(c, FOR_LOOP, start, end, NULL))
        return 0;
    VISIT(c, expr, s->v.For.iter);
    ADDOP(c, OP_GET_ITER);
    hl_compiler_use_next_block(c, start);
    ADDOP_JUMP(c, OP_FOR_ITER, cleanup);
    hl_compiler_use_next_block(c, body);
    VISIT(c, expr, s->v.For.target);
    VISIT_SEQ(c, stmt, s->v.For.body);
    UNSET_LOC(c);
    ADDOP_JUMP(c, OP_JUMP, start);
    hl_compiler_use_next_block(c, cleanup);
    hl_compiler_pop_fblock(c, FOR_LOOP, start);
    VISIT_SEQ(c, stmt, s->v.For.orelse);
    hl_compiler_use_next_block(c, end);
    return 1;
}

static int compiler_while(compiler *c, stmt_ty s)
{
    basicblock *loop = hl_compiler_new_block(c), *body = hl_compiler_new_block(c);
    basicblock *anchor = hl_compiler_new_block(c), *end = hl_compiler_new_block(c);
    if (!loop || !body || !anchor || !end)
        return 0;
    hl_compiler_use_next_block(c, loop);
    if (!hl_compiler_push_fblock(c, WHILE_LOOP, loop, end, NULL))
        return 0;
    if (!hl_compiler_jump_if(c, s->v.While.test, anchor, 0))
        return 0;
    hl_compiler_use_next_block(c, body);
    VISIT_SEQ(c, stmt, s->v.While.body);
    SET_LOC(c, s);
    if (!hl_compiler_jump_if(c, s->v.While.test, body, 1))
        return 0;
    hl_compiler_pop_fblock(c, WHILE_LOOP, loop);
    hl_compiler_use_next_block(c, anchor);
    VISIT_SEQ(c, stmt, s->v.While.orelse);
    hl_compiler_use_next_block(c, end);
    return 1;
}

/* [exc_info, lasti, exc] -> restore exc_info, re-raise exc with lasti. */
static int pop_except_and_reraise(compiler *c)
{
    ADDOP_I(c, OP_COPY, 3);
    ADDOP(c, OP_POP_EXCEPT);
    ADDOP_I(c, OP_RERAISE, 1);
    return 1;
}

static int compiler_try_except(compiler *c, stmt_ty s)
{
    basicblock *body = hl_compiler_new_block(c), *except = hl_compiler_new_block(c);
    basicblock *end = hl_compiler_new_block(c), *cleanup = hl_compiler_new_block(c);
    if (!body || !except || !end || !cleanup)
        return 0;
    ADDOP_JUMP(c, OP_SETUP_FINALLY, except);
    hl_compiler_use_next_block(c, body);
    if (!hl_compiler_push_fblock(c, TRY_EXCEPT, body, NULL, NULL))
        return 0;
    VISIT_SEQ(c, stmt, s->v.Try.body);
    hl_compiler_pop_fblock(c, TRY_EXCEPT, body);
    UNSET_LOC(c);
    ADDOP(c, OP_POP_BLOCK);
    VISIT_SEQ(c, stmt, s->v.Try.orelse);
    UNSET_LOC(c);
    ADDOP_JUMP(c, OP_JUMP, end);
    hl_ssize_t n = asdl_seq_LEN(s->v.Try.handlers);
    hl_compiler_use_next_block(c, except);
    UNSET_LOC(c);
    ADDOP_JUMP(c, OP_SETUP_CLEANUP, cleanup);
    ADDOP(c, OP_PUSH_EXC_INFO);
    if (!hl_compiler_push_fblock(c, EXCEPTION_HANDLER, NULL, NULL, NULL))
        return 0;
    for (hl_ssize_t i = 0; i < n; i++) {
        excepthandler_ty handler = asdl_seq_GET(s->v.Try.handlers, i);
        SET_LOC(c, handler);
        if (!handler->v.ExceptHandler.type && i < n - 1)
            return hl_compiler_error(c, "default 'except:' must be last");
        except = hl_compiler_new_block(c);
        if (except == NULL)
            return 0;
        if (handler->v.ExceptHandler.type) {
            VISIT(c, expr, handler->v.ExceptHandler.type);
            ADDOP(c, OP_CHECK_EXC_MATCH);
            ADDOP_JUMP(c, OP_POP_JUMP_IF_FALSE, except);
        }
        HLObject *name = handler->v.ExceptHandler.name;
        if (name) {
            basicblock *cleanup_end = hl_compiler_new_block(c), *cleanup_body = hl_compiler_new_block(c);
            if (!cleanup_end || !cleanup_body)
                return 0;
            if (!hl_compiler_nameop(c, name, Store))
                return 0;
            /* try: body  finally: name = None; del name */
            ADDOP_JUMP(c, OP_SETUP_CLEANUP, cleanup_end);
            hl_compiler_use_next_block(c, cleanup_body);
            if (!hl_compiler_push_fblock(c, HANDLER_CLEANUP, cleanup_body, NULL, name))
                return 0;
            VISIT_SEQ(c, stmt, handler->v.ExceptHandler.body);
            hl_compiler_pop_fblock(c, HANDLER_CLEANUP, cleanup_body);
            UNSET_LOC(c);
            ADDOP(c, OP_POP_BLOCK);
            ADDOP(c, OP_POP_BLOCK);
            ADDOP(c, OP_POP_EXCEPT);
            ADDOP_LOAD_CONST(c, HL_None);
            if (!hl_compiler_nameop(c, name, Store) || !hl_compiler_nameop(c, name, Del))
                return 0;
            ADDOP_JUMP(c, OP_JUMP, end);
            hl_compiler_use_next_block(c, cleanup_end);
            UNSET_LOC(c);
            ADDOP_LOAD_CONST(c, HL_None);
            if (!hl_compiler_nameop(c, name, Store) || !hl_compiler_nameop(c, name, Del))
                return 0;
            ADDOP_I(c, OP_RERAISE, 1);
        } else {
            basicblock *cleanup_body = hl_compiler_new_block(c);
            if (!cleanup_body)
                return 0;
            ADDOP(c, OP_POP_TOP); /* exc_value */
            hl_compiler_use_next_block(c, cleanup_body);
            if (!hl_compiler_push_fblock(c, HANDLER_CLEANUP, cleanup_body, NULL, NULL))
                return 0;
            VISIT_SEQ(c, stmt, handler->v.ExceptHandler.body);
            hl_compiler_pop_fblock(c, HANDLER_CLEANUP, cleanup_body);
            UNSET_LOC(c);
            ADDOP(c, OP_POP_BLOCK);
            ADDOP(c, OP_POP_EXCEPT);
            ADDOP_JUMP(c, OP_JUMP, end);
        }
        hl_compiler_use_next_block(c, except);
    }
    UNSET_LOC(c);
    hl_compiler_pop_fblock(c, EXCEPTION_HANDLER, NULL);
    ADDOP_I(c, OP_RERAISE, 0);
    hl_compiler_use_next_block(c, cleanup);
    if (!pop_except_and_reraise(c))
        return 0;
    hl_compiler_use_next_block(c, end);
    return 1;
}

static int compiler_try_finally(compiler *c, stmt_ty s)
{
    basicblock *body = hl_compiler_new_block(c), *end = hl_compiler_new_block(c);
    basicblock *exit = hl_compiler_new_block(c), *cleanup = hl_compiler_new_block(c);
    if (!body || !end || !exit || !cleanup)
        return 0;
    ADDOP_JUMP(c, OP_SETUP_FINALLY, end);
    hl_compiler_use_next_block(c, body);
    if (!hl_compiler_push_fblock(c, FINALLY_TRY, body, end, s->v.Try.finalbody))
        return 0;
    if (asdl_seq_LEN(s->v.Try.handlers)) {
        if (!compiler_try_except(c, s))
            return 0;
    } else {
        VISIT_SEQ(c, stmt, s->v.Try.body);
    }
    UNSET_LOC(c);
    ADDOP(c, OP_POP_BLOCK);
    hl_compiler_pop_fblock(c, FINALLY_TRY, body);
    VISIT_SEQ(c, stmt, s->v.Try.finalbody);
    UNSET_LOC(c);
    ADDOP_JUMP(c, OP_JUMP, exit);
    /* the finally block, for the exceptional path */
    hl_compiler_use_next_block(c, end);
    UNSET_LOC(c);
    ADDOP_JUMP(c, OP_SETUP_CLEANUP, cleanup);
    ADDOP(c, OP_PUSH_EXC_INFO);
    if (!hl_compiler_push_fblock(c, FINALLY_END, end, NULL, NULL))
        return 0;
    VISIT_SEQ(c, stmt, s->v.Try.finalbody);
    hl_compiler_pop_fblock(c, FINALLY_END, end);
    UNSET_LOC(c);
    ADDOP_I(c, OP_RERAISE, 0);
    hl_compiler_use_next_block(c, cleanup);
    if (!pop_except_and_reraise(c))
        return 0;
    hl_compiler_use_next_block(c, exit);
    return 1;
}

static int compiler_try(compiler *c, stmt_ty s)
{
    if (asdl_seq_LEN(s->v.Try.finalbody))
        return compiler_try_finally(c, s);
    return compiler_try_except(c, s);
}

static int compiler_with_except_finish(compiler *c, basicblock *cleanup)
{
    UNSET_LOC(c);
    basicblock *exit = hl_compiler_new_block(c);
    if (exit == NULL)
        return 0;
    ADDOP_JUMP(c, OP_POP_JUMP_IF_TRUE, exit);
    ADDOP_I(c, OP_RERAISE, 2);
    hl_compiler_use_next_block(c, cleanup);
    if (!pop_except_and_reraise(c))
        return 0;
    hl_compiler_use_next_block(c, exit);
    ADDOP(c, OP_POP_TOP); /* exc_value */
    ADDOP(c, OP_POP_BLOCK);
    ADDOP(c, OP_POP_EXCEPT);
    ADDOP(c, OP_POP_TOP);
    ADDOP(c, OP_POP_TOP);
    return 1;
}

static int compiler_with(compiler *c, stmt_ty s, hl_ssize_t pos)
{
    withitem_ty item = asdl_seq_GET(s->v.With.items, pos);
    basicblock *body = hl_compiler_new_block(c), *final = hl_compiler_new_block(c);
    basicblock *exit = hl_compiler_new_block(c), *cleanup = hl_compiler_new_block(c);
    if (!body || !final || !exit || !cleanup)
        return 0;
    VISIT(c, expr, item->context_expr);
    ADDOP(c, OP_BEFORE_WITH);
    ADDOP_JUMP(c, OP_SETUP_WITH, final);
    hl_compiler_use_next_block(c, body);
    if (!hl_compiler_push_fblock(c, WITH, body, final, s))
        return 0;
    if (item->optional_vars) {
        VISIT(c, expr, item->optional_vars);
    } else {
        ADDOP(c, OP_POP_TOP); /* the result of __enter__ */
    }
    pos++;
    if (pos == asdl_seq_LEN(s->v.With.items)) {
        VISIT_SEQ(c, stmt, s->v.With.body);
    } else if (!compiler_with(c, s, pos)) {
        return 0;
    }
    UNSET_LOC(c);
    ADDOP(c, OP_POP_BLOCK);
    hl_compiler_pop_fblock(c, WITH, body);
    /* Normal exit: __exit__(None, None, None). */
    SET_LOC(c, s);
    if (!call_exit_with_nones(c))
        return 0;
    ADDOP(c, OP_POP_TOP);
    ADDOP_JUMP(c, OP_JUMP, exit);
    /* Exceptional exit. */
    hl_compiler_use_next_block(c, final);
    ADDOP_JUMP(c, OP_SETUP_CLEANUP, cleanup);
    ADDOP(c, OP_PUSH_EXC_INFO);
    ADDOP(c, OP_WITH_EXCEPT_START);
    if (!compiler_with_except_finish(c, cleanup))
        return 0;
    hl_compiler_use_next_block(c, exit);
    return 1;
}

static int compiler_assert(compiler *c, stmt_ty s)
{
    basicblock *end = hl_compiler_new_block(c);
    if (end == NULL)
        return 0;
    if (!hl_compiler_jump_if(c, s->v.Assert.test, end, 1))
        return 0;
    ADDOP(c, OP_LOAD_ASSERTION_ERROR);
    if (s->v.Assert.msg) {
        VISIT(c, expr, s->v.Assert.msg);
        ADDOP_I(c, OP_CALL, 0);
    }
    ADDOP_I(c, OP_RAISE_VARARGS, 1);
    hl_compiler_use_next_block(c, end);
    return 1;
}

static int compiler_import(compiler *c, stmt_ty s)
{
    HLObject *zero = hl_long_get_small(0);
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(s->v.Import.names); i++) {
        alias_ty alias = asdl_seq_GET(s->v.Import.names, i);
        ADDOP_LOAD_CONST(c, zero);
        ADDOP_LOAD_CONST(c, HL_None);
        ADDOP_NAME(c, OP_IMPORT_NAME, alias->name, names);
        HLObject *name = alias->name;
        hl_ssize_t n = HL_STR_LEN(name), dot = -1;
        for (hl_ssize_t k = 0; k < n; k++)
            if (hl_str_read_char(name, k) == '.') {
                dot = k;
                break;
            }
        if (alias->asname) {
            if (dot >= 0) {
                /* import a.b.c as d: walk the attributes */
                hl_ssize_t pos = dot;
                while (pos >= 0 && pos < n) {
                    hl_ssize_t next = -1;
                    for (hl_ssize_t k = pos + 1; k < n; k++)
                        if (hl_str_read_char(name, k) == '.') {
                            next = k;
                            break;
                        }
                    HLObject *attr = hl_str_substring(name, pos + 1, next < 0 ? n : next);
                    if (attr == NULL)
                        return 0;
                    hl_str_intern_inplace(&attr);
                    int ok = hl_compiler_addop_name(c, OP_IMPORT_FROM, attr, c->u->u_names);
                    hl_decref(attr);
                    if (!ok)
                        return 0;
                    if (next < 0)
                        break;
                    ADDOP_I(c, OP_SWAP, 2);
                    ADDOP(c, OP_POP_TOP);
                    pos = next;
                }
                if (!hl_compiler_nameop(c, alias->asname, Store))
                    return 0;
                ADDOP(c, OP_POP_TOP);
            } else if (!hl_compiler_nameop(c, alias->asname, Store)) {
                return 0;
            }
        } else {
            HLObject *tmp = dot >= 0 ? hl_str_substring(name, 0, dot) : hl_newref(name);
            if (tmp == NULL)
                return 0;
            hl_str_intern_inplace(&tmp);
            int ok = hl_compiler_nameop(c, tmp, Store);
            hl_decref(tmp);
            if (!ok)
                return 0;
        }
    }
    return 1;
}

static int compiler_from_import(compiler *c, stmt_ty s)
{
    hl_ssize_t n = asdl_seq_LEN(s->v.ImportFrom.names);
    HLObject *level = hl_long_from_long(s->v.ImportFrom.level);
    if (level == NULL)
        return 0;
    int ok = hl_compiler_addop_load_const(c, level);
    hl_decref(level);
    if (!ok)
        return 0;
    HLObject *names = hl_tuple_new(n);
    if (names == NULL)
        return 0;
    for (hl_ssize_t i = 0; i < n; i++) {
        alias_ty alias = asdl_seq_GET(s->v.ImportFrom.names, i);
        HL_TUPLE_SET(names, i, hl_newref(alias->name));
    }
    ok = hl_compiler_addop_load_const(c, names);
    hl_decref(names);
    if (!ok)
        return 0;
    if (s->v.ImportFrom.module) {
        ADDOP_NAME(c, OP_IMPORT_NAME, s->v.ImportFrom.module, names);
    } else {
        HLObject *empty = hl_str_empty();
        ok = hl_compiler_addop_name(c, OP_IMPORT_NAME, empty, c->u->u_names);
        hl_decref(empty);
        if (!ok)
            return 0;
    }
    for (hl_ssize_t i = 0; i < n; i++) {
        alias_ty alias = asdl_seq_GET(s->v.ImportFrom.names, i);
        if (i == 0 && hl_str_read_char(alias->name, 0) == '*') {
            ADDOP(c, OP_IMPORT_STAR);
            return 1;
        }
        ADDOP_NAME(c, OP_IMPORT_FROM, alias->name, names);
        if (!hl_compiler_nameop(c, alias->asname ? alias->asname : alias->name, Store))
            return 0;
    }
    ADDOP(c, OP_POP_TOP); /* the module */
    return 1;
}

static int compiler_augassign(compiler *c, stmt_ty s)
{
    expr_ty e = s->v.AugAssign.target;
    hl_location old = c->u->u_loc;
    SET_LOC(c, e);
    switch (e->kind) {
    case Attribute_kind:
        VISIT(c, expr, e->v.Attribute.value);
        ADDOP_I(c, OP_COPY, 1);
        ADDOP_NAME(c, OP_LOAD_ATTR, e->v.Attribute.attr, names);
        break;
    case Subscript_kind:
        VISIT(c, expr, e->v.Subscript.value);
        VISIT(c, expr, e->v.Subscript.slice);
        ADDOP_I(c, OP_COPY, 2);
        ADDOP_I(c, OP_COPY, 2);
        ADDOP(c, OP_BINARY_SUBSCR);
        break;
    case Name_kind:
        if (!hl_compiler_nameop(c, e->v.Name.id, Load))
            return 0;
        break;
    default:
        hl_err_set_string(hl_exc_SystemError, "invalid node type for augmented assignment");
        return 0;
    }
    c->u->u_loc = old;
    VISIT(c, expr, s->v.AugAssign.value);
    ADDOP_I(c, OP_BINARY_OP, hl_operator_to_nb(s->v.AugAssign.op) + NB_INPLACE_OFFSET);
    SET_LOC(c, e);
    switch (e->kind) {
    case Attribute_kind:
        ADDOP_I(c, OP_SWAP, 2);
        ADDOP_NAME(c, OP_STORE_ATTR, e->v.Attribute.attr, names);
        break;
    case Subscript_kind:
        ADDOP_I(c, OP_SWAP, 3);
        ADDOP_I(c, OP_SWAP, 2);
        ADDOP(c, OP_STORE_SUBSCR);
        break;
    default:
        return hl_compiler_nameop(c, e->v.Name.id, Store);
    }
    return 1;
}

static int check_ann_expr(compiler *c, expr_ty e)
{
    VISIT(c, expr, e);
    ADDOP(c, OP_POP_TOP);
    return 1;
}

static int compiler_annassign(compiler *c, stmt_ty s)
{
    expr_ty targ = s->v.AnnAssign.target;
    if (s->v.AnnAssign.value) {
        VISIT(c, expr, s->v.AnnAssign.value);
        VISIT(c, expr, targ);
    }
    switch (targ->kind) {
    case Name_kind:
        /* Record the annotation in __annotations__ at module/class level. */
        if (s->v.AnnAssign.simple && (c->u->u_scope_type == COMPILER_SCOPE_MODULE ||
                                      c->u->u_scope_type == COMPILER_SCOPE_CLASS)) {
            VISIT(c, expr, s->v.AnnAssign.annotation);
            HLObject *ann = hl_str_intern_from_cstr("__annotations__");
            int ok = ann && hl_compiler_addop_name(c, OP_LOAD_NAME, ann, c->u->u_names);
            hl_xdecref(ann);
            if (!ok)
                return 0;
            HLObject *mangled = hl_mangle(c->u->u_private, targ->v.Name.id);
            if (mangled == NULL)
                return 0;
            ok = hl_compiler_addop_load_const(c, mangled);
            hl_decref(mangled);
            if (!ok)
                return 0;
            ADDOP(c, OP_STORE_SUBSCR);
        }
        break;
    case Attribute_kind:
        if (!s->v.AnnAssign.value && !check_ann_expr(c, targ->v.Attribute.value))
            return 0;
        break;
    case Subscript_kind:
        if (!s->v.AnnAssign.value &&
            (!check_ann_expr(c, targ->v.Subscript.value) || !check_ann_expr(c, targ->v.Subscript.slice)))
            return 0;
        break;
    default:
        hl_err_set_string(hl_exc_SystemError, "invalid node type for annotated assignment");
        return 0;
    }
    return 1;
}

static int compiler_visit_stmt_expr(compiler *c, expr_ty value)
{
    if (c->c_interactive && c->c_nestlevel <= 1) {
        VISIT(c, expr, value);
        ADDOP(c, OP_PRINT_EXPR);
        return 1;
    }
    if (value->kind == Constant_kind) {
        /* A constant statement does nothing (and keeps no constant). */
        ADDOP(c, OP_NOP);
        return 1;
    }
    VISIT(c, expr, value);
    UNSET_LOC(c);
    ADDOP(c, OP_POP_TOP);
    return 1;
}

int hl_compiler_visit_stmt(compiler *c, stmt_ty s)
{
    if (++c->c_recursion > 1000) {
        c->c_recursion--;
        hl_err_set_string(hl_exc_RecursionError, "maximum recursion depth exceeded during compilation");
        return 0;
    }
    SET_LOC(c, s);
    int r = 1;
    switch (s->kind) {
    case FunctionDef_kind:
        r = compiler_function(c, s);
        break;
    case ClassDef_kind:
        r = compiler_class(c, s);
        break;
    case Return_kind:
        r = compiler_return(c, s);
        break;
    case Delete_kind:
        for (hl_ssize_t i = 0; r && i < asdl_seq_LEN(s->v.Delete.targets); i++)
            r = hl_compiler_visit_expr(c, asdl_seq_GET(s->v.Delete.targets, i));
        break;
    case Assign_kind: {
        hl_ssize_t n = asdl_seq_LEN(s->v.Assign.targets);
        r = hl_compiler_visit_expr(c, s->v.Assign.value);
        for (hl_ssize_t i = 0; r && i < n; i++) {
            if (i < n - 1)
                r = hl_compiler_addop_i(c, OP_COPY, 1);
            r = r && hl_compiler_visit_expr(c, asdl_seq_GET(s->v.Assign.targets, i));
        }
        break;
    }
    case AugAssign_kind:
        r = compiler_augassign(c, s);
        break;
    case AnnAssign_kind:
        r = compiler_annassign(c, s);
        break;
    case For_kind:
        r = compiler_for(c, s);
        break;
    case While_kind:
        r = compiler_while(c, s);
        break;
    case If_kind:
        r = compiler_if(c, s);
        break;
    case Raise_kind: {
        int n = 0;
        if (s->v.Raise.exc) {
            r = hl_compiler_visit_expr(c, s->v.Raise.exc);
            n++;
            if (r && s->v.Raise.cause) {
                r = hl_compiler_visit_expr(c, s->v.Raise.cause);
                n++;
            }
        }
        r = r && hl_compiler_addop_i(c, OP_RAISE_VARARGS, n) && next_block(c);
        break;
    }
    case Try_kind:
        r = compiler_try(c, s);
        break;
    case Assert_kind:
        r = compiler_assert(c, s);
        break;
    case Import_kind:
        r = compiler_import(c, s);
        break;
    case ImportFrom_kind:
        r = compiler_from_import(c, s);
        break;
    case Global_kind:
    case Nonlocal_kind:
        break;
    case Expr_kind:
        r = compiler_visit_stmt_expr(c, s->v.Expr.value);
        break;
    case Pass_kind:
        r = hl_compiler_addop(c, OP_NOP);
        break;
    case Break_kind:
        r = compiler_break(c);
        break;
    case Continue_kind:
        r = compiler_continue(c);
        break;
    case With_kind:
        r = compiler_with(c, s, 0);
        break;
    default:
        r = hl_compiler_error(c, "heaplab does not support this statement");
        break;
    }
    c->c_recursion--;
    return r;
}

/* ---- assembling a unit ----------------------------------------------------------- */

static int block_returns(basicblock *b)
{
    return b->b_iused > 0 && (b->b_instr[b->b_iused - 1].i_opcode == OP_RETURN_VALUE ||
                              b->b_instr[b->b_iused - 1].i_opcode == OP_RAISE_VARARGS ||
                              b->b_instr[b->b_iused - 1].i_opcode == OP_RERAISE);
}

HLObject *hl_compiler_assemble(compiler *c, int addNone)
{
    /* Make sure every path that falls off the end returns None. */
    if (!block_returns(c->u->u_curblock)) {
        UNSET_LOC(c);
        if (addNone && !hl_compiler_addop_load_const(c, HL_None))
            return NULL;
        if (!hl_compiler_addop(c, OP_RETURN_VALUE))
            return NULL;
    }
    return hl_assemble(c, c->u, 0);
}

/* ---- the entry point ------------------------------------------------------------- */

static HLObject *compiler_mod(compiler *c, mod_ty mod)
{
    HLObject *name = hl_str_intern_from_cstr("<module>");
    if (name == NULL)
        return NULL;
    int ok = hl_compiler_enter_scope(c, name, COMPILER_SCOPE_MODULE, mod, 1);
    hl_decref(name);
    if (!ok)
        return NULL;
    int addNone = 1;
    switch (mod->kind) {
    case Module_kind:
        ok = compiler_body(c, mod->v.Module.body);
        break;
    case Interactive_kind:
        ok = !find_ann(mod->v.Interactive.body) || hl_compiler_addop(c, OP_SETUP_ANNOTATIONS);
        c->c_interactive = 1;
        for (hl_ssize_t i = 0; ok && i < asdl_seq_LEN(mod->v.Interactive.body); i++)
            ok = hl_compiler_visit_stmt(c, asdl_seq_GET(mod->v.Interactive.body, i));
        break;
    case Expression_kind:
        ok = hl_compiler_visit_expr(c, mod->v.Expression.body);
        addNone = 0;
        break;
    default:
        hl_err_set_string(hl_exc_SystemError, "bad module kind");
        ok = 0;
    }
    HLObject *co = ok ? hl_compiler_assemble(c, addNone) : NULL;
    hl_compiler_exit_scope(c);
    return co;
}

HLObject *hl_compile(mod_ty mod, HLObject *filename, int mode, hl_arena *arena)
{
    (void)mode;
    compiler c;
    memset(&c, 0, sizeof c);
    c.c_filename = filename;
    c.c_arena = arena;
    if (!hl_ast_optimize(mod, arena))
        return NULL;
    c.c_const_cache = hl_dict_new();
    if (c.c_const_cache == NULL)
        return NULL;
    c.c_st = hl_symtable_build(mod, filename);
    HLObject *co = NULL;
    if (c.c_st != NULL)
        co = compiler_mod(&c, mod);
    while (c.u)
        hl_compiler_exit_scope(&c);
    hl_symtable_free(c.c_st);
    hl_decref(c.c_const_cache);
    return co;
}
