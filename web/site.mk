# web/site.mk — the notebook site, its browser tests and budgets; included
# by the top-level Makefile.
#
#   make site         build the static site into build/site
#   make serve        build it and serve it on http://localhost:8000
#   make web-test     the browser tests (playwright-core + Debian's chromium, headless)
#   make site-budget  size and speed figures of the site

SITE_SRC := $(shell find web/src -type f) $(wildcard wasm/*.js) web/build.js web/index.html web/notebook.html web/embed-demo.html web/theme-boot.js
CHROMIUM ?= /usr/bin/chromium

.PHONY: site serve web-test site-budget

build/site/.built: $(SITE_SRC) $(wildcard notebooks/*.ipynb) build/wasm/heaplab.wasm node_modules/.package-lock.json
	@node web/build.js build/site
	@touch $@

site: build/site/.built

serve: site
	@node web/serve.js build/site --port 8000

# Debian's chromium, installed when missing (as root, or through sudo).
build/.chromium:
	@mkdir -p build
	@if [ ! -x $(CHROMIUM) ]; then \
	  echo "chromium not found; installing Debian's chromium"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get install -y chromium >/dev/null || \
	    ($$SUDO apt-get update >/dev/null && $$SUDO apt-get install -y chromium >/dev/null); \
	  [ -x $(CHROMIUM) ] || { echo "could not install chromium" >&2; exit 1; }; \
	fi
	@touch $@

web-test: site build/.chromium
	@CHROMIUM=$(CHROMIUM) node --test --test-concurrency=1 tests/web/

site-budget: site build/.chromium
	@CHROMIUM=$(CHROMIUM) node web/budget.js
