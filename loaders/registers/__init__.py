"""Importers for the registers analysts already have (SIPRI, UN Register, their own tables).

- ``rows``: CSV (or any) rows read lazily, each with file, line and column; ``RowError``.
- ``importer``: ``RegisterFormat``, the interface a layout implements (open, source,
  row_claims), and ``import_register``, which turns a file into one versioned source through
  the one ingestion path, all or nothing unless bad rows are skipped.
- one module per layout (``sipri``, ...). A new layout is a ``RegisterFormat`` subclass and,
  for the command line, one ``@import_command`` function in ``api/cli_import.py``.

A claim from a register has ``quote_kind`` ``record`` and a ``RegisterRecord``
(``core/model_records.py``): the row itself, with file and line, is the evidence.
"""
