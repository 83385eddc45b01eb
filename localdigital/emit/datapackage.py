"""The whole open-data catalogue as a Frictionless Data Package (data/datapackage.json): one
tabular resource per CSV, with a Table Schema naming its columns, the licence and the sources,
so standard tools (frictionless, CKAN, spreadsheets' importers) can read it."""

from __future__ import annotations

import csv
import io
import json

from .markup import LICENCE, LICENCE_URL, Output

SOURCES = [
    {"title": "Local Digital contributors (content files of this site)"},
    {"title": "UK Local Authority Names and Codes, mySociety, CC BY 4.0",
     "path": "https://github.com/mysociety/uk_local_authority_names_and_codes"},
    {"title": "digital-land organisation dataset and the GOV.UK government-organisation register, OGL v3.0"},
    {"title": "GOV.UK local services list (alphagov/publisher), MIT, Crown copyright"},
    {"title": "Service Standard (GDS, MIT / Crown copyright) and Technology Code of Practice (GDS, OGL v3.0): "
              "the point numbers the self-assessment criteria refer to"},
]


def _header(data: bytes) -> list[str]:
    reader = csv.reader(io.StringIO(data.decode("utf-8")))
    return next(reader, [])


def datapackage(out: Output, titles: dict[str, str]) -> bytes:
    """A descriptor for every data/*.csv in out; titles maps a CSV's path to its title."""
    resources = []
    for path in sorted(p for p in out if p.startswith("data/") and p.endswith(".csv") and p.count("/") == 1):
        data = out[path]
        if not isinstance(data, bytes):
            continue
        name = path.removeprefix("data/").removesuffix(".csv")
        fields = [{"name": column, "type": "string"} for column in _header(data)]
        resources.append({
            "name": name, "path": f"{name}.csv", "title": titles.get(path, name.replace("-", " ").capitalize()),
            "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "dialect": {"delimiter": ",", "quoteChar": "\"", "doubleQuote": True, "header": True},
            "schema": {"fields": fields},
        })
    descriptor = {
        "profile": "tabular-data-package",
        "name": "local-digital",
        "title": "Local Digital open data",
        "description": "Signatories of the Local Digital Declaration and what they share: case studies, procurement briefs, "
                       "patterns, projects, council self-assessments and the criteria they rate. Every cell is text; "
                       "a cell that a spreadsheet would read as a formula starts with an apostrophe.",
        "licenses": [{"name": "OGL-UK-3.0", "path": LICENCE_URL, "title": LICENCE}],
        "sources": SOURCES,
        "resources": resources,
    }
    return json.dumps(descriptor, indent=1, ensure_ascii=False).encode("utf-8")
