# Two commands do everything on a fresh machine (Python 3.11, make):
#   make        create the pinned environment, validate the package, build the docs site and the release archive
#   make test   run every test
# Debian packages beyond Python (chromium, R and readr for the tests, graphviz for the docs) are installed
# by scripts/system-packages.sh when missing and running as root; otherwise it prints the one command to run.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ENV    := $(VENV)/.installed
ON_PATH := $(VENV)/.on-path
ARTICLES ?= 1000
BENCH_FLAGS ?=
SYSTEM := sh scripts/system-packages.sh ensure
export NO_MKDOCS_2_WARNING := 1

.PHONY: all env validate check lint docs dist serve test fuzz bench clean

all: validate docs dist

env: $(ON_PATH)

# The environment is rebuilt whenever the lock changes.
$(ENV): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.lock
	touch $@

# The project's own modules (validate, annotate, release) importable by the environment's Python from any
# folder, as an editable install would make them, without building a distribution of a data project.
# A target of its own, so that an environment made before it gains it without being made again.
$(ON_PATH): $(ENV)
	$(BIN)/python -c "import os, pathlib, site; pathlib.Path(site.getsitepackages()[0], 'news_article_annotations.pth').write_text(os.getcwd() + chr(10))"
	touch $@

validate: $(ON_PATH)
	$(BIN)/frictionless validate datapackage.json
	$(BIN)/python -m validate datapackage.json

# The edit loop: the project validator alone, every rule, no docs and no tests.
check: $(ON_PATH)
	$(BIN)/python -m validate datapackage.json

lint: $(ON_PATH)
	$(BIN)/ruff check .
	$(BIN)/mypy

docs: $(ON_PATH)
	$(SYSTEM) graphviz
	$(BIN)/python docs/generate.py
	$(BIN)/mkdocs build --strict --quiet

dist: $(ON_PATH)
	$(BIN)/python -m release

serve: docs
	$(BIN)/python -m http.server --directory site 8000

# Lint, then the type check alongside every test on both cores (it would otherwise add its 20 s in front).
test: $(ON_PATH)
	$(SYSTEM) chromium graphviz r-base-core r-cran-readr
	$(BIN)/ruff check .
	$(BIN)/mypy > .mypy.out 2>&1 & mypy=$$!; \
	$(BIN)/python -m pytest -n 2 --dist worksteal; tests=$$?; \
	wait $$mypy; typed=$$?; cat .mypy.out; rm -f .mypy.out; \
	exit $$(( tests || typed ))

fuzz: $(ON_PATH)
	FUZZ_EXAMPLES=5000 $(BIN)/python -m pytest tests/integration/test_fuzz.py -p no:cacheprovider

bench: $(ON_PATH)
	$(BIN)/python -m benchmarks.run --articles $(ARTICLES) $(BENCH_FLAGS)

clean:
	rm -rf site dist build .pytest_cache .hypothesis .mypy_cache
