"""The HTML report: one self-contained page to read on screen, send, or print.

Everything is inline (CSS; no script, font, image or link to the network). The severity
filter is a row of checkboxes that CSS alone obeys (`:checked ~`), so it works with
JavaScript off and in a mail client's preview. For a batch, a summary table of all the
files comes first, each linking to its file's section. Every text that comes from a
file or a cell passes through `_e` (controls made visible, then html.escape quote=True);
no cell text ever becomes an attribute value other than plain escaped text, and no cell
text becomes a link.
"""

from __future__ import annotations

import html

from checker.formatters.text import safe_text
from checker.i18n import ui
from checker.model import SEVERITIES, FileReport, Finding, RunReport
from checker.thai import thai_number

FONT_STACK = '"TH Sarabun New", "Sarabun", "Noto Sans Thai", "Leelawadee UI", Tahoma, sans-serif'

_CSS = """
:root { --error: #c00000; --error-bg: #ffc7ce; --warning: #9c5700; --warning-bg: #ffeb9c;
        --info: #1f4e79; --info-bg: #ddebf7; --passed: #006100; --passed-bg: #c6efce;
        --unreadable: #7030a0; --unreadable-bg: #e4dfec; --line: #b4b4b4; }
* { box-sizing: border-box; }
body { font-family: FONTS; font-size: 18px; line-height: 1.45; color: #1a1a1a; margin: 1.5rem auto;
       max-width: 75rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .25rem; border-bottom: 2px solid #1f4e79; padding-bottom: .2rem;
     overflow-wrap: anywhere; }
.made-by { color: #555; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #d9e1f2; }
td { overflow-wrap: anywhere; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.cell, td.rule, td.sev { white-space: nowrap; }
.hint { color: #2e5e1e; }
.hint::before { content: "→ "; }
.value { color: #444; font-size: .95em; white-space: pre-wrap; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .5rem 0; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.badge { display: inline-block; padding: 0 .5rem; border-radius: .3rem; font-weight: bold; white-space: nowrap; }
.status-passed { color: var(--passed); background: var(--passed-bg); }
.status-failed { color: var(--error); background: var(--error-bg); }
.status-unreadable { color: var(--unreadable); background: var(--unreadable-bg); }
tr.sev-error td.sev { color: var(--error); background: var(--error-bg); font-weight: bold; }
tr.sev-warning td.sev { color: var(--warning); background: var(--warning-bg); font-weight: bold; }
tr.sev-info td.sev { color: var(--info); background: var(--info-bg); }
tr.sev-error { border-left: 4px solid var(--error); }
.filter { position: sticky; top: 0; background: #fff; padding: .4rem 0; border-bottom: 1px solid var(--line);
          z-index: 1; }
.filter-input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.filter label { margin-right: .6rem; cursor: pointer; user-select: none; }
.filter label::before { content: "\\2611  "; }
label[for="show-error"] { color: var(--error); background: var(--error-bg); }
label[for="show-warning"] { color: var(--warning); background: var(--warning-bg); }
label[for="show-info"] { color: var(--info); background: var(--info-bg); }
#show-error:not(:checked) ~ .filter label[for="show-error"],
#show-warning:not(:checked) ~ .filter label[for="show-warning"],
#show-info:not(:checked) ~ .filter label[for="show-info"] { opacity: .45; text-decoration: line-through; }
#show-error:not(:checked) ~ .filter label[for="show-error"]::before,
#show-warning:not(:checked) ~ .filter label[for="show-warning"]::before,
#show-info:not(:checked) ~ .filter label[for="show-info"]::before { content: "\\2610  "; }
#show-error:focus-visible ~ .filter label[for="show-error"],
#show-warning:focus-visible ~ .filter label[for="show-warning"],
#show-info:focus-visible ~ .filter label[for="show-info"] { outline: 2px solid #1f4e79; }
#show-error:not(:checked) ~ main tr.sev-error,
#show-warning:not(:checked) ~ main tr.sev-warning,
#show-info:not(:checked) ~ main tr.sev-info { display: none; }
.none { color: var(--passed); }
a { color: #0563c1; }
.back { font-size: .9em; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 13pt; margin: 0; max-width: none; padding: 0; }
  .filter, .filter-input, .back { display: none !important; }
  section.file { break-before: page; }
  section.file.first { break-before: auto; }
  tr, dl.meta { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
""".replace("FONTS", FONT_STACK)


def _e(value: object) -> str:
    return html.escape(safe_text("" if value is None else value), quote=True)


def _status(report: FileReport, lang: str) -> str:
    return f'<span class="badge status-{_e(report.status)}">{_e(ui("status_" + report.status, lang))}</span>'


def _anchor(index: int) -> str:
    return f"file-{index}"


def _fiscal_year(report: FileReport, lang: str) -> str:
    year = report.metadata.fiscal_year
    return thai_number(year, lang) if year else ui("unknown", lang)


def _summary(run: RunReport, lang: str) -> list[str]:
    heads = [ui("html_file", lang), ui("agency", lang), ui("fiscal_year", lang), ui("ann_status", lang)]
    out = ['<section class="summary">', f"<h2>{_e(ui('html_files', lang))}</h2>", "<table>", "<thead><tr>"]
    out += [f"<th>{_e(h)}</th>" for h in heads]
    out += [f'<th class="num">{_e(ui(s, lang))}</th>' for s in SEVERITIES]
    out.append("</tr></thead><tbody>")
    for index, report in enumerate(run.files, start=1):
        out.append(
            "<tr>"
            f'<td><a href="#{_anchor(index)}">{_e(report.path)}</a></td>'
            f"<td>{_e(report.metadata.agency or ui('unknown', lang))}</td>"
            f"<td>{_e(_fiscal_year(report, lang))}</td>"
            f"<td>{_status(report, lang)}</td>"
            + "".join(f'<td class="num">{_e(thai_number(report.count(s), lang))}</td>' for s in SEVERITIES)
            + "</tr>"
        )
    out.append("</tbody></table>")
    statuses = {s: sum(f.status == s for f in run.files) for s in ("passed", "failed", "unreadable")}
    out.append(f"<p>{_e(ui('run_summary', lang, files=len(run.files), **statuses))}</p>")
    out.append("</section>")
    return out


def _finding_row(finding: Finding, lang: str) -> str:
    where = finding.cell or (f"{ui('row', lang, row=finding.row)}" if finding.row else "—")
    body = f'<div class="message">{_e(finding.message)}</div>'
    if finding.hint:
        body += f'<div class="hint">{_e(ui("hint", lang))}: {_e(finding.hint)}</div>'
    if finding.value:
        body += f'<div class="value">{_e(ui("col_value", lang))}: {_e(finding.value)}</div>'
    severity = finding.severity if finding.severity in SEVERITIES else "info"
    return (
        f'<tr class="sev-{severity}">'
        f'<td>{_e(finding.sheet or ui("whole_file", lang))}</td>'
        f'<td class="cell">{_e(where)}</td>'
        f'<td class="sev">{_e(ui(severity, lang))}</td>'
        f"<td>{body}</td>"
        f'<td class="rule">{_e(finding.rule)}</td>'
        "</tr>"
    )


def _file_section(report: FileReport, index: int, lang: str, batch: bool) -> list[str]:
    meta = report.metadata
    unknown = ui("unknown", lang)
    first = " first" if index == 1 and not batch else ""
    out = [f'<section class="file{first}" id="{_anchor(index)}">',
           f"<h2>{_e(report.path)} {_status(report, lang)}</h2>"]
    facts = [
        (ui("agency", lang), meta.agency or unknown),
        (ui("fiscal_year", lang), _fiscal_year(report, lang)),
        (ui("round", lang), ui("round_value", lang, n=meta.round) if meta.round else "-"),
        (ui("kind", lang), ui(f"kind_{meta.kind}", lang) if meta.kind else unknown),
        (ui("ann_summary", lang), ui("file_summary", lang, **{s: report.count(s) for s in SEVERITIES})),
    ]
    if report.status != "unreadable":
        tables = [
            ui("table_at", lang, sheet=t.sheet, header=str(t.header_row), first=str(t.first_row), last=str(t.last_row))
            if t.first_row else ui("table_at_empty", lang, sheet=t.sheet, header=str(t.header_row))
            for t in report.tables
        ]
        facts.append((ui("tables", lang), "; ".join(tables) or ui("no_tables", lang)))
    out.append('<dl class="meta">' + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts) + "</dl>")
    if report.findings:
        heads = [ui("col_sheet", lang), ui("col_cell", lang), ui("col_level", lang), ui("col_message", lang),
                 ui("col_rule", lang)]
        out.append("<table><thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in heads) + "</tr></thead><tbody>")
        out += [_finding_row(f, lang) for f in report.findings]
        out.append("</tbody></table>")
    else:
        out.append(f'<p class="none">{_e(ui("no_findings", lang))}</p>')
    if batch:
        out.append(f'<p class="back"><a href="#top">{_e(ui("html_back", lang))}</a></p>')
    out.append("</section>")
    return out


def render(run: RunReport, lang: str = "th") -> str:
    batch = len(run.files) > 1
    title = ui("html_title", lang)
    level = ui(run.fail_on, lang)
    made_by = ui("html_made_by", lang, version=run.checker_version, rules=run.rules_count, level=level)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # Nothing may load from anywhere: no network, not even a favicon request.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:\">",
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        '<body id="top">',
    ]
    # The filter's checkboxes come before <main> so that CSS `~` can reach the rows.
    for severity in SEVERITIES:
        out.append(f'<input type="checkbox" class="filter-input" id="show-{severity}" checked>')
    out.append(f'<div class="filter" role="group" aria-label="{_e(ui("html_filter", lang))}">'
               f"<strong>{_e(ui('html_filter', lang))}:</strong> "
               + " ".join(f'<label for="show-{s}" class="badge">{_e(ui(s, lang))} '
                          f'({_e(thai_number(sum(f.count(s) for f in run.files), lang))})</label>'
                          for s in SEVERITIES)
               + "</div>")
    out += ["<main>", f"<h1>{_e(title)}</h1>", f'<p class="made-by">{_e(made_by)}</p>']
    if batch:
        out += _summary(run, lang)
    for index, report in enumerate(run.files, start=1):
        out += _file_section(report, index, lang, batch)
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)
