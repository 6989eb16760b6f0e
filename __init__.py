"""armsgraph: a sourced knowledge graph of arms transfers.

The repository root is the ``armsgraph`` package; each top-level folder
(``core``, ``loaders``, ``graph``, ``ontology``, ``api``) is one of its
subpackages, so every import reads ``armsgraph.<folder>.<module>``.
"""

__version__ = "0.1.0"
