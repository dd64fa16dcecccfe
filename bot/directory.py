"""The service directory: the Dutch support services Wegwijzer can point people to.

Loaded from ``data/services.yml`` into frozen dataclasses and validated on load, so a typo
in the file stops the bot at start-up with the file, line and field, instead of sending a
person a wrong phone number later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.datafile import DataError, Node
from bot.hours import Hours, parse_week
from bot.paths import DATA
from bot.text import LANGUAGES, Text
from bot.vocabulary import SERVICE_AUDIENCES

# The stable ids of ../shared/SERVICES.md; outside tools depend on them.
STABLE_IDS = (
    "kindertelefoon", "alles_oke", "helpwanted", "stop_it_now", "meldpunt_kinderporno",
    "veilig_thuis", "centrum_seksueel_geweld", "slachtofferhulp", "fier", "comensha",
    "113", "112", "politie", "meld_misdaad_anoniem", "vertrouwensinspecteur",
    "take_it_down", "stopncii",
)
DEFAULT_PATH = DATA / "services.yml"
_PHONE = re.compile(r"^[0-9][0-9 -]{1,15}[0-9]$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATED = re.compile(r"\d{4}-\d{2}(-\d{2})?")
_FIELDS = {"id", "name", "audience", "ages", "phone", "chat_url", "chat_source", "url", "hours",
           "for", "why", "who_answers", "anonymous", "free", "source", "verified_on"}


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    audience: tuple[str, ...]
    min_age: int | None
    max_age: int | None
    phone: str | None
    chat_url: str | None
    url: str
    hours: Hours
    for_whom: Text
    why: Text
    who_answers: Text
    anonymous: bool | None
    free: bool | None
    source: str
    verified_on: str

    def fits_age(self, age: int | None) -> bool:
        if age is None:
            return True
        low = self.min_age if self.min_age is not None else 0
        high = self.max_age if self.max_age is not None else 200
        return low <= age <= high

    def age_range(self) -> str:
        return f"{self.min_age}-{self.max_age}"


@dataclass(frozen=True)
class Directory:
    services: dict[str, Service]
    path: str

    def __getitem__(self, service_id: str) -> Service:
        return self.services[service_id]

    def __contains__(self, service_id: object) -> bool:
        return service_id in self.services


def load_directory(path: str | Path = DEFAULT_PATH) -> Directory:
    """Load and validate the directory; raises DataError naming file, line and field."""
    root = Node.root(path)
    root.check_keys({"services"})
    services: dict[str, Service] = {}
    for node in root.children("services"):
        service = _read_service(node)
        if service.id in services:
            raise node.error("id", f"{service.id!r} is used twice")
        services[service.id] = service
    missing = [sid for sid in STABLE_IDS if sid not in services]
    if missing:
        raise DataError(path, None, "services", f"missing stable ids: {', '.join(missing)}")
    return Directory(services, str(path))


def _read_service(node: Node) -> Service:
    node.check_keys(_FIELDS)
    service_id = node.text("id")
    if service_id not in STABLE_IDS:
        raise node.error("id", f"{service_id!r} is not a stable id of SERVICES.md")
    audience = tuple(node.str_list("audience"))
    for value in audience:
        if value not in SERVICE_AUDIENCES:
            raise node.error("audience", f"{value!r} is not one of {', '.join(SERVICE_AUDIENCES)}")
    min_age, max_age = _read_ages(node)
    phone = node.text("phone", None)
    if phone is not None and not _PHONE.match(phone):
        raise node.error("phone", f"{phone!r} is not a phone number like 0800-0432")
    verified_on = node.text("verified_on")
    if not _DATE.match(verified_on):
        raise node.error("verified_on", "must be a date like 2026-11-23")
    chat_url, url = _read_url(node, "chat_url", required=False), _read_url(node, "url", required=True)
    assert url is not None  # required=True raises when it is missing
    if chat_url and chat_url != url and not _DATED.search(node.text("chat_source", "")):
        raise node.error("chat_url", "differs from url, so the widget shows a separate Chat "
                         "button: add chat_source with where you found it and the date "
                         "(2026-11-23), or set chat_url to the url when the chat is on the website")
    return Service(
        id=service_id,
        name=node.text("name"),
        audience=audience,
        min_age=min_age,
        max_age=max_age,
        phone=phone,
        chat_url=chat_url,
        url=url,
        hours=_read_hours(node.child("hours")),
        for_whom=Text.read(node, "for"),
        why=Text.read(node, "why"),
        who_answers=Text.read(node, "who_answers"),
        anonymous=node.get("anonymous", bool, None),
        free=node.get("free", bool, None),
        source=node.text("source"),
        verified_on=verified_on,
    )


def _read_ages(node: Node) -> tuple[int | None, int | None]:
    ages = node.child("ages", None)
    if ages is None:
        return None, None
    ages.check_keys({"min", "max"})
    low, high = ages.get("min", int, None), ages.get("max", int, None)
    if low is not None and high is not None and low > high:
        raise ages.error("min", "must not be above max")
    return low, high


def _read_url(node: Node, key: str, required: bool) -> str | None:
    url = node.text(key) if required else node.text(key, None)
    if url is not None and not url.startswith("https://"):
        raise node.error(key, f"{url!r} must start with https://")
    return url


def _read_hours(node: Node) -> Hours:
    node.check_keys({"always", "verified", "weekly", "note"})
    always = node.get("always", bool, False)
    weekly = node.child("weekly", None)
    if always and weekly is not None:
        raise node.error("weekly", "give either always: true or weekly hours, not both")
    week = node.convert("weekly", parse_week) if weekly is not None else {}
    verified = node.get("verified", bool, True)
    if verified and not always and not week:
        raise node.error("verified", "hours without a schedule must say verified: false")
    note = Text.read(node, "note") if node.has("note") else None
    return Hours(always=always, verified=verified, week=week,
                 note={lang: note.get(lang) for lang in LANGUAGES} if note else {})
