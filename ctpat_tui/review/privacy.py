"""Privacy rule: the profile, its evidence folders, its output folder and any folder documents are rendered into
should be their owner's alone."""

from __future__ import annotations

import os
import shlex
import stat
from pathlib import Path

from ctpat_tui.private_files import GROUP, sharing
from ctpat_tui.profile.model import Profile
from ctpat_tui.review.files import resolve
from ctpat_tui.review.finding import Finding
from ctpat_tui.review.rules import Example, Family, Rule

OUTPUT_FOLDER = "output"
_ANSWER = '''[answers."7.23"]
status = "implemented"
controls = "Incidents are reported on form SEC-F-12 to the Security Manager, who notifies our SCSS within 24 hours."
'''

PRIV001 = Rule(
    "PRIV001", "warning", "The profile, an evidence folder, the output folder or a folder the documents are rendered "
    "into (`ctpat render --out DIR`, the render dialog's folder; checked when rendering) can be read or changed by "
    "other users of this computer (group members too, unless the folder's .ctpat.toml says share = \"group\").",
    Example(_ANSWER, modes={"profile.toml": 0o604}), Example(_ANSWER, modes={"profile.toml": 0o600}))

FAMILY = Family(
    "Privacy", "The profile lists exactly where the company is weak; on a shared server other users must not be able "
    "to read it, its evidence or the documents rendered from it.", (PRIV001,))


def _private_group(gid: int, uid: int) -> bool:
    """True for the owner's personal group (same name as the user, no other members): its bits share nothing."""
    try:
        import grp
        import pwd

        group = grp.getgrgid(gid)
        return group.gr_name == pwd.getpwuid(uid).pw_name and not [m for m in group.gr_mem if m != group.gr_name]
    except (ImportError, KeyError):
        return False


def _open_bits(info: os.stat_result, shared: bool) -> int:
    """The permission bits that let someone other than the owner (or the shared group) in."""
    bits = 0o007 if stat.S_ISDIR(info.st_mode) else 0o006
    if not shared and not _private_group(info.st_gid, info.st_uid):
        bits |= bits << 3
    return stat.S_IMODE(info.st_mode) & bits


def _who(open_bits: int, gid: int) -> str:
    groups = []
    if open_bits & 0o070:
        try:
            import grp

            groups.append(f"members of the group {grp.getgrgid(gid).gr_name}")
        except (ImportError, KeyError):
            groups.append(f"members of group {gid}")
    if open_bits & 0o007:
        groups.append("every user of this computer")
    return " and ".join(groups)


def _finding(what: str, path: Path) -> Finding | None:
    try:
        info = path.stat()
    except OSError:
        return None
    if info.st_uid != os.geteuid():
        return None  # not this user's to change
    shared = sharing(path if stat.S_ISDIR(info.st_mode) else path.parent) == GROUP
    open_bits = _open_bits(info, shared)
    if not open_bits:
        return None
    mode = stat.S_IMODE(info.st_mode)
    verbs = "read or changed" if open_bits & 0o022 else "read"
    return PRIV001.finding(
        "", "", f"{what} {path} can be {verbs} by {_who(open_bits, info.st_gid)} (mode {mode & 0o7777:04o})",
        f"chmod {mode & (0o770 if shared else 0o700):o} {shlex.quote(str(path))}")


def render_folder_finding(out_dir: Path) -> Finding | None:
    """PRIV001 for the folder documents were just rendered into, wherever it is, when other users can open it."""
    return _finding("The folder rendered into", Path(out_dir))


def _evidence_folders(profile: Profile) -> list[Path]:
    folders: dict[Path, None] = {}
    for answer in profile.answers.values():
        for item in answer.evidence:
            if item.file.strip():
                folders.setdefault(resolve(profile.base_dir, item.file.strip()).parent, None)
    return [folder for folder in folders if folder.is_dir()]


def file_findings(profile: Profile) -> list[Finding]:
    """PRIV001 for the profile file, each folder holding its evidence, and its output folder, when others get in."""
    if profile.path is None:
        return []
    places = [("The profile", profile.path)]
    places += [("The evidence folder", folder) for folder in _evidence_folders(profile)]
    output = profile.base_dir / OUTPUT_FOLDER
    if output.is_dir():
        places.append(("The output folder", output))
    seen: set[Path] = set()
    findings = []
    for what, path in places:
        if path.absolute() in seen:
            continue
        seen.add(path.absolute())
        found = _finding(what, path)
        if found is not None:
            findings.append(found)
    return findings
