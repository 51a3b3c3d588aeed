/*
 * genobject.c — generators, CPython 3.11's genobject.c.
 *
 * Calling a generator function runs its frame only up to the first
 * instruction, RETURN_GENERATOR, which moves the frame (the arguments
 * already bound in it) into a new generator object and returns that.  The
 * frame then lives inside the generator, sized for the code, and is run by
 * next()/send()/throw() in a nested call of the evaluation loop, each
 * time up to a YIELD_VALUE (suspended) or a return (completed).  While it
 * runs, the generator has its own entry in the stack of handled
 * exceptions, so an `except` block inside the generator is not visible to
 * its caller after a yield.
 *
 * Finalization (PEP 442).  A generator that is suspended when it dies is
 * closed first: GeneratorExit is raised at the yield, so its `finally`
 * blocks and `with` exits run — even for a generator that never started,
 * where the exception appears before the first line.  That is why deleting
 * a generator can allocate: an exception, a traceback entry, a frame
 * object.  A generator in a reference cycle is finalized the same way by
 * the collector before the cycle is broken.
 *
 * A finished generator clears its frame at once: its locals die when it
 * returns, not when the generator object does.
 */
#include "genobject.h"

#include <stddef.h>
#include <string.h>

#include "../lang/ceval_internal.h"
#include "../runtime/errors.h"
#include "../runtime/gc.h"
#include "abstract.h"
#include "exceptions.h"
#include "frameobject.h"
#include "longobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "traceback.h"

#define GEN_FRAME(gen) ((hl_frame *)(gen)->gi_iframe)
#define FRAME_GEN(f) ((HLGenObject *)((char *)(f)-offsetof(HLGenObject, gi_iframe)))

static void exc_state_clear(hl_err_stackitem *s) { HL_CLEAR(s->exc_value); }

HLObject *hl_gen_new_for_frame(HLFunctionObject *func, hl_frame *frame)
{
    HLCodeObject *code = (HLCodeObject *)func->func_code;
    HLGenObject *gen = (HLGenObject *)hl_gc_new_var(&hl_gen_type, code->co_nlocalsplus + code->co_stacksize);
    if (gen == NULL)
        return NULL;
    gen->gi_frame_state = FRAME_CLEARED;
    gen->gi_code = hl_newref(code);
    gen->gi_weakreflist = NULL;
    gen->gi_exc_state.exc_value = NULL;
    gen->gi_exc_state.previous_item = NULL;
    gen->gi_origin_or_finalizer = NULL;
    gen->gi_hooks_inited = gen->gi_closed = gen->gi_running_async = 0;
    gen->gi_name = hl_newref(func->func_name);
    gen->gi_qualname = hl_newref(func->func_qualname);
    hl_gc_track(gen);
    /* _PyFrame_Copy: the header and the live slots move over. */
    hl_frame *gen_frame = GEN_FRAME(gen);
    memcpy(gen_frame, frame, offsetof(hl_frame, localsplus) + sizeof(HLObject *) * (size_t)frame->stacktop);
    gen->gi_frame_state = FRAME_CREATED;
    gen_frame->owner = FRAME_OWNED_BY_GENERATOR;
    gen_frame->previous = NULL;
    return (HLObject *)gen;
}

void hl_gen_set_suspended(hl_frame *frame) { FRAME_GEN(frame)->gi_frame_state = FRAME_SUSPENDED; }

/* The object a `yield from` in gen delegates to, if it is suspended in
 * one (_PyGen_yf): a YIELD_VALUE right after a SEND. */
static HLObject *gen_yf(HLGenObject *gen)
{
    if (gen->gi_frame_state >= FRAME_CLEARED || gen->gi_frame_state == FRAME_CREATED)
        return NULL;
    hl_frame *f = GEN_FRAME(gen);
    const uint32_t *code = f->f_code->co_code;
    int i = f->prev_instr;
    if (i < 1 || HL_OPCODE(code[i]) != OP_YIELD_VALUE || HL_OPCODE(code[i - 1]) != OP_SEND)
        return NULL;
    return hl_newref(f->localsplus[f->stacktop - 1]);
}

/* gen_send_ex2: runs the frame with arg pushed (or the current exception
 * thrown in, exc). */
enum { PYGEN_RETURN = 0, PYGEN_ERROR = -1, PYGEN_NEXT = 1 };

static int gen_send_ex2(HLGenObject *gen, HLObject *arg, HLObject **presult, int exc, int closing)
{
    hl_frame *frame = GEN_FRAME(gen);
    HLObject *result;
    *presult = NULL;
    if (gen->gi_frame_state == FRAME_CREATED && arg && arg != HL_None) {
        hl_err_set_string(hl_exc_TypeError, "can't send non-None value to a just-started generator");
        return PYGEN_ERROR;
    }
    if (gen->gi_frame_state == FRAME_EXECUTING) {
        hl_err_set_string(hl_exc_ValueError, "generator already executing");
        return PYGEN_ERROR;
    }
    if (gen->gi_frame_state >= FRAME_COMPLETED) {
        if (arg && !exc) {
            /* An exhausted generator returns None only from send(). */
            *presult = hl_newref(HL_None);
            return PYGEN_RETURN;
        }
        return PYGEN_ERROR;
    }
    (void)closing;
    result = arg ? arg : HL_None;
    frame->localsplus[frame->stacktop++] = hl_newref(result);
    gen->gi_exc_state.previous_item = hl_ts.exc_info;
    hl_ts.exc_info = &gen->gi_exc_state;
    gen->gi_frame_state = FRAME_EXECUTING;
    result = hl_eval_frame(frame, exc);
    if (gen->gi_frame_state == FRAME_EXECUTING)
        gen->gi_frame_state = FRAME_COMPLETED;
    hl_ts.exc_info = gen->gi_exc_state.previous_item;
    gen->gi_exc_state.previous_item = NULL;
    /* Do not keep the caller's frame chain alive. */
    frame->previous = NULL;
    if (result) {
        if (gen->gi_frame_state == FRAME_SUSPENDED) {
            *presult = result;
            return PYGEN_NEXT;
        }
    } else if (hl_err_exception_matches(hl_exc_StopIteration)) {
        /* PEP 479: a StopIteration escaping the body is a bug. */
        HLObject *cause = hl_err_fetch();
        hl_err_set_string(hl_exc_RuntimeError, "generator raised StopIteration");
        HLObject *rt = hl_err_occurred();
        if (rt) {
            hl_exception_set_cause(rt, hl_newref(cause));
            hl_exception_set_context(rt, cause);
        } else {
            hl_decref(cause);
        }
    }
    /* The generator cannot run again: release its frame now. */
    exc_state_clear(&gen->gi_exc_state);
    gen->gi_frame_state = FRAME_CLEARED;
    hl_frame_clear(frame);
    *presult = result;
    return result ? PYGEN_RETURN : PYGEN_ERROR;
}

/* _PyGen_SetStopIterationValue */
static void set_stop_iteration_value(HLObject *value)
{
    if (!hl_tuple_check(value) && !hl_exception_check(value)) {
        hl_err_set_object(hl_exc_StopIteration, value);
        return;
    }
    HLObject *args = hl_tuple_pack(1, value);
    if (args == NULL)
        return;
    HLObject *e = hl_call(hl_exc_StopIteration, args, NULL);
    hl_decref(args);
    if (e == NULL)
        return;
    hl_err_set_object(hl_exc_StopIteration, e);
    hl_decref(e);
}

static HLObject *gen_send_ex(HLGenObject *gen, HLObject *arg, int exc, int closing)
{
    HLObject *result;
    if (gen_send_ex2(gen, arg, &result, exc, closing) == PYGEN_RETURN) {
        if (result == HL_None)
            hl_err_set_none(hl_exc_StopIteration);
        else
            set_stop_iteration_value(result);
        HL_CLEAR(result);
    }
    return result;
}

int hl_gen_send(HLObject *gen, HLObject *arg, HLObject **result)
{
    return gen_send_ex2((HLGenObject *)gen, arg, result, 0, 0);
}

int hl_fetch_stop_iteration_value(HLObject **value)
{
    HLObject *v = NULL;
    if (hl_err_occurred()) {
        if (!hl_err_exception_matches(hl_exc_StopIteration))
            return -1;
        HLObject *e = hl_err_fetch();
        v = hl_xnewref(((HLStopIterationObject *)e)->value);
        hl_decref(e);
    }
    *value = v ? v : hl_newref(HL_None);
    return 0;
}

static HLObject *gen_iternext(HLObject *self)
{
    HLObject *result;
    if (gen_send_ex2((HLGenObject *)self, NULL, &result, 0, 0) == PYGEN_RETURN) {
        if (result != HL_None)
            set_stop_iteration_value(result);
        HL_CLEAR(result);
    }
    return result;
}

static HLObject *gen_send(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    return gen_send_ex((HLGenObject *)self, args[0], 0, 0);
}

static int gen_close_iter(HLObject *yf)
{
    HLObject *retval = NULL;
    if (hl_gen_check(yf)) {
        retval = hl_call_method_noargs(yf, "close");
    } else {
        HLObject *meth = hl_object_getattr_str(yf, "close");
        if (meth == NULL) {
            if (!hl_err_exception_matches(hl_exc_AttributeError))
                hl_err_write_unraisable(yf);
            hl_err_clear();
            return 0;
        }
        retval = hl_call_noargs(meth);
        hl_decref(meth);
    }
    if (retval == NULL)
        return -1;
    hl_decref(retval);
    return 0;
}

static HLObject *gen_close(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    HLGenObject *gen = (HLGenObject *)self;
    HLObject *yf = gen_yf(gen);
    int err = 0;
    if (yf) {
        int8_t state = gen->gi_frame_state;
        gen->gi_frame_state = FRAME_EXECUTING;
        err = gen_close_iter(yf);
        gen->gi_frame_state = state;
        hl_decref(yf);
    }
    if (err == 0)
        hl_err_set_none(hl_exc_GeneratorExit);
    HLObject *retval = gen_send_ex(gen, HL_None, 1, 1);
    if (retval) {
        hl_decref(retval);
        hl_err_set_string(hl_exc_RuntimeError, "generator ignored GeneratorExit");
        return NULL;
    }
    if (hl_err_exception_matches(hl_exc_StopIteration) || hl_err_exception_matches(hl_exc_GeneratorExit)) {
        hl_err_clear();
        return hl_none_new();
    }
    return NULL;
}

/* _gen_throw */
static HLObject *gen_throw_impl(HLGenObject *gen, int close_on_genexit, HLObject *typ, HLObject *val, HLObject *tb)
{
    HLObject *yf = gen_yf(gen);
    if (yf) {
        HLObject *ret;
        int err;
        if (hl_err_given_exception_matches(typ, hl_exc_GeneratorExit) && close_on_genexit) {
            /* Close the delegate, then raise GeneratorExit here. */
            int8_t state = gen->gi_frame_state;
            gen->gi_frame_state = FRAME_EXECUTING;
            err = gen_close_iter(yf);
            gen->gi_frame_state = state;
            hl_decref(yf);
            if (err < 0)
                return gen_send_ex(gen, HL_None, 1, 0);
            goto throw_here;
        }
        if (hl_gen_check(yf)) {
            int8_t state = gen->gi_frame_state;
            gen->gi_frame_state = FRAME_EXECUTING;
            ret = gen_throw_impl((HLGenObject *)yf, close_on_genexit, typ, val, tb);
            gen->gi_frame_state = state;
        } else {
            HLObject *meth = hl_object_getattr_str(yf, "throw");
            if (meth == NULL) {
                if (!hl_err_exception_matches(hl_exc_AttributeError)) {
                    hl_decref(yf);
                    return NULL;
                }
                hl_err_clear();
                hl_decref(yf);
                goto throw_here;
            }
            int8_t state = gen->gi_frame_state;
            gen->gi_frame_state = FRAME_EXECUTING;
            HLObject *argv[3] = {typ, val, tb};
            ret = hl_vectorcall(meth, argv, val == NULL ? 1 : tb == NULL ? 2 : 3, NULL);
            gen->gi_frame_state = state;
            hl_decref(meth);
        }
        hl_decref(yf);
        if (!ret) {
            /* The delegate is done: its value (or error) goes on here. */
            HLObject *val2;
            hl_frame *f = GEN_FRAME(gen);
            HLObject *top = f->localsplus[--f->stacktop];
            hl_decref(top);
            if (hl_fetch_stop_iteration_value(&val2) == 0) {
                /* Continue at the SEND's exit with the value, as if the
                 * SEND had seen the delegate return. */
                const uint32_t *code = f->f_code->co_code;
                int send = f->prev_instr - 1;
                f->prev_instr = (int)HL_OPARG(code[send]) - 1;
                ret = gen_send_ex(gen, val2, 0, 0);
                hl_decref(val2);
            } else {
                ret = gen_send_ex(gen, HL_None, 1, 0);
            }
        }
        return ret;
    }

throw_here:
    if (tb == HL_None) {
        tb = NULL;
    } else if (tb != NULL && !HL_IS_TYPE(tb, &hl_traceback_type)) {
        hl_err_set_string(hl_exc_TypeError, "throw() third argument must be a traceback object");
        return NULL;
    }
    HLObject *exc;
    if (hl_exception_class_check(typ)) {
        if (val != NULL && hl_exception_check(val) && hl_type_is_subtype(HL_TYPE(val), (HLTypeObject *)typ)) {
            exc = hl_newref(val);
        } else {
            HLObject *argv[1] = {val};
            exc = val == NULL || val == HL_None ? hl_call_noargs(typ)
                  : hl_tuple_check(val)         ? hl_call(typ, val, NULL)
                                                : hl_vectorcall(typ, argv, 1, NULL);
            if (exc == NULL)
                return NULL;
        }
    } else if (hl_exception_check(typ)) {
        if (val && val != HL_None) {
            hl_err_set_string(hl_exc_TypeError, "instance exception may not have a separate value");
            return NULL;
        }
        exc = hl_newref(typ);
    } else {
        hl_err_format(hl_exc_TypeError,
                      "exceptions must be classes or instances deriving from BaseException, not %s",
                      HL_TYPE(typ)->tp_name);
        return NULL;
    }
    if (tb != NULL)
        hl_exception_set_traceback(exc, tb);
    hl_err_restore(exc);
    return gen_send_ex(gen, HL_None, 1, 0);
}

static HLObject *gen_throw(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    if (hl_arg_no_kwnames("throw", kw) < 0 || hl_arg_check_positional("throw", nargs, 1, 3) < 0)
        return NULL;
    return gen_throw_impl((HLGenObject *)self, 1, args[0], nargs > 1 ? args[1] : NULL, nargs > 2 ? args[2] : NULL);
}

/* _PyGen_Finalize: a suspended generator is closed before it dies. */
static void gen_finalize(HLObject *self)
{
    HLGenObject *gen = (HLGenObject *)self;
    if (gen->gi_frame_state >= FRAME_COMPLETED)
        return;
    HLObject *saved = hl_err_fetch();
    HLObject *res = gen_close(self, NULL, 0, NULL);
    if (res == NULL) {
        if (hl_err_occurred())
            hl_err_write_unraisable(self);
    } else {
        hl_decref(res);
    }
    hl_err_restore(saved);
}

static void gen_dealloc(HLObject *self)
{
    HLGenObject *gen = (HLGenObject *)self;
    hl_gc_untrack(self);
    if (gen->gi_weakreflist != NULL)
        hl_object_clear_weakrefs(self);
    hl_gc_track(self);
    if (hl_object_call_finalizer_from_dealloc(self))
        return; /* resurrected */
    hl_gc_untrack(self);
    if (gen->gi_frame_state < FRAME_CLEARED) {
        hl_frame *frame = GEN_FRAME(gen);
        gen->gi_frame_state = FRAME_CLEARED;
        frame->previous = NULL;
        hl_frame_clear(frame);
    }
    HL_CLEAR(gen->gi_code);
    HL_CLEAR(gen->gi_name);
    HL_CLEAR(gen->gi_qualname);
    exc_state_clear(&gen->gi_exc_state);
    hl_gc_del(self);
}

static int gen_traverse(HLObject *self, hl_visitproc visit, void *arg)
{
    HLGenObject *gen = (HLGenObject *)self;
    HL_VISIT(gen->gi_code);
    HL_VISIT(gen->gi_name);
    HL_VISIT(gen->gi_qualname);
    if (gen->gi_frame_state < FRAME_CLEARED) {
        int err = hl_frame_traverse(GEN_FRAME(gen), visit, arg);
        if (err)
            return err;
    }
    HL_VISIT(gen->gi_exc_state.exc_value);
    return 0;
}

static HLObject *gen_repr(HLObject *self)
{
    return hl_str_from_format("<generator object %S at %p>", ((HLGenObject *)self)->gi_qualname, (void *)self);
}

static HLObject *gen_get_name(HLObject *self, void *c) { return hl_newref(((HLGenObject *)self)->gi_name); }
static HLObject *gen_get_qualname(HLObject *self, void *c) { return hl_newref(((HLGenObject *)self)->gi_qualname); }
static HLObject *gen_get_code(HLObject *self, void *c) { return hl_newref(((HLGenObject *)self)->gi_code); }
static HLObject *gen_get_running(HLObject *self, void *c)
{
    return hl_newref(((HLGenObject *)self)->gi_frame_state == FRAME_EXECUTING ? HL_True : HL_False);
}
static HLObject *gen_get_suspended(HLObject *self, void *c)
{
    return hl_newref(((HLGenObject *)self)->gi_frame_state == FRAME_SUSPENDED ? HL_True : HL_False);
}
static HLObject *gen_get_frame(HLObject *self, void *c)
{
    HLGenObject *gen = (HLGenObject *)self;
    if (gen->gi_frame_state >= FRAME_CLEARED)
        return hl_none_new();
    HLObject *f = hl_frame_get_frame_object(GEN_FRAME(gen));
    return hl_xnewref(f);
}
static HLObject *gen_get_yieldfrom(HLObject *self, void *c)
{
    HLObject *yf = gen_yf((HLGenObject *)self);
    return yf ? yf : hl_none_new();
}

static HLGetSetDef gen_getset[] = {
    {"__name__", gen_get_name, NULL, NULL},
    {"__qualname__", gen_get_qualname, NULL, NULL},
    {"gi_code", gen_get_code, NULL, NULL},
    {"gi_running", gen_get_running, NULL, NULL},
    {"gi_suspended", gen_get_suspended, NULL, NULL},
    {"gi_frame", gen_get_frame, NULL, NULL},
    {"gi_yieldfrom", gen_get_yieldfrom, NULL, NULL},
    {NULL}};

static HLObject *gen_sizeof(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    HLCodeObject *code = (HLCodeObject *)((HLGenObject *)self)->gi_code;
    return hl_long_from_ssize((hl_ssize_t)(offsetof(HLGenObject, gi_iframe) + offsetof(hl_frame, localsplus) +
                                           sizeof(HLObject *) * (size_t)(code->co_nlocalsplus + code->co_stacksize)));
}

static HLMethodDef gen_methods[] = {
    {"send", (hl_cfunction)gen_send, HL_METH_O, NULL},
    {"throw", (hl_cfunction)gen_throw, HL_METH_FASTCALL, NULL},
    {"close", (hl_cfunction)gen_close, HL_METH_NOARGS, NULL},
    {"__sizeof__", (hl_cfunction)gen_sizeof, HL_METH_NOARGS, NULL},
    {NULL}};

HLTypeObject hl_gen_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "generator",
    .tp_basicsize = offsetof(HLGenObject, gi_iframe) + offsetof(hl_frame, localsplus),
    .tp_itemsize = sizeof(HLObject *),
    .tp_dealloc = gen_dealloc,
    .tp_repr = gen_repr,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = gen_traverse,
    .tp_weaklistoffset = offsetof(HLGenObject, gi_weakreflist),
    .tp_iter = hl_object_self_iter,
    .tp_iternext = gen_iternext,
    .tp_methods = gen_methods,
    .tp_getset = gen_getset,
    .tp_finalize = gen_finalize,
};
