"""A `{% cache key %}…{% endcache %}` tag for the theme's templates (Jinja's fragment-cache
extension, from Jinja's documentation, keeping fragments in memory for one build).

Material draws the whole navigation into every page. For a page that is not itself in the
navigation (items, facet pages, principles: nearly all of them), nothing in it is marked
active, so it is the same for every such page at the same depth: drawn once per depth and
reused, it stops being a third of the time spent on each page's template.
"""

from __future__ import annotations

from jinja2 import nodes
from jinja2.ext import Extension


class FragmentCache(Extension):
    tags = {"cache"}

    def __init__(self, environment) -> None:
        super().__init__(environment)
        environment.extend(fragment_cache={})

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        key = parser.parse_expression()
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_cached", [key]), [], [], body).set_lineno(lineno)

    def _cached(self, key, caller) -> str:
        cache = self.environment.fragment_cache
        if key not in cache:
            cache[key] = caller()
        return cache[key]
