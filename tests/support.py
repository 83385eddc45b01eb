"""What several test modules share: the repository's paths, a fixed today, tiny repositories
laid in temporary folders, and the content of a small valid site. Test modules import from
here (and conftest.py's fixtures), never from each other."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent  # the repository root
EXAMPLES = Path(__file__).resolve().parent / "example-files"
# A fixed "today" so that date rules (date-future) give the same answer on every day.
TODAY = datetime.date(2026, 11, 27)


def write_files(root: Path, files: Mapping[str, str | bytes]) -> None:
    """Write files (text as UTF-8 exactly as given, line endings untouched; bytes as they are)."""
    for relpath, content in files.items():
        target = root / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def lay_repo(root: Path, files: Mapping[str, str | bytes] | None = None, copy_registers: bool = False) -> Path:
    """A minimal repository at root: a copy of schemas/, the registers (linked unless copied)
    and the files given. Module-scoped fixtures (hypothesis cannot use per-test ones) call it too."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "schemas", root / "schemas")
    if copy_registers:
        shutil.copytree(REPO / "registers", root / "registers")
    else:
        (root / "registers").symlink_to(REPO / "registers", target_is_directory=True)
    write_files(root, files or {})
    return root


SIGNATORY = """\
# yaml-language-server: $schema=../schemas/signatory.schema.json
organisation:
  code: ESS
signed_on: 2018-07-04
contact: digital@essex.gov.uk
commitment:
  title: Open up our waste data
  status: in-progress
"""
PROJECT = """\
---
# yaml-language-server: $schema=../../schemas/project.schema.json
title: A shared waste service
summary: Councils building one waste service together, "in the open".
lead: essex-county-council
phase: discovery
looking_for_partners: true
principles: [1, 2]
services: [524]
---

We are building it together. See [the pattern](../patterns/book-bulky-waste.md).
"""
PATTERN = """\
---
title: Book a bulky waste collection
summary: A tested pattern for booking bulky waste collections.
kind: service-pattern
used_by: [ESS]
related: [shared-waste]
---

How to use it.
"""


def make_site_repo(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True)
    for name in ("schemas", "registers", "hooks", "docs", "overrides"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for relpath, text in files.items():
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        (root / relpath).write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "seed"], cwd=root, check=True)
    return root


GOOD = {"signatories/essex-county-council.yml": SIGNATORY, "content/projects/shared-waste.md": PROJECT,
        "patterns/book-bulky-waste.md": PATTERN, "content/how-to-sign.md": "# Sign\n", "content/how-to-share.md": "# Share\n",
        "content/open-data.md": "# Open data\n", "content/accessibility.md": "# Accessibility\n", "content/privacy.md": "# Privacy\n"}


SECOND = """\
# yaml-language-server: $schema=../schemas/signatory.schema.json
organisation:
  code: CRF
signed_on: 2019-05-01
"""


def _site_extensions() -> tuple[list[str], dict]:
    """mkdocs.yml's markdown_extensions, so these pages render as the site's do."""
    class _Tolerant(yaml.SafeLoader):  # mkdocs.yml's !ENV tags are read as nothing here
        pass
    _Tolerant.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Tolerant)
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        name = entry if isinstance(entry, str) else next(iter(entry))
        names.append(name)
        if isinstance(entry, dict) and entry[name]:
            configs[name] = entry[name]
    return names, configs


EXTENSIONS, EXTENSION_CONFIGS = _site_extensions()


def png() -> bytes:
    """A real one-pixel PNG image, for tests of images in content."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))
# Procurement briefs through three agreements (one only in the 2018 list), and the procurement
# guide's pages as the repository has them (issue 15).
BRIEF = """\
---
title: {title}
summary: A brief for {title}, to reuse.
organisation: ESS
status: awarded
agreement: {agreement}
lot: {lot}
route: {route}
year: {year}
value_band: 100k-500k
---

What we bought.
"""
AGREEMENT_BRIEFS = {
    "content/procurement-briefs/crm.md": BRIEF.format(title="a cloud CRM", agreement="RM1557.14", lot="Lot 2", route="call-off", year=2025),
    "content/procurement-briefs/revenues.md": BRIEF.format(title="a revenues system", agreement="RM6259", lot="Lot 1",
                                                           route="direct-award", year=2024),
    "content/procurement-briefs/old.md": BRIEF.format(title="an old cloud service", agreement="RM1557viii", lot="1",
                                                      route="call-off", year=2017),
}
GUIDE = {f"content/procurement-guide/{p.name}": p.read_text(encoding="utf-8")
         for p in (REPO / "content" / "procurement-guide").glob("*.md")}
