"""The maintainers' review aid: what a pull request changes in the content, in words.

`python -m localdigital.review --base REV [--head REV]` compares the content files of two
git revisions and prints a Markdown summary: items added, changed and removed, field by
field; organisations touched; possible duplicates; and what needs a second look (new
external links, contact details). The check workflow appends it to the job summary.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..content import DOCUMENT, ORG_FIELDS, SIGNATORY, content_type_for
from ..load.loader import Loaded, load_markdown_file, load_yaml_file
from ..load.registers import Registers, RegisterError, load_registers
from ..validate import validate

CONTENT_FOLDERS = ("signatories", "content", "patterns")
_URL = re.compile(r"https?://[^\s<>()\[\]\"'`]++")
_EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]++@[\w\-]++(?:\.[\w\-]++)++")
_BACKTICKS = re.compile(r"`++")
_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]++")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|@!~])")


class ReviewError(Exception):
    """A revision cannot be read (unknown, or not a git repository); the message says which."""


# ---- reading two revisions -----------------------------------------------------------

def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=root, input=stdin, capture_output=True, check=True)
    except FileNotFoundError as exc:
        raise ReviewError("git is not installed") from exc
    except subprocess.CalledProcessError as exc:
        raise ReviewError(exc.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed") from exc
    return done.stdout


def tree(root: Path, rev: str) -> dict[str, str]:
    """{path: blob id} of the content files at a revision: one `git ls-tree` call."""
    if rev.startswith("-"):
        raise ReviewError(f"'{rev}' is not a revision")
    out = _git(root, "ls-tree", "-r", "-z", "--full-tree", rev, "--", *CONTENT_FOLDERS)
    blobs = {}
    for entry in out.split(b"\0"):
        if not entry:
            continue
        meta, _, path = entry.partition(b"\t")
        mode, kind, blob = meta.split(b" ")
        name = path.decode("utf-8", "replace")
        if kind == b"blob" and mode != b"120000" and content_type_for(name) is not None:
            blobs[name] = blob.decode("ascii")
    return blobs


def other_files(root: Path, rev: str) -> dict[str, tuple[str, str, int]]:
    """{path: (blob id, what it is, bytes)} of the files under the content folders that are not
    content items (images, pages, anything else), so none is merged unseen: one `git ls-tree` call."""
    if rev.startswith("-"):
        raise ReviewError(f"'{rev}' is not a revision")
    out = _git(root, "ls-tree", "-r", "-z", "-l", "--full-tree", rev, "--", *CONTENT_FOLDERS)
    files = {}
    for entry in out.split(b"\0"):
        if not entry:
            continue
        meta, _, path = entry.partition(b"\t")
        mode, kind, blob, size = meta.split()
        name = path.decode("utf-8", "replace")
        if kind != b"blob" or (content_type_for(name) is not None and mode != b"120000"):
            continue
        suffix = name.rpartition(".")[2].lower() if "." in name.rpartition("/")[2] else ""
        what = ("symbolic link" if mode == b"120000" else "page" if suffix == "md"
                else "image" if suffix in ("png", "jpg", "jpeg", "gif", "webp", "svg") else "file")
        files[name] = (blob.decode("ascii"), what, int(size) if size.isdigit() else 0)
    return files


def _other_changes(root: Path, base: str, head: str, skip: set[str] = frozenset()) -> list[str]:
    """Lines for the files that are not content items: added, changed or removed, with their size."""
    before, after = other_files(root, base), other_files(root, head)
    lines = []
    for path in sorted((before.keys() | after.keys()) - skip):
        old, new = before.get(path), after.get(path)
        if old == new or (old and new and old[0] == new[0]):
            continue
        blob, what, size = new or old
        verb = "added" if old is None else "removed" if new is None else "changed"
        lines.append(f"- {what.capitalize()} {verb}: {_code(path)} ({size:,} bytes)"
                     + (": published with the site; check it is fit to publish, and whose it is" if new and what == "image" else ""))
    return lines


def _other_section(others: list[str]) -> list[str]:
    if not others:
        return []
    return [f"{len(others)} other file{'s' if len(others) != 1 else ''} (images, pages, anything else)",
            "", "### Other files", ""] + others


def read_blobs(root: Path, blobs: set[str]) -> dict[str, bytes]:
    """The contents of many blobs in one `git cat-file --batch` call."""
    if not blobs:
        return {}
    ordered = sorted(blobs)
    out = _git(root, "cat-file", "--batch", stdin=("\n".join(ordered) + "\n").encode("ascii"))
    contents: dict[str, bytes] = {}
    position = 0
    for blob in ordered:
        header_end = out.index(b"\n", position)
        header = out[position:header_end].split(b" ")
        size = int(header[2])
        contents[blob] = out[header_end + 1:header_end + 1 + size]
        position = header_end + 1 + size + 1  # the content is followed by a newline
    return contents


def load(relpath: str, raw: bytes) -> Loaded:
    ctype = content_type_for(relpath)
    if ctype is not None and not ctype.markdown:
        return load_yaml_file(relpath, raw)
    return load_markdown_file(relpath, raw)


# ---- comparing -----------------------------------------------------------------------

@dataclass
class Item:
    relpath: str
    data: dict
    body: str

    @property
    def ctype(self):
        return content_type_for(self.relpath)


@dataclass
class Summary:
    added: list[Item] = field(default_factory=list)
    changed: list[tuple[Item, Item]] = field(default_factory=list)
    removed: list[Item] = field(default_factory=list)
    head_tree: dict[str, str] = field(default_factory=dict)


def _item(relpath: str, raw: bytes) -> Item:
    loaded = load(relpath, raw)
    data = loaded.data if isinstance(loaded.data, dict) else {}
    return Item(relpath, data, loaded.body)


def compare(root: Path, base: str, head: str) -> Summary:
    before, after = tree(root, base), tree(root, head)
    changed_paths = sorted(p for p in before.keys() & after.keys() if before[p] != after[p])
    wanted = {before[p] for p in before.keys() - after.keys()} | {after[p] for p in after.keys() - before.keys()}
    wanted |= {before[p] for p in changed_paths} | {after[p] for p in changed_paths}
    contents = read_blobs(root, wanted)
    summary = Summary(head_tree=after)
    summary.added = [_item(p, contents[after[p]]) for p in sorted(after.keys() - before.keys())]
    summary.removed = [_item(p, contents[before[p]]) for p in sorted(before.keys() - after.keys())]
    summary.changed = [(_item(p, contents[before[p]]), _item(p, contents[after[p]])) for p in changed_paths]
    return summary


def _flatten(data: object, prefix: tuple = ()) -> dict[tuple, object]:
    """Scalars by path; a list of plain values stays whole, so it can be compared as a set."""
    if isinstance(data, dict):
        flat: dict[tuple, object] = {}
        for key, value in data.items():
            flat.update(_flatten(value, prefix + (key,)))
        return flat
    if isinstance(data, list) and any(isinstance(v, (dict, list)) for v in data):
        flat = {}
        for index, value in enumerate(data):
            flat.update(_flatten(value, prefix + (index,)))
        return flat
    return {prefix: data}


def field_words(path: tuple) -> str:
    """('commitment', 'status') -> 'commitment status'; ('updates', 2, 'text') -> 'updates entry 3 text'."""
    return " ".join(f"entry {p + 1}" if isinstance(p, int) else str(p).replace("_", " ") for p in path)


def _shown(value: object) -> str:
    if value is None:
        return "(empty)"
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value) or "(empty)"
    text = " ".join(str(value).split())
    return text if len(text) <= 80 else text[:79] + "…"


def field_changes(old: dict, new: dict) -> list[str]:
    """Each changed field, in words: 'commitment status in-progress → delivered'."""
    before, after = _flatten(old), _flatten(new)
    lines = []
    for path in sorted(before.keys() | after.keys(), key=lambda p: [str(x) for x in p]):
        was, now = before.get(path), after.get(path)
        if was == now:
            continue
        words = field_words(path)
        if path not in before:
            lines.append(f"{words} added: {_shown(now)}")
        elif path not in after:
            lines.append(f"{words} removed (was {_shown(was)})")
        elif isinstance(was, list) and isinstance(now, list):
            gained = [v for v in now if v not in was]
            lost = [v for v in was if v not in now]
            parts = ([f"added {_shown(gained)}"] if gained else []) + ([f"removed {_shown(lost)}"] if lost else [])
            lines.append(f"{words}: " + ("; ".join(parts) or "reordered"))
        else:
            lines.append(f"{words} {_shown(was)} → {_shown(now)}")
    return lines


# ---- names ---------------------------------------------------------------------------

class Names:
    """People-readable names of organisations (register names) and items (titles)."""

    def __init__(self, registers: Registers | None, signatories: dict[str, Item]) -> None:
        self.registers = registers
        self.signatories = signatories

    def organisation(self, ref: object) -> str | None:
        if isinstance(ref, dict):
            name = ref.get("name")
            return str(name) if name else None
        if not isinstance(ref, str):
            return None
        if self.registers is not None:
            body = self.registers.organisation(ref)
            if body is not None:
                return body.name
        if ref in self.signatories:
            return self.item(self.signatories[ref])
        return ref

    def item(self, item: Item) -> str:
        if item.ctype is SIGNATORY:
            organisation = item.data.get("organisation")
            if isinstance(organisation, dict):
                name = self.organisation(organisation.get("code")) if organisation.get("code") else organisation.get("name")
                if name:
                    return str(name)
            return item.relpath.rpartition("/")[2].rpartition(".")[0]
        title = item.data.get("title")
        return str(title) if title else item.relpath

    def organisations_of(self, item: Item) -> set[str]:
        names = set()
        if item.ctype is SIGNATORY:
            names.add(self.item(item))
        for pattern in ORG_FIELDS.get(item.ctype.name if item.ctype else "", ()):
            value: list = [item.data]
            for part in pattern:
                value = [v for x in value for v in (x if isinstance(x, list) else [])] if part == "*" else \
                    [x.get(part) for x in value if isinstance(x, dict) and part in x]
            names.update(n for n in (self.organisation(v) for v in value) if n)
        return names


# ---- what needs a second look --------------------------------------------------------

def _strings(data: object) -> list[tuple[tuple, str]]:
    return [(path, value) for path, value in _flatten_all(data, ()) if isinstance(value, str)]


def _flatten_all(data: object, prefix: tuple) -> list[tuple[tuple, object]]:
    if isinstance(data, dict):
        return [pair for key, value in data.items() for pair in _flatten_all(value, prefix + (key,))]
    if isinstance(data, list):
        return [pair for index, value in enumerate(data) for pair in _flatten_all(value, prefix + (index,))]
    return [(prefix, data)]


def _urls(item: Item | None) -> set[str]:
    if item is None:
        return set()
    texts = [value for _path, value in _strings(item.data)] + [item.body]
    return {match.rstrip(".,;:") for text in texts for match in _URL.findall(text)}


def _contacts(item: Item | None) -> set[str]:
    """Contact details: contact fields and any email address in a field or the body."""
    if item is None:
        return set()
    found = set()
    for path, value in _strings(item.data):
        if any(isinstance(p, str) and ("contact" in p or "email" in p) for p in path):
            found.add(value)
        found.update(_EMAIL.findall(value))
    found.update(_EMAIL.findall(item.body))
    return found


def second_look(old: Item | None, new: Item) -> list[str]:
    lines = []
    for url in sorted(_urls(new) - _urls(old)):
        lines.append(f"new external link: {url}")
    for contact in sorted(_contacts(new) - _contacts(old)):
        lines.append(f"contact details: {contact}")
    return lines


# ---- the summary ---------------------------------------------------------------------

def _md(text: str) -> str:
    """Text from a contributor, safe in Markdown: no links, HTML, images or @mentions, on one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(_LINE_BREAKS.sub(" ", text).split()))


def _code(text: str) -> str:
    """A path as a code span, on one line (git paths can hold line breaks) and unbreakable."""
    text = _LINE_BREAKS.sub(" ", text)
    fence = "`" * (max((len(r) for r in _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def summarise(root: Path, base: str, head: str) -> str:
    summary = compare(root, base, head)
    try:
        registers: Registers | None = load_registers(root / "registers")
    except RegisterError:
        registers = None
    head_files = summary.head_tree
    signatory_blobs = {p: b for p, b in head_files.items() if content_type_for(p) is SIGNATORY}
    present = {new.relpath: new for new in summary.added} | {new.relpath: new for _old, new in summary.changed}
    missing = {b for p, b in signatory_blobs.items() if p not in present}
    contents = read_blobs(root, missing)
    signatories = {p.rpartition("/")[2].removesuffix(".yml"): present.get(p) or _item(p, contents[b])
                   for p, b in signatory_blobs.items()}
    names = Names(registers, signatories)

    counts = f"{len(summary.added)} added, {len(summary.changed)} changed, {len(summary.removed)} removed"
    kept_paths = {path for _word, path in kept_files(root, base, head)}  # said in their own section, with a warning
    other = _other_section(_other_changes(root, base, head, skip=kept_paths))
    kept = kept_files_section(root, base, head)
    lines = ["## What this pull request changes", "", counts] + other + kept
    if not (summary.added or summary.changed or summary.removed):
        lines += ["", "No content items change." if other or kept else "No content files change."]
        return "\n".join(lines) + "\n"
    if summary.added:
        lines += ["", "### Added", ""]
        lines += [f"- {item.ctype.label.capitalize()}: {_md(names.item(item))} ({_code(item.relpath)})" for item in summary.added]
    if summary.changed:
        lines += ["", "### Changed", ""]
        for old, new in summary.changed:
            name = names.item(new)
            changes = field_changes(old.data, new.data)
            if old.body != new.body:
                changes.append("text of the page changed")
            lines.append(f"- {new.ctype.label.capitalize()} {_code(new.relpath)}:")
            lines += [f"  - {_md(name)}: {_md(change)}" for change in changes or ["no field changed (layout or comments only)"]]
    if summary.removed:
        lines += ["", "### Removed", ""]
        lines += [f"- {item.ctype.label.capitalize()}: {_md(names.item(item))} ({_code(item.relpath)})" for item in summary.removed]

    touched = set()
    for item in summary.added + summary.removed + [new for _old, new in summary.changed]:
        touched |= names.organisations_of(item)
    if touched:
        lines += ["", "### Organisations touched", ""]
        lines += [f"- {_md(name)}" for name in sorted(touched)]

    duplicates = near_duplicates(root, summary)
    if duplicates:
        lines += ["", "### Possible duplicates", ""]
        lines += [f"- {_code(path)}: {_md(message)}" for path, message in duplicates]

    look = []
    for item in summary.added:
        look += [(item.relpath, line) for line in second_look(None, item)]
    for old, new in summary.changed:
        look += [(new.relpath, line) for line in second_look(old, new)]
    if look:
        lines += ["", "### Needs a second look", ""]
        lines += [f"- {_code(path)}: {_md(line)}" for path, line in look]
    return "\n".join(lines) + "\n"


def kept_files(root: Path, base: str, head: str) -> list[tuple[str, str]]:
    """(added / changed / removed, path) of the files kept beside documents (content/documents/<id>/...)."""
    def files(rev: str) -> dict[str, str]:
        out = _git(root, "ls-tree", "-r", "-z", "--full-tree", rev, "--", DOCUMENT.folder)
        found = {}
        for entry in out.split(b"\0"):
            meta, _, path = entry.partition(b"\t")
            name = path.decode("utf-8", "replace")
            if entry and name.count("/") >= 3:
                found[name] = meta.split(b" ")[-1].decode("ascii")
        return found
    before, after = files(base), files(head)
    return ([("added", p) for p in sorted(after.keys() - before.keys())]
            + [("changed", p) for p in sorted(before.keys() & after.keys()) if before[p] != after[p]]
            + [("removed", p) for p in sorted(before.keys() - after.keys())])


def kept_files_section(root: Path, base: str, head: str) -> list[str]:
    kept = kept_files(root, base, head)
    if not kept:
        return []
    return (["", "### Files kept beside documents", "",
             "The check has read each for its type, size and active content; open one only in a viewer you trust.", ""]
            + [f"- {_md(word)}: {_code(path)}" for word, path in kept])


def near_duplicates(root: Path, summary: Summary) -> list[tuple[str, str]]:
    """The validator's title-near-duplicate warnings on added and changed files (checked against the working tree)."""
    paths = [item.relpath for item in summary.added] + [new.relpath for _old, new in summary.changed]
    if not paths:
        return []
    result = validate(root, paths)
    return [(f.path, f.message) for f in result.findings if f.rule == "title-near-duplicate" and f.path in paths]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m localdigital.review",
                                     description="Summarise the content changes between two git revisions, in Markdown.")
    parser.add_argument("--base", required=True, help="the revision before the change, e.g. origin/main or HEAD^1")
    parser.add_argument("--head", default="HEAD", help="the revision after the change (default: HEAD)")
    parser.add_argument("--root", default=".", help="the repository root (default: the current folder)")
    args = parser.parse_args(argv)
    try:
        print(summarise(Path(args.root).resolve(), args.base, args.head), end="")
    except ReviewError as exc:
        print(f"review: cannot compare {args.base} and {args.head}: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
