"""Benchmarks: a generator of synthetic packages of N articles (generate_corpus) and the benchmark that times the validator,
Frictionless and a plain polars read on them (run). See benchmarks/README.md."""
