/*
 * events.c — the heap event ring buffer (see events.h).  Recording is off
 * until a reader turns it on, so the native CLI pays one predictable branch
 * per event site.  When the buffer wraps, the oldest unread events are
 * overwritten and counted as lost: the timeline may have gaps but the
 * runtime never waits for its reader.
 */
#include "events.h"

int hl_events_enabled;
static hl_event ring[HL_EVENTS_CAPACITY];
static uint32_t head; /* next sequence number to write */
static uint32_t tail; /* next sequence number to read */

void hl_event_record(uint32_t kind, const void *addr, uintptr_t a, uintptr_t b)
{
    hl_event *e = &ring[head & (HL_EVENTS_CAPACITY - 1)];
    e->kind = kind;
    e->seq = head;
    e->addr = (uintptr_t)addr;
    e->a = a;
    e->b = b;
    head++;
}

uint32_t hl_events_drain(hl_event *out, uint32_t max, uint32_t *lost)
{
    uint32_t l = 0;
    if (head - tail > HL_EVENTS_CAPACITY) {
        l = head - tail - HL_EVENTS_CAPACITY;
        tail = head - HL_EVENTS_CAPACITY;
    }
    if (lost)
        *lost = l;
    uint32_t n = 0;
    while (tail != head && n < max)
        out[n++] = ring[tail++ & (HL_EVENTS_CAPACITY - 1)];
    return n;
}
