"""Rendering stays quick for a 150-criterion profile with long answers (figures printed with -s)."""

from __future__ import annotations

import time
from pathlib import Path

from render_support import DATE, long_answers_profile, synthetic_catalog

from ctpat_tui.catalog import load_catalog
from ctpat_tui.render import FORMATS, render_profile, usertext, view_for
from ctpat_tui.render.docx import render_docx
from ctpat_tui.render.docx_lint import lint_docx
from ctpat_tui.review import review_profile


def _timed(action) -> float:  # type: ignore[no-untyped-def]
    usertext.markdown_source.cache_clear()
    usertext._analyse.cache_clear()
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def test_a_150_criterion_profile_with_long_answers_renders_in_seconds(tmp_path: Path) -> None:
    catalog = load_catalog(synthetic_catalog(tmp_path / "catalog", 150))
    profile = long_answers_profile(tmp_path / "big", catalog)
    review = review_profile(catalog, profile)
    assert len(catalog.applicable("importer")) == 150
    everything = _timed(lambda: render_profile(catalog, profile, tmp_path / "out", FORMATS, review=review,
                                               generated=DATE))
    view = view_for(catalog, profile, review=review, generated=DATE)
    word = _timed(lambda: render_docx(view))
    print(f"\n150 criteria, long answers: all formats {everything * 1000:.0f} ms, docx alone {word * 1000:.0f} ms")
    assert everything < 20 and word < 15
    data = (tmp_path / "out" / "profile.docx").read_bytes()
    assert lint_docx(data) == []
    assert len(list((tmp_path / "out" / "upload").rglob("*.txt"))) == 150
