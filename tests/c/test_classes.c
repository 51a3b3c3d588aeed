/*
 * test_classes.c — classes (heap types) through the C API: type(name,
 * bases, ns), instances with managed dicts and __slots__, slot dispatch of
 * dunders, slot wrappers, super, property, finalizers, weakrefs and the
 * collector, against the facts tests/tools/record-class-facts recorded
 * from CPython 3.11 (class_facts.h).
 *
 * There is no class statement here: a class is made by calling `type`
 * with a namespace dict, as `type('A', (), {...})` does.  Where a recorded
 * scenario puts a Python function in the namespace, the test puts a C
 * function there, as a method descriptor of `object` (so that it binds to
 * any instance and is called unbound, like a function: no bound method is
 * made), or wrapped in staticmethod/classmethod, or as a property.
 */
#include "class_facts.h"
#include "../../src/lang/ceval.h"
#include "../../src/lang/pythonrun.h"
#include "modtest.h"
#include "../../src/objects/floatobject.h"
#include "../../src/objects/funcobject.h"
#include "../../src/objects/typeobject.h"
#include "../../src/runtime/events.h"
#include "../../src/runtime/gc.h"
#include "../../src/runtime/weakref.h"

/* ---- building classes ---------------------------------------------------------- */

/* A namespace with __module__ = '__main__', as a class body makes. */
static HLObject *ns_new(void)
{
    HLObject *ns = own(hl_dict_new());
    hl_dict_set_item_str(ns, "__module__", S("__main__"));
    return ns;
}

static void ns_set(HLObject *ns, const char *name, HLObject *value)
{
    hl_dict_set_item_str(ns, name, value);
}

/* A C function as a method: a method descriptor binding to any object. */
static void ns_method(HLObject *ns, HLMethodDef *def)
{
    HLObject *d = hl_descr_new_method(&hl_object_type, def);
    hl_dict_set_item_str(ns, def->ml_name, d);
    hl_decref(d);
}

/* type(name, bases, ns); bases NULL is (). */
static HLObject *make_class(const char *name, HLObject *bases, HLObject *ns)
{
    HLObject *args = T(3, S(name), bases ? bases : T(0), ns ? ns : ns_new());
    return own(hl_call((HLObject *)&hl_type_type, args, NULL));
}

static HLObject *make_class_kw(HLTypeObject *meta, const char *name, HLObject *bases, HLObject *ns,
                               HLObject *kwds)
{
    HLObject *args = T(3, S(name), bases ? bases : T(0), ns ? ns : ns_new());
    return hl_call((HLObject *)meta, args, kwds);
}

/* type(name, bases, {'__module__': '__main__'}) with nothing else
 * referring to the arguments afterwards (bases stolen; NULL is ()). */
static HLObject *class_raw(const char *name, HLObject *bases)
{
    HLObject *n = hl_str_from_cstr(name), *ns = hl_dict_new(), *mod = hl_str_from_cstr("__main__");
    hl_dict_set_item_str(ns, "__module__", mod);
    HLObject *args = hl_tuple_pack(3, n, bases ? bases : hl_tuple_new(0), ns);
    hl_decref(n);
    hl_decref(ns);
    hl_decref(mod);
    hl_xdecref(bases);
    HLObject *cls = hl_call((HLObject *)&hl_type_type, args, NULL);
    hl_decref(args);
    return cls;
}

static HLObject *new_instance(HLObject *cls) { return own(call(cls, 0)); }

static HLObject *getattr(HLObject *o, const char *name) { return own(hl_object_getattr_str(o, name)); }

static int setattr(HLObject *o, const char *name, HLObject *v)
{
    HLObject *n = hl_str_intern_from_cstr(name);
    int r = hl_object_setattr(o, n, v);
    hl_decref(n);
    return r;
}

static HLObject *slots(int n, ...)
{
    HLObject *items[8];
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        items[i] = hl_str_from_cstr(va_arg(ap, const char *));
    va_end(ap);
    return own(hl_tuple_from_array_steal(items, n));
}

/* sys.getsizeof through the sys module. */
static long getsizeof(HLObject *o) { return sizeof_of(sysmod(), o); }

/* C functions used as methods.  Called through a method descriptor (or
 * bound), they get the instance as `self` and the other arguments in
 * args; as staticmethods, classmethods and property accessors (plain
 * built-in functions) everything is in args.  The `log` list records
 * calls. */
static HLObject *the_log;

static void log_str(const char *s)
{
    if (the_log != NULL) {
        HLObject *x = hl_str_from_cstr(s);
        hl_list_append(the_log, x);
        hl_decref(x);
    }
}

#define METHOD(name)                                                           \
    static HLObject *name(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)

METHOD(m_return_one) { return hl_long_from_long(1); }
METHOD(m_return_true) { return hl_newref(HL_True); }
METHOD(m_return_minus_one) { return hl_long_from_long(-1); }
METHOD(m_return_seven) { return hl_long_from_long(7); }
METHOD(m_return_str) { return hl_str_from_cstr("a"); }

/* __init__(self, x): self.x = x */
METHOD(m_init_x)
{
    if (nargs != 1) {
        hl_err_format(hl_exc_TypeError, "__init__() takes 2 positional arguments but %zd were given",
                      (ssize_t)nargs + 1);
        return NULL;
    }
    log_str("init");
    return setattr(self, "x", args[0]) < 0 ? NULL : hl_none_new();
}

/* __repr__ / __str__ */
METHOD(m_repr)
{
    HLObject *x = hl_object_getattr_str(self, "x");
    HLObject *r = x ? hl_str_from_format("<World %R>", x) : NULL;
    hl_xdecref(x);
    return r;
}
METHOD(m_str) { return hl_str_from_cstr("a world"); }
METHOD(m_hash) { return hl_long_from_long(42); }
METHOD(m_eq) { log_str("eq"); return hl_newref(self == args[0] ? HL_True : HL_NotImplemented); }
METHOD(m_lt) { log_str("lt"); return hl_newref(HL_True); }

/* __len__ returns self.n */
METHOD(m_len) { return hl_object_getattr_str(self, "n"); }
/* __getitem__(self, k) -> k * 10 ; __setitem__ / __delitem__ log */
METHOD(m_getitem) { return hl_number_multiply(args[0], hl_long_get_small(10)); }
METHOD(m_setitem) { log_str("setitem"); return hl_none_new(); }
METHOD(m_delitem) { log_str("delitem"); return hl_none_new(); }
METHOD(m_contains) { return hl_newref(hl_object_richcompare_bool(args[0], hl_long_get_small(3), HL_EQ) ? HL_True : HL_False); }
/* __iter__ returns self; __next__ counts self.n down */
METHOD(m_iter_self) { return hl_newref(self); }
METHOD(m_next)
{
    HLObject *n = hl_object_getattr_str(self, "n");
    if (n == NULL)
        return NULL;
    long v = hl_long_as_long(n);
    hl_decref(n);
    if (v <= 0) {
        hl_err_set_none(hl_exc_StopIteration);
        return NULL;
    }
    HLObject *nv = hl_long_from_long(v - 1);
    setattr(self, "n", nv);
    hl_decref(nv);
    return hl_long_from_long(v);
}
/* __call__(self, *args) -> len(args) */
METHOD(m_call) { return hl_long_from_ssize(nargs + (kw ? HL_SIZE(kw) : 0)); }
/* __getattr__(self, name) -> name + '!' */
METHOD(m_getattr) { return hl_str_from_format("%U!", args[0]); }
/* __setattr__ logs and stores through object.__setattr__ */
METHOD(m_setattr)
{
    log_str("setattr");
    return hl_object_generic_setattr(self, args[0], args[1]) < 0 ? NULL : hl_none_new();
}
METHOD(m_delattr)
{
    log_str("delattr");
    return hl_object_generic_setattr(self, args[0], NULL) < 0 ? NULL : hl_none_new();
}
/* Descriptor protocol: __get__(self, obj, type) -> (obj is None), __set__ logs */
METHOD(m_get) { return hl_newref(args[0] == HL_None ? HL_True : HL_False); }
METHOD(m_set) { log_str("set"); return hl_none_new(); }
METHOD(m_delete) { log_str("delete"); return hl_none_new(); }
/* Arithmetic: __add__ returns 'add', __radd__ returns 'radd' etc. */
METHOD(m_add) { return hl_str_from_cstr("add"); }
METHOD(m_radd) { return hl_str_from_cstr("radd"); }
METHOD(m_iadd) { return hl_str_from_cstr("iadd"); }
METHOD(m_notimpl) { return hl_newref(HL_NotImplemented); }
METHOD(m_neg) { return hl_str_from_cstr("neg"); }
METHOD(m_index) { return hl_long_from_long(3); }
METHOD(m_float) { return hl_float_from_double(2.5); }
METHOD(m_pow3) { return hl_long_from_ssize(nargs + 1); }

static HLMethodDef d_return_one = {"__init__", m_return_one, HL_METH_FASTCALL, NULL};
static HLMethodDef d_init_x = {"__init__", m_init_x, HL_METH_FASTCALL, NULL};
static HLMethodDef d_repr = {"__repr__", m_repr, HL_METH_FASTCALL, NULL};
static HLMethodDef d_str = {"__str__", m_str, HL_METH_FASTCALL, NULL};
static HLMethodDef d_hash = {"__hash__", m_hash, HL_METH_FASTCALL, NULL};
static HLMethodDef d_eq = {"__eq__", m_eq, HL_METH_FASTCALL, NULL};
static HLMethodDef d_lt = {"__lt__", m_lt, HL_METH_FASTCALL, NULL};
static HLMethodDef d_len = {"__len__", m_len, HL_METH_FASTCALL, NULL};
static HLMethodDef d_getitem = {"__getitem__", m_getitem, HL_METH_FASTCALL, NULL};
static HLMethodDef d_setitem = {"__setitem__", m_setitem, HL_METH_FASTCALL, NULL};
static HLMethodDef d_delitem = {"__delitem__", m_delitem, HL_METH_FASTCALL, NULL};
static HLMethodDef d_contains = {"__contains__", m_contains, HL_METH_FASTCALL, NULL};
static HLMethodDef d_iter_self = {"__iter__", m_iter_self, HL_METH_FASTCALL, NULL};
static HLMethodDef d_next = {"__next__", m_next, HL_METH_FASTCALL, NULL};
static HLMethodDef d_call = {"__call__", m_call, HL_METH_FASTCALL | HL_METH_KEYWORDS, NULL};
static HLMethodDef d_getattr = {"__getattr__", m_getattr, HL_METH_FASTCALL, NULL};
static HLMethodDef d_setattr = {"__setattr__", m_setattr, HL_METH_FASTCALL, NULL};
static HLMethodDef d_delattr = {"__delattr__", m_delattr, HL_METH_FASTCALL, NULL};
static HLMethodDef d_get = {"__get__", m_get, HL_METH_FASTCALL, NULL};
static HLMethodDef d_set = {"__set__", m_set, HL_METH_FASTCALL, NULL};
static HLMethodDef d_delete = {"__delete__", m_delete, HL_METH_FASTCALL, NULL};
static HLMethodDef d_add = {"__add__", m_add, HL_METH_FASTCALL, NULL};
static HLMethodDef d_radd = {"__radd__", m_radd, HL_METH_FASTCALL, NULL};
static HLMethodDef d_iadd = {"__iadd__", m_iadd, HL_METH_FASTCALL, NULL};
static HLMethodDef d_add_notimpl = {"__add__", m_notimpl, HL_METH_FASTCALL, NULL};
static HLMethodDef d_neg = {"__neg__", m_neg, HL_METH_FASTCALL, NULL};
static HLMethodDef d_index = {"__index__", m_index, HL_METH_FASTCALL, NULL};
static HLMethodDef d_float = {"__float__", m_float, HL_METH_FASTCALL, NULL};
static HLMethodDef d_pow = {"__pow__", m_pow3, HL_METH_FASTCALL, NULL};
static HLMethodDef d_bool_int = {"__bool__", m_return_one, HL_METH_FASTCALL, NULL};
static HLMethodDef d_len_neg = {"__len__", m_return_minus_one, HL_METH_FASTCALL, NULL};
static HLMethodDef d_len_str = {"__len__", m_return_str, HL_METH_FASTCALL, NULL};
static HLMethodDef d_len_seven = {"__len__", m_return_seven, HL_METH_FASTCALL, NULL};
static HLMethodDef d_repr_int = {"__repr__", m_return_one, HL_METH_FASTCALL, NULL};
static HLMethodDef d_hash_str = {"__hash__", m_return_str, HL_METH_FASTCALL, NULL};
static HLMethodDef d_eq_true = {"__eq__", m_return_true, HL_METH_FASTCALL, NULL};

/* ---- creating classes ------------------------------------------------------------ */

TEST(class_repr_names_and_layout)
{
    HLObject *c = make_class("World", NULL, NULL);
    REQUIRE(c != NULL);
    /* Our reference stands for the module global; getrefcount adds one. */
    CHECK_EQ(HL_REFCNT(c) + 1, atoi(CF_GETREFCOUNT_CLASS));
    CHECK_STR(repr_of(c), CF_REPR_CLASS);
    CHECK_STR(str_of(getattr(c, "__name__")), "World");
    CHECK_STR(str_of(getattr(c, "__qualname__")), "World");
    CHECK_STR(str_of(getattr(c, "__module__")), "__main__");
    CHECK(getattr(c, "__doc__") == HL_None);
    CHECK(getattr(c, "__base__") == (HLObject *)&hl_object_type);
    CHECK_STR(repr_of(getattr(c, "__bases__")), "(<class 'object'>,)");
    CHECK_STR(repr_of(getattr(c, "__mro__")), "(<class '__main__.World'>, <class 'object'>)");
    CHECK_STR(repr_of(own(hl_sequence_list(getattr(c, "__dict__")))), CF_CLASS_DICT_KEYS);
    CHECK_STR(repr_of(own(meth(c, "mro", 0))), "[<class '__main__.World'>, <class 'object'>]");
    HLTypeObject *t = (HLTypeObject *)c;
    CHECK(HL_TYPE_HAS_FLAG(t, HL_TPFLAGS_HEAPTYPE) && HL_TYPE_HAS_FLAG(t, HL_TPFLAGS_MANAGED_DICT) &&
          HL_TYPE_HAS_FLAG(t, HL_TPFLAGS_HAVE_GC) && HL_TYPE_HAS_FLAG(t, HL_TPFLAGS_BASETYPE) &&
          HL_TYPE_HAS_FLAG(t, HL_TPFLAGS_READY));
    /* type.__basicsize__ / __itemsize__, and the class's layout. */
    CHECK_EQ(((HLTypeObject *)&hl_type_type)->tp_basicsize, CF_WASM32_LAYOUT_0);
    CHECK_EQ(hl_type_type.tp_itemsize, CF_WASM32_LAYOUT_1);
    CHECK_EQ(hl_long_as_long(getattr(c, "__basicsize__")), CF_WASM32_LAYOUT_2);
    CHECK_EQ(hl_long_as_long(getattr(c, "__dictoffset__")), CF_WASM32_LAYOUT_3);
    CHECK_EQ(hl_long_as_long(getattr(c, "__weakrefoffset__")), CF_WASM32_LAYOUT_4);
    HLObject *w = new_instance(c);
    REQUIRE(w != NULL);
    char prefix[128];
    snprintf(prefix, sizeof prefix, "%s at 0x", CF_REPR_INSTANCE);
    CHECK(strncmp(repr_of(w), prefix, strlen(prefix)) == 0);
    release_all();
}

TEST(class_dict_order_doc_qualname_module)
{
    HLObject *ns = ns_new();
    ns_set(ns, "__doc__", S("d"));
    HLObject *a = make_class("A", NULL, ns);
    CHECK_STR(repr_of(own(hl_sequence_list(getattr(a, "__dict__")))), CF_CLASS_DICT_KEYS_DOC);
    CHECK_STR(((HLTypeObject *)a)->tp_doc, "d");
    ns = own(hl_dict_new());
    ns_set(ns, "__module__", S("m"));
    HLObject *b = make_class("B", T(1, a), ns);
    CHECK_STR(repr_of(own(hl_sequence_list(getattr(b, "__dict__")))), CF_CLASS_DICT_KEYS_SUB);
    ns = own(hl_dict_new());
    ns_set(ns, "__slots__", T(2, S("b"), S("a")));
    HLObject *s = make_class("S", NULL, ns);
    /* No __module__ and no interpreter: the keys CPython has, minus it. */
    CHECK_STR(repr_of(own(hl_sequence_list(getattr(s, "__dict__")))), "['__slots__', 'a', 'b', '__doc__']");
    CHECK_STR(repr_of(s), "<class 'S'>");
    ns = own(hl_dict_new());
    ns_set(ns, "__qualname__", S("Outer.A"));
    HLObject *q = make_class("A", NULL, ns);
    CHECK_STR(repr_of(R(3, hl_object_getattr_str(q, "__name__"), hl_object_getattr_str(q, "__qualname__"),
                        hl_bool_from_long(hl_dict_get_item_str(((HLTypeObject *)q)->tp_dict, "__qualname__") != NULL))),
              CF_QUALNAME_FROM_NS);
    ns = own(hl_dict_new());
    ns_set(ns, "__doc__", S("text"));
    CHECK_STR(str_of(getattr(make_class("A", NULL, ns), "__doc__")), CF_DOC_ATTR);
    release_all();
}

TEST(class_module_from_namespace_only_without_a_frame)
{
    /* No Python frame is running: without __module__ in the namespace the
     * class has none (type_new takes it from the running frame's globals,
     * CF_MODULE_FROM_GLOBALS), and reading it raises AttributeError. */
    HLObject *b = make_class("B", NULL, own(hl_dict_new()));
    CHECK(hl_dict_get_item_str(((HLTypeObject *)b)->tp_dict, "__module__") == NULL);
    CHECK(hl_object_getattr_str(b, "__module__") == NULL);
    CHECK_STR(err_line(), "AttributeError: __module__");
    CHECK_STR(repr_of(b), "<class 'B'>");
    release_all();
}

TEST(class_module_from_running_frame)
{
    /* type('A', (), {}) run by the interpreter in __main__. */
    REQUIRE(hl_eval_init() == 0);
    HLObject *d = hl_module_get_dict(hl_main_module(1));
    const char *src = "A = type('A', (), {})\nr = A.__dict__['__module__']\ndel A\n";
    HLObject *res = hl_run_string(src, strlen(src), S("<test>"), HL_RUN_EXEC, d, d);
    CHECK(res != NULL);
    hl_xdecref(res);
    CHECK_STR(str_of(hl_dict_get_item_str(d, "r")), CF_MODULE_FROM_GLOBALS);
    hl_dict_del_item_str(d, "r");
    release_all();
}

TEST(class_mro_c3_and_errors)
{
    HLObject *o = make_class("O", NULL, NULL);
    HLObject *a = make_class("A", T(1, o), NULL), *b = make_class("B", T(1, o), NULL);
    HLObject *c = make_class("C", T(2, a, b), NULL);
    REQUIRE(c != NULL);
    HLObject *names = own(hl_list_new(0));
    HLObject *mro = getattr(c, "__mro__");
    for (hl_ssize_t i = 0; i < HL_SIZE(mro); i++)
        hl_list_append(names, getattr(HL_TUPLE_GET(mro, i), "__name__"));
    CHECK_STR(repr_of(names), CF_MRO_DIAMOND);
    CHECK(hl_type_is_subtype((HLTypeObject *)c, (HLTypeObject *)b));
    HLObject *x = make_class("X", T(2, a, b), NULL), *y = make_class("Y", T(2, b, a), NULL);
    CHECK_ERR(hl_call((HLObject *)&hl_type_type, T(3, S("Z"), T(2, x, y), ns_new()), NULL), CF_MRO_CONFLICT);
    CHECK_ERR(hl_call((HLObject *)&hl_type_type, T(3, S("C"), T(2, a, a), ns_new()), NULL), CF_DUPLICATE_BASE);
    CHECK_ERR(hl_call((HLObject *)&hl_type_type, T(3, S("B"), T(1, &hl_bool_type), ns_new()), NULL),
              CF_NOT_ACCEPTABLE);
    CHECK_ERR(hl_call((HLObject *)&hl_type_type, T(3, S("C"), T(1, I(1)), ns_new()), NULL), CF_BASES_NOT_TYPES);
    HLObject *ns1 = ns_new(), *ns2 = ns_new();
    ns_set(ns1, "__slots__", slots(1, "a"));
    ns_set(ns2, "__slots__", slots(1, "b"));
    HLObject *s1 = make_class("S1", NULL, ns1), *s2 = make_class("S2", NULL, ns2);
    CHECK_ERR(hl_call((HLObject *)&hl_type_type, T(3, S("T"), T(2, s1, s2), ns_new()), NULL), CF_LAYOUT_CONFLICT);
    release_all();
}

TEST(class_type_new_argument_errors)
{
    HLObject *type = (HLObject *)&hl_type_type;
    CHECK_ERR(call(type, 3, I(1), T(0), own(hl_dict_new())), CF_TYPE_ARG1);
    CHECK_ERR(call(type, 3, S("A"), L(0), own(hl_dict_new())), CF_TYPE_ARG2);
    CHECK_ERR(call(type, 3, S("A"), T(0), L(0)), CF_TYPE_ARG3);
    CHECK_ERR(call(type, 2, S("A"), T(0)), CF_TYPE_NARGS);
    CHECK_ERR(call(type, 3, own(hl_str_from_utf8("A\0", 2)), T(0), own(hl_dict_new())), CF_TYPE_NUL);
    HLObject *ns = ns_new();
    ns_set(ns, "__qualname__", I(1));
    CHECK_ERR(call(type, 3, S("A"), T(0), ns), CF_QUALNAME_NOT_STR);
    HLObject *kw = own(hl_dict_new());
    hl_dict_set_item_str(kw, "x", I(1));
    CHECK_ERR(make_class_kw(&hl_type_type, "A", NULL, NULL, kw), CF_INIT_SUBCLASS_KW);
    CHECK_ERR(callkw(getattr(type, "__init__"), "x", 3, type, I(1), I(1)), CF_TYPE_INIT_KW);
    /* type(x) is x's class, without an argument tuple (type_vectorcall). */
    CHECK(own(call(type, 1, I(5))) == (HLObject *)&hl_long_type);
    release_all();
}

TEST(class_slots_errors)
{
    struct {
        HLObject *slots;
        const char *expected;
    } cases[] = {
        {slots(1, "1a"), CF_SLOTS_NOT_IDENTIFIER},
        {T(1, I(1)), CF_SLOTS_NOT_STR},
        {slots(2, "__dict__", "__dict__"), CF_SLOTS_DICT_TWICE},
        {slots(2, "__weakref__", "__weakref__"), CF_SLOTS_WEAKREF_TWICE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        HLObject *ns = ns_new();
        ns_set(ns, "__slots__", cases[i].slots);
        CHECK_ERR(make_class_kw(&hl_type_type, "A", NULL, ns, NULL), cases[i].expected);
    }
    HLObject *ns = ns_new();
    ns_set(ns, "__slots__", slots(1, "a"));
    ns_set(ns, "a", I(1));
    CHECK_ERR(make_class_kw(&hl_type_type, "A", NULL, ns, NULL), CF_SLOTS_CLASS_VAR);
    ns = ns_new();
    ns_set(ns, "__slots__", slots(1, "a"));
    CHECK_ERR(make_class_kw(&hl_type_type, "A", T(1, &hl_long_type), ns, NULL), CF_SLOTS_NONEMPTY_INT);
    /* Names are mangled with the class name, then sorted. */
    ns = own(hl_dict_new());
    ns_set(ns, "__slots__", slots(3, "__a", "b", "__c__"));
    HLObject *x = make_class("_X", NULL, ns);
    REQUIRE(x != NULL);
    CHECK(hl_dict_get_item_str(((HLTypeObject *)x)->tp_dict, "_X__a") != NULL);
    CHECK_STR(repr_of(((HLHeapTypeObject *)x)->ht_slots), "('_X__a', '__c__', 'b')");
    release_all();
}

/* ---- instances: attributes, __dict__, __slots__ ------------------------------------- */

TEST(instance_attributes_inline_values)
{
    HLObject *a = make_class("A", NULL, NULL);
    HLObject *obj = new_instance(a);
    REQUIRE(obj != NULL);
    CHECK(*HL_OBJECT_VALUES_PTR(obj) != NULL && *HL_OBJECT_MANAGED_DICT_PTR(obj) == NULL);
    CHECK(hl_object_getattr_str(obj, "x") == NULL);
    CHECK_STR(err_line(), CF_NO_INSTANCE_ATTR);
    CHECK(setattr(obj, "x", NULL) < 0);
    CHECK_STR(err_line(), CF_DEL_NO_INSTANCE_ATTR);
    CHECK(setattr(obj, "x", I(1)) == 0);
    CHECK(setattr(obj, "y", L(1, I(2))) == 0);
    CHECK_STR(repr_of(getattr(obj, "x")), "1");
    /* Still inline; __dict__ materialises a dict around the values. */
    CHECK(*HL_OBJECT_VALUES_PTR(obj) != NULL);
    HLObject *d = getattr(obj, "__dict__");
    CHECK_STR(repr_of(d), CF_DICT_AFTER_ATTRS);
    CHECK(*HL_OBJECT_VALUES_PTR(obj) == NULL && *HL_OBJECT_MANAGED_DICT_PTR(obj) == d);
    CHECK(getattr(obj, "__dict__") == d);
    CHECK(setattr(obj, "z", I(3)) == 0);
    CHECK(hl_dict_get_item_str(d, "z") == I(3));
    CHECK(setattr(obj, "x", NULL) == 0);
    CHECK(hl_object_getattr_str(obj, "x") == NULL);
    CHECK_STR(err_line(), "AttributeError: 'A' object has no attribute 'x'");
    CHECK(hl_object_getattr_str(a, "x") == NULL);
    CHECK_STR(err_line(), CF_NO_CLASS_ATTR);
    CHECK(setattr(a, "x", NULL) < 0);
    CHECK_STR(err_line(), CF_DEL_NO_CLASS_ATTR);
    CHECK(setattr(obj, "nothere", NULL) < 0);
    CHECK_STR(err_line(), "AttributeError: 'A' object has no attribute 'nothere'");
    release_all();
}

TEST(instance_dict_assignment_and_errors)
{
    HLObject *a = make_class("A", NULL, NULL);
    HLObject *obj = new_instance(a);
    CHECK(setattr(obj, "__dict__", I(1)) < 0);
    CHECK_STR(err_line(), CF_DICT_SET_NONDICT);
    setattr(obj, "x", I(1));
    HLObject *d = own(hl_dict_new());
    hl_dict_set_item_str(d, "z", I(3));
    CHECK(setattr(obj, "__dict__", d) == 0);
    CHECK_STR(repr_of(R(2, hl_object_getattr_str(obj, "z"),
                        hl_bool_from_long(hl_object_getattr_str(obj, "x") != NULL))),
              CF_DICT_ASSIGNED);
    hl_err_clear();
    CHECK(setattr((HLObject *)&hl_long_type, "x", I(1)) < 0);
    CHECK_STR(err_line(), CF_IMMUTABLE_SET);
    CHECK(setattr((HLObject *)&hl_long_type, "__name__", S("x")) < 0);
    CHECK_STR(err_line(), CF_IMMUTABLE_SET_NAME);
    CHECK(setattr(a, "__module__", NULL) < 0);
    CHECK_STR(err_line(), CF_DELETE_MODULE);
    CHECK(setattr(a, "__name__", I(1)) < 0);
    CHECK_STR(err_line(), CF_NAME_SET_NONSTR);
    CHECK(setattr(a, "__qualname__", I(1)) < 0);
    CHECK_STR(err_line(), CF_QUALNAME_SET_NONSTR);
    CHECK_ERR(call(a, 1, I(1)), CF_TAKES_NO_ARGS);
    CHECK_ERR(callkw(a, "x", 1, I(1)), CF_TAKES_NO_KWARGS);
    /* __name__ changes tp_name; the repr shows __qualname__. */
    CHECK(setattr(a, "__name__", S("Renamed")) == 0);
    CHECK_STR(repr_of(a), "<class '__main__.A'>");
    CHECK_STR(((HLTypeObject *)a)->tp_name, "Renamed");
    release_all();
}

TEST(instance_slots)
{
    HLObject *ns = ns_new();
    ns_set(ns, "__slots__", slots(2, "a", "b"));
    HLObject *s2 = make_class("S2", NULL, ns);
    REQUIRE(s2 != NULL);
    CHECK_EQ(hl_long_as_long(getattr(s2, "__basicsize__")), CF_WASM32_LAYOUT_5);
    CHECK_EQ(hl_long_as_long(getattr(s2, "__dictoffset__")), CF_WASM32_LAYOUT_6);
    CHECK_EQ(hl_long_as_long(getattr(s2, "__weakrefoffset__")), CF_WASM32_LAYOUT_7);
    CHECK(!HL_TYPE_HAS_FLAG((HLTypeObject *)s2, HL_TPFLAGS_MANAGED_DICT));
    CHECK_EQ(HL_SIZE(s2), 2);
    HLObject *s = new_instance(s2);
    CHECK(hl_object_getattr_str(s, "a") == NULL);
    CHECK_STR(err_line(), "AttributeError: 'S2' object has no attribute 'a'");
    CHECK(setattr(s, "a", L(0)) == 0 && setattr(s, "b", I(2)) == 0);
    CHECK_STR(repr_of(getattr(s, "b")), "2");
    CHECK(setattr(s, "c", I(1)) < 0);
    CHECK_STR(err_line(), "AttributeError: 'S2' object has no attribute 'c'");
    CHECK(hl_object_getattr_str(s, "__dict__") == NULL);
    CHECK_STR(err_line(), "AttributeError: 'S2' object has no attribute '__dict__'");
    CHECK(setattr(s, "b", NULL) == 0);
    CHECK(setattr(s, "b", NULL) < 0);
    CHECK_STR(err_line(), "AttributeError: b");
    CHECK(hl_weakref_new_ref(s, NULL) == NULL);
    CHECK_STR(err_line(), "TypeError: cannot create weak reference to 'S2' object");
    CHECK_STR(repr_of(hl_dict_get_item_str(((HLTypeObject *)s2)->tp_dict, "a")), "<member 'a' of 'S2' objects>");
    /* The members are visited in order, then the class. */
    HLObject *refs = own(hl_gc_get_referents(T(1, s)));
    CHECK_STR(repr_of(refs), "[[], <class '__main__.S2'>]");
    /* __slots__ with __dict__ and __weakref__. */
    ns = own(hl_dict_new());
    ns_set(ns, "__slots__", slots(2, "a", "__dict__"));
    HLObject *sd = make_class("SD", NULL, ns);
    ns = own(hl_dict_new());
    ns_set(ns, "__slots__", slots(1, "__weakref__"));
    HLObject *sw = make_class("SW", NULL, ns);
    HLObject *e = make_class("E", T(1, hl_exc_Exception), NULL);
    long layout[8] = {hl_long_as_long(getattr(sd, "__basicsize__")), hl_long_as_long(getattr(sd, "__dictoffset__")),
                      hl_long_as_long(getattr(sd, "__weakrefoffset__")), hl_long_as_long(getattr(sw, "__basicsize__")),
                      hl_long_as_long(getattr(sw, "__weakrefoffset__")), hl_long_as_long(getattr(e, "__basicsize__")),
                      hl_long_as_long(getattr(e, "__dictoffset__")), hl_long_as_long(getattr(e, "__weakrefoffset__"))};
    CHECK_STR(repr_of(ints(layout, 8)), "[12, -24, 0, 12, 8, 40, 8, 36]");
    CHECK_STR("(12, -24, 0, 12, 8, 40, 8, 36)", CF_WASM32_LAYOUT_SLOTS_DICT);
    HLObject *sdi = new_instance(sd);
    CHECK(setattr(sdi, "a", I(1)) == 0 && setattr(sdi, "other", I(2)) == 0);
    CHECK_STR(repr_of(getattr(sdi, "__dict__")), "{'other': 2}");
    release_all();
}

TEST(instance_and_class_sizes)
{
    HLObject *ns;
    HLObject *a = make_class("A", NULL, NULL);
    ns = ns_new();
    ns_set(ns, "__slots__", slots(2, "a", "b"));
    HLObject *s2 = make_class("S2", NULL, ns);
    ns = ns_new();
    ns_set(ns, "__slots__", T(0));
    HLObject *s0 = make_class("S0", NULL, ns);
    ns = ns_new();
    ns_set(ns, "__slots__", slots(2, "a", "__dict__"));
    HLObject *sd = make_class("SD", NULL, ns);
    ns = ns_new();
    ns_set(ns, "__slots__", slots(1, "__weakref__"));
    HLObject *sw = make_class("SW", NULL, ns);
    HLObject *e = make_class("E", T(1, hl_exc_Exception), NULL);
    HLObject *d = make_class("D", T(1, a), NULL);
    long got[7] = {getsizeof(new_instance(a)), getsizeof(new_instance(s2)), getsizeof(new_instance(s0)),
                   getsizeof(new_instance(sd)), getsizeof(new_instance(sw)), getsizeof(new_instance(e)),
                   getsizeof(new_instance(d))};
    long want[7] = {CF_WASM32_SIZEOF_INSTANCES_0, CF_WASM32_SIZEOF_INSTANCES_1, CF_WASM32_SIZEOF_INSTANCES_2,
                    CF_WASM32_SIZEOF_INSTANCES_3, CF_WASM32_SIZEOF_INSTANCES_4, CF_WASM32_SIZEOF_INSTANCES_5,
                    CF_WASM32_SIZEOF_INSTANCES_6};
    for (int i = 0; i < 7; i++)
        CHECK_EQ(got[i], want[i]);
    CHECK_EQ(getsizeof(a), CF_WASM32_SIZEOF_CLASSES_0);
    CHECK_EQ(getsizeof(s2), CF_WASM32_SIZEOF_CLASSES_1);
    CHECK_EQ(getsizeof(d), CF_WASM32_SIZEOF_CLASSES_2);
    CHECK_EQ(getsizeof((HLObject *)&hl_type_type), CF_WASM32_SIZEOF_CLASSES_3);
    CHECK_EQ(getsizeof((HLObject *)&hl_long_type), CF_WASM32_SIZEOF_CLASSES_4);
    CHECK_EQ(getsizeof(getattr(a, "__mro__")), CF_WASM32_SIZEOF_CLASSES_5);
    /* A materialised __dict__ (a split table over the class's keys; each
     * instance made takes one slot of the keys' room). */
    a = make_class("A", NULL, NULL);
    HLObject *x = new_instance(a);
    setattr(x, "x", I(1));
    setattr(x, "y", I(2));
    HLObject *xd = getattr(x, "__dict__");
    HLObject *y = new_instance(a);
    HLObject *yd = getattr(y, "__dict__");
    CHECK_EQ(getsizeof(x), CF_WASM32_SIZEOF_INSTANCE_DICT_0);
    CHECK_EQ(getsizeof(xd), CF_WASM32_SIZEOF_INSTANCE_DICT_1);
    CHECK_EQ(getsizeof(yd), CF_WASM32_SIZEOF_INSTANCE_DICT_2);
    /* property, super, mappingproxy, method-wrapper, slot wrapper,
     * member and getset descriptors, a built-in method. */
    ns = own(hl_dict_new());
    ns_set(ns, "__slots__", slots(1, "a"));
    HLObject *s = make_class("S", NULL, ns);
    long objs[8] = {getsizeof(own(call((HLObject *)&hl_property_type, 0))),
                    getsizeof(own(call((HLObject *)&hl_super_type, 2, a, x))),
                    getsizeof(getattr(a, "__dict__")), getsizeof(getattr(x, "__init__")),
                    getsizeof(getattr((HLObject *)&hl_object_type, "__init__")),
                    getsizeof(hl_dict_get_item_str(((HLTypeObject *)s)->tp_dict, "a")),
                    getsizeof(hl_dict_get_item_str(((HLTypeObject *)a)->tp_dict, "__dict__")),
                    getsizeof(getattr((HLObject *)&hl_object_type, "__new__"))};
    long objs_want[8] = {CF_WASM32_SIZEOF_OBJECTS_0, CF_WASM32_SIZEOF_OBJECTS_1, CF_WASM32_SIZEOF_OBJECTS_2,
                         CF_WASM32_SIZEOF_OBJECTS_3, CF_WASM32_SIZEOF_OBJECTS_4, CF_WASM32_SIZEOF_OBJECTS_5,
                         CF_WASM32_SIZEOF_OBJECTS_6, CF_WASM32_SIZEOF_OBJECTS_7};
    for (int i = 0; i < 8; i++)
        CHECK_EQ(objs[i], objs_want[i]);
    release_all();
}

TEST(instance_class_assignment)
{
    HLObject *a = make_class("A", NULL, NULL), *b = make_class("B", NULL, NULL);
    HLObject *ns = ns_new();
    ns_set(ns, "__slots__", slots(1, "a"));
    HLObject *s = make_class("S", NULL, ns);
    HLObject *obj = new_instance(a);
    CHECK(setattr(obj, "__class__", (HLObject *)&hl_long_type) < 0);
    CHECK_STR(err_line(), CF_CLASS_ASSIGN_STATIC);
    CHECK(setattr(obj, "__class__", s) < 0);
    CHECK_STR(err_line(), CF_CLASS_ASSIGN_LAYOUT);
    CHECK(setattr(obj, "__class__", NULL) < 0);
    CHECK_STR(err_line(), CF_CLASS_ASSIGN_DELETE);
    CHECK(setattr(obj, "__class__", I(1)) < 0);
    CHECK_STR(err_line(), CF_CLASS_ASSIGN_NOT_CLASS);
    setattr(obj, "x", I(1));
    hl_ssize_t arefs = HL_REFCNT(a), brefs = HL_REFCNT(b);
    CHECK(setattr(obj, "__class__", b) == 0);
    CHECK_EQ(HL_REFCNT(a), arefs - 1);
    CHECK_EQ(HL_REFCNT(b), brefs + 1);
    CHECK_STR(repr_of(R(2, hl_object_getattr_str((HLObject *)HL_TYPE(obj), "__name__"), hl_object_getattr_str(obj, "x"))),
              CF_CLASS_ASSIGN_OK);
    release_all();
}

/* ---- slot dispatch ------------------------------------------------------------------- */

TEST(slots_init_repr_str_hash)
{
    HLObject *ns = ns_new();
    ns_method(ns, &d_init_x);
    ns_method(ns, &d_repr);
    ns_method(ns, &d_str);
    ns_method(ns, &d_hash);
    HLObject *w = make_class("World", NULL, ns);
    REQUIRE(w != NULL);
    HLTypeObject *t = (HLTypeObject *)w;
    CHECK(t->tp_init != hl_object_type.tp_init && t->tp_repr != hl_object_type.tp_repr);
    HLObject *obj = own(call(w, 1, I(5)));
    REQUIRE(obj != NULL);
    CHECK_STR(repr_of(getattr(obj, "x")), "5");
    CHECK_STR(repr_of(obj), "<World 5>");
    CHECK_STR(str_of(obj), "a world");
    CHECK_EQ(hl_object_hash(obj), 42);
    CHECK_ERR(call(w, 0), "TypeError: __init__() takes 2 positional arguments but 1 were given");
    /* __init__ returning something else than None. */
    ns = ns_new();
    ns_method(ns, &d_return_one);
    CHECK_ERR(call(make_class("A", NULL, ns), 0), CF_INIT_RETURNS);
    /* A class without __repr__/__init__ keeps object's C slots. */
    HLObject *plain = make_class("P", NULL, NULL);
    CHECK(((HLTypeObject *)plain)->tp_repr == hl_object_type.tp_repr);
    CHECK(((HLTypeObject *)plain)->tp_init == hl_object_type.tp_init);
    CHECK(((HLTypeObject *)plain)->tp_new == hl_object_type.tp_new);
    CHECK(((HLTypeObject *)plain)->tp_getattro == hl_object_generic_getattr);
    CHECK(((HLTypeObject *)plain)->tp_finalize == NULL);
    release_all();
}

/* A dunder that is a method descriptor (or a function) is called with self
 * prepended: no bound method is made.  hash() of an instance whose
 * __hash__ returns a small int allocates nothing at all. */
static int count_allocs(void)
{
    static hl_event evs[512];
    uint32_t lost, n = hl_events_drain(evs, 512, &lost), allocs = 0;
    for (uint32_t i = 0; i < n; i++)
        allocs += evs[i].kind == HL_EV_ALLOC;
    return (int)allocs;
}

TEST(slots_call_dunders_unbound)
{
    HLObject *ns = ns_new();
    ns_method(ns, &d_hash);
    HLObject *obj = new_instance(make_class("H", NULL, ns));
    HLObject *name = S("__hash__");
    hl_events_enabled = 1;
    count_allocs();
    hl_hash_t h = hl_object_hash(obj);
    int allocs = count_allocs();
    /* Binding it, as obj.__hash__ does, makes a bound method. */
    HLObject *bound = hl_object_getattr(obj, name);
    int bound_allocs = count_allocs();
    hl_events_enabled = 0;
    CHECK_EQ(h, 42);
    CHECK_EQ(allocs, 0);
    CHECK_EQ(bound_allocs, 1);
    hl_xdecref(bound);
    release_all();
}

TEST(slots_eq_without_hash_is_unhashable)
{
    HLObject *ns = ns_new();
    ns_method(ns, &d_eq_true);
    HLObject *h = make_class("H", NULL, ns);
    CHECK(hl_dict_get_item_str(((HLTypeObject *)h)->tp_dict, "__hash__") == HL_None);
    CHECK(getattr(h, "__hash__") == HL_None);
    CHECK_STR(repr_of(R(2, hl_newref(hl_dict_get_item_str(((HLTypeObject *)h)->tp_dict, "__hash__")),
                        hl_object_getattr_str(h, "__hash__"))),
              CF_EQ_HASH_NONE);
    CHECK_EQ(hl_object_hash(new_instance(h)), -1);
    CHECK_STR(err_line(), CF_UNHASHABLE);
    ns = ns_new();
    ns_set(ns, "__hash__", HL_None);
    CHECK_EQ(hl_object_hash(new_instance(make_class("H", NULL, ns))), -1);
    CHECK_STR(err_line(), CF_HASH_NONE_EXPLICIT);
    ns = ns_new();
    ns_method(ns, &d_hash_str);
    CHECK_EQ(hl_object_hash(new_instance(make_class("Hs", NULL, ns))), -1);
    CHECK_STR(err_line(), CF_HASH_NON_INT);
    ns = ns_new();
    ns_method(ns, &d_repr_int);
    CHECK_ERR(hl_object_repr(new_instance(make_class("R", NULL, ns))), CF_REPR_NON_STRING);
    release_all();
}

TEST(slots_richcompare)
{
    the_log = own(hl_list_new(0));
    HLObject *ns = ns_new();
    ns_method(ns, &d_eq);
    ns_method(ns, &d_lt);
    HLObject *c = make_class("C", NULL, ns);
    HLObject *a = new_instance(c), *b = new_instance(c);
    /* == gets NotImplemented both ways and falls back to identity; != is
     * object.__ne__, which asks __eq__ (both ways again). */
    HLObject *lt = hl_object_richcompare(a, b, HL_LT);
    HLObject *eq = hl_object_richcompare(a, b, HL_EQ);
    HLObject *ne = hl_object_richcompare(a, b, HL_NE);
    CHECK_STR(repr_of(R(4, lt, eq, ne, hl_newref(the_log))), CF_RICHCMP_LOG);
    HLObject *plain = make_class("A", NULL, NULL);
    CHECK_ERR(hl_object_richcompare(new_instance(plain), new_instance(plain), HL_LT), CF_LT_UNSUPPORTED);
    the_log = NULL;
    release_all();
}

TEST(slots_len_bool_getitem_contains)
{
    the_log = own(hl_list_new(0));
    HLObject *ns = ns_new();
    ns_method(ns, &d_len);
    ns_method(ns, &d_getitem);
    ns_method(ns, &d_setitem);
    ns_method(ns, &d_delitem);
    ns_method(ns, &d_contains);
    HLObject *c = make_class("Seq", NULL, ns);
    HLObject *o = new_instance(c);
    setattr(o, "n", I(3));
    hl_ssize_t l1 = hl_object_length(o);
    int b1 = hl_object_is_true(o); /* no __bool__: __len__ */
    setattr(o, "n", I(0));
    int b2 = hl_object_is_true(o);
    CHECK(hl_object_set_item(o, I(1), I(2)) == 0 && hl_object_del_item(o, I(1)) == 0);
    CHECK_STR(repr_of(R(8, hl_long_from_ssize(l1), hl_bool_from_long(b1), hl_bool_from_long(b2),
                        hl_object_get_item(o, I(4)), hl_sequence_get_item(o, 2),
                        hl_bool_from_long(hl_sequence_contains(o, I(3))),
                        hl_bool_from_long(hl_sequence_contains(o, I(4))), hl_newref(the_log))),
              CF_SEQ_PROTOCOL);
    /* Errors of __bool__ and __len__ results. */
    ns = ns_new();
    ns_method(ns, &d_bool_int);
    CHECK_EQ(hl_object_is_true(new_instance(make_class("B", NULL, ns))), -1);
    CHECK_STR(err_line(), CF_BOOL_RETURNS);
    ns = ns_new();
    ns_method(ns, &d_len_neg);
    CHECK_EQ(hl_object_length(new_instance(make_class("L", NULL, ns))), -1);
    CHECK_STR(err_line(), CF_LEN_NEGATIVE);
    ns = ns_new();
    ns_method(ns, &d_len_str);
    CHECK_EQ(hl_object_length(new_instance(make_class("L2", NULL, ns))), -1);
    CHECK_STR(err_line(), CF_LEN_NOT_INT);
    ns = ns_new();
    ns_set(ns, "__contains__", HL_None);
    CHECK_EQ(hl_sequence_contains(new_instance(make_class("Nc", NULL, ns)), I(1)), -1);
    CHECK_STR(err_line(), CF_CONTAINS_NONE);
    the_log = NULL;
    release_all();
}

TEST(slots_iter_next_call)
{
    HLObject *ns = ns_new();
    ns_method(ns, &d_iter_self);
    ns_method(ns, &d_next);
    ns_method(ns, &d_call);
    HLObject *c = make_class("Countdown", NULL, ns);
    HLObject *o = new_instance(c);
    setattr(o, "n", I(3));
    CHECK(!HL_TYPE_HAS_FLAG((HLTypeObject *)c, HL_TPFLAGS_HAVE_VECTORCALL));
    /* Only __getitem__: iteration by index. */
    HLObject *gns = ns_new();
    ns_method(gns, &d_getitem);
    HLObject *git = own(hl_object_get_iter(new_instance(make_class("G", NULL, gns))));
    HLObject *it = own(hl_object_get_iter(o));
    HLObject *first = hl_iter_next(git);
    HLObject *second = hl_iter_next(git);
    CHECK_STR(repr_of(R(6, hl_bool_from_long(it == o), hl_sequence_list(o), call(o, 2, I(1), I(2)),
                        callkw(o, "k", 2, I(1), I(2)), first, second)),
              CF_ITER_PROTOCOL);
    ns = ns_new();
    ns_set(ns, "__iter__", HL_None);
    CHECK_ERR(hl_object_get_iter(new_instance(make_class("Ni", NULL, ns))), CF_ITER_NONE);
    HLObject *plain = make_class("A", NULL, NULL);
    CHECK_ERR(hl_object_get_iter(new_instance(plain)), CF_NOT_ITERABLE);
    CHECK_ERR(call(new_instance(plain), 0), CF_NOT_CALLABLE);
    release_all();
}

TEST(slots_getattr_setattr_hooks)
{
    the_log = own(hl_list_new(0));
    HLObject *ns = ns_new();
    ns_method(ns, &d_getattr);
    ns_set(ns, "y", I(5));
    HLObject *g = new_instance(make_class("G", NULL, ns));
    setattr(g, "x2", I(1));
    CHECK_STR(repr_of(R(3, hl_object_getattr_str(g, "x"), hl_object_getattr_str(g, "y"), hl_object_getattr_str(g, "x2"))),
              CF_GETATTR_HOOK);
    ns = ns_new();
    ns_method(ns, &d_setattr);
    ns_method(ns, &d_delattr);
    HLObject *s = new_instance(make_class("S", NULL, ns));
    CHECK(setattr(s, "a", I(1)) == 0 && setattr(s, "a", NULL) == 0);
    CHECK_STR(repr_of(the_log), CF_SETATTR_HOOKS);
    /* object.__setattr__ on a type would skip type's own setattro. */
    CHECK_ERR(call(getattr((HLObject *)&hl_object_type, "__setattr__"), 3, &hl_type_type, S("x"), I(1)),
              CF_WRAPPER_HACKCHECK);
    CHECK_ERR(call(getattr((HLObject *)&hl_object_type, "__setattr__"), 2, new_instance(make_class("A", NULL, NULL)), S("x")),
              CF_WRAPPER_SETATTR_ARGC);
    the_log = NULL;
    release_all();
}

TEST(slots_descriptor_protocol)
{
    the_log = own(hl_list_new(0));
    HLObject *ns = ns_new();
    ns_method(ns, &d_get);
    ns_method(ns, &d_set);
    ns_method(ns, &d_delete);
    HLObject *desc = new_instance(make_class("Desc", NULL, ns));
    ns = ns_new();
    ns_set(ns, "d", desc);
    HLObject *owner = make_class("Owner", NULL, ns);
    HLObject *o = new_instance(owner);
    HLObject *a = getattr(o, "d"), *b = getattr(owner, "d");
    CHECK(setattr(o, "d", I(1)) == 0 && setattr(o, "d", NULL) == 0);
    /* A data descriptor wins over the instance's values. */
    CHECK_STR(repr_of(R(4, hl_newref(a), hl_newref(b), hl_newref(the_log), hl_object_getattr_str(o, "d"))),
              CF_DESCRIPTOR_PROTOCOL);
    the_log = NULL;
    release_all();
}

TEST(slots_binary_operators_reflected)
{
    HLObject *ns = ns_new();
    ns_method(ns, &d_add);
    ns_method(ns, &d_radd);
    ns_method(ns, &d_iadd);
    ns_method(ns, &d_neg);
    ns_method(ns, &d_index);
    ns_method(ns, &d_float);
    ns_method(ns, &d_pow);
    HLObject *n = make_class("N", NULL, ns);
    HLObject *x = new_instance(n);
    /* A subclass overriding __radd__ is asked first; one that does not, not. */
    static HLMethodDef sub_radd = {"__radd__", m_neg, HL_METH_FASTCALL, NULL};
    ns = ns_new();
    ns_method(ns, &sub_radd);
    HLObject *sub = make_class("Sub", T(1, n), ns), *sub2 = make_class("Sub2", T(1, n), NULL);
    HLObject *list = L(4, I(0), I(1), I(2), I(9));
    CHECK_STR(repr_of(R(10, hl_number_add(x, I(1)), hl_number_add(I(1), x), hl_number_inplace(x, I(1), HL_NB_ADD),
                        hl_number_negative(x), hl_object_get_item(list, x), hl_number_float(x),
                        hl_number_power(x, I(2), NULL), hl_number_power(x, I(2), I(5)),
                        hl_number_add(x, new_instance(sub)), hl_number_add(x, new_instance(sub2)))),
              CF_BINOP_REFLECTED);
    /* NotImplemented on both sides: CPython's message. */
    ns = ns_new();
    ns_method(ns, &d_add_notimpl);
    CHECK_ERR(hl_number_add(new_instance(make_class("A", NULL, ns)), I(1)), CF_ADD_UNSUPPORTED);
    release_all();
}

TEST(slots_update_on_class_assignment)
{
    HLObject *a = make_class("A", NULL, NULL);
    HLObject *b = make_class("B", T(1, a), NULL);
    HLObject *len7 = own(hl_descr_new_method(&hl_object_type, &d_len_seven));
    HLObject *bns = ns_new();
    HLMethodDef len_one = {"__len__", m_return_one, HL_METH_FASTCALL, NULL};
    ns_method(bns, &len_one);
    HLObject *c = make_class("C", T(1, a), bns);
    CHECK(setattr(a, "__len__", len7) == 0);
    CHECK_STR(repr_of(R(2, hl_long_from_ssize(hl_object_length(new_instance(a))),
                        hl_long_from_ssize(hl_object_length(new_instance(b))))),
              CF_UPDATE_SLOT_SUBCLASS);
    CHECK_STR(repr_of(R(2, hl_long_from_ssize(hl_object_length(new_instance(a))),
                        hl_long_from_ssize(hl_object_length(new_instance(c))))),
              CF_UPDATE_SLOT_SHADOWED);
    CHECK(setattr(a, "__len__", NULL) == 0);
    CHECK_EQ(hl_object_length(new_instance(a)), -1);
    CHECK_STR(err_line(), CF_UPDATE_SLOT_DELETE);
    CHECK_EQ(hl_object_length(new_instance(b)), -1);
    hl_err_clear();
    /* __getattr__ added later switches tp_getattro to the hook. */
    HLObject *ga = own(hl_descr_new_method(&hl_object_type, &d_getattr));
    CHECK(setattr(a, "__getattr__", ga) == 0);
    CHECK_STR(str_of(getattr(new_instance(b), "zz")), "zz!");
    release_all();
}

/* ---- slot wrappers, __new__ ------------------------------------------------------------ */

TEST(wrappers_reprs_and_calls)
{
    HLObject *object = (HLObject *)&hl_object_type;
    CHECK_STR(repr_of(getattr(object, "__init__")), CF_REPR_OBJECT_INIT);
    CHECK_STR(repr_of(getattr((HLObject *)&hl_long_type, "__add__")), CF_REPR_INT_ADD);
    char buf[256];
    HLObject *w = new_instance(make_class("World", NULL, NULL));
    snprintf(buf, sizeof buf, "%s", repr_of(getattr(w, "__init__")));
    CHECK(strncmp(buf, CF_REPR_METHOD_WRAPPER " at 0x", strlen(CF_REPR_METHOD_WRAPPER) + 6) == 0);
    snprintf(buf, sizeof buf, "%s", repr_of(getattr(object, "__new__")));
    CHECK(strncmp(buf, CF_REPR_OBJECT_NEW, strlen(CF_REPR_OBJECT_NEW)) == 0);
    snprintf(buf, sizeof buf, "%s", repr_of(getattr(object, "__init_subclass__")));
    CHECK(strncmp(buf, CF_REPR_INIT_SUBCLASS, strlen(CF_REPR_INIT_SUBCLASS)) == 0);
    CHECK_STR(repr_of(hl_dict_get_item_str(((HLTypeObject *)make_class("A", NULL, NULL))->tp_dict, "__dict__")), CF_REPR_GETSET);
    HLObject *ns = own(hl_dict_new());
    ns_set(ns, "__module__", S("m"));
    ns_set(ns, "__doc__", S("d"));
    ns_set(ns, "__slots__", T(0));
    CHECK_STR(repr_of(getattr(make_class("A", NULL, ns), "__dict__")), CF_REPR_MAPPINGPROXY);
    /* Calling slot wrappers and method-wrappers. */
    HLObject *i1 = I(1), *i2 = I(2), *i5 = I(5);
    CHECK_STR(repr_of(R(7, call(getattr((HLObject *)&hl_long_type, "__add__"), 2, i1, i2),
                        call(getattr(i5, "__sub__"), 1, i2), meth(i2, "__rsub__", 1, i5),
                        call(getattr(object, "__eq__"), 2, i1, i1), meth(L(2, i1, i2), "__len__", 0),
                        meth(i1, "__bool__", 0), meth(S("ab"), "__contains__", 1, S("a")))),
              CF_WRAPPER_RESULTS);
    CHECK_STR(str_of(own(call(getattr(object, "__repr__"), 1, w))), repr_of(w));
    CHECK_ERR(call(getattr(object, "__init__"), 0), CF_DESCR_NEEDS_ARG);
    CHECK_ERR(call(getattr((HLObject *)&hl_long_type, "__add__"), 2, S("a"), i1), CF_DESCR_REQUIRES);
    CHECK_ERR(meth(getattr((HLObject *)&hl_long_type, "__add__"), "__get__", 1, S("a")), CF_DESCR_DOESNT_APPLY);
    CHECK_ERR(call(getattr((HLObject *)&hl_long_type, "__add__"), 1, i1), CF_WRAPPER_ARGC0);
    CHECK_ERR(call(getattr((HLObject *)&hl_long_type, "__add__"), 3, i1, i2, i5), CF_WRAPPER_ARGC2);
    CHECK_ERR(callkw(getattr(i1, "__add__"), "x", 2, i1, i1), CF_WRAPPER_NO_KW);
    CHECK_ERR(meth(new_instance(make_class("A", NULL, NULL)), "__len__", 0), CF_MISSING_DUNDER);
    /* property.__get__(p, None, None) */
    HLObject *prop = own(call((HLObject *)&hl_property_type, 0));
    CHECK_ERR(call(getattr((HLObject *)&hl_property_type, "__get__"), 3, prop, HL_None, HL_None),
              CF_WRAPPER_GET_NONE_NONE);
    /* Only the slots a type defines get wrappers. */
    CHECK(hl_dict_get_item_str(hl_type_type.tp_dict, "__hash__") == NULL);
    CHECK(hl_dict_get_item_str(hl_list_type.tp_dict, "__hash__") == HL_None);
    release_all();
}

TEST(wrappers_new_checks)
{
    HLObject *object = (HLObject *)&hl_object_type;
    HLObject *onew = getattr(object, "__new__");
    HLObject *a = make_class("A", NULL, NULL);
    CHECK_ERR(call(onew, 1, I(1)), CF_OBJECT_NEW_NOT_TYPE);
    CHECK_ERR(call(onew, 1, &hl_long_type), CF_OBJECT_NEW_NOT_SAFE);
    CHECK_ERR(call(getattr((HLObject *)&hl_long_type, "__new__"), 1, a), CF_INT_NEW_NOT_SUBTYPE);
    CHECK_ERR(call(onew, 0), CF_OBJECT_NEW_NO_ARGS);
    HLObject *obj = own(call(onew, 1, a));
    CHECK(obj != NULL && HL_TYPE(obj) == (HLTypeObject *)a && *HL_OBJECT_VALUES_PTR(obj) != NULL);
    CHECK_ERR(call(onew, 2, a, I(1)), CF_TAKES_NO_ARGS);
    release_all();
}

/* __new__ as a staticmethod calling object.__new__(cls, *args). */
static HLObject *new_calls_object_new(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    HLObject *onew = hl_object_getattr_str((HLObject *)&hl_object_type, "__new__");
    if (onew == NULL)
        return NULL;
    HLObject *res = hl_vectorcall(onew, args, (size_t)nargs, NULL);
    hl_decref(onew);
    return res;
}

static HLObject *init_calls_object_init(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    HLObject *oinit = hl_object_getattr_str((HLObject *)&hl_object_type, "__init__");
    if (oinit == NULL)
        return NULL;
    HLObject *stack[8] = {self};
    for (hl_ssize_t i = 0; i < nargs && i < 7; i++)
        stack[i + 1] = args[i];
    HLObject *res = hl_vectorcall(oinit, stack, (size_t)nargs + 1, NULL);
    hl_decref(oinit);
    return res;
}

TEST(wrappers_new_and_init_excess_args)
{
    static HLMethodDef new_def = {"__new__", new_calls_object_new, HL_METH_FASTCALL, NULL};
    static HLMethodDef init_def = {"__init__", init_calls_object_init, HL_METH_FASTCALL, NULL};
    HLObject *ns = ns_new();
    HLObject *f = own(hl_cfunction_new(&new_def, NULL, NULL));
    ns_set(ns, "__new__", own(call((HLObject *)&hl_staticmethod_type, 1, f)));
    HLObject *a = make_class("A", NULL, ns);
    CHECK_ERR(call(a, 1, I(1)), CF_OBJECT_NEW_EXCESS);
    HLObject *ok = own(call(a, 0));
    CHECK(ok != NULL && HL_TYPE(ok) == (HLTypeObject *)a);
    ns = ns_new();
    ns_method(ns, &init_def);
    CHECK_ERR(call(make_class("A", NULL, ns), 1, I(1)), CF_OBJECT_INIT_EXCESS);
    release_all();
}

/* ---- super ---------------------------------------------------------------------------------- */

METHOD(m_who_a) { return hl_str_from_format("A.who(%s)", HL_TYPE(self)->tp_name); }
METHOD(m_who_b) { return hl_str_from_cstr("B.who"); }
METHOD(m_cls_name) { return hl_object_getattr_str(self ? self : args[0], "__name__"); }

static HLTypeObject *hook_type;
static HLObject *hook_obj;
static int super_hook(HLTypeObject **type, HLObject **obj)
{
    if (hook_type == NULL)
        return -1;
    *type = hook_type;
    *obj = hook_obj;
    return 0;
}

TEST(super_lookup_binding_and_reprs)
{
    static HLMethodDef who_a = {"who", m_who_a, HL_METH_FASTCALL, NULL};
    static HLMethodDef who_b = {"who", m_who_b, HL_METH_FASTCALL, NULL};
    static HLMethodDef cls_name = {"name", m_cls_name, HL_METH_FASTCALL, NULL};
    HLObject *ns = ns_new();
    ns_method(ns, &who_a);
    ns_set(ns, "name", own(call((HLObject *)&hl_classmethod_type, 1, own(hl_cfunction_new(&cls_name, NULL, NULL)))));
    HLObject *a = make_class("A", NULL, ns);
    ns = ns_new();
    ns_method(ns, &who_b);
    HLObject *b = make_class("B", T(1, a), ns);
    HLObject *bi = new_instance(b);
    HLObject *superobj = own(call((HLObject *)&hl_super_type, 2, b, bi));
    REQUIRE(superobj != NULL);
    /* super(B, b).who(), b.who(), super(B, B).name() (a classmethod bound
     * to B), super(B, b).__init__() (object's slot wrapper), and an
     * unbound super bound with __get__. */
    HLObject *init = getattr(superobj, "__init__");
    CHECK(HL_IS_TYPE(init, &hl_method_wrapper_type));
    HLObject *unbound = own(call((HLObject *)&hl_super_type, 1, b));
    HLObject *bound = own(meth(unbound, "__get__", 1, bi));
    CHECK_STR(repr_of(R(5, meth(superobj, "who", 0), meth(bi, "who", 0),
                        meth(own(call((HLObject *)&hl_super_type, 2, b, b)), "name", 0), call(init, 0),
                        meth(bound, "who", 0))),
              CF_SUPER_CALLS);
    CHECK_STR(repr_of(own(call((HLObject *)&hl_super_type, 2, a, bi))), CF_SUPER_REPR);
    CHECK_STR(repr_of(own(call((HLObject *)&hl_super_type, 1, a))), CF_SUPER_REPR_UNBOUND);
    CHECK_STR(repr_of(own(call((HLObject *)&hl_super_type, 2, a, b))), CF_SUPER_REPR_CLASS);
    CHECK_STR(str_of(getattr(getattr(superobj, "__class__"), "__name__")), CF_SUPER_CLASS_ATTR);
    CHECK(getattr(superobj, "__thisclass__") == b && getattr(superobj, "__self__") == bi &&
          getattr(superobj, "__self_class__") == b);
    CHECK(hl_object_getattr_str(superobj, "nope") == NULL);
    CHECK_STR(err_line(), CF_SUPER_MISSING);
    /* Errors. */
    CHECK_ERR(call((HLObject *)&hl_super_type, 0), CF_SUPER_NO_ARGS);
    CHECK_ERR(call((HLObject *)&hl_super_type, 1, I(1)), CF_SUPER_ARG1);
    CHECK_ERR(call((HLObject *)&hl_super_type, 2, a, I(1)), CF_SUPER_OBJ);
    CHECK_ERR(callkw((HLObject *)&hl_super_type, "x", 1, I(1)), CF_SUPER_KW);
    CHECK_ERR(call((HLObject *)&hl_super_type, 3, &hl_long_type, I(1), I(2)), CF_SUPER_TOO_MANY);
    /* Zero arguments through the interpreter's hook. */
    hook_type = (HLTypeObject *)b;
    hook_obj = bi;
    hl_super_zero_arg_hook = super_hook;
    HLObject *zero = own(call((HLObject *)&hl_super_type, 0));
    CHECK_STR(str_of(own(meth(zero, "who", 0))), "A.who(B)");
    hook_type = NULL;
    CHECK_ERR(call((HLObject *)&hl_super_type, 0), CF_SUPER_NO_ARGS);
    hl_super_zero_arg_hook = NULL;
    release_all();
}

/* ---- property ----------------------------------------------------------------------------- */

METHOD(m_prop_get) { return hl_object_getattr_str(args[0], "_x"); }
METHOD(m_prop_set) { return setattr(args[0], "_x", args[1]) < 0 ? NULL : hl_none_new(); }
METHOD(m_prop_del) { return setattr(args[0], "_x", NULL) < 0 ? NULL : hl_none_new(); }

TEST(property_accessors_and_messages)
{
    static HLMethodDef getd = {"get", m_prop_get, HL_METH_O, NULL};
    static HLMethodDef setd = {"set", m_prop_set, HL_METH_FASTCALL, NULL};
    static HLMethodDef deld = {"del", m_prop_del, HL_METH_O, NULL};
    HLObject *fget = own(hl_cfunction_new(&getd, NULL, NULL)), *fset = own(hl_cfunction_new(&setd, NULL, NULL)),
             *fdel = own(hl_cfunction_new(&deld, NULL, NULL));
    HLObject *prop = own(call((HLObject *)&hl_property_type, 1, fget));
    REQUIRE(prop != NULL);
    HLObject *ns = ns_new();
    ns_set(ns, "x", prop);
    HLObject *p = make_class("P", NULL, ns);
    HLObject *obj = new_instance(p);
    setattr(obj, "_x", I(4));
    HLObject *v1 = getattr(obj, "x");
    CHECK(setattr(obj, "x", I(2)) < 0);
    CHECK_STR(err_line(), CF_PROPERTY_NO_SETTER);
    CHECK(setattr(obj, "x", NULL) < 0);
    CHECK_STR(err_line(), CF_PROPERTY_NO_DELETER);
    /* setter() and deleter() return new properties with the name kept. */
    HLObject *prop2 = own(meth(own(meth(prop, "setter", 1, fset)), "deleter", 1, fdel));
    REQUIRE(prop2 != NULL);
    CHECK(getattr(prop2, "fget") == fget && getattr(prop2, "fset") == fset && getattr(prop2, "fdel") == fdel);
    CHECK(setattr(p, "x", prop2) == 0);
    CHECK(setattr(obj, "x", I(9)) == 0);
    HLObject *v2 = getattr(obj, "_x");
    CHECK(setattr(obj, "x", NULL) == 0);
    HLObject *gone = hl_object_getattr_str(obj, "_x");
    hl_err_clear();
    CHECK_STR(repr_of(R(5, hl_newref(v1), hl_bool_from_long(getattr(p, "x") == prop2),
                        hl_bool_from_long(prop2 != prop), hl_newref(v2), hl_bool_from_long(gone != NULL))),
              CF_PROPERTY_CHAIN);
    ns = ns_new();
    ns_set(ns, "x", own(call((HLObject *)&hl_property_type, 0)));
    CHECK(hl_object_getattr_str(new_instance(make_class("P", NULL, ns)), "x") == NULL);
    CHECK_STR(err_line(), CF_PROPERTY_NO_GETTER);
    /* Without __set_name__ the property has no name. */
    HLObject *anon = own(call((HLObject *)&hl_property_type, 1, fget));
    CHECK_ERR(meth(anon, "__set__", 2, I(1), I(2)), CF_PROPERTY_UNNAMED_SET);
    CHECK_ERR(meth(own(call((HLObject *)&hl_property_type, 0)), "__get__", 1, I(1)), CF_PROPERTY_UNNAMED_GET);
    CHECK_ERR(call((HLObject *)&hl_property_type, 5, I(1), I(2), I(3), I(4), I(5)), CF_PROPERTY_TOO_MANY);
    CHECK_ERR(callkw((HLObject *)&hl_property_type, "x", 1, I(1)), CF_PROPERTY_BAD_KW);
    char buf[128];
    snprintf(buf, sizeof buf, "%s", repr_of(prop));
    CHECK(strncmp(buf, CF_PROPERTY_REPR " at 0x", strlen(CF_PROPERTY_REPR) + 6) == 0);
    release_all();
}

/* ---- __set_name__, __init_subclass__, __subclasses__, metaclasses ---------------------------- */

METHOD(m_set_name_fails) { return hl_number_true_divide(hl_long_get_small(1), hl_long_get_small(0)); }

TEST(class_set_name_and_subclasses)
{
    static HLMethodDef sn = {"__set_name__", m_set_name_fails, HL_METH_FASTCALL, NULL};
    HLObject *ns = ns_new();
    ns_method(ns, &sn);
    HLObject *d = make_class("D", NULL, ns);
    ns = ns_new();
    ns_set(ns, "d", new_instance(d));
    HLObject *args = T(3, S("E"), T(0), ns);
    HLObject *r = hl_call((HLObject *)&hl_type_type, args, NULL);
    REQUIRE(r == NULL);
    HLObject *exc = hl_err_fetch();
    HLObject *line = own(hl_exception_format_line(exc));
    CHECK_STR(str_of(line), CF_SET_NAME_ERROR);
    HLObject *cause = hl_object_getattr_str(exc, "__cause__");
    CHECK_STR(repr_of(own(cause)), CF_SET_NAME_CAUSE);
    hl_decref(exc);
    /* __subclasses__: live direct subclasses, in creation order. */
    HLObject *a = make_class("A", NULL, NULL);
    HLObject *b = make_class("B", T(1, a), NULL);
    make_class("C", T(1, a), NULL);
    HLObject *names = own(hl_list_new(0));
    HLObject *subs = own(meth(a, "__subclasses__", 0));
    for (hl_ssize_t i = 0; i < HL_SIZE(subs); i++)
        hl_list_append(names, getattr(HL_LIST_GET(subs, i), "__name__"));
    CHECK_STR(repr_of(names), CF_SUBCLASSES);
    CHECK(b != NULL);
    /* isinstance / issubclass and type.__instancecheck__. */
    HLObject *isinstance = bi("isinstance"), *issubclass = bi("issubclass");
    HLObject *binst = new_instance(b);
    CHECK_STR(repr_of(R(6, call(isinstance, 2, binst, a), call(isinstance, 2, new_instance(a), b),
                        call(issubclass, 2, b, a), call(issubclass, 2, a, T(2, &hl_long_type, b)),
                        meth(a, "__instancecheck__", 1, binst), meth(b, "__subclasscheck__", 1, a))),
              CF_ISINSTANCE_CHECKS);
    release_all();
}

TEST(class_metaclass)
{
    HLObject *meta1 = make_class("M1", T(1, &hl_type_type), NULL);
    HLObject *meta2 = make_class("M2", T(1, &hl_type_type), NULL);
    REQUIRE(meta1 != NULL && meta2 != NULL);
    HLObject *a = own(call(meta1, 3, S("A"), T(0), ns_new()));
    HLObject *b = own(call(meta2, 3, S("B"), T(0), ns_new()));
    REQUIRE(a != NULL && b != NULL);
    CHECK(HL_TYPE(a) == (HLTypeObject *)meta1);
    CHECK_STR(repr_of(a), "<class '__main__.A'>");
    CHECK_ERR(call((HLObject *)&hl_type_type, 3, S("C"), T(2, a, b), ns_new()), CF_METACLASS_CONFLICT);
    /* type(name, (a,), ns) picks M1 as the metaclass. */
    HLObject *c = make_class("C", T(1, a), NULL);
    CHECK(c != NULL && HL_TYPE(c) == (HLTypeObject *)meta1);
    CHECK(new_instance(c) != NULL);
    CHECK(hl_type_calculate_metaclass(&hl_type_type, T(1, a)) == (HLTypeObject *)meta1);
    release_all();
}

/* ---- exceptions as classes ------------------------------------------------------------------ */

TEST(class_exception_subclass)
{
    HLObject *e = make_class("MyError", T(1, hl_exc_Exception), NULL);
    REQUIRE(e != NULL);
    HLObject *inst = own(call(e, 1, S("x")));
    CHECK(hl_exception_check(inst));
    CHECK_STR(repr_of(R(3, hl_object_repr(inst), hl_object_str(own(call(e, 2, S("x"), I(1)))),
                        hl_bool_from_long(HL_SIZE(getattr(e, "__mro__")) == 4))),
              CF_EXC_SUBCLASS_REPR);
    hl_err_set_object(e, S("boom"));
    CHECK_STR(err_line(), "MyError: boom");
    setattr(inst, "extra", I(1));
    CHECK_STR(repr_of(getattr(inst, "extra")), "1");
    HLObject *w = own(hl_weakref_new_ref(inst, NULL));
    CHECK(w != NULL && hl_weakref_get_object(w) == inst);
    release_all();
}

METHOD(m_hello) { return hl_str_from_cstr("hi"); }

static HLObject *mro_names(HLObject *cls)
{
    HLObject *names = own(hl_list_new(0));
    HLObject *mro = ((HLTypeObject *)cls)->tp_mro;
    for (hl_ssize_t i = 0; i < HL_SIZE(mro); i++)
        hl_list_append(names, getattr(HL_TUPLE_GET(mro, i), "__name__"));
    return names;
}

TEST(class_exception_with_mixin_and_builtin_bases)
{
    static HLMethodDef hello = {"hello", m_hello, HL_METH_FASTCALL, NULL};
    HLObject *ns = own(hl_dict_new());
    ns_method(ns, &hello);
    HLObject *m = make_class("M", NULL, ns);
    HLObject *e = make_class("E", T(2, hl_exc_Exception, m), own(hl_dict_new()));
    HLObject *e2 = make_class("E2", T(2, m, hl_exc_Exception), own(hl_dict_new()));
    REQUIRE(e != NULL && e2 != NULL);
    HLObject *ei = own(call(e, 1, S("x")));
    CHECK_STR(repr_of(R(5, hl_object_repr(ei), meth(ei, "hello", 0), hl_newref(mro_names(e)),
                        hl_newref(mro_names(e2)), hl_object_repr(own(call(e2, 1, S("y")))))),
              CF_EXC_MIXIN);
    /* Subclasses of list, dict, tuple: layout and sizes. */
    HLObject *l = make_class("L", T(1, &hl_list_type), own(hl_dict_new()));
    HLObject *d = make_class("D", T(1, &hl_dict_type), own(hl_dict_new()));
    HLObject *t = make_class("T", T(1, &hl_tuple_type), own(hl_dict_new()));
    long got[7] = {hl_long_as_long(getattr(l, "__basicsize__")), hl_long_as_long(getattr(l, "__dictoffset__")),
                   hl_long_as_long(getattr(l, "__weakrefoffset__")), getsizeof(new_instance(l)),
                   getsizeof(new_instance(d)), getsizeof(new_instance(t)), hl_long_as_long(getattr(t, "__dictoffset__"))};
    long want[7] = {CF_WASM32_SIZEOF_BUILTIN_SUBCLASSES_0, CF_WASM32_SIZEOF_BUILTIN_SUBCLASSES_1,
                    CF_WASM32_SIZEOF_BUILTIN_SUBCLASSES_2, CF_WASM32_SIZEOF_BUILTIN_SUBCLASSES_3,
                    CF_WASM32_SIZEOF_BUILTIN_SUBCLASSES_4, CF_WASM32_SIZEOF_BUILTIN_SUBCLASSES_5,
                    CF_WASM32_SIZEOF_BUILTIN_SUBCLASSES_6};
    for (int i = 0; i < 7; i++)
        CHECK_EQ(got[i], want[i]);
    /* A list subclass instance holding itself, with an inline attribute. */
    hl_gc_collect(2);
    HLObject *li = call(l, 0);
    hl_list_append(li, li);
    setattr(li, "x", I(1));
    hl_decref(li);
    CHECK_EQ(hl_gc_collect(2), atoi(CF_GC_LIST_SUBCLASS));
    release_all();
}

/* ---- finalizers, weakrefs, the collector ----------------------------------------------------- */

static HLObject *resurrected;
static int del_calls;

METHOD(m_del_log)
{
    del_calls++;
    log_str("del");
    return hl_none_new();
}

METHOD(m_del_resurrect)
{
    del_calls++;
    if (resurrected != NULL)
        hl_list_append(resurrected, self);
    return hl_none_new();
}

METHOD(m_del_raise) { hl_err_set_string(hl_exc_ValueError, "in __del__"); return NULL; }

static HLObject *wr_log;
static HLObject *wr_callback(HLObject *self, HLObject *const *args, hl_ssize_t nargs, HLObject *kw)
{
    HLObject *dead = hl_bool_from_long(hl_weakref_get_object(args[0]) == HL_None);
    hl_list_append(wr_log, dead);
    hl_decref(dead);
    return hl_none_new();
}

TEST(finalizer_by_refcount_and_resurrection)
{
    static HLMethodDef dl = {"__del__", m_del_log, HL_METH_FASTCALL, NULL};
    static HLMethodDef dr = {"__del__", m_del_resurrect, HL_METH_FASTCALL, NULL};
    the_log = own(hl_list_new(0));
    del_calls = 0;
    HLObject *ns = ns_new();
    ns_method(ns, &dl);
    HLObject *f = make_class("F", NULL, ns);
    CHECK(((HLTypeObject *)f)->tp_finalize == hl_slot_tp_finalize);
    HLObject *obj = call(f, 0);
    setattr(obj, "payload", L(0));
    hl_decref(obj);
    CHECK_STR(repr_of(the_log), CF_FINALIZER_REFCOUNT);
    CHECK_EQ(del_calls, 1);
    /* Resurrection from __del__: the object lives on, finalized once. */
    ns = ns_new();
    ns_method(ns, &dr);
    HLObject *r = make_class("R", NULL, ns);
    resurrected = own(hl_list_new(0));
    obj = call(r, 0);
    hl_ssize_t rrefs = HL_REFCNT(r);
    hl_decref(obj);
    CHECK_EQ(del_calls, 2);
    CHECK_EQ(HL_SIZE(resurrected), 1);
    CHECK_EQ(HL_REFCNT(r), rrefs);
    HLObject *y = hl_newref(HL_LIST_GET(resurrected, 0));
    CHECK(hl_gc_object_is_finalized(y));
    hl_list_set_slice(resurrected, 0, 1, NULL);
    hl_decref(y); /* freed now, __del__ not called again */
    CHECK_EQ(del_calls, 2);
    CHECK_EQ(HL_SIZE(resurrected), atoi(CF_DEL_RESURRECT_REFCOUNT));
    CHECK_EQ(HL_REFCNT(r), rrefs - 1);
    resurrected = NULL;
    /* An exception in __del__ is unraisable, and one in flight is kept. */
    static HLMethodDef dx = {"__del__", m_del_raise, HL_METH_FASTCALL, NULL};
    ns = ns_new();
    ns_method(ns, &dx);
    obj = call(make_class("X", NULL, ns), 0);
    hl_err_set_string(hl_exc_KeyError, "kept");
    hl_decref(obj);
    CHECK_STR(err_line(), "KeyError: 'kept'");
    the_log = NULL;
    release_all();
}

TEST(weakrefs_to_instances)
{
    static HLMethodDef cb = {"cb", wr_callback, HL_METH_O, NULL};
    wr_log = own(hl_list_new(0));
    HLObject *a = make_class("A", NULL, NULL);
    HLObject *obj = call(a, 0);
    HLObject *before = getattr(obj, "__weakref__");
    HLObject *w = own(hl_weakref_new_ref(obj, own(hl_cfunction_new(&cb, NULL, NULL))));
    HLObject *w0 = own(hl_weakref_new_ref(obj, NULL));
    CHECK_STR(repr_of(R(2, hl_newref(before), hl_bool_from_long(getattr(obj, "__weakref__") == w0))), CF_WEAKREF_ATTR);
    CHECK(hl_weakref_get_object(w) == obj);
    hl_decref(obj);
    CHECK_STR(repr_of(R(2, hl_newref(wr_log), hl_bool_from_long(hl_weakref_get_object(w) == HL_None))),
              CF_WEAKREF_CALLBACK);
    release_all();
}

TEST(gc_classes_and_instances)
{
    hl_gc_collect(2);
    HLObject *u = class_raw("U", NULL);
    hl_decref(u);
    CHECK_EQ(hl_gc_collect(2), atoi(CF_GC_CLASS_ONLY));
    /* A class and an instance referring to itself. */
    HLObject *v = class_raw("V", NULL);
    HLObject *vi = call(v, 0);
    setattr(vi, "me", vi);
    hl_decref(vi);
    hl_decref(v);
    CHECK_EQ(hl_gc_collect(2), atoi(CF_GC_CLASS_AND_INSTANCE_CYCLE));
    /* Instances alone: inline values, a materialised dict, a slot. */
    HLObject *t = make_class("T", NULL, NULL);
    hl_gc_collect(2);
    HLObject *ti = call(t, 0);
    setattr(ti, "me", ti);
    hl_decref(ti);
    CHECK_EQ(hl_gc_collect(2), atoi(CF_GC_INSTANCE_SELF_CYCLE));
    ti = call(t, 0);
    hl_decref(hl_object_getattr_str(ti, "__dict__"));
    setattr(ti, "me", ti);
    hl_decref(ti);
    CHECK_EQ(hl_gc_collect(2), atoi(CF_GC_INSTANCE_DICT_CYCLE));
    HLObject *ns = ns_new();
    ns_set(ns, "__slots__", slots(1, "a"));
    HLObject *s = make_class("S", NULL, ns);
    hl_gc_collect(2);
    HLObject *si = call(s, 0);
    setattr(si, "a", si);
    hl_decref(si);
    CHECK_EQ(hl_gc_collect(2), atoi(CF_GC_SLOTS_CYCLE));
    /* A subclass leaves its base's __subclasses__ when collected: the
     * class, its MRO and its bases tuple (its dict holds only atoms). */
    HLObject *a = make_class("A", NULL, NULL);
    hl_gc_collect(2);
    HLObject *b = class_raw("B", hl_tuple_pack(1, a));
    HLObject *subs = meth(a, "__subclasses__", 0);
    hl_ssize_t n1 = HL_SIZE(subs);
    hl_decref(subs);
    hl_decref(b);
    hl_ssize_t n2 = hl_gc_collect(2);
    subs = own(meth(a, "__subclasses__", 0));
    CHECK_STR(repr_of(R(3, hl_long_from_ssize(n1), hl_long_from_ssize(n2), hl_long_from_ssize(HL_SIZE(subs)))),
              CF_GC_SUBCLASS_COLLECTED);
    release_all();
}

TEST(gc_finalizer_cycle_and_resurrection)
{
    static HLMethodDef dl = {"__del__", m_del_log, HL_METH_FASTCALL, NULL};
    static HLMethodDef dr = {"__del__", m_del_resurrect, HL_METH_FASTCALL, NULL};
    del_calls = 0;
    HLObject *ns = ns_new();
    ns_method(ns, &dl);
    HLObject *f = make_class("F", NULL, ns);
    hl_gc_collect(2);
    HLObject *x = call(f, 0), *y = call(f, 0);
    setattr(x, "o", y);
    setattr(y, "o", x);
    hl_decref(x);
    hl_decref(y);
    hl_ssize_t n = hl_gc_collect(2);
    CHECK_STR(repr_of(R(2, hl_long_from_ssize(n), hl_long_from_long(del_calls))), CF_GC_FINALIZER_CYCLE);
    ns = ns_new();
    ns_method(ns, &dr);
    HLObject *r = make_class("R", NULL, ns);
    resurrected = own(hl_list_new(0));
    del_calls = 0;
    hl_gc_collect(2);
    x = call(r, 0);
    setattr(x, "me", x);
    hl_decref(x);
    hl_ssize_t n1 = hl_gc_collect(2);
    hl_ssize_t k1 = HL_SIZE(resurrected);
    hl_list_set_slice(resurrected, 0, HL_SIZE(resurrected), NULL);
    hl_ssize_t n2 = hl_gc_collect(2);
    CHECK_STR(repr_of(R(4, hl_long_from_ssize(n1), hl_long_from_ssize(k1), hl_long_from_ssize(n2),
                        hl_long_from_ssize(HL_SIZE(resurrected)))),
              CF_GC_RESURRECT);
    CHECK_EQ(del_calls, 1);
    resurrected = NULL;
    release_all();
}

/* Deallocating a long chain of instances must not recurse deeply. */
TEST(dealloc_long_chain_of_instances)
{
    HLObject *a = make_class("Node", NULL, NULL);
    HLObject *head = call(a, 0);
    for (int i = 0; i < 20000; i++) {
        HLObject *n = call(a, 0);
        setattr(n, "next", head);
        hl_decref(head);
        head = n;
    }
    hl_decref(head);
    release_all();
}
