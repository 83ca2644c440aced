"""The corrective-action plan: `ctpat actions`, its exports, and the rules that keep it honest."""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import replace

from ctpat_tui.cli import main
from ctpat_tui.profile.document import ProfileDocument, read_profile
from ctpat_tui.review import review_profile

TODAY = dt.date(2026, 11, 29)


def _rules(catalog, path, today=TODAY):
    return {(f.criterion, f.rule) for f in review_profile(catalog, read_profile(path), today=today).open_findings()}


def test_the_sample_plan_lists_overdue_actions_first_once_their_date_passes(sample_path, capsys):
    assert main(["actions", str(sample_path), "--overdue", "--json", "--today", "2026-12-20"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [a["id"] for a in data["actions"]] == ["CA-003"] and data["actions"][0]["overdue"]
    assert main(["actions", str(sample_path), "--overdue", "--today", "2026-12-01"]) == 0
    assert "no overdue corrective actions" in capsys.readouterr().out


def test_a_partial_answer_without_an_owned_dated_action_is_flagged_until_one_exists(catalog, sample_path):
    document = ProfileDocument.load(sample_path)
    fence = document.profile.actions[0]
    assert fence.criterion == "9.2"
    document.set_action(replace(fence, owner=""))
    document.save()
    assert ("9.2", "CAP001") in _rules(catalog, sample_path)
    document.set_action(fence)
    document.save()
    assert ("9.2", "CAP001") not in _rules(catalog, sample_path)


def test_overdue_and_unproven_actions_are_flagged(catalog, sample_path):
    document = ProfileDocument.load(sample_path)
    screening, remote = document.profile.actions[2], document.profile.actions[3]
    document.set_action(replace(remote, closure_evidence=""))
    document.save()
    found = _rules(catalog, sample_path, today=dt.date(2026, 12, 20))
    assert (screening.criterion, "CAP002") in found
    assert ("4.9", "CAP003") in found


def test_an_action_for_a_criterion_that_does_not_apply_is_still_checked(catalog, sample_path):
    document = ProfileDocument.load(sample_path)
    document.set_action(replace(document.profile.actions[2], id="CA-009", criterion=""))
    document.save()
    assert ("", "CAP002") in _rules(catalog, sample_path, today=dt.date(2026, 12, 20))


def test_the_annual_review_deadline_warns_then_becomes_an_error(catalog, sample_path):
    assert not {r for _c, r in _rules(catalog, sample_path)} & {"CYC001", "CYC002"}
    assert ("", "CYC001") in _rules(catalog, sample_path, today=dt.date(2027, 1, 20))
    assert ("", "CYC002") in _rules(catalog, sample_path, today=dt.date(2027, 3, 16))


def test_csv_and_xlsx_exports_hold_every_action_and_never_a_formula(sample_path, tmp_path):
    document = ProfileDocument.load(sample_path)
    document.set_action(replace(document.profile.actions[0], gap="=HYPERLINK(\"http://x\")"))
    document.save()
    target = tmp_path / "cap.csv"
    assert main(["actions", str(sample_path), "--export", str(target)]) == 0
    rows = list(csv.DictReader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert [r["ID"] for r in rows] == ["CA-003", "CA-002", "CA-001", "CA-004"]
    assert rows[2]["Gap"].startswith("'=")
    assert target.stat().st_mode & 0o777 == 0o600
    book_path = tmp_path / "cap.xlsx"
    assert main(["actions", str(sample_path), "--export", str(book_path)]) == 0
    from openpyxl import load_workbook

    sheet = load_workbook(book_path).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["ID", "Criterion", "Gap"] and len(values) == 5
    gap = next(v for v in values if v[0] == "CA-001")[2]
    assert gap == "=HYPERLINK(\"http://x\")" and sheet["C4"].data_type == "s"


def test_export_to_an_unknown_format_is_refused_in_one_line(sample_path, tmp_path, capsys):
    assert main(["actions", str(sample_path), "--export", str(tmp_path / "cap.pdf")]) == 2
    assert ".csv or .xlsx" in capsys.readouterr().err


def test_every_csv_the_product_writes_guards_formulas_with_the_one_helper():
    from ctpat_tui.cycle import actions
    from ctpat_tui.render import bundle
    from ctpat_tui.spreadsheet import csv_safe

    assert actions.csv_safe is bundle.csv_safe is csv_safe
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert csv_safe(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"
    assert csv_safe("Security Manager") == "Security Manager"
    from ctpat_tui.profile.model import Action

    gap = Action("CA-001", "7.23", "=cmd|' /C calc'!A0", "", "fix it", "QA", None, "open", "", None, None, None)
    row = next(csv.reader(actions.actions_csv([gap]).splitlines()[1:]))
    assert "'=cmd|' /C calc'!A0" in row


def test_check_render_and_the_app_judge_the_cycle_as_of_an_injected_day(catalog, sample_path, tmp_path, capsys,
                                                                          monkeypatch):
    from ctpat_tui.tui.screens import cycle_keys, findings_actions

    assert main(["check", "--json", "--today", "2027-03-16", str(sample_path)]) == 1
    assert "CYC002" in {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}
    main(["check", "--json", "--today", "2026-12-01", str(sample_path)])
    assert "CYC002" not in {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert main(["render", str(sample_path), "--out", str(tmp_path / "o"), "--format", "md",
                 "--today", "2027-03-16"]) == 0
    assert "2027-03-16" in (tmp_path / "o" / "profile.md").read_text(encoding="utf-8")
    monkeypatch.setattr(cycle_keys, "today", lambda: dt.date(2027, 3, 16))
    assert "CYC002" in {f.rule for f in findings_actions.review_profile(catalog, read_profile(sample_path)).findings}
