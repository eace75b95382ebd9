"""The types of event in a match's log: the one list of them (game.match.match.FOLD folds each).

A ``StrEnum`` whose values are the log's strings, so logs stay byte-identical.
"""

from __future__ import annotations

from enum import StrEnum


class LogEvent(StrEnum):
    """The ``type`` of each event a Match records and folds."""

    CREATED = "created"
    JOINED = "joined"
    RELEASED = "released"
    CHAT = "chat"
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    ORDERS = "orders"
    DRAFT = "draft"
    READY = "ready"
    DEADLINE = "deadline"
    WARNED = "warned"
    SEAT_TO_BOT = "seat_to_bot"
    ADJUDICATED = "adjudicated"
    MEMBER_JOINED = "member_joined"
    INTENT = "intent"
    INSIGHT = "insight"
    ROLE_TOKEN = "role_token"
    ROLE_REVOKED = "role_revoked"
    OBSERVER_ACCESS = "observer_access"
    CHANNEL_SET = "channel_set"
    STAGE = "stage"
    PAUSED = "paused"
    RESUMED = "resumed"
    CLOCK_ADJUSTED = "clock_adjusted"
    WARNING_SET = "warning_set"
    TAKEOVER_SET = "takeover_set"
    REVIEW_SET = "review_set"
    ORDER_AMENDED = "order_amended"
    RESULT_RELEASED = "result_released"
    WORLD_EDITED = "world_edited"
    INJECT = "inject"
    ROLLED_BACK = "rolled_back"
    FORKED = "forked"
    SHARING = "sharing"
    BRIEF_SET = "brief_set"
