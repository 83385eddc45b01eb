"""The post-build audit: the second line of defence after the validator.

Reads every built HTML page and fails the build on an inline event handler, a
javascript:/vbscript:/data: URL in a link or source, a frame or embedded object, or a
script that is not the theme's own (or ours, in assets/).
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

from .safety import scheme_of

URL_ATTRIBUTES = frozenset(("href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "data", "background"))
FORBIDDEN_TAGS = frozenset(("iframe", "frame", "object", "embed", "applet", "base", "meta-refresh"))
BAD_SCHEMES = frozenset(("javascript", "vbscript", "data", "file"))
# Inline scripts mkdocs-material writes on every page (palette, scope, anchor scroll): known by their start.
THEME_INLINE = (re.compile(r"^__md_scope=new URL\(\"[./]*\",location\)"), re.compile(r"^var palette=__md_get\("),
                re.compile(r"^var target=document\.getElementById\(location\.hash\.slice\(1\)\)"))


class _PageAudit(HTMLParser):
    def __init__(self, path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.problems: list[str] = []
        self.in_script: dict | None = None
        self.script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name.lower(): value or "" for name, value in attrs}
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"{self.path}: a <{tag}> element")
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            self.problems.append(f"{self.path}: a meta refresh")
        for name, value in attributes.items():
            if name.startswith("on"):
                self.problems.append(f"{self.path}: an inline event handler {name}= on <{tag}>")
            if name in URL_ATTRIBUTES and value:
                scheme = scheme_of(value)
                if scheme in BAD_SCHEMES and not (tag == "img" and value.startswith("data:image/svg")):
                    self.problems.append(f"{self.path}: a {scheme}: URL in {name}= on <{tag}>")
            if name == "style" and re.search(r"expression\(|url\(\s*['\"]?\s*javascript:", value, re.I):
                self.problems.append(f"{self.path}: script in a style attribute on <{tag}>")
        if tag == "script":
            src = attributes.get("src")
            if src:
                if not re.match(r"^(\.\./)*(\./)?/?assets/javascripts/[\w.\-/]+\.js$", src):
                    self.problems.append(f"{self.path}: a script from outside the site's assets ({src})")
            elif attributes.get("type") == "application/json" and attributes.get("id") == "__config":
                pass  # the theme's configuration: data, not code
            else:
                self.in_script = attributes
                self.script_text = []

    def handle_data(self, data: str) -> None:
        if self.in_script is not None:
            self.script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.in_script is not None:
            body = "".join(self.script_text).strip()
            if not any(pattern.match(body) for pattern in THEME_INLINE):
                self.problems.append(f"{self.path}: an inline script that is not the theme's ({body[:40]!r})")
            self.in_script = None


def audit_site(site: Path) -> list[str]:
    """Every problem found in the built site; empty when it is safe to publish."""
    problems: list[str] = []
    for folder, dirs, files in os.walk(site):
        for name in dirs + files:
            path = Path(folder) / name
            if path.is_symlink():
                problems.append(f"{path.relative_to(site)}: a symbolic link in the built site")
        for name in files:
            if not name.endswith(".html"):
                continue
            path = Path(folder) / name
            audit = _PageAudit(str(path.relative_to(site)))
            audit.feed(path.read_text(encoding="utf-8", errors="replace"))
            audit.close()
            problems.extend(audit.problems)
    return problems
