"""Train the specificity lint's learned second opinion and measure it honestly (development time only).

One L2-regularised logistic regression per field over the hand-set signals (by label) and generic ones (length,
rarity, codes, names, numbers bound to units, hedges, claims): see `features()` in ctpat_tui/review/signals.py.
Plain Python (Newton steps on a few dozen features); inference in the product is a dot product.

Generalisation is measured by leave-one-part-out: train on all corpus parts but one, choose the thresholds on the
training parts alone (their own leave-one-part-out scores), score the part left out. Printed per field for the
hand-set verdict, the model alone and the shipped hybrid (a rule's flag stands; the model flags what the rules
passed only where it is confident); --variants adds other combinations: the union, the model with the rules'
explicit gaps (model+gaps), the same never below even odds, the hybrid whose model flags over the rules at even odds
(led-even), and the hybrid shipped before part F, whose model could also clear a rule's flag (clearing).
Caveat: the hand-set signals were tuned on every tuning part, so only a part the signals never saw gives a clean
figure; --score tests/data/specificity_answers.toml scores the older test set, which the model never trained on.

    .venv/bin/python tools/train_specificity.py            # leave-one-part-out figures
    .venv/bin/python tools/train_specificity.py --write    # also train on all parts and write the weights
    .venv/bin/python tools/train_specificity.py --score tests/data/specificity_corpus/dev-e.toml  # one unseen part
"""

from __future__ import annotations

import argparse
import math
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ctpat_tui.review import signals  # noqa: E402

FIELDS = ("controls", "frequency", "owner", "records", "escalation")
CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "specificity_corpus"
PARTS = ("dev", "dev-b", "dev-c", "dev-d", "dev-e", "dev-f", "dev-g", "dev-h", "dev-i", "dev-j", "dev-k",
         "dev-l", "dev-m", "dev-n", "dev-o", "dev-p", "dev-q",
         "dev-r", "dev-s", "dev-t", "dev-u")  # the tuning parts; a missing one is skipped
L2 = 2.0
FLAG_SHARE = 0.03  # the model alone flags at most this share of the specific answers it did not train on
OVERRIDE_SHARE = 0.0  # the hybrid flags over the hand-set rules only above every such specific answer's score
CLEAR_SHARE = 0.0  # (the 'clearing' variant) clears a hand-set flag only below every such vague answer's score

Row = tuple[dict[str, float], int, bool, bool]  # features, 1 when vague, the hand-set verdict, an explicit gap


def load(part: str | Path) -> list[tuple[str, dict[str, str]]]:
    path = Path(part) if isinstance(part, Path) else CORPUS / f"{part}.toml"
    items = tomllib.loads(path.read_text("utf-8"))["answer"]
    for a in items:  # the older test set (tests/data/specificity_answers.toml) says kind = generic | specific
        a.setdefault("label", "vague" if a.get("kind") == "generic" else "specific")
    return [(a["field"], a) for a in items]


def rows_of(items: list[tuple[str, dict[str, str]]], field: str) -> list[Row]:
    rows = []
    for f, a in items:
        if f == field:
            parsed = signals.parse(a["text"])
            hand = signals._hand(parsed, field)
            rows.append((signals._features(parsed, field, hand), int(a["label"] == "vague"), hand.vague,
                         signals.explicit_gap(hand)))
    return rows


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        pivot = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[pivot] = m[pivot], m[c]
        for r in range(n):
            if r != c and m[r][c]:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c])]
    return [m[i][n] / m[i][i] for i in range(n)]


def train(rows: list[Row], l2: float = L2) -> tuple[float, dict[str, float]]:
    """Newton's method on the L2-penalised log-likelihood (the bias is not penalised)."""
    names = sorted({k for x, *_ in rows for k in x})
    index = {k: i + 1 for i, k in enumerate(names)}
    n = len(names) + 1
    xs = [[(0, 1.0)] + [(index[k], v) for k, v in x.items()] for x, *_ in rows]
    ys = [r[1] for r in rows]
    w = [0.0] * n
    for _ in range(25):
        grad = [l2 * w[i] if i else 0.0 for i in range(n)]
        hess = [[0.0] * n for _ in range(n)]
        for i in range(1, n):
            hess[i][i] = l2
        hess[0][0] = 1e-6
        for x, y in zip(xs, ys):
            z = sum(w[i] * v for i, v in x)
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            for i, v in x:
                grad[i] += (p - y) * v
            s = p * (1 - p)
            for i, v in x:
                row = hess[i]
                for j, u in x:
                    row[j] += s * v * u
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return w[0], {k: w[index[k]] for k in names if abs(w[index[k]]) >= 1e-4}


def score(model: tuple[float, dict[str, float]], x: dict[str, float]) -> float:
    bias, weights = model
    return bias + sum(weights.get(k, 0.0) * v for k, v in x.items())


def thresholds(scored: list[tuple[float, int]]) -> tuple[float, float, float]:
    """(model flags at, hybrid flags at, hybrid clears below), from scores of answers the model did not train on."""
    specific = sorted((s for s, y in scored if y == 0), reverse=True)
    vague = sorted(s for s, y in scored if y == 1)

    def above(share: float) -> float:
        k = int(share * len(specific))
        return specific[k] + 1e-6 if k < len(specific) else -1e9

    j = int(CLEAR_SHARE * len(vague))
    clear = vague[j] - 1e-6 if j < len(vague) else 1e9
    return above(FLAG_SHARE), above(OVERRIDE_SHARE), min(clear, above(FLAG_SHARE))  # never clear what it would flag


def out_of_part_scores(parts: dict[str, list[Row]]) -> list[tuple[float, int]]:
    scored = []
    for held in parts:
        model = train([r for p, rows in parts.items() if p != held for r in rows])
        scored += [(score(model, r[0]), r[1]) for r in parts[held]]
    return scored


Fit = tuple[tuple[float, dict[str, float]], float, float, float]


def fit(parts: dict[str, list[Row]]) -> Fit:
    """The model trained on all `parts`, with thresholds chosen on its own leave-one-part-out scores."""
    return (train([r for rows in parts.values() for r in rows]), *thresholds(out_of_part_scores(parts)))


def verdicts(fitted: Fit, rows: list[Row]) -> dict[str, list[tuple[bool, int]]]:
    model, flag, override, clear = fitted
    out: dict[str, list[tuple[bool, int]]] = {"hand": [], "model": [], "hybrid": []}
    if VARIANTS:
        out.update({"union": [], "model+gaps": [], "even-odds": [], "led-even": [], "clearing": []})
    for x, y, hand, hard in rows:
        s = score(model, x)
        contributions = [model[1].get(k, 0.0) * v for k, v in x.items()]
        out["hand"].append((hand, y))
        out["model"].append((s >= flag, y))
        hybrid = signals.decide(hand, s, contributions, override)  # the shipped combination
        out["hybrid"].append((hybrid, y))
        if VARIANTS:
            # other combinations, scored for the choice (see the header of the newest corpus part)
            out["union"].append((hand or s >= flag, y))  # either one flags
            out["model+gaps"].append(((hand and hard) or s >= flag, y))  # the model, and the rules' explicit gaps
            out["even-odds"].append(((hand and hard) or s >= max(flag, 0.0), y))  # same, never below even odds
            out["led-even"].append((hybrid if hand else s >= max(flag, 0.0), y))  # the model flags over the rules
            # at even odds, without the named-support requirement
            # the hybrid shipped before part F: the model may also clear a rule's flag that names no open phrase
            out["clearing"].append((hybrid and (hard or not (s < min(clear, 0.0) and -sum(
                c for c in contributions if c < 0) >= signals.SUPPORT)), y))
    return out


VARIANTS = False


def figure(pairs: list[tuple[bool, int]]) -> tuple[int, int, int, int]:
    return (sum(v for v, y in pairs if y), sum(y for _, y in pairs),
            sum(v for v, y in pairs if not y), sum(1 - y for _, y in pairs))


def show(counts: tuple[int, int, int, int]) -> str:
    c, v, f, s = counts
    mark = "" if c >= 0.95 * v and f <= 0.05 * s else " !"
    return f"{c:3}/{v:<3} {f:2}/{s:<3}{mark}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true", help="train on all parts and write the weights")
    parser.add_argument("--score", help="a corpus file the model never trained on: print its figures once")
    parser.add_argument("--parts", help="comma-separated corpus parts (default: every tuning part present)")
    parser.add_argument("--variants", action="store_true",
                        help="also score other combinations of the rules and the model")
    parser.add_argument("--flag-share", type=float, default=0.03,
                        help="the share of unseen specific answers the model may flag (sets its threshold)")
    args = parser.parse_args()
    global VARIANTS, FLAG_SHARE
    VARIANTS, FLAG_SHARE = args.variants, args.flag_share
    names = args.parts.split(",") if args.parts else [p for p in PARTS if (CORPUS / f"{p}.toml").exists()]
    items = {p: load(p) for p in names}
    totals: dict[tuple[str, str], list[int]] = {}
    lines = []
    for field in FIELDS:
        parts = {p: rows_of(items[p], field) for p in names}
        if args.score:
            result = verdicts(fit(parts), rows_of(load(Path(args.score)), field))
            print(f"{field:10} " + "   ".join(f"{kind} {show(figure(pairs))}" for kind, pairs in result.items()))
            for kind, pairs in result.items():
                t = totals.setdefault(("unseen", kind), [0, 0, 0, 0])
                t[:] = [a + b for a, b in zip(t, figure(pairs))]
            continue
        cells = []
        for held in names:
            result = verdicts(fit({p: r for p, r in parts.items() if p != held}), parts[held])
            cells.append(f"{held}: " + " | ".join(f"{kind} {show(figure(pairs))}" for kind, pairs in result.items()))
            for kind, pairs in result.items():
                t = totals.setdefault((held, kind), [0, 0, 0, 0])
                t[:] = [a + b for a, b in zip(t, figure(pairs))]
        print(f"{field}\n  " + "\n  ".join(cells), flush=True)
        if args.write:
            (bias, weights), _, override, _ = fit(parts)
            lines += [f"{field}\t(bias)\t{bias:.4f}", f"{field}\t(threshold)\t{override:.4f}"]
            lines += [f"{field}\t{k}\t{w:.4f}" for k, w in sorted(weights.items(), key=lambda kv: -abs(kv[1]))]
    print("overall (vague flagged, specific flagged):")
    for (part, kind), (c, v, f, s) in totals.items():
        print(f"  {part:7} {kind:7} {100 * c / v:5.1f}% {100 * f / s:5.1f}%")
    if args.write:
        header = ["# Specificity lint: logistic-regression weights per field over the signals of "
                  "ctpat_tui/review/signals.py:features()",
                  f"# Written by tools/train_specificity.py on parts {', '.join(names)} (L2 {L2}); field, feature, "
                  "weight; (threshold): the model flags what the rules passed at this score"]
        signals.MODEL_FILE.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
        print(f"wrote {signals.MODEL_FILE}")


if __name__ == "__main__":
    main()
