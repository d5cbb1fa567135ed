"""The report's year-on-year bar chart as a PNG, drawn with Pillow (already a dependency of
WeasyPrint and openpyxl's image support) in the system's CJK sans font (fonts-noto-cjk)."""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
from collections.abc import Sequence
from decimal import Decimal

from PIL import Image, ImageDraw, ImageFont

SANS_FAMILY = "Noto Sans CJK SC"
WIDTH, HEIGHT = 1600, 900
PREV_COLOUR, CUR_COLOUR = (176, 190, 197), (198, 40, 40)


@functools.cache
def font_file(family: str = SANS_FAMILY) -> str | None:
    """The file fontconfig picks for `family` (None if fontconfig or the font is missing)."""
    if shutil.which("fc-match") is None:
        return None
    out = subprocess.run(
        ["fc-match", "-f", "%{file}", f"{family}:lang=zh-cn"], capture_output=True, text=True, check=False
    )
    return out.stdout.strip() or None


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = font_file()
    if path:
        try:
            return ImageFont.truetype(path, size, index=2 if path.endswith(".ttc") else 0)
        except OSError:
            pass
    return ImageFont.load_default(size)


def bar_chart(
    title: str,
    labels: Sequence[str],
    previous: Sequence[Decimal | int | float | None],
    current: Sequence[Decimal | int | float | None],
    *,
    year: int,
) -> bytes:
    """Grouped bars (last year grey, this year red) with the values written above each bar.

    A value of None (no data) draws no bar and no "0": no data is not zero.
    """
    img = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(img)
    f_title, f_label, f_value = _font(44), _font(26), _font(24)
    draw.text((WIDTH // 2, 40), title, font=f_title, fill="black", anchor="mt")
    left, right, top, bottom = 90, WIDTH - 40, 190, HEIGHT - 170
    values = [float(v or 0) for v in (*previous, *current)]
    peak = max(values) if values and max(values) > 0 else 1.0
    draw.line((left, bottom, right, bottom), fill="black", width=2)
    n = max(len(labels), 1)
    slot = (right - left) / n
    bar = slot * 0.32
    for i, label in enumerate(labels):
        x0 = left + i * slot + slot * 0.15
        for j, (series, colour) in enumerate(((previous, PREV_COLOUR), (current, CUR_COLOUR))):
            if series[i] is None:
                continue
            v = float(series[i] or 0)
            h = (bottom - top) * v / peak
            bx = x0 + j * bar
            draw.rectangle((bx, bottom - h, bx + bar - 4, bottom), fill=colour)
            shown = f"{v:g}" if v < 1e6 else f"{v / 1e4:.0f}万"
            draw.text((bx + bar / 2, bottom - h - 6), shown, font=f_value, fill="black", anchor="mb")
        text = label if len(label) <= 8 else label[:8] + "\n" + label[8:16]
        draw.multiline_text(
            (x0 + bar, bottom + 14), text, font=f_label, fill="black", anchor="ma", align="center"
        )
    # legend
    lx = WIDTH - 420
    for k, (name, colour) in enumerate(((f"{year - 1}年", PREV_COLOUR), (f"{year}年", CUR_COLOUR))):
        draw.rectangle((lx + k * 200, 100, lx + k * 200 + 36, 126), fill=colour)
        draw.text((lx + k * 200 + 46, 113), name, font=f_label, fill="black", anchor="lm")
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
