"""The Word draft's page count and contents page numbers: measured with LibreOffice when present, else estimated."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from render_support import DATE, convert, soffice

from ctpat_tui.catalog import Catalog
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.render import render_profile, view_for
from ctpat_tui.render.docx import render_docx
from ctpat_tui.render.docx_lint import lint_docx
from ctpat_tui.render.pages import Layout, estimate, measure, pageref_names, pageref_results, pdf_page_count
from ctpat_tui.review import review_profile
from tests.conftest import SAMPLE_DAY


@pytest.fixture
def sample_view(sample_path: Path, catalog: Catalog):  # type: ignore[no-untyped-def]
    profile = ProfileDocument.load(sample_path).profile
    return view_for(catalog, profile, review=review_profile(catalog, profile, today=SAMPLE_DAY), generated=DATE)


def _contents(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs if p.style.name == "toc 1"]


def _part(data: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode("utf-8")


def test_each_contents_entry_links_to_its_heading_with_a_page_field(sample_view) -> None:
    data, problems = render_docx(sample_view)
    assert problems == [] and lint_docx(data) == []
    headings = [p.text for p in Document(io.BytesIO(data)).paragraphs if p.style.name == "Heading 1"]
    entries = _contents(data)
    assert [e.strip() for e in entries] == headings                    # every heading, in order, nothing else
    xml = _part(data, "word/document.xml")
    for number in range(1, len(headings) + 1):
        name = f"_TocCtpat{number:03d}"
        assert xml.count(f'w:name="{name}"') == 1 and f'w:anchor="{name}"' in xml and f"PAGEREF {name} " in xml
    assert pageref_results(data) == {}                                  # nothing measured: no number is invented
    assert "<w:updateFields" in _part(data, "word/settings.xml")        # so Word offers to fill them in
    assert "<Pages>" not in _part(data, "docProps/app.xml")              # and no stale page count is claimed


def test_a_measured_layout_is_stored_in_the_fields_and_the_properties(sample_view) -> None:
    layout = Layout(61, True, {"_TocCtpat001": 3, "_TocCtpat002": 7}, "laid out by LibreOffice")
    data, problems = render_docx(sample_view, layout=layout)
    assert problems == [] and lint_docx(data) == []
    assert pageref_results(data) == {"_TocCtpat001": 3, "_TocCtpat002": 7}
    assert _contents(data)[0].endswith("\t3") and _contents(data)[1].endswith("\t7")
    assert "<w:updateFields" not in _part(data, "word/settings.xml")    # no question when the file is opened
    assert "<Pages>61</Pages>" in _part(data, "docProps/app.xml")
    assert any(t.startswith("Page numbers as LibreOffice laid out this draft")
               for t in (p.text for p in Document(io.BytesIO(data)).paragraphs))


def test_the_estimate_is_labelled_and_grows_with_the_text(sample_view, tmp_path: Path, catalog: Catalog) -> None:
    from dataclasses import replace

    compact = estimate(render_docx(sample_view)[0])
    full = estimate(render_docx(replace(sample_view, word_layout="full"))[0])
    assert not compact.measured and compact.describe().startswith(f"about {compact.pages} pages (estimate")
    assert 10 < compact.pages < full.pages
    assert Layout(1, True, {}, "laid out by LibreOffice").describe() == "1 page (laid out by LibreOffice)"


def test_without_libreoffice_render_still_reports_an_estimate(tmp_path: Path, sample_path: Path) -> None:
    env = {**os.environ, "CTPAT_SOFFICE": "none"}                      # as on a machine without LibreOffice
    done = subprocess.run([sys.executable, "-m", "ctpat_tui", "render", str(sample_path), "--out", str(tmp_path),
                           "--format", "docx", "--today", SAMPLE_DAY.isoformat()], capture_output=True, text=True,
                          timeout=180, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [str(tmp_path / "profile.docx")]
    line = next(x for x in done.stderr.splitlines() if "profile.docx:" in x)
    assert line.startswith("ctpat: profile.docx: about ") and "estimate" in line and "install LibreOffice" in line


needs_libreoffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")


@pytest.mark.slow
@needs_libreoffice
def test_libreoffice_counts_the_pages_and_fills_in_the_contents(tmp_path: Path, sample_path: Path,
                                                                catalog: Catalog,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CTPAT_SOFFICE")
    profile = ProfileDocument.load(sample_path).profile
    result = render_profile(catalog, profile, tmp_path / "out", ["docx"],
                            review=review_profile(catalog, profile, today=SAMPLE_DAY), generated=DATE,
                            measure_pages=True)
    layout = result.layout
    assert layout is not None and layout.measured
    data = (tmp_path / "out" / "profile.docx").read_bytes()
    pdf = convert(tmp_path / "out" / "profile.docx", "pdf", tmp_path / "pdf")     # an independent conversion
    assert pdf_page_count(pdf.read_bytes()) == layout.pages
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE).group(1) == str(layout.pages)
    stored = pageref_results(data)
    assert len(stored) == len(_contents(data)) and stored == layout.heading_pages
    pages = list(stored.values())
    assert pages == sorted(pages) and 2 < pages[0] and pages[-1] <= layout.pages
    assert f"<Pages>{layout.pages}</Pages>" in _part(data, "docProps/app.xml")
    guess = estimate(data)                                             # the estimate stays near the real count
    assert abs(guess.pages - layout.pages) <= max(3, layout.pages // 5)


@pytest.mark.slow
@needs_libreoffice
def test_ctpat_render_reports_the_measured_page_count(tmp_path: Path, sample_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CTPAT_SOFFICE")
    done = subprocess.run([sys.executable, "-m", "ctpat_tui", "render", str(sample_path), "--out", str(tmp_path),
                           "--format", "docx", "--layout", "compact", "--today", SAMPLE_DAY.isoformat()],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stderr.splitlines() if "profile.docx:" in x)
    count = int(line.split("profile.docx: ")[1].split(" ")[0])
    assert line.endswith(" pages (laid out by LibreOffice)")
    assert "<Pages>%d</Pages>" % count in _part((tmp_path / "profile.docx").read_bytes(), "docProps/app.xml")
    assert measure(b"PK\x03\x04 not a docx") is None                    # a file LibreOffice cannot read


def _counting_soffice(folder: Path, log: Path, old: bool = False) -> str:
    """A stand-in for soffice that logs each run and calls the real one; `old` drops the PDF export options, as a
    LibreOffice that predates them would ignore them."""
    real = soffice()
    wrapper = folder / "soffice-counting"
    drop = 'case "$a" in pdf:*) a=pdf;; esac; ' if old else ""
    wrapper.write_text(f'#!/bin/sh\necho run >> "{log}"\nfor a in "$@"; do shift; {drop}set -- "$@" "$a"; done\n'
                       f'exec "{real}" "$@"\n')
    wrapper.chmod(0o700)
    return str(wrapper)


@pytest.mark.slow
@needs_libreoffice
@pytest.mark.parametrize("old", [False, True], ids=["one-run", "older-libreoffice"])
def test_one_libreoffice_run_gives_the_page_count_and_every_contents_page(tmp_path: Path, sample_view,
                                                                          old: bool) -> None:
    data, _problems = render_docx(sample_view)
    log = tmp_path / "runs.log"
    layout = measure(data, _counting_soffice(tmp_path, log, old))
    assert layout is not None and log.read_text().count("run") == (2 if old else 1)
    (tmp_path / "draft").mkdir()
    (tmp_path / "draft" / "profile.docx").write_bytes(data)
    laid_out = convert(tmp_path / "draft" / "profile.docx", "docx:MS Word 2007 XML", tmp_path / "laid-out")
    # the pages LibreOffice itself writes into the contents when it saves the draft laid out
    assert layout.heading_pages == pageref_results(laid_out.read_bytes())
    assert list(layout.heading_pages) == pageref_names(data) and len(layout.heading_pages) > 10
