"""SIGTERM and SIGINT during a run: abandon the crawl cleanly, but let the short final steps finish.

Inside `signals_handled()` (entered by `execute_run`, main thread only) a
SIGTERM or SIGINT raises `Stop`, a KeyboardInterrupt: the crawl subprocess is
stopped and the run is marked `interrupted`. Inside `finishing()` (settling,
alerts, report, table: seconds, each jurisdiction in its own transaction)
the first signal is only noted and the run completes; a second one stops it
at once (the jurisdiction being settled is rolled back, nothing is half-written).

`stop_requested()` tells a caller that runs several jobs in a row
(`run --due`) not to start the next one.

A run in another thread (the scheduler daemon runs its jobs in threads) gets no
signal: `request_stop()` asks it to stop instead. Its crawl, registered with
`on_stop()`, is ended, and the crawl raises `Stop`; a run past its crawl finishes.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)

SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Stop(KeyboardInterrupt):
    """A run was asked to stop by a signal."""

    def __init__(self, signame: str) -> None:
        super().__init__(signame)
        self.signame = signame


_defer_depth = 0
_pending: str | None = None
_installed = 0
_stoppers: list[Callable[[], object]] = []
_stoppers_lock = threading.Lock()


def _handler(signum: int, frame: object) -> None:
    global _pending
    name = signal.Signals(signum).name
    if _defer_depth and _pending is None:
        _pending = name
        log.warning("%s received: finishing the run's last steps first (send it again to abandon them)", name)
        return
    _pending = _pending or name
    raise Stop(name)


@contextmanager
def signals_handled() -> Iterator[None]:
    """SIGTERM/SIGINT raise `Stop` (or wait for the end of `finishing()`); previous handlers come back after."""
    global _installed, _pending
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    if _installed:
        yield
        return
    previous = {sig: signal.getsignal(sig) for sig in SIGNALS}
    _pending = None
    for sig in SIGNALS:
        signal.signal(sig, _handler)
    _installed += 1
    try:
        yield
    finally:
        _installed -= 1
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextmanager
def finishing() -> Iterator[None]:
    """Steps that should complete once started: the first signal waits for the end of this block."""
    global _defer_depth
    _defer_depth += 1
    try:
        yield
    finally:
        _defer_depth -= 1


def stop_requested() -> str | None:
    """The signal that asked the last run to stop (it may have finished anyway), or None."""
    return _pending


def request_stop(signame: str) -> None:
    """Ask the runs of this process to stop, as a signal would, from any thread: their crawls are ended."""
    global _pending
    _pending = _pending or signame
    with _stoppers_lock:
        stoppers = list(_stoppers)
    for stop in stoppers:
        try:
            stop()
        except OSError:  # already gone
            pass


@contextmanager
def on_stop(stop: Callable[[], object]) -> Iterator[None]:
    """While inside, `request_stop()` calls `stop` (for a crawl: end its process).

    A stop asked before the block or during it raises `Stop` (outside signal handling: a run in a thread).
    """
    if _pending is not None and not _installed:  # asked before it began (a run in a thread)
        raise Stop(_pending)
    with _stoppers_lock:
        _stoppers.append(stop)
    try:
        yield
    finally:
        with _stoppers_lock:
            _stoppers.remove(stop)
    if _pending is not None and not _installed:
        raise Stop(_pending)


# --- test hook --------------------------------------------------------------------------------------------

KILL_AT_ENV = "LICENSURE_TEST_KILL_AT"


def kill_point(name: str, detail: str = "") -> None:
    """Test hook: SIGKILL this process here when $LICENSURE_TEST_KILL_AT names this point.

    The crash-safety tests (tests/test_faults_crash.py) set it to a point
    name, optionally with a detail, to kill a real run at a known moment:

        crawl            the run process, once the crawl has reported its first page
        settle[:ST]      a jurisdiction normalized and compared, its new version not yet stored
        settled[:ST]     a jurisdiction's outcome committed, the next one not yet started
        alerts[:CHANNEL] one alert channel delivered and its delivery recorded, before the next channel
        report           alerts delivered, before the report, the table and the run's end are written

    Unset (always, outside the tests) it costs one environment lookup. It is
    not a setting: nothing else reads it and it is never documented for users.
    """
    wanted = os.environ.get(KILL_AT_ENV)
    if not wanted:
        return
    point, _, want_detail = wanted.partition(":")
    if point == name and (not want_detail or want_detail == detail):
        log.warning("test hook %s=%s: killing this process (pid %d) with SIGKILL", KILL_AT_ENV, wanted, os.getpid())
        os.kill(os.getpid(), signal.SIGKILL)
