r"""Control characters in YAML values (issue 19, item 8).

A YAML escape in a double-quoted value ("\r", "\e", "\x01", "\u202e") makes a character the
file itself does not hold, so libyaml's own refusal of raw control characters does not catch
it. Such values are refused with a finding on the line; and no control character, raw or
escaped, may make a file load as nothing without a finding.
"""

from __future__ import annotations

import pytest

from localdigital.load.loader import load_markdown_file, load_yaml_file

ESCAPES = [r"\r", r"\x01", r"\e", r"\0", r"\x7f", r"\u0085", r"\x9b", r"\u2028", r"\u2029", r"\b", r"\v", r"\f", r"\a",
           r"\N", r"\L", r"\P", r"\ufeff", r"\u202e", r"\u2066"]


def rules_at(loaded) -> list[tuple[int, str]]:
    return [(f.line, f.rule) for f in loaded.findings]


@pytest.mark.parametrize("escape", ESCAPES)
def test_an_escaped_control_character_in_a_value_is_refused_on_its_line(escape: str) -> None:
    loaded = load_yaml_file("signatories/x.yml", f'title: Bins\nsummary: "Bins{escape}collected"\n'.encode())
    assert (2, "yaml-control-character") in rules_at(loaded), rules_at(loaded)


@pytest.mark.parametrize("escape", ESCAPES[:5])
def test_an_escaped_control_character_in_front_matter_is_refused_on_the_file_line(escape: str) -> None:
    loaded = load_markdown_file("content/projects/x.md", f'---\ntitle: Bins\nsummary: "Bins{escape}collected"\n---\nText\n'.encode())
    assert (3, "yaml-control-character") in rules_at(loaded), rules_at(loaded)


def test_a_field_name_with_a_control_character_is_refused() -> None:
    loaded = load_yaml_file("signatories/x.yml", b'title: Bins\n"sum\\rmary": x\n')
    assert (2, "yaml-control-character") in rules_at(loaded)


@pytest.mark.parametrize("text", ['summary: "\\tBins"\n', "summary: \"\\t\\tBins\"\n", 'list:\n  - "\\tBins"\n'])
def test_a_value_starting_with_a_tab_is_refused(text: str) -> None:
    loaded = load_yaml_file("signatories/x.yml", text.encode())
    assert any(rule == "yaml-control-character" for _line, rule in rules_at(loaded)), rules_at(loaded)


@pytest.mark.parametrize("text", ['title: "Bins\\tand boxes"\n', "summary: |\n  Line one\n  Line two\n",
                                  'title: "Café, Llandŵ"\n', "title: Bins – and boxes\n"])
def test_ordinary_text_tabs_inside_and_line_breaks_pass(text: str) -> None:
    loaded = load_yaml_file("signatories/x.yml", text.encode())
    assert loaded.findings == [] and isinstance(loaded.data, dict)


def test_the_message_names_the_character() -> None:
    loaded = load_yaml_file("signatories/x.yml", b'title: "a\\rb"\n')
    assert "U+000D" in loaded.findings[0].message and "carriage return" in loaded.findings[0].message


CONTROLS = [chr(i) for i in [*range(0, 32), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, 0x202E, 0xFEFF, 0xFFFE]]
PLACES = ["title: a{c}b\n", 'title: "a{c}b"\n', "{c}title: x\n", "title: x\n{c}\n", "{c}\n", "title: x{c}",
          "{c}---\ntitle: x\n", "title: |\n  a{c}b\n", "title: x\n# {c}\n", "title: [a{c}]\n"]


@pytest.mark.parametrize("char", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_no_control_character_makes_a_file_load_as_nothing_without_a_finding(char: str) -> None:
    for place in PLACES:
        text = place.replace("{c}", char)
        for loaded in (load_yaml_file("signatories/x.yml", text.encode("utf-8", "surrogatepass")),
                       load_markdown_file("content/projects/x.md", ("---\n" + text + "---\nBody\n").encode("utf-8", "surrogatepass"))):
            if not loaded.findings:
                assert isinstance(loaded.data, dict) and loaded.data, repr(text)
                values = [v for v in loaded.data.values() if isinstance(v, str)] + list(loaded.data)
                assert not any(char in v for v in values if char not in "\n\t"), f"{text!r} loaded {loaded.data!r} with no finding"
