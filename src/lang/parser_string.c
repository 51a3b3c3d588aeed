/*
 * parser_string.c — string literals: prefixes, escapes, implicit
 * concatenation and f-strings, as CPython 3.11's Parser/string_parser.c
 * and _PyPegen_concatenate_strings do them.
 *
 * The tokenizer hands the parser each literal whole (prefix, quotes and
 * all); `strings: STRING+` collects adjacent literals and
 * hl_concatenate_strings turns them into ONE node:
 *
 *   - a plain literal is decoded: raw literals are just UTF-8; others go
 *     through the escape decoder.  Like CPython, the decoder first rewrites
 *     the text (each non-ASCII character becomes a \U00XXXXXX escape, a
 *     backslash before one becomes \u005c) and decodes that with the
 *     'unicodeescape' rules, so the positions in its error messages ("can't
 *     decode bytes in position 0-2: truncated \xXX escape") are CPython's.
 *     Unknown escapes such as \d stay as they are and produce a
 *     DeprecationWarning.
 *   - the pieces are concatenated; if any piece is an f-string the result is
 *     a JoinedStr whose values alternate Constant (text) and FormattedValue
 *     (an expression with its conversion and format spec), else one
 *     Constant.  Empty pieces vanish.
 *   - an f-string is scanned for {expressions}: doubled braces are
 *     literal, the expression ends at a top-level !, :, = or } (but not at
 *     !=, ==, <=, >=), and its text is parsed by a sub-parser over
 *     "(text)", positioned so the nodes it builds carry the columns of the
 *     expression in the file — with 3.11's quirks for expressions that span
 *     lines.  `{x=}` adds the text "x=" and makes the conversion !r unless a
 *     format spec is given.  Format specs are f-strings themselves, nested
 *     at most once.
 *
 * Positions, as in CPython 3.11: every Constant and FormattedValue of a
 * JoinedStr spans the whole concatenation (first to last token), and a
 * format spec's JoinedStr spans the token that contains it.
 *
 * Bytes literals are checked as CPython checks them and then rejected
 * (heaplab has no bytes type); so are \N{...} escapes (no Unicode name
 * database).
 */
#include "pegen.h"

#include <string.h>

#include "../objects/strobject.h"
#include "../runtime/errors.h"
#include "../runtime/strbuf.h"
#include "../runtime/sysmem.h"

#define MAXLEVEL 200 /* nesting of brackets inside an f-string expression */

/* An object could not be made: out of memory. */
static void *nomem(Parser *p)
{
    hl_err_clear();
    hl_set_memory_error(p);
    return NULL;
}

/* A decoding error, reported as CPython's UnicodeDecodeError would be; the
 * caller of hl_concatenate_strings turns it into "(unicode error) ...". */
static void decode_error(Parser *p, const char *encoding, const char *buf, hl_ssize_t start,
                         hl_ssize_t end, const char *reason)
{
    if (end == start + 1)
        hl_synerr_set(p->err, "UnicodeDecodeError", 0, 0, 0, 0, 0, NULL, 0,
                      "'%s' codec can't decode byte 0x%02x in position %d: %s", encoding,
                      (unsigned char)buf[start], (int)start, reason);
    else
        hl_synerr_set(p->err, "UnicodeDecodeError", 0, 0, 0, 0, 0, NULL, 0,
                      "'%s' codec can't decode bytes in position %d-%d: %s", encoding,
                      (int)start, (int)end - 1, reason);
    p->error_indicator = 1;
}

/* PyUnicode_DecodeUTF8 (strict) of s[0:n]. */
static HLObject *decode_utf8(Parser *p, const char *s, size_t n)
{
    const unsigned char *q = (const unsigned char *)s, *end = q + n;
    while (q < end) {
        uint32_t ch;
        const unsigned char *bad_end;
        const char *reason;
        int k = hl_utf8_decode_one(q, end, &ch, &bad_end, &reason);
        if (k == 0) {
            decode_error(p, "utf-8", s, (hl_ssize_t)((const char *)q - s),
                         (hl_ssize_t)((const char *)bad_end - s), reason);
            return NULL;
        }
        q += k;
    }
    HLObject *r = hl_str_from_utf8(s, (hl_ssize_t)n);
    if (r == NULL)
        return nomem(p);
    return r;
}

static void warn_invalid_escape_sequence(Parser *p, const char *first_invalid_escape, Token *t)
{
    /* Not in the second pass: the first one has warned already. */
    if (p->call_invalid_rules)
        return;
    unsigned char c = (unsigned char)*first_invalid_escape;
    if ('4' <= c && c <= '7')
        hl_synerr_warn(p->err, "DeprecationWarning", t->lineno,
                       "invalid octal escape sequence '\\%.3s'", first_invalid_escape);
    else
        hl_synerr_warn(p->err, "DeprecationWarning", t->lineno, "invalid escape sequence '\\%c'",
                       c);
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The 'unicodeescape' decoder over ASCII text (the rewritten literal). */
static HLObject *unicode_escape_decode(Parser *p, const char *starts, size_t len,
                                       const char **first_invalid_escape, Token *t)
{
    uint32_t *out = hl_raw_malloc((len + 1) * sizeof(uint32_t));
    if (out == NULL)
        return nomem(p);
    size_t n = 0;
    const char *s = starts, *end = starts + len;
    *first_invalid_escape = NULL;
    while (s < end) {
        if (*s != '\\') {
            out[n++] = (unsigned char)*s++;
            continue;
        }
        hl_ssize_t startinpos = s - starts;
        const char *message;
        s++;
        if (s >= end) {
            message = "\\ at end of string";
            goto error;
        }
        int c = (unsigned char)*s++;
        int count;
        switch (c) {
        case '\n': continue;
        case '\\': out[n++] = '\\'; continue;
        case '\'': out[n++] = '\''; continue;
        case '"': out[n++] = '"'; continue;
        case 'b': out[n++] = '\b'; continue;
        case 'f': out[n++] = '\014'; continue;
        case 't': out[n++] = '\t'; continue;
        case 'n': out[n++] = '\n'; continue;
        case 'r': out[n++] = '\r'; continue;
        case 'v': out[n++] = '\013'; continue;
        case 'a': out[n++] = '\007'; continue;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            uint32_t ch = (uint32_t)(c - '0');
            if (s < end && '0' <= *s && *s <= '7') {
                ch = (ch << 3) + (uint32_t)(*s++ - '0');
                if (s < end && '0' <= *s && *s <= '7')
                    ch = (ch << 3) + (uint32_t)(*s++ - '0');
            }
            if (ch > 0377 && *first_invalid_escape == NULL)
                *first_invalid_escape = s - 3;
            out[n++] = ch;
            continue;
        }
        case 'x': count = 2; message = "truncated \\xXX escape"; goto hexescape;
        case 'u': count = 4; message = "truncated \\uXXXX escape"; goto hexescape;
        case 'U': count = 8; message = "truncated \\UXXXXXXXX escape"; goto hexescape;
        case 'N':
            /* \N{name}: CPython looks the name up in its Unicode database;
             * heaplab has none. */
            message = "malformed \\N character escape";
            if (s < end && *s == '{') {
                const char *name = ++s;
                while (s < end && *s != '}')
                    s++;
                if (s < end && s > name) {
                    s++;
                    hl_not_supported(p, "\\N{...} escapes in strings", t->lineno, t->col_offset,
                                     t->end_lineno, t->end_col_offset);
                    out[n++] = 0xFFFD;
                    continue;
                }
            }
            goto error;
        default:
            if (*first_invalid_escape == NULL)
                *first_invalid_escape = s - 1;
            out[n++] = '\\';
            out[n++] = (uint32_t)c;
            continue;
        }
    hexescape: {
        uint32_t ch = 0;
        for (; count; ++s, --count) {
            if (s >= end)
                goto error;
            int v = hexval((unsigned char)*s);
            if (v < 0)
                goto error;
            ch = (ch << 4) + (uint32_t)v;
        }
        if (ch > 0x10FFFF) {
            message = "illegal Unicode character";
            goto error;
        }
        out[n++] = ch;
        continue;
    }
    error:
        decode_error(p, "unicodeescape", starts, startinpos, s - starts, message);
        hl_raw_free(out);
        return NULL;
    }
    HLObject *r = hl_str_from_ucs4(out, (hl_ssize_t)n);
    hl_raw_free(out);
    if (r == NULL)
        return nomem(p);
    return r;
}

/* CPython's decode_unicode_with_escapes: rewrite, then decode. */
static HLObject *decode_unicode_with_escapes(Parser *p, const char *s, size_t len, Token *t)
{
    char *buf = hl_raw_malloc(len * 10 + 6); /* a 1-byte char can become 10 */
    if (buf == NULL)
        return nomem(p);
    char *w = buf;
    const char *end = s + len;
    while (s < end) {
        if (*s == '\\') {
            *w++ = *s++;
            if (s >= end || (*s & 0x80)) {
                memcpy(w, "u005c", 5);
                w += 5;
                if (s >= end)
                    break;
            }
        }
        if (*s & 0x80) {
            const char *run = s;
            while (s < end && (*s & 0x80))
                s++;
            const unsigned char *q = (const unsigned char *)run, *qe = (const unsigned char *)s;
            while (q < qe) {
                uint32_t ch;
                const unsigned char *bad_end;
                const char *reason;
                int k = hl_utf8_decode_one(q, qe, &ch, &bad_end, &reason);
                if (k == 0) {
                    decode_error(p, "utf-8", run, (hl_ssize_t)((const char *)q - run),
                                 (hl_ssize_t)((const char *)bad_end - run), reason);
                    hl_raw_free(buf);
                    return NULL;
                }
                w += hl_snprintf(w, 11, "\\U%08x", (unsigned)ch);
                q += k;
            }
        } else {
            *w++ = *s++;
        }
    }
    const char *first_invalid_escape;
    HLObject *v = unicode_escape_decode(p, buf, (size_t)(w - buf), &first_invalid_escape, t);
    if (v != NULL && first_invalid_escape != NULL)
        warn_invalid_escape_sequence(p, first_invalid_escape, t);
    hl_raw_free(buf);
    return v;
}

/* Bytes literals are checked (CPython's _PyBytes_DecodeEscape errors) but
 * not built. */
static int check_bytes_escapes(Parser *p, const char *s, size_t len, Token *t)
{
    const char *end = s + len, *start = s;
    const char *first_invalid_escape = NULL;
    while (s < end) {
        if (*s++ != '\\')
            continue;
        if (s >= end) {
            hl_synerr_set(p->err, "ValueError", 0, 0, 0, 0, 0, NULL, 0, "Trailing \\ in string");
            p->error_indicator = 1;
            return -1;
        }
        int c = (unsigned char)*s++;
        if (strchr("\n\\'\"bftnrva", c) != NULL)
            continue;
        if (c >= '0' && c <= '7') {
            int v = c - '0';
            if (s < end && '0' <= *s && *s <= '7') {
                v = (v << 3) + (*s++ - '0');
                if (s < end && '0' <= *s && *s <= '7')
                    v = (v << 3) + (*s++ - '0');
            }
            if (v > 0377 && first_invalid_escape == NULL)
                first_invalid_escape = s - 3;
            continue;
        }
        if (c == 'x') {
            if (s + 1 < end && hexval((unsigned char)s[0]) >= 0 && hexval((unsigned char)s[1]) >= 0) {
                s += 2;
                continue;
            }
            hl_synerr_set(p->err, "ValueError", 0, 0, 0, 0, 0, NULL, 0,
                          "invalid \\x escape at position %d", (int)(s - 2 - start));
            p->error_indicator = 1;
            return -1;
        }
        if (first_invalid_escape == NULL)
            first_invalid_escape = s - 1;
    }
    if (first_invalid_escape != NULL)
        warn_invalid_escape_sequence(p, first_invalid_escape, t);
    return 0;
}

/* CPython's _PyPegen_parsestr.  Returns 0 and either *result (a str, or
 * NULL for bytes) or *fstr and *fstrlen (the body of an f-string); -1 on
 * error. */
static int parsestr(Parser *p, int *bytesmode, int *rawmode, HLObject **result,
                    const char **fstr, size_t *fstrlen, Token *t)
{
    const char *s = t->start;
    int quote = (unsigned char)*s;
    int fmode = 0;
    *bytesmode = 0;
    *rawmode = 0;
    *result = NULL;
    *fstr = NULL;
    for (;;) {
        if (quote == 'b' || quote == 'B')
            *bytesmode = 1;
        else if (quote == 'r' || quote == 'R')
            *rawmode = 1;
        else if (quote == 'f' || quote == 'F')
            fmode = 1;
        else if (!(quote == 'u' || quote == 'U'))
            break;
        quote = (unsigned char)*++s;
    }
    s++;
    size_t len = (size_t)(t->end - s) - 1; /* without the closing quote */
    if (len >= 4 && s[0] == quote && s[1] == quote) {
        s += 2;
        len -= 4; /* triple-quoted */
    }
    if (fmode) {
        *fstr = s;
        *fstrlen = len;
        return 0;
    }
    int raw = *rawmode || memchr(s, '\\', len) == NULL;
    if (*bytesmode) {
        for (size_t i = 0; i < len; i++) {
            if ((unsigned char)s[i] >= 0x80) {
                RAISE_SYNTAX_ERROR_KNOWN_LOCATION(t, "bytes can only contain ASCII literal characters");
                return -1;
            }
        }
        if (!raw && check_bytes_escapes(p, s, len, t) < 0)
            return -1;
        return 0;
    }
    *result = raw ? decode_utf8(p, s, len) : decode_unicode_with_escapes(p, s, len, t);
    return *result == NULL ? -1 : 0;
}

/* ---------------------------------------------------------------------------
 * Building the JoinedStr.
 */
typedef struct {
    HLObject *last_str; /* text not yet turned into a Constant */
    int fmode;          /* an f-string was seen */
    hl_vec expr_list;
} FstringParser;

static void fstring_parser_init(FstringParser *state)
{
    state->last_str = NULL;
    state->fmode = 0;
    hl_vec_init(&state->expr_list);
}

static void fstring_parser_dealloc(FstringParser *state)
{
    HL_CLEAR(state->last_str);
    hl_vec_free(&state->expr_list);
}

/* A Constant for *str (which the arena takes). */
static expr_ty make_str_node_and_del(Parser *p, HLObject **str, Token *first_token,
                                     Token *last_token)
{
    HLObject *s = *str;
    *str = NULL;
    if (hl_arena_add_object(p->arena, s) < 0) {
        hl_decref(s);
        return nomem(p);
    }
    HLObject *kind = NULL;
    if (first_token->start[0] == 'u') {
        kind = hl_new_identifier(p, "u", 1);
        if (kind == NULL)
            return NULL;
    }
    return hl_ast_Constant(s, kind, first_token->lineno, first_token->col_offset,
                           last_token->end_lineno, last_token->end_col_offset, p->arena);
}

/* Adds text (stealing the reference); empty text is dropped. */
static int concat_and_del(Parser *p, FstringParser *state, HLObject *str)
{
    if (HL_STR_LEN(str) == 0) {
        hl_decref(str);
        return 0;
    }
    if (state->last_str == NULL) {
        state->last_str = str;
        return 0;
    }
    HLObject *joined = hl_str_concat(state->last_str, str);
    hl_decref(str);
    if (joined == NULL) {
        nomem(p);
        return -1;
    }
    HL_SETREF(state->last_str, joined);
    return 0;
}

static expr_ty fstring_parse(Parser *p, const char **str, const char *end, int raw,
                             int recurse_lvl, Token *first_token, Token *t, Token *last_token);

/* Where the expression's nodes start: lines and columns to add
 * (fstring_find_expr_location).  expr_start points at the '{'. */
static void fstring_find_expr_location(Token *parent, const char *expr_start, int *p_lines,
                                       int *p_cols)
{
    *p_lines = 0;
    *p_cols = 0;
    const char *parent_str = parent->start;
    /* A newline right after the brace (after blanks) means no column shift. */
    int newline_after_brace = 1;
    const char *start = expr_start + 1;
    while (start < parent->end && *start != '}' && *start != '\n') {
        if (*start != ' ' && *start != '\t' && *start != '\f') {
            newline_after_brace = 0;
            break;
        }
        start++;
    }
    if (!newline_after_brace) {
        start = expr_start;
        while (start > parent_str && *start != '\n')
            start--;
        *p_cols += (int)(expr_start - start);
        if (*start == '\n')
            *p_cols -= 1;
    }
    for (const char *q = parent_str; q < expr_start; q++)
        if (*q == '\n')
            (*p_lines)++;
}

/* Parses the expression text [expr_start, expr_end) (fstring_compile_expr). */
static expr_ty fstring_compile_expr(Parser *p, const char *expr_start, const char *expr_end,
                                    Token *t)
{
    const char *s;
    for (s = expr_start; s != expr_end; s++) {
        char c = *s;
        if (!(c == ' ' || c == '\t' || c == '\n' || c == '\f'))
            break;
    }
    if (s == expr_end) {
        if (*expr_end == '!' || *expr_end == ':' || *expr_end == '=')
            return RAISE_SYNTAX_ERROR("f-string: expression required before '%c'", *expr_end);
        return RAISE_SYNTAX_ERROR("f-string: empty expression not allowed");
    }
    size_t len = (size_t)(expr_end - expr_start);
    char *str = hl_raw_malloc(len + 3);
    if (str == NULL)
        return nomem(p);
    memcpy(str + 1, expr_start, len);
    int lines, cols;
    fstring_find_expr_location(t, expr_start - 1, &lines, &cols);
    /* The parentheses let the expression start with blanks. */
    str[0] = '(';
    str[len + 1] = ')';
    str[len + 2] = '\0';
    expr_ty result = hl_parse_fstring_expr(p, str, len + 2, t->lineno + lines, t->lineno + lines,
                                           lines != 0 ? cols : t->col_offset + cols);
    hl_raw_free(str);
    return result;
}

/* Literal text up to the next expression (fstring_find_literal).  Returns
 * 1 when a doubled brace ended it (call again), 0 otherwise, -1 on error. */
static int fstring_find_literal(Parser *p, const char **str, const char *end, int raw,
                                HLObject **literal, int recurse_lvl, Token *t)
{
    const char *s = *str;
    const char *literal_start = s;
    int result = 0;
    while (s < end) {
        char ch = *s++;
        if (!raw && ch == '\\' && s < end) {
            ch = *s++;
            if (ch == 'N') {
                /* Skip \N{...}: its brace does not start an expression. */
                if (s < end && *s++ == '{') {
                    while (s < end && *s++ != '}') {
                    }
                    continue;
                }
                continue;
            }
            if (ch == '{')
                warn_invalid_escape_sequence(p, s - 1, t);
        }
        if (ch == '{' || ch == '}') {
            /* Doubled braces are literal, but only at the top level:
             * f'{0:{3}}' ends with two closing braces. */
            if (recurse_lvl == 0) {
                if (s < end && *s == ch) {
                    *str = s + 1;
                    result = 1;
                    goto done;
                }
                if (ch == '}') {
                    *str = s - 1;
                    RAISE_SYNTAX_ERROR("f-string: single '}' is not allowed");
                    return -1;
                }
            }
            s--;
            break;
        }
    }
    *str = s;
done:
    if (literal_start != s) {
        size_t n = (size_t)(s - literal_start);
        *literal = raw ? decode_utf8(p, literal_start, n)
                       : decode_unicode_with_escapes(p, literal_start, n, t);
        if (*literal == NULL)
            return -1;
    }
    return result;
}

/* One {expression...}; *str is at the '{' (fstring_find_expr). */
static int fstring_find_expr(Parser *p, const char **str, const char *end, int raw,
                             int recurse_lvl, HLObject **expr_text, expr_ty *expression,
                             Token *first_token, Token *t, Token *last_token)
{
    const char *expr_start, *expr_end;
    expr_ty simple_expression, format_spec = NULL;
    int conversion = -1;
    char quote_char = 0;
    int string_type = 0;
    int nested_depth = 0;
    char parenstack[MAXLEVEL];
    *expr_text = NULL;
    if (recurse_lvl >= 2) {
        RAISE_SYNTAX_ERROR("f-string: expressions nested too deeply");
        goto error;
    }
    *str += 1;
    expr_start = *str;
    for (; *str < end; (*str)++) {
        char ch = **str;
        if (ch == '\\') {
            RAISE_SYNTAX_ERROR("f-string expression part cannot include a backslash");
            goto error;
        }
        if (quote_char) {
            /* Inside a string of the expression: find its end (the same
             * non-error logic as the tokenizer). */
            if (ch == quote_char) {
                if (string_type == 3) {
                    if (*str + 2 < end && *(*str + 1) == ch && *(*str + 2) == ch) {
                        *str += 2;
                        string_type = 0;
                        quote_char = 0;
                        continue;
                    }
                } else {
                    quote_char = 0;
                    string_type = 0;
                    continue;
                }
            }
        } else if (ch == '\'' || ch == '"') {
            if (*str + 2 < end && *(*str + 1) == ch && *(*str + 2) == ch) {
                string_type = 3;
                *str += 2;
            } else {
                string_type = 1;
            }
            quote_char = ch;
        } else if (ch == '[' || ch == '{' || ch == '(') {
            if (nested_depth >= MAXLEVEL) {
                RAISE_SYNTAX_ERROR("f-string: too many nested parenthesis");
                goto error;
            }
            parenstack[nested_depth++] = ch;
        } else if (ch == '#') {
            RAISE_SYNTAX_ERROR("f-string expression part cannot include '#'");
            goto error;
        } else if (nested_depth == 0 &&
                   (ch == '!' || ch == ':' || ch == '}' || ch == '=' || ch == '>' || ch == '<')) {
            if (*str + 1 < end) {
                char next = *(*str + 1);
                if ((ch == '!' && next == '=') || (ch == '=' && next == '=') ||
                    (ch == '<' && next == '=') || (ch == '>' && next == '=')) {
                    *str += 1;
                    continue;
                }
            }
            if (ch == '>' || ch == '<')
                continue;
            break;
        } else if (ch == ']' || ch == '}' || ch == ')') {
            if (!nested_depth) {
                RAISE_SYNTAX_ERROR("f-string: unmatched '%c'", ch);
                goto error;
            }
            nested_depth--;
            int opening = (unsigned char)parenstack[nested_depth];
            if (!((opening == '(' && ch == ')') || (opening == '[' && ch == ']') ||
                  (opening == '{' && ch == '}'))) {
                RAISE_SYNTAX_ERROR("f-string: closing parenthesis '%c' does not match opening "
                                   "parenthesis '%c'",
                                   ch, opening);
                goto error;
            }
        }
    }
    expr_end = *str;
    if (quote_char) {
        RAISE_SYNTAX_ERROR("f-string: unterminated string");
        goto error;
    }
    if (nested_depth) {
        RAISE_SYNTAX_ERROR("f-string: unmatched '%c'", parenstack[nested_depth - 1]);
        goto error;
    }
    if (*str >= end)
        goto unexpected_end_of_string;

    /* Parse the expression first, so its errors come before those of the
     * conversion or the format spec. */
    simple_expression = fstring_compile_expr(p, expr_start, expr_end, t);
    if (simple_expression == NULL)
        goto error;

    if (**str == '=') {
        *str += 1;
        while (**str == ' ' || **str == '\t' || **str == '\n' || **str == '\r' ||
               **str == '\f' || **str == '\v')
            *str += 1;
        if (*str >= end)
            goto unexpected_end_of_string;
        *expr_text = decode_utf8(p, expr_start, (size_t)(*str - expr_start));
        if (*expr_text == NULL)
            goto error;
    }
    if (**str == '!') {
        *str += 1;
        if (*str >= end)
            goto unexpected_end_of_string;
        conversion = (unsigned char)**str;
        *str += 1;
        if (!(conversion == 's' || conversion == 'r' || conversion == 'a')) {
            RAISE_SYNTAX_ERROR("f-string: invalid conversion character: expected 's', 'r', or 'a'");
            goto error;
        }
    }
    if (*str >= end)
        goto unexpected_end_of_string;
    if (**str == ':') {
        *str += 1;
        if (*str >= end)
            goto unexpected_end_of_string;
        format_spec = fstring_parse(p, str, end, raw, recurse_lvl + 1, first_token, t, last_token);
        if (format_spec == NULL)
            goto error;
    }
    if (*str >= end || **str != '}')
        goto unexpected_end_of_string;
    *str += 1;
    /* {x=} without a format spec or conversion shows the repr. */
    if (*expr_text && format_spec == NULL && conversion == -1)
        conversion = 'r';
    *expression = hl_ast_FormattedValue(simple_expression, conversion, format_spec,
                                        first_token->lineno, first_token->col_offset,
                                        last_token->end_lineno, last_token->end_col_offset,
                                        p->arena);
    if (*expression == NULL) {
        nomem(p);
        goto error;
    }
    return 0;

unexpected_end_of_string:
    RAISE_SYNTAX_ERROR("f-string: expecting '}'");
error:
    HL_CLEAR(*expr_text);
    return -1;
}

static int fstring_find_literal_and_expr(Parser *p, const char **str, const char *end, int raw,
                                         int recurse_lvl, HLObject **literal,
                                         HLObject **expr_text, expr_ty *expression,
                                         Token *first_token, Token *t, Token *last_token)
{
    int result = fstring_find_literal(p, str, end, raw, literal, recurse_lvl, t);
    if (result < 0)
        goto error;
    if (result == 1)
        return 1;
    if (*str >= end || **str == '}')
        return 0; /* end of the string, or of a nested format spec */
    if (fstring_find_expr(p, str, end, raw, recurse_lvl, expr_text, expression, first_token, t,
                          last_token) < 0)
        goto error;
    return 0;
error:
    HL_CLEAR(*literal);
    return -1;
}

static int fstring_concat_fstring(Parser *p, FstringParser *state, const char **str,
                                  const char *end, int raw, int recurse_lvl, Token *first_token,
                                  Token *t, Token *last_token)
{
    state->fmode = 1;
    for (;;) {
        HLObject *literal = NULL, *expr_text = NULL;
        expr_ty expression = NULL;
        int result = fstring_find_literal_and_expr(p, str, end, raw, recurse_lvl, &literal,
                                                   &expr_text, &expression, first_token, t,
                                                   last_token);
        if (result < 0)
            return -1;
        if (literal && concat_and_del(p, state, literal) < 0) {
            hl_xdecref(expr_text);
            return -1;
        }
        if (expr_text && concat_and_del(p, state, expr_text) < 0)
            return -1;
        if (result == 1)
            continue;
        if (!expression)
            break;
        if (state->last_str) {
            expr_ty last_str = make_str_node_and_del(p, &state->last_str, first_token, last_token);
            if (last_str == NULL || hl_vec_push(p, &state->expr_list, last_str) < 0)
                return -1;
        }
        if (hl_vec_push(p, &state->expr_list, expression) < 0)
            return -1;
    }
    if (recurse_lvl == 0 && *str < end - 1) {
        RAISE_SYNTAX_ERROR("f-string: unexpected end of string");
        return -1;
    }
    if (recurse_lvl != 0 && **str != '}') {
        RAISE_SYNTAX_ERROR("f-string: expecting '}'");
        return -1;
    }
    return 0;
}

static expr_ty fstring_parser_finish(Parser *p, FstringParser *state, Token *first_token,
                                     Token *last_token)
{
    if (!state->fmode) {
        if (state->last_str == NULL)
            state->last_str = hl_str_empty();
        return make_str_node_and_del(p, &state->last_str, first_token, last_token);
    }
    if (state->last_str) {
        expr_ty str = make_str_node_and_del(p, &state->last_str, first_token, last_token);
        if (str == NULL || hl_vec_push(p, &state->expr_list, str) < 0) {
            fstring_parser_dealloc(state);
            return NULL;
        }
    }
    asdl_seq *seq = hl_vec_finish(p, &state->expr_list);
    if (seq == NULL)
        return NULL;
    return hl_ast_JoinedStr(seq, first_token->lineno, first_token->col_offset,
                            last_token->end_lineno, last_token->end_col_offset, p->arena);
}

/* A format spec: an f-string ending at the '}' of its field. */
static expr_ty fstring_parse(Parser *p, const char **str, const char *end, int raw,
                             int recurse_lvl, Token *first_token, Token *t, Token *last_token)
{
    FstringParser state;
    fstring_parser_init(&state);
    if (fstring_concat_fstring(p, &state, str, end, raw, recurse_lvl, first_token, t,
                               last_token) < 0) {
        fstring_parser_dealloc(&state);
        return NULL;
    }
    return fstring_parser_finish(p, &state, t, t);
}

/* ---------------------------------------------------------------------------
 * STRING+ to one node (CPython's _PyPegen_concatenate_strings).
 */
expr_ty hl_concatenate_strings(Parser *p, asdl_seq *strings)
{
    hl_ssize_t len = asdl_seq_LEN(strings);
    Token *first = strings->elements[0];
    Token *last = strings->elements[len - 1];
    int bytesmode = 0;
    FstringParser state;
    fstring_parser_init(&state);
    for (hl_ssize_t i = 0; i < len; i++) {
        Token *t = strings->elements[i];
        int this_bytesmode, this_rawmode;
        HLObject *s;
        const char *fstr;
        size_t fsize = 0;
        if (parsestr(p, &this_bytesmode, &this_rawmode, &s, &fstr, &fsize, t) != 0)
            goto error;
        if (i != 0 && bytesmode != this_bytesmode) {
            RAISE_SYNTAX_ERROR("cannot mix bytes and nonbytes literals");
            hl_xdecref(s);
            goto error;
        }
        bytesmode = this_bytesmode;
        if (fstr != NULL) {
            if (fstring_concat_fstring(p, &state, &fstr, fstr + fsize, this_rawmode, 0, first, t,
                                       last) < 0)
                goto error;
        } else if (!bytesmode) {
            if (concat_and_del(p, &state, s) < 0)
                goto error;
        }
    }
    if (bytesmode) {
        /* CPython makes a bytes Constant; heaplab has no bytes type. */
        fstring_parser_dealloc(&state);
        hl_not_supported(p, "bytes literals", first->lineno, first->col_offset, last->end_lineno,
                         last->end_col_offset);
        return hl_ast_Constant(HL_None, NULL, first->lineno, first->col_offset,
                               last->end_lineno, last->end_col_offset, p->arena);
    }
    return fstring_parser_finish(p, &state, first, last);

error:
    fstring_parser_dealloc(&state);
    if (ERR_OCCURRED(p))
        hl_raise_decode_error(p);
    return NULL;
}
