"""Is this server ready to answer? The model, the action server and, in Redis mode, Redis.

``GET /ready`` answers with these checks. The action server is asked for its ``/health``;
Redis is checked only when ``WEGWIJZER_REDIS_URL`` is set (the scaled mode), with the
``redis`` package (a dependency of Rasa). Every check gives up after ``TIMEOUT`` seconds,
so a hanging part makes /ready say no, not hang.
"""

from __future__ import annotations

import asyncio
import urllib.request
from dataclasses import dataclass
from typing import Any, Mapping

TIMEOUT = 1.0


@dataclass(frozen=True)
class Readiness:
    checks: Mapping[str, bool]

    @property
    def ready(self) -> bool:
        return all(self.checks.values())

    def as_json(self) -> dict[str, Any]:
        return {"status": "ready" if self.ready else "not_ready", "checks": dict(self.checks)}


async def check(model_loaded: bool, action_url: str, redis_url: str = "") -> Readiness:
    """Every check that applies to this server, run side by side (Redis only when the
    server shares it: ``redis_url`` set)."""
    names, waiting = ["action_server"], [action_server_up(action_url)]
    if redis_url:
        names.append("redis")
        waiting.append(redis_up(redis_url))
    results = await asyncio.gather(*waiting)
    return Readiness({"model": model_loaded, **dict(zip(names, results, strict=True))})


def action_health_url(action_url: str) -> str:
    """The action server's health address, from its webhook address."""
    base = action_url.rstrip("/")
    base = base.removesuffix("/webhook")
    return f"{base}/health"


async def action_server_up(action_url: str, timeout: float = TIMEOUT) -> bool:
    if not action_url:
        return False

    def ask() -> bool:
        try:
            with urllib.request.urlopen(action_health_url(action_url), timeout=timeout) as reply:
                return reply.status == 200
        except (OSError, ValueError):
            return False

    return await asyncio.to_thread(ask)


async def redis_up(url: str, timeout: float = TIMEOUT) -> bool:
    """Does Redis answer PING within ``timeout``? (The ``redis`` package comes with Rasa.)"""
    import redis.asyncio as redis

    client = redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
    try:
        return bool(await asyncio.wait_for(client.ping(), timeout))
    except (OSError, asyncio.TimeoutError, redis.RedisError):
        return False
    finally:
        await client.close()
