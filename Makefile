# Two entry points that work on a fresh machine with Python 3.11 and make:
#   make run   — set up .venv, build output/graph.ttl from seeds/ and draw output/graph.html
#   make test  — set up .venv and run the test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup clean bench screenshot

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip uninstall --quiet --yes kg 2>/dev/null || true  # this project's old distribution name (now kg-news)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/kg build seeds --output output/graph.ttl
	$(BIN)/kg viz --graph output/graph.ttl --output output/graph.html

test: $(STAMP)
	$(BIN)/python -m pytest -q

# The README's picture: the seeds' page as headless Chromium shows it once the layout has settled.
SCREENSHOT ?= docs/viz.png
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser)
screenshot: run
	$(CHROMIUM) --headless --no-sandbox --hide-scrollbars --window-size=1280,800 --virtual-time-budget=8000 \
		--screenshot=$(abspath $(SCREENSHOT)) file://$(abspath output/graph.html)

# Benchmarks (bench/README.md): figures appended to bench/RESULTS.md; about 2 hours at the defaults here.
BENCH_ARTICLES ?= 2000
bench: $(STAMP)
	$(BIN)/python bench/build.py --articles $(BENCH_ARTICLES)
	$(BIN)/python bench/incremental.py --articles $(BENCH_ARTICLES)
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/big.py
	$(BIN)/python bench/explorer.py
	$(BIN)/python bench/bulkload.py

clean:
	rm -rf $(VENV) output/*.ttl output/*.html
