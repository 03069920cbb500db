# gongkai — two commands on a fresh machine: `make demo` runs the product, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint format bench bench-province clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/gongkai demo

# The browser tests need Debian's Chromium (or GONGKAI_CHROMIUM) and a CJK font; without them they are skipped, and
# this says so before the run rather than leaving a line of "s" to explain itself.
CHROMIUM ?= $(or $(GONGKAI_CHROMIUM),/usr/bin/chromium)

test: $(STAMP)
	@test -x "$(CHROMIUM)" || echo "注意：未找到 Chromium（$(CHROMIUM)），浏览器测试将跳过。安装：sudo apt-get install chromium chromium-l10n fonts-noto-cjk，或设置 GONGKAI_CHROMIUM=浏览器路径"
	@fc-list :lang=zh 2>/dev/null | grep -q . || echo "注意：未找到中文字体，浏览器截图和 PDF 中的汉字将无法显示。安装：sudo apt-get install fonts-noto-cjk"
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Each benchmark prints its numbers beside a baseline measured in the same run and exits 1 when it misses a target;
# the leading "-" lets the others run anyway. The portal benchmark needs wrk and nginx (apt-get install wrk nginx).
# The reporting and portal benchmarks run on SQLite and on a PostgreSQL started from the machine's binaries
# (apt-get install postgresql; skipped, and said so, without them) and print both side by side.
bench: $(STAMP)
	-$(BIN)/python benchmarks/bench_report.py
	-$(BIN)/python benchmarks/bench_workdays.py
	-$(BIN)/python benchmarks/bench_applications.py
	-$(BIN)/python benchmarks/bench_check.py
	-$(BIN)/python benchmarks/bench_corpus.py
	-$(BIN)/python benchmarks/bench_reporting.py
	-$(BIN)/python benchmarks/bench_portal.py

# Province scale on PostgreSQL (docs/scale.md): 10,000 agencies, 10,000,000 items, 1,000,000 applications. Generating
# takes most of an hour on 2 cores, once (the data is kept in $TMPDIR); not part of `make bench`.
bench-province: $(STAMP)
	nice -n 10 $(BIN)/python benchmarks/bench_province.py

clean:
	rm -rf $(VENV) out build *.egg-info
