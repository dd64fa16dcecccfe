"""Command line: ``python -m bot validate | ask "text" | run | demo [scenario ...] | report``."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent


def validate(_: argparse.Namespace) -> int:
    """Load and check every data file; print every problem with file and line, in one run."""
    import yaml

    from bot import crisis_block, training_data
    from bot.datafile import DataError
    from bot.facets import facet_matcher
    from bot.hours import now
    from bot.language import load_hints
    from bot.safety import safety_matcher
    from bot.scenarios import load_scenarios
    from bot.signpost import Signposter
    from bot.understanding import load_settings

    problems: list[str] = []

    def load(what: Callable[[], Any]) -> Any:
        """Run one loader; note its problem and go on with the next file."""
        try:
            return what()
        except (DataError, ValueError) as error:
            problems.append(str(error))
            return None

    signposter = load(Signposter.load)
    for loader in (load_settings, safety_matcher, facet_matcher, load_hints):
        load(loader)
    if signposter is not None:
        load(lambda: load_scenarios(signposter.directory, signposter.table))
    training = load(training_data.training_examples) or []
    holdout = load(training_data.holdout_examples) or []
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    problems += training_data.check(training, holdout, set(domain["intents"]),
                                    training_data.heldout_set_texts())
    if signposter is not None:
        problems += crisis_block.drift(domain, signposter, now())
    problems += counted_response_problems(domain)
    for problem in problems:
        print(f"invalid: {problem}", file=sys.stderr)
    if signposter is not None:
        print(f"services: {len(signposter.directory.services)}, rules: "
              f"{len(signposter.table.rules)}, training examples: {len(training)}, "
              f"held-out examples: {len(holdout)}")
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


def crisis_block_command(_: argparse.Namespace) -> int:
    """Write the crisis replies in domain.yml again from the rule engine."""
    from bot.crisis_block import DOMAIN, rewrite
    from bot.hours import now
    from bot.signpost import Signposter

    text = DOMAIN.read_text(encoding="utf-8")
    DOMAIN.write_text(rewrite(text, Signposter.load(), now()), encoding="utf-8")
    print(f"wrote the crisis replies in {DOMAIN.relative_to(ROOT)}; `make model` retrains")
    return 0


def counted_response_problems(domain: dict) -> list[str]:
    """The responses the metrics count by name (bot/metrics.py) must exist in domain.yml."""
    from bot.metrics import CLARIFYING_RESPONSES, OUT_OF_SCOPE_RESPONSE

    return [f"domain.yml: {name} is counted by bot/metrics.py but is not a response"
            for name in (*CLARIFYING_RESPONSES, OUT_OF_SCOPE_RESPONSE)
            if name not in domain["responses"]]


def ask(args: argparse.Namespace) -> int:
    """Classify one message with the trained model and print the decision, no server needed."""
    import logging

    import structlog

    logging.disable(logging.WARNING)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    import skops.io  # noqa: F401  (before Rasa imports TensorFlow: see addons/rasa_cli.py)
    from rasa.core.agent import Agent

    from bot import vocabulary
    from bot.signpost import Signposter, facts_for_turn, situation_for_turn

    agent = Agent.load(str(args.model))
    parse = asyncio.run(agent.parse_message(args.text))
    signposter = Signposter.load()
    intent = parse["intent"]
    entities = parse.get("entities", [])
    print(f"intent:     {intent['name']} ({intent['confidence']:.2f})")
    ranking = ", ".join(f"{r['name']} {r['confidence']:.2f}" for r in parse["intent_ranking"][:3])
    print(f"ranking:    {ranking}")
    found = ", ".join(f"{e['entity']}={e['value']}" for e in entities)
    print(f"entities:   {found or '-'}")
    situation = situation_for_turn(intent["name"], parse["intent_ranking"], None)
    if intent["name"] in vocabulary.CRISIS_SITUATIONS:
        print(f"crisis:     {intent['name']} reply comes first")
    if situation is None:
        print("signpost:   none (a conversation reply from domain.yml)")
        return 0
    decision = signposter.decide(facts_for_turn(situation, entities, {}))
    facts = decision.facts
    print(f"facts:      language={facts.language} age={facts.age} "
          f"topics={','.join(sorted(facts.topics)) or '-'} role={facts.role}")
    print(f"rule:       {decision.rule.id} ({decision.rule.when.describe()})")
    for choice in decision.choices:
        print(f"service:    {choice.service.id} open_now={choice.open_now}"
              f"{' (open alternative)' if choice.alternative else ''}")
    for skip in decision.skipped:
        print(f"skipped:    {skip.service_id}: {skip.reason}")
    card = signposter.sayings.card(decision)
    if card:
        print(f"say:        {card['line']} ({card['opening']})")
    return 0


def demo(args: argparse.Namespace) -> int:
    """Play demo scenarios with explanations, against a running bot or one started here."""
    from bot.demo import play
    from bot.scenarios import load_scenarios
    from bot.serve import ServerConfig, start, stop, wait_until_ready
    from bot.signpost import Signposter

    signposter = Signposter.load()
    scenarios = load_scenarios(signposter.directory, signposter.table)
    if args.scenario:
        unknown = set(args.scenario) - {s.id for s in scenarios}
        if unknown:
            print(f"unknown scenario(s): {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        scenarios = [s for s in scenarios if s.id in args.scenario]
    processes = []
    url = args.url
    if url is None:
        import subprocess

        config = ServerConfig(port=args.port, action_port=args.port + 50, model=args.model)
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


def routing_map(_: argparse.Namespace) -> int:
    """Write docs/routing-map.svg from the live rule table and directory."""
    from bot.routing_map import DOCS_PATH, render
    from bot.signpost import Signposter

    signposter = Signposter.load()
    DOCS_PATH.write_text(render(signposter.table, signposter.directory), encoding="utf-8")
    print(f"wrote {DOCS_PATH.relative_to(ROOT)}")
    return 0


def report(args: argparse.Namespace) -> int:
    """Print the reach funnel from the daily totals, small counts hidden, and draw it."""
    from bot.directory import load_directory
    from bot.report import reach, render_chart, render_text
    from bot.totals import read

    if args.end < args.start:
        print("--to comes before --from", file=sys.stderr)
        return 2
    try:
        rows = read(args.totals, args.start, args.end)
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 1
    found = reach(rows, args.start, args.end, args.by, list(load_directory().services))
    print(render_text(found))
    chart = args.chart or args.totals.parent / f"reach-{args.start}-{args.end}-{args.by}.png"
    print(f"chart: {render_chart(found, chart)}")
    return 0


def run(args: argparse.Namespace) -> int:
    from bot.serve import ServerConfig, run as run_servers

    processes = args.processes or ((os.cpu_count() or 2) if args.scaled else 1)
    return run_servers(ServerConfig(host=args.host, port=args.port, action_port=args.action_port,
                                    model=args.model, cors=tuple(args.cors), debug=args.debug,
                                    processes=processes, redis_url=args.redis_url or None))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check services, rules, phrases and training data")
    ask_parser = commands.add_parser("ask", help="show the decision for one message")
    ask_parser.add_argument("text")
    run_parser = commands.add_parser("run", help="start the action server and the Rasa server")
    run_parser.add_argument("--host", default="127.0.0.1")
    run_parser.add_argument("--port", type=int, default=5005)
    run_parser.add_argument("--action-port", type=int, default=5055)
    run_parser.add_argument("--cors", nargs="*", default=["http://localhost:5005"],
                            help="origins allowed to call the bot from a browser")
    run_parser.add_argument("--debug", action="store_true",
                            help="debug logs WITH message text; needs "
                                 "WEGWIJZER_ENVIRONMENT=development")
    run_parser.add_argument("--scaled", action="store_true",
                            help="one Rasa process per core behind nginx, sharing Redis")
    run_parser.add_argument("--processes", type=int, default=0,
                            help="scaled: this many Rasa processes (default: one per core)")
    run_parser.add_argument("--redis-url",
                            help="scaled: share a Redis elsewhere instead of starting one")
    commands.add_parser("routing-map", help="write docs/routing-map.svg from the rule table")
    commands.add_parser("crisis-block",
                        help="write the crisis replies (113, 112) in domain.yml from the rule engine")
    demo_parser = commands.add_parser("demo", help="play demo scenarios with explanations")
    demo_parser.add_argument("scenario", nargs="*", help="scenario ids (default: all)")
    demo_parser.add_argument("--url", help="a running bot, e.g. http://localhost:5005")
    demo_parser.add_argument("--port", type=int, default=5105,
                             help="port for the bot started by this command")
    report_parser = commands.add_parser(
        "report", help="the reach funnel from the daily totals, small counts hidden")
    report_parser.add_argument("--from", dest="start", type=_day, required=True,
                               help="first day, YYYY-MM-DD")
    report_parser.add_argument("--to", dest="end", type=_day, required=True,
                               help="last day, YYYY-MM-DD (included)")
    report_parser.add_argument("--by", choices=("week", "month"), default="week")
    report_parser.add_argument("--totals", type=Path, default=None,
                               help="the totals file (default: var/totals.sqlite3, or in "
                                    "$WEGWIJZER_VAR_DIR)")
    report_parser.add_argument("--chart", type=Path,
                               help="where to draw the chart, .png or .svg (default: beside "
                                    "the totals)")
    for sub in (ask_parser, run_parser, demo_parser):
        sub.add_argument("--model", type=Path, default=ROOT / "models" / "wegwijzer.tar.gz")
    args = parser.parse_args(argv)
    if args.command == "report" and args.totals is None:
        from bot.totals import default_path

        args.totals = default_path()
    handlers = {"validate": validate, "ask": ask, "run": run, "demo": demo,
                "routing-map": routing_map, "crisis-block": crisis_block_command, "report": report}
    return handlers[args.command](args)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day like 2026-11-30") from None


if __name__ == "__main__":
    sys.exit(main())
