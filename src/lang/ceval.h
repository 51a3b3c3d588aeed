/*
 * ceval.h — the interpreter: frames and the evaluation loop (ceval.c,
 * frame.c).
 *
 * As in CPython 3.11, a running function's frame is not an object: it is an
 * hl_frame in a per-thread data stack, holding the function, its locals
 * ("localsplus": locals, cells, free variables) and its value stack.  A
 * frame object (frameobject.c) is made only when something needs one — a
 * traceback entry, a generator's gi_frame — and takes over the frame's data
 * if it outlives the call.  Python-to-Python calls push a new hl_frame and
 * continue in the same C loop; only calls from C into Python (callbacks,
 * dunder methods, finalizers) enter the loop recursively.
 */
#ifndef HL_CEVAL_H
#define HL_CEVAL_H

#include "../objects/codeobject.h"
#include "../objects/funcobject.h"
#include "opcodes.h"

enum { FRAME_OWNED_BY_THREAD = 0, FRAME_OWNED_BY_GENERATOR = 1, FRAME_OWNED_BY_FRAME_OBJECT = 2 };

typedef struct hl_frame {
    HLObject *f_func;         /* strong: the function (module code too runs as one) */
    HLObject *f_globals;      /* borrowed from f_func */
    HLObject *f_builtins;     /* borrowed from f_func */
    HLObject *f_locals;       /* strong or NULL: the namespace of module/class code */
    HLCodeObject *f_code;     /* strong */
    HLObject *frame_obj;      /* strong or NULL: its frame object, if made */
    struct hl_frame *previous;
    int prev_instr;           /* index of the instruction being executed */
    int stacktop;             /* value stack height, from localsplus */
    uint8_t is_entry;         /* the C eval loop returns when this frame does */
    uint8_t owner;
    HLObject *localsplus[1];  /* co_nlocalsplus slots, then co_stacksize */
} hl_frame;

#define HL_FRAME_SIZE(co) (offsetof(hl_frame, localsplus) + sizeof(HLObject *) * (size_t)(co)->co_framesize)

/* Runs a function called from C (Python functions' vectorcall); the
 * arguments are borrowed. */
HLObject *hl_eval_vector(HLFunctionObject *func, HLObject *locals, HLObject *const *args,
                         size_t argcount, HLObject *kwnames);
/* Runs code (module or class body) in a namespace, as PyEval_EvalCode:
 * a function object is made for it. */
HLObject *hl_eval_code(HLObject *code, HLObject *globals, HLObject *locals);
/* Runs a generator's frame (already holding the value sent in) until it
 * yields or returns; with throwflag the current exception is raised in it. */
HLObject *hl_eval_frame(hl_frame *frame, int throwflag);

/* The builtins dict of the running frame, or the interpreter's. */
HLObject *hl_eval_get_builtins(void);
HLObject *hl_eval_get_globals(void); /* borrowed, NULL if no frame */
HLObject *hl_eval_get_locals(void);  /* new reference (locals() semantics) */
hl_frame *hl_eval_current_frame(void);
/* The frame object of a frame, made on demand (borrowed). */
HLObject *hl_frame_get_frame_object(hl_frame *f);
/* Frames whose frame objects are still in use keep their data (3.11's
 * _PyFrame_Clear / take_ownership). */
void hl_frame_clear(hl_frame *f);
int hl_frame_line(hl_frame *f);

/* The data stack (frame.c). */
hl_frame *hl_datastack_push(HLCodeObject *co);
void hl_datastack_pop(hl_frame *f);
/* Fills a new frame's header (steals func and locals). */
void hl_frame_init(hl_frame *f, HLFunctionObject *func, HLObject *locals);
/* Pushes a frame for func and moves the arguments into it
 * (_PyEvalFramePushAndInit): steals func, locals and every argument; NULL
 * with an exception (a TypeError for bad arguments). */
hl_frame *hl_frame_push_and_init(HLFunctionObject *func, HLObject *locals, HLObject *const *args,
                                 size_t argcount, HLObject *kwnames);
/* Visits the references a frame holds (_PyFrame_Traverse). */
int hl_frame_traverse(hl_frame *f, hl_visitproc visit, void *arg);
/* locals() of a frame: a new reference. */
HLObject *hl_frame_locals(hl_frame *f);

/* Execution limits: the interpreter stops (raising KeyboardInterrupt) when
 * hl_ts.interrupt_requested is set, and the host may give it a fuel budget
 * of instructions (0 = unlimited) after which it raises it too. */
void hl_eval_set_fuel(uint64_t instructions);
uint64_t hl_eval_instructions_executed(void);

/* Slices, for a host that must get control back (a browser's event loop):
 * with hl_eval_set_slice(n) (0: off) a run started by hl_eval_code_sliced
 * stops after about n instructions, between two instructions of Python
 * code, and returns hl_eval_suspended; hl_eval_resume() continues it for
 * another slice.  Only the outermost loop stops: while C code is running
 * Python (a dunder method, a finalizer, a generator's body) the run goes on
 * to the end of that call first.  Meanwhile the host may read the heap, or
 * set hl_ts.interrupt_requested to end the run with KeyboardInterrupt at
 * the next resume. */
extern HLObject *const hl_eval_suspended;
void hl_eval_set_slice(uint64_t instructions);
HLObject *hl_eval_code_sliced(HLObject *code, HLObject *globals, HLObject *locals);
HLObject *hl_eval_resume(void);
int hl_eval_is_suspended(void);

/* Sets up the interpreter's hooks (traceback printing, builtins' access
 * to frames); called once by the run layer. */
int hl_eval_init(void);

/* Visits every reference the running frames hold (a heap root). */
void hl_eval_visit_roots(hl_visitproc visit, void *arg);

#endif /* HL_CEVAL_H */
