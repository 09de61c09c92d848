"""format=flowed text (RFC 3676) joined back into paragraphs.

A line ending in a space is "soft": the next line of the same quote depth continues the
same paragraph.  With ``DelSp=yes`` that trailing space was added by the sender and is
removed when joining (needed for CJK text, which has no spaces between words).  Quote
markers (``>``) are counted per line; space-stuffing (a leading space added before ``>``,
``From `` or a space) is undone.  The signature separator ``-- `` is never soft.
"""

from __future__ import annotations


def _depth_and_content(line: str) -> tuple[int, str]:
    depth = len(line) - len(line.lstrip(">"))
    content = line[depth:]
    if content.startswith(" "):
        content = content[1:]  # space-stuffing
    return depth, content


def unflow(text: str, delsp: bool = False) -> str:
    """Plain text with soft line breaks removed and quote markers normalised to ``>> ``."""
    out: list[str] = []
    paragraph: list[str] = []
    paragraph_depth = 0

    def finish() -> None:
        prefix = ">" * paragraph_depth + " " if paragraph_depth else ""
        out.append(prefix + "".join(paragraph))
        paragraph.clear()

    open_paragraph = False
    for line in text.replace("\r\n", "\n").split("\n"):
        depth, content = _depth_and_content(line)
        if open_paragraph and depth != paragraph_depth:
            finish()  # a quote-depth change always ends a paragraph (RFC 3676 4.5)
            open_paragraph = False
        if not open_paragraph:
            paragraph_depth = depth
        soft = content.endswith(" ") and content != "-- "
        if soft and delsp:
            content = content[:-1]
        paragraph.append(content)
        open_paragraph = soft
        if not soft:
            finish()
            paragraph_depth = 0
    if paragraph:
        finish()
    return "\n".join(out).rstrip("\n")
