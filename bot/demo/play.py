"""Play demo scenarios against the bot over its public REST channel, with explanations.

    python -m bot demo                      # start the bot, play every scenario, stop it
    python -m bot demo teacher_disclosure   # one scenario
    python -m bot demo --url http://localhost:5005   # against a bot that already runs

Every message is sent with the demo audience, so the bot adds what it understood, and
each reply is checked against the scenario with ``bot.demo.scenarios.check_step``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
import uuid
from pathlib import Path
from typing import Any, Callable, Sequence

from bot.demo.scenarios import Scenario, StepResult, check_step, load_scenarios
from bot.running.serve import ServerConfig, start, stop, wait_until_ready
from bot.signpost import Signposter


def play_scenarios(ids: Sequence[str], url: str | None, port: int, model: Path) -> int:
    """``python -m bot demo``: play the scenarios named (all when none is) against the bot at
    ``url``, or against one started here on ``port``; 1 when any went otherwise."""
    signposter = Signposter.load()
    scenarios = load_scenarios(signposter.directory, signposter.table)
    if ids:
        unknown = set(ids) - {s.id for s in scenarios}
        if unknown:
            print(f"unknown scenario(s): {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        scenarios = [s for s in scenarios if s.id in ids]
    processes = []
    if url is None:
        config = ServerConfig(port=port, action_port=port + 50, model=model)
        processes = start(config, output=subprocess.DEVNULL)
        print("starting the bot ...", flush=True)
        wait_until_ready(config.url, processes, timeout=180)
        url = config.url
    try:
        failed = [s.id for s in scenarios
                  if not all(r.ok for r in play(s, url, lambda line: print(line, flush=True)))]
    finally:
        stop(processes)
    print(f"\n{len(scenarios) - len(failed)} of {len(scenarios)} scenarios as expected"
          + (f"; not: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


def send(url: str, sender: str, text: str, metadata: dict[str, str]) -> list[dict[str, Any]]:
    body = json.dumps({"sender": sender, "message": text, "metadata": metadata}).encode()
    request = urllib.request.Request(f"{url}/webhooks/rest/webhook", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as reply:
        return json.loads(reply.read())


def play(scenario: Scenario, url: str,
         show: Callable[[str], None] = lambda _: None) -> list[StepResult]:
    """Play one scenario in a fresh conversation; returns one result per step."""
    sender = f"demo-{uuid.uuid4().hex}"
    language = scenario.language
    show(f"\n== {scenario.title.get(language)} ({scenario.id})")
    show(f"   {scenario.persona.get(language)}")
    if scenario.clock:
        show(f"   clock: {scenario.clock}")
    results = []
    for step in scenario.steps:
        reply = send(url, sender, step.say, scenario.metadata())
        result = check_step(step, reply)
        results.append(result)
        for line in describe_turn(step.say, reply, result):
            show(line)
    return results


def describe_turn(said: str, reply: list[dict[str, Any]], result: StepResult) -> list[str]:
    """The turn as a trainer reads it: what was said, understood, decided and answered."""
    lines = [f"\n > {said}"]
    for message in reply:
        custom = message.get("custom") or {}
        if custom.get("type") == "explanation":
            intents = ", ".join(f"{i['name']} {i['confidence']:.2f}" for i in custom["intents"])
            facets = ", ".join(f"{k}={v}" for k, v in custom["facets"].items() if v)
            lines.append(f"   understood: language={custom['language']}; intents: {intents}; "
                         f"safety screen: {custom['safety'] or 'no'}; {facets or 'no facets'}")
        elif custom.get("type") == "signpost":
            explanation = custom.get("explanation") or {}
            conditions = explanation.get("rule_conditions", "fixed crisis reply")
            lines.append(f"   rule {custom['rule']} ({custom['situation']}): {conditions}")
            for service in custom["services"]:
                badge = {True: "open now", False: "closed now", None: "hours unknown"}
                lines.append(f"     - {service['name']} [{badge[service['open_now']]}]"
                             f"{' (open alternative)' if service.get('alternative') else ''}")
            for skipped in explanation.get("skipped", []):
                lines.append(f"     left out {skipped['id']}: {skipped['reason']}")
        elif message.get("text"):
            lines.append(f"   bot: {message['text'].splitlines()[0][:160]}")
    lines.append("   ok" if result.ok else f"   NOT AS EXPECTED: {'; '.join(result.problems)}")
    return lines
