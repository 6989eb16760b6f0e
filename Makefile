# A thin index of the project's commands; each target sets up what it needs.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup serve test lint typecheck neo4j-start neo4j-stop bench clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)  ## create .venv with the pinned dependencies

serve: setup  ## the main job: load the bundled data into the embedded store and serve the API
	$(BIN)/armsgraph serve

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup  ## mypy sees the repository root as the `armsgraph` package through a link
	mkdir -p build/typecheck && ln -sfn ../.. build/typecheck/armsgraph
	$(BIN)/mypy -p armsgraph

neo4j-start: setup
	$(BIN)/armsgraph neo4j start

neo4j-stop: setup
	$(BIN)/armsgraph neo4j stop

compose-check:  ## validate docker-compose.yml where a compose client is installed
	@if command -v docker-compose >/dev/null; then \
	  NEO4J_PASSWORD=check docker-compose -f docker-compose.yml config -q && echo "docker-compose.yml: valid"; \
	else echo "docker-compose not installed: compose file not validated (.ci/run installs it)"; fi

test: setup lint typecheck compose-check neo4j-start  ## everything CI runs
	$(BIN)/armsgraph schema --check
	$(BIN)/python -m armsgraph.ontology.generate_namespace --check
	$(BIN)/python -m armsgraph.ontology.generate_shapes --check
	$(BIN)/armsgraph validate data/
	$(BIN)/pytest

bench: setup neo4j-start
	$(BIN)/python -m bench.run

clean:
	rm -rf build .mypy_cache .ruff_cache .pytest_cache
