"""The editor's start reads the profile's data from the cache only when the file holds exactly the text it came from."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

import ctpat_tui.profile.document as document_module
from ctpat_tui.profile import data_cache
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.profile.parse import read_profile
from ctpat_tui.resources import sample_profile_dir


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CTPAT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / data_cache.FOLDER_NAME


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    shutil.copytree(sample_profile_dir(), tmp_path / "acme")
    return tmp_path / "acme" / "profile.toml"


def _opened_once(path: Path) -> ProfileDocument:
    """Open `path` as the editor does and let the after-first-frame work keep its data."""
    document = ProfileDocument.open(path)
    document.prepare()
    return document


def _no_toml_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str, path: Path) -> None:
        raise AssertionError("the file was read with tomllib, not from the cache")

    monkeypatch.setattr(document_module, "fast_data", refuse)


def test_the_second_start_reads_the_cache_and_sees_the_same_profile(cache: Path, sample: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    _opened_once(sample)
    entries = list(cache.iterdir())
    assert len(entries) == 1
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700 and stat.S_IMODE(entries[0].stat().st_mode) == 0o600
    _no_toml_reading(monkeypatch)
    again = ProfileDocument.open(sample)
    assert again.profile == read_profile(sample)  # dates, partners, facilities and every answer come back alike
    assert again.profile.certification_date is not None


def test_an_edited_file_is_read_afresh_even_with_the_same_size_and_time(cache: Path, sample: Path) -> None:
    _opened_once(sample)
    info = sample.stat()
    text = sample.read_text(encoding="utf-8")
    company = read_profile(sample).company
    changed = text.replace(company, company[::-1], 1)
    assert len(changed) == len(text) and changed != text
    sample.write_text(changed, encoding="utf-8")
    os.utime(sample, ns=(info.st_atime_ns, info.st_mtime_ns))  # the same size and time: only the text differs
    assert ProfileDocument.open(sample).profile.company == company[::-1]


def test_a_touched_file_with_the_same_text_still_reads_right(cache: Path, sample: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _opened_once(sample)
    os.utime(sample, ns=(1, 1))
    _no_toml_reading(monkeypatch)
    assert ProfileDocument.open(sample).profile == read_profile(sample)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "bad dates", "not a table", "wrong key"])
def test_a_damaged_cache_is_ignored(cache: Path, sample: Path, damage: str) -> None:
    _opened_once(sample)
    entry = next(cache.iterdir())
    text = entry.read_text(encoding="utf-8")
    content = json.loads(text)
    if damage == "truncated":
        entry.write_text(text[: len(text) // 2], encoding="utf-8")
    elif damage == "garbage":
        entry.write_bytes(b"\xff\xfe\x00not json")
    elif damage == "bad dates":
        content["dates"] = [[["answers", "no-such", 3], "date"], [["profile"], "weekday"]]
        entry.write_text(json.dumps(content), encoding="utf-8")
    elif damage == "not a table":
        content["data"] = ["answers"]
        entry.write_text(json.dumps(content), encoding="utf-8")
    else:
        content["data"]["profile"]["company"] = "Someone Else"  # a forged entry for this text, but another format
        content["key"][0] = data_cache.FORMAT + 1
        entry.write_text(json.dumps(content), encoding="utf-8")
    assert ProfileDocument.open(sample).profile == read_profile(sample)


def test_an_entry_others_could_write_is_not_trusted(cache: Path, sample: Path) -> None:
    _opened_once(sample)
    entry = next(cache.iterdir())
    content = json.loads(entry.read_text(encoding="utf-8"))
    content["data"]["profile"]["company"] = "Someone Else"
    entry.write_text(json.dumps(content), encoding="utf-8")
    entry.chmod(0o666)
    assert ProfileDocument.open(sample).profile.company == read_profile(sample).company
    entry.chmod(0o600)  # the check is the mode: the same entry, private, is what the cache would serve
    assert ProfileDocument.open(sample).profile.company == "Someone Else"


def test_what_was_saved_is_kept_for_the_next_start(cache: Path, sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = _opened_once(sample)
    document.set_answer_value("1.1", "owner", "Night shift supervisor")
    document.save()
    document.keep_saved_data()
    _no_toml_reading(monkeypatch)
    again = ProfileDocument.open(sample)
    assert again.profile.answer("1.1").owner == "Night shift supervisor"
    assert again.profile == read_profile(sample)


def test_the_cache_is_bounded_and_can_be_switched_off(cache: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    text = (sample_profile_dir() / "profile.toml").read_text(encoding="utf-8")
    for index in range(data_cache.MAX_ENTRIES + 3):
        path = tmp_path / f"p{index}" / "profile.toml"
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
        _opened_once(path)
    assert len(list(cache.iterdir())) == data_cache.MAX_ENTRIES
    left = cache / ".p1.json.x8k2.tmp"  # an editor killed while writing an entry
    left.write_bytes(b"{")
    os.utime(left, (1, 1))
    _opened_once(tmp_path / "p0" / "profile.toml")
    assert not left.exists() and len(list(cache.iterdir())) == data_cache.MAX_ENTRIES
    shutil.rmtree(cache)
    monkeypatch.setenv("CTPAT_NO_CACHE", "1")
    _opened_once(tmp_path / "p0" / "profile.toml")
    assert not cache.exists()


def test_the_cache_stays_private_and_works_under_a_group_shared_folder(tmp_path: Path, sample: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A team folder set to share = "group" makes new folders and files group-readable; a copy of a profile's text
    in the cache must not be (and an entry others could write is never read back: it would never be used)."""
    team = tmp_path / "team"
    team.mkdir()
    (team / ".ctpat.toml").write_text('share = "group"\n', encoding="utf-8")
    monkeypatch.setenv("CTPAT_CACHE_DIR", str(team / "cache"))
    folder = team / "cache" / data_cache.FOLDER_NAME
    _opened_once(sample)
    [entry] = list(folder.iterdir())
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and stat.S_IMODE(entry.stat().st_mode) == 0o600
    _no_toml_reading(monkeypatch)
    assert ProfileDocument.open(sample).profile == read_profile(sample)  # served from the cache
