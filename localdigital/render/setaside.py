"""Set the emitted HTML blocks aside while a renderer converts a page's Markdown.

The emitter writes its tables, filter forms and figures as raw HTML blocks, which
Python-Markdown passes through unchanged, but only after reading them twice with Python's
HTML parser (once itself, once in mkdocs to find anchors): a third of the time spent
converting a listing. `set_aside` swaps each such block for a one-word paragraph;
`put_back` swaps the paragraph's HTML for the block. The page comes out the same.

Only blocks Python-Markdown would pass through anyway are set aside: at the start of a
line outside fenced code, after a blank line, opening with a block-level tag and closing
it at the end of the paragraph. The anchors in the blocks set aside (`anchor_ids`) are added
to those mkdocs found on the page, so that links to them are still checked. Fenced code is
found exactly as Python-Markdown's fenced_code finds it (its own pattern, on the text as its
first step normalises it), so an HTML-looking line that Markdown shows as code is never taken
for a block, nor the reverse.
"""

from __future__ import annotations

import html
import re
import secrets

from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.htmlparser import htmlparser

_OPEN = re.compile(r"<(table|form|div|p|details|figure|ul|ol|dl|section)[\s>]")
_NONCE = secrets.token_hex(8)  # authored text cannot name a block
TAB_LENGTH = 4  # Python-Markdown's default, which mkdocs keeps


def set_aside(markdown: str) -> tuple[str, dict[str, str]]:
    """The Markdown with its raw HTML blocks as placeholders, and the blocks by placeholder."""
    if "\n<" not in markdown and not markdown.startswith("<"):
        return markdown, {}
    lines = markdown.split("\n")
    in_code = _fenced_lines(markdown)
    out: list[str] = []
    blocks: dict[str, str] = {}
    n = 0
    while n < len(lines):
        line = lines[n]
        tag = _OPEN.match(line) if (n == 0 or not lines[n - 1].strip()) and n not in in_code else None
        if tag:
            end = n
            while end < len(lines) and lines[end].strip():
                end += 1
            block = "\n".join(lines[n:end])
            if block.rstrip().endswith(f"</{tag.group(1)}>") and not in_code.intersection(range(n, end)):
                token = f"LDSETASIDE{_NONCE}N{len(blocks)}"
                blocks[token] = block
                out.append(token)
                n = end
                continue
        out.append(line)
        n += 1
    return "\n".join(out), blocks


def _fenced_lines(markdown: str) -> set[int]:
    """The numbers of the lines in fenced code, as Python-Markdown's fenced_code extension
    finds it: its own pattern and loop (FencedBlockPreprocessor.run), on the text as its
    NormalizeWhitespace step leaves it (which keeps every line where it was)."""
    text = markdown.replace("\r\n", "\n").replace("\r", "\n").expandtabs(TAB_LENGTH)
    text = re.sub(r"(?<=\n) +\n", "\n", text + "\n\n")
    lines: set[int] = set()
    index = 0
    while True:
        match = FencedBlockPreprocessor.FENCED_BLOCK_RE.search(text, index)
        if match is None:
            return lines
        if match.group("attrs") and get_attrs_and_remainder(match.group("attrs"))[1]:
            index = match.end("attrs")  # unbalanced braces: not a fence, as in Python-Markdown
            continue
        first = text.count("\n", 0, match.start())
        lines.update(range(first, first + text.count("\n", match.start(), match.end()) + 1))
        index = match.end()


def put_back(html: str, blocks: dict[str, str]) -> str:
    """The converted page with every placeholder paragraph replaced by its block; a block
    that cannot be put back is an error, never a silent loss."""
    for token, block in blocks.items():
        paragraph = f"<p>{token}</p>"
        if paragraph not in html:
            raise ValueError(f"an HTML block of the page was lost in conversion ({block[:60]!r})")
        html = html.replace(paragraph, block, 1)
    return html


# The anchors a block gives a page, as mkdocs finds them in raw HTML (an id=, or an <a name=>,
# read by Python's HTML parser: mkdocs.structure.pages._HTMLHandler). The emitter writes every
# attribute as name="value" and escapes quotes in text, so a pattern finds them at a thirtieth of
# the parser's cost (the sector's progress page, with an id on each chart's title, took 63 ms to
# parse). A block with anything the pattern could misread is read by the parser: an id= or name=
# spelt otherwise (other quotes, spaces, capitals) or outside a tag, a single quote anywhere, or
# a comment, script or style, where the parser sees no tags.
_ID = re.compile(r'<[a-zA-Z][^<>]*?\sid="([^"<>]*)"')  # each try stays inside one tag
_ANY = re.compile(r'(?i)[\s"\'/](?:id|name)\s*=')
_NOT_TAGS = re.compile(r"(?i)<(?:!|script|style)")


def anchor_ids(blocks: dict[str, str]) -> set[str]:
    """The anchors (id= and <a name=>) in the blocks set aside."""
    ids: set[str] = set()
    for block in blocks.values():
        found = _ID.findall(block)
        if "'" not in block and len(found) == len(_ANY.findall(block)) and not _NOT_TAGS.search(block):
            ids.update(html.unescape(value) for value in found)
        else:
            parser = _Anchors()
            parser.feed(block)
            parser.close()
            ids |= parser.ids
    return ids


class _Anchors(htmlparser.HTMLParser):
    """mkdocs' _HTMLHandler: every id=, and name= on <a>."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs) -> None:
        for name, value in attrs:
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
