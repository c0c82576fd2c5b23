"""The machine-readable report: the public contract of shared/spec/report-json.md.

Keys may be added; renaming or dropping one needs a new SCHEMA_VERSION.
"""

from __future__ import annotations

import json

from checker.model import SEVERITIES, FileReport, Finding, RunReport

SCHEMA_VERSION = 1


def finding_dict(finding: Finding) -> dict:
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "sheet": finding.sheet,
        "row": finding.row,
        "column": finding.column,
        "cell": finding.cell,
        "field": finding.field,
        "value": finding.value,
        "message": finding.message,
        "hint": finding.hint,
    }


def file_dict(report: FileReport) -> dict:
    meta = report.metadata
    return {
        "path": report.path,
        "sha256": report.sha256,
        "status": report.status,
        "agency": meta.agency,
        "agency_type": meta.agency_type,
        "district": meta.district,
        "province": meta.province,
        "fiscal_year": meta.fiscal_year,
        "round": meta.round,
        "kind": meta.kind,
        "rows_checked": report.rows_checked,
        "tables": [
            {"sheet": t.sheet, "kind": t.kind, "header_row": t.header_row, "first_row": t.first_row,
             "last_row": t.last_row, "columns": dict(t.columns)}
            for t in report.tables
        ],
        "counts": {s: report.count(s) for s in SEVERITIES},
        "findings": [finding_dict(f) for f in report.findings],
    }


def report_dict(run: RunReport) -> dict:
    files = [file_dict(f) for f in run.files]
    summary = {
        "files": len(run.files),
        "passed": sum(f.status == "passed" for f in run.files),
        "failed": sum(f.status == "failed" for f in run.files),
        "unreadable": sum(f.status == "unreadable" for f in run.files),
    }
    summary.update({s: sum(f.count(s) for f in run.files) for s in SEVERITIES})
    return {
        "schema_version": SCHEMA_VERSION,
        "checker_version": run.checker_version,
        "rules": {"count": run.rules_count, "digest": run.rules_digest},
        "fail_on": run.fail_on,
        "summary": summary,
        "files": files,
    }


def render(run: RunReport, lang: str = "th") -> str:
    """Indented for people, with each finding on one line: json's indenting encoder is
    written in Python and took most of the time of a big report, while a finding on one
    line is encoded in C."""
    import re
    import uuid

    data = report_dict(run)
    nonce = uuid.uuid4().hex  # the placeholders cannot be a value of the report
    blocks: dict[str, str] = {}
    line = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps would make one per finding
    for index, file in enumerate(data["files"]):
        if file["findings"]:
            blocks[str(index)] = "[\n" + ",\n".join(
                "        " + line(f) for f in file["findings"]) + "\n      ]"
            file["findings"] = f"@findings-{nonce}-{index}@"
    text = json.dumps(data, ensure_ascii=False, indent=2)
    # One pass over the text for all files (a replace per file went over it 300 times).
    text = re.sub(f'"@findings-{nonce}-(\\d+)@"', lambda match: blocks[match.group(1)], text)
    return text + "\n"
