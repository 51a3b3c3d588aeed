/*
 * parser_params.c — parameter lists of `def` and `lambda` (CPython 3.11's
 * `params` and `lambda_params` rules) and their invalid_* rules.
 *
 * A parameter list has five possible shapes, tried in this order:
 *
 *     a, b, /, c, d=1, *args, e, f=2, **kw     slash_no_default ...
 *     a, b=1, /, c=2, *, e                     slash_with_default ...
 *     a, b, c=1, *args                          param_no_default+ ...
 *     a=1, b=2, **kw                            param_with_default+ ...
 *     *args, e, **kw                            star_etc
 *
 * and each parameter rule includes the comma after it, or requires the
 * closing token (')' for def, ':' for lambda) to follow.  The lambda rules
 * are the def rules without annotations; here both are one function with a
 * `lam` flag, since the grammar duplicates them only for that.  The results
 * are assembled into an `arguments` node by hl_make_arguments.
 *
 * Type comments are never produced by heaplab's tokenizer, but the rules
 * still look for them where the grammar does, because that looking decides
 * which tokens the parser reads.
 */
#include "pegen.h"

#define OPT(x) ((void)(x), !p->error_indicator)

/* The token that ends a parameter list. */
#define CLOSE(lam) ((lam) ? COLON : RPAR)

/* ---------------------------------------------------------------------------
 * One parameter.
 */
static expr_ty annotation_rule(Parser *p, int star) /* ':' expression / ':' star_expression */
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    expr_ty a;
    if (EXPECT(COLON) && (a = star ? hl_star_expression_rule(p) : hl_expression_rule(p)))
        ACTION(a);
    RESET;
done:
    LEAVE(_res);
}

/* param: NAME annotation?
 * param_star_annotation: NAME star_annotation
 * lambda_param: NAME */
static arg_ty param_rule(Parser *p, int lam, int star_annotation)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    EXTRA_START;
    expr_ty a, b = NULL;
    if ((a = hl_name_token(p)) &&
        (lam ? 1 : star_annotation ? (b = annotation_rule(p, 1)) != NULL
                                   : OPT(b = annotation_rule(p, 0))))
        ACTION_EXTRA(hl_ast_arg(a->v.Name.id, b, NULL, EXTRA));
    RESET;
done:
    LEAVE(_res);
}

static arg_ty lambda_param(Parser *p) { return param_rule(p, 1, 0); }

static void *invalid_default_rule(Parser *p);

/* default: '=' expression | invalid_default */
expr_ty hl_default_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        expr_ty a;
        if (EXPECT(EQUAL) && (a = hl_expression_rule(p)))
            ACTION(a);
        RESET;
    }
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_default_rule(p)))
            ACTION(v);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* param_no_default:
 *     | param ',' TYPE_COMMENT?
 *     | param TYPE_COMMENT? &')'
 * (and lambda_param_no_default, param_no_default_star_annotation) */
static arg_ty param_no_default_rule(Parser *p, int lam, int star_annotation)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        arg_ty a;
        if ((a = param_rule(p, lam, star_annotation)) && EXPECT(COMMA) &&
            (lam || OPT(EXPECT(TYPE_COMMENT))))
            ACTION(a);
        RESET;
    }
    {
        ALT;
        arg_ty a;
        if ((a = param_rule(p, lam, star_annotation)) && (lam || OPT(EXPECT(TYPE_COMMENT))) &&
            LOOKAHEAD(1, CLOSE(lam)))
            ACTION(a);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

static arg_ty param_no_default(Parser *p) { return param_no_default_rule(p, 0, 0); }
static arg_ty lambda_param_no_default(Parser *p) { return param_no_default_rule(p, 1, 0); }

/* param_with_default:   | param default ',' TYPE_COMMENT?  | param default TYPE_COMMENT? &')'
 * param_maybe_default:  | param default? ',' TYPE_COMMENT? | param default? TYPE_COMMENT? &')' */
static NameDefaultPair *param_default_rule(Parser *p, int lam, int maybe)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        arg_ty a;
        expr_ty c = NULL;
        if ((a = param_rule(p, lam, 0)) &&
            (maybe ? OPT(c = hl_default_rule(p)) : (c = hl_default_rule(p)) != NULL) &&
            EXPECT(COMMA) && (lam || OPT(EXPECT(TYPE_COMMENT))))
            ACTION(hl_name_default_pair(p, a, c));
        RESET;
    }
    {
        ALT;
        arg_ty a;
        expr_ty c = NULL;
        if ((a = param_rule(p, lam, 0)) &&
            (maybe ? OPT(c = hl_default_rule(p)) : (c = hl_default_rule(p)) != NULL) &&
            (lam || OPT(EXPECT(TYPE_COMMENT))) && LOOKAHEAD(1, CLOSE(lam)))
            ACTION(hl_name_default_pair(p, a, c));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

static NameDefaultPair *param_with_default(Parser *p) { return param_default_rule(p, 0, 0); }
static NameDefaultPair *param_maybe_default(Parser *p) { return param_default_rule(p, 0, 1); }
static NameDefaultPair *lambda_param_with_default(Parser *p) { return param_default_rule(p, 1, 0); }
static NameDefaultPair *lambda_param_maybe_default(Parser *p) { return param_default_rule(p, 1, 1); }

#define NO_DEFAULT(lam) ((lam) ? (hl_rule_fn)lambda_param_no_default : (hl_rule_fn)param_no_default)
#define WITH_DEFAULT(lam) ((lam) ? (hl_rule_fn)lambda_param_with_default : (hl_rule_fn)param_with_default)
#define MAYBE_DEFAULT(lam) \
    ((lam) ? (hl_rule_fn)lambda_param_maybe_default : (hl_rule_fn)param_maybe_default)

/* ---------------------------------------------------------------------------
 * The shapes.
 */

/* slash_no_default:
 *     | param_no_default+ '/' ','
 *     | param_no_default+ '/' &')' */
static asdl_seq *slash_no_default_rule(Parser *p, int lam)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        asdl_seq *a;
        if ((a = hl_loop1(p, NO_DEFAULT(lam))) && EXPECT(SLASH) && EXPECT(COMMA))
            ACTION(a);
        RESET;
    }
    {
        ALT;
        asdl_seq *a;
        if ((a = hl_loop1(p, NO_DEFAULT(lam))) && EXPECT(SLASH) && LOOKAHEAD(1, CLOSE(lam)))
            ACTION(a);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* slash_with_default:
 *     | param_no_default* param_with_default+ '/' ','
 *     | param_no_default* param_with_default+ '/' &')' */
static SlashWithDefault *slash_with_default_rule(Parser *p, int lam)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    for (int alt = 0; alt < 2; alt++) {
        ALT;
        asdl_seq *a, *b;
        if ((a = hl_loop0(p, NO_DEFAULT(lam))) && (b = hl_loop1(p, WITH_DEFAULT(lam))) &&
            EXPECT(SLASH) && (alt == 0 ? EXPECT(COMMA) != NULL : LOOKAHEAD(1, CLOSE(lam))))
            ACTION(hl_slash_with_default(p, a, b));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

static void *invalid_star_etc_rule(Parser *p, int lam);
static void *invalid_kwds_rule(Parser *p, int lam);

/* kwds: invalid_kwds | '**' param_no_default */
static arg_ty kwds_rule(Parser *p, int lam)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_kwds_rule(p, lam)))
            ACTION(v);
        RESET;
    }
    {
        ALT;
        arg_ty a;
        if (EXPECT(DOUBLESTAR) && (a = param_no_default_rule(p, lam, 0)))
            ACTION(a);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* star_etc:
 *     | invalid_star_etc
 *     | '*' param_no_default param_maybe_default* [kwds]
 *     | '*' param_no_default_star_annotation param_maybe_default* [kwds]   (def only)
 *     | '*' ',' param_maybe_default+ [kwds]
 *     | kwds */
static StarEtc *star_etc_rule(Parser *p, int lam)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_star_etc_rule(p, lam)))
            ACTION(v);
        RESET;
    }
    for (int star_annotation = 0; star_annotation <= (lam ? 0 : 1); star_annotation++) {
        ALT;
        arg_ty a, c = NULL;
        asdl_seq *b;
        if (EXPECT(STAR) && (a = param_no_default_rule(p, lam, star_annotation)) &&
            (b = hl_loop0(p, MAYBE_DEFAULT(lam))) && OPT(c = kwds_rule(p, lam)))
            ACTION(hl_star_etc(p, a, b, c));
        RESET;
    }
    {
        ALT;
        arg_ty c = NULL;
        asdl_seq *b;
        if (EXPECT(STAR) && EXPECT(COMMA) && (b = hl_loop1(p, MAYBE_DEFAULT(lam))) &&
            OPT(c = kwds_rule(p, lam)))
            ACTION(hl_star_etc(p, NULL, b, c));
        RESET;
    }
    {
        ALT;
        arg_ty a;
        if ((a = kwds_rule(p, lam)))
            ACTION(hl_star_etc(p, NULL, NULL, a));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* parameters / lambda_parameters: the five shapes. */
static arguments_ty parameters_rule(Parser *p, int lam)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        asdl_seq *a, *b, *c;
        StarEtc *d = NULL;
        if ((a = slash_no_default_rule(p, lam)) && (b = hl_loop0(p, NO_DEFAULT(lam))) &&
            (c = hl_loop0(p, WITH_DEFAULT(lam))) && OPT(d = star_etc_rule(p, lam)))
            ACTION(hl_make_arguments(p, a, NULL, b, c, d));
        RESET;
    }
    {
        ALT;
        SlashWithDefault *a;
        asdl_seq *b;
        StarEtc *c = NULL;
        if ((a = slash_with_default_rule(p, lam)) && (b = hl_loop0(p, WITH_DEFAULT(lam))) &&
            OPT(c = star_etc_rule(p, lam)))
            ACTION(hl_make_arguments(p, NULL, a, NULL, b, c));
        RESET;
    }
    {
        ALT;
        asdl_seq *a, *b;
        StarEtc *c = NULL;
        if ((a = hl_loop1(p, NO_DEFAULT(lam))) && (b = hl_loop0(p, WITH_DEFAULT(lam))) &&
            OPT(c = star_etc_rule(p, lam)))
            ACTION(hl_make_arguments(p, NULL, NULL, a, b, c));
        RESET;
    }
    {
        ALT;
        asdl_seq *a;
        StarEtc *b = NULL;
        if ((a = hl_loop1(p, WITH_DEFAULT(lam))) && OPT(b = star_etc_rule(p, lam)))
            ACTION(hl_make_arguments(p, NULL, NULL, NULL, a, b));
        RESET;
    }
    {
        ALT;
        StarEtc *a;
        if ((a = star_etc_rule(p, lam)))
            ACTION(hl_make_arguments(p, NULL, NULL, NULL, NULL, a));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

static void *invalid_parameters_rule(Parser *p, int lam);

/* params: invalid_parameters | parameters */
static arguments_ty params_rule(Parser *p, int lam)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    if (p->call_invalid_rules) {
        ALT;
        void *v;
        if ((v = invalid_parameters_rule(p, lam)))
            ACTION(v);
        RESET;
    }
    {
        ALT;
        arguments_ty a;
        if ((a = parameters_rule(p, lam)))
            ACTION(a);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

arguments_ty hl_params_rule(Parser *p) { return params_rule(p, 0); }
arguments_ty hl_lambda_params_rule(Parser *p) { return params_rule(p, 1); }

/* ---------------------------------------------------------------------------
 * The invalid_* rules.
 */

/* invalid_default: '=' &(')'|',') */
static Token *close_paren_or_comma(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    Token *t;
    if ((t = EXPECT(RPAR)) || (t = EXPECT(COMMA)))
        ACTION(t);
    RESET;
done:
    LEAVE(_res);
}

static void *invalid_default_rule(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    Token *a;
    if ((a = EXPECT(EQUAL)) && LOOKAHEAD_RULE(1, close_paren_or_comma))
        ACTION(RAISE_SYNTAX_ERROR_KNOWN_LOCATION(a, "expected default value expression"));
    RESET;
done:
    LEAVE(_res);
}

/* invalid_parameters_helper: slash_with_default | param_with_default+ */
static void *invalid_parameters_helper(Parser *p, int lam)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        SlashWithDefault *a;
        if ((a = slash_with_default_rule(p, lam)))
            ACTION(hl_singleton_seq(p, a));
        RESET;
    }
    {
        ALT;
        asdl_seq *a;
        if ((a = hl_loop1(p, WITH_DEFAULT(lam))))
            ACTION(a);
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* (slash_no_default | slash_with_default) */
static void *any_slash(Parser *p, int lam)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    void *v;
    if ((v = slash_no_default_rule(p, lam)))
        ACTION(v);
    RESET;
    ALT;
    if ((v = slash_with_default_rule(p, lam)))
        ACTION(v);
    RESET;
    _res = NULL;
done:
    LEAVE(_res);
}

/* (',' | param_no_default) */
static void *comma_or_no_default(Parser *p, int lam)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    void *v;
    if ((v = EXPECT(COMMA)))
        ACTION(v);
    RESET;
    ALT;
    if ((v = param_no_default_rule(p, lam, 0)))
        ACTION(v);
    RESET;
    _res = NULL;
done:
    LEAVE(_res);
}

/* invalid_parameters (and invalid_lambda_parameters):
 *     | param_no_default* invalid_parameters_helper param_no_default
 *     | param_no_default* '(' param_no_default+ ','? ')'       (lambda: ','.lambda_param+)
 *     | "/" ','
 *     | (slash_no_default | slash_with_default) param_maybe_default* '/'
 *     | (slash_no_default | slash_with_default)? param_maybe_default* '*'
 *       (',' | param_no_default) param_maybe_default* '/'
 *     | param_maybe_default+ '/' '*' */
static void *invalid_parameters_rule(Parser *p, int lam)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        arg_ty a;
        if (hl_loop0(p, NO_DEFAULT(lam)) && invalid_parameters_helper(p, lam) &&
            (a = param_no_default_rule(p, lam, 0)))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_LOCATION(a, "non-default argument follows default argument"));
        RESET;
    }
    {
        ALT;
        Token *a, *b;
        if (hl_loop0(p, NO_DEFAULT(lam)) && (a = EXPECT(LPAR)) &&
            (lam ? GATHER(COMMA, lambda_param) : hl_loop1(p, NO_DEFAULT(lam))) &&
            OPT(EXPECT(COMMA)) && (b = EXPECT(RPAR)))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_RANGE(a, b, lam ? "Lambda expression parameters cannot be parenthesized"
                                                            : "Function parameters cannot be parenthesized"));
        RESET;
    }
    {
        ALT;
        Token *a;
        if ((a = EXPECT(SLASH)) && EXPECT(COMMA))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_LOCATION(a, "at least one argument must precede /"));
        RESET;
    }
    {
        ALT;
        Token *a;
        if (any_slash(p, lam) && hl_loop0(p, MAYBE_DEFAULT(lam)) && (a = EXPECT(SLASH)))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_LOCATION(a, "/ may appear only once"));
        RESET;
    }
    {
        ALT;
        Token *a;
        if (OPT(any_slash(p, lam)) && hl_loop0(p, MAYBE_DEFAULT(lam)) && EXPECT(STAR) &&
            comma_or_no_default(p, lam) && hl_loop0(p, MAYBE_DEFAULT(lam)) && (a = EXPECT(SLASH)))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_LOCATION(a, "/ must be ahead of *"));
        RESET;
    }
    {
        ALT;
        Token *a;
        if (hl_loop1(p, MAYBE_DEFAULT(lam)) && EXPECT(SLASH) && (a = EXPECT(STAR)))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_LOCATION(a, "expected comma between / and *"));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* (')' | ',' (')' | '**'))   and the lambda form   (':' | ',' (':' | '**')) */
static void *bare_star_follow(Parser *p, int lam)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    Token *t;
    if ((t = EXPECT(CLOSE(lam))))
        ACTION(t);
    RESET;
    ALT;
    if (EXPECT(COMMA) && ((t = EXPECT(CLOSE(lam))) || (t = EXPECT(DOUBLESTAR))))
        ACTION(t);
    RESET;
    _res = NULL;
done:
    LEAVE(_res);
}

/* invalid_star_etc:
 *     | '*' (')' | ',' (')' | '**'))
 *     | '*' ',' TYPE_COMMENT                     (def only)
 *     | '*' param '='
 *     | '*' (param_no_default | ',') param_maybe_default* '*' (param_no_default | ',') */
static void *invalid_star_etc_rule(Parser *p, int lam)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        Token *a;
        if ((a = EXPECT(STAR)) && bare_star_follow(p, lam))
            ACTION(lam ? RAISE_SYNTAX_ERROR("named arguments must follow bare *")
                       : RAISE_SYNTAX_ERROR_KNOWN_LOCATION(a, "named arguments must follow bare *"));
        RESET;
    }
    if (!lam) {
        ALT;
        if (EXPECT(STAR) && EXPECT(COMMA) && EXPECT(TYPE_COMMENT))
            ACTION(RAISE_SYNTAX_ERROR("bare * has associated type comment"));
        RESET;
    }
    {
        ALT;
        Token *a;
        if (EXPECT(STAR) && param_rule(p, lam, 0) && (a = EXPECT(EQUAL)))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_LOCATION(
                a, "var-positional argument cannot have default value"));
        RESET;
    }
    {
        ALT;
        Token *a;
        if (EXPECT(STAR) && comma_or_no_default(p, lam) && hl_loop0(p, MAYBE_DEFAULT(lam)) &&
            (a = EXPECT(STAR)) && comma_or_no_default(p, lam))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_LOCATION(a, "* argument may appear only once"));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}

/* ('*'|'**'|'/') */
static Token *star_dstar_slash(Parser *p)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    Token *t;
    if ((t = EXPECT(STAR)) || (t = EXPECT(DOUBLESTAR)) || (t = EXPECT(SLASH)))
        ACTION(t);
    RESET;
done:
    LEAVE(_res);
}

/* invalid_kwds:
 *     | '**' param '='
 *     | '**' param ',' param
 *     | '**' param ',' ('*'|'**'|'/') */
static void *invalid_kwds_rule(Parser *p, int lam)
{
    RULE_ENTER;
    void *_res = NULL;
    int _mark = p->mark;
    {
        ALT;
        Token *a;
        if (EXPECT(DOUBLESTAR) && param_rule(p, lam, 0) && (a = EXPECT(EQUAL)))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_LOCATION(
                a, "var-keyword argument cannot have default value"));
        RESET;
    }
    {
        ALT;
        arg_ty a;
        if (EXPECT(DOUBLESTAR) && param_rule(p, lam, 0) && EXPECT(COMMA) &&
            (a = param_rule(p, lam, 0)))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_LOCATION(a, "arguments cannot follow var-keyword argument"));
        RESET;
    }
    {
        ALT;
        Token *a;
        if (EXPECT(DOUBLESTAR) && param_rule(p, lam, 0) && EXPECT(COMMA) &&
            (a = star_dstar_slash(p)))
            ACTION(RAISE_SYNTAX_ERROR_KNOWN_LOCATION(a, "arguments cannot follow var-keyword argument"));
        RESET;
    }
    _res = NULL;
done:
    LEAVE(_res);
}
