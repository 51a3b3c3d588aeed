/*
 * errdisplay.h — printing an uncaught exception the way CPython 3.11 prints
 * it for a script (errdisplay.c).
 *
 * The command line, at the end of a failed run:
 *
 *     HLObject *exc = hl_err_fetch();
 *     hl_strbuf err = HL_STRBUF_INIT;
 *     if (hl_exception_is_system_exit(exc))
 *         status = hl_handle_system_exit(exc, &err);
 *     else {
 *         hl_print_exception(exc, &err);
 *         status = 1;
 *     }
 *     ... write err to stderr, exit(status) ...
 *
 * and for a source that does not parse, hl_syntax_error_to_exception turns
 * the parser's record into the SyntaxError to print.  The traceback lines
 * need the VM's hooks (traceback.h): hl_frame_info_hook and
 * hl_source_line_hook.
 */
#ifndef HL_ERRDISPLAY_H
#define HL_ERRDISPLAY_H

#include "../runtime/object.h"

struct hl_strbuf;
struct hl_syntax_error;

/* PyErr_Display: appends the exception, its chain (__cause__ /
 * __context__) and their tracebacks, exactly as CPython 3.11 writes them
 * to stderr.  Never fails; leaves no exception set (one set on entry is
 * kept). */
void hl_print_exception(HLObject *exc, struct hl_strbuf *out);

/* The SyntaxError (IndentationError, TabError, MemoryError) CPython raises
 * for a parse error, from the parser's record; filename is what the error
 * names (CPython: the script's absolute path).  New reference, or NULL
 * with an exception set. */
HLObject *hl_syntax_error_to_exception(const struct hl_syntax_error *err, HLObject *filename);

/* _Py_HandleSystemExit for an uncaught SystemExit: the exit status
 * (exc.code: None 0, an int itself, anything else 1 after its str() and
 * a newline are appended to out). */
int hl_exception_is_system_exit(HLObject *exc);
int hl_handle_system_exit(HLObject *exc, struct hl_strbuf *out);

/* For traceback.c: extract_anchors_from_line.  line[0:nbytes] is a source
 * line (UTF-8), [start_offset, end_offset) the characters of the failing
 * expression.  When they parse as a BinOp or a Subscript, sets the
 * character range to mark with *secondary ('^') inside the range marked
 * with *primary ('~') and returns 1; 0 otherwise. */
int hl_extract_anchors_from_line(const char *line, size_t nbytes, hl_ssize_t start_offset,
                                 hl_ssize_t end_offset, hl_ssize_t *left_anchor,
                                 hl_ssize_t *right_anchor, char *primary, char *secondary);
/* _PyPegen_byte_offset_to_character_offset over UTF-8 text s[0:n]. */
hl_ssize_t hl_byte_offset_to_character_offset(const char *s, size_t n, hl_ssize_t col_offset);

#endif /* HL_ERRDISPLAY_H */
