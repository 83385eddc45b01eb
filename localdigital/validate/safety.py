"""Safety of what will be published: Markdown bodies and text fields.

Python-Markdown (what mkdocs renders with) passes raw HTML, javascript: links and
attr_list event handlers straight through, so these checks read the source text
itself: raw HTML, link and image targets, attribute lists, personal data.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Callable


from ..findings import ERROR, WARNING



@functools.lru_cache(maxsize=1)
def _commonmark():
    """A CommonMark parser, to find code blocks; imported only for bodies that may have one."""
    from markdown_it import MarkdownIt
    return MarkdownIt("commonmark")


ALLOWED_SCHEMES = frozenset(("http", "https", "mailto"))
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^<>\s]*>|<[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+>")
# CommonMark reads <scheme:anything> as a link for any scheme (<javascript:...> too), and <a@b.c> as mailto.
_MARKDOWN_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\x00-\x20]*>|<[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+>")
_RAW_HTML = re.compile(r"<\s*[/!?]?\s*[A-Za-z]|<!--")
_LINK_TARGET = re.compile(r"\]\(\s*(<[^>\n]*>|[^)\s]*)")
_REFERENCE_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>\n]*>|\S+)")
_ATTR_LIST = re.compile(r"\{:?\s*([^{}\n]*?)\s*\}")
_ATTR_PAIR = re.compile(r"([A-Za-z_:][\w:.\-]*)\s*=")
_ATTR_TOKEN = re.compile(r"""[^ =}]+="[^"]*"|[^ =}]+='[^']*'|[^ =}]+=[^ =}]+|[^ =}]+""")  # as attr_list scans
_ATTR_TAIL = re.compile(r"[ ]+\{:?[ ]*([^}\n ][^\n]*)[ ]*\}[ ]*$")  # attr_list's HEADER_RE
_INLINE_END = frozenset((")", "*", "_", "`", "]", ">"))  # attr_list also applies right after an inline element
SAFE_ATTRIBUTES = frozenset(("title", "alt", "lang", "width", "height", "rel", "target", "loading"))
_EMAIL = re.compile(r"(?<![\w.+\-])([\w.+\-]+)@([\w\-]+(?:\.[\w\-]+)+)")
_MOBILE = re.compile(r"(?<!\d)(?:\+44\s?\(?0?\)?\s?7|\(?07)\d{3}\)?[\s\-]?\d{3}[\s\-]?\d{3}(?!\d)")
ROLE_WORDS = frozenset("""
digital data info information enquiries enquiry contact contacts team service services customer customers
support help helpdesk it ict web website office admin press media comms communications foi privacy dpo
transformation procurement planning council democratic feedback hello mail complaints noreply no-reply
""".split())

Report = Callable[[int, int, str, str, str, str], None]  # line, col, severity, rule, message, hint


def scheme_of(target: str) -> str | None:
    """The scheme of a link target as a browser would see it (entities decoded, controls removed)."""
    cleaned = _CONTROL.sub("", html.unescape(html.unescape(target)))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def check_link(target: str, report: Report, line: int, col: int, relpath: str, exists: Callable[[str], bool]) -> None:
    target = target.strip()
    if target.startswith("<") and target.endswith(">"):
        target = target[1:-1]
    if not target:
        report(line, col, ERROR, "link-empty", "this link has no address", "put the web address between the brackets: [text](https://...)")
        return
    scheme = scheme_of(target)
    if scheme is not None:
        if scheme not in ALLOWED_SCHEMES:
            report(line, col, ERROR, "link-scheme", f"links to '{scheme}:' addresses are not allowed",
                   "link only to https://, http:// or mailto: addresses, or to another page of this site")
        return
    if target.startswith(("//", "\\")) or "\\" in target:
        report(line, col, ERROR, "link-scheme", "this link leaves the site without saying how",
               "write the full address starting with https://")
        return
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return  # an anchor on the same page
    if path.startswith("/"):
        report(line, col, ERROR, "link-relative", "links inside the site must be relative to this file",
               "write the path from this file, e.g. ../projects/my-project.md")
        return
    # Resolved in the site's page tree (see content.site_path), where the link will be followed.
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(relpath), html.unescape(path)))
    if resolved.startswith("../") or resolved == ".." or resolved.startswith("/"):
        report(line, col, ERROR, "link-outside", f"this link points outside the site ({target})",
               "link only to other pages of this site, or use a full https:// address")
        return
    if not exists(resolved):
        report(line, col, ERROR, "link-broken", f"this link points to a file that does not exist: {target}",
               "check the file name and folder; paths are relative to this file")


def check_text_field(text: str, report_at: Callable[[str, str, str, str], None]) -> None:
    """A front-matter value: no HTML, no personal data."""
    if "<" in text and _RAW_HTML.search(_AUTOLINK.sub("", text)):
        report_at(ERROR, "field-html", "HTML is not allowed in fields", "write plain text; remove anything between < and >")
    if "@" in text:
        for match in _EMAIL.finditer(text):
            _check_email(match, lambda sev, rule, msg, hint, _c=0: report_at(sev, rule, msg, hint))
    if _maybe_phone(text) and _MOBILE.search(text):
        report_at(ERROR, "personal-phone", "this looks like a mobile phone number", _PHONE_HINT)


def _maybe_phone(text: str) -> bool:
    """Every UK mobile number the pattern knows has "07" or "+44" in it; the pattern itself is slow."""
    return "07" in text or "+44" in text


_PHONE_HINT = "do not publish personal phone numbers; give a role mailbox or a contact form instead"


def _check_email(match: re.Match, report: Callable[..., None]) -> None:
    local = match.group(1).lower()
    parts = re.split(r"[._]", local)
    if len(parts) == 2 and all(p.isalpha() and len(p) > 1 for p in parts) and not (set(parts) & ROLE_WORDS):
        report(WARNING, "personal-email", f"'{match.group(0)}' looks like a named person's email address",
               "use a role mailbox such as digital@yourcouncil.gov.uk, so it still works when people move on")


_PY_FENCE_OPEN = re.compile(r"^(`{3,}|~{3,})[ ]*(?:\{[^\n]*\}|\.?[\w#.+-]*[ ]*)?$")


def _fenced_alike(lines: list[str], span: list[int] | None) -> bool:
    """Whether the site's renderer (Python-Markdown's fenced_code) also reads this CommonMark
    fence as code: it opens at the start of a line and is closed by exactly the same fence.
    Otherwise its lines are checked like any others, since the renderer would pass raw HTML
    in them through (an unclosed fence, a longer closing fence, a fence inside a list)."""
    if not span or span[1] - span[0] < 2:
        return False
    opening = _PY_FENCE_OPEN.match(lines[span[0]])
    return bool(opening) and lines[span[1] - 1].rstrip(" ") == opening.group(1)


def check_markdown(body: str, first_line: int, relpath: str, report: Report, exists: Callable[[str], bool]) -> None:
    """Raw HTML, unsafe links and attribute lists, and personal data in a Markdown body."""
    # Most bodies have nothing any check could fire on: look at the whole body once first.
    has_phone = _maybe_phone(body) and _MOBILE.search(body) is not None
    if not has_phone and "<" not in body and "](" not in body and "]:" not in body and "{" not in body and "@" not in body:
        return
    lines = body.split("\n")
    code_lines: set[int] = set()
    if "`" in body or "~~~" in body or "    " in body:
        for token in _commonmark().parse(body):
            if token.type == "code_block" and token.map or token.type == "fence" and _fenced_alike(lines, token.map):
                code_lines.update(range(token.map[0], token.map[1]))
    for index, raw_line in enumerate(lines):
        if index in code_lines or not raw_line:
            continue
        line = first_line + index
        text = _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), raw_line) if "`" in raw_line else raw_line
        if "<" in text:
            masked = _MARKDOWN_AUTOLINK.sub(lambda m: " " * len(m.group(0)), text)
            found = _RAW_HTML.search(masked)
            if found:
                report(line, found.start() + 1, ERROR, "markdown-raw-html", "raw HTML is not allowed in Markdown",
                       "use Markdown instead (e.g. **bold**, [link](https://...)); to show a < sign in text write &lt;")
            for match in _MARKDOWN_AUTOLINK.finditer(text):
                target = match.group(0)[1:-1]
                if scheme_of(target) is None and "@" in target:
                    continue  # <name@example.gov.uk> is a mailto: link, not a file
                check_link(target, report, line, match.start() + 1, relpath, exists)
        if "](" in text:
            for match in _LINK_TARGET.finditer(text):
                check_link(match.group(1), report, line, match.start(1) + 1, relpath, exists)
        if "]:" in text:
            match = _REFERENCE_DEF.match(text)
            if match:
                check_link(match.group(1), report, line, match.start(1) + 1, relpath, exists)
        if "{" in text:
            named: set[str] = set()
            for col, names in _attribute_lists(text):
                for name in names:
                    if name.lower() not in SAFE_ATTRIBUTES and name not in named:
                        named.add(name)
                        report(line, col, ERROR, "attr-list-unsafe",
                               f"the attribute '{name}' is not allowed in an attribute list",
                               "remove it; only classes (.name), ids (#name) and "
                               + ", ".join(sorted(SAFE_ATTRIBUTES)) + " may be set")
        if "@" in text:
            for match in _EMAIL.finditer(text):
                _check_email(match, lambda sev, rule, msg, hint, _l=line, _m=match: report(_l, _m.start() + 1, sev, rule, msg, hint))
        found = _MOBILE.search(text) if has_phone else None
        if found:
            report(line, found.start() + 1, ERROR, "personal-phone", "this looks like a mobile phone number", _PHONE_HINT)


def _attribute_lists(text: str) -> list[tuple[int, list[str]]]:
    """(column, attribute names) of each {...} on a line, read as generously as attr_list reads it."""
    found = []
    for match in _ATTR_LIST.finditer(text):
        names = _ATTR_PAIR.findall(match.group(1))
        if match.end() == len(text.rstrip()) or text[match.start() - 1:match.start()] in _INLINE_END:
            # Where attr_list applies, a bare word becomes an attribute too: {: onclick } gives <p onclick>.
            names += _bare_words(match.group(1))
        found.append((match.start() + 1, names))
    tail = _ATTR_TAIL.search(text)
    if tail:  # at the end of a heading or line attr_list takes everything from the first " {" to the last "}"
        found.append((tail.start(1), _ATTR_PAIR.findall(tail.group(1)) + _bare_words(tail.group(1))))
    return found


def _bare_words(inner: str) -> list[str]:
    return [token for token in _ATTR_TOKEN.findall(inner) if "=" not in token and token[0] not in ".#"]
