"""One module per family of rules; importing this package registers every rule and check.

Where a new rule goes: into the module of its family, or a new module in this folder,
declared with `declare` and found by a function registered with `check` (see
validate/registry.py and CONTRIBUTING.md, "How to add a rule"). Every module here is
imported, so a new one needs no entry anywhere else.
"""
import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
