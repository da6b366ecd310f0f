"""The bundled sample export and SSI history, shipped as package data (linkedin_ssi.sample_data).

The rest of data/ is the default home and is never packaged.
"""
