/*
 * hlconfig.h — build-wide configuration of heaplab.
 *
 * heaplab reproduces CPython 3.11 on a 32-bit platform (wasm32).  Native
 * builds are compiled with `gcc -m32` so that every struct has the same size
 * and offsets as in the WebAssembly build; src/runtime/layout.c checks the
 * layout of the core objects against CPython 3.11's 32-bit numbers at
 * compile time.
 *
 * Compile-time switches (all off by default, set by the Makefile variants):
 *
 *   HL_DEBUG    validators: refcount underflow checks, gc list validation,
 *               poisoning of freed blocks' payload.
 *   HL_TORTURE  a full collection on every GC-tracked allocation, to shake
 *               out objects that are not yet consistent when they become
 *               visible to the collector.
 *
 * The allocator geometry lives in obmalloc.h, fenced with #error checks.
 */
#ifndef HL_HLCONFIG_H
#define HL_HLCONFIG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#if UINTPTR_MAX != 0xFFFFFFFFu
#error "heaplab reproduces CPython on a 32-bit platform: build with -m32 (native) or for wasm32"
#endif

/* Py_ssize_t and Py_hash_t of a 32-bit CPython. */
typedef intptr_t hl_ssize_t;
typedef intptr_t hl_hash_t;
typedef uintptr_t hl_uhash_t;

#define HL_SSIZE_T_MAX INTPTR_MAX
#define HL_SSIZE_T_MIN INTPTR_MIN

/* Refcount of statically allocated objects in CPython 3.11
 * (_PyObject_IMMORTAL_INIT): small ints, (), '', one-character Latin-1
 * strings.  They are counted normally from there on. */
#define HL_STATIC_REFCNT 999999999

/* Default limit of the memory the heap may take, in bytes.  Reaching it
 * raises MemoryError.  Overridable at start-up (hl_runtime_init). */
#define HL_DEFAULT_HEAP_LIMIT (512u * 1024u * 1024u)

#if defined(__GNUC__)
#define HL_UNUSED __attribute__((unused))
#define HL_NORETURN __attribute__((noreturn))
#define HL_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define HL_LIKELY(x) __builtin_expect(!!(x), 1)
#define HL_UNLIKELY(x) __builtin_expect(!!(x), 0)
/* For the functions on paths where C recurses through Python (a dunder
 * calling Python calling the dunder): in WebAssembly each C frame on such a
 * path costs engine stack, which bounds the recursion's depth (state.h).
 * HL_INLINE merges a thin step into its caller; HL_NOINLINE keeps a rare
 * branch's locals out of a frame that stays on the stack. */
#define HL_INLINE inline __attribute__((always_inline))
#define HL_NOINLINE __attribute__((noinline))
#else
#define HL_UNUSED
#define HL_NORETURN
#define HL_PRINTF(a, b)
#define HL_LIKELY(x) (x)
#define HL_UNLIKELY(x) (x)
#define HL_INLINE inline
#define HL_NOINLINE
#endif

/* Abort with a message: for broken invariants of the runtime itself, never
 * for anything a Python program can cause. */
HL_NORETURN void hl_fatal(const char *fmt, ...) HL_PRINTF(1, 2);

#ifdef HL_DEBUG
#define HL_ASSERT(cond)                                                        \
    do {                                                                       \
        if (!(cond))                                                           \
            hl_fatal("%s:%d: assertion failed: %s", __FILE__, __LINE__, #cond); \
    } while (0)
#else
#define HL_ASSERT(cond) ((void)0)
#endif

#endif /* HL_HLCONFIG_H */
