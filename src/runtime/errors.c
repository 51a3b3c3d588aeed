/*
 * errors.c — setting, fetching and reporting the current exception.
 *
 * The indicator (hl_ts.curexc) holds one exception instance.  Setting an
 * exception while another is being handled (hl_ts.exc_info, maintained by
 * the VM) chains it as __context__, breaking any cycle the chain would
 * form, as CPython's _PyErr_SetObject does.
 *
 * Errors that cannot propagate (in a finalizer, a weakref callback, a
 * collection) are reported by hl_err_write_unraisable in the format of
 * CPython's default sys.unraisablehook: "Exception ignored in: <repr>",
 * the traceback, then the exception line.
 */
#include "errors.h"

#include <stdarg.h>
#include <string.h>

#include "state.h"
#include "strbuf.h"
#include "../objects/exceptions.h"
#include "../objects/strobject.h"
#include "../objects/traceback.h"
#include "../objects/tupleobject.h"

HLObject *hl_err_occurred(void) { return hl_ts.curexc; }

HLObject *hl_err_handled(void)
{
    hl_err_stackitem *item = hl_ts.exc_info;
    while (item && (item->exc_value == NULL || item->exc_value == HL_None) && item->previous_item)
        item = item->previous_item;
    return item ? item->exc_value : NULL;
}

void hl_err_restore(HLObject *exc) { HL_XSETREF(hl_ts.curexc, exc); }

HLObject *hl_err_fetch(void)
{
    HLObject *e = hl_ts.curexc;
    hl_ts.curexc = NULL;
    return e;
}

void hl_err_clear(void) { HL_CLEAR(hl_ts.curexc); }

/* Builds type(*args) from value (see errors.h); NULL on failure (with the
 * failure as the current exception). */
static HLObject *create_exception(HLObject *type, HLObject *value)
{
    if (value != NULL && hl_exception_check(value) &&
        hl_type_is_subtype(HL_TYPE(value), (HLTypeObject *)type))
        return hl_newref(value);
    HLObject *args;
    if (value == NULL || value == HL_None)
        args = hl_tuple_new(0);
    else if (hl_tuple_check(value))
        args = hl_newref(value);
    else
        args = hl_tuple_pack(1, value);
    if (args == NULL)
        return NULL;
    HLObject *exc;
    if (HL_TYPE_HAS_FLAG((HLTypeObject *)type, HL_TPFLAGS_HEAPTYPE))
        exc = hl_call(type, args, NULL);
    else
        exc = hl_exception_new(type, args);
    hl_decref(args);
    if (exc != NULL && !hl_exception_check(exc)) {
        hl_err_format(hl_exc_TypeError,
                      "calling %R should have returned an instance of BaseException, not %s",
                      type, HL_TYPE(exc)->tp_name);
        hl_decref(exc);
        return NULL;
    }
    return exc;
}

/* Sets exc.__context__ to the exception being handled, unless that would
 * make the context chain loop back to exc. */
static void chain_context(HLObject *exc)
{
    HLObject *handled = hl_err_handled();
    if (handled == NULL || handled == HL_None || handled == exc)
        return;
    HLObject *o = handled, *slow_o = o, *context;
    int toggle = 0;
    while ((context = HL_EXC(o)->context) != NULL) {
        if (context == exc) {
            HL_CLEAR(HL_EXC(o)->context);
            break;
        }
        o = context;
        if (o == slow_o)
            break; /* a pre-existing cycle */
        if (toggle)
            slow_o = HL_EXC(slow_o)->context;
        toggle = !toggle;
    }
    hl_exception_set_context(exc, hl_newref(handled));
}

void hl_err_set_object(HLObject *type, HLObject *value)
{
    if (!hl_exception_class_check(type)) {
        hl_err_format(hl_exc_SystemError, "exception %R is not a BaseException subclass", type);
        return;
    }
    /* Creating the instance may itself fail (MemoryError, or an error in
     * a user __init__); that failure then is the current exception. */
    HLObject *saved = hl_err_fetch();
    HLObject *exc = create_exception(type, value);
    if (exc == NULL) {
        hl_xdecref(saved);
        return;
    }
    hl_xdecref(saved);
    chain_context(exc);
    hl_err_restore(exc);
}

void hl_err_set_none(HLObject *type) { hl_err_set_object(type, NULL); }

void hl_err_set_string(HLObject *type, const char *msg)
{
    HLObject *s = hl_str_from_utf8(msg, (hl_ssize_t)strlen(msg));
    if (s == NULL)
        return;
    hl_err_set_object(type, s);
    hl_decref(s);
}

HLObject *hl_err_format(HLObject *type, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    HLObject *s = hl_str_from_format_v(fmt, ap);
    va_end(ap);
    if (s == NULL)
        return NULL;
    hl_err_set_object(type, s);
    hl_decref(s);
    return NULL;
}

HLObject *hl_err_nomemory(void)
{
    /* MemoryError() comes from its free list: no allocation needed. */
    hl_err_set_none(hl_exc_MemoryError);
    return NULL;
}

void hl_err_set_key_error(HLObject *key)
{
    HLObject *t = hl_tuple_pack(1, key);
    if (t == NULL)
        return;
    hl_err_set_object(hl_exc_KeyError, t);
    hl_decref(t);
}

int hl_err_given_exception_matches(HLObject *exc, HLObject *type)
{
    if (exc == NULL || type == NULL)
        return 0;
    if (hl_tuple_check(type)) {
        for (hl_ssize_t i = 0; i < HL_SIZE(type); i++)
            if (hl_err_given_exception_matches(exc, HL_TUPLE_GET(type, i)))
                return 1;
        return 0;
    }
    HLObject *cls = hl_exception_check(exc) ? (HLObject *)HL_TYPE(exc) : exc;
    if (hl_exception_class_check(cls) && hl_exception_class_check(type))
        return hl_type_is_subtype((HLTypeObject *)cls, (HLTypeObject *)type);
    return cls == type;
}

int hl_err_exception_matches(HLObject *type)
{
    return hl_err_given_exception_matches(hl_ts.curexc, type);
}

/* Appends "Traceback ...", the entries, and the exception line. */
void hl_exception_format(HLObject *exc, hl_strbuf *out)
{
    HLObject *tb = HL_EXC(exc)->traceback;
    if (tb != NULL && tb != HL_None)
        hl_traceback_format(tb, out);
    HLObject *line = hl_exception_format_line(exc);
    if (line == NULL) {
        hl_err_clear();
        hl_sb_puts(out, "<exception formatting failed>\n");
        return;
    }
    hl_str_write_utf8(out, line);
    hl_sb_putc(out, '\n');
    hl_decref(line);
}

static void write_unraisable(const char *msg, HLObject *obj)
{
    HLObject *exc = hl_err_fetch();
    hl_strbuf out = HL_STRBUF_INIT;
    if (obj != NULL && obj != HL_None) {
        if (msg) {
            hl_sb_puts(&out, "Exception ignored ");
            hl_sb_puts(&out, msg);
            hl_sb_puts(&out, ": ");
        } else {
            hl_sb_puts(&out, "Exception ignored in: ");
        }
        HLObject *r = hl_object_repr(obj);
        if (r) {
            hl_str_write_utf8(&out, r);
            hl_decref(r);
        } else {
            hl_err_clear();
            hl_sb_puts(&out, "<object repr() failed>");
        }
        hl_sb_putc(&out, '\n');
    } else if (msg) {
        hl_sb_puts(&out, "Exception ignored ");
        hl_sb_puts(&out, msg);
        hl_sb_puts(&out, ":\n");
    }
    if (exc)
        hl_exception_format(exc, &out);
    hl_write_stderr(hl_sb_cstr(&out), out.len);
    hl_sb_free(&out);
    hl_xdecref(exc);
    hl_err_clear();
}

void hl_err_write_unraisable(HLObject *obj) { write_unraisable(NULL, obj); }
void hl_err_write_unraisable_msg(const char *msg, HLObject *obj) { write_unraisable(msg, obj); }
