/*
 * parser_actions.c — the helpers the grammar's actions call to build nodes
 * (CPython's Parser/action_helpers.c), and the checks behind some of the
 * specialised error messages.
 *
 * Most are small: sequences built from pieces (insert in front, flatten,
 * join), the pairs the grammar passes around (comparison operator and
 * operand, dict key and value, parameter and default), and the assembly of a
 * function's `arguments` from the five shapes a parameter list can have.
 *
 * hl_set_expr_context is worth a note: the grammar parses an assignment
 * target as an expression, then makes a COPY of the node (and of its
 * elements, for tuples and lists) with the Store or Del context — CPython
 * never mutates a node in place, and neither do we, so a backtracking parse
 * never sees a node it built earlier change under it.
 *
 * Nodes and sequences come from the arena; identifiers made here (dotted
 * import names, '*') are interned and registered with the arena like every
 * identifier.
 */
#include "pegen.h"

#include "../objects/longobject.h"

#include <string.h>

#include "../objects/strobject.h"
#include "../runtime/errors.h"
#include "../runtime/sysmem.h"

/* An arena allocation failed: record MemoryError in the parser. */
static void *nomem(Parser *p)
{
    hl_err_clear();
    hl_set_memory_error(p);
    return NULL;
}

#define NEW_SEQ(var, n)                                                        \
    asdl_seq *var = hl_asdl_seq_new((n), p->arena);                            \
    if (var == NULL)                                                           \
        return nomem(p)

asdl_seq *hl_singleton_seq(Parser *p, void *a)
{
    NEW_SEQ(seq, 1);
    seq->elements[0] = a;
    return seq;
}

asdl_seq *hl_seq_insert_in_front(Parser *p, void *a, asdl_seq *seq)
{
    if (seq == NULL)
        return hl_singleton_seq(p, a);
    NEW_SEQ(new_seq, asdl_seq_LEN(seq) + 1);
    new_seq->elements[0] = a;
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(seq); i++)
        new_seq->elements[i + 1] = seq->elements[i];
    return new_seq;
}

asdl_seq *hl_seq_append_to_end(Parser *p, asdl_seq *seq, void *a)
{
    if (seq == NULL)
        return hl_singleton_seq(p, a);
    NEW_SEQ(new_seq, asdl_seq_LEN(seq) + 1);
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(seq); i++)
        new_seq->elements[i] = seq->elements[i];
    new_seq->elements[asdl_seq_LEN(seq)] = a;
    return new_seq;
}

asdl_seq *hl_seq_flatten(Parser *p, asdl_seq *seqs)
{
    hl_ssize_t n = 0;
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(seqs); i++)
        n += asdl_seq_LEN((asdl_seq *)seqs->elements[i]);
    NEW_SEQ(flat, n);
    hl_ssize_t k = 0;
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(seqs); i++) {
        asdl_seq *inner = seqs->elements[i];
        for (hl_ssize_t j = 0; j < asdl_seq_LEN(inner); j++)
            flat->elements[k++] = inner->elements[j];
    }
    return flat;
}

asdl_seq *hl_join_sequences(Parser *p, asdl_seq *a, asdl_seq *b)
{
    hl_ssize_t na = asdl_seq_LEN(a), nb = asdl_seq_LEN(b);
    NEW_SEQ(seq, na + nb);
    for (hl_ssize_t i = 0; i < na; i++)
        seq->elements[i] = a->elements[i];
    for (hl_ssize_t i = 0; i < nb; i++)
        seq->elements[na + i] = b->elements[i];
    return seq;
}

/* `a.b` in an import: the name "a.b", interned.  Like CPython, this goes
 * through the UTF-8 of both names, which fills the UTF-8 cache of a
 * non-ASCII identifier (it shows in sys.getsizeof). */
expr_ty hl_join_names_with_dot(Parser *p, expr_ty first_name, expr_ty second_name)
{
    hl_ssize_t n1, n2;
    const char *s1 = hl_str_as_utf8(first_name->v.Name.id, &n1);
    const char *s2 = s1 ? hl_str_as_utf8(second_name->v.Name.id, &n2) : NULL;
    if (s2 == NULL)
        return nomem(p);
    char *buf = hl_raw_malloc((size_t)n1 + (size_t)n2 + 2);
    if (buf == NULL)
        return nomem(p);
    memcpy(buf, s1, (size_t)n1);
    buf[n1] = '.';
    memcpy(buf + n1 + 1, s2, (size_t)n2);
    HLObject *joined = hl_str_from_utf8(buf, n1 + 1 + n2);
    hl_raw_free(buf);
    if (joined == NULL)
        return nomem(p);
    hl_str_intern_inplace(&joined);
    if (hl_arena_add_object(p->arena, joined) < 0) {
        hl_decref(joined);
        return nomem(p);
    }
    return hl_ast_Name(joined, Load, first_name->lineno, first_name->col_offset,
                       second_name->end_lineno, second_name->end_col_offset, p->arena);
}

int hl_seq_count_dots(asdl_seq *seq)
{
    int n = 0;
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(seq); i++) {
        Token *t = seq->elements[i];
        n += t->type == ELLIPSIS ? 3 : 1;
    }
    return n;
}

alias_ty hl_alias_for_star(Parser *p, int lineno, int col_offset, int end_lineno,
                           int end_col_offset, hl_arena *arena)
{
    HLObject *star = hl_str_intern_from_cstr("*");
    if (star == NULL)
        return nomem(p);
    if (hl_arena_add_object(p->arena, star) < 0) {
        hl_decref(star);
        return nomem(p);
    }
    return hl_ast_alias(star, NULL, lineno, col_offset, end_lineno, end_col_offset, arena);
}

asdl_identifier_seq *hl_map_names_to_ids(Parser *p, asdl_expr_seq *seq)
{
    NEW_SEQ(ids, asdl_seq_LEN(seq));
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(seq); i++)
        ids->elements[i] = ((expr_ty)seq->elements[i])->v.Name.id;
    return ids;
}

CmpopExprPair *hl_cmpop_expr_pair(Parser *p, cmpop_ty cmpop, expr_ty expr)
{
    CmpopExprPair *a = hl_arena_malloc(p->arena, sizeof(CmpopExprPair));
    if (a == NULL)
        return nomem(p);
    a->cmpop = cmpop;
    a->expr = expr;
    return a;
}

asdl_int_seq *hl_get_cmpops(Parser *p, asdl_seq *seq)
{
    asdl_int_seq *ops = hl_asdl_int_seq_new(asdl_seq_LEN(seq), p->arena);
    if (ops == NULL)
        return nomem(p);
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(seq); i++)
        ops->elements[i] = ((CmpopExprPair *)seq->elements[i])->cmpop;
    return ops;
}

asdl_expr_seq *hl_get_exprs(Parser *p, asdl_seq *seq)
{
    NEW_SEQ(exprs, asdl_seq_LEN(seq));
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(seq); i++)
        exprs->elements[i] = ((CmpopExprPair *)seq->elements[i])->expr;
    return exprs;
}

/* ---------------------------------------------------------------------------
 * Expression contexts.
 */
static asdl_expr_seq *set_seq_context(Parser *p, asdl_expr_seq *seq, expr_context_ty ctx)
{
    if (seq == NULL)
        return NULL;
    NEW_SEQ(new_seq, asdl_seq_LEN(seq));
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(seq); i++) {
        expr_ty e = hl_set_expr_context(p, seq->elements[i], ctx);
        if (e == NULL)
            return NULL;
        new_seq->elements[i] = e;
    }
    return new_seq;
}

#define POS(e) (e)->lineno, (e)->col_offset, (e)->end_lineno, (e)->end_col_offset, p->arena

expr_ty hl_set_expr_context(Parser *p, expr_ty e, expr_context_ty ctx)
{
    switch (e->kind) {
    case Name_kind:
        return hl_ast_Name(e->v.Name.id, ctx, POS(e));
    case Tuple_kind: {
        asdl_expr_seq *elts = set_seq_context(p, e->v.Tuple.elts, ctx);
        if (elts == NULL && e->v.Tuple.elts != NULL)
            return NULL;
        return hl_ast_Tuple(elts, ctx, POS(e));
    }
    case List_kind: {
        asdl_expr_seq *elts = set_seq_context(p, e->v.List.elts, ctx);
        if (elts == NULL && e->v.List.elts != NULL)
            return NULL;
        return hl_ast_List(elts, ctx, POS(e));
    }
    case Subscript_kind:
        return hl_ast_Subscript(e->v.Subscript.value, e->v.Subscript.slice, ctx, POS(e));
    case Attribute_kind:
        return hl_ast_Attribute(e->v.Attribute.value, e->v.Attribute.attr, ctx, POS(e));
    case Starred_kind: {
        expr_ty value = hl_set_expr_context(p, e->v.Starred.value, ctx);
        if (value == NULL)
            return NULL;
        return hl_ast_Starred(value, ctx, POS(e));
    }
    default:
        return e;
    }
}

/* ---------------------------------------------------------------------------
 * Dicts, parameters, calls.
 */
KeyValuePair *hl_key_value_pair(Parser *p, expr_ty key, expr_ty value)
{
    KeyValuePair *a = hl_arena_malloc(p->arena, sizeof(KeyValuePair));
    if (a == NULL)
        return nomem(p);
    a->key = key;
    a->value = value;
    return a;
}

asdl_expr_seq *hl_get_keys(Parser *p, asdl_seq *seq)
{
    NEW_SEQ(keys, asdl_seq_LEN(seq));
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(seq); i++)
        keys->elements[i] = ((KeyValuePair *)seq->elements[i])->key;
    return keys;
}

asdl_expr_seq *hl_get_values(Parser *p, asdl_seq *seq)
{
    NEW_SEQ(values, asdl_seq_LEN(seq));
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(seq); i++)
        values->elements[i] = ((KeyValuePair *)seq->elements[i])->value;
    return values;
}

NameDefaultPair *hl_name_default_pair(Parser *p, arg_ty arg, expr_ty value)
{
    NameDefaultPair *a = hl_arena_malloc(p->arena, sizeof(NameDefaultPair));
    if (a == NULL)
        return nomem(p);
    a->arg = arg;
    a->value = value;
    return a;
}

SlashWithDefault *hl_slash_with_default(Parser *p, asdl_arg_seq *plain_names,
                                        asdl_seq *names_with_defaults)
{
    SlashWithDefault *a = hl_arena_malloc(p->arena, sizeof(SlashWithDefault));
    if (a == NULL)
        return nomem(p);
    a->plain_names = plain_names;
    a->names_with_defaults = names_with_defaults;
    return a;
}

StarEtc *hl_star_etc(Parser *p, arg_ty vararg, asdl_seq *kwonlyargs, arg_ty kwarg)
{
    StarEtc *a = hl_arena_malloc(p->arena, sizeof(StarEtc));
    if (a == NULL)
        return nomem(p);
    a->vararg = vararg;
    a->kwonlyargs = kwonlyargs;
    a->kwarg = kwarg;
    return a;
}

static asdl_arg_seq *get_names(Parser *p, asdl_seq *names_with_defaults)
{
    NEW_SEQ(seq, asdl_seq_LEN(names_with_defaults));
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(names_with_defaults); i++)
        seq->elements[i] = ((NameDefaultPair *)names_with_defaults->elements[i])->arg;
    return seq;
}

static asdl_expr_seq *get_defaults(Parser *p, asdl_seq *names_with_defaults)
{
    NEW_SEQ(seq, asdl_seq_LEN(names_with_defaults));
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(names_with_defaults); i++)
        seq->elements[i] = ((NameDefaultPair *)names_with_defaults->elements[i])->value;
    return seq;
}

arguments_ty hl_make_arguments(Parser *p, asdl_arg_seq *slash_without_default,
                               SlashWithDefault *slash_with_default, asdl_arg_seq *plain_names,
                               asdl_seq *names_with_default, StarEtc *star_etc)
{
    asdl_arg_seq *posonlyargs;
    if (slash_without_default != NULL) {
        posonlyargs = slash_without_default;
    } else if (slash_with_default != NULL) {
        asdl_arg_seq *names = get_names(p, slash_with_default->names_with_defaults);
        if (names == NULL)
            return NULL;
        posonlyargs = hl_join_sequences(p, slash_with_default->plain_names, names);
    } else {
        posonlyargs = hl_asdl_seq_new(0, p->arena);
    }
    if (posonlyargs == NULL)
        return nomem(p);

    asdl_arg_seq *posargs;
    if (plain_names != NULL && names_with_default != NULL) {
        asdl_arg_seq *names = get_names(p, names_with_default);
        if (names == NULL)
            return NULL;
        posargs = hl_join_sequences(p, plain_names, names);
    } else if (plain_names == NULL && names_with_default != NULL) {
        posargs = get_names(p, names_with_default);
    } else if (plain_names != NULL && names_with_default == NULL) {
        posargs = plain_names;
    } else {
        posargs = hl_asdl_seq_new(0, p->arena);
    }
    if (posargs == NULL)
        return nomem(p);

    asdl_expr_seq *posdefaults;
    if (slash_with_default != NULL && names_with_default != NULL) {
        asdl_expr_seq *a = get_defaults(p, slash_with_default->names_with_defaults);
        asdl_expr_seq *b = a ? get_defaults(p, names_with_default) : NULL;
        if (b == NULL)
            return NULL;
        posdefaults = hl_join_sequences(p, a, b);
    } else if (slash_with_default == NULL && names_with_default != NULL) {
        posdefaults = get_defaults(p, names_with_default);
    } else if (slash_with_default != NULL && names_with_default == NULL) {
        posdefaults = get_defaults(p, slash_with_default->names_with_defaults);
    } else {
        posdefaults = hl_asdl_seq_new(0, p->arena);
    }
    if (posdefaults == NULL)
        return nomem(p);

    arg_ty vararg = star_etc != NULL ? star_etc->vararg : NULL;
    asdl_arg_seq *kwonlyargs;
    asdl_expr_seq *kwdefaults;
    if (star_etc != NULL && star_etc->kwonlyargs != NULL) {
        kwonlyargs = get_names(p, star_etc->kwonlyargs);
        kwdefaults = kwonlyargs ? get_defaults(p, star_etc->kwonlyargs) : NULL;
        if (kwdefaults == NULL)
            return NULL;
    } else {
        kwonlyargs = hl_asdl_seq_new(0, p->arena);
        kwdefaults = hl_asdl_seq_new(0, p->arena);
        if (kwonlyargs == NULL || kwdefaults == NULL)
            return nomem(p);
    }
    arg_ty kwarg = star_etc != NULL ? star_etc->kwarg : NULL;
    return hl_ast_arguments(posonlyargs, posargs, vararg, kwonlyargs, kwdefaults, kwarg,
                            posdefaults, p->arena);
}

arguments_ty hl_empty_arguments(Parser *p)
{
    asdl_seq *a = hl_asdl_seq_new(0, p->arena), *b = hl_asdl_seq_new(0, p->arena),
             *c = hl_asdl_seq_new(0, p->arena), *d = hl_asdl_seq_new(0, p->arena),
             *e = hl_asdl_seq_new(0, p->arena);
    if (a == NULL || b == NULL || c == NULL || d == NULL || e == NULL)
        return nomem(p);
    return hl_ast_arguments(a, b, NULL, c, d, NULL, e, p->arena);
}

AugOperator *hl_augoperator(Parser *p, operator_ty kind)
{
    AugOperator *a = hl_arena_malloc(p->arena, sizeof(AugOperator));
    if (a == NULL)
        return nomem(p);
    a->kind = kind;
    return a;
}

/* A decorated definition keeps the position of its `def` / `class`. */
stmt_ty hl_function_def_decorators(Parser *p, asdl_expr_seq *decorators, stmt_ty f)
{
    if (f->kind == AsyncFunctionDef_kind)
        return hl_ast_AsyncFunctionDef(f->v.AsyncFunctionDef.name, f->v.AsyncFunctionDef.args,
                                       f->v.AsyncFunctionDef.body, decorators,
                                       f->v.AsyncFunctionDef.returns,
                                       f->v.AsyncFunctionDef.type_comment, POS(f));
    return hl_ast_FunctionDef(f->v.FunctionDef.name, f->v.FunctionDef.args, f->v.FunctionDef.body,
                              decorators, f->v.FunctionDef.returns,
                              f->v.FunctionDef.type_comment, POS(f));
}

stmt_ty hl_class_def_decorators(Parser *p, asdl_expr_seq *decorators, stmt_ty c)
{
    return hl_ast_ClassDef(c->v.ClassDef.name, c->v.ClassDef.bases, c->v.ClassDef.keywords,
                           c->v.ClassDef.body, decorators, POS(c));
}

KeywordOrStarred *hl_keyword_or_starred(Parser *p, void *element, int is_keyword)
{
    KeywordOrStarred *a = hl_arena_malloc(p->arena, sizeof(KeywordOrStarred));
    if (a == NULL)
        return nomem(p);
    a->element = element;
    a->is_keyword = is_keyword;
    return a;
}

static hl_ssize_t seq_number_of_starred_exprs(asdl_seq *seq)
{
    hl_ssize_t n = 0;
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(seq); i++)
        if (!((KeywordOrStarred *)seq->elements[i])->is_keyword)
            n++;
    return n;
}

asdl_expr_seq *hl_seq_extract_starred_exprs(Parser *p, asdl_seq *kwargs)
{
    hl_ssize_t n = seq_number_of_starred_exprs(kwargs);
    if (n == 0)
        return NULL;
    NEW_SEQ(seq, n);
    hl_ssize_t k = 0;
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(kwargs); i++) {
        KeywordOrStarred *ks = kwargs->elements[i];
        if (!ks->is_keyword)
            seq->elements[k++] = ks->element;
    }
    return seq;
}

asdl_keyword_seq *hl_seq_delete_starred_exprs(Parser *p, asdl_seq *kwargs)
{
    hl_ssize_t n = asdl_seq_LEN(kwargs) - seq_number_of_starred_exprs(kwargs);
    if (n == 0)
        return NULL;
    NEW_SEQ(seq, n);
    hl_ssize_t k = 0;
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(kwargs); i++) {
        KeywordOrStarred *ks = kwargs->elements[i];
        if (ks->is_keyword)
            seq->elements[k++] = ks->element;
    }
    return seq;
}

/* The placeholder callee of the Call node `args` builds (CPython keeps one
 * per process; one per parser is enough). */
expr_ty hl_dummy_name(Parser *p)
{
    if (p->dummy_name == NULL) {
        HLObject *empty = hl_str_empty();
        if (hl_arena_add_object(p->arena, empty) < 0) {
            hl_decref(empty);
            return nomem(p);
        }
        p->dummy_name = hl_ast_Name(empty, Load, 1, 0, 1, 0, p->arena);
        if (p->dummy_name == NULL)
            return nomem(p);
    }
    return p->dummy_name;
}

expr_ty hl_collect_call_seqs(Parser *p, asdl_expr_seq *a, asdl_seq *b, int lineno,
                             int col_offset, int end_lineno, int end_col_offset, hl_arena *arena)
{
    expr_ty dummy = hl_dummy_name(p);
    if (dummy == NULL)
        return NULL;
    if (b == NULL)
        return hl_ast_Call(dummy, a, NULL, lineno, col_offset, end_lineno, end_col_offset, arena);
    asdl_expr_seq *starreds = hl_seq_extract_starred_exprs(p, b);
    asdl_keyword_seq *keywords = hl_seq_delete_starred_exprs(p, b);
    if (p->error_indicator)
        return NULL;
    asdl_expr_seq *args = hl_join_sequences(p, a, starreds);
    if (args == NULL)
        return NULL;
    return hl_ast_Call(dummy, args, keywords, lineno, col_offset, end_lineno, end_col_offset, arena);
}

mod_ty hl_make_module(Parser *p, asdl_stmt_seq *a)
{
    return hl_ast_Module(a, NULL, p->arena);
}

/* ---------------------------------------------------------------------------
 * Error helpers.
 */
const char *hl_get_expr_name(expr_ty e)
{
    switch (e->kind) {
    case Attribute_kind: return "attribute";
    case Subscript_kind: return "subscript";
    case Starred_kind: return "starred";
    case Name_kind: return "name";
    case List_kind: return "list";
    case Tuple_kind: return "tuple";
    case Lambda_kind: return "lambda";
    case Call_kind: return "function call";
    case BoolOp_kind:
    case BinOp_kind:
    case UnaryOp_kind: return "expression";
    case GeneratorExp_kind: return "generator expression";
    case Yield_kind:
    case YieldFrom_kind: return "yield expression";
    case Await_kind: return "await expression";
    case ListComp_kind: return "list comprehension";
    case SetComp_kind: return "set comprehension";
    case DictComp_kind: return "dict comprehension";
    case Dict_kind: return "dict literal";
    case Set_kind: return "set display";
    case JoinedStr_kind:
    case FormattedValue_kind: return "f-string expression";
    case Constant_kind: {
        HLObject *v = e->v.Constant.value;
        if (v == HL_None) return "None";
        if (v == HL_False) return "False";
        if (v == HL_True) return "True";
        if (v == HL_Ellipsis) return "ellipsis";
        return "literal";
    }
    case Compare_kind: return "comparison";
    case IfExp_kind: return "conditional expression";
    case NamedExpr_kind: return "named expression";
    default: return "???";
    }
}

/* The first sub-expression that cannot be a target (NULL if all can). */
expr_ty hl_get_invalid_target(expr_ty e, TARGETS_TYPE targets_type)
{
    if (e == NULL)
        return NULL;
    switch (e->kind) {
    case List_kind:
    case Tuple_kind: {
        asdl_seq *elts = e->kind == List_kind ? e->v.List.elts : e->v.Tuple.elts;
        for (hl_ssize_t i = 0; i < asdl_seq_LEN(elts); i++) {
            expr_ty child = hl_get_invalid_target(elts->elements[i], targets_type);
            if (child != NULL)
                return child;
        }
        return NULL;
    }
    case Starred_kind:
        if (targets_type == DEL_TARGETS)
            return e;
        return hl_get_invalid_target(e->v.Starred.value, targets_type);
    case Compare_kind:
        /* `for a in b` parses `a in b` as a comparison: look at its left. */
        if (targets_type == FOR_TARGETS) {
            if (e->v.Compare.ops->elements[0] == In)
                return hl_get_invalid_target(e->v.Compare.left, targets_type);
            return NULL;
        }
        return e;
    case Name_kind:
    case Subscript_kind:
    case Attribute_kind:
        return NULL;
    default:
        return e;
    }
}

void *hl_raise_invalid_target(Parser *p, TARGETS_TYPE type, void *e)
{
    expr_ty invalid_target = hl_get_invalid_target(e, type);
    if (invalid_target != NULL) {
        const char *msg = (type == STAR_TARGETS || type == FOR_TARGETS) ? "cannot assign to %s"
                                                                         : "cannot delete %s";
        return RAISE_SYNTAX_ERROR_KNOWN_LOCATION(invalid_target, msg,
                                                 hl_get_expr_name(invalid_target));
    }
    return NULL;
}

void *hl_arguments_parsing_error(Parser *p, expr_ty e)
{
    int keyword_unpacking = 0;
    asdl_seq *keywords = e->v.Call.keywords;
    for (hl_ssize_t i = 0; i < asdl_seq_LEN(keywords); i++)
        if (((keyword_ty)keywords->elements[i])->arg == NULL)
            keyword_unpacking = 1;
    return RAISE_SYNTAX_ERROR(keyword_unpacking
                                  ? "positional argument follows keyword argument unpacking"
                                  : "positional argument follows keyword argument");
}

expr_ty hl_get_last_comprehension_item(comprehension_ty comprehension)
{
    if (comprehension->ifs == NULL || asdl_seq_LEN(comprehension->ifs) == 0)
        return comprehension->iter;
    return comprehension->ifs->elements[asdl_seq_LEN(comprehension->ifs) - 1];
}

void *hl_nonparen_genexp_in_call(Parser *p, expr_ty args, asdl_comprehension_seq *comprehensions)
{
    /* f(L, x for x in y): with one argument it is a valid call. */
    hl_ssize_t len = asdl_seq_LEN(args->v.Call.args);
    if (len <= 1)
        return NULL;
    comprehension_ty last = comprehensions->elements[asdl_seq_LEN(comprehensions) - 1];
    return RAISE_SYNTAX_ERROR_KNOWN_RANGE((expr_ty)args->v.Call.args->elements[len - 1],
                                          hl_get_last_comprehension_item(last),
                                          "Generator expression must be parenthesized");
}

int hl_check_legacy_stmt(Parser *p, expr_ty name)
{
    if (name->kind != Name_kind)
        return 0;
    return hl_str_eq_cstr(name->v.Name.id, "print") || hl_str_eq_cstr(name->v.Name.id, "exec");
}

/* `<>` is the Barry-as-FLUFL spelling of != : never accepted. */
int hl_check_barry_as_flufl(Parser *p, Token *t)
{
    return !(t->end - t->start == 2 && t->start[0] == '!' && t->start[1] == '=');
}
