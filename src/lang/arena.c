/*
 * arena.c — the parse arena.
 *
 * Nodes are bump-allocated from blocks of 8 KiB taken from the region
 * allocator (like CPython's arena blocks, which are larger than pymalloc's
 * threshold) and freed all at once.  Objects created while parsing go on a
 * list that the arena owns; freeing the arena drops the list, and with it
 * the parser's reference to every constant.
 */
#include "arena.h"

#include <string.h>

#include "../objects/listobject.h"
#include "../runtime/errors.h"
#include "../runtime/sysmem.h"

#define DEFAULT_BLOCK_SIZE 8192
#define ALIGN 8

typedef struct block {
    size_t size, offset;
    struct block *next;
    /* memory follows */
} block;

struct hl_arena {
    block *head, *cur;
    HLObject *objects;
};

static block *block_new(size_t size)
{
    block *b = hl_raw_malloc(sizeof(block) + size);
    if (b == NULL)
        return NULL;
    b->size = size;
    b->offset = 0;
    b->next = NULL;
    return b;
}

hl_arena *hl_arena_new(void)
{
    hl_arena *a = hl_raw_malloc(sizeof(hl_arena));
    if (a == NULL)
        return (hl_arena *)hl_err_nomemory();
    a->head = a->cur = block_new(DEFAULT_BLOCK_SIZE);
    if (a->head == NULL) {
        hl_raw_free(a);
        return (hl_arena *)hl_err_nomemory();
    }
    a->objects = hl_list_new(0);
    if (a->objects == NULL) {
        hl_raw_free(a->head);
        hl_raw_free(a);
        return NULL;
    }
    return a;
}

void hl_arena_free(hl_arena *a)
{
    if (a == NULL)
        return;
    block *b = a->head;
    while (b) {
        block *next = b->next;
        hl_raw_free(b);
        b = next;
    }
    hl_decref(a->objects);
    hl_raw_free(a);
}

void *hl_arena_malloc(hl_arena *a, size_t size)
{
    size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    block *b = a->cur;
    if (b->offset + size > b->size) {
        block *nb = block_new(size > DEFAULT_BLOCK_SIZE ? size : DEFAULT_BLOCK_SIZE);
        if (nb == NULL)
            return hl_err_nomemory();
        b->next = nb;
        a->cur = b = nb;
    }
    void *p = (char *)(b + 1) + b->offset;
    b->offset += size;
    memset(p, 0, size);
    return p;
}

int hl_arena_add_object(hl_arena *a, HLObject *obj)
{
    if (hl_list_append(a->objects, obj) < 0)
        return -1;
    hl_decref(obj);
    return 0;
}

HLObject *hl_arena_objects(hl_arena *a) { return a->objects; }
