"""The web pages: the widget on an example site, the widget as a page, the parents' chat
and the trainers' demo, with their script and style files.

Served by the bot's own server (an input channel listed in credentials.yml), so the pages
and the REST channel share one origin: no second server, no CORS for our own pages. Every
response carries a strict Content-Security-Policy; the pages need no inline script or style.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Text

import yaml
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.demo.routing_map import render
from bot.demo.scenarios import check_step, load_scenarios
from bot.directory import Directory, load_directory
from bot.input_guard import MAX_MESSAGE_CHARS
from bot.paths import ROOT
from bot.signposting import load_rules

WEB = ROOT / "web"
MAX_CHECK_BYTES = 64 * 1024  # a reply with its signposts is a few KB
PAGES = {"voorbeeld": "voorbeeld.html", "chat": "chat.html", "ouders": "ouders.html",
         "demo": "demo.html"}
# Shown by the widget when the server cannot be reached: numbers that always help.
FALLBACK_SERVICES = ("113", "112", "kindertelefoon", "helpwanted")
_STATIC = re.compile(r"^[a-z0-9-]+\.(js|css|svg)$")
_TYPES = {"js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8",
          "svg": "image/svg+xml", "html": "text/html; charset=utf-8",
          "json": "application/json; charset=utf-8"}
POLICY = "; ".join([
    "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self'",
    "connect-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
])
HEADERS = {
    "Content-Security-Policy": POLICY,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cache-Control": "no-store",
}
# The widget's files are loaded by other sites too (one script tag).
SHARED = {"Cross-Origin-Resource-Policy": "cross-origin"}


def fallback_services(directory: Directory) -> list[Dict[str, Any]]:
    """What the widget shows when the server is down, from the same service directory."""
    return [{"id": service.id, "name": service.name, "phone": service.phone,
             "url": service.url, "for": {"nl": service.for_whom.nl, "en": service.for_whom.en}}
            for service in (directory[i] for i in FALLBACK_SERVICES)]


# Which of the bot's responses (domain.yml) holds the welcome menu of each audience.
MENU_RESPONSES = {"young": "utter_greet", "parent": "utter_menu_parent"}


def bot_menus() -> dict[str, dict[str, list[list[str]]]]:
    """The welcome menus per audience and language, as domain.yml has them:
    {"young": {"nl": [[title, payload], ...], "en": ...}, "parent": ...}."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    menus: dict[str, dict[str, list[list[str]]]] = {}
    for audience, name in MENU_RESPONSES.items():
        for variation in domain["responses"][name]:
            language = ((variation.get("condition") or [{}])[0]).get("value", "nl")
            menus.setdefault(audience, {})[language] = [
                [b["title"], b["payload"]] for b in variation.get("buttons") or []]
    return menus


def widget_script(directory: Directory) -> str:
    """The widget script with the server's facts filled in at its markers: the fallback
    numbers, the message limit and the widget's style, so none is kept twice and the widget
    is styled even when its bot cannot be reached."""
    source = (WEB / "static" / "wegwijzer.js").read_text(encoding="utf-8")
    values = {"/*FALLBACK_SERVICES*/[]": json.dumps(fallback_services(directory),
                                                    ensure_ascii=False),
              "/*MAX_MESSAGE_CHARS*/1000": str(MAX_MESSAGE_CHARS),
              '/*WIDGET_CSS*/""': json.dumps((WEB / "static" / "wegwijzer.css")
                                             .read_text(encoding="utf-8")),
              "/*MENUS*/null": json.dumps(bot_menus(), ensure_ascii=False)}
    for marker, value in values.items():
        if marker not in source:
            raise RuntimeError(f"{WEB / 'static' / 'wegwijzer.js'}: the marker {marker} is missing")
        source = source.replace(marker, value)
    return source


class WebPages(InputChannel):
    """Serves web/ (see the module docstring). It receives no messages itself."""

    @classmethod
    def name(cls) -> Text:
        return "web"

    def url_prefix(self) -> Text:
        return "/"  # joined with Rasa's "/webhooks/" this puts the pages at the site root

    def __init__(self) -> None:
        directory = load_directory()
        table = load_rules(directory)
        self.script = widget_script(directory)
        loaded = load_scenarios(directory, table)
        self.scenarios = [s.as_json() for s in loaded]
        self.steps = {s.id: s.steps for s in loaded}
        self.routing_map = render(table, directory)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        pages = Blueprint("wegwijzer_web", __name__)

        @pages.route("/<page:str>", methods=["GET"])
        async def page(_: Request, page: str) -> HTTPResponse:
            if page not in PAGES:
                return _not_found()
            return _file(WEB / "pages" / PAGES[page], "html")

        @pages.route("/static/<name:str>", methods=["GET"])
        async def static(_: Request, name: str) -> HTTPResponse:
            match = _STATIC.match(name)
            if not match or not (WEB / "static" / name).is_file():
                return _not_found()
            if name == "wegwijzer.js":
                return _text(self.script, "js", SHARED)
            return _file(WEB / "static" / name, match[1], SHARED)

        @pages.route("/demo/scenarios.json", methods=["GET"])
        async def scenarios(_: Request) -> HTTPResponse:
            return _text(json.dumps({"scenarios": self.scenarios}, ensure_ascii=False), "json")

        @pages.route("/demo/check", methods=["POST"])
        async def check(request: Request) -> HTTPResponse:
            """Does this reply do what the scenario step expects? (The demo shows it.) The
            same check as the scenario tests; the reply holds only the bot's words."""
            try:
                step, reply = _scenario_step(request.body, self.steps)
            except ValueError as error:
                return response.json({"error": "bad_request", "message": str(error)},
                                     status=400, headers=HEADERS)
            result = check_step(step, reply)
            return response.json({"ok": result.ok, "problems": result.problems}, headers=HEADERS)

        @pages.route("/demo/routing-map.svg", methods=["GET"])
        async def routing_map(_: Request) -> HTTPResponse:
            return _text(self.routing_map, "svg")

        return pages


def _scenario_step(body: bytes, steps: Dict[str, Any]) -> tuple[Any, list]:
    """The scenario step and the reply named in a /demo/check request; ValueError if bad."""
    if len(body) > MAX_CHECK_BYTES:
        raise ValueError(f"The request is over {MAX_CHECK_BYTES} bytes.")
    try:
        data = json.loads(body)
    except ValueError:
        raise ValueError("Send JSON: {\"scenario\": id, \"step\": n, \"reply\": [...]}.") from None
    if not isinstance(data, dict) or data.get("scenario") not in steps:
        raise ValueError("Name a known scenario.")
    index, reply = data.get("step"), data.get("reply")
    scenario_steps = steps[data["scenario"]]
    if not isinstance(index, int) or not 0 <= index < len(scenario_steps):
        raise ValueError("Name a step of that scenario.")
    if not isinstance(reply, list) or not all(isinstance(m, dict) for m in reply):
        raise ValueError("The reply must be the list of the bot's messages.")
    return scenario_steps[index], reply


def _file(path: Path, kind: str, extra: Dict[str, str] | None = None) -> HTTPResponse:
    return _text(path.read_text(encoding="utf-8"), kind, extra)


def _text(body: str, kind: str, extra: Dict[str, str] | None = None) -> HTTPResponse:
    return response.text(body, content_type=_TYPES[kind], headers={**HEADERS, **(extra or {})})


def _not_found() -> HTTPResponse:
    return response.json({"error": "not_found", "message": "There is no page here."},
                         status=404, headers=HEADERS)
