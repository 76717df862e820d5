"""Helpers shared by the app tests: fast settings, and waiting for the app to settle."""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from textual._context import active_app

from coopbrowse.tui.screens.main import MainScreen, Settings

# Delays near zero: tests wait on conditions, not on time.
FAST = Settings(debounce=0.01, save_delay=0.05, poll=0.2, detail_delay=0.01)


def _pending(app, workers: bool = True) -> bool:
    """Whether the app or any of its widgets has a message or a callback waiting, or (with
    ``workers``) a worker is running."""
    if workers and any(not worker.is_finished for worker in app.workers):
        return True
    for node in (app, *list(app._registry)):
        queue = node.__dict__.get("_message_queue")  # (a cached property: made when used)
        if (queue is not None and not queue.empty()) or node._next_callbacks:
            return True
    return False


async def quiet(min_sleep: float = 0.0, max_sleep: float = 1.0, *, workers: bool = True) -> None:
    """Wait until no message or callback is waiting anywhere in the running app, for a few
    turns of the event loop in a row (``min_sleep`` at least, ``max_sleep`` at most).

    Pilot's own wait (``textual._wait.wait_for_idle``) guesses the same from the process's
    CPU time, 20 ms at a time: at least 40 ms a key, and up to a second while any thread
    works. The conftest puts this one in its place; what a test waits for beyond the
    app's messages and workers (a timer, another process) it waits for by its condition
    (:func:`settle`, :func:`until`). ``workers=False``: a worker that runs on (one
    waiting for a lock) is not waited for."""
    try:
        app = active_app.get()
    except LookupError:
        await asyncio.sleep(min_sleep)
        return
    start = time.monotonic()
    calm = 0
    while time.monotonic() - start < max_sleep:
        await asyncio.sleep(0.001 if calm == 0 else 0)  # (no spinning while it works)
        calm = 0 if _pending(app, workers) else calm + 1
        if calm >= 3 and time.monotonic() - start >= min_sleep:
            return


def indexed_long_list(tmp_path: Path) -> Path:
    """A database whose list is longer than the first page of an answer, indexed and then
    unchanged (the usual launch: the early open reads its first page)."""
    from coopbrowse.store.index import PAGE
    from coopbrowse.store.library import Library
    from coopbrowse.store.synth import build_database

    path = tmp_path / "long.json"
    build_database(path, PAGE + 60, seed=6)
    Library.open(path)
    return path


def main_screen(app) -> MainScreen | None:
    return next((s for s in app.screen_stack if isinstance(s, MainScreen)), None)


async def settle(pilot, app=None, timeout: float = 30.0) -> None:
    """Wait until the browser has nothing pending: the database open, no query waiting for
    its debounce, every list request answered, every worker done."""
    app = app or pilot.app
    for _ in range(3):
        await pilot.pause()
        main = main_screen(app)
        if main is not None:
            try:
                await asyncio.wait_for(main.idle.wait(), timeout)
            except TimeoutError:
                bar = main.query_one("#search")
                raise AssertionError(
                    f"never settled: busy {main.busy}, debounce pending {bar.pending}, "
                    f"loaded {main.loaded}, detail pending {main._detail_pending}"
                ) from None
        await _workers_done(app, timeout)
    await _keys_ready(pilot, app, timeout)
    await pilot.pause()


async def first_follow_up(pilot, app):
    """``f`` on the proposals view's first row: its follow-up dialog."""
    from coopbrowse.tui.screens.followup import FollowUpScreen

    await settle(pilot, app)
    await pilot.press("2")
    await settle(pilot, app)
    await pilot.press("f")
    await settle(pilot, app)
    dialog = app.screen
    assert isinstance(dialog, FollowUpScreen)
    return dialog


async def until(pilot, condition, what: str, timeout: float = 30.0) -> None:
    """Wait (letting the app run) until ``condition()`` holds; fail naming ``what``."""
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never: {what}")


async def _keys_ready(pilot, app, timeout: float) -> None:
    """Wait until a form on top has its first field focused (keys typed before are kept
    and typed into it then: a key pressed now would wait for it)."""
    from coopbrowse.tui.screens.opening import KeepsEarlyKeys

    for _ in range(int(timeout / 0.02)):
        screen = app.screen
        if not isinstance(screen, KeepsEarlyKeys) or screen.keys_ready:
            return
        await pilot.pause(0.02)
    raise AssertionError(f"{type(app.screen).__name__} never took the focus")


async def _workers_done(app, timeout: float) -> None:
    """Wait for every worker; one superseded meanwhile (cancelled: an exclusive worker of
    the same group replaced it) is not an error."""
    from textual.worker import WorkerCancelled

    while True:
        try:
            await asyncio.wait_for(app.workers.wait_for_complete(), timeout)
            return
        except WorkerCancelled:
            continue


@contextlib.contextmanager
def lock_held_elsewhere(path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Another process holding ``path``'s write lock until the block ends."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path\n"
            "from coopbrowse.store.storage import write_lock\n"
            "with write_lock(Path(sys.argv[1])):\n"
            "    print('held', flush=True); time.sleep(30)\n",
            str(path),
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == b"held"
        yield holder
    finally:
        holder.kill()
        holder.wait()


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    """``coopbrowse ARGV...`` in process: its exit status, stdout and stderr."""
    from coopbrowse.tui.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@contextlib.contextmanager
def keys_beside_a_waiting_worker(monkeypatch) -> Iterator[None]:
    """Within the block, Pilot's keys wait for the app's messages but not for its workers:
    one that waits on purpose (for another process's lock) would hold each key for
    :func:`quiet`'s whole second."""
    import functools

    import textual.app
    import textual.pilot

    with monkeypatch.context() as patch:
        messages_only = functools.partial(quiet, workers=False)
        patch.setattr(textual.app, "wait_for_idle", messages_only)
        patch.setattr(textual.pilot, "wait_for_idle", messages_only)
        yield
