"""A `{% cache key %}…{% endcache %}` tag for the theme's templates (Jinja's fragment-cache
extension, from Jinja's documentation, keeping fragments in memory for one build).

Material draws the whole navigation, header, footer, styles, scripts and its configuration
into every page. Most of that does not depend on the page: for a page that is not itself in
the navigation (items, facet pages, principles: nearly all of them), nothing in the
navigation is marked active, so it is the same for every such page in the same folder; the
header around the page title, the styles, scripts and configuration are the same for every
page at the same depth. Drawn once and reused (overrides/main.html, overrides/partials/header.html),
they stop being half the time spent on each page's template.

LOCALDIGITAL_SHORTCUTS=off draws every fragment every time (and the hook renders each page
with mkdocs' own converter, see hooks/localdigital_hook.py): a build with it must be byte for
byte the same as one without (tests/build/test_site.py checks it; check it again when upgrading the theme).
"""

from __future__ import annotations

import os
import re

from jinja2 import nodes
from jinja2.ext import Extension


SHORTCUTS = os.environ.get("LOCALDIGITAL_SHORTCUTS") != "off"

# The theme's templates indent their markup and leave blank lines where a tag or test was: in
# the navigation, half its bytes. A line break and the white space after it are one line break
# in a drawn fragment: the same to a browser (white space between tags is one space, and none
# of these fragments holds a <pre> or <textarea>), the same to the theme's scripts (a line
# break is kept, so no statement runs into the next). Each page is a fifth smaller, so there
# is less to write, audit and send. Linear: each match starts at a line break.
_INDENTED_BREAK = re.compile(r"\n\s+")


def tidy(fragment: str) -> str:
    """A drawn fragment with each line break's following white space (and blank lines) dropped."""
    return _INDENTED_BREAK.sub("\n", fragment)


def at_depth(name: str, base_url: str, page) -> tuple:
    """The key of a fragment that is the same for every page at the same depth: its links
    point at the site's root or assets/, so they depend only on base_url; a page under
    assets/ (none is) would share a path with them, so it gets a key of its own."""
    url = page.url if page and isinstance(getattr(page, "url", None), str) else ""
    return (name, base_url, url if url.startswith("assets/") else "")


class FragmentCache(Extension):
    tags = {"cache"}

    def __init__(self, environment) -> None:
        super().__init__(environment)
        environment.extend(fragment_cache={})
        environment.globals["at_depth"] = at_depth

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        key = parser.parse_expression()
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_cached", [key]), [], [], body).set_lineno(lineno)

    def _cached(self, key, caller) -> str:
        if not SHORTCUTS:
            return tidy(caller())
        cache = self.environment.fragment_cache
        if key not in cache:
            cache[key] = tidy(caller())
        return cache[key]
