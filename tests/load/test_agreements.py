"""The register of CCS agreements: the current register joined over the 2018 list, lots read
from their wording, and a changed register read again."""

from __future__ import annotations

import datetime
import shutil

import pytest

from localdigital.load.agreements import Lot, lot_matches, parse_lots
from localdigital.load.registers import RegisterError, load_registers
from tests.support import REPO

REGISTERS = REPO / "registers"
AGREEMENTS = "procurement-frameworks/agreements.csv"


@pytest.fixture(scope="module")
def registers():
    return load_registers(REGISTERS)


def test_an_agreement_in_the_current_register_has_its_dates_lots_and_sources(registers):
    g_cloud_12 = registers.agreements["RM1557.12"]
    assert (g_cloud_12.start, g_cloud_12.end) == (datetime.date(2020, 9, 28), datetime.date(2021, 9, 27))
    assert [lot.label for lot in g_cloud_12.lot_list] == ["Lot 1: Cloud Hosting", "Lot 2: Cloud Software", "Lot 3: Cloud Support"]
    assert g_cloud_12.lots_complete and g_cloud_12.current
    assert any("create_commercial_agreements.sql" in source for source in g_cloud_12.sources)


def test_an_agreement_known_only_from_2018_keeps_its_name_and_lots_with_no_dates(registers):
    g_cloud_8 = registers.agreements["RM1557viii"]
    assert g_cloud_8.name == "G-Cloud 8"
    assert "1" in g_cloud_8.lots and not g_cloud_8.current
    assert (g_cloud_8.start, g_cloud_8.end) == (None, None)


def test_an_agreement_with_no_stated_reference_is_in_the_current_register_but_cannot_be_named(registers):
    names = [a.name for a in registers.current_agreements if not a.reference]
    assert "Technology Services 4" in names
    assert "" not in registers.agreements


def test_the_status_comes_from_the_known_dates_only(registers):
    today = datetime.date(2026, 11, 27)
    assert registers.agreements["RM6259"].status(today) == "live"
    assert registers.agreements["RM1557.12"].status(today) == "ended"
    assert registers.agreements["RM1557.11"].status(today) == "not known"


@pytest.mark.parametrize("text, lots, complete", [
    ("Lot 1 Cloud Hosting; Lot 2 Cloud Software", [Lot("1", "Cloud Hosting"), Lot("2", "Cloud Software")], True),
    ("Lot 4 cloud support (planning; migration)", [Lot("4", "cloud support (planning; migration)")], True),
    ("includes Lots 3a; 3b (full lot list not in stored excerpts)", [Lot("3a", ""), Lot("3b", "")], False),
    ("Lot 1 Business Applications Solutions; Lot 2 (name not in stored excerpt)",
     [Lot("1", "Business Applications Solutions"), Lot("2", "")], True),
    ("", [], False),
])
def test_lots_are_read_from_their_wording(text, lots, complete):
    assert parse_lots(text) == (tuple(lots), complete)


@pytest.mark.parametrize("written, known", [
    ("2", True), ("Lot 2", True), ("lot 2 cloud software", True), ("Cloud Software", True), ("Lot 5", False),
    ("Cloud Widgets", False),
])
def test_a_brief_lot_matches_by_number_or_by_title(registers, written, known):
    assert lot_matches(written, registers.agreements["RM1557.14"]) is known


def test_a_changed_register_is_read_again_in_the_same_process(tmp_path):
    copy = tmp_path / "registers"
    shutil.copytree(REGISTERS, copy)
    assert "RM9999.1" not in load_registers(copy).agreements
    with (copy / AGREEMENTS).open("a", encoding="utf-8") as handle:
        handle.write("RM9999.1,Example Agreement,framework,2025-01-01,2029-01-01,,Lot 1 Example,,https://example.org/a,\n")
    added = load_registers(copy).agreements["RM9999.1"]
    assert added.name == "Example Agreement" and added.end == datetime.date(2029, 1, 1)


def test_a_row_with_neither_reference_nor_name_names_its_line(tmp_path):
    copy = tmp_path / "registers"
    shutil.copytree(REGISTERS, copy)
    with (copy / AGREEMENTS).open("a", encoding="utf-8") as handle:
        handle.write(",,framework,,,,,,,\n")
    with pytest.raises(RegisterError, match=r"agreements\.csv line 52: a row needs a reference or a name"):
        load_registers(copy)
