"""How long `ctpat catalog import MSC.pdf` takes on the test suite's fixture documents, and what it recovers.

Run: .venv/bin/python -m benchmarks.pdf_import [--runs N]   (needs the test extra: fpdf2 draws the fixtures)
Prints, per fixture: pages, criteria recovered of those drawn, median read time in-process, and the cold wall time
of the whole command (--dry-run); then the import cost of the PDF library against `python -c pass`, and, when
pdfplumber happens to be installed, its time on the same pages for comparison.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ctpat_tui.catalog.pdf_reader import read_msc_pdf
from tests.msc_pdf_fixtures import (
    booklet_spec,
    build_msc_pdf,
    foreign_manufacturer_spec,
    highway_carrier_spec,
    third_party_logistics_spec,
)

FIXTURES = {
    "highway carriers 2020 (ruled)": ("highway_carrier", highway_carrier_spec),
    "highway carriers 2020 (unruled)": ("highway_carrier", lambda: highway_carrier_spec(ruled=False)),
    "highway carriers booklet 2019": ("highway_carrier", booklet_spec),
    "foreign manufacturers 2019": ("foreign_manufacturer", foreign_manufacturer_spec),
    "3PLs 2020 (centred labels)": ("third_party_logistics", third_party_logistics_spec),
}


def _median_ms(function, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _wall_ms(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Draw the fixtures, time the reader and the command, print a table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    ctpat = str(Path(sys.executable).with_name("ctpat"))
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'fixture':34} {'pages':>5} {'recovered':>9} {'read ms':>8} {'command ms':>10}")
        for name, (entity, make) in FIXTURES.items():
            spec = make()
            path = build_msc_pdf(spec, Path(folder) / f"{entity}-{len(name)}.pdf")
            document = read_msc_pdf(path)
            exact = sum(1 for want, got in zip(spec.rows, document.rows)
                        if (want.id, want.clean_text, want.clean_guidance, want.level)
                        == (got.id, got.text, got.guidance, got.designation))
            read = _median_ms(lambda path=path: read_msc_pdf(path), runs)
            command = _wall_ms([ctpat, "catalog", "import", str(path), "--entity", entity, "--dry-run",
                                "--into", str(Path(folder) / "overlay")], max(3, runs // 2))
            print(f"{name:34} {document.pages:>5} {exact:>4}/{len(spec.rows):<4} {read:>8.0f} {command:>10.0f}")
        library = ("import pdfminer.pdfdocument, pdfminer.pdfparser, pdfminer.pdfpage, pdfminer.pdfinterp, "
                   "pdfminer.converter, pdfminer.layout")
        base = _wall_ms([sys.executable, "-c", "pass"], runs)
        with_library = _wall_ms([sys.executable, "-c", library], runs)
        print(f"\npdfminer.six import: {with_library - base:.0f} ms over `python -c pass` ({base:.0f} ms); "
              "imported only when a PDF is read")
        try:
            import pdfplumber
        except ImportError:
            return
        path = build_msc_pdf(highway_carrier_spec(), Path(folder) / "compare.pdf")

        def plumber() -> None:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_words(extra_attrs=["size"])

        print(f"same 8 pages: pdfplumber extract_words {_median_ms(plumber, runs):.0f} ms, "
              f"our reader on pdfminer.six {_median_ms(lambda: read_msc_pdf(path), runs):.0f} ms")


if __name__ == "__main__":
    main()
