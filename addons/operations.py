"""The operators' routes on the bot's own server: health, readiness, metrics and taps.

- ``GET /health``: the process is alive (it answers).
- ``GET /ready``: the model is loaded, the action server answers and, in Redis mode, Redis
  does; 200 when all hold, 503 otherwise, with each check in the JSON.
- ``GET /metrics``: the counters of ``bot/operations/metrics.py`` in Prometheus's text format.
- ``POST /taps``: the widget says a service's call, chat or website button was tapped:
  ``{"service": id, "kind": "call" | "chat" | "website"}`` and nothing else. No cookie,
  referrer or address is read; a bad tap gets a 4xx and is not counted.

An input channel (listed in credentials.yml) like the web pages: it receives no messages.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import settings
from bot.directory import load_directory
from bot.input_guard import InputError, check_tap_request
from bot.operations import metrics
from bot.operations.metrics import Event
from bot.running import readiness

NO_STORE = {"Cache-Control": "no-store"}


class Operations(InputChannel):
    """Serves the routes of the module docstring."""

    @classmethod
    def name(cls) -> Text:
        return "operations"

    def url_prefix(self) -> Text:
        return "/"  # with Rasa's "/webhooks/" prefix: /health, /ready, /metrics, /taps

    def __init__(self) -> None:
        self.directory = load_directory()
        self.metrics = metrics.for_this_process()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        routes = Blueprint("wegwijzer_operations", __name__)

        @routes.route("/health", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "alive"}, headers=NO_STORE)

        @routes.route("/ready", methods=["GET"])
        async def ready(request: Request) -> HTTPResponse:
            agent = getattr(request.app.ctx, "agent", None)
            running = settings.from_environment()
            found = await readiness.check(bool(agent and agent.is_ready()), running.action_url,
                                          running.redis_url)
            return response.json(found.as_json(), status=200 if found.ready else 503,
                                 headers=NO_STORE)

        @routes.route("/metrics", methods=["GET"])
        async def exposition(request: Request) -> HTTPResponse:
            body, content_type = self.metrics.exposition(request.headers.get("accept", ""))
            return response.raw(body, content_type=content_type, headers=NO_STORE)

        @routes.route("/taps", methods=["POST"])
        async def tap(request: Request) -> HTTPResponse:
            try:
                found = check_tap_request(request.body, self.directory)
            except InputError as error:
                self.metrics.record([Event.of("wegwijzer_errors", reason="bad_request")])
                return response.json(error.as_json(), status=error.status, headers=NO_STORE)
            self.metrics.record([Event.of("wegwijzer_taps", service=found.service,
                                          kind=found.kind)])
            return response.json({"counted": True}, headers=NO_STORE)

        @routes.route("/health", methods=["POST", "PUT", "PATCH", "DELETE"])
        @routes.route("/ready", methods=["POST", "PUT", "PATCH", "DELETE"])
        @routes.route("/metrics", methods=["POST", "PUT", "PATCH", "DELETE"])
        async def read_only(_: Request) -> HTTPResponse:
            return response.json({"error": "method_not_allowed", "message": "Use GET."},
                                 status=405, headers={"Allow": "GET"})

        @routes.route("/taps", methods=["GET", "PUT", "PATCH", "DELETE"])
        async def taps_by_post(_: Request) -> HTTPResponse:
            return response.json({"error": "method_not_allowed",
                                  "message": "Send a tap with POST and a JSON body."},
                                 status=405, headers={"Allow": "POST"})

        return routes
