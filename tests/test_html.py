"""The HTML report (`--format html`): one self-contained page, every cell text escaped."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.formatters.html import FONT_STACK, render
from checker.model import Metadata, RunReport
from conftest import check

HOSTILE = {
    "name": "<b>report<img src=x onerror=alert(1)>.xlsx",
    "report": [
        {"responsible": "<script>alert(1)</script>"},
        {"responsible": "[bold red]x[/]"},
        {"responsible": '<a href="https://evil.example/">คลิก</a>'},
        {"output": None},
    ],
}


class Page(HTMLParser):
    """The tags, attributes and text the browser would see."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def attribute_values(self, name: str) -> list[str]:
        return [attrs[name] for _, attrs in self.tags if attrs.get(name) is not None]


def run_of(*reports) -> RunReport:
    return RunReport(files=tuple(reports), rules_count=8, rules_digest="x", checker_version="0.1.0")


@pytest.fixture
def hostile(build):
    return check(build(HOSTILE))


def test_cell_text_and_file_names_show_as_text(hostile):
    page = render(run_of(hostile), "th")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page.lower()  # the page has no script of its own either
    assert "<b>" not in page and "&lt;b&gt;report" in page
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "[bold red]x[/]" in page  # rich markup is only text here
    parsed = Page(page)
    seen = "".join(parsed.text)
    assert "<script>alert(1)</script>" in seen and "[bold red]x[/]" in seen and "<b>report<img" in seen
    assert {tag for tag, _ in parsed.tags} <= {
        "html", "head", "meta", "title", "style", "body", "input", "div", "strong", "label", "main", "h1", "h2",
        "p", "section", "span", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td", "a"}


def test_the_page_loads_nothing(hostile, build):
    other = check(build({"report": [{}, {"outcome": "https://example.com/x.png"}]}))
    page = render(run_of(hostile, other), "en")
    parsed = Page(page)
    links = parsed.attribute_values("href") + parsed.attribute_values("src")
    assert links and all(link.startswith("#") for link in links)
    assert not parsed.attribute_values("srcset") and not parsed.attribute_values("action")
    assert not any(tag in ("link", "script", "img", "iframe", "object", "embed") for tag, _ in parsed.tags)
    style = page[page.index("<style>"):page.index("</style>")]
    assert "url(" not in style and "@import" not in style and "http" not in style
    # the evil link text is there, escaped, and no attribute holds it
    assert "&lt;a href=&quot;https://evil.example/&quot;&gt;" in page
    assert not any("evil" in v for _, attrs in parsed.tags for v in attrs.values() if v)


def test_findings_table_with_cells_severities_messages_and_hints(hostile):
    page = render(run_of(hostile), "th")
    assert '<html lang="th">' in page and '<meta charset="utf-8">' in page
    for finding in hostile.findings:
        assert f'<td class="cell">{finding.cell}</td>' in page
        assert f'<tr class="sev-{finding.severity}">' in page
    empty = next(f for f in hostile.findings if f.rule == "empty-cell")
    assert empty.message in page and empty.hint in page
    assert "องค์การบริหารส่วนตำบลตัวอย่าง" in page and "๒๕๖๘" in page and "๑๒ เดือน" in page
    assert "ไม่ผ่าน" in page


def test_filter_by_severity_works_without_javascript(hostile):
    page = render(run_of(hostile), "en")
    parsed = Page(page)
    boxes = [attrs for tag, attrs in parsed.tags if tag == "input"]
    assert [b["id"] for b in boxes] == ["show-error", "show-warning", "show-info"]
    assert all(b["type"] == "checkbox" and "checked" in b for b in boxes)
    assert {a["for"] for tag, a in parsed.tags if tag == "label"} == {"show-error", "show-warning", "show-info"}
    for severity in ("error", "warning", "info"):
        assert re.search(rf"#show-{severity}:not\(:checked\) ~ main tr\.sev-{severity}", page)
    assert "display: none" in page


def test_thai_fonts_and_a4_print(hostile):
    page = render(run_of(hostile), "th")
    assert FONT_STACK in page
    assert FONT_STACK.startswith('"TH Sarabun New", "Sarabun", "Noto Sans Thai", "Leelawadee UI", Tahoma')
    assert "@page { size: A4" in page and "@media print" in page


def test_a_batch_starts_with_a_summary_linking_each_file(build, tmp_path):
    ok = check(build({"report": [{}, {}]}, name="ok.xlsx"))
    bad = check(build({"report": [{}, {"output": None}]}, name="bad.xlsx"))
    broken = tmp_path / "broken.xlsx"
    broken.write_text("not a workbook")
    unreadable = check(broken)
    page = render(run_of(ok, bad, unreadable), "en")
    parsed = Page(page)
    ids = {attrs["id"] for _, attrs in parsed.tags if "id" in attrs}
    links = [link[1:] for link in parsed.attribute_values("href") if link != "#top"]
    assert links == ["file-1", "file-2", "file-3"] and set(links) <= ids
    summary = page[page.index('<section class="summary">'):page.index("</section>")]
    assert summary.index("ok.xlsx") < summary.index("bad.xlsx") < summary.index("broken.xlsx")
    for status in ("status-passed", "status-failed", "status-unreadable"):
        assert status in summary
    assert page.index('class="summary"') < page.index('id="file-1"')
    assert unreadable.findings[0].message in page


def test_a_single_file_has_no_summary_table(hostile):
    assert 'class="summary"' not in render(run_of(hostile), "th")


def test_metadata_is_escaped_too(hostile):
    odd = dataclasses.replace(hostile, metadata=Metadata(agency='<script>alert("a")</script>', fiscal_year=2568))
    page = render(run_of(odd, hostile), "th")
    assert '<script>alert("a")</script>' not in page
    assert "&lt;script&gt;alert(&quot;a&quot;)&lt;/script&gt;" in page


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def test_cli_html_output(build, tmp_path):
    bad, ok = build({"report": [{}, {"output": None}]}), build({"report": [{}, {}]})
    out = tmp_path / "report.html"
    result = run("check", bad, "--format", "html", "--output", out)
    assert result.exit_code == 1 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = run("check", ok, "--format", "html", "--output", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert "ไม่พบปัญหา" in out.read_text(encoding="utf-8")
    result = run("check", ok, "--format", "html")  # no --output: the page goes to standard output
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")


def test_cli_refuses_to_write_the_report_over_an_input(build):
    path = build({"report": [{}]})
    before = path.read_bytes()
    result = run("check", path, "--format", "html", "--output", path)
    assert result.exit_code == 2
    assert path.read_bytes() == before


CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None)


@pytest.mark.skipif(not CHROMIUM, reason="chromium is not installed")
def test_renders_in_headless_chromium(hostile, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(render(run_of(hostile), "th"), encoding="utf-8")
    png = tmp_path / "shot.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}",
                    "--window-size=1280,900", page.as_uri()],
                   check=True, timeout=120, capture_output=True)
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 5000


def test_filter_marks_are_check_boxes_not_python_escapes():
    from checker.formatters.html import _CSS

    # "\2611" in a plain Python string would be the octal escape "\261" (a plus-minus sign).
    assert "\u00b1" not in _CSS
    assert 'content: "\\2611' in _CSS and 'content: "\\2610' in _CSS
