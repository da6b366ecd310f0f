# Two commands do everything on a fresh machine with python3 and make:
#   make run    create .venv, install, run the main job on the bundled sample export
#   make test   create .venv, install, run the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test clean

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

test: $(STAMP)
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV)
