#!/usr/bin/env python3
"""Validate SARIF logs against tests/schemas/sarif-schema-2.1.0.json.

usage: validate-sarif.py FILE...
Exit 0 when every file is valid, 1 when one is not (each error printed
with its path in the document), 77 when the jsonschema module is missing.
"""
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    print("validate-sarif.py: no python3-jsonschema", file=sys.stderr)
    sys.exit(77)

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "sarif-schema-2.1.0.json"), encoding="utf-8") as f:
    schema = json.load(f)
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
checker = getattr(cls, "FORMAT_CHECKER", None) or jsonschema.FormatChecker()
validator = cls(schema, format_checker=checker)

bad = 0
for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as f:
        doc = json.load(f)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    for e in errors[:20]:
        where = "/".join(str(p) for p in e.path)
        print(f"{name}: /{where}: {e.message[:300]}")
    if errors:
        bad = 1
sys.exit(bad)
