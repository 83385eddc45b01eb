"""Pins of the loader's limits and prefilters at their exact edges (issue 19, mutation run).

Each test gives the loader input on one side of a limit or condition and asserts what comes
out: the finding (rule and line) or the data, or which values are handed to the safety checks.
The limits are written as numbers here, not read from the module, so that a changed limit fails.
"""

from __future__ import annotations

import pytest

from localdigital.load.loader import Loaded, load_markdown_file, load_yaml_file, may_spell_address, parse_yaml


def found(loaded) -> list[tuple[str, int, int]]:
    return [(f.rule, f.line, f.col) for f in loaded.findings]


# Depth: the file's mapping is level 0; each list or mapping inside adds one; 20 levels are allowed.

def test_twenty_levels_of_lists_are_accepted_and_twenty_one_refused_on_the_first_one_too_deep() -> None:
    accepted = load_yaml_file("signatories/x.yml", ("a: " + "[" * 20 + "]" * 20 + "\n").encode())
    assert accepted.findings == [] and accepted.data is not None
    refused = load_yaml_file("signatories/x.yml", ("title: x\na: " + "[" * 21 + "]" * 21 + "\n").encode())
    assert found(refused) == [("yaml-too-deep", 2, 24)] and refused.data is None  # the 21st '['


def test_a_value_inside_the_twentieth_level_is_one_level_too_deep() -> None:
    nineteen = load_yaml_file("signatories/x.yml", ("a: " + "{b: " * 19 + "x" + "}" * 19 + "\n").encode())
    assert nineteen.findings == [] and nineteen.data is not None
    twenty = load_yaml_file("signatories/x.yml", ("a: " + "[" * 20 + "x" + "]" * 20 + "\n").encode())
    assert found(twenty) == [("yaml-too-deep", 1, 24)]  # the x, after 3 + 20 characters


def test_twenty_levels_of_indented_fields_are_accepted_and_twenty_one_refused() -> None:
    def nested(levels: int) -> bytes:
        return ("".join("  " * i + f"k{i}:\n" for i in range(levels)) + "  " * levels + "v\n").encode()
    assert load_yaml_file("signatories/x.yml", nested(20)).findings == []
    refused = load_yaml_file("signatories/x.yml", nested(21))
    assert [rule for rule, _line, _col in found(refused)] == ["yaml-too-deep"] and refused.data is None


# Values: a document may hold 20,000 (the file's mapping and every value; field names are not counted).

def test_twenty_thousand_values_are_accepted_and_one_more_refused() -> None:
    # the file's mapping, the list, and 19,998 entries: 20,000 values
    at_limit = load_yaml_file("signatories/x.yml", ("k: [" + ",".join("1" * 19_998) + "]\n").encode())
    assert at_limit.findings == [] and len(at_limit.data["k"]) == 19_998
    text = "k: [" + ",".join("1" * 19_999) + "]\n"
    over = load_yaml_file("signatories/x.yml", text.encode())
    assert found(over) == [("yaml-too-many-values", 1, len(text) - 2)] and over.data is None  # on the last entry


# Size: 256 KB (262,144 bytes) is allowed, a byte more is refused.

def test_a_file_of_exactly_256_kb_loads_and_one_byte_more_is_refused() -> None:
    head = "title: x\n# "
    raw = (head + "a" * (262_144 - len(head) - 1) + "\n").encode()
    assert len(raw) == 262_144
    assert load_yaml_file("signatories/x.yml", raw).data == {"title": "x"}
    refused = load_yaml_file("signatories/x.yml", raw + b"\n")
    assert found(refused) == [("file-too-large", 1, 1)]
    assert "the limit of 256 KB" in refused.findings[0].message


@pytest.mark.parametrize("raw", ["title: x\n".encode("utf-16-le"), "title: x\n".encode("utf-16-be")])
@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"])
def test_a_file_saved_as_utf16_is_refused_as_such(bom: bytes, raw: bytes) -> None:
    loaded = load_yaml_file("signatories/x.yml", bom + raw)
    assert found(loaded) == [("encoding", 1, 1)] and loaded.data is None
    assert "UTF-16" in loaded.findings[0].message


@pytest.mark.parametrize("written", ["None", "none", "nil", "onerror", "undefined"])
def test_only_the_yaml_null_spellings_load_as_nothing(written: str) -> None:
    loaded = load_yaml_file("signatories/x.yml", f"value: {written}\n".encode())
    assert loaded.data == {"value": written} and loaded.findings == []


def test_a_page_without_front_matter_starts_its_body_on_line_one() -> None:
    loaded = load_markdown_file("content/about.md", b"# About\n\nText\n", front_matter_required=False)
    assert (loaded.body_line, loaded.body) == (1, "# About\n\nText\n")


# The prefilters: which values safety looks at closer (loaded.suspect), and may_spell_address.

@pytest.mark.parametrize("text", ["jane AT council", "jane dot smith", "jane DOT smith", "jane.Dot.smith", "[at]", "( at",
                                  "{  at", "<at>", "x[at"])
def test_what_an_address_spelled_out_needs_is_found(text: str) -> None:
    assert may_spell_address(text)


@pytest.mark.parametrize("text", ["", "A cat sat at the mat", "Data at scale (see the report)", "[a] at", "at)", "(a t",
                                  "Atlas [x]", "d.o.t", "[ cat ]", "<b>a</b> at"])
def test_text_without_what_an_address_spelled_out_needs_is_ruled_out(text: str) -> None:
    assert not may_spell_address(text)


def suspects(document: str) -> set:
    loaded = Loaded("x.yml")
    assert parse_yaml(document, loaded) is not None and not loaded.findings, loaded.findings
    return {path for path, _value in loaded.suspect}


def test_in_a_document_with_something_to_look_at_only_the_values_that_could_hold_it_are_handed_over() -> None:
    document = ("html: a <b>bold</b> word\nemail: jane@example.org\nspelled: jane [at] example\ncapital: jane AT example\n"
                "dotted: jane dot smith\nDotted: jane DoT smith\nphone: 07700 900123\nplain: Not a lot of data, I don't know\n"
                "cat: A cat sat at the mat (so it did)\nbracket: one [a] at two\nnumber: 12345678\n"
                "list:\n  - plain words\n  - '<i>'\n")
    assert suspects(document) == {("html",), ("email",), ("spelled",), ("capital",), ("dotted",), ("Dotted",),
                                  ("phone",), ("list", 1)}


def test_nine_digits_are_handed_over_however_far_apart_and_eight_are_not() -> None:
    assert suspects("a: 1 2 3 4 5 6 7 8 9\nb: 12345678\nc: In 2019 we spent 100,000\nd: x1234-5678\n") \
        == {("a",), ("c",)}


@pytest.mark.parametrize(("value", "tag"), [("!!python/object:os.system x", "tag:yaml.org,2002:python/object:os.system"),
                                            ("!x [1]", "!x"), ("!!binary aGk=", "tag:yaml.org,2002:binary"),
                                            ("!!int 3", "tag:yaml.org,2002:int"), ("!!onerror x", "tag:yaml.org,2002:onerror")])
def test_a_tag_is_refused_on_its_line_and_named(value: str, tag: str) -> None:
    loaded = load_yaml_file("signatories/x.yml", f"title: x\na: {value}\n".encode())
    assert found(loaded) == [("yaml-tag", 2, 4)]
    assert f"'{tag}'" in loaded.findings[0].message


@pytest.mark.parametrize("value", ["!!str x", "!!map {}", "!!seq []"])
def test_the_plain_tags_of_text_mappings_and_lists_are_accepted(value: str) -> None:
    assert load_yaml_file("signatories/x.yml", f"a: {value}\n".encode()).findings == []


def test_an_anchor_and_its_alias_are_each_refused_on_their_own_line() -> None:
    loaded = load_yaml_file("signatories/x.yml", b"title: x\na: &a 1\nb: *a\n")
    assert found(loaded) == [("yaml-alias", 2, 4), ("yaml-alias", 3, 4)]
    assert "anchors" in loaded.findings[0].message and "alias" in loaded.findings[1].message


def test_an_ampersand_or_exclamation_mark_in_text_is_neither_an_anchor_nor_a_tag() -> None:
    loaded = load_yaml_file("signatories/x.yml", b"title: Bins & boxes!\nsummary: Hello! & welcome\n")
    assert loaded.findings == [] and loaded.data == {"title": "Bins & boxes!", "summary": "Hello! & welcome"}


@pytest.mark.parametrize("text", ["title: x\n? [a, b]\n: c\n", "title: x\n{a: 1}: c\n"])
def test_a_field_name_that_is_not_a_word_is_refused_on_its_line(text: str) -> None:
    loaded = load_yaml_file("signatories/x.yml", text.encode())
    assert [(rule, line) for rule, line, _col in found(loaded)] == [("yaml-complex-key", 2)]
    assert loaded.data == {"title": "x"}


def test_a_field_given_twice_is_refused_on_the_second_and_the_first_is_kept() -> None:
    loaded = load_yaml_file("signatories/x.yml", b"title: x\nsummary: y\ntitle: z\n")
    assert found(loaded) == [("yaml-duplicate-key", 3, 1)] and loaded.data == {"title": "x", "summary": "y"}


def test_the_places_under_a_field_given_twice_are_those_of_the_first() -> None:
    loaded = load_yaml_file("signatories/x.yml", b"a:\n  b: 1\nt: 2\na:\n  c: 2\n")
    assert found(loaded) == [("yaml-duplicate-key", 4, 1)]
    assert loaded.mark(("a", "b")) == (2, 3)  # read from the text when first asked for
    assert loaded.mark(("a", "c")) == (1, 1)  # only in the second 'a', which was not loaded: the first's place
    assert loaded.mark(("a",)) == (1, 1)


def test_a_lone_carriage_return_is_refused_on_its_line() -> None:
    loaded = load_yaml_file("signatories/x.yml", b"title: x\r\nsummary: y\rmore: z\n")
    assert found(loaded) == [("line-endings", 2, 1)] and loaded.data is None


def test_a_line_indented_with_a_tab_is_refused_on_its_line() -> None:
    loaded = load_yaml_file("signatories/x.yml", b"title: x\nlist:\n  - a\n \t- b\n")
    assert found(loaded) == [("yaml-tab", 4, 1)] and loaded.data is None


@pytest.mark.parametrize(("text", "line", "col", "hint"), [
    ("a: b: c\n", 1, 5, "must be put in quotes"),
    ("a: b\n  c: d\n", 2, 4, "check the indentation: a field must start"),
    ("a:\n  b: 1\n c: 2\n", 3, 2, "check the indentation: a field must start"),
    ("a: x\nb\n", 3, 1, "each line needs a field name followed by a colon"),
    ("a: " + "[" * 2000 + "\n", 1, 1003, "remove the deeply nested brackets"),
    ("a: 'x\n", 2, 1, "check the indentation and quotes on this line and the one before it"),
    ("a: {b\n", 2, 1, "check the indentation and quotes on this line and the one before it"),
])
def test_each_kind_of_syntax_error_gets_its_own_hint(text: str, line: int, col: int, hint: str) -> None:
    loaded = load_yaml_file("signatories/x.yml", text.encode())
    assert found(loaded) == [("yaml-syntax", line, col)]
    assert hint in loaded.findings[0].hint, loaded.findings[0].hint


def test_a_page_without_front_matter_where_it_is_required_is_refused() -> None:
    loaded = load_markdown_file("content/projects/x.md", b"# Title\n\ntext\n")
    assert found(loaded) == [("front-matter-missing", 1, 1)] and loaded.data is None


@pytest.mark.parametrize("text", [b"---\n---\nBody\n", b"---\n# a comment\n\n---\nBody\n"])
def test_front_matter_without_fields_is_refused_as_such(text: bytes) -> None:
    loaded = load_markdown_file("content/projects/x.md", text)
    assert found(loaded) == [("file-empty", 1, 1)] and loaded.data is None
    assert loaded.findings[0].message == "the front matter has no fields"


def test_a_body_ending_with_a_rule_keeps_it_after_the_front_matter() -> None:
    loaded = load_markdown_file("content/projects/x.md", b"---\ntitle: x\n---\nBody\n\n---")
    assert (loaded.findings, loaded.data, loaded.body) == ([], {"title": "x"}, "Body\n\n---")


@pytest.mark.parametrize("value", ['"\\u003cb>bold"', "<b>bold</b>", "jane@example.org"])
def test_a_value_is_handed_over_when_the_document_has_only_that_to_look_at(value: str) -> None:
    assert suspects(f"title: Plain\nsummary: {value}\n") == {("summary",)}


@pytest.mark.parametrize(("raw", "rule", "col"), [(b"\ntitle: x\rmore: y\n", "line-endings", 1),
                                                  (b"\ntitle: x\x00\n", "encoding", 1),
                                                  (b"\ntitle: \xff\n", "encoding", 8)])
def test_a_problem_on_the_line_after_a_blank_first_line_is_reported_on_line_two(raw: bytes, rule: str, col: int) -> None:
    assert found(load_yaml_file("signatories/x.yml", raw)) == [(rule, 2, col)]


@pytest.mark.parametrize(("raw", "place"), [(b"a: x\ntitle: \xff\n", (2, 8)), (b"a: x\ntitle: \xc3\n", (2, 8)),
                                            (b"\xff\n", (1, 1)), (b"a: x\ntitle: x\x00\n", (2, 1))])
def test_bytes_that_are_not_text_are_refused_where_they_are(raw: bytes, place: tuple[int, int]) -> None:
    assert found(load_yaml_file("signatories/x.yml", raw)) == [("encoding", *place)]


def test_anchors_and_aliases_are_reported_up_to_fifty() -> None:
    text = "".join(f"k{i}: &a{i} x\n" for i in range(60))
    loaded = load_yaml_file("signatories/x.yml", text.encode())
    assert found(loaded) == [("yaml-alias", line, 5 if line <= 10 else 6) for line in range(1, 51)]  # k0: &a0 ... k49: &a49


@pytest.mark.parametrize(("raw", "line", "col", "code"), [(b"a: x\n  \x0cb\n", 2, 3, "U+000C"), (b"a: \x7f\n", 1, 4, "U+007F"),
                                                          (b"\x01a: b\n", 1, 1, "U+0001"),
                                                          ("a: x\nbb: é\x01\n".encode(), 2, 6, "U+0001")])
def test_a_character_yaml_does_not_allow_is_refused_where_it_is_and_named(raw: bytes, line: int, col: int, code: str) -> None:
    loaded = load_yaml_file("signatories/x.yml", raw)
    assert found(loaded) == [("yaml-syntax", line, col)] and loaded.data is None
    assert code in loaded.findings[0].message and "invisible character" in loaded.findings[0].hint


def test_a_character_yaml_does_not_allow_in_front_matter_is_refused_on_its_line_in_the_file() -> None:
    loaded = load_markdown_file("content/projects/x.md", b"---\ntitle: x\nsummary: \x01\n---\nBody\n")
    assert found(loaded) == [("yaml-syntax", 3, 10)]


@pytest.mark.parametrize(("escape", "name"), [(r"\e", "(escape)"), (r"\0", "(nul)"), (r"\x01", "(a control character)")])
def test_an_escaped_control_character_is_named_in_the_message(escape: str, name: str) -> None:
    loaded = load_yaml_file("signatories/x.yml", f'title: "a{escape}b"\n'.encode())
    assert found(loaded) == [("yaml-control-character", 1, 8)] and name in loaded.findings[0].message


def test_a_missing_value_falls_back_to_its_parent_not_its_grandparent() -> None:
    loaded = load_yaml_file("signatories/x.yml", b"title: x\ncriteria:\n  - id: a\n    evidence: [b]\n")
    assert loaded.mark(("criteria", 0, "missing")) == (3, 5) == loaded.mark(("criteria", 0))
    assert loaded.mark(("criteria", 0, "evidence", 3)) == (4, 5)


def test_a_missing_field_falls_back_to_the_first_field_of_the_document() -> None:
    assert load_yaml_file("signatories/x.yml", b"# a comment\n\ntitle: x\n").mark(("missing",)) == (3, 1)
    assert load_markdown_file("content/projects/x.md", b"---\n# c\n  title: x\n---\n").mark(("missing",)) == (3, 3)


@pytest.mark.parametrize(("load", "raw", "line"), [(load_yaml_file, b"# c\n- a\n- b\n", 1),
                                                  (load_markdown_file, b"---\n- a\n---\nBody\n", 2)])
def test_a_file_that_is_not_a_list_of_fields_is_refused_at_its_top(load, raw: bytes, line: int) -> None:
    assert found(load("content/projects/x.md", raw)) == [("yaml-not-mapping", line, 1)]


def test_a_signed_by_entry_is_handed_to_the_checks_even_when_nothing_else_is() -> None:
    assert suspects("title: Plain\nsigned_by:\n  - Jane Smith\n  - Leader\n") == {("signed_by", 0), ("signed_by", 1)}


def test_front_matter_never_closed_is_refused() -> None:
    loaded = load_markdown_file("content/projects/x.md", b"---\ntitle: x\n\nBody text\n")
    assert found(loaded) == [("front-matter-unclosed", 1, 1)] and loaded.data is None


def test_front_matter_closed_at_the_end_of_the_file_leaves_no_body() -> None:
    loaded = load_markdown_file("content/projects/x.md", b"---\ntitle: Bins\n---")
    assert (loaded.data, loaded.body, loaded.body_line) == ({"title": "Bins"}, "", 4)


def test_an_indented_field_on_the_last_line_without_a_line_end_gets_the_indentation_hint() -> None:
    loaded = load_yaml_file("signatories/x.yml", b"a: b\n  c: d")
    assert found(loaded) == [("yaml-syntax", 2, 4)] and "check the indentation" in loaded.findings[0].hint
