"""The site's social card: the image a link preview shows (og:image), drawn here at build time
as a PNG with the standard library (zlib): the mark on the site's teal, a gold rule. No font and
no request to anyone: the preview's words come from each page's own title and description."""

from __future__ import annotations

import functools
import math
import struct
import zlib

WIDTH, HEIGHT = 1200, 630
TEAL, WHITE, GOLD, DARK = (0x0B, 0x4F, 0x55), (0xFF, 0xFF, 0xFF), (0xF2, 0xC1, 0x4E), (0x07, 0x3A, 0x3F)
CARD = "social-card.png"


class _Canvas:
    def __init__(self, colour: tuple[int, int, int]) -> None:
        self.rows = [bytearray(bytes(colour) * WIDTH) for _ in range(HEIGHT)]

    def span(self, y: int, x0: float, x1: float, colour: tuple[int, int, int]) -> None:
        if 0 <= y < HEIGHT:
            a, b = max(0, int(math.ceil(x0))), min(WIDTH - 1, int(x1))
            if a <= b:
                self.rows[y][3 * a:3 * (b + 1)] = bytes(colour) * (b - a + 1)

    def disc(self, cx: float, cy: float, r: float, colour: tuple[int, int, int]) -> None:
        for y in range(int(cy - r), int(cy + r) + 1):
            half = r * r - (y - cy) ** 2
            if half >= 0:
                self.span(y, cx - math.sqrt(half), cx + math.sqrt(half), colour)

    def line(self, a: tuple[float, float], b: tuple[float, float], width: float, colour: tuple[int, int, int]) -> None:
        steps = max(1, int(math.dist(a, b) / (width / 4)))
        for n in range(steps + 1):
            t = n / steps
            self.disc(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, width / 2, colour)

    def png(self) -> bytes:
        raw = b"".join(b"\x00" + bytes(row) for row in self.rows)

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


@functools.lru_cache(maxsize=1)  # the same bytes every build: drawn once per process (make serve re-emits)
def social_card() -> bytes:
    """The card as PNG bytes: the same mark as the header's (overrides/partials/logo.html), scaled."""
    canvas = _Canvas(TEAL)
    for y in range(HEIGHT - 40, HEIGHT):
        canvas.span(y, 0, WIDTH - 1, DARK)
    for y in range(HEIGHT - 52, HEIGHT - 40):
        canvas.span(y, 0, WIDTH - 1, GOLD)
    scale, ox, oy = 9.0, WIDTH / 2 - 24 * 9.0, 75.0
    points = [(24, 7), (39.2, 18), (33.4, 36), (14.6, 36), (8.8, 18)]
    at = [(ox + x * scale, oy + y * scale) for x, y in points]
    centre = (ox + 24 * scale, oy + 24 * scale)
    for point in at:
        canvas.line(point, centre, 2 * scale, (0x9D, 0xB9, 0xBB))
    for a, b in zip(at, at[1:] + at[:1], strict=True):
        canvas.line(a, b, 3 * scale, WHITE)
    for x, y in at:
        canvas.disc(x, y, 4.5 * scale, WHITE)
    canvas.disc(*centre, 6 * scale, WHITE)
    canvas.disc(*centre, 5 * scale, GOLD)
    return canvas.png()
