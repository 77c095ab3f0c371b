# Two entry points: `make demo` runs the main job, `make test` runs the whole suite.
# Each creates .venv and installs what it needs, including the Debian libraries WeasyPrint uses.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test system-deps bench clean

$(STAMP): pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

system-deps:
	@sh scripts/system-deps.sh

demo: $(STAMP) system-deps
	@sh scripts/demo.sh $(VENV)

test: $(STAMP) system-deps
	$(PY) -m pytest -q -n 2

bench: $(STAMP) system-deps
	$(PY) benchmarks/bench_matrix.py
	$(PY) benchmarks/bench_report.py

clean:
	rm -rf $(VENV) out build dist
