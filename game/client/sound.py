"""Short sound effects, synthesised with NumPy at start-up: no audio files in the repository.

Three cues: a battle (a burst of filtered noise with a low thump), a pact signed (a two-note
chime), war declared (a low, rough horn). Each is a few tenths of a second of 16-bit mono.

The mixer is opened only when sound is wanted and an audio device exists: never under
``SDL_AUDIODRIVER=dummy`` (tests, headless benches), and a machine without audio stays
silent instead of failing. ``Sounds.play`` is then a no-op that still counts the cue, so a
test can see what would have sounded.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import pygame

RATE = 22050
BATTLE, PACT, WAR = "battle", "pact", "war"


def _envelope(n: int, attack: float, rate: int = RATE) -> np.ndarray:
    """A quick rise then an exponential fall over ``n`` samples."""
    t = np.arange(n) / rate
    rise = np.clip(t / attack, 0.0, 1.0)
    return rise * np.exp(-t * 6.0 / (n / rate))


def synthesise(cue: str, rate: int = RATE) -> np.ndarray:
    """The cue's samples, int16 mono, deterministic (a fixed seed for the noise)."""
    if cue == BATTLE:
        n = int(0.45 * rate)
        t = np.arange(n) / rate
        noise = np.random.default_rng(7).standard_normal(n)
        smooth = np.convolve(noise, np.ones(12) / 12, mode="same")     # darker than hiss
        thump = np.sin(2 * np.pi * 70 * t) * np.exp(-t * 14)
        wave = 0.6 * smooth * _envelope(n, 0.005, rate) + 0.7 * thump
    elif cue == PACT:
        n = int(0.6 * rate)
        t = np.arange(n) / rate
        first = np.sin(2 * np.pi * 659.25 * t) * (t < 0.22)               # E5, then
        second = np.sin(2 * np.pi * 880.0 * t) * (t >= 0.18)               # A5
        wave = (first + second) * _envelope(n, 0.01, rate) * 0.5
    elif cue == WAR:
        n = int(0.7 * rate)
        t = np.arange(n) / rate
        base = 2 * np.pi * 110 * t
        wave = (np.sin(base) + 0.5 * np.sin(2 * base) + 0.3 * np.sign(np.sin(3 * base)))
        wave = wave * _envelope(n, 0.04, rate) * 0.35
    else:
        raise ValueError(f"no sound effect called {cue!r}")
    wave = wave / max(1e-9, float(np.max(np.abs(wave)))) * 0.8
    return (wave * 32767).astype(np.int16)


def audio_possible() -> bool:
    """Whether opening the mixer may be tried (never with the dummy audio driver)."""
    return os.environ.get("SDL_AUDIODRIVER") != "dummy"


class Sounds:
    """The game's cues; ``muted`` silences them (Ctrl+M, or the menu's setting)."""

    def __init__(self, *, muted: bool = False) -> None:
        self.muted = muted
        self.played: list[str] = []          # every cue asked for (tests read it)
        self._sounds: dict[str, Any] | None = None

    def _load(self) -> dict[str, Any]:
        """Open the mixer and make the cues, once; {} when there is no audio."""
        if self._sounds is not None:
            return self._sounds
        self._sounds = {}
        if not audio_possible():
            return self._sounds
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=RATE, size=-16, channels=1)
            freq, _size, channels = pygame.mixer.get_init()
            for cue in (BATTLE, PACT, WAR):
                samples = synthesise(cue, freq)
                if channels > 1:
                    samples = np.repeat(samples[:, None], channels, axis=1)
                self._sounds[cue] = pygame.sndarray.make_sound(np.ascontiguousarray(samples))
        except (pygame.error, ValueError, TypeError):
            self._sounds = {}           # no device, or one we cannot feed: stay silent
        return self._sounds

    @property
    def audible(self) -> bool:
        """Whether the cues reach an audio device (False when muted or without audio)."""
        return not self.muted and bool(self._load())

    def play(self, cue: str) -> None:
        self.played.append(cue)
        if self.muted:
            return
        sound = self._load().get(cue)
        if sound is not None:
            sound.play()

    def toggle_mute(self) -> bool:
        self.muted = not self.muted
        return self.muted
