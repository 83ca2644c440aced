"""Build ctpat_tui/review/data/common_words.txt from the `wordfreq` library (development time only).

The specificity lint asks how common a word is: template language is made of common words ("appropriate",
"personnel", "measures"), while system names, trade nouns and abbreviations are rare ("Samsara", "TMS",
"Whse", "jockey"). Shipping wordfreq itself would add tens of megabytes; this script keeps the part the lint
reads: English words with a Zipf frequency of at least 3.0, grouped by half-Zipf band, plus the most common
Spanish words (so a Spanish phrase is not mistaken for a rare name).

    python -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq==3.1.1
    /tmp/wf/bin/python tools/build_common_words.py
"""

from __future__ import annotations

import re
from pathlib import Path

import wordfreq

OUT = Path(__file__).resolve().parent.parent / "ctpat_tui" / "review" / "data" / "common_words.txt"
_PLAIN = re.compile(r"^[a-z][a-z'-]*$")


def main() -> None:
    bands: dict[str, list[str]] = {}
    for word in wordfreq.top_n_list("en", 60000):
        if not _PLAIN.match(word):
            continue
        zipf = wordfreq.zipf_frequency(word, "en")
        if zipf < 3.0:
            break
        bands.setdefault(f"{int(zipf * 2) / 2:.1f}", []).append(word)
    spanish = [w for w in wordfreq.top_n_list("es", 3000) if _PLAIN.match(w.replace("ñ", "n"))
               and wordfreq.zipf_frequency(w, "es") >= 4.0]
    lines = ["# English words by Zipf band (wordfreq 3.1.1), then common Spanish words; built by "
             "tools/build_common_words.py"]
    for band in sorted(bands, key=float, reverse=True):
        lines.append(f"{band} " + " ".join(sorted(bands[band])))
    lines.append("es " + " ".join(sorted(spanish)))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {sum(len(v) for v in bands.values())} English, {len(spanish)} Spanish words, "
          f"{OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
