# Everything a newcomer needs: `make play` and `make test` create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: play test test-pg bench clean

$(STAMP): pyproject.toml
	@echo "Setting up $(VENV) with what the game needs (once; a minute or two, quietly)..."
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/casus play $(SCENARIO)

test: $(STAMP)
	$(BIN)/python -m mypy
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m pytest -n auto

# The host tests again (those marked "host"), every host on a fresh PostgreSQL schema: in the
# server CASUS_TEST_PG names (.ci/run starts one), else in a throwaway cluster the tests make
# with Debian's postgresql package (skipped, saying why, without it).
test-pg: $(STAMP)
	CASUS_TEST_STORE=postgresql SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy \
		$(BIN)/python -m pytest -n auto -m host -rs

bench: $(STAMP)
	$(BIN)/python bench/adjudicate.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .mypy_cache
