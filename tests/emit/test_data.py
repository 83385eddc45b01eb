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
