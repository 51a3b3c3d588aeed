/*
 * compiler.h — AST to code object (compile.c and friends).
 */
#ifndef HL_COMPILER_H
#define HL_COMPILER_H

#include "ast.h"

enum { HL_COMPILE_EXEC = 0, HL_COMPILE_SINGLE = 1, HL_COMPILE_EVAL = 2 };

/* Compiles a module tree (already parsed into arena).  Constant folding
 * adds its results to the arena, as CPython's does.  Returns a code object
 * or NULL with SyntaxError (or MemoryError) set. */
HLObject *hl_compile(mod_ty mod, HLObject *filename, int mode, hl_arena *arena);

#endif /* HL_COMPILER_H */
