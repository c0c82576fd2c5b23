"""A workbook as the rules see it: its sheets, its tables and what it says about itself."""

from __future__ import annotations

from dataclasses import dataclass

from checker.metadata import read_metadata
from checker.model import Metadata, Problem, Table
from checker.reader import Book, Limits, read_workbook
from checker.reference import Reference, reference
from checker.tables import find_tables


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

    def tables_for(self, kinds: tuple[str, ...]) -> tuple[Table, ...]:
        return tuple(t for t in self.tables if t.kind in kinds)


def load_document(path: str, limits: Limits | None = None) -> Document:
    """Read a workbook; raises `checker.reader.Unreadable` when it cannot be read."""
    book = read_workbook(path, limits)
    ref = reference()
    tables = find_tables(book, ref)
    return Document(path=str(path), book=book, tables=tuple(tables), metadata=read_metadata(book, tables), reference=ref)
