/*
 * parser_call.c — atoms, displays, comprehensions and call arguments of
 * CPython 3.11's grammar, with their invalid_* rules.
 *
 *   atom          NAME | True | False | None | strings | NUMBER
 *                 | (tuple | group | genexp) | (list | listcomp)
 *                 | (dict | set | dictcomp | setcomp) | '...'
 *   arguments     args [','] &')'       a Call node whose func is a dummy
 *                 name: the caller takes its args and keywords
 *   args          positional items (starred or named expressions), then
 *                 keyword items (NAME '=' value, *x, **x)
 *
 * The invalid rules here produce "Generator expression must be
 * parenthesized", "positional argument follows keyword argument",
 * "expression cannot contain assignment, perhaps you meant \"==\"?",
 * "did you forget parentheses around the comprehension target?" and the
 * dictionary messages.  As everywhere in the parser, alternatives and
 * their order are the grammar's (see pegen.h).
 */
#include "pegen.h"

#include "../objects/longobject.h"

#define OPT(x) ((void)(x), !p->error_indicator)

/* ---------------------------------------------------------------------------
 * Atoms.
 */
static expr_ty group_rule(Parser *p);
static expr_ty strings_rule(Parser *p);
static expr_ty set_rule(Parser *p);
static expr_ty dict_rule(Parser *p);
static expr_ty listcomp_rule(Parser *p);
static expr_ty setcomp_rule(Parser *p);
static expr_ty dictcomp_rule(Parser *p);

/* Tries the given rules in order (a group of alternatives). */
static void *first_of(Parser *p, expr_ty (*const *alts)(Parser *), int n)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    for (int i = 0; i < n; i++) {
        ALT;
        expr_ty e;
        if ((e = alts[i](p)))
            ACTION(e);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

static void *paren_group(Parser *p)
{
    static expr_ty (*const alts[])(Parser *) = {hl_tuple_rule, group_rule, hl_genexp_rule};
    return first_of(p, alts, 3);
}

static void *bracket_group(Parser *p)
{
    static expr_ty (*const alts[])(Parser *) = {hl_list_rule, listcomp_rule};
    return first_of(p, alts, 2);
}

static void *brace_group(Parser *p)
{
    static expr_ty (*const alts[])(Parser *) = {dict_rule, set_rule, dictcomp_rule, setcomp_rule};
    return first_of(p, alts, 4);
}

/* atom:
 *     | NAME | 'True' | 'False' | 'None' | &STRING strings | NUMBER
 *     | &'(' (tuple | group | genexp)
 *     | &'[' (list | listcomp)
 *     | &'{' (dict | set | dictcomp | setcomp)
 *     | '...' */
expr_ty hl_atom_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        expr_ty e;
        if ((e = hl_name_token(p)))
            ACTION(e);
        RESET;
    }
    {
        static const struct {
            int token;
            HLObject *value;
        } singletons[] = {{KW_TRUE, HL_True}, {KW_FALSE, HL_False}, {KW_NONE, HL_None}};
        for (int i = 0; i < 3; i++) {
            ALT;
            if (EXPECT(singletons[i].token))
                ACTION_EXTRA(hl_ast_Constant(singletons[i].value, NULL, EXTRA));
            RESET;
        }
    }
    {
        ALT;
        expr_ty e;
        if (LOOKAHEAD(1, STRING) && (e = strings_rule(p)))
            ACTION(e);
        RESET;
    }
    {
        ALT;
        expr_ty e;
        if ((e = hl_number_token(p)))
            ACTION(e);
        RESET;
    }
    {
        ALT;
        void *e;
        if (LOOKAHEAD(1, LPAR) && (e = paren_group(p)))
            ACTION(e);
        RESET;
    }
    {
        ALT;
        void *e;
        if (LOOKAHEAD(1, LSQB) && (e = bracket_group(p)))
            ACTION(e);
        RESET;
    }
    {
        ALT;
        void *e;
        if (LOOKAHEAD(1, LBRACE) && (e = brace_group(p)))
            ACTION(e);
        RESET;
    }
    {
        ALT;
        if (EXPECT(ELLIPSIS))
            ACTION_EXTRA(hl_ast_Constant(HL_Ellipsis, NULL, EXTRA));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

static void *invalid_group_rule(Parser *p);

/* (yield_expr | named_expression) */
static void *yield_or_named(Parser *p)
{
    static expr_ty (*const alts[])(Parser *) = {hl_yield_expr_rule, hl_named_expression_rule};
    return first_of(p, alts, 2);
}

/* group:
 *     | '(' (yield_expr | named_expression) ')'
 *     | invalid_group */
static expr_ty group_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        expr_ty a;
        if (EXPECT(LPAR) && (a = yield_or_named(p)) && EXPECT(RPAR))
            ACTION(a);
        RESET;
    }
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_group_rule(p)))
            ACTION(v);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* lambdef: 'lambda' [lambda_params] ':' expression */
expr_ty hl_lambdef_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    arguments_ty a = NULL;
    expr_ty b;
    if (EXPECT(KW_LAMBDA) && OPT(a = hl_lambda_params_rule(p)) && EXPECT(COLON) &&
        (b = hl_expression_rule(p)))
        ACTION_EXTRA(hl_ast_Lambda(a ? a : hl_empty_arguments(p), b, EXTRA));
    RESET;
done:
    LEAVE(_res);
}

/* strings (memo): STRING+ */
static expr_ty strings_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    MEMO_CHECK(strings_type, expr_ty);
    int _mark = p->mark;
    asdl_seq *a;
    if ((a = LOOP1(hl_string_token)))
        ACTION(hl_concatenate_strings(p, a));
    RESET;
    _res = NULL;
done:
    hl_insert_memo(p, _mark, strings_type, _res);
    LEAVE(_res);
}

/* list: '[' [star_named_expressions] ']' */
expr_ty hl_list_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    asdl_seq *a = NULL;
    if (EXPECT(LSQB) && OPT(a = hl_star_named_expressions_rule(p)) && EXPECT(RSQB))
        ACTION_EXTRA(hl_ast_List(a, Load, EXTRA));
    RESET;
done:
    LEAVE(_res);
}

/* y=star_named_expression ',' z=[star_named_expressions] { insert y in front of z } */
static asdl_seq *tuple_items(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty y;
    asdl_seq *z = NULL;
    if ((y = hl_star_named_expression_rule(p)) && EXPECT(COMMA) &&
        OPT(z = hl_star_named_expressions_rule(p)))
        ACTION(hl_seq_insert_in_front(p, y, z));
    RESET;
done:
    LEAVE(_res);
}

/* tuple: '(' [star_named_expression ',' [star_named_expressions]] ')' */
expr_ty hl_tuple_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    asdl_seq *a = NULL;
    if (EXPECT(LPAR) && OPT(a = tuple_items(p)) && EXPECT(RPAR))
        ACTION_EXTRA(hl_ast_Tuple(a, Load, EXTRA));
    RESET;
done:
    LEAVE(_res);
}

/* set: '{' star_named_expressions '}' */
static expr_ty set_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    asdl_seq *a;
    if (EXPECT(LBRACE) && (a = hl_star_named_expressions_rule(p)) && EXPECT(RBRACE))
        ACTION_EXTRA(hl_ast_Set(a, EXTRA));
    RESET;
done:
    LEAVE(_res);
}

/* ---------------------------------------------------------------------------
 * Dicts.
 */
static KeyValuePair *kvpair_rule(Parser *p);
static void *invalid_double_starred_kvpairs_rule(Parser *p);

/* double_starred_kvpair:
 *     | '**' bitwise_or
 *     | kvpair */
static KeyValuePair *double_starred_kvpair_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        expr_ty a;
        if (EXPECT(DOUBLESTAR) && (a = hl_bitwise_or_rule(p)))
            ACTION(hl_key_value_pair(p, NULL, a));
        RESET;
    }
    {
        ALT;
        KeyValuePair *kv;
        if ((kv = kvpair_rule(p)))
            ACTION(kv);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* double_starred_kvpairs: ','.double_starred_kvpair+ [','] */
static asdl_seq *double_starred_kvpairs_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    asdl_seq *a;
    if ((a = GATHER(COMMA, double_starred_kvpair_rule)) && OPT(EXPECT(COMMA)))
        ACTION(a);
    RESET;
done:
    LEAVE(_res);
}

/* kvpair: expression ':' expression */
static KeyValuePair *kvpair_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty a, b;
    if ((a = hl_expression_rule(p)) && EXPECT(COLON) && (b = hl_expression_rule(p)))
        ACTION(hl_key_value_pair(p, a, b));
    RESET;
done:
    LEAVE(_res);
}

/* dict:
 *     | '{' [double_starred_kvpairs] '}'
 *     | '{' invalid_double_starred_kvpairs '}' */
static expr_ty dict_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        asdl_seq *a = NULL;
        if (EXPECT(LBRACE) && OPT(a = double_starred_kvpairs_rule(p)) && EXPECT(RBRACE))
            ACTION_EXTRA(hl_ast_Dict(hl_get_keys(p, a), hl_get_values(p, a), EXTRA));
        RESET;
    }
    {
        /* Not only in the second pass: pegen switches an alternative off in
         * the first pass only when it is nothing but an invalid_ rule. */
        ALT;
        void *v;
        if (EXPECT(LBRACE) && (v = invalid_double_starred_kvpairs_rule(p)) && EXPECT(RBRACE))
            ACTION(v);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* ---------------------------------------------------------------------------
 * Comprehensions.
 */
static expr_ty if_disjunction(Parser *p) /* 'if' z=disjunction { z } */
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty z;
    if (EXPECT(KW_IF) && (z = hl_disjunction_rule(p)))
        ACTION(z);
    RESET;
done:
    LEAVE(_res);
}

/* for_if_clause:
 *     | ASYNC 'for' star_targets 'in' ~ disjunction ('if' disjunction)*
 *     | 'for' star_targets 'in' ~ disjunction ('if' disjunction)*
 *     | invalid_for_target */
static comprehension_ty for_if_clause_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    for (int is_async = 1; is_async >= 0; is_async--) {
        ALT;
        int cut = 0;
        Token *async_tok = NULL;
        expr_ty a, b;
        asdl_seq *c;
        if ((!is_async || (async_tok = EXPECT(ASYNC))) && EXPECT(KW_FOR) &&
            (a = hl_star_targets_rule(p)) && EXPECT(KW_IN) && (cut = 1) &&
            (b = hl_disjunction_rule(p)) && (c = LOOP0(if_disjunction))) {
            if (is_async)
                hl_not_supported(p, "async comprehensions", async_tok->lineno,
                                 async_tok->col_offset, async_tok->end_lineno,
                                 async_tok->end_col_offset);
            ACTION(hl_ast_comprehension(a, b, c, is_async, p->arena));
        }
        RESET;
        if (cut)
            LEAVE(NULL);
    }
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = hl_invalid_for_target_rule(p)))
            ACTION(v);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* for_if_clauses: for_if_clause+ */
asdl_comprehension_seq *hl_for_if_clauses_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    asdl_seq *a;
    if ((a = LOOP1(for_if_clause_rule)))
        ACTION(a);
    RESET;
done:
    LEAVE(_res);
}

static void *invalid_comprehension_rule(Parser *p);
static void *invalid_dict_comprehension_rule(Parser *p);

/* listcomp / setcomp:
 *     | open named_expression for_if_clauses close
 *     | invalid_comprehension */
static expr_ty display_comp(Parser *p, int open, int close, int is_set)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        expr_ty a;
        asdl_seq *b;
        if (EXPECT(open) && (a = hl_named_expression_rule(p)) &&
            (b = hl_for_if_clauses_rule(p)) && EXPECT(close))
            ACTION_EXTRA(is_set ? hl_ast_SetComp(a, b, EXTRA) : hl_ast_ListComp(a, b, EXTRA));
        RESET;
    }
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_comprehension_rule(p)))
            ACTION(v);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

static expr_ty listcomp_rule(Parser *p) { return display_comp(p, LSQB, RSQB, 0); }
static expr_ty setcomp_rule(Parser *p) { return display_comp(p, LBRACE, RBRACE, 1); }

/* expression !':=' */
static expr_ty expression_not_walrus(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty e;
    if ((e = hl_expression_rule(p)) && LOOKAHEAD(0, COLONEQUAL))
        ACTION(e);
    RESET;
done:
    LEAVE(_res);
}

/* (assignment_expression | expression !':=') */
static void *assignment_or_expression(Parser *p)
{
    static expr_ty (*const alts[])(Parser *) = {hl_assignment_expression_rule,
                                                 expression_not_walrus};
    return first_of(p, alts, 2);
}

/* genexp:
 *     | '(' (assignment_expression | expression !':=') for_if_clauses ')'
 *     | invalid_comprehension */
expr_ty hl_genexp_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        expr_ty a;
        asdl_seq *b;
        if (EXPECT(LPAR) && (a = assignment_or_expression(p)) &&
            (b = hl_for_if_clauses_rule(p)) && EXPECT(RPAR))
            ACTION_EXTRA(hl_ast_GeneratorExp(a, b, EXTRA));
        RESET;
    }
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_comprehension_rule(p)))
            ACTION(v);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* dictcomp:
 *     | '{' kvpair for_if_clauses '}'
 *     | invalid_dict_comprehension */
static expr_ty dictcomp_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        KeyValuePair *a;
        asdl_seq *b;
        if (EXPECT(LBRACE) && (a = kvpair_rule(p)) && (b = hl_for_if_clauses_rule(p)) &&
            EXPECT(RBRACE))
            ACTION_EXTRA(hl_ast_DictComp(a->key, a->value, b, EXTRA));
        RESET;
    }
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_dict_comprehension_rule(p)))
            ACTION(v);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* ---------------------------------------------------------------------------
 * Call arguments.
 */
static void *invalid_arguments_rule(Parser *p);
static void *invalid_kwarg_rule(Parser *p);

/* arguments (memo):
 *     | args [','] &')'
 *     | invalid_arguments */
expr_ty hl_arguments_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    MEMO_CHECK(arguments_type, expr_ty);
    int _mark = p->mark;
    {
        ALT;
        expr_ty a;
        if ((a = hl_args_rule(p)) && OPT(EXPECT(COMMA)) && LOOKAHEAD(1, RPAR))
            ACTION(a);
        RESET;
    }
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_arguments_rule(p)))
            ACTION(v);
        RESET;
    }
    _res = NULL;
done:
    hl_insert_memo(p, _mark, arguments_type, _res);
    LEAVE(_res);
}

/* (assignment_expression | expression !':=') !'=' */
static expr_ty positional_arg(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty e;
    if ((e = assignment_or_expression(p)) && LOOKAHEAD(0, EQUAL))
        ACTION(e);
    RESET;
done:
    LEAVE(_res);
}

/* (starred_expression | (assignment_expression | expression !':=') !'=') */
static void *positional_item(Parser *p)
{
    static expr_ty (*const alts[])(Parser *) = {hl_starred_expression_rule, positional_arg};
    return first_of(p, alts, 2);
}

static asdl_seq *kwargs_rule(Parser *p);

static asdl_seq *comma_kwargs(Parser *p) /* ',' k=kwargs { k } */
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    asdl_seq *k;
    if (EXPECT(COMMA) && (k = kwargs_rule(p)))
        ACTION(k);
    RESET;
done:
    LEAVE(_res);
}

/* args:
 *     | ','.(starred_expression | (assignment_expression | expression !':=') !'=')+
 *       [',' kwargs]
 *     | kwargs */
expr_ty hl_args_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        asdl_seq *a, *b = NULL;
        if ((a = GATHER(COMMA, positional_item)) && OPT(b = comma_kwargs(p)))
            ACTION_EXTRA(hl_collect_call_seqs(p, a, b, EXTRA));
        RESET;
    }
    {
        ALT;
        asdl_seq *a;
        if ((a = kwargs_rule(p))) {
            EXTRA_END;
            expr_ty dummy = hl_dummy_name(p);
            ACTION(dummy ? hl_ast_Call(dummy, hl_seq_extract_starred_exprs(p, a),
                                       hl_seq_delete_starred_exprs(p, a), EXTRA)
                         : NULL);
        }
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

static KeywordOrStarred *kwarg_or_starred_rule(Parser *p);
static KeywordOrStarred *kwarg_or_double_starred_rule(Parser *p);

/* kwargs:
 *     | ','.kwarg_or_starred+ ',' ','.kwarg_or_double_starred+
 *     | ','.kwarg_or_starred+
 *     | ','.kwarg_or_double_starred+ */
static asdl_seq *kwargs_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        asdl_seq *a, *b;
        if ((a = GATHER(COMMA, kwarg_or_starred_rule)) && EXPECT(COMMA) &&
            (b = GATHER(COMMA, kwarg_or_double_starred_rule)))
            ACTION(hl_join_sequences(p, a, b));
        RESET;
    }
    {
        ALT;
        asdl_seq *a;
        if ((a = GATHER(COMMA, kwarg_or_starred_rule)))
            ACTION(a);
        RESET;
    }
    {
        ALT;
        asdl_seq *a;
        if ((a = GATHER(COMMA, kwarg_or_double_starred_rule)))
            ACTION(a);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* starred_expression: '*' expression */
expr_ty hl_starred_expression_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    expr_ty a;
    if (EXPECT(STAR) && (a = hl_expression_rule(p)))
        ACTION_EXTRA(hl_ast_Starred(a, Load, EXTRA));
    RESET;
done:
    LEAVE(_res);
}

/* kwarg_or_starred:          | invalid_kwarg | NAME '=' expression | starred_expression
 * kwarg_or_double_starred:   | invalid_kwarg | NAME '=' expression | '**' expression */
static KeywordOrStarred *kwarg_rule(Parser *p, int double_starred)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_kwarg_rule(p)))
            ACTION(v);
        RESET;
    }
    {
        ALT;
        expr_ty a, b;
        if ((a = hl_name_token(p)) && EXPECT(EQUAL) && (b = hl_expression_rule(p))) {
            EXTRA_END;
            keyword_ty k = hl_ast_keyword(a->v.Name.id, b, EXTRA);
            ACTION(k ? hl_keyword_or_starred(p, k, 1) : NULL);
        }
        RESET;
    }
    if (!double_starred) {
        ALT;
        expr_ty a;
        if ((a = hl_starred_expression_rule(p)))
            ACTION(hl_keyword_or_starred(p, a, 0));
        RESET;
    } else {
        ALT;
        expr_ty a;
        if (EXPECT(DOUBLESTAR) && (a = hl_expression_rule(p))) {
            EXTRA_END;
            keyword_ty k = hl_ast_keyword(NULL, a, EXTRA);
            ACTION(k ? hl_keyword_or_starred(p, k, 1) : NULL);
        }
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

static KeywordOrStarred *kwarg_or_starred_rule(Parser *p) { return kwarg_rule(p, 0); }
static KeywordOrStarred *kwarg_or_double_starred_rule(Parser *p) { return kwarg_rule(p, 1); }

/* ---------------------------------------------------------------------------
 * The invalid_* rules of this file.
 */

/* (args | expression for_if_clauses) */
static void *args_or_genexp(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        expr_ty a;
        if ((a = hl_args_rule(p)))
            ACTION(a);
        RESET;
    }
    {
        ALT;
        expr_ty a;
        asdl_seq *b;
        if ((a = hl_expression_rule(p)) && (b = hl_for_if_clauses_rule(p)))
            ACTION(b);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

static expr_ty last_comprehension_item(asdl_seq *b)
{
    return hl_get_last_comprehension_item(b->elements[asdl_seq_LEN(b) - 1]);
}

/* ((','.(starred_expression | (assignment_expression | expression !':=') !'=')+
 *   ',' kwargs) | kwargs) */
static void *positional_then_kwargs(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        asdl_seq *k;
        if (GATHER(COMMA, positional_item) && EXPECT(COMMA) && (k = kwargs_rule(p)))
            ACTION(k);
        RESET;
    }
    {
        ALT;
        asdl_seq *k;
        if ((k = kwargs_rule(p)))
            ACTION(k);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* invalid_arguments (CPython 3.11.7; 3.11.2 had `args ',' '*'` first):
 *     | ((','.(starred_expression | ...)+ ',' kwargs) | kwargs) ',' '*'
 *     | expression for_if_clauses ',' [args | expression for_if_clauses]
 *     | NAME '=' expression for_if_clauses
 *     | args for_if_clauses
 *     | args ',' expression for_if_clauses
 *     | args ',' args */
static void *invalid_arguments_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        Token *a;
        if (positional_then_kwargs(p) && EXPECT(COMMA) && (a = EXPECT(STAR)))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_LOCATION(
                a, "iterable argument unpacking follows keyword argument unpacking"));
        RESET;
    }
    {
        ALT;
        expr_ty a;
        asdl_seq *b;
        if ((a = hl_expression_rule(p)) && (b = hl_for_if_clauses_rule(p)) && EXPECT(COMMA) &&
            OPT(args_or_genexp(p)))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_RANGE(a, last_comprehension_item(b),
                                                  "Generator expression must be parenthesized"));
        RESET;
    }
    {
        ALT;
        expr_ty a;
        Token *b;
        if ((a = hl_name_token(p)) && (b = EXPECT(EQUAL)) && hl_expression_rule(p) &&
            hl_for_if_clauses_rule(p))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_RANGE(
                a, b, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?"));
        RESET;
    }
    {
        ALT;
        expr_ty a;
        asdl_seq *b;
        if ((a = hl_args_rule(p)) && (b = hl_for_if_clauses_rule(p)))
            ACTION(hl_nonparen_genexp_in_call(p, a, b));
        RESET;
    }
    {
        ALT;
        expr_ty a;
        asdl_seq *b;
        if (hl_args_rule(p) && EXPECT(COMMA) && (a = hl_expression_rule(p)) &&
            (b = hl_for_if_clauses_rule(p)))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_RANGE(a, last_comprehension_item(b),
                                                  "Generator expression must be parenthesized"));
        RESET;
    }
    {
        ALT;
        expr_ty a;
        if ((a = hl_args_rule(p)) && EXPECT(COMMA) && hl_args_rule(p))
            ACTION(hl_arguments_parsing_error(p, a));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* ('True'|'False'|'None') */
static Token *true_false_none(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    Token *t;
    if ((t = EXPECT(KW_TRUE)) || (t = EXPECT(KW_FALSE)) || (t = EXPECT(KW_NONE)))
        ACTION(t);
    RESET;
done:
    LEAVE(_res);
}

/* NAME '=' */
static void *name_equal(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty n;
    Token *t;
    if ((n = hl_name_token(p)) && (t = EXPECT(EQUAL)))
        ACTION(t);
    RESET;
done:
    LEAVE(_res);
}

/* invalid_kwarg:
 *     | ('True'|'False'|'None') '='
 *     | NAME '=' expression for_if_clauses
 *     | !(NAME '=') expression '=' */
static void *invalid_kwarg_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        Token *a, *b;
        if ((a = true_false_none(p)) && (b = EXPECT(EQUAL)))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_RANGE(a, b, "cannot assign to %.*s",
                                                  (int)(a->end - a->start), a->start));
        RESET;
    }
    {
        ALT;
        expr_ty a;
        Token *b;
        if ((a = hl_name_token(p)) && (b = EXPECT(EQUAL)) && hl_expression_rule(p) &&
            hl_for_if_clauses_rule(p))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_RANGE(
                a, b, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?"));
        RESET;
    }
    {
        ALT;
        expr_ty a;
        Token *b;
        if (LOOKAHEAD_RULE(0, name_equal) && (a = hl_expression_rule(p)) && (b = EXPECT(EQUAL)))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_RANGE(
                a, b, "expression cannot contain assignment, perhaps you meant \"==\"?"));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* ('[' | '(' | '{') and ('[' | '{') */
static Token *open_bracket(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    Token *t;
    if ((t = EXPECT(LSQB)) || (t = EXPECT(LPAR)) || (t = EXPECT(LBRACE)))
        ACTION(t);
    RESET;
done:
    LEAVE(_res);
}

static Token *open_list_or_set(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    Token *t;
    if ((t = EXPECT(LSQB)) || (t = EXPECT(LBRACE)))
        ACTION(t);
    RESET;
done:
    LEAVE(_res);
}

/* invalid_comprehension:
 *     | ('[' | '(' | '{') starred_expression for_if_clauses
 *     | ('[' | '{') star_named_expression ',' star_named_expressions for_if_clauses
 *     | ('[' | '{') star_named_expression ',' for_if_clauses */
static void *invalid_comprehension_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        expr_ty a;
        if (open_bracket(p) && (a = hl_starred_expression_rule(p)) && hl_for_if_clauses_rule(p))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_LOCATION(
                a, "iterable unpacking cannot be used in comprehension"));
        RESET;
    }
    {
        ALT;
        expr_ty a;
        asdl_seq *b;
        if (open_list_or_set(p) && (a = hl_star_named_expression_rule(p)) && EXPECT(COMMA) &&
            (b = hl_star_named_expressions_rule(p)) && hl_for_if_clauses_rule(p))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_RANGE(
                a, (expr_ty)b->elements[asdl_seq_LEN(b) - 1],
                "did you forget parentheses around the comprehension target?"));
        RESET;
    }
    {
        ALT;
        expr_ty a;
        Token *b;
        if (open_list_or_set(p) && (a = hl_star_named_expression_rule(p)) &&
            (b = EXPECT(COMMA)) && hl_for_if_clauses_rule(p))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_RANGE(
                a, b, "did you forget parentheses around the comprehension target?"));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* invalid_dict_comprehension:
 *     | '{' '**' bitwise_or for_if_clauses '}' */
static void *invalid_dict_comprehension_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    Token *a;
    if (EXPECT(LBRACE) && (a = EXPECT(DOUBLESTAR)) && hl_bitwise_or_rule(p) &&
        hl_for_if_clauses_rule(p) && EXPECT(RBRACE))
        ACTION(RAISE_SYNTAX_ERROR_KNOWN_LOCATION(
            a, "dict unpacking cannot be used in dict comprehension"));
    RESET;
done:
    LEAVE(_res);
}

/* invalid_group:
 *     | '(' starred_expression ')'
 *     | '(' '**' expression ')' */
static void *invalid_group_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        expr_ty a;
        if (EXPECT(LPAR) && (a = hl_starred_expression_rule(p)) && EXPECT(RPAR))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_LOCATION(a, "cannot use starred expression here"));
        RESET;
    }
    {
        ALT;
        Token *a;
        if (EXPECT(LPAR) && (a = EXPECT(DOUBLESTAR)) && hl_expression_rule(p) && EXPECT(RPAR))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_LOCATION(
                a, "cannot use double starred expression here"));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* ('}' | ',') */
static Token *close_brace_or_comma(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    Token *t;
    if ((t = EXPECT(RBRACE)) || (t = EXPECT(COMMA)))
        ACTION(t);
    RESET;
done:
    LEAVE(_res);
}

/* The two alternatives invalid_double_starred_kvpairs and invalid_kvpair
 * share:
 *     | expression ':' '*' bitwise_or
 *     | expression ':' &('}'|',') */
static int starred_value_or_missing_value(Parser *p, void **_res_out)
{
    int _mark = p->mark;
    {
        Token *a;
        if (hl_expression_rule(p) && EXPECT(COLON) && (a = EXPECT(STAR)) && hl_bitwise_or_rule(p)) {
            *_res_out = RAISE_SYNTAX_ERROR_STARTING_FROM(
                a, "cannot use a starred expression in a dictionary value");
            return 1;
        }
        RESET;
    }
    if (p->error_indicator)
        return 0;
    {
        Token *a;
        if (hl_expression_rule(p) && (a = EXPECT(COLON)) && LOOKAHEAD_RULE(1, close_brace_or_comma)) {
            *_res_out = RAISE_SYNTAX_ERROR_KNOWN_LOCATION(
                a, "expression expected after dictionary key and ':'");
            return 1;
        }
        RESET;
    }
    return 0;
}

/* invalid_kvpair:
 *     | expression !(':')
 *     | expression ':' '*' bitwise_or
 *     | expression ':' &('}'|',') */
static void *invalid_kvpair_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        expr_ty a;
        if ((a = hl_expression_rule(p)) && LOOKAHEAD(0, COLON))
            ACTION(RAISE_ERROR_KNOWN_LOCATION(p, "SyntaxError", a->lineno, a->end_col_offset - 1,
                                              a->end_lineno, -1,
                                              "':' expected after dictionary key"));
        RESET;
    }
    ALT;
    if (starred_value_or_missing_value(p, &_res))
        ACTION(_res);
    ALT;
    _res = NULL;
done:
    LEAVE(_res);
}

/* invalid_double_starred_kvpairs:
 *     | ','.double_starred_kvpair+ ',' invalid_kvpair
 *     | expression ':' '*' bitwise_or
 *     | expression ':' &('}'|',') */
static void *invalid_double_starred_kvpairs_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        void *v;
        if (GATHER(COMMA, double_starred_kvpair_rule) && EXPECT(COMMA) &&
            (v = invalid_kvpair_rule(p)))
            ACTION(v);
        RESET;
    }
    ALT;
    if (starred_value_or_missing_value(p, &_res))
        ACTION(_res);
    ALT;
    _res = NULL;
done:
    LEAVE(_res);
}
