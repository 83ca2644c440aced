"""Portal-ready output: Markdown, paste-ready text, Word draft and evidence upload bundle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ctpat_tui.catalog.model import Catalog
from ctpat_tui.profile.model import WORD_LAYOUTS, Profile
from ctpat_tui.render.errors import RenderError
from ctpat_tui.render.evidence import check_evidence, plan_evidence
from ctpat_tui.render.files import ensure_folder, write_atomic
from ctpat_tui.render.markdown import render_markdown
from ctpat_tui.render.pages import Layout
from ctpat_tui.render.paste_text import render_paste_text
from ctpat_tui.render.text_clean import TextCleaner
from ctpat_tui.render.view import ProfileView, build_view

FORMATS: tuple[str, ...] = ("md", "txt", "docx", "bundle")
CHANGED_PASTE_NAME = "portal-responses-changed.txt"
FILE_NAMES = {"md": "profile.md", "txt": "portal-responses.txt", "docx": "profile.docx", "bundle": "upload"}

__all__ = ["FORMATS", "RenderError", "RenderResult", "build_view", "render_markdown", "render_paste_text",
           "render_profile", "view_for"]


@dataclass
class RenderResult:
    """The files written (in format order) and every problem met (removed characters, missing evidence ...)."""

    files: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    layout: Layout | None = None  # the Word draft's pages, measured or estimated (None without a .docx)


def _formats(formats: Iterable[str] | str) -> list[str]:
    wanted = [f.strip() for f in (formats.split(",") if isinstance(formats, str) else formats) if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format {', '.join(unknown)} (choose from {', '.join(FORMATS)})")
    return [f for f in FORMATS if f in wanted]


def view_for(catalog: Catalog, profile: Profile, *, review: Any = None, generated: dt.date | None = None,
             check_files: bool = True) -> ProfileView:
    """The render view of a profile, with its evidence files checked (missing, changed) when `check_files`."""
    clean = TextCleaner()
    items = plan_evidence(catalog, profile, clean)
    if check_files:
        items = check_evidence(items, profile.base_dir)
    view = build_view(catalog, profile, review=review, generated=generated, evidence=items, clean=clean)
    if not check_files:
        return view
    from ctpat_tui.render.cycle_view import build_cycle_view

    cycle = build_cycle_view(catalog, profile, clean, generated or dt.date.today())
    return replace(view, cycle=cycle, problems=tuple(clean.problems()) + cycle.problems)


def render_profile(catalog: Catalog, profile: Profile, out_dir: Path, formats: Iterable[str] | str = FORMATS, *,
                   template: Path | None = None, review: Any = None,
                   generated: dt.date | None = None, layout: str | None = None,
                   measure_pages: bool = False, changed_only: bool = False) -> RenderResult:
    """Render the chosen formats into `out_dir` (created if missing); every file is written whole or not at all.

    `layout` overrides the profile's Word layout setting ("compact" or "full"). With `measure_pages`, LibreOffice
    (when installed) lays the Word draft out first: the contents get page numbers and the page count is measured;
    without it, or without LibreOffice, the page count is an estimate (RenderResult.layout says which).
    `changed_only` writes the paste pack of the boxes changed since the last submission
    (portal-responses-changed.txt) instead of the full one."""
    wanted = _formats(formats)
    view = view_for(catalog, profile, review=review, generated=generated)
    if layout is not None:
        if layout not in WORD_LAYOUTS:
            raise ValueError(f"unknown Word layout {layout} (choose from {', '.join(WORD_LAYOUTS)})")
        view = replace(view, word_layout=layout)
    result = RenderResult(problems=list(view.problems))
    result.problems += [f"evidence: {item.problem()}" for item in view.evidence if item.is_problem]
    contents: dict[str, bytes] = {}
    if "md" in wanted:
        contents["md"] = render_markdown(view).encode("utf-8")
    if "txt" in wanted:
        contents["txt"] = render_paste_text(view, changed_only=changed_only).encode("utf-8")
    if "docx" in wanted:
        from ctpat_tui.render.docx import render_docx

        from ctpat_tui.render.pages import estimate, measure

        contents["docx"], docx_problems = render_docx(view, template)
        measured = measure(contents["docx"]) if measure_pages else None
        if measured is not None:
            contents["docx"], docx_problems = render_docx(view, template, layout=measured)
        result.layout = measured or estimate(contents["docx"])
        result.problems += docx_problems
    ensure_folder(out_dir)
    from ctpat_tui.review.privacy import render_folder_finding

    open_folder = render_folder_finding(out_dir)
    if open_folder is not None:
        result.problems.insert(0, f"{open_folder.rule}: {open_folder.message}; to close it: {open_folder.suggestion}")
    for name in ("md", "txt", "docx"):
        if name in contents:
            file_name = CHANGED_PASTE_NAME if name == "txt" and changed_only else FILE_NAMES[name]
            result.files.append(write_atomic(out_dir / file_name, contents[name]))
    if "bundle" in wanted:
        from ctpat_tui.render.bundle import write_bundle

        bundle = write_bundle(list(view.evidence), profile.base_dir, out_dir)
        result.files += bundle.files
        before = {(i.criterion, i.file, i.bundled_name): i.status for i in view.evidence}
        for item in bundle.items:
            if item.is_problem and before.get((item.criterion, item.file, item.bundled_name)) != item.status:
                result.problems.append(f"upload bundle: {item.problem()} (changed while rendering)")
    return result
