/*
 * events.h — a ring buffer of heap events for the page's timeline: births
 * and deaths of objects, collections, finalizers, weakref callbacks.  The
 * bridge drains it after each slice of execution (events.c).
 */
#ifndef HL_EVENTS_H
#define HL_EVENTS_H

#include "hlconfig.h"

enum hl_event_kind {
    HL_EV_ALLOC = 1,          /* addr = object, a = type */
    HL_EV_FREE = 2,           /* addr = object, a = type */
    HL_EV_GC_START = 3,       /* a = generation */
    HL_EV_GC_DONE = 4,        /* a = generation, b = collected + uncollectable */
    HL_EV_FINALIZE = 5,       /* addr = object whose tp_finalize runs */
    HL_EV_WEAKREF_CALLBACK = 6 /* addr = weakref, a = callback */
};

typedef struct hl_event {
    uint32_t kind;
    uint32_t seq; /* running number, so a reader sees what it missed */
    uintptr_t addr;
    uintptr_t a, b;
} hl_event;

#define HL_EVENTS_CAPACITY 65536 /* a power of two; a page drains it between slices */

extern int hl_events_enabled;
void hl_event_record(uint32_t kind, const void *addr, uintptr_t a, uintptr_t b);

static inline void hl_event_emit(uint32_t kind, const void *addr, uintptr_t a, uintptr_t b)
{
    if (HL_UNLIKELY(hl_events_enabled))
        hl_event_record(kind, addr, a, b);
}

/* Copies up to max events recorded since the last drain into out, oldest
 * first; returns how many.  *lost gets the number overwritten unread. */
uint32_t hl_events_drain(hl_event *out, uint32_t max, uint32_t *lost);

#endif /* HL_EVENTS_H */
