"""Speed and capacity of Wegwijzer beside a stock Rasa assistant, in one run.

    make bench          # or: .venv/bin/python -m bench.run [--quick]

Wegwijzer (`make run`), Wegwijzer scaled (`make run-scaled`: one Rasa process per core,
nginx, Redis) and the stock assistant run one after the other on this machine, each driven
with the same conversations (the demo scenarios, Dutch and English, 3 to 8 turns, a fresh
sender each) at 1, 10 and 50 concurrent conversations. Writes docs/bench.md and
docs/bench-latency.png.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timezone

import rasa

from bench import load
from bench.conversations import scenario_conversations
from bench.servers import (OUR_RASA, RASA, ROOT, STOCK, Running, make_stock, start_stock,
                           start_wegwijzer, start_wegwijzer_scaled, training_seconds)
from bench.stats import Summary, summarise

CONCURRENCY = (1, 10, 50)
# Conversations per level (each 3 to 8 messages); --quick divides them by 5.
CONVERSATIONS = {1: 60, 10: 200, 50: 400}
WARM_UP = 10
REPORT = ROOT / "docs" / "bench.md"
PLOT = ROOT / "docs" / "bench-latency.png"
WORK = ROOT / "bench" / ".work"
NOTES = ROOT / "bench" / "notes.md"  # hand-written findings, appended to the report

TARGETS = [  # (what, how to read it off the results)
    ("p50 at most 10 ms, one conversation at a time", lambda r: r.ours[1].p50_ms <= 10),
    ("p99 at most 50 ms, one conversation at a time", lambda r: r.ours[1].p99_ms <= 50),
    ("at least 100 messages/s at 10 concurrent, no errors",
     lambda r: r.ours[10].per_second >= 100 and r.ours[10].errors == 0),
    ("at least 3 times the stock assistant's throughput (10 concurrent)",
     lambda r: r.ours[10].per_second >= 3 * r.stock[10].per_second),
    ("scaled: at least 150 messages/s at 10 concurrent, no errors",
     lambda r: r.scaled[10].per_second >= 150 and r.scaled[10].errors == 0),
    ("scaled: at least 1.6 times single at 10 concurrent",
     lambda r: r.scaled[10].per_second >= 1.6 * r.ours[10].per_second),
    ("scaled: at least 1.6 times single at 50 concurrent",
     lambda r: r.scaled[50].per_second >= 1.6 * r.ours[50].per_second),
    ("scaled: at least 5 times the stock assistant's throughput (10 concurrent)",
     lambda r: r.scaled[10].per_second >= 5 * r.stock[10].per_second),
    ("Rasa server peak RSS at most 700 MB", lambda r: r.rss["Wegwijzer"]["rasa"] <= 700),
    ("scaled: peak RSS per Rasa process at most 700 MB",
     lambda r: r.rss["Wegwijzer scaled"]["rasa"] <= 700),
    ("cold start at most 15 s", lambda r: r.cold["Wegwijzer"] <= 15),
    ("training at most 60 s", lambda r: r.training["Wegwijzer"] <= 60),
]


@dataclass
class Results:
    ours: dict[int, Summary]
    scaled: dict[int, Summary]
    stock: dict[int, Summary]
    rss: dict[str, dict[str, float | None]]
    cold: dict[str, float]
    training: dict[str, float]


def measure(running: Running, conversations: list[list[str]], quick: bool) -> dict[int, Summary]:
    load.run(running.port, load.repeat(conversations, WARM_UP), 2)
    results = {}
    for concurrency in CONCURRENCY:
        count = CONVERSATIONS[concurrency] // (5 if quick else 1)
        tally, seconds = load.run(running.port, load.repeat(conversations, count), concurrency)
        results[concurrency] = summarise(running.name, concurrency, count, tally.latencies,
                                         tally.errors, seconds)
        print(f"  {running.name}, {concurrency:>2} at a time: {format_row(results[concurrency])}")
    return results


def format_row(s: Summary) -> str:
    return (f"{s.messages} messages, {s.errors} errors, p50 {s.p50_ms:.1f} ms, "
            f"p95 {s.p95_ms:.1f} ms, p99 {s.p99_ms:.1f} ms, {s.per_second:.0f}/s")


def run_system(start, conversations, quick, results: Results) -> dict[int, Summary]:
    running = start()
    try:
        print(f"{running.name}: first answer {running.cold_start:.1f} s after start")
        summaries = measure(running, conversations, quick)
        results.cold[running.name] = running.cold_start
        results.rss[running.name] = {
            "rasa": running.peak_rss_mb(running.rasa),
            "action": running.peak_rss_mb([running.action] if running.action else [])}
    finally:
        running.stop()
    return summaries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a fifth of the load, to try it")
    args = parser.parse_args(argv)
    conversations = scenario_conversations()
    results = Results({}, {}, {}, {}, {}, {})

    print("training (rasa train --force) ...")
    WORK.mkdir(parents=True, exist_ok=True)
    results.training["Wegwijzer"] = training_seconds(
        OUR_RASA + ["train", "--force", "--out", str(WORK), "--fixed-model-name", "bench",
                "--config", "config.yml", "--domain", "domain.yml",
                "--data", "data/nlu", "data/rules.yml"], ROOT)
    make_stock()
    results.training["stock rasa init"] = training_seconds(
        RASA + ["train", "--force", "--out", str(WORK), "--fixed-model-name", "stock"], STOCK)
    print(f"  {results.training}")

    results.ours = run_system(start_wegwijzer, conversations, args.quick, results)
    results.scaled = run_system(start_wegwijzer_scaled, conversations, args.quick, results)
    results.stock = run_system(start_stock, conversations, args.quick, results)
    write_report(results, conversations, args.quick)
    write_plot(results)
    print(f"wrote {REPORT.relative_to(ROOT)} and {PLOT.relative_to(ROOT)}")
    return 0


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), platform.processor())
    memory = next(int(line.split()[1]) for line in open("/proc/meminfo")
                  if line.startswith("MemTotal"))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip() or "unknown"
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return (f"{os.cpu_count()} cores ({cpu}), {memory / 1024 / 1024:.0f} GiB, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
            f"Rasa {rasa.__version__}, commit `{commit}`{' with local changes' if dirty else ''}")


def write_report(r: Results, conversations: list[list[str]], quick: bool) -> None:
    turns = [len(c) for c in conversations]
    lines = [
        "# Speed and capacity, beside a stock Rasa assistant",
        "",
        "Measured with `make bench` (`.venv/bin/python -m bench.run"
        f"{' --quick' if quick else ''}`) on "
        f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC.",
        "",
        f"Machine: {machine()}. Client, servers and both systems share the machine; the "
        "systems run one after the other, never at the same time.",
        "",
        f"Load: the {len(conversations)} demo scenarios as conversations of {min(turns)} to "
        f"{max(turns)} messages (Dutch and English), each with a fresh sender, over the "
        "public REST channel with keep-alive connections; after a short warm-up. Wegwijzer "
        "runs in the production configuration of `make run` (private channel and tracker "
        "store, action server); the stock assistant is `rasa init --no-prompt` served by "
        "`rasa run` (its default pipeline with DIET and TED; it needs no action server).",
        "",
        "| system | concurrent | messages | errors | p50 ms | p95 ms | p99 ms | messages/s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for summaries in (r.ours, r.scaled, r.stock):
        for s in summaries.values():
            lines.append(f"| {s.system} | {s.concurrency} | {s.messages} | {s.errors} | "
                         f"{s.p50_ms:.1f} | {s.p95_ms:.1f} | {s.p99_ms:.1f} | "
                         f"{s.per_second:.0f} |")
    lines += ["", "Throughput, Wegwijzer over stock: " + ", ".join(
        f"{c} concurrent {r.ours[c].per_second / r.stock[c].per_second:.1f}x"
        for c in CONCURRENCY if r.stock[c].per_second) + ".",
        "Throughput, scaled over single: " + ", ".join(
        f"{c} concurrent {r.scaled[c].per_second / r.ours[c].per_second:.2f}x"
        for c in CONCURRENCY if r.ours[c].per_second) + ".", ""]
    systems = ("Wegwijzer", "Wegwijzer scaled", "stock rasa init")
    lines += ["| | " + " | ".join(systems) + " |", "|---|---|---|---|"]
    for label, key in (("Rasa server peak RSS (per process)", "rasa"),
                       ("action server peak RSS", "action")):
        values = [r.rss[name][key] for name in systems]
        lines.append(f"| {label} | " + " | ".join(
            f"{v:.0f} MB" if v is not None else "none" for v in values) + " |")
    lines.append("| cold start (start to first answer, trained model) | " + " | ".join(
        f"{r.cold[name]:.1f} s" for name in systems) + " |")
    lines.append("| training (`rasa train --force`) | " + " | ".join(
        f"{r.training[name]:.1f} s" if name in r.training else "same model"
        for name in systems) + " |")
    lines += ["", "![Latency and throughput against concurrency](bench-latency.png)", "",
              "## Targets", "", "| target | met |", "|---|---|"]
    for label, check in TARGETS:
        lines.append(f"| {label} | {'yes' if check(r) else '**no**'} |")
    lines.append("")
    notes = NOTES.read_text() if NOTES.exists() else ""
    REPORT.write_text("\n".join(lines) + notes)


def write_plot(r: Results) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (latency, throughput) = plt.subplots(1, 2, figsize=(10, 4))
    for summaries, colour in ((r.ours, "#0b5560"), (r.scaled, "#6b4c9a"), (r.stock, "#a3001b")):
        levels = list(summaries)
        name = next(iter(summaries.values())).system
        latency.plot(levels, [s.p50_ms for s in summaries.values()], "o-", color=colour,
                     label=f"{name} p50")
        latency.plot(levels, [s.p99_ms for s in summaries.values()], "s--", color=colour,
                     label=f"{name} p99")
        throughput.plot(levels, [s.per_second for s in summaries.values()], "o-",
                        color=colour, label=name)
    latency.set(xscale="log", yscale="log", xlabel="concurrent conversations",
                ylabel="latency per message (ms)", title="Latency")
    throughput.set_ylim(bottom=0)
    throughput.set(xscale="log", xlabel="concurrent conversations", ylabel="messages per second",
                   title="Throughput")
    for axes in (latency, throughput):
        axes.set_xticks(list(CONCURRENCY))
        axes.set_xticklabels([str(c) for c in CONCURRENCY])
        axes.grid(True, alpha=0.3)
        axes.legend()
    figure.tight_layout()
    figure.savefig(PLOT, dpi=100)


if __name__ == "__main__":
    sys.exit(main())
