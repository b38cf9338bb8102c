"""Plain data types that flow through the pipeline: Document -> Project -> Indicator, and Finding."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How much a finding weighs: error = defective row, warning = weak row, info = shown only."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class UnitFamily(StrEnum):
    PERCENT = "percent"
    COUNT = "count"
    PERSON = "person"
    MONEY = "money"
    DURATION = "duration"
    DATE = "date"
    AREA = "area"
    LENGTH = "length"
    WEIGHT = "weight"
    OTHER = "other"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Value:
    """A parsed indicator value. `raw` is the text exactly as written; the rest is derived from it."""

    raw: str
    op: str = ""  # one of ≥ ≤ = > < or "" when no operator
    numbers: tuple[float, ...] = ()
    unit: str = ""
    family: UnitFamily = UnitFamily.NONE
    text: str = ""  # qualitative words left after the number and unit are taken out
    is_range: bool = False

    @property
    def number(self) -> float | None:
        return self.numbers[0] if self.numbers else None

    @property
    def has_number(self) -> bool:
        return bool(self.numbers)


# Not frozen, as Finding: one is made for every row read, and a frozen dataclass is 3x slower to make. Hashed by its
# fields all the same.
@dataclass(slots=True, unsafe_hash=True)
class Location:
    """Where a row was read: the file and, as far as the reader knows, line / sheet / table / row."""

    source: str
    line: int | None = None
    sheet: str | None = None
    table: int | None = None
    row: int | None = None

    def __str__(self) -> str:
        parts = [self.source]
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.table is not None:
            parts.append(f"table {self.table}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        return ":".join(parts)


@dataclass(slots=True)
class Indicator:
    level1: str
    level2: str
    level3: str
    description: str
    value: str
    basis: str
    location: Location
    parsed: Value | None = None
    # what a self-evaluation table gives beside the target (actual, score, reason …), never read as the target
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class Project:
    name: str
    code: str = ""
    budget: float | None = None  # 万元
    fiscal_funds: float | None = None  # 万元
    other_funds: float | None = None  # 万元
    purpose: str = ""
    goal: str = ""
    goals: list[str] = field(default_factory=list)
    schedule: list[tuple[str, float | None]] = field(default_factory=list)  # (deadline, cumulative %)
    indicators: list[Indicator] = field(default_factory=list)
    department_level: bool = False
    location: Location | None = None


@dataclass
class Skip:
    """Something a reader saw and did not turn into an indicator row, with the reason."""

    location: Location
    reason: str
    text: str = ""


@dataclass
class Document:
    source: str
    unit: str = ""
    year: int | None = None
    year_stated: bool = False  # the year is the document's own (预算年度, a title), not the first its text names
    projects: list[Project] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # read, but not exactly (damaged bytes replaced …)
    notices: list[str] = field(default_factory=list)  # read exactly, but not as its name says (a web page as .xls)
    layout: str = ""  # how the reader took the document: which interpreter, and the text's shape

    @property
    def indicator_count(self) -> int:
        return sum(len(p.indicators) for p in self.projects)


# Not frozen: a frozen dataclass sets each field through object.__setattr__, 4x slower to make, and a large
# document makes hundreds of thousands. Hashed by its fields all the same, as when it was frozen.
@dataclass(slots=True, unsafe_hash=True)
class Finding:
    """One rule's (or the model's) verdict on a row, a project or a document. Read it, do not change it."""

    code: str
    name: str
    category: str  # one of CATEGORIES, or "completeness" for P-codes
    severity: Severity
    message: str
    source: str
    project: str
    row: int | None = None  # index of the indicator within its project, None for project findings
    evidence: str = ""
    fix: str = ""
    probability: float | None = None
    project_index: int | None = None


CATEGORIES: tuple[str, ...] = (
    "vague",
    "unit_mismatch",
    "illogical",
    "irrelevant",
    "boilerplate",
    "copy_paste",
)
