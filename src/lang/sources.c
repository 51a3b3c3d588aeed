/*
 * sources.c — a registry of source texts.
 *
 * CPython reads a traceback's source lines back from the file (linecache);
 * heaplab runs code that may have no file (notebook cells, the page), so
 * whoever compiles a text registers it here under its file name.  Texts
 * live in region memory outside any Python object, so keeping them does not
 * change what a program can observe about the heap.
 */
#include "sources.h"

#include <string.h>

#include "../objects/strobject.h"
#include "../runtime/strbuf.h"
#include "../runtime/sysmem.h"

typedef struct entry {
    char *name; /* UTF-8 */
    char *text;
    size_t len;
    struct entry *next;
} entry;

static entry *entries;

static entry *find(HLObject *filename)
{
    hl_ssize_t n;
    const char *name = hl_str_as_utf8(filename, &n);
    if (name == NULL)
        return NULL;
    for (entry *e = entries; e; e = e->next)
        if (strcmp(e->name, name) == 0)
            return e;
    return NULL;
}

int hl_source_register(HLObject *filename, const char *text, size_t len)
{
    hl_ssize_t n;
    const char *name = hl_str_as_utf8(filename, &n);
    if (name == NULL)
        return -1;
    entry *e = find(filename);
    if (e == NULL) {
        e = hl_raw_calloc(sizeof(entry));
        if (e == NULL)
            return -1;
        e->name = hl_raw_malloc((size_t)n + 1);
        if (e->name == NULL) {
            hl_raw_free(e);
            return -1;
        }
        memcpy(e->name, name, (size_t)n + 1);
        e->next = entries;
        entries = e;
    }
    char *copy = hl_raw_malloc(len + 1);
    if (copy == NULL)
        return -1;
    memcpy(copy, text, len);
    copy[len] = 0;
    hl_raw_free(e->text);
    e->text = copy;
    e->len = len;
    return 0;
}

/* Start and length (with newline) of a line, or NULL. */
static const char *line_span(HLObject *filename, int lineno, size_t *len)
{
    entry *e = find(filename);
    if (e == NULL || lineno < 1)
        return NULL;
    const char *p = e->text, *end = e->text + e->len;
    for (int i = 1; i < lineno; i++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (nl == NULL)
            return NULL;
        p = nl + 1;
    }
    if (p >= end)
        return NULL;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    *len = nl ? (size_t)(nl - p + 1) : (size_t)(end - p);
    return p;
}

HLObject *hl_source_line_object(HLObject *filename, int lineno)
{
    size_t len;
    const char *p = line_span(filename, lineno, &len);
    return p ? hl_str_from_utf8(p, (hl_ssize_t)len) : NULL;
}

int hl_source_text(HLObject *filename, const char **text, size_t *len)
{
    entry *e = find(filename);
    if (e == NULL)
        return 0;
    *text = e->text;
    *len = e->len;
    return 1;
}

int hl_source_line(HLObject *filename, int lineno, hl_strbuf *out)
{
    size_t len;
    const char *p = line_span(filename, lineno, &len);
    if (p == NULL)
        return 0;
    while (len && (p[len - 1] == '\n' || p[len - 1] == '\r'))
        len--;
    hl_sb_append(out, p, len);
    return 1;
}

void hl_sources_clear(void)
{
    while (entries) {
        entry *e = entries;
        entries = e->next;
        hl_raw_free(e->name);
        hl_raw_free(e->text);
        hl_raw_free(e);
    }
}
