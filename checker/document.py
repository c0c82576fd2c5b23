"""A workbook as the rules see it: its sheets, its tables and what it says about itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, TypeVar

from checker.metadata import read_metadata
from checker.model import Metadata, Problem, Table
from checker.reader import Book, Limits, read_workbook
from checker.reference import Reference, reference
from checker.tables import find_tables

T = TypeVar("T")


# Compared by identity, so that checks can cache what they derive from one document.
@dataclass(frozen=True, eq=False)
class Document:
    path: str
    book: Book
    tables: tuple[Table, ...]
    metadata: Metadata
    reference: Reference
    # Problems noticed while reading (hidden data, unknown formula values...), by rule id.
    reader_problems: tuple[tuple[str, Problem], ...] = ()
    # What checks derive once for several rules (`derived`), kept on the document so that it
    # goes when the document goes: a cache outside it would keep a 100,000-row table alive.
    _derived: dict = field(default_factory=dict, repr=False)

    def derived(self, make: Callable[["Document"], T]) -> T:
        """`make(self)`, computed once per document."""
        if make not in self._derived:
            self._derived[make] = make(self)
        return self._derived[make]

    def provide(self, make: Callable[["Document"], T], value: T) -> None:
        """Give `derived(make)` a value found elsewhere (a helper process's verdicts)."""
        self._derived[make] = value

    def tables_for(self, kinds: tuple[str, ...]) -> tuple[Table, ...]:
        return tuple(t for t in self.tables if t.kind in kinds)


def load_document(path: str, limits: Limits | None = None) -> Document:
    """Read a workbook; raises `checker.reader.Unreadable` when it cannot be read."""
    book = read_workbook(path, limits)
    ref = reference()
    tables = find_tables(book, ref)
    return Document(path=str(path), book=book, tables=tuple(tables), metadata=read_metadata(book, tables), reference=ref)
