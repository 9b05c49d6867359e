# The two commands a newcomer needs: `make demo` and `make test`. Both create .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install demo test browser model clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("wirewatch needs Python >= 3.11") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@# An editable install leaves the package uncompiled; with PYTHONDONTWRITEBYTECODE set every
	@# command would recompile what it imports (about 0.1 s of each CLI start).
	$(BIN)/python -m compileall -q wirewatch
	@touch $@

demo: install
	$(BIN)/wirewatch demo

# Test files are spread over TEST_WORKERS processes (pytest-xdist; one file stays in one process,
# so its module fixtures hold). TEST_WORKERS=0 runs everything in this process.
TEST_WORKERS ?= 2

test: install browser
	$(BIN)/pytest $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadfile)

# The browser tests drive Debian's chromium (never a downloaded browser build); without it, or
# without the rights to install it, they skip and say why.
browser:
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ; } || \
	  echo "chromium is not installed: the browser tests will be skipped"

# Retrain the shipped spaCy pipeline from ../shared/datasets (CPU, about an hour; see docs/model.md).
model: install
	OMP_NUM_THREADS=1 $(BIN)/python training/train.py

clean:
	rm -rf $(VENV) build *.egg-info wirewatch.db wirewatch.db-shm wirewatch.db-wal
