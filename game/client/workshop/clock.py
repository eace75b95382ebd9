"""The umpire's clock: the countdown (red inside the warning threshold), pause and resume,
moving the deadline, the warning threshold, the planning stage, review before release and
"adjudicate now"."""

from __future__ import annotations

from typing import ClassVar

import pygame
from pygame_gui.elements import UITextBox

from game.client.panels.frame import Flow, esc

from . import feed as F
from .base import WorkshopPanel

WARNING_INK = "#b3261e"
PAUSED_INK = "#6b5e4b"
NUDGES = ((-300, "−5 min"), (-60, "−1 min"), (60, "+1 min"), (300, "+5 min"))


def mm_ss(seconds: float) -> str:
    """A countdown as 'm:ss' (or 'h:mm:ss' past an hour)."""
    s = max(0, int(seconds + 0.999))      # a countdown shows 0:01 until it is really over
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class ClockPanel(WorkshopPanel):
    """The clock tab of the umpire's console."""

    title: ClassVar[str] = "Clock"
    shortcut: ClassVar[int | None] = pygame.K_F2
    parts = frozenset({F.CLOCK, F.REVIEW, F.HISTORY})

    countdown: UITextBox | None = None
    shown = ""

    def countdown_markup(self) -> str:
        """The countdown line as it should read now."""
        feed = self.feed
        left = feed.seconds_left(self.now())
        if feed.phase == "review":
            return "<font size=5><b>Result under review</b></font>"
        if feed.phase == "over":
            return "<font size=5><b>The match is over</b></font>"
        if left is None:
            text = "<font size=5><b>No deadline</b></font>"
            return f"{text}<br>paused" if feed.paused else text
        if feed.paused:
            return (f"<font size=6 color='{PAUSED_INK}'><b>{mm_ss(left)}</b></font>"
                    f"<br><font color='{PAUSED_INK}'>paused: the time left is kept</font>")
        if feed.in_warning(self.now()):
            return (f"<font size=6 color='{WARNING_INK}'><b>{mm_ss(left)}</b></font>"
                    f"<br><font color='{WARNING_INK}'>inside the warning threshold</font>")
        return f"<font size=6><b>{mm_ss(left)}</b></font><br>until the deadline"

    def build(self, flow: Flow) -> None:
        feed, model = self.feed, self.ctx.model
        self.shown = self.countdown_markup()
        self.countdown = flow.text(self.shown)
        flow.text(f"Turn {feed.turn or model.turn}, {esc(feed.label or model.label)} · "
                  f"stage <b>{esc(feed.stage)}</b>")
        planning = feed.phase == "planning"
        flow.buttons([
            ("Resume" if feed.paused else "Pause",
             (self.resume if feed.paused else self.pause) if planning else None, None),
            ("Adjudicate now", self.adjudicate if planning else None, "#primary_button"),
        ], tooltips=["Stop or restart the deadline (the time left is kept)",
                     "Adjudicate this turn at once, whoever is ready"])
        flow.heading("Deadline")
        movable = planning and feed.seconds_left(self.now()) is not None
        flow.buttons([(label, (lambda s=s: self.nudge(s)) if movable else None, None)
                      for s, label in NUDGES])
        flow.label_beside("New in (min)", 104)
        self.field(flow, "deadline_min", value="10", width=80, x=108, advance=False,
                   numbers=True, limit=4)
        flow.button("Set deadline", self.set_deadline if planning else None, x=196,
                    width=flow.width - 196,
                    tooltip="A deadline this many minutes from now")
        flow.gap(36)
        flow.heading("Warning threshold")
        now = "none" if feed.warning is None else f"{mm_ss(feed.warning)} before the deadline"
        flow.text(f"Now: <b>{now}</b>")
        flow.label_beside("Seconds", 104)
        self.field(flow, "warning", value="60", width=80, x=108, advance=False, numbers=True,
                   limit=5)
        flow.button("Set", self.set_warning, x=196, width=(flow.width - 200) // 2)
        flow.button("None", self.clear_warning, x=200 + (flow.width - 200) // 2,
                    width=(flow.width - 200) // 2)
        flow.gap(36)
        flow.heading("Stage")
        flow.text("In the <b>negotiation</b> stage players talk; orders stay drafts.")
        self.choice(flow, "every_turn", [("every", "Every turn from now")], multi=True,
                    columns=1)
        stages = flow.buttons([("Negotiation", (lambda: self.stage("negotiation"))
                                if planning else None, None),
                               ("Orders", (lambda: self.stage("orders"))
                                if planning else None, None)])
        stages[0 if feed.stage == "negotiation" else 1].select()
        flow.heading("Review before release")
        flow.text("Each adjudicated result waits for you to check and release it."
                  if feed.review_on else "Results go to the players as soon as they are in.")
        flow.buttons([("Turn review off" if feed.review_on else "Turn review on",
                       self.toggle_review, None)])
        flow.heading("Idle seats at the deadline")
        flow.text("A human seat with no orders at the deadline goes to a bot."
                  if feed.takeover is not None else
                  "A human seat with no orders at the deadline holds its units.")
        flow.buttons([("Stop bot takeover" if feed.takeover is not None
                       else "Hand idle seats to bots", self.toggle_takeover, None)])

    def update(self, dt: float) -> None:
        super().update(dt)
        if self.countdown is not None and self.visible:
            markup = self.countdown_markup()
            if markup != self.shown:
                self.shown = markup
                self.countdown.set_text(markup)

    # --- actions -----------------------------------------------------------------------

    def pause(self) -> None:
        self.request({"type": "pause"}, "The clock is paused.")

    def resume(self) -> None:
        self.request({"type": "resume"}, "The clock runs again.")

    def adjudicate(self) -> None:
        self.request({"type": "adjudicate"}, "Adjudicating now.")

    def nudge(self, seconds: int) -> None:
        word = "extended" if seconds > 0 else "shortened"
        self.request({"type": "adjust_deadline", "seconds": seconds},
                     f"Deadline {word} by {mm_ss(abs(seconds))}.")

    def set_deadline(self) -> None:
        minutes = self.int_of("deadline_min")
        if minutes is None or minutes <= 0:
            self.ctx.toast("Type the minutes from now to the new deadline.")
            return
        self.request({"type": "set_deadline", "deadline_at": self.now() + minutes * 60},
                     f"The deadline is in {minutes} min.")

    def set_warning(self) -> None:
        seconds = self.int_of("warning")
        if seconds is None or seconds <= 0:
            self.ctx.toast("Type the warning threshold in seconds.")
            return
        self.request({"type": "set_warning", "seconds": seconds},
                     f"Everyone is warned {mm_ss(seconds)} before each deadline.")

    def clear_warning(self) -> None:
        self.request({"type": "set_warning", "seconds": None}, "No more deadline warnings.")

    def stage(self, stage: str) -> None:
        every = "every" in self.chosen("every_turn")
        self.request({"type": "set_stage", "stage": stage, "every_turn": every},
                     f"The {stage} stage is open{' (every turn)' if every else ''}.")

    def toggle_takeover(self) -> None:
        on = self.feed.takeover is None
        self.request({"type": "set_bot_takeover", "personalities": {} if on else None},
                     "Idle seats go to bots at the deadline." if on
                     else "Idle seats hold at the deadline.")

    def toggle_review(self) -> None:
        on = not self.feed.review_on
        self.request({"type": "set_review", "on": on},
                     "Review before release is on (from the next adjudication)." if on
                     else "Review before release is off.")
