"""Helpers for the render tests: hostile profiles, a synthetic large catalogue, reading .docx files back, LibreOffice."""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import tomlkit
from docx import Document

from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.profile.model import Profile

FIXTURES = Path(__file__).parent / "fixtures"
DATE = dt.date(2026, 3, 5)
CONTROL = "\x01\x07\x0b\x0c\x1b\x7f"
LONG = " ".join(f"Sentence {n} of a very long paragraph about seals, locks & <gates> at the Laredo yard."
                for n in range(400))
HOSTILE = ("Fish & Chips <b>not bold</b> \"double\" 'single' \u201ccurly\u201d {{ 7*7 }} {% raw %} {%p if x %} "
           "{{r rt }} ]]> &amp; &#169; 2 * 3 = 6 snake_case_name \\\\fileserver\\security\\SOP.pdf C:\\Temp\\ \U0001F600 \U0001F469\u200d\U0001F469\u200d"
           "\U0001F467 \u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd \u0645\u0631\u062d\u0628\u0627 caf\u00e9 "
           "na\u00efve \u00d1and\u00fa" + CONTROL + "\nsecond line\ttab\r\nthird line (CRLF)\rfourth (CR)\n\n"
           "# not a heading\n---\n[ref]: http://example.com\n1986. A great year\n\n" + LONG)


def clean(text: str) -> str:
    """What every output must contain for `text` (the one normalisation the renderers apply)."""
    from ctpat_tui.render.text_clean import clean_text

    return clean_text(text)


def write_profile(directory: Path, data: dict[str, Any]) -> Profile:
    """Write `data` as profile.toml in `directory` and load it."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "profile.toml"
    path.write_text(tomlkit.dumps(data), encoding="utf-8")
    return ProfileDocument.load(path).profile


def answer(text: str, **extra: Any) -> dict[str, Any]:
    """An implemented answer whose five detail fields all carry `text` variants."""
    return {"status": "implemented", "controls": f"controls {text}", "frequency": f"every month {text}",
            "owner": f"Owner {text}", "records": f"records {text}", "escalation": f"escalation {text}", **extra}


def hostile_profile(directory: Path) -> Profile:
    """A mini-catalogue importer profile with hostile text in every field, plus one evidence file."""
    (directory / "evidence").mkdir(parents=True, exist_ok=True)
    (directory / "evidence" / "ra.pdf").write_bytes(b"%PDF-1.4 risk assessment")
    (directory / "profile.toml").write_text(_hostile_toml(), encoding="utf-8")
    return ProfileDocument.load(directory / "profile.toml").profile


@functools.lru_cache(maxsize=1)
def _hostile_toml() -> str:
    """The hostile profile's TOML text (tomlkit takes seconds to escape it, so it is built once)."""
    data = {
        "profile": {"schema": 1, "company": "Acme & Sons <Imports> " + HOSTILE[:60] + CONTROL,
                    "entity_type": "importer", "prepared_by": "Jane {{ Doe }} & <Co>", "version": "0.3 {% x %}"},
        "facilities": [{"id": "laredo", "name": "Laredo & <DC> \u05e9\u05dc\u05d5\u05dd"}],
        "answers": {
            "2.1": {**answer(HOSTILE[:200]), "method": "CBP five-step & <more> {{ x }}",
                    "last_reviewed": dt.date(2026, 1, 20), "facilities": {"laredo": "implemented"},
                    "evidence": [{"title": "Risk & <assessment> \U0001F600", "ref": "RA-2026 {{ r }}",
                                  "date": dt.date(2026, 1, 20), "portal_section": "Risk Assessment",
                                  "file": "evidence/ra.pdf"}]},
            "2.3": {"status": "implemented", "narrative": HOSTILE, "last_reviewed": dt.date(2026, 1, 20)},
            "3.1": {"status": "not_applicable", "na_reason": "No partners & <none> {{ 1+1 }}" + CONTROL},
            "7.23": {"status": "partial", "narrative": "We **check** seals:\n\n- daily by the *Shipping "
                     "Supervisor*\n- weekly, see [the log](https://example.com/log) and `SEC-LOG-1`\n\n"
                     "1. first step\n2. second step\n\n> quoted note"},
        },
    }
    return tomlkit.dumps(data)


def docx_paragraph_texts(path: Path) -> list[str]:
    """Every paragraph text of the body, table cells included, in document order."""
    document = Document(str(path))
    texts: list[str] = []
    body = document.element.body
    for paragraph in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
        from docx.text.paragraph import Paragraph

        texts.append(Paragraph(paragraph, document).text)
    return texts


def docx_xml(path: Path, part: str = "word/document.xml") -> str:
    """The raw XML of one part."""
    with zipfile.ZipFile(path) as archive:
        return archive.read(part).decode("utf-8")


def soffice() -> str | None:
    """The LibreOffice binary, when installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(source: Path, target_format: str, out_dir: Path) -> Path:
    """Convert with headless LibreOffice (own profile dir); returns the output path (which may not exist)."""
    binary = soffice()
    assert binary is not None
    profile_dir = out_dir / "lo-profile"
    env = {**os.environ, "HOME": str(out_dir)}
    subprocess.run([binary, f"-env:UserInstallation=file://{profile_dir}", "--headless", "--norestore",
                    "--convert-to", target_format, "--outdir", str(out_dir), str(source)],
                   check=False, capture_output=True, timeout=180, env=env)
    return out_dir / (source.stem + "." + target_format.split(":")[0])


def synthetic_catalog(directory: Path, count: int = 150) -> Path:
    """A catalogue with `count` importer criteria spread over the 12 categories and 11 portal sections."""
    shutil.copytree(FIXTURES / "mini_catalog", directory)
    (directory / "criteria" / "mini.toml").unlink()
    sections = tomlkit.parse((directory / "portal_sections.toml").read_text(encoding="utf-8"))
    names = [s["name"] for s in sections["portal_section"]]
    for section in sections["portal_section"]:
        section["criteria"] = []
    (directory / "portal_sections.toml").write_text(tomlkit.dumps(sections), encoding="utf-8")
    rows = []
    for index in range(count):
        category = index % 12 + 1
        rows.append({
            "id": f"{category}.{index // 12 + 1}", "category": category,
            "title": f"Synthetic criterion {index + 1} about cargo security", "prompt": "Describe the control.",
            "guidance": "**A strong answer covers** the control, how often, who, records, escalation.",
            "evidence_hint": "A procedure.", "portal_sections": [names[index % len(names)]],
            "designations": {"importer": "must" if index % 3 else "should?"},
        })
    (directory / "criteria" / "synthetic.toml").write_text(tomlkit.dumps({"criterion": rows}), encoding="utf-8")
    return directory


def long_answers_profile(directory: Path, catalog: Any) -> Profile:
    """An importer profile answering every criterion with long text and one evidence file each."""
    (directory / "evidence").mkdir(parents=True, exist_ok=True)
    answers = {}
    paragraph = ("The Shipping Supervisor inspects every trailer with the 7-point checklist (form SEC-F-07) before "
                 "loading; results are logged in SecureTrack and kept 3 years; failures go to the Security Manager "
                 "within 2 hours, who opens a corrective action. ")
    for number, (criterion, _designation) in enumerate(catalog.applicable("importer")):
        file = directory / "evidence" / f"doc-{number}.txt"
        file.write_text(f"evidence {number}\n" * 200, encoding="utf-8")
        answers[criterion.id] = {
            "status": "implemented", "controls": f"Control {number}: " + paragraph * 4,
            "frequency": "every load and weekly audit",
            "owner": "Shipping Supervisor", "records": "SecureTrack log, kept 3 years",
            "escalation": "Security Manager within 2 hours",
            "narrative": (f"**Controls for {criterion.id}.** " + paragraph * 6 + "\n\n- step one\n- step two\n\n")
            if number % 2 else "",
            "evidence": [{"title": f"Procedure {number}", "ref": f"SOP-{number}", "date": dt.date(2026, 1, 10),
                          "portal_section": criterion.primary_section, "file": f"evidence/doc-{number}.txt"}],
        }
    data = {"profile": {"schema": 1, "company": "Big Importer Inc", "entity_type": "importer",
                        "prepared_by": "Pat Lee", "version": "1.0"}, "answers": answers}
    return write_profile(directory, data)
