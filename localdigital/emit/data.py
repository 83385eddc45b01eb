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


def csv_rows(rows: list[dict], first_columns: list[str]) -> bytes:
    """Rows as CSV for spreadsheets, by the book (OWASP's CSV injection guidance): every cell
    quoted, so a line break or carriage return inside a value never starts a row, and every
    cell that a spreadsheet would read as a formula made text (_cell). The columns are the
    fields the records have, first_columns first in their order; a dataset with no records yet
    has first_columns as its header row (its schema's fields), so it is still a valid table."""
    seen: list[str] = []
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
            if key not in seen:
                seen.append(key)
        flat_rows.append(flat)
    present = set(seen)
    columns = [c for c in first_columns if c in present or not rows] + [c for c in seen if c not in first_columns]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for flat in flat_rows:
        writer.writerow({k: _cell(v) for k, v in flat.items()})
    return buffer.getvalue().encode("utf-8")


# A cell a spreadsheet reads as a formula starts with one of these (tab and carriage return
# included: some spreadsheets strip them, then read what follows).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _cell(value: object) -> str:
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    text_value = "" if value is None else str(value)
    # A leading quote makes the cell text in every spreadsheet; also when a list's later entry
    # starts with one (the joined cell starts with the first entry, which is checked here).
    return "'" + text_value if text_value.lstrip(" ").startswith(FORMULA_STARTS) else text_value


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
        schema_bytes = (root / ctype.schema_file).read_bytes()
        properties = json.loads(schema_bytes).get("properties", {})
        fields = [name for name, spec in properties.items()  # objects are flattened into name.field columns
                  if not (isinstance(spec, dict) and (spec.get("type") == "object" or "properties" in spec))]
        out[f"data/{name}.csv"] = csv_rows(rows, ["id", "type", "url", "source"] + [f for f in fields if f not in ("id", "type")])
        out[f"schemas/{ctype.name}.schema.json"] = schema_bytes
        catalogue["datasets"].append({"type": ctype.name, "title": ctype.plural, "records": len(rows),
                                      "json": f"data/{name}.json", "csv": f"data/{name}.csv",
                                      "schema": f"schemas/{ctype.name}.schema.json"})
    out["data/data.json"] = json.dumps(catalogue, indent=1, ensure_ascii=False).encode("utf-8")
    return out
