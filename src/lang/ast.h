/*
 * ast.h — CPython 3.11's abstract syntax tree as C structs.
 *
 * This is a mirror of Parser/Python.asdl, in the shape CPython's own
 * generated Include/internal/pycore_ast.h gives it: every sum type (mod,
 * stmt, expr, excepthandler, pattern, type_ignore) is a struct with a `kind`
 * tag and a union `v` holding one struct per constructor; every product type
 * (comprehension, arguments, arg, keyword, alias, withitem, match_case) is a
 * plain struct; the enumerations (expr_context, boolop, operator, unaryop,
 * cmpop) are C enums numbered from 1 as in CPython.  Names are CPython's
 * (stmt_ty, expr_ty, FunctionDef_kind, e->v.BinOp.left, Load, Add, ...), so
 * code written against CPython's AST reads the same here.
 *
 * Positions follow CPython: lineno and end_lineno are 1-based lines,
 * col_offset and end_col_offset are 0-based offsets in UTF-8 BYTES from the
 * start of the line, the end being exclusive.
 *
 * Memory: nodes and sequences are allocated from the parse arena
 * (arena.h) and die with it.  The objects a node refers to — identifiers
 * (interned str), Constant values, Constant.kind — are owned by the arena's
 * object list, so a node holds them without a reference of its own, exactly
 * as CPython's AST does.  Sequences are `asdl_seq` (pointers) or
 * `asdl_int_seq` (cmpop values); a NULL sequence means an empty one.
 *
 * The parser never builds Match, TryStar, AsyncFunctionDef, AsyncFor,
 * AsyncWith, Await, the pattern nodes or FunctionType (heaplab rejects those
 * constructs with a SyntaxError), but they are declared so the tree is
 * CPython's whole tree.
 *
 * hl_ast_dump writes a tree in the text format of CPython's
 * ast.dump(tree, include_attributes=True) (ast_dump.c); the parser tests
 * compare it with the real CPython's output.
 */
#ifndef HL_AST_H
#define HL_AST_H

#include "../runtime/object.h"
#include "arena.h"

struct hl_strbuf;

/* ASDL's builtin types.  All three are objects owned by the arena. */
typedef HLObject *identifier; /* an interned str */
typedef HLObject *string;     /* a str */
typedef HLObject *constant;   /* int, float, str, None, True, False, Ellipsis */

/* Sequences.  The typed names (asdl_expr_seq, ...) are all asdl_seq. */
typedef struct asdl_seq {
    hl_ssize_t size;
    void *elements[];
} asdl_seq;

typedef struct asdl_int_seq {
    hl_ssize_t size;
    int elements[];
} asdl_int_seq;

asdl_seq *hl_asdl_seq_new(hl_ssize_t size, hl_arena *arena);
asdl_int_seq *hl_asdl_int_seq_new(hl_ssize_t size, hl_arena *arena);

#define asdl_seq_LEN(S) ((S) == NULL ? 0 : (S)->size)
#define asdl_seq_GET(S, I) ((S)->elements[(I)])
#define asdl_seq_SET(S, I, V) ((S)->elements[(I)] = (V))

typedef enum _expr_context { Load = 1, Store = 2, Del = 3 } expr_context_ty;
typedef enum _boolop { And = 1, Or = 2 } boolop_ty;
typedef enum _operator { Add = 1, Sub = 2, Mult = 3, MatMult = 4, Div = 5, Mod = 6,
    Pow = 7, LShift = 8, RShift = 9, BitOr = 10, BitXor = 11, BitAnd = 12,
    FloorDiv = 13 } operator_ty;
typedef enum _unaryop { Invert = 1, Not = 2, UAdd = 3, USub = 4 } unaryop_ty;
typedef enum _cmpop { Eq = 1, NotEq = 2, Lt = 3, LtE = 4, Gt = 5, GtE = 6, Is = 7,
    IsNot = 8, In = 9, NotIn = 10 } cmpop_ty;

typedef struct _mod *mod_ty;
typedef struct _stmt *stmt_ty;
typedef struct _expr *expr_ty;
typedef struct _comprehension *comprehension_ty;
typedef struct _excepthandler *excepthandler_ty;
typedef struct _arguments *arguments_ty;
typedef struct _arg *arg_ty;
typedef struct _keyword *keyword_ty;
typedef struct _alias *alias_ty;
typedef struct _withitem *withitem_ty;
typedef struct _match_case *match_case_ty;
typedef struct _pattern *pattern_ty;
typedef struct _type_ignore *type_ignore_ty;

typedef asdl_seq asdl_identifier_seq;
typedef asdl_seq asdl_mod_seq;
typedef asdl_seq asdl_stmt_seq;
typedef asdl_seq asdl_expr_seq;
typedef asdl_seq asdl_comprehension_seq;
typedef asdl_seq asdl_excepthandler_seq;
typedef asdl_seq asdl_arguments_seq;
typedef asdl_seq asdl_arg_seq;
typedef asdl_seq asdl_keyword_seq;
typedef asdl_seq asdl_alias_seq;
typedef asdl_seq asdl_withitem_seq;
typedef asdl_seq asdl_match_case_seq;
typedef asdl_seq asdl_pattern_seq;
typedef asdl_seq asdl_type_ignore_seq;

enum _mod_kind { Module_kind = 1, Interactive_kind = 2, Expression_kind = 3,
    FunctionType_kind = 4 };
struct _mod {
    enum _mod_kind kind;
    union {
        struct {
            asdl_stmt_seq *body;
            asdl_type_ignore_seq *type_ignores;
        } Module;
        struct {
            asdl_stmt_seq *body;
        } Interactive;
        struct {
            expr_ty body;
        } Expression;
        struct {
            asdl_expr_seq *argtypes;
            expr_ty returns;
        } FunctionType;
    } v;
};

enum _stmt_kind { FunctionDef_kind = 1, AsyncFunctionDef_kind = 2, ClassDef_kind = 3,
    Return_kind = 4, Delete_kind = 5, Assign_kind = 6, AugAssign_kind = 7,
    AnnAssign_kind = 8, For_kind = 9, AsyncFor_kind = 10, While_kind = 11,
    If_kind = 12, With_kind = 13, AsyncWith_kind = 14, Match_kind = 15,
    Raise_kind = 16, Try_kind = 17, TryStar_kind = 18, Assert_kind = 19,
    Import_kind = 20, ImportFrom_kind = 21, Global_kind = 22, Nonlocal_kind = 23,
    Expr_kind = 24, Pass_kind = 25, Break_kind = 26, Continue_kind = 27 };
struct _stmt {
    enum _stmt_kind kind;
    union {
        struct {
            identifier name;
            arguments_ty args;
            asdl_stmt_seq *body;
            asdl_expr_seq *decorator_list;
            expr_ty returns;
            string type_comment;
        } FunctionDef;
        struct {
            identifier name;
            arguments_ty args;
            asdl_stmt_seq *body;
            asdl_expr_seq *decorator_list;
            expr_ty returns;
            string type_comment;
        } AsyncFunctionDef;
        struct {
            identifier name;
            asdl_expr_seq *bases;
            asdl_keyword_seq *keywords;
            asdl_stmt_seq *body;
            asdl_expr_seq *decorator_list;
        } ClassDef;
        struct {
            expr_ty value;
        } Return;
        struct {
            asdl_expr_seq *targets;
        } Delete;
        struct {
            asdl_expr_seq *targets;
            expr_ty value;
            string type_comment;
        } Assign;
        struct {
            expr_ty target;
            operator_ty op;
            expr_ty value;
        } AugAssign;
        struct {
            expr_ty target;
            expr_ty annotation;
            expr_ty value;
            int simple;
        } AnnAssign;
        struct {
            expr_ty target;
            expr_ty iter;
            asdl_stmt_seq *body;
            asdl_stmt_seq *orelse;
            string type_comment;
        } For;
        struct {
            expr_ty target;
            expr_ty iter;
            asdl_stmt_seq *body;
            asdl_stmt_seq *orelse;
            string type_comment;
        } AsyncFor;
        struct {
            expr_ty test;
            asdl_stmt_seq *body;
            asdl_stmt_seq *orelse;
        } While;
        struct {
            expr_ty test;
            asdl_stmt_seq *body;
            asdl_stmt_seq *orelse;
        } If;
        struct {
            asdl_withitem_seq *items;
            asdl_stmt_seq *body;
            string type_comment;
        } With;
        struct {
            asdl_withitem_seq *items;
            asdl_stmt_seq *body;
            string type_comment;
        } AsyncWith;
        struct {
            expr_ty subject;
            asdl_match_case_seq *cases;
        } Match;
        struct {
            expr_ty exc;
            expr_ty cause;
        } Raise;
        struct {
            asdl_stmt_seq *body;
            asdl_excepthandler_seq *handlers;
            asdl_stmt_seq *orelse;
            asdl_stmt_seq *finalbody;
        } Try;
        struct {
            asdl_stmt_seq *body;
            asdl_excepthandler_seq *handlers;
            asdl_stmt_seq *orelse;
            asdl_stmt_seq *finalbody;
        } TryStar;
        struct {
            expr_ty test;
            expr_ty msg;
        } Assert;
        struct {
            asdl_alias_seq *names;
        } Import;
        struct {
            identifier module;
            asdl_alias_seq *names;
            int level;
        } ImportFrom;
        struct {
            asdl_identifier_seq *names;
        } Global;
        struct {
            asdl_identifier_seq *names;
        } Nonlocal;
        struct {
            expr_ty value;
        } Expr;
    } v;
    int lineno, col_offset, end_lineno, end_col_offset;
};

enum _expr_kind { BoolOp_kind = 1, NamedExpr_kind = 2, BinOp_kind = 3,
    UnaryOp_kind = 4, Lambda_kind = 5, IfExp_kind = 6, Dict_kind = 7, Set_kind = 8,
    ListComp_kind = 9, SetComp_kind = 10, DictComp_kind = 11, GeneratorExp_kind = 12,
    Await_kind = 13, Yield_kind = 14, YieldFrom_kind = 15, Compare_kind = 16,
    Call_kind = 17, FormattedValue_kind = 18, JoinedStr_kind = 19, Constant_kind = 20,
    Attribute_kind = 21, Subscript_kind = 22, Starred_kind = 23, Name_kind = 24,
    List_kind = 25, Tuple_kind = 26, Slice_kind = 27 };
struct _expr {
    enum _expr_kind kind;
    union {
        struct {
            boolop_ty op;
            asdl_expr_seq *values;
        } BoolOp;
        struct {
            expr_ty target;
            expr_ty value;
        } NamedExpr;
        struct {
            expr_ty left;
            operator_ty op;
            expr_ty right;
        } BinOp;
        struct {
            unaryop_ty op;
            expr_ty operand;
        } UnaryOp;
        struct {
            arguments_ty args;
            expr_ty body;
        } Lambda;
        struct {
            expr_ty test;
            expr_ty body;
            expr_ty orelse;
        } IfExp;
        struct {
            asdl_expr_seq *keys;
            asdl_expr_seq *values;
        } Dict;
        struct {
            asdl_expr_seq *elts;
        } Set;
        struct {
            expr_ty elt;
            asdl_comprehension_seq *generators;
        } ListComp;
        struct {
            expr_ty elt;
            asdl_comprehension_seq *generators;
        } SetComp;
        struct {
            expr_ty key;
            expr_ty value;
            asdl_comprehension_seq *generators;
        } DictComp;
        struct {
            expr_ty elt;
            asdl_comprehension_seq *generators;
        } GeneratorExp;
        struct {
            expr_ty value;
        } Await;
        struct {
            expr_ty value;
        } Yield;
        struct {
            expr_ty value;
        } YieldFrom;
        struct {
            expr_ty left;
            asdl_int_seq *ops;
            asdl_expr_seq *comparators;
        } Compare;
        struct {
            expr_ty func;
            asdl_expr_seq *args;
            asdl_keyword_seq *keywords;
        } Call;
        struct {
            expr_ty value;
            int conversion;
            expr_ty format_spec;
        } FormattedValue;
        struct {
            asdl_expr_seq *values;
        } JoinedStr;
        struct {
            constant value;
            string kind;
        } Constant;
        struct {
            expr_ty value;
            identifier attr;
            expr_context_ty ctx;
        } Attribute;
        struct {
            expr_ty value;
            expr_ty slice;
            expr_context_ty ctx;
        } Subscript;
        struct {
            expr_ty value;
            expr_context_ty ctx;
        } Starred;
        struct {
            identifier id;
            expr_context_ty ctx;
        } Name;
        struct {
            asdl_expr_seq *elts;
            expr_context_ty ctx;
        } List;
        struct {
            asdl_expr_seq *elts;
            expr_context_ty ctx;
        } Tuple;
        struct {
            expr_ty lower;
            expr_ty upper;
            expr_ty step;
        } Slice;
    } v;
    int lineno, col_offset, end_lineno, end_col_offset;
};

struct _comprehension {
    expr_ty target;
    expr_ty iter;
    asdl_expr_seq *ifs;
    int is_async;
};

enum _excepthandler_kind { ExceptHandler_kind = 1 };
struct _excepthandler {
    enum _excepthandler_kind kind;
    union {
        struct {
            expr_ty type;
            identifier name;
            asdl_stmt_seq *body;
        } ExceptHandler;
    } v;
    int lineno, col_offset, end_lineno, end_col_offset;
};

struct _arguments {
    asdl_arg_seq *posonlyargs;
    asdl_arg_seq *args;
    arg_ty vararg;
    asdl_arg_seq *kwonlyargs;
    asdl_expr_seq *kw_defaults;
    arg_ty kwarg;
    asdl_expr_seq *defaults;
};

struct _arg {
    identifier arg;
    expr_ty annotation;
    string type_comment;
    int lineno, col_offset, end_lineno, end_col_offset;
};

struct _keyword {
    identifier arg;
    expr_ty value;
    int lineno, col_offset, end_lineno, end_col_offset;
};

struct _alias {
    identifier name;
    identifier asname;
    int lineno, col_offset, end_lineno, end_col_offset;
};

struct _withitem {
    expr_ty context_expr;
    expr_ty optional_vars;
};

struct _match_case {
    pattern_ty pattern;
    expr_ty guard;
    asdl_stmt_seq *body;
};

enum _pattern_kind { MatchValue_kind = 1, MatchSingleton_kind = 2,
    MatchSequence_kind = 3, MatchMapping_kind = 4, MatchClass_kind = 5,
    MatchStar_kind = 6, MatchAs_kind = 7, MatchOr_kind = 8 };
struct _pattern {
    enum _pattern_kind kind;
    union {
        struct {
            expr_ty value;
        } MatchValue;
        struct {
            constant value;
        } MatchSingleton;
        struct {
            asdl_pattern_seq *patterns;
        } MatchSequence;
        struct {
            asdl_expr_seq *keys;
            asdl_pattern_seq *patterns;
            identifier rest;
        } MatchMapping;
        struct {
            expr_ty cls;
            asdl_pattern_seq *patterns;
            asdl_identifier_seq *kwd_attrs;
            asdl_pattern_seq *kwd_patterns;
        } MatchClass;
        struct {
            identifier name;
        } MatchStar;
        struct {
            pattern_ty pattern;
            identifier name;
        } MatchAs;
        struct {
            asdl_pattern_seq *patterns;
        } MatchOr;
    } v;
    int lineno, col_offset, end_lineno, end_col_offset;
};

enum _type_ignore_kind { TypeIgnore_kind = 1 };
struct _type_ignore {
    enum _type_ignore_kind kind;
    union {
        struct {
            int lineno;
            string tag;
        } TypeIgnore;
    } v;
};

/* Constructors (CPython's _PyAST_*): nodes come from the arena; NULL with
 * an exception set when memory runs out or a required field is NULL. */
mod_ty hl_ast_Module(asdl_stmt_seq *body, asdl_type_ignore_seq *type_ignores,
    hl_arena *arena);
mod_ty hl_ast_Interactive(asdl_stmt_seq *body, hl_arena *arena);
mod_ty hl_ast_Expression(expr_ty body, hl_arena *arena);
mod_ty hl_ast_FunctionType(asdl_expr_seq *argtypes, expr_ty returns, hl_arena *arena);
stmt_ty hl_ast_FunctionDef(identifier name, arguments_ty args, asdl_stmt_seq *body,
    asdl_expr_seq *decorator_list, expr_ty returns, string type_comment, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
stmt_ty hl_ast_AsyncFunctionDef(identifier name, arguments_ty args,
    asdl_stmt_seq *body, asdl_expr_seq *decorator_list, expr_ty returns,
    string type_comment, int lineno, int col_offset, int end_lineno,
    int end_col_offset, hl_arena *arena);
stmt_ty hl_ast_ClassDef(identifier name, asdl_expr_seq *bases,
    asdl_keyword_seq *keywords, asdl_stmt_seq *body, asdl_expr_seq *decorator_list,
    int lineno, int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
stmt_ty hl_ast_Return(expr_ty value, int lineno, int col_offset, int end_lineno,
    int end_col_offset, hl_arena *arena);
stmt_ty hl_ast_Delete(asdl_expr_seq *targets, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena);
stmt_ty hl_ast_Assign(asdl_expr_seq *targets, expr_ty value, string type_comment,
    int lineno, int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
stmt_ty hl_ast_AugAssign(expr_ty target, operator_ty op, expr_ty value, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
stmt_ty hl_ast_AnnAssign(expr_ty target, expr_ty annotation, expr_ty value, int simple,
    int lineno, int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
stmt_ty hl_ast_For(expr_ty target, expr_ty iter, asdl_stmt_seq *body,
    asdl_stmt_seq *orelse, string type_comment, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena);
stmt_ty hl_ast_AsyncFor(expr_ty target, expr_ty iter, asdl_stmt_seq *body,
    asdl_stmt_seq *orelse, string type_comment, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena);
stmt_ty hl_ast_While(expr_ty test, asdl_stmt_seq *body, asdl_stmt_seq *orelse,
    int lineno, int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
stmt_ty hl_ast_If(expr_ty test, asdl_stmt_seq *body, asdl_stmt_seq *orelse, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
stmt_ty hl_ast_With(asdl_withitem_seq *items, asdl_stmt_seq *body, string type_comment,
    int lineno, int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
stmt_ty hl_ast_AsyncWith(asdl_withitem_seq *items, asdl_stmt_seq *body,
    string type_comment, int lineno, int col_offset, int end_lineno,
    int end_col_offset, hl_arena *arena);
stmt_ty hl_ast_Match(expr_ty subject, asdl_match_case_seq *cases, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
stmt_ty hl_ast_Raise(expr_ty exc, expr_ty cause, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena);
stmt_ty hl_ast_Try(asdl_stmt_seq *body, asdl_excepthandler_seq *handlers,
    asdl_stmt_seq *orelse, asdl_stmt_seq *finalbody, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena);
stmt_ty hl_ast_TryStar(asdl_stmt_seq *body, asdl_excepthandler_seq *handlers,
    asdl_stmt_seq *orelse, asdl_stmt_seq *finalbody, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena);
stmt_ty hl_ast_Assert(expr_ty test, expr_ty msg, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena);
stmt_ty hl_ast_Import(asdl_alias_seq *names, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena);
stmt_ty hl_ast_ImportFrom(identifier module, asdl_alias_seq *names, int level,
    int lineno, int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
stmt_ty hl_ast_Global(asdl_identifier_seq *names, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena);
stmt_ty hl_ast_Nonlocal(asdl_identifier_seq *names, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena);
stmt_ty hl_ast_Expr(expr_ty value, int lineno, int col_offset, int end_lineno,
    int end_col_offset, hl_arena *arena);
stmt_ty hl_ast_Pass(int lineno, int col_offset, int end_lineno, int end_col_offset,
    hl_arena *arena);
stmt_ty hl_ast_Break(int lineno, int col_offset, int end_lineno, int end_col_offset,
    hl_arena *arena);
stmt_ty hl_ast_Continue(int lineno, int col_offset, int end_lineno, int end_col_offset,
    hl_arena *arena);
expr_ty hl_ast_BoolOp(boolop_ty op, asdl_expr_seq *values, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena);
expr_ty hl_ast_NamedExpr(expr_ty target, expr_ty value, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena);
expr_ty hl_ast_BinOp(expr_ty left, operator_ty op, expr_ty right, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
expr_ty hl_ast_UnaryOp(unaryop_ty op, expr_ty operand, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena);
expr_ty hl_ast_Lambda(arguments_ty args, expr_ty body, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena);
expr_ty hl_ast_IfExp(expr_ty test, expr_ty body, expr_ty orelse, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
expr_ty hl_ast_Dict(asdl_expr_seq *keys, asdl_expr_seq *values, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
expr_ty hl_ast_Set(asdl_expr_seq *elts, int lineno, int col_offset, int end_lineno,
    int end_col_offset, hl_arena *arena);
expr_ty hl_ast_ListComp(expr_ty elt, asdl_comprehension_seq *generators, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
expr_ty hl_ast_SetComp(expr_ty elt, asdl_comprehension_seq *generators, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
expr_ty hl_ast_DictComp(expr_ty key, expr_ty value, asdl_comprehension_seq *generators,
    int lineno, int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
expr_ty hl_ast_GeneratorExp(expr_ty elt, asdl_comprehension_seq *generators,
    int lineno, int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
expr_ty hl_ast_Await(expr_ty value, int lineno, int col_offset, int end_lineno,
    int end_col_offset, hl_arena *arena);
expr_ty hl_ast_Yield(expr_ty value, int lineno, int col_offset, int end_lineno,
    int end_col_offset, hl_arena *arena);
expr_ty hl_ast_YieldFrom(expr_ty value, int lineno, int col_offset, int end_lineno,
    int end_col_offset, hl_arena *arena);
expr_ty hl_ast_Compare(expr_ty left, asdl_int_seq *ops, asdl_expr_seq *comparators,
    int lineno, int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
expr_ty hl_ast_Call(expr_ty func, asdl_expr_seq *args, asdl_keyword_seq *keywords,
    int lineno, int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
expr_ty hl_ast_FormattedValue(expr_ty value, int conversion, expr_ty format_spec,
    int lineno, int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
expr_ty hl_ast_JoinedStr(asdl_expr_seq *values, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena);
expr_ty hl_ast_Constant(constant value, string kind, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena);
expr_ty hl_ast_Attribute(expr_ty value, identifier attr, expr_context_ty ctx,
    int lineno, int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
expr_ty hl_ast_Subscript(expr_ty value, expr_ty slice, expr_context_ty ctx, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
expr_ty hl_ast_Starred(expr_ty value, expr_context_ty ctx, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena);
expr_ty hl_ast_Name(identifier id, expr_context_ty ctx, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena);
expr_ty hl_ast_List(asdl_expr_seq *elts, expr_context_ty ctx, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
expr_ty hl_ast_Tuple(asdl_expr_seq *elts, expr_context_ty ctx, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
expr_ty hl_ast_Slice(expr_ty lower, expr_ty upper, expr_ty step, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
comprehension_ty hl_ast_comprehension(expr_ty target, expr_ty iter, asdl_expr_seq *ifs,
    int is_async, hl_arena *arena);
excepthandler_ty hl_ast_ExceptHandler(expr_ty type, identifier name,
    asdl_stmt_seq *body, int lineno, int col_offset, int end_lineno,
    int end_col_offset, hl_arena *arena);
arguments_ty hl_ast_arguments(asdl_arg_seq *posonlyargs, asdl_arg_seq *args,
    arg_ty vararg, asdl_arg_seq *kwonlyargs, asdl_expr_seq *kw_defaults, arg_ty kwarg,
    asdl_expr_seq *defaults, hl_arena *arena);
arg_ty hl_ast_arg(identifier arg, expr_ty annotation, string type_comment, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
keyword_ty hl_ast_keyword(identifier arg, expr_ty value, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena);
alias_ty hl_ast_alias(identifier name, identifier asname, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena);
withitem_ty hl_ast_withitem(expr_ty context_expr, expr_ty optional_vars,
    hl_arena *arena);
match_case_ty hl_ast_match_case(pattern_ty pattern, expr_ty guard, asdl_stmt_seq *body,
    hl_arena *arena);
pattern_ty hl_ast_MatchValue(expr_ty value, int lineno, int col_offset, int end_lineno,
    int end_col_offset, hl_arena *arena);
pattern_ty hl_ast_MatchSingleton(constant value, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena);
pattern_ty hl_ast_MatchSequence(asdl_pattern_seq *patterns, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena);
pattern_ty hl_ast_MatchMapping(asdl_expr_seq *keys, asdl_pattern_seq *patterns,
    identifier rest, int lineno, int col_offset, int end_lineno, int end_col_offset,
    hl_arena *arena);
pattern_ty hl_ast_MatchClass(expr_ty cls, asdl_pattern_seq *patterns,
    asdl_identifier_seq *kwd_attrs, asdl_pattern_seq *kwd_patterns, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
pattern_ty hl_ast_MatchStar(identifier name, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena);
pattern_ty hl_ast_MatchAs(pattern_ty pattern, identifier name, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
pattern_ty hl_ast_MatchOr(asdl_pattern_seq *patterns, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena);
type_ignore_ty hl_ast_TypeIgnore(int lineno, string tag, hl_arena *arena);

/* Writes `mod` (or one expression) as ast.dump(node, include_attributes=True)
 * would.  Returns 0, or -1 with an exception set if a constant's repr
 * failed. */
int hl_ast_dump(struct hl_strbuf *out, mod_ty mod);
int hl_ast_dump_expr(struct hl_strbuf *out, expr_ty e);

#endif /* HL_AST_H */
