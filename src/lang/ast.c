/*
 * ast.c — constructors of the AST nodes (CPython's _PyAST_* functions) and
 * of the sequences that hold them.
 *
 * Each constructor takes the node's fields, then its position
 * (lineno, col_offset, end_lineno, end_col_offset) when the ASDL type has
 * attributes, then the arena.  It checks that required fields are present —
 * CPython raises ValueError "field 'x' is required for Y", and so do we —
 * takes zeroed memory from the arena and fills it in.  Nothing here counts
 * references: the objects stored in nodes belong to the arena's list (see
 * ast.h).
 *
 * The bodies were written out mechanically from Parser/Python.asdl, one per
 * constructor, in the ASDL's order.
 */
#include "ast.h"

#include "../runtime/errors.h"

asdl_seq *hl_asdl_seq_new(hl_ssize_t size, hl_arena *arena)
{
    if (size < 0 || (size_t)size > (SIZE_MAX - sizeof(asdl_seq)) / sizeof(void *)) {
        hl_err_nomemory();
        return NULL;
    }
    asdl_seq *s = hl_arena_malloc(arena, sizeof(asdl_seq) + (size_t)size * sizeof(void *));
    if (s == NULL)
        return NULL;
    s->size = size;
    return s;
}

asdl_int_seq *hl_asdl_int_seq_new(hl_ssize_t size, hl_arena *arena)
{
    if (size < 0 || (size_t)size > (SIZE_MAX - sizeof(asdl_int_seq)) / sizeof(int)) {
        hl_err_nomemory();
        return NULL;
    }
    asdl_int_seq *s = hl_arena_malloc(arena, sizeof(asdl_int_seq) + (size_t)size * sizeof(int));
    if (s == NULL)
        return NULL;
    s->size = size;
    return s;
}

static void *missing(const char *field, const char *node)
{
    hl_err_format(hl_exc_ValueError, "field '%s' is required for %s", field, node);
    return NULL;
}

#define REQUIRED(field, node)                                                  \
    do {                                                                       \
        if ((field) == NULL)                                                   \
            return missing(#field, node);                                      \
    } while (0)

#define SET_POSITION(p)                                                        \
    do {                                                                       \
        (p)->lineno = lineno;                                                  \
        (p)->col_offset = col_offset;                                          \
        (p)->end_lineno = end_lineno;                                          \
        (p)->end_col_offset = end_col_offset;                                  \
    } while (0)

mod_ty hl_ast_Module(asdl_stmt_seq *body, asdl_type_ignore_seq *type_ignores,
    hl_arena *arena)
{
    mod_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Module_kind;
    p->v.Module.body = body;
    p->v.Module.type_ignores = type_ignores;
    return p;
}

mod_ty hl_ast_Interactive(asdl_stmt_seq *body, hl_arena *arena)
{
    mod_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Interactive_kind;
    p->v.Interactive.body = body;
    return p;
}

mod_ty hl_ast_Expression(expr_ty body, hl_arena *arena)
{
    REQUIRED(body, "Expression");
    mod_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Expression_kind;
    p->v.Expression.body = body;
    return p;
}

mod_ty hl_ast_FunctionType(asdl_expr_seq *argtypes, expr_ty returns, hl_arena *arena)
{
    REQUIRED(returns, "FunctionType");
    mod_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = FunctionType_kind;
    p->v.FunctionType.argtypes = argtypes;
    p->v.FunctionType.returns = returns;
    return p;
}

stmt_ty hl_ast_FunctionDef(identifier name, arguments_ty args, asdl_stmt_seq *body,
    asdl_expr_seq *decorator_list, expr_ty returns, string type_comment, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(name, "FunctionDef");
    REQUIRED(args, "FunctionDef");
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = FunctionDef_kind;
    p->v.FunctionDef.name = name;
    p->v.FunctionDef.args = args;
    p->v.FunctionDef.body = body;
    p->v.FunctionDef.decorator_list = decorator_list;
    p->v.FunctionDef.returns = returns;
    p->v.FunctionDef.type_comment = type_comment;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_AsyncFunctionDef(identifier name, arguments_ty args,
    asdl_stmt_seq *body, asdl_expr_seq *decorator_list, expr_ty returns,
    string type_comment, int lineno, int col_offset, int end_lineno,
    int end_col_offset, hl_arena *arena)
{
    REQUIRED(name, "AsyncFunctionDef");
    REQUIRED(args, "AsyncFunctionDef");
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = AsyncFunctionDef_kind;
    p->v.AsyncFunctionDef.name = name;
    p->v.AsyncFunctionDef.args = args;
    p->v.AsyncFunctionDef.body = body;
    p->v.AsyncFunctionDef.decorator_list = decorator_list;
    p->v.AsyncFunctionDef.returns = returns;
    p->v.AsyncFunctionDef.type_comment = type_comment;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_ClassDef(identifier name, asdl_expr_seq *bases,
    asdl_keyword_seq *keywords, asdl_stmt_seq *body, asdl_expr_seq *decorator_list,
    int lineno, int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(name, "ClassDef");
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = ClassDef_kind;
    p->v.ClassDef.name = name;
    p->v.ClassDef.bases = bases;
    p->v.ClassDef.keywords = keywords;
    p->v.ClassDef.body = body;
    p->v.ClassDef.decorator_list = decorator_list;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_Return(expr_ty value, int lineno, int col_offset, int end_lineno,
    int end_col_offset, hl_arena *arena)
{
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Return_kind;
    p->v.Return.value = value;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_Delete(asdl_expr_seq *targets, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena)
{
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Delete_kind;
    p->v.Delete.targets = targets;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_Assign(asdl_expr_seq *targets, expr_ty value, string type_comment,
    int lineno, int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(value, "Assign");
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Assign_kind;
    p->v.Assign.targets = targets;
    p->v.Assign.value = value;
    p->v.Assign.type_comment = type_comment;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_AugAssign(expr_ty target, operator_ty op, expr_ty value, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(target, "AugAssign");
    REQUIRED(value, "AugAssign");
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = AugAssign_kind;
    p->v.AugAssign.target = target;
    p->v.AugAssign.op = op;
    p->v.AugAssign.value = value;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_AnnAssign(expr_ty target, expr_ty annotation, expr_ty value, int simple,
    int lineno, int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(target, "AnnAssign");
    REQUIRED(annotation, "AnnAssign");
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = AnnAssign_kind;
    p->v.AnnAssign.target = target;
    p->v.AnnAssign.annotation = annotation;
    p->v.AnnAssign.value = value;
    p->v.AnnAssign.simple = simple;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_For(expr_ty target, expr_ty iter, asdl_stmt_seq *body,
    asdl_stmt_seq *orelse, string type_comment, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(target, "For");
    REQUIRED(iter, "For");
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = For_kind;
    p->v.For.target = target;
    p->v.For.iter = iter;
    p->v.For.body = body;
    p->v.For.orelse = orelse;
    p->v.For.type_comment = type_comment;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_AsyncFor(expr_ty target, expr_ty iter, asdl_stmt_seq *body,
    asdl_stmt_seq *orelse, string type_comment, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(target, "AsyncFor");
    REQUIRED(iter, "AsyncFor");
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = AsyncFor_kind;
    p->v.AsyncFor.target = target;
    p->v.AsyncFor.iter = iter;
    p->v.AsyncFor.body = body;
    p->v.AsyncFor.orelse = orelse;
    p->v.AsyncFor.type_comment = type_comment;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_While(expr_ty test, asdl_stmt_seq *body, asdl_stmt_seq *orelse,
    int lineno, int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(test, "While");
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = While_kind;
    p->v.While.test = test;
    p->v.While.body = body;
    p->v.While.orelse = orelse;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_If(expr_ty test, asdl_stmt_seq *body, asdl_stmt_seq *orelse, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(test, "If");
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = If_kind;
    p->v.If.test = test;
    p->v.If.body = body;
    p->v.If.orelse = orelse;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_With(asdl_withitem_seq *items, asdl_stmt_seq *body, string type_comment,
    int lineno, int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = With_kind;
    p->v.With.items = items;
    p->v.With.body = body;
    p->v.With.type_comment = type_comment;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_AsyncWith(asdl_withitem_seq *items, asdl_stmt_seq *body,
    string type_comment, int lineno, int col_offset, int end_lineno,
    int end_col_offset, hl_arena *arena)
{
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = AsyncWith_kind;
    p->v.AsyncWith.items = items;
    p->v.AsyncWith.body = body;
    p->v.AsyncWith.type_comment = type_comment;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_Match(expr_ty subject, asdl_match_case_seq *cases, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(subject, "Match");
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Match_kind;
    p->v.Match.subject = subject;
    p->v.Match.cases = cases;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_Raise(expr_ty exc, expr_ty cause, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena)
{
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Raise_kind;
    p->v.Raise.exc = exc;
    p->v.Raise.cause = cause;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_Try(asdl_stmt_seq *body, asdl_excepthandler_seq *handlers,
    asdl_stmt_seq *orelse, asdl_stmt_seq *finalbody, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena)
{
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Try_kind;
    p->v.Try.body = body;
    p->v.Try.handlers = handlers;
    p->v.Try.orelse = orelse;
    p->v.Try.finalbody = finalbody;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_TryStar(asdl_stmt_seq *body, asdl_excepthandler_seq *handlers,
    asdl_stmt_seq *orelse, asdl_stmt_seq *finalbody, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena)
{
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = TryStar_kind;
    p->v.TryStar.body = body;
    p->v.TryStar.handlers = handlers;
    p->v.TryStar.orelse = orelse;
    p->v.TryStar.finalbody = finalbody;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_Assert(expr_ty test, expr_ty msg, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(test, "Assert");
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Assert_kind;
    p->v.Assert.test = test;
    p->v.Assert.msg = msg;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_Import(asdl_alias_seq *names, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena)
{
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Import_kind;
    p->v.Import.names = names;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_ImportFrom(identifier module, asdl_alias_seq *names, int level,
    int lineno, int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = ImportFrom_kind;
    p->v.ImportFrom.module = module;
    p->v.ImportFrom.names = names;
    p->v.ImportFrom.level = level;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_Global(asdl_identifier_seq *names, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena)
{
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Global_kind;
    p->v.Global.names = names;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_Nonlocal(asdl_identifier_seq *names, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena)
{
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Nonlocal_kind;
    p->v.Nonlocal.names = names;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_Expr(expr_ty value, int lineno, int col_offset, int end_lineno,
    int end_col_offset, hl_arena *arena)
{
    REQUIRED(value, "Expr");
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Expr_kind;
    p->v.Expr.value = value;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_Pass(int lineno, int col_offset, int end_lineno, int end_col_offset,
    hl_arena *arena)
{
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Pass_kind;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_Break(int lineno, int col_offset, int end_lineno, int end_col_offset,
    hl_arena *arena)
{
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Break_kind;
    SET_POSITION(p);
    return p;
}

stmt_ty hl_ast_Continue(int lineno, int col_offset, int end_lineno, int end_col_offset,
    hl_arena *arena)
{
    stmt_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Continue_kind;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_BoolOp(boolop_ty op, asdl_expr_seq *values, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena)
{
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = BoolOp_kind;
    p->v.BoolOp.op = op;
    p->v.BoolOp.values = values;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_NamedExpr(expr_ty target, expr_ty value, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(target, "NamedExpr");
    REQUIRED(value, "NamedExpr");
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = NamedExpr_kind;
    p->v.NamedExpr.target = target;
    p->v.NamedExpr.value = value;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_BinOp(expr_ty left, operator_ty op, expr_ty right, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(left, "BinOp");
    REQUIRED(right, "BinOp");
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = BinOp_kind;
    p->v.BinOp.left = left;
    p->v.BinOp.op = op;
    p->v.BinOp.right = right;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_UnaryOp(unaryop_ty op, expr_ty operand, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(operand, "UnaryOp");
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = UnaryOp_kind;
    p->v.UnaryOp.op = op;
    p->v.UnaryOp.operand = operand;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_Lambda(arguments_ty args, expr_ty body, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(args, "Lambda");
    REQUIRED(body, "Lambda");
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Lambda_kind;
    p->v.Lambda.args = args;
    p->v.Lambda.body = body;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_IfExp(expr_ty test, expr_ty body, expr_ty orelse, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(test, "IfExp");
    REQUIRED(body, "IfExp");
    REQUIRED(orelse, "IfExp");
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = IfExp_kind;
    p->v.IfExp.test = test;
    p->v.IfExp.body = body;
    p->v.IfExp.orelse = orelse;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_Dict(asdl_expr_seq *keys, asdl_expr_seq *values, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Dict_kind;
    p->v.Dict.keys = keys;
    p->v.Dict.values = values;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_Set(asdl_expr_seq *elts, int lineno, int col_offset, int end_lineno,
    int end_col_offset, hl_arena *arena)
{
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Set_kind;
    p->v.Set.elts = elts;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_ListComp(expr_ty elt, asdl_comprehension_seq *generators, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(elt, "ListComp");
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = ListComp_kind;
    p->v.ListComp.elt = elt;
    p->v.ListComp.generators = generators;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_SetComp(expr_ty elt, asdl_comprehension_seq *generators, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(elt, "SetComp");
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = SetComp_kind;
    p->v.SetComp.elt = elt;
    p->v.SetComp.generators = generators;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_DictComp(expr_ty key, expr_ty value, asdl_comprehension_seq *generators,
    int lineno, int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(key, "DictComp");
    REQUIRED(value, "DictComp");
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = DictComp_kind;
    p->v.DictComp.key = key;
    p->v.DictComp.value = value;
    p->v.DictComp.generators = generators;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_GeneratorExp(expr_ty elt, asdl_comprehension_seq *generators,
    int lineno, int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(elt, "GeneratorExp");
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = GeneratorExp_kind;
    p->v.GeneratorExp.elt = elt;
    p->v.GeneratorExp.generators = generators;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_Await(expr_ty value, int lineno, int col_offset, int end_lineno,
    int end_col_offset, hl_arena *arena)
{
    REQUIRED(value, "Await");
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Await_kind;
    p->v.Await.value = value;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_Yield(expr_ty value, int lineno, int col_offset, int end_lineno,
    int end_col_offset, hl_arena *arena)
{
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Yield_kind;
    p->v.Yield.value = value;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_YieldFrom(expr_ty value, int lineno, int col_offset, int end_lineno,
    int end_col_offset, hl_arena *arena)
{
    REQUIRED(value, "YieldFrom");
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = YieldFrom_kind;
    p->v.YieldFrom.value = value;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_Compare(expr_ty left, asdl_int_seq *ops, asdl_expr_seq *comparators,
    int lineno, int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(left, "Compare");
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Compare_kind;
    p->v.Compare.left = left;
    p->v.Compare.ops = ops;
    p->v.Compare.comparators = comparators;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_Call(expr_ty func, asdl_expr_seq *args, asdl_keyword_seq *keywords,
    int lineno, int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(func, "Call");
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Call_kind;
    p->v.Call.func = func;
    p->v.Call.args = args;
    p->v.Call.keywords = keywords;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_FormattedValue(expr_ty value, int conversion, expr_ty format_spec,
    int lineno, int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(value, "FormattedValue");
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = FormattedValue_kind;
    p->v.FormattedValue.value = value;
    p->v.FormattedValue.conversion = conversion;
    p->v.FormattedValue.format_spec = format_spec;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_JoinedStr(asdl_expr_seq *values, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena)
{
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = JoinedStr_kind;
    p->v.JoinedStr.values = values;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_Constant(constant value, string kind, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(value, "Constant");
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Constant_kind;
    p->v.Constant.value = value;
    p->v.Constant.kind = kind;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_Attribute(expr_ty value, identifier attr, expr_context_ty ctx,
    int lineno, int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(value, "Attribute");
    REQUIRED(attr, "Attribute");
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Attribute_kind;
    p->v.Attribute.value = value;
    p->v.Attribute.attr = attr;
    p->v.Attribute.ctx = ctx;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_Subscript(expr_ty value, expr_ty slice, expr_context_ty ctx, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(value, "Subscript");
    REQUIRED(slice, "Subscript");
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Subscript_kind;
    p->v.Subscript.value = value;
    p->v.Subscript.slice = slice;
    p->v.Subscript.ctx = ctx;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_Starred(expr_ty value, expr_context_ty ctx, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(value, "Starred");
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Starred_kind;
    p->v.Starred.value = value;
    p->v.Starred.ctx = ctx;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_Name(identifier id, expr_context_ty ctx, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(id, "Name");
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Name_kind;
    p->v.Name.id = id;
    p->v.Name.ctx = ctx;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_List(asdl_expr_seq *elts, expr_context_ty ctx, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = List_kind;
    p->v.List.elts = elts;
    p->v.List.ctx = ctx;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_Tuple(asdl_expr_seq *elts, expr_context_ty ctx, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Tuple_kind;
    p->v.Tuple.elts = elts;
    p->v.Tuple.ctx = ctx;
    SET_POSITION(p);
    return p;
}

expr_ty hl_ast_Slice(expr_ty lower, expr_ty upper, expr_ty step, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    expr_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = Slice_kind;
    p->v.Slice.lower = lower;
    p->v.Slice.upper = upper;
    p->v.Slice.step = step;
    SET_POSITION(p);
    return p;
}

comprehension_ty hl_ast_comprehension(expr_ty target, expr_ty iter, asdl_expr_seq *ifs,
    int is_async, hl_arena *arena)
{
    REQUIRED(target, "comprehension");
    REQUIRED(iter, "comprehension");
    comprehension_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->target = target;
    p->iter = iter;
    p->ifs = ifs;
    p->is_async = is_async;
    return p;
}

excepthandler_ty hl_ast_ExceptHandler(expr_ty type, identifier name,
    asdl_stmt_seq *body, int lineno, int col_offset, int end_lineno,
    int end_col_offset, hl_arena *arena)
{
    excepthandler_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = ExceptHandler_kind;
    p->v.ExceptHandler.type = type;
    p->v.ExceptHandler.name = name;
    p->v.ExceptHandler.body = body;
    SET_POSITION(p);
    return p;
}

arguments_ty hl_ast_arguments(asdl_arg_seq *posonlyargs, asdl_arg_seq *args,
    arg_ty vararg, asdl_arg_seq *kwonlyargs, asdl_expr_seq *kw_defaults, arg_ty kwarg,
    asdl_expr_seq *defaults, hl_arena *arena)
{
    arguments_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->posonlyargs = posonlyargs;
    p->args = args;
    p->vararg = vararg;
    p->kwonlyargs = kwonlyargs;
    p->kw_defaults = kw_defaults;
    p->kwarg = kwarg;
    p->defaults = defaults;
    return p;
}

arg_ty hl_ast_arg(identifier arg, expr_ty annotation, string type_comment, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(arg, "arg");
    arg_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->arg = arg;
    p->annotation = annotation;
    p->type_comment = type_comment;
    SET_POSITION(p);
    return p;
}

keyword_ty hl_ast_keyword(identifier arg, expr_ty value, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(value, "keyword");
    keyword_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->arg = arg;
    p->value = value;
    SET_POSITION(p);
    return p;
}

alias_ty hl_ast_alias(identifier name, identifier asname, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(name, "alias");
    alias_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->name = name;
    p->asname = asname;
    SET_POSITION(p);
    return p;
}

withitem_ty hl_ast_withitem(expr_ty context_expr, expr_ty optional_vars,
    hl_arena *arena)
{
    REQUIRED(context_expr, "withitem");
    withitem_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->context_expr = context_expr;
    p->optional_vars = optional_vars;
    return p;
}

match_case_ty hl_ast_match_case(pattern_ty pattern, expr_ty guard, asdl_stmt_seq *body,
    hl_arena *arena)
{
    REQUIRED(pattern, "match_case");
    match_case_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->pattern = pattern;
    p->guard = guard;
    p->body = body;
    return p;
}

pattern_ty hl_ast_MatchValue(expr_ty value, int lineno, int col_offset, int end_lineno,
    int end_col_offset, hl_arena *arena)
{
    REQUIRED(value, "MatchValue");
    pattern_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = MatchValue_kind;
    p->v.MatchValue.value = value;
    SET_POSITION(p);
    return p;
}

pattern_ty hl_ast_MatchSingleton(constant value, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(value, "MatchSingleton");
    pattern_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = MatchSingleton_kind;
    p->v.MatchSingleton.value = value;
    SET_POSITION(p);
    return p;
}

pattern_ty hl_ast_MatchSequence(asdl_pattern_seq *patterns, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena)
{
    pattern_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = MatchSequence_kind;
    p->v.MatchSequence.patterns = patterns;
    SET_POSITION(p);
    return p;
}

pattern_ty hl_ast_MatchMapping(asdl_expr_seq *keys, asdl_pattern_seq *patterns,
    identifier rest, int lineno, int col_offset, int end_lineno, int end_col_offset,
    hl_arena *arena)
{
    pattern_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = MatchMapping_kind;
    p->v.MatchMapping.keys = keys;
    p->v.MatchMapping.patterns = patterns;
    p->v.MatchMapping.rest = rest;
    SET_POSITION(p);
    return p;
}

pattern_ty hl_ast_MatchClass(expr_ty cls, asdl_pattern_seq *patterns,
    asdl_identifier_seq *kwd_attrs, asdl_pattern_seq *kwd_patterns, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    REQUIRED(cls, "MatchClass");
    pattern_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = MatchClass_kind;
    p->v.MatchClass.cls = cls;
    p->v.MatchClass.patterns = patterns;
    p->v.MatchClass.kwd_attrs = kwd_attrs;
    p->v.MatchClass.kwd_patterns = kwd_patterns;
    SET_POSITION(p);
    return p;
}

pattern_ty hl_ast_MatchStar(identifier name, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena)
{
    pattern_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = MatchStar_kind;
    p->v.MatchStar.name = name;
    SET_POSITION(p);
    return p;
}

pattern_ty hl_ast_MatchAs(pattern_ty pattern, identifier name, int lineno,
    int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    pattern_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = MatchAs_kind;
    p->v.MatchAs.pattern = pattern;
    p->v.MatchAs.name = name;
    SET_POSITION(p);
    return p;
}

pattern_ty hl_ast_MatchOr(asdl_pattern_seq *patterns, int lineno, int col_offset,
    int end_lineno, int end_col_offset, hl_arena *arena)
{
    pattern_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = MatchOr_kind;
    p->v.MatchOr.patterns = patterns;
    SET_POSITION(p);
    return p;
}

type_ignore_ty hl_ast_TypeIgnore(int lineno, string tag, hl_arena *arena)
{
    REQUIRED(tag, "TypeIgnore");
    type_ignore_ty p = hl_arena_malloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->kind = TypeIgnore_kind;
    p->v.TypeIgnore.lineno = lineno;
    p->v.TypeIgnore.tag = tag;
    return p;
}

