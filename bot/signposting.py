"""The signposting rules: which services fit a situation, decided by an ordered rule table.

The table (``data/signposting.yml``) is read top to bottom and the first rule whose
conditions all hold wins. The engine is plain Python so every decision can be explained:
it returns the rule it used and every service it left out, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from string import Formatter

from bot.datafile import DataError, Node
from bot.directory import Directory, Service
from bot.paths import DATA
from bot.text import Text
from bot.vocabulary import CRISIS_SITUATIONS, DEFAULT_LANGUAGE, LANGUAGES, ROLES, SITUATIONS, TIMES, TOPICS  # noqa: F401

ADULT_AGE = 18
# Roles that must only be sent to services that name them in their audience.
_ROLE_AUDIENCE = {"parent": "parents", "professional": "professionals"}
DEFAULT_PATH = DATA / "signposting.yml"
MESSAGES_PATH = DATA / "messages.yml"


@dataclass(frozen=True)
class Circumstances:
    """What is known about the person, for the rules: gathered over the whole conversation
    (``bot.facets.Facets`` is what one message mentions). Labels only; nothing else is kept."""

    situation: str
    language: str = DEFAULT_LANGUAGE
    age: int | None = None
    topics: frozenset[str] = frozenset()
    role: str | None = None
    child_age: int | None = None
    recent: bool = False


def settle(circumstances: Circumstances) -> Circumstances:
    """Make the situation fit what else is known about the person.

    - Someone under 18 is a young person, never an adult survivor of childhood abuse.
    - Sexual abuse in the last few days (said in this turn or an earlier one) is a recent
      assault, where quick medical and forensic help matters.
    """
    known = circumstances
    if known.situation == "adult_survivor" and known.age is not None and known.age < ADULT_AGE:
        known = replace(known, situation="young_person", topics=known.topics | {"offline_abuse"})
    if (known.recent and known.situation in ("young_person", "adult_survivor")
            and "offline_abuse" in known.topics and known.role not in ("parent", "professional")):
        known = replace(known, situation="acute_assault")
    return known


@dataclass(frozen=True)
class Condition:
    """When a rule applies. An empty set (or no age bound) means: any value."""

    situations: frozenset[str]
    topics: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    min_age: int | None = None
    max_age: int | None = None
    min_child_age: int | None = None
    max_child_age: int | None = None

    def matches(self, circumstances: Circumstances) -> bool:
        return (
            circumstances.situation in self.situations
            and (not self.topics or bool(self.topics & circumstances.topics))
            and (not self.roles or circumstances.role in self.roles)
            and _in_range(circumstances.age, self.min_age, self.max_age)
            and _in_range(circumstances.child_age, self.min_child_age, self.max_child_age)
        )

    def covers(self, other: "Condition") -> bool:
        """True when every person this other condition matches is matched here too."""
        return (
            other.situations <= self.situations
            and _set_covers(self.topics, other.topics)
            and _set_covers(self.roles, other.roles)
            and _bound_covers(self.min_age, other.min_age, lower=True)
            and _bound_covers(self.max_age, other.max_age, lower=False)
            and _bound_covers(self.min_child_age, other.min_child_age, lower=True)
            and _bound_covers(self.max_child_age, other.max_child_age, lower=False)
        )

    def is_default(self) -> bool:
        return not (self.topics or self.roles) and all(
            bound is None for bound in (self.min_age, self.max_age, self.min_child_age,
                                        self.max_child_age))

    def describe(self) -> str:
        parts = [f"situation is {' or '.join(sorted(self.situations))}"]
        if self.topics:
            parts.append(f"topic includes {' or '.join(sorted(self.topics))}")
        if self.roles:
            parts.append(f"role is {' or '.join(sorted(self.roles))}")
        if self.min_age is not None:
            parts.append(f"age at least {self.min_age}")
        if self.max_age is not None:
            parts.append(f"age at most {self.max_age}")
        if self.min_child_age is not None:
            parts.append(f"child's age at least {self.min_child_age}")
        if self.max_child_age is not None:
            parts.append(f"child's age at most {self.max_child_age}")
        return ", ".join(parts)


def _in_range(age: int | None, low: int | None, high: int | None) -> bool:
    if low is None and high is None:
        return True
    if age is None:
        return False
    return (low is None or age >= low) and (high is None or age <= high)


def _set_covers(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    return not mine or (bool(theirs) and theirs <= mine)


def _bound_covers(mine: int | None, theirs: int | None, lower: bool) -> bool:
    if mine is None:
        return True
    if theirs is None:
        return False
    return theirs >= mine if lower else theirs <= mine


@dataclass(frozen=True)
class Rule:
    id: str
    when: Condition
    services: tuple[str, ...]
    if_closed: tuple[str, ...]
    message: str
    why: dict[str, Text]
    line: int | None


@dataclass(frozen=True)
class RuleTable:
    rules: tuple[Rule, ...]
    intros: dict[str, Text]
    phrases: dict[str, Text]
    path: str

    def first_match(self, circumstances: Circumstances) -> Rule:
        for rule in self.rules:
            if rule.when.matches(circumstances):
                return rule
        raise LookupError(f"no rule for situation {circumstances.situation!r}")

    def get(self, rule_id: str) -> Rule:
        return next(rule for rule in self.rules if rule.id == rule_id)


@dataclass(frozen=True)
class Choice:
    """A service the bot points to, and why."""

    service: Service
    open_now: bool | None
    why: Text
    alternative: bool = False


@dataclass(frozen=True)
class Skip:
    """A service the rule named but the bot left out, with the reason (for explanations)."""

    service_id: str
    reason: str


@dataclass(frozen=True)
class Decision:
    rule: Rule
    circumstances: Circumstances
    choices: tuple[Choice, ...]
    skipped: tuple[Skip, ...] = ()
    closed_best: Service | None = None
    open_alternative: Service | None = None
    moment: datetime | None = field(default=None, compare=False)


def decide(circumstances: Circumstances, table: RuleTable, directory: Directory,
           moment: datetime) -> Decision:
    """Pick the services for these circumstances at this moment (first matching rule wins)."""
    rule = table.first_match(circumstances)
    choices, skipped = [], []
    for service_id in rule.services:
        service = directory[service_id]
        reason = unsuitable(service, circumstances)
        if reason:
            skipped.append(Skip(service_id, reason))
            continue
        why = rule.why.get(service_id, service.why)
        choices.append(Choice(service, service.hours.open_at(moment), why))
    closed_best = choices[0].service if choices and choices[0].open_now is False else None
    alternative = None
    if closed_best:
        alternative = _open_alternative(rule, circumstances, directory, moment)
        chosen = {choice.service.id for choice in choices}
        if alternative and alternative.id not in chosen:
            why = rule.why.get(alternative.id, alternative.why)
            choices.insert(1, Choice(alternative, True, why, alternative=True))
    return Decision(rule, circumstances, tuple(choices), tuple(skipped), closed_best, alternative,
                    moment)


def unsuitable(service: Service, circumstances: Circumstances) -> str | None:
    """Why a service does not fit this person, or None when it does."""
    if not service.fits_age(circumstances.age):
        return f"age {circumstances.age} is outside {service.name}'s range {service.age_range()}"
    audience = _ROLE_AUDIENCE.get(circumstances.role or "")
    if audience and audience not in service.audience:
        return f"{service.name} is not for {audience}"
    return None


def _open_alternative(rule: Rule, circumstances: Circumstances, directory: Directory,
                      moment: datetime) -> Service | None:
    for service_id in rule.if_closed:
        service = directory[service_id]
        if not unsuitable(service, circumstances) and service.hours.open_at(moment) is True:
            return service
    return None


# Loading and validation


def load_rules(directory: Directory, path: str | Path = DEFAULT_PATH,
               messages_path: str | Path = MESSAGES_PATH) -> RuleTable:
    """Load the rule table and its messages, and validate them against the directory.

    Rejected: unknown services, situations, topics, roles or message keys; a situation
    without a default rule; a rule that can never fire because an earlier rule matches
    everything it matches; a rule whose every service could be filtered out by age or role.
    """
    intros, phrases = _load_messages(messages_path)
    root = Node.root(path)
    root.check_keys({"rules"})
    rules: list[Rule] = []
    for node in root.children("rules"):
        rule = _read_rule(node, directory, intros)
        for earlier in rules:
            if earlier.id == rule.id:
                raise node.error("id", f"{rule.id!r} is used twice")
            if earlier.when.covers(rule.when):
                raise node.error("when", f"rule {rule.id!r} can never fire: the earlier rule "
                                 f"{earlier.id!r} (line {earlier.line}) matches all it matches")
        rules.append(rule)
    for situation in SITUATIONS:
        if not any(r.when.is_default() and situation in r.when.situations for r in rules):
            raise DataError(path, None, "rules",
                            f"situation {situation!r} has no default rule (one with no "
                            "topic, role or age condition)")
    return RuleTable(tuple(rules), intros, phrases, str(path))


def _read_rule(node: Node, directory: Directory, intros: dict[str, Text]) -> Rule:
    node.check_keys({"id", "when", "services", "if_closed", "message", "why"})
    when = read_condition(node.child("when"))
    services = tuple(node.str_list("services"))
    if_closed = tuple(node.str_list("if_closed", []))
    for key, ids in (("services", services), ("if_closed", if_closed)):
        for service_id in ids:
            if service_id not in directory:
                known = ", ".join(sorted(directory.services))
                raise node.error(key, f"unknown service id {service_id!r}; the ids in "
                                 f"services.yml are: {known}")
    if not services:
        raise node.error("services", "must name at least one service")
    if not any(_open_to_everyone(directory[sid]) for sid in services):
        raise node.error("services", "needs at least one service without an age limit that is "
                         "open to parents and professionals, so nobody is left with nothing")
    message = node.text("message")
    if message not in intros:
        raise node.error("message", f"{message!r} is not a key in {MESSAGES_PATH.name}")
    why: dict[str, Text] = {}
    if node.has("why"):
        why_node = node.child("why")
        for service_id in why_node.data:
            if service_id not in services and service_id not in if_closed:
                raise why_node.error(str(service_id), "is not one of this rule's services")
            why[str(service_id)] = Text.read(why_node, service_id)
    return Rule(node.text("id"), when, services, if_closed, message, why, node.line)


def _open_to_everyone(service: Service) -> bool:
    return (service.min_age is None and service.max_age is None
            and all(a in service.audience for a in _ROLE_AUDIENCE.values()))


def read_condition(node: Node) -> Condition:
    """A ``when:`` mapping (also used by data/say.yml), checked against the known labels."""
    node.check_keys({"situation", "topic", "role", "age", "child_age"})
    checks = (("situation", SITUATIONS), ("topic", TOPICS), ("role", ROLES))
    values = {}
    for key, allowed in checks:
        values[key] = frozenset(node.str_list(key, []))
        for value in values[key]:
            if value not in allowed:
                raise node.error(key, f"{value!r} is not one of {', '.join(allowed)}")
    if not values["situation"]:
        raise node.error("situation", "is required")
    min_age, max_age = _read_bounds(node, "age")
    min_child_age, max_child_age = _read_bounds(node, "child_age")
    return Condition(values["situation"], values["topic"], values["role"], min_age, max_age,
                     min_child_age, max_child_age)


def _read_bounds(node: Node, key: str) -> tuple[int | None, int | None]:
    if not node.has(key):
        return None, None
    bounds = node.child(key)
    bounds.check_keys({"min", "max"})
    low, high = bounds.get("min", int, None), bounds.get("max", int, None)
    if low is None and high is None:
        raise node.error(key, "needs min, max or both")
    return low, high


def _load_messages(path: str | Path) -> tuple[dict[str, Text], dict[str, Text]]:
    root = Node.root(path)
    root.check_keys({"intros", "phrases"})
    found = []
    for section in ("intros", "phrases"):
        node = root.child(section)
        found.append({str(key): Text.read(node, key) for key in node.data})
    intros, phrases = found
    for key in ("closed", "open_alternative", "open_now", "closed_now", "call", "chat",
                "website", "fallback"):
        if key not in phrases:
            raise root.child("phrases").error(key, "is required")
    for section, texts in (("intros", intros), ("phrases", phrases)):
        for key, text in texts.items():
            for language in LANGUAGES:
                wrong = _placeholders(text.get(language)) - _PLACEHOLDERS
                if wrong:
                    raise root.child(section).error(
                        key, f"{language}: unknown placeholder {{{sorted(wrong)[0]}}}; use only "
                        + ", ".join(f"{{{name}}}" for name in sorted(_PLACEHOLDERS)))
    return intros, phrases


# The blanks the bot fills in a phrase (see bot/reply.py).
_PLACEHOLDERS = frozenset({"name", "phone", "url"})


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in Formatter().parse(text) if field is not None}

