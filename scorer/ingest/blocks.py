"""The one shape every reader produces: a stream of paragraphs and table rows in document order."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    text: str
    line: int | None = None


@dataclass
class Row:
    cells: list[str]
    line: int | None = None
    table: int | None = None
    row: int | None = None
    sheet: str | None = None
    extra: dict = field(default_factory=dict)

    def filled(self) -> list[str]:
        return [c for c in self.cells if c.strip()]


Block = Paragraph | Row
