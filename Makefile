# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_OUT ?= demo-out

.PHONY: install demo test test-fast lint bench clean

$(BIN)/dateline: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev,dask,bench]"
	touch $(BIN)/dateline

install: $(BIN)/dateline

demo: install
	$(BIN)/dateline build examples/demo-corpus --meta examples/demo-corpus/meta.csv --out $(DEMO_OUT)
	@echo
	@echo "Outputs are in $(DEMO_OUT)/: story.json, timeline.md, timeline.html (open it in a browser), dateline.sqlite"
	@echo "Serve them with:  $(BIN)/dateline serve $(DEMO_OUT)    (then open http://127.0.0.1:8000)"

test: install
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not gold and not slow and not browser and not dask"

lint: install
	$(BIN)/ruff check dateline tests bench
	$(BIN)/mypy dateline

bench: install
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) $(DEMO_OUT) .pytest_cache
