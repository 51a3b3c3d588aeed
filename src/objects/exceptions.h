/*
 * exceptions.h — the built-in exception types (exceptions.c).  Layouts are
 * CPython 3.11's PyBaseExceptionObject and its subclasses'.
 */
#ifndef HL_EXCEPTIONS_H
#define HL_EXCEPTIONS_H

#include "../runtime/object.h"

#define HL_BASE_EXCEPTION_HEAD                                                 \
    HLObject ob_base;                                                          \
    HLObject *dict;                                                            \
    HLObject *args;                                                            \
    HLObject *notes;                                                           \
    HLObject *traceback;                                                       \
    HLObject *context;                                                         \
    HLObject *cause;                                                           \
    char suppress_context;

typedef struct HLBaseExceptionObject {
    HL_BASE_EXCEPTION_HEAD
} HLBaseExceptionObject;

typedef struct {
    HL_BASE_EXCEPTION_HEAD
    HLObject *msg, *filename, *lineno, *offset, *text, *end_lineno, *end_offset,
        *print_file_and_line;
} HLSyntaxErrorObject;

typedef struct {
    HL_BASE_EXCEPTION_HEAD
    HLObject *msg, *name, *path;
} HLImportErrorObject;

typedef struct {
    HL_BASE_EXCEPTION_HEAD
    HLObject *value;
} HLStopIterationObject;

typedef struct {
    HL_BASE_EXCEPTION_HEAD
    HLObject *code;
} HLSystemExitObject;

typedef struct {
    HL_BASE_EXCEPTION_HEAD
    HLObject *name;
} HLNameErrorObject;

typedef struct {
    HL_BASE_EXCEPTION_HEAD
    HLObject *obj, *name;
} HLAttributeErrorObject;

#define HL_EXC(o) ((HLBaseExceptionObject *)(o))

extern HLTypeObject hl_BaseException_type;
HLObject *hl_exception_get_traceback(HLObject *exc); /* borrowed, may be NULL */
void hl_exception_set_traceback(HLObject *exc, HLObject *tb);
void hl_exception_set_context(HLObject *exc, HLObject *context); /* steals */
void hl_exception_set_cause(HLObject *exc, HLObject *cause);     /* steals */
HLObject *hl_exception_get_args(HLObject *exc);                  /* borrowed */
/* The type name as a traceback shows it ("KeyError", "mod.MyError"). */
HLObject *hl_exception_type_name(HLObject *exc);
int hl_memory_error_free_list_count(void);

#endif /* HL_EXCEPTIONS_H */
