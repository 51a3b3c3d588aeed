# heaplab — build and test.
#
#   make            native library and CLI (build/heaplab)
#   make test       every test: C tests and the corpus in three variants, the
#                   wasm build in Node, the site in headless Chromium
#   make bench      time heaplab against python3 on three workloads
#   make run        build the notebook site and serve it on localhost:8000
#   make site       only build it (build/site)
#   make wasm       the WebAssembly build (build/wasm/heaplab.wasm)
#   make budget     size and speed figures of the wasm build and bridge
#   make site-budget  the same for the site
#
# Native code is built for 32 bits (gcc -m32) so that every object has the
# size and layout it has in the wasm32 build.  Three variants share the
# sources:
#   native   optimized, what users run           build/native/
#   asan     ASan + UBSan, debug validators       build/asan/
#   torture  collector analysis on every GC allocation, validators
#                                                  build/torture/

CC ?= gcc
ARCH := -m32
WARN := -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Wshadow=local
# SSE2 arithmetic: x87's 80-bit registers would round some float results
# differently from CPython and from wasm32.
BASE_CFLAGS := $(ARCH) -msse2 -mfpmath=sse -std=c11 -D_GNU_SOURCE -fno-strict-aliasing $(WARN)

# Position-dependent code: on i386, PIE costs a register and a thunk call
# per function for every global it touches.
CFLAGS_native := -O2 -g -fno-pie
LDFLAGS_native := -no-pie
CFLAGS_asan := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
               -fno-sanitize-recover=undefined -DHL_DEBUG
CFLAGS_torture := -O1 -g -DHL_DEBUG -DHL_TORTURE
LDFLAGS_asan := -fsanitize=address,undefined

LIB_SRC := $(shell find src -name '*.c' -not -path 'src/cli/*' | sort) build/gen/frozen.c
FROZEN_PY := $(sort $(wildcard src/lang/frozen/*.py))
CLI_SRC := $(wildcard src/cli/*.c)
CTEST_SRC := $(sort $(wildcard tests/c/*.c))
HEADERS := $(shell find src tests/c -name '*.h')

VARIANTS := native asan torture

.PHONY: all test ctest corpus bench run clean toolchain wasm node-test budget $(addprefix ctest-,$(VARIANTS)) $(addprefix corpus-,$(VARIANTS))

all: build/heaplab wasm

# ---- toolchain: gcc must be able to link 32-bit programs ------------------
build/.toolchain:
	@mkdir -p build
	@if ! printf 'int main(void){return 0;}' | $(CC) $(ARCH) -x c - -o build/.m32check 2>/dev/null; then \
	  echo "gcc cannot build 32-bit programs; installing gcc-multilib"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y gcc-multilib >/dev/null || \
	    (apt-get update >/dev/null && apt-get install -y gcc-multilib >/dev/null); \
	  else sudo apt-get install -y gcc-multilib >/dev/null; fi; \
	  printf 'int main(void){return 0;}' | $(CC) $(ARCH) -x c - -o build/.m32check || \
	    { echo "still cannot build with -m32: install gcc-multilib" >&2; exit 1; }; \
	fi
	@rm -f build/.m32check
	@touch $@

toolchain: build/.toolchain

# ---- frozen modules: Python sources compiled into the runtime as text -----
build/gen/frozen.c: $(FROZEN_PY) src/lang/frozen/freeze
	@mkdir -p $(dir $@)
	python3 src/lang/frozen/freeze $(FROZEN_PY) > $@.tmp && mv $@.tmp $@

# ---- per-variant objects --------------------------------------------------
define variant
build/$(1)/obj/%.o: %.c $(HEADERS) build/.toolchain build/gen/frozen.c Makefile
	@mkdir -p $$(dir $$@)
	$$(CC) $$(BASE_CFLAGS) $$(CFLAGS_$(1)) $$(if $$(findstring tests/,$$<),-DHL_TEST_FIXTURES='"tests/c/fixtures"') -c $$< -o $$@

build/$(1)/libheaplab.a: $$(patsubst %.c,build/$(1)/obj/%.o,$$(LIB_SRC))
	@rm -f $$@
	ar rcs $$@ $$^

build/$(1)/heaplab: $$(patsubst %.c,build/$(1)/obj/%.o,$$(CLI_SRC)) build/$(1)/libheaplab.a
	$$(CC) $$(ARCH) $$(CFLAGS_$(1)) $$^ -o $$@ $$(LDFLAGS_$(1)) -lm

build/$(1)/ctests: $$(patsubst %.c,build/$(1)/obj/%.o,$$(CTEST_SRC)) build/$(1)/libheaplab.a
	$$(CC) $$(ARCH) $$(CFLAGS_$(1)) $$^ -o $$@ $$(LDFLAGS_$(1)) -lm

ctest-$(1): build/$(1)/ctests
	@echo "== C tests ($(1)) =="
	@build/$(1)/ctests

corpus-$(1): build/$(1)/heaplab
	@tests/tools/run-cases --variant $(1)
	@tests/tools/run-command-lines --variant $(1)
	@tests/tools/run-seed-scripts --variant $(1)
	@tests/tools/run-robustness --variant $(1)
	@tests/tools/run-ipython --variant $(1)
endef
$(foreach v,$(VARIANTS),$(eval $(call variant,$(v))))

build/heaplab: build/native/heaplab
	cp $< $@

# ---- tests ----------------------------------------------------------------
ctest: $(addprefix ctest-,$(VARIANTS))
corpus: $(addprefix corpus-,$(VARIANTS))

# Every test, each variant's C tests and its corpus run, then the wasm
# build's tests in Node.
test: ctest corpus node-test web-test

# Speed against python3 (prints ratios; never part of `make test`).
bench: build/native/heaplab
	@tests/bench/run

# The notebook site, served on http://localhost:8000 (web/site.mk).
run: serve

clean:
	rm -rf build

# ==== WebAssembly build, JS bridge, Node CLI ===============================
#
# The same C sources plus wasm/exports.c, compiled by Debian's Emscripten
# into one standalone module (no generated JS: wasm/heaplab.js is the
# bridge).  Size-optimised: the module is downloaded by every page.
#   -sMALLOC=none       the region allocator owns memory growth (exports.c
#                       supplies sbrk; see there)
#   -sTOTAL_STACK=8MB   the parser needs ~500 KB at its nesting limit, and
#                       deep C recursion must end in RecursionError
#                       (hl_c_stack_init reads the stack's end) well before
#                       the stack runs out
#   4 GiB maximum       the heap limit plus scratch past it (exports.c)
#   -mbulk-memory       memset/memcpy as single instructions (dict resizes
#                       and arena carving otherwise loop byte by byte in the
#                       engine's baseline code, a third of a cold start)

EMCC ?= emcc
WASM_CFLAGS := -Oz -mbulk-memory -std=c11 -D_GNU_SOURCE -fno-strict-aliasing $(WARN) \
               -Wno-gnu-variable-sized-type-not-at-end -Wno-unused-function -Wno-unknown-warning-option
# Exported besides exports.c's own (EMSCRIPTEN_KEEPALIVE) functions:
WASM_EXPORTS := _hl_session_resume,_hl_session_interrupt,_hl_session_execution_count,_hl_session_exit_status
WASM_LDFLAGS := --no-entry -sSTANDALONE_WASM -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB \
                -sTOTAL_STACK=8MB -sMALLOC=none -sFILESYSTEM=0 -sERROR_ON_UNDEFINED_SYMBOLS=1 \
                -sEXPORTED_FUNCTIONS=$(WASM_EXPORTS)
WASM_OBJ := $(patsubst %.c,build/wasm/obj/%.o,$(LIB_SRC) wasm/exports.c)

build/.emscripten:
	@mkdir -p build
	@if ! command -v $(EMCC) >/dev/null; then \
	  echo "emcc not found; installing Debian's emscripten"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get install -y emscripten >/dev/null || \
	    ($$SUDO apt-get update >/dev/null && $$SUDO apt-get install -y emscripten >/dev/null); \
	  command -v $(EMCC) >/dev/null || { echo "could not install emscripten" >&2; exit 1; }; \
	fi
	@touch $@

build/wasm/obj/%.o: %.c $(HEADERS) build/.emscripten build/gen/frozen.c Makefile
	@mkdir -p $(dir $@)
	@echo "  EMCC $<"
	@$(EMCC) $(WASM_CFLAGS) -c $< -o $@

# After emcc's own -Oz pass, binaryen's optimizer run to a fixed point
# (--converge): a little smaller again (about 1 KiB gzipped).
WASM_OPT := wasm-opt -Oz --converge --enable-bulk-memory --enable-sign-ext --enable-mutable-globals

# Then the static data as one segment (wasm/onesegment.js: smaller
# gzipped), and the start-up hints (wasm/starthints.js): a copy
# instrumented by binaryen's wasm-split records which functions a cold
# start calls, and the module gets a custom section asking V8 to compile
# those eagerly.
WASM_SPLIT := wasm-split --enable-bulk-memory --enable-sign-ext --enable-mutable-globals

build/wasm/heaplab.wasm: $(WASM_OBJ) wasm/onesegment.js wasm/starthints.js wasm/heaplab.js
	@echo "  LINK $@"
	@$(EMCC) $(WASM_CFLAGS) $(WASM_OBJ) -o $@.tmp.wasm $(WASM_LDFLAGS)
	@$(WASM_OPT) $@.tmp.wasm -o $@.tmp.wasm
	@node wasm/onesegment.js $@.tmp.wasm
	@$(WASM_SPLIT) --instrument $@.tmp.wasm -o $@.profile.wasm
	@node wasm/starthints.js $@.tmp.wasm $@.profile.wasm
	@rm -f $@.profile.wasm
	@mv $@.tmp.wasm $@

wasm: build/wasm/heaplab.wasm

# npm packages of the CLI and tests (package-lock.json pins them).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The bridge, the CLI and the corpus through the wasm build (node:test);
# the native CLI is the reference for some of them.  V8 gets the stack the
# CLI gives it (wasm/cli.js); one test checks the default stack too.
node-test: build/wasm/heaplab.wasm build/heaplab node_modules/.package-lock.json
	@node --stack-size=4000 --test --test-reporter=./tests/node/reporter.js tests/node/

budget: build/wasm/heaplab.wasm node_modules/.package-lock.json
	@node wasm/budget.js

# ==== the notebook site (web/) =============================================
include web/site.mk
