/*
 * ipython.c — IPython's conventions around a notebook cell, as an
 * ipykernel (IPython 8) applies them; session.c runs the cells.
 *
 * The namespace.  The cells' globals are one dict holding, besides the
 * user's names, IPython's: In and _ih (the list of cell sources, In[0] ==
 * ''), Out and _oh (the dict of displayed results by cell number), _, __,
 * ___ (the last three results), _i, _ii, _iii and _iN (recent sources).
 * They hold references: a value a cell displayed stays alive in Out, _N and
 * _ until the user drops them — visible in later refcounts, as in Jupyter.
 *
 * The display hook.  A cell whose last statement is an expression shows
 * its value (unless None): the statement is compiled in 'single' mode, so
 * PRINT_EXPR calls sys.displayhook, which here records the value's repr as
 * the cell's result (execute_result) and updates the names above — the
 * hook itself keeps the last three results too, as IPython's DisplayHook
 * object does.
 *
 * Errors are shown in IPython's layout: a rule, the exception type and
 * "Traceback (most recent call last)", one block per frame with the cell
 * ("Cell In [N], line L") and the lines around the failing one, then
 * "Type: message".
 */
#include "ipython.h"

#include <string.h>

#include "../modules/modules.h"
#include "../objects/dictobject.h"
#include "../objects/exceptions.h"
#include "../objects/frameobject.h"
#include "../objects/listobject.h"
#include "../objects/longobject.h"
#include "../objects/strobject.h"
#include "../objects/traceback.h"
#include "../objects/tupleobject.h"
#include "../runtime/audit.h"
#include "../runtime/errors.h"
#include "../runtime/strbuf.h"
#include "errdisplay.h"
#include "sources.h"

/* The display hook's own references to the last three results. */
static HLObject *last_results[3];

int hl_ipython_init_namespace(HLObject *ns)
{
    static int registered;
    if (!registered) {
        for (int i = 0; i < 3; i++)
            hl_register_root(&last_results[i], "IPython's display hook");
        registered = 1;
    }
    HLObject *doc = hl_str_from_cstr("Automatically created module for IPython interactive environment");
    HLObject *ih = hl_list_new(0), *oh = hl_dict_new(), *dh = hl_list_new(0), *empty = hl_str_empty();
    int ok = doc && ih && oh && dh && empty && hl_list_append(ih, empty) == 0 &&
             hl_dict_set_item_str(ns, "__name__", hl_str_intern_from_cstr("__main__")) == 0 &&
             hl_dict_set_item_str(ns, "__doc__", doc) == 0 &&
             hl_dict_set_item_str(ns, "__package__", HL_None) == 0 &&
             hl_dict_set_item_str(ns, "__loader__", HL_None) == 0 &&
             hl_dict_set_item_str(ns, "__spec__", HL_None) == 0 &&
             hl_dict_set_item_str(ns, "__builtin__", hl_builtins_module()) == 0 &&
             hl_dict_set_item_str(ns, "__builtins__", hl_builtins_module()) == 0 &&
             hl_dict_set_item_str(ns, "_ih", ih) == 0 && hl_dict_set_item_str(ns, "_oh", oh) == 0 &&
             hl_dict_set_item_str(ns, "_dh", dh) == 0 && hl_dict_set_item_str(ns, "In", ih) == 0 &&
             hl_dict_set_item_str(ns, "Out", oh) == 0 && hl_dict_set_item_str(ns, "_", empty) == 0 &&
             hl_dict_set_item_str(ns, "__", empty) == 0 && hl_dict_set_item_str(ns, "___", empty) == 0 &&
             hl_dict_set_item_str(ns, "_i", empty) == 0 && hl_dict_set_item_str(ns, "_ii", empty) == 0 &&
             hl_dict_set_item_str(ns, "_iii", empty) == 0;
    for (int i = 0; ok && i < 3; i++)
        HL_XSETREF(last_results[i], hl_newref(empty));
    hl_xdecref(doc);
    hl_xdecref(ih);
    hl_xdecref(oh);
    hl_xdecref(dh);
    hl_xdecref(empty);
    return ok ? 0 : -1;
}

int hl_ipython_pre_run_cell(HLObject *ns, int count, HLObject *source)
{
    HLObject *ih = hl_dict_get_item_str(ns, "_ih");
    if (ih != NULL && hl_list_check(ih) && hl_list_append(ih, source) < 0)
        return -1;
    /* _iii <- _ii <- _i <- this cell */
    HLObject *i1 = hl_dict_get_item_str(ns, "_i"), *i2 = hl_dict_get_item_str(ns, "_ii");
    hl_xincref(i1);
    hl_xincref(i2);
    int ok = (i2 == NULL || hl_dict_set_item_str(ns, "_iii", i2) == 0) &&
             (i1 == NULL || hl_dict_set_item_str(ns, "_ii", i1) == 0) &&
             hl_dict_set_item_str(ns, "_i", source) == 0;
    hl_xdecref(i1);
    hl_xdecref(i2);
    char name[32];
    snprintf(name, sizeof name, "_i%d", count);
    return ok && hl_dict_set_item_str(ns, name, source) == 0 ? 0 : -1;
}

HLObject *hl_ipython_cell_filename(int count) { return hl_str_from_format("<ipython-input-%d>", count); }

/* ---- the display hook ---------------------------------------------------------- */

static HLObject *displayhook(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kwnames)
{
    HLObject *value = args[0];
    if (value == HL_None)
        return hl_none_new();
    HLObject *ns = hl_eval_get_globals();
    HLObject *text = hl_object_repr(value);
    if (text == NULL)
        return NULL;
    hl_ssize_t n;
    const char *s = hl_str_as_utf8(text, &n);
    if (s != NULL)
        hl_session_write_display(s, (size_t)n);
    hl_decref(text);
    if (s == NULL || ns == NULL)
        return s == NULL ? NULL : hl_none_new();
    /* update_user_ns: _, __, ___ (unless the user rebound them), _N, Out[N]. */
    int update_unders = 1;
    static const char *const unders[3] = {"_", "__", "___"};
    for (int i = 0; i < 3; i++) {
        HLObject *v = hl_dict_get_item_str(ns, unders[i]);
        if (v != NULL && v != last_results[i])
            update_unders = 0;
    }
    HL_XSETREF(last_results[2], last_results[1]);
    last_results[1] = last_results[0];
    last_results[0] = hl_newref(value);
    if (update_unders && hl_dict_get_item_str(hl_builtins_dict(), "_") == NULL) {
        for (int i = 0; i < 3; i++)
            if (hl_dict_set_item_str(ns, unders[i], last_results[i]) < 0)
                return NULL;
    }
    int count = hl_session_execution_count();
    char name[32];
    snprintf(name, sizeof name, "_%d", count);
    if (hl_dict_set_item_str(ns, name, value) < 0)
        return NULL;
    HLObject *oh = hl_dict_get_item_str(ns, "_oh");
    if (oh != NULL && hl_dict_check(oh)) {
        HLObject *key = hl_long_from_long(count);
        int r = key ? hl_dict_set_item(oh, key, value) : -1;
        hl_xdecref(key);
        if (r < 0)
            return NULL;
    }
    return hl_none_new();
}

HLMethodDef hl_ipython_displayhook_def = {"displayhook", (hl_cfunction)displayhook, HL_METH_O, NULL};

/* ---- errors ------------------------------------------------------------------------ */

/* "Cell In [N]" for a cell's file name, else the file name itself. */
static void write_location(hl_strbuf *out, HLObject *filename)
{
    hl_ssize_t n;
    const char *s = hl_str_as_utf8(filename, &n);
    int count;
    if (s && sscanf(s, "<ipython-input-%d>", &count) == 1)
        hl_sb_printf(out, "Cell In [%d]", count);
    else if (s)
        hl_sb_printf(out, "File %s", s);
}

void hl_ipython_format_error(HLObject *exc, hl_strbuf *out)
{
    HLObject *name = hl_exception_type_name(exc);
    hl_sb_puts(out, "---------------------------------------------------------------------------\n");
    if (name != NULL) {
        hl_ssize_t n;
        const char *s = hl_str_as_utf8(name, &n);
        hl_sb_puts(out, s ? s : "?");
        for (hl_ssize_t i = n; i < 42; i++)
            hl_sb_putc(out, ' ');
        hl_sb_puts(out, "Traceback (most recent call last)\n");
    }
    for (HLTracebackObject *tb = (HLTracebackObject *)hl_exception_get_traceback(exc); tb != NULL;
         tb = tb->tb_next) {
        if (!tb->tb_frame || !hl_frame_check(tb->tb_frame))
            continue;
        HLCodeObject *co = ((HLFrameObject *)tb->tb_frame)->f_frame->f_code;
        write_location(out, co->co_filename);
        hl_sb_printf(out, ", line %d", tb->tb_lineno);
        if (!hl_str_eq_cstr(co->co_name, "<module>")) {
            hl_sb_puts(out, ", in ");
            hl_str_write_utf8(out, co->co_name);
        }
        hl_sb_putc(out, '\n');
        for (int line = tb->tb_lineno - 2; line <= tb->tb_lineno + 2; line++) {
            hl_strbuf text = HL_STRBUF_INIT;
            if (line >= 1 && hl_source_line(co->co_filename, line, &text))
                hl_sb_printf(out, "%s%*d %s\n", line == tb->tb_lineno ? "---->" : "     ", 2, line, hl_sb_cstr(&text));
            hl_sb_free(&text);
        }
        hl_sb_putc(out, '\n');
    }
    HLObject *line = hl_exception_format_line(exc);
    if (line != NULL) {
        hl_str_write_utf8(out, line);
        hl_sb_putc(out, '\n');
        hl_decref(line);
    } else {
        hl_err_clear();
    }
    hl_xdecref(name);
}
