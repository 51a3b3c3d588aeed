/*
 * ceval.c — the evaluation loop: CPython 3.11's _PyEval_EvalFrameDefault
 * without the specialising adaptive interpreter.
 *
 * One C loop runs a chain of frames.  A call to a Python function from
 * Python code pushes a new frame on the data stack (frame.c) and goes on
 * in the same loop (start_frame); its RETURN_VALUE pops it and pushes the
 * result on the caller's value stack (resume_frame).  The loop is entered
 * recursively only when C code calls Python: a callback, a dunder method
 * called by a slot, a finalizer, a generator being resumed.  So deep
 * Python recursion costs data-stack words, not C stack, and hits the
 * recursion limit (a RecursionError) long before any C limit.
 *
 * The value stack holds strong references, moved and dropped exactly where
 * CPython 3.11 moves and drops them — sys.getrefcount(x) counts the
 * reference its own argument slot holds, a call moves its arguments into
 * the callee's locals, `obj.meth(...)` pushes the unbound function and
 * `obj` instead of making a bound method (LOAD_METHOD), and a bound method
 * object met by CALL is unpacked into function and self the same way.
 *
 * Exceptions.  When an instruction fails, a traceback entry is added for
 * the frame (which needs a frame object: made now, on demand), then the
 * exception table (assemble.c) is searched for the innermost handler of
 * the failing instruction: the value stack is cut to the handler's depth,
 * the exception (and, for cleanup handlers, the failing instruction's
 * index) is pushed, and execution continues at the handler.  Without a
 * handler the frame is popped and cleared and the error continues in its
 * caller.  PUSH_EXC_INFO / POP_EXCEPT maintain the stack of exceptions
 * being handled (sys.exc_info(), implicit __context__ chaining).
 *
 * Quickening.  CPython 3.11 specialises a code object's instructions once
 * it has been entered or looped 8 times (co_warmup).  Two of the effects
 * are visible to a program and modelled: UNPACK_SEQUENCE of an exact tuple
 * or list makes no iterator, and a call of a C function with the vector
 * calling convention (PRECALL_NO_KW_BUILTIN_FAST and its kin) goes
 * straight to the function without counting a level of recursion, so
 * recursion through getattr() or dict.get reaches about twice as deep as
 * through repr() (uncounted_c_call).  heaplab decides per call what a
 * specialised site would do with that callable; CPython decides once per
 * site and falls back to the counting path when a site later meets a
 * different kind of callable.
 *
 * Fuel and interruption.  Every instruction spends one unit of a budget;
 * every 1024 instructions the loop checks whether the host asked it to
 * stop (hl_ts.interrupt_requested, the page's Stop button) or the fuel set
 * by hl_eval_set_fuel ran out, and raises KeyboardInterrupt in the running
 * code, which unwinds like any exception and leaves the heap consistent.
 */
#include <string.h>

#include "../objects/abstract.h"
#include "../objects/descrobject.h"
#include "../objects/dictobject.h"
#include "../objects/exceptions.h"
#include "../objects/frameobject.h"
#include "../objects/listobject.h"
#include "../objects/longobject.h"
#include "../objects/setobject.h"
#include "../objects/sliceobject.h"
#include "../objects/strobject.h"
#include "../objects/traceback.h"
#include "../objects/tupleobject.h"
#include "../runtime/errors.h"
#include "../runtime/state.h"
#include "../modules/modules.h"
#include "../objects/genobject.h"
#include "ceval_internal.h"
#include "pythonrun.h"

int hl_sequence_check_compat(HLObject *o);

hl_frame *hl_current_frame;
static HLObject *str_annotations; /* interned "__annotations__", immortal once made */

static uint64_t instructions_executed; /* before the current countdown */
static uint64_t fuel_limit;            /* 0: unlimited */
static uint64_t slice_length;          /* 0: no slicing */
static uint64_t slice_deadline;
static int eval_depth;                 /* evaluation loops active in C */
static hl_frame *suspended_frame;      /* where a sliced run stopped */
#define EVAL_CHECK_INTERVAL 1024

/* The result of a run that stopped at the end of its slice. */
static HLObject suspended_marker;
HLObject *const hl_eval_suspended = &suspended_marker;

void hl_eval_set_slice(uint64_t instructions)
{
    slice_length = instructions;
    slice_deadline = instructions_executed + instructions;
}

void hl_eval_set_fuel(uint64_t instructions)
{
    fuel_limit = instructions ? instructions_executed + instructions : 0;
}

uint64_t hl_eval_instructions_executed(void) { return instructions_executed; }

hl_frame *hl_eval_current_frame(void) { return hl_current_frame; }

HLObject *hl_eval_get_builtins(void)
{
    return hl_current_frame ? hl_current_frame->f_builtins : hl_builtins_dict();
}

HLObject *hl_eval_get_globals(void) { return hl_current_frame ? hl_current_frame->f_globals : NULL; }

HLObject *hl_eval_get_locals(void)
{
    if (hl_current_frame == NULL) {
        hl_err_set_string(hl_exc_SystemError, "frame does not exist");
        return NULL;
    }
    return hl_frame_locals(hl_current_frame);
}

/* Called every EVAL_CHECK_INTERVAL instructions: -1 with KeyboardInterrupt
 * set when the host wants the code stopped, 1 when the slice is over (the
 * outermost loop then returns to the host), else 0. */
static int handle_eval_breaker(void)
{
    instructions_executed += EVAL_CHECK_INTERVAL;
    if (hl_ts.interrupt_requested || (fuel_limit && instructions_executed >= fuel_limit)) {
        hl_ts.interrupt_requested = 0;
        fuel_limit = 0;
        hl_err_set_none(hl_exc_KeyboardInterrupt);
        return -1;
    }
    if (slice_length && instructions_executed >= slice_deadline) {
        /* Only the outermost loop can return to the host: an inner one has
         * C frames (a dunder call, a callback) above it.  It goes on, and
         * the check repeats every interval until the outermost is back. */
        return eval_depth == 1;
    }
    return 0;
}

/* ---- exception table ------------------------------------------------------- */

int hl_exception_handler(HLCodeObject *co, int i, int *depth, int *target, int *lasti)
{
    int lo = 0, hi = co->co_nexc;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        hl_exc_entry *e = &co->co_exceptiontable[mid];
        if (i < e->start)
            hi = mid;
        else if (i >= e->end)
            lo = mid + 1;
        else {
            *depth = e->depth;
            *target = e->target;
            *lasti = e->lasti;
            return 1;
        }
    }
    return 0;
}

/* PyTraceBack_Here: a new traceback entry for frame f in front of the
 * current exception's. */
static void traceback_here(hl_frame *f)
{
    HLObject *frame_obj = hl_frame_get_frame_object(f);
    if (frame_obj == NULL)
        return; /* MemoryError replaced the exception: it has no entry yet */
    HLObject *exc = hl_err_occurred();
    HLObject *tb = hl_traceback_new(hl_exception_get_traceback(exc), frame_obj, f->prev_instr, hl_frame_line(f));
    if (tb == NULL)
        return;
    hl_exception_set_traceback(exc, tb);
    hl_decref(tb);
}

/* Pops a finished frame and clears it; returns its caller. */
static hl_frame *pop_frame(hl_frame *f)
{
    hl_frame *prev = f->previous;
    hl_current_frame = prev;
    hl_frame_clear(f);
    hl_datastack_pop(f);
    return prev;
}

/* ---- the loop ------------------------------------------------------------------- */

#define TOP() (stack_pointer[-1])
#define SECOND() (stack_pointer[-2])
#define THIRD() (stack_pointer[-3])
#define PEEK(n) (stack_pointer[-(n)])
#define SET_TOP(v) (stack_pointer[-1] = (v))
#define SET_SECOND(v) (stack_pointer[-2] = (v))
#define PUSH(v) (*stack_pointer++ = (v))
#define POP() (*--stack_pointer)
#define STACK_SHRINK(n) (stack_pointer -= (n))
#define STACK_GROW(n) (stack_pointer += (n))
#define STACK_LEVEL() ((int)(stack_pointer - (frame->localsplus + co->co_nlocalsplus)))
#define GETLOCAL(i) (frame->localsplus[i])
#define SETLOCAL(i, v)                        \
    do {                                      \
        HLObject *_tmp = GETLOCAL(i);         \
        GETLOCAL(i) = (v);                    \
        hl_xdecref(_tmp);                     \
    } while (0)
#define GETITEM(t, i) HL_TUPLE_GET((t), (i))
#define SAVE_STACK() (frame->stacktop = (int)(stack_pointer - frame->localsplus))
#define LOAD_FRAME()                                                           \
    do {                                                                       \
        co = frame->f_code;                                                    \
        code = co->co_code;                                                    \
        consts = co->co_consts;                                                \
        names = co->co_names;                                                  \
        next_instr = frame->prev_instr + 1;                                    \
        stack_pointer = frame->localsplus + frame->stacktop;                   \
        frame->stacktop = -1; /* the stack pointer lives in the loop now */    \
    } while (0)
#define JUMPTO(x) (next_instr = (x))

/* _Py_EnterRecursivePy: every Python frame counts one level.  On failure
 * the level stays counted: exit_unwind gives it back. */
static int enter_recursive_py(void)
{
    if (++hl_ts.recursion_depth > hl_ts.recursion_limit + hl_ts.recursion_headroom || hl_c_stack_low()) {
        hl_ts.recursion_headroom++;
        hl_ts.recursion_depth--;
        hl_err_set_string(hl_exc_RecursionError, "maximum recursion depth exceeded");
        hl_ts.recursion_depth++;
        hl_ts.recursion_headroom--;
        return -1;
    }
    return 0;
}

static int warmup(HLCodeObject *co)
{
    if (co->co_warmup < 0)
        co->co_warmup++;
    return co->co_warmup == 0;
}

/* A C function called the way a quickened PRECALL site calls it after
 * specialising (CPython 3.11's specialize.c and ceval.c): without counting
 * a level of recursion for
 *   a builtin function (or bound built-in method) of the FASTCALL
 *     convention, without keyword arguments (PRECALL_NO_KW_BUILTIN_FAST,
 *     PRECALL_NO_KW_ISINSTANCE), or of FASTCALL|KEYWORDS
 *     (PRECALL_BUILTIN_FAST_WITH_KEYWORDS);
 *   len() with one argument (PRECALL_NO_KW_LEN);
 *   a method descriptor of either FASTCALL convention, called without
 *     keyword arguments on an instance of exactly its type
 *     (PRECALL_NO_KW_METHOD_DESCRIPTOR_FAST, ..._FAST_WITH_KEYWORDS).
 * Every other call of a C function counts a level, specialised
 * (METH_O, METH_NOARGS: ..._BUILTIN_O, ..._METHOD_DESCRIPTOR_O/NOARGS) or
 * not.  Returns 1 with *res set (NULL on error) if the call was made, 0 if
 * it is not one of these. */
static int uncounted_c_call(HLObject *callable, HLObject *const *args, int total_args, HLObject *kwnames,
                            HLObject **res)
{
    const int convention = HL_METH_VARARGS | HL_METH_FASTCALL | HL_METH_NOARGS | HL_METH_O | HL_METH_KEYWORDS;
    int positional = total_args - (kwnames ? (int)HL_SIZE(kwnames) : 0);
    if (HL_IS_TYPE(callable, &hl_cfunction_type)) {
        HLCFunctionObject *f = (HLCFunctionObject *)callable;
        int flags = f->m_ml->ml_flags & convention;
        if (flags == HL_METH_O) {
            if (kwnames || total_args != 1 || f->m_self != hl_builtins_module() || strcmp(f->m_ml->ml_name, "len"))
                return 0;
        } else if (flags == HL_METH_FASTCALL) {
            if (kwnames)
                return 0;
        } else if (flags != (HL_METH_FASTCALL | HL_METH_KEYWORDS)) {
            return 0;
        }
        *res = hl_cfunction_call_uncounted(f->m_ml, f->m_self, args, positional, kwnames);
        return 1;
    }
    if (HL_IS_TYPE(callable, &hl_method_descr_type) && !kwnames && total_args >= 1) {
        HLMethodDescrObject *d = (HLMethodDescrObject *)callable;
        int flags = d->d_method->ml_flags & convention;
        if ((flags != HL_METH_FASTCALL && flags != (HL_METH_FASTCALL | HL_METH_KEYWORDS)) ||
            HL_TYPE(args[0]) != d->d_type)
            return 0;
        *res = hl_cfunction_call_uncounted(d->d_method, args[0], args + 1, total_args - 1, NULL);
        return 1;
    }
    return 0;
}

enum { EVAL_START, EVAL_THROW, EVAL_RESUME };

static HLObject *eval_loop(hl_frame *frame, int mode);

HLObject *hl_eval_frame(hl_frame *frame, int throwflag) { return eval_loop(frame, throwflag ? EVAL_THROW : EVAL_START); }

/* The loop proper.  EVAL_RESUME continues a run that stopped at the end
 * of a slice, in the frame where it stopped; the frames above it (up to
 * the entry frame) are still on the data stack as they were. */
static HLObject *eval_loop(hl_frame *frame, int mode)
{
    HLCodeObject *co;
    const uint32_t *code;
    HLObject *consts, *names;
    int next_instr;
    HLObject **stack_pointer;
    HLObject *kwnames = NULL; /* borrowed, set by KW_NAMES for the next CALL */
    int countdown = EVAL_CHECK_INTERVAL;
    int opcode, oparg;

    eval_depth++;
    if (mode == EVAL_RESUME) {
        hl_current_frame = frame;
        goto resume_frame;
    }
    frame->is_entry = 1;
    frame->previous = hl_current_frame;
    hl_current_frame = frame;

    if (mode == EVAL_THROW) {
        /* generator.throw(): the exception appears in the frame where it
         * stopped. */
        if (enter_recursive_py() < 0)
            goto exit_unwind;
        goto resume_with_error;
    }

start_frame:
    if (enter_recursive_py() < 0)
        goto exit_unwind;
    warmup(frame->f_code);

resume_frame:
    LOAD_FRAME();

    for (;;) {
        uint32_t word = code[next_instr];
        frame->prev_instr = next_instr++;
        if (--countdown == 0) {
            countdown = EVAL_CHECK_INTERVAL;
            int breaker = handle_eval_breaker();
            if (breaker < 0)
                goto error;
            if (breaker > 0) {
                /* End of the slice: stop before this instruction. */
                frame->prev_instr--;
                SAVE_STACK();
                suspended_frame = frame;
                eval_depth--;
                return hl_eval_suspended;
            }
        }
        opcode = (int)HL_OPCODE(word);
        oparg = (int)HL_OPARG(word);

        switch (opcode) {
        case OP_NOP:
        case OP_RESUME:
            continue;

        case OP_LOAD_FAST: {
            HLObject *value = GETLOCAL(oparg);
            if (value == NULL) {
                hl_format_exc_unbound(co, oparg);
                goto error;
            }
            PUSH(hl_newref(value));
            continue;
        }
        case OP_LOAD_CONST:
            PUSH(hl_newref(GETITEM(consts, oparg)));
            continue;
        case OP_STORE_FAST: {
            HLObject *value = POP();
            SETLOCAL(oparg, value);
            continue;
        }
        case OP_DELETE_FAST: {
            HLObject *v = GETLOCAL(oparg);
            if (v == NULL) {
                hl_format_exc_unbound(co, oparg);
                goto error;
            }
            SETLOCAL(oparg, NULL);
            continue;
        }
        case OP_POP_TOP: {
            HLObject *value = POP();
            hl_decref(value);
            continue;
        }
        case OP_PUSH_NULL:
            PUSH(NULL);
            continue;
        case OP_COPY: {
            HLObject *peek = PEEK(oparg);
            PUSH(hl_newref(peek));
            continue;
        }
        case OP_SWAP: {
            HLObject *top = TOP();
            SET_TOP(PEEK(oparg));
            PEEK(oparg) = top;
            continue;
        }

        /* ---- operators ---- */
        case OP_UNARY_POSITIVE:
        case OP_UNARY_NEGATIVE:
        case OP_UNARY_INVERT: {
            HLObject *value = TOP();
            HLObject *res = opcode == OP_UNARY_POSITIVE   ? hl_number_positive(value)
                            : opcode == OP_UNARY_NEGATIVE ? hl_number_negative(value)
                                                          : hl_number_invert(value);
            hl_decref(value);
            SET_TOP(res);
            if (res == NULL)
                goto error;
            continue;
        }
        case OP_UNARY_NOT: {
            HLObject *value = TOP();
            int err = hl_object_is_true(value);
            hl_decref(value);
            if (err < 0) {
                STACK_SHRINK(1);
                goto error;
            }
            SET_TOP(hl_newref(err ? HL_False : HL_True));
            continue;
        }
        case OP_BINARY_OP: {
            HLObject *rhs = POP();
            HLObject *lhs = TOP();
            HLObject *res = oparg >= NB_INPLACE_OFFSET ? hl_number_inplace(lhs, rhs, oparg - NB_INPLACE_OFFSET)
                                                       : hl_number_binary(lhs, rhs, oparg);
            hl_decref(lhs);
            hl_decref(rhs);
            SET_TOP(res);
            if (res == NULL)
                goto error;
            continue;
        }
        case OP_COMPARE_OP: {
            HLObject *right = POP();
            HLObject *left = TOP();
            HLObject *res = hl_object_richcompare(left, right, oparg);
            SET_TOP(res);
            hl_decref(left);
            hl_decref(right);
            if (res == NULL)
                goto error;
            continue;
        }
        case OP_IS_OP: {
            HLObject *right = POP();
            HLObject *left = TOP();
            int res = (left == right) ^ oparg;
            hl_decref(left);
            hl_decref(right);
            SET_TOP(hl_newref(res ? HL_True : HL_False));
            continue;
        }
        case OP_CONTAINS_OP: {
            HLObject *right = POP();
            HLObject *left = POP();
            int res = hl_sequence_contains(right, left);
            hl_decref(left);
            hl_decref(right);
            if (res < 0)
                goto error;
            PUSH(hl_newref((res ^ oparg) ? HL_True : HL_False));
            continue;
        }
        case OP_BINARY_SUBSCR: {
            HLObject *sub = POP();
            HLObject *container = TOP();
            HLObject *res = hl_object_get_item(container, sub);
            hl_decref(container);
            hl_decref(sub);
            SET_TOP(res);
            if (res == NULL)
                goto error;
            continue;
        }
        case OP_STORE_SUBSCR: {
            HLObject *sub = TOP(), *container = SECOND(), *v = THIRD();
            STACK_SHRINK(3);
            int err = hl_object_set_item(container, sub, v);
            hl_decref(v);
            hl_decref(container);
            hl_decref(sub);
            if (err)
                goto error;
            continue;
        }
        case OP_DELETE_SUBSCR: {
            HLObject *sub = TOP(), *container = SECOND();
            STACK_SHRINK(2);
            int err = hl_object_del_item(container, sub);
            hl_decref(container);
            hl_decref(sub);
            if (err)
                goto error;
            continue;
        }

        /* ---- names ---- */
        case OP_LOAD_NAME: {
            HLObject *name = GETITEM(names, oparg), *v;
            if (frame->f_locals == NULL) {
                hl_err_format(hl_exc_SystemError, "no locals when loading %R", name);
                goto error;
            }
            if (hl_mapping_lookup(frame->f_locals, name, &v) < 0)
                goto error;
            if (v == NULL && (v = hl_load_global(frame, name)) == NULL)
                goto error;
            PUSH(v);
            continue;
        }
        case OP_STORE_NAME: {
            HLObject *name = GETITEM(names, oparg), *v = POP(), *ns = frame->f_locals;
            if (ns == NULL) {
                hl_err_format(hl_exc_SystemError, "no locals found when storing %R", name);
                hl_decref(v);
                goto error;
            }
            int err = hl_dict_check_exact(ns) ? hl_dict_set_item(ns, name, v) : hl_object_set_item(ns, name, v);
            hl_decref(v);
            if (err)
                goto error;
            continue;
        }
        case OP_DELETE_NAME: {
            HLObject *name = GETITEM(names, oparg), *ns = frame->f_locals;
            if (ns == NULL) {
                hl_err_format(hl_exc_SystemError, "no locals when deleting %R", name);
                goto error;
            }
            if (hl_object_del_item(ns, name) != 0) {
                if (hl_err_exception_matches(hl_exc_KeyError)) {
                    hl_err_clear();
                    hl_format_exc_check_arg(hl_exc_NameError, "name '%s' is not defined", name);
                }
                goto error;
            }
            continue;
        }
        case OP_LOAD_GLOBAL: {
            HLObject *v = hl_load_global(frame, GETITEM(names, oparg));
            if (v == NULL)
                goto error;
            PUSH(v);
            continue;
        }
        case OP_STORE_GLOBAL: {
            HLObject *v = POP();
            int err = hl_dict_set_item(frame->f_globals, GETITEM(names, oparg), v);
            hl_decref(v);
            if (err)
                goto error;
            continue;
        }
        case OP_DELETE_GLOBAL: {
            HLObject *name = GETITEM(names, oparg);
            if (hl_dict_del_item(frame->f_globals, name) != 0) {
                if (hl_err_exception_matches(hl_exc_KeyError)) {
                    hl_err_clear();
                    hl_format_exc_check_arg(hl_exc_NameError, "name '%s' is not defined", name);
                }
                goto error;
            }
            continue;
        }

        /* ---- cells ---- */
        case OP_MAKE_CELL: {
            HLObject *initial = GETLOCAL(oparg);
            HLObject *cell = hl_cell_new(initial);
            if (cell == NULL)
                goto error;
            SETLOCAL(oparg, cell);
            continue;
        }
        case OP_COPY_FREE_VARS: {
            HLObject *closure = ((HLFunctionObject *)frame->f_func)->func_closure;
            int offset = co->co_nlocalsplus - oparg;
            for (int i = 0; i < oparg; i++)
                frame->localsplus[offset + i] = hl_newref(GETITEM(closure, i));
            continue;
        }
        case OP_LOAD_CLOSURE: {
            HLObject *value = GETLOCAL(oparg);
            if (value == NULL) {
                hl_format_exc_unbound(co, oparg);
                goto error;
            }
            PUSH(hl_newref(value));
            continue;
        }
        case OP_LOAD_DEREF: {
            HLObject *value = ((HLCellObject *)GETLOCAL(oparg))->ob_ref;
            if (value == NULL) {
                hl_format_exc_unbound(co, oparg);
                goto error;
            }
            PUSH(hl_newref(value));
            continue;
        }
        case OP_STORE_DEREF: {
            HLObject *v = POP();
            HLCellObject *cell = (HLCellObject *)GETLOCAL(oparg);
            HLObject *old = cell->ob_ref;
            cell->ob_ref = v;
            hl_xdecref(old);
            continue;
        }
        case OP_DELETE_DEREF: {
            HLCellObject *cell = (HLCellObject *)GETLOCAL(oparg);
            HLObject *old = cell->ob_ref;
            if (old == NULL) {
                hl_format_exc_unbound(co, oparg);
                goto error;
            }
            cell->ob_ref = NULL;
            hl_decref(old);
            continue;
        }
        case OP_LOAD_CLASSDEREF: {
            /* A class body reads a free variable from its namespace first. */
            HLObject *value;
            if (hl_mapping_lookup(frame->f_locals, GETITEM(co->co_localsplusnames, oparg), &value) < 0)
                goto error;
            if (value == NULL) {
                value = hl_xnewref(((HLCellObject *)GETLOCAL(oparg))->ob_ref);
                if (value == NULL) {
                    hl_format_exc_unbound(co, oparg);
                    goto error;
                }
            }
            PUSH(value);
            continue;
        }

        /* ---- attributes ---- */
        case OP_LOAD_ATTR: {
            HLObject *owner = TOP();
            HLObject *res = hl_object_getattr(owner, GETITEM(names, oparg));
            hl_decref(owner);
            SET_TOP(res);
            if (res == NULL)
                goto error;
            continue;
        }
        case OP_STORE_ATTR: {
            HLObject *owner = TOP(), *v = SECOND();
            STACK_SHRINK(2);
            int err = hl_object_setattr(owner, GETITEM(names, oparg), v);
            hl_decref(v);
            hl_decref(owner);
            if (err)
                goto error;
            continue;
        }
        case OP_DELETE_ATTR: {
            HLObject *owner = POP();
            int err = hl_object_setattr(owner, GETITEM(names, oparg), NULL);
            hl_decref(owner);
            if (err)
                goto error;
            continue;
        }
        case OP_LOAD_METHOD: {
            /* [obj] -> [meth, obj] for a method found on the type, else
             * [NULL, attr]: no bound method object is made. */
            HLObject *obj = TOP();
            int unbound = 0;
            HLObject *meth = hl_object_get_method(obj, GETITEM(names, oparg), &unbound);
            if (meth == NULL)
                goto error;
            if (unbound) {
                SET_TOP(meth);
                PUSH(obj);
            } else {
                SET_TOP(NULL);
                hl_decref(obj);
                PUSH(meth);
            }
            continue;
        }

        /* ---- building ---- */
        case OP_BUILD_TUPLE: {
            HLObject *tup = hl_tuple_from_array_steal(stack_pointer - oparg, oparg);
            if (tup == NULL)
                goto error;
            STACK_SHRINK(oparg);
            PUSH(tup);
            continue;
        }
        case OP_BUILD_LIST: {
            HLObject *list = hl_list_new(oparg);
            if (list == NULL)
                goto error;
            while (--oparg >= 0)
                HL_LIST_GET(list, oparg) = POP();
            PUSH(list);
            continue;
        }
        case OP_LIST_TO_TUPLE: {
            HLObject *list = POP();
            HLObject *tuple = hl_list_as_tuple(list);
            hl_decref(list);
            if (tuple == NULL)
                goto error;
            PUSH(tuple);
            continue;
        }
        case OP_LIST_EXTEND: {
            HLObject *iterable = POP(), *list = PEEK(oparg);
            HLObject *none_val = hl_list_extend(list, iterable);
            if (none_val == NULL) {
                if (hl_err_exception_matches(hl_exc_TypeError) && HL_TYPE(iterable)->tp_iter == NULL &&
                    !hl_sequence_check_compat(iterable)) {
                    hl_err_clear();
                    hl_err_format(hl_exc_TypeError, "Value after * must be an iterable, not %.200s",
                                  HL_TYPE(iterable)->tp_name);
                }
                hl_decref(iterable);
                goto error;
            }
            hl_decref(none_val);
            hl_decref(iterable);
            continue;
        }
        case OP_BUILD_SET: {
            HLObject *set = hl_set_new(NULL);
            int err = set == NULL;
            for (int i = oparg; i > 0; i--) {
                HLObject *item = PEEK(i);
                if (err == 0)
                    err = hl_set_add(set, item) < 0;
                hl_decref(item);
            }
            STACK_SHRINK(oparg);
            if (err) {
                hl_xdecref(set);
                goto error;
            }
            PUSH(set);
            continue;
        }
        case OP_BUILD_MAP: {
            HLObject *map = hl_dict_from_items(&PEEK(2 * oparg), 2, &PEEK(2 * oparg - 1), 2, oparg);
            while (oparg--) {
                hl_decref(POP());
                hl_decref(POP());
            }
            if (map == NULL)
                goto error;
            PUSH(map);
            continue;
        }
        case OP_BUILD_CONST_KEY_MAP: {
            HLObject *keys = TOP();
            if (!hl_tuple_check_exact(keys) || HL_SIZE(keys) != oparg) {
                hl_err_set_string(hl_exc_SystemError, "bad BUILD_CONST_KEY_MAP keys argument");
                goto error;
            }
            HLObject *map = hl_dict_from_items(&HL_TUPLE_GET(keys, 0), 1, &PEEK(oparg + 1), 1, oparg);
            hl_decref(POP());
            while (oparg--)
                hl_decref(POP());
            if (map == NULL)
                goto error;
            PUSH(map);
            continue;
        }
        case OP_DICT_UPDATE: {
            HLObject *update = POP(), *dict = PEEK(oparg);
            if (hl_dict_update(dict, update) < 0) {
                if (hl_err_exception_matches(hl_exc_AttributeError)) {
                    hl_err_clear();
                    hl_err_format(hl_exc_TypeError, "'%.200s' object is not a mapping", HL_TYPE(update)->tp_name);
                }
                hl_decref(update);
                goto error;
            }
            hl_decref(update);
            continue;
        }
        case OP_DICT_MERGE: {
            HLObject *update = POP(), *dict = PEEK(oparg);
            if (hl_dict_merge_unique(dict, update) < 0) {
                hl_format_kwargs_error(PEEK(2 + oparg), update);
                hl_decref(update);
                goto error;
            }
            hl_decref(update);
            continue;
        }
        case OP_LIST_APPEND:
        case OP_SET_ADD:
        case OP_SET_UPDATE: {
            /* [container, ..., v] -> [container, ...]: add v (or its
             * items) to the list or set oparg slots down. */
            HLObject *v = POP(), *container = PEEK(oparg);
            int err = opcode == OP_LIST_APPEND ? hl_list_append(container, v)
                      : opcode == OP_SET_ADD   ? hl_set_add(container, v)
                                               : hl_set_update(container, v);
            hl_decref(v);
            if (err < 0)
                goto error;
            continue;
        }
        case OP_MAP_ADD: {
            HLObject *value = POP(), *key = POP(), *map = PEEK(oparg);
            int err = hl_dict_set_item(map, key, value);
            hl_decref(key);
            hl_decref(value);
            if (err)
                goto error;
            continue;
        }
        case OP_BUILD_STRING: {
            HLObject *empty = hl_str_empty();
            HLObject *str = hl_str_join_array(empty, stack_pointer - oparg, oparg);
            hl_decref(empty);
            while (--oparg >= 0)
                hl_decref(POP());
            if (str == NULL)
                goto error;
            PUSH(str);
            continue;
        }
        case OP_BUILD_SLICE: {
            HLObject *step = oparg == 3 ? POP() : NULL;
            HLObject *stop = POP(), *start = TOP();
            HLObject *slice = hl_slice_new(start, stop, step);
            hl_decref(start);
            hl_decref(stop);
            hl_xdecref(step);
            SET_TOP(slice);
            if (slice == NULL)
                goto error;
            continue;
        }
        case OP_FORMAT_VALUE: {
            int which = oparg & FVC_MASK;
            HLObject *fmt_spec = (oparg & FVS_MASK) == FVS_HAVE_SPEC ? POP() : NULL;
            HLObject *value = POP(), *result;
            if (which != FVC_NONE) {
                result = which == FVC_STR ? hl_object_str(value)
                         : which == FVC_REPR ? hl_object_repr(value)
                                             : hl_object_ascii(value);
                hl_decref(value);
                if (result == NULL) {
                    hl_xdecref(fmt_spec);
                    goto error;
                }
                value = result;
            }
            if (hl_str_check_exact(value) && fmt_spec == NULL) {
                result = value;
            } else {
                result = hl_object_format(value, fmt_spec);
                hl_decref(value);
                hl_xdecref(fmt_spec);
                if (result == NULL)
                    goto error;
            }
            PUSH(result);
            continue;
        }
        case OP_UNPACK_SEQUENCE: {
            HLObject *seq = POP();
            /* Once the code is quickened, 3.11 unpacks exact tuples and
             * lists of the right length without an iterator. */
            if (co->co_warmup == 0 && (hl_tuple_check_exact(seq) || hl_list_check_exact(seq)) &&
                HL_SIZE(seq) == oparg) {
                HLObject **items = hl_tuple_check_exact(seq) ? &HL_TUPLE_GET(seq, 0) : &HL_LIST_GET(seq, 0);
                for (int i = oparg; --i >= 0;)
                    PUSH(hl_newref(items[i]));
            } else {
                if (!hl_unpack_iterable(seq, oparg, -1, stack_pointer + oparg)) {
                    hl_decref(seq);
                    goto error;
                }
                STACK_GROW(oparg);
            }
            hl_decref(seq);
            continue;
        }
        case OP_UNPACK_EX: {
            int totalargs = 1 + (oparg & 0xFF) + (oparg >> 8);
            HLObject *seq = POP();
            if (!hl_unpack_iterable(seq, oparg & 0xFF, oparg >> 8, stack_pointer + totalargs)) {
                hl_decref(seq);
                goto error;
            }
            STACK_GROW(totalargs);
            hl_decref(seq);
            continue;
        }

        /* ---- control flow ---- */
        case OP_JUMP:
            if (oparg <= frame->prev_instr) {
                /* A loop's backward jump: one warmup step. */
                warmup(co);
            }
            JUMPTO(oparg);
            continue;
        case OP_POP_JUMP_IF_FALSE:
        case OP_POP_JUMP_IF_TRUE: {
            HLObject *cond = POP();
            int t;
            if (cond == HL_True)
                t = 1;
            else if (cond == HL_False)
                t = 0;
            else if ((t = hl_object_is_true(cond)) < 0) {
                hl_decref(cond);
                goto error;
            }
            hl_decref(cond);
            if (t == (opcode == OP_POP_JUMP_IF_TRUE))
                JUMPTO(oparg);
            continue;
        }
        case OP_POP_JUMP_IF_NONE:
        case OP_POP_JUMP_IF_NOT_NONE: {
            HLObject *value = POP();
            if ((value == HL_None) == (opcode == OP_POP_JUMP_IF_NONE))
                JUMPTO(oparg);
            hl_decref(value);
            continue;
        }
        case OP_JUMP_IF_FALSE_OR_POP:
        case OP_JUMP_IF_TRUE_OR_POP: {
            HLObject *cond = TOP();
            int t = cond == HL_True ? 1 : cond == HL_False ? 0 : hl_object_is_true(cond);
            if (t < 0)
                goto error;
            if (t == (opcode == OP_JUMP_IF_TRUE_OR_POP)) {
                JUMPTO(oparg);
            } else {
                STACK_SHRINK(1);
                hl_decref(cond);
            }
            continue;
        }
        case OP_GET_ITER: {
            HLObject *iterable = TOP();
            HLObject *iter = hl_object_get_iter(iterable);
            hl_decref(iterable);
            SET_TOP(iter);
            if (iter == NULL)
                goto error;
            continue;
        }
        case OP_FOR_ITER: {
            HLObject *iter = TOP();
            HLObject *next = HL_TYPE(iter)->tp_iternext(iter);
            if (next != NULL) {
                PUSH(next);
                continue;
            }
            if (hl_err_occurred()) {
                if (!hl_err_exception_matches(hl_exc_StopIteration))
                    goto error;
                hl_err_clear();
            }
            /* The iterator is done: drop it and leave the loop. */
            STACK_SHRINK(1);
            hl_decref(iter);
            JUMPTO(oparg);
            continue;
        }

        /* ---- calls ---- */
        case OP_KW_NAMES:
            kwnames = GETITEM(consts, oparg);
            continue;
        case OP_CALL: {
            int is_meth = PEEK(oparg + 2) != NULL;
            HLObject *function = PEEK(oparg + 1);
            if (!is_meth && hl_method_check(function)) {
                /* A bound method: call its function with self first. */
                HLObject *meth = ((HLMethodObject *)function)->im_func;
                HLObject *self = ((HLMethodObject *)function)->im_self;
                PEEK(oparg + 1) = hl_newref(self);
                PEEK(oparg + 2) = hl_newref(meth);
                hl_decref(function);
                is_meth = 1;
            }
            int total_args = oparg + is_meth;
            function = PEEK(total_args + 1);
            int positional_args = total_args - (kwnames ? (int)HL_SIZE(kwnames) : 0);
            if (hl_function_check(function)) {
                /* A Python function: a new frame, same loop. */
                int flags = ((HLCodeObject *)((HLFunctionObject *)function)->func_code)->co_flags;
                HLObject *locals = flags & CO_OPTIMIZED ? NULL : hl_newref(((HLFunctionObject *)function)->func_globals);
                STACK_SHRINK(total_args);
                hl_frame *new_frame = hl_frame_push_and_init((HLFunctionObject *)function, locals, stack_pointer,
                                                             (size_t)positional_args, kwnames);
                kwnames = NULL;
                STACK_SHRINK(2 - is_meth);
                if (new_frame == NULL)
                    goto error;
                SAVE_STACK();
                new_frame->previous = frame;
                hl_current_frame = frame = new_frame;
                goto start_frame;
            }
            SAVE_STACK();
            HLObject *res;
            if (co->co_warmup != 0 || !uncounted_c_call(function, stack_pointer - total_args, total_args, kwnames, &res))
                res = hl_vectorcall(function, stack_pointer - total_args,
                                    (size_t)positional_args | HL_VECTORCALL_ARGUMENTS_OFFSET, kwnames);
            frame->stacktop = -1;
            kwnames = NULL;
            hl_decref(function);
            STACK_SHRINK(total_args);
            for (int i = 0; i < total_args; i++)
                hl_decref(stack_pointer[i]);
            STACK_SHRINK(2 - is_meth);
            PUSH(res);
            if (res == NULL)
                goto error;
            continue;
        }
        case OP_CALL_FUNCTION_EX: {
            HLObject *kwargs = NULL;
            if (oparg & 1) {
                kwargs = POP();
                if (!hl_dict_check_exact(kwargs)) {
                    HLObject *d = hl_dict_new();
                    if (d == NULL || hl_dict_merge_unique(d, kwargs) < 0) {
                        hl_xdecref(d);
                        hl_format_kwargs_error(SECOND(), kwargs);
                        hl_decref(kwargs);
                        goto error;
                    }
                    hl_decref(kwargs);
                    kwargs = d;
                }
            }
            HLObject *callargs = POP(), *func = TOP();
            if (!hl_tuple_check_exact(callargs)) {
                if (HL_TYPE(callargs)->tp_iter == NULL && !hl_sequence_check_compat(callargs)) {
                    HLObject *fname = hl_function_display_name(func);
                    hl_err_format(hl_exc_TypeError, "%U argument after * must be an iterable, not %.200s",
                                  fname ? fname : HL_None, HL_TYPE(callargs)->tp_name);
                    hl_xdecref(fname);
                    hl_decref(callargs);
                    hl_xdecref(kwargs);
                    goto error;
                }
                HLObject *t = hl_sequence_tuple(callargs);
                hl_decref(callargs);
                if (t == NULL) {
                    hl_xdecref(kwargs);
                    goto error;
                }
                callargs = t;
            }
            SAVE_STACK();
            HLObject *result = hl_call(func, callargs, kwargs);
            frame->stacktop = -1;
            hl_decref(func);
            hl_decref(callargs);
            hl_xdecref(kwargs);
            STACK_SHRINK(1);
            SET_TOP(result); /* replaces the NULL under the function */
            if (result == NULL)
                goto error;
            continue;
        }
        case OP_MAKE_FUNCTION: {
            HLObject *codeobj = POP();
            HLFunctionObject *func = (HLFunctionObject *)hl_function_new(codeobj, frame->f_globals, NULL);
            hl_decref(codeobj);
            if (func == NULL)
                goto error;
            if (oparg & MAKE_FUNCTION_CLOSURE)
                func->func_closure = POP();
            if (oparg & MAKE_FUNCTION_ANNOTATIONS)
                func->func_annotations = POP();
            if (oparg & MAKE_FUNCTION_KWDEFAULTS)
                func->func_kwdefaults = POP();
            if (oparg & MAKE_FUNCTION_DEFAULTS)
                func->func_defaults = POP();
            PUSH((HLObject *)func);
            continue;
        }
        case OP_RETURN_VALUE: {
            HLObject *retval = POP();
            SAVE_STACK();
            hl_ts.recursion_depth--;
            if (!frame->is_entry) {
                frame = pop_frame(frame);
                /* The caller's value stack grows by the result. */
                frame->localsplus[frame->stacktop++] = retval;
                goto resume_frame;
            }
            hl_current_frame = frame->previous;
            eval_depth--;
            return retval;
        }

        /* ---- generators ---- */
        case OP_RETURN_GENERATOR: {
            SAVE_STACK();
            HLObject *gen = hl_gen_new_for_frame((HLFunctionObject *)frame->f_func, frame);
            if (gen == NULL) {
                frame->stacktop = -1;
                goto error;
            }
            /* The generator took the frame's references (and its place
             * after this instruction). */
            hl_ts.recursion_depth--;
            if (!frame->is_entry) {
                hl_frame *prev = frame->previous;
                hl_datastack_pop(frame);
                hl_current_frame = frame = prev;
                frame->localsplus[frame->stacktop++] = gen;
                goto resume_frame;
            }
            frame->stacktop = 0;
            frame->f_locals = NULL;
            hl_incref(frame->f_func);
            hl_incref(frame->f_code);
            hl_current_frame = frame->previous;
            eval_depth--;
            return gen;
        }
        case OP_YIELD_VALUE: {
            HLObject *retval = POP();
            SAVE_STACK();
            hl_gen_set_suspended(frame);
            hl_ts.recursion_depth--;
            hl_current_frame = frame->previous;
            eval_depth--;
            return retval;
        }
        case OP_GET_YIELD_FROM_ITER: {
            HLObject *iterable = TOP();
            if (!hl_gen_check(iterable)) {
                HLObject *iter = hl_object_get_iter(iterable);
                hl_decref(iterable);
                SET_TOP(iter);
                if (iter == NULL)
                    goto error;
            }
            continue;
        }
        case OP_SEND: {
            HLObject *v = POP(), *receiver = TOP(), *retval;
            int ret;
            SAVE_STACK();
            if (hl_gen_check(receiver)) {
                ret = hl_gen_send(receiver, v, &retval);
            } else if (v == HL_None) {
                retval = HL_TYPE(receiver)->tp_iternext(receiver);
                ret = retval != NULL ? 1 : 0;
                if (retval == NULL) {
                    if (hl_err_occurred() && !hl_err_exception_matches(hl_exc_StopIteration))
                        ret = -1;
                    else
                        ret = hl_fetch_stop_iteration_value(&retval);
                }
            } else {
                retval = hl_call_method(receiver, "send", &v, 1);
                ret = retval != NULL ? 1 : 0;
                if (retval == NULL)
                    ret = hl_err_exception_matches(hl_exc_StopIteration) ? hl_fetch_stop_iteration_value(&retval) : -1;
            }
            frame->stacktop = -1;
            hl_decref(v);
            if (ret < 0)
                goto error;
            if (ret == 0) {
                /* returned: the receiver is done */
                hl_decref(receiver);
                SET_TOP(retval);
                JUMPTO(oparg);
                continue;
            }
            PUSH(retval);
            continue;
        }

        /* ---- exceptions ---- */
        case OP_RAISE_VARARGS: {
            HLObject *cause = NULL, *exc = NULL;
            if (oparg == 2)
                cause = POP();
            if (oparg >= 1)
                exc = POP();
            if (hl_do_raise(exc, cause))
                goto exception_unwind;
            goto error;
        }
        case OP_RERAISE: {
            if (oparg) {
                HLObject *lasti = PEEK(oparg + 1);
                frame->prev_instr = (int)hl_long_as_long(lasti);
            }
            HLObject *val = POP();
            hl_err_restore(val);
            goto exception_unwind;
        }
        case OP_PUSH_EXC_INFO: {
            HLObject *value = TOP();
            hl_err_stackitem *exc_info = hl_ts.exc_info;
            SET_TOP(exc_info->exc_value != NULL ? exc_info->exc_value : hl_newref(HL_None));
            PUSH(hl_newref(value));
            exc_info->exc_value = value;
            continue;
        }
        case OP_POP_EXCEPT: {
            hl_err_stackitem *exc_info = hl_ts.exc_info;
            HLObject *value = exc_info->exc_value;
            exc_info->exc_value = POP();
            hl_xdecref(value);
            continue;
        }
        case OP_CHECK_EXC_MATCH: {
            HLObject *right = POP(), *left = TOP();
            if (hl_check_except_type_valid(right) < 0) {
                hl_decref(right);
                goto error;
            }
            int res = hl_err_given_exception_matches(left, right);
            hl_decref(right);
            PUSH(hl_newref(res ? HL_True : HL_False));
            continue;
        }
        case OP_LOAD_ASSERTION_ERROR:
            PUSH(hl_newref(hl_exc_AssertionError));
            continue;

        /* ---- with ---- */
        case OP_BEFORE_WITH: {
            HLObject *mgr = TOP();
            HLObject *enter = hl_lookup_special(mgr, "__enter__");
            if (enter == NULL) {
                if (!hl_err_occurred())
                    hl_err_format(hl_exc_TypeError, "'%.200s' object does not support the context manager protocol",
                                  HL_TYPE(mgr)->tp_name);
                goto error;
            }
            HLObject *exit = hl_lookup_special(mgr, "__exit__");
            if (exit == NULL) {
                if (!hl_err_occurred())
                    hl_err_format(hl_exc_TypeError,
                                  "'%.200s' object does not support the context manager protocol "
                                  "(missed __exit__ method)",
                                  HL_TYPE(mgr)->tp_name);
                hl_decref(enter);
                goto error;
            }
            SET_TOP(exit);
            hl_decref(mgr);
            SAVE_STACK();
            HLObject *res = hl_call_noargs(enter);
            frame->stacktop = -1;
            hl_decref(enter);
            if (res == NULL)
                goto error;
            PUSH(res);
            continue;
        }
        case OP_WITH_EXCEPT_START: {
            HLObject *val = TOP();
            HLObject *tb = hl_exception_get_traceback(val);
            HLObject *exit_func = PEEK(4);
            HLObject *stack[4] = {NULL, (HLObject *)HL_TYPE(val), val, tb ? tb : HL_None};
            SAVE_STACK();
            HLObject *res = hl_vectorcall(exit_func, stack + 1, 3 | HL_VECTORCALL_ARGUMENTS_OFFSET, NULL);
            frame->stacktop = -1;
            if (res == NULL)
                goto error;
            PUSH(res);
            continue;
        }

        /* ---- module and class bodies ---- */
        case OP_LOAD_BUILD_CLASS: {
            HLObject *bc = hl_dict_get_item_str(frame->f_builtins, "__build_class__");
            if (bc == NULL) {
                if (!hl_err_occurred())
                    hl_err_set_string(hl_exc_NameError, "__build_class__ not found");
                goto error;
            }
            PUSH(hl_newref(bc));
            continue;
        }
        case OP_LOAD_LOCALS: {
            if (frame->f_locals == NULL) {
                hl_err_set_string(hl_exc_SystemError, "no locals found");
                goto error;
            }
            PUSH(hl_newref(frame->f_locals));
            continue;
        }
        case OP_SETUP_ANNOTATIONS: {
            HLObject *locals = frame->f_locals;
            if (locals == NULL) {
                hl_err_set_string(hl_exc_SystemError, "no locals found when setting up annotations");
                goto error;
            }
            if (str_annotations == NULL && (str_annotations = hl_str_intern_from_cstr("__annotations__")) == NULL)
                goto error;
            int has = hl_dict_check_exact(locals) ? hl_dict_contains(locals, str_annotations)
                                                  : hl_sequence_contains(locals, str_annotations);
            if (has < 0)
                goto error;
            if (!has) {
                HLObject *ann = hl_dict_new();
                int err = ann == NULL || hl_object_set_item(locals, str_annotations, ann) < 0;
                hl_xdecref(ann);
                if (err)
                    goto error;
            }
            continue;
        }
        case OP_PRINT_EXPR: {
            HLObject *value = POP();
            HLObject *hook = hl_sys_get_object("displayhook");
            if (hook == NULL) {
                hl_err_set_string(hl_exc_RuntimeError, "lost sys.displayhook");
                hl_decref(value);
                goto error;
            }
            SAVE_STACK();
            HLObject *res = hl_call_one(hook, value);
            frame->stacktop = -1;
            hl_decref(value);
            if (res == NULL)
                goto error;
            hl_decref(res);
            continue;
        }
        case OP_IMPORT_NAME: {
            HLObject *name = GETITEM(names, oparg);
            HLObject *fromlist = POP(), *level = TOP();
            SAVE_STACK();
            HLObject *res = hl_import_name(frame, name, fromlist, level);
            frame->stacktop = -1;
            hl_decref(level);
            hl_decref(fromlist);
            SET_TOP(res);
            if (res == NULL)
                goto error;
            continue;
        }
        case OP_IMPORT_FROM: {
            HLObject *res = hl_import_from(TOP(), GETITEM(names, oparg));
            PUSH(res);
            if (res == NULL)
                goto error;
            continue;
        }
        case OP_IMPORT_STAR: {
            HLObject *from = POP();
            if (frame->f_locals == NULL) {
                hl_err_set_string(hl_exc_SystemError, "no locals found during 'import *'");
                hl_decref(from);
                goto error;
            }
            int err = hl_import_all_from(frame->f_locals, from);
            hl_decref(from);
            if (err)
                goto error;
            continue;
        }

        default:
            hl_err_format(hl_exc_SystemError, "unknown opcode %d", opcode);
            goto error;
        }

    error:
        kwnames = NULL;
        /* Every exception that passes through a frame gets an entry for
         * it in its traceback: this is where frame objects are born. */
        traceback_here(frame);

    exception_unwind: {
        int depth, handler, lasti;
        if (!hl_exception_handler(co, next_instr - 1, &depth, &handler, &lasti)) {
            /* No handler: drop the value stack, then the frame. */
            HLObject **stackbase = frame->localsplus + co->co_nlocalsplus;
            while (stack_pointer > stackbase) {
                HLObject *o = POP();
                hl_xdecref(o);
            }
            SAVE_STACK();
            goto exit_unwind;
        }
        HLObject **new_top = frame->localsplus + co->co_nlocalsplus + depth;
        while (stack_pointer > new_top) {
            HLObject *v = POP();
            hl_xdecref(v);
        }
        if (lasti) {
            HLObject *lasti_obj = hl_long_from_long(frame->prev_instr);
            if (lasti_obj == NULL)
                goto exception_unwind;
            PUSH(lasti_obj);
        }
        PUSH(hl_err_fetch());
        JUMPTO(handler);
        continue;
    }
    }

exit_unwind:
    hl_ts.recursion_depth--;
    if (frame->is_entry) {
        hl_current_frame = frame->previous;
        eval_depth--;
        return NULL;
    }
    frame = pop_frame(frame);

resume_with_error:
    LOAD_FRAME();
    goto error;
}

/* ---- entry points from C ------------------------------------------------------- */

HLObject *hl_eval_vector(HLFunctionObject *func, HLObject *locals, HLObject *const *args, size_t argcount,
                         HLObject *kwnames)
{
    /* The frame takes references to the function and the arguments. */
    hl_incref(func);
    hl_xincref(locals);
    size_t total = argcount + (kwnames ? (size_t)HL_SIZE(kwnames) : 0);
    for (size_t i = 0; i < total; i++)
        hl_incref(args[i]);
    hl_frame *frame = hl_frame_push_and_init(func, locals, args, argcount, kwnames);
    if (frame == NULL)
        return NULL;
    /* eval_loop itself, not hl_eval_frame: in WebAssembly every C frame
     * between two levels of recursion through C (a dunder method calling
     * Python calling the dunder again) costs engine stack, which bounds how
     * deep such recursion can go (state.h). */
    HLObject *retval = eval_loop(frame, EVAL_START);
    hl_frame_clear(frame);
    hl_datastack_pop(frame);
    return retval;
}

HLObject *hl_eval_code(HLObject *code, HLObject *globals, HLObject *locals)
{
    HLObject *builtins = hl_builtins_from_globals(globals);
    if (builtins == NULL)
        return NULL;
    HLFunctionObject *func = (HLFunctionObject *)hl_function_new(code, globals, NULL);
    if (func == NULL)
        return NULL;
    /* PyEval_EvalCode's function has no docstring (a module's first string
     * constant is not the function's __doc__, nor an extra reference). */
    HL_SETREF(func->func_doc, hl_newref(HL_None));
    HLObject *res = hl_eval_vector(func, locals, NULL, 0, NULL);
    hl_decref(func);
    return res;
}

/* Runs code as the outermost loop, able to stop at the end of a slice:
 * returns the result, NULL with an exception, or hl_eval_suspended (then
 * hl_eval_resume continues it). */
static hl_frame *sliced_entry;

/* After a slice of the run that entered at `entry`: suspended, the entry
 * frame stays for hl_eval_resume; finished, it goes. */
static HLObject *end_slice(hl_frame *entry, HLObject *res)
{
    if (res == hl_eval_suspended) {
        sliced_entry = entry;
        return res;
    }
    hl_frame_clear(entry);
    hl_datastack_pop(entry);
    return res;
}

HLObject *hl_eval_code_sliced(HLObject *code, HLObject *globals, HLObject *locals)
{
    if (sliced_entry != NULL) {
        hl_err_set_string(hl_exc_RuntimeError, "heaplab: a run is already suspended");
        return NULL;
    }
    HLFunctionObject *func = (HLFunctionObject *)hl_function_new(code, globals, NULL);
    if (func == NULL)
        return NULL;
    HL_SETREF(func->func_doc, hl_newref(HL_None));
    hl_xincref(locals);
    /* The frame takes our reference to the function. */
    hl_frame *frame = hl_frame_push_and_init(func, locals, NULL, 0, NULL);
    if (frame == NULL)
        return NULL;
    return end_slice(frame, eval_loop(frame, EVAL_START));
}

HLObject *hl_eval_resume(void)
{
    if (sliced_entry == NULL) {
        hl_err_set_string(hl_exc_RuntimeError, "heaplab: no suspended run to resume");
        return NULL;
    }
    hl_frame *entry = sliced_entry;
    sliced_entry = NULL;
    slice_deadline = instructions_executed + slice_length;
    return end_slice(entry, eval_loop(suspended_frame, EVAL_RESUME));
}

int hl_eval_is_suspended(void) { return sliced_entry != NULL; }

/* ---- heap roots and frame descriptions ------------------------------------------- */

void hl_eval_visit_roots(hl_visitproc visit, void *arg)
{
    for (hl_frame *f = hl_current_frame; f != NULL; f = f->previous) {
        if (f->owner != FRAME_OWNED_BY_THREAD || f->stacktop < 0)
            continue;
        hl_frame_traverse(f, visit, arg);
    }
}
