"""Rules about things recorded twice (rule ids id-duplicate, signatory-duplicate,
title-near-duplicate)."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable

from ..content import SIGNATORY
from ..findings import WARNING, Finding
from .records import Record


def check_ids(records: dict[str, Record]) -> None:
    """Two namespaces: organisations (signatories) and items; each id unique within its own."""
    by_id: dict[tuple[bool, str], list[Record]] = defaultdict(list)
    for record in records.values():
        if record.ctype is not None:
            by_id[(record.ctype is SIGNATORY, record.id)].append(record)
    for (_is_signatory, ident), group in by_id.items():
        if len(group) > 1:
            for record in group[1:]:
                others = ", ".join(r.relpath for r in group if r is not record)
                record.loaded.error("id-duplicate", f"the id '{ident}' is already used by {others}",
                                    "ids are file names and must be unique: rename this file")


def check_signatory_code(record: Record, codes: dict[str, list[Record]]) -> None:
    """One signatory file per registered organisation; codes collects the files of each code."""
    organisation = record.data.get("organisation")
    if not isinstance(organisation, dict) or not isinstance(organisation.get("code"), str):
        return
    codes.setdefault(organisation["code"], []).append(record)


def report_signatory_duplicates(codes: dict[str, list[Record]], added: Callable[[str], tuple]) -> None:
    """Two files for one organisation: the one added last (by added(relpath), e.g. when git first
    saw it) is the one to fix, since the change that adds it is the one under review."""
    for code, group in codes.items():
        if len(group) < 2:
            continue
        first, *later = sorted(group, key=lambda r: (added(r.relpath), r.relpath))
        for record in later:
            record.loaded.error("signatory-duplicate", f"{first.relpath} already records '{code}' as a signatory",
                                f"add your changes to {first.relpath} instead, and delete {record.relpath}",
                                ("organisation", "code"))


def check_near_duplicates(records: dict[str, Record], selected: set[str] | None) -> None:
    """Warn when a title says much the same as others of its type ("3 projects already cover ...")."""
    by_type: dict[str, list[tuple[Record, frozenset[str]]]] = defaultdict(list)
    for record in records.values():
        title = record.data.get("title") if record.ctype is not None else None
        if isinstance(title, str):
            words = _title_words(title)
            if len(words) >= 2:
                by_type[record.ctype.name].append((record, words))
    for entries in by_type.values():
        # A similarity join with prefix filtering: two titles with Jaccard >= 0.6 must share
        # one of the rarest few words of each, so only those words are indexed and looked up.
        # Word sets become bit masks, so an overlap is one AND and a bit count.
        frequency: Counter[str] = Counter(word for _record, words in entries for word in words)
        bit = {word: 1 << number for number, word in enumerate(frequency)}
        masks = [sum(bit[word] for word in words) for _record, words in entries]
        sizes = [len(words) for _record, words in entries]
        prefixes = [_prefix(words, frequency) for _record, words in entries]
        index: dict[str, list[int]] = defaultdict(list)
        for position, prefix in enumerate(prefixes):
            for word in prefix:
                index[word].append(position)
        for position, (record, _words) in enumerate(entries):
            if selected is not None and record.relpath not in selected:
                continue
            mask, size = masks[position], sizes[position]
            smallest, largest = NEAR_DUPLICATE * size, size / NEAR_DUPLICATE  # Jaccard bounds the sizes too
            counts = {}
            for other in {other for word in prefixes[position] for other in index[word]}:
                other_size = sizes[other]
                if smallest <= other_size <= largest and other != position:
                    shared = (mask & masks[other]).bit_count()
                    if shared >= NEAR_DUPLICATE * (size + other_size - shared):
                        counts[other] = shared
            related = set(_related(record))
            similar = []
            for other in counts:
                other_record = entries[other][0]
                if other_record.id not in related and record.id not in _related(other_record):
                    similar.append(other_record)
            if similar:
                similar.sort(key=lambda r: r.relpath)
                names = "; ".join(f"'{r.data['title']}' ({r.relpath})" for r in similar[:3])
                count = len(similar)
                noun = f"{record.ctype.plural.lower()} already cover" if count > 1 else f"{record.ctype.label} already covers"
                record.loaded.findings.append(Finding(
                    record.relpath, *record.loaded.mark(("title",)), WARNING, "title-near-duplicate",
                    f"{count} other {noun} much the same: {names}",
                    "check whether you can join or reuse it; if yours is different, make the title say how, "
                    "or list it under related: if they belong together"))


NEAR_DUPLICATE = 0.6  # Jaccard similarity of title words at which a warning is given


def _prefix(words: frozenset[str], frequency: Counter) -> list[str]:
    ordered = sorted(words, key=lambda word: (frequency[word], word))
    return ordered[: len(ordered) - math.ceil(NEAR_DUPLICATE * len(ordered)) + 1]


_STOP = frozenset("a an and the of for to in on with by at from our your their new digital council councils local service services "
                  "project projects system platform discovery alpha beta live phase".split())


def _title_words(title: str) -> frozenset[str]:
    words = re.findall(r"[a-z0-9]+", title.lower())
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words if w not in _STOP)


def _related(record: Record) -> list:
    related = record.data.get("related")
    return related if isinstance(related, list) else []
