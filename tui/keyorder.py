"""Keys the app's own code sends on keep their place among the keys typed after them.

Some keys reach a place that cannot take them and are sent on: the keys kept for a screen
that was opening (:mod:`.screens.opening`), a key queued in the search bar or the list
behind one that moved the focus (:mod:`.widgets.typeahead`). Sent on, a key goes to the
back of the app's queue, where keys typed after it may be waiting already: "E" then
"abcdefgh" typed into the form as it mounted came out "abcgdefh". :class:`KeyOrder` holds
every key typed after them until the keys sent on have come through the app, then lets the
held keys through in the order they were typed.

A key with a priority binding (enter in the search bar) is run by the app as it takes the
key from its queue, ahead of the keys typed before it that still wait in the focused
widget's queue: "region:penza" and enter pasted at once ran the search bar's enter first,
and the query's letters then reached the list as commands ("e" exported). While keys wait
there, such a key is sent on behind them.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from typing import Any

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.keys import _character_to_key
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input


def retyped(key: events.Key) -> events.Key:
    """A copy of ``key`` to send on, dated when it was typed (kept keys are put back in
    typing order: they reach a screen by more than one way)."""
    copy = events.Key(key.key, key.character)
    copy.time = key.time
    copy.retyped = True  # type: ignore[attr-defined]
    return copy


class KeyOrder:
    """The app's gate for keys: :meth:`send` sends keys on, :meth:`defer` sends one on
    behind the keys waiting in a widget, and :meth:`holds` (called by the app for each key
    it takes from its queue) holds back the keys that must come after them."""

    # A key sent on that has not come through after this long is not waited for any more
    # (its widget went away with it): the keys held behind it go on.
    PATIENCE = 2.0

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._sent: list[events.Key] = []  # sent on through the app's queue, not yet back
        self._deferred: list[events.Key] = []  # sent on behind a widget's keys, not yet back
        self._held: list[events.Key] = []  # to follow them, in the order they came
        self._sent_at = 0.0

    @property
    def busy(self) -> bool:
        """Whether keys sent on are still on their way (or held keys wait for them)."""
        return bool(self._sent or self._deferred or self._held)

    def send(self, keys: Iterable[events.Key]) -> None:
        """Send ``keys`` on through the app, in this order, ahead of every key typed after
        now."""
        copies = [retyped(key) for key in keys]
        if copies:
            self._sent.extend(copies)
            self._sent_at = time.monotonic()
        for copy in copies:
            self._app.post_message(copy)

    def defer(self, key: events.Key, *widgets: Widget) -> None:
        """Send ``key`` on once each of ``widgets`` in turn has handled the messages
        waiting for it (a message the first hands on to the next is handled first); every
        key that comes meanwhile (typed after it, or sent on before and still on its way)
        follows it."""
        copy = retyped(key)
        self._deferred.append(copy)
        self._sent_at = time.monotonic()
        _after(list(widgets), lambda: self._app.post_message(copy))

    def follows_keys_on_their_way(self, event: events.Key) -> bool:
        """Whether keys typed before ``event`` are still on their way through the app (sent
        on, or deferred): a widget that has it now was handed it before they arrived."""
        return any(key.time < event.time for key in (*self._sent, *self._deferred))

    def holds(self, event: events.Key) -> bool:
        """For a key the app has taken from its queue: True if it must wait (this has now
        taken it over), False if it goes on now."""
        if any(event is d for d in self._deferred):
            self._deferred = [d for d in self._deferred if d is not event]
            self._release_soon()
            return False
        if any(event is s for s in self._sent):
            self._sent = [s for s in self._sent if s is not event]
            # typed before every key deferred (sent on from a queue ahead of it) and every
            # key sent on still on its way (sent again behind it: "/" kept by the list until
            # its rows came, behind the "elev" typed after it): it goes first; typed after
            # one, it follows it
            if not any(s.time < event.time for s in self._sent) and (
                not self._deferred or event.time <= min(d.time for d in self._deferred)
            ):
                self._release_soon()
                return False
        elif not (self._sent or self._deferred or self._held):
            return False
        if not self._held:
            self._app.set_timer(self.PATIENCE, self._expire)
        self._held.append(event)
        return True

    def _release_soon(self) -> None:
        if self._held and not self._sent and not self._deferred:
            # after the widget this one goes to has had it (it may send it on again)
            self._app.call_later(self._release)

    def _expire(self) -> None:
        """Keys still held a while after the keys they wait for were sent: those were lost
        on the way (their widget went with them), and the held ones go on."""
        waiting = self._sent or self._deferred
        if self._held and waiting and time.monotonic() - self._sent_at >= self.PATIENCE:
            self._sent, self._deferred = [], []
            self._release()
        elif self._held:
            self._app.set_timer(self.PATIENCE, self._expire)

    def _release(self) -> None:
        if self._sent or self._deferred:
            return  # more were sent meanwhile: the held keys wait for those too
        held, self._held = self._held, []
        self.send(held)


class KeepsKeyOrder(App[Any]):
    """For an app (``class MyApp(KeepsKeyOrder, App[int])``): its :class:`KeyOrder`, and
    the gate every key taken from its queue goes through."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_order = KeyOrder(self)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self.key_order.holds(event):
                return  # typed after keys on their way: it follows them
            parts = _escape_and_key(event, self)
            if parts:
                send_keys(self, parts)  # (in its place: the keys after it wait for them)
                return
            if self.focused is not None and _keys_waiting(self.screen):
                # keys handed to the screen itself while nothing had the focus wait there,
                # to be sent on to the field it has focused since: this one goes behind
                # them ("e", "/", "x" typed at once: the "/", put off behind the list's
                # keys, reached the export dialog before its file name had the focus, the
                # "x" after it; "x/" was typed). (Before the screen may keep it: it is not
                # its turn yet.)
                self.key_order.defer(event, self.screen)
                return
            keeps = getattr(self.screen, "keeps_key", None)
            if keeps is not None and keeps(event):
                return  # the screen keeps it for what comes next (a form while it saves)
            focused = self.focused
            if focused is None:
                # Nothing has the focus yet (the launch, before the screen has given it):
                # the widget the screen gives it to takes it now. Handed to the screen
                # itself, "j" came back unheard and was sent on, behind the "/" and the
                # query typed after it ("jj", "/lift", enter moved in the query's list).
                target = getattr(self.screen, "key_target", None)
                if isinstance(target, Widget) and target.is_attached and target.focusable:
                    self.screen.set_focus(target, scroll_visible=False)
                    focused = target
            if focused is not None and getattr(focused, "keeping", False) is True:
                # the focused widget keeps the keys typed while its content is on its way
                # (the list, see RecordTable.keeping): this one too, priority or not
                event.kept = True  # type: ignore[attr-defined]
                focused._forward_event(event)
                return
            if focused is not None and _keys_waiting(focused) and self._priority(event.key):
                # its binding would run ahead of the keys typed before it: behind them
                self.key_order.defer(event, focused)
                return
            # (Textual hands it to the screen itself when nothing has the focus)
            event.to_screen = focused is None  # type: ignore[attr-defined]
            event.sent_to = self.screen  # type: ignore[attr-defined]
        elif isinstance(event, events.Key) and _left_behind(event, self):
            # A key no widget of its screen took comes back up here, and Textual runs the
            # binding the screen now on top has for it: "y" then "j" typed together, the
            # "j" sent to the question that "y" answered ran the list's binding as it
            # arrived, ahead of what the list waits for. It is sent on as typed, to the
            # screen now on top.
            send_keys(self, [event])
            return
        await super().on_event(event)

    def _priority(self, key: str) -> bool:
        """Whether ``key`` has a priority binding where the focus is."""
        return any(binding.priority for binding in bindings_for(self.screen, key))


# What Textual reads escape and a digit in one read as (a Mac's Option-digit characters)
_ESCAPED_DIGITS = dict(zip("¡™£¢∞§¶•ªº", "1234567890", strict=True))


def _escape_and_key(event: events.Key, app: App[Any]) -> list[events.Key]:
    """Escape and a key typed right after it, as the two keys (none when ``event`` is not
    such a pair). A terminal sends escape as the byte that also starts an Alt key, and
    Textual reads escape and a key in one read as Alt and that key (and escape and a digit
    as a Mac's Option-digit character): escape then "jj", typed fast or at launch (the
    keys typed before the first frame are read at once), lost the escape and the first
    "j". Not in a text field, where Alt and a letter (or "£") is typed as itself (and an
    escape would discard a form), unless escape only leaves it (``ESCAPE_LEAVES``: the
    search bar, where "/lift", escape, "jj" typed "liftjj"), nor for an Alt key a binding
    takes (the user's keymap)."""
    key, character = event.key, event.character
    if not character or len(character) != 1:
        return []
    digit = _ESCAPED_DIGITS.get(character)
    if not key.startswith("alt+") and digit is None:
        return []
    focused = app.focused
    in_text = _in_text_field(focused) and not getattr(focused, "ESCAPE_LEAVES", False)
    if in_text or not character.isprintable():
        return []
    if bindings_for(app.screen, event.key):
        return []
    escape = events.Key("escape", "\x1b")
    escape.time = event.time
    typed_character = digit or character
    name = typed_character if typed_character.isalnum() else _character_to_key(typed_character)
    typed = events.Key(name, typed_character)
    typed.time = event.time
    return [escape, typed]


def bindings_for(screen: Screen[Any], key: str) -> list[Binding]:
    """The bindings ``key`` has where ``screen``'s focus is, nearest first."""
    return [
        binding
        for _, bindings in screen._binding_chain
        for binding in bindings.key_to_bindings.get(key, ())
    ]


def _in_text_field(widget: Widget | None) -> bool:
    """Whether ``widget`` takes typed text (an input line, a text area: the latter looked
    for only if one was ever imported, which the browser's launch does not)."""
    if isinstance(widget, Input):
        return True
    text_area = sys.modules.get("textual.widgets._text_area")
    return text_area is not None and isinstance(widget, text_area.TextArea)


def _left_behind(event: events.Key, app: App[Any]) -> bool:
    """Whether ``event`` comes back up from a screen that has since closed, or that another
    has since covered: the key that opened it was typed before this one, which is for it
    ("e" and a file name typed at once in the comparison: the name, handed to the
    comparison's table, came back up after "e" had opened the dialog, and was lost)."""
    sent_to = getattr(event, "sent_to", None)
    return sent_to is not None and sent_to is not app.screen


def _keys_waiting(widget: Widget) -> bool:
    """Whether keys handed to ``widget`` wait in its queue (Textual's, pinned)."""
    return bool(keys_waiting(widget))


def keys_waiting(widget: Widget) -> list[events.Key]:
    """The keys handed to ``widget`` that wait in its queue (Textual's, pinned)."""
    queue = widget.__dict__.get("_message_queue")
    if queue is None:
        return []
    return [m for m in queue.values if isinstance(m, events.Key)]


def to_screen(key: events.Key) -> bool:
    """Whether the app handed ``key`` to its screen itself (nothing had the focus), rather
    than to a widget it then bubbled up from."""
    return getattr(key, "to_screen", False) is True


def send_keys(app: App[Any], keys: Iterable[events.Key]) -> None:
    """Send ``keys`` on through ``app``, ahead of the keys typed after them (through its
    :class:`KeyOrder` when it has one: an app that has not, a test's, posts them)."""
    order = getattr(app, "key_order", None)
    if isinstance(order, KeyOrder):
        order.send(keys)
    else:
        for key in keys:
            app.post_message(retyped(key))


def follows_keys_on_their_way(app: App[Any], event: events.Key) -> bool:
    """Whether keys typed before ``event`` are still on their way through ``app`` (see
    :meth:`KeyOrder.follows_keys_on_their_way`): it is to be sent on behind them."""
    order = getattr(app, "key_order", None)
    return isinstance(order, KeyOrder) and order.follows_keys_on_their_way(event)


def kept(event: events.Key) -> bool:
    """Whether the app handed ``event`` to a widget that kept the keys typed while its
    content was on its way (without running its priority binding: see
    ``RecordTable.keeping``)."""
    return getattr(event, "kept", False) is True


def defer_key(app: App[Any], key: events.Key, *widgets: Widget) -> None:
    """Send ``key`` on through ``app`` once ``widgets`` have handled what waits for them
    (see :meth:`KeyOrder.defer`)."""
    order = getattr(app, "key_order", None)
    if isinstance(order, KeyOrder):
        order.defer(key, *widgets)
    else:
        copy = retyped(key)
        _after(list(widgets), lambda: app.post_message(copy))


def after_keys_of(widget: Widget, then: Callable[[], object]) -> None:
    """Run ``then`` once the keys waiting for ``widget`` have been handled all the way: a
    key no widget takes bubbles up through each parent to the app, where its binding runs
    (an arrow that chooses in a set of radio buttons). A priority key (ctrl+s, ctrl+e) is
    run by the app ahead of them; what it does waits for them this way."""
    _after([widget, *widget.ancestors], then)


def _after(widgets: list[MessagePump], then: Callable[[], object]) -> None:
    """Run ``then`` once each widget in turn has handled what waits for it (at once for a
    widget that is gone)."""
    if not widgets:
        then()
        return
    first, rest = widgets[0], widgets[1:]
    if not first.call_later(_after, rest, then):
        _after(rest, then)
