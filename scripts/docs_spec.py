"""The spec as the reference docs show it: openapi.yaml plus the error code dictionary as tables.

Usage: python scripts/docs_spec.py OUTPUT.yaml

Redoc does not render the dictionary's parallel lists (`x-enum-descriptions`, `x-how-to-fix`, ...), and
the dictionary's schemas are referenced by no operation, so Redoc would not show them at all. This
writes a copy of the spec whose `info.description` gains one table per dictionary schema, built from
those lists; openapi.yaml stays the single source. `make docs` builds the HTML from the copy.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]

#: Optional parallel lists and their column titles, in column order.
_COLUMNS = (
    ("x-enum-varnames", "Name"),
    ("x-http-status", "HTTP status"),
    ("x-enum-categories", "Category"),
    ("x-enum-descriptions", "Description"),
    ("x-how-to-fix", "How to fix"),
)


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ") or "-"


def dictionary_tables(spec: dict[str, Any]) -> str:
    """Markdown: a heading and a table for each schema that carries `x-enum-descriptions`."""
    parts = []
    for name, schema in spec["components"]["schemas"].items():
        if "x-enum-descriptions" not in schema:
            continue
        columns = [(key, title) for key, title in _COLUMNS if key in schema]
        header = "| Code | " + " | ".join(title for _, title in columns) + " |"
        rule = "|---" * (len(columns) + 1) + "|"
        rows = [
            "| " + " | ".join([_cell(value), *(_cell(schema[key][i]) for key, _ in columns)]) + " |"
            for i, value in enumerate(schema["enum"])
        ]
        parts.append(
            f"### {name}\n\n{schema.get('description', '').strip()}\n\n" + "\n".join([header, rule, *rows])
        )
    return "\n\n".join(parts)


def main(output: str) -> None:
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    spec["info"]["description"] = (
        spec["info"]["description"].rstrip()
        + "\n\n## Error code dictionary\n\n"
        + dictionary_tables(spec)
        + "\n"
    )
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    Path(output).write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
