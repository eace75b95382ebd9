# Everything a newcomer needs: `make play` and `make test` create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: play test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/casus play $(SCENARIO)

test: $(STAMP)
	$(BIN)/python -m mypy
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m pytest -n auto

bench: $(STAMP)
	$(BIN)/python bench/adjudicate.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .mypy_cache
