"""Build a synthetic 150-criterion catalogue overlay and a profile with long answers, for benchmarks."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import tomlkit

from ctpat_tui.catalog import Catalog, load_catalog
from ctpat_tui.profile.document import ProfileDocument
from ctpat_tui.profile.model import Evidence
from ctpat_tui.resources import questionnaire_dir

WORDS = ("seal", "trailer", "inspection", "badge", "camera", "supervisor", "log", "SAP", "quarterly", "record",
         "escalate", "manager", "within", "hours", "checklist", "verified", "partner", "screening", "retained",
         "years", "ServiceNow", "container", "dock", "guard", "visitor", "audit", "procedure", "training")


def write_overlay(directory: Path, entity: str = "importer", target_total: int = 150) -> Path:
    """An overlay adding synthetic criteria until `entity` has `target_total` applicable criteria."""
    base = load_catalog(questionnaire_dir())
    missing = target_total - len(base.applicable(entity))
    doc = tomlkit.document()
    rows = tomlkit.aot()
    for index in range(missing):
        category = 1 + index % 12
        entry = tomlkit.table()
        entry["id"] = f"{category}.{60 + index}"
        entry["category"] = category
        entry["title"] = f"Synthetic criterion {index + 1}"
        entry["designations"] = {entity: "must" if index % 3 else "should"}
        entry["official_text"] = {entity: f"Synthetic requirement number {index + 1} for benchmarking."}
        rows.append(entry)
    doc["criterion"] = rows
    (directory / "criteria").mkdir(parents=True, exist_ok=True)
    (directory / "criteria" / "synthetic.toml").write_text(tomlkit.dumps(doc), encoding="utf-8")
    return directory


def _paragraph(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def write_profile(path: Path, catalog: Catalog, entity: str = "importer", *, seed: int = 7) -> Path:
    """A profile answering every applicable criterion with long, varied text and two evidence references."""
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    document = ProfileDocument.new(path, "Synthetic Imports Inc.", entity,
                                   facilities=[("site-a", "Site A"), ("site-b", "Site B")])
    for criterion, _designation in catalog.applicable(entity):
        cid = criterion.id
        document.set_answer_value(cid, "status", "implemented")
        document.set_answer_value(cid, "controls", "\n\n".join(_paragraph(rng, 90) for _ in range(3)))
        document.set_answer_value(cid, "frequency", "Every shipment; reviewed quarterly by the Security Manager")
        document.set_answer_value(cid, "owner", "Security Manager (Site A)")
        document.set_answer_value(cid, "records", f"Form SEC-{cid} in SAP, kept 5 years; " + _paragraph(rng, 20))
        document.set_answer_value(cid, "escalation", "Shift lead to Security Manager within 1 hour; CTPAT POC "
                                  "within 24 hours; " + _paragraph(rng, 25))
        for extra in criterion.fields:
            value: object = {"date": dt.date(2026, 6, 1), "number": 12, "text": "CBP five-step method",
                             "choice": extra.choices[0] if extra.choices else ""}[extra.type]
            document.set_answer_value(cid, extra.name, value)  # type: ignore[arg-type]
        section = criterion.primary_section
        document.set_evidence(cid, [
            Evidence(f"Procedure for {criterion.title}", f"SOP-{cid} v2", dt.date(2026, 5, 1), section),
            Evidence(f"Log extract for {cid}", f"LOG-{cid}-2026", dt.date(2026, 10, 1), section),
        ])
    document.save()
    return path
