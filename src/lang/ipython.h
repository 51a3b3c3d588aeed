/*
 * ipython.h — what an IPython kernel adds around a notebook cell
 * (ipython.c): the user namespace (In, Out, _ih, _oh, _, __, ___, _i, _iN,
 * _N), the display hook that shows a cell's final value and keeps it, and
 * the way errors are shown.  session.c runs the cells; this file supplies
 * IPython's conventions.
 */
#ifndef HL_IPYTHON_H
#define HL_IPYTHON_H

#include "../runtime/object.h"

struct hl_strbuf;

/* Fills a fresh user namespace (the __main__ dict of cell mode) as
 * IPython's InteractiveShell.init_user_ns does. */
int hl_ipython_init_namespace(HLObject *ns);
/* Before cell N runs: In[N] / _ih, _i, _ii, _iii, _iN. */
int hl_ipython_pre_run_cell(HLObject *ns, int count, HLObject *source);
/* The file name the cell's code carries ("<ipython-input-N>"); tracebacks
 * show it as "Cell In [N]". */
HLObject *hl_ipython_cell_filename(int count);
/* sys.displayhook while cells run: shows value's repr (IPython's pretty
 * printer) as the cell's result and keeps it in _, __, ___, _N, Out[N]. */
extern HLMethodDef hl_ipython_displayhook_def;
/* The error text IPython shows for exc (a traceback in IPython's layout, or
 * its SyntaxError display); appends to out. */
void hl_ipython_format_error(HLObject *exc, struct hl_strbuf *out);

/* Set by session.c: where a displayed value's text goes, and the number
 * of the cell being run. */
void hl_session_write_display(const char *s, size_t n);
int hl_session_execution_count(void);

#endif /* HL_IPYTHON_H */
