/*
 * tokenizer.h — CPython 3.11's tokenizer (Parser/tokenizer.c), internal to
 * the parser.  See tokenizer.c for the algorithm.
 *
 * The parser pulls one token at a time (hl_tok_get); the tokenizer keeps
 * the state CPython's tok_state keeps — the indentation stack, the bracket
 * stack, the current line — because the parser's error messages read it
 * (the column of "unexpected indent", the line of "'(' was never closed").
 */
#ifndef HL_TOKENIZER_H
#define HL_TOKENIZER_H

#include "parser.h"

/* Token types, numbered as CPython 3.11's Include/token.h. */
enum {
    ENDMARKER = 0, NAME = 1, NUMBER = 2, STRING = 3, NEWLINE = 4, INDENT = 5,
    DEDENT = 6, LPAR = 7, RPAR = 8, LSQB = 9, RSQB = 10, COLON = 11, COMMA = 12,
    SEMI = 13, PLUS = 14, MINUS = 15, STAR = 16, SLASH = 17, VBAR = 18, AMPER = 19,
    LESS = 20, GREATER = 21, EQUAL = 22, DOT = 23, PERCENT = 24, LBRACE = 25,
    RBRACE = 26, EQEQUAL = 27, NOTEQUAL = 28, LESSEQUAL = 29, GREATEREQUAL = 30,
    TILDE = 31, CIRCUMFLEX = 32, LEFTSHIFT = 33, RIGHTSHIFT = 34, DOUBLESTAR = 35,
    PLUSEQUAL = 36, MINEQUAL = 37, STAREQUAL = 38, SLASHEQUAL = 39,
    PERCENTEQUAL = 40, AMPEREQUAL = 41, VBAREQUAL = 42, CIRCUMFLEXEQUAL = 43,
    LEFTSHIFTEQUAL = 44, RIGHTSHIFTEQUAL = 45, DOUBLESTAREQUAL = 46,
    DOUBLESLASH = 47, DOUBLESLASHEQUAL = 48, AT = 49, ATEQUAL = 50, RARROW = 51,
    ELLIPSIS = 52, COLONEQUAL = 53, OP = 54, AWAIT = 55, ASYNC = 56,
    TYPE_IGNORE = 57, TYPE_COMMENT = 58, SOFT_KEYWORD = 59, ERRORTOKEN = 60
};

/* tok->done (CPython's errcode.h values that matter here). */
enum {
    E_OK = 10, E_EOF = 11, E_TOKEN = 13, E_NOMEM = 15, E_TABSPACE = 18,
    E_TOODEEP = 20, E_DEDENT = 21, E_DECODE = 22, E_EOFS = 23, E_EOLS = 24,
    E_LINECONT = 25, E_BADSINGLE = 27, E_ERROR = 17, E_DONE = 16
};

#define HL_TOK_MAXINDENT 100 /* CPython's MAXINDENT */
#define HL_TOK_MAXLEVEL 200  /* CPython's MAXLEVEL: nesting of brackets */
#define HL_TOK_EOF (-1)

typedef struct hl_tok_state {
    /* The whole source, newlines translated to \n, NUL-terminated (raw
     * memory owned by the tokenizer).  Lines are "read" lazily by moving
     * inp to the end of the next line, as CPython reads its string input. */
    char *input;
    char *str;      /* start of the text (after a BOM) */
    char *bufend;   /* end of the text (the NUL) */
    char *buf;      /* start of the current buffer (the current line) */
    char *cur;      /* next character */
    char *inp;      /* end of the data read so far */
    char *line_start;       /* start of the current line */
    char *start;            /* start of the current token, or NULL */
    char *multi_line_start; /* line start of the first line of a string */
    int done;
    int lineno, first_lineno;
    int indent, indstack[HL_TOK_MAXINDENT], altindstack[HL_TOK_MAXINDENT];
    int atbol, pendin;
    int level;
    char parenstack[HL_TOK_MAXLEVEL];
    int parenlinenostack[HL_TOK_MAXLEVEL];
    int parencolstack[HL_TOK_MAXLEVEL];
    int cont_line;
    int appended_newline; /* exec input got a final \n the text did not have */
    int file_input;  /* HL_PARSE_FILE: lines are checked for NUL and UTF-8 as read */
    int char_offsets;/* CPython's tok->encoding != NULL: parser errors count characters */
    int decoding_erred;
    const char *filename;
    /* Where errors go, shared with the parser and its f-string sub-parsers:
     * err->type != NULL is CPython's PyErr_Occurred(). */
    hl_syntax_error *err;
} hl_tok_state;

/* Sets up tok over src[0:len].  exec_input appends a newline when the text
 * does not end with one (CPython's exec_input).  file_input: see
 * HL_PARSE_FILE.  Returns 0, or -1 when out of memory. */
int hl_tok_init(hl_tok_state *tok, const char *src, size_t len, int exec_input,
                int file_input, hl_syntax_error *err);
void hl_tok_fini(hl_tok_state *tok);

/* The next token: its type, and its text in [*p_start, *p_end) (both NULL
 * for INDENT, DEDENT and some errors).  ERRORTOKEN means tok->done says
 * why; if tok->err->type is set the error is already reported. */
int hl_tok_get(hl_tok_state *tok, const char **p_start, const char **p_end);

/* ---- error reporting, shared by the tokenizer and the parser
 * (parser_errors.c) ---- */

/* Records an error in *err (replacing any previous one).  text may be NULL
 * (None); has_location 0 leaves the position None. */
void hl_synerr_set(hl_syntax_error *err, const char *type, int has_location, int lineno,
                   int offset, int end_lineno, int end_offset, const char *text,
                   size_t textlen, const char *fmt, ...) HL_PRINTF(10, 11);
void hl_synerr_nomemory(hl_syntax_error *err);
/* Number of characters in s[0:n] when decoded as UTF-8 with errors
 * replaced (CPython's PyUnicode_DecodeUTF8(s, n, "replace") length). */
hl_ssize_t hl_utf8_count_chars(const char *s, size_t n);
/* Appends a warning to err->warnings. */
void hl_synerr_warn(hl_syntax_error *err, const char *category, int lineno, const char *fmt,
                    ...) HL_PRINTF(4, 5);
/* Writes code point ch as UTF-8 into buf (at least 5 bytes), NUL-terminated. */
void hl_utf8_encode(uint32_t ch, char *buf);

#endif /* HL_TOKENIZER_H */
