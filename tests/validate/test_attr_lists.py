"""Attribute lists and heading ids (issue 19, item 3): what a contributor may set on an element.

attr_list lets Markdown set any attribute ({: onclick=... }), so only an allowlist passes;
target and rel are not on it (target="_blank" rel="opener" hands the new page this one), and
ids and classes the theme and the site use for themselves are refused, as are headings
whose automatic id would be one of them ("## __config" gets the id "__config").
"""

from __future__ import annotations

import pytest

from localdigital.validate import safety


def findings(body: str) -> list[tuple[int, int, str, str, str]]:
    found = []
    safety.check_markdown(body, 1, "projects/x.md", lambda line, col, sev, rule, msg, hint: found.append((line, col, sev, rule, msg)),
                          lambda path: True)
    return found


def rules(body: str) -> set[str]:
    return {rule for _line, _col, _sev, rule, _msg in findings(body)}


def test_the_attribute_allowlist_is_exactly_these_names() -> None:
    """Pinned: adding a name (onerror, style, href, target...) to the allowlist fails this test,
    so that any widening is a decision made in review, not an accident."""
    assert safety.SAFE_ATTRIBUTES == frozenset(("title", "alt", "lang", "width", "height", "loading"))


@pytest.mark.parametrize("name", sorted(safety.SAFE_ATTRIBUTES))
def test_no_allowed_attribute_can_run_script_load_a_resource_or_navigate(name: str) -> None:
    assert not name.startswith("on")
    assert name not in {"style", "href", "src", "srcset", "srcdoc", "action", "formaction", "target", "rel", "id", "class",
                        "xlink:href", "ping", "background", "poster", "data", "is", "slot", "form", "autofocus", "popover"}
    assert not name.startswith(("data-", "aria-"))


@pytest.mark.parametrize("line", [
    'A [link](https://example.org){: target="_blank" rel="opener" }',
    'A [link](https://example.org){: target="_blank" }',
    'A paragraph {: rel=opener }',
    'Text {: data-md-component="search" }',
    'Text {: data-md-color-scheme="slate" }',
    '# Heading {: title=\'}\' onclick=alert(1) }',
    'Text {: onerror=alert(1) }',
])
def test_attributes_outside_the_allowlist_are_refused(line: str) -> None:
    assert "attr-list-unsafe" in rules(line)


@pytest.mark.parametrize("line", [
    "Text {: #__config }",
    "Text {: #__search }",
    "# Title {#__drawer}",
    "Text {: #md-content }",
    "Text {: #ld-search-input }",
    "Text {: .md-header }",
    "Text {: .ld-search-open }",
    "Text {: .MD-typeset }",
])
def test_ids_and_classes_the_site_uses_itself_are_refused(line: str) -> None:
    assert "attr-list-reserved" in rules(line), findings(line)


@pytest.mark.parametrize("line", ["Text {: #our-plan }", "Text {: .wide }", "Text {: title='A title' lang=cy }",
                                  "Image ![A bin](bin.png){: width=200 height=100 loading=lazy alt='A bin' }"])
def test_ordinary_ids_classes_and_allowed_attributes_pass(line: str) -> None:
    assert not rules(line) - {"link-broken"}, findings(line)


@pytest.mark.parametrize("body", ["## __config", "# __search", "### __config ###", "## _\\_config", "__config\n========",
                                  "__drawer\n---", "## ld-search", "## `__config`"])
def test_a_heading_whose_id_would_be_the_sites_own_is_refused(body: str) -> None:
    assert "heading-reserved-id" in rules(body), findings(body)


@pytest.mark.parametrize("body", ["## Our plan", "## The __init__ method", "#__config is not a heading", "Some text\n\nMore",
                                  "    ## __config in an indented code block", "```\n## __config\n```"])
def test_ordinary_headings_and_non_headings_pass(body: str) -> None:
    assert "heading-reserved-id" not in rules(body), findings(body)


def test_the_heading_slug_is_the_one_the_renderer_makes() -> None:
    """Checked against Python-Markdown's toc extension itself."""
    import markdown
    for heading in ["## __config", "## Our plan {: #plan }", "## Café au lait", "### ld-search ###", "Setext\n======"]:
        html = markdown.markdown(heading, extensions=["toc", "attr_list"])
        made = html.split('id="', 1)[1].split('"', 1)[0]
        slug = safety.heading_slug(heading.split("\n")[0], setext="\n" in heading)
        if "{: #" not in heading:
            assert made == slug, heading
