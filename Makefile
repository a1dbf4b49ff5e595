# Two entry points: `make demo` (the instructor flow end to end) and `make test`.
# Both build .venv from plain python3 on first use and reinstall when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint sandbox browser postgres release bench clean

# The install says what it is doing: three numbered steps, then one line per package pip
# collects (scripts/install_progress.py; pip's full output goes to $(VENV)/install.log).
DEPENDENCIES = $(BIN)/python -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
	print(len(p["dependencies"]), "dependencies and", len(p["optional-dependencies"]["dev"]), "dev tools")'

$(STAMP): pyproject.toml setup.py
	@if [ -x $(BIN)/python ]; then echo "[1/3] reusing $(VENV)"; \
	else echo "[1/3] creating $(VENV) with $$($(PYTHON) --version)"; $(PYTHON) -m venv $(VENV) || exit 1; fi
	@echo "[2/3] upgrading pip"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@echo "[3/3] installing dlcourse (editable) with its $$($(DEPENDENCIES)) and what they need"
	@echo "      (about 130 packages, 2 minutes on a fresh machine, more on a busy one)"
	@{ $(BIN)/python -m pip install --disable-pip-version-check -e '.[dev]' 2>&1; \
	   echo $$? > $(VENV)/.install-rc; } | $(PYTHON) scripts/install_progress.py $(VENV)/install.log; \
	rc=$$(cat $(VENV)/.install-rc); rm -f $(VENV)/.install-rc; \
	if [ "$$rc" != 0 ]; then tail -n 30 $(VENV)/install.log; \
	echo "pip failed (exit $$rc): the last lines are above, everything in $(VENV)/install.log"; exit $$rc; fi
	@touch $(STAMP)
	@echo "ready: $(BIN)/dlcourse"

# bubblewrap gives the grading worker its sandbox. Install it where we can (root with apt);
# elsewhere the grader falls back to rlimits and says so in every report.
sandbox:
	@if command -v bwrap >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing bubblewrap for the grading sandbox"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap) >/dev/null 2>&1 \
		|| echo "warning: could not install bubblewrap; grading will use the rlimits-only fallback"; \
	else echo "note: bwrap not found; grading will use the rlimits-only fallback"; fi

# Debian's PostgreSQL runs tests/robustness/test_postgres.py (a throw-away server per run, as
# an unprivileged user). Installed where we can (root with apt); elsewhere that test fails and
# says so. Only the binaries are used, never a cluster the package may set up.
postgres:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing postgresql for the gradebook tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null 2>&1 \
		|| echo "warning: could not install postgresql; tests/robustness/test_postgres.py will fail"; \
	else echo "note: PostgreSQL not found; tests/robustness/test_postgres.py will fail (apt-get install postgresql)"; fi

# Debian's chromium runs tests/security/test_browser.py (Playwright drives it; no browser
# download). Installed where we can (root with apt); elsewhere that test fails and says so.
browser:
	@if [ -x /usr/lib/chromium/chromium ] || command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing chromium for the browser test"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
		|| echo "warning: could not install chromium; tests/security/test_browser.py will fail"; \
	else echo "note: chromium not found; tests/security/test_browser.py will fail (apt-get install chromium)"; fi

lint: $(STAMP)
	$(BIN)/ruff check .

# Two pytest workers, each taking whole test files (--dist loadfile keeps a file's shared
# fixtures in one process). Most tests wait on a grading worker or a kernel, so one pytest
# process left a core idle; TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= 2

test: $(STAMP) sandbox browser postgres lint
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

demo: $(STAMP) sandbox
	$(BIN)/python -m autograder.demo

release: $(STAMP)
	$(BIN)/dlcourse release

bench: $(STAMP)
	$(BIN)/python scripts/bench_dlutils.py

clean:
	rm -rf $(VENV) .student-venv .student-venv.lock test-artifacts submitted autograded feedback gradebook.db exports .dlcourse
