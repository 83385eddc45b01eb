"""Each page's Content-Security-Policy, written into its head as the renderer writes the page.

The policy allows scripts only from the site itself, plus the theme's own inline scripts by
their hashes; nothing loads from another origin. The build's audit (build/audit.py) checks
every built page carries it.
"""

from __future__ import annotations

import base64
import hashlib
import re

CSP_MARK = 'http-equiv="Content-Security-Policy"'
# Inline scripts mkdocs-material writes on every page (palette, scope, anchor scroll): known by their start.
# The scope is relative ("../") on pages, and the site's path ("/" or "/repository/") on the 404 page.
THEME_INLINE = (re.compile(r"^__md_scope=new URL\(\"(?:[./]*|/[\w\-./~%]*)\",location\)"), re.compile(r"^var palette=__md_get\("),
                re.compile(r"^var target=document\.getElementById\(location\.hash\.slice\(1\)\)"))
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)


def policy(hashes: list[str]) -> str:
    """The page's policy: scripts only from the site itself plus the theme's inline scripts by
    hash. 'wasm-unsafe-eval' lets pagefind run its WebAssembly (it does not allow JS eval)."""
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'"] + [f"'sha256-{h}'" for h in hashes])
    return ("default-src 'self'; "
            f"script-src {scripts}; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
            "connect-src 'self'; worker-src 'self' blob:; frame-src 'none'; "
            "object-src 'none'; base-uri 'none'; form-action 'self'")


def directive(csp: str, name: str) -> str:
    for part in csp.split(";"):
        words = part.split()
        if words and words[0].lower() == name:
            return " ".join(words[1:])
    return ""


def with_csp(text: str) -> str | None:
    """The page with a Content-Security-Policy meta first in its head, hashing the theme's inline
    scripts of that page (their text varies with the page's depth); the page as it is when it
    has one already; None when it has no <head>. Other inline scripts get no hash, so the
    browser blocks them; the audit reports them too."""
    if CSP_MARK in text[:2048]:
        return text
    head = _HEAD.search(text)
    if head is None:
        return None
    hashes = []
    for match in _INLINE_SCRIPT.finditer(text):
        body = match.group(1)
        if any(pattern.match(body.strip()) for pattern in THEME_INLINE):
            hashes.append(base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii"))
    meta = f'<meta {CSP_MARK} content="{policy(sorted(set(hashes)))}">'
    return text[:head.end()] + meta + text[head.end():]
