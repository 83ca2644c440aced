"""Reviewers' comments and tracked changes come back from a reviewed Word draft, criterion by criterion."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from ctpat_tui.cli import main
from ctpat_tui.feedback.reader import DraftError, read_draft
from ctpat_tui.feedback.report import load_feedback
from ctpat_tui.profile.document import ProfileDocument, read_profile
from tests.feedback_support import (anchors, bookmark, comment_with_python_docx, drop_bookmark, field_text,
                                    render_draft, tracked_replace, untracked_replace)


@pytest.fixture
def draft(tmp_path: Path, catalog, sample_path: Path) -> Path:  # type: ignore[no-untyped-def]
    return render_draft(catalog, read_profile(sample_path), tmp_path / "profile.docx")


def _first_words(path: Path, name: str, count: int = 3) -> str:
    return " ".join(field_text(path, name).split()[:count])


@pytest.mark.parametrize("layout", ["compact", "full"])
def test_every_answer_field_of_either_layout_is_anchored_and_a_fresh_draft_reports_nothing(
        tmp_path: Path, catalog, sample_path: Path, layout: str) -> None:  # type: ignore[no-untyped-def]
    profile = read_profile(sample_path)
    path = render_draft(catalog, profile, tmp_path / f"{layout}.docx", layout)
    entries = anchors(path)
    answered = {c.id for s in __import__("ctpat_tui.render", fromlist=["view_for"]).view_for(
        catalog, profile, check_files=False).sections for c in s.answered}
    assert {entry[0] for entry in entries.values() if entry[1] in ("narrative", "na_reason")} == answered
    if layout == "full":
        assert {"owner", "frequency", "records", "escalation"} <= {entry[1] for entry in entries.values()}
    feedback = load_feedback(catalog, profile, [path])
    assert feedback.drafts[0].status == "this profile" and "version 0.3" in feedback.drafts[0].message
    assert feedback.items == []


def test_a_comment_added_with_python_docx_is_reported_on_its_criterion_and_field(
        tmp_path: Path, catalog, sample_path: Path, draft: Path) -> None:  # type: ignore[no-untyped-def]
    name = bookmark(draft, "2.1", "narrative")
    reviewed = comment_with_python_docx(draft, name, "Say who signs the plan.", "Dana Officer", tmp_path / "r.docx")
    feedback = load_feedback(catalog, read_profile(sample_path), [reviewed])
    [item] = feedback.items
    assert (item.kind, item.criterion, item.field, item.authors) == ("comment", "2.1", "narrative", ["Dana Officer"])
    assert item.text == "Say who signs the plan."
    assert item.anchored.startswith(_first_words(draft, name))


def test_tracked_changes_in_raw_wordprocessingml_give_the_resulting_text(
        tmp_path: Path, catalog, sample_path: Path, draft: Path) -> None:  # type: ignore[no-untyped-def]
    name = bookmark(draft, "1.2", "narrative")
    old = _first_words(draft, name, 2)
    reviewed = tracked_replace(draft, name, old, "Our company", "Legal Team", tmp_path / "r.docx")
    profile = read_profile(sample_path)
    [item] = load_feedback(catalog, profile, [reviewed]).items
    assert (item.kind, item.criterion, item.field, item.authors) == ("change", "1.2", "narrative", ["Legal Team"])
    assert [c["kind"] for c in item.changes] == ["deletion", "insertion"]
    assert item.changes[0]["text"] == old and item.changes[1]["text"] == "Our company"
    assert item.after.startswith("Our company") and old not in item.after[:len(old) + 1]
    assert item.before.startswith(old) and not item.conflict


def test_an_untracked_edit_is_found_and_a_local_change_to_the_same_field_is_a_conflict(
        tmp_path: Path, catalog, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    profile = read_profile(sample_path)
    draft = render_draft(catalog, profile, tmp_path / "full.docx", "full")
    name = bookmark(draft, "1.2", "owner")
    old = field_text(draft, name)
    reviewed = untracked_replace(draft, name, old, "Chief Security Officer", tmp_path / "r.docx")
    [item] = load_feedback(catalog, profile, [reviewed]).items
    assert (item.kind, item.field, item.after, item.before, item.conflict) == (
        "edit", "owner", "Chief Security Officer", old, False)
    document = ProfileDocument.load(sample_path)
    document.set_answer_value("1.2", "owner", "Head of Logistics")
    document.save()
    [item] = load_feedback(catalog, read_profile(sample_path), [reviewed]).items
    assert item.conflict and item.before == "Head of Logistics"


def test_two_reviewed_copies_merge_by_criterion_with_their_authors(
        tmp_path: Path, catalog, sample_path: Path, draft: Path) -> None:  # type: ignore[no-untyped-def]
    first = comment_with_python_docx(draft, bookmark(draft, "2.1", "narrative"), "Too vague.", "Ann", tmp_path / "a.docx")
    second = comment_with_python_docx(draft, bookmark(draft, "1.2", "narrative"), "Fine.", "Bo", tmp_path / "b.docx")
    third = tracked_replace(draft, bookmark(draft, "2.1", "narrative"), _first_words(draft, bookmark(draft, "2.1", "narrative"), 1),
                            "We", "Cy", tmp_path / "c.docx")
    feedback = load_feedback(catalog, read_profile(sample_path), [first, second, third])
    grouped = feedback.by_criterion()
    assert list(grouped) == ["1.2", "2.1"]
    assert {(i.draft, i.authors[0]) for i in grouped["2.1"]} == {("a.docx", "Ann"), ("c.docx", "Cy")}


def test_a_comment_whose_field_anchor_was_deleted_stays_with_its_criterion_heading(
        tmp_path: Path, catalog, sample_path: Path, draft: Path) -> None:  # type: ignore[no-untyped-def]
    name = bookmark(draft, "2.1", "narrative")
    commented = comment_with_python_docx(draft, name, "Who checks this?", "Ann", tmp_path / "a.docx")
    reviewed = drop_bookmark(commented, name, tmp_path / "r.docx")
    feedback = load_feedback(catalog, read_profile(sample_path), [reviewed])
    [item] = feedback.items
    assert (item.criterion, item.field, item.text) == ("2.1", "", "Who checks this?")
    assert any(u.startswith("2.1 Response") for u in feedback.drafts[0].unread)


def test_a_document_that_is_no_draft_or_another_profiles_draft_is_reported_as_such(
        tmp_path: Path, catalog, sample_path: Path, draft: Path) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    plain = tmp_path / "letter.docx"
    Document().save(str(plain))
    profile = read_profile(sample_path)
    other = ProfileDocument.load(sample_path)
    other.set_header("company", "Globex Freight")
    other.save()
    elsewhere = render_draft(catalog, read_profile(sample_path), tmp_path / "globex.docx")
    moved = sample_path.with_name("copy.toml")
    moved.write_bytes(Path(__file__).parent.joinpath("..", "examples", "acme-importer", "profile.toml").read_bytes())
    feedback = load_feedback(catalog, read_profile(moved), [plain, elsewhere, draft])
    assert [d.status for d in feedback.drafts] == ["not a draft", "other profile", "this profile"]
    assert "another profile (Globex Freight" in feedback.drafts[1].message
    assert "another path" in feedback.drafts[2].message
    assert profile.company != "Globex Freight"


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(("entries", "expected"), [
    ({"word/document.xml": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>'},
     "declares a DTD or entities"),
    ({"word/document.xml": b"<w:document>" + b" " * (60 * 1024 * 1024) + b"</w:document>"}, "refused"),
    ({"word/other.xml": b"<a/>"}, "no word/document.xml"),
])
def test_hostile_documents_are_refused_with_one_line(tmp_path: Path, entries: dict[str, bytes], expected: str) -> None:
    path = _zip(tmp_path / "bad.docx", entries)
    with pytest.raises(DraftError, match=expected) as error:
        read_draft(path)
    assert "\n" not in str(error.value)


def test_a_damaged_part_is_refused_with_one_line(tmp_path: Path) -> None:
    """A part whose stored bytes were damaged in transit (bad CRC) is reported, not a traceback."""
    path = _zip(tmp_path / "damaged.docx", {"word/document.xml": b"<w:document>" + b"text " * 2000 + b"</w:document>"})
    data = bytearray(path.read_bytes())
    start = data.index(b"word/document.xml") + len("word/document.xml")
    data[start + 40] ^= 0xFF            # flip bytes inside the compressed body of the part
    data[start + 41] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(DraftError, match="damaged or encrypted|not well-formed") as error:
        read_draft(path)
    assert "\n" not in str(error.value)


def test_not_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_text("hello")
    with pytest.raises(DraftError, match="not a Word .docx file"):
        read_draft(path)


def test_feedback_command_prints_json_and_never_writes_the_draft(
        tmp_path: Path, catalog, sample_path: Path, draft: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    reviewed = comment_with_python_docx(draft, bookmark(draft, "2.1", "narrative"), "Add the date.", "Ann",
                                        tmp_path / "r.docx")
    before = (reviewed.read_bytes(), reviewed.stat().st_mtime_ns)
    assert main(["feedback", str(sample_path), str(reviewed), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["criteria"][0]["criterion"] == "2.1"
    assert report["criteria"][0]["items"][0]["authors"] == ["Ann"]
    assert (reviewed.read_bytes(), reviewed.stat().st_mtime_ns) == before
    assert main(["feedback", str(sample_path), str(reviewed)]) == 0
    assert "comment on Response" in capsys.readouterr().out
    bad = tmp_path / "bad.docx"
    bad.write_text("no")
    assert main(["feedback", str(sample_path), str(bad)]) == 2
    assert capsys.readouterr().err.strip() == "ctpat: bad.docx: it is not a Word .docx file"


def _tag_field_with_content_control(path: Path, name: str, target: Path) -> Path:
    """Wrap the runs of a field's first paragraph in an inline content control tagged with the field."""
    from lxml import etree

    from tests.feedback_support import W, _rewrite, _start

    def change(body) -> None:  # type: ignore[no-untyped-def]
        paragraph = _start(body, name).getparent()
        runs = paragraph.findall(f"{W}r")
        sdt = etree.Element(f"{W}sdt")
        etree.SubElement(etree.SubElement(sdt, f"{W}sdtPr"), f"{W}tag", {f"{W}val": f"ctpat:{name}"})
        content = etree.SubElement(sdt, f"{W}sdtContent")
        paragraph.insert(paragraph.index(runs[0]), sdt)
        for run in runs:
            content.append(run)

    return _rewrite(path, target, change)


@pytest.mark.slow
def test_a_reviewed_draft_saved_by_libreoffice_still_reads_back(
        tmp_path: Path, catalog, sample_path: Path, draft: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.render_support import convert, docx_xml, soffice

    if soffice() is None:
        pytest.skip("LibreOffice is not installed")
    commented = comment_with_python_docx(draft, bookmark(draft, "2.1", "narrative"), "Name the auditor.", "Ann",
                                         tmp_path / "a.docx")
    name = bookmark(draft, "1.2", "narrative")
    old = _first_words(draft, name, 2)
    changed = tracked_replace(commented, name, old, "Our company", "Legal Team", tmp_path / "b.docx")
    reviewed = _tag_field_with_content_control(changed, bookmark(draft, "1.3", "narrative"), tmp_path / "reviewed.docx")
    out = tmp_path / "saved"
    out.mkdir()
    saved = convert(reviewed, "docx:MS Word 2007 XML", out)
    assert saved.is_file() and saved.stat().st_size > 0
    xml = docx_xml(saved)
    assert "ctpat:ctpat_f" not in xml, "LibreOffice keeps content-control tags now: they could serve as anchors"
    assert xml.count('w:name="ctpat_f') == len(anchors(draft))
    feedback = load_feedback(catalog, read_profile(sample_path), [saved])
    assert feedback.drafts[0].status == "this profile" and feedback.drafts[0].unread == []
    found = {(i.kind, i.criterion, i.field, i.authors[0]) for i in feedback.items}
    assert found == {("comment", "2.1", "narrative", "Ann"), ("change", "1.2", "narrative", "Legal Team")}
    change = next(i for i in feedback.items if i.kind == "change")
    assert change.after.startswith("Our company")
    later = bookmark(draft, "1.4", "narrative")  # a second reviewer edits the LibreOffice-saved copy
    again = untracked_replace(saved, later, _first_words(saved, later, 2), "Each site", tmp_path / "again.docx")
    edits = [i for i in load_feedback(catalog, read_profile(sample_path), [again]).items if i.kind == "edit"]
    assert [(i.criterion, i.field) for i in edits] == [("1.4", "narrative")]
    assert edits[0].after.startswith("Each site")


def test_a_reply_in_comments_extended_is_listed_under_its_comment(
        tmp_path: Path, catalog, sample_path: Path, draft: Path) -> None:  # type: ignore[no-untyped-def]
    from lxml import etree

    from tests.feedback_support import W

    name = bookmark(draft, "2.1", "narrative")
    once = comment_with_python_docx(draft, name, "Who audits?", "Ann", tmp_path / "a.docx")
    twice = comment_with_python_docx(once, name, "The quality team.", "Bo", tmp_path / "b.docx")
    w14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    w15 = "http://schemas.microsoft.com/office/word/2012/wordml"
    with zipfile.ZipFile(twice) as source:
        entries = {i.filename: source.read(i.filename) for i in source.infolist()}
    comments = etree.fromstring(entries["word/comments.xml"])
    for number, comment in enumerate(comments.iter(f"{W}comment")):
        comment.findall(f"{W}p")[-1].set(f"{{{w14}}}paraId", f"0000000{number + 1}")
    entries["word/comments.xml"] = etree.tostring(comments)
    entries["word/commentsExtended.xml"] = (
        f'<w15:commentsEx xmlns:w15="{w15}"><w15:commentEx w15:paraId="00000001" w15:done="0"/>'
        f'<w15:commentEx w15:paraId="00000002" w15:paraIdParent="00000001" w15:done="0"/></w15:commentsEx>').encode()
    reviewed = tmp_path / "replied.docx"
    with zipfile.ZipFile(reviewed, "w") as target:
        for entry, data in entries.items():
            target.writestr(entry, data)
    [item] = load_feedback(catalog, read_profile(sample_path), [reviewed]).items
    assert (item.text, item.authors) == ("Who audits?", ["Ann"])
    assert item.replies == [{"author": "Bo", "date": item.replies[0]["date"], "text": "The quality team."}]


@pytest.mark.parametrize(("version", "expected"), [("0.3", "0.4"), ("v2", "v3"), ("1.9", "1.10"), ("draft", "draft.1"),
                                                   ("", "")])
def test_taking_feedback_in_moves_the_version_on(version: str, expected: str) -> None:
    from ctpat_tui.feedback.apply import next_version

    assert next_version(version) == expected


def test_a_comment_passed_on_in_a_second_copy_is_listed_once_with_both_files(
        tmp_path: Path, catalog, sample_path: Path, draft: Path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    first = comment_with_python_docx(draft, bookmark(draft, "2.1", "narrative"), "Too vague.", "Ann", tmp_path / "a.docx")
    passed_on = shutil.copy(first, tmp_path / "b.docx")
    more = comment_with_python_docx(Path(passed_on), bookmark(draft, "1.2", "narrative"), "OK.", "Bo", tmp_path / "c.docx")
    items = load_feedback(catalog, read_profile(sample_path), [first, more]).items
    assert sorted((i.criterion, i.authors[0], i.draft) for i in items) == [
        ("1.2", "Bo", "c.docx"), ("2.1", "Ann", "a.docx, c.docx")]
