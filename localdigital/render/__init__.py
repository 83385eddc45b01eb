"""Render-time helpers the mkdocs hook uses while pages render: HTML blocks kept out of
Markdown's way (setaside.py), fragments drawn once per depth (fragments.py), the pages
kept for `mkdocs serve --dirty` (pagecache.py), the share of pages each renderer writes
(shard.py), each page's Content-Security-Policy (csp.py). Some need the `site` extra
(markdown, jinja2)."""
