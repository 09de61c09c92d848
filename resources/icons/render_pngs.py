"""Render the application icon (liaison.svg) to PNGs at the sizes desktops ask for.

    QT_QPA_PLATFORM=offscreen .venv/bin/python resources/icons/render_pngs.py

Writes liaison-16.png … liaison-256.png beside the SVG (Qt's own SVG renderer, so nothing
outside the project's dependencies is needed). Re-run it after editing the SVG and commit
the PNGs with it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SIZES = (16, 32, 48, 64, 128, 256)
HERE = Path(__file__).resolve().parent


def render(svg: Path, size: int, target: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    if not image.save(str(target), "PNG"):
        raise SystemExit(f"could not write {target}")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    for svg in sorted(HERE.glob("*.svg")):
        if svg.stem != "liaison":
            continue  # action icons stay SVG only
        for size in SIZES:
            target = HERE / f"{svg.stem}-{size}.png"
            render(svg, size, target)
            print(target.relative_to(HERE.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
