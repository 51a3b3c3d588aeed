/*
 * symtable.h — scopes of names (symtable.c), CPython 3.11's symbol table.
 */
#ifndef HL_SYMTABLE_H
#define HL_SYMTABLE_H

#include "ast.h"

/* Flags of a name within one block (values of ste_symbols). */
#define DEF_GLOBAL 1          /* global stmt */
#define DEF_LOCAL 2           /* assignment in code block */
#define DEF_PARAM (2 << 1)    /* formal parameter */
#define DEF_NONLOCAL (2 << 2) /* nonlocal stmt */
#define USE (2 << 3)          /* name is used */
#define DEF_FREE (2 << 4)     /* name used but not defined in nested block */
#define DEF_FREE_CLASS (2 << 5) /* free variable from class's method */
#define DEF_IMPORT (2 << 6)   /* assignment occurred via import */
#define DEF_ANNOT (2 << 7)    /* this name is annotated */
#define DEF_COMP_ITER (2 << 8) /* this name is a comprehension iteration variable */
#define DEF_BOUND (DEF_LOCAL | DEF_PARAM | DEF_IMPORT)

/* The scope of a name, stored in bits SCOPE_OFFSET.. of its flags. */
#define SCOPE_OFFSET 11
#define SCOPE_MASK (DEF_GLOBAL | DEF_LOCAL | DEF_PARAM | DEF_NONLOCAL)
enum { LOCAL = 1, GLOBAL_EXPLICIT = 2, GLOBAL_IMPLICIT = 3, FREE = 4, CELL = 5 };

typedef enum { FunctionBlock, ClassBlock, ModuleBlock } hl_block_type;
enum { NoComprehension = 0, ListComprehension, DictComprehension, SetComprehension,
       GeneratorExpression };

typedef struct hl_ste {
    void *ste_key;          /* the AST node of the block */
    HLObject *ste_name;     /* str */
    HLObject *ste_symbols;  /* dict: name -> flags (int) */
    HLObject *ste_varnames; /* list of parameter names, in order */
    HLObject *ste_directives; /* list of (name, lineno, col, end_lineno, end_col) */
    struct hl_ste **ste_children;
    int ste_nchildren, ste_children_cap;
    hl_block_type ste_type;
    int ste_nested;         /* nested in a function */
    int ste_free;           /* has free variables */
    int ste_child_free;     /* a child block has free variables */
    int ste_generator;
    int ste_coroutine;
    int ste_comprehension;  /* kind of comprehension, or 0 */
    int ste_varargs, ste_varkeywords;
    int ste_returns_value;
    int ste_needs_class_closure; /* a method uses __class__ or super() */
    int ste_comp_iter_target;
    int ste_comp_iter_expr;
    int ste_lineno, ste_col_offset, ste_end_lineno, ste_end_col_offset;
} hl_ste;

typedef struct hl_symtable {
    HLObject *st_filename;
    hl_ste *st_top;         /* the module block */
    hl_ste *st_cur;
    hl_ste **st_stack;
    int st_depth, st_stack_cap;
    HLObject *st_global;    /* borrowed: the module block's symbols */
    HLObject *st_private;   /* name of the class being visited, for mangling */
    hl_ste **st_all;        /* every entry, for lookups and freeing */
    int st_nall, st_all_cap;
    int st_recursion_depth;
} hl_symtable;

/* Builds and analyses the symbol table of a module (NULL with SyntaxError
 * or MemoryError set). */
hl_symtable *hl_symtable_build(mod_ty mod, HLObject *filename);
void hl_symtable_free(hl_symtable *st);
hl_ste *hl_symtable_lookup(hl_symtable *st, void *key);
/* The scope (LOCAL, GLOBAL_*, FREE, CELL) of name in ste, 0 if unknown. */
int hl_ste_get_scope(hl_ste *ste, HLObject *name);
long hl_ste_get_flags(hl_ste *ste, HLObject *name);
/* Name mangling of __private names inside a class. */
HLObject *hl_mangle(HLObject *privateobj, HLObject *ident);

/* Raises SyntaxError(msg) at a source range (columns 0-based here). */
void hl_syntax_error_at(HLObject *filename, const char *msg, int lineno, int col_offset,
                        int end_lineno, int end_col_offset);

#endif /* HL_SYMTABLE_H */
