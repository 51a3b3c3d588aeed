/*
 * pegen.h — the machinery of heaplab's parser, shared by its files
 * (CPython's Parser/pegen.h).  Internal to src/lang.
 *
 * The parser is a PEG parser written by hand after CPython 3.11's grammar
 * (Grammar/python.gram), rule for rule and alternative for alternative, so
 * that it accepts the same programs, builds the same trees, and — because
 * CPython reports a generic syntax error at the furthest token its parser
 * looked at — looks at the same tokens in the same order.  The conventions
 * of CPython's generated parser are kept:
 *
 *   - A rule is a function returning a node, or NULL for "no match".  It
 *     starts at p->mark and, on a match, leaves p->mark after what it
 *     consumed; a failed alternative resets p->mark.  The first alternative
 *     that matches wins, even if its action returns NULL.
 *   - Tokens are read on demand into p->tokens; p->fill is how many have been
 *     read, and "the last token read" (p->tokens[p->fill-1]) locates generic
 *     errors.
 *   - Rules marked (memo) in the grammar remember their result per start
 *     token; left-recursive rules grow their result in a loop that also goes
 *     through the memo, exactly like pegen's generated code (which matters:
 *     it decides how often a literal is converted, hence which objects the
 *     arena holds).
 *   - Errors set p->error_indicator; every rule returns NULL at once when it
 *     is set.  "PyErr_Occurred()" is p->err->type != NULL.
 *   - Parsing runs twice when the first pass fails: the second pass enables
 *     the invalid_* rules, which recognise common mistakes and raise
 *     specific messages.  Exactly as pegen does it, an alternative is
 *     switched off in the first pass only when it consists of a single
 *     invalid_ rule (`if (p->call_invalid_rules)` around it); the one
 *     alternative of the grammar that mentions an invalid_ rule among other
 *     items, '{' invalid_double_starred_kvpairs '}', runs in both passes.
 *
 * Rule functions are named <rule>_rule as in CPython; those called from
 * another file carry the hl_ prefix (hl_expression_rule).
 */
#ifndef HL_PEGEN_H
#define HL_PEGEN_H

#include "tokenizer.h"

/* Rule nesting allowed before the parser gives up with MemoryError
 * (CPython 3.11's MAXSTACK). */
#define MAXSTACK 6000

/* Keyword token types (the numbers are heaplab's; only identity matters). */
enum {
    KW_FALSE = 600, KW_NONE, KW_TRUE, KW_AND, KW_AS, KW_ASSERT, KW_BREAK, KW_CLASS,
    KW_CONTINUE, KW_DEF, KW_DEL, KW_ELIF, KW_ELSE, KW_EXCEPT, KW_FINALLY, KW_FOR,
    KW_FROM, KW_GLOBAL, KW_IF, KW_IMPORT, KW_IN, KW_IS, KW_LAMBDA, KW_NONLOCAL,
    KW_NOT, KW_OR, KW_PASS, KW_RAISE, KW_RETURN, KW_TRY, KW_WHILE, KW_WITH, KW_YIELD
};

typedef struct Memo {
    int type;
    void *node;
    int mark;
    struct Memo *next;
} Memo;

typedef struct Token {
    int type;
    const char *start, *end; /* the text in the tokenizer's buffer */
    int level;               /* bracket nesting when it was read */
    int lineno, col_offset, end_lineno, end_col_offset;
    Memo *memo;
} Token;

typedef struct Parser {
    hl_tok_state *tok;
    Token **tokens;
    int mark, fill, size;
    struct token_block *blocks; /* storage of the Token structs */
    hl_arena *arena;
    int start_rule;       /* HL_MODE_* or FSTRING_INPUT */
    int error_indicator;
    int call_invalid_rules;
    int level;            /* rule nesting, against MAXSTACK */
    int parsing_started;
    Token *known_err_token;
    int starting_lineno, starting_col_offset; /* f-string sub-parsers */
    hl_syntax_error *err;
    expr_ty dummy_name;
    struct hl_unsupported *unsupported; /* shared with f-string sub-parsers */
    int flags; /* HL_PARSE_* of the call */
} Parser;

/* The first construct heaplab does not run, reported after a successful
 * parse (see parser.c). */
struct hl_unsupported {
    int set, lineno, col_offset, end_lineno, end_col_offset;
    char what[64];
};

/* Start rule of the sub-parsers that read f-string expressions. */
#define FSTRING_INPUT 3

/* CPython's PyErr_Occurred(): an error recorded in p->err, or an exception
 * an object constructor left set (out of memory), which is then recorded. */
int hl_parser_error_occurred(Parser *p);
#define ERR_OCCURRED(p) hl_parser_error_occurred(p)

/* Helper types of the grammar's actions (CPython's names). */
typedef struct { cmpop_ty cmpop; expr_ty expr; } CmpopExprPair;
typedef struct { expr_ty key; expr_ty value; } KeyValuePair;
typedef struct { arg_ty arg; expr_ty value; } NameDefaultPair;
typedef struct { asdl_arg_seq *plain_names; asdl_seq *names_with_defaults; } SlashWithDefault;
typedef struct { arg_ty vararg; asdl_seq *kwonlyargs; arg_ty kwarg; } StarEtc;
typedef struct { operator_ty kind; } AugOperator;
typedef struct { void *element; int is_keyword; } KeywordOrStarred;

typedef enum { STAR_TARGETS, DEL_TARGETS, FOR_TARGETS } TARGETS_TYPE;

/* Memo keys: one per memoized or left-recursive rule. */
enum {
    simple_stmt_type = 1, block_type, expression_type, star_expression_type,
    disjunction_type, conjunction_type, inversion_type, bitwise_or_type,
    bitwise_xor_type, bitwise_and_type, shift_expr_type, sum_type, term_type,
    factor_type, await_primary_type, primary_type, strings_type, arguments_type,
    star_target_type, target_with_star_atom_type, t_primary_type, del_target_type,
    dotted_name_type, invalid_named_expression_type
};

/* ---- parser.c: tokens, memo, the driver ---- */
int hl_fill_token(Parser *p);
Token *hl_expect_token(Parser *p, int type);
Token *hl_expect_forced_token(Parser *p, int type, const char *expected);
expr_ty hl_expect_soft_keyword(Parser *p, const char *keyword);
Token *hl_get_last_nonwhitespace_token(Parser *p);
int hl_is_memoized(Parser *p, int type, void *pres);
int hl_insert_memo(Parser *p, int mark, int type, void *node);
int hl_update_memo(Parser *p, int mark, int type, void *node);
expr_ty hl_name_token(Parser *p);
expr_ty hl_number_token(Parser *p);
Token *hl_string_token(Parser *p);
expr_ty hl_soft_keyword_token(Parser *p);
int hl_lookahead_with_int(int positive, Token *(func)(Parser *, int), Parser *p, int arg);
int hl_lookahead(int positive, void *(func)(Parser *), Parser *p);
void hl_set_memory_error(Parser *p);
/* The identifier for a NAME token: decoded, interned, owned by the arena. */
identifier hl_new_identifier(Parser *p, const char *s, size_t n);
void *hl_run_parser(Parser *p);
/* Parses an f-string expression `(text)` starting at the given position
 * (string_parser's fstring_compile_expr). */
expr_ty hl_parse_fstring_expr(Parser *p, const char *str, size_t len, int lineno,
                              int starting_lineno, int starting_col_offset);

/* ---- parser_errors.c ---- */
#define CURRENT_POS (-5)
void *hl_raise_error(Parser *p, const char *errtype, const char *fmt, ...) HL_PRINTF(3, 4);
void *hl_raise_error_known_location(Parser *p, const char *errtype, int lineno, int col_offset,
                                    int end_lineno, int end_col_offset, const char *fmt, ...)
    HL_PRINTF(7, 8);
int hl_tokenizer_error(Parser *p);
int hl_raise_decode_error(Parser *p);
void hl_set_syntax_error(Parser *p, Token *last_token);
void hl_tokenize_full_source_to_check_for_errors(Parser *p);

#define RAISE_SYNTAX_ERROR(...) hl_raise_error(p, "SyntaxError", __VA_ARGS__)
#define RAISE_INDENTATION_ERROR(...) hl_raise_error(p, "IndentationError", __VA_ARGS__)
/* Positions given as 0-based columns; they become 1-based offsets. */
#define RAISE_ERROR_KNOWN_LOCATION(p, type, lineno, col, end_lineno, end_col, ...)             \
    hl_raise_error_known_location(p, type, lineno, (col) == CURRENT_POS ? CURRENT_POS : (col) + 1, \
                                  end_lineno,                                                  \
                                  (end_col) == CURRENT_POS ? CURRENT_POS : (end_col) + 1,      \
                                  __VA_ARGS__)
#define RAISE_SYNTAX_ERROR_KNOWN_RANGE(a, b, ...)                                              \
    RAISE_ERROR_KNOWN_LOCATION(p, "SyntaxError", (a)->lineno, (a)->col_offset, (b)->end_lineno, \
                               (b)->end_col_offset, __VA_ARGS__)
#define RAISE_SYNTAX_ERROR_KNOWN_LOCATION(a, ...)                                              \
    RAISE_ERROR_KNOWN_LOCATION(p, "SyntaxError", (a)->lineno, (a)->col_offset, (a)->end_lineno, \
                               (a)->end_col_offset, __VA_ARGS__)
#define RAISE_SYNTAX_ERROR_STARTING_FROM(a, ...)                                               \
    RAISE_ERROR_KNOWN_LOCATION(p, "SyntaxError", (a)->lineno, (a)->col_offset, CURRENT_POS,    \
                               CURRENT_POS, __VA_ARGS__)
#define RAISE_SYNTAX_ERROR_INVALID_TARGET(type, e) hl_raise_invalid_target(p, type, e)

/* ---- parser_actions.c (CPython's action_helpers.c) ---- */
asdl_seq *hl_singleton_seq(Parser *p, void *a);
asdl_seq *hl_seq_insert_in_front(Parser *p, void *a, asdl_seq *seq);
asdl_seq *hl_seq_append_to_end(Parser *p, asdl_seq *seq, void *a);
asdl_seq *hl_seq_flatten(Parser *p, asdl_seq *seqs);
asdl_seq *hl_join_sequences(Parser *p, asdl_seq *a, asdl_seq *b);
expr_ty hl_join_names_with_dot(Parser *p, expr_ty first_name, expr_ty second_name);
int hl_seq_count_dots(asdl_seq *seq);
alias_ty hl_alias_for_star(Parser *p, int lineno, int col_offset, int end_lineno,
                           int end_col_offset, hl_arena *arena);
asdl_identifier_seq *hl_map_names_to_ids(Parser *p, asdl_expr_seq *seq);
CmpopExprPair *hl_cmpop_expr_pair(Parser *p, cmpop_ty cmpop, expr_ty expr);
asdl_int_seq *hl_get_cmpops(Parser *p, asdl_seq *seq);
asdl_expr_seq *hl_get_exprs(Parser *p, asdl_seq *seq);
expr_ty hl_set_expr_context(Parser *p, expr_ty expr, expr_context_ty ctx);
KeyValuePair *hl_key_value_pair(Parser *p, expr_ty key, expr_ty value);
asdl_expr_seq *hl_get_keys(Parser *p, asdl_seq *seq);
asdl_expr_seq *hl_get_values(Parser *p, asdl_seq *seq);
NameDefaultPair *hl_name_default_pair(Parser *p, arg_ty arg, expr_ty value);
SlashWithDefault *hl_slash_with_default(Parser *p, asdl_arg_seq *plain_names,
                                        asdl_seq *names_with_defaults);
StarEtc *hl_star_etc(Parser *p, arg_ty vararg, asdl_seq *kwonlyargs, arg_ty kwarg);
arguments_ty hl_make_arguments(Parser *p, asdl_arg_seq *slash_without_default,
                               SlashWithDefault *slash_with_default, asdl_arg_seq *plain_names,
                               asdl_seq *names_with_default, StarEtc *star_etc);
arguments_ty hl_empty_arguments(Parser *p);
AugOperator *hl_augoperator(Parser *p, operator_ty kind);
stmt_ty hl_function_def_decorators(Parser *p, asdl_expr_seq *decorators, stmt_ty function_def);
stmt_ty hl_class_def_decorators(Parser *p, asdl_expr_seq *decorators, stmt_ty class_def);
KeywordOrStarred *hl_keyword_or_starred(Parser *p, void *element, int is_keyword);
asdl_expr_seq *hl_seq_extract_starred_exprs(Parser *p, asdl_seq *kwargs);
asdl_keyword_seq *hl_seq_delete_starred_exprs(Parser *p, asdl_seq *kwargs);
expr_ty hl_collect_call_seqs(Parser *p, asdl_expr_seq *a, asdl_seq *b, int lineno,
                             int col_offset, int end_lineno, int end_col_offset, hl_arena *arena);
expr_ty hl_dummy_name(Parser *p);
mod_ty hl_make_module(Parser *p, asdl_stmt_seq *a);
const char *hl_get_expr_name(expr_ty e);
expr_ty hl_get_invalid_target(expr_ty e, TARGETS_TYPE targets_type);
void *hl_raise_invalid_target(Parser *p, TARGETS_TYPE type, void *e);
void *hl_arguments_parsing_error(Parser *p, expr_ty e);
void *hl_nonparen_genexp_in_call(Parser *p, expr_ty args, asdl_comprehension_seq *comprehensions);
expr_ty hl_get_last_comprehension_item(comprehension_ty comprehension);
int hl_check_legacy_stmt(Parser *p, expr_ty name);
int hl_check_barry_as_flufl(Parser *p, Token *t);
/* Rejects a construct heaplab does not run, once it has parsed. */
void *hl_not_supported(Parser *p, const char *what, int lineno, int col_offset,
                       int end_lineno, int end_col_offset);

/* ---- parser_string.c ---- */
expr_ty hl_concatenate_strings(Parser *p, asdl_seq *tokens);

/* ---- the grammar: rules called across files ---- */
mod_ty hl_file_rule(Parser *p);
mod_ty hl_interactive_rule(Parser *p);
mod_ty hl_eval_rule(Parser *p);
expr_ty hl_fstring_rule(Parser *p);
/* parser_expr.c */
expr_ty hl_expression_rule(Parser *p);
expr_ty hl_expressions_rule(Parser *p);
expr_ty hl_star_expressions_rule(Parser *p);
expr_ty hl_star_expression_rule(Parser *p);
expr_ty hl_named_expression_rule(Parser *p);
expr_ty hl_star_named_expression_rule(Parser *p);
asdl_expr_seq *hl_star_named_expressions_rule(Parser *p);
expr_ty hl_disjunction_rule(Parser *p);
expr_ty hl_conjunction_rule(Parser *p);
expr_ty hl_assignment_expression_rule(Parser *p);
expr_ty hl_bitwise_or_rule(Parser *p);
expr_ty hl_yield_expr_rule(Parser *p);
expr_ty hl_atom_rule(Parser *p);
expr_ty hl_slices_rule(Parser *p);
expr_ty hl_genexp_rule(Parser *p);
expr_ty hl_arguments_rule(Parser *p);
expr_ty hl_args_rule(Parser *p);
expr_ty hl_starred_expression_rule(Parser *p);
expr_ty hl_lambdef_rule(Parser *p);
expr_ty hl_list_rule(Parser *p);
expr_ty hl_tuple_rule(Parser *p);
asdl_comprehension_seq *hl_for_if_clauses_rule(Parser *p);
expr_ty hl_expression_without_invalid_rule(Parser *p);
/* parser_targets.c */
expr_ty hl_star_targets_rule(Parser *p);
expr_ty hl_star_target_rule(Parser *p);
expr_ty hl_single_target_rule(Parser *p);
expr_ty hl_single_subscript_attribute_target_rule(Parser *p);
expr_ty hl_t_primary_rule(Parser *p);
asdl_expr_seq *hl_del_targets_rule(Parser *p);
void *hl_invalid_assignment_rule(Parser *p);
void *hl_invalid_del_stmt_rule(Parser *p);
void *hl_invalid_for_target_rule(Parser *p);
/* parser_params.c */
arguments_ty hl_params_rule(Parser *p);
arguments_ty hl_lambda_params_rule(Parser *p);
expr_ty hl_default_rule(Parser *p);
/* parser_stmt.c */
asdl_stmt_seq *hl_block_rule(Parser *p);

/* ---- repetition: e*, e+ and sep.e+ (pegen's _loop0, _loop1, _gather) ---- */
typedef void *(*hl_rule_fn)(Parser *);
asdl_seq *hl_loop0(Parser *p, hl_rule_fn elem);
asdl_seq *hl_loop1(Parser *p, hl_rule_fn elem);
asdl_seq *hl_gather(Parser *p, int sep, hl_rule_fn elem);
#define LOOP0(fn) hl_loop0(p, (hl_rule_fn)(fn))
#define LOOP1(fn) hl_loop1(p, (hl_rule_fn)(fn))
#define GATHER(sep, fn) hl_gather(p, sep, (hl_rule_fn)(fn))

/* ---- small vectors for the * and + loops ---- */
typedef struct {
    void **items;
    int n, cap;
    void *small[16];
} hl_vec;
void hl_vec_init(hl_vec *v);
int hl_vec_push(Parser *p, hl_vec *v, void *item); /* -1: out of memory (error set) */
asdl_seq *hl_vec_finish(Parser *p, hl_vec *v);     /* the sequence; frees the vector */
void hl_vec_free(hl_vec *v);

/* ---- writing rules ----
 *
 * RULE_ENTER counts the nesting and bails out on an earlier error; every
 * alternative starts with ALT (an earlier alternative may have failed with
 * an error).  EXTRA_START reads the first token of the rule, whose position
 * starts the node; an action's EXTRA ends at the last non-whitespace token
 * consumed (NEWLINE, INDENT, DEDENT and ENDMARKER do not count). */
#define RULE_ENTER                                                             \
    do {                                                                       \
        if (p->level++ == MAXSTACK)                                            \
            hl_set_memory_error(p);                                            \
        if (p->error_indicator) {                                              \
            p->level--;                                                        \
            return NULL;                                                       \
        }                                                                      \
    } while (0)
#define LEAVE(v)                                                               \
    do {                                                                       \
        p->level--;                                                            \
        return (v);                                                            \
    } while (0)
#define ALT                                                                    \
    do {                                                                       \
        if (p->error_indicator)                                                \
            LEAVE(NULL);                                                       \
    } while (0)
#define MEMO_CHECK(type, T)                                                    \
    do {                                                                       \
        T _memo_res = NULL;                                                    \
        int _memo = hl_is_memoized(p, type, &_memo_res);                       \
        if (_memo < 0)                                                         \
            LEAVE(NULL);                                                       \
        if (_memo)                                                             \
            LEAVE(_memo_res);                                                  \
    } while (0)
#define EXTRA_START                                                            \
    if (p->mark == p->fill && hl_fill_token(p) < 0) {                          \
        p->error_indicator = 1;                                                \
        LEAVE(NULL);                                                           \
    }                                                                          \
    int _start_lineno = p->tokens[_mark]->lineno;                              \
    int _start_col_offset = p->tokens[_mark]->col_offset;                      \
    int _end_lineno = 0, _end_col_offset = 0;                                  \
    (void)_start_lineno, (void)_start_col_offset, (void)_end_lineno, (void)_end_col_offset
#define EXTRA_END                                                              \
    do {                                                                       \
        Token *_last = hl_get_last_nonwhitespace_token(p);                     \
        if (_last == NULL)                                                     \
            LEAVE(NULL);                                                       \
        _end_lineno = _last->end_lineno;                                       \
        _end_col_offset = _last->end_col_offset;                               \
    } while (0)
#define EXTRA _start_lineno, _start_col_offset, _end_lineno, _end_col_offset, p->arena
#define EXTRA_POSITION _start_lineno, _start_col_offset, _end_lineno, _end_col_offset
/* The result of a matched alternative: an error stops the rule, anything
 * else (even NULL) is what the rule returns. */
#define ACTION(expr)                                                           \
    do {                                                                       \
        _res = (expr);                                                         \
        if (_res == NULL && ERR_OCCURRED(p)) {                                 \
            p->error_indicator = 1;                                            \
            LEAVE(NULL);                                                       \
        }                                                                      \
        goto done;                                                             \
    } while (0)
#define ACTION_EXTRA(expr)                                                     \
    do {                                                                       \
        EXTRA_END;                                                             \
        ACTION(expr);                                                          \
    } while (0)
#define RESET (p->mark = _mark)

#define EXPECT(type) hl_expect_token(p, type)
#define LOOKAHEAD(positive, type) hl_lookahead_with_int(positive, hl_expect_token, p, type)
#define LOOKAHEAD_RULE(positive, rule) hl_lookahead(positive, (void *(*)(Parser *))rule, p)

#endif /* HL_PEGEN_H */
