/*
 * audit.h — roots of the heap and the heap audit (audit.c).
 */
#ifndef HL_AUDIT_H
#define HL_AUDIT_H

#include "object.h"

struct hl_strbuf;

/* A C variable holding a reference the collector cannot see by traversal
 * (gc.garbage's list, the interned-string dict, the VM's frames...).
 * Subsystems register their slots once; the audit and the heap view call
 * these "roots". */
void hl_register_root(HLObject **slot, const char *name);
typedef void (*hl_root_visitor)(hl_visitproc visit, void *arg);
void hl_register_root_visitor(hl_root_visitor fn, const char *name);
void hl_visit_roots(hl_visitproc visit, void *arg);

/* Static types, recorded by hl_type_ready: their dicts and MRO tuples hold
 * references too. */
void hl_register_static_type(HLTypeObject *tp);

/* Checks that every tracked object's refcount equals the references found
 * by traversing all live objects plus the roots.  0 if so; -1 and a
 * description of the first violation appended to report otherwise. */
int hl_audit(struct hl_strbuf *report);

#endif /* HL_AUDIT_H */
