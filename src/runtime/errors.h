/*
 * errors.h — the current exception (CPython's error indicator).
 *
 * A failing function sets the current exception and returns NULL (or -1);
 * the caller passes the failure up until something handles it.  The
 * indicator holds one normalized exception instance, whose __traceback__
 * grows as the exception passes through Python frames.
 */
#ifndef HL_ERRORS_H
#define HL_ERRORS_H

#include "object.h"

/* The exception types (static type objects, objects/exceptions.c). */
extern HLObject *hl_exc_BaseException, *hl_exc_Exception, *hl_exc_TypeError,
    *hl_exc_ValueError, *hl_exc_KeyError, *hl_exc_IndexError, *hl_exc_LookupError,
    *hl_exc_AttributeError, *hl_exc_NameError, *hl_exc_UnboundLocalError,
    *hl_exc_ZeroDivisionError, *hl_exc_ArithmeticError, *hl_exc_OverflowError,
    *hl_exc_MemoryError, *hl_exc_RecursionError, *hl_exc_RuntimeError,
    *hl_exc_NotImplementedError, *hl_exc_StopIteration, *hl_exc_GeneratorExit,
    *hl_exc_SystemExit, *hl_exc_KeyboardInterrupt, *hl_exc_AssertionError,
    *hl_exc_SyntaxError, *hl_exc_IndentationError, *hl_exc_TabError,
    *hl_exc_ImportError, *hl_exc_ModuleNotFoundError, *hl_exc_UnicodeError,
    *hl_exc_UnicodeDecodeError, *hl_exc_UnicodeEncodeError, *hl_exc_OSError,
    *hl_exc_EOFError, *hl_exc_BufferError, *hl_exc_ReferenceError,
    *hl_exc_FloatingPointError, *hl_exc_StopAsyncIteration, *hl_exc_SystemError,
    *hl_exc_Warning, *hl_exc_UserWarning, *hl_exc_DeprecationWarning,
    *hl_exc_RuntimeWarning;

/* Borrowed: the current exception instance, or NULL. */
HLObject *hl_err_occurred(void);
/* Sets the current exception to type(*args) built from value: NULL or None
 * gives no arguments, a tuple is the argument list, anything else is the
 * single argument.  An exception instance is used as it is. */
void hl_err_set_object(HLObject *type, HLObject *value);
void hl_err_set_none(HLObject *type);
void hl_err_set_string(HLObject *type, const char *msg);
/* printf-like; %U formats an object's str(), %R its repr(), %T its type's
 * name; returns NULL for convenience. */
HLObject *hl_err_format(HLObject *type, const char *fmt, ...);
HLObject *hl_err_nomemory(void);
/* KeyError(key): args is the 1-tuple (key,) even if key is a tuple. */
void hl_err_set_key_error(HLObject *key);
int hl_err_exception_matches(HLObject *type);
int hl_err_given_exception_matches(HLObject *exc, HLObject *type);
HLObject *hl_err_fetch(void);       /* takes the current exception (new ref) */
void hl_err_restore(HLObject *exc); /* sets it (steals; NULL clears) */
void hl_err_clear(void);
/* "Exception ignored in: <obj repr>" + the traceback, to stderr; clears. */
void hl_err_write_unraisable(HLObject *obj);
void hl_err_write_unraisable_msg(const char *msg, HLObject *obj);
/* Creates an exception instance of a built-in exception type. */
HLObject *hl_exception_new(HLObject *type, HLObject *args /* tuple, borrowed */);
int hl_exception_check(HLObject *o);       /* instance of BaseException */
int hl_exception_class_check(HLObject *o); /* subclass of BaseException */
/* The "Type: message" line CPython prints last in a traceback. */
HLObject *hl_exception_format_line(HLObject *exc);

#endif /* HL_ERRORS_H */
