/*
 * state.h — the per-interpreter state that is not owned by one subsystem
 * (CPython's PyThreadState, for our single thread).
 */
#ifndef HL_STATE_H
#define HL_STATE_H

#include "object.h"

/* One entry of the stack of exceptions being handled (CPython's
 * _PyErr_StackItem): the thread has one, and each running generator pushes
 * its own, so `except` blocks in a generator do not leak into its caller. */
typedef struct hl_err_stackitem {
    HLObject *exc_value; /* NULL or None when nothing is handled here */
    struct hl_err_stackitem *previous_item;
} hl_err_stackitem;

typedef struct hl_threadstate {
    /* C-level recursion (reprs, comparisons, calls from C into Python):
     * RecursionError past the limit, as Py_EnterRecursiveCall does. */
    int recursion_depth;
    int recursion_limit;     /* sys.getrecursionlimit(), default 1000 */
    int recursion_headroom;  /* while handling a RecursionError */
    /* The C stack: its far end (lowest usable address, the stack growing
     * down), set at start-up; recursion refuses to go within
     * HL_C_STACK_MARGIN bytes of it (a RecursionError instead of a crash,
     * whatever the recursion limit says). */
    char *c_stack_end;
    int c_depth; /* wasm: levels of C recursion now active (hl_c_stack_low) */
    /* The trashcan (object.c). */
    int trash_delete_nesting;
    HLObject *trash_delete_later;
    /* The current exception (errors.c). */
    HLObject *curexc;
    /* The exceptions being handled (sys.exc_info()), kept by the VM:
     * exc_info is the innermost stack item, exc_state the thread's own. */
    hl_err_stackitem *exc_info;
    hl_err_stackitem exc_state;
    /* Set asynchronously (the Stop button); checked by the VM. */
    volatile int interrupt_requested;
} hl_threadstate;

extern hl_threadstate hl_ts;

/* The innermost exception being handled, skipping empty stack items
 * (_PyErr_GetTopmostException); borrowed, NULL or None if none. */
HLObject *hl_err_handled(void);

#define HL_C_STACK_MARGIN (256 * 1024)

/* Whether the C stack is nearly used up.  In WebAssembly most of a C frame
 * lives on the engine's own stack, invisible here, whose overflow is a
 * trap: there each active level of C recursion (hl_enter_recursive_call,
 * hashing) also counts HL_WASM_C_LEVEL bytes, so that recursion through C
 * always uses up this stack's budget (sized from the engine's stack by
 * wasm/exports.c) before the engine's stack. */
#define HL_WASM_C_LEVEL 64
static inline int hl_c_stack_low(void)
{
    char here;
#if defined(__EMSCRIPTEN__)
    return hl_ts.c_stack_end != NULL &&
           (uintptr_t)&here < (uintptr_t)hl_ts.c_stack_end + HL_C_STACK_MARGIN + (uintptr_t)hl_ts.c_depth * HL_WASM_C_LEVEL;
#else
    return hl_ts.c_stack_end != NULL && &here < hl_ts.c_stack_end + HL_C_STACK_MARGIN;
#endif
}
/* Notes where the C stack is (called at start-up, from the outermost C frame
 * the runtime will run in). */
void hl_c_stack_init(void);

/* Py_EnterRecursiveCall / Py_LeaveRecursiveCall.  `where` completes the
 * message "maximum recursion depth exceeded%s". */
int hl_enter_recursive_call(const char *where);
static inline void hl_leave_recursive_call(void)
{
    hl_ts.recursion_depth--;
#if defined(__EMSCRIPTEN__)
    hl_ts.c_depth--;
#endif
}

#endif /* HL_STATE_H */
