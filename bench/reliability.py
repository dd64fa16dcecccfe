"""Soak and fuzz, for `make run` and `make run-scaled`, in one run (issue 13, point 6).

    make reliability    # or: .venv/bin/python -m bench.reliability [--minutes 10] [--fuzz 10000]

For each mode: 10,000 malformed requests (bench/fuzz.py; none may get a 5xx), then 50
concurrent conversations for 10 minutes (bench/soak.py), sampling errors, latency and the
RSS of every Rasa process every 10 s. Once the store is full, RSS must stay flat. Writes
docs/reliability.md and docs/reliability-rss.png.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone

from bench import fuzz, soak
from bench.conversations import scenario_conversations
from bench.run import machine
from bench.servers import ROOT, Running, start_wegwijzer, start_wegwijzer_scaled

REPORT = ROOT / "docs" / "reliability.md"
PLOT = ROOT / "docs" / "reliability-rss.png"
MODES = {"make run": start_wegwijzer, "make run-scaled": start_wegwijzer_scaled}


def measure(running: Running, minutes: float, fuzz_count: int
            ) -> tuple[fuzz.FuzzResult, list[soak.Sample]]:
    print(f"{running.name}: fuzzing with {fuzz_count} requests ...", flush=True)
    fuzzed = fuzz.run(running.port, fuzz_count)
    print(f"  statuses {dict(fuzzed.statuses)}", flush=True)
    print(f"{running.name}: soaking for {minutes:g} minutes ...", flush=True)
    samples = soak.run(running.port, [p.pid for p in running.rasa], scenario_conversations(),
                       minutes)
    print(f"  {sum(s.messages for s in samples)} messages, "
          f"{sum(s.errors for s in samples)} errors", flush=True)
    return fuzzed, samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--fuzz", type=int, default=10_000)
    args = parser.parse_args(argv)
    results = {}
    for mode, start in MODES.items():
        running = start()
        try:
            results[mode] = measure(running, args.minutes, args.fuzz)
        finally:
            running.stop()
    write_report(results, args.minutes, args.fuzz)
    write_plot(results)
    print(f"wrote {REPORT.relative_to(ROOT)} and {PLOT.relative_to(ROOT)}")
    failed = any(f.server_errors or any(s.errors for s in samples)
                 for f, samples in results.values())
    return 1 if failed else 0


def flat_after_fill(samples: list[soak.Sample]) -> str:
    """RSS growth over the second half of the run (the store is full by then)."""
    half = samples[len(samples) // 2:]
    if len(half) < 2:
        return "too short to tell"
    return f"{half[-1].rss_mb - half[0].rss_mb:+.0f} MB"


def write_report(results: dict, minutes: float, fuzz_count: int) -> None:
    lines = [
        "# Reliability: soak and fuzz",
        "",
        f"Measured with `make reliability` (`.venv/bin/python -m bench.reliability --minutes "
        f"{minutes:g} --fuzz {fuzz_count}`) on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} "
        f"UTC. Machine: {machine()}. Client and servers share the machine.",
        "",
        "## Fuzz",
        "",
        f"{fuzz_count} malformed requests per mode, made from a fixed seed (bench/fuzz.py): "
        "bad JSON, binary bodies, huge bodies, odd types, odd methods and paths, and "
        "messages that look like intents. 10 at a time.",
        "",
        "| mode | statuses | 5xx or no answer |",
        "|---|---|---|",
    ]
    for mode, (fuzzed, _) in results.items():
        statuses = ", ".join(f"{status}: {count}" for status, count in
                             sorted(fuzzed.statuses.items(), key=lambda item: str(item[0])))
        lines.append(f"| {mode} | {statuses} | {sum(fuzzed.server_errors.values())} |")
    lines += [
        "",
        "## Soak",
        "",
        f"50 concurrent conversations for {minutes:g} minutes per mode (the demo scenarios, "
        "3 to 8 turns, a fresh sender each), sampled every 10 s. RSS is the largest Rasa "
        "process. In `make run` the store holds at most 10,000 conversations (every "
        "conversation has a fresh sender, so it is full after about 55,000 messages, before "
        "the second half of the run); in `make run-scaled` they live in Redis. \"RSS, second "
        "half\" is the growth once the store is full: it must stay flat.",
        "",
        "| mode | messages | errors | messages/s | p50 ms (median of samples) | "
        "worst p99 ms | RSS at start | RSS at end | RSS, second half |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for mode, (_, samples) in results.items():
        messages = sum(s.messages for s in samples)
        seconds = samples[-1].seconds if samples else 0
        p50s = sorted(s.p50_ms for s in samples)
        lines.append(
            f"| {mode} | {messages} | {sum(s.errors for s in samples)} | "
            f"{messages / seconds if seconds else 0:.0f} | {p50s[len(p50s) // 2]:.0f} | "
            f"{max(s.p99_ms for s in samples):.0f} | {samples[0].rss_mb:.0f} MB | "
            f"{samples[-1].rss_mb:.0f} MB | {flat_after_fill(samples)} |")
    lines += ["", "![RSS of the largest Rasa process over the soak](reliability-rss.png)", ""]
    REPORT.write_text("\n".join(lines), encoding="utf-8")


def write_plot(results: dict) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(7, 3.5))
    for (mode, (_, samples)), colour in zip(results.items(), ("#0b5560", "#6b4c9a"), strict=True):
        axes.plot([s.seconds / 60 for s in samples], [s.rss_mb for s in samples], "-",
                  color=colour, label=mode)
    axes.set(xlabel="minutes", ylabel="RSS of the largest Rasa process (MB)",
             title="Memory during the soak")
    axes.set_ylim(bottom=0)
    axes.grid(True, alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(PLOT, dpi=100)


if __name__ == "__main__":
    sys.exit(main())
