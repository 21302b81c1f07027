# The two commands README.md gives, plus a few for developers.
# Every target bootstraps first, so each works on a fresh machine.
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: setup demo test test-package deb bench lint

setup:
	@bash .ci/bootstrap

demo: setup
	$(VENV)/bin/acuerdo demo

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest
	@if [ "$$(id -u)" = 0 ]; then $(MAKE) --no-print-directory test-package; \
	else echo "make test: the .deb install test needs root; run: sudo make test-package"; fi

# Builds the .deb, installs it with dpkg, runs the installed self-test, removes it.
test-package: setup
	$(PY) -m pytest -m package tests/integration/installer

deb: setup
	bash installer/build_deb.sh

bench: setup
	$(PY) -m tests.bench

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy --strict scripts_engine sync/protocol
