"""Waiting for something observable, with a deadline and a measured time."""
import time

from nva_fabric.scenarios.registry import CheckFailed


def wait_until(what, probe, done=bool, timeout=5.0, interval=0.05):
    """Calls probe() until done(value) holds; returns (value, seconds waited). On timeout raises
    CheckFailed naming `what` and the last value seen."""
    start = time.monotonic()
    while True:
        value = probe()
        elapsed = time.monotonic() - start
        if done(value):
            return value, elapsed
        if elapsed > timeout:
            raise CheckFailed(f"{what}: not within {timeout:g} s; last seen: {value!r}")
        time.sleep(interval)
