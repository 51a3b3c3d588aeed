# heaplab — build and test.
#
#   make            native library and CLI (build/heaplab)
#   make test       every test: C tests and the corpus, in three variants
#   make bench      time heaplab against python3 on three workloads
#   make run        a native demo (later: the notebook site)
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

.PHONY: all test ctest corpus bench run clean toolchain $(addprefix ctest-,$(VARIANTS)) $(addprefix corpus-,$(VARIANTS))

all: build/heaplab

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

# Every test, each variant's C tests and its corpus run.
test: ctest corpus

# Speed against python3 (prints ratios; never part of `make test`).
bench: build/native/heaplab
	@tests/bench/run

run: build/heaplab
	@build/heaplab --demo

clean:
	rm -rf build
