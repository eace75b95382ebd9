"""Every frame of a scripted session, through the real host on 127.0.0.1 and through the
hot-seat host, is the one recorded in tests/data/host_transcript.json (tests/host_transcript.py
says how it was recorded): the hosts' messages do not change unnoticed."""

from __future__ import annotations

import json

from host_transcript import GOLDEN, as_json, record


def test_every_frame_of_the_scripted_session_is_the_recorded_one():
    recorded = json.loads(GOLDEN.read_text(encoding="utf-8"))
    now = json.loads(as_json(record()))
    for host in ("online", "hotseat"):
        assert set(now[host]) == set(recorded[host]), host
        for name, frames in recorded[host].items():
            got = now[host][name]
            for i, (want, had) in enumerate(zip(frames, got)):
                assert had == want, f"{host} {name} frame {i} ({want.get('type')})"
            assert len(got) == len(frames), f"{host} {name}: {len(got)} frames, not {len(frames)}"


def test_the_transcript_compares_key_order_too():
    """Dicts compare equal whatever their order, but MessagePack keeps it on the wire: the
    recorded text is compared as text as well."""
    assert as_json(record()) == GOLDEN.read_text(encoding="utf-8")
