"""An item page's answer to "what else?": other work by the organisations it names (their
signatory pages list all of it; this shows the rest here, next to the item)."""

from __future__ import annotations

from ..content import SIGNATORY
from ..model import Item
from .markup import html_list, page_link, text

LIMIT = 8


def same_organisations(item: Item, here: str) -> list[str]:
    """A section listing other items that name the same signatories as this one (by type, then
    title; at most LIMIT); [] for signatories (their page lists their work) and when there is none."""
    if item.ctype is SIGNATORY:
        return []
    others: dict[int, tuple[Item, Item]] = {}
    for refs in item.orgs.values():
        for ref in refs:
            if ref.signatory is None:
                continue
            for _role, other in ref.signatory.involved_in:
                if other is not item and id(other) not in others:
                    others[id(other)] = (other, ref.signatory)
    if not others:
        return []
    shown = sorted(others.values(), key=lambda pair: (pair[0].ctype.name, pair[0].title.lower()))[:LIMIT]
    entries = [f"{page_link(other, here)} ({text(other.ctype.label)}, with {page_link(org, here)})" for other, org in shown]
    more = len(others) - len(shown)
    lines = ["## More from the same organisations", "", html_list(entries, searched=False), ""]
    if more > 0:
        lines += [f"And {more} more on their signatory pages.", ""]
    return lines
