# Local Digital: `make serve` builds and serves the site, `make test` runs the tests.
# Both set up the environment first if needed (a venv with the locked packages).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: site serve test validate browser bench clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@# Byte-compile the package once: where PYTHONDONTWRITEBYTECODE is set, every run would compile it again.
	$(BIN)/python -m compileall -q localdigital hooks
	touch $(STAMP)

validate: $(STAMP)
	$(BIN)/localdigital validate

site: $(STAMP)
	$(BIN)/localdigital build --out site

serve: site
	@echo "Serving on http://$(HOST):$(PORT)/ (rebuilds when content changes; Ctrl+C to stop)"
	@echo "mkdocs will warn that a 'dirty' build may leave navigation and links inaccurate: that is expected here."
	@echo "Only pages whose text changed are rebuilt while serving; site/ (make site) is always a full, checked build."
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dirty --dev-addr $(HOST):$(PORT)

# Browser tests use Debian's Chromium; install it when missing and we may (root with apt).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is not installed: browser tests will be skipped (sudo apt-get install chromium)"; fi; \
	fi

test: $(STAMP) browser
	$(BIN)/ruff check --no-cache .
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python scripts/bench --n 100 1000

clean:
	rm -rf site .site-new-* .site-old-* $(VENV)
