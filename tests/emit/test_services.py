"""A page per council service, for every type (issue 18), on the repository's own content: each
service's page lists exactly the items whose files name it, grouped by type; a listing's "browse
by service" and "by principle" links go to those pages' sections; no listing has its own copy."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml

from localdigital.content import CONTENT_TYPES, SIGNATORY
from localdigital.emit import emit_site
from localdigital.emit.markup import service_name
from localdigital.emit.services import section_id, service_slugs
from localdigital.model import build_model
from localdigital.validate import validate
from tests.support import REPO, TODAY


@pytest.fixture(scope="module")
def site():
    result = validate(REPO, today=TODAY)
    assert result.errors == []
    model = build_model(result, today=TODAY)
    return model, emit_site(model, REPO)


def named_in_files() -> Counter:
    """(service code, content type folder) -> how many files name it, read from the files themselves."""
    counts: Counter = Counter()
    for ctype in CONTENT_TYPES:
        if ctype is SIGNATORY or not ctype.markdown:
            continue
        for path in (REPO / ctype.folder).glob("*.md"):
            data = yaml.safe_load(path.read_text(encoding="utf-8").split("\n---\n", 1)[0].removeprefix("---\n"))
            for code in data.get("services") or []:
                counts[(int(code), section_id(ctype))] += 1
    return counts


def test_each_services_page_lists_exactly_the_items_that_name_it_by_type(site) -> None:
    model, out = site
    counts = named_in_files()
    assert counts, "the site's content names no service: this test needs some"
    names = service_slugs(model)
    for (code, folder), expected in counts.items():
        page = out[f"services/{names[service_name(model, code)]}.md"].markdown
        section = page.split(f"{{#{folder}}}", 1)[1].split("\n## ", 1)[0]
        assert section.count("<li>") == expected, (code, folder)
    assert sum(1 for path in out if re.fullmatch(r"services/[^/]+\.md", path) and path != "services/index.md") == \
        len({code for code, _folder in counts})


def test_listings_browse_by_service_and_principle_on_the_shared_pages(site) -> None:
    model, out = site
    listing = out["case-studies/index.md"].markdown
    service_links = re.findall(r"\]\(\.\./services/([^)#]+)\.md#case-studies\)", listing)
    principle_links = re.findall(r"\]\(\.\./principles/([1-5])\.md#case-studies\)", listing)
    assert service_links and principle_links
    for name in service_links:
        assert "{#case-studies}" in out[f"services/{name}.md"].markdown
    for number in principle_links:
        assert "{#case-studies}" in out[f"principles/{number}.md"].markdown
    # no listing keeps a page per service or principle of its own (only the one for items naming none)
    copies = [p for p in out if re.search(r"/by_(service|principle)/(?!none\.md)", p)]
    assert copies == []


def test_the_services_index_links_every_service_page_and_says_how_to_add_one(site) -> None:
    _model, out = site
    index = out["services/index.md"].markdown
    pages = [p for p in out if p.startswith("services/") and p != "services/index.md"]
    for path in pages:
        assert f'href="{path.removeprefix("services/").removesuffix(".md")}/"' in index, path
    assert all("how-to-share.md" in out[p].markdown for p in pages)
