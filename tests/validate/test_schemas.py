"""The schemas themselves: valid JSON Schema (draft 2020-12), and a broken one is reported, not raised."""

from __future__ import annotations

import json

import jsonschema
import pytest

from localdigital.content import CONTENT_TYPES
from localdigital.validate import validate
from tests.support import REPO


@pytest.mark.parametrize("ctype", CONTENT_TYPES, ids=lambda c: c.name)
def test_each_schema_is_valid_draft_2020_12(ctype) -> None:
    schema = json.loads((REPO / ctype.schema_file).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_a_schema_that_is_not_json_is_a_setup_finding_not_a_traceback(make_repo) -> None:
    root = make_repo({"content/projects/x.md": "---\ntitle: A project\nsummary: A project summary here.\n---\n"})
    (root / "schemas/project.schema.json").write_text("{ not json", encoding="utf-8")
    result = validate(root)
    assert [(f.path, f.rule) for f in result.errors] == [("schemas", "setup")]
    assert "project.schema.json" in result.errors[0].message
