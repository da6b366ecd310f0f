"""How LinkedIn writes the files of a data export, for the generators of invented exports.

One place for what the synthetic team generator (`synthetic/synth.py`) and the bundled sample's generator
(`synthetic/sample_export/`) both write: each file's quoting dialect (`quoting`), the date formats per file and era
(`dates`), the headers and the Connections `Notes:` preamble (`headers`), link and id shapes (`links`), line endings,
trailing newlines and the legacy UTF-16 encoding (`layout`), the folder and ZIP an export arrives as (`archive`),
and the plain SSI CSV that `linkedin-ssi ssi import` reads (`ssi_csv`). The facts come from
`shared/docs/linkedin-export-format.md`.

It never imports the reader (`linkedin_ssi.ingest`): the tests feed what is written here to the reader, so the
writer must state the format independently, or a reader's mistake would be copied into its own test data.
"""
