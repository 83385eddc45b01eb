"""Reference registers: councils and other public bodies, GOV.UK local services (LGSL) and CCS agreements.

Reads the attributed CSV copies in ``registers/`` (see registers/README.md) so the validator and the
site check organisation codes, service codes and framework references against the same data.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import functools
import pickle
import pathlib
import re
from dataclasses import dataclass, field, replace

from .. import cache
from . import agreements as _agreements_module
from .agreements import Agreement, Lot, parse_lots

__all__ = [
    "Agreement",
    "Organisation",
    "RegisterError",
    "Registers",
    "Service",
    "load_registers",
]

_RESTORE = "restore it from git (git checkout -- registers/)"


class RegisterError(Exception):
    """A register file is missing or unreadable; message names the file and how to fix it (plain English, no Python types)."""


@dataclass(frozen=True, slots=True)
class Organisation:
    """One public body that contributors can name by code.

    ``end`` is the date the body ended as given by its register. For councils this is mySociety's
    ``end-date``, which is the day the successor started (e.g. 2023-04-01), not the last day in office.
    """

    code: str
    name: str
    kind: str
    type_name: str
    nation: str | None
    region: str | None
    gss: str | None
    start: datetime.date | None
    end: datetime.date | None
    website: str | None
    lat: float | None
    lon: float | None
    register: str


@dataclass(frozen=True, slots=True)
class Service:
    """A Local Government Service List (LGSL) service as GOV.UK describes it."""

    code: int
    description: str
    tier: str


def _normalise(name: str) -> str:
    """Fold a name for matching: case, '&' vs 'and', apostrophes, punctuation and spacing are ignored."""
    text = name.casefold().replace("&", " and ")
    text = re.sub(r"['\u2019]", "", text)
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class Registers:
    organisations: dict[str, Organisation]
    services: dict[int, Service]
    agreements: dict[str, Agreement]
    _names: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    _folded_codes: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    # The current register of agreements (agreements.csv), in its order; some have no reference.
    current_agreements: tuple[Agreement, ...] = ()

    def __repr__(self) -> str:
        return (f"Registers({len(self.organisations)} organisation codes, {len(self.services)} services, "
                f"{len(self.agreements)} agreements)")

    def organisation(self, code: str) -> Organisation | None:
        """The organisation for ``code`` (exact, case-sensitive), or None. Alias codes give the canonical body."""
        return self.organisations.get(code)

    def codes_for_name(self, name: str) -> list[str]:
        """All canonical codes whose name or known name variant matches ``name``, ignoring case and punctuation.

        Old and new bodies can share a name ("Somerset"), so several codes may come back: bodies that
        have not ended come first, then the rest; within each, GOV.UK register entries come after the
        more specific registers, then code order.
        """
        codes = self._names.get(_normalise(name), ())
        return sorted(codes, key=lambda c: (self.organisations[c].end is not None,
                                            self.organisations[c].register == "government-organisation-register", c))

    def suggest(self, code: str, n: int = 3) -> list[str]:
        """Up to ``n`` canonical codes close to ``code`` (a mistyped code or a name), best first, for "did you mean" hints."""
        query = code.strip()
        if not query or n <= 0:
            return []
        found: list[str] = []

        def add(candidate: str) -> None:
            if candidate not in found:
                found.append(candidate)

        exact = self._folded_codes.get(query.casefold())
        if exact:
            add(exact)
        for candidate in self.codes_for_name(query):
            add(candidate)

        folded = query.casefold()
        prefixed = ":" in folded
        prefix = folded.partition(":")[0] + ":" if prefixed else ""
        code_keys = [k for k in self._folded_codes if (k.startswith(prefix) if prefixed else ":" not in k)]
        by_code = [self._folded_codes[k] for k in sorted(code_keys) if k.startswith(folded) and k != folded]
        by_code += [self._folded_codes[k] for k in difflib.get_close_matches(folded, code_keys, n=n, cutoff=0.6)]
        by_name: list[str] = []
        if not prefixed:  # "police-force:avn" is a code, not a name
            for key in difflib.get_close_matches(_normalise(query), self._names, n=n, cutoff=0.6):
                by_name.extend(self.codes_for_name(key))
        looks_like_name = not prefixed and (" " in query or len(query) > 8)
        for candidate in (by_name + by_code) if looks_like_name else (by_code + by_name):
            add(candidate)
        return found[:n]


# --- reading files -------------------------------------------------------------------------


def _read(root: pathlib.Path, rel: str, columns: tuple[str, ...], *, delimiter: str = ",",
          encoding: str = "utf-8") -> list[dict[str, str]]:
    """Rows of one register file as dicts, with a plain-English RegisterError for any problem."""
    label = f"registers/{rel}"
    path = root / rel
    folder = rel.split("/", 1)[0]
    if not path.is_file():
        raise RegisterError(
            f"{label} is missing: {_RESTORE}, or copy it again as described in registers/{folder}/SOURCE.md."
        )
    try:
        with path.open(encoding=encoding, newline="") as handle:
            reader = csv.DictReader(handle, delimiter=delimiter)
            header = reader.fieldnames or []
            absent = [c for c in columns if c not in header]
            if absent:
                raise RegisterError(
                    f"{label} does not have the expected column(s) {', '.join(absent)}: "
                    f"the file has been changed or damaged; {_RESTORE}."
                )
            return list(reader)
    except UnicodeDecodeError:
        raise RegisterError(f"{label} could not be read as UTF-8 text: {_RESTORE}.") from None
    except csv.Error as exc:
        raise RegisterError(f"{label} is not a valid table ({exc}): {_RESTORE}.") from None
    except OSError as exc:
        raise RegisterError(f"{label} could not be opened ({exc.strerror or 'unknown reason'}): "
                            f"check its permissions or {_RESTORE}.") from None


def _date(value: str, label: str, line: int) -> datetime.date | None:
    """ISO date; blank is None. Year-only or year-month dates (in the GOV.UK register) mean the first day of that period."""
    value = value.strip()
    if not value:
        return None
    if re.fullmatch(r"\d{4}", value):
        value += "-01-01"
    elif re.fullmatch(r"\d{4}-\d{2}", value):
        value += "-01"
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise RegisterError(
            f"registers/{label} line {line}: {value!r} is not a date written as YYYY-MM-DD; {_RESTORE}."
        ) from None


def _float(value: str) -> float | None:
    try:
        return float(value) if value.strip() else None
    except ValueError:
        return None


def _blank(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


# --- building the organisations --------------------------------------------------------------

_LA = "uk-local-authorities/uk_local_authorities_current.csv"
_LA_NAMES = "uk-local-authorities/lookup_name_to_registry.csv"
_ORGS = "public-sector-organisations/organisation.csv"
_GOV = "public-sector-organisations/government-organisation-register.csv"
_POLICE = "police-forces/police-force.tsv"
_LGSL = "lgsl/local_services.csv"
_CCS = "procurement-frameworks/ccs-framework-lots-2018.csv"
_CCS_NAMES = "procurement-frameworks/framework-references.csv"
_AGREEMENTS = "procurement-frameworks/agreements.csv"
_AGREEMENT_COLUMNS = ("reference", "name", "kind", "start", "end", "status", "lots", "buyer_guidance_url", "source", "notes")

_COUNCIL_PREFIXES = ("local-authority-eng", "local-authority")

_TYPE_NAMES = {
    "development-corporation": "Development corporation",
    "government-organisation": "Government organisation",
    "local-authority": "Local authority",
    "national-park-authority": "National park authority",
    "passenger-transport-executive": "Passenger transport executive",
    "public-authority": "Public authority",
    "regional-park-authority": "Regional park authority",
    "transport-authority": "Transport authority",
    "waste-authority": "Waste authority",
}

# organisation.csv local-authority-type codes, worded as mySociety words them.
_LA_TYPE_NAMES = {
    "CC": "City corporation", "COMB": "Combined authority", "CTY": "County", "LBO": "London borough",
    "MD": "Metropolitan district", "NMD": "Non-metropolitan district", "SRA": "Strategic Regional Authority",
    "UA": "Unitary authority",
}

# data.police.uk force ids outside England (everything else in the file is an English force).
_POLICE_NATIONS = {
    "dyfed-powys": "Wales", "gwent": "Wales", "north-wales": "Wales", "south-wales": "Wales",
    "northern-ireland": "Northern Ireland",
}


def _region_from_slug(slug: str) -> str | None:
    """organisation.csv writes regions as slugs ("yorkshire-and-the-humber"); use mySociety's wording."""
    if not slug:
        return None
    words = slug.replace("-", " ").split()
    special = {"of": "of", "and": "and", "the": "The"}
    return " ".join(special.get(w, w.capitalize()) for w in words)


def _is_placeholder(name: str) -> bool:
    """Rows with no real name (organisation.csv has `nonprofit:Q180` whose name is just "Q180")."""
    return not name.strip() or re.fullmatch(r"Q\d+", name.strip()) is not None


def _councils(root: pathlib.Path, websites: dict[str, str]) -> tuple[dict[str, Organisation], dict[str, str]]:
    """mySociety councils by code, and each council's short ``nice-name``."""
    result: dict[str, Organisation] = {}
    nice_names: dict[str, str] = {}
    columns = ("local-authority-code", "official-name", "nice-name", "gss-code", "start-date", "end-date", "nation",
               "region", "local-authority-type", "local-authority-type-name", "lat", "long")
    for line, row in enumerate(_read(root, _LA, columns), start=2):
        code = row["local-authority-code"].strip()
        if not code:
            continue
        kind = "combined-authority" if row["local-authority-type"] in ("COMB", "SRA") else "local-authority"
        result[code] = Organisation(
            code=code,
            name=row["official-name"].strip(),
            kind=kind,
            type_name=row["local-authority-type-name"].strip(),
            nation=_blank(row["nation"]),
            region=_blank(row["region"]),
            gss=_blank(row["gss-code"]),
            start=_date(row["start-date"], _LA, line),
            end=_date(row["end-date"], _LA, line),
            website=websites.get(code),
            lat=_float(row["lat"]),
            lon=_float(row["long"]),
            register="uk-local-authorities",
        )
        nice_names[code] = row["nice-name"].strip()
    return result, nice_names


def _build_organisations(root: pathlib.Path) -> tuple[dict[str, Organisation], dict[str, list[str]]]:
    """All organisations keyed by code (aliases included) and extra name -> code pairs for the name index."""
    org_columns = ("organisation", "name", "website", "statistical-geography", "local-authority-type",
                   "government-organisation", "region", "start-date", "end-date")
    org_rows = _read(root, _ORGS, org_columns)

    # Councils: mySociety is the source; organisation.csv only lends its website.
    websites = {}
    for row in org_rows:
        prefix, _, local = row["organisation"].partition(":")
        if prefix == "local-authority-eng" and row["website"].strip():
            websites[local] = row["website"].strip()
    councils, nice_names = _councils(root, websites)
    organisations: dict[str, Organisation] = dict(councils)
    extra_names: dict[str, list[str]] = {}

    la_names: dict[str, list[str]] = {}
    for row in _read(root, _LA_NAMES, ("la-name", "local-authority-code")):
        la_names.setdefault(_normalise(row["la-name"]), []).append(row["local-authority-code"].strip())
    for org in councils.values():
        la_names.setdefault(_normalise(org.name), []).append(org.code)
        la_names.setdefault(_normalise(nice_names[org.code]), []).append(org.code)
    gss_current = {o.gss: o.code for o in councils.values() if o.gss and o.end is None}
    for name, codes in la_names.items():
        extra_names[name] = [c for c in codes if c in councils]

    # The GOV.UK government-organisation register (2020 snapshot).
    gov: dict[str, Organisation] = {}
    gov_columns = ("key", "name", "website", "start-date", "end-date")
    for line, row in enumerate(_read(root, _GOV, gov_columns), start=2):
        key = row["key"].strip()
        if not key or _is_placeholder(row["name"]):
            continue
        code = f"government-organisation:{key}"
        gov[code] = Organisation(
            code=code, name=row["name"].strip(), kind="government-organisation",
            type_name="Government organisation", nation=None, region=None, gss=None,
            start=_date(row["start-date"], _GOV, line), end=_date(row["end-date"], _GOV, line),
            website=_blank(row["website"]), lat=None, lon=None, register="government-organisation-register",
        )
    organisations.update(gov)

    # organisation.csv: everything that is not a council mySociety already has.
    aliases: dict[str, str] = {}

    def gov_link(row: dict[str, str], target: str) -> None:
        # organisation.csv names the GOV.UK register key of national parks and development corporations;
        # that register code then resolves to the same body instead of standing as a second one.
        key = row["government-organisation"].strip()
        if key and not row["organisation"].startswith("government-organisation:"):
            aliases.setdefault(f"government-organisation:{key}", target)

    for line, row in enumerate(org_rows, start=2):
        curie = row["organisation"].strip()
        prefix, _, local = curie.partition(":")
        name = row["name"].strip()
        if not local or _is_placeholder(name):
            continue
        if prefix in _COUNCIL_PREFIXES:
            if prefix == "local-authority-eng" and local in councils:
                gov_link(row, local)
                continue  # same code as mySociety: mySociety wins
            # A council under another code (CUA for CBD, or a Wikidata id): alias it to the mySociety row
            # with the same current GSS code, or failing that the one council with the same name.
            gss = row["statistical-geography"].strip()
            target = gss_current.get(gss) if gss else None
            if target is None:
                by_name = extra_names.get(_normalise(name), [])
                target = by_name[0] if len(set(by_name)) == 1 else None
            if target is not None:
                aliases[local if prefix == "local-authority-eng" else curie] = target
                gov_link(row, target)
                extra_names.setdefault(_normalise(name), []).append(target)
                if councils[target].website is None and row["website"].strip():
                    councils[target] = replace(councils[target], website=row["website"].strip())
                    organisations[target] = councils[target]
                continue
            code = local if prefix == "local-authority-eng" else curie
            la_type = row["local-authority-type"].strip()
            kind = "combined-authority" if la_type in ("COMB", "SRA") else "local-authority"
            type_name = _LA_TYPE_NAMES.get(la_type, "Local authority")
        else:
            code = curie
            kind = prefix
            type_name = _TYPE_NAMES.get(prefix, prefix.replace("-", " ").capitalize())
        website = _blank(row["website"])
        if website is None and code in gov:
            website = gov[code].website
        # For the government organisations both files list, organisation.csv (2023) is newer than the register (2020).
        organisations[code] = Organisation(
            code=code, name=name, kind=kind, type_name=type_name,
            nation=None if kind == "government-organisation" else "England",
            region=_region_from_slug(row["region"].strip()), gss=_blank(row["statistical-geography"]),
            start=_date(row["start-date"], _ORGS, line), end=_date(row["end-date"], _ORGS, line),
            website=website, lat=None, lon=None, register="public-sector-organisations",
        )
        gov_link(row, code)

    # Alias codes point at the very same object as the mySociety code they stand for.
    for alias, target in aliases.items():
        if alias != target:
            organisations[alias] = organisations[target]

    for row in _read(root, _POLICE, ("police-force", "name"), delimiter="\t"):
        force = row["police-force"].strip()
        if not force or _is_placeholder(row["name"]):
            continue
        code = f"police-force:{force}"
        organisations[code] = Organisation(
            code=code, name=row["name"].strip(), kind="police-force", type_name="Police force",
            nation=_POLICE_NATIONS.get(force, "England"), region=None, gss=None, start=None, end=None,
            website=None, lat=None, lon=None, register="police-forces",
        )
    return organisations, extra_names


def _services(root: pathlib.Path) -> dict[int, Service]:
    services: dict[int, Service] = {}
    for line, row in enumerate(_read(root, _LGSL, ("LGSL", "Description", "Providing Tier")), start=2):
        raw = row["LGSL"].strip()
        if not raw.isdigit():
            raise RegisterError(f"registers/{_LGSL} line {line}: LGSL code {raw!r} is not a whole number; {_RESTORE}.")
        code = int(raw)
        services[code] = Service(code=code, description=" ".join(row["Description"].split()),
                                 tier=row["Providing Tier"].strip())
    return services


def _agreements(root: pathlib.Path) -> tuple[dict[str, Agreement], tuple[Agreement, ...]]:
    """Agreements by reference (the 2018 list, the named references and the current register,
    joined), and the current register's agreements in its order (some have no reference)."""
    lots: dict[str, dict[str, str]] = {}
    for row in _read(root, _CCS, ("framework_number", "lot_number", "lot_description"), encoding="utf-8-sig"):
        reference = row["framework_number"].strip()
        if reference:
            lot = row["lot_number"].strip()
            known = lots.setdefault(reference, {})
            if lot:
                known.setdefault(lot, row["lot_description"].strip())
    names: dict[str, str] = {}
    for row in _read(root, _CCS_NAMES, ("framework_name", "ccs_reference")):
        reference = row["ccs_reference"].strip()
        if reference:
            names[reference] = row["framework_name"].strip()
    by_reference = {
        reference: Agreement(reference=reference, name=names.get(reference),
                             lots=frozenset(lots.get(reference, {})),
                             lot_list=tuple(Lot(n, t) for n, t in sorted(lots.get(reference, {}).items())),
                             lots_complete=bool(lots.get(reference)))
        for reference in sorted(lots.keys() | names.keys())
    }
    current: list[Agreement] = []
    for line, row in enumerate(_read(root, _AGREEMENTS, _AGREEMENT_COLUMNS), start=2):
        reference, name = row["reference"].strip(), _blank(row["name"])
        if not reference and not name:
            raise RegisterError(f"registers/{_AGREEMENTS} line {line}: a row needs a reference or a name; {_RESTORE}.")
        older = by_reference.get(reference)
        lot_list, complete = parse_lots(row["lots"])
        if older is not None and older.lot_list and not any(lot.number for lot in lot_list):
            lot_list, complete = older.lot_list, True  # the 2018 list numbers the same lots
        agreement = Agreement(
            reference=reference, name=name or (older.name if older else None),
            lots=frozenset(lot.number for lot in lot_list if lot.number), lot_list=lot_list, lots_complete=complete,
            lots_as_stated=row["lots"].strip(), kind=_blank(row["kind"]),
            start=_date(row["start"], _AGREEMENTS, line), end=_date(row["end"], _AGREEMENTS, line),
            status_as_stated=_blank(row["status"]), guidance_url=_blank(row["buyer_guidance_url"]),
            sources=tuple(s.strip() for s in row["source"].split(" | ") if s.strip()),
            notes=_blank(row["notes"]), current=True)
        current.append(agreement)
        if reference:
            by_reference[reference] = agreement
    return dict(sorted(by_reference.items())), tuple(current)


def _stamps(root: pathlib.Path) -> tuple[str, ...]:
    """Every register file's path, size and time: a changed file changes them."""
    try:
        return tuple(sorted(f"{p.relative_to(root)}:{p.stat().st_size}:{p.stat().st_mtime_ns}"
                            for p in root.rglob("*") if p.is_file()))
    except OSError:
        return ()


@functools.lru_cache(maxsize=8)
def _load(root: pathlib.Path, stamps: tuple[str, ...]) -> Registers:
    """Keyed by the files' stamps as well as the folder, so a register changed while a process
    runs (`make serve`) is read again, not served from memory."""
    if not root.is_dir():
        raise RegisterError(f"The registers folder was not found at {root}: {_RESTORE}.")
    # Parsing the CSVs takes a tenth of a second or more; the result is kept in the user's
    # private cache, keyed by every register file's size and time and by the code that reads
    # them (this module and load/agreements.py).
    code = pathlib.Path(__file__).read_bytes() + pathlib.Path(_agreements_module.__file__).read_bytes()
    name = "registers-" + cache.key(code, *stamps) + ".pickle"
    cached = cache.read(name) if stamps else None
    if cached is not None:
        try:
            registers = pickle.loads(cached)  # our own private cache (see localdigital/cache.py)
            if isinstance(registers, Registers):
                return registers
        except Exception:  # noqa: BLE001 - a damaged cache file is simply rebuilt
            pass
    registers = _parse(root)
    if stamps:
        cache.write(name, pickle.dumps(registers, protocol=pickle.HIGHEST_PROTOCOL))
    return registers


def _parse(root: pathlib.Path) -> Registers:
    organisations, extra_names = _build_organisations(root)

    names: dict[str, list[str]] = {}

    def index(name: str | None, code: str) -> None:
        key = _normalise(name or "")
        if key and code not in names.setdefault(key, []):
            names[key].append(code)

    for key, codes in extra_names.items():
        for code in codes:
            index(key, code)
    for org in organisations.values():
        index(org.name, org.code)

    agreements, current = _agreements(root)
    folded: dict[str, str] = {}
    for key, org in organisations.items():
        folded.setdefault(key.casefold(), org.code)
    return Registers(
        organisations=organisations,
        services=_services(root),
        agreements=agreements,
        current_agreements=current,
        _names={k: tuple(v) for k, v in names.items()},
        _folded_codes=folded,
    )


def load_registers(root: pathlib.Path) -> Registers:
    """root is the registers/ folder. Cached per resolved path (functools.lru_cache or similar) since the validator and the site both call it."""
    resolved = pathlib.Path(root).resolve()
    return _load(resolved, _stamps(resolved))


load_registers.cache_clear = _load.cache_clear  # type: ignore[attr-defined]
