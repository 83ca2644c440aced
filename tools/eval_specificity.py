"""Print the specificity scorer's figures per field on a labelled corpus file, and (with -v) every miss.

    .venv/bin/python tools/eval_specificity.py tests/data/specificity_corpus/dev.toml [-v] [--field owner]
    .venv/bin/python tools/eval_specificity.py --tuning     # the tuning data: dev .. dev-u, together
    .venv/bin/python tools/eval_specificity.py tests/data/specificity_answers.toml   # the older set (kind=...)
    .venv/bin/python tools/eval_specificity.py --tuning --rules-only   # the hand-set rules without the model

The verdicts are the product's (ctpat_tui/review/signals.py judge()); tools/train_specificity.py prints the
leave-one-part-out figures of the rules, the model and the hybrid.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ctpat_tui.review import signals  # noqa: E402
from ctpat_tui.review.signals import judge  # noqa: E402

FIELDS = ("controls", "frequency", "owner", "records", "escalation")
CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "specificity_corpus"
TUNING = ("dev.toml", "dev-b.toml", "dev-c.toml", "dev-d.toml", "dev-e.toml", "dev-f.toml", "dev-g.toml", "dev-h.toml",
          "dev-i.toml", "dev-j.toml", "dev-k.toml", "dev-l.toml", "dev-m.toml", "dev-n.toml",
          "dev-o.toml", "dev-p.toml", "dev-q.toml", "dev-r.toml", "dev-s.toml", "dev-t.toml",
          "dev-u.toml")  # never a test part


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--tuning", action="store_true", help="all the tuning parts of the corpus together")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--field")
    parser.add_argument("--rules-only", action="store_true", help="the hand-set rules without the learned model")
    args = parser.parse_args()
    signals.USE_MODEL = not args.rules_only
    paths = [Path(p) for p in args.paths] + ([CORPUS / name for name in TUNING] if args.tuning else [])
    if not paths:
        parser.error("give a corpus file or --tuning")
    items = [a for path in paths for a in tomllib.loads(path.read_text("utf-8"))["answer"]]
    total = [0, 0, 0, 0]
    for field in FIELDS + ("narrative",):
        if args.field and field != args.field:
            continue
        rows = [a for a in items if a["field"] == field]
        if not rows:
            continue
        vague = [a for a in rows if a.get("label", a.get("kind")) in ("vague", "generic")]
        specific = [a for a in rows if a not in vague]
        caught = [a for a in vague if judge(a["text"], field).vague]
        false = [a for a in specific if judge(a["text"], field).vague]
        total = [total[0] + len(caught), total[1] + len(vague), total[2] + len(false), total[3] + len(specific)]
        print(f"{field:11} vague flagged {len(caught):3}/{len(vague):<3} ({100 * len(caught) / max(1, len(vague)):5.1f}%)"
              f"   specific flagged {len(false):3}/{len(specific):<3} ({100 * len(false) / max(1, len(specific)):5.1f}%)")
        if args.verbose:
            for a in vague:
                if a not in caught:
                    print(f"   MISS  {a['text']!r}\n         {judge(a['text'], field).signals}")
            for a in false:
                v = judge(a["text"], field)
                print(f"   FALSE {a['text']!r}\n         {v.problem} | {v.signals}")
    print(f"{'all':11} vague flagged {total[0]:3}/{total[1]:<3} ({100 * total[0] / max(1, total[1]):5.1f}%)"
          f"   specific flagged {total[2]:3}/{total[3]:<3} ({100 * total[2] / max(1, total[3]):5.1f}%)")


if __name__ == "__main__":
    main()
