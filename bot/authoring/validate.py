"""``python -m bot validate``: load and check every data file, and report every problem.

Each loader runs on its own, so one broken file does not hide the problems of the next:
every problem is printed with its file and line, in one run.
"""

from __future__ import annotations

import sys
from typing import Any, Callable

import yaml

from bot.authoring import crisis_block, training_data
from bot.datafile import DataError
from bot.demo.scenarios import load_scenarios
from bot.facets import facet_matcher
from bot.hours import now
from bot.language import load_hints
from bot.operations.metrics import CLARIFYING_RESPONSES, OUT_OF_SCOPE_RESPONSE
from bot.safety import safety_matcher
from bot.signpost import Signposter
from bot.understanding import load_settings


def validate() -> int:
    """Print every problem (and a summary); 1 when there is any."""
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
    domain = yaml.safe_load(crisis_block.DOMAIN.read_text(encoding="utf-8"))
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


def counted_response_problems(domain: dict) -> list[str]:
    """The responses the metrics count by name (bot/operations/metrics.py) must exist in
    domain.yml."""
    return [f"domain.yml: {name} is counted by bot/operations/metrics.py but is not a response"
            for name in (*CLARIFYING_RESPONSES, OUT_OF_SCOPE_RESPONSE)
            if name not in domain["responses"]]
