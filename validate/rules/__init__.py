"""One module per family of rules. Each exposes ``check(...) -> list[Problem]``."""
