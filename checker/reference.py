"""Reference data (fields, header words, offices) and where the bundled files live.

Reference data is YAML beside the code, not Python: adding an office or a header
spelling is a data change anyone can review.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping

import yaml

from checker.thai import compact

_PACKAGE = Path(__file__).resolve().parent


def bundled_path(name: str) -> Path:
    """A top-level bundled folder or file (`rules`, `templates/...`).

    In a source checkout or an editable install it sits beside the package; a built
    wheel carries a copy inside the package (see pyproject.toml).
    """
    inside = _PACKAGE / name
    return inside if inside.exists() else _PACKAGE.parent / name


# libyaml's C loader when the installed PyYAML has it: ten times faster on the rule files.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> object:
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader, C or Python


def load_yaml(path: Path) -> object:
    return parse_yaml(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Field:
    key: str
    label: Mapping[str, str]
    exact: tuple[str, ...]  # compacted phrases that must equal the whole header cell
    contains: tuple[str, ...]  # compacted phrases that may stand anywhere in it


# Compared by identity: one Reference is loaded per process and used as a cache key.
@dataclass(frozen=True, eq=False)
class Reference:
    fields: Mapping[str, Field]
    kinds: Mapping[str, Mapping]
    header_min_fields: int
    header_anchor_fields: tuple[str, ...]
    offices: tuple[Mapping, ...]
    units: tuple[str, ...]
    collectives: tuple[str, ...]
    prefixes: Mapping[str, tuple[str, ...]]

    def label(self, field: str | None, lang: str) -> str:
        if field is None or field not in self.fields:
            return field or ""
        return self.fields[field].label[lang]

    def required(self, kind: str | None) -> tuple[str, ...]:
        return tuple(self.kinds.get(kind or "report", {}).get("required", ()))


@lru_cache(maxsize=1)
def reference() -> Reference:
    data = load_yaml(_PACKAGE / "data" / "fields.yaml")
    offices = load_yaml(_PACKAGE / "data" / "offices.yaml")
    fields = {
        key: Field(
            key=key,
            label=spec["label"],
            exact=tuple(compact(str(p)) for p in spec.get("exact", ())),
            contains=tuple(compact(str(p)) for p in spec.get("contains", ())),
        )
        for key, spec in data["fields"].items()
    }
    return Reference(
        fields=fields,
        kinds=data["kinds"],
        header_min_fields=int(data["header"]["min_fields"]),
        header_anchor_fields=tuple(data["header"]["anchor_fields"]),
        offices=tuple(offices["offices"]),
        units=tuple(offices["units"]),
        collectives=tuple(offices["collectives"]),
        prefixes={k: tuple(v) for k, v in offices["prefixes"].items()},
    )
