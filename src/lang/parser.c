/*
 * parser.c — the parser's driver and token machinery (CPython's
 * Parser/pegen.c); the grammar itself is in parser_stmt.c,
 * parser_compound.c, parser_expr.c, parser_call.c, parser_targets.c and
 * parser_params.c, strings in parser_string.c, errors in parser_errors.c.
 *
 * hl_parse sets up a tokenizer over the source and runs the start rule of
 * the mode (file, interactive, eval).  Tokens are pulled from the tokenizer
 * only when a rule needs one (hl_fill_token) and kept in p->tokens, so
 * backtracking re-reads them from the array; each carries its position, and
 * NAMEs that are keywords get the keyword's type.  A token is the text the
 * tokenizer found plus its position: lines 1-based, columns 0-based bytes.
 *
 * hl_run_parser is CPython's _PyPegen_run_parser: run the rules; if they
 * fail without an error, reset the parser (tokens stay, memos go) and run
 * them again with the invalid_* rules switched on, which raise the specific
 * messages; if nothing specific comes out, report "invalid syntax" at the
 * last token the FIRST pass read, unless the rest of the source holds a
 * tokenizer error, which wins (hl_set_syntax_error).
 *
 * Constructs heaplab does not run (complex and bytes literals, async,
 * await, match, except*, \N{...}) are parsed as CPython parses them, and the
 * first one is reported once the whole parse has succeeded — so a source
 * with a syntax error elsewhere still gets CPython's error.
 *
 * Literals: every NUMBER the rules match becomes a new int or float object,
 * and every NAME a new reference to its interned identifier, registered
 * with the arena — as often as CPython's parser does it, which is more than
 * once for some tokens because of backtracking.
 */
#include "pegen.h"

#include <string.h>

#include "../objects/floatobject.h"
#include "../objects/longobject.h"
#include "../objects/strobject.h"
#include "../runtime/errors.h"
#include "../runtime/strbuf.h"
#include "../runtime/sysmem.h"

/* ---------------------------------------------------------------------------
 * Keywords (CPython 3.11's reserved words; async and await are tokens of
 * their own, and match, case, _ are soft keywords, i.e. NAMEs).
 */
static const struct {
    const char *s;
    int type;
} keywords[] = {
    {"False", KW_FALSE}, {"None", KW_NONE}, {"True", KW_TRUE}, {"and", KW_AND},
    {"as", KW_AS}, {"assert", KW_ASSERT}, {"break", KW_BREAK}, {"class", KW_CLASS},
    {"continue", KW_CONTINUE}, {"def", KW_DEF}, {"del", KW_DEL}, {"elif", KW_ELIF},
    {"else", KW_ELSE}, {"except", KW_EXCEPT}, {"finally", KW_FINALLY}, {"for", KW_FOR},
    {"from", KW_FROM}, {"global", KW_GLOBAL}, {"if", KW_IF}, {"import", KW_IMPORT},
    {"in", KW_IN}, {"is", KW_IS}, {"lambda", KW_LAMBDA}, {"nonlocal", KW_NONLOCAL},
    {"not", KW_NOT}, {"or", KW_OR}, {"pass", KW_PASS}, {"raise", KW_RAISE},
    {"return", KW_RETURN}, {"try", KW_TRY}, {"while", KW_WHILE}, {"with", KW_WITH},
    {"yield", KW_YIELD},
};

static int keyword_or_name_type(const char *s, size_t n)
{
    if (n < 2 || n > 8)
        return NAME;
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
        if (strlen(keywords[i].s) == n && memcmp(keywords[i].s, s, n) == 0)
            return keywords[i].type;
    return NAME;
}

/* ---------------------------------------------------------------------------
 * Tokens.
 */
#define TOKENS_PER_BLOCK 128
struct token_block {
    struct token_block *next;
    int used;
    Token toks[TOKENS_PER_BLOCK];
};

static Token *new_token(Parser *p)
{
    struct token_block *b = p->blocks;
    if (b == NULL || b->used == TOKENS_PER_BLOCK) {
        b = hl_raw_malloc(sizeof(struct token_block));
        if (b == NULL)
            return NULL;
        b->next = p->blocks;
        b->used = 0;
        p->blocks = b;
    }
    Token *t = &b->toks[b->used++];
    memset(t, 0, sizeof(*t));
    return t;
}

static void free_tokens(Parser *p)
{
    struct token_block *b = p->blocks;
    while (b) {
        struct token_block *next = b->next;
        hl_raw_free(b);
        b = next;
    }
    p->blocks = NULL;
    hl_raw_free(p->tokens);
    p->tokens = NULL;
}

void hl_set_memory_error(Parser *p)
{
    p->error_indicator = 1;
    hl_synerr_nomemory(p->err);
}

static int initialize_token(Parser *p, Token *t, const char *start, const char *end, int type)
{
    hl_tok_state *tok = p->tok;
    t->type = type == NAME ? keyword_or_name_type(start, (size_t)(end - start)) : type;
    t->start = start;
    t->end = end;
    t->level = tok->level;
    const char *line_start = type == STRING ? tok->multi_line_start : tok->line_start;
    int lineno = type == STRING ? tok->first_lineno : tok->lineno;
    int col_offset = (start != NULL && start >= line_start) ? (int)(start - line_start) : -1;
    int end_col_offset =
        (end != NULL && end >= tok->line_start) ? (int)(end - tok->line_start) : -1;
    t->lineno = lineno;
    t->col_offset =
        tok->lineno == p->starting_lineno ? p->starting_col_offset + col_offset : col_offset;
    t->end_lineno = tok->lineno;
    t->end_col_offset =
        tok->lineno == p->starting_lineno ? p->starting_col_offset + end_col_offset : end_col_offset;
    p->fill += 1;
    if (type == ERRORTOKEN && tok->done == E_DECODE)
        return hl_raise_decode_error(p);
    return type == ERRORTOKEN ? hl_tokenizer_error(p) : 0;
}

int hl_fill_token(Parser *p)
{
    const char *start, *end;
    int type = hl_tok_get(p->tok, &start, &end);
    /* Interactive input ends with a NEWLINE (and the DEDENTs it implies)
     * even when the text does not. */
    if (p->start_rule == HL_MODE_SINGLE && type == ENDMARKER && p->parsing_started) {
        type = NEWLINE;
        p->parsing_started = 0;
        if (p->tok->indent) {
            p->tok->pendin = -p->tok->indent;
            p->tok->indent = 0;
        }
    } else {
        p->parsing_started = 1;
    }
    if (p->fill == p->size) {
        int newsize = p->size ? p->size * 2 : 64;
        Token **tokens = hl_raw_realloc(p->tokens, (size_t)newsize * sizeof(Token *));
        if (tokens == NULL) {
            hl_set_memory_error(p);
            return -1;
        }
        p->tokens = tokens;
        p->size = newsize;
    }
    Token *t = new_token(p);
    if (t == NULL) {
        hl_set_memory_error(p);
        return -1;
    }
    p->tokens[p->fill] = t;
    return initialize_token(p, t, start, end, type);
}

Token *hl_expect_token(Parser *p, int type)
{
    if (p->mark == p->fill && hl_fill_token(p) < 0) {
        p->error_indicator = 1;
        return NULL;
    }
    Token *t = p->tokens[p->mark];
    if (t->type != type)
        return NULL;
    p->mark += 1;
    return t;
}

Token *hl_expect_forced_token(Parser *p, int type, const char *expected)
{
    if (p->error_indicator == 1)
        return NULL;
    if (p->mark == p->fill && hl_fill_token(p) < 0) {
        p->error_indicator = 1;
        return NULL;
    }
    Token *t = p->tokens[p->mark];
    if (t->type != type) {
        RAISE_SYNTAX_ERROR_KNOWN_LOCATION(t, "expected '%s'", expected);
        return NULL;
    }
    p->mark += 1;
    return t;
}

static int token_is(Token *t, const char *s)
{
    size_t n = strlen(s);
    return t->start != NULL && (size_t)(t->end - t->start) == n && memcmp(t->start, s, n) == 0;
}

expr_ty hl_expect_soft_keyword(Parser *p, const char *keyword)
{
    if (p->mark == p->fill && hl_fill_token(p) < 0) {
        p->error_indicator = 1;
        return NULL;
    }
    Token *t = p->tokens[p->mark];
    if (t->type != NAME || !token_is(t, keyword))
        return NULL;
    return hl_name_token(p);
}

static expr_ty name_from_token(Parser *p, Token *t);

/* SOFT_KEYWORD: a NAME whose text begins one of the soft keywords (CPython
 * compares with strncmp over the token's length, so `m` counts as
 * `match`).  On a match the name becomes a Name node, identifier and all. */
expr_ty hl_soft_keyword_token(Parser *p)
{
    Token *t = hl_expect_token(p, NAME);
    if (t == NULL)
        return NULL;
    static const char *const soft[] = {"_", "case", "match"};
    size_t size = (size_t)(t->end - t->start);
    for (size_t i = 0; i < 3; i++)
        if (strncmp(soft[i], t->start, size) == 0)
            return name_from_token(p, t);
    return NULL;
}

Token *hl_get_last_nonwhitespace_token(Parser *p)
{
    Token *token = NULL;
    for (int m = p->mark - 1; m >= 0; m--) {
        token = p->tokens[m];
        if (token->type != ENDMARKER && (token->type < NEWLINE || token->type > DEDENT))
            break;
    }
    return token;
}

int hl_lookahead_with_int(int positive, Token *(func)(Parser *, int), Parser *p, int arg)
{
    int mark = p->mark;
    void *res = func(p, arg);
    p->mark = mark;
    return (res != NULL) == positive;
}

int hl_lookahead(int positive, void *(func)(Parser *), Parser *p)
{
    int mark = p->mark;
    void *res = func(p);
    p->mark = mark;
    return (res != NULL) == positive;
}

/* ---------------------------------------------------------------------------
 * Memo: results of memoized rules, kept on the token where they started.
 */
int hl_is_memoized(Parser *p, int type, void *pres)
{
    if (p->mark == p->fill && hl_fill_token(p) < 0) {
        p->error_indicator = 1;
        return -1;
    }
    Token *t = p->tokens[p->mark];
    for (Memo *m = t->memo; m != NULL; m = m->next) {
        if (m->type == type) {
            p->mark = m->mark;
            *(void **)pres = m->node;
            return 1;
        }
    }
    return 0;
}

int hl_insert_memo(Parser *p, int mark, int type, void *node)
{
    Memo *m = hl_arena_malloc(p->arena, sizeof(Memo));
    if (m == NULL) {
        hl_err_clear();
        hl_set_memory_error(p);
        return -1;
    }
    m->type = type;
    m->node = node;
    m->mark = p->mark;
    m->next = p->tokens[mark]->memo;
    p->tokens[mark]->memo = m;
    return 0;
}

int hl_update_memo(Parser *p, int mark, int type, void *node)
{
    for (Memo *m = p->tokens[mark]->memo; m != NULL; m = m->next) {
        if (m->type == type) {
            m->node = node;
            m->mark = p->mark;
            return 0;
        }
    }
    return hl_insert_memo(p, mark, type, node);
}

/* ---------------------------------------------------------------------------
 * Objects from tokens.
 */

/* An object constructor failed with an exception set: record it (out of
 * memory is all that can happen here) and clear it. */
static void take_exception(Parser *p)
{
    p->error_indicator = 1;
    HLObject *exc = hl_err_fetch();
    if (p->err->type == NULL)
        hl_synerr_nomemory(p->err);
    hl_xdecref(exc);
}

int hl_parser_error_occurred(Parser *p)
{
    if (p->err->type != NULL)
        return 1;
    if (hl_err_occurred() != NULL) {
        take_exception(p);
        return 1;
    }
    return 0;
}

identifier hl_new_identifier(Parser *p, const char *s, size_t n)
{
    /* CPython also applies NFKC normalization to non-ASCII names; heaplab
     * has no normalization tables and keeps the name as written. */
    HLObject *id = hl_str_from_utf8(s, (hl_ssize_t)n);
    if (id == NULL) {
        take_exception(p);
        return NULL;
    }
    hl_str_intern_inplace(&id);
    if (hl_arena_add_object(p->arena, id) < 0) {
        hl_decref(id);
        take_exception(p);
        return NULL;
    }
    return id;
}

static expr_ty name_from_token(Parser *p, Token *t)
{
    if (t == NULL)
        return NULL;
    identifier id = hl_new_identifier(p, t->start, (size_t)(t->end - t->start));
    if (id == NULL)
        return NULL;
    return hl_ast_Name(id, Load, t->lineno, t->col_offset, t->end_lineno, t->end_col_offset,
                       p->arena);
}

expr_ty hl_name_token(Parser *p)
{
    Token *t = hl_expect_token(p, NAME);
    return name_from_token(p, t);
}

Token *hl_string_token(Parser *p) { return hl_expect_token(p, STRING); }

/* A NUMBER token becomes an int (PyLong_FromString with base 0) or a
 * float (PyOS_string_to_double), after dropping the underscores. */
static HLObject *parse_number(Parser *p, Token *t, const char *s, size_t n)
{
    char small[64];
    char *buf = n < sizeof small ? small : hl_raw_malloc(n + 1);
    if (buf == NULL)
        return hl_err_nomemory();
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '_')
            buf[k++] = s[i];
    buf[k] = '\0';
    HLObject *r;
    int is_int = 1;
    if (!(k > 1 && buf[0] == '0' && strchr("xXoObB", buf[1]) != NULL))
        for (size_t i = 0; i < k; i++)
            if (buf[i] == '.' || buf[i] == 'e' || buf[i] == 'E')
                is_int = 0;
    if (is_int) {
        r = hl_long_from_string(buf, (hl_ssize_t)k, 0);
    } else {
        int ok = 0;
        double d = hl_parse_float_literal(buf, (hl_ssize_t)k, &ok);
        r = ok ? hl_float_from_double(d) : NULL;
        if (!ok && !hl_err_occurred())
            hl_err_set_string(hl_exc_ValueError, "could not convert string to float");
    }
    if (buf != small)
        hl_raw_free(buf);
    return r;
}

expr_ty hl_number_token(Parser *p)
{
    Token *t = hl_expect_token(p, NUMBER);
    if (t == NULL)
        return NULL;
    size_t n = (size_t)(t->end - t->start);
    if (n > 0 && (t->start[n - 1] == 'j' || t->start[n - 1] == 'J')) {
        /* CPython makes a complex here; heaplab has none.  The node is a
         * placeholder: the parse is rejected once it has succeeded. */
        hl_not_supported(p, "complex numbers", t->lineno, t->col_offset, t->end_lineno,
                         t->end_col_offset);
        return hl_ast_Constant(HL_None, NULL, t->lineno, t->col_offset, t->end_lineno,
                               t->end_col_offset, p->arena);
    }
    HLObject *c = parse_number(p, t, t->start, n);
    if (c == NULL) {
        p->error_indicator = 1;
        if (hl_err_exception_matches(hl_exc_ValueError)) {
            /* Only the int/str conversion limit can fail here. */
            HLObject *exc = hl_err_fetch();
            HLObject *msg = hl_object_str(exc);
            hl_decref(exc);
            const char *m = msg ? hl_str_as_utf8(msg, NULL) : NULL;
            hl_err_clear();
            RAISE_ERROR_KNOWN_LOCATION(p, "SyntaxError", t->lineno, -1, t->end_lineno, -1,
                                       "%s - Consider hexadecimal for huge integer literals "
                                       "to avoid decimal conversion limits.",
                                       m ? m : "");
            hl_xdecref(msg);
        } else {
            take_exception(p);
        }
        return NULL;
    }
    if (hl_arena_add_object(p->arena, c) < 0) {
        hl_decref(c);
        take_exception(p);
        return NULL;
    }
    return hl_ast_Constant(c, NULL, t->lineno, t->col_offset, t->end_lineno, t->end_col_offset,
                           p->arena);
}

/* ---------------------------------------------------------------------------
 * Small vectors for loops; items go into an asdl_seq at the end.
 */
void hl_vec_init(hl_vec *v)
{
    v->items = v->small;
    v->n = 0;
    v->cap = (int)(sizeof v->small / sizeof v->small[0]);
}

int hl_vec_push(Parser *p, hl_vec *v, void *item)
{
    if (v->n == v->cap) {
        int cap = v->cap * 2;
        void **items;
        if (v->items == v->small) {
            items = hl_raw_malloc((size_t)cap * sizeof(void *));
            if (items != NULL)
                memcpy(items, v->small, sizeof v->small);
        } else {
            items = hl_raw_realloc(v->items, (size_t)cap * sizeof(void *));
        }
        if (items == NULL) {
            hl_set_memory_error(p);
            return -1;
        }
        v->items = items;
        v->cap = cap;
    }
    v->items[v->n++] = item;
    return 0;
}

void hl_vec_free(hl_vec *v)
{
    if (v->items != v->small)
        hl_raw_free(v->items);
    v->items = v->small;
    v->n = 0;
}

asdl_seq *hl_vec_finish(Parser *p, hl_vec *v)
{
    asdl_seq *seq = hl_asdl_seq_new(v->n, p->arena);
    if (seq == NULL) {
        hl_err_clear();
        hl_vec_free(v);
        hl_set_memory_error(p);
        return NULL;
    }
    for (int i = 0; i < v->n; i++)
        seq->elements[i] = v->items[i];
    hl_vec_free(v);
    return seq;
}

/* e* and e+: each match extends the sequence; the first failure ends it
 * (and resets to after the last match). */
static asdl_seq *loop(Parser *p, hl_rule_fn elem, int at_least_one)
{
    RULE_ENTER;
    int _mark = p->mark;
    hl_vec v;
    hl_vec_init(&v);
    void *e;
    while ((e = elem(p)) != NULL) {
        if (hl_vec_push(p, &v, e) < 0)
            LEAVE(NULL);
        _mark = p->mark;
    }
    p->mark = _mark;
    if ((at_least_one && v.n == 0) || p->error_indicator) {
        hl_vec_free(&v);
        LEAVE(NULL);
    }
    asdl_seq *seq = hl_vec_finish(p, &v);
    LEAVE(seq);
}

asdl_seq *hl_loop0(Parser *p, hl_rule_fn elem) { return loop(p, elem, 0); }
asdl_seq *hl_loop1(Parser *p, hl_rule_fn elem) { return loop(p, elem, 1); }

/* (sep elem)* : a separator not followed by an element is left alone. */
static asdl_seq *gather_rest(Parser *p, int sep, hl_rule_fn elem)
{
    RULE_ENTER;
    int _mark = p->mark;
    hl_vec v;
    hl_vec_init(&v);
    void *e;
    while (hl_expect_token(p, sep) && (e = elem(p)) != NULL) {
        if (hl_vec_push(p, &v, e) < 0)
            LEAVE(NULL);
        _mark = p->mark;
    }
    p->mark = _mark;
    if (p->error_indicator) {
        hl_vec_free(&v);
        LEAVE(NULL);
    }
    asdl_seq *seq = hl_vec_finish(p, &v);
    LEAVE(seq);
}

asdl_seq *hl_gather(Parser *p, int sep, hl_rule_fn elem)
{
    RULE_ENTER;
    int _mark = p->mark;
    void *first;
    asdl_seq *rest;
    if ((first = elem(p)) != NULL && (rest = gather_rest(p, sep, elem)) != NULL) {
        asdl_seq *seq = hl_seq_insert_in_front(p, first, rest);
        LEAVE(seq);
    }
    p->mark = _mark;
    LEAVE(NULL);
}

/* ---------------------------------------------------------------------------
 * Running the parser.
 */
static void *parse(Parser *p)
{
    switch (p->start_rule) {
    case HL_MODE_EXEC:
        return hl_file_rule(p);
    case HL_MODE_SINGLE:
        return hl_interactive_rule(p);
    case HL_MODE_EVAL:
        return hl_eval_rule(p);
    case FSTRING_INPUT:
        return hl_fstring_rule(p);
    }
    return NULL;
}

/* Whether anything but whitespace and comments follows the statement that
 * "single" mode parsed. */
static int bad_single_statement(Parser *p)
{
    const char *cur = p->tok->cur;
    char c = *cur;
    for (;;) {
        while (c == ' ' || c == '\t' || c == '\n' || c == '\014')
            c = *++cur;
        if (!c)
            return 0;
        if (c != '#')
            return 1;
        while (c && c != '\n')
            c = *++cur;
    }
}

static int is_syntax_error(Parser *p)
{
    const char *t = p->err->type;
    return t != NULL && (strcmp(t, "SyntaxError") == 0 || strcmp(t, "IndentationError") == 0 ||
                         strcmp(t, "TabError") == 0);
}

void *hl_run_parser(Parser *p)
{
    void *res = parse(p);
    if (res == NULL) {
        if ((p->flags & HL_PARSE_ALLOW_INCOMPLETE) &&
            (p->tok->done == E_EOF || p->tok->done == E_EOFS || p->tok->done == E_EOLS)) {
            hl_err_clear();
            return RAISE_SYNTAX_ERROR("incomplete input");
        }
        if (ERR_OCCURRED(p) && !is_syntax_error(p))
            return NULL;
        /* Second pass, with the invalid_* rules. */
        Token *last_token = p->tokens[p->fill - 1];
        for (int i = 0; i < p->fill; i++)
            p->tokens[i]->memo = NULL;
        p->mark = 0;
        p->call_invalid_rules = 1;
        parse(p);
        hl_set_syntax_error(p, last_token);
        return NULL;
    }
    if (p->start_rule == HL_MODE_SINGLE && bad_single_statement(p)) {
        p->tok->done = E_BADSINGLE;
        return RAISE_SYNTAX_ERROR("multiple statements found while compiling a single statement");
    }
    return res;
}

static void parser_init(Parser *p, hl_tok_state *tok, int start_rule, hl_arena *arena,
                        hl_syntax_error *err)
{
    memset(p, 0, sizeof(*p));
    p->tok = tok;
    p->arena = arena;
    p->start_rule = start_rule;
    p->err = err;
}

expr_ty hl_parse_fstring_expr(Parser *p, const char *str, size_t len, int lineno,
                              int starting_lineno, int starting_col_offset)
{
    hl_tok_state tok;
    if (hl_tok_init(&tok, str, len, 1, 0, p->err) < 0) {
        p->error_indicator = 1;
        return NULL;
    }
    tok.char_offsets = 0; /* CPython's sub-tokenizer has no encoding */
    tok.filename = p->tok->filename;
    tok.lineno = lineno - 1;
    Parser p2;
    parser_init(&p2, &tok, FSTRING_INPUT, p->arena, p->err);
    p2.starting_lineno = starting_lineno;
    p2.starting_col_offset = starting_col_offset;
    p2.unsupported = p->unsupported;
    /* The sub-parser's rules nest inside the rule that found the string, so
     * the C stack is bounded by one MAXSTACK overall. */
    p2.level = p->level;
    expr_ty res = hl_run_parser(&p2);
    free_tokens(&p2);
    hl_tok_fini(&tok);
    if (res == NULL)
        p->error_indicator = 1;
    return res;
}

void *hl_not_supported(Parser *p, const char *what, int lineno, int col_offset,
                       int end_lineno, int end_col_offset)
{
    struct hl_unsupported *u = p->unsupported;
    if (!u->set || lineno < u->lineno || (lineno == u->lineno && col_offset < u->col_offset)) {
        u->set = 1;
        u->lineno = lineno;
        u->col_offset = col_offset;
        u->end_lineno = end_lineno;
        u->end_col_offset = end_col_offset;
        hl_snprintf(u->what, sizeof u->what, "%s", what);
    }
    return NULL;
}

void hl_syntax_error_init(hl_syntax_error *e) { memset(e, 0, sizeof(*e)); }

mod_ty hl_parse(const char *src, size_t len, int mode, int flags, const char *filename,
                hl_arena *arena, hl_syntax_error *err)
{
    hl_parse_warning *warnings = err->warnings;
    err->warnings = NULL;
    hl_syntax_error_clear(err);
    err->warnings = warnings;
    /* An exception the caller has pending is set aside: "PyErr_Occurred"
     * below means the parser's own errors only. */
    HLObject *pending = hl_err_fetch();
    if (!(flags & HL_PARSE_FILE) && memchr(src, '\0', len) != NULL) {
        hl_synerr_set(err, "SyntaxError", 0, 0, 0, 0, 0, NULL, 0,
                      "source code string cannot contain null bytes");
        hl_err_restore(pending);
        return NULL;
    }
    hl_tok_state tok;
    if (hl_tok_init(&tok, src, len, mode == HL_MODE_EXEC, (flags & HL_PARSE_FILE) != 0, err) < 0) {
        hl_err_restore(pending);
        return NULL;
    }
    tok.filename = filename;
    Parser p;
    parser_init(&p, &tok, mode, arena, err);
    p.flags = flags;
    struct hl_unsupported unsupported;
    memset(&unsupported, 0, sizeof unsupported);
    p.unsupported = &unsupported;
    mod_ty res = hl_run_parser(&p);
    if (res != NULL && unsupported.set) {
        RAISE_ERROR_KNOWN_LOCATION(&p, "SyntaxError", unsupported.lineno, unsupported.col_offset,
                                   unsupported.end_lineno, unsupported.end_col_offset,
                                   "heaplab does not support %s", unsupported.what);
        res = NULL;
    }
    if (res == NULL && !ERR_OCCURRED(&p))
        hl_synerr_set(err, "SyntaxError", 0, 0, 0, 0, 0, NULL, 0, "unknown parsing error");
    free_tokens(&p);
    hl_tok_fini(&tok);
    if (hl_err_occurred()) {
        /* Left by a failed allocation the parse could not report. */
        hl_err_clear();
        if (res == NULL && err->type == NULL)
            hl_synerr_nomemory(err);
    }
    hl_err_restore(pending);
    return res;
}
