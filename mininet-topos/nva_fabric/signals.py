"""Signals during teardowns: SIGTERM unwinds like Ctrl-C, and a teardown is not cut short by either."""
import contextlib
import signal


class Stop(BaseException):
    """SIGTERM: unwinds like Ctrl-C so every teardown runs."""


def stop(*_):
    raise Stop()


@contextlib.contextmanager
def shielded(reraise=True):
    """Defers Ctrl-C and SIGTERM until the block (a teardown) is done, then raises them (or drops them
    when reraise is False: the final teardown, after which the run ends anyway)."""
    received = []
    previous = {sig: signal.signal(sig, lambda s, _: received.append(s)) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if received and reraise:
            raise KeyboardInterrupt if received[0] == signal.SIGINT else Stop()
