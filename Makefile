# pilot_eval: every target installs what it needs first. `make help` lists them.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA_DIR ?= data
REPORTS_DIR ?= reports

.PHONY: help install report test test-fast lab sample ingest kpis bench lint format strip clean browser model classifier-eval

help: ## show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (pilot_eval)" >/dev/null
	touch $(STAMP)

install: $(STAMP) ## create .venv and install pilot_eval with its dependencies
	@# bytecode for the package: an editable install writes none, and with
	@# PYTHONDONTWRITEBYTECODE set every command would compile it again (issue 8)
	@$(BIN)/python -m compileall -q pilot_eval >/dev/null

report: install ## produce the assessment report (on the bundled sample when data/ is empty)
	$(BIN)/pilot-eval report --data-dir $(DATA_DIR) --reports-dir $(REPORTS_DIR)

browser: ## install Debian's Chromium for the browser test, when missing
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing chromium (Debian package) for the browser test"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null) \
	  || echo "warning: could not install chromium; the browser test will be skipped"; }

test: install browser ## install everything and run the whole test suite
	$(BIN)/python -m pytest

test-fast: install ## run the tests that are neither slow, notebooks nor browser
	$(BIN)/python -m pytest -m "not slow and not notebooks and not browser"

lab: install ## open JupyterLab on notebooks/ with pilot_eval importable
	$(BIN)/jupyter lab --notebook-dir=notebooks

sample: install ## write the simulated sample into data/raw/sample/
	$(BIN)/pilot-eval sample --data-dir $(DATA_DIR)

ingest: install ## ingest data/raw into data/processed
	$(BIN)/pilot-eval ingest --data-dir $(DATA_DIR)

kpis: install ## print the KPIs of the default period
	$(BIN)/pilot-eval kpis --data-dir $(DATA_DIR)

bench: install ## measure ingest, kpis and report speed and memory; writes bench/RESULTS.md
	$(BIN)/python bench/run.py

model: install ## train the content classifier on its corpus (pilot_eval/classify/model.joblib)
	$(BIN)/python -m pilot_eval.classify model

classifier-eval: install ## cross-validate the classifier; writes pilot_eval/classify/EVALUATION.md
	$(BIN)/python -m pilot_eval.classify evaluate

lint: install ## ruff check and format check (notebooks included)
	$(BIN)/ruff check pilot_eval tests bench notebooks
	$(BIN)/ruff format --check pilot_eval tests bench notebooks

format: install ## ruff fix and format
	$(BIN)/ruff check --fix pilot_eval tests bench notebooks
	$(BIN)/ruff format pilot_eval tests bench notebooks

strip: install ## strip outputs from the committed notebooks
	$(BIN)/nbstripout --keep-id notebooks/*.ipynb

clean: ## remove generated data, reports and caches (keeps .venv)
	rm -rf $(DATA_DIR)/processed/* $(DATA_DIR)/raw/sample $(REPORTS_DIR)/*/ .pytest_cache
