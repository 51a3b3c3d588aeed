/*
 * frame.c — interpreter frames: the data stack they live on, binding call
 * arguments to a new frame, and clearing a frame when its call ends.
 *
 * The data stack.  As in CPython 3.11, a frame is not an object: it is a
 * block of words (the frame header, then co_nlocalsplus local slots, then
 * co_stacksize value-stack slots) bumped off a per-thread stack of 16 KiB
 * chunks that come from the raw system allocator, not from pymalloc — so
 * calling a function allocates nothing the allocator panels show.
 *
 * Binding arguments (initialize_locals).  A call moves its arguments into
 * the new frame's first slots: positionals in order, the rest of them
 * packed into the *args tuple, keyword arguments matched against parameter
 * names (by identity first, names being interned), unknown keywords into
 * the **kwargs dict, then defaults and keyword-only defaults for what is
 * missing.  The TypeErrors say what CPython's say ("f() missing 1 required
 * positional argument: 'x'", "takes 2 positional arguments but 3 were
 * given", ...), with the function's qualified name.
 *
 * Clearing (_PyFrame_Clear).  When a call ends, its frame's references are
 * dropped in slot order — locals first, lowest index first, which decides
 * the order of __del__ calls — unless a frame object still references the
 * frame (a traceback keeps it): then the frame object takes the data over
 * and the locals live on with it.
 */
#include <string.h>

#include "../objects/dictobject.h"
#include "../objects/frameobject.h"
#include "../objects/listobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/errors.h"
#include "../runtime/sysmem.h"
#include "ceval.h"

/* ---- the data stack --------------------------------------------------------- */

#define DATA_STACK_CHUNK_SIZE (16 * 1024)

typedef struct hl_stack_chunk {
    struct hl_stack_chunk *previous;
    size_t size;     /* bytes, header included */
    HLObject **top;  /* saved top while a newer chunk is in use */
    HLObject *data[];
} hl_stack_chunk;

static hl_stack_chunk *datastack_chunk;
static HLObject **datastack_top, **datastack_limit;

static int push_chunk(size_t need_words)
{
    size_t size = DATA_STACK_CHUNK_SIZE;
    while (size < sizeof(hl_stack_chunk) + need_words * sizeof(HLObject *))
        size *= 2;
    hl_stack_chunk *c = hl_raw_malloc(size);
    if (c == NULL) {
        hl_err_nomemory();
        return 0;
    }
    c->previous = datastack_chunk;
    c->size = size;
    c->top = NULL;
    if (datastack_chunk)
        datastack_chunk->top = datastack_top;
    datastack_chunk = c;
    datastack_top = c->data;
    datastack_limit = (HLObject **)((char *)c + size);
    return 1;
}

hl_frame *hl_datastack_push(HLCodeObject *co)
{
    size_t words = HL_FRAME_SIZE(co) / sizeof(HLObject *);
    if (datastack_top == NULL || datastack_top + words > datastack_limit) {
        if (!push_chunk(words))
            return NULL;
    }
    hl_frame *f = (hl_frame *)datastack_top;
    datastack_top += words;
    return f;
}

void hl_datastack_pop(hl_frame *f)
{
    HLObject **base = (HLObject **)f;
    if (base == datastack_chunk->data && datastack_chunk->previous) {
        /* The chunk is empty now: back to the previous one. */
        hl_stack_chunk *c = datastack_chunk;
        datastack_chunk = c->previous;
        datastack_top = datastack_chunk->top;
        datastack_limit = (HLObject **)((char *)datastack_chunk + datastack_chunk->size);
        hl_raw_free(c);
        return;
    }
    datastack_top = base;
}

/* ---- making frames ----------------------------------------------------------- */

/* _PyFrame_InitializeSpecials: steals func and locals. */
void hl_frame_init(hl_frame *f, HLFunctionObject *func, HLObject *locals)
{
    HLCodeObject *co = (HLCodeObject *)func->func_code;
    f->f_func = (HLObject *)func;
    f->f_code = (HLCodeObject *)hl_newref(co);
    f->f_builtins = func->func_builtins;
    f->f_globals = func->func_globals;
    f->f_locals = locals;
    f->stacktop = co->co_nlocalsplus;
    f->frame_obj = NULL;
    f->prev_instr = -1;
    f->is_entry = 0;
    f->owner = FRAME_OWNED_BY_THREAD;
    f->previous = NULL;
    for (int i = 0; i < co->co_nlocalsplus; i++)
        f->localsplus[i] = NULL;
}

static void format_missing(const char *kind, HLObject *names, HLObject *qualname)
{
    hl_ssize_t len = HL_SIZE(names);
    HLObject *name_str;
    if (len == 1) {
        name_str = hl_newref(HL_LIST_GET(names, 0));
    } else if (len == 2) {
        name_str = hl_str_from_format("%U and %U", HL_LIST_GET(names, 0), HL_LIST_GET(names, 1));
    } else {
        /* "'a', 'b', and 'c'" */
        HLObject *tail = hl_str_from_format(", %U, and %U", HL_LIST_GET(names, len - 2), HL_LIST_GET(names, len - 1));
        if (tail == NULL)
            return;
        HLObject *head = hl_list_get_slice(names, 0, len - 2);
        HLObject *comma = hl_str_from_cstr(", ");
        HLObject *joined = head && comma ? hl_str_join(comma, head) : NULL;
        hl_xdecref(head);
        hl_xdecref(comma);
        name_str = joined ? hl_str_concat(joined, tail) : NULL;
        hl_xdecref(joined);
        hl_decref(tail);
    }
    if (name_str == NULL)
        return;
    hl_err_format(hl_exc_TypeError, "%U() missing %d required %s argument%s: %U", qualname, (int)len, kind,
                  len == 1 ? "" : "s", name_str);
    hl_decref(name_str);
}

static void missing_arguments(HLCodeObject *co, hl_ssize_t missing, hl_ssize_t defcount, HLObject **localsplus,
                              HLObject *qualname)
{
    int positional = defcount != -1;
    hl_ssize_t start = positional ? 0 : co->co_argcount;
    hl_ssize_t end = positional ? co->co_argcount - defcount : co->co_argcount + co->co_kwonlyargcount;
    HLObject *names = hl_list_new(0);
    if (names == NULL)
        return;
    for (hl_ssize_t i = start; i < end; i++) {
        if (localsplus[i] != NULL)
            continue;
        HLObject *name = hl_object_repr(HL_TUPLE_GET(co->co_localsplusnames, i));
        if (name == NULL || hl_list_append(names, name) < 0) {
            hl_xdecref(name);
            hl_decref(names);
            return;
        }
        hl_decref(name);
    }
    (void)missing;
    format_missing(positional ? "positional" : "keyword-only", names, qualname);
    hl_decref(names);
}

static void too_many_positional(HLCodeObject *co, hl_ssize_t given, HLObject *defaults, HLObject **localsplus,
                                HLObject *qualname)
{
    hl_ssize_t kwonly_given = 0;
    for (hl_ssize_t i = co->co_argcount; i < co->co_argcount + co->co_kwonlyargcount; i++)
        if (localsplus[i] != NULL)
            kwonly_given++;
    hl_ssize_t defcount = defaults == NULL ? 0 : HL_SIZE(defaults);
    int plural;
    HLObject *sig;
    if (defcount) {
        plural = 1;
        sig = hl_str_from_format("from %zd to %zd", co->co_argcount - defcount, (hl_ssize_t)co->co_argcount);
    } else {
        plural = co->co_argcount != 1;
        sig = hl_str_from_format("%zd", (hl_ssize_t)co->co_argcount);
    }
    if (sig == NULL)
        return;
    HLObject *kwonly_sig =
        kwonly_given ? hl_str_from_format(" positional argument%s (and %zd keyword-only argument%s)",
                                          given != 1 ? "s" : "", kwonly_given, kwonly_given != 1 ? "s" : "")
                     : hl_str_empty();
    if (kwonly_sig == NULL) {
        hl_decref(sig);
        return;
    }
    hl_err_format(hl_exc_TypeError, "%U() takes %U positional argument%s but %zd%U %s given", qualname, sig,
                  plural ? "s" : "", given, kwonly_sig, given == 1 && !kwonly_given ? "was" : "were");
    hl_decref(sig);
    hl_decref(kwonly_sig);
}

static int positional_only_passed_as_keyword(HLCodeObject *co, hl_ssize_t kwcount, HLObject *kwnames,
                                             HLObject *qualname)
{
    HLObject *names = hl_list_new(0);
    if (names == NULL)
        return 1;
    for (int k = 0; k < co->co_posonlyargcount; k++) {
        HLObject *posonly = HL_TUPLE_GET(co->co_localsplusnames, k);
        for (hl_ssize_t k2 = 0; k2 < kwcount; k2++) {
            HLObject *kw = HL_TUPLE_GET(kwnames, k2);
            int cmp = hl_object_richcompare_bool(posonly, kw, HL_EQ);
            if (cmp < 0 || (cmp == 1 && hl_list_append(names, kw) < 0)) {
                hl_decref(names);
                return 1;
            }
        }
    }
    if (HL_SIZE(names) == 0) {
        hl_decref(names);
        return 0;
    }
    HLObject *comma = hl_str_from_cstr(", ");
    HLObject *joined = comma ? hl_str_join(comma, names) : NULL;
    hl_xdecref(comma);
    hl_decref(names);
    if (joined == NULL)
        return 1;
    hl_err_format(hl_exc_TypeError,
                  "%U() got some positional-only arguments passed as keyword arguments: '%U'", qualname, joined);
    hl_decref(joined);
    return 1;
}

/* initialize_locals: moves the arguments (stolen) into the frame's slots. */
static int initialize_locals(HLFunctionObject *func, HLObject **localsplus, HLObject *const *args,
                             hl_ssize_t argcount, HLObject *kwnames)
{
    HLCodeObject *co = (HLCodeObject *)func->func_code;
    const hl_ssize_t total_args = co->co_argcount + co->co_kwonlyargcount;
    hl_ssize_t kwcount = kwnames ? HL_SIZE(kwnames) : 0;
    HLObject *kwdict = NULL;
    hl_ssize_t i, j, n;
    if (co->co_flags & CO_VARKEYWORDS) {
        kwdict = hl_dict_new();
        if (kwdict == NULL)
            goto fail_pre_positional;
        i = total_args + ((co->co_flags & CO_VARARGS) != 0);
        localsplus[i] = kwdict;
    }
    n = argcount > co->co_argcount ? co->co_argcount : argcount;
    for (j = 0; j < n; j++)
        localsplus[j] = args[j];
    if (co->co_flags & CO_VARARGS) {
        HLObject *u = argcount == n ? hl_tuple_new(0) : hl_tuple_from_array_steal(args + n, argcount - n);
        if (u == NULL)
            goto fail_post_positional;
        localsplus[total_args] = u;
    } else if (argcount > n) {
        /* Too many positionals: reported below. */
        for (j = n; j < argcount; j++)
            hl_decref(args[j]);
    }
    for (i = 0; i < kwcount; i++) {
        HLObject *keyword = HL_TUPLE_GET(kwnames, i);
        HLObject *value = args[i + argcount];
        HLObject *const *varnames = &HL_TUPLE_GET(co->co_localsplusnames, 0);
        if (!hl_str_check(keyword)) {
            hl_err_format(hl_exc_TypeError, "%U() keywords must be strings", func->func_qualname);
            goto kw_fail;
        }
        for (j = co->co_posonlyargcount; j < total_args; j++)
            if (varnames[j] == keyword)
                goto kw_found;
        for (j = co->co_posonlyargcount; j < total_args; j++) {
            int cmp = hl_object_richcompare_bool(keyword, varnames[j], HL_EQ);
            if (cmp > 0)
                goto kw_found;
            if (cmp < 0)
                goto kw_fail;
        }
        if (kwdict == NULL) {
            if (co->co_posonlyargcount &&
                positional_only_passed_as_keyword(co, kwcount, kwnames, func->func_qualname))
                goto kw_fail;
            hl_err_format(hl_exc_TypeError, "%U() got an unexpected keyword argument '%U'", func->func_qualname,
                          keyword);
            goto kw_fail;
        }
        if (hl_dict_set_item(kwdict, keyword, value) < 0)
            goto kw_fail;
        hl_decref(value);
        continue;
    kw_fail:
        for (; i < kwcount; i++)
            hl_decref(args[i + argcount]);
        return -1;
    kw_found:
        if (localsplus[j] != NULL) {
            hl_err_format(hl_exc_TypeError, "%U() got multiple values for argument '%U'", func->func_qualname,
                          keyword);
            goto kw_fail;
        }
        localsplus[j] = value;
    }
    if (argcount > co->co_argcount && !(co->co_flags & CO_VARARGS)) {
        too_many_positional(co, argcount, func->func_defaults, localsplus, func->func_qualname);
        return -1;
    }
    if (argcount < co->co_argcount) {
        hl_ssize_t defcount = func->func_defaults == NULL ? 0 : HL_SIZE(func->func_defaults);
        hl_ssize_t m = co->co_argcount - defcount, missing = 0;
        for (i = argcount; i < m; i++)
            if (localsplus[i] == NULL)
                missing++;
        if (missing) {
            missing_arguments(co, missing, defcount, localsplus, func->func_qualname);
            return -1;
        }
        for (i = n > m ? n - m : 0; i < defcount; i++)
            if (localsplus[m + i] == NULL)
                localsplus[m + i] = hl_newref(HL_TUPLE_GET(func->func_defaults, i));
    }
    if (co->co_kwonlyargcount > 0) {
        hl_ssize_t missing = 0;
        for (i = co->co_argcount; i < total_args; i++) {
            if (localsplus[i] != NULL)
                continue;
            HLObject *varname = HL_TUPLE_GET(co->co_localsplusnames, i);
            if (func->func_kwdefaults != NULL) {
                HLObject *def = hl_dict_get_item(func->func_kwdefaults, varname);
                if (def) {
                    localsplus[i] = hl_newref(def);
                    continue;
                }
                if (hl_err_occurred())
                    return -1;
            }
            missing++;
        }
        if (missing) {
            missing_arguments(co, missing, -1, localsplus, func->func_qualname);
            return -1;
        }
    }
    return 0;

fail_pre_positional:
    for (j = 0; j < argcount; j++)
        hl_decref(args[j]);
fail_post_positional:
    for (j = argcount; j < argcount + kwcount; j++)
        hl_decref(args[j]);
    return -1;
}

hl_frame *hl_frame_push_and_init(HLFunctionObject *func, HLObject *locals, HLObject *const *args,
                                 size_t argcount, HLObject *kwnames)
{
    HLCodeObject *co = (HLCodeObject *)func->func_code;
    hl_frame *f = hl_datastack_push(co);
    if (f == NULL) {
        for (size_t i = 0; i < argcount + (kwnames ? (size_t)HL_SIZE(kwnames) : 0); i++)
            hl_decref(args[i]);
        hl_decref(func);
        hl_xdecref(locals);
        return NULL;
    }
    hl_frame_init(f, func, locals);
    if (initialize_locals(func, f->localsplus, args, (hl_ssize_t)argcount, kwnames) < 0) {
        hl_frame_clear(f);
        hl_datastack_pop(f);
        return NULL;
    }
    return f;
}

/* ---- clearing -------------------------------------------------------------------- */

void hl_frame_clear(hl_frame *f)
{
    if (f->frame_obj) {
        HLFrameObject *fo = (HLFrameObject *)f->frame_obj;
        f->frame_obj = NULL;
        if (HL_REFCNT(fo) > 1) {
            /* A traceback or a caller still holds the frame object: it
             * keeps the locals. */
            hl_frame_take_ownership(fo, f);
            hl_decref(fo);
            return;
        }
        hl_decref(fo);
    }
    for (int i = 0; i < f->stacktop; i++)
        hl_xdecref(f->localsplus[i]);
    hl_xdecref(f->frame_obj);
    hl_xdecref(f->f_locals);
    hl_decref(f->f_func);
    hl_decref(f->f_code);
}

/* ---- what frames tell the rest of the runtime ---------------------------------------- */

HLObject *hl_frame_get_frame_object(hl_frame *f)
{
    if (f->frame_obj == NULL)
        f->frame_obj = hl_frame_new_object(f);
    return f->frame_obj;
}

int hl_frame_line(hl_frame *f)
{
    int i = f->prev_instr < 0 ? 0 : f->prev_instr;
    int line = hl_code_line(f->f_code, i);
    return line < 0 ? f->f_code->co_firstlineno : line;
}

/* Visits a frame's references (_PyFrame_Traverse). */
int hl_frame_traverse(hl_frame *f, hl_visitproc visit, void *arg)
{
    HL_VISIT(f->frame_obj);
    HL_VISIT(f->f_locals);
    HL_VISIT(f->f_func);
    HL_VISIT((HLObject *)f->f_code);
    for (int i = 0; i < f->stacktop; i++)
        HL_VISIT(f->localsplus[i]);
    return 0;
}

/* The dict of a frame's local variables (locals(), frame.f_locals): the
 * namespace of module and class code, a fresh snapshot for functions
 * (fast locals and cells by name; free variables too). */
HLObject *hl_frame_locals(hl_frame *f)
{
    HLCodeObject *co = f->f_code;
    if (!(co->co_flags & CO_OPTIMIZED)) {
        if (f->f_locals == NULL) {
            hl_err_set_string(hl_exc_SystemError, "frame has no locals");
            return NULL;
        }
        return hl_newref(f->f_locals);
    }
    /* 3.11 keeps the dict on the frame and refreshes it on each call
     * (PyFrame_FastToLocalsWithError). */
    if (f->f_locals == NULL && (f->f_locals = hl_dict_new()) == NULL)
        return NULL;
    HLObject *locals = f->f_locals;
    for (int i = 0; i < co->co_nlocalsplus; i++) {
        uint8_t kind = co->co_localspluskinds[i];
        HLObject *name = HL_TUPLE_GET(co->co_localsplusnames, i);
        HLObject *value = f->localsplus[i];
        if (kind & CO_FAST_FREE && !(co->co_flags & CO_OPTIMIZED))
            continue;
        /* A cell not made yet (before MAKE_CELL ran) holds the plain value. */
        if (value != NULL && (kind & (CO_FAST_CELL | CO_FAST_FREE)) && hl_cell_check(value) &&
            (f->prev_instr >= 0 || (kind & CO_FAST_FREE)))
            value = ((HLCellObject *)value)->ob_ref;
        if (value == NULL) {
            if (hl_dict_del_item(locals, name) < 0) {
                if (!hl_err_exception_matches(hl_exc_KeyError))
                    return NULL;
                hl_err_clear();
            }
        } else if (hl_dict_set_item(locals, name, value) < 0) {
            return NULL;
        }
    }
    return hl_newref(locals);
}
