"""What a validation run produces: a Record per content file, and the Result of the run."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content import ContentType, item_id
from ..findings import ERROR, WARNING, Finding
from ..load.loader import Loaded
from ..load.registers import Registers


@dataclass(slots=True)
class Record:
    """One content file, loaded and checked."""

    relpath: str
    ctype: ContentType | None  # None for a hand-written page
    loaded: Loaded
    valid: bool = False

    @property
    def id(self) -> str:
        return item_id(self.relpath)

    @property
    def data(self) -> dict:
        return self.loaded.data if isinstance(self.loaded.data, dict) else {}


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    records: dict[str, Record] = field(default_factory=dict)
    files: int = 0
    registers: Registers | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]


def whole_file(path: str, rule: str, message: str, hint: str, severity: str = ERROR) -> Finding:
    return Finding(path, 1, 1, severity, rule, message, hint)
