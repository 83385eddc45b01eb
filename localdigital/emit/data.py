"""Open data: every content type as JSON and CSV, and the catalogue page that lists them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..content import CONTENT_TYPES, SIGNATORY
from ..model import Item, SiteModel
from .markup import LICENCE, LICENCE_URL, Output

# Where the fields derived from the registers come from (the site's footer says the same).
ATTRIBUTIONS = ("Council names, codes, types, nations, regions and GSS codes: UK Local Authority Names and Codes, mySociety, CC BY 4.0",
                "Other public bodies: digital-land/organisation-dataset and the GOV.UK government-organisation register, OGL v3.0",
                "Service codes: GOV.UK local services list (alphagov/publisher), MIT, Crown copyright")


def export_record(item: Item) -> dict:
    record = {"id": item.id, "type": item.ctype.name, "url": item.url, "source": item.relpath, **item.data}
    derived: dict[str, object] = {}
    if item.ctype is SIGNATORY:
        record["name"] = item.title
        if item.org:
            body = item.org
            derived.update({"name": body.name, "organisation_type": body.type_name, "nation": body.nation,
                            "region": body.region, "gss_code": body.gss, "register": body.register,
                            "ended": body.end.isoformat() if body.end else None})
    if item.first_published:
        derived["first_published"] = item.first_published.isoformat()
        derived["last_updated"] = item.last_updated.isoformat()
    if derived:
        record["derived"] = derived
    return record


def _csv(rows: list[dict]) -> bytes:
    columns: list[str] = []
    flat_rows = []
    for row in rows:
        flat = {}
        for key, value in row.items():
            if isinstance(value, dict):
                for sub, subvalue in value.items():
                    flat[f"{key}.{sub}"] = subvalue
            else:
                flat[key] = value
        for key in flat:
            if key not in columns:
                columns.append(key)
        flat_rows.append(flat)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\n")
    writer.writeheader()
    for flat in flat_rows:
        writer.writerow({k: _cell(v) for k, v in flat.items()})
    return buffer.getvalue().encode("utf-8")


def _cell(value: object) -> str:
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    text_value = "" if value is None else str(value)
    return "'" + text_value if text_value[:1] in ("=", "+", "-", "@") else text_value  # no formulas in spreadsheets


def records_json(rows: list[dict]) -> bytes:
    """A JSON array with one record per line: easy to read and to diff, and written by the
    json module's C encoder (an indented document goes through its Python one, ten times slower)."""
    if not rows:
        return b"[]\n"
    return ("[\n" + ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n]\n").encode("utf-8")


def open_data(model: SiteModel, root: Path) -> Output:
    out: Output = {}
    catalogue = {"title": "Local Digital open data", "licence": LICENCE, "licence_url": LICENCE_URL,
                 "attribution": ["Content: Local Digital contributors, " + LICENCE, *ATTRIBUTIONS],
                 "datasets": []}
    for ctype in CONTENT_TYPES:
        name = ctype.folder.removeprefix("content/")
        rows = [export_record(i) for i in model.items[ctype.name]]
        out[f"data/{name}.json"] = records_json(rows)
        out[f"data/{name}.csv"] = _csv(rows)
        schema_bytes = (root / ctype.schema_file).read_bytes()
        out[f"schemas/{ctype.name}.schema.json"] = schema_bytes
        catalogue["datasets"].append({"type": ctype.name, "title": ctype.plural, "records": len(rows),
                                      "json": f"data/{name}.json", "csv": f"data/{name}.csv",
                                      "schema": f"schemas/{ctype.name}.schema.json"})
    out["data/data.json"] = json.dumps(catalogue, indent=1, ensure_ascii=False).encode("utf-8")
    return out
