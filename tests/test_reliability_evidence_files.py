"""Evidence files: a 1 GB file is hashed with flat memory, and nothing but the paths the user named is ever read."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parent.parent
GIB = 1 << 30
ZEROS_GIB_SHA256 = "49bc20df15e412a64472421e13fe86ff1c5165e18b2afccf160d4dc19fe68a14"
PROFILE = """[profile]
schema = 1
company = "Big Files Inc"
entity_type = "importer"

[answers."7.23"]
status = "implemented"
controls = "Incidents are reported on form SEC-F-12 to the Security Manager within 2 hours."
{evidence}
"""
EVIDENCE = """
[[answers."7.23".evidence]]
title = "{title}"
ref = "REF-{number}"
date = 2026-03-01
portal_section = "Procedural Security"
file = '{file}'
sha256 = "{sha256}"
"""
MEASURED = textwrap.dedent("""
    import atexit, runpy, sys

    peak_file = sys.argv[1]

    def report() -> None:
        with open("/proc/self/status", encoding="ascii") as status:
            peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
        with open(peak_file, "w", encoding="ascii") as out:
            out.write(peak)

    atexit.register(report)
    if sys.argv[2] == "slurp":
        from pathlib import Path
        print(len(Path(sys.argv[3]).read_bytes()))
    elif sys.argv[2] == "attach":
        from pathlib import Path
        from ctpat_tui.hashing import sha256_file
        print(sha256_file(Path(sys.argv[3])))
    else:
        sys.argv = ["ctpat", *sys.argv[2:]]
        runpy.run_module("ctpat_tui", run_name="__main__", alter_sys=True)
""")


def write_profile(folder: Path, files: list[tuple[str, str]]) -> Path:
    """profile.toml in `folder` referencing each (file as named, recorded sha256) on criterion 7.23."""
    evidence = "".join(EVIDENCE.format(title=f"Document {n}", number=n, file=name, sha256=digest)
                       for n, (name, digest) in enumerate(files, 1))
    path = folder / "profile.toml"
    path.write_text(PROFILE.format(evidence=evidence), encoding="utf-8")
    return path


def peak_rss_mb(args: list[str], cwd: Path) -> tuple[float, str]:
    """Run `ctpat ARGS` (or 'attach FILE') in a fresh process; return its peak resident memory in MB and stdout."""
    peak_file = cwd / "peak.txt"
    done = subprocess.run([sys.executable, "-c", MEASURED, str(peak_file), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300, check=False, env={**os.environ, "PYTHONPATH": str(CHECKOUT)})
    assert done.returncode in (0, 1), done.stderr
    return int(peak_file.read_text(encoding="ascii")) / 1024, done.stdout


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1 GiB sparse file of zeros (no disk space used until it is copied)."""
    path = tmp_path_factory.mktemp("big") / "evidence" / "cctv-export.bin"
    path.parent.mkdir()
    with open(path, "wb") as handle:
        handle.truncate(GIB)
    return path


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory is read from /proc (Linux)")
@pytest.mark.parametrize("command", ["check", "render", "attach"])
def test_a_one_gigabyte_evidence_file_is_hashed_with_flat_memory(big_file: Path, tmp_path: Path,
                                                                 command: str) -> None:
    folder = big_file.parent.parent
    small = folder / "evidence" / "small.txt"
    small.write_bytes(b"SEC-SOP-12 v3\n")
    small_sha = hashlib.sha256(small.read_bytes()).hexdigest()
    runs = {}
    for label, name, digest in (("small", "evidence/small.txt", small_sha),
                                ("big", "evidence/cctv-export.bin", ZEROS_GIB_SHA256)):
        profile = write_profile(folder, [(name, digest)])
        if command == "check":                   # the review hashes files with a recorded sha256 (EVID004)
            args = ["check", "--json", str(profile)]
        elif command == "render":                # hashes for the manifest, then streams the copy into upload/
            args = ["render", str(profile), "--out", str(tmp_path / label), "--format", "bundle"]
        else:                                    # the editor's evidence dialog records the sha256 on attach
            args = ["attach", str(folder / name)]
        runs[label] = peak_rss_mb(args, folder)
    name = "evidence/cctv-export.bin"
    (small_peak, _), (big_peak, out) = runs["small"], runs["big"]
    assert big_peak - small_peak < 48, f"{command}: {small_peak:.0f} MB for a tiny file, {big_peak:.0f} MB for 1 GiB"
    assert big_peak < 300
    if command == "check":
        assert "EVID004" not in out, "the hash of the 1 GiB file came out wrong"
        _peak, wrong = peak_rss_mb(["check", "--json", str(write_profile(folder, [(name, "0" * 64)]))], folder)
        assert "EVID004" in wrong, "the review did not hash the file at all"
    elif command == "render":
        copy = tmp_path / "big" / "upload" / "04 Procedural Security" / "7.23_Document-1.bin"
        assert copy.stat().st_size == GIB
        with open(tmp_path / "big" / "upload" / "manifest.csv", encoding="utf-8-sig") as handle:
            [row] = list(csv.DictReader(handle))
        assert row["sha256"] == ZEROS_GIB_SHA256 and row["status"] == "ok"
        copy.unlink()
    else:
        assert out.strip() == ZEROS_GIB_SHA256
    print(f"{command}: peak {small_peak:.0f} MB (tiny file), {big_peak:.0f} MB (1 GiB file)")


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory is read from /proc (Linux)")
def test_the_memory_measurement_does_see_a_whole_file_read(big_file: Path) -> None:
    peak, out = peak_rss_mb(["slurp", str(big_file)], big_file.parent.parent)
    assert out.strip() == str(GIB)
    assert peak > 1000, f"reading 1 GiB at once peaked at only {peak:.0f} MB: the measurement is broken"


AUDITED = textwrap.dedent("""
    import json, os, sys

    opened, listed = [], []

    def hook(event: str, args: tuple) -> None:
        if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
            opened.append(os.fsdecode(args[0]))
        elif event in ("os.listdir", "os.scandir") and args and isinstance(args[0], (str, bytes, os.PathLike)):
            listed.append(os.fsdecode(args[0]))

    from ctpat_tui.cli import main

    sys.addaudithook(hook)
    codes = [main(argv) for argv in json.loads(sys.argv[1])]
    print(json.dumps({"codes": codes, "opened": opened, "listed": listed}))
""")


def test_only_the_files_the_user_named_are_read(tmp_path: Path) -> None:
    outside, folder = tmp_path / "shared-drive", tmp_path / "acme"
    (folder / "evidence").mkdir(parents=True)
    outside.mkdir()
    documents = {
        "evidence/sop.pdf": folder / "evidence" / "sop.pdf",                 # inside the profile folder
        "../shared-drive/named.pdf": outside / "named.pdf",                  # a path with '..'
        str(outside / "absolute.pdf"): outside / "absolute.pdf",             # an absolute path
        "evidence/link.pdf": outside / "link-target.pdf",                    # a link leading out of the folder
    }
    for target in documents.values():
        target.write_bytes(f"document {target.name}\n".encode())
    os.symlink(outside / "link-target.pdf", folder / "evidence" / "link.pdf")
    never = [folder / "evidence" / "unnamed.pdf", outside / "secret.txt", folder / "notes.txt"]
    for path in never:
        path.write_bytes(b"not referenced by the profile\n")
    os.symlink(outside, folder / "evidence" / "drive")                      # a folder link nobody named
    profile = write_profile(folder, [(name, hashlib.sha256(target.read_bytes()).hexdigest())
                                     for name, target in documents.items()])
    commands = [["check", str(profile)], ["render", str(profile), "--out", str(tmp_path / "out")]]
    done = subprocess.run([sys.executable, "-c", AUDITED, json.dumps(commands)], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300, check=False, env={**os.environ, "PYTHONPATH": str(CHECKOUT)})
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["codes"][1] == 0

    def under(path: str, root: Path) -> bool:
        return os.path.normpath(path).startswith(str(root) + os.sep)

    named = {os.path.normpath(folder / name) for name in documents} | {str(profile)}
    read = {os.path.normpath(p) for p in report["opened"] if under(p, tmp_path) and not under(p, tmp_path / "out")}
    assert read == named, "read something the user did not name, or skipped a named file"
    assert not [p for p in report["listed"] if under(p, folder) or under(p, outside)], "listed a folder"
    upload = tmp_path / "out" / "upload"
    with open(upload / "manifest.csv", encoding="utf-8-sig") as handle:
        rows = {row["original_path"]: row for row in csv.DictReader(handle)}
    assert set(rows) == set(documents)                                      # shown as the user named them
    assert all(row["status"] == "ok" for row in rows.values())
    linked = upload / rows["evidence/link.pdf"]["bundled_name"]
    assert linked.read_bytes() == b"document link-target.pdf\n"             # a link is followed, like any program
    bundled = {p.read_bytes() for p in upload.rglob("*.pdf")}
    assert not any(path.read_bytes() in bundled for path in never)
