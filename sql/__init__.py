"""The SQL models, shipped as package data (linkedin_ssi.sql); read by linkedin_ssi.models.sql_runner."""
