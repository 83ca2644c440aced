"""The text cache: a text judged once is read back (same verdicts), and never served stale, foreign or damaged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from ctpat_tui.cli import main
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.review import text_cache
from ctpat_tui.review.vagueness import frequency_problem, verdict
from tests.conftest import SAMPLE_DAY

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Each test starts like a new process with its own cache folder."""
    monkeypatch.setenv("CTPAT_CACHE_DIR", str(tmp_path / "cache"))
    text_cache.clear()
    yield
    text_cache.close_disk()
    text_cache.clear()


def _check_json(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    main(["check", str(path), "--json", "--today", SAMPLE_DAY.isoformat()])
    return capsys.readouterr().out


def _cache_file(tmp_path: Path) -> Path:
    return tmp_path / "cache" / text_cache.FILE_NAME


def test_the_same_text_is_judged_once_and_a_changed_text_again() -> None:
    judged: list[str] = []

    def judge(text: str) -> list[str]:
        judged.append(text)
        return [text.upper()]

    assert text_cache.cached("demo", "owner", "gate guard", lambda: judge("gate guard")) == ["GATE GUARD"]
    assert text_cache.cached("demo", "owner", "gate guard", lambda: judge("gate guard")) == ["GATE GUARD"]
    assert text_cache.cached("demo", "owner", "gate guards", lambda: judge("gate guards")) == ["GATE GUARDS"]
    assert text_cache.cached("demo", "records", "gate guard", lambda: judge("gate guard")) == ["GATE GUARD"]
    assert text_cache.cached("demo", "owner", "gate guard", lambda: judge("x"), extra='["Laredo"]') == ["X"]
    assert judged == ["gate guard", "gate guards", "gate guard", "x"]
    assert text_cache.counts == {"demo hit": 1, "demo miss": 4}


def test_verdicts_read_back_are_the_verdicts_judged() -> None:
    fresh = verdict("Someone checks it regularly", "frequency")
    assert text_cache.counts == {"verdict miss": 1}
    again = verdict("Someone checks it regularly", "frequency")
    assert again == fresh and again.vague and again.signals == fresh.signals
    assert frequency_problem("Someone checks it regularly") == fresh.problem
    assert text_cache.counts == {"verdict miss": 1, "verdict hit": 2}


def test_a_second_check_reads_every_judgement_and_gives_the_same_report(
        sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    umask = os.umask(0o022)  # the usual umask: the cache is still its owner's alone
    try:
        first = _check_json(sample_path, capsys)
    finally:
        os.umask(umask)
    assert text_cache.counts.get("verdict miss") and text_cache.counts.get("spelling miss")
    stored = _cache_file(tmp_path)
    assert stored.stat().st_mode & 0o777 == 0o600
    assert stored.parent.stat().st_mode & 0o777 == 0o700
    text_cache.clear()  # a new process
    assert _check_json(sample_path, capsys) == first
    assert not [name for name in text_cache.counts if name.endswith("miss")]
    text_cache.clear()
    monkeypatch.setenv("CTPAT_NO_CACHE", "1")
    assert _check_json(sample_path, capsys) == first


def test_a_check_after_editing_three_fields_judges_those_three(
        sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _check_json(sample_path, capsys)
    document = ProfileDocument.load(sample_path)
    edited = [cid for cid, answer in document.profile.answers.items() if answer.frequency.strip()][:3]
    run = uuid.uuid4().hex[:6]
    for number, cid in enumerate(edited):
        document.set_answer_value(cid, "frequency", f"Every shift and after each alarm (edit {number} {run})")
    document.save()
    text_cache.clear()
    _check_json(sample_path, capsys)
    assert text_cache.counts.get("verdict miss") == 3 and text_cache.counts.get("spelling miss") == 3
    assert text_cache.counts.get("spelling hit", 0) > 100  # the rest were read


def test_a_new_version_of_the_judging_code_judges_everything_again(
        sample_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    first = _check_json(sample_path, capsys)
    judged = dict(text_cache.counts)
    text_cache.clear()
    monkeypatch.setattr(text_cache, "version", lambda: "a newer judge")
    assert _check_json(sample_path, capsys) == first
    assert text_cache.counts == judged  # as many judged (and as few read) as the first time


def test_the_version_follows_the_judging_code_and_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names = [label for label, _ in text_cache._files_judged_by()]
    assert {"signals.py", "lexicon.py", "vagueness.py", "spelling.py", "data/common_words.txt",
            "spelling_words.toml"} <= set(names)
    data = tmp_path / "common_words.txt"
    data.write_text("5.0 seal\n", encoding="utf-8")
    monkeypatch.setattr(text_cache, "_files_judged_by", lambda: [("data/common_words.txt", data)])
    text_cache.version.cache_clear()
    try:
        before = text_cache.version()
        data.write_text("5.0 seals\n", encoding="utf-8")
        text_cache.version.cache_clear()
        assert text_cache.version() != before
    finally:
        text_cache.version.cache_clear()


@pytest.mark.parametrize("damage", ["truncated", "rubbish", "other format", "entries not a table", "open to all"])
def test_a_damaged_or_foreign_cache_file_is_ignored_and_replaced(
        damage: str, sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = _check_json(sample_path, capsys)
    judged = dict(text_cache.counts)
    stored = _cache_file(tmp_path)
    whole = stored.read_bytes()
    data = json.loads(whole)
    changed = {
        "truncated": whole[: len(whole) // 2],
        "rubbish": b"\x00\xffnot json at all",
        "other format": json.dumps({**data, "format": "someone else's cache"}).encode(),
        "entries not a table": json.dumps({**data, "entries": ["verdicts"]}).encode(),
        "open to all": whole,
    }[damage]
    stored.write_bytes(changed)
    if damage == "open to all":
        stored.chmod(0o666)  # anyone could have planted verdicts in it
    text_cache.clear()
    assert _check_json(sample_path, capsys) == first
    assert text_cache.counts == judged
    if damage != "open to all":
        assert json.loads(stored.read_bytes())["entries"] == data["entries"]  # rewritten whole


def test_the_cache_is_bounded_and_keeps_what_was_used_last(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_cache, "MAX_ENTRIES", 5)
    file = tmp_path / "cache" / text_cache.FILE_NAME
    text_cache.open_disk(file)
    for number in range(8):
        text_cache.cached("demo", "owner", f"text {number}", lambda n=number: n)
    text_cache.cached("demo", "owner", "text 3", lambda: "judged again")  # used last, so it stays
    text_cache.cached("demo", "owner", "text 8", lambda: 8)
    file.parent.mkdir(parents=True, exist_ok=True)
    left = file.parent / f".{text_cache.FILE_NAME}.k2j4.tmp"  # a check killed while writing the file
    left.write_bytes(b'{"format"')
    os.utime(left, (1, 1))
    other = file.parent / ".notes.md.x7q1.tmp"  # another program's temp file in a cache folder the user chose
    other.write_bytes(b"someone else's draft")
    os.utime(other, (1, 1))
    text_cache.save_disk()
    assert not left.exists()
    assert other.read_bytes() == b"someone else's draft"
    entries = json.loads(file.read_bytes())["entries"]
    assert list(entries) == [text_cache._key("demo", "owner", f"text {n}", "") for n in (5, 6, 7, 3, 8)]
    assert entries[text_cache._key("demo", "owner", "text 3", "")] == 3  # read back, not judged again
    long_text = "word " * (text_cache.MAX_TEXT // 4)
    text_cache.cached("demo", "owner", long_text, lambda: 1)
    assert text_cache.cached("demo", "owner", long_text, lambda: 2) == 2  # a pasted document is not kept


def test_the_app_keeps_judgements_in_memory_only(sample_path: Path, tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    from ctpat_tui.profile.parse import read_profile
    from ctpat_tui.review import review_profile

    review_profile(catalog, read_profile(sample_path), today=SAMPLE_DAY)
    assert text_cache.counts.get("verdict miss")
    assert not _cache_file(tmp_path).exists()


@pytest.mark.slow
def test_a_cached_check_does_not_load_the_spelling_dictionary(sample_path: Path, tmp_path: Path) -> None:
    """The second `ctpat check` of an unchanged profile reads its verdicts and spelling findings from the cache."""
    env = {**os.environ, "CTPAT_CACHE_DIR": str(tmp_path / "cache")}
    probe = ("import sys, io, contextlib\nfrom ctpat_tui.cli import main\nfrom ctpat_tui.review import text_cache\n"
             f"with contextlib.redirect_stdout(io.StringIO()): main(['check', {str(sample_path)!r}])\n"
             "print('spellchecker' in sys.modules, sorted(text_cache.counts))")
    outputs = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=ROOT,
                              check=True).stdout.strip() for _ in range(2)]
    assert outputs[0].startswith("True") and "'spelling miss'" in outputs[0]
    assert outputs[1] == "False ['spelling hit', 'verdict hit']"


def test_a_portfolio_report_is_printed_as_one_json_list_made_profile_by_profile() -> None:
    from ctpat_tui.review.report import json_list

    values = [{"profile": "a.toml", "findings": [{"message": "line one\nline two", "n": [1, {"x": "é"}]}]},
              {"profile": "b.toml", "error": "b.toml: not valid TOML"}, {}, []]
    for count in range(len(values) + 1):
        chosen = values[:count]
        assert json_list([json.dumps(v, indent=2) for v in chosen]) == json.dumps(chosen, indent=2)
