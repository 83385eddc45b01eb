"""Procurement briefs as data: the words for their fields (route, value band), the link from a
brief to its agreement's page, and the facets the briefs listing filters by (agreement, route,
year, value band). Used by items.py, listings.py and agreements.py."""

from __future__ import annotations

from ..content import AGREEMENTS_FOLDER
from ..load.agreements import Agreement
from ..model import Item, SiteModel
from .markup import attr, rel_url, text

VALUE_BANDS = {
    "under-25k": "under £25,000", "25k-100k": "£25,000 to £100,000", "100k-500k": "£100,000 to £500,000",
    "500k-1m": "£500,000 to £1 million", "over-1m": "over £1 million",
}
ROUTES = {
    "opportunity": "published opportunity", "further-competition": "further competition",
    "direct-award": "direct award", "call-off": "call-off (method not stated)",
}
NOT_STATED = "not stated"


def agreement_url(agreement: Agreement) -> str:
    return f"{AGREEMENTS_FOLDER}/{agreement.slug}/"


def agreement_src(agreement: Agreement) -> str:
    return f"{AGREEMENTS_FOLDER}/{agreement.slug}.md"


def agreement_of(item: Item, model: SiteModel) -> Agreement | None:
    reference = item.data.get("agreement")
    return model.registers.agreements.get(reference) if isinstance(reference, str) else None


def agreement_link(item: Item, model: SiteModel, here: str) -> str:
    """The brief's agreement as HTML: a link to its page where the register knows it."""
    agreement = agreement_of(item, model)
    if agreement is None:
        return text(item.data.get("agreement", NOT_STATED)) + " (not in the register)"
    return f'<a href="{attr(rel_url(here, agreement_url(agreement)))}">{text(agreement.title)}</a>'


def value_words(item: Item) -> str:
    band = item.data.get("value_band")
    return VALUE_BANDS.get(band, NOT_STATED) if isinstance(band, str) else NOT_STATED


def route_words(item: Item) -> str:
    route = item.data.get("route")
    return ROUTES.get(route, NOT_STATED) if isinstance(route, str) else NOT_STATED


def year_words(item: Item) -> str:
    year = item.data.get("year")
    return str(year) if isinstance(year, int) else NOT_STATED


def brief_facets(item: Item, model: SiteModel) -> dict[str, list[str]]:
    """What the briefs listing filters by, besides status, principle and service."""
    agreement = agreement_of(item, model)
    named = item.data.get("agreement")
    return {
        "agreement": [agreement.title if agreement else (str(named) if named else NOT_STATED)],
        "route": [route_words(item)],
        "year": [year_words(item)],
        "value": [value_words(item)],
    }
