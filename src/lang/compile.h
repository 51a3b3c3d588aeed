/*
 * compile.h — the compiler's internal structures, shared by compile.c
 * (statements, scopes, names), compile_expr.c (expressions) and assemble.c
 * (control-flow graph to code object).  The public entry point is in
 * compiler.h.
 *
 * The compiler emits instructions into basic blocks of a control-flow
 * graph, as CPython 3.11's does; exception handling uses the pseudo
 * instructions SETUP_FINALLY / SETUP_CLEANUP / SETUP_WITH / POP_BLOCK,
 * which the assembler turns into the exception table.
 */
#ifndef HL_COMPILE_H
#define HL_COMPILE_H

#include "../objects/codeobject.h"
#include "ast.h"
#include "opcodes.h"
#include "symtable.h"

typedef struct hl_location {
    int lineno, end_lineno, col_offset, end_col_offset;
} hl_location;

#define NO_LOCATION ((hl_location){-1, -1, -1, -1})

struct basicblock_;

typedef struct instr {
    int i_opcode;
    int i_oparg;
    struct basicblock_ *i_target; /* jump or SETUP_* target */
    struct basicblock_ *i_except; /* innermost handler (set by the assembler) */
    hl_location i_loc;
} instr;

typedef struct basicblock_ {
    struct basicblock_ *b_list;   /* every block of the unit, newest first */
    struct basicblock_ *b_next;   /* layout order (fall-through) */
    instr *b_instr;
    int b_iused, b_ialloc;
    int b_startdepth;             /* stack depth at entry, -1 unknown */
    int b_offset;                 /* instruction index once laid out */
    struct basicblock_ **b_exceptstack; /* handler stack at entry */
    unsigned b_visited : 1;
    unsigned b_preserve_lasti : 1; /* the handler pushes lasti too */
    unsigned b_except_predecessors : 1;
} basicblock;

/* Frame blocks: what break/continue/return must unwind. */
enum fblocktype {
    WHILE_LOOP, FOR_LOOP, TRY_EXCEPT, FINALLY_TRY, FINALLY_END, WITH, HANDLER_CLEANUP,
    POP_VALUE, EXCEPTION_HANDLER
};

struct fblockinfo {
    enum fblocktype fb_type;
    basicblock *fb_block;
    basicblock *fb_exit;  /* (optional) the loop's exit, for break */
    void *fb_datum;       /* finally body, with-statement, or handler name */
};

#define CO_MAXBLOCKS 20

enum { COMPILER_SCOPE_MODULE, COMPILER_SCOPE_CLASS, COMPILER_SCOPE_FUNCTION,
       COMPILER_SCOPE_LAMBDA, COMPILER_SCOPE_COMPREHENSION };

typedef struct compiler_unit {
    hl_ste *u_ste;
    HLObject *u_name, *u_qualname;
    int u_scope_type;
    HLObject *u_consts;   /* dict: constant key -> index */
    HLObject *u_names;    /* dict: name -> index (co_names) */
    HLObject *u_varnames; /* dict: local name -> index */
    HLObject *u_cellvars; /* dict: cell name -> index */
    HLObject *u_freevars; /* dict: free name -> index */
    HLObject *u_private;  /* class name for mangling */
    int u_argcount, u_posonlyargcount, u_kwonlyargcount;
    basicblock *u_blocks;
    basicblock *u_curblock;
    int u_nfblocks;
    struct fblockinfo u_fblock[CO_MAXBLOCKS];
    int u_firstlineno;
    hl_location u_loc;
    struct compiler_unit *u_parent;
} compiler_unit;

typedef struct compiler {
    HLObject *c_filename;
    hl_symtable *c_st;
    HLObject *c_const_cache; /* dict shared by all units: merges constants */
    compiler_unit *u;
    int c_interactive;       /* "single" mode: expression statements print */
    int c_nestlevel;
    hl_arena *c_arena;
    int c_recursion;
} compiler;

/* compile.c */
int hl_compiler_addop(compiler *c, int opcode);
int hl_compiler_addop_i(compiler *c, int opcode, int oparg);
int hl_compiler_addop_j(compiler *c, int opcode, basicblock *target);
int hl_compiler_addop_load_const(compiler *c, HLObject *o);
int hl_compiler_addop_name(compiler *c, int opcode, HLObject *name, HLObject *dict);
basicblock *hl_compiler_new_block(compiler *c);
void hl_compiler_use_next_block(compiler *c, basicblock *block);
int hl_compiler_nameop(compiler *c, HLObject *name, expr_context_ty ctx);
int hl_compiler_error(compiler *c, const char *msg);
int hl_compiler_add_const(compiler *c, HLObject *o); /* index, -1 on error */
int hl_compiler_add_o(HLObject *dict, HLObject *o);
int hl_compiler_enter_scope(compiler *c, HLObject *name, int scope_type, void *key, int lineno);
void hl_compiler_exit_scope(compiler *c);
HLObject *hl_compiler_assemble(compiler *c, int addNone);
int hl_compiler_make_closure(compiler *c, HLObject *co, int flags, HLObject *qualname);
int hl_compiler_visit_stmt(compiler *c, stmt_ty s);
int hl_compiler_push_fblock(compiler *c, enum fblocktype t, basicblock *b, basicblock *exit, void *datum);
void hl_compiler_pop_fblock(compiler *c, enum fblocktype t, basicblock *b);
HLObject *hl_compiler_merge_const(compiler *c, HLObject *o); /* steals o, returns canonical */

/* compile_expr.c */
int hl_operator_to_nb(operator_ty op); /* BINARY_OP's argument */
int hl_compiler_visit_expr(compiler *c, expr_ty e);
int hl_compiler_jump_if(compiler *c, expr_ty e, basicblock *next, int cond);
int hl_compiler_call_helper(compiler *c, int n, asdl_expr_seq *args, asdl_keyword_seq *keywords);
int hl_compiler_visit_defaults(compiler *c, arguments_ty args, int *flags);
int hl_compiler_function_body(compiler *c, void *key, HLObject *name, arguments_ty args,
                              asdl_stmt_seq *body, expr_ty lambda_body, int firstlineno);
int hl_compiler_visit_annexpr(compiler *c, expr_ty annotation);

/* ast_opt.c: constant folding, done before symbol analysis */
int hl_ast_optimize(mod_ty mod, hl_arena *arena);

/* assemble.c */
HLObject *hl_assemble(compiler *c, compiler_unit *u, int nlocalsplus_hint);

#define SET_LOC(c, x)                                                          \
    ((c)->u->u_loc = (hl_location){(x)->lineno, (x)->end_lineno, (x)->col_offset, \
                                   (x)->end_col_offset})
#define UNSET_LOC(c) ((c)->u->u_loc = NO_LOCATION)

#define ADDOP(C, OP) \
    do { if (!hl_compiler_addop((C), (OP))) return 0; } while (0)
#define ADDOP_I(C, OP, O) \
    do { if (!hl_compiler_addop_i((C), (OP), (O))) return 0; } while (0)
#define ADDOP_JUMP(C, OP, O) \
    do { if (!hl_compiler_addop_j((C), (OP), (O))) return 0; } while (0)
#define ADDOP_LOAD_CONST(C, O) \
    do { if (!hl_compiler_addop_load_const((C), (O))) return 0; } while (0)
#define ADDOP_NAME(C, OP, O, TYPE) \
    do { if (!hl_compiler_addop_name((C), (OP), (O), (C)->u->u_##TYPE)) return 0; } while (0)
#define VISIT(C, TYPE, V) \
    do { if (!hl_compiler_visit_##TYPE((C), (V))) return 0; } while (0)
#define VISIT_SEQ(C, TYPE, SEQ)                                                \
    do {                                                                       \
        for (hl_ssize_t _i = 0; _i < asdl_seq_LEN(SEQ); _i++)                  \
            if (!hl_compiler_visit_##TYPE((C), asdl_seq_GET((SEQ), _i)))       \
                return 0;                                                      \
    } while (0)
#define RETURN_IF_FALSE(X) \
    do { if (!(X)) return 0; } while (0)

#endif /* HL_COMPILE_H */
