import datetime
import shutil

import pytest

from localdigital.load.registers import RegisterError, load_registers
from tests.support import REPO

REGISTERS = REPO / "registers"


@pytest.fixture(scope="module")
def registers():
    return load_registers(REGISTERS)


def test_a_current_council_resolves_with_nation_region_and_gss_from_the_register(registers):
    essex = registers.organisation("ESS")
    assert essex is not None
    assert essex.name == "Essex County Council"
    assert essex.kind == "local-authority"
    assert essex.type_name == "County"
    assert (essex.nation, essex.region, essex.gss) == ("England", "East of England", "E10000012")
    assert essex.end is None
    assert essex.register == "uk-local-authorities"


def test_a_council_gets_its_website_from_the_planning_data_list(registers):
    assert registers.organisation("GAT").website == "https://www.gateshead.gov.uk"


def test_an_abolished_council_has_its_end_date(registers):
    northamptonshire = registers.organisation("NTH")
    assert northamptonshire.end == datetime.date(2021, 4, 1)


def test_a_combined_authority_has_the_combined_authority_kind(registers):
    assert registers.organisation("NECA").kind == "combined-authority"


def test_the_greater_london_authority_counts_as_a_combined_authority(registers):
    assert registers.organisation("GLA").kind == "combined-authority"


def test_a_planning_data_code_for_a_new_unitary_is_an_alias_of_the_mysociety_council(registers):
    assert registers.organisation("CUA") is registers.organisation("CBD")
    assert registers.organisation("CUA").code == "CBD"


def test_councils_in_both_lists_appear_once(registers):
    councils = [o for o in registers.organisations.values() if o.code == "ESS"]
    assert len({id(o) for o in councils}) == 1
    assert not any(code.startswith("local-authority-eng:") for code in registers.organisations)


def test_codes_are_case_sensitive(registers):
    assert registers.organisation("ess") is None


def test_a_national_park_authority_resolves(registers):
    park = registers.organisation("national-park-authority:Q72617158")
    assert park.name == "New Forest National Park Authority"
    assert park.kind == "national-park-authority"
    assert park.type_name == "National park authority"
    assert park.nation == "England"


def test_a_government_organisation_resolves_from_the_register_key(registers):
    fcdo = registers.organisation("government-organisation:D13")
    assert fcdo.name == "Foreign, Commonwealth & Development Office"
    assert fcdo.kind == "government-organisation"
    assert fcdo.register == "government-organisation-register"


def test_a_government_organisation_that_ended_has_its_end_date(registers):
    mhclg_2018 = registers.organisation("government-organisation:D4")
    assert mhclg_2018.end == datetime.date(2021, 9, 20)


def test_a_year_only_end_date_in_the_government_register_still_counts_as_ended(registers):
    ended = [o for o in registers.organisations.values() if o.register == "government-organisation-register" and o.end]
    assert len(ended) > 250


def test_a_police_force_resolves(registers):
    force = registers.organisation("police-force:avon-and-somerset")
    assert force.name == "Avon and Somerset Constabulary"
    assert force.kind == "police-force"
    assert registers.organisation("police-force:south-wales").nation == "Wales"


def test_the_placeholder_row_is_skipped(registers):
    assert registers.organisation("nonprofit:Q180") is None


@pytest.mark.parametrize("name", ["Essex County Council", "essex county council", "Essex", "ESSEX COUNTY", "  Essex  "])
def test_codes_for_name_finds_essex_county_council_and_its_variants(registers, name):
    assert registers.codes_for_name(name) == ["ESS"]


def test_codes_for_name_returns_old_and_new_bodies_that_share_a_name_current_first(registers):
    assert registers.codes_for_name("Somerset") == ["SMT", "SOM"]


def test_codes_for_name_ignores_punctuation_and_ampersands(registers):
    assert registers.codes_for_name("Devon and Cornwall Police") == ["police-force:devon-and-cornwall"]
    assert registers.codes_for_name("Stratford on Avon") == ["STR"]


def test_codes_for_name_finds_other_public_bodies(registers):
    assert registers.codes_for_name("Broads Authority") == ["national-park-authority:Q4972284"]


def test_the_gov_uk_register_code_of_a_national_park_resolves_to_the_same_body(registers):
    assert registers.organisation("government-organisation:OT222") is registers.organisation(
        "national-park-authority:Q72617158"
    )


def test_codes_for_name_lists_a_body_in_two_unlinked_registers_under_both_codes_specific_first(registers):
    assert registers.codes_for_name("Police Service of Northern Ireland") == [
        "police-force:northern-ireland",
        "government-organisation:OT657",
    ]


def test_codes_for_name_returns_nothing_for_an_unknown_name(registers):
    assert registers.codes_for_name("Ankh-Morpork City Council") == []


def test_suggest_offers_the_right_council_for_a_mistyped_code(registers):
    assert "GAT" in registers.suggest("GATE")


def test_suggest_offers_the_council_for_a_mistyped_name(registers):
    assert registers.suggest("Esex County Council")[0] == "ESS"


def test_suggest_completes_a_partial_prefixed_code(registers):
    assert registers.suggest("police-force:avon")[0] == "police-force:avon-and-somerset"


def test_suggest_returns_at_most_n_codes(registers):
    assert len(registers.suggest("North", n=2)) <= 2


def test_lgsl_524_exists(registers):
    service = registers.services[524]
    assert service.tier == "district/unitary"
    assert "refuse" in service.description


def test_agreement_rm1557_13_exists_with_its_name(registers):
    # The current register (agreements.csv) names it for its lots 1 to 3; lot 4 is RM1557.13L4.
    assert registers.agreements["RM1557.13"].name == "G-Cloud 13 (Lots 1-3)"


def test_an_agreement_from_the_ccs_list_has_its_lots(registers):
    g_cloud_9 = registers.agreements["RM1557ix"]
    assert g_cloud_9.name == "G-Cloud 9"
    assert g_cloud_9.lots


def test_the_first_agreement_reference_is_not_spoiled_by_the_byte_order_mark(registers):
    assert "06/GEN/SS/1030" in registers.agreements


def test_loading_is_cached_per_folder(registers):
    assert load_registers(REGISTERS) is registers
    assert load_registers(REGISTERS / ".." / "registers") is registers


def _copy(tmp_path):
    copy = tmp_path / "registers"
    shutil.copytree(REGISTERS, copy)
    return copy


def test_a_missing_register_file_gives_an_error_naming_the_file(tmp_path):
    copy = _copy(tmp_path)
    (copy / "lgsl" / "local_services.csv").unlink()
    with pytest.raises(RegisterError, match=r"registers/lgsl/local_services\.csv is missing: restore it from git"):
        load_registers(copy)


def test_a_damaged_register_file_gives_an_error_naming_the_file(tmp_path):
    copy = _copy(tmp_path)
    (copy / "police-forces" / "police-force.tsv").write_text("id\tname\nkent\tKent Police\n", encoding="utf-8")
    with pytest.raises(RegisterError, match=r"registers/police-forces/police-force\.tsv .*police-force"):
        load_registers(copy)


def test_a_bad_date_gives_an_error_naming_the_file_and_line(tmp_path):
    copy = _copy(tmp_path)
    path = copy / "public-sector-organisations" / "organisation.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace("2015-04-01", "1 April 2015")
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(RegisterError, match=r"organisation\.csv line 2: '1 April 2015' is not a date"):
        load_registers(copy)
