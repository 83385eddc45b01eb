"""The strict loader: every scalar a string, marks on the right line, hostile input refused quickly."""

from __future__ import annotations

import time

import pytest

from localdigital.load.loader import (
    MAX_DEPTH,
    MAX_NODES,
    load_markdown_file,
    load_yaml_file,
)


def rules(loaded) -> list[str]:
    return [f.rule for f in loaded.findings]


@pytest.mark.parametrize("written", ["NO", "yes", "on", "1.10", "012", "0x1F", "1e3", "2019-01-01", "12:30", ".inf"])
def test_every_plain_scalar_stays_the_text_that_was_written(written: str) -> None:
    loaded = load_yaml_file("signatories/x.yml", f"value: {written}\n".encode())
    assert loaded.data == {"value": written}
    assert loaded.findings == []


@pytest.mark.parametrize("written", ["", "~", "null", "Null", "NULL"])
def test_an_empty_or_null_value_loads_as_nothing(written: str) -> None:
    loaded = load_yaml_file("signatories/x.yml", f"value: {written}\n".encode())
    assert loaded.data == {"value": None}


@pytest.mark.parametrize("written", ['""', "''", '"null"', "'~'"])
def test_a_quoted_empty_or_null_value_stays_text(written: str) -> None:
    loaded = load_yaml_file("signatories/x.yml", f"value: {written}\n".encode())
    assert loaded.data == {"value": written[1:-1]}


def test_marks_give_the_line_and_column_of_each_value_in_a_yaml_file() -> None:
    text = "# comment\norganisation:\n  code: GAT\nsigned_by:\n  - Chief Executive\n  - Leader\n"
    loaded = load_yaml_file("signatories/x.yml", text.encode())
    assert loaded.mark(("organisation", "code")) == (3, 3)
    assert loaded.mark(("signed_by", 1)) == (6, 5)


def test_marks_in_front_matter_count_lines_from_the_top_of_the_file() -> None:
    text = "---\ntitle: Bins\nfunding:\n  programme: LDF\n  amount: 5\n---\n\nBody text.\n"
    loaded = load_markdown_file("content/projects/x.md", text.encode())
    assert loaded.mark(("title",)) == (2, 1)
    assert loaded.mark(("funding", "amount")) == (5, 3)
    assert loaded.body_line == 7
    assert loaded.body == "\nBody text.\n"


def test_a_syntax_error_in_front_matter_is_reported_on_its_line_in_the_file() -> None:
    text = "---\ntitle: Bins\nsummary: Bins: a new service\n---\n"
    loaded = load_markdown_file("content/projects/x.md", text.encode())
    assert [(f.rule, f.line) for f in loaded.findings] == [("yaml-syntax", 3)]


def test_a_mark_for_a_missing_value_falls_back_to_its_nearest_parent() -> None:
    loaded = load_yaml_file("signatories/x.yml", b"organisation:\n  code: GAT\n")
    assert loaded.mark(("organisation", "name")) == (1, 1)


def test_crlf_line_endings_load_like_lf() -> None:
    crlf = load_yaml_file("signatories/x.yml", b"organisation:\r\n  code: GAT\r\n")
    assert crlf.data == {"organisation": {"code": "GAT"}}
    assert crlf.findings == []


def test_a_byte_order_mark_is_ignored() -> None:
    loaded = load_markdown_file("content/projects/x.md", b"\xef\xbb\xbf---\ntitle: Bins\n---\n")
    assert loaded.data == {"title": "Bins"}


def test_front_matter_closed_at_the_very_end_of_the_file_is_accepted() -> None:
    loaded = load_markdown_file("content/projects/x.md", b"---\ntitle: Bins\n---")
    assert loaded.data == {"title": "Bins"}
    assert loaded.findings == []


def test_a_page_without_front_matter_is_all_body_when_front_matter_is_optional() -> None:
    loaded = load_markdown_file("content/about.md", b"# About\n", front_matter_required=False)
    assert (loaded.data, loaded.body, loaded.findings) == ({}, "# About\n", [])


def test_a_list_at_the_top_of_a_file_is_refused() -> None:
    loaded = load_yaml_file("signatories/x.yml", b"- a\n- b\n")
    assert rules(loaded) == ["yaml-not-mapping"]


def test_a_merge_key_is_refused() -> None:
    loaded = load_yaml_file("signatories/x.yml", b"a: {b: c}\nd:\n  <<: {b: c}\n")
    assert rules(loaded) == ["yaml-merge-key"]


def test_an_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 10):
        previous, name = chr(ord("a") + index - 1), chr(ord("a") + index)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    started = time.perf_counter()
    loaded = load_yaml_file("signatories/x.yml", "\n".join(lines).encode())
    assert time.perf_counter() - started < 10  # a guard against exhaustion (an expanded bomb never ends), not a speed test
    assert "yaml-alias" in rules(loaded)
    assert len(loaded.findings) <= 60


def test_ten_thousand_levels_of_flow_nesting_are_refused() -> None:
    text = "a: " + "[" * 10_000 + "]" * 10_000 + "\n"
    started = time.perf_counter()
    loaded = load_yaml_file("signatories/x.yml", text.encode())
    assert time.perf_counter() - started < 10  # a guard against exhaustion, not a speed test
    assert loaded.data is None
    assert set(rules(loaded)) <= {"yaml-syntax", "yaml-too-deep"} and loaded.findings


def test_nesting_just_past_the_depth_limit_is_refused_with_its_own_rule() -> None:
    text = "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n"
    loaded = load_yaml_file("signatories/x.yml", text.encode())
    assert rules(loaded) == ["yaml-too-deep"]


def test_front_matter_with_too_many_keys_is_refused_within_seconds() -> None:
    count = 200_000  # a million behaves the same, but is too big for the size cap before the node cap is reached
    assert count > MAX_NODES
    text = "---\n" + "".join(f"k{index}: v\n" for index in range(count)) + "---\n"
    started = time.perf_counter()
    loaded = load_markdown_file("content/projects/x.md", text.encode())
    assert time.perf_counter() - started < 5
    assert loaded.data is None
    assert rules(loaded) == ["file-too-large"]


def test_more_values_than_the_node_limit_within_the_size_cap_are_refused() -> None:
    text = "---\nk: [" + ",".join("1" for _ in range(MAX_NODES + 10)) + "]\n---\n"
    started = time.perf_counter()
    loaded = load_markdown_file("content/projects/x.md", text.encode())
    assert time.perf_counter() - started < 5
    assert loaded.data is None
    assert rules(loaded) == ["yaml-too-many-values"]


def test_the_places_of_nested_values_are_read_when_first_asked_for() -> None:
    """Only the top-level fields' places are recorded while loading (issue 18); a deeper one is
    read from the text when a finding asks for it, and is the same as a full walk would give."""
    from localdigital.load.loader import Loaded, parse_yaml
    text = ("title: A\nlinks:\n  - title: One\n    url: https://a.example/\n  -   title: Two\n      url: https://b.example/\n"
            "criteria:\n  - id: x\n    evidence:\n      - first\n      -  second\ntitle2: {a: 1, b: [p, q]}\n")
    loaded = Loaded("x.md")
    assert parse_yaml(text, loaded, offset=1) is not None and not loaded.findings
    assert ("links", 1, "title") not in loaded.marks  # not recorded while loading
    assert loaded.mark(("links",)) == (3, 1)
    assert loaded.mark(("links", 0, "title")) == (4, 5)
    assert loaded.mark(("links", 1)) == (6, 7) and loaded.mark(("links", 1, "url")) == (7, 7)
    assert loaded.mark(("criteria", 0, "evidence", 1)) == (12, 10)
    assert loaded.mark(("title2", "b", 1)) == (13, 23)
    assert loaded.mark(("links", 5, "title")) == (3, 1)  # no such entry: its nearest parent


def test_the_places_in_an_alias_bomb_are_read_once_per_node() -> None:
    """A few lines of anchors and aliases name billions of paths; reading the places of its values
    visits each node once, as the walk does, and answers at once (issue 18's lazy marks)."""
    from localdigital.load.loader import Loaded, parse_yaml
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"] + [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
    loaded = Loaded("bomb.yml")
    parse_yaml("\n".join(lines) + "\ntitle: t\n", loaded)
    assert any(f.rule == "yaml-alias" for f in loaded.findings)
    # An alias's place is its anchored value's (libyaml gives the alias that node); inside it, nothing more.
    assert loaded.mark(("a8", 3, 2, 1)) == loaded.mark(("a8", 3)) == (8, 5)
    assert loaded.mark(("a0", 4)) == (1, 22)
    assert len(loaded.marks) < 200
