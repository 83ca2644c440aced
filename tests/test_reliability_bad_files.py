"""Every kind of bad profile path gives one plain line and exit code 2 from check, render and edit; nothing changes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
GOOD = '[profile]\nschema = 1\ncompany = "Acme"\nentity_type = "importer"\n\n[answers."7.23"]\nstatus = "implemented"\n'
BAD_CONTENT = {
    "malformed TOML": (b'[profile]\ncompany = "Acme\n', "not valid TOML"),
    "truncated save": (GOOD.encode()[:-9], "not valid TOML"),
    "empty file": (b"", "missing [profile] table"),
    "wrong type": (GOOD.replace('"implemented"', "3").encode(), "status must be text"),
    "unknown value": (GOOD.replace('"implemented"', '"done"').encode(), "status 'done' is not one of"),
    "unknown schema": (GOOD.replace("schema = 1", "schema = 7").encode(), "unknown schema version 7"),
    "unknown entity type": (GOOD.replace("importer", "spaceport").encode(), "spaceport"),
    "Latin-1 text": ('[profile]\ncompany = "Caf\u00e9"\n'.encode("latin-1"), "not UTF-8"),
    "UTF-16 text": (GOOD.encode("utf-16"), "binary file"),
    "binary file": (bytes(range(256)) * 4, "binary file"),
    "over 32 MB": (b"#" * (33 * 1024 * 1024), "larger than the 32 MB"),
}
SWEEP = textwrap.dedent("""
    import contextlib, io, json, sys
    from ctpat_tui.cli import main

    results = []
    for argv in json.loads(sys.argv[1]):
        err = io.StringIO()
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                code = main(argv)
        except BaseException as error:  # a traceback would reach the user here
            code = f"uncaught {type(error).__name__}: {error}"
        results.append({"argv": argv, "code": code, "stderr": err.getvalue()})
    print(json.dumps(results))
""")


def bad_paths(folder: Path) -> dict[str, tuple[Path, str]]:
    """name -> (path, words the one-line message must contain, '|' between alternatives), for every bad file."""
    cases = {}
    for name, (content, expected) in BAD_CONTENT.items():
        path = folder / (name.replace(" ", "-") + ".toml")
        path.write_bytes(content)
        cases[name] = (path, expected)
    (folder / "a-folder.toml").mkdir()
    cases["a directory"] = (folder / "a-folder.toml", "is a directory")
    os.mkfifo(folder / "pipe.toml")
    cases["a named pipe"] = (folder / "pipe.toml", "not a regular file")
    cases["a device"] = (Path("/dev/zero"), "not a regular file")
    os.symlink(folder / "nowhere.toml", folder / "dangling.toml")
    cases["a dangling link"] = (folder / "dangling.toml", "which does not exist|no such file or folder")
    os.symlink("loop.toml", folder / "loop.toml")
    cases["a link loop"] = (folder / "loop.toml", "Too many levels of symbolic links|no such file or folder")
    return cases


def test_bad_profile_files_get_one_plain_line_and_nothing_changes(tmp_path: Path) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    cases = bad_paths(folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.is_symlink()
              and p.name != "pipe.toml"}
    runs = []
    for name, (path, _expected) in cases.items():
        if name != "a directory":                        # check takes folders of profiles on purpose
            runs.append(["check", str(path)])
        runs.append(["render", str(path), "--out", str(tmp_path / "out")])
        if name != "unknown entity type":                # edit shows that one in the app, in a dialog
            runs.append(["edit", str(path)])
    done = subprocess.run([sys.executable, "-c", SWEEP, json.dumps(runs)], capture_output=True, text=True,
                          timeout=300, check=False, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(CHECKOUT)},
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout.strip().splitlines()[-1])
    expected = {str(path): words for path, words in cases.values()}
    for result in results:
        path = result["argv"][1]
        lines = result["stderr"].strip().splitlines()
        assert result["code"] == 2, result
        assert len(lines) == 1 and lines[0].startswith("ctpat: error: "), result
        if result["argv"][:1] != ["render"] or "spaceport" not in lines[0]:     # render names the type, not the file
            assert lines[0].startswith(f"ctpat: error: {path}"), result
        assert any(words in lines[0] for words in expected[path].split("|")), result
        assert "Traceback" not in result["stderr"]
    assert len(results) == len(runs) == 3 * len(cases) - 2
    after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.is_symlink()
             and p.name != "pipe.toml"}
    assert after == before
    assert not [p.name for p in folder.iterdir() if p.name.endswith((".bak", ".lock", ".tmp"))]
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


async def test_a_link_to_a_missing_profile_is_reported_not_replaced_by_a_new_one(mini_catalog, tmp_path: Path) -> None:
    from ctpat_tui.tui.app import CtpatApp
    from ctpat_tui.tui.dialogs.common import ChoiceDialog
    from ctpat_tui.tui.screens.new_profile import NewProfileScreen

    link = tmp_path / "profile.toml"                          # points at a share that is not mounted right now
    os.symlink("/mnt/unmounted-share/acme/profile.toml", link)
    app = CtpatApp(mini_catalog, link)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            if isinstance(app.screen, ChoiceDialog | NewProfileScreen):
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, ChoiceDialog), "offered to create a new profile over the link"
        assert "which does not exist" in str(app.screen.message)
    assert os.readlink(link) == "/mnt/unmounted-share/acme/profile.toml"
