/*
 * parser_targets.c — assignment and del targets of CPython 3.11's grammar,
 * and the invalid_* rules about them ("cannot assign to literal", "cannot
 * delete function call", "only single target (not tuple) can be
 * annotated", ...).
 *
 * A target is parsed by its own rules rather than as an expression: names,
 * attributes, subscripts, starred targets and tuples/lists of targets,
 * built with the Store (or Del) context directly.  t_primary is primary's
 * twin for the part before the last `.name` or `[index]`: it only succeeds
 * when a '(' '[' or '.' follows (t_lookahead), which is how `a.b.c = 1`
 * becomes Attribute(Attribute(a, b, Load), c, Store).
 *
 * The invalid rules parse the offending left-hand side as an expression and
 * name the first part that cannot be a target (hl_get_invalid_target).
 */
#include "pegen.h"

#define OPT(x) ((void)(x), !p->error_indicator)

static expr_ty target_with_star_atom_rule(Parser *p);
static expr_ty star_atom_rule(Parser *p);

/* t_lookahead: '(' | '[' | '.' */
static Token *t_lookahead_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    Token *t;
    if ((t = EXPECT(LPAR)) || (t = EXPECT(LSQB)) || (t = EXPECT(DOT)))
        ACTION(t);
    RESET;
done:
    LEAVE(_res);
}

#define T_LOOKAHEAD(positive) LOOKAHEAD_RULE(positive, t_lookahead_rule)

static expr_ty comma_star_target(Parser *p) /* ',' c=star_target { c } */
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty c;
    if (EXPECT(COMMA) && (c = hl_star_target_rule(p)))
        ACTION(c);
    RESET;
done:
    LEAVE(_res);
}

/* star_targets:
 *     | star_target !','
 *     | star_target (',' star_target)* [','] */
expr_ty hl_star_targets_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        expr_ty a;
        if ((a = hl_star_target_rule(p)) && LOOKAHEAD(0, COMMA))
            ACTION(a);
        RESET;
    }
    {
        ALT;
        expr_ty a;
        asdl_seq *b;
        if ((a = hl_star_target_rule(p)) && (b = LOOP0(comma_star_target)) && OPT(EXPECT(COMMA)))
            ACTION_EXTRA(hl_ast_Tuple(hl_seq_insert_in_front(p, a, b), Store, EXTRA));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* star_targets_list_seq: ','.star_target+ [','] */
static asdl_seq *star_targets_list_seq_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    asdl_seq *a;
    if ((a = GATHER(COMMA, hl_star_target_rule)) && OPT(EXPECT(COMMA)))
        ACTION(a);
    RESET;
done:
    LEAVE(_res);
}

/* star_targets_tuple_seq:
 *     | star_target (',' star_target)+ [',']
 *     | star_target ',' */
static asdl_seq *star_targets_tuple_seq_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        expr_ty a;
        asdl_seq *b;
        if ((a = hl_star_target_rule(p)) && (b = LOOP1(comma_star_target)) && OPT(EXPECT(COMMA)))
            ACTION(hl_seq_insert_in_front(p, a, b));
        RESET;
    }
    {
        ALT;
        expr_ty a;
        if ((a = hl_star_target_rule(p)) && EXPECT(COMMA))
            ACTION(hl_singleton_seq(p, a));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* (!'*' star_target) */
static expr_ty not_star_star_target(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty a;
    if (LOOKAHEAD(0, STAR) && (a = hl_star_target_rule(p)))
        ACTION(a);
    RESET;
done:
    LEAVE(_res);
}

/* star_target (memo):
 *     | '*' (!'*' star_target)
 *     | target_with_star_atom */
expr_ty hl_star_target_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    MEMO_CHECK(star_target_type, expr_ty);
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        expr_ty a;
        if (EXPECT(STAR) && (a = not_star_star_target(p))) {
            EXTRA_END;
            expr_ty stored = hl_set_expr_context(p, a, Store);
            ACTION(stored ? hl_ast_Starred(stored, Store, EXTRA) : NULL);
        }
        RESET;
    }
    {
        ALT;
        expr_ty a;
        if ((a = target_with_star_atom_rule(p)))
            ACTION(a);
        RESET;
    }
    _res = NULL;
done:
    hl_insert_memo(p, _mark, star_target_type, _res);
    LEAVE(_res);
}

/* The two alternatives shared by target_with_star_atom,
 * single_subscript_attribute_target and del_target:
 *     | t_primary '.' NAME !t_lookahead
 *     | t_primary '[' slices ']' !t_lookahead */
static int attribute_or_subscript(Parser *p, expr_context_ty ctx, int _start_lineno,
                                  int _start_col_offset, void **_res)
{
    int _mark = p->mark;
    {
        expr_ty a, b;
        if ((a = hl_t_primary_rule(p)) && EXPECT(DOT) && (b = hl_name_token(p)) && T_LOOKAHEAD(0)) {
            Token *last = hl_get_last_nonwhitespace_token(p);
            if (last == NULL)
                return -1;
            *_res = hl_ast_Attribute(a, b->v.Name.id, ctx, _start_lineno, _start_col_offset,
                                     last->end_lineno, last->end_col_offset, p->arena);
            return 1;
        }
        RESET;
    }
    if (p->error_indicator)
        return -1;
    {
        expr_ty a, b;
        if ((a = hl_t_primary_rule(p)) && EXPECT(LSQB) && (b = hl_slices_rule(p)) &&
            EXPECT(RSQB) && T_LOOKAHEAD(0)) {
            Token *last = hl_get_last_nonwhitespace_token(p);
            if (last == NULL)
                return -1;
            *_res = hl_ast_Subscript(a, b, ctx, _start_lineno, _start_col_offset, last->end_lineno,
                                     last->end_col_offset, p->arena);
            return 1;
        }
        RESET;
    }
    return p->error_indicator ? -1 : 0;
}

/* target_with_star_atom (memo):
 *     | t_primary '.' NAME !t_lookahead
 *     | t_primary '[' slices ']' !t_lookahead
 *     | star_atom */
static expr_ty target_with_star_atom_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    MEMO_CHECK(target_with_star_atom_type, expr_ty);
    int _mark = p->mark;
    EXTRA_START;
    {
        int r = attribute_or_subscript(p, Store, _start_lineno, _start_col_offset, &_res);
        if (r < 0)
            LEAVE(NULL);
        if (r > 0)
            ACTION(_res);
    }
    {
        ALT;
        expr_ty a;
        if ((a = star_atom_rule(p)))
            ACTION(a);
        RESET;
    }
    _res = NULL;
done:
    hl_insert_memo(p, _mark, target_with_star_atom_type, _res);
    LEAVE(_res);
}

/* star_atom:
 *     | NAME
 *     | '(' target_with_star_atom ')'
 *     | '(' [star_targets_tuple_seq] ')'
 *     | '[' [star_targets_list_seq] ']' */
static expr_ty star_atom_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        expr_ty a;
        if ((a = hl_name_token(p)))
            ACTION(hl_set_expr_context(p, a, Store));
        RESET;
    }
    {
        ALT;
        expr_ty a;
        if (EXPECT(LPAR) && (a = target_with_star_atom_rule(p)) && EXPECT(RPAR))
            ACTION(hl_set_expr_context(p, a, Store));
        RESET;
    }
    {
        ALT;
        asdl_seq *a = NULL;
        if (EXPECT(LPAR) && OPT(a = star_targets_tuple_seq_rule(p)) && EXPECT(RPAR))
            ACTION_EXTRA(hl_ast_Tuple(a, Store, EXTRA));
        RESET;
    }
    {
        ALT;
        asdl_seq *a = NULL;
        if (EXPECT(LSQB) && OPT(a = star_targets_list_seq_rule(p)) && EXPECT(RSQB))
            ACTION_EXTRA(hl_ast_List(a, Store, EXTRA));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* single_target:
 *     | single_subscript_attribute_target
 *     | NAME
 *     | '(' single_target ')' */
expr_ty hl_single_target_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        expr_ty a;
        if ((a = hl_single_subscript_attribute_target_rule(p)))
            ACTION(a);
        RESET;
    }
    {
        ALT;
        expr_ty a;
        if ((a = hl_name_token(p)))
            ACTION(hl_set_expr_context(p, a, Store));
        RESET;
    }
    {
        ALT;
        expr_ty a;
        if (EXPECT(LPAR) && (a = hl_single_target_rule(p)) && EXPECT(RPAR))
            ACTION(a);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* single_subscript_attribute_target:
 *     | t_primary '.' NAME !t_lookahead
 *     | t_primary '[' slices ']' !t_lookahead */
expr_ty hl_single_subscript_attribute_target_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    int r = attribute_or_subscript(p, Store, _start_lineno, _start_col_offset, &_res);
    if (r < 0)
        LEAVE(NULL);
    if (r > 0)
        ACTION(_res);
    _res = NULL;
done:
    LEAVE(_res);
}

/* t_primary:
 *     | t_primary '.' NAME &t_lookahead
 *     | t_primary '[' slices ']' &t_lookahead
 *     | t_primary genexp &t_lookahead
 *     | t_primary '(' [arguments] ')' &t_lookahead
 *     | atom &t_lookahead */
static void *t_primary_raw(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        expr_ty a, b;
        if ((a = hl_t_primary_rule(p)) && EXPECT(DOT) && (b = hl_name_token(p)) && T_LOOKAHEAD(1))
            ACTION_EXTRA(hl_ast_Attribute(a, b->v.Name.id, Load, EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty a, b;
        if ((a = hl_t_primary_rule(p)) && EXPECT(LSQB) && (b = hl_slices_rule(p)) &&
            EXPECT(RSQB) && T_LOOKAHEAD(1))
            ACTION_EXTRA(hl_ast_Subscript(a, b, Load, EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty a, b;
        if ((a = hl_t_primary_rule(p)) && (b = hl_genexp_rule(p)) && T_LOOKAHEAD(1))
            ACTION_EXTRA(hl_ast_Call(a, hl_singleton_seq(p, b), NULL, EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty a, b = NULL;
        if ((a = hl_t_primary_rule(p)) && EXPECT(LPAR) && OPT(b = hl_arguments_rule(p)) &&
            EXPECT(RPAR) && T_LOOKAHEAD(1))
            ACTION_EXTRA(hl_ast_Call(a, b ? b->v.Call.args : NULL, b ? b->v.Call.keywords : NULL,
                                     EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty a;
        if ((a = hl_atom_rule(p)) && T_LOOKAHEAD(1))
            ACTION(a);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

expr_ty hl_t_primary_rule(Parser *p)
{
    RULE_ENTER;
    expr_ty _res = NULL;
    MEMO_CHECK(t_primary_type, expr_ty);
    int _mark = p->mark;
    int _resmark = p->mark;
    for (;;) {
        if (hl_update_memo(p, _mark, t_primary_type, _res))
            LEAVE(_res);
        p->mark = _mark;
        void *_raw = t_primary_raw(p);
        if (p->error_indicator)
            LEAVE(NULL);
        if (_raw == NULL || p->mark <= _resmark)
            break;
        _resmark = p->mark;
        _res = _raw;
    }
    p->mark = _resmark;
    LEAVE(_res);
}

/* ---------------------------------------------------------------------------
 * del targets.
 */
static expr_ty del_target_rule(Parser *p);

/* del_targets: ','.del_target+ [','] */
asdl_expr_seq *hl_del_targets_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    asdl_seq *a;
    if ((a = GATHER(COMMA, del_target_rule)) && OPT(EXPECT(COMMA)))
        ACTION(a);
    RESET;
done:
    LEAVE(_res);
}

static expr_ty del_t_atom_rule(Parser *p);

/* del_target (memo):
 *     | t_primary '.' NAME !t_lookahead
 *     | t_primary '[' slices ']' !t_lookahead
 *     | del_t_atom */
static expr_ty del_target_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    MEMO_CHECK(del_target_type, expr_ty);
    int _mark = p->mark;
    EXTRA_START;
    {
        int r = attribute_or_subscript(p, Del, _start_lineno, _start_col_offset, &_res);
        if (r < 0)
            LEAVE(NULL);
        if (r > 0)
            ACTION(_res);
    }
    {
        ALT;
        expr_ty a;
        if ((a = del_t_atom_rule(p)))
            ACTION(a);
        RESET;
    }
    _res = NULL;
done:
    hl_insert_memo(p, _mark, del_target_type, _res);
    LEAVE(_res);
}

/* del_t_atom:
 *     | NAME
 *     | '(' del_target ')'
 *     | '(' [del_targets] ')'
 *     | '[' [del_targets] ']' */
static expr_ty del_t_atom_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        expr_ty a;
        if ((a = hl_name_token(p)))
            ACTION(hl_set_expr_context(p, a, Del));
        RESET;
    }
    {
        ALT;
        expr_ty a;
        if (EXPECT(LPAR) && (a = del_target_rule(p)) && EXPECT(RPAR))
            ACTION(hl_set_expr_context(p, a, Del));
        RESET;
    }
    {
        ALT;
        asdl_seq *a = NULL;
        if (EXPECT(LPAR) && OPT(a = hl_del_targets_rule(p)) && EXPECT(RPAR))
            ACTION_EXTRA(hl_ast_Tuple(a, Del, EXTRA));
        RESET;
    }
    {
        ALT;
        asdl_seq *a = NULL;
        if (EXPECT(LSQB) && OPT(a = hl_del_targets_rule(p)) && EXPECT(RSQB))
            ACTION_EXTRA(hl_ast_List(a, Del, EXTRA));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* ---------------------------------------------------------------------------
 * The invalid_* rules about targets.
 */

/* invalid_ann_assign_target:
 *     | list
 *     | tuple
 *     | '(' invalid_ann_assign_target ')' */
static expr_ty invalid_ann_assign_target_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        expr_ty a;
        if ((a = hl_list_rule(p)))
            ACTION(a);
        RESET;
    }
    {
        ALT;
        expr_ty a;
        if ((a = hl_tuple_rule(p)))
            ACTION(a);
        RESET;
    }
    {
        ALT;
        expr_ty a;
        if (EXPECT(LPAR) && (a = invalid_ann_assign_target_rule(p)) && EXPECT(RPAR))
            ACTION(a);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

static void *star_targets_equal(Parser *p) /* (star_targets '=') */
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty a;
    if ((a = hl_star_targets_rule(p)) && EXPECT(EQUAL))
        ACTION(a);
    RESET;
done:
    LEAVE(_res);
}

static expr_ty yield_or_star_expressions(Parser *p) /* (yield_expr | star_expressions) */
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty e;
    if ((e = hl_yield_expr_rule(p)))
        ACTION(e);
    RESET;
    ALT;
    if ((e = hl_star_expressions_rule(p)))
        ACTION(e);
    RESET;
    _res = NULL;
done:
    LEAVE(_res);
}

/* augassign, matched only to recognise the statement */
static Token *augassign_token(Parser *p)
{
    static const int ops[] = {PLUSEQUAL, MINEQUAL, STAREQUAL, ATEQUAL, SLASHEQUAL,
                              PERCENTEQUAL, AMPEREQUAL, VBAREQUAL, CIRCUMFLEXEQUAL,
                              LEFTSHIFTEQUAL, RIGHTSHIFTEQUAL, DOUBLESTAREQUAL, DOUBLESLASHEQUAL};
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        Token *t;
        if ((t = EXPECT(ops[i])))
            ACTION(t);
    }
    RESET;
done:
    LEAVE(_res);
}

/* invalid_assignment:
 *     | invalid_ann_assign_target ':' expression
 *     | star_named_expression ',' star_named_expressions* ':' expression
 *     | expression ':' expression
 *     | (star_targets '=')* star_expressions '='
 *     | (star_targets '=')* yield_expr '='
 *     | star_expressions augassign (yield_expr | star_expressions) */
void *hl_invalid_assignment_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        expr_ty a;
        if ((a = invalid_ann_assign_target_rule(p)) && EXPECT(COLON) && hl_expression_rule(p))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_LOCATION(
                a, "only single target (not %s) can be annotated", hl_get_expr_name(a)));
        RESET;
    }
    {
        ALT;
        expr_ty a;
        if ((a = hl_star_named_expression_rule(p)) && EXPECT(COMMA) &&
            LOOP0(hl_star_named_expressions_rule) && EXPECT(COLON) && hl_expression_rule(p))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_LOCATION(
                a, "only single target (not tuple) can be annotated"));
        RESET;
    }
    {
        ALT;
        expr_ty a;
        if ((a = hl_expression_rule(p)) && EXPECT(COLON) && hl_expression_rule(p))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_LOCATION(a, "illegal target for annotation"));
        RESET;
    }
    {
        ALT;
        expr_ty a;
        if (LOOP0(star_targets_equal) && (a = hl_star_expressions_rule(p)) && EXPECT(EQUAL))
            ACTION(RAISE_SYNTAX_ERROR_INVALID_TARGET(STAR_TARGETS, a));
        RESET;
    }
    {
        ALT;
        expr_ty a;
        if (LOOP0(star_targets_equal) && (a = hl_yield_expr_rule(p)) && EXPECT(EQUAL))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_LOCATION(
                a, "assignment to yield expression not possible"));
        RESET;
    }
    {
        ALT;
        expr_ty a;
        if ((a = hl_star_expressions_rule(p)) && augassign_token(p) && yield_or_star_expressions(p))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_LOCATION(
                a, "'%s' is an illegal expression for augmented assignment", hl_get_expr_name(a)));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* invalid_del_stmt: 'del' star_expressions */
void *hl_invalid_del_stmt_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty a;
    if (EXPECT(KW_DEL) && (a = hl_star_expressions_rule(p)))
        ACTION(RAISE_SYNTAX_ERROR_INVALID_TARGET(DEL_TARGETS, a));
    RESET;
done:
    LEAVE(_res);
}

/* invalid_for_target: ASYNC? 'for' star_expressions */
void *hl_invalid_for_target_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty a;
    if (OPT(EXPECT(ASYNC)) && EXPECT(KW_FOR) && (a = hl_star_expressions_rule(p)))
        ACTION(RAISE_SYNTAX_ERROR_INVALID_TARGET(FOR_TARGETS, a));
    RESET;
done:
    LEAVE(_res);
}
