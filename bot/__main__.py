"""Command line: ``python -m bot validate | ask "text" | run | demo [scenario ...] |
routing-map | crisis-block | report``.

Only the arguments are read here. Each command lives with what it works on (bot/authoring,
bot/demo, bot/operations, bot/running) and is imported when it is chosen, so a quick
command does not load Rasa.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from bot.running.serve import DEFAULT_MODEL


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "validate":
        from bot.authoring.validate import validate

        return validate()
    if args.command == "ask":
        from bot.authoring.ask import ask

        return ask(args.text, args.model)
    if args.command == "crisis-block":
        from bot.authoring.crisis_block import write_domain

        return write_domain()
    if args.command == "demo":
        from bot.demo.play import play_scenarios

        return play_scenarios(args.scenario, args.url, args.port, args.model)
    if args.command == "routing-map":
        from bot.demo.routing_map import write_docs

        return write_docs()
    if args.command == "report":
        from bot.operations.report import print_report

        return print_report(args.start, args.end, args.by, args.totals, args.chart)
    if args.command == "run":
        from bot.running.serve import ServerConfig, run

        processes = args.processes or ((os.cpu_count() or 2) if args.scaled else 1)
        return run(ServerConfig(host=args.host, port=args.port, action_port=args.action_port,
                                model=args.model, cors=tuple(args.cors), debug=args.debug,
                                processes=processes, redis_url=args.redis_url or None))
    raise ValueError(f"no such command: {args.command}")  # argparse refuses it before this


def parser() -> argparse.ArgumentParser:
    found = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    commands = found.add_subparsers(dest="command", required=True)
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
        sub.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    return found


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day like 2026-11-30") from None


if __name__ == "__main__":
    sys.exit(main())
