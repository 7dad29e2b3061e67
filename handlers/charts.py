"""The team's chart of an evaluation's scale questions, by role, as a PNG (matplotlib)."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # no screen: draw to memory
import matplotlib.pyplot as plt

from bot.notices import ResultsForTeam

ROLE_COLOURS = {"mentee": "#2a9d8f", "mentor": "#e76f51"}


def results_png(results: ResultsForTeam) -> bytes:
    scales = results.scales or ()
    figure, axes = plt.subplots(
        max(len(scales), 1), 1, figsize=(7, 2.4 * max(len(scales), 1)), squeeze=False
    )
    figure.suptitle(
        f"{results.form.title}: {results.finished} of {results.invited} finished", fontsize=12
    )
    for axis, scale in zip(axes[:, 0], scales, strict=False):
        points = list(range(scale.low, scale.high + 1))
        width = 0.8 / max(len(scale.counts), 1)
        for n, (role, by_score) in enumerate(sorted(scale.counts.items())):
            axis.bar(
                [p + (n - (len(scale.counts) - 1) / 2) * width for p in points],
                [by_score.get(p, 0) for p in points],
                width=width,
                label=f"{role}s",
                color=ROLE_COLOURS.get(role),
            )
        axis.set_title(scale.question, fontsize=9, wrap=True)
        axis.set_xticks(points)
        axis.yaxis.get_major_locator().set_params(integer=True)
        if scale.counts:
            axis.legend(fontsize=8)
        else:
            axis.text(
                0.5, 0.5, "no answers yet", ha="center", va="center", transform=axis.transAxes
            )
    if not scales:
        axes[0, 0].text(0.5, 0.5, "this form has no scale questions", ha="center", va="center")
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=100)
    plt.close(figure)
    return out.getvalue()
