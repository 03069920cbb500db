# gongkai — two commands on a fresh machine: `make demo` runs the product, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint format bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/gongkai demo

test: $(STAMP)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Each benchmark prints its numbers beside a baseline measured in the same run and exits 1 when it misses a target;
# the leading "-" lets the others run anyway. The portal benchmark needs wrk and nginx (apt-get install wrk nginx).
bench: $(STAMP)
	-$(BIN)/python benchmarks/bench_report.py
	-$(BIN)/python benchmarks/bench_workdays.py
	-$(BIN)/python benchmarks/bench_applications.py
	-$(BIN)/python benchmarks/bench_check.py
	-$(BIN)/python benchmarks/bench_corpus.py
	-$(BIN)/python benchmarks/bench_reporting.py
	-$(BIN)/python benchmarks/bench_portal.py

clean:
	rm -rf $(VENV) out build *.egg-info
