"""Setting the emitted HTML blocks aside while Markdown converts a page changes nothing."""

from __future__ import annotations

import markdown
import pytest

from localdigital.build.pipeline import load_site
from localdigital.emit import Page
from mkdocs.structure.pages import _HTMLHandler

from localdigital.render.setaside import anchor_ids, put_back, set_aside
from tests.support import EXTENSION_CONFIGS, EXTENSIONS, GOOD, make_site_repo


def convert(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


def same(text: str) -> bool:
    body, blocks = set_aside(text)
    return " ".join(put_back(convert(body), blocks).split()) == " ".join(convert(text).split())


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    root = make_site_repo(tmp_path_factory.mktemp("setaside") / "repo", GOOD)
    output, _result, _note = load_site(root)
    return {path: value.markdown for path, value in output.items() if isinstance(value, Page)}


def test_every_emitted_page_converts_the_same_with_its_blocks_set_aside(pages: dict[str, str]) -> None:
    assert len(pages) > 20
    set_aside_somewhere = 0
    for path, text in pages.items():
        assert same(text), path
        set_aside_somewhere += bool(set_aside(text)[1])
    assert set_aside_somewhere >= 5  # listings, facet pages and item facts at least


@pytest.mark.parametrize("text", [
    "Intro\n\n```html\n<table><tr><td>code</td></tr></table>\n```\n\nAfter.",       # a fence: code, not a block
    "Intro\n<table><tr><td>x</td></tr></table>\n",                                     # no blank line before
    "<div>\nopen only\n\nstill inside</div>\n",                                        # not closed in its paragraph
    "    <table><tr><td>indented: code</td></tr></table>\n",
    # Python-Markdown closes a fence only with the same fence alone on its line (found by review)
    "~~~\nx\n~~~ y\n\n<p>hi</p>\n\n~~~\n",
    "```\nx\n````\n\n<ul><li>still code</li></ul>\n\n```\n",
    "```{ .x }\nx\n\n<div>code</div>\n\n```\n",
])
def test_what_markdown_would_not_pass_through_whole_is_left_in_place(text: str) -> None:
    assert set_aside(text)[1] == {}
    assert same(text)


@pytest.mark.parametrize("text", [
    " ```\nnot a fence for Python-Markdown (indented)\n\n<p>a block</p>\n\n```\n",
    "```{ .x\nnot a fence: unbalanced braces\n\n<p>a block</p>\n\n```\n",
    "```\ncode\n```\n\n<p>after the fence</p>\n",
])
def test_a_block_outside_what_python_markdown_calls_a_fence_is_set_aside(text: str) -> None:
    assert len(set_aside(text)[1]) == 1
    assert same(text)


def test_a_lost_block_is_an_error_not_a_silent_drop() -> None:
    body, blocks = set_aside("<table><tr><td>x</td></tr></table>\n")
    assert len(blocks) == 1
    with pytest.raises(ValueError, match="lost"):
        put_back("<p>something else</p>", blocks)


def _mkdocs_anchors(text: str) -> set[str]:
    """The anchors mkdocs finds in raw HTML (its own parser, as it reads a page's Markdown)."""
    parser = _HTMLHandler()
    parser.feed(text)
    parser.close()
    return parser.present_anchor_ids


def test_a_block_with_anchors_is_set_aside_and_its_anchors_are_still_known() -> None:
    text = '<table id="t"><tr><td>x</td></tr></table>\n\n[to it](#t)\n'
    body, blocks = set_aside(text)
    assert len(blocks) == 1 and same(text)
    assert anchor_ids(blocks) == {"t"}


@pytest.mark.parametrize("block", [
    '<div id="a&amp;b"><p id="c">x</p></div>',                           # as the emitter writes them
    "<div id='single'><p ID=\"upper\">x</p><p id = \"spaced\">y</p></div>",  # other spellings: the parser reads them
    '<div><a name="old-anchor">x</a><select name="not-an-anchor"></select></div>',
    '<div><p>no anchors, but the words id="x" in text</p></div>',
    '<div><!-- <p id="commented-out"> --><p id="real">x</p></div>',     # no tags in a comment
    '<div id="a" id="b"><p id=\"c&gt;d\">x</p></div>',                  # a repeated id=; an entity
])
def test_the_anchors_of_a_block_are_those_mkdocs_finds(block: str) -> None:
    assert anchor_ids({"b": block}) == _mkdocs_anchors(block)


def test_every_emitted_page_keeps_the_anchors_mkdocs_finds_in_its_blocks(pages: dict[str, str]) -> None:
    with_anchors = 0
    for path, text in pages.items():
        _body, blocks = set_aside(text)
        expected = set().union(*(_mkdocs_anchors(block) for block in blocks.values())) if blocks else set()
        assert anchor_ids(blocks) == expected, path
        with_anchors += bool(expected)
    assert with_anchors >= 1  # the sector's progress page: an id on each chart's title
