/*
 * parser.h — source text to AST, as CPython 3.11's parser does it.
 *
 *     hl_arena *arena = hl_arena_new();
 *     hl_syntax_error err;
 *     hl_syntax_error_init(&err);
 *     mod_ty mod = hl_parse(src, len, HL_MODE_EXEC, 0, "<cell>", arena, &err);
 *     if (mod == NULL) { ... err.type, err.msg, err.lineno, err.offset ... }
 *     ... compile mod; the constants it holds live as long as the arena ...
 *     hl_syntax_error_clear(&err);
 *     hl_arena_free(arena);
 *
 * The result is exactly the tree CPython 3.11 builds for the same source
 * (ast.h), or exactly the SyntaxError it raises: same exception type, same
 * message, same position.  Every constant and identifier the parser creates
 * is registered with the arena (hl_arena_add_object), as CPython's parser
 * does, so references held by "the parser" show in refcounts for as long as
 * the arena lives.
 *
 * What is not supported — async/await, match statements, except*, complex
 * and bytes literals, \N{name} escapes — is parsed as CPython parses it and
 * then rejected with a SyntaxError that says heaplab does not support it
 * (reported once the whole source has parsed, so that a syntax error
 * elsewhere is still reported as CPython reports it; a match statement is
 * rejected as soon as it is recognised, at its first `case`).
 *
 * Errors are not raised as exceptions: they are reported in an
 * hl_syntax_error, whose fields are the attributes of CPython's
 * SyntaxError (type name, msg, lineno, offset, end_lineno, end_offset,
 * text), and the caller turns them into an exception object.  offset and
 * end_offset are 1-based and count characters, as SyntaxError's do; a field
 * CPython leaves as None has has_location == 0.  hl_parse never leaves an
 * exception set, and it never crashes or overflows the C stack on any input:
 * nesting is bounded as in CPython (200 brackets in the tokenizer, 100
 * indentation levels, 6000 levels of rules in the parser, which CPython
 * reports as MemoryError).  At 6000 levels the parser uses about 500 KB of
 * C stack (gcc -O2, 32-bit); a WebAssembly build needs a stack of 1 MB.
 *
 * Trees can still be deep: left-recursive rules turn a long flat chain
 * (a.b.b.b..., x[0][0]..., 1+1+1...) into a tree as deep as the chain is
 * long.  Code walking a tree recursively must bound its depth, as CPython's
 * compiler does ("maximum recursion depth exceeded during compilation").
 *
 * Warnings the parser would issue (SyntaxWarning "invalid decimal literal"
 * for `1if x`, DeprecationWarning for invalid escape sequences) are
 * collected in err.warnings, in order, for the caller to emit or ignore.
 */
#ifndef HL_PARSER_H
#define HL_PARSER_H

#include "ast.h"

/* Start rules (CPython's Py_file_input, Py_single_input, Py_eval_input). */
enum { HL_MODE_EXEC = 0, HL_MODE_SINGLE = 1, HL_MODE_EVAL = 2 };

/* Flags. */
#define HL_PARSE_FILE 0x1 /* the source is a script file read as bytes (python3 FILE):
                             a UTF-8 BOM is skipped, NUL bytes and invalid UTF-8 are
                             reported per line as CPython's file reader does, and error
                             lines come from the file.  Without it the source is a str
                             (compile(), exec(), a notebook cell). */

#define HL_PARSE_ALLOW_INCOMPLETE 0x2 /* PyCF_ALLOW_INCOMPLETE_INPUT, as IPython compiles cells:
                                         source that ends inside an open construct is
                                         SyntaxError("incomplete input") */

typedef struct hl_parse_warning {
    struct hl_parse_warning *next;
    const char *category; /* "SyntaxWarning" or "DeprecationWarning" */
    char *msg;            /* UTF-8 */
    int lineno;
} hl_parse_warning;

typedef struct hl_syntax_error {
    /* NULL when there is no error; else "SyntaxError", "IndentationError",
     * "TabError", or "MemoryError" (with an empty message and no location:
     * out of memory, or the parser's nesting limit, as in CPython 3.11). */
    const char *type;
    char *msg;        /* UTF-8 */
    int has_location; /* 0: lineno, offset, end_lineno, end_offset and text are None */
    int lineno, offset, end_lineno, end_offset;
    char *text;       /* UTF-8 source line (may be NULL = None) */
    hl_parse_warning *warnings;
} hl_syntax_error;

void hl_syntax_error_init(hl_syntax_error *e);
void hl_syntax_error_clear(hl_syntax_error *e); /* frees strings and warnings */

/* Parses src[0:len] (UTF-8; it may contain NUL bytes, which are errors).
 * mode is an HL_MODE_*, flags HL_PARSE_* bits; filename is used only in
 * the "Non-UTF-8 code ... in file X" message.  Returns the tree (memory in
 * the arena) or NULL with *err filled in.  err must have been initialized
 * (hl_syntax_error_init); warnings are appended to err->warnings.  The tree
 * does not point into src, which may be freed at once.  An exception the
 * caller had set is left as it was. */
mod_ty hl_parse(const char *src, size_t len, int mode, int flags, const char *filename,
                hl_arena *arena, hl_syntax_error *err);

#endif /* HL_PARSER_H */
