/*
 * assemble.c — from a compiler unit's control-flow graph to a code object.
 *
 * The compiler leaves each unit as basic blocks of instructions, with
 * jumps naming target blocks and exception handling expressed by the
 * pseudo-instructions SETUP_FINALLY / SETUP_CLEANUP / SETUP_WITH (push a
 * handler) and POP_BLOCK (pop it).  Assembly runs CPython 3.11's passes, in
 * its order, because several of them are observable:
 *
 *   1. insert_prefix_instructions: MAKE_CELL for each cell, COPY_FREE_VARS,
 *      RETURN_GENERATOR + POP_TOP for generators.
 *   2. fix_cell_offsets: cell and free variables live in "localsplus" after
 *      the plain locals; a cell that is also an argument shares the
 *      argument's slot.  Deref instructions get localsplus indices.
 *   3. optimize_cfg: the peephole rules of 3.11 that matter here —
 *      LOAD_CONST + conditional jump becomes a jump or nothing,
 *      BUILD_TUPLE n + UNPACK_SEQUENCE n becomes SWAP, n LOAD_CONSTs +
 *      BUILD_TUPLE n become one constant tuple (fold_tuple_on_constants) —
 *      then unreachable blocks are dropped.
 *   4. trim_unused_consts: constants only dead code used leave co_consts
 *      (index 0, a function's docstring or None, always stays).  This is why
 *      a literal in dead code has one reference fewer.
 *   5. propagate_line_numbers: instructions without a location take the
 *      previous one's, so every instruction that can raise has a line.
 *   6. stackdepth: the largest value-stack height over all paths.
 *   7. label_exception_targets: simulates the handler stack along the
 *      graph and gives every instruction its innermost handler; SETUP and
 *      POP_BLOCK become NOPs.  Runs of instructions with the same handler
 *      become the exception table: [start, end) -> target, stack depth,
 *      and whether the offending instruction's index (lasti) is pushed.
 *   8. makecode: instructions laid out in block order (NOPs dropped), jump
 *      targets resolved to instruction indices, and the tuples co_consts,
 *      co_names and co_localsplusnames merged through the compiler's
 *      constant cache, so equal tuples of one compilation are one object.
 */
#include <string.h>

#include "../objects/dictobject.h"
#include "../objects/listobject.h"
#include "../objects/longobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/errors.h"
#include "../runtime/obmalloc.h"
#include "../runtime/sysmem.h"
#include "compile.h"

/* ---- instruction properties ------------------------------------------------------- */

static int is_jump(int op)
{
    switch (op) {
    case OP_JUMP: case OP_POP_JUMP_IF_FALSE: case OP_POP_JUMP_IF_TRUE: case OP_POP_JUMP_IF_NONE:
    case OP_POP_JUMP_IF_NOT_NONE: case OP_JUMP_IF_FALSE_OR_POP: case OP_JUMP_IF_TRUE_OR_POP:
    case OP_FOR_ITER: case OP_SEND:
    case OP_SETUP_FINALLY: case OP_SETUP_CLEANUP: case OP_SETUP_WITH:
        return 1;
    }
    return 0;
}

static int is_block_push(int op)
{
    return op == OP_SETUP_FINALLY || op == OP_SETUP_CLEANUP || op == OP_SETUP_WITH;
}

/* Instructions after which control never falls through. */
static int is_terminator(int op)
{
    return op == OP_JUMP || op == OP_RETURN_VALUE || op == OP_RAISE_VARARGS || op == OP_RERAISE;
}

static int has_fallthrough(basicblock *b)
{
    return b->b_iused == 0 || !is_terminator(b->b_instr[b->b_iused - 1].i_opcode);
}

/* Stack effect of an instruction; `jump` selects the effect along its
 * jump (or towards its handler, for SETUP_*). */
static int stack_effect(int op, int oparg, int jump)
{
    switch (op) {
    case OP_NOP: case OP_SWAP: case OP_UNARY_POSITIVE: case OP_UNARY_NEGATIVE: case OP_UNARY_NOT:
    case OP_UNARY_INVERT: case OP_GET_ITER: case OP_CHECK_EXC_MATCH: case OP_DELETE_NAME:
    case OP_LOAD_ATTR: case OP_DELETE_GLOBAL: case OP_DELETE_FAST: case OP_MAKE_CELL:
    case OP_DELETE_DEREF: case OP_COPY_FREE_VARS: case OP_LIST_TO_TUPLE: case OP_JUMP:
    case OP_KW_NAMES: case OP_YIELD_VALUE: case OP_GET_YIELD_FROM_ITER:
    case OP_SETUP_ANNOTATIONS: case OP_RESUME: case OP_POP_BLOCK:
        return 0;
    case OP_POP_TOP: case OP_BINARY_OP: case OP_BINARY_SUBSCR: case OP_RETURN_VALUE:
    case OP_PRINT_EXPR: case OP_RERAISE: case OP_POP_EXCEPT: case OP_STORE_NAME:
    case OP_DELETE_ATTR: case OP_STORE_GLOBAL: case OP_STORE_FAST: case OP_STORE_DEREF:
    case OP_LIST_APPEND: case OP_SET_ADD: case OP_LIST_EXTEND: case OP_SET_UPDATE:
    case OP_DICT_UPDATE: case OP_DICT_MERGE: case OP_COMPARE_OP: case OP_IS_OP:
    case OP_CONTAINS_OP: case OP_IMPORT_NAME: case OP_IMPORT_STAR:
    case OP_POP_JUMP_IF_FALSE: case OP_POP_JUMP_IF_TRUE: case OP_POP_JUMP_IF_NONE:
    case OP_POP_JUMP_IF_NOT_NONE:
        return -1;
    case OP_PUSH_NULL: case OP_COPY: case OP_LOAD_BUILD_CLASS: case OP_LOAD_ASSERTION_ERROR:
    case OP_PUSH_EXC_INFO: case OP_LOAD_NAME: case OP_LOAD_GLOBAL: case OP_LOAD_CONST:
    case OP_LOAD_FAST: case OP_LOAD_CLOSURE: case OP_LOAD_DEREF: case OP_LOAD_CLASSDEREF:
    case OP_IMPORT_FROM: case OP_LOAD_METHOD: case OP_BEFORE_WITH: case OP_WITH_EXCEPT_START:
    case OP_LOAD_LOCALS:
        return 1;
    /* The sent value arrives on the generator's stack when it first runs. */
    case OP_RETURN_GENERATOR:
        return 1;
    case OP_STORE_SUBSCR: return -3;
    case OP_STORE_ATTR: case OP_DELETE_SUBSCR: case OP_MAP_ADD: return -2;
    case OP_FOR_ITER: return jump ? -1 : 1;
    case OP_SEND: return jump ? -1 : 0;
    case OP_JUMP_IF_FALSE_OR_POP: case OP_JUMP_IF_TRUE_OR_POP: return jump ? 0 : -1;
    case OP_RAISE_VARARGS: return -oparg;
    case OP_UNPACK_SEQUENCE: return oparg - 1;
    case OP_UNPACK_EX: return (oparg & 0xFF) + (oparg >> 8);
    case OP_BUILD_TUPLE: case OP_BUILD_LIST: case OP_BUILD_SET: case OP_BUILD_STRING:
        return 1 - oparg;
    case OP_BUILD_MAP: return 1 - 2 * oparg;
    case OP_BUILD_CONST_KEY_MAP: return -oparg;
    case OP_BUILD_SLICE: return oparg == 3 ? -2 : -1;
    case OP_CALL: return -oparg - 1;
    case OP_CALL_FUNCTION_EX: return -2 - (oparg & 1);
    case OP_MAKE_FUNCTION:
        return -((oparg & MAKE_FUNCTION_DEFAULTS) != 0) - ((oparg & MAKE_FUNCTION_KWDEFAULTS) != 0) -
               ((oparg & MAKE_FUNCTION_ANNOTATIONS) != 0) - ((oparg & MAKE_FUNCTION_CLOSURE) != 0);
    case OP_FORMAT_VALUE: return (oparg & FVS_MASK) == FVS_HAVE_SPEC ? -1 : 0;
    case OP_SETUP_FINALLY: return jump ? 1 : 0;
    case OP_SETUP_CLEANUP: return jump ? 2 : 0;
    case OP_SETUP_WITH: return jump ? 1 : 0;
    }
    return 0;
}

/* ---- the unit's blocks in layout order ----------------------------------------------- */

static basicblock *entry_block(compiler_unit *u)
{
    basicblock *b = u->u_blocks;
    while (b && b->b_list)
        b = b->b_list;
    return b;
}

static int insert_instruction(basicblock *b, int pos, instr *in)
{
    if (b->b_iused == b->b_ialloc) {
        int n = b->b_ialloc ? b->b_ialloc * 2 : 16;
        instr *p = hl_raw_realloc(b->b_instr, sizeof(instr) * (size_t)n);
        if (p == NULL) {
            hl_err_nomemory();
            return 0;
        }
        b->b_instr = p;
        b->b_ialloc = n;
    }
    memmove(&b->b_instr[pos + 1], &b->b_instr[pos], sizeof(instr) * (size_t)(b->b_iused - pos));
    b->b_instr[pos] = *in;
    b->b_iused++;
    return 1;
}

/* ---- 1, 2: prefix instructions and localsplus --------------------------------------- */

static int compute_code_flags(compiler_unit *u)
{
    hl_ste *ste = u->u_ste;
    int flags = 0;
    if (ste->ste_type == FunctionBlock) {
        flags |= CO_NEWLOCALS | CO_OPTIMIZED;
        if (ste->ste_nested)
            flags |= CO_NESTED;
        if (ste->ste_generator)
            flags |= CO_GENERATOR;
        if (ste->ste_varargs)
            flags |= CO_VARARGS;
        if (ste->ste_varkeywords)
            flags |= CO_VARKEYWORDS;
    }
    return flags;
}

/* The localsplus slot of each cell (in u_cellvars order) and free
 * variable (in u_freevars order, numbered after the cells). */
static int *cell_fixed_offsets(compiler_unit *u, int nlocals, int *numdropped)
{
    int ncells = (int)hl_dict_size(u->u_cellvars), nfree = (int)hl_dict_size(u->u_freevars);
    int *fixed = hl_raw_malloc(sizeof(int) * (size_t)(ncells + nfree + 1));
    if (fixed == NULL) {
        hl_err_nomemory();
        return NULL;
    }
    for (int i = 0; i < ncells + nfree; i++)
        fixed[i] = nlocals + i;
    hl_ssize_t pos = 0;
    HLObject *k, *v;
    while (hl_dict_next(u->u_cellvars, &pos, &k, &v)) {
        HLObject *arg = hl_dict_get_item(u->u_varnames, k);
        if (arg != NULL)
            fixed[hl_long_as_long(v)] = (int)hl_long_as_long(arg);
    }
    /* Slots after a shared one move down. */
    int dropped = 0;
    for (int i = 0; i < ncells + nfree; i++) {
        if (fixed[i] < nlocals && i < ncells) {
            dropped++;
            continue;
        }
        fixed[i] -= dropped;
    }
    *numdropped = dropped;
    return fixed;
}

static int insert_prefix_instructions(compiler_unit *u, basicblock *entry, int *fixed, int flags)
{
    int ncells = (int)hl_dict_size(u->u_cellvars), nfree = (int)hl_dict_size(u->u_freevars);
    if (flags & CO_GENERATOR) {
        instr gen = {OP_RETURN_GENERATOR, 0, NULL, NULL, {u->u_firstlineno, u->u_firstlineno, -1, -1}};
        instr pop = {OP_POP_TOP, 0, NULL, NULL, NO_LOCATION};
        if (!insert_instruction(entry, 0, &gen) || !insert_instruction(entry, 1, &pop))
            return 0;
    }
    for (int i = ncells - 1; i >= 0; i--) {
        instr mk = {OP_MAKE_CELL, fixed[i], NULL, NULL, NO_LOCATION};
        if (!insert_instruction(entry, 0, &mk))
            return 0;
    }
    if (nfree) {
        instr cp = {OP_COPY_FREE_VARS, nfree, NULL, NULL, NO_LOCATION};
        if (!insert_instruction(entry, 0, &cp))
            return 0;
    }
    return 1;
}

static void fix_cell_offsets(basicblock *entry, int *fixed)
{
    for (basicblock *b = entry; b; b = b->b_next)
        for (int i = 0; i < b->b_iused; i++) {
            instr *in = &b->b_instr[i];
            switch (in->i_opcode) {
            case OP_LOAD_CLOSURE: case OP_LOAD_DEREF: case OP_STORE_DEREF: case OP_DELETE_DEREF:
            case OP_LOAD_CLASSDEREF:
                in->i_oparg = fixed[in->i_oparg];
                break;
            }
        }
}

/* ---- 3: the peephole rules ------------------------------------------------------------ */

/* Index of o in the consts list (by identity), appending it if absent. */
static int add_const_to_list(HLObject *consts, HLObject *o)
{
    for (hl_ssize_t i = 0; i < HL_SIZE(consts); i++)
        if (HL_LIST_GET(consts, i) == o)
            return (int)i;
    if (hl_list_append(consts, o) < 0)
        return -1;
    return (int)HL_SIZE(consts) - 1;
}

/* n LOAD_CONSTs then BUILD_TUPLE n: one LOAD_CONST of the tuple. */
static int fold_tuple_on_constants(compiler *c, instr *inst, int n, HLObject *consts)
{
    for (int i = 0; i < n; i++)
        if (inst[i].i_opcode != OP_LOAD_CONST)
            return 1;
    HLObject *t = hl_tuple_new(n);
    if (t == NULL)
        return 0;
    for (int i = 0; i < n; i++)
        HL_TUPLE_SET(t, i, hl_newref(HL_LIST_GET(consts, inst[i].i_oparg)));
    t = hl_compiler_merge_const(c, t);
    if (t == NULL)
        return 0;
    int index = add_const_to_list(consts, t);
    hl_decref(t);
    if (index < 0)
        return 0;
    for (int i = 0; i < n; i++)
        inst[i].i_opcode = OP_NOP;
    inst[n].i_opcode = OP_LOAD_CONST;
    inst[n].i_oparg = index;
    return 1;
}

static int optimize_basic_block(compiler *c, basicblock *bb, HLObject *consts)
{
    for (int i = 0; i < bb->b_iused; i++) {
        instr *inst = &bb->b_instr[i];
        int nextop = i + 1 < bb->b_iused ? bb->b_instr[i + 1].i_opcode : 0;
        switch (inst->i_opcode) {
        case OP_LOAD_CONST: {
            if (nextop != OP_POP_JUMP_IF_FALSE && nextop != OP_POP_JUMP_IF_TRUE &&
                nextop != OP_JUMP_IF_FALSE_OR_POP && nextop != OP_JUMP_IF_TRUE_OR_POP)
                break;
            int is_true = hl_object_is_true(HL_LIST_GET(consts, inst->i_oparg));
            if (is_true < 0)
                return 0;
            instr *next = &bb->b_instr[i + 1];
            if (nextop == OP_POP_JUMP_IF_FALSE || nextop == OP_POP_JUMP_IF_TRUE) {
                inst->i_opcode = OP_NOP;
                next->i_opcode = is_true == (nextop == OP_POP_JUMP_IF_TRUE) ? OP_JUMP : OP_NOP;
            } else if (is_true == (nextop == OP_JUMP_IF_TRUE_OR_POP)) {
                next->i_opcode = OP_JUMP; /* the constant stays as the result */
            } else {
                inst->i_opcode = OP_NOP;
                next->i_opcode = OP_NOP;
            }
            break;
        }
        case OP_BUILD_TUPLE:
            if (nextop == OP_UNPACK_SEQUENCE && inst->i_oparg == bb->b_instr[i + 1].i_oparg) {
                if (inst->i_oparg == 1) {
                    inst->i_opcode = OP_NOP;
                    bb->b_instr[i + 1].i_opcode = OP_NOP;
                    break;
                }
                if (inst->i_oparg == 2 || inst->i_oparg == 3) {
                    inst->i_opcode = OP_NOP;
                    bb->b_instr[i + 1].i_opcode = OP_SWAP;
                    break;
                }
            }
            if (i >= inst->i_oparg && !fold_tuple_on_constants(c, inst - inst->i_oparg, inst->i_oparg, consts))
                return 0;
            break;
        }
    }
    /* Whatever follows an unconditional jump in the block is dead. */
    for (int i = 0; i < bb->b_iused; i++)
        if (is_terminator(bb->b_instr[i].i_opcode)) {
            bb->b_iused = i + 1;
            break;
        }
    return 1;
}

/* Marks the blocks reachable from the entry; empties the others. */
static int remove_unreachable(basicblock *entry)
{
    int n = 0;
    for (basicblock *b = entry; b; b = b->b_next) {
        b->b_visited = 0;
        n++;
    }
    basicblock **stack = hl_raw_malloc(sizeof(basicblock *) * (size_t)(n + 1));
    if (stack == NULL) {
        hl_err_nomemory();
        return 0;
    }
    int sp = 0;
    stack[sp++] = entry;
    entry->b_visited = 1;
    while (sp) {
        basicblock *b = stack[--sp];
        for (int i = 0; i < b->b_iused; i++) {
            basicblock *t = b->b_instr[i].i_target;
            if (is_jump(b->b_instr[i].i_opcode) && t && !t->b_visited) {
                t->b_visited = 1;
                stack[sp++] = t;
            }
        }
        if (has_fallthrough(b) && b->b_next && !b->b_next->b_visited) {
            b->b_next->b_visited = 1;
            stack[sp++] = b->b_next;
        }
    }
    hl_raw_free(stack);
    for (basicblock *b = entry; b; b = b->b_next)
        if (!b->b_visited)
            b->b_iused = 0;
    return 1;
}

/* ---- 4: trim_unused_consts -------------------------------------------------------------- */

/* Renumbers the constants in use (keeping index 0); returns the new list. */
static HLObject *trim_unused_consts(basicblock *entry, HLObject *consts)
{
    hl_ssize_t n = HL_SIZE(consts);
    int *map = hl_raw_malloc(sizeof(int) * (size_t)(n + 1));
    if (map == NULL) {
        hl_err_nomemory();
        return NULL;
    }
    for (hl_ssize_t i = 0; i < n; i++)
        map[i] = -1;
    if (n)
        map[0] = 0;
    for (basicblock *b = entry; b; b = b->b_next)
        for (int i = 0; i < b->b_iused; i++)
            if (b->b_instr[i].i_opcode == OP_LOAD_CONST || b->b_instr[i].i_opcode == OP_KW_NAMES)
                map[b->b_instr[i].i_oparg] = 1;
    HLObject *out = hl_list_new(0);
    for (hl_ssize_t i = 0; out && i < n; i++) {
        if (map[i] < 0)
            continue;
        map[i] = (int)HL_SIZE(out);
        if (hl_list_append(out, HL_LIST_GET(consts, i)) < 0)
            HL_CLEAR(out);
    }
    if (out != NULL)
        for (basicblock *b = entry; b; b = b->b_next)
            for (int i = 0; i < b->b_iused; i++)
                if (b->b_instr[i].i_opcode == OP_LOAD_CONST || b->b_instr[i].i_opcode == OP_KW_NAMES)
                    b->b_instr[i].i_oparg = map[b->b_instr[i].i_oparg];
    hl_raw_free(map);
    return out;
}

/* ---- 5: propagate_line_numbers --------------------------------------------------------- */

static void count_predecessors(basicblock *entry)
{
    for (basicblock *b = entry; b; b = b->b_next)
        b->b_offset = 0; /* reused as the predecessor count until layout */
    entry->b_offset = 1;
    for (basicblock *b = entry; b; b = b->b_next) {
        if (b->b_iused == 0 && b != entry)
            continue;
        for (int i = 0; i < b->b_iused; i++)
            if (is_jump(b->b_instr[i].i_opcode) && b->b_instr[i].i_target)
                b->b_instr[i].i_target->b_offset++;
        if (has_fallthrough(b) && b->b_next)
            b->b_next->b_offset++;
    }
}

static void propagate_line_numbers(basicblock *entry)
{
    count_predecessors(entry);
    for (basicblock *b = entry; b; b = b->b_next) {
        if (b->b_iused == 0)
            continue;
        hl_location prev = NO_LOCATION;
        for (int i = 0; i < b->b_iused; i++) {
            if (b->b_instr[i].i_loc.lineno < 0)
                b->b_instr[i].i_loc = prev;
            else
                prev = b->b_instr[i].i_loc;
        }
        basicblock *next = b->b_next;
        while (next && next->b_iused == 0)
            next = next->b_next;
        if (has_fallthrough(b) && next && next->b_offset == 1 && next->b_instr[0].i_loc.lineno < 0)
            next->b_instr[0].i_loc = prev;
        instr *last = &b->b_instr[b->b_iused - 1];
        if (is_jump(last->i_opcode) && !is_block_push(last->i_opcode) && last->i_target) {
            basicblock *t = last->i_target;
            while (t && t->b_iused == 0)
                t = t->b_next;
            if (t && t->b_offset == 1 && t->b_instr[0].i_loc.lineno < 0)
                t->b_instr[0].i_loc = prev;
        }
    }
}

/* ---- 6: stackdepth --------------------------------------------------------------------- */

static int stackdepth(compiler *c, basicblock *entry, int *maxdepth_out)
{
    int n = 0;
    for (basicblock *b = entry; b; b = b->b_next) {
        b->b_startdepth = -1;
        n++;
    }
    basicblock **stack = hl_raw_malloc(sizeof(basicblock *) * (size_t)(n + 1));
    if (stack == NULL) {
        hl_err_nomemory();
        return 0;
    }
    int sp = 0, maxdepth = 0;
#define PUSH_BLOCK(B, D)                                                        \
    do {                                                                        \
        if ((B)->b_startdepth < 0) {                                            \
            (B)->b_startdepth = (D);                                            \
            stack[sp++] = (B);                                                  \
        } else if ((B)->b_startdepth != (D)) {                                  \
            hl_raw_free(stack);                                                 \
            hl_err_set_string(hl_exc_SystemError, "compiler: inconsistent stack depth"); \
            return 0;                                                           \
        }                                                                       \
    } while (0)
    PUSH_BLOCK(entry, 0);
    while (sp) {
        basicblock *b = stack[--sp];
        int depth = b->b_startdepth;
        int falls = 1;
        for (int i = 0; i < b->b_iused; i++) {
            instr *in = &b->b_instr[i];
            int effect = stack_effect(in->i_opcode, in->i_oparg, 0);
            int new_depth = depth + effect;
            if (new_depth < 0) {
                hl_raw_free(stack);
                hl_err_set_string(hl_exc_SystemError, "compiler: negative stack depth");
                return 0;
            }
            if (new_depth > maxdepth)
                maxdepth = new_depth;
            if (is_jump(in->i_opcode)) {
                int target_depth = depth + stack_effect(in->i_opcode, in->i_oparg, 1);
                if (target_depth > maxdepth)
                    maxdepth = target_depth;
                PUSH_BLOCK(in->i_target, target_depth);
            }
            depth = new_depth;
            if (is_terminator(in->i_opcode)) {
                falls = 0;
                break;
            }
        }
        if (falls && b->b_next)
            PUSH_BLOCK(b->b_next, depth);
    }
#undef PUSH_BLOCK
    hl_raw_free(stack);
    *maxdepth_out = maxdepth;
    (void)c;
    return 1;
}

/* ---- 7: label_exception_targets ------------------------------------------------------ */

typedef struct {
    basicblock *handlers[CO_MAXBLOCKS + 2];
    int depth;
} except_stack;

static except_stack *copy_except_stack(except_stack *s)
{
    except_stack *copy = hl_raw_malloc(sizeof(except_stack));
    if (copy == NULL) {
        hl_err_nomemory();
        return NULL;
    }
    if (s)
        *copy = *s;
    else
        copy->depth = 0;
    return copy;
}

static basicblock *except_top(except_stack *s) { return s->depth ? s->handlers[s->depth - 1] : NULL; }

static int label_exception_targets(basicblock *entry)
{
    int n = 0;
    for (basicblock *b = entry; b; b = b->b_next) {
        b->b_visited = 0;
        b->b_exceptstack = NULL;
        n++;
    }
    basicblock **todo = hl_raw_malloc(sizeof(basicblock *) * (size_t)(n + 1));
    except_stack *first = copy_except_stack(NULL);
    if (todo == NULL || first == NULL) {
        hl_raw_free(todo);
        hl_raw_free(first);
        if (!hl_err_occurred())
            hl_err_nomemory();
        return 0;
    }
    int sp = 0;
    entry->b_exceptstack = (basicblock **)first;
    entry->b_visited = 1;
    todo[sp++] = entry;
    int ok = 1;
    while (sp && ok) {
        basicblock *b = todo[--sp];
        except_stack *es = (except_stack *)b->b_exceptstack;
        b->b_exceptstack = NULL;
        basicblock *handler = except_top(es);
        for (int i = 0; i < b->b_iused && ok; i++) {
            instr *in = &b->b_instr[i];
            if (is_block_push(in->i_opcode)) {
                basicblock *t = in->i_target;
                if (!t->b_visited) {
                    except_stack *copy = copy_except_stack(es);
                    if (copy == NULL) {
                        ok = 0;
                        break;
                    }
                    t->b_exceptstack = (basicblock **)copy;
                    t->b_visited = 1;
                    todo[sp++] = t;
                }
                if (in->i_opcode != OP_SETUP_FINALLY)
                    t->b_preserve_lasti = 1;
                if (es->depth >= CO_MAXBLOCKS + 2) {
                    hl_err_set_string(hl_exc_SystemError, "compiler: handler stack overflow");
                    ok = 0;
                    break;
                }
                es->handlers[es->depth++] = t;
                handler = t;
            } else if (in->i_opcode == OP_POP_BLOCK) {
                if (es->depth)
                    es->depth--;
                handler = except_top(es);
            } else {
                in->i_except = handler;
                if (is_jump(in->i_opcode) && !in->i_target->b_visited) {
                    except_stack *copy = copy_except_stack(es);
                    if (copy == NULL) {
                        ok = 0;
                        break;
                    }
                    in->i_target->b_exceptstack = (basicblock **)copy;
                    in->i_target->b_visited = 1;
                    todo[sp++] = in->i_target;
                }
            }
        }
        if (ok && has_fallthrough(b) && b->b_next && !b->b_next->b_visited) {
            b->b_next->b_exceptstack = (basicblock **)es;
            b->b_next->b_visited = 1;
            todo[sp++] = b->b_next;
        } else {
            hl_raw_free(es);
        }
    }
    for (basicblock *b = entry; b; b = b->b_next) {
        hl_raw_free(b->b_exceptstack);
        b->b_exceptstack = NULL;
    }
    hl_raw_free(todo);
    /* The pseudo-instructions have done their work. */
    for (basicblock *b = entry; b; b = b->b_next)
        for (int i = 0; i < b->b_iused; i++)
            if (is_block_push(b->b_instr[i].i_opcode) || b->b_instr[i].i_opcode == OP_POP_BLOCK) {
                b->b_instr[i].i_opcode = OP_NOP;
                b->b_instr[i].i_target = NULL;
            }
    return ok;
}

/* ---- 8: makecode ---------------------------------------------------------------------- */

/* A dict {key: index} as a tuple ordered by index; constant keys stand for
 * their objects (see const_key in compile.c). */
static HLObject *dict_keys_inorder(HLObject *dict, hl_ssize_t offset, int const_keys)
{
    hl_ssize_t n = hl_dict_size(dict);
    HLObject *t = hl_tuple_new(n);
    if (t == NULL)
        return NULL;
    hl_ssize_t pos = 0;
    HLObject *k, *v;
    while (hl_dict_next(dict, &pos, &k, &v)) {
        HLObject *o = const_keys && hl_tuple_check_exact(k) ? HL_TUPLE_GET(k, 1) : k;
        HL_TUPLE_SET(t, hl_long_as_long(v) - offset, hl_newref(o));
    }
    return t;
}

/* Replaces *obj by the equal object already in the cache (merge_const_one). */
static int merge_const_one(compiler *c, HLObject **obj)
{
    HLObject *m = hl_compiler_merge_const(c, *obj);
    *obj = m;
    return m != NULL;
}

static HLObject *localsplus_info(compiler_unit *u, int nlocals, int numdropped, uint8_t **kinds_out)
{
    int ncells = (int)hl_dict_size(u->u_cellvars), nfree = (int)hl_dict_size(u->u_freevars);
    int n = nlocals + ncells + nfree - numdropped;
    HLObject *names = hl_tuple_new(n);
    uint8_t *kinds = hl_mem_malloc((size_t)n + 1);
    if (names == NULL || kinds == NULL) {
        hl_xdecref(names);
        hl_mem_free(kinds);
        if (!hl_err_occurred())
            hl_err_nomemory();
        return NULL;
    }
    hl_ssize_t pos = 0;
    HLObject *k, *v;
    while (hl_dict_next(u->u_varnames, &pos, &k, &v)) {
        int i = (int)hl_long_as_long(v);
        HL_TUPLE_SET(names, i, hl_newref(k));
        kinds[i] = CO_FAST_LOCAL | (hl_dict_get_item(u->u_cellvars, k) ? CO_FAST_CELL : 0);
    }
    int dropped = 0;
    pos = 0;
    while (hl_dict_next(u->u_cellvars, &pos, &k, &v)) {
        if (hl_dict_get_item(u->u_varnames, k) != NULL) {
            dropped++;
            continue;
        }
        int i = (int)hl_long_as_long(v) + nlocals - dropped;
        HL_TUPLE_SET(names, i, hl_newref(k));
        kinds[i] = CO_FAST_CELL;
    }
    pos = 0;
    while (hl_dict_next(u->u_freevars, &pos, &k, &v)) {
        int i = (int)hl_long_as_long(v) + nlocals - numdropped;
        HL_TUPLE_SET(names, i, hl_newref(k));
        kinds[i] = CO_FAST_FREE;
    }
    *kinds_out = kinds;
    return names;
}

typedef struct {
    uint32_t *code;
    hl_position *positions;
    hl_exc_entry *exc;
    int ncode, nexc;
} assembled;

static int layout(basicblock *entry, assembled *a)
{
    int n = 0;
    for (basicblock *b = entry; b; b = b->b_next) {
        b->b_offset = n;
        for (int i = 0; i < b->b_iused; i++)
            if (b->b_instr[i].i_opcode != OP_NOP)
                n++;
    }
    a->code = hl_mem_malloc(sizeof(uint32_t) * (size_t)(n + 1));
    a->positions = hl_mem_malloc(sizeof(hl_position) * (size_t)(n + 1));
    a->exc = hl_mem_malloc(sizeof(hl_exc_entry) * (size_t)(n + 1));
    if (!a->code || !a->positions || !a->exc) {
        hl_err_nomemory();
        return 0;
    }
    a->ncode = n;
    a->nexc = 0;
    int k = 0;
    basicblock *cur_handler = NULL;
    for (basicblock *b = entry; b; b = b->b_next)
        for (int i = 0; i < b->b_iused; i++) {
            instr *in = &b->b_instr[i];
            if (in->i_opcode == OP_NOP)
                continue;
            int arg = in->i_oparg;
            if (is_jump(in->i_opcode))
                arg = in->i_target->b_offset;
            a->code[k] = HL_INSTR(in->i_opcode, (uint32_t)arg);
            a->positions[k] = (hl_position){in->i_loc.lineno, in->i_loc.end_lineno,
                                            in->i_loc.col_offset, in->i_loc.end_col_offset};
            /* The exception table: runs of one handler. */
            if (in->i_except != cur_handler) {
                if (cur_handler != NULL)
                    a->exc[a->nexc - 1].end = k;
                cur_handler = in->i_except;
                if (cur_handler != NULL) {
                    int lasti = cur_handler->b_preserve_lasti;
                    a->exc[a->nexc++] = (hl_exc_entry){k, k, cur_handler->b_offset,
                                                       cur_handler->b_startdepth - 1 - lasti, lasti};
                }
            }
            k++;
        }
    if (cur_handler != NULL)
        a->exc[a->nexc - 1].end = k;
    return 1;
}

HLObject *hl_assemble(compiler *c, compiler_unit *u, int unused)
{
    (void)unused;
    basicblock *entry = entry_block(u);
    assembled a = {0};
    HLObject *consts = NULL, *trimmed = NULL, *names = NULL, *lpnames = NULL;
    uint8_t *kinds = NULL;
    int *fixed = NULL;
    HLObject *co = NULL;

    int flags = compute_code_flags(u);
    int nlocals = (int)hl_dict_size(u->u_varnames), numdropped = 0;
    fixed = cell_fixed_offsets(u, nlocals, &numdropped);
    if (fixed == NULL)
        goto done;
    if (!insert_prefix_instructions(u, entry, fixed, flags))
        goto done;
    fix_cell_offsets(entry, fixed);

    HLObject *ctuple = dict_keys_inorder(u->u_consts, 0, 1);
    if (ctuple == NULL)
        goto done;
    consts = hl_list_new(0);
    for (hl_ssize_t i = 0; consts && i < HL_SIZE(ctuple); i++)
        if (hl_list_append(consts, HL_TUPLE_GET(ctuple, i)) < 0)
            HL_CLEAR(consts);
    hl_decref(ctuple);
    if (consts == NULL)
        goto done;
    for (basicblock *b = entry; b; b = b->b_next)
        if (!optimize_basic_block(c, b, consts))
            goto done;
    if (!remove_unreachable(entry))
        goto done;
    trimmed = trim_unused_consts(entry, consts);
    if (trimmed == NULL)
        goto done;
    propagate_line_numbers(entry);
    int maxdepth;
    if (!stackdepth(c, entry, &maxdepth))
        goto done;
    if (!label_exception_targets(entry))
        goto done;
    if (!layout(entry, &a))
        goto done;

    HLObject *consts_tuple = hl_list_as_tuple(trimmed);
    if (consts_tuple == NULL || !merge_const_one(c, &consts_tuple))
        goto done;
    names = dict_keys_inorder(u->u_names, 0, 0);
    if (names == NULL || !merge_const_one(c, &names)) {
        hl_decref(consts_tuple);
        goto done;
    }
    lpnames = localsplus_info(u, nlocals, numdropped, &kinds);
    if (lpnames == NULL || !merge_const_one(c, &lpnames)) {
        hl_decref(consts_tuple);
        goto done;
    }
    hl_code_spec spec = {
        .filename = hl_newref(c->c_filename),
        .name = hl_newref(u->u_name),
        .qualname = hl_newref(u->u_qualname ? u->u_qualname : u->u_name),
        .flags = flags,
        .argcount = u->u_posonlyargcount + u->u_argcount, /* co_argcount counts both */
        .posonlyargcount = u->u_posonlyargcount,
        .kwonlyargcount = u->u_kwonlyargcount,
        .stacksize = maxdepth,
        .firstlineno = u->u_firstlineno,
        .consts = consts_tuple,
        .names = names,
        .localsplusnames = lpnames,
        .localspluskinds = kinds,
        .code = a.code,
        .positions = a.positions,
        .codelen = a.ncode,
        .exceptiontable = a.exc,
        .nexc = a.nexc,
    };
    co = hl_code_new(&spec);
    if (co == NULL) {
        hl_decref(spec.filename);
        hl_decref(spec.name);
        hl_decref(spec.qualname);
        hl_decref(consts_tuple);
        goto done;
    }
    names = lpnames = NULL;
    kinds = NULL;
    a.code = NULL;
    a.positions = NULL;
    a.exc = NULL;
done:
    hl_raw_free(fixed);
    hl_xdecref(consts);
    hl_xdecref(trimmed);
    hl_xdecref(names);
    hl_xdecref(lpnames);
    hl_mem_free(kinds);
    hl_mem_free(a.code);
    hl_mem_free(a.positions);
    hl_mem_free(a.exc);
    return co;
}
