/*
 * parser_compound.c — the compound statements of CPython 3.11's grammar:
 * def, class (with decorators), if/elif/else, while, for, with, try/except/
 * finally, and the start of match; plus their invalid_* rules, which give
 * "expected ':'" and "expected an indented block after 'if' statement on
 * line N" and the like.
 *
 * Every compound statement rule begins with its invalid rule (second pass
 * only), then the real alternatives.  Several use "forced" tokens (&&':' in
 * the grammar): if that token is missing the parser stops at once with
 * "expected ':'", even in the first pass.
 *
 * async def/for/with, except* and match are parsed as CPython parses them
 * and then rejected: heaplab does not run them (see hl_not_supported).  A
 * match statement is recognised only up to its first `case`, since heaplab
 * has no pattern grammar.
 */
#include "pegen.h"

#define OPT(x) ((void)(x), !p->error_indicator)

stmt_ty hl_compound_stmt_rule(Parser *p);

/* The position arguments of a node spanning the rule so far. */
#define NOT_SUPPORTED(what) hl_not_supported(p, what, EXTRA_POSITION)

/* 'as' z=NAME { z } */
static expr_ty as_name(Parser *p)
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

/* ---------------------------------------------------------------------------
 * Decorators, classes, functions.
 */

/* ('@' f=named_expression NEWLINE { f }) */
static expr_ty decorator(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty f;
    if (EXPECT(AT) && (f = hl_named_expression_rule(p)) && EXPECT(NEWLINE))
        ACTION(f);
    RESET;
done:
    LEAVE(_res);
}

/* decorators: ('@' named_expression NEWLINE)+ */
static asdl_seq *decorators_rule(Parser *p) { return LOOP1(decorator); }

static expr_ty paren_arguments(Parser *p) /* '(' z=[arguments] ')' { z } */
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty z = NULL;
    if (EXPECT(LPAR) && OPT(z = hl_arguments_rule(p)) && EXPECT(RPAR))
        ACTION(z);
    RESET;
done:
    LEAVE(_res);
}

/* invalid_class_def_raw:
 *     | 'class' NAME ['(' [arguments] ')'] NEWLINE
 *     | 'class' NAME ['(' [arguments] ')'] ':' NEWLINE !INDENT */
static void *invalid_class_def_raw_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        if (EXPECT(KW_CLASS) && hl_name_token(p) && OPT(paren_arguments(p)) && EXPECT(NEWLINE))
            ACTION(RAISE_SYNTAX_ERROR("expected ':'"));
        RESET;
    }
    {
        ALT;
        Token *a;
        if ((a = EXPECT(KW_CLASS)) && hl_name_token(p) && OPT(paren_arguments(p)) &&
            EXPECT(COLON) && EXPECT(NEWLINE) && LOOKAHEAD(0, INDENT))
            ACTION(RAISE_INDENTATION_ERROR(
                "expected an indented block after class definition on line %d", a->lineno));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* class_def_raw:
 *     | invalid_class_def_raw
 *     | 'class' NAME ['(' [arguments] ')'] ':' block */
static stmt_ty class_def_raw_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_class_def_raw_rule(p)))
            ACTION(v);
        RESET;
    }
    {
        ALT;
        expr_ty a, b = NULL;
        asdl_seq *c;
        if (EXPECT(KW_CLASS) && (a = hl_name_token(p)) && OPT(b = paren_arguments(p)) &&
            EXPECT(COLON) && (c = hl_block_rule(p)))
            ACTION_EXTRA(hl_ast_ClassDef(a->v.Name.id, b ? b->v.Call.args : NULL,
                                         b ? b->v.Call.keywords : NULL, c, NULL, EXTRA));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* class_def: decorators class_def_raw | class_def_raw */
static stmt_ty class_def_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        asdl_seq *a;
        stmt_ty b;
        if ((a = decorators_rule(p)) && (b = class_def_raw_rule(p)))
            ACTION(hl_class_def_decorators(p, a, b));
        RESET;
    }
    {
        ALT;
        stmt_ty b;
        if ((b = class_def_raw_rule(p)))
            ACTION(b);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

static expr_ty arrow_expression(Parser *p) /* '->' z=expression { z } */
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty z;
    if (EXPECT(RARROW) && (z = hl_expression_rule(p)))
        ACTION(z);
    RESET;
done:
    LEAVE(_res);
}

/* (NEWLINE INDENT) */
static void *newline_indent(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    Token *t;
    if (EXPECT(NEWLINE) && (t = EXPECT(INDENT)))
        ACTION(t);
    RESET;
done:
    LEAVE(_res);
}

/* func_type_comment:
 *     | NEWLINE TYPE_COMMENT &(NEWLINE INDENT)
 *     | invalid_double_type_comments
 *     | TYPE_COMMENT
 * (heaplab's tokenizer never produces TYPE_COMMENT; the rule only reads) */
static Token *func_type_comment_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        Token *t;
        if (EXPECT(NEWLINE) && (t = EXPECT(TYPE_COMMENT)) && LOOKAHEAD_RULE(1, newline_indent))
            ACTION(t);
        RESET;
    }
    if (p->call_invalid_rules) {
        ALT;
        if (EXPECT(TYPE_COMMENT) && EXPECT(NEWLINE) && EXPECT(TYPE_COMMENT) && EXPECT(NEWLINE) &&
            EXPECT(INDENT))
            ACTION(RAISE_SYNTAX_ERROR("Cannot have two type comments on def"));
        RESET;
    }
    {
        ALT;
        Token *t;
        if ((t = EXPECT(TYPE_COMMENT)))
            ACTION(t);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* invalid_def_raw:
 *     | [ASYNC] 'def' NAME '(' [params] ')' ['->' expression] ':' NEWLINE !INDENT */
static void *invalid_def_raw_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    Token *a;
    if (OPT(EXPECT(ASYNC)) && (a = EXPECT(KW_DEF)) && hl_name_token(p) && EXPECT(LPAR) &&
        OPT(hl_params_rule(p)) && EXPECT(RPAR) && OPT(arrow_expression(p)) && EXPECT(COLON) &&
        EXPECT(NEWLINE) && LOOKAHEAD(0, INDENT))
        ACTION(RAISE_INDENTATION_ERROR(
            "expected an indented block after function definition on line %d", a->lineno));
    RESET;
done:
    LEAVE(_res);
}

/* function_def_raw:
 *     | invalid_def_raw
 *     | 'def' NAME &&'(' [params] ')' ['->' expression] &&':' [func_type_comment] block
 *     | ASYNC 'def' NAME &&'(' [params] ')' ['->' expression] &&':' [func_type_comment]
 *       block */
static stmt_ty function_def_raw_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_def_raw_rule(p)))
            ACTION(v);
        RESET;
    }
    for (int is_async = 0; is_async <= 1; is_async++) {
        ALT;
        expr_ty n, a = NULL;
        arguments_ty params = NULL;
        asdl_seq *b;
        if ((!is_async || EXPECT(ASYNC)) && EXPECT(KW_DEF) && (n = hl_name_token(p)) &&
            hl_expect_forced_token(p, LPAR, "(") && OPT(params = hl_params_rule(p)) &&
            EXPECT(RPAR) && OPT(a = arrow_expression(p)) &&
            hl_expect_forced_token(p, COLON, ":") && OPT(func_type_comment_rule(p)) &&
            (b = hl_block_rule(p))) {
            EXTRA_END;
            arguments_ty args = params ? params : hl_empty_arguments(p);
            if (args == NULL)
                ACTION(NULL);
            if (is_async) {
                NOT_SUPPORTED("async functions");
                ACTION(hl_ast_AsyncFunctionDef(n->v.Name.id, args, b, NULL, a, NULL, EXTRA));
            }
            ACTION(hl_ast_FunctionDef(n->v.Name.id, args, b, NULL, a, NULL, EXTRA));
        }
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* function_def: decorators function_def_raw | function_def_raw */
static stmt_ty function_def_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        asdl_seq *d;
        stmt_ty f;
        if ((d = decorators_rule(p)) && (f = function_def_raw_rule(p)))
            ACTION(hl_function_def_decorators(p, d, f));
        RESET;
    }
    {
        ALT;
        stmt_ty f;
        if ((f = function_def_raw_rule(p)))
            ACTION(f);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* ---------------------------------------------------------------------------
 * if, while, for.
 */

/* invalid_if_stmt / invalid_elif_stmt / invalid_while_stmt:
 *     | KEYWORD named_expression NEWLINE
 *     | KEYWORD named_expression ':' NEWLINE !INDENT */
static void *invalid_cond_stmt_rule(Parser *p, int keyword, const char *name)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        if (EXPECT(keyword) && hl_named_expression_rule(p) && EXPECT(NEWLINE))
            ACTION(RAISE_SYNTAX_ERROR("expected ':'"));
        RESET;
    }
    {
        ALT;
        Token *kw;
        expr_ty e;
        if ((kw = EXPECT(keyword)) && (e = hl_named_expression_rule(p)) && EXPECT(COLON) &&
            EXPECT(NEWLINE) && LOOKAHEAD(0, INDENT))
            /* The grammar's invalid_if_stmt names the expression `a` too, so
             * it is the expression's line that is reported. */
            ACTION(RAISE_INDENTATION_ERROR(
                "expected an indented block after '%s' statement on line %d", name,
                keyword == KW_IF ? e->lineno : kw->lineno));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* invalid_else_stmt: 'else' ':' NEWLINE !INDENT */
static void *invalid_else_stmt_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    Token *a;
    if ((a = EXPECT(KW_ELSE)) && EXPECT(COLON) && EXPECT(NEWLINE) && LOOKAHEAD(0, INDENT))
        ACTION(RAISE_INDENTATION_ERROR("expected an indented block after 'else' statement on line %d",
                                       a->lineno));
    RESET;
done:
    LEAVE(_res);
}

/* else_block: invalid_else_stmt | 'else' &&':' block */
static asdl_seq *else_block_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_else_stmt_rule(p)))
            ACTION(v);
        RESET;
    }
    {
        ALT;
        asdl_seq *b;
        if (EXPECT(KW_ELSE) && hl_expect_forced_token(p, COLON, ":") && (b = hl_block_rule(p)))
            ACTION(b);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* if_stmt / elif_stmt:
 *     | invalid_if_stmt
 *     | KEYWORD named_expression ':' block elif_stmt
 *     | KEYWORD named_expression ':' block [else_block] */
static stmt_ty if_rule(Parser *p, int keyword)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_cond_stmt_rule(p, keyword, keyword == KW_IF ? "if" : "elif")))
            ACTION(v);
        RESET;
    }
    {
        ALT;
        expr_ty a;
        asdl_seq *b;
        stmt_ty c;
        if (EXPECT(keyword) && (a = hl_named_expression_rule(p)) && EXPECT(COLON) &&
            (b = hl_block_rule(p)) && (c = if_rule(p, KW_ELIF)))
            ACTION_EXTRA(hl_ast_If(a, b, hl_singleton_seq(p, c), EXTRA));
        RESET;
    }
    {
        ALT;
        expr_ty a;
        asdl_seq *b, *c = NULL;
        if (EXPECT(keyword) && (a = hl_named_expression_rule(p)) && EXPECT(COLON) &&
            (b = hl_block_rule(p)) && OPT(c = else_block_rule(p)))
            ACTION_EXTRA(hl_ast_If(a, b, c, EXTRA));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* while_stmt:
 *     | invalid_while_stmt
 *     | 'while' named_expression ':' block [else_block] */
static stmt_ty while_stmt_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_cond_stmt_rule(p, KW_WHILE, "while")))
            ACTION(v);
        RESET;
    }
    {
        ALT;
        expr_ty a;
        asdl_seq *b, *c = NULL;
        if (EXPECT(KW_WHILE) && (a = hl_named_expression_rule(p)) && EXPECT(COLON) &&
            (b = hl_block_rule(p)) && OPT(c = else_block_rule(p)))
            ACTION_EXTRA(hl_ast_While(a, b, c, EXTRA));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* invalid_for_stmt:
 *     | [ASYNC] 'for' star_targets 'in' star_expressions NEWLINE
 *     | [ASYNC] 'for' star_targets 'in' star_expressions ':' NEWLINE !INDENT */
static void *invalid_for_stmt_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        if (OPT(EXPECT(ASYNC)) && EXPECT(KW_FOR) && hl_star_targets_rule(p) && EXPECT(KW_IN) &&
            hl_star_expressions_rule(p) && EXPECT(NEWLINE))
            ACTION(RAISE_SYNTAX_ERROR("expected ':'"));
        RESET;
    }
    {
        ALT;
        Token *a;
        if (OPT(EXPECT(ASYNC)) && (a = EXPECT(KW_FOR)) && hl_star_targets_rule(p) &&
            EXPECT(KW_IN) && hl_star_expressions_rule(p) && EXPECT(COLON) && EXPECT(NEWLINE) &&
            LOOKAHEAD(0, INDENT))
            ACTION(RAISE_INDENTATION_ERROR(
                "expected an indented block after 'for' statement on line %d", a->lineno));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* for_stmt:
 *     | invalid_for_stmt
 *     | 'for' star_targets 'in' ~ star_expressions ':' [TYPE_COMMENT] block [else_block]
 *     | ASYNC 'for' star_targets 'in' ~ star_expressions ':' [TYPE_COMMENT] block
 *       [else_block]
 *     | invalid_for_target */
static stmt_ty for_stmt_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_for_stmt_rule(p)))
            ACTION(v);
        RESET;
    }
    for (int is_async = 0; is_async <= 1; is_async++) {
        ALT;
        int cut = 0;
        expr_ty t, ex;
        asdl_seq *b, *el = NULL;
        if ((!is_async || EXPECT(ASYNC)) && EXPECT(KW_FOR) && (t = hl_star_targets_rule(p)) &&
            EXPECT(KW_IN) && (cut = 1) && (ex = hl_star_expressions_rule(p)) && EXPECT(COLON) &&
            OPT(EXPECT(TYPE_COMMENT)) && (b = hl_block_rule(p)) && OPT(el = else_block_rule(p))) {
            EXTRA_END;
            if (is_async) {
                NOT_SUPPORTED("async for");
                ACTION(hl_ast_AsyncFor(t, ex, b, el, NULL, EXTRA));
            }
            ACTION(hl_ast_For(t, ex, b, el, NULL, EXTRA));
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

/* ---------------------------------------------------------------------------
 * with.
 */

/* (',' | ')' | ':') */
static Token *comma_rpar_colon(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    Token *t;
    if ((t = EXPECT(COMMA)) || (t = EXPECT(RPAR)) || (t = EXPECT(COLON)))
        ACTION(t);
    RESET;
done:
    LEAVE(_res);
}

/* with_item:
 *     | expression 'as' star_target &(',' | ')' | ':')
 *     | invalid_with_item
 *     | expression */
static withitem_ty with_item_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        expr_ty e, t;
        if ((e = hl_expression_rule(p)) && EXPECT(KW_AS) && (t = hl_star_target_rule(p)) &&
            LOOKAHEAD_RULE(1, comma_rpar_colon))
            ACTION(hl_ast_withitem(e, t, p->arena));
        RESET;
    }
    if (p->call_invalid_rules) {
        /* invalid_with_item: expression 'as' expression &(',' | ')' | ':') */
        ALT;
        expr_ty a;
        if (hl_expression_rule(p) && EXPECT(KW_AS) && (a = hl_expression_rule(p)) &&
            LOOKAHEAD_RULE(1, comma_rpar_colon))
            ACTION(RAISE_SYNTAX_ERROR_INVALID_TARGET(STAR_TARGETS, a));
        RESET;
    }
    {
        ALT;
        expr_ty e;
        if ((e = hl_expression_rule(p)))
            ACTION(hl_ast_withitem(e, NULL, p->arena));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

static expr_ty as_star_target(Parser *p) /* 'as' star_target */
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty t;
    if (EXPECT(KW_AS) && (t = hl_star_target_rule(p)))
        ACTION(t);
    RESET;
done:
    LEAVE(_res);
}

/* (expression ['as' star_target]) and (expressions ['as' star_target]) */
static void *loose_with_item(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty e;
    if ((e = hl_expression_rule(p)) && OPT(as_star_target(p)))
        ACTION(e);
    RESET;
done:
    LEAVE(_res);
}

static void *loose_with_items(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty e;
    if ((e = hl_expressions_rule(p)) && OPT(as_star_target(p)))
        ACTION(e);
    RESET;
done:
    LEAVE(_res);
}

/* invalid_with_stmt (indent = 0) and invalid_with_stmt_indent (indent = 1):
 *     | [ASYNC] 'with' ','.(expression ['as' star_target])+ [':'] NEWLINE [!INDENT]
 *     | [ASYNC] 'with' '(' ','.(expressions ['as' star_target])+ ','? ')' [':'] NEWLINE
 *       [!INDENT] */
static void *invalid_with_rule(Parser *p, int indent)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        Token *a;
        if (OPT(EXPECT(ASYNC)) && (a = EXPECT(KW_WITH)) && GATHER(COMMA, loose_with_item) &&
            (!indent || EXPECT(COLON)) && EXPECT(NEWLINE) && (!indent || LOOKAHEAD(0, INDENT)))
            ACTION(indent ? RAISE_INDENTATION_ERROR(
                                "expected an indented block after 'with' statement on line %d",
                                a->lineno)
                          : RAISE_SYNTAX_ERROR("expected ':'"));
        RESET;
    }
    {
        ALT;
        Token *a;
        if (OPT(EXPECT(ASYNC)) && (a = EXPECT(KW_WITH)) && EXPECT(LPAR) &&
            GATHER(COMMA, loose_with_items) && OPT(EXPECT(COMMA)) && EXPECT(RPAR) &&
            (!indent || EXPECT(COLON)) && EXPECT(NEWLINE) && (!indent || LOOKAHEAD(0, INDENT)))
            ACTION(indent ? RAISE_INDENTATION_ERROR(
                                "expected an indented block after 'with' statement on line %d",
                                a->lineno)
                          : RAISE_SYNTAX_ERROR("expected ':'"));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* with_stmt:
 *     | invalid_with_stmt_indent
 *     | 'with' '(' ','.with_item+ ','? ')' ':' block
 *     | 'with' ','.with_item+ ':' [TYPE_COMMENT] block
 *     | ASYNC 'with' '(' ','.with_item+ ','? ')' ':' block
 *     | ASYNC 'with' ','.with_item+ ':' [TYPE_COMMENT] block
 *     | invalid_with_stmt */
static stmt_ty with_stmt_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_with_rule(p, 1)))
            ACTION(v);
        RESET;
    }
    for (int is_async = 0; is_async <= 1; is_async++) {
        {
            ALT;
            asdl_seq *a, *b;
            if ((!is_async || EXPECT(ASYNC)) && EXPECT(KW_WITH) && EXPECT(LPAR) &&
                (a = GATHER(COMMA, with_item_rule)) && OPT(EXPECT(COMMA)) && EXPECT(RPAR) &&
                EXPECT(COLON) && (b = hl_block_rule(p))) {
                EXTRA_END;
                if (is_async) {
                    NOT_SUPPORTED("async with");
                    ACTION(hl_ast_AsyncWith(a, b, NULL, EXTRA));
                }
                ACTION(hl_ast_With(a, b, NULL, EXTRA));
            }
            RESET;
        }
        {
            ALT;
            asdl_seq *a, *b;
            if ((!is_async || EXPECT(ASYNC)) && EXPECT(KW_WITH) &&
                (a = GATHER(COMMA, with_item_rule)) && EXPECT(COLON) &&
                OPT(EXPECT(TYPE_COMMENT)) && (b = hl_block_rule(p))) {
                EXTRA_END;
                if (is_async) {
                    NOT_SUPPORTED("async with");
                    ACTION(hl_ast_AsyncWith(a, b, NULL, EXTRA));
                }
                ACTION(hl_ast_With(a, b, NULL, EXTRA));
            }
            RESET;
        }
    }
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_with_rule(p, 0)))
            ACTION(v);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* ---------------------------------------------------------------------------
 * try.
 */

/* invalid_except_stmt:
 *     | 'except' '*'? expression ',' expressions ['as' NAME ] ':'
 *     | 'except' '*'? expression ['as' NAME ] NEWLINE
 *     | 'except' NEWLINE
 *     | 'except' '*' (NEWLINE | ':') */
static void *invalid_except_stmt_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        expr_ty a;
        if (EXPECT(KW_EXCEPT) && OPT(EXPECT(STAR)) && (a = hl_expression_rule(p)) &&
            EXPECT(COMMA) && hl_expressions_rule(p) && OPT(as_name(p)) && EXPECT(COLON))
            ACTION(RAISE_SYNTAX_ERROR_STARTING_FROM(a, "multiple exception types must be parenthesized"));
        RESET;
    }
    {
        ALT;
        if (EXPECT(KW_EXCEPT) && OPT(EXPECT(STAR)) && hl_expression_rule(p) && OPT(as_name(p)) &&
            EXPECT(NEWLINE))
            ACTION(RAISE_SYNTAX_ERROR("expected ':'"));
        RESET;
    }
    {
        ALT;
        if (EXPECT(KW_EXCEPT) && EXPECT(NEWLINE))
            ACTION(RAISE_SYNTAX_ERROR("expected ':'"));
        RESET;
    }
    {
        ALT;
        if (EXPECT(KW_EXCEPT) && EXPECT(STAR) && (EXPECT(NEWLINE) || EXPECT(COLON)))
            ACTION(RAISE_SYNTAX_ERROR("expected one or more exception types"));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* invalid_except_stmt_indent:
 *     | 'except' expression ['as' NAME ] ':' NEWLINE !INDENT
 *     | 'except' ':' NEWLINE !INDENT
 * invalid_except_star_stmt_indent:
 *     | 'except' '*' expression ['as' NAME ] ':' NEWLINE !INDENT */
static void *invalid_except_indent_rule(Parser *p, int star)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        Token *a;
        if ((a = EXPECT(KW_EXCEPT)) && (!star || EXPECT(STAR)) && hl_expression_rule(p) &&
            OPT(as_name(p)) && EXPECT(COLON) && EXPECT(NEWLINE) && LOOKAHEAD(0, INDENT))
            ACTION(RAISE_INDENTATION_ERROR("expected an indented block after '%s' statement on line %d",
                                           star ? "except*" : "except", a->lineno));
        RESET;
    }
    if (!star) {
        ALT;
        Token *a;
        if ((a = EXPECT(KW_EXCEPT)) && EXPECT(COLON) && EXPECT(NEWLINE) && LOOKAHEAD(0, INDENT))
            ACTION(RAISE_INDENTATION_ERROR(
                "expected an indented block after 'except' statement on line %d", a->lineno));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* except_block:
 *     | invalid_except_stmt_indent
 *     | 'except' expression ['as' NAME] ':' block
 *     | 'except' ':' block
 *     | invalid_except_stmt
 * except_star_block:
 *     | invalid_except_star_stmt_indent
 *     | 'except' '*' expression ['as' NAME] ':' block
 *     | invalid_except_stmt */
static excepthandler_ty except_rule(Parser *p, int star)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_except_indent_rule(p, star)))
            ACTION(v);
        RESET;
    }
    {
        ALT;
        expr_ty e, t = NULL;
        asdl_seq *b;
        if (EXPECT(KW_EXCEPT) && (!star || EXPECT(STAR)) && (e = hl_expression_rule(p)) &&
            OPT(t = as_name(p)) && EXPECT(COLON) && (b = hl_block_rule(p)))
            ACTION_EXTRA(hl_ast_ExceptHandler(e, t ? t->v.Name.id : NULL, b, EXTRA));
        RESET;
    }
    if (!star) {
        ALT;
        asdl_seq *b;
        if (EXPECT(KW_EXCEPT) && EXPECT(COLON) && (b = hl_block_rule(p)))
            ACTION_EXTRA(hl_ast_ExceptHandler(NULL, NULL, b, EXTRA));
        RESET;
    }
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_except_stmt_rule(p)))
            ACTION(v);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

static excepthandler_ty except_block_rule(Parser *p) { return except_rule(p, 0); }
static excepthandler_ty except_star_block_rule(Parser *p) { return except_rule(p, 1); }

/* finally_block:
 *     | invalid_finally_stmt      'finally' ':' NEWLINE !INDENT
 *     | 'finally' &&':' block */
static asdl_seq *finally_block_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    if (p->call_invalid_rules) {
        ALT;
        Token *a;
        if ((a = EXPECT(KW_FINALLY)) && EXPECT(COLON) && EXPECT(NEWLINE) && LOOKAHEAD(0, INDENT))
            ACTION(RAISE_INDENTATION_ERROR(
                "expected an indented block after 'finally' statement on line %d", a->lineno));
        RESET;
    }
    {
        ALT;
        asdl_seq *a;
        if (EXPECT(KW_FINALLY) && hl_expect_forced_token(p, COLON, ":") && (a = hl_block_rule(p)))
            ACTION(a);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* ('except' | 'finally') */
static Token *except_or_finally(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    Token *t;
    if ((t = EXPECT(KW_EXCEPT)) || (t = EXPECT(KW_FINALLY)))
        ACTION(t);
    RESET;
done:
    LEAVE(_res);
}

/* invalid_try_stmt:
 *     | 'try' ':' NEWLINE !INDENT
 *     | 'try' ':' block !('except' | 'finally')
 *     | 'try' ':' block* except_block+ 'except' '*' expression ['as' NAME] ':'
 *     | 'try' ':' block* except_star_block+ 'except' [expression ['as' NAME]] ':' */
static void *invalid_try_stmt_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        Token *a;
        if ((a = EXPECT(KW_TRY)) && EXPECT(COLON) && EXPECT(NEWLINE) && LOOKAHEAD(0, INDENT))
            ACTION(RAISE_INDENTATION_ERROR(
                "expected an indented block after 'try' statement on line %d", a->lineno));
        RESET;
    }
    {
        ALT;
        if (EXPECT(KW_TRY) && EXPECT(COLON) && hl_block_rule(p) &&
            LOOKAHEAD_RULE(0, except_or_finally))
            ACTION(RAISE_SYNTAX_ERROR("expected 'except' or 'finally' block"));
        RESET;
    }
    {
        ALT;
        Token *a, *b;
        if (EXPECT(KW_TRY) && EXPECT(COLON) && LOOP0(hl_block_rule) && LOOP1(except_block_rule) &&
            (a = EXPECT(KW_EXCEPT)) && (b = EXPECT(STAR)) && hl_expression_rule(p) &&
            OPT(as_name(p)) && EXPECT(COLON))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_RANGE(
                a, b, "cannot have both 'except' and 'except*' on the same 'try'"));
        RESET;
    }
    {
        ALT;
        Token *a;
        if (EXPECT(KW_TRY) && EXPECT(COLON) && LOOP0(hl_block_rule) &&
            LOOP1(except_star_block_rule) && (a = EXPECT(KW_EXCEPT)) &&
            OPT(hl_expression_rule(p) && OPT(as_name(p))) && EXPECT(COLON))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_LOCATION(
                a, "cannot have both 'except' and 'except*' on the same 'try'"));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* try_stmt:
 *     | invalid_try_stmt
 *     | 'try' &&':' block finally_block
 *     | 'try' &&':' block except_block+ [else_block] [finally_block]
 *     | 'try' &&':' block except_star_block+ [else_block] [finally_block] */
static stmt_ty try_stmt_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_try_stmt_rule(p)))
            ACTION(v);
        RESET;
    }
    {
        ALT;
        asdl_seq *b, *f;
        if (EXPECT(KW_TRY) && hl_expect_forced_token(p, COLON, ":") && (b = hl_block_rule(p)) &&
            (f = finally_block_rule(p)))
            ACTION_EXTRA(hl_ast_Try(b, NULL, NULL, f, EXTRA));
        RESET;
    }
    for (int star = 0; star <= 1; star++) {
        ALT;
        asdl_seq *b, *ex, *el = NULL, *f = NULL;
        if (EXPECT(KW_TRY) && hl_expect_forced_token(p, COLON, ":") && (b = hl_block_rule(p)) &&
            (ex = star ? LOOP1(except_star_block_rule) : LOOP1(except_block_rule)) &&
            OPT(el = else_block_rule(p)) && OPT(f = finally_block_rule(p))) {
            EXTRA_END;
            if (star) {
                NOT_SUPPORTED("except* (exception groups)");
                ACTION(hl_ast_TryStar(b, ex, el, f, EXTRA));
            }
            ACTION(hl_ast_Try(b, ex, el, f, EXTRA));
        }
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* ---------------------------------------------------------------------------
 * match (recognised, not supported).
 */

/* subject_expr:
 *     | star_named_expression ',' star_named_expressions?
 *     | named_expression */
static expr_ty subject_expr_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    {
        ALT;
        expr_ty value;
        asdl_seq *values = NULL;
        if ((value = hl_star_named_expression_rule(p)) && EXPECT(COMMA) &&
            OPT(values = hl_star_named_expressions_rule(p)))
            ACTION_EXTRA(hl_ast_Tuple(hl_seq_insert_in_front(p, value, values), Load, EXTRA));
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

/* match_stmt:
 *     | "match" subject_expr ':' NEWLINE INDENT case_block+ DEDENT
 *     | invalid_match_stmt
 * The case blocks are not parsed: a match statement is an error as soon as
 * it is recognised. */
static stmt_ty match_stmt_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        expr_ty m;
        if ((m = hl_expect_soft_keyword(p, "match")) && subject_expr_rule(p) && EXPECT(COLON) &&
            EXPECT(NEWLINE) && EXPECT(INDENT) && hl_expect_soft_keyword(p, "case"))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_LOCATION(m, "heaplab does not support match statements"));
        RESET;
    }
    if (p->call_invalid_rules) {
        /* invalid_match_stmt:
         *     | "match" subject_expr NEWLINE
         *     | "match" subject_expr ':' NEWLINE !INDENT */
        ALT;
        if (hl_expect_soft_keyword(p, "match") && subject_expr_rule(p) && EXPECT(NEWLINE))
            ACTION(RAISE_SYNTAX_ERROR("expected ':'"));
        RESET;
        ALT;
        expr_ty a;
        if ((a = hl_expect_soft_keyword(p, "match")) && subject_expr_rule(p) && EXPECT(COLON) &&
            EXPECT(NEWLINE) && LOOKAHEAD(0, INDENT))
            ACTION(RAISE_INDENTATION_ERROR(
                "expected an indented block after 'match' statement on line %d", a->lineno));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* ---------------------------------------------------------------------------
 * compound_stmt:
 *     | &('def' | '@' | ASYNC) function_def
 *     | &'if' if_stmt
 *     | &('class' | '@') class_def
 *     | &('with' | ASYNC) with_stmt
 *     | &('for' | ASYNC) for_stmt
 *     | &'try' try_stmt
 *     | &'while' while_stmt
 *     | match_stmt
 */
static int next_is(Parser *p, int a, int b, int c)
{
    return LOOKAHEAD(1, a) || (b >= 0 && LOOKAHEAD(1, b)) || (c >= 0 && LOOKAHEAD(1, c));
}

static stmt_ty if_stmt_rule(Parser *p) { return if_rule(p, KW_IF); }

stmt_ty hl_compound_stmt_rule(Parser *p)
{
    static const struct {
        int a, b, c;
        stmt_ty (*rule)(Parser *);
    } alts[] = {
        {KW_DEF, AT, ASYNC, function_def_rule}, {KW_IF, -1, -1, if_stmt_rule},
        {KW_CLASS, AT, -1, class_def_rule},     {KW_WITH, ASYNC, -1, with_stmt_rule},
        {KW_FOR, ASYNC, -1, for_stmt_rule},     {KW_TRY, -1, -1, try_stmt_rule},
        {KW_WHILE, -1, -1, while_stmt_rule},
    };
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    for (size_t i = 0; i < sizeof alts / sizeof alts[0]; i++) {
        ALT;
        stmt_ty s;
        if (next_is(p, alts[i].a, alts[i].b, alts[i].c) && (s = alts[i].rule(p)))
            ACTION(s);
        RESET;
    }
    {
        ALT;
        stmt_ty s;
        if ((s = match_stmt_rule(p)))
            ACTION(s);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}
