import time
from tests.handlers import test_every_listener_refuses_crafted_payloads as T
from tests.cast import PAIRS_CSV
from tests.world import uk

def now():
    return time.clock_gettime(time.CLOCK_MONOTONIC)

def test_walk(world):
    t = now(); n = 0
    until = uk("2025-11-14 10:00")
    while (w := world.bot.scheduler.next_wakeup()) is not None and w <= until:
        world.clock.move_to(w); world.bot.scheduler.run_jobs_due(w); n += 1
    world.clock.move_to(until); world.bot.scheduler.run_jobs_due(until)
    print("walk", now() - t, "moments", n)
    print("messages", sum(len(v) for v in world.slack.workspace.__dict__.get("messages", {}).values()) if isinstance(world.slack.workspace.__dict__.get("messages"), dict) else "?")
    print({k: len(v) for k, v in T.stored(world).items() if v})

def test_jump(world):
    t = now()
    until = uk("2025-11-14 10:00")
    world.clock.move_to(until); world.bot.scheduler.run_jobs_due(until)
    print("jump", now() - t)
    print({k: len(v) for k, v in T.stored(world).items() if v})
