# sat: the structured analytic techniques workbook.
#   make report   set up .venv if needed, render every case in data/cases/ to reports/<case-id>/brief.html
#                 (and brief.pdf when Chromium is installed), with reports/index.html
#   make test     set up .venv if needed, run the whole suite (pytest, doctests, nbval over notebooks/)
#   make bench    the benchmarks at full size (benchmarks/RESULTS.md records the latest)
#   make lab      JupyterLab on the project (the workbook: notebooks/workbook.ipynb)
#   make app      the workbook as a Voila app on 127.0.0.1:8866, read-only (make app EDIT=1 to edit)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.sat-installed
CASES := $(wildcard data/cases/*.yaml)

.PHONY: setup report test bench lint format schema lab app clean help

help:
	@sed -n 's/^#   //p' Makefile

setup: $(STAMP)

# Re-install only when the dependency list changes; uv is used when it can be installed (much faster).
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "sat needs Python >= 3.11; set PYTHON=python3.11 or newer")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -q --upgrade uv >/dev/null 2>&1 || true
	@if [ -x $(VENV)/bin/uv ]; then \
	  $(VENV)/bin/uv pip install -q --python $(PY) -e '.[dev]'; \
	else \
	  $(PY) -m pip install -q -e '.[dev]'; \
	fi
	@# rfc3987-syntax (optional for jsonschema) builds a grammar at import: ~1.3 s on every
	@# papermill, nbconvert and nbval process. jsonschema skips IRI checks without it.
	@$(PY) -m pip uninstall -q -y rfc3987-syntax >/dev/null 2>&1 || true
	@touch $(STAMP)
	@echo "environment ready: $(VENV)"

# PDFs too when a Chromium is installed (Debian: apt-get install chromium).
CHROMIUM := $(or $(SAT_CHROMIUM),$(shell command -v chromium || command -v chromium-browser || command -v google-chrome))

report: setup
	$(VENV)/bin/sat batch $(CASES) -o reports $(if $(CHROMIUM),--pdf,)

test: setup
	$(PY) -m pytest -q

# Benchmarks at full size, each a ratio against the obvious alternative (see benchmarks/RESULTS.md).
bench: setup
	$(PY) -m benchmarks.run

lint: setup
	$(VENV)/bin/ruff check sat tests benchmarks
	$(VENV)/bin/ruff format --check sat tests benchmarks

format: setup
	$(VENV)/bin/ruff check --fix sat tests benchmarks
	$(VENV)/bin/ruff format sat tests benchmarks

schema: setup
	$(VENV)/bin/sat schema

# JupyterLab on the project, with the environment's kernel (python3 in .venv).
lab: setup
	$(VENV)/bin/jupyter lab --no-browser --ip=127.0.0.1 --ServerApp.root_dir=. notebooks/workbook.ipynb

# The workbook as an app for readers (Voila on 127.0.0.1): read-only unless EDIT=1.
PORT ?= 8866
app: setup
	SAT_EDIT=$(if $(EDIT),1,0) $(VENV)/bin/voila notebooks/workbook.ipynb --no-browser \
	  --Voila.ip=127.0.0.1 --port=$(PORT)

clean:
	rm -rf reports .pytest_cache .ruff_cache
