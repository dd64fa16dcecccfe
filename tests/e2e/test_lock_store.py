"""Turn locks in a real Redis: Rasa's RedisLockStore races between processes, ours does not."""

from __future__ import annotations

import asyncio
import subprocess
import uuid

import pytest
import redis
from rasa.core.lock_store import RedisLockStore

from addons.lock_store import PrivateLockStore
from bot.running.scaled import redis_command
from bot.running.serve import free_port
from tests.servers import wait_for


@pytest.fixture(scope="module")
def redis_port():
    port = free_port()
    server = subprocess.Popen(redis_command(port), stdout=subprocess.DEVNULL)
    client = redis.Redis(port=port)

    def answers() -> bool:
        try:
            return bool(client.ping())
        except redis.ConnectionError:
            return False

    wait_for(answers, timeout=20, what="Redis")
    yield port
    server.kill()
    server.wait()


def test_rasas_redis_lock_store_gives_two_processes_the_same_ticket(redis_port):
    """Why we do not use it: issuing a ticket is read-modify-write (RasaHQ/rasa#11256).
    Two processes that read the lock before either saves it both get ticket 0."""
    one, two = (RedisLockStore(port=redis_port, db=0) for _ in range(2))
    conversation = uuid.uuid4().hex
    lock_one, lock_two = one.get_or_create_lock(conversation), two.get_or_create_lock(conversation)
    ticket_one, ticket_two = lock_one.issue_ticket(60), lock_two.issue_ticket(60)
    one.save_lock(lock_one)
    two.save_lock(lock_two)
    assert ticket_one == ticket_two == 0
    assert not one.get_lock(conversation).is_locked(ticket_one)  # both may go now
    assert not two.get_lock(conversation).is_locked(ticket_two)
    assert redis.Redis(port=redis_port).ttl(one.key_prefix + conversation) == -1  # never expires


def test_our_locks_let_one_turn_at_a_time_through_across_processes(redis_port):
    url = f"redis://127.0.0.1:{redis_port}/0"
    conversation = uuid.uuid4().hex
    inside: list[int] = []
    most_inside = 0
    finished = 0

    async def turn(store: PrivateLockStore) -> None:
        nonlocal most_inside, finished
        async with store.lock(conversation):
            inside.append(1)
            most_inside = max(most_inside, len(inside))
            await asyncio.sleep(0.002)
            inside.pop()
        finished += 1

    async def many() -> None:
        stores = [PrivateLockStore(redis_url=url) for _ in range(3)]  # three "processes"
        await asyncio.gather(*(turn(stores[n % 3]) for n in range(30)))

    asyncio.run(many())
    assert finished == 30 and most_inside == 1
    client = redis.Redis(port=redis_port)
    assert all(client.ttl(key) != -1 for key in client.keys("wegwijzer:lock:*"))


def test_a_ticket_left_by_a_dead_process_expires(redis_port):
    url = f"redis://127.0.0.1:{redis_port}/0"
    conversation = uuid.uuid4().hex

    async def dead_then_alive() -> bool:
        dead = PrivateLockStore(redis_url=url)
        await dead.tickets.issue(conversation, lifetime=0.3)  # and never finishes
        async with PrivateLockStore(redis_url=url).lock(conversation, lock_lifetime=5):
            return True

    assert asyncio.run(dead_then_alive())


def test_without_redis_it_is_rasas_in_memory_lock():
    store = PrivateLockStore()
    assert store.tickets is None

    async def held_then_gone() -> tuple[int, int]:
        async with store.lock("x"):
            held = len(store.conversation_locks)
        return held, len(store.conversation_locks)

    assert asyncio.run(held_then_gone()) == (1, 0)
