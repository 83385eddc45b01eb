"""Set the emitted HTML blocks aside while a renderer converts a page's Markdown.

The emitter writes its tables, filter forms and figures as raw HTML blocks, which
Python-Markdown passes through unchanged, but only after reading them twice with Python's
HTML parser (once itself, once in mkdocs to find anchors): a third of the time spent
converting a listing. `set_aside` swaps each such block for a one-word paragraph;
`put_back` swaps the paragraph's HTML for the block. The page comes out the same.

Only blocks Python-Markdown would pass through anyway are set aside: at the start of a
line outside fenced code, after a blank line, opening with a block-level tag and closing
it at the end of the paragraph. Blocks with an id= are left in place, so that links to
them are still checked.
"""

from __future__ import annotations

import re
import secrets

_OPEN = re.compile(r"<(table|form|div|p|details|figure|ul|ol|dl|section)[\s>]")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_NONCE = secrets.token_hex(8)  # authored text cannot name a block


def set_aside(markdown: str) -> tuple[str, dict[str, str]]:
    """The Markdown with its raw HTML blocks as placeholders, and the blocks by placeholder."""
    if "\n<" not in markdown and not markdown.startswith("<"):
        return markdown, {}
    lines = markdown.split("\n")
    out: list[str] = []
    blocks: dict[str, str] = {}
    fence = ""
    n = 0
    while n < len(lines):
        line = lines[n]
        opening = _FENCE.match(line)
        if fence or opening:
            if fence and opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            elif not fence:
                fence = opening.group(1)
            out.append(line)
            n += 1
            continue
        tag = _OPEN.match(line) if (n == 0 or not lines[n - 1].strip()) else None
        if tag:
            end = n
            while end < len(lines) and lines[end].strip():
                end += 1
            block = "\n".join(lines[n:end])
            if block.rstrip().endswith(f"</{tag.group(1)}>") and " id=" not in block:
                token = f"LDSETASIDE{_NONCE}N{len(blocks)}"
                blocks[token] = block
                out.append(token)
                n = end
                continue
        out.append(line)
        n += 1
    return "\n".join(out), blocks


def put_back(html: str, blocks: dict[str, str]) -> str:
    """The converted page with every placeholder paragraph replaced by its block; a block
    that cannot be put back is an error, never a silent loss."""
    for token, block in blocks.items():
        paragraph = f"<p>{token}</p>"
        if paragraph not in html:
            raise ValueError(f"an HTML block of the page was lost in conversion ({block[:60]!r})")
        html = html.replace(paragraph, block, 1)
    return html
