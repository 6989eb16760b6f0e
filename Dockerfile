# The armsgraph API image; docker-compose.yml pairs it with the official Neo4j image.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
# The repository root is the package: copy its parts by name so that local state
# (.venv/, .armsgraph/ with Neo4j jars and data) never ends up in the image.
COPY pyproject.toml README.md __init__.py ./
COPY core/ core/
COPY graph/ graph/
COPY ontology/ ontology/
COPY loaders/ loaders/
COPY api/ api/
COPY data/ data/
# Runtime deps only (pinned in pyproject.toml); no Java/Maven: Neo4j runs in its own container.
RUN pip install . && useradd --create-home --uid 10001 armsgraph

USER armsgraph
WORKDIR /home/armsgraph
EXPOSE 8000
CMD ["armsgraph", "serve", "--store", "neo4j", "--host", "0.0.0.0"]
