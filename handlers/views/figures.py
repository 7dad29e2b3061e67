"""A chart's canvas, drawn in memory and never on a screen, for the evaluations' results and the
outcomes report.

Matplotlib is imported when the first chart is drawn, not when the views are: it cost every
process (web, clock, each command) half a second at start, and most never draw one. Charts are
made with matplotlib's objects, not pyplot, whose figures are shared state across the web
process's threads."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def new_figure(width: float, height: float) -> Figure:
    """A figure of `width` by `height` inches."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height))


def counted_in_whole_numbers(axis: Axes) -> None:
    """The axis's marks at whole numbers only: it counts people."""
    from matplotlib.ticker import MaxNLocator

    axis.yaxis.set_major_locator(MaxNLocator(integer=True))


def png(figure: Figure, dpi: int) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=dpi)
    return out.getvalue()
