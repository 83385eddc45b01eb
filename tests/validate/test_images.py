"""Images from other sites (issue 19, item 2): refused at validation, and by the page's policy.

An image loaded from another site tells that site about every visitor and can be changed
after review. Every form of Markdown image is read: inline, reference-style (three forms),
inside a link; <img> is already refused as raw HTML.
"""

from __future__ import annotations

import pytest

from localdigital.render import csp as audit  # the page policy is written where pages render
from localdigital.validate import safety


def findings(body: str) -> list[tuple[int, int, str, str]]:
    found = []
    safety.check_markdown(body, 1, "projects/x.md", lambda line, col, sev, rule, msg, hint: found.append((line, col, sev, rule, hint)),
                          lambda path: True)
    return found


def external(body: str) -> list[tuple[int, int]]:
    return [(line, col) for line, col, sev, rule, _hint in findings(body) if rule == "image-external" and sev == "error"]


@pytest.mark.parametrize("body,where", [
    ("![](https://evil.example/track.png)", (1, 5)),
    ("Text ![A chart](http://evil.example/chart.png) more", (1, 17)),
    ("![A chart](<https://evil.example/chart.png>)", (1, 12)),
    ('![A chart](https://evil.example/chart.png "A title")', (1, 12)),
    ("[![Badge](https://evil.example/badge.svg)](https://example.org)", (1, 11)),
    ("![A chart][chart]\n\n[chart]: https://evil.example/chart.png", (1, 1)),
    ("![Chart][]\n\n[chart]: https://evil.example/chart.png", (1, 1)),
    ("![Chart]\n\n[CHART]:   <https://evil.example/chart.png>", (1, 1)),
    ("Line one\n![x](https://evil.example/a.png)", (2, 6)),
])
def test_an_image_from_another_site_is_refused_on_its_line(body: str, where: tuple[int, int]) -> None:
    assert external(body) == [where], findings(body)


def test_the_how_to_fix_says_to_keep_a_copy_with_its_licence() -> None:
    hint = [h for _l, _c, _s, rule, h in findings("![](https://evil.example/a.png)") if rule == "image-external"][0]
    assert "keep a copy" in hint and "licence" in hint


def test_an_image_with_a_scheme_that_is_never_allowed_is_a_link_scheme_error_once() -> None:
    found = findings("![A chart](//evil.example/chart.png) ![d](data:image/svg+xml;base64,PHN2Zz4=)")
    assert [rule for *_rest, rule, _hint in found] == ["link-scheme", "link-scheme"]


@pytest.mark.parametrize("body", [
    "![A chart](chart.png)",
    "![A chart](../images/chart.png)",
    "[A link](https://example.org) and ![a chart](chart.png)",
    "[![A chart](chart.png)](https://example.org)",
    "![A chart][chart]\n\n[chart]: chart.png",
    "[A link][site]\n\n[site]: https://example.org",
    "`![code](https://example.org/a.png)`",
    "```\n![code](https://example.org/a.png)\n```",
    "\\![not an image](https://example.org)",
])
def test_links_images_in_the_repository_and_code_pass(body: str) -> None:
    assert external(body) == [], findings(body)


def test_the_page_policy_loads_images_only_from_the_site_itself() -> None:
    csp = audit.policy([])
    img = [part.split() for part in csp.split(";") if part.split()[:1] == ["img-src"]][0]
    assert img == ["img-src", "'self'", "data:"]


def test_following_the_how_to_fix_gives_a_page_that_validates(make_repo, today) -> None:
    """The hint's example is where images are kept (content/images/), linked from the page's own folder."""
    import re

    from localdigital.validate import validate
    from tests.support import png
    head = "---\ntitle: Reporting missed bins\nsummary: How we moved missed bin reports online.\norganisations: [ESS]\n---\n\n"
    root = make_repo({"content/case-studies/bins.md": head + "![Our form](https://cdn.example/form.png)\n"})
    [hint] = [f.hint for f in validate(root, today=today).findings if f.rule == "image-external"]
    example = re.search(r"!\[A description\]\(([^)]+)\)", hint).group(1)
    root = make_repo({"content/case-studies/bins.md": head + f"![Our form]({example})\n", "content/images/my-image.png": png()})
    assert validate(root, today=today).findings == []
