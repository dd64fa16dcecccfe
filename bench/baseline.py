"""Latency one conversation at a time: this commit beside an earlier one, in one run.

    .venv/bin/python -m bench.baseline [--rev 221cc3d] [--rounds 3]   (part of `make bench`)

The machines here are noisy, so the two are measured side by side: the earlier commit is
checked out in a git worktree (bench/.work/baseline-REV), trained there, and both bots run
at the same time on free ports. Rounds alternate between them; every round plays the same
conversations (the demo scenarios). Writes docs/bench-baseline.md.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench import load
from bench.conversations import scenario_conversations
from bench.run import machine
from bench.servers import QUIET, ROOT, Running, first_answer, start_wegwijzer
from bench.stats import summarise
from bot.running.serve import free_port

WORK = ROOT / "bench" / ".work"
REPORT = ROOT / "docs" / "bench-baseline.md"
DEFAULT_REV = "221cc3d"  # the commit issue 11 was measured on
CONVERSATIONS = 60


def git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout.strip()


def checkout(rev: str) -> Path:
    """A worktree of ``rev`` with its own trained model (made once, then reused)."""
    tree = WORK / f"baseline-{rev}"
    if not tree.exists():
        git("worktree", "add", "--detach", str(tree), rev)
    if not (tree / "models" / "wegwijzer.tar.gz").exists():
        subprocess.run([sys.executable, "-m", "addons.rasa_cli", "train", "--fixed-model-name",
                        "wegwijzer", "--out", "models", "--config", "config.yml", "--domain",
                        "domain.yml", "--data", "data/nlu", "data/rules.yml"], cwd=tree,
                       env={**os.environ, **QUIET, "PYTHONPATH": str(tree)}, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return tree


def start_at(tree: Path, name: str) -> Running:
    """The bot of another checkout, started by its own serve module: ``bot.running.serve``,
    or ``bot.serve`` in revisions from before the tooling moved (the default one)."""
    port, action_port = free_port(), free_port()
    code = ("import subprocess, time\n"
            "try:\n    from bot.running.serve import ServerConfig, start\n"
            "except ImportError:\n    from bot.serve import ServerConfig, start\n"
            f"start(ServerConfig(port={port}, action_port={action_port}), "
            "output=subprocess.DEVNULL)\ntime.sleep(10**6)")
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code], cwd=tree,
                               env={**os.environ, **QUIET, "PYTHONPATH": str(tree)},
                               start_new_session=True)
    first_answer(port, [process])
    return Running(name, port, [process], [process], None, time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default=DEFAULT_REV)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    conversations = load.repeat(scenario_conversations(), CONVERSATIONS)
    tree = checkout(args.rev)
    systems = [start_at(tree, f"commit {args.rev}"), start_wegwijzer()]
    latencies: dict[str, list[float]] = {s.name: [] for s in systems}
    errors: dict[str, int] = {s.name: 0 for s in systems}
    try:
        for system in systems:
            load.run(system.port, load.repeat(scenario_conversations(), 5), 1)  # warm up
        for round_number in range(args.rounds):
            for system in systems if round_number % 2 == 0 else systems[::-1]:
                tally, _ = load.run(system.port, conversations, 1)
                latencies[system.name] += tally.latencies
                errors[system.name] += tally.errors
    finally:
        os.killpg(systems[0].rasa[0].pid, signal.SIGTERM)  # the other checkout's servers too
        systems[1].stop()
    summaries = {name: summarise(name, 1, CONVERSATIONS * args.rounds, values, errors[name], 1)
                 for name, values in latencies.items()}
    old, new = summaries[systems[0].name], summaries[systems[1].name]
    head = git("rev-parse", "--short", "HEAD")
    lines = [
        "# Latency beside an earlier commit",
        "",
        f"`.venv/bin/python -m bench.baseline --rev {args.rev} --rounds {args.rounds}` on commit "
        f"`{head}` (this run's code, working tree as committed or not), {machine()}.",
        "One conversation at a time, the demo scenarios, "
        f"{CONVERSATIONS} conversations per round, rounds alternating between the two bots.",
        "",
        "| | messages | errors | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|---|",
    ]
    for summary in (old, new):
        lines.append(f"| {summary.system} | {summary.messages} | {summary.errors} | "
                     f"{summary.p50_ms:.1f} | {summary.p95_ms:.1f} | {summary.p99_ms:.1f} |")
    ratio = new.p50_ms / old.p50_ms
    lines += ["", f"p50 of this commit is {ratio:.2f} times that of {args.rev} "
                  f"(the target: at most 1.20).", ""]
    REPORT.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
