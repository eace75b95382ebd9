"""Frames on their way out: held until the events behind them are committed, then written
with one socket write per connection.

The host handles commands synchronously, many per turn of the event loop when it is busy.
Committing each event on its own and writing each frame with its own ``send()`` were the
two largest costs under load (bench/server_load.py). So the host journals events into an
open transaction and queues frames here; once per turn of the event loop ``flush`` commits
every event staged since the last flush, and only then writes the queued frames, each
connection's frames joined into one write. An acknowledgement therefore never leaves before
its event is on disk (the journal-before-ack rule), the frames of one connection keep their
order, and under light load a frame waits for no more than one turn of the loop.

Under heavy load one turn of the loop can run a hundred commands (a hundred matches ending
their turns at once), and the first of them would wait for the last. So the host also
flushes between two commands once it has worked ``MAX_HOLD_SECONDS`` since the oldest
queued frame (``flush_if_held``): group commit then costs a frame at most that much work.
The hold is counted in the process's CPU time, not wall time: when other programs take the
CPU, a frame waits for them whatever the host does, and flushing after every command then
would only spend more of the little CPU left on commits.

Memory is bounded twice (server/limits.py): a connection whose unsent bytes, counting the
batch about to be written, would pass ``MAX_UNSENT_BYTES`` is dropped instead of written
to, and when the unsent bytes of all connections together pass ``MAX_HOST_UNSENT_BYTES``
the most backlogged connections are dropped until they no longer do. A dropped connection
is closed with 1008 and, since a client that does not read cannot take the close frame
either, cut ``DROP_GRACE_SECONDS`` later so that its buffer is freed.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Callable, Iterable, Protocol

from websockets.protocol import State

from .limits import MAX_HOST_UNSENT_BYTES, MAX_UNSENT_BYTES

log = logging.getLogger("casus.server")

DROP_GRACE_SECONDS = 1.0   # how long a dropped connection has to take its close frame
FRAME_OVERHEAD = 10        # bytes of websocket framing around a frame, at most
TOO_SLOW = "too slow to keep up; rejoin"

MAX_HOLD_SECONDS = 0.005   # how much work a frame may wait behind for its group commit


class Recipient(Protocol):
    """What the outbox needs of a connection: its websocket."""

    ws: Any


class Outbox:
    """Frames queued per connection, written after ``commit`` succeeds.

    ``commit`` makes every staged event durable; should it fail, ``on_failed_commit`` is
    told which connections' frames were dropped (their acknowledgements would have been
    lies) so the host can put its matches back as storage has them.
    """

    def __init__(self, commit: Callable[[], None],
                 on_failed_commit: Callable[[list[Recipient]], None] | None = None,
                 max_hold: float = MAX_HOLD_SECONDS) -> None:
        self.commit = commit
        self.on_failed_commit = on_failed_commit
        self.max_hold = max_hold
        self.queued: dict[Recipient, list[bytes]] = {}
        self._scheduled = False
        self._since = 0.0   # the CPU time when the oldest unflushed frame or event was queued
        self._since_wall = 0.0   # and the wall-clock time then (see flush_if_held)
        self.backlog: dict[Any, int] = {}   # websockets with unsent bytes, and how many
        self.max_host_unsent = MAX_HOST_UNSENT_BYTES

    def send(self, recipients: Iterable[Recipient], frame: bytes) -> None:
        """Queue one frame for each recipient, to be written at the next flush."""
        for recipient in recipients:
            frames = self.queued.get(recipient)
            if frames is None:
                self.queued[recipient] = [frame]
            else:
                frames.append(frame)
        self._schedule()

    def staged(self) -> None:
        """An event was journaled with no frame behind it (a deadline nobody follows):
        commit it at the next flush all the same."""
        self._schedule()

    def flush_if_held(self) -> None:
        """Flush now if the host has worked ``max_hold`` seconds or more since the oldest
        queued frame. Call it only between commands, never in the middle of one (its frames
        would go out in parts).

        Reading the CPU clock is a system call, and under bench/server_load.py on a loaded
        machine the host spent a fifth of a millisecond in each on average (wall time), so
        it is read only once ``max_hold`` has passed on the wall clock, which is read
        without one: the host cannot have worked longer than the time that has passed."""
        if (self._scheduled and time.perf_counter() - self._since_wall >= self.max_hold
                and time.process_time() - self._since >= self.max_hold):
            self.flush()

    def _schedule(self) -> None:
        if not self._scheduled:
            self._scheduled = True
            self._since = time.process_time()
            self._since_wall = time.perf_counter()
            try:
                asyncio.get_running_loop().call_soon(self.flush)
            except RuntimeError:   # no loop (a host driven by hand in a test): flush now
                self.flush()

    def flush(self) -> None:
        """Commit the staged events, then write every queued frame."""
        self._scheduled = False
        queued, self.queued = self.queued, {}
        try:
            self.commit()
        except Exception:
            log.exception("committing the journal failed; %d connections' frames dropped",
                          len(queued))
            if self.on_failed_commit is not None:
                self.on_failed_commit(list(queued))
            return
        for recipient, frames in queued.items():
            unsent = write(recipient.ws, frames)
            if unsent:
                self.backlog[recipient.ws] = unsent
        if self.backlog:
            self._bound_backlog()

    def _bound_backlog(self) -> None:
        """Forget the connections that caught up; drop the most backlogged while all of
        them together hold more than ``max_host_unsent`` unsent bytes."""
        for ws in list(self.backlog):
            transport = ws.transport
            unsent = transport.get_write_buffer_size() if transport is not None else 0
            if unsent and ws.protocol.state is State.OPEN:
                self.backlog[ws] = unsent
            else:
                del self.backlog[ws]
        total = sum(self.backlog.values())
        if total <= self.max_host_unsent:
            return
        for ws in sorted(self.backlog, key=self.backlog.__getitem__, reverse=True):
            if total <= self.max_host_unsent:
                break
            total -= self.backlog.pop(ws)
            drop(ws, "the host is short of memory for slow connections; rejoin")


def write(ws: Any, frames: list[bytes]) -> int:
    """Write frames to one websocket in a single socket write, without waiting.

    This is ``websockets.asyncio.server.broadcast`` for several frames to one connection:
    the same checks (open, no fragmented send in progress), but the frames are framed by the
    connection's protocol and joined, so the kernel sees one write instead of one per frame.
    A connection whose unsent bytes would pass MAX_UNSENT_BYTES with these frames is
    dropped instead: it can rejoin. Returns the connection's unsent bytes afterwards.
    """
    if ws.protocol.state is not State.OPEN or ws.send_in_progress is not None:
        return 0
    transport = ws.transport
    if transport is None:
        return 0
    unsent = transport.get_write_buffer_size()
    if unsent + sum(len(frame) + FRAME_OVERHEAD for frame in frames) > MAX_UNSENT_BYTES:
        drop(ws, TOO_SLOW)
        return 0
    try:
        for frame in frames:
            ws.protocol.send_binary(frame)
        chunks = ws.protocol.data_to_send()
        transport.write(b"".join(chunks))
        if not all(chunks) and transport.can_write_eof():
            transport.write_eof()   # as Connection.send_data does for an end-of-stream marker
    except Exception as err:   # as broadcast does: one broken connection stops no one else
        log.warning("skipped writing to a connection: %s", err)
    return transport.get_write_buffer_size()


def drop(ws: Any, reason: str) -> None:
    """Close a connection with 1008 and ``reason``, and cut it if it has not closed within
    DROP_GRACE_SECONDS (its unsent bytes are freed only then)."""
    asyncio.ensure_future(ws.close(1008, reason))
    transport = ws.transport
    if transport is not None and hasattr(transport, "abort"):
        asyncio.get_running_loop().call_later(DROP_GRACE_SECONDS, _cut, transport)


def _cut(transport: Any) -> None:
    transport.abort()   # a no-op on a transport already closed
