/*
 * parser_errors.c — how the parser reports syntax errors (CPython's
 * Parser/pegen_errors.c), down to the column.
 *
 * An error has a type, a message and a location: line and 1-based column of
 * its start and end, plus the text of the source line.  Where each comes
 * from is CPython's business and we follow it exactly:
 *
 *   - hl_raise_error (RAISE_SYNTAX_ERROR) puts the error at the last token
 *     the parser read (p->tokens[p->fill-1]); a token without a column
 *     (INDENT, DEDENT, errors) uses the tokenizer's current column instead.
 *   - hl_raise_error_known_location is given the location.  Columns arrive as
 *     byte offsets + 1 and are converted to characters by decoding the text
 *     line up to them — unless the tokenizer has no declared encoding
 *     (a file without BOM or coding cookie, or an f-string sub-parser), in
 *     which case CPython leaves them in bytes.
 *   - The text line: for a file, the line read again from the file;
 *     otherwise, the tokenizer's current buffer if the error is on or after
 *     its line (so it has its newline, and may span the lines of a
 *     multi-line token), else the line taken from the whole source without
 *     its newline.
 *   - Errors inside an f-string expression get the prefix "f-string: " and
 *     columns relative to the "(expression)" text the sub-parser read.
 *
 * hl_set_syntax_error runs after the second parsing pass: it keeps an error
 * already raised, turns an unexpected INDENT/DEDENT into IndentationError,
 * and otherwise reports "invalid syntax" at the last token of the first
 * pass.  Then the rest of the source is tokenized: a tokenizer error there
 * (an unterminated string, an unmatched bracket, an invalid character)
 * replaces a parser error, and so does an unclosed bracket that was opened
 * before the line of the error.
 *
 * The error record itself (hl_syntax_error, parser.h) lives in raw memory,
 * never in Python objects, so reporting an error cannot disturb the heap
 * the program sees.
 */
#include "pegen.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../objects/strobject.h"
#include "../runtime/strbuf.h"
#include "../runtime/sysmem.h"

/* ---------------------------------------------------------------------------
 * The error record.
 */
static char *dup_bytes(const char *s, size_t n)
{
    char *r = hl_raw_malloc(n + 1);
    if (r == NULL)
        return NULL;
    memcpy(r, s, n);
    r[n] = '\0';
    return r;
}

static void free_error_fields(hl_syntax_error *e)
{
    hl_raw_free(e->msg);
    hl_raw_free(e->text);
    e->msg = e->text = NULL;
    e->type = NULL;
    e->has_location = 0;
    e->lineno = e->offset = e->end_lineno = e->end_offset = 0;
}

void hl_syntax_error_clear(hl_syntax_error *e)
{
    free_error_fields(e);
    hl_parse_warning *w = e->warnings;
    while (w) {
        hl_parse_warning *next = w->next;
        hl_raw_free(w->msg);
        hl_raw_free(w);
        w = next;
    }
    e->warnings = NULL;
}

void hl_synerr_nomemory(hl_syntax_error *err)
{
    free_error_fields(err);
    err->type = "MemoryError";
}

void hl_synerr_set(hl_syntax_error *err, const char *type, int has_location, int lineno,
                   int offset, int end_lineno, int end_offset, const char *text,
                   size_t textlen, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = hl_vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    char *msg;
    if (n < 0) {
        msg = dup_bytes("", 0);
    } else if ((size_t)n < sizeof small) {
        msg = dup_bytes(small, (size_t)n);
    } else {
        msg = hl_raw_malloc((size_t)n + 1);
        if (msg != NULL) {
            va_start(ap, fmt);
            hl_vsnprintf(msg, (size_t)n + 1, fmt, ap);
            va_end(ap);
        }
    }
    char *t = NULL;
    if (text != NULL)
        t = dup_bytes(text, textlen);
    if (msg == NULL || (text != NULL && t == NULL)) {
        hl_raw_free(msg);
        hl_raw_free(t);
        hl_synerr_nomemory(err);
        return;
    }
    free_error_fields(err);
    err->type = type;
    err->msg = msg;
    err->text = t;
    err->has_location = has_location;
    err->lineno = lineno;
    err->offset = offset;
    err->end_lineno = end_lineno;
    err->end_offset = end_offset;
}

void hl_synerr_warn(hl_syntax_error *err, const char *category, int lineno, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    hl_vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    hl_parse_warning *w = hl_raw_malloc(sizeof(hl_parse_warning));
    if (w == NULL)
        return; /* a lost warning is harmless */
    w->msg = dup_bytes(msg, strlen(msg));
    if (w->msg == NULL) {
        hl_raw_free(w);
        return;
    }
    w->category = category;
    w->lineno = lineno;
    w->next = NULL;
    hl_parse_warning **pp = &err->warnings;
    while (*pp)
        pp = &(*pp)->next;
    *pp = w;
}

hl_ssize_t hl_utf8_count_chars(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    hl_ssize_t count = 0;
    while (p < end) {
        uint32_t ch;
        const unsigned char *bad_end;
        const char *reason;
        int k = hl_utf8_decode_one(p, end, &ch, &bad_end, &reason);
        /* An invalid sequence is one U+FFFD ("replace"). */
        p = k ? p + k : (bad_end > p ? bad_end : p + 1);
        count++;
    }
    return count;
}

/* ---------------------------------------------------------------------------
 * The text of a source line.
 */

/* Line `lineno` of the whole text the tokenizer read, without its newline
 * (get_error_line_from_tokenizer_buffers). */
static void line_from_buffers(Parser *p, int lineno, const char **line, size_t *len)
{
    hl_tok_state *tok = p->tok;
    const char *cur_line = tok->str;
    int relative_lineno = p->starting_lineno ? lineno - p->starting_lineno + 1 : lineno;
    const char *buf_end = tok->inp;
    for (int i = 0; i < relative_lineno - 1; i++) {
        const char *nl = memchr(cur_line, '\n', (size_t)(tok->bufend - cur_line));
        if (nl == NULL || nl + 1 > buf_end)
            break;
        cur_line = nl + 1;
    }
    const char *nl = strchr(cur_line, '\n');
    if (nl == NULL)
        nl = cur_line + strlen(cur_line);
    *line = cur_line;
    *len = (size_t)(nl - cur_line);
}

/* Line `lineno` of a script file as CPython reads it again to show it: with
 * its newline, and with the BOM on the first line.  0 if there is no such
 * line. */
static int line_from_file(hl_tok_state *tok, int lineno, const char **line, size_t *len)
{
    if (lineno <= 0)
        return 0;
    const char *s = tok->input, *end = tok->bufend;
    for (int i = 1; i < lineno; i++) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        if (nl == NULL)
            return 0;
        s = nl + 1;
    }
    if (s >= end)
        return 0;
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    const char *e = nl ? nl + 1 : end;
    if (e == end && tok->appended_newline)
        e--; /* the file's last line has no newline */
    /* A line with a NUL is cut there (the C string CPython reads). */
    const char *z = memchr(s, '\0', (size_t)(e - s));
    *line = s;
    *len = (size_t)((z ? z : e) - s);
    return 1;
}

/* CPython's _PyPegen_byte_offset_to_character_offset: col is a 1-based
 * byte offset into the line. */
static int byte_offset_to_character_offset(const char *line, size_t len, int col)
{
    if (col < 0)
        return col;
    size_t n = strnlen(line, len);
    if ((size_t)col > n + 1)
        col = (int)(n + 1);
    size_t take = (size_t)col <= n ? (size_t)col : n;
    hl_ssize_t chars = hl_utf8_count_chars(line, take);
    if ((size_t)col > n)
        chars += (hl_ssize_t)((size_t)col - n); /* the NUL after the text counts as one */
    return (int)chars;
}

/* ---------------------------------------------------------------------------
 * Raising.
 */
static void *raise_known_location_v(Parser *p, const char *errtype, int lineno,
                                    int col_offset, int end_lineno, int end_col_offset,
                                    const char *fmt, va_list ap)
{
    hl_tok_state *tok = p->tok;
    p->error_indicator = 1;
    if (end_lineno == CURRENT_POS)
        end_lineno = tok->lineno;
    if (end_col_offset == CURRENT_POS)
        end_col_offset = (int)(tok->cur - tok->line_start);

    char msg[1024];
    int prefix = 0;
    if (p->start_rule == FSTRING_INPUT) {
        strcpy(msg, "f-string: ");
        prefix = (int)strlen(msg);
    }
    hl_vsnprintf(msg + prefix, sizeof msg - (size_t)prefix, fmt, ap);

    const char *line = NULL;
    size_t len = 0;
    int have = 0;
    if (tok->file_input && p->start_rule == HL_MODE_EXEC)
        have = line_from_file(tok, lineno, &line, &len);
    if (!have) {
        if (tok->lineno <= lineno && tok->inp > tok->buf) {
            line = tok->buf;
            len = (size_t)(tok->inp - tok->buf);
        } else if (tok->file_input && p->start_rule == HL_MODE_EXEC) {
            line = "";
            len = 0;
        } else {
            line_from_buffers(p, lineno, &line, &len);
        }
    }

    if (p->start_rule == FSTRING_INPUT) {
        col_offset -= p->starting_col_offset;
        end_col_offset -= p->starting_col_offset;
    }
    int col_number = col_offset, end_col_number = end_col_offset;
    if (tok->char_offsets) {
        col_number = byte_offset_to_character_offset(line, len, col_offset);
        if (end_col_number > 0)
            end_col_number = byte_offset_to_character_offset(line, len, end_col_number);
    }
    hl_synerr_set(p->err, errtype, 1, lineno, col_number, end_lineno, end_col_number, line, len,
                  "%s", msg);
    return NULL;
}

void *hl_raise_error_known_location(Parser *p, const char *errtype, int lineno, int col_offset,
                                    int end_lineno, int end_col_offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    raise_known_location_v(p, errtype, lineno, col_offset, end_lineno, end_col_offset, fmt, ap);
    va_end(ap);
    return NULL;
}

void *hl_raise_error(Parser *p, const char *errtype, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (p->fill == 0) {
        raise_known_location_v(p, errtype, 0, 0, 0, -1, fmt, ap);
        va_end(ap);
        return NULL;
    }
    Token *t = p->known_err_token != NULL ? p->known_err_token : p->tokens[p->fill - 1];
    int col_offset, end_col_offset = -1;
    if (t->col_offset == -1) {
        if (p->tok->cur == p->tok->buf)
            col_offset = 0;
        else
            col_offset = (int)(p->tok->cur - p->tok->line_start);
    } else {
        col_offset = t->col_offset + 1;
    }
    if (t->end_col_offset != -1)
        end_col_offset = t->end_col_offset + 1;
    raise_known_location_v(p, errtype, t->lineno, col_offset, t->end_lineno, end_col_offset, fmt,
                           ap);
    va_end(ap);
    return NULL;
}

static void raise_unclosed_parentheses_error(Parser *p)
{
    hl_tok_state *tok = p->tok;
    int error_lineno = tok->parenlinenostack[tok->level - 1];
    int error_col = tok->parencolstack[tok->level - 1];
    RAISE_ERROR_KNOWN_LOCATION(p, "SyntaxError", error_lineno, error_col, error_lineno, -1,
                               "'%c' was never closed", tok->parenstack[tok->level - 1]);
}

/* The tokenizer stopped with an error code but no message yet. */
int hl_tokenizer_error(Parser *p)
{
    if (ERR_OCCURRED(p))
        return -1;
    const char *msg;
    const char *errtype = "SyntaxError";
    int col_offset = -1;
    switch (p->tok->done) {
    case E_TOKEN:
        msg = "invalid token";
        break;
    case E_EOF:
        if (p->tok->level)
            raise_unclosed_parentheses_error(p);
        else
            RAISE_SYNTAX_ERROR("unexpected EOF while parsing");
        return -1;
    case E_DEDENT:
        RAISE_INDENTATION_ERROR("unindent does not match any outer indentation level");
        return -1;
    case E_NOMEM:
        hl_set_memory_error(p);
        return -1;
    case E_TABSPACE:
        errtype = "TabError";
        msg = "inconsistent use of tabs and spaces in indentation";
        break;
    case E_TOODEEP:
        errtype = "IndentationError";
        msg = "too many levels of indentation";
        break;
    case E_LINECONT:
        col_offset = (int)(p->tok->cur - p->tok->buf - 1);
        msg = "unexpected character after line continuation character";
        break;
    default:
        msg = "unknown parsing error";
    }
    RAISE_ERROR_KNOWN_LOCATION(p, errtype, p->tok->lineno, col_offset >= 0 ? col_offset : 0,
                               p->tok->lineno, -1, "%s", msg);
    return -1;
}

/* A decoding error (UnicodeDecodeError from a literal or a name) becomes
 * the SyntaxError "(unicode error) ..." at the last token read. */
int hl_raise_decode_error(Parser *p)
{
    const char *t = p->err->type;
    const char *errtype = NULL;
    if (t != NULL && (strcmp(t, "UnicodeDecodeError") == 0 || strcmp(t, "UnicodeError") == 0))
        errtype = "unicode error";
    else if (t != NULL && strcmp(t, "ValueError") == 0)
        errtype = "value error";
    if (errtype) {
        char *m = p->err->msg;
        p->err->msg = NULL;
        free_error_fields(p->err);
        RAISE_SYNTAX_ERROR("(%s) %s", errtype, m ? m : "");
        hl_raw_free(m);
    }
    p->error_indicator = 1;
    return -1;
}

void hl_tokenize_full_source_to_check_for_errors(Parser *p)
{
    /* Set the current error aside; a tokenizer error found in the rest of
     * the source replaces it. */
    hl_syntax_error saved = *p->err;
    p->err->type = NULL;
    p->err->msg = p->err->text = NULL;
    Token *current_token = p->known_err_token != NULL ? p->known_err_token : p->tokens[p->fill - 1];
    int current_err_line = current_token->lineno;
    const char *start, *end;
    for (;;) {
        int type = hl_tok_get(p->tok, &start, &end);
        if (type == ERRORTOKEN) {
            if (ERR_OCCURRED(p))
                break;
            if (p->tok->level != 0) {
                int error_lineno = p->tok->parenlinenostack[p->tok->level - 1];
                if (current_err_line > error_lineno)
                    raise_unclosed_parentheses_error(p);
            }
            break;
        }
        if (type == ENDMARKER)
            break;
    }
    if (ERR_OCCURRED(p)) {
        hl_raw_free(saved.msg);
        hl_raw_free(saved.text);
    } else {
        saved.warnings = p->err->warnings;
        *p->err = saved;
    }
}

void hl_set_syntax_error(Parser *p, Token *last_token)
{
    if (ERR_OCCURRED(p)) {
        /* Tokenizer errors further on take priority over parser errors. */
        int is_tok_ok = p->tok->done == E_DONE || p->tok->done == E_OK;
        const char *t = p->err->type;
        int is_syntax = strcmp(t, "SyntaxError") == 0 || strcmp(t, "IndentationError") == 0 ||
                        strcmp(t, "TabError") == 0;
        if (is_tok_ok && is_syntax)
            hl_tokenize_full_source_to_check_for_errors(p);
        return;
    }
    if (p->fill == 0)
        RAISE_SYNTAX_ERROR("error at start before reading any input");
    if (last_token->type == ERRORTOKEN && p->tok->done == E_EOF) {
        if (p->tok->level)
            raise_unclosed_parentheses_error(p);
        else
            RAISE_SYNTAX_ERROR("unexpected EOF while parsing");
        return;
    }
    if (last_token->type == INDENT || last_token->type == DEDENT) {
        RAISE_INDENTATION_ERROR(last_token->type == INDENT ? "unexpected indent"
                                                           : "unexpected unindent");
        return;
    }
    RAISE_SYNTAX_ERROR_KNOWN_LOCATION(last_token, "invalid syntax");
    hl_tokenize_full_source_to_check_for_errors(p);
}
