"""A stored `ctpat check` result: the same report and exit code as a fresh check, printed without loading the
review, and never when anything the check read has changed, nor from a damaged, foreign or open cache file."""

from __future__ import annotations

import builtins
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ctpat_tui.cli import main
from ctpat_tui.review import check_cache, report, text_cache
from tests.conftest import SAMPLE_DAY

ROOT = Path(__file__).resolve().parent.parent
DAY = ["--today", SAMPLE_DAY.isoformat()]


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CTPAT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(check_cache, "RACY_NS", 0)  # the test's files are seconds old, not hours
    text_cache.clear()
    yield
    text_cache.close_disk()
    text_cache.clear()


class Reviews:
    """Counts the checks that really reviewed a profile (a replayed one does not)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = report.check_one

        def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.count += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(report, "check_one", counted)


@pytest.fixture
def reviews(monkeypatch: pytest.MonkeyPatch) -> Reviews:
    return Reviews(monkeypatch)


def _run(capsys: pytest.CaptureFixture[str], *words: str) -> tuple[int, str, str]:
    code = main(["check", *words])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _entries(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "cache" / check_cache.FOLDER_NAME
    return sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.is_dir() else []


@pytest.mark.parametrize("output", [[], ["--json"], ["--verbose", "--fail-on", "warning"]])
def test_a_second_check_prints_the_same_report_without_reviewing(
        sample_path: Path, output: list[str], capsys: pytest.CaptureFixture[str], reviews: Reviews,
        monkeypatch: pytest.MonkeyPatch) -> None:
    first = _run(capsys, str(sample_path), *output, *DAY)
    second = _run(capsys, str(sample_path), *output, *DAY)
    assert reviews.count == 1
    assert second == first and first[0] == 1 and first[1]
    monkeypatch.setenv("CTPAT_NO_CACHE", "1")
    assert _run(capsys, str(sample_path), *output, *DAY) == first  # and a check without any cache agrees
    assert reviews.count == 2


def test_the_stored_report_is_byte_identical_in_a_new_process_which_loads_no_review(
        sample_path: Path, tmp_path: Path) -> None:
    env = {**os.environ, "CTPAT_CACHE_DIR": str(tmp_path / "cache")}
    time.sleep(check_cache.RACY_NS_DEFAULT / 1e9 + 0.1)  # files changed just before a check are not kept
    probe = ("import sys; from ctpat_tui.cli import main; code = main(sys.argv[1:]); sys.stdout.flush(); "
             "loaded = [m for m in ('ctpat_tui.review.engine', 'ctpat_tui.catalog.model', 'ctpat_tui.profile.model') "
             "if m in sys.modules]; sys.stderr.write(repr(loaded)); sys.exit(code)")
    runs = [subprocess.run([sys.executable, "-c", probe, "check", "--json", str(sample_path), *DAY], cwd=ROOT,
                           env=env, capture_output=True, timeout=120) for _ in range(2)]
    plain = subprocess.run([sys.executable, "-m", "ctpat_tui", "check", "--json", str(sample_path), *DAY], cwd=ROOT,
                           env={**env, "CTPAT_NO_CACHE": "1"}, capture_output=True, timeout=120)
    assert runs[0].stdout == runs[1].stdout == plain.stdout and plain.stdout.startswith(b"{")
    assert runs[0].returncode == runs[1].returncode == plain.returncode == 1
    assert "ctpat_tui.review.engine" in runs[0].stderr.decode()
    assert runs[1].stderr == b"[]"  # replayed: nothing of the review, the catalogue or the profile model


def _change_profile_byte(sample_dir: Path) -> None:
    path = sample_dir / "profile.toml"
    info = path.stat()
    data = path.read_bytes()
    at = data.index(b"Acme")
    path.write_bytes(data[:at] + b"Acne" + data[at + 4:])  # same size, and the same modification time
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def _touch_evidence(sample_dir: Path) -> None:
    os.utime(next((sample_dir / "evidence").iterdir()))


def _remove_evidence(sample_dir: Path) -> None:
    next((sample_dir / "evidence").iterdir()).unlink()


def _chmod_evidence(sample_dir: Path) -> None:
    next((sample_dir / "evidence").iterdir()).chmod(0o644)


def _open_evidence_folder(sample_dir: Path) -> None:
    (sample_dir / "evidence").chmod(0o755)


def _share_with_group(sample_dir: Path) -> None:
    (sample_dir / ".ctpat.toml").write_text('share = "group"\n', encoding="utf-8")


def _chmod_profile(sample_dir: Path) -> None:
    (sample_dir / "profile.toml").chmod(0o644)


def _import_overlay(sample_dir: Path) -> None:
    overlay = Path(os.environ["CTPAT_CATALOG_OVERLAY"]) / "criteria"
    overlay.mkdir(parents=True)
    (overlay / "importer.toml").write_text('[[criterion]]\nid = "2.3"\n[criterion.designations]\nimporter = "-"\n',
                                           encoding="utf-8")


def _another_day(sample_dir: Path) -> None:
    check_cache._today = lambda: "2031-01-01"  # type: ignore[assignment]  # undone by monkeypatch below


CHANGES = [_change_profile_byte, _touch_evidence, _remove_evidence, _chmod_evidence, _open_evidence_folder,
           _share_with_group, _chmod_profile, _import_overlay, _another_day]


@pytest.mark.parametrize("change", CHANGES, ids=[c.__name__.strip("_") for c in CHANGES])
def test_any_change_to_what_the_check_read_checks_again(
        sample_dir: Path, change, capsys: pytest.CaptureFixture[str], reviews: Reviews,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(check_cache, "_today", check_cache._today)
    words = [str(sample_dir / "profile.toml"), "--json"]  # no --today: the real day is part of the key
    first = _run(capsys, *words)
    assert _run(capsys, *words) == first and reviews.count == 1
    change(sample_dir)
    again = _run(capsys, *words)
    assert reviews.count == 2
    monkeypatch.setenv("CTPAT_NO_CACHE", "1")
    assert _run(capsys, *words) == again  # what was printed is what a fresh check says now
    monkeypatch.delenv("CTPAT_NO_CACHE")
    assert _run(capsys, *words) == again and reviews.count == 3  # and that is kept in turn


def test_a_changed_code_file_checks_again(tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str],
                                          reviews: Reviews, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "installed" / "ctpat_tui"  # stands for the installed package: its files are facts
    (package / "review").mkdir(parents=True)
    (package / "review" / "rules.py").write_text("VERSION = 1\n", encoding="utf-8")
    monkeypatch.setattr(check_cache, "__file__", str(package / "review" / "check_cache.py"))
    first = _run(capsys, str(sample_path), *DAY)
    assert _run(capsys, str(sample_path), *DAY) == first and reviews.count == 1
    (package / "review" / "rules.py").write_text("VERSION = 2\n", encoding="utf-8")
    assert _run(capsys, str(sample_path), *DAY) == first and reviews.count == 2


def test_a_new_version_of_the_code_is_seen(tmp_path: Path, sample_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, str(sample_path), *DAY)
    [entry] = _entries(tmp_path)
    stored = check_cache._read_entry(str(entry.parent), entry.name)
    assert stored is not None
    trees = {argument for kind, argument, _value in stored["facts"] if kind == "tree"}
    package = str(ROOT / "ctpat_tui")
    assert {package, str(ROOT / "questionnaires"), os.environ["CTPAT_CATALOG_OVERLAY"]} <= trees
    code = tmp_path / "code"
    (code / "review").mkdir(parents=True)
    (code / "review" / "rules.py").write_text("A = 1\n", encoding="utf-8")
    before = check_cache._tree(str(code))
    (code / "review" / "__pycache__").mkdir()
    (code / "review" / "__pycache__" / "rules.cpython-311.pyc").write_bytes(b"x")
    assert check_cache._tree(str(code)) == before  # compiled copies are not the code
    (code / "review" / "rules.py").write_text("A = 2\n", encoding="utf-8")
    assert check_cache._tree(str(code)) != before
    changed = check_cache._tree(str(code))
    (code / "review" / "extra.py").write_text("", encoding="utf-8")
    assert check_cache._tree(str(code)) != changed


def _corrupt(entry: Path) -> None:
    data = bytearray(entry.read_bytes())
    data[-5] ^= 0x01
    entry.write_bytes(bytes(data))


def _foreign_format(entry: Path) -> None:
    entry.write_bytes(entry.read_bytes().replace(check_cache.FORMAT, b"ctpat-check-result 0\n", 1))


def _open_to_others(entry: Path) -> None:
    entry.chmod(0o646)


def _truncated(entry: Path) -> None:
    entry.write_bytes(entry.read_bytes()[:100])


def _someone_elses(entry: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("giving a file to another user needs root")
    os.chown(entry, 4242, -1)


BAD = [_corrupt, _foreign_format, _open_to_others, _truncated, _someone_elses]


@pytest.mark.parametrize("spoil", BAD, ids=[b.__name__.strip("_") for b in BAD])
def test_a_damaged_foreign_or_open_cache_file_is_ignored_and_replaced(
        tmp_path: Path, sample_path: Path, spoil, capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
        reviews: Reviews) -> None:
    first = _run(capsys, str(sample_path), *DAY)
    [entry] = _entries(tmp_path)
    spoil(entry)
    assert _run(capsys, str(sample_path), *DAY) == first and reviews.count == 2
    [entry] = _entries(tmp_path)
    assert entry.stat().st_uid == os.geteuid() and entry.stat().st_mode & 0o777 == 0o600
    assert _run(capsys, str(sample_path), *DAY) == first and reviews.count == 2


def test_entries_are_private_and_bounded(tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(check_cache, "MAX_FILES", 3)
    for day in range(1, 6):
        _run(capsys, str(sample_path), "--today", f"2026-12-0{day}")
    entries = _entries(tmp_path)
    assert len(entries) == 3
    assert all(e.stat().st_mode & 0o777 == 0o600 for e in entries)
    assert (tmp_path / "cache" / check_cache.FOLDER_NAME).stat().st_mode & 0o777 == 0o700
    folder = tmp_path / "cache" / check_cache.FOLDER_NAME
    left = folder / ".0123.tmp"  # a check killed while writing its entry
    left.write_bytes(b"half")
    os.utime(left, (1, 1))
    _run(capsys, str(sample_path), "--today", "2026-12-08")
    assert not left.exists() and len(_entries(tmp_path)) == 3
    monkeypatch.setattr(check_cache, "MAX_BYTES", 1000)  # a report too large to keep is not kept
    _run(capsys, str(sample_path), "--today", "2026-12-09")
    assert len(_entries(tmp_path)) == 3


def test_a_folder_of_profiles_is_checked_again_when_a_file_in_it_changes(
        tmp_path: Path, sample_dir: Path, capsys: pytest.CaptureFixture[str], reviews: Reviews) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    text = (sample_dir / "profile.toml").read_text(encoding="utf-8")
    (folder / "a.toml").write_text(text, encoding="utf-8")
    (folder / "notes.toml").write_text("title = 'not a profile'\n", encoding="utf-8")
    first = _run(capsys, str(folder), "--json", *DAY)
    assert _run(capsys, str(folder), "--json", *DAY) == first and reviews.count == 1
    (folder / "notes.toml").write_text("[profile]\n" + text.partition("[profile]\n")[2], encoding="utf-8")
    again = _run(capsys, str(folder), "--json", *DAY)
    assert reviews.count == 3 and again[1].count('"profile":') == 2  # the file that became a profile is checked
    link = tmp_path / "elsewhere.toml"
    link.write_text("title = 'not a profile'\n", encoding="utf-8")
    (folder / "linked.toml").symlink_to(link)
    assert _run(capsys, str(folder), "--json", *DAY) == again and reviews.count == 5
    link.write_text(text, encoding="utf-8")  # the link's target becomes a profile: the folder did not change
    third = _run(capsys, str(folder), "--json", *DAY)
    assert third[1].count('"profile":') == 3


def test_nothing_is_kept_for_errors_large_folders_or_files_changed_while_checking(
        tmp_path: Path, sample_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _run(capsys, str(sample_dir / "profile.toml"), str(tmp_path / "missing.toml"), *DAY)
    assert _entries(tmp_path) == []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(check_cache, "MAX_TREE_ENTRIES", 3)
        _run(capsys, str(sample_dir), *DAY)
    assert _entries(tmp_path) == []
    monkeypatch.setattr(check_cache, "RACY_NS", 10**18)  # every file counts as just changed
    _run(capsys, str(sample_dir / "profile.toml"), *DAY)
    assert _entries(tmp_path) == []


def test_every_file_the_check_looks_at_is_a_fact_of_its_entry(
        tmp_path: Path, sample_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Guards the list of facts: a rule that starts reading another file must add it to check_cache.facts_for."""
    (sample_dir / "output").mkdir()
    _share_with_group(sample_dir.parent)
    touched: set[str] = set()

    with pytest.MonkeyPatch.context() as patch:
        def watch(name: str, real):  # type: ignore[no-untyped-def]
            def wrapper(path, *args, **kwargs):  # type: ignore[no-untyped-def]
                if isinstance(path, (str, os.PathLike)):
                    touched.add(os.path.abspath(os.fspath(path)))
                return real(path, *args, **kwargs)
            patch.setattr(os if name != "open" else builtins, name, wrapper)
            if name == "open":
                patch.setattr(io, "open", wrapper)

        for name in ("stat", "lstat", "access", "scandir", "listdir"):
            watch(name, getattr(os, name))
        watch("open", builtins.open)
        patch.setattr(os, "open", _wrapped_os_open(os.open, touched))
        code, _out, err = _run(capsys, str(sample_dir / "profile.toml"), *DAY)
    assert code == 1 and not err
    [entry] = _entries(tmp_path)
    stored = check_cache._read_entry(str(entry.parent), entry.name)
    assert stored is not None
    facts = {os.path.abspath(argument) for _kind, argument, _v in stored["facts"] if isinstance(argument, str)}
    trees = [a for kind, a, _v in stored["facts"] if kind == "tree"]
    cache = str(tmp_path / "cache")
    left = sorted(path for path in touched
                  if path not in facts and not any(path.startswith(t + os.sep) for t in trees)
                  and not path.startswith((cache, sys.prefix, sys.base_prefix, "/proc/", "/etc/", "/dev/")))
    assert left == []
    assert str(sample_dir / "evidence") in facts and str(sample_dir / ".ctpat.toml") in facts


def _wrapped_os_open(real, touched: set[str]):  # type: ignore[no-untyped-def]
    def wrapper(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(path, (str, os.PathLike)):
            touched.add(os.path.abspath(os.fspath(path)))
        return real(path, *args, **kwargs)
    return wrapper


def test_a_check_with_standard_output_closed_still_gives_its_exit_code(sample_path: Path, tmp_path: Path) -> None:
    env = {**os.environ, "CTPAT_CACHE_DIR": str(tmp_path / "cache")}
    command = f'"{sys.executable}" -m ctpat_tui check "{sample_path}" --today {SAMPLE_DAY.isoformat()}'
    runs = [subprocess.run(["sh", "-c", command + suffix], cwd=ROOT, env=env, capture_output=True, timeout=120)
            for suffix in ("", " >&-", " >&-")]
    assert [r.returncode for r in runs] == [1, 1, 1]
    assert [r.stderr for r in runs] == [b"", b"", b""]


def test_an_entry_moved_to_another_commands_name_is_not_replayed(
        tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str], reviews: Reviews) -> None:
    """Where the cache folder is shared with a group (share = "group" gives it 2770), a group member cannot read or
    change an entry, but can rename one: the report of one command must never be printed for another."""
    as_json = _run(capsys, str(sample_path), "--json", *DAY)
    [entry] = _entries(tmp_path)
    plain_name = check_cache.entry_name([str(sample_path), *DAY])
    assert plain_name is not None and plain_name != entry.name
    entry.rename(entry.with_name(plain_name))
    code, out, err = _run(capsys, str(sample_path), *DAY)
    assert reviews.count == 2 and not out.startswith("{") and out != as_json[1] and code == as_json[0] == 1


def test_a_stored_entry_whose_facts_cannot_be_read_is_ignored(
        tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str], reviews: Reviews) -> None:
    """An entry whole and of this format, but holding facts this version cannot read (a damaged or older writer):
    the check runs, it does not crash."""
    words = [str(sample_path), *DAY]
    name = check_cache.entry_name(words)
    assert name is not None
    folder = str(tmp_path / "cache" / check_cache.FOLDER_NAME)
    for facts in ([("stat", None, 1)], [(["stat"], "x", 1)], [("tree", 7, 1)], [("bytes", "a\0b", 1)]):
        check_cache._store(folder, name, {"name": name, "out": "stale\n", "code": 0, "facts": facts})
        code, out, _err = _run(capsys, *words)
        assert code == 1 and "stale" not in out
    assert reviews.count == 4


def test_a_linked_folder_inside_a_folder_read_whole_is_read_through(
        tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str], reviews: Reviews) -> None:
    """The overlay's criteria folder is a link to a folder elsewhere: a file edited there changes the catalogue."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    criteria = elsewhere / "importer.toml"
    criteria.write_text("# nothing overlaid yet\n", encoding="utf-8")
    overlay = Path(os.environ["CTPAT_CATALOG_OVERLAY"])
    overlay.mkdir(parents=True, exist_ok=True)
    (overlay / "criteria").symlink_to(elsewhere, target_is_directory=True)
    (elsewhere / "loop").symlink_to(elsewhere, target_is_directory=True)  # a link back up ends the walk there
    first = _run(capsys, str(sample_path), "--json", *DAY)
    assert _run(capsys, str(sample_path), "--json", *DAY) == first and reviews.count == 1
    with criteria.open("a", encoding="utf-8") as handle:  # edited in place: the linked folder itself is unchanged
        handle.write('[[criterion]]\nid = "2.3"\n[criterion.designations]\nimporter = "-"\n')
    again = _run(capsys, str(sample_path), "--json", *DAY)
    assert reviews.count == 2 and again != first


def test_another_copy_of_the_code_does_not_print_this_ones_report(
        tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str], reviews: Reviews,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Two checkouts of ctpat-tui run by one Python (PYTHONPATH, or `pip install -e` of the other one), same folder
    and words: the report the first one stored is not printed by the second, whose code may say otherwise."""
    first = _run(capsys, str(sample_path), *DAY)
    other = tmp_path / "other-checkout" / "ctpat_tui"
    (other / "review").mkdir(parents=True)
    (other / "review" / "rules.py").write_text("VERSION = 2\n", encoding="utf-8")
    monkeypatch.setattr(check_cache, "__file__", str(other / "review" / "check_cache.py"))
    assert _run(capsys, str(sample_path), *DAY) == first and reviews.count == 2
    monkeypatch.setattr(sys, "path", [*sys.path, str(tmp_path / "more-modules")])  # what is imported may differ
    assert _run(capsys, str(sample_path), *DAY) == first and reviews.count == 3


def test_a_pipe_or_other_special_file_in_the_cache_never_blocks_a_check(sample_path: Path, tmp_path: Path) -> None:
    """Someone who may write in a shared cache folder makes a named pipe where an entry goes: opening it to read
    would wait for a writer for ever."""
    words = [str(sample_path), *DAY]
    env = {**os.environ, "CTPAT_CACHE_DIR": str(tmp_path / "cache")}
    probe = ("import sys; from ctpat_tui.review import check_cache; print(check_cache.cache_folder()); "
             "print(check_cache.entry_name(sys.argv[1:]))")
    folder, name = subprocess.run([sys.executable, "-c", probe, *words], cwd=ROOT, env=env, capture_output=True,
                                  text=True, timeout=120, check=True).stdout.split()
    os.makedirs(folder, mode=0o700)
    os.mkfifo(os.path.join(folder, name), 0o600)
    run = subprocess.run([sys.executable, "-m", "ctpat_tui", "check", *words], cwd=ROOT, env=env,
                         capture_output=True, timeout=60)
    assert run.returncode == 1 and run.stdout and not run.stderr


@pytest.mark.parametrize("trouble", [RuntimeError("a bug in the facts"), KeyboardInterrupt()], ids=["bug", "ctrl-c"])
def test_trouble_while_keeping_a_result_leaves_the_check_as_it_was(
        tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        trouble: BaseException) -> None:
    monkeypatch.setenv("CTPAT_NO_CACHE", "1")
    plain = _run(capsys, str(sample_path), *DAY)
    monkeypatch.delenv("CTPAT_NO_CACHE")

    def broken(*_args: object) -> object:
        raise trouble

    monkeypatch.setattr(check_cache, "facts_for", broken)
    code, out, err = _run(capsys, str(sample_path), *DAY)
    assert out == plain[1] and not err and _entries(tmp_path) == []
    assert code == (130 if isinstance(trouble, KeyboardInterrupt) else plain[0])
