"""The report's plots, drawn by matplotlib on its Agg backend (no display, no window):
the four measures per power per turn, and the losses of each war.

Each function returns PNG bytes, ready to be embedded in the page.
"""

from __future__ import annotations

import io
from typing import Any

from game.words.palette import hex_colour

from .record import MatchRecord
from .series import MEASURES, Series, WarLosses

DPI = 100


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)   # headless, whatever the user's matplotlibrc says
    import matplotlib.pyplot as plt

    return plt


def _png(fig: Any) -> bytes:
    out = io.BytesIO()
    # No timestamp or version in the file: the same match gives the same bytes.
    fig.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
    _pyplot().close(fig)
    return out.getvalue()


def _colour(record: MatchRecord, power: str) -> str:
    """The power's colour as the map shows it (a malformed scenario colour falls back)."""
    info = next((p for p in record.scenario.powers if p.id == power), None)
    r, g, b = hex_colour(getattr(info, "color", None))
    return f"#{r:02x}{g:02x}{b:02x}"


def measures_png(record: MatchRecord, figures: Series) -> bytes:
    """Territory value, units, legitimacy and credibility per power over the turns."""
    plt = _pyplot()
    fig, axes = plt.subplots(2, 2, figsize=(9.6, 6.4), sharex=True)
    for ax, (measure, title) in zip(axes.flat, MEASURES):
        for power in record.powers:
            ax.plot(figures.turns, figures.values[measure][power], marker="o", markersize=3,
                    linewidth=1.8, color=_colour(record, power),
                    label=record.power_name(power))
        ax.set_title(title, fontsize=10)
        ax.grid(True, alpha=0.3)
        if measure in ("legitimacy", "credibility"):
            ax.set_ylim(0, 100)
        else:
            ax.set_ylim(bottom=0)
            ax.yaxis.get_major_locator().set_params(integer=True)   # no half units
        ax.xaxis.get_major_locator().set_params(integer=True)
    for ax in axes[1]:
        ax.set_xlabel("turn (0 = start)")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=min(6, len(labels)), frameon=False)
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    return _png(fig)


def losses_png(record: MatchRecord, wars: list[WarLosses]) -> bytes | None:
    """A bar pair per war: the units each side lost in it (None: no battle was fought)."""
    if not wars:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(9.6, 0.6 + 0.55 * len(wars) + 1.0))
    labels = []
    for k, war in enumerate(wars):
        a, b = war.sides
        labels.append(f"{record.power_name(a)} – {record.power_name(b)}")
        for side, (power, lost) in enumerate(zip(war.sides, war.losses)):
            colour = _colour(record, power) if power != "neutral" else "#999999"
            y = k + (-0.2 if side == 0 else 0.2)
            ax.barh(y, lost, height=0.38, color=colour)
            ax.text(lost, y, f" {record.power_name(power)} {lost}", va="center", fontsize=8)
    ax.set_yticks(range(len(wars)), labels)
    ax.invert_yaxis()
    ax.set_xlabel("units lost in battle")
    ax.set_title("Losses per war", fontsize=10)
    ax.grid(True, axis="x", alpha=0.3)
    top = max(max(w.losses) for w in wars)
    ax.set_xlim(0, max(1, top) * 1.35)
    ax.xaxis.get_major_locator().set_params(integer=True)   # whole units
    fig.tight_layout()
    return _png(fig)
