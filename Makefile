# Two commands do everything on a fresh machine with python3 and make:
#   make run    create .venv, install, run the main job on the bundled sample export
#   make test   create .venv, install, lint, run the tests
# and, for development:
#   make lint       ruff (lint and format check), mypy, import-linter contracts (when pyproject defines them)
#   make lint-fix   format and fix what ruff can (scripts/lint_fix.py), and list what needs a person
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

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

# mypy reads the package as installed (linkedin_ssi.<layer>), which only the package tree lays out on disk.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python scripts/mypy_tree.py
	@if grep -q '^\[tool\.importlinter\]' pyproject.toml; then \
	  echo "PYTHONPATH=build/package_tree $(BIN)/lint-imports"; PYTHONPATH=build/package_tree $(BIN)/lint-imports; \
	fi

lint-fix: $(STAMP)
	$(BIN)/python scripts/lint_fix.py

test: lint
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV)
