/*
 * pythonrun.h — running source text: scripts (python3 FILE.py), exec(),
 * eval(), compile(), frozen modules (pythonrun.c).
 */
#ifndef HL_PYTHONRUN_H
#define HL_PYTHONRUN_H

#include "arena.h"
#include "parser.h"

enum { HL_RUN_EXEC = 0, HL_RUN_SINGLE = 1, HL_RUN_EVAL = 2 };

/* Sets a SyntaxError (IndentationError, TabError, MemoryError) from the
 * parser's report. */
void hl_raise_syntax_error(const hl_syntax_error *err, HLObject *filename);

/* Parses and compiles src into a code object; the parse arena is passed in
 * so that its constants live as long as the caller wants (script mode keeps
 * it for the whole run).  NULL with an exception. */
HLObject *hl_compile_in_arena(const char *src, size_t len, HLObject *filename, int mode, int parse_flags,
                              hl_arena *arena);
/* compile(): the same with a private arena, freed before returning. */
HLObject *hl_compile_string(const char *src, size_t len, HLObject *filename, int mode);
/* exec()/eval() of a string: the arena lives while the code runs. */
HLObject *hl_run_string(const char *src, size_t len, HLObject *filename, int mode, HLObject *globals,
                        HLObject *locals);

/* The __main__ module (made on first use, kept in sys.modules); its
 * __loader__ is what python3 puts there for a source file, or for code that
 * is not one (-c, stdin). */
HLObject *hl_main_module(int source_file);
/* The bytes of a file, NUL-terminated, from malloc (the caller frees them);
 * NULL if it cannot be read (errno says why).  Native builds only. */
char *hl_read_file(const char *path, size_t *len);
/* The __main__ module if it has been made, else NULL (creates nothing). */
HLObject *hl_main_module_peek(void);
/* Runs a program as python3 does, including the traceback of an uncaught
 * exception on stderr and the interpreter's shutdown, with sys.argv set to
 * argv's argc items; returns the process exit status.  A file (path NULL:
 * the program on stdin, `python3 -`), or a command string (`python3 -c`). */
int hl_run_main_file(const char *path, int argc, const char *const *argv);
int hl_run_main_command(const char *command, int argc, const char *const *argv);

/* PyErr_Print for an uncaught exception (taken): SystemExit gives the exit
 * status, anything else goes to sys.excepthook; returns the status. */
int hl_handle_uncaught(void);
/* sys.excepthook's default: prints exc with its traceback to stderr. */
void hl_display_exception(HLObject *exc);
/* The original builtins.__import__ (to see whether a program replaced it). */
HLObject *hl_builtin_import_function(void);
/* A sys attribute, borrowed (NULL without error if missing). */
HLObject *hl_sys_get_object(const char *name);

/* The original sys.excepthook, and the object python3 puts in
 * __main__.__loader__ (bltin_vm.c). */
HLObject *hl_default_excepthook(void);
HLObject *hl_source_loader_new(void);
/* The loader python3 names for code that is not a file (-c, stdin):
 * borrowed. */
HLObject *hl_builtin_importer(void);
/* The interpreter's shutdown (shutdown.c); 1 while it runs. */
void hl_finalize_interpreter(void);
int hl_is_finalizing(void);

/* Set up by hl_eval_init: the builtins and sys attributes that need the
 * interpreter (bltin_vm.c). */
int hl_bltin_vm_init(void);

#endif /* HL_PYTHONRUN_H */
