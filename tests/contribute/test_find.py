"""Finding one's council code: `localdigital find NAME`, the names beside codes in suggestions,
and the links to the "Find your council" page from every place a code is asked for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from localdigital.contribute.find import find
from localdigital.load.registers import load_registers
from localdigital.validate import validate
from tests.support import REPO, TODAY


@pytest.fixture(scope="module")
def registers():
    return load_registers(REPO / "registers")


def run_find(root: Path, *words: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "localdigital", "find", *words], cwd=root, capture_output=True,
                          text=True, timeout=120)


def test_an_exact_name_gives_one_definite_answer(registers) -> None:
    found = find(registers, "Adur District Council")
    assert found.exact and [b.code for b in found.organisations] == ["ADU"]


def test_part_of_a_name_lists_the_organisations_that_hold_it_with_current_ones_first(registers) -> None:
    found = find(registers, "Somerset")
    codes = [b.code for b in found.organisations]
    assert "SMT" in codes and "SOM" in codes
    assert codes.index("SMT") < codes.index("SOM")  # Somerset County Council ended in 2023


def test_the_command_prints_the_code_to_write_and_who_has_already_signed(make_repo) -> None:
    root = make_repo({"signatories/adur-district-council.yml": "organisation:\n  code: ADU\n"})
    result = run_find(root, "adur", "district", "council")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0].startswith("ADU  Adur District Council")
    assert "code: ADU" in result.stdout
    assert "already signed: signatories/adur-district-council.yml" in result.stdout


def test_a_misspelt_name_gets_the_nearest_names_beside_their_codes(make_repo) -> None:
    result = run_find(make_repo(), "Adurr")
    assert "ADU" in result.stdout and "Adur District Council" in result.stdout


def test_a_name_nothing_resembles_exits_1_with_what_to_try(make_repo) -> None:
    result = run_find(make_repo(), "zzqqxx")
    assert result.returncode == 1 and "name: and kind:" in result.stdout


def test_an_unknown_code_is_told_names_beside_the_suggested_codes(make_repo) -> None:
    root = make_repo({"signatories/adur.yml": "organisation:\n  code: ADUU\nsigned_on: 2019-01-01\n"})
    [finding] = [f for f in validate(root, today=TODAY).findings if f.rule == "ref-unknown-organisation"]
    assert "'ADU' (Adur District Council)" in finding.hint and "localdigital find" in finding.hint


def test_an_organisations_exact_name_in_place_of_its_code_gets_its_code(make_repo) -> None:
    root = make_repo({"signatories/adur.yml": "organisation:\n  code: Adur District Council\nsigned_on: 2019-01-01\n"})
    [finding] = [f for f in validate(root, today=TODAY).findings if f.rule == "ref-unknown-organisation"]
    assert finding.hint.startswith("write its code, ADU")


@pytest.mark.parametrize("path", sorted((REPO / ".github/ISSUE_TEMPLATE").glob("[0-9]*.yml")), ids=lambda p: p.name)
def test_every_issue_form_says_where_to_find_a_code(path: Path) -> None:
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = " ".join(str(item.get("attributes", {}).get("description", "")) for item in form["body"])
    assert "Find your council" in text and "list of councils" not in text


@pytest.mark.parametrize("path", ["CONTRIBUTING.md", "content/how-to-sign.md"])
def test_the_guides_link_the_find_page(path: str) -> None:
    assert "Find your council" in (REPO / path).read_text(encoding="utf-8")
