/*
 * tokenizer.c — CPython 3.11's tokenizer, token for token and error for
 * error.
 *
 * The source is held in one buffer (newlines translated to \n, a final
 * newline appended for "exec" input, as CPython's translate_newlines does)
 * and read one line at a time: `inp` marks the end of what has been read,
 * `cur` the next character.  hl_tok_get reads one token:
 *
 *   - At the beginning of a line it measures the indentation twice, with
 *     tabs to the next multiple of 8 (col) and tabs as 1 (altcol).  Blank
 *     and comment-only lines are skipped; inside brackets indentation is
 *     ignored.  A deeper col pushes onto the indentation stack and owes one
 *     INDENT; a shallower one pops and owes DEDENTs, and must land exactly on
 *     an enclosing level ("unindent does not match any outer indentation
 *     level").  If comparing col and comparing altcol disagree, the tabs and
 *     spaces are inconsistent: TabError.
 *   - Then it skips spaces and a comment and classifies the first
 *     character: identifier (or string prefix r, b, u, f in any case and
 *     legal combination), newline (a NEWLINE token only outside brackets),
 *     number (decimal, 0x, 0o, 0b, underscores between digits, fraction,
 *     exponent, j suffix; a number running into a letter is "invalid
 *     decimal literal", or a SyntaxWarning before a keyword such as `1if`),
 *     string (quote size 1 or 3; backslash escapes the next character; end of
 *     line or of file before the closing quote is "unterminated string
 *     literal (detected at line N)"), backslash continuation, and operators
 *     (longest match among the 1-, 2- and 3-character ones).  Brackets are
 *     pushed and popped on a stack of at most 200, which gives "unmatched
 *     ')'", "closing parenthesis ']' does not match opening parenthesis '('"
 *     and, at the end of the input, "'(' was never closed".
 *   - Identifiers with non-ASCII characters are decoded and checked against
 *     XID_Start / XID_Continue (unicodectype.h), giving "invalid character
 *     '€' (U+20AC)".
 *
 * Errors are reported like CPython's tokenizer reports them: some at once
 * (syntaxerror(): message, line, column counted in characters), others only
 * as an error code in tok->done that the parser turns into a message
 * (E_EOF, E_DEDENT, E_TABSPACE, E_TOODEEP, E_LINECONT).  Which of the two a
 * given error is matters, because the parser reports a later tokenizer error
 * instead of "invalid syntax" only for the first kind.
 *
 * Tokens are not copied: a token is a pair of pointers into the buffer.
 */
#include "tokenizer.h"

#include <stdarg.h>
#include <string.h>

#include "../objects/strobject.h"
#include "../objects/unicodectype.h"
#include "../runtime/strbuf.h"
#include "../runtime/sysmem.h"

#define TABSIZE 8
#define ALTTABSIZE 1

#define is_potential_identifier_start(c)                                       \
    (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z') || (c) == '_' || (c) >= 128)
#define is_potential_identifier_char(c)                                        \
    (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z') ||                \
     ((c) >= '0' && (c) <= '9') || (c) == '_' || (c) >= 128)
#define is_digit(c) ((c) >= '0' && (c) <= '9')
#define is_xdigit(c)                                                           \
    (is_digit(c) || ((c) >= 'a' && (c) <= 'f') || ((c) >= 'A' && (c) <= 'F'))

/* ---------------------------------------------------------------------------
 * Set-up.
 */
int hl_tok_init(hl_tok_state *tok, const char *src, size_t len, int exec_input,
                int file_input, hl_syntax_error *err)
{
    memset(tok, 0, sizeof(*tok));
    tok->err = err;
    tok->done = E_OK;
    tok->atbol = 1;
    tok->file_input = file_input;
    tok->char_offsets = 1;
    char *buf = hl_raw_malloc(len + 2);
    if (buf == NULL) {
        hl_synerr_nomemory(err);
        return -1;
    }
    /* translate_newlines: \r\n and \r become \n.  In "string" input the
     * text ends at a NUL (the caller rejected NULs already); a file keeps
     * them, and the line reader reports them. */
    char *out = buf;
    char last = '\0';
    for (size_t i = 0; i < len; i++) {
        char c = src[i];
        if (c == '\r') {
            c = '\n';
            if (i + 1 < len && src[i + 1] == '\n')
                i++;
        }
        *out++ = c;
        last = c;
    }
    if (exec_input && last != '\n') {
        *out++ = '\n';
        tok->appended_newline = 1;
    }
    *out = '\0';
    tok->input = buf;
    tok->str = buf;
    tok->bufend = out;
    if (file_input) {
        /* CPython decodes files itself: a UTF-8 BOM is dropped (but stays in
         * the lines error messages re-read from the file) and makes parser
         * error columns count characters, as a coding cookie in the first
         * two lines does; otherwise they count bytes. */
        tok->char_offsets = 0;
        if (out - buf >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
            tok->str = buf + 3;
            tok->char_offsets = 1;
        }
        const char *p = tok->str;
        for (int line = 0; line < 2 && p < out; line++) {
            const char *e = memchr(p, '\n', (size_t)(out - p));
            if (e == NULL)
                e = out;
            const char *q = p;
            while (q < e && (*q == ' ' || *q == '\t' || *q == '\f'))
                q++;
            if (q < e && *q == '#') {
                for (const char *s = q; s + 6 < e; s++) {
                    if (memcmp(s, "coding", 6) == 0 && (s[6] == ':' || s[6] == '=')) {
                        tok->char_offsets = 1;
                        break;
                    }
                }
            } else if (q < e) {
                break; /* code: later lines cannot declare an encoding */
            }
            p = e + 1;
        }
    }
    tok->cur = tok->inp = tok->buf = tok->line_start = tok->str;
    return 0;
}

void hl_tok_fini(hl_tok_state *tok)
{
    hl_raw_free(tok->input);
    tok->input = NULL;
}

/* ---------------------------------------------------------------------------
 * Errors raised by the tokenizer itself (CPython's syntaxerror()).  The
 * column is the number of characters from the start of the line to cur,
 * used as the 1-based offset of the character just read; the text is the
 * current line without its newline.
 */
static int syntaxerror_range(hl_tok_state *tok, int col_offset, int end_col_offset,
                             const char *fmt, va_list ap)
{
    char msg[512];
    hl_vsnprintf(msg, sizeof msg, fmt, ap);
    if (col_offset == -1)
        col_offset = (int)hl_utf8_count_chars(tok->line_start, (size_t)(tok->cur - tok->line_start));
    if (end_col_offset == -1)
        end_col_offset = col_offset;
    size_t line_len = strcspn(tok->line_start, "\n");
    hl_synerr_set(tok->err, "SyntaxError", 1, tok->lineno, col_offset, tok->lineno,
                  end_col_offset, tok->line_start, line_len, "%s", msg);
    tok->done = E_ERROR;
    return ERRORTOKEN;
}

static int HL_PRINTF(2, 3) syntaxerror(hl_tok_state *tok, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = syntaxerror_range(tok, -1, -1, fmt, ap);
    va_end(ap);
    return r;
}

static int HL_PRINTF(4, 5)
    syntaxerror_known_range(hl_tok_state *tok, int col_offset, int end_col_offset,
                            const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = syntaxerror_range(tok, col_offset, end_col_offset, fmt, ap);
    va_end(ap);
    return r;
}

static int indenterror(hl_tok_state *tok)
{
    tok->done = E_TABSPACE;
    tok->cur = tok->inp;
    return ERRORTOKEN;
}

/* CPython's parser_warn: warnings are collected for the caller. */
static void parser_warn(hl_tok_state *tok, const char *category, const char *msg)
{
    hl_synerr_warn(tok->err, category, tok->lineno, "%s", msg);
}

/* ---------------------------------------------------------------------------
 * Reading characters.
 */

/* The lenient UTF-8 check of CPython's file reader (valid_utf8). */
static int valid_utf8(const unsigned char *s, const unsigned char *end)
{
    int expected;
    if (*s < 0x80)
        return 1;
    if (*s < 0xC0)
        return 0;
    if (*s < 0xE0)
        expected = 1;
    else if (*s < 0xF0)
        expected = 2;
    else if (*s < 0xF8)
        expected = 3;
    else
        return 0;
    if (end - s <= expected)
        return 0;
    for (int i = 1; i <= expected; i++)
        if (s[i] < 0x80 || s[i] >= 0xC0)
            return 0;
    return expected + 1;
}

/* Reads the next line: moves inp to just past its newline.  Returns 0 at
 * the end of the input (tok->done = E_EOF) or when the line is rejected. */
static int tok_underflow(hl_tok_state *tok)
{
    char *end = memchr(tok->inp, '\n', (size_t)(tok->bufend - tok->inp));
    if (end != NULL) {
        end++;
    } else {
        end = tok->bufend;
        if (end == tok->inp) {
            tok->done = E_EOF;
            return 0;
        }
    }
    tok->lineno++;
    /* The buffer restarts only between tokens: a multi-line token (a
     * triple-quoted string) keeps the lines it spans, which shows in the
     * text of some error messages. */
    if (tok->start == NULL)
        tok->buf = tok->cur;
    tok->line_start = tok->cur;
    tok->inp = end;
    if (tok->file_input) {
        if (!tok->char_offsets) {
            /* ensure_utf8, only when no encoding was declared; like CPython's
             * it stops at a NUL byte, which is reported next. */
            for (const unsigned char *s = (const unsigned char *)tok->line_start;
                 s < (const unsigned char *)end && *s != 0;) {
                int k = valid_utf8(s, (const unsigned char *)end);
                if (k == 0) {
                    hl_synerr_set(tok->err, "SyntaxError", 0, 0, 0, 0, 0, NULL, 0,
                                  "Non-UTF-8 code starting with '\\x%.2x' in file %s on line "
                                  "%d, but no encoding declared; see "
                                  "https://peps.python.org/pep-0263/ for details",
                                  *s, tok->filename ? tok->filename : "<unknown>",
                                  tok->lineno);
                    tok->decoding_erred = 1;
                    tok->done = E_DECODE;
                    tok->cur = tok->inp;
                    return 0;
                }
                s += k;
            }
        }
        if (memchr(tok->line_start, '\0', (size_t)(end - tok->line_start)) != NULL) {
            syntaxerror(tok, "source code cannot contain null bytes");
            tok->cur = tok->inp;
            return 0;
        }
    }
    return 1;
}

static int tok_nextc(hl_tok_state *tok)
{
    for (;;) {
        if (tok->cur != tok->inp)
            return (unsigned char)*tok->cur++;
        if (tok->done != E_OK)
            return HL_TOK_EOF;
        if (!tok_underflow(tok)) {
            tok->cur = tok->inp;
            return HL_TOK_EOF;
        }
        tok->line_start = tok->cur;
    }
}

static void tok_backup(hl_tok_state *tok, int c)
{
    if (c != HL_TOK_EOF && tok->cur > tok->str)
        tok->cur--;
}

static int tok_continuation_line(hl_tok_state *tok)
{
    int c = tok_nextc(tok);
    if (c != '\n') {
        tok->done = E_LINECONT;
        return -1;
    }
    c = tok_nextc(tok);
    if (c == HL_TOK_EOF) {
        tok->done = E_EOF;
        tok->cur = tok->inp;
        return -1;
    }
    tok_backup(tok, c);
    return c;
}

/* ---------------------------------------------------------------------------
 * Identifiers.
 */
void hl_utf8_encode(uint32_t ch, char *b)
{
    if (ch < 0x80) {
        b[0] = (char)ch;
        b[1] = 0;
    } else if (ch < 0x800) {
        b[0] = (char)(0xC0 | (ch >> 6));
        b[1] = (char)(0x80 | (ch & 0x3F));
        b[2] = 0;
    } else if (ch < 0x10000) {
        b[0] = (char)(0xE0 | (ch >> 12));
        b[1] = (char)(0x80 | ((ch >> 6) & 0x3F));
        b[2] = (char)(0x80 | (ch & 0x3F));
        b[3] = 0;
    } else {
        b[0] = (char)(0xF0 | (ch >> 18));
        b[1] = (char)(0x80 | ((ch >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((ch >> 6) & 0x3F));
        b[3] = (char)(0x80 | (ch & 0x3F));
        b[4] = 0;
    }
}

/* CPython's verify_identifier: the name in [start, cur) must decode as
 * UTF-8 and be XID_Start (or '_') followed by XID_Continue characters.  On
 * an invalid character, cur is moved just past it and the error names it. */
static int verify_identifier(hl_tok_state *tok)
{
    if (tok->decoding_erred)
        return 0;
    const unsigned char *p = (const unsigned char *)tok->start;
    const unsigned char *end = (const unsigned char *)tok->cur;
    hl_ssize_t i = 0;
    while (p < end) {
        uint32_t ch;
        const unsigned char *bad_end;
        const char *reason;
        int k = hl_utf8_decode_one(p, end, &ch, &bad_end, &reason);
        if (k == 0) {
            /* UnicodeDecodeError: the parser reports it as "(unicode error) ..." */
            hl_ssize_t pos = (const char *)p - tok->start;
            hl_ssize_t stop = (const char *)bad_end - tok->start;
            if (stop - pos <= 1)
                hl_synerr_set(tok->err, "UnicodeDecodeError", 0, 0, 0, 0, 0, NULL, 0,
                              "'utf-8' codec can't decode byte 0x%02x in position %d: %s",
                              *p, (int)pos, reason);
            else
                hl_synerr_set(tok->err, "UnicodeDecodeError", 0, 0, 0, 0, 0, NULL, 0,
                              "'utf-8' codec can't decode bytes in position %d-%d: %s",
                              (int)pos, (int)stop - 1, reason);
            tok->done = E_DECODE;
            return 0;
        }
        int ok = (i == 0) ? (hl_unicode_isxidstart(ch) || ch == '_') : hl_unicode_isxidcontinue(ch);
        if (!ok) {
            if (p + k < end)
                tok->cur = (char *)(p + k);
            char enc[8], hex[16];
            hl_utf8_encode(ch, enc);
            hl_snprintf(hex, sizeof hex, "%04X", (unsigned)ch);
            if (hl_unicode_isprintable(ch))
                syntaxerror(tok, "invalid character '%s' (U+%s)", enc, hex);
            else
                syntaxerror(tok, "invalid non-printable character U+%s", hex);
            return 0;
        }
        p += k;
        i++;
    }
    return 1;
}

/* ---------------------------------------------------------------------------
 * Numbers.
 */

/* Reads the digits after a numeric literal's first part, allowing single
 * underscores between digits.  Returns the first character after them, or
 * 0 after reporting "invalid decimal literal". */
static int tok_decimal_tail(hl_tok_state *tok)
{
    int c;
    for (;;) {
        do {
            c = tok_nextc(tok);
        } while (is_digit(c));
        if (c != '_')
            break;
        c = tok_nextc(tok);
        if (!is_digit(c)) {
            tok_backup(tok, c);
            syntaxerror(tok, "invalid decimal literal");
            return 0;
        }
    }
    return c;
}

/* Whether the next characters are `test` followed by a non-identifier
 * character; consumes nothing. */
static int lookahead(hl_tok_state *tok, const char *test)
{
    const char *s = test;
    int res = 0;
    for (;;) {
        int c = tok_nextc(tok);
        if (*s == 0) {
            res = !is_potential_identifier_char(c);
        } else if (c == (unsigned char)*s) {
            s++;
            continue;
        }
        tok_backup(tok, c);
        while (s != test) {
            --s;
            tok_backup(tok, (unsigned char)*s);
        }
        return res;
    }
}

/* A number must not run into an identifier character.  Right before one of
 * the keywords that can follow a number in valid code (and, else, for, if,
 * in, is, not, or) it is only a SyntaxWarning, as in 3.11. */
static int verify_end_of_number(hl_tok_state *tok, int c, const char *kind)
{
    int r = 0;
    if (c == 'a') {
        r = lookahead(tok, "nd");
    } else if (c == 'e') {
        r = lookahead(tok, "lse");
    } else if (c == 'f') {
        r = lookahead(tok, "or");
    } else if (c == 'i') {
        int c2 = tok_nextc(tok);
        if (c2 == 'f' || c2 == 'n' || c2 == 's')
            r = 1;
        tok_backup(tok, c2);
    } else if (c == 'o') {
        r = lookahead(tok, "r");
    } else if (c == 'n') {
        r = lookahead(tok, "ot");
    }
    if (r) {
        tok_backup(tok, c);
        char msg[64];
        hl_snprintf(msg, sizeof msg, "invalid %s literal", kind);
        parser_warn(tok, "SyntaxWarning", msg);
        tok_nextc(tok);
    } else if (c < 128 && is_potential_identifier_char(c)) {
        /* (A non-ASCII character after a number is left to the parser:
         * `2Δ` is "invalid syntax" in 3.11.7.) */
        tok_backup(tok, c);
        syntaxerror(tok, "invalid %s literal", kind);
        return 0;
    }
    return 1;
}

/* The radix part of 0x / 0o / 0b literals: digits of the radix with single
 * underscores between them. */
static int tok_radix_number(hl_tok_state *tok, int radix, const char *kind)
{
    int c = tok_nextc(tok);
    do {
        if (c == '_')
            c = tok_nextc(tok);
        int ok = radix == 16 ? is_xdigit(c) : radix == 8 ? (c >= '0' && c < '8') : (c == '0' || c == '1');
        if (!ok) {
            if (radix != 16 && is_digit(c))
                return syntaxerror(tok, "invalid digit '%c' in %s literal", c, kind);
            tok_backup(tok, c);
            return syntaxerror(tok, "invalid %s literal", kind);
        }
        do {
            c = tok_nextc(tok);
        } while (radix == 16 ? is_xdigit(c) : radix == 8 ? (c >= '0' && c < '8') : (c == '0' || c == '1'));
    } while (c == '_');
    if (radix != 16 && is_digit(c))
        return syntaxerror(tok, "invalid digit '%c' in %s literal", c, kind);
    if (!verify_end_of_number(tok, c, kind))
        return ERRORTOKEN;
    tok_backup(tok, c);
    return NUMBER;
}

/* A decimal number after its integer part; c is the character after it.
 * Handles the fraction (entered at `fraction` with c the first character
 * after the dot), the exponent and the imaginary suffix. */
enum { AT_INTEGER, AT_FRACTION, AT_EXPONENT, AT_IMAGINARY };

static int tok_decimal_rest(hl_tok_state *tok, int c, int where)
{
    if (where == AT_INTEGER && c == '.') {
        c = tok_nextc(tok);
        where = AT_FRACTION;
    }
    if (where == AT_FRACTION) {
        if (is_digit(c)) {
            c = tok_decimal_tail(tok);
            if (c == 0)
                return ERRORTOKEN;
        }
    }
    if (where == AT_EXPONENT || (where != AT_IMAGINARY && (c == 'e' || c == 'E'))) {
        int e = c;
        c = tok_nextc(tok);
        if (c == '+' || c == '-') {
            c = tok_nextc(tok);
            if (!is_digit(c)) {
                tok_backup(tok, c);
                return syntaxerror(tok, "invalid decimal literal");
            }
        } else if (!is_digit(c)) {
            tok_backup(tok, c);
            if (!verify_end_of_number(tok, e, "decimal"))
                return ERRORTOKEN;
            tok_backup(tok, e);
            return NUMBER;
        }
        c = tok_decimal_tail(tok);
        if (c == 0)
            return ERRORTOKEN;
    }
    if (where == AT_IMAGINARY || c == 'j' || c == 'J') {
        c = tok_nextc(tok);
        if (!verify_end_of_number(tok, c, "imaginary"))
            return ERRORTOKEN;
    } else if (!verify_end_of_number(tok, c, "decimal")) {
        return ERRORTOKEN;
    }
    tok_backup(tok, c);
    return NUMBER;
}

static int tok_number(hl_tok_state *tok, int c)
{
    if (c != '0') {
        c = tok_decimal_tail(tok);
        if (c == 0)
            return ERRORTOKEN;
        return tok_decimal_rest(tok, c, AT_INTEGER);
    }
    c = tok_nextc(tok);
    if (c == 'x' || c == 'X')
        return tok_radix_number(tok, 16, "hexadecimal");
    if (c == 'o' || c == 'O')
        return tok_radix_number(tok, 8, "octal");
    if (c == 'b' || c == 'B')
        return tok_radix_number(tok, 2, "binary");
    /* Zeros, maybe an old-style octal (now an error), maybe a float. */
    int nonzero = 0;
    for (;;) {
        if (c == '_') {
            c = tok_nextc(tok);
            if (!is_digit(c)) {
                tok_backup(tok, c);
                return syntaxerror(tok, "invalid decimal literal");
            }
        }
        if (c != '0')
            break;
        c = tok_nextc(tok);
    }
    char *zeros_end = tok->cur;
    if (is_digit(c)) {
        nonzero = 1;
        c = tok_decimal_tail(tok);
        if (c == 0)
            return ERRORTOKEN;
    }
    if (c == '.') {
        c = tok_nextc(tok);
        return tok_decimal_rest(tok, c, AT_FRACTION);
    }
    if (c == 'e' || c == 'E')
        return tok_decimal_rest(tok, c, AT_EXPONENT);
    if (c == 'j' || c == 'J')
        return tok_decimal_rest(tok, c, AT_IMAGINARY);
    if (nonzero) {
        tok_backup(tok, c);
        return syntaxerror_known_range(
            tok, (int)(tok->start + 1 - tok->line_start), (int)(zeros_end - tok->line_start),
            "leading zeros in decimal integer literals are not permitted; "
            "use an 0o prefix for octal integers");
    }
    if (!verify_end_of_number(tok, c, "decimal"))
        return ERRORTOKEN;
    tok_backup(tok, c);
    return NUMBER;
}

/* ---------------------------------------------------------------------------
 * Operators (CPython's PyToken_OneChar / TwoChars / ThreeChars).
 */
static int one_char(int c)
{
    switch (c) {
    case '%': return PERCENT;
    case '&': return AMPER;
    case '(': return LPAR;
    case ')': return RPAR;
    case '*': return STAR;
    case '+': return PLUS;
    case ',': return COMMA;
    case '-': return MINUS;
    case '.': return DOT;
    case '/': return SLASH;
    case ':': return COLON;
    case ';': return SEMI;
    case '<': return LESS;
    case '=': return EQUAL;
    case '>': return GREATER;
    case '@': return AT;
    case '[': return LSQB;
    case ']': return RSQB;
    case '^': return CIRCUMFLEX;
    case '{': return LBRACE;
    case '|': return VBAR;
    case '}': return RBRACE;
    case '~': return TILDE;
    }
    return OP;
}

static int two_chars(int c1, int c2)
{
    switch (c1) {
    case '!': if (c2 == '=') return NOTEQUAL; break;
    case '%': if (c2 == '=') return PERCENTEQUAL; break;
    case '&': if (c2 == '=') return AMPEREQUAL; break;
    case '*': if (c2 == '*') return DOUBLESTAR; if (c2 == '=') return STAREQUAL; break;
    case '+': if (c2 == '=') return PLUSEQUAL; break;
    case '-': if (c2 == '=') return MINEQUAL; if (c2 == '>') return RARROW; break;
    case '/': if (c2 == '/') return DOUBLESLASH; if (c2 == '=') return SLASHEQUAL; break;
    case ':': if (c2 == '=') return COLONEQUAL; break;
    case '<':
        if (c2 == '<') return LEFTSHIFT;
        if (c2 == '=') return LESSEQUAL;
        if (c2 == '>') return NOTEQUAL; /* rejected by the parser, as in CPython */
        break;
    case '=': if (c2 == '=') return EQEQUAL; break;
    case '>': if (c2 == '=') return GREATEREQUAL; if (c2 == '>') return RIGHTSHIFT; break;
    case '@': if (c2 == '=') return ATEQUAL; break;
    case '^': if (c2 == '=') return CIRCUMFLEXEQUAL; break;
    case '|': if (c2 == '=') return VBAREQUAL; break;
    }
    return OP;
}

static int three_chars(int c1, int c2, int c3)
{
    if (c3 != '=' && !(c1 == '.' && c2 == '.' && c3 == '.'))
        return OP;
    if (c1 == '*' && c2 == '*') return DOUBLESTAREQUAL;
    if (c1 == '.' && c2 == '.') return ELLIPSIS;
    if (c1 == '/' && c2 == '/') return DOUBLESLASHEQUAL;
    if (c1 == '<' && c2 == '<') return LEFTSHIFTEQUAL;
    if (c1 == '>' && c2 == '>') return RIGHTSHIFTEQUAL;
    return OP;
}

/* ---------------------------------------------------------------------------
 * Strings: the token is the whole literal with its prefix and quotes; the
 * parser decodes it (parser_string.c).
 */
static int tok_string(hl_tok_state *tok, int quote)
{
    int quote_size = 1, end_quote_size = 0;
    /* A string's token starts on its first line even if it spans several. */
    tok->first_lineno = tok->lineno;
    tok->multi_line_start = tok->line_start;
    int c = tok_nextc(tok);
    if (c == quote) {
        c = tok_nextc(tok);
        if (c == quote)
            quote_size = 3;
        else
            end_quote_size = 1; /* empty string */
    }
    if (c != quote)
        tok_backup(tok, c);
    while (end_quote_size != quote_size) {
        c = tok_nextc(tok);
        if (tok->done == E_DECODE)
            return ERRORTOKEN;
        if (c == HL_TOK_EOF || (quote_size == 1 && c == '\n')) {
            /* Report from the opening quote, on the line it is on. */
            tok->cur = tok->start + 1;
            tok->line_start = tok->multi_line_start;
            int detected = tok->lineno;
            tok->lineno = tok->first_lineno;
            if (quote_size == 3) {
                syntaxerror(tok, "unterminated triple-quoted string literal (detected at line %d)",
                            detected);
                if (c != '\n')
                    tok->done = E_EOFS;
            } else {
                syntaxerror(tok, "unterminated string literal (detected at line %d)", detected);
                if (c != '\n')
                    tok->done = E_EOLS;
            }
            return ERRORTOKEN;
        }
        if (c == quote) {
            end_quote_size++;
        } else {
            end_quote_size = 0;
            if (c == '\\')
                tok_nextc(tok); /* skip the escaped character */
        }
    }
    return STRING;
}

/* ---------------------------------------------------------------------------
 * The tokenizer proper (CPython's tok_get).
 */
static int tok_indentation(hl_tok_state *tok, int *blankline)
{
    int col = 0, altcol = 0, cont_line_col = 0, c;
    tok->atbol = 0;
    for (;;) {
        c = tok_nextc(tok);
        if (c == ' ') {
            col++, altcol++;
        } else if (c == '\t') {
            col = (col / TABSIZE + 1) * TABSIZE;
            altcol = (altcol / ALTTABSIZE + 1) * ALTTABSIZE;
        } else if (c == '\014') {
            col = altcol = 0; /* form feed */
        } else if (c == '\\') {
            /* Indentation cannot be split over lines with a backslash: the
             * first backslash fixes the level. */
            cont_line_col = cont_line_col ? cont_line_col : col;
            if ((c = tok_continuation_line(tok)) == -1)
                return ERRORTOKEN;
        } else {
            break;
        }
    }
    tok_backup(tok, c);
    if (c == '#' || c == '\n')
        *blankline = 1; /* comment or whitespace only: no effect */
    if (!*blankline && tok->level == 0) {
        col = cont_line_col ? cont_line_col : col;
        altcol = cont_line_col ? cont_line_col : altcol;
        if (col == tok->indstack[tok->indent]) {
            if (altcol != tok->altindstack[tok->indent])
                return indenterror(tok);
        } else if (col > tok->indstack[tok->indent]) {
            if (tok->indent + 1 >= HL_TOK_MAXINDENT) {
                tok->done = E_TOODEEP;
                tok->cur = tok->inp;
                return ERRORTOKEN;
            }
            if (altcol <= tok->altindstack[tok->indent])
                return indenterror(tok);
            tok->pendin++;
            tok->indstack[++tok->indent] = col;
            tok->altindstack[tok->indent] = altcol;
        } else {
            while (tok->indent > 0 && col < tok->indstack[tok->indent]) {
                tok->pendin--;
                tok->indent--;
            }
            if (col != tok->indstack[tok->indent]) {
                tok->done = E_DEDENT;
                tok->cur = tok->inp;
                return ERRORTOKEN;
            }
            if (altcol != tok->altindstack[tok->indent])
                return indenterror(tok);
        }
    }
    return 0;
}

static int tok_get(hl_tok_state *tok, const char **p_start, const char **p_end)
{
    int c, blankline;
    *p_start = *p_end = NULL;
nextline:
    tok->start = NULL;
    blankline = 0;
    if (tok->atbol) {
        int r = tok_indentation(tok, &blankline);
        if (r == ERRORTOKEN)
            return ERRORTOKEN;
    }
    tok->start = tok->cur;
    if (tok->pendin != 0) {
        if (tok->pendin < 0) {
            tok->pendin++;
            return DEDENT;
        }
        tok->pendin--;
        return INDENT;
    }
again:
    tok->start = NULL;
    do {
        c = tok_nextc(tok);
    } while (c == ' ' || c == '\t' || c == '\014');
    tok->start = tok->cur == NULL ? NULL : tok->cur - 1;
    if (c == '#') {
        while (c != HL_TOK_EOF && c != '\n')
            c = tok_nextc(tok);
    }
    if (c == HL_TOK_EOF) {
        if (tok->level)
            return ERRORTOKEN;
        return tok->done == E_EOF ? ENDMARKER : ERRORTOKEN;
    }

    /* Identifier, keyword, or string prefix. */
    if (is_potential_identifier_start(c)) {
        int saw_b = 0, saw_r = 0, saw_u = 0, saw_f = 0;
        for (;;) {
            if (!(saw_b || saw_u || saw_f) && (c == 'b' || c == 'B'))
                saw_b = 1;
            else if (!(saw_b || saw_u || saw_r || saw_f) && (c == 'u' || c == 'U'))
                saw_u = 1;
            else if (!(saw_r || saw_u) && (c == 'r' || c == 'R'))
                saw_r = 1;
            else if (!(saw_f || saw_b || saw_u) && (c == 'f' || c == 'F'))
                saw_f = 1;
            else
                break;
            c = tok_nextc(tok);
            if (c == '"' || c == '\'') {
                int t = tok_string(tok, c);
                if (t == STRING) {
                    *p_start = tok->start;
                    *p_end = tok->cur;
                }
                return t;
            }
        }
        int nonascii = 0;
        while (is_potential_identifier_char(c)) {
            if (c >= 128)
                nonascii = 1;
            c = tok_nextc(tok);
        }
        tok_backup(tok, c);
        if (nonascii && !verify_identifier(tok))
            return ERRORTOKEN;
        *p_start = tok->start;
        *p_end = tok->cur;
        if (tok->cur - tok->start == 5) {
            if (memcmp(tok->start, "async", 5) == 0)
                return ASYNC;
            if (memcmp(tok->start, "await", 5) == 0)
                return AWAIT;
        }
        return NAME;
    }

    if (c == '\n') {
        tok->atbol = 1;
        if (blankline || tok->level > 0)
            goto nextline;
        *p_start = tok->start;
        *p_end = tok->cur - 1; /* the \n is not part of the token */
        tok->cont_line = 0;
        return NEWLINE;
    }

    /* A period, an ellipsis, or a number starting with a period. */
    if (c == '.') {
        c = tok_nextc(tok);
        if (is_digit(c)) {
            int t = tok_decimal_rest(tok, c, AT_FRACTION);
            if (t == NUMBER) {
                *p_start = tok->start;
                *p_end = tok->cur;
            }
            return t;
        } else if (c == '.') {
            c = tok_nextc(tok);
            if (c == '.') {
                *p_start = tok->start;
                *p_end = tok->cur;
                return ELLIPSIS;
            }
            tok_backup(tok, c);
            tok_backup(tok, '.');
        } else {
            tok_backup(tok, c);
        }
        *p_start = tok->start;
        *p_end = tok->cur;
        return DOT;
    }

    if (is_digit(c)) {
        int t = tok_number(tok, c);
        if (t == NUMBER) {
            *p_start = tok->start;
            *p_end = tok->cur;
        }
        return t;
    }

    if (c == '\'' || c == '"') {
        int t = tok_string(tok, c);
        if (t == STRING) {
            *p_start = tok->start;
            *p_end = tok->cur;
        }
        return t;
    }

    if (c == '\\') {
        if ((c = tok_continuation_line(tok)) == -1)
            return ERRORTOKEN;
        tok->cont_line = 1;
        goto again;
    }

    /* Two- and three-character operators. */
    {
        int c2 = tok_nextc(tok);
        int token = two_chars(c, c2);
        if (token != OP) {
            int c3 = tok_nextc(tok);
            int token3 = three_chars(c, c2, c3);
            if (token3 != OP)
                token = token3;
            else
                tok_backup(tok, c3);
            *p_start = tok->start;
            *p_end = tok->cur;
            return token;
        }
        tok_backup(tok, c2);
    }

    /* Brackets. */
    switch (c) {
    case '(':
    case '[':
    case '{':
        if (tok->level >= HL_TOK_MAXLEVEL)
            return syntaxerror(tok, "too many nested parentheses");
        tok->parenstack[tok->level] = (char)c;
        tok->parenlinenostack[tok->level] = tok->lineno;
        tok->parencolstack[tok->level] = (int)(tok->start - tok->line_start);
        tok->level++;
        break;
    case ')':
    case ']':
    case '}': {
        if (!tok->level)
            return syntaxerror(tok, "unmatched '%c'", c);
        tok->level--;
        int opening = tok->parenstack[tok->level];
        if (!((opening == '(' && c == ')') || (opening == '[' && c == ']') ||
              (opening == '{' && c == '}'))) {
            if (tok->parenlinenostack[tok->level] != tok->lineno)
                return syntaxerror(tok,
                                   "closing parenthesis '%c' does not match opening "
                                   "parenthesis '%c' on line %d",
                                   c, opening, tok->parenlinenostack[tok->level]);
            return syntaxerror(tok,
                               "closing parenthesis '%c' does not match opening parenthesis '%c'",
                               c, opening);
        }
        break;
    }
    }

    if (!hl_unicode_isprintable((uint32_t)c)) {
        char hex[16];
        hl_snprintf(hex, sizeof hex, "%04X", (unsigned)c);
        return syntaxerror(tok, "invalid non-printable character U+%s", hex);
    }
    *p_start = tok->start;
    *p_end = tok->cur;
    return one_char(c);
}

int hl_tok_get(hl_tok_state *tok, const char **p_start, const char **p_end)
{
    int t = tok_get(tok, p_start, p_end);
    if (tok->decoding_erred) {
        t = ERRORTOKEN;
        tok->done = E_DECODE;
    }
    return t;
}
