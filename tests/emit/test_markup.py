"""The escaping and link helpers every emitted page is made of (emit/markup.py), entry by entry:
the expected output is written out here, so that a character left out of an escaping table fails."""

from __future__ import annotations

import markdown
import pytest

from localdigital.emit.markup import attr, front, html_list, org_link, rel_url, service_name, slug, slugs, text
from localdigital.model import OrgRef, build_model
from localdigital.validate import validate
from tests.support import GOOD

# Every character text() makes an entity, with the entity written out (HTML's and Markdown's specials).
INERT = {"\\": "&#92;", "`": "&#96;", "*": "&#42;", "_": "&#95;", "{": "&#123;", "}": "&#125;", "[": "&#91;",
         "]": "&#93;", "(": "&#40;", ")": "&#41;", "#": "&#35;", "+": "&#43;", "-": "&#45;", ".": "&#46;",
         "!": "&#33;", "|": "&#124;", "~": "&#126;", ":": "&#58;", "^": "&#94;", "$": "&#36;", "=": "&#61;",
         '"': "&#34;", "'": "&#39;", "&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": " "}


@pytest.mark.parametrize("char", sorted(INERT))
def test_text_makes_each_special_character_an_entity(char: str) -> None:
    assert text(f"a{char}b") == f"a{INERT[char]}b"


def test_text_leaves_letters_digits_and_spaces_alone() -> None:
    assert text("Cardiff Council 2025, é") == "Cardiff Council 2025, é"


@pytest.mark.parametrize("hostile", ["[x](javascript:alert(1))", "<img src=x onerror=alert(1)>", "*bold* `code` {: onclick=x }",
                                     "# heading", "![i](//evil.example/x.png)", "a | b", "~~gone~~", "$x$ ^y^ ==mark=="])
def test_text_renders_as_the_same_words_and_nothing_else(hostile: str) -> None:
    html = markdown.markdown(text(hostile), extensions=["attr_list", "tables"])
    assert html.startswith("<p>") and html.count("<") == 2  # one paragraph, no other element


@pytest.mark.parametrize("char,entity", [("[", "&#91;"), ("]", "&#93;"), ("`", "&#96;"), ("\\", "&#92;"), ('"', "&quot;"),
                                         ("'", "&#x27;"), ("<", "&lt;"), (">", "&gt;"), ("&", "&amp;")])
def test_attr_escapes_each_character_markdown_or_html_would_read(char: str, entity: str) -> None:
    assert attr(f"a{char}b") == f"a{entity}b"


def test_an_attribute_value_stays_in_its_attribute_through_markdown() -> None:
    hostile = 'x" onmouseover="alert(1)" [y](javascript:alert(1)) `z` \\'
    html = markdown.markdown(f'<a href="{attr(hostile)}">t</a>')
    assert "onmouseover=" not in html.replace("&quot; onmouseover=&quot;", "") and "<code>" not in html and 'href="javascript' not in html


@pytest.mark.parametrize("src,url,expected", [
    ("projects/a.md", "signatories/b/", "../../signatories/b/"),
    ("projects/index.md", "signatories/b/", "../signatories/b/"),
    ("index.md", "signatories/b/", "signatories/b/"),
    ("projects/a.md", "projects/a/", "./"),
    ("projects/a.md", "projects/c/", "../c/"),
    ("projects/index.md", "projects/", "./"),
    ("a/b/c.md", "a/x/y/", "../../x/y/"),
    ("index.md", "data/x.csv", "data/x.csv"),
    ("projects/a.md", "data/x.csv", "../../data/x.csv"),
])
def test_rel_url_is_the_path_a_browser_follows_from_the_page(src: str, url: str, expected: str) -> None:
    assert rel_url(src, url) == expected


def test_front_matter_escapes_every_string_for_the_heads_html() -> None:
    assert front('<b>"x"</b>', description="a & b", count=3) == \
        '---\ntitle: "&lt;b&gt;&quot;x&quot;&lt;/b&gt;"\ndescription: "a &amp; b"\ncount: 3\n---\n\n'


def test_html_list_is_one_line_and_says_when_search_ignores_it() -> None:
    assert html_list(["a", "b"]) == "<ul><li>a</li><li>b</li></ul>"
    assert html_list(["a"], searched=False) == "<ul data-pagefind-ignore><li>a</li></ul>"


def test_slug_is_lower_case_words_joined_by_hyphens() -> None:
    assert slug("RM1557.13: Cloud  Hosting!") == "rm1557-13-cloud-hosting"
    assert slug("!!!") == "none"
    assert slug("x" * 60) == "x" * 60


def test_a_long_or_non_ascii_slug_is_cut_and_ends_with_a_hash() -> None:
    long = slug("x" * 61)
    assert len(long) == 60 and long.startswith("x" * 51 + "-") and long != slug("x" * 62)
    accented = slug("Cyngor Gwynedd – Ynys Môn")
    assert accented.isascii() and accented[:-8] == "cyngor-gwynedd-ynys-m-n-" and len(accented) == 32
    assert slug("ŵŵŵ").isascii() and len(slug("ŵŵŵ")) == 8  # nothing ASCII left: the hash alone


def test_slugs_gives_values_that_differ_in_case_or_punctuation_their_own_pages() -> None:
    out = slugs(["RM1557.13", "rm1557-13", "other"])
    assert out["RM1557.13"] == "rm1557-13" and out["other"] == "other"
    assert out["rm1557-13"].startswith("rm1557-13-") and len(out["rm1557-13"]) == len("rm1557-13-") + 8
    assert len(set(out.values())) == 3
    same = slugs(["x" * 60, "X" * 60])  # the same 60-character slug: the second is cut to make room for its hash
    assert same["X" * 60] == "x" * 60 and same["x" * 60] == "x" * 51 + "-" + same["x" * 60][-8:]
    long = slugs(["a" * 70, "A" * 70])
    assert len(set(long.values())) == 2 and all(len(v) <= 60 for v in long.values())


@pytest.fixture
def site(make_repo, today):
    result = validate(make_repo(dict(GOOD)), today=today)
    assert not result.errors, result.errors
    return build_model(result, {}, today=today)


def test_an_organisation_links_to_its_signatory_page_only_when_it_has_one(site) -> None:
    signatory = site.items["signatory"][0]
    assert org_link(OrgRef(signatory.id, "A & B", signatory=signatory), "projects/x.md") == \
        f'<a href="{rel_url("projects/x.md", signatory.url)}">A &amp; B</a>'
    assert org_link(OrgRef("name:A & B", "A & B"), "projects/x.md") == "A &amp; B"


def test_a_service_is_named_by_govuks_words_or_by_its_code(site) -> None:
    code, service = next((c, s) for c, s in site.registers.services.items() if s.description.startswith("Find out about "))
    assert service_name(site, code) == service.description.removeprefix("Find out about ").strip()
    assert service_name(site, 999_999) == "LGSL 999999"
