# The armsgraph API image; docker-compose.yml pairs it with the official Neo4j image.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
COPY . .
# Runtime deps only (pinned in pyproject.toml); no Java/Maven: Neo4j runs in its own container.
RUN pip install . && useradd --create-home --uid 10001 armsgraph

USER armsgraph
WORKDIR /home/armsgraph
EXPOSE 8000
CMD ["armsgraph", "serve", "--store", "neo4j", "--host", "0.0.0.0"]
