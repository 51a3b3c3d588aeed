/*
 * test_errdisplay.c — hl_print_exception against CPython 3.11, script by
 * script.
 *
 * tests/errdisplay holds scripts that end in an uncaught exception;
 * tests/tools/record-errdisplay ran each with python3 and kept what it
 * wrote to stderr (NAME.stderr) and what CPython knew when it printed it
 * (NAME.data: the exceptions, their chain links, notes, the traceback
 * entries with the positions the VM's frame hook will give, the names
 * NameError suggestions look at).  errdisplay_recorded rebuilds each case
 * in C — real exception objects of the built-in types (or of test types
 * derived from them that carry the printed module and class name), real
 * traceback objects over a small fake frame type whose description the
 * test's hl_frame_info_hook returns, and the source files registered with
 * sources.c — prints it with hl_print_exception and compares byte for
 * byte.  A failed case prints both texts.
 *
 * errdisplay_syntax_end_to_end parses the syn_*.py scripts with hl_parse
 * as the CLI will, turns the parser's record into the exception with
 * hl_syntax_error_to_exception and compares the display with CPython's;
 * scripts the parser accepts (their error comes from a later stage of
 * compilation) are only covered by the recorded data.
 *
 * exit_*.py scripts end in SystemExit: hl_handle_system_exit must write
 * what CPython wrote and return its exit status.
 *
 * The fixture folder is tests/errdisplay relative to the working
 * directory (make runs the tests from the repository root), or
 * $HEAPLAB_ERRDISPLAY_FIXTURES; the scripts name their files
 * "tests/errdisplay/NAME.py", so the working directory must be the root.
 */
#include <dirent.h>
#include <stdlib.h>

#include "harness.h"
#include "../../src/lang/errdisplay.h"
#include "../../src/lang/parser.h"
#include "../../src/lang/sources.h"
#include "../../src/modules/modules.h"
#include "../../src/objects/dictobject.h"
#include "../../src/objects/exceptions.h"
#include "../../src/objects/floatobject.h"
#include "../../src/objects/listobject.h"
#include "../../src/objects/longobject.h"
#include "../../src/objects/moduleobject.h"
#include "../../src/objects/strobject.h"
#include "../../src/objects/traceback.h"
#include "../../src/objects/tupleobject.h"
#include "../../src/runtime/errors.h"
#include "../../src/lang/pythonrun.h"
#include "../../src/runtime/strbuf.h"

/* exceptions.c */
HLTypeObject *const *hl_exception_types(size_t *n);

static const char *fixtures_dir(void)
{
    const char *d = getenv("HEAPLAB_ERRDISPLAY_FIXTURES");
    return d ? d : "tests/errdisplay";
}

/* ---- objects the test owns ------------------------------------------------ */

#define MAX_OWNED 65536
static HLObject *owned[MAX_OWNED];
static int nowned;

static HLObject *own(HLObject *o)
{
    if (o != NULL && nowned < MAX_OWNED)
        owned[nowned++] = o;
    return o;
}

static void release_owned(void)
{
    while (nowned > 0)
        hl_xdecref(owned[--nowned]);
}

/* One str object per distinct text, so that equal file and function names
 * are the same object, as co_filename and co_name are in CPython. */
#define MAX_NAMES 256
static HLObject *names[MAX_NAMES];
static int nnames;

static HLObject *unique_name(HLObject *s)
{
    for (int i = 0; i < nnames; i++)
        if (hl_str_eq(names[i], s))
            return names[i];
    if (nnames < MAX_NAMES)
        names[nnames++] = s;
    return s;
}

/* ---- the data format ------------------------------------------------------- */

typedef struct {
    int quoted;
    char *text;     /* a bare word, or the UTF-8 of a quoted string */
    uint32_t *ucs4; /* a quoted string's characters */
    size_t n;
} token;

#define MAX_TOKENS 4096
static token toks[MAX_TOKENS];
static int ntoks;

static void free_tokens(void)
{
    for (int i = 0; i < ntoks; i++) {
        free(toks[i].text);
        free(toks[i].ucs4);
    }
    ntoks = 0;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                          : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static void put_utf8(char **p, uint32_t ch)
{
    char *q = *p;
    if (ch < 0x80) {
        *q++ = (char)ch;
    } else if (ch < 0x800) {
        *q++ = (char)(0xC0 | (ch >> 6));
        *q++ = (char)(0x80 | (ch & 0x3F));
    } else if (ch < 0x10000) {
        *q++ = (char)(0xE0 | (ch >> 12));
        *q++ = (char)(0x80 | ((ch >> 6) & 0x3F));
        *q++ = (char)(0x80 | (ch & 0x3F));
    } else {
        *q++ = (char)(0xF0 | (ch >> 18));
        *q++ = (char)(0x80 | ((ch >> 12) & 0x3F));
        *q++ = (char)(0x80 | ((ch >> 6) & 0x3F));
        *q++ = (char)(0x80 | (ch & 0x3F));
    }
    *p = q;
}

/* Splits a record into tokens; 0 on a malformed line. */
static int tokenize(const char *line)
{
    free_tokens();
    const char *p = line;
    while (*p && ntoks < MAX_TOKENS) {
        while (*p == ' ')
            p++;
        if (!*p || *p == '\n')
            break;
        token *t = &toks[ntoks++];
        memset(t, 0, sizeof *t);
        if (*p != '"') {
            const char *s = p;
            while (*p && *p != ' ' && *p != '\n')
                p++;
            t->text = strndup(s, (size_t)(p - s));
            continue;
        }
        t->quoted = 1;
        p++;
        size_t cap = strlen(p) + 1;
        t->ucs4 = malloc(cap * sizeof(uint32_t));
        while (*p && *p != '"') {
            uint32_t ch;
            if (*p == '\\') {
                p++;
                switch (*p) {
                case 'n': ch = '\n'; p++; break;
                case 'r': ch = '\r'; p++; break;
                case 't': ch = '\t'; p++; break;
                case 'x':
                case 'u': {
                    int digits = *p == 'x' ? 2 : 4;
                    p++;
                    ch = 0;
                    for (int i = 0; i < digits; i++) {
                        int h = hexval(*p);
                        if (h < 0)
                            return 0;
                        ch = ch * 16 + (uint32_t)h;
                        p++;
                    }
                    break;
                }
                default: ch = (unsigned char)*p++; break;
                }
            } else {
                const unsigned char *q = (const unsigned char *)p, *bad_end;
                const char *reason;
                int k = hl_utf8_decode_one(q, q + strlen(p), &ch, &bad_end, &reason);
                if (k == 0)
                    return 0;
                p += k;
            }
            t->ucs4[t->n++] = ch;
        }
        if (*p != '"')
            return 0;
        p++;
        t->text = malloc(t->n * 4 + 1);
        char *q = t->text;
        for (size_t i = 0; i < t->n; i++)
            put_utf8(&q, t->ucs4[i] >= 0xD800 && t->ucs4[i] <= 0xDFFF ? '?' : t->ucs4[i]);
        *q = '\0';
    }
    return 1;
}

static int tok_is(int i, const char *s) { return i < ntoks && !toks[i].quoted && strcmp(toks[i].text, s) == 0; }
static long tok_int(int i) { return i < ntoks ? strtol(toks[i].text, NULL, 10) : 0; }

static HLObject *tok_str(int i)
{
    if (i >= ntoks || !toks[i].quoted)
        return NULL;
    return own(hl_str_from_ucs4(toks[i].ucs4, (hl_ssize_t)toks[i].n));
}

/* An object whose str() raises (the "!" of notes). */
static HLObject *badstr_str(HLObject *self)
{
    hl_err_set_string(hl_exc_RuntimeError, "no str");
    return NULL;
}
static HLTypeObject badstr_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "BadStr",
    .tp_basicsize = sizeof(HLObject),
    .tp_dealloc = (void (*)(HLObject *))hl_object_free,
    .tp_str = badstr_str,
};

/* A value from tokens[*i]; NULL if it cannot be built. */
static HLObject *parse_value(int *i)
{
    if (*i >= ntoks)
        return NULL;
    token *t = &toks[(*i)++];
    if (t->quoted)
        return own(hl_str_from_ucs4(t->ucs4, (hl_ssize_t)t->n));
    if (strcmp(t->text, "None") == 0)
        return HL_None;
    if (strcmp(t->text, "True") == 0)
        return HL_True;
    if (strcmp(t->text, "False") == 0)
        return HL_False;
    if (strcmp(t->text, "!") == 0)
        return own(hl_object_new(&badstr_type));
    if (strncmp(t->text, "f:", 2) == 0)
        return own(hl_float_from_double(strtod(t->text + 2, NULL)));
    if (strcmp(t->text, "(") == 0 || strcmp(t->text, "[") == 0) {
        const char *close = t->text[0] == '(' ? ")" : "]";
        HLObject *list = own(hl_list_new(0));
        while (*i < ntoks && !tok_is(*i, close)) {
            HLObject *v = parse_value(i);
            if (v == NULL || hl_list_append(list, v) < 0)
                return NULL;
        }
        (*i)++;
        if (close[0] == ']')
            return list;
        return own(hl_tuple_from_array(((HLListObject *)list)->ob_item, HL_SIZE(list)));
    }
    if ((t->text[0] >= '0' && t->text[0] <= '9') || t->text[0] == '-')
        return own(hl_long_from_string(t->text, (hl_ssize_t)strlen(t->text), 10));
    return NULL;
}

/* ---- the fake frames ------------------------------------------------------- */

typedef struct {
    HLObject ob_base;
    int entry;
} FakeFrame;

static HLTypeObject fakeframe_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "fakeframe",
    .tp_basicsize = sizeof(FakeFrame),
    .tp_dealloc = (void (*)(HLObject *))hl_object_free,
};

#define MAX_ENTRIES 4096
static hl_frame_info entries[MAX_ENTRIES];
static int nentries;

static void test_frame_info(HLObject *frame, int lasti, hl_frame_info *out)
{
    if (!HL_IS_TYPE(frame, &fakeframe_type))
        return;
    *out = entries[((FakeFrame *)frame)->entry];
}

/* ---- rebuilding a case ----------------------------------------------------- */

#define MAX_EXC 64
typedef struct {
    HLObject *exc;
    HLObject *str; /* the recorded str() for overriding types */
    int strfail, override, has_args;
    char module[128], qualname[128], base[64];
    HLObject *args;
    int tb_first, tb_count; /* entries */
} exc_rec;

static exc_rec recs[MAX_EXC];
static int nrecs;

/* tp_str of test types that stand for a class with its own __str__. */
static HLObject *recorded_str(HLObject *self)
{
    for (int i = 0; i < nrecs; i++) {
        if (recs[i].exc == self) {
            if (recs[i].strfail) {
                hl_err_set_string(hl_exc_RuntimeError, "str() fails");
                return NULL;
            }
            return hl_newref(recs[i].str);
        }
    }
    hl_err_set_string(hl_exc_SystemError, "unknown test exception");
    return NULL;
}

static HLTypeObject *builtin_exception_type(const char *name)
{
    size_t n;
    HLTypeObject *const *types = hl_exception_types(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(types[i]->tp_name, name) == 0)
            return types[i];
    return NULL;
}

/* A static type derived from base, named so that its __module__ and
 * __qualname__ are those CPython printed. */
static HLTypeObject *make_type(HLTypeObject *base, const char *module, const char *qualname,
                               int own_str)
{
    HLTypeObject *t = calloc(1, sizeof *t);
    char *name = malloc(strlen(module) + strlen(qualname) + 2);
    if (strcmp(module, "builtins") == 0)
        strcpy(name, qualname);
    else
        sprintf(name, "%s.%s", module, qualname);
    t->ob_base.ob_base.ob_refcnt = 1;
    t->ob_base.ob_base.ob_type = &hl_type_type;
    t->tp_name = name;
    t->tp_base = base;
    t->tp_flags = HL_TPFLAGS_BASETYPE;
    if (own_str)
        t->tp_str = recorded_str;
    if (hl_type_ready(t) < 0)
        return NULL;
    return t;
}

typedef struct {
    int rc, exit_case;
    HLObject *exit_args;
    char why[256]; /* set when the case cannot be rebuilt */
} case_info;

static exc_rec *rec(long i) { return i >= 0 && i < nrecs ? &recs[i] : NULL; }

/* Registers the text of a file named in a traceback. */
static void register_file(const char *name)
{
    size_t len;
    char *text = hl_read_file(name, &len);
    if (text == NULL)
        return;
    hl_source_register(own(hl_str_from_cstr(name)), text, len);
    free(text);
}

/* Lines of files outside the repository: kept until all are read. */
typedef struct {
    char *file;
    int lineno;
    char *text;
} ext_line;
#define MAX_EXT 64
static ext_line ext[MAX_EXT];
static int next_;

static void register_ext_lines(void)
{
    for (int i = 0; i < next_; i++) {
        if (ext[i].file == NULL)
            continue;
        hl_strbuf text = HL_STRBUF_INIT;
        int maxline = 0;
        for (int j = i; j < next_; j++)
            if (ext[j].file && strcmp(ext[j].file, ext[i].file) == 0 && ext[j].lineno > maxline)
                maxline = ext[j].lineno;
        for (int ln = 1; ln <= maxline; ln++) {
            for (int j = i; j < next_; j++)
                if (ext[j].file && strcmp(ext[j].file, ext[i].file) == 0 && ext[j].lineno == ln) {
                    hl_sb_puts(&text, ext[j].text);
                    break;
                }
            hl_sb_putc(&text, '\n');
        }
        hl_source_register(own(hl_str_from_cstr(ext[i].file)), text.s ? text.s : "", text.len);
        hl_sb_free(&text);
        char *file = ext[i].file;
        for (int j = next_ - 1; j >= i; j--) {
            if (ext[j].file && strcmp(ext[j].file, file) == 0 && j != i) {
                free(ext[j].file);
                free(ext[j].text);
                ext[j].file = NULL;
            }
        }
        free(ext[i].text);
        free(file);
        ext[i].file = NULL;
    }
    next_ = 0;
}

/* The exception object of a record: of the built-in type, or of a test
 * type derived from it that prints as CPython's class did.  0 (and
 * info->why) if it cannot be made. */
static int create_exception(exc_rec *r, case_info *info)
{
    HLTypeObject *base = builtin_exception_type(r->base);
    if (base == NULL) {
        snprintf(info->why, sizeof info->why, "no built-in type %s", r->base);
        return 0;
    }
    int own_str = r->override || r->strfail || !r->has_args;
    HLTypeObject *type = base;
    if (own_str || strcmp(r->module, "builtins") != 0 || strcmp(r->qualname, r->base) != 0) {
        if (strchr(r->qualname, '.')) {
            snprintf(info->why, sizeof info->why, "nested class %s", r->qualname);
            return 0;
        }
        type = make_type(base, r->module, r->qualname, own_str);
    }
    HLObject *args = r->has_args && hl_tuple_check(r->args) ? r->args : own(hl_tuple_new(0));
    r->exc = type ? own(hl_exception_new((HLObject *)type, args)) : NULL;
    if (r->exc == NULL) {
        hl_err_clear();
        snprintf(info->why, sizeof info->why, "cannot create %s", r->qualname);
        return 0;
    }
    return 1;
}

/* The rebuilt exception must say what CPython's said. */
static int same_str(exc_rec *r, case_info *info)
{
    if (r->override || r->strfail || !r->has_args || r->str == NULL)
        return 1;
    HLObject *s = hl_object_str(r->exc);
    int same = s && hl_str_eq(s, r->str);
    hl_xdecref(s);
    hl_err_clear();
    if (!same)
        snprintf(info->why, sizeof info->why, "str() of rebuilt %s differs", r->qualname);
    return same;
}

/* sys.tracebacklimit: a module "sys" in sys.modules holding it (removed
 * again by unbuild_case). */
static int sys_installed;

static void set_tracebacklimit(HLObject *value)
{
    HLObject *sys = own(hl_module_new("sys"));
    if (sys == NULL || value == NULL ||
        hl_dict_set_item_str(hl_module_get_dict(sys), "tracebacklimit", value) < 0 ||
        hl_dict_set_item_str(hl_sys_modules(), "sys", sys) < 0) {
        hl_err_clear();
        return;
    }
    sys_installed = 1;
}

/* Reads NAME.data and builds the exceptions.  Returns the top exception
 * (owned), or NULL with info->why set. */
static HLObject *build_case(const char *data, case_info *info)
{
    nrecs = 0;
    nentries = 0;
    nnames = 0;
    info->rc = 0;
    info->exit_case = 0;
    info->exit_args = NULL;
    info->why[0] = '\0';
    char *copy = strdup(data), *save = NULL;
    /* Pass 1: types, str, args; pass 2: the exception objects; pass 3:
     * everything that refers to them. */
    for (int pass = 1; pass <= 3 && !info->why[0]; pass++) {
        free(copy);
        copy = strdup(data);
        for (char *line = strtok_r(copy, "\n", &save); line && !info->why[0];
             line = strtok_r(NULL, "\n", &save)) {
            if (!tokenize(line) || ntoks == 0) {
                snprintf(info->why, sizeof info->why, "bad record: %.100s", line);
                break;
            }
            const char *kw = toks[0].text;
            exc_rec *r = ntoks > 1 ? rec(tok_int(1)) : NULL;
            if (pass == 1) {
                if (strcmp(kw, "rc") == 0) {
                    info->rc = (int)tok_int(1);
                } else if (strcmp(kw, "exit") == 0) {
                    int i = 1;
                    info->exit_case = 1;
                    info->exit_args = parse_value(&i);
                } else if (strcmp(kw, "exc") == 0) {
                    long n = tok_int(1);
                    if (n != nrecs || nrecs == MAX_EXC) {
                        snprintf(info->why, sizeof info->why, "exceptions out of order");
                        break;
                    }
                    r = &recs[nrecs++];
                    memset(r, 0, sizeof *r);
                    snprintf(r->module, sizeof r->module, "%s", toks[2].text);
                    snprintf(r->qualname, sizeof r->qualname, "%s", toks[3].text);
                    snprintf(r->base, sizeof r->base, "%s", toks[4].text);
                } else if (strcmp(kw, "str") == 0 && r) {
                    r->str = tok_str(2);
                } else if (strcmp(kw, "strfail") == 0 && r) {
                    r->strfail = 1;
                } else if (strcmp(kw, "override") == 0 && r) {
                    r->override = 1;
                } else if (strcmp(kw, "args") == 0 && r) {
                    int i = 2;
                    r->args = parse_value(&i);
                    r->has_args = r->args != NULL;
                }
                continue;
            }
            if (pass == 2) {
                if (strcmp(kw, "exc") == 0 && r && !create_exception(r, info))
                    break;
                continue;
            }
            /* pass 3 */
            if (strcmp(kw, "exc") == 0) {
                continue;
            } else if (strcmp(kw, "syntax") == 0 && r) {
                static const char *const attrs[] = {"msg", "filename", "lineno", "offset",
                                                    "text", "end_lineno", "end_offset"};
                int i = 2;
                for (int a = 0; a < 7; a++) {
                    HLObject *v = parse_value(&i);
                    if (v == NULL || hl_object_setattr(r->exc, own(hl_str_from_cstr(attrs[a])), v) < 0) {
                        hl_err_clear();
                        snprintf(info->why, sizeof info->why, "cannot set SyntaxError.%s", attrs[a]);
                        break;
                    }
                }
            } else if ((strcmp(kw, "name") == 0 || strcmp(kw, "dict") == 0) && r) {
                HLObject *key = strcmp(kw, "name") == 0 ? own(hl_str_from_cstr("name")) : tok_str(2);
                int i = strcmp(kw, "name") == 0 ? 2 : 3;
                HLObject *v = parse_value(&i);
                if (key == NULL || v == NULL || hl_object_setattr(r->exc, key, v) < 0) {
                    hl_err_clear();
                    snprintf(info->why, sizeof info->why, "cannot set an attribute");
                }
            } else if (strcmp(kw, "attr") == 0 && r) {
                /* obj: a module whose dict holds exactly the names dir(obj)
                 * gave, so that dir() gives them back. */
                int i = 3;
                HLObject *dir = parse_value(&i);
                HLObject *obj = own(hl_module_new("obj"));
                HLObject *d = hl_module_get_dict(obj);
                hl_dict_clear(d);
                for (hl_ssize_t k = 0; dir && k < HL_SIZE(dir); k++)
                    hl_dict_set_item(d, HL_LIST_GET(dir, k), HL_None);
                if (hl_object_setattr(r->exc, own(hl_str_from_cstr("name")), tok_str(2)) < 0 ||
                    hl_object_setattr(r->exc, own(hl_str_from_cstr("obj")), obj) < 0) {
                    hl_err_clear();
                    snprintf(info->why, sizeof info->why, "cannot set AttributeError fields");
                }
            } else if ((strcmp(kw, "cause") == 0 || strcmp(kw, "context") == 0) && r) {
                exc_rec *o = rec(tok_int(2));
                HLObject **slot = kw[1] == 'a' ? &HL_EXC(r->exc)->cause : &HL_EXC(r->exc)->context;
                if (o)
                    HL_XSETREF(*slot, hl_newref(o->exc));
            } else if (strcmp(kw, "suppress") == 0 && r) {
                HL_EXC(r->exc)->suppress_context = (char)tok_int(2);
            } else if (strcmp(kw, "notes") == 0 && r) {
                int i = 2;
                HLObject *v = parse_value(&i);
                if (v == NULL || hl_object_setattr(r->exc, own(hl_str_from_cstr("__notes__")), v) < 0) {
                    hl_err_clear();
                    snprintf(info->why, sizeof info->why, "cannot set __notes__");
                }
            } else if (strcmp(kw, "tb") == 0 && r) {
                if (nentries == MAX_ENTRIES)
                    break;
                if (r->tb_count == 0)
                    r->tb_first = nentries;
                r->tb_count++;
                hl_frame_info *e = &entries[nentries++];
                hl_frame_info init = HL_FRAME_INFO_INIT;
                *e = init;
                e->filename = unique_name(tok_str(2));
                e->name = unique_name(tok_str(3));
                e->lineno = (int)tok_int(6);
                e->end_lineno = (int)tok_int(7);
                e->col_offset = (int)tok_int(8);
                e->end_col_offset = (int)tok_int(9);
                /* tb_lineno and tb_lasti ride along in unused slots until
                 * the traceback objects are made. */
            } else if (strcmp(kw, "frame") == 0 && r && r->tb_count > 0) {
                hl_frame_info *e = &entries[r->tb_first + r->tb_count - 1];
                int i = 2;
                HLObject *varnames = parse_value(&i);
                HLObject *globals = parse_value(&i);
                HLObject *builtins = parse_value(&i);
                HLObject *lists[2] = {globals, builtins}, *dicts[2];
                for (int k = 0; k < 2; k++) {
                    dicts[k] = own(hl_dict_new());
                    for (hl_ssize_t j = 0; lists[k] && j < HL_SIZE(lists[k]); j++)
                        hl_dict_set_item(dicts[k], HL_LIST_GET(lists[k], j), HL_None);
                }
                e->varnames = varnames ? own(hl_tuple_from_array(((HLListObject *)varnames)->ob_item,
                                                                 HL_SIZE(varnames)))
                                       : NULL;
                e->globals = dicts[0];
                e->builtins = dicts[1];
            } else if (strcmp(kw, "tracebacklimit") == 0) {
                int i = 1;
                set_tracebacklimit(parse_value(&i));
            } else if (strcmp(kw, "source") == 0) {
                register_file(toks[1].text);
            } else if (strcmp(kw, "line") == 0 && next_ < MAX_EXT) {
                ext[next_].file = strdup(toks[1].text);
                ext[next_].lineno = (int)tok_int(2);
                ext[next_].text = strdup(toks[3].text);
                next_++;
            }
        }
    }
    free(copy);
    free_tokens();
    register_ext_lines();
    if (info->why[0] || info->exit_case)
        return NULL;
    if (nrecs == 0) {
        snprintf(info->why, sizeof info->why, "no exception recorded");
        return NULL;
    }
    for (int i = 0; i < nrecs; i++)
        if (!same_str(&recs[i], info))
            return NULL;
    /* The tracebacks: the tb records again, for tb_lineno and tb_lasti. */
    copy = strdup(data);
    int entry = 0;
    int *linenos = calloc(MAX_ENTRIES, sizeof(int)), *lastis = calloc(MAX_ENTRIES, sizeof(int));
    for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (strncmp(line, "tb ", 3) != 0 || !tokenize(line) || entry >= nentries)
            continue;
        linenos[entry] = (int)tok_int(4);
        lastis[entry] = (int)tok_int(5);
        entry++;
    }
    free(copy);
    free_tokens();
    for (int i = 0; i < nrecs; i++) {
        exc_rec *r = &recs[i];
        HLObject *tb = NULL;
        for (int k = r->tb_first + r->tb_count - 1; k >= r->tb_first && r->tb_count; k--) {
            FakeFrame *f = (FakeFrame *)own(hl_object_new(&fakeframe_type));
            f->entry = k;
            tb = own(hl_traceback_new(tb, (HLObject *)f, lastis[k], linenos[k]));
        }
        if (tb)
            hl_exception_set_traceback(r->exc, tb);
    }
    free(linenos);
    free(lastis);
    return recs[0].exc;
}

/* Breaks the reference cycles a case may have made (chains, tracebacks). */
static void unbuild_case(void)
{
    for (int i = 0; i < nrecs; i++) {
        if (recs[i].exc) {
            HL_CLEAR(HL_EXC(recs[i].exc)->cause);
            HL_CLEAR(HL_EXC(recs[i].exc)->context);
            HL_CLEAR(HL_EXC(recs[i].exc)->traceback);
        }
    }
    nrecs = 0;
    if (sys_installed) {
        hl_dict_del_item_str(hl_sys_modules(), "sys");
        sys_installed = 0;
    }
    release_owned();
    hl_sources_clear();
}

/* ---- comparing ------------------------------------------------------------- */

static void show_difference(const char *name, const char *expected, size_t elen, const char *got,
                            size_t glen)
{
    size_t i = 0, line = 1;
    while (i < elen && i < glen && expected[i] == got[i]) {
        if (expected[i] == '\n')
            line++;
        i++;
    }
    fprintf(stderr, "  %s: differs at byte %zu (line %zu)\n  --- CPython\n%.*s\n  --- heaplab\n%.*s\n",
            name, i, line, (int)(elen > 3000 ? 3000 : elen), expected,
            (int)(glen > 3000 ? 3000 : glen), got);
}

typedef struct {
    char **names;
    int n;
} name_list;

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The fixtures with a .data file, sorted; prefix filters them. */
static name_list list_cases(const char *prefix)
{
    name_list l = {NULL, 0};
    DIR *d = opendir(fixtures_dir());
    if (d == NULL)
        return l;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t n = strlen(de->d_name);
        if (n < 6 || strcmp(de->d_name + n - 5, ".data") != 0)
            continue;
        if (prefix && strncmp(de->d_name, prefix, strlen(prefix)) != 0)
            continue;
        l.names = realloc(l.names, (size_t)(l.n + 1) * sizeof *l.names);
        l.names[l.n++] = strndup(de->d_name, n - 5);
    }
    closedir(d);
    qsort(l.names, (size_t)l.n, sizeof *l.names, cmp_names);
    return l;
}

static void free_names(name_list *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->names[i]);
    free(l->names);
}

static char *fixture(const char *name, const char *ext, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s%s", fixtures_dir(), name, ext);
    return hl_read_file(path, len);
}

static void install_hooks(void)
{
    hl_type_ready(&fakeframe_type);
    hl_type_ready(&badstr_type);
    hl_frame_info_hook = test_frame_info;
    hl_source_line_hook = hl_source_line;
}

/* ---- the tests ------------------------------------------------------------- */

TEST(errdisplay_recorded)
{
    install_hooks();
    name_list l = list_cases(NULL);
    REQUIRE(l.n > 0);
    int match = 0, differ = 0, skipped = 0;
    for (int c = 0; c < l.n; c++) {
        size_t dlen, elen;
        char *data = fixture(l.names[c], ".data", &dlen);
        char *expected = fixture(l.names[c], ".stderr", &elen);
        if (data == NULL || expected == NULL) {
            free(data);
            free(expected);
            continue;
        }
        case_info info;
        HLObject *top = build_case(data, &info);
        hl_strbuf out = HL_STRBUF_INIT;
        int ok = 0, ran = 1;
        if (info.exit_case) {
            HLObject *args = info.exit_args && hl_tuple_check(info.exit_args)
                                 ? info.exit_args : own(hl_tuple_new(0));
            HLObject *exc = own(hl_exception_new(hl_exc_SystemExit, args));
            REQUIRE(exc != NULL && hl_exception_is_system_exit(exc));
            int status = hl_handle_system_exit(exc, &out);
            ok = status == info.rc;
            if (!ok)
                fprintf(stderr, "  %s: exit status %d, CPython's %d\n", l.names[c], status, info.rc);
        } else if (top == NULL) {
            fprintf(stderr, "  %s: skipped (%s)\n", l.names[c], info.why);
            skipped++;
            ran = 0;
        } else {
            /* "<string>" has a registered text, which must not show. */
            static const char dummy[] = "not shown 1\nnot shown 2\n";
            hl_source_register(own(hl_str_from_cstr("<string>")), dummy, sizeof dummy - 1);
            hl_print_exception(top, &out);
            ok = 1;
        }
        CHECK(!hl_err_occurred());
        if (ran) {
            if (ok && out.len == elen && memcmp(out.s ? out.s : "", expected, elen) == 0) {
                match++;
            } else {
                differ++;
                show_difference(l.names[c], expected, elen, out.s ? out.s : "", out.len);
            }
        }
        hl_sb_free(&out);
        unbuild_case();
        free(data);
        free(expected);
    }
    printf("  errdisplay: %d of %d recorded cases match (%d differ, %d skipped)\n", match,
           match + differ + skipped, differ, skipped);
    CHECK(differ == 0);
    free_names(&l);
    hl_frame_info_hook = NULL;
    hl_source_line_hook = NULL;
}

TEST(errdisplay_syntax_end_to_end)
{
    install_hooks();
    name_list l = list_cases("syn_");
    REQUIRE(l.n > 0);
    int match = 0, differ = 0, later_stage = 0;
    for (int c = 0; c < l.n; c++) {
        size_t slen, elen;
        char *src = fixture(l.names[c], ".py", &slen);
        char *expected = fixture(l.names[c], ".stderr", &elen);
        if (src == NULL || expected == NULL) {
            free(src);
            free(expected);
            continue;
        }
        char filename[512];
        snprintf(filename, sizeof filename, "tests/errdisplay/%s.py", l.names[c]);
        hl_arena *arena = hl_arena_new();
        REQUIRE(arena != NULL);
        hl_syntax_error err;
        hl_syntax_error_init(&err);
        mod_ty mod = hl_parse(src, slen, HL_MODE_EXEC, HL_PARSE_FILE, filename, arena, &err);
        if (mod != NULL) {
            later_stage++;
        } else {
            HLObject *fname = hl_str_from_cstr(filename);
            HLObject *exc = hl_syntax_error_to_exception(&err, fname);
            REQUIRE(exc != NULL);
            hl_strbuf out = HL_STRBUF_INIT;
            hl_print_exception(exc, &out);
            if (out.len == elen && memcmp(out.s, expected, elen) == 0) {
                match++;
            } else {
                differ++;
                show_difference(l.names[c], expected, elen, out.s ? out.s : "", out.len);
            }
            hl_sb_free(&out);
            hl_decref(exc);
            hl_decref(fname);
        }
        hl_syntax_error_clear(&err);
        hl_arena_free(arena);
        free(src);
        free(expected);
    }
    printf("  errdisplay: %d of %d syntax errors match end to end (%d differ; %d are found after "
           "parsing)\n",
           match, match + differ, differ, later_stage);
    CHECK(differ == 0);
    free_names(&l);
    hl_frame_info_hook = NULL;
    hl_source_line_hook = NULL;
}

/* The offsets helper and anchors on lines the scripts do not cover. */
TEST(errdisplay_anchors)
{
    CHECK_EQ(hl_byte_offset_to_character_offset("abc", 3, 2), 2);
    CHECK_EQ(hl_byte_offset_to_character_offset("abc", 3, 3), 3);
    CHECK_EQ(hl_byte_offset_to_character_offset("abc", 3, 4), 4); /* the NUL */
    CHECK_EQ(hl_byte_offset_to_character_offset("abc", 3, 99), 4);
    CHECK_EQ(hl_byte_offset_to_character_offset("\xc3\xa9x", 3, 1), 1); /* cut 'é' */
    CHECK_EQ(hl_byte_offset_to_character_offset("\xc3\xa9x", 3, 2), 1);
    CHECK_EQ(hl_byte_offset_to_character_offset("\xe2\x82\xac!", 4, 2), 1);
    hl_ssize_t l = -1, r = -1;
    char p = '^', s = '^';
    const char *line = "    x = a[i] + b";
    CHECK_EQ(hl_extract_anchors_from_line(line, strlen(line), 8, 16, &l, &r, &p, &s), 1);
    CHECK_EQ(l, 13);
    CHECK_EQ(r, 14);
    CHECK(p == '~' && s == '^');
    CHECK_EQ(hl_extract_anchors_from_line(line, strlen(line), 8, 12, &l, &r, &p, &s), 1);
    CHECK_EQ(l, 9);
    CHECK_EQ(r, 12);
    l = r = -1;
    CHECK_EQ(hl_extract_anchors_from_line(line, strlen(line), 4, 5, &l, &r, &p, &s), 0);
    CHECK_EQ(hl_extract_anchors_from_line(line, strlen(line), 8, 11, &l, &r, &p, &s), -1);
    CHECK(!hl_err_occurred());
}

/* A value that is not an exception, a chain longer than CPython's
 * recursion guard allows, and an exception set on entry. */
TEST(errdisplay_edges)
{
    hl_strbuf out = HL_STRBUF_INIT;
    HLObject *five = hl_long_from_long(5);
    hl_print_exception(five, &out);
    CHECK_STR(hl_sb_cstr(&out), "TypeError: print_exception(): Exception expected for value, int found\n");
    hl_decref(five);
    hl_sb_free(&out);

    /* ValueError(i) chained "from" ValueError(i - 1) ... */
    for (int n = 998; n <= 999; n++) {
        HLObject *e = NULL;
        for (int i = 0; i < n; i++) {
            HLObject *msg = hl_long_from_long(i);
            HLObject *args = hl_tuple_pack(1, msg);
            HLObject *x = hl_exception_new(hl_exc_ValueError, args);
            hl_decref(args);
            hl_decref(msg);
            REQUIRE(x != NULL);
            if (e)
                hl_exception_set_cause(x, e); /* steals */
            e = x;
        }
        HLObject *pending = hl_exception_new(hl_exc_KeyError, own(hl_tuple_new(0)));
        hl_err_restore(pending);
        hl_print_exception(e, &out);
        CHECK(hl_err_occurred() == pending); /* left as it was */
        hl_err_clear();
        const char *text = hl_sb_cstr(&out);
        if (n == 998) {
            CHECK(strncmp(text, "ValueError: 0\n\nThe above exception", 34) == 0);
            CHECK(strstr(text, "\nValueError: 997\n") != NULL);
        } else {
            CHECK(strncmp(text, "object address  : ", 18) == 0);
            CHECK(strstr(text, "\nobject type name: ValueError\nobject repr     : ValueError(998)\n"
                               "lost sys.stderr\n") != NULL);
        }
        hl_sb_free(&out);
        /* Unchain iteratively: freeing a 999-deep chain by recursion is
         * what the trashcan is for, but keep the test independent of it. */
        while (e) {
            HLObject *next = HL_EXC(e)->cause;
            HL_EXC(e)->cause = NULL;
            hl_decref(e);
            e = next;
        }
    }
    release_owned();
}
