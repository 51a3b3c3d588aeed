/*
 * ast_dump.c — the text of CPython's ast.dump(tree, include_attributes=True).
 *
 * ast.dump (with indent=None) writes a node as `Name(f1=v1, f2=v2, ...)`:
 * every field in ASDL order as name=value, except optional fields whose
 * value is None, which are left out; then, for node types that have
 * attributes, lineno, col_offset, end_lineno and end_col_offset.  Lists
 * are `[a, b]`, enumeration values are written as their singleton nodes
 * (`Load()`, `Add()`), and everything else — identifiers, constants,
 * Constant.kind — is written as its repr().  A None element inside a list
 * (kw_defaults) is `None`.
 *
 * The parser's differential tests (tests/c/test_parser.c) compare this text
 * with the output recorded from CPython 3.11, so the format must match it
 * character for character.  The per-node functions follow Python.asdl.
 */
#include "ast.h"

#include "../objects/strobject.h"
#include "../runtime/errors.h"
#include "../runtime/strbuf.h"

/* Set when a repr fails or the tree is too deep; the dump goes on and
 * reports -1 at the end. */
static int dump_failed;

/* Left-recursive rules build trees as deep as the source is long
 * (a.b.b.b..., 1+1+1...): bound the C recursion, as CPython's conversion
 * of the tree to Python objects does ("maximum recursion depth exceeded
 * during ast construction"). */
#define MAX_DUMP_DEPTH 3000
static int dump_depth;

#define DEPTH_GUARD                                                            \
    do {                                                                       \
        if (dump_depth >= MAX_DUMP_DEPTH) {                                    \
            if (!dump_failed)                                                  \
                hl_err_set_string(hl_exc_RecursionError,                       \
                                  "maximum recursion depth exceeded during ast construction"); \
            dump_failed = 1;                                                   \
            hl_sb_puts(out, "...");                                            \
            return;                                                            \
        }                                                                      \
    } while (0)

static void dump_object(hl_strbuf *out, HLObject *o)
{
    if (o == NULL) {
        hl_sb_puts(out, "None");
        return;
    }
    HLObject *r = hl_object_repr(o);
    if (r == NULL) {
        dump_failed = 1;
        hl_sb_puts(out, "<?>");
        return;
    }
    hl_str_write_utf8(out, r);
    hl_decref(r);
}

/* A field is preceded by ", " unless it is the first thing after "Node(";
 * optional fields that are None are left out, so this is decided as the
 * text is written. */
#define SEP hl_sb_puts(out, ", ")
#define FIELD(name)                                                            \
    do {                                                                       \
        if (!(out->len > 0 && out->s[out->len - 1] == '('))                    \
            SEP;                                                               \
        hl_sb_puts(out, name "=");                                             \
    } while (0)

#define DUMP_SEQ(seq, fn)                                                      \
    do {                                                                       \
        asdl_seq *_s = (asdl_seq *)(seq);                                      \
        hl_sb_putc(out, '[');                                                  \
        for (hl_ssize_t _i = 0; _i < asdl_seq_LEN(_s); _i++) {                 \
            if (_i)                                                            \
                SEP;                                                           \
            fn(out, asdl_seq_GET(_s, _i));                                     \
        }                                                                      \
        hl_sb_putc(out, ']');                                                  \
    } while (0)

#define DUMP_INT_SEQ(seq, fn)                                                  \
    do {                                                                       \
        asdl_int_seq *_s = (seq);                                              \
        hl_sb_putc(out, '[');                                                  \
        for (hl_ssize_t _i = 0; _i < asdl_seq_LEN(_s); _i++) {                 \
            if (_i)                                                            \
                SEP;                                                           \
            fn(out, _s->elements[_i]);                                         \
        }                                                                      \
        hl_sb_putc(out, ']');                                                  \
    } while (0)

/* The attributes come after the fields; a node without fields (Pass) has
 * just written its '('. */
#define DUMP_POSITION(n, unused)                                               \
    do {                                                                       \
        FIELD("lineno");                                                       \
        hl_sb_printf(out, "%d, col_offset=%d, end_lineno=%d, end_col_offset=%d", \
                     (n)->lineno, (n)->col_offset, (n)->end_lineno, (n)->end_col_offset); \
    } while (0)

/* Forward declarations (the types refer to each other). */
static void dump_mod(hl_strbuf *out, mod_ty n);
static void dump_stmt(hl_strbuf *out, stmt_ty n);
static void dump_expr(hl_strbuf *out, expr_ty n);
static void dump_comprehension(hl_strbuf *out, comprehension_ty n);
static void dump_excepthandler(hl_strbuf *out, excepthandler_ty n);
static void dump_arguments(hl_strbuf *out, arguments_ty n);
static void dump_arg(hl_strbuf *out, arg_ty n);
static void dump_keyword(hl_strbuf *out, keyword_ty n);
static void dump_alias(hl_strbuf *out, alias_ty n);
static void dump_withitem(hl_strbuf *out, withitem_ty n);
static void dump_match_case(hl_strbuf *out, match_case_ty n);
static void dump_pattern(hl_strbuf *out, pattern_ty n);
static void dump_type_ignore(hl_strbuf *out, type_ignore_ty n);

static void dump_expr_context(hl_strbuf *out, int v)
{
    static const char *const names[] = {NULL, "Load()", "Store()", "Del()"};
    hl_sb_puts(out, v >= 1 && v <= 3 ? names[v] : "?");
}

static void dump_boolop(hl_strbuf *out, int v)
{
    static const char *const names[] = {NULL, "And()", "Or()"};
    hl_sb_puts(out, v >= 1 && v <= 2 ? names[v] : "?");
}

static void dump_operator(hl_strbuf *out, int v)
{
    static const char *const names[] = {NULL, "Add()", "Sub()", "Mult()", "MatMult()",
        "Div()", "Mod()", "Pow()", "LShift()", "RShift()", "BitOr()", "BitXor()",
        "BitAnd()", "FloorDiv()"};
    hl_sb_puts(out, v >= 1 && v <= 13 ? names[v] : "?");
}

static void dump_unaryop(hl_strbuf *out, int v)
{
    static const char *const names[] = {NULL, "Invert()", "Not()", "UAdd()", "USub()"};
    hl_sb_puts(out, v >= 1 && v <= 4 ? names[v] : "?");
}

static void dump_cmpop(hl_strbuf *out, int v)
{
    static const char *const names[] = {NULL, "Eq()", "NotEq()", "Lt()", "LtE()",
        "Gt()", "GtE()", "Is()", "IsNot()", "In()", "NotIn()"};
    hl_sb_puts(out, v >= 1 && v <= 10 ? names[v] : "?");
}

static void dump_mod(hl_strbuf *out, mod_ty n)
{
    if (n == NULL) {
        hl_sb_puts(out, "None");
        return;
    }
    switch (n->kind) {
    case Module_kind:
        hl_sb_puts(out, "Module(");
        FIELD("body"); DUMP_SEQ(n->v.Module.body, dump_stmt);
        FIELD("type_ignores"); DUMP_SEQ(n->v.Module.type_ignores, dump_type_ignore);
        break;
    case Interactive_kind:
        hl_sb_puts(out, "Interactive(");
        FIELD("body"); DUMP_SEQ(n->v.Interactive.body, dump_stmt);
        break;
    case Expression_kind:
        hl_sb_puts(out, "Expression(");
        FIELD("body"); dump_expr(out, n->v.Expression.body);
        break;
    case FunctionType_kind:
        hl_sb_puts(out, "FunctionType(");
        FIELD("argtypes"); DUMP_SEQ(n->v.FunctionType.argtypes, dump_expr);
        FIELD("returns"); dump_expr(out, n->v.FunctionType.returns);
        break;
    }
    hl_sb_putc(out, ')');
}

static void dump_stmt_body(hl_strbuf *out, stmt_ty n);

static void dump_stmt(hl_strbuf *out, stmt_ty n)
{
    DEPTH_GUARD;
    dump_depth++;
    dump_stmt_body(out, n);
    dump_depth--;
}

static void dump_stmt_body(hl_strbuf *out, stmt_ty n)
{
    if (n == NULL) {
        hl_sb_puts(out, "None");
        return;
    }
    switch (n->kind) {
    case FunctionDef_kind:
        hl_sb_puts(out, "FunctionDef(");
        FIELD("name"); dump_object(out, n->v.FunctionDef.name);
        FIELD("args"); dump_arguments(out, n->v.FunctionDef.args);
        FIELD("body"); DUMP_SEQ(n->v.FunctionDef.body, dump_stmt);
        FIELD("decorator_list"); DUMP_SEQ(n->v.FunctionDef.decorator_list, dump_expr);
        if (n->v.FunctionDef.returns) {
            FIELD("returns"); dump_expr(out, n->v.FunctionDef.returns);
        }
        if (n->v.FunctionDef.type_comment) {
            FIELD("type_comment"); dump_object(out, n->v.FunctionDef.type_comment);
        }
        break;
    case AsyncFunctionDef_kind:
        hl_sb_puts(out, "AsyncFunctionDef(");
        FIELD("name"); dump_object(out, n->v.AsyncFunctionDef.name);
        FIELD("args"); dump_arguments(out, n->v.AsyncFunctionDef.args);
        FIELD("body"); DUMP_SEQ(n->v.AsyncFunctionDef.body, dump_stmt);
        FIELD("decorator_list"); DUMP_SEQ(n->v.AsyncFunctionDef.decorator_list, dump_expr);
        if (n->v.AsyncFunctionDef.returns) {
            FIELD("returns"); dump_expr(out, n->v.AsyncFunctionDef.returns);
        }
        if (n->v.AsyncFunctionDef.type_comment) {
            FIELD("type_comment"); dump_object(out, n->v.AsyncFunctionDef.type_comment);
        }
        break;
    case ClassDef_kind:
        hl_sb_puts(out, "ClassDef(");
        FIELD("name"); dump_object(out, n->v.ClassDef.name);
        FIELD("bases"); DUMP_SEQ(n->v.ClassDef.bases, dump_expr);
        FIELD("keywords"); DUMP_SEQ(n->v.ClassDef.keywords, dump_keyword);
        FIELD("body"); DUMP_SEQ(n->v.ClassDef.body, dump_stmt);
        FIELD("decorator_list"); DUMP_SEQ(n->v.ClassDef.decorator_list, dump_expr);
        break;
    case Return_kind:
        hl_sb_puts(out, "Return(");
        if (n->v.Return.value) {
            FIELD("value"); dump_expr(out, n->v.Return.value);
        }
        break;
    case Delete_kind:
        hl_sb_puts(out, "Delete(");
        FIELD("targets"); DUMP_SEQ(n->v.Delete.targets, dump_expr);
        break;
    case Assign_kind:
        hl_sb_puts(out, "Assign(");
        FIELD("targets"); DUMP_SEQ(n->v.Assign.targets, dump_expr);
        FIELD("value"); dump_expr(out, n->v.Assign.value);
        if (n->v.Assign.type_comment) {
            FIELD("type_comment"); dump_object(out, n->v.Assign.type_comment);
        }
        break;
    case AugAssign_kind:
        hl_sb_puts(out, "AugAssign(");
        FIELD("target"); dump_expr(out, n->v.AugAssign.target);
        FIELD("op"); dump_operator(out, n->v.AugAssign.op);
        FIELD("value"); dump_expr(out, n->v.AugAssign.value);
        break;
    case AnnAssign_kind:
        hl_sb_puts(out, "AnnAssign(");
        FIELD("target"); dump_expr(out, n->v.AnnAssign.target);
        FIELD("annotation"); dump_expr(out, n->v.AnnAssign.annotation);
        if (n->v.AnnAssign.value) {
            FIELD("value"); dump_expr(out, n->v.AnnAssign.value);
        }
        FIELD("simple"); hl_sb_printf(out, "%d", n->v.AnnAssign.simple);
        break;
    case For_kind:
        hl_sb_puts(out, "For(");
        FIELD("target"); dump_expr(out, n->v.For.target);
        FIELD("iter"); dump_expr(out, n->v.For.iter);
        FIELD("body"); DUMP_SEQ(n->v.For.body, dump_stmt);
        FIELD("orelse"); DUMP_SEQ(n->v.For.orelse, dump_stmt);
        if (n->v.For.type_comment) {
            FIELD("type_comment"); dump_object(out, n->v.For.type_comment);
        }
        break;
    case AsyncFor_kind:
        hl_sb_puts(out, "AsyncFor(");
        FIELD("target"); dump_expr(out, n->v.AsyncFor.target);
        FIELD("iter"); dump_expr(out, n->v.AsyncFor.iter);
        FIELD("body"); DUMP_SEQ(n->v.AsyncFor.body, dump_stmt);
        FIELD("orelse"); DUMP_SEQ(n->v.AsyncFor.orelse, dump_stmt);
        if (n->v.AsyncFor.type_comment) {
            FIELD("type_comment"); dump_object(out, n->v.AsyncFor.type_comment);
        }
        break;
    case While_kind:
        hl_sb_puts(out, "While(");
        FIELD("test"); dump_expr(out, n->v.While.test);
        FIELD("body"); DUMP_SEQ(n->v.While.body, dump_stmt);
        FIELD("orelse"); DUMP_SEQ(n->v.While.orelse, dump_stmt);
        break;
    case If_kind:
        hl_sb_puts(out, "If(");
        FIELD("test"); dump_expr(out, n->v.If.test);
        FIELD("body"); DUMP_SEQ(n->v.If.body, dump_stmt);
        FIELD("orelse"); DUMP_SEQ(n->v.If.orelse, dump_stmt);
        break;
    case With_kind:
        hl_sb_puts(out, "With(");
        FIELD("items"); DUMP_SEQ(n->v.With.items, dump_withitem);
        FIELD("body"); DUMP_SEQ(n->v.With.body, dump_stmt);
        if (n->v.With.type_comment) {
            FIELD("type_comment"); dump_object(out, n->v.With.type_comment);
        }
        break;
    case AsyncWith_kind:
        hl_sb_puts(out, "AsyncWith(");
        FIELD("items"); DUMP_SEQ(n->v.AsyncWith.items, dump_withitem);
        FIELD("body"); DUMP_SEQ(n->v.AsyncWith.body, dump_stmt);
        if (n->v.AsyncWith.type_comment) {
            FIELD("type_comment"); dump_object(out, n->v.AsyncWith.type_comment);
        }
        break;
    case Match_kind:
        hl_sb_puts(out, "Match(");
        FIELD("subject"); dump_expr(out, n->v.Match.subject);
        FIELD("cases"); DUMP_SEQ(n->v.Match.cases, dump_match_case);
        break;
    case Raise_kind:
        hl_sb_puts(out, "Raise(");
        if (n->v.Raise.exc) {
            FIELD("exc"); dump_expr(out, n->v.Raise.exc);
        }
        if (n->v.Raise.cause) {
            FIELD("cause"); dump_expr(out, n->v.Raise.cause);
        }
        break;
    case Try_kind:
        hl_sb_puts(out, "Try(");
        FIELD("body"); DUMP_SEQ(n->v.Try.body, dump_stmt);
        FIELD("handlers"); DUMP_SEQ(n->v.Try.handlers, dump_excepthandler);
        FIELD("orelse"); DUMP_SEQ(n->v.Try.orelse, dump_stmt);
        FIELD("finalbody"); DUMP_SEQ(n->v.Try.finalbody, dump_stmt);
        break;
    case TryStar_kind:
        hl_sb_puts(out, "TryStar(");
        FIELD("body"); DUMP_SEQ(n->v.TryStar.body, dump_stmt);
        FIELD("handlers"); DUMP_SEQ(n->v.TryStar.handlers, dump_excepthandler);
        FIELD("orelse"); DUMP_SEQ(n->v.TryStar.orelse, dump_stmt);
        FIELD("finalbody"); DUMP_SEQ(n->v.TryStar.finalbody, dump_stmt);
        break;
    case Assert_kind:
        hl_sb_puts(out, "Assert(");
        FIELD("test"); dump_expr(out, n->v.Assert.test);
        if (n->v.Assert.msg) {
            FIELD("msg"); dump_expr(out, n->v.Assert.msg);
        }
        break;
    case Import_kind:
        hl_sb_puts(out, "Import(");
        FIELD("names"); DUMP_SEQ(n->v.Import.names, dump_alias);
        break;
    case ImportFrom_kind:
        hl_sb_puts(out, "ImportFrom(");
        if (n->v.ImportFrom.module) {
            FIELD("module"); dump_object(out, n->v.ImportFrom.module);
        }
        FIELD("names"); DUMP_SEQ(n->v.ImportFrom.names, dump_alias);
        FIELD("level"); hl_sb_printf(out, "%d", n->v.ImportFrom.level);
        break;
    case Global_kind:
        hl_sb_puts(out, "Global(");
        FIELD("names"); DUMP_SEQ(n->v.Global.names, dump_object);
        break;
    case Nonlocal_kind:
        hl_sb_puts(out, "Nonlocal(");
        FIELD("names"); DUMP_SEQ(n->v.Nonlocal.names, dump_object);
        break;
    case Expr_kind:
        hl_sb_puts(out, "Expr(");
        FIELD("value"); dump_expr(out, n->v.Expr.value);
        break;
    case Pass_kind:
        hl_sb_puts(out, "Pass(");
        break;
    case Break_kind:
        hl_sb_puts(out, "Break(");
        break;
    case Continue_kind:
        hl_sb_puts(out, "Continue(");
        break;
    }
    DUMP_POSITION(n, 1);
    hl_sb_putc(out, ')');
}

static void dump_expr_body(hl_strbuf *out, expr_ty n);

static void dump_expr(hl_strbuf *out, expr_ty n)
{
    DEPTH_GUARD;
    dump_depth++;
    dump_expr_body(out, n);
    dump_depth--;
}

static void dump_expr_body(hl_strbuf *out, expr_ty n)
{
    if (n == NULL) {
        hl_sb_puts(out, "None");
        return;
    }
    switch (n->kind) {
    case BoolOp_kind:
        hl_sb_puts(out, "BoolOp(");
        FIELD("op"); dump_boolop(out, n->v.BoolOp.op);
        FIELD("values"); DUMP_SEQ(n->v.BoolOp.values, dump_expr);
        break;
    case NamedExpr_kind:
        hl_sb_puts(out, "NamedExpr(");
        FIELD("target"); dump_expr(out, n->v.NamedExpr.target);
        FIELD("value"); dump_expr(out, n->v.NamedExpr.value);
        break;
    case BinOp_kind:
        hl_sb_puts(out, "BinOp(");
        FIELD("left"); dump_expr(out, n->v.BinOp.left);
        FIELD("op"); dump_operator(out, n->v.BinOp.op);
        FIELD("right"); dump_expr(out, n->v.BinOp.right);
        break;
    case UnaryOp_kind:
        hl_sb_puts(out, "UnaryOp(");
        FIELD("op"); dump_unaryop(out, n->v.UnaryOp.op);
        FIELD("operand"); dump_expr(out, n->v.UnaryOp.operand);
        break;
    case Lambda_kind:
        hl_sb_puts(out, "Lambda(");
        FIELD("args"); dump_arguments(out, n->v.Lambda.args);
        FIELD("body"); dump_expr(out, n->v.Lambda.body);
        break;
    case IfExp_kind:
        hl_sb_puts(out, "IfExp(");
        FIELD("test"); dump_expr(out, n->v.IfExp.test);
        FIELD("body"); dump_expr(out, n->v.IfExp.body);
        FIELD("orelse"); dump_expr(out, n->v.IfExp.orelse);
        break;
    case Dict_kind:
        hl_sb_puts(out, "Dict(");
        FIELD("keys"); DUMP_SEQ(n->v.Dict.keys, dump_expr);
        FIELD("values"); DUMP_SEQ(n->v.Dict.values, dump_expr);
        break;
    case Set_kind:
        hl_sb_puts(out, "Set(");
        FIELD("elts"); DUMP_SEQ(n->v.Set.elts, dump_expr);
        break;
    case ListComp_kind:
        hl_sb_puts(out, "ListComp(");
        FIELD("elt"); dump_expr(out, n->v.ListComp.elt);
        FIELD("generators"); DUMP_SEQ(n->v.ListComp.generators, dump_comprehension);
        break;
    case SetComp_kind:
        hl_sb_puts(out, "SetComp(");
        FIELD("elt"); dump_expr(out, n->v.SetComp.elt);
        FIELD("generators"); DUMP_SEQ(n->v.SetComp.generators, dump_comprehension);
        break;
    case DictComp_kind:
        hl_sb_puts(out, "DictComp(");
        FIELD("key"); dump_expr(out, n->v.DictComp.key);
        FIELD("value"); dump_expr(out, n->v.DictComp.value);
        FIELD("generators"); DUMP_SEQ(n->v.DictComp.generators, dump_comprehension);
        break;
    case GeneratorExp_kind:
        hl_sb_puts(out, "GeneratorExp(");
        FIELD("elt"); dump_expr(out, n->v.GeneratorExp.elt);
        FIELD("generators"); DUMP_SEQ(n->v.GeneratorExp.generators, dump_comprehension);
        break;
    case Await_kind:
        hl_sb_puts(out, "Await(");
        FIELD("value"); dump_expr(out, n->v.Await.value);
        break;
    case Yield_kind:
        hl_sb_puts(out, "Yield(");
        if (n->v.Yield.value) {
            FIELD("value"); dump_expr(out, n->v.Yield.value);
        }
        break;
    case YieldFrom_kind:
        hl_sb_puts(out, "YieldFrom(");
        FIELD("value"); dump_expr(out, n->v.YieldFrom.value);
        break;
    case Compare_kind:
        hl_sb_puts(out, "Compare(");
        FIELD("left"); dump_expr(out, n->v.Compare.left);
        FIELD("ops"); DUMP_INT_SEQ(n->v.Compare.ops, dump_cmpop);
        FIELD("comparators"); DUMP_SEQ(n->v.Compare.comparators, dump_expr);
        break;
    case Call_kind:
        hl_sb_puts(out, "Call(");
        FIELD("func"); dump_expr(out, n->v.Call.func);
        FIELD("args"); DUMP_SEQ(n->v.Call.args, dump_expr);
        FIELD("keywords"); DUMP_SEQ(n->v.Call.keywords, dump_keyword);
        break;
    case FormattedValue_kind:
        hl_sb_puts(out, "FormattedValue(");
        FIELD("value"); dump_expr(out, n->v.FormattedValue.value);
        FIELD("conversion"); hl_sb_printf(out, "%d", n->v.FormattedValue.conversion);
        if (n->v.FormattedValue.format_spec) {
            FIELD("format_spec"); dump_expr(out, n->v.FormattedValue.format_spec);
        }
        break;
    case JoinedStr_kind:
        hl_sb_puts(out, "JoinedStr(");
        FIELD("values"); DUMP_SEQ(n->v.JoinedStr.values, dump_expr);
        break;
    case Constant_kind:
        hl_sb_puts(out, "Constant(");
        FIELD("value"); dump_object(out, n->v.Constant.value);
        if (n->v.Constant.kind) {
            FIELD("kind"); dump_object(out, n->v.Constant.kind);
        }
        break;
    case Attribute_kind:
        hl_sb_puts(out, "Attribute(");
        FIELD("value"); dump_expr(out, n->v.Attribute.value);
        FIELD("attr"); dump_object(out, n->v.Attribute.attr);
        FIELD("ctx"); dump_expr_context(out, n->v.Attribute.ctx);
        break;
    case Subscript_kind:
        hl_sb_puts(out, "Subscript(");
        FIELD("value"); dump_expr(out, n->v.Subscript.value);
        FIELD("slice"); dump_expr(out, n->v.Subscript.slice);
        FIELD("ctx"); dump_expr_context(out, n->v.Subscript.ctx);
        break;
    case Starred_kind:
        hl_sb_puts(out, "Starred(");
        FIELD("value"); dump_expr(out, n->v.Starred.value);
        FIELD("ctx"); dump_expr_context(out, n->v.Starred.ctx);
        break;
    case Name_kind:
        hl_sb_puts(out, "Name(");
        FIELD("id"); dump_object(out, n->v.Name.id);
        FIELD("ctx"); dump_expr_context(out, n->v.Name.ctx);
        break;
    case List_kind:
        hl_sb_puts(out, "List(");
        FIELD("elts"); DUMP_SEQ(n->v.List.elts, dump_expr);
        FIELD("ctx"); dump_expr_context(out, n->v.List.ctx);
        break;
    case Tuple_kind:
        hl_sb_puts(out, "Tuple(");
        FIELD("elts"); DUMP_SEQ(n->v.Tuple.elts, dump_expr);
        FIELD("ctx"); dump_expr_context(out, n->v.Tuple.ctx);
        break;
    case Slice_kind:
        hl_sb_puts(out, "Slice(");
        if (n->v.Slice.lower) {
            FIELD("lower"); dump_expr(out, n->v.Slice.lower);
        }
        if (n->v.Slice.upper) {
            FIELD("upper"); dump_expr(out, n->v.Slice.upper);
        }
        if (n->v.Slice.step) {
            FIELD("step"); dump_expr(out, n->v.Slice.step);
        }
        break;
    }
    DUMP_POSITION(n, 1);
    hl_sb_putc(out, ')');
}

static void dump_comprehension(hl_strbuf *out, comprehension_ty n)
{
    if (n == NULL) {
        hl_sb_puts(out, "None");
        return;
    }
    hl_sb_puts(out, "comprehension(");
    FIELD("target"); dump_expr(out, n->target);
    FIELD("iter"); dump_expr(out, n->iter);
    FIELD("ifs"); DUMP_SEQ(n->ifs, dump_expr);
    FIELD("is_async"); hl_sb_printf(out, "%d", n->is_async);
    hl_sb_putc(out, ')');
}

static void dump_excepthandler(hl_strbuf *out, excepthandler_ty n)
{
    if (n == NULL) {
        hl_sb_puts(out, "None");
        return;
    }
    switch (n->kind) {
    case ExceptHandler_kind:
        hl_sb_puts(out, "ExceptHandler(");
        if (n->v.ExceptHandler.type) {
            FIELD("type"); dump_expr(out, n->v.ExceptHandler.type);
        }
        if (n->v.ExceptHandler.name) {
            FIELD("name"); dump_object(out, n->v.ExceptHandler.name);
        }
        FIELD("body"); DUMP_SEQ(n->v.ExceptHandler.body, dump_stmt);
        break;
    }
    DUMP_POSITION(n, 1);
    hl_sb_putc(out, ')');
}

static void dump_arguments(hl_strbuf *out, arguments_ty n)
{
    if (n == NULL) {
        hl_sb_puts(out, "None");
        return;
    }
    hl_sb_puts(out, "arguments(");
    FIELD("posonlyargs"); DUMP_SEQ(n->posonlyargs, dump_arg);
    FIELD("args"); DUMP_SEQ(n->args, dump_arg);
    if (n->vararg) {
        FIELD("vararg"); dump_arg(out, n->vararg);
    }
    FIELD("kwonlyargs"); DUMP_SEQ(n->kwonlyargs, dump_arg);
    FIELD("kw_defaults"); DUMP_SEQ(n->kw_defaults, dump_expr);
    if (n->kwarg) {
        FIELD("kwarg"); dump_arg(out, n->kwarg);
    }
    FIELD("defaults"); DUMP_SEQ(n->defaults, dump_expr);
    hl_sb_putc(out, ')');
}

static void dump_arg(hl_strbuf *out, arg_ty n)
{
    if (n == NULL) {
        hl_sb_puts(out, "None");
        return;
    }
    hl_sb_puts(out, "arg(");
    FIELD("arg"); dump_object(out, n->arg);
    if (n->annotation) {
        FIELD("annotation"); dump_expr(out, n->annotation);
    }
    if (n->type_comment) {
        FIELD("type_comment"); dump_object(out, n->type_comment);
    }
    DUMP_POSITION(n, 1);
    hl_sb_putc(out, ')');
}

static void dump_keyword(hl_strbuf *out, keyword_ty n)
{
    if (n == NULL) {
        hl_sb_puts(out, "None");
        return;
    }
    hl_sb_puts(out, "keyword(");
    if (n->arg) {
        FIELD("arg"); dump_object(out, n->arg);
    }
    FIELD("value"); dump_expr(out, n->value);
    DUMP_POSITION(n, 1);
    hl_sb_putc(out, ')');
}

static void dump_alias(hl_strbuf *out, alias_ty n)
{
    if (n == NULL) {
        hl_sb_puts(out, "None");
        return;
    }
    hl_sb_puts(out, "alias(");
    FIELD("name"); dump_object(out, n->name);
    if (n->asname) {
        FIELD("asname"); dump_object(out, n->asname);
    }
    DUMP_POSITION(n, 1);
    hl_sb_putc(out, ')');
}

static void dump_withitem(hl_strbuf *out, withitem_ty n)
{
    if (n == NULL) {
        hl_sb_puts(out, "None");
        return;
    }
    hl_sb_puts(out, "withitem(");
    FIELD("context_expr"); dump_expr(out, n->context_expr);
    if (n->optional_vars) {
        FIELD("optional_vars"); dump_expr(out, n->optional_vars);
    }
    hl_sb_putc(out, ')');
}

static void dump_match_case(hl_strbuf *out, match_case_ty n)
{
    if (n == NULL) {
        hl_sb_puts(out, "None");
        return;
    }
    hl_sb_puts(out, "match_case(");
    FIELD("pattern"); dump_pattern(out, n->pattern);
    if (n->guard) {
        FIELD("guard"); dump_expr(out, n->guard);
    }
    FIELD("body"); DUMP_SEQ(n->body, dump_stmt);
    hl_sb_putc(out, ')');
}

static void dump_pattern(hl_strbuf *out, pattern_ty n)
{
    if (n == NULL) {
        hl_sb_puts(out, "None");
        return;
    }
    switch (n->kind) {
    case MatchValue_kind:
        hl_sb_puts(out, "MatchValue(");
        FIELD("value"); dump_expr(out, n->v.MatchValue.value);
        break;
    case MatchSingleton_kind:
        hl_sb_puts(out, "MatchSingleton(");
        FIELD("value"); dump_object(out, n->v.MatchSingleton.value);
        break;
    case MatchSequence_kind:
        hl_sb_puts(out, "MatchSequence(");
        FIELD("patterns"); DUMP_SEQ(n->v.MatchSequence.patterns, dump_pattern);
        break;
    case MatchMapping_kind:
        hl_sb_puts(out, "MatchMapping(");
        FIELD("keys"); DUMP_SEQ(n->v.MatchMapping.keys, dump_expr);
        FIELD("patterns"); DUMP_SEQ(n->v.MatchMapping.patterns, dump_pattern);
        if (n->v.MatchMapping.rest) {
            FIELD("rest"); dump_object(out, n->v.MatchMapping.rest);
        }
        break;
    case MatchClass_kind:
        hl_sb_puts(out, "MatchClass(");
        FIELD("cls"); dump_expr(out, n->v.MatchClass.cls);
        FIELD("patterns"); DUMP_SEQ(n->v.MatchClass.patterns, dump_pattern);
        FIELD("kwd_attrs"); DUMP_SEQ(n->v.MatchClass.kwd_attrs, dump_object);
        FIELD("kwd_patterns"); DUMP_SEQ(n->v.MatchClass.kwd_patterns, dump_pattern);
        break;
    case MatchStar_kind:
        hl_sb_puts(out, "MatchStar(");
        if (n->v.MatchStar.name) {
            FIELD("name"); dump_object(out, n->v.MatchStar.name);
        }
        break;
    case MatchAs_kind:
        hl_sb_puts(out, "MatchAs(");
        if (n->v.MatchAs.pattern) {
            FIELD("pattern"); dump_pattern(out, n->v.MatchAs.pattern);
        }
        if (n->v.MatchAs.name) {
            FIELD("name"); dump_object(out, n->v.MatchAs.name);
        }
        break;
    case MatchOr_kind:
        hl_sb_puts(out, "MatchOr(");
        FIELD("patterns"); DUMP_SEQ(n->v.MatchOr.patterns, dump_pattern);
        break;
    }
    DUMP_POSITION(n, 1);
    hl_sb_putc(out, ')');
}

static void dump_type_ignore(hl_strbuf *out, type_ignore_ty n)
{
    if (n == NULL) {
        hl_sb_puts(out, "None");
        return;
    }
    switch (n->kind) {
    case TypeIgnore_kind:
        hl_sb_puts(out, "TypeIgnore(");
        FIELD("lineno"); hl_sb_printf(out, "%d", n->v.TypeIgnore.lineno);
        FIELD("tag"); dump_object(out, n->v.TypeIgnore.tag);
        break;
    }
    hl_sb_putc(out, ')');
}

int hl_ast_dump(hl_strbuf *out, mod_ty mod)
{
    dump_failed = 0;
    dump_depth = 0;
    dump_mod(out, mod);
    return dump_failed ? -1 : 0;
}

int hl_ast_dump_expr(hl_strbuf *out, expr_ty e)
{
    dump_failed = 0;
    dump_depth = 0;
    dump_expr(out, e);
    return dump_failed ? -1 : 0;
}
