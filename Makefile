# A thin index of the project's commands; each target sets up what it needs.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup serve test test-neo4j-auth lint typecheck neo4j-start neo4j-stop bench clean

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
	$(BIN)/armsgraph world --check
	$(BIN)/armsgraph validate data/
	$(BIN)/pytest
	$(MAKE) test-neo4j-auth

# A second local server with authentication on, reached over the neo4j:// routing scheme,
# on a fresh home (the password is set before its first start); the jars are shared.
AUTH_BOLT ?= 7688
AUTH_HTTP ?= 7475
NEO4J_AUTH_ENV = ARMSGRAPH_NEO4J_HOME=$(CURDIR)/.armsgraph/neo4j-auth \
  ARMSGRAPH_NEO4J_LIB=$(CURDIR)/.armsgraph/neo4j/lib \
  ARMSGRAPH_NEO4J_BOLT_PORT=$(AUTH_BOLT) ARMSGRAPH_NEO4J_HTTP_PORT=$(AUTH_HTTP) \
  ARMSGRAPH_NEO4J_URI=neo4j://127.0.0.1:$(AUTH_BOLT) \
  ARMSGRAPH_NEO4J_USER=neo4j ARMSGRAPH_NEO4J_PASSWORD=armsgraph-test-only-password

test-neo4j-auth: setup neo4j-start  ## the Neo4j store suite again, with auth on, over neo4j://
	$(NEO4J_AUTH_ENV) $(BIN)/armsgraph neo4j stop
	rm -rf .armsgraph/neo4j-auth
	$(NEO4J_AUTH_ENV) $(BIN)/armsgraph neo4j start --auth
	$(NEO4J_AUTH_ENV) $(BIN)/pytest -q -m neo4j tests/graph/test_neo4j_load.py \
	  tests/graph/test_neo4j_queries.py tests/graph/test_neo4j_read_only.py tests/graph/test_neo4j_real.py tests/contract \
	  tests/api; status=$$?; $(NEO4J_AUTH_ENV) $(BIN)/armsgraph neo4j stop; exit $$status

bench: setup neo4j-start
	$(BIN)/python -m bench.run

clean:
	rm -rf build .mypy_cache .ruff_cache .pytest_cache
