"""The self-assessment criteria list (registers/criteria/criteria.yml): stable ids, 3 to 6 per
principle, each with a statement and cross-references to standards' points."""

from __future__ import annotations

import functools
import pathlib
from dataclasses import dataclass, field

import yaml

CRITERIA_FILE = "criteria/criteria.yml"  # relative to registers/
STATUSES = ("not-yet", "partly", "fully")  # the coarse scale, lowest first
STATUS_LABELS = {"not-yet": "not yet", "partly": "partly", "fully": "fully"}


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str
    principle: int
    title: str
    statement: str
    standards: tuple[str, ...]


@dataclass(frozen=True)
class Criteria:
    items: tuple[Criterion, ...]
    standards: dict  # prefix -> {name, url}
    principles: dict  # number -> short name
    by_id: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {c.id: c for c in self.items})

    def for_principle(self, number: int) -> list[Criterion]:
        return [c for c in self.items if c.principle == number]


class CriteriaError(Exception):
    pass


def load_criteria(registers: pathlib.Path) -> Criteria:
    """registers is the registers/ folder. Cached per resolved path."""
    return _load(pathlib.Path(registers).resolve())


@functools.lru_cache(maxsize=8)
def _load(registers: pathlib.Path) -> Criteria:
    path = registers / CRITERIA_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        items = tuple(Criterion(str(c["id"]), int(c["principle"]), str(c["title"]), str(c["statement"]),
                                tuple(str(s) for s in c.get("standards") or ())) for c in data["criteria"])
        standards = dict(data.get("standards") or {})
        principles = {int(k): str(v) for k, v in (data.get("principles") or {}).items()}
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise CriteriaError(f"{path.name} cannot be read ({exc}); restore registers/{CRITERIA_FILE} from git") from exc
    return Criteria(items, standards, principles)
