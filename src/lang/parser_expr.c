/*
 * parser_expr.c — the expression rules of CPython 3.11's grammar, from
 * `expressions` down to `atom`, and the invalid_* rules that give their
 * specialised messages.
 *
 * Each function implements the rule quoted in the comment above it, trying
 * the alternatives in order (see pegen.h for the conventions).  The
 * precedence ladder is the grammar's:
 *
 *   expression    disjunction 'if' disjunction 'else' expression | lambdef
 *   disjunction   conjunction ('or' conjunction)+      BoolOp(Or)
 *   conjunction   inversion ('and' inversion)+         BoolOp(And)
 *   inversion     'not' inversion | comparison
 *   comparison    bitwise_or (cmpop bitwise_or)+       Compare
 *   bitwise_or .. term   left-recursive binary operators, grown in a loop
 *   factor        ('+' | '-' | '~') factor | power
 *   power         await_primary '**' factor
 *   primary       primary '.' NAME | primary genexp | primary '(' args ')'
 *                 | primary '[' slices ']' | atom
 *
 * Calls, comprehensions and collection displays are in parser_call.c.
 */
#include "pegen.h"

#include "../objects/strobject.h"

#define OPT(x) ((void)(x), !p->error_indicator)

/* ---------------------------------------------------------------------------
 * Left recursion: pegen grows the result of a left-recursive rule by
 * re-running its alternatives with the memo holding the previous result,
 * until it stops getting longer.
 */
#define LEFT_RECURSIVE_RULE(name, type_key, raw)                               \
    expr_ty name(Parser *p)                                                    \
    {                                                                          \
        RULE_ENTER;                                                            \
        expr_ty _res = NULL;                                                   \
        MEMO_CHECK(type_key, expr_ty);                                         \
        int _mark = p->mark;                                                   \
        int _resmark = p->mark;                                                \
        for (;;) {                                                             \
            if (hl_update_memo(p, _mark, type_key, _res))                      \
                LEAVE(_res);                                                   \
            p->mark = _mark;                                                   \
            void *_raw = raw(p);                                               \
            if (p->error_indicator)                                            \
                LEAVE(NULL);                                                   \
            if (_raw == NULL || p->mark <= _resmark)                           \
                break;                                                         \
            _resmark = p->mark;                                                \
            _res = _raw;                                                       \
        }                                                                      \
        p->mark = _resmark;                                                    \
        LEAVE(_res);                                                           \
    }

/* ---------------------------------------------------------------------------
 * expressions, expression, yield, star expressions, named expressions.
 */
static expr_ty comma_expression(Parser *p) /* ',' c=expression { c } */
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty c;
    if (EXPECT(COMMA) && (c = hl_expression_rule(p)))
        ACTION(c);
    RESET;
done:
    LEAVE(_res);
}

/* expressions:
 *     | expression ((',' expression))+ ','?
 *     | expression ','
 *     | expression */
expr_ty hl_expressions_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        expr_ty a;
        asdl_seq *b;
        if ((a = hl_expression_rule(p)) && (b = LOOP1(comma_expression)) && OPT(EXPECT(COMMA)))
            ACTION_EXTRA(hl_ast_Tuple(hl_seq_insert_in_front(p, a, b), Load, EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty a;
        if ((a = hl_expression_rule(p)) && EXPECT(COMMA))
            ACTION_EXTRA(hl_ast_Tuple(hl_singleton_seq(p, a), Load, EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty e;
        if ((e = hl_expression_rule(p)))
            ACTION(e);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

static void *invalid_expression_rule(Parser *p);
static void *invalid_legacy_expression_rule(Parser *p);

/* expression (memo):
 *     | invalid_expression
 *     | invalid_legacy_expression
 *     | disjunction 'if' disjunction 'else' expression
 *     | disjunction
 *     | lambdef */
expr_ty hl_expression_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    MEMO_CHECK(expression_type, expr_ty);
    int _mark = p->mark;
    EXTRA_START;
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_expression_rule(p)))
            ACTION(v);
        RESET;
    }
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_legacy_expression_rule(p)))
            ACTION(v);
        RESET;
    }
    {
        ALT;
        expr_ty a, b, c;
        if ((a = hl_disjunction_rule(p)) && EXPECT(KW_IF) && (b = hl_disjunction_rule(p)) &&
            EXPECT(KW_ELSE) && (c = hl_expression_rule(p)))
            ACTION_EXTRA(hl_ast_IfExp(b, a, c, EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty e;
        if ((e = hl_disjunction_rule(p)))
            ACTION(e);
        RESET;
    }
    {
        ALT;
        expr_ty e;
        if ((e = hl_lambdef_rule(p)))
            ACTION(e);
        RESET;
    }
    _res = NULL;
done:
    hl_insert_memo(p, _mark, expression_type, _res);
    LEAVE(_res);
}

/* yield_expr:
 *     | 'yield' 'from' expression
 *     | 'yield' star_expressions? */
expr_ty hl_yield_expr_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        expr_ty a;
        if (EXPECT(KW_YIELD) && EXPECT(KW_FROM) && (a = hl_expression_rule(p)))
            ACTION_EXTRA(hl_ast_YieldFrom(a, EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty a = NULL;
        if (EXPECT(KW_YIELD) && OPT(a = hl_star_expressions_rule(p)))
            ACTION_EXTRA(hl_ast_Yield(a, EXTRA));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

static expr_ty comma_star_expression(Parser *p) /* ',' c=star_expression { c } */
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty c;
    if (EXPECT(COMMA) && (c = hl_star_expression_rule(p)))
        ACTION(c);
    RESET;
done:
    LEAVE(_res);
}

/* star_expressions:
 *     | star_expression ((',' star_expression))+ ','?
 *     | star_expression ','
 *     | star_expression */
expr_ty hl_star_expressions_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        expr_ty a;
        asdl_seq *b;
        if ((a = hl_star_expression_rule(p)) && (b = LOOP1(comma_star_expression)) &&
            OPT(EXPECT(COMMA)))
            ACTION_EXTRA(hl_ast_Tuple(hl_seq_insert_in_front(p, a, b), Load, EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty a;
        if ((a = hl_star_expression_rule(p)) && EXPECT(COMMA))
            ACTION_EXTRA(hl_ast_Tuple(hl_singleton_seq(p, a), Load, EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty e;
        if ((e = hl_star_expression_rule(p)))
            ACTION(e);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* star_expression (memo):
 *     | '*' bitwise_or
 *     | expression */
expr_ty hl_star_expression_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    MEMO_CHECK(star_expression_type, expr_ty);
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        expr_ty a;
        if (EXPECT(STAR) && (a = hl_bitwise_or_rule(p)))
            ACTION_EXTRA(hl_ast_Starred(a, Load, EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty e;
        if ((e = hl_expression_rule(p)))
            ACTION(e);
        RESET;
    }
    _res = NULL;
done:
    hl_insert_memo(p, _mark, star_expression_type, _res);
    LEAVE(_res);
}

/* star_named_expressions: ','.star_named_expression+ [','] */
asdl_expr_seq *hl_star_named_expressions_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    asdl_seq *a;
    if ((a = GATHER(COMMA, hl_star_named_expression_rule)) && OPT(EXPECT(COMMA)))
        ACTION(a);
    RESET;
done:
    LEAVE(_res);
}

/* star_named_expression:
 *     | '*' bitwise_or
 *     | named_expression */
expr_ty hl_star_named_expression_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        expr_ty a;
        if (EXPECT(STAR) && (a = hl_bitwise_or_rule(p)))
            ACTION_EXTRA(hl_ast_Starred(a, Load, EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty e;
        if ((e = hl_named_expression_rule(p)))
            ACTION(e);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* assignment_expression:
 *     | NAME ':=' ~ expression */
expr_ty hl_assignment_expression_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        int cut = 0;
        expr_ty a, b;
        if ((a = hl_name_token(p)) && EXPECT(COLONEQUAL) && (cut = 1) && (b = hl_expression_rule(p)))
            ACTION_EXTRA(hl_ast_NamedExpr(hl_set_expr_context(p, a, Store), b, EXTRA));
        RESET;
        if (cut)
            LEAVE(NULL);
    }
    _res = NULL;
done:
    LEAVE(_res);
}

static void *invalid_named_expression_rule(Parser *p);

/* named_expression:
 *     | assignment_expression
 *     | invalid_named_expression
 *     | expression !':=' */
expr_ty hl_named_expression_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        expr_ty e;
        if ((e = hl_assignment_expression_rule(p)))
            ACTION(e);
        RESET;
    }
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_named_expression_rule(p)))
            ACTION(v);
        RESET;
    }
    {
        ALT;
        expr_ty e;
        if ((e = hl_expression_rule(p)) && LOOKAHEAD(0, COLONEQUAL))
            ACTION(e);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* ---------------------------------------------------------------------------
 * Boolean operators.
 */
static expr_ty or_conjunction(Parser *p) /* 'or' c=conjunction { c } */
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty c;
    if (EXPECT(KW_OR) && (c = hl_conjunction_rule(p)))
        ACTION(c);
    RESET;
done:
    LEAVE(_res);
}

/* disjunction (memo):
 *     | conjunction (('or' conjunction))+
 *     | conjunction */
expr_ty hl_disjunction_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    MEMO_CHECK(disjunction_type, expr_ty);
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        expr_ty a;
        asdl_seq *b;
        if ((a = hl_conjunction_rule(p)) && (b = LOOP1(or_conjunction)))
            ACTION_EXTRA(hl_ast_BoolOp(Or, hl_seq_insert_in_front(p, a, b), EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty e;
        if ((e = hl_conjunction_rule(p)))
            ACTION(e);
        RESET;
    }
    _res = NULL;
done:
    hl_insert_memo(p, _mark, disjunction_type, _res);
    LEAVE(_res);
}

static expr_ty inversion_rule(Parser *p);

static expr_ty and_inversion(Parser *p) /* 'and' c=inversion { c } */
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty c;
    if (EXPECT(KW_AND) && (c = inversion_rule(p)))
        ACTION(c);
    RESET;
done:
    LEAVE(_res);
}

/* conjunction (memo):
 *     | inversion (('and' inversion))+
 *     | inversion */
expr_ty hl_conjunction_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    MEMO_CHECK(conjunction_type, expr_ty);
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        expr_ty a;
        asdl_seq *b;
        if ((a = inversion_rule(p)) && (b = LOOP1(and_inversion)))
            ACTION_EXTRA(hl_ast_BoolOp(And, hl_seq_insert_in_front(p, a, b), EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty e;
        if ((e = inversion_rule(p)))
            ACTION(e);
        RESET;
    }
    _res = NULL;
done:
    hl_insert_memo(p, _mark, conjunction_type, _res);
    LEAVE(_res);
}

static expr_ty comparison_rule(Parser *p);

/* inversion (memo):
 *     | 'not' inversion
 *     | comparison */
static expr_ty inversion_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    MEMO_CHECK(inversion_type, expr_ty);
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        expr_ty a;
        if (EXPECT(KW_NOT) && (a = inversion_rule(p)))
            ACTION_EXTRA(hl_ast_UnaryOp(Not, a, EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty e;
        if ((e = comparison_rule(p)))
            ACTION(e);
        RESET;
    }
    _res = NULL;
done:
    hl_insert_memo(p, _mark, inversion_type, _res);
    LEAVE(_res);
}

/* ---------------------------------------------------------------------------
 * Comparisons: each operator is a rule of its own, as in the grammar.
 */
#define CMP_RULE(name, tok, op)                                                \
    static CmpopExprPair *name(Parser *p)                                      \
    {                                                                          \
        RULE_ENTER;                                                            \
        void *_res = NULL;                                                     \
        int _mark = p->mark;                                                   \
        expr_ty a;                                                             \
        if (EXPECT(tok) && (a = hl_bitwise_or_rule(p)))                        \
            ACTION(hl_cmpop_expr_pair(p, op, a));                              \
        RESET;                                                                 \
    done:                                                                      \
        LEAVE(_res);                                                           \
    }
CMP_RULE(eq_bitwise_or, EQEQUAL, Eq)
CMP_RULE(lte_bitwise_or, LESSEQUAL, LtE)
CMP_RULE(lt_bitwise_or, LESS, Lt)
CMP_RULE(gte_bitwise_or, GREATEREQUAL, GtE)
CMP_RULE(gt_bitwise_or, GREATER, Gt)
CMP_RULE(in_bitwise_or, KW_IN, In)
CMP_RULE(is_bitwise_or, KW_IS, Is)

/* (tok='!=' { _PyPegen_check_barry_as_flufl(p, tok) ? NULL : tok }) */
static Token *noteq_token(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    Token *tok;
    if ((tok = EXPECT(NOTEQUAL)))
        ACTION(hl_check_barry_as_flufl(p, tok) ? NULL : tok);
    RESET;
done:
    LEAVE(_res);
}

/* noteq_bitwise_or: (tok='!=' {...}) bitwise_or */
static CmpopExprPair *noteq_bitwise_or(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty a;
    if (noteq_token(p) && (a = hl_bitwise_or_rule(p)))
        ACTION(hl_cmpop_expr_pair(p, NotEq, a));
    RESET;
done:
    LEAVE(_res);
}

/* notin_bitwise_or: 'not' 'in' bitwise_or */
static CmpopExprPair *notin_bitwise_or(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty a;
    if (EXPECT(KW_NOT) && EXPECT(KW_IN) && (a = hl_bitwise_or_rule(p)))
        ACTION(hl_cmpop_expr_pair(p, NotIn, a));
    RESET;
done:
    LEAVE(_res);
}

/* isnot_bitwise_or: 'is' 'not' bitwise_or */
static CmpopExprPair *isnot_bitwise_or(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty a;
    if (EXPECT(KW_IS) && EXPECT(KW_NOT) && (a = hl_bitwise_or_rule(p)))
        ACTION(hl_cmpop_expr_pair(p, IsNot, a));
    RESET;
done:
    LEAVE(_res);
}

/* compare_op_bitwise_or_pair:
 *     | eq_bitwise_or | noteq_bitwise_or | lte_bitwise_or | lt_bitwise_or
 *     | gte_bitwise_or | gt_bitwise_or | notin_bitwise_or | in_bitwise_or
 *     | isnot_bitwise_or | is_bitwise_or */
static CmpopExprPair *compare_op_bitwise_or_pair(Parser *p)
{
    static CmpopExprPair *(*const alts[])(Parser *) = {
        eq_bitwise_or, noteq_bitwise_or, lte_bitwise_or, lt_bitwise_or, gte_bitwise_or,
        gt_bitwise_or, notin_bitwise_or, in_bitwise_or, isnot_bitwise_or, is_bitwise_or};
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    for (size_t i = 0; i < sizeof alts / sizeof alts[0]; i++) {
        ALT;
        CmpopExprPair *c;
        if ((c = alts[i](p)))
            ACTION(c);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* comparison:
 *     | bitwise_or compare_op_bitwise_or_pair+
 *     | bitwise_or */
static expr_ty comparison_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        expr_ty a;
        asdl_seq *b;
        if ((a = hl_bitwise_or_rule(p)) && (b = LOOP1(compare_op_bitwise_or_pair)))
            ACTION_EXTRA(hl_ast_Compare(a, hl_get_cmpops(p, b), hl_get_exprs(p, b), EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty e;
        if ((e = hl_bitwise_or_rule(p)))
            ACTION(e);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* ---------------------------------------------------------------------------
 * Binary operators (left-recursive rules).
 */
static expr_ty bitwise_xor_rule(Parser *p);
static expr_ty bitwise_and_rule(Parser *p);
static expr_ty shift_expr_rule(Parser *p);
static expr_ty sum_rule(Parser *p);
static expr_ty term_rule(Parser *p);
static expr_ty factor_rule(Parser *p);

/* One binary level: `self OP next` for each operator, then `next`. */
struct binop_alt {
    int token;
    operator_ty op;
};

static expr_ty binary_raw(Parser *p, expr_ty (*self)(Parser *), expr_ty (*next)(Parser *),
                          const struct binop_alt *alts, int nalts)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    for (int i = 0; i < nalts; i++) {
        ALT;
        expr_ty a, b;
        if ((a = self(p)) && EXPECT(alts[i].token) && (b = next(p)))
            ACTION_EXTRA(hl_ast_BinOp(a, alts[i].op, b, EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty e;
        if ((e = next(p)))
            ACTION(e);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* bitwise_or: bitwise_or '|' bitwise_xor | bitwise_xor */
static void *bitwise_or_raw(Parser *p)
{
    static const struct binop_alt alts[] = {{VBAR, BitOr}};
    return binary_raw(p, hl_bitwise_or_rule, bitwise_xor_rule, alts, 1);
}
LEFT_RECURSIVE_RULE(hl_bitwise_or_rule, bitwise_or_type, bitwise_or_raw)

/* bitwise_xor: bitwise_xor '^' bitwise_and | bitwise_and */
static void *bitwise_xor_raw(Parser *p)
{
    static const struct binop_alt alts[] = {{CIRCUMFLEX, BitXor}};
    return binary_raw(p, bitwise_xor_rule, bitwise_and_rule, alts, 1);
}
static LEFT_RECURSIVE_RULE(bitwise_xor_rule, bitwise_xor_type, bitwise_xor_raw)

/* bitwise_and: bitwise_and '&' shift_expr | shift_expr */
static void *bitwise_and_raw(Parser *p)
{
    static const struct binop_alt alts[] = {{AMPER, BitAnd}};
    return binary_raw(p, bitwise_and_rule, shift_expr_rule, alts, 1);
}
static LEFT_RECURSIVE_RULE(bitwise_and_rule, bitwise_and_type, bitwise_and_raw)

/* shift_expr: shift_expr '<<' sum | shift_expr '>>' sum | sum */
static void *shift_expr_raw(Parser *p)
{
    static const struct binop_alt alts[] = {{LEFTSHIFT, LShift}, {RIGHTSHIFT, RShift}};
    return binary_raw(p, shift_expr_rule, sum_rule, alts, 2);
}
static LEFT_RECURSIVE_RULE(shift_expr_rule, shift_expr_type, shift_expr_raw)

/* sum: sum '+' term | sum '-' term | term */
static void *sum_raw(Parser *p)
{
    static const struct binop_alt alts[] = {{PLUS, Add}, {MINUS, Sub}};
    return binary_raw(p, sum_rule, term_rule, alts, 2);
}
static LEFT_RECURSIVE_RULE(sum_rule, sum_type, sum_raw)

/* term: term '*' factor | term '/' factor | term '//' factor | term '%' factor
 *     | term '@' factor | factor */
static void *term_raw(Parser *p)
{
    static const struct binop_alt alts[] = {
        {STAR, Mult}, {SLASH, Div}, {DOUBLESLASH, FloorDiv}, {PERCENT, Mod}, {AT, MatMult}};
    return binary_raw(p, term_rule, factor_rule, alts, 5);
}
static LEFT_RECURSIVE_RULE(term_rule, term_type, term_raw)

static expr_ty power_rule(Parser *p);

/* factor (memo):
 *     | '+' factor
 *     | '-' factor
 *     | '~' factor
 *     | power */
static expr_ty factor_rule(Parser *p)
{
    static const struct {
        int token;
        unaryop_ty op;
    } alts[] = {{PLUS, UAdd}, {MINUS, USub}, {TILDE, Invert}};
    RULE_ENTER;
    void *_res = NULL;
    MEMO_CHECK(factor_type, expr_ty);
    int _mark = p->mark;
    EXTRA_START;
    for (int i = 0; i < 3; i++) {
        ALT;
        expr_ty a;
        if (EXPECT(alts[i].token) && (a = factor_rule(p)))
            ACTION_EXTRA(hl_ast_UnaryOp(alts[i].op, a, EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty e;
        if ((e = power_rule(p)))
            ACTION(e);
        RESET;
    }
    _res = NULL;
done:
    hl_insert_memo(p, _mark, factor_type, _res);
    LEAVE(_res);
}

static expr_ty await_primary_rule(Parser *p);

/* power:
 *     | await_primary '**' factor
 *     | await_primary */
static expr_ty power_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        expr_ty a, b;
        if ((a = await_primary_rule(p)) && EXPECT(DOUBLESTAR) && (b = factor_rule(p)))
            ACTION_EXTRA(hl_ast_BinOp(a, Pow, b, EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty e;
        if ((e = await_primary_rule(p)))
            ACTION(e);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

static expr_ty primary_rule(Parser *p);

/* await_primary (memo):
 *     | AWAIT primary
 *     | primary */
static expr_ty await_primary_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    MEMO_CHECK(await_primary_type, expr_ty);
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        expr_ty a;
        if (EXPECT(AWAIT) && (a = primary_rule(p))) {
            EXTRA_END;
            hl_not_supported(p, "await expressions", EXTRA_POSITION);
            ACTION(hl_ast_Await(a, EXTRA));
        }
        RESET;
    }
    {
        ALT;
        expr_ty e;
        if ((e = primary_rule(p)))
            ACTION(e);
        RESET;
    }
    _res = NULL;
done:
    hl_insert_memo(p, _mark, await_primary_type, _res);
    LEAVE(_res);
}

/* primary:
 *     | primary '.' NAME
 *     | primary genexp
 *     | primary '(' arguments? ')'
 *     | primary '[' slices ']'
 *     | atom */
static void *primary_raw(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        expr_ty a, b;
        if ((a = primary_rule(p)) && EXPECT(DOT) && (b = hl_name_token(p)))
            ACTION_EXTRA(hl_ast_Attribute(a, b->v.Name.id, Load, EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty a, b;
        if ((a = primary_rule(p)) && (b = hl_genexp_rule(p)))
            ACTION_EXTRA(hl_ast_Call(a, hl_singleton_seq(p, b), NULL, EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty a, b = NULL;
        if ((a = primary_rule(p)) && EXPECT(LPAR) && OPT(b = hl_arguments_rule(p)) && EXPECT(RPAR))
            ACTION_EXTRA(hl_ast_Call(a, b ? b->v.Call.args : NULL, b ? b->v.Call.keywords : NULL,
                                     EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty a, b;
        if ((a = primary_rule(p)) && EXPECT(LSQB) && (b = hl_slices_rule(p)) && EXPECT(RSQB))
            ACTION_EXTRA(hl_ast_Subscript(a, b, Load, EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty e;
        if ((e = hl_atom_rule(p)))
            ACTION(e);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}
static LEFT_RECURSIVE_RULE(primary_rule, primary_type, primary_raw)

/* ---------------------------------------------------------------------------
 * Slices.
 */
static expr_ty slice_rule(Parser *p);

/* (slice | starred_expression) */
static expr_ty slice_or_starred(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        expr_ty e;
        if ((e = slice_rule(p)))
            ACTION(e);
        RESET;
    }
    {
        ALT;
        expr_ty e;
        if ((e = hl_starred_expression_rule(p)))
            ACTION(e);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* slices:
 *     | slice !','
 *     | ','.(slice | starred_expression)+ [','] */
expr_ty hl_slices_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        expr_ty a;
        if ((a = slice_rule(p)) && LOOKAHEAD(0, COMMA))
            ACTION(a);
        RESET;
    }
    {
        ALT;
        asdl_seq *a;
        if ((a = GATHER(COMMA, slice_or_starred)) && OPT(EXPECT(COMMA)))
            ACTION_EXTRA(hl_ast_Tuple(a, Load, EXTRA));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

static expr_ty colon_opt_expression(Parser *p) /* ':' d=expression? { d } */
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty d = NULL;
    if (EXPECT(COLON) && OPT(d = hl_expression_rule(p)))
        ACTION(d);
    RESET;
done:
    LEAVE(_res);
}

/* slice:
 *     | expression? ':' expression? [':' expression?]
 *     | named_expression */
static expr_ty slice_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        expr_ty a = NULL, b = NULL, c = NULL;
        if (OPT(a = hl_expression_rule(p)) && EXPECT(COLON) && OPT(b = hl_expression_rule(p)) &&
            OPT(c = colon_opt_expression(p)))
            ACTION_EXTRA(hl_ast_Slice(a, b, c, EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty a;
        if ((a = hl_named_expression_rule(p)))
            ACTION(a);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* ---------------------------------------------------------------------------
 * The invalid_* rules of expressions (second pass only).
 */

/* !(NAME STRING | SOFT_KEYWORD) */
static void *name_string_or_soft_keyword(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        expr_ty n;
        Token *s;
        if ((n = hl_name_token(p)) && (s = hl_string_token(p)))
            ACTION(s);
        RESET;
    }
    {
        ALT;
        expr_ty k;
        if ((k = hl_soft_keyword_token(p)))
            ACTION(k);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* ('else' | ':') */
static Token *else_or_colon(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    Token *t;
    if ((t = EXPECT(KW_ELSE)) || (RESET, (t = EXPECT(COLON))))
        ACTION(t);
    RESET;
done:
    LEAVE(_res);
}

/* invalid_expression:
 *     | !(NAME STRING | SOFT_KEYWORD) disjunction expression_without_invalid
 *     | disjunction 'if' disjunction !('else'|':') */
static void *invalid_expression_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        expr_ty a, b;
        if (LOOKAHEAD_RULE(0, name_string_or_soft_keyword) && (a = hl_disjunction_rule(p)) &&
            (b = hl_expression_without_invalid_rule(p)))
            ACTION(hl_check_legacy_stmt(p, a) ? NULL
                   : p->tokens[p->mark - 1]->level == 0
                       ? NULL
                       : RAISE_SYNTAX_ERROR_KNOWN_RANGE(
                             a, b, "invalid syntax. Perhaps you forgot a comma?"));
        RESET;
    }
    {
        ALT;
        expr_ty a, b;
        if ((a = hl_disjunction_rule(p)) && EXPECT(KW_IF) && (b = hl_disjunction_rule(p)) &&
            LOOKAHEAD_RULE(0, else_or_colon))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_RANGE(a, b, "expected 'else' after 'if' expression"));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* invalid_legacy_expression:
 *     | NAME !'(' star_expressions */
static void *invalid_legacy_expression_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty a, b;
    if ((a = hl_name_token(p)) && LOOKAHEAD(0, LPAR) && (b = hl_star_expressions_rule(p))) {
        const char *name = !hl_check_legacy_stmt(p, a)                      ? NULL
                           : hl_str_eq_cstr(a->v.Name.id, "print") ? "print"
                                                                   : "exec";
        ACTION(name ? RAISE_SYNTAX_ERROR_KNOWN_RANGE(
                          a, b, "Missing parentheses in call to '%s'. Did you mean %s(...)?",
                          name, name)
                    : NULL);
    }
    RESET;
done:
    LEAVE(_res);
}

/* expression_without_invalid: expression's alternatives with the invalid
 * rules switched off below it.
 *     | disjunction 'if' disjunction 'else' expression
 *     | disjunction
 *     | lambdef */
expr_ty hl_expression_without_invalid_rule(Parser *p)
{
    int prev_call_invalid = p->call_invalid_rules;
    p->call_invalid_rules = 0;
    expr_ty r = NULL;
    if (p->level++ == MAXSTACK)
        hl_set_memory_error(p);
    if (p->error_indicator)
        goto out;
    int _mark = p->mark;
    if (p->mark == p->fill && hl_fill_token(p) < 0) {
        p->error_indicator = 1;
        goto out;
    }
    int _start_lineno = p->tokens[_mark]->lineno;
    int _start_col_offset = p->tokens[_mark]->col_offset;
    {
        expr_ty a, b, c;
        if ((a = hl_disjunction_rule(p)) && EXPECT(KW_IF) && (b = hl_disjunction_rule(p)) &&
            EXPECT(KW_ELSE) && (c = hl_expression_rule(p))) {
            Token *last = hl_get_last_nonwhitespace_token(p);
            if (last == NULL)
                goto out;
            r = hl_ast_IfExp(b, a, c, _start_lineno, _start_col_offset, last->end_lineno,
                             last->end_col_offset, p->arena);
            if (r == NULL)
                p->error_indicator = 1;
            goto out;
        }
        RESET;
    }
    if (p->error_indicator)
        goto out;
    if ((r = hl_disjunction_rule(p)))
        goto out;
    RESET;
    if (p->error_indicator)
        goto out;
    if ((r = hl_lambdef_rule(p)))
        goto out;
    RESET;
out:
    p->level--;
    p->call_invalid_rules = prev_call_invalid;
    return p->error_indicator ? NULL : r;
}

/* ('=' | ':=') */
static Token *eq_or_walrus(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    Token *t;
    if ((t = EXPECT(EQUAL)) || (RESET, (t = EXPECT(COLONEQUAL))))
        ACTION(t);
    RESET;
done:
    LEAVE(_res);
}

/* (list | tuple | genexp | 'True' | 'None' | 'False') */
static void *invalid_assign_lhs_head(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    void *v;
    if ((v = hl_list_rule(p)))
        ACTION(v);
    RESET;
    ALT;
    if ((v = hl_tuple_rule(p)))
        ACTION(v);
    RESET;
    ALT;
    if ((v = hl_genexp_rule(p)))
        ACTION(v);
    RESET;
    ALT;
    if ((v = EXPECT(KW_TRUE)) || (RESET, (v = EXPECT(KW_NONE))) || (RESET, (v = EXPECT(KW_FALSE))))
        ACTION(v);
    RESET;
    _res = NULL;
done:
    LEAVE(_res);
}

/* invalid_named_expression (memo):
 *     | expression ':=' expression
 *     | NAME '=' bitwise_or !('='|':=')
 *     | !(list|tuple|genexp|'True'|'None'|'False') bitwise_or '=' bitwise_or !('='|':=') */
static void *invalid_named_expression_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    MEMO_CHECK(invalid_named_expression_type, void *);
    int _mark = p->mark;
    {
        ALT;
        expr_ty a, b;
        if ((a = hl_expression_rule(p)) && EXPECT(COLONEQUAL) && (b = hl_expression_rule(p)))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_LOCATION(a, "cannot use assignment expressions with %s",
                                                     hl_get_expr_name(a)));
        RESET;
    }
    {
        ALT;
        expr_ty a, b;
        if ((a = hl_name_token(p)) && EXPECT(EQUAL) && (b = hl_bitwise_or_rule(p)) &&
            LOOKAHEAD_RULE(0, eq_or_walrus))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_RANGE(
                a, b, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?"));
        RESET;
    }
    {
        ALT;
        expr_ty a, c;
        Token *b;
        if (LOOKAHEAD_RULE(0, invalid_assign_lhs_head) && (a = hl_bitwise_or_rule(p)) &&
            (b = EXPECT(EQUAL)) && (c = hl_bitwise_or_rule(p)) && LOOKAHEAD_RULE(0, eq_or_walrus))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_LOCATION(
                a, "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                hl_get_expr_name(a)));
        RESET;
    }
    _res = NULL;
done:
    hl_insert_memo(p, _mark, invalid_named_expression_type, _res);
    LEAVE(_res);
}
