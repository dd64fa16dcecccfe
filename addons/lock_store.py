"""One turn at a time per conversation, also when several Rasa processes share Redis.

Rasa takes a ticket lock around every turn. Its RedisLockStore keeps the whole lock as one
JSON value and changes it by read-modify-write (``get``, add a ticket, ``set``), so two
processes that issue a ticket at the same moment can both get the same number and run one
conversation's turns side by side; its keys never expire either (RasaHQ/rasa#11256; the fix
was reverted in #11428). tests/unit/test_lock_store.py shows the race.

Here a ticket is issued by one Lua script, which Redis runs atomically: the counter, the
queue (a sorted set) and the ticket's own key (which expires with the lock's lifetime, so
a process that died holding a ticket cannot block the conversation) change together. A turn
goes when its ticket is the lowest one still alive. Every key expires.

Without ``redis_url`` (``make run``, one process) this is Rasa's in-memory lock store.
Both poll every few milliseconds instead of Rasa's default second.
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from typing import Any, AsyncGenerator, Optional, Text

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, InMemoryLockStore, LockError
from rasa.utils.endpoints import EndpointConfig

POLL_SECONDS = 0.01

# KEYS: counter, queue, ticket key prefix; ARGV: lifetime in ms. Returns the new ticket.
_ISSUE = """
local number = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], number, number)
redis.call('PEXPIRE', KEYS[2], ARGV[1])
redis.call('SET', KEYS[3] .. number, 1, 'PX', ARGV[1])
return number
"""

# KEYS: queue, ticket key prefix. Drops expired tickets at the head; returns the lowest live
# ticket, or -1 when there is none.
_NOW_SERVING = """
while true do
  local head = redis.call('ZRANGE', KEYS[1], 0, 0)
  if #head == 0 then return -1 end
  if redis.call('EXISTS', KEYS[2] .. head[1]) == 1 then return tonumber(head[1]) end
  redis.call('ZREM', KEYS[1], head[1])
end
"""


class RedisTickets:
    """Ticket locks in Redis, changed only by atomic scripts (see the module docstring)."""

    PREFIX = "wegwijzer:lock:"

    def __init__(self, url: Text) -> None:
        import redis.asyncio

        self.redis = redis.asyncio.Redis.from_url(url, socket_timeout=1,
                                                  socket_connect_timeout=1)
        self._issue = self.redis.register_script(_ISSUE)
        self._now_serving = self.redis.register_script(_NOW_SERVING)

    def _keys(self, conversation_id: Text) -> tuple[str, str, str]:
        base = self.PREFIX + conversation_id
        return base + ":next", base + ":queue", base + ":ticket:"

    async def issue(self, conversation_id: Text, lifetime: float) -> int:
        counter, queue, ticket = self._keys(conversation_id)
        return int(await self._issue(keys=[counter, queue, ticket],
                                     args=[max(1, int(lifetime * 1000))]))

    async def wait_for_turn(self, conversation_id: Text, number: int,
                            poll_seconds: float = POLL_SECONDS) -> None:
        """Return when ``number`` is served; LockError when it expired while waiting."""
        _, queue, ticket = self._keys(conversation_id)
        while True:
            serving = int(await self._now_serving(keys=[queue, ticket]))
            if serving == number:
                return
            if serving == -1 or serving > number:
                raise LockError("The ticket for a conversation expired while it waited.")
            await asyncio.sleep(poll_seconds)

    async def finish(self, conversation_id: Text, number: int) -> None:
        _, queue, ticket = self._keys(conversation_id)
        async with self.redis.pipeline(transaction=True) as pipe:
            await pipe.zrem(queue, number).delete(ticket + str(number)).execute()


class PrivateLockStore(InMemoryLockStore):
    """Rasa's in-memory lock store, or ticket locks in Redis when ``redis_url`` is set."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None,
                 redis_url: Optional[Text] = None) -> None:
        super().__init__()
        kwargs: dict[str, Any] = endpoint_config.kwargs if endpoint_config else {}
        url = redis_url or kwargs.get("redis_url")
        self.tickets = RedisTickets(url) if url else None

    @asynccontextmanager
    async def lock(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME,
                   wait_time_in_seconds: float = POLL_SECONDS
                   ) -> AsyncGenerator[TicketLock, None]:
        if self.tickets is None:
            async with super().lock(conversation_id, lock_lifetime,
                                    min(wait_time_in_seconds, POLL_SECONDS)) as lock:
                yield lock
            return
        number = await self.tickets.issue(conversation_id, lock_lifetime)
        try:
            await self.tickets.wait_for_turn(conversation_id, number)
            yield TicketLock(conversation_id)
        finally:
            await self.tickets.finish(conversation_id, number)
