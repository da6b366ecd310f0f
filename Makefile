# Two commands do everything on a fresh machine with python3 and make:
#   make run    create .venv, install, run the main job on the bundled sample export
#   make test   create .venv, install, lint, run the tests
# and, for development:
#   make lint       ruff (lint and format check), mypy, import-linter contracts (when pyproject defines them)
#   make lint-fix   format and fix what ruff can (scripts/lint_fix.py), and list what needs a person
#   make test AGAINST=wheel   lint and test the package as a user has it: a wheel built from the checkout, installed
#                   into a new virtual environment outside it, the tests run from a copy of tests/ (what CI runs;
#                   scripts/test_wheel.py; needs no .venv)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
AGAINST ?= checkout

.PHONY: run test lint lint-fix clean

# pip's own progress (each package and download) on a terminal; quiet in logs (CI, pipes).
$(STAMP): pyproject.toml constraints.txt
	@echo "setting up $(VENV): installing linkedin-ssi and its dependencies (Prefect, polars, DuckDB, pyarrow, ...);"
	@echo "this usually takes 2 to 3 minutes the first time, and is skipped afterwards"
	$(PYTHON) -m venv $(VENV)
	@if [ -t 1 ]; then quiet=; else quiet=--quiet; fi; \
	  echo "$(BIN)/pip install $$quiet --disable-pip-version-check -c constraints.txt -e '.[test]'"; \
	  $(BIN)/pip install $$quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)
	@echo "installed: $(BIN)/linkedin-ssi"

run: $(STAMP)
	$(BIN)/linkedin-ssi run

# mypy and import-linter read the package as installed (linkedin_ssi.<layer>), which only the package tree lays out
# on disk (scripts/mypy_tree.py writes it); lint-imports runs inside it, since it puts its working folder first on
# sys.path and the checkout's linkedin_ssi/ folder holds no layers.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python scripts/mypy_tree.py
	@if grep -q '^\[tool\.importlinter\]' pyproject.toml; then \
	  echo "cd build/package_tree && $(abspath $(BIN))/lint-imports --no-logo ../../pyproject.toml"; \
	  cd build/package_tree && PYTHONPATH=. $(abspath $(BIN))/lint-imports --no-logo ../../pyproject.toml; \
	fi

lint-fix: $(STAMP)
	$(BIN)/python scripts/lint_fix.py

ifeq ($(AGAINST),wheel)
# The new environment has the tools too: scripts/test_wheel.py runs `make lint VENV=<it>` after installing.
test:
	$(PYTHON) scripts/test_wheel.py
else
test: lint
	$(BIN)/python -m pytest -q
endif

clean:
	rm -rf $(VENV)
