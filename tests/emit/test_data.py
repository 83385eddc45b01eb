"""Open data exports, read back as a spreadsheet reads them: one row per item, formulas made
text, no value that can start a row of its own (OWASP's CSV injection guidance)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from localdigital.content import CONTENT_TYPES
from localdigital.emit.data import open_data
from localdigital.model import build_model
from localdigital.validate import validate
from tests.support import GOOD

# OWASP's CSV injection guidance: cells starting with these are read as formulas (written out here,
# not imported, so a change to the module's own list cannot make this test agree with it).
OWASP_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")

HOSTILE = [
    "=HYPERLINK(\"https://evil.example\",\"Click\")",
    "+1+2", "-1+2", "@SUM(A1:A2)", "＋1+2", "－1+2", "＠SUM(A1)", "\t=1+2", "\r=1+2", "\n=1+2", "＝1+2", " =1+2",
    "line one\r=forged,row,\"here\"", "line one\n=forged", "quote \" and comma, inside",
]


def rows_of(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


@pytest.fixture
def model(make_repo, today):
    root = make_repo({k: v for k, v in GOOD.items() if not k.startswith("content/") or "/" in k.removeprefix("content/")})
    result = validate(root, today=today)
    assert not result.errors, result.errors
    return root, build_model(result, {}, today=today)


def test_every_csv_reads_back_as_one_row_per_item_with_a_header(model) -> None:
    root, site = model
    out = open_data(site, root)
    for ctype in CONTENT_TYPES:
        name = ctype.folder.removeprefix("content/")
        rows = rows_of(out[f"data/{name}.csv"])
        records = json.loads(out[f"data/{name}.json"])
        assert rows[0][:4] == ["id", "type", "url", "source"], name
        assert len(rows) == 1 + len(records) == 1 + len(site.items[ctype.name]), name
        assert [r[0] for r in rows[1:]] == [r["id"] for r in records]


def test_a_dataset_with_no_records_still_has_its_schema_fields_as_a_header(model) -> None:
    root, site = model
    assert site.items["case-study"] == []
    rows = rows_of(open_data(site, root)["data/case-studies.csv"])
    assert len(rows) == 1
    assert {"id", "title", "summary", "organisations", "principles"} <= set(rows[0])
    properties = json.loads((root / "schemas/case-study.schema.json").read_text(encoding="utf-8"))["properties"]
    assert rows[0] == ["id", "type", "url", "source"] + [name for name in properties if name != "id"]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_value_stays_in_its_cell_and_is_never_a_formula(model, value: str) -> None:
    root, site = model
    project = site.items["project"][0]
    project.data["title"] = value
    project.data["interested"] = ["ESS", value]
    rows = rows_of(open_data(site, root)["data/projects.csv"])
    assert len(rows) == 2  # the header and the one project: no row forged
    header, row = rows
    title = row[header.index("title")]
    assert title.removeprefix("'") == value
    for cell in row:
        assert not cell.lstrip(" ").startswith(OWASP_STARTS), cell


def test_every_cell_is_quoted() -> None:
    from localdigital.emit.data import csv_rows
    text = csv_rows([{"id": "a", "n": 1}], ["id"]).decode()
    assert text == '"id","n"\r\n"a","1"\r\n'


@pytest.mark.parametrize("value", ["Cardiff", "onerror", "1+1", "'quoted'", "(0)", "#1", "%20", "a=b", "Service -"])
def test_a_value_that_starts_like_no_formula_is_written_as_it_is(value: str) -> None:
    from localdigital.emit.data import csv_rows
    assert rows_of(csv_rows([{"id": "a", "title": value}], ["id"]))[1] == ["a", value]


def test_every_formula_start_is_made_text_in_a_list_and_after_spaces() -> None:
    from localdigital.emit.data import csv_rows
    for start in OWASP_STARTS:
        row = rows_of(csv_rows([{"id": "a", "title": f"  {start}1", "tags": [f"{start}x", "y"]}], ["id"]))[1]
        assert row == ["a", f"'  {start}1", f"'{start}x; y"], repr(start)


def test_every_csv_header_names_each_column_once(model) -> None:
    root, site = model
    out = open_data(site, root)
    for ctype in CONTENT_TYPES:
        header = rows_of(out[f"data/{ctype.folder.removeprefix('content/')}.csv"])[0]
        assert len(header) == len(set(header)), header


def test_the_catalogue_lists_every_dataset_and_every_source_it_draws_on(model) -> None:
    root, site = model
    catalogue = json.loads(open_data(site, root)["data/data.json"])
    assert catalogue["attribution"] == [
        "Content: Local Digital contributors, Open Government Licence v3.0",
        "Council names, codes, types, nations, regions and GSS codes: UK Local Authority Names and Codes, mySociety, CC BY 4.0",
        "Other public bodies: digital-land/organisation-dataset and the GOV.UK government-organisation register, OGL v3.0",
        "Service codes: GOV.UK local services list (alphagov/publisher), MIT, Crown copyright"]
    assert [d["type"] for d in catalogue["datasets"]] == [c.name for c in CONTENT_TYPES]
    for dataset, ctype in zip(catalogue["datasets"], CONTENT_TYPES, strict=True):
        name = ctype.folder.removeprefix("content/")
        assert dataset == {"type": ctype.name, "title": ctype.plural, "records": len(site.items[ctype.name]),
                           "json": f"data/{name}.json", "csv": f"data/{name}.csv", "schema": f"schemas/{ctype.name}.schema.json"}


def test_a_signatorys_record_carries_its_name_and_its_registered_body(model) -> None:
    root, site = model
    records = {r["id"]: r for r in json.loads(open_data(site, root)["data/signatories.json"])}
    registered = [item for item in site.items["signatory"] if item.org]
    assert registered
    for item in registered:
        record = records[item.id]
        assert record["name"] == item.title
        assert record["derived"]["name"] == item.org.name and record["derived"]["gss_code"] == item.org.gss
        assert record["derived"]["register"] == item.org.register and record["derived"]["nation"] == item.org.nation
    for project in json.loads(open_data(site, root)["data/projects.json"]):
        assert "name" not in project  # only signatories get a name added
        assert not set(project.get("derived", {})) & {"gss_code", "register"}
