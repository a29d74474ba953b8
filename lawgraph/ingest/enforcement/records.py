"""What the power, benchmark, list and case tables hold once read: plain records with deterministic ids."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date

from lawgraph.domain.penalties import Outcome

REGION_SEP = "/"


def region_path(text: str) -> list[str]:
    """青山省/临江市/青山县 (or ＞, >, ·, whitespace) → its parts, top first."""
    parts = [p.strip() for p in text.replace("＞", "/").replace(">", "/").replace("／", "/").split("/")]
    return [p for p in parts if p]


def region_id(parts: list[str]) -> str:
    """The id of a region: its path from the top."""
    return REGION_SEP.join(parts)


def department_id(region: str, name: str) -> str:
    """The id of a department: region path, then its name."""
    return f"{region}{REGION_SEP}{name}"


class InDepartment:
    """A record held or issued by a department of a region (`region`, `department` are dataclass fields)."""

    region: list[str]
    department: str

    @property
    def department_id(self) -> str:
        """The id of the department."""
        return department_id(region_id(self.region), self.department)


@dataclass
class Basis:
    """One basis cell's text with the role its column gives it (设定依据 / 实施依据 / 罚则依据 or None)."""

    text: str
    role: str | None = None


@dataclass
class Delegation:
    """A power handed to a township or street by written act."""

    kind: str  # 委托 | 赋权
    to: list[str]  # region path of the township
    act: str | None = None
    on: date | None = None


@dataclass
class PowerRecord(InDepartment):
    """One row of a power list."""

    source: str
    region: list[str]
    department: str
    department_code: str | None
    name: str
    code: str | None
    category: str
    category_raw: str
    sub_items: list[str] = field(default_factory=list)
    bases: list[Basis] = field(default_factory=list)
    discretionary: bool | None = None
    confidential: bool = False
    delegation: Delegation | None = None
    steps: list[str] = field(default_factory=list)
    step_limits: list[str] = field(default_factory=list)
    time_limit: str | None = None
    levels: str | None = None
    note: str | None = None
    at: date | None = None

    @property
    def id(self) -> str:
        return f"{self.department_id}#{self.code or self.name}"


@dataclass
class TierRecord:
    """One row of a benchmark table: a tier (or one condition of a tier) and its outcome."""

    row: int
    name: str
    grade: str | None
    conditions: str
    outcome_text: str
    outcome: Outcome
    note: str | None = None


@dataclass
class BenchmarkRecord(InDepartment):
    """One conduct item of a benchmark table with its tiers in order."""

    source: str
    region: list[str]
    department: str
    conduct: str
    seq: str | None
    code: str | None
    effective: date | None
    expires: date | None
    title: str | None
    bases: list[Basis] = field(default_factory=list)
    tiers: list[TierRecord] = field(default_factory=list)
    adopts: bool = False

    @property
    def id(self) -> str:
        key = self.code or self.seq or self.conduct
        return f"{self.department_id}#{key}@{self.effective.isoformat() if self.effective else '-'}"


@dataclass
class ListRecord(InDepartment):
    """One entry of a 不予处罚 / 减轻处罚 / 从轻处罚 list."""

    source: str
    region: list[str]
    department: str
    kind: str
    conduct: str
    code: str | None
    conditions: str
    first_offence: bool
    high_risk: bool
    effective: date | None
    bases: list[Basis] = field(default_factory=list)
    note: str | None = None

    @property
    def id(self) -> str:
        return f"{self.department_id}#{self.kind}#{self.code or self.conduct}"


@dataclass
class CaseRecord(InDepartment):
    """A typical case (典型案例)."""

    source: str
    key: str
    title: str
    on: date | None
    region: list[str]
    department: str
    facts: str
    power: str | None
    tier: str | None
    outcome_text: str
    outcome: Outcome
    fine: float | None
    origin: str | None = None

    @property
    def id(self) -> str:
        return f"case:{self.key}"


def content_hash(record: object) -> str:
    """A stable hash of a record's content (source position excluded), to skip unchanged rows."""
    data = asdict(record)  # type: ignore[call-overload]
    data.pop("source", None)
    if "tiers" in data:
        for tier in data["tiers"]:
            tier.pop("row", None)
    return hashlib.sha1(json.dumps(data, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()
