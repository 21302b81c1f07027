# The two commands README.md gives, plus a few for developers.
# Every target bootstraps first, so each works on a fresh machine.
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: setup demo test bench lint screenshots

setup:
	@bash .ci/bootstrap

demo: setup
	$(VENV)/bin/acuerdo demo

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

bench: setup
	$(PY) -m tests.bench

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy --strict scripts_engine sync/protocol
