"""linkedin-ssi: LinkedIn data exports into DuckDB, related to the Social Selling Index.

The only name this distribution installs. Its layers live in the checkout's top-level folders and are mapped under
this namespace by `[tool.setuptools.package-dir]` in pyproject.toml, one way, each importing only those before it:

    linkedin_ssi.infra       settings, the home's lock, fault points, atomic writes (every layer may use it)
    linkedin_ssi.ingest      reading: archives and SSI files -> typed rows, the lake writer and its contracts
    linkedin_ssi.models      modelling: lake -> warehouse (staging, intermediate, marts), statistics
    linkedin_ssi.presenting  presenting: report, Parquet exports, catalogue (reads marts only)
    linkedin_ssi.flows       running: CLI, Prefect flow, inbox watching, serve

`linkedin_ssi.sql` (the SQL models) and `linkedin_ssi.sample_data` (the bundled sample export and SSI history) are
package data, read through `linkedin_ssi.infra.resources`. `linkedin_ssi.synthetic` writes LinkedIn-format files
(synthetic teams, the sample export) and is used by the tests and benchmarks, never by the pipeline itself.

tests/test_layers.py holds the import rules with import-linter (the contracts are `[tool.importlinter]` in
pyproject.toml); tests/test_sql_layers.py holds the SQL models to the same one-way rule.
"""
