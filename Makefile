# Wegwijzer: `make run` starts the bot, `make test` runs every test.
# Everything it needs is installed here, from the project's own files.

VENV      := .venv
PY        := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
TEST_TOOLS := $(VENV)/.test-tools
CHROMIUM  := /usr/bin/chromium
REDIS     := /usr/bin/redis-server
NGINX     := /usr/sbin/nginx
AXE       := node_modules/axe-core/axe.min.js
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
MODEL     := models/wegwijzer.tar.gz
# What the trained model depends on: when any of these changes, `make` retrains.
MODEL_INPUTS := config.yml domain.yml data/rules.yml addons/components.py bot/crisis_model.py \
                $(shell find data/nlu -name '*.yml' 2>/dev/null)
# Debian packages: installed when their program is missing.
define debian_install
	$(SUDO) apt-get update
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $(1)
endef
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3

.PHONY: run run-scaled test check unit validate model screenshots bench reliability eval clean

run: $(INSTALLED) $(MODEL)
	$(PY) -m bot run

# One Rasa process per core behind nginx, sharing conversations and turn locks in Redis
# (Debian's redis-server and nginx, installed here; see docs/deploy.md).
run-scaled: $(INSTALLED) $(MODEL) $(REDIS) $(NGINX)
	$(PY) -m bot run --scaled

test: $(INSTALLED) $(MODEL) $(TEST_TOOLS) $(CHROMIUM) $(AXE) $(REDIS) $(NGINX)
	$(PY) -m bot validate
	$(PY) -m pytest

# The quality gate: ruff (rules in ruff.toml), mypy on bot/ and addons/ (mypy.ini), and the
# data files. CI runs it before the tests.
check: $(TEST_TOOLS)
	$(VENV)/bin/ruff check bot addons actions tools bench tests
	$(VENV)/bin/mypy bot addons
	$(PY) -m bot validate

# The fast tier: the unit tests, no servers, no browser, no trained model needed.
unit: $(TEST_TOOLS)
	$(PY) -m pytest -q tests/unit

# Speed and capacity (docs/bench.md) and accuracy (docs/eval.md), each beside a stock
# `rasa init` assistant made in bench/.stock. Not part of `make test`: they take minutes.
bench: $(INSTALLED) $(MODEL) $(REDIS) $(NGINX)
	$(PY) -m bench.run
	$(PY) -m bench.baseline

# Soak (50 concurrent, 10 minutes) and fuzz (10,000 malformed requests) for both modes
# (docs/reliability.md). About 25 minutes.
reliability: $(INSTALLED) $(MODEL) $(REDIS) $(NGINX)
	$(PY) -m bench.reliability

eval: $(INSTALLED) $(MODEL)
	$(PY) -m bench.eval

screenshots: $(INSTALLED) $(MODEL) $(TEST_TOOLS) $(CHROMIUM)
	$(PY) -m tools.screenshots

validate: $(INSTALLED)
	$(PY) -m bot validate

model: $(MODEL)

$(INSTALLED): requirements.txt
	test -x $(PY) || $$(scripts/python310) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# The browser tests: Playwright's Python API, Debian's Chromium (Playwright never downloads
# a browser here) and axe-core for the accessibility scan.
$(TEST_TOOLS): $(INSTALLED) requirements-test.txt
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@

$(CHROMIUM):
	$(call debian_install,chromium)

$(REDIS):
	$(call debian_install,redis-server)

$(NGINX):
	$(call debian_install,nginx)

$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(MODEL): $(INSTALLED) $(MODEL_INPUTS)
	PYTHONPATH=. $(PY) -m addons.rasa_cli train --fixed-model-name wegwijzer --out models \
	    --config config.yml --domain domain.yml --data data/nlu data/rules.yml
	touch $@

clean:
	rm -rf models results .pytest_cache node_modules bench/.stock bench/.work
