/*
 * opcodes.h — heaplab's bytecode: CPython 3.11's instructions, with the
 * same stack effects and the same ownership of every reference (which is
 * what refcounts observe), minus the adaptive specialisations.
 *
 * An instruction is one 32-bit word: opcode in the low 8 bits, argument in
 * the high 24 (so EXTENDED_ARG is never needed).  Jump arguments are
 * absolute instruction indices.
 *
 * Calls follow 3.11: the callable sits under its arguments with a NULL or a
 * `self` in the slot below it —
 *     [NULL, callable, arg1, ..., argN]    after PUSH_NULL / LOAD_GLOBAL
 *     [method, self, arg1, ..., argN]      after LOAD_METHOD found a method
 * and CALL n moves the arguments into the new frame (Python functions) or
 * lends them to the C function and drops them afterwards.
 */
#ifndef HL_OPCODES_H
#define HL_OPCODES_H

#define HL_OPCODES(X)                                                                  \
    X(NOP, 0, 0) X(POP_TOP, -1, 0) X(PUSH_NULL, 1, 0) X(COPY, 1, 0) X(SWAP, 0, 0)      \
    X(UNARY_POSITIVE, 0, 0) X(UNARY_NEGATIVE, 0, 0) X(UNARY_NOT, 0, 0)               \
    X(UNARY_INVERT, 0, 0) X(BINARY_OP, -1, 0) X(BINARY_SUBSCR, -1, 0)                \
    X(STORE_SUBSCR, -3, 0) X(DELETE_SUBSCR, -2, 0) X(GET_ITER, 0, 0)                 \
    X(FOR_ITER, 1, 1) X(LOAD_BUILD_CLASS, 1, 0) X(RETURN_VALUE, -1, 0)               \
    X(PRINT_EXPR, -1, 0) X(LOAD_ASSERTION_ERROR, 1, 0) X(RAISE_VARARGS, 0, 0)       \
    X(RERAISE, -1, 0) X(PUSH_EXC_INFO, 1, 0) X(POP_EXCEPT, -1, 0)                    \
    X(CHECK_EXC_MATCH, 0, 0) X(STORE_NAME, -1, 0) X(DELETE_NAME, 0, 0)               \
    X(LOAD_NAME, 1, 0) X(STORE_ATTR, -2, 0) X(DELETE_ATTR, -1, 0) X(LOAD_ATTR, 0, 0) \
    X(STORE_GLOBAL, -1, 0) X(DELETE_GLOBAL, 0, 0) X(LOAD_GLOBAL, 1, 0)               \
    X(LOAD_CONST, 1, 0) X(LOAD_FAST, 1, 0) X(STORE_FAST, -1, 0)                      \
    X(DELETE_FAST, 0, 0) X(MAKE_CELL, 0, 0) X(LOAD_CLOSURE, 1, 0)                    \
    X(LOAD_DEREF, 1, 0) X(STORE_DEREF, -1, 0) X(DELETE_DEREF, 0, 0)                  \
    X(LOAD_CLASSDEREF, 1, 0) X(COPY_FREE_VARS, 0, 0) X(UNPACK_SEQUENCE, 0, 0)        \
    X(UNPACK_EX, 0, 0) X(BUILD_TUPLE, 0, 0) X(BUILD_LIST, 0, 0) X(BUILD_SET, 0, 0)   \
    X(BUILD_MAP, 0, 0) X(BUILD_CONST_KEY_MAP, 0, 0) X(BUILD_STRING, 0, 0)            \
    X(BUILD_SLICE, 0, 0) X(LIST_APPEND, -1, 0) X(SET_ADD, -1, 0) X(MAP_ADD, -2, 0)   \
    X(LIST_EXTEND, -1, 0) X(SET_UPDATE, -1, 0) X(DICT_UPDATE, -1, 0)                 \
    X(DICT_MERGE, -1, 0) X(LIST_TO_TUPLE, 0, 0) X(COMPARE_OP, -1, 0)                 \
    X(IS_OP, -1, 0) X(CONTAINS_OP, -1, 0) X(IMPORT_NAME, -1, 0) X(IMPORT_FROM, 1, 0) \
    X(IMPORT_STAR, -1, 0) X(JUMP, 0, 1) X(POP_JUMP_IF_FALSE, -1, 1)                  \
    X(POP_JUMP_IF_TRUE, -1, 1) X(POP_JUMP_IF_NONE, -1, 1)                            \
    X(POP_JUMP_IF_NOT_NONE, -1, 1) X(JUMP_IF_FALSE_OR_POP, 0, 1)                     \
    X(JUMP_IF_TRUE_OR_POP, 0, 1) X(LOAD_METHOD, 1, 0) X(KW_NAMES, 0, 0) X(CALL, 0, 0) \
    X(CALL_FUNCTION_EX, 0, 0) X(MAKE_FUNCTION, 0, 0) X(FORMAT_VALUE, 0, 0)           \
    X(RETURN_GENERATOR, 0, 0) X(YIELD_VALUE, 0, 0) X(SEND, 0, 1)                     \
    X(GET_YIELD_FROM_ITER, 0, 0) X(BEFORE_WITH, 1, 0) X(WITH_EXCEPT_START, 1, 0)      \
    X(SETUP_ANNOTATIONS, 0, 0) X(LOAD_LOCALS, 1, 0) X(RESUME, 0, 0)


enum hl_opcode {
#define X(name, effect, jump) OP_##name,
    HL_OPCODES(X)
#undef X
    HL_NUM_OPCODES
};

/* Pseudo-instructions of the compiler, resolved before assembly. */
enum {
    OP_SETUP_FINALLY = 250, /* push an exception handler (block target) */
    OP_SETUP_CLEANUP = 251, /* same, keeping lasti */
    OP_SETUP_WITH = 252,
    OP_POP_BLOCK = 253,
};

#define HL_OPCODE(word) ((unsigned)(word) & 0xFFu)
#define HL_OPARG(word) ((unsigned)(word) >> 8)
#define HL_INSTR(op, arg) ((uint32_t)(op) | ((uint32_t)(arg) << 8))
#define HL_MAX_OPARG 0xFFFFFFu

/* MAKE_FUNCTION flags */
#define MAKE_FUNCTION_DEFAULTS 0x01
#define MAKE_FUNCTION_KWDEFAULTS 0x02
#define MAKE_FUNCTION_ANNOTATIONS 0x04
#define MAKE_FUNCTION_CLOSURE 0x08

/* FORMAT_VALUE flags */
#define FVC_MASK 0x3
#define FVC_NONE 0x0
#define FVC_STR 0x1
#define FVC_REPR 0x2
#define FVC_ASCII 0x3
#define FVS_MASK 0x4
#define FVS_HAVE_SPEC 0x4

/* BINARY_OP arguments: abstract.h's HL_NB_* for the binary operators and
 * HL_NB_* + NB_INPLACE_OFFSET for the augmented assignments. */
#define NB_INPLACE_OFFSET 13

extern const char *const hl_opcode_names[];

#endif /* HL_OPCODES_H */
