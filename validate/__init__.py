"""Validator for the news-article annotation data package.

Data flows one way: files -> loaded tables -> rules -> problems -> a report.
Run it as ``python -m validate [PATH]``.
"""
