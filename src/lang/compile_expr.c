/*
 * compile_expr.c — expressions, calls, displays, comprehensions, lambdas
 * and function bodies, as CPython 3.11's compiler emits them.
 *
 * Details that show in refcounts and allocation counts, kept from 3.11:
 *  - a list/set display of more than two constants builds the empty
 *    container and extends it from one constant tuple (so [1, 2, 3] has 4
 *    slots, allocated exactly), a dict display with constant keys uses
 *    BUILD_CONST_KEY_MAP with a constant tuple of keys;
 *  - obj.meth(args) loads the method unbound (LOAD_METHOD) — no bound
 *    method object — unless obj is a module-level imported name;
 *  - a comprehension is a nested function, created and called on the spot
 *    with the outermost iterator as its argument;
 *  - keyword names travel in a constant tuple (KW_NAMES);
 *  - every instruction carries the source range of the expression that
 *    emitted it, which is what a traceback underlines.
 */
#include "compile.h"

#include "../objects/setobject.h"

#include "../objects/dictobject.h"
#include "../objects/listobject.h"
#include "../objects/longobject.h"
#include "../objects/strobject.h"
#include "../objects/abstract.h"
#include "../objects/tupleobject.h"
#include "../runtime/errors.h"

#define STACK_USE_GUIDELINE 30

int hl_operator_to_nb(operator_ty op)
{
    switch (op) {
    case Add: return HL_NB_ADD;
    case Sub: return HL_NB_SUBTRACT;
    case Mult: return HL_NB_MULTIPLY;
    case MatMult: return HL_NB_MATRIX_MULTIPLY;
    case Div: return HL_NB_TRUE_DIVIDE;
    case Mod: return HL_NB_REMAINDER;
    case Pow: return HL_NB_POWER;
    case LShift: return HL_NB_LSHIFT;
    case RShift: return HL_NB_RSHIFT;
    case BitOr: return HL_NB_OR;
    case BitXor: return HL_NB_XOR;
    case BitAnd: return HL_NB_AND;
    case FloorDiv: return HL_NB_FLOOR_DIVIDE;
    }
    return HL_NB_ADD;
}

static int addop_compare(compiler *c, cmpop_ty op)
{
    switch (op) {
    case Is: ADDOP_I(c, OP_IS_OP, 0); break;
    case IsNot: ADDOP_I(c, OP_IS_OP, 1); break;
    case In: ADDOP_I(c, OP_CONTAINS_OP, 0); break;
    case NotIn: ADDOP_I(c, OP_CONTAINS_OP, 1); break;
    case Eq: ADDOP_I(c, OP_COMPARE_OP, HL_EQ); break;
    case NotEq: ADDOP_I(c, OP_COMPARE_OP, HL_NE); break;
    case Lt: ADDOP_I(c, OP_COMPARE_OP, HL_LT); break;
    case LtE: ADDOP_I(c, OP_COMPARE_OP, HL_LE); break;
    case Gt: ADDOP_I(c, OP_COMPARE_OP, HL_GT); break;
    case GtE: ADDOP_I(c, OP_COMPARE_OP, HL_GE); break;
    }
    return 1;
}

/* A constant made here (not by the parser) goes through the const cache;
 * steals o. */
static int addop_load_const_new(compiler *c, HLObject *o)
{
    if (o == NULL)
        return 0;
    int r = hl_compiler_addop_load_const(c, o);
    hl_decref(o);
    return r;
}

static int are_all_items_const(asdl_expr_seq *seq, hl_ssize_t begin, hl_ssize_t end)
{
    for (hl_ssize_t i = begin; i < end; i++) {
        expr_ty key = asdl_seq_GET(seq, i);
        if (key == NULL || key->kind != Constant_kind)
            return 0;
    }
    return 1;
}

/* ---- displays ----------------------------------------------------------------- */

static int starunpack_helper(compiler *c, asdl_expr_seq *elts, int pushed, int build, int add,
                             int extend, int tuple)
{
    hl_ssize_t n = asdl_seq_LEN(elts);
    if (n > 2 && are_all_items_const(elts, 0, n)) {
        HLObject *folded = hl_tuple_new(n);
        if (folded == NULL)
            return 0;
        for (hl_ssize_t i = 0; i < n; i++)
            HL_TUPLE_SET(folded, i, hl_newref(((expr_ty)asdl_seq_GET(elts, i))->v.Constant.value));
        if (tuple && !pushed)
            return addop_load_const_new(c, folded);
        if (add == OP_SET_ADD) {
            HLObject *fs = hl_frozenset_new(folded);
            hl_decref(folded);
            if (fs == NULL)
                return 0;
            folded = fs;
        }
        if (!hl_compiler_addop_i(c, build, pushed) || !addop_load_const_new(c, folded))
            return 0;
        ADDOP_I(c, extend, 1);
        if (tuple)
            ADDOP(c, OP_LIST_TO_TUPLE);
        return 1;
    }
    int big = n + pushed > STACK_USE_GUIDELINE;
    int seen_star = 0;
    for (hl_ssize_t i = 0; i < n; i++)
        if (((expr_ty)asdl_seq_GET(elts, i))->kind == Starred_kind)
            seen_star = 1;
    if (!seen_star && !big) {
        for (hl_ssize_t i = 0; i < n; i++)
            VISIT(c, expr, (expr_ty)asdl_seq_GET(elts, i));
        ADDOP_I(c, tuple ? OP_BUILD_TUPLE : build, (int)n + pushed);
        return 1;
    }
    int sequence_built = 0;
    if (big) {
        ADDOP_I(c, build, pushed);
        sequence_built = 1;
    }
    for (hl_ssize_t i = 0; i < n; i++) {
        expr_ty elt = asdl_seq_GET(elts, i);
        if (elt->kind == Starred_kind) {
            if (!sequence_built) {
                ADDOP_I(c, build, (int)i + pushed);
                sequence_built = 1;
            }
            VISIT(c, expr, elt->v.Starred.value);
            ADDOP_I(c, extend, 1);
        } else {
            VISIT(c, expr, elt);
            if (sequence_built)
                ADDOP_I(c, add, 1);
        }
    }
    if (tuple)
        ADDOP(c, OP_LIST_TO_TUPLE);
    return 1;
}

static int unpack_helper(compiler *c, asdl_expr_seq *elts)
{
    hl_ssize_t n = asdl_seq_LEN(elts);
    int seen_star = 0;
    for (hl_ssize_t i = 0; i < n; i++) {
        expr_ty elt = asdl_seq_GET(elts, i);
        if (elt->kind == Starred_kind && !seen_star) {
            if (i >= (1 << 8) || n - i - 1 >= (1 << 15))
                return hl_compiler_error(c, "too many expressions in star-unpacking assignment");
            ADDOP_I(c, OP_UNPACK_EX, (int)(i + ((n - i - 1) << 8)));
            seen_star = 1;
        } else if (elt->kind == Starred_kind) {
            return hl_compiler_error(c, "multiple starred expressions in assignment");
        }
    }
    if (!seen_star)
        ADDOP_I(c, OP_UNPACK_SEQUENCE, (int)n);
    return 1;
}

static int assignment_helper(compiler *c, asdl_expr_seq *elts)
{
    if (!unpack_helper(c, elts))
        return 0;
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(elts); i++) {
        expr_ty elt = asdl_seq_GET(elts, i);
        VISIT(c, expr, elt->kind != Starred_kind ? elt : elt->v.Starred.value);
    }
    return 1;
}

static int compiler_subdict(compiler *c, expr_ty e, hl_ssize_t begin, hl_ssize_t end)
{
    hl_ssize_t n = end - begin;
    int big = n * 2 > STACK_USE_GUIDELINE;
    if (n > 1 && !big && are_all_items_const(e->v.Dict.keys, begin, end)) {
        for (hl_ssize_t i = begin; i < end; i++)
            VISIT(c, expr, (expr_ty)asdl_seq_GET(e->v.Dict.values, i));
        HLObject *keys = hl_tuple_new(n);
        if (keys == NULL)
            return 0;
        for (hl_ssize_t i = begin; i < end; i++)
            HL_TUPLE_SET(keys, i - begin, hl_newref(((expr_ty)asdl_seq_GET(e->v.Dict.keys, i))->v.Constant.value));
        if (!addop_load_const_new(c, keys))
            return 0;
        ADDOP_I(c, OP_BUILD_CONST_KEY_MAP, (int)n);
        return 1;
    }
    if (big)
        ADDOP_I(c, OP_BUILD_MAP, 0);
    for (hl_ssize_t i = begin; i < end; i++) {
        VISIT(c, expr, (expr_ty)asdl_seq_GET(e->v.Dict.keys, i));
        VISIT(c, expr, (expr_ty)asdl_seq_GET(e->v.Dict.values, i));
        if (big)
            ADDOP_I(c, OP_MAP_ADD, 1);
    }
    if (!big)
        ADDOP_I(c, OP_BUILD_MAP, (int)n);
    return 1;
}

static int compiler_dict(compiler *c, expr_ty e)
{
    hl_ssize_t n = asdl_seq_LEN(e->v.Dict.values), elements = 0;
    int have_dict = 0;
    for (hl_ssize_t i = 0; i < n; i++) {
        int is_unpacking = asdl_seq_GET(e->v.Dict.keys, i) == NULL;
        if (is_unpacking) {
            if (elements) {
                if (!compiler_subdict(c, e, i - elements, i))
                    return 0;
                if (have_dict)
                    ADDOP_I(c, OP_DICT_UPDATE, 1);
                have_dict = 1;
                elements = 0;
            }
            if (!have_dict) {
                ADDOP_I(c, OP_BUILD_MAP, 0);
                have_dict = 1;
            }
            VISIT(c, expr, (expr_ty)asdl_seq_GET(e->v.Dict.values, i));
            ADDOP_I(c, OP_DICT_UPDATE, 1);
        } else if (elements * 2 > STACK_USE_GUIDELINE) {
            if (!compiler_subdict(c, e, i - elements, i + 1))
                return 0;
            if (have_dict)
                ADDOP_I(c, OP_DICT_UPDATE, 1);
            have_dict = 1;
            elements = 0;
        } else {
            elements++;
        }
    }
    if (elements) {
        if (!compiler_subdict(c, e, n - elements, n))
            return 0;
        if (have_dict)
            ADDOP_I(c, OP_DICT_UPDATE, 1);
        have_dict = 1;
    }
    if (!have_dict)
        ADDOP_I(c, OP_BUILD_MAP, 0);
    return 1;
}

/* ---- comparisons and conditions -------------------------------------------------- */

static int compiler_compare(compiler *c, expr_ty e)
{
    VISIT(c, expr, e->v.Compare.left);
    hl_ssize_t n = asdl_seq_LEN(e->v.Compare.ops) - 1;
    if (n == 0) {
        VISIT(c, expr, (expr_ty)asdl_seq_GET(e->v.Compare.comparators, 0));
        return addop_compare(c, e->v.Compare.ops->elements[0]);
    }
    basicblock *cleanup = hl_compiler_new_block(c), *end;
    if (cleanup == NULL)
        return 0;
    for (hl_ssize_t i = 0; i < n; i++) {
        VISIT(c, expr, (expr_ty)asdl_seq_GET(e->v.Compare.comparators, i));
        ADDOP_I(c, OP_SWAP, 2);
        ADDOP_I(c, OP_COPY, 2);
        if (!addop_compare(c, e->v.Compare.ops->elements[i]))
            return 0;
        ADDOP_JUMP(c, OP_JUMP_IF_FALSE_OR_POP, cleanup);
    }
    VISIT(c, expr, (expr_ty)asdl_seq_GET(e->v.Compare.comparators, n));
    if (!addop_compare(c, e->v.Compare.ops->elements[n]))
        return 0;
    end = hl_compiler_new_block(c);
    if (end == NULL)
        return 0;
    hl_location loc = c->u->u_loc;
    UNSET_LOC(c);
    ADDOP_JUMP(c, OP_JUMP, end);
    c->u->u_loc = loc;
    hl_compiler_use_next_block(c, cleanup);
    ADDOP_I(c, OP_SWAP, 2);
    ADDOP(c, OP_POP_TOP);
    hl_compiler_use_next_block(c, end);
    return 1;
}

int hl_compiler_jump_if(compiler *c, expr_ty e, basicblock *next, int cond)
{
    switch (e->kind) {
    case UnaryOp_kind:
        if (e->v.UnaryOp.op == Not)
            return hl_compiler_jump_if(c, e->v.UnaryOp.operand, next, !cond);
        break;
    case BoolOp_kind: {
        asdl_expr_seq *s = e->v.BoolOp.values;
        hl_ssize_t n = asdl_seq_LEN(s) - 1;
        int cond2 = e->v.BoolOp.op == Or;
        basicblock *next2 = next;
        if (!cond2 != !cond) {
            next2 = hl_compiler_new_block(c);
            if (next2 == NULL)
                return 0;
        }
        for (hl_ssize_t i = 0; i < n; ++i)
            if (!hl_compiler_jump_if(c, asdl_seq_GET(s, i), next2, cond2))
                return 0;
        if (!hl_compiler_jump_if(c, asdl_seq_GET(s, n), next, cond))
            return 0;
        if (next2 != next)
            hl_compiler_use_next_block(c, next2);
        return 1;
    }
    case IfExp_kind: {
        basicblock *end = hl_compiler_new_block(c), *next2 = hl_compiler_new_block(c);
        if (end == NULL || next2 == NULL)
            return 0;
        if (!hl_compiler_jump_if(c, e->v.IfExp.test, next2, 0) ||
            !hl_compiler_jump_if(c, e->v.IfExp.body, next, cond))
            return 0;
        UNSET_LOC(c);
        ADDOP_JUMP(c, OP_JUMP, end);
        hl_compiler_use_next_block(c, next2);
        if (!hl_compiler_jump_if(c, e->v.IfExp.orelse, next, cond))
            return 0;
        hl_compiler_use_next_block(c, end);
        return 1;
    }
    case Compare_kind: {
        /* 3.11 sets the comparison's location here and leaves it set: the
         * jump, and whatever the statement emits after it (an assert's
         * raise, a loop's implicit return) point at the comparison. */
        SET_LOC(c, e);
        hl_ssize_t n = asdl_seq_LEN(e->v.Compare.ops) - 1;
        if (n > 0) {
            basicblock *cleanup = hl_compiler_new_block(c);
            if (cleanup == NULL)
                return 0;
            VISIT(c, expr, e->v.Compare.left);
            for (hl_ssize_t i = 0; i < n; i++) {
                VISIT(c, expr, (expr_ty)asdl_seq_GET(e->v.Compare.comparators, i));
                ADDOP_I(c, OP_SWAP, 2);
                ADDOP_I(c, OP_COPY, 2);
                if (!addop_compare(c, e->v.Compare.ops->elements[i]))
                    return 0;
                ADDOP_JUMP(c, OP_POP_JUMP_IF_FALSE, cleanup);
            }
            VISIT(c, expr, (expr_ty)asdl_seq_GET(e->v.Compare.comparators, n));
            if (!addop_compare(c, e->v.Compare.ops->elements[n]))
                return 0;
            ADDOP_JUMP(c, cond ? OP_POP_JUMP_IF_TRUE : OP_POP_JUMP_IF_FALSE, next);
            basicblock *end = hl_compiler_new_block(c);
            if (end == NULL)
                return 0;
            ADDOP_JUMP(c, OP_JUMP, end);
            hl_compiler_use_next_block(c, cleanup);
            ADDOP(c, OP_POP_TOP);
            if (!cond)
                ADDOP_JUMP(c, OP_JUMP, next);
            hl_compiler_use_next_block(c, end);
            return 1;
        }
        break;
    }
    default:
        break;
    }
    VISIT(c, expr, e);
    ADDOP_JUMP(c, cond ? OP_POP_JUMP_IF_TRUE : OP_POP_JUMP_IF_FALSE, next);
    return 1;
}

static int compiler_boolop(compiler *c, expr_ty e)
{
    int jumpi = e->v.BoolOp.op == And ? OP_JUMP_IF_FALSE_OR_POP : OP_JUMP_IF_TRUE_OR_POP;
    basicblock *end = hl_compiler_new_block(c);
    if (end == NULL)
        return 0;
    asdl_expr_seq *s = e->v.BoolOp.values;
    hl_ssize_t n = asdl_seq_LEN(s) - 1;
    for (hl_ssize_t i = 0; i < n; ++i) {
        VISIT(c, expr, (expr_ty)asdl_seq_GET(s, i));
        ADDOP_JUMP(c, jumpi, end);
        basicblock *next = hl_compiler_new_block(c);
        if (next == NULL)
            return 0;
        hl_compiler_use_next_block(c, next);
    }
    VISIT(c, expr, (expr_ty)asdl_seq_GET(s, n));
    hl_compiler_use_next_block(c, end);
    return 1;
}

static int compiler_ifexp(compiler *c, expr_ty e)
{
    basicblock *end = hl_compiler_new_block(c), *next = hl_compiler_new_block(c);
    if (end == NULL || next == NULL)
        return 0;
    if (!hl_compiler_jump_if(c, e->v.IfExp.test, next, 0))
        return 0;
    VISIT(c, expr, e->v.IfExp.body);
    hl_location loc = c->u->u_loc;
    UNSET_LOC(c);
    ADDOP_JUMP(c, OP_JUMP, end);
    c->u->u_loc = loc;
    hl_compiler_use_next_block(c, next);
    VISIT(c, expr, e->v.IfExp.orelse);
    hl_compiler_use_next_block(c, end);
    return 1;
}

/* ---- calls ------------------------------------------------------------------------ */

static int call_simple_kw_helper(compiler *c, asdl_keyword_seq *keywords, hl_ssize_t nkwelts)
{
    HLObject *names = hl_tuple_new(nkwelts);
    if (names == NULL)
        return 0;
    for (hl_ssize_t i = 0; i < nkwelts; i++)
        HL_TUPLE_SET(names, i, hl_newref(((keyword_ty)asdl_seq_GET(keywords, i))->arg));
    int arg = hl_compiler_add_const(c, names);
    hl_decref(names);
    if (arg < 0)
        return 0;
    ADDOP_I(c, OP_KW_NAMES, arg);
    return 1;
}

static int validate_keywords(compiler *c, asdl_keyword_seq *keywords)
{
    hl_ssize_t n = asdl_seq_LEN(keywords);
    for (hl_ssize_t i = 0; i < n; i++) {
        keyword_ty key = asdl_seq_GET(keywords, i);
        if (key->arg == NULL)
            continue;
        for (hl_ssize_t j = i + 1; j < n; j++) {
            keyword_ty other = asdl_seq_GET(keywords, j);
            if (other->arg && hl_str_eq(key->arg, other->arg)) {
                SET_LOC(c, other);
                HLObject *msg = hl_str_from_format("keyword argument repeated: %U", key->arg);
                hl_ssize_t len;
                const char *s = msg ? hl_str_as_utf8(msg, &len) : NULL;
                if (s)
                    hl_compiler_error(c, s);
                hl_xdecref(msg);
                return 0;
            }
        }
    }
    return 1;
}

static int compiler_subkwargs(compiler *c, asdl_keyword_seq *keywords, hl_ssize_t begin, hl_ssize_t end)
{
    hl_ssize_t n = end - begin;
    int big = n * 2 > STACK_USE_GUIDELINE;
    if (n > 1 && !big) {
        for (hl_ssize_t i = begin; i < end; i++)
            VISIT(c, expr, ((keyword_ty)asdl_seq_GET(keywords, i))->value);
        HLObject *keys = hl_tuple_new(n);
        if (keys == NULL)
            return 0;
        for (hl_ssize_t i = begin; i < end; i++)
            HL_TUPLE_SET(keys, i - begin, hl_newref(((keyword_ty)asdl_seq_GET(keywords, i))->arg));
        if (!addop_load_const_new(c, keys))
            return 0;
        ADDOP_I(c, OP_BUILD_CONST_KEY_MAP, (int)n);
        return 1;
    }
    if (big)
        ADDOP_I(c, OP_BUILD_MAP, 0);
    for (hl_ssize_t i = begin; i < end; i++) {
        keyword_ty kw = asdl_seq_GET(keywords, i);
        ADDOP_LOAD_CONST(c, kw->arg);
        VISIT(c, expr, kw->value);
        if (big)
            ADDOP_I(c, OP_MAP_ADD, 1);
    }
    if (!big)
        ADDOP_I(c, OP_BUILD_MAP, (int)n);
    return 1;
}

int hl_compiler_call_helper(compiler *c, int n, asdl_expr_seq *args, asdl_keyword_seq *keywords)
{
    if (!validate_keywords(c, keywords))
        return 0;
    hl_ssize_t nelts = asdl_seq_LEN(args), nkwelts = asdl_seq_LEN(keywords);
    if (nelts + nkwelts * 2 > STACK_USE_GUIDELINE)
        goto ex_call;
    for (hl_ssize_t i = 0; i < nelts; i++)
        if (((expr_ty)asdl_seq_GET(args, i))->kind == Starred_kind)
            goto ex_call;
    for (hl_ssize_t i = 0; i < nkwelts; i++)
        if (((keyword_ty)asdl_seq_GET(keywords, i))->arg == NULL)
            goto ex_call;
    for (hl_ssize_t i = 0; i < nelts; i++)
        VISIT(c, expr, (expr_ty)asdl_seq_GET(args, i));
    if (nkwelts) {
        for (hl_ssize_t i = 0; i < nkwelts; i++)
            VISIT(c, expr, ((keyword_ty)asdl_seq_GET(keywords, i))->value);
        if (!call_simple_kw_helper(c, keywords, nkwelts))
            return 0;
    }
    ADDOP_I(c, OP_CALL, n + (int)nelts + (int)nkwelts);
    return 1;

ex_call:
    if (n == 0 && nelts == 1 && ((expr_ty)asdl_seq_GET(args, 0))->kind == Starred_kind) {
        VISIT(c, expr, ((expr_ty)asdl_seq_GET(args, 0))->v.Starred.value);
    } else if (!starunpack_helper(c, args, n, OP_BUILD_LIST, OP_LIST_APPEND, OP_LIST_EXTEND, 1)) {
        return 0;
    }
    if (nkwelts) {
        int have_dict = 0;
        hl_ssize_t nseen = 0;
        for (hl_ssize_t i = 0; i < nkwelts; i++) {
            keyword_ty kw = asdl_seq_GET(keywords, i);
            if (kw->arg == NULL) {
                if (nseen) {
                    if (!compiler_subkwargs(c, keywords, i - nseen, i))
                        return 0;
                    if (have_dict)
                        ADDOP_I(c, OP_DICT_MERGE, 1);
                    have_dict = 1;
                    nseen = 0;
                }
                if (!have_dict) {
                    ADDOP_I(c, OP_BUILD_MAP, 0);
                    have_dict = 1;
                }
                VISIT(c, expr, kw->value);
                ADDOP_I(c, OP_DICT_MERGE, 1);
            } else {
                nseen++;
            }
        }
        if (nseen) {
            if (!compiler_subkwargs(c, keywords, nkwelts - nseen, nkwelts))
                return 0;
            if (have_dict)
                ADDOP_I(c, OP_DICT_MERGE, 1);
        }
    }
    ADDOP_I(c, OP_CALL_FUNCTION_EX, nkwelts > 0);
    return 1;
}

/* obj.meth(...) with plain arguments: LOAD_METHOD, no bound method. */
static int maybe_optimize_method_call(compiler *c, expr_ty e)
{
    expr_ty meth = e->v.Call.func;
    asdl_expr_seq *args = e->v.Call.args;
    asdl_keyword_seq *kwds = e->v.Call.keywords;
    if (meth->kind != Attribute_kind || meth->v.Attribute.ctx != Load)
        return -1;
    /* A module-level imported name: plain attribute call. */
    if (meth->v.Attribute.value->kind == Name_kind &&
        (hl_ste_get_flags(c->c_st->st_top, meth->v.Attribute.value->v.Name.id) & DEF_IMPORT))
        return -1;
    hl_ssize_t argsl = asdl_seq_LEN(args), kwdsl = asdl_seq_LEN(kwds);
    if (argsl + kwdsl + (kwdsl != 0) >= STACK_USE_GUIDELINE)
        return -1;
    for (hl_ssize_t i = 0; i < argsl; i++)
        if (((expr_ty)asdl_seq_GET(args, i))->kind == Starred_kind)
            return -1;
    for (hl_ssize_t i = 0; i < kwdsl; i++)
        if (((keyword_ty)asdl_seq_GET(kwds, i))->arg == NULL)
            return -1;
    if (!validate_keywords(c, kwds))
        return 0;
    VISIT(c, expr, meth->v.Attribute.value);
    int old_lineno = c->u->u_loc.lineno;
    c->u->u_loc.lineno = meth->end_lineno;
    ADDOP_NAME(c, OP_LOAD_METHOD, meth->v.Attribute.attr, names);
    c->u->u_loc.lineno = old_lineno;
    for (hl_ssize_t i = 0; i < argsl; i++)
        VISIT(c, expr, (expr_ty)asdl_seq_GET(args, i));
    if (kwdsl) {
        for (hl_ssize_t i = 0; i < kwdsl; i++)
            VISIT(c, expr, ((keyword_ty)asdl_seq_GET(kwds, i))->value);
        if (!call_simple_kw_helper(c, kwds, kwdsl))
            return 0;
    }
    c->u->u_loc.lineno = meth->end_lineno;
    ADDOP_I(c, OP_CALL, (int)(argsl + kwdsl));
    c->u->u_loc.lineno = old_lineno;
    return 1;
}

static int compiler_call(compiler *c, expr_ty e)
{
    int ret = maybe_optimize_method_call(c, e);
    if (ret >= 0)
        return ret;
    SET_LOC(c, e->v.Call.func);
    ADDOP(c, OP_PUSH_NULL);
    SET_LOC(c, e);
    VISIT(c, expr, e->v.Call.func);
    return hl_compiler_call_helper(c, 0, e->v.Call.args, e->v.Call.keywords);
}

/* ---- functions and lambdas ---------------------------------------------------------- */

int hl_compiler_visit_defaults(compiler *c, arguments_ty args, int *flags)
{
    if (asdl_seq_LEN(args->defaults) > 0) {
        VISIT_SEQ(c, expr, args->defaults);
        ADDOP_I(c, OP_BUILD_TUPLE, (int)asdl_seq_LEN(args->defaults));
        *flags |= MAKE_FUNCTION_DEFAULTS;
    }
    /* keyword-only defaults as a dict */
    HLObject *keys = NULL;
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(args->kwonlyargs); i++) {
        arg_ty arg = asdl_seq_GET(args->kwonlyargs, i);
        expr_ty dflt = asdl_seq_GET(args->kw_defaults, i);
        if (dflt == NULL)
            continue;
        HLObject *mangled = hl_mangle(c->u->u_private, arg->arg);
        if (mangled == NULL || (keys == NULL && (keys = hl_list_new(0)) == NULL) ||
            hl_list_append(keys, mangled) < 0) {
            hl_xdecref(mangled);
            hl_xdecref(keys);
            return 0;
        }
        hl_decref(mangled);
        if (!hl_compiler_visit_expr(c, dflt)) {
            hl_decref(keys);
            return 0;
        }
    }
    if (keys) {
        hl_ssize_t n = HL_SIZE(keys);
        HLObject *t = hl_list_as_tuple(keys);
        hl_decref(keys);
        if (!addop_load_const_new(c, t))
            return 0;
        ADDOP_I(c, OP_BUILD_CONST_KEY_MAP, (int)n);
        *flags |= MAKE_FUNCTION_KWDEFAULTS;
    }
    return 1;
}

static int visit_argannotation(compiler *c, HLObject *id, expr_ty annotation, int *count)
{
    if (!annotation)
        return 1;
    HLObject *mangled = hl_mangle(c->u->u_private, id);
    if (mangled == NULL)
        return 0;
    int ok = hl_compiler_addop_load_const(c, mangled);
    hl_decref(mangled);
    if (!ok || !hl_compiler_visit_expr(c, annotation))
        return 0;
    (*count)++;
    return 1;
}

static int visit_annotations(compiler *c, arguments_ty args, expr_ty returns, int *flags)
{
    int count = 0;
    asdl_arg_seq *seqs[] = {args->args, args->posonlyargs, args->kwonlyargs};
    for (int s = 0; s < 3; s++)
        for (hl_ssize_t i = 0; i < asdl_seq_LEN(seqs[s]); i++) {
            arg_ty a = asdl_seq_GET(seqs[s], i);
            if (!visit_argannotation(c, a->arg, a->annotation, &count))
                return 0;
        }
    if (args->vararg && !visit_argannotation(c, args->vararg->arg, args->vararg->annotation, &count))
        return 0;
    if (args->kwarg && !visit_argannotation(c, args->kwarg->arg, args->kwarg->annotation, &count))
        return 0;
    if (returns) {
        HLObject *ret = hl_str_intern_from_cstr("return");
        int ok = ret && visit_argannotation(c, ret, returns, &count);
        hl_xdecref(ret);
        if (!ok)
            return 0;
    }
    if (count) {
        ADDOP_I(c, OP_BUILD_TUPLE, count * 2);
        *flags |= MAKE_FUNCTION_ANNOTATIONS;
    }
    return 1;
}

int hl_compiler_function_body(compiler *c, void *key, HLObject *name, arguments_ty args,
                              asdl_stmt_seq *body, expr_ty lambda_body, int firstlineno)
{
    int flags = 0;
    if (!hl_compiler_visit_defaults(c, args, &flags))
        return 0;
    if (lambda_body == NULL) {
        stmt_ty s = key;
        if (!visit_annotations(c, args, s->v.FunctionDef.returns, &flags))
            return 0;
    }
    int scope = lambda_body ? COMPILER_SCOPE_LAMBDA : COMPILER_SCOPE_FUNCTION;
    if (!hl_compiler_enter_scope(c, name, scope, key, firstlineno))
        return 0;
    HLObject *docstring = NULL;
    hl_ssize_t first = 0;
    if (lambda_body == NULL && asdl_seq_LEN(body)) {
        stmt_ty st = asdl_seq_GET(body, 0);
        if (st->kind == Expr_kind && st->v.Expr.value->kind == Constant_kind &&
            hl_str_check(st->v.Expr.value->v.Constant.value)) {
            docstring = st->v.Expr.value->v.Constant.value;
            first = 1;
        }
    }
    /* co_consts[0] is the docstring, or None (which a lambda always has). */
    if (hl_compiler_add_const(c, docstring ? docstring : HL_None) < 0) {
        hl_compiler_exit_scope(c);
        return 0;
    }
    c->u->u_argcount = (int)asdl_seq_LEN(args->args);
    c->u->u_posonlyargcount = (int)asdl_seq_LEN(args->posonlyargs);
    c->u->u_kwonlyargcount = (int)asdl_seq_LEN(args->kwonlyargs);
    int ok = 1;
    HLObject *co = NULL;
    if (lambda_body) {
        ok = hl_compiler_visit_expr(c, lambda_body);
        if (ok && c->u->u_ste->ste_generator) {
            co = hl_compiler_assemble(c, 0);
        } else if (ok) {
            ok = hl_compiler_addop(c, OP_RETURN_VALUE);
            co = ok ? hl_compiler_assemble(c, 1) : NULL;
        }
    } else {
        for (hl_ssize_t i = first; ok && i < asdl_seq_LEN(body); i++)
            ok = hl_compiler_visit_stmt(c, asdl_seq_GET(body, i));
        co = ok ? hl_compiler_assemble(c, 1) : NULL;
    }
    HLObject *qualname = c->u->u_qualname ? hl_newref(c->u->u_qualname) : NULL;
    hl_compiler_exit_scope(c);
    if (co == NULL) {
        hl_xdecref(qualname);
        return 0;
    }
    ok = hl_compiler_make_closure(c, co, flags, qualname);
    hl_xdecref(qualname);
    hl_decref(co);
    return ok;
}

/* ---- comprehensions --------------------------------------------------------------- */

enum { COMP_GENEXP, COMP_LISTCOMP, COMP_SETCOMP, COMP_DICTCOMP };

static int comprehension_generator(compiler *c, asdl_comprehension_seq *generators, int gen_index,
                                   int depth, expr_ty elt, expr_ty val, int type)
{
    basicblock *start = hl_compiler_new_block(c), *if_cleanup = hl_compiler_new_block(c);
    basicblock *anchor = hl_compiler_new_block(c);
    if (!start || !if_cleanup || !anchor)
        return 0;
    comprehension_ty gen = asdl_seq_GET(generators, gen_index);
    if (gen_index == 0) {
        /* The outermost iterator is the argument. */
        c->u->u_argcount = 1;
        ADDOP_I(c, OP_LOAD_FAST, 0);
    } else {
        /* for y in [f(x)]: a one-element display is just the value. */
        asdl_expr_seq *elts = gen->iter->kind == List_kind    ? gen->iter->v.List.elts
                              : gen->iter->kind == Tuple_kind ? gen->iter->v.Tuple.elts
                                                              : NULL;
        if (asdl_seq_LEN(elts) == 1) {
            expr_ty e1 = asdl_seq_GET(elts, 0);
            if (e1->kind != Starred_kind) {
                VISIT(c, expr, e1);
                start = NULL;
            }
        }
        if (start) {
            VISIT(c, expr, gen->iter);
            ADDOP(c, OP_GET_ITER);
        }
    }
    if (start) {
        depth++;
        hl_compiler_use_next_block(c, start);
        ADDOP_JUMP(c, OP_FOR_ITER, anchor);
    }
    VISIT(c, expr, gen->target);
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(gen->ifs); i++)
        if (!hl_compiler_jump_if(c, asdl_seq_GET(gen->ifs, i), if_cleanup, 0))
            return 0;
    if (++gen_index < asdl_seq_LEN(generators) &&
        !comprehension_generator(c, generators, gen_index, depth, elt, val, type))
        return 0;
    if (gen_index >= asdl_seq_LEN(generators)) {
        switch (type) {
        case COMP_GENEXP:
            VISIT(c, expr, elt);
            ADDOP(c, OP_YIELD_VALUE);
            ADDOP(c, OP_POP_TOP);
            break;
        case COMP_LISTCOMP:
            VISIT(c, expr, elt);
            ADDOP_I(c, OP_LIST_APPEND, depth + 1);
            break;
        case COMP_SETCOMP:
            VISIT(c, expr, elt);
            ADDOP_I(c, OP_SET_ADD, depth + 1);
            break;
        case COMP_DICTCOMP:
            VISIT(c, expr, elt);
            VISIT(c, expr, val);
            ADDOP_I(c, OP_MAP_ADD, depth + 1);
            break;
        }
    }
    hl_compiler_use_next_block(c, if_cleanup);
    if (start) {
        ADDOP_JUMP(c, OP_JUMP, start);
        hl_compiler_use_next_block(c, anchor);
    }
    return 1;
}

static int compiler_comprehension(compiler *c, expr_ty e, int type, const char *name,
                                  asdl_comprehension_seq *generators, expr_ty elt, expr_ty val)
{
    comprehension_ty outermost = asdl_seq_GET(generators, 0);
    HLObject *n = hl_str_intern_from_cstr(name);
    if (n == NULL)
        return 0;
    int ok = hl_compiler_enter_scope(c, n, COMPILER_SCOPE_COMPREHENSION, e, e->lineno);
    hl_decref(n);
    if (!ok)
        return 0;
    SET_LOC(c, e);
    if (type != COMP_GENEXP) {
        int op = type == COMP_LISTCOMP ? OP_BUILD_LIST : type == COMP_SETCOMP ? OP_BUILD_SET : OP_BUILD_MAP;
        ok = hl_compiler_addop_i(c, op, 0);
    }
    ok = ok && comprehension_generator(c, generators, 0, 0, elt, val, type);
    if (ok && type != COMP_GENEXP)
        ok = hl_compiler_addop(c, OP_RETURN_VALUE);
    HLObject *co = ok ? hl_compiler_assemble(c, 1) : NULL;
    HLObject *qualname = hl_newref(c->u->u_qualname);
    hl_compiler_exit_scope(c);
    if (co == NULL) {
        hl_decref(qualname);
        return 0;
    }
    ok = hl_compiler_make_closure(c, co, 0, qualname);
    hl_decref(qualname);
    hl_decref(co);
    if (!ok)
        return 0;
    VISIT(c, expr, outermost->iter);
    ADDOP(c, OP_GET_ITER);
    ADDOP_I(c, OP_CALL, 0);
    return 1;
}

/* ---- f-strings ------------------------------------------------------------------------ */

static int compiler_formatted_value(compiler *c, expr_ty e)
{
    VISIT(c, expr, e->v.FormattedValue.value);
    int oparg;
    switch (e->v.FormattedValue.conversion) {
    case 's': oparg = FVC_STR; break;
    case 'r': oparg = FVC_REPR; break;
    case 'a': oparg = FVC_ASCII; break;
    default: oparg = FVC_NONE; break;
    }
    if (e->v.FormattedValue.format_spec) {
        VISIT(c, expr, e->v.FormattedValue.format_spec);
        oparg |= FVS_HAVE_SPEC;
    }
    ADDOP_I(c, OP_FORMAT_VALUE, oparg);
    return 1;
}

static int compiler_joined_str(compiler *c, expr_ty e)
{
    hl_ssize_t n = asdl_seq_LEN(e->v.JoinedStr.values);
    if (n > STACK_USE_GUIDELINE) {
        HLObject *join = hl_str_intern_from_cstr("join");
        int ok = addop_load_const_new(c, hl_str_empty()) && join &&
                 hl_compiler_addop_name(c, OP_LOAD_METHOD, join, c->u->u_names) &&
                 hl_compiler_addop_i(c, OP_BUILD_LIST, 0);
        hl_xdecref(join);
        if (!ok)
            return 0;
        for (hl_ssize_t i = 0; i < n; i++) {
            VISIT(c, expr, (expr_ty)asdl_seq_GET(e->v.JoinedStr.values, i));
            ADDOP_I(c, OP_LIST_APPEND, 1);
        }
        ADDOP_I(c, OP_CALL, 1);
        return 1;
    }
    VISIT_SEQ(c, expr, e->v.JoinedStr.values);
    if (n != 1)
        ADDOP_I(c, OP_BUILD_STRING, (int)n);
    return 1;
}

/* ---- the dispatcher ------------------------------------------------------------------ */

static int visit_expr1(compiler *c, expr_ty e)
{
    switch (e->kind) {
    case NamedExpr_kind:
        VISIT(c, expr, e->v.NamedExpr.value);
        ADDOP_I(c, OP_COPY, 1);
        VISIT(c, expr, e->v.NamedExpr.target);
        return 1;
    case BoolOp_kind:
        return compiler_boolop(c, e);
    case BinOp_kind:
        VISIT(c, expr, e->v.BinOp.left);
        VISIT(c, expr, e->v.BinOp.right);
        ADDOP_I(c, OP_BINARY_OP, hl_operator_to_nb(e->v.BinOp.op));
        return 1;
    case UnaryOp_kind:
        VISIT(c, expr, e->v.UnaryOp.operand);
        switch (e->v.UnaryOp.op) {
        case UAdd: ADDOP(c, OP_UNARY_POSITIVE); break;
        case USub: ADDOP(c, OP_UNARY_NEGATIVE); break;
        case Not: ADDOP(c, OP_UNARY_NOT); break;
        case Invert: ADDOP(c, OP_UNARY_INVERT); break;
        }
        return 1;
    case Lambda_kind: {
        HLObject *name = hl_str_intern_from_cstr("<lambda>");
        int ok = name && hl_compiler_function_body(c, e, name, e->v.Lambda.args, NULL, e->v.Lambda.body,
                                                   e->lineno);
        hl_xdecref(name);
        return ok;
    }
    case IfExp_kind:
        return compiler_ifexp(c, e);
    case Dict_kind:
        return compiler_dict(c, e);
    case Set_kind:
        return starunpack_helper(c, e->v.Set.elts, 0, OP_BUILD_SET, OP_SET_ADD, OP_SET_UPDATE, 0);
    case GeneratorExp_kind:
        return compiler_comprehension(c, e, COMP_GENEXP, "<genexpr>", e->v.GeneratorExp.generators,
                                      e->v.GeneratorExp.elt, NULL);
    case ListComp_kind:
        return compiler_comprehension(c, e, COMP_LISTCOMP, "<listcomp>", e->v.ListComp.generators,
                                      e->v.ListComp.elt, NULL);
    case SetComp_kind:
        return compiler_comprehension(c, e, COMP_SETCOMP, "<setcomp>", e->v.SetComp.generators,
                                      e->v.SetComp.elt, NULL);
    case DictComp_kind:
        return compiler_comprehension(c, e, COMP_DICTCOMP, "<dictcomp>", e->v.DictComp.generators,
                                      e->v.DictComp.key, e->v.DictComp.value);
    case Yield_kind:
        if (c->u->u_ste->ste_type != FunctionBlock)
            return hl_compiler_error(c, "'yield' outside function");
        if (e->v.Yield.value) {
            VISIT(c, expr, e->v.Yield.value);
        } else {
            ADDOP_LOAD_CONST(c, HL_None);
        }
        ADDOP(c, OP_YIELD_VALUE);
        return 1;
    case YieldFrom_kind: {
        if (c->u->u_ste->ste_type != FunctionBlock)
            return hl_compiler_error(c, "'yield' outside function");
        VISIT(c, expr, e->v.YieldFrom.value);
        ADDOP(c, OP_GET_YIELD_FROM_ITER);
        ADDOP_LOAD_CONST(c, HL_None);
        basicblock *start = hl_compiler_new_block(c), *resume = hl_compiler_new_block(c);
        basicblock *exit = hl_compiler_new_block(c);
        if (!start || !resume || !exit)
            return 0;
        hl_compiler_use_next_block(c, start);
        ADDOP_JUMP(c, OP_SEND, exit);
        hl_compiler_use_next_block(c, resume);
        ADDOP(c, OP_YIELD_VALUE);
        ADDOP_JUMP(c, OP_JUMP, start);
        hl_compiler_use_next_block(c, exit);
        return 1;
    }
    case Compare_kind:
        return compiler_compare(c, e);
    case Call_kind:
        return compiler_call(c, e);
    case Constant_kind:
        ADDOP_LOAD_CONST(c, e->v.Constant.value);
        return 1;
    case JoinedStr_kind:
        return compiler_joined_str(c, e);
    case FormattedValue_kind:
        return compiler_formatted_value(c, e);
    case Attribute_kind:
        VISIT(c, expr, e->v.Attribute.value);
        switch (e->v.Attribute.ctx) {
        case Load: {
            int old = c->u->u_loc.lineno;
            c->u->u_loc.lineno = e->end_lineno;
            ADDOP_NAME(c, OP_LOAD_ATTR, e->v.Attribute.attr, names);
            c->u->u_loc.lineno = old;
            return 1;
        }
        case Store: {
            if (hl_str_eq_cstr(e->v.Attribute.attr, "__debug__"))
                return hl_compiler_error(c, "cannot assign to __debug__");
            int old = c->u->u_loc.lineno;
            c->u->u_loc.lineno = e->end_lineno;
            ADDOP_NAME(c, OP_STORE_ATTR, e->v.Attribute.attr, names);
            c->u->u_loc.lineno = old;
            return 1;
        }
        case Del:
            ADDOP_NAME(c, OP_DELETE_ATTR, e->v.Attribute.attr, names);
            return 1;
        }
        return 1;
    case Subscript_kind:
        VISIT(c, expr, e->v.Subscript.value);
        VISIT(c, expr, e->v.Subscript.slice);
        ADDOP(c, e->v.Subscript.ctx == Load ? OP_BINARY_SUBSCR
                 : e->v.Subscript.ctx == Store ? OP_STORE_SUBSCR
                                               : OP_DELETE_SUBSCR);
        return 1;
    case Starred_kind:
        if (e->v.Starred.ctx == Store)
            return hl_compiler_error(c, "starred assignment target must be in a list or tuple");
        return hl_compiler_error(c, "can't use starred expression here");
    case Slice_kind: {
        int n = 2;
        if (e->v.Slice.lower) {
            VISIT(c, expr, e->v.Slice.lower);
        } else {
            ADDOP_LOAD_CONST(c, HL_None);
        }
        if (e->v.Slice.upper) {
            VISIT(c, expr, e->v.Slice.upper);
        } else {
            ADDOP_LOAD_CONST(c, HL_None);
        }
        if (e->v.Slice.step) {
            n++;
            VISIT(c, expr, e->v.Slice.step);
        }
        ADDOP_I(c, OP_BUILD_SLICE, n);
        return 1;
    }
    case Name_kind:
        return hl_compiler_nameop(c, e->v.Name.id, e->v.Name.ctx);
    case List_kind:
        if (e->v.List.ctx == Store)
            return assignment_helper(c, e->v.List.elts);
        if (e->v.List.ctx == Load)
            return starunpack_helper(c, e->v.List.elts, 0, OP_BUILD_LIST, OP_LIST_APPEND, OP_LIST_EXTEND, 0);
        VISIT_SEQ(c, expr, e->v.List.elts);
        return 1;
    case Tuple_kind:
        if (e->v.Tuple.ctx == Store)
            return assignment_helper(c, e->v.Tuple.elts);
        if (e->v.Tuple.ctx == Load)
            return starunpack_helper(c, e->v.Tuple.elts, 0, OP_BUILD_LIST, OP_LIST_APPEND, OP_LIST_EXTEND, 1);
        VISIT_SEQ(c, expr, e->v.Tuple.elts);
        return 1;
    default:
        return hl_compiler_error(c, "heaplab does not support this expression");
    }
}

int hl_compiler_visit_expr(compiler *c, expr_ty e)
{
    if (++c->c_recursion > 1000) {
        c->c_recursion--;
        hl_err_set_string(hl_exc_RecursionError, "maximum recursion depth exceeded during compilation");
        return 0;
    }
    hl_location old = c->u->u_loc;
    SET_LOC(c, e);
    int res = visit_expr1(c, e);
    c->u->u_loc = old;
    c->c_recursion--;
    return res;
}
