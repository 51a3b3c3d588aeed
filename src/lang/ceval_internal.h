/*
 * ceval_internal.h — what the evaluation loop (ceval.c) shares with its
 * helpers (ceval_ops.c: unpacking, raising, imports, messages) and with the
 * built-in functions that need the running frame (bltin_vm.c).
 */
#ifndef HL_CEVAL_INTERNAL_H
#define HL_CEVAL_INTERNAL_H

#include "ceval.h"

/* The innermost running frame (tstate->cframe->current_frame). */
extern hl_frame *hl_current_frame;

/* Unpacks v into argcnt items (and a starred list with argcntafter items
 * after it, when argcntafter >= 0), written downwards from sp so that the
 * first item ends up on top of the stack.  0 with an exception set. */
int hl_unpack_iterable(HLObject *v, int argcnt, int argcntafter, HLObject **sp);
/* A name in a namespace (a dict, or any mapping: KeyError means absent):
 * *value a new reference or NULL; -1 on another error. */
int hl_mapping_lookup(HLObject *ns, HLObject *name, HLObject **value);
/* A global, then a builtin (new reference), or NameError. */
HLObject *hl_load_global(hl_frame *f, HLObject *name);

/* RAISE_VARARGS: sets the exception; returns 1 for a bare `raise` (which
 * re-raises without a new traceback entry), 0 otherwise.  Steals both. */
int hl_do_raise(HLObject *exc, HLObject *cause);
/* except X: X must be an exception class or a tuple of them. */
int hl_check_except_type_valid(HLObject *right);
/* NameError / UnboundLocalError with CPython's messages. */
void hl_format_exc_check_arg(HLObject *exc, const char *format_str, HLObject *name);
void hl_format_exc_unbound(HLCodeObject *co, int oparg);
/* DICT_MERGE's "got multiple values for keyword argument" and friends. */
void hl_format_kwargs_error(HLObject *func, HLObject *kwargs);
void hl_format_awaitable_error(HLObject *type);
/* The name a callable shows in argument errors ("f()", "A.m()"). */
HLObject *hl_function_display_name(HLObject *func);

/* IMPORT_NAME, IMPORT_FROM, IMPORT_STAR. */
HLObject *hl_import_name(hl_frame *f, HLObject *name, HLObject *fromlist, HLObject *level);
HLObject *hl_import_from(HLObject *module, HLObject *name);
int hl_import_all_from(HLObject *locals, HLObject *module);
/* The module registry (import.c): importlib's job for built-in and frozen
 * modules. */
HLObject *hl_import_module_level(HLObject *name, HLObject *globals, HLObject *fromlist, int level);
HLObject *hl_import_module(const char *name);

/* Exception table lookup: the handler of the instruction at index i. */
int hl_exception_handler(HLCodeObject *co, int i, int *depth, int *target, int *lasti);

/* Generators (genobject.c): the object RETURN_GENERATOR makes. */
HLObject *hl_gen_new_for_frame(HLFunctionObject *func, hl_frame *frame);

#endif /* HL_CEVAL_INTERNAL_H */
