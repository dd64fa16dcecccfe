"""The example reach report in docs/operations.md, from real traffic through the real servers.

    .venv/bin/python -m tools.reach_example [--conversations 400] [--seed 14]

Starts both servers (as `make run` does) with their daily totals in a fresh folder, and
plays conversations over HTTP: the trainers' demo scenarios (shaped as in the benchmarks),
the crisis development sets and everyday Dutch messages that are not for Wegwijzer. Some
people tap a service they were pointed to (POST /taps, as the widget does) and some leave
with the quick exit. Then it runs `python -m bot report` on that folder and draws
docs/reach-example.png. All traffic falls on today, so the report has one week: this one.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import urllib.request
import uuid
from datetime import date, timedelta
from pathlib import Path

import yaml

from bench.conversations import scenario_conversations
from bot.directory import load_directory
from bot.operations.metrics import today
from bot.running.serve import ROOT, ServerConfig, free_port, start, stop, wait_until_ready

CHART = ROOT / "docs" / "reach-example.png"
TAP_SHARE = 0.3  # of the signpost replies, how many lead to a tap
EXIT_SHARE = 0.05  # of the conversations, how many end with the quick exit


def post(url: str, payload: dict) -> object:
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as reply:
        return json.loads(reply.read())


def conversations(count: int, chance: random.Random) -> list[list[str]]:
    """Mostly demo scenarios; some crisis messages and everyday messages, one turn each."""
    scenarios = scenario_conversations()
    singles = []
    for name in ("crisis_dev_nl.yml", "crisis_dev_en.yml", "everyday_dev_nl.yml"):
        data = yaml.safe_load((ROOT / "bench" / "dev" / name).read_text(encoding="utf-8"))
        singles += [[message["text"]] for message in data["messages"]]
    return [chance.choice(scenarios) if chance.random() < 0.7 else chance.choice(singles)
            for _ in range(count)]


def play(url: str, count: int, seed: int) -> dict[str, int]:
    chance = random.Random(seed)
    directory = load_directory()
    done = {"conversations": 0, "turns": 0, "taps": 0, "quick exits": 0}
    for turns in conversations(count, chance):
        sender = uuid.uuid4().hex
        for text in turns:
            reply = post(f"{url}/webhooks/rest/webhook", {"sender": sender, "message": text})
            done["turns"] += 1
            for message in reply if isinstance(reply, list) else []:
                custom = message.get("custom") or {}
                if custom.get("type") != "signpost" or chance.random() >= TAP_SHARE:
                    continue
                service = directory[chance.choice(custom["services"])["id"]]
                kinds = ["website"] + (["call"] if service.phone else []) + (
                    ["chat"] if service.chat_url else [])
                post(f"{url}/taps", {"service": service.id, "kind": chance.choice(kinds)})
                done["taps"] += 1
        if chance.random() < EXIT_SHARE:
            post(f"{url}/webhooks/rest/forget", {"sender": sender, "reason": "quick_exit"})
            done["quick exits"] += 1
        done["conversations"] += 1
    return done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conversations", type=int, default=400)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--var-dir", type=Path, help="where the totals go (default: a new "
                                                    "temporary folder)")
    args = parser.parse_args()
    var_dir = args.var_dir or Path(tempfile.mkdtemp(prefix="wegwijzer-reach-"))
    config = ServerConfig(port=free_port(), action_port=free_port(), var_dir=var_dir)
    processes = start(config, output=subprocess.DEVNULL)
    try:
        wait_until_ready(config.url, processes, timeout=180)
        print(f"sent: {play(config.url, args.conversations, args.seed)}", flush=True)
    finally:
        stop(processes)
    monday: date = today() - timedelta(days=today().weekday())
    return subprocess.call([sys.executable, "-m", "bot", "report", "--from", str(monday),
                            "--to", str(monday + timedelta(days=6)), "--by", "week",
                            "--totals", str(var_dir / "totals.sqlite3"), "--chart", str(CHART)],
                           cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
