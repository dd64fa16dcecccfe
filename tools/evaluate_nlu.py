"""Measure the trained model on the held-out test set (tests/nlu/holdout_*.yml).

    .venv/bin/python -m tools.evaluate_nlu            # prints and writes docs/nlu-holdout.md

Two figures per language: the share of messages whose situation (or conversation intent)
is recognised, per intent; and for every crisis message, whether the real dialogue
(the trained model with its rules) answers with 113 or 112 as the FIRST message.
The held-out messages are never used for training (`python -m bot validate` checks that).
"""

from __future__ import annotations

import asyncio
import subprocess
import sys

from bot.running.in_process import load_agent, quiet_rasa
from bot.paths import ROOT
from tests.helpers import Report, evaluate

REPORT = ROOT / "docs" / "nlu-holdout.md"


def markdown(report: Report) -> str:
    from bot.signposting import SITUATIONS

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip() or "unknown"
    lines = [
        "# NLU on the held-out test set",
        "",
        "Measured with `.venv/bin/python -m tools.evaluate_nlu` on the model trained by",
        f"`make model` (commit `{commit}`). The held-out set (`tests/nlu/holdout_*.yml`) was",
        "written separately from the training data and is never trained on.",
        "",
        "| | Dutch | English |",
        "|---|---|---|",
        f"| situation accuracy (11 situations) | {report.situation_accuracy('nl'):.1%} "
        f"| {report.situation_accuracy('en'):.1%} |",
        f"| all intents | {report.accuracy('nl'):.1%} | {report.accuracy('en'):.1%} |",
    ]
    nl_ok, nl_all = report.crisis_first("nl")
    en_ok, en_all = report.crisis_first("en")
    lines += [f"| crisis messages answered with 113/112 first | {nl_ok}/{nl_all} | {en_ok}/{en_all} |",
              "", "## Per intent", "", "| intent | Dutch | English |", "|---|---|---|"]
    intents = sorted({r.expected for r in report.results},
                     key=lambda i: (i not in SITUATIONS, i))
    for intent in intents:
        lines.append(f"| {intent} | {report.accuracy('nl', intent):.0%} "
                     f"| {report.accuracy('en', intent):.0%} |")
    lines += ["", "## Messages it gets wrong", "", "| language | message | expected | predicted |",
              "|---|---|---|---|"]
    for r in report.errors():
        lines.append(f"| {r.language} | {r.text} | {r.expected} | {r.predicted} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    quiet_rasa()
    report = asyncio.run(evaluate(load_agent()))
    text = markdown(report)
    REPORT.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
