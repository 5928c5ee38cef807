# designations: one command per job. `make test` is what CI (.ci/run) runs.
#
#   make test   venv + install, lint (ruff, import contracts), pytest on SQLite and on PostgreSQL, mypy, docs
#   make demo   venv + install, then the demo question
#   make bench  run every benchmark in benchmarks/

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: test lint test-sqlite test-postgresql typecheck docs demo bench install clean

install: $(STAMP)

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when pyproject.toml changes. pip >= 25.1 understands --group.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade "pip>=25.1"
	$(PY) -m pip install --quiet -e . --group test
	touch $(STAMP)

test: $(STAMP)
	@status=0; \
	$(MAKE) --no-print-directory lint || status=1; \
	$(MAKE) --no-print-directory test-sqlite || status=1; \
	$(MAKE) --no-print-directory test-postgresql || status=1; \
	$(MAKE) --no-print-directory typecheck || status=1; \
	$(MAKE) --no-print-directory docs || status=1; \
	if [ $$status -ne 0 ]; then echo "make test: FAILED (see above)"; fi; \
	exit $$status

test-sqlite: $(STAMP)
	DESIGNATIONS_TEST_ENGINE=sqlite $(PY) -m pytest -p no:cacheprovider

test-postgresql: $(STAMP)
	DESIGNATIONS_TEST_ENGINE=postgresql $(PY) -m pytest -p no:cacheprovider

# ruff with the pinned version and the project's rules; import-linter checks the layer contracts in pyproject.toml
lint: $(STAMP)
	$(VENV)/bin/ruff check designations tests benchmarks seeds/tools
	$(VENV)/bin/lint-imports

typecheck: $(STAMP)
	$(VENV)/bin/mypy designations tests/typing/api.py

docs: $(STAMP)
	@if [ -f mkdocs.yml ]; then NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --site-dir site; \
	else echo "docs: no mkdocs.yml, skipped"; fi

demo: $(STAMP)
	$(VENV)/bin/designations demo

bench: $(STAMP)
	@set -e; for f in benchmarks/bench_*.py; do \
	  case $$f in \
	    *bench_scale.py) for e in sqlite postgresql; do echo "== $$f --engine $$e"; $(PY) $$f --engine $$e; done;; \
	    *) echo "== $$f"; $(PY) $$f;; \
	  esac; \
	done

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .hypothesis
