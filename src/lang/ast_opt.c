/*
 * ast_opt.c — constant folding on the AST, before symbol analysis, as
 * CPython 3.11's Python/ast_opt.c does it.
 *
 * The tree is walked bottom-up; a node whose operands are all constants is
 * replaced by a Constant node holding the computed value:
 *
 *   - unary operators on constants (-1, not 0, ~5), and `not` folded into a
 *     single is / is not / in / not in comparison;
 *   - binary operators on two constants, within CPython's size limits so a
 *     source like `'x' * 10**9` does not explode at compile time: results
 *     of at most 128 bits for int * int, int ** int and int << int, at most
 *     256 items for sequence repetition and 4096 characters for string
 *     repetition, no `%` on strings;
 *   - constant[constant] subscripts, and tuples of constants;
 *   - the iterable of a for loop or comprehension, and the right operand of
 *     `in` / `not in`: a list display becomes a tuple, a set display of
 *     constants a frozenset constant;
 *   - the name __debug__ (True).
 *
 * Every value made here is added to the parse arena's object list (as
 * CPython's make_const does), which is where its reference lives for as
 * long as the tree does — observable as the refcount of, say, the 10**6
 * of `x = 10**6` in a script.  A failing fold (1/0, an overflow) leaves the
 * node alone and the error for run time.
 *
 * A docstring made by folding ('a' + 'b' as a function's first statement)
 * is not a docstring: such an expression is wrapped in a JoinedStr, as
 * CPython's astfold_body does.
 */
#include "../objects/abstract.h"
#include "../objects/longobject.h"
#include "../objects/setobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/errors.h"
#include "compile.h"

#define MAX_INT_SIZE 128 /* bits */
#define MAX_COLLECTION_SIZE 256
#define MAX_STR_SIZE 4096
#define MAX_TOTAL_ITEMS 1024
/* Depth of the tree walk; deeper trees raise RecursionError, as the
 * recursion limit times CPython's COMPILER_STACK_FRAME_SCALE does. */
#define MAX_DEPTH 3000

typedef struct {
    hl_arena *arena;
    int depth;
} opt_state;

/* Replaces node by a constant (make_const): val is stolen; NULL means
 * "no fold", clearing whatever error the attempt raised. */
static int make_const(expr_ty node, HLObject *val, hl_arena *arena)
{
    if (val == NULL) {
        if (hl_err_exception_matches(hl_exc_MemoryError))
            return 0;
        hl_err_clear();
        return 1;
    }
    if (hl_arena_add_object(arena, val) < 0) {
        hl_decref(val);
        return 0;
    }
    node->kind = Constant_kind;
    node->v.Constant.value = val;
    node->v.Constant.kind = NULL;
    return 1;
}

static int has_starred(asdl_expr_seq *elts)
{
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(elts); i++)
        if (((expr_ty)asdl_seq_GET(elts, i))->kind == Starred_kind)
            return 1;
    return 0;
}

/* A tuple of the elements' values if they are all constants, else NULL
 * without an error. */
static HLObject *make_const_tuple(asdl_expr_seq *elts)
{
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(elts); i++)
        if (((expr_ty)asdl_seq_GET(elts, i))->kind != Constant_kind)
            return NULL;
    HLObject *t = hl_tuple_new(asdl_seq_LEN(elts));
    if (t == NULL)
        return NULL;
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(elts); i++)
        HL_TUPLE_SET(t, i, hl_newref(((expr_ty)asdl_seq_GET(elts, i))->v.Constant.value));
    return t;
}

/* ---- the folds ------------------------------------------------------------------ */

static int fold_unaryop(expr_ty node, opt_state *st)
{
    expr_ty arg = node->v.UnaryOp.operand;
    if (arg->kind != Constant_kind) {
        /* not (a is b) -> a is not b; only for operators whose negation is
         * another operator (== and < may be implemented in terms of each
         * other, so they stay). */
        if (node->v.UnaryOp.op == Not && arg->kind == Compare_kind && asdl_seq_LEN(arg->v.Compare.ops) == 1) {
            int op = 0;
            switch ((cmpop_ty)asdl_seq_GET(arg->v.Compare.ops, 0)) {
            case Is: op = IsNot; break;
            case IsNot: op = Is; break;
            case In: op = NotIn; break;
            case NotIn: op = In; break;
            default: break;
            }
            if (op) {
                arg->v.Compare.ops->elements[0] = op;
                *node = *arg;
            }
        }
        return 1;
    }
    HLObject *v = arg->v.Constant.value, *r = NULL;
    switch (node->v.UnaryOp.op) {
    case Invert: r = hl_number_invert(v); break;
    case UAdd: r = hl_number_positive(v); break;
    case USub: r = hl_number_negative(v); break;
    case Not: {
        int t = hl_object_is_true(v);
        r = t < 0 ? NULL : hl_bool_from_long(!t);
        break;
    }
    }
    return make_const(node, r, st->arena);
}

/* How many items a nested constant may still hold within `limit`. */
static hl_ssize_t check_complexity(HLObject *obj, hl_ssize_t limit)
{
    if (hl_tuple_check(obj)) {
        limit -= HL_SIZE(obj);
        for (hl_ssize_t i = 0; limit >= 0 && i < HL_SIZE(obj); i++)
            limit = check_complexity(HL_TUPLE_GET(obj, i), limit);
    } else if (hl_frozenset_check(obj)) {
        limit -= HL_SET_SIZE(obj);
        hl_ssize_t pos = 0;
        HLObject *item;
        hl_hash_t hash;
        while (limit >= 0 && hl_set_next_entry(obj, &pos, &item, &hash))
            limit = check_complexity(item, limit);
    }
    return limit;
}

static int nonzero_long(HLObject *o) { return hl_long_check(o) && hl_object_is_true(o) == 1; }

static HLObject *safe_multiply(HLObject *v, HLObject *w)
{
    if (nonzero_long(v) && nonzero_long(w)) {
        size_t vbits = hl_long_num_bits(v), wbits = hl_long_num_bits(w);
        if (vbits == (size_t)-1 || wbits == (size_t)-1 || vbits + wbits > MAX_INT_SIZE)
            return NULL;
    } else if (hl_long_check(v) && (hl_tuple_check(w) || hl_frozenset_check(w))) {
        hl_ssize_t size = hl_tuple_check(w) ? HL_SIZE(w) : HL_SET_SIZE(w);
        if (size) {
            long n = hl_long_as_long(v);
            if (n == -1 && hl_err_occurred())
                return NULL;
            if (n < 0 || n > MAX_COLLECTION_SIZE / size)
                return NULL;
            if (n && check_complexity(w, MAX_TOTAL_ITEMS / n) < 0)
                return NULL;
        }
    } else if (hl_long_check(v) && hl_str_check(w)) {
        hl_ssize_t size = HL_STR_LEN(w);
        if (size) {
            long n = hl_long_as_long(v);
            if (n == -1 && hl_err_occurred())
                return NULL;
            if (n < 0 || n > MAX_STR_SIZE / size)
                return NULL;
        }
    } else if (hl_long_check(w) && (hl_tuple_check(v) || hl_frozenset_check(v) || hl_str_check(v))) {
        return safe_multiply(w, v);
    }
    return hl_number_multiply(v, w);
}

static HLObject *safe_power(HLObject *v, HLObject *w)
{
    if (nonzero_long(v) && hl_long_check(w) && hl_long_sign(w) > 0) {
        size_t vbits = hl_long_num_bits(v), wbits = hl_long_as_size(w);
        if (vbits == (size_t)-1 || wbits == (size_t)-1 || vbits > MAX_INT_SIZE / wbits)
            return NULL;
    }
    return hl_number_power(v, w, HL_None);
}

static HLObject *safe_lshift(HLObject *v, HLObject *w)
{
    if (nonzero_long(v) && nonzero_long(w)) {
        size_t vbits = hl_long_num_bits(v), wbits = hl_long_as_size(w);
        if (vbits == (size_t)-1 || wbits == (size_t)-1 || wbits > MAX_INT_SIZE || vbits > MAX_INT_SIZE - wbits)
            return NULL;
    }
    return hl_number_lshift(v, w);
}

static HLObject *safe_mod(HLObject *v, HLObject *w)
{
    if (hl_str_check(v))
        return NULL; /* '%' formatting is left to run time */
    return hl_number_remainder(v, w);
}

static int fold_binop(expr_ty node, opt_state *st)
{
    expr_ty lhs = node->v.BinOp.left, rhs = node->v.BinOp.right;
    if (lhs->kind != Constant_kind || rhs->kind != Constant_kind)
        return 1;
    HLObject *lv = lhs->v.Constant.value, *rv = rhs->v.Constant.value, *r;
    switch (node->v.BinOp.op) {
    case Add: r = hl_number_add(lv, rv); break;
    case Sub: r = hl_number_subtract(lv, rv); break;
    case Mult: r = safe_multiply(lv, rv); break;
    case Div: r = hl_number_true_divide(lv, rv); break;
    case FloorDiv: r = hl_number_floor_divide(lv, rv); break;
    case Mod: r = safe_mod(lv, rv); break;
    case Pow: r = safe_power(lv, rv); break;
    case LShift: r = safe_lshift(lv, rv); break;
    case RShift: r = hl_number_rshift(lv, rv); break;
    case BitOr: r = hl_number_or(lv, rv); break;
    case BitXor: r = hl_number_xor(lv, rv); break;
    case BitAnd: r = hl_number_and(lv, rv); break;
    default: return 1; /* @ */
    }
    return make_const(node, r, st->arena);
}

static int fold_tuple(expr_ty node, opt_state *st)
{
    if (node->v.Tuple.ctx != Load)
        return 1;
    return make_const(node, make_const_tuple(node->v.Tuple.elts), st->arena);
}

static int fold_subscr(expr_ty node, opt_state *st)
{
    expr_ty arg = node->v.Subscript.value, idx = node->v.Subscript.slice;
    if (node->v.Subscript.ctx != Load || arg->kind != Constant_kind || idx->kind != Constant_kind)
        return 1;
    return make_const(node, hl_object_get_item(arg->v.Constant.value, idx->v.Constant.value), st->arena);
}

/* An iterable display: a list becomes a tuple (constant if it can be), a
 * set of constants a frozenset. */
static int fold_iter(expr_ty arg, opt_state *st)
{
    HLObject *newval;
    if (arg->kind == List_kind) {
        asdl_expr_seq *elts = arg->v.List.elts;
        if (has_starred(elts))
            return 1;
        expr_context_ty ctx = arg->v.List.ctx;
        arg->kind = Tuple_kind;
        arg->v.Tuple.elts = elts;
        arg->v.Tuple.ctx = ctx;
        newval = make_const_tuple(elts);
    } else if (arg->kind == Set_kind) {
        newval = make_const_tuple(arg->v.Set.elts);
        if (newval) {
            HLObject *fs = hl_frozenset_new(newval);
            hl_decref(newval);
            newval = fs;
        }
    } else {
        return 1;
    }
    return make_const(arg, newval, st->arena);
}

static int fold_compare(expr_ty node, opt_state *st)
{
    hl_ssize_t i = asdl_seq_LEN(node->v.Compare.ops) - 1;
    int op = asdl_seq_GET(node->v.Compare.ops, i);
    if (op == In || op == NotIn)
        return fold_iter(asdl_seq_GET(node->v.Compare.comparators, i), st);
    return 1;
}

/* ---- the walk --------------------------------------------------------------------- */

static int fold_expr(expr_ty node, opt_state *st);
static int fold_stmt(stmt_ty node, opt_state *st);

static int fold_expr_seq(asdl_expr_seq *seq, opt_state *st)
{
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(seq); i++) {
        expr_ty e = asdl_seq_GET(seq, i);
        if (e && !fold_expr(e, st)) /* dict keys may be NULL (**m) */
            return 0;
    }
    return 1;
}

static int fold_stmt_seq(asdl_stmt_seq *seq, opt_state *st)
{
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(seq); i++)
        if (!fold_stmt(asdl_seq_GET(seq, i), st))
            return 0;
    return 1;
}

static int is_docstring(asdl_stmt_seq *stmts)
{
    if (!asdl_seq_LEN(stmts))
        return 0;
    stmt_ty s = asdl_seq_GET(stmts, 0);
    return s->kind == Expr_kind && s->v.Expr.value->kind == Constant_kind &&
           hl_str_check(s->v.Expr.value->v.Constant.value);
}

/* A body whose first statement became a string by folding keeps having
 * no docstring (astfold_body). */
static int fold_body(asdl_stmt_seq *stmts, opt_state *st)
{
    int docstring = is_docstring(stmts);
    if (!fold_stmt_seq(stmts, st))
        return 0;
    if (!docstring && is_docstring(stmts)) {
        stmt_ty s = asdl_seq_GET(stmts, 0);
        asdl_expr_seq *values = (asdl_expr_seq *)hl_asdl_seq_new(1, st->arena);
        if (values == NULL)
            return 0;
        asdl_seq_SET(values, 0, s->v.Expr.value);
        expr_ty e = hl_ast_JoinedStr(values, s->lineno, s->col_offset, s->end_lineno, s->end_col_offset,
                                     st->arena);
        if (e == NULL)
            return 0;
        s->v.Expr.value = e;
    }
    return 1;
}

static int fold_arguments(arguments_ty a, opt_state *st)
{
    asdl_arg_seq *seqs[] = {a->posonlyargs, a->args, a->kwonlyargs};
    for (int s = 0; s < 3; s++)
        for (hl_ssize_t i = 0; i < asdl_seq_LEN(seqs[s]); i++) {
            arg_ty arg = asdl_seq_GET(seqs[s], i);
            if (arg->annotation && !fold_expr(arg->annotation, st))
                return 0;
        }
    if (a->vararg && a->vararg->annotation && !fold_expr(a->vararg->annotation, st))
        return 0;
    if (a->kwarg && a->kwarg->annotation && !fold_expr(a->kwarg->annotation, st))
        return 0;
    return fold_expr_seq(a->kw_defaults, st) && fold_expr_seq(a->defaults, st);
}

static int fold_comprehensions(asdl_comprehension_seq *gens, opt_state *st)
{
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(gens); i++) {
        comprehension_ty g = asdl_seq_GET(gens, i);
        if (!fold_expr(g->target, st) || !fold_expr(g->iter, st) || !fold_expr_seq(g->ifs, st) ||
            !fold_iter(g->iter, st))
            return 0;
    }
    return 1;
}

static int fold_keywords(asdl_keyword_seq *kws, opt_state *st)
{
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(kws); i++)
        if (!fold_expr(((keyword_ty)asdl_seq_GET(kws, i))->value, st))
            return 0;
    return 1;
}

static int enter(opt_state *st)
{
    if (++st->depth > MAX_DEPTH) {
        hl_err_set_string(hl_exc_RecursionError, "maximum recursion depth exceeded during compilation");
        return 0;
    }
    return 1;
}

#define F(e) fold_expr((e), st)
#define FOPT(e) ((e) == NULL || fold_expr((e), st))

static int fold_expr1(expr_ty node, opt_state *st)
{
    switch (node->kind) {
    case BoolOp_kind: return fold_expr_seq(node->v.BoolOp.values, st);
    case NamedExpr_kind: return F(node->v.NamedExpr.value);
    case BinOp_kind: return F(node->v.BinOp.left) && F(node->v.BinOp.right) && fold_binop(node, st);
    case UnaryOp_kind: return F(node->v.UnaryOp.operand) && fold_unaryop(node, st);
    case Lambda_kind: return fold_arguments(node->v.Lambda.args, st) && F(node->v.Lambda.body);
    case IfExp_kind: return F(node->v.IfExp.test) && F(node->v.IfExp.body) && F(node->v.IfExp.orelse);
    case Dict_kind: return fold_expr_seq(node->v.Dict.keys, st) && fold_expr_seq(node->v.Dict.values, st);
    case Set_kind: return fold_expr_seq(node->v.Set.elts, st);
    case ListComp_kind: return F(node->v.ListComp.elt) && fold_comprehensions(node->v.ListComp.generators, st);
    case SetComp_kind: return F(node->v.SetComp.elt) && fold_comprehensions(node->v.SetComp.generators, st);
    case DictComp_kind:
        return F(node->v.DictComp.key) && F(node->v.DictComp.value) &&
               fold_comprehensions(node->v.DictComp.generators, st);
    case GeneratorExp_kind:
        return F(node->v.GeneratorExp.elt) && fold_comprehensions(node->v.GeneratorExp.generators, st);
    case Await_kind: return F(node->v.Await.value);
    case Yield_kind: return FOPT(node->v.Yield.value);
    case YieldFrom_kind: return F(node->v.YieldFrom.value);
    case Compare_kind:
        return F(node->v.Compare.left) && fold_expr_seq(node->v.Compare.comparators, st) && fold_compare(node, st);
    case Call_kind:
        return F(node->v.Call.func) && fold_expr_seq(node->v.Call.args, st) && fold_keywords(node->v.Call.keywords, st);
    case FormattedValue_kind: return F(node->v.FormattedValue.value) && FOPT(node->v.FormattedValue.format_spec);
    case JoinedStr_kind: return fold_expr_seq(node->v.JoinedStr.values, st);
    case Attribute_kind: return F(node->v.Attribute.value);
    case Subscript_kind: return F(node->v.Subscript.value) && F(node->v.Subscript.slice) && fold_subscr(node, st);
    case Starred_kind: return F(node->v.Starred.value);
    case Slice_kind: return FOPT(node->v.Slice.lower) && FOPT(node->v.Slice.upper) && FOPT(node->v.Slice.step);
    case List_kind: return fold_expr_seq(node->v.List.elts, st);
    case Tuple_kind: return fold_expr_seq(node->v.Tuple.elts, st) && fold_tuple(node, st);
    case Name_kind:
        if (node->v.Name.ctx == Load && hl_str_eq_cstr(node->v.Name.id, "__debug__"))
            return make_const(node, hl_newref(HL_True), st->arena);
        return 1;
    case Constant_kind:
        return 1;
    }
    return 1;
}

static int fold_expr(expr_ty node, opt_state *st)
{
    if (!enter(st))
        return 0;
    int r = fold_expr1(node, st);
    st->depth--;
    return r;
}

static int fold_stmt1(stmt_ty node, opt_state *st)
{
    switch (node->kind) {
    case FunctionDef_kind:
        return fold_arguments(node->v.FunctionDef.args, st) && fold_body(node->v.FunctionDef.body, st) &&
               fold_expr_seq(node->v.FunctionDef.decorator_list, st) && FOPT(node->v.FunctionDef.returns);
    case AsyncFunctionDef_kind:
        return 1;
    case ClassDef_kind:
        return fold_expr_seq(node->v.ClassDef.bases, st) && fold_keywords(node->v.ClassDef.keywords, st) &&
               fold_body(node->v.ClassDef.body, st) && fold_expr_seq(node->v.ClassDef.decorator_list, st);
    case Return_kind: return FOPT(node->v.Return.value);
    case Delete_kind: return fold_expr_seq(node->v.Delete.targets, st);
    case Assign_kind: return fold_expr_seq(node->v.Assign.targets, st) && F(node->v.Assign.value);
    case AugAssign_kind: return F(node->v.AugAssign.target) && F(node->v.AugAssign.value);
    case AnnAssign_kind:
        return F(node->v.AnnAssign.target) && F(node->v.AnnAssign.annotation) && FOPT(node->v.AnnAssign.value);
    case For_kind:
        return F(node->v.For.target) && F(node->v.For.iter) && fold_stmt_seq(node->v.For.body, st) &&
               fold_stmt_seq(node->v.For.orelse, st) && fold_iter(node->v.For.iter, st);
    case While_kind:
        return F(node->v.While.test) && fold_stmt_seq(node->v.While.body, st) && fold_stmt_seq(node->v.While.orelse, st);
    case If_kind:
        return F(node->v.If.test) && fold_stmt_seq(node->v.If.body, st) && fold_stmt_seq(node->v.If.orelse, st);
    case With_kind:
        for (hl_ssize_t i = 0; i < asdl_seq_LEN(node->v.With.items); i++) {
            withitem_ty w = asdl_seq_GET(node->v.With.items, i);
            if (!F(w->context_expr) || !FOPT(w->optional_vars))
                return 0;
        }
        return fold_stmt_seq(node->v.With.body, st);
    case Raise_kind: return FOPT(node->v.Raise.exc) && FOPT(node->v.Raise.cause);
    case Try_kind:
        if (!fold_stmt_seq(node->v.Try.body, st))
            return 0;
        for (hl_ssize_t i = 0; i < asdl_seq_LEN(node->v.Try.handlers); i++) {
            excepthandler_ty h = asdl_seq_GET(node->v.Try.handlers, i);
            if (!FOPT(h->v.ExceptHandler.type) || !fold_stmt_seq(h->v.ExceptHandler.body, st))
                return 0;
        }
        return fold_stmt_seq(node->v.Try.orelse, st) && fold_stmt_seq(node->v.Try.finalbody, st);
    case Assert_kind: return F(node->v.Assert.test) && FOPT(node->v.Assert.msg);
    case Expr_kind: return F(node->v.Expr.value);
    default:
        return 1;
    }
}

static int fold_stmt(stmt_ty node, opt_state *st)
{
    if (!enter(st))
        return 0;
    int r = fold_stmt1(node, st);
    st->depth--;
    return r;
}

int hl_ast_optimize(mod_ty mod, hl_arena *arena)
{
    opt_state st = {arena, 0};
    switch (mod->kind) {
    case Module_kind: return fold_body(mod->v.Module.body, &st);
    case Interactive_kind: return fold_stmt_seq(mod->v.Interactive.body, &st);
    case Expression_kind: return fold_expr(mod->v.Expression.body, &st);
    default: return 1;
    }
}
