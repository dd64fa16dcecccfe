"""Accuracy of Wegwijzer's NLU pipeline beside the stock `rasa init` pipeline, on the same data.

    make eval           # or: .venv/bin/python -m bench.eval [--folds 5] [--no-stock]

First, both pipelines on the sets written apart from the training data (bench/understanding.py:
situations, crisis, CLINC150 and the Dutch everyday set); the stock pipeline, trained on our
examples with DIET at 20 epochs (bench/stock_short.yml), is kept in bench/.stock/ by a digest
of the examples (the first run trains it, about 40 minutes on two cores). Then, only with
--folds N, for each pipeline (our config.yml, and the config.yml that `rasa init --no-prompt`
writes): N-fold cross-validation over the training examples (both languages together, as the
bot is trained, folds stratified by intent with a fixed seed), and a run on the held-out test
set after training on all examples. Reports per-situation precision, recall and F1 in each
language, crisis recall, confusion matrices and the held-out messages each pipeline gets
wrong. Writes docs/eval.md and docs/eval-confusion-*.png.
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bot.signposting import CRISIS_SITUATIONS, SITUATIONS
from bot.authoring.training_data import Example, holdout_examples, training_examples
from bench.run import machine
from bench.servers import ROOT, STOCK, make_stock

REPORT = ROOT / "docs" / "eval.md"
NOTES = ROOT / "bench" / "eval_notes.md"  # hand-written findings, appended to the report
SEED = 42
PIPELINES = {"Wegwijzer": ROOT / "config.yml", "stock rasa init": STOCK / "config.yml"}


@dataclass(frozen=True)
class Prediction:
    example: Example
    predicted: str


@dataclass
class Evaluation:
    pipeline: str
    cross_validation: list[Prediction] = field(default_factory=list)
    holdout: list[Prediction] = field(default_factory=list)
    seconds: float = 0.0


def folds(examples: list[Example], count: int) -> list[list[Example]]:
    """Stratified by intent: each intent's examples dealt round-robin after a seeded shuffle."""
    import random

    by_intent: dict[str, list[Example]] = defaultdict(list)
    for example in examples:
        by_intent[example.intent].append(example)
    shuffle = random.Random(SEED)
    result: list[list[Example]] = [[] for _ in range(count)]
    position = 0
    for intent in sorted(by_intent):
        group = by_intent[intent]
        shuffle.shuffle(group)
        for example in group:
            result[position % count].append(example)
            position += 1
    return result


def write_nlu(examples: list[Example], path: Path) -> None:
    import yaml

    by_intent: dict[str, list[str]] = defaultdict(list)
    for example in examples:
        by_intent[example.intent].append(example.text)
    data = {"version": "3.1", "nlu": [
        {"intent": intent, "examples": "".join(f"- {text}\n" for text in texts)}
        for intent, texts in sorted(by_intent.items())]}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def train_and_predict(config: Path, train: list[Example], test: list[Example],
                      work: Path) -> list[Prediction]:
    """Train an NLU model on `train` (a separate process, like `rasa train nlu`), then
    classify every message of `test` with it."""
    data = work / "train.yml"
    write_nlu(train, data)
    subprocess.run([sys.executable, "-m", "rasa", "train", "nlu", "--config", str(config),
                    "--nlu", str(data), "--out", str(work), "--fixed-model-name", "fold"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    from rasa.core.agent import Agent

    agent = Agent.load(str(work / "fold.tar.gz"))

    async def classify() -> list[Prediction]:
        return [Prediction(example, (await agent.parse_message(example.text))["intent"]["name"])
                for example in test]

    return asyncio.run(classify())


def evaluate(pipeline: str, config: Path, examples: list[Example], holdout: list[Example],
             fold_count: int) -> Evaluation:
    evaluation = Evaluation(pipeline)
    started = time.perf_counter()
    parts = folds(examples, fold_count)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        for index, test in enumerate(parts):
            train = [e for i, part in enumerate(parts) if i != index for e in part]
            evaluation.cross_validation += train_and_predict(config, train, test, work)
            print(f"  {pipeline}: fold {index + 1}/{fold_count} done")
        evaluation.holdout = train_and_predict(config, examples, holdout, work)
    evaluation.seconds = time.perf_counter() - started
    print(f"  {pipeline}: held-out set done ({evaluation.seconds:.0f} s in all)")
    return evaluation


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    support: int


def situation_scores(predictions: list[Prediction], language: str) -> dict[str, Scores]:
    """Precision, recall and F1 per situation, for one language's messages."""
    chosen = [p for p in predictions if p.example.language == language]
    scores = {}
    for situation in SITUATIONS:
        hits = sum(1 for p in chosen if p.example.intent == situation == p.predicted)
        actual = sum(1 for p in chosen if p.example.intent == situation)
        said = sum(1 for p in chosen if p.predicted == situation)
        precision = hits / said if said else 0.0
        recall = hits / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[situation] = Scores(precision, recall, f1, actual)
    return scores


def accuracy(predictions: list[Prediction], language: str, situations_only: bool) -> float:
    chosen = [p for p in predictions if p.example.language == language
              and (not situations_only or p.example.intent in SITUATIONS)]
    return sum(p.predicted == p.example.intent for p in chosen) / len(chosen)


def crisis_recall(predictions: list[Prediction], language: str) -> tuple[int, int]:
    """Crisis messages (suicidal thoughts, immediate danger) recognised as that crisis."""
    crisis = [p for p in predictions if p.example.language == language
              and p.example.intent in CRISIS_SITUATIONS]
    return sum(p.predicted == p.example.intent for p in crisis), len(crisis)


def confusion_plot(evaluation: Evaluation, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = list(SITUATIONS) + ["other"]
    index = {label: i for i, label in enumerate(labels)}
    counts = [[0] * len(labels) for _ in labels]
    for p in evaluation.holdout:
        actual = index.get(p.example.intent, index["other"])
        predicted = index.get(p.predicted, index["other"])
        counts[actual][predicted] += 1
    figure, axes = plt.subplots(figsize=(9, 8))
    axes.imshow(counts, cmap="Blues")
    for row, values in enumerate(counts):
        for column, value in enumerate(values):
            if value:
                axes.text(column, row, str(value), ha="center", va="center",
                          color="white" if value > 20 else "black", fontsize=8)
    axes.set_xticks(range(len(labels)))
    axes.set_xticklabels(labels, rotation=60, ha="right")
    axes.set_yticks(range(len(labels)))
    axes.set_yticklabels(labels)
    axes.set(xlabel="predicted", ylabel="actual",
             title=f"{evaluation.pipeline}: held-out set, both languages")
    figure.tight_layout()
    figure.savefig(path, dpi=90)
    plt.close(figure)


def image_name(pipeline: str) -> str:
    return "eval-confusion-" + ("wegwijzer" if pipeline == "Wegwijzer" else "stock") + ".png"


def markdown(evaluations: list[Evaluation], fold_count: int, commit: str) -> str:
    lines = ["## Cross-validation and the older held-out set", "",
             f"`.venv/bin/python -m bench.eval --folds {fold_count}` "
             f"on commit `{commit}`. Same training examples for both pipelines "
             f"({len(evaluations[0].cross_validation)} messages, Dutch and English together); "
             "the held-out set (`tests/nlu/holdout_*.yml`) is never trained on. A message "
             "below the fallback threshold counts as wrong (the bot would ask instead).", "",
             "### Summary", "",
             "| pipeline | language | CV situations | CV all intents | held-out situations | "
             "held-out all intents | crisis recall CV | crisis recall held-out | time |",
             "|---|---|---|---|---|---|---|---|---|"]
    for e in evaluations:
        for language in ("nl", "en"):
            cv_hit, cv_all = crisis_recall(e.cross_validation, language)
            ho_hit, ho_all = crisis_recall(e.holdout, language)
            lines.append(
                f"| {e.pipeline} | {language} | "
                f"{accuracy(e.cross_validation, language, True):.1%} | "
                f"{accuracy(e.cross_validation, language, False):.1%} | "
                f"{accuracy(e.holdout, language, True):.1%} | "
                f"{accuracy(e.holdout, language, False):.1%} | "
                f"{cv_hit}/{cv_all} | {ho_hit}/{ho_all} | {e.seconds / 60:.1f} min |")
    lines += ["", "Crisis recall here is the classifier's (with our safety screen inside our "
              "pipeline). In the running bot, a crisis message also reaches 113/112 first "
              "through the dialogue rules; `tools/evaluate_nlu.py` measures that "
              "([nlu-holdout.md](nlu-holdout.md)).", ""]
    for e in evaluations:
        lines += [f"### {e.pipeline}: per situation (cross-validation / held-out)", "",
                  "| situation | language | precision | recall | F1 | held-out P | held-out R | "
                  "held-out F1 |", "|---|---|---|---|---|---|---|---|"]
        for language in ("nl", "en"):
            cv = situation_scores(e.cross_validation, language)
            ho = situation_scores(e.holdout, language)
            for situation in SITUATIONS:
                a, b = cv[situation], ho[situation]
                lines.append(f"| {situation} | {language} | {a.precision:.2f} | {a.recall:.2f} | "
                             f"{a.f1:.2f} | {b.precision:.2f} | {b.recall:.2f} | {b.f1:.2f} |")
        lines += ["", f"![Confusion matrix, {e.pipeline}]({image_name(e.pipeline)})", ""]
    for e in evaluations:
        wrong = [p for p in e.holdout if p.predicted != p.example.intent]
        lines += [f"### {e.pipeline}: held-out messages it gets wrong ({len(wrong)})", "",
                  "| language | message | expected | predicted |", "|---|---|---|---|"]
        lines += [f"| {p.example.language} | {p.example.text.replace('|', '/')} | "
                  f"{p.example.intent} | {p.predicted} |" for p in wrong]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=0,
                        help="cross-validation folds (0, the default, skips it: five folds of "
                             "the stock pipeline take hours on two cores)")
    parser.add_argument("--no-stock", action="store_true", help="only our pipeline")
    args = parser.parse_args(argv)
    from bench import understanding
    from bot.running.in_process import quiet_rasa

    quiet_rasa()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    results = understanding.run(understanding.held_out_sets(), not args.no_stock)
    parts = ["# Accuracy, beside the stock `rasa init` pipeline", "",
             f"Measured with `make eval` (`.venv/bin/python -m bench.eval --folds {args.folds}"
             f"{' --no-stock' if args.no_stock else ''}`) on commit `{commit}`, "
             f"{machine()}.", "", understanding.DESCRIPTION, "",
             understanding.markdown(results, "Messages written apart from the training data")]
    if args.folds:
        if not args.no_stock:
            make_stock()
        examples, holdout = training_examples(), holdout_examples()
        evaluations = [evaluate(name, config, examples, holdout, args.folds)
                       for name, config in PIPELINES.items()
                       if not (args.no_stock and name != "Wegwijzer")]
        for evaluation in evaluations:
            confusion_plot(evaluation, ROOT / "docs" / image_name(evaluation.pipeline))
        parts.append(markdown(evaluations, args.folds, commit))
    else:
        parts.append("Cross-validation was not run for this report (`--folds 0`).")
    if NOTES.exists():
        parts.append(NOTES.read_text(encoding="utf-8"))
    REPORT.write_text("\n".join(parts) + "\n")
    print(f"wrote {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
