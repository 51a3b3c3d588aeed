/*
 * parser_stmt.c — the start rules and the simple statements of CPython
 * 3.11's grammar: a file is statements then ENDMARKER, a statement is a
 * compound statement (parser_compound.c) or a line of simple statements
 * separated by ';'.
 *
 *   simple_stmt   assignment | star_expressions | return | import | raise
 *                 | pass | del | yield | assert | break | continue
 *                 | global | nonlocal
 *   assignment    NAME ':' ann ['=' rhs]            AnnAssign(simple=1)
 *                 | (single_target) ':' ann ['=' rhs] AnnAssign(simple=0)
 *                 | (star_targets '=')+ rhs          Assign
 *                 | single_target augassign ~ rhs    AugAssign
 *
 * Assignment comes before the expression statement, which is how `x = 1`
 * is not read as the expression `x`.  The alternatives that only start
 * with a given keyword are guarded by a lookahead for it, as in the grammar.
 */
#include "pegen.h"

#define OPT(x) ((void)(x), !p->error_indicator)

static asdl_seq *statement_rule(Parser *p);
asdl_stmt_seq *hl_simple_stmts_rule(Parser *p);
stmt_ty hl_compound_stmt_rule(Parser *p);

/* ---------------------------------------------------------------------------
 * Start rules.
 */
static asdl_seq *statements_rule(Parser *p);

/* file: [statements] ENDMARKER */
mod_ty hl_file_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    asdl_seq *a = NULL;
    if (OPT(a = statements_rule(p)) && EXPECT(ENDMARKER))
        ACTION(hl_make_module(p, a));
    RESET;
done:
    LEAVE(_res);
}

static asdl_seq *statement_newline_rule(Parser *p);

/* interactive: statement_newline */
mod_ty hl_interactive_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    asdl_seq *a;
    if ((a = statement_newline_rule(p)))
        ACTION(hl_ast_Interactive(a, p->arena));
    RESET;
done:
    LEAVE(_res);
}

static void *newline_token(Parser *p) { return hl_expect_token(p, NEWLINE); }

/* eval: expressions NEWLINE* ENDMARKER */
mod_ty hl_eval_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty a;
    if ((a = hl_expressions_rule(p)) && LOOP0(newline_token) && EXPECT(ENDMARKER))
        ACTION(hl_ast_Expression(a, p->arena));
    RESET;
done:
    LEAVE(_res);
}

/* fstring: star_expressions */
expr_ty hl_fstring_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty a;
    if ((a = hl_star_expressions_rule(p)))
        ACTION(a);
    RESET;
done:
    LEAVE(_res);
}

/* statements: statement+ */
static asdl_seq *statements_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    asdl_seq *a;
    if ((a = LOOP1(statement_rule)))
        ACTION(hl_seq_flatten(p, a));
    RESET;
done:
    LEAVE(_res);
}

/* statement: compound_stmt | simple_stmts */
static asdl_seq *statement_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        stmt_ty a;
        if ((a = hl_compound_stmt_rule(p)))
            ACTION(hl_singleton_seq(p, a));
        RESET;
    }
    {
        ALT;
        asdl_seq *a;
        if ((a = hl_simple_stmts_rule(p)))
            ACTION(a);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* statement_newline:
 *     | compound_stmt NEWLINE
 *     | simple_stmts
 *     | NEWLINE
 *     | ENDMARKER */
static asdl_seq *statement_newline_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        stmt_ty a;
        if ((a = hl_compound_stmt_rule(p)) && EXPECT(NEWLINE))
            ACTION(hl_singleton_seq(p, a));
        RESET;
    }
    {
        ALT;
        asdl_seq *a;
        if ((a = hl_simple_stmts_rule(p)))
            ACTION(a);
        RESET;
    }
    {
        ALT;
        if (EXPECT(NEWLINE)) {
            EXTRA_END;
            stmt_ty pass = hl_ast_Pass(EXTRA);
            ACTION(pass ? hl_singleton_seq(p, pass) : NULL);
        }
        RESET;
    }
    {
        ALT;
        if (EXPECT(ENDMARKER))
            ACTION(NULL); /* end of interactive input: nothing to run */
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* ---------------------------------------------------------------------------
 * Simple statements.
 */
static stmt_ty simple_stmt_rule(Parser *p);

/* simple_stmts:
 *     | simple_stmt !';' NEWLINE
 *     | ';'.simple_stmt+ [';'] NEWLINE */
asdl_stmt_seq *hl_simple_stmts_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        stmt_ty a;
        if ((a = simple_stmt_rule(p)) && LOOKAHEAD(0, SEMI) && EXPECT(NEWLINE))
            ACTION(hl_singleton_seq(p, a));
        RESET;
    }
    {
        ALT;
        asdl_seq *a;
        if ((a = GATHER(SEMI, simple_stmt_rule)) && OPT(EXPECT(SEMI)) && EXPECT(NEWLINE))
            ACTION(a);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

static stmt_ty assignment_rule(Parser *p);
static stmt_ty return_stmt_rule(Parser *p);
static stmt_ty import_stmt_rule(Parser *p);
static stmt_ty raise_stmt_rule(Parser *p);
static stmt_ty del_stmt_rule(Parser *p);
static stmt_ty yield_stmt_rule(Parser *p);
static stmt_ty assert_stmt_rule(Parser *p);
static stmt_ty global_stmt_rule(Parser *p);
static stmt_ty nonlocal_stmt_rule(Parser *p);

/* simple_stmt (memo):
 *     | assignment
 *     | star_expressions
 *     | &'return' return_stmt
 *     | &('import' | 'from') import_stmt
 *     | &'raise' raise_stmt
 *     | 'pass'
 *     | &'del' del_stmt
 *     | &'yield' yield_stmt
 *     | &'assert' assert_stmt
 *     | 'break'
 *     | 'continue'
 *     | &'global' global_stmt
 *     | &'nonlocal' nonlocal_stmt */
static stmt_ty simple_stmt_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    MEMO_CHECK(simple_stmt_type, stmt_ty);
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        stmt_ty a;
        if ((a = assignment_rule(p)))
            ACTION(a);
        RESET;
    }
    {
        ALT;
        expr_ty e;
        if ((e = hl_star_expressions_rule(p)))
            ACTION_EXTRA(hl_ast_Expr(e, EXTRA));
        RESET;
    }
#define GUARDED(tok, rule)                                                     \
    {                                                                          \
        ALT;                                                                   \
        stmt_ty s;                                                             \
        if (LOOKAHEAD(1, tok) && (s = rule(p)))                                \
            ACTION(s);                                                         \
        RESET;                                                                 \
    }
    GUARDED(KW_RETURN, return_stmt_rule)
    {
        ALT;
        stmt_ty s;
        if ((LOOKAHEAD(1, KW_IMPORT) || LOOKAHEAD(1, KW_FROM)) && (s = import_stmt_rule(p)))
            ACTION(s);
        RESET;
    }
    GUARDED(KW_RAISE, raise_stmt_rule)
    {
        ALT;
        if (EXPECT(KW_PASS))
            ACTION_EXTRA(hl_ast_Pass(EXTRA));
        RESET;
    }
    GUARDED(KW_DEL, del_stmt_rule)
    GUARDED(KW_YIELD, yield_stmt_rule)
    GUARDED(KW_ASSERT, assert_stmt_rule)
    {
        ALT;
        if (EXPECT(KW_BREAK))
            ACTION_EXTRA(hl_ast_Break(EXTRA));
        RESET;
    }
    {
        ALT;
        if (EXPECT(KW_CONTINUE))
            ACTION_EXTRA(hl_ast_Continue(EXTRA));
        RESET;
    }
    GUARDED(KW_GLOBAL, global_stmt_rule)
    GUARDED(KW_NONLOCAL, nonlocal_stmt_rule)
#undef GUARDED
    _res = NULL;
done:
    hl_insert_memo(p, _mark, simple_stmt_type, _res);
    LEAVE(_res);
}

/* ---------------------------------------------------------------------------
 * Assignment.
 */

/* annotated_rhs: yield_expr | star_expressions */
static expr_ty annotated_rhs_rule(Parser *p)
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

static expr_ty equal_annotated_rhs(Parser *p) /* '=' d=annotated_rhs { d } */
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty d;
    if (EXPECT(EQUAL) && (d = annotated_rhs_rule(p)))
        ACTION(d);
    RESET;
done:
    LEAVE(_res);
}

/* ('(' b=single_target ')' { b } | single_subscript_attribute_target) */
static expr_ty ann_target(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        expr_ty b;
        if (EXPECT(LPAR) && (b = hl_single_target_rule(p)) && EXPECT(RPAR))
            ACTION(b);
        RESET;
    }
    {
        ALT;
        expr_ty b;
        if ((b = hl_single_subscript_attribute_target_rule(p)))
            ACTION(b);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

static expr_ty star_targets_equal(Parser *p) /* z=star_targets '=' { z } */
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty z;
    if ((z = hl_star_targets_rule(p)) && EXPECT(EQUAL))
        ACTION(z);
    RESET;
done:
    LEAVE(_res);
}

/* augassign: '+=' | '-=' | ... | '//=' */
static AugOperator *augassign_rule(Parser *p)
{
    static const struct {
        int token;
        operator_ty op;
    } ops[] = {{PLUSEQUAL, Add},          {MINEQUAL, Sub},          {STAREQUAL, Mult},
               {ATEQUAL, MatMult},        {SLASHEQUAL, Div},        {PERCENTEQUAL, Mod},
               {AMPEREQUAL, BitAnd},      {VBAREQUAL, BitOr},       {CIRCUMFLEXEQUAL, BitXor},
               {LEFTSHIFTEQUAL, LShift},  {RIGHTSHIFTEQUAL, RShift}, {DOUBLESTAREQUAL, Pow},
               {DOUBLESLASHEQUAL, FloorDiv}};
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        ALT;
        if (EXPECT(ops[i].token))
            ACTION(hl_augoperator(p, ops[i].op));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* assignment:
 *     | NAME ':' expression ['=' annotated_rhs]
 *     | ('(' single_target ')' | single_subscript_attribute_target) ':' expression
 *       ['=' annotated_rhs]
 *     | (star_targets '=')+ (yield_expr | star_expressions) !'=' [TYPE_COMMENT]
 *     | single_target augassign ~ (yield_expr | star_expressions)
 *     | invalid_assignment */
static stmt_ty assignment_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        expr_ty a, b, c = NULL;
        if ((a = hl_name_token(p)) && EXPECT(COLON) && (b = hl_expression_rule(p)) &&
            OPT(c = equal_annotated_rhs(p)))
            ACTION_EXTRA(hl_ast_AnnAssign(hl_set_expr_context(p, a, Store), b, c, 1, EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty a, b, c = NULL;
        if ((a = ann_target(p)) && EXPECT(COLON) && (b = hl_expression_rule(p)) &&
            OPT(c = equal_annotated_rhs(p)))
            ACTION_EXTRA(hl_ast_AnnAssign(a, b, c, 0, EXTRA));
        RESET;
    }
    {
        ALT;
        asdl_seq *a;
        expr_ty b;
        if ((a = LOOP1(star_targets_equal)) && (b = annotated_rhs_rule(p)) &&
            LOOKAHEAD(0, EQUAL) && OPT(EXPECT(TYPE_COMMENT)))
            ACTION_EXTRA(hl_ast_Assign(a, b, NULL, EXTRA));
        RESET;
    }
    {
        ALT;
        int cut = 0;
        expr_ty a, c;
        AugOperator *b;
        if ((a = hl_single_target_rule(p)) && (b = augassign_rule(p)) && (cut = 1) &&
            (c = annotated_rhs_rule(p)))
            ACTION_EXTRA(hl_ast_AugAssign(a, b->kind, c, EXTRA));
        RESET;
        if (cut)
            LEAVE(NULL);
    }
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = hl_invalid_assignment_rule(p)))
            ACTION(v);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* ---------------------------------------------------------------------------
 * The other simple statements.
 */

/* return_stmt: 'return' [star_expressions] */
static stmt_ty return_stmt_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    expr_ty a = NULL;
    if (EXPECT(KW_RETURN) && OPT(a = hl_star_expressions_rule(p)))
        ACTION_EXTRA(hl_ast_Return(a, EXTRA));
    RESET;
done:
    LEAVE(_res);
}

static expr_ty from_expression(Parser *p) /* 'from' z=expression { z } */
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty z;
    if (EXPECT(KW_FROM) && (z = hl_expression_rule(p)))
        ACTION(z);
    RESET;
done:
    LEAVE(_res);
}

/* raise_stmt:
 *     | 'raise' expression ['from' expression]
 *     | 'raise' */
static stmt_ty raise_stmt_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        expr_ty a, b = NULL;
        if (EXPECT(KW_RAISE) && (a = hl_expression_rule(p)) && OPT(b = from_expression(p)))
            ACTION_EXTRA(hl_ast_Raise(a, b, EXTRA));
        RESET;
    }
    {
        ALT;
        if (EXPECT(KW_RAISE))
            ACTION_EXTRA(hl_ast_Raise(NULL, NULL, EXTRA));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* global_stmt: 'global' ','.NAME+
 * nonlocal_stmt: 'nonlocal' ','.NAME+ */
static stmt_ty names_stmt(Parser *p, int keyword)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    asdl_seq *a;
    if (EXPECT(keyword) && (a = GATHER(COMMA, hl_name_token))) {
        EXTRA_END;
        asdl_seq *ids = hl_map_names_to_ids(p, a);
        ACTION(ids == NULL ? NULL
               : keyword == KW_GLOBAL ? hl_ast_Global(ids, EXTRA)
                                      : hl_ast_Nonlocal(ids, EXTRA));
    }
    RESET;
done:
    LEAVE(_res);
}

static stmt_ty global_stmt_rule(Parser *p) { return names_stmt(p, KW_GLOBAL); }
static stmt_ty nonlocal_stmt_rule(Parser *p) { return names_stmt(p, KW_NONLOCAL); }

/* (';' | NEWLINE) */
static Token *semi_or_newline(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    Token *t;
    if ((t = EXPECT(SEMI)) || (t = EXPECT(NEWLINE)))
        ACTION(t);
    RESET;
done:
    LEAVE(_res);
}

/* del_stmt:
 *     | 'del' del_targets &(';' | NEWLINE)
 *     | invalid_del_stmt */
static stmt_ty del_stmt_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        asdl_seq *a;
        if (EXPECT(KW_DEL) && (a = hl_del_targets_rule(p)) && LOOKAHEAD_RULE(1, semi_or_newline))
            ACTION_EXTRA(hl_ast_Delete(a, EXTRA));
        RESET;
    }
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = hl_invalid_del_stmt_rule(p)))
            ACTION(v);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* yield_stmt: yield_expr */
static stmt_ty yield_stmt_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    expr_ty y;
    if ((y = hl_yield_expr_rule(p)))
        ACTION_EXTRA(hl_ast_Expr(y, EXTRA));
    RESET;
done:
    LEAVE(_res);
}

static expr_ty comma_expression(Parser *p) /* ',' z=expression { z } */
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty z;
    if (EXPECT(COMMA) && (z = hl_expression_rule(p)))
        ACTION(z);
    RESET;
done:
    LEAVE(_res);
}

/* assert_stmt: 'assert' expression [',' expression] */
static stmt_ty assert_stmt_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    expr_ty a, b = NULL;
    if (EXPECT(KW_ASSERT) && (a = hl_expression_rule(p)) && OPT(b = comma_expression(p)))
        ACTION_EXTRA(hl_ast_Assert(a, b, EXTRA));
    RESET;
done:
    LEAVE(_res);
}

/* ---------------------------------------------------------------------------
 * Imports.
 */

/* dotted_name: dotted_name '.' NAME | NAME */
static expr_ty dotted_name_rule(Parser *p);
static void *dotted_name_raw(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        expr_ty a, b;
        if ((a = dotted_name_rule(p)) && EXPECT(DOT) && (b = hl_name_token(p)))
            ACTION(hl_join_names_with_dot(p, a, b));
        RESET;
    }
    {
        ALT;
        expr_ty a;
        if ((a = hl_name_token(p)))
            ACTION(a);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

static expr_ty dotted_name_rule(Parser *p)
{
    RULE_ENTER;
    expr_ty _res = NULL;
    MEMO_CHECK(dotted_name_type, expr_ty);
    int _mark = p->mark;
    int _resmark = p->mark;
    for (;;) {
        if (hl_update_memo(p, _mark, dotted_name_type, _res))
            LEAVE(_res);
        p->mark = _mark;
        void *_raw = dotted_name_raw(p);
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

static expr_ty as_name(Parser *p) /* 'as' z=NAME { z } */
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty z;
    if (EXPECT(KW_AS) && (z = hl_name_token(p)))
        ACTION(z);
    RESET;
done:
    LEAVE(_res);
}

/* dotted_as_name: dotted_name ['as' NAME]
 * import_from_as_name: NAME ['as' NAME] */
static alias_ty alias_rule(Parser *p, int dotted)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    expr_ty a, b = NULL;
    if ((a = dotted ? dotted_name_rule(p) : hl_name_token(p)) && OPT(b = as_name(p)))
        ACTION_EXTRA(hl_ast_alias(a->v.Name.id, b ? b->v.Name.id : NULL, EXTRA));
    RESET;
done:
    LEAVE(_res);
}

static alias_ty dotted_as_name_rule(Parser *p) { return alias_rule(p, 1); }
static alias_ty import_from_as_name_rule(Parser *p) { return alias_rule(p, 0); }

/* import_name: 'import' dotted_as_names */
static stmt_ty import_name_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    asdl_seq *a;
    if (EXPECT(KW_IMPORT) && (a = GATHER(COMMA, dotted_as_name_rule)))
        ACTION_EXTRA(hl_ast_Import(a, EXTRA));
    RESET;
done:
    LEAVE(_res);
}

/* ('.' | '...') */
static Token *dot_or_ellipsis(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    Token *t;
    if ((t = EXPECT(DOT)) || (t = EXPECT(ELLIPSIS)))
        ACTION(t);
    RESET;
done:
    LEAVE(_res);
}

/* import_from_as_names: ','.import_from_as_name+ */
static asdl_seq *import_from_as_names_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    asdl_seq *a;
    if ((a = GATHER(COMMA, import_from_as_name_rule)))
        ACTION(a);
    RESET;
done:
    LEAVE(_res);
}

/* invalid_import_from_targets: import_from_as_names ',' NEWLINE */
static void *invalid_import_from_targets_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    if (import_from_as_names_rule(p) && EXPECT(COMMA) && EXPECT(NEWLINE))
        ACTION(RAISE_SYNTAX_ERROR("trailing comma not allowed without surrounding parentheses"));
    RESET;
done:
    LEAVE(_res);
}

/* import_from_targets:
 *     | '(' import_from_as_names [','] ')'
 *     | import_from_as_names !','
 *     | '*'
 *     | invalid_import_from_targets */
static asdl_seq *import_from_targets_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        asdl_seq *a;
        if (EXPECT(LPAR) && (a = import_from_as_names_rule(p)) && OPT(EXPECT(COMMA)) &&
            EXPECT(RPAR))
            ACTION(a);
        RESET;
    }
    {
        ALT;
        asdl_seq *a;
        if ((a = import_from_as_names_rule(p)) && LOOKAHEAD(0, COMMA))
            ACTION(a);
        RESET;
    }
    {
        ALT;
        if (EXPECT(STAR)) {
            EXTRA_END;
            alias_ty star = hl_alias_for_star(p, EXTRA);
            ACTION(star ? hl_singleton_seq(p, star) : NULL);
        }
        RESET;
    }
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_import_from_targets_rule(p)))
            ACTION(v);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* import_from:
 *     | 'from' ('.' | '...')* dotted_name 'import' import_from_targets
 *     | 'from' ('.' | '...')+ 'import' import_from_targets */
static stmt_ty import_from_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        asdl_seq *a, *c;
        expr_ty b;
        if (EXPECT(KW_FROM) && (a = LOOP0(dot_or_ellipsis)) && (b = dotted_name_rule(p)) &&
            EXPECT(KW_IMPORT) && (c = import_from_targets_rule(p)))
            ACTION_EXTRA(hl_ast_ImportFrom(b->v.Name.id, c, hl_seq_count_dots(a), EXTRA));
        RESET;
    }
    {
        ALT;
        asdl_seq *a, *b;
        if (EXPECT(KW_FROM) && (a = LOOP1(dot_or_ellipsis)) && EXPECT(KW_IMPORT) &&
            (b = import_from_targets_rule(p)))
            ACTION_EXTRA(hl_ast_ImportFrom(NULL, b, hl_seq_count_dots(a), EXTRA));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* import_stmt: import_name | import_from */
static stmt_ty import_stmt_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    stmt_ty s;
    if ((s = import_name_rule(p)))
        ACTION(s);
    RESET;
    ALT;
    if ((s = import_from_rule(p)))
        ACTION(s);
    RESET;
    _res = NULL;
done:
    LEAVE(_res);
}

/* ---------------------------------------------------------------------------
 * Blocks.
 */

/* invalid_block: NEWLINE !INDENT */
static void *invalid_block_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    if (EXPECT(NEWLINE) && LOOKAHEAD(0, INDENT))
        ACTION(RAISE_INDENTATION_ERROR("expected an indented block"));
    RESET;
done:
    LEAVE(_res);
}

/* block (memo):
 *     | NEWLINE INDENT statements DEDENT
 *     | simple_stmts
 *     | invalid_block */
asdl_stmt_seq *hl_block_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    MEMO_CHECK(block_type, asdl_seq *);
    int _mark = p->mark;
    {
        ALT;
        asdl_seq *a;
        if (EXPECT(NEWLINE) && EXPECT(INDENT) && (a = statements_rule(p)) && EXPECT(DEDENT))
            ACTION(a);
        RESET;
    }
    {
        ALT;
        asdl_seq *a;
        if ((a = hl_simple_stmts_rule(p)))
            ACTION(a);
        RESET;
    }
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_block_rule(p)))
            ACTION(v);
        RESET;
    }
    _res = NULL;
done:
    hl_insert_memo(p, _mark, block_type, _res);
    LEAVE(_res);
}
