/*
 * symtable.c — which names are local, global, free or cells, per block.
 *
 * The compiler needs to know, for every name in every block (module,
 * class, function, lambda, comprehension), where it lives: in the block's
 * fast locals, in a cell shared with nested functions, in an enclosing
 * function's cell (free), or in the module's globals.  This is CPython
 * 3.11's symtable.c, in two passes:
 *
 *  1. Visit the AST once, recording for each block how each name is used
 *     (assigned, used, parameter, declared global/nonlocal, imported) as
 *     flags in the block's symbol dict.  Class, function, lambda and
 *     comprehension bodies open child blocks; default values, decorators
 *     and the outermost iterable of a comprehension are visited in the
 *     enclosing block.
 *  2. analyze_block walks the tree from the top, passing down the sets of
 *     names bound in enclosing functions (`bound`) and declared global
 *     (`global`), and passing up the names children need from outside
 *     (`free`).  A local that a child needs becomes a CELL; a name used but
 *     bound only in an enclosing function is FREE; otherwise GLOBAL_IMPLICIT.
 *     Class blocks are transparent: their names are not visible to nested
 *     functions, except the implicit __class__ cell that super() needs.
 *
 * Sets are dicts (name -> True): nothing here is observable from Python
 * except through the compiler's output.
 */
#include "symtable.h"

#include <string.h>

#include "../objects/dictobject.h"
#include "../objects/listobject.h"
#include "../objects/longobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/errors.h"
#include "../runtime/strbuf.h"
#include "../runtime/sysmem.h"
#include "sources.h"

#define MAX_RECURSION 2000

/* ---- errors ----------------------------------------------------------------- */

void hl_syntax_error_at(HLObject *filename, const char *msg, int lineno, int col_offset,
                        int end_lineno, int end_col_offset)
{
    HLObject *text = hl_source_line_object(filename, lineno);
    /* CPython passes the byte offset + 1 here (the same as the character
     * offset for ASCII lines). */
    int offset = col_offset + 1, end_offset = end_col_offset + 1;
    HLObject *m = hl_str_from_cstr(msg);
    HLObject *ln = hl_long_from_long(lineno), *off = hl_long_from_long(offset);
    HLObject *eln = hl_long_from_long(end_lineno), *eoff = hl_long_from_long(end_offset);
    HLObject *info = (m && ln && off && eln && eoff)
                         ? hl_tuple_pack(6, filename, ln, off, text ? text : HL_None, eln, eoff)
                         : NULL;
    HLObject *args = info ? hl_tuple_pack(2, m, info) : NULL;
    if (args)
        hl_err_set_object(hl_exc_SyntaxError, args);
    hl_xdecref(args);
    hl_xdecref(info);
    hl_xdecref(m);
    hl_xdecref(ln);
    hl_xdecref(off);
    hl_xdecref(eln);
    hl_xdecref(eoff);
    hl_xdecref(text);
}

static void error_fmt(hl_symtable *st, int lineno, int col, int end_lineno, int end_col,
                      const char *fmt, HLObject *name)
{
    HLObject *msg = name ? hl_str_from_format(fmt, name) : hl_str_from_cstr(fmt);
    if (msg == NULL)
        return;
    hl_ssize_t len;
    const char *s = hl_str_as_utf8(msg, &len);
    if (s)
        hl_syntax_error_at(st->st_filename, s, lineno, col, end_lineno, end_col);
    hl_decref(msg);
}

/* ---- sets as dicts ----------------------------------------------------- */

static HLObject *set_new(HLObject *from)
{
    HLObject *s = hl_dict_new();
    if (s && from && hl_dict_update(s, from) < 0) {
        hl_decref(s);
        return NULL;
    }
    return s;
}
static int set_add(HLObject *s, HLObject *name) { return hl_dict_set_item(s, name, HL_True); }
static int set_contains(HLObject *s, HLObject *name) { return s && hl_dict_get_item(s, name) != NULL; }
static int set_discard(HLObject *s, HLObject *name)
{
    if (!set_contains(s, name))
        return 0;
    return hl_dict_del_item(s, name) < 0 ? -1 : 1;
}

/* ---- entries ------------------------------------------------------------- */

static hl_ste *ste_new(hl_symtable *st, HLObject *name, hl_block_type block, void *key, int lineno,
                       int col, int end_lineno, int end_col)
{
    hl_ste *ste = hl_raw_calloc(sizeof(hl_ste));
    if (ste == NULL) {
        hl_err_nomemory();
        return NULL;
    }
    if (st->st_nall == st->st_all_cap) {
        int cap = st->st_all_cap ? st->st_all_cap * 2 : 16;
        hl_ste **a = hl_raw_realloc(st->st_all, sizeof(hl_ste *) * (size_t)cap);
        if (a == NULL) {
            hl_raw_free(ste);
            hl_err_nomemory();
            return NULL;
        }
        st->st_all = a;
        st->st_all_cap = cap;
    }
    st->st_all[st->st_nall++] = ste;
    ste->ste_key = key;
    ste->ste_name = hl_newref(name);
    ste->ste_symbols = hl_dict_new();
    ste->ste_varnames = hl_list_new(0);
    ste->ste_directives = NULL;
    ste->ste_type = block;
    ste->ste_lineno = lineno;
    ste->ste_col_offset = col;
    ste->ste_end_lineno = end_lineno;
    ste->ste_end_col_offset = end_col;
    hl_ste *prev = st->st_cur;
    ste->ste_nested = prev && (prev->ste_nested || prev->ste_type == FunctionBlock);
    if (ste->ste_symbols == NULL || ste->ste_varnames == NULL)
        return NULL;
    return ste;
}

static void ste_free(hl_ste *ste)
{
    hl_xdecref(ste->ste_name);
    hl_xdecref(ste->ste_symbols);
    hl_xdecref(ste->ste_varnames);
    hl_xdecref(ste->ste_directives);
    hl_raw_free(ste->ste_children);
    hl_raw_free(ste);
}

void hl_symtable_free(hl_symtable *st)
{
    if (st == NULL)
        return;
    for (int i = 0; i < st->st_nall; i++)
        ste_free(st->st_all[i]);
    hl_raw_free(st->st_all);
    hl_raw_free(st->st_stack);
    hl_xdecref(st->st_filename);
    hl_raw_free(st);
}

hl_ste *hl_symtable_lookup(hl_symtable *st, void *key)
{
    for (int i = 0; i < st->st_nall; i++)
        if (st->st_all[i]->ste_key == key)
            return st->st_all[i];
    return NULL;
}

long hl_ste_get_flags(hl_ste *ste, HLObject *name)
{
    HLObject *v = hl_dict_get_item(ste->ste_symbols, name);
    return v ? hl_long_as_long(v) : 0;
}

int hl_ste_get_scope(hl_ste *ste, HLObject *name)
{
    return (int)((hl_ste_get_flags(ste, name) >> SCOPE_OFFSET) & 0xF);
}

static int enter_block(hl_symtable *st, HLObject *name, hl_block_type block, void *key, int lineno,
                       int col, int end_lineno, int end_col)
{
    hl_ste *prev = st->st_cur;
    hl_ste *ste = ste_new(st, name, block, key, lineno, col, end_lineno, end_col);
    if (ste == NULL)
        return 0;
    if (prev) {
        if (prev->ste_nchildren == prev->ste_children_cap) {
            int cap = prev->ste_children_cap ? prev->ste_children_cap * 2 : 4;
            hl_ste **c = hl_raw_realloc(prev->ste_children, sizeof(hl_ste *) * (size_t)cap);
            if (c == NULL) {
                hl_err_nomemory();
                return 0;
            }
            prev->ste_children = c;
            prev->ste_children_cap = cap;
        }
        prev->ste_children[prev->ste_nchildren++] = ste;
    }
    if (st->st_depth == st->st_stack_cap) {
        int cap = st->st_stack_cap ? st->st_stack_cap * 2 : 16;
        hl_ste **s = hl_raw_realloc(st->st_stack, sizeof(hl_ste *) * (size_t)cap);
        if (s == NULL) {
            hl_err_nomemory();
            return 0;
        }
        st->st_stack = s;
        st->st_stack_cap = cap;
    }
    st->st_stack[st->st_depth++] = ste;
    st->st_cur = ste;
    if (block == ModuleBlock)
        st->st_global = ste->ste_symbols;
    return 1;
}

static int exit_block(hl_symtable *st)
{
    st->st_depth--;
    st->st_cur = st->st_depth > 0 ? st->st_stack[st->st_depth - 1] : NULL;
    return 1;
}

/* ---- name mangling -------------------------------------------------------- */

HLObject *hl_mangle(HLObject *privateobj, HLObject *ident)
{
    /* Only __names (not __dunder__, not dotted) inside a class change. */
    if (privateobj == NULL || !hl_str_check(ident) || HL_STR_LEN(ident) < 2 ||
        hl_str_read_char(ident, 0) != '_' || hl_str_read_char(ident, 1) != '_')
        return hl_newref(ident);
    hl_ssize_t nlen = HL_STR_LEN(ident);
    if ((hl_str_read_char(ident, nlen - 1) == '_' && hl_str_read_char(ident, nlen - 2) == '_'))
        return hl_newref(ident);
    for (hl_ssize_t i = 0; i < nlen; i++)
        if (hl_str_read_char(ident, i) == '.')
            return hl_newref(ident);
    /* Strip leading underscores from the class name. */
    hl_ssize_t ipriv = 0, plen = HL_STR_LEN(privateobj);
    while (ipriv < plen && hl_str_read_char(privateobj, ipriv) == '_')
        ipriv++;
    if (ipriv == plen)
        return hl_newref(ident); /* a class of only underscores: no mangling */
    HLObject *stripped = hl_str_substring(privateobj, ipriv, plen);
    if (stripped == NULL)
        return NULL;
    HLObject *res = hl_str_from_format("_%U%U", stripped, ident);
    hl_decref(stripped);
    if (res)
        hl_str_intern_inplace(&res);
    return res;
}

/* ---- pass 1: recording uses ----------------------------------------------------- */

#define LOC(x) (x)->lineno, (x)->col_offset, (x)->end_lineno, (x)->end_col_offset

static int add_def_helper(hl_symtable *st, HLObject *name, int flag, hl_ste *ste, int lineno,
                          int col, int end_lineno, int end_col)
{
    HLObject *mangled = hl_mangle(st->st_private, name);
    if (mangled == NULL)
        return 0;
    HLObject *dict = ste->ste_symbols;
    long val;
    HLObject *o = hl_dict_get_item(dict, mangled);
    if (o) {
        val = hl_long_as_long(o);
        if ((flag & DEF_PARAM) && (val & DEF_PARAM)) {
            error_fmt(st, lineno, col, end_lineno, end_col,
                      "duplicate argument '%U' in function definition", name);
            hl_decref(mangled);
            return 0;
        }
        val |= flag;
    } else {
        val = flag;
    }
    if (ste->ste_comp_iter_target) {
        if (val & (DEF_GLOBAL | DEF_NONLOCAL)) {
            error_fmt(st, lineno, col, end_lineno, end_col,
                      "comprehension inner loop cannot rebind assignment expression target '%U'", name);
            hl_decref(mangled);
            return 0;
        }
        val |= DEF_COMP_ITER;
    }
    o = hl_long_from_long(val);
    if (o == NULL || hl_dict_set_item(dict, mangled, o) < 0) {
        hl_xdecref(o);
        hl_decref(mangled);
        return 0;
    }
    hl_decref(o);
    if (flag & DEF_PARAM) {
        if (hl_list_append(ste->ste_varnames, mangled) < 0) {
            hl_decref(mangled);
            return 0;
        }
    } else if (flag & DEF_GLOBAL) {
        val = flag;
        o = hl_dict_get_item(st->st_global, mangled);
        if (o)
            val |= hl_long_as_long(o);
        o = hl_long_from_long(val);
        if (o == NULL || hl_dict_set_item(st->st_global, mangled, o) < 0) {
            hl_xdecref(o);
            hl_decref(mangled);
            return 0;
        }
        hl_decref(o);
    }
    hl_decref(mangled);
    return 1;
}

static int add_def(hl_symtable *st, HLObject *name, int flag, int lineno, int col, int end_lineno,
                   int end_col)
{
    return add_def_helper(st, name, flag, st->st_cur, lineno, col, end_lineno, end_col);
}

static long symtable_lookup(hl_symtable *st, HLObject *name)
{
    HLObject *mangled = hl_mangle(st->st_private, name);
    if (mangled == NULL)
        return -1;
    long r = hl_ste_get_flags(st->st_cur, mangled);
    hl_decref(mangled);
    return r;
}

static int record_directive(hl_symtable *st, HLObject *name, int lineno, int col, int end_lineno,
                            int end_col)
{
    if (st->st_cur->ste_directives == NULL && (st->st_cur->ste_directives = hl_list_new(0)) == NULL)
        return 0;
    HLObject *mangled = hl_mangle(st->st_private, name);
    HLObject *a = hl_long_from_long(lineno), *b = hl_long_from_long(col);
    HLObject *c = hl_long_from_long(end_lineno), *d = hl_long_from_long(end_col);
    HLObject *t = (mangled && a && b && c && d) ? hl_tuple_pack(5, mangled, a, b, c, d) : NULL;
    int ok = t && hl_list_append(st->st_cur->ste_directives, t) == 0;
    hl_xdecref(t);
    hl_xdecref(mangled);
    hl_xdecref(a);
    hl_xdecref(b);
    hl_xdecref(c);
    hl_xdecref(d);
    return ok;
}

static int visit_stmt(hl_symtable *st, stmt_ty s);
static int visit_expr(hl_symtable *st, expr_ty e);

#define VISIT_QUIT(st, x) \
    do {                  \
        st->st_recursion_depth--; \
        return (x);       \
    } while (0)
#define VISIT(st, kind, v)                                                     \
    do {                                                                       \
        if (!visit_##kind((st), (v)))                                          \
            VISIT_QUIT((st), 0);                                               \
    } while (0)
#define VISIT_SEQ(st, kind, seq)                                               \
    do {                                                                       \
        for (hl_ssize_t _i = 0; _i < asdl_seq_LEN(seq); _i++)                  \
            if (!visit_##kind((st), asdl_seq_GET((seq), _i)))                  \
                VISIT_QUIT((st), 0);                                           \
    } while (0)
#define VISIT_SEQ_WITH_NULL(st, kind, seq)                                     \
    do {                                                                       \
        for (hl_ssize_t _i = 0; _i < asdl_seq_LEN(seq); _i++) {                \
            void *_elt = asdl_seq_GET((seq), _i);                              \
            if (_elt && !visit_##kind((st), _elt))                             \
                VISIT_QUIT((st), 0);                                           \
        }                                                                      \
    } while (0)

static int visit_params(hl_symtable *st, asdl_arg_seq *args)
{
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(args); i++) {
        arg_ty arg = asdl_seq_GET(args, i);
        if (!add_def(st, arg->arg, DEF_PARAM, LOC(arg)))
            return 0;
    }
    return 1;
}

static int visit_arguments(hl_symtable *st, arguments_ty a)
{
    if (!visit_params(st, a->posonlyargs) || !visit_params(st, a->args) ||
        !visit_params(st, a->kwonlyargs))
        return 0;
    if (a->vararg) {
        if (!add_def(st, a->vararg->arg, DEF_PARAM, LOC(a->vararg)))
            return 0;
        st->st_cur->ste_varargs = 1;
    }
    if (a->kwarg) {
        if (!add_def(st, a->kwarg->arg, DEF_PARAM, LOC(a->kwarg)))
            return 0;
        st->st_cur->ste_varkeywords = 1;
    }
    return 1;
}

static int visit_argannotations(hl_symtable *st, asdl_arg_seq *args)
{
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(args); i++) {
        arg_ty arg = asdl_seq_GET(args, i);
        if (arg->annotation && !visit_expr(st, arg->annotation))
            return 0;
    }
    return 1;
}

static int visit_annotations(hl_symtable *st, arguments_ty a, expr_ty returns)
{
    if (!visit_argannotations(st, a->posonlyargs) || !visit_argannotations(st, a->args) ||
        (a->vararg && a->vararg->annotation && !visit_expr(st, a->vararg->annotation)) ||
        (a->kwarg && a->kwarg->annotation && !visit_expr(st, a->kwarg->annotation)) ||
        !visit_argannotations(st, a->kwonlyargs))
        return 0;
    if (returns && !visit_expr(st, returns))
        return 0;
    return 1;
}

static int visit_alias(hl_symtable *st, alias_ty a)
{
    /* "import a.b.c" binds "a"; "import a.b as c" binds "c". */
    HLObject *name = a->asname ? a->asname : a->name;
    HLObject *store_name = NULL;
    hl_ssize_t dot = -1, n = HL_STR_LEN(name);
    for (hl_ssize_t i = 0; i < n; i++)
        if (hl_str_read_char(name, i) == '.') {
            dot = i;
            break;
        }
    if (dot >= 0) {
        store_name = hl_str_substring(name, 0, dot);
        if (store_name == NULL)
            return 0;
        hl_str_intern_inplace(&store_name);
    } else {
        store_name = hl_newref(name);
    }
    int r;
    if (!hl_str_eq_cstr(name, "*")) {
        r = add_def(st, store_name, DEF_IMPORT, LOC(a));
    } else {
        if (st->st_cur->ste_type != ModuleBlock) {
            error_fmt(st, LOC(a), "import * only allowed at module level", NULL);
            r = 0;
        } else {
            r = 1;
        }
    }
    hl_decref(store_name);
    return r;
}

static int visit_keyword(hl_symtable *st, keyword_ty k)
{
    return visit_expr(st, k->value);
}

static int visit_excepthandler(hl_symtable *st, excepthandler_ty eh)
{
    if (eh->v.ExceptHandler.type && !visit_expr(st, eh->v.ExceptHandler.type))
        return 0;
    if (eh->v.ExceptHandler.name && !add_def(st, eh->v.ExceptHandler.name, DEF_LOCAL, LOC(eh)))
        return 0;
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(eh->v.ExceptHandler.body); i++)
        if (!visit_stmt(st, asdl_seq_GET(eh->v.ExceptHandler.body, i)))
            return 0;
    return 1;
}

static int visit_withitem(hl_symtable *st, withitem_ty item)
{
    if (!visit_expr(st, item->context_expr))
        return 0;
    if (item->optional_vars && !visit_expr(st, item->optional_vars))
        return 0;
    return 1;
}

static int visit_comprehension(hl_symtable *st, comprehension_ty lc)
{
    st->st_cur->ste_comp_iter_target = 1;
    if (!visit_expr(st, lc->target))
        return 0;
    st->st_cur->ste_comp_iter_target = 0;
    st->st_cur->ste_comp_iter_expr++;
    if (!visit_expr(st, lc->iter))
        return 0;
    st->st_cur->ste_comp_iter_expr--;
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(lc->ifs); i++)
        if (!visit_expr(st, asdl_seq_GET(lc->ifs, i)))
            return 0;
    if (lc->is_async)
        st->st_cur->ste_coroutine = 1;
    return 1;
}

static int handle_comprehension(hl_symtable *st, expr_ty e, const char *scope_name,
                                asdl_comprehension_seq *generators, expr_ty elt, expr_ty value)
{
    int is_generator = e->kind == GeneratorExp_kind;
    comprehension_ty outermost = asdl_seq_GET(generators, 0);
    /* The outermost iterable is evaluated in the enclosing scope. */
    st->st_cur->ste_comp_iter_expr++;
    if (!visit_expr(st, outermost->iter))
        return 0;
    st->st_cur->ste_comp_iter_expr--;
    HLObject *name = hl_str_intern_from_cstr(scope_name);
    if (name == NULL)
        return 0;
    int ok = enter_block(st, name, FunctionBlock, e, LOC(e));
    hl_decref(name);
    if (!ok)
        return 0;
    st->st_cur->ste_comprehension = e->kind == ListComp_kind   ? ListComprehension
                                    : e->kind == SetComp_kind  ? SetComprehension
                                    : e->kind == DictComp_kind ? DictComprehension
                                                               : GeneratorExpression;
    /* The outermost iterator is received as the argument ".0". */
    HLObject *dot0 = hl_str_intern_from_cstr(".0");
    ok = dot0 && add_def(st, dot0, DEF_PARAM, LOC(e));
    hl_xdecref(dot0);
    if (!ok)
        return 0;
    st->st_cur->ste_comp_iter_target = 1;
    if (!visit_expr(st, outermost->target))
        return 0;
    st->st_cur->ste_comp_iter_target = 0;
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(outermost->ifs); i++)
        if (!visit_expr(st, asdl_seq_GET(outermost->ifs, i)))
            return 0;
    for (hl_ssize_t i = 1; i < asdl_seq_LEN(generators); i++)
        if (!visit_comprehension(st, asdl_seq_GET(generators, i)))
            return 0;
    if (value && !visit_expr(st, value))
        return 0;
    if (!visit_expr(st, elt))
        return 0;
    st->st_cur->ste_generator = is_generator;
    return exit_block(st);
}

/* Walrus targets bind in the nearest enclosing non-comprehension scope. */
static int extend_namedexpr_scope(hl_symtable *st, expr_ty e)
{
    HLObject *target_name = e->v.Name.id;
    for (int i = st->st_depth - 1; i >= 0; i--) {
        hl_ste *ste = st->st_stack[i];
        if (ste->ste_comprehension) {
            long target_in_scope = hl_ste_get_flags(ste, target_name);
            if (target_in_scope & DEF_COMP_ITER) {
                error_fmt(st, LOC(e),
                          "assignment expression cannot rebind comprehension iteration variable '%U'",
                          target_name);
                return 0;
            }
            continue;
        }
        if (ste->ste_type == FunctionBlock) {
            long flags = hl_ste_get_flags(ste, target_name);
            if (flags & DEF_GLOBAL) {
                if (!add_def(st, target_name, DEF_GLOBAL, LOC(e)))
                    return 0;
            } else if (!add_def(st, target_name, DEF_NONLOCAL, LOC(e))) {
                return 0;
            }
            if (!record_directive(st, target_name, LOC(e)))
                return 0;
            return add_def_helper(st, target_name, DEF_LOCAL, ste, LOC(e));
        }
        if (ste->ste_type == ModuleBlock) {
            if (!add_def(st, target_name, DEF_GLOBAL, LOC(e)) || !record_directive(st, target_name, LOC(e)))
                return 0;
            return add_def_helper(st, target_name, DEF_GLOBAL, ste, LOC(e));
        }
        if (ste->ste_type == ClassBlock) {
            error_fmt(st, LOC(e), "assignment expression within a comprehension cannot be used in a class body", NULL);
            return 0;
        }
    }
    return 0;
}

static int handle_namedexpr(hl_symtable *st, expr_ty e)
{
    if (st->st_cur->ste_comp_iter_expr > 0) {
        error_fmt(st, LOC(e), "assignment expression cannot be used in a comprehension iterable expression", NULL);
        return 0;
    }
    if (st->st_cur->ste_comprehension && !extend_namedexpr_scope(st, e->v.NamedExpr.target))
        return 0;
    return visit_expr(st, e->v.NamedExpr.value) && visit_expr(st, e->v.NamedExpr.target);
}

static int visit_stmt(hl_symtable *st, stmt_ty s)
{
    if (++st->st_recursion_depth > MAX_RECURSION) {
        hl_err_set_string(hl_exc_RecursionError, "maximum recursion depth exceeded during compilation");
        VISIT_QUIT(st, 0);
    }
    switch (s->kind) {
    case FunctionDef_kind: {
        if (!add_def(st, s->v.FunctionDef.name, DEF_LOCAL, LOC(s)))
            VISIT_QUIT(st, 0);
        arguments_ty args = s->v.FunctionDef.args;
        VISIT_SEQ(st, expr, args->defaults);
        VISIT_SEQ_WITH_NULL(st, expr, args->kw_defaults);
        if (!visit_annotations(st, args, s->v.FunctionDef.returns))
            VISIT_QUIT(st, 0);
        VISIT_SEQ(st, expr, s->v.FunctionDef.decorator_list);
        if (!enter_block(st, s->v.FunctionDef.name, FunctionBlock, s, LOC(s)))
            VISIT_QUIT(st, 0);
        if (!visit_arguments(st, args))
            VISIT_QUIT(st, 0);
        VISIT_SEQ(st, stmt, s->v.FunctionDef.body);
        exit_block(st);
        break;
    }
    case ClassDef_kind: {
        if (!add_def(st, s->v.ClassDef.name, DEF_LOCAL, LOC(s)))
            VISIT_QUIT(st, 0);
        VISIT_SEQ(st, expr, s->v.ClassDef.bases);
        VISIT_SEQ(st, keyword, s->v.ClassDef.keywords);
        VISIT_SEQ(st, expr, s->v.ClassDef.decorator_list);
        if (!enter_block(st, s->v.ClassDef.name, ClassBlock, s, LOC(s)))
            VISIT_QUIT(st, 0);
        HLObject *tmp = st->st_private;
        st->st_private = s->v.ClassDef.name;
        VISIT_SEQ(st, stmt, s->v.ClassDef.body);
        st->st_private = tmp;
        exit_block(st);
        break;
    }
    case Return_kind:
        if (s->v.Return.value) {
            VISIT(st, expr, s->v.Return.value);
            st->st_cur->ste_returns_value = 1;
        }
        break;
    case Delete_kind:
        VISIT_SEQ(st, expr, s->v.Delete.targets);
        break;
    case Assign_kind:
        VISIT_SEQ(st, expr, s->v.Assign.targets);
        VISIT(st, expr, s->v.Assign.value);
        break;
    case AnnAssign_kind:
        if (s->v.AnnAssign.target->kind == Name_kind) {
            expr_ty e_name = s->v.AnnAssign.target;
            long cur = symtable_lookup(st, e_name->v.Name.id);
            if (cur < 0)
                VISIT_QUIT(st, 0);
            if ((cur & (DEF_GLOBAL | DEF_NONLOCAL)) && st->st_cur->ste_symbols != st->st_global &&
                s->v.AnnAssign.simple) {
                error_fmt(st, LOC(s),
                          cur & DEF_GLOBAL ? "annotated name '%U' can't be global"
                                           : "annotated name '%U' can't be nonlocal",
                          e_name->v.Name.id);
                VISIT_QUIT(st, 0);
            }
            if (s->v.AnnAssign.simple &&
                !add_def(st, e_name->v.Name.id, DEF_ANNOT | DEF_LOCAL, LOC(e_name)))
                VISIT_QUIT(st, 0);
            else if (s->v.AnnAssign.value && !add_def(st, e_name->v.Name.id, DEF_LOCAL, LOC(e_name)))
                VISIT_QUIT(st, 0);
        } else {
            VISIT(st, expr, s->v.AnnAssign.target);
        }
        VISIT(st, expr, s->v.AnnAssign.annotation);
        if (s->v.AnnAssign.value)
            VISIT(st, expr, s->v.AnnAssign.value);
        break;
    case AugAssign_kind:
        VISIT(st, expr, s->v.AugAssign.target);
        VISIT(st, expr, s->v.AugAssign.value);
        break;
    case For_kind:
        VISIT(st, expr, s->v.For.target);
        VISIT(st, expr, s->v.For.iter);
        VISIT_SEQ(st, stmt, s->v.For.body);
        VISIT_SEQ(st, stmt, s->v.For.orelse);
        break;
    case While_kind:
        VISIT(st, expr, s->v.While.test);
        VISIT_SEQ(st, stmt, s->v.While.body);
        VISIT_SEQ(st, stmt, s->v.While.orelse);
        break;
    case If_kind:
        VISIT(st, expr, s->v.If.test);
        VISIT_SEQ(st, stmt, s->v.If.body);
        VISIT_SEQ(st, stmt, s->v.If.orelse);
        break;
    case Raise_kind:
        if (s->v.Raise.exc) {
            VISIT(st, expr, s->v.Raise.exc);
            if (s->v.Raise.cause)
                VISIT(st, expr, s->v.Raise.cause);
        }
        break;
    case Try_kind:
        VISIT_SEQ(st, stmt, s->v.Try.body);
        VISIT_SEQ(st, stmt, s->v.Try.orelse);
        VISIT_SEQ(st, excepthandler, s->v.Try.handlers);
        VISIT_SEQ(st, stmt, s->v.Try.finalbody);
        break;
    case Assert_kind:
        VISIT(st, expr, s->v.Assert.test);
        if (s->v.Assert.msg)
            VISIT(st, expr, s->v.Assert.msg);
        break;
    case Import_kind:
        VISIT_SEQ(st, alias, s->v.Import.names);
        break;
    case ImportFrom_kind:
        VISIT_SEQ(st, alias, s->v.ImportFrom.names);
        break;
    case Global_kind:
    case Nonlocal_kind: {
        int is_global = s->kind == Global_kind;
        asdl_identifier_seq *seq = is_global ? s->v.Global.names : s->v.Nonlocal.names;
        for (hl_ssize_t i = 0; i < asdl_seq_LEN(seq); i++) {
            HLObject *name = asdl_seq_GET(seq, i);
            long cur = symtable_lookup(st, name);
            if (cur < 0)
                VISIT_QUIT(st, 0);
            if (cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT)) {
                const char *msg;
                if (cur & DEF_PARAM)
                    msg = is_global ? "name '%U' is parameter and global" : "name '%U' is parameter and nonlocal";
                else if (cur & USE)
                    msg = is_global ? "name '%U' is used prior to global declaration"
                                    : "name '%U' is used prior to nonlocal declaration";
                else if (cur & DEF_ANNOT)
                    msg = is_global ? "annotated name '%U' can't be global" : "annotated name '%U' can't be nonlocal";
                else
                    msg = is_global ? "name '%U' is assigned to before global declaration"
                                    : "name '%U' is assigned to before nonlocal declaration";
                error_fmt(st, LOC(s), msg, name);
                VISIT_QUIT(st, 0);
            }
            if (!add_def(st, name, is_global ? DEF_GLOBAL : DEF_NONLOCAL, LOC(s)) ||
                !record_directive(st, name, LOC(s)))
                VISIT_QUIT(st, 0);
        }
        break;
    }
    case Expr_kind:
        VISIT(st, expr, s->v.Expr.value);
        break;
    case Pass_kind:
    case Break_kind:
    case Continue_kind:
        break;
    case With_kind:
        VISIT_SEQ(st, withitem, s->v.With.items);
        VISIT_SEQ(st, stmt, s->v.With.body);
        break;
    default:
        error_fmt(st, LOC(s), "heaplab does not support this statement", NULL);
        VISIT_QUIT(st, 0);
    }
    VISIT_QUIT(st, 1);
}

static int visit_expr(hl_symtable *st, expr_ty e)
{
    if (++st->st_recursion_depth > MAX_RECURSION) {
        hl_err_set_string(hl_exc_RecursionError, "maximum recursion depth exceeded during compilation");
        VISIT_QUIT(st, 0);
    }
    switch (e->kind) {
    case NamedExpr_kind:
        if (!handle_namedexpr(st, e))
            VISIT_QUIT(st, 0);
        break;
    case BoolOp_kind:
        VISIT_SEQ(st, expr, e->v.BoolOp.values);
        break;
    case BinOp_kind:
        VISIT(st, expr, e->v.BinOp.left);
        VISIT(st, expr, e->v.BinOp.right);
        break;
    case UnaryOp_kind:
        VISIT(st, expr, e->v.UnaryOp.operand);
        break;
    case Lambda_kind: {
        if (e->v.Lambda.args->defaults)
            VISIT_SEQ(st, expr, e->v.Lambda.args->defaults);
        if (e->v.Lambda.args->kw_defaults)
            VISIT_SEQ_WITH_NULL(st, expr, e->v.Lambda.args->kw_defaults);
        HLObject *name = hl_str_intern_from_cstr("lambda");
        int ok = name && enter_block(st, name, FunctionBlock, e, LOC(e));
        hl_xdecref(name);
        if (!ok || !visit_arguments(st, e->v.Lambda.args))
            VISIT_QUIT(st, 0);
        VISIT(st, expr, e->v.Lambda.body);
        exit_block(st);
        break;
    }
    case IfExp_kind:
        VISIT(st, expr, e->v.IfExp.test);
        VISIT(st, expr, e->v.IfExp.body);
        VISIT(st, expr, e->v.IfExp.orelse);
        break;
    case Dict_kind:
        VISIT_SEQ_WITH_NULL(st, expr, e->v.Dict.keys);
        VISIT_SEQ(st, expr, e->v.Dict.values);
        break;
    case Set_kind:
        VISIT_SEQ(st, expr, e->v.Set.elts);
        break;
    case GeneratorExp_kind:
        if (!handle_comprehension(st, e, "genexpr", e->v.GeneratorExp.generators, e->v.GeneratorExp.elt, NULL))
            VISIT_QUIT(st, 0);
        break;
    case ListComp_kind:
        if (!handle_comprehension(st, e, "listcomp", e->v.ListComp.generators, e->v.ListComp.elt, NULL))
            VISIT_QUIT(st, 0);
        break;
    case SetComp_kind:
        if (!handle_comprehension(st, e, "setcomp", e->v.SetComp.generators, e->v.SetComp.elt, NULL))
            VISIT_QUIT(st, 0);
        break;
    case DictComp_kind:
        if (!handle_comprehension(st, e, "dictcomp", e->v.DictComp.generators, e->v.DictComp.key,
                                  e->v.DictComp.value))
            VISIT_QUIT(st, 0);
        break;
    case Yield_kind:
    case YieldFrom_kind: {
        expr_ty value = e->kind == Yield_kind ? e->v.Yield.value : e->v.YieldFrom.value;
        if (value)
            VISIT(st, expr, value);
        st->st_cur->ste_generator = 1;
        if (st->st_cur->ste_comprehension) {
            const char *kinds[] = {"", "list comprehension", "dict comprehension", "set comprehension",
                                   "generator expression"};
            char msg[80];
            hl_snprintf(msg, sizeof msg, "'yield' inside %s", kinds[st->st_cur->ste_comprehension]);
            error_fmt(st, LOC(e), msg, NULL);
            VISIT_QUIT(st, 0);
        }
        break;
    }
    case Compare_kind:
        VISIT(st, expr, e->v.Compare.left);
        VISIT_SEQ(st, expr, e->v.Compare.comparators);
        break;
    case Call_kind:
        VISIT(st, expr, e->v.Call.func);
        VISIT_SEQ(st, expr, e->v.Call.args);
        VISIT_SEQ_WITH_NULL(st, keyword, e->v.Call.keywords);
        break;
    case FormattedValue_kind:
        VISIT(st, expr, e->v.FormattedValue.value);
        if (e->v.FormattedValue.format_spec)
            VISIT(st, expr, e->v.FormattedValue.format_spec);
        break;
    case JoinedStr_kind:
        VISIT_SEQ(st, expr, e->v.JoinedStr.values);
        break;
    case Constant_kind:
        break;
    case Attribute_kind:
        VISIT(st, expr, e->v.Attribute.value);
        break;
    case Subscript_kind:
        VISIT(st, expr, e->v.Subscript.value);
        VISIT(st, expr, e->v.Subscript.slice);
        break;
    case Starred_kind:
        VISIT(st, expr, e->v.Starred.value);
        break;
    case Slice_kind:
        if (e->v.Slice.lower)
            VISIT(st, expr, e->v.Slice.lower);
        if (e->v.Slice.upper)
            VISIT(st, expr, e->v.Slice.upper);
        if (e->v.Slice.step)
            VISIT(st, expr, e->v.Slice.step);
        break;
    case Name_kind:
        if (!add_def(st, e->v.Name.id, e->v.Name.ctx == Load ? USE : DEF_LOCAL, LOC(e)))
            VISIT_QUIT(st, 0);
        /* super() counts as a use of __class__. */
        if (e->v.Name.ctx == Load && st->st_cur->ste_type == FunctionBlock &&
            hl_str_eq_cstr(e->v.Name.id, "super")) {
            HLObject *cls = hl_str_intern_from_cstr("__class__");
            int ok = cls && add_def(st, cls, USE, LOC(e));
            hl_xdecref(cls);
            if (!ok)
                VISIT_QUIT(st, 0);
        }
        break;
    case List_kind:
        VISIT_SEQ(st, expr, e->v.List.elts);
        break;
    case Tuple_kind:
        VISIT_SEQ(st, expr, e->v.Tuple.elts);
        break;
    default:
        error_fmt(st, LOC(e), "heaplab does not support this expression", NULL);
        VISIT_QUIT(st, 0);
    }
    VISIT_QUIT(st, 1);
}

/* ---- pass 2: analysis --------------------------------------------------------- */

static int error_at_directive(hl_symtable *st, hl_ste *ste, HLObject *name, const char *fmt)
{
    for (hl_ssize_t i = 0; ste->ste_directives && i < HL_SIZE(ste->ste_directives); i++) {
        HLObject *d = HL_LIST_GET(ste->ste_directives, i);
        if (hl_str_eq(HL_TUPLE_GET(d, 0), name)) {
            error_fmt(st, (int)hl_long_as_long(HL_TUPLE_GET(d, 1)), (int)hl_long_as_long(HL_TUPLE_GET(d, 2)),
                      (int)hl_long_as_long(HL_TUPLE_GET(d, 3)), (int)hl_long_as_long(HL_TUPLE_GET(d, 4)), fmt, name);
            return 0;
        }
    }
    error_fmt(st, ste->ste_lineno, ste->ste_col_offset, ste->ste_end_lineno, ste->ste_end_col_offset, fmt, name);
    return 0;
}

static int set_scope(HLObject *scopes, HLObject *name, int scope)
{
    HLObject *v = hl_long_from_long(scope);
    int r = v ? hl_dict_set_item(scopes, name, v) : -1;
    hl_xdecref(v);
    return r == 0;
}

static int analyze_name(hl_symtable *st, hl_ste *ste, HLObject *scopes, HLObject *name, long flags,
                        HLObject *bound, HLObject *local, HLObject *free, HLObject *global)
{
    if (flags & DEF_GLOBAL) {
        if (flags & DEF_NONLOCAL)
            return error_at_directive(st, ste, name, "name '%U' is nonlocal and global");
        if (!set_scope(scopes, name, GLOBAL_EXPLICIT) || set_add(global, name) < 0)
            return 0;
        if (bound && set_discard(bound, name) < 0)
            return 0;
        return 1;
    }
    if (flags & DEF_NONLOCAL) {
        if (!bound)
            return error_at_directive(st, ste, name, "nonlocal declaration not allowed at module level");
        if (!set_contains(bound, name))
            return error_at_directive(st, ste, name, "no binding for nonlocal '%U' found");
        if (!set_scope(scopes, name, FREE))
            return 0;
        ste->ste_free = 1;
        return set_add(free, name) >= 0;
    }
    if (flags & DEF_BOUND) {
        if (!set_scope(scopes, name, LOCAL) || set_add(local, name) < 0)
            return 0;
        return set_discard(global, name) >= 0;
    }
    /* Bound in an enclosing function: free here. */
    if (bound && set_contains(bound, name)) {
        if (!set_scope(scopes, name, FREE))
            return 0;
        ste->ste_free = 1;
        return set_add(free, name) >= 0;
    }
    if (global && set_contains(global, name))
        return set_scope(scopes, name, GLOBAL_IMPLICIT);
    if (ste->ste_nested)
        ste->ste_free = 1;
    return set_scope(scopes, name, GLOBAL_IMPLICIT);
}

/* A local that a nested block needs becomes a cell. */
static int analyze_cells(HLObject *scopes, HLObject *free)
{
    hl_ssize_t pos = 0;
    HLObject *name, *v;
    HLObject *v_cell = hl_long_from_long(CELL);
    int ok = 1;
    while (ok && hl_dict_next(scopes, &pos, &name, &v)) {
        if (hl_long_as_long(v) != LOCAL || !set_contains(free, name))
            continue;
        ok = hl_dict_set_item(scopes, name, v_cell) == 0 && set_discard(free, name) >= 0;
    }
    hl_decref(v_cell);
    return ok;
}

static int drop_class_free(hl_ste *ste, HLObject *free)
{
    HLObject *cls = hl_str_intern_from_cstr("__class__");
    if (cls == NULL)
        return 0;
    int res = set_discard(free, cls);
    hl_decref(cls);
    if (res < 0)
        return 0;
    if (res)
        ste->ste_needs_class_closure = 1;
    return 1;
}

static int update_symbols(HLObject *symbols, HLObject *scopes, HLObject *bound, HLObject *free,
                          int classflag)
{
    hl_ssize_t pos = 0;
    HLObject *name, *v;
    while (hl_dict_next(symbols, &pos, &name, &v)) {
        long flags = hl_long_as_long(v);
        HLObject *v_scope = hl_dict_get_item(scopes, name);
        long scope = v_scope ? hl_long_as_long(v_scope) : 0;
        HLObject *v_new = hl_long_from_long(flags | (scope << SCOPE_OFFSET));
        if (v_new == NULL || hl_dict_set_item(symbols, name, v_new) < 0) {
            hl_xdecref(v_new);
            return 0;
        }
        hl_decref(v_new);
    }
    /* Free names of children not yet resolved here propagate upwards. */
    HLObject *v_free = hl_long_from_long(FREE << SCOPE_OFFSET);
    HLObject *names = hl_dict_keys(free);
    if (v_free == NULL || names == NULL) {
        hl_xdecref(v_free);
        hl_xdecref(names);
        return 0;
    }
    int ok = 1;
    for (hl_ssize_t i = 0; ok && i < HL_SIZE(names); i++) {
        name = HL_LIST_GET(names, i);
        v = hl_dict_get_item(symbols, name);
        if (v) {
            /* A method's free name that the class also binds. */
            if (classflag && (hl_long_as_long(v) & (DEF_BOUND | DEF_GLOBAL))) {
                HLObject *v_new = hl_long_from_long(hl_long_as_long(v) | DEF_FREE_CLASS);
                ok = v_new && hl_dict_set_item(symbols, name, v_new) == 0;
                hl_xdecref(v_new);
            }
            continue;
        }
        if (bound && !set_contains(bound, name))
            continue; /* a global */
        ok = hl_dict_set_item(symbols, name, v_free) == 0;
    }
    hl_decref(names);
    hl_decref(v_free);
    return ok;
}

static int analyze_block(hl_symtable *st, hl_ste *ste, HLObject *bound, HLObject *free,
                         HLObject *global);

static int analyze_child_block(hl_symtable *st, hl_ste *entry, HLObject *bound, HLObject *free,
                               HLObject *global, HLObject *child_free)
{
    HLObject *temp_bound = set_new(bound), *temp_free = set_new(free), *temp_global = set_new(global);
    int ok = temp_bound && temp_free && temp_global &&
             analyze_block(st, entry, temp_bound, temp_free, temp_global) &&
             hl_dict_update(child_free, temp_free) == 0;
    hl_xdecref(temp_bound);
    hl_xdecref(temp_free);
    hl_xdecref(temp_global);
    return ok;
}

static int analyze_block(hl_symtable *st, hl_ste *ste, HLObject *bound, HLObject *free,
                         HLObject *global)
{
    HLObject *local = set_new(NULL), *scopes = hl_dict_new(), *newglobal = set_new(NULL);
    HLObject *newfree = set_new(NULL), *newbound = set_new(NULL), *allfree = NULL;
    int success = 0;
    if (!local || !scopes || !newglobal || !newfree || !newbound)
        goto error;
    /* A class's names are not visible to its methods: what children see is
     * decided before analysing the class's own names. */
    if (ste->ste_type == ClassBlock) {
        if (hl_dict_update(newglobal, global) < 0 || (bound && hl_dict_update(newbound, bound) < 0))
            goto error;
    }
    hl_ssize_t pos = 0;
    HLObject *name, *v;
    while (hl_dict_next(ste->ste_symbols, &pos, &name, &v))
        if (!analyze_name(st, ste, scopes, name, hl_long_as_long(v), bound, local, free, global))
            goto error;
    if (ste->ste_type != ClassBlock) {
        if (ste->ste_type == FunctionBlock && hl_dict_update(newbound, local) < 0)
            goto error;
        if (bound && hl_dict_update(newbound, bound) < 0)
            goto error;
        if (hl_dict_update(newglobal, global) < 0)
            goto error;
    } else {
        HLObject *cls = hl_str_intern_from_cstr("__class__");
        int r = cls ? set_add(newbound, cls) : -1;
        hl_xdecref(cls);
        if (r < 0)
            goto error;
    }
    allfree = set_new(NULL);
    if (allfree == NULL)
        goto error;
    for (int i = 0; i < ste->ste_nchildren; i++) {
        hl_ste *entry = ste->ste_children[i];
        if (!analyze_child_block(st, entry, newbound, newfree, newglobal, allfree))
            goto error;
        if (entry->ste_free || entry->ste_child_free)
            ste->ste_child_free = 1;
    }
    if (hl_dict_update(newfree, allfree) < 0)
        goto error;
    if (ste->ste_type == FunctionBlock && !analyze_cells(scopes, newfree))
        goto error;
    else if (ste->ste_type == ClassBlock && !drop_class_free(ste, newfree))
        goto error;
    if (!update_symbols(ste->ste_symbols, scopes, bound, newfree, ste->ste_type == ClassBlock))
        goto error;
    if (hl_dict_update(free, newfree) < 0)
        goto error;
    success = 1;
error:
    hl_xdecref(local);
    hl_xdecref(scopes);
    hl_xdecref(newglobal);
    hl_xdecref(newfree);
    hl_xdecref(newbound);
    hl_xdecref(allfree);
    return success;
}

hl_symtable *hl_symtable_build(mod_ty mod, HLObject *filename)
{
    hl_symtable *st = hl_raw_calloc(sizeof(hl_symtable));
    if (st == NULL)
        return (hl_symtable *)hl_err_nomemory();
    st->st_filename = hl_newref(filename);
    HLObject *top = hl_str_intern_from_cstr("top");
    int ok = top && enter_block(st, top, ModuleBlock, mod, 0, 0, 0, 0);
    hl_xdecref(top);
    if (!ok)
        goto fail;
    st->st_top = st->st_cur;
    asdl_stmt_seq *body = NULL;
    switch (mod->kind) {
    case Module_kind:
        body = mod->v.Module.body;
        break;
    case Interactive_kind:
        body = mod->v.Interactive.body;
        break;
    case Expression_kind:
        if (!visit_expr(st, mod->v.Expression.body))
            goto fail;
        break;
    default:
        hl_err_set_string(hl_exc_SystemError, "bad module kind");
        goto fail;
    }
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(body); i++)
        if (!visit_stmt(st, asdl_seq_GET(body, i)))
            goto fail;
    exit_block(st);
    {
        HLObject *free = set_new(NULL), *global = set_new(NULL);
        ok = free && global && analyze_block(st, st->st_top, NULL, free, global);
        hl_xdecref(free);
        hl_xdecref(global);
        if (!ok)
            goto fail;
    }
    return st;
fail:
    hl_symtable_free(st);
    return NULL;
}
