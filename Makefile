# The two commands a newcomer needs: `make demo` and `make test`. Both create .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install demo test model clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("wirewatch needs Python >= 3.11") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

demo: install
	$(BIN)/wirewatch demo

test: install
	$(BIN)/pytest

clean:
	rm -rf $(VENV) build *.egg-info wirewatch.db wirewatch.db-shm wirewatch.db-wal
