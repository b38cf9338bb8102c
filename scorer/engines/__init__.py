"""Engines that score rows tables (the rows contract of `zhibiao parse`, CSV or Parquet) in flat memory.

- `scorer.engines.bulk`: a stream of document-complete chunks over a process pool, on one machine;
- `scorer.engines.dask_engine`: the same two passes as Dask graphs (extra `.[dask]`).

Both read the tables through `scorer.ingest.tables` (which files are tables, their header and columns by the
one header vocabulary, their units as documents, rows as frames of whole documents: `read_batches`,
`grouped_batches` when a document's rows are scattered), a reader like the others.

Their public interface, which the Dask engine, the command line and the benchmarks use (no private name is
imported across): `score_frame` (the pure per-partition function), `is_rows_table`, `table_columns` /
`read_batches` (of scorer.ingest.tables), `key_units` / `templates_only` (pass 1), `BulkOptions`, `BulkReport`, `BulkAborted`,
`RowsSink`, `ProjectSpool`, `csv_bytes`, `typed_rows`, `projects_from_rows`, `readable_tables`, `warm_up`,
`stopped_by_signals`.
"""
