"""Builds the data dictionary site's Markdown from datapackage.json, schemas/ and data/."""
