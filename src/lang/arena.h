/*
 * arena.h — the parse arena (CPython's PyArena): memory for AST nodes, and
 * a list object that owns every constant and identifier the parser creates.
 *
 * The list is a real list object, so its references show in refcounts: a
 * literal bound to a name in a script counts the arena's reference for as
 * long as the arena lives (the whole run, in script mode), exactly as in
 * CPython.
 */
#ifndef HL_ARENA_H
#define HL_ARENA_H

#include "../runtime/object.h"

typedef struct hl_arena hl_arena;

hl_arena *hl_arena_new(void);    /* NULL with MemoryError */
void hl_arena_free(hl_arena *a); /* frees nodes, drops the list */
/* Zeroed memory for nodes; NULL (with MemoryError set) when out of memory. */
void *hl_arena_malloc(hl_arena *a, size_t size);
/* Appends obj to the arena's list, stealing the reference on success
 * (CPython's _PyArena_AddPyObject); -1 on failure, obj untouched. */
int hl_arena_add_object(hl_arena *a, HLObject *obj);
/* The list itself (borrowed), for the heap view. */
HLObject *hl_arena_objects(hl_arena *a);

#endif /* HL_ARENA_H */
