# sat: the structured analytic techniques workbook.
#   make report   set up .venv if needed, render every case in data/cases/ to reports/<case-id>/brief.html
#                 (and brief.pdf when Chromium is installed), with reports/index.html
#   make test     set up .venv if needed, run the whole suite (pytest, doctests, nbval over notebooks/)
#                 on every core (make test WORKERS=0: in one process)
#   make lock     refresh uv.lock after editing dependencies in pyproject.toml (make upgrade [PACKAGE=x])
#   make docs     the reference site (docs/ and the API from the docstrings) in site/, offline
#   make bench    the benchmarks at full size (benchmarks/RESULTS.md records the latest)
#   make lab      JupyterLab on the project (the workbook: notebooks/workbook.ipynb; make lab CASE=path
#                 opens the workbook on that case)
#   make app      the reader's app (Voila, 127.0.0.1:8866, offline): question, judgement, coloured matrix
#                 (make app CASE=path/to/case.yaml; HYPOTHESES_AS_ROWS=1 transposes the matrix;
#                 make app EDIT=1 serves the editable workbook instead)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.sat-installed
CASES := $(wildcard data/cases/*.yaml)

.PHONY: setup lock upgrade report test bench docs lint format schema lab app clean help

help:
	@sed -n 's/^#   //p' Makefile

setup: $(STAMP)

# The lock (uv.lock) pins every dependency, direct and transitive; setup installs exactly that set
# with uv (itself at the version the lock pins), and again whenever pyproject.toml or the lock changes.
UV := $(VENV)/bin/uv
UV_VERSION := $(shell sed -n '/^name = "uv"$$/{n;s/^version = "\(.*\)"$$/\1/p;}' uv.lock)
export UV_PROJECT_ENVIRONMENT := $(VENV)

$(STAMP): pyproject.toml uv.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "sat needs Python >= 3.11; set PYTHON=python3.11 or newer")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@test "$$($(UV) --version 2>/dev/null)" = "uv $(UV_VERSION)" \
	  || $(PY) -m pip install -q --disable-pip-version-check "uv==$(UV_VERSION)"
	@$(UV) sync -q --frozen --extra dev --extra lab --python $(PY)
	@touch $(STAMP)
	@echo "environment ready: $(VENV) (the versions uv.lock pins)"

# Refresh uv.lock after editing the dependencies in pyproject.toml (pins that still fit are kept);
# make upgrade takes the newest versions allowed, make upgrade PACKAGE=pandas only that one.
lock:
	@test -x $(UV) || $(MAKE) --no-print-directory setup
	$(UV) lock

upgrade:
	@test -x $(UV) || $(MAKE) --no-print-directory setup
	$(UV) lock $(if $(PACKAGE),--upgrade-package $(PACKAGE),--upgrade)

# PDFs too when a Chromium is installed (Debian: apt-get install chromium).
CHROMIUM := $(or $(SAT_CHROMIUM),$(shell command -v chromium || command -v chromium-browser || command -v google-chrome))

report: setup
	$(VENV)/bin/sat batch $(CASES) -o reports $(if $(CHROMIUM),--pdf,) --register data/register.csv

# The suite runs on every core (pytest-xdist; a test file stays on one worker, so its module
# fixtures are built once), then the real-browser tests alone, as a user's machine would run
# them (a browser driven while the other cores are busy misses widget updates): make test
# WORKERS=0 runs everything in one process.
WORKERS ?= auto
test: setup
ifeq ($(WORKERS),0)
	$(PY) -m pytest -q -p no:xdist
else
	$(PY) -m pytest -q -n $(WORKERS) --dist loadfile --ignore=tests/browser
	$(PY) -m pytest -q -p no:xdist tests/browser
endif

# The reference site: docs/*.md and the API generated from the docstrings (mkdocs.yml).
docs: setup
	$(VENV)/bin/mkdocs build --strict
	@echo "open site/index.html"

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
# No news pop-up or update check; sat's own notebooks are saved without outputs (sat.lab).
lab: setup
	$(if $(CASE),SAT_CASE=$(abspath $(CASE)),) $(VENV)/bin/jupyter lab --no-browser --ip=127.0.0.1 --ServerApp.root_dir=. \
	  --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
	  --FileContentsManager.pre_save_hook=sat.lab.strip_outputs notebooks/workbook.ipynb

# The reader's app (Voila on 127.0.0.1): sat's template serves every file itself (no CDN), and a
# preheated kernel has the page rendered before the first reader arrives. EDIT=1: the workbook.
PORT ?= 8866
CASE ?= data/cases/china-japan-dual-use-2026.yaml
app: setup
	JUPYTER_PATH=$(CURDIR)/sat/share/jupyter SAT_EDIT=$(if $(EDIT),1,0) SAT_CASE=$(abspath $(CASE)) \
	  SAT_HYPOTHESES_AS_ROWS=$(if $(HYPOTHESES_AS_ROWS),1,0) \
	  $(VENV)/bin/voila $(if $(EDIT),notebooks/workbook.ipynb,notebooks/app.ipynb) --no-browser \
	  --template=sat --preheat_kernel=True --Voila.ip=127.0.0.1 --port=$(PORT) \
	  --VoilaConfiguration.file_allowlist="[]"

clean:
	rm -rf reports site .pytest_cache .ruff_cache
