"""The app's writes to a large database, made by a child process so the screen keeps going.

A write parses the whole TinyDB file (TinyDB keeps one JSON document): at 100,000 meetings the
parser holds the interpreter for 2.5-4 s, and the app's screen, drawn by that interpreter,
stops taking keys meanwhile. :func:`store_for_writing` gives the app what to write through:
the :class:`~coopbrowse.store.db.Store` itself for a small file, else a :class:`ChildStore`
with the same write methods, lock callbacks and errors, which runs each write in
``python -m coopbrowse.store.writer --db PATH``.

The protocol is JSON lines and nothing else (nothing is unpickled): the request on stdin; on
stdout ``{"waiting": pid}`` when the write waits for another writer's lock, ``{"held": true}``
once it has it, then ``{"result": ...}`` or ``{"error": {...}}``. Cancelling (escape while
waiting for the lock) stops the child before it holds the lock, when nothing was written.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from msgspec import Struct
from msgspec.structs import asdict

from . import errors
from .db import Store, WriteReport
from .model import Change, Meeting, ValidationError
from .storage import WriteCancelled, child_command, child_env, json_messages

CHILD_FROM = 4 * 1024 * 1024  # a database file this large is written by a child process

_ERRORS: dict[str, type[errors.StoreError]] = {
    cls.__name__: cls
    for cls in (
        errors.StoreError,
        errors.CorruptDatabase,
        errors.DatabaseLocked,
        errors.NotWritable,
        errors.InputError,
        errors.NothingToUndo,
        WriteCancelled,
    )
}


class DraftCheck(Struct, frozen=True):
    """A drafted meeting made ready to save, and the stored meeting it would replace (with
    its numbers of proposals and trade figures), if any."""

    meeting: Meeting
    stored: str | None
    sizes: tuple[int, ...] = (0, 0)


def check_draft(store: Store | ChildStore, data: dict[str, Any]) -> DraftCheck:
    """The review form's check before it saves a draft (the whole file is read: for a large
    one, by the child). Raises ``ValidationError`` naming a bad field, ``StoreError``."""
    if isinstance(store, ChildStore):
        return store.check_draft(data)
    from .ingest import prepare_draft, stored_as

    catalog = store.catalog()
    meeting = prepare_draft(store, data, catalog)
    stored = stored_as(store, meeting, catalog)
    return DraftCheck(meeting, stored, catalog.sizes(stored) if stored else (0, 0))


def in_child(path: Path) -> bool:
    """Whether the app's writes to ``path`` are made by a child process (a large file)."""
    try:
        return os.stat(path).st_size >= CHILD_FROM
    except OSError:
        return False


def store_for_writing(path: Path, like: Store | None = None) -> Store | ChildStore:
    """What the app writes ``path`` through: the store (opened: migrated and checked), or
    for a large file a :class:`ChildStore`; with the lock settings of ``like`` (how long to
    wait, whom to tell, what cancels) when given."""
    found = ChildStore(path) if in_child(path) else Store.open(path)
    if like is not None:
        found.lock_waiting, found.lock_cancelled = like.lock_waiting, like.lock_cancelled
        found.lock_held, found.lock_timeout = like.lock_held, like.lock_timeout
    return found


class ChildStore:
    """The writes of :class:`Store` the app makes, each run by a child process."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.lock_waiting: Callable[[int | None], None] | None = None
        self.lock_cancelled: threading.Event | None = None
        self.lock_timeout = 10.0
        self.lock_held: Callable[[], None] | None = None

    def undo(self, record_id: str, *, only_delete: bool = False) -> Change:
        found = self._run({"op": "undo", "id": record_id, "only_delete": only_delete})
        return Change.from_dict(found)

    def redo(self, record_id: str) -> Change:
        return Change.from_dict(self._run({"op": "redo", "id": record_id}))

    def delete_meeting(self, meeting_id: str) -> bool:
        return bool(self._run({"op": "delete_meeting", "id": meeting_id}))

    def follow_up(self, proposal_id: str, **answer: Any) -> Change | None:
        found = self._run({"op": "follow_up", "id": proposal_id, "answer": answer})
        return None if found is None else Change.from_dict(found)

    def edit_meeting(
        self, meeting: Meeting, *, origin: str = "edit", expected: dict[str, Any] | None = None
    ) -> Change | None:
        request = {"op": "edit_meeting", "meeting": meeting.to_dict(), "origin": origin}
        found = self._run({**request, "expected": expected})
        return None if found is None else Change.from_dict(found)

    def put_meetings(
        self,
        meetings: Iterable[Meeting],
        *,
        update: bool = False,
        origin: str = "import --update",
        new_proposals: bool = False,
        record_added: bool = False,
    ) -> WriteReport:
        found = self._run(
            {
                "op": "put_meetings",
                "meetings": [m.to_dict(with_history=True) for m in meetings],
                "update": update,
                "origin": origin,
                "new_proposals": new_proposals,
                "record_added": record_added,
            }
        )
        return WriteReport(**found)

    def check_draft(self, data: dict[str, Any]) -> DraftCheck:
        """See :func:`check_draft`, read by the child."""
        found = self._run({"op": "check_draft", "data": data})
        if "invalid" in found:
            path, message = found["invalid"]
            raise ValidationError(str(path), str(message))
        sizes = found.get("sizes") or (0, 0)
        return DraftCheck(Meeting.from_dict(found["meeting"]), found.get("stored"), tuple(sizes))

    def _run(self, request: dict[str, Any]) -> Any:
        request = {**request, "timeout": self.lock_timeout}
        held = threading.Event()
        with tempfile.TemporaryFile("w+", encoding="utf-8") as errors_out:
            try:
                child = subprocess.Popen(
                    child_command("coopbrowse.store.writer", self.path),
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=errors_out,  # (a pipe could fill and stall the child)
                    env=child_env(),
                    text=True,
                    encoding="utf-8",
                )
            except OSError as exc:
                raise errors.StoreError(
                    self.path, f"cannot start the writer: {exc.strerror or exc}"
                ) from None
            with child:
                assert child.stdin is not None
                answer = None
                with contextlib.suppress(OSError):  # (a child that died: said below)
                    child.stdin.write(json.dumps(request) + "\n")
                    child.stdin.flush()
                    stopped = threading.Event()
                    watcher = threading.Thread(
                        target=self._watch, args=(child, held, stopped), daemon=True
                    )
                    watcher.start()
                    try:
                        answer = self._answer(child, held)
                    finally:
                        stopped.set()
                        watcher.join()
                with contextlib.suppress(OSError):
                    child.stdin.close()
                code = child.wait()
            errors_out.seek(0)
            tail = errors_out.read()[-4000:].strip().splitlines()[-1:]
        if answer is None:
            if held.is_set():  # it stopped while it held the lock: it may have written
                raise errors.StoreError(
                    self.path,
                    f"the writer stopped ({tail[0] if tail else f'exit status {code}'}); "
                    "the database may have changed",
                )
            raise errors.StoreError(
                self.path, f"the write failed: {tail[0] if tail else f'exit status {code}'}"
            )
        if "error" in answer:
            raise _error(answer["error"])
        return answer.get("result")

    def _answer(self, child: subprocess.Popen[str], held: threading.Event) -> Any:
        """Relay the child's lock messages; its result or error (None if it said none)."""
        assert child.stdout is not None
        for message in json_messages(child.stdout):
            if "waiting" in message:
                pid = message["waiting"]
                if self.lock_waiting is not None:
                    self.lock_waiting(pid if isinstance(pid, int) else None)
            elif message.get("held") is True:
                held.set()
                if self.lock_held is not None:
                    self.lock_held()
            elif "result" in message or "error" in message:
                return message
        return None

    def _watch(
        self, child: subprocess.Popen[str], held: threading.Event, stopped: threading.Event
    ) -> None:
        """Pass a cancel on to the child: it gives up if it is still waiting for the lock
        (and says so); once it holds the lock, the write runs to its end."""
        cancelled = self.lock_cancelled
        if cancelled is None:
            return
        while not stopped.is_set() and not held.is_set():
            if cancelled.wait(0.05):
                with contextlib.suppress(OSError, ValueError):
                    assert child.stdin is not None
                    child.stdin.write("cancel\n")
                    child.stdin.flush()
                return


def _error(data: Any) -> errors.StoreError:
    """The error the child reported, as the store would have raised it."""
    if not isinstance(data, dict):
        return errors.StoreError(None, "the write failed")
    path, problem = data.get("path"), str(data.get("problem", "the write failed"))
    kind = data.get("type")
    if kind == "RecordChanged":
        return errors.RecordChanged(path, str(data.get("record_id", "")), data.get("current"))
    if kind == "RecordConflict":
        return errors.RecordConflict(
            path, str(data.get("meeting_id", "")), str(data.get("detail", ""))
        )
    return _ERRORS.get(str(kind), errors.StoreError)(path, problem)


def _error_data(exc: errors.StoreError) -> dict[str, Any]:
    data: dict[str, Any] = {
        "type": type(exc).__name__,
        "path": str(exc.path) if exc.path is not None else None,
        "problem": exc.problem,
    }
    if isinstance(exc, errors.RecordChanged):
        data.update(record_id=exc.record_id, current=exc.current)
    if isinstance(exc, errors.RecordConflict):
        data.update(meeting_id=exc.meeting_id, detail=exc.detail)
    return data


# The child --------------------------------------------------------------------------------


def _perform(store: Store, request: dict[str, Any]) -> Any:
    op = request.get("op")
    if op == "undo":
        only_delete = request.get("only_delete") is True
        return store.undo(str(request["id"]), only_delete=only_delete).to_dict()
    if op == "redo":
        return store.redo(str(request["id"])).to_dict()
    if op == "delete_meeting":
        return store.delete_meeting(str(request["id"]))
    if op == "follow_up":
        change = store.follow_up(str(request["id"]), **dict(request.get("answer") or {}))
        return None if change is None else change.to_dict()
    if op == "edit_meeting":
        meeting = Meeting.from_dict(request["meeting"])
        change = store.edit_meeting(
            meeting, origin=str(request.get("origin", "edit")), expected=request.get("expected")
        )
        return None if change is None else change.to_dict()
    if op == "check_draft":
        try:
            found = check_draft(store, dict(request.get("data") or {}))
        except ValidationError as exc:
            return {"invalid": [exc.path, exc.message]}
        return {"meeting": found.meeting.to_dict(), "stored": found.stored, "sizes": found.sizes}
    if op == "put_meetings":
        report = store.put_meetings(
            [Meeting.from_dict(m) for m in request.get("meetings", [])],
            update=bool(request.get("update")),
            origin=str(request.get("origin", "import --update")),
            new_proposals=bool(request.get("new_proposals")),
            record_added=bool(request.get("record_added")),
        )
        return asdict(report)
    raise errors.StoreError(None, f"unknown write {op!r}")


def _cancel_listener() -> threading.Event:
    """Set when the app writes ``cancel`` on stdin (escape while waiting for the lock)."""
    cancelled = threading.Event()

    def listen() -> None:
        for line in sys.stdin:
            if line.strip() == "cancel":
                cancelled.set()
                return

    threading.Thread(target=listen, daemon=True).start()
    return cancelled


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m coopbrowse.store.writer --db PATH``: one write, asked on stdin."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m coopbrowse.store.writer")
    parser.add_argument("--db", required=True, metavar="PATH")
    args = parser.parse_args(argv)

    def say(message: dict[str, Any]) -> None:
        print(json.dumps(message), flush=True)

    # One write and the process ends (os._exit below): the collector is not let loose on
    # the parsed database, millions of objects and no cycles (at 100,000 meetings it walked
    # them for 8 s of a 27 s write)
    gc.disable()
    try:
        request = json.loads(sys.stdin.readline())
        if not isinstance(request, dict):
            raise errors.StoreError(None, "the write asked for is not a request")
        store = Store.open(Path(args.db))
        store.lock_waiting = lambda pid: say({"waiting": pid})
        store.lock_held = lambda: say({"held": True})
        store.lock_cancelled = _cancel_listener()
        timeout = request.get("timeout")
        if isinstance(timeout, int | float) and not isinstance(timeout, bool):
            store.lock_timeout = float(timeout)
        say({"result": _perform(store, request)})
    except errors.StoreError as exc:
        say({"error": _error_data(exc)})
    except (ValidationError, ValueError, KeyError, TypeError) as exc:
        say({"error": {"type": "StoreError", "path": None, "problem": f"bad write: {exc}"}})
    sys.stdout.flush()
    # Written, and the index updated: leave without tearing down the parsed database.
    os._exit(0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
